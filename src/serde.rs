//! `Serialize` and `Deserialize` for the crate's values and reports (feature `serde`).
//!
//! The shapes are the ones the examples print, one per value, so a program that stores or
//! forwards a report writes what `cargo run --example inspect -- --json` shows:
//!
//! - [`SerialNumber`]: its canonical text (`"0x0bf4eab0"`, `"-0x01"`), read back with `FromStr`,
//!   so a struct holding one can derive both traits.
//! - [`Interop`]: `{octets, bits, negative, form, embedded_time, rfc5280, fits}`, with `form`
//!   `"legacy-32"` or `"long"` and `embedded_time` an RFC 3339 instant in milliseconds or null.
//! - [`Finding`]: `{rule, severity, message, source}`.
//! - [`Report`]: `{profile, environment, serial, not_before, not_after, status, conforms,
//!   findings}`; `serial` is the [`json::Serial`] object, `conforms` true, false or null (not a
//!   sote certificate).
//! - [`RequestReport`]: `{profile, signature_valid, key, ok, findings}`; `signature_valid` is
//!   true, false or null (not checked).
//! - [`Outlook`]: `{last_valid_day, apply_by, workdays_left, expired}`.
//! - [`Profile`], [`Environment`], [`Severity`], [`Status`], [`SerialForm`]: their `as_str`
//!   names.
//!
//! Only values that can be read back and re-validated implement `Deserialize`: serial numbers
//! and profiles (through `FromStr`), and the application types and renewal plans (which replay
//! or recompute what they store). A report is a judgement of a certificate at an instant; it is
//! made again from the certificate, never read back.

pub(crate) mod with;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::de::Error as _;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::csr::RequestReport;
use crate::inspect::{Finding, PolicyRule, Report, Severity};
use crate::json;
use crate::profile::{Environment, Profile};
use crate::renewal::Outlook;
use crate::serial::{Interop, SerialForm, SerialNumber};
use crate::validity::Status;

/// A value written as a map: its entries, so that a line can add its own around them without
/// `serde(flatten)`.
pub(crate) trait Entries {
    /// The number of entries written.
    const LEN: usize;

    /// Writes the entries into `map`.
    fn entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// Serialises `value` as a map of its entries.
pub(crate) fn as_map<T: Entries, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(T::LEN))?;
    value.entries(&mut map)?;
    map.end()
}

/// An instant as RFC 3339 in whole seconds (`2023-12-19T21:59:59Z`).
pub(crate) struct Seconds(pub(crate) DateTime<Utc>);

impl Serialize for Seconds {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0.to_rfc3339_opts(SecondsFormat::Secs, true))
    }
}

/// An instant as RFC 3339 in milliseconds (`2019-02-15T10:16:09.923Z`).
struct Millis(DateTime<Utc>);

impl Serialize for Millis {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0.to_rfc3339_opts(SecondsFormat::Millis, true))
    }
}

impl Serialize for SerialNumber {
    /// The canonical text (`0x0bf4eab0`), which `FromStr` reads back.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SerialNumber {
    /// Any notation `FromStr` reads (`0x…`, `hex:…`, `dec:…`, `der:…`, …); a bare digit string
    /// is refused as ambiguous.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(D::Error::custom)
    }
}

impl Serialize for SerialForm {
    /// `"legacy-32"` or `"long"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SerialForm {
    /// `"legacy-32"` or `"long"`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        match &*text {
            "legacy-32" => Ok(SerialForm::Legacy32),
            "long" => Ok(SerialForm::Long),
            other => Err(D::Error::unknown_variant(other, &["legacy-32", "long"])),
        }
    }
}

impl Entries for Interop {
    const LEN: usize = 7;

    fn entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry("octets", &self.octets)?;
        map.serialize_entry("bits", &self.bits)?;
        map.serialize_entry("negative", &self.negative)?;
        map.serialize_entry("form", &self.form)?;
        map.serialize_entry("embedded_time", &self.embedded_time.map(Millis))?;
        map.serialize_entry("rfc5280", &self.rfc5280)?;
        map.serialize_entry("fits", &self.fits)
    }
}

impl Serialize for Interop {
    /// `{octets, bits, negative, form, embedded_time, rfc5280, fits}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        as_map(self, serializer)
    }
}

impl Serialize for Profile {
    /// `"server"`, `"test-server"`, `"system-signature"` or `"test-system-signature"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Profile {
    /// The names `FromStr` reads.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(D::Error::custom)
    }
}

impl Serialize for Environment {
    /// `"production"` or `"test"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for Severity {
    /// `"error"`, `"warning"` or `"notice"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for Status {
    /// `"valid"`, `"expired"` or `"not-yet-valid"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<R: PolicyRule> Serialize for Finding<R> {
    /// `{rule, severity, message, source}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("rule", self.code())?;
        map.serialize_entry("severity", &self.severity())?;
        map.serialize_entry("message", &self.message)?;
        map.serialize_entry("source", self.source())?;
        map.end()
    }
}

impl Entries for Report {
    const LEN: usize = 9;

    fn entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry("profile", &self.profile())?;
        map.serialize_entry("environment", &self.environment())?;
        map.serialize_entry("serial", &json::Serial::new(&self.serial))?;
        map.serialize_entry("not_before", &Seconds(self.not_before))?;
        map.serialize_entry("not_after", &Seconds(self.not_after))?;
        map.serialize_entry("status", &self.status)?;
        // true, false, or null for a certificate without a sote profile.
        map.serialize_entry("conforms", &self.conforms())?;
        // "not-verified" (content judged, issuer unknown), "trusted" or "untrusted".
        map.serialize_entry("trust", self.trust.as_str())?;
        map.serialize_entry("findings", &self.findings)
    }
}

impl Serialize for Report {
    /// `{profile, environment, serial, not_before, not_after, status, conforms, trust,
    /// findings}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        as_map(self, serializer)
    }
}

impl Entries for RequestReport {
    const LEN: usize = 5;

    fn entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry("profile", &self.profile)?;
        // true (verified, valid), false (verified, wrong) or null (not checked).
        map.serialize_entry("signature_valid", &self.signature.is_valid())?;
        map.serialize_entry("key", &self.key.as_ref().map(|key| key.name()))?;
        map.serialize_entry("ok", &self.ok())?;
        map.serialize_entry("findings", &self.findings)
    }
}

impl Serialize for RequestReport {
    /// `{profile, signature_valid, key, ok, findings}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        as_map(self, serializer)
    }
}

impl Entries for Outlook {
    const LEN: usize = 4;

    fn entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry("last_valid_day", &self.last_valid_day)?;
        map.serialize_entry("apply_by", &self.apply_by)?;
        map.serialize_entry("workdays_left", &self.workdays_left)?;
        map.serialize_entry("expired", &self.expired)
    }
}

impl Serialize for Outlook {
    /// `{last_valid_day, apply_by, workdays_left, expired}`, dates as `YYYY-MM-DD`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        as_map(self, serializer)
    }
}
