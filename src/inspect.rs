//! Inspection: which sote profile a certificate is, whether it conforms, and why not.
//!
//! [`Inspector::inspect`] classifies a certificate from its issuer (a registered CA gives the
//! environment) and its key usages (the purpose), then checks it against the profile's
//! [`ProfileSpec`]; [`Inspector::inspect_as`] checks it against a profile the caller names. The
//! [`Report`] lists every finding with a stable rule code, a severity and a source.
//!
//! Conformance is a statement about a sote profile: [`Report::conformance`] is
//! [`Conformance::Conforms`] when the certificate has a profile and no finding is an error,
//! [`Conformance::DoesNotConform`] when it has a profile and an error, and
//! [`Conformance::NotSote`] when it has no profile (a CA certificate, an unknown issuer), whatever
//! its findings; [`Report::conforms`] gives the same as `Some(true)`, `Some(false)` or `None`.
//!
//! A certificate is read once into [`Facts`] (serial, validity, key, names, decoded extensions);
//! every rule reads them, and the [`Report`] keeps them with the instant it was judged at. The
//! [`Findings`] of every report (this one, [`crate::csr::RequestReport`], eligibility and the
//! delivery check) answer the same questions: [`Findings::has_errors`], [`Findings::codes`],
//! [`Findings::violates`]. Each [`Finding`] carries the values its message names
//! ([`Finding::values`]: bits, octets, dates, OIDs, names) and its rule's code reads back
//! ([`Rule::from_code`], `str::parse`).
//!
//! **[`Inspector::inspect`] judges the content; it does not verify the issuer's signature.** Its
//! report says so ([`Report::trust`] is [`Trust::NotVerified`]): a forged or altered certificate
//! with the right content conforms. `Inspector::inspect_verified` (feature `trust`) first
//! verifies the certificate against the trust anchors of a [`crate::trust::Verifier`] and
//! records trusted or untrusted, with the path or the reasons, and the revocation status. The
//! library never reads the clock: the instant of evaluation is an argument.
//!
//! # Rules
//!
//! | code | severity | applies to | fires when |
//! |---|---|---|---|
//! | `version.out-of-range` | error | all | version value outside 0 to 2, v1 to v3 (RFC 5280 §4.1.2.1) |
//! | `version.not-v3` | error | profiles | a v1 or v2 certificate (RFC 5280 §4.1.2.1; DVV issues v3) |
//! | `name.invalid-string` | error | all | an issuer or subject value whose octets do not fit its string type: UTF8String not UTF-8, PrintableString outside its set, IA5String over 0x7f, BMPString of odd length, UniversalString not UCS-4 |
//! | `name.string-type` | error | all | an issuer or subject value of a type its attribute does not allow: DirectoryString choices for CN, O, OU, L, ST and the like; PrintableString for C, serialNumber, dnQualifier; IA5String for emailAddress, DC (RFC 5280 §4.1.2.4, Appendix A) |
//! | `serial.not-positive` | error | all | serial is zero or negative (RFC 5280 §4.1.2.2) |
//! | `serial.too-long` | error | all | serial over 20 content octets (RFC 5280 §4.1.2.2) |
//! | `validity.inverted` | error | all | notAfter before notBefore |
//! | `validity.too-long` | error | profiles | Helsinki date of notAfter after issue date + limit (see [`crate::validity`]) |
//! | `key-usage.missing` | error | profiles | no key usage extension |
//! | `key-usage.not-critical` | error | profiles | key usage not critical |
//! | `key-usage.mismatch` | error | profiles | a required bit missing or a bit outside the allowed set |
//! | `eku.tls-missing` | error | server | neither serverAuth nor clientAuth |
//! | `eku.tls-in-signature` | error | system signature | serverAuth or clientAuth present |
//! | `basic-constraints.ca` | error | profiles | basic constraints CA:TRUE |
//! | `subject.country` | error | profiles | no C, or C is not FI |
//! | `subject.organisation` | error | profiles | no O |
//! | `subject.common-name` | error | profiles | no CN |
//! | `san.dns-missing` | error | server, issued from `dns_required_from` (DVV: 2023-09-15) | no DNS name (an IP address alone gives `san.ip-only` instead) |
//! | `san.email` | error | server, issued from `email_forbidden_from` (DVV: 2023-09-15) | an e-mail address |
//! | `san.ip-only` | error | server, issued from `ip_needs_dns_from` (DVV: 2023-09-15) | an IP address without a DNS name |
//! | `key.weak` | error | all | RSA under 2048 bits, EC curve other than P-256/P-384/P-521 |
//! | `key.unsupported` | error | profiles | neither RSA nor EC |
//! | `signature.weak-algorithm` | error | all | MD2, MD5 or SHA-1 signature |
//! | `policy.missing` | error | profiles | no policy OID of the issuing CA |
//! | `extension.duplicate` | error | all | an extension OID twice |
//! | `extension.malformed` | error | all | a checked extension does not decode |
//! | `csr.signature-invalid` | error | requests | the self-signature does not verify |
//! | `san.not-administered` | error | requests with domains given | a requested name outside the applicant's domains |
//! | `issuer.environment` | error | [`Inspector::inspect_as`] | the CA's environment is not the profile's |
//! | `issuer.unknown` | warning | end-entity | the issuer is not a known sote CA |
//! | `subject.ou` | warning | server, issued from `ou_unused_from` (DVV: 2022-09-01) | an OU attribute |
//! | `subject.organisation-id` | warning | profiles | subject serialNumber missing or not an OID |
//! | `san.cn-not-in-san` | warning | server | DNS names present, but not the CN |
//! | `csr.signature-unsupported` | warning | requests | a signature algorithm this crate cannot verify |
//! | `crl.missing` | warning | profiles | no CRL distribution point |
//! | `aia.missing` | warning | profiles | no authority information access |
//! | `serial.short` | warning | profiles from a CA that issues long serials (G3) | positive serial with a magnitude under 8 octets |
//! | `eku.other` | notice | profiles | extended key usages other than serverAuth/clientAuth |
//! | `csr.version` | error | requests | a version other than v1 (0), the only one RFC 2986 defines |
//! | `csr.signature-weak` | error | requests | signed with MD2, MD5, SHA-1 or DSA, which the crate declines to trust, whether or not the signature is valid |
//! | `csr.attributes-empty` | notice | requests | an empty attribute set, `[0] {}`: nothing requested (openssl writes it for a request without extensions) |
//! | `csr.extension-request-empty` | notice | requests | an extensionRequest attribute with no value (`SET {}`) or no extensions (`SEQUENCE {}`) |
//!
//! "Profiles" means checked against a profile; a certificate without one (a CA certificate, an
//! unknown issuer) gets only the rules marked "all", and is [`Conformance::NotSote`] even when
//! one of them is an error.
//!
//! The dates of the date-dependent rules are those of the specification the certificate is
//! judged with ([`crate::profile::NameRules`], DVV's in [`crate::profile::dvv`]); their findings
//! name the date they applied from, so an adjusted date is the one cited.

