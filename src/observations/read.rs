//! Reading an observations file's tables, key by key, so that every error names the criterion
//! and the key.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::value::Value;
use super::{Appraisal, Observation, Observations};
use crate::criteria::{CriteriaSet, Leaf};
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::rate::{Counts, Observed};
use crate::rule::{Evidence, Reads, ScoringRule};

/// Keys any criterion's table may carry.
const COMMON_KEYS: [&str; 2] = ["not_applicable", "evidence"];

pub(crate) fn bad(key: &str, value: &Value, expected: &'static str) -> Error {
    Error::from(Reason::BadValue {
        key: key.to_owned(),
        value: value.shown(),
        expected,
    })
}

/// The leaf criterion `id` of `set`, or why an observation cannot be given for it.
pub(crate) fn leaf<'a>(set: &'a CriteriaSet, id: &str) -> Result<Leaf<'a>> {
    set.leaf(id).ok_or_else(|| {
        let reason = match set.criterion(id) {
            // A parent's points come from its sub-criteria: it takes no observation of its own.
            Some(_) => Reason::RuleShape {
                message: "this criterion has sub-criteria: observe them instead",
            },
            None => Reason::UnknownId {
                what: "criterion",
                id: id.to_owned(),
            },
        };
        Error::from(reason).at(id)
    })
}

/// A whole number: an integer, or a string of digits for counts above `i64::MAX` (đồng), which
/// is how the writer writes them.
pub(crate) fn read_u64(key: &str, value: &Value) -> Result<u64> {
    const EXPECTED: &str =
        "a whole number, 0 or more (a string of digits above 9223372036854775807)";
    let parsed = match value {
        Value::Integer(i) => u64::try_from(*i).ok(),
        Value::Unsigned(u) => Some(*u),
        Value::String(text) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            text.parse().ok()
        }
        _ => None,
    };
    parsed.ok_or_else(|| bad(key, value, EXPECTED))
}

pub(crate) fn read_bool(key: &str, value: &Value) -> Result<bool> {
    match value {
        Value::Bool(b) => Ok(*b),
        _ => Err(bad(key, value, "true or false")),
    }
}

pub(crate) fn read_text(key: &'static str, value: &Value) -> Result<String> {
    match value {
        Value::String(text) => crate::limits::text(key, text).map(|()| text.clone()),
        _ => Err(bad(key, value, "a string")),
    }
}

pub(crate) fn read_date(key: &str, value: &Value) -> Result<NaiveDate> {
    const EXPECTED: &str = "a date such as 2023-05-10, from 1900-01-01 to 2199-12-31";
    let text = match value {
        Value::String(text) | Value::Datetime(text) => text,
        _ => return Err(bad(key, value, EXPECTED)),
    };
    crate::dates::parse_iso(text).ok_or_else(|| bad(key, value, EXPECTED))
}

pub(crate) fn read_decimal(key: &str, value: &Value) -> Result<Decimal> {
    match value {
        Value::String(text) => {
            crate::decimal::parse(text).ok_or_else(|| bad(key, value, crate::decimal::EXPECTED))
        }
        Value::Integer(i) => Ok(Decimal::from(*i)),
        Value::Float(_) | Value::FloatText(_) => Err(bad(
            key,
            value,
            "a decimal written as a string, such as \"1.5\": a float's digits may not be the ones written",
        )),
        _ => Err(bad(key, value, crate::decimal::EXPECTED)),
    }
}

pub(crate) fn check_points(what: &'static str, points: Decimal, max: Decimal) -> Result<()> {
    if points.is_sign_negative() && !points.is_zero() {
        return Err(Error::from(Reason::Negative {
            what,
            value: points,
        }));
    }
    if points > max {
        return Err(Error::from(Reason::AboveMax { what, points, max }));
    }
    Ok(())
}

fn entries(value: &Value) -> Option<&[(String, Value)]> {
    match value {
        Value::Table(entries) => Some(entries),
        _ => None,
    }
}

