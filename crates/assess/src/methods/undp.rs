//! The UNSD 2020–2022 progress chart as coded in the UNDP SDG Push pipeline (§2a):
//! the ratio CR of actual to required CAGR, and the 0.9995 "achieved" tolerance.

use pledge_model::Desirability;

/// UNDP status classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UndpStatus {
    /// The target is (within 0.05%) met.
    TargetAchieved,
    /// CR ≥ 0.95.
    OnTrack,
    /// 0.5 ≤ CR < 0.95: "Fair progress but acceleration needed".
    FairProgress,
    /// −0.1 ≤ CR < 0.5: "Limited or No Progress".
    LimitedOrNoProgress,
    /// CR < −0.1.
    Deterioration,
}

/// Classifies the ratio CR = CAGR_a/CAGR_r (boundaries inclusive from below).
pub fn classify(cr: f64) -> UndpStatus {
    if cr >= 0.95 {
        UndpStatus::OnTrack
    } else if cr >= 0.5 {
        UndpStatus::FairProgress
    } else if cr >= -0.1 {
        UndpStatus::LimitedOrNoProgress
    } else {
        UndpStatus::Deterioration
    }
}

/// The UNDP achieved test: v_t/v_T > 0.9995 for an increase, v_T/v_t > 0.9995 (or v_t = 0)
/// for a decrease.
pub fn target_achieved(current: f64, target: f64, direction: Desirability) -> bool {
    match direction {
        Desirability::Up => target != 0.0 && current / target > 0.9995,
        Desirability::Down => current == 0.0 || target / current > 0.9995,
    }
}

/// The whole UNDP rule chain for one series from base to current, with a target for
/// the target year.
pub fn assess(
    (base_year, base): (i32, f64),
    (year, current): (i32, f64),
    (target_year, target): (i32, f64),
    direction: Desirability,
) -> Option<UndpStatus> {
    if target_achieved(current, target, direction) {
        return Some(UndpStatus::TargetAchieved);
    }
    let worse = match direction {
        Desirability::Up => current < base,
        Desirability::Down => current > base,
    };
    if target_achieved(base, target, direction) && worse {
        return Some(UndpStatus::Deterioration);
    }
    let cagr = |v1: f64, v0: f64, t: i32| {
        if v0 <= 0.0 || v1 <= 0.0 || t <= 0 {
            None
        } else {
            Some((v1 / v0).powf(1.0 / f64::from(t)) - 1.0)
        }
    };
    let required = cagr(target, base, target_year - base_year)?;
    let actual = cagr(current, base, year - base_year)?;
    if required == 0.0 {
        return Some(if worse {
            UndpStatus::Deterioration
        } else {
            UndpStatus::TargetAchieved
        });
    }
    Some(classify(actual / required))
}
