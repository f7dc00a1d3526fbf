//! Every ticket of a listing, page after page through the core's [`happyfox::PageIter`]
//! (pacing and retries are the client's): each ticket once, even when tickets shift
//! between pages, and a page that still fails after the client's retries is fetched again
//! a few times before the walk gives up.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use happyfox::{Client, ListTickets, PageIter, Ticket};

use crate::failure::Failure;
use crate::session::Ui;

/// How many times one page is fetched again after the client's own retries failed.
const PAGE_RESUMES: u32 = 3;

/// Calls `each(ticket, total)` for every ticket `params` lists, from `params.page` (or 1);
/// `total` is the first page's `page_info.last_index`. Returns how many tickets there were.
pub fn walk(
    client: &Client,
    params: &ListTickets,
    ui: Ui,
    mut each: impl FnMut(Ticket, Option<u64>) -> Result<(), Failure>,
) -> Result<u64, Failure> {
    let total = Arc::new(OnceLock::new());
    let announced = Arc::clone(&total);
    let fetcher = client.clone();
    let paged = params.clone();
    let size = params.size.unwrap_or(happyfox::MAX_PAGE_SIZE);
    let first = params.page.unwrap_or(1);
    let mut pages = PageIter::new(first, size, move |page| {
        let answer = fetcher.list_tickets(&paged.clone().size(size).page(page))?;
        if let Some(last_index) = answer.total() {
            let _ = announced.set(last_index);
        }
        Ok(answer)
    });
    let mut seen = HashSet::new();
    let mut resumes = 0;
    loop {
        match pages.next() {
            Some(Ok(ticket)) => {
                resumes = 0;
                if seen.insert(ticket.id) {
                    each(ticket, total.get().copied())?;
                }
            }
            Some(Err(error)) if resumes < PAGE_RESUMES => {
                resumes += 1;
                ui.warn(&format!(
                    "page {} failed ({error}); trying it again ({resumes} of {PAGE_RESUMES})",
                    pages.next_page().unwrap_or_default()
                ));
            }
            Some(Err(error)) => {
                let mut failure = Failure::from(error);
                failure.message = format!(
                    "{} ({} tickets done; resume with --page {})",
                    failure.message,
                    seen.len(),
                    pages.next_page().unwrap_or_default()
                );
                return Err(failure);
            }
            None if pages.failed() => pages.resume(),
            None => return Ok(seen.len() as u64),
        }
    }
}
