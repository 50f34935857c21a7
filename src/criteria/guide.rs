//! # Writing your province's criteria set
//!
//! A province scores its communes with its own table (bộ tiêu chí): some points the commune
//! assesses itself and the district appraises, some from a sociological survey of citizens
//! and officials (điều tra xã hội học), sometimes bonus and penalty points. This guide writes
//! a small set of that shape, step by step, as a TOML file that
//! [`CriteriaSet::from_toml`](crate::CriteriaSet::from_toml) reads — or that the main example
//! checks: `cargo run --example self_assessment -- --check-criteria my_province.toml`.
//!
//! ## 1. The set and its bands
//!
//! ```toml
//! name = "Bộ chỉ số CCHC cấp xã tỉnh X (thử)"
//! year = 2024                      # observations must be for 2024
//! not_applicable = "full_points"   # what không phát sinh scores, unless a criterion says
//!
//! [[bands]]                        # optional; from 0 to 100 without gaps or overlaps
//! label_vi = "Tốt"
//! label_en = "Good"
//! from = "80"
//! to = "100"
//!
//! [[bands]]
//! label_vi = "Chưa tốt"
//! label_en = "Not yet good"
//! from = "0"
//! to = "80"
//! ```
//!
//! ## 2. The self-assessed part
//!
//! Fields group criteria; each criterion has a maximum and a rule (or sub-criteria whose
//! maxima add up to its own). Decimals are strings.
//!
//! ```toml
//! [[fields]]
//! id = "A"
//! label_vi = "Tự đánh giá"
//! label_en = "Self-assessed"
//!
//! [[fields.criteria]]
//! id = "A.1"
//! label_vi = "Tỷ lệ hồ sơ giải quyết đúng hạn"
//! label_en = "Dossiers settled on time"
//! max_points = "40"
//! measure_vi = "hồ sơ đúng hạn"
//! measure_en = "dossiers on time"
//! denominator_vi = "hồ sơ đã giải quyết"
//! denominator_en = "dossiers settled"
//! rule = { kind = "rate" }           # Điểm = Tỷ lệ × Điểm tối đa
//!
//! [[fields.criteria]]
//! id = "A.2"
//! label_vi = "Họp giao ban CCHC"
//! label_en = "CCHC meetings"
//! max_points = "30"
//! source = "Kế hoạch CCHC năm 2024 của tỉnh"
//! assumption_vi = "4 cuộc/năm"     # shown with the method in every scorecard
//! assumption_en = "4 a year"
//! rule = { kind = "count_steps", steps = [
//!     { at_least = 4, points = "30" }, { at_least = 2, points = "15" }, { at_least = 1, points = "5" },
//! ] }
//! ```
//!
//! ## 3. The survey part
//!
//! `survey = true` marks a field whose points come from the survey: in a year without a
//! survey (`survey = false` in the observations), it is left out and the index is the other
//! points over the rest of the maximum.
//!
//! ```toml
//! [[fields]]
//! id = "B"
//! label_vi = "Điều tra xã hội học"
//! label_en = "Sociological survey"
//! survey = true
//!
//! [[fields.criteria]]
//! id = "B.1"
//! label_vi = "Mức độ hài lòng"
//! label_en = "Satisfaction"
//! max_points = "30"
//! rule = { kind = "rate" }          # satisfied answers ÷ valid answers
//! ```
//!
//! ## 4. Bonus and penalty points
//!
//! Kept apart from the criteria's points, capped, and the total stays within 0 and the
//! maximum.
//!
//! ```toml
//! [bonus]
//! label_vi = "Điểm thưởng"
//! label_en = "Bonus points"
//! max_points = "2"
//!
//! [penalty]
//! label_vi = "Điểm trừ"
//! label_en = "Penalty points"
//! max_points = "5"
//! ```
//!
//! ## 5. Reading it, and what it gives
//!
//! ```
//! use cchc::{CriteriaSet, Observations, Scorecard};
//! use rust_decimal_macros::dec;
//!
//! let set = CriteriaSet::from_toml(r#"
//! name = "Bộ chỉ số CCHC cấp xã tỉnh X (thử)"
//! year = 2024
//! [[bands]]
//! label_vi = "Tốt"
//! label_en = "Good"
//! from = "80"
//! to = "100"
//! [[bands]]
//! label_vi = "Chưa tốt"
//! label_en = "Not yet good"
//! from = "0"
//! to = "80"
//! [bonus]
//! label_vi = "Điểm thưởng"
//! label_en = "Bonus points"
//! max_points = "2"
//! [[fields]]
//! id = "A"
//! label_vi = "Tự đánh giá"
//! label_en = "Self-assessed"
//! [[fields.criteria]]
//! id = "A.1"
//! label_vi = "Tỷ lệ hồ sơ giải quyết đúng hạn"
//! label_en = "Dossiers settled on time"
//! max_points = "40"
//! rule = { kind = "rate" }
//! [[fields.criteria]]
//! id = "A.2"
//! label_vi = "Họp giao ban CCHC"
//! label_en = "CCHC meetings"
//! max_points = "30"
//! rule = { kind = "count_steps", steps = [{ at_least = 4, points = "30" }, { at_least = 2, points = "15" }] }
//! [[fields]]
//! id = "B"
//! label_vi = "Điều tra xã hội học"
//! label_en = "Sociological survey"
//! survey = true
//! [[fields.criteria]]
//! id = "B.1"
//! label_vi = "Mức độ hài lòng"
//! label_en = "Satisfaction"
//! max_points = "30"
//! rule = { kind = "rate" }
//! "#)?;
//! assert_eq!(set.max_points(), dec!(100));
//!
//! // With the survey: 40 × 180/200 = 36, 2 meetings = 15, 30 × 85/100 = 25.5; plus 1 bonus
//! // point: 77.5 of 100, "Chưa tốt".
//! let with_survey = Observations::builder("Xã A", 2024)
//!     .counts("A.1", 180, 200)
//!     .count("A.2", 2)
//!     .counts("B.1", 85, 100)
//!     .bonus(dec!(1), "Mô hình hay được tỉnh công nhận")
//!     .build(&set)?;
//! let card = Scorecard::score(&set, &with_survey)?;
//! assert_eq!(card.summary.total_points, dec!(77.50));
//! assert_eq!(card.summary.band.as_ref().map(|b| b.vi()), Some("Chưa tốt"));
//!
//! // Without a survey: 36 + 15 + 1 = 52 of 70, the index 52 ÷ 70 × 100 = 74.29.
//! let no_survey = Observations::builder("Xã A", 2024)
//!     .counts("A.1", 180, 200)
//!     .count("A.2", 2)
//!     .survey(false)
//!     .bonus(dec!(1), "Mô hình hay được tỉnh công nhận")
//!     .build(&set)?;
//! let card = Scorecard::score(&set, &no_survey)?;
//! assert_eq!((card.summary.total_points, card.summary.max_points), (dec!(52.00), dec!(70)));
//! assert_eq!(card.summary.index, Some(dec!(74.29)));
//! assert!(card.notes[0].en().starts_with("No sociological survey this year"));
//! # Ok::<(), cchc::Error>(())
//! ```
//!
//! ## 6. When something is wrong
//!
//! Reading a set reports every problem at once, each named by its criterion and key
//! ([`Error::problems`](crate::Error::problems)): a step worth more than the maximum, steps out
//! of order, sub-criteria that do not add up, a share above 1, a target of 0%, ids given twice,
//! bands that overlap or leave a gap, a decimal written as a float, a date that does not exist.
//!
//! ```
//! use cchc::{CriteriaSet, ErrorKind};
//! let err = CriteriaSet::from_toml(r#"
//! name = "Sai"
//! [[fields]]
//! id = "A"
//! label_vi = "A"
//! label_en = "A"
//! [[fields.criteria]]
//! id = "A.1"
//! label_vi = "a"
//! label_en = "a"
//! max_points = "3"
//! rule = { kind = "count_steps", steps = [{ at_least = 4, points = "4" }, { at_least = 5, points = "1" }] }
//! [[fields.criteria]]
//! id = "A.2"
//! label_vi = "b"
//! label_en = "b"
//! max_points = 2.5
//! rule = { kind = "done" }
//! "#).unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::InvalidSet);
//! let problems: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
//! assert!(problems.iter().any(|p| p.starts_with("A.1: steps are not ordered")), "{problems:?}");
//! assert!(problems.iter().any(|p| p == "A.1: step of 4 points is above the maximum of 3"), "{problems:?}");
//! assert!(problems.iter().any(|p| p.starts_with("A.2: key `max_points` has value 2.5")), "{problems:?}");
//! ```
