//! `happyfox.Client`: construction (URL, account and region, environment; every option of
//! `happyfox::ClientOptions` as a keyword), `with_options`, the lookups, the context
//! manager, and a `repr` that never shows the key or code. The resource namespaces
//! (`client.tickets`, `client.staff`...) and their methods are generated.

use std::time::Duration;

use pyo3::conversion::FromPyObjectOwned;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyType};

use crate::errors::{invalid_argument, to_py};
use crate::lookups::PyLookups;

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

/// The keyword options every constructor takes (`Client`, `Client.for_account`,
/// `Emulator.client`), each the field of `happyfox.ClientOptions` it sets. The constructors
/// take them as `**options` and show them in their `text_signature` (which stubtest checks
/// against the stubs).
const OPTION_KEYWORDS: &[&str] = &[
    "timeout",
    "connect_timeout",
    "max_retries",
    "backoff_cap",
    "deadline",
    "pacing",
    "user_agent",
    "max_response_bytes",
    "dry_run",
    "ca_bundle",
    "proxy",
    "no_proxy",
    "log_bodies",
    "read_ahead",
];

/// Every setting of the constructors' keyword arguments (`None` keeps a default), in one
/// `happyfox::ClientOptions`; a value no client can use is refused as `InvalidRequestError`.
pub(crate) fn client_options(
    keywords: Option<&Bound<'_, PyDict>>,
) -> PyResult<happyfox::ClientOptions> {
    let mut options = happyfox::ClientOptions::default();
    options.user_agent = Some(concat!("happyfox-python/", env!("CARGO_PKG_VERSION")).to_owned());
    let Some(keywords) = keywords else {
        return Ok(options);
    };
    crate::convert::check_keys(keywords, "Client", OPTION_KEYWORDS)?;
    for (key, value) in keywords.iter() {
        if value.is_none() {
            continue;
        }
        let key: String = key.extract()?;
        let name = key.as_str();
        match name {
            "timeout" => options.timeout = seconds(&value, name)?,
            "connect_timeout" => options.connect_timeout = seconds(&value, name)?,
            "max_retries" => options.retry.max_retries = count(&value, name)?,
            "backoff_cap" => options.retry.max_backoff = seconds(&value, name)?,
            "deadline" => options.retry.deadline = Some(seconds(&value, name)?),
            "pacing" => options.pacing = pacing(&value)?,
            "user_agent" => options.user_agent = Some(typed(&value, name, "a str")?),
            "max_response_bytes" => {
                options.max_response_bytes = count(&value, name)?;
                if options.max_response_bytes == 0 {
                    return Err(invalid_argument(
                        name,
                        "out_of_range",
                        "`max_response_bytes` is a number of bytes, at least 1".to_owned(),
                    ));
                }
            }
            "dry_run" => options.dry_run = typed(&value, name, "a bool")?,
            "ca_bundle" => options.ca_bundle = Some(typed(&value, name, "a path")?),
            "proxy" => options.proxy = Some(typed(&value, name, "a proxy URL (str)")?),
            "no_proxy" => options.no_proxy = typed(&value, name, "a bool")?,
            "log_bodies" => options.log_bodies = typed(&value, name, "a bool")?,
            "read_ahead" => options.read_ahead = typed(&value, name, "a bool")?,
            _ => unreachable!("check_keys refused `{name}`"),
        }
    }
    if options.log_bodies {
        crate::logging::trace_bodies();
    }
    Ok(options)
}

/// A keyword's value of type `T`, or a `TypeError` saying it is `what`.
fn typed<'py, T: FromPyObjectOwned<'py>>(
    value: &Bound<'py, PyAny>,
    name: &str,
    what: &str,
) -> PyResult<T> {
    value
        .extract()
        .map_err(|_| PyTypeError::new_err(format!("`{name}` is {what}")))
}

/// A whole number >= 0 (retries, bytes).
fn count<'py, T: FromPyObjectOwned<'py>>(value: &Bound<'py, PyAny>, name: &str) -> PyResult<T> {
    if value.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!("`{name}` is an int")));
    }
    value.extract().map_err(|_| {
        invalid_argument(
            name,
            "out_of_range",
            format!("`{name}` is a whole number >= 0, not {value}"),
        )
    })
}

