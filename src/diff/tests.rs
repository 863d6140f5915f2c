//! Unit tests of the diff stage: one per kind of change, in English and Japanese, plus the
//! pairing the sync stage relies on and the three renderers.

use super::*;

fn locale(tag: &str) -> Locale {
    tag.parse().unwrap()
}

/// Segments in the given passages.
fn in_passages<'a>(texts: &[&'a str], passages: &[usize]) -> Vec<Side<'a>> {
    texts
        .iter()
        .zip(passages)
        .map(|(t, &p)| Side::new(t, p))
        .collect()
}

/// Segments that form one passage.
fn sides<'a>(texts: &[&'a str]) -> Vec<Side<'a>> {
    in_passages(texts, &vec![0; texts.len()])
}

/// Diffs texts that form one passage.
fn run(old: &[&str], new: &[&str], tag: &str) -> Vec<Change> {
    diff(&sides(old), &sides(new), &locale(tag))
}

/// Heirs of texts that form one passage.
fn heirs(old: &[&str], new: &[&str], tag: &str) -> Vec<Option<Heir>> {
    inherit(&sides(old), &sides(new), &locale(tag))
}

fn kinds(changes: &[Change]) -> Vec<ChangeKind> {
    changes.iter().map(|c| c.kind).collect()
}

use ChangeKind::*;

const EN: [&str; 5] = [
    "The ministry held a meeting on April 30, 2020.",
    "Ministers from twenty countries attended the video conference.",
    "They adopted a statement on digital technologies.",
    "The next meeting will be held in Riyadh.",
    "For inquiries, contact the International Affairs Division.",
];

const JA: [&str; 5] = [
    "総務省は、令和2年4月30日に会合を開催しました。",
    "会合には20か国の大臣がビデオ会議で参加しました。",
    "参加者はデジタル技術に関する声明を採択しました。",
    "次回の会合はリヤドで開催される予定です。",
    "問い合わせ先は国際政策課です。",
];

#[test]
fn identical_revisions_are_all_unchanged() {
    let changes = run(&EN, &EN, "en");
    assert_eq!(kinds(&changes), vec![Unchanged; 5]);
    assert!(
        changes
            .iter()
            .all(|c| c.inline.is_empty() && c.similarity.is_none())
    );
}

#[test]
fn edited_sentence_is_modified_with_word_ops_in_english() {
    let mut new = EN;
    new[2] = "They adopted a joint statement on digital technologies.";
    let changes = run(&EN, &new, "en");
    assert_eq!(
        kinds(&changes),
        vec![Unchanged, Unchanged, Modified, Unchanged, Unchanged]
    );
    let inserted: Vec<&str> = changes[2]
        .inline
        .iter()
        .filter(|op| op.op == InlineTag::Insert)
        .map(|op| op.text.as_str())
        .collect();
    assert_eq!(inserted, vec!["joint "]);
    assert!(changes[2].similarity.is_some_and(|s| s > 0.8 && s < 1.0));
}

#[test]
fn edited_sentence_is_modified_with_character_ops_in_japanese() {
    let mut new = JA;
    new[2] = "参加者はデジタル技術に関する共同声明を採択しました。";
    let changes = run(&JA, &new, "ja");
    assert_eq!(
        kinds(&changes),
        vec![Unchanged, Unchanged, Modified, Unchanged, Unchanged]
    );
    let ops: Vec<(InlineTag, &str)> = changes[2]
        .inline
        .iter()
        .map(|op| (op.op, op.text.as_str()))
        .collect();
    assert_eq!(
        ops,
        vec![
            (InlineTag::Equal, "参加者はデジタル技術に関する"),
            (InlineTag::Insert, "共同"),
            (InlineTag::Equal, "声明を採択しました。")
        ]
    );
}

