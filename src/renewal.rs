//! Planning the replacement of a certificate before it expires.
//!
//! DVV has no renewal: every order is a new order, with a new application, a new CSR and a new
//! certificate (DVV, "Service certificates for social welfare and healthcare"; DOMAIN §7). So
//! "renewing" means applying again in time. DVV delivers within five workdays once an
//! application is complete, and the new certificate must then be deployed; both must be done
//! by the old certificate's last valid day.
//!
//! [`RenewalPolicy::plan`] gives, for a certificate, its last valid day (the Helsinki date of
//! `notAfter`, see [`crate::validity`]) and the **apply-by** date: the latest workday on which
//! a new application must be complete so that DVV's delivery
//! ([`DELIVERY_WORKDAYS`] workdays) followed by the deployment margin
//! ([`RenewalPolicy::DEFAULT_MARGIN_WORKDAYS`] workdays unless configured) still ends on or
//! before the last valid day. Workdays are Finnish workdays ([`crate::workdays`]).
//!
//! Conventions (those of [`FinnishCalendar`]): "N workdays after D" is the N-th workday
//! strictly after D. The apply-by date A is therefore the latest workday with
//! `add_workdays(A, delivery + margin) <= last valid day`. [`RenewalPlan::workdays_left`] at a
//! date D counts the workdays strictly after D up to and including A: 0 on the apply-by date
//! itself (the application must be completed that day), negative once it has passed.
//!
//! ```
//! use chrono::NaiveDate;
//! use sote_certs::read_certificates;
//! use sote_certs::renewal::{OrderKind, RenewalPolicy};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let pem = std::fs::read("tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem")?;
//! let cert = &read_certificates(&pem)?[0];
//! let plan = RenewalPolicy::dvv().plan(cert)?;
//! assert_eq!(plan.last_valid_day(), NaiveDate::from_ymd_opt(2023, 12, 19).ok_or("bad date")?);
//! // Ten workdays before Tuesday 19 December 2023, skipping Independence Day (6 December).
//! assert_eq!(plan.apply_by(), NaiveDate::from_ymd_opt(2023, 12, 4).ok_or("bad date")?);
//! assert_eq!(plan.workdays_left(NaiveDate::from_ymd_opt(2023, 12, 1).ok_or("bad date")?)?, 1);
//! assert_eq!(plan.order_kind(), OrderKind::NewOrder);
//! # Ok(())
//! # }
//! ```

use core::fmt;

use chrono::{DateTime, NaiveDate, Utc};

use crate::application::DELIVERY_WORKDAYS;
use crate::certificate::Certificate;
use crate::validity::helsinki_date;
use crate::workdays::{FinnishCalendar, WorkdayError};

/// How far ahead a replacement must be applied for: DVV's delivery time and a deployment
/// margin, both in Finnish workdays.
///
/// ```
/// use sote_certs::renewal::RenewalPolicy;
///
/// let policy = RenewalPolicy::dvv().with_margin_workdays(10);
/// assert_eq!(policy.delivery_workdays(), 5);
/// assert_eq!(policy.margin_workdays(), 10);
/// assert_eq!(policy.lead_workdays(), 15);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RenewalPolicy {
    delivery_workdays: u32,
    margin_workdays: u32,
}

impl RenewalPolicy {
    /// The default deployment margin: five workdays to install the new certificate and
    /// register it with Kanta (assumed; DVV publishes none, so it is configurable).
    pub const DEFAULT_MARGIN_WORKDAYS: u32 = 5;

    /// DVV's delivery time ([`DELIVERY_WORKDAYS`]) and the default margin.
    pub const fn dvv() -> Self {
        Self {
            delivery_workdays: DELIVERY_WORKDAYS,
            margin_workdays: Self::DEFAULT_MARGIN_WORKDAYS,
        }
    }

    /// The same policy with a deployment margin of `workdays`.
    pub const fn with_margin_workdays(self, workdays: u32) -> Self {
        Self {
            margin_workdays: workdays,
            ..self
        }
    }

    /// The same policy with a delivery time of `workdays` (for a CA other than DVV's, or if
    /// DVV changes its promise).
    pub const fn with_delivery_workdays(self, workdays: u32) -> Self {
        Self {
            delivery_workdays: workdays,
            ..self
        }
    }

