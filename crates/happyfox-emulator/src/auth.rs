//! HTTP Basic authentication: the API key is the user name, the auth code the password.
//! The scheme name is case-insensitive (RFC 9110 section 11.1): `Basic`, `basic`, `BASIC`.

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Whether `headers` carry Basic credentials equal to `api_key:auth_code`.
pub fn is_authorized(headers: &HeaderMap, api_key: &str, auth_code: &str) -> bool {
    let Some((scheme, encoded)) = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
    else {
        return false;
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return false;
    }
    let Ok(decoded) = STANDARD.decode(encoded.trim()) else {
        return false;
    };
    let Ok(text) = String::from_utf8(decoded) else {
        return false;
    };
    text.split_once(':')
        .is_some_and(|(key, code)| key == api_key && code == auth_code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn checks_both_parts() {
        let mut headers = HeaderMap::new();
        assert!(!is_authorized(&headers, "k", "c"));
        let good = format!("Basic {}", STANDARD.encode("k:c"));
        headers.insert(AUTHORIZATION, HeaderValue::from_str(&good).unwrap());
        assert!(is_authorized(&headers, "k", "c"));
        assert!(!is_authorized(&headers, "k", "other"));
        for scheme in ["basic", "BASIC", "bAsIc"] {
            let other_case = format!("{scheme}  {}", STANDARD.encode("k:c"));
            headers.insert(AUTHORIZATION, HeaderValue::from_str(&other_case).unwrap());
            assert!(is_authorized(&headers, "k", "c"), "{scheme}");
        }
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer azpj"));
        assert!(!is_authorized(&headers, "k", "c"));
    }
}
