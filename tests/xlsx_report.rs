//! The self-assessment workbook, read back with calamine: cells, live formulas and their
//! cached values, for the sample ward and for a set with every case the formulas must get
//! right (sub-criteria, không phát sinh left out, a survey part, bonus and penalty points,
//! half-to-even rounding, bands). Expected values are worked out by hand in the comments.
#![cfg(all(feature = "xlsx", feature = "toml"))]

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use cchc::report::{Format, write};
use cchc::{CriteriaSet, Lang, Observations, Scorecard};

fn book(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes)).unwrap()
}

/// Cell (row, col) of a range as read: (value, formula without `=`).
fn cell(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str, at: &str) -> (Data, String) {
    let (row, col) = parse(at);
    let values = book.worksheet_range(sheet).unwrap();
    let formulas = book.worksheet_formula(sheet).unwrap();
    (
        values.get_value((row, col)).cloned().unwrap_or(Data::Empty),
        formulas.get_value((row, col)).cloned().unwrap_or_default(),
    )
}

/// `E17` → (16, 4).
fn parse(at: &str) -> (u32, u32) {
    let letters: String = at.chars().take_while(char::is_ascii_alphabetic).collect();
    let row: u32 = at[letters.len()..].parse().unwrap();
    let col = letters
        .bytes()
        .fold(0, |n, b| n * 26 + u32::from(b - b'A' + 1))
        - 1;
    (row - 1, col)
}

const SET: &str = include_str!("data/excel_set.toml");

const OBS: &str = include_str!("data/excel_obs.toml");

#[test]
fn every_case_is_a_live_formula_with_the_crate_s_figures() {
    let set = CriteriaSet::from_toml(SET).unwrap();
    let obs = Observations::from_toml(OBS, &set).unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    // A.1 = 10 × 1/3 = 3.33; A.2a = 4; A.2b = 1.50 (appraised 1); A.3 left out (0 of 0);
    // B.1 = 24 × 67/600 = 2.68. Criteria 11.51 (appraised 11.01), maximum 10 + 6 + 24 = 40.
    // Total 11.51 + 1 − 0.5 = 12.01 → 12.01/40 = 30.025% → half to even 30.02, Yếu;
    // appraised 11.01 + 1 − 0.5 = 11.51 → 28.775% → half to even 28.78 (7 is odd).
    assert_eq!(card.summary.index.unwrap().to_string(), "30.02");
    assert_eq!(card.summary.appraised_index.unwrap().to_string(), "28.78");
    let mut b = book(write(&set, &card, Format::Xlsx, Lang::Vi).unwrap());
    assert_eq!(b.sheet_names(), ["Tự đánh giá", "Số liệu thô"]);
    let s = "Tự đánh giá";
    // Rows: 3 title lines, a blank, the header on row 5; field A on 6, A.1 7, A.2 8 (parent),
    // A.2a 9, A.2b 10, A.3 11, field B 12, B.1 13; criteria points 14, bonus 15, penalty 16,
    // total 17, index 18, band 19. Columns: A STT … E self, F appraised.
    let text = |v: &str| Data::String(v.to_owned());
    assert_eq!(
        cell(&mut b, s, "A1").0,
        text("BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024")
    );
    assert_eq!(cell(&mut b, s, "F5").0, text("Điểm thẩm định"));
    assert_eq!(cell(&mut b, s, "A8").0, text("A.2"));
    let expect = |b: &mut Xlsx<Cursor<Vec<u8>>>, at: &str, value: Data, formula: &str| {
        assert_eq!(cell(b, s, at), (value, formula.to_owned()), "{at}");
    };
    let n = Data::Float;
    // Leaves are values; the parent sums its sub-criteria only; fields their top criteria.
    expect(&mut b, "E7", n(3.33), "");
    expect(&mut b, "E8", n(5.5), "SUM(E9:E10)");
    expect(&mut b, "F8", n(5.0), "SUM(F9:F10)");
    expect(&mut b, "C8", n(6.0), "SUM(C9:C10)");
    expect(&mut b, "C11", n(0.0), "");
    expect(&mut b, "E6", n(8.83), "SUM(E7:E8,E11)");
    expect(&mut b, "C6", n(16.0), "SUM(C7:C8,C11)");
    expect(&mut b, "E12", n(2.68), "SUM(E13)");
    // Criteria points, bonus and penalty as values, the total kept within 0 and the maximum.
    expect(&mut b, "E14", n(11.51), "SUM(E6,E12)");
    expect(&mut b, "F14", n(11.01), "SUM(F6,F12)");
    expect(&mut b, "E15", n(1.0), "");
    expect(&mut b, "E16", n(0.5), "");
    expect(&mut b, "C17", n(40.0), "SUM(C6,C12)");
    expect(&mut b, "E17", n(12.01), "MIN(MAX(E14+E15-E16,0),C17)");
    expect(&mut b, "F17", n(11.51), "MIN(MAX(F14+F15-F16,0),C17)");
    // Half to even at 2 decimals; the maximum is 4000 hundredths (4 digits): p = 2 + 4 + 1.
    let z = "ROUND(E17/C17*10000,5)";
    expect(
        &mut b,
        "E18",
        n(30.02),
        &format!(
            "IF(MOD({z},1)=0.5,(FLOOR({z},1)+IF(ISODD(FLOOR({z},1)),1,0))/100,ROUND({z},0)/100)"
        ),
    );
    expect(
        &mut b,
        "E19",
        text("Yếu"),
        "IF(AND(E18>=80,E18<=100),\"Tốt\",IF(AND(E18>=50,E18<80),\"Khá\",IF(AND(E18>=0,E18<50),\"Yếu\",\"—\")))",
    );
    expect(
        &mut b,
        "F18",
        n(28.78),
        &format!(
            "IF(MOD(ROUND(F17/C17*10000,5),1)=0.5,(FLOOR(ROUND(F17/C17*10000,5),1)+IF(ISODD(FLOOR(ROUND(F17/C17*10000,5),1)),1,0))/100,ROUND(ROUND(F17/C17*10000,{}),0)/100)",
            5
        ),
    );
    // The raw counts: A.1, A.3 (không phát sinh: no counts, said so) and B.1.
    let r = "Số liệu thô";
    assert_eq!(cell(&mut b, r, "A2").0, text("A.1"));
    assert_eq!(cell(&mut b, r, "C2").0, n(1.0));
    assert_eq!(cell(&mut b, r, "D2").0, n(3.0));
    assert_eq!(cell(&mut b, r, "E2").0, n(33.33));
    assert_eq!(cell(&mut b, r, "F2").0, n(100.0));
    assert_eq!(cell(&mut b, r, "A3").0, text("A.3"));
    assert_eq!(cell(&mut b, r, "C3").0, text("không phát sinh"));
    assert_eq!(cell(&mut b, r, "D3").0, Data::Empty);
    assert_eq!(cell(&mut b, r, "A4").0, text("B.1"));
    assert_eq!(cell(&mut b, r, "A5").0, Data::Empty);
    // The footer's lines of totals are live: text joined to the total, maximum, index and
    // band cells (rows 17–19), cached as the footer's words: 12,01/40, 30,02%, Yếu; the
    // appraised line reads column F: 11,51/40, 28,78%, Yếu. The footer starts on row 20.
    let (footer, formula) = cell(&mut b, s, "A20");
    assert_eq!(
        footer,
        text("Tổng điểm tự chấm: 12,01/40; Chỉ số CCHC: 30,02%; xếp loại: Yếu")
    );
    assert_eq!(
        formula,
        "\"Tổng điểm tự chấm: \"&SUBSTITUTE(FIXED(E17,2,TRUE),\".\",\",\")&\"/\"&SUBSTITUTE(FIXED(C17,0,TRUE),\".\",\",\")&\"; Chỉ số CCHC: \"&IF(ISNUMBER(E18),SUBSTITUTE(FIXED(E18,2,TRUE),\".\",\",\")&\"%\",\"không xác định (tổng điểm tối đa bằng 0)\")&\"; xếp loại: \"&E19"
    );
    let (footer, formula) = cell(&mut b, s, "A21");
    assert_eq!(
        footer,
        text("Tổng điểm thẩm định: 11,51/40; Chỉ số CCHC: 28,78%; xếp loại: Yếu")
    );
    assert!(
        formula.contains("FIXED(F17,2,TRUE)") && formula.ends_with("&F19"),
        "{formula}"
    );
}