    /// The delivery time in workdays.
    pub const fn delivery_workdays(&self) -> u32 {
        self.delivery_workdays
    }

    /// The deployment margin in workdays.
    pub const fn margin_workdays(&self) -> u32 {
        self.margin_workdays
    }

    /// Delivery and margin together (saturating).
    pub const fn lead_workdays(&self) -> u32 {
        self.delivery_workdays.saturating_add(self.margin_workdays)
    }

    /// The plan for replacing `cert`.
    ///
    /// # Errors
    /// [`RenewalError::Workdays`] when the dates fall outside the workday calendar's range.
    pub fn plan(&self, cert: &Certificate) -> Result<RenewalPlan, RenewalError> {
        self.plan_for_not_after(cert.not_after())
    }

    /// The plan for replacing a certificate whose `notAfter` is `not_after`.
    ///
    /// # Errors
    /// As [`plan`](Self::plan).
    pub fn plan_for_not_after(
        &self,
        not_after: DateTime<Utc>,
    ) -> Result<RenewalPlan, RenewalError> {
        let mut plan = self.plan_for_last_valid_day(helsinki_date(not_after))?;
        plan.not_after = Some(not_after);
        Ok(plan)
    }

    /// The plan for replacing a certificate whose last valid day (Helsinki date of `notAfter`)
    /// is `last_valid_day`.
    ///
    /// # Errors
    /// As [`plan`](Self::plan).
    pub fn plan_for_last_valid_day(
        &self,
        last_valid_day: NaiveDate,
    ) -> Result<RenewalPlan, RenewalError> {
        let calendar = FinnishCalendar::new();
        let lead = self.lead_workdays();
        let in_time = |error| RenewalError::Workdays {
            last_valid_day,
            lead_workdays: lead,
            source: error,
        };
        // The latest workday on or before the last valid day: the n-th workday after the
        // apply-by date. Any later workday is after the last valid day, so nothing later works.
        let last_workday = calendar
            .previous_workday_on_or_before(last_valid_day)
            .map_err(in_time)?;
        let apply_by = calendar
            .subtract_workdays(last_workday, lead)
            .map_err(in_time)?;
        Ok(RenewalPlan {
            policy: *self,
            not_after: None,
            last_valid_day,
            apply_by,
        })
    }
}

impl Default for RenewalPolicy {
    fn default() -> Self {
        Self::dvv()
    }
}

/// Whether an order replaces a certificate or is a new one: with DVV, always a new order.
///
/// DVV: "Every order is a new order" — there is no renewal of an existing certificate, so a
/// replacement is a new [`Application`](crate::application::Application) with a new CSR.
/// The type has one value on purpose: there is no "renew" to choose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
pub enum OrderKind {
    /// A new application, CSR and certificate.
    NewOrder,
}

impl OrderKind {
    /// `"new-order"`.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderKind::NewOrder => "new-order",
        }
    }
}

impl fmt::Display for OrderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrderKind::NewOrder => f.write_str(
                "new order: DVV does not renew certificates, so apply for a new certificate with a new CSR",
            ),
        }
    }
}

/// When to apply for a certificate's replacement.
///
/// Invariant: [`apply_by`](Self::apply_by) is a workday, and
/// [`lead_workdays`](RenewalPolicy::lead_workdays) workdays after it is the last workday on or
/// before [`last_valid_day`](Self::last_valid_day), which is the Helsinki date of
/// [`not_after`](Self::not_after) when the plan knows it. A stored plan is recomputed when
/// read (feature `serde`), and refused if it does not agree.
///
/// ```
/// use chrono::NaiveDate;
/// use sote_certs::renewal::RenewalPolicy;
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// // Last valid day Friday 2024-12-27: 24–26 December are holidays.
/// let plan = RenewalPolicy::dvv()
///     .plan_for_last_valid_day(NaiveDate::from_ymd_opt(2024, 12, 27).ok_or("bad date")?)?;
/// assert_eq!(plan.apply_by(), NaiveDate::from_ymd_opt(2024, 12, 10).ok_or("bad date")?);
/// assert_eq!(plan.workdays_left(NaiveDate::from_ymd_opt(2024, 12, 6).ok_or("bad date")?)?, 2);
/// assert!(plan.is_late(NaiveDate::from_ymd_opt(2024, 12, 11).ok_or("bad date")?));
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "StoredPlan")
)]
pub struct RenewalPlan {
    policy: RenewalPolicy,
    not_after: Option<DateTime<Utc>>,
    last_valid_day: NaiveDate,
    apply_by: NaiveDate,
}

