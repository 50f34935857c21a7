//! The scorecard's JSON: one field list per part, written from borrowed data and read into
//! owned data, so that what is written is what is read.
//!
//! Texts are written as two keys, `…_vi` and `…_en`; decimals as strings; a record count that
//! no number of records can reach as `null`.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::outcome::Working;
use super::scorecard::{CriterionLine, FieldLine, Scorecard};
use super::summary::Summary;
use crate::id::Id;
use crate::rate::Rounding;
use crate::rule::{Records, Status};
use crate::text::Text;

fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Records>, D::Error> {
    Records::deserialize(deserializer).map(Some)
}

/// The headline figures; `S` is `&str` when written, `String` when read.
#[derive(Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct SummaryWire {
    ward: String,
    year: i32,
    /// The period, when part of a year (`2023-07`, `2023-Q3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    period: Option<String>,
    #[serde(deserialize_with = "crate::decimal::strict")]
    #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
    total_points: Decimal,
    /// The criteria's points before bonus and penalty points (given when there are any).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::decimal::strict_option"
    )]
    #[cfg_attr(test, schemars(with = "Option<crate::schema::DecimalText>"))]
    criteria_points: Option<Decimal>,
    /// Bonus points counted (given when there are any).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::decimal::strict_option"
    )]
    #[cfg_attr(test, schemars(with = "Option<crate::schema::DecimalText>"))]
    bonus_points: Option<Decimal>,
    /// Penalty points counted (given when there are any).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::decimal::strict_option"
    )]
    #[cfg_attr(test, schemars(with = "Option<crate::schema::DecimalText>"))]
    penalty_points: Option<Decimal>,
    #[serde(deserialize_with = "crate::decimal::strict")]
    #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
    max_points: Decimal,
    #[serde(default, deserialize_with = "crate::decimal::strict_option")]
    #[cfg_attr(test, schemars(with = "Option<crate::schema::DecimalText>"))]
    index: Option<Decimal>,
    band: Option<String>,
    band_en: Option<String>,
    #[serde(deserialize_with = "crate::decimal::strict")]
    #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
    appraised_total_points: Decimal,
    #[serde(default, deserialize_with = "crate::decimal::strict_option")]
    #[cfg_attr(test, schemars(with = "Option<crate::schema::DecimalText>"))]
    appraised_index: Option<Decimal>,
    appraised_band: Option<String>,
    appraised_band_en: Option<String>,
    missing_criteria: usize,
}

/// A field's subtotal.
#[derive(Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct FieldWire<S, I> {
    id: I,
    label_vi: S,
    label_en: S,
    #[serde(deserialize_with = "crate::decimal::strict")]
    #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
    points: Decimal,
    #[serde(deserialize_with = "crate::decimal::strict")]
    #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
    max_points: Decimal,
    #[serde(deserialize_with = "crate::decimal::strict")]
    #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
    appraised_points: Decimal,
}

/// A criterion's line.
#[derive(Serialize, Deserialize)]
#[serde(bound(
    serialize = "S: Serialize, I: Serialize, W: Serialize",
    deserialize = "S: Deserialize<'de>, I: Deserialize<'de>, W: Deserialize<'de>"
))]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(
    test,
    schemars(bound = "S: schemars::JsonSchema, I: schemars::JsonSchema")
)]
pub(crate) struct CriterionWire<S, I, W> {
    id: I,
    field: I,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent: Option<I>,
    label_vi: S,
    label_en: S,
    method_vi: S,
    method_en: S,
    #[serde(deserialize_with = "crate::decimal::strict")]
    #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
    points: Decimal,
    #[serde(deserialize_with = "crate::decimal::strict")]
    #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
    max_points: Decimal,
    status: Status,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::decimal::strict_option"
    )]
    #[cfg_attr(test, schemars(with = "Option<crate::schema::DecimalText>"))]
    rate_percent: Option<Decimal>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(test, schemars(with = "Option<u64>"))]
    records_to_convert: Option<Records>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(test, schemars(with = "Option<u64>"))]
    records_to_add: Option<Records>,
    explanation_vi: S,
    explanation_en: S,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    evidence: Option<S>,
    #[serde(deserialize_with = "crate::decimal::strict")]
    #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
    appraised_points: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    appraisal_reason: Option<S>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(with = "Option<crate::schema::DateText>"))]
    open_until: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(with = "Option<crate::schema::AnyObject>"))]
    working: Option<W>,
}

/// The scorecard: the headline figures at the top level, then the rest.
#[derive(Serialize, Deserialize)]
#[serde(bound(
    serialize = "S: Serialize, I: Serialize, F: Serialize, C: Serialize",
    deserialize = "S: Deserialize<'de>, I: Deserialize<'de>, F: Deserialize<'de>, C: Deserialize<'de>"
))]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct ScorecardWire<S, I, F, C> {
    #[serde(flatten)]
    summary: SummaryWire,
    criteria_set: S,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(with = "Option<crate::schema::DateText>"))]
    as_of: Option<NaiveDate>,
    rounding: Rounding,
    fields: Vec<F>,
    criteria: Vec<C>,
    missing: Vec<I>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, schemars(with = "Vec<crate::text::Text>"))]
    notes: Vec<Text>,
}

