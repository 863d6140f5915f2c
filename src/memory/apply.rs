//! `honyaku suggest --apply`: the explicit act that writes suggestions into the catalogs.
//! Only untranslated entries (`# id =` slots) are filled, only with a suggestion scoring at
//! least the requested minimum (and, at 100, only exact ones), and each filled entry gets a
//! comment line saying it came from the memory, which stays until a translator deletes it
//! (sync keeps people's comment lines). A catalog is only written when it is exactly what a
//! sync would write (so the slot's line is where the state says), atomically, and not if it
//! changed meanwhile.

use serde::Serialize;

use super::{Origin, Report, Want};
use crate::catalog;
use crate::catalog::notes::is_memory_line;
use crate::catalog::state::{EntryState, LineEnding};
use crate::catalog::value::write_message;
use crate::error::{Diagnostic, Result};
use crate::fsio::{self, ReadError};
use crate::locale::Locale;
use crate::project::Project;

/// The comment line above a translation filled from the memory.
pub(crate) const MEMORY_MARK: &str = "# from memory:";

/// One entry filled (or, in a dry run, that would be).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Filled {
    pub document: String,
    pub id: String,
    pub score: u8,
    pub translation: String,
    pub from: Origin,
}

/// What `--apply` did.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Applied {
    pub dry_run: bool,
    pub min: u8,
    pub filled: Vec<Filled>,
    /// Catalogs written (or that would be).
    pub catalogs: Vec<String>,
}

/// Fills the untranslated entries of `report` whose best suggestion scores at least `min`.
pub(crate) fn apply(
    project: &Project,
    locale: &Locale,
    report: &Report,
    min: u8,
    dry_run: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Applied> {
    let mut applied = Applied {
        dry_run,
        min,
        ..Applied::default()
    };
    let mut documents: Vec<&str> = report.entries.iter().map(|e| e.document.as_str()).collect();
    documents.dedup();
    let batch = fsio::Batch::default();
    for doc in documents {
        let chosen: Vec<Filled> = report
            .entries
            .iter()
            .filter(|e| e.document == doc && e.want == Want::Missing)
            .filter_map(|e| {
                let best = e.suggestions.first()?;
                let good = best.score >= min && (min < 100 || best.exact);
                good.then(|| Filled {
                    document: e.document.clone(),
                    id: e.id.clone(),
                    score: best.score,
                    translation: best.translation.clone(),
                    from: best.from.clone(),
                })
            })
            .collect();
        if chosen.is_empty() {
            continue;
        }
        let path = project.catalog_path(locale, doc);
        let shown = project.display(&path).to_owned();
        let read = match fsio::read_text_identified(&path) {
            Ok(read) => read,
            Err(ReadError::Io(error)) => return Err(error),
            Err(ReadError::Content(diagnostic)) => {
                diagnostics.push(Diagnostic {
                    path: shown,
                    ..diagnostic
                });
                continue;
            }
        };
        let mut local = Vec::new();
        let state = catalog::prepare(project, doc, &mut local)?.and_then(|mut prepared| {
            if let Some(lines) = report.sync_lines.get(doc) {
                prepared.set_memory_notes(locale, lines.clone());
            }
            prepared.state(locale)
        });
        let Some(state) = state.filter(|s| s.text() == read.text) else {
            diagnostics.push(
                Diagnostic::warning(
                    shown,
                    "not filled from the memory: the catalog is not as a sync would write it",
                )
                .help("run `honyaku sync` first, then apply again"),
            );
            continue;
        };
        let newline = match state.ending {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
        };
        let mut lines: Vec<String> = read.text.split_inclusive('\n').map(str::to_owned).collect();
        let mut filled_here = Vec::new();
        for filled in chosen {
            let Some(entry) = state.entry(&filled.id) else {
                continue;
            };
            let at = entry.lines.last;
            let slot = lines
                .get(at.wrapping_sub(1))
                .map(|l| l.trim_end_matches(['\n', '\r']));
            if entry.state != EntryState::Missing || slot != Some(&format!("# {} =", filled.id)) {
                continue;
            }
            let message = write_message(&filled.id, &filled.translation).replace('\n', newline);
            let exact = if filled.score == 100 {
                "exact"
            } else {
                "fuzzy"
            };
            let mark = format!(
                "{MEMORY_MARK} {}% {exact}, {}/{}; review the translation, then delete this line{newline}",
                filled.score, filled.from.document, filled.from.id
            );
            if let Some(line) = lines.get_mut(at - 1) {
                *line = mark + &message;
            }
            // The entry is translated now: the memory's lines above it go, as a sync would
            // remove them.
            for line in lines.iter_mut().take(at - 1).skip(entry.lines.first - 1) {
                if is_memory_line(line.trim_end_matches(['\n', '\r'])) {
                    line.clear();
                }
            }
            filled_here.push(filled);
        }
        if filled_here.is_empty() {
            continue;
        }
        let text: String = lines.concat();
        if catalog::ftl::parse(&text).is_err() {
            diagnostics.push(
                Diagnostic::error(
                    shown,
                    "filling from the memory would leave the catalog unparsable; not written",
                )
                .help("please report this as a bug"),
            );
            continue;
        }
        if !dry_run {
            batch.write(&path, text.as_bytes(), read.identity)?;
        }
        applied.catalogs.push(shown.to_string_lossy().into_owned());
        applied.filled.extend(filled_here);
    }
    if !dry_run {
        let committed = batch.commit()?;
        let lost = committed
            .conflicts
            .iter()
            .chain(committed.failed.iter().map(|(path, _)| path));
        for path in lost {
            let shown = project.display(path).to_string_lossy().into_owned();
            diagnostics.push(
                Diagnostic::error(
                    shown.clone(),
                    "changed while honyaku was filling it, or could not be replaced: left as it is",
                )
                .help("run the command again"),
            );
            applied.catalogs.retain(|c| *c != shown);
            applied
                .filled
                .retain(|f| project.catalog_path(locale, &f.document) != *path);
        }
    }
    Ok(applied)
}
