#![cfg(feature = "test-fixtures")]
//! The minter through its public API: minted certificates and CSRs parse with `x509-cert`,
//! verify under the right key, are byte-identical for one seed, and match real DVV encodings.

mod common;

use chrono::{DateTime, Utc};
use common::utc;
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280;
use der::{Decode, Encode};
use sha2::Digest;
use sote_certs::SerialNumber;
use sote_certs::inspect::CriticalMark;
use sote_certs::mint::{
    CertTemplate, CsrTemplate, Defect, Dn, DvvCa, Ext, KeySpec, MintError, Minted, ProfilePreset,
    RawExtension, San, SignatureHash, TestCa, TestKey, dvv_serial, key_usage, mint_csr,
};
use sote_certs::{Profile, Purpose};
use x509_cert::Certificate;
use x509_cert::certificate::{CertificateInner, Raw};
use x509_cert::ext::pkix::KeyUsages;
use x509_cert::request::CertReq;

fn now() -> DateTime<Utc> {
    utc(2024, 3, 1, 10, 15, 30)
}

/// The TBS bytes of a certificate or the info bytes of a CSR: the first element of the outer
/// SEQUENCE, cut from the DER exactly as signed.
fn signed_part(der: &[u8]) -> &[u8] {
    fn header(bytes: &[u8]) -> (usize, usize) {
        match bytes[1] {
            n if n < 0x80 => (2, n as usize),
            n => {
                let count = (n & 0x7f) as usize;
                let len = bytes[2..2 + count]
                    .iter()
                    .fold(0usize, |acc, &b| (acc << 8) | b as usize);
                (2 + count, len)
            }
        }
    }
    let (outer, _) = header(der);
    let (inner, len) = header(&der[outer..]);
    &der[outer..outer + inner + len]
}

/// Verifies `signature` over `message` with the public key `spki_der`, for the algorithm OIDs
/// the minter writes; independent of the minter's own signing code.
fn verifies(
    spki_der: &[u8],
    algorithm: ObjectIdentifier,
    message: &[u8],
    signature: &[u8],
) -> bool {
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    use spki::DecodePublicKey;
    let hash = match algorithm.to_string().as_str() {
        "1.2.840.10045.4.1" | "1.2.840.113549.1.1.5" => sha1::Sha1::digest(message).to_vec(),
        "1.2.840.10045.4.3.2" | "1.2.840.113549.1.1.11" => sha2::Sha256::digest(message).to_vec(),
        "1.2.840.10045.4.3.3" | "1.2.840.113549.1.1.12" => sha2::Sha384::digest(message).to_vec(),
        "1.2.840.10045.4.3.4" | "1.2.840.113549.1.1.13" => sha2::Sha512::digest(message).to_vec(),
        other => panic!("unexpected algorithm {other}"),
    };
    let is_rsa = algorithm.to_string().starts_with("1.2.840.113549");
    if is_rsa {
        let key = rsa::PublicKey::from_public_key_der(spki_der).unwrap();
        let scheme = match hash.len() {
            20 => rsa::Pkcs1v15Sign::new::<sha1::Sha1>(),
            32 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
            48 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
            _ => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
        };
        key.verify(scheme, &hash, signature).is_ok()
    } else if let Ok(key) = p256::ecdsa::VerifyingKey::from_public_key_der(spki_der) {
        let Ok(sig) = p256::ecdsa::Signature::from_der(signature) else {
            return false;
        };
        key.verify_prehash(&hash, &sig).is_ok()
    } else {
        let key = p384::ecdsa::VerifyingKey::from_public_key_der(spki_der).unwrap();
        let Ok(sig) = p384::ecdsa::Signature::from_der(signature) else {
            return false;
        };
        key.verify_prehash(&hash, &sig).is_ok()
    }
}

/// Whether `cert` carries a valid signature by `issuer_key`.
fn signed_by(cert: &Minted, issuer_key: &TestKey) -> bool {
    let parsed = CertificateInner::<Raw>::from_der(&cert.der).unwrap();
    verifies(
        issuer_key.public_key_der(),
        parsed.signature_algorithm().oid,
        signed_part(&cert.der),
        parsed.signature().raw_bytes(),
    )
}

