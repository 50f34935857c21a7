//! The template read back when something is wrong — every error at its cell, values from the
//! workbook quoted, ids named once — and the generated template itself, as a file: filled by
//! editing its XML (as Excel would save it), its validation, protection, panes, print setup
//! and properties.
#![cfg(all(feature = "xlsx", feature = "toml"))]

mod common;

use std::collections::HashMap;
use std::io::{Cursor, Write};

use cchc::observations::xlsx::{MAX_BYTES, template};
use cchc::rule::Evidence;
use cchc::{CriteriaSet, Error, ErrorKind, Lang, Observations, Observed};
use common::*;
use rust_xlsxwriter::Worksheet;

/// The error of a reference-set workbook filled by `fill` (rows I.1a … from row 7: II.4 is
/// row 12).
fn refused(fill: impl Fn(&mut Worksheet, u32, &str)) -> Error {
    let set = CriteriaSet::reference();
    Observations::from_xlsx(&workbook(&set, "Phường X", "2023", fill), &set).unwrap_err()
}

#[test]
fn ids_are_checked_and_named_once() {
    // An unknown id in II.4's row: named once, at its cell.
    let err = refused(|ws, row, id| {
        if id == "II.4" {
            ws.write_string(row, 0, "II.99").unwrap();
            ws.write_number(row, NUMERATOR, 1.0).unwrap();
        }
    });
    assert_eq!(
        err.to_string(),
        "'Số liệu'!A12: II.99: unknown criterion id"
    );
    assert_eq!(
        (err.kind(), err.item()),
        (ErrorKind::UnknownId, Some("II.99"))
    );
    // An id with an escape sequence is refused for its form, quoted and escaped, never
    // printed raw.
    let err = refused(|ws, row, id| {
        if id == "II.4" {
            ws.write_string(row, 0, "Z\u{1b}[2J").unwrap();
        }
    });
    assert_eq!(
        err.to_string(),
        "'Số liệu'!A12: id \"Z\\u{1b}[2J\" is not valid: give 1 to 64 letters, digits, '.', '-' or '_'"
    );
    assert!(!err.to_string().contains('\u{1b}'));
    // The same criterion on two rows.
    let err = refused(|ws, row, id| {
        if id == "II.5a" {
            ws.write_string(row, 0, "II.4").unwrap();
        }
    });
    assert_eq!(
        err.to_string(),
        "'Số liệu'!A13: II.4: duplicate criterion id"
    );
    // A parent criterion (A.2 of the Excel test set sums A.2a and A.2b) takes no row.
    let set = CriteriaSet::from_toml(include_str!("data/excel_set.toml")).unwrap();
    let bytes = workbook(&set, "X", "2024", |ws, row, id| {
        if id == "A.2a" {
            ws.write_string(row, 0, "A.2").unwrap();
        }
    });
    let err = Observations::from_xlsx(&bytes, &set).unwrap_err();
    assert_eq!(
        err.to_string(),
        "'Số liệu'!A8: A.2: this criterion has sub-criteria: observe them instead"
    );
}

