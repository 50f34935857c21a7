//! Ids of criteria, fields, plan items and category options.

use std::borrow::Borrow;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Reason, Result};

/// The id of a criterion, a field, a plan item or a category option: `II.4`, `VII.29`, `3.5b`,
/// `chairman`.
///
/// An id is 1 to [`Id::MAX_LEN`] ASCII letters, digits, `.`, `-` or `_`; anything else is
/// refused when the id is made, also when it is read from a file. Ids compare as written
/// (`II.4` ≠ `ii.4`). Cloning one is cheap.
///
/// ```
/// use cchc::Id;
/// let id: Id = "II.4".parse()?;
/// assert_eq!(id, "II.4");
/// assert!(Id::new("").is_err());
/// assert!(Id::new("II 4").is_err());
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(Arc<str>);

/// A map by id with a fast hasher seeded at random for each map: look-ups by id in constant
/// time, and ids chosen to collide (a hostile file knowing a fixed seed) cannot make them
/// linear. Its order of iteration varies, so nothing the crate shows iterates it unsorted.
pub(crate) type IdMap<V> = std::collections::HashMap<Id, V, foldhash::fast::RandomState>;

impl Id {
    /// The longest id allowed.
    pub const MAX_LEN: usize = 64;

    /// An id.
    ///
    /// # Errors
    /// An error of kind [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for an
    /// empty or too long id, or one with a character other than ASCII letters, digits, `.`,
    /// `-` and `_`.
    pub fn new(id: &str) -> Result<Self> {
        let valid = !id.is_empty()
            && id.len() <= Self::MAX_LEN
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
        if valid {
            Ok(Self(Arc::from(id)))
        } else {
            Err(Error::from(Reason::InvalidId {
                id: shorten(id),
                limit: Self::MAX_LEN,
            }))
        }
    }

    /// The id as written.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// At most the first 80 characters of a refused id, so that a huge one is not echoed whole.
fn shorten(id: &str) -> String {
    const SHOWN: usize = 80;
    match id.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", &id[..cut]),
        None => id.to_owned(),
    }
}

impl FromStr for Id {
    type Err = Error;
    fn from_str(id: &str) -> Result<Self> {
        Self::new(id)
    }
}

impl TryFrom<&str> for Id {
    type Error = Error;
    fn try_from(id: &str) -> Result<Self> {
        Self::new(id)
    }
}

impl TryFrom<String> for Id {
    type Error = Error;
    fn try_from(id: String) -> Result<Self> {
        Self::new(&id)
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl fmt::Display for Id {
    /// The id as written; width and alignment apply (`{:<8}`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        Self::new(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
impl schemars::JsonSchema for Id {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[A-Za-z0-9._-]{1,64}$",
            "description": "An id: 1 to 64 ASCII letters, digits, '.', '-' or '_'."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn what_an_id_may_hold() {
        for ok in ["II.4", "VII.26a", "3.5b", "4.5a", "1", "chairman", "a_b-c"] {
            assert_eq!(Id::new(ok).unwrap().as_str(), ok);
        }
        for bad in ["", " II.4", "II.4\n", "II/4", "Đ.1", "II.4\u{1b}[2J"] {
            let err = Id::new(bad).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidValue, "{bad:?}");
        }
        let long = "x".repeat(Id::MAX_LEN + 1);
        assert!(Id::new(&long).is_err());
        assert!(Id::new(&long[1..]).is_ok());
    }

    #[test]
    fn a_huge_id_is_not_echoed_whole() {
        let huge = "é".repeat(10_000);
        let message = Id::new(&huge).unwrap_err().to_string();
        assert!(message.len() < 400, "{}", message.len());
    }

    #[test]
    fn display_pads() {
        assert_eq!(format!("[{:<6}]", Id::new("II.4").unwrap()), "[II.4  ]");
    }

    #[test]
    fn serde_validates() {
        let id: Id = serde_json::from_str("\"II.4\"").unwrap();
        assert_eq!(id, "II.4");
        assert!(serde_json::from_str::<Id>("\"II 4\"").is_err());
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"II.4\"");
    }
}
