//! What the checks read from a source text — its numbers, addresses, paired punctuation and
//! the sentences a translation might copy — worked out at most once per text, however many
//! target locales and checks compare a translation with it (issue 19: `check` reads each
//! source once, not once per locale and check).

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

use super::numbers::{self, Token};
use super::pairs;
use crate::catalog::merge::SourcePrints;
use crate::catalog::plan::{Plan, Unit};
use crate::figures;
use crate::figures::numbers::Signed;
use crate::locale::Scripts;

/// The facts of one source text, each computed on first use.
#[derive(Debug, Default)]
pub(crate) struct SourceFacts {
    numbers: OnceCell<BTreeSet<Token>>,
    alternatives: OnceCell<BTreeSet<Token>>,
    numbered: OnceCell<BTreeSet<Token>>,
    weekdays: OnceCell<BTreeSet<u32>>,
    signed: OnceCell<Vec<Signed>>,
    urls: OnceCell<BTreeSet<String>>,
    emails: OnceCell<BTreeSet<String>>,
    phones: OnceCell<BTreeSet<String>>,
    brackets: OnceCell<bool>,
    quotes: OnceCell<bool>,
    copyable: OnceCell<Vec<(usize, usize)>>,
}

/// One kind of address a source's facts hold.
#[derive(Debug, Clone, Copy)]
pub(crate) enum AddressKind {
    Urls,
    Emails,
    Phones,
}

impl AddressKind {
    /// How this kind is found in a text: [`crate::figures`]'s scanner, as every stage reads it.
    pub(crate) fn scan(self, text: &str) -> BTreeSet<String> {
        let found = match self {
            // Most texts have none: not scanned for what they cannot hold.
            AddressKind::Urls if !figures::may_hold_url(text) => return BTreeSet::new(),
            AddressKind::Phones if !figures::may_hold_phone(text.chars()) => {
                return BTreeSet::new();
            }
            AddressKind::Urls => figures::urls(text),
            AddressKind::Emails => figures::emails(text),
            AddressKind::Phones => figures::phones(text),
        };
        found.into_iter().collect()
    }
}

/// One kind of paired punctuation a source's facts hold.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PairKind {
    Brackets,
    Quotes,
}

impl PairKind {
    /// Whether `text` has this kind balanced.
    pub(crate) fn balanced(self, text: &str) -> bool {
        match self {
            PairKind::Brackets => pairs::brackets_balanced(text),
            PairKind::Quotes => pairs::quotes_balanced(text),
        }
    }
}

impl SourceFacts {
    /// The numbers and times of `text` ([`numbers::extract`]).
    pub(crate) fn numbers(&self, text: &str) -> &BTreeSet<Token> {
        self.numbers.get_or_init(|| numbers::extract(text))
    }

    /// The small numbers of `text` that name something ([`numbers::numbered`]).
    pub(crate) fn numbered(&self, text: &str) -> &BTreeSet<Token> {
        self.numbered
            .get_or_init(|| crate::figures::numbers::numbered(text))
    }

    /// The figures `text` writes with an explicit sign ([`crate::figures::numbers::signed`]).
    pub(crate) fn signed(&self, text: &str) -> &[Signed] {
        self.signed
            .get_or_init(|| crate::figures::numbers::signed(text))
    }

    /// The weekdays `text` names ([`figures::weekdays_in`]).
    pub(crate) fn weekdays(&self, text: &str) -> &BTreeSet<u32> {
        self.weekdays.get_or_init(|| figures::weekdays_in(text))
    }

    /// The numbers a translation may write for what `text` writes another way
    /// ([`numbers::alternatives`]: kanji numerals, tenths).
    pub(crate) fn alternatives(&self, text: &str) -> &BTreeSet<Token> {
        self.alternatives
            .get_or_init(|| numbers::alternatives(text))
    }

    /// The addresses of one kind in `text`.
    pub(crate) fn addresses(&self, kind: AddressKind, text: &str) -> &BTreeSet<String> {
        let cell = match kind {
            AddressKind::Urls => &self.urls,
            AddressKind::Emails => &self.emails,
            AddressKind::Phones => &self.phones,
        };
        cell.get_or_init(|| kind.scan(text))
    }

    /// Whether `text` has one kind of paired punctuation balanced.
    pub(crate) fn balanced(&self, kind: PairKind, text: &str) -> bool {
        let cell = match kind {
            PairKind::Brackets => &self.brackets,
            PairKind::Quotes => &self.quotes,
        };
        *cell.get_or_init(|| kind.balanced(text))
    }

