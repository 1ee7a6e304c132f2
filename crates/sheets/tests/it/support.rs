//! Shared helpers: a registry of a few real regions and indicators, and file builders.

use pledge_sheets::{MemoryRegistry, SheetErrors};

/// The header of `spec/cli.md`, all eleven columns.
pub const HEADER: &str = "region,indicator,year,value,unit,source_url,quote,measure,baseline_year,period,note";

/// A registry with Jinan, Shandong, Lixia and a few indicators with their units.
pub fn registry() -> MemoryRegistry {
    MemoryRegistry::new()
        .with_region("济南市")
        .with_region_alias("济南", "济南市")
        .with_region("山东省")
        .with_region("历下区")
        .with_indicator("PM2.5年均浓度", "μg/m3")
        .with_indicator("新能源汽车保有量", "辆")
        .with_indicator("光伏装机容量", "万千瓦")
        .with_indicator("能源消费总量", "万吨标准煤")
        .with_indicator_alias("能耗总量", "能源消费总量")
        .with_indicator("环境空气质量综合指数", "")
        .with_indicator("空气质量优良率", "%")
}

/// CSV bytes from lines (joined with `\n`, with a final newline).
pub fn csv(lines: &[&str]) -> Vec<u8> {
    let mut text = lines.join("\n");
    text.push('\n');
    text.into_bytes()
}

/// A valid data line for the full header, with the given region, indicator, year, value and unit.
pub fn line(region: &str, indicator: &str, year: &str, value: &str, unit: &str) -> String {
    format!("{region},{indicator},{year},\"{value}\",{unit},https://example.gov.cn/a.html,原文{year},,,,")
}

/// The errors as (row, column, value) triples, for compact assertions.
pub fn cells(errors: &SheetErrors) -> Vec<(Option<usize>, Option<String>, String)> {
    errors
        .errors
        .iter()
        .map(|e| (e.row, e.column.clone(), e.value.clone()))
        .collect()
}
