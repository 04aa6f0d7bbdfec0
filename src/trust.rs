//! Trust: does a certificate chain to an anchor the caller trusts?
//!
//! [`crate::inspect`] judges a certificate's content from its issuer's *name*; anyone can put
//! DVV's name in a certificate. A [`Verifier`] (feature `trust`) answers the other question: is
//! there a certification path from the certificate, through intermediates from a pool, to one
//! of the trust anchors the caller supplies (DVV's root and sote CA certificates, which a vendor
//! downloads from DVV; a test CA), valid at an instant the caller passes?
//!
//! The path validation is not this crate's: it is [rustls-webpki]'s (the validator rustls
//! uses; signatures by aws-lc-rs), which builds the path and checks signatures, validity periods,
//! basic constraints, path lengths, name constraints and extended key usage (RFC 5280 §6). On
//! top of a path webpki accepts, this crate applies the trust anchor's own constraints as
//! OpenSSL applies them (RFC 5937): an anchor whose basic constraints say it is not a CA, whose
//! key usage lacks keyCertSign, or whose pathLenConstraint is smaller than the number of
//! intermediates below it does not anchor the path, and path building goes on to the next
//! candidate. RFC 5280's certificate profile is checked on each candidate path where webpki
//! does not check it (`chain.profile`: key identifiers, criticality of basic constraints, name
//! constraints (critical, in CAs only, with a subtree) and subject alternative names,
//! keyCertSign without cA, an empty CA subject, a malformed or empty authority information
//! access, the anchor's own validity and critical extensions). DVV's judgement (profile,
//! environment) stays in [`crate::inspect`]: [`crate::Inspector::inspect_verified`] verifies
//! first and takes the environment from the anchor the path ends at, when the caller stated it.
//!
//! Revocation comes from the CRLs given ([`Verifier::add_crl`], [`crate::revocation::Crl`]):
//! a CRL counts for a certificate when it names the certificate's issuer and its signature
//! verifies with the issuer's key (or that of a CRL signer of the same CA with a path to the
//! same anchor, RFC 5280 §6.3.3); [`Revocation`] is good only from a fresh, complete CRL of the
//! certificate's issuer that does not list it, and `crl.*` findings say what was used and why
//! not. Conformance against x509-limbo is in the README.
//!
//! The library does no network I/O and never reads the clock: anchors, intermediates and the
//! instant are arguments.
//!
//! A failed verification says why in [`Verification::findings`], with stable `chain.*` codes
//! ([`TrustRule`]). webpki tries every candidate path and reports the most specific reason
//! among the ones that ended them (an expired certificate before an unknown issuer); the
//! findings name that reason, and each candidate this crate's anchor checks refused.
//!
//! [rustls-webpki]: https://docs.rs/rustls-webpki
//!
//! ```
//! # #[cfg(all(feature = "trust", feature = "test-fixtures"))]
//! # {
//! use chrono::{TimeZone, Utc};
//! use sote_certs::{Certificate, Environment, Profile};
//! use sote_certs::mint::{CertTemplate, DvvCa};
//! use sote_certs::trust::Verifier;
//!
//! let ca = DvvCa::g3e().test_ca(7)?;
//! let now = Utc.with_ymd_and_hms(2024, 3, 1, 10, 0, 0).unwrap();
//! let minted = ca.issue(&CertTemplate::dvv_like(Profile::SystemSignature, now)?)?;
//! let cert = Certificate::from_der(&minted.der)?;
//!
//! let mut verifier = Verifier::new();
//! verifier.add_anchor(&Certificate::from_der(&ca.certificate().der)?, Some(Environment::Test))?;
//! let verification = verifier.verify(&cert, now);
//! assert!(verification.is_trusted(), "{:?}", verification.findings);
//! assert_eq!(verification.environment(), Some(Environment::Test));
//! assert_eq!(verification.path().len(), 2); // the certificate and the anchor
//!
//! let stranger = Verifier::new().verify(&cert, now);
//! assert_eq!(stranger.findings.codes(), ["chain.issuer-unknown"]);
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "trust")]
mod profile;
#[cfg(feature = "trust")]
mod status;
#[cfg(feature = "trust")]
mod verify;

