//! `cargo xtask dist --check`: each artifact as its users meet it. The wheel installs into a
//! fresh venv whose `PATH` has no cargo or rustc and runs the Python README's quick start,
//! and `auditwheel` finds a manylinux tag at or below 2_28; the sdist builds a wheel from
//! itself; a Kotlin program with only the jar and JNA on its classpath runs the README's
//! Kotlin example; the CLI archive, unpacked into an empty folder, answers `--version`, runs
//! the demo and its bash completions load; each `.crate` holds its README and licenses.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result, bail};

use super::{Release, command_output, dist_dir, work_dir};
use crate::project_root;
use crate::python::{pip_install, run, venv_python, venv_python_in};

/// The wheel checker, pinned.
const AUDITWHEEL: &str = "auditwheel==6.8.2";
/// The newest manylinux glibc a wheel may need (`manylinux_2_28`).
const NEWEST_GLIBC_MINOR: u32 = 28;

/// The wheel and the sdist of `release` in `<target>/dist/`.
pub fn python_artifacts(release: &Release) -> Result<Vec<PathBuf>> {
    let prefix = format!("happyfox-{}", release.version);
    let mut found: Vec<PathBuf> = std::fs::read_dir(dist_dir())?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.file_name().is_some_and(|name| {
                let name = name.to_string_lossy();
                name.starts_with(&prefix)
                    && (name.ends_with(".whl") || name.ends_with(".tar.gz"))
                    && !name.contains("-unknown-")
            })
        })
        .collect();
    found.sort();
    Ok(found)
}

fn wheel_file(release: &Release) -> Result<PathBuf> {
    python_artifacts(release)?
        .into_iter()
        .find(|path| path.extension().is_some_and(|ext| ext == "whl"))
        .context("no wheel in the dist folder: run `cargo xtask dist wheel` first")
}

fn sdist_file(release: &Release) -> Result<PathBuf> {
    python_artifacts(release)?
        .into_iter()
        .find(|path| path.to_string_lossy().ends_with(".tar.gz"))
        .context("no sdist in the dist folder: run `cargo xtask dist wheel` first")
}

/// The wheel: its manylinux tag, a toolchain-free install, the quick start; the sdist
/// builds.
pub fn wheel(release: &Release) -> Result<()> {
    let wheel = wheel_file(release)?;
    let python = venv_python()?;
    pip_install(&python, &[AUDITWHEEL], "auditwheel into target/python-venv")?;
    let shown = command_output(
        Command::new(&python)
            .args(["-m", "auditwheel", "show"])
            .arg(&wheel),
        "auditwheel show",
    )?;
    let minor = manylinux_minor(&shown)
        .with_context(|| format!("auditwheel names no manylinux tag: {shown}"))?;
    if minor > NEWEST_GLIBC_MINOR {
        bail!("the wheel needs manylinux_2_{minor}, newer than 2_{NEWEST_GLIBC_MINOR}: {shown}");
    }
    eprintln!("auditwheel: the wheel is manylinux_2_{minor}");

    let work = work_dir("check-wheel")?;
    let venv = work.join("venv");
    let fresh = venv_python_in(&venv)?;
    let path = "/usr/bin:/bin";
    for tool in ["cargo", "rustc"] {
        if std::env::split_paths(path).any(|dir| dir.join(tool).exists()) {
            bail!(
                "`{tool}` is on {path}: the install would not prove the wheel needs no toolchain"
            );
        }
    }
    let clean = |command: &mut Command| {
        command
            .env_clear()
            .env("HOME", &work)
            .env("PATH", path)
            .current_dir(&work);
    };
    let mut install = Command::new(&fresh);
    install
        .args(["-m", "pip", "install", "--quiet", "--no-index"])
        .arg(&wheel);
    clean(&mut install);
    run(
        &mut install,
        "pip install <wheel> in a venv without cargo or rustc",
    )?;

    let quick_start = work.join("quick_start.py");
    let readme = std::fs::read_to_string(project_root().join("bindings/python/README.md"))?;
    std::fs::write(&quick_start, python_quick_start(&readme)?)?;
    let mut example = Command::new(&fresh);
    example.arg(&quick_start);
    clean(&mut example);
    run(
        &mut example,
        "the Python README's quick start from the installed wheel",
    )?;
    let mut version = Command::new(&fresh);
    version.args(["-c", "import happyfox; print(happyfox.__version__)"]);
    clean(&mut version);
    let installed = command_output(&mut version, "happyfox.__version__")?;
    if installed.trim() != release.version {
        bail!(
            "the wheel's happyfox.__version__ is {installed:?}, not {}",
            release.version
        );
    }

    // The sdist builds a wheel from itself (the debug profile and the workspace's target
    // directory, so the dependencies' builds are reused).
    let sdist = sdist_file(release)?;
    let built = work.join("from-sdist");
    run(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "wheel",
                "--quiet",
                "--no-deps",
                "--no-build-isolation",
                "-w",
            ])
            .arg(&built)
            .arg(&sdist)
            .env("MATURIN_PEP517_ARGS", "--profile dev")
            .env("CARGO_TARGET_DIR", crate::target_dir())
            .env(
                "PATH",
                crate::python::with_venv_on_path(&crate::target_dir().join("python-venv")),
            ),
        "pip wheel <sdist> (the sdist builds from itself)",
    )?;
    let wheels = std::fs::read_dir(&built)?.count();
    if wheels != 1 {
        bail!(
            "building the sdist left {wheels} files in {}, not one wheel",
            built.display()
        );
    }
    Ok(())
}

