//! Ticket detail and every ticket write: each write answers the full ticket as it is
//! afterwards, except the actions (subscribe, unsubscribe, forward, move, delete), which
//! answer their documented messages.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State as Shared};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::ticket_number;
use crate::app::App;
use crate::payload::{Body, Fields};
use crate::reply::ApiError;
use crate::state::State;
use crate::store::Store;
use crate::ticket_json::TicketJson;
use crate::writes::{self, StaffWriteKind};

/// A ticket answer.
type Answer = Result<TicketJson<happyfox::Ticket>, ApiError>;
/// An action's message.
type Message = Result<Json<Value>, ApiError>;

/// The full ticket `id` as answered now.
fn answer_ticket(app: &App, store: &Store, id: u64, show_cf_changes: bool) -> Answer {
    let ticket = store.state().tickets.get(&id).ok_or(ApiError::NotFound)?;
    Ok(TicketJson(
        app.renderer(store).ticket(ticket, show_cf_changes),
    ))
}

/// `GET /ticket/<id>/[?show_cf_changes=true]`.
pub async fn detail(
    Shared(app): Shared<Arc<App>>,
    Path(id): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Answer {
    let id = ticket_number(&id)?;
    let show = params.get("show_cf_changes").is_some_and(|v| v == "true");
    answer_ticket(&app, &app.read(), id, show)
}

/// `POST /tickets/`: one ticket (JSON or multipart), or a JSON array (bulk).
pub async fn create(Shared(app): Shared<Arc<App>>, body: Body) -> Result<Response, ApiError> {
    let now = app.clock.now();
    let mut store = app.write();
    match body {
        Body::List(items) => store
            .apply(None, |state| writes::bulk_create(state, &items, now))
            .map(|answer| Json(answer).into_response()),
        Body::Object(fields) => {
            let id = store.apply(None, |state| writes::create_ticket(state, &fields, now))?;
            answer_ticket(&app, &store, id, false).map(IntoResponse::into_response)
        }
    }
}

/// Runs a write that answers the ticket.
fn ticket_write(
    app: &App,
    id: &str,
    body: Body,
    write: impl FnOnce(&mut State, u64, &Fields, chrono::DateTime<chrono::Utc>) -> Result<(), ApiError>,
) -> Answer {
    let id = ticket_number(id)?;
    let fields = body.into_fields()?;
    let now = app.clock.now();
    let mut store = app.write();
    store.apply(Some(id), |state| write(state, id, &fields, now))?;
    answer_ticket(app, &store, id, false)
}

/// Runs an action that answers a message.
fn action(
    app: &App,
    id: &str,
    body: Body,
    act: impl FnOnce(&mut State, u64, &Fields, chrono::DateTime<chrono::Utc>) -> Result<Value, ApiError>,
) -> Message {
    let id = ticket_number(id)?;
    let fields = body.into_fields()?;
    let now = app.clock.now();
    app.write()
        .apply(Some(id), |state| act(state, id, &fields, now))
        .map(Json)
}

/// `POST /ticket/<id>/staff_update/` (the pipeline rejects overlapping calls with 409).
pub async fn staff_update(
    Shared(app): Shared<Arc<App>>,
    Path(id): Path<String>,
    body: Body,
) -> Answer {
    ticket_write(&app, &id, body, |s, id, f, now| {
        writes::staff_write(s, id, f, StaffWriteKind::Update, now)
    })
}

/// `POST /ticket/<id>/staff_pvtnote/`.
pub async fn staff_pvtnote(
    Shared(app): Shared<Arc<App>>,
    Path(id): Path<String>,
    body: Body,
) -> Answer {
    ticket_write(&app, &id, body, |s, id, f, now| {
        writes::staff_write(s, id, f, StaffWriteKind::PrivateNote, now)
    })
}

/// `POST /ticket/<id>/user_reply/`.
pub async fn user_reply(
    Shared(app): Shared<Arc<App>>,
    Path(id): Path<String>,
    body: Body,
) -> Answer {
    ticket_write(&app, &id, body, writes::contact_reply)
}

/// `POST /ticket/<id>/update_custom_fields/`.
pub async fn update_custom_fields(
    Shared(app): Shared<Arc<App>>,
    Path(id): Path<String>,
    body: Body,
) -> Answer {
    ticket_write(&app, &id, body, writes::update_custom_fields)
}

/// `POST /ticket/<id>/update_tags/`.
pub async fn update_tags(
    Shared(app): Shared<Arc<App>>,
    Path(id): Path<String>,
    body: Body,
) -> Answer {
    ticket_write(&app, &id, body, writes::update_tags)
}

/// `POST /ticket/<id>/subscribe/`.
pub async fn subscribe(
    Shared(app): Shared<Arc<App>>,
    Path(id): Path<String>,
    body: Body,
) -> Message {
    action(&app, &id, body, |s, id, f, _| writes::subscribe(s, id, f))
}

/// `POST /ticket/<id>/unsubscribe/`.
pub async fn unsubscribe(
    Shared(app): Shared<Arc<App>>,
    Path(id): Path<String>,
    body: Body,
) -> Message {
    action(&app, &id, body, |s, id, f, _| writes::unsubscribe(s, id, f))
}

/// `POST /ticket/<id>/forward/`.
pub async fn forward(Shared(app): Shared<Arc<App>>, Path(id): Path<String>, body: Body) -> Message {
    action(&app, &id, body, writes::forward)
}

/// `POST /ticket/<id>/move/`.
pub async fn move_ticket(
    Shared(app): Shared<Arc<App>>,
    Path(id): Path<String>,
    body: Body,
) -> Message {
    action(&app, &id, body, writes::move_ticket)
}

/// `POST /ticket/<id>/delete/`.
pub async fn delete(Shared(app): Shared<Arc<App>>, Path(id): Path<String>, body: Body) -> Message {
    action(&app, &id, body, |s, id, f, _| writes::delete(s, id, f))
}
