//! `honyaku build`: renders every document in every locale from the catalogs, in the layout of
//! a source text, falling back along each locale's chain where a translation is missing or
//! stale, and records every fallback so a build system can decide whether to publish.
//!
//! Per document and locale the data flows: [`catalog::prepare`] → [`Translations`] per locale
//! of the chain → one [`Choice`] per unit → fills of the layout [`Document`] → txt, md or html.
//! Output files are written only when their bytes change, and `OUT/manifest.json` lists them.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::catalog::{self, Prepared, merge::EntryState};
use crate::error::{Diagnostic, Error, Outcome, Result, Severity};
use crate::figures::Marker;
use crate::fsio::{self, Batch, ProjectLock, to_json};
use crate::locale::{Locale, Writing};
use crate::project::{Project, StalePolicy};
use crate::segment::{BlockKind, Document, Fill};
use crate::ui::{Ui, UiText};

/// Name of the manifest written at the root of the output directory.
pub const MANIFEST: &str = "manifest.json";

/// Builds more than this many documents × locales show a progress bar (on a terminal).
const PROGRESS_THRESHOLD: usize = 4;

pub use crate::formatted::{Translation, Translations, translations};

/// Why a unit was not rendered from the locale's own translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    Missing,
    Stale,
    /// The translation exists but fluent-bundle cannot format it (e.g. an unknown term).
    Invalid,
}

/// One unit rendered from another locale than the one being built.
#[derive(Debug, Clone, Serialize)]
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

/// Output formats of `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BuildFormat {
    Txt,
    Md,
    Html,
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
    // document per thread, not the whole corpus.
    let batch = Batch::default();
    let results: Vec<Result<WrittenDoc>> = project
        .documents
        .par_iter()
        .map(|doc| {
            let result = build_document(&project, doc, &locales, options, gate).and_then(
                |(builds, diagnostics)| {
                    let written = builds
                        .into_iter()
                        .map(|(build, rendered)| {
                            stage_outputs(&project, &out, &batch, build, rendered)
                        })
                        .collect::<Result<Vec<_>>>()?;
                    Ok((written, diagnostics))
                },
            );
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
    if options.formats.contains(&BuildFormat::Html) {
        for (locale, page) in index_pages(&builds) {
            batch.write_if_changed(&out.join(locale).join(INDEX), page.as_bytes())?;
        }
    }
    publish(&project, &out, &mut manifest, batch, &mut diagnostics)?;
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

/// Puts the staged outputs in place under a pending manifest, then writes the final one (see
/// [`Manifest`]). Outputs that could not be replaced are reported, and leave the manifest
/// pending.
fn publish(
    project: &Project,
    out: &Path,
    manifest: &mut Manifest,
    batch: fsio::Batch,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<()> {
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
    if committed.conflicts.is_empty() && committed.failed.is_empty() {
        manifest.pending = false;
        let final_manifest = Batch::default();
        final_manifest.write_if_changed(&path, to_json(manifest).as_bytes())?;
        final_manifest.commit()?;
    }
    Ok(())
}

/// One document's build in one locale, after its outputs are staged in `batch`: the build's
/// report and its manifest entries. A build skipped by `--min-complete` instead removes the
/// outputs an earlier build left, in every format (not just this run's): an older page of a
/// document now below the threshold must not stay behind to be published.
fn stage_outputs(
    project: &Project,
    out: &Path,
    batch: &fsio::Batch,
    mut build: DocBuild,
    rendered: Rendered,
) -> Result<(DocBuild, Vec<ManifestEntry>)> {
    let mut entries = Vec::new();
    if build.withheld.is_some() {
        return Ok((build, entries));
    }
    if build.skipped.is_some() {
        for format in [BuildFormat::Txt, BuildFormat::Md, BuildFormat::Html] {
            let name = format!("{}.{}", build.document, extension(format));
            remove_stale_output(&out.join(&build.locale).join(name))?;
        }
        return Ok((build, entries));
    }
    for (format, content) in rendered {
        let relative =
            PathBuf::from(&build.locale).join(format!("{}.{}", build.document, extension(format)));
        let path = out.join(&relative);
        let written = batch.write_if_changed(&path, content.as_bytes())?;
        entries.push(ManifestEntry {
            locale: build.locale.clone(),
            document: build.document.clone(),
            format: extension(format),
            path: relative.to_string_lossy().replace('\\', "/"),
            completeness: build.completeness,
            fallbacks: build.fallbacks.len(),
            blake3: blake3::hash(content.as_bytes()).to_hex().to_string(),
        });
        build.outputs.push(OutputReport {
            format: extension(format),
            path: project.display(&path).to_owned(),
            written,
        });
    }
    Ok((build, entries))
}

/// A document that fell under `--min-complete` must not leave an older build behind.
fn remove_stale_output(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, error)),
        _ => Ok(()),
    }
}

