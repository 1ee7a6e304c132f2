//! Indicator identity and plausible values: pure logic, no I/O.
//!
//! - [`normalize`] turns a wording into its normalised form: simplified characters, half
//!   width, no punctuation or bracketed asides, without qualifiers that do not change
//!   the measure (`年均`, `全年`, `累计`, `全市`…) and with one spelling for synonyms
//!   (`地区生产总值`/`国内生产总值` → `GDP`, `细颗粒物` → `PM2.5`, `万元GDP` → `单位GDP`).
//! - [`Library`] holds the indicator library (names, aliases, units) and scores a wording
//!   against it ([`Library::best`], [`Library::ranked`]): exact name or alias, normalised
//!   form, containment, character overlap, each a [`Reason`] with a score. A candidate
//!   whose unit disagrees in dimension with the value's unit never wins
//!   ([`units_agree`]): a `%` indicator never matches a `万吨` value.
//! - [`plausible`] refuses impossible values (a share above 100 %, a negative count, a
//!   fall of more than the whole) and flags unlikely ones (a change beyond ±100 %).
//!
//! ```
//! use pledge_indicators::{Entry, Library, Query, Reason};
//! let library = Library::new([
//!     Entry::new(1, "空气质量优良天数比例", "%").alias("空气质量优良率"),
//!     Entry::new(2, "PM2.5年均浓度", "微克/立方米"),
//! ]);
//! let m = library.best(&Query::new("細顆粒物濃度").unit("微克/立方米")).unwrap();
//! assert_eq!((m.key, m.reason), (2, Reason::Normalized));
//! assert!(m.is_confident());
//! // A value in 天 does not match a % indicator.
//! assert!(library.best(&Query::new("空气质量优良率").unit("天")).is_none());
//! ```

pub mod library;
pub mod matcher;
pub mod normalize;
pub mod plausible;
pub mod units;

pub use library::{Entry, Library};
pub use matcher::{CONFIDENT, Match, Query, Reason};
pub use normalize::normalize;
pub use plausible::{Implausible, Rule, Severity, Value, check_step, check_value};
pub use units::units_agree;
