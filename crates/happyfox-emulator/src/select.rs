//! Which tickets a listing shows: the `status` and `category` parameters and the `q` search
//! ANDed, in a `sort=` order, one page of them, read from the ticket index.

use chrono::{DateTime, Utc};
use happyfox_query::Sort;

use crate::index::{Facts, Filter, Selection};
use crate::search::Search;
use crate::sort::order;
use crate::store::Store;

/// The `status` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    /// `_all` (or none): every status.
    All,
    /// `_pending`: statuses that are not completed.
    Pending,
    /// One status id.
    Is(u64),
}

/// The filters of a listing.
#[derive(Debug)]
pub struct Filters {
    /// The `status` parameter.
    pub status: StatusFilter,
    /// The `category` parameter.
    pub category: Option<u64>,
    /// The parsed `q`.
    pub search: Search,
}

/// The tickets of `store` that pass `filters`, in the order of `sort`: how many, and the
/// numbers of at most `take` of them from `skip` on. `now` is the server's time (relative
/// dates in `q`). Which tickets pass is remembered by the store until its next change, so
/// the other pages of the same listing only walk the view.
pub fn select(
    store: &Store,
    filters: &Filters,
    sort: Option<Sort>,
    now: DateTime<Utc>,
    (skip, take): (usize, usize),
) -> Selection {
    let status = filters.status;
    let category = filters.category;
    let everything =
        status == StatusFilter::All && category.is_none() && filters.search.matches_everything();
    if everything {
        return store.index().select(order(sort), None, skip, take);
    }
    // Relative dates in `q` read the day, so the day is part of what the filter is.
    let described = format!("{filters:?} on {}", now.date_naive());
    let accepted = store.accepted(described, || {
        let matcher = filters.search.prepare(store.state(), store.index(), now);
        let filter = |slot: u32, ticket: &Facts| {
            let status_passes = match status {
                StatusFilter::All => true,
                StatusFilter::Pending => ticket.pending,
                StatusFilter::Is(id) => ticket.status == id,
            };
            status_passes
                && category.is_none_or(|c| ticket.category == c)
                && matcher.matches(slot, ticket)
        };
        store.index().accept(&filter as Filter<'_>)
    });
    store
        .index()
        .select(order(sort), Some(&accepted), skip, take)
}
