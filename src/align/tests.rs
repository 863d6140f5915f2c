//! Alignment tests on hand-built documents, so they exercise the aligner independently of
//! how the segmenter splits text.

use super::*;
use crate::segment::{Block, BlockMarker, Segment};

/// A block given as kind, marker text and sentences.
type Spec<'s> = (BlockKind, &'s str, &'s [&'s str]);

/// Builds a document whose source is each block's marker and sentences on one line.
pub(crate) fn document(blocks: &[Spec]) -> Document {
    let mut doc = Document {
        source: String::new(),
        blocks: Vec::new(),
        segments: Vec::new(),
    };
    for (index, &(kind, marker, sentences)) in blocks.iter().enumerate() {
        let marker_start = doc.source.len();
        doc.source.push_str(marker);
        let marker_range = (!marker.is_empty()).then(|| BlockMarker {
            span: marker_start..doc.source.len(),
            kind: crate::figures::Marker::parse(marker),
        });
        doc.source.push(' ');
        let start = doc.source.len();
        for sentence in sentences {
            let at = doc.source.len();
            doc.source.push_str(sentence);
            doc.segments.push(Segment {
                text: (*sentence).to_owned(),
                block: index,
                kind,
                span: at..doc.source.len(),
            });
            doc.source.push(' ');
        }
        doc.blocks.push(Block {
            kind,
            span: start..doc.source.len(),
            marker: marker_range,
            depth: 0,
            line: index + 1,
        });
        doc.source.push('\n');
    }
    doc
}

fn locales() -> (Locale, Locale) {
    ("ja".parse().unwrap(), "en".parse().unwrap())
}

/// Beads as (ja texts, en texts), the form the gold files use.
fn grouped(ja: &Document, en: &Document) -> Vec<(Vec<String>, Vec<String>)> {
    let (l_ja, l_en) = locales();
    let beads = align(ja, &l_ja, en, &l_en);
    let mut seen_a: Vec<usize> = beads.iter().flat_map(|b| b.a.clone()).collect();
    let mut seen_b: Vec<usize> = beads.iter().flat_map(|b| b.b.clone()).collect();
    seen_a.sort_unstable();
    seen_b.sort_unstable();
    assert_eq!(
        seen_a,
        (0..ja.segments.len()).collect::<Vec<_>>(),
        "every ja segment exactly once"
    );
    assert_eq!(
        seen_b,
        (0..en.segments.len()).collect::<Vec<_>>(),
        "every en segment exactly once"
    );
    assert!(beads.iter().all(|b| (0.0..=1.0).contains(&b.score)));
    let text =
        |doc: &Document, ix: &[usize]| ix.iter().map(|&i| doc.segments[i].text.clone()).collect();
    beads
        .iter()
        .map(|b| (text(ja, &b.a), text(en, &b.b)))
        .collect()
}

fn bead(ja: &[&str], en: &[&str]) -> (Vec<String>, Vec<String>) {
    (
        ja.iter().map(|s| (*s).to_owned()).collect(),
        en.iter().map(|s| (*s).to_owned()).collect(),
    )
}

use BlockKind::{Heading, ListItem, Note, Paragraph, Title};

#[test]
fn splits_and_one_sided_notes() {
    let ja = document(&[
        (Title, "", &["デジタル庁の設置に関する説明会の開催"]),
        (
            Paragraph,
            "",
            &[
                "総務省は、令和3年4月12日（月）に、地方公共団体の職員を対象としたオンライン説明会を開催し、約1,200名が参加しました。",
                "説明会の資料は当省ホームページに掲載しています。",
            ],
        ),
        (Note, "※", &["当日の録画映像の配信は予定しておりません。"]),
        (Heading, "１", &["問合せ先"]),
    ]);
    let en = document(&[
        (
            Title,
            "",
            &["Briefing Session on the Establishment of the Digital Agency"],
        ),
        (
            Paragraph,
            "",
            &[
                "On Monday, April 12, 2021, the Ministry held an online briefing session for officials of local governments.",
                "About 1,200 people took part.",
                "The materials of the session are available on the MIC website.",
            ],
        ),
        (Heading, "1.", &["Contact"]),
    ]);
    let got = grouped(&ja, &en);
    assert!(got.contains(&bead(
        &["総務省は、令和3年4月12日（月）に、地方公共団体の職員を対象としたオンライン説明会を開催し、約1,200名が参加しました。"],
        &[
            "On Monday, April 12, 2021, the Ministry held an online briefing session for officials of local governments.",
            "About 1,200 people took part.",
        ],
    )), "{got:#?}");
    assert!(
        got.contains(&bead(&["当日の録画映像の配信は予定しておりません。"], &[])),
        "{got:#?}"
    );
    assert!(got.contains(&bead(&["問合せ先"], &["Contact"])), "{got:#?}");
}

