//! Derived vectors for each rule of `assess-io.md`, in order.

use pledge_assess::{Growth, Options, Profile, Status};
use pledge_model::{Bound, Desirability, Direction, Measure, Observation, Target};

use crate::common::*;

#[test]
fn rule1_base_is_the_earliest_observation_without_a_baseline_year() {
    let a = run(
        level(Bound::Ge, 100.0, "个", 2025, None),
        None,
        &levels(&[(2021, 40.0), (2019, 10.0), (2023, 70.0)], "个"),
        Options::default(),
    );
    assert_eq!(a.base.map(|p| (p.year, p.value)), Some((2019, 10.0)));
}

#[test]
fn rule1_base_is_the_baseline_year_value_when_given() {
    let a = run(
        level(Bound::Ge, 100.0, "个", 2025, Some(2020)),
        None,
        &levels(&[(2019, 10.0), (2020, 40.0), (2023, 70.0)], "个"),
        Options::default(),
    );
    assert_eq!(a.base.map(|p| (p.year, p.value)), Some((2020, 40.0)));
    // C = 30/60 = 0.5, E = 0.6 → PI 0.8333.
    close(a.progress_index, 0.8333, 5e-5);
    assert_eq!(a.status, Status::NeedsAcceleration);
}

#[test]
fn rule1_a_change_target_with_only_changes_has_base_one() {
    let a = run(
        case_a_target(),
        None,
        &[Observation::change(2023, 2020, -7.0, "%")],
        Options::default(),
    );
    assert_eq!(a.base.map(|p| (p.year, p.value)), Some((2020, 1.0)));
    assert_eq!(a.unit, "index");
    close(Some(a.target_value), 0.852, 1e-12);
}

#[test]
fn rule1_an_increment_target_has_base_zero() {
    let mut t = level(Bound::Eq, 40.0, "家", 2025, Some(2020));
    t.measure = Measure::Increment;
    let a = run(
        t,
        None,
        &[Observation::increment(2021, 2020, 8.0, "家")],
        Options::default(),
    );
    assert_eq!(a.base.map(|p| (p.year, p.value)), Some((2020, 0.0)));
    assert_eq!(a.desirable, Some(Desirability::Up));
}

#[test]
fn rule2_the_target_year_decides_whatever_came_before() {
    // Deteriorating until 2024, then met in 2025.
    let t = level(Bound::Ge, 100.0, "个", 2025, None);
    let a = run(
        t.clone(),
        None,
        &levels(&[(2020, 50.0), (2024, 40.0), (2025, 100.0)], "个"),
        Options::default(),
    );
    assert_eq!(a.status, Status::Achieved);
    // Met in 2024, missed in 2025: the target year decides.
    let b = run(
        t,
        None,
        &levels(&[(2020, 50.0), (2024, 120.0), (2025, 99.0)], "个"),
        Options::default(),
    );
    assert_eq!(b.status, Status::Missed);
    assert_eq!(b.latest.map(|p| p.year), Some(2025));
}

#[test]
fn rule2_a_later_observation_stands_in_for_the_target_year() {
    let t = level(Bound::Ge, 100.0, "个", 2025, None);
    let a = run(
        t,
        None,
        &levels(&[(2020, 50.0), (2027, 90.0), (2026, 95.0)], "个"),
        Options::default(),
    );
    assert_eq!(a.status, Status::Missed);
    assert_eq!(a.latest.map(|p| p.year), Some(2026));
    assert!(a.forecast.is_none());
}

#[test]
fn rule2_applies_even_without_a_base() {
    let t = level(Bound::Le, 1.0, "%", 2025, Some(2020));
    let a = run(t, None, &levels(&[(2025, 0.9)], "%"), Options::default());
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(a.base, None);
}

#[test]
fn rule3_early_achievement() {
    let t = level(Bound::Ge, 100.0, "个", 2025, None);
    let a = run(
        t,
        None,
        &levels(&[(2020, 50.0), (2022, 101.0), (2023, 130.0)], "个"),
        Options::default(),
    );
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(a.latest.map(|p| p.year), Some(2023));
    assert!(a.explanation.zh.contains("提前实现"), "{}", a.explanation.zh);
}

#[test]
fn rule4_no_base_value() {
    let t = level(Bound::Ge, 100.0, "个", 2025, Some(2020));
    let a = run(
        t,
        None,
        &levels(&[(2021, 50.0), (2023, 60.0)], "个"),
        Options::default(),
    );
    assert_eq!(a.status, Status::InsufficientData);
    assert!(a.explanation.en.contains("2020"), "{}", a.explanation.en);
}

