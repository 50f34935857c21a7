//! Sums of points without `Decimal`'s general addition: the mantissas added as integers at the
//! largest scale seen. The same value and the same scale as adding with `+` (a scorecard shows
//! `100`, `85.97`, `5.00` exactly as before), at a fraction of the cost.

use rust_decimal::Decimal;

/// 10⁰ … 10²⁸: every scale a `Decimal` has.
const POW10: [i128; 29] = {
    let mut table = [1i128; 29];
    let mut i = 1;
    while i < 29 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// A running sum of decimals.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Sum {
    mantissa: i128,
    scale: u32,
    /// Set when the integers would overflow: the sum goes on in `Decimal`.
    wide: Option<Decimal>,
}

impl Sum {
    pub(super) fn add(&mut self, value: Decimal) {
        if let Some(wide) = &mut self.wide {
            *wide = wide.checked_add(value).unwrap_or(Decimal::MAX);
            return;
        }
        let (mantissa, scale) = (value.mantissa(), value.scale());
        // Points of one set share a scale: the common case is one integer addition.
        if scale == self.scale
            && let Some(sum) = self.mantissa.checked_add(mantissa)
            && fits(sum)
        {
            self.mantissa = sum;
            return;
        }
        let step = |m: i128, by: u32| {
            POW10
                .get(usize::try_from(by).unwrap_or(usize::MAX))
                .and_then(|p| m.checked_mul(*p))
        };
        let next = if scale > self.scale {
            step(self.mantissa, scale - self.scale)
                .and_then(|sum| sum.checked_add(mantissa))
                .map(|sum| (sum, scale))
        } else {
            step(mantissa, self.scale - scale)
                .and_then(|m| self.mantissa.checked_add(m))
                .map(|sum| (sum, self.scale))
        };
        match next.filter(|(sum, _)| fits(*sum)) {
            Some((sum, scale)) => (self.mantissa, self.scale) = (sum, scale),
            // Beyond a `Decimal`'s 96-bit mantissa: `Decimal` addition would give up decimals
            // here, so the sum goes on in `Decimal` from the last total, which fits.
            None => {
                let wide = self.total().checked_add(value).unwrap_or(Decimal::MAX);
                self.wide = Some(wide);
            }
        }
    }

    /// The sum: exact, since the mantissa always fits a `Decimal` (beyond it the sum goes on
    /// in `Decimal`, which saturates only past `Decimal::MAX`, far beyond any set's points).
    pub(super) fn total(&self) -> Decimal {
        match self.wide {
            Some(wide) => wide,
            None => {
                Decimal::try_from_i128_with_scale(self.mantissa, self.scale).unwrap_or(Decimal::MAX)
            }
        }
    }
}

/// Whether a mantissa fits a `Decimal` (96 bits).
fn fits(mantissa: i128) -> bool {
    mantissa.unsigned_abs() < 1u128 << 96
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn sum(values: &[Decimal]) -> Decimal {
        let mut s = Sum::default();
        values.iter().for_each(|v| s.add(*v));
        s.total()
    }

    #[test]
    fn a_mantissa_of_two_to_the_96_goes_on_in_decimal() {
        // (2^96 − 1) hundredths and 1 more: 2^96 hundredths, one past what a Decimal's
        // mantissa holds. The sum goes on in Decimal, which keeps what fits:
        // 79228162514264337593543950336 / 100 = 792281625142643375935439503.36; at scale 1
        // the mantissa 7922816251426433759354395033.6 rounds to …034, under 2^96 − 1 — so
        // 792281625142643375935439503.4 (never Decimal::MAX, 79228162514264337593543950335).
        let most = Decimal::from_i128_with_scale((1i128 << 96) - 1, 2);
        assert_eq!(
            sum(&[most, dec!(0.01)]),
            dec!(792281625142643375935439503.4)
        );
    }

    #[test]
    fn same_value_and_scale_as_decimal_addition() {
        for values in [
            vec![],
            vec![dec!(4.29), dec!(0.71)],
            vec![dec!(5), dec!(1.5), dec!(0.25)],
            vec![dec!(3.00), dec!(2)],
            vec![dec!(0), dec!(0.000)],
            vec![dec!(1.125), dec!(-0.5), dec!(7)],
        ] {
            let by_decimal: Decimal = values.iter().copied().sum();
            let ours = sum(&values);
            assert_eq!(ours, by_decimal, "{values:?}");
            assert_eq!(ours.to_string(), by_decimal.to_string(), "{values:?}");
        }
        assert_eq!(sum(&[dec!(4.29), dec!(0.71)]).to_string(), "5.00");
    }

    #[test]
    fn past_the_integers_the_sum_goes_on_in_decimal() {
        let big = Decimal::from_i128_with_scale(10i128.pow(27), 0);
        let tiny = Decimal::new(1, 28);
        let expected = big.checked_add(tiny).unwrap();
        assert_eq!(sum(&[big, tiny]), expected);
    }

    #[test]
    fn past_the_mantissa_the_sum_gives_up_decimals_as_decimal_does() {
        // 5 written with 28 decimals has the mantissa 5·10²⁸ (below 2⁹⁶ ≈ 7.9·10²⁸); twice
        // that (10²⁹) fits an i128 but not a `Decimal`, which keeps 10 with 27 decimals.
        let five = Decimal::from_i128_with_scale(5 * 10i128.pow(28), 28);
        let by_decimal = five.checked_add(five).unwrap();
        assert_eq!(by_decimal.to_string(), format!("10.{}", "0".repeat(27)));
        assert_eq!(sum(&[five, five]).to_string(), by_decimal.to_string());
    }
}
