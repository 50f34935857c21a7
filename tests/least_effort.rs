//! Least-effort plans: exact, checked by scoring the plan's scenario, and worked by hand.

use cchc::rule::{Lever, Reads};
use cchc::whatif::{Change, Costs, Goal, LeastEffortPlan, Scenario};
use cchc::{CriteriaSet, ErrorKind, Id, Observations, Scorecard, Text};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Four criteria, 20 points, bands Pass ≥ 55 (index = total × 5).
const TRAP: &str = r#"
name = "Greedy trap"
[[bands]]
label_vi = "Đạt"
label_en = "Pass"
from = "55"
to = "100"
[[bands]]
label_vi = "Chưa đạt"
label_en = "Fail"
from = "0"
to = "55"
[[fields]]
id = "I"
label_vi = "Thử"
label_en = "Test"
[[fields.criteria]]
id = "I.1"
label_vi = "A"
label_en = "A"
max_points = "6"
rule = { kind = "all", percent = "100" }
[[fields.criteria]]
id = "I.2"
label_vi = "B"
label_en = "B"
max_points = "4"
rule = { kind = "prop", percent = "50" }
[[fields.criteria]]
id = "I.3"
label_vi = "C"
label_en = "C"
max_points = "3"
rule = { kind = "all", percent = "50" }
[[fields.criteria]]
id = "I.4"
label_vi = "D"
label_en = "D"
max_points = "7"
rule = { kind = "done" }
"#;

fn id(id: &str) -> Id {
    Id::new(id).unwrap()
}

/// A scenario scored, the one way: its observations through `Scorecard::score`.
fn score(set: &CriteriaSet, scenario: &Scenario) -> Scorecard {
    Scorecard::score(set, &scenario.observations(set).unwrap()).unwrap()
}

/// The Vietnamese label of a band, if any.
fn vi(band: &Option<Text>) -> Option<&str> {
    band.as_ref().map(Text::vi)
}

fn trap() -> (CriteriaSet, Observations) {
    let set = CriteriaSet::from_toml(TRAP).unwrap();
    let obs = Observations::builder("X", 2023)
        .counts("I.1", 15, 20) // 75% of 100%, all or nothing: 0
        .counts("I.2", 2, 20) // 10% of 50%: 4 × 10/50 = 0.80
        .counts("I.3", 7, 20) // 35% of 50%, all or nothing: 0
        .done("I.4", true) // 7
        .build(&set)
        .unwrap();
    (set, obs)
}

/// The plan's steps as (criterion, records).
fn steps(plan: &LeastEffortPlan) -> Vec<(&str, u64)> {
    plan.steps
        .iter()
        .map(|s| (s.criterion.as_str(), s.records))
        .collect()
}

/// The plan's own scenario, scored, agrees with every figure the plan reports.
fn verify(set: &CriteriaSet, base: &Observations, plan: &LeastEffortPlan) -> Scorecard {
    let card = score(set, &plan.scenario(base));
    assert_eq!(card.summary.total_points, plan.after.total_points);
    assert_eq!(card.summary.index, plan.after.index);
    assert_eq!(card.summary.band, plan.after.band);
    assert_eq!(
        plan.total_cost,
        plan.steps.iter().map(|s| s.cost).sum::<Decimal>()
    );
    for step in &plan.steps {
        assert_eq!(
            card.criterion(step.criterion.as_str()).unwrap().points,
            step.points_after
        );
    }
    if plan.reached {
        assert!(card.summary.index.unwrap() >= plan.goal_index);
    }
    card
}

