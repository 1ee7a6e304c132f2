//! Assessing as of a date (`assess-io.md`, "As of a date"), the named gaps, and numbers
//! that agree with the verdict (no invented base, no negative completion beside ACHIEVED).

use pledge_assess::{Date, Gap, Light, Options, Status, batch};
use pledge_model::{Bound, Desirability, Direction, Measure, Observation, Target};
use serde_json::Value;

use crate::common::*;

fn on(day: &str) -> Options {
    Options {
        as_of: Date::parse(day),
        ..Options::default()
    }
}

fn part(year: i32, period: &str, value: f64, unit: &str) -> Observation {
    Observation {
        period: Some(period.into()),
        ..Observation::level(year, value, unit)
    }
}

fn increment(value: f64, unit: &str, year: i32, baseline_year: i32) -> Target {
    Target {
        measure: Measure::Increment,
        baseline_year: Some(baseline_year),
        ..level(Bound::Eq, value, unit, year, None)
    }
}

#[test]
fn without_as_of_nothing_is_overdue_or_stale() {
    let t = level(Bound::Eq, 2.0, "家", 2023, None);
    let a = run(t, None, &[], Options::default());
    assert_eq!(a.status, Status::InsufficientData);
    assert!(!a.stale);
    assert_eq!(a.as_of, None);
    let v = serde_json::to_value(&a).unwrap();
    assert!(v.get("as_of").is_none() && v.get("stale").is_none(), "{v}");
}

#[test]
fn an_unreported_target_is_overdue_only_after_the_publication_lag() {
    // A 2023 target: its figure is due by the end of 2024 (one year's lag).
    let t = level(Bound::Eq, 2.0, "家", 2023, None);
    for (day, status) in [
        ("2023-06-30", Status::InsufficientData),
        ("2024-12-31", Status::InsufficientData),
        ("2025-01-01", Status::Overdue),
        ("2026-12-02", Status::Overdue),
    ] {
        let a = run(t.clone(), None, &[], on(day));
        assert_eq!(a.status, status, "{day}");
    }
    let a = run(t, None, &[], on("2026-12-02"));
    assert_eq!((a.light, a.gap), (Light::Red, Some(Gap::Overdue)));
    assert!(a.explanation.zh.contains("逾期未报"), "{}", a.explanation.zh);
    assert!(a.explanation.en.contains("2026-12-02"), "{}", a.explanation.en);
}

#[test]
fn an_early_achievement_stands_and_a_target_year_figure_is_not_overdue() {
    let t = level(Bound::Ge, 100.0, "个", 2023, None);
    let early = run(
        t.clone(),
        None,
        &levels(&[(2020, 50.0), (2022, 120.0)], "个"),
        on("2026-12-02"),
    );
    assert_eq!(early.status, Status::Achieved);
    let missed = run(t, None, &levels(&[(2020, 50.0), (2023, 90.0)], "个"), on("2026-12-02"));
    assert_eq!(missed.status, Status::Missed);
    assert!(!missed.stale, "a verdict at the target year is final");
}

#[test]
fn observations_of_periods_ending_after_as_of_are_left_out() {
    let t = level(Bound::Ge, 100.0, "个", 2025, None);
    let obs = [
        Observation::level(2020, 50.0, "个"),
        Observation::level(2022, 70.0, "个"),
        part(2023, "1-9月", 80.0, "个"),
        Observation::level(2023, 90.0, "个"),
    ];
    let all = run(t.clone(), None, &obs, Options::default());
    assert_eq!(all.latest.map(|p| p.year), Some(2023));
    let a = run(t.clone(), None, &obs, on("2023-10-15"));
    assert_eq!(a.latest.map(|p| p.year), Some(2022));
    assert_eq!(a.part_year.len(), 1, "1-9月 ended on 30 September");
    assert_eq!(a.after_as_of, 1);
    let b = run(t, None, &obs, on("2023-09-29"));
    assert_eq!((b.part_year.len(), b.after_as_of), (0, 2));
}