#[test]
fn the_sample_ward_workbook() {
    let set = CriteriaSet::reference();
    let text = std::fs::read_to_string("examples/data/sample_observations_2023.toml").unwrap();
    let obs = Observations::from_toml(&text, &set).unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    let mut b = book(write(&set, &card, Format::Xlsx, Lang::En).unwrap());
    assert_eq!(b.sheet_names(), ["Self-assessment", "Raw counts"]);
    let s = "Self-assessment";
    // Header on row 5; field I on 6 with I.1a–I.2b on 7–10; 41 criteria and 7 fields fill
    // rows 6–53; total 54, index 55, band 56 (no bonus or penalty in the reference set).
    assert_eq!(cell(&mut b, s, "B5").0, Data::String("Criterion".into()));
    assert_eq!(
        cell(&mut b, s, "E6"),
        (Data::Float(7.0), "SUM(E7:E10)".into())
    );
    assert_eq!(cell(&mut b, s, "B54").0, Data::String("TOTAL".into()));
    let (total, formula) = cell(&mut b, s, "E54");
    assert_eq!(total, Data::Float(85.97));
    // Kept within 0 and the maximum, as the crate keeps it, bonus or not.
    assert!(formula.starts_with("MIN(MAX(SUM(E6,E11,"), "{formula}");
    assert!(formula.ends_with("),0),C54)"), "{formula}");
    // 100 points = 10000 hundredths (5 digits): p = 2 + 5 + 1 = 8; half away from zero.
    assert_eq!(
        cell(&mut b, s, "E55"),
        (Data::Float(85.97), "ROUND(ROUND(E54/C54*100,8),2)".into())
    );
    assert_eq!(cell(&mut b, s, "F55").0, Data::Float(85.47));
    assert_eq!(cell(&mut b, s, "E56").0, Data::String("Good".into()));
    // II.4 in the raw counts: 90 of 300, 30% against 35%, 15 to convert or 24 to add.
    let r = "Raw counts";
    let row = (2..60)
        .find(|i| cell(&mut b, r, &format!("A{i}")).0 == Data::String("II.4".into()))
        .unwrap();
    let at = |c: char| format!("{c}{row}");
    assert_eq!(cell(&mut b, r, &at('C')).0, Data::Float(90.0));
    assert_eq!(cell(&mut b, r, &at('D')).0, Data::Float(300.0));
    assert_eq!(cell(&mut b, r, &at('E')).0, Data::Float(30.0));
    assert_eq!(cell(&mut b, r, &at('F')).0, Data::Float(35.0));
    assert_eq!(cell(&mut b, r, &at('G')).0, Data::Float(15.0));
    assert_eq!(cell(&mut b, r, &at('H')).0, Data::Float(24.0));
    // II.8d, a rate with no counts reported, is listed as missing; VII.27a, count steps
    // (at least 1 for its 1 point), with the count 2 and the count of full points 1.
    let find = |b: &mut Xlsx<Cursor<Vec<u8>>>, id: &str| {
        (2..60)
            .find(|i| cell(b, r, &format!("A{i}")).0 == Data::String(id.into()))
            .unwrap()
    };
    let row = find(&mut b, "II.8d");
    assert_eq!(
        cell(&mut b, r, &format!("C{row}")).0,
        Data::String("missing".into())
    );
    let row = find(&mut b, "VII.27a");
    assert_eq!(cell(&mut b, r, &format!("I{row}")).0, Data::Float(2.0));
    assert_eq!(cell(&mut b, r, &format!("J{row}")).0, Data::Float(1.0));
    assert_eq!(cell(&mut b, r, &format!("C{row}")).0, Data::Empty);
}

