//! The facts of a table ([`crate::table`]): every number cell is a fact, its indicator
//! the row label (or, where the rows are places, the column header), its year, kind,
//! unit and measure from the column header, the row label's `(单位)` and the `单位:` line.

use pledge_model::{Bound, Direction, Fact, Kind, Measure};

use crate::engine::{ArticleCtx, Name, place_name};
use crate::indicator::clean;
use crate::shadow::shadow;
use crate::table::{Grid, number};

/// Words of a header that say the column is a change, and which way.
const CHANGE_WORDS: &[(&str, Option<Direction>)] = &[
    ("比上年增长", Some(Direction::Up)),
    ("比上年", None),
    ("增长", Some(Direction::Up)),
    ("增速", Some(Direction::Up)),
    ("增量", Some(Direction::Up)),
    ("增减", None),
    ("下降", Some(Direction::Down)),
    ("降低", Some(Direction::Down)),
    ("减少", Some(Direction::Down)),
];

/// Words of a header that say the column's kind, dropped from an indicator.
const KIND_WORDS: &[(&str, Kind)] = &[
    ("目标", Kind::Target),
    ("计划", Kind::Target),
    ("任务", Kind::Target),
    ("实际", Kind::Actual),
    ("完成", Kind::Actual),
];

/// Labels of a row that sums the places above it.
const TOTALS: &[&str] = &["全省", "全市", "全区", "全县", "全国", "合计", "总计"];

/// What a header or label says besides its words.
#[derive(Debug, Default)]
struct Label {
    /// The words left (`单位GDP能耗` of `2016年单位GDP能耗目标(%)`).
    words: String,
    /// The year it names.
    year: Option<i32>,
    /// The unit in its brackets or its trailing `%`.
    unit: Option<String>,
    /// The kind its words say.
    kind: Option<Kind>,
    /// A change, and which way when it says.
    change: Option<Option<Direction>>,
}

/// Reads a header or a row label.
fn label(text: &str) -> Label {
    let mut out = Label::default();
    let mut t = text.replace(['\n', ' ', '\u{3000}'], "");
    // (%) or （万吨标准煤）: the unit.
    // Brackets of either width, even mixed (`（%)`).
    if let (Some(a), Some(b)) = (t.find(['(', '（']), t.rfind([')', '）'])) {
        let open = t[a..].chars().next().map_or(1, char::len_utf8);
        let close = t[b..].chars().next().map_or(1, char::len_utf8);
        if a + open <= b {
            out.unit = Some(t[a + open..b].trim().to_owned());
            t.replace_range(a..b + close, "");
        }
    }
    if out.unit.is_none() {
        if let Some(r) = t.strip_suffix('%') {
            out.unit = Some("%".to_owned());
            t = r.to_owned();
        }
    }
    // 2016年: the year.
    if let Some(i) = t.find('年') {
        let digits: String = t[..i].chars().rev().take_while(char::is_ascii_digit).collect();
        if digits.len() == 4 {
            out.year = digits.chars().rev().collect::<String>().parse().ok();
            t.replace_range(i - 4..i + '年'.len_utf8(), "");
        }
    }
    let s = shadow(&t).into_owned();
    let mut drop: Vec<(usize, usize)> = Vec::new();
    for (w, d) in CHANGE_WORDS {
        if let Some(i) = s.find(w) {
            if out.change.is_none() {
                out.change = Some(*d);
            }
            if !drop.iter().any(|&(a, b)| i < b && a < i + w.len()) {
                drop.push((i, i + w.len()));
            }
        }
    }
    for (w, k) in KIND_WORDS {
        if let Some(i) = s.find(w) {
            out.kind.get_or_insert(*k);
            drop.push((i, i + w.len()));
        }
    }
    drop.sort_unstable();
    let mut words = String::new();
    let mut at = 0;
    for (a, b) in drop {
        if a >= at {
            words.push_str(&t[at..a]);
            at = b;
        }
    }
    words.push_str(&t[at..]);
    // 增量 alone: the word is the indicator.
    out.words = if words.trim().is_empty() { t.clone() } else { words };
    out.words = clean(&out.words);
    out
}

/// A unit read from a text: its magnitude and the unit emitted (`万吨标准煤` → 10000,
/// `吨标准煤`), `None` when the text is no unit.
type Unit = Option<(f64, pledge_model::SharedStr)>;

/// Reads a unit text ([`Unit`]).
fn unit_of(ctx: &ArticleCtx, unit: &str) -> Unit {
    let probe = format!("1{}", shadow(unit));
    let scan = crate::quantity::scan(ctx.lex, &probe);
    let q = scan.quantities.first()?;
    (q.start == 0 && q.end == probe.len() && !q.unit.is_empty()).then(|| (q.value, q.unit.clone()))
}

/// `value` times `magnitude`, exact where the magnitude is a power of ten (`295.4` 亿 is
/// 29540000000, not 29539999999.999996).
fn scaled(value: f64, magnitude: f64) -> f64 {
    let exp = magnitude.log10().round();
    if magnitude == 10f64.powf(exp) {
        if let Ok(v) = format!("{value}e{exp}").parse() {
            return v;
        }
    }
    value * magnitude
}

