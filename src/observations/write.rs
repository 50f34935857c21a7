//! Writing observations back in the shape they are read in.

use chrono::NaiveDate;

use super::value::Value;
use super::{Observation, Observations};
use crate::rate::Observed;
use crate::rule::Evidence;

/// What a reader refuses whatever the set (a year, a date or a text out of range, too
/// many dates or entries): checked before writing, so that what is written reads back.
pub(super) fn check_readable(observations: &Observations) -> crate::Result<()> {
    super::check_length("ward", &observations.ward)?;
    observations.check_year_range()?;
    for (id, observation) in observations.iter() {
        let (key, dates): (_, &[chrono::NaiveDate]) = match &observation.value {
            Observed::Reported(Evidence::Held(dates)) => ("held_on", dates),
            Observed::Reported(Evidence::Completed(Some(day))) => {
                ("completed_on", std::slice::from_ref(day))
            }
            _ => ("held_on", &[]),
        };
        crate::limits::count("dates held", dates.len(), super::MAX_DATES)
            .and_then(|()| {
                dates
                    .iter()
                    .try_for_each(|d| crate::dates::check(*d).map(drop))
            })
            .map_err(|e| e.with_key(key))
            .and_then(|()| match &observation.evidence {
                Some(text) => super::check_length("evidence", text),
                None => Ok(()),
            })
            .map_err(|e| e.at(id.as_str()))?;
    }
    for (id, appraisal) in &observations.appraisals {
        super::check_length("reason", &appraisal.reason).map_err(|e| e.at(id.as_str()))?;
    }
    for (awards, key) in [
        (&observations.bonus, "bonus"),
        (&observations.penalties, "penalty"),
    ] {
        crate::limits::count("entries", awards.len(), super::MAX_AWARDS)
            .and_then(|()| {
                awards
                    .iter()
                    .try_for_each(|award| super::check_length("reason", &award.reason))
            })
            .map_err(|e| e.at(key))?;
    }
    Ok(())
}

fn number(n: u64) -> Value {
    // Above i64, counts are written as a string of digits, which the reader takes back.
    i64::try_from(n).map_or_else(|_| Value::String(n.to_string()), Value::Integer)
}

fn date(day: NaiveDate) -> Value {
    Value::Datetime(day.format("%Y-%m-%d").to_string())
}

fn observation(observation: &Observation) -> Value {
    let mut t: Vec<(String, Value)> = Vec::new();
    let mut put = |key: &str, value: Value| t.push((key.to_owned(), value));
    match &observation.value {
        Observed::NotApplicable | Observed::Missing => put("not_applicable", Value::Bool(true)),
        Observed::Reported(evidence) => match evidence {
            Evidence::Counts(c) => {
                put("numerator", number(c.numerator()));
                put("denominator", number(c.denominator()));
            }
            Evidence::Count(n) => put("count", number(*n)),
            Evidence::Completed(Some(d)) => put("completed_on", date(*d)),
            Evidence::Completed(None) => {}
            Evidence::Held(dates) => {
                put(
                    "held_on",
                    Value::Array(dates.iter().copied().map(date).collect()),
                );
            }
            Evidence::Done(done) => put("done", Value::Bool(*done)),
            Evidence::Points(p) => put("points", Value::String(p.to_string())),
            Evidence::Category(key) => put("category", Value::String(key.to_string())),
        },
    }
    if let Some(evidence) = &observation.evidence {
        put("evidence", Value::String(evidence.clone()));
    }
    Value::Table(t)
}

fn awards(awards: &[super::Award]) -> Value {
    Value::Array(
        awards
            .iter()
            .map(|a| {
                Value::Table(vec![
                    ("points".to_owned(), Value::String(a.points.to_string())),
                    ("reason".to_owned(), Value::String(a.reason.clone())),
                ])
            })
            .collect(),
    )
}

fn file(observations: &Observations) -> Value {
    let when = match observations.period {
        Some(period) => ("period".to_owned(), Value::String(period.code())),
        None => (
            "year".to_owned(),
            Value::Integer(i64::from(observations.year)),
        ),
    };
    let mut root = vec![
        ("ward".to_owned(), Value::String(observations.ward.clone())),
        when,
    ];
    if let Some(held) = observations.survey {
        root.push(("survey".to_owned(), Value::Bool(held)));
    }
    root.extend([(
        "observations".to_owned(),
        Value::Table(
            observations
                .iter()
                .map(|(id, o)| (id.to_string(), observation(o)))
                .collect(),
        ),
    )]);
    if !observations.appraisals.is_empty() {
        root.push((
            "appraisals".to_owned(),
            Value::Table(
                observations
                    .appraisals
                    .iter()
                    .map(|(id, a)| {
                        (
                            id.to_string(),
                            Value::Table(vec![
                                ("points".to_owned(), Value::String(a.points.to_string())),
                                ("reason".to_owned(), Value::String(a.reason.clone())),
                            ]),
                        )
                    })
                    .collect(),
            ),
        ));
    }
    if !observations.bonus.is_empty() {
        root.push(("bonus".to_owned(), awards(&observations.bonus)));
    }
    if !observations.penalties.is_empty() {
        root.push(("penalty".to_owned(), awards(&observations.penalties)));
    }
    Value::Table(root)
}

#[cfg(feature = "toml")]
fn to_toml_value(value: Value) -> toml::Value {
    match value {
        Value::Integer(i) => toml::Value::Integer(i),
        Value::Unsigned(u) => toml::Value::String(u.to_string()),
        Value::Float(x) => toml::Value::Float(x),
        // Never made by the writer (it writes decimals as strings); as written if it were.
        Value::FloatText(text) => toml::Value::String(text),
        Value::Big(digits) => toml::Value::String(digits),
        Value::String(s) => toml::Value::String(s),
        Value::Bool(b) => toml::Value::Boolean(b),
        Value::Datetime(text) => text
            .parse::<toml::value::Datetime>()
            .map_or(toml::Value::String(text), toml::Value::Datetime),
        Value::Array(items) => toml::Value::Array(items.into_iter().map(to_toml_value).collect()),
        Value::Table(entries) => toml::Value::Table(
            entries
                .into_iter()
                .map(|(k, v)| (k, to_toml_value(v)))
                .collect(),
        ),
        Value::Null => toml::Value::String(String::new()),
    }
}

#[cfg(feature = "toml")]
pub(super) fn to_toml(observations: &Observations) -> crate::Result<String> {
    toml::to_string(&to_toml_value(file(observations))).map_err(|e| crate::Error::write("TOML", &e))
}

#[cfg(feature = "json")]
fn to_json_value(value: Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        Value::Integer(i) => J::from(i),
        Value::Unsigned(u) => J::from(u),
        Value::Float(x) => J::from(x),
        Value::FloatText(text) => J::String(text),
        Value::Big(digits) => J::String(digits),
        Value::String(s) | Value::Datetime(s) => J::String(s),
        Value::Bool(b) => J::Bool(b),
        Value::Array(items) => J::Array(items.into_iter().map(to_json_value).collect()),
        Value::Table(entries) => J::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k, to_json_value(v)))
                .collect(),
        ),
        Value::Null => J::Null,
    }
}

#[cfg(feature = "json")]
pub(super) fn to_json(observations: &Observations) -> crate::Result<String> {
    crate::json::pretty(&to_json_value(file(observations)))
}
