//! The command line: clap arguments, validated into a [`Command`] that the library runs.
//! Nothing here does work; `run` in lib.rs matches on the command once.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::error::{Error, Result};
use crate::locale::Locale;
use crate::publish::{BuildFormat, BuildOptions};

#[derive(Debug, Parser)]
#[command(
    name = "honyaku",
    version,
    about = "Keep Japanese originals, English releases and their translations in sync through Fluent files",
    after_help = "Exit codes: 0 success, 1 problems found (files skipped, QA errors, strict fallbacks), 2 usage or I/O error.\nRun `honyaku <command> --help` for examples."
)]
struct Cli {
    /// When to colour output: auto (a terminal without NO_COLOR), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// When another honyaku is writing to the project, exit with 2 naming it instead of
    /// waiting for it to finish.
    #[arg(long, global = true)]
    no_wait: bool,
    #[command(subcommand)]
    command: CliCommand,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Output for people or for machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Html,
}

/// `build --format`: one of the output formats the build knows ([`BuildFormat::all`]).
fn build_format() -> impl clap::builder::TypedValueParser<Value = BuildFormat> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(BuildFormat::all().map(BuildFormat::name)).try_map(
        |name: String| BuildFormat::named(&name).ok_or_else(|| format!("unknown format `{name}`")),
    )
}

/// The git revisions `diff --since` compares: `since` against `until`, or against the
/// working files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    pub since: String,
    pub until: Option<String>,
}

#[derive(Debug, Args)]
struct ProjectArg {
    /// Project directory (holding source_texts/ and locales/).
    #[arg(short = 'C', long = "dir", value_name = "DIR", default_value = ".")]
    dir: PathBuf,
}

/// What `export` and `suggest` work on: a project, one of its translation locales and some
/// of its documents.
#[derive(Debug, Args)]
struct TargetArgs {
    #[command(flatten)]
    project: ProjectArg,
    /// The translation locale.
    #[arg(long, value_name = "LOCALE")]
    locale: String,
    /// Documents to work on (default: all).
    #[arg(value_name = "DOC")]
    documents: Vec<String>,
}

