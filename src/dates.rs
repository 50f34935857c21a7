//! Dates the crate accepts, and reading them from TOML local dates (`2023-05-10`) and from
//! `"YYYY-MM-DD"` strings alike.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

use crate::error::{Error, Reason, Result};

/// The first day the crate works with: 1 January 1900.
pub(crate) const FIRST: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// The last day the crate works with: 31 December 2199.
pub(crate) const LAST: NaiveDate = match NaiveDate::from_ymd_opt(2199, 12, 31) {
    Some(date) => date,
    None => NaiveDate::MAX,
};

/// `date` when it lies within [`FIRST`]–[`LAST`]; an error naming it otherwise.
pub(crate) fn check(date: NaiveDate) -> Result<NaiveDate> {
    if (FIRST..=LAST).contains(&date) {
        Ok(date)
    } else {
        Err(Error::from(Reason::DateOutOfRange { date }))
    }
}

/// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day), nothing looser.
pub(crate) fn parse_iso(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|date| check(*date).is_ok())
}

/// The key under which the TOML reader hands a date or time to serde.
pub(crate) const TOML_DATETIME: &str = "$__toml_private_datetime";

thread_local! {
    /// Whether the crate is reading JSON on this thread: TOML's internal form of a date (an
    /// object with the key [`TOML_DATETIME`]) is then an unknown key.
    static JSON: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `read`, a reader of JSON, so that a date written in TOML's internal form is refused.
pub(crate) fn reading_json<T>(read: impl FnOnce() -> T) -> T {
    let before = JSON.with(|json| json.replace(true));
    let out = read();
    JSON.with(|json| json.set(before));
    out
}

/// The key of a date given as a table: TOML's, unless JSON is being read.
fn date_table<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<Option<String>, A::Error> {
    match map.next_key::<String>()? {
        Some(key) if key == TOML_DATETIME && !JSON.with(std::cell::Cell::get) => Ok(Some(key)),
        Some(key) if key == TOML_DATETIME => Err(serde::de::Error::custom(format!(
            "unknown field `{TOML_DATETIME}`, expected a date written as a string such as \"2023-05-10\""
        ))),
        _ => Ok(None),
    }
}

/// A date from its text: a TOML local date or a `"YYYY-MM-DD"` string.
fn from_text<E: serde::de::Error>(text: &str, toml: bool) -> Result<NaiveDate, E> {
    parse_iso(text).ok_or_else(|| {
        if toml && text.len() > 10 {
            E::custom(format!(
                "{text} is not a local date: give a date alone, like 2023-05-10"
            ))
        } else {
            E::custom(format!(
                "date {text:?} is not a calendar date of the form YYYY-MM-DD from 1900-01-01 to 2199-12-31"
            ))
        }
    })
}

struct DateVisitor;

impl<'de> serde::de::Visitor<'de> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a date such as 2023-05-10")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        from_text(text, false)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<NaiveDate, A::Error> {
        // The TOML reader hands a date over as a one-key table holding its text.
        match date_table(&mut map)? {
            Some(_) => {
                let text: String = map.next_value()?;
                from_text(&text, true)
            }
            None => Err(serde::de::Error::custom(
                "expected a date such as 2023-05-10",
            )),
        }
    }
}

/// One date.
pub(crate) fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    deserializer.deserialize_any(DateVisitor)
}

/// One date, as [`date`] reads it.
struct OneDate(NaiveDate);

impl<'de> Deserialize<'de> for OneDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        date(deserializer).map(Self)
    }
}

/// A list of dates.
pub(crate) fn list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<NaiveDate>, D::Error> {
    Ok(Vec::<OneDate>::deserialize(deserializer)?
        .into_iter()
        .map(|d| d.0)
        .collect())
}

