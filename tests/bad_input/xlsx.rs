//! Excel workbooks made by hand: a few hundred bytes that `calamine` would take at their word
//! — a billion shared strings, gigabytes unzipped, a million blank cells.

use std::io::{Cursor, Write};

use cchc::limits::MAX_UNZIPPED_BYTES;
use cchc::observations::xlsx::{MAX_CELLS, template};
use cchc::{CriteriaSet, ErrorKind, Lang, Observations};

use super::{Want, refused};

fn set() -> CriteriaSet {
    CriteriaSet::reference()
}

/// Every part of the reference set's template, by path.
fn parts() -> Vec<(String, Vec<u8>)> {
    super::common::unzip(&template(&set(), Lang::Vi).unwrap())
}

/// `parts` zipped (deflated).
fn zipped(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, data) in parts {
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The part named `name`, changed by `change`.
fn changed(name: &str, change: impl Fn(&str) -> String) -> Vec<(String, Vec<u8>)> {
    let mut parts = parts();
    let part = parts.iter_mut().find(|(n, _)| n == name).unwrap();
    part.1 = change(std::str::from_utf8(&part.1).unwrap()).into_bytes();
    parts
}

// 52. Shared strings that declare more strings than their part could hold: `calamine`
//     reserved room for all of them first (a `uniqueCount` of 9999999999999999999 panicked
//     with a capacity overflow).
#[test]
fn shared_strings_declaring_too_many_are_refused() {
    let parts = changed("xl/sharedStrings.xml", |xml| {
        let start = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
        let end = start + xml[start..].find('"').unwrap();
        format!("{}9999999999999999999{}", &xml[..start], &xml[end..])
    });
    let err = Observations::from_xlsx(&zipped(&parts), &set()).unwrap_err();
    refused(
        &err,
        ErrorKind::Limit,
        Want {
            item: Some("xl/sharedStrings.xml"),
            key: Some("uniqueCount"),
            value: Some("9999999999999999999"),
            says: "xl/sharedStrings.xml: uniqueCount \"9999999999999999999\" is more strings than a part of ",
        },
    );
}

// 53. A zip bomb: a part that unzips beyond 64 MiB, whether the archive says so or not.
#[test]
fn workbooks_unzipping_beyond_the_limit_are_refused() {
    // First in the archive, so that nothing was unzipped before it: 64 MiB + 1 bytes.
    let mut parts = parts();
    parts.insert(
        0,
        (
            "xl/media/zeros.bin".to_owned(),
            vec![0; MAX_UNZIPPED_BYTES + 1],
        ),
    );
    let mut bytes = zipped(&parts);
    assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
    let want = || Want {
        item: Some("xl/media/zeros.bin"),
        value: Some("67108865"),
        says: "xl/media/zeros.bin: the workbook unzips to 67108865 bytes or more, above the limit of 67108864",
        ..Want::default()
    };
    let err = Observations::from_xlsx(&bytes, &set()).unwrap_err();
    refused(&err, ErrorKind::Limit, want());
    // Exactly at the limit, the zeros making up what a filled template's own parts leave of
    // the 64 MiB, last in the archive: read.
    let mut at_limit =
        super::common::unzip(&super::common::workbook(&set(), "X", "2023", |_, _, _| {}));
    let own: usize = at_limit.iter().map(|(_, data)| data.len()).sum();
    at_limit.push((
        "xl/media/zeros.bin".to_owned(),
        vec![0; MAX_UNZIPPED_BYTES - own],
    ));
    let read = Observations::from_xlsx(&zipped(&at_limit), &set());
    assert!(read.is_ok(), "{read:?}");
    // The same part saying it is 1,000 bytes long, in its local header (offset 22) and in
    // the central directory (offset 24 of its entry): unzipped, it is caught at byte 1,001.
    let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    for at in [22, central + 24] {
        bytes[at..at + 4].copy_from_slice(&1000u32.to_le_bytes());
    }
    let err = Observations::from_xlsx(&bytes, &set()).unwrap_err();
    refused(
        &err,
        ErrorKind::Syntax,
        Want {
            says: "cannot read XLSX: File is larger than its declared uncompressed size",
            ..Want::default()
        },
    );
}

// 54. More than a million cells in a sheet, blank ones included: refused at the first cell
//     beyond the limit, before the rest is walked.
#[test]
fn sheets_of_a_million_blank_cells_are_refused() {
    let parts = changed("xl/worksheets/sheet1.xml", |xml| {
        let mut rows = String::new();
        // Rows of 26 blank cells, from row 20,001 on: past the million.
        for row in 20_001..20_001 + MAX_CELLS / 26 + 1 {
            rows.push_str(&format!("<row r=\"{row}\">"));
            for col in 'A'..='Z' {
                rows.push_str(&format!("<c r=\"{col}{row}\"/>"));
            }
            rows.push_str("</row>");
        }
        xml.replacen("</sheetData>", &format!("{rows}</sheetData>"), 1)
    });
    let err = Observations::from_xlsx(&zipped(&parts), &set()).unwrap_err();
    refused(
        &err,
        ErrorKind::Limit,
        Want {
            // Counting stops at the first cell beyond the limit.
            value: Some("1000001"),
            says: "more than 1000000 cells in a sheet",
            ..Want::default()
        },
    );
    assert!(
        err.cell()
            .is_some_and(|cell| cell.starts_with("'Số liệu'!"))
    );
}

// 61. A cell reference beyond the last cell a spreadsheet has (XFD1048576), or a range taken
//     backwards: `calamine` added its letters and digits up past its integers, or took its
//     first cell from its last (panics in a build that checks overflow; found by fuzzing the
//     Excel reader).
#[test]
fn cell_references_beyond_the_last_cell_are_refused() {
    for (from, to, value) in [
        ("r=\"D7\"", "r=\"AAAAAAAA7\"", "AAAAAAAA7"),
        ("r=\"D7\"", "r=\"D99999999999\"", "D99999999999"),
    ] {
        check_reference(
            from,
            to,
            "r",
            value,
            "expected a cell from A1 to XFD1048576",
        );
    }
    // A range taken backwards: calamine took its first cell from its last (an overflow too).
    let sheet = parts()
        .into_iter()
        .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
        .unwrap()
        .1;
    let sheet = String::from_utf8(sheet).unwrap();
    let start = sheet.find("<dimension ref=\"").unwrap() + "<dimension ref=\"".len();
    let dimension = &sheet[start..start + sheet[start..].find('"').unwrap()];
    let (first, last) = dimension.split_once(':').unwrap();
    let backwards = format!("{last}:{first}");
    check_reference(
        &format!("ref=\"{dimension}\""),
        &format!("ref=\"{backwards}\""),
        "ref",
        &backwards,
        "expected a range from its first cell to its last",
    );
}

/// The sheet with `from` changed to `to`: refused at `key`, with `value` and `says`.
fn check_reference(from: &str, to: &str, key: &str, value: &str, says: &str) {
    let parts = changed("xl/worksheets/sheet1.xml", |xml| {
        assert!(xml.contains(from), "the template has {from}");
        xml.replacen(from, to, 1)
    });
    let err = Observations::from_xlsx(&zipped(&parts), &set()).unwrap_err();
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            item: Some("xl/worksheets/sheet1.xml"),
            key: Some(key),
            value: Some(value),
            says,
        },
    );
}
