//! Completion of a plan: `完成年计划710亿元的89.4%`, `完成全年任务的85%`, `占年度计划的74.3%`.
//!
//! The share (`89.4%`) is an achieved level whose indicator is the subject followed by
//! the phrase (`地区生产总值完成年计划`); the amount planned (`710亿元`), when given, is
//! the subject's target for the year in context.

/// The longest run of characters allowed between `完成` and its noun (`完成全年任务`,
/// `完成年度计划`, `完成成全年任务`).
const GAP_CHARS: usize = 4;

/// The nouns a completion phrase ends with.
const NOUNS: [&str; 3] = ["计划", "任务", "目标"];

/// The role a quantity plays in a completion phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The amount planned (`710亿元` in `完成年计划710亿元的89.4%`).
    Planned {
        /// Byte start of `完成`.
        start: usize,
    },
    /// The share completed; the phrase (`完成年计划`) spans these bytes.
    Share {
        /// Byte start of `完成`.
        start: usize,
        /// Byte end of the phrase's noun.
        end: usize,
    },
}

/// The byte start of a completion phrase that ends exactly at `at` (`…完成年计划|`,
/// `…占年度计划|`), if there is one. `s` is the simplified text.
fn phrase_ending_at(s: &str, at: usize) -> Option<usize> {
    let before = &s[..at];
    let noun = NOUNS.iter().find(|n| before.ends_with(*n))?;
    let head = &before[..at - noun.len()];
    head.char_indices()
        .rev()
        .take(GAP_CHARS + 2)
        .take_while(|(_, c)| c.is_alphabetic())
        .map(|(i, _)| i)
        .find(|&i| head[i..].starts_with("完成") || head[i..].starts_with('占'))
}

/// Whether the words from `at` on end a completion phrase (`全年|任务` in `完成全年任务`).
pub(crate) fn within_phrase(s: &str, at: usize) -> bool {
    NOUNS
        .iter()
        .find(|n| s[at..].starts_with(*n))
        .is_some_and(|n| phrase_ending_at(s, at + n.len()).is_some())
}

/// The role of the quantity at `q` (byte range) in a completion phrase, given the
/// quantity before it in the sentence (`prev`) and whether the one after it starts right
/// after a `的` and is a percentage (`next_share`).
pub(crate) fn role(
    s: &str,
    q: (usize, usize),
    prev: Option<(usize, usize)>,
    percent: bool,
    next_share: bool,
) -> Option<Role> {
    const OF: &str = "的";
    if percent {
        // 完成年计划710亿元的89.4%
        if let Some((ps, _)) = prev.filter(|&(_, pe)| &s[pe..q.0] == OF) {
            if let Some(start) = phrase_ending_at(s, ps) {
                return Some(Role::Share { start, end: ps });
            }
        }
        // 完成全年任务的85%
        if s[..q.0].ends_with(OF) {
            let end = q.0 - OF.len();
            if let Some(start) = phrase_ending_at(s, end) {
                return Some(Role::Share { start, end });
            }
        }
        return None;
    }
    if !(next_share && s[q.1..].starts_with(OF)) {
        return None;
    }
    phrase_ending_at(s, q.0).map(|start| Role::Planned { start })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str, needle: &str) -> (usize, usize) {
        let i = s.find(needle).unwrap();
        (i, i + needle.len())
    }

    #[test]
    fn a_share_of_an_amount_planned() {
        let s = "地区生产总值635亿元,完成年计划710亿元的89.4%";
        let planned = at(s, "710亿元");
        let share = at(s, "89.4%");
        let start = s.find("完成").unwrap();
        assert_eq!(role(s, planned, None, false, true), Some(Role::Planned { start }));
        assert_eq!(
            role(s, share, Some(planned), true, false),
            Some(Role::Share { start, end: planned.0 })
        );
    }

    #[test]
    fn a_share_of_the_year_task() {
        let s = "氨氮削减120吨,完成全年任务的100%";
        let share = at(s, "100%");
        let Some(Role::Share { start, end }) = role(s, share, Some(at(s, "120吨")), true, false) else {
            panic!("no share");
        };
        assert_eq!(&s[start..end], "完成全年任务");
    }

    #[test]
    fn other_shares_are_not_completions() {
        let s = "占全市的35%";
        assert_eq!(role(s, at(s, "35%"), None, true, false), None);
        let s = "完成投资的35%";
        assert_eq!(role(s, at(s, "35%"), None, true, false), None);
        // A noun far from 完成 is not its object.
        let s = "完成了一大批重点项目建设计划的35%";
        assert_eq!(role(s, at(s, "35%"), None, true, false), None);
    }
}
