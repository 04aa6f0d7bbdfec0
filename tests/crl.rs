//! Reading CRLs: what each part of a minted CRL reads as, what the reader keeps that it cannot
//! answer from (`Unsupported`), and where a CRL breaks RFC 5280's profile (`Nonconformity`).

#![cfg(feature = "test-fixtures")]

mod common;

use chrono::{DateTime, Duration, Utc};
use common::utc;
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280;
use der::{Decode, Encode};
use sote_certs::SerialNumber;
use sote_certs::certificate::CertificateReader;
use sote_certs::inspect::CriticalMark;
use sote_certs::mint::{CrlTemplate, Dn, KeySpec, RawExtension, TestCa};
use sote_certs::revocation::{Crl, Nonconformity, Unsupported, read_crls};

fn now() -> DateTime<Utc> {
    utc(2024, 3, 1, 10, 0, 0)
}

fn ca() -> TestCa {
    TestCa::new(
        7,
        Dn::new().country("FI").common_name("CRL Test CA"),
        KeySpec::EcP256,
    )
    .unwrap()
}

fn issue(template: &CrlTemplate) -> Vec<u8> {
    ca().issue_crl(template).unwrap()
}

fn read(template: &CrlTemplate) -> Crl {
    Crl::from_der(&issue(template)).unwrap()
}

fn pem(label: &str, der: &[u8]) -> String {
    der::pem::encode_string(label, der::pem::LineEnding::LF, der).unwrap()
}

/// A template with `extension` added.
fn with_extension(oid: ObjectIdentifier, critical: bool, value: &[u8]) -> CrlTemplate {
    let mut template = CrlTemplate::new(now());
    template.extra_extensions.push(RawExtension {
        oid,
        critical: if critical {
            CriticalMark::Critical
        } else {
            CriticalMark::NonCritical
        },
        value: value.to_vec(),
    });
    template
}

/// The CRL re-encoded by x509-cert after `change`; its signature no longer matches, which
/// reading does not check.
fn reencoded(
    template: &CrlTemplate,
    change: impl FnOnce(&mut x509_cert::crl::TbsCertList),
) -> Vec<u8> {
    let mut list = x509_cert::crl::CertificateList::<x509_cert::certificate::Rfc5280>::from_der(
        &issue(template),
    )
    .unwrap();
    change(&mut list.tbs_cert_list);
    list.to_der().unwrap()
}

#[test]
fn read_crls_reads_every_crl_block_and_passes_over_the_others() {
    let first = issue(&CrlTemplate::new(now()));
    let mut second = CrlTemplate::new(now());
    second.number = Some(2);
    let second = issue(&second);
    let ca = ca();
    let input = format!(
        "{}{}{}",
        pem("X509 CRL", &first),
        pem("CERTIFICATE", &ca.certificate().der),
        pem("X509 CRL", &second)
    );
    let crls = read_crls(input.as_bytes()).unwrap();
    assert_eq!(crls.len(), 2);
    assert_eq!(crls[0].as_der(), &first[..]);
    assert_eq!(crls[1].as_der(), &second[..]);
    // Equality is the same DER.
    assert_eq!(crls[0], Crl::from_der(&first).unwrap());
    assert_ne!(crls[0], crls[1]);
    assert_eq!(
        crls[1].number(),
        Some(&SerialNumber::from_hex("02").unwrap())
    );
    // The notices name the block passed over.
    let read = CertificateReader::new()
        .read_crls(input.as_bytes())
        .unwrap();
    assert_eq!(read.objects, crls);
    assert_eq!(read.notices.len(), 1, "{:?}", read.notices);
    assert!(
        read.notices[0].to_string().contains("CERTIFICATE"),
        "{}",
        read.notices[0]
    );
    // A DER CRL alone.
    assert_eq!(read_crls(&first).unwrap(), vec![crls[0].clone()]);
}

