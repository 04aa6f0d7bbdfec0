//! Revocation status from CRLs, for a path webpki verified: which CRLs are the issuers' (their
//! signatures checked with webpki's algorithms, by aws-lc-rs), what they say, and whether that is
//! enough to call a certificate good.

use chrono::{DateTime, Utc};
use const_oid::db::rfc5280;
use der::Decode;
use rustls_pki_types::SignatureVerificationAlgorithm;
use spki::SubjectPublicKeyInfoRef;
use x509_cert::ext::pkix::{KeyUsage, KeyUsages, SubjectKeyIdentifier};

use super::verify::Verifier;
use super::{Revocation, RevocationPolicy, TrustFinding, TrustRule};
use crate::certificate::Certificate;
use crate::inspect::FindingValue;
use crate::revocation::{Crl, CrlEntry, CrlReason};

/// What became of a signature check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Signature {
    Valid,
    Invalid,
    /// No algorithm of the validator fits the signature's algorithm and the key.
    Unsupported,
}

/// Verifies `signature` over `message` with the key of `spki_der`, under the AlgorithmIdentifier
/// content `algorithm`, with the first of webpki's algorithms that fits both (as webpki checks
/// certificate signatures).
pub(super) fn verify_signed(
    spki_der: &[u8],
    algorithm: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Signature {
    let Ok(spki) = SubjectPublicKeyInfoRef::from_der(spki_der) else {
        return Signature::Unsupported;
    };
    let Some(key_algorithm) = content_of(spki_der) else {
        return Signature::Unsupported;
    };
    let Some(public_key) = spki.subject_public_key.as_bytes() else {
        return Signature::Unsupported;
    };
    let fits = |alg: &&&dyn SignatureVerificationAlgorithm| {
        alg.signature_alg_id().as_ref() == algorithm
            && alg.public_key_alg_id().as_ref() == key_algorithm
    };
    match webpki::ALL_VERIFICATION_ALGS.iter().find(fits) {
        None => Signature::Unsupported,
        Some(alg) if alg.verify_signature(public_key, message, signature).is_ok() => {
            Signature::Valid
        }
        Some(_) => Signature::Invalid,
    }
}

/// The content of the SubjectPublicKeyInfo's algorithm SEQUENCE (the form webpki compares).
fn content_of(spki_der: &[u8]) -> Option<&[u8]> {
    let (_, spki, _) = crate::asn1::split_tlv(spki_der)?;
    let (_, algorithm, _) = crate::asn1::split_tlv(spki)?;
    Some(algorithm)
}

/// The subject key identifier of `cert`, when it has one.
fn subject_key_id(cert: &Certificate) -> Option<Vec<u8>> {
    cert.extensions()
        .find(|ext| ext.oid == rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER)
        .and_then(|ext| SubjectKeyIdentifier::from_der(ext.value).ok())
        .map(|id| id.0.as_bytes().to_vec())
}

/// Whether `cert` may sign CRLs: no key usage extension, or one with cRLSign.
fn may_sign_crls(cert: &Certificate) -> bool {
    cert.extensions()
        .find(|ext| ext.oid == rfc5280::ID_CE_KEY_USAGE)
        .is_none_or(|ext| {
            KeyUsage::from_der(ext.value).is_ok_and(|usage| usage.0.contains(KeyUsages::CRLSign))
        })
}

/// One certificate of the path below the anchor, with its issuer's certificate.
pub(super) struct Link<'a> {
    pub cert: &'a Certificate,
    pub issuer: &'a Certificate,
    /// The anchor the path ends at, for a separate CRL signer's own path.
    pub anchor: &'a Certificate,
}

/// What the CRLs say of one certificate.
enum Listed<'c> {
    /// A verified CRL lists it, revoked at or before the instant.
    Revoked(&'c CrlEntry),
    /// A fresh, verified, complete CRL of its issuer does not list it.
    Good,
    /// Nothing to go on.
    Unknown,
}

