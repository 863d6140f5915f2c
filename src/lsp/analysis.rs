//! What the server knows about one open catalog, brought up to date on every change from the
//! editor's text (rechecking only the entries that changed, see [`Memo`]): where each entry
//! is ([`Outline`]), and its problems — parse errors, stale and missing
//! entries, commented-out translations and every `check` finding — as byte ranges. Stale and
//! missing states come from the same merge `sync` runs (`Prepared::merged`) and findings from
//! `qa::catalog_findings`, with the editor's unsaved text put in place of the file.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use crate::catalog::Prepared;
use crate::catalog::ftl::{self, EntryKind, FtlErrorKind, FtlFile};
use crate::catalog::merge::Role;
use crate::catalog::notes::{self, Note};
use crate::catalog::state::{EntryState, StaleSource};
use crate::error::Severity;
use crate::locale::Locale;
use crate::project::Project;
use crate::qa::{self, Finding};

use super::position::LineIndex;

/// Diagnostic codes that are not `check` names.
pub(crate) const SYNTAX: &str = "syntax";
pub(crate) const STALE: &str = "stale";
pub(crate) const MISSING: &str = "missing";
pub(crate) const COMMENTED: &str = "commented-translation";
pub(crate) const OBSOLETE: &str = "obsolete";
pub(crate) const GENERATED: &str = "generated";

/// What kind of entry an [`Item`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemKind {
    Message,
    Term,
    /// `# id =`: the placeholder of an untranslated entry.
    Slot,
    /// `# id = text`: a translation typed into the slot but left commented out.
    CommentedTranslation,
}

/// One message, term or slot of the open file.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub id: String,
    pub kind: ItemKind,
    /// The whole entry, its comment lines included.
    pub span: Range<usize>,
    /// The `id = …` line (or the `# id =` line), without its line ending.
    pub head: Range<usize>,
    pub id_span: Range<usize>,
    /// The comment lines above the head, classified, each with its line (ending included).
    pub notes: Vec<(Note, Range<usize>)>,
}

/// A `##` section heading.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    pub title: String,
    pub span: Range<usize>,
}

/// Where everything is in the open file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outline {
    pub items: Vec<Item>,
    pub sections: Vec<Section>,
    /// Indices into `items` by id (a slot and a message may share one).
    by_id: HashMap<String, Vec<usize>>,
}

impl Outline {
    /// The entry holding a byte offset (its comment lines included).
    pub(crate) fn item_at(&self, offset: usize) -> Option<&Item> {
        self.items
            .iter()
            .find(|i| i.span.contains(&offset) || i.head.end == offset)
    }

    pub(crate) fn item(&self, id: &str, kinds: &[ItemKind]) -> Option<&Item> {
        self.by_id
            .get(id)?
            .iter()
            .filter_map(|&i| self.items.get(i))
            .find(|i| kinds.contains(&i.kind))
    }
}

/// One problem in the open file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub range: Range<usize>,
    pub severity: Severity,
    /// Hints (missing translations) are shown faintly by editors.
    pub hint: bool,
    pub code: String,
    pub message: String,
}

/// Everything computed from one version of the text.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    pub outline: Outline,
    pub problems: Vec<Problem>,
    pub states: HashMap<String, EntryState>,
    /// For stale entries: which source changed, from what, to what.
    pub stale: HashMap<String, Vec<StaleSource>>,
    /// `check` names found per message id (for code actions).
    pub checks: HashMap<String, Vec<&'static str>>,
}

/// The project context of a catalog: its document's plan, with the editor's text swapped in.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    pub project: &'a Project,
    pub prepared: &'a mut Prepared,
    pub doc: &'a str,
    pub locale: &'a Locale,
    /// Which plan `prepared` is (a new number each time the document is planned anew): a
    /// [`Memo`] made against another plan is not reused.
    pub plan: u64,
}

/// What the merge and the checks said about one id of a translation catalog.
#[derive(Debug, Clone, Default)]
struct Verdict {
    state: Option<EntryState>,
    stale: Vec<StaleSource>,
    findings: Vec<Finding>,
}

/// One entry of the analysed text, as far as the next change needs to know it.
#[derive(Debug, Clone)]
struct Shape {
    span: Range<usize>,
    /// The ids of the messages, slots and commented-out translations it holds.
    ids: Vec<String>,
    /// A change to it can only change the verdicts of its own ids: a message, a `#` comment
    /// or a blank line (not a term, a section heading or the file's header).
    local: bool,
}

