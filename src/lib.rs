//! # cchc — the numbers a ward's administrative-reform plan is judged by
//!
//! A Vietnamese ward (phường) or commune keeps raw counts and dates: dossiers received and
//! filed online, results digitised, meetings held, reports sent. Its administrative-reform plan
//! (kế hoạch cải cách hành chính, CCHC) sets targets on them, and a criteria set (bộ tiêu chí)
//! turns them into points. `cchc` computes, exactly and with every point explained in
//! Vietnamese and English: the rate of each quantified target, whether it is met, how many
//! records short it is, and the ward's CCHC index score (Chỉ số CCHC).
//!
//! ## The way in
//!
//! ```
//! use cchc::{CriteriaSet, Observations, Scorecard, Status};
//! use rust_decimal_macros::dec;
//!
//! let set = CriteriaSet::reference(); // or CriteriaSet::from_toml(your_province_file)?
//! let ward = Observations::builder("Phường Sông Cầu", 2023)
//!     .counts("II.4", 90, 300)   // 90 of 300 still-valid results digitised (target 35%)
//!     .counts("II.7", 699, 1400) // 49.93% of land dossiers paid online (target 50%)
//!     .held("VII.29", [chrono::NaiveDate::from_ymd_opt(2023, 6, 30).unwrap()])
//!     .build(&set)?;               // or Observations::from_toml(file_text, &set)?
//! let card = Scorecard::score(&set, &ward)?;
//!
//! let ii4 = card.criterion("II.4").unwrap();
//! assert_eq!(ii4.points, dec!(4.29)); // 5 × 30/35
//! assert_eq!(ii4.explanation.vi(), "90/300 kết quả được số hóa = 30,00% < 35%; điểm = 5 × 30,00/35 = 4,29");
//! assert_eq!(ii4.records_to_convert.and_then(|r| r.needed()), Some(15)); // digitise 15 more
//! assert_eq!(ii4.records_to_add.and_then(|r| r.needed()), Some(24));     // or 24 new, all digitised
//!
//! let ii7 = card.criterion("II.7").unwrap();
//! assert_eq!(ii7.points, dec!(3.00));          // 3 × 49.93/50 = 2.9957… rounds to 3.00,
//! assert_eq!(ii7.status, Status::Partial);     // yet the exact points fall short
//!
//! assert_eq!(card.summary.total_points, dec!(8.79)); // 4.29 + 3.00 + 1.50; the rest missing
//! assert_eq!(card.summary.band.as_ref().map(|b| b.vi()), Some("Yếu"));
//! # Ok::<(), cchc::Error>(())
//! ```
//!
//! [`Scorecard::score_at`] takes the same scorecard part-way through the year: what is still
//! open is pending, not missed. [`report::render`] writes the official table (terminal,
//! Markdown), CSV or JSON; [`report::write`] also an Excel workbook with live formulas and a
//! one-page picture (SVG). A ward that keeps its counts in Excel fills a template
//! ([`observations::xlsx`]) read back by [`Observations::from_xlsx`].
//!
//! ## The layout
//!
//! Data flows one way; each step is a public module:
//!
//! ```text
//! rate ──► rule ──► plan, criteria ──► observations ──► score ──► report
//! (counts,  (targets and scoring   (the plan and      (what a      (scorecard,  (table, markdown,
//!  rates,    rules: one model,      the criteria       ward         summary,     csv, json)
//!  rounding) one outcome per shape) set as data)       reports)     giải trình)
//!                                     time, whatif, rollup: on top, through the scoring API
//! ```
//!
//! - [`rate`]: [`Counts`], the exact [`rate::Rate`], [`Percent`], the [`Rounding`] policy.
//! - [`rule`]: targets ([`rule::Target`]) and scoring rules ([`rule::ScoringRule`]) built from
//!   the same validated shapes — rate, count, deadline, window, frequency, done — judged by
//!   the same code, at the end of the year or at a date; [`Status`], [`Evidence`].
//! - [`plan`]: a ward's [`Plan`], row by row; the 2023 plan of phường Sông Cầu built in.
//! - [`criteria`]: a [`CriteriaSet`]: fields → criteria → sub-criteria, rating bands; read from
//!   TOML or JSON, or built in code; the reference set built in.
//! - [`observations`]: what a ward reports ([`Observations`]), from a file or a builder.
//! - [`score`]: the [`Scorecard`], its lines, its [`Summary`], the explanations.
//! - [`time`]: periods, monthly series, progress and projections.
//! - [`whatif`]: scenarios, scorecard diffs, least-effort plans.
//! - [`rollup`]: many wards ranked, city figures as ratios of summed counts.
//! - [`report`]: the self-assessment table and other formats.
//! - [`limits`]: every limit on input, in one place.
//! - [`schema`]: the JSON Schemas of every file the crate reads and writes.
//! - [`text`]: [`Text`] in two languages, [`Lang`], Vietnamese number style.
//!
//! ## Exactness
//!
//! Rates are fractions of whole numbers; every comparison with a target is an exact integer
//! comparison. Points are exact fractions, judged met, partial or not met on the exact value,
//! then rounded by one named [`Rounding`] policy (default: 2 decimals, half away from zero).
//! Decimals are [`rust_decimal::Decimal`], read from their written digits (never through a
//! float) and written as strings.
//!
//! ## Errors
//!
//! Bad input never panics: every fallible function returns an [`Error`]. Match on
//! [`Error::kind`] ([`ErrorKind`]); [`Error::item`], [`Error::key`] and [`Error::value`] name
//! the criterion, the key and the value refused; syntax errors carry a line and a column.
//!
//! ## Limits
//!
//! Input beyond a documented limit is refused with [`ErrorKind::Limit`], never truncated: a
//! text of at most 10 MiB for any file, texts of at most 4,096 bytes, at most 1,000 dates per
//! criterion, 10,000 criteria per set, 10,000 changes per scenario, … — every limit, with its
//! constant, is listed in [`limits`]. Error messages are at most 2,048 characters, repeat a
//! value in at most 60, and escape control characters, so that they are safe to print.
//!
//! ## Features
//!
//! `toml` and `json` (on by default) read and write the files; the built-in plan and criteria
//! set need `toml`. `xlsx` (on by default) writes the workbook and the template and reads the
//! template back; `svg` (on by default) draws the picture. With `default-features = false` the
//! crate is the computational core alone.
//! `testing` adds [proptest](https://docs.rs/proptest) strategies for your own tests.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
// Without the `toml`, `json`, `xlsx` and `svg` features the written forms (specs, readers,
// writers, their errors) have no caller: they stay compiled, so that a reader never goes
// stale, but are not warned about.
#![cfg_attr(
    not(all(feature = "toml", feature = "json", feature = "xlsx", feature = "svg")),
    allow(dead_code, unused_imports)
)]

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

mod dates;
mod decimal;
mod error;
mod id;
#[cfg(feature = "json")]
mod json;
#[cfg(feature = "xlsx")]
mod spreadsheet;
mod whole;

pub mod criteria;
pub mod limits;
pub mod observations;
pub mod plan;
pub mod rate;
pub mod report;
pub mod rollup;
pub mod rule;
pub mod schema;
pub mod score;
pub mod text;
pub mod time;
pub mod whatif;

#[cfg(feature = "testing")]
pub mod testing;

pub use criteria::CriteriaSet;
pub use error::{Error, ErrorKind, Result};
pub use id::Id;
pub use observations::Observations;
pub use plan::Plan;
pub use rate::{Counts, Observed, Percent, Rounding};
pub use rule::{Evidence, Status};
pub use score::{Scorecard, Summary};
pub use text::{Lang, Text};
