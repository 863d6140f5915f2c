//! `honyaku check`: QA between each source text of a message (original and parallel) and its
//! translation — numbers, times, URLs, e-mail addresses, phone numbers, placeables, brackets,
//! quotes, untranslated, empty and padded text — and of the catalogs themselves.
//!
//! Comparisons are lenient in the way translators need: a translation passes a check when it
//! agrees with any of the sources (the English release may word a number differently from
//! the original), and numbers are compared after normalising what legitimately differs
//! between languages (full-width digits, separators, era years, 12/24-hour times, month names).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use rayon::prelude::*;
use serde::Serialize;

use crate::catalog::ftl::{EntryKind, FtlErrorKind};
use crate::catalog::merge::{OBSOLETE_HEADING, Role};
use crate::catalog::{self, Broken, Prepared, plan::Unit};
use crate::error::{Diagnostic, Outcome, Result, Severity};
use crate::figures;
use crate::formatted::{Translation, translations};
use crate::locale::{Locale, Scripts};
use crate::project::Project;

/// The comment a translator writes above a message to silence checks for it.
pub const IGNORE_PREFIX: &str = "# honyaku-ignore:";

/// One QA finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub locale: String,
    pub file: PathBuf,
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub check: &'static str,
    pub severity: Severity,
    pub message: String,
}

/// What `check` found in a project: its findings, sorted by file, line and check, for the
/// app layer to report, and its diagnostics and exit status.
#[derive(Debug)]
pub struct Checked {
    pub findings: Vec<Finding>,
    pub outcome: Outcome,
}

/// `honyaku check`: data only, the app layer prints it.
pub fn check(dir: &Path) -> Result<Checked> {
    let (project, mut diagnostics) = Project::open(dir)?;
    // Documents are checked in parallel; sorting the findings makes the report independent
    // of which thread finished first.
    let checked: Vec<Result<(Vec<Finding>, Vec<Diagnostic>)>> = project
        .documents
        .par_iter()
        .map(|doc| {
            let (mut findings, mut doc_diagnostics) = (Vec::new(), Vec::new());
            check_document(&project, doc, &mut findings, &mut doc_diagnostics)?;
            Ok((findings, doc_diagnostics))
        })
        .collect();
    let mut findings = Vec::new();
    for result in checked {
        let (doc_findings, doc_diagnostics) = result?;
        findings.extend(doc_findings);
        diagnostics.extend(doc_diagnostics);
    }
    findings.sort_by(|a, b| (&a.file, a.line, a.check).cmp(&(&b.file, b.line, b.check)));
    let problems = findings.iter().any(|f| f.severity == Severity::Error);
    Ok(Checked {
        findings,
        outcome: Outcome {
            diagnostics,
            problems,
        },
    })
}

