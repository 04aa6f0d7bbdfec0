//! Trust and revocation: one defect at a time from a valid minted chain (a test root, DVV's G3E
//! name as the issuing CA, a DVV-like system signature certificate), each giving its `chain.*`
//! or `crl.*` code.

#![cfg(all(feature = "trust", feature = "test-fixtures"))]

mod common;

use chrono::{DateTime, Duration, Utc};
use common::utc;
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280;
use sote_certs::inspect::CriticalMark;
use sote_certs::mint::{
    CertTemplate, CrlTemplate, Dn, DvvCa, Ext, KeySpec, RawExtension, SignatureHash, TestCa,
};
use sote_certs::revocation::{Crl, CrlReason};
use sote_certs::trust::{Revocation, RevocationPolicy, TrustRule, Usage, Verification, Verifier};
use sote_certs::{Certificate, Environment, Inspector, Profile, Severity};
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, KeyUsages};

/// The instant the chain is minted and verified at.
fn now() -> DateTime<Utc> {
    utc(2024, 3, 1, 10, 0, 0)
}

struct Chain {
    root: TestCa,
    issuing: TestCa,
    leaf: Certificate,
}

fn cert(der: &[u8]) -> Certificate {
    Certificate::from_der(der).expect("the minter writes readable certificates")
}

fn root() -> TestCa {
    TestCa::new(
        1,
        Dn::new().country("FI").common_name("Test Root"),
        KeySpec::EcP384,
    )
    .unwrap()
}

fn issuing_template() -> CertTemplate {
    TestCa::template(2, DvvCa::g3e().name, KeySpec::EcP384).unwrap()
}

fn leaf_template() -> CertTemplate {
    CertTemplate::dvv_like(Profile::SystemSignature, now()).unwrap()
}

/// A valid chain, changed by `issuing` and `leaf` before signing.
fn chain_with(
    issuing: impl FnOnce(&mut CertTemplate),
    leaf: impl FnOnce(&mut CertTemplate),
) -> Chain {
    let root = root();
    let mut template = issuing_template();
    issuing(&mut template);
    let issuing = root.subordinate(&template).unwrap();
    let mut template = leaf_template();
    leaf(&mut template);
    let leaf = cert(&issuing.issue(&template).unwrap().der);
    Chain {
        root,
        issuing,
        leaf,
    }
}

fn chain() -> Chain {
    chain_with(|_| {}, |_| {})
}

impl Chain {
    /// A verifier with the root as a test anchor and the issuing CA in the pool.
    fn verifier(&self) -> Verifier {
        let mut verifier = Verifier::new();
        verifier
            .add_anchor(&cert(&self.root.certificate().der), Some(Environment::Test))
            .unwrap();
        verifier.add_intermediate(&cert(&self.issuing.certificate().der));
        verifier
    }

    fn crl(&self, template: &CrlTemplate) -> Crl {
        Crl::from_der(&self.issuing.issue_crl(template).unwrap()).unwrap()
    }
}

#[track_caller]
fn codes(verification: &Verification) -> Vec<&'static str> {
    verification.findings.codes()
}

#[track_caller]
fn untrusted_with(verification: &Verification, rule: TrustRule) {
    assert!(!verification.is_trusted(), "{:?}", verification.findings);
    assert!(verification.path.is_empty());
    assert_eq!(verification.revocation, Revocation::Unknown);
    assert!(
        verification.findings.violates(rule),
        "expected {rule}, got {:?}",
        verification.findings
    );
}

/// A valid chain whose leaf, after `clear` took the template's own form of the extension away,
/// carries `value` as the extension `oid`.
fn leaf_with_raw(
    clear: impl FnOnce(&mut CertTemplate),
    oid: ObjectIdentifier,
    critical: CriticalMark,
    value: Vec<u8>,
) -> Chain {
    chain_with(
        |_| {},
        |t| {
            clear(t);
            t.extra_extensions.push(RawExtension {
                oid,
                critical,
                value,
            });
        },
    )
}

/// An untrusted verification whose first finding is `chain.profile` with a message that says
/// `words`.
fn profile_breach(verification: &Verification, words: &str) {
    untrusted_with(verification, TrustRule::ChainProfile);
    assert!(
        verification.findings[0].message.contains(words),
        "expected {words:?}, got {:?}",
        verification.findings
    );
}

#[test]
fn a_valid_chain_is_trusted_with_its_path_and_the_anchors_environment() {
    let chain = chain();
    let verification = chain.verifier().verify(&chain.leaf, now());
    assert!(verification.is_trusted(), "{:?}", verification.findings);
    let subjects: Vec<&str> = verification.path.iter().map(|e| e.subject()).collect();
    assert_eq!(subjects.len(), 3);
    assert_eq!(subjects[0], chain.leaf.subject().to_string());
    assert!(subjects[1].contains("DVV Social Welfare and Healthcare Service Certificates - G3E"));
    assert_eq!(subjects[2], "CN=Test Root,C=FI");
    assert_eq!(verification.path[2].der(), chain.root.certificate().der);
    assert_eq!(verification.environment(), Some(Environment::Test));
    // No CRL: the status is unknown, and a notice says so.
    assert_eq!(verification.revocation, Revocation::Unknown);
    assert_eq!(codes(&verification), ["crl.none"]);
    assert_eq!(verification.findings[0].severity(), Severity::Notice);
}

