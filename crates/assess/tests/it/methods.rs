//! The SB, UNDP, EUS, CN and DNS vectors of §7, through the method helpers.

use pledge_assess::Light;
use pledge_assess::methods::{cn, dns, eustat, sdg_build, undp};
use pledge_model::Desirability;

use crate::common::close;

use sdg_build::{SbConfig, SbSeries, SbStatus};

fn sb(
    points: &[(i32, f64)],
    base_year: i32,
    target: Option<f64>,
    target_year: i32,
    up: bool,
    limit: Option<f64>,
) -> sdg_build::SbProgress {
    let series = SbSeries {
        points,
        base_year,
        target_year,
        target,
        direction: if up { Desirability::Up } else { Desirability::Down },
        limit,
    };
    sdg_build::series_progress(&series, &SbConfig::default()).expect("no duplicate years")
}

const A: &[(i32, f64)] = &[(2020, 1.0), (2021, 0.975), (2022, 0.95), (2023, 0.93)];

#[test]
fn sb_vectors_with_a_target() {
    let b: &[(i32, f64)] = &[(2020, 20000.0), (2021, 30000.0), (2022, 42000.0), (2023, 55000.0)];
    let c: &[(i32, f64)] = &[(2020, 2.5), (2021, 2.2), (2022, 2.0), (2023, 1.8)];
    let d: &[(i32, f64)] = &[(2020, 1.0), (2023, 1.02)];
    let g: &[(i32, f64)] = &[(2021, 0.98), (2023, 0.93)];
    // (name, points, target, up, R, status, score)
    let cases = [
        ("SB-A", A, 0.852, false, 0.7581, SbStatus::ModerateProgress, 1.1293),
        ("SB-B", b, 80000.0, true, 1.2551, SbStatus::SubstantialProgress, 4.6795),
        ("SB-C", c, 1.0, false, 0.6194, SbStatus::ModerateProgress, 0.1387),
        ("SB-D", d, 0.852, false, -0.2101, SbStatus::Deterioration, -3.3753),
        ("SB-G", g, 0.852, false, 0.7516, SbStatus::ModerateProgress, 1.0828),
    ];
    for (name, points, target, up, r, status, score) in cases {
        let p = sb(points, 2020, Some(target), 2025, up, None);
        assert_eq!(p.status, status, "{name}");
        close(p.ratio, r, 5e-5);
        close(p.score, score, 5e-5);
    }
    assert_eq!(sb(g, 2020, Some(0.852), 2025, false, None).base_year, Some(2021));
}

#[test]
fn sb_e_target_achieved_and_sb_f_not_available() {
    let e = sb(&[(2020, 2.5), (2023, 0.9)], 2020, Some(1.0), 2025, false, None);
    assert_eq!(e.status, SbStatus::TargetAchieved);
    close(e.score, 5.0, 0.0);
    let f = sb(&[(2023, 0.93)], 2020, Some(0.852), 2025, false, None);
    assert_eq!(f.status, SbStatus::NotAvailable);
    assert_eq!(f.score, None);
}

#[test]
fn sb_h_and_sb_i_without_a_target() {
    let h = sb(&[(2015, 100.0), (2020, 110.408)], 2015, None, 2030, true, None);
    close(h.progress, 0.0200, 5e-5);
    assert_eq!(h.status, SbStatus::SubstantialProgress);
    close(h.score, 4.9999, 5e-5);
    let i = sb(&[(2015, 95.0), (2020, 96.43)], 2015, None, 2030, true, Some(100.0));
    close(i.coefficient, 0.20367, 5e-6);
    let th = i.thresholds.expect("scaled thresholds");
    close(Some(th.high), 0.003055, 5e-7);
    close(Some(th.med), 0.001018, 5e-7);
    close(i.progress, 0.002993, 5e-7);
    assert_eq!(i.status, SbStatus::ModerateProgress);
    close(i.score, 2.4233, 5e-5);
}

#[test]
fn sb_j_and_sb_k_zero_substitution_pitfalls() {
    let j = sb(&[(2015, 10.0), (2020, 5.0)], 2015, Some(0.0), 2030, false, None);
    close(j.ratio, 0.2821, 5e-5);
    assert_eq!(j.status, SbStatus::LimitedProgress);
    let k = sb(&[(2020, 0.0), (2023, 30000.0)], 2020, Some(80000.0), 2025, true, None);
    close(k.ratio, 8.354, 5e-4);
    assert_eq!(k.status, SbStatus::SubstantialProgress);
}

#[test]
fn sb_m_two_series_mean_score() {
    let s1 = sb(A, 2020, Some(0.852), 2025, false, None);
    let s2 = sb(A, 2020, Some(0.80), 2025, false, None);
    close(s1.score, 1.1293, 5e-5);
    close(s2.score, -0.2184, 5e-5);
    let (mean, status) = sdg_build::indicator_progress(&[s1, s2]);
    close(mean, 0.4554, 5e-5);
    assert_eq!(status, SbStatus::ModerateProgress);
}