/// Checks every translation catalog of one document.
fn check_document(
    project: &Project,
    doc: &str,
    findings: &mut Vec<Finding>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<()> {
    // Catalog syntax is reported as findings below; prepare's own diagnostics matter only
    // when it cannot plan the document at all.
    let mut scratch = Vec::new();
    let Some(prepared) = catalog::prepare(project, doc, &mut scratch)? else {
        diagnostics.extend(scratch);
        return Ok(());
    };
    for locale in project.all_locales() {
        if matches!(prepared.role(&locale), Role::Target { .. }) {
            findings.extend(catalog_findings(project, &prepared, doc, &locale));
        }
    }
    Ok(())
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
    let mut findings = Vec::new();
    let units: BTreeMap<&str, &Unit> = prepared
        .plan
        .units
        .iter()
        .map(|u| (u.id.as_str(), u))
        .collect();
    let path = project.catalog_path(locale, doc);
    let shown = project.display(&path).to_owned();
    let finding =
        |line: usize, id: Option<&str>, check: &'static str, severity, message: String| Finding {
            locale: locale.to_string(),
            file: shown.clone(),
            line,
            id: id.map(str::to_owned),
            check,
            severity,
            message,
        };
    // `prepare` read and parsed every catalog already: a broken one becomes findings here.
    match prepared.broken(locale) {
        Some(Broken::Unreadable(diagnostic)) => {
            let line = diagnostic.line.unwrap_or(1);
            let message = diagnostic.message.clone();
            findings.push(finding(line, None, "syntax", Severity::Error, message));
            return findings;
        }
        Some(Broken::Unparsable(errors)) => {
            for error in errors {
                let check = match error.kind {
                    FtlErrorKind::DuplicateId { .. } => "duplicate-id",
                    _ => "syntax",
                };
                let message = format!("{}:{}: {}", error.line, error.column, error.message);
                findings.push(finding(error.line, None, check, Severity::Error, message));
            }
            return findings;
        }
        None => {}
    }
    let Some(file) = prepared.catalog(locale) else {
        return findings;
    };
    let translated = translations(prepared, doc, locale);
    let terms: BTreeSet<&str> = file
        .entries
        .iter()
        .filter_map(|e| match &e.kind {
            EntryKind::Term { id, .. } => Some(id.as_str()),
            _ => None,
        })
        .collect();
    let messages: BTreeSet<&str> = file
        .entries
        .iter()
        .filter_map(|e| match &e.kind {
            EntryKind::Message { id, .. } => Some(id.as_str()),
            _ => None,
        })
        .collect();
    for entry in &file.entries {
        if matches!(entry.kind, EntryKind::Comment { level: 2 })
            && entry.raw.starts_with(OBSOLETE_HEADING)
        {
            break;
        }
        let EntryKind::Message {
            id, comment, body, ..
        } = &entry.kind
        else {
            continue;
        };
        let line = entry.line + comment.as_deref().map_or(0, |c| c.lines().count());
        let ignored = ignored_checks(comment.as_deref());
        let mut push = |check: &'static str, severity: Severity, message: String| {
            if !ignored.iter().any(|i| i == check || i == "all") {
                findings.push(finding(line, Some(id), check, severity, message));
            }
        };
        for (check, message) in reference_problems(body, &terms, &messages) {
            push(check, Severity::Error, message);
        }
        let Some(unit) = units.get(id.as_str()) else {
            push(
                "unknown-id",
                Severity::Warning,
                format!("`{id}` is not a message of the source; it is never published"),
            );
            continue;
        };
        match translated.get(id) {
            Some(Translation { text: Ok(text), .. }) => {
                for (check, severity, message) in compare(unit, text, locale) {
                    push(check, severity, message);
                }
            }
            Some(Translation {
                text: Err(error), ..
            }) => {
                push(
                    "placeables",
                    Severity::Error,
                    format!("fluent cannot format the message: {error}"),
                );
            }
            None => {}
        }
    }
    findings
}

/// Checks named in `# honyaku-ignore: a, b` lines of a message's comment.
fn ignored_checks(comment: Option<&str>) -> Vec<String> {
    comment
        .into_iter()
        .flat_map(str::lines)
        .filter_map(|line| line.strip_prefix(IGNORE_PREFIX))
        .flat_map(|list| list.split([',', ' ']))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Placeables that cannot resolve: terms the catalog does not define, other messages that do
/// not exist, and variables (a build passes none, so they would print as errors).
fn reference_problems(
    body: &str,
    terms: &BTreeSet<&str>,
    messages: &BTreeSet<&str>,
) -> Vec<(&'static str, String)> {
    let Ok(resource) = fluent_syntax::parser::parse(body) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for entry in &resource.body {
        if let ast::Entry::Message(message) = entry {
            let patterns = message
                .value
                .iter()
                .chain(message.attributes.iter().map(|a| &a.value));
            for pattern in patterns {
                walk_pattern(pattern, &mut |expression| {
                    match expression {
                    ast::InlineExpression::TermReference { id, .. } if !terms.contains(id.name) => {
                        problems.push(("unknown-term", format!("term `-{}` is not defined in this catalog", id.name)));
                    }
                    ast::InlineExpression::MessageReference { id, .. } if !messages.contains(id.name) => {
                        problems.push(("placeables", format!("message `{}` referenced here does not exist", id.name)));
                    }
                    ast::InlineExpression::VariableReference { id } => problems.push((
                        "placeables",
                        format!("variable `${}` is not in the source and nothing supplies it at build time", id.name),
                    )),
                    _ => {}
                }
                });
            }
        }
    }
    problems
}

fn walk_pattern<'s>(
    pattern: &ast::Pattern<&'s str>,
    visit: &mut impl FnMut(&ast::InlineExpression<&'s str>),
) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            walk_expression(expression, visit);
        }
    }
}