#[test]
fn greedy_is_wrong_and_the_plan_is_not() {
    // Now 0 + 0.80 + 0 + 7 = 7.80 → index 39.00. Index 55 needs 11.00, i.e. +3.20.
    // Options: A, 5 records → +6 (cost 5, 1.2 points per record: greedy's first pick);
    //          B, +0.40 per record (4 × (2 + k)/20 ÷ 0.5 = 0.4 (2 + k)), full at k = 8;
    //          C, 3 records → 10/20 = 50% → +3 (cost 3).
    // Cost 3 or less: C alone (+3) or B ≤ 3 records (+1.2) fall short. Cost 4: C + 1 of B
    // = +3.40 → 11.20 → 56.00. Greedy by points per record takes A (cost 5).
    let (set, base) = trap();
    let plan = LeastEffortPlan::find(&set, &base, &Goal::Index(dec!(55)), &Costs::new()).unwrap();
    assert!(plan.reached);
    assert_eq!(plan.total_cost, dec!(4));
    let steps = steps(&plan);
    assert_eq!(steps, [("I.2", 1), ("I.3", 3)]);
    assert_eq!(
        (plan.before.total_points, plan.after.total_points),
        (dec!(7.80), dec!(11.20))
    );
    assert_eq!(
        (plan.before.index, plan.after.index),
        (Some(dec!(39.00)), Some(dec!(56.00)))
    );
    assert_eq!(vi(&plan.after.band), Some("Đạt"));
    verify(&set, &base, &plan);
    // The band by either label, any case, is the same goal (Pass from 55).
    for label in ["Đạt", "pass", "PASS"] {
        let by_band =
            LeastEffortPlan::find(&set, &base, &Goal::Band(label.into()), &Costs::new()).unwrap();
        assert_eq!(by_band.steps, plan.steps, "{label}");
    }
    // Make A's records cheap (0.7 each → 3.5) and it wins: 3.5 < 4.
    let cheap_a = Costs::new().per_record(id("I.1"), dec!(0.7));
    let plan = LeastEffortPlan::find(&set, &base, &Goal::Index(dec!(55)), &cheap_a).unwrap();
    assert_eq!(plan.total_cost, dec!(3.5));
    assert_eq!(plan.steps.len(), 1);
    assert_eq!(
        (plan.steps[0].criterion.as_str(), plan.steps[0].records),
        ("I.1", 5)
    );
    verify(&set, &base, &plan);
}

#[test]
fn free_records_are_taken_to_their_highest_level() {
    // B's records cost nothing (+0.40 each, up to 8 records, +3.20). Index 64 needs total
    // 12.80, +5.00 on 7.80. B alone reaches +3.20 at most; A alone (+6) costs 5; C (+3, cost
    // 3) with B at 5 to 8 records reaches it for 3, the least. Among the free levels of B
    // that tie, the plan takes the highest (more gain for no more cost): 8 records, total
    // 7.80 + 3 + 3.20 = 14.00, index 70.00.
    let (set, base) = trap();
    let free_b = Costs::new().per_record(id("I.2"), dec!(0));
    let plan = LeastEffortPlan::find(&set, &base, &Goal::Index(dec!(64)), &free_b).unwrap();
    assert!(plan.reached);
    assert_eq!(plan.total_cost, dec!(3));
    let steps = steps(&plan);
    assert_eq!(steps, [("I.2", 8), ("I.3", 3)]);
    assert_eq!(plan.after.total_points, dec!(14.00));
    assert_eq!(plan.after.index, Some(dec!(70.00)));
    verify(&set, &base, &plan);
}

#[test]
fn goal_already_met_is_an_empty_plan_at_no_cost() {
    let (set, base) = trap();
    for goal in [
        Goal::Index(dec!(39)),
        Goal::Index(dec!(0)),
        Goal::Band("Fail".into()),
    ] {
        let plan = LeastEffortPlan::find(&set, &base, &goal, &Costs::new()).unwrap();
        assert!(plan.reached);
        assert!(plan.steps.is_empty());
        assert_eq!(plan.total_cost, dec!(0));
        assert_eq!(plan.after.index, Some(dec!(39.00)));
    }
}

