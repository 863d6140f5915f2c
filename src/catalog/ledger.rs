//! The ledger: the committed record of which source each translation was made from, so that
//! a stale mark survives any tool that drops or rewrites comments.
//!
//! One file per translation catalog, beside it: `locales/<locale>/<doc>.ledger`. It is
//! written by `honyaku sync` only, line-oriented and sorted by message id, so that git merges
//! two branches' ledgers line by line. Per translated message one line, fields separated by
//! tabs (shown here as `⇥`):
//!
//! ```text
//! overview-2⇥v=3f0c…⇥ja=9a41…⇥en=07be…⇥was ja=前年度の結果です。
//! ```
//!
//! - `v=`: a digest of the translation's value (normalised by Fluent's serializer, so another
//!   tool's layout does not change it) when the translation was last current;
//! - `<tag>=`: the [`Fingerprint`] of each source text the translation was made from;
//! - `was <tag>=`: for a stale translation, the text of each source that changed since (so
//!   the `# was ja:` lines can be restored), escaped like honyaku's comment lines;
//! - `review`: the translation is stale although its sources did not change: a translator's
//!   tool marked it as needing review (`honyaku import` of a fuzzy or needs-review unit). Its
//!   `was <tag>=` fields then hold the current text (the source it was exported with).
//!
//! A translation is stale when a recorded fingerprint differs from the current source's. Only
//! revising it (a new value with the stale mark deleted) or `honyaku sync --accept` makes the
//! ledger record the current sources again; see README, "What clears a stale mark".

use std::collections::BTreeMap;
use std::fmt::Write as _;

use fluent_syntax::{ast, parser, serializer};
use serde::{Deserialize, Serialize};

use crate::catalog::notes;
use crate::catalog::plan::Plan;
use crate::fingerprint::Fingerprint;
use crate::locale::Locale;

/// The first lines of every ledger.
const HEADER: &str = "# honyaku ledger: the sources each translation in the catalog beside it was made from.\n\
# Written by `honyaku sync`; do not edit (README: \"What clears a stale mark\").\n";

const VALUE_KEY: &str = "v=";
const WAS_PREFIX: &str = "was ";
const REVIEW_FIELD: &str = "review";

/// The ledger of one translation catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    pub records: BTreeMap<String, Record>,
}

/// What one translation was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The digest of the value ([`value_digest`]) when the translation was last current.
    pub value: Fingerprint,
    /// Per source locale tag: the fingerprint of the source text it was made from.
    pub basis: BTreeMap<String, Fingerprint>,
    /// For a stale translation, per source locale tag that changed: the text it was made from.
    pub previous: BTreeMap<String, String>,
    /// Stale although its sources are unchanged: marked as needing review by a translator's
    /// tool; `previous` holds, per locale marked so, the text it was exported with.
    pub review: bool,
}

impl Record {
    /// Whether the translation was stale when the ledger was written.
    pub fn is_stale(&self) -> bool {
        !self.previous.is_empty()
    }
}

/// A line of a ledger that honyaku cannot have written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerError {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
}

impl Ledger {
    /// Reads a ledger; a line ending in `\r\n` counts as one ending in `\n`.
    pub fn parse(text: &str) -> Result<Ledger, LedgerError> {
        let mut ledger = Ledger::default();
        // The tags already read as locales: a ledger names the same two or three on every
        // line, and parsing one is most of the cost of reading a line.
        let mut valid_tags: Vec<&str> = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let error = |column: usize, message: String| LedgerError {
                line: index + 1,
                column,
                message,
            };
            let mut fields = line.split('\t');
            let id = fields.next().unwrap_or_default();
            if !notes::is_identifier(id) {
                return Err(error(1, format!("`{id}` is not a message id")));
            }
            let mut value = None;
            let mut basis = BTreeMap::new();
            let mut previous = BTreeMap::new();
            let mut review = false;
            // Where the field starts, in bytes (counted in characters only for an error).
            let mut offset = id.len() + 1;
            for field in fields {
                let bad = |what: &str| {
                    let column = line[..offset].chars().count() + 1;
                    error(column, format!("{what} in field `{field}`"))
                };
                if field == REVIEW_FIELD {
                    review = true;
                } else if let Some(digest) = field.strip_prefix(VALUE_KEY) {
                    value = Some(Fingerprint::parse(digest).ok_or_else(|| bad("not a digest"))?);
                } else if let Some(rest) = field.strip_prefix(WAS_PREFIX) {
                    let (tag, text) = rest.split_once('=').ok_or_else(|| bad("no `=`"))?;
                    let text = notes::unescape(text).ok_or_else(|| bad("a bad escape"))?;
                    previous.insert(tag.to_owned(), text);
                } else {
                    let (tag, digest) = field.split_once('=').ok_or_else(|| bad("no `=`"))?;
                    if !valid_tags.contains(&tag) {
                        if tag.parse::<Locale>().is_err() {
                            return Err(bad("not a locale tag"));
                        }
                        valid_tags.push(tag);
                    }
                    let digest = Fingerprint::parse(digest).ok_or_else(|| bad("not a digest"))?;
                    basis.insert(tag.to_owned(), digest);
                }
                offset += field.len() + 1;
            }
            let record = Record {
                value: value.ok_or_else(|| error(1, format!("`{id}` has no `v=` field")))?,
                basis,
                previous,
                review,
            };
            if ledger.records.insert(id.to_owned(), record).is_some() {
                return Err(error(1, format!("`{id}` is listed twice")));
            }
        }
        Ok(ledger)
    }

    /// Writes the ledger: the header, then one line per id in id order, ending in `newline`
    /// (`"\n"`, or `"\r\n"` for a ledger that git checked out with CRLF endings).
    pub fn render(&self, newline: &str) -> String {
        let mut out = HEADER.replace('\n', newline);
        for (id, record) in &self.records {
            let _ = write!(out, "{id}\t{VALUE_KEY}{}", record.value);
            for (tag, fingerprint) in &record.basis {
                let _ = write!(out, "\t{tag}={fingerprint}");
            }
            if record.review {
                let _ = write!(out, "\t{REVIEW_FIELD}");
            }
            for (tag, text) in &record.previous {
                let _ = write!(out, "\t{WAS_PREFIX}{tag}={}", notes::escape(text));
            }
            out.push_str(newline);
        }
        out
    }
}

