//! Law: what the crate writes, it reads back unchanged. JSON for every value type of the core,
//! TOML for targets as they are written in criteria files.

use cchc::rate::Rate;
use cchc::rule::{
    Attainment, Comparison, CountTarget, Deadline, DeadlineWording, Frequency, RateTarget, Records,
    Shortfall, Target, Window,
};
use cchc::{Counts, Evidence, Observed, Percent, Rounding};
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::Decimal;
use serde::{Serialize, de::DeserializeOwned};
use std::fmt::Debug;

const MAX_COUNT: u64 = 1_000_000_000_000_000;

fn json<T: Serialize + DeserializeOwned>(value: &T) -> T {
    serde_json::from_str(&serde_json::to_string(value).unwrap()).unwrap()
}

fn toml_trip<T: Serialize + DeserializeOwned + Debug>(value: &T) -> T {
    let text = toml::to_string(value).unwrap();
    toml::from_str(&text).unwrap_or_else(|e| panic!("{value:?} → {text}: {e}"))
}

fn counts() -> impl Strategy<Value = Counts> {
    (0..=MAX_COUNT, any::<u64>()).prop_map(|(n, g)| Counts::new(g % (n + 1), n).unwrap())
}

fn percent() -> impl Strategy<Value = Percent> {
    (0u32..=4)
        .prop_flat_map(|scale| (0..=100 * 10i64.pow(scale), Just(scale)))
        .prop_map(|(m, scale)| Percent::new(Decimal::new(m, scale)).unwrap())
}

/// A day between 1900-01-01 and 2100-12-31.
fn date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    (0u64..73_414).prop_map(move |days| first + chrono::Days::new(days))
}

fn window() -> impl Strategy<Value = Window> {
    (date(), 0u64..800)
        .prop_map(|(start, len)| Window::new(start, start + chrono::Days::new(len)).unwrap())
}

/// A valid rate target: "at least 0%" is refused since every report meets it (see the CHANGELOG:
/// `RateTarget::at_least(p) -> Result`, refuses 0%), so it is no value to write.
fn rate_target() -> impl Strategy<Value = RateTarget> {
    (percent(), any::<bool>(), prop::option::of(0..=MAX_COUNT)).prop_filter_map(
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

fn target() -> impl Strategy<Value = Target> {
    let wording = prop_oneof![Just(DeadlineWording::Before), Just(DeadlineWording::By)];
    prop_oneof![
        rate_target().prop_map(Target::Rate),
        // At least 0 is refused (every count meets it): from 1.
        (1..=MAX_COUNT).prop_map(|at_least| Target::Count(CountTarget::new(at_least).unwrap())),
        (date(), wording).prop_map(|(d, w)| Target::Deadline(Deadline::new(d, w).unwrap())),
        window().prop_map(Target::Window),
        (1u32..=12, window()).prop_map(|(m, w)| Target::Frequency(Frequency::new(m, w).unwrap())),
        Just(Target::Done),
    ]
}

fn records() -> impl Strategy<Value = Records> {
    prop_oneof![
        Just(Records::Impossible),
        any::<u64>().prop_map(Records::Needed)
    ]
}

/// Evidence of the kind `target` measures.
fn evidence_for(target: Target) -> BoxedStrategy<Evidence> {
    match target {
        Target::Rate(_) => counts().prop_map(Evidence::Counts).boxed(),
        Target::Count(_) => (0..=MAX_COUNT).prop_map(Evidence::Count).boxed(),
        Target::Deadline(_) => prop::option::of(date())
            .prop_map(Evidence::Completed)
            .boxed(),
        Target::Window(_) | Target::Frequency(_) => prop::collection::vec(date(), 0..4)
            .prop_map(Evidence::Held)
            .boxed(),
        _ => any::<bool>().prop_map(Evidence::Done).boxed(),
    }
}

fn observed_for(target: Target) -> impl Strategy<Value = Observed<Evidence>> {
    prop_oneof![
        8 => evidence_for(target).prop_map(Observed::Reported),
        1 => Just(Observed::NotApplicable),
        1 => Just(Observed::Missing),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/law_round_trip.txt"))),
        ..ProptestConfig::default()
    })]
    #[test]
    fn counts_and_observed_counts(counts in counts(), state in 0u8..3) {
        prop_assert_eq!(json(&counts), counts);
        let observed = match state {
            0 => Observed::Reported(counts),
            1 => Observed::NotApplicable,
            _ => Observed::Missing,
        };
        prop_assert_eq!(json(&observed), observed);
    }

    #[test]
    fn rate_keeps_its_terms(counts in counts()) {
        prop_assume!(counts.denominator() > 0);
        let rate = counts.rate().unwrap();
        let back: Rate = json(&rate);
        // Not only equal as fractions: the same numerator and denominator.
        prop_assert_eq!(
            (back.numerator(), back.denominator()),
            (counts.numerator(), counts.denominator())
        );
    }

    #[test]
    fn percent_as_a_string(percent in percent()) {
        let text = serde_json::to_string(&percent).unwrap();
        prop_assert_eq!(&text, &format!("\"{}\"", percent.value()));
        prop_assert_eq!(json(&percent), percent);
    }

    #[test]
    fn rate_target_through_target(target in rate_target()) {
        let back: Target = json(&Target::Rate(target));
        prop_assert_eq!(back, Target::Rate(target));
        let Target::Rate(back) = back else {
            return Err(TestCaseError::fail("not a rate target"));
        };
        prop_assert_eq!(back.percent(), target.percent());
        prop_assert_eq!(back.min_count(), target.min_count());
        prop_assert_eq!(back.comparison(), target.comparison());
    }

    // `TargetSpec` is private now (see the CHANGELOG); a `Target` is written through it, so the
    // written form is checked on what `Target` writes: tagged by its kind, read back unchanged.
    #[test]
    fn every_target_kind_json_and_toml(target in target()) {
        let written: serde_json::Value = serde_json::to_value(target).unwrap();
        prop_assert_eq!(written["kind"].as_str(), Some(target.kind()));
        prop_assert_eq!(serde_json::from_value::<Target>(written).unwrap(), target);
        prop_assert_eq!(json(&target), target);
        let text = toml::to_string(&target).unwrap();
        let kind = format!("kind = \"{}\"", target.kind());
        prop_assert!(text.lines().any(|l| l == kind), "{}", text);
        prop_assert_eq!(toml_trip(&target), target);
    }

    #[test]
    fn shortfall(convert in records(), add in records()) {
        let shortfall = Shortfall::new(convert, add);
        prop_assert_eq!(json(&shortfall), shortfall);
    }

    #[test]
    fn attainment_of_every_kind(
        (target, observed) in target().prop_flat_map(|t| (Just(t), observed_for(t))),
    ) {
        let attainment: Attainment = target.attain(&observed, &Rounding::default()).unwrap();
        prop_assert_eq!(json(&attainment), attainment);
    }
}

