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

/// The text of every `<text>` and `<title>` element, exactly as written (not trimmed).
fn texts<'a>(doc: &'a roxmltree::Document<'_>) -> Vec<&'a str> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text") || n.has_tag_name("title"))
        .filter_map(|n| n.text())
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
    // Text is exact: no white space added around it.
    for t in texts(&doc) {
        assert_eq!(t, t.trim(), "{t:?}");
    }
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
    // Characters XML 1.0 does not allow (U+FFFE, U+FFFF, other noncharacters) and bidi marks
    // become U+FFFD too: the picture stays well-formed XML.
    let obs = Observations::builder("A\u{ffff}B\u{fffe}C\u{fdd0}D\u{200f}E", 2023)
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    let svg = picture(&set, &card, Lang::En);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(texts(&doc).contains(&"Unit: A\u{fffd}B\u{fffd}C\u{fffd}D\u{fffd}E"));
}

/// A set of `fields` fields of `per` rate criteria each, a ward named `ward`.
fn big(fields: usize, per: usize, ward: &str) -> (CriteriaSet, Scorecard) {
    let mut toml = String::from("name = \"Big\"\n");
    for f in 0..fields {
        toml.push_str(&format!(
            "[[fields]]\nid = \"F{f}\"\nlabel_vi = \"Lĩnh vực {f}\"\nlabel_en = \"Field {f}\"\n"
        ));
        for c in 0..per {
            toml.push_str(&format!(
                "[[fields.criteria]]\nid = \"F{f}.{c}\"\nlabel_vi = \"Tiêu chí {f}.{c}\"\nlabel_en = \"C {f}.{c}\"\nmax_points = \"1\"\nrule = {{ kind = \"prop\", percent = \"80\" }}\n"
            ));
        }
    }
    let set = CriteriaSet::from_toml(&toml).unwrap();
    let obs = Observations::builder(ward, 2023).build(&set).unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    (set, card)
}

/// The page's last line for drawing: A4 (1123 pixels) less a bottom margin of 24.
const BOTTOM: f64 = 1099.0;

/// Every shape and every text baseline of `svg` within the page and above its bottom margin;
/// the picture's size.
fn on_the_page(svg: &str) -> usize {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let num =
        |n: roxmltree::Node<'_, '_>, a: &str| -> f64 { n.attribute(a).unwrap().parse().unwrap() };
    for n in doc.descendants().filter(|n| n.is_element()) {
        match n.tag_name().name() {
            // The page's white ground aside.
            "rect" if num(n, "height") < 1123.0 => assert!(
                num(n, "y") >= 0.0 && num(n, "y") + num(n, "height") <= BOTTOM,
                "{} + {}",
                num(n, "y"),
                num(n, "height")
            ),
            "line" => assert!(num(n, "y1") >= 0.0 && num(n, "y2") <= BOTTOM),
            "text" => {
                let y = num(n, "y");
                assert!(y > 0.0 && y <= BOTTOM, "{y}");
                // A line of the title or the headline holds what fits across the page.
                assert!(n.text().unwrap().chars().count() <= 100);
            }
            _ => {}
        }
    }
    svg.len()
}

#[test]
fn any_set_fits_one_page() {
    // 30 fields of 6 rate criteria: 210 rows, more than the page holds at 8 pixels a row.
    // The fields are drawn, the rate criteria that fit too, and a line says how many were
    // left out; everything stays on the page, and the file small.
    let long = "Phường ".repeat(60);
    let (set, card) = big(30, 6, &long);
    let svg = picture(&set, &card, Lang::Vi);
    assert!(on_the_page(&svg) < 150_000, "{} bytes", svg.len());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let count = |class: &str| {
        doc.descendants()
            .filter(|n| n.attribute("class") == Some(class))
            .count()
    };
    let (fields, bullets) = (count("field"), count("bullet"));
    assert_eq!(fields, 30);
    assert!(bullets > 30 && bullets < 180, "{bullets}");
    let left_out: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("left-out"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        left_out,
        [format!("… và {} tiêu chí khác: xem bảng tự đánh giá", 180 - bullets).as_str()]
    );
    // The long ward name is shortened to fit the width.
    let unit = texts(&doc)
        .into_iter()
        .find(|t| t.starts_with("Đơn vị: "))
        .unwrap();
    assert!(unit.ends_with('…') && unit.chars().count() <= 100, "{unit}");
    // A set of 200 fields: a third of the rows are the fields', the rest said in a line.
    let (set, card) = big(200, 1, "X");
    let svg = picture(&set, &card, Lang::En);
    assert!(on_the_page(&svg) < 150_000, "{} bytes", svg.len());
    assert!(svg.contains("more criteria: see the self-assessment table"));
    // The line says how many fields were left out: 200 less those drawn.
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let drawn = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("field"))
        .count();
    assert!(drawn > 0 && drawn < 200, "{drawn}");
    let fields_line = format!(
        "… and {} more fields: see the self-assessment table",
        200 - drawn
    );
    assert!(texts(&doc).contains(&fields_line.as_str()), "{fields_line}");
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

/// The font sizes of the texts inside the groups of `class`.
fn fonts_in(svg: &str, class: &str) -> Vec<u32> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.attribute("class") == Some(class))
        .flat_map(|g| g.descendants())
        .filter_map(|n| n.attribute("font-size"))
        .map(|s| s.parse().unwrap())
        .collect()
}

#[test]
fn crowded_rows_shrink_their_font() {
    // The sample has room: its rows are written at 11 pixels.
    let (set, card) = sample();
    let fonts = fonts_in(&picture(&set, &card, Lang::Vi), "bullet");
    assert!(
        !fonts.is_empty() && fonts.iter().all(|&f| f == 11),
        "{fonts:?}"
    );
    // 30 fields of 6 rate criteria: the bullets' rows are under 24 pixels, so their text is
    // about 0.8 of a row and never under 6 pixels.
    let (set, card) = big(30, 6, "X");
    let fonts = fonts_in(&picture(&set, &card, Lang::Vi), "bullet");
    assert!(
        !fonts.is_empty() && fonts.iter().all(|&f| (6..11).contains(&f)),
        "{fonts:?}"
    );
}
