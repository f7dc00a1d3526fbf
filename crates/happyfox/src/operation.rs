//! What one operation of the spec is, as data: its name, method and path template, for the
//! generated [`OPERATIONS`](crate::OPERATIONS) table.

/// The HTTP method of an operation: reads are GET, writes POST.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// A read.
    Get,
    /// A write.
    Post,
}

impl Method {
    /// `GET` or `POST`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One endpoint of `spec/*.toml`, as the client calls it. Several operations may share a
/// route (the three listings of `GET /tickets/`, ticket create and bulk create on
/// `POST /tickets/`); they differ by query or body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The spec's name for it, which is the client method (`staff_update`).
    pub name: &'static str,
    /// GET or POST.
    pub method: Method,
    /// The path template below the API root, e.g. `/ticket/{ticket}/staff_update/`.
    pub path: &'static str,
    /// The names of the path template's parameters, in order of appearance.
    pub path_params: &'static [&'static str],
    /// Query pairs the client always sends with it (`minify_response=true` for the id
    /// listing).
    pub fixed_query: &'static [(&'static str, &'static str)],
    /// Whether it is a public method of [`Client`](crate::Client) (else the client calls it
    /// from another method, as bulk create calls `create_tickets_chunk`).
    pub public: bool,
    /// The sections of HappyFox's API reference it implements.
    pub reference: &'static str,
}

impl Operation {
    /// The path with each `{param}` replaced by `values` in order (values are inserted as
    /// given, not encoded); `None` unless there are as many values as
    /// [`Operation::path_params`].
    ///
    /// ```
    /// let op = happyfox::OPERATIONS.iter().find(|op| op.name == "staff_update").unwrap();
    /// assert_eq!(op.fill(&["12"]).as_deref(), Some("/ticket/12/staff_update/"));
    /// assert_eq!(op.fill(&[]), None);
    /// ```
    pub fn fill(&self, values: &[&str]) -> Option<String> {
        (values.len() == self.path_params.len()).then(|| {
            self.path_params
                .iter()
                .zip(values)
                .fold(self.path.to_owned(), |path, (name, value)| {
                    path.replace(&format!("{{{name}}}"), value)
                })
        })
    }
}