#[test]
fn unreachable_goal_reports_the_best_index_and_its_cheapest_plan() {
    // A under the Add lever: 15/20 of 100% never reaches 100%, so A stays at 0.
    // Best: B full (k = 8: 10/20 = 50% → 4.00, +3.20) and C full (k = 3, +3):
    // 0 + 4 + 3 + 7 = 14 → index 70.00, at cost 8 + 3 = 11.
    let (set, base) = trap();
    let costs = Costs::new().lever(id("I.1"), Lever::Add);
    let plan = LeastEffortPlan::find(&set, &base, &Goal::Index(dec!(100)), &costs).unwrap();
    assert!(!plan.reached);
    assert_eq!(plan.after.index, Some(dec!(70.00)));
    assert_eq!(plan.total_cost, dec!(11));
    let steps = steps(&plan);
    assert_eq!(steps, [("I.2", 8), ("I.3", 3)]);
    verify(&set, &base, &plan);
    // Under Convert A is reachable (5 records): index 100 at cost 5 + 8 + 3 = 16.
    let plan = LeastEffortPlan::find(&set, &base, &Goal::Index(dec!(100)), &Costs::new()).unwrap();
    assert!(plan.reached);
    assert_eq!(plan.total_cost, dec!(16));
    verify(&set, &base, &plan);
}

#[test]
fn a_hundred_percent_target_under_the_add_lever_is_impossible() {
    // Reference set: II.3 (all or nothing at 100%) at 58/60; every new record published
    // correctly still leaves 2 unpublished. 10^6 new records: 1000058/1000060 < 100% → 0.
    let set = CriteriaSet::reference();
    let base = Observations::from_toml(include_str!("data/ward_2023.toml"), &set).unwrap();
    let many = Scenario::new(base.clone()).with(Change::AddRecords {
        criterion: id("II.3"),
        lever: Lever::Add,
        records: 1_000_000,
    });
    assert_eq!(
        score(&set, &many).criterion("II.3").unwrap().points,
        dec!(0.00)
    );
    // Only II.3 may move, under Add: nothing can be gained. Best = now (69.94), empty plan.
    let mut costs = Costs::new().lever(id("II.3"), Lever::Add);
    for leaf in set.leaves() {
        let id = leaf.criterion.id();
        if leaf.rule.reads() == Reads::Counts && id != "II.3" {
            costs = costs.freeze(id.clone());
        }
    }
    let plan = LeastEffortPlan::find(&set, &base, &Goal::Index(dec!(70)), &costs).unwrap();
    assert!(!plan.reached);
    assert!(plan.steps.is_empty());
    assert_eq!(plan.after.index, Some(dec!(69.94)));
}

#[test]
fn reference_ward_reaches_good_and_excellent() {
    let set = CriteriaSet::reference();
    let base = Observations::from_toml(include_str!("data/ward_2023.toml"), &set).unwrap();
    // V.17 counts đồng: one đồng costs 0.000001 of a record's effort.
    let costs = Costs::new().per_record(id("V.17"), dec!(0.000001));
    // 69.94 now; Tốt needs 80.00 (+10.06). The cheapest jumps: VI.20 1 record (+3),
    // V.16 1 (+0.75), II.3 2 (+3), II.5a 2 (+2: 10/45 ≥ 20% and 10 ≥ 10), II.12 3 (+1.5):
    // +10.25 at cost 9 → 80.19.
    let plan = LeastEffortPlan::find(&set, &base, &Goal::Band("Tốt".into()), &costs).unwrap();
    assert!(plan.reached);
    assert_eq!(plan.total_cost, dec!(9));
    assert_eq!(plan.after.index, Some(dec!(80.19)));
    assert_eq!(vi(&plan.after.band), Some("Tốt"));
    verify(&set, &base, &plan);
    let excellent =
        LeastEffortPlan::find(&set, &base, &Goal::Band("Excellent".into()), &costs).unwrap();
    assert!(excellent.reached);
    assert!(excellent.after.index.unwrap() >= dec!(90));
    assert!(excellent.total_cost > plan.total_cost);
    verify(&set, &base, &excellent);
    // 100 is out of reach by records alone: deadlines, windows and done tasks cap it.
    let all = LeastEffortPlan::find(&set, &base, &Goal::Index(dec!(100)), &costs).unwrap();
    assert!(!all.reached);
    assert_eq!(all.after.index, Some(dec!(93.00)));
    verify(&set, &base, &all);
}

