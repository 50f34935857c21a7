//! Law: a shortfall is minimal and agrees with the evaluator. If
//! `records_needed` says k, then k records under the lever meet the target and k − 1 do not;
//! if it says impossible, no number of records does.
//!
//! When is it impossible? Both levers move the rate monotonically toward the target, so it is
//! impossible exactly when the largest move a lever can make still falls short:
//! - Convert, at least: converting all N − G remaining records (G = N) does not meet the target,
//!   i.e. only when the minimum count exceeds N (a rate of 100% meets every percentage).
//! - Convert, at most: never (fixing all G records gives a rate of 0).
//! - Add, at least: p = 100% and G < N (the rate never reaches 1), or the exact k exceeds the
//!   room left in `u64` (u64::MAX − N), e.g. 99.9999% from 0 of 10^15 needs 10^21 records.
//! - Add, at most: p = 0% and G > 0, or the exact k exceeds the room left in `u64`.

use cchc::rule::{Comparison, Lever, RateTarget, Records};
use cchc::{Counts, Percent};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::Decimal;

const MAX_COUNT: u64 = 1_000_000_000_000_000;

fn percent() -> impl Strategy<Value = Percent> {
    prop_oneof![
        prop::sample::select(vec![0i64, 20, 35, 50, 85, 90, 95, 100])
            .prop_map(|p| Percent::new(Decimal::new(p, 0)).unwrap()),
        // Close to 100%, where the Add lever needs the most records.
        (999_990i64..=1_000_000).prop_map(|m| Percent::new(Decimal::new(m, 4)).unwrap()),
        (0u32..=4)
            .prop_flat_map(|scale| (0..=100 * 10i64.pow(scale), Just(scale)))
            .prop_map(|(m, scale)| Percent::new(Decimal::new(m, scale)).unwrap()),
    ]
}

/// Counts with G ≤ N ≤ 10^15; N is small or large, G at the edges or anywhere.
fn counts() -> impl Strategy<Value = Counts> {
    let n = prop_oneof![1u64..=30, 1..=MAX_COUNT];
    (n, 0u8..5, any::<u64>()).prop_map(|(n, edge, g)| {
        let g = match edge {
            0 => 0,
            1 => n,
            2 => n - 1,
            _ => g % (n + 1),
        };
        Counts::new(g, n).unwrap()
    })
}

fn target() -> impl Strategy<Value = RateTarget> {
    let min_count = prop_oneof![
        Just(None),
        (0u64..=40).prop_map(Some),
        (0..=MAX_COUNT).prop_map(Some),
    ];
    // "At least 0%" is refused (every report meets it), with or without a minimum count.
    (percent(), any::<bool>(), min_count).prop_filter_map(
        "at least 0% and at most 100% are refused",
        |(p, at_least, min_count)| {
            if at_least {
                let t = RateTarget::at_least(p).ok()?;
                Some(min_count.map_or(t, |c| t.with_min_count(c).unwrap()))
            } else {
                RateTarget::at_most(p).ok()
            }
        },
    )
}

fn lever() -> impl Strategy<Value = Lever> {
    prop_oneof![Just(Lever::Convert), Just(Lever::Add)]
}

/// The most records `lever` can move for `counts` while the counts stay in `u64`.
fn largest_move(counts: Counts, comparison: Comparison, lever: Lever) -> u64 {
    match (lever, comparison) {
        (Lever::Convert, Comparison::AtLeast) => counts.remaining(),
        (Lever::Convert, Comparison::AtMost) => counts.numerator(),
        (Lever::Add, _) => u64::MAX - counts.denominator(),
        _ => unreachable!("a new lever needs a law"),
    }
}

/// The percentage as (m, s) with the percentage = m ÷ s, from its decimal string.
fn parse(percent: Percent) -> (u128, u128) {
    let text = percent.value().to_string();
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let m: u128 = format!("{whole}{frac}").parse().unwrap();
    (m, 10u128.pow(u32::try_from(frac.len()).unwrap()))
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/law_shortfall.txt"))),
        ..ProptestConfig::default()
    })]
    #[test]
    fn needed_records_are_minimal_and_meet_the_target(
        counts in counts(),
        target in target(),
        lever in lever(),
    ) {
        let comparison = target.comparison();
        let needed = target.records_needed(&counts, lever).unwrap();
        let met = |k: u64| {
            Lever::apply(lever, counts, comparison, k).and_then(|after| target.is_met(&after))
        };
        match needed {
            Records::Needed(k) => {
                prop_assert_eq!(met(k), Some(true), "{} {} {:?}: k = {}", counts, target, lever, k);
                if k > 0 {
                    prop_assert_eq!(met(k - 1), Some(false), "{} {} {:?}: k − 1", counts, target, lever);
                } else {
                    prop_assert_eq!(target.is_met(&counts), Some(true));
                }
            }
            Records::Impossible => {
                let most = largest_move(counts, comparison, lever);
                prop_assert_eq!(met(most), Some(false), "{} {} {:?}: {} records", counts, target, lever, most);
                // One more than the largest move leaves valid `u64` counts (N ≥ 1, so no
                // overflow here).
                prop_assert_eq!(Lever::apply(lever, counts, comparison, most + 1), None);
            }
        }
    }

    #[test]
    fn impossible_exactly_when_the_law_says(
        counts in counts(),
        target in target(),
        lever in lever(),
    ) {
        let (m, s) = parse(target.percent());
        let (g, n) = (u128::from(counts.numerator()), u128::from(counts.denominator()));
        let min = u128::from(target.min_count().unwrap_or(0));
        let room = u128::from(u64::MAX) - n;
        let impossible = match (target.comparison(), lever) {
            (Comparison::AtLeast, Lever::Convert) => min > n,
            (Comparison::AtMost, Lever::Convert) => false,
            (Comparison::AtLeast, Lever::Add) => {
                // (G + k) × 100s ≥ m (N + k) ⇔ k (100s − m) ≥ mN − 100sG.
                let (has, wants) = (g * 100 * s, m * n);
                let for_count = min.saturating_sub(g);
                if has >= wants {
                    for_count > room
                } else if m == 100 * s {
                    true
                } else {
                    (wants - has).div_ceil(100 * s - m).max(for_count) > room
                }
            }
            (Comparison::AtMost, Lever::Add) => {
                // G × 100s ≤ m (N + k) ⇔ k m ≥ 100sG − mN.
                let (has, wants) = (g * 100 * s, m * n);
                if has <= wants {
                    false
                } else if m == 0 {
                    true
                } else {
                    (has - wants).div_ceil(m) > room
                }
            }
            _ => unreachable!("a new lever needs a law"),
        };
        let needed = target.records_needed(&counts, lever).unwrap();
        prop_assert_eq!(needed == Records::Impossible, impossible, "{} {} {:?}: {:?}", counts, target, lever, needed);
    }

    #[test]
    fn shortfall_is_both_levers_and_zero_when_met(counts in counts(), target in target()) {
        let shortfall = target.shortfall(&counts).unwrap();
        prop_assert_eq!(Some(shortfall.convert), target.records_needed(&counts, Lever::Convert));
        prop_assert_eq!(Some(shortfall.add), target.records_needed(&counts, Lever::Add));
        let met = target.is_met(&counts).unwrap();
        prop_assert_eq!(met, shortfall.convert == Records::Needed(0));
        prop_assert_eq!(met, shortfall.add == Records::Needed(0));
    }
}

