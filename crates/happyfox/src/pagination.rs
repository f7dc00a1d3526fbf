//! Pages of a listing, and a lazy iterator over every item of every page.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::generated::models::PageInfo;

/// HappyFox's default page size.
pub const DEFAULT_PAGE_SIZE: u64 = 10;
/// The largest page size HappyFox allows.
pub const MAX_PAGE_SIZE: u64 = 50;

/// One page of a listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Page<T> {
    /// Where this page sits (absent in `minify_response` answers of some accounts).
    #[serde(default)]
    pub page_info: Option<PageInfo>,
    /// The items.
    #[serde(default, deserialize_with = "crate::wire::scalars::null_as_default")]
    pub data: Vec<T>,
}

impl<T> Page<T> {
    /// The total number of items of the listing, when the server said.
    pub fn total(&self) -> Option<u64> {
        self.page_info.as_ref().and_then(|info| info.last_index)
    }
}

type FetchPage<'a, T> = Box<dyn FnMut(u64) -> Result<Page<T>> + 'a>;

/// Every item of every page, fetched lazily one page at a time (only one page is held in
/// memory). After an error the iterator yields that error once and then ends.
pub struct PageIter<'a, T> {
    fetch: FetchPage<'a, T>,
    next_page: u64,
    page_size: u64,
    buffer: VecDeque<T>,
    done: bool,
}

impl<'a, T> PageIter<'a, T> {
    /// Iterates from `first_page`, calling `fetch(page)` for each page.
    pub fn new(
        first_page: u64,
        page_size: u64,
        fetch: impl FnMut(u64) -> Result<Page<T>> + 'a,
    ) -> Self {
        Self {
            fetch: Box::new(fetch),
            next_page: first_page.max(1),
            page_size: page_size.max(1),
            buffer: VecDeque::new(),
            done: false,
        }
    }

    fn fetch_next(&mut self) -> Result<()> {
        let page_number = self.next_page;
        let page = (self.fetch)(page_number)?;
        self.next_page += 1;
        let received = page.data.len() as u64;
        self.done = match &page.page_info {
            Some(info) => match info.page_count {
                Some(count) => page_number >= count || received == 0,
                None => received < self.page_size,
            },
            None => received < self.page_size,
        };
        self.buffer.extend(page.data);
        Ok(())
    }
}

impl<T> Iterator for PageIter<'_, T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            if self.done {
                return None;
            }
            if let Err(error) = self.fetch_next() {
                self.done = true;
                return Some(Err(error));
            }
        }
    }
}
