//! The plan of a sealed document, read from its source catalogs instead of computed (issue 19).
//!
//! A document whose files hash to a seal in `honyaku.seals` (see `seals.rs`: made under the
//! same honyaku build, configuration and locales) is one a sync found current: syncing it
//! again changes no file. Its source catalogs therefore hold exactly the units the full plan
//! ([`plan::plan`]: alignment of the two releases, then id inheritance) would make: every
//! unit inherits its id with its texts unchanged, so nothing is added, modified or retired,
//! no pairing is new (no score), and the retired ids are those the catalogs list. What the
//! catalogs do not say, each unit's segments, is found by laying the messages of each source
//! catalog, in order, over the segments of its source text.
//!
//! Whenever the catalogs leave a doubt the full plan runs instead ([`from_catalogs`] gives
//! `None`): alignment pins (a pinned unit may hold what the aligner would not join), a
//! message whose text is not a run of the next segments, segments left over, an empty
//! segment, shared messages in another order in the two catalogs, or a place where units
//! found only in the original and only in the parallel release meet (the catalogs do not say
//! which came first). `tests::sealed_plans_are_the_full_plans` holds the two equal on the
//! shipped corpus (and on any synced project named by `HONYAKU_SEALED_CORPUS`).

use std::collections::{BTreeMap, BTreeSet};

use super::ftl::{EntryKind, FtlFile};
use super::plan::{self, Changes, Plan, Unit};
use crate::locale::Locale;
use crate::segment::Document;

/// The plan of a document whose catalogs a seal vouches for: its segmented source texts
/// (original first) and its source catalogs (parallel to them). The texts are given back
/// when the catalogs do not settle the plan (see the module's documentation).
pub(crate) fn from_catalogs(
    documents: Vec<(Locale, Document)>,
    catalogs: &[&FtlFile],
) -> Result<Plan, Vec<(Locale, Document)>> {
    match read_units(&documents, catalogs) {
        Some(units) => Ok(Plan { documents, ..units }),
        None => Err(documents),
    }
}

/// [`from_catalogs`] but for the plan's `documents`, left empty.
fn read_units(documents: &[(Locale, Document)], catalogs: &[&FtlFile]) -> Option<Plan> {
    if catalogs.len() != documents.len() || documents.is_empty() || documents.len() > 2 {
        return None;
    }
    let messages: Vec<Vec<(&str, &str)>> = catalogs.iter().map(|file| messages(file)).collect();
    let order = unit_order(&messages)?;
    let mut units: Vec<Unit> = Vec::with_capacity(order.len());
    let mut texts: BTreeMap<&str, usize> = BTreeMap::new();
    for id in &order {
        texts.insert(id, units.len());
        units.push(Unit {
            id: (*id).to_owned(),
            kind: crate::segment::BlockKind::Paragraph,
            texts: Vec::new(),
            segments: Vec::new(),
            score: None,
        });
    }
    for (k, ((locale, document), messages)) in documents.iter().zip(&messages).enumerate() {
        if document.segments.iter().any(|s| s.text.is_empty()) {
            return None;
        }
        // The units follow the original: its catalog lays its messages over its segments
        // in order, one way only. The parallel release's catalog follows the original's
        // order too, so a sentence the translation moved is looked for elsewhere; there, two
        // messages with one text could stand for each other's segments.
        let parallel = k > 0;
        let distinct: BTreeSet<&str> = messages.iter().map(|(_, text)| *text).collect();
        let may_move = parallel && distinct.len() == messages.len();
        let mut used = vec![false; document.segments.len()];
        let mut next = 0;
        for &(id, text) in messages {
            let segments = match run_of(document, locale, next, text) {
                Some(run) if !used[run.clone()].contains(&true) => run,
                _ if may_move => only_run(document, locale, &used, text)?,
                _ => return None,
            };
            used[segments.clone()].fill(true);
            next = segments.end;
            let unit = &mut units[*texts.get(id)?];
            if unit.texts.is_empty() {
                unit.kind = document.segments[segments.start].kind;
            }
            unit.texts.push((locale.clone(), text.to_owned()));
            unit.segments.push((locale.clone(), segments.collect()));
        }
        if used.contains(&false) {
            return None;
        }
    }
    let mut retired = BTreeSet::new();
    for file in catalogs {
        retired.extend(retired_ids(file));
    }
    let known = units
        .iter()
        .map(|u| u.id.clone())
        .chain(retired.iter().cloned())
        .collect();
    Some(Plan {
        documents: Vec::new(),
        units,
        retired,
        known,
        changes: Changes::default(),
        unmatched_pins: Vec::new(),
    })
}

