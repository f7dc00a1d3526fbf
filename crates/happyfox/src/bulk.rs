//! Creating any number of tickets: chunks of at most 100, results in input order.

use std::sync::Arc;

use crate::Client;
use crate::applied::{Applied, RawAnswer};
use crate::error::{Error, FieldError, InputRule};
use crate::generated::models::BulkCreateItem;
use crate::generated::requests::CreateTicket;
use crate::request::Payload;
use crate::wire::errors::parse_error_value;

/// The most tickets HappyFox creates in one request.
pub const BULK_CHUNK: usize = 100;

/// What became of one payload of a bulk create.
#[derive(Debug, Clone)]
pub enum BulkOutcome {
    /// The ticket was created.
    Created {
        /// Ticket number.
        id: crate::TicketId,
        /// Display id, e.g. `#DC00000011`.
        display_id: Option<String>,
    },
    /// HappyFox (or the client, before sending) rejected this payload.
    Rejected {
        /// The field errors.
        errors: Vec<FieldError>,
    },
    /// HappyFox accepted the request carrying this payload (a 2xx answer), but the answer
    /// does not say what became of it: not the documented list, or fewer items than were
    /// sent. The ticket was probably created: look it up before creating it again.
    Unconfirmed {
        /// What is wrong with the answer.
        problem: String,
        /// The answer as received, when it was not the documented list (shared by every
        /// payload of the request).
        answer: Option<Arc<RawAnswer>>,
    },
    /// The request carrying this payload failed as a whole. When
    /// [`error.outcome_unknown()`](Error::outcome_unknown) (a timeout or reset after sending,
    /// a 5xx) the ticket may or may not exist: look it up before creating it again. Any other
    /// error (a rate limit that outlasted the retries, a refused connection) means it was not
    /// created.
    RequestFailed {
        /// The error of that request (the same error for every payload of the request).
        error: Error,
    },
}

impl BulkOutcome {
    /// The created ticket's number, if it was created.
    pub fn id(&self) -> Option<crate::TicketId> {
        match self {
            BulkOutcome::Created { id, .. } => Some(*id),
            _ => None,
        }
    }
}

impl Client {
    /// Creates any number of tickets, sent in chunks of at most 100. Returns one outcome per
    /// input, in input order. Payloads that fail local validation are not sent and come back
    /// as [`BulkOutcome::Rejected`]; a chunk whose request fails marks its items
    /// [`BulkOutcome::RequestFailed`] and the remaining chunks are still sent.
    pub fn create_tickets(&self, requests: &[CreateTicket]) -> Vec<BulkOutcome> {
        let mut outcomes: Vec<Option<BulkOutcome>> = vec![None; requests.len()];
        let mut sendable = Vec::new();
        for (index, request) in requests.iter().enumerate() {
            match local_check(request) {
                Ok(()) => sendable.push(index),
                Err(error) => outcomes[index] = Some(rejected_locally(&error)),
            }
        }
        for chunk in sendable.chunks(BULK_CHUNK) {
            let payloads: Vec<CreateTicket> = chunk.iter().map(|&i| requests[i].clone()).collect();
            match self.create_tickets_chunk(&payloads) {
                Ok(Applied::Answer(items)) => {
                    let count = items.len();
                    let mut items = items.into_iter();
                    for &index in chunk {
                        outcomes[index] = Some(match items.next() {
                            Some(item) => outcome_of(item),
                            None => BulkOutcome::Unconfirmed {
                                problem: format!(
                                    "the bulk answer held {count} items for {} payloads",
                                    chunk.len()
                                ),
                                answer: None,
                            },
                        });
                    }
                }
                Ok(Applied::Unrecognized(raw)) => {
                    let problem = format!(
                        "the bulk answer is not the documented list: {}",
                        raw.problem
                    );
                    let raw = Arc::new(raw);
                    for &index in chunk {
                        outcomes[index] = Some(BulkOutcome::Unconfirmed {
                            problem: problem.clone(),
                            answer: Some(Arc::clone(&raw)),
                        });
                    }
                }
                Err(error) => {
                    for &index in chunk {
                        outcomes[index] = Some(BulkOutcome::RequestFailed {
                            error: error.clone(),
                        });
                    }
                }
            }
        }
        outcomes.into_iter().flatten().collect()
    }
}

fn local_check(request: &CreateTicket) -> crate::Result<()> {
    request.validate()?;
    if !request.attachments().is_empty() {
        return Err(Error::invalid(
            Some("attachments"),
            InputRule::BulkAttachments,
            "bulk create cannot carry attachments; create this ticket with create_ticket",
        ));
    }
    Ok(())
}

/// A payload refused before sending, as a field error naming the refused field (if any).
fn rejected_locally(error: &Error) -> BulkOutcome {
    BulkOutcome::Rejected {
        errors: vec![FieldError {
            field: error
                .invalid_input()
                .and_then(|refusal| refusal.field.clone()),
            messages: vec![error.to_string()],
        }],
    }
}

fn outcome_of(item: BulkCreateItem) -> BulkOutcome {
    match (item.success, item.id) {
        (true, Some(id)) => BulkOutcome::Created {
            id,
            display_id: item.display_id,
        },
        _ => BulkOutcome::Rejected {
            errors: item
                .error
                .as_ref()
                .map(parse_error_value)
                .unwrap_or_default(),
        },
    }
}
