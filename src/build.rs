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

use fluent_bundle::{FluentBundle, FluentResource};
use rayon::prelude::*;
use serde::Serialize;

use crate::catalog::{self, Prepared, merge::EntryState};
use crate::cli::{BuildFormat, BuildOptions, Format};
use crate::commands::{Outcome, lock_project, print, to_json};
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::fsio::{self, Batch, LockWait};
use crate::locale::{Locale, Writing};
use crate::project::{Project, StalePolicy};
use crate::segment::{BlockKind, Document, Fill};

/// Name of the manifest written at the root of the output directory.
pub const MANIFEST: &str = "manifest.json";

/// Builds more than this many documents × locales show a progress bar (on a terminal).
const PROGRESS_THRESHOLD: usize = 4;

/// One locale's translation of one message, as a build or a check sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub state: EntryState,
    /// The message formatted by fluent-bundle, or why it could not be.
    pub text: std::result::Result<String, String>,
}

/// Every message of one locale's catalog of a document, by id, with its state as the next
/// sync sees it. Empty when the catalog is missing or does not parse.
pub type Translations = BTreeMap<String, Translation>;

/// Reads and formats a target locale's catalog of `doc`. Messages are formatted with
/// fluent-bundle over the whole file, so terms (`{ -brand }`) resolve; bidi isolation marks
/// are off because the output is plain text in one direction.
pub fn translations(prepared: &Prepared, doc: &str, locale: &Locale) -> Translations {
    debug_assert_eq!(prepared.document, doc);
    let (Some(file), Some(state)) = (prepared.catalog(locale), prepared.state(locale)) else {
        return Translations::new();
    };
    let mut bundle: FluentBundle<FluentResource> = FluentBundle::new(vec![locale.langid().clone()]);
    bundle.set_use_isolating(false);
    let resource = match FluentResource::try_new(file.to_string()) {
        Ok(resource) | Err((resource, _)) => resource,
    };
    // The catalog parsed without errors or duplicates, so adding it cannot clash.
    let _ = bundle.add_resource(resource);
    let mut out = Translations::new();
    for entry in state.current() {
        let (id, state) = (entry.id.clone(), entry.state);
        if !state.has_translation() {
            continue;
        }
        let text = match bundle.get_message(&id).and_then(|m| m.value()) {
            Some(pattern) => {
                let mut errors = Vec::new();
                let text = bundle
                    .format_pattern(pattern, None, &mut errors)
                    .into_owned();
                match errors.first() {
                    None => Ok(text),
                    Some(error) => Err(error.to_string()),
                }
            }
            None => Err(String::from("the message has no value")),
        };
        out.insert(id, Translation { state, text });
    }
    out
}

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

/// `honyaku build`.
pub fn build(options: &BuildOptions, wait: LockWait) -> Result<Outcome> {
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
    let _lock = lock_project(&project, checked, wait)?;
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
            let result = build_document(&project, doc, &locales, options).and_then(
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
            if let Some(reason) = &build.skipped {
                diagnostics.push(Diagnostic {
                    severity: Severity::Info,
                    ..Diagnostic::error(
                        project.display(&project.catalog_path(&build.target, &build.document)),
                        reason.clone(),
                    )
                });
            }
            manifest.outputs.extend(entries);
            builds.push(build);
        }
    }
    manifest.outputs.sort_by(|a, b| {
        (&a.locale, &a.document, a.format).cmp(&(&b.locale, &b.document, b.format))
    });
    publish(&project, &out, &mut manifest, batch, &mut diagnostics)?;
    builds.sort_by(|a, b| (&a.locale, &a.document).cmp(&(&b.locale, &b.document)));
    print(&report(&builds, options.report))?;
    let problems = options.strict
        && builds
            .iter()
            .any(|b| b.skipped.is_none() && !b.fallbacks.is_empty());
    Ok(Outcome {
        diagnostics,
        problems,
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
    let mut builds = Vec::new();
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
        let Some((layout_locale, layout)) = prepared.plan.documents.get(layout_index) else {
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
        };
        if let Some(min) = options
            .min_complete
            .filter(|&min| completeness < f64::from(min))
        {
            build.skipped = Some(format!(
                "{doc} not built in {locale}: {completeness}% complete, below --min-complete {min}"
            ));
        }
        let pieces = pieces(layout, &choices);
        let rendered = options
            .formats
            .iter()
            .map(|&format| {
                (
                    format,
                    render(format, layout, layout_locale, &pieces, locale),
                )
            })
            .collect();
        builds.push((build, rendered));
    }
    Ok((builds, diagnostics))
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
    layout_locale: &Locale,
    pieces: &[Piece<'_>],
    locale: &Locale,
) -> String {
    match format {
        BuildFormat::Txt => layout.render(|index, _| match pieces.get(index) {
            Some(Piece::Text { text, .. }) => Fill::Text(Cow::Borrowed(text)),
            Some(Piece::Covered) => Fill::Covered,
            _ => Fill::Source,
        }),
        BuildFormat::Md => markdown(&blocks(layout, layout_locale, pieces)),
        BuildFormat::Html => html(&blocks(layout, layout_locale, pieces), locale),
    }
}

/// A block of the output, for the structured formats.
#[derive(Debug)]
struct OutBlock<'a> {
    kind: BlockKind,
    marker: Option<&'a str>,
    depth: usize,
    /// Runs of text, each with the locale it is written in.
    runs: Vec<(String, Locale)>,
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
                .clone()
                .and_then(|m| layout.source.get(m))
                .map(str::trim),
            depth: b.depth,
            runs: Vec::new(),
        })
        .collect();
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

