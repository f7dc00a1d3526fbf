//! The README's Rust blocks that an example compiles and runs: the block between the
//! example's `// README begin` and `// README end` lines must be in the README word for word.

/// Panics unless `readme` holds the block that `example` (named `name`) marks.
pub fn assert_shows_example(readme: &str, name: &str, example: &str) {
    let block = example
        .split_once("// README begin\n")
        .and_then(|(_, rest)| rest.split_once("// README end\n"))
        .map(|(block, _)| block)
        .unwrap_or_else(|| panic!("{name} marks no README block"));
    assert!(
        readme.contains(&format!("```rust,no_run\n{block}```")),
        "README.md's block differs from {name}'s:\n{block}"
    );
}