fn csr_self_signed(der: &[u8]) -> bool {
    let csr = CertReq::from_der(der).unwrap();
    verifies(
        &csr.info.public_key.to_der().unwrap(),
        csr.algorithm.oid,
        signed_part(der),
        csr.signature.raw_bytes(),
    )
}

fn extension_ids(cert: &Certificate) -> Vec<ObjectIdentifier> {
    cert.tbs_certificate()
        .extensions()
        .unwrap()
        .iter()
        .map(|e| e.extn_id)
        .collect()
}

/// A real G3E system signature certificate from the shared fixtures, if present.
fn real_g3e() -> Option<Certificate> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/real/kela-dcc-dsc-prod-2022-06-22-dvv-g3e.pem"
    );
    let pem = std::fs::read_to_string(path).expect("the real certificate fixture is committed");
    Some(der::DecodePem::from_pem(pem.as_bytes()).unwrap())
}

#[test]
fn ca_certificate_is_a_self_signed_ca() {
    let ca = DvvCa::g3e().test_ca(1).unwrap();
    let cert = Certificate::from_der(&ca.certificate().der).unwrap();
    let tbs = cert.tbs_certificate();
    assert_eq!(tbs.issuer(), tbs.subject());
    assert_eq!(tbs.issuer().to_der().unwrap(), ca.name().to_der().unwrap());
    let (critical, bc) = tbs
        .get_extension::<x509_cert::ext::pkix::BasicConstraints>()
        .unwrap()
        .unwrap();
    assert!(critical && bc.ca);
    let (critical, ku) = tbs
        .get_extension::<x509_cert::ext::pkix::KeyUsage>()
        .unwrap()
        .unwrap();
    assert!(critical && ku.key_cert_sign() && ku.crl_sign() && !ku.digital_signature());
    assert!(signed_by(ca.certificate(), ca.key()));
    assert_eq!(
        cert.signature_algorithm().oid.to_string(),
        "1.2.840.10045.4.3.3" // ecdsa-with-SHA384, as the real G3E CA signs
    );
}

#[test]
fn g3e_issuer_name_is_byte_identical_to_the_real_one() {
    let Some(real) = real_g3e() else {
        eprintln!("skipped: shared fixtures not found");
        return;
    };
    let ca = DvvCa::g3e().test_ca(1).unwrap();
    assert_eq!(
        ca.name().to_der().unwrap(),
        real.tbs_certificate().issuer().to_der().unwrap()
    );
}

#[test]
fn dvv_like_extensions_match_the_real_encoding() {
    let Some(real) = real_g3e() else {
        eprintln!("skipped: shared fixtures not found");
        return;
    };
    let ca = DvvCa::g3e().test_ca(1).unwrap();
    let minted = ca
        .issue(&CertTemplate::dvv_like(Profile::SystemSignature, now()).unwrap())
        .unwrap();
    let cert = Certificate::from_der(&minted.der).unwrap();
    let value = |c: &Certificate, id| {
        c.tbs_certificate()
            .extensions()
            .unwrap()
            .iter()
            .find(|e| e.extn_id == id)
            .map(|e| (e.critical, e.extn_value.as_bytes().to_vec()))
    };
    // Same CA, so these are equal byte for byte; SAN, EKU and key ids differ by design.
    for id in [
        rfc5280::ID_CE_KEY_USAGE,
        rfc5280::ID_CE_CERTIFICATE_POLICIES,
        rfc5280::ID_CE_BASIC_CONSTRAINTS,
        rfc5280::ID_CE_CRL_DISTRIBUTION_POINTS,
        rfc5280::ID_PE_AUTHORITY_INFO_ACCESS,
    ] {
        assert_eq!(value(&cert, id), value(&real, id), "extension {id}");
    }
    // DVV's order, minus the EKU this real certificate carries for the EU DCC.
    let real_order: Vec<_> = extension_ids(&real)
        .into_iter()
        .filter(|id| *id != rfc5280::ID_CE_EXT_KEY_USAGE && *id != rfc5280::ID_CE_SUBJECT_ALT_NAME)
        .collect();
    assert_eq!(extension_ids(&cert), real_order);
    // String types of the subject: same tags in the same order as the real one.
    let tags = |c: &Certificate| -> Vec<_> {
        c.tbs_certificate()
            .subject()
            .iter()
            .map(|atv| (atv.oid, der::Tagged::tag(&atv.value)))
            .collect()
    };
    assert_eq!(tags(&cert), tags(&real));
}