#[test]
fn inserted_and_deleted_sentences_are_added_and_removed_in_place() {
    let new = [
        EN[0],
        EN[1],
        "A new sentence about something else entirely.",
        EN[3],
        EN[4],
    ];
    let changes = run(&EN, &new, "en");
    // The replaced sentence is unrelated to the inserted one: no fuzzy pairing.
    assert_eq!(
        kinds(&changes),
        vec![Unchanged, Unchanged, Removed, Added, Unchanged, Unchanged]
    );
    assert_eq!(changes[2].old.as_deref(), Some(EN[2]));
    assert_eq!(changes[3].new_index, Some(2));
}

#[test]
fn paragraph_inserted_in_the_middle_leaves_the_rest_unchanged() {
    for (tag, base, inserted) in [
        (
            "en",
            EN,
            [
                "A second paragraph starts here.",
                "It explains the background.",
                "It has three sentences.",
            ],
        ),
        (
            "ja",
            JA,
            [
                "ここから第二段落です。",
                "背景を説明します。",
                "三文あります。",
            ],
        ),
    ] {
        let mut new: Vec<&str> = base[..2].to_vec();
        new.extend(inserted);
        new.extend(&base[2..]);
        let changes = run(&base, &new, tag);
        assert_eq!(
            kinds(&changes),
            vec![
                Unchanged, Unchanged, Added, Added, Added, Unchanged, Unchanged, Unchanged
            ],
            "{tag}"
        );
    }
}

#[test]
fn paragraph_inserted_next_to_an_edit_keeps_the_edit_paired() {
    let mut new: Vec<&str> = vec![
        EN[0],
        "Ministers from 21 countries attended the video conference.",
    ];
    new.extend([
        "A second paragraph starts here.",
        "It explains the background.",
    ]);
    new.extend(&EN[2..]);
    let changes = run(&EN, &new, "en");
    assert_eq!(
        kinds(&changes),
        vec![
            Unchanged, Modified, Added, Added, Unchanged, Unchanged, Unchanged
        ]
    );
}

#[test]
fn reordered_sentence_is_moved_verbatim_or_edited() {
    let new = [EN[0], EN[2], EN[3], EN[1], EN[4]];
    let changes = run(&EN, &new, "en");
    assert_eq!(
        kinds(&changes),
        vec![Unchanged, Unchanged, Unchanged, Moved, Unchanged]
    );
    assert_eq!(
        (changes[3].old_index, changes[3].new_index),
        (Some(1), Some(3))
    );
    assert!(changes[3].inline.is_empty());

    let new = [
        JA[0],
        JA[2],
        JA[3],
        "会合には21か国の大臣がビデオ会議で参加しました。",
        JA[4],
    ];
    let changes = run(&JA, &new, "ja");
    assert_eq!(
        kinds(&changes),
        vec![Unchanged, Unchanged, Unchanged, Moved, Unchanged]
    );
    assert!(!changes[3].figures.clone().is_empty());
}

#[test]
fn a_sentence_edited_on_its_way_to_another_paragraph_is_a_new_one() {
    // EN[1] leaves the first paragraph (EN[0..3]) for the end of the second (EN[3..]).
    let old = in_passages(&EN, &[0, 0, 0, 1, 1]);
    let moved =
        |text: &'static str| in_passages(&[EN[0], EN[2], EN[3], EN[4], text], &[0, 0, 1, 1, 1]);
    let en = locale("en");
    assert_eq!(
        kinds(&diff(&old, &moved(EN[1]), &en)),
        vec![Unchanged, Unchanged, Unchanged, Unchanged, Moved]
    );
    let punctuated = moved("Ministers from twenty countries attended the video conference!");
    assert_eq!(
        kinds(&diff(&old, &punctuated, &en))[4],
        Moved,
        "punctuation is not wording"
    );

    let edited = moved("Ministers from thirty countries attended the video conference.");
    assert_eq!(
        kinds(&diff(&old, &edited, &en)),
        vec![Unchanged, Removed, Unchanged, Unchanged, Unchanged, Added]
    );
    assert_eq!(inherit(&old, &edited, &en)[4], None);
    let found = inherit(&old, &moved(EN[1]), &en);
    assert!(
        matches!(
            found[4],
            Some(Heir {
                old: 1,
                far: true,
                ..
            })
        ),
        "{found:?}"
    );
    assert!(matches!(found[0], Some(Heir { far: false, .. })));

    // Within its passage, the same move and edit is believed.
    let texts: Vec<&str> = edited.iter().map(|s| s.text).collect();
    assert_eq!(kinds(&run(&EN, &texts, "en"))[4], Moved);
    assert!(matches!(
        heirs(&EN, &texts, "en")[4],
        Some(Heir {
            old: 1,
            far: false,
            ..
        })
    ));
}

