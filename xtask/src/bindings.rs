//! The Kotlin and Swift bindings: `cargo xtask bindings` builds the cdylib and writes the
//! Kotlin and Swift sources into `target/bindings/`; `cargo xtask test` then compiles the
//! Kotlin with kotlinc 2.x against Debian's JNA and runs the Kotlin test program against the
//! in-process emulator, and checks the Swift's syntax (tree-sitter-swift) and the C header
//! (gcc). Without kotlinc or JNA the Kotlin run is skipped loudly, except in CI (`CI=true`),
//! where that fails.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::project_root;
use crate::python::{run, venv_python};

/// The kotlinc release the Kotlin tests compile with (npm's `kotlin-compiler`).
const KOTLIN_COMPILER: &str = "kotlin-compiler@2.4.20";
/// Debian's JNA (`libjna-java`), which UniFFI's Kotlin calls the library through.
const JNA: &str = "/usr/share/java/jna.jar";
/// The Swift syntax checker and the versions it was written against.
const SWIFT_TOOLS: &[&str] = &["tree-sitter==0.26.1", "tree-sitter-swift==0.7.4"];
/// The cdylib's name (`[lib] name` of `bindings/uniffi`).
const LIBRARY: &str = "happyfox_uniffi";
/// The Swift module's C part (`uniffi.toml`).
const FFI_MODULE: &str = "HappyFoxFFI";

/// Where the bindings are written.
fn out_dir() -> PathBuf {
    crate::target_dir().join("bindings")
}

pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Builds the cdylib and writes `target/bindings/kotlin/` (UniFFI's `happyfox.kt` and the
/// pagers' extensions) and `target/bindings/swift/` (`HappyFox.swift`, the C header and
/// module map, and the Swift extensions).
pub fn build() -> Result<()> {
    let library = debug_library()?;
    let out = out_dir();
    if out.exists() {
        std::fs::remove_dir_all(&out).with_context(|| format!("clearing {}", out.display()))?;
    }
    for language in ["kotlin", "swift"] {
        generate(&library, language, &out.join(language))?;
    }
    eprintln!("wrote the Kotlin and Swift bindings to {}", out.display());
    Ok(())
}

/// Builds the cdylib (debug profile) and answers its path: what the bindings are generated
/// from (the sources depend on the code only, not on the profile or the linker).
pub fn debug_library() -> Result<PathBuf> {
    run(
        cargo()
            .args(["build", "--quiet", "--package", "happyfox-uniffi"])
            .current_dir(project_root()),
        "cargo build -p happyfox-uniffi",
    )?;
    Ok(crate::target_dir().join("debug").join(library_file()))
}

/// The cdylib's file name on this platform (`libhappyfox_uniffi.so` on Linux).
pub fn library_file() -> String {
    format!(
        "{}{LIBRARY}{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    )
}

/// Writes the `language` (`kotlin` or `swift`) sources of the built `library` into `out`:
/// uniffi-bindgen's, then the hand-written extensions beside them.
pub fn generate(library: &Path, language: &str, out: &Path) -> Result<()> {
    let root = project_root();
    run(
        cargo()
            .args([
                "run",
                "--quiet",
                "--package",
                "uniffi-bindgen",
                "--",
                "generate",
            ])
            .arg(library)
            .args(["--language", language, "--no-format", "--out-dir"])
            .arg(out)
            .current_dir(&root),
        &format!("uniffi-bindgen generate --language {language}"),
    )?;
    match language {
        "kotlin" => copy_sources(
            &root.join("bindings/uniffi/kotlin/happyfox"),
            &out.join("happyfox"),
            "kt",
        ),
        _ => copy_sources(
            &root.join("bindings/uniffi/swift/Sources/HappyFox"),
            out,
            "swift",
        ),
    }
}

/// `cargo xtask bindings-test`: the bindings, then the Kotlin and Swift steps of
/// `cargo xtask test` alone.
pub fn test() -> Result<()> {
    build()?;
    readme_kotlin()?;
    kotlin_test()?;
    swift_check()
}

/// Copies the files of `from` ending in `.ext` into `to`, except those `to` already has (a
/// generated file is never replaced by a stale copy beside the hand-written ones, such as
/// the `HappyFox.swift` the XCFramework script puts into the Swift package).
fn copy_sources(from: &Path, to: &Path, ext: &str) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for file in sources(from, ext)? {
        if let Some(name) = file.file_name()
            && !to.join(name).exists()
        {
            std::fs::copy(&file, to.join(name))
                .with_context(|| format!("copying {}", file.display()))?;
        }
    }
    Ok(())
}

/// The files of `dir` ending in `.ext`, sorted.
pub fn sources(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    Ok(files)
}

/// Whether this run is CI's (`CI=true`), where a missing tool fails instead of skipping.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| value == "true")
}

