//! The written form of a criteria set (TOML or JSON), and reading it with every problem
//! reported, each named by its id.

use serde::{Deserialize, Serialize};

use super::model::{
    About, Adjustment, Aggregation, Band, Body, CriteriaField, Criterion, NotApplicablePolicy,
};
use super::{CriteriaSet, Parts};
use crate::decimal::Written;
use crate::error::{Error, Result};
use crate::id::Id;
use crate::rate::Rounding;
use crate::rule::RuleSpec;
use crate::text::Text;

/// A criteria set as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct SetSpec {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assumption_vi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assumption_en: Option<String>,
    #[serde(default)]
    rounding: Rounding,
    #[serde(default)]
    not_applicable: NotApplicablePolicy,
    #[serde(default)]
    bands: Vec<BandSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bonus: Option<AdjustmentSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    penalty: Option<AdjustmentSpec>,
    fields: Vec<FieldSpec>,
}

/// The cap of bonus or penalty points, as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
struct AdjustmentSpec {
    label_vi: String,
    label_en: String,
    max_points: Written,
}

/// A rating band as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
struct BandSpec {
    label_vi: String,
    label_en: String,
    from: Written,
    to: Written,
}

/// A field as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
struct FieldSpec {
    id: String,
    label_vi: String,
    label_en: String,
    #[serde(default, skip_serializing_if = "is_false")]
    survey: bool,
    criteria: Vec<CriterionSpec>,
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if"
)]
const fn is_false(value: &bool) -> bool {
    !*value
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if"
)]
fn is_sum(value: &Aggregation) -> bool {
    *value == Aggregation::Sum
}

/// A criterion as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
struct CriterionSpec {
    id: String,
    label_vi: String,
    label_en: String,
    max_points: Written,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rule: Option<RuleSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    plan_item: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    measure_vi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    measure_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    denominator_vi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    denominator_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    not_applicable: Option<NotApplicablePolicy>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    levels: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    verified: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assumption_vi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assumption_en: Option<String>,
    #[serde(default, skip_serializing_if = "is_sum")]
    aggregate: Aggregation,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    children: Vec<CriterionSpec>,
}

/// An id as written, or the problem with it, named by what was written.
fn id(written: &str, out: &mut Vec<Error>) -> Option<Id> {
    Id::new(written)
        .map_err(|err| out.push(err.with_key("id").at(written)))
        .ok()
}

