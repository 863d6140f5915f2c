//! File I/O with the guarantees translators rely on: inputs are checked before use (UTF-8,
//! no NUL bytes, no UTF-16) with positions in the error, and every write is atomic (a temporary
//! file in the same directory, flushed, then renamed over the old one), so an interrupted run
//! leaves each file either old or new, never torn.

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
    batch.write(path, contents)?;
    batch.commit().map(drop)
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

/// A new temporary file in the directory of `path` (created if need be) holding `contents`.
fn temp_beside(path: &Path, contents: &[u8]) -> Result<tempfile::NamedTempFile> {
    let dir = parent_dir(path);
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    temp.write_all(contents)
        .map_err(|e| Error::io(temp.path(), e))?;
    Ok(temp)
}

/// What a file's metadata says of its content without reading it: length, modification and
/// change times (nanoseconds since 1970), inode and device. The change time moves on every
/// write and cannot be set back, so a tool that restores the modification time is still seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stat(u64, i64, i64, u64, u64);

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
            Stat(
                meta.len(),
                nanos(meta.mtime(), meta.mtime_nsec()),
                nanos(meta.ctime(), meta.ctime_nsec()),
                meta.ino(),
                meta.dev(),
            )
        };
        #[cfg(not(unix))]
        let stat = Stat(
            meta.len(),
            meta.modified().map_or(i64::MAX, nanos_since_epoch),
            0,
            0,
            0,
        );
        Ok(Some(stat))
    }

    /// Modification time, in nanoseconds since 1970.
    pub fn modified(&self) -> i64 {
        self.1
    }
}

/// A time as nanoseconds since 1970 (0 before it).
pub fn nanos_since_epoch(time: std::time::SystemTime) -> i64 {
    time.duration_since(std::time::SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
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
    spares: Option<Spares>,
    early: EarlyFlush,
}

/// Starts putting staged bytes on disk while the run is still computing: each time another
/// [`EarlyFlush::EVERY`] bytes are staged, a background thread asks the file system to write
/// them out (`syncfs`), so the commit's own flush finds little left to wait for. The profile
/// of an incremental sync at 5,000 documents showed that flush waiting 0.18 s on its own at
/// the end of the run. Linux only, like the commit's single flush.
#[derive(Debug, Default)]
struct EarlyFlush {
    /// Bytes staged since the last early flush began.
    pending: std::sync::atomic::AtomicUsize,
    running: Mutex<Option<std::thread::JoinHandle<Flushed>>>,
    /// A failed early flush: the commit must fail too, as those bytes may not be on disk.
    failed: Mutex<Option<(PathBuf, std::io::Error)>>,
}

/// How a flush of the file system holding a directory went.
type Flushed = std::result::Result<(), (PathBuf, std::io::Error)>;

impl EarlyFlush {
    const EVERY: usize = 4 << 20;

    /// Notes `bytes` staged in `dir`, and starts a flush of its file system when enough
    /// wait and none is running.
    fn staged(&self, dir: &Path, bytes: usize) {
        use std::sync::atomic::Ordering;
        if self.pending.fetch_add(bytes, Ordering::Relaxed) + bytes < Self::EVERY {
            return;
        }
        let mut running = lock(&self.running);
        if running.as_ref().is_some_and(|flush| !flush.is_finished()) {
            return;
        }
        self.pending.store(0, Ordering::Relaxed);
        self.settle(running.take());
        #[cfg(target_os = "linux")]
        if let Ok(handle) = fs::File::open(dir) {
            let dir = dir.to_owned();
            *running = Some(std::thread::spawn(move || {
                rustix::fs::syncfs(&handle).map_err(|e| (dir, e.into()))
            }));
        }
    }

    /// Waits for the running flush, if any, and returns the first failure of any.
    fn finish(&self) -> Result<()> {
        let running = lock(&self.running).take();
        self.settle(running);
        match lock(&self.failed).take() {
            Some((dir, error)) => Err(Error::io(&dir, error)),
            None => Ok(()),
        }
    }

    fn settle(&self, flush: Option<std::thread::JoinHandle<Flushed>>) {
        let Some(flush) = flush else { return };
        let outcome = flush.join().unwrap_or_else(|_| {
            let panicked = std::io::Error::other("the flush thread panicked");
            Err((PathBuf::from("."), panicked))
        });
        if let Err(failure) = outcome {
            lock(&self.failed).get_or_insert(failure);
        }
    }
}

#[derive(Debug)]
struct Staged {
    temp: Temp,
    target: PathBuf,
    /// The target's metadata when the batch was given its new bytes: a target that changed
    /// since (a translator saving it mid-run) is left alone at commit.
    expect: Option<Stat>,
    /// 128 bits of blake3 of the new bytes, in hex.
    hash: String,
}

/// What a commit did: the files put in place with the hash of their new bytes, and those
/// left alone because they changed after the batch read them.
#[derive(Debug, Default)]
pub struct Committed {
    pub written: std::collections::HashMap<PathBuf, String>,
    pub conflicts: Vec<PathBuf>,
}

/// The content hash the cache and commits use: 128 bits of blake3, in hex.
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..32].to_owned()
}

