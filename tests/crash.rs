//! Crash safety: `honyaku sync` and `honyaku build` are SIGKILLed at seeded random moments on
//! a corpus large enough to be caught mid-write. After every kill, each file under `locales/`
//! and `dist/` must be its old or its new version (never torn, never a third text), temporary
//! files must not be taken for documents, the dead run's lock must not block the next run,
//! `dist/manifest.json` must describe the outputs beside it unless it says it is pending,
//! and that next run must converge to the bytes of an uninterrupted run.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure here is a failed test, not a crash on user data"
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::rng::Lcg;
use common::{TempProject, copy_dir, repo, translate_all};

/// Copies of each shipped release (so 6 × COPIES source texts, 3 × COPIES documents).
const COPIES: usize = 5;
/// Kills per command.
const KILLS: usize = 21;
/// At most this many more kills per command when the seeded ones missed a side of the commit.
const EXTRA_KILLS: usize = 8;
const SEED: u64 = 0x5EED_0008;
const BUILD: &[&str] = &[
    "build", "--format", "txt", "--format", "md", "--format", "html",
];

/// Every file under `dir` of the project, by path relative to the project root.
fn files(project: &TempProject, dir: &str) -> BTreeMap<PathBuf, Vec<u8>> {
    project
        .snapshot(dir)
        .into_iter()
        .map(|(path, bytes)| (path.strip_prefix(project.path()).unwrap().to_owned(), bytes))
        .collect()
}

fn is_temp(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(".honyaku-") && n.ends_with(".tmp"))
}

/// The project's state as the crash checks see it: catalogs and outputs.
fn state(project: &TempProject) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = files(project, "locales");
    all.extend(files(project, "dist"));
    all
}

/// A copy of `from` (sources, catalogs, outputs) in a new temporary project.
fn clone(from: &TempProject) -> TempProject {
    let to = TempProject::new();
    for dir in ["source_texts", "locales", "dist"] {
        if from.exists(dir) {
            copy_dir(&from.path().join(dir), &to.path().join(dir));
        }
    }
    to
}

/// The releases, each in `COPIES` variants: revision `rev` changes one figure per copy so a
/// sync after it has every document to rewrite.
fn write_sources(project: &TempProject, rev: usize) {
    for lang in ["ja", "en"] {
        let dir = repo().join("source_texts").join(lang);
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
            let text = fs::read_to_string(&path).unwrap();
            for copy in 0..COPIES {
                // Every copy differs; revision 2 edits the first line holding a digit.
                let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
                if let Some(line) = lines.iter_mut().find(|l| l.contains('2')) {
                    *line = line.replacen('2', &format!("{}", 2 + copy + 100 * rev), 1);
                }
                let mut varied = lines.join("\n");
                varied.push('\n');
                project.write(&format!("source_texts/{lang}/{stem}-{copy:03}.txt"), varied);
            }
        }
    }
}

/// The state before the run under test: revision 1 synced, French fully translated and
/// built, then the sources edited to revision 2.
fn before() -> TempProject {
    let project = TempProject::new();
    write_sources(&project, 1);
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.ok(&["sync"]);
    for (path, bytes) in files(&project, "locales/fr") {
        let text = String::from_utf8(bytes).unwrap();
        project.write(path.to_str().unwrap(), translate_all(&text, "FR"));
    }
    project.ok(&["sync"]);
    project.ok(BUILD);
    write_sources(&project, 2);
    project
}

/// When to kill a run.
#[derive(Debug, Clone, Copy)]
enum Moment {
    /// This long after it started.
    After(Duration),
    /// This long after its first file was put in place (a file under `locales/` or `dist/`
    /// appeared or changed, temporary files aside): timers alone rarely hit the commit at the
    /// end of a run, when every file is put in place.
    AfterFirstWrite(Duration),
}

