//! Integration tests of pledge-sheets: imports of good and broken files in CSV and xlsx,
//! templates, exports, the real shared observations and a 100 MB CSV.

mod csv_import;
mod export;
mod hostile;
mod large;
mod real_data;
mod support;
mod template;
mod xlsx_import;
