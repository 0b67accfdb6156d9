//! Where a build writes before it replaces the output: a staging folder beside it, swapped in by renaming
//! once everything is written.
//!
//! The previous output is not deleted: it stays beside the new one as a spare (`.public.glossgen-old`), and
//! the next build writes over it instead of into a new folder. Overwriting files costs far less than deleting
//! tens of thousands of files and creating them again: at 10,000 concepts the delete alone took seconds, and
//! on ext4 without a journal every file created in the minutes after a large delete first walks past the
//! freed inodes, so each rebuild was slower than the one before. Whatever the earlier build had that this
//! one does not write is removed before the swap, so the output holds exactly this build's files.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::{DirSink, MARKER};

/// Threads listing an earlier build's folders at once.
const SURVEYORS: usize = 16;

const MARKER_TEXT: &[u8] = b"This folder was written by glossgen; it is replaced on every build.\n";

/// A build's output folder under construction, beside the real one.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    /// Set when the staging folder holds an earlier build that this one overwrites.
    earlier: Option<Earlier>,
}

/// What an earlier build left in the staging folder, and what this build wrote over it.
struct Earlier {
    /// Its files (relative paths), listed before writing began.
    files: Vec<PathBuf>,
    /// Its folders (relative paths).
    folders: Vec<PathBuf>,
    /// Every path this build wrote.
    written: Arc<Mutex<HashSet<PathBuf>>>,
}

impl Staging {
    /// Prepares the staging folder for `output`: the one an interrupted build left, else the spare the last
    /// build kept, else a new one. Only folders glossgen made (they hold its marker file) are reused.
    pub fn create(output: &Path) -> io::Result<Self> {
        let (staging, spare) = (sibling(output, "new"), sibling(output, "old"));
        // Anything in the spare's place that glossgen did not make would stop the swap at the end: refuse now,
        // before anything is written.
        if exists(&spare) && !is_ours(&spare) {
            return Err(not_ours(&spare));
        }
        let reuse = if exists(&staging) {
            if !is_ours(&staging) {
                return Err(not_ours(&staging));
            }
            true
        } else if is_ours(&spare) {
            std::fs::rename(&spare, &staging)?;
            true
        } else {
            std::fs::create_dir_all(&staging)?;
            false
        };
        let earlier = if reuse {
            // Like reading entries, listing folders waits on the disk when the spare is not in the page cache
            // (a rebuild the next morning): many reads in flight, in a wider pool.
            let list = || survey(&staging, Path::new(""));
            let (files, folders) = match rayon::ThreadPoolBuilder::new().num_threads(SURVEYORS).build() {
                Ok(pool) => pool.install(list)?,
                Err(_) => list()?,
            };
            Some(Earlier { files, folders, written: Arc::default() })
        } else {
            None
        };
        std::fs::write(staging.join(MARKER), MARKER_TEXT)?;
        Ok(Staging { output: output.to_path_buf(), staging, earlier })
    }

    /// Where pages are written until [`Staging::commit`].
    pub fn sink(&self) -> DirSink {
        match &self.earlier {
            Some(earlier) => DirSink::overwriting(self.staging.clone(), Arc::clone(&earlier.written)),
            None => DirSink::new(&self.staging),
        }
    }

    /// Removes what only the earlier build had, swaps the staging folder in, and keeps the previous output
    /// as the spare for the next build.
    pub fn commit(self) -> io::Result<()> {
        if let Some(earlier) = &self.earlier {
            earlier.remove_unwritten(&self.staging)?;
        }
        let spare = sibling(&self.output, "old");
        if exists(&spare) {
            if !is_ours(&spare) {
                return Err(not_ours(&spare));
            }
            std::fs::remove_dir_all(&spare)?;
        }
        let previous_is_ours = is_ours(&self.output);
        let had_output = exists(&self.output);
        if had_output {
            std::fs::rename(&self.output, &spare)?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.output) {
            // Put the previous output back, so the message that it was left as it was stays true.
            if had_output {
                std::fs::rename(&spare, &self.output)?;
            }
            return Err(e);
        }
        if !previous_is_ours && exists(&spare) {
            // A folder glossgen did not make (replaced with --force) is not kept for reuse.
            std::fs::remove_dir_all(&spare)?;
        }
        Ok(())
    }