#[test]
fn reordered_list_items_keep_side_a_order() {
    let ja = document(&[
        (Paragraph, "", &["主な論点は次のとおりです。"]),
        (
            ListItem,
            "・",
            &["5G基地局の整備を令和5年度末までに28万局とすること。"],
        ),
        (
            ListItem,
            "・",
            &["光ファイバの世帯カバー率を99.9％とすること。"],
        ),
        (ListItem, "・", &["ローカル5Gの免許手続を簡素化すること。"]),
        (Paragraph, "", &["詳細は別添資料をご覧ください。"]),
    ]);
    let en = document(&[
        (Paragraph, "", &["The main points are as follows."]),
        (
            ListItem,
            "•",
            &["Simplifying licensing procedures for local 5G."],
        ),
        (
            ListItem,
            "•",
            &["Deploying 280,000 5G base stations by the end of FY2023."],
        ),
        (
            ListItem,
            "•",
            &["Raising household coverage of optical fiber to 99.9%."],
        ),
        (
            Paragraph,
            "",
            &["For details, please see the attached materials."],
        ),
    ]);
    let (l_ja, l_en) = locales();
    let beads = align(&ja, &l_ja, &en, &l_en);
    let pairs: Vec<(Vec<usize>, Vec<usize>)> =
        beads.iter().map(|b| (b.a.clone(), b.b.clone())).collect();
    assert_eq!(
        pairs,
        vec![
            (vec![0], vec![0]),
            (vec![1], vec![2]),
            (vec![2], vec![3]),
            (vec![3], vec![1]),
            (vec![4], vec![4])
        ]
    );
}

#[test]
fn in_order_lists_are_not_reordered() {
    let ja = document(&[
        (ListItem, "（1）", &["通信の秘密を確保すること。"]),
        (ListItem, "（2）", &["ブロードバンド基盤を整備すること。"]),
    ]);
    let en = document(&[
        (ListItem, "(1)", &["Ensuring the secrecy of communication."]),
        (ListItem, "(2)", &["Improving broadband infrastructure."]),
    ]);
    let got = grouped(&ja, &en);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].0, vec!["通信の秘密を確保すること。"]);
    assert_eq!(got[0].1, vec!["Ensuring the secrecy of communication."]);
}

#[test]
fn empty_sides_give_one_sided_beads() {
    let ja = document(&[(Paragraph, "", &["一文目です。", "二文目です。"])]);
    let empty = document(&[]);
    let got = grouped(&ja, &empty);
    assert_eq!(
        got,
        vec![bead(&["一文目です。"], &[]), bead(&["二文目です。"], &[])]
    );
    assert!(grouped(&empty, &empty).is_empty());
}

#[test]
fn json_and_text_forms_use_locale_tags() {
    let ja = document(&[(Heading, "", &["概要"])]);
    let en = document(&[(Heading, "", &["Overview"])]);
    let (l_ja, l_en) = locales();
    let beads = align(&ja, &l_ja, &en, &l_en);
    let json = to_json(&beads, &ja, &l_ja, &en, &l_en);
    assert_eq!(json["beads"][0]["ja"][0], "概要");
    assert_eq!(json["beads"][0]["en"][0], "Overview");
    assert!(json["beads"][0]["score"].as_f64().is_some());
    let same = to_json(&beads, &ja, &l_ja, &en, &l_ja);
    assert_eq!(same["beads"][0]["ja#b"][0], "Overview");
    let text = render_text(&beads, &ja, &l_ja, &en, &l_en);
    assert!(
        text.contains("1:1") && text.contains("  ja: 概要") && text.contains("  en: Overview"),
        "{text}"
    );
}

/// Text a Japanese release carries over in ASCII (a URL, an e-mail address) measures as it
/// does in English: an identical line is a confident pair, not a length misfit to check.
#[test]
fn identical_url_and_mail_lines_pair_with_confidence() {
    let ja = document(&[
        (
            BlockKind::Title,
            "",
            &["第3回デジタル行政推進会議の開催について"],
        ),
        (
            BlockKind::Url,
            "",
            &["https://www.soumu.go.jp/menu_news/s-news/01kiban02_02000123.html"],
        ),
        (
            BlockKind::Paragraph,
            "",
            &["E-mail: digital-gyosei@ml.soumu.go.jp"],
        ),
    ]);
    let en = document(&[
        (
            BlockKind::Title,
            "",
            &["The 3rd Meeting of the Council for Digital Administration"],
        ),
        (
            BlockKind::Url,
            "",
            &["https://www.soumu.go.jp/menu_news/s-news/01kiban02_02000123.html"],
        ),
        (
            BlockKind::Paragraph,
            "",
            &["E-mail: digital-gyosei@ml.soumu.go.jp"],
        ),
    ]);
    let (l_ja, l_en) = locales();
    let beads = align(&ja, &l_ja, &en, &l_en);
    for bead in beads.iter().filter(|b| b.a == [1] || b.a == [2]) {
        assert_eq!(bead.a, bead.b, "{beads:?}");
        assert!(
            bead.score >= 0.9,
            "identical lines scored {}: {beads:?}",
            bead.score
        );
    }
    assert_eq!(beads.iter().filter(|b| b.a == [1] || b.a == [2]).count(), 2);
}

/// Two sentences translated one by one stay two beads when the first English sentence is
/// much longer than its Japanese (it names what the Japanese leaves implicit) and the second
/// much shorter: their summed lengths fit better than either pair, but that is no reason to
/// glue them into one message, which an edit of either would then stale or split.
#[test]
fn two_sentences_translated_one_by_one_are_not_glued_by_their_lengths() {
    let ja_1 = "説明会の資料は、準備が整い次第、当省のウェブサイトに掲載します。";
    let ja_2 = "地域の防災力の向上は、全国の自治体にとって重要な課題となっています。";
    let en_1 = "The materials of the briefing session for officials of local governments held in \
                Sendai and Morioka will be posted on the website of the Ministry as soon as they \
                are ready.";
    let en_2 = "Improving local disaster preparedness is an important issue for municipalities.";
    let ja = document(&[(Paragraph, "", &[ja_1, ja_2])]);
    let en = document(&[(Paragraph, "", &[en_1, en_2])]);
    assert_eq!(
        grouped(&ja, &en),
        vec![bead(&[ja_1], &[en_1]), bead(&[ja_2], &[en_2])]
    );
}
