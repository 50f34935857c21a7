//! Scoring rules (cách xác định và tính điểm): how a criterion's points follow from what was
//! observed. Each variant is one kind of rule seen in official self-assessment tables, built
//! from the same validated shapes as plan targets ([`Percent`], [`RateTarget`], [`Deadline`],
//! [`Window`], [`Frequency`]); a criteria file names it with `kind`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::calendar::{Deadline, DeadlineWording, Frequency};
use super::target::{Comparison, CountTarget, RateTarget, Target};
use crate::error::{Error, Reason, Result};
use crate::rate::Percent;

mod parts;
mod spec;

pub use parts::{
    Categories, CategoryOption, DeadlineRule, Share, Step, Steps, Threshold, WindowRule,
};
pub(crate) use spec::RuleSpec;

/// The most points a criterion, a step or a bonus may carry.
pub(crate) const MAX_POINTS: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);
/// The most decimals points may have.
pub(crate) const POINT_DECIMALS: u32 = 2;

/// Checks a number of points: 0 or more, at most [`MAX_POINTS`], at most two decimals.
pub(crate) fn check_points(what: &'static str, value: Decimal) -> Result<Decimal> {
    // A negative zero ("-0") is refused too: it would print as "-0".
    if value.is_sign_negative() {
        Err(Error::from(Reason::Negative { what, value }))
    } else if value > MAX_POINTS {
        Err(Error::from(Reason::ValueTooLarge {
            what,
            value,
            limit: MAX_POINTS,
        }))
    } else if value.normalize().scale() > POINT_DECIMALS {
        Err(Error::from(Reason::TooManyDecimalPlaces {
            what,
            value,
            limit: POINT_DECIMALS,
        }))
    } else {
        Ok(value)
    }
}

/// How a criterion's points are computed.
///
/// In a criteria file: `rule = { kind = "prop", percent = "35" }`; the kinds are `all`,
/// `rate`, `prop`, `rate_steps`, `count_steps`, `categories`, `deadline`, `window`,
/// `frequency`, `done` and `assessor`. Points are computed exactly, judged (met / partial /
/// not met) on the exact value, then rounded by the set's policy.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RuleSpec", into = "RuleSpec")]
#[non_exhaustive]
pub enum ScoringRule {
    /// All or nothing on a rate target (`kind = "all"`): "đạt 100%: điểm tối đa; dưới 100%:
    /// 0 điểm". Full points when the exact rate meets the target (and its minimum count);
    /// else 0.
    AllOrNothing(RateTarget),
    /// Proportional to the rate (`kind = "rate"`): "Tỷ lệ = a/b; Điểm = Tỷ lệ × Điểm tối đa".
    Proportional,
    /// Proportional to attainment of a target, capped (`kind = "prop"`, the QĐ 766/QĐ-TTg
    /// style): max × min(1, rate ÷ target).
    ProportionalToTarget(Percent),
    /// Steps on a rate (`kind = "rate_steps"`): the highest step the exact rate reaches; 0
    /// when none.
    RateSteps(Steps<Percent>),
    /// Steps on a count (`kind = "count_steps"`): "họp 4 lần/năm: 20 điểm; 3 lần: 15; …;
    /// còn lại: 0".
    CountSteps(Steps<u64>),
    /// Named categories (`kind = "categories"`): "chủ tịch: tối đa; phó chủ tịch: 1/2 × tối
    /// đa; khác: 0".
    Categories(Categories),
    /// A deadline (`kind = "deadline"`): on time, late within a period, or not done.
    Deadline(DeadlineRule),
    /// A window (`kind = "window"`): inside, elsewhere within the outer period, or not held.
    Window(WindowRule),
    /// A frequency (`kind = "frequency"`): max × periods covered ÷ periods required
    /// ("06 tháng/cuộc").
    Frequency(Frequency),
    /// Done / not done (`kind = "done"`): max or 0.
    Done,
    /// Points given by the assessor (`kind = "assessor"`), 0 ≤ points ≤ max.
    Assessor,
}

/// What kind of observation a rule reads; decides which keys an observation may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reads {
    /// `numerator`, `denominator`.
    Counts,
    /// `count`.
    Count,
    /// `category`.
    Category,
    /// `completed_on`.
    Completion,
    /// `held_on`.
    Dates,
    /// `done`.
    Done,
    /// `points`.
    Points,
}

