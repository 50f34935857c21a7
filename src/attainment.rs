//! Attainment: where a plan item stands against its target, and how many records it is short.
//!
//! For a rate this is the exact rate, its rounded percent, the gap in percentage points, the
//! attainment ratio min(1, rate ÷ target) and the **shortfall** under both levers (PLAN.md §4):
//!
//! - [`Lever::Convert`]: the population is fixed and existing records are brought to the
//!   measure (digitise k more of the 300 results): G/N → (G + k)/N.
//! - [`Lever::Add`]: each new record joins both counts (k new dossiers, all filed online):
//!   G/N → (G + k)/(N + k).
//!
//! For an "at most" target the levers run the other way: fix k counted records
//! ((G − k)/N), or add k records that are not counted (G/(N + k)).
//!
//! A shortfall is an exact whole number *k* such that *k* records meet the target and *k − 1*
//! do not, or [`Records::Impossible`] when no number of records representable in `u64` counts
//! can meet it (a 100% target under the "add" lever with G < N, or a conversion needing more
//! records than remain).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::counts::{Counts, Observed};
use crate::error::{Error, Result};
use crate::rate::Rate;
use crate::rounding::Rounding;
use crate::target::{Comparison, RateTarget, Target};

/// A way of closing a rate's gap (see [`RateTarget::records_needed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Lever {
    /// Bring existing records to the measure; the denominator stays.
    Convert,
    /// Add new records; "at least" targets count them in both numerator and denominator,
    /// "at most" targets in the denominator only.
    Add,
}

impl Lever {
    /// The counts after `records` records under this lever, for a target compared by
    /// `comparison`; `None` when that many cannot be converted or the counts would overflow.
    ///
    /// ```
    /// use cchc::{Comparison, Counts, Lever};
    /// let now = Counts::new(90, 300)?;
    /// assert_eq!(Lever::Convert.apply(now, Comparison::AtLeast, 15), Some(Counts::new(105, 300)?));
    /// assert_eq!(Lever::Add.apply(now, Comparison::AtLeast, 24), Some(Counts::new(114, 324)?));
    /// assert_eq!(Lever::Convert.apply(now, Comparison::AtLeast, 211), None);
    /// # Ok::<(), cchc::Error>(())
    /// ```
    #[must_use]
    pub fn apply(self, counts: Counts, comparison: Comparison, records: u64) -> Option<Counts> {
        let (g, n) = (counts.numerator(), counts.denominator());
        let (g, n) = match (self, comparison) {
            (Self::Convert, Comparison::AtLeast) => (g.checked_add(records)?, n),
            (Self::Add, Comparison::AtLeast) => (g.checked_add(records)?, n.checked_add(records)?),
            (Self::Convert, Comparison::AtMost) => (g.checked_sub(records)?, n),
            (Self::Add, Comparison::AtMost) => (g, n.checked_add(records)?),
        };
        Counts::new(g, n).ok()
    }
}

/// How many records a lever needs, or that no number will do.
///
/// Serialises as a number, or `null` when impossible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Records {
    /// Exactly this many records (0 when the target is already met).
    Needed(u64),
    /// No number of records representable in `u64` counts meets the target.
    Impossible,
}

impl Records {
    /// The number of records, or `None` when impossible.
    #[must_use]
    pub const fn needed(&self) -> Option<u64> {
        match self {
            Self::Needed(k) => Some(*k),
            Self::Impossible => None,
        }
    }
}

impl Serialize for Records {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.needed().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Records {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<u64>::deserialize(deserializer)?.map_or(Self::Impossible, Self::Needed))
    }
}

/// The records short of a rate target under both levers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Shortfall {
    /// Existing records to convert (or, for "at most", to fix).
    pub convert: Records,
    /// New records to add.
    pub add: Records,
}

fn div_ceil(num: u128, den: u128) -> u128 {
    num.div_ceil(den)
}