fn extension(format: BuildFormat) -> &'static str {
    match format {
        BuildFormat::Txt => "txt",
        BuildFormat::Md => "md",
        BuildFormat::Html => "html",
    }
}

type Rendered = Vec<(BuildFormat, String)>;

/// One document's builds (one per locale) and the problems met reading it.
type DocResult = (Vec<(DocBuild, Rendered)>, Vec<Diagnostic>);

/// The same once its outputs are staged: each build with its manifest entries.
type WrittenDoc = (Vec<(DocBuild, Vec<ManifestEntry>)>, Vec<Diagnostic>);

/// Builds one document in every requested locale (nothing written yet).
fn build_document(
    project: &Project,
    doc: &str,
    locales: &[Locale],
    options: &BuildOptions,
    gate: Option<&QaGate>,
) -> Result<DocResult> {
    let mut diagnostics = Vec::new();
    let Some(prepared) = catalog::prepare(project, doc, &mut diagnostics)? else {
        return Ok((Vec::new(), diagnostics));
    };
    let sources: Vec<Locale> = prepared
        .plan
        .documents
        .iter()
        .map(|(l, _)| l.clone())
        .collect();
    let mut cache: BTreeMap<Locale, Translations> = BTreeMap::new();
    let mut planned: Vec<(DocBuild, usize, Vec<Choice>)> = Vec::new();
    for locale in locales {
        // A catalog that does not parse (reported by `prepare`) must not be published as a
        // page of fallbacks over the last good build: that locale's outputs are left alone.
        if prepared.broken(locale).is_some() {
            continue;
        }
        let chain = project.fallback_chain(locale);
        for l in &chain {
            if !sources.contains(l) && !cache.contains_key(l) {
                cache.insert(l.clone(), translations(&prepared, doc, l));
            }
        }
        let layout_index = chain
            .iter()
            .find_map(|l| prepared.plan.documents.iter().position(|(s, _)| s == l))
            .unwrap_or_default();
        let Some((layout_locale, _)) = prepared.plan.documents.get(layout_index) else {
            continue;
        };
        let choices = choose(
            &prepared,
            &chain,
            layout_locale,
            &cache,
            project.config.stale,
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
            target: locale.clone(),
            locale: locale.to_string(),
            document: doc.to_owned(),
            layout: layout_locale.to_string(),
            completeness,
            fallbacks: choices.iter().filter_map(|c| c.fallback.clone()).collect(),
            stale_used: choices
                .iter()
                .filter(|c| c.stale_used)
                .map(|c| c.id.clone())
                .collect(),
            outputs: Vec::new(),
            skipped: None,
            withheld: None,
            title: String::new(),
        };
        if let Some(min) = options.min_complete.filter(|&min| completeness < min) {
            build.skipped = Some(format!(
                "{doc} not built in {locale}: {completeness}% complete, below --min-complete {min}"
            ));
        }
        if build.skipped.is_none() {
            build.withheld = gate.and_then(|gate| gate(project, doc, &prepared, locale));
        }
        planned.push((build, layout_index, choices));
    }
    // The language switcher links the locales published in this run.
    let published: Vec<Locale> = planned
        .iter()
        .filter(|(b, ..)| b.skipped.is_none() && b.withheld.is_none())
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
        let blocks = blocks(layout, layout_locale, &pieces);
        build.title = blocks
            .iter()
            .find(|b| b.kind == BlockKind::Title)
            .map(|b| joined(&b.runs))
            .unwrap_or_else(|| doc.to_owned());
        let page = Page {
            locale: &build.target,
            document: doc,
            completeness: build.completeness,
            published: &published,
            preview: options.preview,
        };
        let rendered = options
            .formats
            .iter()
            .map(|&format| (format, render(format, layout, &blocks, &pieces, &page)))
            .collect();
        builds.push((build, rendered));
    }
    Ok((builds, diagnostics))
}

