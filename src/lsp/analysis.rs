//! What the server knows about one open catalog, recomputed on every change from the editor's
//! text: where each entry is ([`Outline`]), and its problems — parse errors, stale and missing
//! entries, commented-out translations and every `check` finding — as byte ranges. Stale and
//! missing states come from the same merge `sync` runs (`Prepared::merged`) and findings from
//! `check::catalog_findings`, with the editor's unsaved text put in place of the file.

use std::collections::HashMap;
use std::ops::Range;

use crate::catalog::Prepared;
use crate::catalog::ftl::{self, EntryKind, FtlErrorKind, FtlFile};
use crate::catalog::merge::{EntryState, Role, StaleSource};
use crate::catalog::notes::{self, Note};
use crate::check;
use crate::error::Severity;
use crate::locale::Locale;
use crate::project::Project;

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
}

impl Outline {
    /// The entry holding a byte offset (its comment lines included).
    pub(crate) fn item_at(&self, offset: usize) -> Option<&Item> {
        self.items
            .iter()
            .find(|i| i.span.contains(&offset) || i.head.end == offset)
    }

    pub(crate) fn item(&self, id: &str, kinds: &[ItemKind]) -> Option<&Item> {
        self.items
            .iter()
            .find(|i| i.id == id && kinds.contains(&i.kind))
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
}

/// Analyses the editor's text; without a context (a file outside any project, or a document
/// honyaku cannot plan) only the syntax is checked.
pub(crate) fn analyse(
    text: &str,
    index: &LineIndex,
    tags: &[&str],
    context: Option<Context<'_>>,
) -> Analysis {
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
    } = context;
    prepared.set_catalog(locale, Ok(file));
    let Some((merged, stats)) = prepared.merged(doc, locale) else {
        return analysis;
    };
    let outline = &analysis.outline;
    let mut problems = Vec::new();
    if let Role::Source { .. } = prepared.role(locale) {
        if merged != text {
            let at = first_difference(text, &merged, index);
            let source = project
                .display(&project.source_path(locale, doc))
                .to_owned();
            problems.push(Problem {
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
        analysis.problems = problems;
        return analysis;
    }
    for source in stats.stale_sources {
        analysis
            .stale
            .entry(source.id.clone())
            .or_default()
            .push(source);
    }
    for (id, state) in &stats.states {
        analysis.states.insert(id.clone(), *state);
        match state {
            EntryState::Stale => {
                let Some(item) = outline.item(id, &[ItemKind::Message]) else {
                    continue;
                };
                let changes: Vec<String> = analysis
                    .stale
                    .get(id)
                    .into_iter()
                    .flatten()
                    .map(|s| match &s.now {
                        Some(now) => format!("{}: was «{}», now «{}»", s.locale, s.was, now),
                        None => format!("{}: was «{}», now gone", s.locale, s.was),
                    })
                    .collect();
                problems.push(Problem {
                    range: item.head.clone(),
                    severity: Severity::Warning,
                    hint: false,
                    code: String::from(STALE),
                    message: format!(
                        "stale: the source changed since `{id}` was translated; revise it, then mark it revised\n{}",
                        changes.join("\n")
                    ),
                });
            }
            EntryState::Missing => {
                if let Some(item) = outline.item(id, &[ItemKind::Slot]) {
                    problems.push(Problem {
                        range: item.head.clone(),
                        severity: Severity::Info,
                        hint: true,
                        code: String::from(MISSING),
                        message: format!("`{id}` is not translated yet"),
                    });
                }
            }
            EntryState::Translated => {}
        }
    }
    for (id, _line) in &stats.commented_translations {
        if let Some(item) = outline.item(id, &[ItemKind::CommentedTranslation]) {
            problems.push(Problem {
                range: item.head.clone(),
                severity: Severity::Warning,
                hint: false,
                code: String::from(COMMENTED),
                message: format!(
                    "`{id}` has a translation that is still commented out, so it counts as missing: delete the \"# \" at the start of the line"
                ),
            });
        }
    }
    for id in &stats.obsolete {
        if let Some(item) = outline.item(id, &[ItemKind::Message]) {
            problems.push(Problem {
                range: item.head.clone(),
                severity: Severity::Info,
                hint: false,
                code: String::from(OBSOLETE),
                message: format!(
                    "`{id}` is obsolete: the source no longer has it; it is kept so no translation is lost"
                ),
            });
        }
    }
    for finding in check::catalog_findings(project, prepared, doc, locale) {
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
            message: finding.message,
        });
    }
    problems.sort_by_key(|p| p.range.start);
    analysis.problems = problems;
    analysis
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
        let analysis = analyse(text, &index, &[], None);
        assert_eq!(analysis.problems.len(), 1, "{:?}", analysis.problems);
        let problem = &analysis.problems[0];
        assert_eq!(problem.code, SYNTAX);
        assert!(text[problem.range.clone()].starts_with("日本"));
    }
}
