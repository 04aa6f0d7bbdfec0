#![cfg(feature = "serde")]
//! The JSON contract: the shapes the examples print with `--json`, which the library's
//! `Serialize` impls and the `sote_certs::json` lines produce. Key sets and values are pinned
//! exactly.

mod common;

use common::{date, keys, real, set, utc};
use serde_json::{Value, json};
use sote_certs::csr::read_certificate_requests;
use sote_certs::json::{FileError, InspectLine, RenewalLine, RequestLine, Serial, SerialLine};
use sote_certs::renewal::RenewalPolicy;
use sote_certs::{Inspector, Profile, SerialNumber};

const SERIAL_KEYS: [&str; 11] = [
    "hex",
    "decimal",
    "der",
    "octets",
    "bits",
    "negative",
    "form",
    "embedded_time",
    "rfc5280",
    "fits",
    "ambiguous",
];

const FITS_KEYS: [&str; 8] = [
    "i32",
    "u32",
    "i64",
    "u64",
    "i128",
    "u128",
    "js_safe_integer",
    "decimal38",
];

const INSPECT_KEYS: [&str; 13] = [
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
    "trust",
    "findings",
];

const REQUEST_KEYS: [&str; 8] = [
    "file",
    "profile",
    "signature_valid",
    "key",
    "subject",
    "dns_names",
    "ok",
    "findings",
];

fn fits(all: bool) -> Value {
    json!({
        "i32": all, "u32": all, "i64": all, "u64": all, "i128": all, "u128": all,
        "js_safe_integer": all, "decimal38": all,
    })
}

fn line(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap()
}

// ---- serial ----

#[test]
fn serial_line_has_exactly_input_and_the_serial_keys() {
    let serial_line = SerialLine::read("0bf4eab0");
    assert_eq!(serial_line.input(), "0bf4eab0");
    assert!(serial_line.is_read());
    let value = line(&serial_line);
    let mut expected = set(SERIAL_KEYS);
    expected.insert("input");
    assert_eq!(keys(&value), expected);
    assert_eq!(keys(&value["fits"]), set(FITS_KEYS));
}

#[test]
fn serial_line_for_dvv_legacy_example() {
    assert_eq!(
        line(SerialLine::read("0bf4eab0")),
        json!({
            "input": "0bf4eab0",
            "hex": "0bf4eab0",
            "decimal": "200600240",
            "der": "02040bf4eab0",
            "octets": 4,
            "bits": 28,
            "negative": false,
            "form": "legacy-32",
            "embedded_time": null,
            "rfc5280": true,
            "fits": fits(true),
            "ambiguous": false,
        })
    );
}

#[test]
fn serial_line_for_dvv_long_example_read_from_decimal() {
    let input = "dec:87112293252494463413683796322992020427259";
    assert_eq!(
        line(SerialLine::read(input)),
        json!({
            "input": input,
            "hex": "0100000168f0a805c366b43b5de968c691fb",
            "decimal": "87112293252494463413683796322992020427259",
            "der": "02120100000168f0a805c366b43b5de968c691fb",
            "octets": 18,
            "bits": 137,
            "negative": false,
            "form": "long",
            "embedded_time": "2019-02-15T10:16:09.923Z",
            "rfc5280": true,
            "fits": fits(false),
            "ambiguous": false,
        })
    );
}

#[test]
fn bare_digits_are_read_as_hex_and_flagged_ambiguous() {
    let serial_line = SerialLine::read("12345678");
    assert!(serial_line.is_read());
    let value = line(serial_line);
    assert_eq!(value["ambiguous"], true);
    assert_eq!(value["hex"], "12345678");
    assert_eq!(value["decimal"], "305419896");
}

