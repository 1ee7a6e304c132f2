//! CSV imports: good files in every accepted shape, and each kind of broken file.

use pledge_model::Measure;
use pledge_sheets::{ErrorKind, PermissiveRegistry, read_observations};

use crate::support::{HEADER, cells, csv, line, registry};

#[test]
fn a_good_file_reads_with_values_converted_to_the_indicator_unit() {
    let bytes = csv(&[
        HEADER,
        &line("济南市", "PM2.5年均浓度", "2021", "40", "μg/m3"),
        &line("济南", "光伏装机容量", "2022", "4,300,000", "千瓦"),
        "山东省,能耗总量,2023,-2.7,%,https://example.gov.cn/b.html,同比下降2.7%,change,2022,,",
        "历下区,环境空气质量综合指数,2022,4.25,,https://example.gov.cn/c.html,综合指数为4.25,level,,1-9月,1—9月",
    ]);
    let rows = read_observations("ok.csv", &bytes, &registry()).unwrap();
    assert_eq!(rows.len(), 4);

    assert_eq!(rows[0].row, 2);
    assert_eq!(rows[0].region, "济南市");
    assert_eq!((rows[0].value, rows[0].unit.as_str()), (40.0, "μg/m3"));

    // An alias resolves to the canonical region; 千瓦 converts to the indicator's 万千瓦.
    assert_eq!(rows[1].row, 3);
    assert_eq!(rows[1].region, "济南市");
    assert_eq!((rows[1].value, rows[1].unit.as_str()), (430.0, "万千瓦"));
    assert_eq!(
        (rows[1].original_value, rows[1].original_unit.as_str()),
        (4_300_000.0, "千瓦")
    );

    // A relative change in % keeps its unit; an indicator alias gives the canonical name.
    assert_eq!(rows[2].indicator, "能源消费总量");
    assert_eq!(rows[2].measure, Measure::Change);
    assert_eq!(rows[2].baseline_year, Some(2022));
    assert_eq!((rows[2].value, rows[2].unit.as_str()), (-2.7, "%"));

    // Dimensionless: an empty unit for an indicator without one; period and note kept.
    assert_eq!(rows[3].unit, "");
    assert_eq!(rows[3].period.as_deref(), Some("1-9月"));
    assert_eq!(rows[3].note.as_deref(), Some("1—9月"));
    assert_eq!(rows[3].observation().period.as_deref(), Some("1-9月"));
}

#[test]
fn chinese_headers_in_any_order_without_optional_columns() {
    let bytes = csv(&[
        "指标,数值,地区,年份,单位,来源链接,引文",
        "新能源汽车保有量,\"1,234\",济南市,２０２１,辆,https://example.gov.cn/a.html,保有量1234辆",
        "新能源汽车保有量,＋５６,历下区,2021年,辆,https://example.gov.cn/a.html,保有量56辆",
        // A count cannot be negative; a dimensionless index can (and reads U+2212).
        "环境空气质量综合指数,−3.5,山东省,2021,,https://example.gov.cn/a.html,指数为-3.5",
    ]);
    let rows = read_observations("zh.csv", &bytes, &registry()).unwrap();
    let values: Vec<(String, i32, f64)> = rows.iter().map(|r| (r.region.clone(), r.year, r.value)).collect();
    assert_eq!(
        values,
        vec![
            ("济南市".to_owned(), 2021, 1234.0),
            ("历下区".to_owned(), 2021, 56.0),
            ("山东省".to_owned(), 2021, -3.5),
        ]
    );
    assert!(rows.iter().all(|r| r.measure == Measure::Level));
}

#[test]
fn unknown_region_is_refused_with_row_column_and_value() {
    let bytes = csv(&[
        HEADER,
        &line("济南市", "PM2.5年均浓度", "2021", "40", "μg/m3"),
        &line("火星市", "PM2.5年均浓度", "2021", "40", "μg/m3"),
    ]);
    let err = read_observations("regions.csv", &bytes, &registry()).unwrap_err();
    assert_eq!(
        cells(&err),
        vec![(Some(3), Some("region".to_owned()), "火星市".to_owned())]
    );
    assert_eq!(err.errors[0].kind, ErrorKind::UnknownRegion);
    assert_eq!(
        err.to_string(),
        "regions.csv: row 3, column region: \"火星市\" is not a known region"
    );
}

