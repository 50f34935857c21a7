//! The QĐ 766/QĐ-TTg service index of a commune: a month scored from raw counts, its six
//! groups, the cheapest way to 90 points, and a year of months added up to quarters, with a
//! projection of online filing at the end of September.
//!
//! ```text
//! cargo run --example qd766
//! ```
//!
//! All figures are SAMPLE DATA, illustrative, not a real commune's.

#[macro_use]
mod common;

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

/// `numerator` of `denominator`, reported.
fn counted(numerator: u64, denominator: u64) -> cchc::Result<cchc::Observed<cchc::Evidence>> {
    Ok(cchc::Observed::Reported(cchc::Evidence::Counts(
        Counts::new(numerator, denominator)?,
    )))
}

/// One month of a commune's records (SAMPLE): every component's numerator and denominator,
/// growing a little month by month.
fn month(set: &CriteriaSet, m: u32) -> cchc::Result<Observations> {
    let k = u64::from(m);
    Observations::builder("Xã Mẫu (dữ liệu mẫu)", 2025)
        .period(Period::month(2025, m)?)
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
    say!(
        "{} — {} — tháng 07/2025: {} / {} điểm\n",
        card.summary.ward,
        set.name(),
        vi(card.summary.total_points),
        vi(card.summary.max_points)
    );
    say!("1. Sáu nhóm chỉ số (six groups)");
    for group in &card.fields {
        say!(
            "   {} {:<36} {:>6} / {}",
            group.id,
            group.label.vi(),
            vi(group.points),
            vi(group.max_points)
        );
    }
    say!("   Chi tiết (components):");
    for line in &card.criteria {
        say!(
            "   {:<5} {:>5} — {}",
            line.id.as_str(),
            vi(line.points),
            line.explanation.vi()
        );
    }
    for note in &card.notes {
        say!("   {}", note.vi());
    }

    let plan = LeastEffortPlan::find(&set, &july, &Goal::Index(Decimal::from(90)), &Costs::new())?;
    say!("\n2. Cách ít tốn công nhất để đạt 90 điểm (least effort to 90 points)");
    for step in &plan.steps {
        say!(
            "   {:<5} {:<42} {} → {} (chi phí {})",
            step.criterion.as_str(),
            step.change.describe().vi(),
            vi(step.points_before),
            vi(step.points_after),
            vi(step.cost)
        );
    }
    say!(
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
    say!("\n3. Cả năm theo quý (quarters: counts added up, not rates averaged)");
    // 3.2 and 3.5b count services and procedures with at least one record over the period:
    // months cannot make them, so the commune gives the period's own figures (SAMPLE).
    let for_period = |mut obs: Observations, q: u64| -> cchc::Result<Observations> {
        obs.set(cchc::Id::new("3.2")?, counted(80 + 2 * q, 96)?);
        obs.set(cchc::Id::new("3.5b")?, counted(24 + q, 32)?);
        Ok(obs)
    };
    for q in 1..=4u32 {
        let parts = &months[(q as usize - 1) * 3..q as usize * 3];
        let quarter = for_period(
            aggregate(&set, Period::quarter(2025, q)?, parts)?,
            u64::from(q),
        )?;
        let card = Scorecard::score(&set, &quarter)?;
        say!(
            "   Quý {q}: {} điểm (3.3 nộp trực tuyến: {}%)",
            vi(card.summary.total_points),
            card.criterion("3.3")
                .and_then(|l| l.rate_percent)
                .map(vi)
                .unwrap_or_default()
        );
    }
    let year = for_period(aggregate(&set, Period::year(2025)?, &months)?, 4)?;
    say!(
        "   Năm 2025: {} điểm",
        vi(Scorecard::score(&set, &year)?.summary.total_points)
    );

    // 3.3, records filed online, month by month to September, projected to December.
    let series = MonthlySeries::from_months(
        2025,
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
    let as_of = NaiveDate::from_ymd_opt(2025, 9, 30).unwrap_or_default();
    let progress = Progress::year_to_date(&series, &target, as_of, set.rounding())?;
    say!("\n4. 3.3 hồ sơ nộp trực tuyến tại 30/09/2025 (mục tiêu ≥ 50%)");
    say!(
        "   Lũy kế: {} = {}%",
        progress.to_date,
        progress.percent.map(vi).unwrap_or_default()
    );
    if let Some(projection) = &progress.projection {
        say!(
            "   Dự báo cuối năm (ước tính tuyến tính): {} = {}%",
            projection.counts,
            projection.percent.map(vi).unwrap_or_default()
        );
    }
    if let Some(need) = &progress.need {
        say!(
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