use chrono::{DateTime, Utc};

use crate::inspect::{Findings, policy_rules};
use crate::profile::Environment;
use crate::revocation::CrlReason;

#[cfg(feature = "trust")]
pub use status::{CrlCheck, check_crl};
#[cfg(feature = "trust")]
pub use verify::{InvalidServerName, TrustError, Usage, Verifier, matches_server_name};

policy_rules! {
    /// A rule of the trust decision: why a certificate is not trusted. Codes are stable.
    TrustRule;
    /// The certificate (or an intermediate or anchor the path needed) does not parse as the
    /// path validator reads X.509.
    ChainMalformed = "chain.malformed", Error, "RFC 5280 §4.1";
    /// No path leads from the certificate to a trust anchor: no anchor or intermediate has the
    /// issuer's name (or none was given).
    ChainIssuerUnknown = "chain.issuer-unknown", Error, "RFC 5280 §6.1";
    /// A certificate on the path has expired at the instant of evaluation.
    ChainExpired = "chain.expired", Error, "RFC 5280 §6.1.3 (a)(2)";
    /// A certificate on the path is not yet valid at the instant of evaluation.
    ChainNotYetValid = "chain.not-yet-valid", Error, "RFC 5280 §6.1.3 (a)(2)";
    /// A certificate on the path has notAfter before notBefore.
    ChainValidityInverted = "chain.validity-inverted", Error, "RFC 5280 §4.1.2.5";
    /// A signature on the path does not verify with its issuer's key.
    ChainSignatureInvalid = "chain.signature-invalid", Error, "RFC 5280 §6.1.3 (a)(1)";
    /// A signature on the path uses an algorithm the validator does not accept (SHA-1, DSA, an
    /// algorithm that does not match the issuer's key).
    ChainSignatureUnsupported = "chain.signature-unsupported", Error, "RFC 5280 §6.1.3 (a)(1); RFC 9155";
    /// A certificate that issues another on the path is not a CA (basic constraints).
    ChainNotCa = "chain.not-ca", Error, "RFC 5280 §6.1.4 (k)";
    /// The certificate being verified is a CA certificate.
    ChainCaAsEndEntity = "chain.ca-as-end-entity", Error, "RFC 5280 §4.2.1.9";
    /// More intermediates than a pathLenConstraint on the path (the anchor's included) allows.
    ChainPathLength = "chain.path-length", Error, "RFC 5280 §6.1.4 (l)-(m); RFC 5937 §3";
    /// The trust anchor's own certificate forbids it to sign certificates: its key usage lacks
    /// keyCertSign, or its basic constraints say it is not a CA.
    ChainAnchorNotCa = "chain.anchor-not-ca", Error, "RFC 5937 §3; RFC 5280 §4.2.1.3, §4.2.1.9";
    /// A certificate on the path breaks RFC 5280's certificate profile where webpki does not
    /// check it: key identifiers, criticality of basic constraints, name constraints (critical,
    /// in CAs only, with a subtree) and subject alternative names, keyCertSign without cA,
    /// a malformed or empty authority information access, an empty CA subject, an anchor
    /// outside its validity or with an unprocessed critical extension.
    ChainProfile = "chain.profile", Error, "RFC 5280 §4.1.2.6, §4.2.1 (checked on top of rustls-webpki)";
    /// More intermediates than the verifier allows ([`Verifier::set_max_intermediates`]).
    ChainTooDeep = "chain.too-deep", Error, "the verifier's limit on intermediates";
    /// A name on the path is outside a CA's name constraints.
    ChainNameConstraints = "chain.name-constraints", Error, "RFC 5280 §4.2.1.10";
    /// An extended key usage on the path does not allow the usage asked for.
    ChainExtendedKeyUsage = "chain.eku", Error, "RFC 5280 §4.2.1.12";
    /// A certificate on the path has a critical extension the validator does not process.
    ChainCriticalExtension = "chain.critical-extension", Error, "RFC 5280 §4.2";
    /// Path building gave up: too many candidates, signatures or name comparisons.
    ChainTooComplex = "chain.too-complex", Error, "rustls-webpki's path-building budget";
    /// The instant of evaluation cannot be given to the validator (before 1970).
    ChainInstant = "chain.instant", Error, "rustls-webpki (UNIX time)";
    /// Any other reason the validator gave.
    ChainOther = "chain.other", Error, "rustls-webpki";
    /// A certificate on the path is listed as revoked on a verified CRL of its issuer.
    CrlRevoked = "crl.revoked", Error, "RFC 5280 §6.3.3";
    /// A CRL lists a certificate on the path with certificateHold or removeFromCRL: a sote
    /// certificate is never suspended nor reinstated, so its status is never good.
    CrlHold = "crl.hold", Error, "RFC 5280 §5.3.1; DVV: a revoked certificate cannot be reinstated";
    /// Without [`RevocationPolicy::Required`]: no fresh, verified CRL answers for the
    /// certificate, whose status is unknown.
    CrlNone = "crl.none", Notice, "RFC 5280 §6.3";
    /// With [`RevocationPolicy::Required`]: a certificate below the anchor has no fresh,
    /// verified CRL.
    CrlRequired = "crl.required", Error, "RFC 5280 §6.3; the verifier's revocation policy";
    /// A CRL of an issuer on the path whose signature does not verify with the issuer's key.
    CrlSignatureInvalid = "crl.signature-invalid", Error, "RFC 5280 §6.3.3 (f)-(g)";
    /// A CRL whose signer cannot be established: neither the issuer's key nor a CRL signer of
    /// the same CA with a path to the same anchor verifies it.
    CrlSignerUnknown = "crl.signer-unknown", Error, "RFC 5280 §6.3.3 (f)";
    /// A CRL outside its thisUpdate–nextUpdate window at the instant: it cannot say "good".
    CrlStale = "crl.stale", Warning, "RFC 5280 §5.1.2.4, §5.1.2.5";
    /// A delta or indirect CRL, one of partial scope, or one with an unprocessed critical
    /// extension: not used.
    CrlUnsupported = "crl.unsupported", Warning, "RFC 5280 §5.2.4, §5.2.5, §5.3.3";
    /// A CRL that breaks RFC 5280's CRL profile (no CRL number or a critical one, no
    /// nextUpdate, extensions in a v1 CRL): not used.
    CrlNonConforming = "crl.non-conforming", Warning, "RFC 5280 §5.1.2.1, §5.1.2.5, §5.2.3";
    /// A serial an older CRL lists as revoked is missing from a newer CRL of the same issuer
    /// issued before the certificate's notAfter; it stays revoked.
    CrlEntryDropped = "crl.entry-dropped", Warning, "DVV: a revoked certificate cannot be reinstated";
}