#[test]
fn the_report_of_a_verified_certificate_takes_its_environment_from_the_anchor() {
    let chain = chain();
    // The issuing CA carries DVV's production name, the anchor is a test one.
    let report = Inspector::dvv().inspect_verified(&chain.leaf, &chain.verifier(), now());
    assert_eq!(report.trust.as_str(), "trusted");
    assert_eq!(report.environment(), Some(Environment::Test));
    assert_eq!(report.profile(), Some(Profile::TestSystemSignature));
    assert!(
        report
            .findings
            .violates(sote_certs::Rule::IssuerEnvironment)
    );
    // Not verified: the name decides, and the report says it was not verified.
    let report = Inspector::dvv().inspect(&chain.leaf, now());
    assert_eq!(report.trust.as_str(), "not-verified");
    assert_eq!(report.profile(), Some(Profile::SystemSignature));
}

#[test]
fn no_anchor_or_no_intermediate_is_an_unknown_issuer() {
    let chain = chain();
    untrusted_with(
        &Verifier::new().verify(&chain.leaf, now()),
        TrustRule::ChainIssuerUnknown,
    );
    let mut anchored = Verifier::new();
    anchored
        .add_anchor(&cert(&chain.root.certificate().der), None)
        .unwrap();
    let verification = anchored.verify(&chain.leaf, now());
    untrusted_with(&verification, TrustRule::ChainIssuerUnknown);
    assert!(
        verification.findings[0]
            .message
            .contains(&chain.leaf.subject().to_string())
    );
}

#[test]
fn an_expired_or_not_yet_valid_certificate_names_itself_and_its_bound() {
    let chain = chain();
    let after = chain.leaf.not_after() + Duration::seconds(1);
    let verification = chain.verifier().verify(&chain.leaf, after);
    untrusted_with(&verification, TrustRule::ChainExpired);
    let finding = &verification.findings[0];
    assert_eq!(
        finding.value("bound"),
        Some(&sote_certs::inspect::FindingValue::Instant(
            chain.leaf.not_after()
        ))
    );
    assert!(
        finding
            .message
            .starts_with(&format!("{} expired at", chain.leaf.subject())),
        "{finding}"
    );
    let before = chain.leaf.not_before() - Duration::seconds(1);
    untrusted_with(
        &chain.verifier().verify(&chain.leaf, before),
        TrustRule::ChainNotYetValid,
    );
}

#[test]
fn an_expired_intermediate_is_named() {
    let chain = chain_with(|t| t.not_after = now() - Duration::days(1), |_| {});
    // An unrelated CA first in the pool: the finding must name the one that expired.
    let unrelated = root()
        .subordinate(
            &TestCa::template(9, Dn::new().common_name("Unrelated CA"), KeySpec::EcP256).unwrap(),
        )
        .unwrap();
    let mut verifier = Verifier::new();
    verifier
        .add_anchor(&cert(&chain.root.certificate().der), None)
        .unwrap();
    verifier.add_intermediate(&cert(&unrelated.certificate().der));
    verifier.add_intermediate(&cert(&chain.issuing.certificate().der));
    let verification = verifier.verify(&chain.leaf, now());
    untrusted_with(&verification, TrustRule::ChainExpired);
    let message = &verification.findings[0].message;
    assert!(
        message.starts_with("CN=DVV Social Welfare and Healthcare Service Certificates - G3E"),
        "{message}"
    );
}

#[test]
fn a_certificate_whose_extension_webpki_cannot_parse_is_malformed() {
    // Basic constraints holding a NULL: read by this crate (inspect reports
    // extension.malformed), refused by webpki as bad DER.
    let chain = leaf_with_raw(
        |t| t.basic_constraints = None,
        rfc5280::ID_CE_BASIC_CONSTRAINTS,
        CriticalMark::Critical,
        vec![0x05, 0x00],
    );
    let verification = chain.verifier().verify(&chain.leaf, now());
    untrusted_with(&verification, TrustRule::ChainMalformed);
    assert!(
        verification.findings[0].message.contains("does not parse"),
        "{:?}",
        verification.findings
    );
}

#[test]
fn an_inverted_validity_is_its_own_code() {
    let chain = chain_with(|_| {}, |t| t.not_after = t.not_before - Duration::days(1));
    untrusted_with(
        &chain.verifier().verify(&chain.leaf, now()),
        TrustRule::ChainValidityInverted,
    );
}

#[test]
fn a_bad_signature_and_an_unsupported_algorithm() {
    let chain = chain();
    let corrupted = chain
        .issuing
        .issue(&leaf_template())
        .unwrap()
        .with_corrupted_signature()
        .unwrap();
    untrusted_with(
        &chain.verifier().verify(&cert(&corrupted.der), now()),
        TrustRule::ChainSignatureInvalid,
    );
    let sha1 = chain_with(|_| {}, |t| t.signature_hash = SignatureHash::Sha1);
    untrusted_with(
        &sha1.verifier().verify(&sha1.leaf, now()),
        TrustRule::ChainSignatureUnsupported,
    );
}

#[test]
fn an_issuer_that_is_not_a_ca_and_a_ca_verified_as_an_end_entity() {
    let not_ca = chain_with(
        |t| {
            t.basic_constraints = Some(Ext::critical(BasicConstraints {
                ca: false,
                path_len_constraint: None,
            }))
        },
        |_| {},
    );
    untrusted_with(
        &not_ca.verifier().verify(&not_ca.leaf, now()),
        TrustRule::ChainNotCa,
    );
    let chain = chain();
    let issuing = cert(&chain.issuing.certificate().der);
    untrusted_with(
        &chain.verifier().verify(&issuing, now()),
        TrustRule::ChainCaAsEndEntity,
    );
}

