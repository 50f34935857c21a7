//! Attainment of every item of the built-in plan from prepared observations.
//!
//! ```text
//! cargo bench --bench attainment
//! ```

use cchc::rule::Target;
use cchc::{Counts, Evidence, Observed, Plan, Rounding};
use chrono::Days;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

/// One observation per item, of the kind its target measures, spread over met and not met.
fn observations(plan: &Plan) -> Vec<(String, Observed<Evidence>)> {
    plan.items()
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let evidence = match *item.target() {
                // 90 of 300 for even rows, 299 of 300 for odd ones.
                Target::Rate(_) if index % 2 == 0 => Counts::new(90, 300).map(Evidence::Counts),
                Target::Rate(_) => Counts::new(299, 300).map(Evidence::Counts),
                Target::Count(_) => Ok(Evidence::Count(2)),
                // On the day named: on time for "by", late for "before".
                Target::Deadline(deadline) => Ok(Evidence::Completed(Some(deadline.date()))),
                Target::Window(window) => Ok(Evidence::Held(vec![
                    window
                        .start()
                        .checked_sub_days(Days::new(3))
                        .unwrap_or(window.start()),
                    window.end(),
                ])),
                Target::Frequency(frequency) => {
                    Ok(Evidence::Held(vec![frequency.within().start()]))
                }
                _ => Ok(Evidence::Done(index % 3 != 0)),
            };
            let observed = evidence.map_or(Observed::Missing, Observed::Reported);
            (item.id().to_string(), observed)
        })
        .collect()
}

/// Every item through `Plan::attain` (id lookup, evaluation, figures and shortfalls).
#[divan::bench]
fn attain_every_item(bencher: Bencher) {
    let plan = Plan::song_cau_2023();
    let observations = observations(&plan);
    let rounding = Rounding::default();
    assert!(
        observations
            .iter()
            .all(|(id, seen)| plan.attain(id, seen, &rounding).is_ok())
    );
    bencher.bench_local(|| {
        for (id, seen) in &observations {
            let _ = black_box(plan.attain(black_box(id), black_box(seen), &rounding));
        }
    });
}

/// Reading the built-in plan's TOML, for comparison.
#[divan::bench]
fn read_plan_toml(bencher: Bencher) {
    let text = Plan::song_cau_2023().to_toml().unwrap_or_default();
    bencher.bench_local(|| Plan::from_toml(black_box(&text)).is_ok());
}