impl Verifier {
    /// The revocation status of a verified path (certificate first, anchor excluded), and the
    /// `crl.*` findings behind it.
    pub(super) fn revocation(
        &self,
        links: &[Link<'_>],
        at: DateTime<Utc>,
        findings: &mut Vec<TrustFinding>,
    ) -> Revocation {
        let mut status = Revocation::Good;
        for (depth, link) in links.iter().enumerate() {
            let listed = self.status_of(link, at, findings);
            match listed {
                Listed::Revoked(entry) => {
                    let subject = link.cert.subject().to_string();
                    findings.push(
                        TrustFinding::new(
                            TrustRule::CrlRevoked,
                            format!(
                                "{subject} (serial {}) is revoked since {}{}",
                                entry.serial.to_hex_string(),
                                entry.revoked_at.to_rfc3339(),
                                entry
                                    .reason
                                    .map_or_else(String::new, |r| format!(", reason {}", r.name()))
                            ),
                        )
                        .with("certificate", FindingValue::Name(subject.clone()))
                        .with("serial", FindingValue::Text(entry.serial.to_hex_string()))
                        .with("revoked_at", FindingValue::Instant(entry.revoked_at)),
                    );
                    // The first revoked certificate from the end entity up is the one reported.
                    if !matches!(status, Revocation::Revoked { .. }) {
                        status = Revocation::Revoked {
                            revoked_at: entry.revoked_at,
                            reason: entry.reason,
                            subject,
                        };
                    }
                }
                Listed::Good => {}
                Listed::Unknown => {
                    // Without the requirement only the certificate's own status matters.
                    let required = self.revocation_policy == RevocationPolicy::Required;
                    if depth > 0 && !required {
                        continue;
                    }
                    let subject = link.cert.subject().to_string();
                    let rule = if required {
                        TrustRule::CrlRequired
                    } else {
                        TrustRule::CrlNone
                    };
                    findings.push(
                        TrustFinding::new(
                            rule,
                            format!("no fresh, verified CRL of its issuer answers for {subject}"),
                        )
                        .with("certificate", FindingValue::Name(subject)),
                    );
                    if status == Revocation::Good {
                        status = Revocation::Unknown;
                    }
                }
            }
        }
        status
    }

    /// What the CRLs of `link`'s issuer say of its certificate at `at`.
    fn status_of<'s>(
        &'s self,
        link: &Link<'_>,
        at: DateTime<Utc>,
        findings: &mut Vec<TrustFinding>,
    ) -> Listed<'s> {
        let issuer_name = link.cert.issuer().as_der();
        let serial = link.cert.serial();
        let mut verified: Vec<&Crl> = Vec::new();
        for crl in self
            .crls
            .iter()
            .filter(|crl| crl.issuer().as_der() == issuer_name)
        {
            if let Some(finding) = self.crl_problem(crl, link) {
                findings.push(finding);
                continue;
            }
            verified.push(crl);
        }
        verified.sort_by_key(|crl| crl.this_update());
        let mut revoked = None;
        let mut good = false;
        for (i, crl) in verified.iter().enumerate() {
            match crl.lookup(&serial) {
                Some(entry)
                    if matches!(
                        entry.reason,
                        Some(CrlReason::CertificateHold | CrlReason::RemoveFromCrl)
                    ) =>
                {
                    findings.push(hold_finding(crl, entry, link.cert));
                }
                Some(entry) if entry.revoked_at <= at => {
                    revoked = revoked.or(Some(entry));
                    // Final: a newer CRL that leaves it out before notAfter is an anomaly.
                    for newer in verified.iter().skip(i + 1) {
                        if newer.lookup(&serial).is_none()
                            && newer.this_update() <= link.cert.not_after()
                        {
                            findings.push(dropped_finding(crl, newer, entry, link.cert));
                        }
                    }
                }
                Some(_) => {}
                None if !crl.is_fresh_at(at) => {
                    findings.push(stale_finding(crl, at));
                }
                None => good = true,
            }
        }
        match (revoked, good) {
            (Some(entry), _) => Listed::Revoked(entry),
            // A hold on any CRL keeps the status from being good.
            (None, true) if !findings_hold(findings, link.cert) => Listed::Good,
            _ => Listed::Unknown,
        }
    }

    /// Why `crl` cannot be used for `link`'s certificate (unsupported, or its signer not
    /// established), or `None` when its signature is verified.
    fn crl_problem(&self, crl: &Crl, link: &Link<'_>) -> Option<TrustFinding> {
        if let Some(defect) = crl_defect(crl) {
            return Some(defect);
        }
        let tried = signed_by_issuer(crl, link.issuer);
        if tried == Signature::Valid {
            return None;
        }
        // A separate CRL signer of the same CA (RFC 5280 §6.3.3 (f)): the CA's name, cRLSign,
        // and a path to the same anchor.
        let signers = self.crl_signers(crl, link);
        if signers
            .iter()
            .any(|signer| check_crl_signature(crl, signer) == Signature::Valid)
        {
            return None;
        }
        Some(signature_finding(crl, tried))
    }

    /// Certificates of the pool named like the CRL's issuer, allowed to sign CRLs, with a
    /// verified path to `link`'s anchor.
    fn crl_signers(&self, crl: &Crl, link: &Link<'_>) -> Vec<Certificate> {
        let name = crl.issuer().as_der();
        let mut verifier = Verifier::new();
        if verifier.add_anchor(link.anchor, None).is_err() {
            return Vec::new();
        }
        for pooled in &self.pool {
            verifier.add_intermediate(pooled);
        }
        self.pool
            .iter()
            .filter(|cert| cert.subject().as_der() == name && may_sign_crls(cert))
            .filter(|cert| verifier.verify(cert, crl.this_update()).is_trusted())
            .cloned()
            .collect()
    }
}

