//! The write stage: pages go into a staging folder beside the output, which replaces the output only when the
//! whole build succeeded (see [`staging`]).
//!
//! A failed build therefore leaves the previous `public/` exactly as it was. Writing goes through the
//! [`Sink`] trait so the render stage can also write into memory (tests, the dev server).

mod lock;
mod staging;

pub use lock::{OutputLock, Waiting};
pub use staging::Staging;

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The file glossgen leaves in an output folder it created, so it knows the folder is its own to replace.
pub const MARKER: &str = ".glossgen";

pub use crate::render::pages::Sink;

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
    /// Set when the folder holds an earlier build that is being overwritten: the paths written so far, so that
    /// what this build did not write can be removed at the end.
    written: Option<Arc<Mutex<HashSet<PathBuf>>>>,
}

impl DirSink {
    /// A sink writing below `root`, which is empty or does not exist yet.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DirSink { root: root.into(), written: None }
    }

    /// A sink overwriting an earlier build in `root`, recording every path into `written`.
    fn overwriting(root: PathBuf, written: Arc<Mutex<HashSet<PathBuf>>>) -> Self {
        DirSink { root, written: Some(written) }
    }
}

impl Sink for DirSink {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let relative = safe_relative(path)?;
        let target = self.root.join(relative);
        if let Some(written) = &self.written {
            written.lock().map_err(|_| io::Error::other("a writer thread panicked"))?.insert(relative.to_path_buf());
        }
        if let Some(parent) = target.parent() {
            // Most pages get a folder of their own whose parent exists: one `mkdir` instead of
            // `create_dir_all`'s look-first.
            match std::fs::create_dir(parent) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(_) => std::fs::create_dir_all(parent)?,
            }
        }
        if self.written.is_none() {
            return std::fs::write(&target, bytes);
        }
        match staging::overwrite(&target, bytes) {
            // An earlier build may have left a folder where this one writes a file, or a file where it needs
            // a folder.
            Err(_) => {
                staging::clear_way(&self.root, relative)?;
                staging::overwrite(&target, bytes)
            }
            Ok(()) => Ok(()),
        }
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
    let refuse = |why: &str| {
        Err(crate::Diagnostic::error(output, format!("refusing to write the site to {}: {why}", output.display()))
            .hint("choose another --output-dir (or output_dir in site.toml)"))
    };
    // Only a folder is replaced: a file, a link, a FIFO or a device in its place is left alone.
    if let Ok(meta) = std::fs::symlink_metadata(output)
        && !meta.is_dir()
    {
        return refuse(&format!("it is {}, not a folder", kind_of(&meta)));
    }
    let (root, out) = (absolute(root), absolute(output));
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

pub use crate::theme::kind_of;

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
}
