//! Bilingual text and the two languages the crate writes in.
//!
//! Every label, method and explanation the crate carries exists in Vietnamese and English: a
//! [`Text`]. Numbers and dates follow the language: Vietnamese writes `4,29`, `1.250.000` and
//! `30/01/2023`; English writes `4.29`, `1,250,000` and `2023-01-30` ([`format_decimal`]).

use std::fmt::{self, Display, Formatter};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `bytes` read from a file as UTF-8 text, for the readers that take text
/// (`from_toml`, `from_json`).
///
/// ```
/// use cchc::ErrorKind;
/// assert_eq!(cchc::text::from_utf8(b"ward = \"X\"")?, "ward = \"X\"");
/// let err = cchc::text::from_utf8(b"ward = 1\nyear = \xff").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Syntax);
/// assert_eq!((err.line(), err.column()), (Some(2), Some(8)));
/// assert_eq!(err.to_string(), "not UTF-8 text at line 2, column 8: byte 0xff at offset 16");
/// # Ok::<(), cchc::Error>(())
/// ```
///
/// # Errors
/// [`ErrorKind::Syntax`](crate::ErrorKind::Syntax) at the first byte that is not UTF-8, with
/// its line and column ([`Error::line`](crate::Error::line), [`Error::column`](crate::Error::column))
/// and its offset in the message; the byte is its [`value`](crate::Error::value).
pub fn from_utf8(bytes: &[u8]) -> crate::Result<&str> {
    crate::Error::utf8(bytes)
}

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
///
/// Cloning a text is cheap: both languages live in one shared allocation, so a label or a
/// method copied into every scorecard line costs a counter, not two strings.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Text(Arc<Texts>);

// The two languages of a `Text`, as written. Its doc comment is the schema's description of a
// text, so it says what `Text`'s own does.
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
#[serde(deny_unknown_fields, rename = "Text")]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "Text"))]
struct Texts {
    vi: String,
    en: String,
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.debug_struct("Text")
            .field("vi", &self.0.vi)
            .field("en", &self.0.en)
            .finish()
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Texts::deserialize(deserializer).map(|texts| Self(Arc::new(texts)))
    }
}

#[cfg(test)]
impl schemars::JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        Texts::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Texts::json_schema(generator)
    }
}

impl Text {
    /// A text in both languages.
    #[must_use]
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self(Arc::new(Texts {
            vi: vi.into(),
            en: en.into(),
        }))
    }

    /// The Vietnamese text.
    #[must_use]
    pub fn vi(&self) -> &str {
        &self.0.vi
    }

    /// The English text.
    #[must_use]
    pub fn en(&self) -> &str {
        &self.0.en
    }

    /// The text in `lang`.
    #[must_use]
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.0.vi,
            Lang::En => &self.0.en,
        }
    }

    /// Both texts, Vietnamese first, for the crate's writers.
    pub(crate) fn into_parts(self) -> (String, String) {
        let texts = Arc::unwrap_or_clone(self.0);
        (texts.vi, texts.en)
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

/// Writes `digits` (ASCII, most significant first) with `scale` of them after the point, in
/// the language's style: `1.250.000,5` / `1,250,000.5`. One `write_str` of a stack buffer:
/// no `Decimal` formatting, no allocation.
fn write_number(
    f: &mut Formatter<'_>,
    negative: bool,
    digits: &[u8],
    scale: usize,
    lang: Lang,
) -> fmt::Result {
    let (group, point) = match lang {
        Lang::Vi => (b'.', b','),
        Lang::En => (b',', b'.'),
    };
    // At most 39 digits (u128), 12 separators, a point, a sign, and the zeros before the
    // point of a value below 1 (scale ≤ 28).
    let mut out = [0u8; 96];
    let mut len = 0;
    let mut push = |b: u8| {
        if let Some(slot) = out.get_mut(len) {
            *slot = b;
            len += 1;
        }
    };
    if negative {
        push(b'-');
    }
    let (int, frac) = if digits.len() > scale {
        digits.split_at(digits.len() - scale)
    } else {
        (&b""[..], digits)
    };
    if int.is_empty() {
        push(b'0');
    }
    for (i, digit) in int.iter().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            push(group);
        }
        push(*digit);
    }
    if scale > 0 {
        push(point);
        for _ in frac.len()..scale {
            push(b'0');
        }
        for digit in frac {
            push(*digit);
        }
    }
    let text = out.get(..len).ok_or(fmt::Error)?;
    f.write_str(std::str::from_utf8(text).map_err(|_| fmt::Error)?)
}

/// The decimal digits of `value`, most significant first, in the tail of `buf`.
fn digits_of(mut value: u128, buf: &mut [u8; 40]) -> &[u8] {
    let mut start = buf.len();
    loop {
        start -= 1;
        // `value % 10` is below 10: the cast keeps it exactly.
        #[allow(clippy::cast_possible_truncation, reason = "a digit")]
        let digit = (value % 10) as u8;
        if let Some(slot) = buf.get_mut(start) {
            *slot = b'0' + digit;
        }
        value /= 10;
        if value == 0 || start == 0 {
            break;
        }
    }
    buf.get(start..).unwrap_or(&[])
}

