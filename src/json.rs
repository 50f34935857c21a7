//! JSON as the crate writes it: pretty, with every character that must not reach a terminal
//! (`limits::is_hostile`: C0 and C1 controls, DEL, bidi marks,
//! embeddings, overrides and isolates, noncharacters) escaped as `\uXXXX`, so that a file
//! printed to a terminal cannot move its cursor or reverse its text. It is still JSON, and
//! reads back to the same values.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::error::{Error, Result};

/// `value` as pretty JSON, hostile characters escaped.
pub(crate) fn pretty<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut out = Vec::new();
    let mut writer =
        serde_json::Serializer::with_formatter(&mut out, Escaping(PrettyFormatter::new()));
    value
        .serialize(&mut writer)
        .map_err(|e| Error::write("JSON", &e))?;
    String::from_utf8(out).map_err(|e| Error::write("JSON", &e))
}

/// serde_json's pretty formatter, escaping the characters serde_json leaves as they are.
struct Escaping(PrettyFormatter<'static>);

impl Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if crate::limits::is_hostile(c) {
                writer.write_all(fragment.get(start..at).unwrap_or_default().as_bytes())?;
                let mut units = [0; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = at + c.len_utf8();
            }
        }
        writer.write_all(fragment.get(start..).unwrap_or_default().as_bytes())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_characters_are_escaped_and_read_back() {
        // ESC (serde_json's own escape), C1 CSI, DEL, RLO, an isolate, a noncharacter of
        // plane 1 (a surrogate pair), and Vietnamese left alone.
        let text = "a\u{1b}b\u{9b}c\u{7f}d\u{202e}e\u{2066}f\u{1fffe}g đồng";
        let json = pretty(&[text]).unwrap();
        assert_eq!(
            json,
            "[\n  \"a\\u001bb\\u009bc\\u007fd\\u202ee\\u2066f\\ud83f\\udffeg đồng\"\n]"
        );
        assert!(
            !json
                .chars()
                .any(|c| c != '\n' && crate::limits::is_hostile(c))
        );
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, [text]);
        // Plain text is written as serde_json writes it.
        let plain = serde_json::json!({"a": [1, "b"], "c": {}});
        assert_eq!(
            pretty(&plain).unwrap(),
            serde_json::to_string_pretty(&plain).unwrap()
        );
    }
}
