//! One build at a time per output folder: an advisory lock on a file beside it (`.public.glossgen-lock`).
//! The operating system releases it when the process ends, however it ends, so a crash never leaves a stale
//! lock behind; the file itself stays and is reused.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// Held while a build writes its output; dropping it lets the next build in.
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

/// What to do when another build holds the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    /// Wait for it, after telling the user why nothing happens.
    Wait,
    /// Give up at once.
    NoWait,
}

/// The lock file of an output folder.
pub fn lock_path(output: &Path) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
    output.parent().map(Path::to_path_buf).unwrap_or_default().join(format!(".{name}.glossgen-lock"))
}

impl OutputLock {
    /// Takes the lock of `output`. If another build holds it: with [`Waiting::Wait`], calls `waiting` once and
    /// blocks until it is free; with [`Waiting::NoWait`], fails with [`io::ErrorKind::WouldBlock`].
    pub fn acquire(output: &Path, waiting: Waiting, on_wait: impl FnOnce()) -> io::Result<OutputLock> {
        let path = lock_path(output);
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let file = OpenOptions::new().create(true).truncate(false).write(true).open(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(OutputLock { _file: file }),
            Err(TryLockError::WouldBlock) if waiting == Waiting::Wait => {
                on_wait();
                file.lock()?;
                Ok(OutputLock { _file: file })
            }
            Err(TryLockError::WouldBlock) => {
                Err(io::Error::new(io::ErrorKind::WouldBlock, "another build holds the lock"))
            }
            Err(TryLockError::Error(e)) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_or_gives_up_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let first = OutputLock::acquire(&output, Waiting::NoWait, || {}).unwrap();
        let second = OutputLock::acquire(&output, Waiting::NoWait, || {});
        assert_eq!(second.unwrap_err().kind(), io::ErrorKind::WouldBlock);
        drop(first);
        assert!(OutputLock::acquire(&output, Waiting::NoWait, || {}).is_ok());
    }
}