#[test]
fn the_old_paragraph_of_a_sentence_removed_between_two_decides_where_it_stood() {
    // EN[2] ended the first paragraph; an edited copy now ends the second. Its neighbours
    // that stayed are in both paragraphs: only the old passages say which it belonged to.
    let old_texts = [EN[0], EN[1], EN[2], EN[3], EN[4]];
    let edited = "They adopted a joint statement on digital technologies.";
    let new = in_passages(&[EN[0], EN[1], EN[3], EN[4], edited], &[0, 0, 1, 1, 1]);
    let en = locale("en");
    let known = inherit(&in_passages(&old_texts, &[0, 0, 0, 1, 1]), &new, &en);
    assert_eq!(
        known[4], None,
        "it left its paragraph, edited: a new sentence"
    );
    // Old passages unknown (each segment its own): the neighbours give it the benefit.
    let unknown = inherit(&in_passages(&old_texts, &[0, 1, 2, 3, 4]), &new, &en);
    assert!(
        matches!(unknown[4], Some(Heir { old: 2, .. })),
        "{unknown:?}"
    );
    // Had it started the second paragraph, it stayed in its passage.
    let started_second = inherit(&in_passages(&old_texts, &[0, 0, 1, 1, 1]), &new, &en);
    assert!(matches!(
        started_second[4],
        Some(Heir {
            old: 2,
            far: false,
            ..
        })
    ));
}

#[test]
fn sentence_cut_in_two_is_a_split_and_two_joined_is_a_merge() {
    let old = [
        EN[0],
        "Ministers from twenty countries attended, and they adopted a statement on digital technologies.",
        EN[3],
    ];
    let new = [
        EN[0],
        "Ministers from twenty countries attended.",
        "They adopted a statement on digital technologies.",
        EN[3],
    ];
    let changes = run(&old, &new, "en");
    assert_eq!(kinds(&changes), vec![Unchanged, Split, Split, Unchanged]);
    assert!(
        changes[1..3]
            .iter()
            .all(|c| c.old.as_deref() == Some(old[1]) && c.old_index == Some(1))
    );
    // The shares spell out the old text and each piece.
    let spell = |c: &Change, keep: InlineTag| -> String {
        c.inline
            .iter()
            .filter(|op| op.op == InlineTag::Equal || op.op == keep)
            .map(|op| op.text.as_str())
            .collect()
    };
    assert_eq!(
        spell(&changes[1], InlineTag::Delete) + &spell(&changes[2], InlineTag::Delete),
        old[1]
    );
    assert_eq!(spell(&changes[1], InlineTag::Insert), new[1]);
    assert_eq!(spell(&changes[2], InlineTag::Insert), new[2]);

    let changes = run(&new, &old, "en");
    assert_eq!(kinds(&changes), vec![Unchanged, Merged, Merged, Unchanged]);
    assert!(
        changes[1..3]
            .iter()
            .all(|c| c.new.as_deref() == Some(old[1]))
    );

    let old = ["総務省は会合を開催し、参加者は声明を採択しました。", JA[4]];
    let new = [
        "総務省は会合を開催しました。",
        "参加者は声明を採択しました。",
        JA[4],
    ];
    assert_eq!(kinds(&run(&old, &new, "ja")), vec![Split, Split, Unchanged]);
    assert_eq!(
        kinds(&run(&new, &old, "ja")),
        vec![Merged, Merged, Unchanged]
    );
}

