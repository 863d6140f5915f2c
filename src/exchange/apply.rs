//! Writes imported translations into a target catalog, one entry at a time, leaving every
//! other byte of the file as it was.
//!
//! An entry is rebuilt by the catalog merge itself: its translator lines, a source line per
//! locale holding the source the translation was made from, and the new value (written by
//! the value writer) go through [`merge::merge`] with a one-unit plan, which writes the source
//! lines and, where the basis differs from the current source, the stale mark with the
//! previous source and the change, exactly as a sync would. The entry replaces the old one in
//! place; nothing else in the file moves.

use std::collections::{BTreeSet, HashMap};

use crate::catalog::ftl::{self, EntryKind, FtlFile};
use crate::catalog::merge::{self, OBSOLETE_HEADING, Role};
use crate::catalog::notes::{self, Note};
use crate::catalog::plan::{Changes, Plan, Unit as PlanUnit};
use crate::catalog::value::write_message;
use crate::error::{Diagnostic, Result};
use crate::locale::Locale;
use crate::project::Project;
use crate::segment::{BlockKind, Document};

use super::model::{self, EntryView, Incoming};
use super::{DocContext, UnitResult};

/// A target catalog being imported into.
#[derive(Debug, Clone)]
pub(crate) struct Catalog {
    context: DocContext,
    form: Form,
    /// Entries changed so far.
    pub changed: usize,
}

/// A catalog as read, until a unit changes it; parsed from then on.
#[derive(Debug, Clone)]
enum Form {
    /// A catalog of the plain shape, as read: what it says about each id, read by lines
    /// ([`model::read_target_text`]). Most units of an import leave their entry as it is,
    /// which this tells without parsing the file or hashing its bytes.
    Read {
        text: String,
        views: HashMap<String, EntryView>,
    },
    Parsed(Parsed),
}

impl Form {
    /// Whether the catalog's obsolete section holds a message `id`.
    fn obsolete_holds(&self, id: &str) -> bool {
        match self {
            Form::Read { text, .. } => obsolete_holds(text.lines(), id),
            Form::Parsed(parsed) => obsolete_holds(
                parsed
                    .file
                    .entries
                    .iter()
                    .flat_map(|entry| entry.raw.lines()),
                id,
            ),
        }
    }
}

/// Whether a message `id` stands among a catalog's `lines` below [`OBSOLETE_HEADING`].
fn obsolete_holds<'a>(mut lines: impl Iterator<Item = &'a str>, id: &str) -> bool {
    lines.any(|line| line == OBSOLETE_HEADING)
        && lines.any(|line| {
            line.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
}

/// A catalog parsed, to change its entries.
#[derive(Debug, Clone)]
pub(crate) struct Parsed {
    pub file: FtlFile,
    /// Entry index of each id's message or placeholder.
    index: HashMap<String, usize>,
    /// Whether the file uses CRLF line endings.
    crlf: bool,
    /// What the file held when it was read, checked again right before it is replaced.
    pub read: crate::fsio::Identity,
}

impl Parsed {
    /// `file` as read from `text`.
    fn of(file: FtlFile, text: &str, context: &DocContext) -> Parsed {
        let tags = context.tags();
        let known: BTreeSet<&str> = context.sources.keys().map(String::as_str).collect();
        let index = model::read_target(&file, &context.locale, &tags, &known)
            .into_iter()
            .map(|(id, view)| (id, view.at.entry))
            .collect();
        let crlf = file.entries.first().is_some_and(|e| e.raw.contains("\r\n"));
        Parsed {
            file,
            index,
            crlf,
            read: crate::fsio::Identity::Present(crate::fsio::content_hash(text.as_bytes())),
        }
    }

    fn view(&self, context: &DocContext, id: &str) -> Option<EntryView> {
        let &at = self.index.get(id)?;
        let tags = context.tags();
        let mut bundle = None;
        model::view_entry(&self.file, at, &context.locale, &tags, &mut bundle).map(|(_, view)| view)
    }
}

/// The outcome of one unit, with a warning to show if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Applied {
    pub result: UnitResult,
    pub note: Option<String>,
}

/// What a unit with a target does to its entry, decided from what the catalog says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Decision {
    /// The entry already holds this translation in this state.
    Unchanged { note: Option<String> },
    /// The entry is rewritten with the translation, made from `basis` (per source locale);
    /// with `review`, its sources unchanged, stale as marked for review.
    Write {
        basis: Vec<(String, String)>,
        stale: bool,
        review: bool,
        note: Option<String>,
    },
}

