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