/// The glibc minor version of the manylinux tag auditwheel reports.
fn manylinux_minor(report: &str) -> Option<u32> {
    let at = report.find("manylinux_2_")? + "manylinux_2_".len();
    let digits: String = report[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The first ```python block after `## Quick start` in the Python README.
fn python_quick_start(readme: &str) -> Result<String> {
    let section = readme
        .find("## Quick start")
        .context("bindings/python/README.md has no `## Quick start`")?;
    let fence = "```python\n";
    let start = readme[section..]
        .find(fence)
        .map(|i| section + i + fence.len())
        .context("the quick start has no Python block")?;
    let end = readme[start..]
        .find("```")
        .map(|i| start + i)
        .context("the quick start's Python block is not closed")?;
    Ok(readme[start..end].to_owned())
}

/// The jar: what it holds, then a Kotlin program compiled and run with a classpath of only
/// the jar and JNA (no `jna.library.path`) runs the README's Kotlin example.
pub fn jar(release: &Release) -> Result<()> {
    let dist = dist_dir();
    let jar = dist.join(super::jar::jar_name(release, ""));
    let listing = command_output(Command::new("jar").arg("tf").arg(&jar), "jar tf")?;
    let native = format!(
        "{}/{}",
        super::jar::jna_prefix(),
        crate::bindings::library_file()
    );
    for entry in [
        native.as_str(),
        "happyfox/HappyFoxClient.class",
        "META-INF/MANIFEST.MF",
    ] {
        if !listing.lines().any(|line| line == entry) {
            bail!("{} lacks {entry}", jar.display());
        }
    }
    let pom = std::fs::read_to_string(dist.join(format!("happyfox-{}.pom", release.version)))?;
    if !pom.contains("<artifactId>jna</artifactId>") {
        bail!("the pom does not name JNA");
    }
    let (Some(kotlinc), Some(jna)) = (crate::bindings::kotlinc(), crate::bindings::jna()) else {
        bail!("checking the jar needs kotlinc and JNA");
    };
    let work = work_dir("check-jar")?;
    run(
        Command::new("jar")
            .arg("xf")
            .arg(&jar)
            .arg(&native)
            .current_dir(&work),
        "jar xf (the native library)",
    )?;
    super::native::check_glibc(&work.join(&native))?;
    let program = work.join("ReadmeExample.kt");
    std::fs::write(
        &program,
        kotlin_program(&crate::bindings::readme_kotlin_example()?)?,
    )?;
    let example = work.join("example.jar");
    crate::bindings::compile_kotlin(
        &kotlinc,
        &[&jar, &jna],
        std::slice::from_ref(&program),
        crate::bindings::Output::JarWithRuntime(&example),
        "compiling the README's Kotlin example against the jar",
    )?;
    let classpath = std::env::join_paths([&example, &jar, &jna])?;
    run(
        Command::new("java")
            .arg("-cp")
            .arg(classpath)
            .arg("ReadmeExampleKt")
            .env_remove("LD_LIBRARY_PATH")
            .current_dir(&work),
        "the README's Kotlin example with only the jar and JNA",
    )
}

/// The README's Kotlin example (imports, then statements) as a program.
fn kotlin_program(example: &str) -> Result<String> {
    let (imports, body): (Vec<&str>, Vec<&str>) = example
        .lines()
        .partition(|line| line.starts_with("import "));
    if imports.is_empty() {
        bail!("the README's Kotlin example has no imports");
    }
    Ok(format!(
        "{}\n\nfun main() {{\n{}\n}}\n",
        imports.join("\n"),
        body.join("\n")
    ))
}

/// The CLI archive, unpacked into an empty folder: `--version`, the demo, the completions.
pub fn cli(release: &Release) -> Result<()> {
    let work = work_dir("check-cli")?;
    run(
        Command::new("tar")
            .arg("-xzf")
            .arg(super::cli_archive::archive(release))
            .arg("-C")
            .arg(&work),
        "unpacking the CLI archive",
    )?;
    let folder = work.join(super::cli_archive::stem(release));
    for file in [
        "README.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "CHANGELOG.md",
        "man/man1/happyfox.1",
    ] {
        if !folder.join(file).is_file() {
            bail!("the CLI archive lacks {file}");
        }
    }
    let binary = folder.join(super::cli_archive::binary_name());
    super::native::check_glibc(&binary)?;
    let version = command_output(Command::new(&binary).arg("--version"), "happyfox --version")?;
    if !version.contains(&release.version) || !version.contains("commit") {
        bail!("happyfox --version printed {version:?}");
    }
    run(
        Command::new(&binary).arg("demo").current_dir(&work),
        "happyfox demo from the archive",
    )?;
    let script = format!(
        "source '{}' && complete -p happyfox",
        folder.join("completions/happyfox.bash").display()
    );
    let completion = command_output(
        Command::new("bash").args(["-c", &script]),
        "bash completions",
    )?;
    if !completion.contains("happyfox") {
        bail!("the bash completions did not register: {completion:?}");
    }
    eprintln!("{}: {}", binary.display(), version.trim());
    Ok(())
}

/// Each packaged crate holds its manifest, README and both license files.
pub fn crates(release: &Release) -> Result<()> {
    for name in super::crates::PUBLISHED {
        let file = super::crates::packaged(name, release);
        let listing = command_output(Command::new("tar").arg("-tzf").arg(&file), "tar -tzf")?;
        let root = format!("{name}-{}/", release.version);
        for member in ["Cargo.toml", "README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
            let entry = format!("{root}{member}");
            if !listing.lines().any(|line| line == entry) {
                bail!("{} lacks {member}", file.display());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manylinux_minor_is_read_from_auditwheel() {
        let report = "happyfox-0.1.0-cp310-abi3-manylinux_2_17_x86_64.whl is consistent with\nthe following platform tag: \"manylinux_2_17_x86_64\".";
        assert_eq!(manylinux_minor(report), Some(17));
        assert_eq!(manylinux_minor("linux_x86_64"), None);
    }

    #[test]
    fn the_kotlin_example_becomes_a_program() {
        let program = kotlin_program("import happyfox.*\n\nprintln(1)").unwrap();
        assert_eq!(
            program,
            "import happyfox.*\n\nfun main() {\n\nprintln(1)\n}\n"
        );
    }
}
