//! A plan item and the criterion that measures it: the same target, and the same status at
//! every date (the one rule model).

use cchc::rule::{Detail, Target};
use cchc::{CriteriaSet, Observations, Plan, Rounding, Scorecard, Status};
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Every reference criterion's plan item and the target its rule earns full points for, as
/// read from the plan's appendix (the comment quotes its timeline or measure). "trước D" is
/// strictly before D; "tháng 12/2022", "Quý I/2023" and "năm 2023" are read as by the last day.
const TARGETS: [(&str, &str); 41] = [
    ("I.1a", "by 2022-12-31"),           // Ban hành Kế hoạch tháng 12/2022
    ("I.1b", "by 2023-12-31"),           // Triển khai thực hiện trong năm 2023
    ("I.2a", "before 2023-01-30"),       // Ban hành kế hoạch trước 30/01/2023
    ("I.2b", "before 2023-12-05"),       // … báo cáo UBND TP trước 05/12/2023
    ("II.3", "≥ 100%"),                  // 100% TTHC công khai
    ("II.4", "≥ 35%"),                   // cấp xã 35%
    ("II.5a", "≥ 20% and ≥ 10 records"), // tối thiểu 20% … (tối thiểu 10 TTHC)
    ("II.5b", "before 2023-03-31"),      // báo cáo kết quả thực hiện trước 31/3/2023
    ("II.6", "≥ 20%"),                   // 20% hồ sơ chứng thực điện tử
    ("II.7", "≥ 50%"),                   // 50% hồ sơ đất đai thanh toán trực tuyến
    ("II.8a", "≥ 90%"),                  // mức độ hài lòng ≥ 90%
    ("II.8b", "≥ 80%"),                  // đất đai, xây dựng, đầu tư ≥ 80%
    ("II.8c", "≥ 90%"),                  // cung ứng dịch vụ công ≥ 90%
    ("II.8d", "≥ 85%"),                  // giáo dục công lập ≥ 85%
    ("II.8e", "within 2023-10-01 to 2023-12-31"), // Quý IV/2023
    ("II.9", "done"),                    // assessor points: the plan sets no quantity
    ("II.12", "≥ 100%"),                 // 100% phản ánh, kiến nghị
    ("III.13", "by 2023-12-31"),         // Năm 2023
    ("IV.14", "done"),                   // Năm 2023
    ("IV.15", "≥ 100%"),                 // (the 100% is the reference set's reading)
    ("V.16", "≥ 100%"),                  // (likewise)
    ("V.17", "≥ 95%"),                   // (95% is the reference set's assumption)
    ("V.18", "done"),
    ("V.19", "done"),
    ("VI.20", "≥ 100%"),  // 100% báo cáo định kỳ
    ("VI.21", "≥ 40%"),   // 40% cuộc họp trực tuyến
    ("VI.22", "≥ 85%"),   // 85% hồ sơ công việc trên môi trường mạng
    ("VI.23", "≥ 100%"),  // 100% định danh điện tử
    ("VI.24a", "≥ 100%"), // 100% DVC trực tuyến toàn trình
    ("VI.24b", "≥ 30%"),  // ≥ 30% hồ sơ trực tuyến
    ("VI.25a", "done"),
    ("VI.25b", "done"),                             // assessor points
    ("VII.26a", "within 2023-07-01 to 2023-09-30"), // Quý III/2023
    ("VII.26b", "by 2023-03-31"),                   // Quý I/2023
    ("VII.26c", "by 2023-01-31"),                   // Ban hành Kế hoạch tháng 01/2023
    ("VII.27a", "≥ 1"),                             // sáng kiến
    ("VII.27b", "by 2023-03-31"),                   // Quý I/2023
    ("VII.27c", "done"),
    ("VII.28", "by 2023-12-31"), // Quý IV/2023
    (
        "VII.29",
        "one every 6 months within 2023-01-01 to 2023-12-31",
    ), // 06 tháng/cuộc
    ("VII.30", "within 2023-04-01 to 2023-12-31"), // Quý II-IV/2023
];

#[test]
fn every_reference_criterion_measures_its_plan_item() {
    let set = CriteriaSet::reference();
    let plan = Plan::song_cau_2023();
    let leaves: Vec<_> = set.leaves().collect();
    assert_eq!(leaves.len(), TARGETS.len());
    for (leaf, (id, target)) in leaves.iter().zip(TARGETS) {
        assert_eq!(leaf.criterion.id(), id);
        let item = leaf
            .criterion
            .plan_item()
            .and_then(|item| plan.item(item.as_str()))
            .unwrap_or_else(|| panic!("{id} names a plan item"));
        assert_eq!(item.target().to_string(), target, "{id}: the plan item");
        match leaf.rule.target() {
            // The criterion earns full points exactly for its plan item's target: the same
            // percentage and minimum count, deadline date and wording, window, top step.
            Some(rule_target) => assert_eq!(rule_target, *item.target(), "{id}: the rule"),
            // Assessor points have no target; the plan item is qualitative.
            None => assert_eq!(*item.target(), Target::Done, "{id}"),
        }
    }
}

