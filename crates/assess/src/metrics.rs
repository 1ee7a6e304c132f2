//! The core metrics of `progress-methods.md` §6.2: completion, time elapsed, progress
//! index, and required and actual annual rates, linear and compound.
//!
//! Every function returns `None` instead of dividing by zero or producing a non-finite
//! number, so a caller can never print NaN or infinity.

/// `Some(x)` when `x` is finite.
pub fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// `a / b`, or `None` when `b` is 0 or the result is not finite.
pub fn ratio(a: f64, b: f64) -> Option<f64> {
    if b == 0.0 { None } else { finite(a / b) }
}

/// Completion C = (v_t − v_b)/(v_T − v_b): the share of the required change achieved (完成率).
pub fn completion(base: f64, latest: f64, target: f64) -> Option<f64> {
    ratio(latest - base, target - base)
}

/// Time elapsed E = (t − b)/(T − b): the share of the period gone (时间进度).
pub fn time_elapsed(base_year: i32, year: i32, target_year: i32) -> Option<f64> {
    ratio(f64::from(year - base_year), f64::from(target_year - base_year))
}

/// Progress index PI = C/E, computed as one division of cross-products:
/// ((v_t − v_b)(T − b)) / ((v_T − v_b)(t − b)).
pub fn progress_index(base_year: i32, base: f64, year: i32, latest: f64, target_year: i32, target: f64) -> Option<f64> {
    let num = (latest - base) * f64::from(target_year - base_year);
    let den = (target - base) * f64::from(year - base_year);
    ratio(num, den)
}

/// The linear change per year from `(y0, v0)` to `(y1, v1)`.
pub fn linear_rate(y0: i32, v0: f64, y1: i32, v1: f64) -> Option<f64> {
    ratio(v1 - v0, f64::from(y1 - y0))
}

/// The compound annual growth rate (v1/v0)^(1/(y1−y0)) − 1; `None` unless both values
/// are > 0 and `y1 > y0` (never the sdg-build substitution of 0.001).
pub fn compound_rate(y0: i32, v0: f64, y1: i32, v1: f64) -> Option<f64> {
    if v0 <= 0.0 || v1 <= 0.0 || y1 <= y0 {
        return None;
    }
    let years = f64::from(y1 - y0);
    finite((v1 / v0).ln() / years).and_then(|l| finite(l.exp_m1()))
}

/// The compound ratio R = d·g_act/|g_req| (sdg-build, Eurostat).
pub fn compound_ratio(direction: f64, actual: f64, required: f64) -> Option<f64> {
    ratio(direction * actual, required.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_denominators_give_none() {
        assert_eq!(completion(1.0, 2.0, 1.0), None);
        assert_eq!(time_elapsed(2020, 2023, 2020), None);
        assert_eq!(progress_index(2020, 1.0, 2020, 1.0, 2025, 2.0), None);
        assert_eq!(compound_rate(2020, 0.0, 2023, 1.0), None);
        assert_eq!(compound_rate(2020, 1.0, 2023, -1.0), None);
    }

    #[test]
    fn compound_rate_is_the_cagr() {
        let g = compound_rate(2020, 1.0, 2023, 0.93).unwrap();
        assert!((g - (0.93f64.powf(1.0 / 3.0) - 1.0)).abs() < 1e-12);
    }
}
