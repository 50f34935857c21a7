//! Validation of a written criteria set: every problem, each with its id.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::{Band, CriteriaSetSpec, Criterion, ScoringRule};
use crate::error::Error;
use crate::target::{Comparison, Percent, Window};

/// The most points a criterion may carry.
const MAX_POINTS: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);
/// The most decimals points may have.
const POINT_DECIMALS: u32 = 2;
/// The most decimals a share may have.
const SHARE_DECIMALS: u32 = 4;

pub(super) fn problems(spec: &CriteriaSetSpec, is_plan_item: &dyn Fn(&str) -> bool) -> Vec<Error> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for field in &spec.fields {
        if !seen.insert(field.id.as_str()) {
            out.push(duplicate("field", &field.id));
        }
        if field.criteria.is_empty() {
            out.push(
                Error::RuleShape {
                    message: "a field needs at least one criterion",
                }
                .at(&field.id),
            );
        }
        for criterion in &field.criteria {
            check_criterion(criterion, is_plan_item, &mut seen, &mut out);
        }
    }
    check_bands(&spec.bands, &mut out);
    out
}

fn duplicate(what: &'static str, id: &str) -> Error {
    Error::DuplicateId {
        what,
        id: id.to_owned(),
    }
    .at(id)
}

fn check_points(what: &'static str, value: Decimal) -> Option<Error> {
    // A negative zero ("-0") is refused too: it would print as "-0".
    if value.is_sign_negative() {
        Some(Error::Negative { what, value })
    } else if value > MAX_POINTS {
        Some(Error::ValueTooLarge {
            what,
            value,
            limit: MAX_POINTS,
        })
    } else if value.normalize().scale() > POINT_DECIMALS {
        Some(Error::TooManyDecimalPlaces {
            what,
            value,
            limit: POINT_DECIMALS,
        })
    } else {
        None
    }
}

fn check_share(value: Decimal) -> Option<Error> {
    if value.is_sign_negative() || value > Decimal::ONE {
        Some(Error::ShareOutOfRange { value })
    } else if value.normalize().scale() > SHARE_DECIMALS {
        Some(Error::TooManyDecimalPlaces {
            what: "share",
            value,
            limit: SHARE_DECIMALS,
        })
    } else {
        None
    }
}

fn check_criterion<'a>(
    criterion: &'a Criterion,
    is_plan_item: &dyn Fn(&str) -> bool,
    seen: &mut BTreeSet<&'a str>,
    out: &mut Vec<Error>,
) {
    let id = criterion.id.as_str();
    if !seen.insert(id) {
        out.push(duplicate("criterion", id));
    }
    let max = criterion.max_points;
    if let Some(err) = check_points("maximum points", max) {
        out.push(err.at(id));
    } else if max.is_zero() {
        out.push(
            Error::NotPositive {
                what: "maximum points",
                value: max,
            }
            .at(id),
        );
    }
    if let Some(item) = &criterion.plan_item
        && !is_plan_item(item)
    {
        out.push(
            Error::UnknownId {
                what: "plan item",
                id: item.clone(),
            }
            .at(id),
        );
    }
    match (&criterion.rule, criterion.children.is_empty()) {
        (Some(rule), true) => {
            for err in check_rule(rule, max) {
                out.push(err.at(id));
            }
        }
        (None, false) => {
            let sum: Decimal = criterion.children.iter().map(|c| c.max_points).sum();
            if sum != max {
                out.push(Error::ChildrenSumMismatch { sum, max }.at(id));
            }
            for child in &criterion.children {
                check_criterion(child, is_plan_item, seen, out);
            }
        }
        (Some(_), false) => out.push(
            Error::RuleShape {
                message: "a criterion with sub-criteria takes its points from them and cannot have a rule",
            }
            .at(id),
        ),
        (None, true) => out.push(
            Error::RuleShape {
                message: "a criterion without sub-criteria needs a rule",
            }
            .at(id),
        ),
    }
}

