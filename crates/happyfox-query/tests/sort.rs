//! The documented sort options and nothing else.

use happyfox_query::Sort;

#[test]
fn every_documented_option_round_trips() {
    let names: Vec<&str> = Sort::ALL.iter().map(|sort| sort.as_str()).collect();
    // Test fixture: the reference's list of sort options, restated here on purpose so that a
    // change to the spec's list (which generates `Sort` and the OpenAPI enum alike) fails.
    assert_eq!(
        names,
        [
            "categorya",
            "categoryd",
            "subjecta",
            "subjectd",
            "due",
            "statusd",
            "statusa",
            "prioritya",
            "priorityd",
            "updated",
            "updatea",
            "unresponded",
            "createa",
            "created",
            "assigneea",
            "assigned",
            "last_modified_a",
            "last_modified_d",
            "ticketa",
            "ticketd",
            "clienta",
            "clientd",
        ]
    );
    for sort in Sort::ALL {
        assert_eq!(sort.as_str().parse(), Ok(sort));
        assert_eq!(sort.to_string(), sort.as_str());
    }
}

#[test]
fn undocumented_names_are_refused_with_the_valid_list() {
    for name in ["", "Createa", "relevance", "created "] {
        let error = name.parse::<Sort>().expect_err("refused");
        assert!(
            error
                .to_string()
                .contains("valid options: categorya, categoryd"),
            "{error}"
        );
    }
}