/// A translation catalog's last analysis, kept for the next change: the entries whose text
/// did not change keep their verdicts, and only the ids of the changed entries go through
/// the merge and the checks again (see [`analyse`]).
#[derive(Debug, Default)]
pub(crate) struct Memo {
    plan: u64,
    text: String,
    shapes: Vec<Shape>,
    verdicts: BTreeMap<String, Verdict>,
}

/// Analyses the editor's text; without a context (a file outside any project, or a document
/// honyaku cannot plan) only the syntax is checked. `memo` holds the previous analysis of a
/// translation catalog and is updated: a change that touches only messages and comments
/// rechecks only their ids, and gives what a fresh analysis would (the test
/// `tests/lsp_incremental.rs` compares the two over random edits).
pub(crate) fn analyse(
    text: &str,
    index: &LineIndex,
    tags: &[&str],
    context: Option<Context<'_>>,
    memo: &mut Option<Memo>,
) -> Analysis {
    let previous = memo.take();
    let mut analysis = Analysis::default();
    let file = match ftl::parse(text) {
        Ok(file) => file,
        Err(errors) => {
            analysis.problems = errors
                .iter()
                .map(|error| syntax_problem(text, index, error))
                .collect();
            if let Some(context) = context {
                context.prepared.set_catalog(context.locale, Err(errors));
            }
            return analysis;
        }
    };
    analysis.outline = outline(&file, tags);
    let Some(context) = context else {
        return analysis;
    };
    let Context {
        project,
        prepared,
        doc,
        locale,
        plan,
    } = context;
    if let Role::Source { .. } = prepared.role(locale) {
        prepared.set_catalog(locale, Ok(file));
        let Some(state) = prepared.state(locale) else {
            return analysis;
        };
        if state.text() != text {
            let at = first_difference(text, state.text(), index);
            let source = project
                .display(&project.source_path(locale, doc))
                .to_owned();
            analysis.problems.push(Problem {
                range: at,
                severity: Severity::Warning,
                hint: false,
                code: String::from(GENERATED),
                message: format!(
                    "this source catalog is generated from {}: the next `honyaku sync` rewrites this line; edit the source text instead",
                    source.display()
                ),
            });
        }
        return analysis;
    }
    let shapes = shapes(&file, &analysis.outline);
    let reused = previous
        .filter(|memo| memo.plan == plan)
        .and_then(|memo| recheck(memo, text, &file, &shapes, prepared, project, doc, locale));
    prepared.set_catalog(locale, Ok(file));
    let (verdicts, loose) = match reused {
        Some(verdicts) => (verdicts, Vec::new()),
        None => judge(project, prepared, doc, locale),
    };
    assemble(&mut analysis, &verdicts, &loose, text, index);
    if loose.is_empty() {
        *memo = Some(Memo {
            plan,
            text: text.to_owned(),
            shapes,
            verdicts,
        });
    }
    analysis
}

/// Merges and checks the catalog `prepared` holds for `locale`: the verdicts by id, and the
/// findings that belong to no id.
fn judge(
    project: &Project,
    prepared: &Prepared,
    doc: &str,
    locale: &Locale,
) -> (BTreeMap<String, Verdict>, Vec<Finding>) {
    let mut verdicts: BTreeMap<String, Verdict> = BTreeMap::new();
    let mut loose = Vec::new();
    let Some(state) = prepared.state(locale) else {
        return (verdicts, loose);
    };
    for entry in state.entries() {
        verdicts.entry(entry.id.clone()).or_default().state = Some(entry.state);
    }
    for source in state.stale_sources() {
        verdicts
            .entry(source.id.clone())
            .or_default()
            .stale
            .push(source);
    }
    for finding in qa::catalog_findings(project, prepared, doc, locale) {
        match &finding.id {
            Some(id) => verdicts
                .entry(id.clone())
                .or_default()
                .findings
                .push(finding),
            None => loose.push(finding),
        }
    }
    (verdicts, loose)
}

/// The entries of a parsed file with the ids each holds (from its outline).
fn shapes(file: &FtlFile, outline: &Outline) -> Vec<Shape> {
    let mut shapes = Vec::with_capacity(file.entries.len());
    let mut offset = 0;
    for entry in &file.entries {
        let span = offset..offset + entry.raw.len();
        offset = span.end;
        let local = matches!(
            entry.kind,
            EntryKind::Message { .. } | EntryKind::Comment { level: 1 } | EntryKind::Blank
        );
        shapes.push(Shape {
            span,
            ids: Vec::new(),
            local,
        });
    }
    let mut at = 0;
    for item in &outline.items {
        while shapes
            .get(at)
            .is_some_and(|s| s.span.end <= item.head.start)
        {
            at += 1;
        }
        if let Some(shape) = shapes.get_mut(at) {
            shape.ids.push(item.id.clone());
        }
    }
    shapes
}

