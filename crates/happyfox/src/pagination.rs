//! Pages of a listing, and a lazy iterator over every item of every page.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::generated::models::PageInfo;

/// HappyFox's default page size: what a single `list` call gets when it sets no size.
pub const DEFAULT_PAGE_SIZE: u64 = 10;
/// The largest page size HappyFox allows.
pub const MAX_PAGE_SIZE: u64 = 50;
/// The page size the iterators ask for when the caller sets none: the most HappyFox allows,
/// so a walk makes a fifth of the requests (and spends a fifth of the rate limit) that
/// HappyFox's default of 10 would.
pub const ITER_PAGE_SIZE: u64 = MAX_PAGE_SIZE;

/// One page of a listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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

/// An item of a listing the iterators walk, told apart by its id (the generator implements
/// it for every model an iterator walks).
///
/// [`PageIter`] compares pages by the ids of their items, not by whole items: two fetches
/// of the same ticket differ in their attachment URLs, which carry an expiry time, so
/// comparing whole items would miss a server that answers the same page again.
pub trait PageItem {
    /// The item's id within its listing.
    fn page_key(&self) -> u64;
}

/// Ticket ids (`minify_response` listings).
impl PageItem for u64 {
    fn page_key(&self) -> u64 {
        *self
    }
}

/// The function fetching one page, shared with a read-ahead thread.
type FetchPage<'a, T> = Arc<Mutex<Box<dyn FnMut(u64) -> Result<Page<T>> + Send + 'a>>>;

/// A page fetched on another thread.
type PageAhead<T> = JoinHandle<Result<Page<T>>>;

/// Starts fetching a page on another thread (`None` when no thread could be started).
type StartAhead<'a, T> = fn(&FetchPage<'a, T>, u64) -> Option<PageAhead<T>>;

/// Every item of every page, fetched lazily one page at a time.
///
/// With read-ahead (the iterators of a [`Client`](crate::Client) unless
/// [`ClientOptions::read_ahead`](crate::ClientOptions::read_ahead) is off), the next page is
/// fetched on another thread while the caller works on the current one: at most one page
/// beyond the one being read, so memory stays about one page. Errors, their place in the
/// sequence, [`PageIter::failed`], [`PageIter::resume`] and the order are the same either way.
/// A loop that stops early has fetched at most one page it did not read.
///
/// A page that fails (after the client's retries) is yielded as that error, and then the
/// iterator yields nothing more until [`PageIter::resume`] is called: the iterator keeps its
/// place, so a long export picks up at the page that failed instead of starting over.
/// [`PageIter::next_page`] says which page that is; to resume in another process, start a
/// new iterator with `params.page(n)`.
///
/// ```no_run
/// # fn export(client: &happyfox::Client) -> Vec<happyfox::Ticket> {
/// let mut tickets = Vec::new();
/// let mut pages = client.iter_tickets(&happyfox::ListTickets::new());
/// let mut failures = 0;
/// loop {
///     while let Some(ticket) = pages.next() {
///         match ticket {
///             Ok(ticket) => tickets.push(ticket),
///             Err(error) => eprintln!("page {:?} failed: {error}", pages.next_page()),
///         }
///     }
///     if !pages.failed() || failures == 5 {
///         break tickets;
///     }
///     failures += 1;
///     pages.resume(); // fetch the page that failed again, keep everything else
/// }
/// # }
/// ```
///
/// It always stops, whatever the server answers:
/// - after the last page `page_info.page_count` announces: never past the smallest count
///   announced so far (so never past the first page's), even if later pages say more;
/// - at a page shorter than the page size, when no page count was announced;
/// - at an empty page;
/// - at a page that brings nothing new: the same item ids, in the same order, as the page
///   before it (a server that ignores `page`). That page's items are not yielded again.
///
/// A page that only overlaps the one before it (items shift between pages while tickets
/// change) is new, and its items are all yielded.
pub struct PageIter<'a, T> {
    fetch: FetchPage<'a, T>,
    /// How a page is fetched ahead, when read-ahead is on.
    start_ahead: Option<StartAhead<'a, T>>,
    /// The fetch of `next_page` running on another thread.
    ahead: Option<PageAhead<T>>,
    next_page: u64,
    page_size: u64,
    /// The smallest `page_count` announced so far.
    last_page: Option<u64>,
    /// The item ids of the last page fetched, in order.
    previous_keys: Vec<u64>,
    buffer: VecDeque<T>,
    state: State,
}

