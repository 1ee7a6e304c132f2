//! The result of assessing one target: the fields of an output line of `assess-io.md`.

use pledge_model::{Desirability, Measure};
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::date::Date;
use crate::forecast::Forecast;
use crate::options::{Growth, Profile};
use crate::round;
use crate::series::{PartYear, Point};
use crate::status::{Gap, Light, NdrcLevel, Status};

/// A verdict with every number behind it.
///
/// Values (`base`, `latest`, `target_value`, rates, forecasts) are on the target's scale:
/// the target's unit, or for a `change` target in `%` an index with the baseline year at 1
/// (then `cumulative_change_pct` is set), or for an increment or an absolute change the
/// amount since the baseline year (then `cumulative_change` is set). Fields that cannot
/// be computed from the data are `None` (JSON `null`), never invented.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The verdict.
    pub status: Status,
    /// The light under the profile (three colours for `ndrc`).
    pub light: Light,
    /// The NDRC barometer level of the status.
    pub ndrc_level: Option<NdrcLevel>,
    /// The threshold profile used.
    pub profile: Profile,
    /// The growth model used for the status ratio.
    pub growth: Growth,
    /// The scale of the values: `level`, `index` or `cumulative`.
    pub scale: &'static str,
    /// The unit of the values (`index` on the index scale).
    pub unit: String,
    /// Which way is better, as given or implied; `None` for a two-sided `=`/`~` target.
    pub desirable: Option<Desirability>,
    /// Aspirational target (`力争`).
    pub aspiration: bool,
    /// Base year and value.
    pub base: Option<Point>,
    /// The value the verdict rests on: at the target year once it has come, else the latest.
    pub latest: Option<Point>,
    /// The target year T.
    pub target_year: i32,
    /// The target value v_T on the scale.
    pub target_value: f64,
    /// The lowest value that meets the bound, if bounded below.
    pub met_from: Option<f64>,
    /// The highest value that meets the bound, if bounded above.
    pub met_to: Option<f64>,
    /// For a `%` change target: the cumulative change of the latest value since the
    /// baseline year, in percent (`-7` for a 7% fall).
    pub cumulative_change_pct: Option<f64>,
    /// For an increment or absolute change target: the amount since the baseline year.
    pub cumulative_change: Option<f64>,
    /// Completion C (完成率).
    pub completion: Option<f64>,
    /// Time elapsed E (时间进度).
    pub time_elapsed: Option<f64>,
    /// Progress index PI = C/E.
    pub progress_index: Option<f64>,
    /// Required linear change per year from the base, (v_T − v_b)/(T − b).
    pub required_annual: Option<f64>,
    /// Actual linear change per year since the base, (v_t − v_b)/(t − b).
    pub actual_annual: Option<f64>,
    /// Linear change per year needed from the latest value, (v_T − v_t)/(T − t).
    pub required_from_now: Option<f64>,
    /// Compound rates, when all values are positive.
    pub compound: Option<CompoundRates>,
    /// The ratio the status was read from (PI, or R under compound growth).
    pub ratio: Option<f64>,
    /// The forecast of the chosen growth model.
    pub forecast: Option<Forecast>,
    /// The forecasts of every method that could be applied.
    pub forecasts: Vec<Forecast>,
    /// Part-year observations, reported but never compared with the whole-year target.
    pub part_year: Vec<PartYear>,
    /// Observations that could not be used, and why.
    pub notes: Vec<String>,
    /// The day the assessment was made as of, when one was given.
    pub as_of: Option<Date>,
    /// The verdict rests on a figure older than the profile's staleness limit relative
    /// to `as_of` (never green then).
    pub stale: bool,
    /// The share of the period from the base to the target year gone by `as_of`
    /// (时间进度 as of the day), between 0 and 1; `time_elapsed` is at the latest figure.
    pub time_elapsed_as_of: Option<f64>,
    /// Whether the base value was reported (a level for the base year) rather than the
    /// origin of an index or cumulative scale (1 or 0 by definition).
    pub base_observed: bool,
    /// The base already met the bound: completion and the required pace are not computed.
    pub base_met: bool,
    /// Observations left out because their period ends after `as_of`.
    pub after_as_of: usize,
    /// Why there is no verdict on progress, for INSUFFICIENT_DATA and OVERDUE.
    pub gap: Option<Gap>,
    /// The verdict in words, naming the numbers used.
    pub explanation: Explanation,
}

/// Compound annual rates (fractions per year: −0.0315 is −3.15%/year).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CompoundRates {
    /// g_req = (v_T/v_b)^(1/(T−b)) − 1.
    pub required_annual_rate: Option<f64>,
    /// g_act = (v_t/v_b)^(1/(t−b)) − 1.
    pub actual_annual_rate: Option<f64>,
    /// R = d·g_act/|g_req|.
    pub ratio: Option<f64>,
    /// (v_T/v_t)^(1/(T−t)) − 1.
    pub required_from_now_rate: Option<f64>,
}

/// An explanation in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// 中文说明.
    pub zh: String,
    /// English explanation.
    pub en: String,
}

/// Serializes a float field rounded as a value.
struct V(f64);
/// Serializes an optional float field rounded as a value.
struct VO(Option<f64>);
/// Serializes an optional ratio rounded to 4 decimals.
struct RO(Option<f64>);
/// Serializes an optional growth rate rounded to 6 decimals.
struct GO(Option<f64>);

