//! `honyaku build`: renders every document in every locale from the catalogs, in the layout of
//! a source text, falling back along each locale's chain where a translation is missing or
//! stale, and records every fallback so a build system can decide whether to publish.
//!
//! Per document and locale the data flows: [`catalog::prepare`] → [`Translations`] per locale
//! of the chain → one [`Choice`] per unit (`fallback.rs`) → fills of the layout [`Document`]
//! and its blocks (`layout.rs`) → one page per output format. Output files are written only
//! when their bytes change, and `OUT/manifest.json` lists them.
//!
//! Each output format is one type behind the [`Render`] trait, in its own file (`text.rs`,
//! `markdown.rs`, `html.rs`), and one line of [`RENDERERS`]; `--format` takes their names.

mod fallback;
mod layout;
mod record;

use std::collections::BTreeMap;
use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::catalog::ledger::SourceLag;
use crate::catalog::{self, Prepared};
use crate::error::{Diagnostic, Error, Outcome, Result, Severity};
use crate::formatted::{Translations, translations};
use crate::fsio::{self, Batch, ProjectLock, to_json};
use crate::locale::Locale;
use crate::project::Project;
use crate::segment::{BlockKind, Document};
use fallback::Behind;
use fallback::{Choice, Piece, choose, pieces};
use layout::{OutBlock, blocks, joined};

/// Name of the manifest written at the root of the output directory.
pub const MANIFEST: &str = "manifest.json";

/// Builds more than this many documents × locales show a progress bar (on a terminal).
const PROGRESS_THRESHOLD: usize = 4;

/// Declares each output format's module (a file of this folder) and lists its renderer in
/// `RENDERERS`.
macro_rules! renderers {
    ($($module:ident: $renderer:ident;)*) => {
        $(mod $module;)*
        /// Every output format of `build`, in the order a build renders them (and `--format`
        /// lists them).
        static RENDERERS: &[&dyn Render] = &[$(&$module::$renderer),*];
    };
}

// The registry: a new output format is a file of this folder and one line here, `file: Type;`.
renderers! {
    text: Text;
    markdown: Markdown;
    html: Html;
}

/// One output format: a document's page in one locale, from its blocks and the text chosen
/// for each segment.
pub(crate) trait Render: Sync {
    /// The name `--format` takes, which is also the extension of its files and their
    /// `format` in the manifest.
    fn name(&self) -> &'static str;
    /// One document's page in one locale.
    fn page(&self, page: &Page<'_>) -> String;
    /// Pages about the whole build (the HTML index of each locale), from its sorted builds.
    fn indexes(&self, _builds: &[DocBuild]) -> Vec<IndexPage> {
        Vec::new()
    }
    /// The file name of [`Self::indexes`]'s pages, if the format has any.
    fn index_name(&self) -> Option<&'static str> {
        None
    }
}

/// A page about a whole locale's build, written at `OUT/<locale>/<name>`.
#[derive(Debug)]
pub(crate) struct IndexPage {
    locale: String,
    name: &'static str,
    content: String,
}

/// Output formats of `build`: one of the [`RENDERERS`], ordered as they are.
#[derive(Clone, Copy)]
pub struct BuildFormat(&'static dyn Render);

impl BuildFormat {
    /// Every format, in the order of [`RENDERERS`].
    pub fn all() -> impl Iterator<Item = BuildFormat> {
        RENDERERS.iter().map(|&renderer| BuildFormat(renderer))
    }

    /// The format `--format` names so.
    pub fn named(name: &str) -> Option<BuildFormat> {
        BuildFormat::all().find(|format| format.name() == name)
    }

    /// Its name, extension and manifest `format`: `txt`, `md`, `html`.
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    fn position(self) -> usize {
        RENDERERS
            .iter()
            .position(|r| r.name() == self.name())
            .unwrap_or(usize::MAX)
    }
}

impl fmt::Debug for BuildFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl PartialEq for BuildFormat {
    fn eq(&self, other: &BuildFormat) -> bool {
        self.name() == other.name()
    }
}

impl Eq for BuildFormat {}

impl PartialOrd for BuildFormat {
    fn partial_cmp(&self, other: &BuildFormat) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for BuildFormat {
    fn cmp(&self, other: &BuildFormat) -> std::cmp::Ordering {
        self.position().cmp(&other.position())
    }
}

/// Why a unit was not rendered from the locale's own translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    Missing,
    Stale,
    /// The translation exists but fluent-bundle cannot format it (e.g. an unknown term).
    Invalid,
}

/// One unit rendered from another locale than the one being built.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fallback {
    pub id: String,
    /// Line of the unit in the layout source text.
    pub line: usize,
    /// The locale whose text was used.
    pub from: String,
    pub reason: Reason,
}

