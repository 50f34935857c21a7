//! # cchc — the numbers a ward's administrative-reform plan is judged by
//!
//! A Vietnamese ward (phường) or commune keeps raw counts and dates: dossiers received and
//! filed online, results digitised, meetings held, reports sent. Its administrative-reform plan
//! (kế hoạch cải cách hành chính, CCHC) sets targets on them. `cchc` turns the one into the
//! other, exactly: the rate of each quantified target, whether it is met, how many records short
//! it is, and the ward's self-assessment CCHC index score (Chỉ số CCHC).
//!
//! The data flows one way, one module a step:
//!
//! ```text
//! counts ─► rate ─► target ─► attainment ─► points ─► scorecard ─► report
//!                     ▲                       ▲
//!        Plan (items, targets)      CriteriaSet (rules, bands)
//! ```
//!
//! ## 1. A target: how far, and how many records short
//!
//! [`Plan::song_cau_2023`] is the 2023 plan of phường Sông Cầu, built in: every row of its
//! appendix as a [`PlanItem`] with its [`Field`] and [`Target`].
//!
//! ```
//! use cchc::{Counts, Lever, Percent, RateTarget, Records, Rounding};
//! use rust_decimal_macros::dec;
//!
//! // Row 4 of the 2023 plan: 35% of still-valid procedure results digitised.
//! let target = RateTarget::at_least(Percent::new(dec!(35))?);
//! let digitised = Counts::new(90, 300)?;
//!
//! let rate = digitised.rate().expect("300 results arose");
//! assert_eq!(rate.percent(&Rounding::default())?, dec!(30.00));
//! assert_eq!(target.is_met(&digitised), Some(false));
//! // 15 more of the 300 must be digitised, or 24 new results all digitised.
//! assert_eq!(target.records_needed(&digitised, Lever::Convert), Some(Records::Needed(15)));
//! assert_eq!(target.records_needed(&digitised, Lever::Add), Some(Records::Needed(24)));
//! # Ok::<(), cchc::Error>(())
//! ```
//!
//! ## 2. The self-assessment: points, index, band, giải trình
//!
//! A [`CriteriaSet`] (bộ tiêu chí) gives each criterion a maximum and a [`ScoringRule`];
//! [`Observations`] hold what the ward reports (PLAN.md §6); a [`Scorecard`] scores one against
//! the other and explains every point.
//!
//! ```
//! use cchc::{CriteriaSet, Observations, ScoreStatus, Scorecard};
//! use rust_decimal_macros::dec;
//!
//! let set = CriteriaSet::reference();
//! let observations = Observations::from_toml(r#"
//!     ward = "Phường Sông Cầu"
//!     year = 2023
//!     [observations."II.4"]
//!     numerator = 90
//!     denominator = 300
//!     [observations."II.7"]
//!     numerator = 699
//!     denominator = 1400
//!     [observations."VII.29"]
//!     held_on = [2023-06-30, 2023-07-01]
//! "#, &set)?;
//! let card = Scorecard::score(&set, &observations)?;
//!
//! let ii7 = card.criterion("II.7").unwrap();
//! assert_eq!(ii7.points, dec!(3.00));            // 3 × 49.93/50 = 2.9957… rounds to 3.00
//! assert_eq!(ii7.status, ScoreStatus::Partial);  // yet the exact points fall short
//! assert_eq!(ii7.records_to_convert.and_then(|r| r.needed()), Some(1));
//! assert_eq!(card.criterion("VII.29").unwrap().explanation_vi,
//!     "2/2 kỳ (6 tháng/kỳ) có tổ chức; điểm = 3 × 2/2 = 3,00");
//! assert_eq!(card.summary.total_points, dec!(10.29));    // 4.29 + 3.00 + 3.00; the rest is missing
//! assert_eq!(card.summary.band.as_deref(), Some("Yếu"));
//! # Ok::<(), cchc::Error>(())
//! ```
//!
//! ## 3. What if, over time, and across wards
//!
//! On top of scoring, and using only its public API: a [`Scenario`] tries [`Change`]s and a
//! [`ScorecardDiff`] shows what moved; [`LeastEffortPlan::find`] gives the cheapest records
//! that reach a band or an index (exactly, not greedily); [`MonthlySeries`] and [`Progress`]
//! follow a target through the year (to date, pace, a linear [`Projection`], records needed
//! per remaining month); [`Scorecard::score_at`] (and [`Target::attain_at`] for a plan item)
//! reports deadlines, windows and meetings still open at a date as pending, not missed; a
//! [`Rollup`] ranks many wards and sums their counts city-wide.
//!
//! ```
//! use cchc::{Costs, Counts, CriteriaSet, Evidence, Goal, LeastEffortPlan, Observations, Observed};
//! use rust_decimal_macros::dec;
//!
//! let set = CriteriaSet::reference();
//! let counts = |g, n| Observed::Reported(Evidence::Counts(Counts::new(g, n).unwrap()));
//! let ward = Observations::new("Phường Sông Cầu", 2023)
//!     .with("II.4", counts(90, 300))     // 4.29 of 5 points
//!     .with("VI.24b", counts(45, 300));  // 2.50 of 5 points
//! // The cheapest way from 6.79 to an index of 7.5, one record costing 1 everywhere:
//! // 13 more dossiers filed online (VI.24b: 5 × 58/90 = 3.22, +0.72; 12 give only +0.67)
//! // cost less than the 15 more results digitised that II.4 would need (+0.71).
//! let plan = LeastEffortPlan::find(&set, &ward, &Goal::Index(dec!(7.5)), &Costs::new())?;
//! assert_eq!(plan.total_cost, dec!(13));
//! assert_eq!((plan.steps[0].criterion.as_str(), plan.steps[0].records), ("VI.24b", 13));
//! assert_eq!(plan.index_after, Some(dec!(7.51)));
//! # Ok::<(), cchc::Error>(())
//! ```
//!
//! ## Exactness
//!
//! Rates are fractions of whole numbers; every comparison with a target is an exact integer
//! comparison. Rounding happens only for display and for criterion points, through one named
//! [`Rounding`] policy (default: 2 decimals, half away from zero). Decimals are
//! [`rust_decimal::Decimal`] and serialise as strings.
//!
//! ## Errors
//!
//! Bad input never panics: every fallible function returns [`Error`], whose variants carry the
//! value refused, the rule it broke and (through [`Error::At`]) the item it belongs to.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

