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
//! Text is UTF-8, written exactly (no white space added around it); user text is cleaned of
//! control, bidi and XML-illegal characters and escaped by the writer; a title line longer
//! than the page is shortened with `…`; the font list names fonts with Vietnamese glyphs
//! (`Noto Sans, DejaVu Sans, Arial, sans-serif`). Positions are computed with decimals, to
//! one decimal of a pixel.
//!
//! **One page, whatever the set.** Rows shrink, and their fonts with them, down to 8 px (a
//! 6 px font) to keep every field and every rate criterion on the page; beyond what fits at
//! that size (about a hundred rows in all) the last rows of each part give way to a line
//! saying how many were left out — "… và 95 tiêu chí khác: xem bảng tự đánh giá" — which
//! the table and the workbook show in full. So the picture never passes the page (every
//! shape and every baseline within the viewBox) and stays under 150 KB.

use rust_decimal::Decimal;
use svg::Document;
use svg::Node;
use svg::node::element::{Element, Group, Line, Rectangle, Title};

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

/// A `<text>` element whose content is exactly `content`, cleaned: the `svg` crate's own
/// text element writes its content on a line of its own, which adds white space to it.
fn text(x: i64, y: Decimal, size: u32, content: &str) -> Element {
    let mut element = Element::new("text");
    element.assign("x", x);
    element.assign("y", px(y));
    element.assign("font-size", size);
    element.append(svg::node::Text::new(clean::line(content)));
    element
}

/// `element` with `name` set to `value`.
fn with(mut element: Element, name: &str, value: &str) -> Element {
    element.assign(name, value);
    element
}

/// The bottom of the drawing: every row ends above it.
const BOTTOM: i64 = PAGE.1 - 24;
/// The smallest row, in pixels.
const MIN_ROW: i64 = 8;
/// The most characters a line of `size` pixels holds across the page (a character being
/// about 0.6 of the size in these fonts, bold included).
fn fits(size: u32) -> usize {
    let width = Decimal::from(PAGE.0 - 2 * LEFT);
    let per = Decimal::from(size) * Decimal::new(6, 1);
    usize::try_from((width / per).trunc().mantissa()).unwrap_or(40)
}

/// The font for rows `h` pixels apart: 11 from 24 px up, else about 0.8 of the row, at least 6.
fn font_for(h: Decimal, large: i64) -> u32 {
    if h >= Decimal::from(large) {
        11
    } else {
        let f = (h * Decimal::new(8, 1)).floor();
        u32::try_from(f.mantissa()).unwrap_or(6).clamp(6, 11)
    }
}

/// How the rows share the page: how many of each part are drawn, and their heights.
struct Layout {
    fields: usize,
    rates: usize,
    field_h: Decimal,
    rate_h: Decimal,
}

/// The rows of `fields` and `rates` in `room` pixels, with a summary line of 20 pixels for a
/// part that does not fit whole: every row at least [`MIN_ROW`] pixels, a field at most 20, a
/// rate criterion at most 30.
fn layout(fields: usize, rates: usize, room: Decimal) -> Layout {
    let d = Decimal::from;
    let count = |n: usize| d(i64::try_from(n).unwrap_or(i64::MAX));
    let (shown_f, shown_r) = if count(fields + rates) * d(MIN_ROW) <= room {
        (fields, rates)
    } else {
        // Room for the two summary lines, then rows of the smallest size; fields first (there
        // are few), but at least a third of the rows for the rate criteria when they need it.
        let rows = usize::try_from(((room - d(40)) / d(MIN_ROW)).floor().mantissa()).unwrap_or(0);
        let shown_f = fields.min(rows.saturating_sub(rates).max(rows * 2 / 3));
        (shown_f, rates.min(rows - shown_f))
    };
    let summaries = usize::from(shown_f < fields) + usize::from(shown_r < rates);
    let avail = room - count(summaries) * d(20);
    let (f, r) = (count(shown_f), count(shown_r));
    // Fields keep 20 pixels while the rate criteria can have 8; then all rows shrink alike.
    let (field_h, rate_h) = if f * d(20) + r * d(MIN_ROW) <= avail {
        let left = avail - f * d(20);
        let rate_h = if r.is_zero() {
            d(30)
        } else {
            (left / r).min(d(30))
        };
        (d(20), rate_h)
    } else {
        let h = (avail / (f + r).max(Decimal::ONE)).min(d(20));
        (h, h)
    };
    Layout {
        fields: shown_f,
        rates: shown_r,
        field_h,
        rate_h,
    }
}

