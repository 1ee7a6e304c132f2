//! xlsx imports: a filled-in template, numbers typed as numbers, corrupt and truncated workbooks.

use pledge_sheets::{ErrorKind, PermissiveRegistry, read_observations, template_xlsx};
use rust_xlsxwriter::Workbook;

use crate::support::registry;

fn lists() -> (Vec<String>, Vec<(String, String)>) {
    (
        vec!["济南市".to_owned(), "历下区".to_owned()],
        vec![
            ("PM2.5年均浓度".to_owned(), "μg/m3".to_owned()),
            ("光伏装机容量".to_owned(), "万千瓦".to_owned()),
        ],
    )
}

/// Fills a workbook the way an office fills the template: the template's header (read
/// back from the template itself), numbers typed as numbers, some cells as text.
fn filled(template: &[u8], rows: &[Vec<Cell>]) -> Vec<u8> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(template)).unwrap();
    let range = book.worksheet_range("observations").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("observations").unwrap();
    for (i, name) in header.iter().enumerate() {
        sheet.write_string(0, i as u16, name).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match cell {
                N(n) => {
                    sheet.write_number(r, c, *n).unwrap();
                }
                S(s) => {
                    sheet.write_string(r, c, *s).unwrap();
                }
                E => {}
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

#[derive(Clone, Copy)]
enum Cell {
    N(f64),
    S(&'static str),
    E,
}
use Cell::{E, N, S};

#[test]
fn the_template_itself_reads_back_its_example_row() {
    let (regions, indicators) = lists();
    let bytes = template_xlsx(&regions, &indicators);
    let rows = read_observations("template.xlsx", &bytes, &registry()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].row, 2);
    assert_eq!(rows[0].region, "济南市");
    assert_eq!(rows[0].indicator, "PM2.5年均浓度");
    assert_eq!((rows[0].year, rows[0].value), (2021, 40.0));
}

#[test]
fn a_filled_template_round_trips() {
    let (regions, indicators) = lists();
    let template = template_xlsx(&regions, &indicators);
    let url = S("https://example.gov.cn/a.html");
    let bytes = filled(
        &template,
        &[
            vec![
                S("济南市"),
                S("PM2.5年均浓度"),
                N(2021.0),
                N(40.0),
                S("μg/m3"),
                url,
                S("为40微克"),
                S("level"),
                E,
                E,
                E,
            ],
            vec![
                S("历下区"),
                S("光伏装机容量"),
                N(2022.0),
                N(12_000.0),
                S("千瓦"),
                url,
                S("1.2万千瓦"),
                E,
                E,
                E,
                S("并网"),
            ],
            vec![
                S("历下区"),
                S("光伏装机容量"),
                S("2023"),
                S("3,000"),
                S("千瓦"),
                url,
                S("新增"),
                S("increment"),
                N(2022.0),
                S("H1"),
                E,
            ],
        ],
    );
    let rows = read_observations("filled.xlsx", &bytes, &registry()).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1].row, 3);
    assert_eq!((rows[1].value, rows[1].unit.as_str()), (1.2, "万千瓦"));
    assert_eq!(rows[1].original_value, 12_000.0);
    assert_eq!(rows[1].note.as_deref(), Some("并网"));
    assert_eq!(rows[2].year, 2023);
    assert_eq!(rows[2].baseline_year, Some(2022));
    assert_eq!(rows[2].period.as_deref(), Some("H1"));
    assert!((rows[2].value - 0.3).abs() < 1e-12);
}

#[test]
fn xlsx_errors_carry_sheet_rows_and_columns() {
    let (regions, indicators) = lists();
    let template = template_xlsx(&regions, &indicators);
    let url = S("https://example.gov.cn/a.html");
    let bytes = filled(
        &template,
        &[
            vec![
                S("济南市"),
                S("PM2.5年均浓度"),
                N(2021.0),
                N(40.0),
                S("μg/m3"),
                url,
                S("q"),
                E,
                E,
                E,
                E,
            ],
            vec![E, E, E, E, E, E, E, E, E, E, E],
            vec![
                S("济南市"),
                S("PM2.5年均浓度"),
                N(2021.5),
                S("四十"),
                S("μg/m3"),
                url,
                S("q"),
                E,
                E,
                E,
                E,
            ],
            vec![
                S("济南市"),
                S("PM2.5年均浓度"),
                N(2021.0),
                N(41.0),
                S("μg/m3"),
                url,
                S("q"),
                E,
                E,
                E,
                E,
            ],
        ],
    );
    let err = read_observations("bad.xlsx", &bytes, &registry()).unwrap_err();
    let got: Vec<(Option<usize>, Option<&str>, ErrorKind)> = err
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_deref(), e.kind))
        .collect();
    assert_eq!(
        got,
        [
            (Some(4), Some("year"), ErrorKind::BadYear),
            (Some(4), Some("value"), ErrorKind::NotANumber),
            (Some(5), None, ErrorKind::Duplicate),
        ],
        "{err}"
    );
    assert_eq!(err.errors[0].value, "2021.5");
}

