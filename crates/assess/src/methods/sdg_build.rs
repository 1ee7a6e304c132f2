//! Open SDG's sdg-build `ProgressMeasure.py` (commit 139fede): growth ratio, progress
//! value, score in [−5, 5], natural-limit scaling and indicator aggregation (§1).
//!
//! This reproduces sdg-build, including its substitution of 0.001 for a zero target or
//! base value (which the engine refuses to do): the point is to match its outputs.

use pledge_model::Desirability;

/// sdg-build's status classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SbStatus {
    /// The latest value meets the target (score 5).
    TargetAchieved,
    /// "On track".
    SubstantialProgress,
    /// "Progress made but acceleration needed".
    ModerateProgress,
    /// Limited progress.
    LimitedProgress,
    /// Moving away.
    Deterioration,
    /// Not enough data ("Unable to assess").
    NotAvailable,
}

/// Thresholds of method 1 (no target) on the progress value p.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SbConfig {
    /// p at or above this is substantial progress (default 0.015).
    pub high: f64,
    /// p at or above this is moderate progress (default 0.005).
    pub med: f64,
    /// p at or above this is limited progress, below it deterioration (default 0).
    pub low: f64,
}

impl Default for SbConfig {
    fn default() -> SbConfig {
        SbConfig {
            high: 0.015,
            med: 0.005,
            low: 0.0,
        }
    }
}

/// One series to assess.
#[derive(Debug, Clone, Copy)]
pub struct SbSeries<'a> {
    /// (year, value) points.
    pub points: &'a [(i32, f64)],
    /// Configured base year (the first year after it is used when it has no value).
    pub base_year: i32,
    /// Target year.
    pub target_year: i32,
    /// Target value (method 2) or none (method 1).
    pub target: Option<f64>,
    /// Desired direction.
    pub direction: Desirability,
    /// Natural limit (method 1 only; ignored with a target).
    pub limit: Option<f64>,
}

/// The result for one series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SbProgress {
    /// The status.
    pub status: SbStatus,
    /// Method 2 ratio R = sign·d·CAGR_obs/|CAGR_req|.
    pub ratio: Option<f64>,
    /// Method 1 progress value p = sign·d·CAGR_obs.
    pub progress: Option<f64>,
    /// Score in [−5, 5].
    pub score: Option<f64>,
    /// Natural-limit scaling coefficient C (method 1).
    pub coefficient: Option<f64>,
    /// The method-1 thresholds after scaling by C.
    pub thresholds: Option<SbConfig>,
    /// The base year actually used.
    pub base_year: Option<i32>,
}

/// Why sdg-build would raise instead of answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SbError {
    /// Two values for one year.
    #[error("duplicate year {0}")]
    DuplicateYear(i32),
}

/// The compound annual growth rate `(v1/v0)^(1/(t1−t0)) − 1`.
pub fn growth(v1: f64, v0: f64, t1: i32, t0: i32) -> f64 {
    (v1 / v0).powf(1.0 / f64::from(t1 - t0)) - 1.0
}

/// Method-2 score from the ratio R.
pub fn score_ratio(r: f64) -> f64 {
    if r >= 0.6 {
        (7.1429 * r - 4.2857).min(5.0)
    } else {
        (4.1667 * r - 2.5).max(-5.0)
    }
}

/// Method-1 score from the progress value p, scaled thresholds and coefficient C.
pub fn score_progress(p: f64, scaled: &SbConfig, c: f64) -> f64 {
    if p < 0.0 {
        (125.0 * p - 2.5).max(-5.0)
    } else if c == 0.0 {
        5.0
    } else if p >= scaled.high {
        (500.0 * p / c - 5.0).min(5.0)
    } else if p >= scaled.med {
        250.0 * p / c - 1.25
    } else {
        500.0 * p / c - 2.5
    }
}

/// The natural-limit coefficient C (a = 4.44) for base value `y0` and limit `limit`.
pub fn limit_coefficient(y0: f64, limit: f64) -> f64 {
    let (y0, l) = (y0.abs(), limit.abs());
    let a = 4.44;
    if y0 >= 2.0 * l {
        1.0
    } else if y0 <= l {
        1.0 - (y0 / l).powf(a)
    } else {
        1.0 - ((2.0 * l - y0) / l).powf(a)
    }
}