#[derive(Debug, Subcommand)]
enum CliCommand {
    /// Lay out a new project: source folders, target locale folders and git settings.
    #[command(
        after_help = "Examples:\n  honyaku init --target fr --target zh-Hans\n  honyaku init -C releases --target fr\n\nCreates source_texts/<original>/ and source_texts/<parallel>/ (ja and en unless honyaku.toml says otherwise), locales/<target>/ per --target, and adds `/.honyaku/`, `/.honyaku.lock` and `/exchange/` (exports for translators) to .gitignore and `honyaku.seals merge=union` to .gitattributes. It only adds: running it again changes nothing."
    )]
    Init {
        #[command(flatten)]
        project: ProjectArg,
        /// A translation locale to create `locales/<LOCALE>/` for (repeatable).
        #[arg(long = "target", value_name = "LOCALE")]
        targets: Vec<String>,
    },
    /// Split a release into blocks and sentences.
    #[command(
        after_help = "Examples:\n  honyaku segment source_texts/ja/2020-05-01-g20-digital-economy.txt\n  honyaku segment notes.txt --lang en --format json"
    )]
    Segment {
        /// The release text.
        file: PathBuf,
        /// Language of the text (default: taken from a source_texts/<locale>/ path, else from
        /// the script: kana make Japanese, Han Chinese, Latin letters a spaced language).
        #[arg(long, value_name = "LOCALE")]
        lang: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Segment every source text and update every locale's Fluent files (the main job).
    #[command(
        after_help = "Examples:\n  honyaku sync\n  honyaku sync -C path/to/project --dry-run\n  honyaku sync --quiet        # CI: the summary line and pairings to check\n  honyaku sync --format json\n  honyaku sync --check          # in CI: exit 1 if a sync would change anything\n  honyaku sync --accept 2024-05-radio/overview-3   # its translations stay as they are\n  honyaku sync --accept fr/2024-05-radio/overview-3   # in fr only\n  honyaku sync --no-wait   # exit 2 instead of waiting for another run"
    )]
    Sync {
        #[command(flatten)]
        project: ProjectArg,
        #[command(flatten)]
        ledger: SyncLedgerArgs,
        /// Report what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
        /// Print only the pairings to check and the summary line (errors and warnings still
        /// go to stderr).
        #[arg(long, short)]
        quiet: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Translation progress per locale and document.
    #[command(after_help = "Examples:\n  honyaku status\n  honyaku status --format json")]
    Status {
        #[command(flatten)]
        project: ProjectArg,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Compare two revisions of a release, or the working sources with what is tracked.
    #[command(
        after_help = "Examples:\n  honyaku diff old.txt new.txt --lang ja\n  honyaku diff old.txt new.txt --format html -o report.html\n  honyaku diff                 # what the next sync would change\n  honyaku diff --locale fr     # what fr translators must revisit\n  honyaku diff --since v1.0    # the source texts now against the tag v1.0 (git)\n  honyaku diff --since v1.0 --until v1.1 --format html -o report.html\n  honyaku diff --since HEAD~1 --locale fr   # the fr catalogs against the last commit"
    )]
    Diff {
        /// The older revision (with NEW); without files, compare the project's sources.
        old: Option<PathBuf>,
        /// The newer revision.
        new: Option<PathBuf>,
        /// Language of OLD and NEW (default: from a `<locale>/` folder in the path, else
        /// detected from the script; a Latin-script text is diffed as a spaced language).
        #[arg(long, value_name = "LOCALE")]
        lang: Option<String>,
        /// Show the segments that this locale's translators must revisit.
        #[arg(long, value_name = "LOCALE", conflicts_with_all = ["old", "new"])]
        locale: Option<String>,
        /// Compare with the project's state at this git revision (commit, tag, branch).
        #[arg(long, value_name = "REV", conflicts_with_all = ["old", "new"])]
        since: Option<String>,
        /// With --since: compare with this revision instead of the working files.
        #[arg(long, value_name = "REV", requires = "since")]
        until: Option<String>,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Write the report to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        project: ProjectArg,
    },
    /// Align a Japanese original with its English release, sentence by sentence.
    #[command(
        after_help = "Example:\n  honyaku align source_texts/ja/2020-05-01-g20-digital-economy.txt source_texts/en/2020-05-01-g20-digital-economy.txt"
    )]
    Align {
        /// The original (Japanese by default).
        original: PathBuf,
        /// The translation (English by default).
        translation: PathBuf,
        /// Locales of the two files.
        #[arg(long, value_name = "LOCALE", default_value = "ja")]
        original_lang: String,
        #[arg(long, value_name = "LOCALE", default_value = "en")]
        translation_lang: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Render every document in every locale, with fallback.
    #[command(
        after_help = "Examples:\n  honyaku build\n  honyaku build --locale fr --format html --out public\n  honyaku build --strict --min-complete 90.5\n  honyaku build --check --format html     # QA errors keep a page unpublished\n  honyaku build --preview --format html   # fallback text highlighted for review\n  honyaku build --check --quiet           # CI: the summary and what was not published"
    )]
    Build {
        #[command(flatten)]
        project: ProjectArg,
        /// Only these locales (default: all).
        #[arg(long = "locale", value_name = "LOCALE")]
        locales: Vec<String>,
        /// Output directory.
        #[arg(long, value_name = "DIR", default_value = "dist")]
        out: PathBuf,
        /// Output formats (repeatable).
        #[arg(long = "format", value_parser = build_format(), default_value = "txt")]
        formats: Vec<BuildFormat>,
        /// Exit with 1 if any segment fell back to another locale; implies --check.
        #[arg(long)]
        strict: bool,
        /// Run the QA checks first: a document whose translation has errors in a locale is
        /// not published in that locale (its previous output stays).
        #[arg(long)]
        check: bool,
        /// Highlight text that fell back to another language (for review, not publishing).
        #[arg(long)]
        preview: bool,
        /// Skip documents less complete than this percentage in a locale (decimals allowed;
        /// default: skip only a page with nothing in its locale, `0` builds even those).
        #[arg(long, value_name = "PCT", value_parser = percentage)]
        min_complete: Option<f64>,
        #[arg(long = "report", value_enum, default_value_t = Format::Text)]
        report: Format,
        /// Print only the summary line and the pages not published (text report; `--report
        /// json` is unchanged).
        #[arg(long, short)]
        quiet: bool,
    },
    /// Write a locale's translations for CAT tools: XLIFF 2.0, XLIFF 1.2, PO or TMX.
    #[command(
        after_help = "One file for every document named (all by default), or one per document when -o is a directory (existing, or ending in /).\nXLIFF and PO files leave out units without text in the --from language (counted, their documents named): by default sentences only the English release has (export them --from en), with --from en those it lacks (export them --from ja).\nExamples:\n  honyaku export --locale fr --format xliff12 -o fr.xlf\n  honyaku export --locale de --from en --format po -o po/\n  honyaku export --locale fr 2020-05-01-g20-digital-economy --format xliff2 -o g20.xlf\n  honyaku export --locale fr --format tmx -o fr.tmx      # a translation memory"
    )]
    Export {
        #[command(flatten)]
        target: TargetArgs,
        #[arg(long, value_enum)]
        format: crate::exchange::ExchangeFormat,
        /// Source language of the units: the original (default) or the English release.
        #[arg(long, value_name = "LOCALE")]
        from: Option<String>,
        /// Output file, or directory for one file per document.
        #[arg(short, long, value_name = "PATH")]
        output: PathBuf,
    },
    /// Write the translations of XLIFF or PO files back into the catalogs.
    #[command(
        after_help = "Units whose source changed since the export, and units marked as needing review, come back stale.\nExit code 1 when any unit or file was skipped.\nExamples:\n  honyaku import fr.xlf\n  honyaku import po/*.po --dry-run\n  honyaku import fr.xlf --format json"
    )]
    Import {
        #[command(flatten)]
        project: ProjectArg,
        /// XLIFF 2.0, XLIFF 1.2 or PO files (the format is detected).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Report what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Suggestions from the translation memory for untranslated and stale entries.
    #[command(
        after_help = "The memory is every current translation of the locale in the project's catalogs, the\nobsolete ones, and the TMX files in memory/<locale>/ (`honyaku import FILE.tmx` puts one\nthere). Nothing is written into the catalogs.\nExamples:\n  honyaku suggest --locale fr\n  honyaku suggest --locale fr 2021-03-26-5g-regional-deployment-plan\n  honyaku suggest --locale zh-Hans --threshold 85 --format json\n  honyaku suggest --locale fr --apply --min 100 --dry-run   # what exact matches would fill"
    )]
    Suggest {
        #[command(flatten)]
        target: TargetArgs,
        /// Lowest score of a fuzzy match, in percent (a match that differs only in figures
        /// is shown with the figures replaced whatever its score).
        /// Default: `[memory] threshold` in honyaku.toml, else 75.
        #[arg(long, value_name = "PCT", value_parser = clap::value_parser!(u8).range(1..=100))]
        threshold: Option<u8>,
        /// At most this many suggestions per entry (default: `[memory] max`, else 3).
        #[arg(long, value_name = "N")]
        max: Option<usize>,
        /// Write the best suggestion into each untranslated entry whose best suggestion
        /// scores at least --min (at 100: exact matches only), with a comment line saying it
        /// came from the memory. Stale entries are never overwritten.
        #[arg(long)]
        apply: bool,
        /// The lowest score --apply writes.
        #[arg(long, value_name = "PCT", default_value_t = 100, requires = "apply", value_parser = clap::value_parser!(u8).range(1..=100))]
        min: u8,
        /// With --apply: show what would be written, write nothing.
        #[arg(long, requires = "apply")]
        dry_run: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Quality checks between each source segment and its translation.
    #[command(
        after_help = "Examples:\n  honyaku check\n  honyaku check --format json\n  honyaku check --quiet        # CI: the errors and the counts\nSilence a check for one message with a comment above it: `# honyaku-ignore: numbers`"
    )]
    Check {
        #[command(flatten)]
        project: ProjectArg,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Print the errors and the counts, not the warnings' lines (text format; JSON lists
        /// every finding).
        #[arg(long, short)]
        quiet: bool,
    },
    /// Language server for translators' editors (LSP over standard input and output).
    #[command(
        after_help = "Started by an editor, not by hand: it speaks the Language Server Protocol on stdin/stdout
