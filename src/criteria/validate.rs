//! Checks of a whole criteria set: every problem, each named by its id.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::model::{Band, Body, CriteriaField, Criterion};
use crate::error::{Error, Reason};

/// Every problem of a set made of `fields` and `bands`: ids given twice, empty fields, no
/// field at all, criteria's own problems, bands that overlap or leave gaps.
pub(super) fn problems(
    fields: &[CriteriaField],
    bands: &[Band],
    year: Option<i32>,
    level: Option<&crate::Id>,
) -> Vec<Error> {
    let mut out = Vec::new();
    if let Some(level) = level
        && let Err(err) = super::model::check_level(level, "level")
    {
        out.push(err);
    }
    if let Some(year) = year
        && !(1900..=2199).contains(&year)
    {
        out.push(
            Error::from(Reason::NoSuchPeriod {
                what: "year",
                value: i64::from(year),
                allowed: "1900 to 2199",
            })
            .with_key("year")
            .at("year"),
        );
    }
    let mut seen = HashSet::new();
    if fields.is_empty() {
        out.push(
            Error::from(Reason::Empty {
                kind: "criteria set",
                what: "field",
            })
            .with_key("fields"),
        );
    }
    for field in fields {
        if !seen.insert(field.id.as_str()) {
            out.push(duplicate("field", field.id.as_str()));
        }
        if field.criteria.is_empty() {
            out.push(
                Error::from(Reason::RuleShape {
                    message: "a field needs at least one criterion",
                })
                .with_key("criteria")
                .at(field.id.as_str()),
            );
        }
        for criterion in &field.criteria {
            check_criterion(criterion, &mut seen, &mut out);
        }
    }
    check_bands(bands, &mut out);
    out
}

fn duplicate(what: &'static str, id: &str) -> Error {
    Error::from(Reason::DuplicateId {
        what,
        id: id.to_owned(),
    })
    .with_key("id")
    .at(id)
}

fn check_criterion<'a>(
    criterion: &'a Criterion,
    seen: &mut HashSet<&'a str>,
    out: &mut Vec<Error>,
) {
    if !seen.insert(criterion.id.as_str()) {
        out.push(duplicate("criterion", criterion.id.as_str()));
    }
    out.extend(criterion.own_problems());
    if let Body::Children(children) = &criterion.body {
        for child in children {
            check_criterion(child, seen, out);
        }
    }
}

fn check_bands(bands: &[Band], out: &mut Vec<Error>) {
    let mut sorted: Vec<&Band> = bands.iter().collect();
    sorted.sort_by_key(|band| band.from);
    let mut problem = |message: String| {
        out.push(
            Error::from(Reason::Bands { message })
                .with_key("bands")
                .at("bands"),
        );
    };
    // A set may have no bands: its scorecards then have none.
    let (Some(first), Some(last)) = (sorted.first(), sorted.last()) else {
        return;
    };
    for band in &sorted {
        if band.from < Decimal::ZERO || band.to > Decimal::ONE_HUNDRED || band.from >= band.to {
            problem(format!(
                "{}: {} to {} is not a range within 0 to 100",
                band.label.vi(),
                band.from,
                band.to
            ));
        }
    }
    if first.from != Decimal::ZERO {
        problem(format!("leave a gap from 0 to {}", first.from));
    }
    if last.to != Decimal::ONE_HUNDRED {
        problem(format!("leave a gap from {} to 100", last.to));
    }
    for pair in sorted.windows(2) {
        let (low, high) = (pair[0], pair[1]);
        if high.from < low.to {
            problem(format!(
                "{} ({} to {}) and {} ({} to {}) overlap",
                low.label.vi(),
                low.from,
                low.to,
                high.label.vi(),
                high.from,
                high.to
            ));
        } else if high.from > low.to {
            problem(format!(
                "leave a gap from {} to {} between {} and {}",
                low.to,
                high.from,
                low.label.vi(),
                high.label.vi()
            ));
        }
    }
}
