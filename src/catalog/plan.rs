//! The sync plan of one document: segment each source text, align the original with the
//! parallel release into units (one message each), and give every unit its id — the one it
//! had at the last sync when it is the same or an edited segment, a fresh one otherwise.

use std::collections::{BTreeMap, BTreeSet};

use crate::align;
use crate::catalog::ftl::{EntryKind, FtlFile};
use crate::catalog::ids::{IdAllocator, section_slug};
use crate::diff;
use crate::locale::{Locale, Writing};
use crate::segment::{BlockKind, Document};

/// Prefix of the header line in the original's catalog that lists retired ids.
pub const RETIRED_PREFIX: &str = "### honyaku-retired:";

/// One message: a segment of the original and its counterpart in the parallel release (or a
/// segment found in only one of them), with a stable id.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub id: String,
    pub kind: BlockKind,
    /// Text per source locale, in authority order; a locale is absent where the unit exists
    /// in the other language only.
    pub texts: Vec<(Locale, String)>,
    /// Segment indices per source document, parallel to `texts`.
    pub segments: Vec<(Locale, Vec<usize>)>,
    /// Alignment confidence, when two source texts were aligned.
    pub score: Option<f64>,
}

impl Unit {
    pub fn text(&self, locale: &Locale) -> Option<&str> {
        self.texts
            .iter()
            .find(|(l, _)| l == locale)
            .map(|(_, t)| t.as_str())
    }
}

/// What changed in a document since the last sync, by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    pub added: Vec<String>,
    pub modified: Vec<String>,
    pub retired: Vec<String>,
}

/// Units of a document and the id bookkeeping the catalogs must keep.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Source documents, in authority order (original first).
    pub documents: Vec<(Locale, Document)>,
    pub units: Vec<Unit>,
    /// Every id retired in this document, ever: never to be handed out again.
    pub retired: BTreeSet<String>,
    /// Ids the catalogs tracked before this sync (current or obsolete), for telling a
    /// translator's own messages from honyaku's.
    pub known: BTreeSet<String>,
    pub changes: Changes,
    /// One message per editor pin that matched no sentence (see [`align::align_pinned`]).
    pub unmatched_pins: Vec<String>,
}

/// The units the source catalogs held at the last sync.
#[derive(Debug, Default)]
pub struct Tracked {
    units: Vec<(String, BTreeMap<Locale, String>)>,
    /// Each source catalog's own message order, as indices into `units`.
    order: BTreeMap<Locale, Vec<usize>>,
    retired: BTreeSet<String>,
    seen: BTreeSet<String>,
}