#[test]
fn old_figures_make_a_stale_verdict_that_is_never_green() {
    // 济南's 优良天数比例: 62% (2020), 64.6% (2021), target 65.2% in 2025.
    let t = level(Bound::Ge, 65.2, "%", 2025, None);
    let obs = levels(&[(2020, 62.0), (2021, 64.6)], "%");
    let plain = run(t.clone(), None, &obs, Options::default());
    assert_eq!((plain.status, plain.light), (Status::OnTrack, Light::Green));
    let fresh = run(t.clone(), None, &obs, on("2023-06-01"));
    assert_eq!(
        (fresh.status, fresh.light, fresh.stale),
        (Status::OnTrack, Light::Green, false)
    );
    let a = run(t, None, &obs, on("2025-12-02"));
    assert_eq!(a.status, Status::OnTrack);
    assert!(a.stale);
    assert_eq!(a.light, Light::Grey);
    assert_eq!(a.ndrc_level, None);
    assert!(a.explanation.zh.contains("过时"), "{}", a.explanation.zh);
    // Past the target year and its lag, with only 2021 data, it is overdue instead.
    let late = run(
        level(Bound::Ge, 65.2, "%", 2024, None),
        None,
        &levels(&[(2020, 62.0), (2021, 64.6)], "%"),
        on("2026-12-02"),
    );
    assert_eq!((late.status, late.light), (Status::Overdue, Light::Red));
}

#[test]
fn time_elapsed_as_of_runs_with_the_calendar_not_the_latest_figure() {
    let t = level(Bound::Ge, 100.0, "个", 2025, Some(2020));
    let obs = levels(&[(2020, 50.0), (2021, 60.0)], "个");
    let a = run(t.clone(), None, &obs, on("2023-12-31"));
    close(a.time_elapsed, 0.2, 1e-9);
    close(a.time_elapsed_as_of, 0.6, 1e-9);
    let after = run(t, None, &obs, on("2030-01-01"));
    close(after.time_elapsed_as_of, 1.0, 1e-9);
}

#[test]
fn the_batch_reads_as_of_and_refuses_a_bad_date() {
    let line = r#"{"id":1,"target":{"measure":"level","bound":"=","value":2,"unit":"家","year":2023},"observations":[],"options":{"as_of":"2026-12-02"}}"#;
    let bad = r#"{"id":2,"target":{"measure":"level","bound":"=","value":2,"unit":"家","year":2023},"observations":[],"options":{"as_of":"2026-02-30"}}"#;
    let mut out = Vec::new();
    let summary = batch::run(format!("{line}\n{bad}\n").as_bytes(), &mut out).unwrap();
    assert_eq!(summary.errors, 1);
    let lines: Vec<Value> = out
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines[0]["status"], "OVERDUE");
    assert_eq!(lines[0]["light"], "red");
    assert_eq!(lines[0]["as_of"], "2026-12-02");
    assert_eq!(lines[0]["gap"], "overdue");
    assert!(
        lines[1]["error"].as_str().unwrap().contains("options.as_of"),
        "{}",
        lines[1]
    );
}

#[test]
fn gaps_are_named() {
    let t = level(Bound::Ge, 100.0, "个", 2025, None);
    let none = run(t.clone(), None, &[], Options::default());
    assert_eq!(none.gap, Some(Gap::NeverReported));
    let one = run(t.clone(), None, &levels(&[(2021, 50.0)], "个"), Options::default());
    assert_eq!(one.gap, Some(Gap::OnePoint));
    let assessed = run(
        t,
        None,
        &levels(&[(2021, 50.0), (2022, 70.0)], "个"),
        Options::default(),
    );
    assert_eq!(assessed.gap, None);
    // A plan starting from 2025: the first figure after the base (2026) is due by the end of 2027.
    let new = level(Bound::Ge, 100.0, "个", 2030, Some(2025));
    let a = run(new.clone(), None, &levels(&[(2025, 50.0)], "个"), on("2026-12-02"));
    assert_eq!(a.gap, Some(Gap::NotYetDue));
    let b = run(new, None, &levels(&[(2025, 50.0)], "个"), on("2028-01-01"));
    assert_eq!(b.gap, Some(Gap::OnePoint));
}

#[test]
fn a_change_or_increment_target_without_figures_has_no_reported_base() {
    let inc = run(increment(200.0, "万平方米", 2025, 2020), None, &[], Options::default());
    assert!(!inc.base_observed);
    assert_eq!(inc.gap, Some(Gap::NeverReported));
    assert!(!inc.explanation.zh.contains("基期2020年0"), "{}", inc.explanation.zh);
    let cut = run(
        change(Direction::Down, Bound::Eq, 14.8, 2025, 2020),
        None,
        &[],
        Options::default(),
    );
    assert!(!cut.base_observed);
    assert_eq!(cut.gap, Some(Gap::NeverReported));
    assert!(!cut.explanation.zh.contains("指数1"), "{}", cut.explanation.zh);
    // A level for the base year is a reported base.
    let with_level = run(
        change(Direction::Down, Bound::Eq, 14.8, 2025, 2020),
        None,
        &levels(&[(2020, 0.5), (2022, 0.47)], "吨标准煤/万元"),
        Options::default(),
    );
    assert!(with_level.base_observed);
    assert_eq!(with_level.gap, None);
}

