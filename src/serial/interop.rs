//! Where a serial number can be stored exactly, and what DVV's long form says about it.

use chrono::{DateTime, TimeZone, Utc};

use super::SerialNumber;

/// Which storage targets hold a serial number exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Fits {
    /// `i32` (Java `int`, SQL `INTEGER`).
    pub i32: bool,
    /// `u32`.
    pub u32: bool,
    /// `i64` (Java `long`, SQL `BIGINT`).
    pub i64: bool,
    /// `u64`.
    pub u64: bool,
    /// `i128`.
    pub i128: bool,
    /// `u128` (39 digits, one short of DVV's 18-octet example).
    pub u128: bool,
    /// A JavaScript `Number` or IEEE double without rounding: magnitude at most 2^53 − 1.
    pub js_safe_integer: bool,
    /// SQL `DECIMAL(38)` and Oracle `NUMBER(38)`: at most 38 decimal digits.
    pub decimal38: bool,
}

impl Fits {
    /// Every target with whether the value fits it, in the field order: `i32`, `u32`, `i64`,
    /// `u64`, `i128`, `u128`, `js_safe_integer`, `decimal38` (the field names, which are also
    /// the JSON keys), so that a listing needs no copy of the field list.
    ///
    /// ```
    /// use sote_certs::SerialNumber;
    ///
    /// let fits = SerialNumber::from_hex("0100000168f0a805c366b43b5de968c691fb")?.interop().fits;
    /// assert!(fits.entries().iter().all(|&(_, fits)| !fits));
    /// assert_eq!(fits.entries()[7].0, "decimal38");
    /// # Ok::<(), sote_certs::SerialError>(())
    /// ```
    pub fn entries(self) -> [(&'static str, bool); 8] {
        [
            ("i32", self.i32),
            ("u32", self.u32),
            ("i64", self.i64),
            ("u64", self.u64),
            ("i128", self.i128),
            ("u128", self.u128),
            ("js_safe_integer", self.js_safe_integer),
            ("decimal38", self.decimal38),
        ]
    }
}

/// The two serial forms DVV has used (DOMAIN §5): the form of one serial number
/// ([`Interop::form`]) and the form a CA issues
/// ([`CertificateAuthority::serial_form`](crate::authority::CertificateAuthority::serial_form)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SerialForm {
    /// The magnitude fits in 32 bits, like the VRK CA's sequential `0bf4eab0`.
    Legacy32,
    /// Anything longer, like the G3 CAs' 15-octet and DVV's 18-octet example.
    Long,
}

impl SerialForm {
    /// `"legacy-32"` or `"long"`.
    pub fn as_str(self) -> &'static str {
        match self {
            SerialForm::Legacy32 => "legacy-32",
            SerialForm::Long => "long",
        }
    }
}

/// The interop report of a serial number; made by [`SerialNumber::interop`].
///
/// ```
/// use sote_certs::{SerialNumber, serial::SerialForm};
///
/// let report = SerialNumber::from_hex("0100000168f0a805c366b43b5de968c691fb")?.interop();
/// assert_eq!((report.octets, report.bits, report.decimal_digits), (18, 137, 41));
/// assert_eq!(report.form, SerialForm::Long);
/// assert!(report.rfc5280 && !report.fits.u128 && !report.fits.decimal38);
/// assert_eq!(
///     report.embedded_time.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
///     Some("2019-02-15T10:16:09.923Z".to_owned()),
/// );
/// # Ok::<(), sote_certs::SerialError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Interop {
    /// Bit length of the magnitude (0 for zero).
    pub bits: u64,
    /// DER content octets (a positive value with its top bit set takes a leading `00`).
    pub octets: usize,
    /// Decimal digits of the magnitude, without sign.
    pub decimal_digits: usize,
    /// Whether the value is below zero.
    pub negative: bool,
    /// DVV's legacy 32-bit form or the long form.
    pub form: SerialForm,
    /// RFC 5280 §4.1.2.2: positive and at most 20 content octets; [`SerialNumber::rfc5280`]
    /// says why not.
    pub rfc5280: bool,
    /// Which storage targets hold the value exactly.
    pub fits: Fits,
    /// The issuance time embedded in DVV's long form, if the layout fits; see
    /// [`embedded_issuance_time`].
    pub embedded_time: Option<DateTime<Utc>>,
}

