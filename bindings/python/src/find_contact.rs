//! `client.contacts.find(text)`: a contact by id, email or exact name (the core's
//! `find_contact`), for scripts that know people by name.

use pyo3::prelude::*;

use crate::errors::to_py;
use crate::generated::models::PyContact;
use crate::generated::resources::PyContactsResource;

#[pymethods]
impl PyContactsResource {
    /// The contact `text` names: an id (digits), an email address, or a name found among the
    /// contacts a search for it returns (exact, then ignoring case). None found raises
    /// `UnknownNameError`, several `AmbiguousNameError` (with their names and emails).
    fn find(&self, py: Python<'_>, text: &str) -> PyResult<PyContact> {
        let client = self.client.clone();
        let text = text.to_owned();
        py.detach(move || client.find_contact(&text))
            .map(PyContact)
            .map_err(to_py)
    }
}
