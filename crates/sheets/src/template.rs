//! Templates for offices to fill in: the import columns, one example row, and (in xlsx)
//! a notes sheet and drop-down lists, so that most mistakes cannot be typed at all.
//!
//! The example row is a real figure with its real source (Jinan's 2021 PM2.5 from the
//! shared observations), so a template imported with the example left in adds a true,
//! sourced value rather than a fake one.

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Format as CellFormat, Formula, Workbook, Worksheet, XlsxError,
};

use crate::columns::Column;
use crate::xlsx::DATA_SHEET_NAMES;

/// The example row, in the order of [`Column::ALL`].
pub const EXAMPLE_ROW: [&str; 11] = [
    "济南市",
    "PM2.5年均浓度",
    "2021",
    "40",
    "μg/m3",
    "http://sdenews.com/html/2022/10/341079.shtml",
    "2021年,济南市细颗粒物(PM2.5)年均浓度为40微克/立方米,同比改善18.4%",
    "level",
    "",
    "",
    "",
];

/// Name of the hidden sheet holding the drop-down lists.
pub const LISTS_SHEET: &str = "lists";
/// Name of the notes sheet.
pub const NOTES_SHEET: &str = "notes";
/// How many rows under the header carry the drop-downs.
pub const VALIDATED_ROWS: u32 = 10_000;

/// The measures offered in the drop-down.
const MEASURES: [&str; 3] = ["level", "change", "increment"];

/// A CSV template: UTF-8 with a byte order mark (so that Excel opens the Chinese
/// correctly), the header row in canonical column names, and the example row.
pub fn template_csv() -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(Column::ALL.map(Column::name));
        let _ = writer.write_record(EXAMPLE_ROW);
        let _ = writer.flush();
    }
    out
}

/// An xlsx template: a data sheet (`observations`) with the header, the example row and
/// drop-downs for region, indicator and measure (plus whole-number checks on the years),
/// a notes sheet explaining every column in Chinese and English, and a hidden `lists`
/// sheet holding the regions and the indicators with their units, which the drop-downs
/// reference. An empty `regions` or `indicators` list leaves that column free.
pub fn template_xlsx(regions: &[String], indicators: &[(String, String)]) -> Vec<u8> {
    // The only failures rust_xlsxwriter reports are limits we stay within (sheet names,
    // row counts, 32,767-character strings, which `clip` enforces).
    build_template(regions, indicators).unwrap_or_default()
}

fn build_template(regions: &[String], indicators: &[(String, String)]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = CellFormat::new().set_bold();
    let required = CellFormat::new().set_bold().set_background_color("#FFF2CC");

    let data = workbook.add_worksheet();
    data.set_name(DATA_SHEET_NAMES[0])?;
    for (i, column) in Column::ALL.into_iter().enumerate() {
        let col = i as u16;
        let format = if column.is_required() { &required } else { &bold };
        data.write_string_with_format(0, col, column.name(), format)?;
        let example = EXAMPLE_ROW[i];
        match column {
            Column::Year | Column::Value => {
                data.write_number(1, col, example.parse::<f64>().unwrap_or_default())?;
            }
            _ if !example.is_empty() => {
                data.write_string(1, col, example)?;
            }
            _ => {}
        }
        let width = match column {
            Column::Quote => 50.0,
            Column::SourceUrl => 36.0,
            Column::Indicator => 28.0,
            Column::Region | Column::Note => 16.0,
            _ => 12.0,
        };
        data.set_column_width(col, width)?;
    }
    data.set_freeze_panes(1, 0)?;
    add_validations(data, regions, indicators)?;

    let notes = workbook.add_worksheet();
    notes.set_name(NOTES_SHEET)?;
    write_notes(notes, &bold)?;

    let lists = workbook.add_worksheet();
    lists.set_name(LISTS_SHEET)?;
    lists.write_string_with_format(0, 0, "region", &bold)?;
    lists.write_string_with_format(0, 1, "indicator", &bold)?;
    lists.write_string_with_format(0, 2, "unit", &bold)?;
    lists.write_string_with_format(0, 3, "measure", &bold)?;
    for (i, region) in regions.iter().enumerate() {
        lists.write_string(i as u32 + 1, 0, clip(region))?;
    }
    for (i, (indicator, unit)) in indicators.iter().enumerate() {
        lists.write_string(i as u32 + 1, 1, clip(indicator))?;
        lists.write_string(i as u32 + 1, 2, clip(unit))?;
    }
    for (i, measure) in MEASURES.iter().enumerate() {
        lists.write_string(i as u32 + 1, 3, *measure)?;
    }
    lists.set_column_width(0, 20)?;
    lists.set_column_width(1, 36)?;
    lists.set_hidden(true);

    workbook.save_to_buffer()
}

