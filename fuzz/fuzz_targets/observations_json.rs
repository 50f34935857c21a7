//! Observations JSON read against the reference set, QĐ 766 and a set with a survey part,
//! bonus and penalty points; whatever reads must score within its invariants, render, and
//! read back equal from TOML and JSON.
#![no_main]

use cchc::Observations;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = cchc_fuzz::text(data) else {
        return;
    };
    for set in cchc_fuzz::sets() {
        if let Ok(obs) = Observations::from_json(text, set) {
            cchc_fuzz::check_observations(set, &obs);
        }
    }
});
