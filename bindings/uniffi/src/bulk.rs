//! `createTickets`: any number of tickets, one outcome per input in input order (the core
//! chunks them by 100 and sends `workers` chunks at once).

use crate::answers::RawAnswer;
use crate::client::HappyFoxClient;
use crate::errors::{FieldError, HappyFoxError, Result};
use crate::generated::requests::CreateTicket;

/// What became of one payload of a bulk create.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum BulkOutcome {
    /// The ticket was created.
    Created {
        /// Ticket number.
        id: i64,
        /// Display id, e.g. `#DC00000011`.
        display_id: Option<String>,
    },
    /// HappyFox (or the client, before sending) rejected this payload.
    Rejected {
        /// The field errors.
        errors: Vec<FieldError>,
    },
    /// HappyFox accepted the request but did not say what became of this payload: look it
    /// up before creating it again.
    Unconfirmed {
        /// What is wrong with the answer.
        problem: String,
        /// The answer as received, when it was not the documented list.
        answer: Option<RawAnswer>,
    },
    /// The request carrying this payload failed as a whole; with `outcome_unknown` the
    /// ticket may or may not exist.
    RequestFailed {
        /// The error of that request.
        error: HappyFoxError,
    },
}

impl BulkOutcome {
    fn from_core(outcome: happyfox::BulkOutcome) -> Result<Self> {
        use happyfox::BulkOutcome as Core;
        Ok(match outcome {
            Core::Created { id, display_id } => Self::Created {
                id: crate::convert::id_out(id)?,
                display_id,
            },
            Core::Rejected { errors } => Self::Rejected {
                errors: errors.into_iter().map(FieldError::from).collect(),
            },
            Core::Unconfirmed { problem, answer } => Self::Unconfirmed {
                problem,
                answer: answer.map(|raw| RawAnswer::from(raw.as_ref().clone())),
            },
            Core::RequestFailed { error } => Self::RequestFailed {
                error: error.into(),
            },
        })
    }
}

#[uniffi::export]
impl HappyFoxClient {
    /// Creates any number of tickets (without attachments), in chunks of 100, `workers`
    /// chunks at once (null: 3; at most 32); one outcome per input, in input order.
    #[uniffi::method(default(workers = None))]
    pub fn create_tickets(
        &self,
        requests: Vec<CreateTicket>,
        workers: Option<i32>,
    ) -> Result<Vec<BulkOutcome>> {
        let requests = requests
            .into_iter()
            .map(CreateTicket::into_core)
            .collect::<Result<Vec<_>>>()?;
        let mut options = happyfox::BulkOptions::default();
        if let Some(workers) = workers {
            options = options.workers(crate::convert::workers(workers)?);
        }
        self.inner
            .create_tickets_with(&requests, options)
            .into_iter()
            .map(BulkOutcome::from_core)
            .collect()
    }
}
