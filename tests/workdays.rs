//! Finnish workdays (Law 150/1930 §5) through the public API.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use proptest::prelude::*;
use sote_certs::workdays::{FinnishCalendar, Holiday, WorkdayError};

const CALENDAR: FinnishCalendar = FinnishCalendar::new();

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn dates(texts: &[&str]) -> Vec<NaiveDate> {
    texts.iter().map(|text| date(text)).collect()
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

// Published calendars (the University of Helsinki almanac office's "Suomen almanakka",
// as printed in Finnish calendars): every Monday–Friday that is not a workday.

#[test]
fn weekday_holidays_of_2024_match_the_published_calendar() {
    let expected = dates(&[
        "2024-01-01", // New Year's Day (Epiphany is a Saturday)
        "2024-03-29", // Good Friday
        "2024-04-01", // Easter Monday
        "2024-05-01", // May Day
        "2024-05-09", // Ascension Day
        "2024-06-21", // Midsummer Eve
        "2024-12-06", // Independence Day
        "2024-12-24",
        "2024-12-25",
        "2024-12-26",
    ]);
    assert_eq!(CALENDAR.holidays_on_weekdays(2024).unwrap(), expected);
}

#[test]
fn weekday_holidays_of_2025_match_the_published_calendar() {
    let expected = dates(&[
        "2025-01-01",
        "2025-01-06",
        "2025-04-18", // Good Friday
        "2025-04-21", // Easter Monday
        "2025-05-01",
        "2025-05-29", // Ascension Day
        "2025-06-20", // Midsummer Eve
        "2025-12-24", // Independence Day is a Saturday
        "2025-12-25",
        "2025-12-26",
    ]);
    assert_eq!(CALENDAR.holidays_on_weekdays(2025).unwrap(), expected);
}

#[test]
fn weekday_holidays_of_2026_match_the_published_calendar() {
    let expected = dates(&[
        "2026-01-01",
        "2026-01-06",
        "2026-04-03", // Good Friday
        "2026-04-06", // Easter Monday
        "2026-05-01",
        "2026-05-14", // Ascension Day
        "2026-06-19", // Midsummer Eve
        "2026-12-24", // Independence Day is a Sunday, Boxing Day a Saturday
        "2026-12-25",
    ]);
    assert_eq!(CALENDAR.holidays_on_weekdays(2026).unwrap(), expected);
}

#[test]
fn weekday_holidays_of_2027_match_the_published_calendar() {
    let expected = dates(&[
        "2027-01-01",
        "2027-01-06",
        "2027-03-26", // Good Friday
        "2027-03-29", // Easter Monday
        "2027-05-06", // Ascension Day (May Day is a Saturday)
        "2027-06-25", // Midsummer Eve
        "2027-12-06",
        "2027-12-24", // Christmas Day and Boxing Day fall on the weekend
    ]);
    assert_eq!(CALENDAR.holidays_on_weekdays(2027).unwrap(), expected);
}

#[test]
fn easter_dependent_holidays_are_named_on_their_published_dates() {
    let cases = [
        ("2024-03-29", Holiday::GoodFriday),
        ("2024-03-31", Holiday::EasterSunday),
        ("2024-04-01", Holiday::EasterMonday),
        ("2024-05-09", Holiday::AscensionDay),
        ("2024-05-19", Holiday::WhitSunday),
        ("2025-04-18", Holiday::GoodFriday),
        ("2025-04-20", Holiday::EasterSunday),
        ("2025-04-21", Holiday::EasterMonday),
        ("2025-05-29", Holiday::AscensionDay),
        ("2025-06-08", Holiday::WhitSunday),
        ("2026-04-03", Holiday::GoodFriday),
        ("2026-04-05", Holiday::EasterSunday),
        ("2026-04-06", Holiday::EasterMonday),
        ("2026-05-14", Holiday::AscensionDay),
        ("2026-05-24", Holiday::WhitSunday),
        ("2027-03-26", Holiday::GoodFriday),
        ("2027-03-28", Holiday::EasterSunday),
        ("2027-03-29", Holiday::EasterMonday),
        ("2027-05-06", Holiday::AscensionDay),
        ("2027-05-16", Holiday::WhitSunday),
    ];
    for (text, holiday) in cases {
        assert_eq!(
            CALENDAR.holiday(date(text)).unwrap(),
            Some(holiday),
            "{text}"
        );
    }
}

#[test]
fn midsummer_and_all_saints_fall_on_their_published_dates() {
    let cases = [
        ("2024-06-21", Holiday::MidsummerEve),
        ("2024-06-22", Holiday::MidsummerDay),
        ("2024-11-02", Holiday::AllSaintsDay),
        ("2025-06-20", Holiday::MidsummerEve),
        ("2025-06-21", Holiday::MidsummerDay),
        ("2025-11-01", Holiday::AllSaintsDay),
        ("2026-06-19", Holiday::MidsummerEve),
        ("2026-06-20", Holiday::MidsummerDay),
        ("2026-10-31", Holiday::AllSaintsDay),
        ("2027-06-25", Holiday::MidsummerEve),
        ("2027-06-26", Holiday::MidsummerDay),
        ("2027-11-06", Holiday::AllSaintsDay),
    ];
    for (text, holiday) in cases {
        assert_eq!(
            CALENDAR.holiday(date(text)).unwrap(),
            Some(holiday),
            "{text}"
        );
    }
}

#[test]
fn holidays_in_2025_lists_all_fifteen_days_in_date_order() {
    let listed = CALENDAR.holidays_in(2025).unwrap();
    let expected: Vec<(NaiveDate, Holiday)> = [
        ("2025-01-01", Holiday::NewYearsDay),
        ("2025-01-06", Holiday::Epiphany),
        ("2025-04-18", Holiday::GoodFriday),
        ("2025-04-20", Holiday::EasterSunday),
        ("2025-04-21", Holiday::EasterMonday),
        ("2025-05-01", Holiday::MayDay),
        ("2025-05-29", Holiday::AscensionDay),
        ("2025-06-08", Holiday::WhitSunday),
        ("2025-06-20", Holiday::MidsummerEve),
        ("2025-06-21", Holiday::MidsummerDay),
        ("2025-11-01", Holiday::AllSaintsDay),
        ("2025-12-06", Holiday::IndependenceDay),
        ("2025-12-24", Holiday::ChristmasEve),
        ("2025-12-25", Holiday::ChristmasDay),
        ("2025-12-26", Holiday::BoxingDay),
    ]
    .into_iter()
    .map(|(text, holiday)| (date(text), holiday))
    .collect();
    assert_eq!(listed, expected);
}

#[test]
fn midsummer_eve_is_the_friday_from_19_to_25_june_every_year() {
    for year in FinnishCalendar::FIRST_YEAR..=FinnishCalendar::LAST_YEAR {
        let eves: Vec<NaiveDate> = CALENDAR
            .holidays_in(year)
            .unwrap()
            .into_iter()
            .filter(|(_, holiday)| *holiday == Holiday::MidsummerEve)
            .map(|(day, _)| day)
            .collect();
        assert_eq!(eves.len(), 1, "{year}");
        let eve = eves[0];
        assert_eq!(eve.weekday(), Weekday::Fri, "{year}");
        assert_eq!(eve.month(), 6, "{year}");
        assert!((19..=25).contains(&eve.day()), "{year}");
    }
}

#[test]
fn may_day_wins_when_ascension_day_falls_on_it_in_2160() {
    let day = date("2160-05-01");
    assert_eq!(CALENDAR.holiday(day).unwrap(), Some(Holiday::MayDay));
    let on_that_day: Vec<Holiday> = CALENDAR
        .holidays_in(2160)
        .unwrap()
        .into_iter()
        .filter(|(listed, _)| *listed == day)
        .map(|(_, holiday)| holiday)
        .collect();
    assert_eq!(on_that_day, [Holiday::MayDay, Holiday::AscensionDay]);
    let weekday_holidays = CALENDAR.holidays_on_weekdays(2160).unwrap();
    assert_eq!(
        weekday_holidays
            .iter()
            .filter(|listed| **listed == day)
            .count(),
        1
    );
}

#[test]
fn holidays_on_weekdays_lists_exactly_the_non_workday_weekdays_of_every_year() {
    for year in FinnishCalendar::FIRST_YEAR..=FinnishCalendar::LAST_YEAR {
        let mut expected = Vec::new();
        let mut day = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        while day.year() == year {
            if !is_weekend(day) && !CALENDAR.is_workday(day).unwrap() {
                expected.push(day);
            }
            day = day.succ_opt().unwrap();
        }
        assert_eq!(
            CALENDAR.holidays_on_weekdays(year).unwrap(),
            expected,
            "{year}"
        );
    }
}

#[test]
fn holiday_names_are_given_in_finnish_swedish_and_english() {
    assert_eq!(Holiday::MidsummerEve.finnish_name(), "juhannusaatto");
    assert_eq!(Holiday::MidsummerEve.swedish_name(), "midsommaraftonen");
    assert_eq!(Holiday::MidsummerEve.english_name(), "Midsummer Eve");
    assert_eq!(Holiday::BoxingDay.to_string(), "Boxing Day");
    assert_eq!(Holiday::BoxingDay.finnish_name(), "tapaninpäivä");
}

#[test]
fn only_the_four_weekend_holidays_are_not_workday_exceptions() {
    let not_exceptions: Vec<Holiday> = Holiday::ALL
        .into_iter()
        .filter(|holiday| !holiday.is_workday_exception())
        .collect();
    assert_eq!(
        not_exceptions,
        [
            Holiday::EasterSunday,
            Holiday::WhitSunday,
            Holiday::MidsummerDay,
            Holiday::AllSaintsDay
        ]
    );
}

#[test]
fn delivery_within_five_workdays_skips_midsummer_eve_and_the_weekend() {
    let completed = date("2025-06-19");
    let due = CALENDAR.add_workdays(completed, 5).unwrap();
    assert_eq!(due, date("2025-06-27"));
    assert_eq!(CALENDAR.workdays_between(completed, due).unwrap(), 5);
}

#[test]
fn one_workday_after_the_friday_before_christmas_2024_is_the_27th() {
    assert_eq!(
        CALENDAR.add_workdays(date("2024-12-20"), 1).unwrap(),
        date("2024-12-23")
    );
    assert_eq!(
        CALENDAR.add_workdays(date("2024-12-23"), 1).unwrap(),
        date("2024-12-27")
    );
}

#[test]
fn adding_zero_workdays_returns_the_date_itself_even_on_a_weekend() {
    let saturday = date("2025-06-21");
    assert_eq!(CALENDAR.add_workdays(saturday, 0).unwrap(), saturday);
    assert_eq!(CALENDAR.subtract_workdays(saturday, 0).unwrap(), saturday);
}

#[test]
fn subtracting_workdays_counts_only_days_strictly_before() {
    // Tuesday after Easter 2026: Easter Monday and Good Friday are skipped.
    assert_eq!(
        CALENDAR.subtract_workdays(date("2026-04-07"), 1).unwrap(),
        date("2026-04-02")
    );
    // From a Saturday, the first workday before is the Friday.
    assert_eq!(
        CALENDAR.subtract_workdays(date("2025-06-28"), 1).unwrap(),
        date("2025-06-27")
    );
}

#[test]
fn previous_and_next_workday_step_over_christmas_2026() {
    assert_eq!(
        CALENDAR
            .previous_workday_on_or_before(date("2026-12-27"))
            .unwrap(),
        date("2026-12-23")
    );
    assert_eq!(
        CALENDAR
            .next_workday_on_or_after(date("2026-12-24"))
            .unwrap(),
        date("2026-12-28")
    );
    let workday = date("2026-12-23");
    assert_eq!(
        CALENDAR.previous_workday_on_or_before(workday).unwrap(),
        workday
    );
    assert_eq!(CALENDAR.next_workday_on_or_after(workday).unwrap(), workday);
}

#[test]
fn workdays_between_a_date_and_itself_is_zero() {
    let day = date("2025-03-12");
    assert_eq!(CALENDAR.workdays_between(day, day).unwrap(), 0);
}

#[test]
fn workdays_between_counts_the_end_but_not_the_start() {
    // Monday to Friday of an ordinary week: Tuesday..=Friday.
    assert_eq!(
        CALENDAR
            .workdays_between(date("2025-03-10"), date("2025-03-14"))
            .unwrap(),
        4
    );
    // A whole year from New Year's Eve: 2025 has 261 weekdays and 10 weekday holidays.
    assert_eq!(
        CALENDAR
            .workdays_between(date("2024-12-31"), date("2025-12-31"))
            .unwrap(),
        251
    );
}

#[test]
fn workdays_between_rejects_an_inverted_range() {
    let error = CALENDAR
        .workdays_between(date("2025-03-14"), date("2025-03-10"))
        .unwrap_err();
    assert_eq!(
        error,
        WorkdayError::InvertedRange {
            start: date("2025-03-14"),
            end: date("2025-03-10")
        }
    );
    assert_eq!(
        error.to_string(),
        "start 2025-03-14 is after end 2025-03-10"
    );
}

// Range boundaries: 1991-01-01 ..= 2199-12-31.

#[test]
fn first_date_of_the_range_is_accepted() {
    assert_eq!(FinnishCalendar::FIRST_DATE, date("1991-01-01"));
    assert!(!CALENDAR.is_workday(date("1991-01-01")).unwrap());
    assert_eq!(
        CALENDAR.holiday(date("1991-01-01")).unwrap(),
        Some(Holiday::NewYearsDay)
    );
    assert!(CALENDAR.is_workday(date("1991-01-02")).unwrap());
}

#[test]
fn day_before_the_range_is_rejected_with_the_date_and_range() {
    let error = CALENDAR.is_workday(date("1990-12-31")).unwrap_err();
    assert_eq!(
        error,
        WorkdayError::OutOfRange {
            date: date("1990-12-31"),
            first: date("1991-01-01"),
            last: date("2199-12-31"),
        }
    );
    assert_eq!(
        error.to_string(),
        "date 1990-12-31 is outside the workday calendar's range 1991-01-01 to 2199-12-31"
    );
    assert!(CALENDAR.holiday(date("1990-12-31")).is_err());
    assert!(CALENDAR.add_workdays(date("1990-12-31"), 0).is_err());
}

#[test]
fn last_date_of_the_range_is_accepted() {
    assert_eq!(FinnishCalendar::LAST_DATE, date("2199-12-31"));
    // 2199-12-31 is a Tuesday.
    assert!(CALENDAR.is_workday(date("2199-12-31")).unwrap());
    assert_eq!(
        CALENDAR.add_workdays(date("2199-12-30"), 1).unwrap(),
        date("2199-12-31")
    );
}

#[test]
fn day_after_the_range_is_rejected() {
    let error = CALENDAR.is_workday(date("2200-01-01")).unwrap_err();
    assert!(matches!(error, WorkdayError::OutOfRange { .. }));
    assert!(
        CALENDAR
            .workdays_between(date("2199-12-01"), date("2200-01-01"))
            .is_err()
    );
}

#[test]
fn years_outside_the_range_are_rejected_with_the_year() {
    assert!(CALENDAR.holidays_on_weekdays(1991).is_ok());
    assert!(CALENDAR.holidays_on_weekdays(2199).is_ok());
    let error = CALENDAR.holidays_on_weekdays(1990).unwrap_err();
    assert_eq!(
        error.to_string(),
        "year 1990 is outside the workday calendar's range 1991 to 2199"
    );
    assert!(matches!(
        CALENDAR.holidays_in(2200),
        Err(WorkdayError::YearOutOfRange { year: 2200, .. })
    ));
}

#[test]
fn adding_past_the_last_date_is_an_error() {
    let error = CALENDAR.add_workdays(date("2199-12-30"), 2).unwrap_err();
    assert_eq!(
        error,
        WorkdayError::AfterLastDate {
            date: date("2199-12-30"),
            workdays: 2,
            last: date("2199-12-31"),
        }
    );
    assert_eq!(
        error.to_string(),
        "2 workdays after 2199-12-30 is past the workday calendar's last date 2199-12-31"
    );
    assert!(CALENDAR.add_workdays(date("1991-01-02"), u32::MAX).is_err());
}

#[test]
fn subtracting_before_the_first_date_is_an_error() {
    // 1991-01-02 is the first workday of the range.
    assert_eq!(
        CALENDAR.subtract_workdays(date("1991-01-03"), 1).unwrap(),
        date("1991-01-02")
    );
    assert!(matches!(
        CALENDAR.subtract_workdays(date("1991-01-03"), 2),
        Err(WorkdayError::BeforeFirstDate { workdays: 2, .. })
    ));
    assert!(matches!(
        CALENDAR.previous_workday_on_or_before(date("1991-01-01")),
        Err(WorkdayError::BeforeFirstDate { workdays: 0, .. })
    ));
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    let span = FinnishCalendar::LAST_DATE
        .signed_duration_since(FinnishCalendar::FIRST_DATE)
        .num_days() as u64;
    (0..=span).prop_map(|offset| {
        FinnishCalendar::FIRST_DATE
            .checked_add_days(Days::new(offset))
            .unwrap()
    })
}

/// A date leaving room for a few thousand workdays on either side.
fn inner_date() -> impl Strategy<Value = NaiveDate> {
    any_date().prop_filter("room on both sides", |day| {
        (2005..=2185).contains(&day.year())
    })
}

proptest! {
    #[test]
    fn adding_then_counting_gives_n_back(start in inner_date(), n in 0u32..2_500) {
        let end = CALENDAR.add_workdays(start, n).unwrap();
        prop_assert_eq!(CALENDAR.workdays_between(start, end).unwrap(), n);
    }

    #[test]
    fn added_and_subtracted_dates_are_never_weekends_or_holidays(
        start in inner_date(),
        n in 1u32..2_500,
    ) {
        for result in [
            CALENDAR.add_workdays(start, n).unwrap(),
            CALENDAR.subtract_workdays(start, n).unwrap(),
        ] {
            prop_assert!(!is_weekend(result), "{} is on a weekend", result);
            let holiday = CALENDAR.holiday(result).unwrap();
            prop_assert!(
                !holiday.is_some_and(Holiday::is_workday_exception),
                "{} is {:?}", result, holiday
            );
            prop_assert!(CALENDAR.is_workday(result).unwrap());
        }
    }

    #[test]
    fn subtracting_then_adding_returns_to_a_workday(start in inner_date(), n in 0u32..2_500) {
        let workday = CALENDAR.next_workday_on_or_after(start).unwrap();
        let earlier = CALENDAR.subtract_workdays(workday, n).unwrap();
        prop_assert_eq!(CALENDAR.add_workdays(earlier, n).unwrap(), workday);
        prop_assert_eq!(CALENDAR.workdays_between(earlier, workday).unwrap(), n);
    }

    #[test]
    fn is_workday_agrees_with_weekday_and_holiday(day in any_date()) {
        let holiday = CALENDAR.holiday(day).unwrap();
        let expected = !is_weekend(day) && !holiday.is_some_and(Holiday::is_workday_exception);
        prop_assert_eq!(CALENDAR.is_workday(day).unwrap(), expected);
        if let Some(holiday) = holiday {
            prop_assert!(holiday.is_workday_exception() || is_weekend(day));
        }
    }

    #[test]
    fn workdays_between_agrees_with_counting_day_by_day(start in inner_date(), len in 0u64..800) {
        let end = start.checked_add_days(Days::new(len)).unwrap();
        let mut count = 0;
        let mut day = start;
        while day < end {
            day = day.succ_opt().unwrap();
            if CALENDAR.is_workday(day).unwrap() {
                count += 1;
            }
        }
        prop_assert_eq!(CALENDAR.workdays_between(start, end).unwrap(), count);
    }

    #[test]
    fn previous_and_next_workday_are_the_nearest_workdays(day in inner_date()) {
        let previous = CALENDAR.previous_workday_on_or_before(day).unwrap();
        let next = CALENDAR.next_workday_on_or_after(day).unwrap();
        prop_assert!(previous <= day && day <= next);
        prop_assert!(CALENDAR.is_workday(previous).unwrap());
        prop_assert!(CALENDAR.is_workday(next).unwrap());
        prop_assert_eq!(CALENDAR.workdays_between(previous, day).unwrap(), 0);
        let before_next = next.pred_opt().unwrap();
        prop_assert!(before_next < day || CALENDAR.workdays_between(day, before_next).unwrap() == 0);
    }
}