#[test]
fn delta_indirect_and_partial_crls_are_kept_as_unsupported() {
    let delta = read(&with_extension(
        rfc5280::ID_CE_DELTA_CRL_INDICATOR,
        true,
        &[0x02, 0x01, 0x01],
    ));
    assert_eq!(delta.unsupported(), [Unsupported::Delta]);
    // IssuingDistributionPoint ::= SEQUENCE { ..., onlyContainsCACerts [2], onlySomeReasons [3],
    // indirectCRL [4], onlyContainsAttributeCerts [5] }, IMPLICIT.
    let idp = |value: &[u8]| {
        read(&with_extension(
            rfc5280::ID_CE_ISSUING_DISTRIBUTION_POINT,
            true,
            value,
        ))
        .unsupported()
        .to_vec()
    };
    assert_eq!(
        idp(&[0x30, 0x03, 0x84, 0x01, 0xff]),
        [Unsupported::Indirect]
    );
    assert_eq!(
        idp(&[0x30, 0x03, 0x82, 0x01, 0xff]),
        [Unsupported::PartialScope]
    );
    assert_eq!(
        idp(&[0x30, 0x03, 0x85, 0x01, 0xff]),
        [Unsupported::PartialScope]
    );
    // keyCompromise only (bit 1 of ReasonFlags).
    assert_eq!(
        idp(&[0x30, 0x04, 0x83, 0x02, 0x06, 0x40]),
        [Unsupported::PartialScope]
    );
    // Both at once, each named once.
    assert_eq!(
        idp(&[0x30, 0x06, 0x82, 0x01, 0xff, 0x84, 0x01, 0xff]),
        [Unsupported::Indirect, Unsupported::PartialScope]
    );
    // onlyContainsUserCerts covers every certificate DVV issues under a CA: answerable.
    assert_eq!(idp(&[0x30, 0x03, 0x81, 0x01, 0xff]), []);

    // An unknown extension matters only when critical.
    let unknown = ObjectIdentifier::new_unwrap("1.2.3.4.5");
    let critical = read(&with_extension(unknown, true, &[0x05, 0x00]));
    assert_eq!(
        critical.unsupported(),
        [Unsupported::CriticalExtension(unknown)]
    );
    let plain = read(&with_extension(unknown, false, &[0x05, 0x00]));
    assert_eq!(plain.unsupported(), []);

    // Each says what it is, for the findings built on it.
    for (unsupported, text) in [
        (Unsupported::Delta, "a delta CRL (deltaCRLIndicator)"),
        (Unsupported::Indirect, "an indirect CRL"),
        (
            Unsupported::PartialScope,
            "a CRL of partial scope (some reasons, or CA or attribute certificates only)",
        ),
        (
            Unsupported::CriticalExtension(unknown),
            "an unprocessed critical extension 1.2.3.4.5",
        ),
    ] {
        assert_eq!(unsupported.to_string(), text);
    }
}

