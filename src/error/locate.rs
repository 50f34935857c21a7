//! Where in a file an error lies, in the file's own terms: the item (the innermost table with
//! an `id`, such as a criterion or a plan row) and the key.
//!
//! A parser says where it stopped as a byte offset (TOML) or a line and column (JSON). That
//! is enough for a person with the file open, not for one reading a list of problems. So, only
//! when reading fails, the text is read again without types (a TOML reader that recovers from
//! errors, a JSON value) and walked down to the offset: every table on the way that has a
//! string `id` names the item, and the last key written before the offset names the key.

/// The item and key at a place in a file.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Place {
    /// The innermost table's `id` around the place.
    pub(crate) item: Option<String>,
    /// The key written at or before the place, in its innermost table.
    pub(crate) key: Option<String>,
}

#[cfg(feature = "toml")]
pub(crate) use self::toml_text::place as toml_place;

#[cfg(feature = "json")]
pub(crate) use self::json_text::{observations_place, place as json_place};

#[cfg(feature = "toml")]
mod toml_text {
    use std::ops::Range;

    use toml::Spanned;
    use toml::de::{DeTable, DeValue};

    use super::Place;

    /// The place of byte `offset` in a TOML `text`.
    pub(crate) fn place(text: &str, offset: usize) -> Place {
        let (root, _) = DeTable::parse_recoverable(text);
        let mut place = Place::default();
        table(root.get_ref(), offset, &mut place);
        // Within a table without ids (`[rounding]`, `[bonus]`), the table names the item.
        if place.item.is_none()
            && let Some((key, value)) = root
                .get_ref()
                .iter()
                .filter(|(key, _)| key.span().start <= offset)
                .max_by_key(|(key, _)| key.span().start)
            && matches!(value.get_ref(), DeValue::Table(_) | DeValue::Array(_))
            && place.key.as_deref() != Some(key.get_ref().as_ref())
        {
            place.item = Some(key.get_ref().to_string());
        }
        place
    }

    /// The bytes a value covers, nested values included (a table's span may be its header
    /// only).
    fn extent(value: &Spanned<DeValue<'_>>) -> Range<usize> {
        let mut range = value.span();
        let mut widen = |inner: Range<usize>| {
            range.start = range.start.min(inner.start);
            range.end = range.end.max(inner.end);
        };
        match value.get_ref() {
            DeValue::Table(t) => {
                for (key, value) in t {
                    widen(key.span());
                    widen(extent(value));
                }
            }
            DeValue::Array(a) => a.iter().for_each(|v| widen(extent(v))),
            _ => {}
        }
        range
    }

    fn table(t: &DeTable<'_>, offset: usize, place: &mut Place) {
        if let Some(id) = t.get("id").and_then(|v| v.get_ref().as_str()) {
            place.item = Some(id.to_owned());
            place.key = None;
        }
        // The last entry that starts at or before the offset; its key is named only when the
        // offset lies in it (a line the reader could not make sense of names no key).
        let Some((key, value)) = t
            .iter()
            .filter(|(key, _)| key.span().start <= offset)
            .max_by_key(|(key, _)| key.span().start)
        else {
            return;
        };
        place.key =
            (offset < extent(value).end.max(key.span().end)).then(|| key.get_ref().to_string());
        self::value(value, offset, place);
    }

    fn value(v: &Spanned<DeValue<'_>>, offset: usize, place: &mut Place) {
        match v.get_ref() {
            DeValue::Table(t) => table(t, offset, place),
            DeValue::Array(items) => {
                // The element that starts at or before the offset.
                if let Some(item) = items
                    .iter()
                    .filter(|item| extent(item).start <= offset)
                    .max_by_key(|item| extent(item).start)
                {
                    value(item, offset, place);
                }
            }
            _ => {}
        }
    }
}

#[cfg(feature = "json")]
mod json_text {
    use serde_json::Value;

    use super::Place;

