//! Prints the built-in 2023 plan of phường Sông Cầu as two aligned tables: one in Vietnamese,
//! one in English (id, field, target, timeline).
//!
//! ```text
//! cargo run --example plan_overview
//! ```

#[macro_use]
mod common;

use cchc::Plan;
use cchc::plan::{Field, PlanItem};
use cchc::rule::{Comparison, DeadlineWording, Target};
use chrono::NaiveDate;

/// Timelines longer than this many characters are cut with "…" to keep rows on one line.
const TIMELINE_WIDTH: usize = 60;

fn main() {
    let plan = Plan::song_cau_2023();

    say!("{} — {} ({})", plan.title(), plan.ward(), plan.year());
    say!("");
    for field in Field::ALL {
        say!("  {:<4} {}", field.numeral(), field.label_vi());
    }
    say!("");
    print_table(
        ["Mã", "Lĩnh vực", "Chỉ tiêu", "Thời gian thực hiện"],
        plan.items().iter().map(|item| {
            [
                item.id().to_string(),
                item.field().numeral().to_owned(),
                target_vi(item.target()),
                timeline(item, "—"),
            ]
        }),
    );

    say!("");
    say!(
        "{} — {} ({}), in English",
        plan.title(),
        plan.ward(),
        plan.year()
    );
    say!("");
    for field in Field::ALL {
        say!("  {:<4} {}", field.numeral(), field.label_en());
    }
    say!("");
    print_table(
        ["Id", "Field", "Target", "Timeline (the plan's wording)"],
        plan.items().iter().map(|item| {
            [
                item.id().to_string(),
                item.field().numeral().to_owned(),
                item.target().to_string(),
                timeline(item, "—"),
            ]
        }),
    );
}

/// The item's timeline, cut to [`TIMELINE_WIDTH`] characters, or `none` when the plan gives
/// none.
fn timeline(item: &PlanItem, none: &str) -> String {
    let text = item.timeline().unwrap_or(none);
    if text.chars().count() <= TIMELINE_WIDTH {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(TIMELINE_WIDTH - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A date as the plan writes it: 30/01/2023.
fn vn_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// The target in Vietnamese.
fn target_vi(target: &Target) -> String {
    match target {
        Target::Rate(rate) => {
            let sign = match rate.comparison() {
                Comparison::AtLeast => "≥",
                Comparison::AtMost => "≤",
            };
            match rate.min_count() {
                Some(count) => format!("{sign} {}, tối thiểu {count}", rate.percent()),
                None => format!("{sign} {}", rate.percent()),
            }
        }
        Target::Count(count) => format!("tối thiểu {}", count.least()),
        Target::Deadline(deadline) => match deadline.wording() {
            DeadlineWording::Before => format!("trước {}", vn_date(deadline.date())),
            DeadlineWording::By => format!("chậm nhất {}", vn_date(deadline.date())),
        },
        Target::Window(window) => {
            format!(
                "từ {} đến {}",
                vn_date(window.start()),
                vn_date(window.end())
            )
        }
        Target::Frequency(frequency) => format!(
            "{:02} tháng/lần, {}–{}",
            frequency.every_months(),
            vn_date(frequency.within().start()),
            vn_date(frequency.within().end())
        ),
        Target::Done => "hoàn thành".to_owned(),
        // `Target` is non-exhaustive: a kind added later is shown in English.
        other => other.to_string(),
    }
}

/// Prints rows under headers, every column padded to its widest cell. Widths count
/// characters, not bytes: Vietnamese letters take two or three bytes each.
fn print_table(headers: [&str; 4], rows: impl Iterator<Item = [String; 4]>) {
    let rows: Vec<[String; 4]> = rows.collect();
    let mut widths = headers.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 4]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| {
                let pad = width.saturating_sub(cell.chars().count());
                format!("{cell}{}", " ".repeat(pad))
            })
            .collect();
        say!("{}", padded.join(" │ ").trim_end());
    };
    line(headers);
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    say!("{}", rule.join("─┼─"));
    for row in &rows {
        line([&row[0], &row[1], &row[2], &row[3]]);
    }
}
