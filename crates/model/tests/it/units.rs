//! Unit parsing and conversion.

use pledge_model::Unit;
use pledge_model::unit::convert;

#[test]
fn conversions_where_dimensions_match() {
    // (from, to, factor)
    let cases = [
        ("万个", "个", 1e4),
        ("亿元", "元", 1e8),
        ("万亿元", "元", 1e12),
        ("万平方米", "平方米", 1e4),
        ("万千瓦", "千瓦", 1e4),
        ("百万千瓦", "千瓦", 1e6),
        ("万吨", "吨", 1e4),
        ("亿千瓦时", "千瓦时", 1e8),
        ("万千瓦时", "千瓦时", 1e4),
        ("十万人", "人", 1e5),
        ("千万元", "元", 1e7),
        ("百家", "家", 1e2),
        ("十辆", "辆", 10.0),
        ("万台", "台", 1e4),
        ("千座", "座", 1e3),
        ("公里", "米", 1e3),
        ("万吨/日", "吨/日", 1e4),
        ("万吨标准煤", "吨标准煤", 1e4),
        ("μg/m3", "微克/立方米", 1.0),
        ("ug/m3", "μg/m3", 1.0),
        ("％", "%", 1.0),
        ("个百分点", "百分点", 1.0),
    ];
    for (from, to, factor) in cases {
        let got = Unit::parse(from).factor_to(&Unit::parse(to));
        let got = got.unwrap_or_else(|| panic!("{from} → {to} should convert"));
        assert!((got - factor).abs() <= factor * 1e-12, "{from} → {to}: {got}");
    }
}

#[test]
fn conversions_refused_across_dimensions() {
    for (from, to) in [
        ("个", "家"),
        ("万辆", "台"),
        ("%", "百分点"),
        ("元", "吨"),
        ("千瓦", "千瓦时"),
        ("平方米", "米"),
        ("万标箱", "标箱"),
        ("标箱", "册数"),
    ] {
        assert_eq!(convert(1.0, from, to), None, "{from} → {to}");
    }
}

#[test]
fn unknown_units_compare_when_equal() {
    assert_eq!(convert(2.5, "标箱", "标箱"), Some(2.5));
    assert_eq!(convert(2.5, " 标箱 ", "标箱"), Some(2.5));
}

#[test]
fn whole_unit_names_win_over_prefixes() {
    // 千瓦 is a unit of its own (not 千 × 瓦 of some other dimension), 百分点 is not 百 × 分点.
    assert!(Unit::parse("百分点").is_percentage_point());
    assert!(Unit::parse("%").is_percent());
    assert!(!Unit::parse("百分点").is_percent());
    assert_eq!(convert(1.0, "千瓦", "瓦"), Some(1000.0));
}

#[test]
fn convert_scales_values() {
    assert_eq!(convert(5.5, "万个", "个"), Some(55000.0));
    assert_eq!(convert(55000.0, "个", "万个"), Some(5.5));
    assert_eq!(Unit::parse("万个").to_string(), "万个");
}
