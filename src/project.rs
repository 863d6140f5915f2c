//! The project on disk: where source texts and catalogs live, which documents and locales
//! exist, and the configuration (defaults, optionally overridden by `honyaku.toml`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use crate::error::{Diagnostic, Error, Result, line_col};
use crate::locale::Locale;

/// The optional configuration file at the project root.
pub const CONFIG_FILE: &str = "honyaku.toml";
/// The directory of source texts, `source_texts/<locale>/<doc>.txt`.
pub const SOURCE_DIR: &str = "source_texts";
/// The directory of catalogs, `locales/<locale>/<doc>.ftl`.
pub const LOCALES_DIR: &str = "locales";
/// Where honyaku keeps derived state (the sync cache), relative to the project root.
pub const CACHE_DIR: &str = ".honyaku";
/// The committed seals of current documents (`catalog::seals`), beside the configuration.
pub const SEALS_FILE: &str = "honyaku.seals";
/// The file name extension of a ledger, beside its catalog's `.ftl` (see `catalog::ledger`).
pub const LEDGER_EXTENSION: &str = "ledger";
/// The directory of alignment pins, `alignments/<doc>.toml`.
pub const ALIGNMENTS_DIR: &str = "alignments";

/// What a build does with a translation whose source changed since it was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StalePolicy {
    /// Publish the stale translation anyway (and report it).
    Use,
    /// Fall back to the next locale, like msgfmt skipping fuzzy entries.
    Fallback,
}

/// `honyaku.toml`, every key optional. Unknown keys are errors, so typos don't pass silently.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    source: Option<String>,
    parallel: Option<String>,
    targets: Option<Vec<String>>,
    fallback: Option<BTreeMap<String, Vec<String>>>,
    build: Option<BuildConfigFile>,
    memory: Option<MemoryConfigFile>,
}

/// `[memory]`: the translation memory's suggestions (issue 16).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MemoryConfigFile {
    comments: Option<bool>,
    threshold: Option<toml::Spanned<i64>>,
    max: Option<toml::Spanned<i64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BuildConfigFile {
    stale: Option<StalePolicy>,
}

/// The validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The locale originals are written in (`ja`): it owns message ids.
    pub source: Locale,
    /// A published translation that arrives as source text (`en`), aligned with the originals.
    pub parallel: Option<Locale>,
    /// Locales translated in `locales/` (default: every other locale directory there).
    pub targets: Vec<Locale>,
    /// Explicit fallback chains, by locale.
    fallback: BTreeMap<Locale, Vec<Locale>>,
    /// What `build` does with stale translations (`[build] stale`).
    pub stale: StalePolicy,
    /// The translation memory's settings (`[memory]`).
    pub memory: MemoryConfig,
}

/// The translation memory's settings (`[memory]` in `honyaku.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryConfig {
    /// Whether sync writes suggestions as `# tm` comment lines above open entries.
    pub comments: bool,
    /// Lowest score of a fuzzy suggestion, in percent (1 to 100).
    pub threshold: u8,
    /// The most suggestions per entry (1 to 10).
    pub max: usize,
}

impl Default for MemoryConfig {
    fn default() -> MemoryConfig {
        MemoryConfig {
            comments: false,
            threshold: 75,
            max: 3,
        }
    }
}

/// A document name: the file stem shared by `source_texts/<locale>/<doc>.txt` and
/// `locales/<locale>/<doc>.ftl`.
pub type DocName = String;

/// The project: its root, configuration, documents and locales.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project directory.
    pub root: PathBuf,
    /// Its configuration.
    pub config: Config,
    /// Every document with a source text or a catalog, sorted.
    pub documents: Vec<DocName>,
    /// For each document, the locales that have a source text for it.
    pub sources: BTreeMap<DocName, Vec<Locale>>,
}