/// The status a plan item would have for a criterion's status: a plan item is never partial.
fn as_plan_status(status: Status) -> Status {
    match status {
        Status::Partial => Status::NotMet,
        other => other,
    }
}

/// The last day of each month of 2023, and 1 January 2024.
fn month_ends() -> Vec<NaiveDate> {
    (1..=12)
        .map(|m| {
            let next = if m == 12 {
                d(2024, 1, 1)
            } else {
                d(2023, m + 1, 1)
            };
            next.pred_opt().unwrap()
        })
        .chain([d(2024, 1, 1)])
        .collect()
}

fn assert_agree(set: &CriteriaSet, plan: &Plan, obs: &Observations, day: NaiveDate) {
    let card = Scorecard::score_at(set, obs, day).unwrap();
    for leaf in set.leaves() {
        let id = leaf.criterion.id().as_str();
        if leaf.rule.target().is_none() {
            continue;
        }
        let item = plan
            .item(leaf.criterion.plan_item().unwrap().as_str())
            .unwrap();
        let attained = item
            .attain_at(obs.value(id), day, &Rounding::default())
            .unwrap();
        let line = card.criterion(id).unwrap();
        assert_eq!(
            as_plan_status(line.status),
            attained.status,
            "{id} at {day}: criterion {:?} ({}), plan item {:?} ({:?})",
            line.status,
            line.explanation.en(),
            attained.status,
            attained.detail
        );
    }
}

#[test]
fn a_fact_dated_after_the_date_is_not_known_on_either_side() {
    let set = CriteriaSet::reference();
    let plan = Plan::song_cau_2023();
    // I.2a is due before 30/01/2023; the plan was issued on 20/01.
    // VII.29: one meeting in each half-year; held 10/03 and 10/08.
    let obs = Observations::builder("Phường Sông Cầu", 2023)
        .completed("I.2a", d(2023, 1, 20))
        .held("VII.29", [d(2023, 3, 10), d(2023, 8, 10)])
        .build(&set)
        .unwrap();
    let at = |day| Scorecard::score_at(&set, &obs, day).unwrap();
    // On 15/01 the plan is not issued yet, and 29/01 is still to come: pending, 0 points.
    let early = at(d(2023, 1, 15));
    let i2a = early.criterion("I.2a").unwrap();
    assert_eq!(
        (i2a.status, i2a.points.to_string()),
        (Status::Pending, "0.00".into())
    );
    assert_eq!(i2a.open_until, Some(d(2023, 1, 29)));
    let attained = plan
        .attain_at(
            "I.2a",
            obs.value("I.2a"),
            d(2023, 1, 15),
            &Rounding::default(),
        )
        .unwrap();
    assert_eq!(attained.status, Status::Pending);
    // On 20/01 it is known, and on time: met, 2 points.
    let done = at(d(2023, 1, 20));
    assert_eq!(done.criterion("I.2a").unwrap().status, Status::Met);
    assert_eq!(done.criterion("I.2a").unwrap().points.to_string(), "2.00");
    // VII.29 on 31/07: the first half is covered, the second still open: 3 × 1/2 = 1.50,
    // pending; the August meeting is not known yet.
    let july = at(d(2023, 7, 31)).criterion("VII.29").cloned().unwrap();
    assert_eq!(
        (july.status, july.points.to_string()),
        (Status::Pending, "1.50".into())
    );
    let attained = plan
        .attain_at(
            "VII.29",
            obs.value("VII.29"),
            d(2023, 7, 31),
            &Rounding::default(),
        )
        .unwrap();
    assert_eq!(attained.status, Status::Pending);
    let Detail::Frequency(outcome) = attained.detail else {
        panic!("a frequency")
    };
    assert_eq!((outcome.covered, outcome.open, outcome.missed), (1, 1, 0));
    for day in month_ends() {
        assert_agree(&set, &plan, &obs, day);
    }
}

