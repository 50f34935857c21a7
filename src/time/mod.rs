//! Time: periods of the calendar, monthly series of counts, and where a target stands part-way
//! through the year.
//!
//! - [`Period`]: a year, half, quarter, month or any range of days, that remembers how it was
//!   named ("Quý IV/2023" stays a quarter); the period an observations file covers (also
//!   [`cchc::observations::Period`](crate::observations::Period)).
//! - [`aggregate`]: a ward's observations of months (or any parts) added up into a quarter or
//!   the year, counts as sums.
//! - [`MonthlySeries`]: a year of monthly counts, per month or cumulative (year to date);
//!   any whole-month period of it is the **ratio of the summed counts**, never an average of
//!   monthly rates.
//! - [`Progress`]: a rate target at a date — the rate to date, the pace against the time
//!   elapsed, a linear [`Projection`] (flagged as an estimate) and the records needed per
//!   remaining month under both levers ([`MonthlyNeed`]).
//!
//! Deadlines, windows and frequencies at a date are judged by the rule model itself
//! ([`Target::attain_at`](crate::rule::Target::attain_at),
//! [`Scorecard::score_at`](crate::Scorecard::score_at)).

mod aggregate;
mod progress;
mod series;

pub use crate::observations::{Period, PeriodKind};
pub use aggregate::aggregate;
pub use progress::{MonthlyNeed, Pace, Progress, Projection};
pub use series::{MonthlySeries, SeriesKind};
