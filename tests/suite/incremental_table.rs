//! A table-driven check of incremental rebuilds: each kind of edit is a row of changes made before the first
//! build (so the edit has something to work on), then one or more saves, each rebuilt incrementally,
//! compared byte for byte with a full build and checked for what the rebuild did. The rows are in
//! `incremental_kinds.rs` (entries, in English and in Dutch) and `incremental_site_kinds.rs` (the bundled
//! glossary, templates, strings, settings, static files).

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

use glossgen::rebuild::{Outcome, Workspace};

use crate::common;
use crate::incremental::{mismatch, replace, workspace};

/// One change to the files of a site.
#[derive(Clone)]
pub(crate) enum Change {
    /// Replaces text, which must be there, in a file.
    Edit(String, String, String),
    /// Writes a file, creating its folder.
    Write(String, String),
    /// Deletes a file.
    Remove(String),
    /// Renames a file.
    Rename(String, String),
    /// Copies a file or folder of the repository (a theme) into the site.
    CopyFromRepo(String, String),
}

pub(crate) fn edit(file: &str, from: &str, to: &str) -> Change {
    Change::Edit(file.into(), from.into(), to.into())
}

pub(crate) fn write(file: &str, text: &str) -> Change {
    Change::Write(file.into(), text.into())
}

pub(crate) fn remove(file: &str) -> Change {
    Change::Remove(file.into())
}

pub(crate) fn rename(from: &str, to: &str) -> Change {
    Change::Rename(from.into(), to.into())
}

impl Change {
    fn apply(&self, root: &Path) {
        match self {
            Change::Edit(file, from, to) => replace(root, file, from, to),
            Change::Write(file, text) => {
                let path = root.join(file);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            }
            Change::Remove(file) => std::fs::remove_file(root.join(file)).unwrap(),
            Change::Rename(from, to) => std::fs::rename(root.join(from), root.join(to)).unwrap(),
            Change::CopyFromRepo(from, to) => {
                common::copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join(from), &root.join(to))
            }
        }
    }

    /// The paths a file watcher reports for the change.
    fn saved(&self) -> Vec<&str> {
        match self {
            Change::Edit(file, ..) | Change::Write(file, _) | Change::Remove(file) => vec![file],
            Change::Rename(from, to) => vec![from, to],
            Change::CopyFromRepo(_, to) => vec![to],
        }
    }
}

