//! One description of how a value becomes what the code beside it needs, which every backend
//! renders as a Rust expression over whatever names the value (the client, the UniFFI
//! bindings and the PyO3 bindings are all Rust). It replaces conversion templates with a
//! placeholder patched by `str::replace`, and says whether the expression can fail without
//! reading its text.

/// A conversion of one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conversion {
    /// The value as it is.
    Identity,
    /// A method of the value: `value.name()`, with `?` when it can fail.
    Method { name: String, fallible: bool },
    /// A function of the value, `function(args...)`, with `?` when it can fail.
    Call {
        function: String,
        args: Vec<Arg>,
        fallible: bool,
    },
    /// Each item of a sequence converted, collected (into a `Result` first when the item's
    /// conversion can fail).
    Each(Box<Conversion>),
    /// An optional value's content converted (transposed when the conversion can fail).
    Optional(Box<Conversion>),
    /// The second conversion applied to the first's result.
    Then(Box<Conversion>, Box<Conversion>),
}

/// An argument of a [`Conversion::Call`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// The value.
    Value,
    /// A reference to the value.
    Borrowed,
    /// Other code, as written (a field name literal, the `py` token).
    Code(String),
}

/// How a backend's code spells what differs between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// How a sequence is walked: by value (`into_iter()`) or by reference (`iter()`).
    pub iterate: &'static str,
    /// The result type a fallible collection gathers into (`Result`, `PyResult`).
    pub result: &'static str,
    /// Whether a failure is propagated with `?` (else the expression is the result itself).
    pub propagate: bool,
}

/// The Rust client's and the UniFFI bindings' code: owned values, `?` on `Result`.
pub const OWNED: Dialect = Dialect {
    iterate: "into_iter()",
    result: "Result",
    propagate: true,
};

impl Conversion {
    /// `value.name()`, which cannot fail.
    pub fn method(name: &str) -> Conversion {
        Conversion::Method {
            name: name.to_owned(),
            fallible: false,
        }
    }

    /// `function(value)`, which cannot fail.
    pub fn call(function: impl Into<String>) -> Conversion {
        Conversion::Call {
            function: function.into(),
            args: vec![Arg::Value],
            fallible: false,
        }
    }

    /// `function(value)?`.
    pub fn try_call(function: impl Into<String>) -> Conversion {
        Conversion::Call {
            function: function.into(),
            args: vec![Arg::Value],
            fallible: true,
        }
    }

    /// `function(args...)?`.
    pub fn try_call_with(function: &str, args: Vec<Arg>) -> Conversion {
        Conversion::Call {
            function: function.to_owned(),
            args,
            fallible: true,
        }
    }

    /// `function(value, literal)?`: a conversion that names the field it refuses (`literal`
    /// is written as a Rust string literal).
    pub fn try_call_naming(function: &str, borrow: bool, field: &str) -> Conversion {
        let value = if borrow { Arg::Borrowed } else { Arg::Value };
        Conversion::try_call_with(function, vec![value, Arg::Code(format!("{field:?}"))])
    }

    /// Each item converted by `item`, collected.
    pub fn each(item: Conversion) -> Conversion {
        Conversion::Each(Box::new(item))
    }

    /// The content of an optional value converted by `item`.
    pub fn optional(item: Conversion) -> Conversion {
        Conversion::Optional(Box::new(item))
    }

    /// `self`, then `next` on its result.
    pub fn then(self, next: Conversion) -> Conversion {
        Conversion::Then(Box::new(self), Box::new(next))
    }

    /// Whether the expression can fail (it ends in `?`, or is a result when the dialect does
    /// not propagate).
    pub fn fallible(&self) -> bool {
        match self {
            Conversion::Identity => false,
            Conversion::Method { fallible, .. } | Conversion::Call { fallible, .. } => *fallible,
            Conversion::Each(item) | Conversion::Optional(item) => item.fallible(),
            Conversion::Then(first, second) => first.fallible() || second.fallible(),
        }
    }

    /// The expression converting `value` in the owned dialect (the client's and UniFFI's).
    pub fn render(&self, value: &str) -> String {
        self.render_in(OWNED, value)
    }