/// What was done with one output file.
#[derive(Debug, Clone, Serialize)]
pub struct OutputReport {
    pub format: &'static str,
    pub path: PathBuf,
    pub written: bool,
}

/// The build of one document in one locale.
#[derive(Debug, Clone, Serialize)]
pub struct DocBuild {
    #[serde(skip)]
    pub target: Locale,
    pub locale: String,
    pub document: String,
    /// The source text whose structure the output follows.
    pub layout: String,
    /// Share of the placed units rendered from the locale's own, current translation.
    pub completeness: f64,
    pub fallbacks: Vec<Fallback>,
    /// Stale translations published anyway (`[build] stale = "use"`).
    pub stale_used: Vec<String>,
    pub outputs: Vec<OutputReport>,
    /// Set when `--min-complete` kept the document out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    /// Set when QA errors (`--check`) kept the translation from being published: its
    /// previous output, if any, stays.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<String>,
    /// The pages of an earlier build that stay in place when this build did not rebuild the
    /// document in this locale (withheld by `--check`, or its catalog does not parse): still
    /// listed in the manifest (marked `kept`, with the reason), the index and the language
    /// switchers, since they are still published.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<OutputReport>,
    /// The completeness the earlier build recorded for the kept pages (the index shows it).
    #[serde(skip)]
    pub kept_completeness: Option<f64>,
    /// For the parallel source's page (the English release as published): how far it is
    /// behind the original, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub behind: Option<SourceLag>,
    /// The document's title in this locale, for the index page.
    #[serde(skip)]
    pub title: String,
}

#[derive(Debug, Serialize)]
struct ManifestEntry {
    locale: String,
    document: String,
    format: &'static str,
    path: String,
    completeness: f64,
    fallbacks: usize,
    blake3: String,
    /// Set on a page this build did not rebuild and left in place (see [`DocBuild::kept`]):
    /// why it was not rebuilt.
    #[serde(skip_serializing_if = "Option::is_none")]
    kept: Option<String>,
}

/// A line of the manifest an earlier build wrote, as read back.
#[derive(Debug, Clone, Deserialize)]
struct PreviousEntry {
    locale: String,
    document: String,
    format: String,
    path: String,
    #[serde(default)]
    completeness: f64,
    #[serde(default)]
    fallbacks: usize,
}

/// The lines of the manifest an earlier build left in `out` (none when there is none or it
/// cannot be read).
fn previous_manifest(out: &Path) -> Vec<PreviousEntry> {
    #[derive(Deserialize)]
    struct Previous {
        #[serde(default)]
        outputs: Vec<PreviousEntry>,
    }
    let Some(bytes) = fsio::read_regular(&out.join(MANIFEST)).ok().flatten() else {
        return Vec::new();
    };
    serde_json::from_slice::<Previous>(&bytes)
        .map(|previous| previous.outputs)
        .unwrap_or_default()
}