mod check;
mod facts;
mod names;
mod rule;

use core::ops::Deref;

use chrono::{DateTime, NaiveDate, Utc};
use const_oid::db::rfc4519;

pub use crate::certificate::CriticalMark;
pub(crate) use check::{Checker, Stage, oid_name};
pub(crate) use facts::dns_names;
pub use facts::{ExtensionFacts, Facts, KeyFacts, KeyUsageFacts, Presence, SubjectType};
pub(crate) use rule::policy_rules;
pub use rule::{Finding, FindingValue, Findings, PolicyRule, Rule, RuleCodeError, Severity};

use crate::authority::{CaRegistry, Recognition};
use crate::certificate::Certificate;
use crate::csr::{CertificateRequest, RequestReport};
use crate::organisation::{DomainName, RequestedName};
use crate::profile::{
    Environment, KeyRule, KeyUsageBits, Profile, ProfileSpec, ProfileSpecs, Purpose,
};
use crate::trust::{Trust, Verification};
use crate::validity::Status;

/// What a certificate was taken to be.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Classification {
    /// Classified from its issuer and key usages.
    Classified(Profile),
    /// Checked as the profile the caller named.
    Requested(Profile),
    /// A CA certificate (basic constraints CA:TRUE) not issued by a sote CA, or a sote CA's
    /// self-issued one: not a sote profile. CA:TRUE issued by a sote CA is judged as that
    /// profile's `basic-constraints.ca` error.
    CaCertificate,
    /// Issued by a CA that is neither registered nor recognisably a VRK/DVV test CA.
    UnknownIssuer,
}

