//! Tables flattened into text, found in an article's body: one cell a line with `|`
//! lines between cells (`生产总值\n|\n295.4\n|\n7.7`), or one row a line with cells
//! split by `|` or tabs (`农业科技进步贡献率(%) |60 |64 |预期性`).
//!
//! This module only finds the grid: a caption, an optional `单位:` line, a header row
//! and the data rows, each cell a byte range of the body. [`crate::table_facts`] reads
//! the facts from it.

use std::ops::Range;

/// The most characters of a cell that stands alone on the line after a table's last bar.
const MAX_CELL_CHARS: usize = 30;

/// The most columns a table is read with.
const MAX_COLS: usize = 10;

/// A table found in a body: every cell a trimmed byte range of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Grid {
    /// The bytes of the body the table covers (its lines are not read as sentences).
    pub range: Range<usize>,
    /// Text cells before the header (`2022年全区生产总值及其增长速度`).
    pub caption: Vec<Range<usize>>,
    /// The `单位:亿元` cell's unit (`亿元`).
    pub unit: Option<Range<usize>>,
    /// The header row; the first cell names the row labels' column (`指标`, `地区`).
    pub header: Vec<Range<usize>>,
    /// The data rows, each as long as the header, a label first.
    pub rows: Vec<Vec<Range<usize>>>,
}

/// What a cell holds, for finding a table's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A number, with or without a sign, bound or bracket (`-2.50`, `>80`, `〔18〕`).
    Number,
    /// Nothing, or a dash (`—`): fits any column.
    Blank,
    /// Words.
    Text,
}

/// The tables of `body`, in order.
pub(crate) fn grids(body: &str) -> Vec<Grid> {
    // Most bodies hold no bar and no tab: one SIMD pass tells.
    let b = body.as_bytes();
    if memchr::memchr2(b'|', b'\t', b).is_none() && memchr::memmem::find(b, "｜".as_bytes()).is_none() {
        return Vec::new();
    }
    let mut out: Vec<Grid> = cell_runs(body)
        .into_iter()
        .filter_map(|cells| from_cells(body, &cells))
        .collect();
    for rows in row_runs(body) {
        if out
            .iter()
            .any(|g| g.range.start < rows_end(&rows) && rows_start(&rows) < g.range.end)
        {
            continue;
        }
        if let Some(g) = from_rows(body, rows) {
            out.push(g);
        }
    }
    out.sort_by_key(|g| g.range.start);
    out
}

fn rows_start(rows: &[Vec<Range<usize>>]) -> usize {
    rows.first().and_then(|r| r.first()).map_or(0, |c| c.start)
}

fn rows_end(rows: &[Vec<Range<usize>>]) -> usize {
    rows.last().and_then(|r| r.last()).map_or(0, |c| c.end)
}

/// The lines of `body` with their byte ranges (without the newline).
fn lines(body: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut from = 0;
    body.split('\n').map(move |l| {
        let r = from..from + l.len();
        from += l.len() + 1;
        r
    })
}

/// `r` without the white space at its ends.
fn trimmed(body: &str, r: Range<usize>) -> Range<usize> {
    let t = &body[r.clone()];
    let start = r.start + (t.len() - t.trim_start().len());
    let end = r.end - (t.len() - t.trim_end().len());
    start..end.max(start)
}

/// Whether a line belongs to a one-cell-a-line table: a bar at one of its ends (the
/// normalizer joins a cell to the bar after it: `生产总值|`).
fn bar_at_end(line: &str) -> bool {
    let t = line.trim();
    t.starts_with(['|', '｜']) || t.ends_with(['|', '｜'])
}

/// Runs of cells of one-cell-a-line tables: from the last sentence end before the first
/// bar to the line after the last, split at the bars (a cell may take several lines).
fn cell_runs(body: &str) -> Vec<Vec<Range<usize>>> {
    let all: Vec<Range<usize>> = lines(body).collect();
    let is_bar = |i: usize| all.get(i).is_some_and(|l| bar_at_end(&body[l.clone()]));
    let mut runs = Vec::new();
    let mut i = 0;
    while i < all.len() {
        if !is_bar(i) {
            i += 1;
            continue;
        }
        let i0 = i;
        let mut first = i;
        // `|` alone on its line: the cell before it is the line before.
        let starts_bare = body[all[i].clone()].trim_start().starts_with(['|', '｜']);
        if starts_bare && i > 0 && !body[all[i - 1].clone()].trim().is_empty() {
            first = i - 1;
        }
        // A cell alone on its lines (at most two) sits between two lines with bars.
        let filled = |k: usize| all.get(k).is_some_and(|l| !body[l.clone()].trim().is_empty());
        while let Some(step) = (1..=3).find(|&d| is_bar(i + d) && (1..d).all(|e| filled(i + e) && !is_bar(i + e))) {
            i += step;
        }
        let mut last = i;
        let ends_open = body[all[last].clone()].trim_end().ends_with(['|', '｜']);
        // The last cell, when it stands alone after the last bar: short, no sentence.
        let cell_like = |l: &str| {
            let l = l.trim();
            !l.is_empty() && l.chars().count() <= MAX_CELL_CHARS && !l.contains(['。', '；', '！', '？'])
        };
        if ends_open && last + 1 < all.len() && cell_like(&body[all[last + 1].clone()]) {
            last += 1;
        }
        let line0 = &body[all[first].clone()];
        let lead = line0
            .rfind(['。', '！', '？', '；'])
            .filter(|_| first == i0)
            .map_or(0, |k| k + line0[k..].chars().next().map_or(0, char::len_utf8));
        let region = all[first].start + lead..all[last].end;
        let mut cells = Vec::new();
        let mut from = region.start;
        for (k, c) in body[region.clone()].char_indices() {
            if matches!(c, '|' | '｜') {
                cells.push(trimmed(body, from..region.start + k));
                from = region.start + k + c.len_utf8();
            }
        }
        cells.push(trimmed(body, from..region.end));
        cells.retain(|c| !c.is_empty());
        runs.push(cells);
        i = last + 1;
    }
    runs
}

