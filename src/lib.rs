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
//! counts ─► rate ─► target ─► attainment
//! ```
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

mod attainment;
mod counts;
mod criteria;
mod dates;
mod error;
mod explain;
mod fraction;
mod observations;
mod points;
mod rate;
mod rounding;
mod scorecard;
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
pub use observations::{Appraisal, Observation, Observations};
pub use points::{CriterionScore, ScoreStatus, Working};
pub use rate::Rate;
pub use rounding::{Rounding, RoundingMode};
pub use scorecard::{CriterionResult, FieldResult, Scorecard};
pub use target::{
    Comparison, CountTarget, Deadline, DeadlineWording, Frequency, Percent, RateTarget, Target,
    TargetSpec, Window,
};
pub use whatif::{
    Change, Costs, CriterionDiff, Goal, LeastEffortPlan, PlanStep, Scenario, ScorecardDiff,
    TaskOption,
};