/// Where a staged file's new bytes wait.
#[derive(Debug)]
enum Temp {
    /// A new temporary file beside the target, renamed over it.
    Fresh(tempfile::TempPath),
    /// A file of the spare pool, exchanged with the target (see [`Spares`]).
    Spare(PathBuf),
}

/// A pool of spare files (`.honyaku/spare/`) that replaced files are exchanged with, on
/// Linux, instead of new files renamed over them. Renaming over a file frees its inode and
/// each temporary file takes a new one; on this project's machines (ext4 without a journal,
/// where the allocator steps over every recently freed inode before it reuses one) inode
/// allocation was a quarter of an incremental sync's profile at 5,000 documents, and grows
/// with every file written. An exchange (`renameat2(RENAME_EXCHANGE)`) is as atomic as a
/// rename: the target holds the new bytes and the spare the old ones, which the spare's next
/// use overwrites in place (freeing their blocks at commit cost more than the exchange); the
/// same inodes and blocks go round from one run to the next.
#[derive(Debug)]
struct Spares {
    dir: PathBuf,
    device: u64,
    free: Mutex<Vec<PathBuf>>,
}

const SPARE_PREFIX: &str = "spare-";

impl Batch {
    /// A batch that exchanges replaced files with the spare files kept in `dir` (created if
    /// needed). Where spares cannot be used (not Linux, another file system, a new file), it
    /// writes as [`Batch::default`] does.
    pub fn with_spares(dir: &Path) -> Batch {
        Batch {
            staged: Mutex::default(),
            spares: Spares::open(dir),
            early: EarlyFlush::default(),
        }
    }

    /// Writes `contents` to a temporary file that [`Batch::commit`] will put at `path`,
    /// unless `path` changes in between.
    pub fn write(&self, path: &Path, contents: &[u8]) -> Result<()> {
        let expect = Stat::of(path).map_err(|e| Error::io(path, e))?;
        let temp = match self.spares.as_ref().and_then(|s| s.take(path)) {
            Some(spare) => {
                let mut file = open_spare(&spare).map_err(|e| Error::io(&spare, e))?;
                // Overwritten, then cut to length: the blocks of the bytes it held are
                // reused rather than freed and allocated again.
                file.write_all(contents)
                    .and_then(|()| file.set_len(contents.len() as u64))
                    .map_err(|e| Error::io(&spare, e))?;
                keep_permissions(path, &file)?;
                Temp::Spare(spare)
            }
            None => {
                let temp = temp_beside(path, contents)?;
                keep_permissions(path, temp.as_file())?;
                // Closed now: a batch may hold more files than a process may keep open.
                Temp::Fresh(temp.into_temp_path())
            }
        };
        lock(&self.staged).push(Staged {
            temp,
            target: path.to_owned(),
            expect,
            hash: content_hash(contents),
        });
        self.early.staged(parent_dir(path), contents.len());
        Ok(())
    }

    /// [`Batch::write`], unless the file already holds exactly these bytes (it then keeps
    /// its timestamp); returns whether it will be written.
    pub fn write_if_changed(&self, path: &Path, contents: &[u8]) -> Result<bool> {
        if fs::read(path).is_ok_and(|old| old == contents) {
            return Ok(false);
        }
        self.write(path, contents)?;
        Ok(true)
    }