impl Project {
    /// Opens the project at `root`. Bad directory or file names become diagnostics (they are
    /// skipped); a missing layout or a bad configuration file is an error.
    pub fn open(root: &Path) -> Result<(Project, Vec<Diagnostic>)> {
        let mut diagnostics = Vec::new();
        let source_dir = root.join(SOURCE_DIR);
        if !source_dir.is_dir() {
            return Err(Error::Usage(format!(
                "{} has no {SOURCE_DIR}/ directory: run honyaku in a project (or pass -C DIR)",
                root.display()
            )));
        }
        let inside = Inside::new(root)?;
        inside.require(&source_dir)?;
        let file = read_config(root)?;
        let (source, parallel) = source_locales(root, &file)?;

        let mut sources: BTreeMap<DocName, Vec<Locale>> = BTreeMap::new();
        let mut refused = BTreeSet::new();
        let source_dirs = locale_dirs(&source_dir, &inside, &mut diagnostics)?;
        for (locale, texts) in scan(source_dirs, "txt", &inside, &mut diagnostics)? {
            for doc in texts.found {
                sources.entry(doc).or_default().push(locale.clone());
            }
            refused.extend(texts.refused);
        }
        let mut documents: BTreeSet<DocName> = sources.keys().cloned().collect();
        let mut catalog_locales = Vec::new();
        let locales_dir = root.join(LOCALES_DIR);
        inside.require(&locales_dir)?;
        if locales_dir.is_dir() {
            let catalog_dirs = locale_dirs(&locales_dir, &inside, &mut diagnostics)?;
            for (locale, catalogs) in scan(catalog_dirs, "ftl", &inside, &mut diagnostics)? {
                documents.extend(catalogs.found);
                refused.extend(catalogs.refused);
                catalog_locales.push(locale);
            }
        }
        // A refused file leaves its whole document out: a catalog leading outside the project
        // would be read through, then replaced; without its refused original, the rest of the
        // document would be planned as if that locale had no source and its catalog rewritten.
        documents.retain(|doc| !refused.contains(doc));
        sources.retain(|doc, _| !refused.contains(doc));
        let targets = match &file.targets {
            Some(tags) => tags
                .iter()
                .map(|tag| parse_locale(root, tag, "targets"))
                .collect::<Result<_>>()?,
            None => catalog_locales
                .into_iter()
                .filter(|l| *l != source && Some(l) != parallel.as_ref())
                .collect(),
        };
        let mut fallback = BTreeMap::new();
        for (tag, chain) in file.fallback.unwrap_or_default() {
            let locale = parse_locale(root, &tag, "fallback")?;
            let chain = chain
                .iter()
                .map(|t| parse_locale(root, t, "fallback"))
                .collect::<Result<_>>()?;
            fallback.insert(locale, chain);
        }
        let config = Config {
            source,
            parallel,
            targets,
            fallback,
            stale: file
                .build
                .and_then(|b| b.stale)
                .unwrap_or(StalePolicy::Fallback),
            memory: memory_config(file.memory.as_ref()),
        };
        // Every catalog directory honyaku may write into must stay inside the project.
        for locale in [Some(&config.source), config.parallel.as_ref()]
            .into_iter()
            .flatten()
            .chain(&config.targets)
        {
            inside.require(&locales_dir.join(locale.tag()))?;
        }
        let project = Project {
            root: root.to_owned(),
            config,
            documents: documents.into_iter().collect(),
            sources,
        };
        Ok((project, diagnostics))
    }

    /// `source_texts/<locale>/<doc>.txt`.
    pub fn source_path(&self, locale: &Locale, doc: &str) -> PathBuf {
        self.root
            .join(SOURCE_DIR)
            .join(locale.tag())
            .join(format!("{doc}.txt"))
    }

    /// Every file the sync of `doc` reads: each locale's source text and catalog, then the
    /// alignment pins. The no-op cache hashes exactly these, so a new input of `prepare`
    /// must be added here.
    pub fn document_inputs(&self, doc: &str) -> Vec<PathBuf> {
        let mut inputs: Vec<PathBuf> = self
            .all_locales()
            .iter()
            .flat_map(|locale| {
                [
                    self.source_path(locale, doc),
                    self.catalog_path(locale, doc),
                    self.ledger_path(locale, doc),
                ]
            })
            .collect();
        inputs.push(self.pins_path(doc));
        inputs
    }

