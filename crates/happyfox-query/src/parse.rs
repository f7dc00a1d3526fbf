//! The recursive-descent parser of query text (decoded: `+` is an ordinary character).
//!
//! ```text
//! query  = ws* [ term (ws+ term)* ] ws*
//! term   = name ":" ws* value ("," ws* value)*      a field term
//!        | word                                     free text (`""` alone adds nothing)
//! name   = word                                     system field names ignore case
//! value  = word
//! word   = '"' [^"]* '"' | [^ws",:]+
//! ```

use crate::ast::{Field, Query, Term};
use crate::error::ParseError;
use crate::value::{Value, ValueKind};

const TERM: &str = "a term: free text, or a field name followed by `:`";
const SEPARATOR: &str = "a space between terms, or the end of the query";
const PLUS_SEPARATOR: &str =
    "a space between terms (`+` joins terms only in the URL form: use `Query::parse_url_form`)";
const CLOSING_QUOTE: &str = "a closing `\"` for the quote opened here";
const FIELD_NAME: &str = "a field name before `:`";

/// Parses `text`; errors quote `original`, which has the same length (`text` may be
/// `original` with every `+` turned into a space).
pub(crate) fn parse(text: &str, original: &str) -> Result<Query, ParseError> {
    let mut parser = Parser {
        text,
        original,
        pos: 0,
    };
    let mut terms = Vec::new();
    parser.skip_whitespace();
    while parser.pos < text.len() {
        if let Some(term) = parser.term()? {
            terms.push(term);
        }
        if !parser.skip_whitespace() && parser.pos < text.len() {
            let expected = if parser.peek() == Some('+') {
                PLUS_SEPARATOR
            } else {
                SEPARATOR
            };
            return Err(parser.error(parser.pos, expected));
        }
    }
    Ok(Query {
        terms,
        refused: None,
    })
}

struct Parser<'a> {
    text: &'a str,
    original: &'a str,
    pos: usize,
}

/// A word and whether it was quoted.
struct Word<'a> {
    text: &'a str,
    quoted: bool,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn error(&self, offset: usize, expected: &'static str) -> ParseError {
        ParseError::new(self.original, offset, expected)
    }

    /// Skips whitespace; whether there was any.
    fn skip_whitespace(&mut self) -> bool {
        let start = self.pos;
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
        self.pos > start
    }

    /// A quoted or bare word; a bare word may be empty (at `,`, `:` or the end).
    fn word(&mut self) -> Result<Word<'a>, ParseError> {
        let start = self.pos;
        if self.peek() == Some('"') {
            let inner = start + 1;
            let close = self.text[inner..]
                .find('"')
                .ok_or_else(|| self.error(start, CLOSING_QUOTE))?;
            self.pos = inner + close + 1;
            return Ok(Word {
                text: &self.text[inner..inner + close],
                quoted: true,
            });
        }
        while let Some(c) = self
            .peek()
            .filter(|&c| !c.is_whitespace() && !matches!(c, '"' | ',' | ':'))
        {
            self.pos += c.len_utf8();
        }
        Ok(Word {
            text: &self.text[start..self.pos],
            quoted: false,
        })
    }

    /// A term, or `None` for an empty quoted word (`q=""`).
    fn term(&mut self) -> Result<Option<Term>, ParseError> {
        let start = self.pos;
        let word = self.word()?;
        if self.peek() == Some(':') {
            if word.text.is_empty() {
                return Err(self.error(start, if word.quoted { FIELD_NAME } else { TERM }));
            }
            self.pos += 1;
            let field = Field::from_name(word.text);
            let values = self.values(field.kind())?;
            return Ok(Some(Term::Field { field, values }));
        }
        match word {
            Word {
                text: "",
                quoted: true,
            } => Ok(None),
            Word {
                text: "",
                quoted: false,
            } => Err(self.error(start, TERM)),
            Word { text, .. } => Ok(Some(Term::FreeText(text.to_owned()))),
        }
    }

    /// The comma-separated values after `:`.
    fn values(&mut self, kind: ValueKind) -> Result<Vec<Value>, ParseError> {
        let mut values = Vec::new();
        loop {
            self.skip_whitespace();
            let start = self.pos;
            let word = self.word()?;
            let value = Value::from_wire(kind, word.text)
                .ok_or_else(|| self.error(start, kind.expected()))?;
            values.push(value);
            if self.peek() != Some(',') {
                return Ok(values);
            }
            self.pos += 1;
        }
    }
}
