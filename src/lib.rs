//! honyaku: keeps Japanese originals, English releases and their translations in sync
//! through Fluent files, from segmentation to published output.
//!
//! The pipeline stages each live in one module and hand a plain data type to the next:
//! `segment` (text → [`segment::Document`]), `align` (two documents → beads),
//! `catalog` (documents → `.ftl` files), `diff` (two segment lists → changes),
//! `publish` (catalogs → localized output) and `qa` (catalogs → findings).
//! `commands` wires them to the command line. See ARCHITECTURE.md for the map.

#![warn(missing_docs)]

pub mod align;
pub mod catalog;
pub(crate) mod cli;
pub(crate) mod commands;
pub mod diff;
pub(crate) mod error;
pub(crate) mod exchange;
pub mod figures;
pub(crate) mod fingerprint;
pub(crate) mod formatted;
pub(crate) mod fsio;
pub(crate) mod git;
pub(crate) mod init;
pub mod locale;
pub mod lsp;
pub mod memory;
pub mod project;
pub(crate) mod publish;
pub(crate) mod qa;
pub(crate) mod report;
pub mod segment;
pub(crate) mod ui;

use std::ffi::OsString;

use crate::cli::{Command, Parsed};
use crate::error::{EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS};

/// Runs honyaku with these arguments (the first is the program name) and returns the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let invocation = match cli::parse(args) {
        Parsed::Run(invocation) => invocation,
        Parsed::Exit(code) => return code,
        Parsed::Invalid(error) => {
            eprintln!("{error}");
            return EXIT_ERROR;
        }
    };
    let color = invocation.color;
    let outcome = match invocation.command {
        Command::Init { dir, targets } => commands::init(&dir, &targets),
        Command::Segment { file, lang, format } => commands::segment(&file, lang, format),
        Command::Sync {
            dir,
            dry_run,
            quiet,
            format,
            ledger,
        } => commands::sync(&dir, dry_run, quiet, format, &ledger, invocation.wait),
        Command::Status { dir, format } => commands::status(&dir, format),
        Command::Build {
            options,
            report,
            quiet,
        } => commands::build(&options, report, quiet, invocation.wait),
        Command::Check { dir, format, quiet } => commands::check(&dir, format, quiet),
        Command::Export(options) => commands::export(&options),
        Command::Import { options, format } => commands::import(&options, format, invocation.wait),
        Command::Lsp => lsp::run_stdio(),
        Command::Suggest(options) => commands::suggest(&options, invocation.wait),
        Command::Align {
            original,
            translation,
            original_lang,
            translation_lang,
            format,
        } => commands::align(
            &original,
            &translation,
            &original_lang,
            &translation_lang,
            format,
        ),
        Command::DiffFiles {
            old,
            new,
            lang,
            format,
            output,
        } => commands::diff_files(&old, &new, lang, format, output.as_deref(), color),
        Command::DiffProject {
            dir,
            locale,
            history,
            format,
            output,
        } => commands::diff_project(
            &dir,
            locale,
            history.as_ref(),
            format,
            output.as_deref(),
            color,
        ),
    };
    match outcome {
        Ok(report) => {
            for diagnostic in &report.diagnostics {
                eprintln!("{diagnostic}");
            }
            if report.failed() {
                EXIT_PROBLEMS
            } else {
                EXIT_OK
            }
        }
        Err(error) => {
            eprintln!("{error}");
            EXIT_ERROR
        }
    }
}
