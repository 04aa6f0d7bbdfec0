//! The lines the examples print with `--json`, as library values (feature `serde`).
//!
//! Each example prints one JSON object per line: a report (see the `Serialize` impls of
//! [`Report`], [`RequestReport`], [`Outlook`]) with the keys that say where it came from (the
//! file, the certificate's index in it, the names). These types are those lines, so the
//! examples only read arguments, call the library and serialise, and the JSON contract is
//! tested here, in the library:
//!
//! | example | line | keys |
//! |---|---|---|
//! | `serial` | [`SerialLine`] | `input` and the [`Serial`] object, or `input`, `error` |
//! | `inspect` | [`InspectLine`] | `file`, `index`, `issuer`, `subject` and the [`Report`]'s |
//! | `csr` | [`RequestLine`] | `file`, `subject`, `dns_names` and the [`RequestReport`]'s |
//! | `renewal` | [`RenewalLine`] | `file`, `index` and the [`Outlook`]'s |
//! | `verify` | `VerifyLine` (feature `trust`) | `file`, `index`, `trusted`, `path`, `revocation`, `revoked_at`, `reason`, `profile`, `environment`, `conforms`, `findings` |
//! | `crl` | `CrlLine` (feature `trust`) | `file`, `issuer`, `this_update`, `next_update`, `number`, `entries`, `signature_valid`, `fresh`, `findings`, `lookups` |
//! | all but `serial` | [`FileError`] | `file`, `error` (a file that cannot be read) |
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use sote_certs::{Inspector, json::InspectLine, read_certificates};
//!
//! let file = "tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem";
//! let cert = &read_certificates(&std::fs::read(file)?)?[0];
//! let at = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).single().ok_or("bad instant")?;
//! let report = Inspector::dvv().inspect(cert, at);
//! let line = serde_json::to_value(InspectLine::new(file, 0, cert, &report))?;
//! assert_eq!(line["profile"], "system-signature");
//! assert_eq!(line["conforms"], true);
//! assert_eq!(line["serial"]["hex"], "017dd7810fc3030e71245bda512189");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::certificate::Certificate;
use crate::csr::{CertificateRequest, RequestReport};
use crate::inspect::Report;
use crate::renewal::Outlook;
#[cfg(feature = "trust")]
use crate::serde::Seconds;
use crate::serde::{Entries, as_map};
use crate::serial::{Guess, SerialError, SerialNumber, SerialReader};

/// A serial number with every form and its interop report: `{hex, decimal, der, octets, bits,
/// negative, form, embedded_time, rfc5280, fits, ambiguous}`.
///
/// `hex` and `decimal` are signed (`-81`, `-129`), `der` is the lowercase hex of the whole DER
/// TLV, the rest is the [`Interop`](crate::Interop) report; `ambiguous` says the value was read
/// from a bare digit string (as hex), which reads as decimal too.
///
/// ```
/// use sote_certs::{SerialNumber, json::Serial};
///
/// let serial = SerialNumber::from_hex("0bf4eab0")?;
/// let value = serde_json::to_value(Serial::new(&serial))?;
/// assert_eq!(value["decimal"], "200600240");
/// assert_eq!(value["form"], "legacy-32");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Serial<'a> {
    serial: &'a SerialNumber,
    ambiguous: bool,
}

impl<'a> Serial<'a> {
    /// `serial`, not ambiguous.
    pub fn new(serial: &'a SerialNumber) -> Self {
        Serial {
            serial,
            ambiguous: false,
        }
    }

    /// The value a notation was read as: an ambiguous bare digit string as hex, flagged.
    pub fn from_guess(guess: &'a Guess) -> Self {
        match guess {
            Guess::Known(_, serial) => Serial::new(serial),
            Guess::Either { hex, .. } => Serial {
                serial: hex,
                ambiguous: true,
            },
        }
    }
}

