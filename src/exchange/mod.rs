//! Exchange with translators' tools: `honyaku export` writes a target locale's catalogs as
//! XLIFF 2.0, XLIFF 1.2, PO or TMX, and `honyaku import` writes the translations of such a
//! file back into the catalogs, through the same value writer as everything else.
//!
//! Both work from the catalogs as the last sync left them (no segmentation or alignment), via
//! the neutral [`model::Unit`]: the source catalogs give each id's current source texts, the
//! target catalog its translation, stale mark, previous sources and the translator's
//! comments. Every unit carries the fingerprints of the sources it was exported with, so an
//! import can tell which sources changed meanwhile; such a unit, or one the file marks as
//! needing review, comes back stale with the exported source as its previous source.

mod apply;
mod lite;
pub(crate) mod model;
pub(crate) mod po;
pub(crate) mod tmx;
pub(crate) mod xliff;
pub(crate) mod xml;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::catalog::ftl::{self, FtlFile};
use crate::catalog::state::inline_change;
use crate::error::{Diagnostic, Error, Result};
use crate::fsio::{self, ReadError};
use crate::locale::Locale;
use crate::project::Project;
pub(crate) use model::State;
use model::{Incoming, Languages, Previous, SourceText, Unit};

/// The file formats of `export` and `import`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExchangeFormat {
    /// XLIFF 2.0 (OASIS core).
    Xliff2,
    /// XLIFF 1.2 (Trados, memoQ, OmegaT, Translate Toolkit).
    Xliff12,
    /// gettext PO (Poedit, Weblate, msgfmt).
    Po,
    /// TMX 1.4b (translation memories; import adds the file to `memory/<locale>/`).
    Tmx,
}

impl ExchangeFormat {
    fn extension(self) -> &'static str {
        match self {
            ExchangeFormat::Xliff2 | ExchangeFormat::Xliff12 => "xlf",
            ExchangeFormat::Po => "po",
            ExchangeFormat::Tmx => "tmx",
        }
    }
}

/// What `honyaku export` was asked for.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub dir: PathBuf,
    pub locale: Locale,
    /// Documents to export; all when empty.
    pub documents: Vec<String>,
    pub format: ExchangeFormat,
    /// The source language of the units (default: the original's).
    pub from: Option<Locale>,
    /// A file, or a directory (existing, or ending in `/`) for one file per document.
    pub output: PathBuf,
}

/// What `honyaku import` was asked for.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    pub dry_run: bool,
}

/// The units of several documents in one export (the unit tests' view of an export).
#[cfg(test)]
#[derive(Debug, Clone)]
pub(crate) struct ExportSet {
    pub from: String,
    pub target: String,
    pub documents: Vec<(String, Vec<Unit>)>,
}

/// A file that cannot be read as its format: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormatError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Unit counts by state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub units: usize,
    pub translated: usize,
    pub stale: usize,
    pub missing: usize,
}

/// One file `export` wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ExportedFile {
    pub path: PathBuf,
    pub documents: usize,
    #[serde(flatten)]
    pub counts: Counts,
}

