//! A workbook read as a filled observations template (`Observations::from_xlsx`) against the
//! reference set, QĐ 766 and a set with bonus and penalty points. Whatever reads must score
//! within the invariants and round-trip through TOML and JSON.
//!
//! Byte 0 picks the mode. Even: the rest is the workbook as it is (zip bytes). Odd: the rest is
//! a data sheet's XML, then after a NUL byte the shared strings' XML, put into the sample
//! ward's filled template in place of its own (stored, so that the reader sees exactly these
//! bytes): the fuzzer then works on cells, not on compressed bytes.
#![no_main]

use cchc::Observations;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let patched;
    let bytes = if mode & 1 == 0 {
        rest
    } else {
        let (sheet, strings) = match rest.iter().position(|&b| b == 0) {
            Some(at) => (&rest[..at], Some(&rest[at + 1..])),
            None => (rest, None),
        };
        let entries: Vec<_> = cchc_fuzz::FILLED_ENTRIES
            .iter()
            .map(|(name, content)| {
                let content = match (name.as_str(), strings) {
                    (cchc_fuzz::SHEET, _) => sheet.to_vec(),
                    (cchc_fuzz::STRINGS, Some(strings)) => strings.to_vec(),
                    _ => content.clone(),
                };
                (name.clone(), content)
            })
            .collect();
        patched = cchc_fuzz::rezip(&entries);
        &patched[..]
    };
    for set in cchc_fuzz::sets() {
        if let Ok(obs) = Observations::from_xlsx(bytes, set) {
            cchc_fuzz::check_observations(set, &obs);
        }
    }
});
