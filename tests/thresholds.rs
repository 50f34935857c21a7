//! Every quantified target of the 2023 plan at its exact threshold, one record
//! below it, one above it, with nothing in scope, and at 100%, through the public API only.
//!
//! Each row picks a denominator N with N × p / 100 a whole number `at`, so that `at` of N is
//! exactly the threshold. One below (`at − 1` of N) is then short by exactly 1 under Convert,
//! and under Add by the least k with (at − 1 + k) × 100 ≥ p × (N + k), i.e.
//! k × (100 − p) ≥ p × N − 100 × (at − 1) = 100, so k = ⌈100 ÷ (100 − p)⌉ (impossible at 100%).

use cchc::rule::{
    Attainment, Detail, Lever, RateAttainment, RateTarget, Records, Shortfall, Target,
};
use cchc::{Counts, ErrorKind, Evidence, Observed, Percent, Rounding, Status};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

struct Row {
    /// Criterion id in the reference set.
    name: &'static str,
    percent: Decimal,
    min_count: Option<u64>,
    /// Records in scope.
    n: u64,
    /// Numerator exactly at the threshold.
    at: u64,
    /// Records to add, all meeting the measure, from `at − 1` of `n`.
    add_below: Records,
}

const NEEDED: fn(u64) -> Records = Records::Needed;

fn rows() -> Vec<Row> {
    let row = |name, percent, n, at, add_below| Row {
        name,
        percent,
        min_count: None,
        n,
        at,
        add_below,
    };
    vec![
        // 100%: one below is N − 1 of N; adding records can never close the gap.
        row("II.3", dec!(100), 1, 1, Records::Impossible),
        row("II.12", dec!(100), 37, 37, Records::Impossible),
        row("VI.20", dec!(100), 12, 12, Records::Impossible),
        row("VI.23", dec!(100), 1000, 1000, Records::Impossible),
        row("VI.24a", dec!(100), 150, 150, Records::Impossible),
        // 35% of 300 = 105; ⌈100/65⌉ = 2: 106/302 = 35.1% met, 105/301 = 34.88% not.
        row("II.4", dec!(35), 300, 105, NEEDED(2)),
        // 20% of 25 = 5; ⌈100/80⌉ = 2: 6/27 = 22.2% met, 5/26 = 19.2% not.
        row("II.6", dec!(20), 25, 5, NEEDED(2)),
        // 50% of 2 = 1; ⌈100/50⌉ = 2: 2/4 = 50% met, 1/3 not.
        row("II.7", dec!(50), 2, 1, NEEDED(2)),
        // 90% of 10 = 9; ⌈100/10⌉ = 10: 18/20 = 90% met, 17/19 = 89.5% not.
        row("II.8a", dec!(90), 10, 9, NEEDED(10)),
        // 80% of 5 = 4; ⌈100/20⌉ = 5: 8/10 = 80% met, 7/9 = 77.8% not.
        row("II.8b", dec!(80), 5, 4, NEEDED(5)),
        // 90% of 1000 = 900; 10: 909/1010 = 90% met, 908/1009 = 89.99% not.
        row("II.8c", dec!(90), 1000, 900, NEEDED(10)),
        // 85% of 20 = 17; ⌈100/15⌉ = 7: 23/27 = 85.19% met, 22/26 = 84.62% not.
        row("II.8d", dec!(85), 20, 17, NEEDED(7)),
        // 40% of 5 = 2; ⌈100/60⌉ = 2: 3/7 = 42.9% met, 2/6 = 33.3% not.
        row("VI.21", dec!(40), 5, 2, NEEDED(2)),
        // 85% of 100 = 85; 7: 91/107 = 85.05% met, 90/106 = 84.91% not.
        row("VI.22", dec!(85), 100, 85, NEEDED(7)),
        // 30% of 10 = 3; ⌈100/70⌉ = 2: 4/12 = 33.3% met, 3/11 = 27.3% not.
        row("VI.24b", dec!(30), 10, 3, NEEDED(2)),
        // 95% of 10^15 đồng = 95 × 10^13; ⌈100/5⌉ = 20 đồng.
        row(
            "V.17",
            dec!(95),
            1_000_000_000_000_000,
            950_000_000_000_000,
            NEEDED(20),
        ),
        // II.5a: 20% and at least 10. 20% of 50 = 10 = the minimum: both bind at once.
        // One below, 9 of 50: Convert 1; Add needs k × 80 ≥ 20 × 50 − 100 × 9 = 100, k = 2
        // (11/52 = 21.2% met, 10/51 = 19.6% not), which also gives the count.
        Row {
            min_count: Some(10),
            ..row("II.5a", dec!(20), 50, 10, NEEDED(2))
        },
    ]
}

