//! Whole numbers from 0 to `u64::MAX` as files write them: an integer, or a string of digits
//! for numbers above `i64::MAX` (which TOML cannot hold as an integer, and which the crate
//! writes as strings so that what it writes reads back).

use serde::{Deserializer, Serializer, de};

/// What a whole number must be written as, for error messages.
const EXPECTED: &str = "a whole number, 0 or more (a string of digits above 9223372036854775807)";

struct Visitor;

impl de::Visitor<'_> for Visitor {
    type Value = u64;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<u64, E> {
        Ok(value)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<u64, E> {
        u64::try_from(value)
            .map_err(|_| E::custom(format!("{value} is negative: expected {EXPECTED}")))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<u64, E> {
        u64::try_from(value).map_err(|_| too_large(value))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<u64, E> {
        u64::try_from(value).map_err(|_| too_large(value))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<u64, E> {
        if !text.is_empty() && text.len() <= 20 && text.bytes().all(|b| b.is_ascii_digit()) {
            text.parse().map_err(|_| too_large(text))
        } else {
            Err(E::invalid_value(de::Unexpected::Str(text), &self))
        }
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<u64, E> {
        Err(E::custom(format!(
            "the number {value:?} is not a whole number from 0 to 18446744073709551615: write a whole number (above 9223372036854775807, as a string of digits such as \"10000000000000000000\")"
        )))
    }
}

fn too_large<E: de::Error>(value: impl std::fmt::Display) -> E {
    E::custom(format!(
        "{} is above 18446744073709551615, the largest whole number the crate counts",
        crate::limits::shorten(&value.to_string(), crate::limits::SHOWN_CHARS)
    ))
}

/// Reads a whole number: an integer, or a string of digits.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    deserializer.deserialize_any(Visitor)
}

/// Writes a whole number: an integer up to `i64::MAX`, a string of digits above.
#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's serialize_with passes a reference"
)]
pub(crate) fn serialize<S: Serializer>(value: &u64, serializer: S) -> Result<S::Ok, S::Error> {
    match i64::try_from(*value) {
        Ok(small) => serializer.serialize_i64(small),
        Err(_) => serializer.collect_str(value),
    }
}

/// [`deserialize`] and [`serialize`] for an optional whole number.
pub(crate) mod option {
    use serde::{Deserialize, Deserializer, Serializer};

    struct Whole(u64);

    impl<'de> Deserialize<'de> for Whole {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            super::deserialize(deserializer).map(Self)
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<u64>, D::Error> {
        Ok(Option::<Whole>::deserialize(deserializer)?.map(|w| w.0))
    }

    #[allow(
        clippy::ref_option,
        reason = "serde's serialize_with passes a reference"
    )]
    pub(crate) fn serialize<S: Serializer>(
        value: &Option<u64>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => super::serialize(value, serializer),
            None => serializer.serialize_none(),
        }
    }
}

#[cfg(all(test, feature = "toml", feature = "json"))]
mod tests {
    #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
    struct Probe {
        #[serde(with = "super")]
        n: u64,
    }

    #[test]
    fn wide_integers_are_read_when_they_fit() {
        // A format that hands over 128-bit integers: 5 is 5, u64::MAX fits, one more does not.
        use serde::de::IntoDeserializer;
        use serde::de::value::Error;
        let read = |n: u128| super::deserialize(n.into_deserializer()).map_err(|e: Error| e);
        assert_eq!(read(5).unwrap(), 5);
        assert_eq!(read(u128::from(u64::MAX)).unwrap(), u64::MAX);
        let err = read(u128::from(u64::MAX) + 1).unwrap_err().to_string();
        assert!(err.starts_with("18446744073709551616 is above"), "{err}");
        let read_signed = |n: i128| super::deserialize(n.into_deserializer()).map_err(|e: Error| e);
        assert_eq!(read_signed(7).unwrap(), 7);
        assert!(read_signed(-1).is_err());
    }

    #[test]
    fn integers_and_digit_strings_read_back() {
        for n in [0, 7, i64::MAX as u64, i64::MAX as u64 + 1, u64::MAX] {
            let probe = Probe { n };
            let toml = toml::to_string(&probe).unwrap();
            assert_eq!(toml::from_str::<Probe>(&toml).unwrap(), probe, "{toml}");
            let json = serde_json::to_string(&probe).unwrap();
            assert_eq!(
                serde_json::from_str::<Probe>(&json).unwrap(),
                probe,
                "{json}"
            );
        }
        // TOML hands a whole number above i64 to the reader as an i128.
        assert_eq!(
            toml::from_str::<Probe>("n = 18446744073709551615")
                .unwrap()
                .n,
            u64::MAX
        );
        for bad in [
            "n = 18446744073709551616",
            "n = -1",
            "n = 1.5",
            "n = \"1e3\"",
        ] {
            assert!(toml::from_str::<Probe>(bad).is_err(), "{bad}");
        }
        let err = serde_json::from_str::<Probe>(r#"{"n": 1e20}"#).unwrap_err();
        assert!(err.to_string().contains("as a string of digits"), "{err}");
    }
}
