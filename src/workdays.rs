//! Finnish workdays, as Law 150/1930 on computing statutory time limits defines them.
//!
//! DVV delivers a service certificate "within five workdays" of a complete application
//! (DVV, "Service certificates for social welfare and healthcare"; DOMAIN §7). A workday
//! (*arkipäivä*) is a Monday to Friday that is none of the days listed in
//! [Law 150/1930 §5](https://www.finlex.fi/fi/laki/ajantasa/1930/19300150) (*laki säädettyjen
//! määräaikain laskemisesta*): New Year's Day, Epiphany, Good Friday, Easter Monday, May Day,
//! Ascension Day, Midsummer Eve, Independence Day, Christmas Eve, Christmas Day and Boxing Day.
//! Saturdays are not workdays. The other church holidays (Easter Sunday, Whit Sunday, Midsummer
//! Day and All Saints' Day) always fall on a weekend.
//!
//! [`FinnishCalendar`] answers the questions the rest of the crate asks: is a date a workday,
//! which date is N workdays after (or before) another, and how many workdays lie between two
//! dates. It is valid from [`FinnishCalendar::FIRST_DATE`] (1991-01-01) to
//! [`FinnishCalendar::LAST_DATE`] (2199-12-31) and returns
//! [`WorkdayError::OutOfRange`] outside: from 1973 to 1990 Epiphany and Ascension Day were
//! moved to Saturdays, so earlier years follow different rules, and the range ends where the
//! crate stops promising that the calendar has not been changed by law.
//!
//! ```
//! use chrono::NaiveDate;
//! use sote_certs::workdays::{FinnishCalendar, Holiday};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let calendar = FinnishCalendar::new();
//! let midsummer_eve = NaiveDate::from_ymd_opt(2025, 6, 20).ok_or("bad date")?;
//! assert!(!calendar.is_workday(midsummer_eve)?);
//! assert_eq!(calendar.holiday(midsummer_eve)?, Some(Holiday::MidsummerEve));
//! // Five workdays after Thursday 2025-06-19: Midsummer Eve and the weekend are skipped.
//! let thursday = NaiveDate::from_ymd_opt(2025, 6, 19).ok_or("bad date")?;
//! let due = calendar.add_workdays(thursday, 5)?;
//! assert_eq!(due, NaiveDate::from_ymd_opt(2025, 6, 27).ok_or("bad date")?);
//! assert_eq!(calendar.workdays_between(thursday, due)?, 5);
//! # Ok(())
//! # }
//! ```

use chrono::{Datelike, Days, NaiveDate, Weekday};
use core::fmt;

/// The calendar of Finnish workdays under Law 150/1930 §5, valid from
/// [`FIRST_DATE`](Self::FIRST_DATE) to [`LAST_DATE`](Self::LAST_DATE) inclusive.
///
/// A workday is a Monday to Friday that is not one of the days for which [`Holiday::is_workday_exception`]
/// holds. Easter is computed with the anonymous Gregorian algorithm (Meeus/Jones/Butcher); Good
/// Friday, Easter Monday and Ascension Day (Easter + 39 days) follow from it, and Midsummer Eve
/// is the Friday from 19 to 25 June.
///
/// Conventions, chosen so that counting and adding agree:
/// - [`add_workdays(d, n)`](Self::add_workdays) is the `n`-th workday strictly after `d`
///   (`d` itself when `n` is 0);
/// - [`workdays_between(start, end)`](Self::workdays_between) counts the workdays in the
///   half-open interval `(start, end]`, so
///   `workdays_between(d, add_workdays(d, n)?)? == n` for every `d` and `n`;
/// - [`subtract_workdays(d, n)`](Self::subtract_workdays) is the `n`-th workday strictly before
///   `d`, so `add_workdays(subtract_workdays(d, n)?, n)? == d` whenever `d` is a workday.
///
/// Every method takes the date it works on: the calendar never reads the clock.
///
/// ```
/// use chrono::NaiveDate;
/// use sote_certs::workdays::FinnishCalendar;
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let calendar = FinnishCalendar::new();
/// // Good Friday and Easter Monday 2026 are not workdays.
/// let wednesday = NaiveDate::from_ymd_opt(2026, 4, 1).ok_or("bad date")?;
/// assert_eq!(
///     calendar.add_workdays(wednesday, 2)?,
///     NaiveDate::from_ymd_opt(2026, 4, 7).ok_or("bad date")?
/// );
/// // The latest workday on or before a Sunday is the Friday before it.
/// let sunday = NaiveDate::from_ymd_opt(2026, 3, 29).ok_or("bad date")?;
/// assert_eq!(
///     calendar.previous_workday_on_or_before(sunday)?,
///     NaiveDate::from_ymd_opt(2026, 3, 27).ok_or("bad date")?
/// );
/// // Outside 1991–2199 the calendar refuses to guess.
/// let too_early = NaiveDate::from_ymd_opt(1990, 12, 31).ok_or("bad date")?;
/// assert!(calendar.is_workday(too_early).is_err());
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FinnishCalendar {
    _private: (),
}

