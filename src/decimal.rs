//! Reading decimals from their written digits: a string (`"1.5"`) or a whole number, never a
//! float, whose binary value is not what was written (`1.9999999999999999` reads as 2).

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, de};

/// The sum of `values`, or `None` when it leaves the decimal range (input not yet checked
/// may hold values near `Decimal::MAX`, whose `+` would panic).
pub(crate) fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |sum, value| sum.checked_add(value))
}

/// What a decimal must be written as, for error messages.
pub(crate) const EXPECTED: &str =
    "a decimal written as a string, such as \"1.5\", or a whole number";

/// A decimal from its written digits: at most 28 digits after the point, optional sign, no
/// exponent, no spaces.
pub(crate) fn parse(text: &str) -> Option<Decimal> {
    let body = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty()
        || !digits(int)
        || !digits(frac)
        || (body.contains('.') && frac.is_empty())
        || frac.len() > 28
    {
        return None;
    }
    Decimal::from_str(text).ok()
}

struct Visitor;

impl de::Visitor<'_> for Visitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Decimal, E> {
        parse(text).ok_or_else(|| E::invalid_value(de::Unexpected::Str(text), &self))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Decimal, E> {
        self.visit_str(&value.to_string())
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Decimal, E> {
        self.visit_str(&value.to_string())
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Decimal, E> {
        Err(E::custom(format!(
            "the number {value} is a float, whose digits may not be the ones written: write the decimal as a string, such as \"1.5\""
        )))
    }
}

/// Deserialises a decimal from a string or a whole number; refuses floats.
pub(crate) fn strict<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(Visitor)
}

/// As [`strict`], for an optional decimal (`null` or absent is `None`).
pub(crate) fn strict_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Decimal>, D::Error> {
    struct Strict(Decimal);
    impl<'de> serde::Deserialize<'de> for Strict {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            strict(deserializer).map(Self)
        }
    }
    Ok(Option::<Strict>::deserialize(deserializer)?.map(|s| s.0))
}

/// A map whose values are decimals, read as [`strict`] reads them.
pub(crate) fn strict_map<'de, D, K>(
    deserializer: D,
) -> Result<std::collections::BTreeMap<K, Decimal>, D::Error>
where
    D: Deserializer<'de>,
    K: serde::Deserialize<'de> + Ord,
{
    struct Strict(Decimal);
    impl<'de> serde::Deserialize<'de> for Strict {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            strict(deserializer).map(Self)
        }
    }
    Ok(
        std::collections::BTreeMap::<K, Strict>::deserialize(deserializer)?
            .into_iter()
            .map(|(k, v)| (k, v.0))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[derive(serde::Deserialize, Debug)]
    struct Probe {
        #[serde(deserialize_with = "strict")]
        value: Decimal,
    }

    #[test]
    fn digits_as_written() {
        assert_eq!(parse("1.5"), Some(dec!(1.5)));
        assert_eq!(parse("-0.25"), Some(dec!(-0.25)));
        assert_eq!(parse("35"), Some(dec!(35)));
        // 28 digits after the point, a decimal's most, are read; 29 are not.
        let most = format!("0.{}", "1".repeat(28));
        assert_eq!(parse(&most).map(|d| d.scale()), Some(28));
        assert_eq!(parse(&format!("{most}1")), None);
        for bad in [
            "", "1e3", "1.", ".5", " 1", "1,5", "+1", "0x1", "NaN", "1e-30",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn floats_are_refused_with_a_hint() {
        let err = toml::from_str::<Probe>("value = 1.9999999999999999").unwrap_err();
        assert!(
            err.to_string().contains("write the decimal as a string"),
            "{err}"
        );
        assert_eq!(
            toml::from_str::<Probe>("value = \"1.5\"").unwrap().value,
            dec!(1.5)
        );
        assert_eq!(toml::from_str::<Probe>("value = 2").unwrap().value, dec!(2));
        // What is neither says what is expected: a boolean, or a string not of digits.
        for bad in ["value = true", "value = \"1e3\""] {
            let err = toml::from_str::<Probe>(bad).unwrap_err().to_string();
            assert!(
                err.contains(
                    "expected a decimal written as a string, such as \"1.5\", or a whole number"
                ),
                "{err}"
            );
        }
        let err = serde_json::from_str::<Probe>(r#"{"value": 1e400}"#).unwrap_err();
        assert!(
            err.to_string().contains("float") || err.to_string().contains("number"),
            "{err}"
        );
    }
}

/// A decimal as written in a file, read without judging it: checked when the file's parts are
/// built, so that an error names the item and the key.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Written {
    /// A decimal made in code, or read back.
    Value(Decimal),
    /// A string or a whole number, as written.
    Text(String),
    /// A float: refused when checked.
    Float(f64),
}

impl Written {
    /// The decimal, or an error naming `key` and the value.
    pub(crate) fn decimal(&self, key: &'static str) -> crate::Result<Decimal> {
        let bad = |value: String, expected: &'static str| {
            crate::Error::from(crate::error::Reason::BadValue {
                key: key.to_owned(),
                value,
                expected,
            })
        };
        match self {
            Self::Value(value) => Ok(*value),
            Self::Text(text) => parse(text).ok_or_else(|| {
                bad(
                    format!("{:?}", text.chars().take(40).collect::<String>()),
                    EXPECTED,
                )
            }),
            Self::Float(value) => Err(bad(
                format!("{value:?}"),
                "a decimal written as a string, such as \"1.5\": a float's digits may not be the ones written",
            )),
        }
    }
}

impl From<Decimal> for Written {
    fn from(value: Decimal) -> Self {
        Self::Value(value)
    }
}

impl serde::Serialize for Written {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(value) => serializer.serialize_str(&value.to_string()),
            Self::Text(text) => serializer.serialize_str(text),
            Self::Float(value) => serializer.serialize_f64(*value),
        }
    }
}

struct WrittenVisitor;

impl de::Visitor<'_> for WrittenVisitor {
    type Value = Written;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Written, E> {
        Ok(Written::Text(text.to_owned()))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Written, E> {
        Ok(Written::Text(value.to_string()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Written, E> {
        Ok(Written::Text(value.to_string()))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Written, E> {
        Ok(Written::Text(value.to_string()))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Written, E> {
        Ok(Written::Text(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Written, E> {
        Ok(Written::Float(value))
    }
}

impl<'de> serde::Deserialize<'de> for Written {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(WrittenVisitor)
    }
}

#[cfg(test)]
impl schemars::JsonSchema for Written {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <crate::schema::DecimalText as schemars::JsonSchema>::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <crate::schema::DecimalText as schemars::JsonSchema>::json_schema(generator)
    }
}