impl Tracked {
    /// Reads the source catalogs of a document (original first); `catalogs` may be empty on
    /// a first sync. Every id found in any catalog of the document goes into `seen`.
    pub fn read(sources: &[(Locale, &FtlFile)], others: &[&FtlFile]) -> Tracked {
        let mut tracked = Tracked::default();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        for (locale, file) in sources {
            for entry in &file.entries {
                match &entry.kind {
                    EntryKind::Message {
                        id,
                        value: Some(value),
                        ..
                    } => {
                        let at = *index.entry(id.clone()).or_insert_with(|| {
                            tracked.units.push((id.clone(), BTreeMap::new()));
                            tracked.units.len() - 1
                        });
                        tracked.units[at].1.insert(locale.clone(), value.clone());
                        tracked.order.entry(locale.clone()).or_default().push(at);
                        tracked.seen.insert(id.clone());
                    }
                    EntryKind::Comment { level: 3 } => {
                        for line in entry.raw.lines() {
                            if let Some(ids) = line.strip_prefix(RETIRED_PREFIX) {
                                tracked
                                    .retired
                                    .extend(ids.split_whitespace().map(str::to_owned));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        for file in others {
            for entry in &file.entries {
                if let EntryKind::Message { id, .. } = &entry.kind {
                    tracked.seen.insert(id.clone());
                }
            }
        }
        tracked.seen.extend(tracked.retired.iter().cloned());
        tracked
    }

    /// The tracked units that have text in `locale`, in that locale's catalog order:
    /// `(id, text)`.
    pub fn entries(&self, locale: &Locale) -> Vec<(&str, &str)> {
        let order = self
            .order
            .get(locale)
            .map(Vec::as_slice)
            .unwrap_or_default();
        order
            .iter()
            .filter_map(|&at| {
                let (id, texts) = &self.units[at];
                texts.get(locale).map(|t| (id.as_str(), t.as_str()))
            })
            .collect()
    }
}

/// Builds the plan for a document from its segmented source texts (original first) and what
/// the catalogs tracked.
pub fn plan(documents: Vec<(Locale, Document)>, tracked: &Tracked, pins: &[align::Pin]) -> Plan {
    let (mut units, unmatched_pins) = group_units(&documents, pins);
    let locales: Vec<Locale> = documents.iter().map(|(l, _)| l.clone()).collect();
    let inherited = inherit_ids(&units, tracked, &locales);

    let mut allocator = IdAllocator::new(tracked.seen.clone());
    let mut changes = Changes::default();
    let mut section: Option<String> = None;
    let mut ordinal = 0;
    let mut claimed = BTreeSet::new();
    for (unit, inherited) in units.iter_mut().zip(inherited) {
        if unit.kind == BlockKind::Heading {
            ordinal += 1;
            let spaced = unit
                .texts
                .iter()
                .find(|(l, _)| l.writing() == Writing::Spaced);
            section = Some(section_slug(spaced.map(|(_, t)| t.as_str()), ordinal));
        }
        match inherited {
            Some(old) => {
                let (id, old_texts) = &tracked.units[old];
                if unit.texts.iter().any(|(l, t)| old_texts.get(l) != Some(t))
                    || old_texts.len() != unit.texts.len()
                {
                    changes.modified.push(id.clone());
                }
                unit.id = id.clone();
                claimed.insert(old);
            }
            None => {
                unit.id = allocator.allocate(unit.kind, section.as_deref());
                changes.added.push(unit.id.clone());
            }
        }
    }
    let mut retired = tracked.retired.clone();
    for (index, (id, _)) in tracked.units.iter().enumerate() {
        if !claimed.contains(&index) {
            retired.insert(id.clone());
            changes.retired.push(id.clone());
        }
    }
    Plan {
        documents,
        units,
        retired,
        known: tracked.seen.clone(),
        changes,
        unmatched_pins,
    }
}

/// Groups segments into units: the original's segments paired with the parallel release's by
/// the aligner, or one unit per segment when there is a single source text.
fn group_units(documents: &[(Locale, Document)], pins: &[align::Pin]) -> (Vec<Unit>, Vec<String>) {
    let unit = |parts: Vec<(&Locale, &Document, Vec<usize>)>, score| {
        let parts: Vec<_> = parts
            .into_iter()
            .filter(|(_, _, segs)| !segs.is_empty())
            .collect();
        let (_, first_doc, first_segs) = &parts[0];
        Unit {
            id: String::new(),
            kind: first_doc.segments[first_segs[0]].kind,
            texts: parts
                .iter()
                .map(|(l, d, segs)| ((*l).clone(), join_texts(d, segs, l)))
                .collect(),
            segments: parts
                .iter()
                .map(|(l, _, segs)| ((*l).clone(), segs.clone()))
                .collect(),
            score,
        }
    };
    match documents {
        [(a_locale, a), (b_locale, b), ..] => {
            let (beads, unmatched) = align::align_pinned(a, a_locale, b, b_locale, pins);
            let units = beads
                .into_iter()
                .filter(|bead| !bead.a.is_empty() || !bead.b.is_empty())
                .map(|bead| {
                    unit(
                        vec![(a_locale, a, bead.a), (b_locale, b, bead.b)],
                        Some(bead.score),
                    )
                })
                .collect();
            (units, unmatched)
        }
        [(locale, document)] => (
            (0..document.segments.len())
                .map(|i| unit(vec![(locale, document, vec![i])], None))
                .collect(),
            Vec::new(),
        ),
        [] => (Vec::new(), Vec::new()),
    }
}

/// The text of several segments as one message: joined by a space, or by nothing in
/// Japanese and Chinese.
pub fn join_texts(document: &Document, segments: &[usize], locale: &Locale) -> String {
    let joiner = if locale.writing() == Writing::Spaced {
        " "
    } else {
        ""
    };
    segments
        .iter()
        .map(|&i| document.segments[i].text.as_str())
        .collect::<Vec<_>>()
        .join(joiner)
}

/// For each new unit, the tracked unit whose id it inherits: first by the original's text,
/// then, for what is left, by the parallel release's text (which also pairs a sentence the
/// original gained with the English-only unit it used to be).
fn inherit_ids(units: &[Unit], tracked: &Tracked, locales: &[Locale]) -> Vec<Option<usize>> {
    let mut result = vec![None; units.len()];
    let mut claimed = vec![false; tracked.units.len()];
    for locale in locales {
        let new: Vec<usize> = (0..units.len())
            .filter(|&i| result[i].is_none() && units[i].text(locale).is_some())
            .collect();
        let old: Vec<usize> = (0..tracked.units.len())
            .filter(|&i| !claimed[i] && tracked.units[i].1.contains_key(locale))
            .collect();
        if new.is_empty() || old.is_empty() {
            continue;
        }
        let new_texts: Vec<&str> = new.iter().filter_map(|&i| units[i].text(locale)).collect();
        let old_texts: Vec<&str> = old
            .iter()
            .filter_map(|&i| tracked.units[i].1.get(locale).map(String::as_str))
            .collect();
        for (position, heir) in diff::inherit(&old_texts, &new_texts, locale)
            .into_iter()
            .enumerate()
        {
            if let Some((old_position, _)) = heir {
                result[new[position]] = Some(old[old_position]);
                claimed[old[old_position]] = true;
            }
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn ja() -> Locale {
        "ja".parse().unwrap()
    }

    fn tracked_from(plan: &Plan) -> Tracked {
        let mut t = Tracked::default();
        for u in &plan.units {
            t.units
                .push((u.id.clone(), u.texts.iter().cloned().collect()));
            t.seen.insert(u.id.clone());
        }
        t.retired = plan.retired.clone();
        t.seen.extend(plan.retired.iter().cloned());
        t
    }

    fn plan_ja(text: &str, tracked: &Tracked) -> Plan {
        plan(vec![(ja(), segment(text.to_owned(), &ja()))], tracked, &[])
    }

    #[test]
    fn ids_follow_sections_and_survive_edits_and_insertions() {
        let v1 = "令和2年5月1日\n会合の結果\n\n１．概要\n\n会合が開催された。声明が採択された。\n";
        let p1 = plan_ja(v1, &Tracked::default());
        let ids: Vec<_> = p1.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids[0], "release-date");
        assert_eq!(ids[1], "title");
        assert_eq!(ids[2], "s1");
        assert!(ids[3..].iter().all(|id| id.starts_with("s1-")), "{ids:?}");

        let v2 = "令和2年5月1日\n会合の結果\n\n１．概要\n\n新たな文が入った。会合が開催された。声明が正式に採択された。\n";
        let p2 = plan_ja(v2, &tracked_from(&p1));
        let old: BTreeMap<_, _> = p1
            .units
            .iter()
            .map(|u| (u.texts[0].1.clone(), u.id.clone()))
            .collect();
        let by_text = |t: &str| {
            p2.units
                .iter()
                .find(|u| u.texts[0].1 == t)
                .map(|u| u.id.clone())
        };
        assert_eq!(
            by_text("会合が開催された。"),
            old.get("会合が開催された。").cloned()
        );
        assert_eq!(
            by_text("声明が正式に採択された。"),
            old.get("声明が採択された。").cloned()
        );
        let fresh = by_text("新たな文が入った。").unwrap();
        assert!(
            !old.values().any(|id| *id == fresh),
            "new sentence got a fresh id"
        );
        assert_eq!(p2.changes.added, [fresh]);
        assert_eq!(p2.changes.modified.len(), 1);
    }

    #[test]
    fn removed_ids_are_retired_and_never_reused() {
        let p1 = plan_ja(
            "題名\n\n一つ目の文です。二つ目の文です。\n",
            &Tracked::default(),
        );
        let gone = p1.units[2].id.clone();
        let p2 = plan_ja("題名\n\n一つ目の文です。\n", &tracked_from(&p1));
        assert!(p2.retired.contains(&gone));
        let p3 = plan_ja(
            "題名\n\n一つ目の文です。全く別の内容が加わりました。\n",
            &tracked_from(&p2),
        );
        assert!(
            p3.units.iter().all(|u| u.id != gone),
            "retired id {gone} reused"
        );
    }
}
