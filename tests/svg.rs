//! The picture: well-formed XML on an A4 page, one bullet graph per criterion scored on
//! counts, Vietnamese labels, a bounded size; `docs/sample.svg` is the sample ward's picture
//! and a test fails when it is stale (regenerate with `CCHC_BLESS=1 cargo test --test svg`).
#![cfg(all(feature = "svg", feature = "toml"))]

use cchc::report::{Format, write};
use cchc::{CriteriaSet, Lang, Observations, Scorecard};

fn sample() -> (CriteriaSet, Scorecard) {
    let set = CriteriaSet::reference();
    let text = std::fs::read_to_string("examples/data/sample_observations_2023.toml").unwrap();
    let obs = Observations::from_toml(&text, &set).unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    (set, card)
}

/// The text of every text node, trimmed.
fn texts<'a>(doc: &'a roxmltree::Document<'_>) -> Vec<&'a str> {
    doc.descendants()
        .filter(roxmltree::Node::is_text)
        .filter_map(|n| n.text())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect()
}

fn picture(set: &CriteriaSet, card: &Scorecard, lang: Lang) -> String {
    String::from_utf8(write(set, card, Format::Svg, lang).unwrap()).unwrap()
}

#[test]
fn one_a4_page_with_a_bullet_per_rate_criterion() {
    let (set, card) = sample();
    let svg = picture(&set, &card, Lang::Vi);
    // Under 100 KB for the 41 criteria of the reference set.
    assert!(svg.len() < 100_000, "{} bytes", svg.len());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("210mm"));
    assert_eq!(root.attribute("height"), Some("297mm"));
    assert_eq!(root.attribute("viewBox"), Some("0 0 794 1123"));
    assert!(
        root.attribute("font-family")
            .unwrap()
            .starts_with("Noto Sans, DejaVu Sans")
    );
    let class = |name: &str| {
        doc.descendants()
            .filter(|n| n.attribute("class") == Some(name))
            .collect::<Vec<_>>()
    };
    // The reference set reads counts for 19 criteria: the satisfaction rates II.8a–II.8d
    // among them.
    let bullets: Vec<&str> = class("bullet")
        .iter()
        .map(|n| n.attribute("data-id").unwrap())
        .collect();
    assert_eq!(
        bullets,
        [
            "II.3", "II.4", "II.5a", "II.6", "II.7", "II.8a", "II.8b", "II.8c", "II.8d", "II.12",
            "IV.15", "V.16", "V.17", "VI.20", "VI.21", "VI.22", "VI.23", "VI.24a", "VI.24b"
        ]
    );
    // Every field has its bar, every bullet its target tick; II.8d is missing: no rate bar.
    assert_eq!(class("field").len(), 7);
    assert_eq!(class("target").len(), 19);
    assert_eq!(class("rate").len(), 18);
    let texts = texts(&doc).join("\n");
    assert!(
        texts.contains("Tổng điểm: 85,97/100 — Chỉ số CCHC: 85,97% — Xếp loại: Tốt"),
        "{texts}"
    );
    assert!(texts.contains("II.4 Tỷ lệ số hóa kết quả giải quyết…"));
    assert!(texts.contains("30,00% / 35% — 4,29 / 5"));
    // Every shape stays on the page.
    for n in doc.descendants().filter(|n| n.has_tag_name("rect")) {
        let y: f64 = n.attribute("y").unwrap().parse().unwrap();
        let h: f64 = n.attribute("height").unwrap().parse().unwrap();
        assert!(y >= 0.0 && y + h <= 1123.0, "{y} + {h}");
    }
}

#[test]
fn hostile_text_is_escaped_and_cleaned() {
    let set = CriteriaSet::reference();
    let obs = Observations::builder("<script>&\u{1b}[2J\u{202e}", 2023)
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    let svg = picture(&set, &card, Lang::En);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(texts(&doc).contains(&"Unit: <script>&\u{fffd}[2J\u{fffd}"));
}

#[test]
fn the_committed_sample_picture_is_fresh() {
    let (set, card) = sample();
    let fresh = picture(&set, &card, Lang::Vi);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/sample.svg");
    if std::env::var_os("CCHC_BLESS").is_some() {
        std::fs::write(path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/sample.svg is stale: regenerate it with `CCHC_BLESS=1 cargo test --test svg`"
    );
}