/// Why `crl` is not used whoever signed it: unsupported or non-conforming.
fn crl_defect(crl: &Crl) -> Option<TrustFinding> {
    let (rule, what) = if let Some(what) = crl.unsupported().first() {
        (TrustRule::CrlUnsupported, format!("is {what}"))
    } else {
        let what = crl.nonconformities().first()?;
        (TrustRule::CrlNonConforming, what.to_string())
    };
    let issuer = crl.issuer().to_string();
    Some(
        TrustFinding::new(rule, format!("the CRL of {issuer} {what}: not used"))
            .with("issuer", FindingValue::Name(issuer)),
    )
}

/// Whether `issuer` itself signed `crl`: its key, unless the CRL's authority key identifier
/// names another, and only when its key usage allows cRLSign.
fn signed_by_issuer(crl: &Crl, issuer: &Certificate) -> Signature {
    let key_id = crl.authority_key_identifier();
    let issuer_key_id = subject_key_id(issuer);
    let names_other_key =
        matches!((key_id, issuer_key_id.as_deref()), (Some(a), Some(b)) if a != b);
    if names_other_key || !may_sign_crls(issuer) {
        return Signature::Unsupported;
    }
    check_crl_signature(crl, issuer)
}

fn check_crl_signature(crl: &Crl, signer: &Certificate) -> Signature {
    verify_signed(
        signer.subject_public_key_info_der(),
        crl.signature_algorithm_der(),
        crl.tbs_der(),
        crl.signature(),
    )
}

/// The finding for a CRL whose signature did not verify: invalid with the issuer's key, or no
/// key that may sign it.
fn signature_finding(crl: &Crl, tried: Signature) -> TrustFinding {
    let issuer = crl.issuer().to_string();
    let (rule, what) = match tried {
        Signature::Invalid => (
            TrustRule::CrlSignatureInvalid,
            "its signature does not verify with the issuer's key",
        ),
        _ => (
            TrustRule::CrlSignerUnknown,
            "no key that may sign CRLs for the issuer (its own, or a CRL signer with a path to \
             the same anchor) verifies it",
        ),
    };
    TrustFinding::new(rule, format!("the CRL of {issuer}: {what}; not used"))
        .with("issuer", FindingValue::Name(issuer))
}

