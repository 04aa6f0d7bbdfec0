//! Certificate request pre-flight: reading, proof of possession, and the profile's rules.

use chrono::NaiveDate;
use sote_certs::csr::{
    CertificateRequest, NotCheckedReason, RequestReport, RequestVersion, SignatureCheck,
    read_certificate_requests,
};
use sote_certs::organisation::DomainName;
use sote_certs::{Inspector, Profile, ReadError, Severity};

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
        assert_eq!(csr.verify_signature(), SignatureCheck::Verified, "{file}");
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
    // The name is data beside the message.
    assert_eq!(
        report.findings[0].value("name"),
        Some(&sote_certs::inspect::FindingValue::Name(
            "kanta.esimerkki.fi".to_owned()
        ))
    );
    assert!(report.findings.has_errors());
    assert!(
        report
            .findings
            .violates(sote_certs::Rule::SanNotAdministered)
    );
}

#[test]
fn a_certificate_is_not_a_request() {
    let pem =
        std::fs::read("tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem").unwrap();
    assert_eq!(
        read_certificate_requests(&pem),
        Err(ReadError::NotFound {
            expected: "certificate request",
            found: vec!["CERTIFICATE".into()],
        })
    );
    let (_, der) = der::pem::decode_vec(&pem).unwrap();
    assert!(matches!(
        CertificateRequest::from_der(&der),
        Err(ReadError::Der {
            what: "certificate request",
            ..
        })
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
        Err(ReadError::Der {
            what: "certificate request",
            ..
        })
    ));
}

fn check(csr: &CertificateRequest) -> RequestReport {
    Inspector::dvv().check_request(csr, Profile::Server, day(2026, 1, 15), &[])
}

/// The one finding of `report` with `code`, with its severity and message.
fn finding(report: &RequestReport, code: &str) -> (Severity, String) {
    let found: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code() == code)
        .collect();
    assert_eq!(found.len(), 1, "{code} in {:?}", report.findings);
    (found[0].severity(), found[0].message.clone())
}

/// The request's DER from its PEM fixture.
fn der_of(file: &str) -> Vec<u8> {
    let pem = std::fs::read(format!("tests/fixtures/requests/{file}")).unwrap();
    der::pem::decode_vec(&pem).unwrap().1
}

#[test]
fn an_empty_attribute_set_is_read_with_a_notice() {
    let csr = request("no-attributes.csr");
    assert_eq!(csr.requested_extensions().count(), 0);
    assert_eq!(csr.verify_signature(), SignatureCheck::Verified);
    let report = check(&csr);
    let (severity, message) = finding(&report, "csr.attributes-empty");
    assert_eq!(severity, Severity::Notice);
    assert_eq!(
        message,
        "the request's attribute set is empty ([0] {}): no extensions are requested"
    );
    assert!(!report.codes().contains(&"csr.extension-request-empty"));
}

#[test]
fn an_empty_extension_request_is_read_with_a_notice() {
    for (file, what) in [
        (
            "empty-extension-request.csr",
            "holds no extensions (SEQUENCE {})",
        ),
        ("empty-extension-request-set.csr", "has no value (SET {})"),
    ] {
        let csr = request(file);
        assert_eq!(csr.requested_extensions().count(), 0, "{file}");
        assert!(csr.dns_names().is_empty(), "{file}");
        assert_eq!(csr.verify_signature(), SignatureCheck::Verified, "{file}");
        let report = check(&csr);
        let (severity, message) = finding(&report, "csr.extension-request-empty");
        assert_eq!(severity, Severity::Notice, "{file}");
        assert_eq!(
            message,
            format!("the request's extensionRequest attribute {what}: no extensions are requested"),
            "{file}"
        );
        assert!(!report.codes().contains(&"csr.attributes-empty"), "{file}");
    }
}

#[test]
fn a_request_without_extensions_is_judged_only_on_what_it_lacks() {
    // Empty attributes or extensionRequest add notices, no errors of their own: the errors
    // are the missing DNS name, as for any server request without one.
    for file in [
        "no-attributes.csr",
        "empty-extension-request.csr",
        "empty-extension-request-set.csr",
    ] {
        let report = check(&request(file));
        assert_eq!(report.signature, SignatureCheck::Verified, "{file}");
        let errors: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity() == Severity::Error)
            .map(|f| f.code())
            .collect();
        assert_eq!(errors, ["san.dns-missing"], "{file}");
    }
}