impl Catalog {
    /// Loads the catalog of `doc` in `locale`; `None` (with diagnostics) when it or its
    /// sources cannot be read, or it does not exist yet.
    pub fn load(
        project: &Project,
        doc: &str,
        locale: &Locale,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Option<Catalog>> {
        let Some(context) = DocContext::load(project, doc, locale, diagnostics)? else {
            return Ok(None);
        };
        let path = project.catalog_path(locale, doc);
        let Some(read) = super::read_catalog(project, &path, diagnostics)? else {
            return Ok(None);
        };
        let Some(text) = read else {
            diagnostics.push(
                Diagnostic::error(project.display(&path), "the catalog does not exist yet")
                    .help("run `honyaku sync` to create it, then import again"),
            );
            return Ok(None);
        };
        let tags = context.tags();
        let known: BTreeSet<&str> = context.sources.keys().map(String::as_str).collect();
        let form = match model::read_target_text(&text, &tags, &known) {
            Some(views) => Form::Read {
                views: views.into_iter().collect(),
                text,
            },
            None => {
                let Some(file) = super::parse_catalog(project, &path, &text, diagnostics) else {
                    return Ok(None);
                };
                Form::Parsed(Parsed::of(file, &text, &context))
            }
        };
        Ok(Some(Catalog {
            context,
            form,
            changed: 0,
        }))
    }

    /// The catalog parsed, once a unit changed it (`None` while nothing did).
    pub fn parsed(&self) -> Option<&Parsed> {
        match &self.form {
            Form::Parsed(parsed) if self.changed > 0 => Some(parsed),
            _ => None,
        }
    }

    /// Applies one unit: `Err` with the reason when it is skipped.
    pub fn apply(&mut self, unit: &Incoming) -> std::result::Result<Applied, String> {
        let Catalog {
            context,
            form,
            changed,
        } = self;
        let doc = &context.doc;
        let Some(current) = context.sources.get(&unit.id) else {
            // Its sentence left the source while the file was out. A unit the tool brought
            // back as it went out (untranslated, or the translation it was exported with)
            // has nothing to import; one translated or revised in the tool is reported.
            let untouched = match (&unit.target, unit.exported_target) {
                (None, _) => true,
                (Some(target), Some(exported)) => {
                    model::target_fingerprint(Some(target)) == exported
                }
                (Some(_), None) => false,
            };
            if untouched {
                return Ok(Applied {
                    result: UnitResult::Removed,
                    note: None,
                });
            }
            let kept = match form.obsolete_holds(&unit.id) {
                true => "; the catalog keeps the translation it had in its obsolete section",
                false => "",
            };
            return Err(format!(
                "\"{}\" skipped: \"{doc}\" has no message with this id any more (its sentence \
                 was removed from the source), so the translation made in the file has nowhere \
                 to go{kept}",
                unit.id
            ));
        };
        let Some(target) = &unit.target else {
            return Ok(Applied {
                result: UnitResult::Untranslated,
                note: None,
            });
        };
        let decision = match &*form {
            Form::Read { views, .. } => decide(context, current, views.get(&unit.id), unit),
            Form::Parsed(parsed) => decide(
                context,
                current,
                parsed.view(context, &unit.id).as_ref(),
                unit,
            ),
        }?;
        let (basis, stale, review, note) = match decision {
            Decision::Unchanged { note } => {
                return Ok(Applied {
                    result: UnitResult::Unchanged,
                    note,
                });
            }
            Decision::Write {
                basis,
                stale,
                review,
                note,
            } => (basis, stale || review, review, note),
        };
        let parsed = parse(context, form)?;
        let view = parsed
            .view(context, &unit.id)
            .ok_or_else(|| format!("\"{}\" skipped: the catalog lost its entry", unit.id))?;
        let at = view.at.entry;
        let raw = parsed.rebuild(
            context, &unit.id, at, target, &view, current, &basis, review,
        )?;
        let kind = ftl::parse(&raw)
            .ok()
            .and_then(|f| {
                f.entries
                    .into_iter()
                    .find(|e| matches!(e.kind, EntryKind::Message { .. }))
            })
            .map(|e| e.kind)
            .ok_or_else(|| format!("\"{}\" skipped: the rebuilt entry does not parse", unit.id))?;
        let entry = &mut parsed.file.entries[at];
        entry.raw = raw;
        entry.kind = kind;
        *changed += 1;
        Ok(Applied {
            result: if stale {
                UnitResult::ImportedStale
            } else {
                UnitResult::Imported
            },
            note,
        })
    }
}

/// The catalog `form` parsed, parsing it now if it was only read.
fn parse<'f>(
    context: &DocContext,
    form: &'f mut Form,
) -> std::result::Result<&'f mut Parsed, String> {
    if let Form::Read { text, .. } = form {
        let file = super::lite::parse(text).map_err(|_| {
            format!(
                "the {} catalog of \"{}\" does not parse",
                context.locale, context.doc
            )
        })?;
        *form = Form::Parsed(Parsed::of(file, text, context));
    }
    match form {
        Form::Parsed(parsed) => Ok(parsed),
        Form::Read { .. } => unreachable!("parsed just above"),
    }
}

