//! What the template tests share: the template's layout as its module docs give it, and a
//! workbook written in that layout with rust_xlsxwriter.
#![allow(dead_code)]

use std::io::{Cursor, Read};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

use cchc::CriteriaSet;

/// The template's columns (0-based), as its module docs give them.
pub const NUMERATOR: u16 = 3;
pub const DENOMINATOR: u16 = 4;
pub const COUNT: u16 = 5;
pub const COMPLETED: u16 = 6;
pub const DONE: u16 = 7;
pub const POINTS: u16 = 8;
pub const CATEGORY: u16 = 9;
pub const NOT_APPLICABLE: u16 = 10;
pub const EVIDENCE: u16 = 11;
pub const APPRAISED: u16 = 12;
pub const REASON: u16 = 13;
pub const FIRST_DATE: u16 = 14;
pub const HEADINGS: [&str; 14] = [
    "Mã",
    "Tiêu chí",
    "Điểm tối đa",
    "Tử số",
    "Mẫu số",
    "Số lượng",
    "Ngày hoàn thành",
    "Đã thực hiện (có/không)",
    "Điểm (người chấm)",
    "Phân loại",
    "Không phát sinh (có)",
    "Tài liệu kiểm chứng",
    "Điểm thẩm định",
    "Lý do thẩm định",
];

/// A workbook in the template's layout: ward B2, period B3, set B5, header row 6, one row
/// per leaf from row 7, filled by `fill(sheet, row, id)`.
pub fn workbook(
    set: &CriteriaSet,
    ward: &str,
    when: &str,
    fill: impl Fn(&mut Worksheet, u32, &str),
) -> Vec<u8> {
    book(set, ward, when, fill).save_to_buffer().unwrap()
}

/// [`workbook`], not yet saved: a test may add to it.
pub fn book(
    set: &CriteriaSet,
    ward: &str,
    when: &str,
    fill: impl Fn(&mut Worksheet, u32, &str),
) -> Workbook {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Số liệu").unwrap();
    ws.write_string(1, 1, ward).unwrap();
    match when.parse::<u32>() {
        Ok(year) => ws.write_number(2, 1, f64::from(year)).unwrap(),
        Err(_) => ws.write_string(2, 1, when).unwrap(),
    };
    ws.write_string(4, 1, set.name()).unwrap();
    for (c, h) in (0u16..).zip(HEADINGS) {
        ws.write_string(5, c, h).unwrap();
    }
    for (row, leaf) in (6u32..).zip(set.leaves().filter(|l| set.in_scope(l.criterion))) {
        let id = leaf.criterion.id().as_str();
        ws.write_string(row, 0, id).unwrap();
        fill(ws, row, id);
    }
    book
}

pub fn date(ws: &mut Worksheet, row: u32, c: u16, day: chrono::NaiveDate) {
    use chrono::Datelike;
    let at = ExcelDateTime::from_ymd(
        u16::try_from(day.year()).unwrap(),
        u8::try_from(day.month()).unwrap(),
        u8::try_from(day.day()).unwrap(),
    )
    .unwrap();
    ws.write_datetime_with_format(row, c, at, &Format::new().set_num_format("dd/mm/yyyy"))
        .unwrap();
}

/// Every part of a zip (a workbook), by path, as bytes.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().unwrap().to_string(), data)
        })
        .collect()
}