impl Serialize for V {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        round::ser_value(&self.0, s)
    }
}
impl Serialize for VO {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        round::ser_value_opt(&self.0, s)
    }
}
impl Serialize for RO {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        round::ser_ratio_opt(&self.0, s)
    }
}
impl Serialize for GO {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        round::ser_rate_opt(&self.0, s)
    }
}

impl Serialize for Point {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Point", 2)?;
        st.serialize_field("year", &self.year)?;
        st.serialize_field("value", &V(self.value))?;
        st.end()
    }
}

impl Serialize for Forecast {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Forecast", 6)?;
        st.serialize_field("method", self.method.as_str())?;
        st.serialize_field("year", &self.year)?;
        st.serialize_field("value", &V(self.value))?;
        st.serialize_field("meets_target", &self.meets_target)?;
        st.serialize_field("met_in_year", &self.met_in_year)?;
        st.serialize_field("expected_completion", &RO(self.expected_completion))?;
        st.end()
    }
}

impl Serialize for PartYear {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("PartYear", 8)?;
        st.serialize_field("year", &self.year)?;
        st.serialize_field("period", &self.period)?;
        st.serialize_field("value", &self.value)?;
        st.serialize_field("unit", &self.unit)?;
        st.serialize_field(
            "measure",
            match self.measure {
                Measure::Level => "level",
                Measure::Change => "change",
                Measure::Increment => "increment",
            },
        )?;
        st.serialize_field("baseline_year", &self.baseline_year)?;
        if let (Some(expected), Some(on_pace)) = (self.expected, self.on_pace) {
            st.serialize_field("expected", &V(expected))?;
            st.serialize_field("on_pace", &on_pace)?;
        } else {
            st.skip_field("expected")?;
            st.skip_field("on_pace")?;
        }
        st.end()
    }
}

impl Serialize for CompoundRates {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("CompoundRates", 4)?;
        st.serialize_field("required_annual_rate", &GO(self.required_annual_rate))?;
        st.serialize_field("actual_annual_rate", &GO(self.actual_annual_rate))?;
        st.serialize_field("ratio", &RO(self.ratio))?;
        st.serialize_field("required_from_now_rate", &GO(self.required_from_now_rate))?;
        st.end()
    }
}

impl Assessment {
    /// Writes the fields into an open map, so a caller can put its own (`id`) first.
    pub fn serialize_fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        m.serialize_entry("status", &self.status)?;
        m.serialize_entry("light", &self.light)?;
        m.serialize_entry("ndrc_level", &self.ndrc_level)?;
        m.serialize_entry("profile", self.profile.as_str())?;
        m.serialize_entry("growth", self.growth.as_str())?;
        m.serialize_entry("scale", self.scale)?;
        m.serialize_entry("unit", &self.unit)?;
        m.serialize_entry("desirable", &self.desirable)?;
        if self.aspiration {
            m.serialize_entry("aspiration", &true)?;
        }
        if let Some(day) = self.as_of {
            m.serialize_entry("as_of", &day)?;
            m.serialize_entry("stale", &self.stale)?;
        }
        if let Some(gap) = self.gap {
            m.serialize_entry("gap", &gap)?;
        }
        m.serialize_entry("base", &self.base)?;
        if self.base.is_some() {
            m.serialize_entry("base_observed", &self.base_observed)?;
        }
        if self.base_met {
            m.serialize_entry("base_met", &true)?;
        }
        m.serialize_entry("latest", &self.latest)?;
        m.serialize_entry("target_year", &self.target_year)?;
        m.serialize_entry("target_value", &V(self.target_value))?;
        m.serialize_entry("met_from", &VO(self.met_from))?;
        m.serialize_entry("met_to", &VO(self.met_to))?;
        if self.scale == "index" {
            m.serialize_entry("cumulative_change_pct", &VO(self.cumulative_change_pct))?;
        }
        if self.scale == "cumulative" {
            m.serialize_entry("cumulative_change", &VO(self.cumulative_change))?;
        }
        m.serialize_entry("completion", &RO(self.completion))?;
        m.serialize_entry("time_elapsed", &RO(self.time_elapsed))?;
        if self.as_of.is_some() {
            m.serialize_entry("time_elapsed_as_of", &RO(self.time_elapsed_as_of))?;
            m.serialize_entry("after_as_of", &self.after_as_of)?;
        }
        m.serialize_entry("progress_index", &RO(self.progress_index))?;
        m.serialize_entry("required_annual", &VO(self.required_annual))?;
        m.serialize_entry("actual_annual", &VO(self.actual_annual))?;
        m.serialize_entry("required_from_now", &VO(self.required_from_now))?;
        m.serialize_entry("compound", &self.compound)?;
        m.serialize_entry("ratio", &RO(self.ratio))?;
        m.serialize_entry("forecast", &self.forecast)?;
        m.serialize_entry("forecasts", &self.forecasts)?;
        if !self.part_year.is_empty() {
            m.serialize_entry("part_year", &self.part_year)?;
        }
        if !self.notes.is_empty() {
            m.serialize_entry("notes", &self.notes)?;
        }
        m.serialize_entry("explanation", &self.explanation)?;
        Ok(())
    }
}

impl Serialize for Assessment {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        self.serialize_fields(&mut m)?;
        m.end()
    }
}
