//! Small DER writers (ITU-T X.690) for the extension values that stay hand-written, and the
//! bridges to `der` types. Certificates and requests are `der`/x509-cert values (the
//! certificate's TBS is a crate-local `Sequence` whose serial is an `Any` INTEGER, so negative,
//! zero and over-long serials and duplicate extensions can still be written).

use chrono::{DateTime, Datelike, Utc};
use const_oid::ObjectIdentifier;
use der::Encode;
use der::asn1::{GeneralizedTime, UtcTime};
use x509_cert::time::Time;

use super::MintError;

/// Tag numbers used here (X.690 §8.1.2, universal class unless noted).
pub(crate) mod tag {
    pub(crate) const BOOLEAN: u8 = 0x01;
    pub(crate) const UTF8_STRING: u8 = 0x0c;
    pub(crate) const VISIBLE_STRING: u8 = 0x1a;
    pub(crate) const SEQUENCE: u8 = 0x30;
}

/// One TLV: `tag`, definite length (short or long form, X.690 §8.1.3), `content`.
pub(crate) fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(tag);
    let len = content.len();
    if len < 0x80 {
        // Fits in 7 bits by the test above.
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let significant: Vec<u8> = bytes.iter().copied().skip_while(|&b| b == 0).collect();
        // At most size_of::<usize>() = 8 octets, so the count fits in the low 7 bits.
        out.push(0x80 | significant.len() as u8);
        out.extend_from_slice(&significant);
    }
    out.extend_from_slice(content);
    out
}

/// A SEQUENCE of already encoded parts.
pub(crate) fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(tag::SEQUENCE, &parts.concat())
}

/// A BOOLEAN (`ff` for true, X.690 §11.1).
pub(crate) fn boolean(value: bool) -> Vec<u8> {
    tlv(tag::BOOLEAN, &[if value { 0xff } else { 0x00 }])
}

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
    critical: bool,
    value: Vec<u8>,
) -> Result<x509_cert::ext::Extension, MintError> {
    let extn_value = der::asn1::OctetString::new(value).map_err(|source| MintError::Der {
        what: "extension value",
        source,
    })?;
    Ok(x509_cert::ext::Extension {
        extn_id: id,
        critical,
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
    fn lengths_use_short_and_long_forms() {
        assert_eq!(tlv(0x04, &[0; 3])[..2], [0x04, 3]);
        assert_eq!(tlv(0x04, &[0; 127])[..2], [0x04, 0x7f]);
        assert_eq!(tlv(0x04, &[0; 128])[..3], [0x04, 0x81, 0x80]);
        assert_eq!(tlv(0x04, &[0; 300])[..4], [0x04, 0x82, 0x01, 0x2c]);
    }

    #[test]
    fn times_switch_to_generalized_in_2050() {
        let last_utc = Utc.with_ymd_and_hms(2049, 12, 31, 23, 59, 59).unwrap();
        let time = |at| to_der(&x509_time(at)?, "time");
        assert_eq!(time(last_utc).unwrap(), tlv(0x17, b"491231235959Z"));
        let first_gen = Utc.with_ymd_and_hms(2050, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(time(first_gen).unwrap(), tlv(0x18, b"20500101000000Z"));
        let early = Utc.with_ymd_and_hms(1969, 12, 31, 23, 59, 59).unwrap();
        assert!(matches!(time(early), Err(MintError::TimeOutOfRange { .. })));
    }
}
