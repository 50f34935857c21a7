//! The scorecard as one picture (feature `svg`, written with the `svg` crate): an A4 page,
//! portrait — `width="210mm" height="297mm" viewBox="0 0 794 1123"` (A4 at 96 dpi) — for
//! leaders who read pictures.
//!
//! - At the top, the title lines of the table format and the headline: total, maximum, index
//!   and band.
//! - Each field's points against its maximum: a grey track as long as the maximum, a blue bar
//!   as long as the points, and the figures.
//! - Per criterion scored on counts, a bullet graph on a 0–100% scale: shaded ranges (the
//!   rate steps of a steps rule; otherwise below the target, and from the target up), the
//!   rate as a dark bar, the target of full points as a red tick, and the figures: rate,
//!   target and points. A criterion without counts reported shows its track and "—".
//!
//! Text is UTF-8; user text is cleaned of control and bidi characters and escaped by the
//! writer; the font list names fonts with Vietnamese glyphs (`Noto Sans, DejaVu Sans, Arial,
//! sans-serif`). Rows shrink to keep every criterion on the page. Positions are computed with
//! decimals, to one decimal of a pixel.

use rust_decimal::Decimal;
use svg::Document;
use svg::node::element::{Group, Line, Rectangle, Text, Title};

use super::{clean, sheet};
use crate::criteria::CriteriaSet;
use crate::error::Result;
use crate::rule::ScoringRule;
use crate::score::{Scorecard, Working};
use crate::text::{Lang, Num, pick};

/// Page width and height, in the viewBox's units (A4 at 96 dpi).
const PAGE: (i64, i64) = (794, 1123);
/// Left margin, and where bars start.
const LEFT: i64 = 40;
const BAR_X: i64 = 290;
const BAR_W: i64 = 290;
/// The fonts, in order: each has the Vietnamese letters.
const FONTS: &str = "Noto Sans, DejaVu Sans, Arial, sans-serif";

/// A coordinate: a decimal rounded to one decimal.
fn px(value: Decimal) -> String {
    value.round_dp(1).normalize().to_string()
}

/// The x of `percent` (0–100) on a bar.
fn at(percent: Decimal) -> Decimal {
    let p = percent.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
    Decimal::from(BAR_X) + Decimal::from(BAR_W) * p / Decimal::ONE_HUNDRED
}

fn text(x: i64, y: Decimal, size: u32, content: &str) -> Text {
    Text::new(clean::line(content))
        .set("x", x)
        .set("y", px(y))
        .set("font-size", size)
}

fn rect(x: Decimal, y: Decimal, w: Decimal, h: Decimal, fill: &str) -> Rectangle {
    Rectangle::new()
        .set("x", px(x))
        .set("y", px(y))
        .set("width", px(w.max(Decimal::ZERO)))
        .set("height", px(h))
        .set("fill", fill.to_owned())
}

