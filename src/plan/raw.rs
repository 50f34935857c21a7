//! The written form of a plan, and reading it item by item so that every error names its item.
//!
//! Reading happens in two steps. First the document is parsed with each item kept as a generic
//! TOML or JSON value: syntax errors and faults in the plan's own keys (`ward`, `year`, `title`)
//! surface here, as [`ErrorKind::Syntax`](crate::ErrorKind::Syntax). Then each item is read on
//! its own, so a fault in it — an unknown key, a wrong type, a bad id or target — comes back
//! named by its id (or `item N`, counting from 1, when it has no readable id).

use serde::{Deserialize, Serialize};

use super::Plan;
use super::field::Field;
use super::item::PlanItem;
use crate::error::{Error, Result};
use crate::id::Id;
use crate::rule::{Target, TargetSpec};
use crate::text::Text;

/// A plan file: the plan's own keys and its items, each item of type `I`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "I: Deserialize<'de>"))]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct RawPlan<I> {
    ward: String,
    year: i32,
    title: String,
    #[serde(default)]
    items: Vec<I>,
}

/// One item as written, before its id, field and target are checked.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct RawItem {
    id: String,
    tt: u32,
    field: String,
    label_vi: String,
    label_en: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lead: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    coordinating: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    timeline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    output: Option<String>,
    measure_vi: String,
    measure_en: String,
    target: TargetSpec,
}

impl TryFrom<RawItem> for PlanItem {
    type Error = Error;
    fn try_from(raw: RawItem) -> Result<Self> {
        let name = raw.id.clone();
        let at = |err: Error| err.at(&name);
        let id = Id::new(&raw.id).map_err(at)?;
        let field = Field::from_numeral(&raw.field).map_err(|err| at(err.with_key("field")))?;
        let target = Target::try_from(raw.target).map_err(|err| at(err.with_key("target")))?;
        let mut item = Self::new(
            id,
            raw.tt,
            field,
            Text::new(raw.label_vi, raw.label_en),
            Text::new(raw.measure_vi, raw.measure_en),
            target,
        )?;
        item.lead = raw.lead;
        item.coordinating = raw.coordinating;
        item.timeline = raw.timeline;
        item.output = raw.output;
        Ok(item)
    }
}

impl From<&PlanItem> for RawItem {
    fn from(item: &PlanItem) -> Self {
        Self {
            id: item.id.to_string(),
            tt: item.tt,
            field: item.field.numeral().to_owned(),
            label_vi: item.label.vi().to_owned(),
            label_en: item.label.en().to_owned(),
            lead: item.lead.clone(),
            coordinating: item.coordinating.clone(),
            timeline: item.timeline.clone(),
            output: item.output.clone(),
            measure_vi: item.measure.vi().to_owned(),
            measure_en: item.measure.en().to_owned(),
            target: TargetSpec::from(item.target),
        }
    }
}

impl From<&Plan> for RawPlan<RawItem> {
    fn from(plan: &Plan) -> Self {
        Self {
            ward: plan.ward().to_owned(),
            year: plan.year(),
            title: plan.title().to_owned(),
            items: plan.items().iter().map(RawItem::from).collect(),
        }
    }
}

/// Reads every item of `raw` in order, after counting them.
///
/// `id_of` finds an item's id for error messages before it is read; `read` reads one item.
#[cfg(any(feature = "toml", feature = "json"))]
fn decode<V>(
    raw: RawPlan<V>,
    id_of: impl Fn(&V) -> Option<String>,
    read: impl Fn(V) -> Result<RawItem>,
) -> Result<Plan> {
    // Counted before any is read: a file of a million items is refused at once.
    crate::limits::count("plan items", raw.items.len(), crate::limits::MAX_PLAN_ITEMS)
        .map_err(|e| e.with_key("items"))?;
    let mut items = Vec::with_capacity(raw.items.len());
    for (index, value) in raw.items.into_iter().enumerate() {
        let name = id_of(&value).unwrap_or_else(|| format!("item {}", index + 1));
        let item = read(value).map_err(|err| err.at(&name))?;
        items.push(PlanItem::try_from(item)?);
    }
    Plan::new(raw.ward, raw.year, raw.title, items)
}

