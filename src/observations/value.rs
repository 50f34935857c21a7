//! A value of an observations file as written, the same for TOML and JSON: the reader checks
//! it key by key, so that every error names the criterion and the key.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::dates::TOML_DATETIME;

/// One value as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// A whole number within `i64`.
    Integer(i64),
    /// A whole number above `i64::MAX` (JSON).
    Unsigned(u64),
    /// A number with a fraction or an exponent, or too large for `u64`.
    Float(f64),
    String(String),
    Bool(bool),
    /// A TOML date, time or date-time, as written.
    Datetime(String),
    Array(Vec<Value>),
    /// Keys in the order written; a key given twice is refused when reading.
    Table(Vec<(String, Value)>),
    /// JSON `null`.
    Null,
}

impl Value {
    /// The value as written, shortened to at most 60 characters, for messages.
    pub(crate) fn shown(&self) -> String {
        const SHOWN: usize = 60;
        let full = self.to_string();
        match full.char_indices().nth(SHOWN) {
            Some((cut, _)) => format!("{}…", &full[..cut]),
            None => full,
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Self> {
        match self {
            Self::Table(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Integer(i) => write!(f, "{i}"),
            Self::Unsigned(u) => write!(f, "{u}"),
            Self::Float(x) => write!(f, "{x:?}"),
            Self::String(s) => write!(f, "{s:?}"),
            Self::Bool(b) => write!(f, "{b}"),
            Self::Datetime(d) => f.write_str(d),
            Self::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Self::Table(entries) => {
                f.write_str("{ ")?;
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{key} = {value}")?;
                }
                f.write_str(" }")
            }
            Self::Null => f.write_str("null"),
        }
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a TOML or JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Integer(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Unsigned(v), Value::Integer))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Value::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries: Vec<(String, Value)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == TOML_DATETIME {
                let text: String = map.next_value()?;
                return Ok(Value::Datetime(text));
            }
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("key {key:?} is given twice")));
            }
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Value::Table(entries))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

#[cfg(all(test, feature = "toml", feature = "json"))]
mod tests {
    use super::*;

    #[test]
    fn toml_and_json_read_alike() {
        let toml: Value = toml::from_str("a = 1\nb = \"x\"\nc = [2023-05-10]\nd = 1.5").unwrap();
        assert_eq!(
            toml.get("c"),
            Some(&Value::Array(vec![Value::Datetime("2023-05-10".into())]))
        );
        assert_eq!(toml.get("d"), Some(&Value::Float(1.5)));
        let json: Value =
            serde_json::from_str(r#"{"a": 1, "b": "x", "e": null, "f": 18446744073709551615}"#)
                .unwrap();
        assert_eq!(json.get("a"), toml.get("a"));
        assert_eq!(json.get("e"), Some(&Value::Null));
        assert_eq!(json.get("f"), Some(&Value::Unsigned(u64::MAX)));
    }

    #[test]
    fn a_key_given_twice_is_refused() {
        assert!(serde_json::from_str::<Value>(r#"{"a": 1, "a": 2}"#).is_err());
    }

    #[test]
    fn long_values_are_shortened() {
        let long = Value::String("x".repeat(10_000));
        assert!(long.shown().chars().count() <= 61);
    }
}
