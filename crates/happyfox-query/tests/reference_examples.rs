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

/// The examples whose canonical form differs from the reference's text, and why: the two
/// spots where the reference's examples break its own rules.
const DEPARTURES: &[(&str, &str)] = &[
    (
        r#"contact: "james@example.com""#,
        "the reference's rules say \"no space after the colon separator\"",
    ),
    (
        r#"Field1:"value1" "Field2":"value 2""#,
        "custom field names are always quoted, as the reference's rules (\"name and value \
         enclosed in quotes separately\") and its other examples write them",
    ),
];

/// Each example, parsed in URL form and rendered: the canonical text must be the example
/// itself (modulo URL encoding: `+` is a space), but for the listed departures. The snapshot
/// shows every round trip.
#[test]
fn reference_examples_render_as_the_reference_writes_them() {
    let mut table = String::new();
    for example in EXAMPLES {
        let query = Query::parse_url_form(example).unwrap_or_else(|e| panic!("{example}: {e}"));
        let canonical = query.to_string();
        assert_eq!(
            Query::parse(&canonical),
            Ok(query),
            "{example}: canonical form reads back"
        );
        let decoded = example.replace('+', " ");
        let shown = if canonical.is_empty() {
            r#""""#
        } else {
            &canonical
        };
        let departure = DEPARTURES.iter().find(|(text, _)| text == example);
        let verdict = match departure {
            None => {
                assert_eq!(
                    shown, decoded,
                    "{example}: renders as the reference writes it"
                );
                "same".to_owned()
            }
            Some((_, why)) => {
                assert_ne!(
                    shown, decoded,
                    "{example}: listed as a departure, but renders the same"
                );
                format!("differs: {why}")
            }
        };
        table.push_str(&format!("{example}\n  => {shown}  ({verdict})\n"));
    }
    insta::assert_snapshot!(table);
}

/// Pasted as raw text ([`Query::parse_raw`]), every example reads as the reference means it,
/// or is refused with help when its `+` could be a literal `+`.
#[test]
fn reference_examples_pasted_raw_never_mean_something_else() {
    for example in EXAMPLES {
        let meant = Query::parse_url_form(example).unwrap();
        match Query::parse_raw(example) {
            Ok(query) => assert_eq!(query, meant, "{example}"),
            Err(error) => {
                let help = error.help().unwrap_or_else(|| panic!("{example}: {error}"));
                assert!(help.contains(&format!("`{meant}`")), "{example}: {help}");
            }
        }
    }
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