#[test]
fn figures_without_an_id_and_contradictions_are_refused() {
    // II.4's figures with its id cleared: refused at the id's cell, not skipped.
    let err = refused(|ws, row, id| {
        if id == "II.4" {
            ws.clear_cell(row, 0);
            ws.write_number(row, NUMERATOR, 90.0).unwrap();
        }
    });
    assert_eq!(
        err.to_string(),
        "'Số liệu'!A12: the row has figures but no criterion id: give the id in column A"
    );
    assert_eq!((err.kind(), err.key()), (ErrorKind::MissingKey, Some("id")));
    // II.4 is a rate (numerator and denominator): a count in its count column (F) is a key
    // its rule does not read, named as the TOML file's key, at its cell.
    let err = refused(|ws, row, id| {
        if id == "II.4" {
            ws.write_number(row, COUNT, 3.0).unwrap();
        }
    });
    assert_eq!(
        (err.kind(), err.item(), err.key()),
        (ErrorKind::UnknownKey, Some("II.4"), Some("count"))
    );
    assert!(
        err.to_string().starts_with("'Số liệu'!F12: II.4: ") && err.to_string().contains("count"),
        "{err}"
    );
    // A word in II.4's numerator cell (D12): a whole number is expected, said for a
    // spreadsheet (no word of TOML's digit strings).
    let err = refused(|ws, row, id| {
        if id == "II.4" {
            ws.write_string(row, NUMERATOR, "mười").unwrap();
            ws.write_number(row, DENOMINATOR, 20.0).unwrap();
        }
    });
    assert_eq!(
        (err.kind(), err.item(), err.key(), err.cell()),
        (
            ErrorKind::InvalidValue,
            Some("II.4"),
            Some("numerator"),
            Some("'Số liệu'!D12")
        )
    );
    assert!(
        err.to_string()
            .ends_with("expected a whole number, 0 or more"),
        "{err}"
    );
    // I.1a, a deadline (row 7): "không" (not done) with a completion date.
    let err = refused(|ws, row, id| {
        if id == "I.1a" {
            ws.write_string(row, DONE, "không").unwrap();
            ws.write_string(row, COMPLETED, "2022-12-20").unwrap();
        }
    });
    assert_eq!(
        err.to_string(),
        "'Số liệu'!H7: I.1a: \"không\" (not done) cannot go with the date in 'Số liệu'!G7: give the date or \"không\", not both"
    );
    assert_eq!(
        (err.kind(), err.key()),
        (ErrorKind::InvalidValue, Some("done"))
    );
    // VII.29, dates held (the 40th of the 41 leaves: row 46): "no" with a date in the second
    // date column (P).
    let err = refused(|ws, row, id| {
        if id == "VII.29" {
            ws.write_string(row, DONE, "no").unwrap();
            ws.write_string(row, FIRST_DATE + 1, "2023-06-30").unwrap();
        }
    });
    assert_eq!(
        err.to_string(),
        "'Số liệu'!H46: VII.29: \"no\" (not done) cannot go with the date in 'Số liệu'!P46: give the date or \"no\", not both"
    );
}

#[test]
fn headings_sheets_and_files_that_are_not_a_template() {
    let set = CriteriaSet::reference();
    // A heading deleted.
    let mut wb = book(&set, "X", "2023", |_, _, _| {});
    wb.worksheet_from_name("Số liệu").unwrap().clear_cell(5, 3);
    let err = Observations::from_xlsx(&wb.save_to_buffer().unwrap(), &set).unwrap_err();
    assert_eq!(
        err.to_string(),
        "'Số liệu'!A6: not an observations template: the headings of row 6 are not the template's"
    );
    // The sheet renamed.
    let mut wb = book(&set, "X", "2023", |_, _, _| {});
    wb.worksheet_from_name("Số liệu")
        .unwrap()
        .set_name("Sheet1")
        .unwrap();
    let err = Observations::from_xlsx(&wb.save_to_buffer().unwrap(), &set).unwrap_err();
    assert_eq!(
        err.to_string(),
        "not an observations template: no sheet named \"Số liệu\" or \"Data\""
    );
    // An empty file, and a file just over the limit (refused before it is opened).
    let err = Observations::from_xlsx(b"", &set).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax);
    let err = Observations::from_xlsx(&vec![0; MAX_BYTES + 1], &set).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit);
    assert_eq!(
        err.to_string(),
        "the workbook is 10485761 bytes long, above the limit of 10485760"
    );
    // The set's name cleared, or replaced by an escape sequence: said plainly, quoted.
    let named = |name: &str| {
        let mut wb = book(&set, "X", "2023", |_, _, _| {});
        let ws = wb.worksheet_from_name("Số liệu").unwrap();
        ws.clear_cell(4, 1);
        if !name.is_empty() {
            ws.write_string(4, 1, name).unwrap();
        }
        Observations::from_xlsx(&wb.save_to_buffer().unwrap(), &set).unwrap_err()
    };
    assert_eq!(
        named("").to_string(),
        "'Số liệu'!B5: not an observations template: the criteria set's name is empty (a template of \"Bộ tiêu chí tham chiếu Chỉ số CCHC cấp xã 2023 (cchc)\" has it here)"
    );
    assert_eq!(
        named("Z\u{1b}]0;x\u{7}").to_string(),
        "'Số liệu'!B5: not an observations template: made for the criteria set \"Z\\u{1b}]0;x\\u{7}\", not \"Bộ tiêu chí tham chiếu Chỉ số CCHC cấp xã 2023 (cchc)\""
    );
}