    /// Flushes every staged file to disk, puts each in place, then flushes the directories
    /// that hold them, so that once honyaku exits the new files are what a crash would leave.
    /// A target whose metadata changed since it was staged is left as it is and listed in
    /// [`Committed::conflicts`]: its new content would overwrite someone's edit.
    pub fn commit(self) -> Result<Committed> {
        let mut staged = self
            .staged
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if staged.is_empty() {
            return Ok(Committed::default());
        }
        staged.sort_by(|a, b| a.target.cmp(&b.target));
        self.early.finish()?;
        flush_files(&staged)?;
        let mut dirs: Vec<PathBuf> = staged
            .iter()
            .map(|s| parent_dir(&s.target).to_owned())
            .collect();
        dirs.dedup();
        // Each file is put in place on its own; the order does not matter to the result.
        let placed: Vec<std::result::Result<(PathBuf, String), PathBuf>> = staged
            .into_par_iter()
            .map(
                |Staged {
                     temp,
                     target,
                     expect,
                     hash,
                 }| {
                    let now = Stat::of(&target).map_err(|e| Error::io(&target, e))?;
                    if now != expect {
                        return Ok(Err(target));
                    }
                    match temp {
                        Temp::Fresh(temp) => temp
                            .persist(&target)
                            .map_err(|e| Error::io(&target, e.error))?,
                        Temp::Spare(spare) => exchange(&spare, &target)?,
                    }
                    Ok(Ok((target, hash)))
                },
            )
            .collect::<Result<_>>()?;
        for dir in dirs {
            flush_dir(&dir)?;
        }
        let mut committed = Committed::default();
        for result in placed {
            match result {
                Ok((target, hash)) => {
                    committed.written.insert(target, hash);
                }
                Err(target) => committed.conflicts.push(target),
            }
        }
        Ok(committed)
    }
}

/// Locks a mutex, taking over one a panicking thread left poisoned (its data are plain lists).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Spares {
    #[cfg(target_os = "linux")]
    fn open(dir: &Path) -> Option<Spares> {
        use std::os::unix::fs::MetadataExt;
        fs::create_dir_all(dir).ok()?;
        let device = fs::symlink_metadata(dir).ok()?.dev();
        let mut free: Vec<PathBuf> = fs::read_dir(dir)
            .ok()?
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(SPARE_PREFIX))
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.path())
            .collect();
        free.sort();
        Some(Spares {
            dir: dir.to_owned(),
            device,
            free: Mutex::new(free),
        })
    }

    #[cfg(not(target_os = "linux"))]
    fn open(_dir: &Path) -> Option<Spares> {
        None
    }

    /// A spare to stand in for `target`: only for a regular file that exists (a new file
    /// needs a new inode anyway) on the pool's file system.
    fn take(&self, target: &Path) -> Option<PathBuf> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = fs::symlink_metadata(target).ok()?;
            if !meta.file_type().is_file() || meta.dev() != self.device {
                return None;
            }
        }
        while let Some(spare) = lock(&self.free).pop() {
            // A spare holds a replaced file's inode: if someone kept a hard link to that file
            // (a backup, a snapshot made with `cp -al`), writing into it would change theirs.
            // Such a spare leaves the pool; their link keeps the bytes.
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                let alone = fs::symlink_metadata(&spare)
                    .is_ok_and(|m| m.file_type().is_file() && m.nlink() == 1);
                if !alone {
                    let _ = fs::remove_file(&spare);
                    continue;
                }
            }
            return Some(spare);
        }
        let spare = tempfile::Builder::new()
            .prefix(SPARE_PREFIX)
            .tempfile_in(&self.dir)
            .ok()?;
        spare.into_temp_path().keep().ok()
    }
}

