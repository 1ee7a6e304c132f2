//! EUSTAT's three levels after the UNSD 2023 note (§2b): expected share of the required
//! progress P from compound extrapolation, and CAGR bands without a target.

use pledge_model::Desirability;

/// Expected completion P = (v̂_T − v_b)/(v_T − v_b) with v̂_T = v_t·(1 + CAGR_a)^(T − t);
/// `None` for values ≤ 0 or equal base and target.
pub fn expected_completion(
    (base_year, base): (i32, f64),
    (year, latest): (i32, f64),
    (target_year, target): (i32, f64),
) -> Option<f64> {
    let cagr = crate::metrics::compound_rate(base_year, base, year, latest)?;
    let projected = latest * (1.0 + cagr).powi(target_year - year);
    crate::metrics::ratio(projected - base, target - base)
}

/// The level for P: 3 (≥ 0.95, met or on the way), 2 (≥ 0.10), 1 (stagnation or regression).
pub fn level_with_target(p: f64) -> u8 {
    if p >= 0.95 {
        3
    } else if p >= 0.10 {
        2
    } else {
        1
    }
}

/// The level without a target, from the CAGR (a fraction: 0.02 is 2%): for an increase
/// ≥ 2% → 3, ≥ 0.5% → 2, else 1; mirrored for a decrease.
pub fn level_without_target(cagr: f64, direction: Desirability) -> u8 {
    let p = direction.sign() * cagr;
    let eps = 1e-12;
    if p >= 0.02 - eps {
        3
    } else if p >= 0.005 - eps {
        2
    } else {
        1
    }
}
