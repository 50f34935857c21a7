//! Reading a filled template (`calamine`): each row becomes the keys of the TOML file, checked
//! by the same reader, and every error is pinned to its cell.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::cells::{MAX_BYTES, Sheet, date, parse, period, points, shown, text, whole, yes};
use super::{
    AWARD_ROWS, AWARDS, DATES, HEADER_ROW, HEADINGS, MAX_ROWS, PERIOD_ROW, SET_ROW, SHEET,
    SURVEY_ROW, WARD_ROW, col, inputs, rows,
};
use crate::criteria::{CriteriaSet, Leaf};
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::observations::Observations;
use crate::observations::read::{bad, read_appraisal, read_file, read_observation};
use crate::observations::value::Value;
use crate::rule::Reads;

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
pub(super) fn read(bytes: &[u8], set: &CriteriaSet) -> Result<Observations> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::from(Reason::TooLong {
            what: "the workbook",
            len: bytes.len(),
            limit: MAX_BYTES,
        }));
    }
    super::archive::check(bytes)?;
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
    let last_col = col::FIRST_DATE + DATES - 1;
    let sheet = Sheet::read(&mut book, name, MAX_ROWS, last_col)?;
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
            let what = if sheet.is_empty(SET_ROW, 1) {
                format!(
                    "the criteria set's name is empty (a template of {:?} has it here)",
                    set.name()
                )
            } else {
                format!(
                    "made for the criteria set {}, not {:?}",
                    shown(other).shown(),
                    set.name()
                )
            };
            return Err(
                Error::from(Reason::NotTemplate { what }).in_cell(|| sheet.cell(SET_ROW, 1))
            );
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
    let (key, when) = period(when).map_err(|e| e.in_cell(|| sheet.cell(PERIOD_ROW, 1)))?;
    root.push((key.to_owned(), when));
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
    for row in HEADER_ROW + 1..=sheet.last_row {
        if sheet.is_empty(row, col::ID) {
            // Text beside the table (a signature, a note) is no business of the reader; figures
            // in a row without its id would be lost, so they are refused.
            if (col::NUMERATOR..=last_col).any(|c| !sheet.is_empty(row, c)) {
                return Err(Error::from(Reason::RowWithoutId).in_cell(|| sheet.cell(row, col::ID)));
            }
            continue;
        }
        let in_id_cell = |e: Error| e.in_cell(|| sheet.cell(row, col::ID));
        // The id's form first: only then is it safe to print as it is.
        let id = text(sheet.get(row, col::ID)).trim().to_owned();
        Id::new(&id).map_err(|e| in_id_cell(e.with_key("id")))?;
        let Some(leaf) = wanted.iter().find(|l| l.criterion.id() == id.as_str()) else {
            // Unknown, a parent, or out of scope: the error names the id once.
            return Err(in_id_cell(
                crate::observations::leaf(set, &id)
                    .err()
                    .unwrap_or_else(|| {
                        Error::from(Reason::NotTemplate {
                            what: "a criterion the template has no row for".to_owned(),
                        })
                        .at(id.clone())
                    }),
            ));
        };
        if row_of.iter().any(|(seen, _)| *seen == id) {
            return Err(in_id_cell(
                Error::from(Reason::DuplicateId {
                    what: "criterion",
                    id: id.clone(),
                })
                .at(id.clone()),
            ));
        }
        row_of.push((id.clone(), row));
        let (id_ref, sheet_ref): (&str, &Sheet) = (&id, &sheet);
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
fn observation_row(sheet: &Sheet, row: u32, leaf: &Leaf<'_>, id: &str) -> Result<Option<Value>> {
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
                    // "có" says nothing the date does not.
                    _ if done => {}
                    // "không" on a deadline or dates held: observed, not done — unless a
                    // date says otherwise.
                    _ => {
                        let dated = if reads == Reads::Dates {
                            (col::FIRST_DATE..=last).find(|d| !sheet.is_empty(row, *d))
                        } else {
                            Some(col::COMPLETED).filter(|d| !sheet.is_empty(row, *d))
                        };
                        if let Some(d) = dated {
                            return Err(at(c)(
                                Reason::NotDoneYetDated {
                                    said: shown(data).shown(),
                                    date: sheet.cell(row, d),
                                }
                                .into(),
                            ));
                        }
                        if reads == Reads::Dates {
                            t.push(("held_on".into(), Value::Array(Vec::new())));
                        }
                    }
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
    // The template's rows of kind, points and reason: columns A to C, rows 2 to 21.
    let sheet = Sheet::read(book, name, AWARD_ROWS + 1, 2)?;
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