#[test]
fn every_preset_parses_and_verifies_under_its_ca() {
    for kind in Profile::ALL {
        let ca = kind.ca().test_ca(3).unwrap();
        let template = CertTemplate::dvv_like(kind, now()).unwrap();
        let minted = ca.issue(&template).unwrap();
        let cert = Certificate::from_der(&minted.der).unwrap();
        assert!(signed_by(&minted, ca.key()), "{kind:?}");
        assert_eq!(
            cert.tbs_certificate().issuer().to_der().unwrap(),
            ca.name().to_der().unwrap()
        );
        assert_eq!(
            minted.key.public_key_der(),
            cert.tbs_certificate()
                .subject_public_key_info()
                .to_der()
                .unwrap()
        );
        // cA FALSE is written explicitly, as DVV does; x509-cert still reads it.
        let (critical, bc) = cert
            .tbs_certificate()
            .get_extension::<x509_cert::ext::pkix::BasicConstraints>()
            .unwrap()
            .unwrap();
        assert!(critical && !bc.ca);
        let has_eku = extension_ids(&cert).contains(&rfc5280::ID_CE_EXT_KEY_USAGE);
        assert_eq!(has_eku, (kind.purpose() == Purpose::Tls), "{kind:?}");
        let serial = SerialNumber::from(cert.tbs_certificate().serial_number());
        assert_eq!(
            sote_certs::serial::embedded_issuance_time(&serial),
            Some(utc(2024, 3, 1, 10, 15, 30))
        );
        let pem_cert: Certificate = der::DecodePem::from_pem(minted.pem.as_bytes()).unwrap();
        assert_eq!(pem_cert, cert);
        assert!(
            minted
                .key
                .to_pkcs8_pem()
                .unwrap()
                .starts_with("-----BEGIN PRIVATE KEY-----\n")
        );
    }
}

#[test]
fn server_preset_has_rsa_2048_dns_san_and_tls_ekus() {
    let template = CertTemplate::dvv_like(Profile::Server, now()).unwrap();
    assert_eq!(template.key, KeySpec::Rsa(2048));
    assert_eq!(
        template.subject_alt_names.unwrap().value,
        [San::Dns("palvelin.esimerkkiklinikka.example".into())]
    );
    assert_eq!(
        template.extended_key_usage.unwrap().value,
        [rfc5280::ID_KP_SERVER_AUTH, rfc5280::ID_KP_CLIENT_AUTH]
    );
    assert!(template.subject.get(&const_oid::db::rfc4519::OU).is_none());
    assert_eq!(template.not_after, utc(2025, 3, 1, 21, 59, 59));
}

#[test]
fn system_signature_preset_has_email_san_only_before_2023() {
    let before = CertTemplate::dvv_like(Profile::SystemSignature, utc(2022, 12, 31, 12, 0, 0));
    assert!(matches!(
        before.unwrap().subject_alt_names.unwrap().value.as_slice(),
        [San::Email(_)]
    ));
    let after = CertTemplate::dvv_like(Profile::SystemSignature, utc(2023, 1, 2, 12, 0, 0));
    assert_eq!(after.unwrap().subject_alt_names, None);
}

#[test]
fn same_seed_gives_identical_bytes() {
    let mint = |seed: u64| {
        let ca = DvvCa::test_g2().test_ca(seed).unwrap();
        let cert = ca
            .issue(&CertTemplate::dvv_like(Profile::TestServer, now()).unwrap())
            .unwrap();
        let csr = mint_csr(seed, &CsrTemplate::dvv_like(Profile::TestServer)).unwrap();
        (
            ca.certificate().der.clone(),
            cert.der,
            csr.der,
            cert.key.to_pkcs8_der().unwrap(),
        )
    };
    assert_eq!(mint(9), mint(9));
    let (ca_a, _, csr_a, _) = mint(9);
    let (ca_b, _, csr_b, _) = mint(10);
    assert_ne!(ca_a, ca_b);
    assert_ne!(csr_a, csr_b);
}

