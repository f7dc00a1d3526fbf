//! `happyfox._happyfox`: the native module of the Python package `happyfox`, over the Rust
//! client. Hand-written here: the runtime (client construction, conversions, errors, the
//! query parser, iteration support, lookups, snapshots, the emulator, logging); `generated/` holds the models, pages,
//! iterators, request builders and resource methods that `cargo xtask codegen python` writes
//! from `spec/`.

mod answers;
mod bulk;
mod client;
mod convert;
mod custom_fields;
mod errors;
mod export;
mod find_contact;
mod generated;
mod logging;
mod lookups;
mod query;
mod snapshot;
mod stream;
mod sync;
#[cfg(feature = "emulator")]
mod testing;

use pyo3::prelude::*;

#[pymodule]
fn _happyfox(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<client::PyClient>()?;
    m.add_class::<query::PyQuery>()?;
    m.add_class::<answers::PyRawAnswer>()?;
    m.add_class::<answers::PyBulkOutcome>()?;
    m.add_class::<export::PyTicketExport>()?;
    #[cfg(feature = "emulator")]
    m.add_class::<testing::PyEmulator>()?;
    m.add_class::<sync::PyTicketSync>()?;
    m.add_class::<snapshot::PyTicketSnapshot>()?;
    m.add_class::<lookups::PyLookups>()?;
    m.add_class::<convert::PyUnassigned>()?;
    m.add("UNASSIGNED", convert::PyUnassigned)?;
    logging::install(m)?;
    generated::register(m)?;
    Ok(())
}
