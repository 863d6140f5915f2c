//! HTML: one accessible page per document and locale (its `lang` and `dir`, fallback text
//! in its own language, tables, the language switcher), and each locale's index page. The
//! page chrome's words are honyaku's own ([`Ui`]); the style sheet is [`CSS`], once.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::layout::{OutBlock, has_header, joined, row_cells};
use super::{DocBuild, IndexPage, Page, Render};
use crate::locale::{Locale, Writing};
use crate::segment::BlockKind;
use crate::ui::{Ui, UiText};

/// `--format html`.
pub(super) struct Html;

impl Render for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn page(&self, page: &Page<'_>) -> String {
        html(page)
    }

    fn indexes(&self, builds: &[DocBuild]) -> Vec<IndexPage> {
        index_pages(builds)
    }

    fn index_name(&self) -> Option<&'static str> {
        Some(INDEX)
    }
}

/// Scripts written right to left, for the page's `dir`.
fn direction(locale: &Locale) -> &'static str {
    match locale.language() {
        "ar" | "he" | "fa" | "ur" | "ps" | "yi" | "dv" | "ckb" | "sd" | "ug" => "rtl",
        _ => "ltr",
    }
}

const CSS: &str = "body{margin:0;background:#f4f5f7;color:#1b1f24;font:16px/1.75 system-ui,-apple-system,\"Segoe UI\",\"Hiragino Sans\",\"Noto Sans CJK JP\",\"Noto Sans\",sans-serif}
main{max-width:46rem;margin:2rem auto;background:#fff;padding:2.5rem 3rem;border-top:6px solid #00357a;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.kind{margin:0 0 .25rem;color:#00357a;font-size:.85rem;letter-spacing:.08em;text-transform:uppercase}
h1{font-size:1.6rem;line-height:1.4;margin:.25rem 0 1rem}
.date{color:#555;margin:0 0 1.5rem}
h2{font-size:1.2rem;margin:2rem 0 .75rem;padding-bottom:.3rem;border-bottom:1px solid #d5d9e0}
ul{padding-inline-start:1.5rem}
li.depth-1{margin-inline-start:1.5rem}li.depth-2{margin-inline-start:3rem}
.note{font-size:.92rem;color:#444;border-inline-start:3px solid #d5d9e0;padding-inline-start:.75rem}
.label{font-weight:600;margin-bottom:0}
.marker{margin-inline-end:.4em}
a{color:#00357a;overflow-wrap:anywhere}
header .notice{background:#eef3fb;border-inline-start:4px solid #00357a;padding:.5rem .75rem;font-size:.92rem}
.date-label{font-weight:600}
table{border-collapse:collapse;margin:1rem 0;width:100%;font-size:.95rem}
th,td{border:1px solid #c9ced6;padding:.35rem .6rem;text-align:start;vertical-align:top}
thead th{background:#eef1f5}
td{font-variant-numeric:tabular-nums}
nav.languages{max-width:46rem;margin:0 auto 2rem;padding:0 3rem}
nav.languages ul{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;padding:0;margin:0}
nav.languages .index{margin-inline-start:auto}
[aria-current]{font-weight:600}
table.index td.n{text-align:end}
";

/// Added in `build --preview`: text that fell back to another language stands out.
const PREVIEW_CSS: &str = ".fallback{background:#fff7d6;outline:1px dashed #b58a00}\n";

/// The runs of a block as HTML; a run in another language than the page carries its own
/// `lang` (screen readers and fonts need it) and is marked as a fallback.
fn html_runs(block: &OutBlock<'_>, page: &Locale) -> String {
    let mut out = String::new();
    let mut previous: Option<&Locale> = None;
    for (text, locale) in &block.runs {
        if previous
            .is_some_and(|p| p.writing() == Writing::Spaced || locale.writing() == Writing::Spaced)
        {
            out.push(' ');
        }
        run_html(&mut out, text, locale, page);
        previous = Some(locale);
    }
    match block.marker.as_deref() {
        Some(marker)
            if !(marker.is_empty() || block.kind == BlockKind::ListItem && block.bullet) =>
        {
            format!(
                "<span class=\"marker\">{}</span>{out}",
                html_escape::encode_text(marker)
            )
        }
        _ => out,
    }
}

/// One UI message as HTML, with its own `lang` when it fell back to another language.
fn ui_html(text: &UiText, page: &Locale) -> String {
    let escaped = html_escape::encode_text(&text.text);
    if text.lang == page.language() || text.lang == page.tag() {
        escaped.into_owned()
    } else {
        format!(
            "<span lang=\"{}\">{escaped}</span>",
            html_escape::encode_double_quoted_attribute(&text.lang)
        )
    }
}

/// A text run as HTML: text in another language than the page carries its own `lang`
/// (screen readers and fonts need it) and the `fallback` class, highlighted only in preview.
fn run_html(out: &mut String, text: &str, locale: &Locale, page: &Locale) {
    let escaped = html_escape::encode_text(text);
    if locale.language() == page.language() {
        out.push_str(&escaped);
    } else {
        let _ = write!(
            out,
            "<span class=\"fallback\" lang=\"{}\">{escaped}</span>",
            html_escape::encode_double_quoted_attribute(locale.tag())
        );
    }
}

fn table_html(body: &mut String, rows: &[&OutBlock<'_>], page: &Locale) {
    body.push_str("<table>\n");
    let header = has_header(rows);
    for (k, row) in rows.iter().enumerate() {
        let head = header && k == 0;
        if head {
            body.push_str("<thead>\n");
        } else if k == usize::from(header) {
            body.push_str("<tbody>\n");
        }
        body.push_str("<tr>");
        for (n, (text, locale)) in row_cells(row).iter().enumerate() {
            let (open, close) = match (head, n) {
                (true, _) => ("<th scope=\"col\">", "</th>"),
                (false, 0) if header => ("<th scope=\"row\">", "</th>"),
                _ => ("<td>", "</td>"),
            };
            body.push_str(open);
            run_html(body, text, locale, page);
            body.push_str(close);
        }
        body.push_str("</tr>\n");
        if head {
            body.push_str("</thead>\n");
        }
    }
    if rows.len() > usize::from(header) {
        body.push_str("</tbody>\n");
    }
    body.push_str("</table>\n");
}

/// The page file name of a document in a locale's directory.
fn page_name(document: &str) -> String {
    format!("{document}.html")
}

/// Name of the per-locale index page.
const INDEX: &str = "index.html";

fn html(page: &Page<'_>) -> String {
    let blocks = page.blocks;
    let locale = page.locale;
    let ui = Ui::new(locale);
    let title = blocks
        .iter()
        .find(|b| b.kind == BlockKind::Title)
        .map(|b| joined(&b.runs))
        .unwrap_or_default();
    let mut body = String::new();
    let mut in_list = false;
    let mut at = 0;
    while at < blocks.len() {
        let block = &blocks[at];
        if in_list && block.kind != BlockKind::ListItem {
            body.push_str("</ul>\n");
            in_list = false;
        }
        if block.row {
            let rows: Vec<&OutBlock<'_>> = blocks[at..].iter().take_while(|b| b.row).collect();
            table_html(&mut body, &rows, locale);
            at += rows.len();
            continue;
        }
        at += 1;
        let inner = html_runs(block, locale);
        let _ = match block.kind {
            BlockKind::Title => writeln!(body, "<h1>{inner}</h1>"),
            BlockKind::Date => {
                let label = ui.get("release-date");
                let space = if locale.writing() == Writing::Spaced {
                    " "
                } else {
                    ""
                };
                writeln!(
                    body,
                    "<p class=\"date\"><span class=\"date-label\">{}</span>{space}{inner}</p>",
                    ui_html(&label, locale)
                )
            }
            BlockKind::Heading => writeln!(body, "<h2>{inner}</h2>"),
            BlockKind::Paragraph => writeln!(body, "<p>{inner}</p>"),
            BlockKind::Note => writeln!(body, "<p class=\"note\">{inner}</p>"),
            BlockKind::Label => writeln!(body, "<p class=\"label\">{inner}</p>"),
            BlockKind::Issuer => writeln!(body, "<p class=\"issuer\">{inner}</p>"),
            BlockKind::Url => {
                // The link is the address alone, not a note after it (`… .pdf（PDF）`).
                let text = joined(&block.runs);
                let href = text
                    .split(|c: char| c.is_whitespace() || !c.is_ascii())
                    .next()
                    .unwrap_or_default();
                writeln!(
                    body,
                    "<p class=\"url\"><a href=\"{}\">{inner}</a></p>",
                    html_escape::encode_double_quoted_attribute(href)
                )
            }
            BlockKind::ListItem => {
                if !in_list {
                    body.push_str("<ul>\n");
                    in_list = true;
                }
                writeln!(body, "<li class=\"depth-{}\">{inner}</li>", block.depth)
            }
        };
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    let mut chrome = String::new();
    let _ = writeln!(
        chrome,
        "<header>\n<p class=\"kind\">{}</p>",
        ui_html(&ui.get("press-release"), locale)
    );
    if page.completeness < 100.0 {
        let _ = writeln!(
            chrome,
            "<p class=\"notice\" role=\"note\">{}</p>",
            ui_html(
                &ui.percent("translation-incomplete", page.completeness),
                locale
            )
        );
    }
    chrome.push_str("</header>\n");
    let lang = html_escape::encode_double_quoted_attribute(locale.tag());
    let preview = if page.preview { PREVIEW_CSS } else { "" };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{CSS}{preview}</style>\n</head>\n<body>\n<main>\n<article>\n{chrome}{body}</article>\n</main>\n{}</body>\n</html>\n",
        direction(locale),
        html_escape::encode_text(&title),
        switcher(&ui, page),
    )
}

/// The language switcher and the link to the locale's index, in a `<nav>` after the page.
fn switcher(ui: &Ui, page: &Page<'_>) -> String {
    let locale = page.locale;
    let label = ui.get("other-languages");
    let mut out = String::new();
    let _ = write!(
        out,
        "<nav class=\"languages\" aria-label=\"{}\">\n<ul>\n",
        html_escape::encode_double_quoted_attribute(&label.text)
    );
    for other in page.published {
        let name = crate::ui::language_name(other);
        let tag = html_escape::encode_double_quoted_attribute(other.tag());
        let escaped = html_escape::encode_text(&name.text);
        if other == locale {
            let _ = writeln!(
                out,
                "<li><span aria-current=\"page\" lang=\"{tag}\">{escaped}</span></li>"
            );
        } else {
            let _ = writeln!(
                out,
                "<li><a href=\"../{tag}/{}\" hreflang=\"{tag}\" lang=\"{tag}\">{escaped}</a></li>",
                html_escape::encode_double_quoted_attribute(&page_name(page.document))
            );
        }
    }
    let _ = write!(
        out,
        "<li class=\"index\"><a href=\"{INDEX}\">{}</a></li>\n</ul>\n</nav>\n",
        ui_html(&ui.get("index-link"), locale)
    );
    out
}

/// Each locale's index page: the documents published in it, with their completeness.
fn index_pages(builds: &[DocBuild]) -> Vec<IndexPage> {
    let mut by_locale: BTreeMap<&str, Vec<&DocBuild>> = BTreeMap::new();
    for build in builds {
        // A page not rebuilt that stays in place from an earlier build is still published.
        let kept = build.kept.iter().any(|o| o.format == "html");
        if build.skipped.is_none() && (build.withheld.is_none() || kept) {
            by_locale.entry(&build.locale).or_default().push(build);
        }
    }
    by_locale
        .into_iter()
        .map(|(tag, docs)| {
            let locale = &docs[0].target;
            let ui = Ui::new(locale);
            let mut rows = String::new();
            for doc in &docs {
                let _ = writeln!(
                    rows,
                    "<tr><td><a href=\"{}\">{}</a></td><td class=\"n\">{}%</td></tr>",
                    html_escape::encode_double_quoted_attribute(&page_name(&doc.document)),
                    html_escape::encode_text(&doc.title),
                    doc.kept_completeness.unwrap_or(doc.completeness)
                );
            }
            let title = ui.get("index-title");
            let page = format!(
                "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<p>{}</p>\n<table class=\"index\">\n<thead>\n<tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr>\n</thead>\n<tbody>\n{rows}</tbody>\n</table>\n</main>\n</body>\n</html>\n",
                html_escape::encode_double_quoted_attribute(locale.tag()),
                direction(locale),
                html_escape::encode_text(&title.text),
                ui_html(&title, locale),
                ui_html(&ui.get("index-intro"), locale),
                ui_html(&ui.get("index-document"), locale),
                ui_html(&ui.get("index-complete"), locale),
            );
            IndexPage {
                locale: tag.to_owned(),
                name: INDEX,
                content: page,
            }
        })
        .collect()
}
