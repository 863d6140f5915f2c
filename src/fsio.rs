//! File I/O with the guarantees translators rely on: only regular files are read, and inputs
//! are checked before use (UTF-8, no NUL bytes, no UTF-16) with positions in the error; every
//! write is atomic (a temporary file in the same directory, flushed, then renamed over the old
//! one), so an interrupted run leaves each file either old or new, never torn; a file is only
//! replaced if it still holds what was read from it; and one OS advisory lock per project
//! keeps two runs from writing at once.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

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
    let bytes = read_input(path)?;
    decode_text(path, bytes).map_err(ReadError::Content)
}

/// [`read_text`] for a caller that reports a file it cannot use and goes on: a problem with
/// its content is added to `diagnostics` under the name the user knows it by (`shown`) and
/// gives `None`; an I/O failure is an error.
pub(crate) fn read_text_or_report(
    path: &Path,
    shown: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<String>> {
    reported(read_text(path), shown, diagnostics)
}

/// What [`read_text_or_report`] does with the outcome of any of the text readers here.
pub(crate) fn reported<T>(
    read: Result<T, ReadError>,
    shown: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<T>> {
    match read {
        Ok(read) => Ok(Some(read)),
        Err(ReadError::Io(error)) => Err(error),
        Err(ReadError::Content(diagnostic)) => {
            diagnostics.push(Diagnostic {
                path: shown.to_owned(),
                ..diagnostic
            });
            Ok(None)
        }
    }
}

/// A text file as read, with what it was when read (see [`Identity`]).
#[derive(Debug)]
pub struct ReadText {
    pub text: String,
    pub identity: Identity,
}

/// [`read_text`], also returning the file's [`Identity`] as read, for a later write to check
/// that nobody saved it meanwhile. Only regular files are read: a FIFO, a device or a
/// directory named like an input is a content problem (reported and skipped), never a hang.
pub fn read_text_identified(path: &Path) -> Result<ReadText, ReadError> {
    let bytes = read_input(path)?;
    let identity = Identity::Present(content_hash(&bytes));
    let text = decode_text(path, bytes).map_err(ReadError::Content)?;
    Ok(ReadText { text, identity })
}

/// The bytes of an input file, for [`read_text`] and [`read_text_identified`].
fn read_input(path: &Path) -> Result<Vec<u8>, ReadError> {
    match read_regular(path) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(ReadError::Content(not_regular(path))),
        // One file nobody gave honyaku the right to read stops only its own document.
        Err(error) if error.kind() == std::io::ErrorKind::PermissionDenied => {
            Err(ReadError::Content(
                Diagnostic::error(path, "cannot be read (permission denied): skipped")
                    .help("give your user read access to it (chmod, chown) and run again"),
            ))
        }
        Err(error) => Err(ReadError::Io(Error::io(path, error))),
    }
}

/// The diagnostic for an input that is not a regular file.
pub fn not_regular(path: &Path) -> Diagnostic {
    Diagnostic::error(
        path,
        "not a regular file (a directory, FIFO, socket or device named like an input): skipped",
    )
    .help("rename or remove it; honyaku reads and writes only regular files")
}

/// The error for a file a run cannot do without (the configuration, the lock) that is not a
/// regular file: the run stops rather than hang on it.
pub fn not_regular_stop(path: &Path) -> Error {
    Error::Invalid(
        Diagnostic::error(
            path,
            "not a regular file (a directory, FIFO, socket or device): honyaku reads and writes only regular files",
        )
        .help("remove it (or replace it with a regular file) and run again"),
    )
}

/// The bytes of `path` if it is a regular file (following links), `None` if it is something
/// else. Opened without blocking, so a FIFO cannot make the open wait for a writer; its type
/// is checked on the open handle, so it cannot be swapped between the check and the read.
pub fn read_regular(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut options = fs::File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let mut file = match options.open(path) {
        Ok(file) => file,
        // A directory cannot be opened on Windows.
        Err(_) if path.is_dir() => return Ok(None),
        Err(error) => return Err(error),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(Some(bytes))
}

/// Whether `path` is (or links to) a regular file; absent paths are not.
pub fn is_regular(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// The most lines a source text may have. Memory grows with the sentences of a document:
/// a sync that revises a release of 1,000,000 one-sentence lines (against 10,000 English
/// ones) peaked at 4.1 GB (BENCHMARKS.md), about 4 KB a sentence; at 300,000 lines with a
/// sentence on every line it took 1.28 GB, and press releases have a few hundred lines.
pub const MAX_SOURCE_LINES: usize = 300_000;

/// [`read_text`] for a source text (`source_texts/<locale>/<doc>.txt`), which is also refused
/// past [`MAX_SOURCE_LINES`] lines, with the first line over the limit.
pub fn read_source(path: &Path) -> Result<String, ReadError> {
    let text = read_text(path)?;
    check_line_count(path, &text, MAX_SOURCE_LINES).map_err(ReadError::Content)?;
    Ok(text)
}

/// Refuses `text` if it has more than `limit` lines (a final line break ends the last line).
fn check_line_count(path: &Path, text: &str, limit: usize) -> Result<(), Diagnostic> {
    let Some((offset, _)) = text.match_indices('\n').nth(limit.saturating_sub(1)) else {
        return Ok(());
    };
    if limit > 0 && offset + 1 == text.len() {
        return Ok(());
    }
    let lines = text.lines().count();
    Err(Diagnostic::error(
        path,
        format!("has {lines} lines, over honyaku's limit of {limit} for a source text"),
    )
    .at(limit + 1, 1)
    .help("a press release is a few hundred lines: check that this is the right file, or split it into several documents"))
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
    // A text no longer than the limit cannot hold a longer line: most are not scanned.
    if text.len() <= MAX_LINE_BYTES {
        return Ok(text);
    }
    let mut start = 0;
    for (index, line) in text.split('\n').enumerate() {
        if line.len() > MAX_LINE_BYTES {
            return Err(Diagnostic::error(
                path,
                format!(
                    "line {} is {} bytes long (at byte offset {start}), over honyaku's limit of {MAX_LINE_BYTES}",
                    index + 1,
                    line.len()
                ),
            )
            .at(index + 1, 1)
            .help("this is not a press release as written by a person (a minified or binary export?): break the text into lines or paragraphs"));
        }
        start += line.len() + 1;
    }
    Ok(text)
}

/// The longest line honyaku accepts: far beyond any paragraph (the longest in the corpus is
/// under 2 KB), low enough that a stray binary or minified file is refused up front instead of
/// keeping the segmenter and aligner busy for minutes.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// Writes through a temporary file in the same directory, flushed to disk, then renamed over
/// the target: readers and crashes see the old bytes or the new ones, nothing in between.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let batch = Batch::default();
    let now = Identity::of(path).map_err(|e| Error::io(path, e))?;
    batch.write(path, contents, now)?;
    let mut committed = batch.commit()?;
    match committed.failed.pop() {
        Some((_, error)) => Err(error),
        None => Ok(()),
    }
}

/// Like [`write_atomic`] without waiting for the disk: readers see the old bytes or the new
/// ones, but after a power cut the file may be old, empty or torn. For files honyaku can do
/// without, such as its cache, which is only trusted when it parses and matches what it
/// describes.
pub fn write_replace(path: &Path, contents: &[u8]) -> Result<()> {
    let temp = temp_beside(path, contents)?;
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// [`write_atomic`] for a file written piece by piece as it is produced, so the whole never
/// has to be held in memory: the pieces go to a temporary file in the same directory; on
/// [`AtomicWriter::commit`] it is flushed to disk and put in place of PATH exactly as
/// [`write_atomic`] puts its bytes (only if PATH still holds what it held when the writer was
/// created). Until then PATH is untouched, and a writer dropped without `commit` (an error
/// midway) removes its temporary file: PATH never holds a half-written file.
#[derive(Debug)]
pub struct AtomicWriter {
    path: PathBuf,
    out: std::io::BufWriter<tempfile::NamedTempFile>,
    hasher: blake3::Hasher,
    /// What PATH held when the writer was created.
    expect: Identity,
}

impl AtomicWriter {
    /// Starts a new file for `path`.
    pub fn create(path: &Path) -> Result<AtomicWriter> {
        let expect = Identity::of(path).map_err(|e| Error::io(path, e))?;
        let temp = temp_beside(path, &[])?;
        Ok(AtomicWriter {
            path: path.to_owned(),
            out: std::io::BufWriter::with_capacity(1 << 20, temp),
            hasher: blake3::Hasher::new(),
            expect,
        })
    }

    /// Appends `bytes` to the new file.
    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.hasher.update(bytes);
        self.out.write_all(bytes).map_err(|e| self.not_written(e))
    }

    /// Puts the new file in place of PATH, durably, as [`write_atomic`] does.
    pub fn commit(self) -> Result<()> {
        let AtomicWriter {
            path,
            out,
            hasher,
            expect,
        } = self;
        let temp = out.into_inner().map_err(|e| {
            let (error, _) = e.into_parts();
            not_written_error(&path, error)
        })?;
        keep_permissions(&path, temp.as_file())?;
        #[cfg(not(target_os = "linux"))]
        temp.as_file()
            .sync_all()
            .map_err(|e| Error::io(temp.path(), e))?;
        let batch = Batch::default();
        lock(&batch.staged).push(Staged {
            temp: temp.into_temp_path(),
            target: path,
            expect,
            hash: hasher.finalize().to_hex()[..32].to_owned(),
        });
        let mut committed = batch.commit()?;
        match committed.failed.pop() {
            Some((_, error)) => Err(error),
            None => Ok(()),
        }
    }

    fn not_written(&self, error: std::io::Error) -> Error {
        not_written_error(&self.path, error)
    }
}

/// A failure to write the new content of `path` (a full disk), reported at `path`, the file
/// the user knows, as [`temp_beside`] reports its own.
fn not_written_error(path: &Path, error: std::io::Error) -> Error {
    Error::Invalid(
        Diagnostic::error(
            path,
            format!(
                "could not be written, left as it was: {}",
                error.to_string().to_lowercase()
            ),
        )
        .help("free disk space or fix what stops honyaku from writing there, then run again"),
    )
}

/// A new temporary file in the directory of `path` (created if need be) holding `contents`.
/// A failure (a full disk, a directory it may not write to) is reported at `path`, the file
/// the user knows, not at the temporary file, which is gone.
fn temp_beside(path: &Path, contents: &[u8]) -> Result<tempfile::NamedTempFile> {
    let dir = parent_dir(path);
    let not_written = |error: std::io::Error| {
        // What went wrong without tempfile's wrapping, which names the temporary file.
        let reason = match error.get_ref() {
            Some(_) => std::io::Error::from(error.kind()),
            None => error,
        };
        Error::Invalid(
            Diagnostic::error(
                path,
                format!(
                    "could not be written, left as it was: {}",
                    reason.to_string().to_lowercase()
                ),
            )
            .help("free disk space or fix what stops honyaku from writing there, then run again"),
        )
    };
    fs::create_dir_all(dir).map_err(not_written)?;
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(not_written)?;
    temp.as_file_mut()
        .write_all(contents)
        .map_err(not_written)?;
    Ok(temp)
}

/// What a file's metadata says of its content without reading it: length, modification and
/// change times (nanoseconds since 1970), inode and device. The change time moves on every
/// write and cannot be set back, so a tool that restores the modification time is still seen.
/// Stored in the cache as the array `[len, modified, changed, inode, device]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(from = "StatFields", into = "StatFields")]
pub struct Stat {
    len: u64,
    modified: i64,
    changed: i64,
    inode: u64,
    device: u64,
}

/// [`Stat`] as the cache stores it.
type StatFields = (u64, i64, i64, u64, u64);

impl From<StatFields> for Stat {
    fn from((len, modified, changed, inode, device): StatFields) -> Stat {
        Stat {
            len,
            modified,
            changed,
            inode,
            device,
        }
    }
}

impl From<Stat> for StatFields {
    fn from(stat: Stat) -> StatFields {
        (
            stat.len,
            stat.modified,
            stat.changed,
            stat.inode,
            stat.device,
        )
    }
}

impl Stat {
    /// The metadata of `path`, `None` if it is absent.
    pub fn of(path: &Path) -> std::io::Result<Option<Stat>> {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        #[cfg(unix)]
        let stat = {
            use std::os::unix::fs::MetadataExt;
            let nanos = |secs: i64, nsec: i64| secs.saturating_mul(1_000_000_000) + nsec;
            Stat {
                len: meta.len(),
                modified: nanos(meta.mtime(), meta.mtime_nsec()),
                changed: nanos(meta.ctime(), meta.ctime_nsec()),
                inode: meta.ino(),
                device: meta.dev(),
            }
        };
        #[cfg(not(unix))]
        let stat = Stat {
            len: meta.len(),
            modified: meta.modified().map_or(i64::MAX, nanos_since_epoch),
            changed: 0,
            inode: 0,
            device: 0,
        };
        Ok(Some(stat))
    }

    /// Modification time, in nanoseconds since 1970.
    pub fn modified(&self) -> i64 {
        self.modified
    }
}

/// A time as nanoseconds since 1970 (0 before it).
pub fn nanos_since_epoch(time: std::time::SystemTime) -> i64 {
    time.duration_since(std::time::SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// What a file held when honyaku read it, so that a write made from that reading can check,
/// right before it replaces the file, that nobody saved it meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    /// There was no file.
    Absent,
    /// The content hash ([`content_hash`]) of the bytes read.
    Present(String),
}

impl Identity {
    /// What `path` holds now.
    pub fn of(path: &Path) -> std::io::Result<Identity> {
        match read_regular(path) {
            Ok(Some(bytes)) => Ok(Identity::Present(content_hash(&bytes))),
            // Not a regular file (or not readable): never the bytes that were read.
            Ok(None) => Ok(Identity::Present(String::new())),
            Err(error) if error.kind() == std::io::ErrorKind::PermissionDenied => {
                Ok(Identity::Present(String::new()))
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Identity::Absent),
            Err(error) => Err(error),
        }
    }
}

/// Atomic writes made durable together. Each file goes to a temporary file as soon as it is
/// produced (from any thread); [`Batch::commit`] then flushes them all at once and puts each
/// in place of its target. A run that writes thousands of catalogs pays for one flush of the
/// disk instead of one `fsync` per file, which the profile of a cold sync showed to be most
/// of its time, and each file is still either old or new after a crash: nothing is put in
/// place before everything is on disk. Dropped without `commit`, a batch leaves every target
/// as it was.
#[derive(Debug, Default)]
pub struct Batch {
    staged: Mutex<Vec<Staged>>,
}

#[derive(Debug)]
struct Staged {
    temp: tempfile::TempPath,
    target: PathBuf,
    /// What the target held when its new content was computed: a target that holds anything
    /// else at commit (a translator saved it mid-run) is left alone.
    expect: Identity,
    /// 128 bits of blake3 of the new bytes, in hex.
    hash: String,
}

/// What a commit did: the files put in place with the hash of their new bytes, those left
/// alone because they changed after they were read, and those that could not be replaced
/// (each with why). A commit goes on past a file it cannot replace, so that every file it
/// did replace is reported.
#[derive(Debug, Default)]
pub struct Committed {
    pub written: std::collections::HashMap<PathBuf, String>,
    pub conflicts: Vec<PathBuf>,
    pub failed: Vec<(PathBuf, Error)>,
}

impl Committed {
    /// Whether `path` was meant to be written and was not (changed meanwhile, or failed).
    pub fn not_written(&self, path: &Path) -> bool {
        self.conflicts.iter().any(|p| p == path) || self.failed.iter().any(|(p, _)| p == path)
    }
}

/// The content hash the cache and commits use: 128 bits of blake3, in hex.
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..32].to_owned()
}

impl Batch {
    /// Writes `contents` to a temporary file that [`Batch::commit`] will put at `path`,
    /// unless `path` then holds something else than `expect` (what it held when `contents`
    /// was computed from it).
    pub fn write(&self, path: &Path, contents: &[u8], expect: Identity) -> Result<()> {
        let temp = temp_beside(path, contents)?;
        keep_permissions(path, temp.as_file())?;
        // Elsewhere than Linux each file is flushed through the handle that wrote it (a
        // read-only handle cannot be flushed on Windows); Linux flushes them all at commit.
        #[cfg(not(target_os = "linux"))]
        temp.as_file()
            .sync_all()
            .map_err(|e| Error::io(temp.path(), e))?;
        lock(&self.staged).push(Staged {
            // Closed now: a batch may hold more files than a process may keep open.
            temp: temp.into_temp_path(),
            target: path.to_owned(),
            expect,
            hash: content_hash(contents),
        });
        Ok(())
    }

    /// [`Batch::write`], unless the file already holds exactly these bytes (it then keeps
    /// its timestamp); returns whether it will be written. The file is expected to hold at
    /// commit what it holds now.
    pub fn write_if_changed(&self, path: &Path, contents: &[u8]) -> Result<bool> {
        let expect = match read_regular(path) {
            Ok(Some(old)) if old == contents => return Ok(false),
            Ok(Some(old)) => Identity::Present(content_hash(&old)),
            Ok(None) => Identity::Present(String::new()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Identity::Absent,
            Err(error) => return Err(Error::io(path, error)),
        };
        self.write(path, contents, expect)?;
        Ok(true)
    }

    /// Each staged target with the content hash of its new bytes.
    pub fn staged(&self) -> Vec<(PathBuf, String)> {
        lock(&self.staged)
            .iter()
            .map(|s| (s.target.clone(), s.hash.clone()))
            .collect()
    }

    /// Whether nothing is staged.
    pub fn is_empty(&self) -> bool {
        lock(&self.staged).is_empty()
    }

    /// Flushes every staged file to disk, puts each in place, then flushes the directories
    /// that hold them, so that once honyaku exits the new files are what a crash would leave.
    /// Right before a target is replaced, its content is hashed again: one that changed since
    /// it was read is left as it is and listed in [`Committed::conflicts`], as its new content
    /// would overwrite someone's save. On Linux the replacement is a swap whose swapped-out
    /// file is checked too ([`exchange`]), so a save landing after that look is kept as
    /// well; elsewhere the moment between the look and the rename (microseconds) stays open.
    pub fn commit(self) -> Result<Committed> {
        let mut staged = self
            .staged
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if staged.is_empty() {
            return Ok(Committed::default());
        }
        staged.sort_by(|a, b| a.target.cmp(&b.target));
        flush_files(&staged)?;
        let mut dirs: Vec<PathBuf> = staged
            .iter()
            .map(|s| parent_dir(&s.target).to_owned())
            .collect();
        dirs.dedup();
        // Each file is put in place on its own; the order does not matter to the result.
        let placed: Vec<Placed> = staged.into_par_iter().map(place).collect();
        let mut committed = Committed::default();
        for dir in dirs {
            if let Err(error) = flush_dir(&dir) {
                committed.failed.push((dir, error));
            }
        }
        for result in placed {
            match result {
                Placed::Written(target, hash) => {
                    committed.written.insert(target, hash);
                }
                Placed::Changed(target) => committed.conflicts.push(target),
                Placed::Failed(target, error) => committed.failed.push((target, error)),
            }
        }
        Ok(committed)
    }
}

/// What became of one staged file.
#[derive(Debug)]
enum Placed {
    Written(PathBuf, String),
    Changed(PathBuf),
    Failed(PathBuf, Error),
}

/// Puts one staged file in place if its target still holds what it was expected to.
fn place(staged: Staged) -> Placed {
    let Staged {
        temp,
        target,
        expect,
        hash,
    } = staged;
    // A first look: a file that changed since it was read is not touched at all.
    match Identity::of(&target) {
        Ok(now) if now == expect => {}
        Ok(_) => return Placed::Changed(target),
        Err(error) => return Placed::Failed(target.clone(), Error::io(&target, error)),
    }
    test_hook::pause_before_replacing(&target);
    let Identity::Present(_) = expect else {
        // Nothing was there: the new file goes in only if nothing is there still (a link, or
        // a rename that refuses to replace, so a file created meanwhile is never replaced).
        return match temp.persist_noclobber(&target) {
            Ok(()) => Placed::Written(target, hash),
            Err(error) if error.error.kind() == std::io::ErrorKind::AlreadyExists => {
                Placed::Changed(target)
            }
            Err(error) => Placed::Failed(target.clone(), Error::io(&target, error.error)),
        };
    };
    // Not a regular file when read (a FIFO or directory where `build` writes an output): a
    // rename replaces the one and refuses the other, where a swap would move a directory.
    if expect == Identity::Present(String::new()) {
        return replace_blindly(temp, target, hash);
    }
    #[cfg(target_os = "linux")]
    match exchange(temp, &target, expect, &hash) {
        Exchanged::Done(placed) => placed,
        Exchanged::Unsupported(temp) => replace_blindly(temp, target, hash),
    }
    #[cfg(not(target_os = "linux"))]
    replace_blindly(temp, target, hash)
}

/// Renames `temp` over `target`. What a save landing between the last look and this rename
/// held is lost: the window [`exchange`] closes on Linux, a few microseconds wide, that stays
/// open elsewhere (and on Linux file systems without `RENAME_EXCHANGE`).
fn replace_blindly(temp: tempfile::TempPath, target: PathBuf, hash: String) -> Placed {
    match temp.persist(&target) {
        Ok(()) => Placed::Written(target, hash),
        Err(error) => Placed::Failed(target.clone(), Error::io(&target, error.error)),
    }
}

/// What [`exchange`] did: placed the file (or found a save and kept it), or found that the
/// file system cannot swap files, handing the temporary file back.
#[cfg(target_os = "linux")]
enum Exchanged {
    Done(Placed),
    Unsupported(tempfile::TempPath),
}

/// How many times [`exchange`] swaps a file back for saves that keep landing mid-commit
/// before it gives up and sets the last one aside. Each round needs another save within
/// microseconds of the previous swap; two in a row have never been seen.
#[cfg(target_os = "linux")]
const MAX_SWAPS: usize = 8;

/// Puts `temp` in place of `target` with no moment in which a save can be lost: the two are
/// swapped in one atomic step (`renameat2(RENAME_EXCHANGE)`), then the file swapped out is
/// checked to hold exactly what was read (`expect`). If it holds anything else, a translator
/// saved it after the last look; it is swapped back in, and reported as changed. A save that
/// lands between those two swaps is in turn swapped back, so the newest save always ends in
/// place, as it would have without honyaku running.
///
/// What remains: an editor that writes into the file in place (instead of renaming a new
/// file over it) and is still writing after the check finds its bytes in the swapped-out
/// file, which is then deleted; and a process killed between a swap and the check leaves a
/// save made in those microseconds in a temporary file the next run's sweep removes.
#[cfg(target_os = "linux")]
fn exchange(temp: tempfile::TempPath, target: &Path, expect: Identity, hash: &str) -> Exchanged {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    // What each swap should take out of `target`, and what it puts in.
    let mut expect_out = expect;
    let mut put_in = Identity::Present(hash.to_owned());
    for round in 0..MAX_SWAPS {
        match renameat_with(CWD, &*temp, CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => {}
            Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) if round == 0 => {
                return Exchanged::Unsupported(temp);
            }
            // Deleted since the last look: the translator's doing, left as it is.
            Err(Errno::NOENT) if round == 0 && !target.exists() => {
                return Exchanged::Done(Placed::Changed(target.to_owned()));
            }
            Err(error) if round == 0 => {
                return Exchanged::Done(Placed::Failed(
                    target.to_owned(),
                    Error::io(target, error.into()),
                ));
            }
            // `temp` holds a save that could not be swapped back.
            Err(error) => return Exchanged::Done(set_aside(temp, target, error.into())),
        }
        let out = match Identity::of(&temp) {
            Ok(out) => out,
            Err(error) => return Exchanged::Done(set_aside(temp, target, error)),
        };
        if out == expect_out {
            // `temp`, deleted when dropped, holds what was read, or (after a swap back) the
            // new content or an older save that a newer one replaced.
            let placed = if round == 0 {
                Placed::Written(target.to_owned(), hash.to_owned())
            } else {
                Placed::Changed(target.to_owned())
            };
            return Exchanged::Done(placed);
        }
        // A save came out: it goes back in, and what went in must come out.
        expect_out = std::mem::replace(&mut put_in, out);
    }
    let busy = std::io::Error::other("saved again and again while sync replaced it");
    Exchanged::Done(set_aside(temp, target, busy))
}

/// Keeps a temporary file that holds a translator's save honyaku could not put back in place
/// (a name the temporary-file sweep does not remove, beside the target), and reports where.
#[cfg(target_os = "linux")]
fn set_aside(temp: tempfile::TempPath, target: &Path, why: std::io::Error) -> Placed {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let mut temp = temp;
    let mut n = 1;
    let kept = loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let aside = target.with_file_name(format!("{name}.saved-while-sync{suffix}"));
        match temp.persist_noclobber(&aside) {
            Ok(()) => break aside,
            // Out of names: kept under its temporary name, which a later sweep may remove.
            Err(error) if n >= 100 => break error.path.keep().unwrap_or_default(),
            Err(error) => temp = error.path,
        }
        n += 1;
    };
    let message = format!("{why}; a save made meanwhile is in {}", kept.display());
    Placed::Failed(
        target.to_owned(),
        Error::io(target, std::io::Error::other(message)),
    )
}

