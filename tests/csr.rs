//! Certificate request pre-flight: reading, proof of possession, and the profile's rules.

use chrono::NaiveDate;
use sote_certs::csr::{CertificateRequest, SignatureCheck, read_certificate_requests};
use sote_certs::organisation::DomainName;
use sote_certs::{Inspector, Profile, ReadError};

fn request(file: &str) -> CertificateRequest {
    let bytes = std::fs::read(format!("tests/fixtures/requests/{file}")).unwrap();
    let mut requests = read_certificate_requests(&bytes).unwrap();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn openssl_requests_of_every_key_type_are_accepted_for_a_server() {
    for (file, key) in [
        ("server-rsa2048.csr", "rsa-2048"),
        ("server-rsa4096.csr", "rsa-4096"),
        ("server-ec-p256.csr", "ec-p256"),
        ("server-ec-p384.csr", "ec-p384"),
        ("server-ec-p256.der", "ec-p256"),
        ("server-rsa2048-new-label.csr", "rsa-2048"),
    ] {
        let csr = request(file);
        assert_eq!(csr.verify_signature(), SignatureCheck::Valid, "{file}");
        let report = Inspector::dvv().check_request(&csr, Profile::Server, day(2026, 1, 15), &[]);
        assert_eq!(
            report.key.as_ref().map(|k| k.name()).as_deref(),
            Some(key),
            "{file}"
        );
        assert!(report.findings.is_empty(), "{file}: {:?}", report.findings);
        assert!(report.ok(), "{file}");
        assert_eq!(csr.dns_names(), ["kanta.esimerkki.fi"], "{file}");
    }
}

#[test]
fn pem_and_der_of_one_request_read_alike() {
    assert_eq!(request("server-ec-p256.csr"), request("server-ec-p256.der"));
}

#[test]
fn corrupted_signature_is_refused() {
    let csr = request("corrupted-signature.der");
    assert_eq!(csr.verify_signature(), SignatureCheck::Invalid);
    let report = Inspector::dvv().check_request(&csr, Profile::Server, day(2026, 1, 15), &[]);
    assert_eq!(report.codes(), ["csr.signature-invalid"]);
    assert!(!report.ok());
}

#[test]
fn weak_key_is_a_finding() {
    let csr = request("weak-rsa1024.csr");
    let report = Inspector::dvv().check_request(&csr, Profile::Server, day(2026, 1, 15), &[]);
    assert_eq!(report.codes(), ["key.weak"]);
    assert_eq!(
        report.findings[0].message,
        "RSA key of 1024 bits, under 2048"
    );
}

#[test]
fn a_server_request_checked_as_system_signature_fails_on_its_usages() {
    let csr = request("server-ec-p256.csr");
    let report =
        Inspector::dvv().check_request(&csr, Profile::SystemSignature, day(2026, 1, 15), &[]);
    assert_eq!(
        report.codes(),
        ["key-usage.mismatch", "eku.tls-in-signature"]
    );
}

#[test]
fn names_must_be_administered_by_the_applicant() {
    let csr = request("server-rsa2048.csr");
    let own: DomainName = "esimerkki.fi".parse().unwrap();
    let other: DomainName = "toinen.fi".parse().unwrap();
    let inspector = Inspector::dvv();
    let date = day(2026, 1, 15);
    assert!(
        inspector
            .check_request(&csr, Profile::Server, date, std::slice::from_ref(&own))
            .ok()
    );
    let report = inspector.check_request(&csr, Profile::Server, date, &[other]);
    assert_eq!(report.codes(), ["san.not-administered"]);
    assert!(report.findings[0].message.contains("kanta.esimerkki.fi"));
}

#[test]
fn a_certificate_is_not_a_request() {
    let pem =
        std::fs::read("tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem").unwrap();
    assert!(matches!(
        read_certificate_requests(&pem),
        Err(ReadError::WrongLabel {
            index: 0,
            expected: "CERTIFICATE REQUEST",
            ..
        })
    ));
    let (_, der) = der::pem::decode_vec(&pem).unwrap();
    assert!(matches!(
        CertificateRequest::from_der(&der),
        Err(ReadError::Der { .. })
    ));
}

#[test]
fn empty_and_garbage_inputs_are_errors() {
    assert_eq!(read_certificate_requests(b""), Err(ReadError::Empty));
    assert_eq!(
        read_certificate_requests(b"hello"),
        Err(ReadError::Unrecognised { first: b'h' })
    );
    let der = std::fs::read("tests/fixtures/requests/server-ec-p256.der").unwrap();
    assert!(matches!(
        read_certificate_requests(&der[..der.len() - 1]),
        Err(ReadError::Der { index: 0, .. })
    ));
}
