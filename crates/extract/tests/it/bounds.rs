//! Bound words and approximations, simplified and traditional.

use super::one;
use pledge_model::Bound;

#[test]
fn lower_bounds() {
    assert_eq!(one("到2026年，全县农村自来水普及率达到98%以上。").bound, Bound::Ge);
    assert_eq!(one("到2026年，全市5G基站总数超过3万个。").bound, Bound::Ge);
    assert_eq!(one("2024年全年培训农民不少于5000人次。").bound, Bound::Ge);
    assert_eq!(one("到2026年，全区建成口袋公园不低于40个。").bound, Bound::Ge);
}

#[test]
fn upper_bounds() {
    assert_eq!(one("到2026年，全市城市内涝积水点控制在5处以内。").bound, Bound::Le);
    assert_eq!(one("到2026年，全市单位GDP二氧化碳排放不超过0.8吨。").bound, Bound::Le);
    assert_eq!(one("到2026年，全县耕地撂荒率控制在1%。").bound, Bound::Le);
}

#[test]
fn approximations() {
    assert_eq!(one("到2026年，全市数字经济规模约3000亿元。").bound, Bound::About);
    assert_eq!(one("到2026年，全市数字经济占比达到45%左右。").bound, Bound::About);
    let f = one("今年以来，全区新开办企业1200余家。");
    assert_eq!((f.bound, f.value), (Bound::Ge, 1200.0));
    let f = one("今年以来，全区举办招聘会30多场。");
    assert_eq!((f.bound, f.value), (Bound::Ge, 30.0));
    let f = one("今年以来，全区吸引游客3万余人次。");
    assert_eq!((f.bound, f.value, f.unit.as_ref()), (Bound::Ge, 30_000.0, "人次"));
}

#[test]
fn aspiration_keeps_its_bound() {
    let f = one("到2027年，全市光伏装机力争达到500万千瓦以上。");
    assert_eq!((f.bound, f.value), (Bound::Ge, 5_000_000.0));
}

#[test]
fn traditional_bound_words() {
    assert_eq!(one("到2026年，全市森林覆蓋率達到45%以上。").bound, Bound::Ge);
    assert_eq!(one("到2026年，全市噪聲超標點位不超過3個。").bound, Bound::Le);
    assert_eq!(one("到2026年，全市綠化面積約1200公頃。").bound, Bound::About);
}

#[test]
fn rough_words_are_approximations_and_leave_the_indicator() {
    let f = one("2023年，全市改造垃圾分类亭大概1000处。");
    assert_eq!(f.bound, Bound::About, "{f:#?}");
    assert!(f.indicator.ends_with("垃圾分类亭"), "{f:#?}");
    assert_eq!(one("2023年，全市日供水量大致30万吨。").bound, Bound::About);
}

#[test]
fn a_modal_before_the_level_verb_is_not_the_indicator() {
    let f = one("2023年，全市垃圾日处理能力可达2000吨。");
    assert_eq!((f.indicator.as_str(), f.value), ("垃圾日处理能力", 2000.0), "{f:#?}");
    let f = one("2023年，全市共计建成充电桩1200个。");
    assert!(!f.indicator.contains('计'), "{f:#?}");
}