impl Entries for Serial<'_> {
    const LEN: usize = 11;

    fn entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry("hex", &self.serial.to_hex_string())?;
        map.serialize_entry("decimal", &self.serial.to_decimal_string())?;
        map.serialize_entry("der", &LowerHex(&self.serial.to_der()))?;
        self.serial.interop().entries(map)?;
        map.serialize_entry("ambiguous", &self.ambiguous)
    }
}

impl Serialize for Serial<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        as_map(self, serializer)
    }
}

/// One line of `cargo run --example serial -- --json`: the notation as given (`input`) and the
/// [`Serial`] object it reads as, or `input` and `error` (the reader's message).
///
/// ```
/// use sote_certs::json::SerialLine;
///
/// let line = SerialLine::read("0bg4");
/// assert!(!line.is_read());
/// assert_eq!(
///     serde_json::to_value(&line)?,
///     serde_json::json!({"input": "0bg4", "error": "invalid hex digit 'g' at offset 2"}),
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SerialLine<'a> {
    input: &'a str,
    reading: Result<Guess, SerialError>,
}

impl<'a> SerialLine<'a> {
    /// Reads `input` with [`SerialReader::guess`].
    pub fn read(input: &'a str) -> Self {
        SerialLine {
            input,
            reading: SerialReader::new().guess(input),
        }
    }

    /// The notation as given.
    pub fn input(&self) -> &'a str {
        self.input
    }

    /// What it read as.
    pub fn reading(&self) -> &Result<Guess, SerialError> {
        &self.reading
    }

    /// Whether it could be read.
    pub fn is_read(&self) -> bool {
        self.reading.is_ok()
    }
}

impl Serialize for SerialLine<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.reading {
            Ok(guess) => {
                let serial = Serial::from_guess(guess);
                let mut map = serializer.serialize_map(Some(1 + Serial::LEN))?;
                map.serialize_entry("input", self.input)?;
                serial.entries(&mut map)?;
                map.end()
            }
            Err(error) => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("input", self.input)?;
                map.serialize_entry("error", &error.to_string())?;
                map.end()
            }
        }
    }
}

/// One line of `cargo run --example inspect -- --json`: `{file, index, issuer, subject}` (the
/// issuer's common name, the subject as an RFC 4514 string) and the [`Report`]'s keys.
#[derive(Clone, Copy, Debug)]
pub struct InspectLine<'a> {
    file: &'a str,
    index: usize,
    certificate: &'a Certificate,
    report: &'a Report,
}

impl<'a> InspectLine<'a> {
    /// The line of certificate number `index` (from 0) of `file`, judged in `report`.
    pub fn new(
        file: &'a str,
        index: usize,
        certificate: &'a Certificate,
        report: &'a Report,
    ) -> Self {
        InspectLine {
            file,
            index,
            certificate,
            report,
        }
    }
}

impl Serialize for InspectLine<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let issuer = self
            .certificate
            .issuer()
            .get(const_oid::db::rfc4519::CN)
            .unwrap_or_default();
        let mut map = serializer.serialize_map(Some(4 + Report::LEN))?;
        map.serialize_entry("file", self.file)?;
        map.serialize_entry("index", &self.index)?;
        map.serialize_entry("issuer", &issuer)?;
        map.serialize_entry("subject", &self.certificate.subject().to_string())?;
        self.report.entries(&mut map)?;
        map.end()
    }
}

/// One line of `cargo run --example csr -- --json`: `{file, subject, dns_names}` and the
/// [`RequestReport`]'s keys.
#[derive(Clone, Copy, Debug)]
pub struct RequestLine<'a> {
    file: &'a str,
    request: &'a CertificateRequest,
    report: &'a RequestReport,
}

impl<'a> RequestLine<'a> {
    /// The line of `request`, read from `file` and checked in `report`.
    pub fn new(file: &'a str, request: &'a CertificateRequest, report: &'a RequestReport) -> Self {
        RequestLine {
            file,
            request,
            report,
        }
    }
}

