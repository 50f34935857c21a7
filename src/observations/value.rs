//! A value of an observations file as written, the same for TOML and JSON: the reader checks
//! it key by key, so that every error names the criterion and the key.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// One value as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// A whole number within `i64`.
    Integer(i64),
    /// A whole number above `i64::MAX` (JSON).
    Unsigned(u64),
    /// A number with a fraction or an exponent, or too large for `u64` (JSON, a workbook).
    Float(f64),
    /// A TOML float, as written (`1.9999999999999999`, `1_000.5`, `inf`): shown in messages
    /// as written, not as its binary value (`2.0`).
    FloatText(String),
    /// A TOML whole number too large for `u64`, as written.
    Big(String),
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
            Self::FloatText(text) => f.write_str(text),
            Self::Big(digits) => f.write_str(digits),
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
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("key `{key}` is given twice")));
            }
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Value::Table(entries))
    }
}

/// A TOML document as a [`Value`], read straight from the parser's tree (no serde layer in
/// between: the reader checks every key itself).
#[cfg(feature = "toml")]
pub(crate) fn from_toml(text: &str) -> Result<Value, toml::de::Error> {
    let root = toml::de::DeTable::parse(text)?;
    Ok(table(root.get_ref()))
}

#[cfg(feature = "toml")]
fn table(entries: &toml::de::DeTable<'_>) -> Value {
    Value::Table(
        entries
            .iter()
            .map(|(key, value)| (key.get_ref().to_string(), of_toml(value.get_ref())))
            .collect(),
    )
}

#[cfg(feature = "toml")]
fn of_toml(value: &toml::de::DeValue<'_>) -> Value {
    use toml::de::DeValue;
    match value {
        DeValue::String(text) => Value::String(text.to_string()),
        DeValue::Integer(integer) => {
            let (digits, radix) = (integer.as_str(), integer.radix());
            i64::from_str_radix(digits, radix).map_or_else(
                |_| {
                    u64::from_str_radix(digits, radix)
                        .map_or_else(|_| Value::Big(written(digits, radix)), Value::Unsigned)
                },
                Value::Integer,
            )
        }
        DeValue::Float(float) => Value::FloatText(float.as_str().to_owned()),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(datetime) => Value::Datetime(datetime.to_string()),
        DeValue::Array(items) => Value::Array(items.iter().map(|v| of_toml(v.get_ref())).collect()),
        DeValue::Table(entries) => table(entries),
    }
}

/// A TOML whole number as written: its digits with the prefix of their base.
#[cfg(feature = "toml")]
fn written(digits: &str, radix: u32) -> String {
    let prefix = match radix {
        16 => "0x",
        8 => "0o",
        2 => "0b",
        _ => "",
    };
    format!("{prefix}{digits}")
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
    fn values_are_shown_as_written() {
        // What an error repeats: lists and tables (keys in order) with their separators, texts
        // quoted.
        let toml = from_toml("a = [1, 2, 3]\nb = { x = 1, y = \"z\", w = true }\nc = 1.5").unwrap();
        assert_eq!(toml.get("a").unwrap().to_string(), "[1, 2, 3]");
        assert_eq!(
            toml.get("b").unwrap().to_string(),
            "{ w = true, x = 1, y = \"z\" }"
        );
        assert_eq!(toml.get("c").unwrap().to_string(), "1.5");
    }

    #[test]
    fn toml_and_json_read_alike() {
        let toml = from_toml(
            "a = 1\nb = \"x\"\nc = [2023-05-10]\nd = 1.5\ng = 0x10\nh = 1_000\ni = 99999999999999999999\nj = 18446744073709551615\nk = 0o7777777777777777777777",
        )
        .unwrap();
        // Whole numbers as TOML writes them (hexadecimal, with underscores), above i64 as
        // unsigned, above u64 kept as written.
        assert_eq!(toml.get("g"), Some(&Value::Integer(16)));
        assert_eq!(toml.get("h"), Some(&Value::Integer(1000)));
        assert_eq!(
            toml.get("i"),
            Some(&Value::Big("99999999999999999999".into()))
        );
        assert_eq!(toml.get("j"), Some(&Value::Unsigned(u64::MAX)));
        // Above u64 in another base: said with its prefix, never read as decimal digits.
        assert_eq!(
            toml.get("k"),
            Some(&Value::Big("0o7777777777777777777777".into()))
        );
        assert_eq!(
            toml.get("c"),
            Some(&Value::Array(vec![Value::Datetime("2023-05-10".into())]))
        );
        assert_eq!(toml.get("d"), Some(&Value::FloatText("1.5".to_owned())));
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
        assert!(from_toml("a = 1\na = 2").is_err());
    }

    #[test]
    fn json_has_no_private_date_form() {
        // TOML's internal key for a date is an ordinary (unknown) key in JSON.
        let json: Value =
            serde_json::from_str(r#"{"d": {"$__toml_private_datetime": "2023-05-10"}}"#).unwrap();
        assert!(matches!(json.get("d"), Some(Value::Table(_))));
    }

    #[test]
    fn long_values_are_shortened() {
        let long = Value::String("x".repeat(10_000));
        assert!(long.shown().chars().count() <= 61);
    }
}
