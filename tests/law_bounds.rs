//! Law: every figure derived from counts stays in its range, for counts up to 10^15 (đồng-sized,
//! as in V.17) and for every percentage a target may carry.

use cchc::rule::{Detail, RateTarget, Target};
use cchc::{Counts, Evidence, Observed, Percent, Rounding};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const MAX_COUNT: u64 = 1_000_000_000_000_000;

/// Counts with 1 ≤ N ≤ 10^15 and 0 ≤ G ≤ N, biased toward the edges G = 0 and G = N.
fn counts() -> impl Strategy<Value = Counts> {
    (1..=MAX_COUNT, 0u8..4, any::<u64>()).prop_map(|(n, edge, g)| {
        let g = match edge {
            0 => 0,
            1 => n,
            _ => g % (n + 1),
        };
        Counts::new(g, n).unwrap()
    })
}

/// 0–100 with up to 4 decimals.
fn percent() -> impl Strategy<Value = Percent> {
    (0u32..=4)
        .prop_flat_map(|scale| (0..=100 * 10i64.pow(scale), Just(scale)))
        .prop_map(|(mantissa, scale)| Percent::new(Decimal::new(mantissa, scale)).unwrap())
}

/// Every rate target: "at least 0%" is refused (every report meets it), so it is not one.
fn target() -> impl Strategy<Value = RateTarget> {
    (percent(), any::<bool>()).prop_filter_map(
        "at least 0% and at most 100% are refused",
        |(p, at_least)| {
            if at_least {
                RateTarget::at_least(p).ok()
            } else {
                RateTarget::at_most(p).ok()
            }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/law_bounds.txt"))),
        ..ProptestConfig::default()
    })]
    #[test]
    fn rate_value_is_between_zero_and_one(counts in counts()) {
        let value = counts.rate().unwrap().value();
        prop_assert!(Decimal::ZERO <= value && value <= Decimal::ONE, "{counts}: {value}");
        // The edges are exact.
        if counts.numerator() == 0 {
            prop_assert_eq!(value, Decimal::ZERO);
        }
        if counts.numerator() == counts.denominator() {
            prop_assert_eq!(value, Decimal::ONE);
        }
    }

    #[test]
    fn rounded_percent_is_between_zero_and_one_hundred(counts in counts()) {
        let percent = counts.rate().unwrap().percent(&Rounding::default()).unwrap();
        prop_assert!(Decimal::ZERO <= percent && percent <= dec!(100), "{counts}: {percent}");
        prop_assert_eq!(percent.scale(), 2);
        prop_assert!(!percent.is_sign_negative(), "{}: {}", counts, percent);
    }

    #[test]
    fn attainment_ratio_is_between_zero_and_one(counts in counts(), target in target()) {
        let rate = counts.rate().unwrap();
        let ratio = target.ratio(&rate);
        prop_assert!(Decimal::ZERO <= ratio && ratio <= Decimal::ONE, "{counts} {target}: {ratio}");
        // A met target has ratio 1 exactly.
        // A met target has ratio 1 exactly; an unmet one stays below 1 (the exact ratio is at
        // most 1 − 1/(N × 10^6) ≥ 1 − 10^-21 here, well within 28 significant digits).
        match target.is_met(&counts) {
            Some(true) => prop_assert_eq!(ratio, Decimal::ONE),
            _ => prop_assert!(ratio < Decimal::ONE, "{} {}: {}", counts, target, ratio),
        }
        let result = Target::Rate(target)
            .attain(&Observed::Reported(Evidence::Counts(counts)), &Rounding::default())
            .unwrap();
        let Detail::Rate(detail) = result.detail else {
            return Err(TestCaseError::fail("rate detail expected"));
        };
        prop_assert_eq!(detail.ratio, ratio);
        prop_assert!(dec!(-100) <= detail.gap_points && detail.gap_points <= dec!(100));
    }
}
