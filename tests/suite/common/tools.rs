//! External checkers the tests use: the W3C Nu HTML Checker (`vnu-jar`) and axe-core, installed from npm by
//! `.ci/run` into `target/test-tools/`. Where they are missing the tests that need them say they are skipped,
//! unless `GLOSSGEN_REQUIRE_BROWSER=1` (set by CI) makes them fail.

use std::path::PathBuf;

/// The path of an installed npm package file, or `None` (after saying so) when it is not installed.
pub fn npm_file(relative: &str) -> Option<PathBuf> {
    let root = std::env::var_os("GLOSSGEN_TEST_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-tools"));
    let path = root.join("node_modules").join(relative);
    if path.exists() {
        return Some(path);
    }
    assert!(std::env::var("GLOSSGEN_REQUIRE_BROWSER").is_err(), "{} is required but missing", path.display());
    eprintln!("skipped: {} is not installed (see .ci/run)", path.display());
    None
}

/// A program on the PATH the tests need (`python3`, `node`): its name if it runs, else `None` after saying
/// so; with `GLOSSGEN_REQUIRE_BROWSER` set (as `.ci/run` does) a missing program fails the test instead.
pub fn program(name: &str) -> Option<&str> {
    let runs = std::process::Command::new(name).arg("--version").output().is_ok_and(|o| o.status.success());
    if runs {
        return Some(name);
    }
    assert!(std::env::var("GLOSSGEN_REQUIRE_BROWSER").is_err(), "{name} is required but missing");
    eprintln!("skipped: {name} is not installed (see .ci/run)");
    None
}

/// A command that runs Python with `module` importable: from the system, or from the packages `.ci/run`
/// installs into `target/test-tools/python`; `None` (after saying so) when neither has it, which fails
/// the test under `GLOSSGEN_REQUIRE_BROWSER`.
pub fn python_with(module: &str) -> Option<std::process::Command> {
    let python = program("python3")?;
    let root = std::env::var_os("GLOSSGEN_TEST_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-tools"));
    let command = || {
        let mut c = std::process::Command::new(python);
        c.env("PYTHONPATH", root.join("python"));
        c
    };
    let found = command().args(["-c", &format!("import {module}")]).output().is_ok_and(|o| o.status.success());
    if found {
        return Some(command());
    }
    assert!(std::env::var("GLOSSGEN_REQUIRE_BROWSER").is_err(), "the Python module {module} is required but missing");
    eprintln!("skipped: the Python module {module} is not installed (see .ci/run)");
    None
}
