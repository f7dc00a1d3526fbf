//! The parser's loose forms, typed values and positioned errors.

use chrono::NaiveDate;
use happyfox_query::{DueDate, Field, Keyword, ParseError, Query, SystemField, Term, Value};

fn parse(text: &str) -> Query {
    Query::parse(text).unwrap_or_else(|error| panic!("{text}:\n{error}"))
}

fn error(text: &str) -> ParseError {
    match Query::parse(text) {
        Ok(query) => panic!("{text} parsed to {query:?}"),
        Err(error) => error,
    }
}

fn system(field: SystemField, values: Vec<Value>) -> Term {
    Term::Field {
        field: Field::System(field),
        values,
    }
}

#[test]
fn empty_queries() {
    for text in ["", "   ", "\"\"", " \"\" ", "\"\" \"\""] {
        assert!(parse(text).is_empty(), "{text:?}");
        assert_eq!(parse(text).to_string(), "");
    }
}

#[test]
fn field_names_ignore_case_and_quotes() {
    let expected = [system(SystemField::Status, vec![Value::Text("New".into())])];
    for text in [
        "status:New",
        "STATUS:\"New\"",
        "\"Status\":New",
        "status: \"New\"",
    ] {
        assert_eq!(parse(text).terms(), expected, "{text}");
    }
}

#[test]
fn values_are_typed() {
    let query = parse(
        "created-on:2019/01/25 breached:FALSE duedate:\"Next 7 Days\",overdue assignee:--none,\"--NONE\",bob group:--any",
    );
    let day = NaiveDate::from_ymd_opt(2019, 1, 25).expect("a day");
    assert_eq!(
        query.terms(),
        [
            system(SystemField::CreatedOn, vec![Value::Date(day)]),
            system(SystemField::Breached, vec![Value::Bool(false)]),
            system(
                SystemField::Duedate,
                vec![
                    Value::DueDate(DueDate::Next7Days),
                    Value::DueDate(DueDate::Overdue)
                ]
            ),
            system(
                SystemField::Assignee,
                vec![
                    Value::Keyword(Keyword::None),
                    Value::Keyword(Keyword::Name("--NONE".into())),
                    Value::Keyword(Keyword::Name("bob".into())),
                ],
            ),
            system(SystemField::Group, vec![Value::Keyword(Keyword::Any)]),
        ]
    );
}

#[test]
fn custom_fields_and_free_text() {
    let query =
        parse("\"Date Field\":08/23/2019 Country:\"finland\", \"germany\" C++ \"disk full\"");
    assert_eq!(
        query.terms(),
        [
            Term::Field {
                field: Field::Custom("Date Field".into()),
                values: vec![Value::Text("08/23/2019".into())]
            },
            Term::Field {
                field: Field::Custom("Country".into()),
                values: vec![Value::Text("finland".into()), Value::Text("germany".into())],
            },
            Term::FreeText("C++".into()),
            Term::FreeText("disk full".into()),
        ]
    );
}

#[test]
fn plus_is_literal_unless_url_form() {
    let decoded = parse("status:\"In+Progress\"");
    assert_eq!(
        decoded.terms(),
        [system(
            SystemField::Status,
            vec![Value::Text("In+Progress".into())]
        )]
    );
    let url = Query::parse_url_form("tag:a+status:\"In+Progress\"").expect("url form");
    assert_eq!(url.to_string(), "tag:\"a\" status:\"In Progress\"");
    let joined = error("tag:\"a\"+status:\"New\"");
    assert_eq!(joined.offset(), 7);
    assert!(joined.expected().contains("parse_url_form"));
}