#[test]
fn changed_numbers_are_whole_tokens_and_flagged() {
    let changes = run(
        &["問い合わせは3件ありました。"],
        &["問い合わせは4件ありました。"],
        "ja",
    );
    let figures = changes[0].figures.clone();
    assert_eq!(
        figures,
        vec![FigureChange {
            old: Some("3".into()),
            new: Some("4".into())
        }]
    );

    let changes = run(
        &["The meeting starts at 4:00 p.m. on May 1."],
        &["The meeting starts at 5:00 p.m. on May 12."],
        "en",
    );
    assert_eq!(kinds(&changes), vec![Modified]);
    let figures: Vec<(Option<String>, Option<String>)> = changes[0]
        .figures
        .clone()
        .into_iter()
        .map(|f| (f.old, f.new))
        .collect();
    assert_eq!(
        figures,
        vec![
            (Some("4:00".into()), Some("5:00".into())),
            (Some("1".into()), Some("12".into()))
        ]
    );
    let changes = run(
        &["It cost 1,234.5 yen in March."],
        &["It cost 1,284.5 yen in April."],
        "en",
    );
    let figures: Vec<String> = changes[0]
        .figures
        .clone()
        .into_iter()
        .filter_map(|f| f.new)
        .collect();
    assert_eq!(figures, vec!["1,284.5", "April"]);
}

#[test]
fn ids_follow_the_old_side() {
    let old = [
        Side {
            id: Some("intro"),
            text: EN[0],
            passage: 0,
        },
        Side {
            id: Some("gone"),
            text: EN[1],
            passage: 0,
        },
    ];
    let new = [Side {
        id: None,
        text: "The ministry held a meeting on May 1, 2020.",
        passage: 0,
    }];
    let changes = diff(&old, &new, &locale("en"));
    assert_eq!(kinds(&changes), vec![Modified, Removed]);
    assert_eq!(changes[0].id.as_deref(), Some("intro"));
    assert_eq!(changes[1].id.as_deref(), Some("gone"));
}

#[test]
fn inherit_pairs_without_stealing_unrelated_neighbours() {
    let new = [
        EN[0],
        "Completely different words are written here now.",
        EN[2],
        EN[3],
        "For inquiries, contact the Digital Affairs Division.",
    ];
    let pairs = heirs(&EN, &new, "en");
    let heir = |k: usize| pairs[k].map(|h| (h.old, h.similarity));
    assert_eq!(heir(0), Some((0, 1.0)));
    assert_eq!(
        pairs[1], None,
        "an unrelated insertion must not inherit the removed sentence"
    );
    assert_eq!(heir(2), Some((2, 1.0)));
    assert!(matches!(heir(4), Some((4, s)) if s > SIMILARITY_THRESHOLD && s < 1.0));

    let old = ["総務省は会合を開催し、参加者はデジタル技術に関する声明を採択しました。"];
    let new = [
        "総務省は会合を開催しました。",
        "参加者はデジタル技術に関する声明を採択しました。",
    ];
    let pairs = heirs(&old, &new, "ja");
    assert_eq!(pairs[0], None);
    assert!(
        matches!(pairs[1], Some(Heir { old: 0, .. })),
        "the longer piece inherits: {pairs:?}"
    );
    let pairs = heirs(&new, &old, "ja");
    assert!(matches!(pairs[0], Some(Heir { old: 1, .. })), "{pairs:?}");
}

#[test]
fn big_gaps_stay_fast_and_pair_by_content() {
    let old: Vec<String> = (0..3000)
        .map(|i| {
            format!(
                "Sentence number {i} talks about topic {} in detail.",
                i * 7 % 13
            )
        })
        .collect();
    let mut new: Vec<String> = old.iter().rev().cloned().collect();
    new[10] = format!("{} Extra.", new[10]);
    let old_refs: Vec<&str> = old.iter().map(String::as_str).collect();
    let new_refs: Vec<&str> = new.iter().map(String::as_str).collect();
    let pairs = heirs(&old_refs, &new_refs, "en");
    assert_eq!(pairs.iter().filter(|p| p.is_some()).count(), 3000);
    assert_eq!(pairs[10].map(|p| p.old), Some(2989));
}

