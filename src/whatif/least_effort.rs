//! The least-effort planner: an exact multiple-choice knapsack over rounded points.
//!
//! Points per criterion are step-shaped in the records added (rounded points; all-or-nothing
//! and rate steps jump), so a greedy choice by points per cost is wrong in general. Instead:
//!
//! 1. For each rate criterion the planner may move, the **candidate levels** are the distinct
//!    rounded point levels reachable, each with the least k that reaches it. Points are
//!    monotone in k for monotone rules, so the next level is found from the current one by a
//!    galloping search (k + 1, k + 2, k + 4, … then bisection), scoring each probe with
//!    [`ScoringRule::score`]. Levels beyond the points still needed are never listed.
//! 2. Tasks ([`TaskOption`](super::TaskOption)) add one option each, scored the same way.
//! 3. The total needed is found exactly: the least total T (in units of the rounding policy's
//!    resolution, 0.01 by default) whose index, computed by [`Scorecard::index_for`] as
//!    [`Scorecard::score`] computes it, meets the goal. The index is monotone in the total,
//!    so this is a bisection.
//! 4. A dynamic programme over points gained (0 … D units, D = T − total now, gains capped
//!    at D) keeps the least cost of each, one criterion (group) at a time, choosing at most
//!    one option per group. Its answer at D is the least cost; the choices are traced back.
//!
//! Work: O(D × Σ options) additions for the programme, D ≤ 10,000 for a 100-point set at 2
//! decimals; and O(levels × log k) scorings for the levels.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::plan::{Costs, Goal, LeastEffortPlan, PlanStep};
use super::scenario::{Change, Scenario, add_records, comparison_of};
use crate::criteria::{CriteriaSet, NotApplicablePolicy};
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::observations::Observations;
use crate::rate::{Counts, Observed, Rounding};
use crate::rule::{Comparison, Evidence, Lever, Reads, Records, ScoringRule};
use crate::score::{Scorecard, Summary};

/// The most points-gained states (units of the rounding resolution) the planner works with.
const STATE_LIMIT: u64 = 100_000;

struct Option_ {
    gain: u64,
    cost: Decimal,
    points_after: Decimal,
    lever: Option<Lever>,
    records: u64,
    change: Change,
}

struct Group {
    id: Id,
    points_before: Decimal,
    options: Vec<Option_>,
}

/// A rate criterion the planner may move, before its levels are listed.
struct Movable<'a> {
    id: &'a Id,
    group: usize,
    rule: &'a ScoringRule,
    max: Decimal,
    policy: NotApplicablePolicy,
    counts: Counts,
    lever: Lever,
    per_record: Decimal,
    k_max: u64,
    top: Decimal,
}

fn units(value: Decimal, rounding: &Rounding) -> Result<u64> {
    let overflow = || {
        Error::from(Reason::Overflow {
            what: "points in units of the rounding resolution",
        })
    };
    let scale = Decimal::from(10u64.pow(rounding.decimals()));
    let scaled = value.checked_mul(scale).ok_or_else(overflow)?;
    if !scaled.fract().is_zero() {
        return Err(Error::from(Reason::TooManyDecimalPlaces {
            what: "points",
            value,
            limit: rounding.decimals(),
        }));
    }
    scaled.trunc().to_u64().ok_or_else(overflow)
}

fn from_units(units: u64, rounding: &Rounding) -> Decimal {
    let mut value = Decimal::from(units);
    value.set_scale(rounding.decimals()).unwrap_or(());
    value
}

impl Goal {
    /// The index the goal asks for in `set`: the index itself, or the lower bound of the band
    /// named (its Vietnamese or English label, case-insensitive).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for an index outside 0–100;
    /// [`ErrorKind::UnknownId`](crate::ErrorKind::UnknownId) for a band the set does not have
    /// (a set without bands has none).
    pub fn index_in(&self, set: &CriteriaSet) -> Result<Decimal> {
        match self {
            Goal::Index(index) => {
                if *index < Decimal::ZERO || *index > Decimal::ONE_HUNDRED {
                    Err(Error::from(Reason::PercentOutOfRange { value: *index }))
                } else {
                    Ok(*index)
                }
            }
            Goal::Band(label) => {
                let wanted = label.trim().to_lowercase();
                set.bands()
                    .iter()
                    .find(|b| {
                        b.label().vi().to_lowercase() == wanted
                            || b.label().en().to_lowercase() == wanted
                    })
                    .map(|b| b.from())
                    .ok_or_else(|| {
                        Error::from(Reason::UnknownBand {
                            label: label.clone(),
                            allowed: set
                                .bands()
                                .iter()
                                .map(|b| format!("{} / {}", b.label().vi(), b.label().en()))
                                .collect::<Vec<_>>()
                                .join(", "),
                        })
                    })
            }
        }
    }
}