/// The messages of a source catalog with their texts, in the file's order (what
/// `plan::Tracked::read` takes as the units it tracked).
fn messages(file: &FtlFile) -> Vec<(&str, &str)> {
    file.entries
        .iter()
        .filter_map(|entry| match &entry.kind {
            EntryKind::Message {
                id,
                value: Some(value),
                ..
            } => Some((id.as_str(), value.as_str())),
            _ => None,
        })
        .collect()
}

/// The ids a source catalog lists as retired (its `### honyaku-retired:` lines).
fn retired_ids(file: &FtlFile) -> impl Iterator<Item = String> + '_ {
    file.entries
        .iter()
        .filter(|entry| matches!(entry.kind, EntryKind::Comment { level: 3 }))
        .flat_map(|entry| plan::retired_in(&entry.raw))
}

/// The units' order: the messages of the two catalogs merged on their shared ids, which must
/// come in the same order in both; `None` where units of only one and of only the other
/// catalog stand between the same two shared ones.
fn unit_order<'a>(messages: &[Vec<(&'a str, &str)>]) -> Option<Vec<&'a str>> {
    let [a, rest @ ..] = messages else {
        return None;
    };
    let Some(b) = rest.first() else {
        return Some(a.iter().map(|(id, _)| *id).collect());
    };
    let in_a: BTreeSet<&str> = a.iter().map(|(id, _)| *id).collect();
    let in_b: BTreeSet<&str> = b.iter().map(|(id, _)| *id).collect();
    let mut order = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    loop {
        let a_only = a[i..]
            .iter()
            .take_while(|(id, _)| !in_b.contains(id))
            .count();
        let b_only = b[j..]
            .iter()
            .take_while(|(id, _)| !in_a.contains(id))
            .count();
        if a_only > 0 && b_only > 0 {
            return None;
        }
        order.extend(a[i..i + a_only].iter().map(|(id, _)| *id));
        order.extend(b[j..j + b_only].iter().map(|(id, _)| *id));
        i += a_only;
        j += b_only;
        match (a.get(i), b.get(j)) {
            (None, None) => return Some(order),
            (Some((x, _)), Some((y, _))) if x == y => {
                order.push(x);
                i += 1;
                j += 1;
            }
            _ => return None,
        }
    }
}

/// The one run of segments not `used` yet whose joined text is `text`; `None` if there is
/// none or more than one.
fn only_run(
    document: &Document,
    locale: &Locale,
    used: &[bool],
    text: &str,
) -> Option<std::ops::Range<usize>> {
    let mut found = (0..document.segments.len())
        .filter(|&start| !used[start])
        .filter_map(|start| run_of(document, locale, start, text))
        .filter(|run| !used[run.clone()].contains(&true));
    let run = found.next()?;
    found.next().is_none().then_some(run)
}