#[test]
fn path_lengths_of_intermediates_and_of_the_anchor_itself() {
    // An intermediate with pathLen 0 above another intermediate: webpki refuses.
    let root = root();
    let mut middle =
        TestCa::template(3, Dn::new().common_name("Test Policy CA"), KeySpec::EcP384).unwrap();
    middle.basic_constraints = Some(Ext::critical(BasicConstraints {
        ca: true,
        path_len_constraint: Some(0),
    }));
    let middle = root.subordinate(&middle).unwrap();
    let issuing = middle.subordinate(&issuing_template()).unwrap();
    let leaf = cert(&issuing.issue(&leaf_template()).unwrap().der);
    let mut verifier = Verifier::new();
    verifier
        .add_anchor(&cert(&root.certificate().der), None)
        .unwrap();
    verifier.add_intermediate(&cert(&middle.certificate().der));
    verifier.add_intermediate(&cert(&issuing.certificate().der));
    untrusted_with(&verifier.verify(&leaf, now()), TrustRule::ChainPathLength);

    // The anchor's own pathLen 0 with one intermediate below it: applied as OpenSSL does.
    let mut template =
        TestCa::template(1, Dn::new().common_name("Test Root"), KeySpec::EcP384).unwrap();
    template.basic_constraints = Some(Ext::critical(BasicConstraints {
        ca: true,
        path_len_constraint: Some(0),
    }));
    let strict_root = TestCa::self_signed(&template).unwrap();
    let issuing = strict_root.subordinate(&issuing_template()).unwrap();
    let leaf = cert(&issuing.issue(&leaf_template()).unwrap().der);
    let mut verifier = Verifier::new();
    verifier
        .add_anchor(&cert(&strict_root.certificate().der), None)
        .unwrap();
    verifier.add_intermediate(&cert(&issuing.certificate().der));
    let verification = verifier.verify(&leaf, now());
    untrusted_with(&verification, TrustRule::ChainPathLength);
    assert!(
        verification.findings[0]
            .message
            .contains("pathLenConstraint"),
        "{:?}",
        verification.findings
    );
    // The same anchor issuing the certificate directly is within its pathLen.
    let direct = cert(&strict_root.issue(&leaf_template()).unwrap().der);
    assert!(verifier.verify(&direct, now()).is_trusted());
}

#[test]
fn an_anchor_without_key_cert_sign_anchors_nothing() {
    let mut template =
        TestCa::template(1, Dn::new().common_name("Test Root"), KeySpec::EcP384).unwrap();
    template.key_usage = Some(Ext::critical(KeyUsage(KeyUsages::CRLSign.into())));
    let root = TestCa::self_signed(&template).unwrap();
    let leaf = cert(&root.issue(&leaf_template()).unwrap().der);
    let mut verifier = Verifier::new();
    verifier
        .add_anchor(&cert(&root.certificate().der), None)
        .unwrap();
    untrusted_with(&verifier.verify(&leaf, now()), TrustRule::ChainAnchorNotCa);
}

#[test]
fn the_verifiers_limit_on_intermediates() {
    let chain = chain();
    let mut verifier = chain.verifier();
    verifier.set_max_intermediates(Some(0));
    let verification = verifier.verify(&chain.leaf, now());
    untrusted_with(&verification, TrustRule::ChainTooDeep);
    verifier.set_max_intermediates(Some(1));
    assert!(verifier.verify(&chain.leaf, now()).is_trusted());
}

#[test]
fn an_extended_key_usage_that_does_not_allow_the_usage() {
    let chain = chain_with(
        |_| {},
        |t| t.extended_key_usage = Some(Ext::non_critical(vec![rfc5280::ID_KP_EMAIL_PROTECTION])),
    );
    let mut verifier = chain.verifier();
    assert!(verifier.verify(&chain.leaf, now()).is_trusted());
    verifier.set_usage(Usage::ServerAuth);
    untrusted_with(
        &verifier.verify(&chain.leaf, now()),
        TrustRule::ChainExtendedKeyUsage,
    );
}

#[test]
fn an_unknown_critical_extension() {
    let chain = chain_with(
        |_| {},
        |t| {
            t.extra_extensions.push(RawExtension {
                oid: ObjectIdentifier::new_unwrap("1.3.6.1.4.1.99999.1"),
                critical: CriticalMark::Critical,
                value: vec![0x05, 0x00],
            })
        },
    );
    untrusted_with(
        &chain.verifier().verify(&chain.leaf, now()),
        TrustRule::ChainCriticalExtension,
    );
}

#[test]
fn a_name_outside_the_issuers_name_constraints() {
    // permittedSubtrees: dNSName example.org; the leaf's name is not under it.
    let chain = server_under_name_constraints(permitted_dns("example.org"));
    untrusted_with(
        &chain.verifier().verify(&chain.leaf, now()),
        TrustRule::ChainNameConstraints,
    );
}

#[test]
fn a_certificate_the_validator_cannot_parse() {
    // Basic constraints twice: read by this crate (and judged by inspect as
    // extension.duplicate), refused by webpki.
    let chain = chain_with(
        |_| {},
        |t| {
            t.extra_extensions.push(RawExtension {
                oid: rfc5280::ID_CE_BASIC_CONSTRAINTS,
                critical: CriticalMark::NonCritical,
                value: vec![0x30, 0x00],
            })
        },
    );
    untrusted_with(
        &chain.verifier().verify(&chain.leaf, now()),
        TrustRule::ChainMalformed,
    );
}

#[test]
fn an_instant_before_1970() {
    let chain = chain();
    untrusted_with(
        &chain
            .verifier()
            .verify(&chain.leaf, utc(1969, 12, 31, 23, 59, 59)),
        TrustRule::ChainInstant,
    );
}

