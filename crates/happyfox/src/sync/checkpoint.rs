//! The sync checkpoint: what earlier runs delivered, as server timestamps and state
//! digests, written as versioned JSON.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, InputRule, Result};
use crate::generated::ids::TicketId;

/// The format version a [`SyncCheckpoint`] is written in, and the only one this client reads.
pub const SYNC_CHECKPOINT_VERSION: u32 = 1;

/// Where a sync run starts: what earlier runs delivered, as server timestamps only.
///
/// Made by a finished [`SyncIter`](crate::SyncIter) ([`SyncIter::checkpoint`](crate::SyncIter::checkpoint)),
/// stored by the caller (as JSON: [`SyncCheckpoint::to_json`], [`SyncCheckpoint::from_json`],
/// or serde), and handed to the next [`Client::sync_tickets`](crate::Client::sync_tickets).
/// It holds:
///
/// - `since`: a server timestamp such that every change stamped before it was delivered by
///   an earlier run (`null` when no run has seen a ticket on the server yet);
/// - `delivered`: each ticket delivered in a state stamped at or after `since`, with that
///   `last_modified` and a `digest` of the state, so it is not delivered again until it
///   changes, even within the same second;
/// - `filter`: the listing the runs cover (status, category, search); a sync over another
///   listing refuses the checkpoint.
///
/// The JSON carries `"version": 1` ([`SYNC_CHECKPOINT_VERSION`]); a checkpoint of another
/// version, or JSON that is not a checkpoint, is refused with [`Error::InvalidInput`] of
/// rule [`InputRule::Checkpoint`], never read half-way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "serde_json::Value")]
pub struct SyncCheckpoint {
    version: u32,
    since: Option<DateTime<Utc>>,
    filter: String,
    delivered: Vec<Delivered>,
}

/// One ticket state a run delivered, as the checkpoint records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Delivered {
    id: TicketId,
    last_modified: DateTime<Utc>,
    digest: String,
}

/// The state of a ticket as delivered: its `last_modified` and the digest of its JSON.
pub(crate) type DeliveredState = (DateTime<Utc>, String);

/// The fields of a checkpoint of the current version.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckpointFields {
    version: u32,
    since: Option<DateTime<Utc>>,
    filter: String,
    delivered: Vec<Delivered>,
}

impl TryFrom<serde_json::Value> for SyncCheckpoint {
    type Error = String;

    /// The version first, so a checkpoint of another format says so rather than which field
    /// it lacks.
    fn try_from(json: serde_json::Value) -> std::result::Result<Self, String> {
        let Some(version) = json.get("version").and_then(serde_json::Value::as_u64) else {
            return Err("no `version`: this is not a sync checkpoint".to_owned());
        };
        if version != u64::from(SYNC_CHECKPOINT_VERSION) {
            return Err(format!(
                "sync checkpoint of format version {version}; this client reads version \
                 {SYNC_CHECKPOINT_VERSION} only (start a full sync without a checkpoint, or \
                 use the client that wrote it)"
            ));
        }
        let fields: CheckpointFields =
            serde_json::from_value(json).map_err(|error| error.to_string())?;
        Ok(SyncCheckpoint {
            version: fields.version,
            since: fields.since,
            filter: fields.filter,
            delivered: fields.delivered,
        })
    }
}

impl SyncCheckpoint {
    /// A checkpoint of the current format.
    pub(crate) fn new(
        since: Option<DateTime<Utc>>,
        filter: String,
        delivered: &BTreeMap<TicketId, DeliveredState>,
    ) -> Self {
        SyncCheckpoint {
            version: SYNC_CHECKPOINT_VERSION,
            since,
            filter,
            delivered: delivered
                .iter()
                .map(|(&id, (last_modified, digest))| Delivered {
                    id,
                    last_modified: *last_modified,
                    digest: digest.clone(),
                })
                .collect(),
        }
    }

    /// The checkpoint as one line of JSON, to store until the next run.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a checkpoint is plain data")
    }

    /// Reads a checkpoint written by [`SyncCheckpoint::to_json`]. JSON that is not a
    /// checkpoint, or one of another format version, is an [`Error::InvalidInput`] of
    /// field `checkpoint` and rule [`InputRule::Checkpoint`] saying what is wrong.
    pub fn from_json(text: &str) -> Result<Self> {
        serde_json::from_str(text).map_err(|error| {
            Error::invalid(
                Some("checkpoint"),
                InputRule::Checkpoint,
                format!("not a readable sync checkpoint: {error}"),
            )
        })
    }

    /// The server timestamp every change before which was delivered by an earlier run;
    /// `None` when no run has seen a ticket on the server yet.
    pub fn since(&self) -> Option<DateTime<Utc>> {
        self.since
    }

    /// The tickets delivered in a state stamped at or after [`SyncCheckpoint::since`], each
    /// with that state's `last_modified` (in id order).
    pub fn delivered(&self) -> impl Iterator<Item = (TicketId, DateTime<Utc>)> + '_ {
        self.delivered
            .iter()
            .map(|ticket| (ticket.id, ticket.last_modified))
    }

    /// The listing the checkpoint belongs to, in words (status, category, search).
    pub(crate) fn filter(&self) -> &str {
        &self.filter
    }

    /// The delivered states, by ticket.
    pub(crate) fn delivered_states(&self) -> BTreeMap<TicketId, DeliveredState> {
        self.delivered
            .iter()
            .map(|ticket| (ticket.id, (ticket.last_modified, ticket.digest.clone())))
            .collect()
    }
}