#[test]
fn rule4_no_observation_after_the_base() {
    let a = run(case_a_target(), None, &[], Options::default());
    assert_eq!(a.status, Status::InsufficientData);
    let b = run(
        level(Bound::Ge, 100.0, "个", 2025, Some(2020)),
        None,
        &levels(&[(2019, 10.0), (2020, 40.0)], "个"),
        Options::default(),
    );
    assert_eq!(b.status, Status::InsufficientData);
}

#[test]
fn rule4_a_cap_met_by_the_synthetic_base_is_not_achieved() {
    // 增长控制在5%以内 with no observation at all: no data, not "achieved".
    let t = change(Direction::Up, Bound::Le, 5.0, 2025, 2020);
    let a = run(t, None, &[], Options::default());
    assert_eq!(a.status, Status::InsufficientData);
}

#[test]
fn rule5_base_met_and_latest_no_longer_does() {
    let t = change(Direction::Up, Bound::Le, 5.0, 2025, 2020);
    assert_eq!(t.implied_desirability(), Some(Desirability::Down));
    let a = run(
        t.clone(),
        None,
        &[Observation::change(2023, 2020, 6.0, "%")],
        Options::default(),
    );
    assert_eq!(a.status, Status::Deteriorating);
    let b = run(
        t,
        None,
        &[Observation::change(2023, 2020, 4.0, "%")],
        Options::default(),
    );
    assert_eq!(b.status, Status::Achieved);
}

#[test]
fn rule6_negative_progress_is_deteriorating() {
    let t = level(Bound::Ge, 100.0, "个", 2025, None);
    let a = run(
        t,
        None,
        &levels(&[(2020, 50.0), (2023, 45.0)], "个"),
        Options::default(),
    );
    assert_eq!(a.status, Status::Deteriorating);
    assert!(a.progress_index.unwrap() < 0.0);
}

#[test]
fn rule6_compound_with_a_negative_index_is_not_assessable() {
    // 下降120%: the target index is −0.2.
    let t = change(Direction::Down, Bound::Eq, 120.0, 2025, 2020);
    let obs = [Observation::change(2023, 2020, -50.0, "%")];
    let a = run(t.clone(), None, &obs, opts(Growth::Compound, Profile::StatcanEurostat));
    assert_eq!(a.status, Status::NotAssessable);
    // Linear still works: C = 0.5/1.2, E = 0.6.
    let b = run(t, None, &obs, Options::default());
    close(b.progress_index, (0.5 / 1.2) / 0.6, 1e-9);
}

#[test]
fn rule6_compound_ratio_is_the_sdg_build_r() {
    let a = run(
        level(Bound::Ge, 80000.0, "个", 2025, None),
        Some(Desirability::Up),
        &levels(&[(2020, 20000.0), (2023, 55000.0)], "个"),
        opts(Growth::Compound, Profile::StatcanEurostat),
    );
    close(a.ratio, 1.2551, 5e-5);
    assert_eq!(a.status, Status::OnTrack);
}

#[test]
fn a_range_target_is_met_inside_it() {
    let mut t = level(Bound::Eq, 3e8, "元", 2025, None);
    t.value_max = Some(4e8);
    for (value, status) in [(3.5, Status::Achieved), (2.9, Status::Missed), (4.1, Status::Missed)] {
        let obs = [
            Observation::level(2020, 1.0, "亿元"),
            Observation::level(2025, value, "亿元"),
        ];
        assert_eq!(run(t.clone(), None, &obs, Options::default()).status, status, "{value}");
    }
}

#[test]
fn tolerance_option_widens_about() {
    let t = level(Bound::About, 7.0, "%", 2025, None);
    let obs = levels(&[(2020, 5.0), (2025, 7.6)], "%");
    assert_eq!(run(t.clone(), None, &obs, Options::default()).status, Status::Missed);
    let wide = Options {
        tolerance: 0.1,
        ..Options::default()
    };
    assert_eq!(run(t, None, &obs, wide).status, Status::Achieved);
}

#[test]
fn aspiration_is_reported_but_not_assessed_differently() {
    let mut t: Target = level(Bound::Ge, 100.0, "个", 2025, None);
    let plain = run(
        t.clone(),
        None,
        &levels(&[(2020, 50.0), (2023, 80.0)], "个"),
        Options::default(),
    );
    t.aspiration = true;
    let a = run(
        t,
        None,
        &levels(&[(2020, 50.0), (2023, 80.0)], "个"),
        Options::default(),
    );
    assert!(a.aspiration);
    assert_eq!(a.status, plain.status);
    assert!(a.explanation.zh.contains("力争"));
}

#[test]
fn a_baseline_year_after_the_target_year_is_an_input_error() {
    let t = level(Bound::Ge, 100.0, "个", 2025, Some(2026));
    let err = pledge_assess::assess(
        &pledge_assess::TargetInput {
            target: t,
            desirable: None,
        },
        &[],
        &Options::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("target.baseline_year"), "{err}");
}
