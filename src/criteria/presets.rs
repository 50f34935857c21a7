//! Criteria sets shipped with the crate, as data compiled in and read once.
//!
//! - [`reference`](fn@reference): the reference set of a ward's 2023 self-assessment, derived from the plan
//!   of phường Sông Cầu (41 criteria in 7 fields, 100 points, bands Xuất sắc ≥ 90 · Tốt ≥ 80 ·
//!   Khá ≥ 70 · Trung bình ≥ 50 · Yếu < 50). Ours: a province's real table replaces it.
//! - [`qd766`]: the service index of Decision 766/QĐ-TTg that the national public-service
//!   portal computes every month, quarter and year — six groups (18 · 20 · 12 · 10 · 22 · 18 =
//!   100), 21 components, each max × min(1, rate ÷ target) — for a commune. It has no rating
//!   bands (none are official). What a source confirms and what is assumed is in the data
//!   itself, component by component ([`Criterion::verified`](super::Criterion::verified),
//!   [`Criterion::source`](super::Criterion::source),
//!   [`Criterion::assumption`](super::Criterion::assumption)), and every assumption shows in
//!   the scorecard's method text.
//! - [`qd766_province`]: the same index for a province, where components 4.5a and 4.5b apply.
//!
//! ```
//! use cchc::criteria::presets;
//! use rust_decimal_macros::dec;
//! let qd766 = presets::qd766();
//! let maxima: Vec<_> = qd766.fields().iter().map(|g| g.max_points()).collect();
//! assert_eq!(maxima, [dec!(18), dec!(20), dec!(12), dec!(10), dec!(22), dec!(18)]);
//! assert!(qd766.bands().is_empty());
//! ```

use std::sync::LazyLock;

use super::CriteriaSet;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::text::Text;

/// The reference set's source text (TOML).
pub(crate) const REFERENCE_TOML: &str = include_str!("reference.toml");

/// The QĐ 766 preset's source text (TOML).
pub(crate) const QD766_TOML: &str = include_str!("qd766.toml");

/// The names [`by_name`] knows.
pub const NAMES: [&str; 3] = ["reference", "qd766", "qd766-province"];

/// A compiled-in set, read once. The files are part of the crate and valid: the unit test
/// `every_preset_is_valid` reads them on every `cargo test`, so this cannot fail at run time
/// (an empty set in its place would break every invariant a set holds).
fn read(text: &str) -> CriteriaSet {
    CriteriaSet::from_toml(text).expect("a built-in criteria set is valid")
}

static REFERENCE: LazyLock<CriteriaSet> = LazyLock::new(|| read(REFERENCE_TOML));
static QD766: LazyLock<CriteriaSet> = LazyLock::new(|| read(QD766_TOML));
static QD766_PROVINCE: LazyLock<CriteriaSet> = LazyLock::new(|| match Id::new("province") {
    Ok(level) => QD766.at_level(level).renamed(
        "Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg), cấp tỉnh",
        Some(Text::new(
            "điểm từng chỉ số làm tròn 2 chữ số thập phân trước khi cộng",
            "each component's points are rounded to 2 decimals before they are added up",
        )),
    ),
    Err(_) => QD766.clone(),
});

/// The reference set of a ward's 2023 self-assessment.
#[must_use]
pub fn reference() -> CriteriaSet {
    REFERENCE.clone()
}

/// The QĐ 766/QĐ-TTg service index, for a commune.
#[must_use]
pub fn qd766() -> CriteriaSet {
    QD766.clone()
}

/// The QĐ 766/QĐ-TTg service index, for a province (4.5a and 4.5b apply).
#[must_use]
pub fn qd766_province() -> CriteriaSet {
    QD766_PROVINCE.clone()
}

/// The preset named `name`, one of [`NAMES`].
///
/// # Errors
/// [`ErrorKind::UnknownId`](crate::ErrorKind::UnknownId) for another name.
pub fn by_name(name: &str) -> Result<CriteriaSet> {
    match name {
        "reference" => Ok(reference()),
        "qd766" => Ok(qd766()),
        "qd766-province" => Ok(qd766_province()),
        other => Err(Error::from(Reason::UnknownPreset {
            name: other.chars().take(40).collect(),
            allowed: NAMES.join(", "),
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn every_preset_is_valid() {
        for text in [REFERENCE_TOML, QD766_TOML] {
            let set = CriteriaSet::from_toml(text).unwrap();
            assert_eq!(
                CriteriaSet::from_toml(&set.to_toml().unwrap()).unwrap(),
                set
            );
        }
        assert_eq!(qd766().max_points(), dec!(100));
        assert_eq!(qd766().leaves().count(), 21);
        assert_eq!(qd766_province().level().map(Id::as_str), Some("province"));
        assert_eq!(qd766().level().map(Id::as_str), Some("commune"));
    }

    #[test]
    fn names() {
        for name in NAMES {
            assert!(by_name(name).is_ok(), "{name}");
        }
        let err = by_name("qd767").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown preset \"qd767\" (presets: reference, qd766, qd766-province)"
        );
    }
}
