//! Case-insensitive substring tests for free-text search, without allocating for ASCII text
//! (what nearly every subject and message is).

/// Whether `haystack.to_lowercase()` contains `needle`, which is already in lower case.
pub fn contains_lowercased(haystack: &str, needle: &str) -> bool {
    if !haystack.is_ascii() {
        return haystack.to_lowercase().contains(needle);
    }
    // The lower case of ASCII text is ASCII: a needle with other characters is not in it.
    if !needle.is_ascii() {
        return false;
    }
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let last_start = haystack.len().saturating_sub(needle.len());
    haystack.len() >= needle.len()
        && (0..=last_start).any(|at| {
            haystack[at].to_ascii_lowercase() == first
                && haystack[at + 1..at + needle.len()]
                    .iter()
                    .zip(rest)
                    .all(|(h, n)| h.to_ascii_lowercase() == *n)
        })
}

#[cfg(test)]
mod tests {
    use super::contains_lowercased;

    #[test]
    fn matches_what_lowercasing_matches() {
        let cases = [
            ("VPN disconnects every hour", "vpn"),
            ("VPN disconnects every hour", "hour"),
            ("VPN disconnects every hour", "hours"),
            ("VPN", "vpn disconnects"),
            ("abc", ""),
            ("", ""),
            ("", "a"),
            ("Straße ÖL", "öl"),
            ("Straße ÖL", "sse"),
            ("ΟΔΟΣ", "οδος"),
            ("ΟΔΟΣ", "οδοσ"),
            ("KELVIN \u{212A}", "k"),
            ("plain ascii", "é"),
            ("aaab", "aab"),
        ];
        for (haystack, needle) in cases {
            let needle = needle.to_lowercase();
            assert_eq!(
                contains_lowercased(haystack, &needle),
                haystack.to_lowercase().contains(&needle),
                "{haystack:?} {needle:?}"
            );
        }
    }
}