/// The run of segments of `document` from `start` whose joined text is `text`.
fn run_of(
    document: &Document,
    locale: &Locale,
    start: usize,
    text: &str,
) -> Option<std::ops::Range<usize>> {
    let mut end = start;
    while end < document.segments.len() {
        end += 1;
        let segments: Vec<usize> = (start..end).collect();
        let joined = plan::join_texts(document, &segments, locale);
        if joined == text {
            return Some(start..end);
        }
        if joined.len() >= text.len() {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::catalog::{Prepared, SealCheck, prepare, prepare_checked, sync};
    use crate::project::Project;

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    /// Everything a reader of a prepared document sees: the plan's data and each catalog's
    /// state (its entries' states and its bytes).
    fn assert_same(full: &Prepared, checked: &Prepared, project: &Project) {
        let (a, b) = (&full.plan, &checked.plan);
        let doc = &full.document;
        assert_eq!(a.units, b.units, "{doc}");
        assert_eq!(a.retired, b.retired, "{doc}");
        assert_eq!(a.known, b.known, "{doc}");
        assert_eq!(a.changes, b.changes, "{doc}");
        assert_eq!(a.unmatched_pins, b.unmatched_pins, "{doc}");
        assert_eq!(a.documents.len(), b.documents.len(), "{doc}");
        for ((la, da), (lb, db)) in a.documents.iter().zip(&b.documents) {
            assert_eq!(
                (la, &da.segments, &da.source),
                (lb, &db.segments, &db.source)
            );
        }
        for locale in project.all_locales() {
            let (sa, sb) = (full.state(&locale), checked.state(&locale));
            assert_eq!(sa.is_some(), sb.is_some(), "{doc} {locale}");
            if let (Some(sa), Some(sb)) = (sa, sb) {
                assert_eq!(sa.text(), sb.text(), "{doc} {locale}");
                let states = |s: &crate::catalog::state::CatalogState| {
                    s.entries()
                        .map(|e| (e.id.clone(), e.state))
                        .collect::<Vec<_>>()
                };
                assert_eq!(states(&sa), states(&sb), "{doc} {locale}");
            }
        }
        assert_eq!(full.input_hashes(), checked.input_hashes(), "{doc}");
    }

    /// On every document of a synced project, the plan read from the catalogs is the full
    /// plan, and `prepare_checked` prepares what `prepare` does. Returns how many documents
    /// the catalogs settled.
    fn check_project(root: &Path) -> (usize, usize) {
        let (project, _) = Project::open(root).unwrap();
        sync(&project, true).unwrap();
        let seals = SealCheck::load(&project);
        let mut settled = 0;
        for doc in &project.documents {
            let mut diagnostics = Vec::new();
            let Some(full) = prepare(&project, doc, &mut diagnostics).unwrap() else {
                continue;
            };
            let checked = prepare_checked(&project, doc, &seals, &mut diagnostics)
                .unwrap()
                .unwrap();
            assert_same(&full, &checked, &project);
            let sources: Vec<&FtlFile> = full
                .plan
                .documents
                .iter()
                .filter_map(|(l, _)| full.catalog(l))
                .collect();
            if let Ok(plan) = from_catalogs(full.plan.documents.clone(), &sources) {
                assert_eq!(plan.units, full.plan.units, "{doc}");
                assert_eq!(
                    (&plan.retired, &plan.known),
                    (&full.plan.retired, &full.plan.known)
                );
                assert!(seals.vouches(doc, full.input_hashes().unwrap()), "{doc}");
                settled += 1;
            }
        }
        (settled, project.documents.len())
    }

    #[test]
    fn sealed_plans_are_the_full_plans() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo.join("source_texts"), &dir.path().join("source_texts"));
        copy_dir(&repo.join("locales"), &dir.path().join("locales"));
        let (settled, all) = check_project(dir.path());
        // Every shipped release is settled by its catalogs (none has English-only and
        // Japanese-only sentences side by side).
        assert_eq!(settled, all);
        // A bigger synced project (a copy is made): `HONYAKU_SEALED_CORPUS=/tmp/data/p500`.
        if let Some(corpus) = std::env::var_os("HONYAKU_SEALED_CORPUS") {
            let dir = tempfile::tempdir().unwrap();
            copy_dir(Path::new(&corpus), dir.path());
            let (settled, all) = check_project(dir.path());
            eprintln!("{settled} of {all} documents settled by their catalogs");
            assert!(settled > 0);
        }
    }

    #[test]
    fn a_doubt_gives_the_texts_back() {
        // Ids in another order in the two catalogs.
        let a = crate::catalog::ftl::parse("one = A\ntwo = B\n").unwrap();
        let b = crate::catalog::ftl::parse("two = B\none = A\n").unwrap();
        assert!(unit_order(&[messages(&a), messages(&b)]).is_none());
        // An original-only and a parallel-only unit between the same shared ones.
        let a = crate::catalog::ftl::parse("one = A\nja-only = X\ntwo = B\n").unwrap();
        let b = crate::catalog::ftl::parse("one = A\nen-only = Y\ntwo = B\n").unwrap();
        assert!(unit_order(&[messages(&a), messages(&b)]).is_none());
        let b = crate::catalog::ftl::parse("one = A\ntwo = B\nen-only = Y\n").unwrap();
        assert_eq!(
            unit_order(&[messages(&a), messages(&b)]).unwrap(),
            ["one", "ja-only", "two", "en-only"]
        );
    }
}
