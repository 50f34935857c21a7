//! Exact non-negative fractions of whole numbers, for criterion points before rounding.
//!
//! Points such as 5 × 30/35 are kept as the fraction 150/35 until the [`Rounding`] policy
//! rounds them, so that "met" (exactly the maximum) and "partial" are judged on the exact value.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::rounding::Rounding;
use crate::error::{Error, Reason, Result};

/// `num / den`, with `den > 0`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fraction {
    num: u128,
    den: u128,
}

fn overflow() -> Error {
    Error::from(Reason::Overflow {
        what: "exact points",
    })
}

impl Fraction {
    pub(crate) const ZERO: Self = Self { num: 0, den: 1 };

    /// `num / den`.
    pub(crate) fn new(num: u128, den: u128) -> Result<Self> {
        if den == 0 {
            return Err(overflow());
        }
        Ok(Self { num, den })
    }

    /// A non-negative decimal, exactly.
    pub(crate) fn from_decimal(value: Decimal) -> Result<Self> {
        let num = u128::try_from(value.mantissa()).map_err(|_| {
            Error::from(Reason::Negative {
                what: "points",
                value,
            })
        })?;
        let den = super::rounding::pow10(value.scale()).ok_or_else(overflow)?;
        Ok(Self { num, den })
    }

    /// The product.
    pub(crate) fn mul(self, other: Self) -> Result<Self> {
        Ok(Self {
            num: self.num.checked_mul(other.num).ok_or_else(overflow)?,
            den: self.den.checked_mul(other.den).ok_or_else(overflow)?,
        })
    }

    /// The quotient; `other` must not be zero.
    pub(crate) fn div(self, other: Self) -> Result<Self> {
        Self::new(
            self.num.checked_mul(other.den).ok_or_else(overflow)?,
            self.den.checked_mul(other.num).ok_or_else(overflow)?,
        )
    }

    /// Exact comparison.
    pub(crate) fn cmp_checked(self, other: Self) -> Result<Ordering> {
        let lhs = self.num.checked_mul(other.den).ok_or_else(overflow)?;
        let rhs = other.num.checked_mul(self.den).ok_or_else(overflow)?;
        Ok(lhs.cmp(&rhs))
    }

    pub(crate) const fn is_zero(self) -> bool {
        self.num == 0
    }

    /// Rounded by the policy.
    pub(crate) fn round(self, rounding: &Rounding) -> Result<Decimal> {
        rounding.round_ratio(self.num, self.den)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn exact_products_and_rounding() {
        let max = Fraction::from_decimal(dec!(5)).unwrap();
        let part = Fraction::new(30, 35).unwrap();
        let points = max.mul(part).unwrap();
        assert_eq!(points.round(&Rounding::default()).unwrap(), dec!(4.29));
        assert_eq!(points.cmp_checked(max).unwrap(), Ordering::Less);
        assert_eq!(
            Fraction::from_decimal(dec!(1.50))
                .unwrap()
                .cmp_checked(Fraction::new(3, 2).unwrap())
                .unwrap(),
            Ordering::Equal
        );
        assert!(Fraction::from_decimal(dec!(-1)).is_err());
        assert!(Fraction::new(1, 0).is_err());
    }
}