// ---- revocation ----

#[test]
fn a_fresh_crl_without_the_serial_says_good_and_one_with_it_says_revoked() {
    let chain = chain();
    let mut verifier = chain.verifier();
    verifier.add_crl(chain.crl(&CrlTemplate::new(now() - Duration::hours(1))));
    let verification = verifier.verify(&chain.leaf, now());
    assert!(verification.is_trusted());
    assert_eq!(
        verification.revocation,
        Revocation::Good,
        "{:?}",
        verification.findings
    );
    assert!(
        verification.findings.is_empty(),
        "{:?}",
        verification.findings
    );

    let revoked_at = now() - Duration::minutes(30);
    let mut verifier = chain.verifier();
    verifier.add_crl(
        chain.crl(&CrlTemplate::new(now() - Duration::minutes(10)).revoke(
            chain.leaf.serial(),
            revoked_at,
            CrlReason::KeyCompromise,
        )),
    );
    let verification = verifier.verify(&chain.leaf, now());
    assert!(verification.is_trusted(), "the path itself is valid");
    assert_eq!(
        verification.revocation,
        Revocation::Revoked {
            revoked_at,
            reason: Some(CrlReason::KeyCompromise),
            subject: chain.leaf.subject().to_string(),
        }
    );
    assert_eq!(codes(&verification), ["crl.revoked"]);
    // Before the revocation date it was not yet revoked (and the CRL was not yet issued).
    let earlier = verifier.verify(&chain.leaf, revoked_at - Duration::minutes(1));
    assert_eq!(earlier.revocation, Revocation::Unknown);
}

#[test]
fn every_dvv_reason_and_a_long_serial_are_found() {
    let chain = chain();
    // The minted serial is a 15-octet DVV serial.
    assert!(chain.leaf.serial().as_der_content().len() >= 15);
    for reason in CrlReason::HOLDERS {
        let mut verifier = chain.verifier();
        verifier.add_crl(
            chain.crl(&CrlTemplate::new(now() - Duration::minutes(10)).revoke(
                chain.leaf.serial(),
                now() - Duration::hours(1),
                reason,
            )),
        );
        match verifier.verify(&chain.leaf, now()).revocation {
            Revocation::Revoked { reason: found, .. } => assert_eq!(found, Some(reason)),
            other => panic!("{reason}: {other:?}"),
        }
    }
}

#[test]
fn a_hold_is_never_good() {
    let chain = chain();
    let mut verifier = chain.verifier();
    verifier.add_crl(
        chain.crl(&CrlTemplate::new(now() - Duration::minutes(10)).revoke(
            chain.leaf.serial(),
            now() - Duration::hours(1),
            CrlReason::CertificateHold,
        )),
    );
    let verification = verifier.verify(&chain.leaf, now());
    assert_eq!(verification.revocation, Revocation::Unknown);
    assert!(
        verification.findings.violates(TrustRule::CrlHold),
        "{:?}",
        verification.findings
    );
}

#[test]
fn a_stale_crl_gives_unknown_never_good() {
    let chain = chain();
    let mut verifier = chain.verifier();
    verifier.add_crl(chain.crl(&CrlTemplate::new(now() - Duration::days(8))));
    let verification = verifier.verify(&chain.leaf, now());
    assert_eq!(verification.revocation, Revocation::Unknown);
    assert!(
        verification.findings.violates(TrustRule::CrlStale),
        "{:?}",
        verification.findings
    );
    assert!(verification.findings.violates(TrustRule::CrlNone));
}

#[test]
fn a_crl_with_a_bad_signature_or_an_unknown_signer_is_not_used() {
    let chain = chain();
    let template = CrlTemplate::new(now() - Duration::hours(1)).revoke(
        chain.leaf.serial(),
        now() - Duration::hours(2),
        CrlReason::KeyCompromise,
    );
    let mut verifier = chain.verifier();
    verifier.add_crl(
        Crl::from_der(
            &chain
                .issuing
                .issue_crl_with_bad_signature(&template)
                .unwrap(),
        )
        .unwrap(),
    );
    let verification = verifier.verify(&chain.leaf, now());
    assert_eq!(verification.revocation, Revocation::Unknown);
    assert!(
        verification
            .findings
            .violates(TrustRule::CrlSignatureInvalid),
        "{:?}",
        verification.findings
    );

    // Another CA with the same name (and so another key) signs a CRL: its signer is unknown.
    let impostor = TestCa::new(99, DvvCa::g3e().name, KeySpec::EcP384).unwrap();
    let mut verifier = chain.verifier();
    verifier.add_crl(Crl::from_der(&impostor.issue_crl(&template).unwrap()).unwrap());
    let verification = verifier.verify(&chain.leaf, now());
    assert_eq!(verification.revocation, Revocation::Unknown);
    assert!(
        verification.findings.violates(TrustRule::CrlSignerUnknown),
        "{:?}",
        verification.findings
    );
}