#[cfg(feature = "toml")]
pub(super) fn from_toml(text: &str) -> Result<Plan> {
    let raw: RawPlan<toml::Value> = toml::from_str(text).map_err(|err| Error::toml(&err, text))?;
    decode(
        raw,
        |value| {
            value
                .get("id")
                .and_then(toml::Value::as_str)
                .map(str::to_owned)
        },
        |value| {
            RawItem::deserialize(value).map_err(|err| {
                Error::parse("TOML", crate::error::Location::default(), err.message())
            })
        },
    )
}

/// Reads a plan's JSON `text`, each item from its text as written (`RawValue`), so that a key
/// given twice in an item is refused (a `serde_json::Value` kept the last), and an item's
/// errors are placed in `text`.
#[cfg(feature = "json")]
pub(super) fn from_json(text: &str) -> Result<Plan> {
    /// An item's id, for naming it before it is read.
    #[derive(Deserialize)]
    struct IdOf {
        id: Option<String>,
    }
    let raw: RawPlan<&serde_json::value::RawValue> = Error::read_json(text)?;
    crate::dates::reading_json(|| {
        decode(
            raw,
            |value| {
                serde_json::from_str::<IdOf>(value.get())
                    .ok()
                    .and_then(|item| item.id)
            },
            |value| {
                let item = value.get();
                serde_json::from_str::<RawItem>(item).map_err(|err| {
                    let offset = item.as_ptr().addr().saturating_sub(text.as_ptr().addr());
                    Error::json(&err).within(text, offset)
                })
            },
        )
    })
}

/// The built-in plan's source text.
#[cfg(feature = "toml")]
const SONG_CAU_2023_TOML: &str = include_str!("song_cau_2023.toml");

/// The built-in plan, read once.
#[cfg(feature = "toml")]
static SONG_CAU_2023: std::sync::LazyLock<Plan> = std::sync::LazyLock::new(|| {
    // The compiled-in file is valid: the unit test `built_in_plan_is_valid` reads it on every
    // `cargo test`. Should it ever fail, the plan is empty rather than a panic.
    from_toml(SONG_CAU_2023_TOML).unwrap_or_else(|_| Plan {
        inner: std::sync::Arc::default(),
    })
});

#[cfg(feature = "toml")]
pub(super) fn song_cau_2023() -> Plan {
    SONG_CAU_2023.clone()
}

#[cfg(all(test, feature = "toml", feature = "json"))]
mod tests {
    use super::*;

    const ONE: &str = r#"
ward = "Phường Sông Cầu"
year = 2023
title = "Kế hoạch"

[[items]]
id = "II.4"
tt = 4
field = "II"
label_vi = "Số hóa kết quả giải quyết TTHC"
label_en = "Digitise procedure results"
measure_vi = "Số kết quả đã số hóa ÷ số kết quả còn hiệu lực"
measure_en = "results digitised ÷ valid results"
target = { kind = "rate", percent = 35 }
"#;

    #[test]
    fn built_in_plan_is_valid() {
        let plan = from_toml(SONG_CAU_2023_TOML).unwrap();
        assert_eq!(plan, Plan::song_cau_2023());
        assert_eq!(plan.items().len(), 43);
        assert_eq!(Plan::from_toml(&plan.to_toml().unwrap()).unwrap(), plan);
        assert_eq!(Plan::from_json(&plan.to_json().unwrap()).unwrap(), plan);
    }

    #[test]
    fn reads_one_item_in_both_formats() {
        let plan = from_toml(ONE).unwrap();
        assert_eq!(plan.items()[0].id(), "II.4");
        assert_eq!(from_json(&plan.to_json().unwrap()).unwrap(), plan);
    }

    #[test]
    fn item_without_an_id_is_named_by_position() {
        let text = ONE.replace("id = \"II.4\"\n", "");
        let err = from_toml(&text).unwrap_err();
        assert_eq!(err.item(), Some("item 1"));
        assert!(err.to_string().contains("missing field `id`"), "{err}");
    }

    #[test]
    fn a_bad_target_names_the_item_and_key() {
        let json = Plan::from_toml(ONE)
            .unwrap()
            .to_json()
            .unwrap()
            .replace("\"35\"", "\"120\"");
        let err = from_json(&json).unwrap_err();
        assert_eq!(err.to_string(), "II.4: percentage 120 is outside 0 to 100");
        assert_eq!(err.key(), Some("percent"));
    }
}
