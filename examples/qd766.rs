//! The QĐ 766/QĐ-TTg service index of a commune: a month scored from raw counts, its six
//! groups, the cheapest way to 90 points, and a year of months added up to quarters, with a
//! projection of online filing at the end of September.
//!
//! ```text
//! cargo run --example qd766
//! ```
//!
//! All figures are SAMPLE DATA, illustrative, not a real commune's.

use std::process::ExitCode;

use cchc::observations::Period;
use cchc::text::format_decimal;
use cchc::time::{MonthlySeries, Progress, SeriesKind, aggregate};
use cchc::whatif::{Costs, Goal, LeastEffortPlan};
use cchc::{Counts, CriteriaSet, Lang, Observations, Scorecard};
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn vi(value: Decimal) -> String {
    format_decimal(value, Lang::Vi)
}

/// One month of a commune's records (SAMPLE): every component's numerator and denominator,
/// growing a little month by month.
fn month(set: &CriteriaSet, m: u32) -> cchc::Result<Observations> {
    let k = u64::from(m);
    Observations::builder("Xã Mẫu (dữ liệu mẫu)", 2023)
        .period(Period::month(2023, m)?)
        .counts("1.1", 3, 3)
        .counts("1.2", 3, 3)
        .counts("1.3", 118, 120)
        .counts("1.4", 136 + 2 * k, 160)
        .counts("2.1", 148 + k, 152 + k)
        .counts("3.1", 96, 120)
        .counts("3.2", 70 + k, 96)
        .counts("3.3", 40 + 4 * k, 152 + k)
        .counts("3.5", 30, 40)
        .counts("3.5b", 18 + k, 32)
        .counts("3.6", 20 + 2 * k, 60)
        .counts("4.1", 100 + 2 * k, 140)
        .counts("4.2", 120 + 2 * k, 152 + k)
        .counts("4.2b", 1, 1)
        .counts("4.3", 50 + 3 * k, 152 + k)
        .counts("4.4", 30 + 3 * k, 152 + k)
        .not_applicable("5.2")
        .not_applicable("5.3")
        .counts("5.4", 140 + k, 152 + k)
        .build(set)
}

fn run() -> cchc::Result<()> {
    let set = CriteriaSet::preset("qd766")?;
    let july = month(&set, 7)?;
    let card = Scorecard::score(&set, &july)?;
    println!(
        "{} — {} — tháng 07/2023: {} / {} điểm\n",
        card.summary.ward,
        set.name(),
        vi(card.summary.total_points),
        vi(card.summary.max_points)
    );
    println!("1. Sáu nhóm chỉ số (six groups)");
    for group in &card.fields {
        println!(
            "   {} {:<36} {:>6} / {}",
            group.id,
            group.label.vi(),
            vi(group.points),
            vi(group.max_points)
        );
    }
    println!("   Chi tiết (components):");
    for line in &card.criteria {
        println!(
            "   {:<5} {:>5} — {}",
            line.id.as_str(),
            vi(line.points),
            line.explanation.vi()
        );
    }
    for note in &card.notes {
        println!("   {}", note.vi());
    }

    let plan = LeastEffortPlan::find(&set, &july, &Goal::Index(Decimal::from(90)), &Costs::new())?;
    println!("\n2. Cách ít tốn công nhất để đạt 90 điểm (least effort to 90 points)");
    for step in &plan.steps {
        println!(
            "   {:<5} {:<34} {} → {} (chi phí {})",
            step.criterion.as_str(),
            step.change.action(),
            vi(step.points_before),
            vi(step.points_after),
            vi(step.cost)
        );
    }
    println!(
        "   Tổng chi phí {}; {} → {} điểm; {}",
        vi(plan.total_cost),
        plan.before.index.map(vi).unwrap_or_default(),
        plan.after.index.map(vi).unwrap_or_default(),
        if plan.reached {
            "đạt"
        } else {
            "không đạt được"
        }
    );

    let months = (1..=12)
        .map(|m| month(&set, m))
        .collect::<cchc::Result<Vec<_>>>()?;
    println!("\n3. Cả năm theo quý (quarters: counts added up, not rates averaged)");
    for q in 1..=4u32 {
        let parts = &months[(q as usize - 1) * 3..q as usize * 3];
        let quarter = aggregate(&set, Period::quarter(2023, q)?, parts)?;
        let card = Scorecard::score(&set, &quarter)?;
        println!(
            "   Quý {q}: {} điểm (3.3 nộp trực tuyến: {}%)",
            vi(card.summary.total_points),
            card.criterion("3.3")
                .and_then(|l| l.rate_percent)
                .map(vi)
                .unwrap_or_default()
        );
    }
    let year = aggregate(&set, Period::year(2023)?, &months)?;
    println!(
        "   Năm 2023: {} điểm",
        vi(Scorecard::score(&set, &year)?.summary.total_points)
    );

    // 3.3, records filed online, month by month to September, projected to December.
    let series = MonthlySeries::from_months(
        2023,
        SeriesKind::PerMonth,
        (1..=9u32).map(|m| {
            let k = u64::from(m);
            (m, Counts::new(40 + 4 * k, 152 + k).unwrap_or(Counts::ZERO))
        }),
    )?;
    let target = set
        .leaf("3.3")
        .and_then(|leaf| leaf.rule.full_target())
        .unwrap_or(cchc::rule::RateTarget::FULL);
    let as_of = NaiveDate::from_ymd_opt(2023, 9, 30).unwrap_or_default();
    let progress = Progress::year_to_date(&series, &target, as_of, set.rounding())?;
    println!("\n4. 3.3 hồ sơ nộp trực tuyến tại 30/09/2023 (mục tiêu ≥ 50%)");
    println!(
        "   Lũy kế: {} = {}%",
        progress.to_date,
        progress.percent.map(vi).unwrap_or_default()
    );
    if let Some(projection) = &progress.projection {
        println!(
            "   Dự báo cuối năm (ước tính tuyến tính): {} = {}%",
            projection.counts,
            projection.percent.map(vi).unwrap_or_default()
        );
    }
    if let Some(need) = &progress.need {
        println!(
            "   Cần mỗi tháng còn lại ({} tháng): {} hồ sơ chuyển sang trực tuyến",
            need.remaining_months,
            need.per_month
                .convert
                .needed()
                .map_or_else(|| "không thể".to_owned(), |k| vi(Decimal::from(k)))
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(1)
        }
    }
}
