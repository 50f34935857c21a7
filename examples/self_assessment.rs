//! Scores a ward's observations against a criteria set and prints the self-assessment table.
//!
//! ```text
//! cargo run --example self_assessment                       # the built-in SAMPLE data
//! cargo run --example self_assessment -- obs.toml --format csv
//! cargo run --example self_assessment -- obs.json --criteria province.toml --format json
//! cargo run --example self_assessment -- --as-of 2023-09-30   # the year so far
//! cargo run --example self_assessment -- month.toml --preset qd766 --format json
//! cargo run --example self_assessment -- --check-criteria province.toml
//! cargo run --example self_assessment -- --format xlsx --output ward.xlsx
//! cargo run --example self_assessment -- --template blank.xlsx   # fill it in Excel, then:
//! cargo run --example self_assessment -- blank.xlsx
//! ```
//!
//! Several observations files of one ward (its months, say) are added up into the period given
//! with `--period` (`2025-Q3`, `2025`): counts summed, so rates are ratios of the sums; see
//! `cchc::time::aggregate`.
//!
//! `--preset` picks a criteria set shipped with the crate: `reference` (the default),
//! `qd766` (the QĐ 766 service index of a commune) or `qd766-province`. `--check-criteria FILE`
//! reads a criteria set and prints every problem in it, one per line, with the criterion's id —
//! the way to author a province's own set.
//!
//! Without a path it scores the built-in sample (`examples/data/sample_observations_2023.toml`,
//! illustrative figures, not a real ward's) against the reference criteria set.
//!
//! A criteria set given with `--criteria` is validated with its plan references checked: a
//! criterion's `plan_item` must be of the form FIELD.TT with an optional lowercase letter
//! (`II.4`, `II.8b`), where FIELD.TT is a row of the 2023 plan — a FIELD.TT that some
//! criterion of the reference set names as its plan item. So `II.4b` (a new split of row 4) is
//! accepted, while `II.10` (a row the plan skips), `III.4` (row 4 is in field II) and `II.4-1`
//! are not.
//!
//! With `--as-of DATE` the scorecard is taken at that date: facts dated later are not yet known,
//! and a deadline, window or meeting period that can still be met in full is pending (chưa đến
//! hạn), each line saying the last day it can still earn points.
//!
//! Exit codes: 0 on success, 1 for bad data (unreadable file, malformed TOML/JSON, any
//! `cchc::Error`), 2 for bad usage (unknown flag, missing value, unknown format, a date that is
//! not YYYY-MM-DD, a binary format without `--output`).

mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use cchc::report::{Format, write};
use cchc::{CriteriaSet, Lang, Observations, Scorecard};
use chrono::NaiveDate;

const SAMPLE: &str = include_str!("data/sample_observations_2023.toml");
const SAMPLE_NAME: &str = "examples/data/sample_observations_2023.toml (built-in)";

const USAGE: &str = "\
Usage: self_assessment [OBSERVATIONS...] [--preset NAME | --criteria FILE] [--format FORMAT]
                       [--lang LANG] [--as-of DATE] [--period PERIOD] [--output FILE]
       self_assessment [--preset NAME | --criteria FILE] [--lang LANG] --template FILE
       self_assessment --check-criteria FILE

Scores a ward's CCHC self-assessment and prints the official table.