/// What a page needs besides its text.
#[derive(Debug)]
struct Page<'a> {
    locale: &'a Locale,
    document: &'a str,
    completeness: f64,
    /// The locales this document is published in by this build (the language switcher).
    published: &'a [Locale],
    /// `build --preview`: fallback text highlighted.
    preview: bool,
}

/// The text chosen for one unit placed in the layout.
#[derive(Debug)]
struct Choice {
    id: String,
    /// Segment indices of the unit in the layout document.
    segments: Vec<usize>,
    text: String,
    from: Locale,
    /// The chosen text is the layout's own source text (rendered from the source bytes).
    is_layout_source: bool,
    fallback: Option<Fallback>,
    stale_used: bool,
}

/// For each unit with segments in the layout, the first usable text along the chain.
fn choose(
    prepared: &Prepared,
    chain: &[Locale],
    layout_locale: &Locale,
    cache: &BTreeMap<Locale, Translations>,
    stale: StalePolicy,
) -> Vec<Choice> {
    let layout = prepared
        .plan
        .documents
        .iter()
        .find(|(l, _)| l == layout_locale)
        .map(|(_, d)| d);
    let mut choices = Vec::new();
    for unit in &prepared.plan.units {
        let Some((_, segments)) = unit
            .segments
            .iter()
            .find(|(l, s)| l == layout_locale && !s.is_empty())
        else {
            continue;
        };
        let line = layout
            .and_then(|d| d.segments.get(segments[0]))
            .and_then(|s| layout.and_then(|d| d.blocks.get(s.block)))
            .map_or(0, |b| b.line);
        let mut reason = None;
        let mut picked = None;
        for locale in chain {
            let found = match cache.get(locale) {
                None => unit
                    .text(locale)
                    .map(|t| (t.to_owned(), false))
                    .ok_or(Reason::Missing),
                Some(translations) => match translations.get(&unit.id) {
                    None => Err(Reason::Missing),
                    Some(Translation { text: Err(_), .. }) => Err(Reason::Invalid),
                    Some(Translation {
                        state: EntryState::Stale,
                        text: Ok(text),
                    }) if stale == StalePolicy::Use => Ok((text.clone(), true)),
                    Some(Translation {
                        state: EntryState::Stale,
                        ..
                    }) => Err(Reason::Stale),
                    Some(Translation { text: Ok(text), .. }) => Ok((text.clone(), false)),
                },
            };
            match found {
                Ok((text, stale_used)) => {
                    picked = Some((locale, text, stale_used));
                    break;
                }
                Err(why) => {
                    reason.get_or_insert(why);
                }
            }
        }
        // The layout locale is in the chain and has this unit's text, so something is picked.
        let Some((from, text, stale_used)) = picked else {
            continue;
        };
        let fallback = reason.map(|reason| Fallback {
            id: unit.id.clone(),
            line,
            from: from.to_string(),
            reason,
        });
        choices.push(Choice {
            id: unit.id.clone(),
            segments: segments.clone(),
            is_layout_source: from == layout_locale
                || unit.text(layout_locale) == Some(text.as_str()),
            text,
            from: from.clone(),
            fallback,
            stale_used,
        });
    }
    choices
}

/// What goes in one layout segment's place.
#[derive(Debug, Clone)]
enum Piece<'a> {
    /// The layout's own source segment.
    Source,
    Text {
        text: &'a str,
        from: &'a Locale,
    },
    Covered,
}

fn pieces<'a>(layout: &Document, choices: &'a [Choice]) -> Vec<Piece<'a>> {
    let mut pieces = vec![Piece::Source; layout.segments.len()];
    for choice in choices {
        for (n, &index) in choice.segments.iter().enumerate() {
            let Some(slot) = pieces.get_mut(index) else {
                continue;
            };
            *slot = match (n, choice.is_layout_source) {
                (_, true) => Piece::Source,
                (0, false) => Piece::Text {
                    text: &choice.text,
                    from: &choice.from,
                },
                _ => Piece::Covered,
            };
        }
    }
    pieces
}

