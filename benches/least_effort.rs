//! The least-effort plan on the reference set, from a realistic ward (most rate criteria
//! below target, index 69.94): to Tốt (80), to Xuất sắc (90), and to 100 (out of reach).

use cchc::whatif::{Costs, Goal, LeastEffortPlan};
use cchc::{CriteriaSet, Id, Observations};
use rust_decimal_macros::dec;

fn main() {
    divan::main();
}

fn setup() -> (CriteriaSet, Observations, Costs) {
    let set = CriteriaSet::reference();
    let base = Observations::from_toml(include_str!("../tests/data/ward_2023.toml"), &set)
        .expect("the fixture is valid");
    // V.17 counts đồng: one đồng costs a millionth of a record's effort.
    let costs = Costs::new().per_record(Id::new("V.17").expect("a valid id"), dec!(0.000001));
    (set, base, costs)
}

#[divan::bench(args = ["Tốt", "Xuất sắc"])]
fn to_band(bencher: divan::Bencher, band: &str) {
    let (set, base, costs) = setup();
    let goal = Goal::Band(band.to_owned());
    bencher.bench(|| LeastEffortPlan::find(&set, &base, divan::black_box(&goal), &costs));
}

#[divan::bench]
fn to_index_100_unreachable(bencher: divan::Bencher) {
    let (set, base, costs) = setup();
    let goal = Goal::Index(dec!(100));
    bencher.bench(|| LeastEffortPlan::find(&set, &base, divan::black_box(&goal), &costs));
}
