//! The builder: one method per system field, custom fields, free text, and refusals.

use chrono::NaiveDate;
use happyfox_query::{
    Assignee, DueDate, Field, Problem, Query, SystemField, Term, Value, ValueKind,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a day")
}

#[test]
fn every_system_field_has_a_method() {
    let date = day(2019, 1, 25);
    let query = Query::new()
        .status(["New", "In Progress"])
        .priority("CRITICAL")
        .tag(vec!["a", "b"])
        .assignee(Assignee::None)
        .group([Assignee::Any, Assignee::Name("Ops".into())])
        .contact("james@example.com".to_owned())
        .id(["DC00000001", "2"])
        .has_attachments(true)
        .unresponded(false)
        .breached(true)
        .unassigned(true)
        .duedate(DueDate::Next7Days)
        .created_on(date)
        .created_on_or_before(date)
        .created_on_or_after(date)
        .created_before(date)
        .created_after(date)
        .last_modified_on_or_before(date)
        .last_modified_on_or_after(date)
        .last_modified_before(date)
        .last_modified_after(date)
        .last_staff_replied_on(date)
        .last_staff_replied_on_or_before(date)
        .last_staff_replied_on_or_after(date)
        .last_staff_replied_before(date)
        .last_staff_replied_after(date)
        .last_contact_replied_on(date)
        .last_contact_replied_on_or_before(date)
        .last_contact_replied_on_or_after(date)
        .last_contact_replied_before(date)
        .last_contact_replied_after(date)
        .last_closed_on_or_after(date)
        .last_closed_on_or_before(date)
        .build()
        .expect("valid");
    let fields: Vec<SystemField> = query
        .terms()
        .iter()
        .filter_map(|term| match term {
            Term::Field {
                field: Field::System(field),
                ..
            } => Some(*field),
            _ => None,
        })
        .collect();
    assert_eq!(fields, SystemField::ALL);
    let one_term_per_line = query
        .terms()
        .iter()
        .map(|term| {
            Query::from_terms(vec![term.clone()])
                .expect("valid")
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(one_term_per_line);
    assert_eq!(Query::parse(&query.to_string()), Ok(query));
}

#[test]
fn custom_fields_and_free_text() {
    let query = Query::new()
        .custom("Team Name", "arsenal")
        .custom_any("Country", ["finland", "germany"])
        .custom("Field1", "value 1")
        .free_text("disk full");
    assert_eq!(
        query.render(),
        Ok(
            r#""Team Name":"arsenal" "Country":"finland","germany" "Field1":"value 1" "disk full""#
                .to_owned()
        )
    );
}

#[test]
fn inexpressible_inputs_are_refused() {
    let cases: Vec<(Query, Problem)> = vec![
        (
            Query::new().tag("say \"hi\""),
            Problem::DoubleQuote("say \"hi\"".into()),
        ),
        (
            Query::new().custom("a\"b", "x"),
            Problem::DoubleQuote("a\"b".into()),
        ),
        (Query::new().free_text(""), Problem::Empty),
        (Query::new().status(Vec::<String>::new()), Problem::NoValues),
        (
            Query::new().custom("Status", "New"),
            Problem::SystemFieldName,
        ),
        (
            Query::new().assignee(Assignee::Name("--any".into())),
            Problem::KeywordAsName,
        ),
        (
            Query::new().created_on(day(10000, 1, 1)),
            Problem::DateOutOfRange,
        ),
        (
            Query::new().term(Term::Field {
                field: Field::System(SystemField::Breached),
                values: vec![Value::Text("x".into())],
            }),
            Problem::WrongKind(ValueKind::Bool),
        ),
    ];
    for (query, problem) in cases {
        let refused = query.clone().tag("ok");
        let error = refused.validate().expect_err("refused");
        assert_eq!(error.problem(), &problem);
        assert_eq!(refused.render(), Err(error.clone()));
        assert_eq!(refused.clone().build(), Err(error));
        assert!(!refused.is_empty());
        assert!(Query::parse(&refused.to_string()).is_err(), "{refused}");
        assert_eq!(refused.terms().len(), 1, "only the accepted term is kept");
    }
}

#[test]
fn refusal_message_names_the_term() {
    let error = Query::new().tag("a\"b").validate().expect_err("refused");
    assert_eq!(
        error.to_string(),
        "search term `tag`: \"a\\\"b\" contains `\"`, which HappyFox's search language cannot express"
    );
    assert_eq!(error.term(), "tag");
}

#[test]
fn from_terms_checks_the_tree() {
    let bad = vec![Term::FreeText("x\"".into())];
    assert!(Query::from_terms(bad).is_err());
    let good = vec![Term::FreeText("x".into())];
    assert_eq!(
        Query::from_terms(good.clone()).map(Query::into_terms),
        Ok(good)
    );
}
