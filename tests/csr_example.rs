//! The `csr` example's JSON lines, checked through the example's own function (the example file
//! is compiled into this test; no nested cargo run).

#[allow(dead_code)]
#[path = "../examples/csr.rs"]
mod csr_example;

#[path = "support/json_keys.rs"]
mod json_keys;
use json_keys::keys;

use chrono::NaiveDate;
use sote_certs::csr::read_certificate_requests;
use sote_certs::{Inspector, Profile};
use std::collections::BTreeSet;

use serde_json::Value;

#[test]
fn csr_json_has_exactly_the_issue_keys() {
    let file = "tests/fixtures/requests/server-ec-p384.csr";
    let csr = &read_certificate_requests(&std::fs::read(file).unwrap()).unwrap()[0];
    let date = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let report = Inspector::dvv().check_request(csr, Profile::Server, date, &[]);
    let line = csr_example::as_json(file, &csr.subject().to_string(), &csr.dns_names(), &report);
    let value: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(
        keys(&value),
        BTreeSet::from([
            "file",
            "profile",
            "signature_valid",
            "key",
            "subject",
            "dns_names",
            "ok",
            "findings"
        ])
    );
    assert_eq!(value["key"], "ec-p384");
    assert_eq!(value["signature_valid"], true);
    assert_eq!(value["ok"], true);
    assert_eq!(
        value["dns_names"],
        serde_json::json!(["kanta.esimerkki.fi"])
    );
}

/// The `csr` example's JSON line for a bundled request, checked as a server request.
fn line(file: &str) -> Value {
    let path = format!("tests/fixtures/requests/{file}");
    let csr = &read_certificate_requests(&std::fs::read(&path).unwrap()).unwrap()[0];
    let date = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let report = Inspector::dvv().check_request(csr, Profile::Server, date, &[]);
    let line = csr_example::as_json(&path, &csr.subject().to_string(), &csr.dns_names(), &report);
    serde_json::from_str(&line).unwrap()
}

fn rules(value: &Value) -> Vec<&str> {
    value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

#[test]
fn csr_json_signature_valid_is_true_false_or_null() {
    let unchecked = line("server-ec-p256-sha1.csr");
    assert_eq!(
        keys(&unchecked),
        BTreeSet::from([
            "file",
            "profile",
            "signature_valid",
            "key",
            "subject",
            "dns_names",
            "ok",
            "findings"
        ])
    );
    assert_eq!(unchecked["signature_valid"], Value::Null);
    assert_eq!(unchecked["ok"], false);
    assert_eq!(rules(&unchecked), ["csr.signature-weak"]);
    assert_eq!(unchecked["findings"][0]["severity"], "error");

    // A valid SHA-1 signature is never `false`: valid, and weak.
    let sha1 = line("server-rsa2048-sha1.csr");
    assert_eq!(sha1["signature_valid"], true);
    assert_eq!(sha1["ok"], false);
    assert_eq!(rules(&sha1), ["csr.signature-weak"]);

    let corrupted = line("corrupted-signature.der");
    assert_eq!(corrupted["signature_valid"], false);
    assert_eq!(rules(&corrupted), ["csr.signature-invalid"]);
}