/// A hidden hook for tests that must act at one exact moment of a commit, which no timing
/// can hit reliably. `HONYAKU_TEST_COMMIT_PAUSE` names a directory holding a file `target`
/// with a path suffix (`locales/fr/doc.ftl`): the commit of a matching file stops right
/// after its last check and right before it replaces the file, creates `paused` in that
/// directory and waits (at most a minute) until `resume` appears. Unset, it costs one
/// environment lookup per commit. Not for users: `tests/safety.rs` saves a catalog in that
/// moment to prove the save survives.
mod test_hook {
    use std::path::Path;
    use std::time::{Duration, Instant};

    pub(super) const VAR: &str = "HONYAKU_TEST_COMMIT_PAUSE";

    pub(super) fn pause_before_replacing(target: &Path) {
        let Some(dir) = std::env::var_os(VAR) else {
            return;
        };
        let dir = Path::new(&dir);
        let Ok(suffix) = std::fs::read_to_string(dir.join("target")) else {
            return;
        };
        if !target.ends_with(suffix.trim()) {
            return;
        }
        let _ = std::fs::write(dir.join("paused"), target.as_os_str().as_encoded_bytes());
        let deadline = Instant::now() + Duration::from_secs(60);
        while !dir.join("resume").exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// Locks a mutex, taking over one a panicking thread left poisoned (its data are plain lists).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Puts the contents of staged files on disk. On Linux one `syncfs` per file system holding
/// them does it for all; elsewhere [`Batch::write`] flushed each file as it was staged.
fn flush_files(staged: &[Staged]) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let mut devices = Vec::new();
        let mut last_dir = None;
        for Staged { target, .. } in staged {
            let dir = parent_dir(target);
            if last_dir == Some(dir) {
                continue;
            }
            last_dir = Some(dir);
            let handle = fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
            let device = handle.metadata().map_err(|e| Error::io(dir, e))?.dev();
            if !devices.contains(&device) {
                devices.push(device);
                rustix::fs::syncfs(&handle).map_err(|e| Error::io(dir, e.into()))?;
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = staged;
    Ok(())
}

/// The directory a file is in (`.` for a bare file name).
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Makes the renames into a directory durable. Directories cannot be opened for this on
/// Windows, where the rename itself is what the file system keeps.
fn flush_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let handle = fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
        handle.sync_all().map_err(|e| Error::io(dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Temporary files of [`write_atomic`] are named `.honyaku-XXXXXX.tmp`: hidden, so no
/// directory scan takes them for a document, and recognisable, so a later run can remove
/// those a killed run left behind.
const TEMP_PREFIX: &str = ".honyaku-";
const TEMP_SUFFIX: &str = ".tmp";

/// Removes the temporary files killed runs left in `dirs` (the directories honyaku writes
/// into, not their subdirectories) and returns how many. Anything it cannot read or remove is
/// left alone: a leftover temporary file costs only space. Only safe while holding the
/// project lock: no other run can be mid-write then.
pub fn remove_stale_temp_files(dirs: &[PathBuf]) -> usize {
    let mut removed = 0;
    for dir in dirs {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(TEMP_PREFIX)
                && name.ends_with(TEMP_SUFFIX)
                && entry.file_type().is_ok_and(|t| t.is_file())
                && fs::remove_file(entry.path()).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}

/// Where versions before the safety rework kept spare files to exchange catalogs with,
/// relative to `.honyaku/`; nothing uses it now.
const OLD_SPARE_DIR: &str = "spare";

/// Removes the spare pool (`.honyaku/spare/`) earlier versions of honyaku left in
/// `state_dir`, and returns how many files it removed: the regular files directly inside it,
/// then the directory if that left it empty. Nothing is followed through a link: a `spare`
/// that is a link, and links, directories or other files inside it, are left alone (and
/// with them the directory). Anything it cannot remove is left too: it costs only space.
pub fn remove_old_spare_pool(state_dir: &Path) -> usize {
    let dir = state_dir.join(OLD_SPARE_DIR);
    let is_dir = fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_dir());
    if !is_dir || fs::symlink_metadata(state_dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return 0;
    }
    let Ok(entries) = fs::read_dir(&dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        // The entry's own type, not its target's.
        if entry.file_type().is_ok_and(|t| t.is_file()) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    let _ = fs::remove_dir(&dir);
    removed
}

/// Gives the new file the permissions of the one it replaces, or the usual `rw-r--r--` for
/// a new file: temporary files are created owner-only, which would lock other users (and a
/// web server publishing `dist/`) out of a shared checkout.
fn keep_permissions(path: &Path, file: &fs::File) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path)
            .ok()
            .filter(fs::Metadata::is_file)
            .map_or(0o644, |m| m.permissions().mode() & 0o7777);
        file.set_permissions(fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(path, e))?;
    }
    #[cfg(not(unix))]
    let _ = (path, file);
    Ok(())
}

/// Name of the lock file at the project root.
pub const LOCK_FILE: &str = ".honyaku.lock";

/// Whether a run waits for the project lock or gives up at once (`--no-wait`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockWait {
    Wait,
    NoWait,
}

/// Holds the project lock until dropped, so two runs that write never interleave.
///
/// The lock is an OS advisory lock (`flock` on Unix, `LockFileEx` on Windows, through the
/// fs4 crate) on `.honyaku.lock` at the project root. The kernel releases it when its holder
/// exits or is killed, and it knows nothing of process ids, so it holds across PID
/// namespaces (a container sharing the checkout) and on NFS servers that support locks. The
/// holder's pid is written in the file only for the message another run shows; the file
/// itself stays (removing it would let a third run lock a new file while a second still
/// waits on the old one).
#[derive(Debug)]
pub struct ProjectLock {
    /// Open for as long as the lock is held; closing it releases the lock.
    _file: fs::File,
}

impl ProjectLock {
    /// Takes the lock at `root`. When another process holds it, `waiting` is told who (for
    /// the app to print) and the call waits for it, or with [`LockWait::NoWait`] fails with
    /// [`Error::Locked`] naming the holder.
    pub fn acquire(
        root: &Path,
        wait: LockWait,
        waiting: impl FnOnce(&Error),
    ) -> Result<ProjectLock> {
        use fs4::FileExt;
        let path = root.join(LOCK_FILE);
        refuse_link(&path)?;
        let file = open_lock_file(&path)?;
        // A FIFO or device named like the lock file would hang the read of its holder.
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            return Err(not_regular_stop(&path));
        }
        match FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => {
                let busy = Error::Locked {
                    path: path.clone(),
                    holder: holder(&path),
                };
                if wait == LockWait::NoWait {
                    return Err(busy);
                }
                waiting(&busy);
                FileExt::lock(&file).map_err(|e| Error::io(&path, e))?;
            }
            Err(fs4::TryLockError::Error(error)) => return Err(Error::io(&path, error)),
        }
        // Only for the message of a run that finds the lock taken; a file another user owns
        // in a shared checkout may be read-only to this one, which is no reason to stop.
        let _ = file
            .set_len(0)
            .and_then(|()| writeln!(&file, "{}", std::process::id()));
        Ok(ProjectLock { _file: file })
    }
}

