//! The one rule model: the shapes a target or a scoring rule is made of, and how each is judged.
//!
//! A plan item has a [`Target`] (what it must reach); a criterion has a [`ScoringRule`] (how
//! its points follow). Both are built from the same validated shapes, and both are judged by the
//! same code, so a plan item and the criterion that measures it never disagree:
//!
//! | shape | built from | judged by |
//! |---|---|---|
//! | rate | [`RateTarget`] (a [`Percent`](crate::Percent), at least / at most, optional minimum count) | [`RateTarget::is_met`], exactly; [`RateTarget::shortfall`] |
//! | count | [`CountTarget`], [`Steps<u64>`](Steps) | the count as reported |
//! | deadline | [`Deadline`] ("trước D" strict, "by D" inclusive) | [`Deadline::outcome`], [`Deadline::outcome_at`] |
//! | window | [`Window`] ("Quý IV/2023") | [`Window::outcome`], [`Window::outcome_at`] |
//! | frequency | [`Frequency`] ("06 tháng/cuộc") | [`Frequency::outcome`], [`Frequency::outcome_at`] |
//! | done | — | done or not |
//! | categories, assessor points | [`Categories`], — | the option or the points given |
//!
//! ## Exact semantics
//!
//! - **Rates** are `numerator ÷ denominator`, compared with a target as exact integers, never
//!   through a rounded percentage. A zero denominator is *không phát sinh* (nothing arose in
//!   scope), which is not a rate of 0.
//! - **Deadlines**: work done on day *d* is on time for "trước D" when *d* < D, for "by D" when
//!   *d* ≤ D.
//! - **Windows**: held inside when any date held lies in the window.
//! - **Frequencies**: the window is cut into consecutive periods of *n* months; a period is
//!   covered when a date held lies in it.
//!
//! ## At a date
//!
//! Judged at a date (`…_at`), a fact dated after that date is **not yet known**: a report done
//! on 10 July is "not done" on 30 June. A target not met yet that can still be met in full is
//! [`Status::Pending`]: a deadline whose last on-time day is that date or later, a window not
//! held inside whose last day is that date or later, a frequency with no period missed and
//! some still open. A day counts as open until it is over. Rates, counts and done / not done
//! are judged as reported.
//!
//! A criterion's points add one more fact, [`open_until`](crate::score::CriterionLine): while
//! pending, the last day full points can still be earned; once they no longer can, the last
//! day part of them can (the end of a deadline's late period, of a window's outer period, when
//! it pays).

mod attainment;
mod calendar;
mod outcome;
mod scoring;
mod shortfall;
mod target;

pub use attainment::{Attainment, Detail, Evidence, Status};
pub(crate) use calendar::days_between;
pub use calendar::{Deadline, DeadlineWording, Frequency, Window};
pub use outcome::{DeadlineOutcome, FrequencyOutcome, WindowOutcome};
pub(crate) use scoring::POINT_DECIMALS;
pub use scoring::{
    Categories, CategoryOption, DeadlineRule, Reads, ScoringRule, Share, Step, Steps, Threshold,
    WindowRule,
};
pub(crate) use scoring::{RuleSpec, check_against_max, check_points};
pub use shortfall::{Lever, RateAttainment, Records, Shortfall};
pub(crate) use target::TargetSpec;
pub use target::{Comparison, CountTarget, RateTarget, Target};
