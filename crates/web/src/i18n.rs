//! Every word the dashboard shows, in Chinese (the default) and English, in one table.
//!
//! Templates call `tr.s("key")`; a test checks that every key used in `templates/` is in
//! [`STRINGS`], so a missing translation fails the build's tests rather than showing a key.
//! Statuses come from the assessment engine's own labels so the terminal and the web use
//! the same words.

use pledge_assess::{Gap, Light, Status};
use pledge_sheets::ErrorKind;

/// A language the dashboard speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese, the default.
    #[default]
    Zh,
    /// English, by `?lang=en` or the `lang` cookie.
    En,
}

impl Lang {
    /// Parses `zh`/`en` (and `zh-CN`, `en-US`…); `None` for anything else.
    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        if code == "zh" || code.starts_with("zh-") {
            Some(Lang::Zh)
        } else if code == "en" || code.starts_with("en-") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The short code used in `?lang=` and the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The BCP 47 tag for the `lang` attribute of `<html>`.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The other language (what the switch link offers).
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// `(key, Chinese, English)`: every fixed string of the dashboard.
pub const STRINGS: &[(&str, &str, &str)] = &[
    ("app_name", "规划目标进度看板", "Plan target tracker"),
    ("skip", "跳到正文", "Skip to content"),
    ("nav_scoreboard", "目标总览", "Scoreboard"),
    ("nav_regions", "地区对比", "Regions"),
    ("nav_documents", "文件", "Documents"),
    ("nav_entry", "数据填报", "Data entry"),
    ("nav_export", "下载", "Download"),
    ("nav_api", "API", "API"),
    ("switch_to", "English", "中文"),
    ("switch_label", "切换语言", "Switch language"),
    ("scoreboard_title", "目标进度总览", "Progress on every target"),
    ("summary", "概况", "Summary"),
    ("sum_total", "目标总数", "Targets"),
    ("sum_on_track", "进度正常", "On track"),
    ("sum_behind", "进度落后", "Behind"),
    ("sum_achieved", "已实现", "Achieved"),
    ("sum_no_data", "数据不足", "No data"),
    ("as_of", "数据截至", "Data as of"),
    ("gaps", "缺报情况", "Reporting gaps"),
    (
        "py_on_pace",
        "不低于当年序时进度应达值",
        "on or ahead of the path's value for the year,",
    ),
    (
        "py_behind",
        "落后于当年序时进度应达值",
        "behind the path's value for the year,",
    ),
    ("stale", "数据过时", "stale data"),
    ("download_view", "下载本表（筛选后）", "Download this view (filtered)"),
    (
        "stale_hint",
        "最新数据已超过时效，结论仅供参考",
        "The latest figure is old: the verdict may no longer hold",
    ),
    ("filters", "筛选", "Filters"),
    ("f_category", "领域", "Category"),
    ("f_status", "状态", "Status"),
    ("f_region", "地区", "Region"),
    ("f_department", "责任单位", "Department"),
    ("f_all", "全部", "All"),
    ("f_apply", "筛选", "Apply"),
    ("f_reset", "清除", "Reset"),
    ("worst_first", "按进度由差到好排列。", "Worst first."),
    ("col_light", "灯", "Light"),
    ("col_indicator", "指标", "Indicator"),
    ("col_region", "地区", "Region"),
    ("col_target", "目标", "Target"),
    ("col_year", "目标年", "Target year"),
    ("col_baseline", "基期", "Baseline"),
    ("col_latest", "最新值", "Latest"),
    ("col_completion", "完成度", "Completion"),
    ("col_elapsed", "时间进度", "Time elapsed"),
    ("col_status", "状态", "Status"),
    ("col_trend", "走势", "Trend"),
    ("col_department", "牵头单位", "Lead department"),
    ("col_source", "来源", "Source"),
    ("col_value", "数值", "Value"),
    ("col_unit", "单位", "Unit"),
    ("col_observed", "实际值", "Observed"),
    (
        "obs_page",
        "第{page}/{pages}页，共{total}条，最新在前",
        "page {page} of {pages}, {total} in all, newest first",
    ),
    ("obs_newer", "← 较新", "← Newer"),
    ("obs_older", "较早 →", "Older →"),
    ("col_expected", "序时进度应达值", "Expected path"),
    ("col_forecast", "预测", "Forecast"),
    ("col_reported", "原始报告值", "As reported"),
    ("col_quote", "原文", "Quote"),
    ("col_rank", "排名", "Rank"),
    ("col_kind", "类型", "Kind"),
    ("col_review", "审核", "Review"),
    ("col_row", "行", "Row"),
    ("col_column", "列", "Column"),
    ("col_cell", "单元格内容", "Cell"),
    ("col_problem", "问题", "Problem"),
    ("no_rows", "没有符合条件的目标。", "No target matches."),
    ("none", "—", "—"),
    (
        "cumulative_pct",
        "较基期累计变化（%）",
        "cumulative change since baseline (%)",
    ),
    ("since_baseline", "基期以来累计", "since the baseline"),
    ("target_title", "目标详情", "Target"),
    ("chart", "图表", "Chart"),
    ("chart_table", "图表数据", "Chart data"),
    ("explanation", "评估说明", "Assessment"),
    ("sources", "数据来源", "Sources"),
    ("target_source", "目标出处", "Where the target is set"),
    (
        "more_sources",
        "其他出处（同一目标）",
        "Other sources of the same target",
    ),
    (
        "conflicts_h",
        "数值冲突：待人工核定",
        "Conflicting values: waiting for a person",
    ),
    (
        "conflicts_p",
        "其他来源给出了不同的目标值。在分析员作出决定之前，评估仍按上面的目标值进行。",
        "Other sources state another value for this target. Until an analyst decides, it is assessed on the value above.",
    ),
    ("open_document", "在原文中查看", "Show in the document"),
    ("open_page", "原网页", "Web page"),
    ("plan", "规划", "Plan"),
    ("binding", "指标属性", "Binding"),
    ("b_binding", "约束性", "binding"),
    ("b_expected", "预期性", "expected"),
    ("b_unspecified", "未注明", "not stated"),
    ("aspiration", "力争", "aspirational"),
    ("departments", "责任单位", "Departments"),
    ("cooperating", "配合单位", "Cooperating"),
    ("legend_observed", "实际值", "observed"),
    ("legend_expected", "序时进度", "expected path"),
    ("legend_target", "目标", "target"),
    ("legend_forecast", "预测", "forecast"),
    ("legend_baseline", "基期", "baseline"),
    ("notes", "说明", "Notes"),
    (
        "part_year",
        "年内数据（不与全年目标比较）",
        "Part-year figures (never compared with a whole-year target)",
    ),
    ("revision", "修订", "revision"),
    ("reporter", "填报人", "reporter"),
    ("documents_title", "文件", "Documents"),
    ("document_title", "文件原文", "Document"),
    ("doc_date", "日期", "Date"),
    ("doc_facts", "提取事实", "Facts"),
    (
        "facts_legend",
        "高亮为提取出的数据；颜色表示审核状态。",
        "Highlighted: extracted facts; the colour is the review state.",
    ),
    ("r_pending", "待审核", "pending"),
    ("r_accepted", "已采纳", "accepted"),
    ("r_rejected", "已驳回", "rejected"),
    ("nav_review", "审核", "Review"),
    ("review_title", "待审核事实", "Facts waiting for review"),
    (
        "review_intro",
        "每条事实都附原文语境、将归入的目标或指标以及待审原因；可修改后采纳，驳回需填写理由，所有操作记入审计日志。",
        "Each fact with its sentence, the target or indicator it would join and why it waits; edit before accepting, give a reason to reject. Every decision is audited.",
    ),
    ("review_reason", "待审原因", "Why pending"),
    ("conflict", "数值冲突", "conflict"),
    ("new_indicator", "新指标", "new indicator"),
    ("no_region", "未匹配地区", "no region"),
    ("no_due_year", "无完成年份", "no due year"),
    ("low_confidence", "匹配度低", "low confidence"),
    ("implausible", "数值不合理", "implausible value"),
    ("queue_empty", "没有待审核的事实。", "Nothing is waiting for review."),
    ("bulk", "批量处理所选事实", "Decide the selected facts"),
    ("bulk_accept", "采纳所选", "Accept selected"),
    ("bulk_reject", "驳回所选", "Reject selected"),
    ("reject_reason", "驳回理由", "Reason for rejecting"),
    ("joins", "将归入", "Would join"),
    ("score", "匹配度", "match"),
    (
        "edit",
        "修改指标、地区、年份、数值",
        "Edit indicator, region, year, value",
    ),
    ("confirm_title", "确认采纳", "Confirm acceptance"),
    ("what_changes", "采纳后的变化", "What accepting changes"),
    ("confirm_replace", "确认替换并采纳", "Replace and accept"),
    ("cancel", "取消", "Cancel"),
    ("accept", "采纳", "Accept"),
    ("reject", "驳回", "Reject"),
    ("not_located", "未能在正文中定位的事实", "Facts not located in the text"),
    ("k_target", "目标", "target"),
    ("k_actual", "实际", "actual"),
    ("highlighted_quote", "所引原文", "Quoted passage"),
    ("regions_title", "地区对比", "Regions compared"),
    (
        "regions_intro",
        "区县与区县比较：完成率为各应报目标完成程度的平均值（已实现计100%，未报送或逾期未报计0），序时进度为完成率与时间进度之比的平均值（不超过100%）；尚未到报送期的目标不计入。市级及以上地区单列，不参与排名。",
        "Districts are ranked against districts: completion is the mean completion of the targets due (achieved counts 100%, never reported or overdue 0); pace is the mean of completion over time elapsed (at most 100%); targets not yet due are left out. Cities, provinces and the country are listed apart, unranked.",
    ),
    ("ranking_districts", "区县排名", "Districts ranked"),
    (
        "ranking_larger",
        "市级及以上（不排名）",
        "Cities and above (not ranked)",
    ),
    ("by_completion", "按完成率", "by completion"),
    ("by_pace", "按序时进度", "by pace"),
    ("col_rank_completion", "完成率排名", "Rank (completion)"),
    ("col_rank_pace", "序时进度排名", "Rank (pace)"),
    ("col_completion_rate", "完成率", "Completion"),
    ("col_pace_rate", "序时进度", "Pace"),
    ("col_coverage", "已报送/应报", "Reported / due"),
    ("col_on_pace", "达到序时进度", "On pace"),
    ("col_lights", "红黄绿", "Lights"),
    ("col_ndrc_counts", "预警", "Warnings"),
    ("unreported", "未报", "unreported"),
    ("not_due", "未到期", "not due"),
    ("ndrc_1", "一级", "level 1"),
    ("ndrc_2", "二级", "level 2"),
    ("ndrc_3", "三级", "level 3"),
    ("ndrc_none", "无预警级别", "no level"),
    ("attention", "需关注", "Needs attention"),
    ("from_wording", "据原文", "per the source"),
    ("col_lead", "牵头单位", "Lead unit"),
    ("assign_col", "调整", "Change"),
    ("assign_save", "保存", "Save"),
    ("lead_hint", "多个单位用、分隔", "units separated by 、"),
    (
        "assign_hint",
        "分析员可在表中设定每项目标的指标属性（约束性/预期性）和牵头单位，逐行保存；每次修改记入审计日志。",
        "As an analyst you can set each target's kind (binding/expected) and lead units here, one row at a time; every change is in the audit log.",
    ),
    (
        "plan_board",
        "在总览中查看本规划的目标",
        "This plan's targets on the board",
    ),
    ("attn_overdue", "逾期未报", "overdue"),
    ("attn_red", "红灯（一级预警）", "red (level 1 warning)"),
    ("attn_worsening", "不进反退", "worsening"),
    ("col_ndrc", "预警", "Warning"),
    ("matrix_districts", "区县×指标", "Districts × indicators"),
    ("matrix_larger", "市级及以上×指标", "Cities and above × indicators"),
    ("ranking", "排名", "Ranking"),
    ("entry_title", "数据填报", "Data entry"),
    ("entry_one", "填报一条数据", "Report one figure"),
    (
        "entry_upload",
        "上传表格（xlsx 或 csv）",
        "Upload a sheet (xlsx or csv)",
    ),
    (
        "entry_upload_help",
        "整表校验：只要有一行出错，整个文件都不导入，并列出所有错误。",
        "All or nothing: one bad row refuses the whole file, and every error is listed.",
    ),
    ("entry_template", "下载模板", "Download the template"),
    ("file", "文件", "File"),
    ("upload", "上传", "Upload"),
    ("submit", "提交", "Submit"),
    (
        "upload_refused",
        "文件未导入：请按下表修改后重新上传。",
        "The file was not imported: fix these and upload it again.",
    ),
    ("upload_ok", "已导入", "Imported"),
    ("rows", "行", "rows"),
    ("inserted", "新增", "new"),
    ("revised", "修订", "revised"),
    ("unchanged", "未变", "unchanged"),
    ("saved", "已保存", "Saved"),
    ("fix_fields", "请修改以下内容：", "Please fix:"),
    ("i_region", "地区", "Region"),
    ("i_indicator", "指标", "Indicator"),
    ("i_year", "年份", "Year"),
    ("i_value", "数值", "Value"),
    ("i_unit", "单位", "Unit"),
    ("i_measure", "类型", "Measure"),
    ("i_baseline_year", "基期年", "Baseline year"),
    (
        "i_period",
        "时段（如 Q1、1-9月，全年留空）",
        "Period (Q1, 1-9月; empty for a whole year)",
    ),
    ("i_note", "备注（口径）", "Note (basis)"),
    ("i_source_url", "来源网址", "Source URL"),
    ("i_quote", "原文", "Quote"),
    ("m_level", "水平值", "level"),
    ("m_change", "变化率/变化量", "change"),
    ("m_increment", "新增量", "increment"),
    ("signin_title", "登录", "Sign in"),
    (
        "signin_needed",
        "写入数据需要用账号登录。",
        "Writing data needs you to sign in with your account.",
    ),
    ("signin_name", "用户名", "User name"),
    ("signin_password", "密码", "Password"),
    (
        "signin_limited",
        "登录失败次数过多，请 15 分钟后再试。",
        "Too many failed sign-ins: try again in 15 minutes.",
    ),
    ("nav_admin_users", "账号", "Accounts"),
    ("nav_admin_audit", "审计日志", "Audit log"),
    ("users_title", "账号管理", "Accounts"),
    ("users_new", "新建账号", "New account"),
    ("u_name", "用户名", "Name"),
    ("u_role", "角色", "Role"),
    ("u_regions", "地区（逗号分隔）", "Regions (comma-separated)"),
    ("u_departments", "部门（逗号分隔）", "Departments (comma-separated)"),
    (
        "u_password",
        "初始密码（至少 8 位）",
        "Initial password (8 characters or more)",
    ),
    ("u_state", "状态", "State"),
    ("u_disabled", "已停用", "disabled"),
    ("u_enabled", "启用", "enabled"),
    ("u_disable", "停用", "Disable"),
    ("u_enable", "启用", "Enable"),
    ("u_created", "账号已创建：", "Account created: "),
    ("audit_title", "审计日志", "Audit log"),
    ("a_at", "时间", "When"),
    ("a_actor", "操作人", "Who"),
    ("a_action", "操作", "Action"),
    ("a_entity", "对象", "What"),
    ("a_before", "修改前", "Before"),
    ("a_after", "修改后", "After"),
    ("a_filter", "筛选", "Filter"),
    ("signin", "登录", "Sign in"),
    ("signout", "退出", "Sign out"),
    ("signed_in_as", "已登录：", "Signed in as "),
    ("signin_bad", "用户名或密码错误。", "Wrong name or password."),
    (
        "signin_none",
        "服务器未配置令牌（PLEDGE_API_TOKEN），无法写入。",
        "The server has no token configured (PLEDGE_API_TOKEN): writing is off.",
    ),
    (
        "forbidden",
        "您的角色或地区无权进行此操作。",
        "Your role or regions do not allow this.",
    ),
    ("export_title", "下载数据", "Download data"),
    ("export_scoreboard", "目标总览", "Scoreboard"),
    ("export_facts", "全部提取事实", "All extracted facts"),
    ("not_found", "未找到", "Not found"),
    (
        "not_found_text",
        "没有这个页面或记录。",
        "There is no such page or record.",
    ),
    ("error", "出错了", "Something went wrong"),
    ("back", "返回总览", "Back to the scoreboard"),
    ("light_green", "绿", "green"),
    ("light_yellow", "黄", "yellow"),
    ("light_orange", "橙", "orange"),
    ("light_red", "红", "red"),
    ("light_grey", "灰", "grey"),
    (
        "footer",
        "所有数值均可追溯到原文。",
        "Every number traces back to the sentence it came from.",
    ),
];

/// Looks up a string; an unknown key comes back as itself (and a test keeps that from
/// happening in the templates).
pub fn text(lang: Lang, key: &str) -> &'static str {
    match STRINGS.iter().find(|(k, _, _)| *k == key) {
        Some((_, zh, en)) => match lang {
            Lang::Zh => zh,
            Lang::En => en,
        },
        // A key missing from the table is a programming error that the template test
        // catches; show something recognisable meanwhile.
        None => "??",
    }
}

