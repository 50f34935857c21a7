//! The cells of a filled template, read one by one (`calamine`'s cell reader): only the cells
//! that hold something are kept, and a value beyond the template's columns and rows is
//! refused at its cell — a workbook with one cell at XFD1048576 costs no more than one with
//! the template's cells. Each cell's value is then read as the key it stands for.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Xlsx};

use crate::error::{Error, Reason, Result};
use crate::observations::read::bad;
use crate::observations::value::Value;
use crate::spreadsheet::{column_name, day_of, decimal, sheet_cell};

/// The largest workbook [`Observations::from_xlsx`](crate::Observations::from_xlsx) takes,
/// in bytes: [`MAX_INPUT_BYTES`](crate::limits::MAX_INPUT_BYTES), 10 MiB (a template of the
/// reference set is about 15 KB).
pub const MAX_BYTES: usize = crate::limits::MAX_INPUT_BYTES;

/// The most cells of one sheet read, blank ones included: 1,000,000 (the template's data
/// sheet has 260,000, columns A to Z of [`MAX_ROWS`](super::MAX_ROWS) rows).
pub const MAX_CELLS: usize = 1_000_000;

/// A parser's error, as the crate's.
pub(super) fn parse(e: &dyn std::fmt::Display) -> Error {
    Error::from(Reason::Parse {
        format: "XLSX",
        at: crate::error::Location(None),
        message: crate::limits::shorten(&e.to_string(), 300).into_owned(),
    })
}

/// The cells of one sheet that hold something.
pub(super) struct Sheet {
    pub(super) name: &'static str,
    cells: HashMap<(u32, u16), Data>,
    /// The last row holding something (0-based).
    pub(super) last_row: u32,
}

impl Sheet {
    /// Reads sheet `name`, keeping rows below `rows` and columns up to `last_col` (0-based);
    /// a value beyond them is an error naming its cell.
    pub(super) fn read(
        book: &mut Xlsx<Cursor<&[u8]>>,
        name: &'static str,
        rows: u32,
        last_col: u16,
    ) -> Result<Self> {
        let mut reader = book.worksheet_cells_reader(name).map_err(|e| parse(&e))?;
        let mut cells = HashMap::new();
        let mut last_row = 0;
        let mut read = 0;
        while let Some(cell) = reader.next_cell().map_err(|e| parse(&e))? {
            let (row, col) = cell.get_position();
            read += 1;
            if read > MAX_CELLS {
                let col = u16::try_from(col).unwrap_or(u16::MAX);
                return Err(Error::from(Reason::TooMany {
                    what: "cells in a sheet",
                    count: read,
                    limit: MAX_CELLS,
                })
                .in_cell(|| sheet_cell(name, row, col)));
            }
            let value = Data::from(cell.get_value().clone());
            if blank(&value) {
                continue;
            }
            let col = u16::try_from(col).ok().filter(|c| *c <= last_col);
            let (Some(col), true) = (col, row < rows) else {
                let shown = u16::try_from(cell.get_position().1).unwrap_or(u16::MAX);
                return Err(Error::from(Reason::OutsideTemplate {
                    last_col: column_name(last_col),
                    rows,
                })
                .in_cell(|| sheet_cell(name, row, shown)));
            };
            cells.insert((row, col), value);
            last_row = last_row.max(row);
        }
        Ok(Self {
            name,
            cells,
            last_row,
        })
    }

    pub(super) fn get(&self, row: u32, c: u16) -> &Data {
        self.cells.get(&(row, c)).unwrap_or(&Data::Empty)
    }

    /// `'Số liệu'!D7`.
    pub(super) fn cell(&self, row: u32, c: u16) -> String {
        sheet_cell(self.name, row, c)
    }

    pub(super) fn is_empty(&self, row: u32, c: u16) -> bool {
        blank(self.get(row, c))
    }
}

