//! Reading and writing the observations file's tables, key by key, so that every error names
//! the criterion and the key.

use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{Appraisal, Observation};
use crate::attainment::Evidence;
use crate::counts::{Counts, Observed};
use crate::criteria::{CriteriaSet, Reads, ScoringRule};
use crate::error::{Error, Result};

/// Keys any criterion's table may carry.
const COMMON_KEYS: [&str; 2] = ["not_applicable", "evidence"];

/// TOML local dates serialise to JSON as `{"$__toml_private_datetime": "…"}`; JSON wants the
/// plain string.
pub(super) fn dates_to_strings(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if map.len() == 1
                && let Some(serde_json::Value::String(text)) = map.get("$__toml_private_datetime")
            {
                *value = serde_json::Value::String(text.clone());
                return;
            }
            map.values_mut().for_each(dates_to_strings);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(dates_to_strings),
        _ => {}
    }
}

pub(super) fn leaf<'a>(set: &'a CriteriaSet, id: &str) -> Result<(&'a ScoringRule, Decimal)> {
    let unknown = || {
        Error::UnknownId {
            what: "criterion",
            id: id.to_owned(),
        }
        .at(id)
    };
    let criterion = set.criterion(id).ok_or_else(unknown)?;
    match &criterion.rule {
        Some(rule) => Ok((rule, criterion.max_points)),
        // A parent's points come from its sub-criteria: it takes no observation of its own.
        None => Err(Error::RuleShape {
            message: "this criterion has sub-criteria: observe them instead",
        }
        .at(id)),
    }
}

pub(super) fn bad(key: &str, value: &toml::Value, expected: &'static str) -> Error {
    Error::BadValue {
        key: key.to_owned(),
        value: value.to_string(),
        expected,
    }
}

/// A whole number: a TOML/JSON integer, or a string of digits for counts above `i64::MAX`
/// (đồng), which is how [`super::Observations::to_toml`] writes them.
pub(super) fn read_u64(key: &str, value: &toml::Value) -> Result<u64> {
    let parsed = match value {
        toml::Value::Integer(i) => u64::try_from(*i).ok(),
        toml::Value::String(text)
            if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) =>
        {
            text.parse().ok()
        }
        _ => None,
    };
    parsed.ok_or_else(|| bad(key, value, "a whole number, 0 or more"))
}

pub(super) fn read_bool(key: &str, value: &toml::Value) -> Result<bool> {
    value
        .as_bool()
        .ok_or_else(|| bad(key, value, "true or false"))
}

pub(super) fn read_string(key: &str, value: &toml::Value) -> Result<String> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| bad(key, value, "a string"))
}

pub(super) fn read_date(key: &str, value: &toml::Value) -> Result<NaiveDate> {
    const EXPECTED: &str = "a date such as 2023-05-10";
    match value {
        toml::Value::String(text) => {
            crate::dates::parse_iso(text).ok_or_else(|| bad(key, value, EXPECTED))
        }
        toml::Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                    .ok_or_else(|| bad(key, value, EXPECTED))
            }
            _ => Err(bad(key, value, EXPECTED)),
        },
        _ => Err(bad(key, value, EXPECTED)),
    }
}

pub(super) fn read_decimal(key: &str, value: &toml::Value) -> Result<Decimal> {
    const EXPECTED: &str = "a decimal such as \"1.5\"";
    match value {
        toml::Value::String(text) => {
            Decimal::from_str(text.trim()).map_err(|_| bad(key, value, EXPECTED))
        }
        toml::Value::Integer(i) => Ok(Decimal::from(*i)),
        toml::Value::Float(f) => {
            Decimal::from_str(&f.to_string()).map_err(|_| bad(key, value, EXPECTED))
        }
        _ => Err(bad(key, value, EXPECTED)),
    }
}

pub(super) fn check_points(what: &'static str, points: Decimal, max: Decimal) -> Result<()> {
    if points.is_sign_negative() && !points.is_zero() {
        return Err(Error::Negative {
            what,
            value: points,
        });
    }
    if points > max {
        return Err(Error::AboveMax { what, points, max });
    }
    Ok(())
}

