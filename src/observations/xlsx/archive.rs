//! A workbook's archive, checked before `calamine` opens it: `calamine` believes what the
//! archive says, so a workbook of a few hundred bytes could otherwise unzip to gigabytes, or
//! declare a billion shared strings and have them reserved before one is read.

use std::io::{Cursor, Read};

use super::cells::parse;
use crate::error::{Error, Reason, Result};
use crate::limits::MAX_UNZIPPED_BYTES;

/// The fewest bytes one shared string takes (`<si/>`).
const SHORTEST_STRING: usize = 5;

/// Checks that the parts of the workbook `bytes` unzip to at most [`MAX_UNZIPPED_BYTES`] in
/// all (counted as they unzip, not as the archive declares), and that the shared strings
/// declare no more strings than their part could hold.
pub(super) fn check(bytes: &[u8]) -> Result<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| parse(&e))?;
    let limit = MAX_UNZIPPED_BYTES as u64;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| parse(&e))?;
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let too_big = |len: u64| {
            Error::from(Reason::Unzipped {
                len,
                limit: MAX_UNZIPPED_BYTES,
            })
            .at(name.clone())
        };
        let room = limit - total;
        if entry.size() > room {
            return Err(too_big(total.saturating_add(entry.size())));
        }
        let mut part = (&mut entry).take(room + 1);
        let lower = name.to_ascii_lowercase();
        let len = if lower.ends_with(".xml") {
            let mut text = Vec::new();
            part.read_to_end(&mut text).map_err(|e| parse(&e))?;
            if text.len() as u64 <= room {
                if lower.ends_with("sharedstrings.xml") {
                    shared_strings(&text).map_err(|e| e.at(name.clone()))?;
                }
                references(&text).map_err(|e| e.at(name.clone()))?;
            }
            text.len() as u64
        } else {
            std::io::copy(&mut part, &mut std::io::sink()).map_err(|e| parse(&e))?
        };
        if len > room {
            return Err(too_big(total + len));
        }
        total += len;
    }
    Ok(())
}

/// Every tag of an XML part: its local name and the bytes of its attributes. A tag ends at
/// `>`, or at the next `<` (no value holds one): each byte is looked at a bounded number of
/// times, however the part is made.
fn tags(text: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    text.iter()
        .enumerate()
        .filter(|(_, b)| **b == b'<')
        .map(move |(at, _)| {
            let tag = &text[at + 1..];
            let tag = &tag[..tag
                .iter()
                .position(|b| *b == b'>' || *b == b'<')
                .unwrap_or(tag.len())];
            let name_end = tag
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b'/')
                .unwrap_or(tag.len());
            let name = &tag[..name_end];
            let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
            (local, &tag[name_end..])
        })
}