/// Runs of consecutive lines of one-row-a-line tables (cells split by `|` or tabs).
fn row_runs(body: &str) -> Vec<Vec<Vec<Range<usize>>>> {
    let mut runs = Vec::new();
    let mut run: Vec<Vec<Range<usize>>> = Vec::new();
    for line in lines(body) {
        let text = &body[line.clone()];
        let cells = split_row(text, line.start);
        if cells.len() >= 2 {
            run.push(cells.into_iter().map(|c| trimmed(body, c)).collect());
        } else {
            if run.len() >= 2 {
                runs.push(std::mem::take(&mut run));
            }
            run.clear();
        }
    }
    if run.len() >= 2 {
        runs.push(run);
    }
    runs
}

/// The cells of one row a line, split at `|`, `｜` or tabs; empty edge cells dropped.
fn split_row(text: &str, base: usize) -> Vec<Range<usize>> {
    let mut cells = Vec::new();
    let mut from = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '|' | '｜' | '\t') {
            cells.push(base + from..base + i);
            from = i + c.len_utf8();
        }
    }
    if cells.is_empty() {
        return cells;
    }
    cells.push(base + from..base + text.len());
    let blank = |r: &Range<usize>| text[r.start - base..r.end - base].trim().is_empty();
    if cells.first().is_some_and(blank) {
        cells.remove(0);
    }
    if cells.last().is_some_and(blank) {
        cells.pop();
    }
    cells
}

/// What `cell` holds.
fn shape(cell: &str) -> Shape {
    let t = cell.trim();
    if t.is_empty() || matches!(t, "—" | "-" | "/" | "－" | "——" | "…") {
        return Shape::Blank;
    }
    if number(t).is_some() {
        Shape::Number
    } else {
        Shape::Text
    }
}

/// The number a cell holds: its value, the bound its symbol or word gives, and whether
/// it is bracketed (`〔18〕`: a cumulative change).
pub(crate) fn number(cell: &str) -> Option<(f64, Option<pledge_model::Bound>, bool)> {
    use pledge_model::Bound;
    let mut t = cell.trim();
    let mut bound = None;
    for (p, b) in [
        (">=", Bound::Ge),
        ("≥", Bound::Ge),
        (">", Bound::Ge),
        ("<=", Bound::Le),
        ("≤", Bound::Le),
        ("<", Bound::Le),
    ] {
        if let Some(r) = t.strip_prefix(p) {
            t = r.trim_start();
            bound = Some(b);
            break;
        }
    }
    if let Some(r) = t.strip_suffix("左右") {
        t = r.trim_end();
        bound = Some(Bound::About);
    }
    let mut bracketed = false;
    for (o, c) in [('〔', '〕'), ('[', ']'), ('［', '］')] {
        if let Some(r) = t.strip_prefix(o).and_then(|r| r.strip_suffix(c)) {
            t = r.trim();
            bracketed = true;
        }
    }
    let (neg, digits) = match t.chars().next()? {
        '-' | '−' | '－' => (true, &t[t.chars().next()?.len_utf8()..]),
        '+' => (false, &t[1..]),
        _ => (false, t),
    };
    let digits = digits.trim_end_matches('%');
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
        return None;
    }
    let v: f64 = digits.replace(',', "").parse().ok()?;
    Some((if neg { -v } else { v }, bound, bracketed))
}

/// The unit a `单位:…` cell names (`单位:亿元` → `亿元`).
fn unit_cell(body: &str, cell: &Range<usize>) -> Option<Range<usize>> {
    let t = &body[cell.clone()];
    let rest = t.strip_prefix("单位").or_else(|| t.strip_prefix("單位"))?;
    let sep = rest.chars().next().filter(|c| matches!(c, ':' | '：'))?;
    let start = cell.end - rest.len() + sep.len_utf8();
    Some(trimmed(body, start..cell.end))
}

