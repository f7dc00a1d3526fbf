//! `GET /tickets/`: status and category filters, `q` search, `sort`, pagination
//! (`size` 1..=50, larger sizes are clamped to 50; default 10), `minify_response=true`
//! (ids only, with `page_info`) and `fields=a,b` (top-level keys only, with `page_info`).
//! The page comes from the ticket index; only its tickets are rendered.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State as Shared};
use axum::response::{IntoResponse, Response};
use happyfox_query::Sort;
use serde_json::{Map, Value};

use crate::app::App;
use crate::render::{page_info, to_value};
use crate::reply::ApiError;
use crate::search::Search;
use crate::select::{Filters, StatusFilter, select};
use crate::ticket_json::TicketJson;

/// Default page size.
pub const DEFAULT_SIZE: usize = 10;
/// Largest page size; larger requests are clamped to it.
pub const MAX_SIZE: usize = 50;

/// `size` and `page` of a listing.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    /// Items per page.
    pub size: usize,
    /// 1-based page number.
    pub page: usize,
}

impl Paging {
    /// Reads `size` (clamped to 1..=50) and `page` (from 1); non-numbers and 0 are 400.
    pub fn read(params: &HashMap<String, String>) -> Result<Self, ApiError> {
        let number = |key: &str, default: usize| match params.get(key).map(|v| v.trim()) {
            None | Some("") => Ok(default),
            Some(text) => match text.parse::<usize>() {
                Ok(n) if n >= 1 => Ok(n),
                _ => Err(ApiError::bad_request(format!(
                    "{key} must be a whole number of at least 1."
                ))),
            },
        };
        Ok(Self {
            size: number("size", DEFAULT_SIZE)?.min(MAX_SIZE),
            page: number("page", 1)?,
        })
    }

    /// This page's part of `items`.
    pub fn slice<'a, T>(&self, items: &'a [T]) -> &'a [T] {
        let start = (self.page - 1).saturating_mul(self.size).min(items.len());
        let end = start.saturating_add(self.size).min(items.len());
        &items[start..end]
    }
}

/// A listing answer: `page_info`, then the page's items.
#[derive(Debug, serde::Serialize)]
struct Page<T> {
    page_info: Value,
    data: Vec<T>,
}

/// `GET /tickets/`.
pub async fn list_tickets(
    Shared(app): Shared<Arc<App>>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let paging = Paging::read(&params)?;
    let search = Search::parse(params.get("q").map_or("", String::as_str));
    let sort = match params
        .get("sort")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(text) => Some(
            text.parse::<Sort>()
                .map_err(|e| ApiError::bad_request(e.to_string()))?,
        ),
    };
    let category = match params
        .get("category")
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    {
        None => None,
        Some(text) => Some(
            text.parse::<u64>()
                .map_err(|_| ApiError::bad_request("category must be a category id."))?,
        ),
    };
    let status =
        match params.get("status").map_or("_all", |s| s.trim()) {
            "" | "_all" => StatusFilter::All,
            "_pending" => StatusFilter::Pending,
            id => StatusFilter::Is(id.parse::<u64>().map_err(|_| {
                ApiError::bad_request("status must be _all, _pending or a status id.")
            })?),
        };
    let filters = Filters {
        status,
        category,
        search,
    };
    let store = app.read();
    let state = store.state();
    let selection = select(
        &store,
        &filters,
        sort,
        app.clock.now(),
        ((paging.page - 1).saturating_mul(paging.size), paging.size),
    );
    let page_info = page_info(
        selection.total,
        paging.page,
        paging.size,
        selection.page.len(),
    );
    if params.get("minify_response").is_some_and(|v| v == "true") {
        return Ok(Json(Page {
            page_info,
            data: selection.page,
        })
        .into_response());
    }
    let renderer = app.renderer(&store);
    let models = selection
        .page
        .iter()
        .filter_map(|id| state.tickets.get(id))
        .map(|t| renderer.ticket(t, false));
    Ok(match params.get("fields") {
        Some(fields) => {
            let wanted: Vec<&str> = fields
                .split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .collect();
            let data = models
                .map(|model| match to_value(&model) {
                    Value::Object(map) => Value::Object(project(map, &wanted)),
                    other => other,
                })
                .collect();
            TicketJson(Page { page_info, data }).into_response()
        }
        None => TicketJson(Page {
            page_info,
            data: models.collect(),
        })
        .into_response(),
    })
}

/// Only the top-level `keys` of `map`.
fn project(mut map: Map<String, Value>, keys: &[&str]) -> Map<String, Value> {
    keys.iter()
        .filter_map(|k| map.remove(*k).map(|v| ((*k).to_owned(), v)))
        .collect()
}
