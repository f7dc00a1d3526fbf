//! What the generated model decoders promise (they replaced `#[serde(flatten)]`): unknown
//! keys kept in order, aliases, escaped keys, `null` lists, the wire's quirky scalars, and
//! serde's errors for a missing required field or a field sent twice, with the JSON path.

use happyfox::codec::decode;
use happyfox::{Error, Status, Ticket};
use serde_json::{Value, json};

fn decode_value<T: serde::de::DeserializeOwned>(value: &Value) -> happyfox::Result<T> {
    decode(value.to_string().as_bytes())
}

#[test]
fn unknown_keys_are_kept_in_order_and_written_back() {
    let sent = json!({
        "id": 7, "zeta": [1, {"a": null}], "name": "Open", "alpha": "x", "behavior": "pending"
    });
    let status: Status = decode_value(&sent).expect("decodes");
    assert_eq!(status.id, 7);
    assert_eq!(status.name.as_deref(), Some("Open"));
    let extra: Vec<&str> = status.extra.keys().map(String::as_str).collect();
    assert_eq!(extra, ["zeta", "alpha"]);
    assert_eq!(status.extra["zeta"], json!([1, {"a": null}]));
    let written = serde_json::to_value(&status).expect("serializes");
    for key in ["id", "name", "zeta", "alpha", "behavior"] {
        assert_eq!(written[key], sent[key], "{key}");
    }
}

#[test]
fn aliases_escaped_keys_and_wire_quirks_decode() {
    let ticket: Ticket = decode_value(&json!({
        "\u{0069}d": 3,
        "visible only staff": true,
        "tags": "a, b,,c",
        "created_at": "2022-02-08 15:59:41",
        "last_modified": "2022-02-08T15:59:41Z",
        "due_date": "",
        "custom_fields": null,
        "updates": null
    }))
    .expect("decodes");
    assert_eq!(ticket.id, 3);
    assert_eq!(ticket.visible_only_staff, Some(true));
    assert_eq!(ticket.tags, ["a", "b", "c"]);
    assert_eq!(ticket.created_at, ticket.last_modified);
    assert!(ticket.created_at.is_some());
    assert_eq!(ticket.due_date, None);
    assert!(ticket.custom_fields.is_empty() && ticket.updates.is_empty());
    assert!(ticket.extra.is_empty(), "{:?}", ticket.extra);

    // A key written with a JSON escape is the same key.
    let escaped: Status = decode(br#"{"\u0069d": 4, "n\u0061me": "New"}"#).expect("decodes");
    assert_eq!(
        (escaped.id, escaped.name.as_deref()),
        (4.into(), Some("New"))
    );
}

#[test]
fn a_missing_required_field_is_named_with_its_path() {
    let error = decode::<Ticket>(br#"{"status": {"name": "New"}, "id": 1}"#).unwrap_err();
    let Error::Decode { path, message, .. } = error else {
        panic!("not a decode error: {error:?}");
    };
    assert_eq!(path, "status");
    assert!(message.contains("missing field `id`"), "{message}");
}

#[test]
fn a_field_sent_twice_is_refused_as_serde_refuses_it() {
    let error = decode::<Status>(br#"{"id": 1, "name": "a", "name": "b"}"#).unwrap_err();
    assert!(
        error.to_string().contains("duplicate field `name`"),
        "{error}"
    );
}

#[test]
fn a_mistyped_field_names_its_path_and_what_was_expected() {
    let error = decode::<Ticket>(br#"{"id": 1, "updates": [{"timestamp": 5}]}"#).unwrap_err();
    let Error::Decode { path, message, .. } = error else {
        panic!("not a decode error: {error:?}");
    };
    assert_eq!(path, "updates[0].timestamp");
    assert!(message.contains("timestamp"), "{message}");
    let not_an_object = decode::<Status>(b"[1, 2]").unwrap_err();
    assert!(
        not_an_object.to_string().contains("struct Status"),
        "{not_an_object}"
    );
}