#[test]
fn tasks_are_options_with_their_own_cost() {
    let set = CriteriaSet::reference();
    let base = Observations::from_toml(include_str!("data/ward_2023.toml"), &set).unwrap();
    // From 69.94, index 70 needs +0.06. Cheapest record: one of II.8b (60/80 → 61/80:
    // 2 × 76.25/80 = 1.90625 → 1.91, +0.03) is not enough; V.16 1 record (+0.75) costs 1.
    // V.19 done (+1) offered at 0.5 is cheaper.
    let costs = Costs::new().per_record(id("V.17"), dec!(0.000001)).task(
        Change::MarkDone {
            criterion: id("V.19"),
        },
        dec!(0.5),
    );
    let plan = LeastEffortPlan::find(&set, &base, &Goal::Index(dec!(70)), &costs).unwrap();
    assert_eq!(plan.total_cost, dec!(0.5));
    assert_eq!(plan.steps.len(), 1);
    assert_eq!(plan.steps[0].lever, None);
    assert_eq!(
        plan.steps[0].change,
        Change::MarkDone {
            criterion: id("V.19")
        }
    );
    verify(&set, &base, &plan);
}

#[test]
fn bad_goals_and_costs_are_refused() {
    let (set, base) = trap();
    let find =
        |goal: Goal, costs: Costs| LeastEffortPlan::find(&set, &base, &goal, &costs).unwrap_err();
    assert_eq!(
        find(Goal::Band("Tốt".into()), Costs::new()).to_string(),
        "no rating band is labelled \"Tốt\" (bands: Đạt / Pass, Chưa đạt / Fail)"
    );
    assert_eq!(
        find(Goal::Index(dec!(101)), Costs::new()).to_string(),
        "percentage 101 is outside 0 to 100"
    );
    assert_eq!(
        find(
            Goal::Index(dec!(50)),
            Costs::new().per_record(id("I.2"), dec!(-1))
        )
        .to_string(),
        "I.2: cost per record -1 is negative"
    );
    assert_eq!(
        find(
            Goal::Index(dec!(50)),
            Costs::new().lever(id("I.4"), Lever::Add)
        )
        .to_string(),
        "I.4: records does not fit a target measured by done / not done"
    );
    let err = find(Goal::Index(dec!(50)), Costs::new().freeze(id("I.9")));
    assert_eq!(err.kind(), ErrorKind::UnknownId);
    assert_eq!(err.to_string(), "I.9: unknown criterion id");
    assert_eq!(err.item(), Some("I.9"));
}

#[test]
fn a_task_that_changes_the_maximum_is_refused() {
    let text = TRAP.replace(
        "name = \"Greedy trap\"",
        "name = \"Leave out\"\nnot_applicable = \"leave_out\"",
    );
    let set = CriteriaSet::from_toml(&text).unwrap();
    let (_, base) = trap();
    let costs = Costs::new().task(
        Change::MarkNotApplicable {
            criterion: id("I.1"),
        },
        dec!(1),
    );
    let err = LeastEffortPlan::find(&set, &base, &Goal::Index(dec!(55)), &costs).unwrap_err();
    assert_eq!(
        err.to_string(),
        "I.1: `mark không phát sinh` cannot be a plan option: it changes the maximum counted"
    );
}

const AT_MOST: &str = r#"
name = "at most"
[[bands]]
label_vi = "Tất cả"
label_en = "All"
from = "0"
to = "100"
[[fields]]
id = "I"
label_vi = "I"
label_en = "I"
[[fields.criteria]]
id = "I.1"
label_vi = "sai sót"
label_en = "errors"
max_points = "5"
rule = { kind = "all", comparison = "at_most", percent = "10" }
[[fields.criteria]]
id = "I.2"
label_vi = "việc"
label_en = "task"
max_points = "5"
rule = { kind = "done" }
[[fields.criteria]]
id = "I.3"
label_vi = "chưa báo cáo"
label_en = "not reported"
max_points = "5"
rule = { kind = "prop", percent = "50" }
"#;