#[test]
fn negative_and_zero_values_use_a_sign_and_00() {
    let value = line(SerialLine::read("dec:-129"));
    assert_eq!(value["hex"], "-81");
    assert_eq!(value["decimal"], "-129");
    assert_eq!(value["der"], "0202ff7f");
    assert_eq!(value["negative"], true);
    assert_eq!(value["rfc5280"], false);
    let value = line(SerialLine::read("hex:0"));
    assert_eq!(value["hex"], "00");
    assert_eq!(value["der"], "020100");
    assert_eq!(value["bits"], 0);
    assert_eq!(value["rfc5280"], false);
}

#[test]
fn unreadable_notation_gives_input_and_error_only() {
    let serial_line = SerialLine::read("0bg4");
    assert!(!serial_line.is_read());
    assert_eq!(
        line(serial_line),
        json!({ "input": "0bg4", "error": "invalid hex digit 'g' at offset 2" })
    );
}

#[test]
fn serial_number_serialises_as_its_canonical_text_and_reads_back() {
    let serial = SerialNumber::from_hex("0100000168f0a805c366b43b5de968c691fb").unwrap();
    let value = line(&serial);
    assert_eq!(value, json!("0x0100000168f0a805c366b43b5de968c691fb"));
    assert_eq!(
        serde_json::from_value::<SerialNumber>(value).unwrap(),
        serial
    );
    let negative = SerialNumber::from_decimal("-1").unwrap();
    assert_eq!(line(&negative), json!("-0x01"));
    // Any notation reads; a bare digit string is refused as ambiguous, with the reader's message.
    assert_eq!(
        serde_json::from_value::<SerialNumber>(json!("dec:200600240")).unwrap(),
        SerialNumber::from_hex("0bf4eab0").unwrap()
    );
    let error = serde_json::from_value::<SerialNumber>(json!("12345678")).unwrap_err();
    assert!(error.to_string().contains("ambiguous"), "{error}");
}

#[test]
fn interop_serialises_without_the_serial_forms() {
    let serial = SerialNumber::from_hex("0bf4eab0").unwrap();
    assert_eq!(
        line(serial.interop()),
        json!({
            "octets": 4,
            "bits": 28,
            "negative": false,
            "form": "legacy-32",
            "embedded_time": null,
            "rfc5280": true,
            "fits": fits(true),
        })
    );
    assert_eq!(keys(&line(Serial::new(&serial))), set(SERIAL_KEYS));
}

// ---- inspect ----

const G3E: &str = "kela-dcc-dsc-prod-2021-12-20-dvv-g3e";

#[test]
fn inspect_line_has_exactly_the_issue_keys_and_the_serial_object() {
    let file = format!("tests/fixtures/real/{G3E}.pem");
    let cert = real(G3E);
    let report = Inspector::dvv().inspect(&cert, utc(2024, 1, 1, 0, 0, 0));
    let value = line(InspectLine::new(&file, 0, &cert, &report));
    assert_eq!(keys(&value), set(INSPECT_KEYS));
    assert_eq!(value["file"], file.as_str());
    assert_eq!(value["index"], 0);
    assert_eq!(
        value["issuer"],
        "DVV Social Welfare and Healthcare Service Certificates - G3E"
    );
    assert_eq!(value["profile"], "system-signature");
    assert_eq!(value["environment"], "production");
    assert_eq!(value["status"], "expired");
    assert_eq!(value["conforms"], true);
    // Inspected without trust anchors: the issuer's signature is not verified, and it says so.
    assert_eq!(value["trust"], "not-verified");
    assert_eq!(value["not_before"], "2021-12-20T12:00:00Z");
    assert_eq!(value["not_after"], "2023-12-19T21:59:59Z");
    assert_eq!(keys(&value["serial"]), set(SERIAL_KEYS));
    assert_eq!(value["serial"]["hex"], "017dd7810fc3030e71245bda512189");
    assert_eq!(value["serial"]["embedded_time"], "2021-12-20T11:01:39.395Z");
    assert_eq!(value["serial"]["ambiguous"], false);
    assert_eq!(
        keys(&value["findings"][0]),
        set(["rule", "severity", "message", "source"])
    );
    assert_eq!(value["findings"][0]["rule"], "eku.other");
    assert_eq!(
        value["subject"],
        "CN=Todistuspalvelu,SERIALNUMBER=1.2.246.556.12.21.2,OU=Kanta,O=Kansanelakelaitos,L=Helsinki,ST=Finland,C=FI"
    );
}