    /// The editor's alignment pins of a document (see "Fixing an alignment" in README.md).
    pub fn pins_path(&self, doc: &str) -> PathBuf {
        self.root.join(ALIGNMENTS_DIR).join(format!("{doc}.toml"))
    }

    /// `locales/<locale>/<doc>.ftl`.
    pub fn catalog_path(&self, locale: &Locale, doc: &str) -> PathBuf {
        self.root
            .join(LOCALES_DIR)
            .join(locale.tag())
            .join(format!("{doc}.ftl"))
    }

    /// The directories honyaku writes into in this project: its state (`.honyaku/`) and each
    /// locale's catalogs. Only these are swept for the temporary files of killed runs.
    pub fn write_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = vec![self.root.join(CACHE_DIR)];
        dirs.extend(
            self.all_locales()
                .iter()
                .map(|l| self.root.join(LOCALES_DIR).join(l.tag())),
        );
        dirs
    }

    /// Checks, before anything is written, that every directory honyaku writes into stays
    /// in the project: its own state (`.honyaku/`, never a link, so no two projects share
    /// it), the lock file, and `extra` (an output directory inside the project). A cloned
    /// repository must never make honyaku write outside it.
    pub fn check_writes(&self, extra: &[PathBuf]) -> Result<()> {
        let inside = Inside::new(&self.root)?;
        for own in [CACHE_DIR, crate::fsio::LOCK_FILE, SEALS_FILE] {
            crate::fsio::refuse_link(&self.root.join(own))?;
        }
        for dir in self.write_dirs().iter().chain(extra) {
            inside.require(dir)?;
        }
        Ok(())
    }

    /// The ledger beside a translation catalog (see `catalog::ledger`).
    pub fn ledger_path(&self, locale: &Locale, doc: &str) -> PathBuf {
        self.catalog_path(locale, doc)
            .with_extension(LEDGER_EXTENSION)
    }

    /// A path as shown to the user: relative to the project root.
    pub fn display<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }

    /// Locales with a source text for `doc`, in authority order: the source locale, then the
    /// parallel one.
    pub fn source_locales(&self, doc: &str) -> Vec<Locale> {
        let present = self.sources.get(doc).map(Vec::as_slice).unwrap_or_default();
        [Some(&self.config.source), self.config.parallel.as_ref()]
            .into_iter()
            .flatten()
            .filter(|l| present.contains(l))
            .cloned()
            .collect()
    }

    /// Every locale honyaku writes catalogs for, sources first.
    pub fn all_locales(&self) -> Vec<Locale> {
        let mut all = vec![self.config.source.clone()];
        all.extend(self.config.parallel.clone());
        for target in &self.config.targets {
            if !all.contains(target) {
                all.push(target.clone());
            }
        }
        all
    }

    /// The locales to try, in order, for text in `locale`: the configured chain, or by default
    /// the locale, its more general forms present in the project (`fr-CA` → `fr`), then the
    /// parallel and source locales.
    pub fn fallback_chain(&self, locale: &Locale) -> Vec<Locale> {
        let mut chain = vec![locale.clone()];
        if let Some(configured) = self.config.fallback.get(locale) {
            chain.extend(configured.iter().cloned());
        } else {
            let available: Vec<_> = self
                .all_locales()
                .iter()
                .map(|l| l.langid().clone())
                .collect();
            let requested = [locale.langid().clone()];
            let negotiated = fluent_langneg::negotiate_languages(
                &requested,
                &available,
                None,
                fluent_langneg::NegotiationStrategy::Filtering,
            );
            // Filtering also matches more specific variants (fr → fr-CA); a chain only widens.
            let wider = self
                .all_locales()
                .into_iter()
                .filter(|l| negotiated.contains(&l.langid()) && is_wider(l, locale));
            chain.extend(wider);
            chain.extend(self.config.parallel.clone());
            chain.push(self.config.source.clone());
        }
        let mut seen = BTreeSet::new();
        chain.retain(|l| seen.insert(l.clone()));
        chain
    }
}

/// Whether `wide` is `narrow` with fewer subtags (`fr` for `fr-CA`, `zh` for `zh-Hans`).
fn is_wide_subtag<T: PartialEq>(wide: Option<T>, narrow: Option<T>) -> bool {
    wide.is_none() || wide == narrow
}

