//! The JVM artifacts: `happyfox-<version>.jar` (the compiled Kotlin bindings and the native
//! library at JNA's resource path, `linux-x86-64/libhappyfox_uniffi.so`, so a program with
//! only the jar and JNA on its classpath runs), its `.pom` and its sources jar.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use super::{Release, copy, dist_dir, work_dir};
use crate::bindings::{
    Output, compile_kotlin, debug_library, generate, jna, kotlinc, library_file, sources,
};
use crate::python::run;

/// The Maven coordinates the pom gives the jar.
pub const GROUP_ID: &str = "io.github.happyfox-client";
pub const ARTIFACT_ID: &str = "happyfox";
/// The JNA release the bindings are tested with (Debian's `libjna-java`).
const JNA_VERSION: &str = "5.13.0";
/// The Kotlin standard library the classes are compiled against (kotlinc's own).
const KOTLIN_VERSION: &str = "2.4.20";

/// JNA's resource prefix for this machine (`linux-x86-64`, `darwin-aarch64`, ...).
pub fn jna_prefix() -> String {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    };
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x86-64",
        other => other,
    };
    format!("{os}-{arch}")
}

/// The jar's file name.
pub fn jar_name(release: &Release, classifier: &str) -> String {
    format!("{ARTIFACT_ID}-{}{classifier}.jar", release.version)
}

/// Builds the release cdylib, generates and compiles the Kotlin, and writes the jar, the
/// sources jar and the pom. `jna_libs` adds other platforms' libraries (`<os>-<arch>/`).
pub fn build(release: &Release, jna_libs: Option<&Path>) -> Result<()> {
    let (Some(kotlinc), Some(jna)) = (kotlinc(), jna()) else {
        bail!("the JVM jar needs kotlinc (npm's kotlin-compiler) and JNA (Debian's libjna-java)");
    };
    let built = super::native::build("happyfox-uniffi")?;
    let work = work_dir("jar")?;
    let library = built.join(library_file());
    // The sources come from the debug build's metadata: the release library linked for an
    // old glibc keeps no symbol table to read it from, and the sources are the same.
    let kotlin = work.join("kotlin");
    generate(&debug_library()?, "kotlin", &kotlin)?;
    let classes = work.join("classes");
    let files = sources(&kotlin.join("happyfox"), "kt")?;
    compile_kotlin(
        &kotlinc,
        &[&jna],
        &files,
        Output::Classes(&classes),
        "compiling the Kotlin bindings with kotlinc",
    )?;
    let native = classes.join(jna_prefix());
    std::fs::create_dir_all(&native)?;
    copy(&library, &native.join(library_file()))?;
    super::strip_symbols(&native.join(library_file()))?;
    if let Some(extra) = jna_libs {
        add_platform_libraries(extra, &classes)?;
    }
    let manifest = work.join("MANIFEST.MF");
    std::fs::write(
        &manifest,
        format!(
            "Implementation-Title: {ARTIFACT_ID}\nImplementation-Version: {}\n",
            release.version
        ),
    )?;
    let dist = dist_dir();
    jar(&[
        "--create",
        "--file",
        &path_text(&dist.join(jar_name(release, "")))?,
        "--manifest",
        &path_text(&manifest)?,
        "-C",
        &path_text(&classes)?,
        ".",
    ])?;
    jar(&[
        "--create",
        "--file",
        &path_text(&dist.join(jar_name(release, "-sources")))?,
        "-C",
        &path_text(&kotlin)?,
        ".",
    ])?;
    std::fs::write(
        dist.join(format!("{ARTIFACT_ID}-{}.pom", release.version)),
        pom(release),
    )?;
    Ok(())
}

/// Copies every `<os>-<arch>/` folder of `extra` (the release pipeline's other platforms)
/// beside this machine's library.
fn add_platform_libraries(extra: &Path, classes: &Path) -> Result<()> {
    let entries =
        std::fs::read_dir(extra).with_context(|| format!("reading {}", extra.display()))?;
    for entry in entries {
        let folder = entry?.path();
        let Some(prefix) = folder.file_name() else {
            continue;
        };
        if !folder.is_dir() {
            continue;
        }
        let into = classes.join(prefix);
        std::fs::create_dir_all(&into)?;
        for file in std::fs::read_dir(&folder)? {
            let file = file?.path();
            if let Some(name) = file.file_name() {
                copy(&file, &into.join(name))?;
            }
        }
    }
    Ok(())
}

/// The pom: the coordinates, the license and the two runtime dependencies.
fn pom(release: &Release) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>{GROUP_ID}</groupId>
  <artifactId>{ARTIFACT_ID}</artifactId>
  <version>{version}</version>
  <packaging>jar</packaging>
  <name>happyfox</name>
  <description>A client for the HappyFox help-desk API: Kotlin bindings over the Rust core, with the native library inside.</description>
  <url>https://github.com/happyfox-client/happyfox</url>
  <licenses>
    <license><name>MIT</name><url>https://opensource.org/licenses/MIT</url></license>
    <license><name>Apache-2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0</url></license>
  </licenses>
  <scm><url>https://github.com/happyfox-client/happyfox</url></scm>
  <dependencies>
    <dependency>
      <groupId>net.java.dev.jna</groupId>
      <artifactId>jna</artifactId>
      <version>{JNA_VERSION}</version>
    </dependency>
    <dependency>
      <groupId>org.jetbrains.kotlin</groupId>
      <artifactId>kotlin-stdlib</artifactId>
      <version>{KOTLIN_VERSION}</version>
    </dependency>
  </dependencies>
</project>
"#,
        version = release.version
    )
}

/// The JDK's `jar` tool.
fn jar(args: &[&str]) -> Result<()> {
    run(
        Command::new("jar").args(args),
        &format!("jar {}", args.join(" ")),
    )
}

fn path_text(path: &Path) -> Result<String> {
    path.to_str()
        .map(str::to_owned)
        .with_context(|| format!("{} is not UTF-8", path.display()))
}