/// A CRL checked on its own: its signature against a given issuer, its freshness, and what
/// keeps it from being used.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CrlCheck {
    /// `Some(true)` when the issuer's key verifies the signature, `Some(false)` when it does
    /// not (or may not sign CRLs, or the algorithm is not supported), `None` without an issuer.
    pub signature_valid: Option<bool>,
    /// Whether the instant lies in thisUpdate ..= nextUpdate.
    pub fresh: bool,
    /// `crl.unsupported`, `crl.non-conforming`, `crl.stale`, `crl.signature-invalid`,
    /// `crl.signer-unknown`.
    pub findings: crate::inspect::Findings<TrustRule>,
}

/// Checks `crl` on its own at `at`: against `issuer`'s key when given (the certificate of the
/// CA that issued it), and its freshness. A [`Verifier`] makes the same checks for the CRLs of
/// a path, and also accepts a separate CRL signer.
pub fn check_crl(crl: &Crl, issuer: Option<&Certificate>, at: DateTime<Utc>) -> CrlCheck {
    let mut findings: Vec<TrustFinding> = crl_defect(crl).into_iter().collect();
    let fresh = crl.is_fresh_at(at);
    if !fresh {
        findings.push(stale_finding(crl, at));
    }
    let signature_valid = issuer.map(|issuer| {
        let tried = signed_by_issuer(crl, issuer);
        if tried != Signature::Valid {
            findings.push(signature_finding(crl, tried));
        }
        tried == Signature::Valid
    });
    CrlCheck {
        signature_valid,
        fresh,
        findings: findings.into(),
    }
}

fn findings_hold(findings: &[TrustFinding], cert: &Certificate) -> bool {
    let subject = cert.subject().to_string();
    findings.iter().any(|f| {
        f.rule == TrustRule::CrlHold
            && f.value("certificate") == Some(&FindingValue::Name(subject.clone()))
    })
}

fn hold_finding(crl: &Crl, entry: &CrlEntry, cert: &Certificate) -> TrustFinding {
    let subject = cert.subject().to_string();
    let reason = entry.reason.map_or("no reason", CrlReason::name);
    TrustFinding::new(
        TrustRule::CrlHold,
        format!(
            "the CRL of {} lists {subject} with {reason}: a sote certificate is never suspended \
             nor reinstated, so its status is not good",
            crl.issuer()
        ),
    )
    .with("certificate", FindingValue::Name(subject))
    .with("reason", FindingValue::Text(reason.to_owned()))
}

fn dropped_finding(older: &Crl, newer: &Crl, entry: &CrlEntry, cert: &Certificate) -> TrustFinding {
    let subject = cert.subject().to_string();
    TrustFinding::new(
        TrustRule::CrlEntryDropped,
        format!(
            "{subject} (serial {}) is revoked on the CRL of {} but missing from the newer one of \
             {}, before its notAfter {}: revocation is final, it stays revoked",
            entry.serial.to_hex_string(),
            older.this_update().to_rfc3339(),
            newer.this_update().to_rfc3339(),
            cert.not_after().to_rfc3339()
        ),
    )
    .with("certificate", FindingValue::Name(subject))
    .with("serial", FindingValue::Text(entry.serial.to_hex_string()))
    .with("this_update", FindingValue::Instant(newer.this_update()))
}

fn stale_finding(crl: &Crl, at: DateTime<Utc>) -> TrustFinding {
    let issuer = crl.issuer().to_string();
    let window = format!(
        "{} to {}",
        crl.this_update().to_rfc3339(),
        crl.next_update()
            .map_or_else(|| "(no nextUpdate)".to_owned(), |t| t.to_rfc3339())
    );
    TrustFinding::new(
        TrustRule::CrlStale,
        format!(
            "the CRL of {issuer} is valid {window}, not at {}: it cannot say a certificate is good",
            at.to_rfc3339()
        ),
    )
    .with("issuer", FindingValue::Name(issuer))
    .with("this_update", FindingValue::Instant(crl.this_update()))
    .with("at", FindingValue::Instant(at))
}
