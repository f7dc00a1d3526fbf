//! The one pager behind every generated `...Pager` object: a [`Stream`] over the core's
//! lazy page iterator, yielding one item per call, which also says the page it fetches next.

use crate::errors::count;
use crate::stream::Stream;

/// Every item of a listing, fetched page by page as [`Stream::next`] is called.
pub type Pager<T> = Stream<happyfox::PageIter<'static, T>>;

impl<T: happyfox::PageItem> Pager<T> {
    /// The page the next fetch asks for; `None` once the listing is over.
    pub fn next_page(&self) -> Option<i64> {
        self.lock().next_page().map(count)
    }
}
