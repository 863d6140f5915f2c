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
    /// TMX 1.4b (translation memories; export only).
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

/// The units of several documents in one export.
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
    let Some(file) = context.target_catalog(project, diagnostics)? else {
        return Ok(None);
    };
    let tags = context.tags();
    let known: BTreeSet<&str> = context.sources.keys().map(String::as_str).collect();
    let views = file
        .as_ref()
        .map(|f| model::read_target(f, locale, &tags, &known))
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
            let Some(file) = load(project, &path, diagnostics)? else {
                return Ok(None);
            };
            let Some(file) = file else {
                diagnostics.push(
                    Diagnostic::error(project.display(&path), "the source catalog does not exist")
                        .help("run `honyaku sync` first"),
                );
                return Ok(None);
            };
            for (id, text) in model::source_texts(&file) {
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

    /// The target catalog: `Some(None)` when it does not exist yet, `None` when it is broken.
    fn target_catalog(
        &self,
        project: &Project,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Option<Option<FtlFile>>> {
        load(
            project,
            &project.catalog_path(&self.locale, &self.doc),
            diagnostics,
        )
    }
}

/// Reads and parses a catalog: `Some(None)` when missing, `None` (with diagnostics) when it
/// cannot be read or parsed.
fn load(
    project: &Project,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<Option<FtlFile>>> {
    if !path.exists() {
        return Ok(Some(None));
    }
    let shown = project.display(path).to_owned();
    let text = match fsio::read_text(path) {
        Ok(text) => text,
        Err(ReadError::Io(error)) => return Err(error),
        Err(ReadError::Content(diagnostic)) => {
            diagnostics.push(Diagnostic {
                path: shown,
                ..diagnostic
            });
            return Ok(None);
        }
    };
    match ftl::parse(&text) {
        Ok(file) => Ok(Some(Some(file))),
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
fn target_locale(project: &Project, locale: &Locale) -> Result<()> {
    if project.config.targets.contains(locale) {
        return Ok(());
    }
    let targets: Vec<&str> = project.config.targets.iter().map(Locale::tag).collect();
    Err(Error::Usage(format!(
        "{locale} is not a translation locale of this project (translation locales: {})",
        targets.join(", ")
    )))
}

/// One document's units as read for an export (`None` when its catalogs cannot be read).
#[derive(Debug)]
struct ReadDocument {
    doc: String,
    units: Option<Vec<Unit>>,
    diagnostics: Vec<Diagnostic>,
}

/// `honyaku export`: writes the units of a target locale.
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
    let read: Vec<Result<ReadDocument>> = documents
        .par_iter()
        .map(|doc| {
            let mut diagnostics = Vec::new();
            let units = read_document(&project, doc, &options.locale, &mut diagnostics)?;
            Ok(ReadDocument {
                doc: doc.clone(),
                units,
                diagnostics,
            })
        })
        .collect();
    let mut set = ExportSet {
        from: from.to_string(),
        target: options.locale.to_string(),
        documents: Vec::new(),
    };
    for result in read {
        let read = result?;
        diagnostics.extend(read.diagnostics);
        if let Some(units) = read.units {
            set.documents.push((read.doc, units));
        }
    }
    let per_document = options.output.is_dir()
        || options
            .output
            .as_os_str()
            .to_string_lossy()
            .ends_with(['/', std::path::MAIN_SEPARATOR]);
    let mut files = Vec::new();
    if per_document {
        std::fs::create_dir_all(&options.output).map_err(|e| Error::io(&options.output, e))?;
        for (doc, units) in &set.documents {
            let path = options
                .output
                .join(format!("{doc}.{}", options.format.extension()));
            let one = ExportSet {
                documents: vec![(doc.clone(), units.clone())],
                ..set.clone()
            };
            files.push(write_export(&one, options.format, &path, &mut diagnostics)?);
        }
    } else {
        files.push(write_export(
            &set,
            options.format,
            &options.output,
            &mut diagnostics,
        )?);
    }
    Ok(ExportReport {
        locale: set.target,
        from: set.from,
        format: options.format,
        files,
        diagnostics,
    })
}

fn write_export(
    set: &ExportSet,
    format: ExchangeFormat,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<ExportedFile> {
    let text = match format {
        ExchangeFormat::Xliff2 => xliff::write_xliff2(set),
        ExchangeFormat::Xliff12 => xliff::write_xliff12(set),
        ExchangeFormat::Po => po::write(set),
        ExchangeFormat::Tmx => {
            let (text, counts) = tmx::write(set);
            if counts.left_out > 0 {
                diagnostics.push(Diagnostic::warning(
                    path,
                    format!(
                        "{} translated pairs left out: they hold characters XML cannot carry",
                        counts.left_out
                    ),
                ));
            }
            text
        }
    };
    fsio::write_atomic(path, text.as_bytes())?;
    let mut counts = Counts::default();
    for unit in set.documents.iter().flat_map(|(_, units)| units) {
        counts.units += 1;
        match unit.state {
            State::Translated => counts.translated += 1,
            State::Stale => counts.stale += 1,
            State::Missing => counts.missing += 1,
        }
    }
    Ok(ExportedFile {
        path: path.to_owned(),
        documents: set.documents.len(),
        counts,
    })
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
    let root = xml::parse(text).map_err(|e| FormatError {
        line: e.line,
        column: e.column,
        message: format!("not well-formed XML: {}", e.message),
    })?;
    let at = |message: String| FormatError {
        line: root.line,
        column: root.column,
        message,
    };
    match (root.name.as_str(), root.ns.as_str()) {
        ("xliff", xliff::XLIFF2_NS) | ("xliff", xliff::XLIFF12_NS) => {
            let (version, format) = match root.attr("version") {
                Some("2.0") if root.ns == xliff::XLIFF2_NS => {
                    (xliff::Version::V2, ExchangeFormat::Xliff2)
                }
                Some("1.2") if root.ns == xliff::XLIFF12_NS => {
                    (xliff::Version::V12, ExchangeFormat::Xliff12)
                }
                other => {
                    return Err(at(format!(
                        "XLIFF version {} in namespace {}: honyaku reads XLIFF 2.0 and 1.2",
                        other.unwrap_or("(none)"),
                        root.ns
                    )));
                }
            };
            let (languages, units) = xliff::read(&root, version)?;
            Ok(Parsed {
                format,
                languages,
                units,
            })
        }
        ("xliff", ns) => Err(at(format!(
            "an <xliff> element in namespace {ns:?}: honyaku reads XLIFF 2.0 and 1.2"
        ))),
        ("tmx", _) => Err(at(
            "TMX is a translation memory, which honyaku cannot import yet (the translation memory is issue 16)".into(),
        )),
        (name, _) => Err(at(format!("a <{name}> document is not XLIFF"))),
    }
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
    if parsed.format == ExchangeFormat::Tmx {
        return Err(Diagnostic::error(path, "TMX cannot be imported yet").at(1, 1));
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

/// Applies every unit of one checked file to the catalogs (in memory).
fn apply_file(
    project: &Project,
    path: &Path,
    locale: &Locale,
    parsed: &Parsed,
    catalogs: &mut BTreeMap<(Locale, String), apply::Catalog>,
    file: &mut ImportedFile,
    report: &mut ImportReport,
) -> Result<()> {
    // The catalogs this file needs and that no earlier file loaded, in the order the file
    // names them, loaded in parallel (reading and parsing them is most of an import's work).
    let mut needed: Vec<&str> = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for unit in &parsed.units {
        let doc = unit.document.as_str();
        if seen.insert(doc)
            && project.documents.iter().any(|d| d == doc)
            && !catalogs.contains_key(&(locale.clone(), doc.to_owned()))
        {
            needed.push(doc);
        }
    }
    struct Loaded<'d> {
        doc: &'d str,
        catalog: Option<apply::Catalog>,
        diagnostics: Vec<Diagnostic>,
    }
    let loaded: Vec<Result<Loaded>> = needed
        .par_iter()
        .map(|&doc| {
            let mut diagnostics = Vec::new();
            let catalog = apply::Catalog::load(project, doc, locale, &mut diagnostics)?;
            Ok(Loaded {
                doc,
                catalog,
                diagnostics,
            })
        })
        .collect();
    for result in loaded {
        let Loaded {
            doc,
            catalog,
            diagnostics,
        } = result?;
        if let Some(catalog) = catalog {
            catalogs.insert((locale.clone(), doc.to_owned()), catalog);
        }
        report.diagnostics.extend(diagnostics);
    }
    for unit in &parsed.units {
        let key = (locale.clone(), unit.document.clone());
        let skip = |report: &mut ImportReport, message: String, help: &str| {
            report.diagnostics.push(
                Diagnostic::error(path, message)
                    .at(unit.line, unit.column)
                    .help(help),
            );
        };
        let Some(catalog) = catalogs.get_mut(&key) else {
            file.skipped += 1;
            let exists = project.documents.contains(&unit.document);
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
            skip(report, message, "the unit was not imported");
            continue;
        };
        match catalog.apply(unit) {
            Ok(apply::Applied { result, note }) => {
                match result {
                    UnitResult::Imported => file.imported += 1,
                    UnitResult::ImportedStale => file.imported_stale += 1,
                    UnitResult::Unchanged => file.unchanged += 1,
                    UnitResult::Untranslated => file.untranslated += 1,
                    UnitResult::Skipped => file.skipped += 1,
                }
                if let Some(note) = note {
                    report
                        .diagnostics
                        .push(Diagnostic::warning(path, note).at(unit.line, unit.column));
                }
            }
            Err(reason) => {
                file.skipped += 1;
                skip(
                    report,
                    reason,
                    "the unit was not imported; the catalog is unchanged for it",
                );
            }
        }
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
            for text in [xliff::write_xliff2(&set), xliff::write_xliff12(&set), po::write(&set)] {
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
