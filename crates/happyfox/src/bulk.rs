//! Creating any number of tickets: chunks of at most 100, several sent at once, results in
//! input order.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::Client;
use crate::applied::{Applied, RawAnswer};
use crate::error::{Error, FieldError, InputRule};
use crate::generated::models::BulkCreateItem;
use crate::generated::requests::CreateTicket;
use crate::request::Payload;
use crate::wire::errors::parse_error_value;

/// The most tickets HappyFox creates in one request.
pub const BULK_CHUNK: usize = 100;

/// How a bulk create runs: see [`Client::create_tickets_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkOptions {
    workers: usize,
}

impl BulkOptions {
    /// Three chunks at once: HappyFox creates a chunk of 100 in one request, so three in
    /// flight keep 300 tickets moving while staying far under 300 POST a minute.
    pub const DEFAULT_WORKERS: usize = 3;

    /// Chunks sent at once, from 1 (one after the other, so tickets are numbered in input
    /// order) to [`crate::MAX_EXPORT_WORKERS`] (values outside are clamped).
    pub fn workers(mut self, workers: usize) -> Self {
        self.workers = workers.clamp(1, crate::MAX_EXPORT_WORKERS);
        self
    }

    /// The number of workers.
    pub fn worker_count(&self) -> usize {
        self.workers
    }
}

impl Default for BulkOptions {
    fn default() -> Self {
        Self {
            workers: Self::DEFAULT_WORKERS,
        }
    }
}

/// What a chunk's request answered.
type ChunkAnswer = crate::Result<Applied<Vec<BulkCreateItem>>>;

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
    /// Creates any number of tickets with the default [`BulkOptions`] (three chunks at once):
    /// see [`Client::create_tickets_with`].
    pub fn create_tickets(&self, requests: &[CreateTicket]) -> Vec<BulkOutcome> {
        self.create_tickets_with(requests, BulkOptions::default())
    }

    /// Creates any number of tickets, sent in chunks of at most 100, `options.workers()`
    /// chunks at once (each request through the client's retries and its POST
    /// [`Pacing`](crate::Pacing)). Returns one outcome per input, in input order. Payloads
    /// that fail local validation are not sent and come back as [`BulkOutcome::Rejected`]; a
    /// chunk whose request fails marks its items [`BulkOutcome::RequestFailed`] and the
    /// remaining chunks are still sent.
    ///
    /// With more than one worker, a later chunk may be created before an earlier one, so
    /// ticket numbers follow input order within a chunk only; one worker keeps them in
    /// input order throughout.
    pub fn create_tickets_with(
        &self,
        requests: &[CreateTicket],
        options: BulkOptions,
    ) -> Vec<BulkOutcome> {
        let mut outcomes: Vec<Option<BulkOutcome>> = vec![None; requests.len()];
        let mut sendable = Vec::new();
        for (index, request) in requests.iter().enumerate() {
            match local_check(request) {
                Ok(()) => sendable.push(index),
                Err(error) => outcomes[index] = Some(rejected_locally(&error)),
            }
        }
        let chunks: Vec<&[usize]> = sendable.chunks(BULK_CHUNK).collect();
        let answers = self.send_chunks(requests, &chunks, options.workers);
        for (chunk, answer) in chunks.into_iter().zip(answers) {
            match answer {
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

    /// Sends every chunk (the indices of its payloads in `requests`), `workers` at once,
    /// and returns the answers in chunk order.
    fn send_chunks(
        &self,
        requests: &[CreateTicket],
        chunks: &[&[usize]],
        workers: usize,
    ) -> Vec<ChunkAnswer> {
        let send = |chunk: &[usize]| {
            let payloads: Vec<CreateTicket> = chunk.iter().map(|&i| requests[i].clone()).collect();
            self.create_tickets_chunk(&payloads)
        };
        if workers <= 1 || chunks.len() <= 1 {
            return chunks.iter().map(|chunk| send(chunk)).collect();
        }
        let next = AtomicUsize::new(0);
        let answers: Mutex<Vec<Option<ChunkAnswer>>> =
            Mutex::new((0..chunks.len()).map(|_| None).collect());
        std::thread::scope(|scope| {
            for _ in 0..workers.min(chunks.len()) {
                scope.spawn(|| {
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(chunk) = chunks.get(index) else {
                            break;
                        };
                        let answer = send(chunk);
                        answers.lock().unwrap_or_else(|e| e.into_inner())[index] = Some(answer);
                    }
                });
            }
        });
        answers
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .map(|answer| answer.expect("every chunk was sent by a worker"))
            .collect()
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
