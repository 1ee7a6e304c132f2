//! SVG charts as pure functions of their data: the target chart of a target page and the
//! sparkline of a scoreboard row.
//!
//! No JavaScript and no chart library: the server writes the SVG, so charts show with
//! scripts off, print, and can be tested as text. Years without a value are gaps (the line
//! breaks), never interpolated. Every chart is `role="img"` with a title and a
//! description, and the page puts the same numbers in a table next to it.

use std::fmt::Write;

/// One value of a series: a year and a number on the chart's scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// The year.
    pub year: i32,
    /// The value.
    pub value: f64,
}

impl Point {
    /// A point.
    pub fn new(year: i32, value: f64) -> Point {
        Point { year, value }
    }
}

/// The words a target chart needs, already in the page's language.
#[derive(Debug, Clone, Default)]
pub struct ChartLabels {
    /// The chart's title (read by screen readers, shown as a tooltip).
    pub title: String,
    /// A one-sentence description of what the chart shows.
    pub description: String,
    /// Legend: observed values.
    pub observed: String,
    /// Legend: the expected (linear) path from the baseline to the target.
    pub expected: String,
    /// Legend: the target.
    pub target: String,
    /// Legend: the forecast.
    pub forecast: String,
    /// Legend: the baseline.
    pub baseline: String,
    /// The unit shown on the value axis.
    pub unit: String,
}

/// Everything a target chart draws.
#[derive(Debug, Clone, Default)]
pub struct TargetChart {
    /// Whole-year observed values, any order; missing years are drawn as gaps.
    pub observations: Vec<Point>,
    /// The baseline year and value, when known.
    pub base: Option<Point>,
    /// The target year and value.
    pub target: Option<Point>,
    /// The latest value the forecast starts from.
    pub latest: Option<Point>,
    /// The forecast value (usually at the target year).
    pub forecast: Option<Point>,
    /// Labels in the page's language.
    pub labels: ChartLabels,
}

/// Width of the target chart's view box.
const W: f64 = 640.0;
/// Height of the target chart's view box.
const H: f64 = 320.0;
/// Margins: left, right, top, bottom.
const ML: f64 = 64.0;
const MR: f64 = 24.0;
const MT: f64 = 40.0;
const MB: f64 = 36.0;

/// Colours chosen for contrast on white (all ≥ 4.5:1) and told apart by dash patterns
/// and markers too, so nothing depends on colour alone.
const C_OBSERVED: &str = "#1d4f91";
const C_EXPECTED: &str = "#4d4d4d";
const C_TARGET: &str = "#a3001b";
const C_FORECAST: &str = "#7a4a00";
const C_GRID: &str = "#d9d9d9";

/// Escapes text for SVG/HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Splits points into runs of consecutive years (sorted by year): a missing year starts a
/// new run, so the line shows the gap.
pub fn runs(points: &[Point]) -> Vec<Vec<Point>> {
    let mut sorted: Vec<Point> = points.iter().copied().filter(|p| p.value.is_finite()).collect();
    sorted.sort_by_key(|p| p.year);
    sorted.dedup_by_key(|p| p.year);
    let mut out: Vec<Vec<Point>> = Vec::new();
    for p in sorted {
        match out.last_mut() {
            Some(run) if run.last().is_some_and(|last| p.year == last.year + 1) => run.push(p),
            _ => out.push(vec![p]),
        }
    }
    out
}

/// Round tick values covering `lo..=hi`, about `count` of them (1, 2 or 5 times a power of
/// ten apart).
pub fn nice_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    if !lo.is_finite() || !hi.is_finite() || count == 0 {
        return Vec::new();
    }
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    let span = if hi - lo > 0.0 { hi - lo } else { lo.abs().max(1.0) };
    let raw = span / count as f64;
    let exp = raw.log10().floor() as i32;
    let magnitude = 10f64.powi(exp);
    let m = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .find(|m| m * magnitude >= raw)
        .unwrap_or(10.0);
    let step = m * magnitude;
    // Ticks are i·m·10^exp, computed with one exact division by a power of ten so they
    // print round (0.85, not 0.8500000000000001).
    let at = |i: i64| {
        let k = i as f64 * m;
        if exp < 0 { k / 10f64.powi(-exp) } else { k * magnitude }
    };
    let first = (lo / step - 1e-9).floor() as i64;
    let last = (hi / step + 1e-9).ceil() as i64;
    (first..=last)
        .take(50)
        .map(|i| {
            let t = at(i);
            if t == 0.0 { 0.0 } else { t }
        })
        .collect()
}