/// What `unit` (which has a target) does to its entry, seen as `view` (`None`: the catalog
/// has no entry for it), given the document's `current` sources of its id: `Err` with the
/// reason when it is skipped.
fn decide(
    context: &DocContext,
    current: &[model::SourceText],
    view: Option<&EntryView>,
    unit: &Incoming,
) -> std::result::Result<Decision, String> {
    let doc = &context.doc;
    let target = unit.target.as_deref().unwrap_or_default();
    let Some(view) = view else {
        return Err(format!(
            "\"{}\" skipped: the {} catalog of \"{doc}\" has no entry for it",
            unit.id, context.locale
        ));
    };
    if view.is_message && view.target.is_none() {
        return Err(format!(
            "\"{}\" skipped: its message uses Fluent syntax honyaku cannot resolve; edit it in the catalog",
            unit.id
        ));
    }
    // The catalog's translation changed while the file was out (edited, synced, or another
    // file imported): the file's unit is older. Left as the translator saw it in the tool,
    // it does not take the newer translation back; changed there too, neither wins.
    if let Some(exported) = unit.exported_target {
        let now = view.target.as_deref();
        if model::target_fingerprint(now) != exported && now != Some(target) {
            if model::target_fingerprint(Some(target)) == exported {
                return Ok(Decision::Unchanged { note: None });
            }
            return Err(format!(
                "\"{}\" skipped: its translation in the catalog changed after this file was exported, and the file changes it too (catalog: \"{}\"; file: \"{}\"); compare the two, then edit the catalog or export again",
                unit.id,
                now.unwrap_or_default(),
                target
            ));
        }
    }
    // What the translation is taken to be made from, per source locale of the document
    // (`None`: nothing). A source whose text is gone since counts as well as one that
    // changed: the entry shows it as a `was` line without a current one, as a sync does.
    let tags = context.tags();
    let now = |locale: &str| current.iter().find(|s| s.locale == locale);
    let mut basis: Vec<(String, Option<String>)> = Vec::new();
    let mut changed = false;
    for &locale in &tags {
        let exported = unit.exported.iter().find(|e| e.locale == locale);
        let moved = exported
            .and_then(|e| e.fingerprint)
            .is_some_and(|fp| now(locale).is_none_or(|s| s.fingerprint != fp));
        let text = if moved {
            changed = true;
            match exported.and_then(|e| e.text.clone()) {
                Some(text) => Some(text),
                None => {
                    return Err(format!(
                        "\"{}\" skipped: its {locale} source changed since the export and the file does not carry the exported text",
                        unit.id
                    ));
                }
            }
        } else {
            now(locale).map(|s| s.text.clone())
        };
        basis.push((locale.to_owned(), text));
    }
    if unit.needs_review && !changed {
        // Stale against what it was stale against before, or the file's previous source.
        for (locale, text) in &mut basis {
            let was = view
                .was
                .iter()
                .filter(|_| view.stale)
                .chain(&unit.previous)
                .find(|p| &p.locale == locale);
            if let Some(was) = was {
                *text = Some(was.text.clone());
            }
        }
    }
    let basis: Vec<(String, String)> = basis
        .into_iter()
        .filter_map(|(locale, text)| Some((locale, text?)))
        .collect();
    let stale = tags.iter().any(|&locale| {
        let made_from = basis.iter().find(|(l, _)| l == locale).map(|(_, t)| t);
        made_from.is_some_and(|text| now(locale).is_none_or(|s| &s.text != text))
    });
    // Marked as needing review with its sources unchanged (or the file's previous source the
    // current one): stale all the same, the source it was exported with as its previous
    // source, until revised or accepted like any stale translation.
    let review = unit.needs_review && !stale;
    // A stale translation that comes back as it was stays stale, flagged or not: some
    // tools (OmegaT) drop the flag of an entry nobody touched, and a stale translation
    // must never turn current silently. Revising it (a new target) is what clears it.
    if view.target.as_deref() == Some(target) && (view.stale || !(stale || review)) {
        return Ok(Decision::Unchanged { note: None });
    }
    // A term reference the catalog's translation used is replaced by the tool's plain text:
    // said, so that it can be put back.
    let note = (view.placeables && view.target.as_deref() != Some(target)).then(|| {
        format!(
            "\"{}\": its translation in the catalog uses Fluent placeables (a term such as `{{ -brand }}`), which the imported plain text replaces; put them back in the catalog if they should stay",
            unit.id
        )
    });
    Ok(Decision::Write {
        basis,
        stale,
        review,
        note,
    })
}