/// Where a [`PageIter`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// More pages may follow.
    Running,
    /// The fetch of `next_page` failed; nothing more until `resume`.
    Failed,
    /// The listing is over.
    Done,
}

impl<'a, T> PageIter<'a, T> {
    /// Iterates from `first_page`, calling `fetch(page)` for each page when the caller
    /// reaches it (`fetch` is `Send`, so the iterator can move to another thread when `T`
    /// can). [`PageIter::read_ahead`] turns read-ahead on.
    pub fn new(
        first_page: u64,
        page_size: u64,
        fetch: impl FnMut(u64) -> Result<Page<T>> + Send + 'a,
    ) -> Self {
        Self {
            fetch: Arc::new(Mutex::new(Box::new(fetch))),
            start_ahead: None,
            ahead: None,
            next_page: first_page.max(1),
            page_size: page_size.max(1),
            last_page: None,
            previous_keys: Vec::new(),
            buffer: VecDeque::new(),
            state: State::Running,
        }
    }

    /// The page the next fetch asks for (or is fetching ahead): after an error, the page that
    /// failed; `None` once the listing is over.
    pub fn next_page(&self) -> Option<u64> {
        (self.state != State::Done).then_some(self.next_page)
    }

    /// Whether the last fetch failed, so the iterator yields nothing until
    /// [`PageIter::resume`].
    pub fn failed(&self) -> bool {
        self.state == State::Failed
    }

    /// After an error, makes the next call to `next` fetch the page that failed again,
    /// keeping what the iterator learned (the page count, the ids of the last page, so a
    /// server ignoring `page` is still caught). Does nothing otherwise.
    pub fn resume(&mut self) {
        if self.state == State::Failed {
            self.state = State::Running;
        }
    }

    /// Whether a page is being fetched ahead right now (at most one is).
    pub fn is_reading_ahead(&self) -> bool {
        self.ahead.is_some()
    }
}

impl<T: Send + 'static> PageIter<'static, T> {
    /// Fetches the next page on another thread while the caller works on the current one
    /// (`true`), or each page when the caller reaches it (`false`, the default of
    /// [`PageIter::new`]). At most one page is fetched ahead.
    pub fn read_ahead(mut self, on: bool) -> Self {
        self.start_ahead = on.then_some(start_ahead::<T> as StartAhead<'static, T>);
        self
    }
}

/// Fetches `page` on a thread of its own, with the iterator's fetch function.
fn start_ahead<T: Send + 'static>(
    fetch: &FetchPage<'static, T>,
    page: u64,
) -> Option<PageAhead<T>> {
    let fetch = Arc::clone(fetch);
    std::thread::Builder::new()
        .name("happyfox-read-ahead".into())
        .spawn(move || fetch_page(&fetch, page))
        .ok()
}

/// Calls the fetch function (a panic in an earlier fetch does not stop this one).
fn fetch_page<T>(fetch: &FetchPage<'_, T>, page: u64) -> Result<Page<T>> {
    let mut fetch = fetch.lock().unwrap_or_else(PoisonError::into_inner);
    fetch(page)
}

impl<T: PageItem> PageIter<'_, T> {
    /// Fetches `next_page` (or collects it from the read-ahead thread) and takes it in.
    fn fetch_next(&mut self) -> Result<()> {
        let page_number = self.next_page;
        let page = match self.ahead.take() {
            Some(ahead) => match ahead.join() {
                Ok(page) => page,
                Err(panic) => {
                    self.state = State::Done;
                    std::panic::resume_unwind(panic)
                }
            },
            None => fetch_page(&self.fetch, page_number),
        }?;
        self.take_in(page_number, page);
        if self.state == State::Running
            && let Some(start) = self.start_ahead
        {
            self.ahead = start(&self.fetch, self.next_page);
        }
        Ok(())
    }

    /// Takes in page `page_number`: its items, and whether the listing goes on.
    fn take_in(&mut self, page_number: u64, page: Page<T>) {
        self.next_page += 1;
        let announced = page.page_info.as_ref().and_then(|info| info.page_count);
        if let Some(count) = announced {
            self.last_page = Some(self.last_page.map_or(count, |last| last.min(count)));
        }
        let keys: Vec<u64> = page.data.iter().map(PageItem::page_key).collect();
        if keys.is_empty() || keys == self.previous_keys {
            self.state = State::Done;
            return;
        }
        let received = keys.len() as u64;
        let last = match self.last_page {
            Some(last) => page_number >= last,
            None => received < self.page_size,
        };
        if last {
            self.state = State::Done;
        }
        self.previous_keys = keys;
        self.buffer.extend(page.data);
    }
}

