//! Starting and stopping an emulator: a listener on loopback, a tokio runtime on its own
//! thread running an accept loop (hyper HTTP/1.1, so faults can drop connections) with a
//! connection limit and a header-read timeout, and the handle that owns it all.

use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use rand::{Rng, SeedableRng};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::{Semaphore, watch};

use crate::app::{App, AppSettings};
use crate::attachments::Links;
use crate::clock::Clock;
use crate::config::EmulatorConfig;
use crate::error::EmulatorError;
use crate::faults::Faults;
use crate::hyper_answers::WithMessages;
use crate::plan::PlannedFault;
use crate::state::State;
use crate::stats::Stats;
use crate::{routes, seed};

/// Starts emulators.
#[derive(Debug)]
pub struct Emulator;

impl Emulator {
    /// Loads or generates the data, binds `config.addr` and starts serving in the
    /// background. The emulator runs until [`EmulatorHandle::shutdown`] or drop.
    pub fn start(config: EmulatorConfig) -> Result<EmulatorHandle, EmulatorError> {
        let state = load_state(&config)?;
        let listener = TcpListener::bind(config.addr).map_err(EmulatorError::Start)?;
        listener
            .set_nonblocking(true)
            .map_err(EmulatorError::Start)?;
        let addr = listener.local_addr().map_err(EmulatorError::Start)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("happyfox-emulator")
            .enable_all()
            .build()
            .map_err(EmulatorError::Start)?;
        let clock = Clock::default();
        let app = App::new(
            state,
            Faults::new(config.faults.clone(), config.seed),
            AppSettings {
                clock: clock.clone(),
                api_key: config.api_key.clone(),
                auth_code: config.auth_code.clone(),
                links: Links {
                    base_url: format!("http://{addr}"),
                    ttl: config.attachment_ttl,
                    secret: rand::rngs::StdRng::from_os_rng().random(),
                },
                limits: config.limits,
            },
        );
        let (stop, stopped) = watch::channel(false);
        let served = Arc::clone(&app);
        let thread = std::thread::Builder::new()
            .name("happyfox-emulator".into())
            .spawn(move || runtime.block_on(serve(listener, served, stopped)))
            .map_err(EmulatorError::Start)?;
        Ok(EmulatorHandle {
            addr,
            app,
            clock,
            stop,
            thread: Some(thread),
        })
    }
}

/// The data of `config`: its fixture file, or generated from its seed.
fn load_state(config: &EmulatorConfig) -> Result<State, EmulatorError> {
    match &config.data {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| EmulatorError::File {
                path: path.clone(),
                source,
            })?;
            State::from_json(&text)
        }
        None => Ok(seed::generate(
            config.seed,
            config.tickets,
            config.data_anchor.unwrap_or_else(seed::start_of_today),
        )),
    }
}

