//! Property: decoding arbitrary JSON (and arbitrary bytes, deeply nested JSON, huge numbers
//! and long strings) into any model, and every other reader of answer text (error bodies,
//! tags, timestamps), never panics; it either succeeds or returns an error value. Nesting
//! deeper than serde_json's recursion limit (`happyfox::MAX_JSON_DEPTH`, 128) is an error,
//! never a stack overflow; memory stays proportional to the input, which the client caps at
//! `max_response_bytes`.

use happyfox::codec::decode;
use happyfox::*;
use proptest::prelude::*;
use serde_json::Value;

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("2019-08-13 08:59:42"),
            Just("2019-08-16"),
            Just("pending"),
            Just("a,b"),
            Just("9")
        ]
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    let keys = prop_oneof![
        Just("id".to_owned()),
        Just("status".to_owned()),
        Just("tags".to_owned()),
        Just("data".to_owned()),
        Just("page_info".to_owned()),
        Just("updates".to_owned()),
        Just("created_at".to_owned()),
        Just("due_date".to_owned()),
        Just("custom_fields".to_owned()),
        Just("behavior".to_owned()),
        "[a-z_]{1,8}",
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

macro_rules! decode_all {
    ($bytes:expr; $($model:ty),* $(,)?) => {
        $( let _ = decode::<$model>($bytes); )*
    };
}

fn decode_every_model(bytes: &[u8]) {
    decode_all!(bytes;
        Ticket, PartialTicket, Update, Message, Attachment, Actor, IdChange, DueDateChange,
        CustomFieldChange, Subscriber, Status, Priority, Category, Staff, Role, Contact, Phone,
        ContactGroup, TicketCustomField, ContactCustomField, CustomFieldValue, CustomFieldChoice,
        CustomFieldCategory, PageInfo, MessageResponse, BulkCreateItem, InlineAttachment,
        DeletedTicket, Page<Ticket>, Page<u64>, Page<PartialTicket>, Page<Contact>,
        Vec<BulkCreateItem>, happyfox::codec::ListBody<Status>,
    );
    let _ = happyfox::codec::field_errors(bytes);
    let text = String::from_utf8_lossy(bytes);
    let _ = happyfox::codec::split_tags(&text);
    let _ = happyfox::codec::parse_timestamp(&text);
}

/// JSON nested `depth` levels deep, opening with a mix of lists and objects keyed like the
/// models' fields, around `leaf`.
fn nested(openers: &[bool], leaf: &str) -> Vec<u8> {
    let mut text = String::new();
    for &list in openers {
        text.push_str(if list { "[" } else { r#"{"data": "# });
    }
    text.push_str(leaf);
    for &list in openers.iter().rev() {
        text.push(if list { ']' } else { '}' });
    }
    text.into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn arbitrary_json_never_panics(value in json_value()) {
        let bytes = serde_json::to_vec(&value).expect("serializable");
        decode_every_model(&bytes);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        decode_every_model(&bytes);
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn extreme_scalars_never_panic(
        digits in "[0-9]{1,400}",
        exponent in any::<i32>(),
        piece in "\\PC{1,8}",
        repeat in 1..4000usize,
        key in prop_oneof![Just("id"), Just("created_at"), Just("tags"), Just("page_count"), Just("status")],
    ) {
        let long = serde_json::to_string(&piece.repeat(repeat)).expect("a string");
        for leaf in [
            digits.clone(),
            format!("-{digits}"),
            format!("{digits}.{digits}e{exponent}"),
            long,
        ] {
            let body = format!(r#"{{"{key}": {leaf}, "data": [{{"{key}": {leaf}}}]}}"#);
            decode_every_model(body.as_bytes());
        }
    }

    #[test]
    fn deep_nesting_never_overflows_the_stack(
        openers in prop::collection::vec(any::<bool>(), 0..3000),
        leaf in prop_oneof![Just("1"), Just("null"), Just(r#""x""#), Just("{}")],
    ) {
        let body = nested(&openers, leaf);
        decode_every_model(&body);
        if openers.len() > happyfox::MAX_JSON_DEPTH {
            let error = decode::<Value>(&body).expect_err("deeper than the limit");
            prop_assert!(error.to_string().contains("recursion limit exceeded"), "{error}");
        }
    }
}

#[test]
fn nesting_up_to_the_limit_decodes_and_one_more_level_fails() {
    let within = nested(&[true; happyfox::MAX_JSON_DEPTH - 1], "1");
    assert!(decode::<Value>(&within).is_ok());
    let over = nested(&[true; happyfox::MAX_JSON_DEPTH + 1], "1");
    assert!(decode::<Value>(&over).is_err());
}