#[test]
fn a_far_away_cell_is_refused_without_reading_the_sheet_whole() {
    // One cell at XFD1048576, the last cell of a sheet: a range reader would allocate a slot
    // for every cell up to it (about 17 billion); the cell reader keeps only what it reads,
    // and refuses the cell.
    let set = CriteriaSet::reference();
    let mut wb = book(&set, "X", "2023", |_, _, _| {});
    wb.worksheet_from_name("Số liệu")
        .unwrap()
        .write_string(1_048_575, 16_383, "x")
        .unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    assert!(bytes.len() < 20_000, "{}", bytes.len());
    let err = Observations::from_xlsx(&bytes, &set).unwrap_err();
    assert_eq!(
        err.to_string(),
        "'Số liệu'!XFD1048576: a value outside the template, which takes columns A to Z and rows 1 to 10000: move or clear it"
    );
    assert_eq!(err.kind(), ErrorKind::Limit);
    // Column AA, next to the last date column, likewise; a signature under the table (no
    // figures) is left alone.
    let mut wb = book(&set, "X", "2023", |_, _, _| {});
    wb.worksheet_from_name("Số liệu")
        .unwrap()
        .write_string(50, 1, "Người lập biểu")
        .unwrap();
    assert!(Observations::from_xlsx(&wb.save_to_buffer().unwrap(), &set).is_ok());
    wb.worksheet_from_name("Số liệu")
        .unwrap()
        .write_string(8, 26, "x")
        .unwrap();
    let err = Observations::from_xlsx(&wb.save_to_buffer().unwrap(), &set).unwrap_err();
    assert_eq!(err.cell(), Some("'Số liệu'!AA9"));
    // Row 10,000 is the template's last (a text there is left alone); row 10,001 is outside.
    let mut wb = book(&set, "X", "2023", |_, _, _| {});
    wb.worksheet_from_name("Số liệu")
        .unwrap()
        .write_string(9_999, 1, "Người lập biểu")
        .unwrap();
    assert!(Observations::from_xlsx(&wb.save_to_buffer().unwrap(), &set).is_ok());
    wb.worksheet_from_name("Số liệu")
        .unwrap()
        .write_string(10_000, 1, "Ngày")
        .unwrap();
    let err = Observations::from_xlsx(&wb.save_to_buffer().unwrap(), &set).unwrap_err();
    assert_eq!(err.cell(), Some("'Số liệu'!B10001"));
}

