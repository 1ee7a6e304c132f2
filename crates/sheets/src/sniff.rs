//! Files that are no spreadsheet at all (a PDF, a Word document, a picture), recognised by
//! their first bytes so that the office is told so plainly, in Chinese and English, rather
//! than given a parser's complaint.

/// The kind of a file that is no spreadsheet, in Chinese and English, when its first
/// bytes say what it is; `None` for anything that may be a CSV or an xlsx.
///
/// ```
/// assert_eq!(pledge_sheets::sniff::not_a_spreadsheet(b"%PDF-1.7 ...").map(|k| k.1), Some("a PDF file"));
/// assert_eq!(pledge_sheets::sniff::not_a_spreadsheet(b"region,indicator\n"), None);
/// ```
pub fn not_a_spreadsheet(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    const SIGNATURES: &[(&[u8], &str, &str)] = &[
        (b"%PDF", "PDF文件", "a PDF file"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "旧版Office文件（.xls或.doc）",
            "an old Office file (.xls or .doc)",
        ),
        (b"\x89PNG", "PNG图片", "a PNG picture"),
        (b"\xFF\xD8\xFF", "JPEG图片", "a JPEG picture"),
        (b"GIF8", "GIF图片", "a GIF picture"),
        (b"Rar!", "RAR压缩包", "a RAR archive"),
        (b"7z\xBC\xAF", "7z压缩包", "a 7z archive"),
        (b"{\\rtf", "RTF文档", "an RTF document"),
    ];
    if let Some((_, zh, en)) = SIGNATURES.iter().find(|(magic, _, _)| bytes.starts_with(magic)) {
        return Some((zh, en));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return zip_kind(bytes);
    }
    None
}

/// A zip archive that is a Word or PowerPoint document rather than a workbook (whose
/// parts live under `xl/`); anything else zipped is left to the workbook reader, which
/// explains a truncated or corrupt workbook better.
fn zip_kind(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let has = |part: &[u8]| memchr::memmem::find(bytes, part).is_some();
    if has(b"xl/") {
        None
    } else if has(b"word/") {
        Some(("Word文档", "a Word document"))
    } else if has(b"ppt/") {
        Some(("PowerPoint演示文稿", "a PowerPoint presentation"))
    } else {
        None
    }
}

/// The message for a file that is no spreadsheet.
pub(crate) fn message((zh, en): (&str, &str)) -> String {
    format!(
        "不是电子表格，而是{zh}：请另存为 .xlsx 或 .csv 后再导入 (is not a spreadsheet but {en}: save it as .xlsx or .csv)"
    )
}