/// Whether a manifest path stays inside the output directory (honyaku never wrote another).
fn inside(path: &str) -> bool {
    Path::new(path)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// `OUT/manifest.json`: every output with its hash. While a build replaces outputs it says
/// `"pending": true` (written, and on disk, before the first output is replaced), and lists
/// the outputs as they will be; it loses the mark only once every output is in place. So a
/// manifest without the mark always describes the files beside it, even after a crash or a
/// file that could not be replaced; a publisher must wait on a pending one (the next build
/// finishes the job).
#[derive(Debug, Serialize)]
struct Manifest {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pending: bool,
    outputs: Vec<ManifestEntry>,
}

/// The QA gate of `build --check`: for a document (already prepared) and a locale, why its
/// translation must not be published, if it must not. The app layer passes `check`'s own
/// findings in, so that build and check share one preparation without depending on each
/// other.
pub type QaGate = dyn Fn(&Project, &str, &Prepared, &Locale) -> Option<String> + Sync;

/// What `build` is asked for: the command line's options as plain data.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub dir: PathBuf,
    pub locales: Vec<Locale>,
    pub out: PathBuf,
    pub formats: Vec<BuildFormat>,
    pub strict: bool,
    /// Withhold pages whose translation has QA errors (`--check`, and `--strict`).
    pub check: bool,
    /// Highlight fallback text on the pages.
    pub preview: bool,
    pub min_complete: Option<f64>,
}

/// Takes the project lock for a build that writes into these (output) directories as well:
/// the app layer supplies it, with its own way of saying whom it waits for.
pub type Locker = dyn Fn(&Project, &[PathBuf]) -> Result<ProjectLock>;

/// What a build did: one entry per document and locale (sorted), for the app layer's report,
/// and its diagnostics and exit status.
#[derive(Debug)]
pub struct Built {
    pub builds: Vec<DocBuild>,
    pub outcome: Outcome,
}

