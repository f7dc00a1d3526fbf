//! What a write prints: its answer, the answer as received when HappyFox sent another shape
//! (the write happened all the same), or in a dry run the request it would have sent.

use happyfox::{Applied, Error, PreparedRequest};
use serde::Serialize;
use serde_json::json;

use crate::failure::Failure;
use crate::output::RowKind;
use crate::session::Session;

/// Prints the outcome of a write whose answer is rows of `kind`.
pub fn report<T: Serialize>(
    session: &mut Session,
    kind: RowKind,
    result: happyfox::Result<Applied<T>>,
) -> Result<(), Failure> {
    match result {
        Ok(Applied::Answer(answer)) => {
            session.out.value(kind, &answer)?;
        }
        Ok(Applied::Unrecognized(raw)) => {
            session.ui.warn(&format!(
                "the write was applied, but HappyFox's answer is not the documented one ({}); do not send it again",
                raw.problem
            ));
            let answer = raw.json().unwrap_or_else(|| json!(raw.text()));
            session.out.value(
                RowKind::Generic,
                &json!({"applied": true, "status": raw.status, "answer": answer}),
            )?;
        }
        Err(Error::DryRun(prepared)) => prepared_request(session, &prepared)?,
        Err(error) => return Err(error.into()),
    }
    Ok(())
}

/// Prints a request a dry run did not send.
pub fn prepared_request(session: &mut Session, prepared: &PreparedRequest) -> Result<(), Failure> {
    session.ui.status(&format!(
        "dry run: {} {} was not sent",
        prepared.method, prepared.url
    ));
    session.out.value(RowKind::Generic, prepared)?;
    Ok(())
}
