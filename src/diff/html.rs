//! The HTML diff report: one self-contained page (inline CSS, no scripts, no network) with
//! the two revisions side by side, so a reviewer can open it from an e-mail or a CI artifact.

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::render::{Line, Mark, Summary, group_figures, groups, positions, side_lines};
use super::{Change, ChangeKind};

/// What the page says about the two revisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlMeta {
    pub title: String,
    pub old_label: String,
    pub new_label: String,
    /// BCP 47 tags for the `lang` attributes, which pick fonts and line breaking for CJK.
    pub old_lang: String,
    pub new_lang: String,
}

/// Runs of unchanged segments longer than this fold into a `<details>`.
const FOLD_AFTER: usize = 3;

const STYLE: &str = r#"
:root { --line: #d0d7de; --soft: #eaeef2; --muted: #59636e; --del: #ffebe9; --del-strong: #ffb8b3;
  --ins: #dafbe1; --ins-strong: #8fe0a5; --fig-del: #a40e26; --fig-ins: #116329; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f8fa; color: #1f2328;
  font: 15px/1.6 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", sans-serif; }
main { max-width: 1440px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 12px; overflow-wrap: anywhere; }
.summary { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 10px; padding: 0; list-style: none; }
.summary li { border: 1px solid var(--line); border-radius: 999px; padding: 2px 12px; background: #fff; font-size: 13px; }
.summary b { font-variant-numeric: tabular-nums; }
.legend { color: var(--muted); font-size: 13px; margin: 0 0 16px; }
.diff { border: 1px solid var(--line); border-radius: 8px; background: #fff; overflow: hidden; }
.row { display: grid; grid-template-columns: 8.5em minmax(0, 1fr) minmax(0, 1fr); border-top: 1px solid var(--soft); }
.row:first-child { border-top: 0; }
.row > div { padding: 8px 12px; min-width: 0; }
.head { background: #f6f8fa; font-weight: 600; font-size: 13px; position: sticky; top: 0; }
.old { border-right: 1px solid var(--soft); }
.seg { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; word-break: normal; }
.seg + .seg { margin-top: 6px; padding-top: 6px; border-top: 1px dashed var(--line); }
.tag { font-size: 12px; color: var(--muted); }
.tag .kind { display: inline-block; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; border-radius: 4px; padding: 0 6px; }
.tag .where { display: block; margin-top: 2px; font-variant-numeric: tabular-nums; }
.unchanged { color: var(--muted); }
.unchanged .kind { color: var(--muted); }
.modified .kind { background: #fff8c5; color: #7d4e00; }
.added .kind { background: var(--ins); color: var(--fig-ins); }
.removed .kind { background: var(--del); color: var(--fig-del); }
.moved .kind { background: #ddf4ff; color: #0550ae; }
.split .kind, .merged .kind { background: #fbefff; color: #8250df; }
.changed .old { background: #fff5f5; }
.changed .new { background: #f3fdf5; }
.removed .old { background: var(--del); }
.added .new { background: var(--ins); }
.empty { background: repeating-linear-gradient(135deg, #fafbfc, #fafbfc 6px, #f3f4f6 6px, #f3f4f6 12px); }
del, ins { text-decoration: none; border-radius: 3px; padding: 0 1px; }
del { background: var(--del-strong); }
ins { background: var(--ins-strong); }
.fig { font-weight: 700; text-decoration: underline 2px; text-underline-offset: 3px; }
del.fig { color: var(--fig-del); }
ins.fig { color: var(--fig-ins); }
.figures { display: block; margin-top: 6px; font-size: 13px; }
.figures span { display: inline-block; margin-right: 10px; }
details.same { border-top: 1px solid var(--soft); }
details.same > summary { cursor: pointer; padding: 6px 12px; color: var(--muted); font-size: 13px; background: #fafbfc; }
details.same > .row:first-of-type { border-top: 1px solid var(--soft); }
"#;

/// The full page: a summary of counts, a legend, then one row per changed segment (or split
/// or merge group) with the old text on the left and the new on the right, inline insertions
/// and deletions highlighted and changed figures underlined in bold. Every row has an anchor
/// `seg-<id>` (`seg-<entry index>` when the segment has no id).
pub fn render_html(changes: &[Change], meta: &HtmlMeta) -> String {
    let summary = Summary::of(changes);
    let mut out = String::with_capacity(4096 + changes.len() * 400);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<ul class=\"summary\">",
        attr(&meta.new_lang),
        text(&meta.title),
        text(&meta.title)
    );
    for kind in ChangeKind::ALL {
        let count = summary.count(kind);
        if count > 0 {
            let _ = write!(
                out,
                "<li class=\"{}\"><b>{count}</b> {}</li>",
                kind.as_str(),
                kind.as_str()
            );
        }
    }
    if summary.figures_changed > 0 {
        let _ = write!(
            out,
            "<li><b>{}</b> with changed figures</li>",
            summary.figures_changed
        );
    }
    out.push_str(
        "</ul>\n<p class=\"legend\"><del>deleted</del> <ins>inserted</ins> \
         <del class=\"fig\">changed figure</del> <ins class=\"fig\">new figure</ins></p>\n<div class=\"diff\">\n",
    );
    let _ = writeln!(
        out,
        "<div class=\"row head\"><div>Change</div><div class=\"old\" lang=\"{}\">{}</div><div class=\"new\" lang=\"{}\">{}</div></div>",
        attr(&meta.old_lang),
        text(&meta.old_label),
        attr(&meta.new_lang),
        text(&meta.new_label)
    );

    let all = groups(changes);
    let mut at = 0;
    let mut index = 0;
    while at < all.len() {
        let run = all[at..]
            .iter()
            .take_while(|g| g.first().is_some_and(|c| c.kind == ChangeKind::Unchanged))
            .count();
        if run > FOLD_AFTER {
            let plural = if run == 1 { "" } else { "s" };
            let _ = writeln!(
                out,
                "<details class=\"same\"><summary>{run} unchanged segment{plural}</summary>"
            );
            for group in &all[at..at + run] {
                row(&mut out, group, index, meta);
                index += group.len();
            }
            out.push_str("</details>\n");
            at += run;
            continue;
        }
        let group = all[at];
        row(&mut out, group, index, meta);
        index += group.len();
        at += 1;
    }
    out.push_str("</div>\n</main>\n</body>\n</html>\n");
    out
}

fn anchor(change: &Change, index: usize) -> String {
    match &change.id {
        Some(id) => format!("seg-{}", attr(id)),
        None => format!("seg-{index}"),
    }
}

fn row(out: &mut String, group: &[Change], index: usize, meta: &HtmlMeta) {
    let Some(first) = group.first() else { return };
    let changed = if matches!(first.kind, ChangeKind::Unchanged)
        || (first.kind == ChangeKind::Moved && first.inline.is_empty())
    {
        ""
    } else {
        " changed"
    };
    let _ = write!(
        out,
        "<div class=\"row {}{changed}\" id=\"{}\">",
        first.kind.as_str(),
        anchor(first, index)
    );
    let _ = write!(out, "<div class=\"tag\">");
    for (k, change) in group.iter().enumerate().skip(1) {
        let _ = write!(out, "<a id=\"{}\"></a>", anchor(change, index + k));
    }
    let _ = write!(out, "<span class=\"kind\">{}</span>", first.kind.as_str());
    if first.kind != ChangeKind::Unchanged {
        let _ = write!(
            out,
            "<span class=\"where\">{}</span>",
            text(&positions(group))
        );
        if let Some(similarity) = first.similarity {
            let _ = write!(
                out,
                "<span class=\"where\">{:.0}% similar</span>",
                similarity * 100.0
            );
        }
    }
    out.push_str("</div>");
    for (old_side, lang) in [(true, &meta.old_lang), (false, &meta.new_lang)] {
        let lines = side_lines(group, old_side);
        let class = if old_side { "old" } else { "new" };
        let empty = if lines.is_empty() { " empty" } else { "" };
        let _ = write!(
            out,
            "<div class=\"{class}{empty}\" lang=\"{}\">",
            attr(lang)
        );
        for line in &lines {
            cell_line(out, line, old_side);
        }
        if !old_side {
            figures(out, group);
        }
        out.push_str("</div>");
    }
    out.push_str("</div>\n");
}

fn cell_line(out: &mut String, line: &Line<'_>, old_side: bool) {
    let tag = if old_side { "del" } else { "ins" };
    out.push_str("<p class=\"seg\">");
    for &(mark, piece) in line {
        match mark {
            Mark::Same => out.push_str(&text(piece)),
            Mark::Changed => {
                let _ = write!(out, "<{tag}>{}</{tag}>", text(piece));
            }
            Mark::Figure => {
                let _ = write!(out, "<{tag} class=\"fig\">{}</{tag}>", text(piece));
            }
        }
    }
    out.push_str("</p>");
}

fn figures(out: &mut String, group: &[Change]) {
    let mut figures = group_figures(group).peekable();
    if figures.peek().is_none() {
        return;
    }
    out.push_str("<span class=\"figures\">");
    for figure in figures {
        out.push_str("<span>");
        if let Some(old) = &figure.old {
            let _ = write!(out, "<del class=\"fig\">{}</del>", text(old));
        }
        out.push_str(" → ");
        if let Some(new) = &figure.new {
            let _ = write!(out, "<ins class=\"fig\">{}</ins>", text(new));
        }
        out.push_str("</span>");
    }
    out.push_str("</span>");
}