pub(crate) fn read_observation(leaf: &Leaf<'_>, table: &Value) -> Result<Observation> {
    let rule = leaf.rule;
    let reads = rule.reads();
    let keys = reads.keys();
    let table_entries = entries(table).ok_or_else(|| bad("observation", table, "a table"))?;
    for (key, _) in table_entries {
        if !keys.contains(&key.as_str()) && !COMMON_KEYS.contains(&key.as_str()) {
            return Err(Error::from(Reason::KeyNotAllowed {
                key: key.clone(),
                rule: rule.kind(),
                allowed: keys
                    .iter()
                    .chain(COMMON_KEYS.iter())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", "),
            }));
        }
    }
    let evidence = table
        .get("evidence")
        .map(|v| read_text("evidence", v))
        .transpose()?;
    let not_applicable = table
        .get("not_applicable")
        .map(|v| read_bool("not_applicable", v))
        .transpose()?
        .unwrap_or(false);
    if not_applicable {
        if let Some(key) = keys.iter().find(|k| table.get(k).is_some()) {
            return Err(Error::from(Reason::ConflictingKeys {
                key: (*key).to_owned(),
            }));
        }
        return Ok(Observation {
            value: Observed::NotApplicable,
            evidence,
        });
    }
    let need = |key: &'static str| {
        table.get(key).ok_or_else(|| {
            Error::from(Reason::MissingKey {
                key,
                rule: rule.kind(),
            })
        })
    };
    let value = match reads {
        Reads::Counts => {
            let numerator = read_u64("numerator", need("numerator")?)?;
            let denominator = read_u64("denominator", need("denominator")?)?;
            Evidence::Counts(Counts::new(numerator, denominator)?)
        }
        Reads::Count => Evidence::Count(read_u64("count", need("count")?)?),
        Reads::Category => {
            let written = need("category")?;
            let key = match written {
                Value::String(text) => Id::new(text).map_err(|e| e.with_key("category"))?,
                _ => return Err(bad("category", written, "a string")),
            };
            Evidence::Category(key)
        }
        Reads::Completion => Evidence::Completed(
            table
                .get("completed_on")
                .map(|v| read_date("completed_on", v))
                .transpose()?,
        ),
        Reads::Dates => {
            let dates = match table.get("held_on") {
                None => Vec::new(),
                Some(Value::Array(items)) if items.len() <= super::MAX_DATES => items
                    .iter()
                    .map(|v| read_date("held_on", v))
                    .collect::<Result<_>>()?,
                Some(Value::Array(items)) => {
                    return Err(Error::from(Reason::TooMany {
                        what: "dates held",
                        count: items.len(),
                        limit: super::MAX_DATES,
                    })
                    .with_key("held_on"));
                }
                Some(other) => return Err(bad("held_on", other, "a list of dates")),
            };
            Evidence::Held(dates)
        }
        Reads::Done => Evidence::Done(read_bool("done", need("done")?)?),
        Reads::Points => Evidence::Points(read_decimal("points", need("points")?)?),
    };
    let value = Observed::Reported(value);
    check_value(rule, leaf.criterion.max_points(), &value)?;
    Ok(Observation { value, evidence })
}

pub(crate) fn read_appraisal(table: &Value, max: Decimal) -> Result<Appraisal> {
    let table_entries = entries(table).ok_or_else(|| bad("appraisal", table, "a table"))?;
    for (key, _) in table_entries {
        if key != "points" && key != "reason" {
            return Err(Error::from(Reason::KeyNotAllowed {
                key: key.clone(),
                rule: "appraisal",
                allowed: "points, reason".into(),
            }));
        }
    }
    let need = |key: &'static str| {
        table.get(key).ok_or_else(|| {
            Error::from(Reason::MissingKey {
                key,
                rule: "appraisal",
            })
        })
    };
    let points = read_decimal("points", need("points")?)?;
    let reason = read_text("reason", need("reason")?)?;
    check_points("appraised points", points, max).map_err(|e| e.with_key("points"))?;
    Ok(Appraisal { points, reason })
}