/// Whether a message or term may hold a placeable whose value depends on another message (a
/// message reference, a variable, a function): anything but `{ -term }` and `{ "literal" }`.
/// Then one entry's findings can depend on another's text, and a change is rechecked in full.
fn has_open_placeables(file: &FtlFile) -> bool {
    file.entries.iter().any(|entry| match &entry.kind {
        EntryKind::Message { body, .. } | EntryKind::Term { body, .. } => {
            body.match_indices('{').any(|(at, _)| {
                let rest = body[at + 1..].trim_start_matches([' ', '\t']);
                !rest.starts_with(['-', '"'])
            })
        }
        _ => false,
    })
}

/// The verdicts after a change, from the previous ones: the entries that differ from the
/// previous text are found by comparing both ends, and only their ids are merged and checked
/// again, on a catalog made of those entries and every term, against a plan of only their
/// units. `None` when the change needs a full analysis (a term, a heading or the header
/// changed, or placeables may tie messages together).
#[allow(
    clippy::too_many_arguments,
    reason = "the memo, the new text and the project context, each needed"
)]
fn recheck(
    memo: Memo,
    text: &str,
    file: &FtlFile,
    shapes: &[Shape],
    prepared: &mut Prepared,
    project: &Project,
    doc: &str,
    locale: &Locale,
) -> Option<BTreeMap<String, Verdict>> {
    let Memo {
        text: old_text,
        shapes: old,
        mut verdicts,
        ..
    } = memo;
    let same = |o: &Shape, n: &Shape| old_text[o.span.clone()] == text[n.span.clone()];
    let prefix = old
        .iter()
        .zip(shapes)
        .take_while(|(o, n)| same(o, n))
        .count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(shapes[prefix..].iter().rev())
        .take_while(|(o, n)| same(o, n))
        .count();
    let changed = old[prefix..old.len() - suffix]
        .iter()
        .chain(&shapes[prefix..shapes.len() - suffix]);
    let mut affected: BTreeSet<String> = BTreeSet::new();
    for shape in changed {
        if !shape.local {
            return None;
        }
        affected.extend(shape.ids.iter().cloned());
    }
    if affected.is_empty() {
        return Some(verdicts);
    }
    if has_open_placeables(file) {
        return None;
    }
    // An entry holding an affected id and another one (two slots in one comment block)
    // makes the other affected too.
    loop {
        let before = affected.len();
        for shape in shapes {
            if shape.ids.iter().any(|id| affected.contains(id)) {
                affected.extend(shape.ids.iter().cloned());
            }
        }
        if affected.len() == before {
            break;
        }
    }
    let mut part = String::new();
    for (shape, entry) in shapes.iter().zip(&file.entries) {
        let wanted = match entry.kind {
            EntryKind::Term { .. } | EntryKind::Comment { level: 2 } => true,
            _ => shape.ids.iter().any(|id| affected.contains(id)),
        };
        if wanted {
            if !part.is_empty() {
                part.push('\n');
            }
            part.push_str(&entry.raw);
        }
    }
    let part = ftl::parse(&part).ok()?;
    let units = prepared
        .plan
        .units
        .iter()
        .filter(|u| affected.contains(&u.id))
        .cloned()
        .collect();
    let (fresh, loose) = {
        let swapped = Swapped::new(prepared, units);
        swapped.prepared.set_catalog(locale, Ok(part));
        judge(project, swapped.prepared, doc, locale)
    };
    if !loose.is_empty() {
        return None;
    }
    verdicts.retain(|id, _| !affected.contains(id));
    verdicts.extend(fresh);
    Some(verdicts)
}

/// A plan with only some of its units, for as long as this lives: the whole plan is put
/// back when it is dropped, even if a check panics.
struct Swapped<'a> {
    prepared: &'a mut Prepared,
    units: Vec<crate::catalog::plan::Unit>,
}

impl<'a> Swapped<'a> {
    fn new(prepared: &'a mut Prepared, units: Vec<crate::catalog::plan::Unit>) -> Swapped<'a> {
        let mut swapped = Swapped { prepared, units };
        std::mem::swap(&mut swapped.prepared.plan.units, &mut swapped.units);
        swapped
    }
}

impl Drop for Swapped<'_> {
    fn drop(&mut self) {
        std::mem::swap(&mut self.prepared.plan.units, &mut self.units);
    }
}