#[test]
fn breaches_of_the_crl_profile_are_kept_and_named() {
    let conforming = read(&CrlTemplate::new(now()));
    assert_eq!(conforming.nonconformities(), []);
    assert_eq!(conforming.unsupported(), []);

    let mut numberless = CrlTemplate::new(now());
    numberless.number = None;
    let numberless = read(&numberless);
    assert_eq!(numberless.nonconformities(), [Nonconformity::NumberMissing]);
    assert_eq!(numberless.number(), None);

    let mut critical_number = CrlTemplate::new(now());
    critical_number.number = None;
    critical_number.extra_extensions.push(RawExtension {
        oid: rfc5280::ID_CE_CRL_NUMBER,
        critical: CriticalMark::Critical,
        value: vec![0x02, 0x01, 0x05],
    });
    let critical_number = read(&critical_number);
    assert_eq!(
        critical_number.nonconformities(),
        [Nonconformity::NumberCritical]
    );
    assert_eq!(
        critical_number.number(),
        Some(&SerialNumber::from_hex("05").unwrap())
    );
    // A critical CRL number is a breach, not an unprocessed critical extension.
    assert_eq!(critical_number.unsupported(), []);

    let mut open_ended = CrlTemplate::new(now());
    open_ended.next_update = None;
    let open_ended = read(&open_ended);
    assert_eq!(
        open_ended.nonconformities(),
        [Nonconformity::NextUpdateMissing]
    );

    // v1 (version omitted) with extensions is a breach; v1 without them is RFC 5280's v1 CRL.
    let v1 = |extensions: bool| {
        let der = reencoded(&CrlTemplate::new(now()), |tbs| {
            tbs.version = x509_cert::Version::V1;
            if !extensions {
                tbs.crl_extensions = None;
            }
        });
        Crl::from_der(&der).unwrap().nonconformities().to_vec()
    };
    assert_eq!(v1(true), [Nonconformity::VersionNotV2]);
    assert_eq!(v1(false), [Nonconformity::NumberMissing]);

    for (nonconformity, text) in [
        (
            Nonconformity::NumberMissing,
            "has no CRL number (RFC 5280 §5.2.3)",
        ),
        (
            Nonconformity::NumberCritical,
            "has a critical CRL number (RFC 5280 §5.2.3)",
        ),
        (
            Nonconformity::NextUpdateMissing,
            "has no nextUpdate (RFC 5280 §5.1.2.5)",
        ),
        (
            Nonconformity::VersionNotV2,
            "has extensions but is not v2 (RFC 5280 §5.1.2.1)",
        ),
    ] {
        assert_eq!(nonconformity.to_string(), text);
    }
}

#[test]
fn next_update_reads_as_utc_time_or_generalized_time_and_may_be_absent_before_entries() {
    // From 2050 on, RFC 5280 §5.1.2.5 writes GeneralizedTime.
    let mut late = CrlTemplate::new(utc(2049, 12, 30, 0, 0, 0));
    late.next_update = Some(utc(2050, 1, 2, 3, 4, 5));
    let late = read(&late);
    assert_eq!(late.next_update(), Some(utc(2050, 1, 2, 3, 4, 5)));
    assert!(late.is_fresh_at(utc(2050, 1, 2, 3, 4, 5)));
    assert!(!late.is_fresh_at(utc(2050, 1, 2, 3, 4, 6)));

    // No nextUpdate, then the revoked certificates: the SEQUENCE is not taken for a time.
    let serial = SerialNumber::from_hex("0100000168f0a805c366b43b5de968c691fb").unwrap();
    let mut open_ended =
        CrlTemplate::new(now()).revoke(serial.clone(), now() - Duration::days(1), None);
    open_ended.next_update = None;
    let open_ended = read(&open_ended);
    assert_eq!(open_ended.next_update(), None);
    assert_eq!(open_ended.entries().len(), 1);
    assert_eq!(open_ended.entries()[0].serial, serial);
}

#[test]
fn a_malformed_issuer_name_is_placed_in_the_crl() {
    let der = issue(&CrlTemplate::new(now()));
    let list =
        x509_cert::crl::CertificateList::<x509_cert::certificate::Rfc5280>::from_der(&der).unwrap();
    let issuer = list.tbs_cert_list.issuer.to_der().unwrap();
    let start = der
        .windows(issuer.len())
        .position(|window| window == issuer)
        .unwrap();
    // The first attribute's OID tag (SEQUENCE, SET, SEQUENCE, then OBJECT IDENTIFIER) becomes
    // an OCTET STRING: the outer DER still parses, the name does not.
    let oid_at = start + 6;
    assert!(oid_at > 6, "the issuer does not start the CRL");
    assert_eq!(der[oid_at], 0x06);
    let mut bad = der.clone();
    bad[oid_at] = 0x04;
    let error = Crl::from_der(&bad).unwrap_err();
    // The position counts from the CRL's first byte: the attribute the name breaks at.
    assert!(
        error
            .to_string()
            .starts_with(&format!("CRL at DER byte {oid_at}: malformed")),
        "{error}"
    );
}

