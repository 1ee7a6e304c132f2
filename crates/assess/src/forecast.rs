//! Forecasts of the value at the target year, and the year the target would be met.
//!
//! Four methods (`progress-methods.md` §6.2): the linear pace since the base, the compound
//! rate since the base, ordinary least squares over all whole-year points from the base
//! on, and time-weighted least squares with weights ∝ (year − first year + 1), the ESCAP
//! option. Nothing is clamped to natural limits, because the input does not state them.

use serde::{Deserialize, Serialize};

use crate::goal::Goal;
use crate::metrics::{finite, ratio};
use crate::series::Point;

/// A forecasting method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// v_t + a_act·(T − t).
    Linear,
    /// v_t·(1 + g_act)^(T − t).
    Compound,
    /// Ordinary least squares line through the points.
    LeastSquares,
    /// Least squares with weights growing with the year (recent points count more).
    WeightedLeastSquares,
}

impl Method {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Linear => "linear",
            Method::Compound => "compound",
            Method::LeastSquares => "least_squares",
            Method::WeightedLeastSquares => "weighted_least_squares",
        }
    }
}

/// The forecast of one method.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Forecast {
    /// How it was made.
    pub method: Method,
    /// The year forecast (the target year).
    pub year: i32,
    /// The forecast value at that year, on the goal's scale.
    pub value: f64,
    /// Whether the forecast value meets the bound.
    pub meets_target: bool,
    /// The first whole year the trend would meet the bound, if it moves toward it.
    pub met_in_year: Option<i32>,
    /// Expected completion P = (v̂_T − v_b)/(v_T − v_b).
    pub expected_completion: Option<f64>,
}

/// The inputs every method shares.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The goal (bound and target year).
    pub goal: &'a Goal,
    /// The base point.
    pub base: Point,
    /// The latest point (t < T).
    pub latest: Point,
    /// v_T.
    pub target_value: f64,
    /// All whole-year points from the base to the latest.
    pub points: &'a [Point],
}

/// Years beyond which a "met in" year is not worth reporting.
const HORIZON: f64 = 10_000.0;

/// The first whole year ≥ `earliest` at or after the fractional year `x`.
fn whole_year(x: f64, earliest: i32) -> Option<i32> {
    if !x.is_finite() || x.abs() > HORIZON {
        return None;
    }
    // The slack keeps 2025.0000000001 (floating-point noise) in 2025.
    let year = (x - 1e-9).ceil() as i32;
    Some(year.max(earliest))
}

impl Context<'_> {
    fn finish(&self, method: Method, value: f64, met_in_year: Option<i32>) -> Option<Forecast> {
        let value = finite(value)?;
        Some(Forecast {
            method,
            year: self.goal.year,
            value,
            meets_target: self.goal.meets(value),
            met_in_year,
            expected_completion: ratio(value - self.base.value, self.target_value - self.base.value),
        })
    }

    /// The year a straight line `value(year) = v0 + slope·(year − y0)` first meets the bound,
    /// from the year after the latest on.
    fn line_meets(&self, y0: f64, v0: f64, slope: f64) -> Option<i32> {
        if self.goal.meets(self.latest.value) {
            return Some(self.latest.year);
        }
        let start = self.latest.year + 1;
        let at_start = v0 + slope * (f64::from(start) - y0);
        if self.goal.meets(at_start) {
            return Some(start);
        }
        let edge = self.goal.edge_from(at_start)?;
        if (edge - at_start) * slope <= 0.0 {
            return None;
        }
        whole_year(y0 + (edge - v0) / slope, start)
    }

    /// Linear pace since the base.
    pub fn linear(&self) -> Option<Forecast> {
        let rate = ratio(
            self.latest.value - self.base.value,
            f64::from(self.latest.year - self.base.year),
        )?;
        let t = f64::from(self.latest.year);
        let value = self.latest.value + rate * f64::from(self.goal.year - self.latest.year);
        let met = self.line_meets(t, self.latest.value, rate);
        self.finish(Method::Linear, value, met)
    }

    /// Compound rate since the base; `None` when a value is ≤ 0.
    pub fn compound(&self) -> Option<Forecast> {
        let g = crate::metrics::compound_rate(self.base.year, self.base.value, self.latest.year, self.latest.value)?;
        let value = self.latest.value * (1.0 + g).powi(self.goal.year - self.latest.year);
        let met = self.compound_meets(g);
        self.finish(Method::Compound, value, met)
    }

    fn compound_meets(&self, g: f64) -> Option<i32> {
        if self.goal.meets(self.latest.value) {
            return Some(self.latest.year);
        }
        let edge = self.goal.edge_from(self.latest.value)?;
        let (v, growth) = (self.latest.value, (1.0 + g).ln());
        if edge <= 0.0 || growth == 0.0 || !growth.is_finite() {
            return None;
        }
        let years = (edge / v).ln() / growth;
        if years <= 0.0 {
            return None;
        }
        whole_year(f64::from(self.latest.year) + years, self.latest.year + 1)
    }

    /// (Weighted) least squares over the points; `weighted` uses weights ∝ (year − first + 1).
    pub fn least_squares(&self, weighted: bool) -> Option<Forecast> {
        let first = self.points.first()?.year;
        let weight = |p: &Point| {
            if weighted { f64::from(p.year - first + 1) } else { 1.0 }
        };
        // Centre the years to keep the sums well conditioned.
        let x = |p: &Point| f64::from(p.year - first);
        let sw: f64 = self.points.iter().map(weight).sum();
        let mx = self.points.iter().map(|p| weight(p) * x(p)).sum::<f64>() / sw;
        let my = self.points.iter().map(|p| weight(p) * p.value).sum::<f64>() / sw;
        let sxx: f64 = self.points.iter().map(|p| weight(p) * (x(p) - mx).powi(2)).sum();
        let sxy: f64 = self
            .points
            .iter()
            .map(|p| weight(p) * (x(p) - mx) * (p.value - my))
            .sum();
        let slope = ratio(sxy, sxx)?;
        let y0 = f64::from(first) + mx;
        let value = my + slope * (f64::from(self.goal.year) - y0);
        let met = self.line_meets(y0, my, slope);
        let method = if weighted {
            Method::WeightedLeastSquares
        } else {
            Method::LeastSquares
        };
        self.finish(method, value, met)
    }

    /// All four forecasts that can be made, in the order linear, compound, least squares,
    /// weighted least squares.
    pub fn all(&self) -> Vec<Forecast> {
        [
            self.linear(),
            self.compound(),
            self.least_squares(false),
            self.least_squares(true),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}
