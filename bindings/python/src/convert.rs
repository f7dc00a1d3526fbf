//! Conversions at the boundary: JSON values to and from Python objects, and the argument
//! shapes Python users pass (tags as a list or a comma-separated string, status filters,
//! alerts, contact keys, queries, sort names, custom-field values, attachments, the
//! `UNASSIGNED` sentinel).

use std::str::FromStr;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value;

use crate::generated::ids;
use crate::query::PyQuery;

/// A JSON value as the Python object `json.loads` would give.
pub fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(flag) => PyBool::new(py, *flag).to_owned().into_any(),
        Value::Number(number) => match (number.as_u64(), number.as_i64(), number.as_f64()) {
            (Some(n), _, _) => n.into_pyobject(py)?.into_any(),
            (None, Some(n), _) => n.into_pyobject(py)?.into_any(),
            (None, None, Some(n)) => PyFloat::new(py, n).into_any(),
            (None, None, None) => py.None().into_bound(py),
        },
        Value::String(text) => PyString::new(py, text).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => map_to_py(py, map)?.into_any(),
    })
}

/// A JSON object as a `dict`.
pub fn map_to_py<'py>(
    py: Python<'py>,
    map: &serde_json::Map<String, Value>,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (key, value) in map {
        dict.set_item(key, json_to_py(py, value)?)?;
    }
    Ok(dict)
}

/// The JSON-shaped `dict` of a model (what HappyFox sent, unknown fields included).
pub fn to_dict<'py, T: serde::Serialize>(
    py: Python<'py>,
    model: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(model).map_err(|e| PyValueError::new_err(e.to_string()))?;
    json_to_py(py, &value)
}