impl RenewalPlan {
    /// The policy the plan follows.
    pub fn policy(&self) -> RenewalPolicy {
        self.policy
    }

    /// The certificate's `notAfter`, when the plan was made from it.
    pub fn not_after(&self) -> Option<DateTime<Utc>> {
        self.not_after
    }

    /// The last day the certificate can be used (Helsinki date of `notAfter`).
    pub fn last_valid_day(&self) -> NaiveDate {
        self.last_valid_day
    }

    /// The latest workday by which a new application must be complete.
    pub fn apply_by(&self) -> NaiveDate {
        self.apply_by
    }

    /// The order to place: always [`OrderKind::NewOrder`].
    pub fn order_kind(&self) -> OrderKind {
        OrderKind::NewOrder
    }

    /// Workdays left at `date` before the apply-by date: the workdays strictly after `date` up
    /// to and including the apply-by date; 0 on the apply-by date; negative (the workdays
    /// since) once it has passed.
    ///
    /// # Errors
    /// [`RenewalError::Workdays`] when `date` is outside the workday calendar's range.
    pub fn workdays_left(&self, date: NaiveDate) -> Result<i64, RenewalError> {
        let calendar = FinnishCalendar::new();
        let in_time = |error| RenewalError::Workdays {
            last_valid_day: self.last_valid_day,
            lead_workdays: self.policy.lead_workdays(),
            source: error,
        };
        if date <= self.apply_by {
            let left = calendar
                .workdays_between(date, self.apply_by)
                .map_err(in_time)?;
            Ok(i64::from(left))
        } else {
            let since = calendar
                .workdays_between(self.apply_by, date)
                .map_err(in_time)?;
            Ok(-i64::from(since))
        }
    }

    /// Whether the apply-by date has passed at `date`.
    pub fn is_late(&self, date: NaiveDate) -> bool {
        date > self.apply_by
    }

    /// Whether the certificate has expired at `instant`: after `notAfter` when the plan knows
    /// it, otherwise after the last valid day (Helsinki).
    pub fn is_expired_at(&self, instant: DateTime<Utc>) -> bool {
        match self.not_after {
            Some(not_after) => instant > not_after,
            None => helsinki_date(instant) > self.last_valid_day,
        }
    }

    /// Whether the last valid day has passed at `date` (Helsinki).
    pub fn is_expired_on(&self, date: NaiveDate) -> bool {
        date > self.last_valid_day
    }

    /// Where the Helsinki date `date` falls in the plan: expired once the last valid day has
    /// passed.
    ///
    /// # Errors
    /// [`RenewalError::Workdays`] when `date` is outside the workday calendar's range.
    pub fn outlook_on(&self, date: NaiveDate) -> Result<Outlook, RenewalError> {
        self.outlook(date, self.is_expired_on(date))
    }

    /// Where `instant` falls in the plan: workdays are counted from its Helsinki date; expired
    /// after `notAfter` (see [`RenewalPlan::is_expired_at`]).
    ///
    /// # Errors
    /// [`RenewalError::Workdays`] when the date is outside the workday calendar's range.
    pub fn outlook_at(&self, instant: DateTime<Utc>) -> Result<Outlook, RenewalError> {
        self.outlook(helsinki_date(instant), self.is_expired_at(instant))
    }

    fn outlook(&self, date: NaiveDate, expired: bool) -> Result<Outlook, RenewalError> {
        Ok(Outlook {
            last_valid_day: self.last_valid_day,
            apply_by: self.apply_by,
            workdays_left: self.workdays_left(date)?,
            expired,
        })
    }
}