/// Opens (creating) the lock file for locking: read-write if possible, read-only if another
/// user owns it (a lock needs no write access).
fn open_lock_file(path: &Path) -> Result<fs::File> {
    let mut options = fs::File::options();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Readable and writable by the group too, for checkouts a team shares.
        options.mode(0o666);
    }
    match options.open(path) {
        Ok(file) => Ok(file),
        Err(error) if error.kind() == std::io::ErrorKind::PermissionDenied => {
            fs::File::open(path).map_err(|e| Error::io(path, e))
        }
        Err(error) => Err(Error::io(path, error)),
    }
}

/// Who holds the lock, as its file says.
fn holder(path: &Path) -> String {
    let pid = fs::read_to_string(path).unwrap_or_default();
    match pid.trim().parse::<u32>() {
        Ok(pid) => format!("process {pid}"),
        Err(_) => String::from("a process that has not written its id yet"),
    }
}

/// Refuses a path honyaku would write through that is a symbolic link, such as a committed
/// `.honyaku` or `.honyaku.lock` link: a cloned repository must never make honyaku write
/// outside it, nor share its derived state with another project.
pub fn refuse_link(path: &Path) -> Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(Error::Invalid(
            Diagnostic::error(
                path,
                "is a symbolic link: honyaku keeps its own state in the project and never writes through links",
            )
            .help("delete the link (honyaku recreates what it needs) and run again"),
        )),
        _ => Ok(()),
    }
}