#[test]
fn a_separate_crl_signer_of_the_same_ca_is_accepted() {
    let chain = chain();
    // The root certifies a CRL-signing key under the issuing CA's name (RFC 5280 §6.3.3).
    let mut template = TestCa::template(5, DvvCa::g3e().name, KeySpec::EcP256).unwrap();
    template.basic_constraints = Some(Ext::critical(BasicConstraints {
        ca: false,
        path_len_constraint: None,
    }));
    template.key_usage = Some(Ext::critical(KeyUsage(KeyUsages::CRLSign.into())));
    let signer = chain.root.subordinate(&template).unwrap();
    let crl = CrlTemplate::new(now() - Duration::hours(1)).revoke(
        chain.leaf.serial(),
        now() - Duration::hours(2),
        CrlReason::Superseded,
    );
    let crl = Crl::from_der(&signer.issue_crl(&crl).unwrap()).unwrap();
    let mut verifier = chain.verifier();
    verifier.add_crl(crl.clone());
    // Without the signer's certificate in the pool, its signer cannot be established.
    let verification = verifier.verify(&chain.leaf, now());
    assert!(
        verification.findings.violates(TrustRule::CrlSignerUnknown),
        "{:?}",
        verification.findings
    );
    verifier.add_intermediate(&cert(&signer.certificate().der));
    let verification = verifier.verify(&chain.leaf, now());
    assert!(
        matches!(
            verification.revocation,
            Revocation::Revoked {
                reason: Some(CrlReason::Superseded),
                ..
            }
        ),
        "{:?} {:?}",
        verification.revocation,
        verification.findings
    );
}

#[test]
fn delta_crls_and_non_conforming_crls_are_not_used() {
    let chain = chain();
    let mut delta = CrlTemplate::new(now() - Duration::hours(1));
    delta.extra_extensions.push(RawExtension {
        oid: rfc5280::ID_CE_DELTA_CRL_INDICATOR,
        critical: CriticalMark::Critical,
        value: vec![0x02, 0x01, 0x01],
    });
    let mut verifier = chain.verifier();
    verifier.add_crl(chain.crl(&delta));
    let verification = verifier.verify(&chain.leaf, now());
    assert_eq!(verification.revocation, Revocation::Unknown);
    assert!(
        verification.findings.violates(TrustRule::CrlUnsupported),
        "{:?}",
        verification.findings
    );

    let mut numberless = CrlTemplate::new(now() - Duration::hours(1));
    numberless.number = None;
    let mut verifier = chain.verifier();
    verifier.add_crl(chain.crl(&numberless));
    let verification = verifier.verify(&chain.leaf, now());
    assert_eq!(verification.revocation, Revocation::Unknown);
    assert!(
        verification.findings.violates(TrustRule::CrlNonConforming),
        "{:?}",
        verification.findings
    );
}

#[test]
fn a_revocation_dropped_by_a_newer_crl_stays_revoked() {
    let chain = chain();
    let revoked_at = now() - Duration::days(2);
    let older = CrlTemplate::new(now() - Duration::days(1)).revoke(
        chain.leaf.serial(),
        revoked_at,
        CrlReason::KeyCompromise,
    );
    let mut newer = CrlTemplate::new(now() - Duration::hours(1));
    newer.number = Some(2);
    let mut verifier = chain.verifier();
    verifier.add_crl(chain.crl(&newer));
    verifier.add_crl(chain.crl(&older));
    let verification = verifier.verify(&chain.leaf, now());
    assert!(
        matches!(verification.revocation, Revocation::Revoked { .. }),
        "{:?}",
        verification.revocation
    );
    assert!(
        verification.findings.violates(TrustRule::CrlEntryDropped),
        "{:?}",
        verification.findings
    );
}

#[test]
fn required_revocation_needs_a_crl_for_every_certificate_below_the_anchor() {
    let chain = chain();
    let mut verifier = chain.verifier();
    verifier.add_crl(chain.crl(&CrlTemplate::new(now() - Duration::hours(1))));
    assert_eq!(
        verifier.verify(&chain.leaf, now()).revocation,
        Revocation::Good
    );
    verifier.set_revocation_policy(RevocationPolicy::Required);
    let verification = verifier.verify(&chain.leaf, now());
    // The issuing CA has no CRL of the root.
    assert_eq!(verification.revocation, Revocation::Unknown);
    assert_eq!(codes(&verification), ["crl.required"]);
    assert_eq!(verification.findings[0].severity(), Severity::Error);
    let root_crl = Crl::from_der(
        &chain
            .root
            .issue_crl(&CrlTemplate::new(now() - Duration::hours(1)))
            .unwrap(),
    )
    .unwrap();
    verifier.add_crl(root_crl);
    assert_eq!(
        verifier.verify(&chain.leaf, now()).revocation,
        Revocation::Good
    );
}