fn check_rule(rule: &ScoringRule, max: Decimal) -> Vec<Error> {
    let mut out = Vec::new();
    let mut percent = |value: Decimal| {
        if let Err(err) = Percent::new(value) {
            out.push(err);
        }
    };
    match rule {
        ScoringRule::AllOrNothing {
            comparison,
            percent: p,
            min_count,
        } => {
            percent(*p);
            if let (Comparison::AtMost, Some(min_count)) = (comparison, min_count) {
                out.push(Error::MinCountOnNonCount {
                    min_count: *min_count,
                    kind: "an \"at most\" rate target".into(),
                });
            }
        }
        ScoringRule::ProportionalToTarget { percent: p } => percent(*p),
        ScoringRule::RateSteps { steps } => {
            for step in steps {
                percent(step.at_least);
            }
            let pairs: Vec<_> = steps.iter().map(|s| (s.at_least, s.points)).collect();
            check_steps("rate_steps", &pairs, max, |t| format!("{t}%"), &mut out);
        }
        ScoringRule::CountSteps { steps } => {
            let pairs: Vec<_> = steps
                .iter()
                .map(|s| (Decimal::from(s.at_least), s.points))
                .collect();
            check_steps(
                "count_steps",
                &pairs,
                max,
                |t| format!("count {t}"),
                &mut out,
            );
        }
        ScoringRule::Categories { options } => {
            if options.is_empty() {
                out.push(Error::Empty {
                    kind: "categories",
                    what: "option",
                });
            }
            let mut keys = BTreeSet::new();
            for option in options {
                if !keys.insert(option.key.as_str()) {
                    out.push(Error::DuplicateId {
                        what: "category",
                        id: option.key.clone(),
                    });
                }
                out.extend(check_share(option.share));
            }
        }
        ScoringRule::Deadline {
            date,
            late_share,
            late_until,
            ..
        } => {
            out.extend(check_share(*late_share));
            if let Err(err) = Window::new(*date, *late_until) {
                out.push(err);
            }
        }
        ScoringRule::Window {
            start,
            end,
            outside_share,
            outside_start,
            outside_end,
        } => {
            out.extend(check_share(*outside_share));
            out.extend(Window::new(*start, *end).err());
            out.extend(Window::new(*outside_start, *outside_end).err());
        }
        ScoringRule::Frequency {
            every_months,
            start,
            end,
        } => match Window::new(*start, *end) {
            Ok(window) => out.extend(crate::target::Frequency::new(*every_months, window).err()),
            Err(err) => out.push(err),
        },
        ScoringRule::Proportional | ScoringRule::Done | ScoringRule::Assessor => {}
    }
    out
}

fn check_steps(
    kind: &'static str,
    steps: &[(Decimal, Decimal)],
    max: Decimal,
    show: impl Fn(Decimal) -> String,
    out: &mut Vec<Error>,
) {
    if steps.is_empty() {
        out.push(Error::Empty { kind, what: "step" });
    }
    for (_, points) in steps {
        if let Some(err) = check_points("step points", *points) {
            out.push(err);
        } else if *points > max {
            out.push(Error::AboveMax {
                what: "step",
                points: *points,
                max,
            });
        }
    }
    if let Some((_, top)) = steps.iter().max_by_key(|(threshold, _)| *threshold)
        && *top < max
    {
        out.push(Error::TopStepBelowMax { points: *top, max });
    }
    for (index, pair) in steps.windows(2).enumerate() {
        let ((t0, p0), (t1, p1)) = (pair[0], pair[1]);
        if t1 >= t0 || p1 > p0 {
            out.push(Error::StepsNotOrdered {
                index: index + 2,
                detail: format!("{} → {p1} points", show(t1)),
            });
            break;
        }
    }
}

fn check_bands(bands: &[Band], out: &mut Vec<Error>) {
    let mut sorted: Vec<&Band> = bands.iter().collect();
    sorted.sort_by_key(|band| band.from);
    let mut problem = |message: String| out.push(Error::Bands { message }.at("bands"));
    let (Some(first), Some(last)) = (sorted.first(), sorted.last()) else {
        problem("are missing: give at least one band".into());
        return;
    };
    for band in &sorted {
        if band.from < Decimal::ZERO || band.to > Decimal::ONE_HUNDRED || band.from >= band.to {
            problem(format!(
                "{}: {} to {} is not a range within 0 to 100",
                band.label_vi, band.from, band.to
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
                low.label_vi, low.from, low.to, high.label_vi, high.from, high.to
            ));
        } else if high.from > low.to {
            problem(format!(
                "leave a gap from {} to {} between {} and {}",
                low.to, high.from, low.label_vi, high.label_vi
            ));
        }
    }
}
