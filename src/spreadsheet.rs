//! What the workbook writers and the template reader share: decimals as spreadsheet numbers,
//! dates as serial numbers, cell names.
//!
//! A spreadsheet keeps every number as a 64-bit float, written in the file as its shortest
//! round-trip digits, and Excel reads and shows at most 15 significant digits. A decimal of at
//! most 15 significant digits goes to the nearest float and back to the same digits, so it is
//! written exactly; [`number`] checks this for each value (parsing the decimal's own digits,
//! never computing with a float) and refuses one that would not come back digit for digit.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::error::{Error, Reason, Result};

/// `value` as the spreadsheet number that is written as the same digits; `what` names it in
/// an error (`numerator`, `maximum points`).
///
/// # Errors
/// [`ErrorKind::Limit`](crate::ErrorKind::Limit) for a decimal a float cannot hold digit for
/// digit (more than 15 significant digits, in practice).
pub(crate) fn number(what: &'static str, value: Decimal) -> Result<f64> {
    /// The significant digits Excel keeps.
    const EXCEL_DIGITS: usize = 15;
    let normal = value.normalize();
    if normal.mantissa().unsigned_abs().to_string().len() > EXCEL_DIGITS {
        return Err(Error::from(Reason::NotExact { what, value }));
    }
    let digits = normal.to_string();
    let float: f64 = digits
        .parse()
        .map_err(|_| Error::from(Reason::NotExact { what, value }))?;
    // `{}` prints a float's shortest round-trip digits: what the file will hold.
    if float.is_finite() && float.to_string() == digits {
        Ok(float)
    } else {
        Err(Error::from(Reason::NotExact { what, value }))
    }
}

/// The decimal a spreadsheet number stands for: its shortest round-trip digits, read as a
/// decimal (a number typed as `1.5` is read as 1.5, not as the float's binary expansion).
pub(crate) fn decimal(float: f64) -> Option<Decimal> {
    if !float.is_finite() {
        return None;
    }
    crate::decimal::parse(&float.to_string())
}

/// Day 0 of the 1900 date system, as spreadsheets count from 1900-03-01 on (serial 61).
fn epoch() -> NaiveDate {
    // 1899-12-30 is a valid date: proven invariant.
    NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default()
}

/// The serial number of `day` in the 1900 date system: 1 is 1900-01-01, and serial 60 is the
/// 29 February 1900 that Lotus 1-2-3 invented and Excel keeps, so days from 1900-03-01 on
/// count from 1899-12-30.
#[cfg(test)]
pub(crate) fn serial(day: NaiveDate) -> i64 {
    let days = day.signed_duration_since(epoch()).num_days();
    if days < 61 { days - 1 } else { days }
}

/// The day of a whole serial number of the 1900 date system; `None` for 0, for 60 (the
/// 29 February 1900 that never was) and out of range.
pub(crate) fn day_of(serial: i64) -> Option<NaiveDate> {
    let days = match serial {
        1..=59 => serial + 1,
        61.. => serial,
        _ => return None,
    };
    epoch().checked_add_days(Days::new(u64::try_from(days).ok()?))
}

/// A cell as a formula names it: `'Số liệu'!D7` (the sheet quoted as Excel needs it).
pub(crate) fn sheet_cell(sheet: &str, row: u32, col: u16) -> String {
    format!(
        "{}!{}",
        rust_xlsxwriter::utility::quote_sheet_name(sheet),
        cell_name(row, col)
    )
}

/// The name of a cell: `D7` for row 6, column 3 (both 0-based).
pub(crate) fn cell_name(row: u32, col: u16) -> String {
    format!("{}{}", column_name(col), row + 1)
}

/// The letters of a column: `A` for 0, `AA` for 26.
pub(crate) fn column_name(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        // rem < 26: a letter A–Z.
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn decimals_go_out_digit_for_digit() {
        let number = |value| number("points", value);
        assert_eq!(number(dec!(4.29)).unwrap().to_string(), "4.29");
        assert_eq!(number(dec!(85.97)).unwrap().to_string(), "85.97");
        assert_eq!(number(dec!(100.00)).unwrap().to_string(), "100");
        assert_eq!(number(dec!(0.1)).unwrap().to_string(), "0.1");
        // 17 significant digits: more than Excel keeps.
        let err = number(dec!(1234567.8901234567)).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Limit);
        assert_eq!(
            err.to_string(),
            "points 1234567.8901234567 cannot be written exactly as a spreadsheet number"
        );
        assert_eq!(
            number(dec!(123456789012345)).unwrap().to_string(),
            "123456789012345"
        );
        assert!(number(dec!(1234567890123456)).is_err());
        assert_eq!(decimal(1.5), Some(dec!(1.5)));
        assert_eq!(decimal(0.1 + 0.2), Some(dec!(0.30000000000000004)));
    }

    #[test]
    fn serial_numbers_of_the_1900_system() {
        // Worked out from the 1900 system: 1 = 1900-01-01, 59 = 1900-02-28, 61 = 1900-03-01,
        // 45000 = 2023-03-15 (Excel shows 15/03/2023), 2958465 = 9999-12-31.
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(serial(d(1900, 1, 1)), 1);
        assert_eq!(serial(d(1900, 2, 28)), 59);
        assert_eq!(serial(d(1900, 3, 1)), 61);
        assert_eq!(serial(d(2023, 3, 15)), 45000);
        for s in [1, 59, 61, 45000, 2_958_465] {
            assert_eq!(serial(day_of(s).unwrap()), s);
        }
        assert_eq!(day_of(60), None);
        assert_eq!(day_of(0), None);
        assert_eq!(day_of(-5), None);
    }

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(6, 3), "D7");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        // A sheet name with a space or a letter beyond ASCII is quoted, as Excel needs.
        assert_eq!(sheet_cell("Số liệu", 11, 3), "'Số liệu'!D12");
        assert_eq!(sheet_cell("Data", 11, 3), "Data!D12");
        assert_eq!(sheet_cell("Thưởng, trừ", 1, 0), "'Thưởng, trừ'!A2");
    }
}