impl Parsed {
    /// The new bytes of entry `at`: the translator's lines where they were, source lines on
    /// the basis, and the value, rendered by the catalog merge.
    #[allow(clippy::too_many_arguments)]
    fn rebuild(
        &self,
        context: &DocContext,
        id: &str,
        at: usize,
        target: &str,
        view: &EntryView,
        current: &[model::SourceText],
        basis: &[(String, String)],
        review: bool,
    ) -> std::result::Result<String, String> {
        let tags = context.tags();
        let entry = &self.file.entries[at];
        let (comment, body) = match &entry.kind {
            EntryKind::Message { comment, body, .. } => {
                (comment.clone().unwrap_or_default(), Some(body.as_str()))
            }
            _ => {
                // A placeholder: every line but the last (`# id =`), unless that last line is a
                // translation written in the slot, which is the translator's and stays.
                let lines: Vec<&str> = entry.raw.lines().collect();
                let last = lines.last().copied().unwrap_or_default();
                let keep = match notes::classify(last, &tags) {
                    Note::Placeholder { .. } => lines.len() - 1,
                    _ => lines.len(),
                };
                (
                    lines[..keep].iter().map(|l| format!("{l}\n")).collect(),
                    None,
                )
            }
        };
        let mut lines: Vec<String> = Vec::new();
        let mut sources_at = None;
        for line in comment.lines() {
            let line = line.trim_end_matches('\r');
            match notes::classify(line, &tags) {
                Note::Foreign(_) | Note::CommentedTranslation { .. } => lines.push(line.to_owned()),
                _ => {
                    sources_at.get_or_insert(lines.len());
                }
            }
        }
        // Marked for review: a stale mark with `# was` lines holding the current sources,
        // which the merge below keeps as such (and every later sync, through the ledger).
        let review_lines = review
            .then(|| {
                std::iter::once(notes::render(&Note::Stale)).chain(basis.iter().map(
                    |(locale, text)| {
                        notes::render(&Note::Was {
                            locale: locale.clone(),
                            text: text.clone(),
                        })
                    },
                ))
            })
            .into_iter()
            .flatten();
        let source_lines = review_lines.chain(basis.iter().map(|(locale, text)| {
            notes::render(&Note::Source {
                locale: locale.clone(),
                text: text.clone(),
            })
        }));
        let at_line = sources_at.unwrap_or(lines.len());
        lines.splice(at_line..at_line, source_lines);
        let mut text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        match body {
            Some(body) if view.target.as_deref() == Some(target) => {
                text.push_str(&body.replace("\r\n", "\n"));
            }
            _ => text.push_str(&write_message(id, target)),
        }
        let mini = ftl::parse(&text)
            .map_err(|_| format!("\"{id}\" skipped: the rebuilt entry does not parse"))?;
        let plan = Plan {
            documents: context
                .source_locales
                .iter()
                .map(|l| {
                    (
                        l.clone(),
                        Document {
                            source: String::new(),
                            blocks: Vec::new(),
                            segments: Vec::new(),
                        },
                    )
                })
                .collect(),
            units: vec![PlanUnit {
                id: id.to_owned(),
                kind: BlockKind::Paragraph,
                texts: current
                    .iter()
                    .filter_map(|s| Some((s.locale.parse().ok()?, s.text.clone())))
                    .collect(),
                segments: Vec::new(),
                score: None,
            }],
            retired: BTreeSet::new(),
            known: BTreeSet::from([id.to_owned()]),
            changes: Changes::default(),
            unmatched_pins: Vec::new(),
        };
        let role = Role::Target {
            locale: &context.locale,
        };
        let merged = merge::merge(
            &context.doc,
            &plan,
            role,
            Some(&mini),
            merge::History::default(),
        );
        let merged = ftl::parse(merged.text())
            .map_err(|_| format!("\"{id}\" skipped: the merged entry does not parse"))?;
        let raw = merged
            .entries
            .into_iter()
            .find(|e| matches!(&e.kind, EntryKind::Message { id: found, .. } if found == id))
            .map(|e| e.raw)
            .ok_or_else(|| format!("\"{id}\" skipped: the merge lost the entry"))?;
        Ok(if self.crlf {
            raw.replace('\n', "\r\n")
        } else {
            raw
        })
    }
}
