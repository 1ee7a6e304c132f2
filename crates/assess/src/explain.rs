//! Explanations in Chinese and English that name the numbers behind a verdict.

use crate::assessment::{Assessment, Explanation};
use crate::engine::{Reasons, Rule};
use crate::goal::Scale;
use crate::options::Growth;
use crate::round::{show, show_index, show_pct};
use crate::status::Status;

/// An explanation to be filled in.
pub fn empty() -> Explanation {
    Explanation {
        zh: String::new(),
        en: String::new(),
    }
}

/// Describes a value on the goal's scale, e.g. `5.5万个` or `较2020年下降7%` for an index.
struct Shown {
    zh: String,
    en: String,
}

fn value(a: &Assessment, r: &Reasons<'_>, v: f64) -> Shown {
    match r.goal.scale {
        Scale::Index => {
            // An index is the level over the base year's: say it as the change in percent
            // the target speaks in (较2020年下降10.8%), never as the index (指数0.8918).
            let base_year = a.base.map_or(String::new(), |b| b.year.to_string());
            let pct = crate::round::decimals((v - 1.0) * 100.0, 2);
            if pct == 0.0 {
                return Shown {
                    zh: format!("与{base_year}年持平"),
                    en: format!("unchanged since {base_year}"),
                };
            }
            let (zh_word, en_word) = if pct < 0.0 {
                ("下降", "down")
            } else {
                ("增长", "up")
            };
            let amount = show(pct.abs());
            Shown {
                zh: format!("较{base_year}年{zh_word}{amount}%"),
                en: format!("{en_word} {amount}% since {base_year}"),
            }
        }
        Scale::Level | Scale::Cumulative => {
            let unit = r.goal.unit.as_str();
            Shown {
                // As Chinese texts write amounts: 62亿元, 180万吨/日, 40μg/m³.
                zh: pledge_model::display::amount(crate::round::value(v), unit),
                en: if unit.is_empty() {
                    show(v)
                } else {
                    format!("{} {unit}", show(v))
                },
            }
        }
    }
}

/// The bound of an index target as a change: `降幅不低于13.5%` for index ≤ 0.865,
/// `增幅不低于5%` for index ≥ 1.05 (`lower`: the bound is the lowest value that meets).
fn index_bound(bound: f64, lower: bool) -> (String, String) {
    let pct = show(crate::round::decimals((bound - 1.0).abs() * 100.0, 2));
    let rise = bound >= 1.0;
    match (rise, lower) {
        (true, true) => (format!("增幅不低于{pct}%"), format!("at a rise of {pct}% or more")),
        (true, false) => (format!("增幅不高于{pct}%"), format!("at a rise of {pct}% or less")),
        (false, true) => (format!("降幅不高于{pct}%"), format!("at a fall of {pct}% or less")),
        (false, false) => (format!("降幅不低于{pct}%"), format!("at a fall of {pct}% or more")),
    }
}

/// A per-year amount, e.g. `12000 个/年`; in Chinese to the 3 significant digits a
/// derived rate supports (`-0.0271/年`, `1.2万个/年`).
fn per_year(r: &Reasons<'_>, v: f64) -> (String, String) {
    let unit = match r.goal.scale {
        // An index per year is a share of the base year's level per year: in percent
        // (-2.7%/年), not as an index (-0.027/年).
        Scale::Index => {
            let pct = pledge_model::display::significant(v * 100.0, 3);
            return (format!("{pct}%/年"), format!("{pct}%/year"));
        }
        Scale::Level | Scale::Cumulative => r.goal.unit.as_str(),
    };
    (
        format!(
            "{}{}/年",
            pledge_model::display::significant(v, 3),
            pledge_model::display::unit(unit)
        ),
        format!("{} {unit}/year", show(significant(v, 3))).replace(" /", "/"),
    )
}

/// `v` rounded to `digits` significant digits (a derived rate is no more precise).
fn significant(v: f64, digits: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let scale = 10f64.powi(digits - 1 - v.abs().log10().floor() as i32);
    let rounded = (v * scale).round() / scale;
    if rounded.is_finite() { rounded } else { v }
}

