//! Never lose a translator's work, part two (issue 20): concurrent runs, saves during a sync,
//! writes that would leave the project, special files, and runs that fail after writing.
//! Each test reproduces one failure an adversarial run found, with real processes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure here is a failed test, not a crash on user data"
)]

mod common;

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Run, TempProject, translate_all};

const G20: &str = "2020-05-01-g20-digital-economy";

/// The shipped corpus synced, with a French translation of every document.
fn translated() -> TempProject {
    let project = TempProject::with_corpus();
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.ok(&["sync"]);
    for entry in fs::read_dir(project.path().join("locales/fr")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, translate_all(&text, "FR")).unwrap();
    }
    project.ok(&["sync"]);
    project
}

/// `honyaku args` started in `project`, its output captured.
fn spawn(project: &TempProject, args: &[&str]) -> Child {
    honyaku(args)
        .current_dir(project.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn honyaku(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_honyaku"));
    command.args(args).env("NO_COLOR", "1");
    command
}

fn finish(child: Child) -> Run {
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Another process holding an OS advisory lock on the project's lock file (util-linux
/// `flock`, which nobody here wrote), with its pid written in the file as honyaku writes its
/// own. Killing it must release the lock.
fn hold_lock(project: &TempProject) -> Child {
    let lock = project.path().join(".honyaku.lock");
    // `--close`: the lock stays with flock itself, not with `sleep`, so killing flock frees it.
    let child = Command::new("flock")
        .arg("--close")
        .arg(&lock)
        .args(["sleep", "60"])
        .spawn()
        .expect("util-linux flock (apt-get install util-linux)");
    // flock opens (creating) the file, then locks it: wait until it holds the lock.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let probe = Command::new("flock")
            .args(["--nonblock"])
            .arg(&lock)
            .arg("true")
            .status()
            .unwrap();
        if !probe.success() {
            break;
        }
        assert!(Instant::now() < deadline, "flock never took the lock");
        std::thread::sleep(Duration::from_millis(20));
    }
    fs::write(&lock, format!("{}\n", child.id())).unwrap();
    child
}

fn kill(mut child: Child) {
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_held_lock_makes_a_second_run_wait_or_with_no_wait_exit_2_naming_the_holder() {
    let project = TempProject::with_corpus();
    let holder = hold_lock(&project);
    let holder_pid = holder.id();

    let refused = project.run(&["sync", "--no-wait"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains(&format!(
            "another honyaku is working on this project (process {holder_pid})"
        )),
        "{}",
        refused.stderr
    );
    assert!(!project.exists("locales/ja"), "nothing was written");
    let refused = project.run(&["build", "--no-wait"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);

    // Without --no-wait it waits, says so, and proceeds once the holder is gone: killed, as
    // the kernel releases the locks of a dead process.
    let waiting = spawn(&project, &["sync"]);
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        !project.exists("locales/ja"),
        "the second run waited instead of writing"
    );
    kill(holder);
    let run = finish(waiting);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("waiting for process {holder_pid}")),
        "{}",
        run.stderr
    );
    assert!(project.exists(&format!("locales/ja/{G20}.ftl")));
}

/// A lock file naming a live process that holds no lock (a pid reused after a crash, or a
/// lock file from another machine) blocks nothing.
#[test]
fn a_lock_file_naming_a_live_process_without_the_lock_blocks_nothing() {
    let project = TempProject::with_corpus();
    project.write(".honyaku.lock", format!("{}\n", std::process::id()));
    project.ok(&["sync", "--no-wait"]);
    project.ok(&["build", "--no-wait"]);
}

/// A container sharing the checkout runs in another PID namespace, where the host's pid
/// means nothing: the lock must still keep the two runs apart.
#[cfg(target_os = "linux")]
#[test]
fn a_run_in_another_pid_namespace_waits_for_the_holder() {
    let probe = Command::new("unshare")
        .args(["--pid", "--fork", "--mount-proc", "true"])
        .stderr(Stdio::null())
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        // Needs root (or user namespaces); the soak script runs the same check for longer.
        assert!(
            std::env::var_os("CI").is_none() || !is_root(),
            "unshare --pid is missing although this runs as root"
        );
        eprintln!("skipped: cannot create a PID namespace here");
        return;
    }
    let project = TempProject::with_corpus();
    let holder = hold_lock(&project);
    let mut command = Command::new("unshare");
    command
        .args(["--pid", "--fork", "--mount-proc"])
        .arg(env!("CARGO_BIN_EXE_honyaku"))
        .arg("sync")
        .current_dir(project.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let waiting = command.spawn().unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        !project.exists("locales/ja"),
        "the run in the other namespace took the lock of a live holder"
    );
    kill(holder);
    let run = finish(waiting);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(project.exists(&format!("locales/ja/{G20}.ftl")));
}

#[cfg(unix)]
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// A committed `.honyaku` symbolic link (to a directory outside, or to another project's
/// `.honyaku`) must make honyaku refuse, not write through it.
#[cfg(unix)]
#[test]
fn a_linked_honyaku_directory_is_refused_and_nothing_is_written_through_it() {
    let project = TempProject::with_corpus();
    project.ok(&["sync"]);
    let outside = tempfile::tempdir().unwrap();
    fs::create_dir_all(outside.path().join("spare")).unwrap();
    fs::write(outside.path().join("spare/victim"), "keep me").unwrap();
    fs::remove_dir_all(project.path().join(".honyaku")).unwrap();
    std::os::unix::fs::symlink(outside.path(), project.path().join(".honyaku")).unwrap();
    project.write(
        &format!("source_texts/ja/{G20}.txt"),
        project.read(&format!("source_texts/ja/{G20}.txt")) + "\n追加の一文です。\n",
    );
    for args in [&["sync"][..], &["build"]] {
        let run = project.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(".honyaku"), "{}", run.stderr);
        assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    }
    let mut names: Vec<_> = walk(outside.path());
    names.sort();
    assert_eq!(names, ["spare", "spare/victim"], "nothing written outside");
    assert_eq!(
        fs::read_to_string(outside.path().join("spare/victim")).unwrap(),
        "keep me"
    );
    assert!(!project.exists("dist"), "build refused before writing");

    // A `dist` link out of the project is refused the same way; `--out` elsewhere is asked for.
    fs::remove_file(project.path().join(".honyaku")).unwrap();
    std::os::unix::fs::symlink(outside.path(), project.path().join("dist")).unwrap();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("dist: symbolic link"), "{}", run.stderr);
    assert_eq!(walk(outside.path()).len(), 2);
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("site");
    project.ok(&["build", "--out", out.to_str().unwrap()]);
    assert!(out.join("manifest.json").exists());
}

