//! Goals, costs and the shape of a least-effort plan.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::scenario::{Change, Scenario};
use crate::id::Id;
use crate::observations::Observations;
use crate::rule::Lever;
use crate::score::Summary;

/// What a least-effort plan must reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Goal {
    /// At least this rating band (or a better one), named by its Vietnamese or English label
    /// (`"Tốt"` or `"Good"`, case-insensitive): the index is at least the band's `from`.
    Band(String),
    /// An index of at least this value, 0–100.
    Index(#[serde(deserialize_with = "crate::decimal::strict")] Decimal),
}

/// A task the planner may choose, with what it costs: a deadline met, a meeting held, a task
/// done, … (any [`Change`]; for records prefer [`Costs::per_record`], which the planner
/// searches level by level).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TaskOption {
    /// The change (it names its criterion).
    pub change: Change,
    /// What doing it costs, 0 or more (same unit as the costs per record).
    #[serde(deserialize_with = "crate::decimal::strict")]
    pub cost: Decimal,
}

/// What each change costs, and which changes the planner may make.
///
/// Costs are [`Decimal`]s in any unit the user chooses (records, hours, đồng), never negative.
/// A criterion counted in đồng (V.17, disbursement) is priced per đồng like any other record:
/// price it ([`Costs::per_record`]) or [`freeze`](Costs::freeze) it. The planner works over
/// total points in units of the rounding policy (0.01 by default) and refuses a gap of more
/// than 100,000 units (1,000 points at 2 decimals; 10 points at 4 decimals).
/// By default every rate criterion that reads counts, is monotone
/// ([`ScoringRule::is_monotone`](crate::rule::ScoringRule::is_monotone)) and has counts
/// reported may take records, at a cost of 1 per record, under [`Lever::Convert`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Costs {
    /// Cost of one record, by criterion id (default 1).
    #[serde(default, deserialize_with = "crate::decimal::strict_map")]
    pub per_record: BTreeMap<Id, Decimal>,
    /// Lever, by criterion id (default [`Lever::Convert`]).
    #[serde(default)]
    pub levers: BTreeMap<Id, Lever>,
    /// Rate criteria the planner must leave as they are.
    #[serde(default)]
    pub frozen: BTreeSet<Id>,
    /// Other changes the planner may choose, each with its cost. Options for the same
    /// criterion (records or tasks) are alternatives: at most one is chosen.
    #[serde(default)]
    pub tasks: Vec<TaskOption>,
}

impl Costs {
    /// Cost 1 per record under [`Lever::Convert`] everywhere, no tasks.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the cost of one record of criterion `id`.
    #[must_use]
    pub fn per_record(mut self, id: Id, cost: Decimal) -> Self {
        self.per_record.insert(id, cost);
        self
    }

    /// Sets the lever of criterion `id`.
    #[must_use]
    pub fn lever(mut self, id: Id, lever: Lever) -> Self {
        self.levers.insert(id, lever);
        self
    }

    /// Leaves criterion `id` as it is.
    #[must_use]
    pub fn freeze(mut self, id: Id) -> Self {
        self.frozen.insert(id);
        self
    }

    /// Offers a task at a cost.
    #[must_use]
    pub fn task(mut self, change: Change, cost: Decimal) -> Self {
        self.tasks.push(TaskOption { change, cost });
        self
    }
}

/// One step of a least-effort plan: one criterion's change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlanStep {
    /// The criterion's id.
    pub criterion: Id,
    /// The lever, for records; `None` for a task.
    pub lever: Option<Lever>,
    /// Records converted or added (0 for a task).
    pub records: u64,
    /// The change itself.
    pub change: Change,
    /// What the step costs.
    pub cost: Decimal,
    /// The criterion's points before, rounded.
    pub points_before: Decimal,
    /// The criterion's points after, rounded.
    pub points_after: Decimal,
}

/// The cheapest set of changes that reaches a [`Goal`], or, when it cannot be reached, the
/// cheapest that reaches the best index reachable.
///
/// Every figure "after" comes from scoring the plan's scenario with
/// [`Scorecard::score`](crate::Scorecard::score).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LeastEffortPlan {
    /// The goal asked for.
    pub goal: Goal,
    /// The least index that meets the goal.
    pub goal_index: Decimal,
    /// The steps, in the criteria set's order.
    pub steps: Vec<PlanStep>,
    /// The sum of the steps' costs.
    pub total_cost: Decimal,
    /// The headline figures before.
    pub before: Summary,
    /// The headline figures after the plan.
    pub after: Summary,
    /// Whether the goal is reached. When not, the plan reaches the best index reachable.
    pub reached: bool,
}

impl LeastEffortPlan {
    /// The plan as a scenario on `base`: one change per step.
    #[must_use]
    pub fn scenario(&self, base: &Observations) -> Scenario {
        self.steps
            .iter()
            .fold(Scenario::new(base.clone()), |scenario, step| {
                scenario.with(step.change.clone())
            })
    }
}
