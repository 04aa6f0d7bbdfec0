//! Helpers shared by the integration tests (`mod common;` in each test file), in semver's
//! `#[track_caller]` style: a helper that fails points at the test line that called it.

#![allow(dead_code)] // Each test crate uses some of the helpers.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sote_certs::{Certificate, read_certificates};

/// The UTC instant `y-mo-d h:mi:s`.
#[track_caller]
pub fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    match Utc.with_ymd_and_hms(y, mo, d, h, mi, s).single() {
        Some(instant) => instant,
        None => panic!("no instant {y}-{mo}-{d} {h}:{mi}:{s} UTC"),
    }
}

/// The calendar date `y-m-d`.
#[track_caller]
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("no date {y}-{m}-{d}"),
    }
}

/// The bytes of a file under `tests/fixtures/`.
#[track_caller]
pub fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read(&full) {
        Ok(bytes) => bytes,
        Err(error) => panic!("cannot read {full}: {error}"),
    }
}

/// The first certificate of the real DVV file `tests/fixtures/real/<name>.pem`.
#[track_caller]
pub fn real(name: &str) -> Certificate {
    match read_certificates(&fixture(&format!("real/{name}.pem"))) {
        Ok(mut certificates) if !certificates.is_empty() => certificates.remove(0),
        Ok(_) => panic!("real/{name}.pem holds no certificate"),
        Err(error) => panic!("real/{name}.pem: {error}"),
    }
}

/// The keys of a JSON object.
#[cfg(feature = "serde")]
#[track_caller]
pub fn keys(value: &serde_json::Value) -> BTreeSet<&str> {
    match value.as_object() {
        Some(map) => map.keys().map(String::as_str).collect(),
        None => panic!("not a JSON object: {value}"),
    }
}

/// A sorted set, for comparing key sets.
pub fn set<const N: usize>(items: [&str; N]) -> BTreeSet<&str> {
    BTreeSet::from(items)
}
