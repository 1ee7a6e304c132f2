//! Options of an assessment: threshold profile, growth model, `~` tolerance and the date
//! it is made as of.

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// A named set of thresholds on the progress ratio and a way of showing lights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// Statistics Canada / Eurostat cut-points 0.95 / 0.60 / 0 and four-colour lights (default).
    #[default]
    #[serde(rename = "statcan_eurostat")]
    StatcanEurostat,
    /// UNSD 2020–2022 progress chart cut-points 0.95 / 0.50 / −0.10.
    #[serde(rename = "unsd2022")]
    Unsd2022,
    /// China's 序时进度 test (the progress requirement must be met in full: 1.0 / 0.60 / 0),
    /// shown as the three NDRC barometer levels (三级 green, 二级 yellow, 一级 red).
    #[serde(rename = "ndrc")]
    Ndrc,
}

/// The lower bounds of the ratio for ON_TRACK, NEEDS_ACCELERATION and LAGGING; below the
/// last one a target is DETERIORATING.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Smallest ratio that is ON_TRACK.
    pub on_track: f64,
    /// Smallest ratio that NEEDS_ACCELERATION.
    pub needs_acceleration: f64,
    /// Smallest ratio that is LAGGING (not yet deteriorating).
    pub lagging: f64,
}

impl Profile {
    /// The profile's thresholds on the progress index (or compound ratio).
    pub fn thresholds(self) -> Thresholds {
        match self {
            Profile::StatcanEurostat => Thresholds {
                on_track: 0.95,
                needs_acceleration: 0.60,
                lagging: 0.0,
            },
            Profile::Unsd2022 => Thresholds {
                on_track: 0.95,
                needs_acceleration: 0.50,
                lagging: -0.10,
            },
            Profile::Ndrc => Thresholds {
                on_track: 1.0,
                needs_acceleration: 0.60,
                lagging: 0.0,
            },
        }
    }

    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::StatcanEurostat => "statcan_eurostat",
            Profile::Unsd2022 => "unsd2022",
            Profile::Ndrc => "ndrc",
        }
    }

    /// Years after the end of a target year by which its figure is normally published
    /// (statistical communiqués come out in the first months of the next year): a target
    /// still unreported after that is OVERDUE (逾期未报) when assessed as of a date.
    pub fn publication_lag_years(self) -> i32 {
        match self {
            Profile::StatcanEurostat | Profile::Unsd2022 | Profile::Ndrc => 1,
        }
    }

    /// Years after the end of the period of the latest figure beyond which a verdict read
    /// from it is stale (never green) when assessed as of a date.
    pub fn staleness_limit_years(self) -> i32 {
        match self {
            Profile::StatcanEurostat | Profile::Unsd2022 | Profile::Ndrc => 2,
        }
    }

    /// Parses a profile name as used in JSON.
    pub fn from_name(name: &str) -> Option<Profile> {
        match name {
            "statcan_eurostat" => Some(Profile::StatcanEurostat),
            "unsd2022" => Some(Profile::Unsd2022),
            "ndrc" => Some(Profile::Ndrc),
            _ => None,
        }
    }
}

/// How pace is measured: linear (absolute change per year, the 序时进度 default) or
/// compound (growth rate per year, the sdg-build / Eurostat ratio).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Growth {
    /// Progress index PI = completion ÷ time elapsed (default; copes with zeros).
    #[default]
    Linear,
    /// Ratio R = d·g_act/|g_req| of compound annual rates; NOT_ASSESSABLE at values ≤ 0.
    Compound,
}

impl Growth {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Growth::Linear => "linear",
            Growth::Compound => "compound",
        }
    }

    /// Parses a growth model name as used in JSON.
    pub fn from_name(name: &str) -> Option<Growth> {
        match name {
            "linear" => Some(Growth::Linear),
            "compound" => Some(Growth::Compound),
            _ => None,
        }
    }
}

/// The default relative tolerance of a `~` (左右/约) bound: ± 5% of the stated number.
pub const DEFAULT_TOLERANCE: f64 = 0.05;

/// Everything about an assessment that is a choice rather than data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Threshold profile (default `statcan_eurostat`).
    pub profile: Profile,
    /// Growth model for the status ratio (default linear).
    pub growth: Growth,
    /// Relative tolerance of a `~` bound (default 0.05).
    pub tolerance: f64,
    /// The day the assessment is made as of (`assess-io.md`, "As of a date"): figures
    /// for periods ending later are left out, an unreported target past its publication
    /// lag is OVERDUE and a verdict on old data is stale. `None` (the default): every
    /// figure counts and nothing is overdue or stale. The engine never reads a clock;
    /// callers pass today when they mean today.
    pub as_of: Option<Date>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            profile: Profile::default(),
            growth: Growth::default(),
            tolerance: DEFAULT_TOLERANCE,
            as_of: None,
        }
    }
}
