//! Dry-run mode end to end: reads reach the emulator, writes never do; each write returns
//! the request it would have sent, without credentials or file contents.

use happyfox::{
    BulkOutcome, CreateTicket, Error, GetTicket, ListTickets, PreparedBody, StaffUpdate, UploadFile,
};
use happyfox_emulator::{Emulator, EmulatorConfig};
use serde_json::json;

#[test]
fn a_dry_run_reads_but_sends_no_write() {
    let emulator = Emulator::start(EmulatorConfig::new().tickets(5).seed(3)).expect("emulator");
    let client = emulator
        .client_builder()
        .dry_run(true)
        .build()
        .expect("client");
    let before = client
        .get_ticket(1, &GetTicket::new())
        .expect("reads go out");
    emulator.reset_stats();

    let error = client
        .staff_update(1, &StaffUpdate::new(1).plaintext("Not sent").status(2))
        .expect_err("a dry-run write does not succeed");
    assert!(!error.outcome_unknown());
    let Error::DryRun(prepared) = &error else {
        panic!("expected Error::DryRun, got {error:?}");
    };
    assert_eq!(prepared.method, "POST");
    assert_eq!(
        prepared.url,
        format!("{}/api/1.1/json/ticket/1/staff_update/", emulator.url())
    );
    assert_eq!(prepared.content_type.as_deref(), Some("application/json"));
    assert_eq!(
        prepared.body,
        PreparedBody::Json(json!({"staff": 1, "plaintext": "Not sent", "status": 2}))
    );

    let with_file = client
        .create_ticket(
            &CreateTicket::new(1, "With a file")
                .text("see attached")
                .email("pat@example.com")
                .attach(UploadFile::from_bytes("df.txt", b"93% /var\n".to_vec())),
        )
        .expect_err("dry run");
    let prepared = with_file.dry_run().expect("a prepared request");
    let described = serde_json::to_value(prepared).expect("serializes");
    assert_eq!(described["content_type"], "multipart/form-data");
    assert_eq!(
        described["body"]["files"],
        json!([{"field": "attachments", "filename": "df.txt", "content_type": "text/plain", "size": 9}])
    );
    let text = described.to_string();
    for secret in [emulator.api_key(), emulator.auth_code(), "93% /var"] {
        assert!(!text.contains(secret), "{text}");
    }

    let outcomes = client.create_tickets(&vec![
        CreateTicket::new(1, "Bulk")
            .text("x")
            .email("a@example.com");
        3
    ]);
    assert_eq!(outcomes.len(), 3);
    for outcome in &outcomes {
        let BulkOutcome::RequestFailed { error } = outcome else {
            panic!("expected RequestFailed, got {outcome:?}");
        };
        assert!(error.dry_run().is_some(), "{error:?}");
    }

    let stats = emulator.stats();
    assert_eq!(stats.total().received, 0, "nothing was sent: {stats:?}");
    let after = emulator
        .client()
        .get_ticket(1, &GetTicket::new())
        .expect("read");
    assert_eq!(after.updates.len(), before.updates.len());
    let total = emulator
        .client()
        .list_tickets(&ListTickets::new())
        .expect("list")
        .total();
    assert_eq!(total, Some(5), "no ticket was created");
}
