//! Builders and assertions shared by the tests.

use pledge_assess::{Assessment, Growth, Options, Profile, TargetInput, assess};
use pledge_model::{Bound, Desirability, Direction, Measure, Observation, Target};

/// A level target.
pub fn level(bound: Bound, value: f64, unit: &str, year: i32, baseline_year: Option<i32>) -> Target {
    Target {
        measure: Measure::Level,
        direction: None,
        bound,
        value,
        value_max: None,
        unit: unit.into(),
        year,
        baseline_year,
        aspiration: false,
    }
}

/// A change target in `%` against `baseline_year`.
pub fn change(direction: Direction, bound: Bound, value: f64, year: i32, baseline_year: i32) -> Target {
    Target {
        measure: Measure::Change,
        direction: Some(direction),
        bound,
        value,
        value_max: None,
        unit: "%".into(),
        year,
        baseline_year: Some(baseline_year),
        aspiration: false,
    }
}

/// Whole-year levels in one unit.
pub fn levels(points: &[(i32, f64)], unit: &str) -> Vec<Observation> {
    points.iter().map(|&(y, v)| Observation::level(y, v, unit)).collect()
}

/// Options with a growth model and profile.
pub fn opts(growth: Growth, profile: Profile) -> Options {
    Options {
        growth,
        profile,
        ..Options::default()
    }
}

/// Assesses with the given desirability and options, panicking on an input error.
pub fn run(target: Target, desirable: Option<Desirability>, obs: &[Observation], options: Options) -> Assessment {
    assess(&TargetInput { target, desirable }, obs, &options).expect("valid input")
}

/// Asserts `actual` is within `tol` of `expected`.
#[track_caller]
pub fn close(actual: Option<f64>, expected: f64, tol: f64) {
    let a = actual.unwrap_or_else(|| panic!("expected {expected}, got None"));
    assert!((a - expected).abs() <= tol, "expected {expected} ± {tol}, got {a}");
}

/// Case A of §7: energy intensity as an index, target −14.8% by 2025 from 2020.
pub fn case_a_target() -> Target {
    change(Direction::Down, Bound::Eq, 14.8, 2025, 2020)
}

/// Case A's observations as index levels.
pub fn case_a_levels() -> Vec<Observation> {
    levels(&[(2020, 1.0), (2021, 0.975), (2022, 0.95), (2023, 0.93)], "")
}