/// `honyaku build`; with `gate`, a document whose translation fails QA in a locale is not
/// published there. Returns data; nothing is printed here.
pub fn build(options: &BuildOptions, lock: &Locker, gate: Option<&QaGate>) -> Result<Built> {
    let (project, mut diagnostics) = Project::open(&options.dir)?;
    let known = project.all_locales();
    let locales = if options.locales.is_empty() {
        known.clone()
    } else {
        options.locales.clone()
    };
    if let Some(unknown) = locales.iter().find(|l| !known.contains(l)) {
        let known: Vec<&str> = known.iter().map(Locale::tag).collect();
        return Err(Error::Usage(format!(
            "unknown locale `{unknown}` (the project has {}); create locales/{unknown}/ and run `honyaku sync` to add it",
            known.join(", ")
        )));
    }
    let out = if options.out.is_absolute() {
        options.out.clone()
    } else {
        options.dir.join(&options.out)
    };
    let mut out_dirs = vec![out.clone()];
    out_dirs.extend(locales.iter().map(|l| out.join(l.tag())));
    // An output directory in the project (`dist`, the default) must stay in it, whatever
    // links a cloned repository holds; one given elsewhere (`--out /srv/site`, `../site`)
    // is where the user asked for.
    let in_project = options.out.is_relative()
        && !options
            .out
            .components()
            .any(|c| c == std::path::Component::ParentDir);
    let checked = if in_project { &out_dirs[..] } else { &[] };
    let _lock = lock(&project, checked)?;
    if !in_project {
        fsio::remove_stale_temp_files(&out_dirs);
    }
    let jobs = project.documents.len() * locales.len();
    let bar = (jobs > PROGRESS_THRESHOLD && std::io::stderr().is_terminal())
        .then(|| indicatif::ProgressBar::new(jobs as u64).with_message("building"));

    // Each document's outputs are staged as soon as they are rendered, so memory holds one
    // document per thread, not the whole corpus. A document whose inputs and pages are as the
    // last build left them is taken from its record instead (`record.rs`).
    let batch = Batch::default();
    // Pages of withdrawn documents go before anything else is staged: once the new manifest
    // is written, it no longer names them.
    for (path, doc) in withdrawn_outputs(&project, &out) {
        remove_stale_output(&path)?;
        diagnostics.push(Diagnostic {
            severity: Severity::Info,
            ..Diagnostic::error(
                project.display(&path),
                format!("removed: \"{doc}\" has no source text any more (withdrawn)"),
            )
        });
    }
    // Read before anything is staged: the pages a build leaves in place keep their lines.
    let previous = previous_manifest(&out);
    let records = record::Records::load(&project, &out, options, &locales);
    let seals = catalog::SealCheck::load(&project);
    let results: Vec<Result<WrittenDoc>> = project
        .documents
        .par_iter()
        .map(|doc| {
            let result = match records.reuse(&project, &out, doc) {
                Ok(Some(recorded)) => Ok((recorded, Vec::new())),
                Err(error) => Err(error),
                Ok(None) => build_document(&project, doc, &seals, &locales, options, gate, &out)
                    .and_then(|(builds, diagnostics, hashes)| {
                        let sizes: Vec<Vec<usize>> = builds
                            .iter()
                            .map(|(_, rendered)| rendered.iter().map(|(_, c)| c.len()).collect())
                            .collect();
                        let written = builds
                            .into_iter()
                            .map(|(build, rendered)| {
                                stage_outputs(&project, &out, &batch, &previous, build, rendered)
                            })
                            .collect::<Result<Vec<_>>>()?;
                        if let Some(hashes) = hashes {
                            let clean = diagnostics.is_empty();
                            records.remember(doc, &hashes, &written, &sizes, clean);
                        }
                        Ok((written, diagnostics))
                    }),
            };
            if let Some(bar) = &bar {
                bar.inc(locales.len() as u64);
            }
            result
        })
        .collect();
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }

    let mut builds = Vec::new();
    let mut manifest = Manifest {
        pending: true,
        outputs: Vec::new(),
    };
    for result in results {
        let (docs, doc_diagnostics) = result?;
        diagnostics.extend(doc_diagnostics);
        for (build, entries) in docs {
            // A skipped build is reported once, in the build report.
            manifest.outputs.extend(entries);
            builds.push(build);
        }
    }
    manifest.outputs.sort_by(|a, b| {
        (&a.locale, &a.document, a.format).cmp(&(&b.locale, &b.document, b.format))
    });
    builds.sort_by(|a, b| (&a.locale, &a.document).cmp(&(&b.locale, &b.document)));
    for format in &options.formats {
        let pages = format.0.indexes(&builds);
        for index in &pages {
            let path = out.join(&index.locale).join(index.name);
            batch.write_if_changed(&path, index.content.as_bytes())?;
        }
        // A locale with nothing published now keeps no index of an earlier build: its links
        // would lead to pages that are gone.
        if let Some(name) = format.0.index_name() {
            for locale in &locales {
                if !pages.iter().any(|page| page.locale == locale.tag()) {
                    remove_stale_output(&out.join(locale.tag()).join(name))?;
                }
            }
        }
    }
    if publish(&project, &out, &mut manifest, batch, &mut diagnostics)? {
        // Only once every page is in place; a record that cannot be written costs the next
        // build time, nothing else.
        let _ = records.save();
    }
    let fell_back = builds
        .iter()
        .any(|b| b.skipped.is_none() && b.withheld.is_none() && !b.fallbacks.is_empty());
    let withheld = builds.iter().any(|b| b.withheld.is_some());
    if options.strict && fell_back {
        diagnostics.push(
            Diagnostic::error(
                project.display(&out),
                "--strict: some pages use text from another locale (fallbacks listed above)",
            )
            .help(
                "translate the listed entries, or build without --strict to publish with fallbacks",
            ),
        );
    }
    let problems = (options.strict && fell_back) || withheld;
    Ok(Built {
        builds,
        outcome: Outcome {
            diagnostics,
            problems,
        },
    })
}

