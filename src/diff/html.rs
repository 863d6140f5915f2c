//! The HTML diff reports: one self-contained page (inline CSS and a small inline script, no
//! network) with the two revisions side by side, so a reviewer can open it from an e-mail or
//! a CI artifact. A project report has a summary table and one section per document and
//! locale; every change is labelled with its kind, message id and place, `j`/`k` (or
//! `n`/`p`) move between changes and checkboxes filter them by kind.

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::render::{Line, Mark, Section, Summary, group_figures, groups, positions, side_lines};
use super::{Change, ChangeKind};

/// What the page says about the two revisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlMeta {
    /// The page title.
    pub title: String,
    /// What the old revision is called (a file path or a git revision).
    pub old_label: String,
    /// What the new revision is called.
    pub new_label: String,
    /// BCP 47 tags for the `lang` attributes, which pick fonts and line breaking for CJK.
    pub old_lang: String,
    /// BCP 47 tag of the new revision's text.
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
del, ins { text-decoration: none; border-radius: 3px; padding: 0 1px; color: #1f2328; }
.row[hidden] { display: none; }
del { background: var(--del-strong); }
ins { background: var(--ins-strong); }
.fig { font-weight: 700; text-decoration: underline 2px; text-underline-offset: 3px; }
del .fig { color: var(--fig-del); }
ins .fig { color: var(--fig-ins); }
.figures { display: block; margin-top: 6px; font-size: 13px; }
.figures > span { display: inline-block; margin-right: 10px; }
details.same { border-top: 1px solid var(--soft); }
details.same > summary { cursor: pointer; padding: 6px 12px; color: var(--muted); font-size: 13px; background: #fafbfc; }
details.same > .row:first-of-type { border-top: 1px solid var(--soft); }
.tag .id { display: block; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; color: #1f2328; overflow-wrap: anywhere; }
.row.current { outline: 3px solid #0969da; outline-offset: -3px; }
.controls { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; border: 0; margin: 0 0 14px; padding: 0; font-size: 13px; }
.controls legend { float: left; font-weight: 600; margin-right: 6px; padding: 0; }
.keys { color: var(--muted); font-size: 13px; }
kbd { border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; padding: 0 4px; background: #fff; font-size: 12px; }
table.overview { border-collapse: collapse; background: #fff; margin: 0 0 20px; font-size: 14px; }
.overview th, .overview td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; }
.overview td.n { text-align: right; font-variant-numeric: tabular-nums; }
.overview thead th { background: var(--soft); }
section.doc { margin: 0 0 28px; }
section.doc h2 { font-size: 18px; margin: 0 0 4px; overflow-wrap: anywhere; }
section.doc .counts { color: var(--muted); font-size: 13px; margin: 0 0 8px; }
"#;

/// Keyboard navigation between changes (`j`/`n` next, `k`/`p` previous) and the filter by
/// kind; the page works without it.
const SCRIPT: &str = r#"
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.controls input[data-kind]'));
  function apply() {
    boxes.forEach(function (box) {
      document.querySelectorAll('.row.' + box.dataset.kind).forEach(function (row) {
        row.hidden = !box.checked;
      });
    });
  }
  boxes.forEach(function (box) { box.addEventListener('change', apply); });
  var at = -1;
  function changes() {
    return Array.prototype.slice.call(document.querySelectorAll('.row.change')).filter(function (row) {
      return !row.hidden;
    });
  }
  function go(step) {
    var rows = changes();
    if (!rows.length) { return; }
    var old = document.querySelector('.row.current');
    if (old) { old.classList.remove('current'); at = rows.indexOf(old); }
    at = Math.max(0, Math.min(rows.length - 1, at + step));
    var row = rows[at];
    row.classList.add('current');
    row.focus();
    row.scrollIntoView({ block: 'center' });
  }
  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) { return; }
    if (event.key === 'j' || event.key === 'n') { go(1); event.preventDefault(); }
    if (event.key === 'k' || event.key === 'p') { go(-1); event.preventDefault(); }
  });
})();
"#;

/// The full page for one pair of revisions: a summary of counts, a legend, then one row per
/// changed segment (or split or merge group) with the old text on the left and the new on the
/// right, inline insertions and deletions highlighted and changed figures underlined in bold.
/// Every row has an anchor `seg-<id>` (`seg-<entry index>` when the segment has no id).
pub fn render_html(changes: &[Change], meta: &HtmlMeta) -> String {
    let mut out = String::with_capacity(4096 + changes.len() * 400);
    page_start(&mut out, &meta.title, &meta.new_lang);
    counts(&mut out, &Summary::of(changes), "ul", "summary");
    controls(&mut out);
    let langs = Langs {
        old: &meta.old_lang,
        new: &meta.new_lang,
    };
    grid(&mut out, changes, &langs, meta, "seg");
    page_end(&mut out);
    out
}