/// The picture of `card`, scored against `set`, with labels in `lang`.
///
/// ```
/// use cchc::{CriteriaSet, Lang, Observations, Scorecard};
/// let set = CriteriaSet::reference();
/// let obs = Observations::builder("Phường Sông Cầu", 2023).counts("II.4", 90, 300).build(&set)?;
/// let card = Scorecard::score(&set, &obs)?;
/// let svg = cchc::report::svg::scorecard(&set, &card, Lang::Vi)?;
/// assert!(svg.contains(r#"viewBox="0 0 794 1123""#));
/// assert!(svg.contains("II.4"));
/// # Ok::<(), cchc::Error>(())
/// ```
///
/// # Errors
/// [`ErrorKind::NotComparable`](crate::ErrorKind::NotComparable) when `card` was not scored
/// against `set`.
pub fn scorecard(set: &CriteriaSet, card: &Scorecard, lang: Lang) -> Result<String> {
    super::check_set(set, card)?;
    let d = Decimal::from;
    let mut doc = Document::new()
        .set("width", "210mm")
        .set("height", "297mm")
        .set("viewBox", format!("0 0 {} {}", PAGE.0, PAGE.1))
        .set("font-family", FONTS)
        .add(Title::new(clean::line(
            sheet::title(card, lang).first().map_or("", String::as_str),
        )))
        .add(rect(d(0), d(0), d(PAGE.0), d(PAGE.1), "#ffffff"));
    let mut y = d(44);
    for (i, line) in sheet::title(card, lang).iter().enumerate() {
        let size = if i == 0 { 15 } else { 12 };
        doc = doc.add(
            text(LEFT, y, size, line).set("font-weight", if i == 0 { "bold" } else { "normal" }),
        );
        y += d(20);
    }
    let s = &card.summary;
    let index = s
        .index
        .map_or_else(|| "—".to_owned(), |i| format!("{}%", Num(i, lang)));
    let band = s.band.as_ref().map_or("—", |b| b.get(lang));
    let headline = match lang {
        Lang::Vi => format!(
            "Tổng điểm: {}/{} — Chỉ số CCHC: {index} — Xếp loại: {band}",
            Num(s.total_points, lang),
            Num(s.max_points, lang)
        ),
        Lang::En => format!(
            "Total: {} of {} — CCHC index: {index} — Rating: {band}",
            Num(s.total_points, lang),
            Num(s.max_points, lang)
        ),
    };
    doc = doc.add(text(LEFT, y + d(6), 14, &headline).set("font-weight", "bold"));
    y += d(40);

    doc = doc.add(
        text(
            LEFT,
            y,
            13,
            pick(lang, "Điểm theo lĩnh vực", "Points by field"),
        )
        .set("font-weight", "bold"),
    );
    y += d(12);
    for field in &card.fields {
        let mut g = Group::new().set("class", "field");
        let label = format!("{}. {}", field.id, field.label.get(lang));
        g = g.add(text(LEFT, y + d(13), 11, &shorten(&label, 42)));
        g = g.add(rect(d(BAR_X), y + d(3), d(BAR_W), d(12), "#e3e7ee"));
        let share = if field.max_points.is_zero() {
            Decimal::ZERO
        } else {
            field.points / field.max_points * Decimal::ONE_HUNDRED
        };
        g = g.add(rect(
            d(BAR_X),
            y + d(3),
            at(share) - d(BAR_X),
            d(12),
            "#2b6cb0",
        ));
        let figures = format!(
            "{} / {}",
            Num(field.points, lang),
            Num(field.max_points, lang)
        );
        g = g.add(text(BAR_X + BAR_W + 10, y + d(13), 11, &figures));
        doc = doc.add(g);
        y += d(20);
    }
    y += d(18);
    doc = doc.add(
        text(
            LEFT,
            y,
            13,
            pick(
                lang,
                "Tiêu chí tính theo tỷ lệ: tỷ lệ đạt (thanh đậm), chỉ tiêu (vạch đỏ), các mức (nền)",
                "Rate criteria: the rate (dark bar), the target (red tick), the steps (shading)",
            ),
        )
        .set("font-weight", "bold"),
    );
    y += d(10);
    let rates: Vec<_> = set
        .leaves()
        .filter(|l| l.rule.reads() == crate::rule::Reads::Counts)
        .filter_map(|l| card.criterion(l.criterion.id().as_str()).map(|c| (l, c)))
        .collect();
    let room = d(PAGE.1 - 30) - y;
    let count = Decimal::from(rates.len().max(1));
    let step = (room / count).min(d(30)).max(d(8));
    let font = if step >= d(24) { 11 } else { 8 };
    for (leaf, line) in rates {
        let mut g = Group::new()
            .set("class", "bullet")
            .set("data-id", line.id.as_str());
        let label = format!("{} {}", line.id, line.label.get(lang));
        g = g.add(text(
            LEFT,
            y + step * d(6) / d(10),
            font,
            &shorten(&label, 40),
        ));
        let bar_y = y + step / d(5);
        let bar_h = step * d(6) / d(10);
        // Shaded ranges: steps, or below and from the target.
        let mut edges: Vec<Decimal> = match leaf.rule {
            ScoringRule::RateSteps(steps) => {
                steps.steps().iter().map(|s| s.at_least().value()).collect()
            }
            _ => leaf
                .rule
                .full_target()
                .map(|t| t.percent().value())
                .into_iter()
                .collect(),
        };
        edges.retain(|e| *e > Decimal::ZERO && *e < Decimal::ONE_HUNDRED);
        edges.sort();
        edges.dedup();
        let mut from = Decimal::ZERO;
        let shades = ["#e6e6e6", "#d0d0d0", "#bababa", "#a4a4a4", "#8e8e8e"];
        for (i, to) in edges
            .iter()
            .copied()
            .chain([Decimal::ONE_HUNDRED])
            .enumerate()
        {
            let fill = shades[i.min(shades.len() - 1)];
            g = g.add(rect(at(from), bar_y, at(to) - at(from), bar_h, fill).set("class", "range"));
            from = to;
        }
        let rate = match &line.working {
            Some(
                Working::AllOrNothing { rate_percent, .. }
                | Working::Proportional { rate_percent, .. }
                | Working::RateSteps { rate_percent, .. },
            ) => Some(*rate_percent),
            _ => None,
        };
        if let Some(rate) = rate {
            g = g.add(
                rect(
                    d(BAR_X),
                    bar_y + bar_h / d(3),
                    at(rate) - d(BAR_X),
                    bar_h / d(3),
                    "#1a202c",
                )
                .set("class", "rate"),
            );
        }
        let target = leaf.rule.full_target().map(|t| t.percent().value());
        if let Some(target) = target {
            g = g.add(
                Line::new()
                    .set("class", "target")
                    .set("x1", px(at(target)))
                    .set("x2", px(at(target)))
                    .set("y1", px(bar_y - d(2)))
                    .set("y2", px(bar_y + bar_h + d(2)))
                    .set("stroke", "#c53030")
                    .set("stroke-width", 2),
            );
        }
        let figures = format!(
            "{} / {} — {} / {}",
            rate.map_or_else(|| "—".to_owned(), |r| format!("{}%", Num(r, lang))),
            target.map_or_else(|| "—".to_owned(), |t| format!("{}%", Num(t, lang))),
            Num(line.points, lang),
            Num(line.max_points, lang)
        );
        g = g.add(text(
            BAR_X + BAR_W + 10,
            y + step * d(6) / d(10),
            font,
            &figures,
        ));
        doc = doc.add(g);
        y += step;
    }
    Ok(doc.to_string())
}

/// `text` cut to at most `max` characters, at a word when it can, with `…`.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => {
            let head = &text[..cut];
            let word = head.rfind(' ').filter(|at| *at > cut / 2).unwrap_or(cut);
            format!("{}…", head[..word].trim_end())
        }
        None => text.to_owned(),
    }
}
