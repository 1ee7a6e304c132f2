//! Templates: the CSV one imports as is; the xlsx one has its sheets, lists and drop-downs.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, SheetVisible, Xlsx};
use pledge_sheets::{Column, read_observations, template_csv, template_xlsx};

use crate::support::registry;

/// The XML of one part of an xlsx archive.
pub fn part(xlsx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut file = archive.by_name(name).unwrap();
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    text
}

#[test]
fn the_csv_template_has_a_bom_the_columns_and_an_example_that_imports() {
    let bytes = template_csv();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let header = text.lines().next().unwrap();
    assert_eq!(header, Column::ALL.map(Column::name).join(","));
    assert_eq!(text.lines().count(), 2);
    let rows = read_observations("template.csv", &bytes, &registry()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].indicator, "PM2.5年均浓度");
}

#[test]
fn the_xlsx_template_has_data_notes_and_hidden_lists() {
    let regions = vec!["济南市".to_owned(), "历下区".to_owned(), "市中区".to_owned()];
    let indicators = vec![
        ("PM2.5年均浓度".to_owned(), "μg/m3".to_owned()),
        ("光伏装机容量".to_owned(), "万千瓦".to_owned()),
    ];
    let bytes = template_xlsx(&regions, &indicators);
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&bytes)).unwrap();
    let sheets: Vec<(String, SheetVisible)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible))
        .collect();
    assert_eq!(
        sheets,
        [
            ("observations".to_owned(), SheetVisible::Visible),
            ("notes".to_owned(), SheetVisible::Visible),
            ("lists".to_owned(), SheetVisible::Hidden),
        ]
    );

    let data = book.worksheet_range("observations").unwrap();
    let header: Vec<String> = data.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, Column::ALL.map(Column::name));
    assert_eq!(
        data.get((1, 2)),
        Some(&Data::Float(2021.0)),
        "the example year is a number"
    );

    let lists = book.worksheet_range("lists").unwrap();
    let column = |c: usize| -> Vec<String> {
        lists
            .rows()
            .skip(1)
            .map(|r| r.get(c).map(|d| d.to_string()).unwrap_or_default())
            .filter(|s| !s.is_empty())
            .collect()
    };
    assert_eq!(column(0), regions);
    assert_eq!(column(1), ["PM2.5年均浓度", "光伏装机容量"]);
    assert_eq!(column(2), ["μg/m3", "万千瓦"]);
    assert_eq!(column(3), ["level", "change", "increment"]);

    let notes = book.worksheet_range("notes").unwrap();
    let described: Vec<String> = notes
        .rows()
        .skip(1)
        .take(Column::ALL.len())
        .map(|r| r[0].to_string())
        .collect();
    assert_eq!(described, Column::ALL.map(Column::name));

    // The drop-downs: region and indicator reference the hidden lists, measure is inline.
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("sqref=\"A2:A10001\""), "{sheet}");
    assert!(sheet.contains("<formula1>lists!$A$2:$A$4</formula1>"), "{sheet}");
    assert!(sheet.contains("sqref=\"B2:B10001\""), "{sheet}");
    assert!(sheet.contains("<formula1>lists!$B$2:$B$3</formula1>"), "{sheet}");
    assert!(
        sheet.contains("<formula1>\"level,change,increment\"</formula1>"),
        "{sheet}"
    );
    assert!(sheet.contains("state=\"frozen\""), "{sheet}");
}

#[test]
fn without_lists_the_template_leaves_region_and_indicator_free() {
    let bytes = template_xlsx(&[], &[]);
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("lists!$A$2"), "{sheet}");
    assert!(sheet.contains("level,change,increment"));
}