#[test]
fn appraisals_and_bonus_sheet_errors_name_their_cells() {
    // II.9 (row 22: I.1a–I.2b on 7–10, II.3–II.8e on 11–21) is worth 2 points: an appraisal
    // of 3 is refused at M22.
    let err = refused(|ws, row, id| {
        if id == "II.9" {
            ws.write_number(row, APPRAISED, 3.0).unwrap();
            ws.write_string(row, REASON, "x").unwrap();
        }
    });
    assert_eq!(
        (err.cell(), err.item(), err.kind()),
        (Some("'Số liệu'!M22"), Some("II.9"), ErrorKind::InvalidValue)
    );
    // The bonus and penalty sheet of the Excel test set: a kind that is neither, points that
    // are not a number, a value beyond column C.
    let set = CriteriaSet::from_toml(include_str!("data/excel_set.toml")).unwrap();
    let with_awards = |fill: &dyn Fn(&mut Worksheet)| {
        let mut wb = book(&set, "X", "2024", |_, _, _| {});
        let ws = wb.add_worksheet();
        ws.set_name("Thưởng, trừ").unwrap();
        fill(ws);
        Observations::from_xlsx(&wb.save_to_buffer().unwrap(), &set).unwrap_err()
    };
    let err = with_awards(&|ws| {
        ws.write_string(1, 0, "khác").unwrap();
        ws.write_number(1, 1, 1.0).unwrap();
    });
    assert_eq!(
        err.to_string(),
        "'Thưởng, trừ'!A2: key `kind` has value \"khác\", expected thưởng or trừ (bonus or penalty)"
    );
    let err = with_awards(&|ws| {
        ws.write_string(2, 0, "thưởng").unwrap();
        ws.write_string(2, 1, "một").unwrap();
        ws.write_string(2, 2, "r").unwrap();
    });
    assert_eq!(err.cell(), Some("'Thưởng, trừ'!B3"));
    let err = with_awards(&|ws| drop(ws.write_string(1, 3, "x")));
    assert_eq!(
        (err.cell(), err.kind()),
        (Some("'Thưởng, trừ'!D2"), ErrorKind::Limit)
    );
}

#[test]
fn a_period_excel_made_a_date_is_read_or_explained() {
    let set = CriteriaSet::reference();
    // "2023-07" typed in a cell Excel formats as a date becomes 2023-07-01: read as July.
    let with_date = |day: u8| {
        let mut wb = book(&set, "X", "2023", |_, _, _| {});
        let ws = wb.worksheet_from_name("Số liệu").unwrap();
        date(
            ws,
            2,
            1,
            chrono::NaiveDate::from_ymd_opt(2023, 7, u32::from(day)).unwrap(),
        );
        Observations::from_xlsx(&wb.save_to_buffer().unwrap(), &set)
    };
    let obs = with_date(1).unwrap();
    assert_eq!(obs.part_of_year().unwrap().code(), "2023-07");
    // Any other day is not a period: the error says what happened and what to do.
    let err = with_date(15).unwrap_err();
    assert_eq!(err.cell(), Some("'Số liệu'!B3"));
    assert_eq!(err.key(), Some("period"));
    assert!(
        err.to_string()
            .ends_with("format the cell as text and type it again"),
        "{err}"
    );
}

/// `parts` zipped again (stored, uncompressed).
fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The sheet XML with the empty cell `at` given `value`: a number, or an inline string.
fn put(xml: &str, at: &str, value: &str, number: bool) -> String {
    let open = format!("<c r=\"{at}\" s=\"");
    let start = xml.find(&open).unwrap_or_else(|| panic!("no cell {at}"));
    let end = start + xml[start..].find("/>").unwrap();
    let style = &xml[start + open.len()..end - 1];
    let cell = if number {
        format!("<c r=\"{at}\" s=\"{style}\"><v>{value}</v></c>")
    } else {
        format!("<c r=\"{at}\" s=\"{style}\" t=\"inlineStr\"><is><t>{value}</t></is></c>")
    };
    format!("{}{cell}{}", &xml[..start], &xml[end + 2..])
}

#[test]
fn the_generated_template_filled_in_its_own_cells() {
    // The template as written, its input cells filled by editing the sheet's XML the way a
    // spreadsheet saves typed values: B2 the ward, B3 "2023-07" typed as text (the cell is a
    // text cell), II.4 (row 12) 90 of 300 in D12 and E12.
    let set = CriteriaSet::reference();
    let mut parts = unzip(&template(&set, Lang::Vi).unwrap());
    let sheet = parts
        .iter_mut()
        .find(|(name, _)| name == "xl/worksheets/sheet1.xml")
        .unwrap();
    let mut xml = String::from_utf8(sheet.1.clone()).unwrap();
    xml = put(&xml, "B2", "Phường Mẫu", false);
    xml = put(&xml, "B3", "2023-07", false);
    xml = put(&xml, "D12", "90", true);
    xml = put(&xml, "E12", "300", true);
    sheet.1 = xml.into_bytes();
    let obs = Observations::from_xlsx(&rezip(&parts), &set).unwrap();
    assert_eq!(obs.ward(), "Phường Mẫu");
    assert_eq!(obs.part_of_year().unwrap().code(), "2023-07");
    assert_eq!(obs.len(), 1);
    assert_eq!(
        obs.value("II.4"),
        &Observed::Reported(Evidence::Counts(cchc::Counts::new(90, 300).unwrap()))
    );
}