/// The translator handed to templates: `tr.s("key")`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tr {
    /// The language pages are rendered in.
    pub lang: Lang,
}

impl Tr {
    /// A translator for `lang`.
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    /// The string `key` in this language.
    pub fn s(&self, key: &str) -> &'static str {
        text(self.lang, key)
    }

    /// Picks the Chinese or the English of a pair (explanations, labels from other crates).
    pub fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The label of a status.
    pub fn status(&self, status: Status) -> &'static str {
        match self.lang {
            Lang::Zh => status.label_zh(),
            Lang::En => status.label_en(),
        }
    }

    /// The label of a 预警 level (一级, 二级, 三级).
    pub fn ndrc(&self, level: pledge_assess::NdrcLevel) -> &'static str {
        self.s(match level {
            pledge_assess::NdrcLevel::Level1 => "ndrc_1",
            pledge_assess::NdrcLevel::Level2 => "ndrc_2",
            pledge_assess::NdrcLevel::Level3 => "ndrc_3",
        })
    }

    /// The label of a named gap (从未报送, 逾期未报…).
    pub fn gap(&self, gap: Gap) -> &'static str {
        match self.lang {
            Lang::Zh => gap.label_zh(),
            Lang::En => gap.label_en(),
        }
    }

    /// The name of a light's colour (lights are never shown by colour alone).
    pub fn light(&self, light: Light) -> &'static str {
        self.s(match light {
            Light::Green => "light_green",
            Light::Yellow => "light_yellow",
            Light::Orange => "light_orange",
            Light::Red => "light_red",
            Light::Grey => "light_grey",
        })
    }
}

