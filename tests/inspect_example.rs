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

/// Every key of an inspect JSON line, in any order.
const KEYS: [&str; 12] = [
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
    "findings",
];

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
    assert_eq!(keys(&value), BTreeSet::from(KEYS));
    assert_eq!(value["profile"], "system-signature");
    assert_eq!(value["environment"], "production");
    assert_eq!(value["status"], "expired");
    assert_eq!(value["conforms"], true);
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

fn inspect_file(file: &str) -> (sote_certs::Report, String) {
    let cert = &read_certificates(&std::fs::read(file).unwrap()).unwrap()[0];
    let at = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    (
        Inspector::dvv().inspect(cert, at),
        cert.subject().to_string(),
    )
}

#[test]
fn inspect_json_says_conforms_null_for_a_ca_certificate_with_the_same_keys() {
    for file in [
        "tests/fixtures/real/related-dvv-ca-fineid-intermediate-00-citizen-g3.pem",
        "tests/fixtures/real/related-dvv-ca-fineid-intermediate-03-organisation-g4r.pem",
    ] {
        let (report, subject) = inspect_file(file);
        let line = inspect_example::as_json(file, 0, "issuer", &subject, &report);
        let value: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(keys(&value), BTreeSet::from(KEYS), "{file}");
        // Not `true`, though there is no finding: a CA certificate has no profile to conform to.
        assert_eq!(value["conforms"], Value::Null, "{file}");
        assert_eq!(value["profile"], Value::Null, "{file}");
        assert_eq!(value["environment"], Value::Null, "{file}");
        assert_eq!(value["findings"], serde_json::json!([]), "{file}");
    }
}

#[test]
fn inspect_human_output_says_not_judged_for_a_ca_certificate_and_that_signatures_are_not_verified()
{
    let file = "tests/fixtures/real/related-dvv-ca-fineid-intermediate-00-citizen-g3.pem";
    let (report, subject) = inspect_file(file);
    let text = inspect_example::as_human(file, 0, "issuer", &subject, &report);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.contains(&"  profile      none: a CA certificate, not a sote service certificate"),
        "{text}"
    );
    assert!(
        lines.contains(&"  conforms     not judged: not a sote certificate"),
        "{text}"
    );
    assert!(
        lines.contains(&"  signature    not verified: the inspection judges the content only"),
        "{text}"
    );
    assert!(!text.contains("conforms     yes"), "{text}");

    let sote = "tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem";
    let (report, subject) = inspect_file(sote);
    let text = inspect_example::as_human(sote, 0, "issuer", &subject, &report);
    assert!(text.lines().any(|l| l == "  conforms     yes"), "{text}");
    assert!(
        text.contains("  signature    not verified: the inspection judges the content only"),
        "{text}"
    );
}

#[test]
fn inspect_refuses_a_file_over_the_bound_from_its_size() {
    let dir = std::env::temp_dir().join(format!("sote-certs-bound-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("50mb.pem");
    // A sparse 50 MB file: refused from its size, without being read into memory.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(50_000_000)
        .unwrap();
    let max = sote_certs::certificate::CertificateReader::DEFAULT_MAX_INPUT;
    assert_eq!(
        inspect_example::input::read_bounded(&big, max),
        Err(format!(
            "file of 50000000 bytes is over the limit of {max} (raise it with --max-input BYTES)"
        ))
    );
    let pem = "tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem";
    let len = std::fs::metadata(pem).unwrap().len() as usize;
    let path = std::path::Path::new(pem);
    assert_eq!(
        inspect_example::input::read_bounded(path, len).map(|b| b.len()),
        Ok(len)
    );
    assert!(inspect_example::input::read_bounded(path, len - 1).is_err());
    assert_eq!(
        inspect_example::input::parse_max_input(Some("8000000".into())),
        Ok(8_000_000)
    );
    assert!(inspect_example::input::parse_max_input(Some("8MB".into())).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}
