//! Every ticket of a listing, page after page through the core's [`happyfox::PageIter`]
//! (pacing and retries are the client's): each ticket once, even when tickets shift
//! between pages, and a page that still fails after the client's retries with a transient
//! error is fetched again a few times before the walk gives up.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use happyfox::{Client, ListTickets, PageIter, Ticket};

use crate::failure::Failure;
use crate::session::Ui;

/// How many times one page is fetched again after the client's own retries failed.
const PAGE_RESUMES: u32 = 3;

/// Whether fetching the page again may help: a network failure, a timeout, a rate limit or
/// a server error (not a refusal such as 401 or 404).
fn transient(error: &happyfox::Error) -> bool {
    use happyfox::Error as E;
    matches!(
        error,
        E::Transport { .. } | E::RateLimited { .. } | E::DeadlineExceeded { .. }
    ) || error.status().is_some_and(|status| status >= 500)
}

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
            Some(Err(error)) if resumes < PAGE_RESUMES && transient(&error) => {
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
