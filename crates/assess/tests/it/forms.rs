//! Derived vectors for each form of observation: levels, year-on-year changes chained,
//! cumulative changes, increments summed, part-year values, units.

use pledge_assess::{AssessError, Options, Status, TargetInput, assess};
use pledge_model::{Bound, Direction, Measure, Observation, Target};

use crate::common::*;

#[test]
fn year_on_year_changes_chain_into_the_cumulative_change() {
    // 同比 −2.5%, −2.0%, −3.0%: index 0.975 × 0.98 × 0.97 = 0.926835.
    let obs = [
        Observation::change(2021, 2020, -2.5, "%"),
        Observation::change(2022, 2021, -2.0, "%"),
        Observation::change(2023, 2022, -3.0, "%"),
    ];
    let a = run(case_a_target(), None, &obs, Options::default());
    close(a.latest.map(|p| p.value), 0.926835, 1e-12);
    close(a.cumulative_change_pct, -7.3165, 1e-9);
    // C = 0.073165/0.148, E = 0.6.
    close(a.progress_index, 0.073165 / 0.148 / 0.6, 1e-9);
    assert_eq!(a.status, Status::NeedsAcceleration);
}

#[test]
fn a_gap_in_the_chain_leaves_later_years_unknown() {
    let obs = [
        Observation::change(2021, 2020, -2.5, "%"),
        Observation::change(2023, 2022, -3.0, "%"),
    ];
    let a = run(case_a_target(), None, &obs, Options::default());
    assert_eq!(a.latest.map(|p| p.year), Some(2021));
}

#[test]
fn a_cumulative_change_is_used_as_is_and_beats_a_chain() {
    let obs = [
        Observation::change(2021, 2020, -2.5, "%"),
        Observation::change(2022, 2021, -2.0, "%"),
        Observation::change(2023, 2022, -3.0, "%"),
        Observation::change(2023, 2020, -7.0, "%"),
    ];
    let a = run(case_a_target(), None, &obs, Options::default());
    close(a.latest.map(|p| p.value), 0.93, 1e-12);
    close(a.progress_index, 0.7883, 5e-5);
}

#[test]
fn levels_of_a_change_target_become_an_index() {
    let obs = levels(&[(2020, 0.5), (2023, 0.465)], "吨标准煤/万元");
    let a = run(case_a_target(), None, &obs, Options::default());
    close(a.latest.map(|p| p.value), 0.93, 1e-12);
    close(a.cumulative_change_pct, -7.0, 1e-9);
}

#[test]
fn a_year_on_year_change_continues_a_level() {
    // PM2.5: 30 μg/m3 in 2023, 同比下降2.7% in 2024 → 29.19 微克/立方米.
    let t = level(Bound::Le, 25.0, "微克/立方米", 2025, None);
    let obs = [
        Observation::level(2020, 35.0, "μg/m3"),
        Observation::level(2023, 30.0, "μg/m3"),
        Observation::change(2024, 2023, -2.7, "%"),
    ];
    let a = run(t, None, &obs, Options::default());
    close(a.latest.map(|p| p.value), 29.19, 1e-9);
    assert_eq!(a.latest.map(|p| p.year), Some(2024));
}

#[test]
fn increments_are_summed() {
    // 新增40家 over 十四五; 8 a year for three years: 24 of 40 after 60% of the time.
    let mut t: Target = level(Bound::Eq, 40.0, "家", 2025, Some(2020));
    t.measure = Measure::Increment;
    let obs: Vec<Observation> = (2021..=2023)
        .map(|y| Observation::increment(y, y - 1, 8.0, "家"))
        .collect();
    let a = run(t.clone(), None, &obs, Options::default());
    close(a.cumulative_change, 24.0, 0.0);
    close(a.progress_index, 1.0, 1e-12);
    assert_eq!(a.status, Status::OnTrack);
    // Reaching 40 before 2025 achieves it early.
    let more: Vec<Observation> = (2021..=2023)
        .map(|y| Observation::increment(y, y - 1, 14.0, "家"))
        .collect();
    assert_eq!(run(t, None, &more, Options::default()).status, Status::Achieved);
}

#[test]
fn increments_can_come_from_stock_levels() {
    let mut t: Target = level(Bound::Ge, 40.0, "家", 2025, Some(2020));
    t.measure = Measure::Increment;
    let a = run(
        t,
        None,
        &levels(&[(2020, 100.0), (2023, 124.0)], "家"),
        Options::default(),
    );
    close(a.cumulative_change, 24.0, 1e-12);
}