/// Whether a cell holds nothing (empty, or only spaces).
fn blank(data: &Data) -> bool {
    match data {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A cell's value as written, for messages (text quoted and escaped).
pub(super) fn shown(data: &Data) -> Value {
    match data {
        Data::Int(i) => Value::Integer(*i),
        Data::Float(f) => Value::Float(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Value::String(s.clone()),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(d) => Value::Float(d.as_f64()),
        Data::Error(e) => Value::String(e.to_string()),
        Data::Empty => Value::Null,
    }
}

/// A whole number ≥ 0: an integer cell, a float cell without a fraction (up to 2^53, where
/// floats stop counting by one), or a text of digits.
pub(super) fn whole(key: &str, data: &Data) -> Result<Value> {
    const EXPECTED: &str = "a whole number, 0 or more";
    const EXACT: f64 = 9_007_199_254_740_992.0;
    let n = match data {
        Data::Int(i) if *i >= 0 => Some(*i),
        Data::Float(f) if f.fract() == 0.0 && (0.0..=EXACT).contains(f) => {
            // Whole and within 2^53: exact.
            decimal(*f).and_then(|d| i64::try_from(d.mantissa()).ok())
        }
        Data::String(s) if !s.trim().is_empty() && s.trim().bytes().all(|b| b.is_ascii_digit()) => {
            return Ok(Value::String(s.trim().to_owned()));
        }
        _ => None,
    };
    n.map(Value::Integer)
        .ok_or_else(|| bad(key, &shown(data), EXPECTED))
}

/// The day of a date cell holding a whole serial number of the 1900 system.
fn day(data: &Data) -> Option<chrono::NaiveDate> {
    let Data::DateTime(d) = data else {
        return None;
    };
    let serial = d.as_f64();
    // A whole serial number is a day; a fraction is a time of day.
    (d.is_datetime() && serial.fract() == 0.0 && serial.abs() < 1e9)
        .then(|| decimal(serial).and_then(|s| i64::try_from(s.mantissa()).ok()))
        .flatten()
        .and_then(day_of)
}

/// A date: a date cell holding a whole serial number of the 1900 system, or `YYYY-MM-DD`
/// text; written as the TOML reader takes it.
pub(super) fn date(key: &str, data: &Data) -> Result<Value> {
    const EXPECTED: &str = "a date (a date cell, or text such as 2023-05-10), without a time";
    let day = match data {
        Data::String(s) | Data::DateTimeIso(s) => crate::dates::parse_iso(s.trim()),
        other => day(other),
    };
    day.map(|d| Value::String(d.format("%Y-%m-%d").to_string()))
        .ok_or_else(|| bad(key, &shown(data), EXPECTED))
}

/// The year or period cell: a year (a number or digits), a period code as text (`2023-07`,
/// `2023-Q3`), or — where Excel turned a typed `2023-07` into a date — the first day of a
/// month, read as that month; any other date is refused with the reason.
pub(super) fn period(data: &Data) -> Result<(&'static str, Value)> {
    if let Data::String(code) = data
        && code.trim().contains('-')
    {
        return Ok(("period", Value::String(code.trim().to_owned())));
    }
    if matches!(data, Data::DateTime(_)) {
        use chrono::Datelike;
        return match day(data) {
            Some(d) if d.day() == 1 => Ok((
                "period",
                Value::String(format!("{}-{:02}", d.year(), d.month())),
            )),
            _ => Err(bad(
                "period",
                &shown(data),
                "a year (2023) or a period (2023-07, 2023-Q3) typed as text: Excel read what was typed as a date other than the first of a month; format the cell as text and type it again",
            )),
        };
    }
    let year = match whole("year", data)? {
        Value::String(digits) => digits.parse().map_or(Value::String(digits), Value::Integer),
        v => v,
    };
    Ok(("year", year))
}

/// Yes or no, in either language, or a boolean cell.
pub(super) fn yes(key: &str, data: &Data) -> Result<bool> {
    match data {
        Data::Bool(b) => Ok(*b),
        Data::String(s) => match s.trim().to_lowercase().as_str() {
            "có" | "co" | "yes" | "x" | "true" => Ok(true),
            "không" | "khong" | "no" | "false" => Ok(false),
            _ => Err(bad(key, &shown(data), "có or không (yes or no)")),
        },
        _ => Err(bad(key, &shown(data), "có or không (yes or no)")),
    }
}

/// Text: a string cell, or a number written as its digits.
pub(super) fn text(data: &Data) -> String {
    match data {
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => decimal(*f).map_or_else(|| f.to_string(), |d| d.to_string()),
        other => other.to_string(),
    }
}

/// Points: a number, read from its shortest digits, or a text.
pub(super) fn points(key: &str, data: &Data) -> Result<Value> {
    match data {
        Data::Int(i) => Ok(Value::Integer(*i)),
        Data::Float(f) => decimal(*f)
            .map(|d| Value::String(d.to_string()))
            .ok_or_else(|| bad(key, &shown(data), crate::decimal::EXPECTED)),
        Data::String(s) => Ok(Value::String(s.trim().to_owned())),
        _ => Err(bad(key, &shown(data), crate::decimal::EXPECTED)),
    }
}
