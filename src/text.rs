//! Bilingual text and the two languages the crate writes in.
//!
//! Every label, method and explanation the crate carries exists in Vietnamese and English: a
//! [`Text`]. Numbers and dates follow the language: Vietnamese writes `4,29`, `1.250.000` and
//! `30/01/2023`; English writes `4.29`, `1,250,000` and `2023-01-30` ([`format_decimal`]).

use std::fmt::{self, Display, Formatter, Write};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A language for labels, explanations and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Lang {
    /// Vietnamese: `4,29`, `30/01/2023`. The default.
    #[default]
    Vi,
    /// English: `4.29`, `2023-01-30`.
    En,
}

impl Lang {
    /// Both languages, Vietnamese first.
    pub const ALL: [Self; 2] = [Self::Vi, Self::En];

    /// The language's code: `vi` or `en`.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Vi => "vi",
            Self::En => "en",
        }
    }

    /// The language of a code, `vi` or `en` (any letter case).
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(code.trim()))
    }
}

/// A text in Vietnamese and English: a label, a method, an explanation.
///
/// In files it is written as two keys with the suffixes `_vi` and `_en` (`label_vi`,
/// `label_en`); on its own it serialises as `{"vi": …, "en": …}`.
///
/// ```
/// use cchc::{Lang, Text};
/// let label = Text::new("Cải cách thể chế", "Institutional reform");
/// assert_eq!(label.get(Lang::Vi), "Cải cách thể chế");
/// assert_eq!(label.en(), "Institutional reform");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Text {
    vi: String,
    en: String,
}

impl Text {
    /// A text in both languages.
    #[must_use]
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// The Vietnamese text.
    #[must_use]
    pub fn vi(&self) -> &str {
        &self.vi
    }

    /// The English text.
    #[must_use]
    pub fn en(&self) -> &str {
        &self.en
    }

    /// The text in `lang`.
    #[must_use]
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// Both texts, Vietnamese first, for the crate's writers.
    pub(crate) fn into_parts(self) -> (String, String) {
        (self.vi, self.en)
    }
}

/// Formats a decimal in the language's number style, keeping its scale.
///
/// ```
/// use cchc::text::format_decimal;
/// use cchc::Lang;
/// use rust_decimal_macros::dec;
/// assert_eq!(format_decimal(dec!(1250000.5), Lang::Vi), "1.250.000,5");
/// assert_eq!(format_decimal(dec!(1250000.5), Lang::En), "1,250,000.5");
/// assert_eq!(format_decimal(dec!(-4.29), Lang::Vi), "-4,29");
/// ```
#[must_use]
pub fn format_decimal(value: Decimal, lang: Lang) -> String {
    Num(value, lang).to_string()
}

/// Picks the Vietnamese or the English of two texts.
pub(crate) const fn pick<'a>(lang: Lang, vi: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A fixed buffer that a `Decimal` is written into without allocating (a `Decimal` prints in
/// at most 31 characters).
struct Digits {
    buf: [u8; 48],
    len: usize,
}

impl Write for Digits {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let slot = self.buf.get_mut(self.len..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// A decimal in the language's number style, keeping its scale.
pub(crate) struct Num(pub(crate) Decimal, pub(crate) Lang);

impl Display for Num {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let (group, point) = match self.1 {
            Lang::Vi => ('.', ','),
            Lang::En => (',', '.'),
        };
        let mut digits = Digits {
            buf: [0; 48],
            len: 0,
        };
        write!(digits, "{}", self.0.abs())?;
        let text = std::str::from_utf8(digits.buf.get(..digits.len).ok_or(fmt::Error)?)
            .map_err(|_| fmt::Error)?;
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        if self.0.is_sign_negative() && !self.0.is_zero() {
            f.write_char('-')?;
        }
        for (i, digit) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                f.write_char(group)?;
            }
            f.write_char(digit)?;
        }
        if !frac.is_empty() {
            f.write_char(point)?;
            f.write_str(frac)?;
        }
        Ok(())
    }
}

/// A whole number in the language's number style.
pub(crate) struct Int(pub(crate) u64, pub(crate) Lang);

impl Display for Int {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        Num(Decimal::from(self.0), self.1).fmt(f)
    }
}

/// A date: `30/01/2023` in Vietnamese, `2023-01-30` in English.
pub(crate) struct Day(pub(crate) NaiveDate, pub(crate) Lang);

impl Display for Day {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let d = self.0;
        match self.1 {
            Lang::Vi => write!(f, "{:02}/{:02}/{}", d.day(), d.month(), d.year()),
            Lang::En => write!(f, "{}-{:02}-{:02}", d.year(), d.month(), d.day()),
        }
    }
}

/// `01/10/2023–31/12/2023`.
pub(crate) struct Span(pub(crate) NaiveDate, pub(crate) NaiveDate, pub(crate) Lang);

impl Display for Span {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", Day(self.0, self.2), Day(self.1, self.2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn number_style() {
        assert_eq!(format_decimal(dec!(4.29), Lang::Vi), "4,29");
        assert_eq!(format_decimal(dec!(100), Lang::Vi), "100");
        assert_eq!(format_decimal(dec!(999.99), Lang::En), "999.99");
        assert_eq!(format_decimal(dec!(1000), Lang::En), "1,000");
        assert_eq!(format_decimal(dec!(0.00), Lang::Vi), "0,00");
        assert_eq!(
            format_decimal(dec!(1000000000000000), Lang::Vi),
            "1.000.000.000.000.000"
        );
        assert_eq!(
            format_decimal(Decimal::MAX, Lang::En),
            "79,228,162,514,264,337,593,543,950,335"
        );
        assert_eq!(
            format_decimal(Decimal::MIN, Lang::Vi),
            "-79.228.162.514.264.337.593.543.950.335"
        );
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2023, 1, 5).unwrap();
        assert_eq!(Day(d, Lang::Vi).to_string(), "05/01/2023");
        assert_eq!(Day(d, Lang::En).to_string(), "2023-01-05");
        let end = NaiveDate::from_ymd_opt(2023, 12, 31).unwrap();
        assert_eq!(Span(d, end, Lang::Vi).to_string(), "05/01/2023–31/12/2023");
    }

    #[test]
    fn languages_by_code() {
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        let text = Text::new("Tốt", "Good");
        assert_eq!(
            serde_json::to_string(&text).unwrap(),
            r#"{"vi":"Tốt","en":"Good"}"#
        );
    }
}
