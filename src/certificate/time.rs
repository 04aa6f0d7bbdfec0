//! `Time ::= CHOICE { utcTime, generalTime }` read exactly as RFC 5280 §4.1.2.5 writes it.
//!
//! x509-cert's `Time` refuses instants before 1970 (a UTCTime year 50–69 is a valid 1950s
//! date) and its errors do not say which rule a time breaks, so the reader decodes the two
//! forms itself: `YYMMDDHHMMSSZ` (years 50–99 are 1950–1999, §4.1.2.5.1) and
//! `YYYYMMDDHHMMSSZ` (up to 9999-12-31T23:59:59Z, §4.1.2.5.2), seconds always present, no
//! fractions, always `Z`.

use core::fmt;

use chrono::{DateTime, NaiveDate, Utc};

const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;

/// Why a `notBefore`/`notAfter` value is not a time as RFC 5280 §4.1.2.5 writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeError {
    /// Neither UTCTime (tag 0x17) nor GeneralizedTime (tag 0x18).
    WrongType {
        /// The tag found.
        tag: u8,
    },
    /// The time does not end in `Z` (a local time or an offset such as `+0200`).
    NotUtc {
        /// The time as written (at most 32 characters).
        text: String,
    },
    /// Minutes but no seconds (`YYMMDDHHMMZ`).
    NoSeconds {
        /// The time as written.
        text: String,
    },
    /// Fractional seconds, which GeneralizedTime in a certificate must not have.
    FractionalSeconds {
        /// The time as written.
        text: String,
    },
    /// Not digits in the places the form asks for.
    Malformed {
        /// The time as written.
        text: String,
    },
    /// Digits that name no date or time (month 13, 31 April, hour 24, second 60).
    OutOfRange {
        /// The time as written.
        text: String,
    },
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const FORMS: &str = "UTCTime YYMMDDHHMMSSZ or GeneralizedTime YYYYMMDDHHMMSSZ";
        match self {
            TimeError::WrongType { tag } => write!(
                f,
                "tag 0x{tag:02x} is neither UTCTime nor GeneralizedTime (RFC 5280 §4.1.2.5)"
            ),
            TimeError::NotUtc { text } => write!(
                f,
                "{text:?} does not end in Z (RFC 5280 §4.1.2.5.1 and §4.1.2.5.2: times are UTC, written with Z)"
            ),
            TimeError::NoSeconds { text } => write!(
                f,
                "{text:?} has no seconds (RFC 5280 §4.1.2.5.1 and §4.1.2.5.2 require them: {FORMS})"
            ),
            TimeError::FractionalSeconds { text } => write!(
                f,
                "{text:?} has fractional seconds (RFC 5280 §4.1.2.5.2 forbids them)"
            ),
            TimeError::Malformed { text } => {
                write!(f, "{text:?} is not {FORMS} (RFC 5280 §4.1.2.5)")
            }
            TimeError::OutOfRange { text } => write!(f, "{text:?} names no real date and time"),
        }
    }
}

/// Decodes the content of a UTCTime or GeneralizedTime (`tag`, `content`).
pub(crate) fn decode(tag: u8, content: &[u8]) -> Result<DateTime<Utc>, TimeError> {
    let digits_of_year = match tag {
        UTC_TIME => 2,
        GENERALIZED_TIME => 4,
        tag => return Err(TimeError::WrongType { tag }),
    };
    let text = || {
        let shown: String = String::from_utf8_lossy(content).chars().take(32).collect();
        shown
    };
    let Some(digits) = content.strip_suffix(b"Z") else {
        return Err(TimeError::NotUtc { text: text() });
    };
    let full = digits_of_year + 10;
    if digits.contains(&b'.') || digits.contains(&b',') {
        return Err(TimeError::FractionalSeconds { text: text() });
    }
    if !digits.iter().all(u8::is_ascii_digit) {
        return Err(TimeError::Malformed { text: text() });
    }
    if digits.len() == full - 2 {
        return Err(TimeError::NoSeconds { text: text() });
    }
    if digits.len() != full {
        return Err(TimeError::Malformed { text: text() });
    }
    // Two digits at a time; the length and digit checks above make every field present.
    let number = |at: usize, len: usize| {
        digits.get(at..at + len).map_or(0, |d| {
            d.iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'))
        })
    };
    let year = match (digits_of_year, number(0, digits_of_year)) {
        (2, yy) if yy >= 50 => 1900 + yy,
        (2, yy) => 2000 + yy,
        (_, yyyy) => yyyy,
    };
    let at = digits_of_year;
    let [month, day, hour, minute, second] = [0, 2, 4, 6, 8].map(|i| number(at + i, 2));
    i32::try_from(year)
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, month, day))
        .and_then(|date| date.and_hms_opt(hour, minute, second))
        .map(|naive| naive.and_utc())
        .ok_or_else(|| TimeError::OutOfRange { text: text() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> Result<String, TimeError> {
        decode(UTC_TIME, text.as_bytes()).map(|t| t.to_rfc3339())
    }

    fn generalized(text: &str) -> Result<String, TimeError> {
        decode(GENERALIZED_TIME, text.as_bytes()).map(|t| t.to_rfc3339())
    }

    #[test]
    fn utc_time_years_50_to_99_are_the_1900s() {
        assert_eq!(utc("500101000000Z").unwrap(), "1950-01-01T00:00:00+00:00");
        assert_eq!(utc("991231235959Z").unwrap(), "1999-12-31T23:59:59+00:00");
        assert_eq!(utc("000101000000Z").unwrap(), "2000-01-01T00:00:00+00:00");
        assert_eq!(utc("491231235959Z").unwrap(), "2049-12-31T23:59:59+00:00");
    }

    #[test]
    fn generalized_time_reaches_9999() {
        assert_eq!(
            generalized("99991231235959Z").unwrap(),
            "9999-12-31T23:59:59+00:00"
        );
        assert_eq!(
            generalized("19500101000000Z").unwrap(),
            "1950-01-01T00:00:00+00:00"
        );
    }

    #[test]
    fn wrong_forms_say_which_rule_they_break() {
        assert!(matches!(
            utc("5001010000Z"),
            Err(TimeError::NoSeconds { .. })
        ));
        assert!(matches!(utc("500101000000"), Err(TimeError::NotUtc { .. })));
        assert!(matches!(
            utc("500101000000+0200"),
            Err(TimeError::NotUtc { .. })
        ));
        assert!(matches!(
            generalized("20230101000000.5Z"),
            Err(TimeError::FractionalSeconds { .. })
        ));
        assert!(matches!(
            generalized("202301010000Z"),
            Err(TimeError::NoSeconds { .. })
        ));
        assert!(matches!(
            utc("5001010000000Z"),
            Err(TimeError::Malformed { .. })
        ));
        assert!(matches!(
            utc("50010100000aZ"),
            Err(TimeError::Malformed { .. })
        ));
        assert!(matches!(
            utc("501301000000Z"),
            Err(TimeError::OutOfRange { .. })
        ));
        assert!(matches!(
            utc("500101000060Z"),
            Err(TimeError::OutOfRange { .. })
        ));
        assert!(matches!(
            decode(0x04, b"x"),
            Err(TimeError::WrongType { tag: 0x04 })
        ));
        assert_eq!(
            utc("5001010000Z").unwrap_err().to_string(),
            "\"5001010000Z\" has no seconds (RFC 5280 §4.1.2.5.1 and §4.1.2.5.2 require them: UTCTime YYMMDDHHMMSSZ or GeneralizedTime YYYYMMDDHHMMSSZ)"
        );
    }
}
