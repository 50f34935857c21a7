//! Reading a filled template (`calamine`): each row becomes the keys of the TOML file, checked
//! by the same reader, and every error is pinned to its cell.

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx};

use super::{
    AWARD_ROWS, AWARDS, DATES, HEADER_ROW, HEADINGS, PERIOD_ROW, SET_ROW, SHEET, SURVEY_ROW,
    WARD_ROW, col, inputs, rows,
};
use crate::criteria::{CriteriaSet, Leaf};
use crate::error::{Error, Reason, Result};
use crate::observations::Observations;
use crate::observations::read::{bad, read_appraisal, read_file, read_observation};
use crate::observations::value::Value;
use crate::rule::Reads;
use crate::spreadsheet::{cell_name, day_of, decimal};

/// A sheet and where it is.
struct Sheet<'a> {
    name: &'a str,
    range: Range<Data>,
}

impl Sheet<'_> {
    fn get(&self, row: u32, c: u16) -> &Data {
        self.range
            .get_value((row, u32::from(c)))
            .unwrap_or(&Data::Empty)
    }

    /// `Số liệu!D7`.
    fn cell(&self, row: u32, c: u16) -> String {
        format!("{}!{}", self.name, cell_name(row, c))
    }

    fn is_empty(&self, row: u32, c: u16) -> bool {
        match self.get(row, c) {
            Data::Empty => true,
            Data::String(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A cell's value as written, for messages.
fn shown(data: &Data) -> Value {
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
fn whole(key: &str, data: &Data) -> Result<Value> {
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

/// A date: a date cell holding a whole serial number of the 1900 system, or `YYYY-MM-DD`
/// text; written as the TOML reader takes it.
fn date(key: &str, data: &Data) -> Result<Value> {
    const EXPECTED: &str = "a date (a date cell, or text such as 2023-05-10), without a time";
    let day = match data {
        Data::DateTime(d) if d.is_datetime() => {
            let serial = d.as_f64();
            // A whole serial number is a day; a fraction is a time of day.
            (serial.fract() == 0.0 && serial.abs() < 1e9)
                .then(|| decimal(serial).and_then(|s| i64::try_from(s.mantissa()).ok()))
                .flatten()
                .and_then(day_of)
        }
        Data::String(s) | Data::DateTimeIso(s) => crate::dates::parse_iso(s.trim()),
        _ => None,
    };
    day.map(|d| Value::String(d.format("%Y-%m-%d").to_string()))
        .ok_or_else(|| bad(key, &shown(data), EXPECTED))
}

/// Yes or no, in either language, or a boolean cell.
fn yes(key: &str, data: &Data) -> Result<bool> {
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
fn text(data: &Data) -> String {
    match data {
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => decimal(*f).map_or_else(|| f.to_string(), |d| d.to_string()),
        other => other.to_string(),
    }
}

/// Points: a number, read from its shortest digits, or a text.
fn points(key: &str, data: &Data) -> Result<Value> {
    match data {
        Data::Int(i) => Ok(Value::Integer(*i)),
        Data::Float(f) => decimal(*f)
            .map(|d| Value::String(d.to_string()))
            .ok_or_else(|| bad(key, &shown(data), crate::decimal::EXPECTED)),
        Data::String(s) => Ok(Value::String(s.trim().to_owned())),
        _ => Err(bad(key, &shown(data), crate::decimal::EXPECTED)),
    }
}

/// The column a key of a criterion's row is read from.
fn column_of(key: Option<&str>) -> u16 {
    KEYS.iter()
        .find(|(_, k)| Some(*k) == key)
        .map_or(col::ID, |(c, _)| *c)
}

/// The key of the TOML file each input column stands for (dates held: from the first date
/// column on).
const KEYS: [(u16, &str); 10] = [
    (col::NUMERATOR, "numerator"),
    (col::DENOMINATOR, "denominator"),
    (col::COUNT, "count"),
    (col::COMPLETED, "completed_on"),
    (col::DONE, "done"),
    (col::POINTS, "points"),
    (col::CATEGORY, "category"),
    (col::NOT_APPLICABLE, "not_applicable"),
    (col::EVIDENCE, "evidence"),
    (col::FIRST_DATE, "held_on"),
];

/// The key of input column `c`.
fn key_of(c: u16) -> &'static str {
    let c = c.min(col::FIRST_DATE);
    KEYS.iter()
        .find(|(k, _)| *k == c)
        .map_or("", |(_, key)| key)
}

/// Reads a filled template against `set`: the same [`Observations`] as the TOML file with
/// the same data (see the [module docs](super)).
///
/// # Errors
/// As [`Observations::from_toml`], each error naming its cell
/// ([`Error::cell`](crate::Error::cell)); [`ErrorKind::Syntax`](crate::ErrorKind::Syntax)
/// for a file that is not a workbook or not a template of `set`.
pub fn read(bytes: &[u8], set: &CriteriaSet) -> Result<Observations> {
    let parse = |e: &dyn std::fmt::Display| {
        Error::from(Reason::Parse {
            format: "XLSX",
            at: crate::error::Location(None),
            message: e.to_string(),
        })
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| parse(&e))?;
    let names = book.sheet_names();
    let find = |candidates: [&'static str; 2]| {
        candidates
            .into_iter()
            .find(|c| names.iter().any(|n| n == c))
    };
    let name = find(SHEET).ok_or_else(|| {
        Error::from(Reason::NotTemplate {
            what: format!("no sheet named {:?} or {:?}", SHEET[0], SHEET[1]),
        })
    })?;
    let range = book.worksheet_range(name).map_err(|e| parse(&e))?;
    let sheet = Sheet { name, range };
    let heading_ok = HEADINGS.iter().enumerate().all(|(c, (vi, en))| {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        matches!(sheet.get(HEADER_ROW, c), Data::String(s) if s == vi || s == en)
    });
    if !heading_ok {
        return Err(Error::from(Reason::NotTemplate {
            what: "the headings of row 6 are not the template's".to_owned(),
        })
        .in_cell(|| sheet.cell(HEADER_ROW, 0)));
    }
    match sheet.get(SET_ROW, 1) {
        Data::String(s) if s == set.name() => {}
        other => {
            return Err(Error::from(Reason::NotTemplate {
                what: format!("made for the criteria set {other}, not {:?}", set.name()),
            })
            .in_cell(|| sheet.cell(SET_ROW, 1)));
        }
    }
    let mut root: Vec<(String, Value)> = Vec::new();
    let head = |row: u32| (!sheet.is_empty(row, 1)).then(|| sheet.get(row, 1));
    let missing = |key: &'static str, row: u32| {
        Error::from(Reason::MissingKey {
            key,
            rule: "observations file",
        })
        .in_cell(|| sheet.cell(row, 1))
    };
    let ward = head(WARD_ROW).ok_or_else(|| missing("ward", WARD_ROW))?;
    root.push((
        "ward".to_owned(),
        Value::String(text(ward).trim().to_owned()),
    ));
    let when = head(PERIOD_ROW).ok_or_else(|| missing("year", PERIOD_ROW))?;
    root.push(match when {
        Data::String(code) if code.trim().contains('-') => {
            ("period".to_owned(), Value::String(code.trim().to_owned()))
        }
        other => {
            let year = whole("year", other).map_err(|e| e.in_cell(|| sheet.cell(PERIOD_ROW, 1)))?;
            let year = match year {
                Value::String(digits) => {
                    digits.parse().map_or(Value::String(digits), Value::Integer)
                }
                v => v,
            };
            ("year".to_owned(), year)
        }
    });
    if !set.survey_points().is_zero()
        && let Some(held) = head(SURVEY_ROW)
    {
        let held = yes("survey", held).map_err(|e| e.in_cell(|| sheet.cell(SURVEY_ROW, 1)))?;
        root.push(("survey".to_owned(), Value::Bool(held)));
    }
    let mut observations: Vec<(String, Value)> = Vec::new();
    let mut appraisals: Vec<(String, Value)> = Vec::new();
    let mut row_of: Vec<(String, u32)> = Vec::new();
    let wanted: Vec<Leaf<'_>> = rows(set).collect();
    let last = sheet.range.end().map_or(HEADER_ROW, |(r, _)| r);
    for row in HEADER_ROW + 1..=last {
        if sheet.is_empty(row, col::ID) {
            continue;
        }
        let id = text(sheet.get(row, col::ID)).trim().to_owned();
        let at_id = |e: Error| e.at(id.clone()).in_cell(|| sheet.cell(row, col::ID));
        let Some(leaf) = wanted.iter().find(|l| l.criterion.id() == id.as_str()) else {
            return Err(at_id(
                crate::observations::leaf(set, &id)
                    .err()
                    .unwrap_or_else(|| {
                        Reason::NotTemplate {
                            what: "a criterion the template has no row for".to_owned(),
                        }
                        .into()
                    }),
            ));
        };
        if row_of.iter().any(|(seen, _)| *seen == id) {
            return Err(at_id(
                Reason::DuplicateId {
                    what: "criterion",
                    id: id.clone(),
                }
                .into(),
            ));
        }
        row_of.push((id.clone(), row));
        let (id_ref, sheet_ref): (&str, &Sheet<'_>) = (&id, &sheet);
        let at =
            |c: u16| move |e: Error| e.at(id_ref.to_owned()).in_cell(|| sheet_ref.cell(row, c));
        if let Some(table) = observation_row(&sheet, row, leaf, &id)? {
            read_observation(leaf, &table).map_err(|e| {
                let c = column_of(e.key());
                at(c)(e)
            })?;
            observations.push((id.clone(), table));
        }
        let (points, reason) = (col::APPRAISED, col::REASON);
        if !(sheet.is_empty(row, points) && sheet.is_empty(row, reason)) {
            let mut t = Vec::new();
            if !sheet.is_empty(row, points) {
                t.push((
                    "points".to_owned(),
                    self::points("points", sheet.get(row, points)).map_err(at(points))?,
                ));
            }
            if !sheet.is_empty(row, reason) {
                t.push((
                    "reason".to_owned(),
                    Value::String(text(sheet.get(row, reason))),
                ));
            }
            let table = Value::Table(t);
            read_appraisal(&table, leaf.criterion.max_points()).map_err(|e| {
                let c = if e.key() == Some("reason") {
                    reason
                } else {
                    points
                };
                at(c)(e)
            })?;
            appraisals.push((id.clone(), table));
        }
    }
    root.push(("observations".to_owned(), Value::Table(observations)));
    if !appraisals.is_empty() {
        root.push(("appraisals".to_owned(), Value::Table(appraisals)));
    }
    awards(&mut book, &mut root)?;
    read_file(&Value::Table(root), set).map_err(|e| {
        let row = e
            .path()
            .iter()
            .find_map(|item| row_of.iter().find(|(id, _)| id == item).map(|(_, r)| *r));
        match (row, e.key()) {
            (Some(row), key) => {
                let c = column_of(key);
                e.in_cell(|| sheet.cell(row, c))
            }
            (None, Some("year" | "period")) => e.in_cell(|| sheet.cell(PERIOD_ROW, 1)),
            (None, Some("survey")) => e.in_cell(|| sheet.cell(SURVEY_ROW, 1)),
            (None, Some("ward")) => e.in_cell(|| sheet.cell(WARD_ROW, 1)),
            (None, _) => e,
        }
    })
}

/// One criterion's row as the keys of the TOML file; `None` when the row is empty (missing).
fn observation_row(
    sheet: &Sheet<'_>,
    row: u32,
    leaf: &Leaf<'_>,
    id: &str,
) -> Result<Option<Value>> {
    let reads = leaf.rule.reads();
    let open = inputs(reads);
    let last = col::FIRST_DATE + DATES - 1;
    let at = |c: u16| move |e: Error| e.at(id.to_owned()).in_cell(|| sheet.cell(row, c));
    let mut t: Vec<(String, Value)> = Vec::new();
    let mut filled = false;
    for c in col::NUMERATOR..=last {
        if sheet.is_empty(row, c) || matches!(c, col::APPRAISED | col::REASON) {
            continue;
        }
        filled = true;
        let data = sheet.get(row, c);
        if !(open.contains(&c) || matches!(c, col::NOT_APPLICABLE | col::EVIDENCE)) {
            return Err(at(c)(
                Reason::KeyNotAllowed {
                    key: key_of(c).to_owned(),
                    rule: leaf.rule.kind(),
                    allowed: reads.keys().join(", "),
                }
                .into(),
            ));
        }
        match c {
            col::NUMERATOR => {
                t.push(("numerator".into(), whole("numerator", data).map_err(at(c))?))
            }
            col::DENOMINATOR => t.push((
                "denominator".into(),
                whole("denominator", data).map_err(at(c))?,
            )),
            col::COUNT => t.push(("count".into(), whole("count", data).map_err(at(c))?)),
            col::COMPLETED => t.push((
                "completed_on".into(),
                date("completed_on", data).map_err(at(c))?,
            )),
            col::POINTS => t.push(("points".into(), points("points", data).map_err(at(c))?)),
            col::CATEGORY => t.push((
                "category".into(),
                Value::String(text(data).trim().to_owned()),
            )),
            col::NOT_APPLICABLE => {
                t.push((
                    "not_applicable".into(),
                    Value::Bool(yes("not_applicable", data).map_err(at(c))?),
                ));
            }
            col::EVIDENCE => t.push(("evidence".into(), Value::String(text(data)))),
            col::DONE => {
                let done = yes("done", data).map_err(at(c))?;
                match reads {
                    Reads::Done => t.push(("done".into(), Value::Bool(done))),
                    // "không" on a deadline or dates held: observed, not done; "có" says
                    // nothing the date does not.
                    _ if done => {}
                    Reads::Dates => t.push(("held_on".into(), Value::Array(Vec::new()))),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if !filled {
        return Ok(None);
    }
    if reads == Reads::Dates {
        let mut dates = Vec::new();
        for c in col::FIRST_DATE..=last {
            if !sheet.is_empty(row, c) {
                dates.push(date("held_on", sheet.get(row, c)).map_err(at(c))?);
            }
        }
        let said_no = t.iter().any(|(k, _)| k == "held_on");
        if said_no && !dates.is_empty() {
            return Err(at(col::DONE)(
                Reason::ConflictingKeys {
                    key: "held_on".to_owned(),
                }
                .into(),
            ));
        }
        if !dates.is_empty() {
            t.push(("held_on".into(), Value::Array(dates)));
        }
    }
    // "có" with nothing else on a deadline or dates held: the date is missing.
    let said_yes = !sheet.is_empty(row, col::DONE)
        && reads != Reads::Done
        && yes("done", sheet.get(row, col::DONE)).unwrap_or(false);
    if said_yes && !t.iter().any(|(k, _)| k == "completed_on" || k == "held_on") {
        let key = if reads == Reads::Dates {
            "held_on"
        } else {
            "completed_on"
        };
        return Err(at(column_of(Some(key)))(
            Reason::MissingKey {
                key,
                rule: leaf.rule.kind(),
            }
            .into(),
        ));
    }
    Ok(Some(Value::Table(t)))
}

/// The bonus and penalty rows of the second sheet, when there is one.
fn awards(book: &mut Xlsx<Cursor<&[u8]>>, root: &mut Vec<(String, Value)>) -> Result<()> {
    let names = book.sheet_names();
    let Some(name) = AWARDS.into_iter().find(|a| names.iter().any(|n| n == a)) else {
        return Ok(());
    };
    let range = book.worksheet_range(name).map_err(|e| {
        Error::from(Reason::Parse {
            format: "XLSX",
            at: crate::error::Location(None),
            message: e.to_string(),
        })
    })?;
    let sheet = Sheet { name, range };
    let (mut bonus, mut penalty) = (Vec::new(), Vec::new());
    for row in 1..=AWARD_ROWS {
        if (0..3).all(|c| sheet.is_empty(row, c)) {
            continue;
        }
        let sheet_ref = &sheet;
        let at = |c: u16| move |e: Error| e.in_cell(|| sheet_ref.cell(row, c));
        let kind = text(sheet.get(row, 0)).trim().to_lowercase();
        let list = match kind.as_str() {
            "thưởng" | "bonus" => &mut bonus,
            "trừ" | "penalty" => &mut penalty,
            _ => {
                return Err(at(0)(bad(
                    "kind",
                    &shown(sheet.get(row, 0)),
                    "thưởng or trừ (bonus or penalty)",
                )));
            }
        };
        let mut t = Vec::new();
        if !sheet.is_empty(row, 1) {
            t.push((
                "points".to_owned(),
                points("points", sheet.get(row, 1)).map_err(at(1))?,
            ));
        }
        if !sheet.is_empty(row, 2) {
            t.push(("reason".to_owned(), Value::String(text(sheet.get(row, 2)))));
        }
        // Checked here, so that the error names the cell.
        let checked = Value::Array(vec![Value::Table(t.clone())]);
        crate::observations::read::check_awards(&checked, "bonus").map_err(|e| {
            let c = if e.key() == Some("reason") { 2 } else { 1 };
            at(c)(e)
        })?;
        list.push(Value::Table(t));
    }
    if !bonus.is_empty() {
        root.push(("bonus".to_owned(), Value::Array(bonus)));
    }
    if !penalty.is_empty() {
        root.push(("penalty".to_owned(), Value::Array(penalty)));
    }
    Ok(())
}
