//! `honyaku check`: QA between each source text of a message (original and parallel) and its
//! translation — numbers, times, URLs, e-mail addresses, phone numbers, placeables, brackets,
//! quotes, untranslated, empty and padded text — and of the catalogs themselves.
//!
//! Comparisons are lenient in the way translators need: a translation passes a check when it
//! agrees with any of the sources (the English release may word a number differently from
//! the original), and numbers are compared after normalising what legitimately differs
//! between languages (full-width digits, separators, era years, 12/24-hour times, month names).
//!
//! A stale translation is checked only where the build publishes it (`[build] stale =
//! "use"`): otherwise its page falls back, and against the sources as they are now its
//! figures differ by definition (the stale mark already asks for a revision), so checking it
//! would report, or not, depending on whether the English has caught up yet.
//!
//! Each check is one type behind the [`Check`] trait, in its own file, and one line of
//! [`CHECKS`]; this module is the driver: it reads a prepared document's catalogs, gives every
//! message to every check as an [`Entry`], honours `# honyaku-ignore:` comments and turns
//! what the checks found into [`Finding`]s.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::catalog::ftl::{EntryKind, FtlErrorKind};
use crate::catalog::merge::{EntryState, OBSOLETE_HEADING, Role};
use crate::catalog::{self, Broken, Prepared, plan::Unit};
use crate::error::{Diagnostic, Outcome, Result, Severity};
use crate::formatted::{self, Translation};
use crate::locale::Locale;
use crate::project::{Project, StalePolicy};
use facts::{DocumentFacts, SourceFacts};

/// The comment a translator writes above a message to silence checks for it.
pub const IGNORE_PREFIX: &str = "# honyaku-ignore:";

/// Declares each check's module (a file of this folder) and lists its checks in `CHECKS`.
macro_rules! checks {
    ($($vis:vis $module:ident: $($check:ident),+;)*) => {
        $($vis mod $module;)*
        /// Every check, in the order they run on a message (and so the order of their
        /// findings on one line).
        static CHECKS: &[&dyn Check] = &[$($(&$module::$check),+),*];
    };
}

// The registry: a new check is a file of this folder and one line here, `file: Type;`.
checks! {
    references: References;
    unknown_id: UnknownId;
    formatting: Formatting;
    empty: Empty;
    whitespace: Whitespace;
    untranslated: Untranslated;
    source_script: SourceScript;
    addresses: URLS, EMAILS, PHONES;
    pub(crate) numbers: Numbers;
    weekdays: Weekdays;
    pairs: BRACKETS, QUOTES;
}

mod facts;

/// One QA check: it looks at one message of a target catalog and says what is wrong with it.
pub(crate) trait Check: Sync {
    /// The names its problems carry (`check --format json`, `# honyaku-ignore:`).
    fn ids(&self) -> &[&'static str];
    /// Adds what is wrong with `entry` to `out` (nothing when it is fine).
    fn run(&self, entry: &Entry<'_>, out: &mut Vec<Problem>);
}

/// One message of a target catalog, with everything a check may compare it with.
#[derive(Debug)]
pub(crate) struct Entry<'a> {
    /// The message's id.
    pub(crate) id: &'a str,
    /// The message as fluent-syntax parsed it with its catalog (its patterns and placeables).
    pub(crate) parsed: Option<&'a ast::Message<&'a str>>,
    /// What the catalog defines, for its placeables to refer to.
    pub(crate) defined: &'a Defined<'a>,
    /// The source message of that id, when there is one.
    pub(crate) unit: Option<&'a Unit>,
    /// The source texts of that message (original and parallel), in authority order.
    pub(crate) sources: &'a [Source<'a>],
    /// The translation as fluent-bundle formats it, or why it cannot; `None` when the catalog
    /// holds no translation for it.
    pub(crate) translation: Option<&'a std::result::Result<String, String>>,
    /// The locale of the catalog.
    pub(crate) target: &'a Locale,
}

