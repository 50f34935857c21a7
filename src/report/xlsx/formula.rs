//! The formulas of the table: sums of cells, the index rounded like the set's policy, the
//! band (see the [module docs](super)).

use rust_decimal::Decimal;

use crate::criteria::CriteriaSet;
use crate::rate::{Rounding, RoundingMode};
use crate::spreadsheet::cell_name;
use crate::text::Lang;

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