/// What changes when honyaku puts a file in place: the modification times of the locale
/// directories, and the files under `dist/` (temporary files aside) with their inodes and
/// modification times.
fn write_marks(project: &TempProject) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    fn walk(dir: &Path, marks: &mut Vec<(PathBuf, u64, Option<std::time::SystemTime>)>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            if meta.is_dir() {
                walk(&path, marks);
            } else if !is_temp(&path) {
                #[cfg(unix)]
                let inode = std::os::unix::fs::MetadataExt::ino(&meta);
                #[cfg(not(unix))]
                let inode = 0;
                marks.push((path, inode, meta.modified().ok()));
            }
        }
    }
    let mut marks = Vec::new();
    // Files are staged beside their targets, so only the files themselves tell.
    walk(&project.path().join("locales"), &mut marks);
    walk(&project.path().join("dist"), &mut marks);
    // A build writes its manifest as pending well before it puts any output in place (a
    // flush of the disk comes between): the first output is what starts the commit.
    let manifest = project.path().join(MANIFEST);
    marks.retain(|(path, ..)| *path != manifest);
    marks.sort();
    marks
}

/// Starts `honyaku args` in `project`, SIGKILLs it at `moment` (if still running) and
/// reports whether the kill landed before it finished.
fn run_and_kill(project: &TempProject, args: &[&str], moment: Moment) -> bool {
    let marks = write_marks(project);
    let mut child = Command::new(env!("CARGO_BIN_EXE_honyaku"))
        .args(args)
        .current_dir(project.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let delay = match moment {
        Moment::After(delay) => delay,
        Moment::AfterFirstWrite(delay) => {
            while child.try_wait().unwrap().is_none() && write_marks(project) == marks {
                std::thread::sleep(Duration::from_micros(50));
            }
            delay
        }
    };
    std::thread::sleep(delay);
    let killed = child.try_wait().unwrap().is_none();
    // `kill` is SIGKILL on Unix; `wait` reaps it so its pid is really gone.
    child.kill().unwrap();
    child.wait().unwrap();
    killed
}

/// What the kill trials of one command saw, for the final sanity check.
#[derive(Debug, Default)]
struct Seen {
    killed: usize,
    /// Kills after which some files were new and others still old.
    mid_write: usize,
    /// Kills after which every file was still old, or already new.
    all_old: usize,
    all_new: usize,
    temp_files: usize,
    /// Kills after which the manifest said it was pending.
    pending_manifests: usize,
}

const MANIFEST: &str = "dist/manifest.json";

/// Checks that the manifest in `after` describes the outputs beside it (every hash matches),
/// or says it is pending and is otherwise the new one; returns whether it was pending.
fn check_manifest(
    after: &BTreeMap<PathBuf, Vec<u8>>,
    done: &BTreeMap<PathBuf, Vec<u8>>,
    trial: usize,
) -> bool {
    let Some(bytes) = after.get(Path::new(MANIFEST)) else {
        return false;
    };
    let manifest: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    if manifest["pending"] == serde_json::Value::Bool(true) {
        let mut finished = manifest.clone();
        finished.as_object_mut().unwrap().remove("pending");
        let new: serde_json::Value = serde_json::from_slice(&done[Path::new(MANIFEST)]).unwrap();
        assert_eq!(
            finished, new,
            "trial {trial}: a pending manifest lists the new outputs"
        );
        return true;
    }
    for output in manifest["outputs"].as_array().unwrap() {
        let path = Path::new("dist").join(output["path"].as_str().unwrap());
        let hash = after
            .get(&path)
            .map(|b| blake3::hash(b).to_hex().to_string());
        assert_eq!(
            hash.as_deref(),
            output["blake3"].as_str(),
            "trial {trial}: the manifest does not describe {}",
            path.display()
        );
    }
    false
}

/// One command's kill trials: where they start, what an uninterrupted run leaves, and what
/// the rerun after a kill must converge to.
struct Trials<'a> {
    start: &'a TempProject,
    args: &'a [&'a str],
    done: &'a BTreeMap<PathBuf, Vec<u8>>,
    rerun: &'a [&'a [&'a str]],
    converged: &'a BTreeMap<PathBuf, Vec<u8>>,
}