/// Whether a certificate is revoked, as the CRLs given say.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Revocation {
    /// The certificate has a fresh, verified CRL of its issuer that does not list it, and no
    /// certificate on the path is listed.
    Good,
    /// A certificate on the path is listed on a verified CRL: the first from the certificate
    /// up.
    Revoked {
        /// `revocationDate`.
        revoked_at: DateTime<Utc>,
        /// The entry's reason, when given.
        reason: Option<CrlReason>,
        /// The revoked certificate's subject (the verified certificate's or a CA's), RFC 4514.
        subject: String,
    },
    /// Nothing to go on: no path, or no fresh verified CRL for the certificate (or, with
    /// [`RevocationPolicy::Required`], for one on its path).
    #[default]
    Unknown,
}

impl Revocation {
    /// `"good"`, `"revoked"` or `"unknown"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Revocation::Good => "good",
            Revocation::Revoked { .. } => "revoked",
            Revocation::Unknown => "unknown",
        }
    }
}

/// How much revocation information a verification needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RevocationPolicy {
    /// Use what CRLs there are: "good" needs a fresh, verified CRL for the certificate itself
    /// (OpenSSL's `-crl_check`).
    #[default]
    BestEffort,
    /// Every certificate below the anchor needs one; a missing or stale CRL is an error
    /// finding (`crl.required`) for each (OpenSSL's `-crl_check_all`).
    Required,
}

