//! Shortfalls: how many records a rate is short of its target, under two levers.
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

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::target::{Comparison, RateTarget};
use crate::error::{Error, Reason, Result};
use crate::rate::{Counts, Rate, Rounding};

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
    /// use cchc::Counts;
    /// use cchc::rule::{Comparison, Lever};
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
///
/// The two states are all there are (the enum is deliberately exhaustive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Records {
    /// Exactly this many records (0 when the target is already met).
    Needed(u64),
    /// No number of records representable in `u64` counts meets the target.
    Impossible,
}

impl Shortfall {
    /// The records short under each lever.
    #[must_use]
    pub const fn new(convert: Records, add: Records) -> Self {
        Self { convert, add }
    }
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
#[non_exhaustive]
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
    /// use cchc::{Counts, Percent};
    /// use cchc::rule::{Lever, RateTarget, Records};
    /// use rust_decimal_macros::dec;
    /// let target = RateTarget::at_least(Percent::new(dec!(35))?)?;
    /// let now = Counts::new(90, 300)?;
    /// assert_eq!(target.records_needed(&now, Lever::Convert), Some(Records::Needed(15)));
    /// assert_eq!(target.records_needed(&now, Lever::Add), Some(Records::Needed(24)));
    /// let all = RateTarget::FULL;
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

/// A rate against its target, in every figure an official asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
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
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) when nothing arose in
    /// scope (a zero denominator has no rate).
    pub fn new(target: &RateTarget, counts: &Counts, rounding: &Rounding) -> Result<Self> {
        let rate = Rate::new(counts.numerator(), counts.denominator())?;
        let shortfall = target
            .shortfall(counts)
            .ok_or_else(|| Error::from(Reason::ZeroDenominator))?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rate::Percent;
    use rust_decimal_macros::dec;

    fn at_least(p: Decimal) -> RateTarget {
        RateTarget::at_least(Percent::new(p).unwrap()).unwrap()
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
        let t = RateTarget::at_most(Percent::new(dec!(10)).unwrap()).unwrap();
        let counts = Counts::new(15, 100).unwrap();
        assert_eq!(
            t.records_needed(&counts, Lever::Convert),
            Some(Records::Needed(5))
        );
        assert_eq!(
            t.records_needed(&counts, Lever::Add),
            Some(Records::Needed(50))
        );
        let zero = RateTarget::at_most(Percent::ZERO).unwrap();
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
    fn ratio_is_capped() {
        let rate = Rate::new(90, 300).unwrap();
        assert_eq!(at_least(dec!(30)).ratio(&rate), Decimal::ONE);
        assert_eq!(at_least(dec!(60)).ratio(&rate), dec!(0.5));
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
