//! What-if on the sample ward: how many records each criterion is short, the cheapest way to
//! the next rating band, a scenario and what it changes, and a projection at 30/09/2023.
//!
//! ```text
//! cargo run --example what_if
//! ```
//!
//! All figures are SAMPLE DATA (`examples/data/sample_observations_2023.toml` and the monthly
//! series below), illustrative, not a real ward's.

use std::process::ExitCode;

use cchc::rule::{Lever, Records};
use cchc::text::format_decimal;
use cchc::time::{MonthlySeries, Progress, SeriesKind};
use cchc::whatif::{Change, Costs, Goal, LeastEffortPlan, Scenario, ScorecardDiff};
use cchc::{Counts, CriteriaSet, Id, Lang, Observations, Scorecard, Status};
use chrono::NaiveDate;
use rust_decimal::Decimal;

const SAMPLE: &str = include_str!("data/sample_observations_2023.toml");

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(1)
        }
    }
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
    println!(
        "{} — Chỉ số CCHC {}%, {}\n",
        head.ward,
        vi(index),
        head.band.as_ref().map_or("—", |band| band.vi())
    );

    // 1. Shortfalls: every rate criterion short of full points, under both levers.
    println!("1. Còn thiếu bao nhiêu hồ sơ để đạt điểm tối đa (records short of full points)");
    println!(
        "   {:<8} {:>9} {:>13} {:>12} {:>12}",
        "Mã", "Tỷ lệ", "Điểm", "Chuyển đổi", "Thêm mới"
    );
    for line in card
        .criteria
        .iter()
        .filter(|l| l.records_to_convert.is_some())
    {
        if line.status == Status::Met {
            continue;
        }
        println!(
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
    println!();
    match next {
        None => println!("2. Đã ở xếp loại cao nhất."),
        Some(band) => {
            let plan = LeastEffortPlan::find(
                &set,
                &observations,
                &Goal::Band(band.clone()),
                &Costs::new(),
            )?;
            println!(
                "2. Cách ít tốn công nhất để đạt xếp loại {band} (least effort to reach {band})"
            );
            for step in &plan.steps {
                println!(
                    "   {:<8} {:<40} {} → {} điểm (chi phí {})",
                    step.criterion.as_str(),
                    step.change.action(),
                    vi(step.points_before),
                    vi(step.points_after),
                    vi(step.cost)
                );
            }
            println!(
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
    println!(
        "\n3. Kịch bản (scenario): số hóa thêm 15 kết quả (II.4), thêm 60 hồ sơ trực tuyến (VI.24b)"
    );
    for line in diff.summary(Lang::Vi) {
        println!("   {line}");
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
    println!("\n4. VI.24b tại ngày 30/09/2023 (hồ sơ nộp trực tuyến, mục tiêu ≥ 30%)");
    println!(
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
        println!(
            "   {heading}: {} = {}%, {verdict}",
            projection.counts,
            projection.percent.map(vi).unwrap_or_default(),
        );
    }
    if let Some(pace) = &progress.pace {
        println!(
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
        println!(
            "   Cần mỗi tháng còn lại ({} tháng): {} hồ sơ chuyển sang trực tuyến, hoặc {} hồ sơ trực tuyến mới",
            need.remaining_months,
            records(Some(need.per_month.convert)),
            records(Some(need.per_month.add))
        );
    }
    Ok(())
}