#[test]
fn negative_zero_and_long_serials_are_written_as_given() {
    let ca = TestCa::new(
        4,
        Dn::new().country("FI").common_name("Serial CA"),
        KeySpec::EcP256,
    )
    .unwrap();
    let subject = Dn::new().country("FI").common_name("serial test");
    let serials = [
        SerialNumber::from(-1i64),
        SerialNumber::from(0u64),
        SerialNumber::from_hex(&format!("80{}", "11".repeat(19))).unwrap(), // 21 content octets
        SerialNumber::from_hex(&"7f".repeat(25)).unwrap(),                  // 25 octets
    ];
    for serial in serials {
        let template = CertTemplate::new(
            serial.clone(),
            now(),
            utc(2025, 1, 1, 0, 0, 0),
            subject.clone(),
            KeySpec::EcP256,
            1,
        );
        let minted = ca.issue(&template).unwrap();
        assert!(signed_by(&minted, ca.key()));
        let tbs = signed_part(&minted.der);
        let encoded = serial.to_der();
        // version [0] is 5 bytes after the TBS header; the serial TLV follows it.
        let start = tbs
            .windows(encoded.len())
            .position(|w| w == encoded.as_slice());
        assert!(matches!(start, Some(7..=9)), "{serial:?} at {start:?}");
        if serial.as_der_content().len() <= 21 {
            let cert = CertificateInner::<Raw>::from_der(&minted.der).unwrap();
            assert_eq!(
                SerialNumber::from(cert.tbs_certificate().serial_number()),
                serial
            );
        }
    }
}

#[test]
fn duplicate_unknown_and_weak_variants_are_minted() {
    let ca = TestCa::new(
        5,
        Dn::new().country("FI").common_name("Weak RSA CA"),
        KeySpec::Rsa(2048),
    )
    .unwrap();
    let mut template = CertTemplate::dvv_like_for(Profile::Server, now(), &DvvCa::g3e()).unwrap();
    template.key = KeySpec::Rsa(1024);
    template.signature_hash = SignatureHash::Sha1;
    template.extended_key_usage = Some(Ext::non_critical(vec![ObjectIdentifier::new_unwrap(
        "1.3.6.1.4.1.0.1847.2021.1.1",
    )]));
    template.extra_extensions = vec![
        RawExtension {
            oid: rfc5280::ID_CE_KEY_USAGE,
            critical: CriticalMark::Critical,
            value: vec![0x03, 0x02, 0x07, 0x80],
        },
        RawExtension {
            oid: ObjectIdentifier::new_unwrap("1.3.6.1.4.1.99999.1"),
            critical: CriticalMark::NonCritical,
            value: vec![0x05, 0x00],
        },
    ];
    let minted = ca.issue(&template).unwrap();
    let cert = Certificate::from_der(&minted.der).unwrap();
    assert_eq!(
        cert.signature_algorithm().oid.to_string(),
        "1.2.840.113549.1.1.5"
    );
    assert!(signed_by(&minted, ca.key()));
    let ids = extension_ids(&cert);
    assert_eq!(
        ids.iter()
            .filter(|id| **id == rfc5280::ID_CE_KEY_USAGE)
            .count(),
        2
    );
    assert_eq!(ids.last().unwrap().to_string(), "1.3.6.1.4.1.99999.1");
    assert_eq!(minted.key.spec(), KeySpec::Rsa(1024));
}

#[test]
fn corrupted_signature_no_longer_verifies() {
    let ca = DvvCa::g3e().test_ca(6).unwrap();
    let minted = ca
        .issue(&CertTemplate::dvv_like(Profile::SystemSignature, now()).unwrap())
        .unwrap();
    let broken = minted.with_corrupted_signature().unwrap();
    assert!(Certificate::from_der(&broken.der).is_ok());
    assert!(!signed_by(&broken, ca.key()));
}