fn target_of(row: &Row) -> RateTarget {
    let target = RateTarget::at_least(Percent::new(row.percent).unwrap()).unwrap();
    match row.min_count {
        Some(c) => target.with_min_count(c).unwrap(),
        None => target,
    }
}

fn attain(target: &RateTarget, counts: Counts) -> Attainment {
    Target::Rate(*target)
        .attain(
            &Observed::Reported(Evidence::Counts(counts)),
            &Rounding::default(),
        )
        .unwrap()
}

fn rate_detail(name: &str, attainment: &Attainment) -> RateAttainment {
    match &attainment.detail {
        Detail::Rate(rate) => rate.clone(),
        other => panic!("{name}: expected rate detail, got {other:?}"),
    }
}

const MET: Shortfall = Shortfall::new(Records::Needed(0), Records::Needed(0));

#[test]
fn exactly_at_the_threshold_is_met_with_no_shortfall() {
    for row in rows() {
        let target = target_of(&row);
        let counts = Counts::new(row.at, row.n).unwrap();
        assert_eq!(target.is_met(&counts), Some(true), "{}", row.name);
        assert_eq!(target.shortfall(&counts), Some(MET), "{}", row.name);
        for lever in [Lever::Convert, Lever::Add] {
            assert_eq!(
                target.records_needed(&counts, lever),
                Some(Records::Needed(0)),
                "{} {lever:?}",
                row.name
            );
        }
        let result = attain(&target, counts);
        assert_eq!(result.status, Status::Met, "{}", row.name);
        let detail = rate_detail(row.name, &result);
        assert_eq!(detail.shortfall, MET, "{}", row.name);
        assert_eq!(detail.gap_points, Decimal::ZERO, "{}", row.name);
        assert_eq!(detail.gap_points.to_string(), "0.00", "{}", row.name);
        assert_eq!(detail.ratio, Decimal::ONE, "{}", row.name);
        assert_eq!(detail.percent, row.percent, "{}", row.name);
    }
}

#[test]
fn one_record_below_is_not_met_and_short_by_exactly_one_to_convert() {
    for row in rows() {
        let target = target_of(&row);
        let counts = Counts::new(row.at - 1, row.n).unwrap();
        assert_eq!(target.is_met(&counts), Some(false), "{}", row.name);
        let expected = Shortfall::new(Records::Needed(1), row.add_below);
        assert_eq!(target.shortfall(&counts), Some(expected), "{}", row.name);
        assert_eq!(
            target.records_needed(&counts, Lever::Convert),
            Some(Records::Needed(1)),
            "{}",
            row.name
        );
        assert_eq!(
            target.records_needed(&counts, Lever::Add),
            Some(row.add_below),
            "{}",
            row.name
        );
        // The figures agree with the evaluator: k meets the target, k − 1 does not.
        let one = Lever::Convert
            .apply(counts, target.comparison(), 1)
            .unwrap();
        assert_eq!(target.is_met(&one), Some(true), "{}", row.name);
        if let Records::Needed(k) = row.add_below {
            let comparison = target.comparison();
            let enough = Lever::Add.apply(counts, comparison, k).unwrap();
            let short = Lever::Add.apply(counts, comparison, k - 1).unwrap();
            assert_eq!(target.is_met(&enough), Some(true), "{}", row.name);
            assert_eq!(target.is_met(&short), Some(false), "{}", row.name);
        }
        let result = attain(&target, counts);
        assert_eq!(result.status, Status::NotMet, "{}", row.name);
        let detail = rate_detail(row.name, &result);
        assert_eq!(detail.shortfall, expected, "{}", row.name);
        assert!(detail.gap_points <= Decimal::ZERO, "{}", row.name);
        assert!(detail.ratio < Decimal::ONE, "{}", row.name);
    }
}

#[test]
fn one_record_above_is_met() {
    for row in rows() {
        if row.at == row.n {
            continue; // 100%: no numerator above the denominator exists.
        }
        let target = target_of(&row);
        let counts = Counts::new(row.at + 1, row.n).unwrap();
        assert_eq!(target.is_met(&counts), Some(true), "{}", row.name);
        assert_eq!(target.shortfall(&counts), Some(MET), "{}", row.name);
        let result = attain(&target, counts);
        assert_eq!(result.status, Status::Met, "{}", row.name);
        let detail = rate_detail(row.name, &result);
        // (at + 1)/N − p/100 = 1/N: a gap of 100/N points, rounded (0.33 for II.4, 0.00 for
        // one đồng of 10^15 in V.17).
        let gap = Rounding::default().round(dec!(100) / Decimal::from(row.n));
        assert_eq!(detail.gap_points, gap, "{}", row.name);
        assert!(
            !detail.gap_points.to_string().starts_with('-'),
            "{}",
            row.name
        );
        assert_eq!(detail.ratio, Decimal::ONE, "{}", row.name);
    }
}