#[test]
fn text_is_written_as_text_never_as_a_formula() {
    let set = CriteriaSet::reference();
    let obs = Observations::builder("=HYPERLINK(\"http://x\")", 2023)
        .counts("II.4", 90, 300)
        .evidence("II.4", "=1+1")
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    let mut b = book(write(&set, &card, Format::Xlsx, Lang::Vi).unwrap());
    let s = "Tự đánh giá";
    assert_eq!(
        cell(&mut b, s, "A2"),
        (
            Data::String("Đơn vị: =HYPERLINK(\"http://x\")".into()),
            String::new()
        )
    );
    let row = (6..60)
        .find(|i| cell(&mut b, s, &format!("A{i}")).0 == Data::String("II.4".into()))
        .unwrap();
    assert_eq!(
        cell(&mut b, s, &format!("G{row}")),
        (Data::String("=1+1".into()), String::new())
    );
}

#[test]
fn a_scorecard_of_another_set_is_refused() {
    let set = CriteriaSet::reference();
    let obs = Observations::builder("X", 2023).build(&set).unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    let other = CriteriaSet::preset("qd766").unwrap();
    let err = write(&other, &card, Format::Xlsx, Lang::Vi).unwrap_err();
    assert_eq!(err.kind(), cchc::ErrorKind::NotComparable);
    // Every format checks it, the text ones too: a CSV would otherwise carry the card under
    // another set's use.
    for format in [Format::Csv, Format::Table, Format::Markdown, Format::Json] {
        let err = write(&other, &card, format, Lang::Vi).unwrap_err();
        assert_eq!(err.kind(), cchc::ErrorKind::NotComparable, "{format}");
    }
    // The name alone does not make the same set: a set named as the reference set with one
    // criterion of its own is refused too, and so is the reference set itself renamed.
    let namesake = CriteriaSet::from_toml(&format!(
        "name = \"{}\"\n[[fields]]\nid = \"A\"\nlabel_vi = \"A\"\nlabel_en = \"A\"\n\
         [[fields.criteria]]\nid = \"A.1\"\nlabel_vi = \"A\"\nlabel_en = \"A\"\n\
         max_points = \"1\"\nrule = {{ kind = \"done\" }}\n",
        set.name()
    ))
    .unwrap();
    let err = write(&namesake, &card, Format::Csv, Lang::Vi).unwrap_err();
    assert_eq!(err.kind(), cchc::ErrorKind::NotComparable);
    let renamed = CriteriaSet::from_toml(&CriteriaSet::reference_toml().replacen(
        "name = \"Bộ tiêu chí tham chiếu Chỉ số CCHC cấp xã 2023 (cchc)\"",
        "name = \"Bộ đổi tên\"",
        1,
    ))
    .unwrap();
    assert_eq!(renamed.name(), "Bộ đổi tên");
    let err = write(&renamed, &card, Format::Csv, Lang::Vi).unwrap_err();
    assert_eq!(err.kind(), cchc::ErrorKind::NotComparable);
    // The set it was scored against is taken.
    assert!(write(&set, &card, Format::Csv, Lang::Vi).is_ok());
}
