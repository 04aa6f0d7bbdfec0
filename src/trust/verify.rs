//! The [`Verifier`]: rustls-webpki's path validation, the anchors' own constraints on top.

use std::cell::RefCell;
use std::time::Duration;

use chrono::{DateTime, Utc};
use const_oid::db::rfc5280;
use der::Decode;
use rustls_pki_types::{CertificateDer, TrustAnchor, UnixTime};
use webpki::{EndEntityCert, ExtendedKeyUsageValidator, KeyPurposeIdIter, KeyUsage, VerifiedPath};
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage as KeyUsageExt, KeyUsages};

use super::profile::{self, Place};
use super::status::Link;
use super::{
    PathEntry, Revocation, RevocationPolicy, TrustFinding, TrustRule, TrustStatus, Verification,
};
use crate::certificate::Certificate;
use crate::inspect::{FindingValue, Findings};
use crate::profile::Environment;
use crate::revocation::Crl;

/// An anchor that cannot be used, with the reason.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("trust anchor {subject}: {reason}")]
#[non_exhaustive]
pub struct TrustError {
    /// The anchor certificate's subject, RFC 4514.
    pub subject: String,
    /// What the path validator found wrong with it.
    pub reason: String,
}

/// The extended key usage a path must allow (checked on every certificate of the path that has
/// the extension, as RFC 5280 §4.2.1.12 and webpki read it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Usage {
    /// Any: the sote profiles' extended key usages are judged by [`crate::inspect`] instead
    /// (a system signature certificate has none of TLS's).
    #[default]
    Any,
    /// TLS server authentication (id-kp-serverAuth), where the extension is present.
    ServerAuth,
    /// TLS client authentication (id-kp-clientAuth), where the extension is present.
    ClientAuth,
}

impl ExtendedKeyUsageValidator for Usage {
    fn validate(&self, mut iter: KeyPurposeIdIter<'_, '_>) -> Result<(), webpki::Error> {
        match self {
            // Every purpose must still parse: a malformed extension is not "any".
            Usage::Any => iter.try_for_each(|purpose| purpose.map(drop)),
            Usage::ServerAuth => KeyUsage::server_auth().validate(iter),
            Usage::ClientAuth => KeyUsage::client_auth().validate(iter),
        }
    }
}

/// A trust anchor: the certificate the caller trusts, what it says about itself, and the
/// environment the caller says it belongs to.
#[derive(Clone, Debug)]
struct Anchor {
    entry: PathEntry,
    certificate: Certificate,
    environment: Option<Environment>,
    /// Why the anchor's own certificate forbids it to sign certificates (RFC 5937), if it does.
    not_ca: Option<&'static str>,
    /// Its pathLenConstraint, if any.
    path_len: Option<u8>,
}

/// Verifies certificates against trust anchors, with intermediates from a pool.
///
/// Anchors and intermediates are added once; [`Verifier::verify`] then takes a certificate and
/// an instant. Nothing is read from the network or the clock.
#[derive(Clone, Debug, Default)]
pub struct Verifier {
    anchors: Vec<Anchor>,
    /// webpki's view of `anchors`, index for index.
    webpki_anchors: Vec<TrustAnchor<'static>>,
    /// The pool, as webpki takes it and read, index for index.
    pub(super) intermediates: Vec<CertificateDer<'static>>,
    pub(super) pool: Vec<Certificate>,
    usage: Usage,
    max_intermediates: Option<usize>,
    pub(super) crls: Vec<Crl>,
    pub(super) revocation_policy: RevocationPolicy,
}

impl Verifier {
    /// A verifier without anchors (it trusts nothing), intermediates or limits, for any usage.
    pub fn new() -> Self {
        Self::default()
    }

