//! Validity periods as DVV counts them: whole calendar years in Europe/Helsinki.
//!
//! Real DVV certificates end at 23:59:59 Helsinki time on the same calendar date N years after
//! the start date, so their lengths vary (729 d 09:59:59, 730 d 14:59:59, 731 d 12:59:59 across
//! 29 February) and a "≤ 730 days" rule rejects them. The rule that fits every real certificate,
//! and the one this module implements: the Helsinki date of `notAfter` is on or before the
//! Helsinki date of `notBefore` plus N calendar years (29 February + 1 year is 28 February).
//! `notAfter` is inclusive (RFC 5280 §4.1.2.5). Offsets come from the tz database (chrono-tz).

use chrono::{DateTime, Months, NaiveDate, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// The time zone DVV's calendar rules are stated in.
pub const HELSINKI: Tz = chrono_tz::Europe::Helsinki;

/// A certificate's validity period, `notBefore` to `notAfter` inclusive.
///
/// Invariant: `not_before <= not_after` (RFC 5280 §4.1.2.5).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sote_certs::validity::{Status, Validity};
///
/// // A real DVV G3E system signature certificate: 730 days 09:59:59.
/// let validity = Validity::new(
///     Utc.with_ymd_and_hms(2021, 12, 20, 12, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2023, 12, 19, 21, 59, 59).unwrap(),
/// )?;
/// assert!(validity.within_years(2));
/// assert_eq!(validity.status_at(Utc.with_ymd_and_hms(2023, 12, 19, 21, 59, 59).unwrap()), Status::Valid);
/// # Ok::<(), sote_certs::validity::ValidityError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Validity {
    not_before: DateTime<Utc>,
    not_after: DateTime<Utc>,
}

/// Errors from building a [`Validity`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValidityError {
    /// `notAfter` is before `notBefore`.
    #[error("validity is inverted: notBefore {not_before} is after notAfter {not_after}")]
    InvertedRange {
        /// The start.
        not_before: DateTime<Utc>,
        /// The end, before the start.
        not_after: DateTime<Utc>,
    },
}

/// Where an instant falls relative to a validity period.
///
/// Complete: before, within or after.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// `notBefore <= instant <= notAfter`.
    Valid,
    /// After `notAfter`.
    Expired,
    /// Before `notBefore`.
    NotYetValid,
}

impl Status {
    /// `"valid"`, `"expired"` or `"not-yet-valid"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::Expired => "expired",
            Status::NotYetValid => "not-yet-valid",
        }
    }
}

impl Validity {
    /// A validity period; [`ValidityError::InvertedRange`] when `not_after < not_before`.
    pub fn new(not_before: DateTime<Utc>, not_after: DateTime<Utc>) -> Result<Self, ValidityError> {
        if not_after < not_before {
            return Err(ValidityError::InvertedRange {
                not_before,
                not_after,
            });
        }
        Ok(Self {
            not_before,
            not_after,
        })
    }

    /// The first valid instant.
    pub fn not_before(&self) -> DateTime<Utc> {
        self.not_before
    }

    /// The last valid instant (inclusive).
    pub fn not_after(&self) -> DateTime<Utc> {
        self.not_after
    }

    /// The Helsinki calendar date the certificate was issued on (of `notBefore`).
    pub fn issue_date(&self) -> NaiveDate {
        helsinki_date(self.not_before)
    }

    /// The Helsinki calendar date of `notAfter`: the last day the certificate can be used.
    pub fn last_valid_day(&self) -> NaiveDate {
        helsinki_date(self.not_after)
    }

    /// Whether the period fits in `years` calendar years by DVV's rule (module docs).
    pub fn within_years(&self, years: u32) -> bool {
        latest_end_date(self.issue_date(), years).is_none_or(|end| self.last_valid_day() <= end)
    }

    /// The last instant `notAfter` may have for a period of `years` calendar years from this
    /// period's `notBefore`: [`latest_not_after`]`(self.not_before(), years)`.
    pub fn latest_not_after(&self, years: u32) -> Option<DateTime<Utc>> {
        latest_not_after(self.not_before, years)
    }

    /// Where `instant` falls: before, within (ends inclusive) or after the period.
    pub fn status_at(&self, instant: DateTime<Utc>) -> Status {
        if instant < self.not_before {
            Status::NotYetValid
        } else if instant > self.not_after {
            Status::Expired
        } else {
            Status::Valid
        }
    }
}

/// DVV's rule for the end of a period: the last instant `notAfter` may have for a certificate
/// valid `years` calendar years from `not_before`, 23:59:59 Europe/Helsinki on the Helsinki
/// date of `not_before` plus `years` years (29 February + 1 year is 28 February). DVV's real
/// certificates end exactly so (module docs); the test minter writes it.
///
/// `None` when the date is out of chrono's range, or when 23:59:59 is not a single instant in
/// Helsinki (it always is: Finland changes clocks at 03:00/04:00).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sote_certs::validity::latest_not_after;
///
/// // Summer (UTC+3) and winter (UTC+2) ends of two real DVV G3E certificates.
/// let summer = latest_not_after(Utc.with_ymd_and_hms(2022, 6, 22, 8, 0, 0).unwrap(), 2);
/// assert_eq!(summer, Some(Utc.with_ymd_and_hms(2024, 6, 22, 20, 59, 59).unwrap()));
/// let winter = latest_not_after(Utc.with_ymd_and_hms(2022, 12, 21, 12, 55, 52).unwrap(), 2);
/// assert_eq!(winter, Some(Utc.with_ymd_and_hms(2024, 12, 21, 21, 59, 59).unwrap()));
/// ```
pub fn latest_not_after(not_before: DateTime<Utc>, years: u32) -> Option<DateTime<Utc>> {
    let date = latest_end_date(helsinki_date(not_before), years)?;
    let last_second = NaiveTime::from_hms_opt(23, 59, 59)?;
    HELSINKI
        .from_local_datetime(&date.and_time(last_second))
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// The Helsinki calendar date of an instant.
///
/// In chrono's last hours (year 262 143), where the Helsinki date would be past
/// `NaiveDate::MAX`, the answer is `NaiveDate::MAX`, the last date there is: chrono itself would
/// panic there. No certificate time comes near (GeneralizedTime ends in 9999).
pub fn helsinki_date(instant: DateTime<Utc>) -> NaiveDate {
    let utc = instant.naive_utc();
    let offset = HELSINKI.offset_from_utc_datetime(&utc).fix();
    utc.checked_add_offset(offset)
        .map_or(NaiveDate::MAX, |local| local.date())
}

/// `date` plus `years` calendar years; 29 February becomes 28 February in a common year.
fn latest_end_date(date: NaiveDate, years: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(years.checked_mul(12)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_day_plus_one_year_is_28_february() {
        let leap = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(
            latest_end_date(leap, 1),
            NaiveDate::from_ymd_opt(2025, 2, 28)
        );
    }
}