fn render(
    format: BuildFormat,
    layout: &Document,
    blocks: &[OutBlock<'_>],
    pieces: &[Piece<'_>],
    page: &Page<'_>,
) -> String {
    match format {
        BuildFormat::Txt => layout.render(|index, _| match pieces.get(index) {
            Some(Piece::Text { text, .. }) => Fill::Text(Cow::Borrowed(text)),
            Some(Piece::Covered) => Fill::Covered,
            _ => Fill::Source,
        }),
        BuildFormat::Md => markdown(blocks),
        BuildFormat::Html => html(blocks, page),
    }
}

/// A block of the output, for the structured formats.
#[derive(Debug)]
struct OutBlock<'a> {
    kind: BlockKind,
    /// The marker's text as written, and whether it is a bullet ([`Marker::Bullet`]), which
    /// the list of Markdown and HTML draws instead.
    marker: Option<&'a str>,
    bullet: bool,
    depth: usize,
    /// Runs of text, each with the locale it is written in.
    runs: Vec<(String, Locale)>,
    /// The block is a row of a table in the layout source (see [`table_rows`]).
    row: bool,
}

/// Groups the filled segments by layout block; blocks left empty (covered by a unit placed
/// earlier) disappear.
fn blocks<'a>(
    layout: &'a Document,
    layout_locale: &Locale,
    pieces: &[Piece<'_>],
) -> Vec<OutBlock<'a>> {
    let mut out: Vec<OutBlock<'a>> = layout
        .blocks
        .iter()
        .map(|b| OutBlock {
            kind: b.kind,
            marker: b
                .marker
                .as_ref()
                .and_then(|m| layout.source.get(m.span.clone()))
                .map(str::trim),
            bullet: b.marker.as_ref().is_some_and(|m| m.kind == Marker::Bullet),
            depth: b.depth,
            runs: Vec::new(),
            row: false,
        })
        .collect();
    for (block, row) in out.iter_mut().zip(table_rows(layout)) {
        block.row = row;
    }
    for (segment, piece) in layout.segments.iter().zip(pieces) {
        let run = match piece {
            Piece::Source => (segment.text.clone(), layout_locale.clone()),
            Piece::Text { text, from } => ((*text).to_owned(), (*from).clone()),
            Piece::Covered => continue,
        };
        if let Some(block) = out.get_mut(segment.block) {
            block.runs.push(run);
        }
    }
    out.retain(|b| !b.runs.is_empty());
    out
}

/// Joins a block's runs: with a space when either side is written with spaces.
fn joined(runs: &[(String, Locale)]) -> String {
    let mut out = String::new();
    let mut previous: Option<&Locale> = None;
    for (text, locale) in runs {
        if previous
            .is_some_and(|p| p.writing() == Writing::Spaced || locale.writing() == Writing::Spaced)
        {
            out.push(' ');
        }
        out.push_str(text);
        previous = Some(locale);
    }
    out
}

/// Escapes what Markdown would read as markup, so text stays text.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // A line starting with `1.` or `-` would become a list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    } else if out.starts_with(['-', '+']) {
        out.insert(0, '\\');
    }
    out
}

fn with_marker(block: &OutBlock<'_>, text: &str) -> String {
    match block.marker {
        Some(marker) if !marker.is_empty() => format!("{} {text}", md_escape(marker)),
        _ => text.to_owned(),
    }
}

