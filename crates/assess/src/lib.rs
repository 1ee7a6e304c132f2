//! Progress, pace, forecast, status and light for a target and its observations.
//!
//! The engine follows `spec/assess-io.md` (the ordered status rules and the batch
//! protocol) with the metrics of `spec/progress-methods.md` §6: completion, time elapsed,
//! progress index, required and actual annual rates (linear and compound), the pace
//! needed from now, four forecasts with the year the target would be met, threshold
//! profiles, lights and a bilingual explanation. It never invents data: a value that
//! cannot be derived from the observations stays `None`, and compound growth through a
//! value ≤ 0 is NOT_ASSESSABLE rather than patched with 0.001.
//!
//! ```
//! use pledge_assess::{assess, Options, Status, TargetInput};
//! use pledge_model::{Bound, Measure, Observation, Target};
//!
//! let target = Target {
//!     measure: Measure::Level, direction: None, bound: Bound::Ge, value: 80000.0,
//!     value_max: None, unit: "个".into(), year: 2025, baseline_year: None, aspiration: false,
//! };
//! let observations = [Observation::level(2020, 20000.0, "个"), Observation::level(2023, 5.5, "万个")];
//! let a = assess(&TargetInput { target, desirable: None }, &observations, &Options::default()).unwrap();
//! assert_eq!(a.status, Status::OnTrack);
//! ```
//!
//! The `methods` modules reproduce the published methods the engine is checked against
//! (sdg-build, UNDP, EUSTAT, the NDRC barometers and Chinese scoring rules, the German
//! DNS weather symbols).

pub mod assessment;
pub mod batch;
pub mod date;
mod engine;
pub mod error;
mod explain;
pub mod forecast;
pub mod goal;
pub mod methods;
pub mod metrics;
pub mod options;
pub mod ranking;
mod round;
pub mod series;
pub mod status;

pub use assessment::{Assessment, CompoundRates, Explanation};
pub use date::Date;
pub use error::AssessError;
pub use forecast::{Forecast, Method};
pub use options::{Growth, Options, Profile, Thresholds};
pub use series::{PartYear, Point};
pub use status::{GAPS, Gap, Light, NdrcLevel, Status};

use pledge_model::{Desirability, Observation, Target};

/// A target with what is known about its indicator: the input of [`assess`].
#[derive(Debug, Clone, PartialEq)]
pub struct TargetInput {
    /// The target.
    pub target: Target,
    /// Whether higher or lower values of the indicator are better; `None` lets the
    /// target's wording decide (`assess-io.md`).
    pub desirable: Option<Desirability>,
}

/// Assesses one target against its observations.
///
/// With [`Options::as_of`], observations of periods that end after that day are left
/// out (they could not be known then), and the date decides OVERDUE and `stale`.
///
/// Errors are inputs the engine refuses rather than guess about (an observation whose
/// unit does not convert, a baseline year after the target year); a verdict it cannot
/// reach from valid inputs is a status (INSUFFICIENT_DATA, NOT_ASSESSABLE) instead.
pub fn assess(input: &TargetInput, observations: &[Observation], options: &Options) -> Result<Assessment, AssessError> {
    let goal = goal::Goal::new(&input.target, input.desirable, options.tolerance)?;
    let series = series::build_as_of(&goal, observations, options.as_of)?;
    Ok(engine::evaluate(&goal, &series, options))
}