/// A grid from a run of one-cell-a-line cells: the row length is the smallest that lays
/// the cells after the first label out in rows whose columns each hold one shape.
fn from_cells(body: &str, cells: &[Range<usize>]) -> Option<Grid> {
    let mut unit = None;
    let cells: Vec<Range<usize>> = cells
        .iter()
        .filter(|c| match unit_cell(body, c) {
            Some(u) => {
                unit = Some(u);
                false
            }
            None => true,
        })
        .cloned()
        .collect();
    let shapes: Vec<Shape> = cells.iter().map(|c| shape(&body[c.clone()])).collect();
    let first_number = shapes.iter().position(|s| *s == Shape::Number)?;
    let label = first_number.checked_sub(1)?;
    let cols = (2..=MAX_COLS).find(|&n| fits(&shapes[label..], n))?;
    let header_start = label.checked_sub(cols)?;
    let data = &cells[label..];
    let rows: Vec<Vec<Range<usize>>> = data.chunks_exact(cols).map(<[_]>::to_vec).collect();
    Some(Grid {
        range: cells.first()?.start..cells.last()?.end,
        caption: cells[..header_start].to_vec(),
        unit,
        header: cells[header_start..label].to_vec(),
        rows,
    })
}

/// Whether `shapes` (from the first label on) lay out in rows of `n`: at least two
/// full rows, labels that are words, and each column one shape (blanks fit any).
fn fits(shapes: &[Shape], n: usize) -> bool {
    let rows = shapes.len() / n;
    if rows < 2 {
        return false;
    }
    let mut col: Vec<Shape> = vec![Shape::Blank; n];
    for (i, s) in shapes[..rows * n].iter().enumerate() {
        let c = i % n;
        if c == 0 && *s != Shape::Text {
            return false;
        }
        match (col[c], *s) {
            (_, Shape::Blank) => {}
            (Shape::Blank, x) => col[c] = x,
            (a, b) if a != b => return false,
            _ => {}
        }
    }
    col.contains(&Shape::Number)
}

/// A grid from one-row-a-line rows: the first row whose value cells are words is the
/// header; rows as long as it, a word first and a number among them, are data.
fn from_rows(body: &str, rows: Vec<Vec<Range<usize>>>) -> Option<Grid> {
    let has_number = |r: &Vec<Range<usize>>| r.iter().skip(1).any(|c| shape(&body[c.clone()]) == Shape::Number);
    let h = rows.iter().position(|r| !has_number(r))?;
    let header = rows[h].clone();
    let data: Vec<Vec<Range<usize>>> = rows[h + 1..]
        .iter()
        .filter(|r| r.len() == header.len() && has_number(r) && shape(&body[r[0].clone()]) == Shape::Text)
        .cloned()
        .collect();
    if data.is_empty() {
        return None;
    }
    Some(Grid {
        range: rows_start(&rows)..rows_end(&rows),
        caption: Vec::new(),
        unit: None,
        header,
        rows: data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str, cells: &[Range<usize>]) -> Vec<String> {
        cells.iter().map(|c| body[c.clone()].to_owned()).collect()
    }

    #[test]
    fn one_cell_a_line() {
        let body = "正文。\n2022年全区生产总值\n|\n单位:亿元\n|\n指 标\n|\n绝对数\n|\n比上年增长%\n|\n生产总值\n|\n295.4\n|\n7.7\n|\n第一产业\n|\n24.4\n|\n-3.3\n后文。";
        let g = grids(body);
        assert_eq!(g.len(), 1);
        let g = &g[0];
        assert_eq!(texts(body, &g.caption), ["2022年全区生产总值"]);
        assert_eq!(g.unit.clone().map(|u| &body[u]), Some("亿元"));
        assert_eq!(texts(body, &g.header), ["指 标", "绝对数", "比上年增长%"]);
        assert_eq!(g.rows.len(), 2);
        assert_eq!(texts(body, &g.rows[1]), ["第一产业", "24.4", "-3.3"]);
    }

    #[test]
    fn a_text_column_and_a_cell_on_two_lines() {
        let body = "地区\n|\n目标(%)\n|\n增量\n(万吨)\n|\n考核结果\n|\n成都市\n|\n-2.50\n|\n230.86\n|\n完成\n|\n自贡市\n|\n-3.00\n|\n26.6\n|\n完成";
        let g = &grids(body)[0];
        assert_eq!(texts(body, &g.header), ["地区", "目标(%)", "增量\n(万吨)", "考核结果"]);
        assert_eq!(texts(body, &g.rows[1]), ["自贡市", "-3.00", "26.6", "完成"]);
    }

    #[test]
    fn one_row_a_line() {
        let body =
            "指标 |2020年 |2025年 |属性\n农业科技进步贡献率(%) |60 |64 |预期性\n粮食产量(万吨) |>80 |〔18〕 |约束性";
        let g = &grids(body)[0];
        assert_eq!(texts(body, &g.header), ["指标", "2020年", "2025年", "属性"]);
        assert_eq!(g.rows.len(), 2);
        assert_eq!(number(">80"), Some((80.0, Some(pledge_model::Bound::Ge), false)));
        assert_eq!(number("〔18〕"), Some((18.0, None, true)));
    }

    #[test]
    fn stray_bars_are_no_table() {
        assert!(grids("|\n一段文字。\n|\n另一段。").is_empty());
        assert!(grids("甲 | 乙").is_empty());
    }
}