mod attainment;
mod calendar;
mod counts;
mod criteria;
mod dates;
mod error;
mod explain;
mod field;
mod fraction;
mod observations;
mod pending;
mod period;
mod plan;
mod points;
mod progress;
mod rate;
mod report;
mod rollup;
mod rounding;
mod scorecard;
mod series;
mod target;
mod whatif;

pub use attainment::{
    Attainment, DeadlineOutcome, Detail, Evidence, FrequencyOutcome, Lever, RateAttainment,
    Records, Shortfall, Status, WindowOutcome,
};
pub use counts::{Counts, Observed};
pub use criteria::{
    Band, CategoryOption, CountStep, CriteriaField, CriteriaSet, CriteriaSetSpec, Criterion, Leaf,
    NotApplicablePolicy, RateStep, Reads, ScoringRule,
};
pub use error::{Error, Result};
pub use explain::{Lang, explain, format_decimal, method};
pub use field::Field;
pub use observations::{Appraisal, Observation, Observations};
pub use pending::{DeadlineProgress, FrequencyProgress};
pub use period::{Period, PeriodKind};
pub use plan::{Plan, PlanItem};
pub use points::{CriterionScore, ScoreStatus, Working};
pub use progress::{MonthlyNeed, Pace, Progress, Projection};
pub use rate::Rate;
pub use report::{Format, render, render_in};
pub use rollup::{CityFigure, Rollup, WardRank};
pub use rounding::{Rounding, RoundingMode};
pub use scorecard::{CriterionResult, FieldResult, Scorecard, Summary};
pub use series::{MonthlySeries, SeriesKind};
pub use target::{
    Comparison, CountTarget, Deadline, DeadlineWording, Frequency, Percent, RateTarget, Target,
    TargetSpec, Window,
};
pub use whatif::{
    Change, Costs, CriterionDiff, Goal, LeastEffortPlan, PlanStep, Scenario, ScorecardDiff,
    TaskOption,
};