/// Opens a spare for new bytes, never through a link.
fn open_spare(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::File::options();
    options.write(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    options.open(path)
}

/// Swaps a spare holding new bytes with its target; the spare then holds the old bytes until
/// it is next overwritten (`.honyaku/` is derived state: deleting it reclaims the space). A
/// target that vanished meanwhile, or a file system without exchanges, gets a plain rename.
fn exchange(spare: &Path, target: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, spare, CWD, target, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    fs::rename(spare, target).map_err(|e| Error::io(target, e))
}

/// Puts the contents of staged files on disk. On Linux one `syncfs` per file system holding
/// them does it for all; elsewhere each file is flushed in turn.
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
    for Staged { temp, .. } in staged {
        let path: &Path = match temp {
            Temp::Fresh(temp) => temp,
            Temp::Spare(spare) => spare,
        };
        let file = fs::File::open(path).map_err(|e| Error::io(path, e))?;
        file.sync_all().map_err(|e| Error::io(path, e))?;
    }
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

/// Removes the temporary files killed runs left under `root` (not following symbolic links,
/// not entering hidden directories such as `.git`, except honyaku's own cache directory) and
/// returns how many. Only safe while
/// holding the project lock: no other run can be mid-write then. Outputs written outside the
/// project (`build --out /elsewhere`) are not swept.
pub fn remove_stale_temp_files(root: &Path) -> Result<usize> {
    let mut removed = 0;
    let mut pending = vec![root.to_owned()];
    while let Some(dir) = pending.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => return Err(Error::io(&dir, error)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&dir, e))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let kind = entry.file_type().map_err(|e| Error::io(&entry.path(), e))?;
            if kind.is_dir() && (!name.starts_with('.') || name == crate::catalog::cache::CACHE_DIR)
            {
                pending.push(entry.path());
            } else if kind.is_file() && name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
            {
                match fs::remove_file(entry.path()) {
                    Ok(()) => removed += 1,
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                    Err(error) => return Err(Error::io(&entry.path(), error)),
                }
            }
        }
    }
    Ok(removed)
}

