//! The workbooks as files: the XML parts inside the zip (number formats, print setup, frozen
//! panes, merged footer lines, notes, document properties), and the errors and fallbacks at
//! the edges (a count Excel cannot hold, a band label too long for a formula). Expected values
//! are worked out by hand in the comments.
#![cfg(all(feature = "xlsx", feature = "toml"))]

use std::collections::HashMap;
use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use cchc::report::{Format, write};
use cchc::{CriteriaSet, ErrorKind, Lang, Observations, Scorecard};

/// Every XML part of a workbook, by path.
fn parts(bytes: &[u8]) -> HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut text = String::new();
        if file.read_to_string(&mut text).is_ok() {
            let name = file.name().unwrap().to_string();
            out.insert(name, text);
        }
    }
    out
}

/// The number format of cell `at` of the sheet part `sheet`, as its code (`0.00`).
fn format_of(parts: &HashMap<String, String>, sheet: &str, at: &str) -> String {
    let doc = roxmltree::Document::parse(&parts[sheet]).unwrap();
    let cell = doc
        .descendants()
        .find(|n| n.has_tag_name("c") && n.attribute("r") == Some(at))
        .unwrap_or_else(|| panic!("no cell {at}"));
    let style: usize = cell.attribute("s").unwrap_or("0").parse().unwrap();
    let styles = roxmltree::Document::parse(&parts["xl/styles.xml"]).unwrap();
    let xfs = styles
        .descendants()
        .find(|n| n.has_tag_name("cellXfs"))
        .unwrap();
    let xf = xfs
        .children()
        .filter(|n| n.is_element())
        .nth(style)
        .unwrap();
    let id = xf.attribute("numFmtId").unwrap();
    match id {
        "0" => "General".to_owned(),
        "1" => "0".to_owned(),
        "2" => "0.00".to_owned(),
        "49" => "@".to_owned(),
        _ => styles
            .descendants()
            .find(|n| n.has_tag_name("numFmt") && n.attribute("numFmtId") == Some(id))
            .and_then(|n| n.attribute("formatCode"))
            .unwrap()
            .to_owned(),
    }
}

/// A set of one rate criterion worth 10 points against a target of 97.125%, rounded to one
/// decimal, with bonus points; `band` names the upper band.
fn set(band: &str) -> CriteriaSet {
    CriteriaSet::from_toml(&format!(
        r#"
name = "Một chữ số"
rounding = {{ decimals = 1 }}
bonus = {{ label_vi = "Thưởng", label_en = "Bonus", max_points = "1" }}
[[bands]]
label_vi = "{band}"
label_en = "Pass"
from = "50"
to = "100"
[[bands]]
label_vi = "Chưa đạt"
label_en = "Fail"
from = "0"
to = "50"
[[fields]]
id = "X"
label_vi = "Thử"
label_en = "Test"
[[fields.criteria]]
id = "X.1"
label_vi = "Tỷ lệ"
label_en = "Rate"
max_points = "10"
rule = {{ kind = "prop", percent = "97.125" }}
"#
    ))
    .unwrap()
}

fn card(set: &CriteriaSet) -> Scorecard {
    let obs = Observations::from_toml(
        "ward = \"W\"\nyear = 2024\n[observations.\"X.1\"]\nnumerator = 50\ndenominator = 100\n[[bonus]]\npoints = \"0.25\"\nreason = \"r\"\n",
        set,
    )
    .unwrap();
    Scorecard::score(set, &obs).unwrap()
}

#[test]
fn every_number_shows_every_decimal_it_has() {
    // X.1: 10 × 50/97.125 = 5.148… → 5.1 (one decimal); the bonus 0.25 keeps its two; the
    // total 5.1 + 0.25 = 5.35 of 10 → index 53.5 (one decimal). Rows: 3 title lines, a blank,
    // the header on 5, field X on 6, X.1 on 7, criteria 8, bonus 9, penalty 10, total 11,
    // index 12, band 13.
    let set = set("Đạt");
    let card = card(&set);
    assert_eq!(card.summary.total_points.to_string(), "5.35");
    let p = parts(&write(&set, &card, Format::Xlsx, Lang::Vi).unwrap());
    let table = "xl/worksheets/sheet1.xml";
    assert_eq!(format_of(&p, table, "C7"), "0.0");
    assert_eq!(format_of(&p, table, "E7"), "0.0");
    assert_eq!(format_of(&p, table, "E9"), "0.00");
    assert_eq!(format_of(&p, table, "E11"), "0.00");
    assert_eq!(format_of(&p, table, "E12"), "0.0");
    // The raw counts: 50 of 100 (whole numbers), the rate 50.0 (one decimal), the target
    // 97.125 with its three.
    let raw = "xl/worksheets/sheet2.xml";
    assert_eq!(format_of(&p, raw, "C2"), "0");
    assert_eq!(format_of(&p, raw, "E2"), "0.0");
    assert_eq!(format_of(&p, raw, "F2"), "0.000");
}