/// The result of `honyaku export`.
#[derive(Debug, Clone, Serialize)]
pub struct ExportReport {
    pub locale: String,
    pub from: String,
    pub format: ExchangeFormat,
    pub files: Vec<ExportedFile>,
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the units of one document for `locale`; `None` (with a diagnostic) when its
/// catalogs cannot be read.
pub(crate) fn read_document(
    project: &Project,
    doc: &str,
    locale: &Locale,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<Vec<Unit>>> {
    let Some(context) = DocContext::load(project, doc, locale, diagnostics)? else {
        return Ok(None);
    };
    let Some(file) = context.target_catalog(project, false, diagnostics)? else {
        return Ok(None);
    };
    let tags = context.tags();
    let known: BTreeSet<&str> = context.sources.keys().map(String::as_str).collect();
    let views = file
        .as_ref()
        .map(|f| model::read_target(&f.file, locale, &tags, &known))
        .unwrap_or_default();
    let mut order: Vec<(usize, &str)> = views
        .iter()
        .map(|(id, view)| (view.at.entry, id.as_str()))
        .collect();
    order.sort();
    let mut ids: Vec<&str> = order.into_iter().map(|(_, id)| id).collect();
    ids.extend(
        context
            .order
            .iter()
            .map(String::as_str)
            .filter(|id| !views.contains_key(*id)),
    );
    let units = ids
        .into_iter()
        .map(|id| {
            let sources = context.sources[id].clone();
            let view = views.get(id);
            let target = view.and_then(|v| v.target.clone());
            let stale = view.is_some_and(|v| v.stale);
            let state = match (&target, stale) {
                (None, _) => State::Missing,
                (Some(_), true) => State::Stale,
                (Some(_), false) => State::Translated,
            };
            let previous: Vec<Previous> = match view {
                Some(v) if state == State::Stale => v.was.clone(),
                _ => Vec::new(),
            };
            let changes = previous
                .iter()
                .filter_map(|p| {
                    let now = sources.iter().find(|s| s.locale == p.locale)?;
                    let locale: Locale = p.locale.parse().ok()?;
                    Some(Previous {
                        locale: p.locale.clone(),
                        text: inline_change(&p.text, &now.text, &locale),
                    })
                })
                .collect();
            Unit {
                document: doc.to_owned(),
                id: id.to_owned(),
                sources,
                target,
                state,
                previous,
                changes,
                comments: view.map(|v| v.comments.clone()).unwrap_or_default(),
            }
        })
        .collect();
    Ok(Some(units))
}

/// The current sources of one document, from its source catalogs.
#[derive(Debug)]
pub(crate) struct DocContext {
    pub doc: String,
    pub locale: Locale,
    pub source_locales: Vec<Locale>,
    /// Current source texts by id.
    pub sources: HashMap<String, Vec<SourceText>>,
    /// Ids in source catalog order (the original's, then those only the other has).
    pub order: Vec<String>,
}

impl DocContext {
    fn load(
        project: &Project,
        doc: &str,
        locale: &Locale,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Option<DocContext>> {
        let source_locales = project.source_locales(doc);
        if source_locales.is_empty() {
            let path = project.catalog_path(locale, doc);
            diagnostics.push(
                Diagnostic::warning(
                    project.display(&path),
                    format!("\"{doc}\" has no source text: left out"),
                )
                .help("restore its source text and run `honyaku sync`"),
            );
            return Ok(None);
        }
        let mut sources: HashMap<String, Vec<SourceText>> = HashMap::new();
        let mut order = Vec::new();
        for source in &source_locales {
            let path = project.catalog_path(source, doc);
            let Some(file) = load(project, &path, false, diagnostics)? else {
                return Ok(None);
            };
            let Some(file) = file else {
                diagnostics.push(
                    Diagnostic::error(project.display(&path), "the source catalog does not exist")
                        .help("run `honyaku sync` first"),
                );
                return Ok(None);
            };
            for (id, text) in model::source_texts(&file.file) {
                let texts = sources.entry(id.clone()).or_default();
                if texts.is_empty() {
                    order.push(id);
                }
                texts.push(SourceText::new(source.tag(), &text));
            }
        }
        Ok(Some(DocContext {
            doc: doc.to_owned(),
            locale: locale.clone(),
            source_locales,
            sources,
            order,
        }))
    }

    pub fn tags(&self) -> Vec<&str> {
        self.source_locales.iter().map(Locale::tag).collect()
    }

    /// The target catalog (with its identity if `identify`): `Some(None)` when it does not
    /// exist yet, `None` when it is broken.
    fn target_catalog(
        &self,
        project: &Project,
        identify: bool,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Option<Option<Loaded>>> {
        load(
            project,
            &project.catalog_path(&self.locale, &self.doc),
            identify,
            diagnostics,
        )
    }
}

/// A catalog as read and parsed.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub file: FtlFile,
    /// What the file held when read, when asked for (an import checks it again right
    /// before it replaces the file).
    pub identity: Option<fsio::Identity>,
}

/// Reads and parses a catalog (with its identity if `identify`): `Some(None)` when missing,
/// `None` (with diagnostics) when it cannot be read or parsed. Catalogs of the shape honyaku
/// writes are read by lines ([`lite`]), others by the Fluent parser.
fn load(
    project: &Project,
    path: &Path,
    identify: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<Option<Loaded>>> {
    if !path.exists() {
        return Ok(Some(None));
    }
    let shown = project.display(path).to_owned();
    let read = if identify {
        fsio::read_text_identified(path).map(|read| (read.text, Some(read.identity)))
    } else {
        fsio::read_text(path).map(|text| (text, None))
    };
    let Some((text, identity)) = fsio::reported(read, &shown, diagnostics)? else {
        return Ok(None);
    };
    match lite::parse(&text) {
        Ok(file) => Ok(Some(Some(Loaded { file, identity }))),
        Err(errors) => {
            for error in errors {
                diagnostics.push(
                    Diagnostic::error(&shown, error.to_string())
                        .at(error.line, error.column)
                        .help("fix the catalog and run again"),
                );
            }
            Ok(None)
        }
    }
}

/// The target locale, checked against the project.
pub(crate) fn target_locale(project: &Project, locale: &Locale) -> Result<()> {
    if project.config.targets.contains(locale) {
        return Ok(());
    }
    let targets: Vec<&str> = project.config.targets.iter().map(Locale::tag).collect();
    Err(Error::Usage(format!(
        "{locale} is not a translation locale of this project (translation locales: {})",
        targets.join(", ")
    )))
}

/// One document of an export, rendered in its format.
#[derive(Debug)]
struct Fragment {
    doc: String,
    text: String,
    counts: Counts,
    /// TMX pairs left out: they hold characters XML cannot carry.
    left_out: usize,
}

/// One document's part of an export (`None` when its catalogs cannot be read).
#[derive(Debug)]
struct ExportedDocument {
    fragment: Option<Fragment>,
    diagnostics: Vec<Diagnostic>,
}

/// The text of a file of `format` before its first document.
fn head(format: ExchangeFormat, from: &str, target: &str) -> String {
    match format {
        ExchangeFormat::Xliff2 => xliff::head_xliff2(from, target),
        ExchangeFormat::Xliff12 => xliff::head_xliff12(),
        ExchangeFormat::Po => po::head(from, target),
        ExchangeFormat::Tmx => tmx::head(),
    }
}

/// The text of a file of `format` after its last document.
fn tail(format: ExchangeFormat) -> String {
    match format {
        ExchangeFormat::Xliff2 | ExchangeFormat::Xliff12 => xliff::tail(),
        ExchangeFormat::Po => String::new(),
        ExchangeFormat::Tmx => tmx::tail(),
    }
}

/// One document's units in `format`, with their counts.
fn fragment(
    format: ExchangeFormat,
    from: &str,
    target: &str,
    doc: &str,
    units: &[Unit],
) -> Fragment {
    let (text, left_out) = match format {
        ExchangeFormat::Xliff2 => (xliff::document_xliff2(from, doc, units), 0),
        ExchangeFormat::Xliff12 => (xliff::document_xliff12(from, target, doc, units), 0),
        ExchangeFormat::Po => (po::document(from, doc, units), 0),
        ExchangeFormat::Tmx => {
            let (text, counts) = tmx::document(target, doc, units);
            (text, counts.left_out)
        }
    };
    let mut counts = Counts::default();
    for unit in units {
        counts.units += 1;
        match unit.state {
            State::Translated => counts.translated += 1,
            State::Stale => counts.stale += 1,
            State::Missing => counts.missing += 1,
        }
    }
    Fragment {
        doc: doc.to_owned(),
        text,
        counts,
        left_out,
    }
}

/// A whole file of `format` holding `set`'s documents.
#[cfg(test)]
fn render(format: ExchangeFormat, set: &ExportSet) -> String {
    let mut text = head(format, &set.from, &set.target);
    for (doc, units) in &set.documents {
        text.push_str(&fragment(format, &set.from, &set.target, doc, units).text);
    }
    text.push_str(&tail(format));
    text
}

/// `honyaku export`: writes the units of a target locale.
///
/// Each document is read and rendered on its own, in parallel, and only its rendered text is
/// kept; the file is the texts joined in document order (the same bytes as rendering them
/// one after the other).
pub fn export(options: &ExportOptions) -> Result<ExportReport> {
    let (project, mut diagnostics) = Project::open(&options.dir)?;
    target_locale(&project, &options.locale)?;
    let from = options
        .from
        .clone()
        .unwrap_or_else(|| project.config.source.clone());
    if from != project.config.source && Some(&from) != project.config.parallel.as_ref() {
        return Err(Error::Usage(format!(
            "--from {from}: not a source language of this project"
        )));
    }
    let documents: Vec<String> = if options.documents.is_empty() {
        project.documents.clone()
    } else {
        for doc in &options.documents {
            if !project.documents.contains(doc) {
                return Err(Error::Usage(format!("no document named \"{doc}\"")));
            }
        }
        options.documents.clone()
    };
    let format = options.format;
    let (from, target) = (from.to_string(), options.locale.to_string());
    let per_document = options.output.is_dir()
        || options
            .output
            .as_os_str()
            .to_string_lossy()
            .ends_with(['/', std::path::MAIN_SEPARATOR]);
    let (head, tail) = (head(format, &from, &target), tail(format));
    if per_document {
        std::fs::create_dir_all(&options.output).map_err(|e| Error::io(&options.output, e))?;
    }
    let rendered: Vec<Result<ExportedDocument>> = documents
        .par_iter()
        .map(|doc| {
            let mut diagnostics = Vec::new();
            let units = read_document(&project, doc, &options.locale, &mut diagnostics)?;
            let fragment = units.map(|units| fragment(format, &from, &target, doc, &units));
            Ok(ExportedDocument {
                fragment,
                diagnostics,
            })
        })
        .collect();
    let mut files = Vec::new();
    let mut read = Vec::new();
    for result in rendered {
        let exported = result?;
        diagnostics.extend(exported.diagnostics);
        read.extend(exported.fragment);
    }
    if per_document {
        for fragment in &read {
            let path = options
                .output
                .join(format!("{}.{}", fragment.doc, format.extension()));
            let text = [head.as_str(), &fragment.text, &tail].concat();
            let file = ExportedFile {
                path,
                documents: 1,
                counts: fragment.counts.clone(),
            };
            files.push(write_export(
                file,
                &text,
                fragment.left_out,
                &mut diagnostics,
            )?);
        }
    } else {
        let mut file = ExportedFile {
            path: options.output.clone(),
            documents: read.len(),
            counts: Counts::default(),
        };
        let mut texts = vec![head.as_str()];
        let mut left_out = 0;
        for fragment in &read {
            texts.push(&fragment.text);
            file.counts.add(&fragment.counts);
            left_out += fragment.left_out;
        }
        texts.push(&tail);
        files.push(write_export(
            file,
            &texts.concat(),
            left_out,
            &mut diagnostics,
        )?);
    }
    Ok(ExportReport {
        locale: target,
        from,
        format,
        files,
        diagnostics,
    })
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.units += other.units;
        self.translated += other.translated;
        self.stale += other.stale;
        self.missing += other.missing;
    }
}

/// Writes one export file (`file` says what it holds).
fn write_export(
    file: ExportedFile,
    text: &str,
    left_out: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<ExportedFile> {
    if left_out > 0 {
        diagnostics.push(Diagnostic::warning(
            &file.path,
            format!("{left_out} translated pairs left out: they hold characters XML cannot carry"),
        ));
    }
    fsio::write_atomic(&file.path, text.as_bytes())?;
    Ok(file)
}

/// What an import did with one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitResult {
    /// The translation was written and is current.
    Imported,
    /// The translation was written, stale (its source changed since the export, or the file
    /// marks it as needing review).
    ImportedStale,
    /// The catalog already holds this translation in this state.
    Unchanged,
    /// No translation in the file.
    Untranslated,
    /// Not imported (see the diagnostics).
    Skipped,
}

/// Counts of one imported file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportedFile {
    pub path: PathBuf,
    pub format: Option<ExchangeFormat>,
    pub locale: Option<String>,
    pub units: usize,
    pub imported: usize,
    pub imported_stale: usize,
    pub unchanged: usize,
    pub untranslated: usize,
    pub skipped: usize,
    /// Refused as a whole (malformed, unsupported): nothing from it was imported.
    pub refused: bool,
}

/// One catalog an import changed.
#[derive(Debug, Clone, Serialize)]
pub struct ChangedCatalog {
    pub path: PathBuf,
    pub units: usize,
}

/// The result of `honyaku import`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    pub dry_run: bool,
    pub files: Vec<ImportedFile>,
    pub catalogs: Vec<ChangedCatalog>,
    /// TMX files added to the translation memory (`memory/<locale>/`), with their pairs.
    pub memories: Vec<ChangedCatalog>,
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

/// A parsed exchange file.
#[derive(Debug)]
struct Parsed {
    format: ExchangeFormat,
    languages: Languages,
    units: Vec<Incoming>,
}

/// Detects the format of `text` and reads it.
fn parse_file(text: &str) -> std::result::Result<Parsed, FormatError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if !trimmed.starts_with('<') {
        let (languages, units) = po::read(text)?;
        return Ok(Parsed {
            format: ExchangeFormat::Po,
            languages,
            units,
        });
    }
    let read = xliff::read(text)?;
    Ok(Parsed {
        format: match read.version {
            xliff::Version::V2 => ExchangeFormat::Xliff2,
            xliff::Version::V12 => ExchangeFormat::Xliff12,
        },
        languages: read.languages,
        units: read.units,
    })
}

/// `honyaku import`: writes the translations of exchange files back into the catalogs.
/// The caller holds the project lock unless this is a dry run.
pub fn import(
    project: &Project,
    diagnostics: Vec<Diagnostic>,
    options: &ImportOptions,
) -> Result<ImportReport> {
    let mut report = ImportReport {
        dry_run: options.dry_run,
        diagnostics,
        ..ImportReport::default()
    };
    let mut catalogs: BTreeMap<(Locale, String), apply::Catalog> = BTreeMap::new();
    for path in &options.files {
        let mut file = ImportedFile {
            path: path.clone(),
            ..ImportedFile::default()
        };
        let refuse = |file: &mut ImportedFile, report: &mut ImportReport, d: Diagnostic| {
            file.refused = true;
            report
                .diagnostics
                .push(d.help("nothing from this file was imported"));
        };
        let text = match fsio::read_text(path) {
            Ok(text) => text,
            Err(ReadError::Io(error)) => return Err(error),
            Err(ReadError::Content(diagnostic)) => {
                refuse(&mut file, &mut report, diagnostic);
                report.files.push(file);
                continue;
            }
        };
        if let Some(pairs) = tmx_pairs(project, &text) {
            import_tmx(
                project,
                path,
                &text,
                pairs,
                options.dry_run,
                &mut file,
                &mut report,
            )?;
            report.files.push(file);
            continue;
        }
        let parsed = match parse_file(&text) {
            Ok(parsed) => parsed,
            Err(error) => {
                let d = Diagnostic::error(path, error.message).at(error.line, error.column);
                refuse(&mut file, &mut report, d);
                report.files.push(file);
                continue;
            }
        };
        file.format = Some(parsed.format);
        file.locale = Some(parsed.languages.target.clone());
        file.units = parsed.units.len();
        match check_file(project, path, &parsed) {
            Ok(locale) => {
                apply_file(
                    project,
                    path,
                    &locale,
                    &parsed,
                    &mut catalogs,
                    &mut file,
                    &mut report,
                )?;
            }
            Err(diagnostic) => refuse(&mut file, &mut report, diagnostic),
        }
        report.files.push(file);
    }
    let batch = fsio::Batch::default();
    // Rendered and parsed again (the check below) in parallel, written in order.
    struct Rendered<'c> {
        path: PathBuf,
        text: String,
        catalog: &'c apply::Catalog,
        /// The first parse error of `text`, if any.
        error: Option<String>,
    }
    let rendered: Vec<Rendered> = catalogs
        .par_iter()
        .filter(|(_, catalog)| catalog.changed > 0)
        .map(|((locale, doc), catalog)| {
            let text = catalog.file.to_string();
            let error = ftl::parse(&text)
                .err()
                .map(|errors| errors.first().map(ToString::to_string).unwrap_or_default());
            Rendered {
                path: project.catalog_path(locale, doc),
                text,
                catalog,
                error,
            }
        })
        .collect();
    for Rendered {
        path,
        text,
        catalog,
        error,
    } in rendered
    {
        if let Some(first) = error {
            // Never write a catalog that would not parse; this is a bug, not the user's input.
            report.diagnostics.push(
                Diagnostic::error(
                    project.display(&path),
                    format!("import would leave the catalog unparsable ({first}); not written"),
                )
                .help("please report this as a bug, with the file you imported"),
            );
            continue;
        }
        if !options.dry_run {
            batch.write(&path, text.as_bytes(), catalog.read.clone())?;
        }
        report.catalogs.push(ChangedCatalog {
            path: project.display(&path).to_owned(),
            units: catalog.changed,
        });
    }
    if !options.dry_run {
        let committed = batch.commit()?;
        for path in committed.conflicts {
            report.diagnostics.push(
                Diagnostic::error(
                    project.display(&path),
                    "changed while honyaku was importing into it: left as it is",
                )
                .help("run the import again"),
            );
            report.catalogs.retain(|c| c.path != project.display(&path));
        }
    }
    Ok(report)
}

