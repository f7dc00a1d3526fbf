//! Ticket detail, ticket create, and the handlers of every other ticket write: each write
//! answers the full ticket as it is afterwards, except the actions (subscribe, unsubscribe,
//! forward, move, delete), which answer their documented messages.

use std::collections::HashMap;
use std::future::{Ready, ready};
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State as Shared};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::ticket_number;
use crate::app::App;
use crate::payload::Body;
use crate::reply::ApiError;
use crate::state::State;
use crate::store::Store;
use crate::ticket_json::TicketJson;
use crate::writes::{self, TicketCall};

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

/// A write to one ticket, answering `T`: `()` for a write that answers the ticket, the
/// message for an action.
type Write<T> = fn(&mut State, TicketCall) -> Result<T, ApiError>;

/// Applies `write` to the ticket the path names, with the request's fields, and answers what
/// `answer` makes of the store afterwards, the ticket's number and the write's result.
fn apply<T, A>(
    app: &App,
    id: &str,
    body: Body,
    write: Write<T>,
    answer: impl FnOnce(&Store, u64, T) -> Result<A, ApiError>,
) -> Result<A, ApiError> {
    let id = ticket_number(id)?;
    let fields = body.into_fields()?;
    let call = TicketCall {
        id,
        fields: &fields,
        now: app.clock.now(),
    };
    let mut store = app.write();
    let done = store.apply(Some(id), |state| write(state, call))?;
    answer(&store, id, done)
}

/// The handler of a write that answers the ticket as it is afterwards (`staff_update`,
/// `staff_pvtnote`, `user_reply`, `update_custom_fields`, `update_tags`; the pipeline rejects
/// overlapping writes of one ticket with 409).
pub fn ticket_write(
    write: Write<()>,
) -> impl Fn(Shared<Arc<App>>, Path<String>, Body) -> Ready<Answer> + Clone + Send + Sync + 'static
{
    move |Shared(app), Path(id), body| {
        ready(apply(&app, &id, body, write, |store, id, ()| {
            answer_ticket(&app, store, id, false)
        }))
    }
}

/// The handler of an action that answers its documented message (`subscribe`,
/// `unsubscribe`, `forward`, `move`, `delete`).
pub fn action(
    act: Write<Value>,
) -> impl Fn(Shared<Arc<App>>, Path<String>, Body) -> Ready<Message> + Clone + Send + Sync + 'static
{
    move |Shared(app), Path(id), body| {
        ready(apply(&app, &id, body, act, |_, _, message| {
            Ok(Json(message))
        }))
    }
}
