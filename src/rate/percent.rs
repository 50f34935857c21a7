//! Percentages: targets between 0 and 100.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Reason, Result};

/// A percentage between 0 and 100 inclusive, with at most [`Percent::MAX_DECIMALS`] decimals.
///
/// Serialises as a decimal string (`"35"`); reads numbers and strings alike.
///
/// ```
/// use cchc::Percent;
/// use rust_decimal_macros::dec;
/// let p = Percent::new(dec!(35))?;
/// assert_eq!(p.value(), dec!(35));
/// assert!(Percent::new(dec!(100.5)).is_err());
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "Decimal")]
pub struct Percent(Decimal);

impl<'de> Deserialize<'de> for Percent {
    /// From a string or a whole number (never a float), checked as [`Percent::new`] checks.
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        Self::new(crate::decimal::strict(deserializer)?).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<Decimal> for Percent {
    type Error = Error;
    fn try_from(value: Decimal) -> Result<Self> {
        Self::new(value)
    }
}

impl From<Percent> for Decimal {
    fn from(p: Percent) -> Self {
        p.0
    }
}

impl Percent {
    /// The most decimals a percentage may have (33.3333%).
    pub const MAX_DECIMALS: u32 = 4;
    /// 0%.
    pub const ZERO: Self = Self(Decimal::ZERO);
    /// 100%.
    pub const HUNDRED: Self = Self(Decimal::ONE_HUNDRED);

    /// A percentage.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) outside 0–100; [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) with more
    /// than [`Percent::MAX_DECIMALS`] decimals.
    pub fn new(value: Decimal) -> Result<Self> {
        if value.is_sign_negative() && !value.is_zero() || value > Decimal::ONE_HUNDRED {
            return Err(Error::from(Reason::PercentOutOfRange { value }));
        }
        let value = value.normalize();
        if value.scale() > Self::MAX_DECIMALS {
            return Err(Error::from(Reason::TooManyDecimalPlaces {
                what: "percentage",
                value,
                limit: Self::MAX_DECIMALS,
            }));
        }
        Ok(Self(value.abs()))
    }

    /// The percentage, e.g. `35` for 35%.
    #[must_use]
    pub const fn value(&self) -> Decimal {
        self.0
    }

    /// The percentage as an exact fraction of 1: `(p, q)` with the percentage = p / q × 100.
    #[must_use]
    pub(crate) fn fraction(&self) -> (u128, u128) {
        // Valid percentages are non-negative with scale <= 4, so the mantissa fits.
        let mantissa = u128::try_from(self.0.mantissa()).unwrap_or(0);
        (mantissa, 100 * 10u128.pow(self.0.scale()))
    }
}

impl std::fmt::Display for Percent {
    /// `35%`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}%", self.0)
    }
}
