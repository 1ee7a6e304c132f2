//! Target against actual.

use super::{facts, one};
use pledge_model::Kind;

#[test]
fn commitments_are_targets() {
    assert_eq!(one("今年全区将新增城镇就业8000人。").kind, Kind::Target);
    assert_eq!(one("今年全区力争引进项目50个。").kind, Kind::Target);
    assert_eq!(one("到2026年，全市博物馆数量达到60家。").kind, Kind::Target);
    assert_eq!(one("2024年全区计划完成投资90亿元。").kind, Kind::Target);
}

#[test]
fn reports_are_actuals() {
    assert_eq!(one("2023年全区已建成充电桩3000个。").kind, Kind::Actual);
    assert_eq!(one("截至去年底，全区共有养老机构45家。").kind, Kind::Actual);
    assert_eq!(one("2023年全区粮食产量同比增长2.1%。").kind, Kind::Actual);
}

#[test]
fn task_and_result_side_by_side() {
    let f = facts("2023年全区招商引资的指标任务80亿元，实际完成96亿元。");
    assert_eq!(f.len(), 2);
    assert_eq!((f[0].kind, f[0].value), (Kind::Target, 8e9));
    assert_eq!((f[1].kind, f[1].value), (Kind::Actual, 9.6e9));
    assert_eq!(f[1].indicator, f[0].indicator);
}

#[test]
fn a_commitment_carries_through_its_sentence() {
    let f = facts("该县将实施乡村道路提升工程，硬化道路120公里，改造危桥15座。");
    assert!(f.iter().all(|x| x.kind == Kind::Target), "{f:#?}");
}

#[test]
fn traditional_cues() {
    assert_eq!(one("今年全區將新增綠地30公頃。").kind, Kind::Target);
    assert_eq!(one("截至2023年底，全區已建成公園85個。").kind, Kind::Actual);
}