impl<T: PageItem> Iterator for PageIter<'_, T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            if self.state != State::Running {
                return None;
            }
            if let Err(error) = self.fetch_next() {
                self.state = State::Failed;
                return Some(Err(error));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    fn info(page_count: Option<u64>) -> Option<PageInfo> {
        Some(PageInfo {
            count: None,
            last_index: None,
            page_count,
            start_index: None,
            end_index: None,
            extra: serde_json::Map::new(),
        })
    }

    /// Walks a listing whose pages `answer(page)` builds, without and with read-ahead; the
    /// items and the pages asked for, the same both ways.
    fn walk(
        page_size: u64,
        answer: impl Fn(u64) -> Page<u64> + Send + Sync + 'static,
    ) -> (Vec<u64>, Vec<u64>) {
        let answer = Arc::new(answer);
        let walks: Vec<(Vec<u64>, Vec<u64>)> = [false, true]
            .into_iter()
            .map(|read_ahead| {
                let asked = Arc::new(Mutex::new(Vec::new()));
                let (log, answer) = (Arc::clone(&asked), Arc::clone(&answer));
                let items = PageIter::new(1, page_size, move |page| {
                    log.lock().expect("lock").push(page);
                    assert!(page < 100, "the iterator did not stop");
                    Ok(answer(page))
                })
                .read_ahead(read_ahead)
                .collect::<Result<Vec<u64>>>()
                .expect("no errors");
                let asked = asked.lock().expect("lock").clone();
                (items, asked)
            })
            .collect();
        assert_eq!(walks[0], walks[1], "read-ahead changes nothing but timing");
        walks[0].clone()
    }

    /// Ids `from..from + n`.
    fn ids(from: u64, n: u64) -> Vec<u64> {
        (from..from + n).collect()
    }

    #[test]
    fn stops_after_the_announced_last_page_full_or_partial() {
        let full = walk(10, |page| Page {
            page_info: info(Some(2)),
            data: ids(page * 10, 10),
        });
        assert_eq!(full, ([ids(10, 10), ids(20, 10)].concat(), vec![1, 2]));
        let partial = walk(10, |page| Page {
            page_info: info(Some(3)),
            data: ids(page * 10, if page == 3 { 4 } else { 10 }),
        });
        assert_eq!(partial.0.len(), 24);
        assert_eq!(partial.1, [1, 2, 3]);
    }

    #[test]
    fn without_a_page_count_stops_at_a_short_or_empty_page() {
        let short = walk(10, |page| Page {
            page_info: None,
            data: ids(page * 10, if page == 3 { 1 } else { 10 }),
        });
        assert_eq!((short.0.len(), short.1), (21, vec![1, 2, 3]));
        let empty = walk(10, |page| Page {
            page_info: info(None),
            data: if page == 3 {
                Vec::new()
            } else {
                ids(page * 10, 10)
            },
        });
        assert_eq!((empty.0.len(), empty.1), (20, vec![1, 2, 3]));
    }

    #[test]
    fn a_page_repeating_the_one_before_ends_the_listing() {
        let ignored = walk(10, |_| Page {
            page_info: None,
            data: ids(1, 10),
        });
        assert_eq!(ignored, (ids(1, 10), vec![1, 2]));
        let ignored_with_count = walk(10, |_| Page {
            page_info: info(Some(5)),
            data: ids(1, 10),
        });
        assert_eq!(ignored_with_count, (ids(1, 10), vec![1, 2]));
    }

    #[test]
    fn an_overlapping_page_is_new() {
        // Tickets updated meanwhile push the list down by 3: page 2 repeats 3 items.
        let shifted = walk(10, |page| Page {
            page_info: info(Some(2)),
            data: ids((page - 1) * 7 + 1, 10),
        });
        assert_eq!(shifted.0, [ids(1, 10), ids(8, 10)].concat());
        assert_eq!(shifted.1, [1, 2]);
    }

    #[test]
    fn never_goes_past_the_smallest_page_count_announced() {
        let grows = walk(10, |page| Page {
            page_info: info(Some(if page == 1 { 2 } else { 9 })),
            data: ids(page * 10, 10),
        });
        assert_eq!((grows.0.len(), grows.1), (20, vec![1, 2]));
        let shrinks = walk(10, |page| Page {
            page_info: info(Some(if page == 1 { 4 } else { 2 })),
            data: ids(page * 10, 10),
        });
        assert_eq!((shrinks.0.len(), shrinks.1), (20, vec![1, 2]));
    }

    #[test]
    fn an_error_is_yielded_once_and_the_iterator_resumes_at_that_page() {
        for read_ahead in [false, true] {
            let asked = Arc::new(Mutex::new(Vec::new()));
            let failing = Mutex::new(vec![2, 2, 3]);
            let log = Arc::clone(&asked);
            let mut iter = PageIter::<u64>::new(1, 10, move |page| {
                log.lock().expect("lock").push(page);
                let mut failing = failing.lock().expect("lock");
                if failing.first() == Some(&page) {
                    failing.remove(0);
                    return Err(crate::Error::Http {
                        status: 500,
                        body: "boom".into(),
                    });
                }
                Ok(Page {
                    page_info: info(Some(3)),
                    data: ids(page * 10, 10),
                })
            })
            .read_ahead(read_ahead);
            let mut items = Vec::new();
            let mut errors = Vec::new();
            loop {
                for item in iter.by_ref() {
                    match item {
                        Ok(id) => items.push(id),
                        Err(_) => errors.push(items.len()),
                    }
                }
                if !iter.failed() {
                    break;
                }
                assert!(iter.next().is_none(), "nothing until resume");
                iter.resume();
            }
            assert_eq!(errors, [10, 10, 20], "each error in its place");
            assert_eq!(items, [ids(10, 10), ids(20, 10), ids(30, 10)].concat());
            assert_eq!(iter.next_page(), None);
            iter.resume();
            assert!(iter.next().is_none(), "a finished listing stays finished");
            drop(iter);
            assert_eq!(*asked.lock().expect("lock"), [1, 2, 2, 2, 3, 3]);
        }
    }

    /// Read-ahead fetches the page after the one being read, and no further: page 3 is not
    /// asked for until the caller reads page 2 (page 2's fetch is held until the test lets
    /// it answer, so nothing here depends on timing).
    #[test]
    fn read_ahead_holds_at_most_one_page_beyond_the_one_being_read() {
        let (started, asked) = std::sync::mpsc::channel();
        let (answer, answers) = std::sync::mpsc::channel::<()>();
        let answers = Mutex::new(answers);
        let mut iter = PageIter::<u64>::new(1, 10, move |page| {
            started.send(page).expect("the test listens");
            if page > 1 {
                answers
                    .lock()
                    .expect("lock")
                    .recv()
                    .expect("the test answers");
            }
            Ok(Page {
                page_info: info(Some(3)),
                data: ids(page * 10, 10),
            })
        })
        .read_ahead(true);
        assert_eq!(iter.next().map(Result::ok), Some(Some(10)));
        assert_eq!(asked.recv().ok(), Some(1));
        assert_eq!(asked.recv().ok(), Some(2), "page 2 is fetched ahead");
        assert!(iter.is_reading_ahead());
        let rest: Vec<u64> = iter.by_ref().take(9).map(Result::unwrap).collect();
        assert_eq!(rest, ids(11, 9));
        assert!(
            asked.try_recv().is_err(),
            "nothing beyond page 2 while page 1 is read"
        );
        answer.send(()).expect("page 2 answers");
        assert_eq!(iter.next().map(Result::ok), Some(Some(20)));
        assert_eq!(
            asked.recv().ok(),
            Some(3),
            "page 3 once page 2 is being read"
        );
        answer.send(()).expect("page 3 answers");
        assert_eq!(iter.count(), 19);
    }

    #[test]
    fn without_read_ahead_a_page_is_fetched_when_reached() {
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&asked);
        let mut iter = PageIter::<u64>::new(1, 10, move |page| {
            log.lock().expect("lock").push(page);
            Ok(Page {
                page_info: info(Some(3)),
                data: ids(page * 10, 10),
            })
        });
        assert_eq!(iter.by_ref().take(10).count(), 10);
        assert!(!iter.is_reading_ahead());
        assert_eq!(*asked.lock().expect("lock"), [1]);
    }
}
