//! Hostile workbooks, built here rather than committed: a value at the sheet's last cell,
//! decompression bombs (lying about their size and honest about it), and files past each
//! of the reader's limits. Each must be refused with one `TooLarge` error naming the
//! limit, without allocating what the file claims.

use std::io::{Read, Write};

use flate2::{Compress, Compression, FlushCompress};
use pledge_sheets::xlsx::read_xlsx_within;
use pledge_sheets::{ErrorKind, Limits, PermissiveRegistry, read_observations};
use rust_xlsxwriter::Workbook;

const HEADER: [&str; 7] = ["region", "indicator", "year", "value", "unit", "source_url", "quote"];

/// A workbook with the import header in row 1 and `cells` (row, column, text) besides.
fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (i, name) in HEADER.iter().enumerate() {
        sheet.write_string(0, i as u16, *name).unwrap();
    }
    for &(row, column, text) in cells {
        sheet.write_string(row, column, text).unwrap();
    }
    workbook.save_to_buffer().unwrap()
}

/// One zip entry: its name, deflated bytes, CRC-32, true and declared uncompressed sizes.
struct Entry {
    name: String,
    deflated: Vec<u8>,
    crc: u32,
    declared: u32,
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

fn entry(name: &str, data: &[u8]) -> Entry {
    Entry {
        name: name.to_owned(),
        deflated: deflate(data),
        crc: crc32fast::hash(data),
        declared: data.len() as u32,
    }
}

/// A sheet whose `sheetData` holds `mib` MiB of spaces between the header row and its end,
/// deflated by repeating one independently compressed MiB (a sync-flushed, non-final
/// deflate block sequence) and closing with an empty final block.
fn whitespace_sheet(mib: usize, declared: Option<u32>) -> Entry {
    let head = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>region</t></is></c></row>"#;
    let tail = b"</sheetData></worksheet>";
    let spaces = vec![b' '; 1024 * 1024];
    let sync = |compress: &mut Compress, data: &[u8]| {
        let mut out = Vec::with_capacity(data.len() + 1024);
        compress.compress_vec(data, &mut out, FlushCompress::Sync).unwrap();
        out
    };
    let mut deflated = sync(&mut Compress::new(Compression::default(), false), head);
    let block = sync(&mut Compress::new(Compression::default(), false), &spaces);
    for _ in 0..mib {
        deflated.extend_from_slice(&block);
    }
    let mut last = Compress::new(Compression::default(), false);
    deflated.extend_from_slice(&sync(&mut last, tail));
    let mut end = Vec::with_capacity(64);
    last.compress_vec(&[], &mut end, FlushCompress::Finish).unwrap();
    deflated.extend_from_slice(&end);

    let mut crc = crc32fast::Hasher::new();
    crc.update(head);
    let mut chunk = crc32fast::Hasher::new();
    chunk.update(&spaces);
    for _ in 0..mib {
        crc.combine(&chunk);
    }
    crc.update(tail);
    let size = head.len() + mib * spaces.len() + tail.len();
    Entry {
        name: "xl/worksheets/sheet1.xml".to_owned(),
        deflated,
        crc: crc.finalize(),
        declared: declared.unwrap_or(size.min(u32::MAX as usize) as u32),
    }
}

/// The entries of a real workbook, with `replace` put in place of the entry of its name.
fn with_entry(bytes: &[u8], replace: Entry) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        if name == replace.name {
            continue;
        }
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        entries.push(entry(&name, &data));
    }
    entries.push(replace);
    zip_of(&entries)
}

/// A zip archive of deflated entries, written field by field (APPNOTE 4.3).
fn zip_of(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let fields = |out: &mut Vec<u8>| {
            out.extend_from_slice(&20u16.to_le_bytes()); // version needed
            out.extend_from_slice(&0u16.to_le_bytes()); // flags
            out.extend_from_slice(&8u16.to_le_bytes()); // deflate
            out.extend_from_slice(&0u32.to_le_bytes()); // time, date
            out.extend_from_slice(&e.crc.to_le_bytes());
            out.extend_from_slice(&(e.deflated.len() as u32).to_le_bytes());
            out.extend_from_slice(&e.declared.to_le_bytes());
            out.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes()); // extra
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        fields(&mut out);
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.deflated);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        fields(&mut central);
        central.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(e.name.as_bytes());
    }
    let start = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // disk numbers
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// The single `TooLarge` refusal's text.
fn too_large(result: Result<Vec<pledge_sheets::ObservationRow>, pledge_sheets::SheetErrors>) -> String {
    let err = result.unwrap_err();
    assert_eq!(err.len(), 1, "{err}");
    assert_eq!(err.errors[0].kind, ErrorKind::TooLarge, "{err}");
    assert_eq!(err.errors[0].row, None);
    err.to_string()
}

#[test]
fn a_value_at_the_last_cell_is_refused_by_the_column_limit() {
    let bytes = workbook(&[(1_048_575, 16_383, "x")]);
    assert!(bytes.len() < 8 * 1024, "{} bytes", bytes.len());
    let message = too_large(read_observations("sparse.xlsx", &bytes, &PermissiveRegistry));
    assert!(message.contains("cell XFD1048576"), "{message}");
    assert!(message.contains("limit of 256 columns"), "{message}");
}

