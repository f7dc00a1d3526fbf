//! What every kind of id is: a `u64` newtype, built from a number or from the model it
//! identifies, written as the number on the wire. `generated/ids.rs` declares the kinds.

/// Declares a kind of id: the newtype and its conversions (`From<u64>`, `From<&Model>` for
/// each model it identifies, `Into<u64>`, `Display`, `FromStr`, comparison with `u64`).
macro_rules! id_kind {
    ($(#[$doc:meta])* $name:ident identifies [$($model:ident),*]) => {
        $(#[$doc])*
        ///
        /// A number on the wire. Built from a `u64` (`StaffId::from(7)`, `StaffId(7)`, or
        /// `7` wherever a setter takes `impl Into<...>`) or from the model it identifies.
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize,
            serde::Deserialize,
        )]
        #[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl $name {
            /// The number.
            pub const fn get(self) -> u64 {
                self.0
            }
        }

        impl From<u64> for $name {
            fn from(id: u64) -> Self {
                Self(id)
            }
        }

        impl From<$name> for u64 {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl From<&$name> for $name {
            fn from(id: &$name) -> Self {
                *id
            }
        }

        impl PartialEq<u64> for $name {
            fn eq(&self, other: &u64) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<$name> for u64 {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.trim().parse().map(Self)
            }
        }

        impl crate::wire::payload::ToWire for $name {
            fn to_wire(&self) -> serde_json::Value {
                serde_json::Value::from(self.0)
            }
        }

        $(
            impl From<&crate::$model> for $name {
                fn from(model: &crate::$model) -> Self {
                    model.id
                }
            }
        )*
    };
}

pub(crate) use id_kind;

#[cfg(test)]
mod tests {
    use crate::{Staff, StaffId, TicketId};

    #[test]
    fn ids_convert_compare_and_travel_as_numbers() {
        let staff: Staff = serde_json::from_str(r#"{"id": 7, "name": "Ana"}"#).unwrap();
        assert_eq!(StaffId::from(&staff), StaffId(7));
        assert_eq!(staff.id, 7);
        assert_eq!(u64::from(staff.id), 7);
        assert_eq!(staff.id.to_string(), "7");
        assert_eq!(" 12 ".parse::<TicketId>().unwrap(), TicketId(12));
        assert_eq!(serde_json::to_string(&TicketId(12)).unwrap(), "12");
        assert!("#12".parse::<TicketId>().is_err());
    }
}
