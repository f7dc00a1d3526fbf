//! What every request handler shares: the data and its index behind a read-write lock (reads
//! run side by side), the in-flight staff updates,
//! the clock, credentials, faults, request counts, limits and the maker of attachment links.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::attachments::Links;
use crate::clock::Clock;
use crate::config::ServerLimits;
use crate::faults::Faults;
use crate::render::Renderer;
use crate::state::State;
use crate::stats::Recorder;
use crate::store::Store;

/// Shared by all handlers of one emulator.
#[derive(Debug)]
pub struct App {
    store: RwLock<Store>,
    in_flight: Mutex<HashSet<u64>>,
    /// The (advanceable) clock.
    pub clock: Clock,
    /// The faults to inject.
    pub faults: Faults,
    /// Counts of API requests.
    pub stats: Recorder,
    /// Timeouts, connection and body limits.
    pub limits: ServerLimits,
    /// Basic-auth user name.
    pub api_key: String,
    /// Basic-auth password.
    pub auth_code: String,
    /// Makes and checks attachment links (and knows the server's base URL).
    pub links: Links,
}

impl App {
    /// Shared data for a server (at the base URL of `settings.links`).
    pub fn new(state: State, faults: Faults, settings: AppSettings) -> Arc<Self> {
        Arc::new(Self {
            store: RwLock::new(Store::new(state)),
            in_flight: Mutex::new(HashSet::new()),
            clock: settings.clock,
            faults,
            stats: Recorder::default(),
            limits: settings.limits,
            api_key: settings.api_key,
            auth_code: settings.auth_code,
            links: settings.links,
        })
    }

    /// The data, to read (a panicked handler never leaves it half-written: writes validate
    /// first and apply last, and the index is refreshed even then, so a poisoned lock is
    /// still consistent).
    pub fn read(&self) -> RwLockReadGuard<'_, Store> {
        self.store.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The data, to change (see [`App::read`] on poisoning).
    pub fn write(&self) -> RwLockWriteGuard<'_, Store> {
        self.store.write().unwrap_or_else(|e| e.into_inner())
    }

    /// A renderer for answers made now.
    pub fn renderer<'a>(&'a self, store: &'a Store) -> Renderer<'a> {
        Renderer {
            state: store.state(),
            index: store.index(),
            links: &self.links,
            now: self.clock.now(),
        }
    }

    /// Marks a staff update of `ticket` in flight; `None` when one already is.
    pub fn begin_staff_update(self: &Arc<Self>, ticket: u64) -> Option<InFlight> {
        let mut set = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        set.insert(ticket).then(|| InFlight {
            app: Arc::clone(self),
            ticket,
        })
    }
}

/// The settings of [`App::new`] that are not data.
#[derive(Debug)]
pub struct AppSettings {
    /// The clock.
    pub clock: Clock,
    /// Basic-auth user name.
    pub api_key: String,
    /// Basic-auth password.
    pub auth_code: String,
    /// Attachment links (with the server's base URL).
    pub links: Links,
    /// Timeouts, connection and body limits.
    pub limits: ServerLimits,
}

/// A staff update in flight; dropping it clears the mark.
#[derive(Debug)]
pub struct InFlight {
    app: Arc<App>,
    ticket: u64,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut set = self.app.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        set.remove(&self.ticket);
    }
}
