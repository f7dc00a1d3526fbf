//! Property tests: rendering is faithful and stable, and the parser never panics.

use chrono::NaiveDate;
use happyfox_query::{DueDate, Field, Keyword, Query, SystemField, Term, Value, ValueKind};
use proptest::prelude::*;

/// Text the language can express: non-empty, no `"`; often with the characters that need
/// quoting (space, `,`, `:`, `+`) and sometimes arbitrary Unicode.
fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zA-Z0-9_-]{1,8}", "[a-z ,:+'-]{1,10}", "[^\"]{1,10}",]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0..=9999i32, 1..=12u32, 1..=31u32)
        .prop_filter_map("a real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

fn value(kind: ValueKind) -> BoxedStrategy<Value> {
    match kind {
        ValueKind::Text => text().prop_map(Value::Text).boxed(),
        ValueKind::Id => "[A-Z]{0,2}[0-9]{1,8}".prop_map(Value::Text).boxed(),
        ValueKind::Date => date().prop_map(Value::Date).boxed(),
        ValueKind::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        ValueKind::DueDate => proptest::sample::select(DueDate::ALL.to_vec())
            .prop_map(Value::DueDate)
            .boxed(),
        ValueKind::Keyword => prop_oneof![
            Just(Keyword::None),
            Just(Keyword::Any),
            text()
                .prop_filter("not a keyword", |name| name != Keyword::NONE
                    && name != Keyword::ANY)
                .prop_map(Keyword::Name),
        ]
        .prop_map(Value::Keyword)
        .boxed(),
    }
}

fn field() -> impl Strategy<Value = Field> {
    prop_oneof![
        proptest::sample::select(SystemField::ALL.to_vec()).prop_map(Field::System),
        text()
            .prop_filter("not a system field", |name| SystemField::from_name(name)
                .is_none())
            .prop_map(Field::Custom),
    ]
}

fn term() -> impl Strategy<Value = Term> {
    prop_oneof![
        text().prop_map(Term::FreeText),
        field().prop_flat_map(|field| {
            let values = proptest::collection::vec(value(field.kind()), 1..4);
            (Just(field), values).prop_map(|(field, values)| Term::Field { field, values })
        }),
    ]
}

fn query() -> impl Strategy<Value = Query> {
    proptest::collection::vec(term(), 0..5)
        .prop_map(|terms| Query::from_terms(terms).expect("generated terms are expressible"))
}

/// Text made of the language's pieces, so that many inputs parse.
fn query_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("status".to_owned()),
        Just("created-on".to_owned()),
        Just("duedate".to_owned()),
        Just("assignee".to_owned()),
        Just("has_attachments".to_owned()),
        Just("\"Team Name\"".to_owned()),
        Just("\"2019/01/25\"".to_owned()),
        Just("true".to_owned()),
        Just("--none".to_owned()),
        Just("\"next 7 days\"".to_owned()),
        Just(":".to_owned()),
        Just(",".to_owned()),
        Just(" ".to_owned()),
        Just("+".to_owned()),
        Just("\"".to_owned()),
        "[a-zé]{1,4}",
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// Parsing either way never panics, errors point at a character boundary and display, and
/// whatever parses renders to text that reads back to the same query.
fn check_input(input: &str) -> Result<(), TestCaseError> {
    let parses = [
        Query::parse(input),
        Query::parse_url_form(input),
        Query::parse_raw(input),
    ];
    for parsed in parses {
        match parsed {
            Ok(query) => prop_assert_eq!(Query::parse(&query.to_string()), Ok(query)),
            Err(error) => {
                prop_assert!(input.is_char_boundary(error.offset()));
                prop_assert!(!error.to_string().is_empty());
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn render_then_parse_is_identity(query in query()) {
        prop_assert_eq!(Query::parse(&query.to_string()), Ok(query));
    }

    #[test]
    fn render_is_stable(query in query()) {
        let rendered = query.to_string();
        let reparsed = Query::parse(&rendered).map(|q| q.to_string());
        prop_assert_eq!(reparsed, Ok(rendered));
    }

    #[test]
    fn parser_never_panics_on_printable_text(input in "\\PC*") {
        check_input(&input)?;
    }

    #[test]
    fn parser_never_panics_on_any_string(input in any::<String>()) {
        check_input(&input)?;
    }

    #[test]
    fn parser_never_panics_on_query_like_text(input in query_like()) {
        check_input(&input)?;
    }

    #[test]
    fn refused_input_never_renders_to_a_query(
        query in query(),
        before in "[^\"]{0,4}",
        after in "[^\"]{0,4}",
    ) {
        let refused = query.clone().tag(format!("{before}\"{after}"));
        prop_assert!(refused.validate().is_err());
        prop_assert_eq!(refused.terms(), query.terms());
        prop_assert!(Query::parse(&refused.to_string()).is_err());
    }
}

/// Inputs far longer than any real query: the parser neither panics nor recurses, and its
/// message stays short (the caret line shows a window around the offset).
fn long_input() -> impl Strategy<Value = String> {
    let unit = prop_oneof![
        Just("status:\"New\",".to_owned()),
        Just("a ".to_owned()),
        Just("\"".to_owned()),
        Just(":".to_owned()),
        Just("+".to_owned()),
        Just("é".to_owned()),
        Just("\n".to_owned()),
    ];
    (unit, 1_000..20_000usize, "\\PC{0,8}").prop_map(|(unit, n, tail)| unit.repeat(n) + &tail)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn long_inputs_parse_in_bounded_messages(input in long_input()) {
        check_input(&input)?;
        if let Err(error) = Query::parse(&input) {
            prop_assert!(error.render_with_caret().chars().count() < 300);
        }
    }
}

#[test]
fn the_caret_stays_under_the_offset_in_a_long_line() {
    let input = format!("{} status:\"open {}", "a".repeat(100), "b".repeat(100));
    let error = Query::parse(&input).unwrap_err();
    let rendered = error.render_with_caret();
    let (line, caret) = rendered.split_once('\n').expect("two lines");
    let column = caret.chars().count() - 1;
    assert_eq!(line.chars().nth(column), Some('"'), "{rendered}");
    assert!(line.starts_with("  …") && line.ends_with('…'), "{rendered}");
}