/// What a project report says about the two states it compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectMeta {
    /// The page title.
    pub title: String,
    /// What the old state is called.
    pub old_label: String,
    /// What the new state is called.
    pub new_label: String,
}

/// The project report: a table of documents and locales with their counts and links, then a
/// section per document and locale headed `document (locale)`, its rows tagged with the
/// section's language. Anchors are `<section anchor>-<id>`, unique across the page.
pub fn render_project_html(sections: &[Section], meta: &ProjectMeta) -> String {
    let mut out =
        String::with_capacity(8192 + sections.iter().map(|s| s.changes.len()).sum::<usize>() * 400);
    page_start(&mut out, &meta.title, "en");
    if sections.is_empty() {
        out.push_str("<p>No changes.</p>\n");
        page_end(&mut out);
        return out;
    }
    out.push_str(
        "<table class=\"overview\">\n<caption class=\"keys\">Changes per document and locale</caption>\n<thead><tr><th scope=\"col\">Document</th><th scope=\"col\">Locale</th>",
    );
    let kinds: Vec<ChangeKind> = ChangeKind::ALL
        .into_iter()
        .filter(|&k| k != ChangeKind::Unchanged)
        .collect();
    for kind in &kinds {
        let _ = write!(out, "<th scope=\"col\">{}</th>", kind.as_str());
    }
    out.push_str("<th scope=\"col\">figures</th></tr></thead>\n<tbody>\n");
    for section in sections {
        let summary = Summary::of(&section.changes);
        let _ = write!(
            out,
            "<tr><th scope=\"row\"><a href=\"#{}\">{}</a></th><td>{}</td>",
            attr(&section.anchor()),
            text(&section.document),
            text(&section.locales_label())
        );
        for &kind in &kinds {
            let _ = write!(out, "<td class=\"n\">{}</td>", summary.count(kind));
        }
        let _ = writeln!(out, "<td class=\"n\">{}</td></tr>", summary.figures_changed);
    }
    out.push_str("</tbody>\n</table>\n");
    controls(&mut out);
    for section in sections {
        let anchor = section.anchor();
        let _ = writeln!(
            out,
            "<section class=\"doc\" id=\"{}\" aria-labelledby=\"{}-h\">\n<h2 id=\"{}-h\">{}</h2>",
            attr(&anchor),
            attr(&anchor),
            attr(&anchor),
            text(&section.heading())
        );
        counts(&mut out, &Summary::of(&section.changes), "p", "counts");
        let lang = section.locale.tag();
        let langs = Langs {
            old: lang,
            new: lang,
        };
        let labels = HtmlMeta {
            title: section.heading(),
            old_label: meta.old_label.clone(),
            new_label: meta.new_label.clone(),
            old_lang: lang.to_owned(),
            new_lang: lang.to_owned(),
        };
        grid(&mut out, &section.changes, &langs, &labels, &anchor);
        out.push_str("</section>\n");
    }
    page_end(&mut out);
    out
}

/// The languages of the two sides of a grid.
struct Langs<'a> {
    old: &'a str,
    new: &'a str,
}

fn page_start(out: &mut String, title: &str, lang: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        attr(lang),
        text(title),
        text(title)
    );
}

