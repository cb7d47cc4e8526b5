//! Calendar dates known to a year, a month or a day, and whole days for arithmetic.

use std::fmt;
use std::str::FromStr;

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year, as in `2019`.
    Year,
    /// The year and month, as in `2019-07`.
    Month,
    /// The full date, as in `2019-07-01`.
    Day,
}

/// A date known to year, month or day precision (`2019`, `2019-07`, `2019-07-01`).
///
/// A partial date stands for a whole period: `2019-07` is "some time in July 2019".
/// It is never widened into a made-up day; [`PartialDate::first_day`] and
/// [`PartialDate::end_bound`] say which days the period covers.
///
/// Dates order by year, then month, then day, with an unknown part first:
/// `2019 < 2019-01 < 2019-01-01`.
///
/// ```
/// use govchart::date::PartialDate;
///
/// let left: PartialDate = "2019-07".parse()?;
/// assert_eq!(left.human(), "Jul 2019");
/// assert_eq!(left.first_day().to_string(), "2019-07-01");
/// // An end given as a month holds until the month is over.
/// assert_eq!(left.end_bound().to_string(), "2019-08-01");
/// assert!("2019-02-29".parse::<PartialDate>().is_err());
/// # Ok::<(), govchart::date::DateError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: i16,
    /// 1 to 12, or 0 when unknown.
    month: u8,
    /// 1 to 31, or 0 when unknown.
    day: u8,
}

/// What is wrong with a date as written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("\"{0}\" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")]
    Format(String),
    /// The year is outside 1000 to 9999.
    #[error("\"{0}\" has a year outside 1000 to 9999")]
    Year(String),
    /// The month is not 1 to 12.
    #[error("\"{0}\" has no such month (months run from 01 to 12)")]
    Month(String),
    /// The day does not exist in that month.
    #[error("\"{text}\" is not a real date: {month_name} {year} has {days} days")]
    Day {
        /// The date as written.
        text: String,
        /// The month's English name.
        month_name: &'static str,
        /// The year.
        year: i16,
        /// How many days that month has.
        days: u8,
    },
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn parse_digits(part: &str, len: usize) -> Option<u32> {
    if part.len() != len || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

impl PartialDate {
    /// A year-precision date.
    pub fn year(year: i16) -> Self {
        Self {
            year,
            month: 0,
            day: 0,
        }
    }

    /// A day-precision date, if it exists.
    pub fn ymd(year: i16, month: u8, day: u8) -> Option<Self> {
        let ok = (1000..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year.into(), month);
        ok.then_some(Self { year, month, day })
    }

    /// A month-precision date, if the month exists.
    pub fn ym(year: i16, month: u8) -> Option<Self> {
        ((1000..=9999).contains(&year) && (1..=12).contains(&month)).then_some(Self {
            year,
            month,
            day: 0,
        })
    }

    /// The day-precision date of a whole day.
    pub fn from_day(day: Day) -> Self {
        let (y, m, d) = day.civil();
        Self {
            year: y as i16,
            month: m,
            day: d,
        }
    }

    /// How much of the date is known.
    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// The year.
    pub fn year_number(self) -> i16 {
        self.year
    }

    /// The first day of the period this date stands for.
    pub fn first_day(self) -> Day {
        let month = self.month.max(1);
        let day = self.day.max(1);
        Day::from_civil(self.year.into(), month, day)
    }

    /// The last day of the period this date stands for.
    pub fn last_day(self) -> Day {
        Day(self.end_bound_of_period().0 - 1)
    }

    /// The exclusive bound of an *end* date: the first day on which the thing no longer
    /// holds.
    ///
    /// A day-precision end is the day it ended, so it is its own bound. A month or a year
    /// says only that it ended during that period, so it holds until the period is over.
    pub fn end_bound(self) -> Day {
        match self.precision() {
            Precision::Day => self.first_day(),
            _ => self.end_bound_of_period(),
        }
    }

    fn end_bound_of_period(self) -> Day {
        let year = i32::from(self.year);
        match self.precision() {
            Precision::Year => Day::from_civil(year + 1, 1, 1),
            Precision::Month if self.month == 12 => Day::from_civil(year + 1, 1, 1),
            Precision::Month => Day::from_civil(year, self.month + 1, 1),
            Precision::Day => Day(self.first_day().0 + 1),
        }
    }

    /// The date at its own precision, for people: `2019`, `Jul 2019` or `1 Jul 2019`.
    pub fn human(self) -> String {
        let short = |m: u8| &MONTH_NAMES[usize::from(m - 1)][..3];
        match self.precision() {
            Precision::Year => format!("{}", self.year),
            Precision::Month => format!("{} {}", short(self.month), self.year),
            Precision::Day => format!("{} {} {}", self.day, short(self.month), self.year),
        }
    }

    /// The same date cut down to `precision` (never made finer).
    pub fn truncate(self, precision: Precision) -> Self {
        match precision.min(self.precision()) {
            Precision::Year => Self::year(self.year),
            Precision::Month => Self { day: 0, ..self },
            Precision::Day => self,
        }
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let format = || DateError::Format(text.to_owned());
        let mut parts = text.split('-');
        let year = parts
            .next()
            .and_then(|p| parse_digits(p, 4))
            .ok_or_else(format)?;
        let month = match parts.next() {
            None => None,
            Some(p) => Some(parse_digits(p, 2).ok_or_else(format)?),
        };
        let day = match parts.next() {
            None => None,
            Some(p) => Some(parse_digits(p, 2).ok_or_else(format)?),
        };
        if parts.next().is_some() {
            return Err(format());
        }
        if year < 1000 {
            return Err(DateError::Year(text.to_owned()));
        }
        let year = year as i16;
        let Some(month) = month else {
            return Ok(Self::year(year));
        };
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(text.to_owned()));
        }
        let month = month as u8;
        let Some(day) = day else {
            return Ok(Self {
                year,
                month,
                day: 0,
            });
        };
        let days = days_in_month(year.into(), month);
        if day == 0 || day > u32::from(days) {
            return Err(DateError::Day {
                text: text.to_owned(),
                month_name: MONTH_NAMES[usize::from(month - 1)],
                year,
                days,
            });
        }
        Ok(Self {
            year,
            month,
            day: day as u8,
        })
    }
}