#[test]
fn a_revoked_issuing_ca_revokes_the_path() {
    let chain = chain();
    let issuing = cert(&chain.issuing.certificate().der);
    let mut verifier = chain.verifier();
    verifier.add_crl(chain.crl(&CrlTemplate::new(now() - Duration::hours(1))));
    verifier.add_crl(
        Crl::from_der(
            &chain
                .root
                .issue_crl(&CrlTemplate::new(now() - Duration::hours(1)).revoke(
                    issuing.serial(),
                    now() - Duration::hours(3),
                    CrlReason::CaCompromise,
                ))
                .unwrap(),
        )
        .unwrap(),
    );
    match verifier.verify(&chain.leaf, now()).revocation {
        Revocation::Revoked {
            subject, reason, ..
        } => {
            assert_eq!(subject, issuing.subject().to_string());
            assert_eq!(reason, Some(CrlReason::CaCompromise));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_trust_rule_has_a_test_here() {
    // chain.other stands for webpki errors this crate does not map (none it can be made to
    // give on a certificate path today).
    let source = include_str!("trust.rs");
    for rule in TrustRule::ALL {
        let name = format!("{rule:?}");
        let tested = source.contains(&format!("TrustRule::{name}"))
            || source.contains(&format!("\"{}\"", rule.code()));
        let exempt = matches!(rule, TrustRule::ChainOther);
        assert!(tested || exempt, "{rule} has no test");
    }
}

#[test]
fn rfc5280_profile_breaches_that_webpki_does_not_check() {
    use sote_certs::inspect::Presence;
    // A leaf without an authority key identifier.
    let no_aki = chain_with(|_| {}, |t| t.authority_key_identifier = Presence::Absent);
    let verification = no_aki.verifier().verify(&no_aki.leaf, now());
    profile_breach(&verification, "has no authority key identifier");
    // An intermediate without a subject key identifier.
    let no_ski = chain_with(|t| t.subject_key_identifier = Presence::Absent, |_| {});
    untrusted_with(
        &no_ski.verifier().verify(&no_ski.leaf, now()),
        TrustRule::ChainProfile,
    );
    // An anchor outside its own validity (OpenSSL's check; webpki reads only its name and key).
    let chain = chain();
    let after_root = utc(2050, 1, 1, 0, 0, 0);
    let mut leaf = leaf_template();
    leaf.not_after = utc(2060, 1, 1, 0, 0, 0);
    let issuing = chain
        .root
        .subordinate(&CertTemplate {
            not_after: utc(2060, 1, 1, 0, 0, 0),
            ..issuing_template()
        })
        .unwrap();
    let late_leaf = cert(&issuing.issue(&leaf).unwrap().der);
    let mut verifier = Verifier::new();
    verifier
        .add_anchor(&cert(&chain.root.certificate().der), None)
        .unwrap();
    verifier.add_intermediate(&cert(&issuing.certificate().der));
    let verification = verifier.verify(&late_leaf, after_root);
    profile_breach(&verification, "trust anchor outside its validity");
    // The unchanged chain keeps the profile.
    assert!(chain.verifier().verify(&chain.leaf, now()).is_trusted());
}

#[test]
fn a_pool_of_same_named_cas_exhausts_path_building() {
    // Twenty CAs all named "Loop CA" (each self-signed, each with its own key) and a leaf
    // issued by one of them: every one is a candidate issuer of every other, no path reaches
    // the anchor, and webpki's budget ends the search.
    let name = || Dn::new().common_name("Loop CA");
    let cas: Vec<TestCa> = (10..30)
        .map(|seed| TestCa::new(seed, name(), KeySpec::EcP256).unwrap())
        .collect();
    let leaf = cert(&cas[0].issue(&leaf_template()).unwrap().der);
    let mut verifier = Verifier::new();
    verifier
        .add_anchor(&cert(&root().certificate().der), None)
        .unwrap();
    for ca in &cas {
        verifier.add_intermediate(&cert(&ca.certificate().der));
    }
    untrusted_with(&verifier.verify(&leaf, now()), TrustRule::ChainTooComplex);
}

/// A server certificate (DVV's preset) under an issuing CA with the given critical
/// NameConstraints value.
fn server_under_name_constraints(value: Vec<u8>) -> Chain {
    chain_with(
        |t| {
            t.extra_extensions.push(RawExtension {
                oid: rfc5280::ID_CE_NAME_CONSTRAINTS,
                critical: CriticalMark::Critical,
                value,
            })
        },
        |t| *t = CertTemplate::dvv_like(Profile::Server, now()).unwrap(),
    )
}

/// permittedSubtrees with one dNSName, as a NameConstraints value.
fn permitted_dns(name: &str) -> Vec<u8> {
    let mut subtree = vec![0x82, name.len() as u8];
    subtree.extend_from_slice(name.as_bytes());
    let mut general_subtree = vec![0x30, subtree.len() as u8];
    general_subtree.extend(subtree);
    let mut permitted = vec![0xa0, general_subtree.len() as u8];
    permitted.extend(general_subtree);
    let mut value = vec![0x30, permitted.len() as u8];
    value.extend(permitted);
    value
}

#[test]
fn a_server_certificate_under_critical_name_constraints_that_permit_it_is_trusted() {
    use sote_certs::mint::San;
    // The preset's SAN is non-critical, as DVV writes it, and holds DNS names.
    let template = CertTemplate::dvv_like(Profile::Server, now()).unwrap();
    let san = template.subject_alt_names.as_ref().unwrap();
    assert_eq!(san.critical, CriticalMark::NonCritical);
    assert!(san.value.iter().any(|n| matches!(n, San::Dns(_))));
    let chain = server_under_name_constraints(permitted_dns("esimerkkiklinikka.example"));
    let verification = chain.verifier().verify(&chain.leaf, now());
    assert!(verification.is_trusted(), "{:?}", verification.findings);
    assert_eq!(verification.path().len(), 3);
    assert_eq!(verification.path()[0].der(), chain.leaf.as_der());
}

#[test]
fn an_empty_subject_needs_a_critical_subject_alternative_name() {
    use sote_certs::mint::San;
    for (critical, trusted) in [
        (CriticalMark::Critical, true),
        (CriticalMark::NonCritical, false),
    ] {
        let chain = chain_with(
            |_| {},
            |t| {
                *t = CertTemplate::dvv_like(Profile::Server, now()).unwrap();
                t.subject = Dn::new();
                t.subject_alt_names = Some(Ext {
                    value: vec![San::Dns("palvelin.esimerkkiklinikka.example".into())],
                    critical,
                });
            },
        );
        let verification = chain.verifier().verify(&chain.leaf, now());
        assert_eq!(
            verification.is_trusted(),
            trusted,
            "{critical:?}: {:?}",
            verification.findings
        );
        if !trusted {
            assert!(verification.findings.violates(TrustRule::ChainProfile));
        }
    }
}

#[test]
fn the_anchors_own_validity_holds_from_not_before_to_not_after_inclusive() {
    let mut template =
        TestCa::template(1, Dn::new().common_name("Test Root"), KeySpec::EcP384).unwrap();
    template.not_before = utc(2024, 1, 1, 0, 0, 0);
    template.not_after = utc(2025, 1, 1, 0, 0, 0);
    let root = TestCa::self_signed(&template).unwrap();
    let issuing = root.subordinate(&issuing_template()).unwrap();
    let leaf = cert(
        &issuing
            .issue(
                &CertTemplate::dvv_like(Profile::SystemSignature, utc(2023, 6, 1, 0, 0, 0))
                    .unwrap(),
            )
            .unwrap()
            .der,
    );
    let mut verifier = Verifier::new();
    verifier
        .add_anchor(&cert(&root.certificate().der), None)
        .unwrap();
    verifier.add_intermediate(&cert(&issuing.certificate().der));
    let second = Duration::seconds(1);
    for (at, trusted) in [
        (template.not_before - second, false),
        (template.not_before, true),
        (template.not_after, true),
        (template.not_after + second, false),
    ] {
        let verification = verifier.verify(&leaf, at);
        assert_eq!(
            verification.is_trusted(),
            trusted,
            "{at}: {:?}",
            verification.findings
        );
        if !trusted {
            assert!(
                verification.findings.violates(TrustRule::ChainProfile),
                "{at}"
            );
        }
    }
}

#[test]
fn a_dns_name_constraint_starting_with_a_period_is_refused() {
    let chain = server_under_name_constraints(permitted_dns(".esimerkkiklinikka.example"));
    // webpki reads the period as "any subdomain" and lets the path through; the profile
    // check refuses it.
    let verification = chain.verifier().verify(&chain.leaf, now());
    profile_breach(&verification, "starting with a period");
}

#[test]
fn name_constraints_without_a_subtree_are_refused() {
    // Neither list (`30 00`), both lists empty (`a0 00`, `a1 00`), one list empty beside a
    // good one: webpki accepts all three (x509-limbo's webpki::nc cases); RFC 5280 does not.
    let mut one_empty = permitted_dns("esimerkkiklinikka.example");
    one_empty[1] += 2;
    one_empty.extend([0xa1, 0x00]);
    for value in [
        vec![0x30, 0x00],
        vec![0x30, 0x04, 0xa0, 0x00, 0xa1, 0x00],
        one_empty,
    ] {
        let chain = server_under_name_constraints(value);
        let verification = chain.verifier().verify(&chain.leaf, now());
        profile_breach(&verification, "name constraints without a subtree");
    }
}

#[test]
fn an_authority_information_access_that_is_malformed_or_empty_is_refused() {
    // AuthorityInfoAccessSyntax is SIZE (1..MAX) OF AccessDescription; webpki does not read the
    // extension. The bytes of "malformed" are x509-limbo's webpki::malformed-aia.
    for value in [vec![0x30, 0x00], b"malformed".to_vec()] {
        let chain = leaf_with_raw(
            |t| t.authority_info_access = None,
            rfc5280::ID_PE_AUTHORITY_INFO_ACCESS,
            CriticalMark::NonCritical,
            value,
        );
        let verification = chain.verifier().verify(&chain.leaf, now());
        profile_breach(
            &verification,
            "authority information access extension that does not",
        );
    }
    // The preset's own AIA, with its entries, keeps the profile.
    let plain = chain_with(|_| {}, |_| {});
    assert!(
        plain
            .leaf
            .extensions()
            .any(|ext| ext.oid == rfc5280::ID_PE_AUTHORITY_INFO_ACCESS)
    );
    assert!(plain.verifier().verify(&plain.leaf, now()).is_trusted());
}

#[test]
fn an_end_entity_with_key_cert_sign_but_no_ca_is_refused() {
    for basic_constraints in [
        None,
        Some(Ext::critical(BasicConstraints {
            ca: false,
            path_len_constraint: None,
        })),
    ] {
        let chain = chain_with(
            |_| {},
            |t| {
                t.key_usage = Some(Ext::critical(KeyUsage(
                    KeyUsages::DigitalSignature | KeyUsages::KeyCertSign,
                )));
                t.basic_constraints = basic_constraints.clone();
            },
        );
        let verification = chain.verifier().verify(&chain.leaf, now());
        profile_breach(&verification, "keyCertSign without cA");
    }
}

#[test]
fn an_issuer_whose_key_usage_lacks_crl_sign_signs_no_crl() {
    let chain = chain_with(
        |t| t.key_usage = Some(Ext::critical(KeyUsage(KeyUsages::KeyCertSign.into()))),
        |_| {},
    );
    let mut verifier = chain.verifier();
    verifier.add_crl(chain.crl(&CrlTemplate::new(now() - Duration::hours(1))));
    let verification = verifier.verify(&chain.leaf, now());
    assert!(verification.is_trusted(), "{:?}", verification.findings);
    assert_eq!(verification.revocation, Revocation::Unknown);
    assert!(
        verification.findings.violates(TrustRule::CrlSignerUnknown),
        "{:?}",
        verification.findings
    );
}

#[test]
fn a_revocation_dated_after_the_instant_does_not_count_yet() {
    // The leaf is valid from ten days back; the CRL is issued two hours ago and dates the
    // revocation one hour ago. Ninety minutes ago the CRL already existed and the certificate
    // was not yet revoked.
    let chain = chain_with(
        |_| {},
        |t| {
            *t = CertTemplate::dvv_like(Profile::SystemSignature, now() - Duration::days(10))
                .unwrap()
        },
    );
    let mut verifier = chain.verifier();
    verifier.add_crl(
        chain.crl(&CrlTemplate::new(now() - Duration::hours(2)).revoke(
            chain.leaf.serial(),
            now() - Duration::hours(1),
            CrlReason::Superseded,
        )),
    );
    let before = verifier.verify(&chain.leaf, now() - Duration::minutes(90));
    assert!(before.is_trusted(), "{:?}", before.findings);
    assert_eq!(before.revocation, Revocation::Unknown);
    assert!(!before.findings.violates(TrustRule::CrlRevoked));
    let after = verifier.verify(&chain.leaf, now());
    assert!(matches!(after.revocation, Revocation::Revoked { .. }));
}

#[test]
fn a_hold_on_one_crl_keeps_a_fresh_crl_from_saying_good() {
    let chain = chain();
    let mut older = CrlTemplate::new(now() - Duration::days(1)).revoke(
        chain.leaf.serial(),
        now() - Duration::days(2),
        CrlReason::CertificateHold,
    );
    older.next_update = Some(now() + Duration::days(6));
    let mut newer = CrlTemplate::new(now() - Duration::hours(1));
    newer.number = Some(2);
    let mut verifier = chain.verifier();
    verifier.add_crl(chain.crl(&older));
    verifier.add_crl(chain.crl(&newer));
    let verification = verifier.verify(&chain.leaf, now());
    assert_eq!(
        verification.revocation,
        Revocation::Unknown,
        "{:?}",
        verification.findings
    );
    assert!(verification.findings.violates(TrustRule::CrlHold));
}

#[test]
fn a_revocation_on_both_crls_is_not_a_dropped_entry() {
    let chain = chain();
    let revoked_at = now() - Duration::days(2);
    let older = CrlTemplate::new(now() - Duration::days(1)).revoke(
        chain.leaf.serial(),
        revoked_at,
        CrlReason::KeyCompromise,
    );
    let mut newer = CrlTemplate::new(now() - Duration::hours(1)).revoke(
        chain.leaf.serial(),
        revoked_at,
        CrlReason::KeyCompromise,
    );
    newer.number = Some(2);
    let mut verifier = chain.verifier();
    verifier.add_crl(chain.crl(&older));
    verifier.add_crl(chain.crl(&newer));
    let verification = verifier.verify(&chain.leaf, now());
    assert!(matches!(
        verification.revocation,
        Revocation::Revoked { .. }
    ));
    assert_eq!(codes(&verification), ["crl.revoked"]);
}

#[test]
fn a_crl_signer_must_carry_the_crl_issuers_name() {
    let chain = chain();
    // A CRL signer certified by the same root (not a CA, cRLSign, as a real separate signer),
    // in the pool under another name: its key signs a CRL that names the G3E issuing CA. It is
    // not the issuer's CRL signer.
    let mut template = TestCa::template(
        77,
        Dn::new().common_name("Other CRL signer"),
        KeySpec::EcP384,
    )
    .unwrap();
    template.basic_constraints = Some(Ext::critical(BasicConstraints {
        ca: false,
        path_len_constraint: None,
    }));
    template.key_usage = Some(Ext::critical(KeyUsage(KeyUsages::CRLSign.into())));
    let other = chain.root.subordinate(&template).unwrap();
    let same_key_g3e_name = chain
        .root
        .subordinate(&TestCa::template(77, DvvCa::g3e().name, KeySpec::EcP384).unwrap())
        .unwrap();
    let crl = same_key_g3e_name
        .issue_crl(&CrlTemplate::new(now() - Duration::hours(1)).revoke(
            chain.leaf.serial(),
            now() - Duration::hours(2),
            CrlReason::KeyCompromise,
        ))
        .unwrap();
    let mut verifier = chain.verifier();
    verifier.add_intermediate(&cert(&other.certificate().der));
    verifier.add_crl(Crl::from_der(&crl).unwrap());
    let verification = verifier.verify(&chain.leaf, now());
    assert_eq!(verification.revocation, Revocation::Unknown);
    assert!(
        verification.findings.violates(TrustRule::CrlSignerUnknown),
        "{:?}",
        verification.findings
    );
}

#[test]
fn an_anchor_whose_basic_constraints_say_not_a_ca_anchors_nothing() {
    let mut template =
        TestCa::template(1, Dn::new().common_name("Test Root"), KeySpec::EcP384).unwrap();
    template.basic_constraints = Some(Ext::critical(BasicConstraints {
        ca: false,
        path_len_constraint: None,
    }));
    let root = TestCa::self_signed(&template).unwrap();
    let leaf = cert(&root.issue(&leaf_template()).unwrap().der);
    let mut verifier = Verifier::new();
    verifier
        .add_anchor(&cert(&root.certificate().der), None)
        .unwrap();
    let verification = verifier.verify(&leaf, now());
    untrusted_with(&verification, TrustRule::ChainAnchorNotCa);
    assert!(
        verification.findings[0].message.contains("cA FALSE"),
        "{:?}",
        verification.findings
    );
}

#[test]
fn a_server_certificate_names_its_dns_names_only() {
    use sote_certs::trust::matches_server_name;
    let chain = chain_with(
        |_| {},
        |t| *t = CertTemplate::dvv_like(Profile::Server, now()).unwrap(),
    );
    assert_eq!(
        matches_server_name(&chain.leaf, "palvelin.esimerkkiklinikka.example"),
        Ok(true)
    );
    assert_eq!(
        matches_server_name(&chain.leaf, "toinen.esimerkkiklinikka.example"),
        Ok(false)
    );
    assert!(matches_server_name(&chain.leaf, "not a name").is_err());
}