    /// The place named by a path of keys and indices (from `serde_path_to_error`) in a JSON
    /// `text`, which failed at line and column `at`.
    pub(crate) fn place(text: &str, path: &serde_path_to_error::Path, at: (usize, usize)) -> Place {
        let mut place = Place::default();
        let Some(mut node) = value(text, at) else {
            // Not even a value: the key alone.
            place.key = path.iter().rev().find_map(|segment| match segment {
                serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                _ => None,
            });
            return place;
        };
        let mut top = None;
        for segment in path {
            if top.is_none()
                && let serde_path_to_error::Segment::Map { key } = segment
            {
                top = Some(key.clone());
            }
            let next = match (segment, node) {
                (serde_path_to_error::Segment::Seq { index }, Value::Array(mut items))
                    if *index < items.len() =>
                {
                    items.swap_remove(*index)
                }
                (serde_path_to_error::Segment::Map { key }, Value::Object(mut map)) => {
                    place.key = Some(key.clone());
                    match map.remove(key) {
                        Some(value) => value,
                        None => break,
                    }
                }
                _ => break,
            };
            // An item names itself by its `id`; a scenario's change by its `criterion`.
            if let Value::Object(map) = &next
                && let Some(Value::String(id)) = map.get("id").or_else(|| map.get("criterion"))
            {
                place.item = Some(id.clone());
                place.key = None;
            }
            node = next;
        }
        // Within an object without ids (`"rounding"`, `"bonus"`), the object names the item.
        if place.item.is_none() && top != place.key {
            place.item = top;
        }
        place
    }

    /// `text` as a value; when a number in it is out of range (`1e400`), the same text with
    /// that number, which ends at line and column `at`, written as `0`.
    fn value(text: &str, (line, column): (usize, usize)) -> Option<Value> {
        if let Ok(value) = serde_json::from_str::<Value>(text) {
            return Some(value);
        }
        let start = text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum::<usize>();
        let end = start + column.min(text.len() - start);
        let number = |b: &u8| b.is_ascii_digit() || matches!(b, b'e' | b'E' | b'+' | b'-' | b'.');
        let bytes = text.as_bytes();
        let mut first = end.min(bytes.len());
        while first > 0 && bytes.get(first - 1).is_some_and(number) {
            first -= 1;
        }
        let mut last = end.min(bytes.len());
        while bytes.get(last).is_some_and(number) {
            last += 1;
        }
        if first == last {
            return None;
        }
        let patched = format!("{}0{}", text.get(..first)?, text.get(last..)?);
        serde_json::from_str(&patched).ok()
    }

    /// The place a path names in an observations file: a criterion's table is named by its
    /// key (`observations."II.4"`), any other table (`bonus`) by its own key.
    pub(crate) fn observations_place(path: &serde_path_to_error::Path) -> Place {
        let keys: Vec<&str> = path
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Map { key } => Some(key.as_str()),
                _ => None,
            })
            .collect();
        match keys.as_slice() {
            [] => Place::default(),
            [key] => Place {
                item: None,
                key: Some((*key).to_owned()),
            },
            ["observations" | "appraisals", id, rest @ ..] => Place {
                item: Some((*id).to_owned()),
                key: rest.last().map(|key| (*key).to_owned()),
            },
            [top, .., key] => Place {
                item: Some((*top).to_owned()),
                key: Some((*key).to_owned()),
            },
        }
    }
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;

    const SET: &str = r#"name = "S"

[[fields]]
id = "A"
label_vi = "a"

[[fields.criteria]]
id = "A.1"
max_points = "2"
rule = { kind = "prop", percent = "50" }

[[fields.criteria]]
id = "A.2"
max_points = "2"
date = 2023-02-30

[[fields.criteria.children]]
id = "A.2a"
weight = "1"
"#;

    fn at(needle: &str) -> Place {
        toml_place(SET, SET.find(needle).unwrap())
    }

    #[test]
    fn toml_places_name_the_innermost_id_and_key() {
        let place = |item: &str, key: &str| Place {
            item: Some(item.to_owned()),
            key: Some(key.to_owned()),
        };
        assert_eq!(at("\"prop\""), place("A.1", "kind"));
        assert_eq!(at("percent"), place("A.1", "percent"));
        assert_eq!(at("2023-02-30"), place("A.2", "date"));
        assert_eq!(at("weight"), place("A.2a", "weight"));
        assert_eq!(at("label_vi = \"a\""), place("A", "label_vi"));
        assert_eq!(
            at("name"),
            Place {
                item: None,
                key: Some("name".into())
            }
        );
    }
}