#[test]
fn a_report_serialises_as_the_inspect_line_without_where_it_came_from() {
    let cert = real(G3E);
    let report = Inspector::dvv().inspect(&cert, utc(2024, 1, 1, 0, 0, 0));
    let mut from_line = line(InspectLine::new("x.pem", 3, &cert, &report));
    let map = from_line.as_object_mut().unwrap();
    for key in ["file", "index", "issuer", "subject"] {
        map.remove(key);
    }
    assert_eq!(line(&report), from_line);
    let finding = &report.findings[0];
    assert_eq!(
        line(finding),
        json!({
            "rule": finding.code(),
            "severity": finding.severity().as_str(),
            "message": finding.message,
            "source": finding.source(),
        })
    );
}

#[test]
fn inspect_line_says_conforms_null_for_a_ca_certificate_with_the_same_keys() {
    for name in [
        "related-dvv-ca-fineid-intermediate-00-citizen-g3",
        "related-dvv-ca-fineid-intermediate-03-organisation-g4r",
    ] {
        let cert = real(name);
        let report = Inspector::dvv().inspect(&cert, utc(2024, 1, 1, 0, 0, 0));
        let value = line(InspectLine::new(name, 0, &cert, &report));
        assert_eq!(keys(&value), set(INSPECT_KEYS), "{name}");
        // Not `true`, though there is no finding: a CA certificate has no profile to conform to.
        assert_eq!(value["conforms"], Value::Null, "{name}");
        assert_eq!(value["profile"], Value::Null, "{name}");
        assert_eq!(value["environment"], Value::Null, "{name}");
        assert_eq!(value["findings"], json!([]), "{name}");
    }
}

#[test]
fn a_file_that_cannot_be_read_gives_file_and_error_only() {
    assert_eq!(
        line(FileError::new("a.pem", "no certificate")),
        json!({ "file": "a.pem", "error": "no certificate" })
    );
}

// ---- csr ----

/// The `csr` line for a bundled request, checked as a server request on 2026-01-15.
fn request_line(file: &str) -> Value {
    let path = format!("tests/fixtures/requests/{file}");
    let csr = &read_certificate_requests(&common::fixture(&format!("requests/{file}"))).unwrap()[0];
    let report = Inspector::dvv().check_request(csr, Profile::Server, date(2026, 1, 15), &[]);
    line(RequestLine::new(&path, csr, &report))
}