#[test]
fn a_version_other_than_v1_is_read_with_an_error() {
    let csr = request("version-1.csr");
    assert_eq!(csr.version(), RequestVersion::Other(Some(1)));
    assert_eq!(csr.version().to_string(), "version value 1");
    assert_eq!(request("no-attributes.csr").version(), RequestVersion::V1);
    let report = check(&csr);
    let (severity, message) = finding(&report, "csr.version");
    assert_eq!(severity, Severity::Error);
    assert_eq!(
        message,
        "the request's version is 1; RFC 2986 defines only v1 (0)"
    );
    assert!(!report.ok());
}

#[test]
fn a_valid_sha1_rsa_signature_is_verified_and_weak() {
    let csr = request("server-rsa2048-sha1.csr");
    let signature = csr.verify_signature();
    assert_eq!(signature, SignatureCheck::Verified);
    assert_eq!(signature.is_valid(), Some(true));
    let report = check(&csr);
    assert_eq!(report.codes(), ["csr.signature-weak"]);
    let (severity, message) = finding(&report, "csr.signature-weak");
    assert_eq!(severity, Severity::Error);
    assert_eq!(
        message,
        "signature algorithm sha1WithRSAEncryption (1.2.840.113549.1.1.5) is weak and this \
         crate declines to trust it; the signature itself is valid"
    );
    assert!(!report.ok());
}

#[test]
fn a_corrupted_sha1_rsa_signature_is_invalid_and_weak() {
    let mut der = der_of("server-rsa2048-sha1.csr");
    let last = der.len() - 1;
    der[last] ^= 0x01;
    let csr = CertificateRequest::from_der(&der).unwrap();
    assert_eq!(csr.verify_signature(), SignatureCheck::Invalid);
    let report = check(&csr);
    assert_eq!(
        report.codes(),
        ["csr.signature-invalid", "csr.signature-weak"]
    );
    let (_, message) = finding(&report, "csr.signature-weak");
    assert!(
        message.ends_with("; the signature itself does not verify either"),
        "{message}"
    );
}

#[test]
fn an_ecdsa_sha1_signature_is_not_checked_and_weak() {
    let csr = request("server-ec-p256-sha1.csr");
    let ecdsa_with_sha1 = const_oid::ObjectIdentifier::new_unwrap("1.2.840.10045.4.1");
    let signature = csr.verify_signature();
    assert_eq!(
        signature,
        SignatureCheck::NotChecked {
            algorithm: ecdsa_with_sha1,
            reason: NotCheckedReason::Weak,
        }
    );
    assert_eq!(signature.is_valid(), None);
    let report = check(&csr);
    // Weak, and not reported invalid: nobody checked.
    assert_eq!(report.codes(), ["csr.signature-weak"]);
    let (severity, message) = finding(&report, "csr.signature-weak");
    assert_eq!(severity, Severity::Error);
    assert_eq!(
        message,
        "signature algorithm ecdsa-with-SHA1 (1.2.840.10045.4.1) is weak and this crate \
         declines to trust it; the signature was not checked"
    );
    assert!(!report.ok());
}

#[test]
fn an_algorithm_the_crate_does_not_verify_is_not_checked_and_not_invalid() {
    // server-ec-p256.der relabelled ecdsa-with-SHA224 (1.2.840.10045.4.3.1): same length.
    let mut der = std::fs::read("tests/fixtures/requests/server-ec-p256.der").unwrap();
    let sha256 = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
    let at = der.windows(sha256.len()).position(|w| w == sha256).unwrap();
    der[at + sha256.len() - 1] = 0x01;
    let csr = CertificateRequest::from_der(&der).unwrap();
    let signature = csr.verify_signature();
    assert!(matches!(
        signature,
        SignatureCheck::NotChecked {
            reason: NotCheckedReason::Unsupported,
            ..
        }
    ));
    assert_eq!(signature.is_valid(), None);
    let report = check(&csr);
    assert_eq!(report.codes(), ["csr.signature-unsupported"]);
    let (severity, message) = finding(&report, "csr.signature-unsupported");
    assert_eq!(severity, Severity::Warning);
    assert!(message.contains("1.2.840.10045.4.3.1"), "{message}");
    assert!(
        message.ends_with("the signature was not checked"),
        "{message}"
    );
    assert!(!report.ok());
}