    /// After a failed build: the output is untouched; the staging folder becomes the spare (or goes, if
    /// there is one already).
    pub fn abandon(self) {
        let spare = sibling(&self.output, "old");
        if exists(&spare) || std::fs::rename(&self.staging, &spare).is_err() {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

impl Earlier {
    /// Removes the files and folders this build did not write. A write may have replaced a file with a
    /// folder or the other way round, so each is removed only if it is still what it was.
    fn remove_unwritten(&self, root: &Path) -> io::Result<()> {
        let written = self.written.lock().map_err(|_| io::Error::other("a writer thread panicked"))?;
        let marker = Path::new(MARKER);
        self.files
            .par_iter()
            .filter(|file| file.as_path() != marker && !written.contains(file.as_path()))
            .try_for_each(|file| remove_if(&root.join(file), false))?;
        let needed: HashSet<&Path> = written.iter().flat_map(|path| path.ancestors().skip(1)).collect();
        let mut stale: Vec<&PathBuf> = self.folders.iter().filter(|f| !needed.contains(f.as_path())).collect();
        // Inner folders first, so each is empty when its turn comes.
        stale.sort_by_key(|folder| std::cmp::Reverse(folder.components().count()));
        stale.into_iter().try_for_each(|folder| remove_if(&root.join(folder), true))
    }
}

/// Writes `bytes` over the file at `path` (creating it if need be) and cuts it to their length, rather than
/// truncating it first: ext4 (with its default `auto_da_alloc`) starts writing a file back to disk when it is
/// closed after being truncated to nothing, which made overwriting a large site slower than writing it anew.
pub(super) fn overwrite(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().write(true).create(true).truncate(false).open(path)?;
    file.write_all(bytes)?;
    file.set_len(bytes.len() as u64)
}

/// Makes room for a file at `root/relative` when overwriting an earlier build: removes a folder where the
/// file goes, and files or links where its folders go. Tolerates another thread doing the same at once.
pub(super) fn clear_way(root: &Path, relative: &Path) -> io::Result<()> {
    let mut at = root.to_path_buf();
    let mut parts = relative.components().peekable();
    while let Some(part) = parts.next() {
        at.push(part);
        let last = parts.peek().is_none();
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if last && meta.is_dir() => std::fs::remove_dir_all(&at)?,
            Ok(meta) if !last && !meta.is_dir() => {
                ignore_kind(std::fs::remove_file(&at), io::ErrorKind::NotFound)?;
                ignore_kind(std::fs::create_dir(&at), io::ErrorKind::AlreadyExists)?;
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound && !last => {
                ignore_kind(std::fs::create_dir(&at), io::ErrorKind::AlreadyExists)?;
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The files and folders below `root/relative`, in parallel. Links and other special entries are removed
/// on the way: writes into the folder must never follow a link out of it.
fn survey(root: &Path, relative: &Path) -> io::Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let entries = std::fs::read_dir(root.join(relative))?.collect::<io::Result<Vec<_>>>()?;
    entries
        .into_par_iter()
        .map(|entry| {
            let path = relative.join(entry.file_name());
            let kind = entry.file_type()?;
            if kind.is_dir() {
                let (files, mut folders) = survey(root, &path)?;
                folders.push(path);
                Ok((files, folders))
            } else if kind.is_file() {
                Ok((vec![path], Vec::new()))
            } else {
                std::fs::remove_file(root.join(&path))?;
                Ok((Vec::new(), Vec::new()))
            }
        })
        .try_reduce(
            || (Vec::new(), Vec::new()),
            |mut a, b| {
                a.0.extend(b.0);
                a.1.extend(b.1);
                Ok(a)
            },
        )
}

/// Removes `path` if it is (still) a folder when `folder`, or a file when not; anything else is left.
fn remove_if(path: &Path, folder: bool) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() == folder && folder => std::fs::remove_dir(path),
        Ok(meta) if meta.is_dir() == folder => std::fs::remove_file(path),
        Ok(_) => Ok(()),
        // Gone, or a folder on its way is a file now.
        Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => Ok(()),
        Err(e) => Err(e),
    }
}

fn ignore_kind(result: io::Result<()>, kind: io::ErrorKind) -> io::Result<()> {
    match result {
        Err(e) if e.kind() == kind => Ok(()),
        other => other,
    }
}

/// `.{name}.glossgen-{suffix}` beside `output`.
fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
    let parent = output.parent().map(Path::to_path_buf).unwrap_or_default();
    parent.join(format!(".{name}.glossgen-{suffix}"))
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Whether `folder` is a real folder (not a link) holding glossgen's marker file.
fn is_ours(folder: &Path) -> bool {
    std::fs::symlink_metadata(folder).is_ok_and(|m| m.is_dir()) && folder.join(MARKER).is_file()
}

fn not_ours(folder: &Path) -> io::Error {
    let kind = std::fs::symlink_metadata(folder).map_or("something", |m| super::kind_of(&m));
    io::Error::other(format!(
        "{} is {kind} that glossgen did not make, where it keeps its spare output; move it away",
        folder.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Sink;
    use std::collections::BTreeMap;

    /// Every file below `dir` (relative path → contents), and whether any entry is a link.
    fn files(dir: &Path) -> BTreeMap<String, String> {
        let mut found = BTreeMap::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(at) = stack.pop() {
            for entry in std::fs::read_dir(&at).unwrap() {
                let entry = entry.unwrap();
                let kind = entry.file_type().unwrap();
                assert!(!kind.is_symlink(), "{:?} is a link", entry.path());
                if kind.is_dir() {
                    stack.push(entry.path());
                } else {
                    let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                    found.insert(rel, std::fs::read_to_string(entry.path()).unwrap());
                }
            }
        }
        found
    }

    fn build(out: &Path, pages: &[(&str, &str)]) {
        let staging = Staging::create(out).unwrap();
        let sink = staging.sink();
        for (path, text) in pages {
            sink.write(path, text.as_bytes()).unwrap();
        }
        staging.commit().unwrap();
    }

    fn expected(pages: &[(&str, &str)]) -> BTreeMap<String, String> {
        let mut all: BTreeMap<String, String> = pages.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
        all.insert(MARKER.into(), String::from_utf8(MARKER_TEXT.to_vec()).unwrap());
        all
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
        assert_eq!(files(&out), BTreeMap::from([("old.html".to_string(), "old".to_string())]));

        // The abandoned folder is the spare now; this build overwrites it.
        build(&out, &[("en/new.html", "new")]);
        assert_eq!(files(&out), expected(&[("en/new.html", "new")]));
        // The replaced folder was not glossgen's, so it is not kept.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["public"]);
    }

    #[test]
    fn a_rebuild_overwrites_the_spare_and_keeps_exactly_its_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = [
            ("keep.html", "1"),
            ("gone/index.html", "1"),
            ("deep/er/index.html", "1"),
            ("x/index.html", "1"),
            ("y", "1"),
        ];
        build(&out, &first);
        let second = [("keep.html", "2"), ("other.html", "2")];
        build(&out, &second);
        let spare = dir.path().join(".public.glossgen-old");
        assert_eq!(files(&spare), expected(&first));

        // The third build writes over the first one's folder: a file where a folder was, a folder where a file
        // was; what it does not write must be gone.
        let third = [("keep.html", "3"), ("x", "3"), ("y/index.html", "3"), ("deep/new.html", "3")];
        build(&out, &third);
        assert_eq!(files(&out), expected(&third));
        assert_eq!(files(&spare), expected(&second));
        assert!(!out.join("deep/er").exists() && !out.join("gone").exists());
    }

    #[cfg(unix)]
    #[test]
    fn links_left_in_the_spare_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &[("a.html", "1")]);
        build(&out, &[("a.html", "2")]);
        let spare = dir.path().join(".public.glossgen-old");
        std::os::unix::fs::symlink(outside.path(), spare.join("en")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("f"), spare.join("b.html")).unwrap();

        build(&out, &[("en/a.html", "3"), ("b.html", "3")]);
        assert_eq!(files(&out), expected(&[("en/a.html", "3"), ("b.html", "3")]));
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    }

    #[test]
    fn an_interrupted_build_is_reused_but_a_foreign_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::create(&out).unwrap();
        staging.sink().write("half.html", b"1").unwrap();
        drop(staging); // as if the process had been stopped
        build(&out, &[("whole.html", "2")]);
        assert_eq!(files(&out), expected(&[("whole.html", "2")]));

        let stray = dir.path().join(".public.glossgen-new");
        std::fs::create_dir(&stray).unwrap();
        std::fs::write(stray.join("mine.txt"), "someone's").unwrap();
        let error = Staging::create(&out).err().expect("a folder without the marker is not reused");
        assert!(error.to_string().contains("that glossgen did not make"), "{error}");
        assert!(stray.join("mine.txt").exists());
    }
}