#[test]
fn a_band_label_too_long_for_a_formula_is_a_value_with_a_note() {
    // Excel takes at most 255 characters of text inside a formula: a 300-character label
    // cannot be in the band's IF, so the band cell (E13) holds the label as a value, with a
    // note; the index (E12) stays a formula.
    let label = "Đ".repeat(300);
    let set = set(&label);
    let bytes = write(&set, &card(&set), Format::Xlsx, Lang::Vi).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    let values = book.worksheet_range("Tự đánh giá").unwrap();
    let formulas = book.worksheet_formula("Tự đánh giá").unwrap();
    assert_eq!(values.get_value((12, 4)), Some(&Data::String(label)));
    assert_eq!(
        formulas
            .get_value((12, 4))
            .map(String::as_str)
            .unwrap_or(""),
        ""
    );
    // The maximum 10 in hundredths (points keep up to two decimals) is 1000, four digits:
    // p = 1 + 4 + 1 = 6.
    assert_eq!(
        formulas.get_value((11, 4)).unwrap(),
        "ROUND(ROUND(E11/C11*100,6),1)"
    );
    let p = parts(&bytes);
    let notes = p
        .iter()
        .find(|(k, _)| k.starts_with("xl/comments"))
        .map(|(_, v)| v.as_str())
        .unwrap();
    assert!(notes.contains("Excel"), "{notes}");
}

#[test]
fn a_number_excel_cannot_hold_names_its_criterion_key_and_cell() {
    // 1,234,567,890,123,456 has 16 digits: more than Excel's 15. II.4 is the second rate
    // criterion of the reference set (after II.3): row 3 of the raw counts, numerator in C.
    let set = CriteriaSet::reference();
    let n = 1_234_567_890_123_456;
    let obs = Observations::builder("X", 2023)
        .counts("II.4", n, n)
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    let err = write(&set, &card, Format::Xlsx, Lang::Vi).unwrap_err();
    assert_eq!(
        err.to_string(),
        "'Số liệu thô'!C3: II.4: numerator 1234567890123456 cannot be written exactly as a spreadsheet number"
    );
    assert_eq!(
        (err.kind(), err.item(), err.key(), err.cell()),
        (
            ErrorKind::Limit,
            Some("II.4"),
            Some("numerator"),
            Some("'Số liệu thô'!C3")
        )
    );
    assert_eq!(err.value().as_deref(), Some("1234567890123456"));
}