/// The pages an earlier build published (as its `manifest.json` names them) for documents
/// that have no source text any more, each with its document: a withdrawn release must not
/// stay published. Only pages honyaku listed are named, and only those still in place.
fn withdrawn_outputs(project: &Project, out: &Path) -> Vec<(PathBuf, String)> {
    previous_manifest(out)
        .into_iter()
        .filter(|o| project.source_locales(&o.document).is_empty())
        // A path that would leave the output directory is not one honyaku wrote.
        .filter(|o| inside(&o.path))
        .map(|o| (out.join(&o.path), o.document))
        .filter(|(path, _)| path.is_file())
        .collect()
}

/// The pages of `build` (not rebuilt: withheld) that an earlier build published and that are
/// still in place, as the manifest lists them now: marked as kept, with the reason.
fn kept_outputs(
    project: &Project,
    out: &Path,
    previous: &[PreviousEntry],
    build: &mut DocBuild,
) -> Vec<ManifestEntry> {
    let Some(reason) = build.withheld.clone() else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    for earlier in previous
        .iter()
        .filter(|e| e.locale == build.locale && e.document == build.document)
        .filter(|e| inside(&e.path))
    {
        let Some(format) = BuildFormat::named(&earlier.format) else {
            continue;
        };
        let path = out.join(&earlier.path);
        let Some(bytes) = fsio::read_regular(&path).ok().flatten() else {
            continue;
        };
        if format.name() == "html" {
            build.title = page_title(&bytes).unwrap_or_else(|| build.document.clone());
        }
        build.kept_completeness = Some(earlier.completeness);
        entries.push(ManifestEntry {
            locale: earlier.locale.clone(),
            document: earlier.document.clone(),
            format: format.name(),
            path: earlier.path.clone(),
            completeness: earlier.completeness,
            fallbacks: earlier.fallbacks,
            blake3: blake3::hash(&bytes).to_hex().to_string(),
            kept: Some(format!(
                "not rebuilt: {reason}; the page of an earlier build stays"
            )),
        });
        build.kept.push(OutputReport {
            format: format.name(),
            path: project.display(&path).to_owned(),
            written: false,
        });
    }
    entries
}

/// The `<title>` of an HTML page honyaku wrote, as text.
fn page_title(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let start = text.find("<title>")? + "<title>".len();
    let end = start + text[start..].find("</title>")?;
    Some(html_escape::decode_html_entities(&text[start..end]).into_owned())
}