#[test]
fn part_year_values_are_kept_apart() {
    let t = level(Bound::Ge, 100.0, "个", 2025, None);
    let mut obs = levels(&[(2020, 50.0), (2023, 70.0)], "个");
    // A part-year value that meets the bound must not make it ACHIEVED.
    obs.push(Observation {
        period: Some("H1".into()),
        ..Observation::level(2024, 120.0, "个")
    });
    // Nor may one in the target year decide it.
    obs.push(Observation {
        period: Some("1-9月".into()),
        ..Observation::level(2025, 130.0, "个")
    });
    let a = run(t, None, &obs, Options::default());
    assert_eq!(a.status, Status::NeedsAcceleration);
    assert_eq!(a.latest.map(|p| p.year), Some(2023));
    assert_eq!(a.part_year.len(), 2);
    assert_eq!(a.part_year[0].period, "H1");
    assert!(a.explanation.en.contains("part-year"));
}

#[test]
fn a_part_year_change_does_not_enter_the_chain() {
    let obs = [
        Observation::change(2021, 2020, -2.5, "%"),
        Observation {
            period: Some("Q1".into()),
            ..Observation::change(2022, 2021, -20.0, "%")
        },
    ];
    let a = run(case_a_target(), None, &obs, Options::default());
    assert_eq!(a.latest.map(|p| p.year), Some(2021));
}

#[test]
fn units_convert_where_dimensions_match() {
    // 万个 → 个 (assess-io example), 亿元 → 元, 千瓦 → 万千瓦.
    let cases: [(&str, f64, &str, f64, f64); 3] = [
        ("个", 80000.0, "万个", 5.5, 55000.0),
        ("元", 8.46e9, "亿元", 84.6, 8.46e9),
        ("万千瓦", 430.0, "千瓦", 3_000_000.0, 300.0),
    ];
    for (unit, value, obs_unit, obs_value, converted) in cases {
        let t = level(Bound::Ge, value, unit, 2025, None);
        let a = run(
            t,
            None,
            &[
                Observation::level(2020, 0.0, unit),
                Observation::level(2023, obs_value, obs_unit),
            ],
            Options::default(),
        );
        close(a.latest.map(|p| p.value), converted, converted * 1e-12);
    }
}

#[test]
fn an_unconvertible_unit_is_an_error_naming_the_observation() {
    let t = level(Bound::Ge, 80000.0, "个", 2025, None);
    let obs = [
        Observation::level(2020, 20000.0, "个"),
        Observation::level(2023, 5.5, "万家"),
    ];
    let err = assess(
        &TargetInput {
            target: t,
            desirable: None,
        },
        &obs,
        &Options::default(),
    )
    .unwrap_err();
    match &err {
        AssessError::Observation { index, field, .. } => assert_eq!((*index, field.as_str()), (1, "unit")),
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.to_string().contains("万家"), "{err}");
}

#[test]
fn a_percentage_point_target_reads_percent_levels() {
    // 优良天数比例提高5个百分点 from 2020: 80% → 83% in 2023 is 3 of 5 points.
    let t = Target {
        measure: Measure::Change,
        direction: Some(Direction::Up),
        bound: Bound::Eq,
        value: 5.0,
        value_max: None,
        unit: "百分点".into(),
        year: 2025,
        baseline_year: Some(2020),
        aspiration: false,
    };
    let a = run(
        t.clone(),
        None,
        &levels(&[(2020, 80.0), (2023, 83.0)], "%"),
        Options::default(),
    );
    close(a.cumulative_change, 3.0, 1e-9);
    close(a.progress_index, 1.0, 1e-9);
    let b = run(
        t,
        None,
        &[
            Observation::change(2021, 2020, 1.7, "百分点"),
            Observation::change(2022, 2021, 1.0, "百分点"),
        ],
        Options::default(),
    );
    close(b.cumulative_change, 2.7, 1e-9);
}

#[test]
fn a_percentage_point_change_moves_a_percent_level() {
    let t = level(Bound::Ge, 90.0, "%", 2025, None);
    let obs = [
        Observation::level(2023, 85.5, "%"),
        Observation::change(2024, 2023, 1.7, "百分点"),
    ];
    let a = run(t, None, &obs, Options::default());
    close(a.latest.map(|p| p.value), 87.2, 1e-9);
}

#[test]
fn later_level_for_the_same_year_replaces_the_earlier() {
    let t = level(Bound::Ge, 100.0, "个", 2025, None);
    let a = run(
        t,
        None,
        &levels(&[(2020, 50.0), (2023, 60.0), (2023, 70.0)], "个"),
        Options::default(),
    );
    close(a.latest.map(|p| p.value), 70.0, 0.0);
}