/// What import needs of a TMX file: its units, and how many pair a source language of the
/// project with each translation locale.
#[derive(Debug)]
struct TmxPairs {
    units: usize,
    /// Per translation locale of the project, in configuration order.
    pairs: Vec<(Locale, usize)>,
}

/// The pairs of a TMX document, counted as its units are read (`Err` when its root is
/// `<tmx>` but the rest is not TMX), or `None` when the text is not TMX at all.
fn tmx_pairs(project: &Project, text: &str) -> Option<std::result::Result<TmxPairs, FormatError>> {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let head = match head.strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or("", |(_, after)| after),
        None => head,
    };
    let root = head.trim_start().strip_prefix('<')?;
    let name = root
        .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .next()?;
    if name != "tmx" {
        return None;
    }
    let sources: Vec<&Locale> = std::iter::once(&project.config.source)
        .chain(project.config.parallel.as_ref())
        .collect();
    let mut counted = TmxPairs {
        units: 0,
        pairs: project
            .config
            .targets
            .iter()
            .map(|l| (l.clone(), 0))
            .collect(),
    };
    let read = tmx::read_each(text, |unit| {
        let has = |l: &Locale| {
            unit.variants
                .iter()
                .any(|(tag, _)| tmx::language_matches(tag, l))
        };
        counted.units += 1;
        if sources.iter().any(|s| has(s)) {
            for (locale, count) in &mut counted.pairs {
                if has(locale) {
                    *count += 1;
                }
            }
        }
    });
    Some(read.map(|()| counted))
}