pub(super) fn read_observation(
    rule: &ScoringRule,
    table: toml::Table,
    set: &CriteriaSet,
    id: &str,
) -> Result<Observation> {
    let reads = rule.reads();
    let keys = reads.keys();
    for key in table.keys() {
        if !keys.contains(&key.as_str()) && !COMMON_KEYS.contains(&key.as_str()) {
            return Err(Error::KeyNotAllowed {
                key: key.clone(),
                rule: rule.kind(),
                allowed: keys
                    .iter()
                    .chain(COMMON_KEYS.iter())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
    }
    let evidence = table
        .get("evidence")
        .map(|v| read_string("evidence", v))
        .transpose()?;
    let not_applicable = table
        .get("not_applicable")
        .map(|v| read_bool("not_applicable", v))
        .transpose()?
        .unwrap_or(false);
    if not_applicable {
        if let Some(key) = keys.iter().find(|k| table.contains_key(**k)) {
            return Err(Error::ConflictingKeys {
                key: (*key).to_owned(),
            });
        }
        return Ok(Observation {
            value: Observed::NotApplicable,
            evidence,
        });
    }
    let need = |key: &'static str| {
        table.get(key).ok_or(Error::MissingKey {
            key,
            rule: rule.kind(),
        })
    };
    let value = match reads {
        Reads::Counts => {
            let numerator = read_u64("numerator", need("numerator")?)?;
            let denominator = read_u64("denominator", need("denominator")?)?;
            Evidence::Counts(Counts::new(numerator, denominator)?)
        }
        Reads::Count => Evidence::Count(read_u64("count", need("count")?)?),
        Reads::Category => Evidence::Category(read_string("category", need("category")?)?),
        Reads::Completion => Evidence::Completed(
            table
                .get("completed_on")
                .map(|v| read_date("completed_on", v))
                .transpose()?,
        ),
        Reads::Dates => {
            let dates = match table.get("held_on") {
                None => Vec::new(),
                Some(toml::Value::Array(items)) => items
                    .iter()
                    .map(|v| read_date("held_on", v))
                    .collect::<Result<_>>()?,
                Some(other) => return Err(bad("held_on", other, "a list of dates")),
            };
            Evidence::Held(dates)
        }
        Reads::Done => Evidence::Done(read_bool("done", need("done")?)?),
        Reads::Points => Evidence::Points(read_decimal("points", need("points")?)?),
    };
    let value = Observed::Reported(value);
    let max = set.criterion(id).map_or(Decimal::ZERO, |c| c.max_points);
    check_value(rule, max, &value)?;
    Ok(Observation { value, evidence })
}

pub(super) fn read_appraisal(table: toml::Table, max: Decimal) -> Result<Appraisal> {
    for key in table.keys() {
        if key != "points" && key != "reason" {
            return Err(Error::KeyNotAllowed {
                key: key.clone(),
                rule: "appraisal",
                allowed: "points, reason".into(),
            });
        }
    }
    let points = read_decimal(
        "points",
        table.get("points").ok_or(Error::MissingKey {
            key: "points",
            rule: "appraisal",
        })?,
    )?;
    let reason = read_string(
        "reason",
        table.get("reason").ok_or(Error::MissingKey {
            key: "reason",
            rule: "appraisal",
        })?,
    )?;
    check_points("appraised points", points, max)?;
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
        return Err(Error::EvidenceMismatch {
            expected: rule.reads().describe(),
            found: evidence.describe(),
        });
    }
    match (rule, evidence) {
        (ScoringRule::Categories { options }, Evidence::Category(key))
            if !options.iter().any(|o| &o.key == key) =>
        {
            Err(Error::UnknownId {
                what: "category",
                id: key.clone(),
            })
        }
        (_, Evidence::Points(points)) => check_points("assessor points", *points, max),
        _ => Ok(()),
    }
}

pub(super) fn toml_date(date: NaiveDate) -> toml::Value {
    let value = toml::value::Datetime {
        date: Some(toml::value::Date {
            year: u16::try_from(date.year()).unwrap_or(0),
            month: u8::try_from(date.month()).unwrap_or(1),
            day: u8::try_from(date.day()).unwrap_or(1),
        }),
        time: None,
        offset: None,
    };
    if (0..=9999).contains(&date.year()) {
        toml::Value::Datetime(value)
    } else {
        toml::Value::String(date.format("%Y-%m-%d").to_string())
    }
}

pub(super) fn write_observation(observation: &Observation) -> toml::Table {
    let mut t = toml::Table::new();
    let to_i64 = |n: u64| {
        i64::try_from(n).map_or_else(|_| toml::Value::String(n.to_string()), toml::Value::Integer)
    };
    match &observation.value {
        Observed::NotApplicable | Observed::Missing => {
            t.insert("not_applicable".into(), true.into());
        }
        Observed::Reported(evidence) => match evidence {
            Evidence::Counts(c) => {
                t.insert("numerator".into(), to_i64(c.numerator()));
                t.insert("denominator".into(), to_i64(c.denominator()));
            }
            Evidence::Count(n) => {
                t.insert("count".into(), to_i64(*n));
            }
            Evidence::Completed(Some(d)) => {
                t.insert("completed_on".into(), toml_date(*d));
            }
            Evidence::Completed(None) => {}
            Evidence::Held(dates) => {
                t.insert(
                    "held_on".into(),
                    toml::Value::Array(dates.iter().copied().map(toml_date).collect()),
                );
            }
            Evidence::Done(done) => {
                t.insert("done".into(), (*done).into());
            }
            Evidence::Points(p) => {
                t.insert("points".into(), p.to_string().into());
            }
            Evidence::Category(key) => {
                t.insert("category".into(), key.clone().into());
            }
        },
    }
    if let Some(evidence) = &observation.evidence {
        t.insert("evidence".into(), evidence.clone().into());
    }
    t
}