and finds the project from each opened file. See \"Editors\" in README.md for Neovim,
Helix and VS Code.
Example (Neovim):
  vim.lsp.start({ name = 'honyaku', cmd = { 'honyaku', 'lsp' }, root_dir = vim.fs.root(0, 'source_texts') })"
    )]
    Lsp,
}

/// The flags of `sync` that read or change the ledger of stale marks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Args)]
pub struct SyncLedgerArgs {
    /// Write nothing; exit 1 and list the documents whose catalogs a sync would change.
    #[arg(long, conflicts_with = "dry_run")]
    pub check: bool,
    /// Mark the translations of DOC/ID (in every translation locale) or LOCALE/DOC/ID as
    /// made from the current sources (clears a stale mark without changing the translation).
    /// Repeatable.
    #[arg(long, value_name = "[LOCALE/]DOC/ID")]
    pub accept: Vec<String>,
}

/// What the user asked for, validated.
#[derive(Debug)]
pub enum Command {
    Init {
        dir: PathBuf,
        targets: Vec<Locale>,
    },
    Segment {
        file: PathBuf,
        lang: Option<Locale>,
        format: Format,
    },
    Sync {
        dir: PathBuf,
        dry_run: bool,
        quiet: bool,
        format: Format,
        ledger: SyncLedgerArgs,
    },
    Status {
        dir: PathBuf,
        format: Format,
    },
    DiffFiles {
        old: PathBuf,
        new: PathBuf,
        lang: Option<Locale>,
        format: DiffFormat,
        output: Option<PathBuf>,
    },
    DiffProject {
        dir: PathBuf,
        locale: Option<Locale>,
        history: Option<History>,
        format: DiffFormat,
        output: Option<PathBuf>,
    },
    Align {
        original: PathBuf,
        translation: PathBuf,
        original_lang: Locale,
        translation_lang: Locale,
        format: Format,
    },
    Build {
        options: BuildOptions,
        /// How to print the build report.
        report: Format,
        /// The summary line and the pages not published only.
        quiet: bool,
    },
    Check {
        dir: PathBuf,
        format: Format,
        /// The errors' lines and the counts only.
        quiet: bool,
    },
    Export(crate::exchange::ExportOptions),
    Import {
        options: crate::exchange::ImportOptions,
        format: Format,
    },
    Lsp,
    Suggest(SuggestOptions),
}