fn is_wider(wide: &Locale, narrow: &Locale) -> bool {
    let (w, n) = (wide.langid(), narrow.langid());
    w.language == n.language
        && is_wide_subtag(w.script, n.script)
        && is_wide_subtag(w.region, n.region)
        && w.variants().len() <= n.variants().len()
}

/// The source and parallel locales a project at `root` is configured with (`ja` and `en`
/// without a `honyaku.toml`): what `honyaku init` lays out before there is a project to open.
pub fn configured_sources(root: &Path) -> Result<(Locale, Option<Locale>)> {
    source_locales(root, &read_config(root)?)
}

fn source_locales(root: &Path, file: &ConfigFile) -> Result<(Locale, Option<Locale>)> {
    let source = parse_locale(root, file.source.as_deref().unwrap_or("ja"), "source")?;
    let parallel = match file.parallel.as_deref() {
        Some("") => None,
        Some(tag) => Some(parse_locale(root, tag, "parallel")?),
        None if source.tag() == "ja" => Some(parse_locale(root, "en", "parallel")?),
        None => None,
    };
    Ok((source, parallel))
}

fn read_config(root: &Path) -> Result<ConfigFile> {
    let path = root.join(CONFIG_FILE);
    let bytes = match crate::fsio::read_regular(&path) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(crate::fsio::not_regular_stop(Path::new(CONFIG_FILE))),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(ConfigFile::default());
        }
        Err(error) => return Err(Error::io(&path, error)),
    };
    let text = crate::fsio::decode_text(&path, bytes).map_err(Error::Invalid)?;
    let file: ConfigFile = toml::from_str(&text).map_err(|error| {
        let (line, column) = error
            .span()
            .map_or((1, 1), |span| line_col(&text, span.start));
        Error::Invalid(
            Diagnostic::error(CONFIG_FILE, error.message().to_lowercase())
                .at(line, column)
                .help("see the Configuration section of README.md for the keys honyaku.toml takes"),
        )
    })?;
    if let Some(memory) = &file.memory {
        let ranges = [
            ("threshold", &memory.threshold, 1..=100),
            ("max", &memory.max, 1..=10),
        ];
        for (key, value, range) in ranges {
            if let Some(value) = value.as_ref().filter(|v| !range.contains(v.get_ref())) {
                let (line, column) = line_col(&text, value.span().start);
                return Err(Error::Invalid(
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!(
                            "`[memory] {key} = {}` is out of range: it must be from {} to {}",
                            value.get_ref(),
                            range.start(),
                            range.end()
                        ),
                    )
                    .at(line, column)
                    .help("see the Configuration section of README.md for the keys honyaku.toml takes"),
                ));
            }
        }
    }
    Ok(file)
}

/// The memory settings of `[memory]`, validated by [`read_config`], defaults for the rest.
fn memory_config(file: Option<&MemoryConfigFile>) -> MemoryConfig {
    let default = MemoryConfig::default();
    let Some(file) = file else {
        return default;
    };
    let number = |v: &Option<toml::Spanned<i64>>| v.as_ref().map(|v| *v.get_ref());
    MemoryConfig {
        comments: file.comments.unwrap_or(default.comments),
        threshold: number(&file.threshold)
            .and_then(|n| u8::try_from(n).ok())
            .unwrap_or(default.threshold),
        max: number(&file.max)
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(default.max),
    }
}

fn parse_locale(_root: &Path, tag: &str, key: &str) -> Result<Locale> {
    tag.parse().map_err(|e: crate::locale::LocaleError| {
        Error::Invalid(Diagnostic::error(CONFIG_FILE, format!("in `{key}`: {e}")))
    })
}

/// The project root, resolved, to check that paths (through symbolic links) stay under it:
/// a link out of the project must never make honyaku read someone else's file or overwrite it.
#[derive(Debug)]
struct Inside {
    root: PathBuf,
}

impl Inside {
    fn new(root: &Path) -> Result<Inside> {
        let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
        Ok(Inside { root })
    }

