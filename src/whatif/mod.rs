//! What-if: change a ward's observations and see what its scorecard would be, compare two
//! scorecards, and find the least-effort way to a goal.
//!
//! This layer sits on top of scoring and uses only its public API
//! ([`Scorecard::score`](crate::Scorecard::score),
//! [`ScoringRule::score`](crate::rule::ScoringRule::score),
//! [`Lever::apply`](crate::rule::Lever::apply), [`Observations`](crate::Observations)):
//!
//! - [`Scenario`]: a base [`Observations`](crate::Observations) plus a list of [`Change`]s
//!   (records added under a lever, a task done, a date held, points set, …), each checked
//!   against the criterion's rule;
//! - [`ScorecardDiff`]: per criterion the points and status before and after, and the
//!   headline figures before and after;
//! - [`LeastEffortPlan`]: the cheapest set of record changes (and, optionally, tasks) that
//!   reaches a [`Goal`] — a band or an index — solved exactly as a multiple-choice knapsack.
//!
//! ```
//! use cchc::{CriteriaSet, Id, Observations, Scorecard};
//! use cchc::rule::Lever;
//! use cchc::whatif::{Change, Scenario, ScorecardDiff};
//! use rust_decimal_macros::dec;
//! let set = CriteriaSet::reference();
//! let base = Observations::builder("Phường Sông Cầu", 2023).counts("II.4", 90, 300).build(&set)?;
//! let scenario = Scenario::new(base.clone()).with(Change::AddRecords {
//!     criterion: Id::new("II.4")?,
//!     lever: Lever::Convert,
//!     records: 15,
//! });
//! let before = Scorecard::score(&set, &base)?;
//! let after = Scorecard::score(&set, &scenario.observations(&set)?)?;
//! let diff = ScorecardDiff::between(&before, &after)?;
//! assert_eq!(diff.criteria.len(), 1);
//! assert_eq!(diff.criteria[0].change, dec!(0.71)); // 4.29 → 5.00
//! assert_eq!(diff.after.total_points, dec!(5.00));
//! # Ok::<(), cchc::Error>(())
//! ```

mod diff;
mod least_effort;
mod plan;
mod scenario;

pub use diff::{CriterionDiff, ScorecardDiff};
pub use plan::{Costs, Goal, LeastEffortPlan, PlanStep, TaskOption};
pub use scenario::{Change, Scenario};
