//! `happyfox.testing.Emulator`: the HappyFox emulator started in this process on a free
//! loopback port, for users' own tests: seeded or fixture data, random and planned faults,
//! request counts, a clock to move; a context manager that stops it on exit.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use happyfox_emulator::{
    Emulator, EmulatorConfig, EmulatorHandle, FaultConfig, FaultKind, FaultMethod, PlannedFault,
    RateLimit, RequestCounts,
};
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use crate::client::PyClient;

/// An in-process HappyFox emulator with seeded data and optional faults.
#[pyclass(frozen, module = "happyfox.testing", name = "Emulator")]
pub struct PyEmulator {
    handle: Mutex<Option<EmulatorHandle>>,
    url: String,
    api_key: String,
    auth_code: String,
}

fn rate(value: f64, name: &str) -> PyResult<f64> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(PyValueError::new_err(format!(
            "`{name}` is a fraction from 0 to 1"
        )))
    }
}

impl PyEmulator {
    /// Starts the emulator of `config` with these credentials (default: its own).
    fn launch(
        py: Python<'_>,
        mut config: EmulatorConfig,
        api_key: Option<String>,
        auth_code: Option<String>,
    ) -> PyResult<Self> {
        if api_key.is_some() || auth_code.is_some() {
            let defaults = EmulatorConfig::new();
            config = config.credentials(
                api_key.unwrap_or(defaults.api_key),
                auth_code.unwrap_or(defaults.auth_code),
            );
        }
        let handle = py
            .detach(move || Emulator::start(config))
            .map_err(|e| PyRuntimeError::new_err(format!("starting the emulator: {e}")))?;
        Ok(Self {
            url: handle.url(),
            api_key: handle.api_key().to_owned(),
            auth_code: handle.auth_code().to_owned(),
            handle: Mutex::new(Some(handle)),
        })
    }

    /// Runs `use_it` on the running emulator; an error once it is stopped.
    fn with_handle<R>(&self, use_it: impl FnOnce(&EmulatorHandle) -> R) -> PyResult<R> {
        let guard = self
            .handle
            .lock()
            .map_err(|_| PyRuntimeError::new_err("emulator lock poisoned"))?;
        let handle = guard
            .as_ref()
            .ok_or_else(|| PyRuntimeError::new_err("the emulator is stopped"))?;
        Ok(use_it(handle))
    }
}

/// The counts of one method and path as a dict.
fn counts_dict<'py>(py: Python<'py>, counts: &RequestCounts) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("received", counts.received)?;
    out.set_item("applied", counts.applied)?;
    out.set_item("faulted", counts.faulted)?;
    out.set_item("throttled", counts.throttled)?;
    Ok(out)
}