    /// Trusts `anchor`: paths may end at it. `environment` is where the caller knows the anchor
    /// belongs (DVV's production or test hierarchy); a verified certificate's environment is
    /// its anchor's. The anchor's certificate is not checked for validity or signature (RFC
    /// 5937: an anchor is trusted as given), but its basic constraints, key usage and
    /// pathLenConstraint are applied to the paths that end at it.
    pub fn add_anchor(
        &mut self,
        anchor: &Certificate,
        environment: Option<Environment>,
    ) -> Result<&mut Self, TrustError> {
        let der = CertificateDer::from(anchor.as_der());
        let subject = anchor.subject().to_string();
        let webpki_anchor = webpki::anchor_from_trusted_cert(&der)
            .map_err(|e| TrustError {
                subject: subject.clone(),
                reason: format!("not usable as a trust anchor: {e}"),
            })?
            .to_owned();
        let (not_ca, path_len) = anchor_constraints(anchor);
        self.anchors.push(Anchor {
            entry: PathEntry::with_subject(anchor.as_der().to_vec(), subject),
            certificate: anchor.clone(),
            environment,
            not_ca,
            path_len,
        });
        self.webpki_anchors.push(webpki_anchor);
        Ok(self)
    }

    /// Adds `intermediate` to the pool that paths may pass through. It is not trusted by
    /// itself: a path through it must still reach an anchor.
    pub fn add_intermediate(&mut self, intermediate: &Certificate) -> &mut Self {
        self.intermediates
            .push(CertificateDer::from(intermediate.as_der().to_vec()));
        self.pool.push(intermediate.clone());
        self
    }

    /// Adds `crl` to the CRLs revocation is read from. It is used for a certificate only when
    /// it names the certificate's issuer and its signature verifies with the issuer's key (or
    /// a CRL signer of the same CA with a path to the same anchor); see [`Revocation`].
    pub fn add_crl(&mut self, crl: Crl) -> &mut Self {
        self.crls.push(crl);
        self
    }

    /// How much revocation information a verification needs ([`RevocationPolicy::BestEffort`]
    /// by default).
    pub fn set_revocation_policy(&mut self, policy: RevocationPolicy) -> &mut Self {
        self.revocation_policy = policy;
        self
    }

    /// Requires every certificate of the path that has an extended key usage extension to
    /// allow `usage` ([`Usage::Any`] by default).
    pub fn set_usage(&mut self, usage: Usage) -> &mut Self {
        self.usage = usage;
        self
    }

    /// Allows at most `max` intermediates between a certificate and its anchor (`None`, the
    /// default, leaves only webpki's own limit of six).
    pub fn set_max_intermediates(&mut self, max: Option<usize>) -> &mut Self {
        self.max_intermediates = max;
        self
    }

    /// Verifies `cert` at `at`: a path to an anchor, valid at that instant.
    pub fn verify(&self, cert: &Certificate, at: DateTime<Utc>) -> Verification {
        let Ok(seconds) = u64::try_from(at.timestamp()) else {
            return untrusted(vec![
                TrustFinding::new(
                    TrustRule::ChainInstant,
                    format!(
                        "the instant {at} is before 1970, which the path validator cannot take"
                    ),
                )
                .with("at", FindingValue::Instant(at)),
            ]);
        };
        let time = UnixTime::since_unix_epoch(Duration::from_secs(seconds));
        let der = CertificateDer::from(cert.as_der());
        let end_entity = match EndEntityCert::try_from(&der) {
            Ok(end_entity) => end_entity,
            Err(e) => return untrusted(vec![self.finding(&e, cert)]),
        };
        let refused = RefCell::new(Vec::new());
        let anchor_check = |path: &VerifiedPath<'_>| self.anchor_allows(path, cert, at, &refused);
        let result = end_entity.verify_for_usage(
            webpki::ALL_VERIFICATION_ALGS,
            &self.webpki_anchors,
            &self.intermediates,
            time,
            self.usage,
            None,
            Some(&anchor_check),
        );
        match result {
            Ok(path) => self.trusted(&path, cert, at),
            Err(e) => {
                let mut findings = refused.into_inner();
                // The anchor check refuses with `PathLenConstraintViolated`: when that is the
                // error webpki ends with, the refusals above already say why.
                if findings.is_empty() || e != webpki::Error::PathLenConstraintViolated {
                    findings.push(self.finding(&e, cert));
                }
                untrusted(findings)
            }
        }
    }