#[test]
fn a_base_that_already_meets_a_lower_is_better_bound_has_no_negative_completion() {
    // PM2.5 ≤ 42 with a base of 40.5 and a latest 38: achieved, nothing to complete.
    let t = level(Bound::Le, 42.0, "μg/m³", 2025, None);
    let a = run(
        t,
        Some(Desirability::Down),
        &levels(&[(2020, 40.5), (2023, 38.0)], "μg/m³"),
        Options::default(),
    );
    assert_eq!(a.status, Status::Achieved);
    assert!(a.base_met);
    assert_eq!((a.completion, a.required_annual, a.progress_index), (None, None, None));
    assert!(a.explanation.zh.contains("基期已达到目标"), "{}", a.explanation.zh);
    // An `=` target on a lower-is-better indicator reads the same way.
    let eq = level(Bound::Eq, 42.0, "μg/m³", 2025, None);
    let b = run(
        eq,
        Some(Desirability::Down),
        &levels(&[(2020, 40.5), (2023, 43.0)], "μg/m³"),
        Options::default(),
    );
    assert_eq!(b.status, Status::Deteriorating);
    assert_eq!(b.completion, None);
    close(b.required_from_now, -0.5, 1e-9);
}

#[test]
fn a_part_year_ratio_is_read_against_the_path_but_an_amount_is_not() {
    // 济南 优良天数比例: 2022 1-9月 59.3% against a path from 62% (2020) to 65.2% (2025).
    let t = level(Bound::Ge, 65.2, "%", 2025, None);
    let obs = [
        Observation::level(2020, 62.0, "%"),
        Observation::level(2021, 64.6, "%"),
        part(2022, "1-9月", 59.3, "%"),
    ];
    let a = run(t, None, &obs, Options::default());
    assert_eq!(a.status, Status::OnTrack, "the verdict still rests on whole years");
    let p = &a.part_year[0];
    close(p.expected, 63.28, 1e-9);
    assert_eq!(p.on_pace, Some(false));
    assert!(
        a.explanation.zh.contains("落后于当年序时进度应达值63.28%"),
        "{}",
        a.explanation.zh
    );
    let v = serde_json::to_value(&a).unwrap();
    assert_eq!(v["part_year"][0]["on_pace"], false);
    // Revenue over nine months is no share of a year's target.
    let money = level(Bound::Ge, 100.0, "亿元", 2025, None);
    let obs = [
        Observation::level(2020, 50.0, "亿元"),
        Observation::level(2021, 60.0, "亿元"),
        part(2022, "1-9月", 55.0, "亿元"),
    ];
    let b = run(money, None, &obs, Options::default());
    assert_eq!((b.part_year[0].expected, b.part_year[0].on_pace), (None, None));
    assert!(
        serde_json::to_value(&b).unwrap()["part_year"][0]
            .get("on_pace")
            .is_none()
    );
}

/// A change target's explanation speaks in percent, as the target does: no index
/// (`指数0.8918`) and no index per year (`所需年均变化-0.027/年`).
#[test]
fn a_change_target_is_explained_in_percent_not_as_an_index() {
    let t = change(Direction::Down, Bound::Ge, 13.5, 2025, 2020);
    let obs = levels(&[(2020, 0.5), (2024, 0.4459)], "吨标准煤/万元");
    let a = run(t, None, &obs, Options::default());
    let (zh, en) = (&a.explanation.zh, &a.explanation.en);
    let index = |t: &str| t.replace("进度指数", "").replace("progress index", "");
    assert!(
        !index(zh).contains("指数") && !index(en).contains("index"),
        "{zh}\n{en}"
    );
    assert!(
        zh.contains("降幅不低于13.5%即达标") && zh.contains("以2020年为基期"),
        "{zh}"
    );
    assert!(zh.contains("较2020年下降10.82%"), "{zh}");
    assert!(en.contains("down 10.82% since 2020"), "{en}");
    // 13.5% over five years is 2.7% of the base a year; 10.82% over four, 2.7% too.
    assert!(
        zh.contains("所需年均变化-2.7%/年") && zh.contains("实际年均变化-2.7"),
        "{zh}"
    );
    let index_per_year = bare_index_per_year(zh);
    assert!(!index_per_year, "an index per year: {zh}");
}

/// Whether a text holds a bare index per year such as `-0.027/年`.
fn bare_index_per_year(text: &str) -> bool {
    text.split("年均变化").skip(1).any(|rest| {
        let number: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
            .collect();
        rest[number.len()..].starts_with("/年")
    })
}
