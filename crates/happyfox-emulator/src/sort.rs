//! Every documented `sort=` order of the ticket list, as a view of the ticket index and the
//! direction to read it in. Ties are broken by ticket number in the same direction, so pages
//! never overlap. Without `sort`, tickets come by last update (latest reply), newest first.
//! Tickets without a due date or an assignee come last in both directions of those sorts.

use happyfox_query::Sort;

use crate::index::{Direction, Key};

/// The view and direction of `sort` (or of the default order).
pub fn order(sort: Option<Sort>) -> (Key, Direction) {
    use Direction::{Backward, BackwardWithinParts, Forward};
    match sort.unwrap_or(Sort::UpdatedNewestFirst) {
        Sort::CategoryAscending => (Key::Category, Forward),
        Sort::CategoryDescending => (Key::Category, Backward),
        Sort::SubjectAscending => (Key::Subject, Forward),
        Sort::SubjectDescending => (Key::Subject, Backward),
        Sort::DueDate => (Key::Due, Forward),
        Sort::StatusAscending => (Key::Status, Forward),
        Sort::StatusDescending => (Key::Status, Backward),
        Sort::PriorityAscending => (Key::Priority, Forward),
        Sort::PriorityDescending => (Key::Priority, Backward),
        Sort::UpdatedOldestFirst => (Key::Updated, Forward),
        Sort::UpdatedNewestFirst => (Key::Updated, Backward),
        // Unresponded first, then by last update, newest first.
        Sort::UnrespondedFirst => (Key::Unresponded, Backward),
        Sort::CreatedOldestFirst => (Key::Created, Forward),
        Sort::CreatedNewestFirst => (Key::Created, Backward),
        Sort::AssigneeAscending => (Key::Assignee, Forward),
        Sort::AssigneeDescending => (Key::Assignee, BackwardWithinParts),
        Sort::ModifiedOldestFirst => (Key::Modified, Forward),
        Sort::ModifiedNewestFirst => (Key::Modified, Backward),
        Sort::TicketIdAscending => (Key::Ticket, Forward),
        Sort::TicketIdDescending => (Key::Ticket, Backward),
        Sort::ContactIdAscending => (Key::Client, Forward),
        Sort::ContactIdDescending => (Key::Client, Backward),
    }
}
