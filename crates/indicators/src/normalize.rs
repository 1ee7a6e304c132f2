//! The normalised form of an indicator's wording: what is left when spelling, script,
//! punctuation and qualifiers that do not change the measure are taken away.

/// Qualifiers taken off the front, repeatedly (`全市累计` → ``): the place or the span is
/// the fact's scope or period, not part of what it measures.
const PREFIXES: &[&str] = &[
    "全市", "全区", "全县", "全省", "全国", "我市", "本市", "我区", "全年", "累计", "当年", "今年",
];

/// Qualifiers taken out wherever they stand: an annual mean is how a concentration is
/// reported, not another indicator (`PM2.5年均浓度` = `PM2.5浓度`).
/// `整体` (as a whole) says the same of a capacity (`中心城区整体日处理污水能力`).
const INFIXES: &[&str] = &["年均", "年平均", "平均", "整体"];

/// Endings that only say "the amount of" (`GDP总量` = `GDP`, `高新技术企业总数`).
const SUFFIXES: &[&str] = &["总量", "总数", "数量", "规模"];

/// Synonyms, rewritten in order (earlier rules feed later ones): the longest wordings
/// first, so that `万元地区生产总值` becomes `单位GDP` before `地区生产总值` is rewritten.
const SYNONYMS: &[(&str, &str)] = &[
    ("细颗粒物", "PM2.5"),
    ("可吸入颗粒物", "PM10"),
    ("万元地区生产总值", "单位GDP"),
    ("单位地区生产总值", "单位GDP"),
    ("万元国内生产总值", "单位GDP"),
    ("单位国内生产总值", "单位GDP"),
    ("单位生产总值", "单位GDP"),
    ("万元生产总值", "单位GDP"),
    ("万元GDP", "单位GDP"),
    ("地区生产总值", "GDP"),
    ("国内生产总值", "GDP"),
    ("生产总值", "GDP"),
    ("能源消耗", "能耗"),
    ("规上", "规模以上"),
    ("日处理", "处理"),
    ("处理污水", "污水处理"),
    ("比率", "比例"),
    ("充换电基础设施", "充换电设施"),
    ("充电基础设施", "充换电设施"),
    ("充电设施", "充换电设施"),
    ("重度及以上污染", "重污染"),
    ("重度污染", "重污染"),
    ("良好以上", "优良"),
];

/// Whole wordings that mean another after the rewriting above: `优良率` alone is the
/// share of good-air days (it is said of air), `能耗强度` is energy per unit of GDP.
const WHOLE: &[(&str, &str)] = &[
    ("优良率", "优良天数比例"),
    ("能耗强度", "单位GDP能耗"),
    ("碳排放强度", "单位GDP二氧化碳排放"),
];

/// Prefixes that say the air is meant; taken off so that `空气质量优良率` meets `优良率`.
const AIR: &[&str] = &["环境空气质量", "环境空气中", "环境空气", "空气质量"];