/// The facts of `grid` in the article body `body` at offset `base`, into `out`.
pub(crate) fn read(ctx: &ArticleCtx, base: usize, body: &str, grid: &Grid, out: &mut Vec<Fact>) {
    let cell = |r: &std::ops::Range<usize>| &body[r.clone()];
    let caption_year = grid.caption.iter().find_map(|c| label(cell(c)).year);
    // Units are read once per table, column and row, and the first of them a cell has
    // (its column's, its row's, the table's) is its unit.
    let table_unit: Option<Unit> = grid.unit.as_ref().map(|u| unit_of(ctx, cell(u)));
    let headers: Vec<Label> = grid.header.iter().map(|h| label(cell(h))).collect();
    let column_units: Vec<Option<Unit>> = headers
        .iter()
        .map(|h| h.unit.as_deref().map(|u| unit_of(ctx, u)))
        .collect();
    let first_year = headers.iter().find_map(|h| h.year);
    // Rows are places when most labels name one.
    let places: Vec<Option<usize>> = grid
        .rows
        .iter()
        .map(|r| ctx.gaz.lookup(cell(&r[0]).trim(), ctx.region))
        .collect();
    let by_place = places.iter().filter(|p| p.is_some()).count() * 2 > grid.rows.len();
    for (row, place) in grid.rows.iter().zip(&places) {
        let row_label = label(cell(&row[0]));
        let row_unit: Option<Unit> = row_label.unit.as_deref().map(|u| unit_of(ctx, u));
        let scope: Name = match (by_place, place) {
            (true, Some(p)) => place_name(Some(*p)),
            (true, None) if TOTALS.contains(&cell(&row[0]).trim()) => ctx.place_name.clone(),
            (true, None) => continue,
            (false, _) => ctx.place_name.clone(),
        };
        for (c, r) in row.iter().enumerate().skip(1) {
            let Some((value, bound, cumulative)) = number(cell(r)) else {
                continue;
            };
            let Some(head) = headers.get(c) else { continue };
            let indicator = if by_place {
                head.words.clone()
            } else {
                row_label.words.clone()
            };
            if indicator.is_empty() {
                continue;
            }
            let unit = column_units[c]
                .clone()
                .or_else(|| row_unit.clone())
                .or_else(|| table_unit.clone());
            let Some((magnitude, unit)) = unit.flatten() else {
                continue;
            };
            let year = head.year.or(caption_year).or(ctx.review_year).or(ctx.doc_year);
            let kind = head.kind.or(row_label.kind).unwrap_or(match (year, ctx.doc_year) {
                (Some(y), Some(d)) if head.year.is_some() && y > d => Kind::Target,
                _ if head.year.is_none() && ctx.plan_span.is_some() => Kind::Target,
                _ => Kind::Actual,
            });
            let change = head.change.or(row_label.change.filter(|_| cumulative));
            let (measure, direction, baseline_year) = if change.is_some() || value < 0.0 || cumulative {
                let direction = if value < 0.0 {
                    Direction::Down
                } else {
                    change.flatten().or(row_label.change.flatten()).unwrap_or(Direction::Up)
                };
                let baseline = if cumulative { first_year } else { year.map(|y| y - 1) };
                (Measure::Change, Some(direction), baseline)
            } else {
                (Measure::Level, None, None)
            };
            let quote_end = r.end;
            let quote: Vec<&str> = row[..=c].iter().map(&cell).collect();
            let span = ctx.norm.original_span(base + row[0].start..base + quote_end);
            out.push(Fact {
                doc: ctx.doc_id.clone(),
                article: ctx.article,
                kind,
                scope: scope.clone(),
                indicator,
                year,
                period: None,
                baseline_year,
                measure,
                direction,
                bound: bound.unwrap_or(Bound::Eq),
                value: scaled(value.abs(), magnitude),
                value_max: None,
                unit,
                quote: quote.join("|"),
                span: [span.start, span.end],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::label;
    use pledge_model::{Direction, Kind};

    #[test]
    fn a_header_says_year_kind_unit_and_change() {
        let l = label("2016年单位GDP能耗目标(%)");
        assert_eq!(
            (l.words.as_str(), l.year, l.kind, l.unit.as_deref()),
            ("单位GDP能耗", Some(2016), Some(Kind::Target), Some("%"))
        );
        let l = label("2016年单位GDP能耗实际下降(%)");
        assert_eq!(
            (l.words.as_str(), l.kind, l.change),
            ("单位GDP能耗", Some(Kind::Actual), Some(Some(Direction::Down)))
        );
        let l = label("2016年增量\n(万吨标准煤)");
        assert_eq!((l.words.as_str(), l.unit.as_deref()), ("增量", Some("万吨标准煤")));
        let l = label("比上年增长%");
        assert_eq!((l.unit.as_deref(), l.change), (Some("%"), Some(Some(Direction::Up))));
    }
}
