//! Arabic and Chinese numerals, magnitudes and ranges.

use super::{facts, one};
use pledge_extract::numbers::{parse_chinese, scale};
use pledge_model::{Direction, Measure};

#[test]
fn arabic_with_magnitudes() {
    assert_eq!(one("到2026年，全县光伏装机达到12万千瓦。").value, 120_000.0);
    assert_eq!(one("2023年全区财政收入35.7亿元。").value, 3_570_000_000.0);
    assert_eq!(one("2023年全国社会物流总额352.4万亿元。").value, 352.4e12);
}

#[test]
fn decimal_magnitudes_are_exact() {
    assert_eq!(scale(84.6, 1e8), 8_460_000_000.0);
    assert_eq!(scale(0.07, 1e4), 700.0);
}

#[test]
fn chinese_numerals() {
    let v = |s: &str| parse_chinese(s, 0, s.len()).map(|n| n.value);
    assert_eq!(v("两千三百万"), Some(23_000_000.0));
    assert_eq!(v("一千二百亿"), Some(120_000_000_000.0));
    assert_eq!(v("三点五"), Some(3.5));
    assert_eq!(v("十五"), Some(15.0));
    assert_eq!(v("一百零五"), Some(105.0));
    assert_eq!(v("三万五"), Some(35_000.0));
    assert_eq!(v("二〇二五"), Some(2025.0));
}

#[test]
fn chinese_numerals_in_sentences() {
    assert_eq!(one("2023年该市常住人口达到两千三百万人。").value, 23_000_000.0);
    assert_eq!(one("全市去年外贸进出口总额一千二百亿元。").value, 120_000_000_000.0);
    let f = one("二〇二五年全省森林覆盖率达到百分之二十。");
    assert_eq!((f.value, f.unit.as_ref(), f.year), (20.0, "%", Some(2025)));
}

#[test]
fn cheng_and_fanyifan() {
    let f = one("到2030年，全市绿色出行比例达到七成以上。");
    assert_eq!((f.value, f.unit.as_ref()), (70.0, "%"));
    assert_eq!(f.bound, pledge_model::Bound::Ge);
    let f = one("到2035年，全县居民人均收入翻一番。");
    assert_eq!(f.measure, Measure::Change);
    assert_eq!(f.direction, Some(Direction::Up));
    assert_eq!(f.value, 100.0);
}

#[test]
fn ranges() {
    let f = one("预计新厂年营收5亿元-6亿元。");
    assert_eq!((f.value, f.value_max), (500_000_000.0, Some(600_000_000.0)));
    let f = one("预计新建园区吸纳就业3至4万人。");
    assert_eq!(
        (f.value, f.value_max, f.unit.as_ref()),
        (30_000.0, Some(40_000.0), "人")
    );
}

#[test]
fn numbers_broken_by_spaces() {
    let f = one("2023 年，全区新增就业 1 2 3 4 人。");
    assert_eq!(f.value, 1234.0);
}

#[test]
fn many_numbers_in_a_row() {
    assert_eq!(facts("全镇有卫生室12个、学校5所、养老院3家。").len(), 3);
}

#[test]
fn negative_growth_is_a_decrease() {
    let f = one("今年1-5月，全县工业增加值比上年同期增长-8.7%。");
    assert_eq!(f.measure, Measure::Change);
    assert_eq!(f.direction, Some(Direction::Down));
    assert_eq!(f.value, 8.7);
}

#[test]
fn reduced_output_is_a_decrease() {
    let f = one("2015年，公司原煤产量比上年减产2500万吨。");
    assert_eq!(f.measure, Measure::Change);
    assert_eq!(f.direction, Some(Direction::Down));
}
