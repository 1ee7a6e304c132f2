//! Values in brackets after the items of a list: `超额完成目标较多的十个地区分别为:北京(超额
//! 32.95%,下同)、天津(5%)` gives each place the value of what the list's head names
//! (`超额完成目标`), not of the words inside the brackets (`下同`).

/// Words that announce the items of a list.
const LIST_OPENERS: [&str; 4] = ["分别为", "分别是", "分別為", "分別是"];

/// Kinds of unit a list head counts (`十个地区`).
const COUNTED: [&str; 9] = ["地区", "省份", "省", "城市", "市", "县", "区", "单位", "企业"];

/// Comparisons that pick the units a list names (`较多的`, `最快的`).
const PICKED_BY: [&str; 8] = ["较多", "较快", "较大", "较高", "最多", "最快", "最大", "最高"];

/// When the number at the end of `before` (a sentence up to the number, simplified) is
/// inside an open bracket right after an item of a list announced by `分别为`, the item
/// (its text, to be checked as a place by the caller) and the list head's indicator
/// words (`超额完成目标`), else `None`.
pub fn list_value(before: &str) -> Option<(&str, &str)> {
    // The bracket opens a few characters before the number (`北京(超额`), or not at all.
    const NEAR: usize = 8;
    let (open, _) = before
        .char_indices()
        .rev()
        .take(NEAR)
        .take_while(|&(_, c)| !matches!(c, ')' | '）' | '，' | ',' | '、'))
        .find(|&(_, c)| matches!(c, '(' | '（'))?;
    let items = &before[..open];
    // Every opener begins with 分: one character search, then the words there.
    let (opener_at, opener) = items
        .char_indices()
        .rev()
        .filter(|&(_, c)| c == '分')
        .find_map(|(i, _)| {
            LIST_OPENERS
                .iter()
                .find(|w| items[i..].starts_with(**w))
                .map(|w| (i, *w))
        })?;
    let item_start = items.rfind(['、', '：', ':']).map_or(0, |i| i + char_len(items, i));
    if item_start < opener_at + opener.len() {
        return None;
    }
    let item = &items[item_start..];
    let head_text = &items[..opener_at];
    let head_start = head_text
        .rfind(['，', ',', '。', '；'])
        .map_or(0, |i| i + char_len(head_text, i));
    Some((item, picked_units(&head_text[head_start..])))
}

/// The length of the character at byte `i` of `s`.
fn char_len(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(1, char::len_utf8)
}

/// A list head without the units it counts and the comparison that picked them
/// (`超额完成目标较多的十个地区` → `超额完成目标`).
fn picked_units(head: &str) -> &str {
    let Some(de) = head.rfind('的') else {
        return head;
    };
    let counted = head[de + '的'.len_utf8()..]
        .trim_start_matches(|c: char| c.is_ascii_digit() || crate::numbers::is_chinese_numeral(c));
    let counted = counted.strip_prefix('个').unwrap_or(counted);
    if !COUNTED.contains(&counted) {
        return head;
    }
    let rest = &head[..de];
    PICKED_BY.iter().find_map(|w| rest.strip_suffix(w)).unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::list_value;

    #[test]
    fn a_bracketed_value_of_a_listed_place() {
        let s = "有28个地区超额完成了目标任务,超额完成目标较多的十个地区分别为:北京(超额";
        assert_eq!(list_value(s), Some(("北京", "超额完成目标")));
        let s = "超额完成目标较多的十个地区分别为:北京(超额32.95%,下同)、天津(";
        assert_eq!(list_value(s), Some(("天津", "超额完成目标")));
    }

    #[test]
    fn no_list_no_bracketed_value() {
        assert_eq!(list_value("北京(超额"), None);
        assert_eq!(list_value("分别为:北京(5%)、天津"), None);
    }
}
