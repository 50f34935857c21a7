//! Law: every comparison is exact. Whether a target is met, how rates order and how a percent is
//! rounded all agree with integer arithmetic done here, independently of the crate: the
//! percentage is read back from its decimal string, never from the crate's internals.

use cchc::rate::Rate;
use cchc::rule::{Comparison, RateTarget};
use cchc::{Counts, ErrorKind, Percent, Rounding};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::Decimal;
use std::cmp::Ordering;

const MAX_COUNT: u64 = 1_000_000_000_000_000;

/// 0–100 with up to 4 decimals, written with trailing zeros sometimes (35.00).
fn percent() -> impl Strategy<Value = Percent> {
    prop_oneof![
        // The plan's own targets.
        prop::sample::select(vec![20i64, 30, 35, 40, 50, 80, 85, 90, 95, 100, 0])
            .prop_map(|p| Percent::new(Decimal::new(p, 0)).unwrap()),
        (0u32..=4)
            .prop_flat_map(|scale| (0..=100 * 10i64.pow(scale), Just(scale)))
            .prop_map(|(m, scale)| Percent::new(Decimal::new(m, scale)).unwrap()),
        // Padded with zeros beyond 4 places: still at most 4 significant decimals.
        (0i64..=1_000_000).prop_map(|m| Percent::new(Decimal::new(m * 100, 6)).unwrap()),
    ]
}

/// The percentage as a whole-number mantissa and a power of ten, parsed from its string:
/// "33.3333" → (333333, 10^4).
fn parse(percent: Percent) -> (u128, u128) {
    let text = percent.value().to_string();
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let digits = format!("{whole}{frac}");
    (
        digits.parse().unwrap(),
        10u128.pow(u32::try_from(frac.len()).unwrap()),
    )
}

/// Counts 1 ≤ N ≤ 10^15 with G either anywhere in 0..=N or within a few records of the least
/// G that meets `percent` (so both sides of every threshold are visited).
fn counts_near(percent: Percent) -> impl Strategy<Value = Counts> {
    let (m, scale) = parse(percent);
    (1..=MAX_COUNT, any::<u64>(), -3i64..=3, any::<bool>()).prop_map(
        move |(n, g, delta, anywhere)| {
            let g = if anywhere {
                g % (n + 1)
            } else {
                // ⌈m × N ÷ (100 × scale)⌉ + delta, clamped to 0..=N.
                let threshold = (m * u128::from(n)).div_ceil(100 * scale);
                let g = i128::try_from(threshold).unwrap() + i128::from(delta);
                u64::try_from(g.clamp(0, i128::from(n))).unwrap()
            };
            Counts::new(g, n).unwrap()
        },
    )
}