/// Turns the verdicts into the analysis: states, stale sources, check names and problems
/// placed on the entries of the outline.
fn assemble(
    analysis: &mut Analysis,
    verdicts: &BTreeMap<String, Verdict>,
    loose: &[Finding],
    text: &str,
    index: &LineIndex,
) {
    let outline = &analysis.outline;
    let mut problems = Vec::new();
    for (id, verdict) in verdicts {
        if !verdict.stale.is_empty() {
            analysis.stale.insert(id.clone(), verdict.stale.clone());
        }
        let Some(state) = verdict.state else {
            continue;
        };
        analysis.states.insert(id.clone(), state);
        let (kinds, severity, hint, code, message): (&[ItemKind], _, _, _, _) = match state {
            EntryState::Stale => {
                let changes: Vec<String> = verdict
                    .stale
                    .iter()
                    .map(|s| match &s.now {
                        Some(now) => format!("{}: was «{}», now «{}»", s.locale, s.was, now),
                        None => format!("{}: was «{}», now gone", s.locale, s.was),
                    })
                    .collect();
                (
                    &[ItemKind::Message],
                    Severity::Warning,
                    false,
                    STALE,
                    format!(
                        "stale: the source changed since `{id}` was translated; revise it, then mark it revised\n{}",
                        changes.join("\n")
                    ),
                )
            }
            EntryState::Missing => (
                &[ItemKind::Slot],
                Severity::Info,
                true,
                MISSING,
                format!("`{id}` is not translated yet"),
            ),
            EntryState::CommentedTranslation => (
                &[ItemKind::CommentedTranslation],
                Severity::Warning,
                false,
                COMMENTED,
                format!(
                    "`{id}` has a translation that is still commented out, so it counts as missing: delete the \"# \" at the start of the line"
                ),
            ),
            EntryState::Obsolete => (
                &[ItemKind::Message],
                Severity::Info,
                false,
                OBSOLETE,
                format!(
                    "`{id}` is obsolete: the source no longer has it; it is kept so no translation is lost"
                ),
            ),
            EntryState::Translated | EntryState::Source => continue,
        };
        if let Some(item) = outline.item(id, kinds) {
            problems.push(Problem {
                range: item.head.clone(),
                severity,
                hint,
                code: String::from(code),
                message,
            });
        }
    }
    let findings = verdicts.values().flat_map(|v| &v.findings).chain(loose);
    for finding in findings {
        let range = finding
            .id
            .as_deref()
            .and_then(|id| outline.item(id, &[ItemKind::Message]))
            .map(|item| item.head.clone())
            .unwrap_or_else(|| {
                let start = index.line_start(finding.line.saturating_sub(1));
                start..index.line_end(text, finding.line.saturating_sub(1))
            });
        if let Some(id) = &finding.id {
            analysis
                .checks
                .entry(id.clone())
                .or_default()
                .push(finding.check);
        }
        problems.push(Problem {
            range,
            severity: finding.severity,
            hint: false,
            code: finding.check.to_owned(),
            message: finding.message.clone(),
        });
    }
    problems.sort_by_key(|p| p.range.start);
    analysis.problems = problems;
}

fn syntax_problem(text: &str, index: &LineIndex, error: &ftl::FtlError) -> Problem {
    let code = match error.kind {
        FtlErrorKind::DuplicateId { .. } => "duplicate-id",
        _ => SYNTAX,
    };
    Problem {
        range: index.at_line_column(text, error.line, error.column),
        severity: Severity::Error,
        hint: false,
        code: code.to_owned(),
        message: error.message.clone(),
    }
}