#[test]
fn text_report_marks_changes_and_figures() {
    let mut new = EN;
    new[0] = "The ministry held a meeting on April 31, 2020.";
    let changes = run(&EN, &new, "en");
    let plain = render_text(&changes, false);
    assert!(
        plain.contains("  - The ministry held a meeting on April [-30-], 2020."),
        "{plain}"
    );
    assert!(
        plain.contains("  + The ministry held a meeting on April {+31+}, 2020."),
        "{plain}"
    );
    assert!(plain.contains("  # 30 → 31"), "{plain}");
    assert!(plain.contains("… 4 unchanged segments"), "{plain}");
    assert!(!plain.contains('\x1b'));
    assert!(render_text(&changes, true).contains("\x1b["));
}

#[test]
fn json_report_follows_the_contract() {
    let new = [
        EN[0],
        EN[1],
        "Something unrelated was written instead here.",
        EN[3],
        EN[4],
    ];
    let changes = run(&EN, &new, "en");
    let json: serde_json::Value = serde_json::from_str(&render_json(&changes)).unwrap();
    assert_eq!(json["summary"]["removed"], 1);
    assert_eq!(json["summary"]["added"], 1);
    assert_eq!(json["summary"]["total"], 6);
    let entry = &json["changes"][2];
    assert_eq!(entry["kind"], "removed");
    assert_eq!(entry["new"], serde_json::Value::Null);
    assert!(entry.get("old_index").is_none());
}

#[test]
fn html_report_escapes_and_anchors() {
    let old = [Side {
        id: Some("intro"),
        text: "Use <b> & \"quotes\"",
        passage: 0,
    }];
    let new = [Side {
        id: None,
        text: "Use <i> & \"quotes\"",
        passage: 0,
    }];
    let changes = diff(&old, &new, &locale("en"));
    let meta = HtmlMeta {
        title: "T <x>".into(),
        old_label: "v1".into(),
        new_label: "v2".into(),
        old_lang: "ja".into(),
        new_lang: "en".into(),
    };
    let html = render_html(&changes, &meta);
    assert!(html.contains("id=\"seg-intro\""));
    assert!(html.contains("Use &lt;<del>b</del>&gt; &amp;"), "{html}");
    assert!(html.contains("Use &lt;<ins>i</ins>&gt; &amp;"), "{html}");
    assert!(html.contains("<title>T &lt;x&gt;</title>"));
    assert!(html.contains("<div class=\"old\" lang=\"ja\"><p class=\"seg\">Use"));
    assert!(html.contains("<div class=\"new\" lang=\"en\"><p class=\"seg\">Use"));
    // Self-contained: nothing is fetched from the network.
    assert!(!html.contains("http") && !html.contains("src="));
}

#[test]
fn reworded_sentence_in_place_pairs_but_unrelated_one_does_not() {
    let old = [
        EN[0],
        "However, 5G base stations have been deployed mainly in urban areas, and services in rural areas remain limited.",
        EN[3],
    ];
    let new = [
        EN[0],
        "However, 5G base station deployment has centered on urban areas, and the areas in rural regions where services are available are still limited.",
        EN[3],
    ];
    assert_eq!(
        kinds(&run(&old, &new, "en")),
        vec![Unchanged, Modified, Unchanged]
    );
    let new = [
        EN[0],
        "Participants will also be able to join the sessions online.",
        EN[3],
    ];
    assert_eq!(
        kinds(&run(&old, &new, "en")),
        vec![Unchanged, Removed, Added, Unchanged]
    );
}