fn split(text: Option<&Text>) -> (Option<&str>, Option<&str>) {
    (text.map(Text::vi), text.map(Text::en))
}

fn join(vi: Option<String>, en: Option<String>) -> Option<Text> {
    match (vi, en) {
        (None, None) => None,
        (vi, en) => {
            let vi = vi.unwrap_or_default();
            let en = en.unwrap_or_else(|| vi.clone());
            Some(Text::new(vi, en))
        }
    }
}

impl Summary {
    fn wire(&self) -> SummaryWire {
        let (band, band_en) = split(self.band.as_ref());
        let (appraised_band, appraised_band_en) = split(self.appraised_band.as_ref());
        let adjusted = !(self.bonus_points.is_zero() && self.penalty_points.is_zero());
        let owned = |s: Option<&str>| s.map(str::to_owned);
        SummaryWire {
            ward: self.ward.clone(),
            year: self.year,
            period: self.period.map(|p| p.code()),
            total_points: self.total_points,
            criteria_points: adjusted.then_some(self.criteria_points),
            bonus_points: adjusted.then_some(self.bonus_points),
            penalty_points: adjusted.then_some(self.penalty_points),
            max_points: self.max_points,
            index: self.index,
            band: owned(band),
            band_en: owned(band_en),
            appraised_total_points: self.appraised_total_points,
            appraised_index: self.appraised_index,
            appraised_band: owned(appraised_band),
            appraised_band_en: owned(appraised_band_en),
            missing_criteria: self.missing_criteria,
        }
    }

    fn from_wire(w: SummaryWire) -> Result<Self, String> {
        let period = w
            .period
            .map(|code| code.parse::<crate::observations::Period>())
            .transpose()
            .map_err(|e| e.to_string())?;
        if let Some(period) = &period
            && period.calendar_year() != Some(w.year)
        {
            return Err(format!(
                "period {} is not of the year {}",
                period.code(),
                w.year
            ));
        }
        let summary = Self {
            ward: w.ward,
            year: w.year,
            period,
            total_points: w.total_points,
            criteria_points: w.criteria_points.unwrap_or(w.total_points),
            bonus_points: w.bonus_points.unwrap_or_default(),
            penalty_points: w.penalty_points.unwrap_or_default(),
            max_points: w.max_points,
            index: w.index,
            band: join(w.band, w.band_en),
            appraised_total_points: w.appraised_total_points,
            appraised_index: w.appraised_index,
            appraised_band: join(w.appraised_band, w.appraised_band_en),
            missing_criteria: w.missing_criteria,
        };
        summary.check_figures()?;
        Ok(summary)
    }

    /// The figures a scorecard the crate wrote always satisfies: points within 0 and the
    /// maximum, the total made of the criteria's points and the bonus and penalty points, an
    /// index within 0 and 100.
    fn check_figures(&self) -> Result<(), String> {
        let zero = Decimal::ZERO;
        let max = self.max_points;
        for (name, value) in [
            ("max_points", max),
            ("criteria_points", self.criteria_points),
            ("bonus_points", self.bonus_points),
            ("penalty_points", self.penalty_points),
        ] {
            if value < zero {
                return Err(format!("{name} {value} is negative"));
            }
        }
        for (name, value) in [
            ("total_points", self.total_points),
            ("appraised_total_points", self.appraised_total_points),
        ] {
            if value < zero || value > max {
                return Err(format!("{name} {value} is outside 0 to max_points {max}"));
            }
        }
        let adjusted =
            (self.criteria_points + self.bonus_points - self.penalty_points).clamp(zero, max);
        if adjusted != self.total_points {
            return Err(format!(
                "total_points {} is not criteria_points {} + bonus_points {} − penalty_points {}, within 0 and {max}",
                self.total_points, self.criteria_points, self.bonus_points, self.penalty_points
            ));
        }
        for (name, index) in [
            ("index", self.index),
            ("appraised_index", self.appraised_index),
        ] {
            if let Some(index) = index
                && (index < zero || index > Decimal::ONE_HUNDRED)
            {
                return Err(format!("{name} {index} is outside 0 to 100"));
            }
        }
        Ok(())
    }
}

