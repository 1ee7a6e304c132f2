//! Rounding of output numbers: what a reader needs, without float noise.
//!
//! Values in the target's unit keep 7 significant digits (`11666.67`, `0.8833333`);
//! ratios (completion, time elapsed, progress index) keep 4 decimals (`0.9722`); annual
//! growth rates keep 6 decimals. Whole numbers are written without a fraction (`20000`).

use serde::Serializer;

/// Rounds to 7 significant digits.
pub fn value(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    // Digits to keep after the decimal point: 6 − ⌊log10 |x|⌋.
    let keep = 6 - x.abs().log10().floor() as i32;
    let rounded = if (0..=22).contains(&keep) {
        let scale = 10f64.powi(keep);
        (x * scale).round() / scale
    } else if (-22..0).contains(&keep) {
        let scale = 10f64.powi(-keep);
        (x / scale).round() * scale
    } else {
        format!("{x:.6e}").parse().unwrap_or(x)
    };
    if rounded.is_finite() { rounded } else { x }
}

/// Rounds to `places` decimals (leaving numbers too large to scale as they are).
pub fn decimals(x: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    let scaled = x * scale;
    if !scaled.is_finite() {
        return x;
    }
    scaled.round() / scale
}

/// Rounds a ratio to 4 decimals.
pub fn ratio(x: f64) -> f64 {
    decimals(x, 4)
}

/// Rounds an annual growth rate to 6 decimals.
pub fn rate(x: f64) -> f64 {
    decimals(x, 6)
}

/// Writes a number, as an integer when it is whole.
fn write<S: Serializer>(x: f64, s: S) -> Result<S::Ok, S::Error> {
    if x.fract() == 0.0 && x.abs() < 9e15 {
        s.serialize_i64(x as i64)
    } else {
        s.serialize_f64(x)
    }
}

/// Serializes a value in the target's unit.
pub fn ser_value<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    write(value(*x), s)
}

/// Serializes an optional value in the target's unit.
pub fn ser_value_opt<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => write(value(*x), s),
        None => s.serialize_none(),
    }
}

/// Serializes an optional ratio.
pub fn ser_ratio_opt<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => write(ratio(*x), s),
        None => s.serialize_none(),
    }
}

/// Serializes an optional growth rate.
pub fn ser_rate_opt<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => write(rate(*x), s),
        None => s.serialize_none(),
    }
}

/// Formats a value for an explanation (7 significant digits, shortest form).
pub fn show(x: f64) -> String {
    let v = value(x);
    if v == 0.0 { "0".into() } else { format!("{v}") }
}

/// Formats a progress index or ratio R for an explanation beside its thresholds: two
/// decimals (`1.00`, as readers compare it with `0.95`), more only where two would put it
/// on the other side of a threshold than it is (`0.9496` is `0.9496`, not `0.95`).
pub fn show_index(x: f64, thresholds: &[f64]) -> String {
    let side = |v: f64| thresholds.iter().map(|t| v >= *t).collect::<Vec<_>>();
    let places = (2..4).find(|&p| side(decimals(x, p)) == side(x)).unwrap_or(4);
    let v = decimals(x, places);
    if v == 0.0 {
        "0".into()
    } else {
        format!("{v:.*}", places as usize)
    }
}

/// Formats a ratio as a percentage with 2 decimals (`0.58333` → `58.33%`).
pub fn show_pct(x: f64) -> String {
    let v = decimals(x * 100.0, 2);
    if v == 0.0 { "0%".into() } else { format!("{v}%") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_has_two_decimals_unless_they_cross_a_threshold() {
        let th = [0.95, 0.8, 0.6];
        assert_eq!(show_index(1.0021, &th), "1.00");
        assert_eq!(show_index(4.0625, &th), "4.06");
        assert_eq!(show_index(0.8647, &th), "0.86");
        assert_eq!(show_index(0.9496, &th), "0.9496");
        assert_eq!(show_index(0.9499, &th), "0.9499");
        assert_eq!(show_index(0.954, &th), "0.95");
        assert_eq!(show_index(0.7996, &th), "0.7996");
    }

    #[test]
    fn rounding_matches_the_output_example() {
        assert_eq!(value(35000.0 / 3.0), 11666.67);
        assert_eq!(value(78333.333333), 78333.33);
        assert_eq!(ratio(0.58333333), 0.5833);
        assert_eq!(show(20000.0), "20000");
        assert_eq!(show_pct(0.6), "60%");
        assert_eq!(value(114_367_000_000_000.4), 114_367_000_000_000.0);
        assert_eq!(value(0.88333333), 0.8833333);
        assert_eq!(value(-0.0233333333), -0.02333333);
        assert_eq!(value(9_999_999.6), 10_000_000.0);
        assert_eq!(value(1.5e-300), 1.5e-300);
    }
}
