//! Reading and writing [`Sort`] options (the enum itself is generated from the spec).

use std::fmt;
use std::str::FromStr;

use crate::generated::sort::Sort;

impl fmt::Display for Sort {
    /// The wire name ([`Sort::as_str`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Sort {
    type Err = UnknownSort;

    /// Only the documented wire names, exactly (case sensitive).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Sort::ALL
            .into_iter()
            .find(|sort| sort.as_str() == text)
            .ok_or_else(|| UnknownSort(text.to_owned()))
    }
}

/// A sort name that is not documented; its message lists the valid ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSort(pub String);

impl fmt::Display for UnknownSort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let valid: Vec<&str> = Sort::ALL.iter().map(|sort| sort.as_str()).collect();
        write!(
            f,
            "unknown sort option {:?}; valid options: {}",
            self.0,
            valid.join(", ")
        )
    }
}

impl std::error::Error for UnknownSort {}
