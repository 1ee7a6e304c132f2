//! Property tests: no panic and no NaN or infinity on any finite input; never ACHIEVED on
//! the wrong side of a bound; compound growth through values ≤ 0 is NOT_ASSESSABLE.

use pledge_assess::{Assessment, Growth, Options, Profile, Status, TargetInput, assess};
use pledge_model::{Bound, Direction, Measure, Observation, Target};
use proptest::prelude::*;

fn measure() -> impl Strategy<Value = Measure> {
    prop_oneof![Just(Measure::Level), Just(Measure::Change), Just(Measure::Increment)]
}

fn bound() -> impl Strategy<Value = Bound> {
    prop_oneof![Just(Bound::Eq), Just(Bound::Ge), Just(Bound::Le), Just(Bound::About)]
}

fn unit() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("个"),
        Just("万个"),
        Just("%"),
        Just("百分点"),
        Just("元"),
        Just("亿元"),
        Just("标箱")
    ]
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e6f64..1e6,
        Just(0.0),
        Just(-100.0),
        Just(100.0),
        prop::num::f64::NORMAL,
    ]
}

fn target() -> impl Strategy<Value = Target> {
    (
        measure(),
        prop::option::of(prop_oneof![Just(Direction::Up), Just(Direction::Down)]),
        bound(),
        number(),
        prop::option::of(number()),
        unit(),
        2000i32..2040,
        prop::option::of(1990i32..2040),
    )
        .prop_map(
            |(measure, direction, bound, value, value_max, unit, year, baseline_year)| Target {
                measure,
                direction,
                bound,
                value,
                value_max,
                unit: unit.into(),
                year,
                baseline_year: baseline_year.filter(|b| *b < year),
                aspiration: false,
            },
        )
}

fn observation() -> impl Strategy<Value = Observation> {
    (
        1990i32..2045,
        number(),
        unit(),
        measure(),
        prop::option::of(1985i32..2045),
        prop::option::of(Just("H1")),
    )
        .prop_map(|(year, value, unit, measure, baseline_year, period)| Observation {
            year,
            period: period.map(str::to_owned),
            value,
            unit: unit.into(),
            measure,
            baseline_year: baseline_year.filter(|b| *b < year),
        })
}

fn options() -> impl Strategy<Value = Options> {
    (
        prop_oneof![Just(Growth::Linear), Just(Growth::Compound)],
        prop_oneof![
            Just(Profile::StatcanEurostat),
            Just(Profile::Unsd2022),
            Just(Profile::Ndrc)
        ],
        0.0f64..0.5,
    )
        .prop_map(|(growth, profile, tolerance)| Options {
            growth,
            profile,
            tolerance,
            as_of: None,
        })
}

/// Every number an assessment reports.
fn numbers(a: &Assessment) -> Vec<f64> {
    let mut v = vec![a.target_value];
    v.extend(a.base.iter().chain(a.latest.iter()).map(|p| p.value));
    v.extend(
        [
            a.met_from,
            a.met_to,
            a.cumulative_change_pct,
            a.cumulative_change,
            a.completion,
            a.time_elapsed,
            a.progress_index,
            a.required_annual,
            a.actual_annual,
            a.required_from_now,
            a.ratio,
        ]
        .into_iter()
        .flatten(),
    );
    if let Some(c) = a.compound {
        v.extend(
            [
                c.required_annual_rate,
                c.actual_annual_rate,
                c.ratio,
                c.required_from_now_rate,
            ]
            .into_iter()
            .flatten(),
        );
    }
    for f in a.forecasts.iter().chain(a.forecast.iter()) {
        v.push(f.value);
        v.extend(f.expected_completion);
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_finite_input_gives_finite_output_or_an_error(
        target in target(),
        obs in prop::collection::vec(observation(), 0..8),
        options in options(),
    ) {
        if let Ok(a) = assess(&TargetInput { target, desirable: None }, &obs, &options) {
            for x in numbers(&a) {
                prop_assert!(x.is_finite(), "non-finite {x} in {a:?}");
            }
            let json = serde_json::to_string(&a).expect("serializes");
            prop_assert!(!json.contains("NaN") && !json.contains("inf"));
        }
    }

    #[test]
    fn achieved_means_the_value_meets_the_bound(
        ge in any::<bool>(),
        value in -1e6f64..1e6,
        points in prop::collection::vec((2015i32..2030, -1e6f64..1e6), 1..8),
        options in options(),
    ) {
        let bound = if ge { Bound::Ge } else { Bound::Le };
        let target = Target {
            measure: Measure::Level, direction: None, bound, value, value_max: None,
            unit: "个".into(), year: 2025, baseline_year: None, aspiration: false,
        };
        let obs: Vec<Observation> = points.iter().map(|&(y, v)| Observation::level(y, v, "个")).collect();
        let a = assess(&TargetInput { target, desirable: None }, &obs, &options).unwrap();
        if a.status == Status::Achieved {
            let v = a.latest.expect("achieved on a value").value;
            let slack = 1e-9 * v.abs().max(value.abs());
            prop_assert!(if ge { v >= value - slack } else { v <= value + slack }, "{v} vs {bound:?} {value}");
        }
    }

    #[test]
    fn values_on_the_wrong_side_are_never_achieved(
        ge in any::<bool>(),
        value in -1e6f64..1e6,
        gaps in prop::collection::vec((2015i32..2030, 1e-3f64..1e6), 1..8),
        options in options(),
    ) {
        let bound = if ge { Bound::Ge } else { Bound::Le };
        let target = Target {
            measure: Measure::Level, direction: None, bound, value, value_max: None,
            unit: "个".into(), year: 2025, baseline_year: None, aspiration: false,
        };
        let obs: Vec<Observation> = gaps
            .iter()
            .map(|&(y, gap)| Observation::level(y, if ge { value - gap } else { value + gap }, "个"))
            .collect();
        let a = assess(&TargetInput { target, desirable: None }, &obs, &options).unwrap();
        prop_assert_ne!(a.status, Status::Achieved);
    }

    #[test]
    fn compound_through_values_at_or_below_zero_is_not_assessable(
        base in -1e6f64..=0.0,
        span in 1.0f64..1e6,
        share in 0.0f64..0.999,
        profile in prop_oneof![Just(Profile::StatcanEurostat), Just(Profile::Unsd2022), Just(Profile::Ndrc)],
    ) {
        // Base ≤ 0 below a `>=` target, latest between them: rules 2–5 do not apply.
        let value = base + span;
        let latest = base + share * span;
        let target = Target {
            measure: Measure::Level, direction: None, bound: Bound::Ge, value, value_max: None,
            unit: "个".into(), year: 2025, baseline_year: None, aspiration: false,
        };
        let obs = [Observation::level(2020, base, "个"), Observation::level(2023, latest, "个")];
        let options = Options { growth: Growth::Compound, profile, ..Options::default() };
        let a = assess(&TargetInput { target, desirable: None }, &obs, &options).unwrap();
        prop_assert_eq!(a.status, Status::NotAssessable);
    }
}