impl<'a> Entry<'a> {
    /// The formatted translation of a message the source has.
    pub(crate) fn formatted(&self) -> Option<&'a str> {
        self.unit?;
        match self.translation? {
            Ok(text) => Some(text),
            Err(_) => None,
        }
    }

    /// The translation to compare with the sources: formatted, and not blank.
    pub(crate) fn text(&self) -> Option<&'a str> {
        self.formatted().filter(|text| !text.trim().is_empty())
    }
}

/// One source text of a message, with what the checks read from it (worked out once).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Source<'a> {
    pub(crate) locale: &'a Locale,
    pub(crate) text: &'a str,
    pub(crate) facts: &'a SourceFacts,
}

/// The terms and messages a catalog defines (only ever asked whether they hold an id).
#[derive(Debug, Default)]
pub(crate) struct Defined<'a> {
    pub(crate) terms: rustc_hash::FxHashSet<&'a str>,
    pub(crate) messages: rustc_hash::FxHashSet<&'a str>,
}

/// What a check found wrong with one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) check: &'static str,
    pub(crate) severity: Severity,
    pub(crate) message: String,
}

impl Problem {
    pub(crate) fn error(check: &'static str, message: impl Into<String>) -> Problem {
        Problem {
            check,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub(crate) fn warning(check: &'static str, message: impl Into<String>) -> Problem {
        Problem {
            check,
            severity: Severity::Warning,
            message: message.into(),
        }
    }
}

/// One QA finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub locale: String,
    pub file: PathBuf,
    pub line: usize,
    /// 1-based: where a syntax error is, else the start of the message's line.
    pub column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub check: &'static str,
    pub severity: Severity,
    pub message: String,
}

/// What `check` found in a project: what the caller made of each catalog's findings
/// (`report::check_piece`), in the order of their paths, and its diagnostics and exit status.
#[derive(Debug)]
pub struct Checked<T> {
    pub files: Vec<T>,
    pub outcome: Outcome,
}

/// `honyaku check`: data only, the app layer prints it. The findings of each catalog, sorted
/// by line and check, are handed to `piece` in the worker that found them (so the report is
/// made in parallel, and no list of every finding is kept, sorted or dropped on one thread);
/// the pieces come back in the order of their catalogs' paths.
pub fn check<T: Send>(dir: &Path, piece: impl Fn(&[Finding]) -> T + Sync) -> Result<Checked<T>> {
    let (project, mut diagnostics) = Project::open(dir)?;
    // A document its committed seal vouches for is planned from its catalogs, not aligned
    // again (a fresh clone in CI).
    let seals = catalog::SealCheck::load(&project);
    let checked: Vec<Result<CheckedDocument<T>>> = project
        .documents
        .par_iter()
        .map(|doc| {
            let mut files = Vec::new();
            let mut checked = CheckedDocument {
                files: Vec::new(),
                diagnostics: Vec::new(),
                problems: false,
            };
            check_document(&project, doc, &seals, &mut files, &mut checked.diagnostics)?;
            for findings in files.into_iter().filter(|file| !file.is_empty()) {
                checked.problems |= findings.iter().any(|f| f.severity == Severity::Error);
                let path = findings[0].file.clone();
                checked.files.push((path, piece(&findings)));
            }
            Ok(checked)
        })
        .collect();
    let mut files = Vec::new();
    let mut problems = false;
    for result in checked {
        let checked = result?;
        files.extend(checked.files);
        diagnostics.extend(checked.diagnostics);
        problems |= checked.problems;
    }
    Ok(Checked {
        files: sorted(files),
        outcome: Outcome {
            diagnostics,
            problems,
        },
    })
}

/// What checking one document found: a piece per catalog with findings, and diagnostics.
#[derive(Debug)]
struct CheckedDocument<T> {
    files: Vec<(PathBuf, T)>,
    diagnostics: Vec<Diagnostic>,
    problems: bool,
}

/// The pieces of every file in the order of their paths, which is the order of a stable
/// sort of all their findings by file, line and check: each file's findings come sorted by
/// line and check, and a file is one document's catalog in one locale, so no two pieces
/// share a path.
fn sorted<T>(mut files: Vec<(PathBuf, T)>) -> Vec<T> {
    files.sort_by(|a, b| a.0.cmp(&b.0));
    debug_assert!(
        files.windows(2).all(|w| w[0].0 != w[1].0),
        "one piece per file"
    );
    files.into_iter().map(|(_, piece)| piece).collect()
}

/// Checks every translation catalog of one document; the findings of each file are sorted
/// by line and check.
fn check_document(
    project: &Project,
    doc: &str,
    seals: &catalog::SealCheck,
    findings: &mut Vec<Vec<Finding>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<()> {
    // Catalog syntax is reported as findings below; prepare's own diagnostics matter only
    // when it cannot plan the document at all.
    let mut scratch = Vec::new();
    let Some(prepared) = catalog::prepare_checked(project, doc, seals, &mut scratch)? else {
        diagnostics.extend(scratch);
        return Ok(());
    };
    // The sources are read once for all the target locales.
    let facts = DocumentFacts::new(&prepared.plan);
    let outdated = outdated_parallel(&prepared);
    for locale in project.all_locales() {
        let mut file = match prepared.role(&locale) {
            Role::Target { .. } => {
                findings_with(project, &prepared, doc, &locale, &facts, outdated.as_ref())
            }
            Role::Source {
                original: false, ..
            } => parallel_findings(project, &prepared, doc, &locale, &facts),
            Role::Source { .. } => continue,
        };
        file.sort_by_key(|f| (f.line, f.check));
        findings.push(file);
    }
    Ok(())
}

/// The check of a parallel source catalog (the English release) against the original:
/// `release-numbers`, a warning where a message's figures differ from the original's while
/// the English is taken to be current with it (an English revision that followed the
/// original's only in part, a typo in the release). A message the English is behind on
/// (`status` and `diff` list them) is judged against both the original as it is now and the
/// original the English last matched: its figures may agree with either (not revised yet, or
/// revised), but one that agrees with neither is a wrong figure (a typo in the revised
/// English keeps it behind, and would otherwise never be reported).
fn parallel_findings(
    project: &Project,
    prepared: &Prepared,
    doc: &str,
    locale: &Locale,
    facts: &DocumentFacts<'_>,
) -> Vec<Finding> {
    let (Some(file), Some((ledger, lag))) = (prepared.catalog(locale), prepared.parallel(locale))
    else {
        return Vec::new();
    };
    let behind: BTreeSet<&str> = lag.behind.iter().map(String::as_str).collect();
    let original = &prepared.plan.documents[0].0;
    let shown = project
        .display(&project.catalog_path(locale, doc))
        .to_owned();
    let mut findings = Vec::new();
    for entry in &file.entries {
        let EntryKind::Message { id, comment, .. } = &entry.kind else {
            continue;
        };
        let Some((unit, facts)) = facts.unit(id) else {
            continue;
        };
        let source = |wanted: &Locale| {
            unit.texts
                .iter()
                .zip(facts)
                .find(|((l, _), _)| l == wanted)
                .map(|((l, t), facts)| Source {
                    locale: l,
                    text: t.as_str(),
                    facts,
                })
        };
        let (Some(from), Some(parallel)) = (source(original), source(locale)) else {
            continue;
        };
        let Some(message) = numbers::parallel_disagreement(&from, &parallel) else {
            continue;
        };
        // Behind: the original the English last matched, as the ledger kept it.
        let mut said = String::new();
        if behind.contains(id.as_str()) {
            let Some(was) = ledger
                .records
                .get(id)
                .and_then(|record| record.previous.get(original.tag()))
            else {
                continue;
            };
            // Facts are worked out once per text and kept: a fresh set for this one.
            let was_facts = facts::SourceFacts::default();
            let was = Source {
                locale: original,
                text: was,
                facts: &was_facts,
            };
            if numbers::parallel_disagreement(&was, &parallel).is_none() {
                continue;
            }
            said = format!(
                ", and said \"{}\" when the English last matched it",
                was.text
            );
        }
        let message = format!(
            "{message} (the {original} original says \"{}\"{said})",
            from.text
        );
        findings.push(Finding {
            locale: locale.to_string(),
            file: shown.clone(),
            line: entry.line + comment.as_deref().map_or(0, |c| c.lines().count()),
            column: 1,
            id: Some(id.clone()),
            check: "release-numbers",
            severity: Severity::Warning,
            message,
        });
    }
    findings
}

/// The QA errors of one document's translation in one locale, from a preparation the caller
/// already made (`build --check` shares its own, so nothing is read twice).
pub fn errors(project: &Project, doc: &str, prepared: &Prepared, locale: &Locale) -> Vec<Finding> {
    if !matches!(prepared.role(locale), Role::Target { .. }) {
        return Vec::new();
    }
    let mut findings = catalog_findings(project, prepared, doc, locale);
    findings.retain(|f| f.severity == Severity::Error);
    findings
}

/// Why a document must not be published in a locale (`build --check`): its QA errors,
/// counted, the first one quoted.
pub fn publish_block(
    project: &Project,
    doc: &str,
    prepared: &Prepared,
    locale: &Locale,
) -> Option<String> {
    let errors = errors(project, doc, prepared, locale);
    let first = errors.first()?;
    let plural = if errors.len() == 1 { "" } else { "s" };
    Some(format!(
        "{} QA error{plural} (first: {}:{}: [{}] {}); its previous output is left as it is; run `honyaku check` for all",
        errors.len(),
        first.file.display(),
        first.line,
        first.check,
        first.message
    ))
}

/// The findings for one target locale's catalog of a document, as `prepared` holds it (read
/// from disk by `check`, the editor's unsaved text in the language server): data only.
pub fn catalog_findings(
    project: &Project,
    prepared: &Prepared,
    doc: &str,
    locale: &Locale,
) -> Vec<Finding> {
    let facts = DocumentFacts::new(&prepared.plan);
    let outdated = outdated_parallel(prepared);
    findings_with(project, prepared, doc, locale, &facts, outdated.as_ref())
}

/// The parallel source (the English release) and its messages that are behind the original
/// (the original changed or removed them since the English matched it): a translation is not
/// judged against such an English text, which may still carry the old figures.
fn outdated_parallel(prepared: &Prepared) -> Option<(Locale, BTreeSet<String>)> {
    let parallel = prepared.plan.documents.get(1)?.0.clone();
    let (_, lag) = prepared.parallel(&parallel)?;
    let ids = lag.changed.iter().chain(&lag.extra).cloned().collect();
    Some((parallel, ids))
}

/// [`catalog_findings`] with the facts of the document's sources, shared by its locales.
fn findings_with(
    project: &Project,
    prepared: &Prepared,
    doc: &str,
    locale: &Locale,
    facts: &DocumentFacts<'_>,
    outdated: Option<&(Locale, BTreeSet<String>)>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let path = project.catalog_path(locale, doc);
    let shown = project.display(&path).to_owned();
    let finding = |line: usize, id: Option<&str>, problem: Problem| Finding {
        locale: locale.to_string(),
        file: shown.clone(),
        line,
        column: 1,
        id: id.map(str::to_owned),
        check: problem.check,
        severity: problem.severity,
        message: problem.message,
    };
    // `prepare` read and parsed every catalog already: a broken one becomes findings here.
    match prepared.broken(locale) {
        Some(Broken::Unreadable(diagnostic)) => {
            let line = diagnostic.line.unwrap_or(1);
            let problem = Problem::error("syntax", diagnostic.message.clone());
            let mut found = finding(line, None, problem);
            found.column = diagnostic.column.unwrap_or(1);
            findings.push(found);
            return findings;
        }
        Some(Broken::Unparsable(errors)) => {
            for error in errors {
                let check = match error.kind {
                    FtlErrorKind::DuplicateId { .. } => "duplicate-id",
                    _ => "syntax",
                };
                let mut found = finding(error.line, None, Problem::error(check, &error.message));
                found.column = error.column;
                findings.push(found);
            }
            return findings;
        }
        None => {}
    }
    let Some(file) = prepared.catalog(locale) else {
        return findings;
    };
    debug_assert_eq!(prepared.document, doc);
    // One parse by fluent-bundle formats the messages and gives the checks their placeables.
    let resource = formatted::resource(prepared, locale);
    let translated =
        formatted::translations_with(prepared, locale, resource.as_ref(), facts.prints());
    let asts: FxHashMap<&str, &ast::Message<&str>> = resource
        .iter()
        .flat_map(|resource| resource.entries())
        .filter_map(|entry| match entry {
            ast::Entry::Message(message) => Some((message.id.name, message)),
            _ => None,
        })
        .collect();
    let mut defined = Defined::default();
    for entry in &file.entries {
        match &entry.kind {
            EntryKind::Term { id, .. } => defined.terms.insert(id.as_str()),
            EntryKind::Message { id, .. } => defined.messages.insert(id.as_str()),
            _ => false,
        };
    }
    // One buffer of each for every message of the catalog.
    let mut sources: Vec<Source<'_>> = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    for entry in &file.entries {
        if matches!(entry.kind, EntryKind::Comment { level: 2 })
            && entry.raw.starts_with(OBSOLETE_HEADING)
        {
            break;
        }
        let EntryKind::Message { id, comment, .. } = &entry.kind else {
            continue;
        };
        let line = entry.line + comment.as_deref().map_or(0, |c| c.lines().count());
        let translation = translated.get(id);
        if translation.is_some_and(|t| t.state == EntryState::Stale)
            && project.config.stale != StalePolicy::Use
        {
            continue;
        }
        let known = facts.unit(id);
        let unit = known.map(|(unit, _)| unit);
        sources.clear();
        if let Some((unit, facts)) = known {
            let behind = |l: &Locale| {
                outdated.is_some_and(|(parallel, ids)| parallel == l && ids.contains(id.as_str()))
            };
            sources.extend(
                unit.texts
                    .iter()
                    .zip(facts)
                    .filter(|((l, _), _)| !behind(l))
                    .map(|((l, t), facts)| Source {
                        locale: l,
                        text: t.as_str(),
                        facts,
                    }),
            );
        }
        let entry = Entry {
            id,
            parsed: asts.get(id.as_str()).copied(),
            defined: &defined,
            unit,
            sources: &sources,
            translation: translation.map(|t: &Translation| &t.text),
            target: locale,
        };
        problems.clear();
        for check in CHECKS {
            let before = problems.len();
            check.run(&entry, &mut problems);
            debug_assert!(
                problems[before..]
                    .iter()
                    .all(|p| check.ids().contains(&p.check)),
                "a check reports under its own names"
            );
        }
        for problem in problems.drain(..) {
            if !ignored(comment.as_deref()).any(|i| i == problem.check || i == "all") {
                findings.push(finding(line, Some(id), problem));
            }
        }
    }
    findings
}

/// Checks named in `# honyaku-ignore: a, b` lines of a message's comment.
fn ignored(comment: Option<&str>) -> impl Iterator<Item = &str> {
    comment
        .into_iter()
        .flat_map(str::lines)
        .filter_map(|line| line.strip_prefix(IGNORE_PREFIX))
        .flat_map(|list| list.split([',', ' ']))
        .map(str::trim)
        .filter(|name| !name.is_empty())
}

/// The disagreement with the first source, unless the translation agrees with some source.
fn first_disagreement<'a>(
    sources: &[Source<'a>],
    disagreement: impl Fn(&Source<'a>) -> Option<String>,
) -> Option<String> {
    let mut first = None;
    for source in sources {
        match disagreement(source) {
            None => return None,
            Some(message) => {
                first.get_or_insert_with(|| {
                    format!("{message} (compared with the {} source)", source.locale)
                });
            }
        }
    }
    first
}

/// `numbers missing: `1`; not in the source: `2``, for what a translation lacks and adds.
fn describe(what: &str, missing: &[&String], extra: &[&String]) -> String {
    let list = |items: &[&String]| {
        items
            .iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (missing.is_empty(), extra.is_empty()) {
        (false, true) => format!("{what} missing: {}", list(missing)),
        (true, false) => format!("{what} not in the source: {}", list(extra)),
        _ => format!(
            "{what} missing: {}; not in the source: {}",
            list(missing),
            list(extra)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_comments() {
        assert_eq!(
            ignored(Some("# note\n# honyaku-ignore: numbers, urls\n")).collect::<Vec<_>>(),
            ["numbers", "urls"]
        );
        assert!(ignored(None).next().is_none());
    }

    /// The pieces come in the order of their files' paths, compared as paths (by component),
    /// which is the order a stable sort of all the findings by file would give.
    #[test]
    fn pieces_are_in_the_order_of_their_paths() {
        let files = vec![
            (PathBuf::from("locales/fr/b.ftl"), "b"),
            // `a-b` sorts after `a/…` as paths, before it as bytes.
            (PathBuf::from("locales/fr/a-b.ftl"), "a-b"),
            (PathBuf::from("locales/fr/a/x.ftl"), "a/x"),
            (PathBuf::from("locales/de/z.ftl"), "de"),
        ];
        assert_eq!(sorted(files), ["de", "a/x", "a-b", "b"]);
    }

    /// Every check runs on a spread of messages; what it finds carries one of its own names.
    #[test]
    fn problems_carry_the_ids_of_their_check() {
        let ja: Locale = "ja".parse().unwrap();
        let en: Locale = "en".parse().unwrap();
        let fr: Locale = "fr".parse().unwrap();
        let unit = Unit {
            id: "intro-1".to_owned(),
            kind: crate::segment::BlockKind::Paragraph,
            texts: vec![
                (
                    ja.clone(),
                    "令和2年5月1日（金）に（https://example.jp）へ".to_owned(),
                ),
                (
                    en.clone(),
                    "On Friday, May 1, 2020 see (https://example.jp) for the six words here."
                        .to_owned(),
                ),
            ],
            segments: Vec::new(),
            score: None,
        };
        let facts: Vec<SourceFacts> = unit.texts.iter().map(|_| SourceFacts::default()).collect();
        let sources: Vec<Source<'_>> = unit
            .texts
            .iter()
            .zip(&facts)
            .map(|((locale, text), facts)| Source {
                locale,
                text,
                facts,
            })
            .collect();
        let defined = Defined::default();
        let body = "intro-1 = { -brand } { $n } { other }\n";
        let resource = fluent_syntax::parser::parse(body).unwrap();
        let parsed = match &resource.body[..] {
            [ast::Entry::Message(message)] => Some(message),
            _ => unreachable!("one message"),
        };
        let translations = [
            Ok(String::new()),
            Ok(" 2021 (voir https://example.fr « a mail@x.jp 03-1234-5678".to_owned()),
            Ok(
                "On Friday, May 1, 2020 see (https://example.jp) for the six words here."
                    .to_owned(),
            ),
            Ok("テスト".to_owned()),
            Ok("Le samedi 1er mai 2020, voir https://example.jp.".to_owned()),
            Err("unknown term".to_owned()),
        ];
        let mut seen = BTreeSet::new();
        for translation in &translations {
            for unit in [Some(&unit), None] {
                let entry = Entry {
                    id: "intro-1",
                    parsed,
                    defined: &defined,
                    unit,
                    sources: if unit.is_some() { &sources } else { &[] },
                    translation: Some(translation),
                    target: &fr,
                };
                for check in CHECKS {
                    let mut out = Vec::new();
                    check.run(&entry, &mut out);
                    for problem in out {
                        assert!(check.ids().contains(&problem.check), "{problem:?}");
                        seen.insert(problem.check);
                    }
                }
            }
        }
        let declared: BTreeSet<&str> = CHECKS.iter().flat_map(|c| c.ids()).copied().collect();
        assert_eq!(
            seen, declared,
            "every check found something on these messages"
        );
    }
}