/// A tool the Kotlin run needs is missing: fails in CI, else says so loudly and skips.
fn unavailable(what: &str) -> Result<()> {
    if in_ci() {
        bail!("{what}; CI=true, so the Kotlin tests cannot be skipped");
    }
    eprintln!(
        "\n!!!!!!!!\n!!! SKIPPING THE KOTLIN TESTS: {what}.\n!!! (In CI, with CI=true, this fails.)\n!!!!!!!!\n"
    );
    Ok(())
}

/// kotlinc from npm, installed into `target/kotlin-compiler` when missing.
pub fn kotlinc() -> Option<PathBuf> {
    let prefix = crate::target_dir().join("kotlin-compiler");
    let kotlinc = prefix.join("node_modules/kotlin-compiler/bin/kotlinc");
    if !kotlinc.exists() {
        eprintln!("installing {KOTLIN_COMPILER} with npm into target/kotlin-compiler");
        let installed = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&prefix)
            .arg(KOTLIN_COMPILER)
            .status();
        if !installed.is_ok_and(|status| status.success()) {
            return None;
        }
    }
    kotlinc.exists().then_some(kotlinc)
}

/// Debian's JNA, installed with apt-get when missing.
pub fn jna() -> Option<PathBuf> {
    let jar = PathBuf::from(JNA);
    if !jar.exists() {
        eprintln!("installing Debian's libjna-java");
        let install = || {
            Command::new("apt-get")
                .args(["install", "-y", "libjna-java"])
                .status()
                .is_ok_and(|status| status.success())
        };
        if !install() {
            let _ = Command::new("apt-get").arg("update").status();
            install();
        }
    }
    jar.exists().then_some(jar)
}

/// Where kotlinc writes: a folder of classes, or a jar with the Kotlin runtime inside.
pub enum Output<'a> {
    Classes(&'a Path),
    JarWithRuntime(&'a Path),
}

/// Compiles `files` with `kotlinc` against `classpath`, failing with `what` named.
pub fn compile_kotlin(
    kotlinc: &Path,
    classpath: &[&Path],
    files: &[PathBuf],
    output: Output<'_>,
    what: &str,
) -> Result<()> {
    let mut command = Command::new(kotlinc);
    command
        .arg("-nowarn")
        .arg("-cp")
        .arg(std::env::join_paths(classpath)?)
        .args(files);
    match output {
        Output::Classes(dir) => command.arg("-d").arg(dir),
        Output::JarWithRuntime(jar) => command.args(["-include-runtime", "-d"]).arg(jar),
    };
    run(command.current_dir(project_root()), what)
}

/// Compiles the generated Kotlin, the extensions and the test program into one jar (one
/// kotlinc run), then runs it once against the in-process emulator.
pub fn kotlin_test() -> Result<()> {
    let root = project_root();
    let Some(jna) = jna() else {
        return unavailable(&format!("JNA ({JNA}) could not be installed with apt-get"));
    };
    if Command::new("java").arg("-version").output().is_err() {
        return unavailable("there is no `java` to run kotlinc and the tests with");
    }
    let Some(kotlinc) = kotlinc() else {
        return unavailable(&format!(
            "{KOTLIN_COMPILER} could not be installed with npm"
        ));
    };
    let mut files = sources(&out_dir().join("kotlin/happyfox"), "kt")?;
    files.extend(sources(&root.join("bindings/uniffi/kotlin/test"), "kt")?);
    let jar = out_dir().join("kotlin-test.jar");
    let started = Instant::now();
    compile_kotlin(
        &kotlinc,
        &[&jna],
        &files,
        Output::JarWithRuntime(&jar),
        "compiling the Kotlin bindings and tests with kotlinc",
    )?;
    eprintln!(
        "compiled {} Kotlin files in {:.0?}",
        files.len(),
        started.elapsed()
    );
    let classpath = std::env::join_paths([&jar, &jna])?;
    run(
        Command::new("java")
            .arg(format!(
                "-Djna.library.path={}",
                crate::target_dir().join("debug").display()
            ))
            .arg("-cp")
            .arg(classpath)
            .arg("HappyFoxTestKt")
            .current_dir(&root),
        "the Kotlin test program",
    )
}

/// The README's example in `language` (the fenced block starting with `first_line`).
fn readme_example(language: &str, first_line: &str) -> Result<String> {
    let readme = std::fs::read_to_string(project_root().join("README.md"))?;
    let fence = format!("```{language}\n{first_line}\n");
    let start = readme
        .find(&fence)
        .with_context(|| format!("README.md has no {language} example starting `{first_line}`"))?
        + fence.len();
    let end = readme[start..]
        .find("```")
        .map(|i| start + i)
        .context("README.md: unclosed code block")?;
    Ok(readme[start..end].to_owned())
}

/// Every line of the README's Swift example is in the XCTest that runs it (indentation aside;
/// the test adds assertions and turns `fatalError` into `XCTFail`), so the two stay one.
fn readme_swift_in_test(root: &Path, example: &str) -> Result<()> {
    let path = root.join("bindings/uniffi/swift/Tests/HappyFoxTests/ReadmeExampleTests.swift");
    let test =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let lines: std::collections::HashSet<&str> = test.lines().map(str::trim).collect();
    let missing: Vec<&str> = example
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.contains("fatalError"))
        .filter(|line| !lines.contains(line))
        .collect();
    if !missing.is_empty() {
        bail!(
            "README.md's Swift example and {} differ; lines of the README the test lacks:\n{}",
            path.display(),
            missing.join("\n")
        );
    }
    Ok(())
}

