//! Criteria sets (bộ tiêu chí) as data: fields → criteria (→ sub-criteria), each with a
//! maximum, a [`ScoringRule`] and the plan item it measures, plus the rating bands of the index.
//!
//! A province issues its own set; `cchc` ships a reference set derived from the 2023 plan
//! ([`CriteriaSet::reference`], PLAN.md §3) and reads any other from TOML or JSON. Every set is
//! validated when it is built, and *every* problem found is reported, each with its id.

mod rule;
mod validate;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use rule::{CategoryOption, CountStep, RateStep, Reads, ScoringRule};

use crate::error::{Error, Result};
use crate::rounding::Rounding;

/// What a criterion scores when nothing arose in scope (*không phát sinh*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NotApplicablePolicy {
    /// Full points (the common practice). The default.
    #[default]
    FullPoints,
    /// Left out: 0 points, and its maximum is taken out of the set's maximum.
    LeaveOut,
    /// Zero points, maximum kept.
    Zero,
}

/// One criterion (tiêu chí) or sub-criterion (tiêu chí thành phần).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// A unique id, e.g. `II.4`.
    pub id: String,
    /// The criterion in Vietnamese, as the official table words it.
    pub label_vi: String,
    /// The criterion in English.
    pub label_en: String,
    /// Maximum points (điểm tối đa).
    pub max_points: Decimal,
    /// How points are computed; absent exactly when the criterion has sub-criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<ScoringRule>,
    /// The plan item this criterion measures, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_item: Option<String>,
    /// What counts as the numerator, in Vietnamese ("kết quả được số hóa"), for explanations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure_vi: Option<String>,
    /// What counts as the numerator, in English ("results digitised").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure_en: Option<String>,
    /// The policy for *không phát sinh*; the set's default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<NotApplicablePolicy>,
    /// Sub-criteria; the criterion's points are their sum.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Criterion>,
}

/// A field (lĩnh vực) of a criteria set: I institutions … VII direction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaField {
    /// A unique id, e.g. `II`.
    pub id: String,
    /// Vietnamese heading ("Cải cách thủ tục hành chính").
    pub label_vi: String,
    /// English heading.
    pub label_en: String,
    /// The field's criteria.
    pub criteria: Vec<Criterion>,
}

impl CriteriaField {
    /// The field's maximum: the sum of its criteria's maxima.
    #[must_use]
    pub fn max_points(&self) -> Decimal {
        self.criteria.iter().map(|c| c.max_points).sum()
    }
}

/// A rating band of the index: `from` ≤ index < `to` (the band reaching 100 includes 100).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Vietnamese name ("Tốt").
    pub label_vi: String,
    /// English name ("Good").
    pub label_en: String,
    /// Lowest index in the band (included).
    pub from: Decimal,
    /// Index where the next band starts (excluded, unless it is 100).
    pub to: Decimal,
}

impl Band {
    /// Whether `index` falls in the band.
    #[must_use]
    pub fn contains(&self, index: Decimal) -> bool {
        self.from <= index
            && (index < self.to || (self.to == Decimal::ONE_HUNDRED && index == self.to))
    }
}

/// The written form of a criteria set, before validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaSetSpec {
    /// The set's name ("Bộ tiêu chí tham chiếu …").
    pub name: String,
    /// The rounding policy for points and percentages.
    #[serde(default)]
    pub rounding: Rounding,
    /// The default policy for *không phát sinh*.
    #[serde(default)]
    pub not_applicable: NotApplicablePolicy,
    /// The rating bands of the index.
    pub bands: Vec<Band>,
    /// The fields, in order.
    pub fields: Vec<CriteriaField>,
}

/// A validated criteria set.
///
/// ```
/// use cchc::CriteriaSet;
/// use rust_decimal_macros::dec;
/// let set = CriteriaSet::reference();
/// assert_eq!(set.max_points(), dec!(100));
/// assert_eq!(set.criterion("II.4").map(|c| c.max_points), Some(dec!(5)));
/// assert_eq!(set.band_for(dec!(87.5)).map(|b| b.label_vi.as_str()), Some("Tốt"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "CriteriaSetSpec")]
pub struct CriteriaSet {
    spec: CriteriaSetSpec,
}

impl From<CriteriaSet> for CriteriaSetSpec {
    fn from(set: CriteriaSet) -> Self {
        set.spec
    }
}

/// A leaf criterion with the field it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Leaf<'a> {
    /// The field.
    pub field: &'a CriteriaField,
    /// The criterion (it has a rule).
    pub criterion: &'a Criterion,
    /// The criterion's rule.
    pub rule: &'a ScoringRule,
}

const REFERENCE: &str = include_str!("reference.toml");

impl CriteriaSet {
    /// Validates a written set against the plan items that exist (`is_plan_item`).
    ///
    /// # Errors
    /// [`Error::InvalidCriteria`] listing every problem found, each wrapped with its id.
    pub fn from_spec(spec: CriteriaSetSpec, is_plan_item: &dyn Fn(&str) -> bool) -> Result<Self> {
        let problems = validate::problems(&spec, is_plan_item);
        if problems.is_empty() {
            Ok(Self { spec })
        } else {
            Err(Error::InvalidCriteria { problems })
        }
    }

    /// Reads and validates a set written in TOML.
    ///
    /// # Errors
    /// [`Error::Parse`] for malformed TOML or an unknown key; [`Error::InvalidCriteria`] as
    /// [`CriteriaSet::from_spec`].
    pub fn from_toml_with(text: &str, is_plan_item: &dyn Fn(&str) -> bool) -> Result<Self> {
        let spec: CriteriaSetSpec = toml::from_str(text).map_err(|e| Error::Parse {
            format: "TOML",
            message: e.to_string().trim_end().to_owned(),
        })?;
        Self::from_spec(spec, is_plan_item)
    }