#[cfg(all(test, feature = "toml", feature = "json"))]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct Probe {
        #[serde(deserialize_with = "date")]
        on: NaiveDate,
    }

    #[test]
    fn toml_dates_and_strings_alike() {
        let probe: Probe = toml::from_str("on = 2023-05-10").unwrap();
        assert_eq!(probe.on, NaiveDate::from_ymd_opt(2023, 5, 10).unwrap());
        let json: Probe = serde_json::from_str(r#"{"on":"2023-05-10"}"#).unwrap();
        assert_eq!(json.on, probe.on);
        // A local date out of range is said to be out of range, not "not a local date".
        let err = toml::from_str::<Probe>("on = 1899-12-31").unwrap_err();
        assert!(
            err.to_string()
                .contains("\"1899-12-31\" is not a calendar date"),
            "{err}"
        );
        // A date with a time is said to be no local date.
        let err = toml::from_str::<Probe>("on = 2023-05-10T10:00:00").unwrap_err();
        assert!(err.to_string().contains("is not a local date"), "{err}");
    }

    #[test]
    fn refuses_a_table_for_a_date() {
        // Only TOML's own date key makes a table a date: any other is a table, not a date.
        for table in [
            "on = { when = 2023-01-01 }",
            "on = { when = \"2023-01-01\" }",
        ] {
            let err = toml::from_str::<Probe>(table).unwrap_err().to_string();
            assert!(err.contains("expected a date such as 2023-05-10"), "{err}");
        }
    }

    #[test]
    fn refuses_non_dates() {
        assert!(toml::from_str::<Probe>("on = 2023-02-30").is_err());
        assert!(toml::from_str::<Probe>("on = 2023-05-10T10:00:00").is_err());
        let err = serde_json::from_str::<Probe>(r#"{"on":"10/05/2023"}"#).unwrap_err();
        assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
        for loose in [
            "2023-5-1",
            " 2023-05-10",
            "2023-05-10 ",
            "+2023-05-10",
            "2023/05/10",
        ] {
            assert!(parse_iso(loose).is_none(), "{loose}");
        }
        assert_eq!(
            parse_iso("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert!(parse_iso("2023-02-29").is_none());
    }
}

/// A date as written in a file, read without judging it: checked when the file's parts are
/// built, so that an error names the item and the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WrittenDate {
    /// A date made in code, or read back.
    Value(NaiveDate),
    /// A string or a TOML date, as written.
    Text(String),
}

impl WrittenDate {
    /// The date, or an error naming `key` and the value.
    pub(crate) fn date(&self, key: &'static str) -> Result<NaiveDate> {
        match self {
            Self::Value(date) => check(*date).map_err(|e| e.with_key(key)),
            Self::Text(text) => parse_iso(text).ok_or_else(|| {
                Error::from(Reason::BadValue {
                    key: key.to_owned(),
                    value: format!("{:?}", text.chars().take(40).collect::<String>()),
                    expected: "a date such as 2023-05-10, from 1900-01-01 to 2199-12-31",
                })
            }),
        }
    }
}

impl From<NaiveDate> for WrittenDate {
    fn from(date: NaiveDate) -> Self {
        Self::Value(date)
    }
}

impl serde::Serialize for WrittenDate {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Self::Value(date) => serializer.serialize_str(&date.format("%Y-%m-%d").to_string()),
            Self::Text(text) => serializer.serialize_str(text),
        }
    }
}

struct WrittenDateVisitor;

impl<'de> serde::de::Visitor<'de> for WrittenDateVisitor {
    type Value = WrittenDate;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a date such as 2023-05-10")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> std::result::Result<WrittenDate, E> {
        Ok(WrittenDate::Text(text.to_owned()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<WrittenDate, A::Error> {
        match date_table(&mut map)? {
            Some(_) => Ok(WrittenDate::Text(map.next_value()?)),
            None => Err(serde::de::Error::custom(
                "expected a date such as 2023-05-10",
            )),
        }
    }
}

impl<'de> Deserialize<'de> for WrittenDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_any(WrittenDateVisitor)
    }
}

#[cfg(test)]
impl schemars::JsonSchema for WrittenDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <crate::schema::DateText as schemars::JsonSchema>::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <crate::schema::DateText as schemars::JsonSchema>::json_schema(generator)
    }
}