/// A TMX file goes to the translation memory: it is copied as it is into
/// `memory/<locale>/` for every translation locale of the project it holds text in, where
/// the memory reads it in place. A file of that name holding other bytes is never
/// overwritten.
fn import_tmx(
    project: &Project,
    path: &Path,
    text: &str,
    pairs: std::result::Result<TmxPairs, FormatError>,
    dry_run: bool,
    file: &mut ImportedFile,
    report: &mut ImportReport,
) -> Result<()> {
    use tmx::memory_dir as tmx_dir;
    file.format = Some(ExchangeFormat::Tmx);
    let mut refuse = |file: &mut ImportedFile, d: Diagnostic| {
        file.refused = true;
        report
            .diagnostics
            .push(d.help("nothing from this file was imported"));
    };
    let counted = match pairs {
        Ok(counted) => counted,
        Err(error) => {
            refuse(
                file,
                Diagnostic::error(path, error.message).at(error.line, error.column),
            );
            return Ok(());
        }
    };
    file.units = counted.units;
    let locales: Vec<(&Locale, usize)> = counted
        .pairs
        .iter()
        .map(|(l, n)| (l, *n))
        .filter(|(_, n)| *n > 0)
        .collect();
    let Some(name) = path.file_name() else {
        refuse(file, Diagnostic::error(path, "not a file name"));
        return Ok(());
    };
    if locales.is_empty() {
        let targets: Vec<&str> = project.config.targets.iter().map(Locale::tag).collect();
        refuse(
            file,
            Diagnostic::error(
                path,
                format!(
                    "no unit pairs a source language of this project with one of its translation locales ({})",
                    targets.join(", ")
                ),
            )
            .at(1, 1),
        );
        return Ok(());
    }
    file.locale = Some(
        locales
            .iter()
            .map(|(l, _)| l.tag())
            .collect::<Vec<_>>()
            .join(","),
    );
    for (locale, count) in locales {
        let target = tmx_dir(project, locale).join(name);
        match std::fs::read(&target) {
            Ok(bytes) if bytes == text.as_bytes() => {
                file.unchanged += count;
                continue;
            }
            Ok(_) => {
                file.skipped += count;
                report.diagnostics.push(
                    Diagnostic::error(
                        project.display(&target),
                        "a memory file of this name already holds other units: not overwritten",
                    )
                    .help("rename the file you import, or remove the old one from memory/ first"),
                );
                continue;
            }
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::io(&target, error));
            }
            Err(_) => {}
        }
        if !dry_run {
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            fsio::write_atomic(&target, text.as_bytes())?;
        }
        file.imported += count;
        report.memories.push(ChangedCatalog {
            path: project.display(&target).to_owned(),
            units: count,
        });
    }
    Ok(())
}

