//! Many wards: ranking with shared ranks, city figures as ratios of sums, refusals naming the
//! ward, and the lean summary agreeing with the full scorecard.

use cchc::rollup::Rollup;
use cchc::rule::Records;
use cchc::{
    Counts, CriteriaSet, ErrorKind, Evidence, Id, Observations, Observed, Plan, Scorecard, Summary,
    Text,
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal_macros::dec;

fn done(name: &str, ids: &[&str]) -> Observations {
    let mut obs = Observations::builder(name, 2023);
    for id in ids {
        obs = obs.done(id, true);
    }
    obs.build(&CriteriaSet::reference()).unwrap()
}

#[test]
fn ties_share_a_rank() {
    let set = CriteriaSet::reference();
    // V.18 and V.19 are worth 1 point each, VI.25a 2 points.
    let wards = [
        done("A", &["V.18"]),           // 1
        done("B", &["VI.25a"]),         // 2
        done("C", &["V.18", "V.19"]),   // 2
        done("D", &[]),                 // 0
        done("E", &["VI.25a", "V.18"]), // 3
    ];
    let rollup = Rollup::new(&set, &wards).unwrap();
    let order: Vec<_> = rollup
        .wards
        .iter()
        .map(|w| (w.summary.ward.as_str(), w.rank))
        .collect();
    assert_eq!(
        order,
        vec![
            ("E", Some(1)),
            ("B", Some(2)),
            ("C", Some(2)),
            ("A", Some(4)),
            ("D", Some(5))
        ]
    );
    assert_eq!(rollup.wards[0].summary.index, Some(dec!(3.00)));
}

#[test]
fn a_ward_with_every_criterion_not_applicable() {
    let set = CriteriaSet::reference();
    let mut all_na = Observations::builder("Phường N/A", 2023);
    for leaf in set.leaves() {
        all_na = all_na.not_applicable(leaf.criterion.id().as_str());
    }
    let all_na = all_na.build(&set).unwrap();
    // Full points by default: index 100, Xuất sắc.
    let rollup = Rollup::new(&set, &[done("A", &["V.18"]), all_na.clone()]).unwrap();
    assert_eq!(rollup.wards[0].summary.ward, "Phường N/A");
    assert_eq!(rollup.wards[0].summary.index, Some(dec!(100.00)));
    assert_eq!(
        rollup.wards[0].summary.band.as_ref().map(Text::vi),
        Some("Xuất sắc")
    );
    // With "leave out" set-wide, the maximum is 0: no index, no rank, listed last.
    let text = CriteriaSet::reference_toml().replace(
        "not_applicable = \"full_points\"",
        "not_applicable = \"leave_out\"",
    );
    let leave_out = CriteriaSet::from_toml(&text).unwrap();
    leave_out.check_plan_items(&Plan::song_cau_2023()).unwrap();
    let rollup = Rollup::new(&leave_out, &[all_na, done("A", &["V.18"])]).unwrap();
    let last = rollup.wards.last().unwrap();
    assert_eq!(
        (last.summary.ward.as_str(), last.rank, last.summary.index),
        ("Phường N/A", None, None)
    );
    assert_eq!(last.summary.max_points, dec!(0));
    assert_eq!(rollup.city_figure("II.4").unwrap().wards_not_applicable, 1);
}

#[test]
fn city_figures_are_ratios_of_sums() {
    let set = CriteriaSet::reference();
    let ward = |name: &str| Observations::builder(name, 2023);
    let a = ward("A").counts("VI.24b", 30, 100).build(&set).unwrap();
    let b = ward("B").counts("VI.24b", 0, 0).build(&set).unwrap();
    let c = ward("C").not_applicable("VI.24b").build(&set).unwrap();
    let d = ward("D").counts("VI.24b", 60, 900).build(&set).unwrap();
    let e = ward("E").build(&set).unwrap();
    let rollup = Rollup::new(&set, &[a, b, c, d, e]).unwrap();
    let fig = rollup.city_figure("VI.24b").unwrap();
    // 90 of 1000 = 9.00% (the mean of 30% and 6.67% would be 18.33%)
    assert_eq!(fig.counts, Counts::new(90, 1000).unwrap());
    assert_eq!(fig.rate_percent, Some(dec!(9.00)));
    assert_eq!(fig.met, Some(false));
    // 300 − 90 = 210 to convert; 0.7k ≥ 210 → 300 to add
    let short = fig.shortfall.unwrap();
    assert_eq!(
        (short.convert, short.add),
        (Records::Needed(210), Records::Needed(300))
    );
    assert_eq!(
        (
            fig.wards_reported,
            fig.wards_not_applicable,
            fig.wards_missing
        ),
        (3, 1, 1)
    );
    assert!(
        rollup.city_figure("I.1a").is_none(),
        "deadlines have no counts to sum"
    );
    let json: serde_json::Value = serde_json::from_str(&rollup.to_json().unwrap()).unwrap();
    assert_eq!(json["city"].as_array().unwrap().len(), 19); // the 19 rate criteria of §3
}

#[test]
fn a_bad_ward_is_named() {
    let set = CriteriaSet::reference();
    // Built directly, unchecked: the builder would refuse it.
    let bad = Observations::new("Phường Lỗi", 2023).with(
        Id::new("II.4").unwrap(),
        Observed::Reported(Evidence::Done(true)),
    );
    let err = Rollup::new(&set, &[done("A", &[]), bad]).unwrap_err();
    // The ward is named first, then the criterion (`item()` is the innermost).
    assert_eq!(err.path(), ["Phường Lỗi", "II.4"]);
    assert!(err.to_string().starts_with("Phường Lỗi: II.4: "), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/rollup.txt"))),
        ..ProptestConfig::default()
    })]
    /// Ratio of sums: the city rate equals the rate of the summed counts, whatever the split.
    #[test]
    fn city_rate_is_the_rate_of_summed_counts(parts in prop::collection::vec((0u64..1_000_000, 0u64..1_000_000), 1..20)) {
        let set = CriteriaSet::reference();
        let wards: Vec<_> = parts.iter().enumerate().map(|(i, (a, b))| {
            let (g, n) = (*a.min(b), *a.max(b));
            Observations::builder(format!("W{i}"), 2023).counts("II.6", g, n).build(&set).unwrap()
        }).collect();
        let rollup = Rollup::new(&set, &wards).unwrap();
        let g: u64 = parts.iter().map(|(a, b)| *a.min(b)).sum();
        let n: u64 = parts.iter().map(|(a, b)| *a.max(b)).sum();
        let fig = rollup.city_figure("II.6").unwrap();
        prop_assert_eq!(fig.counts, Counts::new(g, n).unwrap());
        let expected = Counts::new(g, n).unwrap().rate().map(|r| r.percent(set.rounding()).unwrap());
        prop_assert_eq!(fig.rate_percent, expected);
    }

    /// The lean summary equals the full scorecard's.
    #[test]
    fn summary_equals_the_scorecard(g in 0u64..500, extra in 0u64..500, done_v18 in any::<bool>(), pts in 0u32..=200) {
        let set = CriteriaSet::reference();
        let obs = Observations::builder("W", 2023)
            .counts("II.4", g, g + extra)
            .done("V.18", done_v18)
            .points("II.9", rust_decimal::Decimal::new(i64::from(pts), 2))
            .appraise("V.18", dec!(0.5), "thiếu hồ sơ")
            .build(&set)
            .unwrap();
        prop_assert_eq!(Summary::score(&set, &obs).unwrap(), Scorecard::score(&set, &obs).unwrap().summary);
    }
}

#[test]
fn wards_must_be_distinct_and_of_one_year() {
    let set = CriteriaSet::reference();
    let err = Rollup::new(&set, &[done("A", &[]), done("A", &["V.18"])]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DuplicateId);
    assert_eq!(err.to_string(), "A: duplicate ward id");
    // Built directly, unchecked: the set is for 2023, so the builder would refuse 1999.
    let older = Observations::new("B", 1999);
    let err = Rollup::new(&set, &[done("A", &[]), older]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotComparable);
    assert_eq!(
        err.to_string(),
        "B: the ward's year 1999 differs from 2023, the year of the first ward"
    );
}
