//! The formulas of the table: sums of cells, the index rounded like the set's policy, the
//! band (see the [module docs](super)).

use rust_decimal::Decimal;

use super::Summary;
use crate::criteria::CriteriaSet;
use crate::rate::{Rounding, RoundingMode};
use crate::score::Scorecard;
use crate::spreadsheet::cell_name;
use crate::text::{Lang, pick};

/// The most `IF`s a band formula nests (Excel allows 64).
const MAX_BANDS_IN_FORMULA: usize = 60;

/// `=SUM(…)` of column `col` at `rows`, consecutive rows as ranges, at most 255 arguments a
/// call; `=0` for none.
pub(super) fn sum(col: u16, rows: &[u32]) -> String {
    let mut ranges: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let start = rows[i];
        let mut end = start;
        while i + 1 < rows.len() && rows[i + 1] == end + 1 {
            i += 1;
            end += 1;
        }
        ranges.push(if start == end {
            cell_name(start, col)
        } else {
            format!("{}:{}", cell_name(start, col), cell_name(end, col))
        });
        i += 1;
    }
    if ranges.is_empty() {
        return "=0".to_owned();
    }
    let calls: Vec<String> = ranges
        .chunks(255)
        .map(|chunk| format!("SUM({})", chunk.join(",")))
        .collect();
    if calls.len() == 1 {
        format!("={}", calls[0])
    } else {
        format!("=SUM({})", calls.join(","))
    }
}

/// The index formula of `total` over `max` rounded by `rounding`, or `None` when a float
/// cannot carry the digits needed (see the module docs).
pub(super) fn index_formula(
    total: &str,
    max: &str,
    rounding: &Rounding,
    max_points: Decimal,
) -> Option<String> {
    let d = rounding.decimals();
    // The maximum in its smallest unit (points have at most the policy's or 2 decimals).
    let unit = d.max(crate::rule::POINT_DECIMALS);
    let mut scaled = max_points;
    scaled.rescale(unit);
    let digits = u32::try_from(scaled.mantissa().unsigned_abs().to_string().len()).ok()?;
    let p = d + digits + 1;
    if p > 12 {
        return None;
    }
    let x = format!("{total}/{max}*100");
    Some(match rounding.mode() {
        RoundingMode::HalfAwayFromZero => format!("=ROUND(ROUND({x},{p}),{d})"),
        RoundingMode::TowardZero => format!("=ROUNDDOWN(ROUND({x},{p}),{d})"),
        RoundingMode::AwayFromZero => format!("=ROUNDUP(ROUND({x},{p}),{d})"),
        _ => {
            let scale = 10u64.pow(d);
            let z = format!("ROUND({total}/{max}*{},{})", 100 * scale, p - d);
            format!(
                "=IF(MOD({z},1)=0.5,(FLOOR({z},1)+IF(ISODD(FLOOR({z},1)),1,0))/{scale},ROUND({z},0)/{scale})"
            )
        }
    })
}

/// The band of the index in `index`, as nested `IF`s in the set's order; `None` for a set
/// without bands or with too many.
pub(super) fn band_formula(set: &CriteriaSet, index: &str, lang: Lang) -> Option<String> {
    let bands = set.bands();
    if bands.is_empty() || bands.len() > MAX_BANDS_IN_FORMULA {
        return None;
    }
    let mut formula = "\"—\"".to_owned();
    for band in bands.iter().rev() {
        let label = band.label().get(lang).replace('"', "\"\"");
        let upper = if band.to() == Decimal::ONE_HUNDRED {
            format!("{index}<=100")
        } else {
            format!("{index}<{}", band.to())
        };
        formula = format!(
            "IF(AND({index}>={},{upper}),\"{label}\",{formula})",
            band.from()
        );
    }
    Some(format!("={formula}"))
}

/// `cell` as text with `decimals` decimals and the decimal sign of `lang`, whatever the
/// spreadsheet's locale (`FIXED` writes the locale's sign; no thousands separator).
fn fixed(cell: &str, decimals: u32, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("SUBSTITUTE(FIXED({cell},{decimals},TRUE),\".\",\",\")"),
        Lang::En => format!("SUBSTITUTE(FIXED({cell},{decimals},TRUE),\",\",\".\")"),
    }
}

