//! A plan from TOML and JSON (the first byte picks the format): when valid, it is written and
//! read back equal in both formats.
#![no_main]

use cchc::Plan;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Some(text) = cchc_fuzz::text(rest) else {
        return;
    };
    let read = if mode & 1 == 0 {
        Plan::from_toml(text)
    } else {
        Plan::from_json(text)
    };
    let Ok(plan) = read else {
        return;
    };
    let toml = plan
        .to_toml()
        .unwrap_or_else(|e| panic!("to_toml refuses: {e}"));
    let back = Plan::from_toml(&toml)
        .unwrap_or_else(|e| panic!("the TOML written is not read back: {e}\n{toml}"));
    assert_eq!(back, plan, "TOML read back different:\n{toml}");
    let json = plan
        .to_json()
        .unwrap_or_else(|e| panic!("to_json refuses: {e}"));
    let back = Plan::from_json(&json)
        .unwrap_or_else(|e| panic!("the JSON written is not read back: {e}\n{json}"));
    assert_eq!(back, plan, "JSON read back different:\n{json}");
    // The same plan from the other format's text: the readers agree.
    assert_eq!(Plan::from_json(&plan.to_json().unwrap()).unwrap(), back);
});
