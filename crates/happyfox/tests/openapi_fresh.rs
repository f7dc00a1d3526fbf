//! `spec/openapi.json` matches what the models and the spec produce now.

#[test]
fn openapi_json_is_fresh() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec/openapi.json");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let current = happyfox::openapi::document_text();
    assert!(
        committed == current,
        "spec/openapi.json is stale: run `cargo xtask codegen` and commit the result"
    );
}

#[test]
fn openapi_describes_every_endpoint_with_schemas() {
    let document = happyfox::openapi::document();
    assert_eq!(document["openapi"], "3.1.0");
    let paths = document["paths"].as_object().expect("paths");
    for path in [
        "/tickets/",
        "/ticket/{ticket}/staff_update/",
        "/ticket-inline-attachment",
        "/user/{contact}/",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
    let schemas = document["components"]["schemas"]
        .as_object()
        .expect("schemas");
    for model in [
        "Ticket",
        "PartialTicket",
        "Update",
        "Status",
        "CreateTicket",
        "StaffUpdate",
    ] {
        assert!(schemas.contains_key(model), "{model} missing");
    }
    let tags = &schemas["Ticket"]["properties"]["tags"];
    assert_eq!(
        tags["type"], "string",
        "tags travel as one comma-separated string"
    );
}
