//! OpenSSL agrees with the verifier on minted chains and CRLs: `openssl crl -verify` accepts
//! the minted CRLs (and refuses the one with a broken signature), and `openssl verify
//! -crl_check` (`-crl_check_all`) gives the same verdict as `Verifier` with
//! `RevocationPolicy::BestEffort` (`Required`) for good, revoked, stale and badly signed cases.
//! Skipped, with a printed reason, when `openssl` is not installed; under `CI=true` a missing
//! `openssl` fails the tests instead.

#![cfg(all(feature = "trust", feature = "test-fixtures"))]

mod common;
#[path = "support/openssl.rs"]
mod openssl;

use chrono::{DateTime, Duration, Utc};
use common::utc;
use openssl::Scratch;
use sote_certs::mint::{CertTemplate, CrlTemplate, Dn, DvvCa, KeySpec, TestCa};
use sote_certs::revocation::{Crl, CrlReason};
use sote_certs::trust::{Revocation, RevocationPolicy, Verifier};
use sote_certs::{Certificate, Profile};

fn now() -> DateTime<Utc> {
    utc(2024, 3, 1, 10, 0, 0)
}

fn pem(label: &str, der: &[u8]) -> String {
    der::pem::encode_string(label, der::pem::LineEnding::LF, der).unwrap()
}

/// A root, DVV's G3E name under it, a leaf, and CRLs written for both tools.
struct Set {
    dir: Scratch,
    root: TestCa,
    issuing: TestCa,
    leaf: Certificate,
}

impl Set {
    fn new(name: &str) -> Self {
        let root = TestCa::new(
            1,
            Dn::new().country("FI").common_name("Test Root"),
            KeySpec::EcP384,
        )
        .unwrap();
        let issuing = root
            .subordinate(&TestCa::template(2, DvvCa::g3e().name, KeySpec::EcP384).unwrap())
            .unwrap();
        let leaf = issuing
            .issue(
                &CertTemplate::dvv_like(Profile::SystemSignature, now() - Duration::days(10))
                    .unwrap(),
            )
            .unwrap();
        let dir = Scratch::new(&format!("trust-{name}"));
        dir.write("root.pem", &root.certificate().pem);
        dir.write("issuing.pem", &issuing.certificate().pem);
        dir.write("leaf.pem", &leaf.pem);
        Set {
            dir,
            root,
            leaf: Certificate::from_der(&leaf.der).unwrap(),
            issuing,
        }
    }

    /// Writes the CRLs (PEM, one file) and gives them to a verifier too.
    fn crls(&self, crls: &[Vec<u8>]) -> (String, Vec<Crl>) {
        let text: String = crls.iter().map(|der| pem("X509 CRL", der)).collect();
        let path = self.dir.write("crls.pem", text);
        (
            path,
            crls.iter().map(|der| Crl::from_der(der).unwrap()).collect(),
        )
    }

    fn verifier(&self, crls: Vec<Crl>, policy: RevocationPolicy) -> Verifier {
        let mut verifier = Verifier::new();
        verifier
            .add_anchor(
                &Certificate::from_der(&self.root.certificate().der).unwrap(),
                None,
            )
            .unwrap();
        verifier.add_intermediate(&Certificate::from_der(&self.issuing.certificate().der).unwrap());
        for crl in crls {
            verifier.add_crl(crl);
        }
        verifier.set_revocation_policy(policy);
        verifier
    }

    /// `openssl verify` with `flag` (`-crl_check`, `-crl_check_all`) at `now()`: accepted?
    fn openssl_accepts(&self, crl_file: &str, flag: &str) -> (bool, String) {
        let at = now().timestamp().to_string();
        let out = openssl::run(
            &[
                "verify",
                flag,
                "-attime",
                &at,
                "-CAfile",
                &self.dir.path("root.pem").to_string_lossy(),
                "-untrusted",
                &self.dir.path("issuing.pem").to_string_lossy(),
                "-CRLfile",
                crl_file,
                &self.dir.path("leaf.pem").to_string_lossy(),
            ],
            &[],
        );
        (out.status.success(), openssl::text(&out))
    }
}

