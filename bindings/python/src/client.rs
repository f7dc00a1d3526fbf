//! `happyfox.Client`: construction (URL, account and region, environment), the context
//! manager, and a `repr` that never shows the key or code. The resource namespaces
//! (`client.tickets`, `client.staff`...) and their methods are generated.

use std::time::Duration;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyType;

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

/// Applies the options every constructor takes.
fn configure(
    mut builder: happyfox::ClientBuilder,
    timeout: Option<f64>,
    max_retries: Option<u32>,
) -> PyResult<happyfox::ClientBuilder> {
    if let Some(seconds) = timeout {
        if !(seconds.is_finite() && seconds > 0.0) {
            return Err(PyValueError::new_err(
                "`timeout` is a positive number of seconds",
            ));
        }
        builder = builder.timeout(Duration::from_secs_f64(seconds));
    }
    if let Some(retries) = max_retries {
        builder = builder.retry(happyfox::RetryPolicy::standard().max_retries(retries));
    }
    Ok(builder)
}

impl PyClient {
    /// A client for `url` with the given credentials and options.
    pub(crate) fn connect(
        url: &str,
        api_key: &str,
        auth_code: &str,
        timeout: Option<f64>,
        max_retries: Option<u32>,
    ) -> PyResult<Self> {
        let builder = happyfox::Client::builder()
            .base_url(url)
            .credentials(api_key, auth_code);
        let inner = configure(builder, timeout, max_retries)?
            .build()
            .map_err(to_py)?;
        Ok(Self { inner })
    }
}

#[pymethods]
impl PyClient {
    /// A client for `url` (e.g. `https://acme.happyfox.com`; the API root is added).
    #[new]
    #[pyo3(signature = (url, api_key, auth_code, *, timeout = None, max_retries = None))]
    fn new(
        url: String,
        api_key: String,
        auth_code: String,
        timeout: Option<f64>,
        max_retries: Option<u32>,
    ) -> PyResult<Self> {
        Self::connect(&url, &api_key, &auth_code, timeout, max_retries)
    }

    /// A client from `HAPPYFOX_URL`, `HAPPYFOX_API_KEY` and `HAPPYFOX_AUTH_CODE`.
    #[classmethod]
    fn from_env(_cls: &Bound<'_, PyType>) -> PyResult<Self> {
        happyfox::Client::from_env()
            .map(|inner| Self { inner })
            .map_err(to_py)
    }

    /// A client for the account `name`: `region="us"` is `<name>.happyfox.com`, `"eu"`
    /// `<name>.happyfox.net`.
    #[classmethod]
    #[pyo3(signature = (name, api_key, auth_code, region = "us", *, timeout = None, max_retries = None))]
    #[allow(clippy::too_many_arguments)]
    fn for_account(
        _cls: &Bound<'_, PyType>,
        name: &str,
        api_key: String,
        auth_code: String,
        region: &str,
        timeout: Option<f64>,
        max_retries: Option<u32>,
    ) -> PyResult<Self> {
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
        let inner = configure(builder, timeout, max_retries)?
            .build()
            .map_err(to_py)?;
        Ok(Self { inner })
    }

    /// The API root every call goes to.
    #[getter]
    fn url(&self) -> String {
        self.inner.config().base_url.clone()
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
