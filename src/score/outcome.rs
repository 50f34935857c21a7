//! What scoring one criterion yields: its status, its points and the working behind them.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::criteria::NotApplicablePolicy;
use crate::rate::{Counts, Percent};
use crate::rule::{
    CategoryOption, Deadline, DeadlineOutcome, FrequencyOutcome, RateTarget, Share, Shortfall,
    Status, Step, Window, WindowOutcome,
};

/// The working behind a criterion's points: the rule's inputs and intermediate values, from
/// which the explanation (giải trình) is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
#[non_exhaustive]
pub enum Working {
    /// No observation: 0 points.
    Missing,
    /// *Không phát sinh*, scored by the policy.
    #[non_exhaustive]
    NotApplicable {
        /// The policy applied.
        policy: NotApplicablePolicy,
    },
    /// The criterion applies at other levels only (a province-only criterion in a commune's
    /// set): *không phát sinh* by itself, scored by the policy.
    #[non_exhaustive]
    OutOfScope {
        /// The policy applied.
        policy: NotApplicablePolicy,
        /// The levels it applies at.
        levels: Vec<crate::Id>,
    },
    /// The criterion's points come from a sociological survey, and none was held this year:
    /// left out of the total and the maximum.
    NoSurvey,
    /// All or nothing on a rate target.
    #[non_exhaustive]
    AllOrNothing {
        /// The counts.
        counts: Counts,
        /// The rate in percent, rounded.
        rate_percent: Decimal,
        /// The target (with its minimum count, if any).
        target: RateTarget,
        /// Whether the exact rate (and count) met it.
        met: bool,
    },
    /// Proportional: max × rate, or max × min(1, rate ÷ target).
    #[non_exhaustive]
    Proportional {
        /// The counts.
        counts: Counts,
        /// The rate in percent, rounded.
        rate_percent: Decimal,
        /// The target, or `None` for plain "Tỷ lệ × Điểm tối đa".
        target: Option<Percent>,
        /// Whether the rate reached the target, so points are capped at max.
        capped: bool,
    },
    /// Steps on a rate.
    #[non_exhaustive]
    RateSteps {
        /// The counts.
        counts: Counts,
        /// The rate in percent, rounded.
        rate_percent: Decimal,
        /// The step reached, if any.
        reached: Option<Step<Percent>>,
    },
    /// Steps on a count.
    #[non_exhaustive]
    CountSteps {
        /// The count.
        count: u64,
        /// The step reached, if any.
        reached: Option<Step<u64>>,
    },
    /// A named category.
    #[non_exhaustive]
    Category {
        /// The option observed.
        option: CategoryOption,
    },
    /// A deadline.
    #[non_exhaustive]
    Deadline {
        /// The deadline.
        deadline: Deadline,
        /// When the work was done (at a date: pending, while on time is still possible).
        outcome: DeadlineOutcome,
        /// Share for late work.
        late_share: Share,
        /// Whether late work fell within the late period.
        late_in_time: bool,
    },
    /// A window.
    #[non_exhaustive]
    Window {
        /// The window.
        window: Window,
        /// When it was held.
        outcome: WindowOutcome,
        /// Share when held only outside the window.
        outside_share: Share,
        /// Whether a date held outside the window still fell in the outer period.
        outside_in_time: bool,
    },
    /// A frequency.
    #[non_exhaustive]
    Frequency {
        /// Periods covered, missed and open, of periods required.
        outcome: FrequencyOutcome,
        /// Months per period.
        every_months: u32,
    },
    /// Done / not done.
    #[non_exhaustive]
    Done {
        /// Whether it was done.
        done: bool,
    },
    /// Points given by the assessor.
    #[non_exhaustive]
    Assessor {
        /// The points given.
        points: Decimal,
    },
}

/// One criterion's score: what [`ScoringRule::score`](crate::rule::ScoringRule::score) gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CriterionScore {
    /// Points, rounded by the policy.
    pub points: Decimal,
    /// The maximum that counts towards the set's maximum (0 when left out as không phát sinh).
    pub max_points: Decimal,
    /// Judged on the exact points; pending at a date while full points are still possible.
    pub status: Status,
    /// The rate in percent, rounded, for rate rules with reported counts.
    pub rate_percent: Option<Decimal>,
    /// Records short of full points under both levers, for rate rules with reported counts.
    pub shortfall: Option<Shortfall>,
    /// The working behind the points.
    pub working: Working,
    /// For a score taken at a date, while more points can still be earned: the last day full
    /// points can (a deadline's last on-time day, a window's last day) or, once they no longer
    /// can, the last day part of them can (the end of a late or outer period that pays).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_until: Option<NaiveDate>,
}