impl FinnishCalendar {
    /// First year the calendar covers: from 1991 Epiphany and Ascension Day are again on
    /// their own dates (from 1973 to 1990 they were moved to Saturdays).
    pub const FIRST_YEAR: i32 = 1991;

    /// Last year the calendar covers.
    pub const LAST_YEAR: i32 = 2199;

    /// First date the calendar covers, 1991-01-01.
    pub const FIRST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(Self::FIRST_YEAR, 1, 1) {
        Some(date) => date,
        // Unreachable: 1991-01-01 is a valid date, and this is evaluated at compile time.
        None => NaiveDate::MIN,
    };

    /// Last date the calendar covers, 2199-12-31.
    pub const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(Self::LAST_YEAR, 12, 31) {
        Some(date) => date,
        // Unreachable: 2199-12-31 is a valid date, and this is evaluated at compile time.
        None => NaiveDate::MAX,
    };

    /// The calendar of Law 150/1930 §5 as in force since 1991.
    pub const fn new() -> Self {
        Self { _private: () }
    }

    /// Whether `date` is a Finnish workday: a Monday to Friday that is not a
    /// [workday exception](Holiday::is_workday_exception).
    ///
    /// # Errors
    /// [`WorkdayError::OutOfRange`] when `date` is outside
    /// [`FIRST_DATE`](Self::FIRST_DATE)..=[`LAST_DATE`](Self::LAST_DATE).
    pub fn is_workday(&self, date: NaiveDate) -> Result<bool, WorkdayError> {
        check_date(date)?;
        Ok(is_workday_unchecked(date))
    }

    /// The holiday or eve that falls on `date`, if any, including those that always fall on a
    /// weekend (Easter Sunday, Whit Sunday, Midsummer Day, All Saints' Day).
    ///
    /// When two coincide (May Day and Ascension Day, 2160-05-01), the fixed-date one
    /// ([`Holiday::MayDay`]) is returned; [`holidays_in`](Self::holidays_in) lists both.
    ///
    /// # Errors
    /// [`WorkdayError::OutOfRange`] when `date` is outside the calendar's range.
    pub fn holiday(&self, date: NaiveDate) -> Result<Option<Holiday>, WorkdayError> {
        check_date(date)?;
        Ok(holiday_unchecked(date))
    }

    /// Every holiday and eve of `year`, in date order (two entries on one date when two
    /// coincide).
    ///
    /// # Errors
    /// [`WorkdayError::YearOutOfRange`] when `year` is outside
    /// [`FIRST_YEAR`](Self::FIRST_YEAR)..=[`LAST_YEAR`](Self::LAST_YEAR).
    pub fn holidays_in(&self, year: i32) -> Result<Vec<(NaiveDate, Holiday)>, WorkdayError> {
        check_year(year)?;
        Ok(holidays_of_year(year))
    }

    /// Every Monday to Friday of `year` that is not a workday, in date order, each once.
    ///
    /// # Errors
    /// [`WorkdayError::YearOutOfRange`] when `year` is outside the calendar's range.
    pub fn holidays_on_weekdays(&self, year: i32) -> Result<Vec<NaiveDate>, WorkdayError> {
        check_year(year)?;
        Ok(weekday_holidays_of_year(year))
    }

