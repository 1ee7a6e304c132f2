//! Export writers: JSON keeps column order, CSV has a BOM and re-imports, xlsx keeps numbers.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use pledge_sheets::{Format, read_observations, write_table};
use serde_json::{Value, json};

use crate::support::registry;
use crate::template::part;

fn table() -> (Vec<&'static str>, Vec<Vec<Value>>) {
    (
        vec![
            "region",
            "indicator",
            "year",
            "value",
            "unit",
            "source_url",
            "quote",
            "achieved",
        ],
        vec![
            vec![
                json!("济南市"),
                json!("PM2.5年均浓度"),
                json!(2021),
                json!(40.5),
                json!("μg/m3"),
                json!("https://e.gov.cn/a"),
                json!("为40.5微克,\"同比\"改善"),
                json!(true),
            ],
            // A short row: padded with nulls.
            vec![json!("历下区"), json!("光伏装机容量"), json!(2022), Value::Null],
        ],
    )
}

#[test]
fn json_is_one_array_of_objects_in_column_order() {
    let (columns, rows) = table();
    let bytes = write_table(Format::Json, &columns, &rows);
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with("[{\"region\":\"济南市\",\"indicator\":"), "{text}");
    let parsed: Value = serde_json::from_str(&text).unwrap();
    let array = parsed.as_array().unwrap();
    assert_eq!(array.len(), 2);
    assert_eq!(array[0]["value"], json!(40.5));
    assert_eq!(array[0]["achieved"], json!(true));
    assert_eq!(array[1]["unit"], Value::Null);
    assert_eq!(array[1].as_object().unwrap().len(), columns.len());
    assert_eq!(write_table(Format::Json, &columns, &[]), b"[]");
}

#[test]
fn csv_has_a_bom_and_reimports() {
    let (columns, rows) = table();
    let bytes = write_table(Format::Csv, &columns[..7], &rows[..1]);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert_eq!(
        text.lines().next(),
        Some("region,indicator,year,value,unit,source_url,quote")
    );
    assert!(text.contains("\"为40.5微克,\"\"同比\"\"改善\""), "{text}");
    let back = read_observations("export.csv", &bytes, &registry()).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].value, 40.5);
    assert_eq!(back[0].quote, "为40.5微克,\"同比\"改善");

    let bytes = write_table(Format::Csv, &columns, &rows);
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert_eq!(text.lines().nth(2), Some("历下区,光伏装机容量,2022,,,,,"));
}

#[test]
fn xlsx_keeps_numbers_bold_header_frozen_row_and_widths() {
    let (columns, rows) = table();
    let bytes = write_table(Format::Xlsx, &columns, &rows);
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&bytes)).unwrap();
    let range = book.worksheet_range("data").unwrap();
    assert_eq!(range.get((0, 0)), Some(&Data::String("region".into())));
    assert_eq!(range.get((1, 2)), Some(&Data::Float(2021.0)));
    assert_eq!(range.get((1, 3)), Some(&Data::Float(40.5)));
    assert_eq!(range.get((1, 7)), Some(&Data::Bool(true)));
    assert_eq!(range.get((2, 0)), Some(&Data::String("历下区".into())));
    assert_eq!(range.get((2, 3)), Some(&Data::Empty));

    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("state=\"frozen\""), "{sheet}");
    assert!(sheet.contains("<autoFilter"), "{sheet}");
    assert!(sheet.contains("<col "), "{sheet}");
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains("<b/>"), "{styles}");
}

#[test]
fn formats_parse_from_their_names() {
    assert_eq!(Format::parse("XLSX"), Some(Format::Xlsx));
    assert_eq!(Format::parse("csv"), Some(Format::Csv));
    assert_eq!(Format::parse("json"), Some(Format::Json));
    assert_eq!(Format::parse("xls"), None);
    assert_eq!(Format::Csv.extension(), "csv");
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_neutralised_and_numbers_stay_numbers() {
    let columns = ["quote", "value"];
    let texts = [
        "=cmd|' /C calc'!A0",
        "=HYPERLINK(\"http://evil.example/\",\"点击\")",
        "+1+1",
        "-1+1",
        "@SUM(1)",
        "\tx",
        "\rx",
    ];
    let mut rows: Vec<Vec<Value>> = texts.iter().map(|t| vec![json!(t), json!(1)]).collect();
    rows.push(vec![json!("-3.5"), json!(-3.5)]);
    rows.push(vec![json!("a=b"), json!(2)]);
    let csv = write_table(Format::Csv, &columns, &rows);
    let mut reader = csv::ReaderBuilder::new().from_reader(&csv[3..]);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for (record, text) in records.iter().zip(texts) {
        assert_eq!(&record[0], format!("'{text}"), "{text:?}");
    }
    assert_eq!(&records[7][0], "-3.5");
    assert_eq!(&records[7][1], "-3.5");
    assert_eq!(&records[8][0], "a=b");
    // JSON keeps the text as it is: only a spreadsheet runs formulas.
    let json_text = String::from_utf8(write_table(Format::Json, &columns, &rows)).unwrap();
    assert!(json_text.contains(r#""+1+1""#), "{json_text}");
}

fn report() -> pledge_sheets::Report {
    pledge_sheets::Report {
        title: "《济南市“十四五”节能减排工作实施方案》进度表 · 历城区 · 数据截至 2026-12-02".into(),
        columns: ["灯", "状态", "地区", "完成度", "评估说明"].map(String::from).to_vec(),
        rows: vec![
            vec![
                json!("红灯"),
                json!("逾期未报"),
                json!("历城区"),
                Value::Null,
                json!("=1+1"),
            ],
            vec![
                json!("绿灯"),
                json!("已实现"),
                json!("天桥区"),
                json!(0.8125),
                json!("完成率81.25%"),
            ],
        ],
        fills: vec![Some(pledge_sheets::Fill::Red), Some(pledge_sheets::Fill::Green)],
        light_column: 0,
        percent_columns: vec![3],
    }
}

#[test]
fn a_report_has_its_title_chinese_header_percentages_and_light_fills() {
    let bytes = pledge_sheets::write_report(Format::Xlsx, &report());
    let mut book = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    let sheet = book.worksheet_range("目标进度").unwrap();
    let title = sheet.get_value((0, 0)).unwrap().to_string();
    assert!(
        title.contains("历城区") && title.contains("数据截至 2026-12-02"),
        "{title}"
    );
    assert_eq!(sheet.get_value((1, 0)), Some(&Data::String("灯".into())));
    assert_eq!(sheet.get_value((2, 1)), Some(&Data::String("逾期未报".into())));
    assert_eq!(sheet.get_value((3, 3)), Some(&Data::Float(0.8125)));
    // The share is formatted as a percentage and the lights are tinted.
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0%\""), "{styles}");
    assert!(styles.contains("FFFFC7CE") && styles.contains("FFC6EFCE"), "{styles}");
    // CSV: the same columns, no title, the share as 81%, formulas neutralised.
    let csv = String::from_utf8(pledge_sheets::write_report(Format::Csv, &report())).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "灯,状态,地区,完成度,评估说明");
    assert!(lines[1].ends_with(",'=1+1"), "{}", lines[1]);
    assert!(lines[2].contains(",81%,"), "{}", lines[2]);
}