/// A number for people, as Chinese readers write it (`62亿`, `180万`, `0.865`): the one
/// formatter of every surface, [`pledge_model::display::number`].
pub fn format_number(value: f64) -> String {
    pledge_model::display::number(value)
}

/// Maps years and values to view-box coordinates.
#[derive(Debug, Clone, Copy)]
struct Frame {
    x0: i32,
    x1: i32,
    y0: f64,
    y1: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Frame {
    fn x(&self, year: i32) -> f64 {
        let span = f64::from((self.x1 - self.x0).max(1));
        self.left + (f64::from(year - self.x0) + 0.5) / (span + 1.0) * (self.right - self.left)
    }

    fn y(&self, value: f64) -> f64 {
        let span = if self.y1 > self.y0 { self.y1 - self.y0 } else { 1.0 };
        self.bottom - (value - self.y0) / span * (self.bottom - self.top)
    }
}

/// The value range to draw: every value, padded, widened when flat.
fn value_range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return None;
    }
    if hi - lo < f64::EPSILON * hi.abs().max(1.0) {
        let pad = (hi.abs() * 0.1).max(1.0);
        return Some((lo - pad, hi + pad));
    }
    let pad = (hi - lo) * 0.08;
    Some((lo - pad, hi + pad))
}

/// `M x y L x y …` for a run of points.
fn path(frame: &Frame, points: &[Point]) -> String {
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        let _ = write!(
            d,
            "{}{:.1} {:.1}",
            if i == 0 { "M" } else { " L" },
            frame.x(p.year),
            frame.y(p.value)
        );
    }
    d
}

