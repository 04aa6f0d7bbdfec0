//! Renewal planning through the public API: last valid day, apply-by date, workdays left.

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::{date, real};
use proptest::prelude::*;
use sote_certs::renewal::{OrderKind, RenewalError, RenewalPolicy};
use sote_certs::workdays::FinnishCalendar;

#[test]
fn the_dvv_policy_is_five_workdays_of_delivery_and_five_of_margin() {
    let policy = RenewalPolicy::dvv();
    assert_eq!(policy, RenewalPolicy::default());
    assert_eq!(policy.delivery_workdays(), 5);
    // One DVV fact: the renewal plan and the application's delivery deadline read the same.
    assert_eq!(
        policy.delivery_workdays(),
        sote_certs::application::DELIVERY_WORKDAYS
    );
    assert_eq!(policy.margin_workdays(), 5);
    assert_eq!(policy.lead_workdays(), 10);
    assert_eq!(policy.with_margin_workdays(0).lead_workdays(), 5);
    assert_eq!(
        policy
            .with_delivery_workdays(u32::MAX)
            .with_margin_workdays(1)
            .lead_workdays(),
        u32::MAX
    );
}

#[test]
fn real_certificates_get_their_helsinki_last_valid_day_and_apply_by_date() {
    // notAfter 2023-12-19T21:59:59Z (23:59:59 Helsinki); Independence Day (Wed 6 Dec) skipped.
    let plan = RenewalPolicy::dvv()
        .plan(&real("kela-dcc-dsc-prod-2021-12-20-dvv-g3e"))
        .unwrap();
    assert_eq!(plan.last_valid_day(), date(2023, 12, 19));
    assert_eq!(plan.apply_by(), date(2023, 12, 4));
    assert_eq!(plan.order_kind(), OrderKind::NewOrder);

    // notAfter 2024-06-22T20:59:59Z: a Saturday; Midsummer Eve is Friday 21 June, so the last
    // workday is Thursday 20 June, and ten workdays before it is Thursday 6 June.
    let plan = RenewalPolicy::dvv()
        .plan(&real("kela-dcc-dsc-prod-2022-06-22-dvv-g3e"))
        .unwrap();
    assert_eq!(plan.last_valid_day(), date(2024, 6, 22));
    assert_eq!(plan.apply_by(), date(2024, 6, 6));
}

#[test]
fn the_margin_moves_the_apply_by_date() {
    let last = date(2026, 3, 31); // a Tuesday, no holiday near
    let policy = RenewalPolicy::dvv();
    assert_eq!(
        policy.plan_for_last_valid_day(last).unwrap().apply_by(),
        date(2026, 3, 17)
    );
    assert_eq!(
        policy
            .with_margin_workdays(0)
            .plan_for_last_valid_day(last)
            .unwrap()
            .apply_by(),
        date(2026, 3, 24)
    );
    assert_eq!(
        policy
            .with_margin_workdays(10)
            .plan_for_last_valid_day(last)
            .unwrap()
            .apply_by(),
        date(2026, 3, 10)
    );
}

#[test]
fn workdays_left_is_zero_on_the_apply_by_date_and_negative_after() {
    let plan = RenewalPolicy::dvv()
        .plan_for_last_valid_day(date(2026, 3, 31))
        .unwrap();
    assert_eq!(plan.apply_by(), date(2026, 3, 17));
    assert_eq!(plan.workdays_left(date(2026, 3, 17)).unwrap(), 0);
    assert_eq!(plan.workdays_left(date(2026, 3, 16)).unwrap(), 1);
    // Friday 13 → Monday 16 and Tuesday 17; the weekend before does not count.
    assert_eq!(plan.workdays_left(date(2026, 3, 13)).unwrap(), 2);
    assert_eq!(plan.workdays_left(date(2026, 3, 14)).unwrap(), 2);
    assert_eq!(plan.workdays_left(date(2026, 3, 18)).unwrap(), -1);
    assert_eq!(plan.workdays_left(date(2026, 3, 22)).unwrap(), -3);
    assert!(!plan.is_late(date(2026, 3, 17)));
    assert!(plan.is_late(date(2026, 3, 18)));
}

