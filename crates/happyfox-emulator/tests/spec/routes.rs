//! Every operation of the spec is routed: a valid request for each entry of
//! `happyfox::OPERATIONS` is answered 2xx, never the emulator's "no such route" 404 or its
//! 405. A route removed from the emulator (or an operation added to the spec without one)
//! fails here, naming the operation.

use happyfox::OPERATIONS;

use crate::requests;

#[test]
fn the_emulator_answers_every_operation_of_the_spec() {
    let emulator = crate::start();
    let preview = crate::preview(&emulator);
    let mut failures = Vec::new();
    for (index, operation) in OPERATIONS.iter().enumerate() {
        // A ticket of its own per operation, so deleting or moving one changes no other.
        let ticket = index as u64 + 1;
        let wire = requests::valid(operation, &preview, ticket);
        let answer = wire.send(&emulator);
        let route = format!(
            "{} ({} {})",
            operation.name,
            operation.method.as_str(),
            operation.path
        );
        match answer.status {
            200..=299 => {}
            404 | 405 => failures.push(format!(
                "{route}: the emulator has no route for it (HTTP {}, sent to {}; the ids exist in the seeded data): {}",
                answer.status, wire.path, answer.body
            )),
            status => failures.push(format!(
                "{route}: a valid request was refused with HTTP {status}: {}",
                answer.body
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} operations of the spec are not served:\n{}",
        failures.len(),
        OPERATIONS.len(),
        failures.join("\n")
    );
}
