//! Every scoring rule kind at its edges, through `ScoringRule::score`.

use cchc::criteria::{Criterion, NotApplicablePolicy};
use cchc::rule::{
    Categories, CategoryOption, Comparison, Deadline, DeadlineRule, DeadlineWording, Frequency,
    RateTarget, ScoringRule, Share, Step, Steps, Window, WindowRule,
};
use cchc::{Counts, ErrorKind, Evidence, Id, Observed, Percent, Rounding, Status, Text};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn pct(value: Decimal) -> Percent {
    Percent::new(value).unwrap()
}

fn share(value: Decimal) -> Share {
    Share::new(value).unwrap()
}

fn window(start: NaiveDate, end: NaiveDate) -> Window {
    Window::new(start, end).unwrap()
}

fn counts(g: u64, n: u64) -> Observed<Evidence> {
    Observed::Reported(Evidence::Counts(Counts::new(g, n).unwrap()))
}

fn score(rule: &ScoringRule, max: Decimal, seen: Observed<Evidence>) -> (Decimal, Status) {
    let s = rule
        .score(
            max,
            &seen,
            NotApplicablePolicy::FullPoints,
            &Rounding::default(),
        )
        .unwrap();
    (s.points, s.status)
}

use Status::{Met, Missing, NotApplicable, NotMet, Partial};

#[test]
fn all_or_nothing_with_minimum_count() {
    let rule = ScoringRule::AllOrNothing(
        RateTarget::new(Comparison::AtLeast, pct(dec!(20)))
            .unwrap()
            .with_min_count(10)
            .unwrap(),
    );
    assert_eq!(score(&rule, dec!(2), counts(10, 50)), (dec!(2.00), Met)); // exactly 20% and 10
    assert_eq!(score(&rule, dec!(2), counts(9, 50)), (dec!(0.00), NotMet)); // 18%
    assert_eq!(score(&rule, dec!(2), counts(9, 40)), (dec!(0.00), NotMet)); // 22.5% but 9
    assert_eq!(score(&rule, dec!(2), counts(11, 50)), (dec!(2.00), Met));
    assert_eq!(
        score(&rule, dec!(2), counts(0, 0)),
        (dec!(2.00), NotApplicable)
    );
    let all = ScoringRule::AllOrNothing(RateTarget::at_least(pct(dec!(100))).unwrap());
    assert_eq!(score(&all, dec!(3), counts(99, 100)), (dec!(0.00), NotMet));
    assert_eq!(score(&all, dec!(3), counts(100, 100)), (dec!(3.00), Met));
}

#[test]
fn proportional_to_the_rate() {
    let rule = ScoringRule::Proportional;
    assert_eq!(score(&rule, dec!(4), counts(3, 4)), (dec!(3.00), Partial));
    assert_eq!(score(&rule, dec!(4), counts(0, 4)), (dec!(0.00), NotMet));
    assert_eq!(score(&rule, dec!(4), counts(4, 4)), (dec!(4.00), Met));
    assert_eq!(score(&rule, dec!(3), counts(1, 3)), (dec!(1.00), Partial)); // 3 × 1/3 = 1 exactly
    assert_eq!(score(&rule, dec!(5), counts(1, 3)), (dec!(1.67), Partial)); // 1.666…
}

#[test]
fn proportional_to_a_target_is_capped() {
    let rule = ScoringRule::ProportionalToTarget(pct(dec!(35)));
    assert_eq!(score(&rule, dec!(5), counts(105, 300)), (dec!(5.00), Met)); // at 35%
    assert_eq!(
        score(&rule, dec!(5), counts(104, 300)),
        (dec!(4.95), Partial)
    ); // 5 × 104/105
    assert_eq!(score(&rule, dec!(5), counts(300, 300)), (dec!(5.00), Met)); // capped
    let zero = ScoringRule::ProportionalToTarget(Percent::ZERO);
    assert_eq!(score(&zero, dec!(5), counts(0, 300)), (dec!(5.00), Met)); // 0% target: always met
    // …which is why a criterion refuses it (MIGRATION: "at least 0%" targets refused).
    let err =
        Criterion::new(Id::new("X.1").unwrap(), Text::new("x", "x"), dec!(5), zero).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.item(), Some("X.1"));
    assert!(err.to_string().contains("always met"), "{err}");
    // 0.9999 of max rounds to max yet stays partial
    let rule = ScoringRule::ProportionalToTarget(pct(dec!(100)));
    assert_eq!(
        score(&rule, dec!(1), counts(9999, 10000)),
        (dec!(1.00), Partial)
    );
}

