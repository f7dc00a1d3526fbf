//! The generator's own tests: the committed files are fresh, broken specs fail naming the
//! file and entry, and every emitter's output for small fixture specs is pinned with insta
//! (progenitor's `test_output.rs` is the model), so a change to the generator shows its
//! effect without touching the real spec.

use std::path::PathBuf;

use super::*;

fn fixture(path: &str) -> PathBuf {
    project_root().join("xtask/fixtures").join(path)
}

/// `spec/openapi.json` has its own freshness test in the core crate (it needs the compiled
/// models); this one covers every file generated from the spec's text.
#[test]
fn generated_files_are_fresh() {
    if let Err(error) = run(
        &[
            Target::Query,
            Target::Client,
            Target::Python,
            Target::Uniffi,
            Target::Mcp,
        ],
        Mode::Check,
    ) {
        panic!("{error:#}");
    }
}

/// A hand-written runtime stub for the fixtures: one marker of each kind.
const RUNTIME_STUB: &str =
    "class Client:\n    # @generated resources\nclass Query:\n    # @generated fields\n";

/// The hand-written part of the asyncio client for the fixtures: its two markers.
const ASYNC_TEMPLATE: &str =
    "\"\"\"Async.\"\"\"\n# @generated imports\nclass AsyncClient:\n    # @generated resources\n";

/// Every file every emitter writes for a fixture spec, formatted as committed.
fn snapshot_outputs(spec: &str) {
    let api = lower::load(&fixture(&format!("specs/{spec}"))).unwrap_or_else(|e| panic!("{e:#}"));
    for target in [
        Target::Query,
        Target::Client,
        Target::Python,
        Target::Uniffi,
        Target::Mcp,
    ] {
        let files = match target {
            Target::Python => python::files(&api, RUNTIME_STUB, ASYNC_TEMPLATE),
            other => files(other, &api),
        };
        for file in files.unwrap_or_else(|e| panic!("{e:#}")) {
            let name = file
                .path
                .file_name()
                .map(|stem| stem.to_string_lossy().replace('.', "_"))
                .unwrap_or_default();
            let contents = finish(target, &file).unwrap_or_else(|e| panic!("{e:#}"));
            insta::assert_snapshot!(format!("{spec}__{}__{name}", target.name()), contents);
        }
    }
}

#[test]
fn emitters_on_the_small_spec() {
    snapshot_outputs("small");
}

#[test]
fn emitters_on_the_minimal_spec() {
    snapshot_outputs("minimal");
}

/// Each broken fixture stops in lowering, and the error names the spec file and the entry.
#[test]
fn broken_specs_fail_naming_the_file_and_entry() {
    let cases = [
        (
            "path_param_undeclared",
            "spec/api.toml: endpoint `get_thing`: path `/thing/{thing}/` has `{thing}`, which path_params does not declare",
        ),
        (
            "path_param_missing_from_path",
            "spec/api.toml: endpoint `get_thing`: path parameter `thing` is missing from the path `/things/`",
        ),
        (
            "unknown_type",
            "spec/api.toml: model `Thing`: field `owner`: unknown type `Person`",
        ),
        (
            "duplicate_name",
            "spec/b.toml: enum `Thing`: the name is already declared in spec/a.toml",
        ),
        (
            "one_of_unknown_field",
            "spec/api.toml: request `Reply`: one_of names the unknown field `html`",
        ),
        (
            "body_on_get",
            "spec/api.toml: endpoint `find_things`: a GET has no body",
        ),
        (
            "encoding_mismatch",
            "spec/api.toml: model `Thing`: field `count`: encoding `csv` does not apply to `u64`",
        ),
        (
            "unknown_response",
            "spec/api.toml: endpoint `get_thing`: response: unknown type `Thing`",
        ),
        (
            "iterate_without_pages",
            "spec/api.toml: endpoint `list_things`: `iterate` needs a page<...> response",
        ),
        (
            "search_date_name",
            "spec/search.toml: field `created`: a date field must be named `<moment>-<comparison>`",
        ),
        (
            "search_undeclared_kind",
            "spec/search.toml: field `flagged`: kind `bool` is not a [[kind]]",
        ),
        ("unknown_field_key", "unknown field `requird`"),
        (
            "id_identifies_other_kind",
            "spec/api.toml: id `ThingId`: `identifies` names `Thing`, whose `id` field is not a `ThingId`",
        ),
        (
            "nullable_without_setter",
            "spec/api.toml: request `Assign`: field `assignee`: a nullable field needs `null_setter`",
        ),
        (
            "reserved_name",
            "spec/api.toml: model `Page`: the name is the hand-written `happyfox::Page`",
        ),
        (
            "endpoint_without_resource",
            "spec/api.toml: endpoint `get_thing`: a public endpoint needs `resource` and `action`",
        ),
        (
            "capability_without_surface",
            "spec/capabilities.toml: capability `snapshot`: no `kotlin` name: give it, or `out.kotlin` with why the surface goes without",
        ),
    ];
    let dir = fixture("broken");
    let mut listed: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|entry| Some(entry.ok()?.file_name().to_string_lossy().into_owned()))
        .collect();
    listed.sort();
    let mut tested: Vec<String> = cases.iter().map(|(name, _)| (*name).to_owned()).collect();
    tested.sort();
    assert_eq!(listed, tested, "every broken fixture has a case");
    for (name, expected) in cases {
        match lower::load(&dir.join(name)) {
            Ok(_) => panic!("{name}: the broken spec was accepted"),
            Err(error) => {
                let message = format!("{error:#}");
                assert!(
                    message.starts_with("spec/"),
                    "{name}: names the file: {message}"
                );
                assert!(message.contains(expected), "{name}: {message}");
            }
        }
    }
}

#[test]
fn targets_are_named_on_the_command_line() {
    assert_eq!(Target::parse("client").ok(), Some(Target::Client));
    let error = Target::parse("kotlin").unwrap_err().to_string();
    assert!(
        error.contains("known: query, client, python, uniffi, mcp, parity, openapi"),
        "{error}"
    );
}