#[test]
fn digits_inside_names_are_not_figures() {
    let changes = run(
        &["Leaders of G20 members attended the meeting."],
        &["Leaders of G20 members and guests attended the meeting."],
        "en",
    );
    assert!(changes[0].figures.is_empty(), "{:?}", changes[0].figures);
    let changes = run(
        &["会合には3か国が参加した。"],
        &["会合には4か国が参加した。"],
        "ja",
    );
    assert_eq!(changes[0].figures.len(), 1);
    // `5G` is a name; an ordinal is a figure, as 第3回 is.
    let changes = run(&["The 5G plan."], &["The 6G plan."], "en");
    assert!(changes[0].figures.is_empty(), "{:?}", changes[0].figures);
    // French thousands grouped by a space are one figure.
    let changes = run(&["Total : 3 450 cas."], &["Total : 3 452 cas."], "fr");
    assert_eq!(changes[0].figures.len(), 1);
    assert_eq!(
        changes[0].figures[0].old.as_deref(),
        Some("3 450"),
        "{:?}",
        changes[0].figures
    );
    for (old, new, lang) in [
        (
            "The 3rd meeting was held.",
            "The 4th meeting was held.",
            "en",
        ),
        ("La 3e réunion a eu lieu.", "La 4e réunion a eu lieu.", "fr"),
    ] {
        let changes = run(&[old], &[new], lang);
        assert_eq!(changes[0].figures.len(), 1, "{old}");
    }
}

#[test]
fn a_sibling_sentence_with_other_figures_and_words_is_not_an_edit() {
    let pairs = [
        (
            "en",
            "A total of 659 comments were submitted to the demonstration project.",
            "A total of 351 comments were submitted to the meeting.",
            false,
        ),
        (
            "ja",
            "本実証事業には、計659件の意見が提出されました。",
            "本会合には、計351件の意見が提出されました。",
            false,
        ),
        // Revisions: a figure updated with words added, a date with its weekday, a time
        // with its unit.
        (
            "en",
            "Ministers from 20 countries attended the meeting.",
            "Ministers from 21 countries and regions attended the meeting.",
            true,
        ),
        (
            "en",
            "The meeting was held on Thursday, April 30, 2020.",
            "The meeting was held on Friday, May 1, 2020.",
            true,
        ),
        (
            "ja",
            "令和2年4月30日（木）、会合がテレビ会議形式で開催されました。",
            "令和2年5月1日（金）、会合がテレビ会議形式で開催されました。",
            true,
        ),
        (
            "ja",
            "受付時間は、午前9時30分から午後5時までです。",
            "受付時間は、午前10時から午後5時までです。",
            true,
        ),
        // Reworded without touching a figure: still an edit.
        (
            "en",
            "The reallocation of frequencies is an urgent task for 2021.",
            "Reallocating frequencies is an urgent task for 2021.",
            true,
        ),
    ];
    for (tag, old, new, edit) in pairs {
        let found = heirs(&[old], &[new], tag);
        assert_eq!(found[0].is_some(), edit, "{old} → {new}: {found:?}");
    }
}

#[test]
fn a_changed_date_time_or_amount_is_one_figure_change() {
    let changes = run(
        &["締切は5月31日（金）午後5時です。"],
        &["締切は6月30日（金）午後5時です。"],
        "ja",
    );
    let figures: Vec<(Option<&str>, Option<&str>)> = changes[0]
        .figures
        .iter()
        .map(|f| (f.old.as_deref(), f.new.as_deref()))
        .collect();
    assert_eq!(figures, [(Some("5月31日"), Some("6月30日"))]);
    let changes = run(
        &["Comments are due by May 31, 2024."],
        &["Comments are due by June 30, 2024."],
        "en",
    );
    assert_eq!(changes[0].figures.len(), 1, "{:?}", changes[0].figures);
    assert_eq!(changes[0].figures[0].old.as_deref(), Some("May 31"));
    assert_eq!(changes[0].figures[0].new.as_deref(), Some("June 30"));
    // Two figures apart from each other stay two changes.
    let changes = run(
        &["会合には20か国の大臣と3機関が参加しました。"],
        &["会合には21か国の大臣と4機関が参加しました。"],
        "ja",
    );
    assert_eq!(changes[0].figures.len(), 2);
}