/// Bullets that Markdown's `-` replaces; numbering markers (`1.`, `（1）`) are kept as text.
fn is_bullet(marker: &str) -> bool {
    matches!(
        marker,
        "・" | "-" | "*" | "•" | "○" | "●" | "◆" | "◇" | "■" | "□" | "◎" | "‐" | "－"
    )
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
    for block in blocks {
        let text = md_escape(&joined(&block.runs));
        let line = match block.kind {
            BlockKind::Title => format!("# {text}"),
            BlockKind::Heading => format!("## {}", with_marker(block, &text)),
            BlockKind::Date => format!("*{text}*"),
            BlockKind::Label => format!("**{}**", with_marker(block, &text)),
            BlockKind::ListItem => {
                let indent = "  ".repeat(block.depth);
                match block.marker {
                    Some(m) if !is_bullet(m) => format!("{indent}- {} {text}", md_escape(m)),
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
.fallback{background:#fff7d6}
a{color:#00357a;overflow-wrap:anywhere}
";

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
        previous = Some(locale);
    }
    match block.marker {
        Some(marker)
            if !(marker.is_empty() || block.kind == BlockKind::ListItem && is_bullet(marker)) =>
        {
            format!(
                "<span class=\"marker\">{}</span>{out}",
                html_escape::encode_text(marker)
            )
        }
        _ => out,
    }
}

fn html(blocks: &[OutBlock<'_>], locale: &Locale) -> String {
    let title = blocks
        .iter()
        .find(|b| b.kind == BlockKind::Title)
        .map(|b| joined(&b.runs))
        .unwrap_or_default();
    let mut body = String::new();
    let mut in_list = false;
    for block in blocks {
        if in_list && block.kind != BlockKind::ListItem {
            body.push_str("</ul>\n");
            in_list = false;
        }
        let inner = html_runs(block, locale);
        let _ = match block.kind {
            BlockKind::Title => writeln!(body, "<h1>{inner}</h1>"),
            BlockKind::Date => writeln!(body, "<p class=\"date\">{inner}</p>"),
            BlockKind::Heading => writeln!(body, "<h2>{inner}</h2>"),
            BlockKind::Paragraph => writeln!(body, "<p>{inner}</p>"),
            BlockKind::Note => writeln!(body, "<p class=\"note\">{inner}</p>"),
            BlockKind::Label => writeln!(body, "<p class=\"label\">{inner}</p>"),
            BlockKind::Url => {
                let href = joined(&block.runs);
                writeln!(
                    body,
                    "<p class=\"url\"><a href=\"{}\">{inner}</a></p>",
                    html_escape::encode_double_quoted_attribute(&href)
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
    let lang = html_escape::encode_double_quoted_attribute(locale.tag());
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n<article>\n<p class=\"kind\">Press release</p>\n{body}</article>\n</main>\n</body>\n</html>\n",
        direction(locale),
        html_escape::encode_text(&title),
    )
}

/// Fallbacks listed per document in the text report; the JSON report has them all.
const TEXT_FALLBACKS: usize = 10;

/// The build report for people or machines.
fn report(builds: &[DocBuild], format: Format) -> String {
    if format == Format::Json {
        return to_json(&serde_json::json!({ "builds": builds }));
    }
    let mut out = String::new();
    let (mut written, mut unchanged, mut fallbacks) = (0, 0, 0);
    for build in builds {
        if let Some(reason) = &build.skipped {
            let _ = writeln!(
                out,
                "{}/{}: skipped: {reason}",
                build.locale, build.document
            );
            continue;
        }
        fallbacks += build.fallbacks.len();
        let _ = writeln!(
            out,
            "{}/{}: {}% complete, {} fallbacks (layout: {})",
            build.locale,
            build.document,
            build.completeness,
            build.fallbacks.len(),
            build.layout
        );
        for f in build.fallbacks.iter().take(TEXT_FALLBACKS) {
            let reason = match f.reason {
                Reason::Missing => "missing",
                Reason::Stale => "stale",
                Reason::Invalid => "cannot be formatted",
            };
            let _ = writeln!(
                out,
                "  line {}: {} {reason} in {}, used {}",
                f.line, f.id, build.locale, f.from
            );
        }
        if build.fallbacks.len() > TEXT_FALLBACKS {
            let _ = writeln!(
                out,
                "  … and {} more (--report json lists them all)",
                build.fallbacks.len() - TEXT_FALLBACKS
            );
        }
        for id in &build.stale_used {
            let _ = writeln!(
                out,
                "  {id}: stale translation published (build.stale = \"use\")"
            );
        }
        for output in &build.outputs {
            if output.written {
                written += 1
            } else {
                unchanged += 1
            }
        }
    }
    let _ = writeln!(
        out,
        "{} builds; files: {written} written, {unchanged} unchanged; {fallbacks} fallbacks",
        builds.len()
    );
    out
}
