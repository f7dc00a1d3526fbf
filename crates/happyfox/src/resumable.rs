//! [`Resumable`]: what every iterator of the client shares ([`PageIter`], [`SnapshotIter`],
//! [`TicketExport`], [`SyncIter`]): it stops at a request that failed after the client's
//! retries, yields that error once, and can make the request again without skipping or
//! repeating anything. Code that drains any of them (the CLI, the bindings) takes this trait.

use crate::pagination::{PageItem, PageIter};

/// An iterator of results that stops at a failed request and can make it again.
///
/// After an `Err`, `next` yields nothing until [`Resumable::resume`]; the retries are the
/// client's ([`RetryPolicy`](crate::RetryPolicy)): `resume` is for a caller that decides to
/// go on anyway (later, after fixing the network...).
///
/// ```no_run
/// use happyfox::Resumable;
///
/// /// Every item, resuming each failed request up to `attempts` times.
/// fn all<T>(items: &mut impl Resumable<Item = happyfox::Result<T>>, attempts: u32) -> happyfox::Result<Vec<T>> {
///     let mut out = Vec::new();
///     let mut failures = 0;
///     loop {
///         match items.next() {
///             Some(Ok(item)) => out.push(item),
///             Some(Err(error)) if failures == attempts => return Err(error),
///             Some(Err(_)) => failures += 1,
///             None if items.failed() => items.resume(),
///             None => return Ok(out),
///         }
///     }
/// }
/// ```
pub trait Resumable: Iterator {
    /// Whether the last request failed, so nothing is yielded until [`Resumable::resume`].
    fn failed(&self) -> bool;
    /// After a failure, makes the next call to `next` repeat the request that failed. Does
    /// nothing otherwise.
    fn resume(&mut self);
    /// How many items the iterator will yield, once it knows (an export after its first
    /// page); `None` otherwise.
    fn total(&self) -> Option<u64> {
        None
    }
}

impl<T: PageItem> Resumable for PageIter<'_, T> {
    fn failed(&self) -> bool {
        PageIter::failed(self)
    }

    fn resume(&mut self) {
        PageIter::resume(self);
    }
}
