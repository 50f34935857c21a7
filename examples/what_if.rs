//! What-if: the cheapest way to a goal, for your own ward.
//!
//! ```text
//! cargo run --example what_if                                   # the sample ward, four parts
//! cargo run --example what_if -- obs.toml --preset qd766 --goal 90
//! cargo run --example what_if -- obs.toml --criteria province.toml --goal Tốt --format json
//! ```
//!
//! With an observations file (or `--goal`), it finds the least-effort plan to the goal — an
//! index (`90`) or a rating band (`Tốt`, `Good`) — one record converted costing 1 everywhere,
//! and prints its steps (criterion, records or task, cost), the total cost, the index before
//! and after and whether the goal is reached; `--format json` gives the same as JSON.
//!
//! Without arguments it runs on the sample ward (`examples/data/sample_observations_2023.toml`,
//! SAMPLE DATA, illustrative, not a real ward's): how many records each criterion is short,
//! the cheapest way to the next rating band, a scenario and what it changes, and a projection
//! at 30/09/2023.
//!
//! Exit codes: 0 on success, 1 for bad data, 2 for bad usage.

#[macro_use]
mod common;

use std::path::Path;
use std::process::ExitCode;

use cchc::rule::{Lever, Records};
use cchc::text::format_decimal;
use cchc::time::{MonthlySeries, Progress, SeriesKind};
use cchc::whatif::{Change, Costs, Goal, LeastEffortPlan, Scenario, ScorecardDiff};
use cchc::{Counts, CriteriaSet, Id, Lang, Observations, Scorecard, Status};
use chrono::NaiveDate;
use rust_decimal::Decimal;

const SAMPLE: &str = include_str!("data/sample_observations_2023.toml");

const USAGE: &str = "\
Usage: what_if [OBSERVATIONS] [--preset NAME | --criteria FILE] [--goal GOAL] [--format FORMAT]

The cheapest way to a goal: records to convert under each criterion, one record costing 1.

Arguments:
  OBSERVATIONS      observations file, .toml or .json; default: the built-in SAMPLE data
Options:
  --preset NAME     reference (default), qd766 or qd766-province
  --criteria FILE   a criteria set, TOML or JSON, instead of a preset
  --goal GOAL       an index (90, 85.5) or a rating band (Tốt, Good); default: the next band
  --format FORMAT   text (default) or json
  -h, --help        print this help

Without OBSERVATIONS and --goal: the sample ward's shortfalls, least effort to the next band,
a scenario and a projection.

Exit codes: 0 success, 1 bad data, 2 bad usage.";

/// What went wrong, and which exit code it earns.
enum Failure {
    Usage(String),
    Data(String),
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(err: E) -> Self {
        Self::Data(err.to_string())
    }
}

#[derive(Default)]
struct Args {
    observations: Option<String>,
    preset: Option<String>,
    criteria: Option<String>,
    goal: Option<String>,
    json: bool,
    help: bool,
}

fn main() -> ExitCode {
    let outcome = parse_args(std::env::args().skip(1)).and_then(|args| {
        if args.help {
            say!("{USAGE}");
            Ok(())
        } else if args.observations.is_none()
            && args.goal.is_none()
            && args.preset.is_none()
            && args.criteria.is_none()
            && !args.json
        {
            run().map_err(Failure::from)
        } else {
            plan(&args)
        }
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {}", common::safe(&message));
            eprintln!("Try `what_if --help`.");
            ExitCode::from(2)
        }
        Err(Failure::Data(message)) => {
            eprintln!("error: {}", common::safe(&message));
            ExitCode::from(1)
        }
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, Failure> {
    let mut parsed = Args::default();
    while let Some(arg) = args.next() {
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
            "-h" | "--help" => parsed.help = true,
            "--preset" => parsed.preset = Some(value("a preset name")?),
            "--criteria" => parsed.criteria = Some(value("a file")?),
            "--goal" => parsed.goal = Some(value("an index or a band")?),
            "--format" => {
                parsed.json = match value("a format (text, json)")?
                    .to_ascii_lowercase()
                    .as_str()
                {
                    "json" => true,
                    "text" => false,
                    other => {
                        return Err(Failure::Usage(format!(
                            "unknown format {other:?} (allowed: text, json)"
                        )));
                    }
                }
            }
            f if f.starts_with('-') && f.len() > 1 => {
                return Err(Failure::Usage(format!("unknown flag {arg:?}")));
            }
            _ if parsed.observations.is_some() => {
                return Err(Failure::Usage("one observations file at most".to_owned()));
            }
            _ => parsed.observations = Some(arg),
        }
    }
    if parsed.preset.is_some() && parsed.criteria.is_some() {
        return Err(Failure::Usage(
            "give --preset or --criteria, not both".to_owned(),
        ));
    }
    Ok(parsed)
}

fn is_json(name: &str, text: &str) -> bool {
    match Path::new(name).extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("json") => true,
        Some(ext) if ext.eq_ignore_ascii_case("toml") => false,
        _ => text.trim_start().starts_with('{'),
    }
}

