//! The rounding policy: the one place where the crate rounds.
//!
//! No official rounding rule for the CCHC index was found, so rounding is a setting. The default
//! is two decimals, half away from zero, applied to each criterion's points before they are
//! summed, and to every displayed percentage. Targets are judged on exact values, never on the
//! rounded ones.
//!
//! Rounding works on exact ratios of whole numbers (`num / den`), so a value such as
//! 5 × 30/35 = 4.2857… is rounded from the fraction itself, not from a truncated decimal.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Reason, Result};

/// 10⁰ … 10²⁸: every scale a `Decimal` has, and every number of decimals a policy keeps.
pub(crate) const POW10: [u128; 29] = {
    let mut table = [1u128; 29];
    let mut i = 1;
    while i < 29 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// 10 to the power `exponent`, for exponents up to 28.
pub(crate) fn pow10(exponent: u32) -> Option<u128> {
    POW10.get(usize::try_from(exponent).ok()?).copied()
}

/// How a value halfway (or any way) between two representable values is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum RoundingMode {
    /// 4.285 → 4.29, 4.284 → 4.28 (làm tròn thông thường). The default.
    #[default]
    HalfAwayFromZero,
    /// Banker's rounding: 4.285 → 4.28, 4.275 → 4.28.
    HalfEven,
    /// Truncate: 4.289 → 4.28.
    TowardZero,
    /// Any remainder rounds up: 4.281 → 4.29.
    AwayFromZero,
}

/// A named rounding policy: how many decimals, and which [`RoundingMode`].
///
/// ```
/// use cchc::Rounding;
/// use cchc::rate::RoundingMode;
/// use rust_decimal_macros::dec;
/// let policy = Rounding::default();
/// assert_eq!(policy.decimals(), 2);
/// assert_eq!(policy.round(dec!(4.285)), dec!(4.29));
/// let bankers = Rounding::new(2, RoundingMode::HalfEven)?;
/// assert_eq!(bankers.round(dec!(4.285)), dec!(4.28));
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawRounding")]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Rounding {
    decimals: u32,
    mode: RoundingMode,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
struct RawRounding {
    decimals: u32,
    #[serde(default)]
    mode: RoundingMode,
}

impl TryFrom<RawRounding> for Rounding {
    type Error = Error;
    fn try_from(raw: RawRounding) -> Result<Self> {
        Self::new(raw.decimals, raw.mode)
    }
}

impl Default for Rounding {
    fn default() -> Self {
        Self {
            decimals: 2,
            mode: RoundingMode::HalfAwayFromZero,
        }
    }
}

impl Rounding {
    /// The most decimals a policy may keep.
    pub const MAX_DECIMALS: u32 = 6;

    /// A policy keeping `decimals` decimals, settled by `mode`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) when `decimals` exceeds [`Rounding::MAX_DECIMALS`].
    pub fn new(decimals: u32, mode: RoundingMode) -> Result<Self> {
        if decimals > Self::MAX_DECIMALS {
            return Err(Error::from(Reason::RoundingTooFine {
                decimals,
                limit: Self::MAX_DECIMALS,
            }));
        }
        Ok(Self { decimals, mode })
    }

    /// Decimals kept.
    #[must_use]
    pub const fn decimals(&self) -> u32 {
        self.decimals
    }

    /// How ties and remainders are settled.
    #[must_use]
    pub const fn mode(&self) -> RoundingMode {
        self.mode
    }

    /// Rounds a decimal by this policy (sign-symmetric).
    #[must_use]
    pub fn round(&self, value: Decimal) -> Decimal {
        let strategy = match self.mode {
            RoundingMode::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::TowardZero => RoundingStrategy::ToZero,
            RoundingMode::AwayFromZero => RoundingStrategy::AwayFromZero,
        };
        let mut rounded = value.round_dp_with_strategy(self.decimals, strategy);
        rounded.rescale(self.decimals);
        rounded
    }

    /// Rounds the exact ratio `num / den` (both ≥ 0, `den` > 0) by this policy.
    ///
    /// # Errors
    /// [`ErrorKind::Limit`](crate::ErrorKind::Limit) when `den` is zero or the result leaves the decimal range.
    pub(crate) fn round_ratio(&self, num: u128, den: u128) -> Result<Decimal> {
        let overflow = || {
            Error::from(Reason::Overflow {
                what: "a rounded ratio",
            })
        };
        if den == 0 {
            return Err(overflow());
        }
        let scaled = num
            .checked_mul(pow10(self.decimals).ok_or_else(overflow)?)
            .ok_or_else(overflow)?;
        // Most ratios fit in 64 bits, where division is one instruction, not a library call.
        let (quotient, remainder) = match (u64::try_from(scaled), u64::try_from(den)) {
            (Ok(n), Ok(d)) => (u128::from(n / d), u128::from(n % d)),
            _ => (scaled / den, scaled % den),
        };
        let twice = remainder.checked_mul(2).ok_or_else(overflow)?;
        let up = match self.mode {
            RoundingMode::HalfAwayFromZero => twice >= den,
            RoundingMode::HalfEven => twice > den || (twice == den && quotient % 2 == 1),
            RoundingMode::TowardZero => false,
            RoundingMode::AwayFromZero => remainder > 0,
        };
        let mantissa = quotient + u128::from(up);
        let mantissa = i128::try_from(mantissa).map_err(|_| overflow())?;
        Decimal::try_from_i128_with_scale(mantissa, self.decimals).map_err(|_| overflow())
    }