impl Classification {
    /// The profile, if any.
    pub fn profile(&self) -> Option<Profile> {
        match self {
            Classification::Classified(p) | Classification::Requested(p) => Some(*p),
            Classification::CaCertificate | Classification::UnknownIssuer => None,
        }
    }

    /// Why the certificate has the profile it has, or none.
    pub fn reason(&self) -> &'static str {
        match self {
            Classification::Classified(_) => "issuer and key usage",
            Classification::Requested(_) => "profile requested by the caller",
            Classification::CaCertificate => "a CA certificate, not a sote service certificate",
            Classification::UnknownIssuer => "issuer is not a known sote CA",
        }
    }
}

/// Whether a certificate conforms to its sote profile. Only a certificate with a profile
/// (classified or requested) conforms or not; any other is [`Conformance::NotSote`], so that a
/// CA certificate without findings is never read as a conforming sote certificate.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sote_certs::inspect::Conformance;
/// use sote_certs::{Inspector, read_certificates};
///
/// let at = Utc.with_ymd_and_hms(2023, 6, 1, 0, 0, 0).unwrap();
/// let read = |file: &str| -> Result<_, Box<dyn std::error::Error>> {
///     let pem = std::fs::read(format!("tests/fixtures/real/{file}.pem"))?;
///     Ok(Inspector::dvv().inspect(&read_certificates(&pem)?[0], at))
/// };
/// let sote = read("kela-dcc-dsc-prod-2021-12-20-dvv-g3e")?;
/// assert_eq!(sote.conformance(), Conformance::Conforms);
/// assert_eq!(sote.conforms(), Some(true));
/// let ca = read("related-dvv-ca-fineid-intermediate-00-citizen-g3")?;
/// assert_eq!(ca.conformance(), Conformance::NotSote);
/// assert_eq!(ca.conforms(), None); // no finding, yet not "conforms"
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Conformance {
    /// A sote profile certificate without error findings.
    Conforms,
    /// A sote profile certificate with at least one error finding.
    DoesNotConform,
    /// Not a sote certificate ([`Classification::CaCertificate`] or
    /// [`Classification::UnknownIssuer`]): there is no profile to conform to. Its findings (the
    /// rules marked "all") stand, errors included.
    NotSote,
}

impl Conformance {
    /// `"conforms"`, `"does-not-conform"` or `"not-sote"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Conformance::Conforms => "conforms",
            Conformance::DoesNotConform => "does-not-conform",
            Conformance::NotSote => "not-sote",
        }
    }

    /// `Some(true)` when it conforms, `Some(false)` when it does not, `None` when it is not a
    /// sote certificate (a JSON `null`, which no consumer reads as `true`).
    pub fn as_bool(self) -> Option<bool> {
        match self {
            Conformance::Conforms => Some(true),
            Conformance::DoesNotConform => Some(false),
            Conformance::NotSote => None,
        }
    }
}

impl core::fmt::Display for Conformance {
    /// `conforms`, `does not conform` or `not a sote certificate`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Conformance::Conforms => "conforms",
            Conformance::DoesNotConform => "does not conform",
            Conformance::NotSote => "not a sote certificate",
        })
    }
}