fn add_validations(data: &mut Worksheet, regions: &[String], indicators: &[(String, String)]) -> Result<(), XlsxError> {
    let position = |column: Column| Column::ALL.iter().position(|c| *c == column).unwrap_or(0) as u16;
    let last = VALIDATED_ROWS;
    if !regions.is_empty() {
        let range = format!("={LISTS_SHEET}!$A$2:$A${}", regions.len() + 1);
        let validation = DataValidation::new()
            .allow_list_formula(Formula::new(range))
            .set_error_title("地区 region")?
            .set_error_message("请从列表中选择地区。Choose a region from the list.")?;
        let col = position(Column::Region);
        data.add_data_validation(1, col, last, col, &validation)?;
    }
    if !indicators.is_empty() {
        let range = format!("={LISTS_SHEET}!$B$2:$B${}", indicators.len() + 1);
        let validation = DataValidation::new()
            .allow_list_formula(Formula::new(range))
            .set_input_title("指标 indicator")?
            .set_input_message(
                "单位见隐藏的 lists 表 B、C 列。The unit of each indicator is next to it on the lists sheet.",
            )?
            .set_error_title("指标 indicator")?
            .set_error_message("请从列表中选择指标。Choose an indicator from the list.")?;
        let col = position(Column::Indicator);
        data.add_data_validation(1, col, last, col, &validation)?;
    }
    let measures = DataValidation::new()
        .allow_list_strings(&MEASURES)?
        .set_error_message("level, change or increment")?;
    let col = position(Column::Measure);
    data.add_data_validation(1, col, last, col, &measures)?;

    let years = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(
            crate::validate::MIN_YEAR,
            crate::validate::MAX_YEAR,
        ))
        .set_error_message("年份应为整数,如 2021。A year is a whole number such as 2021.")?;
    for column in [Column::Year, Column::BaselineYear] {
        let col = position(column);
        data.add_data_validation(1, col, last, col, &years)?;
    }
    Ok(())
}

/// What each column means, in Chinese and in English.
fn column_note(column: Column) -> (&'static str, &'static str) {
    match column {
        Column::Region => ("地区名称,须为系统已有地区", "region name, one the registry knows"),
        Column::Indicator => ("指标名称,须为系统已有指标", "indicator name, one the registry knows"),
        Column::Year => ("数据所属年份,如 2021", "the year the value refers to, e.g. 2021"),
        Column::Value => (
            "数值;可写 1,234.5;下降写负数(−2.7)",
            "the number; 1,234.5 is fine; a fall is negative (−2.7)",
        ),
        Column::Unit => (
            "单位,如 万吨、%、μg/m3;无量纲指数留空;系统换算为指标单位",
            "unit such as 万吨, %, μg/m3; empty for an index; converted to the indicator's unit",
        ),
        Column::SourceUrl => ("数据来源网址", "where the value was published"),
        Column::Quote => ("来源中的原句", "the sentence the value was read in"),
        Column::Measure => (
            "level 当年值(默认)、change 变化(%为相对变化)、increment 新增量",
            "level (default), change (in % a relative change) or increment",
        ),
        Column::BaselineYear => (
            "change、increment 必填:比较的基期年份(同比即上一年)",
            "required for change and increment: the year it counts from (the year before for 同比)",
        ),
        Column::Period => (
            "非全年数据填期间,如 Q1、H1、1-9月;全年留空",
            "for a part-year value: Q1, H1, 1-9月; empty for a whole year",
        ),
        Column::Note => ("备注,如统计口径", "qualifiers such as the accounting basis"),
    }
}

fn write_notes(notes: &mut Worksheet, bold: &CellFormat) -> Result<(), XlsxError> {
    let headers = ["column", "中文列名", "必填 required", "说明", "meaning"];
    for (i, header) in headers.iter().enumerate() {
        notes.write_string_with_format(0, i as u16, *header, bold)?;
    }
    for (i, column) in Column::ALL.into_iter().enumerate() {
        let row = i as u32 + 1;
        let (zh, en) = column_note(column);
        notes.write_string(row, 0, column.name())?;
        notes.write_string(row, 1, column.chinese_names().join(" / "))?;
        notes.write_string(row, 2, if column.is_required() { "是 yes" } else { "否 no" })?;
        notes.write_string(row, 3, zh)?;
        notes.write_string(row, 4, en)?;
    }
    let after = Column::ALL.len() as u32 + 2;
    let lines = [
        "整个文件要么全部导入,要么全部拒绝:任何一行有错,所有错误按行号和列名列出。",
        "The whole file is imported or refused: one bad row refuses it, with every error listed by row and column.",
        "列的顺序不限,列名可用中文或英文;不认识的列会被拒绝。",
        "Columns may come in any order, named in Chinese or English; unknown columns are refused.",
        "示例行是真实数据,可删除或保留。The example row is a real figure: delete it or keep it.",
    ];
    for (i, line) in lines.iter().enumerate() {
        notes.write_string(after + i as u32, 0, *line)?;
    }
    notes.set_column_width(0, 16)?;
    notes.set_column_width(1, 20)?;
    notes.set_column_width(2, 14)?;
    notes.set_column_width(3, 50)?;
    notes.set_column_width(4, 60)?;
    notes.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Cuts a string to the 32,767 characters a cell holds.
pub(crate) fn clip(text: &str) -> &str {
    const MAX: usize = 32_767;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}