#[test]
fn generalized_time_is_used_from_2050() {
    let ca = TestCa::new(7, Dn::new().common_name("Long CA"), KeySpec::EcP256).unwrap();
    let template = CertTemplate::new(
        SerialNumber::from(7u64),
        now(),
        utc(2050, 1, 1, 0, 0, 0),
        Dn::new().common_name("long"),
        KeySpec::EcP256,
        7,
    );
    let cert = Certificate::from_der(&ca.issue(&template).unwrap().der).unwrap();
    let validity = cert.tbs_certificate().validity();
    assert!(matches!(
        validity.not_before,
        x509_cert::time::Time::UtcTime(_)
    ));
    assert!(matches!(
        validity.not_after,
        x509_cert::time::Time::GeneralTime(_)
    ));
}

#[test]
fn csr_carries_requested_extensions_and_a_valid_self_signature() {
    for kind in Profile::ALL {
        let csr = mint_csr(kind.key_seed(), &CsrTemplate::dvv_like(kind)).unwrap();
        let parsed = CertReq::from_der(&csr.der).unwrap();
        assert!(csr_self_signed(&csr.der), "{kind:?}");
        assert_eq!(
            parsed.info.subject.to_der().unwrap(),
            kind.subject().to_der().unwrap()
        );
        let attribute = parsed.info.attributes.iter().next().unwrap();
        assert_eq!(attribute.oid.to_string(), "1.2.840.113549.1.9.14");
        let extensions: Vec<x509_cert::ext::Extension> =
            attribute.values.iter().next().unwrap().decode_as().unwrap();
        let ids: Vec<_> = extensions.iter().map(|e| e.extn_id).collect();
        let expected = if kind.purpose() == Purpose::Tls {
            vec![
                rfc5280::ID_CE_KEY_USAGE,
                rfc5280::ID_CE_EXT_KEY_USAGE,
                rfc5280::ID_CE_SUBJECT_ALT_NAME,
            ]
        } else {
            vec![rfc5280::ID_CE_KEY_USAGE]
        };
        assert_eq!(ids, expected);
        // The certificate preset of the same kind answers this request: same public key.
        let cert = DvvCa::g3e()
            .test_ca(1)
            .unwrap()
            .issue(&CertTemplate::dvv_like(kind, now()).unwrap())
            .unwrap();
        assert_eq!(cert.key.public_key_der(), csr.key.public_key_der());

        let broken = csr.with_corrupted_signature().unwrap();
        assert!(CertReq::from_der(&broken.der).is_ok());
        assert!(!csr_self_signed(&broken.der), "{kind:?}");
    }
}

#[test]
fn csr_hash_follows_the_key() {
    let subject = Dn::new().country("FI").common_name("hash");
    for (key, oid) in [
        (KeySpec::EcP256, "1.2.840.10045.4.3.2"),
        (KeySpec::EcP384, "1.2.840.10045.4.3.3"),
        (KeySpec::Rsa(2048), "1.2.840.113549.1.1.11"),
    ] {
        let csr = mint_csr(8, &CsrTemplate::new(subject.clone(), key)).unwrap();
        let parsed = CertReq::from_der(&csr.der).unwrap();
        assert_eq!(parsed.algorithm.oid.to_string(), oid);
        assert!(parsed.info.attributes.is_empty());
        assert!(csr_self_signed(&csr.der));
    }
}

#[test]
fn unsupported_combinations_are_errors_not_panics() {
    assert!(matches!(
        TestKey::generate(1, KeySpec::Rsa(512)),
        Err(MintError::KeyGeneration { .. })
    ));
    let ca = TestCa::new(1, Dn::new().common_name("P-384"), KeySpec::EcP384).unwrap();
    let mut template = CertTemplate::new(
        SerialNumber::from(1u64),
        now(),
        now(),
        Dn::new().common_name("x"),
        KeySpec::EcP256,
        1,
    );
    template.signature_hash = SignatureHash::Sha1;
    // ecdsa-with-SHA1 under P-384 is odd but well-defined (the hash is padded): it is minted.
    assert!(signed_by(&ca.issue(&template).unwrap(), ca.key()));
    template.subject = Dn::new().country("Ö");
    assert_eq!(
        ca.issue(&template).unwrap_err().to_string(),
        "\"Ö\" is not a valid PrintableString for 2.5.4.6"
    );
    template.subject = Dn::new();
    template.not_before = utc(1969, 1, 1, 0, 0, 0);
    assert!(matches!(
        ca.issue(&template),
        Err(MintError::TimeOutOfRange { .. })
    ));
}