#[test]
fn zero_denominator_is_not_applicable_never_a_rate_of_zero() {
    for row in rows() {
        let target = target_of(&row);
        let nothing = Counts::new(0, 0).unwrap();
        assert_eq!(target.is_met(&nothing), None, "{}", row.name);
        assert_eq!(target.shortfall(&nothing), None, "{}", row.name);
        assert_eq!(target.records_needed(&nothing, Lever::Convert), None);
        assert_eq!(target.records_needed(&nothing, Lever::Add), None);
        assert_eq!(nothing.rate(), None, "{}", row.name);
        let reported = attain(&target, nothing);
        assert_eq!(
            (reported.status, &reported.detail),
            (Status::NotApplicable, &Detail::None),
            "{}",
            row.name
        );
        let declared = Target::Rate(target)
            .attain(&Observed::NotApplicable, &Rounding::default())
            .unwrap();
        assert_eq!(declared, reported, "{}", row.name);
        let err = RateAttainment::new(&target, &nothing, &Rounding::default()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidValue, "{}", row.name);
        assert_eq!(err.key(), Some("denominator"), "{}", row.name);
        assert_eq!(
            err.to_string(),
            "denominator is zero: nothing arose in scope (không phát sinh), so there is no rate",
            "{}",
            row.name
        );
    }
}

#[test]
fn everything_done_is_met_at_one_hundred_percent() {
    for row in rows() {
        let target = target_of(&row);
        let counts = Counts::new(row.n, row.n).unwrap();
        assert_eq!(target.is_met(&counts), Some(true), "{}", row.name);
        assert_eq!(target.shortfall(&counts), Some(MET), "{}", row.name);
        let result = attain(&target, counts);
        assert_eq!(result.status, Status::Met, "{}", row.name);
        let detail = rate_detail(row.name, &result);
        assert_eq!(detail.percent.to_string(), "100.00", "{}", row.name);
        assert!(detail.rate.is_full(), "{}", row.name);
        assert_eq!(detail.rate.value(), Decimal::ONE, "{}", row.name);
        assert_eq!(detail.ratio, Decimal::ONE, "{}", row.name);
        // Gap: 100 − p points, e.g. 65.00 for II.4 and 0.00 for the 100% rows.
        assert_eq!(detail.gap_points, dec!(100) - row.percent, "{}", row.name);
    }
}

#[test]
fn minimum_count_of_ii_5a_binds_on_its_own() {
    let target = RateTarget::at_least(Percent::new(dec!(20)).unwrap())
        .unwrap()
        .with_min_count(10)
        .unwrap();
    struct Case {
        name: &'static str,
        g: u64,
        n: u64,
        met: bool,
        convert: Records,
        add: Records,
    }
    let cases = [
        // 8 of 40 = 20% exactly, but 8 < 10: 2 more either way (10/40 = 25%, 10/42 = 23.8%).
        Case {
            name: "8/40",
            g: 8,
            n: 40,
            met: false,
            convert: Records::Needed(2),
            add: Records::Needed(2),
        },
        // 9 of 40 = 22.5%: the count alone is one short.
        Case {
            name: "9/40",
            g: 9,
            n: 40,
            met: false,
            convert: Records::Needed(1),
            add: Records::Needed(1),
        },
        // 10 of 40: both met.
        Case {
            name: "10/40",
            g: 10,
            n: 40,
            met: true,
            convert: Records::Needed(0),
            add: Records::Needed(0),
        },
        // 5 of 8 = 62.5%: 10 of 8 cannot be converted; 5 new ones give 10/13 = 76.9%.
        Case {
            name: "5/8",
            g: 5,
            n: 8,
            met: false,
            convert: Records::Impossible,
            add: Records::Needed(5),
        },
        // 10 of 60 = 16.7%: the rate binds: 12/60 by converting 2; adding k needs
        // k × 80 ≥ 1200 − 1000, k = 3 (13/63 = 20.6% met, 12/62 = 19.4% not).
        Case {
            name: "10/60",
            g: 10,
            n: 60,
            met: false,
            convert: Records::Needed(2),
            add: Records::Needed(3),
        },
    ];
    for case in cases {
        let counts = Counts::new(case.g, case.n).unwrap();
        assert_eq!(target.is_met(&counts), Some(case.met), "{}", case.name);
        assert_eq!(
            target.shortfall(&counts),
            Some(Shortfall::new(case.convert, case.add)),
            "{}",
            case.name
        );
        let status = attain(&target, counts).status;
        let expected = if case.met {
            Status::Met
        } else {
            Status::NotMet
        };
        assert_eq!(status, expected, "{}", case.name);
    }
}