fn walk(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = path
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if path.is_dir() {
            found.extend(walk(&path).into_iter().map(|n| format!("{name}/{n}")));
        }
        found.push(name);
    }
    found
}

/// A large Japanese release (`sentences` sentences) and its French catalog, translated and
/// synced, then the release edited so that the next sync rewrites the French catalog.
fn large_document(sentences: usize) -> TempProject {
    let project = TempProject::new();
    let mut text = String::from("大型文書の試験\n\n");
    for i in 0..sentences {
        text.push_str(&format!(
            "これは試験用の文第{i}号であり、内容は{}です。",
            i * 7
        ));
        if i % 4 == 3 {
            text.push_str("\n\n");
        }
    }
    text.push('\n');
    project.write("source_texts/ja/big.txt", &text);
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.ok(&["sync"]);
    let fr = project.read("locales/fr/big.ftl");
    project.write("locales/fr/big.ftl", translate_all(&fr, "FR"));
    project.ok(&["sync"]);
    // Every tenth sentence edited: its French translation goes stale, the catalog changes.
    let edited: String = text
        .split_inclusive('。')
        .enumerate()
        .map(|(i, s)| {
            if i % 10 == 0 {
                s.replace("内容は", "改訂後の内容は")
            } else {
                s.to_owned()
            }
        })
        .collect();
    project.write("source_texts/ja/big.txt", edited);
    project
}

