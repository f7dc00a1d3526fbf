//! The HappyFox client as a Model Context Protocol server: one tool per public operation of
//! the spec (generated), names wherever ids go (through the client's lookups), compact
//! listings under a byte cap, the lookups as resources, read-only unless writes are
//! allowed, served over stdio or streamable HTTP.
//!
//! ```no_run
//! let client = happyfox::Client::from_env()?;
//! happyfox_mcp::serve_stdio(client, happyfox_mcp::Settings::default())?;
//! # Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
//! ```

mod answer;
mod args;
mod generated;
mod http;
mod resources;
mod server;
mod tools;

pub use http::{HttpSettings, PATH, serve_http};
pub use server::{BoxError, Settings, serve_stdio};
pub use tools::{Access, THREAD, Tool};

/// Every tool the spec yields, whatever the settings offer.
pub fn tools() -> &'static [Tool] {
    generated::TOOLS
}

/// The tools `settings` offer: the generated ones and `tickets_thread`.
pub fn offered(settings: &Settings) -> Vec<&'static Tool> {
    every_tool()
        .filter(|tool| settings.offers(tool.access) && settings.lists(tool.name))
        .collect()
}

/// The tool called `name`, offered or not.
pub(crate) fn find(name: &str) -> Option<&'static Tool> {
    every_tool().find(|tool| tool.name == name)
}

/// The generated tools, then `tickets_thread`.
fn every_tool() -> impl Iterator<Item = &'static Tool> {
    generated::TOOLS.iter().chain([&THREAD])
}