/// The accept loop: one task per connection (at most `max_connections`; others get 503),
/// until `stopped` turns true.
async fn serve(listener: TcpListener, app: Arc<App>, mut stopped: watch::Receiver<bool>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    let router = routes::router(Arc::clone(&app));
    let slots = Arc::new(Semaphore::new(app.limits.max_connections));
    let mut connections = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            _ = stopped.changed() => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
                    connections.spawn(refuse(stream, app.limits.max_connections));
                    continue;
                };
                let (app, router) = (Arc::clone(&app), router.clone());
                connections.spawn(async move {
                    let _slot = slot;
                    let header_timeout = app.limits.header_read_timeout;
                    let service = service_fn(move |request| {
                        crate::pipeline::handle(Arc::clone(&app), router.clone(), request)
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .timer(TokioTimer::new())
                        .header_read_timeout(header_timeout)
                        .serve_connection(WithMessages::new(TokioIo::new(stream)), service)
                        .await;
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.abort_all();
}

/// Answers a connection over the limit with 503 and closes it (reading what the client
/// sent meanwhile, so the close is not a reset that would hide the answer).
async fn refuse(mut stream: tokio::net::TcpStream, limit: usize) {
    let body = format!(
        "{{\"error\": \"The emulator is serving {limit} connections, its limit; retry shortly.\"}}"
    );
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let exchange = async {
        let mut request = [0u8; 4096];
        let _ = tokio::time::timeout(Duration::from_millis(50), stream.read(&mut request)).await;
        stream.write_all(answer.as_bytes()).await?;
        stream.shutdown().await?;
        while stream.read(&mut request).await? > 0 {}
        Ok::<(), std::io::Error>(())
    };
    let _ = tokio::time::timeout(Duration::from_secs(1), exchange).await;
}

/// A running emulator. Dropping it shuts the emulator down.
#[derive(Debug)]
pub struct EmulatorHandle {
    addr: SocketAddr,
    app: Arc<App>,
    clock: Clock,
    stop: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

impl EmulatorHandle {
    /// The account base URL, e.g. `http://127.0.0.1:PORT` (the API lives under
    /// `/api/1.1/json/`, which the client appends).
    pub fn url(&self) -> String {
        self.app.links.base_url.clone()
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The API key the emulator accepts.
    pub fn api_key(&self) -> &str {
        &self.app.api_key
    }

    /// The auth code the emulator accepts.
    pub fn auth_code(&self) -> &str {
        &self.app.auth_code
    }

    /// A client for this emulator, with its credentials and the client's defaults (retries
    /// and pacing on).
    pub fn client(&self) -> happyfox::Client {
        self.client_builder()
            .build()
            .expect("a loopback URL with the emulator's own credentials is a valid client config")
    }

    /// A client builder for this emulator (URL and credentials set), to change the
    /// client's retries, pacing, timeouts or limits.
    pub fn client_builder(&self) -> happyfox::ClientBuilder {
        happyfox::Client::builder()
            .base_url(self.url())
            .credentials(self.api_key(), self.auth_code())
    }

    /// Plans a fault for the next matching requests (after those already planned).
    pub fn plan(&self, fault: PlannedFault) {
        self.app.faults.plan(fault);
    }

    /// How many requests planned faults are still waiting for (0 once all were met).
    pub fn planned_left(&self) -> u64 {
        self.app.faults.planned_left()
    }

    /// The request counts so far, per method and path: received, applied, faulted,
    /// throttled.
    pub fn stats(&self) -> Stats {
        self.app.stats.snapshot()
    }

    /// Forgets the request counts.
    pub fn reset_stats(&self) {
        self.app.stats.reset();
    }

    /// A copy of the current data.
    pub fn snapshot(&self) -> State {
        self.app.read().state().clone()
    }

    /// Changes the data in place (e.g. to set up a test case); the emulator's ticket index
    /// is rebuilt afterwards.
    pub fn update_state<R>(&self, change: impl FnOnce(&mut State) -> R) -> R {
        self.app.write().rebuild_after(change)
    }

    /// Writes the current data to `path` as a JSON fixture that [`EmulatorConfig::data`]
    /// loads.
    pub fn dump(&self, path: impl AsRef<Path>) -> Result<(), EmulatorError> {
        let json = self.snapshot().to_json()?;
        std::fs::write(path.as_ref(), json).map_err(|source| EmulatorError::File {
            path: path.as_ref().to_path_buf(),
            source,
        })
    }

    /// Moves the emulator's clock forward (attachment URL expiry, rate-limit windows,
    /// timestamps of new updates) without waiting.
    pub fn advance_clock(&self, by: Duration) {
        self.clock.advance(by);
    }

    /// Stops serving and waits for the server thread to end.
    pub fn shutdown(mut self) {
        self.stop_and_join();
    }

    fn stop_and_join(&mut self) {
        let _ = self.stop.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for EmulatorHandle {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

/// Starts an emulator, calls `on_ready` with its handle (print the URL and credentials
/// there), and serves until Ctrl-C. This is what `happyfox emulator serve` runs.
pub fn serve_until_ctrl_c(
    config: EmulatorConfig,
    on_ready: impl FnOnce(&EmulatorHandle),
) -> Result<(), EmulatorError> {
    let handle = Emulator::start(config)?;
    on_ready(&handle);
    let waiter = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(EmulatorError::Start)?;
    waiter
        .block_on(tokio::signal::ctrl_c())
        .map_err(EmulatorError::Start)?;
    handle.shutdown();
    Ok(())
}