/// The target chart: observed values (line with gaps, a dot per value), the baseline, the
/// expected path from the baseline to the target, the target, and the forecast from the
/// latest value, with axes, grid and a legend. `table_id` names the table with the same
/// data (referenced by `aria-describedby`).
pub fn target_chart(chart: &TargetChart, table_id: &str) -> String {
    let mut years: Vec<i32> = chart.observations.iter().map(|p| p.year).collect();
    let mut values: Vec<f64> = chart.observations.iter().map(|p| p.value).collect();
    for p in [chart.base, chart.target, chart.latest, chart.forecast]
        .into_iter()
        .flatten()
    {
        years.push(p.year);
        values.push(p.value);
    }
    let labels = &chart.labels;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-labelledby="chart-title chart-desc" aria-describedby="{id}" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="12"><title id="chart-title">{title}</title><desc id="chart-desc">{desc}</desc>"##,
        id = escape(table_id),
        title = escape(&labels.title),
        desc = escape(&labels.description),
    );
    let (Some(&x0), Some(&x1), Some((y0, y1))) = (
        years.iter().min(),
        years.iter().max(),
        value_range(values.iter().copied()),
    ) else {
        svg.push_str("</svg>");
        return svg;
    };
    let ticks = nice_ticks(y0, y1, 5);
    let (y0, y1) = (
        ticks.first().copied().unwrap_or(y0).min(y0),
        ticks.last().copied().unwrap_or(y1).max(y1),
    );
    let frame = Frame {
        x0,
        x1,
        y0,
        y1,
        left: ML,
        right: W - MR,
        top: MT,
        bottom: H - MB,
    };
    // Grid and value axis.
    for t in &ticks {
        let y = frame.y(*t);
        let _ = write!(
            svg,
            r##"<line x1="{ML}" x2="{r}" y1="{y:.1}" y2="{y:.1}" stroke="{C_GRID}" stroke-width="1"/><text x="{lx}" y="{ty:.1}" text-anchor="end" fill="#333">{label}</text>"##,
            r = W - MR,
            lx = ML - 6.0,
            ty = y + 4.0,
            label = escape(&format_number(*t)),
        );
    }
    if !labels.unit.is_empty() {
        let _ = write!(
            svg,
            r##"<text x="{ML}" y="{y}" fill="#333">{unit}</text>"##,
            y = MT - 8.0,
            unit = escape(&labels.unit)
        );
    }
    // Year axis: every year when few, else every other.
    let step = if x1 - x0 > 12 { 2 } else { 1 };
    let mut year = x0;
    while year <= x1 {
        let x = frame.x(year);
        let _ = write!(
            svg,
            r##"<text x="{x:.1}" y="{y}" text-anchor="middle" fill="#333">{year}</text>"##,
            y = H - MB + 18.0
        );
        year += step;
    }
    let _ = write!(
        svg,
        r##"<line x1="{ML}" x2="{r}" y1="{b}" y2="{b}" stroke="#333" stroke-width="1"/>"##,
        r = W - MR,
        b = H - MB
    );
    // Expected path: from the baseline to the target, dotted.
    if let (Some(base), Some(target)) = (chart.base, chart.target) {
        let _ = write!(
            svg,
            r##"<path class="expected" d="{d}" fill="none" stroke="{C_EXPECTED}" stroke-width="2" stroke-dasharray="2 4"/>"##,
            d = path(&frame, &[base, target])
        );
    }
    // Target: a horizontal guide at its value and a diamond at its year.
    if let Some(target) = chart.target {
        let (x, y) = (frame.x(target.year), frame.y(target.value));
        let _ = write!(
            svg,
            r##"<line class="target-line" x1="{ML}" x2="{r}" y1="{y:.1}" y2="{y:.1}" stroke="{C_TARGET}" stroke-width="1" stroke-dasharray="8 4" opacity="0.6"/><path class="target" d="M{x:.1} {a:.1} L{b:.1} {y:.1} L{x:.1} {c:.1} L{d:.1} {y:.1} Z" fill="{C_TARGET}"/>"##,
            r = W - MR,
            a = y - 7.0,
            b = x + 7.0,
            c = y + 7.0,
            d = x - 7.0,
        );
    }
    // Forecast: dashed from the latest value, hollow circle at the end.
    if let (Some(latest), Some(forecast)) = (chart.latest, chart.forecast) {
        if forecast.year > latest.year {
            let _ = write!(
                svg,
                r##"<path class="forecast" d="{d}" fill="none" stroke="{C_FORECAST}" stroke-width="2" stroke-dasharray="6 4"/><circle cx="{x:.1}" cy="{y:.1}" r="4.5" fill="#fff" stroke="{C_FORECAST}" stroke-width="2"/>"##,
                d = path(&frame, &[latest, forecast]),
                x = frame.x(forecast.year),
                y = frame.y(forecast.value),
            );
        }
    }
    // Observations: one line per run of consecutive years, a dot for every value.
    for run in runs(&chart.observations) {
        if run.len() > 1 {
            let _ = write!(
                svg,
                r##"<path class="observed" d="{d}" fill="none" stroke="{C_OBSERVED}" stroke-width="2.5"/>"##,
                d = path(&frame, &run)
            );
        }
        for p in &run {
            let _ = write!(
                svg,
                r##"<circle class="obs" cx="{x:.1}" cy="{y:.1}" r="4" fill="{C_OBSERVED}"><title>{year}: {v}</title></circle>"##,
                x = frame.x(p.year),
                y = frame.y(p.value),
                year = p.year,
                v = escape(&format_number(p.value)),
            );
        }
    }
    // Baseline: a square.
    if let Some(base) = chart.base {
        let _ = write!(
            svg,
            r##"<rect class="base" x="{x:.1}" y="{y:.1}" width="9" height="9" fill="#fff" stroke="{C_EXPECTED}" stroke-width="2"/>"##,
            x = frame.x(base.year) - 4.5,
            y = frame.y(base.value) - 4.5,
        );
    }
    legend(&mut svg, chart);
    svg.push_str("</svg>");
    svg
}