impl fmt::Display for PartialDate {
    /// The ISO form at the date's own precision: `2019`, `2019-07` or `2019-07-01`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision() {
            Precision::Year => write!(f, "{:04}", self.year),
            Precision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A whole day, counted from 1970-01-01 (proleptic Gregorian calendar).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Day(pub i32);

impl Day {
    /// The latest representable day, used for "still open".
    pub const OPEN: Day = Day(i32::MAX);

    /// The day of a civil date (no range check: callers pass real dates).
    pub fn from_civil(year: i32, month: u8, day: u8) -> Self {
        // Howard Hinnant's days_from_civil.
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i32::from(month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i32::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day(era * 146_097 + doe - 719_468)
    }

    /// The civil date (year, month, day) of this day.
    pub fn civil(self) -> (i32, u8, u8) {
        // Howard Hinnant's civil_from_days.
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i32::from(month <= 2);
        (year, month, day)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Day::OPEN {
            return f.write_str("open");
        }
        let (y, m, d) = self.civil();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for text in ["2019", "2019-07", "2019-07-01", "2020-02-29"] {
            assert_eq!(d(text).to_string(), text);
        }
        assert_eq!(d("2019").precision(), Precision::Year);
        assert_eq!(d("2019-07").precision(), Precision::Month);
        assert_eq!(d("2019-07-01").precision(), Precision::Day);
    }

    #[test]
    fn human_form_keeps_the_precision() {
        assert_eq!(d("2019").human(), "2019");
        assert_eq!(d("2019-07").human(), "Jul 2019");
        assert_eq!(d("2019-07-01").human(), "1 Jul 2019");
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        let err = "2019-02-29".parse::<PartialDate>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"2019-02-29\" is not a real date: February 2019 has 28 days"
        );
        for bad in [
            "2019-13",
            "2019-00",
            "2019-04-31",
            "2019-7",
            "19",
            "2019/07",
            "",
            "2019-07-01-",
            "0999",
            "２０１９",
            "+201",
        ] {
            assert!(
                bad.parse::<PartialDate>().is_err(),
                "{bad} should not parse"
            );
        }
    }

    #[test]
    fn periods_cover_the_right_days() {
        assert_eq!(d("2019-07").first_day().to_string(), "2019-07-01");
        assert_eq!(d("2019-07").last_day().to_string(), "2019-07-31");
        assert_eq!(d("2019-12").end_bound().to_string(), "2020-01-01");
        assert_eq!(d("2019").end_bound().to_string(), "2020-01-01");
        assert_eq!(d("2019-07-09").end_bound().to_string(), "2019-07-09");
        assert_eq!(d("2020-02").last_day().to_string(), "2020-02-29");
    }

    #[test]
    fn days_round_trip_through_the_calendar() {
        assert_eq!(Day::from_civil(1970, 1, 1), Day(0));
        for n in (-800_000..800_000).step_by(997) {
            let (y, m, dd) = Day(n).civil();
            assert_eq!(Day::from_civil(y, m, dd), Day(n));
        }
    }

    #[test]
    fn partial_dates_order_coarse_first() {
        assert!(d("2019") < d("2019-01"));
        assert!(d("2019-01") < d("2019-01-01"));
        assert!(d("2019-12-31") < d("2020"));
    }
}