/// Ours accepts: trusted, not revoked, and good (the policy decides what good needs).
fn ours_accepts(verifier: &Verifier, leaf: &Certificate) -> bool {
    let verification = verifier.verify(leaf, now());
    verification.is_trusted() && verification.revocation == Revocation::Good
}

#[test]
fn openssl_reads_and_verifies_the_minted_crls() {
    if !openssl::available() {
        return;
    }
    let set = Set::new("crl-verify");
    let template = CrlTemplate::new(now()).revoke(
        set.leaf.serial(),
        now() - Duration::hours(1),
        CrlReason::KeyCompromise,
    );
    for (der, valid) in [
        (set.issuing.issue_crl(&template).unwrap(), true),
        (
            set.issuing.issue_crl_with_bad_signature(&template).unwrap(),
            false,
        ),
    ] {
        let file = set.dir.write("one.crl.pem", pem("X509 CRL", &der));
        let out = openssl::run(
            &[
                "crl",
                "-in",
                &file,
                "-CAfile",
                &set.dir.path("issuing.pem").to_string_lossy(),
                "-noout",
                "-text",
            ],
            &[],
        );
        let text = openssl::text(&out);
        assert_eq!(text.contains("verify OK"), valid, "{text}");
        // OpenSSL reads the long DVV serial and the reason as written.
        assert!(
            text.to_lowercase()
                .contains(&set.leaf.serial().to_hex_string()),
            "{text}"
        );
        assert!(text.contains("Key Compromise"), "{text}");
        let ours = sote_certs::trust::check_crl(
            &Crl::from_der(&der).unwrap(),
            Some(&Certificate::from_der(&set.issuing.certificate().der).unwrap()),
            now(),
        );
        assert_eq!(ours.signature_valid, Some(valid));
    }
}

#[test]
fn openssl_verify_with_crl_checks_agrees_with_the_verifier() {
    if !openssl::available() {
        return;
    }
    let set = Set::new("crl-check");
    let fresh = || CrlTemplate::new(now() - Duration::hours(1));
    let revoking = fresh().revoke(
        set.leaf.serial(),
        now() - Duration::hours(2),
        CrlReason::Superseded,
    );
    let mut stale = fresh();
    stale.this_update = now() - Duration::days(20);
    stale.next_update = Some(now() - Duration::days(13));
    let root_crl = set.root.issue_crl(&fresh()).unwrap();
    // (case, CRLs, our policy, OpenSSL's flag, accepted)
    type Case<'a> = (&'a str, Vec<Vec<u8>>, RevocationPolicy, &'a str, bool);
    let cases: Vec<Case<'_>> = vec![
        (
            "good",
            vec![set.issuing.issue_crl(&fresh()).unwrap()],
            RevocationPolicy::BestEffort,
            "-crl_check",
            true,
        ),
        (
            "revoked",
            vec![set.issuing.issue_crl(&revoking).unwrap()],
            RevocationPolicy::BestEffort,
            "-crl_check",
            false,
        ),
        (
            "stale",
            vec![set.issuing.issue_crl(&stale).unwrap()],
            RevocationPolicy::BestEffort,
            "-crl_check",
            false,
        ),
        (
            "bad signature",
            vec![set.issuing.issue_crl_with_bad_signature(&fresh()).unwrap()],
            RevocationPolicy::BestEffort,
            "-crl_check",
            false,
        ),
        (
            "all, root CRL missing",
            vec![set.issuing.issue_crl(&fresh()).unwrap()],
            RevocationPolicy::Required,
            "-crl_check_all",
            false,
        ),
        (
            "all, both CRLs",
            vec![set.issuing.issue_crl(&fresh()).unwrap(), root_crl.clone()],
            RevocationPolicy::Required,
            "-crl_check_all",
            true,
        ),
    ];
    for (name, crls, policy, flag, expected) in cases {
        let (file, parsed) = set.crls(&crls);
        let (openssl, text) = set.openssl_accepts(&file, flag);
        let ours = ours_accepts(&set.verifier(parsed, policy), &set.leaf);
        assert_eq!(openssl, expected, "{name}: openssl says {text}");
        assert_eq!(
            ours, expected,
            "{name}: the verifier disagrees with openssl ({text})"
        );
    }
}
