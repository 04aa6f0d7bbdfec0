#![cfg(all(feature = "request", feature = "test-fixtures"))]
//! The delivered certificate matched to the request and to the vendor's key in one call:
//! `key.mismatch` in the delivery check when the key given is not the certificate's.

use chrono::{TimeZone, Utc};
use sote_certs::application::{EServiceUser, Form, Organisation, OrganisationKind};
use sote_certs::csr::read_certificate_requests;
use sote_certs::key::{KeyKind, PrivateKey, pair};
use sote_certs::mint::{ProfilePreset, TestKey};
use sote_certs::{Inspector, Profile, read_certificates};

const SIGNATURE_CSR: &[u8] = include_bytes!("fixtures/application/system-signature.csr");
const SIGNATURE_PEM: &[u8] = include_bytes!("fixtures/application/system-signature.pem");

/// The key the application fixtures were minted with (a public, test-only seed).
fn fixture_key() -> PrivateKey {
    let kind = Profile::SystemSignature;
    let key = TestKey::generate(kind.key_seed(), kind.key_spec()).unwrap();
    PrivateKey::from_bytes(&key.to_pkcs8_der().unwrap(), None).unwrap()
}

fn form() -> Form {
    let organisation = Organisation::new(
        "Esimerkkiklinikka Oy",
        "1234567-1".parse().unwrap(),
        OrganisationKind::PrivateProvider,
    )
    .registered_as("1.2.246.10.12345671.10.1".parse().unwrap());
    let mut form = Form::new(
        organisation,
        Profile::SystemSignature,
        EServiceUser::strongly_identified("Maija Meikäläinen"),
    );
    form.csr = read_certificate_requests(SIGNATURE_CSR).unwrap().pop();
    form
}

#[test]
fn the_right_key_adds_no_finding_and_another_key_is_a_key_mismatch() {
    let cert = read_certificates(SIGNATURE_PEM).unwrap().remove(0);
    let at = Utc.with_ymd_and_hms(2026, 1, 20, 9, 0, 0).unwrap();
    let inspector = Inspector::dvv();
    let key = fixture_key();
    let without = form().check_certificate(&cert, &inspector, at);
    let with = form().check_certificate_with_key(&cert, &key, &inspector, at);
    assert_eq!(with.codes(), without.codes());
    assert!(!with.codes().contains(&"key.mismatch"));

    let other = PrivateKey::generate(KeyKind::EcP256).unwrap();
    let check = form().check_certificate_with_key(&cert, &other, &inspector, at);
    assert!(
        check.codes().contains(&"key.mismatch"),
        "{:?}",
        check.codes()
    );
    assert!(!check.is_match());

    let csr = form().csr.unwrap();
    let pairing = pair(&key, &csr, &cert);
    assert!(pairing.is_match(), "{pairing:?}");
    assert!(!pair(&other, &csr, &cert).is_match());
}