/// A decimal in the language's number style, keeping its scale.
pub(crate) struct Num(pub(crate) Decimal, pub(crate) Lang);

impl Display for Num {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 40];
        let mantissa = self.0.mantissa();
        let digits = digits_of(mantissa.unsigned_abs(), &mut buf);
        let scale = usize::try_from(self.0.scale()).map_err(|_| fmt::Error)?;
        write_number(f, mantissa < 0, digits, scale, self.1)
    }
}

/// A whole number in the language's number style.
pub(crate) struct Int(pub(crate) u64, pub(crate) Lang);

impl Display for Int {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 40];
        let digits = digits_of(u128::from(self.0), &mut buf);
        write_number(f, false, digits, 0, self.1)
    }
}

/// A date: `30/01/2023` in Vietnamese, `2023-01-30` in English.
pub(crate) struct Day(pub(crate) NaiveDate, pub(crate) Lang);

impl Display for Day {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let d = self.0;
        let (year, month, day) = (d.year(), d.month(), d.day());
        // Four-digit years (every date the crate reads) take the fast way; others print as
        // `write!` prints them.
        let Some(year) = u32::try_from(year)
            .ok()
            .filter(|y| (1000..=9999).contains(y))
        else {
            return match self.1 {
                Lang::Vi => write!(f, "{day:02}/{month:02}/{year}"),
                Lang::En => write!(f, "{year}-{month:02}-{day:02}"),
            };
        };
        // Each part is below 10,000: the casts keep the digits exactly.
        #[allow(clippy::cast_possible_truncation, reason = "digits")]
        let two = |n: u32| [b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8];
        let (y, m, dd) = (two(year / 100), two(month), two(day));
        let y2 = two(year % 100);
        let out: [u8; 10] = match self.1 {
            Lang::Vi => [
                dd[0], dd[1], b'/', m[0], m[1], b'/', y[0], y[1], y2[0], y2[1],
            ],
            Lang::En => [
                y[0], y[1], y2[0], y2[1], b'-', m[0], m[1], b'-', dd[0], dd[1],
            ],
        };
        f.write_str(std::str::from_utf8(&out).map_err(|_| fmt::Error)?)
    }
}

/// `01/10/2023–31/12/2023`.
pub(crate) struct Span(pub(crate) NaiveDate, pub(crate) NaiveDate, pub(crate) Lang);

impl Display for Span {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        Day(self.0, self.2).fmt(f)?;
        f.write_str("–")?;
        Day(self.1, self.2).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// What `Num` wrote before it formatted digits itself: `Decimal`'s own text, regrouped.
    fn by_decimal_display(value: Decimal, lang: Lang) -> String {
        let (group, point) = match lang {
            Lang::Vi => ('.', ','),
            Lang::En => (',', '.'),
        };
        let text = value.abs().to_string();
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let mut out = String::new();
        if value.is_sign_negative() && !value.is_zero() {
            out.push('-');
        }
        for (i, digit) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(group);
            }
            out.push(digit);
        }
        if !frac.is_empty() {
            out.push(point);
            out.push_str(frac);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn numbers_are_written_as_decimal_writes_them(
            mantissa in proptest::prelude::any::<i64>(),
            wide in proptest::prelude::any::<u32>(),
            scale in 0u32..=28,
        ) {
            for value in [
                Decimal::new(mantissa, scale),
                Decimal::from_i128_with_scale(i128::from(mantissa) * i128::from(wide), scale),
            ] {
                for lang in Lang::ALL {
                    proptest::prop_assert_eq!(Num(value, lang).to_string(), by_decimal_display(value, lang));
                }
            }
        }

        #[test]
        fn days_are_written_as_write_writes_them(days in -800_000i64..800_000) {
            let day = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Duration::days(days);
            let (y, m, d) = (day.year(), day.month(), day.day());
            proptest::prop_assert_eq!(Day(day, Lang::Vi).to_string(), format!("{d:02}/{m:02}/{y}"));
            proptest::prop_assert_eq!(Day(day, Lang::En).to_string(), format!("{y}-{m:02}-{d:02}"));
        }
    }

    #[test]
    fn whole_numbers_and_edges() {
        assert_eq!(Int(0, Lang::Vi).to_string(), "0");
        assert_eq!(
            Int(u64::MAX, Lang::En).to_string(),
            "18,446,744,073,709,551,615"
        );
        assert_eq!(Num(Decimal::new(5, 3), Lang::Vi).to_string(), "0,005");
        assert_eq!(Num(Decimal::new(0, 2), Lang::En).to_string(), "0.00");
        assert_eq!(Num(Decimal::new(-5, 1), Lang::En).to_string(), "-0.5");
    }

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