    /// The anchor's own constraints on a path webpki accepted (RFC 5937); a refusal is
    /// recorded in `refused` and makes webpki try the next candidate.
    fn anchor_allows(
        &self,
        path: &VerifiedPath<'_>,
        cert: &Certificate,
        at: DateTime<Utc>,
        refused: &RefCell<Vec<TrustFinding>>,
    ) -> Result<(), webpki::Error> {
        let intermediates = path.intermediate_certificates().count();
        let anchor = self.anchor_of(path);
        let refusal = match anchor {
            Some(Anchor {
                entry,
                not_ca: Some(why),
                ..
            }) => Some(
                TrustFinding::new(
                    TrustRule::ChainAnchorNotCa,
                    format!("the trust anchor {} {why}", entry.subject()),
                )
                .with("anchor", FindingValue::Name(entry.subject().to_owned())),
            ),
            Some(Anchor {
                entry,
                path_len: Some(limit),
                ..
            }) if intermediates > usize::from(*limit) => Some(
                TrustFinding::new(
                    TrustRule::ChainPathLength,
                    format!(
                        "the trust anchor {} allows {limit} intermediate(s) below it \
                         (pathLenConstraint), the path has {intermediates}",
                        entry.subject()
                    ),
                )
                .with("anchor", FindingValue::Name(entry.subject().to_owned()))
                .with("limit", FindingValue::Integer(i64::from(*limit)))
                .with("intermediates", FindingValue::Octets(intermediates)),
            ),
            _ => None,
        };
        let refusal = refusal
            .or_else(|| self.profile_breach(path, cert, anchor, at))
            .or_else(|| {
                let max = self.max_intermediates?;
                (intermediates > max).then(|| {
                    TrustFinding::new(
                    TrustRule::ChainTooDeep,
                    format!(
                        "the path has {intermediates} intermediate(s), the verifier allows {max}"
                    ),
                )
                .with("intermediates", FindingValue::Octets(intermediates))
                .with("limit", FindingValue::Octets(max))
                })
            });
        match refusal {
            None => Ok(()),
            Some(finding) => {
                refused.borrow_mut().push(finding);
                Err(webpki::Error::PathLenConstraintViolated)
            }
        }
    }

    /// The first certificate of the path, from the end entity up to the anchor, that breaks
    /// RFC 5280's profile where webpki does not check it.
    fn profile_breach(
        &self,
        path: &VerifiedPath<'_>,
        cert: &Certificate,
        anchor: Option<&Anchor>,
        at: DateTime<Utc>,
    ) -> Option<TrustFinding> {
        let intermediates = path.intermediate_certificates().filter_map(|intermediate| {
            let der = intermediate.der();
            self.intermediates
                .iter()
                .position(|pooled| pooled.as_ref() == der.as_ref())
                .and_then(|index| self.pool.get(index))
        });
        let path = core::iter::once((cert, Place::EndEntity))
            .chain(intermediates.map(|c| (c, Place::Intermediate)))
            .chain(anchor.map(|a| (&a.certificate, Place::Anchor)));
        path.into_iter().find_map(|(cert, place)| {
            let why = profile::breach(cert, place, at)?;
            let subject = cert.subject().to_string();
            Some(
                TrustFinding::new(TrustRule::ChainProfile, format!("{subject} {why}"))
                    .with("certificate", FindingValue::Name(subject)),
            )
        })
    }

    /// Our anchor behind the one webpki's path ends at (it is an element of our slice).
    fn anchor_of(&self, path: &VerifiedPath<'_>) -> Option<&Anchor> {
        let end = path.anchor();
        self.webpki_anchors
            .iter()
            .position(|anchor| core::ptr::eq(anchor, end))
            .and_then(|index| self.anchors.get(index))
    }

    fn trusted(
        &self,
        path: &VerifiedPath<'_>,
        cert: &Certificate,
        at: DateTime<Utc>,
    ) -> Verification {
        let mut entries = vec![PathEntry::new(cert.as_der().to_vec())];
        entries.extend(
            path.intermediate_certificates()
                .map(|intermediate| PathEntry::new(intermediate.der().to_vec())),
        );
        let anchor = self.anchor_of(path);
        entries.extend(anchor.map(|anchor| anchor.entry.clone()));
        let mut findings = Vec::new();
        let revocation = self.path_revocation(&entries, at, &mut findings);
        Verification {
            status: TrustStatus::Trusted,
            path: entries,
            anchor_environment: anchor.and_then(|anchor| anchor.environment),
            revocation,
            findings: Findings::from(findings),
        }
    }