#[test]
fn sb_duplicate_years_are_an_error() {
    let series = SbSeries {
        points: &[(2020, 1.0), (2020, 2.0), (2021, 3.0)],
        base_year: 2020,
        target_year: 2025,
        target: Some(5.0),
        direction: Desirability::Up,
        limit: None,
    };
    assert!(sdg_build::series_progress(&series, &SbConfig::default()).is_err());
}

#[test]
fn undp_1_cut_points_and_undp_2_tolerance() {
    use undp::UndpStatus::*;
    for (cr, status) in [
        (0.95, OnTrack),
        (0.5, FairProgress),
        (-0.1, LimitedOrNoProgress),
        (-0.11, Deterioration),
    ] {
        assert_eq!(undp::classify(cr), status, "CR {cr}");
    }
    // Decrease with v_T/v_t = 0.9996 → achieved; 0.9994 → not.
    assert!(undp::target_achieved(1.0, 0.9996, Desirability::Down));
    assert!(!undp::target_achieved(1.0, 0.9994, Desirability::Down));
    assert_eq!(
        undp::assess((2020, 2.5), (2023, 1.8), (2025, 1.0), Desirability::Down),
        Some(FairProgress)
    );
}

#[test]
fn eus_1_2_expected_completion_levels() {
    // (name, base, latest, target, P, level)
    let cases = [
        ("EUS-1 (C)", 2.5, 1.8, 1.0, 0.7027, 2),
        ("EUS-2 (B)", 20000.0, 55000.0, 80000.0, 1.466, 3),
        ("EUS-2 (D)", 1.0, 1.02, 0.852, -0.2267, 1),
    ];
    for (name, base, latest, target, p, level) in cases {
        let got = eustat::expected_completion((2020, base), (2023, latest), (2025, target));
        close(got, p, 5e-4);
        assert_eq!(eustat::level_with_target(got.unwrap()), level, "{name}");
    }
}

#[test]
fn eus_3_bands_without_a_target() {
    for (cagr, level) in [(0.02, 3), (0.01, 2), (0.004, 1)] {
        assert_eq!(eustat::level_without_target(cagr, Desirability::Up), level, "{cagr}");
        assert_eq!(
            eustat::level_without_target(-cagr, Desirability::Down),
            level,
            "-{cagr}"
        );
    }
}

#[test]
fn cn_1_barometer_2021_h1() {
    use pledge_assess::NdrcLevel::*;
    for (actual, level) in [(0.5, Level1), (-2.8, Level2), (-3.1, Level3)] {
        assert_eq!(cn::barometer_2021_h1(3.0, actual), level, "{actual}");
    }
}

#[test]
fn cn_2_barometer_2021_q1() {
    for (actual, light) in [(2.8, Light::Yellow), (2.5, Light::Red), (3.0, Light::Green)] {
        assert_eq!(cn::barometer_2021_q1(3.0, actual), light, "{actual}");
    }
}

#[test]
fn cn_3_city_2010() {
    let cases = [
        (1.0, 0, Light::Green),
        (0.95, 1, Light::Yellow),
        (0.60, 2, Light::Orange),
        (0.40, 3, Light::Red),
    ];
    for (rate, level, light) in cases {
        assert_eq!(cn::city_2010(rate), (level, light), "{rate}");
    }
}

#[test]
fn cn_4_hangzhou() {
    use cn::HangzhouPeriod::*;
    for (period, gaps) in [(FirstHalf, [0.5, 1.5, 2.5]), (JanuaryToSeptember, [0.3, 0.8, 1.2])] {
        let expected = [(1, Light::Yellow), (2, Light::Orange), (3, Light::Red)];
        for (gap, want) in gaps.into_iter().zip(expected) {
            assert_eq!(cn::hangzhou(period, gap), Some(want), "{period:?} {gap}");
        }
    }
    assert_eq!(cn::hangzhou(FirstHalf, 0.2), None);
}

#[test]
fn cn_5_scoring_and_veto() {
    for (rate, points) in [(0.90, 36.0), (1.20, 46.0), (0.45, 0.0), (1.0, 40.0), (1.5, 49.0)] {
        assert_eq!(cn::completion_points(rate), points, "{rate}");
    }
    assert_eq!(cn::grade(96.0, true), cn::Grade::NotFulfilled);
    assert_eq!(cn::grade(96.0, false), cn::Grade::Exceeded);
    assert_eq!(cn::grade(85.0, false).as_str(), "完成");
    assert_eq!(cn::grade(65.0, false).as_str(), "基本完成");
}

#[test]
fn dns_1_weather() {
    let points = [
        (2018, 100.0),
        (2019, 98.0),
        (2020, 97.0),
        (2021, 95.0),
        (2022, 94.0),
        (2023, 92.0),
    ];
    let r = dns::assess(&points, 80.0, 2030).expect("projection");
    close(Some(r.mean_change), -1.6, 1e-12);
    close(Some(r.projected), 80.8, 1e-9);
    close(Some(r.miss), 0.0667, 5e-5);
    assert_eq!(r.weather, dns::Weather::SunCloud);
}