impl Trials<'_> {
    /// Kills the command in copies of the start at seeded moments, checks each file is old
    /// (`start`) or new (`done`), then reruns `rerun` and expects `converged`. A third of the
    /// moments are spread over `0..duration`, the others fall within 0.4 ms of the first file
    /// put in place.
    fn all(&self, duration: Duration, expect_mid_write: bool, rng: &mut Lcg) -> Seen {
        let old = state(self.start);
        let mut seen = Seen::default();
        let micros = (duration.as_micros() as usize).max(1);
        for trial in 0..KILLS {
            let delay = Duration::from_micros(rng.below(micros) as u64);
            let moment = if trial % 3 == 0 {
                Moment::After(delay)
            } else {
                // Files are put in place together at the end (`fsio::Batch::commit`, a few
                // milliseconds here): kills right after the first one land in the middle.
                Moment::AfterFirstWrite(Duration::from_micros(rng.below(400) as u64))
            };
            self.one(&old, trial, moment, &mut seen);
        }
        // On a loaded machine a run may take longer or shorter than the uninterrupted one that
        // set `duration`, so the seeded moments can all miss one side of the commit. Then more
        // kills are tried, each earlier (or closer to the first write) than the last, until both
        // sides were seen; every one of them is checked like the others.
        let mut extra = 0;
        while extra < EXTRA_KILLS && seen.all_old == 0 {
            extra += 1;
            let delay = Duration::from_micros((micros >> extra) as u64);
            self.one(&old, KILLS + extra, Moment::After(delay), &mut seen);
        }
        while extra < EXTRA_KILLS && seen.mid_write == 0 && expect_mid_write {
            extra += 1;
            let delay = Duration::from_micros((400 >> extra) as u64);
            self.one(
                &old,
                KILLS + extra,
                Moment::AfterFirstWrite(delay),
                &mut seen,
            );
        }
        seen
    }

    /// Runs the command in a copy of the start, kills it at `moment`, checks every file and
    /// the rerun, and counts what it saw in `seen`.
    fn one(&self, old: &BTreeMap<PathBuf, Vec<u8>>, trial: usize, moment: Moment, seen: &mut Seen) {
        let Trials {
            start,
            args,
            done,
            rerun,
            converged,
        } = *self;
        let project = clone(start);
        seen.killed += usize::from(run_and_kill(&project, args, moment));
        let after = state(&project);
        let (mut olds, mut news) = (0, 0);
        let pending = check_manifest(&after, done, trial);
        seen.pending_manifests += usize::from(pending);
        for (path, bytes) in &after {
            if is_temp(path) {
                seen.temp_files += 1;
                continue;
            }
            if pending && path == Path::new(MANIFEST) {
                continue;
            }
            let was = old.get(path);
            let will = done.get(path);
            assert!(
                was == Some(bytes) || will == Some(bytes),
                "{args:?} trial {trial} ({moment:?}): {} is neither its old nor its new version",
                path.display()
            );
            if was != will {
                if was == Some(bytes) {
                    olds += 1;
                } else {
                    news += 1;
                }
            }
        }
        // A file may only be missing if it is missing in one of the two versions.
        for path in old.keys().chain(done.keys()) {
            assert!(
                after.contains_key(path) || !old.contains_key(path) || !done.contains_key(path),
                "{args:?} trial {trial}: {} vanished",
                path.display()
            );
        }
        match (olds > 0, news > 0) {
            (true, true) => seen.mid_write += 1,
            (true, false) => seen.all_old += 1,
            (false, true) => seen.all_new += 1,
            (false, false) => {}
        }

        // Temporary files are not documents: status neither lists nor complains about them.
        if after.keys().any(|p| is_temp(p)) {
            let status = project.run(&["status", "--format", "json"]);
            assert!(
                !status.stdout.contains(".honyaku-") && !status.stderr.contains(".honyaku-"),
                "temporary files leaked into status:\n{}\n{}",
                status.stdout,
                status.stderr
            );
        }

        for args in rerun {
            project.ok(args);
        }
        let final_state = state(&project);
        let temps: Vec<_> = final_state.keys().filter(|p| is_temp(p)).collect();
        assert!(
            temps.is_empty(),
            "temporary files survived the rerun: {temps:?}"
        );
        if &final_state != converged {
            let differing: BTreeSet<_> = final_state
                .iter()
                .filter(|(p, b)| converged.get(*p) != Some(*b))
                .map(|(p, _)| p)
                .chain(converged.keys().filter(|p| !final_state.contains_key(*p)))
                .collect();
            let first = differing.iter().next().map(|p| {
                let show = |m: &BTreeMap<PathBuf, Vec<u8>>| {
                    m.get(*p).map(|b| String::from_utf8_lossy(b).into_owned())
                };
                (show(&final_state), show(converged))
            });
            panic!(
                "{args:?} trial {trial} ({moment:?}): the rerun did not converge; differing: {differing:?}\nfirst (rerun, uninterrupted): {first:#?}"
            );
        }
    }
}