/// Refuses a cell reference (the `r` of a row or a cell, the `ref` of a range) beyond the
/// largest a spreadsheet has, `XFD1048576`: more than three letters or seven digits, which
/// `calamine` would add up past its integers.
fn references(text: &[u8]) -> Result<()> {
    for (local, attributes) in tags(text) {
        // The elements whose references calamine reads: rows and cells by `r`; a sheet's
        // dimension, merged cells, hyperlinks, shared formulas and tables by `ref`.
        let key = match local {
            b"row" | b"c" => "r",
            b"dimension" | b"mergeCell" | b"hyperlink" | b"f" | b"table" => "ref",
            _ => continue,
        };
        let Some(value) = attribute(attributes, key.as_bytes()) else {
            continue;
        };
        let bad = |expected| {
            Err(Error::from(Reason::BadValue {
                key: key.to_owned(),
                value: String::from_utf8_lossy(value).into_owned(),
                expected,
            }))
        };
        let mut cells = Vec::new();
        for cell in value.split(|b| *b == b':') {
            let cell: Vec<u8> = cell.iter().copied().filter(|b| *b != b'$').collect();
            let letters = cell.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            let digits = cell[letters..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if letters > 3 || digits > 7 {
                return bad("a cell from A1 to XFD1048576");
            }
            cells.push(position(&cell[..letters], &cell[letters..letters + digits]));
        }
        // calamine takes a range's first cell from its last.
        if let [(col_a, row_a), (col_b, row_b)] = cells[..]
            && (col_b < col_a || row_b < row_a)
        {
            return bad("a range from its first cell to its last, such as A1:D7");
        }
    }
    Ok(())
}

/// The column and row numbers of a reference's letters and digits (at most three and seven).
fn position(letters: &[u8], digits: &[u8]) -> (u32, u32) {
    let col = letters.iter().fold(0, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row = digits.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0'));
    (col, row)
}

/// Refuses a `uniqueCount` of the shared strings' `sst` element (any of them, prefixed or
/// not) above what the part could hold; `calamine` reserves room for that many strings.
/// (`count`, the cells that use a shared string, may rightly be larger.)
fn shared_strings(text: &[u8]) -> Result<()> {
    let most = text.len() / SHORTEST_STRING;
    for (local, attributes) in tags(text) {
        if local != b"sst" {
            continue;
        }
        if let Some(value) = attribute(attributes, b"uniqueCount") {
            let fits = value
                .iter()
                .all(u8::is_ascii_digit)
                .then(|| std::str::from_utf8(value).ok()?.parse::<usize>().ok())
                .flatten()
                .is_some_and(|n| n <= most);
            // calamine reserves only for digits it can read as a number.
            if !fits && value.first().is_some_and(u8::is_ascii_digit) {
                return Err(Error::from(Reason::CountBeyondPart {
                    key: "uniqueCount",
                    value: String::from_utf8_lossy(value).into_owned(),
                    len: text.len(),
                    most: most as u64,
                }));
            }
        }
    }
    Ok(())
}

/// The value of every attribute named `key` (with or without a prefix) in a tag's
/// `attributes`: the first found.
fn attribute<'a>(attributes: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let mut from = 0;
    while let Some(at) = attributes
        .get(from..)?
        .windows(key.len())
        .position(|w| w == key)
    {
        let start = from + at;
        from = start + key.len();
        let before = start.checked_sub(1).and_then(|i| attributes.get(i));
        if !before.is_some_and(|b| b.is_ascii_whitespace() || *b == b':') {
            continue;
        }
        let rest = attributes.get(from..)?.trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = rest.trim_ascii_start();
        let Some((&quote, rest)) = rest.split_first() else {
            continue;
        };
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        let end = rest.iter().position(|b| *b == quote).unwrap_or(rest.len());
        return rest.get(..end);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_a_part_cannot_hold_are_refused() {
        // 42 bytes hold at most 42 / 5 = 8 strings.
        let part = br#"<sst count="100" uniqueCount="9"></sst>   "#;
        assert_eq!(part.len(), 42);
        let err = shared_strings(part).unwrap_err();
        assert_eq!(err.key(), Some("uniqueCount"));
        assert_eq!(err.value().as_deref(), Some("9"));
        assert_eq!(
            err.to_string(),
            "uniqueCount \"9\" is more strings than a part of 42 bytes holds (at most 8)"
        );
        // 8 fits; `count` (cells using a string) may be larger; a prefix counts.
        assert!(shared_strings(br#"<sst count="100" uniqueCount="8"></sst>   "#).is_ok());
        assert!(shared_strings(br#"<x:sst x:uniqueCount = '99999999999999999999999'>"#).is_err());
        // Other elements are not calamine's.
        assert!(shared_strings(br#"<ssts uniqueCount="999"/><si uniqueCount="999"/>"#).is_ok());
    }

    #[test]
    fn references_beyond_the_last_cell_are_refused() {
        // XFD1048576 is the last cell; a range and a row by number are references too.
        let ok = br#"<dimension ref="A1:$XFD$1048576"/><row r="7"><c r="D7" s="1"/></row>"#;
        assert!(references(ok).is_ok());
        for (part, key, value) in [
            (&br#"<c r="AAAAAAAA1"/>"#[..], "r", "AAAAAAAA1"),
            (br#"<row r="99999999999">"#, "r", "99999999999"),
            (br#"<x:mergeCell x:ref="A1:ABCD2"/>"#, "ref", "A1:ABCD2"),
        ] {
            let err = references(part).unwrap_err();
            assert_eq!(
                (err.key(), err.value().as_deref()),
                (Some(key), Some(value))
            );
        }
        // A range taken backwards.
        for backwards in [&br#"<dimension ref="B2:A7"/>"#[..], br#"<f ref="A7:B2"/>"#] {
            let err = references(backwards).unwrap_err();
            assert!(
                err.to_string().contains("a range from its first cell"),
                "{err}"
            );
        }
        assert!(references(br#"<dimension ref="A1:A1"/><mergeCell ref="B2:AA100"/>"#).is_ok());
        // Other attributes are not references (`r:id` is a relationship).
        assert!(references(br#"<sheet name="AAAAAAAA1" r:id="rId99999999999"/>"#).is_ok());
    }

    #[test]
    fn attributes_are_found_by_their_whole_name() {
        assert_eq!(attribute(b" a=\"1\" xa=\"2\"", b"a"), Some(&b"1"[..]));
        assert_eq!(attribute(b" xa=\"2\"", b"a"), None);
        assert_eq!(attribute(b" a = '3'", b"a"), Some(&b"3"[..]));
        assert_eq!(attribute(b" a", b"a"), None);
    }
}
