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
