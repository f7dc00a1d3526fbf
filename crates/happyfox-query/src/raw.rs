//! Reading a search string as a person pastes it ([`Query::parse_raw`]): decoded text, or the
//! reference's URL form where `+` stands for a space, refusing text that could mean either,
//! and percent-encoded text, rather than sending a search that silently matches nothing.

use crate::ast::Query;
use crate::error::ParseError;

const AMBIGUOUS_PLUS: &str =
    "no bare `+`: it reads as a space in the reference's URL form and as a literal `+` otherwise";
const PERCENT_ENCODED: &str =
    "decoded text, not a percent-escape (the client encodes the query itself)";

/// See [`Query::parse_raw`].
pub(crate) fn parse_raw(text: &str) -> Result<Query, ParseError> {
    if let Some(offset) = percent_escape(text) {
        let help = format!(
            "write the decoded text: `{}`",
            percent_decode(&text.replace('+', " "))
        );
        return Err(ParseError::new(text, offset, PERCENT_ENCODED).with_help(help));
    }
    let Some(plus) = text.find('+') else {
        return Query::parse(text);
    };
    match (Query::parse(text), Query::parse_url_form(text)) {
        (Err(_), Ok(url_form)) => Ok(url_form),
        (Ok(decoded), Err(_)) => Ok(decoded),
        (Ok(decoded), Ok(url_form)) if decoded == url_form => Ok(decoded),
        (Ok(decoded), Ok(url_form)) => {
            let help = format!(
                "write `{}` if `+` stands for a space (the reference's URL form); for a literal `+`, \
                 as in `{decoded}`, pass a query parsed with `Query::parse` (decoded text) or built \
                 with the builder",
                shown(&url_form)
            );
            Err(ParseError::new(text, plus, AMBIGUOUS_PLUS).with_help(help))
        }
        (Err(decoded), Err(url_form)) => {
            // A `+` where the decoded reading stopped means the URL form was meant: its
            // error is the one that points at the real mistake.
            let at_plus = text[decoded.offset()..].starts_with('+');
            Err(if at_plus { url_form } else { decoded })
        }
    }
}

fn shown(query: &Query) -> String {
    let text = query.to_string();
    if text.is_empty() {
        "\"\"".to_owned()
    } else {
        text
    }
}

/// The offset of the first `%` followed by two hex digits.
fn percent_escape(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| {
        bytes[i] == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
    })
}

/// Replaces every `%HH` by its byte (invalid UTF-8 shown with replacement characters).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escape = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escape {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