/// The README's Kotlin example, from its `import happyfox.*` line on.
pub fn readme_kotlin_example() -> Result<String> {
    Ok(format!(
        "import happyfox.*\n{}",
        readme_example("kotlin", "import happyfox.*")?
    ))
}

/// The README's Kotlin example is the Kotlin test program's first scenario (the body of
/// `readmeExample`), so it compiles and runs with the tests.
pub fn readme_kotlin() -> Result<()> {
    let path = project_root().join("bindings/uniffi/kotlin/test/HappyFoxTest.kt");
    let test = std::fs::read_to_string(&path)?;
    let open = "fun readmeExample() {\n";
    let start = test
        .find(open)
        .with_context(|| format!("{} has no `{open}`", path.display()))?
        + open.len();
    let end = test[start..]
        .find("\n}\n")
        .map(|i| start + i)
        .context("readmeExample is not closed")?;
    let body: Vec<&str> = test[start..end]
        .lines()
        .map(|line| line.strip_prefix("    ").unwrap_or(line))
        .collect();
    let example = readme_example("kotlin", "import happyfox.*")?;
    let shown: Vec<&str> = example.trim_start().lines().collect();
    if shown != body {
        bail!(
            "README.md's Kotlin example differs from readmeExample() in {}: keep them the same",
            path.display()
        );
    }
    Ok(())
}

/// The Swift sources, the README's Swift example and the Swift package's tests
/// (`bindings/uniffi/swift/Tests/`) parse (tree-sitter-swift, after stripping the blocks it
/// cannot read), a deliberately broken file does not, the C header compiles, and the
/// XCFramework script passes `bash -n`.
pub fn swift_check() -> Result<()> {
    /// The `.swift` files under `dir`, at any depth, sorted.
    fn swift_files_under(dir: &Path) -> Result<Vec<PathBuf>> {
        let mut files = Vec::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(dir) = pending.pop() {
            for entry in
                std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))?
            {
                let path = entry?.path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "swift") {
                    files.push(path);
                }
            }
        }
        files.sort();
        Ok(files)
    }

    let root = project_root();
    let python = venv_python()?;
    run(
        Command::new(&python)
            .args(["-m", "pip", "install", "--quiet"])
            .args(SWIFT_TOOLS),
        "installing tree-sitter-swift into target/python-venv",
    )?;
    let checker = root.join("xtask/src/swift_syntax.py");
    let swift = out_dir().join("swift");
    let mut files = sources(&swift, "swift")?;
    if files.is_empty() {
        bail!("no Swift sources in {}", swift.display());
    }
    let readme = out_dir().join("readme-example.swift");
    let example = readme_example("swift", "import HappyFox")?;
    std::fs::write(&readme, format!("import HappyFox\n{example}"))?;
    readme_swift_in_test(&root, &example)?;
    files.push(readme);
    let tests_dir = root.join("bindings/uniffi/swift/Tests");
    let tests = swift_files_under(&tests_dir)?;
    if tests.is_empty() {
        bail!("no Swift tests under {}", tests_dir.display());
    }
    files.extend(tests);
    run(
        Command::new(&python).arg(&checker).args(&files),
        "the Swift syntax check",
    )?;
    let broken = root.join("xtask/fixtures/swift/broken.swift");
    let output = Command::new(&python)
        .arg(&checker)
        .arg(&broken)
        .output()
        .context("running the Swift syntax check on the broken fixture")?;
    let report = String::from_utf8_lossy(&output.stdout);
    if output.status.success() || !report.contains("broken.swift:5:") {
        bail!(
            "the Swift syntax check did not flag line 5 of {}: {report}",
            broken.display()
        );
    }
    run(
        Command::new("gcc")
            .args(["-fsyntax-only", "-D_Nullable=", "-D_Nonnull=", "-x", "c"])
            .arg(swift.join(format!("{FFI_MODULE}.h"))),
        "gcc -fsyntax-only on the generated C header",
    )?;
    run(
        Command::new("bash")
            .arg("-n")
            .arg(root.join("bindings/uniffi/swift/scripts/build-xcframework.sh")),
        "bash -n on bindings/uniffi/swift/scripts/build-xcframework.sh",
    )
}
