//! The U vectors of §7 (the unified method of §6), table-driven, plus CN-1 through the
//! engine with the `ndrc` profile.

use pledge_assess::{Growth, Light, Options, Profile, Status};
use pledge_model::{Bound, Desirability, Direction, Observation};

use crate::common::*;

#[test]
fn u1_case_a_linear() {
    let a = run(case_a_target(), None, &case_a_levels(), Options::default());
    assert_eq!(a.status, Status::NeedsAcceleration);
    assert_eq!(a.light, Light::Yellow);
    close(a.completion, 0.473, 5e-4);
    close(a.time_elapsed, 0.6, 1e-12);
    close(a.progress_index, 0.7883, 5e-5);
    let f = a.forecast.expect("forecast");
    close(Some(f.value), 0.8833, 5e-5);
    assert!(!f.meets_target);
    close(a.required_from_now, -0.039, 1e-9);
    close(a.cumulative_change_pct, -7.0, 1e-9);
}

#[test]
fn u1c_case_a_compound() {
    let a = run(
        case_a_target(),
        None,
        &case_a_levels(),
        opts(Growth::Compound, Profile::StatcanEurostat),
    );
    assert_eq!(a.status, Status::NeedsAcceleration);
    close(a.ratio, 0.7581, 5e-5);
    let f = a.forecast.expect("forecast");
    assert_eq!(f.method, pledge_assess::Method::Compound);
    close(Some(f.value), 0.8861, 5e-5);
}

#[test]
fn u2_u3_u4_cases_b_c_d() {
    // (name, bound, target, points, desirable, PI, status, linear forecast)
    let cases = [
        (
            "U2",
            Bound::Ge,
            80000.0,
            vec![(2020, 20000.0), (2021, 30000.0), (2022, 42000.0), (2023, 55000.0)],
            Desirability::Up,
            0.9722,
            Status::OnTrack,
            78333.33,
        ),
        (
            "U3",
            Bound::Le,
            1.0,
            vec![(2020, 2.5), (2021, 2.2), (2022, 2.0), (2023, 1.8)],
            Desirability::Down,
            0.7778,
            Status::NeedsAcceleration,
            1.3333,
        ),
        (
            "U4",
            Bound::Le,
            0.852,
            vec![(2020, 1.0), (2023, 1.02)],
            Desirability::Down,
            -0.2252,
            Status::Deteriorating,
            1.0333,
        ),
    ];
    for (name, bound, value, points, desirable, pi, status, forecast) in cases {
        let a = run(
            level(bound, value, "", 2025, None),
            Some(desirable),
            &levels(&points, ""),
            Options::default(),
        );
        assert_eq!(a.status, status, "{name}");
        close(a.progress_index, pi, 5e-5);
        let f = a.forecast.expect("forecast");
        close(Some(f.value), forecast, 5e-3);
        assert!(!f.meets_target, "{name}");
    }
}

#[test]
fn u4_is_red() {
    let a = run(
        level(Bound::Le, 0.852, "", 2025, None),
        Some(Desirability::Down),
        &levels(&[(2020, 1.0), (2023, 1.02)], ""),
        Options::default(),
    );
    assert_eq!(a.light, Light::Red);
}

#[test]
fn u6_u7_cap_met_at_base() {
    // "≤ 1%", base 0.8: now 0.9 → ACHIEVED; now 1.2 → DETERIORATING.
    for (now, status) in [(0.9, Status::Achieved), (1.2, Status::Deteriorating)] {
        let a = run(
            level(Bound::Le, 1.0, "%", 2025, None),
            None,
            &levels(&[(2020, 0.8), (2023, now)], "%"),
            Options::default(),
        );
        assert_eq!(a.status, status, "now {now}");
    }
}

#[test]
fn u8_u9_u10_inclusive_boundaries() {
    for (now, pi, status) in [
        (57.0, 0.95, Status::OnTrack),
        (36.0, 0.60, Status::NeedsAcceleration),
        (0.0, 0.0, Status::Lagging),
    ] {
        let a = run(
            level(Bound::Ge, 100.0, "个", 2025, None),
            None,
            &levels(&[(2020, 0.0), (2023, now)], "个"),
            Options::default(),
        );
        assert_eq!(a.status, status, "now {now}");
        close(a.progress_index, pi, 1e-9);
    }
}