/// Gives the new file the permissions of the one it replaces, or the usual `rw-r--r--` for
/// a new file: temporary files are created owner-only, which would lock other users (and a
/// web server publishing `dist/`) out of a shared checkout.
fn keep_permissions(path: &Path, file: &fs::File) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o7777);
        file.set_permissions(fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(path, e))?;
    }
    #[cfg(not(unix))]
    let _ = (path, file);
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
    /// that no longer exists (killed, crashed) is taken over, and the temporary files such a
    /// run may have left are removed.
    pub fn acquire(root: &Path) -> Result<ProjectLock> {
        let lock = Self::take(root)?;
        remove_stale_temp_files(root)?;
        Ok(lock)
    }

    /// The lock file appears with its holder's pid already in it (written to a temporary
    /// file, then hard-linked into place, which fails if the lock exists): a lock read while
    /// being taken would look empty, hence stale, and two runs would both proceed.
    fn take(root: &Path) -> Result<ProjectLock> {
        let path = root.join(LOCK_FILE);
        let mut mine = tempfile::Builder::new()
            .prefix(".honyaku-lock-")
            .tempfile_in(root)
            .map_err(|e| Error::io(root, e))?;
        writeln!(mine, "{}", std::process::id()).map_err(|e| Error::io(mine.path(), e))?;
        for _ in 0..2 {
            match fs::hard_link(mine.path(), &path) {
                Ok(()) => return Ok(ProjectLock { path }),
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(&path).unwrap_or_default();
                    let pid = holder.trim().parse::<u32>().ok();
                    if pid.is_some_and(process_exists) {
                        let holder = format!("process {}", pid.unwrap_or_default());
                        return Err(Error::Locked { path, holder });
                    }
                    // The holder is gone: the lock is stale, unless someone just replaced it.
                    if fs::read_to_string(&path).unwrap_or_default() != holder {
                        continue;
                    }
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
    fn batches_put_every_file_in_place_at_commit_and_recycle_spares() {
        let dir = tempfile::tempdir().unwrap();
        let spares = dir.path().join(".honyaku/spare");
        let (a, b) = (dir.path().join("l/a.ftl"), dir.path().join("l/b.ftl"));
        let count = |d: &Path| fs::read_dir(d).map_or(0, |e| e.count());

        let batch = Batch::with_spares(&spares);
        batch.write(&a, b"a1").unwrap();
        batch.write(&b, b"b1").unwrap();
        assert!(!a.exists(), "nothing is in place before the commit");
        batch.commit().unwrap();
        assert_eq!(fs::read(&a).unwrap(), b"a1");
        assert_eq!(count(&spares), 0, "new files need new inodes, not spares");

        for round in 2..5 {
            let batch = Batch::with_spares(&spares);
            batch.write(&a, format!("a{round}").as_bytes()).unwrap();
            batch.write(&b, format!("b{round}").as_bytes()).unwrap();
            batch.commit().unwrap();
            assert_eq!(fs::read_to_string(&a).unwrap(), format!("a{round}"));
            assert_eq!(fs::read_to_string(&b).unwrap(), format!("b{round}"));
        }
        if cfg!(target_os = "linux") {
            assert_eq!(count(&spares), 2, "the same two spares go round");
            let mut held: Vec<String> = fs::read_dir(&spares)
                .unwrap()
                .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
                .collect();
            held.sort();
            assert_eq!(
                held,
                ["a3", "b3"],
                "exchanged: the spares hold the replaced bytes"
            );
        }
        assert_eq!(count(a.parent().unwrap()), 2, "no temporary files left");

        // A batch dropped without commit leaves the targets as they were.
        let batch = Batch::with_spares(&spares);
        batch.write(&a, b"never").unwrap();
        drop(batch);
        assert_eq!(fs::read_to_string(&a).unwrap(), "a4");
    }

    #[test]
    fn a_file_changed_after_staging_is_left_alone_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.ftl"), dir.path().join("b.ftl"));
        fs::write(&a, "a0").unwrap();
        fs::write(&b, "b0").unwrap();
        let batch = Batch::with_spares(&dir.path().join(".honyaku/spare"));
        batch.write(&a, b"a1").unwrap();
        batch.write(&b, b"b1").unwrap();
        fs::write(&b, "a translator's save, longer").unwrap();
        let committed = batch.commit().unwrap();
        assert_eq!(fs::read_to_string(&a).unwrap(), "a1");
        assert_eq!(
            fs::read_to_string(&b).unwrap(),
            "a translator's save, longer"
        );
        assert_eq!(committed.conflicts, [b]);
        assert_eq!(committed.written.get(&a), Some(&content_hash(b"a1")));
    }

    #[cfg(unix)]
    #[test]
    fn a_spare_someone_else_links_to_is_never_written_into() {
        let dir = tempfile::tempdir().unwrap();
        let spares = dir.path().join(".honyaku/spare");
        let a = dir.path().join("a.ftl");
        let backup = dir.path().join("backup.ftl");
        fs::write(&a, "v0").unwrap();
        fs::hard_link(&a, &backup).unwrap();
        for version in ["v1", "v2", "v3"] {
            let batch = Batch::with_spares(&spares);
            batch.write(&a, version.as_bytes()).unwrap();
            batch.commit().unwrap();
            assert_eq!(fs::read_to_string(&a).unwrap(), version);
        }
        assert_eq!(
            fs::read_to_string(&backup).unwrap(),
            "v0",
            "the backup kept its bytes"
        );
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
        let batch = Batch::with_spares(&dir.path().join(".honyaku/spare"));
        batch.write(&link, b"new").unwrap();
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

    #[test]
    fn taking_the_lock_removes_temporary_files_of_killed_runs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "locales/fr/.honyaku-a1B2c3.tmp",
            "dist/fr/.honyaku-zzzzzz.tmp",
            "locales/fr/doc.ftl",
            "locales/fr/honyaku-notes.tmp",
            ".git/.honyaku-keep00.tmp",
            ".honyaku/.honyaku-cache0.tmp",
        ] {
            fs::create_dir_all(root.join(file).parent().unwrap()).unwrap();
            fs::write(root.join(file), "x").unwrap();
        }
        let lock = ProjectLock::acquire(root).unwrap();
        assert!(!root.join("locales/fr/.honyaku-a1B2c3.tmp").exists());
        assert!(!root.join("dist/fr/.honyaku-zzzzzz.tmp").exists());
        assert!(root.join("locales/fr/doc.ftl").exists());
        assert!(
            root.join("locales/fr/honyaku-notes.tmp").exists(),
            "not ours"
        );
        assert!(
            root.join(".git/.honyaku-keep00.tmp").exists(),
            "hidden dirs are not entered"
        );
        assert!(
            !root.join(".honyaku/.honyaku-cache0.tmp").exists(),
            "but the cache's is"
        );
        drop(lock);
        assert_eq!(remove_stale_temp_files(root).unwrap(), 0);
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
