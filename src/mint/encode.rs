//! The bridges between the minter and `der` types (ITU-T X.690): encoding, decoding, X.509
//! times and extensions. Certificates and requests are `der`/x509-cert values (the
//! certificate's TBS is a crate-local `Sequence` whose serial is an `Any` INTEGER, so negative,
//! zero and over-long serials and duplicate extensions can still be written).

use chrono::{DateTime, Datelike, Utc};
use const_oid::ObjectIdentifier;
use der::Encode;
use der::asn1::{GeneralizedTime, UtcTime};
use x509_cert::time::Time;

use super::MintError;

/// Any `der`-encodable value, with `what` naming it in the error.
pub(crate) fn to_der<T: Encode + ?Sized>(
    value: &T,
    what: &'static str,
) -> Result<Vec<u8>, MintError> {
    value
        .to_der()
        .map_err(|source| MintError::Der { what, source })
}

/// An X.509 `Time`: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5), whole
/// seconds (fractions are dropped: DER times here carry none).
pub(crate) fn x509_time(at: DateTime<Utc>) -> Result<Time, MintError> {
    let out_of_range = || MintError::TimeOutOfRange { time: at };
    let secs = u64::try_from(at.timestamp()).map_err(|_| out_of_range())?;
    let since_epoch = core::time::Duration::from_secs(secs);
    Ok(if at.year() < 2050 {
        Time::UtcTime(UtcTime::from_unix_duration(since_epoch).map_err(|_| out_of_range())?)
    } else {
        Time::GeneralTime(
            GeneralizedTime::from_unix_duration(since_epoch).map_err(|_| out_of_range())?,
        )
    })
}

/// A typed `Extension` (RFC 5280 §4.1) whose value is the DER `value`; x509-cert's type
/// writes `critical` only when true, as DER requires for a DEFAULT FALSE field, and allows any
/// number of extensions of one OID in a list.
pub(crate) fn typed_extension(
    id: ObjectIdentifier,
    critical: crate::certificate::CriticalMark,
    value: Vec<u8>,
) -> Result<x509_cert::ext::Extension, MintError> {
    let extn_value = der::asn1::OctetString::new(value).map_err(|source| MintError::Der {
        what: "extension value",
        source,
    })?;
    Ok(x509_cert::ext::Extension {
        extn_id: id,
        critical: critical == crate::certificate::CriticalMark::Critical,
        extn_value,
    })
}

/// Decodes what this module or a `der` type wrote, as a typed value, with `what` naming it in
/// the error.
pub(crate) fn from_der<T: for<'a> der::Decode<'a, Error = der::Error>>(
    der: &[u8],
    what: &'static str,
) -> Result<T, MintError> {
    T::from_der(der).map_err(|source| MintError::Der { what, source })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_switch_to_generalized_in_2050() {
        let last_utc = Utc.with_ymd_and_hms(2049, 12, 31, 23, 59, 59).unwrap();
        let time = |at| to_der(&x509_time(at)?, "time");
        assert_eq!(
            time(last_utc).unwrap(),
            [b"\x17\x0d".as_slice(), b"491231235959Z"].concat()
        );
        let first_gen = Utc.with_ymd_and_hms(2050, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(
            time(first_gen).unwrap(),
            [b"\x18\x0f".as_slice(), b"20500101000000Z"].concat()
        );
        let early = Utc.with_ymd_and_hms(1969, 12, 31, 23, 59, 59).unwrap();
        assert!(matches!(time(early), Err(MintError::TimeOutOfRange { .. })));
    }
}