#[test]
fn adjacent_inline_fragments_read_as_one_change() {
    let changes = run(
        &["総務省総合通信基盤局"],
        &["総務省総合通信基盤局（第2係）"],
        "ja",
    );
    let text = render_text(&changes, false);
    assert!(text.contains("{+（第2係）+}"), "{text}");
    assert!(!text.contains("+}{+"), "{text}");
    let html = render_html(
        &changes,
        &HtmlMeta {
            title: "t".into(),
            old_label: "a".into(),
            new_label: "b".into(),
            old_lang: "ja".into(),
            new_lang: "ja".into(),
        },
    );
    assert!(
        html.contains("<ins>（第<span class=\"fig\">2</span>係）</ins>"),
        "{html}"
    );
}

#[test]
fn project_reports_head_each_document_and_locale_and_label_every_change() {
    let changes = |tag: &str, old: &str, new: &str| {
        let mut changes = diff(
            &[Side {
                id: Some("intro-1"),
                text: old,
                passage: 0,
            }],
            &[Side {
                id: Some("intro-1"),
                text: new,
                passage: 0,
            }],
            &locale(tag),
        );
        changes.retain(|c| c.kind != Unchanged);
        changes
    };
    let sections = [
        Section {
            document: "doc-a".into(),
            locale: locale("ja"),
            target: None,
            changes: changes(
                "ja",
                "会合が開催されました。",
                "会合が午後に開催されました。",
            ),
        },
        Section {
            document: "doc-a".into(),
            locale: locale("en"),
            target: Some(locale("fr")),
            changes: changes("en", "The meeting was held.", "The meeting was held today."),
        },
    ];
    let text = render_project_text(&sections, false);
    assert!(text.starts_with("== doc-a (ja)\n"), "{text}");
    assert!(text.contains("== doc-a (en → fr)\n"), "{text}");
    let html = render_project_html(
        &sections,
        &ProjectMeta {
            title: "changes".into(),
            old_label: "v1".into(),
            new_label: "working tree".into(),
        },
    );
    assert!(
        html.contains("<h2 id=\"doc-doc-a-ja-h\">doc-a (ja)</h2>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#doc-doc-a-en-fr\">doc-a</a>"),
        "{html}"
    );
    // English rows are English, Japanese rows Japanese; every change shows its id.
    assert!(html.contains("<div class=\"new\" lang=\"en\"><p class=\"seg\">The meeting"));
    assert!(html.contains("<div class=\"new\" lang=\"ja\"><p class=\"seg\">会合"));
    assert_eq!(html.matches("<code class=\"id\">intro-1</code>").count(), 2);
    assert_eq!(
        html.matches("class=\"row modified changed change\"")
            .count(),
        2
    );
    // Anchors are unique across sections.
    assert!(
        html.contains("id=\"doc-doc-a-ja-intro-1\"")
            && html.contains("id=\"doc-doc-a-en-fr-intro-1\"")
    );
    let json: serde_json::Value =
        serde_json::from_str(&render_project_json(&sections, &Default::default())).unwrap();
    assert_eq!(json["documents"][1]["locale"], "en");
    assert_eq!(json["documents"][1]["target"], "fr");
    assert_eq!(json["documents"][1]["changes"][0]["id"], "intro-1");
}

