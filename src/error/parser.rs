//! What a parser's message says: the key it names, the value it refuses, said for a person.

use super::ErrorKind;

/// A TOML parser's word on an integer above `i64` (`invalid type: integer `N` as i128, …`),
/// said with the way to write it.
pub(super) fn too_big(message: &str) -> std::borrow::Cow<'_, str> {
    let digits = message
        .strip_prefix("invalid type: integer `")
        .and_then(|rest| rest.split_once("` as i128"))
        .map(|(digits, _)| digits);
    match digits {
        Some(digits) => format!(
            "integer {digits} is beyond the largest whole number TOML holds (9223372036854775807): write it as a string of digits, \"{digits}\""
        )
        .into(),
        None => message.into(),
    }
}

/// The key a parser's `message` names, and the kind of its problem: unknown, missing or
/// given twice.
pub(super) fn named_key(message: &str) -> Option<(String, ErrorKind)> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        // serde: "unknown field `x`, expected `a` or `b`", "…, there are no fields".
        let end = ["`, expected ", "`, there are no fields"]
            .iter()
            .filter_map(|tail| rest.find(tail))
            .min()
            .or_else(|| rest.strip_suffix('`').map(str::len))?;
        return Some((rest.get(..end)?.to_owned(), ErrorKind::UnknownKey));
    }
    let between = |prefix: &str, suffix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(suffix))
            .map(str::to_owned)
    };
    if let Some(key) = between("missing field `", "`") {
        return Some((key, ErrorKind::MissingKey));
    }
    between("duplicate field `", "`")
        .or_else(|| between("key `", "` is given twice"))
        .map(|key| (key, ErrorKind::Syntax))
}

/// The value of a parser's `message` that is a value refused, as the observations reader
/// refuses it (`ErrorKind::InvalidValue`): JSON `null`, a TOML integer above `i64`.
pub(super) fn refused_value(message: &str) -> Option<String> {
    if message.starts_with("invalid type: null,") {
        return Some("null".to_owned());
    }
    message
        .strip_prefix("invalid type: integer `")
        .and_then(|rest| rest.split_once("` as i128"))
        .map(|(digits, _)| digits.to_owned())
}

/// A message on one line, without trailing space.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