    /// Where `path` really leads, if that is outside the project. Paths that do not exist
    /// yet lead nowhere; a dangling link is followed as far as it resolves.
    fn escape(&self, path: &Path) -> Option<PathBuf> {
        let real = match path.canonicalize() {
            Ok(real) => real,
            Err(_) => {
                let target = fs::read_link(path).ok()?;
                path.parent().unwrap_or(Path::new(".")).join(target)
            }
        };
        (!real.starts_with(&self.root)).then_some(real)
    }

    fn diagnostic(&self, path: &Path, real: &Path) -> Diagnostic {
        Diagnostic::error(
            path,
            format!(
                "symbolic link to {}, outside the project: honyaku neither reads nor writes through it",
                real.display()
            ),
        )
        .help("replace the link with a copy of the file or directory inside the project")
    }

    /// Fails when `path` (a directory honyaku writes into) leads outside the project.
    fn require(&self, path: &Path) -> Result<()> {
        match self.escape(path) {
            Some(real) => Err(Error::Invalid(self.diagnostic(path, &real))),
            None => Ok(()),
        }
    }
}

/// The locale subdirectories of `dir`; a name that is not a canonical BCP 47 tag, or a link
/// out of the project, is reported and skipped.
fn locale_dirs(
    dir: &Path,
    inside: &Inside,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<(Locale, PathBuf)>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if let Some(real) = inside.escape(&path) {
            diagnostics.push(inside.diagnostic(&path, &real));
            continue;
        }
        match name.parse::<Locale>() {
            Ok(locale) => found.push((locale, path)),
            Err(error) => diagnostics.push(
                Diagnostic::error(path, format!("directory name {error}"))
                    .help("rename the directory to a locale tag such as `fr`, `zh-Hans` or `pt-BR`; it was skipped"),
            ),
        }
    }
    found.sort();
    Ok(one_name_per_directory(found, diagnostics))
}

/// Keeps one locale per real directory: `locales/fr-CA` linked to `fr` is `fr` (the
/// directory that is not a link), or each sync would rewrite the same files under two names.
fn one_name_per_directory(
    found: Vec<(Locale, PathBuf)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(Locale, PathBuf)> {
    let real = |path: &Path| path.canonicalize().unwrap_or_else(|_| path.to_owned());
    let is_link = |path: &Path| fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink());
    let mut kept: Vec<(Locale, PathBuf)> = Vec::new();
    // Real directories first, so that a link is what gives way.
    let (plain, links): (Vec<_>, Vec<_>) = found.into_iter().partition(|(_, p)| !is_link(p));
    for (locale, path) in plain.into_iter().chain(links) {
        let same = kept.iter().find(|(_, other)| real(other) == real(&path));
        match same {
            Some((other, other_path)) => diagnostics.push(
                Diagnostic::warning(
                    &path,
                    format!(
                        "a link to {}: the same directory as locale `{other}`, handled once as `{other}`",
                        other_path.display()
                    ),
                )
                .help(format!(
                    "to translate `{locale}` apart from `{other}`, make it a directory of its own"
                )),
            ),
            None => kept.push((locale, path)),
        }
    }
    kept.sort();
    kept
}

/// The documents of one locale directory.
#[derive(Debug, Default)]
struct Found {
    found: Vec<DocName>,
    /// Files refused (reported): links out of the project, empty source texts. Their
    /// documents are left out.
    refused: Vec<DocName>,
}

