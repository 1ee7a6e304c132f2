//! Years and periods: `到2025年`, `截至2022年`, `2017年—2022年`, `“十四五”期间`/`末`,
//! `上半年`, `一季度`, `1—9月`, `今年`/`去年`/`明年`, and how they set the year of a fact.

/// A time expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Time {
    /// A calendar year (`2022年`, `二〇二五年`).
    Year(i32),
    /// A span of years (`2017年—2022年`).
    Range(i32, i32),
    /// Months of a year (`1—9月` → `1-9月`).
    Months(String),
    /// The months of a year up to the end of one (`9月底` → `1-9月`): a date that counts
    /// from the year's start, not a period the text sets out to report on.
    UpTo(u32),
    /// Part of a year (`上半年` → `H1`).
    Part(String),
    /// A year relative to the document's date (`去年` → -1).
    Relative(i32),
    /// The year in context (`全年`).
    Same,
    /// A five-year plan: first and last year, and whether its end is meant (`末`).
    Plan {
        /// First year.
        start: i32,
        /// Last year.
        end: i32,
        /// `“十四五”末`: the last year itself rather than the whole period.
        at_end: bool,
    },
}

/// A time expression and its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeTok {
    /// Byte start.
    pub start: usize,
    /// Byte end.
    pub end: usize,
    /// What it says.
    pub time: Time,
}

/// The first and last year of the `n`th five-year plan (`14` → 2021–2025).
pub fn plan_years(n: i32) -> (i32, i32) {
    // The third plan started in 1966, after three years of adjustment; plans are
    // consecutive since.
    let start = if n >= 3 { 1966 + 5 * (n - 3) } else { 1953 + 5 * (n - 1) };
    (start, start + 4)
}

/// How a time expression relates to what follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A year in which something happens (`2022年，…`).
    Point,
    /// A due date (`到2025年`).
    To,
    /// A date up to which something is counted (`截至2022年`).
    AsOf,
}

/// The time a fact refers to, gathered from the expressions before it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TimeCtx {
    /// The year.
    pub year: Option<i32>,
    /// Part of the year, if any.
    pub period: Option<String>,
    /// First year of a span (`“十四五”期间` → 2021, `2017年—2022年` → 2017).
    pub start: Option<i32>,
    /// How the year was introduced.
    pub role: Option<Role>,
    /// The year came from a five-year plan.
    pub plan: bool,
    /// A span of years within which increments count (`期间`, `2017年—2022年`).
    pub interval: bool,
    /// The part of the year came from a date up to which things are counted (`截至9月底`).
    pub up_to: bool,
    /// The year is the one in context, from `全年` alone.
    pub whole_year: bool,
}

impl TimeCtx {
    /// Whether the context is a span of years (an increment counts within it).
    pub fn is_interval(&self) -> bool {
        self.interval
    }

    /// Applies one expression (in reading order) with its role.
    ///
    /// `context_year` is the year `全年` and an undated part of a year (`上半年`) mean
    /// when it is given (the year under review of a review document), else `doc_year`.
    pub fn apply(&mut self, time: &Time, role: Role, doc_year: Option<i32>, context_year: Option<i32>) {
        let context_year = context_year.or(doc_year);
        match time {
            Time::Year(y) => {
                *self = TimeCtx {
                    year: Some(*y),
                    role: Some(role),
                    ..TimeCtx::default()
                };
            }
            Time::Range(a, b) => {
                *self = TimeCtx {
                    year: Some(*b),
                    start: Some(*a),
                    role: Some(role),
                    interval: a < b,
                    ..TimeCtx::default()
                };
            }
            Time::Plan { start, end, at_end } => {
                // The baseline of a plan's end is still the year before the plan.
                *self = TimeCtx {
                    year: Some(*end),
                    start: Some(*start),
                    role: Some(Role::To),
                    plan: true,
                    period: None,
                    interval: !*at_end,
                    up_to: false,
                    whole_year: false,
                };
            }
            Time::Relative(k) => {
                *self = TimeCtx {
                    year: doc_year.map(|y| y + k),
                    role: Some(role),
                    ..TimeCtx::default()
                };
            }
            Time::Same => {
                if self.year.is_none() {
                    self.year = context_year;
                    self.role = Some(role);
                    self.whole_year = true;
                }
                self.period = None;
            }
            Time::Months(m) | Time::Part(m) => {
                if self.year.is_none() {
                    self.year = context_year;
                    self.role = Some(role);
                }
                self.period = Some(m.clone());
                self.up_to = false;
            }
            Time::UpTo(m) => {
                if self.year.is_none() {
                    self.year = context_year;
                    self.role = Some(role);
                }
                self.period = Some(if *m == 1 {
                    "1月".to_owned()
                } else {
                    format!("1-{m}月")
                });
                self.up_to = true;
            }
        }
    }

    /// The year before counting starts, for an increment.
    pub fn increment_baseline(&self, doc_year: Option<i32>) -> Option<i32> {
        let y = self.year?;
        if let Some(s) = self.start.filter(|&s| s < y) {
            return Some(s - 1);
        }
        match self.role {
            Some(Role::To) if self.plan || y % 5 == 0 => Some(y - 5),
            Some(Role::To) => doc_year.map(|d| d - 1).filter(|&d| d < y),
            _ => Some(y - 1),
        }
    }

    /// The year compared against, for a change stated without one.
    pub fn change_baseline(&self) -> Option<i32> {
        let y = self.year?;
        if let Some(s) = self.start.filter(|&s| s < y) {
            return Some(s - 1);
        }
        match self.role {
            Some(Role::To) if self.plan || y % 5 == 0 => Some(y - 5),
            _ => Some(y - 1),
        }
    }
}
