//! Checks of a whole criteria set: every problem, each named by its id.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::Parts;
use super::model::{Band, Body, Criterion};
use crate::error::{Error, Reason};
use crate::rule::{ScoringRule, Step};

/// Every problem of a set made of `parts`: ids given twice, empty fields, no field at all,
/// criteria's own problems, points finer than the rounding keeps, bands that overlap or leave
/// gaps.
pub(super) fn problems(parts: &Parts) -> Vec<Error> {
    let (fields, bands, year, level) = (
        &parts.fields,
        &parts.bands,
        parts.year,
        parts.level.as_ref(),
    );
    let mut out = super::bounds::problems(parts);
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
    check_rounding(parts, &mut out);
    check_bands(bands, &mut out);
    out
}

/// Points the set's rounding cannot keep: a maximum, a step or a cap with more decimals than
/// the rounding keeps would be rounded itself (a maximum of 0.5 kept to 0 decimals scores 1,
/// above the maximum).
fn check_rounding(parts: &Parts, out: &mut Vec<Error>) {
    let decimals = parts.rounding.decimals();
    let finer = |what: &'static str, value: Decimal| {
        (value.normalize().scale() > decimals).then(|| {
            Error::from(Reason::FinerThanRounding {
                what,
                value,
                decimals,
            })
        })
    };
    let check = |criterion: &Criterion, out: &mut Vec<Error>| {
        let id = criterion.id.as_str();
        if let Some(err) = finer("maximum points", criterion.max_points) {
            out.push(err.with_key("max_points").at(id));
        }
        let steps: Vec<Decimal> = match &criterion.body {
            Body::Rule(ScoringRule::RateSteps(s)) => s.steps().iter().map(Step::points).collect(),
            Body::Rule(ScoringRule::CountSteps(s)) => s.steps().iter().map(Step::points).collect(),
            _ => Vec::new(),
        };
        // One problem for the steps, at the first too fine.
        if let Some(err) = steps.into_iter().find_map(|p| finer("step points", p)) {
            out.push(err.with_key("steps").at(id));
        }
    };
    for field in &parts.fields {
        walk(&field.criteria, &check, out);
    }
    for (item, cap) in [("bonus", &parts.bonus), ("penalty", &parts.penalty)] {
        if let Some(err) = cap.as_ref().and_then(|c| finer("cap", c.max_points())) {
            out.push(err.with_key("max_points").at(item));
        }
    }
}

/// Calls `check` on every criterion under `criteria`, depth first.
fn walk(criteria: &[Criterion], check: &dyn Fn(&Criterion, &mut Vec<Error>), out: &mut Vec<Error>) {
    for criterion in criteria {
        check(criterion, out);
        if let Body::Children(children) = &criterion.body {
            walk(children, check, out);
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;
    use rust_decimal::Decimal;

    fn band(from: i64, to: i64) -> Band {
        Band::new(Text::new("b", "b"), Decimal::from(from), Decimal::from(to))
    }

    fn messages(bands: &[Band]) -> Vec<String> {
        let mut out = Vec::new();
        check_bands(bands, &mut out);
        out.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_band_out_of_0_to_100_is_named_whichever_end_is_out() {
        // Below 0 alone, above 100 alone, and reversed: each is "not a range within 0 to 100".
        for (bands, bad) in [
            (vec![band(-10, 50), band(50, 100)], "b: -10 to 50"),
            (vec![band(0, 50), band(50, 120)], "b: 50 to 120"),
            (
                vec![band(0, 60), band(60, 50), band(50, 100)],
                "b: 60 to 50",
            ),
        ] {
            let said = messages(&bands);
            assert!(
                said.iter()
                    .any(|m| m.contains(&format!("{bad} is not a range within 0 to 100"))),
                "{said:?}"
            );
        }
        assert!(messages(&[band(0, 50), band(50, 100)]).is_empty());
    }
}
