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
    /// XLIFF 2.0 (OASIS core; also written xliff20 or xliff2.0).
    #[value(aliases = ["xliff20", "xliff2.0"])]
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
    /// A TMX file's translated pairs by their source language (a unit gives a pair per
    /// source text it has); empty for the other formats.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub pairs: BTreeMap<String, usize>,
}

/// One file `export` wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ExportedFile {
    pub path: PathBuf,
    pub documents: usize,
    #[serde(flatten)]
    pub counts: Counts,
    /// Units of its documents left out: they have no text in the file's source language.
    pub left_out: usize,
}

/// A document some of whose units (or all) an export left out: they have no text in the
/// language asked for with `--from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    pub document: String,
    /// Units left out.
    pub units: usize,
    /// No unit of the document has text in that language: it is not in the export at all.
    pub whole: bool,
}

/// The result of `honyaku export`.
#[derive(Debug, Clone, Serialize)]
pub struct ExportReport {
    pub locale: String,
    pub from: String,
    pub format: ExchangeFormat,
    pub files: Vec<ExportedFile>,
    /// One file per document (`-o` a directory).
    pub per_document: bool,
    /// Documents with units left out for want of text in `from`, in document order.
    pub left_out: Vec<LeftOut>,
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
    let Some(mut context) = DocContext::load(project, doc, locale, diagnostics)? else {
        return Ok(None);
    };
    let path = project.catalog_path(locale, doc);
    let Some(read) = read_catalog(project, &path, diagnostics)? else {
        return Ok(None);
    };
    let views = match read {
        None => BTreeMap::new(),
        Some(text) => {
            let tags = context.tags();
            let known: BTreeSet<&str> = context.sources.keys().map(String::as_str).collect();
            // Read by lines when the catalog has the plain shape, without its entries.
            match model::read_target_text(&text, &tags, &known) {
                Some(views) => views,
                None => {
                    let Some(file) = parse_catalog(project, &path, &text, diagnostics) else {
                        return Ok(None);
                    };
                    model::read_target(&file, locale, &tags, &known)
                }
            }
        }
    };
    // Each id below is taken once: its sources move into its unit.
    let mut sources_of = std::mem::take(&mut context.sources);
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
    // A translation fluent can only format with arguments (a selector on a variable) has no
    // one text for a CAT tool to edit: its unit is left out, never sent as untranslated
    // (which a translator would translate again only to see the import refuse it).
    let (ids, unresolved): (Vec<&str>, Vec<&str>) = ids.into_iter().partition(|id| {
        views
            .get(*id)
            .is_none_or(|v| !v.is_message || v.target.is_some())
    });
    if !unresolved.is_empty() {
        diagnostics.push(
            Diagnostic::warning(
                project.display(&path),
                match unresolved.as_slice() {
                    [one] => format!(
                        "\"{one}\" left out: its translation uses Fluent syntax a CAT tool cannot edit (a selector or a variable)"
                    ),
                    many => format!(
                        "{} units left out: their translations use Fluent syntax a CAT tool cannot edit (a selector or a variable): {}",
                        many.len(),
                        many.join(", ")
                    ),
                },
            )
            .help("edit these messages in the catalog"),
        );
    }
    let units = ids
        .into_iter()
        .map(|id| {
            let sources = sources_of.remove(id).unwrap_or_default();
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
                    // None for a source marked for review, unchanged.
                    let now = sources
                        .iter()
                        .find(|s| s.locale == p.locale && s.text != p.text)?;
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
#[derive(Debug, Clone)]
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
            let Some(read) = read_catalog(project, &path, diagnostics)? else {
                return Ok(None);
            };
            let Some(text) = read else {
                diagnostics.push(
                    Diagnostic::error(project.display(&path), "the source catalog does not exist")
                        .help("run `honyaku sync` first"),
                );
                return Ok(None);
            };
            let mut add = |id: &str, text: &str| {
                let text = SourceText::new(source.tag(), text);
                match sources.get_mut(id) {
                    Some(texts) => texts.push(text),
                    None => {
                        order.push(id.to_owned());
                        sources.insert(id.to_owned(), vec![text]);
                    }
                }
            };
            // Only id → text is needed of a source catalog: read by lines when it has the
            // plain shape, without building its entries.
            match lite::messages(&text) {
                Some(messages) => messages.iter().for_each(|m| add(m.id, m.value)),
                None => {
                    let Some(file) = parse_catalog(project, &path, &text, diagnostics) else {
                        return Ok(None);
                    };
                    for (id, text) in model::source_texts(&file) {
                        add(&id, &text);
                    }
                }
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
}

/// The text of a catalog: `Some(None)` when missing, `None` (with a diagnostic) when it cannot
/// be read.
fn read_catalog(
    project: &Project,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<Option<String>>> {
    if !path.exists() {
        return Ok(Some(None));
    }
    let shown = project.display(path);
    Ok(fsio::reported(fsio::read_text(path), shown, diagnostics)?.map(Some))
}

/// A catalog's text parsed ([`lite::parse`]), or `None` with its errors as diagnostics.
fn parse_catalog(
    project: &Project,
    path: &Path,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<FtlFile> {
    match lite::parse(text) {
        Ok(file) => Some(file),
        Err(errors) => {
            let shown = project.display(path);
            for error in errors {
                diagnostics.push(
                    Diagnostic::error(shown, error.to_string())
                        .at(error.line, error.column)
                        .help("fix the catalog and run again"),
                );
            }
            None
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
    /// Units left out: no text in the file's source language.
    without_source: usize,
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

/// One document's units in `format`, with their counts. With `only`, units without text in
/// that language are left out (and counted): an XLIFF or PO file says its source language is
/// `from`, so each unit's source must be text in it (the original's lacking an English-only
/// sentence, the English release's lacking what it has not translated yet). A TMX pair says
/// its own language, so a TMX export leaves out units only `--from` the English release
/// ([`unit_language`]), and then writes the English pairs alone.
fn fragment(
    format: ExchangeFormat,
    from: &str,
    target: &str,
    doc: &str,
    mut units: Vec<Unit>,
    only: Option<&str>,
) -> Fragment {
    let all = units.len();
    if let Some(only) = only {
        units.retain(|u| u.sources.iter().any(|s| s.locale == only));
    }
    let without_source = all - units.len();
    let mut counts = Counts::default();
    let (text, left_out) = match format {
        ExchangeFormat::Xliff2 => (xliff::document_xliff2(from, doc, &units), 0),
        ExchangeFormat::Xliff12 => (xliff::document_xliff12(from, target, doc, &units), 0),
        ExchangeFormat::Po => (po::document(from, doc, &units), 0),
        ExchangeFormat::Tmx => {
            let (text, tmx) = tmx::document(target, doc, &units, only);
            counts.pairs = tmx.pairs;
            (text, tmx.left_out)
        }
    };
    for unit in &units {
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
        without_source,
    }
}

impl Fragment {
    /// Whether the export leaves the whole document out: it has units, none with text in
    /// the file's source language.
    fn is_left_out(&self) -> bool {
        self.counts.units == 0 && self.without_source > 0
    }

    fn left_out(&self) -> Option<LeftOut> {
        (self.without_source > 0).then(|| LeftOut {
            document: self.doc.clone(),
            units: self.without_source,
            whole: self.is_left_out(),
        })
    }
}

/// A whole file of `format` holding `set`'s documents.
#[cfg(test)]
fn render(format: ExchangeFormat, set: &ExportSet) -> String {
    let mut text = head(format, &set.from, &set.target);
    for (doc, units) in &set.documents {
        let units = units.clone();
        text.push_str(&fragment(format, &set.from, &set.target, doc, units, None).text);
    }
    text.push_str(&tail(format));
    text
}

/// `honyaku export`: writes the units of a target locale.
///
/// Each document is read and rendered on its own, in parallel; a whole-file export writes
/// each document's text to the file as soon as it and those before it are rendered
/// ([`fsio::AtomicWriter`]: the same bytes as rendering them one after the other, and the
/// file is put in place only when complete), so only a few documents are held at a time.
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
    // Units without text in `from` are left out (a TMX export from the original keeps them:
    // each pair says its own language).
    let only = unit_language(format, &from, project.config.source.tag());
    let read_one = |doc: &String| -> Result<ExportedDocument> {
        let mut diagnostics = Vec::new();
        let units = read_document(&project, doc, &options.locale, &mut diagnostics)?;
        let fragment = units.map(|units| fragment(format, &from, &target, doc, units, only));
        Ok(ExportedDocument {
            fragment,
            diagnostics,
        })
    };
    let mut files = Vec::new();
    let mut left_out_documents = Vec::new();
    if per_document {
        std::fs::create_dir_all(&options.output).map_err(|e| Error::io(&options.output, e))?;
        let rendered: Vec<Result<ExportedDocument>> = documents.par_iter().map(read_one).collect();
        let mut read = Vec::new();
        for result in rendered {
            let exported = result?;
            diagnostics.extend(exported.diagnostics);
            read.extend(exported.fragment);
        }
        for fragment in &read {
            left_out_documents.extend(fragment.left_out());
            if fragment.is_left_out() {
                continue;
            }
            let path = options
                .output
                .join(format!("{}.{}", fragment.doc, format.extension()));
            let text = [head.as_str(), &fragment.text, &tail].concat();
            let file = ExportedFile {
                path,
                documents: 1,
                counts: fragment.counts.clone(),
                left_out: fragment.without_source,
            };
            warn_left_out(&file, fragment.left_out, &mut diagnostics);
            fsio::write_atomic(&file.path, text.as_bytes())?;
            files.push(file);
        }
    } else {
        // Written as the documents come, in order: the file is never held whole.
        let mut file = ExportedFile {
            path: options.output.clone(),
            documents: 0,
            counts: Counts::default(),
            left_out: 0,
        };
        let mut writer = fsio::AtomicWriter::create(&file.path)?;
        writer.write(head.as_bytes())?;
        let mut left_out = 0;
        in_order(&documents, read_one, |exported| {
            let exported = exported?;
            diagnostics.extend(exported.diagnostics);
            if let Some(fragment) = exported.fragment {
                left_out_documents.extend(fragment.left_out());
                file.left_out += fragment.without_source;
                if !fragment.is_left_out() {
                    writer.write(fragment.text.as_bytes())?;
                    file.documents += 1;
                    file.counts.add(&fragment.counts);
                    left_out += fragment.left_out;
                }
            }
            Ok(())
        })?;
        writer.write(tail.as_bytes())?;
        warn_left_out(&file, left_out, &mut diagnostics);
        writer.commit()?;
        files.push(file);
    }
    // The other source language, where the units left out have text.
    let other = if from == project.config.source.tag() {
        project.config.parallel.as_ref().map(Locale::tag)
    } else {
        Some(project.config.source.tag())
    };
    warn_without_source(
        &options.output,
        per_document,
        &from,
        other,
        from == project.config.source.tag(),
        &left_out_documents,
        &mut diagnostics,
    );
    Ok(ExportReport {
        locale: target,
        from,
        format,
        files,
        per_document,
        left_out: left_out_documents,
        diagnostics,
    })
}

/// The language every unit of an export `--from from` must have text in (`None`: any). An
/// XLIFF or PO file has one source language, `from`. A TMX file from the original holds every
/// pair, original → target and English → target, each with its own language (so an
/// English-only sentence's pair is in it, truthfully labelled `en`); `--from` the English
/// release, it holds English pairs only.
fn unit_language<'a>(format: ExchangeFormat, from: &'a str, original: &str) -> Option<&'a str> {
    (format != ExchangeFormat::Tmx || from != original).then_some(from)
}

/// Documents named in a warning about units left out; the others are counted.
const NAMED: usize = 10;

/// Warns that units without text in `from` were left out, naming their documents, and says
/// how to export them (`--from other`). From the original (`from_original`), they are
/// sentences only the English release has; from the English, sentences it has not yet.
fn warn_without_source(
    output: &Path,
    per_document: bool,
    from: &str,
    other: Option<&str>,
    from_original: bool,
    left_out: &[LeftOut],
    diagnostics: &mut Vec<Diagnostic>,
) {
    if left_out.is_empty() {
        return;
    }
    let units: usize = left_out.iter().map(|l| l.units).sum();
    let mut named: Vec<String> = left_out
        .iter()
        .take(NAMED)
        .map(|l| {
            let units = if l.units == 1 { "unit" } else { "units" };
            if l.whole && per_document {
                format!("{} (all {} {units}: no file written)", l.document, l.units)
            } else if l.whole {
                format!("{} (all {} {units})", l.document, l.units)
            } else {
                format!("{} ({} {units})", l.document, l.units)
            }
        })
        .collect();
    if left_out.len() > NAMED {
        named.push(format!("and {} more documents", left_out.len() - NAMED));
    }
    let units = if units == 1 {
        "1 unit".to_owned()
    } else {
        format!("{units} units")
    };
    let yet = if from_original { "" } else { " yet" };
    let why =
        format!("the file's source language is {from}, so every unit's source must be {from} text");
    let help = match other {
        Some(other) => format!("export them with `--from {other}` ({why})"),
        None => why,
    };
    diagnostics.push(
        Diagnostic::warning(
            output,
            format!(
                "{units} left out: no {from} text{yet} in {}",
                named.join(", ")
            ),
        )
        .help(help),
    );
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.units += other.units;
        self.translated += other.translated;
        self.stale += other.stale;
        self.missing += other.missing;
        for (language, pairs) in &other.pairs {
            *self.pairs.entry(language.clone()).or_default() += pairs;
        }
    }
}

/// Warns that `left_out` translated pairs of `file` are not in it.
fn warn_left_out(file: &ExportedFile, left_out: usize, diagnostics: &mut Vec<Diagnostic>) {
    if left_out > 0 {
        diagnostics.push(Diagnostic::warning(
            &file.path,
            format!("{left_out} translated pairs left out: they hold characters XML cannot carry"),
        ));
    }
}

/// Maps `items` on as many threads as the pool has and hands each result to `take` in the
/// order of `items`, on the calling thread, as soon as it and those before it are done.
/// Workers take the next item in order, so few results wait for an earlier one. Stops at the
/// first error of `take` (the workers then take no more items).
fn in_order<T: Sync, R: Send>(
    items: &[T],
    map: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(R) -> Result<()>,
) -> Result<()> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let threads = rayon::current_num_threads().clamp(1, items.len().max(1));
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::channel::<(usize, R)>();
        for _ in 0..threads {
            let send = send.clone();
            let (next, stop, map) = (&next, &stop, &map);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else { break };
                    if send.send((index, map(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
        let mut expected = 0;
        for (index, value) in receive {
            waiting.insert(index, value);
            while let Some(value) = waiting.remove(&expected) {
                expected += 1;
                if let Err(error) = take(value) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(error);
                }
            }
        }
        Ok(())
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
    /// The document has no message with its id any more (its sentence was removed from the
    /// source), and the file brings nothing new for it (untranslated, or the translation it
    /// was exported with).
    Removed,
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
    /// Units whose sentence left the source after the export, with nothing new in the file.
    pub removed: usize,
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
    languages: Languages,
    units: Vec<Incoming>,
}

/// Detects the format of `text` and reads it, all of its units at once.
fn parse_file(text: &str) -> std::result::Result<Parsed, FormatError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if !trimmed.starts_with('<') {
        let (languages, units) = po::read(text)?;
        return Ok(Parsed { languages, units });
    }
    let read = xliff::read(text)?;
    Ok(Parsed {
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
        read_and_apply(project, path, &text, &mut catalogs, &mut file, &mut report)?;
        report.files.push(file);
    }
    let batch = fsio::Batch::default();
    // Rendered and parsed again (the check below) in parallel, written in order.
    struct Rendered<'c> {
        path: PathBuf,
        text: String,
        catalog: &'c apply::Parsed,
        changed: usize,
        /// The first parse error of `text`, if any.
        error: Option<String>,
    }
    let rendered: Vec<Rendered> = catalogs
        .par_iter()
        .filter_map(|(key, catalog)| Some((key, catalog.parsed()?, catalog.changed)))
        .map(|((locale, doc), catalog, changed)| {
            let text = catalog.file.to_string();
            let error = ftl::parse(&text)
                .err()
                .map(|errors| errors.first().map(ToString::to_string).unwrap_or_default());
            Rendered {
                path: project.catalog_path(locale, doc),
                text,
                catalog,
                changed,
                error,
            }
        })
        .collect();
    for Rendered {
        path,
        text,
        catalog,
        changed,
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
            units: changed,
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
    let name = xml::root_name(text)?;
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
    // Per unit, in parallel: which translation locales it pairs with a source language.
    let read = tmx::map_each(text, |unit| {
        let has = |l: &Locale| {
            unit.variants
                .iter()
                .any(|(tag, _)| tmx::language_matches(tag, l))
        };
        let mut paired = Paired::default();
        if sources.iter().any(|s| has(s)) {
            for (index, (locale, _)) in counted.pairs.iter().enumerate() {
                if has(locale) {
                    paired.add(index);
                }
            }
        }
        paired
    });
    Some(read.map(|units| {
        counted.units = units.len();
        for paired in units {
            for (index, (_, count)) in counted.pairs.iter_mut().enumerate() {
                *count += usize::from(paired.has(index));
            }
        }
        counted
    }))
}

/// The translation locales (by index) one TMX unit pairs with a source language: a bit each
/// for the first 64, a list past them (no allocation for a project of up to 64 locales).
#[derive(Debug, Default)]
struct Paired {
    first: u64,
    more: Vec<usize>,
}

impl Paired {
    fn add(&mut self, index: usize) {
        match u32::try_from(index).ok().filter(|&i| i < 64) {
            Some(bit) => self.first |= 1 << bit,
            None => self.more.push(index),
        }
    }

    fn has(&self, index: usize) -> bool {
        match u32::try_from(index).ok().filter(|&i| i < 64) {
            Some(bit) => self.first & (1 << bit) != 0,
            None => self.more.contains(&index),
        }
    }
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
    let locale = check_languages(project, path, &parsed.languages)?;
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    for unit in &parsed.units {
        if let Some(first) = seen.insert((&unit.document, &unit.id), unit.line) {
            return Err(duplicate(path, unit, first));
        }
    }
    Ok(locale)
}

/// The project's translation locale a file's target language names: the tag itself, or the
/// tag as translators' tools write it (`de-DE` as Trados writes it for the project's `de`,
/// `fr_FR` as Poedit writes it for `fr`, `zh-CN` for `zh-Hans`). The one reading of a file's
/// target tag, for the check and for the units applied while the file is read.
fn locale_named(project: &Project, tag: &str) -> std::result::Result<Locale, String> {
    let dashed = tag.replace('_', "-");
    let Ok(locale) = dashed.parse::<Locale>() else {
        return Err(format!("target language {tag:?} is not a locale tag"));
    };
    let named: Vec<&Locale> = project
        .config
        .targets
        .iter()
        .filter(|t| **t == locale || t.is_named_by(&dashed))
        .collect();
    match named.as_slice() {
        [one] => Ok((*one).clone()),
        _ => Err(format!(
            "target language {tag} is not a translation locale of this project"
        )),
    }
}

/// Checks a file's languages against the project; the target locale.
fn check_languages(
    project: &Project,
    path: &Path,
    languages: &Languages,
) -> std::result::Result<Locale, Diagnostic> {
    let locale = locale_named(project, &languages.target)
        .map_err(|message| Diagnostic::error(path, message).at(1, 1))?;
    let sources = [
        Some(&project.config.source),
        project.config.parallel.as_ref(),
    ];
    if !sources
        .iter()
        .flatten()
        .any(|l| l.tag() == languages.source || l.is_named_by(&languages.source.replace('_', "-")))
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
    Ok(locale)
}

/// The report of a unit that appears a second time in a file (`first`: the line of the
/// first).
fn duplicate(path: &Path, unit: &Incoming, first: usize) -> Diagnostic {
    Diagnostic::error(
        path,
        format!(
            "unit \"{}\" of \"{}\" appears twice (first on line {first})",
            unit.id, unit.document
        ),
    )
    .at(unit.line, unit.column)
}

/// One document's units applied to its catalog (in memory).
#[derive(Debug)]
struct AppliedDocument {
    key: (Locale, String),
    /// The catalog after the units, when it holds changes to write.
    catalog: Option<apply::Catalog>,
    /// What loading the catalog reported.
    loading: Vec<Diagnostic>,
    /// What to report at units: each with the unit's position among the document's units.
    notes: Vec<(usize, Diagnostic)>,
    tally: Tally,
}

/// Units counted by what became of them.
#[derive(Debug, Default)]
struct Tally {
    imported: usize,
    imported_stale: usize,
    unchanged: usize,
    untranslated: usize,
    removed: usize,
    skipped: usize,
}

impl Tally {
    fn count(&mut self, result: UnitResult) {
        match result {
            UnitResult::Imported => self.imported += 1,
            UnitResult::ImportedStale => self.imported_stale += 1,
            UnitResult::Unchanged => self.unchanged += 1,
            UnitResult::Untranslated => self.untranslated += 1,
            UnitResult::Removed => self.removed += 1,
            UnitResult::Skipped => self.skipped += 1,
        }
    }

    fn add_to(&self, file: &mut ImportedFile) {
        file.imported += self.imported;
        file.imported_stale += self.imported_stale;
        file.unchanged += self.unchanged;
        file.untranslated += self.untranslated;
        file.removed += self.removed;
        file.skipped += self.skipped;
    }

    fn add(&mut self, other: &Tally) {
        self.imported += other.imported;
        self.imported_stale += other.imported_stale;
        self.unchanged += other.unchanged;
        self.untranslated += other.untranslated;
        self.removed += other.removed;
        self.skipped += other.skipped;
    }
}

/// Applies `units` (all of document `doc`, in file order) to its catalog in `locale`: the
/// catalog as an earlier file of the same import left it (`earlier`), else as read.
fn apply_document(
    project: &Project,
    path: &Path,
    locale: &Locale,
    doc: &str,
    units: &[&Incoming],
    earlier: Option<apply::Catalog>,
) -> Result<AppliedDocument> {
    let mut loading = Vec::new();
    let exists = project.documents.iter().any(|d| d == doc);
    let mut catalog = match earlier {
        Some(catalog) => Some(catalog),
        None if exists => apply::Catalog::load(project, doc, locale, &mut loading)?,
        None => None,
    };
    let mut tally = Tally::default();
    let mut notes = Vec::new();
    for (position, unit) in units.iter().enumerate() {
        let at = |message: String, help: &str| {
            Diagnostic::error(path, message)
                .at(unit.line, unit.column)
                .help(help)
        };
        if let Some(unreadable) = &unit.unreadable {
            let diagnostic = Diagnostic::error(
                path,
                format!("\"{}\" skipped: {}", unit.id, unreadable.message),
            )
            .at(unreadable.line, unreadable.column)
            .help("the unit was not imported; the catalog is unchanged for it");
            tally.count(UnitResult::Skipped);
            notes.push((position, diagnostic));
            continue;
        }
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
                note.map(|note| Diagnostic::warning(path, note).at(unit.line, unit.column)),
            ),
            Some(Err(reason)) => (
                UnitResult::Skipped,
                Some(at(
                    reason,
                    "the unit was not imported; the catalog is unchanged for it",
                )),
            ),
        };
        tally.count(result);
        notes.extend(diagnostic.map(|d| (position, d)));
    }
    Ok(AppliedDocument {
        key: (locale.clone(), doc.to_owned()),
        catalog: catalog.filter(|c| c.changed > 0),
        loading,
        notes,
        tally,
    })
}

/// What is reported of applied documents comes out in the order of one pass over the file:
/// loading problems in the order the file names the documents, then each unit's in file
/// order (`notes`, already in that order). Catalogs with changes go into `catalogs`.
fn take_applied(
    documents: Vec<AppliedDocument>,
    notes: Vec<Diagnostic>,
    catalogs: &mut BTreeMap<(Locale, String), apply::Catalog>,
    file: &mut ImportedFile,
    report: &mut ImportReport,
) {
    let mut tally = Tally::default();
    for document in documents {
        report.diagnostics.extend(document.loading);
        tally.add(&document.tally);
        if let Some(catalog) = document.catalog {
            catalogs.insert(document.key, catalog);
        }
    }
    report.diagnostics.extend(notes);
    tally.add_to(file);
}

/// Applies every unit of one checked file to the catalogs (in memory), the file's units all
/// held at once: for a file that names a document in more than one place (see
/// [`read_and_apply`] for the usual way).
///
/// Documents are independent: each one's catalog is loaded (unless an earlier file changed
/// it) and its units applied in parallel with the others'. A catalog nothing changed is
/// dropped at once (reading it again, should a later file name it, gives the same), so
/// memory holds only the catalogs to write.
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
            let earlier = catalogs.remove(&(locale.clone(), doc.to_owned()));
            (doc, units, earlier)
        })
        .collect();
    let applied: Vec<Result<(Vec<usize>, AppliedDocument)>> = work
        .into_par_iter()
        .map(|(doc, indices, earlier)| {
            let units: Vec<&Incoming> = indices.iter().map(|&i| &parsed.units[i]).collect();
            let document = apply_document(project, path, locale, doc, &units, earlier)?;
            Ok((indices, document))
        })
        .collect();
    let mut documents = Vec::with_capacity(applied.len());
    let mut notes = Vec::new();
    for result in applied {
        let (indices, mut document) = result?;
        notes.extend(
            std::mem::take(&mut document.notes)
                .into_iter()
                .map(|(position, d)| (indices[position], d)),
        );
        documents.push(document);
    }
    notes.sort_by_key(|(index, _)| *index);
    let notes = notes.into_iter().map(|(_, d)| d).collect();
    take_applied(documents, notes, catalogs, file, report);
    Ok(())
}

/// One document's part of a file read by [`read_and_apply`]: its name and unit count, the
/// first unit whose id comes twice in it, and its units applied (`None` when the file's
/// target language is not a translation locale of the project: the file is refused then).
#[derive(Debug)]
struct StreamedPart {
    document: String,
    units: usize,
    duplicate: Option<Diagnostic>,
    applied: Option<Result<AppliedDocument>>,
}

/// The units of `units` split into runs of one document each, in order.
fn split_documents(units: Vec<Incoming>, target: &str) -> Vec<xliff::FilePart> {
    let mut parts: Vec<xliff::FilePart> = Vec::new();
    for unit in units {
        match parts.last_mut() {
            Some(part) if part.document == unit.document => part.units.push(unit),
            _ => parts.push(xliff::FilePart {
                target: Some(target.to_owned()),
                document: unit.document.clone(),
                units: vec![unit],
            }),
        }
    }
    parts
}

/// Reads an XLIFF or PO file and applies its units to the catalogs (in memory), one document
/// at a time: each document's units are applied as soon as they are read, in parallel with
/// the others', and dropped, so the file's units are never all held at once (XLIFF; a PO file
/// is read whole, then applied document by document).
///
/// Nothing is written here, and what was applied is only kept once the whole file is known
/// to be good: a file that turns out malformed at its end (or names other languages, or a
/// unit twice) is refused as a whole with the same first error as a check before any apply,
/// and the catalogs stay as they were. A file that names a document in two places cannot be
/// applied a document at a time; it is read again whole ([`apply_file`]).
fn read_and_apply(
    project: &Project,
    path: &Path,
    text: &str,
    catalogs: &mut BTreeMap<(Locale, String), apply::Catalog>,
    file: &mut ImportedFile,
    report: &mut ImportReport,
) -> Result<()> {
    let earlier: &BTreeMap<(Locale, String), apply::Catalog> = catalogs;
    let work = |part: xliff::FilePart| -> StreamedPart {
        let xliff::FilePart {
            target,
            document,
            units,
        } = part;
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(units.len());
        let duplicate = units.iter().find_map(|unit| {
            let first = seen.insert(&unit.id, unit.line)?;
            Some(duplicate(path, unit, first))
        });
        let locale = target.and_then(|t| locale_named(project, &t).ok());
        let applied = locale.filter(|_| duplicate.is_none()).map(|locale| {
            let units: Vec<&Incoming> = units.iter().collect();
            let earlier = earlier.get(&(locale.clone(), document.clone())).cloned();
            apply_document(project, path, &locale, &document, &units, earlier)
        });
        StreamedPart {
            document,
            units: units.len(),
            duplicate,
            applied,
        }
    };
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let read = if trimmed.starts_with('<') {
        xliff::read_each(text, work).map(|each| {
            let format = match each.version {
                xliff::Version::V2 => ExchangeFormat::Xliff2,
                xliff::Version::V12 => ExchangeFormat::Xliff12,
            };
            (format, each.languages, each.parts)
        })
    } else {
        po::read(text).map(|(languages, units)| {
            let parts = split_documents(units, &languages.target);
            let parts = parts.into_par_iter().map(work).collect();
            (ExchangeFormat::Po, languages, parts)
        })
    };
    let (format, languages, parts) = match read {
        Ok(read) => read,
        Err(error) => {
            let d = Diagnostic::error(path, error.message).at(error.line, error.column);
            refuse(file, report, d);
            return Ok(());
        }
    };
    file.format = Some(format);
    file.locale = Some(languages.target.clone());
    file.units = parts.iter().map(|p| p.units).sum();
    let mut named = std::collections::HashSet::new();
    if !parts.iter().all(|p| named.insert(p.document.as_str())) {
        drop(parts);
        let parsed = match parse_file(text) {
            Ok(parsed) => parsed,
            Err(error) => {
                let d = Diagnostic::error(path, error.message).at(error.line, error.column);
                refuse(file, report, d);
                return Ok(());
            }
        };
        return match check_file(project, path, &parsed) {
            Ok(locale) => apply_file(project, path, &locale, &parsed, catalogs, file, report),
            Err(diagnostic) => {
                refuse(file, report, diagnostic);
                Ok(())
            }
        };
    }
    let checked = check_languages(project, path, &languages).and_then(|locale| {
        match parts.iter().find_map(|p| p.duplicate.clone()) {
            Some(diagnostic) => Err(diagnostic),
            None => Ok(locale),
        }
    });
    match checked {
        // The project's locale the file's tag names (`fr` for a tool's `fr-FR`).
        Ok(locale) => file.locale = Some(locale.tag().to_owned()),
        Err(diagnostic) => {
            refuse(file, report, diagnostic);
            return Ok(());
        }
    }
    let mut documents = Vec::with_capacity(parts.len());
    let mut notes = Vec::new();
    // Every part was applied: its locale is the file's, which the check above accepted.
    for part in parts {
        if let Some(applied) = part.applied {
            let mut document = applied?;
            notes.extend(
                std::mem::take(&mut document.notes)
                    .into_iter()
                    .map(|(_, d)| d),
            );
            documents.push(document);
        }
    }
    take_applied(documents, notes, catalogs, file, report);
    Ok(())
}

/// Refuses a whole file: nothing from it is imported.
fn refuse(file: &mut ImportedFile, report: &mut ImportReport, diagnostic: Diagnostic) {
    file.refused = true;
    report
        .diagnostics
        .push(diagnostic.help("nothing from this file was imported"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pairs_past_64_locales_are_counted() {
        let mut paired = Paired::default();
        for index in [0, 5, 63, 64, 200] {
            paired.add(index);
        }
        let has: Vec<usize> = (0..300).filter(|&i| paired.has(i)).collect();
        assert_eq!(has, [0, 5, 63, 64, 200]);
        assert!(!Paired::default().has(0));
    }

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
