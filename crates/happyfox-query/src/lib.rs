//! The HappyFox ticket search language (`q=` of the ticket list): a typed syntax tree, a
//! parser, a canonical renderer and a builder.
//!
//! ```
//! use chrono::NaiveDate;
//! use happyfox_query::{Field, Keyword, Query, SystemField, Term, Value};
//!
//! // Build, then render the canonical form (the reference's own form).
//! let date = NaiveDate::from_ymd_opt(2019, 1, 25).unwrap();
//! let query = Query::new()
//!     .status(["New", "In Progress"])
//!     .tag("routine_checks")
//!     .created_on_or_after(date)
//!     .assignee(Keyword::Any)
//!     .has_attachments(true)
//!     .id(["DC00000001", "2"])
//!     .custom("Team Name", "arsenal")
//!     .build()?;
//! assert_eq!(
//!     query.to_string(),
//!     r#"status:"New","In Progress" tag:"routine_checks" created-on-or-after:"2019/01/25" assignee:--any has_attachments:true id:DC00000001,2 "Team Name":"arsenal""#
//! );
//!
//! // Parse (loose forms are accepted), then look at the tree.
//! let parsed = Query::parse(r#"Status:"New","Closed" has_attachments:TRUE Country: finland disk"#)?;
//! assert_eq!(
//!     parsed.terms()[1],
//!     Term::Field { field: Field::System(SystemField::HasAttachments), values: vec![Value::Bool(true)] },
//! );
//! assert_eq!(parsed.terms()[3], Term::FreeText("disk".into()));
//! assert_eq!(
//!     parsed.to_string(),
//!     r#"status:"New","Closed" has_attachments:true "Country":"finland" disk"#
//! );
//!
//! // The reference's URL form, where `+` stands for a space.
//! let url_form = Query::parse_url_form(r#"tag:"routine_checks"+status:"In+Progress","New""#)?;
//! assert_eq!(url_form.to_string(), r#"tag:"routine_checks" status:"In Progress","New""#);
//!
//! // Pasted text: either form, but never a `+` that could mean a space or a `+`.
//! assert_eq!(Query::parse_raw(r#"tag:"a"+status:"In+Progress""#)?.to_string(), r#"tag:"a" status:"In Progress""#);
//! let ambiguous = Query::parse_raw(r#"status:"In+Progress""#).unwrap_err();
//! assert!(ambiguous.help().unwrap().starts_with(r#"write `status:"In Progress"`"#));
//!
//! // Errors are values, positioned in the input.
//! let error = Query::parse("status:").unwrap_err();
//! assert_eq!(error.offset(), 7);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The language
//!
//! A query is a list of terms separated by whitespace, all of which must match (AND). A term
//! is either a field with one or more comma-separated values, any of which may match (OR),
//! or free text. Fields are the [`SystemField`]s (names ignore case) or a ticket or contact
//! custom field by name ([`Field::Custom`]). Values of system fields are typed
//! ([`ValueKind`]): dates `yyyy/mm/dd`, booleans, [`DueDate`] keywords, assignee and group
//! [`Keyword`]s (`--none`, `--any` or a name); the rest, and every custom field value, are
//! text (a custom date field takes the portal's format, e.g. `08/23/2019`, so stays text).
//!
//! The parser accepts the reference's loose forms: field names bare or quoted, a space after
//! the colon (`contact: "james@example.com"`) and after a comma, bare values (`id:DC00000001,2`,
//! `has_attachments:true`), any case for field names, booleans and due dates. A term, a value
//! or a field name holding whitespace, `,` or `:` must be quoted. `""` alone (as in `q=""`)
//! adds nothing, so `""` parses to the empty query. Errors are a [`ParseError`] with the byte
//! offset and what was expected; its `Display` shows the input with a caret.
//!
//! # `+` and URL encoding
//!
//! [`Query::parse`] takes the *decoded* text, in which `+` is an ordinary character (`C++`
//! is free text). The reference writes its examples in URL form, where `+` stands for a
//! space, both between terms and inside quoted values (`status:"In+Progress"`):
//! [`Query::parse_url_form`] reads that form by turning every `+` into a space first (so it
//! cannot express a literal `+`). [`Query::parse_raw`] reads text as people paste it: either
//! form when only one of them parses, and an error with both spellings when the `+` could be
//! either (so a search never silently matches nothing). URL encoding is the caller's job:
//! spaces travel as `+` or `%20`, never as `%2B`, which HappyFox takes as a literal `+` (and
//! an encoded `%2B` between terms silently matches nothing); a `+` that belongs to a value
//! must be sent as `%2B`.
//!
//! # Canonical form
//!
//! `Display` writes one canonical text per query, in the form the reference's examples use:
//! terms separated by one space; system fields by their lowercase wire name, bare; custom
//! field names always quoted (the reference's prose leaves one-word names bare, its examples
//! quote them: HappyFox reads both); values of text fields (status, priority, tag, contact,
//! custom fields), dates (`yyyy/mm/dd`) and assignee or group names in quotes; booleans
//! (lowercase), ticket ids, `--none` / `--any` and one-word due dates bare (`next 7 days`
//! quoted); free text bare when it is one word. Every query that is not refused renders to
//! text that parses back to the same query, and the parse of every example string of the
//! reference renders back to that string, but for the two spots where the reference breaks
//! its own rules (`contact: "..."` with a space after the colon, `Field1:` unquoted).
//!
//! # Double quotes and other inexpressible input
//!
//! HappyFox documents no escape for `"` inside a quoted value, so a value, name or free text
//! containing `"` cannot be written. The builder methods never fail (they chain); an input
//! the language cannot express (`"`, an empty string, a custom field named like a system
//! field, a keyword given as a name, a year outside 0000-9999, a value of the wrong type) is
//! left out and marks the query *refused*: [`Query::build`], [`Query::validate`] and
//! [`Query::render`] return the [`BuildError`]. A refused query's `Display` is text that never
//! parses (an unterminated quote holding the error), never a query that means something else:
//! call `build`, `validate` or `render` before sending a built query.
//! [`Query::from_terms`] checks a hand-assembled tree the same way.
//!
//! # Evaluating a query (for an emulator)
//!
//! A ticket matches a query when it matches every term of [`Query::terms`] (the empty query
//! matches everything); it matches a [`Term::Field`] when it matches any of its values, and a
//! [`Term::FreeText`] when the subject or a message contains the text. Date fields compare
//! the calendar day (UTC) of a moment of the ticket with the value:
//! [`SystemField::date_condition`] says which moment and [`DateComparison::holds`] compares.
//! Custom field names and values are matched ignoring case; tags, assignee and group names
//! are case sensitive, as the reference says.
//!
//! # Sorting
//!
//! [`Sort`] holds every documented `sort=` option; `FromStr` accepts only those names.
//!
//! The value kinds, system fields and sort options come from `spec/search.toml` through
//! `cargo xtask codegen` (see `src/generated/`).

#![warn(missing_docs)]

mod ast;
mod builder;
mod error;
mod generated;
mod parse;
mod raw;
mod render;
mod sort;
mod validate;
mod value;

pub use ast::{Field, Query, Term};
pub use builder::OneOrMany;
pub use error::{BuildError, ParseError, Problem};
pub use generated::fields::SystemField;
pub use generated::sort::Sort;
pub use sort::UnknownSort;
pub use value::{
    Assignee, DateComparison, DateCondition, DateMoment, DueDate, Group, Keyword, Value, ValueKind,
};

/// The crate's README (the registry's page) compiles and runs as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct CrateReadmeDoctest;