fn fits(k: u128, room: u64) -> Records {
    match u64::try_from(k) {
        Ok(k) if k <= room => Records::Needed(k),
        _ => Records::Impossible,
    }
}

impl RateTarget {
    /// The records needed under `lever` for `counts` to meet this target; `None` when nothing
    /// arose in scope (a zero denominator has no rate to raise).
    ///
    /// ```
    /// use cchc::{Counts, Lever, Percent, RateTarget, Records};
    /// use rust_decimal_macros::dec;
    /// let target = RateTarget::at_least(Percent::new(dec!(35))?);
    /// let now = Counts::new(90, 300)?;
    /// assert_eq!(target.records_needed(&now, Lever::Convert), Some(Records::Needed(15)));
    /// assert_eq!(target.records_needed(&now, Lever::Add), Some(Records::Needed(24)));
    /// let all = RateTarget::at_least(Percent::HUNDRED);
    /// assert_eq!(all.records_needed(&now, Lever::Add), Some(Records::Impossible));
    /// # Ok::<(), cchc::Error>(())
    /// ```
    #[must_use]
    pub fn records_needed(&self, counts: &Counts, lever: Lever) -> Option<Records> {
        if counts.is_not_applicable() {
            return None;
        }
        let (p, q) = self.percent().fraction();
        let (g64, n64) = (counts.numerator(), counts.denominator());
        let (g, n) = (u128::from(g64), u128::from(n64));
        let has = g * q; // numerator side, scaled
        let wants = p * n; // target side, scaled
        Some(match (self.comparison(), lever) {
            (Comparison::AtLeast, Lever::Convert) => {
                let for_rate = div_ceil(wants, q).saturating_sub(g);
                let for_count = u128::from(self.min_count().unwrap_or(0)).saturating_sub(g);
                fits(for_rate.max(for_count), n64 - g64)
            }
            (Comparison::AtLeast, Lever::Add) => {
                let for_count = u128::from(self.min_count().unwrap_or(0)).saturating_sub(g);
                let for_rate = if has >= wants {
                    Some(0)
                } else if p == q {
                    None
                } else {
                    Some(div_ceil(wants - has, q - p))
                };
                match for_rate {
                    Some(k) => fits(k.max(for_count), u64::MAX - n64),
                    None => Records::Impossible,
                }
            }
            (Comparison::AtMost, Lever::Convert) => fits(g.saturating_sub(wants / q), g64),
            (Comparison::AtMost, Lever::Add) => {
                if has <= wants {
                    Records::Needed(0)
                } else if p == 0 {
                    Records::Impossible
                } else {
                    fits(div_ceil(has - wants, p), u64::MAX - n64)
                }
            }
        })
    }

    /// The shortfall under both levers; `None` when nothing arose in scope.
    #[must_use]
    pub fn shortfall(&self, counts: &Counts) -> Option<Shortfall> {
        Some(Shortfall {
            convert: self.records_needed(counts, Lever::Convert)?,
            add: self.records_needed(counts, Lever::Add)?,
        })
    }

    /// The attainment ratio: min(1, rate ÷ target) for "at least" (1 for a 0% target),
    /// min(1, target ÷ rate) for "at most" (1 for a rate of 0).
    #[must_use]
    pub fn ratio(&self, rate: &Rate) -> Decimal {
        let (p, q) = self.percent().fraction();
        let g = u128::from(rate.numerator());
        let n = u128::from(rate.denominator());
        let (num, den) = match self.comparison() {
            Comparison::AtLeast => (g * q, n * p),
            Comparison::AtMost => (n * p, g * q),
        };
        if num >= den {
            return Decimal::ONE;
        }
        // num < den <= 1.8e25 here: both fit in a Decimal.
        match (i128::try_from(num), i128::try_from(den)) {
            (Ok(num), Ok(den)) => Decimal::from_i128_with_scale(num, 0)
                .checked_div(Decimal::from_i128_with_scale(den, 0))
                .unwrap_or(Decimal::ZERO),
            _ => Decimal::ZERO,
        }
    }
}