/// A text given in both languages, or in neither; one language alone is a problem named by
/// the key missing.
fn text(
    vi: Option<String>,
    en: Option<String>,
    keys: [&'static str; 2],
    out: &mut Vec<Error>,
) -> Option<Text> {
    let half = |given, missing| Error::from(crate::error::Reason::HalfText { given, missing });
    match (vi, en) {
        (None, None) => None,
        (Some(vi), Some(en)) => Some(Text::new(vi, en)),
        (Some(_), None) => {
            out.push(half(keys[0], keys[1]));
            None
        }
        (None, Some(_)) => {
            out.push(half(keys[1], keys[0]));
            None
        }
    }
}

/// A text written as its two keys, both or neither (an empty text is not written): what the
/// reader takes back.
fn pair(text: Option<&Text>) -> (Option<String>, Option<String>) {
    match text {
        Some(text) if !(text.vi().is_empty() && text.en().is_empty()) => {
            (Some(text.vi().to_owned()), Some(text.en().to_owned()))
        }
        _ => (None, None),
    }
}

impl CriterionSpec {
    /// The criterion, or `None` with its problems (and its children's) pushed to `out`.
    fn build(self, out: &mut Vec<Error>) -> Option<Criterion> {
        let name = self.id.clone();
        let id = id(&self.id, out);
        let plan_item = self.plan_item.and_then(|item| {
            Id::new(&item)
                .map_err(|err| out.push(err.with_key("plan_item").at(&name)))
                .ok()
        });
        let levels: Vec<Id> = self
            .levels
            .iter()
            .filter_map(|written| {
                Id::new(written)
                    .map_err(|err| out.push(err.with_key("levels").at(&name)))
                    .ok()
            })
            .collect();
        let mut texts = Vec::new();
        let denominator = text(
            self.denominator_vi,
            self.denominator_en,
            ["denominator_vi", "denominator_en"],
            &mut texts,
        );
        let assumption = text(
            self.assumption_vi,
            self.assumption_en,
            ["assumption_vi", "assumption_en"],
            &mut texts,
        );
        let measure = text(
            self.measure_vi,
            self.measure_en,
            ["measure_vi", "measure_en"],
            &mut texts,
        );
        out.extend(texts.into_iter().map(|err| err.at(&name)));
        let about = About {
            denominator,
            levels,
            source: self.source,
            verified: self.verified,
            assumption,
            aggregation: self.aggregate,
        };
        let at_name = |err: Error| err.at(&name);
        let max = match self.max_points.decimal("max_points") {
            Ok(max) => Some(max),
            Err(err) => {
                out.push(at_name(err));
                None
            }
        };
        let body = match (self.rule, self.children.is_empty()) {
            (Some(rule), true) => {
                let step_points = rule.step_points();
                match rule.build() {
                    Ok(rule) => Some(Body::Rule(rule)),
                    Err(problems) => {
                        out.extend(problems.into_iter().map(at_name));
                        // Steps that could not be built are still checked against the maximum.
                        if let Some(max) = max {
                            out.extend(step_points.into_iter().filter(|p| *p > max).map(
                                |points| {
                                    at_name(
                                        Error::from(crate::error::Reason::AboveMax {
                                            what: "step",
                                            points,
                                            max,
                                        })
                                        .with_key("max_points"),
                                    )
                                },
                            ));
                        }
                        None
                    }
                }
            }
            (None, false) => {
                let written = crate::decimal::checked_sum(
                    self.children
                        .iter()
                        .filter_map(|c| c.max_points.decimal("max_points").ok()),
                );
                let children: Option<Vec<_>> = self
                    .children
                    .into_iter()
                    .map(|child| child.build(out))
                    .collect::<Vec<_>>()
                    .into_iter()
                    .collect();
                if let (Some(max), Some(written)) = (max, written)
                    && children.is_none()
                    && written != max
                {
                    // The parent cannot be built, so say here what its check would say.
                    out.push(at_name(
                        Error::from(crate::error::Reason::ChildrenSumMismatch {
                            sum: written,
                            max,
                        })
                        .with_key("max_points"),
                    ));
                }
                children.map(Body::Children)
            }
            (Some(_), false) => {
                out.push(
                    Error::from(crate::error::Reason::RuleShape {
                        message: "a criterion with sub-criteria takes its points from them and cannot have a rule",
                    })
                    .with_key("rule")
                    .at(&name),
                );
                None
            }
            (None, true) => {
                out.push(
                    Error::from(crate::error::Reason::RuleShape {
                        message: "a criterion without sub-criteria needs a rule",
                    })
                    .with_key("rule")
                    .at(&name),
                );
                None
            }
        };
        if body.is_none()
            && let Some(max) = max
            && let Err(err) = crate::rule::check_points("maximum points", max)
        {
            out.push(err.with_key("max_points").at(&name));
        }
        Some(Criterion {
            id: id?,
            label: Text::new(self.label_vi, self.label_en),
            max_points: max?,
            body: body?,
            plan_item,
            measure,
            not_applicable: self.not_applicable,
            about,
        })
    }
}

/// Ids written twice, among fields and among criteria at any depth.
fn duplicates(fields: &[FieldSpec], out: &mut Vec<Error>) {
    fn walk<'a>(
        list: &'a [CriterionSpec],
        seen: &mut std::collections::HashSet<&'a str>,
        out: &mut Vec<Error>,
    ) {
        for c in list {
            if !seen.insert(&c.id) {
                out.push(duplicate("criterion", &c.id));
            }
            walk(&c.children, seen, out);
        }
    }
    fn duplicate(what: &'static str, id: &str) -> Error {
        Error::from(crate::error::Reason::DuplicateId {
            what,
            id: id.to_owned(),
        })
        .with_key("id")
        .at(id)
    }
    let mut seen = std::collections::HashSet::new();
    for field in fields {
        if !seen.insert(field.id.as_str()) {
            out.push(duplicate("field", &field.id));
        }
        walk(&field.criteria, &mut seen, out);
    }
}

