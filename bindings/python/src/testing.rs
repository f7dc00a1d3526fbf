//! `happyfox.testing.Emulator`: the HappyFox emulator started in this process on a free
//! loopback port, for users' own tests; a context manager that stops it on exit.

use std::sync::Mutex;
use std::time::Duration;

use happyfox_emulator::{Emulator, EmulatorConfig, EmulatorHandle, FaultConfig, RateLimit};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

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
        let mut config = EmulatorConfig::new()
            .tickets(tickets)
            .seed(seed)
            .faults(faults);
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
    #[pyo3(signature = (*, timeout = None, max_retries = None, pacing = None))]
    fn client(
        &self,
        timeout: Option<f64>,
        max_retries: Option<u32>,
        pacing: Option<Bound<'_, PyAny>>,
    ) -> PyResult<PyClient> {
        let options = crate::client::Options {
            timeout,
            max_retries,
            pacing: crate::client::PacingOption::from_py(pacing.as_ref())?,
            ..Default::default()
        };
        PyClient::connect(&self.url, &self.api_key, &self.auth_code, options)
    }

    /// Moves the emulator's clock forward (attachment URLs expire, dates shift).
    fn advance_clock(&self, seconds: f64) -> PyResult<()> {
        let guard = self
            .handle
            .lock()
            .map_err(|_| PyRuntimeError::new_err("emulator lock poisoned"))?;
        let handle = guard
            .as_ref()
            .ok_or_else(|| PyRuntimeError::new_err("the emulator is stopped"))?;
        if !(seconds.is_finite() && seconds >= 0.0) {
            return Err(PyValueError::new_err("`seconds` is a number >= 0"));
        }
        handle.advance_clock(Duration::from_secs_f64(seconds));
        Ok(())
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