impl Interop {
    pub(super) fn of(serial: &SerialNumber) -> Self {
        let bits = serial.bit_length();
        let octets = serial.as_der_content().len();
        let negative = serial.is_negative();
        let decimal_digits = {
            let mut counter = DigitCounter(0);
            // Writing to a counter cannot fail; a failure would leave the count short, not panic.
            let _ = core::fmt::write(&mut counter, format_args!("{}", serial.decimal()));
            counter.0 - usize::from(negative)
        };
        // A signed type of N octets holds exactly the values whose canonical form has <= N.
        let signed = |n: usize| octets <= n;
        let unsigned = |n: u64| !negative && bits <= n;
        Interop {
            bits,
            octets,
            decimal_digits,
            negative,
            form: if bits <= 32 {
                SerialForm::Legacy32
            } else {
                SerialForm::Long
            },
            rfc5280: serial.rfc5280().conforms(),
            fits: Fits {
                i32: signed(4),
                u32: unsigned(32),
                i64: signed(8),
                u64: unsigned(64),
                i128: signed(16),
                u128: unsigned(128),
                js_safe_integer: bits <= 53,
                decimal38: decimal_digits <= 38,
            },
            embedded_time: embedded_issuance_time(serial),
        }
    }
}

struct DigitCounter(usize);

impl core::fmt::Write for DigitCounter {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

/// The issuance time that DVV's long serials appear to carry.
///
/// Observed on the G3 CAs' certificates and DVV's own 18-octet example (not a DVV promise): the
/// magnitude is an optional prefix octet, an 8-octet big-endian Unix time in milliseconds at
/// issuance (minimal encoding drops its leading zero octets) and 9 random octets. The rule: take
/// the magnitude's octets; if there are 14 to 18, drop the last 9; if 9 remain, drop the first;
/// read the rest as big-endian milliseconds and report it if it falls in
/// [2010-01-01, 2100-01-01) UTC. Anything else gives `None`.
///
/// ```
/// use sote_certs::{SerialNumber, serial::embedded_issuance_time};
///
/// let g3 = SerialNumber::from_hex("017dd7810fc3030e71245bda512189")?;
/// let time = embedded_issuance_time(&g3).map(|t| t.to_rfc3339());
/// assert_eq!(time.as_deref(), Some("2021-12-20T11:01:39.395+00:00"));
/// assert_eq!(embedded_issuance_time(&SerialNumber::from_hex("0bf4eab0")?), None);
/// # Ok::<(), sote_certs::SerialError>(())
/// ```
pub fn embedded_issuance_time(serial: &SerialNumber) -> Option<DateTime<Utc>> {
    if serial.is_negative() {
        return None;
    }
    serial.with_magnitude(|magnitude| {
        if !(14..=18).contains(&magnitude.len()) {
            return None;
        }
        let head = magnitude.get(..magnitude.len() - 9)?;
        let millis = match head {
            [_prefix, rest @ ..] if head.len() == 9 => rest,
            _ => head,
        };
        let millis = millis
            .iter()
            .fold(0i64, |acc, &b| (acc << 8) | i64::from(b));
        let time = Utc.timestamp_millis_opt(millis).single()?;
        let window = Utc.with_ymd_and_hms(2010, 1, 1, 0, 0, 0).single()?
            ..Utc.with_ymd_and_hms(2100, 1, 1, 0, 0, 0).single()?;
        window.contains(&time).then_some(time)
    })
}