/// Checks a file's languages and ids before anything of it is applied; the target locale.
fn check_file(
    project: &Project,
    path: &Path,
    parsed: &Parsed,
) -> std::result::Result<Locale, Diagnostic> {
    let languages = &parsed.languages;
    let locale: Locale = languages.target.parse().map_err(|_| {
        Diagnostic::error(
            path,
            format!("target language {:?} is not a locale tag", languages.target),
        )
        .at(1, 1)
    })?;
    if !project.config.targets.contains(&locale) {
        return Err(Diagnostic::error(
            path,
            format!("target language {locale} is not a translation locale of this project"),
        )
        .at(1, 1));
    }
    let sources = [
        Some(&project.config.source),
        project.config.parallel.as_ref(),
    ];
    if !sources
        .iter()
        .flatten()
        .any(|l| l.tag() == languages.source)
    {
        return Err(Diagnostic::error(
            path,
            format!(
                "source language {} is not a source language of this project",
                languages.source
            ),
        )
        .at(1, 1));
    }
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    for unit in &parsed.units {
        if let Some(first) = seen.insert((&unit.document, &unit.id), unit.line) {
            return Err(Diagnostic::error(
                path,
                format!(
                    "unit \"{}\" of \"{}\" appears twice (first on line {first})",
                    unit.id, unit.document
                ),
            )
            .at(unit.line, unit.column));
        }
    }
    Ok(locale)
}