/// The written forms are the documented ones (the crate docs' style), not just self-consistent.
#[test]
fn written_forms() {
    let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    let ii5a = Target::Rate(
        RateTarget::at_least(Percent::new(Decimal::new(20, 0)).unwrap())
            .unwrap()
            .with_min_count(10)
            .unwrap(),
    );
    assert_eq!(
        serde_json::to_string(&ii5a).unwrap(),
        r#"{"kind":"rate","comparison":"at_least","percent":"20","min_count":10}"#
    );
    let i2a = Target::Deadline(Deadline::new(d(1, 30), DeadlineWording::Before).unwrap());
    assert_eq!(
        serde_json::to_string(&i2a).unwrap(),
        r#"{"kind":"deadline","date":"2023-01-30","wording":"before"}"#
    );
    // TOML local dates and numbers read the same as strings.
    let written: Target = toml::from_str(
        "kind = \"frequency\"\nevery_months = 6\nstart = 2023-01-01\nend = \"2023-12-31\"",
    )
    .unwrap();
    assert_eq!(
        written,
        Target::Frequency(Frequency::new(6, Window::year(2023).unwrap()).unwrap())
    );
    let rate: Target = toml::from_str("kind = \"rate\"\npercent = 35\n").unwrap();
    assert_eq!(
        rate,
        Target::Rate(RateTarget::at_least(Percent::new(Decimal::new(35, 0)).unwrap()).unwrap())
    );
    let Target::Rate(rate) = rate else {
        unreachable!()
    };
    assert_eq!(rate.comparison(), Comparison::AtLeast);
    assert_eq!(
        serde_json::to_string(&Observed::Reported(Counts::new(90, 300).unwrap())).unwrap(),
        r#"{"reported":{"numerator":90,"denominator":300}}"#
    );
    assert_eq!(
        serde_json::to_string(&Observed::<Counts>::NotApplicable).unwrap(),
        r#""not_applicable""#
    );
}