/// A translator saving the French catalog while a sync of it runs, at many moments spread
/// over the run: every save must be in the file afterwards (merged, if the sync read it, or
/// left untouched and reported).
#[test]
fn saves_at_any_moment_during_a_sync_are_never_lost() {
    let start = large_document(1500);
    let copy = || {
        let to = TempProject::new();
        common::copy_dir(
            &start.path().join("source_texts"),
            &to.path().join("source_texts"),
        );
        common::copy_dir(&start.path().join("locales"), &to.path().join("locales"));
        to
    };
    let timed = copy();
    let begun = Instant::now();
    timed.ok(&["sync"]);
    let duration = begun.elapsed();
    let catalog = start.read("locales/fr/big.ftl");
    let first_id = catalog
        .lines()
        .find_map(|l| l.split_once(" = FR ").map(|(id, _)| id.to_owned()))
        .unwrap();
    const TRIALS: u32 = 24;
    let mut conflicts = 0;
    for trial in 0..TRIALS {
        let project = copy();
        let child = spawn(&project, &["sync"]);
        // Offsets over the whole run and a little beyond it.
        std::thread::sleep(duration * trial / (TRIALS - 4));
        let saved = format!("SAVED{trial} by a translator");
        let path = project.path().join("locales/fr/big.ftl");
        let now = fs::read_to_string(&path).unwrap();
        let edited = now.replacen(
            &format!("{first_id} = FR {first_id}"),
            &format!("{first_id} = {saved}"),
            1,
        );
        // As editors save: a new file renamed over the old one.
        let temp = project.path().join("locales/fr/.big.ftl.swp");
        fs::write(&temp, &edited).unwrap();
        fs::rename(&temp, &path).unwrap();
        let run = finish(child);
        let after = fs::read_to_string(&path).unwrap();
        assert!(
            after.contains(&saved),
            "trial {trial} ({:?} into a {duration:?} sync, exit {}): the save was lost\n{}",
            duration * trial / (TRIALS - 4),
            run.code,
            run.stderr
        );
        if run.code == 1 {
            assert!(
                run.stderr.contains("saved while sync ran")
                    && run.stderr.contains("run `honyaku sync` again"),
                "{}",
                run.stderr
            );
            conflicts += 1;
        } else {
            assert_eq!(run.code, 0, "{}", run.stderr);
        }
        // The next sync merges the save.
        project.ok(&["sync"]);
        assert!(project.read("locales/fr/big.ftl").contains(&saved));
    }
    eprintln!("{conflicts} of {TRIALS} saves landed while the sync held the catalog");
}

