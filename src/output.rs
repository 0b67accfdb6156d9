//! The write stage: pages go into a fresh staging folder beside the output, which replaces the output only
//! when the whole build succeeded.
//!
//! A failed build therefore leaves the previous `public/` exactly as it was. Writing goes through the
//! [`Sink`] trait so the render stage can also write into memory (tests, the dev server).

use std::collections::HashMap;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The file glossgen leaves in an output folder it created, so it knows the folder is its own to replace.
pub const MARKER: &str = ".glossgen";

/// Somewhere rendered files go.
pub trait Sink: Sync {
    /// Stores `bytes` at `path` (relative, `/`-separated, e.g. `en/overfitting/index.html`).
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()>;
}

/// Refuses paths that are absolute or climb out of the output (`..`), whatever produced them.
pub fn safe_relative(path: &str) -> io::Result<&Path> {
    let p = Path::new(path);
    let ok = !path.is_empty() && !path.contains('\\') && p.components().all(|c| matches!(c, Component::Normal(_)));
    if ok {
        Ok(p)
    } else {
        Err(io::Error::new(io::ErrorKind::InvalidInput, format!("refusing to write outside the output: {path:?}")))
    }
}

/// Writes into a folder on disk.
pub struct DirSink {
    root: PathBuf,
}

impl DirSink {
    /// A sink writing below `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DirSink { root: root.into() }
    }
}

impl Sink for DirSink {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let target = self.root.join(safe_relative(path)?);
        if let Some(parent) = target.parent() {
            // Most pages get a folder of their own whose parent exists: one `mkdir` instead of
            // `create_dir_all`'s look-first (the staging folder is new, so nothing is there yet).
            match std::fs::create_dir(parent) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(_) => std::fs::create_dir_all(parent)?,
            }
        }
        std::fs::write(target, bytes)
    }
}

/// Keeps files in memory, for tests and for serving without touching the disk.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<HashMap<String, Arc<[u8]>>>,
}

impl MemorySink {
    /// The files written so far.
    pub fn into_files(self) -> HashMap<String, Arc<[u8]>> {
        self.files.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        safe_relative(path)?;
        let mut files = self.files.lock().map_err(|_| io::Error::other("a writer thread panicked"))?;
        files.insert(path.to_string(), Arc::from(bytes));
        Ok(())
    }
}

/// Refuses output folders a build must never replace: the site itself, a folder of its sources, a folder that
/// contains the site, or an existing non-empty folder that glossgen did not create (unless `force`).
pub fn check_output_dir(root: &Path, output: &Path, force: bool) -> Result<(), crate::Diagnostic> {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
        // Resolve what exists (symbolic links, `..`) so two spellings of one folder compare equal.
        let mut existing = p.as_path();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                _ => break,
            }
        }
        let mut resolved = existing.canonicalize().unwrap_or_else(|_| existing.to_path_buf());
        for name in rest.iter().rev() {
            resolved.push(name);
        }
        resolved
    };
    let (root, out) = (absolute(root), absolute(output));
    let refuse = |why: &str| {
        Err(crate::Diagnostic::error(output, format!("refusing to write the site to {}: {why}", output.display()))
            .hint("choose another --output-dir (or output_dir in site.toml)"))
    };
    if out == root {
        return refuse("it is the site folder itself");
    }
    if root.starts_with(&out) {
        return refuse("it contains the site");
    }
    for source in ["content", "themes", "i18n", "static", "templates"] {
        if out.starts_with(root.join(source)) {
            return refuse(&format!("it is inside the site's {source}/ folder"));
        }
    }
    let non_empty = std::fs::read_dir(&out).map(|mut d| d.next().is_some()).unwrap_or(false);
    if non_empty && !out.join(MARKER).exists() && !force {
        return refuse("it already holds files that glossgen did not write (use --force to replace them)");
    }
    Ok(())
}

/// A build's output folder under construction, beside the real one.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
}

impl Staging {
    /// Creates an empty staging folder for `output` (removing a leftover one from an interrupted build).
    pub fn create(output: &Path) -> io::Result<Self> {
        let name = output.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
        let parent = output.parent().map(Path::to_path_buf).unwrap_or_default();
        let staging = parent.join(format!(".{name}.glossgen-new"));
        if staging.exists() {
            // Left over from an interrupted build; only ever remove a folder glossgen made.
            if !staging.join(MARKER).exists() {
                return Err(io::Error::other(format!("{} exists and was not made by glossgen", staging.display())));
            }
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging)?;
        std::fs::write(staging.join(MARKER), b"This folder was written by glossgen; it is replaced on every build.\n")?;
        Ok(Staging { output: output.to_path_buf(), staging })
    }

    /// Where pages are written until [`Staging::commit`].
    pub fn sink(&self) -> DirSink {
        DirSink::new(&self.staging)
    }

    /// Replaces the output with the staging folder.
    pub fn commit(self) -> io::Result<()> {
        let name = self.output.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
        let old = self.output.with_file_name(format!(".{name}.glossgen-old"));
        if old.exists() {
            if !old.join(MARKER).exists() {
                return Err(io::Error::other(format!("{} exists and was not made by glossgen", old.display())));
            }
            std::fs::remove_dir_all(&old)?;
        }
        if self.output.exists() {
            std::fs::rename(&self.output, &old)?;
        }
        std::fs::rename(&self.staging, &self.output)?;
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        Ok(())
    }

    /// Removes the staging folder after a failed build; the output is untouched.
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.staging);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_escape() {
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\\..\\b", "./a"] {
            assert!(safe_relative(bad).is_err(), "{bad}");
        }
        assert!(safe_relative("en/a/index.html").is_ok());
    }

    #[test]
    fn commit_replaces_and_abandon_keeps() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("old.html"), "old").unwrap();

        let staging = Staging::create(&out).unwrap();
        staging.sink().write("new.html", b"new").unwrap();
        staging.abandon();
        assert!(out.join("old.html").exists());

        let staging = Staging::create(&out).unwrap();
        staging.sink().write("en/new.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(std::fs::read_to_string(out.join("en/new.html")).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