/// A model as JSON text (pickling).
pub fn to_json<T: serde::Serialize>(model: &T) -> PyResult<String> {
    serde_json::to_string(model).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A model from JSON text (unpickling).
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> PyResult<T> {
    serde_json::from_str(text).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A model decoded from JSON bytes as an answer is (a mismatch raises `DecodeError` naming
/// its path).
pub fn decode<T: serde::de::DeserializeOwned>(body: &[u8]) -> PyResult<T> {
    happyfox::codec::decode(body).map_err(crate::errors::to_py)
}

/// A model from a JSON-shaped Python value (`from_dict`).
pub fn model_from_py<T: serde::de::DeserializeOwned>(data: &Bound<'_, PyAny>) -> PyResult<T> {
    let value = py_to_json(data)?;
    decode(value.to_string().as_bytes())
}

/// A model from the keyword arguments of its constructor: each Python name becomes its wire
/// name (`names` pairs them), the values JSON (models, dates and datetimes included), then
/// the dict decodes as an answer would. An unknown keyword is a `TypeError`, as Python's own.
pub fn model_from_keywords<T: serde::de::DeserializeOwned>(
    fields: Option<&Bound<'_, PyDict>>,
    names: &[(&str, &str)],
    model: &str,
) -> PyResult<T> {
    let mut map = serde_json::Map::new();
    for (key, value) in fields.into_iter().flat_map(|fields| fields.iter()) {
        let key: String = key.extract()?;
        let Some((_, wire)) = names.iter().find(|(python, _)| *python == key) else {
            return Err(PyTypeError::new_err(format!(
                "{model}() got an unexpected keyword argument '{key}'"
            )));
        };
        if !value.is_none() {
            map.insert((*wire).to_owned(), py_to_json(&value)?);
        }
    }
    decode(Value::Object(map).to_string().as_bytes())
}

/// A Python object as JSON (raw posts, `from_dict`, model constructors): JSON's own types,
/// models (by their `to_dict()`), and dates and datetimes (ISO 8601 text).
pub fn py_to_json(value: &Bound<'_, PyAny>) -> PyResult<Value> {
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(flag) = value.cast::<PyBool>() {
        return Ok(Value::Bool(flag.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(n) = value.extract::<u64>() {
            return Ok(Value::from(n));
        }
        return Ok(Value::from(value.extract::<i64>()?));
    }
    if let Ok(n) = value.cast::<PyFloat>() {
        let n = n.value();
        return serde_json::Number::from_f64(n)
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err(format!("{n} is not a JSON number")));
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Value::String(text.to_str()?.to_owned()));
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (key, item) in dict.iter() {
            let key: String = key
                .extract()
                .map_err(|_| PyTypeError::new_err("JSON object keys must be strings"))?;
            map.insert(key, py_to_json(&item)?);
        }
        return Ok(Value::Object(map));
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let items: Vec<Bound<'_, PyAny>> = value.extract()?;
        return items
            .iter()
            .map(py_to_json)
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    if value.hasattr("to_dict")? {
        return py_to_json(&value.call_method0("to_dict")?);
    }
    if value.hasattr("isoformat")? {
        return Ok(Value::String(value.call_method0("isoformat")?.extract()?));
    }
    Err(PyTypeError::new_err(format!(
        "{} is not JSON-serialisable",
        value.get_type().name()?
    )))
}

/// Tags, cc, bcc, recipients: a list of strings, or one comma-separated string.
pub fn strings(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<String>> {
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(text
            .to_str()?
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(str::to_owned)
            .collect());
    }
    value.extract::<Vec<String>>().map_err(|_| {
        PyTypeError::new_err(format!(
            "`{name}` takes a list of strings or one comma-separated string"
        ))
    })
}

/// A list of ids.
pub fn ids(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<u64>> {
    value
        .extract::<Vec<u64>>()
        .map_err(|_| PyTypeError::new_err(format!("`{name}` takes a list of ids (int >= 0)")))
}

/// An id argument named `name`: an int, or (`is_model`) a model of the kind it identifies,
/// whose `id` is read; `models` names those models in the refusal.
pub fn id(value: &Bound<'_, PyAny>, name: &str, is_model: bool, models: &str) -> PyResult<u64> {
    let number = if is_model {
        value.getattr("id")?
    } else {
        value.clone()
    };
    plain_id(&number, name)
        .map_err(|_| PyTypeError::new_err(format!("`{name}` takes an id (int >= 0) or a {models}")))
}

/// An id argument of no kind: an int >= 0 (a bool is refused).
pub fn plain_id(value: &Bound<'_, PyAny>, name: &str) -> PyResult<u64> {
    if !value.is_instance_of::<PyBool>()
        && let Ok(id) = value.extract::<u64>()
    {
        return Ok(id);
    }
    Err(PyTypeError::new_err(format!(
        "`{name}` takes an id (int >= 0)"
    )))
}

/// A list of ids of one kind, each read by `read` (an int or its model).
pub fn id_list(
    value: &Bound<'_, PyAny>,
    name: &str,
    read: fn(&Bound<'_, PyAny>, &str) -> PyResult<u64>,
) -> PyResult<Vec<u64>> {
    let items: Vec<Bound<'_, PyAny>> = value
        .extract()
        .map_err(|_| PyTypeError::new_err(format!("`{name}` takes a list of ids")))?;
    items.iter().map(|item| read(item, name)).collect()
}

/// A value that is one of a few constant strings or an id read by `read_id`.
fn constant_or_id<T: Clone>(
    value: &Bound<'_, PyAny>,
    constants: &[(&str, T)],
    read_id: impl FnOnce(&Bound<'_, PyAny>) -> PyResult<T>,
    expected: &str,
) -> PyResult<T> {
    let refused = || PyValueError::new_err(expected.to_owned());
    if let Ok(text) = value.cast::<PyString>() {
        let text = text.to_str()?;
        return constants
            .iter()
            .find(|(name, _)| *name == text)
            .map(|(_, constant)| constant.clone())
            .ok_or_else(refused);
    }
    read_id(value).map_err(|_| refused())
}

/// `status=`: `"_all"`, `"_pending"`, a status id or a `Status`.
pub fn status_filter(value: &Bound<'_, PyAny>) -> PyResult<happyfox::StatusFilter> {
    use happyfox::StatusFilter;
    constant_or_id(
        value,
        &[
            ("_all", StatusFilter::All),
            ("_pending", StatusFilter::Pending),
        ],
        |v| ids::status_id(v, "status").map(|id| StatusFilter::Id(id.into())),
        "`status` takes \"_all\", \"_pending\", a status id or a Status",
    )
}

/// `alert=`: `"s"` (subscribers), `"c"` (category agents), a staff id or a `Staff`.
pub fn note_alert(value: &Bound<'_, PyAny>) -> PyResult<happyfox::NoteAlert> {
    use happyfox::NoteAlert;
    constant_or_id(
        value,
        &[
            ("s", NoteAlert::Subscribers),
            ("c", NoteAlert::CategoryAgents),
        ],
        |v| ids::staff_id(v, "alert").map(|id| NoteAlert::Staff(id.into())),
        "`alert` takes \"s\" (subscribers), \"c\" (category agents), a staff id or a Staff",
    )
}

/// A contact by id (an int or a `Contact`) or email address (str).
pub fn contact_key(value: &Bound<'_, PyAny>) -> PyResult<happyfox::ContactKey> {
    if let Ok(email) = value.cast::<PyString>() {
        return Ok(happyfox::ContactKey::Email(email.to_str()?.to_owned()));
    }
    ids::contact_id(value, "contact")
        .map(|id| happyfox::ContactKey::Id(id.into()))
        .map_err(|_| {
            PyTypeError::new_err("a contact is an id (int), a Contact or an email address (str)")
        })
}

/// `q=`: a `happyfox.Query` or raw text (read as the Rust client reads it).
pub fn query_input(value: &Bound<'_, PyAny>) -> PyResult<happyfox::QueryInput> {
    if let Ok(query) = value.cast::<PyQuery>() {
        return Ok(happyfox::QueryInput::Query(query.get().inner.clone()));
    }
    value
        .extract::<String>()
        .map(happyfox::QueryInput::Raw)
        .map_err(|_| PyTypeError::new_err("`q` takes a happyfox.Query or a string"))
}

/// `sort=`: one of the documented sort names.
pub fn sort(value: &Bound<'_, PyAny>) -> PyResult<happyfox::Sort> {
    let name: String = value.extract()?;
    happyfox::Sort::from_str(&name).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// "Unassign": the value of `happyfox.UNASSIGNED`, distinct from `None` (not given).
#[pyclass(frozen, module = "happyfox", name = "Unassigned")]
pub struct PyUnassigned;

#[pymethods]
impl PyUnassigned {
    fn __repr__(&self) -> &'static str {
        "happyfox.UNASSIGNED"
    }

    /// Pickles as the global `happyfox.UNASSIGNED`, so it stays the one sentinel.
    fn __reduce__(&self) -> &'static str {
        "UNASSIGNED"
    }
}

/// A nullable id: `UNASSIGNED` sends `null`; an id (an int or its model, read by `read`)
/// sends the id.
pub fn nullable(
    value: &Bound<'_, PyAny>,
    name: &str,
    read: fn(&Bound<'_, PyAny>, &str) -> PyResult<u64>,
    accepts: &str,
) -> PyResult<Option<u64>> {
    if value.is_instance_of::<PyUnassigned>() {
        return Ok(None);
    }
    read(value, name).map(Some).map_err(|_| {
        PyTypeError::new_err(format!("`{name}` takes {accepts} or happyfox.UNASSIGNED"))
    })
}

/// Custom-field values by field id: str (text), float (number), int (a choice's option id,
/// or a whole number: both go out as the same JSON number), a list of ints (choices), a
/// `datetime.date` (date).
pub fn custom_fields(value: &Bound<'_, PyAny>) -> PyResult<Vec<(u64, happyfox::FieldValue)>> {
    let dict = value
        .cast::<PyDict>()
        .map_err(|_| PyTypeError::new_err("custom fields are a dict {field id: value}"))?;
    let mut fields = Vec::with_capacity(dict.len());
    for (key, item) in dict.iter() {
        let id: u64 = key
            .extract()
            .map_err(|_| PyTypeError::new_err("custom field ids are ints"))?;
        fields.push((id, field_value(&item, id)?));
    }
    Ok(fields)
}

fn field_value(value: &Bound<'_, PyAny>, id: u64) -> PyResult<happyfox::FieldValue> {
    use happyfox::FieldValue;
    if value.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "custom field {id}: a bool is not a field value"
        )));
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(FieldValue::Text(text.to_str()?.to_owned()));
    }
    if value.is_instance_of::<PyInt>() {
        return Ok(FieldValue::Choice(value.extract()?));
    }
    if let Ok(number) = value.cast::<PyFloat>() {
        return Ok(FieldValue::Number(number.value()));
    }
    if let Ok(date) = value.extract::<chrono::NaiveDate>() {
        return Ok(FieldValue::Date(date));
    }
    if let Ok(ids) = value.extract::<Vec<u64>>() {
        return Ok(FieldValue::Choices(ids));
    }
    Err(PyTypeError::new_err(format!(
        "custom field {id}: a value is a str, a float, an int (option id), a list of option ids or a date"
    )))
}

/// Attachments: paths (`str` / `os.PathLike`), `(filename, bytes)` tuples, or binary files
/// opened for reading (their `name` gives the file name).
pub fn uploads(value: &Bound<'_, PyAny>) -> PyResult<Vec<happyfox::UploadFile>> {
    let items: Vec<Bound<'_, PyAny>> = value.extract().map_err(|_| {
        PyTypeError::new_err(
            "`attachments` takes a list of paths, (filename, bytes) tuples or binary file objects",
        )
    })?;
    items.iter().map(upload).collect()
}

/// One file: a path, a `(filename, bytes)` tuple, or a binary file object.
pub fn upload(item: &Bound<'_, PyAny>) -> PyResult<happyfox::UploadFile> {
    if let Ok((name, data)) = item.extract::<(String, Vec<u8>)>() {
        return Ok(happyfox::UploadFile::from_bytes(name, data));
    }
    if item.hasattr("read")? {
        let name: String = item
            .getattr("name")
            .and_then(|name| name.extract())
            .map_err(|_| PyTypeError::new_err("a file object to attach needs a `name`"))?;
        let data: Vec<u8> = item.call_method0("read")?.extract().map_err(|_| {
            PyTypeError::new_err("a file object to attach must be opened in binary mode (\"rb\")")
        })?;
        let base = std::path::Path::new(&name)
            .file_name()
            .map_or_else(|| name.clone(), |base| base.to_string_lossy().into_owned());
        return Ok(happyfox::UploadFile::from_bytes(base, data));
    }
    if let Ok(path) = item.extract::<std::path::PathBuf>() {
        return happyfox::UploadFile::from_path(&path).map_err(crate::errors::to_py);
    }
    Err(PyTypeError::new_err(
        "an attachment is a path, a (filename, bytes) tuple or a binary file object",
    ))
}

/// The value of `key` in a dict of arguments, if given (and not `None`).
pub fn item<'py>(d: &Bound<'py, PyDict>, key: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
    Ok(d.get_item(key)?.filter(|value| !value.is_none()))
}

/// A required argument of a dict of arguments.
pub fn need<'py>(
    value: Option<Bound<'py, PyAny>>,
    what: &str,
    key: &str,
) -> PyResult<Bound<'py, PyAny>> {
    value.ok_or_else(|| PyTypeError::new_err(format!("{what}: missing required argument `{key}`")))
}

/// Refuses keys a dict of arguments does not take.
pub fn check_keys(d: &Bound<'_, PyDict>, what: &str, known: &[&str]) -> PyResult<()> {
    for key in d.keys() {
        let key: String = key.extract()?;
        if !known.contains(&key.as_str()) {
            return Err(PyTypeError::new_err(format!(
                "{what}: unexpected argument `{key}` (known: {})",
                known.join(", ")
            )));
        }
    }
    Ok(())
}
