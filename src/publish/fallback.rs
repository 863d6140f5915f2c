//! The choice of text for each unit of a page: along the locale's fallback chain, the first
//! translation that is there, current (or stale, where `[build] stale = "use"`) and formats,
//! else the source text of the layout; and what goes in each layout segment's place.

use std::collections::{BTreeMap, BTreeSet};

use super::{Fallback, Reason};
use crate::catalog::ledger::SourceLag;
use crate::catalog::{Prepared, merge::EntryState};
use crate::formatted::{Translation, Translations};
use crate::locale::{Locale, Writing};
use crate::project::StalePolicy;
use crate::segment::Document;

/// Where the parallel release (the English) is behind the original (see
/// `catalog::ledger::SourceLag`): its texts that no longer say what the original says are
/// never published in another locale's page, whose own translation is missing or stale.
#[derive(Debug, Default)]
pub(super) struct Behind {
    /// The parallel source locale.
    parallel: Option<Locale>,
    /// Messages whose original changed, or was removed, since the English last matched it.
    outdated: BTreeSet<String>,
    /// How far, for the English page's report.
    pub(super) lag: Option<SourceLag>,
}

impl Behind {
    pub(super) fn of(prepared: &Prepared) -> Behind {
        let Some(parallel) = prepared.plan.documents.get(1).map(|(l, _)| l.clone()) else {
            return Behind::default();
        };
        let Some((_, lag)) = prepared.parallel(&parallel) else {
            return Behind::default();
        };
        Behind {
            outdated: lag.changed.iter().chain(&lag.extra).cloned().collect(),
            parallel: Some(parallel),
            lag: (!lag.is_empty()).then(|| lag.clone()),
        }
    }

    /// Whether translated pages must take the original's layout: the English lacks sentences
    /// the original added (they have no place in the English layout) or still has sentences
    /// the original removed. A sentence the original only changed keeps its place in the
    /// English layout (its text falls back past the English), so the page keeps the English
    /// layout's markers, indentation and punctuation.
    pub(super) fn needs_original_layout(&self) -> bool {
        self.lag
            .as_ref()
            .is_some_and(|lag| !lag.added.is_empty() || !lag.extra.is_empty())
    }

    /// How far `locale`'s source is behind the original, when it is the parallel source and
    /// behind at all.
    pub(super) fn lag_of(&self, locale: &Locale) -> Option<&SourceLag> {
        self.lag
            .as_ref()
            .filter(|_| self.parallel.as_ref() == Some(locale))
    }

    fn outdated(&self, locale: &Locale, id: &str) -> bool {
        self.parallel.as_ref() == Some(locale) && self.outdated.contains(id)
    }
}

/// The text chosen for one unit placed in the layout.
#[derive(Debug)]
pub(super) struct Choice {
    pub(super) id: String,
    /// Line of the unit in the layout source text.
    pub(super) line: usize,
    /// Segment indices of the unit in the layout document.
    pub(super) segments: Vec<usize>,
    pub(super) text: String,
    pub(super) from: Locale,
    /// The chosen text is the layout's own source text (rendered from the source bytes).
    pub(super) is_layout_source: bool,
    pub(super) fallback: Option<Fallback>,
    pub(super) stale_used: bool,
    /// Units without a place in the layout whose texts follow this one's (see [`choose`]):
    /// their fallbacks, and their ids where a stale translation was used.
    pub(super) joined_fallbacks: Vec<Fallback>,
    pub(super) joined_stale: Vec<String>,
}

/// For each unit with segments in the layout, the first usable text along the chain. A unit
/// with none (a sentence of the original that the layout's language joined to the one before
/// it, or has not translated yet) is never dropped silently when the page is not in the
/// layout's language there: its text (a translation, else its fallback, reported) follows
/// the text of the unit placed before it. Where that unit shows the layout's own source and
/// this one has no translation, the layout's text stands for both, as before.
pub(super) fn choose(
    prepared: &Prepared,
    chain: &[Locale],
    layout_locale: &Locale,
    cache: &BTreeMap<Locale, Translations>,
    stale: StalePolicy,
    behind: &Behind,
) -> Vec<Choice> {
    let layout = prepared
        .plan
        .documents
        .iter()
        .find(|(l, _)| l == layout_locale)
        .map(|(_, d)| d);
    let sources: Vec<&Locale> = prepared.plan.documents.iter().map(|(l, _)| l).collect();
    let separator = match chain.first().map(Locale::writing) {
        Some(Writing::Unspaced) => "",
        _ => " ",
    };
    let original = sources.first().copied();
    let mut choices: Vec<Choice> = Vec::new();
    for unit in &prepared.plan.units {
        // A sentence the original removed while the English still has it: not on a page of
        // another locale (the original no longer says it).
        if let (Some(original), Some(parallel)) = (original, behind.parallel.as_ref()) {
            if chain.first() != Some(parallel)
                && unit.text(original).is_none()
                && behind.outdated(parallel, &unit.id)
            {
                continue;
            }
        }
        let placed = unit
            .segments
            .iter()
            .find(|(l, s)| l == layout_locale && !s.is_empty())
            .map(|(_, s)| s);
        let line = match placed {
            Some(segments) => layout
                .and_then(|d| d.segments.get(segments[0]))
                .and_then(|s| layout.and_then(|d| d.blocks.get(s.block)))
                .map_or(0, |b| b.line),
            None => match choices.last() {
                Some(previous) => previous.line,
                None => continue,
            },
        };
        let mut reason = None;
        let mut picked = None;
        for locale in chain {
            if locale != &chain[0] && behind.outdated(locale, &unit.id) {
                // The English of this sentence is behind its original: go on to the original.
                continue;
            }
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
        let Some(segments) = placed else {
            let Some(previous) = choices.last_mut() else {
                continue;
            };
            if previous.is_layout_source && sources.contains(&from) {
                continue;
            }
            previous.is_layout_source = false;
            previous.text.push_str(separator);
            previous.text.push_str(&text);
            previous.joined_fallbacks.extend(fallback);
            if stale_used {
                previous.joined_stale.push(unit.id.clone());
            }
            continue;
        };
        choices.push(Choice {
            line,
            joined_fallbacks: Vec::new(),
            joined_stale: Vec::new(),
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
pub(super) enum Piece<'a> {
    /// The layout's own source segment.
    Source,
    Text {
        text: &'a str,
        from: &'a Locale,
    },
    Covered,
}

pub(super) fn pieces<'a>(layout: &Document, choices: &'a [Choice]) -> Vec<Piece<'a>> {
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
