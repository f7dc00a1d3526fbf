//! The emulator's modules depend on each other one way only: reads every `src/**/*.rs`, takes
//! the `crate::<module>` paths of its code (not its comments or strings) at top-level module
//! granularity (`crate::render::Renderer` is `render`; `search/` and its files are `search`),
//! and fails naming one import cycle, with the files that make each of its steps.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// For each module, the modules it uses and, for each, the files that use it.
type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

#[test]
fn modules_depend_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = module_graph(&src);
    assert!(
        graph.len() > 10,
        "found only modules {:?} under {}",
        graph.keys().collect::<Vec<_>>(),
        src.display()
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!("{}", describe(&graph, &cycle));
    }
}

#[test]
fn the_reader_sees_code_paths_only() {
    let code = r##"
        use crate::{app, routes::{self, API_PREFIX}};
        use crate::state::State; // crate::comment
        /// [`crate::docs::Link`]
        /* crate::block /* nested crate::x */ crate::still_comment */
        let s = "crate::in_string \" crate::escaped";
        let r = r#"crate::raw"#;
        let c = '"'; let l: &'static str = crate::render::to_value(&x);
        fn f<'a>(x: &'a str) -> crate::store::Store { ... }
        other_crate::app::x();
    "##;
    let found: BTreeSet<String> = referenced_modules(code).into_iter().collect();
    let expected: BTreeSet<String> = ["app", "render", "routes", "state", "store"]
        .map(String::from)
        .into();
    assert_eq!(found, expected);
}

#[test]
fn a_cycle_is_found_and_named() {
    let mut graph = Graph::new();
    for (from, to, file) in [
        ("app", "render", "src/app.rs"),
        ("render", "attachments", "src/render.rs"),
        ("attachments", "app", "src/attachments.rs"),
        ("routes", "app", "src/routes/mod.rs"),
    ] {
        graph
            .entry(from.to_owned())
            .or_default()
            .entry(to.to_owned())
            .or_default()
            .insert(file.to_owned());
    }
    graph.entry("state".to_owned()).or_default();
    let cycle = find_cycle(&graph).expect("a cycle");
    assert_eq!(cycle, ["app", "render", "attachments", "app"]);
    assert_eq!(
        describe(&graph, &cycle),
        "import cycle between the emulator's modules: app -> render -> attachments -> app\n  \
         app -> render: src/app.rs\n  \
         render -> attachments: src/render.rs\n  \
         attachments -> app: src/attachments.rs"
    );
    graph
        .get_mut("attachments")
        .expect("attachments")
        .remove("app");
    assert_eq!(find_cycle(&graph), None);
}

/// The graph of the modules under `src` (`lib.rs`, the crate root, is not a module).
fn module_graph(src: &Path) -> Graph {
    let files = rust_files(src);
    let module_of = |file: &Path| -> Option<String> {
        let relative = file.strip_prefix(src).ok()?;
        let first = relative.components().next()?.as_os_str().to_str()?;
        (first != "lib.rs").then(|| first.trim_end_matches(".rs").to_owned())
    };
    let mut graph = Graph::new();
    for file in &files {
        if let Some(module) = module_of(file) {
            graph.entry(module).or_default();
        }
    }
    for file in &files {
        let Some(module) = module_of(file) else {
            continue;
        };
        let code = fs::read_to_string(file).expect("reads a source file");
        let shown = format!(
            "src/{}",
            file.strip_prefix(src).expect("under src").display()
        );
        for used in referenced_modules(&code) {
            // `crate::generate_state` and the like are the crate root's own items.
            if used != module && graph.contains_key(&used) {
                graph
                    .get_mut(&module)
                    .expect("every module has an entry")
                    .entry(used)
                    .or_default()
                    .insert(shown.clone());
            }
        }
    }
    graph
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .expect("reads a source directory")
        .map(|entry| entry.expect("reads a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The first segment after each `crate::` of `code` (each item of a `crate::{...}` group),
/// skipping comments, strings and character literals.
fn referenced_modules(code: &str) -> Vec<String> {
    let code = code_only(code);
    let mut found = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        let after = &rest[at + "crate::".len()..];
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            match after.strip_prefix('{') {
                Some(group) => found.extend(group_heads(group)),
                None => found.push(identifier(after).to_owned()),
            }
        }
        rest = after;
    }
    found.retain(|name| !name.is_empty() && name != "self");
    found
}

/// The first identifier of each top-level item of a `{...}` group (`group` starts after
/// the `{`).
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = vec![identifier(group.trim_start()).to_owned()];
    let mut depth = 0;
    for (at, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => heads.push(identifier(group[at + 1..].trim_start()).to_owned()),
            _ => {}
        }
    }
    heads
}