#[test]
fn an_overdue_deadline_is_not_pending_but_can_still_earn_its_late_share() {
    let set = CriteriaSet::reference();
    let plan = Plan::song_cau_2023();
    // II.5b: report before 31/03/2023, not done by 30/06: the target is missed (not met on
    // both sides), yet half of its 1 point can still be earned until 31/12.
    let obs = Observations::builder("Phường Sông Cầu", 2023)
        .not_done("II.5b")
        .build(&set)
        .unwrap();
    let card = Scorecard::score_at(&set, &obs, d(2023, 6, 30)).unwrap();
    let line = card.criterion("II.5b").unwrap();
    assert_eq!(line.status, Status::NotMet);
    assert_eq!(line.open_until, Some(d(2023, 12, 31)));
    assert_eq!(
        plan.attain_at(
            "II.5b",
            obs.value("II.5b"),
            d(2023, 6, 30),
            &Rounding::default()
        )
        .unwrap()
        .status,
        Status::NotMet
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/agreement.txt"))),
        ..ProptestConfig::with_cases(
            // PROPTEST_CASES (the deeper runs of .ci/deep-props.sh) overrides the default.
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48),
        )
    })]

    /// Whatever a ward reports, every plan item and the criterion that measures it agree on
    /// the status at the end of every month of the year (partial counting as not met).
    #[test]
    fn plan_items_and_criteria_agree_at_every_month_end(
        obs in cchc::testing::observations(&CriteriaSet::reference())
    ) {
        let set = CriteriaSet::reference();
        let plan = Plan::song_cau_2023();
        for day in month_ends() {
            assert_agree(&set, &plan, &obs, day);
        }
    }
}

/// A criteria set of one field with the given criteria, written in TOML.
fn one_field(criteria: &str) -> CriteriaSet {
    CriteriaSet::from_toml(&format!(
        "name = \"Thử\"\n[[fields]]\nid = \"I\"\nlabel_vi = \"Thử\"\nlabel_en = \"Test\"\n{criteria}"
    ))
    .unwrap()
}

#[test]
fn steps_that_tie_for_full_points_target_the_lowest_such_step() {
    // 100% → 3 and 90% → 3 pay the same: full points from 90%, so the target is ≥ 90%.
    let set = one_field(
        r#"[[fields.criteria]]
id = "1"
label_vi = "a"
label_en = "a"
max_points = "3"
rule = { kind = "rate_steps", steps = [{ at_least = "100", points = "3" }, { at_least = "90", points = "3" }, { at_least = "50", points = "1" }] }
"#,
    );
    let leaf = set.leaf("1").unwrap();
    let target = leaf.rule.target().unwrap();
    assert_eq!(target.to_string(), "≥ 90%");
    // 95 of 100: 95% ≥ 90%, so 3 points, met, and no record short; the target ≥ 90% is met.
    let obs = Observations::builder("X", 2023)
        .counts("1", 95, 100)
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    let line = card.criterion("1").unwrap();
    assert_eq!(
        (line.status, line.points.to_string()),
        (Status::Met, "3.00".into())
    );
    assert_eq!(line.records_to_convert.and_then(|r| r.needed()), Some(0));
    let attained = target.attain(obs.value("1"), &Rounding::default()).unwrap();
    assert_eq!(attained.status, Status::Met);
}

#[test]
fn late_work_that_keeps_every_point_targets_the_end_of_the_late_period() {
    // Late work up to 31/12 keeps the whole share (1): full points for work done by 31/12.
    let set = one_field(
        r#"[[fields.criteria]]
id = "1"
label_vi = "a"
label_en = "a"
max_points = "2"
rule = { kind = "deadline", date = 2023-03-31, wording = "before", late_share = "1", late_until = 2023-12-31 }
"#,
    );
    let target = set.leaf("1").unwrap().rule.target().unwrap();
    assert_eq!(target.to_string(), "by 2023-12-31");
    let obs = Observations::builder("X", 2023)
        .completed("1", d(2023, 6, 1))
        .build(&set)
        .unwrap();
    // Done on 1 June, late for "before 31/03" but within the late period: 1 × 2 = 2 points,
    // met; the target "by 31/12" is met as well.
    let card = Scorecard::score(&set, &obs).unwrap();
    assert_eq!(card.criterion("1").unwrap().status, Status::Met);
    assert_eq!(
        target
            .attain(obs.value("1"), &Rounding::default())
            .unwrap()
            .status,
        Status::Met
    );
    // On 30/06, not done yet: pending on both sides until 31/12.
    let not_yet = Observations::builder("X", 2023)
        .not_done("1")
        .build(&set)
        .unwrap();
    let at = Scorecard::score_at(&set, &not_yet, d(2023, 6, 30)).unwrap();
    assert_eq!(at.criterion("1").unwrap().status, Status::Pending);
    assert_eq!(
        target
            .attain_at(not_yet.value("1"), d(2023, 6, 30), &Rounding::default())
            .unwrap()
            .status,
        Status::Pending
    );
}