Arguments:
  OBSERVATIONS      observations file: .toml, .json, or an .xlsx template filled in Excel
                    (other names: contents sniffed); several files (a ward's months) are
                    added up into --period; default: the built-in SAMPLE data (illustrative,
                    not real figures)
Options:
  --preset NAME     a criteria set shipped with the crate: reference (default), qd766 or
                    qd766-province
  --criteria FILE   criteria set, TOML or JSON, instead of a preset;
                    plan_item must be FIELD.TT[letter] with FIELD.TT a row of the 2023 plan
  --check-criteria FILE
                    check a criteria set and print every problem in it
  --format FORMAT   table (default), markdown, csv (formulas guarded with '), csv-raw,
                    json, xlsx (a workbook with live formulas: needs --output) or svg
                    (one A4 page)
  --output FILE     write the report to FILE instead of standard output
  --template FILE   write a blank observations template (.xlsx) for the set, to fill in
                    Excel and score as OBSERVATIONS
  --lang LANG       vi (default) or en: headings, labels and numbers of table, markdown,
                    xlsx, svg and the template
  --as-of DATE      score the year so far at DATE (YYYY-MM-DD): open items are pending,
                    each with the last day it can still earn points
  --period PERIOD   add the files up into PERIOD (2025-Q3, 2025, 2025-H1, 2025-07, or days:
                    2025-07-01..2025-08-31): records summed, stocks from the latest file
  -h, --help        print this help

Exit codes: 0 success, 1 bad data, 2 bad usage.";

/// What went wrong, and which exit code it earns.
enum Failure {
    /// Bad command line: exit 2.
    Usage(String),
    /// Bad input data: exit 1.
    Data(String),
}

/// The parsed command line.
struct Args {
    observations: Vec<String>,
    period: Option<cchc::observations::Period>,
    criteria: Option<String>,
    preset: Option<String>,
    check: Option<String>,
    format: Format,
    lang: Lang,
    as_of: Option<NaiveDate>,
    output: Option<String>,
    template: Option<String>,
    help: bool,
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {}", common::safe(&message));
            eprintln!("Try `self_assessment --help`.");
            ExitCode::from(2)
        }
        Err(Failure::Data(message)) => {
            eprintln!("error: {}", common::safe(&message));
            ExitCode::from(1)
        }
    }
}

fn run(args: impl Iterator<Item = String>) -> Result<(), Failure> {
    let args = parse_args(args)?;
    if args.help {
        return emit(&format!("{USAGE}\n"));
    }
    if let Some(path) = &args.check {
        return check_criteria(path);
    }
    if args.format.is_binary() && args.output.is_none() {
        return Err(Failure::Usage(format!(
            "the {} format is binary: give --output FILE",
            args.format
        )));
    }
    let set = match (&args.criteria, &args.preset) {
        (Some(_), Some(_)) => {
            return Err(Failure::Usage(
                "give --preset or --criteria, not both".to_owned(),
            ));
        }
        (Some(path), None) => load_criteria(path)?,
        (None, Some(name)) => {
            CriteriaSet::preset(name).map_err(|e| Failure::Usage(e.to_string()))?
        }
        (None, None) => CriteriaSet::reference(),
    };
    if let Some(path) = &args.template {
        let bytes = cchc::observations::xlsx::template(&set, args.lang)
            .map_err(|e| Failure::Data(format!("{path}: {e}")))?;
        return write_file(path, &bytes);
    }
    let reference = args.criteria.is_none()
        && args
            .preset
            .as_deref()
            .is_none_or(|name| name == "reference");
    if args.observations.is_empty() && !reference {
        return Err(Failure::Usage(
            "the built-in sample is for the reference set: give an observations file to score"
                .to_owned(),
        ));
    }
    let mut parts = Vec::new();
    for path in &args.observations {
        parts.push(read_observations(path, read_bytes(path)?, &set)?);
    }
    if parts.is_empty() {
        parts.push(read_observations(
            SAMPLE_NAME,
            SAMPLE.as_bytes().to_vec(),
            &set,
        )?);
    }
    let name = args.observations.join(", ");
    let data = |e: cchc::Error| Failure::Data(format!("{name}: {e}"));
    let observations = match args.period {
        Some(period) => cchc::time::aggregate(&set, period, &parts).map_err(data)?,
        None => parts.remove(0),
    };
    let name = if name.is_empty() {
        SAMPLE_NAME.to_owned()
    } else {
        name
    };
    let data = |e: cchc::Error| Failure::Data(format!("{name}: {e}"));
    let card = match args.as_of {
        Some(day) => Scorecard::score_at(&set, &observations, day),
        None => Scorecard::score(&set, &observations),
    }
    .map_err(data)?;
    let report = write(&set, &card, args.format, args.lang).map_err(data)?;
    match &args.output {
        Some(path) => write_file(path, &report),
        None => emit(&String::from_utf8_lossy(&report)),
    }
}