/// The digest of a translation: its message from `id =` on (attributes included), normalised
/// by Fluent's serializer, so that a tool writing the same message in another layout does
/// not change it, while any change to what the message says does.
pub fn value_digest(locale: &Locale, body: &str) -> Fingerprint {
    let normalised = match parser::parse(body) {
        Ok(resource) | Err((resource, _)) => {
            let body = resource
                .body
                .into_iter()
                .map(|entry| match entry {
                    ast::Entry::Message(message) => ast::Entry::Message(ast::Message {
                        comment: None,
                        ..message
                    }),
                    other => other,
                })
                .collect();
            serializer::serialize(&ast::Resource { body })
        }
    };
    Fingerprint::of(locale.tag(), &normalised)
}

/// How far a parallel source (the English release) is behind the original, by message id
/// in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceLag {
    /// The original's locale tag (`ja`).
    pub original: String,
    /// Messages whose original was added since the parallel source last matched it.
    pub added: Vec<String>,
    /// Messages whose original changed since the parallel source last matched it.
    pub changed: Vec<String>,
    /// Messages of the parallel source whose original was removed.
    pub extra: Vec<String>,
    /// The added and changed messages, in document order.
    pub behind: Vec<String>,
    /// Messages the parallel source caught up on in this sync: behind the original before it,
    /// its text revised to match the original as it now is (see `merge::CaughtUp`).
    #[serde(skip)]
    pub caught_up: Vec<String>,
}

impl SourceLag {
    /// Whether the parallel source matches the original everywhere.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.extra.is_empty()
    }
}

/// The ledger of a parallel source catalog, which tracks the English release as a translation
/// of the original: per message, the fingerprint of the original its text last matched (and a
/// digest of its own text, so a revision of it shows), and while the English is behind, the
/// original's text it matched (`was ja=`). A message whose parallel text changed is taken to
/// match the original as it is now, unless the original gained a figure since the English
/// matched it that the revised English still lacks (a revision that followed the original
/// only in part: the English stays behind, and no translated page falls back to it). Without
/// an old ledger (the first sync with ledgers), every message is taken to match. `tracked`
/// gives the original's text by id as the catalogs held it before this sync.
pub fn track_parallel<'t>(
    plan: &Plan,
    original: &Locale,
    parallel: &Locale,
    old: Option<&Ledger>,
    tracked: impl Fn(&str) -> Option<&'t str>,
) -> (Ledger, SourceLag) {
    let mut ledger = Ledger::default();
    let mut lag = SourceLag {
        original: original.to_string(),
        ..SourceLag::default()
    };
    let tag = original.tag();
    for unit in &plan.units {
        let source = unit.text(original);
        let text = unit.text(parallel);
        if source.is_none() && text.is_none() {
            continue;
        }
        let value = Fingerprint::of(parallel.tag(), text.unwrap_or_default());
        let now = source.map(|s| Fingerprint::of(tag, s));
        let recorded = old.map(|l| l.records.get(&unit.id));
        // The original's text the English last matched, while it is behind: as recorded, or
        // (the sync at which the original changed) as the catalogs tracked it.
        let was = |r: &Record| -> Option<String> {
            r.previous
                .get(tag)
                .cloned()
                .or_else(|| tracked(&unit.id).map(str::to_owned))
        };
        let matched = match recorded {
            // The first sync with ledgers, a message new in both, or a revised parallel text.
            None => now,
            Some(None) if text.is_some() => now,
            Some(Some(r)) if r.value != value => {
                let basis = r.basis.get(tag).copied();
                let partial = basis != now
                    && match (was(r), source, text) {
                        (Some(was), Some(source), Some(text)) => {
                            lacks_new_figures(&was, source, text)
                        }
                        _ => false,
                    };
                if basis != now && !partial && now.is_some() {
                    lag.caught_up.push(unit.id.clone());
                }
                if partial { basis } else { now }
            }
            Some(None) => None,
            Some(Some(r)) => r.basis.get(tag).copied(),
        };
        let id = unit.id.clone();
        match (now, matched) {
            (Some(_), None) => lag.added.push(id.clone()),
            (Some(now), Some(matched)) if now != matched => lag.changed.push(id.clone()),
            (None, Some(_)) if text.is_some() => lag.extra.push(id.clone()),
            _ => {}
        }
        if lag.added.last() == Some(&id) || lag.changed.last() == Some(&id) {
            lag.behind.push(id);
        }
        // Behind on a changed original: what the English matched, for the next revision.
        let previous = match (now, matched, recorded.flatten()) {
            (Some(now), Some(matched), Some(r)) if now != matched => was(r)
                .map(|was| [(tag.to_owned(), was)].into())
                .unwrap_or_default(),
            _ => BTreeMap::new(),
        };
        let record = Record {
            value,
            basis: matched
                .map(|m| [(tag.to_owned(), m)].into())
                .unwrap_or_default(),
            previous,
            review: false,
        };
        ledger.records.insert(unit.id.clone(), record);
    }
    (ledger, lag)
}