    /// The date `n` workdays after `date`: the `n`-th workday strictly after `date`, or `date`
    /// itself when `n` is 0 (whether or not it is a workday).
    ///
    /// For `n >= 1` the result is always a workday, and
    /// `workdays_between(date, add_workdays(date, n)?)? == n`.
    ///
    /// # Errors
    /// [`WorkdayError::OutOfRange`] when `date` is outside the calendar's range and
    /// [`WorkdayError::AfterLastDate`] when the result would be after
    /// [`LAST_DATE`](Self::LAST_DATE).
    pub fn add_workdays(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, WorkdayError> {
        check_date(date)?;
        let mut current = date;
        let mut remaining = n;
        while remaining > 0 {
            current = next_in_range(current).ok_or(WorkdayError::AfterLastDate {
                date,
                workdays: n,
                last: Self::LAST_DATE,
            })?;
            if is_workday_unchecked(current) {
                remaining -= 1;
            }
        }
        Ok(current)
    }

    /// The date `n` workdays before `date`: the `n`-th workday strictly before `date`, or
    /// `date` itself when `n` is 0.
    ///
    /// For `n >= 1` the result is always a workday. When `date` is a workday,
    /// `add_workdays(subtract_workdays(date, n)?, n)? == date`. Renewal planning uses it on
    /// the result of [`previous_workday_on_or_before`](Self::previous_workday_on_or_before):
    /// an application complete on `subtract_workdays(previous_workday_on_or_before(last)?, n)?`
    /// is served within `n` workdays ending on or before `last`.
    ///
    /// # Errors
    /// [`WorkdayError::OutOfRange`] when `date` is outside the calendar's range and
    /// [`WorkdayError::BeforeFirstDate`] when the result would be before
    /// [`FIRST_DATE`](Self::FIRST_DATE).
    pub fn subtract_workdays(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, WorkdayError> {
        check_date(date)?;
        let mut current = date;
        let mut remaining = n;
        while remaining > 0 {
            current = previous_in_range(current).ok_or(WorkdayError::BeforeFirstDate {
                date,
                workdays: n,
                first: Self::FIRST_DATE,
            })?;
            if is_workday_unchecked(current) {
                remaining -= 1;
            }
        }
        Ok(current)
    }

    /// The latest workday on or before `date`: `date` itself when it is a workday.
    ///
    /// # Errors
    /// [`WorkdayError::OutOfRange`] when `date` is outside the calendar's range and
    /// [`WorkdayError::BeforeFirstDate`] when no workday of the range is on or before `date`
    /// (1991-01-01 is a holiday).
    pub fn previous_workday_on_or_before(
        &self,
        date: NaiveDate,
    ) -> Result<NaiveDate, WorkdayError> {
        check_date(date)?;
        let mut current = date;
        while !is_workday_unchecked(current) {
            current = previous_in_range(current).ok_or(WorkdayError::BeforeFirstDate {
                date,
                workdays: 0,
                first: Self::FIRST_DATE,
            })?;
        }
        Ok(current)
    }

    /// The earliest workday on or after `date`: `date` itself when it is a workday.
    ///
    /// # Errors
    /// [`WorkdayError::OutOfRange`] when `date` is outside the calendar's range and
    /// [`WorkdayError::AfterLastDate`] when no workday of the range is on or after `date`.
    pub fn next_workday_on_or_after(&self, date: NaiveDate) -> Result<NaiveDate, WorkdayError> {
        check_date(date)?;
        let mut current = date;
        while !is_workday_unchecked(current) {
            current = next_in_range(current).ok_or(WorkdayError::AfterLastDate {
                date,
                workdays: 0,
                last: Self::LAST_DATE,
            })?;
        }
        Ok(current)
    }

    /// The number of workdays in the half-open interval `(start, end]`: `start` is not
    /// counted, `end` is. Zero when `start == end`.
    ///
    /// This is the inverse of [`add_workdays`](Self::add_workdays):
    /// `workdays_between(d, add_workdays(d, n)?)? == n`.
    ///
    /// # Errors
    /// [`WorkdayError::OutOfRange`] when either date is outside the calendar's range and
    /// [`WorkdayError::InvertedRange`] when `start` is after `end`.
    pub fn workdays_between(&self, start: NaiveDate, end: NaiveDate) -> Result<u32, WorkdayError> {
        check_date(start)?;
        check_date(end)?;
        if start > end {
            return Err(WorkdayError::InvertedRange { start, end });
        }
        let weekdays = weekdays_up_to(end) - weekdays_up_to(start);
        let mut holidays: i64 = 0;
        for year in start.year()..=end.year() {
            holidays += weekday_holidays_of_year(year)
                .into_iter()
                .filter(|day| start < *day && *day <= end)
                .count() as i64;
        }
        // Every counted holiday is a weekday in (start, end], so the difference is at least 0,
        // and the range holds fewer than 80 000 days, so it fits in a u32.
        Ok(u32::try_from(weekdays - holidays).unwrap_or(0))
    }
}

/// A day named in Law 150/1930 §5 or one of the church holidays that always fall on a weekend.
///
/// The names are those of the Finnish calendar: [`finnish_name`](Self::finnish_name),
/// [`swedish_name`](Self::swedish_name) and [`english_name`](Self::english_name) (also the
/// [`Display`](fmt::Display) form).
///
/// ```
/// use sote_certs::workdays::Holiday;
///
/// assert_eq!(Holiday::AscensionDay.finnish_name(), "helatorstai");
/// assert_eq!(Holiday::AscensionDay.to_string(), "Ascension Day");
/// assert!(Holiday::AscensionDay.is_workday_exception());
/// assert!(!Holiday::MidsummerDay.is_workday_exception());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Holiday {
    /// New Year's Day, 1 January (*uudenvuodenpäivä*).
    NewYearsDay,
    /// Epiphany, 6 January (*loppiainen*).
    Epiphany,
    /// Good Friday, Easter − 2 (*pitkäperjantai*).
    GoodFriday,
    /// Easter Sunday (*pääsiäispäivä*); always a Sunday.
    EasterSunday,
    /// Easter Monday, Easter + 1 (*toinen pääsiäispäivä*).
    EasterMonday,
    /// May Day, 1 May (*vappu*).
    MayDay,
    /// Ascension Day, Easter + 39, a Thursday (*helatorstai*).
    AscensionDay,
    /// Whit Sunday, Easter + 49 (*helluntaipäivä*); always a Sunday.
    WhitSunday,
    /// Midsummer Eve, the Friday from 19 to 25 June (*juhannusaatto*).
    MidsummerEve,
    /// Midsummer Day, the Saturday from 20 to 26 June (*juhannuspäivä*); always a Saturday.
    MidsummerDay,
    /// All Saints' Day, the Saturday from 31 October to 6 November (*pyhäinpäivä*); always a
    /// Saturday.
    AllSaintsDay,
    /// Independence Day, 6 December (*itsenäisyyspäivä*).
    IndependenceDay,
    /// Christmas Eve, 24 December (*jouluaatto*).
    ChristmasEve,
    /// Christmas Day, 25 December (*joulupäivä*).
    ChristmasDay,
    /// Boxing Day (St Stephen's Day), 26 December (*tapaninpäivä*).
    BoxingDay,
}

impl Holiday {
    /// Every holiday, in calendar order.
    pub const ALL: [Holiday; 15] = [
        Holiday::NewYearsDay,
        Holiday::Epiphany,
        Holiday::GoodFriday,
        Holiday::EasterSunday,
        Holiday::EasterMonday,
        Holiday::MayDay,
        Holiday::AscensionDay,
        Holiday::WhitSunday,
        Holiday::MidsummerEve,
        Holiday::MidsummerDay,
        Holiday::AllSaintsDay,
        Holiday::IndependenceDay,
        Holiday::ChristmasEve,
        Holiday::ChristmasDay,
        Holiday::BoxingDay,
    ];

