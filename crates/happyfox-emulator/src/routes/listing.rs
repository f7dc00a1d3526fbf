//! `GET /tickets/`: status and category filters, `q` search, `sort`, pagination
//! (`size` 1..=50, larger sizes are clamped to 50; default 10), `minify_response=true`
//! (ids only, with `page_info`) and `fields=a,b` (top-level keys only, with `page_info`).

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State as Shared};
use happyfox_query::Sort;
use serde_json::{Map, Value, json};

use crate::app::App;
use crate::render::page_info;
use crate::reply::ApiError;
use crate::search::Search;
use crate::sort::sort_tickets;

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

/// `GET /tickets/`.
pub async fn list_tickets(
    Shared(app): Shared<Arc<App>>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
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
    let state = app.state();
    let status_filter = params.get("status").map_or("_all", |s| s.trim());
    let status_id =
        match status_filter {
            "" | "_all" | "_pending" => None,
            id => Some(id.parse::<u64>().map_err(|_| {
                ApiError::bad_request("status must be _all, _pending or a status id.")
            })?),
        };
    let now = app.clock.now();
    let mut tickets: Vec<_> = state
        .tickets
        .values()
        .filter(|t| status_filter != "_pending" || !state.is_completed(t.status))
        .filter(|t| status_id.is_none_or(|s| t.status == s))
        .filter(|t| category.is_none_or(|c| t.category == c))
        .filter(|t| search.matches(&state, t, now))
        .collect();
    sort_tickets(&state, &mut tickets, sort);
    let page = paging.slice(&tickets);
    let info = page_info(tickets.len(), paging.page, paging.size, page.len());
    let data: Vec<Value> = if params.get("minify_response").is_some_and(|v| v == "true") {
        page.iter().map(|t| Value::from(t.id)).collect()
    } else {
        let renderer = app.renderer(&state);
        let wanted: Option<Vec<&str>> = params.get("fields").map(|f| {
            f.split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .collect()
        });
        page.iter()
            .map(|t| {
                let full = renderer.ticket(t, false);
                match (&wanted, full) {
                    (Some(keys), Value::Object(map)) => Value::Object(project(map, keys)),
                    (_, full) => full,
                }
            })
            .collect()
    };
    Ok(Json(json!({ "page_info": info, "data": data })))
}

/// Only the top-level `keys` of `map`.
fn project(mut map: Map<String, Value>, keys: &[&str]) -> Map<String, Value> {
    keys.iter()
        .filter_map(|k| map.remove(*k).map(|v| ((*k).to_owned(), v)))
        .collect()
}