/// Whether a plan item is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// The target is met (đạt).
    Met,
    /// The target is not met (không đạt).
    NotMet,
    /// Nothing arose in scope (không phát sinh).
    NotApplicable,
    /// Nothing was reported.
    Missing,
    /// Not met yet, but still open at the date asked about: a deadline whose last on-time day
    /// has not passed, a window not yet over, a frequency with periods still open and none
    /// missed (see [`Target::attain_at`]).
    Pending,
}

/// A rate against its target, in every figure an official asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateAttainment {
    /// The exact rate.
    pub rate: Rate,
    /// The rate in percent, rounded by the policy.
    pub percent: Decimal,
    /// Rate minus target, in percentage points, rounded by the policy (negative when below).
    pub gap_points: Decimal,
    /// min(1, rate ÷ target) (see [`RateTarget::ratio`]).
    pub ratio: Decimal,
    /// Records short under both levers (zeros when met).
    pub shortfall: Shortfall,
}

impl RateAttainment {
    /// Every figure of `counts` (denominator > 0) against `target`.
    ///
    /// # Errors
    /// [`Error::ZeroDenominator`] when nothing arose in scope.
    pub fn new(target: &RateTarget, counts: &Counts, rounding: &Rounding) -> Result<Self> {
        let rate = Rate::new(counts.numerator(), counts.denominator())?;
        let shortfall = target.shortfall(counts).ok_or(Error::ZeroDenominator)?;
        let (p, q) = target.percent().fraction();
        let has = u128::from(rate.numerator()) * q;
        let wants = p * u128::from(rate.denominator());
        let scale = u128::from(rate.denominator()) * q;
        let gap_points =
            rounding.round_signed_ratio(has < wants, 100 * has.abs_diff(wants), scale)?;
        Ok(Self {
            percent: rate.percent(rounding)?,
            gap_points,
            ratio: target.ratio(&rate),
            rate,
            shortfall,
        })
    }
}

/// When work with a deadline was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
#[non_exhaustive]
pub enum DeadlineOutcome {
    /// Done on or before the last on-time day.
    OnTime {
        /// The day it was done.
        done_on: NaiveDate,
    },
    /// Done after the last on-time day.
    Late {
        /// The day it was done.
        done_on: NaiveDate,
        /// Days past the last on-time day.
        days_late: i64,
    },
    /// Not done.
    NotDone,
}

/// When something with a window was held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
#[non_exhaustive]
pub enum WindowOutcome {
    /// Held inside the window (the first such date).
    Inside {
        /// The first date held inside the window.
        held_on: NaiveDate,
    },
    /// Held, but only outside the window (the first date given).
    Outside {
        /// The first date held.
        held_on: NaiveDate,
    },
    /// Not held.
    NotHeld,
}

/// Periods of a frequency with at least one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FrequencyOutcome {
    /// Periods with at least one event.
    pub covered: u32,
    /// Periods in all.
    pub required: u32,
}

/// What was observed of a plan item (when something was reported).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Evidence {
    /// Counts, for a rate target.
    Counts(Counts),
    /// A count, for a count target.
    Count(u64),
    /// The day the work was done, or `None` when not done, for a deadline.
    Completed(Option<NaiveDate>),
    /// The days something was held, for a window or a frequency.
    Held(Vec<NaiveDate>),
    /// Done or not.
    Done(bool),
    /// Points given by an assessor.
    Points(Decimal),
    /// A named category (for a category rule).
    Category(String),
}

impl Evidence {
    /// What this evidence is, in words, for error messages.
    #[must_use]
    pub const fn describe(&self) -> &'static str {
        match self {
            Self::Counts(_) => "counts",
            Self::Count(_) => "a count",
            Self::Completed(_) => "a completion date",
            Self::Held(_) => "dates held",
            Self::Done(_) => "done / not done",
            Self::Points(_) => "assessor points",
            Self::Category(_) => "a category",
        }
    }
}

