//! `glossgen build` on broken fixtures: every problem is reported with its place, the exit code says failure,
//! and the previous output survives.

use crate::common::{self, build, site, snapshot, stderr};

/// Builds the valid site, breaks it with `case`, builds again, and returns the second build's stderr after
/// checking the exit code and that `public/` did not change.
fn failing_build(case: &str) -> String {
    let dir = site(None);
    assert!(build(dir.path(), &[]).status.success());
    let before = snapshot(&dir.path().join("public"));
    common::copy_tree(&common::fixtures().join(case), dir.path());
    let out = build(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{case}: expected exit code 1, stderr:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(before, snapshot(&dir.path().join("public")), "{case}: public/ changed");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("glossgen-"))
        // The lock file stays beside the output for the next build to lock.
        .filter(|e| !e.file_name().to_string_lossy().ends_with(".glossgen-lock"))
        .collect();
    assert!(leftovers.is_empty(), "{case}: staging folder left behind");
    err
}

#[test]
fn bad_yaml_points_at_the_line_in_the_md_file() {
    let err = failing_build("bad-yaml");
    assert!(err.contains("content/en/overfitting.md:3:"), "{err}");
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn unknown_key_suggests_the_known_one() {
    let err = failing_build("unknown-key");
    assert!(err.contains("content/en/overfitting.md:5:1: error: front-matter: unknown field `difficuly`"), "{err}");
    assert!(err.contains("did you mean `difficulty`?"), "{err}");
}

#[test]
fn unknown_related_id_is_located() {
    let err = failing_build("unknown-related");
    assert!(
        err.contains(
            "content/en/overfitting.md:7:5: error: related concept `open-wieghts-vs-open-source` does not exist"
        ),
        "{err}"
    );
    assert!(err.contains("did you mean `open-weights-vs-open-source`?"), "{err}");
}

#[test]
fn week_that_the_year_lacks_is_refused() {
    let err = failing_build("invalid-week");
    assert!(err.contains("content/en/overfitting.md:5:7: error: invalid `week`"), "{err}");
    assert!(err.contains("2027 has 52 ISO weeks"), "{err}");
}

#[test]
fn broken_body_link_points_at_its_line() {
    let err = failing_build("broken-link");
    assert!(err.contains("content/en/overfitting.md:8:"), "{err}");
    assert!(err.contains("no concept `regularisation` in `en`"), "{err}");
}

#[test]
fn missing_ui_string_names_key_and_language() {
    let err = failing_build("missing-i18n-key");
    assert!(err.contains("i18n/nl.toml: error: missing UI string `next` for language `nl`"), "{err}");
}

#[test]
fn missing_required_field_is_named() {
    let err = failing_build("missing-required-field");
    assert!(err.contains("content/nl/overfitting.md:"), "{err}");
    assert!(err.contains(": error: front-matter: missing field `summary`"), "{err}");
    assert!(err.contains("1 error,"), "a file with errors must not cause follow-up errors:\n{err}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let err = failing_build("several-errors");
    assert!(err.contains("content/en/overfitting.md:5:7"), "{err}");
    assert!(err.contains("content/nl/open-source-ai.md:4:11: error: related concept `bestaat-niet`"), "{err}");
    assert!(err.contains("content/nl/open-source-ai.md:7:"), "{err}");
    assert!(err.contains("3 errors"), "{err}");
}