/// The status a score falls in: [2.5, 5] substantial, [0, 2.5) moderate, [−2.5, 0)
/// limited, below deterioration.
pub fn score_status(score: f64) -> SbStatus {
    if score >= 2.5 {
        SbStatus::SubstantialProgress
    } else if score >= 0.0 {
        SbStatus::ModerateProgress
    } else if score >= -2.5 {
        SbStatus::LimitedProgress
    } else {
        SbStatus::Deterioration
    }
}

fn not_available(base_year: Option<i32>) -> SbProgress {
    SbProgress {
        status: SbStatus::NotAvailable,
        ratio: None,
        progress: None,
        score: None,
        coefficient: None,
        thresholds: None,
        base_year,
    }
}

/// Assesses one series as sdg-build does.
pub fn series_progress(s: &SbSeries<'_>, config: &SbConfig) -> Result<SbProgress, SbError> {
    let mut points: Vec<(i32, f64)> = s.points.iter().copied().filter(|p| p.1.is_finite()).collect();
    points.sort_by_key(|p| p.0);
    if let Some(w) = points.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(SbError::DuplicateYear(w[0].0));
    }
    // The base year, or the first year after it.
    let Some(&(base_year, base)) = points.iter().find(|p| p.0 >= s.base_year) else {
        return Ok(not_available(None));
    };
    let &(current_year, current) = points.last().unwrap_or(&(base_year, base));
    if current_year <= base_year {
        return Ok(not_available(Some(base_year)));
    }
    let d = s.direction.sign();
    if let Some(target) = s.target {
        let achieved = match s.direction {
            Desirability::Down => current <= target,
            Desirability::Up => current >= target,
        };
        if achieved {
            return Ok(SbProgress {
                status: SbStatus::TargetAchieved,
                score: Some(5.0),
                ..not_available(Some(base_year))
            });
        }
    }
    let base = if base == 0.0 { 0.001 } else { base };
    if base * current < 0.0 {
        return Ok(not_available(Some(base_year)));
    }
    let sign = if base < 0.0 { -1.0 } else { 1.0 };
    let cagr_obs = growth(current, base, current_year, base_year);
    match s.target {
        Some(target) => {
            let target = if target == 0.0 { 0.001 } else { target };
            let cagr_req = growth(target, base, s.target_year, base_year);
            let r = sign * d * cagr_obs / cagr_req.abs();
            if !r.is_finite() {
                return Ok(not_available(Some(base_year)));
            }
            let status = if r >= 0.95 {
                SbStatus::SubstantialProgress
            } else if r >= 0.6 {
                SbStatus::ModerateProgress
            } else if r >= 0.0 {
                SbStatus::LimitedProgress
            } else {
                SbStatus::Deterioration
            };
            Ok(SbProgress {
                status,
                ratio: Some(r),
                score: Some(score_ratio(r)),
                ..not_available(Some(base_year))
            })
        }
        None => {
            let p = sign * d * cagr_obs;
            if !p.is_finite() {
                return Ok(not_available(Some(base_year)));
            }
            let c = s.limit.map_or(1.0, |l| limit_coefficient(base, l));
            let scaled = SbConfig {
                high: config.high * c,
                med: config.med * c,
                low: config.low * c,
            };
            let status = if p >= scaled.high {
                SbStatus::SubstantialProgress
            } else if p >= scaled.med {
                SbStatus::ModerateProgress
            } else if p >= scaled.low {
                SbStatus::LimitedProgress
            } else {
                SbStatus::Deterioration
            };
            Ok(SbProgress {
                status,
                progress: Some(p),
                score: Some(score_progress(p, &scaled, c)),
                coefficient: Some(c),
                thresholds: Some(scaled),
                ..not_available(Some(base_year))
            })
        }
    }
}

/// The indicator's mean score and status from its series: target achieved only when
/// every series achieved it; otherwise the status of the mean score.
pub fn indicator_progress(series: &[SbProgress]) -> (Option<f64>, SbStatus) {
    let scores: Vec<f64> = series.iter().filter_map(|s| s.score).collect();
    if scores.is_empty() {
        return (None, SbStatus::NotAvailable);
    }
    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    if series.iter().all(|s| s.status == SbStatus::TargetAchieved) {
        return (Some(mean), SbStatus::TargetAchieved);
    }
    (Some(mean), score_status(mean))
}
