//! Real sentences from other sources (`shared/data/*.csv` quotes), several in traditional
//! characters, to check that the grammar is not tied to one page.

use super::{facts, facts_on};
use pledge_model::{Bound, Direction, Kind, Measure};

#[test]
fn national_statistics_with_previous_year() {
    let f = facts_on("2021年,全国万元国内生产总值能耗比上年下降2.7%", None);
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].scope.as_ref(), f[0].year, f[0].baseline_year),
        ("中国", Some(2021), Some(2020))
    );
    assert_eq!(
        (f[0].measure, f[0].direction, f[0].value),
        (Measure::Change, Some(Direction::Down), 2.7)
    );
}

#[test]
fn traditional_report() {
    let f = facts_on(
        "扣除原料用能和非化石能源消費量後,2024年全國萬元(人民幣)國內生產總值能耗比上年下降3.8%",
        None,
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].indicator, "萬元國內生產總值能耗");
    assert_eq!(
        (f[0].year, f[0].baseline_year, f[0].value),
        (Some(2024), Some(2023), 3.8)
    );
}

#[test]
fn plan_target_with_fenbie() {
    let f = facts("氮氧化物、挥发性有机物、化学需氧量、氨氮重点工程减排量分别达到9494吨、7373吨、18180吨、707吨");
    assert_eq!(f.len(), 4);
    assert_eq!(f[3].indicator, "氨氮重点工程减排量");
    assert_eq!(f[0].indicator, "氮氧化物重点工程减排量");
    assert!(f.iter().all(|x| x.measure == Measure::Increment));
}

#[test]
fn province_target() {
    let f = facts_on(
        "到2025年,公共、专用充换电站保有量达到8000座以上,充电基础设施达到15万台以上",
        None,
    );
    assert_eq!(f.len(), 2);
    assert!(
        f.iter()
            .all(|x| x.kind == Kind::Target && x.bound == Bound::Ge && x.year == Some(2025))
    );
    assert_eq!(f[1].value, 150_000.0);
}

#[test]
fn part_year_in_traditional() {
    let f = facts_on("今年上半年能耗強度下降5.7%", Some("2024-08-01"));
    assert_eq!((f[0].year, f[0].period.as_deref()), (Some(2024), Some("H1")));
}

#[test]
fn from_to_values() {
    let f = facts_on("人均地区生产总值从2020年的11.36万元提升至2024年的14.28万元", None);
    assert_eq!(f.len(), 2);
    assert_eq!((f[0].year, f[0].value), (Some(2020), 113_600.0));
    assert_eq!((f[1].year, f[1].value), (Some(2024), 142_800.0));
}