#[test]
fn unknown_indicator_is_refused() {
    let bytes = csv(&[HEADER, &line("济南市", "幸福指数", "2021", "40", "")]);
    let err = read_observations("i.csv", &bytes, &registry()).unwrap_err();
    assert_eq!(
        cells(&err),
        vec![(Some(2), Some("indicator".to_owned()), "幸福指数".to_owned())]
    );
    assert_eq!(err.errors[0].kind, ErrorKind::UnknownIndicator);
}

#[test]
fn a_unit_that_does_not_convert_is_refused() {
    let bytes = csv(&[
        HEADER,
        &line("济南市", "新能源汽车保有量", "2021", "5", "个"),
        &line("济南市", "光伏装机容量", "2021", "5", "万千瓦时"),
        &line("济南市", "PM2.5年均浓度", "2022", "40", ""),
        &line("济南市", "环境空气质量综合指数", "2022", "4.2", "%"),
    ]);
    let err = read_observations("units.csv", &bytes, &registry()).unwrap_err();
    assert!(err.errors.iter().all(|e| e.kind == ErrorKind::UnconvertibleUnit));
    assert_eq!(
        cells(&err),
        vec![
            (Some(2), Some("unit".to_owned()), "个".to_owned()),
            (Some(3), Some("unit".to_owned()), "万千瓦时".to_owned()),
            (Some(4), Some("unit".to_owned()), String::new()),
            (Some(5), Some("unit".to_owned()), "%".to_owned()),
        ]
    );
    assert_eq!(
        err.errors[0].to_string(),
        "row 2, column unit: \"个\" cannot be converted to 辆, the unit of the indicator 新能源汽车保有量"
    );
}

#[test]
fn duplicate_rows_name_both_rows() {
    let bytes = csv(&[
        HEADER,
        &line("济南市", "PM2.5年均浓度", "2021", "40", "μg/m3"),
        &line("济南市", "PM2.5年均浓度", "2022", "34", "μg/m3"),
        // Same key through an alias and another value: still the same observation.
        &line("济南", "PM2.5年均浓度", "2021", "41", "μg/m3"),
        // Another period, or another note, is another observation.
        "济南市,PM2.5年均浓度,2021,38,μg/m3,https://example.gov.cn/a.html,q,level,,H1,",
        "济南市,PM2.5年均浓度,2021,39,μg/m3,https://example.gov.cn/a.html,q,level,,,另一口径",
    ]);
    let err = read_observations("dup.csv", &bytes, &registry()).unwrap_err();
    assert_eq!(err.len(), 1, "{err}");
    let e = &err.errors[0];
    assert_eq!(e.kind, ErrorKind::Duplicate);
    assert_eq!(e.row, Some(4));
    assert!(e.message.contains("row 2") && e.message.contains("4"), "{}", e.message);
}

#[test]
fn every_bad_cell_of_every_row_is_reported_and_no_row_is_returned() {
    let bytes = csv(&[
        HEADER,
        &line("济南市", "PM2.5年均浓度", "2021", "40", "μg/m3"),
        &line("济南市", "PM2.5年均浓度", "2022", "12,3x", "μg/m3"),
        &line("济南市", "PM2.5年均浓度", "二〇二三", "1.2.3", "μg/m3"),
        &line("济南市", "PM2.5年均浓度", "3021", "", "μg/m3"),
        "济南市,PM2.5年均浓度,2019,5%,μg/m3,,,,,,",
    ]);
    let err = read_observations("observations.csv", &bytes, &registry()).unwrap_err();
    assert_eq!(
        cells(&err),
        vec![
            (Some(3), Some("value".to_owned()), "12,3x".to_owned()),
            (Some(4), Some("year".to_owned()), "二〇二三".to_owned()),
            (Some(4), Some("value".to_owned()), "1.2.3".to_owned()),
            (Some(5), Some("year".to_owned()), "3021".to_owned()),
            (Some(5), Some("value".to_owned()), String::new()),
            (Some(6), Some("value".to_owned()), "5%".to_owned()),
            (Some(6), Some("source_url".to_owned()), String::new()),
            (Some(6), Some("quote".to_owned()), String::new()),
        ]
    );
    assert_eq!(
        err.to_string().lines().next(),
        Some("observations.csv: row 3, column value: \"12,3x\" is not a number")
    );
    let kinds: Vec<ErrorKind> = err.errors.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            ErrorKind::NotANumber,
            ErrorKind::BadYear,
            ErrorKind::NotANumber,
            ErrorKind::BadYear,
            ErrorKind::MissingCell,
            ErrorKind::NotANumber,
            ErrorKind::MissingCell,
            ErrorKind::MissingCell,
        ]
    );
}

