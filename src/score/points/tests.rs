//! Unit tests of the points of each rule.

use super::*;
use crate::rate::Percent;
use crate::rule::{Deadline, DeadlineRule, DeadlineWording};
use rust_decimal_macros::dec;

fn counts(g: u64, n: u64) -> Observed<Evidence> {
    Observed::Reported(Evidence::Counts(Counts::new(g, n).unwrap()))
}

fn score(rule: &ScoringRule, max: Decimal, seen: &Observed<Evidence>) -> CriterionScore {
    rule.score(
        max,
        seen,
        NotApplicablePolicy::FullPoints,
        &Rounding::default(),
    )
    .unwrap()
}

#[test]
fn judged_on_exact_points() {
    // 49.93% of a 50% target: 3 × 0.9986 = 2.9958 → 3.00 rounded, yet partial.
    let rule = ScoringRule::ProportionalToTarget(Percent::new(dec!(50)).unwrap());
    let s = score(&rule, dec!(3), &counts(4993, 10000));
    assert_eq!(s.points, dec!(3.00));
    assert_eq!(s.status, Status::Partial);
    assert_eq!(s.rate_percent, Some(dec!(49.93)));
}

fn before_jan_30() -> ScoringRule {
    let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    let due = Deadline::new(d(1, 30), DeadlineWording::Before).unwrap();
    ScoringRule::Deadline(DeadlineRule::new(due, Share::HALF, d(12, 31)).unwrap())
}

#[test]
fn deadline_late_share() {
    let rule = before_jan_30();
    let on = |m, d| Observed::Reported(Evidence::Completed(NaiveDate::from_ymd_opt(2023, m, d)));
    assert_eq!(score(&rule, dec!(2), &on(1, 29)).points, dec!(2.00));
    let late = score(&rule, dec!(2), &on(1, 30));
    assert_eq!((late.points, late.status), (dec!(1.00), Status::Partial));
    let never = score(
        &rule,
        dec!(2),
        &Observed::Reported(Evidence::Completed(None)),
    );
    assert_eq!((never.points, never.status), (dec!(0.00), Status::NotMet));
}

#[test]
fn a_completion_after_the_date_is_not_known() {
    let rule = before_jan_30();
    let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    let done = Observed::Reported(Evidence::Completed(Some(d(1, 20))));
    let at = |day| {
        rule.score_at(
            dec!(2),
            &done,
            NotApplicablePolicy::FullPoints,
            &Rounding::default(),
            day,
        )
        .unwrap()
    };
    assert_eq!(
        (at(d(1, 10)).status, at(d(1, 10)).points),
        (Status::Pending, dec!(0.00))
    );
    assert_eq!(at(d(1, 10)).open_until, Some(d(1, 29)));
    assert_eq!(
        (at(d(1, 20)).status, at(d(1, 20)).points),
        (Status::Met, dec!(2.00))
    );
}

#[test]
fn not_applicable_policies() {
    let rule = ScoringRule::Proportional;
    let p = |policy| {
        rule.score(dec!(4), &counts(0, 0), policy, &Rounding::default())
            .unwrap()
    };
    let full = p(NotApplicablePolicy::FullPoints);
    assert_eq!((full.points, full.max_points), (dec!(4.00), dec!(4)));
    let out = p(NotApplicablePolicy::LeaveOut);
    assert_eq!((out.points, out.max_points), (dec!(0.00), dec!(0)));
    let zero = p(NotApplicablePolicy::Zero);
    assert_eq!((zero.points, zero.max_points), (dec!(0.00), dec!(4)));
    assert_eq!(zero.status, Status::NotApplicable);
}

#[test]
fn assessor_above_max_is_refused() {
    let err = ScoringRule::Assessor
        .score(
            dec!(2),
            &Observed::Reported(Evidence::Points(dec!(2.5))),
            NotApplicablePolicy::FullPoints,
            &Rounding::default(),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "assessor points of 2.5 points is above the maximum of 2"
    );
    assert_eq!(err.key(), Some("points"));
}