#[test]
fn errors_point_at_the_problem() {
    let cases = [
        ("status:", 7, "a non-empty value"),
        ("status:\"New\",", 13, "a non-empty value"),
        ("status:\"\"", 7, "a non-empty value"),
        (
            "created-on:\"2019-01-25\"",
            11,
            "a date `yyyy/mm/dd` (year 0000 to 9999)",
        ),
        (
            "created-on:2019/02/30",
            11,
            "a date `yyyy/mm/dd` (year 0000 to 9999)",
        ),
        ("unresponded:yes", 12, "`true` or `false`"),
        (
            "duedate:later",
            8,
            "a due date: today, yesterday, tomorrow, overdue or \"next 7 days\"",
        ),
        (
            "tag:a \"open",
            6,
            "a closing `\"` for the quote opened here",
        ),
        ("\"\":x", 0, "a field name before `:`"),
        (
            ":x",
            0,
            "a term: free text, or a field name followed by `:`",
        ),
        (
            "a ,b",
            2,
            "a term: free text, or a field name followed by `:`",
        ),
        (
            "tag:a\"b\"",
            5,
            "a space between terms, or the end of the query",
        ),
        (
            "tag: status:New",
            11,
            "a space between terms, or the end of the query",
        ),
    ];
    for (text, offset, expected) in cases {
        let error = error(text);
        assert_eq!(
            (error.offset(), error.expected()),
            (offset, expected),
            "{text}"
        );
        assert_eq!(error.input(), text);
    }
}

#[test]
fn error_display_has_a_caret() {
    assert_eq!(
        error("tag:\"ok\" créé:").to_string(),
        "expected a non-empty value, found the end of the query (byte 16)\n  tag:\"ok\" créé:\n                ^"
    );
    assert_eq!(
        error("\"a\nb\" x:").render_with_caret(),
        "  b\" x:\n       ^"
    );
}

#[test]
fn from_str_is_parse() {
    let query: Query = "tag:x".parse().expect("parses");
    assert_eq!(query, parse("tag:x"));
}

/// `Query::parse_raw`: pasted text is read in the one form it parses in, and refused with
/// both spellings when a `+` could be a space or a literal `+`.
#[test]
fn raw_text_reads_either_form_but_never_guesses() {
    let raw = |text: &str| Query::parse_raw(text).map(|query| query.to_string());
    // No `+`: decoded text.
    assert_eq!(
        raw(r#"status:"In Progress""#),
        Ok(r#"status:"In Progress""#.into())
    );
    // `+` joining terms parses only in the URL form, so the inner `+` is a space too.
    assert_eq!(
        raw(r#"tag:"routine_checks"+status:"In+Progress","New""#),
        Ok(r#"tag:"routine_checks" status:"In Progress","New""#.into())
    );
    assert_eq!(
        raw("has_attachments:true+unassigned:true"),
        Ok("has_attachments:true unassigned:true".into())
    );
    // A `+` inside one value: space or plus? Refused, pointing at the `+`.
    for (text, offset, space_form) in [
        (r#"status:"In+Progress""#, 10, r#"status:"In Progress""#),
        (
            r#"contact:"ann+ops@example.com""#,
            12,
            r#"contact:"ann ops@example.com""#,
        ),
        ("C++", 1, "C"),
    ] {
        let error = Query::parse_raw(text).unwrap_err();
        assert_eq!(error.offset(), offset, "{text}");
        let help = error.help().expect("help");
        assert!(
            help.contains(&format!("write `{space_form}`")),
            "{text}: {help}"
        );
        assert!(help.contains("Query::parse"), "{text}: {help}");
        assert!(error.to_string().contains("help: write"), "{error}");
    }
    // The literal reading stays one explicit call away.
    assert_eq!(parse("C++").to_string(), "C++");
}

#[test]
fn raw_text_that_is_percent_encoded_is_refused_with_the_decoded_text() {
    let error = Query::parse_raw("status:%22In%20Progress%22").unwrap_err();
    assert_eq!(error.offset(), 7);
    assert_eq!(
        error.help(),
        Some(r#"write the decoded text: `status:"In Progress"`"#)
    );
    // A `%` that is not an escape is text.
    assert_eq!(
        Query::parse_raw(r#""Discount":"100%""#).map(|q| q.to_string()),
        Ok(r#""Discount":"100%""#.into())
    );
}

#[test]
fn ids_are_letters_and_digits_written_bare() {
    assert_eq!(
        parse(r#"id:"DC00000001", 2"#).to_string(),
        "id:DC00000001,2"
    );
    let error = error("id:#DC00000001");
    assert_eq!(error.offset(), 3);
    assert!(error.expected().contains("without `#`"), "{error}");
    let built = Query::new().id("#DC1").build().unwrap_err();
    assert!(built.to_string().contains("without `#`"), "{built}");
}
