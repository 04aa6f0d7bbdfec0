//! The `inspect` example's JSON lines, checked through the example's own function (the example
//! file is compiled into this test; no nested cargo run).

#[allow(dead_code)]
#[path = "../examples/inspect.rs"]
mod inspect_example;

#[path = "support/json_keys.rs"]
mod json_keys;
use json_keys::keys;

use chrono::{TimeZone, Utc};
use sote_certs::{Inspector, read_certificates};
use std::collections::BTreeSet;

use serde_json::Value;

#[test]
fn inspect_json_has_exactly_the_issue_keys_and_the_serial_object() {
    let file = "tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem";
    let cert = &read_certificates(&std::fs::read(file).unwrap()).unwrap()[0];
    let at = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let report = Inspector::dvv().inspect(cert, at);
    let subject = cert.subject().to_string();
    let line = inspect_example::as_json(
        file,
        0,
        "DVV Social Welfare and Healthcare Service Certificates - G3E",
        &subject,
        &report,
    );
    let value: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(
        keys(&value),
        BTreeSet::from([
            "file",
            "index",
            "profile",
            "environment",
            "issuer",
            "subject",
            "serial",
            "not_before",
            "not_after",
            "status",
            "conforms",
            "findings"
        ])
    );
    assert_eq!(value["profile"], "system-signature");
    assert_eq!(value["environment"], "production");
    assert_eq!(value["status"], "expired");
    assert_eq!(value["not_after"], "2023-12-19T21:59:59Z");
    assert_eq!(value["serial"]["hex"], "017dd7810fc3030e71245bda512189");
    assert_eq!(value["serial"]["embedded_time"], "2021-12-20T11:01:39.395Z");
    assert!(value["serial"].get("input").is_none());
    assert_eq!(
        keys(&value["findings"][0]),
        BTreeSet::from(["rule", "severity", "message", "source"])
    );
    assert_eq!(value["findings"][0]["rule"], "eku.other");
    assert_eq!(
        value["subject"],
        "CN=Todistuspalvelu,SERIALNUMBER=1.2.246.556.12.21.2,OU=Kanta,O=Kansanelakelaitos,L=Helsinki,ST=Finland,C=FI"
    );
}