    /// The expression converting `value` in `dialect`.
    pub fn render_in(&self, dialect: Dialect, value: &str) -> String {
        let fails = |fallible: bool| {
            if fallible && dialect.propagate {
                "?"
            } else {
                ""
            }
        };
        match self {
            Conversion::Identity => value.to_owned(),
            Conversion::Method { name, fallible } => {
                format!("{value}.{name}(){}", fails(*fallible))
            }
            Conversion::Call {
                function,
                args,
                fallible,
            } => {
                let args: Vec<String> = args
                    .iter()
                    .map(|arg| match arg {
                        Arg::Value => value.to_owned(),
                        Arg::Borrowed => format!("&{value}"),
                        Arg::Code(code) => code.clone(),
                    })
                    .collect();
                format!("{function}({}){}", args.join(", "), fails(*fallible))
            }
            Conversion::Each(item) => {
                let iterate = dialect.iterate;
                let collect = if item.fallible() {
                    format!("collect::<{}<_>>(){}", dialect.result, fails(true))
                } else {
                    "collect()".to_owned()
                };
                match item.as_ref() {
                    Conversion::Identity => format!("{value}.{iterate}.{collect}"),
                    inner => format!("{value}.{iterate}.map({}).{collect}", inner.function()),
                }
            }
            Conversion::Optional(item) => {
                let transpose = if item.fallible() {
                    format!(".transpose(){}", fails(true))
                } else {
                    String::new()
                };
                format!("{value}.map({}){transpose}", item.function())
            }
            Conversion::Then(first, second) => {
                second.render_in(dialect, &first.render_in(dialect, value))
            }
        }
    }

    /// The conversion as a function of one argument, for `map`: a path when it is one
    /// (`Into::into`, `f`), else a closure. Failure is left to the caller (collect, transpose).
    fn function(&self) -> String {
        match self {
            Conversion::Identity => "|item| item".to_owned(),
            Conversion::Method { name, .. } if name == "into" => "Into::into".to_owned(),
            Conversion::Call { function, args, .. } if args == &[Arg::Value] => function.clone(),
            other => {
                let without_failure = other.without_propagation();
                format!("|item| {}", without_failure.render("item"))
            }
        }
    }

    /// The same conversion with its outermost failure left as a result (no `?`).
    fn without_propagation(&self) -> Conversion {
        match self {
            Conversion::Method { name, .. } => Conversion::Method {
                name: name.clone(),
                fallible: false,
            },
            Conversion::Call { function, args, .. } => Conversion::Call {
                function: function.clone(),
                args: args.clone(),
                fallible: false,
            },
            other => other.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_renders_over_any_name() {
        assert_eq!(Conversion::Identity.render("note"), "note");
        assert_eq!(Conversion::method("into").render("title"), "title.into()");
        assert_eq!(
            Conversion::each(Conversion::method("into")).render("tags"),
            "tags.into_iter().map(Into::into).collect()"
        );
        assert_eq!(
            Conversion::each(Conversion::Identity).render("ids"),
            "ids.into_iter().collect()"
        );
        let id = Conversion::try_call_naming("convert::id_in", false, "note")
            .then(Conversion::call("happyfox::NoteId::from"));
        assert_eq!(
            id.render("value"),
            "happyfox::NoteId::from(convert::id_in(value, \"note\")?)"
        );
        assert!(id.fallible());
        assert_eq!(
            Conversion::try_call_naming("convert::date_in", true, "due").render("self.due"),
            "convert::date_in(&self.due, \"due\")?"
        );
    }

    #[test]
    fn failures_are_collected_or_transposed() {
        let model = Conversion::try_call("Note::from_core");
        assert_eq!(
            Conversion::each(model.clone()).render("model.notes"),
            "model.notes.into_iter().map(Note::from_core).collect::<Result<_>>()?"
        );
        assert_eq!(
            Conversion::optional(model).render("model.note"),
            "model.note.map(Note::from_core).transpose()?"
        );
        let python = Dialect {
            iterate: "iter()",
            result: "PyResult",
            propagate: false,
        };
        let json = Conversion::each(Conversion::try_call_with(
            "json_to_py",
            vec![Arg::Code("py".into()), Arg::Value],
        ));
        assert_eq!(
            json.render_in(python, "self.0.links"),
            "self.0.links.iter().map(|item| json_to_py(py, item)).collect::<PyResult<_>>()"
        );
        assert!(json.fallible());
    }
}