#[test]
fn key_usage_helper_and_dvv_serial_form() {
    let ku = key_usage(&[KeyUsages::DigitalSignature, KeyUsages::NonRepudiation]);
    assert_eq!(ku.to_der().unwrap(), [0x03, 0x02, 0x06, 0xc0]);
    let serial = dvv_serial(utc(2025, 6, 1, 9, 0, 0), 3).unwrap();
    assert_eq!(serial.as_der_content().len(), 15);
    assert!(!serial.is_negative());
}

#[test]
fn ca_presets_read_the_authority_table() {
    use sote_certs::authority::{DVV_POLICY_ARC, DvvAuthority};
    use sote_certs::mint::ProfilePreset;
    let cn = const_oid::db::rfc4519::CN;
    let o = const_oid::db::rfc4519::O;
    for known in DvvAuthority::ALL {
        let ca = DvvCa::of(known);
        let entry = known.authority();
        assert_eq!(
            ca.name.get(&cn),
            Some(entry.common_name.as_str()),
            "{known:?}"
        );
        assert_eq!(
            ca.name.get(&o),
            Some(entry.organisation.as_str()),
            "{known:?}"
        );
        // A registered policy is the one written; a test CA's policy is not public, and the
        // one written lies under DVV's arc, which the inspection accepts for it.
        match entry.policy {
            Some(policy) => assert_eq!(ca.policy, policy, "{known:?}"),
            None => assert!(ca.policy.starts_with(DVV_POLICY_ARC), "{known:?}"),
        }
    }
    assert_eq!(DvvCa::g3e(), DvvCa::of(DvvAuthority::G3E));
    assert_eq!(DvvCa::test_g2(), DvvCa::of(DvvAuthority::VrkTestG2));
    for profile in Profile::ALL {
        assert_eq!(profile.ca(), DvvCa::of(profile.authority()), "{profile}");
    }
}

#[test]
fn preset_validity_follows_the_specification_of_the_issue_date() {
    // Written-out dates: servers 2 years before 2020-09-01 (Helsinki), 1 year from it.
    let before = CertTemplate::dvv_like(Profile::Server, utc(2020, 8, 31, 20, 0, 0)).unwrap();
    assert_eq!(before.not_after, utc(2022, 8, 31, 20, 59, 59));
    let from = CertTemplate::dvv_like(Profile::Server, utc(2020, 8, 31, 21, 0, 0)).unwrap();
    assert_eq!(from.not_after, utc(2021, 9, 1, 20, 59, 59));
    let signature =
        CertTemplate::dvv_like(Profile::SystemSignature, utc(2024, 1, 10, 12, 0, 0)).unwrap();
    assert_eq!(signature.not_after, utc(2026, 1, 10, 21, 59, 59));
}

#[test]
fn every_defect_has_its_own_description() {
    let descriptions: Vec<&str> = Defect::ALL.iter().map(|d| d.description()).collect();
    assert!(
        descriptions.iter().all(|d| d.len() > 10),
        "{descriptions:?}"
    );
    let distinct: std::collections::BTreeSet<&str> = descriptions.iter().copied().collect();
    assert_eq!(distinct.len(), descriptions.len());
    assert_eq!(
        Defect::ValidityInverted.description(),
        "notAfter one second before notBefore"
    );
}

#[test]
fn the_ou_defect_puts_the_ou_right_after_the_organisation() {
    let template =
        CertTemplate::dvv_like_with_defect(Profile::Server, Defect::SubjectOu, now()).unwrap();
    let types: Vec<String> = template
        .subject
        .attributes
        .iter()
        .map(|a| a.oid.to_string())
        .collect();
    let o = types.iter().position(|t| t == "2.5.4.10").unwrap();
    assert_eq!(types[o + 1], "2.5.4.11", "{types:?}");
    assert_eq!(types.iter().filter(|t| *t == "2.5.4.11").count(), 1);
}

