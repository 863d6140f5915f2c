//! The one harness every integration test uses: a temporary project, the real `honyaku`
//! binary run in it, and helpers to read and write its files.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the harness"
)]
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test harness: a failure here is a failed test"
)]

pub mod heldout;
pub mod rng;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root, where the shipped corpus lives.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the seed and benchmark data that CI places beside the repository (`../shared`,
/// or `$HONYAKU_SHARED` when set, e.g. `/work/shared` on a workstation). Absent, the test
/// that needs it is skipped with a message, except under `CI=true`, where a missing file
/// fails it: CI must not pass a test that did not run.
pub fn shared(relative: &str) -> Option<PathBuf> {
    let root =
        std::env::var_os("HONYAKU_SHARED").map_or_else(|| repo().join("../shared"), PathBuf::from);
    let path = root.join(relative);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{} is missing: CI needs the shared data beside the repository (../shared) or in $HONYAKU_SHARED",
        path.display()
    );
    eprintln!(
        "skipping: {} not found (put shared/ beside the repository or set HONYAKU_SHARED)",
        path.display()
    );
    None
}

/// What a run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A project in a temporary directory, deleted when dropped.
pub struct TempProject {
    dir: tempfile::TempDir,
}

impl TempProject {
    /// An empty project: `source_texts/` and nothing else.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        fs::create_dir_all(dir.path().join("source_texts")).expect("source_texts");
        TempProject { dir }
    }

    /// A project holding a copy of the shipped source texts.
    pub fn with_corpus() -> Self {
        let project = TempProject::new();
        copy_dir(
            &repo().join("source_texts"),
            &project.path().join("source_texts"),
        );
        project
    }

    /// The shipped corpus with its catalogs, synced.
    pub fn synced_corpus() -> Self {
        let project = TempProject::with_corpus();
        copy_dir(&repo().join("locales"), &project.path().join("locales"));
        project.ok(&["sync"]);
        project
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.path().join(relative);
        fs::create_dir_all(path.parent().expect("parent")).expect("create dirs");
        fs::write(path, contents).expect("write");
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path().join(relative))
            .unwrap_or_else(|e| panic!("read {relative}: {e}"))
    }

    pub fn exists(&self, relative: &str) -> bool {
        self.path().join(relative).exists()
    }

    /// Runs honyaku with `args` in the project directory.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_honyaku"))
            .args(args)
            .current_dir(self.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("run honyaku");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Runs honyaku and insists on success.
    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(
            run.code, 0,
            "honyaku {args:?} failed:\n{}\n{}",
            run.stdout, run.stderr
        );
        run
    }

    /// Every file under `dir` (relative to the project) with its bytes, sorted by path.
    pub fn snapshot(&self, dir: &str) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        collect(&self.path().join(dir), &mut files);
        files.sort();
        files
    }
}

fn collect(dir: &Path, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            let bytes = fs::read(&path).expect("read");
            files.push((path, bytes));
        }
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create");
    for entry in fs::read_dir(from).expect("read_dir").flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).expect("copy");
        }
    }
}

/// Fills every placeholder (`# some-id =`) in a catalog with `<prefix> <id>`, as a translator
/// would, and returns the new text.
pub fn translate_all(catalog: &str, prefix: &str) -> String {
    catalog
        .lines()
        .map(|line| {
            match line
                .strip_prefix("# ")
                .and_then(|rest| rest.strip_suffix(" ="))
            {
                Some(id) if id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') => {
                    format!("{id} = {prefix} {id}")
                }
                _ => line.to_owned(),
            }
        })
        .map(|line| line + "\n")
        .collect()
}

/// `id -> value` of the one-line messages of a catalog, the obsolete section left out.
pub fn current(catalog: &str) -> std::collections::BTreeMap<String, String> {
    let live = catalog
        .split("## honyaku: obsolete")
        .next()
        .unwrap_or_default();
    live.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
        .filter_map(|l| l.split_once(" = "))
        .map(|(id, value)| (id.to_owned(), value.to_owned()))
        .collect()
}

/// A stale translation revised as a translator does it: its value replaced by `value` and the
/// stale mark with its `# was` and `# change` lines deleted (every such line of the catalog:
/// meant for a catalog with one stale entry).
pub fn revise(catalog: &str, id: &str, value: &str) -> String {
    let message = format!("{id} = ");
    catalog
        .lines()
        .filter(|l| {
            !l.starts_with("# stale:") && !l.starts_with("# was ") && !l.starts_with("# change ")
        })
        .map(|l| match l.starts_with(&message) {
            true => format!("{message}{value}\n"),
            false => format!("{l}\n"),
        })
        .collect()
}

/// The gold alignments of the tuned set (`tests/fixtures/align/*.gold.json`), sorted.
pub fn align_gold_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/align");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    files.sort();
    files
}