/// Whether the original, revised from `was` to `now`, gained a figure (a number, date, era
/// year or time; small numbers aside, which translations spell out) that `english` lacks.
fn lacks_new_figures(was: &str, now: &str, english: &str) -> bool {
    use crate::figures::numbers::{alternatives, extract, mismatch};
    let (figures, alternatives) = (extract(now), alternatives(now));
    let (gained, _) = mismatch(&figures, &extract(was), &alternatives);
    if gained.is_empty() {
        return false;
    }
    let (missing, _) = mismatch(&figures, &extract(english), &alternatives);
    gained.iter().any(|figure| missing.contains(figure))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr() -> Locale {
        "fr".parse().unwrap()
    }

    #[test]
    fn round_trips_and_sorts_by_id() {
        let mut ledger = Ledger::default();
        for (id, was) in [
            ("b-2", Some("前の\t文です。\n")),
            ("a-1", None),
            ("c-3", Some("文です。")),
        ] {
            ledger.records.insert(
                id.to_owned(),
                Record {
                    value: value_digest(&fr(), &format!("{id} = Texte\n")),
                    basis: [
                        ("ja".to_owned(), Fingerprint::of("ja", "文です。")),
                        ("en".to_owned(), Fingerprint::of("en", "A sentence.")),
                    ]
                    .into(),
                    previous: was
                        .map(|w| [("ja".to_owned(), w.to_owned())].into())
                        .unwrap_or_default(),
                    review: id == "c-3",
                },
            );
        }
        let text = ledger.render("\n");
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("a-1\tv="));
        assert!(lines[1].ends_with("\twas ja=前の\\u{9}文です。\\n"));
        assert!(
            lines[2].ends_with("\treview\twas ja=文です。"),
            "{}",
            lines[2]
        );
        assert_eq!(Ledger::parse(&text), Ok(ledger.clone()));
        assert_eq!(Ledger::parse(&ledger.render("\r\n")), Ok(ledger));
    }

    #[test]
    fn a_line_honyaku_cannot_have_written_is_an_error_with_its_position() {
        let error = Ledger::parse("# header\nok-1\tv=0123456789abcdef\tja=12\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 25));
        assert!(error.message.contains("not a digest"), "{}", error.message);
        let error = Ledger::parse("ok-1\tja=0123456789abcdef\n").unwrap_err();
        assert!(error.message.contains("no `v=`"), "{}", error.message);
        assert!(Ledger::parse("<<<<<<< HEAD\n").is_err());
    }

    #[test]
    fn the_value_digest_ignores_layout_and_comments_but_not_words() {
        let one = value_digest(&fr(), "a = Bonjour tout le monde\n");
        let other_layout = value_digest(&fr(), "a =\n    Bonjour tout le monde\n");
        let commented = value_digest(&fr(), "# note\na = Bonjour tout le monde\n");
        assert_eq!(one, other_layout);
        assert_eq!(one, commented);
        assert_ne!(one, value_digest(&fr(), "a = Bonjour le monde\n"));
        assert_ne!(
            one,
            value_digest(&fr(), "a = Bonjour tout le monde\n    .title = T\n")
        );
    }
}