/// Writes a file; an unwritable path is bad data (exit 1).
fn write_file(path: &str, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| Failure::Data(format!("{path}: cannot write: {e}")))
}

fn read_bytes(path: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure::Data(format!("{path}: cannot read: {e}")))
}

/// A workbook by extension (`.xlsx`), or by the zip signature `PK` at the start.
fn is_xlsx(name: &str, bytes: &[u8]) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
        || bytes.starts_with(b"PK\x03\x04")
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, Failure> {
    let mut parsed = Args {
        observations: Vec::new(),
        period: None,
        criteria: None,
        preset: None,
        check: None,
        format: Format::Table,
        lang: Lang::Vi,
        as_of: None,
        output: None,
        template: None,
        help: false,
    };
    while let Some(arg) = args.next() {
        // `--flag=value` and `--flag value` are both accepted.
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| Failure::Usage(format!("{flag} needs {what}")))
        };
        match flag.as_str() {
            "-h" | "--help" if inline.is_none() => parsed.help = true,
            "--help" => return Err(Failure::Usage("--help takes no value".to_owned())),
            "--criteria" => parsed.criteria = Some(value("a file")?),
            "--preset" => parsed.preset = Some(value("a preset name")?),
            "--check-criteria" => parsed.check = Some(value("a file")?),
            "--period" => {
                let code = value("a period (2025-Q3, 2025)")?;
                parsed.period = Some(
                    code.parse()
                        .map_err(|e: cchc::Error| Failure::Usage(format!("--period: {e}")))?,
                );
            }
            "--output" | "-o" => parsed.output = Some(value("a file")?),
            "--template" => parsed.template = Some(value("a file")?),
            "--format" => {
                parsed.format = value("a format (table, markdown, csv, csv-raw, json, xlsx, svg)")?
                    .parse()
                    .map_err(|e: cchc::Error| Failure::Usage(e.to_string()))?;
            }
            "--lang" => {
                let code = value("a language (vi, en)")?;
                parsed.lang = Lang::from_code(&code).ok_or_else(|| {
                    Failure::Usage(format!("unknown language {code:?} (allowed: vi, en)"))
                })?;
            }
            "--as-of" => {
                let day = value("a date (YYYY-MM-DD)")?;
                parsed.as_of = Some(
                    NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                        .ok()
                        .filter(|d| (1900..=2199).contains(&chrono::Datelike::year(d)))
                        .ok_or_else(|| {
                            Failure::Usage(format!(
                                "--as-of {day:?} is not a date of the form YYYY-MM-DD from 1900 to 2199"
                            ))
                        })?,
                );
            }
            "--" => {
                parsed.observations.extend(args.by_ref());
            }
            f if f.starts_with('-') && f.len() > 1 => {
                return Err(Failure::Usage(format!("unknown flag {arg:?}")));
            }
            _ => parsed.observations.push(arg),
        }
    }
    if parsed.observations.len() > 1 && parsed.period.is_none() {
        return Err(Failure::Usage(format!(
            "{} observations files: give --period to add them up into (2025-Q3, 2025)",
            parsed.observations.len()
        )));
    }
    Ok(parsed)
}

fn read(path: &str) -> Result<String, Failure> {
    common::read_text(path).map_err(Failure::Data)
}

