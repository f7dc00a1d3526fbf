//! `happyfox/_async.py`: the asyncio client, from the hand-written template
//! `bindings/python/stubs/async_client.py` (the client's constructors and the hand-written
//! methods, as `# @extend` blocks, whose `# @keywords` / `# @passed` lines take a listing's
//! parameters from the spec and `# @positional` lines a constructor's from the runtime stub)
//! and the resource model: every resource method of `Client` as an awaited method with the
//! same signature, every listing's iterator as an async one.

use std::fmt::Write;

use anyhow::{Context, Result, anyhow, bail};

use super::resources;
use super::stubs::{
    docstring, generated_names, param_keywords, parameter_name, resource_properties, signature,
    split_runtime,
};
use super::types::alias_names;
use crate::codegen::model::Api;

/// The hand-written part.
pub const TEMPLATE: &str = "bindings/python/stubs/async_client.py";
/// The module written.
pub const OUT: &str = "bindings/python/python/happyfox/_async.py";

/// The template's text with its markers expanded, each at the marker's indent: the keyword
/// parameters of query parameters from the spec (a line `# @keywords <Params>` becomes one
/// `name: type | None = None,` line a parameter, and `# @passed <Params>` one `"name": name,`
/// line a parameter, the dict passed on), and `# @positional <Class>.<method>` the
/// positional parameters of that method in the hand-written runtime stub (so the asyncio
/// constructors take what the blocking ones take, written once).
fn expand_markers(api: &Api, template: &str, runtime_stub: &str) -> Result<String> {
    let mut out = String::new();
    for line in template.lines() {
        let indent = &line[..line.len() - line.trim_start().len()];
        let marker = line.trim_start();
        let located = |error: anyhow::Error| anyhow!("{TEMPLATE}: `{marker}`: {error}");
        let expand = |lines: Vec<String>, entry: &dyn Fn(&str) -> String| -> String {
            lines
                .iter()
                .map(|text| format!("{indent}{}\n", entry(text)))
                .collect()
        };
        if let Some(params) = marker.strip_prefix("# @keywords ") {
            let keywords = param_keywords(api, params.trim()).map_err(located)?;
            out.push_str(&expand(keywords, &|keyword| format!("{keyword},")));
        } else if let Some(params) = marker.strip_prefix("# @passed ") {
            let keywords = param_keywords(api, params.trim()).map_err(located)?;
            out.push_str(&expand(keywords, &|keyword| {
                format!("{0:?}: {0},", parameter_name(keyword))
            }));
        } else if let Some(method) = marker.strip_prefix("# @positional ") {
            let parameters = positional(runtime_stub, method.trim()).map_err(located)?;
            out.push_str(&expand(parameters, &|parameter| format!("{parameter},")));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out)
}

/// The positional parameters (`self` and `cls` left out) of `Class.method` in the runtime
/// stub, whose signature is written one parameter a line.
fn positional(runtime_stub: &str, method: &str) -> Result<Vec<String>> {
    let (class, name) = method
        .split_once('.')
        .context("not of the form `Class.method`")?;
    let mut lines = runtime_stub
        .lines()
        .skip_while(|line| {
            line.strip_prefix("class ").is_none_or(|rest| {
                !rest.starts_with(&format!("{class}:")) && !rest.starts_with(&format!("{class}("))
            })
        })
        .skip(1)
        .take_while(|line| line.is_empty() || line.starts_with(' '));
    lines
        .find(|line| line.trim() == format!("def {name}("))
        .with_context(|| format!("the runtime stub's `{class}` has no `def {name}(` on a line"))?;
    let parameters: Vec<String> = lines
        .map(|line| line.trim().trim_end_matches(','))
        .take_while(|parameter| !parameter.starts_with('*') && !parameter.starts_with(')'))
        .filter(|parameter| !matches!(*parameter, "self" | "cls"))
        .map(str::to_owned)
        .collect();
    if parameters.is_empty() {
        bail!("`{class}.{name}` of the runtime stub has no positional parameter");
    }
    Ok(parameters)
}

/// The module's text, from the template and the hand-written runtime stub.
pub fn module(api: &Api, template: &str, runtime_stub: &str) -> Result<String> {
    let (body, mut extends) = split_runtime(&expand_markers(api, template, runtime_stub)?)?;
    let mut imports = String::from("from ._happyfox import RawAnswer, Unassigned\n");
    for name in generated_names(api)
        .iter()
        .filter(|name| !name.ends_with("Resource") && !name.ends_with("Iterator"))
    {
        let _ = writeln!(imports, "from ._happyfox import {name}");
    }
    let _ = writeln!(
        imports,
        "from .types import {}",
        alias_names(api).join(", ")
    );
    let properties = resource_properties(api, "Async", |group| {
        format!(
            "        return Async{}(self._runner, {:?}, self._sync.{})\n\n",
            group.class, group.name, group.name
        )
    });
    for marker in ["# @generated imports\n", "    # @generated resources\n"] {
        if !body.contains(marker) {
            bail!("{TEMPLATE} lacks the line `{}`", marker.trim());
        }
    }
    let mut out = format!(
        "# @generated by `cargo xtask codegen python` from spec/ and {TEMPLATE}: do not edit by hand.\n{}",
        body.replace("# @generated imports\n", &imports)
            .replace("    # @generated resources\n", &properties)
            .trim_end()
    );
    out.push('\n');
    for group in resources(api) {
        let class = format!("Async{}", group.class);
        let _ = writeln!(out, "\n\nclass {class}(AsyncResource):");
        out.push_str(&docstring(&group.doc(), "    "));
        for op in &group.operations {
            let Some(sig) = signature(api, op)? else {
                continue;
            };
            let args: Vec<&str> = sig.positional.iter().map(|p| parameter_name(p)).collect();
            let tuple = match args.as_slice() {
                [] => "()".to_owned(),
                [one] => format!("({one},)"),
                many => format!("({})", many.join(", ")),
            };
            let keywords = |entries: &[String]| {
                let pairs: Vec<String> = entries
                    .iter()
                    .map(|entry| format!("{0:?}: {0}", parameter_name(entry)))
                    .collect();
                format!("{{{}}}", pairs.join(", "))
            };
            let mut extra = String::new();
            if op.is_write() {
                extra.push_str(", write=True");
                if args.first() == Some(&"ticket") {
                    extra.push_str(", ticket=ticket");
                }
            }
            out.push('\n');
            out.push_str(&sig.method_head("async def"));
            let _ = writeln!(
                out,
                "        result = await self._call({:?}, {tuple}, {}{extra})\n        return cast({:?}, result)",
                sig.action,
                keywords(&sig.keywords),
                sig.ret
            );
            if let Some((iterate, item)) = &sig.iterator {
                out.push('\n');
                out.push_str(&sig.iterator_head(iterate, &format!("AsyncPager[{item}]")));
                let _ = writeln!(
                    out,
                    "        return self._pager({iterate:?}, {tuple}, {})",
                    keywords(&sig.param_keywords)
                );
            }
        }
        if let Some(block) = extends.remove(&class) {
            out.push('\n');
            out.push_str(&block);
        }
    }
    if let Some(class) = extends.keys().next() {
        bail!("{TEMPLATE}: `# @extend {class}`, but no generated class is called so");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::expand_markers;
    use crate::codegen::lower;

    /// The markers take the listing's parameters from the spec, in order, at their indent;
    /// one naming no params of the spec fails naming the template and the marker.
    #[test]
    fn keyword_markers_take_the_parameters_from_the_spec() {
        let api = lower::load(&crate::project_root().join("xtask/fixtures/specs/small"))
            .unwrap_or_else(|e| panic!("{e:#}"));
        let template = "    def every(\n        self,\n        *,\n        # @keywords ListNotes\n    ) -> None:\n        keywords = {\n            # @passed ListNotes\n        }\n";
        let expanded = expand_markers(&api, template, "").unwrap_or_else(|e| panic!("{e:#}"));
        insta::assert_snapshot!(expanded, @r#"
            def every(
                self,
                *,
                status: StatusFilter | None = None,
                sort: Sort | None = None,
                size: int | None = None,
                page: int | None = None,
            ) -> None:
                keywords = {
                    "status": status,
                    "sort": sort,
                    "size": size,
                    "page": page,
                }
        "#);
        let unknown = expand_markers(&api, "        # @keywords ListThings\n", "")
            .expect_err("no such params")
            .to_string();
        assert!(
            unknown.contains("async_client.py") && unknown.contains("ListThings"),
            "{unknown}"
        );
    }

    /// `# @positional` takes a method's positional parameters from the runtime stub's
    /// class, not from a method of the same name in another class.
    #[test]
    fn positional_markers_take_the_parameters_from_the_runtime_stub() {
        let api = lower::load(&crate::project_root().join("xtask/fixtures/specs/small"))
            .unwrap_or_else(|e| panic!("{e:#}"));
        let stub = "class Other:\n    def make(\n        cls,\n        wrong: int,\n    ) -> Other: ...\n\nclass Client:\n    @classmethod\n    def make(\n        cls,\n        name: str,\n        region: str = \"us\",\n        **options: int,\n    ) -> Client: ...\n";
        let template = "    def make(\n        cls,\n        # @positional Client.make\n        *,\n        workers: int,\n    ) -> None:\n";
        let expanded = expand_markers(&api, template, stub).unwrap_or_else(|e| panic!("{e:#}"));
        insta::assert_snapshot!(expanded, @r#"
            def make(
                cls,
                name: str,
                region: str = "us",
                *,
                workers: int,
            ) -> None:
        "#);
        let missing = expand_markers(&api, "        # @positional Client.gone\n", stub)
            .expect_err("no such method")
            .to_string();
        assert!(
            missing.contains("async_client.py") && missing.contains("Client.gone"),
            "{missing}"
        );
    }
}
