//! `happyfox.Client`: construction (URL, account and region, environment; timeout,
//! retries, CA bundle, proxy, body logs), the context manager, and a `repr` that never
//! shows the key or code. The resource namespaces
//! (`client.tickets`, `client.staff`...) and their methods are generated.

use std::path::PathBuf;
use std::time::Duration;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyType};

use crate::errors::to_py;

/// A JSON answer on its way to Python.
struct JsonAnswer(serde_json::Value);

impl<'py> IntoPyObject<'py> for JsonAnswer {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        crate::convert::json_to_py(py, &self.0)
    }
}

/// A HappyFox client. Cheap to share between threads: every method may be called from
/// several threads at once, and releases the GIL while it waits on the network.
#[pyclass(frozen, module = "happyfox", name = "Client")]
pub struct PyClient {
    pub(crate) inner: happyfox::Client,
}

/// The keyword options of the constructors.
#[derive(Default)]
pub(crate) struct Options {
    /// Seconds allowed for one request.
    pub timeout: Option<f64>,
    /// Retries after the first attempt.
    pub max_retries: Option<u32>,
    /// A PEM file of extra trusted certificate authorities.
    pub ca_bundle: Option<PathBuf>,
    /// The proxy URL (else the environment's).
    pub proxy: Option<String>,
    /// Whether bodies are logged (at TRACE, on `happyfox.request.body`).
    pub log_bodies: bool,
    /// The requests per minute the client paces itself to.
    pub pacing: PacingOption,
}

/// The `pacing` keyword: `None`/`True` for HappyFox's documented limits, `False` for none,
/// or `(get_per_minute, post_per_minute)` for a key with limits of its own.
#[derive(Default)]
pub(crate) enum PacingOption {
    /// 500 GET and 300 POST a minute.
    #[default]
    Documented,
    /// No pacing.
    Off,
    /// Limits of this key's own.
    PerMinute(happyfox::Pacing),
}

impl PacingOption {
    /// Reads the keyword.
    pub(crate) fn from_py(value: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let Some(value) = value.filter(|v| !v.is_none()) else {
            return Ok(Self::Documented);
        };
        if let Ok(on) = value.cast::<PyBool>() {
            return Ok(if on.is_true() {
                Self::Documented
            } else {
                Self::Off
            });
        }
        let refused = || {
            PyValueError::new_err(
                "`pacing` is True, False, or (GET, POST) requests per minute, each at least 1",
            )
        };
        let (get, post): (u32, u32) = value.extract().map_err(|_| refused())?;
        if get == 0 || post == 0 {
            return Err(refused());
        }
        Ok(Self::PerMinute(happyfox::Pacing::per_minute(get, post)))
    }
}

impl Options {
    /// The options of the constructors' keyword arguments.
    fn new(
        timeout: Option<f64>,
        max_retries: Option<u32>,
        ca_bundle: Option<PathBuf>,
        proxy: Option<String>,
        log_bodies: bool,
        pacing: PacingOption,
    ) -> Self {
        Self {
            timeout,
            max_retries,
            ca_bundle,
            proxy,
            log_bodies,
            pacing,
        }
    }
}

/// Applies the options every constructor takes.
fn configure(
    mut builder: happyfox::ClientBuilder,
    options: Options,
) -> PyResult<happyfox::ClientBuilder> {
    if let Some(seconds) = options.timeout {
        if !(seconds.is_finite() && seconds > 0.0) {
            return Err(PyValueError::new_err(
                "`timeout` is a positive number of seconds",
            ));
        }
        builder = builder.timeout(Duration::from_secs_f64(seconds));
    }
    if let Some(retries) = options.max_retries {
        builder = builder.retry(happyfox::RetryPolicy::standard().max_retries(retries));
    }
    if let Some(path) = options.ca_bundle {
        builder = builder.ca_bundle(path);
    }
    if let Some(url) = options.proxy {
        builder = builder.proxy(url);
    }
    builder = match options.pacing {
        PacingOption::Documented => builder,
        PacingOption::Off => builder.no_pacing(),
        PacingOption::PerMinute(pacing) => builder.pacing(pacing),
    };
    if options.log_bodies {
        crate::logging::trace_bodies();
    }
    Ok(builder.log_bodies(options.log_bodies))
}

impl PyClient {
    /// A client for `url` with the given credentials and options.
    pub(crate) fn connect(
        url: &str,
        api_key: &str,
        auth_code: &str,
        options: Options,
    ) -> PyResult<Self> {
        let builder = happyfox::Client::builder()
            .base_url(url)
            .credentials(api_key, auth_code);
        let inner = configure(builder, options)?.build().map_err(to_py)?;
        Ok(Self { inner })
    }
}