#[test]
fn rate_steps_from_the_top() {
    let rule = ScoringRule::RateSteps(
        Steps::new(
            [
                (dec!(100), dec!(3)),
                (dec!(95), dec!(2)),
                (dec!(80), dec!(1)),
            ]
            .into_iter()
            .map(|(at_least, points)| Step::new(pct(at_least), points).unwrap())
            .collect(),
        )
        .unwrap(),
    );
    assert_eq!(score(&rule, dec!(3), counts(20, 20)), (dec!(3.00), Met));
    assert_eq!(score(&rule, dec!(3), counts(19, 20)), (dec!(2.00), Partial)); // 95% exactly
    assert_eq!(
        score(&rule, dec!(3), counts(94, 100)),
        (dec!(1.00), Partial)
    );
    assert_eq!(
        score(&rule, dec!(3), counts(80, 100)),
        (dec!(1.00), Partial)
    );
    assert_eq!(score(&rule, dec!(3), counts(79, 100)), (dec!(0.00), NotMet));
}

#[test]
fn count_steps() {
    // "họp 4 lần/năm: 20 điểm; 3 lần: 15; 2 lần: 10; 1 lần: 5; còn lại: 0"
    let rule = ScoringRule::CountSteps(
        Steps::new(
            [(4, 20), (3, 15), (2, 10), (1, 5)]
                .into_iter()
                .map(|(n, p)| Step::new(n, Decimal::from(p)).unwrap())
                .collect(),
        )
        .unwrap(),
    );
    let count = |n| Observed::Reported(Evidence::Count(n));
    assert_eq!(score(&rule, dec!(20), count(5)), (dec!(20.00), Met));
    assert_eq!(score(&rule, dec!(20), count(4)), (dec!(20.00), Met));
    assert_eq!(score(&rule, dec!(20), count(3)), (dec!(15.00), Partial));
    assert_eq!(score(&rule, dec!(20), count(1)), (dec!(5.00), Partial));
    assert_eq!(score(&rule, dec!(20), count(0)), (dec!(0.00), NotMet));
}