/// A finding of the trust decision.
pub type TrustFinding = crate::inspect::Finding<TrustRule>;

/// Whether a certificate was found to chain to a trust anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TrustStatus {
    /// A valid path to a trust anchor was found.
    Trusted,
    /// No valid path was found; the findings say why.
    Untrusted,
}

impl TrustStatus {
    /// `"trusted"` or `"untrusted"`.
    pub fn as_str(self) -> &'static str {
        match self {
            TrustStatus::Trusted => "trusted",
            TrustStatus::Untrusted => "untrusted",
        }
    }
}

/// One certificate of a verified path: its DER, and its subject as RFC 4514 text, formatted
/// when first asked for (formatting a name costs more than the path validation's parsing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathEntry {
    der: Vec<u8>,
    subject: std::sync::OnceLock<String>,
}

impl PathEntry {
    /// The entry of a certificate's DER, its subject formatted on demand.
    #[cfg(feature = "trust")]
    pub(crate) fn new(der: Vec<u8>) -> Self {
        Self {
            der,
            subject: std::sync::OnceLock::new(),
        }
    }

    /// The entry with its subject already formatted.
    #[cfg(feature = "trust")]
    pub(crate) fn with_subject(der: Vec<u8>, subject: String) -> Self {
        Self {
            der,
            subject: std::sync::OnceLock::from(subject),
        }
    }

    /// The certificate's DER.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The certificate's subject, RFC 4514 (empty if the DER does not read, which a verified
    /// path's certificates always do).
    pub fn subject(&self) -> &str {
        self.subject.get_or_init(|| {
            crate::certificate::Certificate::from_der(&self.der)
                .map(|cert| cert.subject().to_string())
                .unwrap_or_default()
        })
    }
}

/// The outcome of verifying one certificate: trusted or not, the path, and why not.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verification {
    /// Trusted or not.
    pub status: TrustStatus,
    /// The path from the certificate to the anchor (the anchor last); empty when untrusted.
    pub path: Vec<PathEntry>,
    /// The environment of the anchor the path ends at, as the caller stated it when adding the
    /// anchor; `None` when untrusted or not stated.
    pub anchor_environment: Option<Environment>,
    /// What the CRLs say ([`Revocation::Unknown`] when untrusted or without CRLs).
    pub revocation: Revocation,
    /// Why the certificate is not trusted, and what the CRLs say (`crl.*`).
    pub findings: Findings<TrustRule>,
}

impl Verification {
    /// Whether a valid path to a trust anchor was found.
    pub fn is_trusted(&self) -> bool {
        self.status == TrustStatus::Trusted
    }

    /// The path, certificate first and anchor last (empty when untrusted).
    pub fn path(&self) -> &[PathEntry] {
        &self.path
    }

    /// The environment of the anchor the path ends at, when trusted and stated.
    pub fn environment(&self) -> Option<Environment> {
        self.anchor_environment
    }
}

/// What a report says about the certificate's issuer: not verified (the content alone was
/// judged), or verified against trust anchors.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Trust {
    /// Inspected without verification: nothing is known about who signed the certificate.
    #[default]
    NotVerified,
    /// Verified against the verifier's trust anchors.
    Verified(Verification),
}

impl Trust {
    /// `"not-verified"`, `"trusted"` or `"untrusted"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Trust::NotVerified => "not-verified",
            Trust::Verified(v) => v.status.as_str(),
        }
    }

    /// The verification, when there was one.
    pub fn verification(&self) -> Option<&Verification> {
        match self {
            Trust::NotVerified => None,
            Trust::Verified(v) => Some(v),
        }
    }
}