/// The legend across the top of the target chart; entries for what is drawn only.
fn legend(svg: &mut String, chart: &TargetChart) {
    let labels = &chart.labels;
    let mut x = ML + 90.0;
    let y = 16.0;
    let mut entry = |svg: &mut String, swatch: String, label: &str| {
        let _ = write!(
            svg,
            r##"<g transform="translate({x:.1} {y})">{swatch}<text x="26" y="4" fill="#222">{label}</text></g>"##,
            label = escape(label)
        );
        x += 34.0
            + label
                .chars()
                .map(|c| if c.is_ascii() { 7.0 } else { 12.5 })
                .sum::<f64>();
    };
    if !chart.observations.is_empty() {
        entry(
            svg,
            format!(
                r##"<line x1="0" x2="20" y1="0" y2="0" stroke="{C_OBSERVED}" stroke-width="2.5"/><circle cx="10" cy="0" r="3.5" fill="{C_OBSERVED}"/>"##
            ),
            &labels.observed,
        );
    }
    if chart.base.is_some() {
        entry(
            svg,
            format!(
                r##"<rect x="5.5" y="-4.5" width="9" height="9" fill="#fff" stroke="{C_EXPECTED}" stroke-width="2"/>"##
            ),
            &labels.baseline,
        );
    }
    if chart.base.is_some() && chart.target.is_some() {
        entry(
            svg,
            format!(
                r##"<line x1="0" x2="20" y1="0" y2="0" stroke="{C_EXPECTED}" stroke-width="2" stroke-dasharray="2 4"/>"##
            ),
            &labels.expected,
        );
    }
    if chart.target.is_some() {
        entry(
            svg,
            format!(r##"<path d="M10 -7 L17 0 L10 7 L3 0 Z" fill="{C_TARGET}"/>"##),
            &labels.target,
        );
    }
    if chart.forecast.is_some() && chart.latest.is_some() {
        entry(
            svg,
            format!(
                r##"<line x1="0" x2="20" y1="0" y2="0" stroke="{C_FORECAST}" stroke-width="2" stroke-dasharray="6 4"/>"##
            ),
            &labels.forecast,
        );
    }
}

/// A sparkline for a scoreboard row: the observed values with gaps, the last value marked,
/// and the target value as a short tick at the right edge. `label` is its accessible name
/// (the row's numbers are in the table itself).
pub fn sparkline(points: &[Point], target: Option<f64>, label: &str) -> String {
    const SW: f64 = 96.0;
    const SH: f64 = 24.0;
    let mut svg = format!(
        r##"<svg class="spark" viewBox="0 0 {SW} {SH}" width="{SW}" height="{SH}" role="img" aria-label="{label}" xmlns="http://www.w3.org/2000/svg">"##,
        label = escape(label)
    );
    let runs = runs(points);
    let all: Vec<Point> = runs.iter().flatten().copied().collect();
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        svg.push_str("</svg>");
        return svg;
    };
    let Some((y0, y1)) = value_range(all.iter().map(|p| p.value).chain(target)) else {
        svg.push_str("</svg>");
        return svg;
    };
    let frame = Frame {
        x0: first.year,
        x1: last.year,
        y0,
        y1,
        left: 2.0,
        right: SW - 8.0,
        top: 3.0,
        bottom: SH - 3.0,
    };
    if let Some(t) = target {
        let y = frame.y(t);
        let _ = write!(
            svg,
            r##"<line x1="{a}" x2="{SW}" y1="{y:.1}" y2="{y:.1}" stroke="{C_TARGET}" stroke-width="2"/>"##,
            a = SW - 6.0
        );
    }
    for run in &runs {
        if run.len() > 1 {
            let _ = write!(
                svg,
                r##"<path d="{d}" fill="none" stroke="{C_OBSERVED}" stroke-width="1.5"/>"##,
                d = path(&frame, run)
            );
        } else {
            let p = run[0];
            let _ = write!(
                svg,
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="1.5" fill="{C_OBSERVED}"/>"##,
                x = frame.x(p.year),
                y = frame.y(p.value)
            );
        }
    }
    let _ = write!(
        svg,
        r##"<circle cx="{x:.1}" cy="{y:.1}" r="2.5" fill="{C_OBSERVED}"/></svg>"##,
        x = frame.x(last.year),
        y = frame.y(last.value)
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(year: i32, value: f64) -> Point {
        Point::new(year, value)
    }

    #[test]
    fn runs_break_at_missing_years() {
        let r = runs(&[p(2023, 3.0), p(2020, 1.0), p(2021, 2.0), p(2025, 5.0)]);
        assert_eq!(
            r,
            vec![vec![p(2020, 1.0), p(2021, 2.0)], vec![p(2023, 3.0)], vec![p(2025, 5.0)]]
        );
        assert!(runs(&[]).is_empty());
        assert_eq!(runs(&[p(2020, f64::NAN)]).len(), 0);
    }

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        let t = nice_ticks(13.0, 87.0, 5);
        assert_eq!(t, vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        let t = nice_ticks(0.86, 1.0, 4);
        assert!(t.first().unwrap() <= &0.86 && t.last().unwrap() >= &1.0, "{t:?}");
        assert!(t.iter().all(|v| (v * 100.0).round() / 100.0 == *v), "{t:?}");
        assert!(nice_ticks(5.0, 5.0, 4).len() > 1);
        assert!(nice_ticks(f64::NAN, 1.0, 4).is_empty());
    }

    #[test]
    fn numbers_format_for_people() {
        assert_eq!(format_number(80000.0), "8万");
        assert_eq!(format_number(-1234567.0), "-123.4567万");
        assert_eq!(format_number(6_200_000_000.0), "62亿");
        assert_eq!(format_number(0.865), "0.865");
        assert_eq!(format_number(-7.3), "-7.3");
        assert_eq!(format_number(12.0), "12");
        assert_eq!(format_number(-0.0001), "-0.0001");
        assert_eq!(format_number(-0.00001), "0");
        assert_eq!(format_number(f64::NAN), "—");
    }

    #[test]
    fn target_chart_draws_every_layer_and_gaps() {
        let chart = TargetChart {
            observations: vec![p(2020, 20.0), p(2021, 30.0), p(2023, 55.0)],
            base: Some(p(2020, 20.0)),
            target: Some(p(2025, 80.0)),
            latest: Some(p(2023, 55.0)),
            forecast: Some(p(2025, 78.0)),
            labels: ChartLabels {
                title: "充电桩 <济南>".into(),
                observed: "实际值".into(),
                target: "目标".into(),
                ..ChartLabels::default()
            },
        };
        let svg = target_chart(&chart, "data-table");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r##"role="img""##) && svg.contains(r##"aria-describedby="data-table""##));
        assert!(svg.contains("充电桩 &lt;济南&gt;"), "title escaped");
        // 2020–2021 is a line; 2023 stands alone after the gap.
        assert_eq!(svg.matches(r##"class="observed""##).count(), 1);
        assert_eq!(svg.matches(r##"class="obs""##).count(), 3);
        for class in ["expected", "target", "forecast", "base", "target-line"] {
            assert!(svg.contains(&format!(r##"class="{class}""##)), "{class} missing");
        }
        for year in 2020..=2025 {
            assert!(svg.contains(&format!(">{year}</text>")), "year {year} on the axis");
        }
        assert!(svg.contains(">80</text>") || svg.contains(">80,000</text>") || svg.contains(">80"));
    }

    #[test]
    fn target_chart_without_data_is_an_empty_valid_svg() {
        let svg = target_chart(&TargetChart::default(), "t");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(!svg.contains("<path"));
    }

    #[test]
    fn forecast_is_drawn_only_forward() {
        let chart = TargetChart {
            observations: vec![p(2025, 5.0)],
            latest: Some(p(2025, 5.0)),
            forecast: Some(p(2025, 5.0)),
            ..TargetChart::default()
        };
        assert!(!target_chart(&chart, "t").contains(r##"class="forecast""##));
    }

    #[test]
    fn sparkline_marks_gaps_and_target() {
        let svg = sparkline(&[p(2019, 1.0), p(2020, 2.0), p(2022, 4.0)], Some(5.0), "a < b");
        assert!(svg.contains(r##"aria-label="a &lt; b""##));
        assert_eq!(svg.matches("<path").count(), 1, "one run of two years");
        assert_eq!(svg.matches("<circle").count(), 2, "the lone 2022 dot and the last mark");
        assert!(svg.contains("<line"), "target tick");
        let empty = sparkline(&[], None, "none");
        assert!(empty.ends_with("</svg>") && !empty.contains("<path"));
    }

    #[test]
    fn flat_series_do_not_divide_by_zero() {
        let svg = sparkline(&[p(2020, 3.0), p(2021, 3.0)], None, "flat");
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        let svg = target_chart(
            &TargetChart {
                observations: vec![p(2020, 0.0)],
                ..TargetChart::default()
            },
            "t",
        );
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }
}