/// What [`fixed`] makes of `value`.
fn plain(value: Decimal, lang: Lang) -> String {
    let text = value.to_string();
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

/// The footer's lines of totals (self-assessed, appraised) as formulas over the summary's
/// cells, each with its cached text: the footer's own words while the figures are unchanged.
pub(super) fn footer_formulas(card: &Scorecard, lang: Lang, at: &Summary) -> [(String, String); 2] {
    let s = &card.summary;
    let of = pick(lang, "/", " of ");
    let index_lead = pick(lang, "; Chỉ số CCHC: ", "; CCHC index: ");
    let band_lead = pick(lang, "; xếp loại: ", "; rating: ");
    let undefined = pick(
        lang,
        "không xác định (tổng điểm tối đa bằng 0)",
        "undefined (the maximum is 0)",
    );
    let max_decimals = s.max_points.scale();
    let line = |lead: &str,
                [total, index, band]: &[String; 3],
                figures: (Decimal, Option<Decimal>, Option<&crate::Text>)| {
        let (t, i, b) = figures;
        let formula = format!(
            "=\"{lead}\"&{}&\"{of}\"&{}&\"{index_lead}\"&IF(ISNUMBER({index}),{}&\"%\",\"{undefined}\")&\"{band_lead}\"&{band}",
            fixed(total, t.scale(), lang),
            fixed(&at.max, max_decimals, lang),
            fixed(index, card.rounding.decimals(), lang),
        );
        let cached = format!(
            "{lead}{}{of}{}{index_lead}{}{band_lead}{}",
            plain(t, lang),
            plain(s.max_points, lang),
            i.map_or_else(|| undefined.to_owned(), |i| format!("{}%", plain(i, lang))),
            b.map_or("—", |b| b.get(lang)),
        );
        (formula, cached)
    };
    [
        line(
            pick(lang, "Tổng điểm tự chấm: ", "Self-assessed total: "),
            &at.own,
            (s.total_points, s.index, s.band.as_ref()),
        ),
        line(
            pick(lang, "Tổng điểm thẩm định: ", "Appraised total: "),
            &at.appraised,
            (
                s.appraised_total_points,
                s.appraised_index,
                s.appraised_band.as_ref(),
            ),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::index_formula;
    use crate::rate::Rounding;
    use rust_decimal_macros::dec;

    #[test]
    fn the_index_formula_is_written_up_to_twelve_digits() {
        // 2 decimals; a maximum of 1,000,000 points is 100000000 hundredths, 9 digits: the
        // index needs 2 + 9 + 1 = 12 significant digits, which a float carries. 10,000,000
        // needs 13: no formula (the cell keeps the crate's value).
        let r = Rounding::default();
        assert_eq!(
            index_formula("B1", "B2", &r, dec!(1000000)).as_deref(),
            Some("=ROUND(ROUND(B1/B2*100,12),2)")
        );
        assert_eq!(index_formula("B1", "B2", &r, dec!(10000000)), None);
        // Each mode its function: down, up (toward and away from zero).
        use crate::rate::RoundingMode;
        let mode = |m| Rounding::new(2, m).unwrap();
        assert_eq!(
            index_formula("B1", "B2", &mode(RoundingMode::TowardZero), dec!(100)).as_deref(),
            Some("=ROUNDDOWN(ROUND(B1/B2*100,8),2)")
        );
        assert_eq!(
            index_formula("B1", "B2", &mode(RoundingMode::AwayFromZero), dec!(100)).as_deref(),
            Some("=ROUNDUP(ROUND(B1/B2*100,8),2)")
        );
        // The sample's 100 points: 10000 hundredths, 5 digits, 8 significant.
        assert_eq!(
            index_formula("B1", "B2", &r, dec!(100)).as_deref(),
            Some("=ROUND(ROUND(B1/B2*100,8),2)")
        );
    }
}
