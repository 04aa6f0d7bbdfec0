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

/// The path of example `name`, built first with this test's features in this test's profile
/// (`cargo test` builds the examples, `cargo test --test X` alone does not; with the same
/// features nothing is rebuilt when the example is fresh).
#[track_caller]
pub fn example(name: &str) -> std::path::PathBuf {
    use std::process::Command;
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let features: Vec<&str> = [
        ("default", cfg!(feature = "default")),
        ("trust", cfg!(feature = "trust")),
        ("serde", cfg!(feature = "serde")),
        ("verify", cfg!(feature = "verify")),
        ("request", cfg!(feature = "request")),
        ("test-fixtures", cfg!(feature = "test-fixtures")),
        ("x509", cfg!(feature = "x509")),
    ]
    .into_iter()
    .filter_map(|(feature, on)| on.then_some(feature))
    .collect();
    let mut build = Command::new(env!("CARGO"));
    build
        .args([
            "build",
            "--example",
            name,
            "--no-default-features",
            "--features",
        ])
        .arg(features.join(","))
        .current_dir(manifest);
    if !cfg!(debug_assertions) {
        build.arg("--release");
    }
    let status = build.status().expect("cargo runs");
    assert!(status.success(), "cargo build --example {name} failed");
    let exe = std::env::current_exe().expect("the test's own path");
    let binary = exe
        .parent()
        .and_then(std::path::Path::parent)
        .expect("the test binary lives in <target>/<profile>/deps")
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(binary.exists(), "{} is missing", binary.display());
    binary
}