impl Serialize for RequestLine<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3 + RequestReport::LEN))?;
        map.serialize_entry("file", self.file)?;
        map.serialize_entry("subject", &self.request.subject().to_string())?;
        map.serialize_entry("dns_names", &self.request.dns_names())?;
        self.report.entries(&mut map)?;
        map.end()
    }
}

/// One line of `cargo run --example renewal -- --json`: `{file, index}` and the [`Outlook`]'s
/// keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RenewalLine<'a> {
    file: &'a str,
    index: usize,
    outlook: Outlook,
}

impl<'a> RenewalLine<'a> {
    /// The line of certificate number `index` (from 0) of `file`.
    pub fn new(file: &'a str, index: usize, outlook: Outlook) -> Self {
        RenewalLine {
            file,
            index,
            outlook,
        }
    }
}

impl Serialize for RenewalLine<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2 + Outlook::LEN))?;
        map.serialize_entry("file", self.file)?;
        map.serialize_entry("index", &self.index)?;
        self.outlook.entries(&mut map)?;
        map.end()
    }
}

/// One line of `cargo run --example verify -- --json`: the certificate `index` of `file`,
/// verified and inspected ([`Inspector::inspect_verified`](crate::Inspector::inspect_verified)):
/// `{file, index, trusted, path, revocation, revoked_at, reason, profile, environment,
/// conforms, findings}`. `path` lists the subjects (RFC 4514) from the certificate to the
/// anchor (empty when untrusted); `revocation` is `"good"`, `"revoked"` or `"unknown"`, with the
/// date (RFC 3339) and the RFC 5280 reason name of the first revoked certificate from the
/// certificate up, or nulls; `findings` are the inspection's, then the `chain.*` and `crl.*`
/// ones, in one shape.
#[cfg(feature = "trust")]
#[derive(Clone, Copy, Debug)]
pub struct VerifyLine<'a> {
    file: &'a str,
    index: usize,
    report: &'a Report,
}

#[cfg(feature = "trust")]
impl<'a> VerifyLine<'a> {
    /// The line of certificate number `index` (from 0) of `file`, verified and judged in
    /// `report`.
    pub fn new(file: &'a str, index: usize, report: &'a Report) -> Self {
        VerifyLine {
            file,
            index,
            report,
        }
    }
}

#[cfg(feature = "trust")]
impl Serialize for VerifyLine<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use crate::trust::Revocation;
        use serde::ser::SerializeSeq;

        /// The inspection's findings, then the verification's, as one list.
        struct AllFindings<'r>(&'r Report);

        impl Serialize for AllFindings<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let trust = self.0.trust.verification().map(|v| &*v.findings);
                let trust = trust.unwrap_or_default();
                let mut seq =
                    serializer.serialize_seq(Some(self.0.findings.len() + trust.len()))?;
                for finding in self.0.findings.iter() {
                    seq.serialize_element(finding)?;
                }
                for finding in trust {
                    seq.serialize_element(finding)?;
                }
                seq.end()
            }
        }

        let verification = self.report.trust.verification();
        let path: Vec<&str> = verification
            .map(|v| v.path.iter().map(|entry| entry.subject()).collect())
            .unwrap_or_default();
        let revocation = verification.map_or(&Revocation::Unknown, |v| &v.revocation);
        let (revoked_at, reason) = match revocation {
            Revocation::Revoked {
                revoked_at, reason, ..
            } => (Some(Seconds(*revoked_at)), reason.map(|r| r.name())),
            _ => (None, None),
        };
        let mut map = serializer.serialize_map(Some(11))?;
        map.serialize_entry("file", self.file)?;
        map.serialize_entry("index", &self.index)?;
        map.serialize_entry("trusted", &verification.is_some_and(|v| v.is_trusted()))?;
        map.serialize_entry("path", &path)?;
        map.serialize_entry("revocation", revocation.as_str())?;
        map.serialize_entry("revoked_at", &revoked_at)?;
        map.serialize_entry("reason", &reason)?;
        map.serialize_entry("profile", &self.report.profile())?;
        map.serialize_entry("environment", &self.report.environment())?;
        map.serialize_entry("conforms", &self.report.conforms())?;
        map.serialize_entry("findings", &AllFindings(self.report))?;
        map.end()
    }
}

