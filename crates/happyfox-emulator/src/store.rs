//! The data of one emulator with its ticket index, changed only in ways that keep the two in
//! step: a write names the ticket it may touch (tickets it creates are found from the ticket
//! counter), any other change rebuilds the index.

use crate::index::TicketIndex;
use crate::state::State;

/// The data and its index.
#[derive(Debug)]
pub struct Store {
    state: State,
    index: TicketIndex,
}

impl Store {
    /// `state`, indexed.
    pub fn new(state: State) -> Self {
        let index = TicketIndex::build(&state);
        Self { state, index }
    }

    /// The data.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The ticket index.
    pub fn index(&self) -> &TicketIndex {
        &self.index
    }

    /// Runs a write that changes at most ticket `ticket` (if any) and creates tickets with
    /// the next numbers; refreshes those in the index afterwards, even if the write panics.
    pub fn apply<R>(&mut self, ticket: Option<u64>, change: impl FnOnce(&mut State) -> R) -> R {
        let refresh = Refresh {
            first_new: self.state.next_ids.ticket,
            ticket,
            store: self,
        };
        change(&mut refresh.store.state)
    }

    /// Runs any change, then rebuilds the index.
    pub fn rebuild_after<R>(&mut self, change: impl FnOnce(&mut State) -> R) -> R {
        let result = change(&mut self.state);
        self.index = TicketIndex::build(&self.state);
        result
    }
}

/// Refreshes the tickets a write touched when dropped.
struct Refresh<'a> {
    store: &'a mut Store,
    ticket: Option<u64>,
    first_new: u64,
}

impl Drop for Refresh<'_> {
    fn drop(&mut self) {
        let Store { state, index } = &mut *self.store;
        let created = self.first_new..state.next_ids.ticket.max(self.first_new);
        for id in self.ticket.into_iter().chain(created) {
            index.refresh(state, id);
        }
    }
}