/// The observations of the file `name` holding `bytes` (an Excel template, TOML or JSON),
/// read against `set`.
fn read_observations(
    name: &str,
    bytes: Vec<u8>,
    set: &CriteriaSet,
) -> Result<Observations, Failure> {
    if is_xlsx(name, &bytes) {
        Observations::from_xlsx(&bytes, set)
    } else {
        let text = cchc::text::from_utf8(&bytes)
            .map_err(|e| Failure::Data(format!("{name}: cannot read: {e}")))?;
        if is_json(name, text) {
            Observations::from_json(text, set)
        } else {
            Observations::from_toml(text, set)
        }
    }
    .map_err(|e| Failure::Data(format!("{name}: {e}")))
}

/// JSON by extension (`.json`); TOML by extension (`.toml`); otherwise JSON when the text
/// starts with `{`.
fn is_json(name: &str, text: &str) -> bool {
    match Path::new(name).extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("json") => true,
        Some(ext) if ext.eq_ignore_ascii_case("toml") => false,
        _ => text.trim_start().starts_with('{'),
    }
}

/// Reads a criteria set and prints every problem in it; exit 1 when there is any.
fn check_criteria(path: &str) -> Result<(), Failure> {
    let text = read(path)?;
    let set = if is_json(path, &text) {
        CriteriaSet::from_json(&text)
    } else {
        CriteriaSet::from_toml(&text)
    };
    let problems: Vec<String> = match &set {
        Ok(set) => plan_item_problems(set),
        Err(err) if err.problems().is_empty() => {
            return Err(Failure::Data(format!("{path}: {err}")));
        }
        Err(err) => err.problems().iter().map(ToString::to_string).collect(),
    };
    match set {
        Ok(set) if problems.is_empty() => emit(&common::safe(&format!(
            "{path}: {:?}: {} fields, {} criteria, {} points, {} rating bands: no problem found\n",
            set.name(),
            set.fields().len(),
            set.leaves().count(),
            set.max_points(),
            set.bands().len()
        ))),
        _ => {
            let lines: Vec<String> = problems.iter().map(|p| format!("{path}: {p}")).collect();
            Err(Failure::Data(format!(
                "{path}: {} problem(s)\n{}",
                problems.len(),
                lines.join("\n")
            )))
        }
    }
}

/// Every criterion whose `plan_item` is not a row of the 2023 plan.
fn plan_item_problems(set: &CriteriaSet) -> Vec<String> {
    let rows = plan_rows();
    set.leaves()
        .filter_map(|leaf| {
            let item = leaf.criterion.plan_item()?;
            (!is_plan_item(item.as_str(), &rows)).then(|| {
                format!(
                    "{}: unknown plan item id {:?}",
                    leaf.criterion.id(),
                    item.as_str()
                )
            })
        })
        .collect()
}

fn load_criteria(path: &str) -> Result<CriteriaSet, Failure> {
    let text = read(path)?;
    let set = if is_json(path, &text) {
        CriteriaSet::from_json(&text)
    } else {
        CriteriaSet::from_toml(&text)
    }
    .map_err(|e| Failure::Data(format!("{path}: {e}")))?;
    match plan_item_problems(&set).first() {
        Some(problem) => Err(Failure::Data(format!("{path}: {problem}"))),
        None => Ok(set),
    }
}

/// The rows of the 2023 plan, as `FIELD.TT`: the plan items the reference set names, with any
/// trailing letter dropped.
fn plan_rows() -> BTreeSet<String> {
    CriteriaSet::reference()
        .leaves()
        .filter_map(|leaf| leaf.criterion.plan_item())
        .map(|item| {
            item.as_str()
                .trim_end_matches(|c: char| c.is_ascii_lowercase())
        })
        .map(str::to_owned)
        .collect()
}

/// `FIELD.TT` or `FIELD.TT` + one lowercase letter, with `FIELD.TT` a row of the plan.
fn is_plan_item(id: &str, rows: &BTreeSet<String>) -> bool {
    let stem = match id.strip_suffix(|c: char| c.is_ascii_lowercase()) {
        Some(stem) => stem,
        None => id,
    };
    rows.contains(stem)
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
fn emit(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Data(format!("cannot write the report: {e}"))),
    }
}
