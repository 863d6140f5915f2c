//! The neutral unit every exchange format is written from and read into: one translation
//! entry of one document, with its sources, state, previous sources, the translator's notes
//! and the fingerprints of the sources it was exported with. Reading it from the catalogs
//! lives here too (`read_document`), so that plugging in the ledger's entry model is one
//! function.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::{FluentBundle, FluentResource};

use crate::catalog::ftl::{EntryKind, FtlFile};
use crate::catalog::notes::{self, Note};
use crate::fingerprint::Fingerprint;
use crate::locale::Locale;

use super::lite;

/// A translation's state as exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum State {
    Translated,
    /// The source changed since the translation was made: it needs review.
    Stale,
    Missing,
}

/// One source text of a unit: the locale, the text and its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceText {
    pub locale: String,
    pub text: String,
    pub fingerprint: Fingerprint,
}

impl SourceText {
    pub fn new(locale: &str, text: &str) -> SourceText {
        SourceText {
            locale: locale.to_owned(),
            text: text.to_owned(),
            fingerprint: Fingerprint::of(locale, text),
        }
    }
}

/// A source text a stale translation was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Previous {
    pub locale: String,
    pub text: String,
}

/// One translation entry as it leaves honyaku.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    pub document: String,
    pub id: String,
    /// Current source texts, original first; a unit present in one language only has one.
    pub sources: Vec<SourceText>,
    /// The translation as people read it (the resolved value, never Fluent syntax).
    pub target: Option<String>,
    pub state: State,
    /// For a stale unit: the source texts that changed, as the translation was made from.
    pub previous: Vec<Previous>,
    /// The inline change from previous to current source per locale, for people.
    pub changes: Vec<Previous>,
    /// The translator's own comment lines, without the leading `# `.
    pub comments: Vec<String>,
}

impl Unit {
    /// The source in `from`, or the unit's first source when it has no text in `from`.
    pub fn source(&self, from: &str) -> &SourceText {
        self.sources
            .iter()
            .find(|s| s.locale == from)
            .unwrap_or(&self.sources[0])
    }

    /// The source text in `locale` the translation was made from: the previous text where
    /// that source changed since, else the current one. `previous` lists only the sources
    /// that changed, so a unit stale through the other language alone (changed, or its text
    /// gone) was made from the current text in this one.
    pub fn made_from(&self, locale: &str) -> Option<&str> {
        self.previous
            .iter()
            .find(|p| p.locale == locale)
            .map(|p| p.text.as_str())
            .or_else(|| {
                self.sources
                    .iter()
                    .find(|s| s.locale == locale)
                    .map(|s| s.text.as_str())
            })
    }
}

/// One unit as read back from an exchange file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Incoming {
    pub document: String,
    pub id: String,
    /// The source texts the unit was exported with (the source and the notes naming a
    /// source locale), with the fingerprints recorded at export.
    pub exported: Vec<Exported>,
    pub target: Option<String>,
    /// Marked as needing review (stale, fuzzy) in the file.
    pub needs_review: bool,
    /// Previous sources carried by the file (`#| msgid`, "was" notes).
    pub previous: Vec<Previous>,
    /// The fingerprint of the translation the unit was exported with ([`target_fingerprint`];
    /// `None` in files written before honyaku recorded it): whether the catalog's
    /// translation changed while the file was out.
    pub exported_target: Option<Fingerprint>,
    /// Why the unit's text could not be read (markup a catalog cannot hold, a translation of
    /// part of its segments): it is skipped, the rest of its file imported.
    pub unreadable: Option<Unreadable>,
    /// Where the unit starts in the file.
    pub line: usize,
    pub column: usize,
}

/// Why an incoming unit cannot be imported, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unreadable {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

/// A source text as recorded in an exchange file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Exported {
    pub locale: String,
    pub fingerprint: Option<Fingerprint>,
    pub text: Option<String>,
}

/// Header data of an exchange file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Languages {
    /// The locale the units' sources are in.
    pub source: String,
    pub target: String,
}

/// Formats the fingerprints of a unit's sources as `ja=0123456789abcdef en=…`.
pub(crate) fn fingerprints_attr(sources: &[SourceText]) -> String {
    let parts: Vec<String> = sources
        .iter()
        .map(|s| format!("{}={}", s.locale, s.fingerprint))
        .collect();
    parts.join(" ")
}

/// The fingerprint of a unit's translation as exported (of the empty text when it has none),
/// which exports carry so that an import can tell a catalog edited while the file was out.
pub(crate) fn target_fingerprint(target: Option<&str>) -> Fingerprint {
    Fingerprint::of("translation", target.unwrap_or_default())
}

