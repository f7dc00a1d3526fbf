//! Every documented `sort=` order of the ticket list, as a view of the ticket index and the
//! direction to read it in. Ties are broken by ticket number in the same direction, so pages
//! never overlap. Without `sort`, tickets come by last update (latest reply), newest first.
//! Tickets without a due date or an assignee come last in both directions of those sorts.

use happyfox_query::Sort;

use crate::index::{Direction, Key};

/// The view and direction of `sort` (or of the default order).
pub fn order(sort: Option<Sort>) -> (Key, Direction) {
    use Direction::{Backward, BackwardWithinParts, Forward};
    match sort.unwrap_or(Sort::Updated) {
        Sort::Categorya => (Key::Category, Forward),
        Sort::Categoryd => (Key::Category, Backward),
        Sort::Subjecta => (Key::Subject, Forward),
        Sort::Subjectd => (Key::Subject, Backward),
        Sort::Due => (Key::Due, Forward),
        Sort::Statusa => (Key::Status, Forward),
        Sort::Statusd => (Key::Status, Backward),
        Sort::Prioritya => (Key::Priority, Forward),
        Sort::Priorityd => (Key::Priority, Backward),
        Sort::Updatea => (Key::Updated, Forward),
        Sort::Updated => (Key::Updated, Backward),
        // Unresponded first, then by last update, newest first.
        Sort::Unresponded => (Key::Unresponded, Backward),
        Sort::Createa => (Key::Created, Forward),
        Sort::Created => (Key::Created, Backward),
        Sort::Assigneea => (Key::Assignee, Forward),
        Sort::Assigned => (Key::Assignee, BackwardWithinParts),
        Sort::LastModifiedA => (Key::Modified, Forward),
        Sort::LastModifiedD => (Key::Modified, Backward),
        Sort::Ticketa => (Key::Ticket, Forward),
        Sort::Ticketd => (Key::Ticket, Backward),
        Sort::Clienta => (Key::Client, Forward),
        Sort::Clientd => (Key::Client, Backward),
    }
}
