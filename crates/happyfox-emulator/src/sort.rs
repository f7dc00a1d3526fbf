//! Every documented `sort=` order of the ticket list. Ties are broken by ticket number in
//! the same direction, so pages never overlap. Without `sort`, tickets come by last update
//! (latest reply), newest first.

use std::cmp::Ordering;

use happyfox_query::Sort;

use crate::state::{State, TicketRecord};

/// Sorts `tickets` by `sort` (or the default order).
pub fn sort_tickets(state: &State, tickets: &mut [&TicketRecord], sort: Option<Sort>) {
    let sort = sort.unwrap_or(Sort::UpdatedNewestFirst);
    let descending = matches!(
        sort,
        Sort::CategoryDescending
            | Sort::SubjectDescending
            | Sort::StatusDescending
            | Sort::PriorityDescending
            | Sort::UpdatedNewestFirst
            | Sort::CreatedNewestFirst
            | Sort::AssigneeDescending
            | Sort::ModifiedNewestFirst
            | Sort::TicketIdDescending
            | Sort::ContactIdDescending
    );
    tickets.sort_by(|a, b| {
        let primary = match sort {
            Sort::CategoryAscending | Sort::CategoryDescending => {
                category_name(state, a).cmp(&category_name(state, b))
            }
            Sort::SubjectAscending | Sort::SubjectDescending => {
                a.subject.to_lowercase().cmp(&b.subject.to_lowercase())
            }
            Sort::StatusAscending | Sort::StatusDescending => {
                status_order(state, a).cmp(&status_order(state, b))
            }
            Sort::PriorityAscending | Sort::PriorityDescending => {
                priority_order(state, a).cmp(&priority_order(state, b))
            }
            Sort::UpdatedNewestFirst | Sort::UpdatedOldestFirst => {
                a.last_updated_at().cmp(&b.last_updated_at())
            }
            Sort::CreatedOldestFirst | Sort::CreatedNewestFirst => a.created_at.cmp(&b.created_at),
            Sort::ModifiedOldestFirst | Sort::ModifiedNewestFirst => {
                a.last_modified.cmp(&b.last_modified)
            }
            Sort::ContactIdAscending | Sort::ContactIdDescending => a.contact.cmp(&b.contact),
            Sort::TicketIdAscending | Sort::TicketIdDescending => Ordering::Equal,
            // Missing values go last in both directions, so they are handled below.
            Sort::DueDate
            | Sort::AssigneeAscending
            | Sort::AssigneeDescending
            | Sort::UnrespondedFirst => Ordering::Equal,
        };
        let primary = if descending {
            primary.reverse()
        } else {
            primary
        };
        let special = match sort {
            Sort::DueDate => last_if_none(a.due_date, b.due_date, false),
            Sort::AssigneeAscending => last_if_none(assignee(state, a), assignee(state, b), false),
            Sort::AssigneeDescending => last_if_none(assignee(state, a), assignee(state, b), true),
            Sort::UnrespondedFirst => b
                .unresponded()
                .cmp(&a.unresponded())
                .then(b.last_updated_at().cmp(&a.last_updated_at())),
            _ => Ordering::Equal,
        };
        let tie = if descending || sort == Sort::UnrespondedFirst {
            b.id.cmp(&a.id)
        } else {
            a.id.cmp(&b.id)
        };
        primary.then(special).then(tie)
    });
}

/// `Some` values in order (reversed when `descending`), `None` after them.
fn last_if_none<T: Ord>(a: Option<T>, b: Option<T>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if descending => b.cmp(&a),
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn category_name(state: &State, t: &TicketRecord) -> String {
    state
        .category(t.category)
        .and_then(|c| c.category.name.clone())
        .unwrap_or_default()
        .to_lowercase()
}

fn status_order(state: &State, t: &TicketRecord) -> i64 {
    state
        .status(t.status)
        .and_then(|s| s.order)
        .unwrap_or_default()
}

fn priority_order(state: &State, t: &TicketRecord) -> i64 {
    state
        .priority(t.priority)
        .and_then(|p| p.order)
        .unwrap_or_default()
}

/// The assignee's user name (the local part of their email).
fn assignee(state: &State, t: &TicketRecord) -> Option<String> {
    let staff = state.staff_member(t.assignee?)?;
    let email = staff.email.as_deref()?;
    Some(email.split('@').next().unwrap_or(email).to_lowercase())
}
