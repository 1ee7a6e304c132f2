//! Calendar dates for assessing "as of" a day, and the day a reported figure refers up to.
//!
//! The engine has no clock: the date an assessment is made on is an input
//! ([`crate::Options::as_of`]). An observation refers to a period that ends on a day — a
//! whole year on 31 December, `Q1` on 31 March, `1-9月` on 30 September — and it cannot be
//! known before that day, so an assessment as of an earlier day leaves it out.

use std::fmt;

use serde::{Serialize, Serializer};

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month, from 1.
    pub day: u32,
}

/// True in a leap year.
fn leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in a month of a year.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The date, if it exists (`2026-02-30` does not).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Reads `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y) && digits(m) && digits(d)) {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// The last day of a month.
    pub fn end_of_month(year: i32, month: u32) -> Date {
        let month = month.clamp(1, 12);
        Date {
            year,
            month,
            day: days_in_month(year, month),
        }
    }

    /// 31 December of a year.
    pub fn end_of_year(year: i32) -> Date {
        Date::end_of_month(year, 12)
    }

    /// The day a figure for `year` (and part of the year `period`, if any) refers up to:
    /// the end of the period. A period the engine cannot read counts as the whole year,
    /// so it is never taken as known earlier than it could be.
    pub fn end_of_period(year: i32, period: Option<&str>) -> Date {
        let month = period.and_then(period_end_month).unwrap_or(12);
        Date::end_of_month(year, month)
    }

    /// The date as a fractional year on the scale where a whole-year figure for year Y
    /// stands at Y: 31 December of Y is Y, 30 June of Y is about Y − 0.5.
    pub fn as_year(self) -> f64 {
        let days_before: u32 = (1..self.month).map(|m| days_in_month(self.year, m)).sum::<u32>() + self.day;
        let length = if leap(self.year) { 366.0 } else { 365.0 };
        f64::from(self.year) - 1.0 + f64::from(days_before) / length
    }

    /// The same day `years` years later (29 February becomes 28 February off leap years).
    pub fn plus_years(self, years: i32) -> Date {
        let year = self.year + years;
        Date {
            year,
            month: self.month,
            day: self.day.min(days_in_month(year, self.month)),
        }
    }
}

/// The last month of a part of a year as reports name it: `Q1`…`Q4`, `H1`/`H2`,
/// `上半年`, `前三季度`, `一季度`, `1-9月` (also `1—9月`, `1至9月`), `10月底`, `10月`.
pub fn period_end_month(period: &str) -> Option<u32> {
    let p = period.trim();
    let upper = p.to_ascii_uppercase();
    let fixed = match upper.as_str() {
        "Q1" => Some(3),
        "Q2" | "H1" => Some(6),
        "Q3" => Some(9),
        "Q4" | "H2" => Some(12),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    for (words, month) in [
        (&["上半年", "一季度至二季度"][..], 6),
        (&["下半年", "全年"][..], 12),
        (&["前三季度", "三季度"][..], 9),
        (&["一季度", "第一季度", "首季"][..], 3),
        (&["二季度", "第二季度"][..], 6),
        (&["四季度", "第四季度"][..], 12),
    ] {
        if words.contains(&p) {
            return Some(month);
        }
    }
    // `1-9月`, `1—9月`, `1至9月`, `10月底`, `10月末`, `10月`: the last number before `月`.
    let head = p.split('月').next().filter(|_| p.contains('月'))?;
    let last: String = head
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let month: u32 = last.parse().ok()?;
    (1..=12).contains(&month).then_some(month)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_only_when_they_exist() {
        assert_eq!(Date::parse("2026-12-03"), Date::new(2026, 12, 3));
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-1-01",
            "26-12-03",
            "2026-12-3x",
            "",
            "2026/12/03",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn periods_end_on_their_last_day() {
        assert_eq!(
            Date::end_of_period(2022, Some("1-9月")),
            Date::new(2022, 9, 30).unwrap()
        );
        assert_eq!(
            Date::end_of_period(2024, Some("10月底")),
            Date::new(2024, 10, 31).unwrap()
        );
        assert_eq!(Date::end_of_period(2024, Some("Q1")), Date::new(2024, 3, 31).unwrap());
        assert_eq!(Date::end_of_period(2024, Some("H1")), Date::new(2024, 6, 30).unwrap());
        assert_eq!(
            Date::end_of_period(2024, Some("前三季度")),
            Date::new(2024, 9, 30).unwrap()
        );
        assert_eq!(
            Date::end_of_period(2024, Some("1至11月")),
            Date::new(2024, 11, 30).unwrap()
        );
        assert_eq!(Date::end_of_period(2024, None), Date::new(2024, 12, 31).unwrap());
        // Unreadable: the whole year, never earlier.
        assert_eq!(
            Date::end_of_period(2024, Some("汛期")),
            Date::new(2024, 12, 31).unwrap()
        );
    }

    #[test]
    fn a_year_end_is_the_year_itself_on_the_fractional_scale() {
        assert!((Date::end_of_year(2025).as_year() - 2025.0).abs() < 1e-12);
        let mid = Date::new(2023, 7, 2).unwrap().as_year();
        assert!((mid - 2022.5).abs() < 0.01, "{mid}");
        assert_eq!(
            Date::new(2024, 2, 29).unwrap().plus_years(1),
            Date::new(2025, 2, 28).unwrap()
        );
    }
}