fn walk_expression<'s>(
    expression: &ast::Expression<&'s str>,
    visit: &mut impl FnMut(&ast::InlineExpression<&'s str>),
) {
    match expression {
        ast::Expression::Inline(inline) => walk_inline(inline, visit),
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, visit);
            for variant in variants {
                walk_pattern(&variant.value, visit);
            }
        }
    }
}

fn walk_inline<'s>(
    inline: &ast::InlineExpression<&'s str>,
    visit: &mut impl FnMut(&ast::InlineExpression<&'s str>),
) {
    visit(inline);
    if let ast::InlineExpression::Placeable { expression } = inline {
        walk_expression(expression, visit);
    }
}

type Problem = (&'static str, Severity, String);

/// Finds the addresses of one kind in a text.
type Extractor = fn(&str) -> Vec<String>;

/// Compares a translation with the unit's source texts.
fn compare(unit: &Unit, translation: &str, target: &Locale) -> Vec<Problem> {
    let sources: Vec<(&Locale, &str)> = unit.texts.iter().map(|(l, t)| (l, t.as_str())).collect();
    let mut problems = Vec::new();
    if translation.trim().is_empty() {
        problems.push((
            "empty",
            Severity::Error,
            String::from("the translation is empty"),
        ));
        return problems;
    }
    let padded = |t: &str| (t.len() - t.trim_start().len(), t.len() - t.trim_end().len());
    if translation != translation.trim()
        && sources
            .iter()
            .all(|(_, s)| padded(s) != padded(translation))
    {
        problems.push((
            "whitespace",
            Severity::Warning,
            String::from("leading or trailing whitespace the source does not have"),
        ));
    }
    for (locale, source) in &sources {
        if translation == *source && locale.language() != target.language() && has_words(source) {
            problems.push((
                "untranslated",
                Severity::Warning,
                format!("identical to the {locale} source"),
            ));
        }
    }
    problems.extend(source_script(&sources, translation, target));
    let checks: [(&'static str, Extractor, &str); 3] = [
        ("urls", urls, "URL"),
        ("emails", emails, "e-mail address"),
        ("phones", phones, "phone number"),
    ];
    for (check, extract, what) in checks {
        let found: BTreeSet<String> = extract(translation).into_iter().collect();
        let mismatch = |source: &str| {
            let expected: BTreeSet<String> = extract(source).into_iter().collect();
            let missing: Vec<&String> = expected.difference(&found).collect();
            let extra: Vec<&String> = found.difference(&expected).collect();
            (!missing.is_empty() || !extra.is_empty()).then(|| describe(what, &missing, &extra))
        };
        if let Some(message) = first_disagreement(&sources, mismatch) {
            problems.push((check, Severity::Error, message));
        }
    }
    let found = numbers::extract(translation);
    let number_mismatch =
        |source: &str| numbers::compare(&numbers::extract(source), &found, source);
    if let Some(message) = first_disagreement(&sources, number_mismatch) {
        problems.push(("numbers", Severity::Error, message));
    }
    if sources.iter().all(|(_, s)| brackets_balanced(s)) && !brackets_balanced(translation) {
        problems.push((
            "brackets",
            Severity::Warning,
            String::from("unbalanced brackets"),
        ));
    }
    if sources.iter().all(|(_, s)| quotes_balanced(s)) && !quotes_balanced(translation) {
        problems.push((
            "quotes",
            Severity::Warning,
            String::from("unbalanced quotation marks"),
        ));
    }
    problems
}

/// Text left in a source's script: Japanese (kana, or kanji in a language not written with
/// them) inside a translation, unless that source wrote the same characters too (a name in
/// the English release); and a whole English sentence copied into another language's
/// translation. `check --format json` names the check `source-script`.
fn source_script(sources: &[(&Locale, &str)], translation: &str, target: &Locale) -> Vec<Problem> {
    let mut problems = Vec::new();
    let han_language = matches!(target.language(), "ja" | "zh" | "yue");
    let foreign = |c: char| {
        let scripts = Scripts::of(c.encode_utf8(&mut [0; 4]));
        scripts.kana > 0 || (scripts.han > 0 && !han_language)
    };
    if target.language() != "ja" {
        let run: String = translation
            .chars()
            .skip_while(|&c| !foreign(c))
            .take_while(|&c| foreign(c) || matches!(c, '、' | '・' | 'ー'))
            .collect();
        let in_sources = sources
            .iter()
            .any(|(l, s)| l.language() != "ja" && s.contains(run.as_str()));
        if !run.is_empty() && !in_sources {
            let shown: String = run.chars().take(20).collect();
            problems.push((
                "source-script",
                Severity::Error,
                format!("Japanese text left in the {target} translation: «{shown}»"),
            ));
        }
    }
    for (locale, source) in sources {
        if locale.language() == target.language()
            || Scripts::of(source)
                .guess()
                .is_none_or(|g| g.language() != "und")
        {
            continue;
        }
        let copied = source
            .split_inclusive(['.', '!', '?', ';'])
            .map(str::trim)
            .filter(|sentence| sentence.split_whitespace().count() >= 6)
            .find(|sentence| translation.contains(sentence) && translation != *source);
        if let Some(sentence) = copied {
            let shown: String = sentence.chars().take(60).collect();
            problems.push((
                "source-script",
                Severity::Warning,
                format!("a {locale} sentence copied untranslated: «{shown}»"),
            ));
        }
    }
    problems
}

/// The disagreement with the first source, unless the translation agrees with some source.
fn first_disagreement(
    sources: &[(&Locale, &str)],
    disagreement: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    let mut first = None;
    for (locale, source) in sources {
        match disagreement(source) {
            None => return None,
            Some(message) => {
                first.get_or_insert_with(|| {
                    format!("{message} (compared with the {locale} source)")
                });
            }
        }
    }
    first
}

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

/// Whether a text has something to translate (not only a name, a number or a URL).
fn has_words(text: &str) -> bool {
    let stripped: String = urls(text)
        .iter()
        .fold(text.to_owned(), |t, url| t.replace(url.as_str(), " "));
    let words = stripped
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    let unspaced = stripped
        .chars()
        .filter(|c| c.is_alphabetic() && !c.is_ascii())
        .count();
    words >= 2 || unspaced >= 4
}

const BRACKETS: [(char, char); 7] = [
    ('(', ')'),
    ('（', '）'),
    ('[', ']'),
    ('「', '」'),
    ('『', '』'),
    ('【', '】'),
    ('〔', '〕'),
];

fn pairs_balanced(text: &str, pairs: &[(char, char)]) -> bool {
    pairs.iter().all(|&(open, close)| {
        let mut depth = 0i64;
        for c in text.chars() {
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
        }
        depth == 0
    })
}

fn brackets_balanced(text: &str) -> bool {
    pairs_balanced(text, &BRACKETS)
}

/// Straight double quotes come in pairs; curly and angle quotes open and close.
fn quotes_balanced(text: &str) -> bool {
    text.chars().filter(|&c| c == '"').count() % 2 == 0
        && pairs_balanced(text, &[('“', '”'), ('«', '»')])
}

/// Characters that end a URL or an address written in running text.
fn ends_token(c: char) -> bool {
    c.is_whitespace() || "\"'<>()[]{}「」『』（）、。，,；;".contains(c)
}

/// `http(s)://…` URLs, without the punctuation of the sentence around them.
pub fn urls(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest
        .find("http://")
        .into_iter()
        .chain(rest.find("https://"))
        .min()
    {
        let tail = &rest[at..];
        let end = tail.find(ends_token).unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ':', '!', '?']);
        found.push(url.to_owned());
        rest = &tail[end.max(1)..];
    }
    found
}