#[test]
fn expiry_follows_not_after_to_the_second() {
    let not_after = Utc.with_ymd_and_hms(2026, 3, 31, 20, 59, 59).unwrap();
    let plan = RenewalPolicy::dvv().plan_for_not_after(not_after).unwrap();
    assert_eq!(plan.not_after(), Some(not_after));
    assert_eq!(plan.last_valid_day(), date(2026, 3, 31));
    assert!(!plan.is_expired_at(not_after));
    assert!(plan.is_expired_at(not_after + Duration::seconds(1)));
    assert!(!plan.is_expired_on(date(2026, 3, 31)));
    assert!(plan.is_expired_on(date(2026, 4, 1)));

    let by_date = RenewalPolicy::dvv()
        .plan_for_last_valid_day(date(2026, 3, 31))
        .unwrap();
    assert_eq!(by_date.not_after(), None);
    // 2026-03-31T21:00:00Z is 00:00 on 1 April in Helsinki (UTC+3 from 29 March).
    assert!(!by_date.is_expired_at(Utc.with_ymd_and_hms(2026, 3, 31, 20, 59, 59).unwrap()));
    assert!(by_date.is_expired_at(Utc.with_ymd_and_hms(2026, 3, 31, 21, 0, 0).unwrap()));
}

#[test]
fn plans_outside_the_calendar_are_errors_that_say_why() {
    let error = RenewalPolicy::dvv()
        .plan_for_last_valid_day(date(1991, 1, 10))
        .unwrap_err();
    assert!(matches!(
        error,
        RenewalError::Workdays {
            lead_workdays: 10,
            ..
        }
    ));
    // The cause is in `source()`, not repeated in the message.
    assert_eq!(
        error.to_string(),
        "cannot plan the replacement of a certificate valid until 1991-01-10 with 10 workdays of lead time"
    );
    assert!(std::error::Error::source(&error).is_some());
    let plan = RenewalPolicy::dvv()
        .plan_for_last_valid_day(date(2026, 3, 31))
        .unwrap();
    assert!(plan.workdays_left(date(2200, 1, 1)).is_err());
}

#[test]
fn every_order_is_a_new_order() {
    assert_eq!(OrderKind::NewOrder.as_str(), "new-order");
    assert!(
        OrderKind::NewOrder
            .to_string()
            .contains("DVV does not renew")
    );
}

proptest! {
    /// The apply-by date is a workday; delivery plus margin from it ends on or before the last
    /// valid day; and the next workday would not.
    #[test]
    fn apply_by_is_the_latest_workday_that_still_fits(
        days in 0i64..60_000,
        margin in 0u32..30,
    ) {
        let calendar = FinnishCalendar::new();
        let last = date(1992, 1, 1) + Duration::days(days);
        let policy = RenewalPolicy::dvv().with_margin_workdays(margin);
        let plan = policy.plan_for_last_valid_day(last).unwrap();
        let lead = policy.lead_workdays();
        prop_assert!(calendar.is_workday(plan.apply_by()).unwrap());
        let done = calendar.add_workdays(plan.apply_by(), lead).unwrap();
        prop_assert!(done <= last);
        let next = calendar.next_workday_on_or_after(plan.apply_by() + Duration::days(1)).unwrap();
        if let Ok(too_late) = calendar.add_workdays(next, lead) {
            prop_assert!(too_late > last);
        }
        prop_assert_eq!(plan.workdays_left(plan.apply_by()).unwrap(), 0);
        prop_assert_eq!(plan.workdays_left(done).unwrap(), -i64::from(lead));
    }

    /// Workdays left falls by one on each workday and stays put over weekends and holidays.
    #[test]
    fn workdays_left_counts_down_on_workdays_only(days in 0i64..40_000, offset in 0i64..40) {
        let calendar = FinnishCalendar::new();
        let plan = RenewalPolicy::dvv()
            .plan_for_last_valid_day(date(1995, 1, 1) + Duration::days(days))
            .unwrap();
        let day = plan.apply_by() - Duration::days(offset);
        let tomorrow = day + Duration::days(1);
        let step = plan.workdays_left(day).unwrap() - plan.workdays_left(tomorrow).unwrap();
        let expected = i64::from(calendar.is_workday(tomorrow).unwrap());
        prop_assert_eq!(step, expected);
    }
}

#[cfg(feature = "serde")]
#[test]
fn stored_plans_are_recomputed_when_read() {
    let plan = RenewalPolicy::dvv()
        .with_margin_workdays(3)
        .plan(&real("kela-dcc-dsc-prod-2021-12-20-dvv-g3e"))
        .unwrap();
    let json = serde_json::to_value(plan).unwrap();
    assert_eq!(json["apply_by"], "2023-12-07");
    assert_eq!(json["last_valid_day"], "2023-12-19");
    let back: sote_certs::renewal::RenewalPlan = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, plan);
    let mut tampered = json;
    tampered["apply_by"] = "2023-12-18".into();
    let error = serde_json::from_value::<sote_certs::renewal::RenewalPlan>(tampered).unwrap_err();
    assert!(
        error.to_string().contains(
            "stored plan does not follow from its dates: apply by 2023-12-18 for last valid day 2023-12-19, expected apply by 2023-12-07"
        ),
        "{error}"
    );
}
