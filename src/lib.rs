//! temp
#![forbid(unsafe_code)]
#![deny(missing_docs)]

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

mod dates;
mod decimal;
mod error;
mod id;

pub mod criteria;
pub mod observations;
pub mod plan;
pub mod report;
pub mod rate;
pub mod rule;
pub mod score;
pub mod text;
pub mod time;
pub mod rollup;
pub mod whatif;

#[cfg(feature = "testing")]
pub mod testing;

#[cfg(test)]
mod schema {
    //! temp
    /// temp
    #[derive(schemars::JsonSchema)]
    pub(crate) struct DecimalText(String);
    /// temp
    #[derive(schemars::JsonSchema)]
    pub(crate) struct DateText(String);
    /// temp
    #[derive(schemars::JsonSchema)]
    pub(crate) struct AnyObject(std::collections::BTreeMap<String, String>);
}

pub use criteria::CriteriaSet;
pub use error::{Error, ErrorKind, Result};
pub use id::Id;
pub use observations::Observations;
pub use plan::Plan;
pub use rate::{Counts, Observed, Percent, Rounding};
pub use rule::{Evidence, Status};
pub use score::{Scorecard, Summary};
pub use text::{Lang, Text};