#[test]
fn categories() {
    let option = |key: &str, value| {
        CategoryOption::new(Id::new(key).unwrap(), Text::new(key, key), share(value))
    };
    let rule = ScoringRule::Categories(
        Categories::new(vec![
            option("chairman", dec!(1)),
            option("vice", dec!(0.5)),
            option("other", dec!(0)),
        ])
        .unwrap(),
    );
    // The method names each option with its share of the maximum, "; " between them.
    assert_eq!(
        rule.method().en(),
        "chairman: 1 × max; vice: 0.5 × max; other: 0 × max"
    );
    assert_eq!(
        rule.method().vi(),
        "chairman: 1 × tối đa; vice: 0,5 × tối đa; other: 0 × tối đa"
    );
    let cat = |k: &str| Observed::Reported(Evidence::Category(Id::new(k).unwrap()));
    assert_eq!(score(&rule, dec!(3), cat("chairman")), (dec!(3.00), Met));
    assert_eq!(score(&rule, dec!(3), cat("vice")), (dec!(1.50), Partial));
    assert_eq!(score(&rule, dec!(3), cat("other")), (dec!(0.00), NotMet));
    let err = rule
        .score(
            dec!(3),
            &cat("mayor"),
            NotApplicablePolicy::FullPoints,
            &Rounding::default(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownId);
    assert_eq!(err.key(), Some("category"));
    assert_eq!(err.value().as_deref(), Some("mayor"));
    assert_eq!(err.to_string(), "unknown category id \"mayor\"");
}

#[test]
fn deadlines_before_and_by() {
    let rule = |wording| {
        let deadline = Deadline::new(d(2023, 3, 31), wording).unwrap();
        ScoringRule::Deadline(
            DeadlineRule::new(deadline, share(dec!(0.5)), d(2023, 12, 31)).unwrap(),
        )
    };
    let done = |day: NaiveDate| Observed::Reported(Evidence::Completed(Some(day)));
    let before = rule(DeadlineWording::Before);
    assert_eq!(
        score(&before, dec!(2), done(d(2023, 3, 30))),
        (dec!(2.00), Met)
    );
    assert_eq!(
        score(&before, dec!(2), done(d(2023, 3, 31))),
        (dec!(1.00), Partial)
    );
    assert_eq!(
        score(&before, dec!(2), done(d(2023, 12, 31))),
        (dec!(1.00), Partial)
    );
    assert_eq!(
        score(&before, dec!(2), done(d(2024, 1, 1))),
        (dec!(0.00), NotMet)
    );
    let by = rule(DeadlineWording::By);
    assert_eq!(score(&by, dec!(2), done(d(2023, 3, 31))), (dec!(2.00), Met));
    assert_eq!(
        score(&by, dec!(2), done(d(2023, 4, 1))),
        (dec!(1.00), Partial)
    );
    assert_eq!(
        score(&by, dec!(2), Observed::Reported(Evidence::Completed(None))),
        (dec!(0.00), NotMet)
    );
    assert_eq!(
        score(&by, dec!(2), Observed::Missing),
        (dec!(0.00), Missing)
    );
}

#[test]
fn windows_at_both_ends() {
    let rule = ScoringRule::Window(WindowRule::new(
        window(d(2023, 10, 1), d(2023, 12, 31)),
        share(dec!(0.5)),
        window(d(2023, 1, 1), d(2023, 12, 31)),
    ));
    let held = |days: Vec<NaiveDate>| Observed::Reported(Evidence::Held(days));
    assert_eq!(
        score(&rule, dec!(1), held(vec![d(2023, 10, 1)])),
        (dec!(1.00), Met)
    );
    assert_eq!(
        score(&rule, dec!(1), held(vec![d(2023, 12, 31)])),
        (dec!(1.00), Met)
    );
    assert_eq!(
        score(&rule, dec!(1), held(vec![d(2023, 9, 30)])),
        (dec!(0.50), Partial)
    );
    assert_eq!(
        score(&rule, dec!(1), held(vec![d(2023, 9, 30), d(2023, 11, 5)])),
        (dec!(1.00), Met)
    );
    assert_eq!(
        score(&rule, dec!(1), held(vec![d(2024, 1, 1)])),
        (dec!(0.00), NotMet)
    );
    assert_eq!(score(&rule, dec!(1), held(vec![])), (dec!(0.00), NotMet));
}

#[test]
fn half_year_frequency() {
    let rule =
        ScoringRule::Frequency(Frequency::new(6, window(d(2023, 1, 1), d(2023, 12, 31))).unwrap());
    let held = |days: Vec<NaiveDate>| Observed::Reported(Evidence::Held(days));
    assert_eq!(
        score(&rule, dec!(3), held(vec![d(2023, 6, 30), d(2023, 7, 1)])),
        (dec!(3.00), Met)
    );
    assert_eq!(
        score(&rule, dec!(3), held(vec![d(2023, 1, 1), d(2023, 6, 30)])),
        (dec!(1.50), Partial)
    );
    assert_eq!(
        score(&rule, dec!(3), held(vec![d(2022, 12, 31)])),
        (dec!(0.00), NotMet)
    );
}

#[test]
fn done_and_assessor() {
    let done = |b| Observed::Reported(Evidence::Done(b));
    assert_eq!(
        score(&ScoringRule::Done, dec!(1), done(true)),
        (dec!(1.00), Met)
    );
    assert_eq!(
        score(&ScoringRule::Done, dec!(1), done(false)),
        (dec!(0.00), NotMet)
    );
    let pts = |p| Observed::Reported(Evidence::Points(p));
    assert_eq!(
        score(&ScoringRule::Assessor, dec!(2), pts(dec!(2))),
        (dec!(2.00), Met)
    );
    assert_eq!(
        score(&ScoringRule::Assessor, dec!(2), pts(dec!(0))),
        (dec!(0.00), NotMet)
    );
    assert_eq!(
        score(&ScoringRule::Assessor, dec!(2), pts(dec!(1.255))),
        (dec!(1.26), Partial)
    );
    let err = ScoringRule::Assessor
        .score(
            dec!(2),
            &pts(dec!(-1)),
            NotApplicablePolicy::FullPoints,
            &Rounding::default(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue, "{err}");
    assert_eq!(err.value().as_deref(), Some("-1"));
    assert_eq!(err.key(), Some("points"));
    assert_eq!(err.to_string(), "assessor points -1 is negative");
}

#[test]
fn evidence_of_the_wrong_kind_is_refused() {
    let err = ScoringRule::Done
        .score(
            dec!(1),
            &counts(1, 2),
            NotApplicablePolicy::FullPoints,
            &Rounding::default(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Mismatch, "{err}");
    assert_eq!(
        err.to_string(),
        "counts does not fit a target measured by done / not done"
    );
}

#[test]
fn not_applicable_policy_per_criterion() {
    let rule = ScoringRule::Done;
    for (policy, points, max) in [
        (NotApplicablePolicy::FullPoints, dec!(4.00), dec!(4)),
        (NotApplicablePolicy::LeaveOut, dec!(0.00), dec!(0)),
        (NotApplicablePolicy::Zero, dec!(0.00), dec!(4)),
    ] {
        let s = rule
            .score(
                dec!(4),
                &Observed::NotApplicable,
                policy,
                &Rounding::default(),
            )
            .unwrap();
        assert_eq!(
            (s.points, s.max_points, s.status),
            (points, max, NotApplicable),
            "{policy:?}"
        );
    }
}

#[test]
fn a_done_rule_targets_done_and_judgement_rules_none() {
    // Done / not done is met exactly when done; an assessor's points and categories have no
    // target a plan item could share.
    assert_eq!(ScoringRule::Done.target(), Some(cchc::rule::Target::Done));
    assert_eq!(ScoringRule::Assessor.target(), None);
}