#[test]
fn the_wrong_key_usage_defect_adds_data_encipherment_and_keeps_what_was_there() {
    for profile in Profile::ALL {
        let plain = CertTemplate::dvv_like(profile, now()).unwrap();
        let mut template = plain.clone();
        // Even when the bit is already there, the defect leaves it set.
        if let Some(ext) = template.key_usage.as_mut() {
            ext.value.0 |= KeyUsages::DataEncipherment;
        }
        for base in [plain, template] {
            let before = base.key_usage.as_ref().unwrap().value.0;
            let with = base.with_defect(Defect::KeyUsageWrongBits).unwrap();
            let after = with.key_usage.as_ref().unwrap().value.0;
            assert!(after.contains(KeyUsages::DataEncipherment), "{profile}");
            assert_eq!(
                after & !KeyUsages::DataEncipherment,
                before & !KeyUsages::DataEncipherment,
                "{profile}"
            );
        }
    }
}

#[test]
fn the_business_id_defect_keeps_the_organisation_ids_place() {
    let plain = CertTemplate::dvv_like(Profile::Server, now()).unwrap();
    let with = CertTemplate::dvv_like_with_defect(
        Profile::Server,
        Defect::SubjectOrganisationIdNotOid,
        now(),
    )
    .unwrap();
    let types = |t: &CertTemplate| -> Vec<String> {
        t.subject
            .attributes
            .iter()
            .map(|a| a.oid.to_string())
            .collect()
    };
    // The same attribute types in the same order; only the serialNumber's value differs.
    assert_eq!(types(&plain), types(&with));
    let serial_number = "2.5.4.5";
    let value = |t: &CertTemplate| {
        t.subject
            .attributes
            .iter()
            .find(|a| a.oid.to_string() == serial_number)
            .map(|a| format!("{a:?}"))
    };
    assert_ne!(value(&plain), value(&with));
    // Without an organisation ID, the business ID goes right before the CN.
    let without = plain
        .with_defect(Defect::SubjectOrganisationIdMissing)
        .unwrap()
        .with_defect(Defect::SubjectOrganisationIdNotOid)
        .unwrap();
    let order = types(&without);
    let cn = order.iter().position(|t| t == "2.5.4.3").unwrap();
    assert_eq!(order[cn - 1], serial_number, "{order:?}");
}

#[test]
fn presets_sign_with_their_cas_key_and_hash() {
    use sote_certs::authority::DvvAuthority;
    assert_eq!(DvvCa::of(DvvAuthority::G3R).key, KeySpec::Rsa(2048));
    assert_eq!(DvvCa::of(DvvAuthority::G3E).key, KeySpec::EcP384);
    // G3E signs with SHA-384, the hash of its P-384 key, whatever the subject's key is.
    let server = CertTemplate::dvv_like(Profile::Server, now()).unwrap();
    assert_eq!(server.signature_hash, SignatureHash::Sha384);
    let test = CertTemplate::dvv_like(Profile::TestServer, now()).unwrap();
    assert_eq!(
        test.signature_hash,
        Profile::TestServer.ca().key.default_hash()
    );
}

#[test]
fn a_subordinate_ca_names_its_issuers_key() {
    let root = TestCa::new(1, Dn::new().common_name("Test Root"), KeySpec::EcP256).unwrap();
    let template =
        TestCa::template(2, Dn::new().common_name("Test Issuing CA"), KeySpec::EcP256).unwrap();
    let issuing = root.subordinate(&template).unwrap();
    let cert = Certificate::from_der(&issuing.certificate().der).unwrap();
    let aki = cert
        .tbs_certificate()
        .extensions()
        .into_iter()
        .flatten()
        .find(|ext| ext.extn_id == rfc5280::ID_CE_AUTHORITY_KEY_IDENTIFIER)
        .expect("an authority key identifier");
    let aki =
        x509_cert::ext::pkix::AuthorityKeyIdentifier::from_der(aki.extn_value.as_bytes()).unwrap();
    assert_eq!(
        aki.key_identifier.unwrap().as_bytes(),
        root.key().key_identifier()
    );
    assert_eq!(issuing.name(), &Dn::new().common_name("Test Issuing CA"));
}