    /// The revocation status of a verified path (entries from the certificate to the anchor).
    fn path_revocation(
        &self,
        entries: &[PathEntry],
        at: DateTime<Utc>,
        findings: &mut Vec<TrustFinding>,
    ) -> Revocation {
        let certs: Vec<Certificate> = entries
            .iter()
            .filter_map(|entry| Certificate::from_der(&entry.der).ok())
            .collect();
        let (Some(anchor), true) = (certs.last(), certs.len() == entries.len()) else {
            return Revocation::Unknown;
        };
        let links: Vec<Link<'_>> = certs
            .windows(2)
            .filter_map(|pair| match pair {
                [cert, issuer] => Some(Link {
                    cert,
                    issuer,
                    anchor,
                }),
                _ => None,
            })
            .collect();
        self.revocation(&links, at, findings)
    }

    /// The finding for webpki's error, naming the certificate where the error says which.
    fn finding(&self, error: &webpki::Error, cert: &Certificate) -> TrustFinding {
        use webpki::Error as E;
        let subject = &cert.subject().to_string();
        match error {
            E::CertExpired { not_after, .. } => self.validity_finding(
                TrustRule::ChainExpired,
                "expired at",
                *not_after,
                cert,
                subject,
            ),
            E::CertNotValidYet { not_before, .. } => self.validity_finding(
                TrustRule::ChainNotYetValid,
                "is not valid before",
                *not_before,
                cert,
                subject,
            ),
            _ => {
                let (rule, what) = rule_of(error);
                TrustFinding::new(rule, format!("{subject}: {what} (webpki: {error})"))
                    .with("certificate", FindingValue::Name(subject.to_owned()))
            }
        }
    }

    /// An expiry or not-yet-valid finding naming the certificate whose bound it is.
    fn validity_finding(
        &self,
        rule: TrustRule,
        what: &str,
        bound: UnixTime,
        cert: &Certificate,
        subject: &str,
    ) -> TrustFinding {
        let seconds = i64::try_from(bound.as_secs()).unwrap_or(i64::MAX);
        let instant = DateTime::from_timestamp(seconds, 0);
        let own = instant.is_some_and(|i| i == cert.not_after() || i == cert.not_before());
        let whose = if own {
            subject.to_owned()
        } else {
            self.pool_subject_with_bound(instant)
                .unwrap_or_else(|| format!("a CA certificate on the path of {subject}"))
        };
        let mut finding = TrustFinding::new(
            rule,
            format!(
                "{whose} {what} {}",
                instant.map_or_else(|| format!("{seconds} s after 1970"), |i| i.to_rfc3339())
            ),
        )
        .with("certificate", FindingValue::Name(whose));
        if let Some(instant) = instant {
            finding = finding.with("bound", FindingValue::Instant(instant));
        }
        finding
    }

    /// The subject of the pooled or anchor certificate whose notBefore or notAfter is
    /// `instant`.
    fn pool_subject_with_bound(&self, instant: Option<DateTime<Utc>>) -> Option<String> {
        let instant = instant?;
        self.pool
            .iter()
            .chain(self.anchors.iter().map(|a| &a.certificate))
            .find(|c| c.not_after() == instant || c.not_before() == instant)
            .map(|c| c.subject().to_string())
    }
}