/// Something a rebuild must have done, besides matching a full build.
pub(crate) enum Check {
    /// It reported exactly this.
    Reports(Outcome),
    /// It changed this file (the outcome lists the changed files).
    Changes(&'static str),
    /// It changed no file below this prefix (the outcome lists the changed files).
    Keeps(&'static str),
    /// The site has this file.
    Exists(&'static str),
    /// The site no longer has this file.
    Gone(&'static str),
    /// Some file of the site contains this text.
    Shows(String),
    /// No file of the site contains this text.
    Hides(String),
}

impl Check {
    fn verify(&self, ws: &Workspace, outcome: &Outcome) -> Result<(), String> {
        let changed = || match outcome {
            Outcome::Pages(pages) => Ok(pages),
            other => Err(format!("expected a list of changed pages, got {other:?}")),
        };
        let ok = match self {
            Check::Reports(expected) => outcome == expected,
            Check::Changes(page) => changed()?.iter().any(|p| p == page),
            Check::Keeps(prefix) => !changed()?.iter().any(|p| p.starts_with(prefix)),
            Check::Exists(path) => ws.files().contains_key(path),
            Check::Gone(path) => !ws.files().contains_key(path),
            Check::Shows(text) => shows(ws, text),
            Check::Hides(text) => !shows(ws, text),
        };
        let what = match self {
            Check::Reports(expected) => format!("the rebuild should report {expected:?}"),
            Check::Changes(page) => format!("{page} should change"),
            Check::Keeps(prefix) => format!("no file below {prefix} should change"),
            Check::Exists(path) => format!("{path} should exist"),
            Check::Gone(path) => format!("{path} should be gone"),
            Check::Shows(text) => format!("some page should show {text:?}"),
            Check::Hides(text) => format!("no page should show {text:?}"),
        };
        if ok { Ok(()) } else { Err(format!("{what}; the rebuild reported {outcome:?}")) }
    }
}

fn shows(ws: &Workspace, text: &str) -> bool {
    ws.files().values().any(|bytes| bytes.windows(text.len()).any(|w| w == text.as_bytes()))
}

/// One kind of edit.
pub(crate) struct Kind {
    name: String,
    bundled: bool,
    setup: Vec<Change>,
    /// Each save: its changes, and the checks on its rebuild.
    steps: Vec<(Vec<Change>, Vec<Check>)>,
}

impl Kind {
    /// A kind of edit of the valid fixture site.
    pub(crate) fn new(name: &str) -> Self {
        Kind { name: name.to_string(), bundled: false, setup: Vec::new(), steps: Vec::new() }
    }

    /// Works on the bundled glossary instead of the fixture.
    pub(crate) fn bundled(mut self) -> Self {
        self.bundled = true;
        self
    }

    /// Changes made before the first build.
    pub(crate) fn setup(mut self, changes: Vec<Change>) -> Self {
        self.setup.extend(changes);
        self
    }

    /// One save of these changes, rebuilt and compared with a full build.
    pub(crate) fn step(mut self, changes: Vec<Change>) -> Self {
        self.steps.push((changes, Vec::new()));
        self
    }

    /// A check on the rebuild of the save before.
    pub(crate) fn check(mut self, check: Check) -> Self {
        self.steps.last_mut().expect("a check follows a save").1.push(check);
        self
    }

    fn run(&self) -> Result<(), String> {
        let dir = if self.bundled { common::bundled_site() } else { common::site(None) };
        let root = dir.path();
        for change in &self.setup {
            change.apply(root);
        }
        let mut ws = workspace(root);
        for (n, (changes, checks)) in self.steps.iter().enumerate() {
            for change in changes {
                change.apply(root);
            }
            let mut saved: Vec<PathBuf> = changes.iter().flat_map(Change::saved).map(|p| root.join(p)).collect();
            saved.sort();
            saved.dedup();
            let outcome =
                ws.rebuild(&saved).map_err(|report| format!("save {}: the rebuild failed:\n{report}", n + 1))?;
            if let Some(differences) = mismatch(&ws, root) {
                return Err(format!("save {}: {differences}", n + 1));
            }
            for check in checks {
                check.verify(&ws, &outcome).map_err(|why| format!("save {}: {why}", n + 1))?;
            }
        }
        Ok(())
    }
}

/// Runs every kind, each on its own copy of its site, and fails with the list of those that went wrong (all
/// of them, so one mismatch does not hide the next).
pub(crate) fn run_all(kinds: Vec<Kind>) {
    assert!(kinds.iter().all(|k| !k.steps.is_empty()), "every kind saves something");
    let mut failures = Vec::new();
    for kind in &kinds {
        let failure = match std::panic::catch_unwind(AssertUnwindSafe(|| kind.run())) {
            Ok(Ok(())) => continue,
            Ok(Err(why)) => why,
            Err(panic) => panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default(),
        };
        failures.push(format!("{}: {failure}", kind.name));
    }
    assert!(
        failures.is_empty(),
        "{} of {} kinds of edit went wrong:\n\n{}",
        failures.len(),
        kinds.len(),
        failures.join("\n\n")
    );
}

#[test]
fn a_kind_that_goes_wrong_is_reported_with_its_name_and_why() {
    let kinds = vec![
        Kind::new("a page that never comes")
            .step(vec![edit("content/en/overfitting.md", "Too close a fit.", "Far too close a fit.")])
            .check(Check::Exists("en/no-such-page/index.html")),
        Kind::new("a clean one").step(vec![edit(
            "content/en/overfitting.md",
            "Too close a fit.",
            "Far too close a fit.",
        )]),
    ];
    let panic = std::panic::catch_unwind(AssertUnwindSafe(|| run_all(kinds))).expect_err("one kind fails");
    let message = panic.downcast_ref::<String>().unwrap();
    assert!(message.starts_with("1 of 2 kinds of edit went wrong"), "{message}");
    assert!(message.contains("a page that never comes: save 1: en/no-such-page/index.html should exist"), "{message}");
    assert!(!message.contains("a clean one"), "{message}");
}
