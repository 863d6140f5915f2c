//! `honyaku init`: lays out a project for a first sync — the source folders of the original
//! and the parallel release, a folder per target locale, and the git settings the README
//! asks for (derived state ignored, `honyaku.seals` merged by union). It only ever adds: an
//! existing folder or line is left as it is, so running it again changes nothing.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fsio;
use crate::locale::Locale;
use crate::project::{self, LOCALES_DIR, SEALS_FILE, SOURCE_DIR};

/// What `.gitignore` must hold: the derived state of `.honyaku/`, the lock file, and
/// `exchange/`, where the README's examples write translators' copies (exports).
const IGNORED: &[&str] = &["/.honyaku/", "/.honyaku.lock", "/exchange/"];

/// What `init` did, for the app layer to print.
#[derive(Debug, Default)]
pub struct InitReport {
    /// Folders created, relative to the project root, in the order made.
    pub created: Vec<PathBuf>,
    /// Lines added per git file (`.gitignore`, `.gitattributes`).
    pub added: Vec<(PathBuf, Vec<String>)>,
    /// The source locales laid out (original first).
    pub sources: Vec<Locale>,
}

impl InitReport {
    /// Whether the project was already set up.
    pub fn is_empty(&self) -> bool {
        self.created.is_empty() && self.added.is_empty()
    }
}

/// Lays out the project at `root` (created if missing) with folders for `targets`.
pub fn init(root: &Path, targets: &[Locale]) -> Result<InitReport> {
    std::fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
    let (source, parallel) = project::configured_sources(root)?;
    let mut report = InitReport {
        sources: std::iter::once(source).chain(parallel).collect(),
        ..InitReport::default()
    };
    let mut folders: Vec<PathBuf> = report
        .sources
        .iter()
        .map(|l| Path::new(SOURCE_DIR).join(l.tag()))
        .collect();
    folders.push(PathBuf::from(LOCALES_DIR));
    for target in targets {
        if report.sources.contains(target) {
            return Err(Error::Usage(format!(
                "`{target}` is a source locale of this project: its catalogs are made by `honyaku sync`; name translation locales only"
            )));
        }
        folders.push(Path::new(LOCALES_DIR).join(target.tag()));
    }
    for folder in folders {
        let path = root.join(&folder);
        if !path.is_dir() {
            std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
            report.created.push(folder);
        }
    }
    let seals = format!("{SEALS_FILE} merge=union");
    let ignore: Vec<&str> = IGNORED.to_vec();
    for (file, lines) in [
        (".gitignore", ignore),
        (".gitattributes", vec![seals.as_str()]),
    ] {
        let added = append_missing(&root.join(file), &lines)?;
        if !added.is_empty() {
            report.added.push((PathBuf::from(file), added));
        }
    }
    Ok(report)
}

/// Appends to `path` the lines it does not hold yet (a line counts as held when it equals
/// one with or without its leading `/` and trailing `/`), in the file's line ending, after a
/// line break if its last line lacks one. Written atomically; returns the lines added.
fn append_missing(path: &Path, lines: &[&str]) -> Result<Vec<String>> {
    let old = match fsio::read_regular(path) {
        Ok(Some(bytes)) => String::from_utf8(bytes).map_err(|_| {
            Error::Usage(format!(
                "{} is not UTF-8 text: add {} to it by hand",
                path.display(),
                lines.join(", ")
            ))
        })?,
        Ok(None) => return Err(fsio::not_regular_stop(path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io(path, e)),
    };
    let bare = |line: &str| line.trim().trim_matches('/').to_owned();
    let held: Vec<String> = old.lines().map(bare).collect();
    let missing: Vec<String> = lines
        .iter()
        .filter(|line| !held.contains(&bare(line)))
        .map(|line| (*line).to_owned())
        .collect();
    if missing.is_empty() {
        return Ok(missing);
    }
    let newline = if old.contains("\r\n") { "\r\n" } else { "\n" };
    let mut text = old.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push_str(newline);
    }
    for line in &missing {
        text.push_str(line);
        text.push_str(newline);
    }
    fsio::write_atomic(path, text.as_bytes())?;
    Ok(missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_added_once_in_the_file_line_ending() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".gitignore");
        std::fs::write(&path, "target\r\n.honyaku").unwrap();
        let added = append_missing(&path, IGNORED).unwrap();
        assert_eq!(
            added,
            vec!["/.honyaku.lock".to_owned(), "/exchange/".to_owned()]
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "target\r\n.honyaku\r\n/.honyaku.lock\r\n/exchange/\r\n"
        );
        assert!(append_missing(&path, IGNORED).unwrap().is_empty());
    }

    #[test]
    fn a_second_init_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let fr: Locale = "fr".parse().unwrap();
        let first = init(dir.path(), std::slice::from_ref(&fr)).unwrap();
        assert_eq!(
            first.created,
            [
                "source_texts/ja",
                "source_texts/en",
                "locales",
                "locales/fr"
            ]
            .map(PathBuf::from)
            .to_vec()
        );
        assert_eq!(first.added.len(), 2);
        assert!(init(dir.path(), &[fr]).unwrap().is_empty());
        let en: Locale = "en".parse().unwrap();
        assert!(init(dir.path(), &[en]).is_err());
    }
}