/// The outcome of inspecting one certificate: its content judged, not its signature, which is
/// not verified. It keeps the [`Facts`] it was judged on and the instant it was judged at, and
/// reads as those facts (`report.serial`, `report.not_after`, `report.subject`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Report {
    /// What the certificate was taken to be.
    pub classification: Classification,
    /// The issuing CA, when recognised.
    pub authority: Option<Recognition>,
    /// What was read of the certificate, once; every rule read it.
    pub facts: Facts,
    /// The instant of evaluation.
    pub at: DateTime<Utc>,
    /// Where the instant of evaluation falls.
    pub status: Status,
    /// Every finding, in rule-table order.
    pub findings: Findings,
    /// Whether the issuer was verified, and what was found: [`Trust::NotVerified`] from
    /// [`Inspector::inspect`], trusted or untrusted from `Inspector::inspect_verified`
    /// (feature `trust`).
    pub trust: Trust,
}

impl Deref for Report {
    type Target = Facts;

    /// The facts the report was judged on.
    fn deref(&self) -> &Facts {
        &self.facts
    }
}

impl Report {
    /// The profile, if any.
    pub fn profile(&self) -> Option<Profile> {
        self.classification.profile()
    }

    /// The environment: that of the trust anchor a verified certificate chains to (when the
    /// caller stated it), else the issuing CA's, else the requested profile's.
    pub fn environment(&self) -> Option<Environment> {
        self.trust
            .verification()
            .and_then(Verification::environment)
            .or_else(|| self.authority.as_ref().map(|r| r.authority().environment))
            .or_else(|| self.profile().map(Profile::environment))
    }

    /// Whether the certificate conforms to its sote profile; [`Conformance::NotSote`] when it
    /// has none, whatever its findings.
    pub fn conformance(&self) -> Conformance {
        match (self.profile(), self.findings.has_errors()) {
            (None, _) => Conformance::NotSote,
            (Some(_), false) => Conformance::Conforms,
            (Some(_), true) => Conformance::DoesNotConform,
        }
    }

    /// [`Report::conformance`] as an option: `Some(true)` for a sote certificate without error
    /// findings, `Some(false)` for one with an error, `None` for a certificate that is not a
    /// sote certificate (a CA certificate, an unknown issuer), which neither conforms nor fails
    /// to.
    pub fn conforms(&self) -> Option<bool> {
        self.conformance().as_bool()
    }

    /// The error findings, in order, whatever the classification ([`Findings::errors`]).
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings.errors()
    }

    /// The codes of the findings, in order ([`Findings::codes`]).
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.codes()
    }
}

/// Checks certificates against DVV's profiles; holds the CA registry and the specifications.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sote_certs::{Inspector, Profile, read_certificates};
///
/// let pem = std::fs::read("tests/fixtures/real/kela-dcc-dsc-prod-2022-06-22-dvv-g3e.pem")?;
/// let cert = &read_certificates(&pem)?[0];
/// let report = Inspector::dvv().inspect(cert, Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap());
/// assert_eq!(report.profile(), Some(Profile::SystemSignature));
/// assert_eq!(report.conforms(), Some(true));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// It judges the certificate's content only: the issuer's signature is not verified.
#[derive(Clone, Debug)]
pub struct Inspector {
    registry: CaRegistry,
    /// One specification per profile.
    specs: ProfileSpecs,
    /// Judges keys of certificates without a profile (DVV's rule, the same for all four).
    default_keys: KeyRule,
}

impl Default for Inspector {
    fn default() -> Self {
        Self::dvv()
    }
}

impl Inspector {
    /// DVV's CAs ([`CaRegistry::dvv`]) and specifications ([`ProfileSpec::dvv`]).
    pub fn dvv() -> Self {
        Self::new(CaRegistry::dvv(), ProfileSpecs::dvv())
    }

    /// An inspector with the given registry and specifications.
    pub fn new(registry: CaRegistry, specs: ProfileSpecs) -> Self {
        Self {
            registry,
            specs,
            default_keys: KeyRule::dvv(),
        }
    }

    /// The CA registry, to register more CAs.
    pub fn registry_mut(&mut self) -> &mut CaRegistry {
        &mut self.registry
    }