/// Reads `ja=… en=…` back; `None` if any part is malformed.
pub(crate) fn parse_fingerprints(text: &str) -> Option<Vec<(String, Fingerprint)>> {
    text.split_whitespace()
        .map(|part| {
            let (locale, fp) = part.split_once('=')?;
            Some((locale.to_owned(), Fingerprint::parse(fp)?))
        })
        .collect()
}

/// Merges the fingerprints and texts found for each locale into [`Exported`] records.
pub(crate) fn exported(
    fingerprints: &[(String, Fingerprint)],
    texts: &[(String, String)],
) -> Vec<Exported> {
    let mut out: Vec<Exported> = fingerprints
        .iter()
        .map(|(locale, fp)| Exported {
            locale: locale.clone(),
            fingerprint: Some(*fp),
            text: None,
        })
        .collect();
    for (locale, text) in texts {
        match out.iter_mut().find(|e| &e.locale == locale) {
            Some(e) => e.text = Some(text.clone()),
            None => out.push(Exported {
                locale: locale.clone(),
                fingerprint: None,
                text: Some(text.clone()),
            }),
        }
    }
    out
}

/// The messages of a source catalog: id → text, in file order.
pub(crate) fn source_texts(file: &FtlFile) -> Vec<(String, String)> {
    file.entries
        .iter()
        .filter_map(|e| match &e.kind {
            EntryKind::Message {
                id,
                value: Some(value),
                ..
            } => Some((id.clone(), value.clone())),
            _ => None,
        })
        .collect()
}

/// Where a unit stands in a target catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Located {
    /// Index into the catalog's entries.
    pub entry: usize,
}

/// What a target catalog says about one id, read from honyaku's comment lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntryView {
    pub at: Located,
    /// A message (else a placeholder: `# id =`, or a translation commented out).
    pub is_message: bool,
    pub target: Option<String>,
    pub stale: bool,
    /// A message whose value is not plain text (a term reference, `{ -brand }`): `target`
    /// is its formatted text, and a new text replaces its placeables.
    pub placeables: bool,
    /// `# was <locale>:` texts.
    pub was: Vec<Previous>,
    /// The translator's lines, without `# `.
    pub comments: Vec<String>,
}

/// Reads every entry of a target catalog that stands for one of `known` ids: messages (with
/// their value resolved through fluent-bundle when it uses terms) and placeholders.
pub(crate) fn read_target(
    file: &FtlFile,
    locale: &Locale,
    source_tags: &[&str],
    known: &BTreeSet<&str>,
) -> BTreeMap<String, EntryView> {
    let mut bundle = None;
    (0..file.entries.len())
        .filter_map(|index| view_entry(file, index, locale, source_tags, &mut bundle))
        .filter(|(id, _)| known.contains(id.as_str()))
        .collect()
}

/// [`read_target`] of a catalog's text, read by lines without building its entries
/// ([`lite::entry_refs`]): `None` when the text does not have the plain shape (then it must
/// be parsed). The same views as [`read_target`] of the parsed file: a plain catalog's
/// values are text, so nothing needs resolving.
pub(crate) fn read_target_text(
    text: &str,
    source_tags: &[&str],
    known: &BTreeSet<&str>,
) -> Option<BTreeMap<String, EntryView>> {
    let refs = lite::entry_refs(text)?;
    Some(
        refs.into_iter()
            .filter_map(|entry| view_of(entry, source_tags, |_| None))
            .filter(|(id, _)| known.contains(id.as_str()))
            .collect(),
    )
}

/// What entry `index` of a target catalog says, if it is a message or a placeholder.
/// `bundle` caches the resolver for values that use terms.
pub(crate) fn view_entry(
    file: &FtlFile,
    index: usize,
    locale: &Locale,
    source_tags: &[&str],
    bundle: &mut Option<FluentBundle<FluentResource>>,
) -> Option<(String, EntryView)> {
    let entry = lite::EntryRef::of(file, index)?;
    view_of(entry, source_tags, |id| {
        let bundle = bundle.get_or_insert_with(|| resolver(file, locale));
        let pattern = bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, None, &mut errors);
        errors.is_empty().then(|| text.into_owned())
    })
}