/// Puts the staged outputs in place under a pending manifest, then writes the final one (see
/// [`Manifest`]). Outputs that could not be replaced are reported, and leave the manifest
/// pending. Whether every output is in place.
fn publish(
    project: &Project,
    out: &Path,
    manifest: &mut Manifest,
    batch: fsio::Batch,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<bool> {
    let path = out.join(MANIFEST);
    let was_pending = fsio::read_regular(&path)
        .ok()
        .flatten()
        .is_some_and(|bytes| bytes.starts_with(b"{\n  \"pending\": true"));
    if was_pending {
        diagnostics.push(Diagnostic {
            severity: Severity::Info,
            ..Diagnostic::error(
                project.display(&path),
                "the previous build stopped while replacing outputs: this one finishes the job",
            )
        });
    }
    if !batch.is_empty() {
        manifest.pending = true;
        fsio::write_atomic(&path, to_json(manifest).as_bytes())?;
    }
    let committed = batch.commit()?;
    for path in &committed.conflicts {
        diagnostics.push(
            Diagnostic::error(
                project.display(path),
                "changed while honyaku was building it: left as it is",
            )
            .help("run `honyaku build` again to replace it"),
        );
    }
    for (path, error) in &committed.failed {
        diagnostics.push(
            Diagnostic::error(
                project.display(path),
                format!("could not be replaced, left as it was: {}", error.reason()),
            )
            .help("fix what stops honyaku from writing it and run `honyaku build` again; manifest.json stays pending until then"),
        );
    }
    let in_place = committed.conflicts.is_empty() && committed.failed.is_empty();
    if in_place {
        manifest.pending = false;
        let final_manifest = Batch::default();
        final_manifest.write_if_changed(&path, to_json(manifest).as_bytes())?;
        final_manifest.commit()?;
    }
    Ok(in_place)
}

/// One document's build in one locale, after its outputs are staged in `batch`: the build's
/// report and its manifest entries. A build skipped by `--min-complete` instead removes the
/// outputs an earlier build left, in every format (not just this run's): an older page of a
/// document now below the threshold must not stay behind to be published.
fn stage_outputs(
    project: &Project,
    out: &Path,
    batch: &fsio::Batch,
    previous: &[PreviousEntry],
    mut build: DocBuild,
    rendered: Rendered,
) -> Result<(DocBuild, Vec<ManifestEntry>)> {
    let mut entries = Vec::new();
    if build.withheld.is_some() {
        let kept = kept_outputs(project, out, previous, &mut build);
        return Ok((build, kept));
    }
    if build.skipped.is_some() {
        for format in BuildFormat::all() {
            let name = format!("{}.{}", build.document, format.name());
            remove_stale_output(&out.join(&build.locale).join(name))?;
        }
        return Ok((build, entries));
    }
    for (format, content) in rendered {
        let relative = output_path(&build.locale, &build.document, format);
        let path = out.join(&relative);
        let written = batch.write_if_changed(&path, content.as_bytes())?;
        let hash = blake3::hash(content.as_bytes()).to_hex();
        entries.push(manifest_entry(&build, format, &relative, &hash));
        build.outputs.push(OutputReport {
            format: format.name(),
            path: project.display(&path).to_owned(),
            written,
        });
    }
    Ok((build, entries))
}

/// Where the page of `doc` in `locale` and `format` goes, relative to the output directory.
fn output_path(locale: &str, doc: &str, format: BuildFormat) -> PathBuf {
    PathBuf::from(locale).join(format!("{doc}.{}", format.name()))
}

/// The manifest's line for one page of `build`, at `relative`, whose bytes hash to `blake3`.
fn manifest_entry(
    build: &DocBuild,
    format: BuildFormat,
    relative: &Path,
    blake3: &str,
) -> ManifestEntry {
    ManifestEntry {
        locale: build.locale.clone(),
        document: build.document.clone(),
        format: format.name(),
        path: relative.to_string_lossy().replace('\\', "/"),
        completeness: build.completeness,
        fallbacks: build.fallbacks.len(),
        blake3: blake3.to_owned(),
        kept: None,
    }
}

/// A document that fell under `--min-complete` must not leave an older build behind.
fn remove_stale_output(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, error)),
        _ => Ok(()),
    }
}

type Rendered = Vec<(BuildFormat, String)>;

/// One document's builds (one per locale), the problems met reading it, and the content
/// hashes of its files as read ([`Prepared::input_hashes`]; `None` if it was not prepared).
type DocResult = (
    Vec<(DocBuild, Rendered)>,
    Vec<Diagnostic>,
    Option<Vec<Option<String>>>,
);

/// One build once its outputs are staged: the build with its manifest entries.
type StagedBuild = (DocBuild, Vec<ManifestEntry>);

/// A document's builds once their outputs are staged, and the problems met reading it.
type WrittenDoc = (Vec<StagedBuild>, Vec<Diagnostic>);