fn read(path: &str) -> Result<String, Failure> {
    common::read_text(path).map_err(Failure::Data)
}

/// The least-effort plan of the ward given, to the goal given.
fn plan(args: &Args) -> Result<(), Failure> {
    let set = match (&args.preset, &args.criteria) {
        (_, Some(path)) => {
            let text = read(path)?;
            if is_json(path, &text) {
                CriteriaSet::from_json(&text)
            } else {
                CriteriaSet::from_toml(&text)
            }
            .map_err(|e| Failure::Data(format!("{path}: {e}")))?
        }
        (Some(name), None) => {
            CriteriaSet::preset(name).map_err(|e| Failure::Usage(e.to_string()))?
        }
        (None, None) => CriteriaSet::reference(),
    };
    let (name, text) = match &args.observations {
        Some(path) => (path.clone(), read(path)?),
        None => ("the built-in sample".to_owned(), SAMPLE.to_owned()),
    };
    let observations = if is_json(&name, &text) {
        Observations::from_json(&text, &set)
    } else {
        Observations::from_toml(&text, &set)
    }
    .map_err(|e| Failure::Data(format!("{name}: {e}")))?;
    let goal = match &args.goal {
        Some(goal) => match goal.parse::<Decimal>() {
            Ok(index) => Goal::Index(index),
            Err(_) => Goal::Band(goal.clone()),
        },
        None => {
            let index = Scorecard::score(&set, &observations)?
                .summary
                .index
                .unwrap_or_default();
            let mut bands: Vec<_> = set.bands().iter().collect();
            bands.sort_by_key(|b| b.from());
            match bands.iter().find(|b| b.from() > index) {
                Some(band) => Goal::Band(band.label().vi().to_owned()),
                None => Goal::Index(Decimal::ONE_HUNDRED),
            }
        }
    };
    goal.index_in(&set)
        .map_err(|e| Failure::Usage(format!("--goal: {e}")))?;
    let plan = LeastEffortPlan::find(&set, &observations, &goal, &Costs::new())
        .map_err(|e| Failure::Data(format!("{name}: {e}")))?;
    if args.json {
        say!("{}", serde_json::to_string_pretty(&plan)?);
        return Ok(());
    }
    say!(
        "{} — {}",
        common::safe(&plan.before.ward),
        common::safe(set.name())
    );
    say!("Mục tiêu (goal): chỉ số ≥ {}", vi(plan.goal_index));
    for step in &plan.steps {
        say!(
            "   {:<8} {:<40} {} → {} điểm (chi phí {})",
            step.criterion.as_str(),
            common::safe(step.change.describe().vi()),
            vi(step.points_before),
            vi(step.points_after),
            vi(step.cost)
        );
    }
    say!(
        "Tổng chi phí {}; chỉ số {} → {}; {}",
        vi(plan.total_cost),
        plan.before.index.map(vi).unwrap_or_default(),
        plan.after.index.map(vi).unwrap_or_default(),
        if plan.reached {
            "đạt mục tiêu (reached)"
        } else {
            "không đạt được; đây là mức cao nhất có thể (not reachable: the best index reachable)"
        }
    );
    Ok(())
}

fn vi(value: Decimal) -> String {
    format_decimal(value, Lang::Vi)
}

