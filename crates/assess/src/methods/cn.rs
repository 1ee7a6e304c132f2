//! Chinese rules (§4): the NDRC dual-control barometers of 2021, a city's 2010
//! pre-warning scheme, Hangzhou's percentage-point gaps, and target-responsibility scoring.

use crate::status::{Light, NdrcLevel};

/// The 2021 H1 barometer (发改办环资〔2021〕629号): 一级 when intensity rose (不降反升),
/// 二级 when it fell by less than the progress requirement, 三级 otherwise.
///
/// `required_reduction` is the reduction the progress requirement asks for (3.0 for
/// 3.0%); `actual_change` is the signed change (+0.5 for a rise, −2.8 for a fall).
pub fn barometer_2021_h1(required_reduction: f64, actual_change: f64) -> NdrcLevel {
    if actual_change > 0.0 {
        NdrcLevel::Level1
    } else if -actual_change < required_reduction {
        NdrcLevel::Level2
    } else {
        NdrcLevel::Level3
    }
}

/// The 2021 Q1 barometer: green when the progress target is met, yellow when the gap is
/// within 10% of the target, red beyond. Both numbers are reductions (3.0 for 3.0%).
pub fn barometer_2021_q1(progress_target: f64, actual: f64) -> Light {
    if actual >= progress_target {
        Light::Green
    } else if (progress_target - actual) <= 0.10 * progress_target.abs() {
        Light::Yellow
    } else {
        Light::Red
    }
}

/// A city's 2010 pre-warning level (0 to 3) and colour from the 完成率 (achieved ÷
/// annual target reduction, 1.0 = 100%): ≥ 100% 0级 green, ≥ 90% 一级 yellow,
/// > 50% 二级 orange, ≤ 50% 三级 red.
pub fn city_2010(completion: f64) -> (u8, Light) {
    if completion >= 1.0 {
        (0, Light::Green)
    } else if completion >= 0.9 {
        (1, Light::Yellow)
    } else if completion > 0.5 {
        (2, Light::Orange)
    } else {
        (3, Light::Red)
    }
}

/// The period a Hangzhou warning is read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HangzhouPeriod {
    /// 上半年.
    FirstHalf,
    /// 1—9月.
    JanuaryToSeptember,
}

/// Hangzhou's warning level (1 = Ⅰ yellow, 2 = Ⅱ orange, 3 = Ⅲ red) from the gap in
/// percentage points between the actual and the annual-target intensity reduction;
/// `None` when the gap is below the first band.
pub fn hangzhou(period: HangzhouPeriod, gap_pp: f64) -> Option<(u8, Light)> {
    let (first, second, third) = match period {
        HangzhouPeriod::FirstHalf => (0.3, 1.0, 2.0),
        HangzhouPeriod::JanuaryToSeptember => (0.0, 0.5, 1.0),
    };
    if gap_pp <= first {
        return None;
    }
    let upper_inclusive = period == HangzhouPeriod::FirstHalf;
    let within = |limit: f64| {
        if upper_inclusive {
            gap_pp <= limit
        } else {
            gap_pp < limit
        }
    };
    if within(second) {
        Some((1, Light::Yellow))
    } else if gap_pp <= third {
        Some((2, Light::Orange))
    } else {
        Some((3, Light::Red))
    }
}

/// Points for the 目标完成率 (1.0 = 100%) in the county table: 40 at 100%, 4 fewer per
/// full 10% short down to 20 at 50%, 0 below 50%; +3 per full 10% over, at most +9.
pub fn completion_points(rate: f64) -> f64 {
    let tenths = (rate * 10.0 + 1e-9).floor();
    if rate >= 1.0 - 1e-9 {
        let over = (tenths - 10.0).clamp(0.0, 3.0);
        40.0 + 3.0 * over
    } else if rate >= 0.5 - 1e-9 {
        40.0 - 4.0 * (10.0 - tenths)
    } else {
        0.0
    }
}

/// Target-responsibility grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grade {
    /// 超额完成: ≥ 95 points.
    Exceeded,
    /// 完成: 80–94.
    Fulfilled,
    /// 基本完成: 60–79.
    BasicallyFulfilled,
    /// 未完成: < 60, or a missed veto indicator.
    NotFulfilled,
}

impl Grade {
    /// The grade as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Exceeded => "超额完成",
            Grade::Fulfilled => "完成",
            Grade::BasicallyFulfilled => "基本完成",
            Grade::NotFulfilled => "未完成",
        }
    }
}

/// The grade from the total points; a missed veto indicator (否决性指标, the intensity
/// target) means 未完成 whatever the score.
pub fn grade(points: f64, veto_missed: bool) -> Grade {
    if veto_missed || points < 60.0 {
        Grade::NotFulfilled
    } else if points >= 95.0 {
        Grade::Exceeded
    } else if points >= 80.0 {
        Grade::Fulfilled
    } else {
        Grade::BasicallyFulfilled
    }
}
