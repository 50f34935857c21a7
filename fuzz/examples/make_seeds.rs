//! Writes the seed corpora (`fuzz/seeds/<target>/`) and the dictionary (`fuzz/dict/cchc.dict`)
//! from the crate's own data: the example and test files, the built-in criteria sets and plan,
//! and what the crate writes for them (TOML, JSON, scenarios, templates).
//!
//! `cargo run --manifest-path fuzz/Cargo.toml --example make_seeds` (stable is enough).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use cchc::rule::{Lever, Reads};
use cchc::whatif::{Change, Costs, Goal, LeastEffortPlan, Scenario};
use cchc::{CriteriaSet, Lang, Observations, Plan};
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &str) -> String {
    fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

struct Seeds {
    dir: PathBuf,
    words: BTreeSet<String>,
}

impl Seeds {
    fn put(&mut self, target: &str, name: &str, bytes: &[u8]) {
        let dir = self.dir.join(target);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join(name), bytes).unwrap();
        if let Ok(text) = std::str::from_utf8(bytes) {
            self.learn(text);
        }
    }

    /// Keys of TOML (`key =`) and JSON (`"key":`) texts, for the dictionary.
    fn learn(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.trim_start_matches([' ', '[', '{', ',']);
            if let Some((key, _)) = line.split_once(" =") {
                let key = key.trim().trim_matches('"');
                if !key.is_empty()
                    && key.len() < 30
                    && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                {
                    self.words.insert(format!("{key} = "));
                }
            }
            if let Some(rest) = line.strip_prefix('"')
                && let Some((key, _)) = rest.split_once("\":")
                && !key.is_empty()
                && key.len() < 30
                && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                self.words.insert(format!("\"{key}\": "));
            }
        }
    }
}

fn changes(set: &CriteriaSet) -> Vec<Change> {
    let day = |m, d| NaiveDate::from_ymd_opt(2023, m, d).unwrap();
    set.leaves()
        .map(|leaf| {
            let criterion = leaf.criterion.id().clone();
            match leaf.rule.reads() {
                Reads::Counts => Change::AddRecords {
                    criterion,
                    lever: Lever::Convert,
                    records: 7,
                },
                Reads::Count => Change::SetCount {
                    criterion,
                    count: 3,
                },
                Reads::Completion => Change::CompleteOn {
                    criterion,
                    date: day(3, 15),
                },
                Reads::Dates => Change::HoldOnDates {
                    criterion,
                    dates: vec![day(6, 30), day(12, 1)],
                },
                Reads::Done => Change::MarkDone { criterion },
                Reads::Points => Change::SetPoints {
                    criterion,
                    points: leaf.criterion.max_points(),
                },
                _ => Change::MarkNotApplicable { criterion },
            }
        })
        .collect()
}