#[test]
fn the_request_report_keeps_the_extensions_it_judged_and_the_date() {
    let csr = request("server-rsa2048.csr");
    let date = day(2026, 1, 15);
    let report = Inspector::dvv().check_request(&csr, Profile::Server, date, &[]);
    assert_eq!(report.date, date);
    assert_eq!(report.extensions.dns, csr.dns_names());
    assert!(!report.extensions.dns.is_empty());
}

#[test]
fn to_pem_writes_64_column_lines_that_read_back() {
    let csr = request("server-rsa2048.csr");
    let text = csr.to_pem();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first(), Some(&"-----BEGIN CERTIFICATE REQUEST-----"));
    assert_eq!(lines.last(), Some(&"-----END CERTIFICATE REQUEST-----"));
    assert!(lines[1..lines.len() - 2].iter().all(|l| l.len() == 64));
    let back = read_certificate_requests(text.as_bytes()).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].as_der(), csr.as_der());
}

/// A P-256 key's SubjectPublicKeyInfo and its signature (DER) of a message's `digest`.
fn p256_signed(digest: &[u8]) -> (Vec<u8>, Vec<u8>) {
    use p256::ecdsa::signature::hazmat::PrehashSigner;
    use p256::pkcs8::EncodePublicKey;
    let key = p256::ecdsa::SigningKey::from_slice(&[7; 32]).unwrap();
    let spki = key.verifying_key().to_public_key_der().unwrap().into_vec();
    let signature: p256::ecdsa::Signature = key.sign_prehash(digest).unwrap();
    (spki, signature.to_der().as_bytes().to_vec())
}

#[test]
fn ecdsa_with_sha512_is_verified_and_a_changed_message_is_invalid() {
    use sha2::{Digest, Sha512};
    let message = b"certificationRequestInfo";
    let (spki, signature) = p256_signed(&Sha512::digest(message));
    verified_and_bound_to(
        &spki,
        const_oid::db::rfc5912::ECDSA_WITH_SHA_512,
        message,
        &signature,
    );
}

/// `signature` verifies over `message` under `algorithm`, and is invalid over a changed one.
fn verified_and_bound_to(
    spki: &[u8],
    algorithm: const_oid::ObjectIdentifier,
    message: &[u8],
    signature: &[u8],
) {
    use sote_certs::csr::verify;
    assert_eq!(
        verify(spki, algorithm, message, signature),
        SignatureCheck::Verified
    );
    let mut changed = message.to_vec();
    if let Some(last) = changed.last_mut() {
        *last ^= 0x20;
    }
    assert_eq!(
        verify(spki, algorithm, &changed, signature),
        SignatureCheck::Invalid
    );
}

#[test]
fn an_ecdsa_key_on_a_curve_other_than_p256_and_p384_is_not_checked() {
    use der::Encode;
    use sote_certs::csr::verify;
    // A P-521 key's SubjectPublicKeyInfo (the point is a placeholder: the curve decides).
    let curve = const_oid::db::rfc5912::SECP_521_R_1;
    let point = [4u8; 133];
    let spki = spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef {
            oid: const_oid::db::rfc5912::ID_EC_PUBLIC_KEY,
            parameters: Some(der::asn1::AnyRef::from(&curve)),
        },
        subject_public_key: der::asn1::BitStringRef::from_bytes(&point).unwrap(),
    }
    .to_der()
    .unwrap();
    let algorithm = const_oid::db::rfc5912::ECDSA_WITH_SHA_256;
    assert_eq!(
        verify(&spki, algorithm, b"message", &[0x30, 0x00]),
        SignatureCheck::NotChecked {
            algorithm,
            reason: NotCheckedReason::Unsupported
        }
    );
}

/// An RSA key of `bits` (OpenSSL) as a SubjectPublicKeyInfo, and its PKCS #1 v1.5 signature of
/// `message` with `digest`.
fn rsa_signed(
    bits: u32,
    digest: openssl::hash::MessageDigest,
    message: &[u8],
) -> (Vec<u8>, Vec<u8>) {
    let key = openssl::pkey::PKey::from_rsa(openssl::rsa::Rsa::generate(bits).unwrap()).unwrap();
    let mut signer = openssl::sign::Signer::new(digest, &key).unwrap();
    signer.update(message).unwrap();
    (
        key.public_key_to_der().unwrap(),
        signer.sign_to_vec().unwrap(),
    )
}