#[test]
fn a_truncated_xlsx_is_refused_as_a_whole() {
    let (regions, indicators) = lists();
    let bytes = template_xlsx(&regions, &indicators);
    for cut in [bytes.len() / 2, bytes.len() - 10, 100] {
        let err = read_observations("cut.xlsx", &bytes[..cut], &registry()).unwrap_err();
        assert_eq!(err.len(), 1, "{err}");
        assert_eq!(err.errors[0].kind, ErrorKind::Unreadable);
        assert_eq!(err.errors[0].row, None);
        assert!(
            err.to_string().starts_with("cut.xlsx: is not a readable xlsx workbook"),
            "{err}"
        );
    }
}

#[test]
fn a_corrupt_xlsx_is_refused_as_a_whole() {
    let mut bytes = template_xlsx(&[], &[]);
    // Scramble the middle of the archive: the zip's checksums or inflate fail.
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid - 200..mid + 200] {
        *b = b.wrapping_add(97);
    }
    let err = read_observations("corrupt.xlsx", &bytes, &PermissiveRegistry).unwrap_err();
    assert_eq!(err.errors[0].kind, ErrorKind::Unreadable, "{err}");

    let err = read_observations("text.xlsx", b"region,indicator\n", &PermissiveRegistry).unwrap_err();
    assert_eq!(err.errors[0].kind, ErrorKind::Unreadable);
}

#[test]
fn an_empty_workbook_is_refused() {
    let mut workbook = Workbook::new();
    workbook.add_worksheet();
    let bytes = workbook.save_to_buffer().unwrap();
    let err = read_observations("empty.xlsx", &bytes, &PermissiveRegistry).unwrap_err();
    assert_eq!(err.errors[0].kind, ErrorKind::Empty);

    let template = template_xlsx(&[], &[]);
    let header_only = filled(&template, &[]);
    let err = read_observations("header.xlsx", &header_only, &PermissiveRegistry).unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(err.errors[0].kind, ErrorKind::Empty);
}

#[test]
fn a_data_sheet_not_at_a1_keeps_the_sheet_numbering() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let header = ["地区", "指标", "年份", "数值", "单位", "来源", "原文"];
    for (i, h) in header.iter().enumerate() {
        sheet.write_string(2, i as u16 + 1, *h).unwrap();
    }
    let row = [
        "济南市",
        "PM2.5年均浓度",
        "2021",
        "x",
        "μg/m3",
        "https://e.gov.cn/",
        "q",
    ];
    for (i, v) in row.iter().enumerate() {
        sheet.write_string(3, i as u16 + 1, *v).unwrap();
    }
    let bytes = workbook.save_to_buffer().unwrap();
    let err = read_observations("offset.xlsx", &bytes, &registry()).unwrap_err();
    assert_eq!(err.errors[0].row, Some(4), "{err}");
    assert_eq!(err.errors[0].column.as_deref(), Some("value"));
}

#[test]
fn a_header_below_a_title_row_is_read() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet
        .merge_range(0, 0, 0, 4, "历城区2024年节能减排指标完成情况表", &Default::default())
        .unwrap();
    for (i, h) in ["地区", "指标", "年份", "数值", "单位"].iter().enumerate() {
        sheet.write_string(1, i as u16, *h).unwrap();
    }
    for (i, v) in ["济南市", "PM2.5年均浓度", "2024", "36", "μg/m3"].iter().enumerate() {
        sheet.write_string(2, i as u16, *v).unwrap();
    }
    let bytes = workbook.save_to_buffer().unwrap();
    let own = pledge_sheets::OwnFigures(&registry());
    let rows = read_observations("titled.xlsx", &bytes, &own).unwrap();
    assert_eq!((rows.len(), rows[0].row, rows[0].value), (1, 3, 36.0));
}