/// Whether `value` is of the kind `rule` reads, with points and categories in range.
pub(crate) fn check_value(
    rule: &ScoringRule,
    max: Decimal,
    value: &Observed<Evidence>,
) -> Result<()> {
    let Observed::Reported(evidence) = value else {
        return Ok(());
    };
    let fits = matches!(
        (rule.reads(), evidence),
        (Reads::Counts, Evidence::Counts(_))
            | (Reads::Count, Evidence::Count(_))
            | (Reads::Category, Evidence::Category(_))
            | (Reads::Completion, Evidence::Completed(_))
            | (Reads::Dates, Evidence::Held(_))
            | (Reads::Done, Evidence::Done(_))
            | (Reads::Points, Evidence::Points(_))
    );
    if !fits {
        return Err(Error::from(Reason::EvidenceMismatch {
            expected: rule.reads().describe(),
            found: evidence.describe(),
        }));
    }
    match (rule, evidence) {
        (ScoringRule::Categories(options), Evidence::Category(key))
            if options.get(key.as_str()).is_none() =>
        {
            Err(Error::from(Reason::UnknownId {
                what: "category",
                id: key.to_string(),
            })
            .with_key("category"))
        }
        (_, Evidence::Points(points)) => {
            check_points("assessor points", *points, max).map_err(|e| e.with_key("points"))
        }
        (_, Evidence::Completed(Some(date))) => crate::dates::check(*date)
            .map(|_| ())
            .map_err(|e| e.with_key("completed_on")),
        (_, Evidence::Held(dates)) => {
            if dates.len() > super::MAX_DATES {
                return Err(Error::from(Reason::TooMany {
                    what: "dates held",
                    count: dates.len(),
                    limit: super::MAX_DATES,
                })
                .with_key("held_on"));
            }
            dates
                .iter()
                .try_for_each(|d| crate::dates::check(*d).map(|_| ()))
                .map_err(|e| e.with_key("held_on"))
        }
        _ => Ok(()),
    }
}

/// Whether `leaf` takes an observation: it applies at the set's level, and its field is not a
/// survey that was not held.
pub(crate) fn check_scope(set: &CriteriaSet, leaf: &Leaf<'_>, survey: Option<bool>) -> Result<()> {
    let id = leaf.criterion.id().as_str();
    if !set.in_scope(leaf.criterion) {
        let levels: Vec<&str> = leaf.criterion.levels().iter().map(Id::as_str).collect();
        return Err(Error::from(Reason::NotObserved {
            what: format!(
                "it applies at the {} level only, and the set scores the {} level",
                levels.join(", "),
                set.level().map_or("", Id::as_str)
            ),
        })
        .at(id));
    }
    if leaf.field.is_survey() && survey == Some(false) {
        return Err(Error::from(Reason::NotObserved {
            what: "its points come from the survey, which the file says was not held".to_owned(),
        })
        .at(id));
    }
    Ok(())
}

/// Whether `value` is a valid list of bonus or penalty entries.
pub(crate) fn check_awards(value: &Value, key: &'static str) -> Result<()> {
    read_awards(value, key).map(|_| ())
}

fn read_awards(value: &Value, key: &'static str) -> Result<Vec<super::Award>> {
    let items = match value {
        Value::Array(items) => items,
        other => return Err(bad(key, other, "a list of { points, reason } tables")),
    };
    items
        .iter()
        .map(|item| {
            let entries = entries(item).ok_or_else(|| bad(key, item, "a table"))?;
            for (k, _) in entries {
                if k != "points" && k != "reason" {
                    return Err(Error::from(Reason::KeyNotAllowed {
                        key: k.clone(),
                        rule: "bonus or penalty",
                        allowed: "points, reason".into(),
                    }));
                }
            }
            let need = |k: &'static str| {
                item.get(k).ok_or_else(|| {
                    Error::from(Reason::MissingKey {
                        key: k,
                        rule: "bonus or penalty",
                    })
                })
            };
            Ok(super::Award {
                points: read_decimal("points", need("points")?)?,
                reason: read_text("reason", need("reason")?)?,
            })
        })
        .collect::<Result<_>>()
        .map_err(|e| e.at(key))
}