#[pymethods]
impl PyClient {
    /// A client for `url` (e.g. `https://acme.happyfox.com`; the API root is added).
    ///
    /// `ca_bundle`: a PEM file of certificate authorities trusted on top of the bundled
    /// roots and the OS trust store (default: `HAPPYFOX_CA_BUNDLE`, else `SSL_CERT_FILE`).
    /// `proxy`: an `http://` or `https://` proxy URL (default: `HTTPS_PROXY`/`HTTP_PROXY`/
    /// `ALL_PROXY`, with `NO_PROXY`). `log_bodies`: log request and answer bodies at TRACE.
    /// `pacing`: the requests per minute the client keeps to, `(get, post)` for a key with
    /// limits of its own, `False` for none (default: HappyFox's 500 GET and 300 POST).
    #[new]
    #[pyo3(signature = (url, api_key, auth_code, *, timeout = None, max_retries = None, ca_bundle = None, proxy = None, log_bodies = false, pacing = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        url: String,
        api_key: String,
        auth_code: String,
        timeout: Option<f64>,
        max_retries: Option<u32>,
        ca_bundle: Option<PathBuf>,
        proxy: Option<String>,
        log_bodies: bool,
        pacing: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let pacing = PacingOption::from_py(pacing.as_ref())?;
        let options = Options::new(timeout, max_retries, ca_bundle, proxy, log_bodies, pacing);
        Self::connect(&url, &api_key, &auth_code, options)
    }

    /// A client from `HAPPYFOX_URL`, `HAPPYFOX_API_KEY` and `HAPPYFOX_AUTH_CODE`.
    #[classmethod]
    fn from_env(_cls: &Bound<'_, PyType>) -> PyResult<Self> {
        happyfox::Client::from_env()
            .map(|inner| Self { inner })
            .map_err(to_py)
    }

    /// A client for the account `name`: `region="us"` is `<name>.happyfox.com`, `"eu"`
    /// `<name>.happyfox.net`; the options are those of the constructor.
    #[classmethod]
    #[pyo3(signature = (name, api_key, auth_code, region = "us", *, timeout = None, max_retries = None, ca_bundle = None, proxy = None, log_bodies = false, pacing = None))]
    #[allow(clippy::too_many_arguments)]
    fn for_account(
        _cls: &Bound<'_, PyType>,
        name: &str,
        api_key: String,
        auth_code: String,
        region: &str,
        timeout: Option<f64>,
        max_retries: Option<u32>,
        ca_bundle: Option<PathBuf>,
        proxy: Option<String>,
        log_bodies: bool,
        pacing: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let pacing = PacingOption::from_py(pacing.as_ref())?;
        let options = Options::new(timeout, max_retries, ca_bundle, proxy, log_bodies, pacing);
        let region = match region {
            "us" => happyfox::Region::Us,
            "eu" => happyfox::Region::Eu,
            other => {
                return Err(PyValueError::new_err(format!(
                    "`region` is \"us\" or \"eu\", not {other:?}"
                )));
            }
        };
        let builder = happyfox::Client::builder()
            .account(name, region)
            .map_err(to_py)?
            .credentials(api_key, auth_code);
        let inner = configure(builder, options)?.build().map_err(to_py)?;
        Ok(Self { inner })
    }

    /// The API root every call goes to.
    #[getter]
    fn url(&self) -> String {
        self.inner.config().base_url.clone()
    }

    /// The `(GET, POST)` requests per minute the client keeps to, or None when it does
    /// not pace itself.
    #[getter]
    fn pacing(&self) -> Option<(u32, u32)> {
        self.inner
            .config()
            .pacing
            .map(|p| (p.get_per_window, p.post_per_window))
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&self, _args: &Bound<'_, pyo3::types::PyTuple>) -> bool {
        false
    }

    /// Nothing to release: connections close with the last reference to the client.
    fn close(&self) {}

    /// Escape hatch: a GET of any path below the API root, returning the JSON answer.
    #[pyo3(signature = (path, query = None))]
    fn raw_get<'py>(
        &self,
        py: Python<'py>,
        path: String,
        query: Option<Vec<(String, String)>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let client = self.inner.clone();
        let query = query.unwrap_or_default();
        let result = py.detach(move || {
            let pairs: Vec<(&str, &str)> = query
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            client.raw_get(&path, &pairs)
        });
        crate::convert::json_to_py(py, &result.map_err(to_py)?)
    }

    /// Escape hatch: a POST of a JSON body to any path below the API root; the JSON answer,
    /// or a `RawAnswer` when a 2xx answer is not JSON (the write happened).
    fn raw_post<'py>(
        &self,
        py: Python<'py>,
        path: String,
        body: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let body = crate::convert::py_to_json(body)?;
        let client = self.inner.clone();
        let result = py.detach(move || client.raw_post(&path, &body));
        crate::answers::applied(py, result, JsonAnswer)
    }

    fn __repr__(&self) -> String {
        format!("happyfox.Client(url={:?})", self.inner.config().base_url)
    }
}