fn main() {
    let mut seeds = Seeds {
        dir: root().join("fuzz/seeds"),
        words: BTreeSet::new(),
    };
    let _ = fs::remove_dir_all(&seeds.dir);
    let reference = CriteriaSet::reference();
    let qd766 = CriteriaSet::preset("qd766").unwrap();
    let excel_set = CriteriaSet::from_toml(&read("tests/data/excel_set.toml")).unwrap();

    // Observations: the files as they are, and as the crate writes them.
    for (path, set) in [
        ("examples/data/sample_observations_2023.toml", &reference),
        ("examples/data/bad_observations.toml", &reference),
        ("examples/data/qd766_2025-07.toml", &qd766),
        ("tests/data/ward_2023.toml", &reference),
        ("tests/data/excel_obs.toml", &excel_set),
    ] {
        let text = read(path);
        let name = Path::new(path).file_stem().unwrap().to_str().unwrap();
        seeds.put(
            "observations_toml",
            &format!("{name}.toml"),
            text.as_bytes(),
        );
        let Ok(obs) = Observations::from_toml(&text, set) else {
            continue;
        };
        let toml = obs.to_toml().unwrap();
        seeds.put(
            "observations_toml",
            &format!("{name}.written.toml"),
            toml.as_bytes(),
        );
        let json = obs.to_json().unwrap();
        seeds.put(
            "observations_json",
            &format!("{name}.json"),
            json.as_bytes(),
        );
    }
    seeds.put(
        "observations_json",
        "empty.json",
        b"{\"ward\": \"Ph\xc6\xb0\xe1\xbb\x9dng th\xe1\xbb\xad\", \"year\": 2023}",
    );

    // Criteria sets: the built-in files, the test set, every preset as written.
    for path in [
        "src/criteria/reference.toml",
        "src/criteria/qd766.toml",
        "tests/data/excel_set.toml",
    ] {
        let name = Path::new(path).file_stem().unwrap().to_str().unwrap();
        seeds.put(
            "criteria_toml",
            &format!("{name}.toml"),
            read(path).as_bytes(),
        );
    }
    for name in ["reference", "qd766", "qd766-province"] {
        let set = CriteriaSet::preset(name).unwrap();
        let toml = set.to_toml().unwrap();
        seeds.put(
            "criteria_toml",
            &format!("{name}.written.toml"),
            toml.as_bytes(),
        );
        let json = set.to_json().unwrap();
        seeds.put("criteria_json", &format!("{name}.json"), json.as_bytes());
    }
    let json = excel_set.to_json().unwrap();
    seeds.put("criteria_json", "excel_set.json", json.as_bytes());

    // Plans: byte 0 picks TOML (0) or JSON (1).
    let plan_text = read("src/plan/song_cau_2023.toml");
    let plan = Plan::from_toml(&plan_text).unwrap();
    for (name, mode, text) in [
        ("song_cau_2023.toml", 0u8, plan_text.clone()),
        ("song_cau_2023.written.toml", 0, plan.to_toml().unwrap()),
        ("song_cau_2023.json", 1, plan.to_json().unwrap()),
    ] {
        let mut bytes = vec![mode];
        bytes.extend_from_slice(text.as_bytes());
        seeds.put("plan", name, &bytes);
    }

    // Scenarios: every kind of change the reference set takes, on two wards; a least-effort
    // plan's scenario.
    let ward = Observations::from_toml(&read("tests/data/ward_2023.toml"), &reference).unwrap();
    let sample = Observations::from_toml(
        &read("examples/data/sample_observations_2023.toml"),
        &reference,
    )
    .unwrap();
    for (name, base) in [("ward_2023", &ward), ("sample", &sample)] {
        let mut scenario = Scenario::new(base.clone());
        for change in changes(&reference) {
            let mut trial = scenario.clone();
            trial.push(change);
            if trial.observations(&reference).is_ok() {
                scenario = trial;
            }
        }
        seeds.put(
            "scenario",
            &format!("{name}.json"),
            scenario.to_json().unwrap().as_bytes(),
        );
        seeds.put(
            "scenario",
            &format!("{name}.unchanged.json"),
            Scenario::new(base.clone()).to_json().unwrap().as_bytes(),
        );
        let plan = LeastEffortPlan::find(
            &reference,
            base,
            &Goal::Index(Decimal::from(90)),
            &Costs::new(),
        )
        .unwrap();
        seeds.put(
            "scenario",
            &format!("{name}.least_effort.json"),
            plan.scenario(base).to_json().unwrap().as_bytes(),
        );
    }

    // Least effort: [ward and goal form, two bytes of goal, then records of four bytes].
    let index = |ward: u8, hundredths: u16| {
        let [a, b] = hundredths.to_le_bytes();
        vec![ward, a, b]
    };
    for (name, bytes) in [
        ("index_50", index(0, 5000)),
        ("index_90", index(0, 9000)),
        ("index_100", index(0, 10_000)),
        ("sample_index_80", index(1, 8000)),
        ("band_good", vec![4, 1, 0]),
        ("band_en_upper", vec![5, 2, 3]),
        ("band_text", b"\x06Kh\xc3\xa1".to_vec()),
        (
            "costs",
            [
                index(0, 9000),
                vec![
                    0, 1, 5, 0, 4, 2, 0, 0, 1, 3, 0, 0, 2, 4, 0, 0, 3, 5, 9, 0, 0x13, 210, 1, 0,
                ],
            ]
            .concat(),
        ),
    ] {
        seeds.put("least_effort", name, &bytes);
    }

    // Templates: byte 0 even, the workbook; odd, a data sheet and shared strings patched into
    // the sample's filled template.
    let mut workbooks = vec![
        (
            "blank_reference_vi",
            cchc::observations::xlsx::template(&reference, Lang::Vi).unwrap(),
        ),
        (
            "blank_qd766_en",
            cchc::observations::xlsx::template(&qd766, Lang::En).unwrap(),
        ),
        (
            "blank_excel_set_vi",
            cchc::observations::xlsx::template(&excel_set, Lang::Vi).unwrap(),
        ),
        (
            "filled_sample",
            cchc_fuzz::filled_template(&reference, &sample, "2023"),
        ),
    ];
    let qd766_month =
        Observations::from_toml(&read("examples/data/qd766_2025-07.toml"), &qd766).unwrap();
    workbooks.push((
        "filled_qd766",
        cchc_fuzz::filled_template(&qd766, &qd766_month, "2025-07"),
    ));
    for (name, book) in &workbooks {
        let mut bytes = vec![0u8];
        bytes.extend_from_slice(book);
        seeds.put("xlsx_template", &format!("{name}.xlsx.bin"), &bytes);
    }
    for (name, book) in &workbooks[..1] {
        let entries = cchc_fuzz::unzip(book);
        let part = |wanted: &str| {
            entries
                .iter()
                .find(|(n, _)| n == wanted)
                .map(|(_, c)| c.clone())
                .unwrap_or_default()
        };
        let mut bytes = vec![1u8];
        bytes.extend(part(cchc_fuzz::SHEET));
        bytes.push(0);
        bytes.extend(part(cchc_fuzz::STRINGS));
        seeds.put("xlsx_template", &format!("{name}.parts.bin"), &bytes);
    }
    let entries = &*cchc_fuzz::FILLED_ENTRIES;
    let part = |wanted: &str| {
        entries
            .iter()
            .find(|(n, _)| n == wanted)
            .map(|(_, c)| c.clone())
            .unwrap()
    };
    let mut bytes = vec![1u8];
    bytes.extend(part(cchc_fuzz::SHEET));
    bytes.push(0);
    bytes.extend(part(cchc_fuzz::STRINGS));
    seeds.put("xlsx_template", "filled_sample.parts.bin", &bytes);

    // The dictionary: every key seen, in both forms, and the values of fixed form.
    let mut dict =
        String::from("# Keys and values of cchc's files, made by fuzz/examples/make_seeds.rs.\n");
    let mut words: BTreeSet<String> = seeds.words.clone();
    for value in [
        "true",
        "false",
        "\"2023-12-31\"",
        "2023-06-30",
        "\"0.5\"",
        "\"100\"",
        "[[",
        "]]",
        "[",
        "]",
        "{",
        "}",
        "\"",
        ",",
        "<c r=\"D7\"><v>",
        "</v></c>",
        "t=\"s\"",
        "<is><t>",
        "<row r=\"",
        "<si><t>",
        "</t></si>",
        "1e400",
        "18446744073709551616",
        "-0",
        "\u{feff}",
    ] {
        words.insert(value.to_owned());
    }
    for word in words {
        let escaped: String = word
            .bytes()
            .map(|b| match b {
                b'"' => "\\\"".to_owned(),
                b'\\' => "\\\\".to_owned(),
                0x20..=0x7e => char::from(b).to_string(),
                _ => format!("\\x{b:02X}"),
            })
            .collect();
        dict.push_str(&format!("\"{escaped}\"\n"));
    }
    let dict_dir = root().join("fuzz/dict");
    fs::create_dir_all(&dict_dir).unwrap();
    fs::write(dict_dir.join("cchc.dict"), dict).unwrap();
}