    /// Whether Law 150/1930 §5 makes this day a non-workday when it falls on a Monday to
    /// Friday. False for the four holidays that always fall on a weekend.
    pub const fn is_workday_exception(self) -> bool {
        !matches!(
            self,
            Holiday::EasterSunday
                | Holiday::WhitSunday
                | Holiday::MidsummerDay
                | Holiday::AllSaintsDay
        )
    }

    /// The Finnish name, as written in running text (lowercase).
    pub const fn finnish_name(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "uudenvuodenpäivä",
            Holiday::Epiphany => "loppiainen",
            Holiday::GoodFriday => "pitkäperjantai",
            Holiday::EasterSunday => "pääsiäispäivä",
            Holiday::EasterMonday => "toinen pääsiäispäivä",
            Holiday::MayDay => "vappu",
            Holiday::AscensionDay => "helatorstai",
            Holiday::WhitSunday => "helluntaipäivä",
            Holiday::MidsummerEve => "juhannusaatto",
            Holiday::MidsummerDay => "juhannuspäivä",
            Holiday::AllSaintsDay => "pyhäinpäivä",
            Holiday::IndependenceDay => "itsenäisyyspäivä",
            Holiday::ChristmasEve => "jouluaatto",
            Holiday::ChristmasDay => "joulupäivä",
            Holiday::BoxingDay => "tapaninpäivä",
        }
    }

