//! The seven fields (lĩnh vực) of a ward's CCHC plan, numbered I–VII as in the plan's appendix.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Reason, Result};

/// A field of administrative reform, as the plan's appendix heads its sections I–VII.
///
/// Written in files as its Roman numeral (`"II"`).
///
/// The set is closed, so the enum is deliberately **not** `#[non_exhaustive]`: the seven
/// fields are the six reform areas of the Government's master programme (Nghị quyết
/// 76/NQ-CP, 2021–2030) plus direction and management (chỉ đạo, điều hành), the same seven that
/// head the plan's appendix and the CCHC index criteria sets. Exhaustive `match`es let code
/// rely on that; should a new programme ever change the list, a compile error at every such
/// `match` is the behaviour wanted, and that would be a breaking release.
///
/// ```
/// use cchc::plan::Field;
/// let field = Field::from_numeral("VI")?;
/// assert_eq!(field, Field::DigitalGovernment);
/// assert_eq!(field.numeral(), "VI");
/// assert_eq!(Field::Institutions.label_vi(), "Cải cách thể chế");
/// assert!(Field::from_numeral("VIII").is_err());
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// I. Cải cách thể chế — institutional reform.
    Institutions,
    /// II. Cải cách thủ tục hành chính (TTHC) — administrative procedures.
    Procedures,
    /// III. Cải cách tổ chức bộ máy — organisation of the apparatus.
    Organisation,
    /// IV. Cải cách chế độ công vụ — the civil service.
    CivilService,
    /// V. Cải cách tài chính công — public finance.
    PublicFinance,
    /// VI. Xây dựng và phát triển chính quyền điện tử, chính quyền số — digital government.
    DigitalGovernment,
    /// VII. Công tác chỉ đạo, điều hành — direction and management.
    Direction,
}

impl Field {
    /// All seven fields, in the plan's order I–VII.
    pub const ALL: [Self; 7] = [
        Self::Institutions,
        Self::Procedures,
        Self::Organisation,
        Self::CivilService,
        Self::PublicFinance,
        Self::DigitalGovernment,
        Self::Direction,
    ];

    /// The Roman numeral of the field in the plan: `"I"` to `"VII"`.
    #[must_use]
    pub const fn numeral(self) -> &'static str {
        match self {
            Self::Institutions => "I",
            Self::Procedures => "II",
            Self::Organisation => "III",
            Self::CivilService => "IV",
            Self::PublicFinance => "V",
            Self::DigitalGovernment => "VI",
            Self::Direction => "VII",
        }
    }

    /// The official Vietnamese heading, as in the plan's appendix (in sentence case).
    #[must_use]
    pub const fn label_vi(self) -> &'static str {
        match self {
            Self::Institutions => "Cải cách thể chế",
            Self::Procedures => "Cải cách thủ tục hành chính",
            Self::Organisation => "Cải cách tổ chức bộ máy",
            Self::CivilService => "Cải cách chế độ công vụ",
            Self::PublicFinance => "Cải cách tài chính công",
            Self::DigitalGovernment => "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
            Self::Direction => "Công tác chỉ đạo, điều hành",
        }
    }

    /// The heading in English.
    #[must_use]
    pub const fn label_en(self) -> &'static str {
        match self {
            Self::Institutions => "Institutional reform",
            Self::Procedures => "Administrative procedure reform",
            Self::Organisation => "Organisational reform",
            Self::CivilService => "Civil service reform",
            Self::PublicFinance => "Public finance reform",
            Self::DigitalGovernment => "E-government and digital government",
            Self::Direction => "Direction and management",
        }
    }

    /// The field numbered `numeral` (`"I"` to `"VII"`, exactly).
    ///
    /// # Errors
    /// [`ErrorKind::UnknownId`](crate::ErrorKind::UnknownId) (`what` = `field`) for anything else.
    pub fn from_numeral(numeral: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|field| field.numeral() == numeral)
            .ok_or_else(|| {
                Error::from(Reason::UnknownId {
                    what: "field",
                    id: numeral.to_owned(),
                })
            })
    }
}

impl std::fmt::Display for Field {
    /// The numeral: `II`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.numeral())
    }
}

impl std::str::FromStr for Field {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::from_numeral(s)
    }
}

impl Serialize for Field {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.numeral())
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let numeral = String::deserialize(deserializer)?;
        Self::from_numeral(&numeral).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_round_trip_in_order() {
        let numerals: Vec<_> = Field::ALL.iter().map(|f| f.numeral()).collect();
        assert_eq!(numerals, ["I", "II", "III", "IV", "V", "VI", "VII"]);
        for field in Field::ALL {
            assert_eq!(Field::from_numeral(field.numeral()).unwrap(), field);
            assert_eq!(field.to_string().parse::<Field>().unwrap(), field);
        }
        assert!(Field::ALL.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn refuses_other_numerals() {
        for bad in ["", "i", "VIII", "IIII", " II", "2"] {
            let err = Field::from_numeral(bad).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::UnknownId, "{bad}");
        }
        assert_eq!(
            Field::from_numeral("VIII").unwrap_err().to_string(),
            "unknown field id \"VIII\""
        );
    }

    #[test]
    fn serde_as_numeral() {
        assert_eq!(
            serde_json::to_string(&Field::PublicFinance).unwrap(),
            "\"V\""
        );
        assert_eq!(
            serde_json::from_str::<Field>("\"VII\"").unwrap(),
            Field::Direction
        );
        assert!(serde_json::from_str::<Field>("\"X\"").is_err());
    }
}
