//! Exact arithmetic on a ward's counts: [`Counts`], the exact [`Rate`], [`Percent`] and the
//! [`Rounding`] policy.
//!
//! A ward keeps whole numbers: dossiers received and dossiers filed online, results still valid
//! and results digitised, đồng allocated and đồng disbursed. [`Counts`] holds one such pair;
//! a zero denominator means nothing arose in scope (*không phát sinh*), which is never a rate of
//! 0. A [`Rate`] is the fraction itself, compared exactly; a [`Percent`] is a target between 0
//! and 100 with at most four decimals. Rounding happens in one place, by a named
//! [`Rounding`] policy (default: 2 decimals, half away from zero), always from the exact
//! fraction, never from a rounded value.

mod counts;
mod fraction;
mod percent;
mod ratio;
mod rounding;

pub use counts::{Counts, Observed};
pub(crate) use fraction::Fraction;
pub use percent::Percent;
pub use ratio::Rate;
pub use rounding::{Rounding, RoundingMode};
