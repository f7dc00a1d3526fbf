//! The read-only lookups: categories, statuses, priorities, staff, custom-field
//! definitions, contacts (paginated, `q` free text) and contact groups.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State as Shared};
use serde_json::Value;

use super::listing::Paging;
use crate::app::App;
use crate::render::{page_info, to_value};
use crate::reply::ApiError;

/// `GET /categories/`.
pub async fn categories(Shared(app): Shared<Arc<App>>) -> Json<Value> {
    let store = app.read();
    Json(Value::Array(
        store
            .state()
            .categories
            .iter()
            .map(|c| to_value(&c.category))
            .collect(),
    ))
}

/// `GET /statuses/`.
pub async fn statuses(Shared(app): Shared<Arc<App>>) -> Json<Value> {
    Json(to_value(&app.read().state().statuses))
}

/// `GET /priorities/`.
pub async fn priorities(Shared(app): Shared<Arc<App>>) -> Json<Value> {
    Json(to_value(&app.read().state().priorities))
}

/// `GET /staff/`.
pub async fn staff(Shared(app): Shared<Arc<App>>) -> Json<Value> {
    Json(to_value(&app.read().state().staff))
}

/// `GET /ticket_custom_fields/`.
pub async fn ticket_custom_fields(Shared(app): Shared<Arc<App>>) -> Json<Value> {
    Json(to_value(&app.read().state().ticket_custom_fields))
}

/// `GET /user_custom_fields/`.
pub async fn contact_custom_fields(Shared(app): Shared<Arc<App>>) -> Json<Value> {
    Json(to_value(&app.read().state().contact_custom_fields))
}

/// `GET /users/?q=&size=&page=`: contacts whose name, email or phone contains `q`.
pub async fn contacts(
    Shared(app): Shared<Arc<App>>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let paging = Paging::read(&params)?;
    let needle = params
        .get("q")
        .map(|q| q.trim().to_lowercase())
        .unwrap_or_default();
    let store = app.read();
    let renderer = app.renderer(&store);
    let matching: Vec<_> = store
        .state()
        .contacts
        .values()
        .filter(|c| {
            needle.is_empty()
                || c.name.to_lowercase().contains(&needle)
                || c.email.to_lowercase().contains(&needle)
                || c.phones
                    .iter()
                    .filter_map(|p| p.number.as_deref())
                    .any(|n| n.contains(&needle))
        })
        .collect();
    let page: Vec<Value> = paging
        .slice(&matching)
        .iter()
        .map(|c| to_value(&renderer.contact(c)))
        .collect();
    Ok(Json(serde_json::json!({
        "page_info": page_info(matching.len(), paging.page, paging.size, page.len()),
        "data": page,
    })))
}

/// `GET /user/<id or email>/`.
pub async fn contact(
    Shared(app): Shared<Arc<App>>,
    Path(key): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let store = app.read();
    let state = store.state();
    let found = match key.parse::<u64>() {
        Ok(id) => state.contacts.get(&id),
        Err(_) => state.contact_by_email(&key),
    };
    let contact = found.ok_or(ApiError::NotFound)?;
    Ok(Json(to_value(&app.renderer(&store).contact(contact))))
}

/// `GET /contact_groups/`.
pub async fn contact_groups(Shared(app): Shared<Arc<App>>) -> Json<Value> {
    let store = app.read();
    let renderer = app.renderer(&store);
    Json(Value::Array(
        store
            .state()
            .contact_groups
            .iter()
            .map(|g| renderer.contact_group(g, false))
            .collect(),
    ))
}

/// `GET /contact_group/<id>/`: the group with its members.
pub async fn contact_group(
    Shared(app): Shared<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id: u64 = id.parse().map_err(|_| ApiError::NotFound)?;
    let store = app.read();
    let group = store.state().contact_group(id).ok_or(ApiError::NotFound)?;
    Ok(Json(app.renderer(&store).contact_group(group, true)))
}