    /// Reads and validates a set written in JSON.
    ///
    /// # Errors
    /// As [`CriteriaSet::from_toml_with`], for JSON.
    pub fn from_json_with(text: &str, is_plan_item: &dyn Fn(&str) -> bool) -> Result<Self> {
        let spec: CriteriaSetSpec = serde_json::from_str(text).map_err(|e| Error::Parse {
            format: "JSON",
            message: e.to_string(),
        })?;
        Self::from_spec(spec, is_plan_item)
    }

    /// Reads and validates a set written in TOML whose `plan_item` references must name items
    /// of `plan`.
    ///
    /// ```
    /// use cchc::{CriteriaSet, Plan};
    /// let plan = Plan::song_cau_2023();
    /// let set = CriteriaSet::from_toml(CriteriaSet::reference_toml(), &plan)?;
    /// assert_eq!(set, CriteriaSet::reference());
    /// let broken = CriteriaSet::reference_toml().replace("plan_item = \"II.4\"", "plan_item = \"II.40\"");
    /// let err = CriteriaSet::from_toml(&broken, &plan).unwrap_err();
    /// assert!(err.to_string().contains("II.4: unknown plan item id \"II.40\""), "{err}");
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`CriteriaSet::from_toml_with`].
    pub fn from_toml(text: &str, plan: &crate::plan::Plan) -> Result<Self> {
        Self::from_toml_with(text, &|id| plan.item(id).is_some())
    }

    /// Reads and validates a set written in JSON against the items of `plan`.
    ///
    /// # Errors
    /// As [`CriteriaSet::from_json_with`].
    pub fn from_json(text: &str, plan: &crate::plan::Plan) -> Result<Self> {
        Self::from_json_with(text, &|id| plan.item(id).is_some())
    }

    /// The set as TOML.
    ///
    /// # Errors
    /// [`Error::Write`] if the writer fails.
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(&self.spec).map_err(|e| Error::Write {
            format: "TOML",
            message: e.to_string(),
        })
    }

    /// The set as pretty JSON.
    ///
    /// # Errors
    /// [`Error::Write`] if the writer fails.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(&self.spec).map_err(|e| Error::Write {
            format: "JSON",
            message: e.to_string(),
        })
    }

    /// The reference set shipped with the crate (PLAN.md §3): 7 fields, 100 points, bands
    /// Xuất sắc ≥ 90 · Tốt ≥ 80 · Khá ≥ 70 · Trung bình ≥ 50 · Yếu < 50.
    #[must_use]
    pub fn reference() -> Self {
        // The built-in file is valid: the unit test `reference_set_is_valid` proves it.
        let spec: CriteriaSetSpec =
            toml::from_str(REFERENCE).expect("the built-in reference criteria set parses");
        Self { spec }
    }

    /// The reference set's source text (TOML), to start a province's own set from.
    #[must_use]
    pub const fn reference_toml() -> &'static str {
        REFERENCE
    }

    /// The set's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.spec.name
    }

    /// The rounding policy.
    #[must_use]
    pub const fn rounding(&self) -> &Rounding {
        &self.spec.rounding
    }

    /// The default policy for *không phát sinh*.
    #[must_use]
    pub const fn not_applicable(&self) -> NotApplicablePolicy {
        self.spec.not_applicable
    }

    /// The fields, in order.
    #[must_use]
    pub fn fields(&self) -> &[CriteriaField] {
        &self.spec.fields
    }

    /// The rating bands.
    #[must_use]
    pub fn bands(&self) -> &[Band] {
        &self.spec.bands
    }

    /// The band `index` falls in.
    #[must_use]
    pub fn band_for(&self, index: Decimal) -> Option<&Band> {
        self.spec.bands.iter().find(|band| band.contains(index))
    }

    /// The set's maximum (before any "leave out" policy).
    #[must_use]
    pub fn max_points(&self) -> Decimal {
        self.spec.fields.iter().map(CriteriaField::max_points).sum()
    }

    /// The criterion (at any depth) with this id.
    #[must_use]
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        fn find<'a>(list: &'a [Criterion], id: &str) -> Option<&'a Criterion> {
            list.iter().find_map(|c| {
                if c.id == id {
                    Some(c)
                } else {
                    find(&c.children, id)
                }
            })
        }
        self.spec.fields.iter().find_map(|f| find(&f.criteria, id))
    }

    /// The scored criteria (those with a rule), depth first, in order.
    pub fn leaves(&self) -> impl Iterator<Item = Leaf<'_>> {
        fn walk<'a>(field: &'a CriteriaField, list: &'a [Criterion], out: &mut Vec<Leaf<'a>>) {
            for criterion in list {
                match &criterion.rule {
                    Some(rule) => out.push(Leaf {
                        field,
                        criterion,
                        rule,
                    }),
                    None => walk(field, &criterion.children, out),
                }
            }
        }
        let mut out = Vec::new();
        for field in &self.spec.fields {
            walk(field, &field.criteria, &mut out);
        }
        out.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn reference_set_is_valid() {
        let spec: CriteriaSetSpec = toml::from_str(REFERENCE).unwrap();
        let plan = crate::plan::Plan::song_cau_2023();
        let set = CriteriaSet::from_spec(spec, &|id| plan.item(id).is_some()).unwrap();
        assert_eq!(set, CriteriaSet::reference());
        assert_eq!(set.max_points(), dec!(100));
    }
}