/// Builds the explanation of `a`.
pub fn explain(a: &Assessment, r: &Reasons<'_>) -> Explanation {
    let mut zh: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    let goal = r.goal;
    let t = value(a, r, a.target_value);
    let band = match (a.met_from, a.met_to) {
        (Some(lo), Some(hi)) if lo == hi => {
            let v = value(a, r, lo);
            (format!("等于{}", v.zh), format!("at {}", v.en))
        }
        (Some(lo), Some(hi)) => {
            let (lo, hi) = (value(a, r, lo), value(a, r, hi));
            (
                format!("{}至{}之间", lo.zh, hi.zh),
                format!("between {} and {}", lo.en, hi.en),
            )
        }
        // On an index, a bound is a fall or a rise of at least or at most so much.
        (Some(lo), None) if goal.scale == Scale::Index => index_bound(lo, true),
        (None, Some(hi)) if goal.scale == Scale::Index => index_bound(hi, false),
        (Some(lo), None) => {
            let v = value(a, r, lo);
            (format!("不低于{}", v.zh), format!("at {} or more", v.en))
        }
        (None, Some(hi)) => {
            let v = value(a, r, hi);
            (format!("不高于{}", v.zh), format!("at {} or less", v.en))
        }
        (None, None) => ("任意值".into(), "at any value".into()),
    };
    let (asp_zh, asp_en) = if goal.aspiration {
        ("（力争）", " (aspirational, 力争)")
    } else {
        ("", "")
    };
    zh.push(format!("目标：{}年{}{asp_zh}，{}即达标。", goal.year, t.zh, band.0));
    en.push(format!("Target for {}: {}{asp_en}, met {}.", goal.year, t.en, band.1));

    match a.base {
        Some(b) if !a.base_observed => {
            // The origin of the scale (index 1, nothing added yet) is no reported figure.
            zh.push(format!("以{}年为基期", b.year));
            en.push(format!("Base year {}", b.year));
        }
        Some(b) if goal.scale == Scale::Index => {
            // The base of an index is 100% of itself: its year is what there is to say.
            zh.push(format!("以{}年为基期", b.year));
            en.push(format!("Base year {}", b.year));
        }
        Some(b) => {
            let v = value(a, r, b.value);
            zh.push(format!("基期{}年{}", b.year, v.zh));
            en.push(format!("Base {}: {}", b.year, v.en));
        }
        None => {
            let year = goal.baseline_year;
            zh.push(match year {
                Some(y) => format!("缺少基期{y}年数值"),
                None => "缺少基期数值".into(),
            });
            en.push(match year {
                Some(y) => format!("No value for the base year {y}"),
                None => "No base value".into(),
            });
        }
    }
    match a.latest {
        Some(l) => {
            let v = value(a, r, l.value);
            let last_zh = zh.pop().unwrap_or_default();
            let last_en = en.pop().unwrap_or_default();
            zh.push(format!("{last_zh}，最新{}年{}。", l.year, v.zh));
            en.push(format!("{last_en}; latest {}: {}.", l.year, v.en));
        }
        None => {
            let last_zh = zh.pop().unwrap_or_default();
            let last_en = en.pop().unwrap_or_default();
            zh.push(format!("{last_zh}，无可用的全年观测值。"));
            en.push(format!("{last_en}; no usable whole-year observation."));
        }
    }

    let label_zh = a.status.label_zh();
    let label_en = a.status.label_en();
    match r.rule {
        Rule::TargetYear => {
            let year = a.latest.map_or(goal.year, |l| l.year);
            if a.status == Status::Achieved {
                zh.push(format!("{year}年数值达到目标：{label_zh}。"));
                en.push(format!("The {year} value meets the target: {label_en}."));
            } else {
                zh.push(format!("{year}年数值未达到目标：{label_zh}。"));
                en.push(format!("The {year} value does not meet the target: {label_en}."));
            }
        }
        Rule::Early => {
            zh.push(format!("最新数值已达到目标：提前实现（{label_zh}）。"));
            en.push(format!("The latest value already meets the target: {label_en} early."));
        }
        Rule::Overdue => {
            let lag = r.options.profile.publication_lag_years();
            let day = a.as_of.map_or(String::new(), |d| d.to_string());
            zh.push(format!(
                "{}年数值通常应于{}年底前公布，截至{day}仍未报送：{label_zh}。",
                goal.year,
                goal.year + lag
            ));
            en.push(format!(
                "The {} figure is normally published by the end of {}; as of {day} it has not been reported: {label_en}.",
                goal.year,
                goal.year + lag
            ));
        }
        Rule::NoBase => {
            zh.push(format!("无基期数值，无法衡量进度：{label_zh}。"));
            en.push(format!("Without a base value progress cannot be measured: {label_en}."));
        }
        Rule::NothingAfterBase => {
            zh.push(format!("基期之后没有观测值：{label_zh}。"));
            en.push(format!("There is no observation after the base: {label_en}."));
        }
        Rule::LostGround => {
            zh.push(format!("基期已达标，但最新数值不再达标：{label_zh}。"));
            en.push(format!(
                "The base met the target but the latest value no longer does: {label_en}."
            ));
        }
        Rule::NonPositive => {
            zh.push(format!("复合增长率法要求基期、最新和目标值均大于0：{label_zh}。"));
            en.push(format!(
                "The compound method needs base, latest and target values above 0: {label_en}."
            ));
        }
        Rule::NoRatio => {
            zh.push(format!("无法计算进度比值：{label_zh}。"));
            en.push(format!("The progress ratio cannot be computed: {label_en}."));
        }
        Rule::Ratio => {
            let th = r.options.profile.thresholds();
            let ratio = a.ratio.unwrap_or(0.0);
            let show_ratio = |x: f64| show_index(x, &[th.on_track, th.needs_acceleration, th.lagging]);
            let range = match a.status {
                Status::OnTrack => format!("≥ {}", th.on_track),
                Status::NeedsAcceleration => {
                    format!("≥ {}, < {}", th.needs_acceleration, th.on_track)
                }
                Status::Lagging => format!("≥ {}, < {}", th.lagging, th.needs_acceleration),
                _ => format!("< {}", th.lagging),
            };
            match r.options.growth {
                Growth::Linear => {
                    let c = a.completion.map_or("-".into(), show_pct);
                    let e = a.time_elapsed.map_or("-".into(), show_pct);
                    zh.push(format!(
                        "完成率{c}，时间进度{e}，进度指数{}（{range}）：{label_zh}。",
                        show_ratio(ratio)
                    ));
                    en.push(format!(
                        "Completion {c} with {e} of the time elapsed: progress index {} ({range}): {label_en}.",
                        show_ratio(ratio)
                    ));
                }
                Growth::Compound => {
                    let c = a.compound.unwrap_or(crate::assessment::CompoundRates {
                        required_annual_rate: None,
                        actual_annual_rate: None,
                        ratio: None,
                        required_from_now_rate: None,
                    });
                    let g_act = c.actual_annual_rate.map_or("-".into(), show_pct);
                    let g_req = c.required_annual_rate.map_or("-".into(), show_pct);
                    let pi = a.progress_index.map_or("-".into(), show_ratio);
                    zh.push(format!(
                        "实际年均增速{g_act}，所需年均增速{g_req}，比值R为{}（{range}）：{label_zh}（线性进度指数{pi}）。",
                        show_ratio(ratio)
                    ));
                    en.push(format!(
                        "Actual compound rate {g_act}/year against {g_req}/year required: ratio R {} ({range}): {label_en} (linear progress index {pi}).",
                        show_ratio(ratio)
                    ));
                }
            }
        }
    }
    if let (Some(req), Some(act)) = (a.required_annual, a.actual_annual) {
        let (req_zh, req_en) = per_year(r, req);
        let (act_zh, act_en) = per_year(r, act);
        let mut z = format!("所需年均变化{req_zh}，实际年均变化{act_zh}");
        let mut e = format!("Required {req_en}, actual {act_en}");
        if let Some(now) = a.required_from_now {
            let (now_zh, now_en) = per_year(r, now);
            z.push_str(&format!("，此后每年需变化{now_zh}"));
            e.push_str(&format!("; {now_en} needed from now"));
        }
        zh.push(format!("{z}。"));
        en.push(format!("{e}."));
    }
    if let Some(f) = a.forecast {
        let v = value(a, r, f.value);
        let (name_zh, name_en) = match f.method {
            crate::forecast::Method::Linear => ("线性趋势", "Linear"),
            crate::forecast::Method::Compound => ("复合增长", "Compound"),
            crate::forecast::Method::LeastSquares => ("最小二乘", "Least-squares"),
            crate::forecast::Method::WeightedLeastSquares => ("时间加权最小二乘", "Weighted least-squares"),
        };
        let (meets_zh, meets_en) = if f.meets_target {
            ("可达到目标", "meets the target")
        } else {
            ("达不到目标", "short of the target")
        };
        let (when_zh, when_en) = match f.met_in_year {
            Some(y) if !f.meets_target => (format!("，预计{y}年达到"), format!("; met in {y}")),
            _ => (String::new(), String::new()),
        };
        zh.push(format!("按{name_zh}预测{}年为{}，{meets_zh}{when_zh}。", f.year, v.zh));
        en.push(format!(
            "{name_en} forecast for {}: {} ({meets_en}{when_en}).",
            f.year, v.en
        ));
    }
    if a.base_met && a.status != Status::Missed && a.latest.is_some_and(|l| a.base.is_some_and(|b| l.year > b.year)) {
        zh.push("基期已达到目标，不计算完成率和所需进度。".into());
        en.push("The base already met the target, so completion and the required pace are not computed.".into());
    }
    if let Some(day) = a.as_of {
        if let Some(e) = a.time_elapsed_as_of {
            zh.push(format!("截至{day}，时间进度{}。", show_pct(e)));
            en.push(format!("As of {day}, {} of the time has elapsed.", show_pct(e)));
        }
        if let (true, Some(l)) = (a.stale, a.latest) {
            let age = crate::round::decimals(day.as_year() - f64::from(l.year), 1);
            let limit = r.options.profile.staleness_limit_years();
            zh.push(format!(
                "最新全年数据为{}年，截至{day}已过去约{age}年（超过{limit}年），结论已过时，不亮绿灯。",
                l.year
            ));
            en.push(format!(
                "The latest whole-year figure is for {}, about {age} years before {day} (more than {limit}): the verdict is stale and never green.",
                l.year
            ));
        }
        if a.after_as_of > 0 {
            let n = a.after_as_of;
            zh.push(format!("另有{n}个观测值所属时期晚于{day}，未计入。"));
            en.push(format!(
                "{n} observation(s) for periods ending after {day} were left out."
            ));
        }
    }
    if let Some(p) = a
        .part_year
        .iter()
        .filter(|p| p.on_pace.is_some())
        .max_by_key(|p| p.year)
    {
        let unit = goal.unit.as_str();
        let expected = p.expected.unwrap_or_default();
        let (side_zh, side_en) = if p.on_pace == Some(true) {
            ("不低于", "on or ahead of")
        } else {
            ("落后于", "behind")
        };
        zh.push(format!(
            "{}年{}为{}，{side_zh}当年序时进度应达值{}（比率、浓度类指标的年内数值可与序时进度对照，仅供参考，不改变结论）。",
            p.year,
            p.period,
            pledge_model::display::amount(p.value, &p.unit),
            pledge_model::display::amount(crate::round::value(expected), unit),
        ));
        en.push(format!(
            "The {} {} figure, {} {}, is {side_en} the {} point of the linear path, {} (a ratio or concentration over part of a year can be read against the path; for reference only, it does not change the verdict).",
            p.year,
            p.period,
            show(p.value),
            p.unit,
            p.year,
            show(expected)
        ));
    }
    if !a.part_year.is_empty() {
        let n = a.part_year.len();
        zh.push(format!("另有{n}个非全年数值，未与全年目标比较。"));
        en.push(format!(
            "{n} part-year value{} not compared with the whole-year target.",
            if n == 1 { " is" } else { "s are" }
        ));
    }
    if !a.notes.is_empty() {
        let n = a.notes.len();
        zh.push(format!("{n}个观测值无法换算到目标口径，未使用。"));
        en.push(format!(
            "{n} observation(s) could not be placed on the target's scale and were not used."
        ));
    }
    Explanation {
        zh: zh.concat(),
        en: en.join(" "),
    }
}