#[test]
fn u11_u12_zero_base_linear_and_compound() {
    let target = level(Bound::Ge, 80000.0, "个", 2025, None);
    let obs = levels(&[(2020, 0.0), (2023, 30000.0)], "个");
    let a = run(target.clone(), None, &obs, Options::default());
    assert_eq!(a.status, Status::NeedsAcceleration);
    close(a.progress_index, 0.625, 1e-12);
    let c = run(target, None, &obs, opts(Growth::Compound, Profile::StatcanEurostat));
    assert_eq!(c.status, Status::NotAssessable);
    assert_eq!(c.light, Light::Grey);
    assert_eq!(c.ratio, None);
}

#[test]
fn u13_only_a_base_observation() {
    let a = run(
        level(Bound::Ge, 80000.0, "个", 2025, None),
        None,
        &levels(&[(2020, 20000.0)], "个"),
        Options::default(),
    );
    assert_eq!(a.status, Status::InsufficientData);
    assert_eq!(a.light, Light::Grey);
}

#[test]
fn u14_u15_target_year_value() {
    for (value, status) in [(0.88, Status::Missed), (0.85, Status::Achieved)] {
        let mut obs = case_a_levels();
        obs.push(Observation::level(2025, value, ""));
        let a = run(case_a_target(), None, &obs, Options::default());
        assert_eq!(a.status, status, "value {value}");
        assert_eq!(a.latest.map(|p| p.year), Some(2025));
    }
}

#[test]
fn cn1_ndrc_profile_through_the_engine() {
    // Progress requirement at 2021: 3.0% of a −15% five-year target (20% of the period).
    // Rise 0.5% → 一级 red; fall 2.8% → 二级 yellow; fall 3.1% → 三级 green.
    let target = change(Direction::Down, Bound::Eq, 15.0, 2025, 2020);
    for (change_pct, level, light) in [
        (0.5, "一级", Light::Red),
        (-2.8, "二级", Light::Yellow),
        (-3.1, "三级", Light::Green),
    ] {
        let obs = [Observation::change(2021, 2020, change_pct, "%")];
        let a = run(target.clone(), None, &obs, opts(Growth::Linear, Profile::Ndrc));
        assert_eq!(a.ndrc_level.map(|l| l.as_str()), Some(level), "change {change_pct}");
        assert_eq!(a.light, light, "change {change_pct}");
    }
}

#[test]
fn unsd2022_profile_moves_the_cut_points() {
    // PI 0.55 is LAGGING under statcan_eurostat but NEEDS_ACCELERATION under unsd2022;
    // PI −0.05 is DETERIORATING under statcan_eurostat but LAGGING under unsd2022.
    for (now, default, unsd) in [
        (33.0, Status::Lagging, Status::NeedsAcceleration),
        (-3.0, Status::Deteriorating, Status::Lagging),
    ] {
        let target = level(Bound::Ge, 100.0, "个", 2025, None);
        let obs = levels(&[(2020, 0.0), (2023, now)], "个");
        assert_eq!(run(target.clone(), None, &obs, Options::default()).status, default);
        assert_eq!(
            run(target, None, &obs, opts(Growth::Linear, Profile::Unsd2022)).status,
            unsd
        );
    }
}

#[test]
fn least_squares_forecast_matches_the_escap_worked_example() {
    // §3: points (0, 1.0), (1, .975), (2, .95), (3, .93): v̂_2025 = 0.8815, Ratio_A 0.80.
    let a = run(case_a_target(), None, &case_a_levels(), Options::default());
    let ols = a
        .forecasts
        .iter()
        .find(|f| f.method == pledge_assess::Method::LeastSquares)
        .expect("ols");
    close(Some(ols.value), 0.8815, 5e-5);
    close(ols.expected_completion, 0.80, 5e-3);
    let wls = a
        .forecasts
        .iter()
        .find(|f| f.method == pledge_assess::Method::WeightedLeastSquares)
        .expect("wls");
    assert!(wls.value.is_finite());
}
