//! The exact rate of a set of counts.
//!
//! A [`Rate`] is the fraction `numerator / denominator` itself, not a float and not a rounded
//! decimal: comparisons between rates and with targets are exact integer comparisons. Its
//! [`value`](Rate::value) is the nearest [`Decimal`] (28 significant digits); its
//! [`percent`](Rate::percent) is that value × 100 rounded by a named [`Rounding`] policy, for
//! display only.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::counts::Counts;
use super::rounding::Rounding;
use crate::error::{Error, Reason, Result};

/// An exact ratio of whole numbers between 0 and 1 (tỷ lệ).
///
/// ```
/// use cchc::Rounding;
/// use cchc::rate::Rate;
/// use rust_decimal_macros::dec;
/// let rate = Rate::new(1, 3)?;
/// assert_eq!(rate.percent(&Rounding::default())?, dec!(33.33));
/// assert_eq!(Rate::new(2, 6)?, rate); // equal as fractions
/// assert!(Rate::new(1, 0).is_err());
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(try_from = "Counts", into = "Counts")]
pub struct Rate {
    numerator: u64,
    denominator: u64,
}

impl TryFrom<Counts> for Rate {
    type Error = Error;
    fn try_from(counts: Counts) -> Result<Self> {
        Self::new(counts.numerator(), counts.denominator())
    }
}

impl From<Rate> for Counts {
    fn from(rate: Rate) -> Self {
        // A rate always has numerator <= denominator, so these counts are valid.
        Counts::new(rate.numerator, rate.denominator).unwrap_or(Counts::ZERO)
    }
}

impl Counts {
    /// The exact rate, or `None` when nothing arose in scope (a zero denominator).
    ///
    /// ```
    /// use cchc::Counts;
    /// use cchc::rate::Rate;
    /// assert_eq!(Counts::new(90, 300)?.rate(), Some(Rate::new(3, 10)?));
    /// assert_eq!(Counts::new(0, 0)?.rate(), None);
    /// # Ok::<(), cchc::Error>(())
    /// ```
    #[must_use]
    pub fn rate(&self) -> Option<Rate> {
        Rate::new(self.numerator(), self.denominator()).ok()
    }
}

impl Rate {
    /// The rate `numerator / denominator`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) when `denominator` is zero (không phát sinh has no rate);
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) when `numerator > denominator`.
    pub fn new(numerator: u64, denominator: u64) -> Result<Self> {
        if denominator == 0 {
            return Err(Error::from(Reason::ZeroDenominator));
        }
        let counts = Counts::new(numerator, denominator)?;
        Ok(Self {
            numerator: counts.numerator(),
            denominator: counts.denominator(),
        })
    }

    /// `numerator / denominator` clamped into a valid rate (numerator at most the denominator,
    /// denominator at least 1), for callers that already know both are valid.
    pub(crate) fn clamped(numerator: u64, denominator: u64) -> Self {
        let denominator = denominator.max(1);
        Self {
            numerator: numerator.min(denominator),
            denominator,
        }
    }

    /// The numerator, as given.
    #[must_use]
    pub const fn numerator(&self) -> u64 {
        self.numerator
    }

    /// The denominator, as given (never zero).
    #[must_use]
    pub const fn denominator(&self) -> u64 {
        self.denominator
    }

    /// The nearest decimal to the rate, between 0 and 1 (exact when the fraction terminates
    /// within 28 significant digits).
    #[must_use]
    pub fn value(&self) -> Decimal {
        // Both fit in a Decimal and the denominator is not zero, so the division succeeds.
        Decimal::from(self.numerator)
            .checked_div(Decimal::from(self.denominator))
            .unwrap_or(Decimal::ZERO)
    }

    /// The rate in percent, rounded by `rounding` from the exact fraction.
    ///
    /// # Errors
    /// None in practice: [`ErrorKind::Limit`](crate::ErrorKind::Limit) is impossible for `u64` counts and the supported
    /// rounding policies; it is returned rather than panicking.
    pub fn percent(&self, rounding: &Rounding) -> Result<Decimal> {
        rounding.round_ratio(
            u128::from(self.numerator) * 100,
            u128::from(self.denominator),
        )
    }

    /// Whether the rate is 1 (every record meets the measure).
    #[must_use]
    pub const fn is_full(&self) -> bool {
        self.numerator == self.denominator
    }
}

impl PartialEq for Rate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Rate {}

impl PartialOrd for Rate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Rate {
    fn cmp(&self, other: &Self) -> Ordering {
        let lhs = u128::from(self.numerator) * u128::from(other.denominator);
        let rhs = u128::from(other.numerator) * u128::from(self.denominator);
        lhs.cmp(&rhs)
    }
}

impl std::fmt::Display for Rate {
    /// `90/300`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn compares_as_fractions() {
        assert!(Rate::new(1, 3).unwrap() < Rate::new(34, 100).unwrap());
        assert_eq!(
            Rate::new(u64::MAX, u64::MAX).unwrap(),
            Rate::new(1, 1).unwrap()
        );
    }

    #[test]
    fn percent_rounds_from_the_fraction() {
        let p = Rounding::default();
        assert_eq!(Rate::new(2, 3).unwrap().percent(&p).unwrap(), dec!(66.67));
        assert_eq!(
            Rate::new(9993, 20000).unwrap().percent(&p).unwrap(),
            dec!(49.97)
        );
        assert_eq!(
            Rate::new(1, 1).unwrap().percent(&p).unwrap().to_string(),
            "100.00"
        );
    }

    #[test]
    fn value_is_between_zero_and_one() {
        assert_eq!(Rate::new(0, 7).unwrap().value(), Decimal::ZERO);
        assert_eq!(Rate::new(7, 7).unwrap().value(), Decimal::ONE);
    }

    #[test]
    fn serde_is_counts() {
        let json = serde_json::to_string(&Rate::new(3, 4).unwrap()).unwrap();
        assert_eq!(json, r#"{"numerator":3,"denominator":4}"#);
        assert!(serde_json::from_str::<Rate>(r#"{"numerator":0,"denominator":0}"#).is_err());
    }
}
