//! Every example query string of the tickets reference, with its canonical rendering, kept as
//! one snapshot so a change to the parser or renderer shows up as a reviewed diff.

use happyfox_query::Query;

/// The `q=` values of the reference's examples, as written there (URL form: `+` is a space;
/// markdown escapes like `\_` removed).
const EXAMPLES: &[&str] = &[
    // 1. Get a list of all tickets; 2.1 (search query format)
    r#""""#,
    // 2. Filter fields
    "has_attachments:true",
    r#"priority:"CRITICAL","MEDIUM""#,
    r#"status:"New","Closed""#,
    r#"contact: "james@example.com""#,
    "id:DC00000001,2",
    // 2.1 Filter by time based fields
    r#"created-on:"2019/01/25""#,
    r#"created-on-or-before:"2019/01/25""#,
    r#"created-on-or-after:"2019/01/25""#,
    r#"created-before:"2019/01/25""#,
    r#"created-after:"2019/01/25""#,
    r#"last-modified-on-or-before:"2019/01/25""#,
    r#"last-modified-on-or-after:"2019/01/25""#,
    r#"last-modified-before:"2019/01/25""#,
    // Format of specifying custom fields in search
    r#""field_name":"value""#,
    // Examples (custom fields)
    r#""Enterprise Company Name":"enterprise company""#,
    r#""Team Name":"arsenal""#,
    r#""Country":"finland","germany""#,
    r#""Date Field":"08/23/2019""#,
    r#""Number Field":"300""#,
    r#"Field1:"value1" "Field2":"value 2""#,
    r#"contact:"james@happyfox.com" "Product Name":"Helpdesk""#,
    // Combining search items with `+`
    r#"status:"In+Progress","New""#,
    r#"tag:"routine_checks""#,
    r#"tag:"routine_checks"+status:"In+Progress","New""#,
];

#[test]
fn reference_examples_render_canonically() {
    let mut table = String::new();
    for example in EXAMPLES {
        let canonical = match Query::parse_url_form(example) {
            Ok(query) => {
                let text = query.to_string();
                assert_eq!(
                    Query::parse(&text),
                    Ok(query),
                    "{example}: canonical form reads back"
                );
                if text.is_empty() {
                    "(empty query)".to_owned()
                } else {
                    text
                }
            }
            Err(error) => format!("ERROR {error}"),
        };
        table.push_str(&format!("{example} => {canonical}\n"));
    }
    insta::assert_snapshot!(table);
}

#[test]
fn examples_without_plus_read_the_same_decoded() {
    for example in EXAMPLES.iter().filter(|example| !example.contains('+')) {
        assert_eq!(
            Query::parse(example),
            Query::parse_url_form(example),
            "{example}"
        );
    }
}