/// The normalised form of an indicator's wording.
///
/// Traditional characters become simplified, full-width letters and digits half-width
/// (letters upper case), brackets and what they hold go (`细颗粒物(PM2.5)` → `PM2.5`),
/// so do punctuation and spaces; then qualifiers ([`PREFIXES`], [`INFIXES`], [`SUFFIXES`])
/// are dropped and synonyms rewritten to one spelling.
///
/// ```
/// use pledge_indicators::normalize;
/// assert_eq!(normalize("細顆粒物（PM2.5）年均濃度"), "PM2.5浓度");
/// assert_eq!(normalize("万元地区生产总值能耗"), normalize("单位GDP能耗"));
/// assert_eq!(normalize("全市ＧＤＰ总量"), "GDP");
/// ```
pub fn normalize(text: &str) -> String {
    let simplified = fast2s::convert(text);
    let mut out = strip_marks(&simplified);
    out = strip_prefixes(out);
    for infix in INFIXES {
        if out.len() > infix.len() {
            out = out.replace(infix, "");
        }
    }
    for (from, to) in SYNONYMS {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out = undouble(out);
    out = strip_suffixes(out);
    for air in AIR {
        if let Some(rest) = out.strip_prefix(air) {
            if !rest.is_empty() {
                out = rest.to_owned();
            }
            break;
        }
    }
    for (from, to) in WHOLE {
        if out == *from {
            return (*to).to_owned();
        }
    }
    out
}

/// Folds width and case and drops brackets with their content, punctuation and spaces.
/// A `.` is kept between digits (`PM2.5`).
fn strip_marks(text: &str) -> String {
    let chars: Vec<char> = text.chars().map(fold_width).collect();
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' | '[' | '【' | '〔' | '［' => depth += 1,
            ')' | ']' | '】' | '〕' | '］' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '.' => {
                let digit = |j: Option<&char>| j.is_some_and(char::is_ascii_digit);
                if i > 0 && digit(chars.get(i - 1)) && digit(chars.get(i + 1)) {
                    out.push('.');
                }
            }
            c if c.is_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

/// Full-width ASCII to half-width, the ideographic space to a space, letters to upper case.
fn fold_width(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    };
    c.to_ascii_uppercase()
}

/// Writes once what a synonym made twice: a name followed by its abbreviation without
/// brackets (`可吸入颗粒物PM10浓度` → `PM10PM10浓度` → `PM10浓度`).
fn undouble(mut text: String) -> String {
    for (_, to) in SYNONYMS {
        let twice = format!("{to}{to}");
        while text.contains(&twice) {
            text = text.replace(&twice, to);
        }
    }
    text
}

/// Drops [`PREFIXES`] from the front while something is left after them.
fn strip_prefixes(mut text: String) -> String {
    loop {
        let Some(rest) = PREFIXES
            .iter()
            .find_map(|p| text.strip_prefix(p).filter(|rest| !rest.is_empty()))
        else {
            return text;
        };
        text = rest.to_owned();
    }
}

/// Drops one of [`SUFFIXES`] from the end when something is left before it.
fn strip_suffixes(text: String) -> String {
    for suffix in SUFFIXES {
        if let Some(rest) = text.strip_suffix(suffix).filter(|rest| !rest.is_empty()) {
            return rest.to_owned();
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn wordings_of_one_indicator_meet() {
        let same = [
            ["GDP", "地区生产总值", "国内生产总值"],
            ["单位GDP能耗", "万元GDP能耗", "单位地区生产总值能耗"],
            ["能耗强度", "单位国内生产总值能源消耗", "萬元GDP能耗"],
            ["PM2.5浓度", "细颗粒物年均浓度", "PM2.5年均浓度"],
            ["优良天数比例", "空气质量优良率", "空气质量优良天数比率"],
            ["充换电设施", "充电基础设施", "充电设施"],
            ["重污染天数", "重度及以上污染天数", "重度污染天数"],
            ["污水处理能力", "污水日处理能力", "全市污水日处理能力"],
            [
                "中心城区污水日处理能力",
                "中心城區整體日處理污水能力",
                "中心城区日处理污水能力",
            ],
            ["PM10浓度", "可吸入颗粒物PM10浓度", "可吸入颗粒物(PM10)年均浓度"],
            ["PM2.5浓度", "细颗粒物PM2.5浓度", "环境空气中细颗粒物浓度"],
        ];
        for group in same {
            let first = normalize(group[0]);
            for other in &group[1..] {
                assert_eq!(normalize(other), first, "{other} vs {}", group[0]);
            }
        }
    }

    #[test]
    fn different_indicators_stay_apart() {
        let apart = [
            ("人均地区生产总值", "地区生产总值"),
            ("PM10浓度", "PM2.5浓度"),
            ("空气质量优良天数", "空气质量优良天数比例"),
            ("全社会用电量", "用电量"),
            ("水质优良率", "空气质量优良率"),
        ];
        for (a, b) in apart {
            assert_ne!(normalize(a), normalize(b), "{a} vs {b}");
        }
    }

    #[test]
    fn marks_width_and_script() {
        assert_eq!(normalize("ｐｍ２．５浓度"), "PM2.5浓度");
        assert_eq!(normalize("加氢站（含合建站）"), "加氢站");
        assert_eq!(normalize("“两高”行业"), "两高行业");
        assert_eq!(normalize("地區生產總值"), "GDP");
        assert_eq!(normalize("全年"), "全年");
    }
}