fn rules(value: &Value) -> Vec<&str> {
    value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

#[cfg(feature = "verify")]
#[test]
fn request_line_has_exactly_the_issue_keys() {
    let value = request_line("server-ec-p384.csr");
    assert_eq!(keys(&value), set(REQUEST_KEYS));
    assert_eq!(value["file"], "tests/fixtures/requests/server-ec-p384.csr");
    assert_eq!(value["profile"], "server");
    assert_eq!(value["key"], "ec-p384");
    assert_eq!(value["signature_valid"], true);
    assert_eq!(value["ok"], true);
    assert_eq!(value["dns_names"], json!(["kanta.esimerkki.fi"]));
    assert_eq!(value["findings"], json!([]));
}

#[cfg(feature = "verify")]
#[test]
fn request_line_signature_valid_is_true_false_or_null() {
    let unchecked = request_line("server-ec-p256-sha1.csr");
    assert_eq!(keys(&unchecked), set(REQUEST_KEYS));
    assert_eq!(unchecked["signature_valid"], Value::Null);
    assert_eq!(unchecked["ok"], false);
    assert_eq!(rules(&unchecked), ["csr.signature-weak"]);
    assert_eq!(unchecked["findings"][0]["severity"], "error");

    // A valid SHA-1 signature is never `false`: valid, and weak.
    let sha1 = request_line("server-rsa2048-sha1.csr");
    assert_eq!(sha1["signature_valid"], true);
    assert_eq!(sha1["ok"], false);
    assert_eq!(rules(&sha1), ["csr.signature-weak"]);

    let corrupted = request_line("corrupted-signature.der");
    assert_eq!(corrupted["signature_valid"], false);
    assert_eq!(rules(&corrupted), ["csr.signature-invalid"]);
}

#[cfg(not(feature = "verify"))]
#[test]
fn without_verify_no_request_signature_is_checked() {
    let value = request_line("server-ec-p384.csr");
    assert_eq!(keys(&value), set(REQUEST_KEYS));
    assert_eq!(value["signature_valid"], Value::Null);
    assert_eq!(value["ok"], false);
}

// ---- renewal ----

#[test]
fn renewal_line_has_exactly_the_issue_keys() {
    let plan = RenewalPolicy::dvv().plan(&real(G3E)).unwrap();
    let outlook = plan.outlook_on(date(2023, 12, 1)).unwrap();
    assert_eq!(
        line(RenewalLine::new("g3e.pem", 0, outlook)),
        json!({
            "file": "g3e.pem",
            "index": 0,
            "last_valid_day": "2023-12-19",
            "apply_by": "2023-12-04",
            "workdays_left": 1,
            "expired": false,
        })
    );
    // At an instant, expiry follows notAfter (2023-12-19T21:59:59Z).
    let at_end = plan.outlook_at(utc(2023, 12, 19, 21, 59, 59)).unwrap();
    assert!(!at_end.expired);
    assert!(
        plan.outlook_at(utc(2023, 12, 19, 22, 0, 0))
            .unwrap()
            .expired
    );
    assert_eq!(line(at_end)["workdays_left"], -10);
}

// ---- verify and crl ----

#[cfg(all(feature = "trust", feature = "test-fixtures"))]
mod trust_lines {
    use super::*;
    use chrono::Duration;
    use sote_certs::Certificate;
    use sote_certs::json::{CrlLine, VerifyLine};
    use sote_certs::mint::{CertTemplate, CrlTemplate, DvvCa};
    use sote_certs::revocation::{Crl, CrlReason};
    use sote_certs::trust::{Verifier, check_crl};

    const VERIFY_KEYS: [&str; 11] = [
        "file",
        "index",
        "trusted",
        "path",
        "revocation",
        "revoked_at",
        "reason",
        "profile",
        "environment",
        "conforms",
        "findings",
    ];

    const CRL_KEYS: [&str; 10] = [
        "file",
        "issuer",
        "this_update",
        "next_update",
        "number",
        "entries",
        "signature_valid",
        "fresh",
        "findings",
        "lookups",
    ];

    struct Minted {
        ca: Certificate,
        leaf: Certificate,
        crl: Crl,
    }

    fn minted() -> Minted {
        let now = utc(2024, 3, 1, 10, 0, 0);
        let ca = DvvCa::g3e().test_ca(7).unwrap();
        let leaf = ca
            .issue(
                &CertTemplate::dvv_like(Profile::SystemSignature, now - Duration::days(3)).unwrap(),
            )
            .unwrap();
        let leaf = Certificate::from_der(&leaf.der).unwrap();
        let crl = ca
            .issue_crl(&CrlTemplate::new(now - Duration::hours(1)).revoke(
                leaf.serial(),
                utc(2024, 2, 29, 8, 0, 0),
                CrlReason::KeyCompromise,
            ))
            .unwrap();
        Minted {
            ca: Certificate::from_der(&ca.certificate().der).unwrap(),
            leaf,
            crl: Crl::from_der(&crl).unwrap(),
        }
    }

    #[test]
    fn verify_line_has_exactly_the_issue_keys() {
        let m = minted();
        let mut verifier = Verifier::new();
        verifier.add_anchor(&m.ca, None).unwrap();
        let at = utc(2024, 3, 1, 10, 0, 0);
        let report = Inspector::dvv().inspect_verified(&m.leaf, &verifier, at);
        let value = line(VerifyLine::new("leaf.pem", 0, &report));
        assert_eq!(keys(&value), set(VERIFY_KEYS));
        assert_eq!(value["trusted"], true);
        assert_eq!(value["path"].as_array().map(Vec::len), Some(2));
        assert_eq!(value["path"][0], m.leaf.subject().to_string());
        assert_eq!(value["revocation"], "unknown");
        assert_eq!(value["revoked_at"], Value::Null);
        assert_eq!(value["reason"], Value::Null);
        assert_eq!(value["profile"], "system-signature");
        assert_eq!(value["conforms"], true);
        // The chain's notice (no CRL) is among the findings, in the inspection's shape.
        assert_eq!(value["findings"][0]["rule"], "crl.none");
        assert_eq!(
            keys(&value["findings"][0]),
            set(["rule", "severity", "message", "source"])
        );

        verifier.add_crl(m.crl.clone());
        let report = Inspector::dvv().inspect_verified(&m.leaf, &verifier, at);
        let value = line(VerifyLine::new("leaf.pem", 0, &report));
        assert_eq!(value["revocation"], "revoked");
        assert_eq!(value["revoked_at"], "2024-02-29T08:00:00Z");
        assert_eq!(value["reason"], "keyCompromise");

        let stranger = Inspector::dvv().inspect_verified(&m.leaf, &Verifier::new(), at);
        let value = line(VerifyLine::new("leaf.pem", 0, &stranger));
        assert_eq!(keys(&value), set(VERIFY_KEYS));
        assert_eq!(value["trusted"], false);
        assert_eq!(value["path"], json!([]));
        assert_eq!(value["findings"][0]["rule"], "chain.issuer-unknown");
    }

    #[test]
    fn crl_line_has_exactly_the_issue_keys_and_one_object_per_lookup() {
        let m = minted();
        let at = utc(2024, 3, 1, 10, 0, 0);
        let check = check_crl(&m.crl, Some(&m.ca), at);
        let lookups = [m.leaf.serial(), SerialNumber::from(5u64)];
        let value = line(CrlLine::new("g3e.crl", &m.crl, &check, &lookups));
        assert_eq!(keys(&value), set(CRL_KEYS));
        assert_eq!(value["number"], "1");
        assert_eq!(value["entries"], 1);
        assert_eq!(value["signature_valid"], true);
        assert_eq!(value["fresh"], true);
        assert_eq!(value["findings"], json!([]));
        assert_eq!(value["this_update"], "2024-03-01T09:00:00Z");
        assert_eq!(value["next_update"], "2024-03-08T09:00:00Z");
        assert_eq!(
            value["lookups"],
            json!([
                {
                    "serial": m.leaf.serial().to_hex_string(),
                    "revoked": true,
                    "revoked_at": "2024-02-29T08:00:00Z",
                    "reason": "keyCompromise",
                },
                {"serial": "05", "revoked": false, "revoked_at": null, "reason": null},
            ])
        );
        // Without an issuer the signature is not checked: null, not false.
        let unchecked = check_crl(&m.crl, None, at + Duration::days(30));
        let value = line(CrlLine::new("g3e.crl", &m.crl, &unchecked, &[]));
        assert_eq!(value["signature_valid"], Value::Null);
        assert_eq!(value["fresh"], false);
        assert_eq!(value["findings"][0]["rule"], "crl.stale");
        assert_eq!(value["lookups"], json!([]));
    }
}