fn records(r: Option<Records>) -> String {
    match r {
        Some(Records::Needed(k)) => vi(Decimal::from(k)),
        Some(Records::Impossible) => "không thể".to_owned(),
        None => "—".to_owned(),
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let set = CriteriaSet::reference();
    let observations = Observations::from_toml(SAMPLE, &set)?;
    let card = Scorecard::score(&set, &observations)?;
    let head = &card.summary;
    let index = head.index.unwrap_or_default();
    say!(
        "{} — Chỉ số CCHC {}%, {}\n",
        head.ward,
        vi(index),
        head.band.as_ref().map_or("—", |band| band.vi())
    );

    // 1. Shortfalls: every rate criterion short of full points, under both levers.
    say!("1. Còn thiếu bao nhiêu hồ sơ để đạt điểm tối đa (records short of full points)");
    say!(
        "   {:<8} {:>9} {:>13} {:>12} {:>12}",
        "Mã",
        "Tỷ lệ",
        "Điểm",
        "Chuyển đổi",
        "Thêm mới"
    );
    for line in card
        .criteria
        .iter()
        .filter(|l| l.records_to_convert.is_some())
    {
        if line.status == Status::Met {
            continue;
        }
        say!(
            "   {:<8} {:>8}% {:>13} {:>12} {:>12}",
            line.id.as_str(),
            line.rate_percent.map(vi).unwrap_or_default(),
            format!("{}/{}", vi(line.points), vi(line.max_points)),
            records(line.records_to_convert),
            records(line.records_to_add),
        );
    }

    // 2. The least effort to the next band: one record converted costs 1 everywhere.
    let mut bands: Vec<_> = set.bands().iter().collect();
    bands.sort_by_key(|b| b.from());
    let next = bands
        .iter()
        .find(|b| b.from() > index)
        .map(|b| b.label().vi().to_owned());
    say!("");
    match next {
        None => say!("2. Đã ở xếp loại cao nhất."),
        Some(band) => {
            let plan = LeastEffortPlan::find(
                &set,
                &observations,
                &Goal::Band(band.clone()),
                &Costs::new(),
            )?;
            say!("2. Cách ít tốn công nhất để đạt xếp loại {band} (least effort to reach {band})");
            for step in &plan.steps {
                say!(
                    "   {:<8} {:<40} {} → {} điểm (chi phí {})",
                    step.criterion.as_str(),
                    step.change.describe().vi(),
                    vi(step.points_before),
                    vi(step.points_after),
                    vi(step.cost)
                );
            }
            say!(
                "   Tổng chi phí {}; chỉ số {} → {}; {}",
                vi(plan.total_cost),
                plan.before.index.map(vi).unwrap_or_default(),
                plan.after.index.map(vi).unwrap_or_default(),
                if plan.reached {
                    "đạt mục tiêu"
                } else {
                    "không đạt được; đây là mức cao nhất có thể"
                }
            );
        }
    }

    // 3. A scenario: digitise 15 more results (II.4) and add 60 dossiers filed online (VI.24b).
    let scenario = Scenario::new(observations.clone())
        .with(Change::AddRecords {
            criterion: Id::new("II.4")?,
            lever: Lever::Convert,
            records: 15,
        })
        .with(Change::AddRecords {
            criterion: Id::new("VI.24b")?,
            lever: Lever::Add,
            records: 60,
        });
    let after = Scorecard::score(&set, &scenario.observations(&set)?)?;
    let diff = ScorecardDiff::between(&card, &after)?;
    say!(
        "\n3. Kịch bản (scenario): số hóa thêm 15 kết quả (II.4), thêm 60 hồ sơ trực tuyến (VI.24b)"
    );
    for line in diff.summary(Lang::Vi) {
        say!("   {line}");
    }

    // 4. VI.24b month by month (SAMPLE), projected at 30/09/2023 against ≥ 30% filed online.
    let online = [24, 26, 28, 31, 34, 35, 38, 40, 44];
    let received = [110, 115, 120, 125, 130, 125, 130, 135, 135];
    let months = (1..=9u32)
        .zip(online.into_iter().zip(received))
        .map(|(m, (g, n))| Counts::new(g, n).map(|c| (m, c)));
    let series = MonthlySeries::from_months(
        2023,
        SeriesKind::PerMonth,
        months.collect::<cchc::Result<Vec<_>>>()?,
    )?;
    let target = set
        .criterion("VI.24b")
        .and_then(|c| c.rule())
        .and_then(|rule| rule.full_target())
        // `cchc::Error` cannot be made outside the crate: this one is a plain message.
        .ok_or("unknown criterion id \"VI.24b\"")?;
    let as_of = NaiveDate::from_ymd_opt(2023, 9, 30).unwrap_or_default();
    let progress = Progress::year_to_date(&series, &target, as_of, set.rounding())?;
    say!("\n4. VI.24b tại ngày 30/09/2023 (hồ sơ nộp trực tuyến, mục tiêu ≥ 30%)");
    say!(
        "   Lũy kế: {} = {}%",
        progress.to_date,
        progress.percent.map(vi).unwrap_or_default()
    );
    if let Some(projection) = &progress.projection {
        let heading = if projection.estimate {
            "Dự báo cuối năm (ước tính tuyến tính)"
        } else {
            "Cả năm (số thực tế)"
        };
        let verdict = match projection.meets_target {
            Some(true) => "đạt",
            Some(false) => "chưa đạt",
            None => "không phát sinh",
        };
        say!(
            "   {heading}: {} = {}%, {verdict}",
            projection.counts,
            projection.percent.map(vi).unwrap_or_default(),
        );
    }
    if let Some(pace) = &progress.pace {
        say!(
            "   Tiến độ: chỉ số {} ({})",
            vi(pace.index),
            if pace.on_pace {
                "đúng tiến độ"
            } else {
                "chậm tiến độ"
            }
        );
    }
    if let Some(need) = &progress.need {
        say!(
            "   Cần mỗi tháng còn lại ({} tháng): {} hồ sơ chuyển sang trực tuyến, hoặc {} hồ sơ trực tuyến mới",
            need.remaining_months,
            records(Some(need.per_month.convert)),
            records(Some(need.per_month.add))
        );
    }
    Ok(())
}
