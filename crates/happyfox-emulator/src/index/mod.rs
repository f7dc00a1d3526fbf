//! The ticket index: every ticket's sort keys and filterable facts in dense tables, one
//! kept-sorted view per sort key, and each contact's ticket counts. Writes refresh only the
//! tickets they touched (moving them within the views whose key changed); a listing walks
//! one view, so no request sorts, and a filter reads the compact facts, never the records.

mod entry;
mod facts;

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

pub use entry::{Key, Ranks};
pub use facts::{Facts, Texts};

use entry::Entry;

use crate::state::State;

/// Sorted views of the tickets of one [`State`], kept in step with it by
/// [`crate::store::Store`].
#[derive(Debug, Clone, PartialEq)]
pub struct TicketIndex {
    ranks: Ranks,
    texts: Texts,
    /// Sort keys by slot; a deleted ticket's slot is reused by the next new one.
    entries: Vec<Entry>,
    /// Facts by slot.
    facts: Vec<Facts>,
    slots: BTreeMap<u64, u32>,
    free: Vec<u32>,
    /// Slots in each view's order, by [`Key::position`].
    views: Vec<Vec<u32>>,
    /// `(tickets, pending tickets)` by contact id.
    counts: HashMap<u64, (u64, u64)>,
}

/// Which way a listing reads a view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// First to last.
    Forward,
    /// Last to first.
    Backward,
    /// Last to first within each part: the tickets with a value (due date, assignee),
    /// then those without one.
    BackwardWithinParts,
}

/// A filter of tickets: their slot in the index and their facts.
pub type Filter<'a> = &'a dyn Fn(u32, &Facts) -> bool;

/// The tickets a filter accepted (by slot) and how many.
#[derive(Debug)]
pub struct Accepted {
    /// Whether the ticket in each slot passes.
    pub by_slot: Vec<bool>,
    /// How many pass.
    pub total: usize,
}

/// One page of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// How many tickets match in all.
    pub total: usize,
    /// The ticket numbers of the page, in order.
    pub page: Vec<u64>,
}

impl TicketIndex {
    /// The index of every ticket of `state`.
    pub fn build(state: &State) -> Self {
        let ranks = Ranks::of(state);
        let mut texts = Texts::default();
        let entries: Vec<Entry> = state
            .tickets
            .values()
            .map(|ticket| ranks.entry(state, ticket))
            .collect();
        let facts = state
            .tickets
            .values()
            .map(|ticket| Facts::of(state, ticket, &mut texts))
            .collect();
        let slots = entries
            .iter()
            .zip(0..)
            .map(|(e, slot)| (e.id, slot))
            .collect();
        let views = Key::ALL
            .iter()
            .map(|key| {
                let mut view: Vec<u32> = (0..entries.len() as u32).collect();
                view.sort_unstable_by(|a, b| {
                    key.compare(&entries[*a as usize], &entries[*b as usize])
                });
                view
            })
            .collect();
        let mut index = Self {
            ranks,
            texts,
            entries,
            facts,
            slots,
            free: Vec::new(),
            views,
            counts: HashMap::new(),
        };
        for slot in 0..index.entries.len() as u32 {
            index.tally(slot, true);
        }
        index
    }

    /// Brings ticket `id` up to date with `state`: added, moved in the views whose key
    /// changed, or removed when it no longer exists.
    pub fn refresh(&mut self, state: &State, id: u64) {
        let fresh = state.tickets.get(&id).map(|ticket| {
            let facts = Facts::of(state, ticket, &mut self.texts);
            (self.ranks.entry(state, ticket), facts)
        });
        match (self.slots.get(&id).copied(), fresh) {
            (None, None) => {}
            (None, Some((entry, facts))) => {
                let slot = match self.free.pop() {
                    Some(slot) => {
                        self.entries[slot as usize] = entry;
                        self.facts[slot as usize] = facts;
                        slot
                    }
                    None => {
                        self.entries.push(entry);
                        self.facts.push(facts);
                        (self.entries.len() - 1) as u32
                    }
                };
                self.slots.insert(id, slot);
                self.tally(slot, true);
                for key in Key::ALL {
                    self.insert(key, slot);
                }
            }
            (Some(slot), None) => {
                for key in Key::ALL {
                    self.remove(key, slot);
                }
                self.tally(slot, false);
                self.slots.remove(&id);
                self.free.push(slot);
            }
            (Some(slot), Some((entry, facts))) => {
                let old = &self.entries[slot as usize];
                let moved: Vec<Key> = Key::ALL
                    .into_iter()
                    .filter(|key| key.compare(old, &entry) != Ordering::Equal)
                    .collect();
                for key in &moved {
                    self.remove(*key, slot);
                }
                self.tally(slot, false);
                self.entries[slot as usize] = entry;
                self.facts[slot as usize] = facts;
                self.tally(slot, true);
                for key in &moved {
                    self.insert(*key, slot);
                }
            }
        }
    }