#[test]
fn killed_sync_and_build_leave_old_or_new_files_and_the_next_run_converges() {
    let started = Instant::now();
    let start = before();
    let prepared = started.elapsed();

    // The uninterrupted runs, on copies: sync alone, then sync and build (every format, so
    // the build has many files to write).
    let synced = clone(&start);
    let t = Instant::now();
    synced.ok(&["sync"]);
    let sync_time = t.elapsed();
    let synced_state = state(&synced);
    let built = clone(&synced);
    let t = Instant::now();
    built.ok(BUILD);
    let build_time = t.elapsed();
    let built_state = state(&built);
    assert_ne!(state(&start), synced_state, "revision 2 changes catalogs");
    assert_ne!(
        synced_state, built_state,
        "the build after it changes outputs"
    );

    let mut rng = Lcg(SEED);
    // A build only reads catalogs, so converging catalogs (and untouched outputs) after a
    // killed sync is the whole promise for sync.
    let sync_seen = Trials {
        start: &start,
        args: &["sync"],
        done: &synced_state,
        rerun: &[&["sync"]],
        converged: &synced_state,
    }
    .all(sync_time, false, &mut rng);
    let build_seen = Trials {
        start: &synced,
        args: BUILD,
        done: &built_state,
        rerun: &[BUILD],
        converged: &built_state,
    }
    .all(build_time, true, &mut rng);
    eprintln!(
        "setup {prepared:?}; sync {sync_time:?}: {sync_seen:?}\nbuild {build_time:?}: {build_seen:?}\ntotal {:?}",
        started.elapsed()
    );
    // The trials mean something only if kills landed while files were being written.
    for (name, seen) in [("sync", &sync_seen), ("build", &build_seen)] {
        assert!(
            seen.killed >= KILLS / 2,
            "{name}: too few kills landed: {seen:?}"
        );
        assert!(
            seen.all_old > 0 && seen.mid_write + seen.all_new > 0,
            "{name}: kills did not land both before and after the commit began: {seen:?}"
        );
    }
    // A build puts hundreds of files in place; a sync of this small project a handful, in
    // well under a millisecond, which kills rarely hit: there the check above must do.
    assert!(
        build_seen.mid_write > 0,
        "build: no kill landed mid-commit: {build_seen:?}"
    );
}

/// A lock and temporary files left by a killed run (its pid is dead) do not block or confuse
/// the next run, which removes the temporary files.
#[test]
fn a_dead_runs_lock_and_temporary_files_are_recovered() {
    let project = TempProject::with_corpus();
    project.ok(&["sync"]);
    let catalogs = files(&project, "locales");
    // A pid above Linux's pid_max: no such process can exist.
    project.write(".honyaku.lock", "4194305\n");
    project.write("locales/ja/.honyaku-Ab12Cd.tmp", "title = half a fil");
    project.write("dist/ja/.honyaku-Ef34Gh.tmp", "half an outp");
    let status = project.ok(&["status"]);
    assert!(
        !status.stdout.contains("honyaku-Ab12Cd"),
        "{}",
        status.stdout
    );
    project.ok(&["sync", "--no-wait"]);
    project.ok(&["build", "--no-wait"]);
    assert!(!project.exists("locales/ja/.honyaku-Ab12Cd.tmp"));
    assert!(!project.exists("dist/ja/.honyaku-Ef34Gh.tmp"));
    assert_eq!(files(&project, "locales"), catalogs, "nothing else changed");
}

/// Syncs started together on one project never run at once: each waits for the one holding
/// the lock, all finish, and the catalogs end as one sync leaves them.
#[test]
fn simultaneous_syncs_take_turns() {
    let project = TempProject::with_corpus();
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    let reference = clone(&project);
    reference.ok(&["sync"]);
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_honyaku"))
                .arg("sync")
                .current_dir(project.path())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
    }
    assert_eq!(files(&project, "locales"), files(&reference, "locales"));
}