fn check_costs(set: &CriteriaSet, costs: &Costs) -> Result<()> {
    crate::limits::count("tasks", costs.tasks.len(), crate::limits::MAX_CHANGES)
        .map_err(|e| e.with_key("tasks"))?;
    let ids = costs
        .per_record
        .keys()
        .chain(costs.levers.keys())
        .chain(costs.frozen.iter());
    for id in ids {
        let criterion = set.criterion(id.as_str()).ok_or_else(|| {
            Error::from(Reason::UnknownId {
                what: "criterion",
                id: id.to_string(),
            })
            .at(id.as_str())
        })?;
        let reads = criterion.rule().map(ScoringRule::reads);
        if reads != Some(Reads::Counts) {
            return Err(Error::from(Reason::EvidenceMismatch {
                expected: reads.map_or("sub-criteria", |r| r.describe()),
                found: "records",
            })
            .at(id.as_str()));
        }
    }
    for (id, cost) in &costs.per_record {
        if cost.is_sign_negative() && !cost.is_zero() {
            return Err(Error::from(Reason::Negative {
                what: "cost per record",
                value: *cost,
            })
            .at(id.as_str()));
        }
    }
    for task in &costs.tasks {
        if task.cost.is_sign_negative() && !task.cost.is_zero() {
            return Err(Error::from(Reason::Negative {
                what: "task cost",
                value: task.cost,
            })
            .at(task.change.criterion().as_str()));
        }
    }
    Ok(())
}

impl Movable<'_> {
    fn points(&self, records: u64, rounding: &Rounding) -> Result<Decimal> {
        let counts = add_records(self.rule, self.counts, self.lever, records)?;
        let seen = Observed::Reported(Evidence::Counts(counts));
        Ok(self
            .rule
            .score(self.max, &seen, self.policy, rounding)?
            .points)
    }

    /// The least k with points above `current` (points(`from`) = `current` < points(k_max)).
    fn next_level(
        &self,
        from: u64,
        current: Decimal,
        rounding: &Rounding,
    ) -> Result<(u64, Decimal)> {
        let (mut low, mut step) = (from, 1u64);
        let (mut high, mut high_points) = loop {
            let probe = from.saturating_add(step).min(self.k_max);
            let points = self.points(probe, rounding)?;
            if points > current || probe == self.k_max {
                break (probe, points);
            }
            low = probe;
            step = step.saturating_mul(2);
        };
        while high - low > 1 {
            let mid = low + (high - low) / 2;
            let points = self.points(mid, rounding)?;
            if points > current {
                (high, high_points) = (mid, points);
            } else {
                low = mid;
            }
        }
        Ok((high, high_points))
    }
}