#[test]
fn the_template_s_validation_protection_panes_print_setup_and_properties() {
    let set = CriteriaSet::reference();
    let parts: HashMap<String, String> = unzip(&template(&set, Lang::Vi).unwrap())
        .into_iter()
        .filter_map(|(name, data)| String::from_utf8(data).ok().map(|text| (name, text)))
        .collect();
    let sheet = &parts["xl/worksheets/sheet1.xml"];
    // Protected without a password; the header (row 6) and the id and criterion columns
    // frozen; A4 landscape, one page wide.
    assert!(sheet.contains("<sheetProtection sheet=\"1\""), "{sheet}");
    assert!(!sheet.contains("password"));
    assert!(sheet.contains("<pane xSplit=\"2\" ySplit=\"6\" topLeftCell=\"C7\""));
    assert!(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"));
    assert!(
        sheet.contains("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\"")
    );
    // Validation on the input cells: II.4's numerator a whole number ≥ 0, I.1a's completion a
    // date from 1900 to 2199 (serials 1 to 109574: 2000-01-01 is 36526, and the 200 years to
    // 2200-01-01 add 73000 days and 49 leap days, 2100 not being one; less one day), the
    // yes/no lists.
    assert!(sheet.contains("<dataValidation type=\"whole\" operator=\"greaterThanOrEqual\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" sqref=\"D12\"><formula1>0</formula1></dataValidation>"));
    assert!(sheet.contains("<dataValidation type=\"date\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" sqref=\"G7\"><formula1>1</formula1><formula2>109574</formula2></dataValidation>"));
    assert!(sheet.contains("<formula1>\"có,không\"</formula1>"));
    // VII.29's dates held (row 46) from column O are dates too; the evidence (L) is free text.
    assert!(sheet.contains("<dataValidation type=\"date\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" sqref=\"O46\"><formula1>1</formula1><formula2>109574</formula2></dataValidation>"));
    assert!(!sheet.contains("sqref=\"L7\""));
    // B3, the period, is a text cell (format "@"), so that 2023-07 stays text.
    let doc = roxmltree::Document::parse(sheet).unwrap();
    // Column widths in characters (Excel stores each with its padding, under 1 more): A 34
    // (the set's name and the ids), B 44 (the criterion's name), D 13 (a figure), L 30 (the
    // evidence).
    // Equal widths side by side share one `<col min max>`.
    let width = |column: u32| -> f64 {
        let n = |node: roxmltree::Node<'_, '_>, at: &str| -> u32 {
            node.attribute(at).unwrap().parse().unwrap()
        };
        let col = doc
            .descendants()
            .find(|c| c.has_tag_name("col") && (n(*c, "min")..=n(*c, "max")).contains(&column))
            .unwrap_or_else(|| panic!("column {column} has a width"));
        col.attribute("width").unwrap().parse().unwrap()
    };
    for (column, chars) in [(1, 34.0), (2, 44.0), (4, 13.0), (12, 30.0)] {
        let w = width(column);
        assert!((chars..chars + 1.0).contains(&w), "column {column}: {w}");
    }
    let b3 = doc
        .descendants()
        .find(|n| n.attribute("r") == Some("B3"))
        .unwrap();
    let style: usize = b3.attribute("s").unwrap().parse().unwrap();
    let styles = roxmltree::Document::parse(&parts["xl/styles.xml"]).unwrap();
    let xf = styles
        .descendants()
        .find(|n| n.has_tag_name("cellXfs"))
        .unwrap()
        .children()
        .filter(roxmltree::Node::is_element)
        .nth(style)
        .unwrap();
    let id = xf.attribute("numFmtId").unwrap();
    let code = styles
        .descendants()
        .find(|n| n.has_tag_name("numFmt") && n.attribute("numFmtId") == Some(id))
        .and_then(|n| n.attribute("formatCode"));
    assert!(id == "49" || code == Some("@"), "{id} {code:?}");
    assert!(parts["docProps/core.xml"].contains("<dc:title>Mẫu số liệu tự đánh giá</dc:title>"));
}

/// Every text of the template's notes (`xl/comments1.xml`), unescaped, one string.
fn notes(bytes: &[u8]) -> String {
    let (_, xml) = unzip(bytes)
        .into_iter()
        .find(|(name, _)| name == "xl/comments1.xml")
        .expect("a template has notes");
    let xml = String::from_utf8(xml).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("t"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("|")
}

#[test]
fn each_row_s_note_says_what_to_enter_and_where() {
    // The note on each criterion's name says how it is scored, then what to enter in which
    // columns: D and E for a rate, G for a completion, O–Z for dates held, H for done, I for
    // an assessor's points, J for a category with its options.
    let reference = CriteriaSet::reference();
    let en = notes(&template(&reference, Lang::En).unwrap());
    for says in [
        "Enter: numerator (D) and denominator (E), whole numbers ≥ 0",
        "Enter: the date completed (G); not done: \"no\" in H",
        "Enter: the dates held (O–Z); none: \"no\" in H",
    ] {
        assert!(en.contains(says), "{says} not in {en}");
    }
    let vi = notes(&template(&reference, Lang::Vi).unwrap());
    for says in [
        "Nhập: tử số (D) và mẫu số (E), số nguyên ≥ 0",
        "Nhập: ngày hoàn thành (G); chưa làm: \"không\" ở H",
        "Nhập: các ngày tổ chức (O–Z); chưa tổ chức: \"không\" ở H",
    ] {
        assert!(vi.contains(says), "{says} not in {vi}");
    }
    let excel = CriteriaSet::from_toml(include_str!("data/excel_set.toml")).unwrap();
    let en = notes(&template(&excel, Lang::En).unwrap());
    assert!(en.contains("Enter: yes/no (H)"), "{en}");
    assert!(en.contains("Enter: the assessor's points (I)"), "{en}");
    let vi = notes(&template(&excel, Lang::Vi).unwrap());
    assert!(vi.contains("Nhập: có/không (H)"), "{vi}");
    assert!(vi.contains("Nhập: điểm của người chấm (I)"), "{vi}");
    // The chaired set (A.1: head or deputy) and a count of initiatives.
    let chaired = CriteriaSet::from_toml(&format!(
        "{}{}",
        include_str!("data/chaired_set.toml"),
        r#"[[fields.criteria]]
id = "A.2"
label_vi = "Sáng kiến"
label_en = "Initiatives"
max_points = "2"
rule = { kind = "count_steps", steps = [{ at_least = 2, points = "2" }] }
"#
    ))
    .unwrap();
    let vi = notes(&template(&chaired, Lang::Vi).unwrap());
    assert!(
        vi.contains("Nhập: phân loại (J): head = Chủ tịch; deputy = Phó Chủ tịch"),
        "{vi}"
    );
    assert!(vi.contains("Nhập: số lượng (F), số nguyên ≥ 0"), "{vi}");
    let en = notes(&template(&chaired, Lang::En).unwrap());
    assert!(
        en.contains("Enter: the category (J): head = Chairman; deputy = Deputy"),
        "{en}"
    );
    assert!(
        en.contains("Enter: the count (F), a whole number ≥ 0"),
        "{en}"
    );
}