/// Builds one document in every requested locale (nothing written yet).
fn build_document(
    project: &Project,
    doc: &str,
    seals: &catalog::SealCheck,
    locales: &[Locale],
    options: &BuildOptions,
    gate: Option<&QaGate>,
    out: &Path,
) -> Result<DocResult> {
    let mut diagnostics = Vec::new();
    // A sealed document is planned from its catalogs (`catalog::sealed`).
    let Some(prepared) = catalog::prepare_checked(project, doc, seals, &mut diagnostics)? else {
        return Ok((Vec::new(), diagnostics, None));
    };
    let sources: Vec<Locale> = prepared
        .plan
        .documents
        .iter()
        .map(|(l, _)| l.clone())
        .collect();
    let behind = Behind::of(&prepared);
    let mut cache: BTreeMap<Locale, Translations> = BTreeMap::new();
    let mut planned: Vec<(DocBuild, usize, Vec<Choice>)> = Vec::new();
    for locale in locales {
        // A catalog that does not parse (reported by `prepare`) must not be published as a
        // page of fallbacks over the last good build: that locale's outputs are left alone.
        if prepared.broken(locale).is_some() {
            let catalog = project
                .display(&project.catalog_path(locale, doc))
                .to_owned();
            let mut build = DocBuild::empty(locale, doc, sources.first().unwrap_or(locale));
            build.withheld = Some(format!(
                "{} does not parse (see the error above)",
                catalog.display()
            ));
            planned.push((build, 0, Vec::new()));
            continue;
        }
        let chain = project.fallback_chain(locale);
        for l in &chain {
            if !sources.contains(l) && !cache.contains_key(l) {
                cache.insert(l.clone(), translations(&prepared, doc, l));
            }
        }
        let mut layout_index = chain
            .iter()
            .find_map(|l| prepared.plan.documents.iter().position(|(s, _)| s == l))
            .unwrap_or_default();
        // A translated page is laid out on the English release unless the English lacks
        // sentences the original added or keeps ones it removed: then the original's layout
        // places them (the English release's own page stays the English as published).
        if !sources.contains(locale) && layout_index > 0 && behind.needs_original_layout() {
            layout_index = 0;
        }
        let Some((layout_locale, _)) = prepared.plan.documents.get(layout_index) else {
            continue;
        };
        let choices = choose(
            &prepared,
            &chain,
            layout_locale,
            &cache,
            project.config.stale,
            &behind,
        );
        // Weighted like `honyaku status`: by the length of each unit's original text.
        let weights: BTreeMap<&str, usize> = prepared
            .plan
            .units
            .iter()
            .map(|u| (u.id.as_str(), catalog::weight(u)))
            .collect();
        let weight_of = |c: &Choice| weights.get(c.id.as_str()).copied().unwrap_or(1);
        let placed: usize = choices.iter().map(weight_of).sum();
        let own: usize = choices
            .iter()
            .filter(|c| c.fallback.is_none())
            .map(weight_of)
            .sum();
        let completeness = if placed == 0 {
            100.0
        } else {
            (own as f64 * 1000.0 / placed as f64).round() / 10.0
        };
        let mut build = DocBuild {
            kept: Vec::new(),
            kept_completeness: None,
            target: locale.clone(),
            locale: locale.to_string(),
            document: doc.to_owned(),
            layout: layout_locale.to_string(),
            completeness,
            fallbacks: choices
                .iter()
                .flat_map(|c| c.fallback.iter().chain(&c.joined_fallbacks).cloned())
                .collect(),
            stale_used: choices
                .iter()
                .flat_map(|c| {
                    c.stale_used
                        .then_some(&c.id)
                        .into_iter()
                        .chain(&c.joined_stale)
                        .cloned()
                })
                .collect(),
            outputs: Vec::new(),
            skipped: None,
            withheld: None,
            behind: behind.lag_of(locale).cloned(),
            title: String::new(),
        };
        match options.min_complete {
            Some(min) if completeness < min => {
                build.skipped = Some(format!(
                    "{doc} not built in {locale}: {completeness}% complete, below --min-complete {min}"
                ));
            }
            // By default a page needs some text of its own (current, stale or not formattable,
            // which are reported as such): an English
            // page of a release whose English is not out yet would be the Japanese page under
            // `en/`. A page whose translations all went stale is still built (its previous
            // translations fall back as configured), not withdrawn.
            None if placed > 0
                && choices.iter().all(|c| {
                    c.fallback
                        .as_ref()
                        .is_some_and(|f| f.reason == Reason::Missing)
                }) =>
            {
                build.skipped = Some(format!(
                    "{doc} not built in {locale}: nothing in {locale} yet (every segment would fall back); `--min-complete 0` builds it anyway"
                ));
            }
            _ => {}
        }
        if build.skipped.is_none() {
            build.withheld = gate.and_then(|gate| gate(project, doc, &prepared, locale));
        }
        planned.push((build, layout_index, choices));
    }
    // The language switcher links the locales published in this run, and those whose earlier
    // page stays in place (not rebuilt: withheld, or a catalog that does not parse).
    let published: Vec<Locale> = planned
        .iter()
        .filter(|(b, ..)| {
            b.skipped.is_none()
                && (b.withheld.is_none()
                    || out.join(&b.locale).join(format!("{doc}.html")).is_file())
        })
        .map(|(b, ..)| b.target.clone())
        .collect();
    let mut builds = Vec::new();
    for (mut build, layout_index, choices) in planned {
        let Some((layout_locale, layout)) = prepared.plan.documents.get(layout_index) else {
            continue;
        };
        if build.skipped.is_some() || build.withheld.is_some() {
            builds.push((build, Rendered::new()));
            continue;
        }
        let pieces = pieces(layout, &choices);
        let blocks = blocks(layout, layout_locale, &build.target, &pieces);
        build.title = blocks
            .iter()
            .find(|b| b.kind == BlockKind::Title)
            .map(|b| joined(&b.runs))
            .unwrap_or_else(|| doc.to_owned());
        let page = Page {
            layout,
            layout_locale,
            pieces: &pieces,
            blocks: &blocks,
            locale: &build.target,
            document: doc,
            completeness: build.completeness,
            published: &published,
            preview: options.preview,
        };
        let rendered = options
            .formats
            .iter()
            .map(|&format| (format, format.0.page(&page)))
            .collect();
        builds.push((build, rendered));
    }
    let hashes = prepared.input_hashes().map(<[_]>::to_vec);
    Ok((builds, diagnostics, hashes))
}