/// What `honyaku suggest` was asked for.
#[derive(Debug, Clone)]
pub struct SuggestOptions {
    pub dir: PathBuf,
    pub locale: Locale,
    pub documents: Vec<String>,
    /// `None`: the project's `[memory]` settings.
    pub threshold: Option<u8>,
    pub max: Option<usize>,
    /// `--apply`: the lowest score written, and whether it is a dry run.
    pub apply: Option<(u8, bool)>,
    pub format: Format,
}

/// The validated invocation: a command plus how to print.
#[derive(Debug)]
pub struct Invocation {
    pub command: Command,
    pub color: bool,
    /// Whether a command that writes waits for the project lock (`--no-wait`).
    pub wait: crate::fsio::LockWait,
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Parsed {
    /// A valid command to run.
    Run(Invocation),
    /// Clap has printed help, the version or a usage error: exit with this code.
    Exit(i32),
    /// The arguments parse but make no sense (an unknown locale, a bad tag): report it.
    Invalid(Error),
}

/// Parses and validates the arguments (the first is the program name).
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Parsed {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() {
                crate::error::EXIT_ERROR
            } else {
                crate::error::EXIT_OK
            };
            // Printing can only fail on a closed pipe, where there is nobody to tell.
            let _ = error.print();
            return Parsed::Exit(code);
        }
    };
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let command = match validate(cli.command) {
        Ok(command) => command,
        Err(error) => return Parsed::Invalid(error),
    };
    let wait = if cli.no_wait {
        crate::fsio::LockWait::NoWait
    } else {
        crate::fsio::LockWait::Wait
    };
    Parsed::Run(Invocation {
        command,
        color,
        wait,
    })
}

/// A percentage from 0 to 100, decimals allowed (`90.5`).
fn percentage(value: &str) -> std::result::Result<f64, String> {
    match value.trim().parse::<f64>() {
        Ok(pct) if (0.0..=100.0).contains(&pct) => Ok(pct),
        _ => Err(format!(
            "`{value}` is not a percentage from 0 to 100 (e.g. 90 or 90.5)"
        )),
    }
}