/// The figures behind an [`Attainment`], by kind of target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Detail {
    /// Nothing to show: not applicable or missing.
    None,
    /// A rate.
    Rate(RateAttainment),
    /// A count against the least count.
    Count {
        /// The count observed.
        count: u64,
        /// The least count that meets the target.
        required: u64,
    },
    /// A deadline.
    Deadline(DeadlineOutcome),
    /// A window.
    Window(WindowOutcome),
    /// A frequency.
    Frequency(FrequencyOutcome),
    /// Done or not.
    Done(bool),
}

/// Where a plan item stands: met or not, and the figures that say why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attainment {
    /// Met, not met, not applicable or missing.
    pub status: Status,
    /// The figures behind the status.
    pub detail: Detail,
}

impl Attainment {
    const fn of(met: bool, detail: Detail) -> Self {
        Self {
            status: if met { Status::Met } else { Status::NotMet },
            detail,
        }
    }
}

impl Target {
    /// Where `observed` stands against this target.
    ///
    /// ```
    /// use cchc::{Counts, Detail, Evidence, Observed, Percent, RateTarget, Records, Rounding, Status, Target};
    /// use rust_decimal_macros::dec;
    /// let target = Target::Rate(RateTarget::at_least(Percent::new(dec!(35))?));
    /// let seen = Observed::Reported(Evidence::Counts(Counts::new(90, 300)?));
    /// let result = target.attain(&seen, &Rounding::default())?;
    /// assert_eq!(result.status, Status::NotMet);
    /// let Detail::Rate(rate) = result.detail else { unreachable!() };
    /// assert_eq!(rate.percent, dec!(30.00));
    /// assert_eq!(rate.gap_points, dec!(-5.00));
    /// assert_eq!(rate.shortfall.convert, Records::Needed(15));
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::EvidenceMismatch`] when the evidence is not of the kind the target measures.
    pub fn attain(&self, observed: &Observed<Evidence>, rounding: &Rounding) -> Result<Attainment> {
        let evidence = match observed {
            Observed::Reported(evidence) => evidence,
            Observed::NotApplicable => {
                return Ok(Attainment {
                    status: Status::NotApplicable,
                    detail: Detail::None,
                });
            }
            Observed::Missing => {
                return Ok(Attainment {
                    status: Status::Missing,
                    detail: Detail::None,
                });
            }
        };
        match (self, evidence) {
            (Self::Rate(target), Evidence::Counts(counts)) => match target.is_met(counts) {
                None => Ok(Attainment {
                    status: Status::NotApplicable,
                    detail: Detail::None,
                }),
                Some(met) => Ok(Attainment::of(
                    met,
                    Detail::Rate(RateAttainment::new(target, counts, rounding)?),
                )),
            },
            (Self::Count(target), Evidence::Count(count)) => Ok(Attainment::of(
                target.is_met(*count),
                Detail::Count {
                    count: *count,
                    required: target.at_least,
                },
            )),
            (Self::Deadline(deadline), Evidence::Completed(done_on)) => {
                let outcome = match done_on {
                    None => DeadlineOutcome::NotDone,
                    Some(d) if deadline.is_on_time(*d) => DeadlineOutcome::OnTime { done_on: *d },
                    Some(d) => DeadlineOutcome::Late {
                        done_on: *d,
                        days_late: deadline.days_late(*d),
                    },
                };
                let met = matches!(outcome, DeadlineOutcome::OnTime { .. });
                Ok(Attainment::of(met, Detail::Deadline(outcome)))
            }
            (Self::Window(window), Evidence::Held(dates)) => {
                let outcome = match dates.iter().find(|d| window.contains(**d)) {
                    Some(d) => WindowOutcome::Inside { held_on: *d },
                    None => match dates.first() {
                        Some(d) => WindowOutcome::Outside { held_on: *d },
                        None => WindowOutcome::NotHeld,
                    },
                };
                let met = matches!(outcome, WindowOutcome::Inside { .. });
                Ok(Attainment::of(met, Detail::Window(outcome)))
            }
            (Self::Frequency(frequency), Evidence::Held(dates)) => {
                let outcome = FrequencyOutcome {
                    covered: frequency.covered(dates),
                    required: frequency.required(),
                };
                Ok(Attainment::of(
                    outcome.covered >= outcome.required,
                    Detail::Frequency(outcome),
                ))
            }
            (Self::Done, Evidence::Done(done)) => Ok(Attainment::of(*done, Detail::Done(*done))),
            (target, evidence) => Err(Error::EvidenceMismatch {
                expected: match target {
                    Self::Rate(_) => "counts",
                    Self::Count(_) => "a count",
                    Self::Deadline(_) => "a completion date",
                    Self::Window(_) | Self::Frequency(_) => "dates held",
                    Self::Done => "done / not done",
                },
                found: evidence.describe(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::Percent;
    use rust_decimal_macros::dec;

    fn at_least(p: Decimal) -> RateTarget {
        RateTarget::at_least(Percent::new(p).unwrap())
    }

    #[test]
    fn plan_md_example_shortfalls() {
        let counts = Counts::new(90, 300).unwrap();
        let s = at_least(dec!(35)).shortfall(&counts).unwrap();
        assert_eq!(s.convert, Records::Needed(15));
        assert_eq!(s.add, Records::Needed(24));
    }

    #[test]
    fn min_count_drives_the_shortfall() {
        let t = at_least(dec!(20)).with_min_count(10).unwrap();
        let counts = Counts::new(5, 20).unwrap(); // 25% but only 5
        assert_eq!(
            t.records_needed(&counts, Lever::Convert),
            Some(Records::Needed(5))
        );
        assert_eq!(
            t.records_needed(&counts, Lever::Add),
            Some(Records::Needed(5))
        );
        let small = Counts::new(2, 8).unwrap(); // cannot reach 10 of 8 by converting
        assert_eq!(
            t.records_needed(&small, Lever::Convert),
            Some(Records::Impossible)
        );
    }

    #[test]
    fn at_most_levers() {
        let t = RateTarget::at_most(Percent::new(dec!(10)).unwrap());
        let counts = Counts::new(15, 100).unwrap();
        assert_eq!(
            t.records_needed(&counts, Lever::Convert),
            Some(Records::Needed(5))
        );
        assert_eq!(
            t.records_needed(&counts, Lever::Add),
            Some(Records::Needed(50))
        );
        let zero = RateTarget::at_most(Percent::ZERO);
        assert_eq!(
            zero.records_needed(&counts, Lever::Add),
            Some(Records::Impossible)
        );
        assert_eq!(
            zero.records_needed(&counts, Lever::Convert),
            Some(Records::Needed(15))
        );
    }

    #[test]
    fn ratio_is_capped_and_defined_for_zero_target() {
        let rate = Rate::new(90, 300).unwrap();
        assert_eq!(at_least(dec!(0)).ratio(&rate), Decimal::ONE);
        assert_eq!(at_least(dec!(30)).ratio(&rate), Decimal::ONE);
        assert_eq!(at_least(dec!(60)).ratio(&rate), dec!(0.5));
    }

    #[test]
    fn mismatched_evidence_is_an_error() {
        let err = Target::Done
            .attain(
                &Observed::Reported(Evidence::Count(3)),
                &Rounding::default(),
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "a count does not fit a target measured by done / not done"
        );
    }

    #[test]
    fn records_serialise_as_number_or_null() {
        let s = Shortfall {
            convert: Records::Needed(15),
            add: Records::Impossible,
        };
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, r#"{"convert":15,"add":null}"#);
        assert_eq!(serde_json::from_str::<Shortfall>(&json).unwrap(), s);
    }
}