/// The line where two texts first differ, in the first.
fn first_difference(text: &str, other: &str, index: &LineIndex) -> Range<usize> {
    let at = text
        .bytes()
        .zip(other.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(text.len().min(other.len()));
    let line = index.line_of(at);
    index.line_start(line)..index.line_end(text, line)
}

/// Finds every message, term, slot and section of a parsed file. `tags` are the source
/// locale tags that `# ja:`-style lines may name.
pub(crate) fn outline(file: &FtlFile, tags: &[&str]) -> Outline {
    let mut outline = Outline::default();
    let mut offset = 0;
    for entry in &file.entries {
        let start = offset;
        offset += entry.raw.len();
        let span = start..offset;
        match &entry.kind {
            EntryKind::Message { id, body, .. } | EntryKind::Term { id, body, .. } => {
                let body_start = if entry.raw.ends_with(body.as_str()) {
                    offset - body.len()
                } else {
                    start
                };
                let comment = &entry.raw[..body_start - start];
                let term = matches!(entry.kind, EntryKind::Term { .. });
                let id_len = id.len() + usize::from(term);
                let first_line = body.find('\n').map_or(body.len(), |i| i);
                let head_end = body_start + body[..first_line].trim_end_matches('\r').len();
                outline.items.push(Item {
                    id: id.clone(),
                    kind: if term {
                        ItemKind::Term
                    } else {
                        ItemKind::Message
                    },
                    span,
                    head: body_start..head_end,
                    id_span: body_start..body_start + id_len,
                    notes: classify_lines(comment, start, tags),
                });
            }
            EntryKind::Comment { level: 1 } => {
                let lines = classify_lines(&entry.raw, start, tags);
                let mut first = 0;
                for (i, (note, range)) in lines.iter().enumerate() {
                    let (id, kind) = match note {
                        Note::Placeholder { id } => (id, ItemKind::Slot),
                        Note::CommentedTranslation { id, .. } => {
                            (id, ItemKind::CommentedTranslation)
                        }
                        _ => continue,
                    };
                    let line = &entry.raw[range.start - start..range.end - start];
                    let head_end = range.start + line.trim_end_matches(['\r', '\n']).len();
                    let block_start = lines.get(first).map_or(range.start, |(_, r)| r.start);
                    outline.items.push(Item {
                        id: id.clone(),
                        kind,
                        span: block_start..range.end,
                        head: range.start..head_end,
                        id_span: range.start + 2..range.start + 2 + id.len(),
                        notes: lines[first..i].to_vec(),
                    });
                    first = i + 1;
                }
            }
            EntryKind::Comment { level: 2 } => {
                let title = entry
                    .raw
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .trim_start_matches('#')
                    .trim();
                outline.sections.push(Section {
                    title: title.to_owned(),
                    span,
                });
            }
            _ => {}
        }
    }
    // A section runs to the next one.
    let ends: Vec<usize> = outline
        .sections
        .iter()
        .skip(1)
        .map(|s| s.span.start)
        .chain([offset])
        .collect();
    for (section, end) in outline.sections.iter_mut().zip(ends) {
        section.span.end = end;
    }
    for (i, item) in outline.items.iter().enumerate() {
        outline.by_id.entry(item.id.clone()).or_default().push(i);
    }
    outline
}

/// Each line of a comment block, classified, with its byte range (line ending included).
fn classify_lines(block: &str, start: usize, tags: &[&str]) -> Vec<(Note, Range<usize>)> {
    let mut at = start;
    block
        .split_inclusive('\n')
        .map(|line| {
            let range = at..at + line.len();
            at += line.len();
            let bare = line.trim_end_matches(['\r', '\n']);
            (notes::classify(bare, tags), range)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_finds_messages_terms_slots_and_sections() {
        let text = "### header\n\n-brand = MIC\n\n# ja: 本日\n# en: Today\ntoday = Aujourd'hui\n\n# ja: 明日\n# tomorrow =\n\n## obsolete\n\n# ja: 昨日\n# yesterday = Hier\n";
        let file = ftl::parse(text).unwrap_or_else(|e| panic!("{e:?}"));
        let outline = outline(&file, &["ja", "en"]);
        let ids: Vec<(&str, ItemKind)> = outline
            .items
            .iter()
            .map(|i| (i.id.as_str(), i.kind))
            .collect();
        assert_eq!(
            ids,
            [
                ("brand", ItemKind::Term),
                ("today", ItemKind::Message),
                ("tomorrow", ItemKind::Slot),
                ("yesterday", ItemKind::CommentedTranslation),
            ]
        );
        let today = &outline.items[1];
        assert_eq!(&text[today.head.clone()], "today = Aujourd'hui");
        assert_eq!(&text[today.id_span.clone()], "today");
        assert_eq!(today.notes.len(), 2);
        let slot = &outline.items[2];
        assert_eq!(&text[slot.head.clone()], "# tomorrow =");
        assert_eq!(&text[slot.id_span.clone()], "tomorrow");
        assert_eq!(&text[outline.items[0].id_span.clone()], "-brand");
        assert_eq!(outline.sections.len(), 1);
        assert_eq!(outline.sections[0].title, "obsolete");
    }

    #[test]
    fn parse_errors_point_at_the_line_and_column() {
        let text = "ok = fine\n日本 = bad\n";
        let index = LineIndex::new(text);
        let analysis = analyse(text, &index, &[], None, &mut None);
        assert_eq!(analysis.problems.len(), 1, "{:?}", analysis.problems);
        let problem = &analysis.problems[0];
        assert_eq!(problem.code, SYNTAX);
        assert!(text[problem.range.clone()].starts_with("日本"));
    }
}