    /// The sentences of `text` a translation must not copy: those of six words or more, when
    /// the text is in a spaced Latin-script language (none otherwise), trimmed, in order.
    pub(crate) fn copyable<'t>(&self, text: &'t str) -> impl Iterator<Item = &'t str> {
        let spans = self.copyable.get_or_init(|| {
            let latin = Scripts::of(text)
                .guess()
                .is_some_and(|g| g.language() == "und");
            if !latin {
                return Vec::new();
            }
            text.split_inclusive(['.', '!', '?', ';'])
                .map(str::trim)
                .filter(|sentence| sentence.split_whitespace().count() >= 6)
                .map(|sentence| {
                    let start = sentence.as_ptr() as usize - text.as_ptr() as usize;
                    (start, start + sentence.len())
                })
                .collect()
        });
        spans.iter().map(move |&(start, end)| &text[start..end])
    }
}

/// The facts of every source text of a document's units, by message id, and their
/// fingerprints: one per document, shared by the checks and entry states of all its target
/// catalogs.
#[derive(Debug)]
pub(crate) struct DocumentFacts<'p> {
    units: BTreeMap<&'p str, (&'p Unit, Vec<SourceFacts>)>,
    prints: SourcePrints<'p>,
}

impl<'p> DocumentFacts<'p> {
    /// Empty facts for every unit of `plan` (nothing is computed until a check asks).
    pub(crate) fn new(plan: &'p Plan) -> DocumentFacts<'p> {
        let units = plan
            .units
            .iter()
            .map(|unit| {
                let facts = unit.texts.iter().map(|_| SourceFacts::default()).collect();
                (unit.id.as_str(), (unit, facts))
            })
            .collect();
        DocumentFacts {
            units,
            prints: SourcePrints::new(plan),
        }
    }

    /// The fingerprints of the plan's source texts, as the entry states compare them.
    pub(crate) fn prints(&self) -> &SourcePrints<'p> {
        &self.prints
    }

    /// The source unit of a message id and the facts of its texts (in the unit's order).
    pub(crate) fn unit(&self, id: &str) -> Option<(&'p Unit, &[SourceFacts])> {
        self.units
            .get(id)
            .map(|(unit, facts)| (*unit, facts.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::{may_hold_phone, may_hold_url};

    /// The scanners skip texts by what an address needs, never one that holds one.
    #[test]
    fn texts_skipped_hold_no_address() {
        for text in [
            "call 03-5253-5111 now",
            "fax 0352535111",
            "Tel: +81-3-5253-5920",
            "電話 ０３（５２５３）５１１１",
            "see https://example.jp/a and WWW.example.org.",
            "HTTP://x.jp",
            "a 03-1234-567 b",
            "May 1, 2020 at 10:00",
            "www",
        ] {
            if !figures::phones(text).is_empty() {
                assert!(may_hold_phone(text.chars()), "{text}");
            }
            if !figures::urls(text).is_empty() {
                assert!(may_hold_url(text), "{text}");
            }
        }
        // The digits a phone number takes: nine are never one, ten may be.
        assert!(figures::phones("03-123-4567").is_empty());
        assert!(!may_hold_phone("03-123-4567".chars()));
        assert!(!figures::phones("03-1234-5678").is_empty());
        assert!(may_hold_phone("03-1234-5678".chars()));
        assert!(!may_hold_url("May 1, 2020. The end."));
    }

    #[test]
    fn facts_are_those_of_the_text() {
        let facts = SourceFacts::default();
        let text = "On May 1, 2020 (see https://example.jp) call 03-5253-5111. \
                    This sentence has more than six words in it!";
        assert_eq!(facts.numbers(text), &numbers::extract(text));
        assert!(facts.signed(text).is_empty());
        let fall = SourceFacts::default();
        assert_eq!(
            fall.signed("前年比▲0.8％"),
            crate::figures::numbers::signed("前年比▲0.8％")
        );
        assert_eq!(
            facts.addresses(AddressKind::Urls, text),
            &BTreeSet::from(["https://example.jp".to_owned()])
        );
        assert_eq!(
            facts.addresses(AddressKind::Phones, text),
            &BTreeSet::from(["0352535111".to_owned()])
        );
        assert!(facts.addresses(AddressKind::Emails, text).is_empty());
        assert!(facts.balanced(PairKind::Brackets, text));
        assert!(facts.balanced(PairKind::Quotes, text));
        assert_eq!(
            facts.copyable(text).collect::<Vec<_>>(),
            [
                // Split at every full stop, as the check always has.
                "On May 1, 2020 (see https://example.",
                "This sentence has more than six words in it!"
            ]
        );
        let japanese = SourceFacts::default();
        assert_eq!(
            japanese
                .copyable("総務省は、本日、報告書を公表しました。")
                .count(),
            0
        );
    }
}