    /// The Swedish name, as written in running text (Finland is bilingual).
    pub const fn swedish_name(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "nyårsdagen",
            Holiday::Epiphany => "trettondagen",
            Holiday::GoodFriday => "långfredagen",
            Holiday::EasterSunday => "påskdagen",
            Holiday::EasterMonday => "annandag påsk",
            Holiday::MayDay => "första maj",
            Holiday::AscensionDay => "Kristi himmelfärds dag",
            Holiday::WhitSunday => "pingstdagen",
            Holiday::MidsummerEve => "midsommaraftonen",
            Holiday::MidsummerDay => "midsommardagen",
            Holiday::AllSaintsDay => "alla helgons dag",
            Holiday::IndependenceDay => "självständighetsdagen",
            Holiday::ChristmasEve => "julaftonen",
            Holiday::ChristmasDay => "juldagen",
            Holiday::BoxingDay => "annandag jul",
        }
    }

    /// The English name.
    pub const fn english_name(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "New Year's Day",
            Holiday::Epiphany => "Epiphany",
            Holiday::GoodFriday => "Good Friday",
            Holiday::EasterSunday => "Easter Sunday",
            Holiday::EasterMonday => "Easter Monday",
            Holiday::MayDay => "May Day",
            Holiday::AscensionDay => "Ascension Day",
            Holiday::WhitSunday => "Whit Sunday",
            Holiday::MidsummerEve => "Midsummer Eve",
            Holiday::MidsummerDay => "Midsummer Day",
            Holiday::AllSaintsDay => "All Saints' Day",
            Holiday::IndependenceDay => "Independence Day",
            Holiday::ChristmasEve => "Christmas Eve",
            Holiday::ChristmasDay => "Christmas Day",
            Holiday::BoxingDay => "Boxing Day",
        }
    }
}

impl fmt::Display for Holiday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.english_name())
    }
}

/// Why a workday computation failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WorkdayError {
    /// The date is outside the range the calendar covers.
    #[error("date {date} is outside the workday calendar's range {first} to {last}")]
    OutOfRange {
        /// The date asked about.
        date: NaiveDate,
        /// [`FinnishCalendar::FIRST_DATE`].
        first: NaiveDate,
        /// [`FinnishCalendar::LAST_DATE`].
        last: NaiveDate,
    },
    /// The year is outside the range the calendar covers.
    #[error("year {year} is outside the workday calendar's range {first} to {last}")]
    YearOutOfRange {
        /// The year asked about.
        year: i32,
        /// [`FinnishCalendar::FIRST_YEAR`].
        first: i32,
        /// [`FinnishCalendar::LAST_YEAR`].
        last: i32,
    },
    /// Moving forward from `date` would pass the calendar's last date.
    #[error("{workdays} workdays after {date} is past the workday calendar's last date {last}")]
    AfterLastDate {
        /// The date counted from.
        date: NaiveDate,
        /// The number of workdays asked for (0 when looking for the next workday).
        workdays: u32,
        /// [`FinnishCalendar::LAST_DATE`].
        last: NaiveDate,
    },
    /// Moving back from `date` would pass the calendar's first date.
    #[error(
        "{workdays} workdays before {date} is before the workday calendar's first date {first}"
    )]
    BeforeFirstDate {
        /// The date counted from.
        date: NaiveDate,
        /// The number of workdays asked for (0 when looking for the previous workday).
        workdays: u32,
        /// [`FinnishCalendar::FIRST_DATE`].
        first: NaiveDate,
    },
    /// The start of a counted interval is after its end.
    #[error("start {start} is after end {end}")]
    InvertedRange {
        /// The start of the interval.
        start: NaiveDate,
        /// The end of the interval.
        end: NaiveDate,
    },
}

