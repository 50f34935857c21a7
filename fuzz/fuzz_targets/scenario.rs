//! A scenario JSON against the reference set: when it reads, its changes apply, the result
//! scores within the invariants, and the scenario is written and read back equal.
#![no_main]

use cchc::whatif::Scenario;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = cchc_fuzz::text(data) else {
        return;
    };
    let set = &*cchc_fuzz::REFERENCE;
    let Ok(scenario) = Scenario::from_json(text, set) else {
        return;
    };
    let obs = scenario
        .observations(set)
        .unwrap_or_else(|e| panic!("a scenario read does not apply: {e}"));
    cchc_fuzz::check_observations(set, &obs);
    cchc_fuzz::check_scored(set, scenario.base());
    let json = scenario
        .to_json()
        .unwrap_or_else(|e| panic!("to_json refuses: {e}"));
    let back = Scenario::from_json(&json, set)
        .unwrap_or_else(|e| panic!("the scenario written is not read back: {e}\n{json}"));
    assert_eq!(back, scenario, "the scenario reads back different:\n{json}");
});