impl LeastEffortPlan {
    /// The cheapest changes to `base` that reach `goal` under `costs`; when the goal cannot be
    /// reached, the cheapest changes that reach the best index reachable (`reached = false`).
    /// A goal already met gives an empty plan at cost 0.
    ///
    /// ```
    /// use cchc::whatif::{Costs, Goal, LeastEffortPlan};
    /// use cchc::{CriteriaSet, Observations};
    /// use rust_decimal_macros::dec;
    /// let set = CriteriaSet::reference();
    /// let base = Observations::builder("X", 2023).counts("II.4", 90, 300).build(&set)?;
    /// // 4.29 points of 100 (index 4.29); index 4.5 needs 4.50 points: 5 × (90 + k)/105 ≥ 4.495.
    /// let plan = LeastEffortPlan::find(&set, &base, &Goal::Index(dec!(4.5)), &Costs::new())?;
    /// assert!(plan.reached);
    /// assert_eq!(plan.steps[0].records, 5); // 95/300 → 5 × 95/105 = 4.5238 → 4.52
    /// assert_eq!(plan.total_cost, dec!(5));
    /// assert_eq!(plan.after.index, Some(dec!(4.52)));
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Scorecard::score`] for `base`; [`ErrorKind::UnknownId`](crate::ErrorKind::UnknownId) for an unknown band or
    /// criterion in `costs`; [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for records costed on a criterion
    /// that does not read counts; [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a negative cost;
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for an index goal outside 0–100; as [`Change::apply`] for
    /// a task that cannot be applied; [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for a task that would change
    /// the maximum counted; [`ErrorKind::Limit`](crate::ErrorKind::Limit) when more than 100,000 states of points
    /// gained would be needed; [`ErrorKind::Limit`](crate::ErrorKind::Limit) for costs beyond the decimal range.
    pub fn find(
        set: &CriteriaSet,
        base: &Observations,
        goal: &Goal,
        costs: &Costs,
    ) -> Result<Self> {
        check_costs(set, costs)?;
        let wanted = goal.index_in(set)?;
        let rounding = *set.rounding();
        let before = Scorecard::score(set, base)?;
        let max = before.summary.max_points;
        let meets = |total: u64| -> Result<bool> {
            Ok(
                Scorecard::index_for(from_units(total, &rounding), max, &rounding)?
                    .is_some_and(|index| index >= wanted),
            )
        };
        let total_before = units(before.summary.total_points, &rounding)?;

        let (mut groups, movable) = groups(set, base, &before, costs, &rounding)?;
        let mut gain_max = 0u64;
        for (g, group) in groups.iter().enumerate() {
            let mut most = group.options.iter().map(|o| o.gain).max().unwrap_or(0);
            for m in movable.iter().filter(|m| m.group == g) {
                most = most.max(units(m.top - group.points_before, &rounding)?);
            }
            gain_max = gain_max.saturating_add(most);
        }
        let best = total_before.saturating_add(gain_max);
        let (target, reached) = if meets(total_before)? {
            (total_before, true)
        } else if meets(best)? {
            (least_total(total_before, best, &meets)?, true)
        } else {
            let best_index = Scorecard::index_for(from_units(best, &rounding), max, &rounding)?;
            let same = |total: u64| -> Result<bool> {
                Ok(
                    Scorecard::index_for(from_units(total, &rounding), max, &rounding)?
                        >= best_index,
                )
            };
            (least_total(total_before, best, &same)?, false)
        };
        let needed = target - total_before;
        if needed > STATE_LIMIT {
            return Err(Error::from(Reason::ValueTooLarge {
                what: "states of points gained",
                value: Decimal::from(needed),
                limit: Decimal::from(STATE_LIMIT),
            }));
        }
        // Criteria some of whose costs leave the decimal range: named if no plan is left.
        let mut beyond = Vec::new();
        for m in &movable {
            let (options, cut) = levels(m, needed, &rounding)?;
            if cut {
                beyond.push(m.id.clone());
            }
            if let Some(group) = groups.get_mut(m.group) {
                group.options.extend(options);
            }
        }
        let chosen =
            knapsack(&mut groups, needed, &mut beyond).map_err(|err| match beyond.first() {
                Some(id) => err.at(id.as_str()),
                None => err,
            })?;
        finish(set, base, goal, wanted, &before, reached, groups, chosen)
    }
}

/// The least total in `low..=high` that `meets` (which holds at `high`).
fn least_total(low: u64, high: u64, meets: &dyn Fn(u64) -> Result<bool>) -> Result<u64> {
    let (mut low, mut high) = (low, high);
    if meets(low)? {
        return Ok(low);
    }
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if meets(mid)? {
            high = mid;
        } else {
            low = mid;
        }
    }
    Ok(high)
}

fn groups<'a>(
    set: &'a CriteriaSet,
    base: &Observations,
    before: &Scorecard,
    costs: &Costs,
    rounding: &Rounding,
) -> Result<(Vec<Group>, Vec<Movable<'a>>)> {
    let mut groups = Vec::new();
    let mut movable = Vec::new();
    for leaf in set.leaves() {
        let key = leaf.criterion.id();
        let id = key.as_str();
        let points_before = before.criterion(id).map_or(Decimal::ZERO, |c| c.points);
        let max_counted = before.criterion(id).map_or(Decimal::ZERO, |c| c.max_points);
        let policy = set.policy_of(leaf.criterion);
        let mut group = Group {
            id: key.clone(),
            points_before,
            options: Vec::new(),
        };
        for task in costs.tasks.iter().filter(|t| t.change.criterion() == id) {
            let mut after = base.clone();
            task.change.apply(set, &mut after)?;
            let score = leaf.rule.score(
                leaf.criterion.max_points(),
                after.value(id),
                policy,
                rounding,
            )?;
            if score.max_points != max_counted {
                return Err(Error::from(Reason::NotPlannable {
                    change: task.change.action(),
                    reason: "it changes the maximum counted",
                })
                .at(id));
            }
            if score.points > points_before {
                let (lever, records) = match &task.change {
                    Change::AddRecords { lever, records, .. } => (Some(*lever), *records),
                    _ => (None, 0),
                };
                group.options.push(Option_ {
                    gain: units(score.points - points_before, rounding)?,
                    cost: task.cost,
                    points_after: score.points,
                    lever,
                    records,
                    change: task.change.clone(),
                });
            }
        }
        let counts = match base.value(id) {
            Observed::Reported(Evidence::Counts(c)) if !c.is_not_applicable() => Some(*c),
            _ => None,
        };
        let priced = costs.per_record.contains_key(id) || costs.levers.contains_key(id);
        if priced && (counts.is_none() || costs.frozen.contains(id)) {
            // A cost or lever for a criterion the planner may not move is refused, not ignored.
            return Err(Error::from(Reason::NotPlannable {
                change: "records".to_owned(),
                reason: if counts.is_none() {
                    "no counts are reported (or không phát sinh) to add records to"
                } else {
                    "the criterion is frozen"
                },
            })
            .at(id));
        }
        // Every rule on counts moves the right way under its lever, "at most" rules included
        // (the lever fixes counted records or adds uncounted ones).
        if let Some(counts) = counts
            && leaf.rule.reads() == Reads::Counts
            && !costs.frozen.contains(id)
        {
            let lever = costs.levers.get(id).copied().unwrap_or(Lever::Convert);
            let needed = leaf
                .rule
                .full_target()
                .and_then(|t| t.records_needed(&counts, lever));
            // Records that can be converted: those not yet meeting the measure ("at least") or
            // those counted and to be fixed ("at most").
            let convertible = match comparison_of(leaf.rule) {
                Comparison::AtLeast => counts.remaining(),
                Comparison::AtMost => counts.numerator(),
            };
            let k_max = match (lever, needed) {
                (Lever::Convert, Some(Records::Needed(k))) => k.min(convertible),
                (Lever::Convert, _) => convertible,
                (_, Some(Records::Needed(k))) => k,
                _ => u64::MAX - counts.denominator(),
            };
            let mut m = Movable {
                id: key,
                group: groups.len(),
                rule: leaf.rule,
                max: leaf.criterion.max_points(),
                policy,
                counts,
                lever,
                per_record: costs.per_record.get(id).copied().unwrap_or(Decimal::ONE),
                k_max,
                top: Decimal::ZERO,
            };
            m.top = m.points(k_max, rounding)?;
            if m.top > points_before {
                movable.push(m);
            }
        }
        groups.push(group);
    }
    Ok((groups, movable))
}

/// The distinct rounded levels of `m` above its points now, each with its least k, up to the
/// first level `needed` units or more above; and whether levels were left out because their
/// cost leaves the decimal range.
fn levels(m: &Movable<'_>, needed: u64, rounding: &Rounding) -> Result<(Vec<Option_>, bool)> {
    let now = m.points(0, rounding)?;
    let mut out = Vec::new();
    let (mut k, mut current) = (0u64, now);
    while current < m.top && units(current - now, rounding)? < needed {
        let (next, points) = m.next_level(k, current, rounding)?;
        if points <= current {
            break;
        }
        (k, current) = (next, points);
        // A level whose cost leaves the decimal range is beyond any budget: stop listing.
        let Some(cost) = m.per_record.checked_mul(Decimal::from(k)) else {
            return Ok((out, true));
        };
        out.push(Option_ {
            gain: units(current - now, rounding)?,
            cost,
            points_after: current,
            lever: Some(m.lever),
            records: k,
            change: Change::AddRecords {
                criterion: m.id.clone(),
                lever: m.lever,
                records: k,
            },
        });
    }
    Ok((out, false))
}

/// Least cost to gain at least `needed` units, choosing at most one option per group; the
/// option chosen in each group (`None` = leave as is). A group whose option would take a
/// total cost beyond the decimal range is added to `beyond`.
fn knapsack(groups: &mut [Group], needed: u64, beyond: &mut Vec<Id>) -> Result<Vec<Option<usize>>> {
    let width = usize::try_from(needed).map_err(|_| {
        Error::from(Reason::Overflow {
            what: "states of points gained",
        })
    })? + 1;
    for group in groups.iter_mut() {
        prune(&mut group.options, needed);
    }
    let mut best: Vec<Option<Decimal>> = vec![None; width];
    if let Some(first) = best.first_mut() {
        *first = Some(Decimal::ZERO);
    }
    // For each group and state: the option chosen (0 = none) and the state before it.
    let mut trail: Vec<Vec<(u32, u32)>> = Vec::with_capacity(groups.len());
    for group in groups.iter() {
        let mut next = best.clone();
        let mut came: Vec<(u32, u32)> = (0..width).map(|s| (0, s as u32)).collect();
        for (state, cost) in best.iter().enumerate() {
            let Some(cost) = cost else { continue };
            for (i, option) in group.options.iter().enumerate() {
                let to = usize::try_from((state as u64).saturating_add(option.gain).min(needed))
                    .unwrap_or(width - 1);
                let Some(total) = cost.checked_add(option.cost) else {
                    if !beyond.contains(&group.id) {
                        beyond.push(group.id.clone());
                    }
                    continue;
                };
                if let (Some(slot), Some(from)) = (next.get_mut(to), came.get_mut(to))
                    && slot.is_none_or(|c| total < c)
                {
                    *slot = Some(total);
                    *from = (i as u32 + 1, state as u32);
                }
            }
        }
        best = next;
        trail.push(came);
    }
    if best.last().copied().flatten().is_none() {
        return Err(Error::from(Reason::Overflow {
            what: "the cost of the plan",
        }));
    }
    let mut chosen = vec![None; groups.len()];
    let mut state = width - 1;
    for (g, came) in trail.iter().enumerate().rev() {
        let (option, from) = came.get(state).copied().unwrap_or((0, state as u32));
        if option > 0
            && let Some(slot) = chosen.get_mut(g)
        {
            *slot = Some(option as usize - 1);
        }
        state = from as usize;
    }
    Ok(chosen)
}

/// Caps gains at `needed` and drops options another beats (as much gain or more, for no
/// more cost), keeping the lower option on ties.
fn prune(options: &mut Vec<Option_>, needed: u64) {
    for option in options.iter_mut() {
        option.gain = option.gain.min(needed);
    }
    options.sort_by(|a, b| {
        b.gain
            .cmp(&a.gain)
            .then(a.cost.cmp(&b.cost))
            .then(a.records.cmp(&b.records))
    });
    let mut cheapest: Option<Decimal> = None;
    options.retain(|o| {
        let keep = o.gain > 0 && cheapest.is_none_or(|c| o.cost < c);
        if keep {
            cheapest = Some(o.cost);
        }
        keep
    });
    options.reverse();
}

#[allow(clippy::too_many_arguments)]
fn finish(
    set: &CriteriaSet,
    base: &Observations,
    goal: &Goal,
    wanted: Decimal,
    before: &Scorecard,
    reached: bool,
    groups: Vec<Group>,
    chosen: Vec<Option<usize>>,
) -> Result<LeastEffortPlan> {
    let mut steps = Vec::new();
    for (mut group, choice) in groups.into_iter().zip(chosen) {
        let Some(i) = choice else { continue };
        if i < group.options.len() {
            let option = group.options.swap_remove(i);
            steps.push(PlanStep {
                criterion: group.id,
                lever: option.lever,
                records: option.records,
                change: option.change,
                cost: option.cost,
                points_before: group.points_before,
                points_after: option.points_after,
            });
        }
    }
    let total_cost = steps.iter().map(|s| s.cost).sum();
    let scenario = steps.iter().fold(Scenario::new(base.clone()), |s, step| {
        s.with(step.change.clone())
    });
    // Every figure after comes from the scorer itself.
    let after = Summary::score(set, &scenario.observations(set)?)?;
    let met = after.index.is_some_and(|i| i >= wanted);
    Ok(LeastEffortPlan {
        goal: goal.clone(),
        goal_index: wanted,
        steps,
        total_cost,
        before: before.summary.clone(),
        after,
        reached: reached && met,
    })
}