fn case() -> impl Strategy<Value = (Percent, Counts, bool)> {
    percent().prop_flat_map(|p| (Just(p), counts_near(p), any::<bool>()))
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/law_exactness.txt"))),
        ..ProptestConfig::default()
    })]
    #[test]
    fn met_iff_the_exact_integer_comparison_holds((percent, counts, at_least) in case()) {
        let (m, scale) = parse(percent);
        let (g, n) = (u128::from(counts.numerator()), u128::from(counts.denominator()));
        // G/N ≥ m/(100 × scale) ⇔ G × 100 × scale ≥ m × N.
        let (lhs, rhs) = (g * 100 * scale, m * n);
        if (at_least && m == 0) || (!at_least && percent == Percent::HUNDRED) {
            // "At least 0%" and "at most 100%" are met by every report, so they are refused
            // as targets.
            let err = if at_least {
                RateTarget::at_least(percent).unwrap_err()
            } else {
                RateTarget::at_most(percent).unwrap_err()
            };
            prop_assert_eq!(err.kind(), ErrorKind::InvalidValue);
            prop_assert_eq!(err.key(), Some("percent"));
            return Ok(());
        }
        let (target, expected) = if at_least {
            (RateTarget::at_least(percent).unwrap(), lhs >= rhs)
        } else {
            (RateTarget::at_most(percent).unwrap(), lhs <= rhs)
        };
        prop_assert_eq!(target.is_met(&counts), Some(expected), "{} {}", counts, target);
        prop_assert_eq!(
            target.comparison(),
            if at_least { Comparison::AtLeast } else { Comparison::AtMost }
        );
    }

    #[test]
    fn min_count_adds_an_exact_count_condition(
        (percent, counts, _) in case(),
        min in 0u64..=20,
    ) {
        let (m, scale) = parse(percent);
        let (g, n) = (u128::from(counts.numerator()), u128::from(counts.denominator()));
        let Ok(target) = RateTarget::at_least(percent) else {
            // "At least 0%" is refused, with or without a minimum count.
            prop_assert_eq!(m, 0);
            return Ok(());
        };
        let target = target.with_min_count(min).unwrap();
        let expected = g * 100 * scale >= m * n && counts.numerator() >= min;
        prop_assert_eq!(target.is_met(&counts), Some(expected));
    }

    #[test]
    fn rate_order_agrees_with_cross_multiplication(
        a in (1..=MAX_COUNT, any::<u64>()),
        b in (1..=MAX_COUNT, any::<u64>()),
        k in 1u64..=1000,
    ) {
        let (n1, g1) = (a.0, a.1 % (a.0 + 1));
        let (n2, g2) = (b.0, b.1 % (b.0 + 1));
        let r1 = Rate::new(g1, n1).unwrap();
        let r2 = Rate::new(g2, n2).unwrap();
        let expected = (u128::from(g1) * u128::from(n2)).cmp(&(u128::from(g2) * u128::from(n1)));
        prop_assert_eq!(r1.cmp(&r2), expected);
        prop_assert_eq!(r1.partial_cmp(&r2), Some(expected));
        prop_assert_eq!(r1 == r2, expected == Ordering::Equal);
        // Equal as fractions whatever the terms: g/n = kg/kn.
        if let (Some(kg), Some(kn)) = (g1.checked_mul(k), n1.checked_mul(k)) {
            prop_assert_eq!(Rate::new(kg, kn).unwrap(), r1);
        }
    }

    #[test]
    fn percent_rounds_half_away_from_zero(
        (n, g) in prop_oneof![
            1..=MAX_COUNT,
            // 2^a × 5^b denominators make exact ties (1/800 = 0.125%) common.
            (0u32..=12, 0u32..=6).prop_map(|(a, b)| 2u64.pow(a) * 5u64.pow(b)),
        ]
        .prop_flat_map(|n| (Just(n), 0..=n)),
    ) {
        let rate = Rate::new(g, n).unwrap();
        // round(x) = ⌊x + ½⌋ for x ≥ 0, with x = G × 100 × 100 / N hundredths of a percent:
        // ⌊(2 × G × 10^4 + N) ÷ (2N)⌋.
        let (g, n) = (u128::from(g), u128::from(n));
        let hundredths = (2 * g * 10_000 + n) / (2 * n);
        let expected = format!("{}.{:02}", hundredths / 100, hundredths % 100);
        let percent = rate.percent(&Rounding::default()).unwrap();
        prop_assert_eq!(percent.to_string(), expected);
    }
}

/// Ties round away from zero (1/800 = 0.125% → 0.13, 3/800 = 0.375% → 0.38); non-ties to
/// the nearest (1/1600 = 0.0625% → 0.06).
#[test]
fn percent_ties_round_away_from_zero() {
    let cases = [
        ("1/8", 1, 8, "12.50"),
        ("1/800", 1, 800, "0.13"),
        ("1/1600", 1, 1600, "0.06"),
        ("3/800", 3, 800, "0.38"),
        ("1/3", 1, 3, "33.33"),
        ("2/3", 2, 3, "66.67"),
        ("199999/200000", 199_999, 200_000, "100.00"),
    ];
    for (name, g, n, expected) in cases {
        let percent = Rate::new(g, n).unwrap().percent(&Rounding::default());
        assert_eq!(percent.unwrap().to_string(), expected, "{name}");
    }
}