/// A translator's save landing in the one moment no timing can hit on purpose: after the
/// commit's last look at the catalog and before the catalog is replaced (a hidden test hook
/// stops the sync there). The save must survive, and the sync must say so (exit 1).
#[test]
fn a_save_right_before_the_replacement_is_kept_and_reported() {
    let project = TempProject::new();
    project.write(
        "source_texts/ja/doc.txt",
        "見出し\n\n第一文です。第二文です。\n\n第三文です。\n",
    );
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.ok(&["sync"]);
    let fr = project.read("locales/fr/doc.ftl");
    project.write("locales/fr/doc.ftl", translate_all(&fr, "FR"));
    project.ok(&["sync"]);
    project.write(
        "source_texts/ja/doc.txt",
        "見出し\n\n第一文です。第二文（改訂）です。\n\n第三文です。\n",
    );
    let hook = tempfile::tempdir().unwrap();
    fs::write(hook.path().join("target"), "locales/fr/doc.ftl").unwrap();
    let child = honyaku(&["sync"])
        .current_dir(project.path())
        .env("HONYAKU_TEST_COMMIT_PAUSE", hook.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !hook.path().join("paused").exists() {
        assert!(Instant::now() < deadline, "the sync never reached the hook");
        std::thread::sleep(Duration::from_millis(5));
    }
    // As editors save: a new file renamed over the old one.
    let saved = project
        .read("locales/fr/doc.ftl")
        .replacen(" = FR ", " = SAVED ", 1);
    let temp = project.path().join("locales/fr/.doc.ftl.swp");
    fs::write(&temp, &saved).unwrap();
    fs::rename(&temp, project.path().join("locales/fr/doc.ftl")).unwrap();
    fs::write(hook.path().join("resume"), "").unwrap();
    let run = finish(child);
    assert_eq!(
        project.read("locales/fr/doc.ftl"),
        saved,
        "the save was overwritten (exit {}):\n{}",
        run.code,
        run.stderr
    );
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("locales/fr/doc.ftl: saved while sync ran")
            && run.stderr.contains("run `honyaku sync` again"),
        "{}",
        run.stderr
    );
    let leftovers: Vec<String> = walk(&project.path().join("locales"))
        .into_iter()
        .filter(|name| name.contains(".honyaku-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    project.ok(&["sync"]);
    assert!(project.read("locales/fr/doc.ftl").contains(" = SAVED "));
}

/// `.honyaku/spare/`, the pool of old catalogs earlier versions kept: sync removes its
/// regular files and the directory, and never follows a link inside it.
#[cfg(unix)]
#[test]
fn sync_removes_the_spare_pool_of_earlier_versions() {
    let project = TempProject::with_corpus();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("victim"), "keep me").unwrap();
    for name in ["spare-Ab12Cd", "spare-Ef34Gh"] {
        project.write(
            &format!(".honyaku/spare/{name}"),
            "title = an old catalog\n",
        );
    }
    let link = project.path().join(".honyaku/spare/spare-Ij56Kl");
    std::os::unix::fs::symlink(outside.path().join("victim"), &link).unwrap();
    project.ok(&["sync"]);
    assert!(!project.exists(".honyaku/spare/spare-Ab12Cd"));
    assert!(!project.exists(".honyaku/spare/spare-Ef34Gh"));
    assert_eq!(
        fs::read_to_string(outside.path().join("victim")).unwrap(),
        "keep me"
    );
    fs::remove_file(&link).unwrap();
    project.ok(&["sync"]);
    assert!(!project.exists(".honyaku/spare"), "the empty pool goes too");
}

/// A French catalog of about 3,000 nested placeables: every command refuses it with its line,
/// never overflows the stack, and the other documents are still handled.
#[test]
fn deeply_nested_placeables_are_refused_with_their_line_in_every_command() {
    let project = translated();
    let depth = 3000;
    let deep = format!(
        "ok = fine\nbomb = {}x{}\n",
        "{ ".repeat(depth),
        " }".repeat(depth)
    );
    project.write("locales/fr/2030-01-01-deep.ftl", &deep);
    project.write(
        "source_texts/ja/2030-01-01-deep.txt",
        project.read(&format!("source_texts/ja/{G20}.txt")),
    );
    for args in [
        &["sync"][..],
        &["status"],
        &["check"],
        &["build"],
        &["diff", "--locale", "fr"],
    ] {
        let run = project.run(args);
        assert_eq!(run.code, 1, "{args:?}: exit {}\n{}", run.code, run.stderr);
        // `check` lists it among its findings, on stdout; the others on stderr.
        let said = format!("{}{}", run.stdout, run.stderr);
        assert!(
            said.contains("locales/fr/2030-01-01-deep.ftl:2:"),
            "{args:?}: {said}"
        );
        assert!(said.contains("nested more than"), "{args:?}: {said}");
    }
    assert_eq!(project.read("locales/fr/2030-01-01-deep.ftl"), deep);
    assert!(project.exists(&format!("dist/fr/{G20}.txt")));
}

/// A FIFO or a device named like a catalog or a source text, and a directory named `x.ftl`
/// or `x.txt`: reported and skipped by every command, never a hang or an aborted run.
#[cfg(unix)]
#[test]
fn special_files_named_like_inputs_are_reported_and_skipped() {
    let project = translated();
    for fifo in [
        "locales/fr/2030-03-03-fifo.ftl",
        "source_texts/ja/2030-03-04-fifo.txt",
    ] {
        let made = Command::new("mkfifo")
            .arg(project.path().join(fifo))
            .status()
            .unwrap();
        assert!(made.success());
    }
    std::os::unix::fs::symlink(
        "/dev/zero",
        project.path().join("source_texts/ja/2030-03-05-dev.txt"),
    )
    .unwrap();
    fs::create_dir_all(project.path().join("locales/fr/2030-03-06-dir.ftl")).unwrap();
    fs::create_dir_all(project.path().join("source_texts/ja/2030-03-07-dir.txt")).unwrap();
    for args in [&["sync"][..], &["status"], &["check"], &["build"]] {
        let run = run_within_a_minute(&project, args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        for name in [
            "2030-03-03-fifo.ftl",
            "2030-03-04-fifo.txt",
            "2030-03-05-dev.txt",
            "2030-03-06-dir.ftl",
            "2030-03-07-dir.txt",
        ] {
            assert!(
                run.stderr.contains(name) && run.stderr.contains("not a regular file"),
                "{args:?} lacks {name}: {}",
                run.stderr
            );
        }
    }
    assert!(project.exists(&format!("dist/fr/{G20}.txt")));
}

/// `honyaku args` in `project`, failing the test if it has not ended after a minute (it hangs).
fn run_within_a_minute(project: &TempProject, args: &[&str]) -> Run {
    let mut child = spawn(project, args);
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("{args:?} hung on a special file");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    finish(child)
}

/// FIFOs (and a directory) named like the files honyaku keeps beside the catalogs: the
/// configuration, the cache, a ledger, a pin file, the lock, a build output. No command
/// hangs: each special file is refused or skipped with its name, or (the cache, derived
/// state) replaced.
#[cfg(unix)]
#[test]
fn special_files_named_like_honyakus_own_files_never_hang_a_run() {
    let project = translated();
    let catalogs = project.snapshot("locales");
    let mkfifo = |relative: &str| {
        let path = project.path().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = fs::remove_file(&path);
        assert!(
            Command::new("mkfifo")
                .arg(&path)
                .status()
                .unwrap()
                .success()
        );
    };
    let ledger = format!("locales/fr/{G20}.ledger");
    let ledger_text = project.read(&ledger);
    // (special file, commands, their exit code, what stderr names)
    let cases: [(&str, &[&[&str]], i32, &str); 5] = [
        (
            "honyaku.toml",
            &[&["sync"], &["status"], &["build"]],
            2,
            "honyaku.toml: not a regular file",
        ),
        (
            ".honyaku.lock",
            &[&["sync"], &["build"]],
            2,
            ".honyaku.lock: not a regular file",
        ),
        (".honyaku/cache.json", &[&["sync"], &["status"]], 0, ""),
        (
            &ledger,
            &[&["sync"], &["status"], &["build"]],
            1,
            ".ledger: not a regular file",
        ),
        (
            &format!("alignments/{G20}.toml"),
            &[&["sync"], &["status"]],
            1,
            ".toml: not a regular file",
        ),
    ];
    for (special, commands, code, named) in cases {
        mkfifo(special);
        for args in commands {
            let run = run_within_a_minute(&project, args);
            assert_eq!(run.code, code, "{special}, {args:?}: {}", run.stderr);
            assert!(
                run.stderr.contains(named),
                "{special}, {args:?}: {}",
                run.stderr
            );
        }
        let path = project.path().join(special);
        if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
            fs::remove_file(&path).unwrap();
        }
        if special == ledger {
            project.write(&ledger, &ledger_text);
        }
        assert_eq!(
            project.snapshot("locales"),
            catalogs,
            "{special}: catalogs untouched"
        );
    }
    // A directory named like a build output is reported, never moved aside or replaced.
    project.ok(&["build"]);
    let output = project.path().join(format!("dist/fr/{G20}.txt"));
    fs::remove_file(&output).unwrap();
    fs::create_dir(&output).unwrap();
    let run = run_within_a_minute(&project, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("is a directory"), "{}", run.stderr);
    assert!(output.is_dir());
    let leftovers: Vec<String> = walk(&project.path().join("dist"))
        .into_iter()
        .filter(|name| name.contains(".honyaku-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// A catalog or a source text honyaku may not read (another user's, mode 600) stops only its
/// own document: reported by name, left as it is, exit 1, and the other documents synced.
/// As root, honyaku runs as `nobody` (util-linux `setpriv`), since root reads everything.
#[cfg(unix)]
#[test]
fn a_file_honyaku_may_not_read_is_skipped_and_the_rest_synced() {
    use std::os::unix::fs::PermissionsExt;
    let project = TempProject::with_corpus();
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    let root = is_root();
    if root {
        let owned = Command::new("chown")
            .args(["-R", "nobody"])
            .arg(project.path())
            .status()
            .unwrap();
        assert!(owned.success());
    }
    fs::set_permissions(project.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let as_user = |args: &[&str]| -> Run {
        let mut command = if root {
            let mut command = Command::new("setpriv");
            command
                .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"])
                .arg(env!("CARGO_BIN_EXE_honyaku"));
            command
        } else {
            Command::new(env!("CARGO_BIN_EXE_honyaku"))
        };
        let output = command
            .args(args)
            .env("NO_COLOR", "1")
            .current_dir(project.path())
            .output()
            .unwrap();
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    };
    let first = as_user(&["sync"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let other = "2021-03-26-5g-regional-deployment-plan";
    for locked in [
        format!("locales/fr/{G20}.ftl"),
        format!("source_texts/ja/{G20}.txt"),
    ] {
        let path = project.path().join(&locked);
        let before = fs::read(&path).unwrap();
        if root {
            assert!(
                Command::new("chown")
                    .arg("root")
                    .arg(&path)
                    .status()
                    .unwrap()
                    .success()
            );
        }
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
        // Another document changes meanwhile: it must still be synced.
        let ja = format!("source_texts/ja/{other}.txt");
        project.write(&ja, project.read(&ja).replacen("。", "（改訂）。", 1));
        let run = as_user(&["sync"]);
        assert_eq!(run.code, 1, "{locked}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("{locked}: cannot be read (permission denied)")),
            "{locked}: {}",
            run.stderr
        );
        assert!(
            run.stdout
                .contains(&format!("locales/fr/{other}.ftl updated")),
            "{locked}: {}",
            run.stdout
        );
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(fs::read(&path).unwrap(), before, "{locked} left as it was");
    }
}

/// The temporary-file sweep looks only where honyaku writes: a directory it cannot read
/// (or anything else of the user's) anywhere in the project is none of its business.
#[test]
fn the_temporary_file_sweep_stays_where_honyaku_writes() {
    let project = TempProject::with_corpus();
    project.write("private/.honyaku-Xy12Zz.tmp", "not honyaku's");
    project.write("locales/ja/.honyaku-Ab12Cd.tmp", "half a catalog");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        project.write("secret/x.txt", "x");
        fs::set_permissions(
            project.path().join("secret"),
            fs::Permissions::from_mode(0o000),
        )
        .unwrap();
    }
    project.ok(&["sync"]);
    project.ok(&["build"]);
    assert!(project.exists("private/.honyaku-Xy12Zz.tmp"));
    assert!(!project.exists("locales/ja/.honyaku-Ab12Cd.tmp"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(
            project.path().join("secret"),
            fs::Permissions::from_mode(0o755),
        )
        .unwrap();
    }
}

/// File and directory names holding escape sequences are shown escaped, never sent raw to
/// the terminal.
#[cfg(unix)]
#[test]
fn control_characters_in_names_are_escaped_in_every_message() {
    let project = translated();
    project.write("locales/fr/\u{1b}[2J\u{1b}[31mevil.ftl", "a = b\n");
    project.write("source_texts/ja/bad\u{7}name.txt", "本文です。\n");
    fs::create_dir_all(project.path().join("locales/x\u{1b}]0;title\u{7}")).unwrap();
    for args in [&["sync"][..], &["status"], &["check"], &["build"]] {
        let run = project.run(args);
        for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{7}'),
                "{args:?} {stream} holds a raw control character: {text:?}"
            );
        }
        assert!(
            run.stderr.contains("\\u{1b}[31mevil.ftl"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

/// A sync whose cache cannot be written (disk full, a broken `.honyaku/`) has already put
/// the catalogs in place: it still prints what it wrote, and says the cache failed.
#[test]
fn a_failed_cache_write_still_reports_what_was_written() {
    let project = translated();
    fs::remove_dir_all(project.path().join(".honyaku")).unwrap();
    // A directory where the cache file goes: replacing it fails like a full disk would.
    project.write(".honyaku/cache.json/blocker", "x");
    let ja = format!("source_texts/ja/{G20}.txt");
    project.write(&ja, project.read(&ja).replacen("。", "（改訂）。", 1));
    let run = project.run(&["sync"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(G20),
        "the report is printed:\n{}",
        run.stdout
    );
    assert!(run.stdout.contains("newly stale"), "{}", run.stdout);
    assert!(run.stderr.contains("cache.json"), "{}", run.stderr);
}

/// A catalog that cannot be replaced (immutable, `chattr +i`) in the middle of the commit:
/// the others are put in place and reported, it is reported as not written, exit 1.
#[cfg(target_os = "linux")]
#[test]
fn an_immutable_catalog_mid_commit_is_reported_with_everything_else() {
    let project = translated();
    let victim = project.path().join(format!("locales/fr/{G20}.ftl"));
    let immutable = Command::new("chattr").arg("+i").arg(&victim).status();
    if !immutable.is_ok_and(|s| s.success()) {
        assert!(
            std::env::var_os("CI").is_none() || !is_root(),
            "chattr +i failed although this runs as root"
        );
        eprintln!("skipped: chattr +i is not available here");
        return;
    }
    for entry in fs::read_dir(project.path().join("source_texts/ja")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, text.replacen("。", "。追加の一文です。", 1)).unwrap();
    }
    let run = project.run(&["sync"]);
    let _ = Command::new("chattr").arg("-i").arg(&victim).status();
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(&format!("locales/fr/{G20}.ftl")),
        "{}",
        run.stderr
    );
    let updated = run.stdout.matches("updated").count();
    assert!(
        updated >= 5,
        "the other catalogs are reported:\n{}",
        run.stdout
    );
    // The next run finishes the job.
    project.ok(&["sync"]);
    let again = project.ok(&["sync"]);
    assert!(!again.stdout.contains("updated"), "{}", again.stdout);
}

/// A read-only catalog does not block later syncs.
#[cfg(unix)]
#[test]
fn a_read_only_catalog_does_not_block_later_syncs() {
    use std::os::unix::fs::PermissionsExt;
    let project = translated();
    let fr = project.path().join(format!("locales/fr/{G20}.ftl"));
    fs::set_permissions(&fr, fs::Permissions::from_mode(0o444)).unwrap();
    let ja = format!("source_texts/ja/{G20}.txt");
    for round in 0..3 {
        project.write(
            &ja,
            project
                .read(&ja)
                .replacen("。", &format!("。第{round}の追加です。"), 1),
        );
        project.ok(&["sync"]);
    }
}

/// `locales/fr-CA` linked to `fr` is one locale: sync settles, a second sync changes nothing.
#[cfg(unix)]
#[test]
fn a_linked_locale_directory_is_one_locale_and_sync_settles() {
    let project = translated();
    std::os::unix::fs::symlink("fr", project.path().join("locales/fr-CA")).unwrap();
    project.ok(&["sync"]);
    let before = project.snapshot("locales");
    let run = project.ok(&["sync"]);
    assert_eq!(project.snapshot("locales"), before, "{}", run.stdout);
    assert!(!run.stdout.contains("updated"), "{}", run.stdout);
}

/// A sync that wrote catalogs but could not print its report (here its output is a full
/// disk; a SIGKILL between the commit and the report does the same): the next sync lists
/// what it wrote and made stale, once.
#[cfg(target_os = "linux")]
#[test]
fn what_a_run_wrote_without_reporting_is_listed_by_the_next() {
    let project = translated();
    let ja = format!("source_texts/ja/{G20}.txt");
    project.write(&ja, project.read(&ja).replacen("。", "（改訂）。", 1));
    let full = fs::File::create("/dev/full").unwrap();
    let run = honyaku(&["sync"])
        .current_dir(project.path())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(2),
        "the report could not be printed"
    );
    let next = project.run(&["sync"]);
    assert_eq!(next.code, 0, "{}", next.stderr);
    assert!(
        next.stderr.contains(&format!(
            "locales/fr/{G20}.ftl: rewritten by an earlier sync that stopped before reporting it (newly stale: "
        )),
        "{}",
        next.stderr
    );
    let third = project.ok(&["sync"]);
    assert!(!third.stderr.contains("earlier sync"), "{}", third.stderr);
}