#[test]
fn measures_and_baseline_years_are_checked() {
    let bytes = csv(&[
        HEADER,
        "济南市,PM2.5年均浓度,2021,-18.4,%,https://e.gov.cn/,q,change,,,",
        "济南市,PM2.5年均浓度,2021,40,μg/m3,https://e.gov.cn/,q,level,2020,,",
        "济南市,PM2.5年均浓度,2021,-18.4,%,https://e.gov.cn/,q,同比,2020,,",
        "济南市,PM2.5年均浓度,2021,-18.4,%,https://e.gov.cn/,q,change,2021,,",
        "济南市,PM2.5年均浓度,2021,3,μg/m3,https://e.gov.cn/,q,increment,20x0,,",
        "济南市,新能源汽车保有量,2022,8000,辆,https://e.gov.cn/,q,INCREMENT,2021,,",
    ]);
    let err = read_observations("m.csv", &bytes, &registry()).unwrap_err();
    assert_eq!(
        cells(&err),
        vec![
            (Some(2), Some("baseline_year".to_owned()), String::new()),
            (Some(3), Some("baseline_year".to_owned()), "2020".to_owned()),
            (Some(4), Some("measure".to_owned()), "同比".to_owned()),
            (Some(5), Some("baseline_year".to_owned()), "2021".to_owned()),
            (Some(6), Some("baseline_year".to_owned()), "20x0".to_owned()),
        ]
    );
    assert_eq!(err.errors[2].kind, ErrorKind::UnknownMeasure);
}

#[test]
fn empty_files_are_refused_as_a_whole() {
    for (name, bytes) in [
        ("zero.csv", Vec::new()),
        ("blank.csv", b"\n\n  \n".to_vec()),
        ("bom-only.csv", b"\xEF\xBB\xBF".to_vec()),
        ("header-only.csv", csv(&[HEADER])),
        ("header-and-blank-rows.csv", csv(&[HEADER, ",,,,,,,,,,", ""])),
    ] {
        let err = read_observations(name, &bytes, &registry()).unwrap_err();
        assert_eq!(err.len(), 1, "{name}: {err}");
        assert_eq!(err.errors[0].kind, ErrorKind::Empty, "{name}");
        assert_eq!(err.errors[0].row, None, "{name}");
        assert!(err.to_string().starts_with(&format!("{name}: ")), "{err}");
    }
}

#[test]
fn a_gbk_csv_imports() {
    let text = [
        HEADER.to_owned(),
        line("济南市", "PM2.5年均浓度", "2021", "40", "微克/立方米"),
        line("山东省", "新能源汽车保有量", "2022", "1,000", "辆"),
    ]
    .join("\r\n");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err(), "the fixture must really be GBK");
    let rows = read_observations("gbk.csv", &gbk, &registry()).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].region, "济南市");
    assert_eq!(rows[0].indicator, "PM2.5年均浓度");
    assert_eq!(rows[0].original_unit, "微克/立方米");
    assert_eq!(rows[0].unit, "μg/m3");
    assert_eq!(rows[0].quote, "原文2021");
    assert_eq!(rows[1].value, 1000.0);
}

#[test]
fn a_gbk_csv_with_chinese_headers_imports() {
    let text =
        "地区,指标,年份,数值,单位,来源,原文\r\n历下区,空气质量优良率,2021,64.6,%,https://e.gov.cn/,优良率为64.6%\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let rows = read_observations("gbk-zh.csv", &gbk, &registry()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].quote, "优良率为64.6%");
}