fn markdown(blocks: &[OutBlock<'_>]) -> String {
    let mut out = String::new();
    let mut previous: Option<BlockKind> = None;
    let mut at = 0;
    while at < blocks.len() {
        let block = &blocks[at];
        if block.row {
            let rows: Vec<&OutBlock<'_>> = blocks[at..].iter().take_while(|b| b.row).collect();
            if previous.is_some() {
                out.push_str("\n\n");
            }
            markdown_table(&mut out, &rows);
            at += rows.len();
            previous = Some(BlockKind::Paragraph);
            continue;
        }
        at += 1;
        let text = md_escape(&joined(&block.runs));
        let line = match block.kind {
            BlockKind::Title => format!("# {text}"),
            BlockKind::Heading => format!("## {}", with_marker(block, &text)),
            BlockKind::Date => format!("*{text}*"),
            BlockKind::Label => format!("**{}**", with_marker(block, &text)),
            BlockKind::ListItem => {
                let indent = "  ".repeat(block.depth);
                match block.marker {
                    Some(m) if !block.bullet => format!("{indent}- {} {text}", md_escape(m)),
                    _ => format!("{indent}- {text}"),
                }
            }
            BlockKind::Note => format!("> {}", with_marker(block, &text)),
            BlockKind::Url => format!("<{}>", joined(&block.runs).replace(['<', '>', ' '], "")),
            BlockKind::Paragraph => with_marker(block, &text),
        };
        let tight = matches!(
            (previous, block.kind),
            (Some(BlockKind::ListItem), BlockKind::ListItem)
        );
        if previous.is_some() {
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        out.push_str(&line);
        previous = Some(block.kind);
    }
    out.push('\n');
    out
}

/// A GitHub-flavoured Markdown table (its first row is the header row Markdown requires).
fn markdown_table(out: &mut String, rows: &[&OutBlock<'_>]) {
    let width = rows.iter().map(|r| row_cells(r).len()).max().unwrap_or(0);
    for (k, row) in rows.iter().enumerate() {
        let mut cells: Vec<String> = row_cells(row)
            .iter()
            .map(|(text, _)| md_escape(text))
            .collect();
        cells.resize(width, String::new());
        if k > 0 {
            out.push('\n');
        }
        let _ = write!(out, "| {} |", cells.join(" | "));
        if k == 0 {
            let _ = write!(out, "\n|{}", " --- |".repeat(width));
        }
    }
}

/// Scripts written right to left, for the page's `dir`.
fn direction(locale: &Locale) -> &'static str {
    match locale.language() {
        "ar" | "he" | "fa" | "ur" | "ps" | "yi" | "dv" | "ckb" | "sd" | "ug" => "rtl",
        _ => "ltr",
    }
}

const CSS: &str = "body{margin:0;background:#f4f5f7;color:#1b1f24;font:16px/1.75 system-ui,-apple-system,\"Segoe UI\",\"Hiragino Sans\",\"Noto Sans CJK JP\",\"Noto Sans\",sans-serif}
main{max-width:46rem;margin:2rem auto;background:#fff;padding:2.5rem 3rem;border-top:6px solid #00357a;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.kind{margin:0 0 .25rem;color:#00357a;font-size:.85rem;letter-spacing:.08em;text-transform:uppercase}
h1{font-size:1.6rem;line-height:1.4;margin:.25rem 0 1rem}
.date{color:#555;margin:0 0 1.5rem}
h2{font-size:1.2rem;margin:2rem 0 .75rem;padding-bottom:.3rem;border-bottom:1px solid #d5d9e0}
ul{padding-inline-start:1.5rem}
li.depth-1{margin-inline-start:1.5rem}li.depth-2{margin-inline-start:3rem}
.note{font-size:.92rem;color:#444;border-inline-start:3px solid #d5d9e0;padding-inline-start:.75rem}
.label{font-weight:600;margin-bottom:0}
.marker{margin-inline-end:.4em}
a{color:#00357a;overflow-wrap:anywhere}
header .notice{background:#eef3fb;border-inline-start:4px solid #00357a;padding:.5rem .75rem;font-size:.92rem}
.date-label{font-weight:600}
table{border-collapse:collapse;margin:1rem 0;width:100%;font-size:.95rem}
th,td{border:1px solid #c9ced6;padding:.35rem .6rem;text-align:start;vertical-align:top}
thead th{background:#eef1f5}
td{font-variant-numeric:tabular-nums}
nav.languages{max-width:46rem;margin:0 auto 2rem;padding:0 3rem}
nav.languages ul{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;padding:0;margin:0}
nav.languages .index{margin-inline-start:auto}
[aria-current]{font-weight:600}
table.index td.n{text-align:end}
";

/// Added in `build --preview`: text that fell back to another language stands out.
const PREVIEW_CSS: &str = ".fallback{background:#fff7d6;outline:1px dashed #b58a00}\n";

/// The runs of a block as HTML; a run in another language than the page carries its own
/// `lang` (screen readers and fonts need it) and is marked as a fallback.
fn html_runs(block: &OutBlock<'_>, page: &Locale) -> String {
    let mut out = String::new();
    let mut previous: Option<&Locale> = None;
    for (text, locale) in &block.runs {
        if previous
            .is_some_and(|p| p.writing() == Writing::Spaced || locale.writing() == Writing::Spaced)
        {
            out.push(' ');
        }
        run_html(&mut out, text, locale, page);
        previous = Some(locale);
    }
    match block.marker {
        Some(marker)
            if !(marker.is_empty() || block.kind == BlockKind::ListItem && block.bullet) =>
        {
            format!(
                "<span class=\"marker\">{}</span>{out}",
                html_escape::encode_text(marker)
            )
        }
        _ => out,
    }
}

/// For each layout block, whether it is a row of a table: two or more consecutive paragraph
/// lines of the source that split into the same number (two or more) of cells.
fn table_rows(layout: &Document) -> Vec<bool> {
    let widths: Vec<usize> = layout
        .blocks
        .iter()
        .map(|b| match (b.kind, layout.source.get(b.span.clone())) {
            (BlockKind::Paragraph, Some(text)) if !text.contains('\n') && is_tabular(text) => {
                cells(text).len()
            }
            _ => 0,
        })
        .collect();
    let mut rows = vec![false; widths.len()];
    let mut start = 0;
    while start < widths.len() {
        let width = widths[start];
        let run = widths[start..].iter().take_while(|&&w| w == width).count();
        if width >= 2 && run >= 2 {
            rows[start..start + run].fill(true);
        }
        start += run;
    }
    rows
}

/// A line laid out in columns: tabs, full-width spaces or runs of spaces between cells, or
/// ` | ` as translators write columns in a catalog.
fn is_tabular(text: &str) -> bool {
    text.contains('\t') || text.contains('\u{3000}') || text.contains("   ") || text.contains(" | ")
}

/// The cells of a table row, trimmed, empty ones dropped.
fn cells(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let next = [
            rest.find('\t').map(|at| (at, 1)),
            rest.find('\u{3000}').map(|at| (at, '\u{3000}'.len_utf8())),
            rest.find(" | ").map(|at| (at, 3)),
            rest.find("  ").map(|at| {
                let spaces = rest[at..].chars().take_while(|&c| c == ' ').count();
                (at, spaces)
            }),
        ]
        .into_iter()
        .flatten()
        .min();
        match next {
            Some((at, len)) => {
                out.push(&rest[..at]);
                rest = &rest[at + len..];
            }
            None => {
                out.push(rest);
                rest = "";
            }
        }
    }
    out.into_iter()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// A table row's cells, each with the locale of the run it came from.
fn row_cells(block: &OutBlock<'_>) -> Vec<(String, Locale)> {
    block
        .runs
        .iter()
        .flat_map(|(text, locale)| {
            cells(text)
                .into_iter()
                .map(move |cell| (cell.to_owned(), locale.clone()))
        })
        .collect()
}

/// Whether a table's first row is its header: no cell holds a digit.
fn has_header(rows: &[&OutBlock<'_>]) -> bool {
    rows.len() > 1
        && rows[0]
            .runs
            .iter()
            .all(|(text, _)| !text.chars().any(|c| c.is_numeric()))
}

/// One UI message as HTML, with its own `lang` when it fell back to another language.
fn ui_html(text: &UiText, page: &Locale) -> String {
    let escaped = html_escape::encode_text(&text.text);
    if text.lang == page.language() || text.lang == page.tag() {
        escaped.into_owned()
    } else {
        format!(
            "<span lang=\"{}\">{escaped}</span>",
            html_escape::encode_double_quoted_attribute(&text.lang)
        )
    }
}

/// A text run as HTML: text in another language than the page carries its own `lang`
/// (screen readers and fonts need it) and the `fallback` class, highlighted only in preview.
fn run_html(out: &mut String, text: &str, locale: &Locale, page: &Locale) {
    let escaped = html_escape::encode_text(text);
    if locale.language() == page.language() {
        out.push_str(&escaped);
    } else {
        let _ = write!(
            out,
            "<span class=\"fallback\" lang=\"{}\">{escaped}</span>",
            html_escape::encode_double_quoted_attribute(locale.tag())
        );
    }
}

fn table_html(body: &mut String, rows: &[&OutBlock<'_>], page: &Locale) {
    body.push_str("<table>\n");
    let header = has_header(rows);
    for (k, row) in rows.iter().enumerate() {
        let head = header && k == 0;
        if head {
            body.push_str("<thead>\n");
        } else if k == usize::from(header) {
            body.push_str("<tbody>\n");
        }
        body.push_str("<tr>");
        for (n, (text, locale)) in row_cells(row).iter().enumerate() {
            let (open, close) = match (head, n) {
                (true, _) => ("<th scope=\"col\">", "</th>"),
                (false, 0) if header => ("<th scope=\"row\">", "</th>"),
                _ => ("<td>", "</td>"),
            };
            body.push_str(open);
            run_html(body, text, locale, page);
            body.push_str(close);
        }
        body.push_str("</tr>\n");
        if head {
            body.push_str("</thead>\n");
        }
    }
    if rows.len() > usize::from(header) {
        body.push_str("</tbody>\n");
    }
    body.push_str("</table>\n");
}

/// The page file name of a document in a locale's directory.
fn page_name(document: &str) -> String {
    format!("{document}.html")
}

/// Name of the per-locale index page.
pub const INDEX: &str = "index.html";

fn html(blocks: &[OutBlock<'_>], page: &Page<'_>) -> String {
    let locale = page.locale;
    let ui = Ui::new(locale);
    let title = blocks
        .iter()
        .find(|b| b.kind == BlockKind::Title)
        .map(|b| joined(&b.runs))
        .unwrap_or_default();
    let mut body = String::new();
    let mut in_list = false;
    let mut at = 0;
    while at < blocks.len() {
        let block = &blocks[at];
        if in_list && block.kind != BlockKind::ListItem {
            body.push_str("</ul>\n");
            in_list = false;
        }
        if block.row {
            let rows: Vec<&OutBlock<'_>> = blocks[at..].iter().take_while(|b| b.row).collect();
            table_html(&mut body, &rows, locale);
            at += rows.len();
            continue;
        }
        at += 1;
        let inner = html_runs(block, locale);
        let _ = match block.kind {
            BlockKind::Title => writeln!(body, "<h1>{inner}</h1>"),
            BlockKind::Date => {
                let label = ui.get("release-date");
                let space = if locale.writing() == Writing::Spaced {
                    " "
                } else {
                    ""
                };
                writeln!(
                    body,
                    "<p class=\"date\"><span class=\"date-label\">{}</span>{space}{inner}</p>",
                    ui_html(&label, locale)
                )
            }
            BlockKind::Heading => writeln!(body, "<h2>{inner}</h2>"),
            BlockKind::Paragraph => writeln!(body, "<p>{inner}</p>"),
            BlockKind::Note => writeln!(body, "<p class=\"note\">{inner}</p>"),
            BlockKind::Label => writeln!(body, "<p class=\"label\">{inner}</p>"),
            BlockKind::Url => {
                // The link is the address alone, not a note after it (`… .pdf（PDF）`).
                let text = joined(&block.runs);
                let href = text
                    .split(|c: char| c.is_whitespace() || !c.is_ascii())
                    .next()
                    .unwrap_or_default();
                writeln!(
                    body,
                    "<p class=\"url\"><a href=\"{}\">{inner}</a></p>",
                    html_escape::encode_double_quoted_attribute(href)
                )
            }
            BlockKind::ListItem => {
                if !in_list {
                    body.push_str("<ul>\n");
                    in_list = true;
                }
                writeln!(body, "<li class=\"depth-{}\">{inner}</li>", block.depth)
            }
        };
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    let mut chrome = String::new();
    let _ = writeln!(
        chrome,
        "<header>\n<p class=\"kind\">{}</p>",
        ui_html(&ui.get("press-release"), locale)
    );
    if page.completeness < 100.0 {
        let _ = writeln!(
            chrome,
            "<p class=\"notice\" role=\"note\">{}</p>",
            ui_html(
                &ui.percent("translation-incomplete", page.completeness),
                locale
            )
        );
    }
    chrome.push_str("</header>\n");
    let lang = html_escape::encode_double_quoted_attribute(locale.tag());
    let preview = if page.preview { PREVIEW_CSS } else { "" };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{CSS}{preview}</style>\n</head>\n<body>\n<main>\n<article>\n{chrome}{body}</article>\n</main>\n{}</body>\n</html>\n",
        direction(locale),
        html_escape::encode_text(&title),
        switcher(&ui, page),
    )
}

/// The language switcher and the link to the locale's index, in a `<nav>` after the page.
fn switcher(ui: &Ui, page: &Page<'_>) -> String {
    let locale = page.locale;
    let label = ui.get("other-languages");
    let mut out = String::new();
    let _ = write!(
        out,
        "<nav class=\"languages\" aria-label=\"{}\">\n<ul>\n",
        html_escape::encode_double_quoted_attribute(&label.text)
    );
    for other in page.published {
        let name = Ui::new(other).get("language-name");
        let tag = html_escape::encode_double_quoted_attribute(other.tag());
        let escaped = html_escape::encode_text(&name.text);
        if other == locale {
            let _ = writeln!(
                out,
                "<li><span aria-current=\"page\" lang=\"{tag}\">{escaped}</span></li>"
            );
        } else {
            let _ = writeln!(
                out,
                "<li><a href=\"../{tag}/{}\" hreflang=\"{tag}\" lang=\"{tag}\">{escaped}</a></li>",
                html_escape::encode_double_quoted_attribute(&page_name(page.document))
            );
        }
    }
    let _ = write!(
        out,
        "<li class=\"index\"><a href=\"{INDEX}\">{}</a></li>\n</ul>\n</nav>\n",
        ui_html(&ui.get("index-link"), locale)
    );
    out
}

/// Each locale's index page: the documents published in it, with their completeness.
fn index_pages(builds: &[DocBuild]) -> Vec<(String, String)> {
    let mut by_locale: BTreeMap<&str, Vec<&DocBuild>> = BTreeMap::new();
    for build in builds {
        if build.skipped.is_none() && build.withheld.is_none() {
            by_locale.entry(&build.locale).or_default().push(build);
        }
    }
    by_locale
        .into_iter()
        .map(|(tag, docs)| {
            let locale = &docs[0].target;
            let ui = Ui::new(locale);
            let mut rows = String::new();
            for doc in &docs {
                let _ = writeln!(
                    rows,
                    "<tr><td><a href=\"{}\">{}</a></td><td class=\"n\">{}%</td></tr>",
                    html_escape::encode_double_quoted_attribute(&page_name(&doc.document)),
                    html_escape::encode_text(&doc.title),
                    doc.completeness
                );
            }
            let title = ui.get("index-title");
            let page = format!(
                "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<p>{}</p>\n<table class=\"index\">\n<thead>\n<tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr>\n</thead>\n<tbody>\n{rows}</tbody>\n</table>\n</main>\n</body>\n</html>\n",
                html_escape::encode_double_quoted_attribute(locale.tag()),
                direction(locale),
                html_escape::encode_text(&title.text),
                ui_html(&title, locale),
                ui_html(&ui.get("index-intro"), locale),
                ui_html(&ui.get("index-document"), locale),
                ui_html(&ui.get("index-complete"), locale),
            );
            (tag.to_owned(), page)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn markdown_of(source: &str, lang: &str) -> String {
        let locale: Locale = lang.parse().unwrap();
        let layout = segment(source.to_owned(), &locale);
        let pieces = vec![Piece::Source; layout.segments.len()];
        markdown(&blocks(&layout, &locale, &pieces))
    }

    #[test]
    fn every_bullet_becomes_the_markdown_list_bullet() {
        for bullet in ['▪', '・', '•', '◯', '−'] {
            let source = format!("Title\n\n{bullet} First item\n{bullet} Second item\n");
            assert_eq!(
                markdown_of(&source, "en"),
                "# Title\n\n- First item\n- Second item\n",
                "{bullet}"
            );
        }
    }

    #[test]
    fn numbering_stays_in_the_markdown_list_item() {
        assert_eq!(
            markdown_of("Title\n\n(1) First item.\n(2) Second item.\n", "en"),
            "# Title\n\n- (1) First item.\n- (2) Second item.\n"
        );
    }
}