    /// Replaces the specification of `spec.profile()`.
    pub fn set_spec(&mut self, spec: ProfileSpec) {
        self.specs.set(spec);
    }

    /// The specification in force for `profile`.
    pub fn spec(&self, profile: Profile) -> &ProfileSpec {
        self.specs.get(profile)
    }

    /// The specifications in force, one per profile.
    pub fn specs(&self) -> &ProfileSpecs {
        &self.specs
    }

    fn recognise(&self, facts: &Facts) -> Option<Recognition> {
        let issuer = facts.issuer.as_name_ref();
        let cn = issuer.get(rfc4519::CN).unwrap_or_default();
        let o = issuer.get(rfc4519::O).unwrap_or_default();
        self.registry.recognise(&cn, &o)
    }

    /// Classifies and checks `cert` at `at`.
    pub fn inspect(&self, cert: &Certificate, at: DateTime<Utc>) -> Report {
        self.inspect_facts(Facts::of(cert), at)
    }

    /// Classifies and checks a certificate's facts, read once with [`Facts::of`], at `at`.
    pub fn inspect_facts(&self, facts: Facts, at: DateTime<Utc>) -> Report {
        let authority = self.recognise(&facts);
        let classification = classify(&facts, authority.as_ref(), None);
        self.report(facts, authority, classification, at, Trust::NotVerified)
    }

    /// Verifies `cert` against `verifier`'s trust anchors at `at`, then classifies and checks
    /// it. The report's [`Report::trust`] says trusted or untrusted, with the path or the
    /// reasons. A trusted certificate whose anchor has a stated environment takes its profile's
    /// environment from that anchor, not from its issuer's name: a certificate naming a
    /// production CA that chains to a test anchor is judged as a test profile (and
    /// `issuer.environment` says the names disagree).
    #[cfg(feature = "trust")]
    pub fn inspect_verified(
        &self,
        cert: &Certificate,
        verifier: &crate::trust::Verifier,
        at: DateTime<Utc>,
    ) -> Report {
        let verification = verifier.verify(cert, at);
        let facts = Facts::of(cert);
        let authority = self.recognise(&facts);
        let classification = classify(&facts, authority.as_ref(), verification.environment());
        self.report(
            facts,
            authority,
            classification,
            at,
            Trust::Verified(verification),
        )
    }

    /// Checks `cert` at `at` as `profile`, whatever its issuer and key usages say.
    pub fn inspect_as(&self, cert: &Certificate, profile: Profile, at: DateTime<Utc>) -> Report {
        let facts = Facts::of(cert);
        let authority = self.recognise(&facts);
        self.report(
            facts,
            authority,
            Classification::Requested(profile),
            at,
            Trust::NotVerified,
        )
    }

    fn report(
        &self,
        facts: Facts,
        authority: Option<Recognition>,
        classification: Classification,
        at: DateTime<Utc>,
        trust: Trust,
    ) -> Report {
        let status = match &facts.validity {
            Ok(v) => v.status_at(at),
            // An inverted period is valid at no instant; say where the instant falls first.
            Err(_) if at < facts.not_before => Status::NotYetValid,
            Err(_) => Status::Expired,
        };
        let spec = classification.profile().map(|p| self.spec(p));
        let mut check = Checker::new(
            facts.subject.as_name_ref(),
            &facts.extensions,
            Stage::Certificate,
        );
        check.generic(&facts, &classification);
        let key_rule = spec.map_or(&self.default_keys, |s| s.keys());
        if let Some(key) = &facts.key {
            check.key_strength(key, key_rule);
        }
        if let Some(spec) = spec {
            check.profile(&facts, spec, authority.as_ref());
        }
        let findings = check.into_findings();
        Report {
            classification,
            authority,
            facts,
            at,
            status,
            findings,
            trust,
        }
    }