#[test]
fn at_most_rules_are_planned_too() {
    let set = CriteriaSet::from_toml(AT_MOST).unwrap();
    let obs = Observations::builder("X", 2023)
        .counts("I.1", 5, 20) // 25% of records in error, at most 10% allowed: 0 points
        .done("I.2", true)
        .not_applicable("I.3")
        .build(&set)
        .unwrap();
    // Fix 3 of the 5 counted records: 2/20 = 10% ≤ 10% → 5 points, index 100.
    let plan = LeastEffortPlan::find(&set, &obs, &Goal::Index(dec!(100)), &Costs::new()).unwrap();
    assert!(plan.reached);
    assert_eq!(plan.total_cost, dec!(3));
    assert_eq!(
        (plan.steps[0].criterion.as_str(), plan.steps[0].records),
        ("I.1", 3)
    );
    // Adding uncounted records instead: 5/(20 + k) ≤ 10% → k = 30.
    let add = Costs::new().lever(id("I.1"), Lever::Add);
    let plan = LeastEffortPlan::find(&set, &obs, &Goal::Index(dec!(100)), &add).unwrap();
    assert_eq!((plan.steps[0].records, plan.total_cost), (30, dec!(30)));
    // A price for a criterion with no counts to move is refused, not ignored.
    let priced = Costs::new().per_record(id("I.3"), dec!(2));
    let err = LeastEffortPlan::find(&set, &obs, &Goal::Index(dec!(100)), &priced).unwrap_err();
    assert_eq!(err.item(), Some("I.3"));
    assert_eq!(err.kind(), ErrorKind::Mismatch, "{err}");
    assert_eq!(
        err.to_string(),
        "I.3: `records` cannot be a plan option: no counts are reported (or không phát sinh) to add records to"
    );
}

#[test]
fn a_criterion_priced_beyond_any_budget_does_not_abort_the_plan() {
    let set = CriteriaSet::reference();
    let obs = Observations::builder("X", 2023)
        .counts("II.4", 90, 300)
        .counts("II.6", 30, 200)
        .build(&set)
        .unwrap();
    let costs = Costs::new().per_record(id("II.4"), Decimal::MAX);
    let plan = LeastEffortPlan::find(&set, &obs, &Goal::Index(dec!(7)), &costs).unwrap();
    // 4.29 + 2.25 = 6.54 now, 7.00 needed. II.6 alone: 6 records give 3 × 36/40 = 2.70
    // (6.99, short); 7 give 3 × 37/40 = 2.775 → 2.78, total 7.07.
    assert!(plan.reached);
    let steps = steps(&plan);
    assert_eq!(steps, [("II.6", 7)]);
    assert_eq!(plan.after.total_points, dec!(7.07));
}

#[test]
fn meetings_in_several_periods_are_one_task() {
    let set = CriteriaSet::reference();
    let obs = Observations::new("X", 2023);
    let date = |m, d| chrono::NaiveDate::from_ymd_opt(2023, m, d).unwrap();
    // VII.29: one UBND meeting in each half of 2023 (3 points). One meeting is an option
    // worth 1.50; both halves need one task holding both dates.
    let costs = Costs::new()
        .task(
            Change::HoldOn {
                criterion: id("VII.29"),
                date: date(3, 1),
            },
            dec!(1),
        )
        .task(
            Change::HoldOnDates {
                criterion: id("VII.29"),
                dates: vec![date(3, 1), date(9, 1)],
            },
            dec!(2),
        );
    let plan = LeastEffortPlan::find(&set, &obs, &Goal::Index(dec!(3)), &costs).unwrap();
    assert!(plan.reached);
    assert_eq!(
        (plan.total_cost, plan.after.index),
        (dec!(2), Some(dec!(3.00)))
    );
    let plan = LeastEffortPlan::find(&set, &obs, &Goal::Index(dec!(1.5)), &costs).unwrap();
    assert_eq!(
        (plan.total_cost, plan.after.index),
        (dec!(1), Some(dec!(1.50)))
    );
}