/// The two causes of an impossible "add" at least, worked by hand.
#[test]
fn add_is_impossible_only_at_one_hundred_percent_or_beyond_u64() {
    let all = RateTarget::FULL;
    let almost = Counts::new(999, 1000).unwrap();
    assert_eq!(
        all.records_needed(&almost, Lever::Add),
        Some(Records::Impossible)
    );
    assert_eq!(
        all.records_needed(&almost, Lever::Convert),
        Some(Records::Needed(1))
    );
    // 99.9999% from 0 of 10^15: k × 1 ≥ 999999 × 10^15 (in units of 10^-6) → k ≈ 10^21 > u64.
    let nines = RateTarget::at_least(Percent::new(Decimal::new(999_999, 4)).unwrap()).unwrap();
    let none = Counts::new(0, MAX_COUNT).unwrap();
    assert_eq!(
        nines.records_needed(&none, Lever::Add),
        Some(Records::Impossible)
    );
    // Converting works: ⌈0.999999 × 10^15⌉ = 999999 × 10^9.
    assert_eq!(
        nines.records_needed(&none, Lever::Convert),
        Some(Records::Needed(999_999_000_000_000))
    );
    // From 0 of 1, 99.9999% needs k ≥ 999999 records added: 999999/1000000 exactly.
    let one = Counts::new(0, 1).unwrap();
    assert_eq!(
        nines.records_needed(&one, Lever::Add),
        Some(Records::Needed(999_999))
    );
    // At most 0% with something counted: adding uncounted records never reaches 0.
    let zero = RateTarget::at_most(Percent::ZERO).unwrap();
    let some = Counts::new(1, 10).unwrap();
    assert_eq!(
        zero.records_needed(&some, Lever::Add),
        Some(Records::Impossible)
    );
    assert_eq!(
        zero.records_needed(&some, Lever::Convert),
        Some(Records::Needed(1))
    );
}

/// The `u64` room is exact: a k that just fits is given, one that just does not is impossible.
///
/// u64::MAX = 18446744073709551615 and N = 10^15, so the room is u64::MAX − N =
/// 18445744073709551615.
#[test]
fn add_room_is_exactly_what_u64_counts_allow() {
    let n = MAX_COUNT;
    let room = u64::MAX - n;
    assert_eq!(room, 18_445_744_073_709_551_615);
    let check = |target: RateTarget, g: u64, expected: Records| {
        let counts = Counts::new(g, n).unwrap();
        assert_eq!(
            target.records_needed(&counts, Lever::Add),
            Some(expected),
            "{counts} {target}"
        );
        if let Records::Needed(k) = expected {
            let after = Lever::Add.apply(counts, target.comparison(), k).unwrap();
            let short = Lever::Add
                .apply(counts, target.comparison(), k - 1)
                .unwrap();
            assert_eq!(target.is_met(&after), Some(true));
            assert_eq!(target.is_met(&short), Some(false));
        }
    };
    // At least 99.9999%: (G + k) × 10^6 ≥ 999999 × (N + k) ⇔ k ≥ 10^6 × (N − G) − N.
    let nines = RateTarget::at_least(Percent::new(Decimal::new(999_999, 4)).unwrap()).unwrap();
    // N − G = 18446744073709: k = 18446744073709000000 − 10^15 = 18445744073709000000 ≤ room.
    check(
        nines,
        n - 18_446_744_073_709,
        Records::Needed(18_445_744_073_709_000_000),
    );
    // N − G = 18446744073710: k = room + 448385.
    check(nines, n - 18_446_744_073_710, Records::Impossible);
    // At most 0.0001%: G × 10^6 ≤ N + k ⇔ k ≥ 10^6 × G − N; the same two figures.
    let tiny = RateTarget::at_most(Percent::new(Decimal::new(1, 4)).unwrap()).unwrap();
    check(
        tiny,
        18_446_744_073_709,
        Records::Needed(18_445_744_073_709_000_000),
    );
    check(tiny, 18_446_744_073_710, Records::Impossible);
}
