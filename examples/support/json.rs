//! JSON shapes shared by the examples (`serial`, `inspect`), so that they print one object form.

use serde_json::{Value, json};
use sote_certs::SerialNumber;
use sote_certs::inspect::Finding;

/// The serial object of `cargo run --example serial -- --json`, without `input`.
#[allow(dead_code)]
pub fn serial_json(serial: &SerialNumber, ambiguous: bool) -> Value {
    let interop = serial.interop();
    json!({
        "hex": serial.to_hex_string(),
        "decimal": serial.to_decimal_string(),
        "der": hex_bytes(&serial.to_der()),
        "octets": interop.octets,
        "bits": interop.bits,
        "negative": interop.negative,
        "form": interop.form.as_str(),
        "embedded_time": interop
            .embedded_time
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        "rfc5280": interop.rfc5280,
        "fits": {
            "i32": interop.fits.i32,
            "u32": interop.fits.u32,
            "i64": interop.fits.i64,
            "u64": interop.fits.u64,
            "i128": interop.fits.i128,
            "u128": interop.fits.u128,
            "js_safe_integer": interop.fits.js_safe_integer,
            "decimal38": interop.fits.decimal38,
        },
        "ambiguous": ambiguous,
    })
}

/// A finding as `{rule, severity, message, source}`.
#[allow(dead_code)]
pub fn finding_json(finding: &Finding) -> Value {
    json!({
        "rule": finding.code(),
        "severity": finding.severity().as_str(),
        "message": finding.message,
        "source": finding.source(),
    })
}

/// Lowercase hex of bytes.
pub fn hex_bytes(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
