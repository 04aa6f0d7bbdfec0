//! Minted requests through the pre-flight, and delivered certificates matched to them.
#![cfg(feature = "test-fixtures")]

use chrono::{TimeZone, Utc};
use sote_certs::csr::{CertificateRequest, Sameness, SignatureCheck};
use sote_certs::mint::{CertTemplate, CsrTemplate, ProfilePreset, mint_csr};
use sote_certs::{Certificate, Inspector, Profile};

#[test]
fn preset_requests_pass_the_preflight_of_their_profile() {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    for kind in Profile::ALL {
        let minted = mint_csr(kind.key_seed(), &CsrTemplate::dvv_like(kind)).unwrap();
        let csr = CertificateRequest::from_der(&minted.der).unwrap();
        let report = Inspector::dvv().check_request(&csr, kind, date, &[]);
        assert_eq!(report.signature, SignatureCheck::Verified, "{kind:?}");
        assert!(
            report.findings.is_empty(),
            "{kind:?}: {:?}",
            report.findings
        );

        let corrupted =
            CertificateRequest::from_der(&minted.with_corrupted_signature().unwrap().der).unwrap();
        let report = Inspector::dvv().check_request(&corrupted, kind, date, &[]);
        assert_eq!(report.codes(), ["csr.signature-invalid"], "{kind:?}");
    }
}

#[test]
fn a_delivered_certificate_matches_its_request_and_not_another() {
    let now = Utc.with_ymd_and_hms(2026, 1, 15, 9, 30, 0).unwrap();
    let kind = Profile::Server;
    let ca = kind.ca().test_ca(7).unwrap();
    let cert = ca
        .issue(&CertTemplate::dvv_like(kind, now).unwrap())
        .unwrap();
    let cert = Certificate::from_der(&cert.der).unwrap();

    let own = mint_csr(kind.key_seed(), &CsrTemplate::dvv_like(kind)).unwrap();
    let own = CertificateRequest::from_der(&own.der).unwrap();
    let matched = own.match_certificate(&cert);
    assert!(matched.is_match(), "{matched:?}");

    let other = mint_csr(99, &CsrTemplate::dvv_like(kind)).unwrap();
    let other = CertificateRequest::from_der(&other.der).unwrap();
    let matched = other.match_certificate(&cert);
    assert_eq!(matched.key, Sameness::Different);
    assert!(matched.missing_names.is_empty() && matched.common_name == Sameness::Same);
    assert!(!matched.is_match());
}