/// The line that says how many rows of a part were left out.
fn left_out(count: usize, fields: bool, lang: Lang) -> String {
    match (fields, lang) {
        (true, Lang::Vi) => format!("… và {count} lĩnh vực khác: xem bảng tự đánh giá"),
        (true, Lang::En) => format!("… and {count} more fields: see the self-assessment table"),
        (false, Lang::Vi) => format!("… và {count} tiêu chí khác: xem bảng tự đánh giá"),
        (false, Lang::En) => {
            format!("… and {count} more criteria: see the self-assessment table")
        }
    }
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
    let titles = sheet::title(card, lang);
    let mut doc = Document::new()
        .set("width", "210mm")
        .set("height", "297mm")
        .set("viewBox", format!("0 0 {} {}", PAGE.0, PAGE.1))
        .set("font-family", FONTS)
        .add(Title::new(clean::line(
            titles.first().map_or("", String::as_str),
        )))
        .add(rect(d(0), d(0), d(PAGE.0), d(PAGE.1), "#ffffff"));
    let mut y = d(44);
    for (i, line) in titles.iter().enumerate() {
        let size = if i == 0 { 15 } else { 12 };
        let weight = if i == 0 { "bold" } else { "normal" };
        let line = shorten(&clean::line(line), fits(size));
        doc = doc.add(with(text(LEFT, y, size, &line), "font-weight", weight));
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
    let headline = shorten(&clean::line(&headline), fits(14));
    doc = doc.add(with(
        text(LEFT, y + d(6), 14, &headline),
        "font-weight",
        "bold",
    ));
    y += d(40);

    let rates: Vec<_> = set
        .leaves()
        .filter(|l| l.rule.reads() == crate::rule::Reads::Counts)
        .filter_map(|l| card.criterion(l.criterion.id().as_str()).map(|c| (l, c)))
        .collect();
    // Two headings of 22 and 28 pixels; the rows share the rest.
    let room = d(BOTTOM) - y - d(50);
    let plan = layout(card.fields.len(), rates.len(), room);

    let heading = pick(lang, "Điểm theo lĩnh vực", "Points by field");
    doc = doc.add(with(text(LEFT, y, 13, heading), "font-weight", "bold"));
    y += d(12);
    let h = plan.field_h;
    let font = font_for(h, 16);
    for field in card.fields.iter().take(plan.fields) {
        let mut g = Group::new().set("class", "field");
        let label = format!("{}. {}", field.id, field.label.get(lang));
        let base = y + h * d(65) / d(100);
        g = g.add(text(LEFT, base, font, &shorten(&label, 42)));
        let (bar_y, bar_h) = (y + h * d(15) / d(100), h * d(6) / d(10));
        g = g.add(rect(d(BAR_X), bar_y, d(BAR_W), bar_h, "#e3e7ee"));
        let share = if field.max_points.is_zero() {
            Decimal::ZERO
        } else {
            field.points / field.max_points * Decimal::ONE_HUNDRED
        };
        g = g.add(rect(
            d(BAR_X),
            bar_y,
            at(share) - d(BAR_X),
            bar_h,
            "#2b6cb0",
        ));
        let figures = format!(
            "{} / {}",
            Num(field.points, lang),
            Num(field.max_points, lang)
        );
        g = g.add(text(BAR_X + BAR_W + 10, base, font, &figures));
        doc = doc.add(g);
        y += h;
    }
    if plan.fields < card.fields.len() {
        let line = left_out(card.fields.len() - plan.fields, true, lang);
        doc = doc.add(with(text(LEFT, y + d(13), 11, &line), "class", "left-out"));
        y += d(20);
    }
    y += d(18);
    let heading = pick(
        lang,
        "Tiêu chí tính theo tỷ lệ: tỷ lệ đạt (thanh đậm), chỉ tiêu (vạch đỏ), các mức (nền)",
        "Rate criteria: the rate (dark bar), the target (red tick), the steps (shading)",
    );
    doc = doc.add(with(text(LEFT, y, 13, heading), "font-weight", "bold"));
    y += d(10);
    let step = plan.rate_h;
    let font = font_for(step, 24);
    for (leaf, line) in rates.iter().take(plan.rates) {
        doc = doc.add(bullet(leaf, line, y, step, font, lang));
        y += step;
    }
    if plan.rates < rates.len() {
        let line = left_out(rates.len() - plan.rates, false, lang);
        doc = doc.add(with(text(LEFT, y + d(13), 11, &line), "class", "left-out"));
    }
    Ok(doc.to_string())
}

/// The bullet graph of a rate criterion, in a row `step` pixels tall from `y`.
fn bullet(
    leaf: &crate::criteria::Leaf<'_>,
    line: &crate::score::CriterionLine,
    y: Decimal,
    step: Decimal,
    font: u32,
    lang: Lang,
) -> Group {
    let d = Decimal::from;
    let mut g = Group::new()
        .set("class", "bullet")
        .set("data-id", line.id.as_str());
    let label = format!("{} {}", line.id, line.label.get(lang));
    let base = y + step * d(6) / d(10);
    g = g.add(text(LEFT, base, font, &shorten(&label, 40)));
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
                .set("y1", px(bar_y - d(2).min(step / d(5))))
                .set("y2", px(bar_y + bar_h + d(2).min(step / d(5))))
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
    g.add(text(BAR_X + BAR_W + 10, base, font, &figures))
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

#[cfg(test)]
mod tests {
    use super::{Layout, MIN_ROW, font_for, layout};
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    fn heights(l: &Layout) -> (Decimal, Decimal) {
        (l.field_h, l.rate_h)
    }

    #[test]
    fn rows_share_the_room_as_documented() {
        // 3 fields and 10 rate criteria in 500 px: all fit at 8 px (104 ≤ 500); fields keep
        // 20 (60), and the rate criteria take the rest up to 30 each (440 / 10 = 44 → 30).
        let l = layout(3, 10, dec!(500));
        assert_eq!((l.fields, l.rates), (3, 10));
        assert_eq!(heights(&l), (dec!(20), dec!(30)));
        // 30 fields and 30 rate criteria in 800 px: all fit at 8 px (480 ≤ 800), but fields
        // at 20 and rates at 8 take 600 + 240 = 840 > 800: every row shrinks alike to
        // 800 / 60 = 13.33…
        let l = layout(30, 30, dec!(800));
        assert_eq!((l.fields, l.rates), (30, 30));
        assert_eq!(heights(&l), (dec!(800) / dec!(60), dec!(800) / dec!(60)));
        // 10 fields and 40 rate criteria in 600 px: 200 + 320 = 520 ≤ 600: fields 20, rates
        // (600 − 200) / 40 = 10.
        let l = layout(10, 40, dec!(600));
        assert_eq!(heights(&l), (dec!(20), dec!(10)));
    }

    #[test]
    fn fonts_are_eight_tenths_of_a_crowded_row() {
        // From 24 px up, 11; below, 0.8 of the row, floored, from 6 to 11.
        assert_eq!(font_for(dec!(24), 24), 11);
        assert_eq!(font_for(dec!(12.5), 24), 10);
        assert_eq!(font_for(dec!(10), 24), 8);
        assert_eq!(font_for(dec!(5), 24), 6);
        assert_eq!(font_for(dec!(23.9), 24), 11);
    }

    #[test]
    fn no_row_is_under_the_least_height_and_all_fit() {
        let min = Decimal::from(MIN_ROW);
        for fields in [0usize, 1, 5, 30, 200] {
            for rates in [0usize, 1, 7, 60, 400] {
                for room in [dec!(120), dec!(500), dec!(900)] {
                    let l = layout(fields, rates, room);
                    let summaries = usize::from(l.fields < fields) + usize::from(l.rates < rates);
                    let used = Decimal::from(l.fields) * l.field_h
                        + Decimal::from(l.rates) * l.rate_h
                        + Decimal::from(summaries) * dec!(20);
                    // Heights are divided out to 28 digits: within a hair of the room.
                    assert!(used - room < dec!(1e-20), "{fields} {rates} {room}: {used}");
                    if l.fields > 0 {
                        assert!(l.field_h >= min, "{fields} {rates} {room}");
                    }
                    if l.rates > 0 {
                        assert!(l.rate_h >= min, "{fields} {rates} {room}");
                    }
                }
            }
        }
    }
}
