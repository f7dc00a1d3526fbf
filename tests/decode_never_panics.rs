//! Property: decoding arbitrary JSON (and arbitrary bytes) into any model never panics; it
//! either succeeds or returns an error value.

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
