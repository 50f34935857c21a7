//! The written form of a plan, and reading it item by item so that every error names its item.
//!
//! Reading happens in two steps. First the document is parsed with each item kept as a generic
//! TOML or JSON value: syntax errors and faults in the plan's own keys (`ward`, `year`, `title`)
//! surface here, as [`Error::Parse`]. Then each item is read on its own, so a fault in it —
//! an unknown key, a wrong type, a bad id or target — comes back wrapped with its id (or
//! `item N`, counting from 1, when it has no readable id).

use std::collections::HashSet;

use serde::Deserialize;

use super::{Plan, PlanItem, check_id, check_unique};
use crate::error::{Error, Result};
use crate::field::Field;
use crate::target::{Target, TargetSpec};

/// A plan file: the plan's own keys and its items, each item of type `I`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "I: Deserialize<'de>"))]
pub(super) struct RawPlan<I> {
    ward: String,
    year: i32,
    title: String,
    #[serde(default)]
    items: Vec<I>,
}

/// One item as written, before its id, field and target are checked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawItem {
    id: String,
    tt: u32,
    field: String,
    label_vi: String,
    label_en: String,
    #[serde(default)]
    lead: Option<String>,
    #[serde(default)]
    coordinating: Option<String>,
    #[serde(default)]
    timeline: Option<String>,
    #[serde(default)]
    output: Option<String>,
    measure_vi: String,
    measure_en: String,
    target: TargetSpec,
}

impl TryFrom<RawItem> for PlanItem {
    type Error = Error;
    fn try_from(raw: RawItem) -> Result<Self> {
        let id = raw.id;
        let at = |err: Error| err.at(&id);
        let field = Field::from_numeral(&raw.field).map_err(at)?;
        check_id(&id, field, raw.tt).map_err(at)?;
        let target = Target::try_from(raw.target).map_err(at)?;
        Ok(Self {
            tt: raw.tt,
            field,
            label_vi: raw.label_vi,
            label_en: raw.label_en,
            lead: raw.lead,
            coordinating: raw.coordinating,
            timeline: raw.timeline,
            output: raw.output,
            measure_vi: raw.measure_vi,
            measure_en: raw.measure_en,
            target,
            id,
        })
    }
}

impl TryFrom<RawPlan<RawItem>> for Plan {
    type Error = Error;
    fn try_from(raw: RawPlan<RawItem>) -> Result<Self> {
        decode(raw, "serde", |_| None, Ok)
    }
}

/// Reads every item of `raw` in order, checking each before the next.
///
/// `id_of` finds an item's id for error messages before it is read; `read` reads one item,
/// returning the reader's message on failure.
fn decode<V>(
    raw: RawPlan<V>,
    format: &'static str,
    id_of: impl Fn(&V) -> Option<String>,
    read: impl Fn(V) -> std::result::Result<RawItem, String>,
) -> Result<Plan> {
    let mut items = Vec::with_capacity(raw.items.len());
    let mut seen = HashSet::with_capacity(raw.items.len());
    for (index, value) in raw.items.into_iter().enumerate() {
        let name = id_of(&value).unwrap_or_else(|| format!("item {}", index + 1));
        let item = read(value).map_err(|message| Error::Parse { format, message }.at(&name))?;
        let item = PlanItem::try_from(item)?;
        check_unique(&mut seen, &item.id)?;
        items.push(item);
    }
    Ok(Plan {
        ward: raw.ward,
        year: raw.year,
        title: raw.title,
        items,
    })
}

/// The parser's message on one line group, without a trailing newline.
fn message(err: &impl std::fmt::Display) -> String {
    err.to_string().trim_end().to_owned()
}

pub(super) fn from_toml(text: &str) -> Result<Plan> {
    let raw: RawPlan<toml::Value> = toml::from_str(text).map_err(|err| Error::Parse {
        format: "TOML",
        message: message(&err),
    })?;
    decode(
        raw,
        "TOML",
        |value| {
            value
                .get("id")
                .and_then(toml::Value::as_str)
                .map(str::to_owned)
        },
        |value| RawItem::deserialize(value).map_err(|err| message(&err)),
    )
}

pub(super) fn from_json(text: &str) -> Result<Plan> {
    let raw: RawPlan<serde_json::Value> =
        serde_json::from_str(text).map_err(|err| Error::Parse {
            format: "JSON",
            message: message(&err),
        })?;
    decode(
        raw,
        "JSON",
        |value| {
            value
                .get("id")
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        },
        |value| RawItem::deserialize(value).map_err(|err| message(&err)),
    )
}

#[cfg(test)]
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
    fn reads_one_item_in_both_formats() {
        let plan = from_toml(ONE).unwrap();
        assert_eq!(plan.items()[0].id, "II.4");
        let json = serde_json::to_string(&plan).unwrap();
        assert_eq!(from_json(&json).unwrap(), plan);
    }

    #[test]
    fn item_without_an_id_is_named_by_position() {
        let text = ONE.replace("id = \"II.4\"\n", "");
        let err = from_toml(&text).unwrap_err();
        assert_eq!(err.item(), Some("item 1"));
        assert!(err.to_string().contains("missing field `id`"), "{err}");
    }

    #[test]
    fn serde_deserialize_validates_too() {
        let plan = from_toml(ONE).unwrap();
        let json = serde_json::to_string(&plan)
            .unwrap()
            .replace("\"35\"", "\"120\"");
        let err = serde_json::from_str::<Plan>(&json).unwrap_err();
        assert!(err.to_string().contains("II.4: percentage 120"), "{err}");
    }
}
