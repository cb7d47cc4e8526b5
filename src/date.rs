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
    /// Some day between two dates, as in `2020-06/2020-08`.
    Between,
}

/// A date known to year, month or day precision (`2019`, `2019-07`, `2019-07-01`), or only
/// known to lie between two such dates (`2020-06/2020-08`, "some time from June to August
/// 2020").
///
/// A partial date stands for a whole period: `2019-07` is "some time in July 2019", and
/// `2019-08/2021-02` is "some time from August 2019 to February 2021".
/// It is never widened into a made-up day; [`PartialDate::first_day`] and
/// [`PartialDate::end_bound`] say which days the period covers.
///
/// Dates order by their first bound (year, then month, then day, with an unknown part first:
/// `2019 < 2019-01 < 2019-01-01`), then by their second.
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
///
/// let summer: PartialDate = "2020-06/2020-08".parse()?;
/// assert_eq!(summer.human(), "between Jun and Aug 2020");
/// assert_eq!(summer.last_day().to_string(), "2020-08-31");
/// # Ok::<(), govchart::date::DateError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// The date, or the earliest it can be.
    from: Point,
    /// The latest it can be; equal to `from` for a plain date.
    to: Point,
}

/// A date at year, month or day precision: one end of a [`PartialDate`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Point {
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
    #[error(
        "\"{0}\" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, or two of them as FROM/TO for a date known only to lie between them"
    )]
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
    /// A `FROM/TO` date whose second date does not come after its first.
    #[error("\"{0}\" runs backwards: in FROM/TO, TO must come after FROM")]
    Backwards(String),
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

/// The number a run of ASCII digits writes, if that is all it is.
fn digits(part: &[u8]) -> Option<u32> {
    part.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

fn short_month(m: u8) -> &'static str {
    &MONTH_NAMES[usize::from(m - 1)][..3]
}