/// 90 of 300 results digitised against 35%.
#[test]
fn plan_example_ii_4_ninety_of_three_hundred() {
    let target = RateTarget::at_least(Percent::new(dec!(35)).unwrap()).unwrap();
    let counts = Counts::new(90, 300).unwrap();
    let result = attain(&target, counts);
    assert_eq!(result.status, Status::NotMet);
    let detail = rate_detail("II.4", &result);
    assert_eq!(detail.percent.to_string(), "30.00");
    assert_eq!(detail.gap_points.to_string(), "-5.00");
    // 105/300 = 35%; (90 + k)/(300 + k) ≥ 35% ⇔ 65k ≥ 10500 − 9000 = 1500, k = ⌈23.08⌉ = 24.
    assert_eq!(
        detail.shortfall,
        Shortfall::new(Records::Needed(15), Records::Needed(24))
    );
    // ratio 30/35 = 6/7 = 0.857142…; 5 points × 6/7 = 4.2857… → 4.29.
    assert!(detail.ratio.to_string().starts_with("0.857142857142857142"));
    assert_eq!(
        Rounding::default().round(detail.ratio * dec!(5)),
        dec!(4.29)
    );
}

/// 49.93% against 50% is not met, whatever the rounded display says.
#[test]
fn plan_example_just_under_fifty_percent() {
    let target = RateTarget::at_least(Percent::new(dec!(50)).unwrap()).unwrap();
    struct Case {
        name: &'static str,
        g: u64,
        n: u64,
        convert: u64,
        add: u64,
    }
    let cases = [
        // 4993/10000: 5000 − 4993 = 7 to convert; adding: 50k ≥ 500000 − 499300 = 700, k = 14
        // (5007/10014 = 50% exactly, 5006/10013 = 49.995%).
        Case {
            name: "4993/10000",
            g: 4993,
            n: 10_000,
            convert: 7,
            add: 14,
        },
        // 699/1400 = 49.9286% → 49.93: one record short to convert; adding: 50k ≥ 100, k = 2.
        Case {
            name: "699/1400",
            g: 699,
            n: 1400,
            convert: 1,
            add: 2,
        },
    ];
    for case in cases {
        let counts = Counts::new(case.g, case.n).unwrap();
        assert_eq!(target.is_met(&counts), Some(false), "{}", case.name);
        let result = attain(&target, counts);
        assert_eq!(result.status, Status::NotMet, "{}", case.name);
        let detail = rate_detail(case.name, &result);
        assert_eq!(detail.percent.to_string(), "49.93", "{}", case.name);
        assert_eq!(
            detail.shortfall,
            Shortfall::new(Records::Needed(case.convert), Records::Needed(case.add)),
            "{}",
            case.name
        );
        // 3 points × ratio rounds to 3.00 although the target is not met.
        assert_eq!(
            Rounding::default()
                .round(detail.ratio * dec!(3))
                .to_string(),
            "3.00",
            "{}",
            case.name
        );
    }
    // Gap of 4993/10000: 49.93 − 50 = −0.07 points.
    let detail = rate_detail("gap", &attain(&target, Counts::new(4993, 10_000).unwrap()));
    assert_eq!(detail.gap_points.to_string(), "-0.07");
    assert_eq!(detail.ratio, dec!(0.9986));
}

/// A gap that rounds to zero from below shows as 0.00, never as a signed zero.
#[test]
fn tiny_negative_gap_rounds_to_plain_zero() {
    let target = RateTarget::at_least(Percent::new(dec!(50)).unwrap()).unwrap();
    // 49999/100000 = 49.999%: gap −0.001 points → 0.00; percent 50.00; still not met.
    let counts = Counts::new(49_999, 100_000).unwrap();
    let result = attain(&target, counts);
    assert_eq!(result.status, Status::NotMet);
    let detail = rate_detail("49.999%", &result);
    assert_eq!(detail.percent.to_string(), "50.00");
    assert_eq!(detail.gap_points.to_string(), "0.00");
    let json = serde_json::to_value(&detail).unwrap();
    assert_eq!(json["gap_points"], "0.00");
}