/// Document names of the `*.ext` files in `dir`; names that are not slugs are reported and
/// skipped, as are symbolic links that lead outside the project.
/// [`documents_in`] for each locale directory, the directories read in parallel: at 5,000
/// documents in seven locales that is 35,000 entries, in the part of a run nothing else
/// overlaps.
fn scan(
    dirs: Vec<(Locale, PathBuf)>,
    ext: &str,
    inside: &Inside,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<(Locale, Found)>> {
    let scanned: Vec<(Locale, Result<Found>, Vec<Diagnostic>)> = dirs
        .into_par_iter()
        .map(|(locale, dir)| {
            let mut found_here = Vec::new();
            let found = documents_in(&dir, ext, inside, &mut found_here);
            (locale, found, found_here)
        })
        .collect();
    let mut out = Vec::with_capacity(scanned.len());
    for (locale, found, found_here) in scanned {
        diagnostics.extend(found_here);
        out.push((locale, found?));
    }
    Ok(out)
}

fn documents_in(
    dir: &Path,
    ext: &str,
    inside: &Inside,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Found> {
    let mut docs = Found::default();
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some(ext) {
            continue;
        }
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if stem.starts_with('.') {
            continue;
        }
        if !is_slug(stem) {
            diagnostics.push(
                Diagnostic::error(&path, format!("document name `{stem}` is not a slug"))
                    .help("name documents with lowercase ASCII letters, digits and hyphens, e.g. 2020-05-01-g20-meeting; the file was skipped"),
            );
            continue;
        }
        // `dir` itself was checked, so only a link can lead out of it; resolving every
        // plain file would cost a `readlink` per path component, thousands of times over.
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        let is_link = kind.is_symlink();
        if let Some(real) = is_link.then(|| inside.escape(&path)).flatten() {
            diagnostics.push(inside.diagnostic(&path, &real));
            docs.refused.push(stem.to_owned());
            continue;
        }
        // A FIFO would hang the read, a directory or a device abort it: the document is left
        // out, so that nothing is written in place of it either.
        if !(kind.is_file() || is_link && crate::fsio::is_regular(&path)) {
            diagnostics.push(crate::fsio::not_regular(&path));
            docs.refused.push(stem.to_owned());
            continue;
        }
        // An empty source text is a failed save or export far more often than a withdrawn
        // release; syncing it would retire every segment, so it is refused instead.
        if ext == "txt" && fs::metadata(&path).is_ok_and(|m| m.len() == 0) {
            diagnostics.push(
                Diagnostic::error(&path, "source text is empty")
                    .help("restore its content (a failed save or export?); to withdraw the document, delete the file and its catalogs. The document was skipped and its catalogs left as they are"),
            );
            docs.refused.push(stem.to_owned());
            continue;
        }
        docs.found.push(stem.to_owned());
    }
    docs.found.sort();
    Ok(docs)
}

/// `[a-z0-9][a-z0-9-]*`.
pub fn is_slug(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("2020-05-01-g20"));
        assert!(!is_slug("-a"));
        assert!(!is_slug("Ab"));
        assert!(!is_slug("a_b"));
        assert!(!is_slug(""));
    }

    fn project_with(config: &str, locales: &[&str]) -> Project {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("source_texts/ja")).unwrap();
        for l in locales {
            fs::create_dir_all(dir.path().join("locales").join(l)).unwrap();
        }
        fs::write(dir.path().join(CONFIG_FILE), config).unwrap();
        Project::open(dir.path()).unwrap().0
    }

    #[test]
    fn default_chains_go_through_wider_locales_then_sources() {
        let p = project_with("", &["ja", "en", "fr", "fr-CA", "zh-Hans"]);
        let chain = |t: &str| {
            p.fallback_chain(&t.parse().unwrap())
                .iter()
                .map(|l| l.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(chain("fr-CA"), ["fr-CA", "fr", "en", "ja"]);
        assert_eq!(
            chain("fr"),
            ["fr", "en", "ja"],
            "a chain never narrows to a regional variant"
        );
        assert_eq!(chain("zh-Hans"), ["zh-Hans", "en", "ja"]);
        assert_eq!(p.config.targets.len(), 3);
    }

    #[test]
    fn configured_chain_and_unknown_keys() {
        let p = project_with("[fallback]\nzh-Hans = [\"ja\"]\n", &["zh-Hans"]);
        assert_eq!(p.fallback_chain(&"zh-Hans".parse().unwrap()).len(), 2);
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("source_texts")).unwrap();
        fs::write(dir.path().join(CONFIG_FILE), "sorce = \"ja\"\n").unwrap();
        let err = Project::open(dir.path()).unwrap_err().to_string();
        assert!(err.contains("honyaku.toml:1:1"), "{err}");
        assert!(err.contains("sorce"), "{err}");
    }
}