/// One table of scores shared by every matching, in both languages and both directions,
/// gives each the answer it gives alone: a remembered score is the one scoring would give.
#[test]
fn shared_scores_change_no_answer() {
    let en_old = [
        EN[0],
        "Ministers from twenty countries attended, and they adopted a statement on digital technologies.",
        EN[3],
        EN[4],
    ];
    let en_new = [
        "The ministry held a meeting on May 1, 2021.",
        "Ministers from twenty countries attended.",
        "They adopted a statement on digital technologies.",
        "The next meeting will be held in Riyadh in 2022.",
        EN[4],
    ];
    let ja_old = [
        JA[0],
        "総務省は会合を開催し、参加者は声明を採択しました。",
        JA[3],
        JA[4],
    ];
    let ja_new = [
        "総務省は、令和3年5月1日に会合を開催しました。",
        "総務省は会合を開催しました。",
        "参加者は声明を採択しました。",
        "次回の会合は2022年にリヤドで開催される予定です。",
        JA[4],
    ];
    let shared = Scores::default();
    for _ in 0..2 {
        for (old, new, tag) in [
            (&en_old[..], &en_new[..], "en"),
            (&en_new[..], &en_old[..], "en"),
            (&ja_old[..], &ja_new[..], "ja"),
            (&ja_new[..], &ja_old[..], "ja"),
            (&en_old[..], &ja_new[..], "en"),
            (&en_old[..], &ja_new[..], "ja"),
        ] {
            let (old, new, locale) = (sides(old), sides(new), locale(tag));
            assert_eq!(
                inherit_with(&old, &new, &locale, &shared),
                inherit(&old, &new, &locale),
                "{tag}: {:?} → {:?}",
                old.iter().map(|s| s.text).collect::<Vec<_>>(),
                new.iter().map(|s| s.text).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn a_line_moved_past_one_line_with_new_figures_is_moved_and_further_is_new() {
    // One sentence per line, each line a passage of its own.
    let ja = locale("ja");
    let old = in_passages(&JA, &[0, 1, 2, 3, 4]);
    let updated = "会合には21か国の大臣がビデオ会議で参加しました。";
    let past_one = in_passages(&[JA[0], JA[2], updated, JA[3], JA[4]], &[0, 1, 2, 3, 4]);
    let changes = diff(&old, &past_one, &ja);
    assert_eq!(
        kinds(&changes),
        vec![Unchanged, Unchanged, Moved, Unchanged, Unchanged]
    );
    assert_eq!(changes[2].figures.len(), 1, "{:?}", changes[2]);
    assert!(matches!(
        inherit(&old, &past_one, &ja)[2],
        Some(Heir {
            old: 1,
            far: false,
            ..
        })
    ));
    // Up past one line, too.
    let up = in_passages(&[updated, JA[0], JA[2], JA[3], JA[4]], &[0, 1, 2, 3, 4]);
    assert!(matches!(
        inherit(&old, &up, &ja)[0],
        Some(Heir { old: 1, .. })
    ));

    // Past two lines, or with a word changed too, it is a new statement.
    let past_two = in_passages(&[JA[0], JA[2], JA[3], updated, JA[4]], &[0, 1, 2, 3, 4]);
    assert_eq!(inherit(&old, &past_two, &ja)[3], None);
    assert!(kinds(&diff(&old, &past_two, &ja)).contains(&Removed));
    let reworded = "会合には21か国の大臣がオンラインで参加しました。";
    let past_one = in_passages(&[JA[0], JA[2], reworded, JA[3], JA[4]], &[0, 1, 2, 3, 4]);
    assert_eq!(inherit(&old, &past_one, &ja)[2], None);
}

#[test]
fn a_removed_and_an_added_segment_under_one_id_are_that_segment_revised() {
    let en = locale("en");
    let tracked = |id, text| Side {
        id: Some(id),
        text,
        passage: 0,
    };
    let old = [
        tracked("a", EN[0]),
        tracked("b", EN[1]),
        tracked("c", EN[2]),
    ];
    let rewritten = "Video links connected ministers of twenty nations.";
    let new = [
        tracked("a", EN[0]),
        tracked("b", rewritten),
        tracked("c", EN[2]),
    ];
    let changes = diff(&old, &new, &en);
    assert_eq!(kinds(&changes), vec![Unchanged, Modified, Unchanged]);
    assert_eq!(changes[1].id.as_deref(), Some("b"));
    assert!(!changes[1].inline.is_empty());
    // Without ids the matcher's reading stands.
    let plain = run(&[EN[0], EN[1], EN[2]], &[EN[0], rewritten, EN[2]], "en");
    assert!(kinds(&plain).contains(&Added), "{:?}", kinds(&plain));
}
