//! File I/O with the guarantees translators rely on: inputs are checked before use (UTF-8,
//! no NUL bytes, no UTF-16) with positions in the error, and every write is atomic (a temporary
//! file in the same directory, flushed, then renamed over the old one), so an interrupted run
//! leaves each file either old or new, never torn.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result, line_col};

/// What reading a text input can end in: the text, a problem with its content (reported and
/// skipped), or an I/O failure.
#[derive(Debug)]
pub enum ReadError {
    Content(Diagnostic),
    Io(Error),
}

impl From<Error> for ReadError {
    fn from(error: Error) -> Self {
        ReadError::Io(error)
    }
}

/// Reads a UTF-8 text file, refusing what would silently corrupt text downstream.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    decode_text(path, bytes).map_err(ReadError::Content)
}

/// Checks that bytes are text honyaku can work on and turns them into a `String`.
pub fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::error(path, "file is UTF-16, not UTF-8")
            .at(1, 1)
            .help("save it as UTF-8 (most editors offer this under 'encoding') and run again"));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&error.as_bytes()[..offset]).into_owned();
            let (line, column) = line_col(&valid, offset);
            return Err(
                Diagnostic::error(path, format!("invalid UTF-8 at byte offset {offset}"))
                    .at(line, column)
                    .help("save the file as UTF-8 and run again"),
            );
        }
    };
    if let Some(offset) = text.find('\0') {
        let (line, column) = line_col(&text, offset);
        return Err(
            Diagnostic::error(path, format!("NUL byte at byte offset {offset}"))
                .at(line, column)
                .help("this looks like a binary file or a broken export; remove the NUL bytes"),
        );
    }
    Ok(text)
}

/// Writes `contents` to `path` atomically; returns false (and writes nothing) when the file
/// already holds exactly these bytes, so unchanged outputs keep their timestamps.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> Result<bool> {
    if fs::read(path).is_ok_and(|old| old == contents) {
        return Ok(false);
    }
    write_atomic(path, contents)?;
    Ok(true)
}

/// Writes through a temporary file in the same directory, flushed to disk, then renamed over
/// the target: readers and crashes see the old bytes or the new ones, nothing in between.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".honyaku-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    temp.write_all(contents)
        .map_err(|e| Error::io(temp.path(), e))?;
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Name of the lock file at the project root.
pub const LOCK_FILE: &str = ".honyaku.lock";

/// Holds the project lock until dropped, so two runs that write never interleave.
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
}

impl ProjectLock {
    /// Takes the lock at `root`, or says which process holds it. A lock left by a process
    /// that no longer exists (killed, crashed) is taken over.
    pub fn acquire(root: &Path) -> Result<ProjectLock> {
        let path = root.join(LOCK_FILE);
        for _ in 0..2 {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => {
                    writeln!(file, "{}", std::process::id()).map_err(|e| Error::io(&path, e))?;
                    return Ok(ProjectLock { path });
                }
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(&path).unwrap_or_default();
                    let pid = holder.trim().parse::<u32>().ok();
                    if pid.is_some_and(process_exists) {
                        let holder = format!("process {}", pid.unwrap_or_default());
                        return Err(Error::Locked { path, holder });
                    }
                    // The holder is gone: the lock is stale.
                    match fs::remove_file(&path) {
                        Ok(()) => {}
                        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                        Err(error) => return Err(Error::io(&path, error)),
                    }
                }
                Err(error) => return Err(Error::io(&path, error)),
            }
        }
        Err(Error::Locked {
            path,
            holder: String::from("another process that keeps taking it"),
        })
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // Nothing to do if it is already gone; a stale lock is recovered on the next run.
        let _ = fs::remove_file(&self.path);
    }
}

/// Whether a process with this id is alive. Linux answers through /proc; elsewhere a lock is
/// assumed live, so the user removes it by hand after a crash (the message names the file).
fn process_exists(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_reports_positions() {
        let p = Path::new("a.txt");
        let err = decode_text(p, b"ok\nab\xffc".to_vec()).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(3)));
        assert!(err.message.contains("byte offset 5"), "{}", err.message);
        let err = decode_text(p, b"a\0".to_vec()).unwrap_err();
        assert!(err.message.contains("NUL"));
        let err = decode_text(p, vec![0xFF, 0xFE, b'a', 0]).unwrap_err();
        assert!(err.message.contains("UTF-16"));
        assert_eq!(decode_text(p, "日本".as_bytes().to_vec()).unwrap(), "日本");
    }

    #[test]
    fn atomic_write_replaces_and_skips_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/x.ftl");
        assert!(write_if_changed(&path, b"one").unwrap());
        assert!(!write_if_changed(&path, b"one").unwrap());
        assert!(write_if_changed(&path, b"two").unwrap());
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let leftovers = fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary files left behind");
    }

    #[test]
    fn lock_is_exclusive_and_recovers_from_dead_holders() {
        let dir = tempfile::tempdir().unwrap();
        let lock = ProjectLock::acquire(dir.path()).unwrap();
        let err = ProjectLock::acquire(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains(&format!("process {}", std::process::id())),
            "{err}"
        );
        drop(lock);
        assert!(!dir.path().join(LOCK_FILE).exists());
        // A pid that cannot exist on Linux (above pid_max).
        fs::write(dir.path().join(LOCK_FILE), "4294967\n").unwrap();
        let _lock = ProjectLock::acquire(dir.path()).unwrap();
    }
}