#[test]
fn cells_far_apart_are_read_sparsely() {
    // A1 and IV1048576 span 256 columns by a million rows: 8 GiB as a dense grid, two
    // cells as read. The far cell is one extra cell in the sheet's last row.
    let bytes = workbook(&[(1_048_575, 255, "far")]);
    let err = read_observations("far.xlsx", &bytes, &PermissiveRegistry).unwrap_err();
    assert!(err.has(ErrorKind::ExtraCell), "{err}");
    let extra = err.errors.iter().find(|e| e.kind == ErrorKind::ExtraCell).unwrap();
    assert_eq!(extra.row, Some(1_048_576));
    assert_eq!(extra.column.as_deref(), Some("IV"));
    assert_eq!(extra.value, "far");
}

#[test]
fn a_whitespace_bomb_lying_about_its_size_is_refused_while_inflating() {
    // 300 MiB of spaces in about 300 KiB, declaring 1,000 bytes: inflating stops once
    // the entry passes what it declared, so the lie is a corrupt file.
    let bomb = with_entry(&workbook(&[]), whitespace_sheet(300, Some(1000)));
    assert!(bomb.len() < 2 * 1024 * 1024, "{} bytes", bomb.len());
    let err = read_observations("bomb.xlsx", &bomb, &PermissiveRegistry).unwrap_err();
    assert_eq!(err.len(), 1, "{err}");
    assert_eq!(err.errors[0].kind, ErrorKind::Unreadable, "{err}");
    assert!(
        err.to_string()
            .contains("xl/worksheets/sheet1.xml: File is larger than its declared"),
        "{err}"
    );
}

#[test]
fn a_bomb_declaring_its_size_is_refused_before_inflating() {
    let bomb = with_entry(&workbook(&[]), whitespace_sheet(300, None));
    let message = too_large(read_observations("bomb.xlsx", &bomb, &PermissiveRegistry));
    assert!(message.contains("declares 300"), "{message}");
    assert!(message.contains("past the limit of 256 MiB"), "{message}");
}

#[test]
fn a_long_run_of_whitespace_under_the_size_limit_is_refused() {
    let sheet = with_entry(&workbook(&[]), whitespace_sheet(2, None));
    let message = too_large(read_observations("run.xlsx", &sheet, &PermissiveRegistry));
    assert!(
        message.contains("xl/worksheets/sheet1.xml holds a run of more than 1 MiB"),
        "{message}"
    );
}

#[test]
fn each_limit_is_named_when_passed() {
    let limits = Limits {
        rows: 3,
        columns: 8,
        cells: 20,
        shared_strings: 12,
        ..Limits::DEFAULT
    };
    let read = |bytes: &[u8]| too_large(read_xlsx_within("f.xlsx", bytes, &PermissiveRegistry, &limits));

    let rows: Vec<(u32, u16, &str)> = (1..4).map(|r| (r, 0, "济南市")).collect();
    let message = read(&workbook(&rows));
    assert!(message.contains("more than 3 rows with values, the limit"), "{message}");

    let message = read(&workbook(&[(1, 8, "x")]));
    assert!(
        message.contains("value in cell I2, past the limit of 8 columns"),
        "{message}"
    );

    let cells: Vec<(u32, u16, &str)> = (1..3).flat_map(|r| (0..7).map(move |c| (r, c, "v"))).collect();
    let message = read(&workbook(&cells));
    assert!(
        message.contains("more than 20 cells with values, the limit"),
        "{message}"
    );

    let strings = ["a", "b", "c", "d", "e", "f"];
    let cells: Vec<(u32, u16, &str)> = strings.iter().enumerate().map(|(c, s)| (1, c as u16, *s)).collect();
    let message = read(&workbook(&cells));
    assert!(message.contains("more than 12 shared strings, the limit"), "{message}");

    // Under every limit, the same reader reads.
    let within = Limits {
        shared_strings: 13,
        ..limits
    };
    let err = read_xlsx_within("f.xlsx", &workbook(&cells), &PermissiveRegistry, &within).unwrap_err();
    assert!(!err.has(ErrorKind::TooLarge), "{err}");
}

/// Error lists are bounded (issue 16, defect 11): 100,000 unknown columns give the first
/// `MAX_LISTED` errors and one entry counting the rest, and a 10 MB cell is quoted cut to
/// `MAX_QUOTED` characters ending in `…`, so the message stays a few kilobytes.
#[test]
fn error_lists_are_bounded_and_long_cells_cut() {
    use pledge_sheets::errors::{MAX_LISTED, MAX_QUOTED};
    let registry = crate::support::registry();
    let mut header = crate::support::HEADER.to_owned();
    for i in 0..100_000 {
        header.push_str(&format!(",extra{i}"));
    }
    let body = crate::support::line("济南市", "PM2.5年均浓度", "2021", "40", "μg/m3");
    let bytes = crate::support::csv(&[&header, &body]);
    let err = read_observations("wide.csv", &bytes, &registry).unwrap_err();
    assert_eq!(err.errors.len(), MAX_LISTED + 1, "{}", err.errors.len());
    let last = err.errors.last().unwrap();
    assert_eq!(last.kind, ErrorKind::Omitted);
    assert!(err.total() >= 100_000, "{} {}", err.total(), last.message);
    assert!(err.to_string().len() < 50_000, "{} bytes", err.to_string().len());

    let huge = "九".repeat(10 * 1024 * 1024 / 3);
    let body = crate::support::line("济南市", "PM2.5年均浓度", "2021", &huge, "μg/m3");
    let bytes = crate::support::csv(&[crate::support::HEADER, &body]);
    let err = read_observations("big.csv", &bytes, &registry).unwrap_err();
    let value = &err.errors[0].value;
    assert_eq!(value.chars().count(), MAX_QUOTED + 1, "cut, with its ellipsis");
    assert!(value.ends_with('…'));
    assert!(err.to_string().len() < 5_000, "{} bytes", err.to_string().len());
}