#[pymethods]
impl PyEmulator {
    /// Starts the emulator with `tickets` generated tickets (`seed` makes them, and the
    /// faults, reproducible). Faults: `latency_ms` per request, `error_rate`, `drop_rate`,
    /// `truncate_rate` (fractions), `rate_limit` (`True` for HappyFox's 500 GET / 300 POST
    /// per minute, or a `(get_per_min, post_per_min)` tuple).
    #[new]
    #[pyo3(signature = (tickets = 100, seed = 1, *, api_key = None, auth_code = None, latency_ms = 0, error_rate = 0.0, drop_rate = 0.0, truncate_rate = 0.0, rate_limit = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        tickets: usize,
        seed: u64,
        api_key: Option<String>,
        auth_code: Option<String>,
        latency_ms: u64,
        error_rate: f64,
        drop_rate: f64,
        truncate_rate: f64,
        rate_limit: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let rate_limit = match rate_limit {
            None => None,
            Some(value) if value.extract::<bool>().is_ok() => {
                value.extract::<bool>()?.then(RateLimit::happyfox)
            }
            Some(value) => {
                let (get_per_min, post_per_min): (u32, u32) = value.extract().map_err(|_| {
                    PyValueError::new_err(
                        "`rate_limit` is True or a (get_per_min, post_per_min) tuple",
                    )
                })?;
                Some(RateLimit::per_minute(get_per_min, post_per_min))
            }
        };
        let mut faults = FaultConfig::none();
        faults.latency = Duration::from_millis(latency_ms);
        faults.rate_limit = rate_limit;
        faults.error_rate = rate(error_rate, "error_rate")?;
        faults.drop_rate = rate(drop_rate, "drop_rate")?;
        faults.truncate_rate = rate(truncate_rate, "truncate_rate")?;
        let config = EmulatorConfig::new()
            .tickets(tickets)
            .seed(seed)
            .faults(faults);
        Self::launch(py, config, api_key, auth_code)
    }

    /// Starts an emulator holding the data of a JSON fixture (one `dump` wrote), with these
    /// credentials (default: the emulator's own).
    #[classmethod]
    #[pyo3(signature = (path, *, api_key = None, auth_code = None))]
    fn from_fixture(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        path: PathBuf,
        api_key: Option<String>,
        auth_code: Option<String>,
    ) -> PyResult<Self> {
        Self::launch(py, EmulatorConfig::new().data(path), api_key, auth_code)
    }

    /// The base URL, e.g. `http://127.0.0.1:54321`.
    #[getter]
    fn url(&self) -> &str {
        &self.url
    }

    /// The API key it accepts.
    #[getter]
    fn api_key(&self) -> &str {
        &self.api_key
    }

    /// The auth code it accepts.
    #[getter]
    fn auth_code(&self) -> &str {
        &self.auth_code
    }

    /// A client for this emulator (options as `happyfox.Client` takes them).
    #[pyo3(signature = (**options), text_signature = "($self, *, timeout=None, connect_timeout=None, max_retries=None, backoff_cap=None, deadline=None, pacing=None, user_agent=None, max_response_bytes=None, dry_run=None, ca_bundle=None, proxy=None, no_proxy=None, log_bodies=None, read_ahead=None)")]
    fn client(&self, options: Option<&Bound<'_, PyDict>>) -> PyResult<PyClient> {
        let options = crate::client::client_options(options)?;
        PyClient::connect(&self.url, &self.api_key, &self.auth_code, options)
    }

    /// An asyncio client for this emulator (`happyfox.AsyncClient`; `workers` threads, options
    /// as `happyfox.Client` takes them).
    #[pyo3(signature = (*, workers = None, **options), text_signature = "($self, *, workers=None, timeout=None, connect_timeout=None, max_retries=None, backoff_cap=None, deadline=None, pacing=None, user_agent=None, max_response_bytes=None, dry_run=None, ca_bundle=None, proxy=None, no_proxy=None, log_bodies=None, read_ahead=None)")]
    fn async_client<'py>(
        &self,
        py: Python<'py>,
        workers: Option<usize>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let client = Py::new(py, self.client(options)?)?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("workers", workers)?;
        py.import("happyfox._async")?
            .getattr("AsyncClient")?
            .call_method("from_client", (client,), Some(&kwargs))
    }

    /// Plans a fault for the next `times` requests matching `method` (`"GET"`, `"POST"`,
    /// None: any) and `path` (below the API root, e.g. `"/tickets/"`; a trailing `*`
    /// matches every path starting so), after the faults already planned. `kind`:
    /// `"drop_before_applying"`, `"drop_after_applying"` (a write is applied, then the
    /// connection closed), `"status"` / `"status_after_applying"` (answer `status`),
    /// `"rate_limited"` (429, with `retry_after` and/or `body_wait` seconds), `"truncate"`,
    /// `"not_json"`, `"slow_answer"` (answer after `seconds`), `"announce_length"` (announce
    /// `length` bytes).
    #[pyo3(signature = (kind, *, path, method = None, times = 1, status = None, retry_after = None, body_wait = None, seconds = None, length = None))]
    #[allow(clippy::too_many_arguments)]
    fn plan_fault(
        &self,
        kind: &str,
        path: String,
        method: Option<&str>,
        times: u32,
        status: Option<u16>,
        retry_after: Option<u64>,
        body_wait: Option<u64>,
        seconds: Option<f64>,
        length: Option<u64>,
    ) -> PyResult<()> {
        let needed = |value: Option<u16>| {
            value.ok_or_else(|| PyValueError::new_err(format!("a {kind:?} fault needs `status=`")))
        };
        let kind = match kind {
            "drop_before_applying" => FaultKind::DropBeforeApplying,
            "drop_after_applying" => FaultKind::DropAfterApplying,
            "status" => FaultKind::Status(needed(status)?),
            "status_after_applying" => FaultKind::StatusAfterApplying(needed(status)?),
            "rate_limited" => FaultKind::RateLimited {
                retry_after,
                body_wait,
            },
            "truncate" => FaultKind::Truncate,
            "not_json" => FaultKind::NotJson,
            "slow_answer" => {
                let seconds = seconds
                    .filter(|s| s.is_finite() && *s >= 0.0)
                    .ok_or_else(|| {
                        PyValueError::new_err("a \"slow_answer\" fault needs `seconds=` (>= 0)")
                    })?;
                FaultKind::SlowAnswer(Duration::from_secs_f64(seconds))
            }
            "announce_length" => FaultKind::AnnounceLength(length.ok_or_else(|| {
                PyValueError::new_err("an \"announce_length\" fault needs `length=`")
            })?),
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown fault kind {other:?}: drop_before_applying, drop_after_applying, \
                     status, status_after_applying, rate_limited, truncate, not_json, \
                     slow_answer or announce_length"
                )));
            }
        };
        let mut fault = PlannedFault::any(path, kind).times(times);
        fault.method = match method.map(str::to_ascii_uppercase).as_deref() {
            None => None,
            Some("GET") => Some(FaultMethod::Get),
            Some("POST") => Some(FaultMethod::Post),
            Some(other) => {
                return Err(PyValueError::new_err(format!(
                    "`method` is \"GET\", \"POST\" or None, not {other:?}"
                )));
            }
        };
        self.with_handle(|handle| handle.plan(fault))
    }

    /// How many requests planned faults are still waiting for (0 once all were met).
    #[getter]
    fn planned_left(&self) -> PyResult<u64> {
        self.with_handle(EmulatorHandle::planned_left)
    }

    /// The request counts so far: `{"requests": {"GET /tickets/": {"received", "applied",
    /// "faulted", "throttled"}, ...}, "total": {...}, "peak_in_flight": n}` (`applied`: handled
    /// with a 2xx answer, for a write applied; `throttled`: answered 429 by the rate limit).
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let stats = self.with_handle(EmulatorHandle::stats)?;
        let requests = PyDict::new(py);
        for (key, counts) in &stats.requests {
            requests.set_item(key, counts_dict(py, counts)?)?;
        }
        let out = PyDict::new(py);
        out.set_item("requests", requests)?;
        out.set_item("total", counts_dict(py, &stats.total())?)?;
        out.set_item("peak_in_flight", stats.peak_in_flight)?;
        Ok(out)
    }

    /// Forgets the request counts.
    fn reset_stats(&self) -> PyResult<()> {
        self.with_handle(EmulatorHandle::reset_stats)
    }

    /// Writes the current data to `path` as a JSON fixture (`Emulator.from_fixture` loads it).
    fn dump(&self, path: PathBuf) -> PyResult<()> {
        self.with_handle(|handle| handle.dump(&path))?
            .map_err(|e| PyOSError::new_err(e.to_string()))
    }

    /// Moves the emulator's clock forward (attachment URLs expire, dates shift).
    fn advance_clock(&self, seconds: f64) -> PyResult<()> {
        if !(seconds.is_finite() && seconds >= 0.0) {
            return Err(PyValueError::new_err("`seconds` is a number >= 0"));
        }
        self.with_handle(|handle| handle.advance_clock(Duration::from_secs_f64(seconds)))
    }

    /// Stops the emulator (also on leaving a `with` block); idempotent.
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        let handle = self
            .handle
            .lock()
            .map_err(|_| PyRuntimeError::new_err("emulator lock poisoned"))?
            .take();
        if let Some(handle) = handle {
            py.detach(move || handle.shutdown());
        }
        Ok(())
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&self, py: Python<'_>, _args: &Bound<'_, pyo3::types::PyTuple>) -> PyResult<bool> {
        self.close(py)?;
        Ok(false)
    }

    fn __repr__(&self) -> String {
        format!("happyfox.testing.Emulator(url={:?})", self.url)
    }
}