fn page_end(out: &mut String) {
    let _ = write!(
        out,
        "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    );
}

/// The counts by kind, as a list (`ul`) or a line (`p`).
fn counts(out: &mut String, summary: &Summary, element: &str, class: &str) {
    let item = if element == "ul" { "li" } else { "span" };
    let _ = write!(out, "<{element} class=\"{class}\">");
    let mut first = true;
    for kind in ChangeKind::ALL {
        let count = summary.count(kind);
        if count > 0 {
            if !first && item == "span" {
                out.push_str(", ");
            }
            first = false;
            let _ = write!(
                out,
                "<{item} class=\"{}\"><b>{count}</b> {}</{item}>",
                kind.as_str(),
                kind.as_str()
            );
        }
    }
    if summary.figures_changed > 0 {
        if item == "span" {
            out.push_str("; ");
        }
        let _ = write!(
            out,
            "<{item}><b>{}</b> with changed figures</{item}>",
            summary.figures_changed
        );
    }
    let _ = writeln!(out, "</{element}>");
}

/// The legend, the filter by kind and the keys.
fn controls(out: &mut String) {
    out.push_str(
        "<p class=\"legend\"><del>deleted</del> <ins>inserted</ins> \
         <del><span class=\"fig\">changed figure</span></del> <ins><span class=\"fig\">new figure</span></ins></p>\n\
         <fieldset class=\"controls\"><legend>Show</legend>",
    );
    for kind in ChangeKind::ALL {
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" data-kind=\"{0}\" checked> {0}</label>",
            kind.as_str()
        );
    }
    out.push_str(
        "</fieldset>\n<p class=\"keys\"><kbd>j</kbd>/<kbd>n</kbd> next change, \
         <kbd>k</kbd>/<kbd>p</kbd> previous change</p>\n",
    );
}

/// The side-by-side grid of one list of changes; unchanged runs fold.
fn grid(out: &mut String, changes: &[Change], langs: &Langs<'_>, meta: &HtmlMeta, prefix: &str) {
    out.push_str("<div class=\"diff\">\n");
    let _ = writeln!(
        out,
        "<div class=\"row head\"><div>Change</div><div class=\"old\" lang=\"en\">{}</div><div class=\"new\" lang=\"en\">{}</div></div>",
        text(&meta.old_label),
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
                row(out, group, index, langs, prefix);
                index += group.len();
            }
            out.push_str("</details>\n");
            at += run;
            continue;
        }
        let group = all[at];
        row(out, group, index, langs, prefix);
        index += group.len();
        at += 1;
    }
    out.push_str("</div>\n");
}

fn anchor(change: &Change, index: usize, prefix: &str) -> String {
    match &change.id {
        Some(id) => format!("{prefix}-{}", attr(id)),
        None => format!("{prefix}-{index}"),
    }
}

fn row(out: &mut String, group: &[Change], index: usize, langs: &Langs<'_>, prefix: &str) {
    let Some(first) = group.first() else { return };
    let changed = if matches!(first.kind, ChangeKind::Unchanged)
        || (first.kind == ChangeKind::Moved && first.inline.is_empty())
    {
        ""
    } else {
        " changed"
    };
    let (navigable, focus) = if first.kind == ChangeKind::Unchanged {
        ("", "")
    } else {
        (" change", " tabindex=\"-1\"")
    };
    let _ = write!(
        out,
        "<div class=\"row {}{changed}{navigable}\" id=\"{}\"{focus}>",
        first.kind.as_str(),
        anchor(first, index, prefix)
    );
    let _ = write!(out, "<div class=\"tag\">");
    for (k, change) in group.iter().enumerate().skip(1) {
        let _ = write!(out, "<a id=\"{}\"></a>", anchor(change, index + k, prefix));
    }
    let _ = write!(out, "<span class=\"kind\">{}</span>", first.kind.as_str());
    let ids: Vec<&str> = group.iter().filter_map(|c| c.id.as_deref()).collect();
    if !ids.is_empty() && first.kind != ChangeKind::Unchanged {
        let _ = write!(out, "<code class=\"id\">{}</code>", text(&ids.join(" ")));
    }
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
    for (old_side, lang) in [(true, langs.old), (false, langs.new)] {
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
    // Adjacent changed pieces are one `<del>` or `<ins>`; figures inside are marked.
    let changed = |at: usize| line.get(at).is_some_and(|&(m, _)| m != Mark::Same);
    for (k, &(mark, piece)) in line.iter().enumerate() {
        if mark != Mark::Same && (k == 0 || !changed(k - 1)) {
            let _ = write!(out, "<{tag}>");
        }
        match mark {
            Mark::Same | Mark::Changed => out.push_str(&text(piece)),
            Mark::Figure => {
                let _ = write!(out, "<span class=\"fig\">{}</span>", text(piece));
            }
        }
        if mark != Mark::Same && !changed(k + 1) {
            let _ = write!(out, "</{tag}>");
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
            let _ = write!(out, "<del><span class=\"fig\">{}</span></del>", text(old));
        }
        out.push_str(" → ");
        if let Some(new) = &figure.new {
            let _ = write!(out, "<ins><span class=\"fig\">{}</span></ins>", text(new));
        }
        out.push_str("</span>");
    }
    out.push_str("</span>");
}