#[test]
fn printing_freezing_merging_and_properties() {
    let set = CriteriaSet::reference();
    let text = std::fs::read_to_string("examples/data/sample_observations_2023.toml").unwrap();
    let obs = Observations::from_toml(&text, &set).unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    let p = parts(&write(&set, &card, Format::Xlsx, Lang::Vi).unwrap());
    let sheet = &p["xl/worksheets/sheet1.xml"];
    // A4 (paper size 9) landscape, one page wide, as many pages tall as needed.
    assert!(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{sheet}");
    assert!(
        sheet.contains("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\"")
    );
    // The header (row 5) frozen and repeated on every page.
    assert!(sheet.contains(
        "<pane ySplit=\"5\" topLeftCell=\"A6\" activePane=\"bottomLeft\" state=\"frozen\"/>"
    ));
    assert!(p["xl/workbook.xml"].contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'Tự đánh giá'!$5:$5</definedName>"));
    // Columns of 6 + 26 + 8 + 21 + 8 + 8 + 32 + 17 = 126 characters (the appraised column is
    // shown: II.9 was appraised), which prints at about 80%.
    let doc = roxmltree::Document::parse(sheet).unwrap();
    let width: f64 = doc
        .descendants()
        .filter(|n| n.has_tag_name("col"))
        .map(|n| {
            let span: u32 = n.attribute("max").unwrap().parse::<u32>().unwrap()
                - n.attribute("min").unwrap().parse::<u32>().unwrap()
                + 1;
            // The writer adds 0.71 of padding to each width.
            (n.attribute("width").unwrap().parse::<f64>().unwrap() - 0.7109375) * f64::from(span)
        })
        .sum();
    assert_eq!(width, 126.0);
    // Title lines and footer lines span the table's eight columns: three title lines, and
    // the footer from row 57 (band on 56): totals, appraised totals, the missing criteria.
    for at in ["A1:H1", "A2:H2", "A3:H3", "A57:H57", "A58:H58", "A59:H59"] {
        assert!(
            sheet.contains(&format!("<mergeCell ref=\"{at}\"/>")),
            "{at}"
        );
    }
    let core = &p["docProps/core.xml"];
    assert!(core.contains("<dc:subject>Phường Sông Cầu (dữ liệu mẫu) — 2023</dc:subject>"));
    assert!(core.contains(
        "<cp:category>Bộ tiêu chí tham chiếu Chỉ số CCHC cấp xã 2023 (cchc)</cp:category>"
    ));
    assert!(p["docProps/app.xml"].contains("<Company>Phường Sông Cầu (dữ liệu mẫu)</Company>"));
}

#[test]
fn characters_xml_does_not_allow_leave_every_part_well_formed() {
    // A ward with U+FFFF, U+FFFE and an ESC, an evidence text with NUL: the writer escapes
    // them Excel's way (`_xFFFF_`), so every XML part still parses, and calamine reads the
    // ward back as it was.
    let set = CriteriaSet::reference();
    let ward = "A\u{ffff}B\u{fffe}C\u{1b}D";
    let obs = Observations::builder(ward, 2023)
        .counts("II.4", 90, 300)
        .evidence("II.4", "x\u{0}y")
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    let bytes = write(&set, &card, Format::Xlsx, Lang::En).unwrap();
    for (name, text) in parts(&bytes) {
        if name.ends_with(".xml") {
            assert!(roxmltree::Document::parse(&text).is_ok(), "{name}");
        }
    }
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let values = book.worksheet_range("Self-assessment").unwrap();
    assert_eq!(
        values.get_value((1, 0)),
        Some(&Data::String(format!("Unit: {ward}")))
    );
}

#[test]
fn a_set_with_bonus_points_has_their_row_even_when_none_are_given() {
    // The set has bonus points (up to 1), the ward claims none: the footer still has the
    // criteria's points, the bonus row (0) and the total adding it, so that an official can
    // type a bonus in and see the total follow.
    let set = set("Đạt");
    let obs = Observations::from_toml(
        "ward = \"W\"\nyear = 2024\n[observations.\"X.1\"]\nnumerator = 50\ndenominator = 100\n",
        &set,
    )
    .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    let p = parts(&write(&set, &card, Format::Xlsx, Lang::Vi).unwrap());
    assert!(p["xl/sharedStrings.xml"].contains("Điểm thưởng"));
    assert!(p["xl/sharedStrings.xml"].contains("Điểm các tiêu chí"));
    // The same with penalty points only.
    let penalised =
        CriteriaSet::from_toml(&set.to_toml().unwrap().replacen("[bonus]", "[penalty]", 1))
            .unwrap();
    assert!(penalised.bonus().is_none() && penalised.penalty().is_some());
    let obs = Observations::from_toml(
        "ward = \"W\"\nyear = 2024\n[observations.\"X.1\"]\nnumerator = 50\ndenominator = 100\n",
        &penalised,
    )
    .unwrap();
    let card = Scorecard::score(&penalised, &obs).unwrap();
    let p = parts(&write(&penalised, &card, Format::Xlsx, Lang::Vi).unwrap());
    assert!(p["xl/sharedStrings.xml"].contains("Điểm trừ"));
}

#[test]
fn a_line_across_the_table_is_as_tall_as_its_wrapped_text() {
    // A ward name of 191 characters: its title line ("Đơn vị: …", about 199 characters)
    // wraps at the table's width (about 126 characters of column, 1.1 characters of text
    // each: 138) onto two lines of 15 points: 30.
    let set = CriteriaSet::reference();
    let text = std::fs::read_to_string("examples/data/sample_observations_2023.toml").unwrap();
    let long = "Phường Sông Cầu ".repeat(12);
    let text = text.replacen(
        "ward = \"Phường Sông Cầu (dữ liệu mẫu)\"",
        &format!("ward = \"{}\"", long.trim()),
        1,
    );
    let obs = Observations::from_toml(&text, &set).unwrap();
    assert_eq!(obs.ward().chars().count(), 191);
    let card = Scorecard::score(&set, &obs).unwrap();
    let p = parts(&write(&set, &card, Format::Xlsx, Lang::Vi).unwrap());
    let sheet = &p["xl/worksheets/sheet1.xml"];
    assert!(
        sheet.contains("<row r=\"2\" spans=\"1:8\" ht=\"30\" customHeight=\"1\">"),
        "{}",
        &sheet[..sheet.len().min(2000)]
    );
}