fn locale(tag: &str) -> Result<Locale> {
    tag.parse()
        .map_err(|e: crate::locale::LocaleError| Error::Usage(e.to_string()))
}

fn optional_locale(tag: Option<String>) -> Result<Option<Locale>> {
    tag.as_deref().map(locale).transpose()
}

/// A `--lang` value: a well-formed tag of a real language (`zz` is rejected, not guessed at).
fn language(tag: &str) -> Result<Locale> {
    let locale = locale(tag)?;
    if !crate::locale::is_known_language(&locale) {
        return Err(Error::Usage(format!(
            "`{tag}` is not a known language (ISO 639); use a tag such as ja, en, fr or zh-Hans"
        )));
    }
    Ok(locale)
}

fn optional_language(tag: Option<String>) -> Result<Option<Locale>> {
    tag.as_deref().map(language).transpose()
}

fn validate(command: CliCommand) -> Result<Command> {
    Ok(match command {
        CliCommand::Segment { file, lang, format } => Command::Segment {
            file,
            lang: optional_language(lang)?,
            format,
        },
        CliCommand::Sync {
            project,
            ledger,
            dry_run,
            quiet,
            format,
        } => Command::Sync {
            dir: project.dir,
            dry_run,
            quiet,
            format,
            ledger,
        },
        CliCommand::Status { project, format } => Command::Status {
            dir: project.dir,
            format,
        },
        CliCommand::Diff {
            old,
            new,
            lang,
            locale: for_locale,
            since,
            until,
            format,
            output,
            project,
        } => match (old, new) {
            (Some(old), Some(new)) => Command::DiffFiles {
                old,
                new,
                lang: optional_language(lang)?,
                format,
                output,
            },
            (None, None) => Command::DiffProject {
                dir: project.dir,
                locale: optional_locale(for_locale)?,
                history: since.map(|since| History { since, until }),
                format,
                output,
            },
            _ => {
                return Err(Error::Usage(
                    "diff takes two files (OLD and NEW) or none".into(),
                ));
            }
        },
        CliCommand::Align {
            original,
            translation,
            original_lang,
            translation_lang,
            format,
        } => Command::Align {
            original,
            translation,
            original_lang: language(&original_lang)?,
            translation_lang: language(&translation_lang)?,
            format,
        },
        CliCommand::Build {
            project,
            locales,
            out,
            formats,
            strict,
            check,
            preview,
            min_complete,
            report,
            quiet,
        } => {
            let mut formats = formats;
            formats.sort();
            formats.dedup();
            let options = BuildOptions {
                dir: project.dir,
                locales: locales
                    .iter()
                    .map(|tag| locale(tag))
                    .collect::<Result<_>>()?,
                out,
                formats,
                strict,
                check: check || strict,
                preview,
                min_complete,
            };
            Command::Build {
                options,
                report,
                quiet,
            }
        }
        CliCommand::Check {
            project,
            format,
            quiet,
        } => Command::Check {
            dir: project.dir,
            format,
            quiet,
        },
        CliCommand::Export {
            target,
            format,
            from,
            output,
        } => Command::Export(crate::exchange::ExportOptions {
            dir: target.project.dir,
            locale: locale(&target.locale)?,
            documents: target.documents,
            format,
            from: optional_locale(from)?,
            output,
        }),
        CliCommand::Import {
            project,
            files,
            dry_run,
            format,
        } => Command::Import {
            options: crate::exchange::ImportOptions {
                dir: project.dir,
                files,
                dry_run,
            },
            format,
        },
        CliCommand::Lsp => Command::Lsp,
        CliCommand::Init { project, targets } => Command::Init {
            dir: project.dir,
            targets: targets
                .iter()
                .map(|tag| locale(tag))
                .collect::<Result<_>>()?,
        },
        CliCommand::Suggest {
            target,
            threshold,
            max,
            apply,
            min,
            dry_run,
            format,
        } => Command::Suggest(SuggestOptions {
            dir: target.project.dir,
            locale: locale(&target.locale)?,
            documents: target.documents,
            threshold,
            max,
            apply: apply.then_some((min, dry_run)),
            format,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