fn check_date(date: NaiveDate) -> Result<(), WorkdayError> {
    if (FinnishCalendar::FIRST_DATE..=FinnishCalendar::LAST_DATE).contains(&date) {
        Ok(())
    } else {
        Err(WorkdayError::OutOfRange {
            date,
            first: FinnishCalendar::FIRST_DATE,
            last: FinnishCalendar::LAST_DATE,
        })
    }
}

fn check_year(year: i32) -> Result<(), WorkdayError> {
    if (FinnishCalendar::FIRST_YEAR..=FinnishCalendar::LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(WorkdayError::YearOutOfRange {
            year,
            first: FinnishCalendar::FIRST_YEAR,
            last: FinnishCalendar::LAST_YEAR,
        })
    }
}

/// The next day, if it is still within the calendar's range.
fn next_in_range(date: NaiveDate) -> Option<NaiveDate> {
    date.succ_opt()
        .filter(|next| *next <= FinnishCalendar::LAST_DATE)
}

/// The previous day, if it is still within the calendar's range.
fn previous_in_range(date: NaiveDate) -> Option<NaiveDate> {
    date.pred_opt()
        .filter(|previous| *previous >= FinnishCalendar::FIRST_DATE)
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Whether `date` is a workday; `date` must be within the calendar's range.
fn is_workday_unchecked(date: NaiveDate) -> bool {
    !is_weekend(date) && !holiday_unchecked(date).is_some_and(Holiday::is_workday_exception)
}

/// Easter Sunday of `year` by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The holiday on `date`, preferring the fixed-date one when two coincide.
fn holiday_unchecked(date: NaiveDate) -> Option<Holiday> {
    let fixed = match (date.month(), date.day()) {
        (1, 1) => Some(Holiday::NewYearsDay),
        (1, 6) => Some(Holiday::Epiphany),
        (5, 1) => Some(Holiday::MayDay),
        (6, 19..=25) if date.weekday() == Weekday::Fri => Some(Holiday::MidsummerEve),
        (6, 20..=26) if date.weekday() == Weekday::Sat => Some(Holiday::MidsummerDay),
        (10, 31) | (11, 1..=6) if date.weekday() == Weekday::Sat => Some(Holiday::AllSaintsDay),
        (12, 6) => Some(Holiday::IndependenceDay),
        (12, 24) => Some(Holiday::ChristmasEve),
        (12, 25) => Some(Holiday::ChristmasDay),
        (12, 26) => Some(Holiday::BoxingDay),
        _ => None,
    };
    fixed.or_else(|| {
        let easter = easter_sunday(date.year())?;
        match date.signed_duration_since(easter).num_days() {
            -2 => Some(Holiday::GoodFriday),
            0 => Some(Holiday::EasterSunday),
            1 => Some(Holiday::EasterMonday),
            39 => Some(Holiday::AscensionDay),
            49 => Some(Holiday::WhitSunday),
            _ => None,
        }
    })
}

/// Every holiday of `year`, in date order.
fn holidays_of_year(year: i32) -> Vec<(NaiveDate, Holiday)> {
    let mut holidays = Vec::with_capacity(Holiday::ALL.len());
    let mut push = |date: Option<NaiveDate>, holiday: Holiday| {
        if let Some(date) = date {
            holidays.push((date, holiday));
        }
    };
    let ymd = |month: u32, day: u32| NaiveDate::from_ymd_opt(year, month, day);
    let first_on = |month: u32, day: u32, weekday: Weekday| {
        let start = ymd(month, day)?;
        // The weekday is at most six days after `start`.
        let offset =
            (7 + weekday.num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
        start.checked_add_days(Days::new(u64::from(offset)))
    };
    let easter = easter_sunday(year);
    let from_easter = |days: i64| {
        let easter = easter?;
        if days < 0 {
            easter.checked_sub_days(Days::new(days.unsigned_abs()))
        } else {
            easter.checked_add_days(Days::new(days.unsigned_abs()))
        }
    };
    push(ymd(1, 1), Holiday::NewYearsDay);
    push(ymd(1, 6), Holiday::Epiphany);
    push(from_easter(-2), Holiday::GoodFriday);
    push(from_easter(0), Holiday::EasterSunday);
    push(from_easter(1), Holiday::EasterMonday);
    push(ymd(5, 1), Holiday::MayDay);
    push(from_easter(39), Holiday::AscensionDay);
    push(from_easter(49), Holiday::WhitSunday);
    push(first_on(6, 19, Weekday::Fri), Holiday::MidsummerEve);
    push(first_on(6, 20, Weekday::Sat), Holiday::MidsummerDay);
    push(first_on(10, 31, Weekday::Sat), Holiday::AllSaintsDay);
    push(ymd(12, 6), Holiday::IndependenceDay);
    push(ymd(12, 24), Holiday::ChristmasEve);
    push(ymd(12, 25), Holiday::ChristmasDay);
    push(ymd(12, 26), Holiday::BoxingDay);
    holidays.sort();
    holidays
}

/// Every Monday to Friday of `year` that is not a workday, in date order, each once.
fn weekday_holidays_of_year(year: i32) -> Vec<NaiveDate> {
    let mut dates: Vec<NaiveDate> = holidays_of_year(year)
        .into_iter()
        .filter(|(date, holiday)| holiday.is_workday_exception() && !is_weekend(*date))
        .map(|(date, _)| date)
        .collect();
    dates.dedup();
    dates
}

/// Monday 1990-12-31, the day before the calendar's first date.
const MONDAY_BEFORE_RANGE: NaiveDate = match NaiveDate::from_ymd_opt(1990, 12, 31) {
    Some(date) => date,
    // Unreachable: 1990-12-31 is a valid date, and this is evaluated at compile time.
    None => NaiveDate::MIN,
};

/// The number of Mondays to Fridays from Monday 1990-12-31 to `date` inclusive (0 before it).
fn weekdays_up_to(date: NaiveDate) -> i64 {
    let days = date.signed_duration_since(MONDAY_BEFORE_RANGE).num_days() + 1;
    if days <= 0 {
        return 0;
    }
    days / 7 * 5 + (days % 7).min(5)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn easter_matches_known_dates() {
        assert_eq!(easter_sunday(1991), Some(date(1991, 3, 31)));
        assert_eq!(easter_sunday(2000), Some(date(2000, 4, 23)));
        assert_eq!(easter_sunday(2024), Some(date(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Some(date(2025, 4, 20)));
        assert_eq!(easter_sunday(2038), Some(date(2038, 4, 25)));
        assert_eq!(easter_sunday(2160), Some(date(2160, 3, 23)));
    }

    #[test]
    fn day_before_first_date_is_a_monday() {
        assert_eq!(MONDAY_BEFORE_RANGE.weekday(), Weekday::Mon);
        assert_eq!(
            MONDAY_BEFORE_RANGE.succ_opt(),
            Some(FinnishCalendar::FIRST_DATE)
        );
    }

    #[test]
    fn weekday_count_agrees_with_day_by_day_count() {
        let mut current = MONDAY_BEFORE_RANGE;
        let mut count = 0;
        while current < date(1993, 3, 1) {
            if !is_weekend(current) {
                count += 1;
            }
            assert_eq!(weekdays_up_to(current), count, "{current}");
            current = current.succ_opt().unwrap();
        }
    }

    #[test]
    fn holiday_and_year_list_agree_over_the_whole_range() {
        for year in FinnishCalendar::FIRST_YEAR..=FinnishCalendar::LAST_YEAR {
            let listed = holidays_of_year(year);
            assert_eq!(listed.len(), Holiday::ALL.len());
            for (day, holiday) in listed {
                let found = holiday_unchecked(day);
                assert!(
                    found == Some(holiday)
                        || (day.month() == 5 && day.day() == 1 && found == Some(Holiday::MayDay)),
                    "{day}: {holiday:?} listed, {found:?} found"
                );
                if !holiday.is_workday_exception() {
                    assert!(is_weekend(day), "{day} {holiday:?} should be on a weekend");
                }
            }
        }
    }
}