impl Point {
    fn precision(self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    fn first_day(self) -> Day {
        Day::from_civil(self.year.into(), self.month.max(1), self.day.max(1))
    }

    /// The first day after the period.
    fn after(self) -> Day {
        let year = i32::from(self.year);
        match self.precision() {
            Precision::Month if self.month == 12 => Day::from_civil(year + 1, 1, 1),
            Precision::Month => Day::from_civil(year, self.month + 1, 1),
            Precision::Day | Precision::Between => Day(self.first_day().0 + 1),
            Precision::Year => Day::from_civil(year + 1, 1, 1),
        }
    }

    /// As an end: the first day on which the thing no longer holds.
    fn end_bound(self) -> Day {
        match self.precision() {
            Precision::Day => self.first_day(),
            _ => self.after(),
        }
    }

    fn truncate(self, precision: Precision) -> Self {
        match precision.min(self.precision()) {
            Precision::Year => Self {
                month: 0,
                day: 0,
                ..self
            },
            Precision::Month => Self { day: 0, ..self },
            Precision::Day | Precision::Between => self,
        }
    }

    /// For people, without the year: `Jul`, `1 Jul`, or nothing for a year.
    fn human_in_year(self) -> String {
        match self.precision() {
            Precision::Year => String::new(),
            Precision::Month => short_month(self.month).to_owned(),
            _ => format!("{} {}", self.day, short_month(self.month)),
        }
    }

    fn human(self) -> String {
        match self.precision() {
            Precision::Year => format!("{}", self.year),
            _ => format!("{} {}", self.human_in_year(), self.year),
        }
    }

    fn parse(text: &str, whole: &str) -> Result<Self, DateError> {
        let format = || DateError::Format(whole.to_owned());
        // `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, read as bytes: a date is read for every
        // dated fact of a file.
        let b = text.as_bytes();
        let dash = |i: usize| b.get(i) == Some(&b'-');
        let (year, month, day) = match b.len() {
            4 => (&b[..4], None, None),
            7 if dash(4) => (&b[..4], Some(&b[5..7]), None),
            10 if dash(4) && dash(7) => (&b[..4], Some(&b[5..7]), Some(&b[8..10])),
            _ => return Err(format()),
        };
        let year = digits(year).ok_or_else(format)?;
        let month = month.map(|m| digits(m).ok_or_else(format)).transpose()?;
        let day = day.map(|d| digits(d).ok_or_else(format)).transpose()?;
        if year < 1000 {
            return Err(DateError::Year(whole.to_owned()));
        }
        let year = year as i16;
        let Some(month) = month else {
            return Ok(Self {
                year,
                month: 0,
                day: 0,
            });
        };
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(whole.to_owned()));
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
                text: whole.to_owned(),
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

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision() {
            Precision::Year => write!(f, "{:04}", self.year),
            Precision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            _ => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

impl PartialDate {
    fn point(point: Point) -> Self {
        Self {
            from: point,
            to: point,
        }
    }

    /// A year-precision date.
    pub fn year(year: i16) -> Self {
        Self::point(Point {
            year,
            month: 0,
            day: 0,
        })
    }

    /// A day-precision date, if it exists.
    pub fn ymd(year: i16, month: u8, day: u8) -> Option<Self> {
        let ok = (1000..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year.into(), month);
        ok.then_some(Self::point(Point { year, month, day }))
    }

    /// A month-precision date, if the month exists.
    pub fn ym(year: i16, month: u8) -> Option<Self> {
        ((1000..=9999).contains(&year) && (1..=12).contains(&month)).then_some(Self::point(Point {
            year,
            month,
            day: 0,
        }))
    }

    /// The day-precision date of a whole day.
    pub fn from_day(day: Day) -> Self {
        let (y, m, d) = day.civil();
        Self::point(Point {
            year: y as i16,
            month: m,
            day: d,
        })
    }

    /// A date known only to lie between two others (inclusive), if `to` comes after `from`.
    pub fn between(from: PartialDate, to: PartialDate) -> Option<Self> {
        let date = Self {
            from: from.from,
            to: to.to,
        };
        (from.from.first_day() < to.to.first_day() && from.last_day() <= to.last_day())
            .then_some(date)
    }

    /// How much of the date is known.
    pub fn precision(self) -> Precision {
        if self.from == self.to {
            self.from.precision()
        } else {
            Precision::Between
        }
    }

    /// The year (of the earliest the date can be).
    pub fn year_number(self) -> i16 {
        self.from.year
    }

    /// The first day of the period this date stands for.
    pub fn first_day(self) -> Day {
        self.from.first_day()
    }

    /// The last day of the period this date stands for.
    pub fn last_day(self) -> Day {
        Day(self.to.after().0 - 1)
    }

    /// The exclusive bound of an *end* date: the first day on which the thing no longer
    /// holds.
    ///
    /// A day-precision end is the day it ended, so it is its own bound. A month or a year
    /// says only that it ended during that period, so it holds until the period is over; a
    /// date between two others holds until the later one's bound.
    pub fn end_bound(self) -> Day {
        self.to.end_bound()
    }

    /// The date at its own precision, for people: `2019`, `Jul 2019`, `1 Jul 2019`, or
    /// `between Jun and Aug 2020`.
    pub fn human(self) -> String {
        if self.from == self.to {
            return self.from.human();
        }
        let same_year = self.from.year == self.to.year
            && self.from.precision() != Precision::Year
            && self.to.precision() != Precision::Year;
        let from = if same_year {
            self.from.human_in_year()
        } else {
            self.from.human()
        };
        format!("between {from} and {}", self.to.human())
    }

    /// The same date cut down to `precision` (never made finer).
    pub fn truncate(self, precision: Precision) -> Self {
        Self {
            from: self.from.truncate(precision),
            to: self.to.truncate(precision),
        }
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let Some(slash) = text.bytes().position(|b| b == b'/') else {
            return Ok(Self::point(Point::parse(text, text)?));
        };
        let (from, to) = (&text[..slash], &text[slash + 1..]);
        let (from, to) = (Point::parse(from, text)?, Point::parse(to, text)?);
        Self::between(Self::point(from), Self::point(to))
            .ok_or_else(|| DateError::Backwards(text.to_owned()))
    }
}

impl fmt::Display for PartialDate {
    /// The ISO form at the date's own precision: `2019`, `2019-07`, `2019-07-01`, or
    /// `2020-06/2020-08`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}/{}", self.from, self.to)
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
    fn dates_between_two_others_cover_both_periods() {
        let summer = d("2020-06/2020-08");
        assert_eq!(summer.precision(), Precision::Between);
        assert_eq!(summer.to_string(), "2020-06/2020-08");
        assert_eq!(summer.first_day().to_string(), "2020-06-01");
        assert_eq!(summer.last_day().to_string(), "2020-08-31");
        assert_eq!(summer.end_bound().to_string(), "2020-09-01");
        assert_eq!(summer.human(), "between Jun and Aug 2020");
        let gap = d("2019-08/2021-02");
        assert_eq!(gap.human(), "between Aug 2019 and Feb 2021");
        let days = d("2022-11-25/2023-02-01");
        assert_eq!(days.human(), "between 25 Nov 2022 and 1 Feb 2023");
        // A day-precision upper end is the day it ended, as for a plain end date.
        assert_eq!(days.end_bound().to_string(), "2023-02-01");
        for bad in [
            "2021-02/2019-08",
            "2020-06/2020-06",
            "2020/2020-06",
            "2020-06/",
            "/2020",
            "2020-06/2020-08/2020-09",
        ] {
            assert!(
                bad.parse::<PartialDate>().is_err(),
                "{bad} should not parse"
            );
        }
        assert_eq!(
            "2021-02/2019-08"
                .parse::<PartialDate>()
                .unwrap_err()
                .to_string(),
            "\"2021-02/2019-08\" runs backwards: in FROM/TO, TO must come after FROM"
        );
        assert!("2020-02-30/2020-03".parse::<PartialDate>().is_err());
    }

    #[test]
    fn partial_dates_order_coarse_first() {
        assert!(d("2019") < d("2019-01"));
        assert!(d("2019-01") < d("2019-01-01"));
        assert!(d("2019-12-31") < d("2020"));
    }
}