impl DocBuild {
    /// The build of `doc` in `locale` before anything is known about it, laid out on `layout`.
    fn empty(locale: &Locale, doc: &str, layout: &Locale) -> DocBuild {
        DocBuild {
            target: locale.clone(),
            locale: locale.to_string(),
            document: doc.to_owned(),
            layout: layout.to_string(),
            completeness: 0.0,
            fallbacks: Vec::new(),
            stale_used: Vec::new(),
            outputs: Vec::new(),
            skipped: None,
            withheld: None,
            kept: Vec::new(),
            kept_completeness: None,
            behind: None,
            title: String::new(),
        }
    }
}

/// Whether a page writes its layout's skeleton (markers, indentation) as a language with
/// spaces does ([`figures::spaced_skeleton`](crate::figures::spaced_skeleton)): a page in
/// such a language laid out on a Japanese or Chinese text.
pub(super) fn respaced(page: &Locale, layout: &Locale) -> bool {
    use crate::locale::Writing;
    page.writing() == Writing::Spaced && layout.writing() == Writing::Unspaced
}

/// What a renderer reads: one document's page in one locale.
#[derive(Debug)]
pub(crate) struct Page<'a> {
    /// The source text whose structure the page follows.
    layout: &'a Document,
    /// Its locale.
    layout_locale: &'a Locale,
    /// What goes in each of the layout's segments.
    pieces: &'a [Piece<'a>],
    /// The layout's blocks, filled.
    blocks: &'a [OutBlock<'a>],
    locale: &'a Locale,
    document: &'a str,
    completeness: f64,
    /// The locales this document is published in by this build (the language switcher).
    published: &'a [Locale],
    /// `build --preview`: fallback text highlighted.
    preview: bool,
}