/// A positive, finite number of seconds.
fn seconds(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Duration> {
    let refused = || {
        invalid_argument(
            name,
            "out_of_range",
            format!("`{name}` is a positive number of seconds, not {value}"),
        )
    };
    if value.is_instance_of::<PyBool>() {
        return Err(refused());
    }
    let seconds: f64 = value.extract().map_err(|_| refused())?;
    if !(seconds.is_finite() && seconds > 0.0) {
        return Err(refused());
    }
    Duration::try_from_secs_f64(seconds).map_err(|_| refused())
}

/// `pacing`: `None`/`True` for HappyFox's documented limits (500 GET and 300 POST a
/// minute), `False` for none, or `(get_per_minute, post_per_minute)` for a key with limits
/// of its own.
fn pacing(value: &Bound<'_, PyAny>) -> PyResult<Option<happyfox::Pacing>> {
    if let Ok(on) = value.cast::<PyBool>() {
        return Ok(on.is_true().then(happyfox::Pacing::happyfox));
    }
    let refused = || {
        invalid_argument(
            "pacing",
            "out_of_range",
            "`pacing` is True, False, or (GET, POST) requests per minute, each at least 1"
                .to_owned(),
        )
    };
    let (get, post): (u32, u32) = value.extract().map_err(|_| refused())?;
    if get == 0 || post == 0 {
        return Err(refused());
    }
    Ok(Some(happyfox::Pacing::per_minute(get, post)))
}

impl PyClient {
    /// A client for `url` with the given credentials and options.
    pub(crate) fn connect(
        url: &str,
        api_key: &str,
        auth_code: &str,
        options: happyfox::ClientOptions,
    ) -> PyResult<Self> {
        let inner = happyfox::Client::builder()
            .base_url(url)
            .credentials(api_key, auth_code)
            .options(options)
            .build()
            .map_err(to_py)?;
        Ok(Self { inner })
    }
}

#[pymethods]
impl PyClient {
    /// A client for `url` (e.g. `https://acme.happyfox.com`; the API root is added).
    ///
    /// Keyword options (each `None` keeps its default): `timeout` and `connect_timeout`
    /// (seconds), `max_retries`, `backoff_cap` (seconds: the longest wait between retries),
    /// `deadline` (seconds a whole call may take, retries included), `pacing` (`(get,
    /// post)` requests per minute for a key with limits of its own, `False` for none;
    /// default HappyFox's 500 GET and 300 POST), `user_agent`, `max_response_bytes`,
    /// `dry_run` (writes raise `DryRunError` with the request instead of being sent),
    /// `ca_bundle` (a PEM file of CAs trusted on top of the bundled roots and the OS store;
    /// default `HAPPYFOX_CA_BUNDLE`, else `SSL_CERT_FILE`), `proxy` (an http(s) proxy URL;
    /// default from `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` with `NO_PROXY`), `no_proxy`
    /// (ignore the environment's proxy), `log_bodies` (bodies at TRACE), `read_ahead`
    /// (iterators fetch the next page while the loop works; default True).
    #[new]
    #[pyo3(signature = (url, api_key, auth_code, **options), text_signature = "(url, api_key, auth_code, *, timeout=None, connect_timeout=None, max_retries=None, backoff_cap=None, deadline=None, pacing=None, user_agent=None, max_response_bytes=None, dry_run=None, ca_bundle=None, proxy=None, no_proxy=None, log_bodies=None, read_ahead=None)")]
    fn new(
        url: &str,
        api_key: &str,
        auth_code: &str,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        Self::connect(url, api_key, auth_code, client_options(options)?)
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
    #[pyo3(signature = (name, api_key, auth_code, region = "us", **options), text_signature = "($cls, name, api_key, auth_code, region=\"us\", *, timeout=None, connect_timeout=None, max_retries=None, backoff_cap=None, deadline=None, pacing=None, user_agent=None, max_response_bytes=None, dry_run=None, ca_bundle=None, proxy=None, no_proxy=None, log_bodies=None, read_ahead=None)")]
    fn for_account(
        _cls: &Bound<'_, PyType>,
        name: &str,
        api_key: &str,
        auth_code: &str,
        region: &str,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let options = client_options(options)?;
        let region = match region {
            "us" => happyfox::Region::Us,
            "eu" => happyfox::Region::Eu,
            other => {
                return Err(PyValueError::new_err(format!(
                    "`region` is \"us\" or \"eu\", not {other:?}"
                )));
            }
        };
        let inner = happyfox::Client::builder()
            .account(name, region)
            .map_err(to_py)?
            .credentials(api_key, auth_code)
            .options(options)
            .build()
            .map_err(to_py)?;
        Ok(Self { inner })
    }

    /// A client making its calls with other settings (each `None` keeps this client's):
    /// `timeout` (seconds), `max_retries`, `dry_run`. It shares the connections, the pacing,
    /// the per-ticket write order and the lookups with this client.
    #[pyo3(signature = (*, timeout = None, max_retries = None, dry_run = None))]
    fn with_options(
        &self,
        timeout: Option<&Bound<'_, PyAny>>,
        max_retries: Option<&Bound<'_, PyAny>>,
        dry_run: Option<bool>,
    ) -> PyResult<Self> {
        let mut options = happyfox::RequestOptions::new();
        if let Some(value) = timeout {
            options = options.timeout(seconds(value, "timeout")?);
        }
        if let Some(value) = max_retries {
            options = options.max_retries(count(value, "max_retries")?);
        }
        if let Some(dry_run) = dry_run {
            options = options.dry_run(dry_run);
        }
        Ok(Self {
            inner: self.inner.with_options(&options),
        })
    }

    /// The account's statuses, priorities, categories, staff and custom fields, fetched on
    /// first use (six requests) and kept by this client and the clients made from it.
    fn lookups(&self, py: Python<'_>) -> PyResult<PyLookups> {
        let client = self.inner.clone();
        py.detach(move || client.lookups())
            .map(PyLookups)
            .map_err(to_py)
    }

    /// Fetches the lookups again (e.g. after an admin added a status) and keeps them.
    fn refresh_lookups(&self, py: Python<'_>) -> PyResult<PyLookups> {
        let client = self.inner.clone();
        py.detach(move || client.refresh_lookups())
            .map(PyLookups)
            .map_err(to_py)
    }

    /// Whether writes are described instead of sent (`DryRunError`).
    #[getter]
    fn dry_run(&self) -> bool {
        self.inner.config().dry_run
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
