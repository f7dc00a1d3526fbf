//! String enums of the API: known values by name, anything else kept as `Unknown(String)`.

/// A string enum generated from the spec. The serde and schema impls come from
/// [`wire_enum_impls!`].
pub(crate) trait WireEnum: Sized {
    /// Every documented wire value.
    #[cfg_attr(
        not(feature = "openapi"),
        expect(
            dead_code,
            reason = "read by the JsonSchema impl of the `openapi` feature"
        )
    )]
    const KNOWN: &'static [&'static str];
    /// The value as sent on the wire.
    fn as_str(&self) -> &str;
    /// Reads a wire value; unknown values become the `Unknown` variant.
    fn from_wire(value: &str) -> Self;
}

/// Implements Display, FromStr, Serialize, Deserialize (and, with the `openapi` feature,
/// JsonSchema) for a [`WireEnum`].
macro_rules! wire_enum_impls {
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::wire::enums::WireEnum::as_str(self))
            }
        }
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(<$name as $crate::wire::enums::WireEnum>::from_wire(s))
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::wire::enums::WireEnum::as_str(self))
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                Ok(<$name as $crate::wire::enums::WireEnum>::from_wire(&value))
            }
        }
        #[cfg(feature = "openapi")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({
                    "type": "string",
                    "description": "Known values are listed in `examples`; other values are accepted and kept.",
                    "examples": <$name as $crate::wire::enums::WireEnum>::KNOWN,
                })
            }
        }
    };
}

pub(crate) use wire_enum_impls;