/// JSON as honyaku writes it, in files (`manifest.json`) and on stdout: pretty, with a final
/// newline.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Serializing plain data with string keys cannot fail.
    let mut json = serde_json::to_string_pretty(value).unwrap_or_default();
    json.push('\n');
    json
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
        let mut long = b"ok\n".to_vec();
        long.resize(3 + MAX_LINE_BYTES, b'a');
        assert!(
            decode_text(p, long.clone()).is_ok(),
            "the limit itself is accepted"
        );
        long.push(b'a');
        let err = decode_text(p, long).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(1)));
        assert!(
            err.message.contains("line 2 is 1048577 bytes"),
            "{}",
            err.message
        );
    }

    #[test]
    fn source_texts_are_refused_past_the_line_limit() {
        let p = Path::new("a.txt");
        assert!(check_line_count(p, "a\nb\nc\n", 3).is_ok());
        assert!(check_line_count(p, "a\nb\nc", 3).is_ok());
        assert!(check_line_count(p, "", 3).is_ok());
        let err = check_line_count(p, "a\nb\nc\nd", 3).unwrap_err();
        assert_eq!((err.line, err.column), (Some(4), Some(1)));
        assert!(
            err.message
                .contains("has 4 lines, over honyaku's limit of 3"),
            "{}",
            err.message
        );
        assert!(
            check_line_count(p, "a\nb\nc\n\n", 3).is_err(),
            "a fourth, empty line"
        );
    }

    /// One file through a batch of its own, as `build` writes each output.
    fn write_if_changed(path: &Path, contents: &[u8]) -> Result<bool> {
        let batch = Batch::default();
        let written = batch.write_if_changed(path, contents)?;
        batch.commit()?;
        Ok(written)
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
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o644, "new files are readable by others");
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
            assert!(write_if_changed(&path, b"three").unwrap());
            assert_eq!(mode(&path), 0o640, "a rewritten file keeps its mode");
        }
    }

    #[test]
    fn batches_put_every_file_in_place_at_commit_only() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("l/a.ftl"), dir.path().join("l/b.ftl"));
        let batch = Batch::default();
        batch.write(&a, b"a1", Identity::Absent).unwrap();
        batch.write(&b, b"b1", Identity::Absent).unwrap();
        assert!(!a.exists(), "nothing is in place before the commit");
        let committed = batch.commit().unwrap();
        assert_eq!(fs::read(&a).unwrap(), b"a1");
        assert_eq!(committed.written.len(), 2);
        // A batch dropped without commit leaves the targets as they were.
        let batch = Batch::default();
        batch
            .write(&a, b"never", Identity::of(&a).unwrap())
            .unwrap();
        drop(batch);
        assert_eq!(fs::read_to_string(&a).unwrap(), "a1");
        assert_eq!(fs::read_dir(dir.path().join("l")).unwrap().count(), 2);
    }

    /// The identity is what was read, not what was there when the write was staged: a save
    /// between the read and the staging is seen too.
    #[test]
    fn a_file_saved_after_it_was_read_is_left_alone_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            dir.path().join("a.ftl"),
            dir.path().join("b.ftl"),
            dir.path().join("c.ftl"),
        );
        fs::write(&a, "a0").unwrap();
        fs::write(&b, "b0").unwrap();
        let read_a = read_text_identified(&a).unwrap();
        let read_b = read_text_identified(&b).unwrap();
        // Saved after the read, before anything is staged; same length, same second.
        fs::write(&b, "b9").unwrap();
        // And a file created by someone else after honyaku found it absent.
        let read_c = Identity::of(&c).unwrap();
        fs::write(&c, "theirs").unwrap();
        let batch = Batch::default();
        batch.write(&a, b"a1", read_a.identity).unwrap();
        batch.write(&b, b"b1", read_b.identity).unwrap();
        batch.write(&c, b"c1", read_c).unwrap();
        let committed = batch.commit().unwrap();
        assert_eq!(fs::read_to_string(&a).unwrap(), "a1");
        assert_eq!(fs::read_to_string(&b).unwrap(), "b9");
        assert_eq!(fs::read_to_string(&c).unwrap(), "theirs");
        assert_eq!(committed.conflicts, [b.clone(), c.clone()]);
        assert!(committed.not_written(&b) && !committed.not_written(&a));
        assert_eq!(committed.written.get(&a), Some(&content_hash(b"a1")));
    }

    /// The moment after the last look and before the swap (which `tests/safety.rs` reaches
    /// through the test hook), here by calling the swap directly on a file saved meanwhile:
    /// the save comes out, is swapped back in, and the new content goes.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_save_found_by_the_swap_is_swapped_back() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.ftl");
        fs::write(&target, "read").unwrap();
        let read = Identity::of(&target).unwrap();
        fs::write(&target, "saved meanwhile").unwrap();
        let temp = temp_beside(&target, b"new").unwrap().into_temp_path();
        let placed = match exchange(temp, &target, read.clone(), &content_hash(b"new")) {
            Exchanged::Done(placed) => placed,
            Exchanged::Unsupported(_) => return, // a file system without RENAME_EXCHANGE
        };
        assert!(
            matches!(placed, Placed::Changed(ref p) if *p == target),
            "{placed:?}"
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "saved meanwhile");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "nothing left");
        // Unchanged: swapped in, and what came out (what was read) is gone.
        let read = Identity::of(&target).unwrap();
        let temp = temp_beside(&target, b"new").unwrap().into_temp_path();
        let Exchanged::Done(placed) = exchange(temp, &target, read, &content_hash(b"new")) else {
            unreachable!("supported above");
        };
        assert!(matches!(placed, Placed::Written(..)), "{placed:?}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "nothing left");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_replaced_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.txt");
        fs::write(&outside, "keep").unwrap();
        let link = dir.path().join("l/a.ftl");
        fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        let batch = Batch::default();
        batch
            .write(&link, b"new", Identity::of(&link).unwrap())
            .unwrap();
        batch.commit().unwrap();
        assert_eq!(fs::read_to_string(&outside).unwrap(), "keep");
        assert_eq!(fs::read_to_string(&link).unwrap(), "new");
        assert!(
            !fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.ftl");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert!(matches!(read_text(&fifo), Err(ReadError::Content(_))));
        }
        let sub = dir.path().join("y.ftl");
        fs::create_dir(&sub).unwrap();
        let Err(ReadError::Content(d)) = read_text(&sub) else {
            panic!("a directory is not read");
        };
        assert!(d.message.contains("not a regular file"), "{}", d.message);
        assert!(matches!(
            read_text(Path::new("/dev/null")),
            Err(ReadError::Content(_))
        ));
    }

    #[test]
    fn the_sweep_removes_only_temporary_files_of_the_given_directories() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "locales/fr/.honyaku-a1B2c3.tmp",
            "locales/fr/doc.ftl",
            "locales/fr/honyaku-notes.tmp",
            "locales/fr/sub/.honyaku-deeper.tmp",
            "private/.honyaku-keep00.tmp",
        ] {
            fs::create_dir_all(root.join(file).parent().unwrap()).unwrap();
            fs::write(root.join(file), "x").unwrap();
        }
        let dirs = [root.join("locales/fr"), root.join("absent")];
        assert_eq!(remove_stale_temp_files(&dirs), 1);
        assert!(!root.join("locales/fr/.honyaku-a1B2c3.tmp").exists());
        for kept in [
            "locales/fr/doc.ftl",
            "locales/fr/honyaku-notes.tmp",
            "locales/fr/sub/.honyaku-deeper.tmp",
            "private/.honyaku-keep00.tmp",
        ] {
            assert!(root.join(kept).exists(), "{kept}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_old_spare_pool_is_removed_without_following_links() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join(".honyaku");
        let outside = dir.path().join("outside");
        fs::create_dir_all(state.join("spare")).unwrap();
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("victim"), "keep").unwrap();
        fs::write(state.join("cache.json"), "{}").unwrap();
        for name in ["spare-a1B2c3", "spare-d4E5f6"] {
            fs::write(state.join("spare").join(name), "old catalog").unwrap();
        }
        std::os::unix::fs::symlink(outside.join("victim"), state.join("spare/spare-link")).unwrap();
        assert_eq!(remove_old_spare_pool(&state), 2);
        assert_eq!(fs::read_to_string(outside.join("victim")).unwrap(), "keep");
        assert!(state.join("cache.json").exists(), "only the pool goes");
        // The link kept the directory; once it is gone, the directory goes too.
        fs::remove_file(state.join("spare/spare-link")).unwrap();
        assert_eq!(remove_old_spare_pool(&state), 0);
        assert!(!state.join("spare").exists());
        // A pool that is a link to a directory elsewhere is not emptied.
        std::os::unix::fs::symlink(&outside, state.join("spare")).unwrap();
        assert_eq!(remove_old_spare_pool(&state), 0);
        assert!(outside.join("victim").exists());
    }

    #[test]
    fn the_lock_is_exclusive_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let lock = ProjectLock::acquire(dir.path(), LockWait::NoWait, |_| {}).unwrap();
        let err = ProjectLock::acquire(dir.path(), LockWait::NoWait, |_| {})
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!("process {}", std::process::id())),
            "{err}"
        );
        drop(lock);
        let _again = ProjectLock::acquire(dir.path(), LockWait::NoWait, |_| {}).unwrap();
    }

    #[test]
    fn a_lock_file_alone_locks_nothing() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(LOCK_FILE),
            format!("{}\n", std::process::id()),
        )
        .unwrap();
        let _lock = ProjectLock::acquire(dir.path(), LockWait::NoWait, |_| {}).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_lock_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("x");
        std::os::unix::fs::symlink(&target, dir.path().join(LOCK_FILE)).unwrap();
        let err = ProjectLock::acquire(dir.path(), LockWait::NoWait, |_| {}).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert!(!target.exists());
    }

    #[test]
    fn an_atomic_writer_puts_its_pieces_in_place_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.xlf");
        fs::write(&path, "old").unwrap();
        let mut writer = AtomicWriter::create(&path).unwrap();
        writer.write(b"new ").unwrap();
        // Nothing reaches the target before the commit.
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        drop(writer);
        let names = |dir: &Path| -> Vec<String> {
            let mut names: Vec<String> = fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        // Dropped midway: the old file stays and no temporary file is left.
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names(dir.path()), ["out.xlf"]);
        let mut writer = AtomicWriter::create(&path).unwrap();
        for piece in ["new ", "", "bytes\n"] {
            writer.write(piece.as_bytes()).unwrap();
        }
        writer.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new bytes\n");
        assert_eq!(names(dir.path()), ["out.xlf"]);
        // A file saved by someone else meanwhile is not replaced, as with `write_atomic`.
        let mut writer = AtomicWriter::create(&path).unwrap();
        writer.write(b"third").unwrap();
        fs::write(&path, "saved meanwhile").unwrap();
        writer.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "saved meanwhile");
        // A new file.
        let fresh = dir.path().join("sub").join("new.po");
        let mut writer = AtomicWriter::create(&fresh).unwrap();
        writer.write(b"x").unwrap();
        writer.commit().unwrap();
        assert_eq!(fs::read_to_string(&fresh).unwrap(), "x");
    }
}