/// A CRL whose one entry (serial 0x1234) carries `extensions` (OID, critical, value).
fn entry_with(extensions: &[(ObjectIdentifier, bool, &[u8])]) -> Crl {
    let serial = SerialNumber::from_hex("1234").unwrap();
    let template = CrlTemplate::new(now()).revoke(serial, now() - Duration::days(1), None);
    let der = reencoded(&template, |tbs| {
        let entry = &mut tbs.revoked_certificates.as_mut().unwrap()[0];
        entry.crl_entry_extensions = Some(
            extensions
                .iter()
                .map(|&(oid, critical, value)| x509_cert::ext::Extension {
                    extn_id: oid,
                    critical,
                    extn_value: der::asn1::OctetString::new(value).unwrap(),
                })
                .collect(),
        );
    });
    Crl::from_der(&der).unwrap()
}

#[test]
fn entry_extensions_give_the_reason_and_keep_what_the_reader_cannot_answer_from() {
    let unknown = ObjectIdentifier::new_unwrap("1.2.3.4.5");
    // keyCompromise (1), with an informational invalidity date beside it, even marked critical.
    let generalized: &[u8] = b"\x18\x0f20240228000000Z";
    let crl = entry_with(&[
        (rfc5280::ID_CE_INVALIDITY_DATE, true, generalized),
        (rfc5280::ID_CE_CRL_REASONS, false, &[0x0a, 0x01, 0x01]),
    ]);
    assert_eq!(crl.unsupported(), []);
    assert_eq!(
        crl.entries()[0].reason,
        Some(sote_certs::revocation::CrlReason::KeyCompromise)
    );
    // certificateIssuer makes the CRL indirect (RFC 5280 §5.3.3; it is always critical).
    let issuer = Dn::new()
        .common_name("Other CA")
        .to_name()
        .unwrap()
        .to_der()
        .unwrap();
    let general_names = [
        &[0x30, issuer.len() as u8 + 2, 0xa4, issuer.len() as u8][..],
        &issuer,
    ]
    .concat();
    let crl = entry_with(&[(rfc5280::ID_CE_CERTIFICATE_ISSUER, true, &general_names)]);
    assert_eq!(crl.unsupported(), [Unsupported::Indirect]);
    // An unknown entry extension matters only when critical.
    let crl = entry_with(&[(unknown, true, &[0x05, 0x00])]);
    assert_eq!(crl.unsupported(), [Unsupported::CriticalExtension(unknown)]);
    let crl = entry_with(&[(unknown, false, &[0x05, 0x00])]);
    assert_eq!(crl.unsupported(), []);
    assert_eq!(crl.entries()[0].reason, None);
}

#[test]
fn an_entry_with_an_empty_serial_is_malformed_where_it_starts() {
    // One entry with serial 0x05; its INTEGER `02 01 05` becomes `02 00` and a NULL's tag, which
    // keeps every length.
    let serial = SerialNumber::from_hex("05").unwrap();
    let template = CrlTemplate::new(now()).revoke(serial, now() - Duration::days(1), None);
    let der = issue(&template);
    let entry_at = der
        .windows(5)
        .position(|w| w[0] == 0x30 && w[2..] == [0x02, 0x01, 0x05])
        .unwrap();
    let mut bad = der.clone();
    bad[entry_at + 2..entry_at + 5].copy_from_slice(&[0x02, 0x00, 0x05]);
    let error = Crl::from_der(&bad).unwrap_err().to_string();
    let expected = format!("CRL at DER byte {}: malformed", entry_at + 2);
    assert!(error.starts_with(&expected), "{error}");
    assert!(error.contains("INTEGER"), "{error}");
}
