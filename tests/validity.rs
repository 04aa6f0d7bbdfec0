//! DVV's validity rule: calendar years in Europe/Helsinki, notAfter inclusive.

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use common::utc;
use sote_certs::validity::{Status, Validity, ValidityError, helsinki_date, latest_not_after};

fn within(not_before: DateTime<Utc>, not_after: DateTime<Utc>, years: u32) -> bool {
    Validity::new(not_before, not_after)
        .unwrap()
        .within_years(years)
}

#[test]
fn winter_limit_ends_at_21_59_59_utc_inclusive() {
    let start = utc(2021, 12, 20, 12, 0, 0);
    assert!(within(start, utc(2023, 12, 20, 21, 59, 59), 2));
    assert!(!within(start, utc(2023, 12, 20, 22, 0, 0), 2));
}

#[test]
fn summer_limit_ends_at_20_59_59_utc_inclusive() {
    let start = utc(2022, 6, 22, 8, 0, 0);
    assert!(within(start, utc(2024, 6, 22, 20, 59, 59), 2));
    assert!(!within(start, utc(2024, 6, 22, 21, 0, 0), 2));
}

#[test]
fn leap_day_start_plus_one_year_ends_on_28_february() {
    let start = utc(2024, 2, 29, 10, 0, 0);
    assert!(within(start, utc(2025, 2, 28, 21, 59, 59), 1));
    assert!(!within(start, utc(2025, 2, 28, 22, 0, 0), 1));
}

#[test]
fn real_lengths_that_a_730_day_rule_rejects_pass() {
    // 731 d 12:59:59 across 29 February 2024 (kela-dcc-dsc-prod-2022-06-22-dvv-g3e).
    let spanning_leap = (utc(2022, 6, 22, 8, 0, 0), utc(2024, 6, 22, 20, 59, 59));
    assert!(spanning_leap.1 - spanning_leap.0 > chrono::Duration::days(731));
    assert!(within(spanning_leap.0, spanning_leap.1, 2));
    // 729 d 09:59:59 (kela-dcc-dsc-prod-2021-12-20-dvv-g3e).
    assert!(within(
        utc(2021, 12, 20, 12, 0, 0),
        utc(2023, 12, 19, 21, 59, 59),
        2
    ));
}

#[test]
fn issue_date_is_the_helsinki_date_of_not_before() {
    // 22:30 UTC on 19 December is 00:30 on 20 December in Helsinki.
    let start = utc(2021, 12, 19, 22, 30, 0);
    assert_eq!(
        helsinki_date(start),
        NaiveDate::from_ymd_opt(2021, 12, 20).unwrap()
    );
    assert!(within(start, utc(2023, 12, 20, 21, 59, 59), 2));
}

#[test]
fn latest_not_after_is_the_last_allowed_second() {
    let validity = Validity::new(utc(2022, 6, 22, 8, 0, 0), utc(2023, 1, 1, 0, 0, 0)).unwrap();
    assert_eq!(
        validity.latest_not_after(2),
        Some(utc(2024, 6, 22, 20, 59, 59))
    );
    let winter = Validity::new(utc(2021, 12, 20, 12, 0, 0), utc(2022, 1, 1, 0, 0, 0)).unwrap();
    assert_eq!(
        winter.latest_not_after(1),
        Some(utc(2022, 12, 20, 21, 59, 59))
    );
}

#[test]
fn inverted_range_is_refused_with_both_ends() {
    let (a, b) = (utc(2024, 1, 2, 0, 0, 0), utc(2024, 1, 1, 0, 0, 0));
    let error = Validity::new(a, b).unwrap_err();
    assert_eq!(
        error,
        ValidityError::InvertedRange {
            not_before: a,
            not_after: b
        }
    );
    assert_eq!(
        error.to_string(),
        "validity is inverted: notBefore 2024-01-02 00:00:00 UTC is after notAfter 2024-01-01 00:00:00 UTC"
    );
}

#[test]
fn status_includes_both_ends() {
    let (start, end) = (utc(2024, 1, 1, 0, 0, 0), utc(2024, 12, 31, 21, 59, 59));
    let validity = Validity::new(start, end).unwrap();
    assert_eq!(
        validity.status_at(start - chrono::Duration::seconds(1)),
        Status::NotYetValid
    );
    assert_eq!(validity.status_at(start), Status::Valid);
    assert_eq!(validity.status_at(end), Status::Valid);
    assert_eq!(
        validity.status_at(end + chrono::Duration::seconds(1)),
        Status::Expired
    );
}

#[test]
fn latest_not_after_is_23_59_59_helsinki_on_the_helsinki_date_years_later() {
    // Summer (UTC+3) and winter (UTC+2).
    assert_eq!(
        latest_not_after(utc(2022, 6, 22, 8, 0, 0), 2),
        Some(utc(2024, 6, 22, 20, 59, 59))
    );
    assert_eq!(
        latest_not_after(utc(2022, 12, 21, 12, 55, 52), 2),
        Some(utc(2024, 12, 21, 21, 59, 59))
    );
    // 22:30Z on 28 February 2024 is already 29 February in Helsinki; a year on is 28 February.
    assert_eq!(
        latest_not_after(utc(2024, 2, 28, 22, 30, 0), 1),
        Some(utc(2025, 2, 28, 21, 59, 59))
    );
    // The method of a period is the same rule, from the period's notBefore.
    let validity = Validity::new(utc(2022, 6, 22, 8, 0, 0), utc(2022, 6, 23, 0, 0, 0)).unwrap();
    assert_eq!(
        validity.latest_not_after(2),
        latest_not_after(validity.not_before(), 2)
    );
    // Out of chrono's range: none, not a substitute.
    assert_eq!(latest_not_after(utc(2024, 1, 1, 0, 0, 0), u32::MAX), None);
    assert_eq!(latest_not_after(utc(2024, 1, 1, 0, 0, 0), 300_000), None);
}

#[test]
fn helsinki_date_of_the_last_instants_is_the_last_date_not_a_panic() {
    use chrono::{DateTime, NaiveDate, Utc};
    use sote_certs::validity::helsinki_date;
    assert_eq!(helsinki_date(DateTime::<Utc>::MAX_UTC), NaiveDate::MAX);
    assert_eq!(
        helsinki_date(DateTime::<Utc>::MIN_UTC),
        DateTime::<Utc>::MIN_UTC.date_naive()
    );
    // Midnight in Helsinki is 22:00 UTC in winter and 21:00 in summer.
    let winter = DateTime::parse_from_rfc3339("2023-12-31T22:00:00Z").unwrap();
    assert_eq!(
        helsinki_date(winter.to_utc()),
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
    );
    let summer = DateTime::parse_from_rfc3339("2023-06-30T20:59:59Z").unwrap();
    assert_eq!(
        helsinki_date(summer.to_utc()),
        NaiveDate::from_ymd_opt(2023, 6, 30).unwrap()
    );
}