/// Where a moment falls in a [`RenewalPlan`]: made by [`RenewalPlan::outlook_on`] and
/// [`RenewalPlan::outlook_at`]. With the `serde` feature it serialises as
/// `{last_valid_day, apply_by, workdays_left, expired}`, dates as `YYYY-MM-DD`: the line of
/// `cargo run --example renewal -- --json` without `file` and `index`.
///
/// ```
/// use chrono::NaiveDate;
/// use sote_certs::renewal::RenewalPolicy;
///
/// let last = NaiveDate::from_ymd_opt(2024, 12, 27).ok_or("bad date")?;
/// let plan = RenewalPolicy::dvv().plan_for_last_valid_day(last)?;
/// let outlook = plan.outlook_on(NaiveDate::from_ymd_opt(2024, 12, 6).ok_or("bad date")?)?;
/// assert_eq!((outlook.workdays_left, outlook.expired), (2, false));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Outlook {
    /// The certificate's last valid day (Helsinki).
    pub last_valid_day: NaiveDate,
    /// The latest workday by which a new application must be complete.
    pub apply_by: NaiveDate,
    /// Workdays left before the apply-by date; 0 on it, negative after it
    /// ([`RenewalPlan::workdays_left`]).
    pub workdays_left: i64,
    /// Whether the certificate has expired.
    pub expired: bool,
}

/// Why a renewal plan could not be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RenewalError {
    /// A date fell outside the workday calendar's range.
    #[error(
        "cannot plan the replacement of a certificate valid until {last_valid_day} with {lead_workdays} workdays of lead time"
    )]
    Workdays {
        /// The certificate's last valid day.
        last_valid_day: NaiveDate,
        /// Delivery and margin workdays.
        lead_workdays: u32,
        /// The calendar's error.
        source: WorkdayError,
    },
    /// A stored plan that does not follow from its policy and dates.
    #[error(
        "stored plan does not follow from its dates: apply by {stored_apply_by} for last valid day {stored_last_valid_day}, expected apply by {apply_by} for last valid day {last_valid_day}"
    )]
    Inconsistent {
        /// The stored apply-by date.
        stored_apply_by: NaiveDate,
        /// The stored last valid day.
        stored_last_valid_day: NaiveDate,
        /// The apply-by date the policy gives.
        apply_by: NaiveDate,
        /// The last valid day the stored `notAfter` gives (or the stored one).
        last_valid_day: NaiveDate,
    },
}

/// The stored form of a [`RenewalPlan`], recomputed when read.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct StoredPlan {
    policy: RenewalPolicy,
    not_after: Option<DateTime<Utc>>,
    last_valid_day: NaiveDate,
    apply_by: NaiveDate,
}

#[cfg(feature = "serde")]
impl TryFrom<StoredPlan> for RenewalPlan {
    type Error = crate::application::Chain<RenewalError>;

    fn try_from(stored: StoredPlan) -> Result<Self, Self::Error> {
        Self::from_stored(stored).map_err(crate::application::Chain)
    }
}

#[cfg(feature = "serde")]
impl RenewalPlan {
    fn from_stored(stored: StoredPlan) -> Result<Self, RenewalError> {
        let plan = match stored.not_after {
            Some(not_after) => stored.policy.plan_for_not_after(not_after)?,
            None => stored
                .policy
                .plan_for_last_valid_day(stored.last_valid_day)?,
        };
        if plan.apply_by != stored.apply_by || plan.last_valid_day != stored.last_valid_day {
            return Err(RenewalError::Inconsistent {
                stored_apply_by: stored.apply_by,
                stored_last_valid_day: stored.last_valid_day,
                apply_by: plan.apply_by,
                last_valid_day: plan.last_valid_day,
            });
        }
        Ok(plan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn apply_by_skips_christmas() {
        // Last valid day Friday 2024-12-27 (a workday): the ten workdays before it are 23, 20,
        // 19, 18, 17, 16, 13, 12, 11 and 10 December (24–26 are holidays).
        let plan = RenewalPolicy::dvv()
            .plan_for_last_valid_day(date(2024, 12, 27))
            .unwrap();
        assert_eq!(plan.apply_by(), date(2024, 12, 10));
    }
}