/// A file of a part of the year (a month, a quarter) states facts up to the period's end: a
/// completion or a meeting dated later did not happen in it. (Facts before the period, such as
/// a plan issued the December before, are kept.)
pub(crate) fn check_dates_within(value: &Observed<Evidence>, period: super::Period) -> Result<()> {
    let (key, dates): (&str, &[NaiveDate]) = match value {
        Observed::Reported(Evidence::Completed(Some(day))) => {
            ("completed_on", std::slice::from_ref(day))
        }
        Observed::Reported(Evidence::Held(days)) => ("held_on", days),
        _ => return Ok(()),
    };
    match dates.iter().find(|day| **day > period.end()) {
        Some(day) => Err(Error::from(Reason::DateAfterPeriod {
            date: *day,
            end: period.end(),
        })
        .with_key(key)),
        None => Ok(()),
    }
}

/// Reads the whole file, parsed as a [`Value`], for the criteria of `set`.
pub(crate) fn read_file(root: &Value, set: &CriteriaSet) -> Result<Observations> {
    let top = entries(root).ok_or_else(|| bad("file", root, "a table"))?;
    const KEYS: [&str; 8] = [
        "ward",
        "year",
        "period",
        "survey",
        "observations",
        "appraisals",
        "bonus",
        "penalty",
    ];
    for (key, _) in top {
        if !KEYS.contains(&key.as_str()) {
            return Err(Error::from(Reason::KeyNotAllowed {
                key: key.clone(),
                rule: "observations file",
                allowed: KEYS.join(", "),
            }));
        }
    }
    let need = |key: &'static str| {
        root.get(key).ok_or_else(|| {
            Error::from(Reason::MissingKey {
                key,
                rule: "observations file",
            })
        })
    };
    let ward = read_text("ward", need("ward")?)?;
    let mut out = match (root.get("year"), root.get("period")) {
        (Some(_), Some(_)) => {
            return Err(Error::from(Reason::EitherKey {
                key: "period",
                other: "year",
            }));
        }
        (None, Some(value)) => {
            let code = match value {
                Value::String(code) => code,
                other => return Err(bad("period", other, "a period such as 2023-07")),
            };
            Observations::for_period(ward, code.parse()?)?
        }
        _ => {
            let year_value = need("year")?;
            let year = match year_value {
                Value::Integer(y) => i32::try_from(*y).ok(),
                _ => None,
            }
            .ok_or_else(|| bad("year", year_value, "a year such as 2023"))?;
            Observations::new(ward, year)
        }
    };
    if let Some(value) = root.get("survey") {
        out.survey = Some(read_bool("survey", value)?);
    }
    if let Some(value) = root.get("bonus") {
        out.bonus = read_awards(value, "bonus")?;
    }
    if let Some(value) = root.get("penalty") {
        out.penalties = read_awards(value, "penalty")?;
    }
    out.check_year(set)?;
    out.check_parts(set)?;
    let table = |key: &'static str| -> Result<&[(String, Value)]> {
        match root.get(key) {
            None => Ok(&[]),
            Some(value) => {
                entries(value).ok_or_else(|| bad(key, value, "a table of criteria by id"))
            }
        }
    };
    for (id, value) in table("observations")? {
        let leaf = leaf(set, id)?;
        check_scope(set, &leaf, out.survey)?;
        let observation = read_observation(&leaf, value).map_err(|e| e.at(id))?;
        if let Some(period) = out.period {
            check_dates_within(&observation.value, period).map_err(|e| e.at(id))?;
        }
        out.entries.insert(leaf.criterion.id().clone(), observation);
    }
    for (id, value) in table("appraisals")? {
        let leaf = leaf(set, id)?;
        check_scope(set, &leaf, out.survey)?;
        let appraisal = read_appraisal(value, leaf.criterion.max_points()).map_err(|e| e.at(id))?;
        out.appraisals
            .insert(leaf.criterion.id().clone(), appraisal);
    }
    Ok(out)
}
