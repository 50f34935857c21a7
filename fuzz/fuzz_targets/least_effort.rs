//! The least-effort planner on a fixed ward against the reference set, with a goal and costs
//! drawn from the input. When it returns a plan: its steps applied give `after`; `reached` ⇔
//! the index after ≥ the goal's index; the total cost is the sum of the steps' costs; a goal
//! already met gives an empty plan.
//!
//! Input: byte 0 picks the ward (bit 0) and the goal's form (bits 1–2: an index of two bytes
//! as hundredths, a band of the set by its label, or any text as a band); then records of
//! four bytes (kind, criterion, two bytes of value): a cost per record, a lever, a frozen
//! criterion or a task.
#![no_main]

use cchc::rule::{Lever, Reads};
use cchc::whatif::{Change, Costs, Goal, LeastEffortPlan};
use cchc::{Scorecard, Summary};
use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fn goal(head: u8, a: u8, b: u8, text: &[u8]) -> Goal {
    let set = &*cchc_fuzz::REFERENCE;
    match (head >> 1) & 3 {
        0 | 1 => Goal::Index(Decimal::new(
            i64::from(u16::from_le_bytes([a, b]) % 10_001),
            2,
        )),
        2 => {
            let bands = set.bands();
            let band = &bands[usize::from(a) % bands.len()];
            let label = if b & 1 == 0 {
                band.label().vi()
            } else {
                band.label().en()
            };
            Goal::Band(if b & 2 == 0 {
                label.to_owned()
            } else {
                format!(" {} ", label.to_uppercase())
            })
        }
        _ => Goal::Band(String::from_utf8_lossy(text).into_owned()),
    }
}

fn costs(records: &[u8]) -> Costs {
    let set = &*cchc_fuzz::REFERENCE;
    let leaves: Vec<_> = set.leaves().collect();
    let counted: Vec<_> = leaves
        .iter()
        .filter(|l| l.rule.reads() == Reads::Counts)
        .collect();
    let mut costs = Costs::new();
    for record in records.chunks_exact(4).take(16) {
        let [kind, which, lo, hi] = [record[0], record[1], record[2], record[3]];
        let value = u16::from_le_bytes([lo, hi]);
        let leaf = if which < 200 {
            counted[usize::from(which) % counted.len()]
        } else {
            &leaves[usize::from(which) % leaves.len()]
        };
        let id = leaf.criterion.id().clone();
        let lever = if kind & 4 == 0 {
            Lever::Convert
        } else {
            Lever::Add
        };
        costs = match kind & 3 {
            0 => costs.per_record(id, Decimal::new(i64::from(value), u32::from(kind >> 3) % 4)),
            1 => costs.lever(id, lever),
            2 => costs.freeze(id),
            _ => {
                let day = NaiveDate::from_ymd_opt(2022, 12, 1)
                    .expect("a day")
                    .checked_add_days(Days::new(u64::from(value % 500)))
                    .expect("a day");
                let criterion = id.clone();
                let change = if kind & 8 != 0 {
                    Change::MarkNotApplicable { criterion }
                } else {
                    match leaf.rule.reads() {
                        Reads::Counts => Change::AddRecords {
                            criterion,
                            lever,
                            records: u64::from(value),
                        },
                        Reads::Count => Change::SetCount {
                            criterion,
                            count: u64::from(value),
                        },
                        Reads::Completion => Change::CompleteOn {
                            criterion,
                            date: day,
                        },
                        Reads::Dates => Change::HoldOn {
                            criterion,
                            date: day,
                        },
                        Reads::Done => Change::MarkDone { criterion },
                        Reads::Points => Change::SetPoints {
                            criterion,
                            points: Decimal::new(i64::from(value % 1000), 2)
                                .min(leaf.criterion.max_points()),
                        },
                        _ => Change::MarkNotApplicable { criterion },
                    }
                };
                costs.task(change, Decimal::from(kind >> 4))
            }
        };
    }
    costs
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 || data.len() > 3 + 16 * 4 {
        return;
    }
    let set = &*cchc_fuzz::REFERENCE;
    let base = if data[0] & 1 == 0 {
        &*cchc_fuzz::WARD_2023
    } else {
        &*cchc_fuzz::SAMPLE
    };
    let goal = goal(data[0], data[1], data[2], &data[3..data.len().min(11)]);
    let costs = costs(&data[3..]);
    let Ok(plan) = LeastEffortPlan::find(set, base, &goal, &costs) else {
        return;
    };
    let wanted = goal
        .index_in(set)
        .unwrap_or_else(|e| panic!("a plan for a goal the set refuses: {e}"));
    assert_eq!(plan.goal_index, wanted, "goal index");
    let before = Summary::score(set, base).expect("the base scores");
    assert_eq!(plan.before, before, "before");
    let after_obs = plan
        .scenario(base)
        .observations(set)
        .unwrap_or_else(|e| panic!("the plan's steps do not apply: {e}"));
    let card = cchc_fuzz::check_scored(set, &after_obs);
    assert_eq!(
        plan.after, card.summary,
        "the steps applied do not give `after`"
    );
    let reached = plan.after.index.is_some_and(|i| i >= wanted);
    assert_eq!(plan.reached, reached, "reached ⇔ after.index ≥ goal");
    let total = plan.steps.iter().fold(Decimal::ZERO, |acc, s| acc + s.cost);
    assert_eq!(
        plan.total_cost, total,
        "total cost = sum of the steps' costs"
    );
    if before.index.is_some_and(|i| i >= wanted) {
        assert!(plan.steps.is_empty(), "a goal already met needs no step");
        assert!(plan.total_cost.is_zero());
    }
    let before_card = Scorecard::score(set, base).expect("the base scores");
    for step in &plan.steps {
        let id = step.criterion.as_str();
        assert!(step.cost >= Decimal::ZERO, "{id}: negative cost");
        assert_eq!(step.change.criterion(), &step.criterion, "{id}");
        let was = before_card.criterion(id).expect("a line").points;
        assert_eq!(step.points_before, was, "{id}: points before");
        let now = card.criterion(id).expect("a line").points;
        assert_eq!(step.points_after, now, "{id}: points after");
        assert!(
            step.points_after > step.points_before,
            "{id}: a step that gains nothing"
        );
    }
    assert!(
        plan.after.total_points >= before.total_points,
        "a plan that loses points"
    );
});