impl SetSpec {
    /// The set, or every problem found.
    pub(crate) fn build(self) -> Result<CriteriaSet> {
        // Counts beyond the limits are refused before any criterion is built.
        fn count(list: &[CriterionSpec]) -> usize {
            list.iter().map(|c| 1 + count(&c.children)).sum()
        }
        let criteria = self.fields.iter().map(|f| count(&f.criteria)).sum();
        let beyond = super::bounds::counts(self.fields.len(), criteria, self.bands.len());
        if !beyond.is_empty() {
            return Err(Error::invalid_set(beyond));
        }
        let mut out = Vec::new();
        let mut written_twice = Vec::new();
        duplicates(&self.fields, &mut written_twice);
        let mut complete = true;
        let mut fields = Vec::with_capacity(self.fields.len());
        // Fields written with criteria: if none of them could be built, the field is not empty.
        let mut written_with_criteria = Vec::new();
        for field in self.fields {
            if !field.criteria.is_empty() {
                written_with_criteria.push(field.id.clone());
            }
            let field_id = id(&field.id, &mut out);
            let mut criteria = Vec::with_capacity(field.criteria.len());
            for criterion in field.criteria {
                match criterion.build(&mut out) {
                    Some(c) => criteria.push(c),
                    None => complete = false,
                }
            }
            match field_id {
                Some(id) => {
                    let built =
                        CriteriaField::new(id, Text::new(field.label_vi, field.label_en), criteria);
                    fields.push(if field.survey { built.survey() } else { built });
                }
                None => complete = false,
            }
        }
        let bands = self
            .bands
            .into_iter()
            .filter_map(|b| {
                let from = b.from.decimal("from");
                let to = b.to.decimal("to");
                match (from, to) {
                    (Ok(from), Ok(to)) => {
                        Some(Band::new(Text::new(b.label_vi, b.label_en), from, to))
                    }
                    (from, to) => {
                        out.extend(
                            from.err()
                                .into_iter()
                                .chain(to.err())
                                .map(|e| e.at("bands")),
                        );
                        None
                    }
                }
            })
            .collect();
        let level = self.level.and_then(|written| {
            Id::new(&written)
                .map_err(|err| out.push(err.with_key("level")))
                .ok()
        });
        let mut adjustment = |spec: Option<AdjustmentSpec>, key: &'static str| {
            spec.and_then(|a| {
                a.max_points
                    .decimal("max_points")
                    .and_then(|max| Adjustment::new(Text::new(a.label_vi, a.label_en), max))
                    .map_err(|err| out.push(err.at(key)))
                    .ok()
            })
        };
        let bonus = adjustment(self.bonus, "bonus");
        let penalty = adjustment(self.penalty, "penalty");
        let assumption = text(
            self.assumption_vi,
            self.assumption_en,
            ["assumption_vi", "assumption_en"],
            &mut out,
        );
        let parts = Parts {
            name: self.name,
            year: self.year,
            level,
            source: self.source,
            assumption,
            bonus,
            penalty,
            rounding: self.rounding,
            not_applicable: self.not_applicable,
            bands,
            fields,
        };
        if complete && out.is_empty() {
            CriteriaSet::from_parts(parts)
        } else {
            // Report the structural problems of what could be read as well; ids given twice
            // are found among all the ids written.
            out.extend(written_twice);
            out.extend(
                super::validate::problems(&parts)
                    .into_iter()
                    .filter(|p| p.kind() != crate::ErrorKind::DuplicateId)
                    .filter(|p| {
                        !(p.key() == Some("criteria")
                            && p.item()
                                .is_some_and(|id| written_with_criteria.iter().any(|w| w == id)))
                    }),
            );
            Err(Error::invalid_set(out))
        }
    }
}

fn criterion_spec(criterion: &Criterion) -> CriterionSpec {
    let (rule, children) = match &criterion.body {
        Body::Rule(rule) => (Some(RuleSpec::from(rule.clone())), Vec::new()),
        Body::Children(children) => (None, children.iter().map(criterion_spec).collect()),
    };
    let measure = pair(criterion.measure.as_ref());
    let denominator = pair(criterion.about.denominator.as_ref());
    let assumption = pair(criterion.about.assumption.as_ref());
    CriterionSpec {
        id: criterion.id.to_string(),
        label_vi: criterion.label.vi().to_owned(),
        label_en: criterion.label.en().to_owned(),
        max_points: criterion.max_points.into(),
        rule,
        plan_item: criterion.plan_item.as_ref().map(ToString::to_string),
        measure_vi: measure.0,
        measure_en: measure.1,
        denominator_vi: denominator.0,
        denominator_en: denominator.1,
        not_applicable: criterion.not_applicable,
        levels: criterion
            .about
            .levels
            .iter()
            .map(ToString::to_string)
            .collect(),
        source: criterion.about.source.clone(),
        verified: criterion.about.verified,
        assumption_vi: assumption.0,
        assumption_en: assumption.1,
        aggregate: criterion.about.aggregation,
        children,
    }
}

impl From<&CriteriaSet> for SetSpec {
    fn from(set: &CriteriaSet) -> Self {
        let adjustment = |a: Option<&Adjustment>| {
            a.map(|a| AdjustmentSpec {
                label_vi: a.label().vi().to_owned(),
                label_en: a.label().en().to_owned(),
                max_points: a.max_points().into(),
            })
        };
        Self {
            name: set.name().to_owned(),
            year: set.year(),
            level: set.level().map(ToString::to_string),
            source: set.source().map(str::to_owned),
            assumption_vi: set.assumption().map(|t| t.vi().to_owned()),
            assumption_en: set.assumption().map(|t| t.en().to_owned()),
            bonus: adjustment(set.bonus()),
            penalty: adjustment(set.penalty()),
            rounding: *set.rounding(),
            not_applicable: set.not_applicable(),
            bands: set
                .bands()
                .iter()
                .map(|b| BandSpec {
                    label_vi: b.label().vi().to_owned(),
                    label_en: b.label().en().to_owned(),
                    from: b.from().into(),
                    to: b.to().into(),
                })
                .collect(),
            fields: set
                .fields()
                .iter()
                .map(|f| FieldSpec {
                    id: f.id().to_string(),
                    label_vi: f.label().vi().to_owned(),
                    label_en: f.label().en().to_owned(),
                    survey: f.is_survey(),
                    criteria: f.criteria().iter().map(criterion_spec).collect(),
                })
                .collect(),
        }
    }
}