#[test]
fn rsa_signatures_are_verified_where_aws_lc_rs_has_the_algorithm_and_not_checked_elsewhere() {
    use const_oid::db::rfc5912::{SHA_256_WITH_RSA_ENCRYPTION, SHA_384_WITH_RSA_ENCRYPTION};
    use openssl::hash::MessageDigest;
    use sote_certs::csr::verify;
    let message = b"certificationRequestInfo";
    let not_checked = |algorithm| SignatureCheck::NotChecked {
        algorithm,
        reason: NotCheckedReason::Unsupported,
    };
    // RSA 2048 with SHA-384 is the smallest key aws-lc-rs verifies SHA-384 with.
    let (spki, signature) = rsa_signed(2048, MessageDigest::sha384(), message);
    let algorithm = SHA_384_WITH_RSA_ENCRYPTION;
    verified_and_bound_to(&spki, algorithm, message, &signature);
    // RSA 1024 with SHA-384: a valid signature is "not checked", never "invalid".
    let (spki, signature) = rsa_signed(1024, MessageDigest::sha384(), message);
    assert_eq!(
        verify(&spki, algorithm, message, &signature),
        not_checked(algorithm)
    );
    // RSA 1024 with SHA-256 is verified.
    let algorithm = SHA_256_WITH_RSA_ENCRYPTION;
    let (spki, signature) = rsa_signed(1024, MessageDigest::sha256(), message);
    assert_eq!(
        verify(&spki, algorithm, message, &signature),
        SignatureCheck::Verified
    );
    // Under 1024 bits nothing is checked.
    let (spki, signature) = rsa_signed(512, MessageDigest::sha256(), message);
    assert_eq!(
        verify(&spki, algorithm, message, &signature),
        not_checked(algorithm)
    );
}

#[test]
fn a_key_of_another_algorithm_than_the_signature_is_an_invalid_signature() {
    use const_oid::db::rfc5912::{ECDSA_WITH_SHA_256, RSA_ENCRYPTION, SHA_256_WITH_RSA_ENCRYPTION};
    use der::{Decode, Encode};
    use sha2::{Digest, Sha256};
    use sote_certs::csr::verify;
    let message = b"certificationRequestInfo";
    // A P-256 key under sha256WithRSAEncryption.
    let (spki, signature) = p256_signed(&Sha256::digest(message));
    assert_eq!(
        verify(&spki, SHA_256_WITH_RSA_ENCRYPTION, message, &signature),
        SignatureCheck::Invalid
    );
    // An RSA key under ecdsa-with-SHA256.
    let (spki, signature) = rsa_signed(2048, openssl::hash::MessageDigest::sha256(), message);
    assert_eq!(
        verify(&spki, ECDSA_WITH_SHA_256, message, &signature),
        SignatureCheck::Invalid
    );
    // An RSASSA-PSS key (RFC 4055 §1.2: never for PKCS #1 v1.5), whose RSAPublicKey is that of
    // the key that made the signature.
    let (rsa_spki, rsa_signature) =
        rsa_signed(2048, openssl::hash::MessageDigest::sha256(), message);
    let rsa = spki::SubjectPublicKeyInfoRef::from_der(&rsa_spki).unwrap();
    let pss = spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef {
            oid: const_oid::db::rfc5912::ID_RSASSA_PSS,
            parameters: None,
        },
        subject_public_key: rsa.subject_public_key,
    }
    .to_der()
    .unwrap();
    assert_eq!(
        verify(
            &rsa_spki,
            SHA_256_WITH_RSA_ENCRYPTION,
            message,
            &rsa_signature
        ),
        SignatureCheck::Verified
    );
    assert_eq!(
        verify(&pss, SHA_256_WITH_RSA_ENCRYPTION, message, &rsa_signature),
        SignatureCheck::Invalid
    );
    // An RSA key whose RSAPublicKey does not decode.
    let key = [0x30, 0x03, 0x02, 0x01];
    let spki = spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef {
            oid: RSA_ENCRYPTION,
            parameters: Some(der::asn1::AnyRef::NULL),
        },
        subject_public_key: der::asn1::BitStringRef::from_bytes(&key).unwrap(),
    }
    .to_der()
    .unwrap();
    assert_eq!(
        verify(&spki, SHA_256_WITH_RSA_ENCRYPTION, message, &signature),
        SignatureCheck::Invalid
    );
}