/// The name of an indicator category in a language.
pub fn category_label(lang: Lang, code: &str) -> &'static str {
    let (zh, en) = match code {
        "energy" => ("能源", "Energy"),
        "environment" => ("生态环境", "Environment"),
        "buildings" => ("建筑", "Buildings"),
        "transport" => ("交通", "Transport"),
        "industry" => ("工业", "Industry"),
        "water" => ("水务", "Water"),
        "waste" => ("固废", "Waste"),
        "economy" => ("经济", "Economy"),
        "innovation" => ("创新", "Innovation"),
        "culture" => ("文化", "Culture"),
        _ => ("其他", "Other"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A short description of an import error's kind, for the upload error table (the
/// sheets crate's messages are English phrases; the kind is what gets translated).
pub fn error_kind_label(lang: Lang, kind: ErrorKind) -> &'static str {
    let (zh, en) = match kind {
        ErrorKind::Unreadable => ("文件无法读取", "unreadable file"),
        ErrorKind::Empty => ("文件为空", "empty file"),
        ErrorKind::MissingColumn => ("缺少必填列", "missing column"),
        ErrorKind::UnknownColumn => ("未知列", "unknown column"),
        ErrorKind::DuplicateColumn => ("列名重复", "duplicate column"),
        ErrorKind::ExtraCell => ("多余的单元格", "extra cell"),
        ErrorKind::MissingCell => ("必填项为空", "missing value"),
        ErrorKind::NotANumber => ("不是数字", "not a number"),
        ErrorKind::BadYear => ("年份无效", "bad year"),
        ErrorKind::UnknownMeasure => ("未知类型", "unknown measure"),
        ErrorKind::BaselineYear => ("基期年有误", "baseline year"),
        ErrorKind::UnknownRegion => ("未知地区", "unknown region"),
        ErrorKind::UnknownIndicator => ("未知指标", "unknown indicator"),
        ErrorKind::UnconvertibleUnit => ("单位无法换算", "unconvertible unit"),
        ErrorKind::Implausible => ("数值不合理", "implausible value"),
        ErrorKind::Duplicate => ("重复数据", "duplicate row"),
        ErrorKind::BadUrl => ("网址无效", "not a web address"),
        ErrorKind::TooLarge => ("文件超出读取限制", "over a limit"),
        ErrorKind::Omitted => ("其余错误未列出", "more errors not listed"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_translated() {
        let mut seen = std::collections::HashSet::new();
        for (key, zh, en) in STRINGS {
            assert!(seen.insert(*key), "duplicate key {key}");
            assert!(!zh.is_empty() && !en.is_empty(), "{key} lacks a translation");
        }
    }

    #[test]
    fn languages_parse_and_switch() {
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::Zh.other(), Lang::En);
        assert_eq!(Tr::new(Lang::En).s("nav_regions"), "Regions");
        assert_eq!(Tr::new(Lang::Zh).s("ranking"), "排名");
        assert_eq!(Tr::new(Lang::Zh).status(Status::OnTrack), "符合序时进度");
    }
}
