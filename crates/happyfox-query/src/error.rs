//! The two ways a query can be wrong: malformed text ([`ParseError`]) and a built or assembled
//! query that has no faithful text form ([`BuildError`]).

use std::fmt;

/// Malformed (or, for [`crate::Query::parse_raw`], ambiguous) query text: where it went
/// wrong and what was expected there. Its `Display` shows the message, then the input line
/// with a caret under the offending position, then what to write instead when that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    input: String,
    offset: usize,
    expected: &'static str,
    help: Option<String>,
}

impl ParseError {
    pub(crate) fn new(input: &str, offset: usize, expected: &'static str) -> Self {
        ParseError {
            input: input.to_owned(),
            offset,
            expected,
            help: None,
        }
    }

    pub(crate) fn with_help(mut self, help: String) -> Self {
        self.help = Some(help);
        self
    }

    /// What to write instead, when the parser can tell (e.g. the two readings of an
    /// ambiguous `+`).
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// Byte offset in the input where the problem is (the input's length at its end).
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// What was expected at [`ParseError::offset`].
    pub fn expected(&self) -> &'static str {
        self.expected
    }

    /// The text that was parsed.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The input line holding the offset, and under it a caret at the offset's column
    /// (counted in characters: wide characters may shift it). Control characters are shown
    /// as spaces. A line longer than 80 characters is shown as the 40 characters on either
    /// side of the offset, with `…` for the rest, so the message stays short however long
    /// the input.
    pub fn render_with_caret(&self) -> String {
        const SIDE: usize = 40;
        let start = self.input[..self.offset].rfind('\n').map_or(0, |i| i + 1);
        let end = self.input[self.offset..]
            .find('\n')
            .map_or(self.input.len(), |i| self.offset + i);
        let shown = |text: &str| -> String {
            text.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect()
        };
        let before: Vec<char> = self.input[start..self.offset].chars().collect();
        let after: Vec<char> = self.input[self.offset..end].chars().collect();
        let (mut line, mut column) = (String::new(), before.len());
        if before.len() + after.len() > 2 * SIDE {
            let skipped = before.len().saturating_sub(SIDE);
            if skipped > 0 {
                line.push('…');
                column = SIDE + 1;
            }
            line.push_str(&shown(&before[skipped..].iter().collect::<String>()));
            line.push_str(&shown(&after.iter().take(SIDE).collect::<String>()));
            if after.len() > SIDE {
                line.push('…');
            }
        } else {
            line = shown(&self.input[start..end]);
        }
        format!("  {line}\n  {}^", " ".repeat(column))
    }

    fn found(&self) -> String {
        match self.input[self.offset..].chars().next() {
            Some(c) if c.is_whitespace() || c.is_control() => format!("{c:?}"),
            Some(c) => format!("`{c}`"),
            None => "the end of the query".to_owned(),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "expected {}, found {} (byte {})\n{}",
            self.expected,
            self.found(),
            self.offset,
            self.render_with_caret()
        )?;
        match &self.help {
            Some(help) => write!(f, "\nhelp: {help}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for ParseError {}

/// A query that cannot be written faithfully: a builder input or an assembled term that the
/// language cannot express. [`crate::Query::build`] and [`crate::Query::from_terms`] return
/// it; the message names the term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    term: String,
    problem: Problem,
}

/// What is wrong with a term ([`BuildError::problem`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A value or name (given) contains `"`: HappyFox documents no escape for it.
    DoubleQuote(String),
    /// A value, name or free text is empty.
    Empty,
    /// A field term has no value.
    NoValues,
    /// A value does not have the field's type.
    WrongKind(crate::ValueKind),
    /// A custom field is named like a system field (names ignore case), so it would read
    /// back as the system field.
    SystemFieldName,
    /// An assignee or group name is `--none` or `--any`: use [`crate::Keyword::None`] or
    /// [`crate::Keyword::Any`].
    KeywordAsName,
    /// A date outside years 0000 to 9999 has no `yyyy/mm/dd` form.
    DateOutOfRange,
}

impl BuildError {
    pub(crate) fn new(term: impl Into<String>, problem: Problem) -> Self {
        BuildError {
            term: term.into(),
            problem,
        }
    }

    /// The term (field name, or `free text`) the problem is in.
    pub fn term(&self) -> &str {
        &self.term
    }

    /// What is wrong.
    pub fn problem(&self) -> &Problem {
        &self.problem
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "search term `{}`: ", self.term)?;
        match &self.problem {
            Problem::DoubleQuote(text) => write!(
                f,
                "{text:?} contains `\"`, which HappyFox's search language cannot express"
            ),
            Problem::Empty => f.write_str("a value or name is empty"),
            Problem::NoValues => f.write_str("the term has no value"),
            Problem::WrongKind(kind) => write!(f, "expected {}", kind.expected()),
            Problem::SystemFieldName => {
                f.write_str("a custom field cannot be named like a system field")
            }
            Problem::KeywordAsName => {
                f.write_str("`--none` and `--any` are keywords: use Keyword::None or Keyword::Any")
            }
            Problem::DateOutOfRange => f.write_str("the date's year is outside 0000 to 9999"),
        }
    }
}

impl std::error::Error for BuildError {}