impl ScoringRule {
    /// The `kind` written in files.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::AllOrNothing(_) => "all",
            Self::Proportional => "rate",
            Self::ProportionalToTarget(_) => "prop",
            Self::RateSteps(_) => "rate_steps",
            Self::CountSteps(_) => "count_steps",
            Self::Categories(_) => "categories",
            Self::Deadline(_) => "deadline",
            Self::Window(_) => "window",
            Self::Frequency(_) => "frequency",
            Self::Done => "done",
            Self::Assessor => "assessor",
        }
    }

    /// What the rule reads.
    #[must_use]
    pub const fn reads(&self) -> Reads {
        match self {
            Self::AllOrNothing(_)
            | Self::Proportional
            | Self::ProportionalToTarget(_)
            | Self::RateSteps(_) => Reads::Counts,
            Self::CountSteps(_) => Reads::Count,
            Self::Categories(_) => Reads::Category,
            Self::Deadline(_) => Reads::Completion,
            Self::Window(_) | Self::Frequency(_) => Reads::Dates,
            Self::Done => Reads::Done,
            Self::Assessor => Reads::Points,
        }
    }

    /// Whether more of what the rule reads never lowers its points (rates, counts, dates
    /// held): the rules a what-if may push.
    #[must_use]
    pub const fn is_monotone(&self) -> bool {
        match self {
            Self::AllOrNothing(target) => matches!(target.comparison(), Comparison::AtLeast),
            Self::Proportional
            | Self::ProportionalToTarget(_)
            | Self::RateSteps(_)
            | Self::CountSteps(_)
            | Self::Frequency(_) => true,
            _ => false,
        }
    }

    /// The rate target whose attainment earns full points, for rules that read counts: the
    /// target itself, 100% for a plain proportional rule, the target of a capped one, the
    /// top step.
    #[must_use]
    pub fn full_target(&self) -> Option<RateTarget> {
        match self {
            Self::AllOrNothing(target) => Some(*target),
            Self::Proportional => Some(RateTarget::FULL),
            // A criterion refuses a target of 0%; a bare rule with one is always met.
            Self::ProportionalToTarget(percent) => Some(RateTarget::at_least_any(*percent)),
            Self::RateSteps(steps) => steps
                .full()
                .map(|full| RateTarget::at_least_any(full.at_least())),
            _ => None,
        }
    }

    /// The target whose attainment earns full points, in the shape of a plan item's target:
    /// the rate target for rules on counts (for steps, the lowest step that pays the
    /// maximum), that step's count, the deadline (or, when late work keeps every point, the end
    /// of the late period), the window (or the outer period, when it pays in full), the
    /// frequency, done. `None` for categories and assessor points, which have no target, and
    /// for a target every report meets (0%).
    ///
    /// A criterion is met exactly when this target is met, and pending at a date exactly when
    /// it is pending: a criterion and the plan item it measures, with this target, always
    /// agree.
    #[must_use]
    pub fn target(&self) -> Option<Target> {
        match self {
            Self::CountSteps(steps) => steps
                .full()
                .and_then(|full| CountTarget::new(full.at_least()).ok())
                .map(Target::Count),
            Self::Deadline(rule) if rule.late_share().value() == Decimal::ONE => {
                Deadline::new(rule.late_until(), DeadlineWording::By)
                    .ok()
                    .map(Target::Deadline)
            }
            Self::Deadline(rule) => Some(Target::Deadline(rule.deadline())),
            Self::Window(rule)
                if rule.outside_share().value() == Decimal::ONE
                    && rule.outside().start() <= rule.window().start()
                    && rule.window().end() <= rule.outside().end() =>
            {
                Some(Target::Window(rule.outside()))
            }
            Self::Window(rule) => Some(Target::Window(rule.window())),
            Self::Frequency(frequency) => Some(Target::Frequency(*frequency)),
            Self::Done => Some(Target::Done),
            Self::Categories(_) | Self::Assessor => None,
            _ => self
                .full_target()
                .filter(|t| {
                    !(t.comparison() == Comparison::AtLeast
                        && t.percent() == Percent::ZERO
                        && t.min_count().is_none())
                })
                .map(Target::Rate),
        }
    }
}

impl Reads {
    /// What is read, in words, for error messages ("counts", "a completion date", …).
    #[must_use]
    pub const fn describe(&self) -> &'static str {
        match self {
            Self::Counts => "counts",
            Self::Count => "a count",
            Self::Category => "a category",
            Self::Completion => "a completion date",
            Self::Dates => "dates held",
            Self::Done => "done / not done",
            Self::Points => "assessor points",
        }
    }

    /// The keys an observation of this kind carries.
    #[must_use]
    pub const fn keys(&self) -> &'static [&'static str] {
        match self {
            Self::Counts => &["numerator", "denominator"],
            Self::Count => &["count"],
            Self::Category => &["category"],
            Self::Completion => &["completed_on"],
            Self::Dates => &["held_on"],
            Self::Done => &["done"],
            Self::Points => &["points"],
        }
    }
}

/// Every problem of `rule` as the rule of a criterion worth `max` points: steps worth more
/// than the maximum, a top step worth less, a "prop" target of 0%.
pub(crate) fn check_against_max(rule: &ScoringRule, max: Decimal) -> Vec<Error> {
    let mut out = Vec::new();
    let mut steps = |points: &mut dyn Iterator<Item = Decimal>, top: Option<Decimal>| {
        for p in points {
            if p > max {
                out.push(Error::from(Reason::AboveMax {
                    what: "step",
                    points: p,
                    max,
                }));
            }
        }
        if let Some(top) = top
            && top < max
        {
            out.push(Error::from(Reason::TopStepBelowMax { points: top, max }));
        }
    };
    match rule {
        ScoringRule::RateSteps(s) => steps(
            &mut s.steps().iter().map(Step::points),
            s.top().map(Step::points),
        ),
        ScoringRule::CountSteps(s) => steps(
            &mut s.steps().iter().map(Step::points),
            s.top().map(Step::points),
        ),
        ScoringRule::ProportionalToTarget(percent) => {
            if let Err(err) = RateTarget::at_least(*percent) {
                out.push(err);
            }
        }
        _ => {}
    }
    // Full points for a rate of 0% or more: every report is met.
    if let ScoringRule::RateSteps(s) = rule
        && let Some(full) = s.full()
        && full.at_least() == Percent::ZERO
        && let Err(err) = RateTarget::at_least(full.at_least())
    {
        out.push(err.with_key("steps"));
    }
    out
}