#[test]
fn a_utf8_csv_with_bom_imports() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(csv(&[HEADER, &line("济南市", "PM2.5年均浓度", "2021", "40", "μg/m3")]));
    let rows = read_observations("bom.csv", &bytes, &registry()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].region, "济南市");
}

#[test]
fn a_utf16_csv_imports() {
    let text = format!("{HEADER}\n{}\n", line("济南市", "PM2.5年均浓度", "2021", "40", "μg/m3"));
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let rows = read_observations("utf16.csv", &bytes, &registry()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].value, 40.0);
}

#[test]
fn rows_are_numbered_as_a_spreadsheet_shows_them() {
    // A quoted cell with line breaks is one row; a blank line is a row of its own.
    let bytes = csv(&[
        HEADER,
        "济南市,PM2.5年均浓度,2021,40,μg/m3,https://e.gov.cn/,\"第一行",
        "第二行",
        "第三行\",level,,,",
        "",
        &line("济南市", "PM2.5年均浓度", "2022", "x", "μg/m3"),
        &line("济南市", "PM2.5年均浓度", "2023", "y", "μg/m3"),
    ]);
    let err = read_observations("rows.csv", &bytes, &registry()).unwrap_err();
    let rows: Vec<Option<usize>> = err.errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, vec![Some(4), Some(5)], "{err}");
}

#[test]
fn rows_are_numbered_the_same_with_windows_line_ends() {
    let text = [
        HEADER,
        "济南市,PM2.5年均浓度,2021,40,μg/m3,https://e.gov.cn/,\"第一行\r\n第二行\",level,,,",
        "",
        "",
        &line("济南市", "PM2.5年均浓度", "2022", "x", "μg/m3"),
        &line("济南市", "PM2.5年均浓度", "2023", "y", "μg/m3"),
    ]
    .join("\r\n");
    let err = read_observations("crlf.csv", text.as_bytes(), &registry()).unwrap_err();
    let rows: Vec<Option<usize>> = err.errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, vec![Some(5), Some(6)], "{err}");
}

#[test]
fn tab_separated_files_are_read() {
    let text = format!(
        "{}\n{}\n",
        HEADER.replace(',', "\t"),
        line("济南市", "PM2.5年均浓度", "2021", "40", "μg/m3").replace(',', "\t")
    );
    let rows = read_observations("tabs.csv", text.as_bytes(), &registry()).unwrap();
    assert_eq!(rows.len(), 1);
}

#[test]
fn header_problems_are_reported_on_row_1() {
    // Missing required columns: the header is unusable, only header errors come back.
    let bytes = csv(&["region,indicator,year,value", "济南市,PM2.5年均浓度,2021,40"]);
    let err = read_observations("h.csv", &bytes, &registry()).unwrap_err();
    assert!(
        err.errors
            .iter()
            .all(|e| e.kind == ErrorKind::MissingColumn && e.row == Some(1))
    );
    let missing: Vec<&str> = err.errors.iter().filter_map(|e| e.column.as_deref()).collect();
    assert_eq!(missing, ["unit", "source_url", "quote"]);

    // An unknown extra column and a column named twice are refused, rows still checked.
    let bytes = csv(&[
        &format!("{HEADER},填报人,地区"),
        &format!("{},张三,", line("济南市", "PM2.5年均浓度", "2021", "x", "μg/m3")),
    ]);
    let err = read_observations("h2.csv", &bytes, &registry()).unwrap_err();
    let kinds: Vec<(ErrorKind, Option<usize>)> = err.errors.iter().map(|e| (e.kind, e.row)).collect();
    assert_eq!(
        kinds,
        [
            (ErrorKind::UnknownColumn, Some(1)),
            (ErrorKind::DuplicateColumn, Some(1)),
            (ErrorKind::ExtraCell, Some(2)),
            (ErrorKind::NotANumber, Some(2)),
        ],
        "{err}"
    );
    assert_eq!(err.errors[0].column.as_deref(), Some("填报人"));
    assert_eq!(err.errors[2].column.as_deref(), Some("L"));
    assert_eq!(err.errors[2].value, "张三");
}