impl Serialize for Summary {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        self.wire().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Summary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::from_wire(SummaryWire::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

impl FieldLine {
    fn wire(&self) -> FieldWire<&str, &Id> {
        FieldWire {
            id: &self.id,
            label_vi: self.label.vi(),
            label_en: self.label.en(),
            points: self.points,
            max_points: self.max_points,
            appraised_points: self.appraised_points,
        }
    }

    fn from_wire(w: FieldWire<String, Id>) -> Self {
        Self {
            id: w.id,
            label: Text::new(w.label_vi, w.label_en),
            points: w.points,
            max_points: w.max_points,
            appraised_points: w.appraised_points,
        }
    }
}

impl Serialize for FieldLine {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        self.wire().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for FieldLine {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        FieldWire::deserialize(deserializer).map(Self::from_wire)
    }
}

impl CriterionLine {
    fn wire(&self) -> CriterionWire<&str, &Id, &Working> {
        CriterionWire {
            id: &self.id,
            field: &self.field,
            parent: self.parent.as_ref(),
            label_vi: self.label.vi(),
            label_en: self.label.en(),
            method_vi: self.method.vi(),
            method_en: self.method.en(),
            points: self.points,
            max_points: self.max_points,
            status: self.status,
            rate_percent: self.rate_percent,
            records_to_convert: self.records_to_convert,
            records_to_add: self.records_to_add,
            explanation_vi: self.explanation.vi(),
            explanation_en: self.explanation.en(),
            evidence: self.evidence.as_deref(),
            appraised_points: self.appraised_points,
            appraisal_reason: self.appraisal_reason.as_deref(),
            open_until: self.open_until,
            working: self.working.as_ref(),
        }
    }

    fn from_wire(w: CriterionWire<String, Id, Working>) -> Self {
        Self {
            id: w.id,
            field: w.field,
            parent: w.parent,
            label: Text::new(w.label_vi, w.label_en),
            method: Text::new(w.method_vi, w.method_en),
            points: w.points,
            max_points: w.max_points,
            status: w.status,
            rate_percent: w.rate_percent,
            records_to_convert: w.records_to_convert,
            records_to_add: w.records_to_add,
            explanation: Text::new(w.explanation_vi, w.explanation_en),
            evidence: w.evidence,
            appraised_points: w.appraised_points,
            appraisal_reason: w.appraisal_reason,
            open_until: w.open_until,
            working: w.working,
        }
    }
}

impl Serialize for CriterionLine {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        self.wire().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for CriterionLine {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        CriterionWire::deserialize(deserializer).map(Self::from_wire)
    }
}

impl Serialize for Scorecard {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        ScorecardWire {
            summary: self.summary.wire(),
            criteria_set: self.criteria_set.as_str(),
            as_of: self.as_of,
            rounding: self.rounding,
            fields: self.fields.iter().map(FieldLine::wire).collect(),
            criteria: self.criteria.iter().map(CriterionLine::wire).collect(),
            missing: self.missing.iter().collect(),
            notes: self.notes.clone(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Scorecard {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let w: ScorecardWire<
            String,
            Id,
            FieldWire<String, Id>,
            CriterionWire<String, Id, Working>,
        > = ScorecardWire::deserialize(deserializer)?;
        let summary = Summary::from_wire(w.summary).map_err(serde::de::Error::custom)?;
        // The index is the total over the maximum, rounded by the card's own policy; the
        // fields add up to the criteria's points and the maximum.
        let sum = |values: Vec<Decimal>| {
            crate::decimal::checked_sum(values).ok_or_else(|| {
                serde::de::Error::custom("the fields' points add up beyond the decimal range")
            })
        };
        let fields_points = sum(w.fields.iter().map(|f| f.points).collect())?;
        let fields_max = sum(w.fields.iter().map(|f| f.max_points).collect())?;
        if fields_points != summary.criteria_points || fields_max != summary.max_points {
            return Err(serde::de::Error::custom(format!(
                "the fields add up to {fields_points} of {fields_max}, not the card's {} of {}",
                summary.criteria_points, summary.max_points
            )));
        }
        for (name, total, index) in [
            ("index", summary.total_points, summary.index),
            (
                "appraised_index",
                summary.appraised_total_points,
                summary.appraised_index,
            ),
        ] {
            let expected = super::scorecard::index_of(total, summary.max_points, &w.rounding)
                .map_err(serde::de::Error::custom)?;
            if expected != index {
                return Err(serde::de::Error::custom(format!(
                    "{name} {} is not {total} ÷ {} × 100 rounded ({})",
                    index.map_or_else(|| "null".to_owned(), |i| i.to_string()),
                    summary.max_points,
                    expected.map_or_else(|| "null".to_owned(), |i| i.to_string()),
                )));
            }
        }
        Ok(Self {
            summary,
            criteria_set: w.criteria_set,
            as_of: w.as_of,
            rounding: w.rounding,
            fields: w.fields.into_iter().map(FieldLine::from_wire).collect(),
            criteria: w
                .criteria
                .into_iter()
                .map(CriterionLine::from_wire)
                .collect(),
            missing: w.missing,
            notes: w.notes,
        })
    }
}