    /// `(tickets, pending tickets)` of a contact.
    pub fn contact_counts(&self, contact: u64) -> (u64, u64) {
        self.counts.get(&contact).copied().unwrap_or_default()
    }

    /// By slot, whether the ticket has a subject or message `test` accepts (`test` runs
    /// once per distinct text).
    pub fn written(&self, test: impl Fn(&str) -> bool) -> Vec<bool> {
        self.texts.written(self.entries.len(), test)
    }

    /// By slot, whether the ticket has the tag `tag`.
    pub fn tagged(&self, tag: &str) -> Vec<bool> {
        self.texts.tagged(self.entries.len(), tag)
    }

    /// Which tickets `matches` accepts, by slot: one sequential pass over the facts.
    pub fn accept(&self, matches: Filter<'_>) -> Accepted {
        let mut by_slot = vec![false; self.entries.len()];
        let mut total = 0;
        for slot in &self.views[Key::Ticket.position()] {
            if matches(*slot, &self.facts[*slot as usize]) {
                by_slot[*slot as usize] = true;
                total += 1;
            }
        }
        Accepted { by_slot, total }
    }

    /// The tickets `accepted` holds (every ticket when it is `None`), in the order of `key`
    /// read in `direction`: how many, and the numbers of those from `skip` on, at most
    /// `take`.
    pub fn select(
        &self,
        (key, direction): (Key, Direction),
        accepted: Option<&Accepted>,
        skip: usize,
        take: usize,
    ) -> Selection {
        let walk = self.walk(key, direction);
        let Some(accepted) = accepted else {
            return Selection {
                total: self.slots.len(),
                page: walk.skip(skip).take(take).map(|s| self.id(s)).collect(),
            };
        };
        let page = walk
            .filter(|slot| accepted.by_slot[*slot as usize])
            .skip(skip)
            .take(take)
            .map(|s| self.id(s))
            .collect();
        Selection {
            total: accepted.total,
            page,
        }
    }

    /// The slots of a view in the order read.
    fn walk(&self, key: Key, direction: Direction) -> Box<dyn Iterator<Item = u32> + '_> {
        let view = &self.views[key.position()];
        match direction {
            Direction::Forward => Box::new(view.iter().copied()),
            Direction::Backward => Box::new(view.iter().rev().copied()),
            Direction::BackwardWithinParts => {
                let split = view.partition_point(|s| key.has_value(&self.entries[*s as usize]));
                let (with, without) = view.split_at(split);
                Box::new(with.iter().rev().chain(without.iter().rev()).copied())
            }
        }
    }

    fn id(&self, slot: u32) -> u64 {
        self.entries[slot as usize].id
    }

    /// Where `slot` is (or belongs) in the view of `key`.
    fn position(&self, key: Key, slot: u32) -> Result<usize, usize> {
        let entry = &self.entries[slot as usize];
        self.views[key.position()]
            .binary_search_by(|other| key.compare(&self.entries[*other as usize], entry))
    }

    fn insert(&mut self, key: Key, slot: u32) {
        if let Err(at) = self.position(key, slot) {
            self.views[key.position()].insert(at, slot);
        }
    }

    fn remove(&mut self, key: Key, slot: u32) {
        if let Ok(at) = self.position(key, slot) {
            self.views[key.position()].remove(at);
        }
    }

    /// Counts the ticket in `slot` in (`present`) or out of its contact's counts and its
    /// texts' tickets.
    fn tally(&mut self, slot: u32, present: bool) {
        let facts = &self.facts[slot as usize];
        self.texts.mark(slot, facts, present);
        let by = if present { 1 } else { -1 };
        let (total, pending) = self.counts.entry(facts.contact).or_default();
        *total = total.saturating_add_signed(by);
        if facts.pending {
            *pending = pending.saturating_add_signed(by);
        }
    }
}
