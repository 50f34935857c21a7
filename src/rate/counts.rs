//! Raw counts and the three states of an observation.
//!
//! A ward keeps whole numbers: dossiers received and dossiers filed online, results still valid
//! and results digitised, đồng allocated and đồng disbursed. [`Counts`] holds one such pair and
//! refuses a numerator above its denominator. [`Observed`] says whether a value was reported at
//! all: *không phát sinh* (nothing arose in scope) and *not reported* are different facts, and
//! neither is a rate of 0.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Reason, Result};

/// A numerator and a denominator of whole records (or đồng), numerator ≤ denominator.
///
/// A zero denominator is allowed: it means nothing arose in scope (*không phát sinh*), and such
/// counts have no rate ([`Counts::rate`] is `None`).
///
/// ```
/// use cchc::Counts;
/// let digitised = Counts::new(90, 300)?;
/// assert_eq!(digitised.numerator(), 90);
/// assert!(Counts::new(0, 0)?.rate().is_none());
/// assert!(Counts::new(301, 300).is_err());
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawCounts")]
pub struct Counts {
    numerator: u64,
    denominator: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCounts {
    numerator: u64,
    denominator: u64,
}

impl TryFrom<RawCounts> for Counts {
    type Error = Error;
    fn try_from(raw: RawCounts) -> Result<Self> {
        Self::new(raw.numerator, raw.denominator)
    }
}

impl Counts {
    /// Counts of `numerator` records meeting the measure out of `denominator` in scope.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) when `numerator > denominator`.
    pub fn new(numerator: u64, denominator: u64) -> Result<Self> {
        if numerator > denominator {
            return Err(Error::from(Reason::NumeratorExceedsDenominator {
                numerator,
                denominator,
            }));
        }
        Ok(Self {
            numerator,
            denominator,
        })
    }

    /// No records in scope: 0 of 0.
    pub const ZERO: Self = Self {
        numerator: 0,
        denominator: 0,
    };

    /// Records meeting the measure.
    #[must_use]
    pub const fn numerator(&self) -> u64 {
        self.numerator
    }

    /// Records in scope.
    #[must_use]
    pub const fn denominator(&self) -> u64 {
        self.denominator
    }

    /// Records in scope that do not (yet) meet the measure.
    #[must_use]
    pub const fn remaining(&self) -> u64 {
        self.denominator - self.numerator
    }

    /// Whether nothing arose in scope (*không phát sinh*): a zero denominator.
    #[must_use]
    pub const fn is_not_applicable(&self) -> bool {
        self.denominator == 0
    }

    /// These counts as an observation: [`Observed::NotApplicable`] when the denominator is zero,
    /// else [`Observed::Reported`].
    #[must_use]
    pub const fn observed(self) -> Observed<Self> {
        if self.denominator == 0 {
            Observed::NotApplicable
        } else {
            Observed::Reported(self)
        }
    }

    /// The sum of two sets of counts, as when months or wards are added up (a ratio of sums).
    ///
    /// # Errors
    /// [`ErrorKind::Limit`](crate::ErrorKind::Limit) when a sum leaves `u64`.
    pub fn checked_add(self, other: Self) -> Result<Self> {
        let overflow = || {
            Error::from(Reason::Overflow {
                what: "a sum of counts",
            })
        };
        Ok(Self {
            numerator: self
                .numerator
                .checked_add(other.numerator)
                .ok_or_else(overflow)?,
            denominator: self
                .denominator
                .checked_add(other.denominator)
                .ok_or_else(overflow)?,
        })
    }
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

/// Whether a value was reported, and if not, why not.
///
/// The three states never collapse into one another: a ward that reports *không phát sinh*
/// has told you something; a ward that reports nothing has not.
///
/// ```
/// use cchc::{Counts, Observed};
/// assert_eq!(Counts::new(0, 0)?.observed(), Observed::NotApplicable);
/// let reported = Counts::new(3, 4)?.observed();
/// assert!(matches!(reported, Observed::Reported(_)));
/// assert_ne!(Observed::<Counts>::Missing, Observed::NotApplicable);
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Observed<T> {
    /// A value was reported.
    Reported(T),
    /// Nothing arose in scope (*không phát sinh*).
    NotApplicable,
    /// Nothing was reported.
    Missing,
}

impl<T> Observed<T> {
    /// The reported value, if any.
    pub const fn reported(&self) -> Option<&T> {
        match self {
            Self::Reported(value) => Some(value),
            Self::NotApplicable | Self::Missing => None,
        }
    }

    /// Maps the reported value, keeping the other two states.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Observed<U> {
        match self {
            Self::Reported(value) => Observed::Reported(f(value)),
            Self::NotApplicable => Observed::NotApplicable,
            Self::Missing => Observed::Missing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_show_as_a_fraction() {
        assert_eq!(Counts::new(3, 10).unwrap().to_string(), "3/10");
        assert_eq!(Counts::ZERO.to_string(), "0/0");
    }

    #[test]
    fn refuses_numerator_above_denominator() {
        let err = Counts::new(11, 10).unwrap_err();
        assert_eq!(err.to_string(), "numerator 11 exceeds denominator 10");
    }

    #[test]
    fn zero_denominator_is_not_applicable_not_zero_rate() {
        let none = Counts::new(0, 0).unwrap();
        assert!(none.rate().is_none());
        assert_eq!(none.observed(), Observed::NotApplicable);
    }

    #[test]
    fn deserialising_validates() {
        let err = serde_json::from_str::<Counts>(r#"{"numerator": 5, "denominator": 4}"#);
        assert!(err.unwrap_err().to_string().contains("exceeds"));
    }

    #[test]
    fn sums_are_checked() {
        let big = Counts::new(u64::MAX, u64::MAX).unwrap();
        assert!(big.checked_add(Counts::new(1, 1).unwrap()).is_err());
        let sum = Counts::new(1, 2)
            .unwrap()
            .checked_add(Counts::new(3, 4).unwrap());
        assert_eq!(sum.unwrap(), Counts::new(4, 6).unwrap());
    }
}
