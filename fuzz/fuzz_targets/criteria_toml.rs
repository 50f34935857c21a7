//! A criteria set from TOML: when valid, it is written and read back equal in TOML and JSON,
//! and an empty observations file and generated observations score within the invariants.
#![no_main]

use cchc::CriteriaSet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = cchc_fuzz::text(data) else {
        return;
    };
    if let Ok(set) = CriteriaSet::from_toml(text) {
        cchc_fuzz::check_set(&set, data);
    }
});