/// What one entry of a target catalog says, if it is a message or a placeholder; `resolve`
/// gives the text of a message whose value is not plain text.
fn view_of(
    entry: lite::EntryRef<'_>,
    source_tags: &[&str],
    resolve: impl FnOnce(&str) -> Option<String>,
) -> Option<(String, EntryView)> {
    let (id, comment, value, is_message) = match entry.kind {
        lite::EntryRefKind::Message { id, comment, value } => {
            (id.to_owned(), comment, value.map(str::to_owned), true)
        }
        lite::EntryRefKind::Comment { level: 1, raw } => {
            let last = raw.lines().last().unwrap_or_default();
            match notes::classify(last, source_tags) {
                Note::Placeholder { id } | Note::CommentedTranslation { id, .. } => {
                    (id, Some(raw), None, false)
                }
                _ => return None,
            }
        }
        lite::EntryRefKind::Comment { .. } => return None,
    };
    let mut view = EntryView {
        at: Located { entry: entry.index },
        is_message,
        target: None,
        stale: false,
        placeables: false,
        was: Vec::new(),
        comments: Vec::new(),
    };
    let lines: Vec<&str> = comment.unwrap_or_default().lines().collect();
    // A placeholder's own line is not a comment.
    let own = if is_message {
        lines.len()
    } else {
        lines.len().saturating_sub(1)
    };
    for line in &lines[..own] {
        match notes::classify(line, source_tags) {
            Note::Stale => view.stale = true,
            Note::Was { locale, text } => view.was.push(Previous { locale, text }),
            Note::Foreign(line) | Note::CommentedTranslation { line, .. } => {
                let text = line.strip_prefix('#').unwrap_or(&line);
                view.comments
                    .push(text.strip_prefix(' ').unwrap_or(text).to_owned());
            }
            _ => {}
        }
    }
    view.stale &= is_message && !view.was.is_empty();
    if is_message {
        view.placeables = value.is_none();
        view.target = value.or_else(|| resolve(&id));
    }
    Some((id, view))
}

/// A bundle over the whole catalog, so that terms resolve; bidi isolation off (plain text).
fn resolver(file: &FtlFile, locale: &Locale) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new(vec![locale.langid().clone()]);
    bundle.set_use_isolating(false);
    let resource = match FluentResource::try_new(file.to_string()) {
        Ok(resource) | Err((resource, _)) => resource,
    };
    // The catalog parsed without errors or duplicates, so adding it cannot clash.
    let _ = bundle.add_resource(resource);
    bundle
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_round_trip() {
        let sources = vec![SourceText::new("ja", "日時"), SourceText::new("en", "Date")];
        let attr = fingerprints_attr(&sources);
        let parsed = parse_fingerprints(&attr).unwrap_or_default();
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[0], ("ja".to_owned(), sources[0].fingerprint));
        assert_eq!(parse_fingerprints("ja=xyz"), None);
    }

    /// A target catalog read by lines says about each unit what the parsed catalog says.
    #[test]
    fn target_catalogs_read_by_lines_read_as_parsed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let locale: Locale = "fr".parse().expect("a locale");
        let tags = ["ja", "en"];
        let mut read_by_lines = 0;
        for file in std::fs::read_dir(root.join("fr"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let text = std::fs::read_to_string(file.path()).unwrap_or_default();
            let Ok(parsed) = crate::catalog::ftl::parse(&text) else {
                // Not plain either (the plain shape always parses).
                assert_eq!(read_target_text(&text, &tags, &BTreeSet::new()), None);
                continue;
            };
            let ids: Vec<String> = (0..parsed.entries.len())
                .filter_map(|i| view_entry(&parsed, i, &locale, &tags, &mut None))
                .map(|(id, _)| id)
                .collect();
            let known: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
            if let Some(views) = read_target_text(&text, &tags, &known) {
                read_by_lines += 1;
                assert_eq!(views, read_target(&parsed, &locale, &tags, &known));
            }
        }
        assert!(read_by_lines > 0, "no shipped fr catalog read by lines");
        // Stale entries, placeholders and the translator's comments, read both ways.
        let text = "\
### honyaku: fr translation of \"doc\"; sources: ja, en.

# ja: 日時
# en: Date and time
# a translator's note
date-time = Date et heure

# stale: the source changed; revise the translation, then delete this line and the \"was\" and \"change\" lines
# was ja: 概略
# ja: 概要
# change ja: 概[-略-]{+要+}
# en: Overview
overview = Aperçu

# ja: 会場
# en: Venue
# venue =
";
        let parsed = crate::catalog::ftl::parse(text).expect("parses");
        let known = BTreeSet::from(["date-time", "overview", "venue"]);
        let views = read_target_text(text, &tags, &known).expect("the plain shape");
        assert_eq!(views, read_target(&parsed, &locale, &tags, &known));
        assert_eq!(views.len(), 3);
        assert!(views["overview"].stale);
        assert!(!views["venue"].is_message);
        assert_eq!(views["date-time"].comments, ["a translator's note"]);
    }
}