    /// Checks `csr` for `profile` as of `date` (the rules in force then): the self-signature,
    /// key algorithm and size, subject, requested names, key usage and extended key usage (when
    /// requested). When `administered` is not empty, every requested DNS name must lie in one
    /// of those domains (or be one of them).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sote_certs::{Inspector, Profile, csr::read_certificate_requests};
    ///
    /// let pem = std::fs::read("tests/fixtures/requests/server-rsa2048.csr")?;
    /// let csr = &read_certificate_requests(&pem)?[0];
    /// let date = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    /// let report = Inspector::dvv().check_request(csr, Profile::Server, date, &[]);
    /// assert!(report.ok(), "{:?}", report.findings);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_request(
        &self,
        csr: &CertificateRequest,
        profile: Profile,
        date: NaiveDate,
        administered: &[DomainName],
    ) -> RequestReport {
        let spec = self.spec(profile);
        let extensions = ExtensionFacts::of(csr.requested_extensions());
        let key = csr
            .subject_public_key_info()
            .map(|spki| KeyFacts::of(&spki));
        let signature = csr.verify_signature();
        let mut check = Checker::new(csr.subject(), &extensions, Stage::Request);
        csr.check_structure(&mut check);
        csr.check_signature(signature, &mut check);
        match &key {
            Some(KeyFacts::Other { algorithm }) => check.push(
                Finding::new(
                    Rule::KeyUnsupported,
                    format!("key algorithm {algorithm} is neither RSA nor EC"),
                )
                .with("algorithm", FindingValue::Oid(*algorithm)),
            ),
            Some(key) => check.key_strength(key, spec.keys()),
            None => check.fail(
                Rule::KeyUnsupported,
                "the public key does not decode".to_owned(),
            ),
        }
        check.key_usage(spec);
        check.extended_key_usage(spec);
        check.subject(spec, date);
        check.alt_names(spec, date);
        if !administered.is_empty() {
            for name in &extensions.dns {
                let within = name.parse::<RequestedName>().is_ok_and(|requested| {
                    administered
                        .iter()
                        .any(|domain| requested.is_administered_by(domain))
                });
                if !within {
                    check.push(
                        Finding::new(
                            Rule::SanNotAdministered,
                            format!(
                                "requested name {name:?} is not in a domain the applicant \
                                 administers"
                            ),
                        )
                        .with("name", FindingValue::Name(name.clone())),
                    );
                }
            }
        }
        let findings = check.into_findings();
        RequestReport {
            profile,
            date,
            signature,
            key,
            extensions,
            findings,
        }
    }
}

/// What a certificate is taken to be: the environment is the trust anchor's when a verified
/// path gave one, the issuing CA's otherwise.
fn classify(
    facts: &Facts,
    authority: Option<&Recognition>,
    anchor_environment: Option<Environment>,
) -> Classification {
    // A sote CA issues only end-entity certificates: CA:TRUE from one (other than its own
    // self-issued certificate) is a defective sote certificate, judged as one.
    match (authority, facts.extensions.subject_type) {
        (None, Some(SubjectType::Ca)) => Classification::CaCertificate,
        (Some(_), Some(SubjectType::Ca)) if facts.self_issued() => Classification::CaCertificate,
        (None, _) => Classification::UnknownIssuer,
        (Some(ca), _) => Classification::Classified(Profile::new(
            anchor_environment.unwrap_or(ca.authority().environment),
            purpose(&facts.extensions),
        )),
    }
}

/// The purpose from key usage and extended key usage: nonRepudiation means signing; otherwise
/// serverAuth/clientAuth or keyEncipherment means TLS; anything else is taken as signing, the
/// profile whose real certificates carry no TLS usage at all.
pub(crate) fn purpose(facts: &ExtensionFacts) -> Purpose {
    let bits = facts.key_usage.map(|usage| usage.bits).unwrap_or_default();
    if bits.contains(KeyUsageBits::NON_REPUDIATION) {
        Purpose::DocumentSigning
    } else if facts.has_tls_usage() || bits.contains(KeyUsageBits::KEY_ENCIPHERMENT) {
        Purpose::Tls
    } else {
        Purpose::DocumentSigning
    }
}
