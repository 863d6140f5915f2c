//! A weekday the sources do not name: a date's weekday translated wrong (`（木）` as
//! `vendredi`) sends readers to the wrong day as surely as a wrong date.

use super::{Check, Entry, Problem};
use crate::figures::{self, WEEKDAY_NAMES};

/// `weekdays`: every weekday the translation names is one a source names.
pub(crate) struct Weekdays;

impl Check for Weekdays {
    fn ids(&self) -> &[&'static str] {
        &["weekdays"]
    }

    fn run(&self, entry: &Entry<'_>, out: &mut Vec<Problem>) {
        let Some(translation) = entry.text() else {
            return;
        };
        // Only sources that name weekdays say which are right (read once per source text):
        // most name none, and their translations are not read for weekdays at all.
        let named: Vec<_> = entry
            .sources
            .iter()
            .map(|s| (s.locale, s.facts.weekdays(s.text)))
            .filter(|(_, days)| !days.is_empty())
            .collect();
        let Some((locale, expected)) = named.first() else {
            return;
        };
        let found = figures::weekdays_in(translation);
        if found.is_empty() {
            return;
        }
        if named.iter().any(|(_, days)| found.is_subset(days)) {
            return;
        }
        let english = |days: &std::collections::BTreeSet<u32>| {
            days.iter()
                .filter_map(|&d| WEEKDAY_NAMES[0].1.get(d as usize - 1))
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let extra: std::collections::BTreeSet<u32> = found.difference(expected).copied().collect();
        out.push(Problem::error(
            "weekdays",
            format!(
                "weekday {} not in the {locale} source, which names {}",
                english(&extra),
                english(expected)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::figures::{WEEKDAYS_JA, weekdays_in};
    use std::collections::BTreeSet;

    /// The Japanese weekdays of a text as first read: every char copied into a list.
    fn japanese_by_list(text: &str) -> BTreeSet<u32> {
        let chars: Vec<char> = text.chars().collect();
        let mut found = BTreeSet::new();
        for (i, &c) in chars.iter().enumerate() {
            let Some(day) = WEEKDAYS_JA.iter().position(|&w| w == c) else {
                continue;
            };
            let bracketed = i > 0
                && matches!(chars[i - 1], '（' | '(')
                && matches!(chars.get(i + 1), Some('）' | ')'));
            if bracketed || chars.get(i + 1) == Some(&'曜') {
                found.insert(day as u32 + 1);
            }
        }
        found
    }

    proptest::proptest! {
        /// Reading each char with its neighbours finds the weekdays the list found (the
        /// texts hold no weekday name of another writing, so only those are read).
        #[test]
        fn japanese_weekdays_read_as_from_a_list(text in "[（()）月火水木金土日曜a ]{0,16}") {
            proptest::prop_assert_eq!(weekdays_in(&text), japanese_by_list(&text));
        }
    }

    #[test]
    fn weekdays_are_read_in_every_writing() {
        let days = |t: &str| weekdays_in(t).into_iter().collect::<Vec<_>>();
        assert_eq!(days("令和9年2月4日（木）から3月5日(金)まで"), [4, 5]);
        assert_eq!(days("毎週水曜日に開催"), [3]);
        assert_eq!(days("2月4日（星期四）、周五"), [4, 5]);
        assert_eq!(days("le vendredi 4 février, Thursday, Mittwoch"), [3, 4, 5]);
        // Not a weekday: part of a longer word, a month in brackets, none at all.
        assert_eq!(days("Mondays are busy; Sundayschool"), Vec::<u32>::new());
        assert_eq!(days("5月1日から"), Vec::<u32>::new());
    }
}