#[test]
fn header_names_are_matched_loosely() {
    let bytes = csv(&[
        "Region*, Indicator ,YEAR,value,unit,Source URL,quote,measure,baseline-year,period,note",
        "济南市,新能源汽车保有量,2022,8000,辆,https://e.gov.cn/,q,increment,2021,,",
    ]);
    let rows = read_observations("loose.csv", &bytes, &registry()).unwrap();
    assert_eq!(rows[0].baseline_year, Some(2021));
}

#[test]
fn cells_past_the_header_are_refused_unless_empty() {
    let bytes = csv(&[
        HEADER,
        &format!("{},,", line("济南市", "PM2.5年均浓度", "2021", "40", "μg/m3")),
        &format!("{},,stray", line("济南市", "PM2.5年均浓度", "2022", "40", "μg/m3")),
    ]);
    let err = read_observations("extra.csv", &bytes, &registry()).unwrap_err();
    assert_eq!(cells(&err), vec![(Some(3), Some("M".to_owned()), "stray".to_owned())]);
}

#[test]
fn errors_serialize_for_the_web() {
    let bytes = csv(&[HEADER, &line("济南市", "PM2.5年均浓度", "2021", "12,3x", "μg/m3")]);
    let err = read_observations("observations.csv", &bytes, &registry()).unwrap_err();
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "file": "observations.csv",
            "errors": [{
                "row": 2,
                "column": "value",
                "value": "12,3x",
                "message": "is not a number",
                "kind": "not_a_number",
            }]
        })
    );
}

#[test]
fn undecodable_and_unsupported_files_are_refused_as_a_whole() {
    let err = read_observations("bin.csv", b"region\x00\x01\x02", &PermissiveRegistry).unwrap_err();
    assert_eq!(err.errors[0].kind, ErrorKind::Unreadable);
    assert_eq!(err.errors[0].row, None);

    let err = read_observations("old.xls", b"\xD0\xCF\x11\xE0", &PermissiveRegistry).unwrap_err();
    assert_eq!(err.errors[0].kind, ErrorKind::Unreadable);
    assert!(err.to_string().contains(".xlsx or .csv"), "{err}");
}

#[test]
fn a_permissive_registry_accepts_any_name_and_unit() {
    let bytes = csv(&[HEADER, &line("火星市", "幸福指数", "2021", "40", "标箱")]);
    let rows = read_observations("p.csv", &bytes, &PermissiveRegistry).unwrap();
    assert_eq!((rows[0].region.as_str(), rows[0].unit.as_str()), ("火星市", "标箱"));
}

#[test]
fn a_source_url_that_is_not_a_web_address_is_refused_with_its_cell() {
    let bytes = csv(&[
        HEADER,
        "济南市,PM2.5年均浓度,2021,40,μg/m3,javascript:alert(1)//,q,,,,",
        "济南市,PM2.5年均浓度,2022,38,μg/m3,notaurl,q,,,,",
        "济南市,PM2.5年均浓度,2023,36,μg/m3,https://www.jinan.gov.cn/a.html,q,,,,",
    ]);
    let err = read_observations("urls.csv", &bytes, &registry()).unwrap_err();
    assert_eq!(err.len(), 2, "{err}");
    for (error, (row, value)) in err.errors.iter().zip([(2, "javascript:alert(1)//"), (3, "notaurl")]) {
        assert_eq!(error.kind, ErrorKind::BadUrl);
        assert_eq!(
            (error.row, error.column.as_deref(), error.value.as_str()),
            (Some(row), Some("source_url"), value)
        );
    }
    assert!(
        err.to_string().contains(
            "row 2, column source_url: \"javascript:alert(1)//\" is not a web address: it must start with http:// or https://"
        ),
        "{err}"
    );
}