/// One line of `cargo run --example crl -- --json`: a CRL of `file`, checked
/// ([`check_crl`](crate::trust::check_crl)), with the serial numbers looked up:
/// `{file, issuer, this_update, next_update, number, entries, signature_valid, fresh, findings,
/// lookups}`. `number` is the CRL number in decimal (or null), `entries` the count,
/// `signature_valid` null without an issuer certificate; each lookup is `{serial, revoked,
/// revoked_at, reason}` with the serial as minimal lowercase hex.
#[cfg(feature = "trust")]
#[derive(Clone, Copy, Debug)]
pub struct CrlLine<'a> {
    file: &'a str,
    crl: &'a crate::revocation::Crl,
    check: &'a crate::trust::CrlCheck,
    lookups: &'a [SerialNumber],
}

#[cfg(feature = "trust")]
impl<'a> CrlLine<'a> {
    /// The line of `crl`, read from `file`, checked in `check`, with `lookups` looked up.
    pub fn new(
        file: &'a str,
        crl: &'a crate::revocation::Crl,
        check: &'a crate::trust::CrlCheck,
        lookups: &'a [SerialNumber],
    ) -> Self {
        CrlLine {
            file,
            crl,
            check,
            lookups,
        }
    }
}

#[cfg(feature = "trust")]
impl Serialize for CrlLine<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// `{serial, revoked, revoked_at, reason}`.
        struct Lookup<'c>(&'c crate::revocation::Crl, &'c SerialNumber);

        impl Serialize for Lookup<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let entry = self.0.lookup(self.1);
                let mut map = serializer.serialize_map(Some(4))?;
                map.serialize_entry("serial", &self.1.to_hex_string())?;
                map.serialize_entry("revoked", &entry.is_some())?;
                map.serialize_entry("revoked_at", &entry.map(|e| Seconds(e.revoked_at)))?;
                map.serialize_entry("reason", &entry.and_then(|e| e.reason).map(|r| r.name()))?;
                map.end()
            }
        }

        let crl = self.crl;
        let lookups: Vec<Lookup<'_>> = self.lookups.iter().map(|s| Lookup(crl, s)).collect();
        let mut map = serializer.serialize_map(Some(10))?;
        map.serialize_entry("file", self.file)?;
        map.serialize_entry("issuer", &crl.issuer().to_string())?;
        map.serialize_entry("this_update", &Seconds(crl.this_update()))?;
        map.serialize_entry("next_update", &crl.next_update().map(Seconds))?;
        map.serialize_entry("number", &crl.number().map(|n| n.to_decimal_string()))?;
        map.serialize_entry("entries", &crl.entries().len())?;
        map.serialize_entry("signature_valid", &self.check.signature_valid)?;
        map.serialize_entry("fresh", &self.check.fresh)?;
        map.serialize_entry("findings", &self.check.findings)?;
        map.serialize_entry("lookups", &lookups)?;
        map.end()
    }
}

/// The line of a file that cannot be read: `{file, error}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct FileError<'a> {
    file: &'a str,
    error: &'a str,
}

impl<'a> FileError<'a> {
    /// `file` could not be read, for the reason `error`.
    pub fn new(file: &'a str, error: &'a str) -> Self {
        FileError { file, error }
    }
}

/// Bytes as lowercase hex, written without an intermediate string per byte.
struct LowerHex<'a>(&'a [u8]);

impl core::fmt::Display for LowerHex<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.iter().try_for_each(|byte| write!(f, "{byte:02x}"))
    }
}

impl Serialize for LowerHex<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