    /// Rounds the exact ratio `num / den` to a whole number, halves away from zero, whatever
    /// the display policy: the rule for whole records (projected counts).
    ///
    /// # Errors
    /// [`ErrorKind::Limit`](crate::ErrorKind::Limit) when `den` is zero or the result leaves `u64`.
    pub(crate) fn round_whole(num: u128, den: u128) -> Result<u64> {
        let whole = Self {
            decimals: 0,
            mode: RoundingMode::HalfAwayFromZero,
        }
        .round_ratio(num, den)?;
        u64::try_from(whole.mantissa()).map_err(|_| {
            Error::from(Reason::Overflow {
                what: "a whole number of records",
            })
        })
    }

    /// Rounds the signed exact ratio `±num / den`, symmetric about zero; a value that rounds
    /// to zero is returned as an unsigned zero.
    pub(crate) fn round_signed_ratio(
        &self,
        negative: bool,
        num: u128,
        den: u128,
    ) -> Result<Decimal> {
        let magnitude = self.round_ratio(num, den)?;
        // A magnitude that rounds to zero stays a plain zero: never "-0.00".
        Ok(if negative && !magnitude.is_zero() {
            -magnitude
        } else {
            magnitude
        })
    }
}

impl std::fmt::Display for Rounding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mode = match self.mode {
            RoundingMode::HalfAwayFromZero => "half away from zero",
            RoundingMode::HalfEven => "half to even",
            RoundingMode::TowardZero => "toward zero",
            RoundingMode::AwayFromZero => "away from zero",
        };
        write!(f, "{} decimals, {mode}", self.decimals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn ratio_rounding_follows_the_exact_fraction() {
        let p = Rounding::default();
        // 5 × 30/35 = 150/35 = 4.2857…
        assert_eq!(p.round_ratio(150, 35).unwrap(), dec!(4.29));
        // 1/8 = 0.125 exactly: a tie
        assert_eq!(p.round_ratio(1, 8).unwrap(), dec!(0.13));
        let even = Rounding::new(2, RoundingMode::HalfEven).unwrap();
        assert_eq!(even.round_ratio(1, 8).unwrap(), dec!(0.12));
        let down = Rounding::new(2, RoundingMode::TowardZero).unwrap();
        assert_eq!(down.round_ratio(2, 3).unwrap(), dec!(0.66));
        let up = Rounding::new(2, RoundingMode::AwayFromZero).unwrap();
        assert_eq!(up.round_ratio(1, 300).unwrap(), dec!(0.01));
        // An exact value is not rounded in any mode: 1/4 = 0.25, 3/1 = 3.
        for mode in [
            RoundingMode::HalfAwayFromZero,
            RoundingMode::HalfEven,
            RoundingMode::TowardZero,
            RoundingMode::AwayFromZero,
        ] {
            let p = Rounding::new(2, mode).unwrap();
            assert_eq!(p.round_ratio(1, 4).unwrap(), dec!(0.25), "{mode:?}");
            assert_eq!(p.round_ratio(3, 1).unwrap(), dec!(3), "{mode:?}");
        }
    }

    #[test]
    fn whole_records_round_half_up() {
        // 5/2 = 2.5 → 3; 7/3 = 2.33 → 2; 8/3 = 2.67 → 3
        assert_eq!(Rounding::round_whole(5, 2).unwrap(), 3);
        assert_eq!(Rounding::round_whole(7, 3).unwrap(), 2);
        assert_eq!(Rounding::round_whole(8, 3).unwrap(), 3);
        assert!(Rounding::round_whole(1, 0).is_err());
    }

    #[test]
    fn result_keeps_its_scale() {
        assert_eq!(
            Rounding::default().round_ratio(3, 1).unwrap().to_string(),
            "3.00"
        );
        assert_eq!(Rounding::default().round(dec!(3)).to_string(), "3.00");
    }

    #[test]
    fn refuses_too_fine_and_zero_den() {
        assert!(Rounding::new(7, RoundingMode::HalfEven).is_err());
        assert!(Rounding::default().round_ratio(1, 0).is_err());
    }
}