/// The rule and the words for a webpki error other than a validity bound.
fn rule_of(error: &webpki::Error) -> (TrustRule, &'static str) {
    use webpki::Error as E;
    match error {
        E::BadDer | E::BadDerTime | E::TrailingData(_) | E::MalformedExtensions => {
            (TrustRule::ChainMalformed, "a certificate does not parse")
        }
        E::UnsupportedCertVersion | E::InvalidSerialNumber | E::ExtensionValueInvalid => (
            TrustRule::ChainMalformed,
            "a certificate breaks X.509's structure",
        ),
        E::UnknownIssuer => (
            TrustRule::ChainIssuerUnknown,
            "no trust anchor or intermediate issued it",
        ),
        E::InvalidCertValidity => (
            TrustRule::ChainValidityInverted,
            "a certificate on the path has notAfter before notBefore",
        ),
        E::InvalidSignatureForPublicKey => (
            TrustRule::ChainSignatureInvalid,
            "a signature on the path does not verify with its issuer's key",
        ),
        E::SignatureAlgorithmMismatch
        | E::UnsupportedSignatureAlgorithmContext(_)
        | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => (
            TrustRule::ChainSignatureUnsupported,
            "a signature on the path uses an algorithm the validator does not accept",
        ),
        E::EndEntityUsedAsCa => (
            TrustRule::ChainNotCa,
            "its issuer on the path is not a CA (basic constraints)",
        ),
        E::CaUsedAsEndEntity => (
            TrustRule::ChainCaAsEndEntity,
            "it is a CA certificate, verified as an end entity",
        ),
        E::PathLenConstraintViolated => (
            TrustRule::ChainPathLength,
            "the path has more intermediates than a pathLenConstraint allows",
        ),
        E::NameConstraintViolation
        | E::MalformedNameConstraint
        | E::InvalidNetworkMaskConstraint
        | E::MalformedDnsIdentifier
        | E::UnsupportedNameType => (
            TrustRule::ChainNameConstraints,
            "a name on the path is outside a CA's name constraints",
        ),
        E::RequiredEkuNotFoundContext(_) | E::EmptyEkuExtension => (
            TrustRule::ChainExtendedKeyUsage,
            "an extended key usage on the path does not allow the usage asked for",
        ),
        E::UnsupportedCriticalExtension => (
            TrustRule::ChainCriticalExtension,
            "a certificate on the path has a critical extension the validator does not process",
        ),
        E::MaximumPathBuildCallsExceeded
        | E::MaximumSignatureChecksExceeded
        | E::MaximumPathDepthExceeded
        | E::MaximumNameConstraintComparisonsExceeded => (
            TrustRule::ChainTooComplex,
            "path building gave up (too many candidates, signatures or comparisons)",
        ),
        _ => (TrustRule::ChainOther, "the path validator refused it"),
    }
}

fn untrusted(findings: Vec<TrustFinding>) -> Verification {
    Verification {
        status: TrustStatus::Untrusted,
        path: Vec::new(),
        anchor_environment: None,
        revocation: Revocation::Unknown,
        findings: Findings::from(findings),
    }
}

/// What an anchor's own certificate says against signing certificates, as OpenSSL reads it:
/// basic constraints with cA FALSE, or a key usage without keyCertSign; and its
/// pathLenConstraint.
fn anchor_constraints(anchor: &Certificate) -> (Option<&'static str>, Option<u8>) {
    let mut not_ca = None;
    let mut path_len = None;
    for ext in anchor.extensions() {
        if ext.oid == rfc5280::ID_CE_BASIC_CONSTRAINTS {
            match BasicConstraints::from_der(ext.value) {
                Ok(bc) if !bc.ca => not_ca = Some("is not a CA (basic constraints: cA FALSE)"),
                Ok(bc) => path_len = bc.path_len_constraint,
                Err(_) => not_ca = Some("has basic constraints that do not decode"),
            }
        } else if ext.oid == rfc5280::ID_CE_KEY_USAGE {
            match KeyUsageExt::from_der(ext.value) {
                Ok(usage) if !usage.0.contains(KeyUsages::KeyCertSign) => {
                    not_ca = not_ca.or(Some(
                        "may not sign certificates (key usage without keyCertSign)",
                    ));
                }
                Ok(_) => {}
                Err(_) => not_ca = not_ca.or(Some("has a key usage that does not decode")),
            }
        }
    }
    (not_ca, path_len)
}

/// A name that is neither a DNS name nor an IP address.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{name:?} is neither a DNS name nor an IP address")]
#[non_exhaustive]
pub struct InvalidServerName {
    /// The name as given.
    pub name: String,
}

/// Whether `cert` names the server `name` (a DNS name or an IP address): its subject
/// alternative names as webpki matches them for TLS (a wildcard stands for the leftmost label
/// only; IP addresses only against iPAddress entries; the CN is not read).
pub fn matches_server_name(cert: &Certificate, name: &str) -> Result<bool, InvalidServerName> {
    let server = rustls_pki_types::ServerName::try_from(name).map_err(|_| InvalidServerName {
        name: name.to_owned(),
    })?;
    let der = CertificateDer::from(cert.as_der());
    Ok(EndEntityCert::try_from(&der)
        .and_then(|end_entity| end_entity.verify_is_valid_for_subject_name(&server))
        .is_ok())
}