#[test]
fn an_impossible_value_is_refused_naming_the_value() {
    let bytes = csv(&[
        HEADER,
        &line("济南市", "空气质量优良率", "2021", "1234.5", "%"),
        &line("济南市", "新能源汽车保有量", "2021", "-5", "辆"),
        &line("济南市", "空气质量优良率", "2022", "80.2", "%"),
    ]);
    let err = read_observations("bad.csv", &bytes, &registry()).unwrap_err();
    let found: Vec<(Option<usize>, Option<&str>, &str, ErrorKind)> = err
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_deref(), e.value.as_str(), e.kind))
        .collect();
    assert_eq!(
        found,
        vec![
            (Some(2), Some("value"), "1234.5", ErrorKind::Implausible),
            (Some(3), Some("value"), "-5", ErrorKind::Implausible),
        ]
    );
    assert!(err.errors[0].message.contains("0 to 100"), "{}", err.errors[0].message);
}

#[test]
fn a_reporters_own_figures_need_no_source_or_quote() {
    let bytes = csv(&[
        "region,indicator,year,value,unit",
        "历下区,新能源汽车保有量,2023,1200,辆",
    ]);
    let own = pledge_sheets::OwnFigures(&registry());
    let rows = read_observations("own.csv", &bytes, &own).unwrap();
    assert_eq!((rows[0].source_url.as_str(), rows[0].quote.as_str()), ("", ""));
    // Without the account, the source columns are required.
    let err = read_observations("anon.csv", &bytes, &registry()).unwrap_err();
    assert!(err.errors.iter().all(|e| e.kind == ErrorKind::MissingColumn));
    assert_eq!(err.errors.len(), 2);
    // A source given is still checked.
    let bytes = csv(&[
        "region,indicator,year,value,unit,source_url",
        "历下区,新能源汽车保有量,2023,1200,辆,javascript:alert(1)",
    ]);
    let err = read_observations("own.csv", &bytes, &own).unwrap_err();
    assert_eq!(err.errors[0].kind, ErrorKind::BadUrl);
}

#[test]
fn a_title_row_above_the_header_is_skipped() {
    let bytes = csv(&[
        "历城区2024年节能减排指标完成情况表,,,,,,",
        "",
        HEADER,
        &line("济南市", "PM2.5年均浓度", "2024", "36", "μg/m3"),
    ]);
    let rows = read_observations("titled.csv", &bytes, &registry()).unwrap();
    assert_eq!((rows.len(), rows[0].row), (1, 4));
}

#[test]
fn indicator_wordings_match_through_the_library() {
    use pledge_indicators::{Entry, Library};
    use pledge_sheets::{IndicatorLookup, lookup_in_library};
    let library = Library::new([
        Entry::new(1, "PM2.5年均浓度", "微克/立方米").alias("PM2.5浓度"),
        Entry::new(2, "空气质量优良天数比例", "%"),
    ]);
    let known = |name: &str, unit: &str| match lookup_in_library(&library, name, unit, Measure::Level) {
        IndicatorLookup::Known(info) => Ok(info.name),
        IndicatorLookup::Unknown { suggestion } => Err(suggestion),
    };
    assert_eq!(known("细颗粒物年均浓度", "μg/m3"), Ok("PM2.5年均浓度".to_owned()));
    assert_eq!(known("空气质量优良率", "%"), Ok("空气质量优良天数比例".to_owned()));
    // An exact name is known whatever the unit: the unit column gets the error.
    assert_eq!(known("PM2.5浓度", "吨"), Ok("PM2.5年均浓度".to_owned()));
    // A normalised match whose unit disagrees is not taken, only suggested.
    assert_eq!(
        known("空气质量优良率", "天"),
        Err(Some("空气质量优良天数比例".to_owned()))
    );
    assert_eq!(known("企业上绿榜", "家"), Err(None));
}

#[test]
fn a_file_that_is_no_spreadsheet_says_so_in_chinese() {
    let registry = registry();
    for (name, bytes, kind) in [
        ("report.xlsx", &b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"[..], "PDF"),
        ("data.csv", &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..], "PNG"),
        ("old.xls", &b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"[..], "Office"),
        ("upload", &b"PK\x03\x04\x14\0\0\0word/document.xml"[..], "Word"),
    ] {
        let err = read_observations(name, bytes, &registry).unwrap_err();
        let message = &err.errors[0].message;
        assert!(
            message.starts_with("不是电子表格") && message.contains(kind),
            "{name}: {message}"
        );
        assert_eq!(err.errors[0].kind, ErrorKind::Unreadable);
    }
}