/// What applying one unit gave: its result and, if any, what to report at it.
#[derive(Debug)]
struct UnitOutcome {
    /// The unit's index in the file.
    index: usize,
    result: UnitResult,
    diagnostic: Option<Diagnostic>,
}

/// One document's part of an import: its catalog after the units (`None` when it cannot be
/// read), what loading it reported, and each unit's outcome.
#[derive(Debug)]
struct AppliedDocument {
    key: (Locale, String),
    catalog: Option<apply::Catalog>,
    diagnostics: Vec<Diagnostic>,
    outcomes: Vec<UnitOutcome>,
}

/// Applies every unit of one checked file to the catalogs (in memory).
///
/// Documents are independent: each one's catalog is loaded (unless an earlier file changed
/// it) and its units applied in parallel with the others'. What is reported comes out in the
/// order of one pass over the file: loading problems in the order the file names the
/// documents, then each unit's in file order. A catalog nothing changed is dropped at once
/// (reading it again, should a later file name it, gives the same), so memory holds only
/// the catalogs to write.
fn apply_file(
    project: &Project,
    path: &Path,
    locale: &Locale,
    parsed: &Parsed,
    catalogs: &mut BTreeMap<(Locale, String), apply::Catalog>,
    file: &mut ImportedFile,
    report: &mut ImportReport,
) -> Result<()> {
    // The units of each document, documents in the order the file names them.
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    for (index, unit) in parsed.units.iter().enumerate() {
        let doc = unit.document.as_str();
        let group = *group_of.entry(doc).or_insert_with(|| {
            groups.push((doc, Vec::new()));
            groups.len() - 1
        });
        groups[group].1.push(index);
    }
    let work: Vec<(&str, Vec<usize>, Option<apply::Catalog>)> = groups
        .into_iter()
        .map(|(doc, units)| {
            let loaded = catalogs.remove(&(locale.clone(), doc.to_owned()));
            (doc, units, loaded)
        })
        .collect();
    let applied: Vec<Result<AppliedDocument>> = work
        .into_par_iter()
        .map(|(doc, units, loaded)| {
            let mut diagnostics = Vec::new();
            let exists = project.documents.iter().any(|d| d == doc);
            let mut catalog = match loaded {
                Some(catalog) => Some(catalog),
                None if exists => apply::Catalog::load(project, doc, locale, &mut diagnostics)?,
                None => None,
            };
            let outcomes = units
                .into_iter()
                .map(|index| {
                    let unit = &parsed.units[index];
                    let at = |message: String, help: &str| {
                        Diagnostic::error(path, message)
                            .at(unit.line, unit.column)
                            .help(help)
                    };
                    let (result, diagnostic) = match catalog.as_mut().map(|c| c.apply(unit)) {
                        None => {
                            let message = if exists {
                                format!(
                                    "\"{}\" of \"{}\" skipped: the document's catalogs cannot be read (see above)",
                                    unit.id, unit.document
                                )
                            } else {
                                format!(
                                    "\"{}\" skipped: the project has no document \"{}\"",
                                    unit.id, unit.document
                                )
                            };
                            (
                                UnitResult::Skipped,
                                Some(at(message, "the unit was not imported")),
                            )
                        }
                        Some(Ok(apply::Applied { result, note })) => (
                            result,
                            note.map(|note| {
                                Diagnostic::warning(path, note).at(unit.line, unit.column)
                            }),
                        ),
                        Some(Err(reason)) => (
                            UnitResult::Skipped,
                            Some(at(
                                reason,
                                "the unit was not imported; the catalog is unchanged for it",
                            )),
                        ),
                    };
                    UnitOutcome {
                        index,
                        result,
                        diagnostic,
                    }
                })
                .collect();
            Ok(AppliedDocument {
                key: (locale.clone(), doc.to_owned()),
                catalog,
                diagnostics,
                outcomes,
            })
        })
        .collect();
    let mut outcomes = Vec::with_capacity(parsed.units.len());
    for result in applied {
        let document = result?;
        report.diagnostics.extend(document.diagnostics);
        outcomes.extend(document.outcomes);
        if let Some(catalog) = document.catalog.filter(|c| c.changed > 0) {
            catalogs.insert(document.key, catalog);
        }
    }
    outcomes.sort_by_key(|o| o.index);
    for outcome in outcomes {
        match outcome.result {
            UnitResult::Imported => file.imported += 1,
            UnitResult::ImportedStale => file.imported_stale += 1,
            UnitResult::Unchanged => file.unchanged += 1,
            UnitResult::Untranslated => file.untranslated += 1,
            UnitResult::Skipped => file.skipped += 1,
        }
        report.diagnostics.extend(outcome.diagnostic);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hostile() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "{",
            "}",
            " ",
            "\n",
            "\r\n",
            "\r",
            "[",
            "*",
            ".",
            "\t",
            "\u{1}",
            "\u{b}",
            "\u{7f}",
            "\u{fffe}",
            "😀",
            "\"",
            "\\",
            "<",
            "&",
            "]]>",
            "#",
            "msgid \"",
            "日本語",
            "word",
            "\u{2028}",
            "\u{feff}",
            "#|",
            "\\n",
        ]);
        prop::collection::vec(pieces, 1..10).prop_map(|p| p.concat())
    }

    fn unit(id: usize, ja: String, en: String, target: Option<String>, stale: bool) -> Unit {
        let state = match (&target, stale) {
            (None, _) => State::Missing,
            (Some(_), true) => State::Stale,
            (Some(_), false) => State::Translated,
        };
        let previous = if state == State::Stale {
            vec![Previous {
                locale: "ja".into(),
                text: format!("{ja} (v1)"),
            }]
        } else {
            Vec::new()
        };
        Unit {
            document: "doc".into(),
            id: format!("m-{id}"),
            sources: vec![SourceText::new("ja", &ja), SourceText::new("en", &en)],
            target,
            state,
            previous,
            changes: Vec::new(),
            comments: vec!["a translator's note".into()],
        }
    }

    proptest! {
        /// Every format gives back each unit's target, exported sources with their
        /// fingerprints, and needs-review flag, for any text.
        #[test]
        fn formats_round_trip(
            texts in prop::collection::vec((hostile(), hostile(), prop::option::of(hostile()), any::<bool>()), 1..5),
            from_en in any::<bool>(),
        ) {
            let units: Vec<Unit> = texts
                .into_iter()
                .enumerate()
                .map(|(i, (ja, en, target, stale))| unit(i, ja, en, target, stale))
                .collect();
            let set = ExportSet {
                from: if from_en { "en".into() } else { "ja".into() },
                target: "fr".into(),
                documents: vec![("doc".into(), units.clone())],
            };
            for text in [ExchangeFormat::Xliff2, ExchangeFormat::Xliff12, ExchangeFormat::Po].map(|f| render(f, &set)) {
                let parsed = parse_file(&text).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
                prop_assert_eq!(&parsed.languages.target, "fr");
                prop_assert_eq!(parsed.units.len(), units.len());
                for (read, unit) in parsed.units.iter().zip(&units) {
                    prop_assert_eq!(&read.id, &unit.id);
                    let target = unit.target.clone().filter(|t| !t.is_empty());
                    prop_assert_eq!(&read.target, &target, "{}", text);
                    prop_assert_eq!(read.needs_review, unit.state == State::Stale);
                    for source in &unit.sources {
                        let exported = read.exported.iter().find(|e| e.locale == source.locale);
                        prop_assert_eq!(exported.and_then(|e| e.fingerprint), Some(source.fingerprint));
                        prop_assert_eq!(exported.and_then(|e| e.text.as_deref()), Some(source.text.as_str()), "{}", text);
                    }
                }
            }
        }
    }
}
