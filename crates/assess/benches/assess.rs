//! Assesses 1,000,000 targets with 10 observations each on one core and reports targets
//! per second (divan's item throughput), plus the JSON Lines batch on 10,000 lines.
//!
//! Run with `cargo bench -p pledge-assess --bench assess`.

use std::sync::LazyLock;

use divan::counter::ItemsCount;
use pledge_assess::{Options, TargetInput, assess};
use pledge_model::{Bound, Direction, Measure, Observation, Target};

/// Number of targets assessed per iteration.
const TARGETS: usize = 1_000_000;
/// Observations per target.
const OBSERVATIONS: i32 = 10;

fn main() {
    divan::main();
}

/// A small deterministic generator, so every run assesses the same inputs.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One target of a mix of kinds: level `>=` in mixed units, level `<=`, a `%` reduction
/// observed as year-on-year changes, and an increment observed yearly.
fn input(rng: &mut Lcg, i: usize) -> (TargetInput, Vec<Observation>) {
    let year = if i % 3 == 0 { 2030 } else { 2025 };
    let first = 2015;
    let base = 100.0 + 900.0 * rng.next();
    let kind = i % 20;
    let (target, observations): (Target, Vec<Observation>) = match kind {
        0..=7 => {
            let goal = base * (1.5 + rng.next());
            let obs = (0..OBSERVATIONS)
                .map(|k| {
                    let v = base + (goal - base) * (k as f64 / 12.0) * (0.5 + rng.next());
                    if k % 2 == 0 {
                        Observation::level(first + k, v, "个")
                    } else {
                        Observation::level(first + k, v / 1e4, "万个")
                    }
                })
                .collect();
            (level_target(Bound::Ge, goal, year), obs)
        }
        8..=11 => {
            let goal = base * (0.5 + 0.3 * rng.next());
            let obs = (0..OBSERVATIONS)
                .map(|k| Observation::level(first + k, base * (1.0 - 0.04 * k as f64 * rng.next()), "个"))
                .collect();
            (level_target(Bound::Le, goal, year), obs)
        }
        12..=16 => {
            let target = Target {
                measure: Measure::Change,
                direction: Some(Direction::Down),
                bound: Bound::Eq,
                value: 10.0 + 10.0 * rng.next(),
                value_max: None,
                unit: "%".into(),
                year,
                baseline_year: Some(first),
                aspiration: false,
            };
            let obs = (1..=OBSERVATIONS)
                .map(|k| Observation::change(first + k, first + k - 1, -3.0 * rng.next() + 0.5, "%"))
                .collect();
            (target, obs)
        }
        _ => {
            let target = Target {
                measure: Measure::Increment,
                value: 40.0 + 20.0 * rng.next(),
                unit: "家".into(),
                baseline_year: Some(first),
                ..level_target(Bound::Eq, 0.0, year)
            };
            let obs = (1..=OBSERVATIONS)
                .map(|k| Observation::increment(first + k, first + k - 1, 4.0 * rng.next(), "家"))
                .collect();
            (target, obs)
        }
    };
    (
        TargetInput {
            target,
            desirable: None,
        },
        observations,
    )
}

fn level_target(bound: Bound, value: f64, year: i32) -> Target {
    Target {
        measure: Measure::Level,
        direction: None,
        bound,
        value,
        value_max: None,
        unit: "个".into(),
        year,
        baseline_year: None,
        aspiration: false,
    }
}

static INPUTS: LazyLock<Vec<(TargetInput, Vec<Observation>)>> = LazyLock::new(|| {
    let mut rng = Lcg(42);
    (0..TARGETS).map(|i| input(&mut rng, i)).collect()
});

/// 1,000,000 targets × 10 observations, one core: throughput = targets per second.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn assess_one_million(bencher: divan::Bencher) {
    let inputs = &*INPUTS;
    let options = Options::default();
    bencher.counter(ItemsCount::new(TARGETS)).bench(|| {
        let mut statuses = 0usize;
        for (target, observations) in inputs {
            let a = assess(divan::black_box(target), observations, &options).expect("valid input");
            statuses += a.status as usize;
            divan::black_box(&a);
        }
        statuses
    });
}

/// The JSON Lines protocol (parse, assess, serialize) on 10,000 lines: lines per second.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn batch_ten_thousand_lines(bencher: divan::Bencher) {
    let mut text = String::new();
    for (i, (input, observations)) in INPUTS.iter().take(10_000).enumerate() {
        let line = serde_json::json!({
            "id": i,
            "target": input.target,
            "observations": observations,
        });
        text.push_str(&line.to_string());
        text.push('\n');
    }
    bencher.counter(ItemsCount::new(10_000usize)).bench(|| {
        let mut out = Vec::with_capacity(text.len() * 4);
        let summary = pledge_assess::batch::run(text.as_bytes(), &mut out).expect("in memory");
        assert_eq!(summary.errors, 0);
        out.len()
    });
}