fn identifier(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// `code` with comments, string literals and character literals blanked out.
fn code_only(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    while i < chars.len() {
        let at = |k: usize| chars.get(i + k).copied();
        match (chars[i], at(1)) {
            ('/', Some('/')) => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            ('/', Some('*')) => {
                let mut depth = 0;
                while i < chars.len() {
                    match (chars[i], chars.get(i + 1)) {
                        ('/', Some('*')) => {
                            depth += 1;
                            i += 2;
                        }
                        ('*', Some('/')) => {
                            depth -= 1;
                            i += 2;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => i += 1,
                    }
                }
                out.push(' ');
            }
            ('r', Some('"' | '#')) if !continues_identifier(&out) => {
                let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
                if chars.get(i + 1 + hashes) == Some(&'"') {
                    i += 2 + hashes;
                    let close: Vec<char> = std::iter::once('"')
                        .chain(std::iter::repeat_n('#', hashes))
                        .collect();
                    while i < chars.len() && !chars[i..].starts_with(&close) {
                        i += 1;
                    }
                    i += close.len();
                    out.push_str("\"\"");
                } else {
                    out.push('r');
                    i += 1;
                }
            }
            ('"', _) => {
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    i += if chars[i] == '\\' { 2 } else { 1 };
                }
                i += 1;
                out.push_str("\"\"");
            }
            // A character literal ('x', '\n', '\''); otherwise a lifetime, kept.
            ('\'', Some('\\')) => {
                i += 3;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
                out.push_str("' '");
            }
            ('\'', Some(_)) if at(2) == Some('\'') => {
                i += 3;
                out.push_str("' '");
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn continues_identifier(before: &str) -> bool {
    before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// One cycle, as the modules along it with the first repeated at the end; `None` when the
/// graph has none. Depth-first in name order, so the answer is the same on every run.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        OnPath,
        Done,
    }
    fn visit<'g>(
        graph: &'g Graph,
        module: &'g str,
        marks: &mut BTreeMap<&'g str, Mark>,
        path: &mut Vec<&'g str>,
    ) -> Option<Vec<String>> {
        marks.insert(module, Mark::OnPath);
        path.push(module);
        for used in graph.get(module).into_iter().flat_map(|uses| uses.keys()) {
            match marks.get(used.as_str()) {
                Some(Mark::OnPath) => {
                    let start = path.iter().position(|m| m == used).expect("on the path");
                    let mut cycle: Vec<String> =
                        path[start..].iter().map(|m| (*m).to_owned()).collect();
                    cycle.push(used.clone());
                    return Some(cycle);
                }
                Some(Mark::Done) => {}
                None => {
                    if let Some(cycle) = visit(graph, used, marks, path) {
                        return Some(cycle);
                    }
                }
            }
        }
        path.pop();
        marks.insert(module, Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for module in graph.keys() {
        if !marks.contains_key(module.as_str())
            && let Some(cycle) = visit(graph, module, &mut marks, &mut Vec::new())
        {
            return Some(cycle);
        }
    }
    None
}

/// The cycle's modules, then each step with the files that make it.
fn describe(graph: &Graph, cycle: &[String]) -> String {
    let mut text = format!(
        "import cycle between the emulator's modules: {}",
        cycle.join(" -> ")
    );
    for step in cycle.windows(2) {
        let files: Vec<&str> = graph[&step[0]][&step[1]]
            .iter()
            .map(String::as_str)
            .collect();
        text.push_str(&format!(
            "\n  {} -> {}: {}",
            step[0],
            step[1],
            files.join(", ")
        ));
    }
    text
}
