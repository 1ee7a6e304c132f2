//! The examples of `assess-io.md`.

use pledge_assess::batch;
use pledge_assess::{Light, Options, Status};
use pledge_model::{Bound, Desirability, Direction, Observation};
use serde_json::Value;

use crate::common::*;

const INPUT: &str = r#"{"id": "charging-points",
 "target": {"measure": "level", "direction": null, "bound": ">=", "value": 80000, "unit": "个",
            "year": 2025, "baseline_year": null},
 "desirable": "up",
 "observations": [{"year": 2020, "value": 20000, "unit": "个"},
                  {"year": 2023, "value": 5.5, "unit": "万个"}]}"#;

fn one_line(json: &str) -> String {
    let v: Value = serde_json::from_str(json).unwrap();
    serde_json::to_string(&v).unwrap()
}

#[test]
fn the_output_line_example_is_reproduced_through_the_batch() {
    let mut out = Vec::new();
    let summary = batch::run(one_line(INPUT).as_bytes(), &mut out).unwrap();
    assert_eq!((summary.lines, summary.assessed, summary.errors), (1, 1, 0));
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["id"], "charging-points");
    assert_eq!(v["status"], "ON_TRACK");
    assert_eq!(v["light"], "green");
    assert_eq!(v["base"]["year"], 2020);
    assert_eq!(v["base"]["value"], 20000);
    assert_eq!(v["latest"]["year"], 2023);
    assert_eq!(v["latest"]["value"], 55000);
    assert_eq!(v["target_value"], 80000);
    assert_eq!(v["completion"], 0.5833);
    assert_eq!(v["time_elapsed"], 0.6);
    assert_eq!(v["progress_index"], 0.9722);
    assert_eq!(v["required_annual"], 12000);
    assert_eq!(v["actual_annual"], 11666.67);
    assert_eq!(v["required_from_now"], 12500);
    assert_eq!(v["forecast"]["method"], "linear");
    assert_eq!(v["forecast"]["year"], 2025);
    assert_eq!(v["forecast"]["value"], 78333.33);
    assert_eq!(v["forecast"]["meets_target"], false);
    assert_eq!(v["forecast"]["met_in_year"], 2026);
    let zh = v["explanation"]["zh"].as_str().unwrap();
    let en = v["explanation"]["en"].as_str().unwrap();
    for number in ["20000", "55000", "80000", "12500", "78333.33", "2026"] {
        assert!(en.contains(number), "en lacks {number}: {en}");
    }
    // The index is read against 0.95: two decimals, as the rest of the explanation.
    assert!(
        en.contains("progress index 0.97 (") && zh.contains("进度指数0.97（"),
        "{en} {zh}"
    );
    // A derived yearly rate is given to 3 significant digits, not 11666.67.
    assert!(
        en.contains("actual 11700 个/year") && zh.contains("实际年均变化11700个/年"),
        "{en} {zh}"
    );
    // Chinese writes amounts in 万 and rounds a forecast to what the data support.
    for number in [
        "2万个",
        "5.5万个",
        "8万个",
        "12500个/年",
        "1.2万个/年",
        "78333个",
        "2026",
    ] {
        assert!(zh.contains(number), "zh lacks {number}: {zh}");
    }
    assert!(v.get("cumulative_change_pct").is_none());
}

#[test]
fn about_bound_on_a_level_is_met_within_five_percent_either_side() {
    // 达到7%左右: met from 6.65% to 7.35%.
    let target = level(Bound::About, 7.0, "%", 2025, None);
    for (value, met) in [(6.64, false), (6.65, true), (7.0, true), (7.35, true), (7.36, false)] {
        let a = run(
            target.clone(),
            None,
            &levels(&[(2020, 5.0), (2025, value)], "%"),
            Options::default(),
        );
        let expected = if met { Status::Achieved } else { Status::Missed };
        assert_eq!(a.status, expected, "value {value}");
    }
}

#[test]
fn about_bound_on_a_reduction_is_met_from_95_percent_of_it_on() {
    // 降低17%左右: met by a reduction of 16.15% or more.
    let target = change(Direction::Down, Bound::About, 17.0, 2025, 2020);
    for (reduction, met) in [(16.1, false), (16.15, true), (17.0, true), (25.0, true)] {
        let obs = [Observation::change(2025, 2020, -reduction, "%")];
        let a = run(target.clone(), None, &obs, Options::default());
        let expected = if met { Status::Achieved } else { Status::Missed };
        assert_eq!(a.status, expected, "reduction {reduction}");
    }
}

#[test]
fn eq_with_a_desirable_direction_is_met_at_or_beyond_the_value() {
    let target = level(Bound::Eq, 65.2, "%", 2025, None);
    let cases = [
        (Some(Desirability::Up), 70.0, Status::Achieved),
        (Some(Desirability::Up), 65.2, Status::Achieved),
        (Some(Desirability::Up), 65.1, Status::Missed),
        (Some(Desirability::Down), 60.0, Status::Achieved),
        (Some(Desirability::Down), 65.3, Status::Missed),
        (None, 70.0, Status::Missed),
        (None, 65.2, Status::Achieved),
    ];
    for (desirable, value, expected) in cases {
        let a = run(
            target.clone(),
            desirable,
            &levels(&[(2020, 60.0), (2025, value)], "%"),
            Options::default(),
        );
        assert_eq!(a.status, expected, "{desirable:?} {value}");
    }
}

#[test]
fn lights_follow_the_statuses() {
    use pledge_assess::Profile;
    let cases = [
        (Status::Achieved, Light::Green, Light::Green),
        (Status::OnTrack, Light::Green, Light::Green),
        (Status::NeedsAcceleration, Light::Yellow, Light::Yellow),
        (Status::Lagging, Light::Orange, Light::Yellow),
        (Status::Deteriorating, Light::Red, Light::Red),
        (Status::Missed, Light::Red, Light::Red),
        (Status::InsufficientData, Light::Grey, Light::Grey),
        (Status::NotAssessable, Light::Grey, Light::Grey),
    ];
    for (status, four, ndrc) in cases {
        assert_eq!(status.light(Profile::StatcanEurostat), four, "{status:?}");
        assert_eq!(status.light(Profile::Ndrc), ndrc, "{status:?}");
    }
    assert_eq!(Status::Lagging.ndrc_level().map(|l| l.as_str()), Some("二级"));
    assert_eq!(Status::OnTrack.ndrc_level().map(|l| l.as_str()), Some("三级"));
    assert_eq!(Status::Missed.ndrc_level().map(|l| l.as_str()), Some("一级"));
}