/// E-mail addresses, lowercased (their domain is case-insensitive, and so is every real mailbox).
pub fn emails(text: &str) -> Vec<String> {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let start = text[..at].rfind(|c| !local(c)).map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
        let after = &text[at + 1..];
        let end = after.find(|c| !domain(c)).unwrap_or(after.len());
        let host = after[..end].trim_end_matches(['.', '-']);
        if start < at && host.contains('.') {
            found.push(format!("{}@{host}", &text[start..at]).to_lowercase());
        }
    }
    found
}

/// Phone numbers in national form (`+81 3-…` → `03…`), as [`figures::phone`] reads them,
/// with the char ranges they take in the width-folded text.
fn phone_spans(folded: &[char]) -> Vec<(String, std::ops::Range<usize>)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < folded.len() {
        let after_word = i > 0 && folded[i - 1].is_ascii_alphanumeric();
        match figures::phone(folded, i).filter(|_| !after_word) {
            Some((national, end)) => {
                found.push((national, i..end));
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// Phone numbers as their digits, in national form (`+81 3-…` → `03…`).
pub fn phones(text: &str) -> Vec<String> {
    let folded: Vec<char> = figures::fold_width(text).chars().collect();
    phone_spans(&folded)
        .into_iter()
        .map(|(national, _)| national)
        .collect()
}

pub(crate) mod numbers {
    //! Numbers as values, whatever the writing: `３件` and `3 cases`, `5,253` and `5 253`,
    //! `令和2年` and `2020`, `午後4時`, `4:00 p.m.` and `16 h`, `5月1日` and `May 1`. The
    //! figures themselves (amounts, era years, month names, phone numbers) are read by
    //! [`crate::figures`], as every other stage reads them; times of day are read here.

    use std::collections::BTreeSet;

    use crate::figures::{self, Decimal};

    /// A number, or a time of day in minutes (`ambiguous` when written without a.m./p.m. and
    /// 12 or less, so it may mean either half of the day).
    #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
    pub enum Token {
        Number(Decimal),
        Time { minutes: u32, ambiguous: bool },
    }

    impl Token {
        pub fn shown(&self) -> String {
            match self {
                Token::Number(n) => n.to_string(),
                Token::Time { minutes, .. } => format!("{}:{:02}", minutes / 60, minutes % 60),
            }
        }

        fn small(&self) -> bool {
            matches!(self, Token::Number(n) if n.small_integer().is_some_and(|v| v <= 10))
        }

        fn number(value: u32) -> Token {
            Token::Number(Decimal::integer(u128::from(value)))
        }
    }

    fn same(a: &Token, b: &Token) -> bool {
        match (a, b) {
            (
                Token::Time {
                    minutes: x,
                    ambiguous: ax,
                },
                Token::Time {
                    minutes: y,
                    ambiguous: ay,
                },
            ) => x == y || (*ax && x + 720 == *y) || (*ay && y + 720 == *x),
            _ => a == b,
        }
    }

    /// Text with URLs, e-mail addresses and phone numbers blanked out: they are checked
    /// whole. Width-folded, one char for one char.
    fn without_addresses(text: &str) -> Vec<char> {
        let mut text = figures::fold_width(text);
        for found in super::urls(&text).into_iter().chain(super::emails(&text)) {
            text = text.replace(&found, " ");
        }
        let mut chars: Vec<char> = text.chars().collect();
        for (_, span) in super::phone_spans(&chars) {
            chars[span].fill(' ');
        }
        chars
    }

    /// The numbers and times of a text.
    pub fn extract(text: &str) -> BTreeSet<Token> {
        let chars = without_addresses(text);
        let at = |i: usize, s: &str| {
            s.chars()
                .enumerate()
                .all(|(k, c)| chars.get(i + k) == Some(&c))
        };
        let mut tokens = BTreeSet::new();
        let mut i = 0;
        while i < chars.len() {
            if let Some((year, read)) = figures::era_year(&chars[i..]) {
                tokens.insert(Token::number(year));
                i += read;
                continue;
            }
            // 午前/午後 in Japanese, 上午/下午 in Chinese.
            let meridiem = if at(i, "午前") || at(i, "上午") {
                Some(0)
            } else if at(i, "午後") || at(i, "下午") {
                Some(12)
            } else {
                None
            };
            if let Some(offset) = meridiem {
                let (hour, after) = read_plain(&chars, i + 2);
                if let (Some(hour), Some('時' | '时' | '点')) = (hour, chars.get(after)) {
                    let (minutes, end) = japanese_minutes(&chars, after + 1);
                    tokens.insert(Token::Time {
                        minutes: (hour % 12 + offset) * 60 + minutes,
                        ambiguous: false,
                    });
                    i = end;
                    continue;
                }
            }
            // Digits after letters count too: `G20`, `5G`, `COVID-19`.
            if chars[i].is_ascii_digit() {
                let (token, end) = read_number(&chars, i);
                tokens.extend(token);
                i = end.max(i + 1);
                continue;
            }
            if chars[i].is_alphabetic() && (i == 0 || !chars[i - 1].is_alphabetic()) {
                let end = (i..chars.len())
                    .find(|&k| !chars[k].is_alphabetic())
                    .unwrap_or(chars.len());
                let word: String = chars[i..end].iter().collect();
                let near_number = chars.get(end + 1).is_some_and(char::is_ascii_digit)
                    || (i >= 2 && chars[i - 2].is_ascii_digit());
                if let Some(month) = figures::month(&word).filter(|_| near_number) {
                    tokens.insert(Token::number(month));
                }
                i = end;
                continue;
            }
            i += 1;
        }
        tokens
    }

    /// Digits only (an hour, minutes).
    fn read_plain(chars: &[char], start: usize) -> (Option<u32>, usize) {
        let end = (start..chars.len())
            .find(|&k| !chars[k].is_ascii_digit())
            .unwrap_or(chars.len());
        let digits: String = chars[start.min(end)..end].iter().collect();
        (digits.parse().ok(), end)
    }

    /// `30分` or `半` after `時`.
    fn japanese_minutes(chars: &[char], start: usize) -> (u32, usize) {
        if chars.get(start) == Some(&'半') {
            return (30, start + 1);
        }
        let (minutes, end) = read_plain(chars, start);
        match (minutes, chars.get(end)) {
            (Some(m), Some('分')) => (m, end + 1),
            _ => (0, start),
        }
    }

    /// A time written with a number (16:00, 4:00 p.m., 16 h, 16h30, 4 p.m., 16時), or else
    /// the amount [`figures::amount`] reads there.
    fn read_number(chars: &[char], start: usize) -> (Option<Token>, usize) {
        let digits_end = |from: usize| {
            (from..chars.len())
                .find(|&k| !chars[k].is_ascii_digit())
                .unwrap_or(chars.len())
        };
        let (integer, end) = figures::integer_digits(chars, start);
        let hour: Option<u32> = integer.parse().ok().filter(|&h| h <= 24);
        if let Some(hour) = hour {
            if chars.get(end) == Some(&':') && digits_end(end + 1) == end + 3 {
                let minutes: u32 = chars[end + 1..end + 3]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0);
                let (offset, after) = meridiem(chars, end + 3);
                return (Some(time(hour, minutes, offset)), after);
            }
            let (offset, after) = meridiem(chars, end);
            if offset.is_some() {
                return (Some(time(hour, 0, offset)), after);
            }
            let mut k = end;
            while chars.get(k) == Some(&' ') || chars.get(k) == Some(&'\u{a0}') {
                k += 1;
            }
            if chars.get(k) == Some(&'h') && !chars.get(k + 1).is_some_and(|c| c.is_alphabetic()) {
                let m_end = digits_end(k + 1);
                let minutes = chars[k + 1..m_end]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0);
                return (
                    Some(Token::Time {
                        minutes: hour * 60 + minutes,
                        ambiguous: false,
                    }),
                    m_end,
                );
            }
            if matches!(chars.get(end), Some('時' | '时')) {
                let (minutes, after) = japanese_minutes(chars, end + 1);
                return (
                    Some(Token::Time {
                        minutes: hour * 60 + minutes,
                        ambiguous: false,
                    }),
                    after,
                );
            }
        }
        match figures::amount(chars, start) {
            Some((value, end)) => (Some(Token::Number(value)), end),
            None => (None, end),
        }
    }

    fn time(hour: u32, minutes: u32, offset: Option<u32>) -> Token {
        match offset {
            Some(offset) => Token::Time {
                minutes: (hour % 12 + offset) * 60 + minutes,
                ambiguous: false,
            },
            None => Token::Time {
                minutes: hour * 60 + minutes,
                ambiguous: hour <= 12,
            },
        }
    }

    /// ` a.m.` / ` p.m.` / `am` / `pm` after a number: the hour offset and where it ends.
    fn meridiem(chars: &[char], start: usize) -> (Option<u32>, usize) {
        let mut k = start;
        while chars.get(k) == Some(&' ') || chars.get(k) == Some(&'\u{a0}') {
            k += 1;
        }
        let rest: String = chars[k.min(chars.len())..chars.len().min(k + 4)]
            .iter()
            .collect::<String>()
            .to_lowercase();
        for (spelled, offset) in [("a.m.", 0), ("p.m.", 12), ("am", 0), ("pm", 12)] {
            let boundary = chars
                .get(k + spelled.chars().count())
                .is_none_or(|c| !c.is_alphanumeric());
            if rest.starts_with(spelled) && boundary {
                return (Some(offset), k + spelled.chars().count());
            }
        }
        (None, start)
    }

    /// Kanji numerals stand for small numbers a translation may write in digits.
    fn kanji_numerals(source: &str) -> BTreeSet<Token> {
        "〇一二三四五六七八九十"
            .chars()
            .enumerate()
            .filter(|(_, c)| source.contains(*c))
            .map(|(n, _)| Token::number(n as u32))
            .collect()
    }

    /// What the translation gets wrong against one source, if anything. Small numbers (up to
    /// ten) may be missing, since translations spell them out.
    pub fn compare(
        expected: &BTreeSet<Token>,
        found: &BTreeSet<Token>,
        source: &str,
    ) -> Option<String> {
        let kanji = kanji_numerals(source);
        let missing: Vec<String> = expected
            .iter()
            .filter(|e| !e.small() && !found.iter().any(|f| same(e, f)))
            .map(Token::shown)
            .collect();
        let extra: Vec<String> = found
            .iter()
            .filter(|f| !expected.iter().chain(&kanji).any(|e| same(e, f)))
            .map(Token::shown)
            .collect();
        if missing.is_empty() && extra.is_empty() {
            return None;
        }
        let missing: Vec<&String> = missing.iter().collect();
        let extra: Vec<&String> = extra.iter().collect();
        Some(super::describe("numbers", &missing, &extra))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn agree(a: &str, b: &str) -> bool {
            compare(&extract(a), &extract(b), a).is_none()
        }

        #[test]
        fn equivalent_writings_agree() {
            assert!(agree("令和2年5月1日", "May 1, 2020"));
            assert!(agree("令和2年", "2020"));
            assert!(agree("令和元年", "2019"));
            assert!(agree("平成31年", "2019"));
            assert!(agree("大正15年", "1926"));
            assert!(agree("昭和元年", "1926"));
            assert!(agree("5 253件", "5,253 cases"));
            assert!(agree("電話 03(5253)5920", "Tel: +81-3-5253-5920"));
            assert!(agree("午後4時から", "from 4:00 p.m."));
            assert!(agree("午後4時から", "à 16 h"));
            assert!(agree("4:00 p.m.", "16:00"));
            assert!(agree("午前10時30分", "10:30 a.m."));
            assert!(agree("３件", "3 cases"));
            assert!(agree("5,253件", "5253 cases"));
            assert!(agree("5,253 cases", "5 253 cas"));
            assert!(agree("1.5%", "1,5 %"));
            assert!(agree("3万人", "30,000 people"));
            assert!(agree("約2万1,000件", "environ 21 000 cas"));
            assert!(agree("約2万1,000件", "约2万1,000件"));
            assert!(agree("750億円", "750亿日元"));
            assert!(agree("750億円", "75 milliards de yens"));
            assert!(agree("午後5時まで", "下午5时前"));
            assert!(agree("午後5時まで", "jusqu'à 17 h"));
            assert!(!agree("午後5時まで", "下午6时前"));
            assert!(agree("1.2 billion yen", "12億円"));
            assert!(agree(
                "第5世代移動通信システム（5G）",
                "fifth-generation mobile communications (5G)"
            ));
            assert!(agree("Tel: 03-5253-5111", "Tél. : +81 3-5253-5111"));
        }

        #[test]
        fn wrong_numbers_disagree() {
            assert!(!agree("令和2年", "2021"));
            assert!(!agree("午後4時", "4:00 a.m."));
            assert!(!agree("5,253件", "5,235 cases"));
            assert!(!agree("May 1, 2020", "2 mai 2020"));
            assert!(!agree("30 participants", "300 participants"));
            assert!(!agree("1.5%", "15 %"));
        }

        #[test]
        fn times_and_months_are_tokens() {
            assert_eq!(
                extract("16 h"),
                BTreeSet::from([Token::Time {
                    minutes: 960,
                    ambiguous: false
                }])
            );
            assert_eq!(extract("5 hours"), BTreeSet::from([Token::number(5)]));
            assert_eq!(extract("le 1er mai 2020").len(), 3);
            assert_eq!(
                extract("mai 2020"),
                BTreeSet::from([Token::number(5), Token::number(2020)])
            );
            assert_eq!(extract("you may use it"), BTreeSet::new());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_extracted_whole() {
        assert_eq!(
            urls("See https://www.soumu.go.jp/a.html."),
            ["https://www.soumu.go.jp/a.html"]
        );
        assert_eq!(urls("（https://example.jp/x）。"), ["https://example.jp/x"]);
        assert_eq!(emails("Mail: Info@Example.go.jp."), ["info@example.go.jp"]);
        assert_eq!(phones("TEL: 03-5253-5111"), ["0352535111"]);
        assert_eq!(phones("+81-3-5253-5111"), ["0352535111"]);
        assert!(phones("2020-2021").is_empty());
    }

    #[test]
    fn balance() {
        assert!(brackets_balanced("a (b) 「c」"));
        assert!(!brackets_balanced("a (b"));
        assert!(!brackets_balanced(") a ("));
        assert!(quotes_balanced("\"a\" « b »"));
        assert!(!quotes_balanced("\"a"));
    }

    #[test]
    fn ignore_comments() {
        assert_eq!(
            ignored_checks(Some("# note\n# honyaku-ignore: numbers, urls\n")),
            ["numbers", "urls"]
        );
        assert!(ignored_checks(None).is_empty());
    }
}
