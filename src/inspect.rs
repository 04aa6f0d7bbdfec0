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
//! **The inspection judges the content; it does not verify the issuer's signature.** A report
//! says nothing about who signed the certificate: a forged or altered certificate with the right
//! content conforms. Check the signature against the CA's key (a later version of this crate
//! will) before trusting a certificate. The library never reads the clock: the instant of
//! evaluation is an argument.
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
//! | `san.dns-missing` | error | server, issued from 2023-09-15 | no DNS name (an IP address alone gives `san.ip-only` instead) |
//! | `san.email` | error | server, issued from 2023-09-15 | an e-mail address |
//! | `san.ip-only` | error | server, issued from 2023-09-15 | an IP address without a DNS name |
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
//! | `subject.ou` | warning | server, issued from 2022-09-01 | an OU attribute |
//! | `subject.organisation-id` | warning | profiles | subject serialNumber missing or not an OID |
//! | `san.cn-not-in-san` | warning | server | DNS names present, but not the CN |
//! | `csr.signature-unsupported` | warning | requests | a signature algorithm this crate cannot verify |
//! | `crl.missing` | warning | profiles | no CRL distribution point |
//! | `aia.missing` | warning | profiles | no authority information access |
//! | `serial.short` | warning | profiles from a G3 CA | positive serial with a magnitude under 8 octets |
//! | `eku.other` | notice | profiles | extended key usages other than serverAuth/clientAuth |
//! | `csr.version` | error | requests | a version other than v1 (0), the only one RFC 2986 defines |
//! | `csr.signature-weak` | error | requests | signed with MD2, MD5, SHA-1 or DSA, which the crate declines to trust, whether or not the signature is valid |
//! | `csr.attributes-empty` | notice | requests | an empty attribute set, `[0] {}`: nothing requested (openssl writes it for a request without extensions) |
//! | `csr.extension-request-empty` | notice | requests | an extensionRequest attribute with no value (`SET {}`) or no extensions (`SEQUENCE {}`) |
//!
//! "Profiles" means checked against a profile; a certificate without one (a CA certificate, an
//! unknown issuer) gets only the rules marked "all", and is [`Conformance::NotSote`] even when
//! one of them is an error.

mod facts;
mod names;
mod rule;

use chrono::{DateTime, Utc};
use const_oid::ObjectIdentifier;
use const_oid::db::{rfc4519, rfc5280, rfc5912};

pub use facts::{ExtensionFacts, KeyFacts};
pub(crate) use rule::policy_rules;
pub use rule::{Finding, PolicyRule, Rule, Severity};

use crate::authority::{CaRegistry, DVV_POLICY_ARC, Generation, Recognition};
use crate::certificate::{Certificate, NameRef, Version};
use crate::profile::{
    Environment, KeyRule, KeyUsageBits, Profile, ProfileSpec, Purpose, TlsUsage, applies,
};
use crate::serial::SerialNumber;
use crate::validity::{Status, Validity, helsinki_date};

/// What a certificate was taken to be.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
/// not verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// What the certificate was taken to be.
    pub classification: Classification,
    /// The issuing CA, when recognised.
    pub authority: Option<Recognition>,
    /// The serial number.
    pub serial: SerialNumber,
    /// `notBefore`.
    pub not_before: DateTime<Utc>,
    /// `notAfter`.
    pub not_after: DateTime<Utc>,
    /// Where the instant of evaluation falls.
    pub status: Status,
    /// Every finding, in rule-table order.
    pub findings: Vec<Finding>,
}

impl Report {
    /// The profile, if any.
    pub fn profile(&self) -> Option<Profile> {
        self.classification.profile()
    }

    /// The environment: the issuing CA's, or the requested profile's.
    pub fn environment(&self) -> Option<Environment> {
        self.authority
            .as_ref()
            .map(|r| r.authority().environment)
            .or_else(|| self.profile().map(Profile::environment))
    }

    /// Whether the certificate conforms to its sote profile; [`Conformance::NotSote`] when it
    /// has none, whatever its findings.
    pub fn conformance(&self) -> Conformance {
        match (self.profile(), self.errors().next()) {
            (None, _) => Conformance::NotSote,
            (Some(_), None) => Conformance::Conforms,
            (Some(_), Some(_)) => Conformance::DoesNotConform,
        }
    }

    /// [`Report::conformance`] as an option: `Some(true)` for a sote certificate without error
    /// findings, `Some(false)` for one with an error, `None` for a certificate that is not a
    /// sote certificate (a CA certificate, an unknown issuer), which neither conforms nor fails
    /// to.
    pub fn conforms(&self) -> Option<bool> {
        self.conformance().as_bool()
    }

    /// The error findings, in order, whatever the classification.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity() == Severity::Error)
    }

    /// The codes of the findings, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.iter().map(Finding::code).collect()
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
    /// One specification per profile, in [`Profile::ALL`] order.
    specs: [ProfileSpec; 4],
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
        Self::new(CaRegistry::dvv(), Vec::new())
    }

    /// An inspector with the given registry and specifications; a profile without a
    /// specification gets DVV's.
    pub fn new(registry: CaRegistry, specs: Vec<ProfileSpec>) -> Self {
        let mut inspector = Self {
            registry,
            specs: Profile::ALL.map(ProfileSpec::dvv),
            default_keys: ProfileSpec::dvv(Profile::Server).keys,
        };
        for spec in specs {
            inspector.set_spec(spec);
        }
        inspector
    }

    /// The CA registry, to register more CAs.
    pub fn registry_mut(&mut self) -> &mut CaRegistry {
        &mut self.registry
    }

    /// Replaces the specification of `spec.profile`.
    pub fn set_spec(&mut self, spec: ProfileSpec) {
        if let Some(slot) = self.specs.iter_mut().find(|s| s.profile == spec.profile) {
            *slot = spec;
        }
    }

    /// The specification in force for `profile`.
    pub fn spec(&self, profile: Profile) -> &ProfileSpec {
        // `specs` holds all four profiles by construction; the fallback is never taken.
        self.specs
            .iter()
            .find(|s| s.profile == profile)
            .unwrap_or(&self.specs[0])
    }

    fn recognise(&self, cert: &Certificate) -> Option<Recognition> {
        let issuer = cert.issuer();
        let cn = issuer.get(rfc4519::CN).unwrap_or_default();
        let o = issuer.get(rfc4519::O).unwrap_or_default();
        self.registry.recognise(&cn, &o)
    }

    /// Classifies and checks `cert` at `at`.
    pub fn inspect(&self, cert: &Certificate, at: DateTime<Utc>) -> Report {
        let authority = self.recognise(cert);
        let facts = ExtensionFacts::of(cert.extensions());
        // A sote CA issues only end-entity certificates: CA:TRUE from one (other than its own
        // self-issued certificate) is a defective sote certificate, judged as one.
        let self_issued = cert.issuer().as_der() == cert.subject().as_der();
        let classification = match (&authority, facts.ca) {
            (None, Some(true)) => Classification::CaCertificate,
            (Some(_), Some(true)) if self_issued => Classification::CaCertificate,
            (None, _) => Classification::UnknownIssuer,
            (Some(ca), _) => Classification::Classified(Profile::new(
                ca.authority().environment,
                purpose(&facts),
            )),
        };
        self.report(cert, facts, authority, classification, at)
    }

    /// Checks `cert` at `at` as `profile`, whatever its issuer and key usages say.
    pub fn inspect_as(&self, cert: &Certificate, profile: Profile, at: DateTime<Utc>) -> Report {
        let authority = self.recognise(cert);
        let facts = ExtensionFacts::of(cert.extensions());
        self.report(
            cert,
            facts,
            authority,
            Classification::Requested(profile),
            at,
        )
    }

    fn report(
        &self,
        cert: &Certificate,
        facts: ExtensionFacts<'_>,
        authority: Option<Recognition>,
        classification: Classification,
        at: DateTime<Utc>,
    ) -> Report {
        let serial = cert.serial();
        let (not_before, not_after) = (cert.not_before(), cert.not_after());
        let validity = Validity::new(not_before, not_after);
        let status = match &validity {
            Ok(v) => v.status_at(at),
            // An inverted period is valid at no instant; say where the instant falls first.
            Err(_) if at < not_before => Status::NotYetValid,
            Err(_) => Status::Expired,
        };
        let spec = classification.profile().map(|p| self.spec(p));
        let key = cert
            .subject_public_key_info()
            .map(|spki| KeyFacts::of(&spki));
        let mut check = Checker::new(cert.subject(), &facts, Stage::Certificate);
        // A CA certificate is not judged as a sote certificate, so its issuer is not either.
        let unknown_issuer = classification == Classification::UnknownIssuer;
        check.generic(cert, &serial, validity.is_err(), unknown_issuer);
        let key_rule = spec.map_or(&self.default_keys, |s| &s.keys);
        if let Some(key) = &key {
            check.key_strength(key, key_rule);
        }
        if let Some(spec) = spec {
            check.profile(
                cert,
                spec,
                authority.as_ref(),
                &serial,
                validity.ok(),
                key.as_ref(),
            );
        }
        let findings = check.into_findings();
        Report {
            classification,
            authority,
            serial,
            not_before,
            not_after,
            status,
            findings,
        }
    }
}

/// The purpose from key usage and extended key usage: nonRepudiation means signing; otherwise
/// serverAuth/clientAuth or keyEncipherment means TLS; anything else is taken as signing, the
/// profile whose real certificates carry no TLS usage at all.
pub(crate) fn purpose(facts: &ExtensionFacts) -> Purpose {
    let bits = facts.key_usage.map(|(bits, _)| bits).unwrap_or_default();
    if bits.contains(KeyUsageBits::NON_REPUDIATION) {
        Purpose::DocumentSigning
    } else if facts.has_tls_usage() || bits.contains(KeyUsageBits::KEY_ENCIPHERMENT) {
        Purpose::Tls
    } else {
        Purpose::DocumentSigning
    }
}

const ECDSA_WITH_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.1");
const WEAK_SIGNATURES: [ObjectIdentifier; 5] = [
    rfc5912::MD_2_WITH_RSA_ENCRYPTION,
    rfc5912::MD_5_WITH_RSA_ENCRYPTION,
    rfc5912::SHA_1_WITH_RSA_ENCRYPTION,
    rfc5912::DSA_WITH_SHA_1,
    ECDSA_WITH_SHA1,
];

/// Whether the checks look at an issued certificate or at a request for one. A request may
/// leave key usage and extended key usage to the CA, so their absence is no finding there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    Certificate,
    Request,
}

/// Runs the rules over one subject (its name, extensions and key), collecting findings.
pub(crate) struct Checker<'a> {
    subject: NameRef<'a>,
    facts: &'a ExtensionFacts<'a>,
    stage: Stage,
    findings: Vec<Finding>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(subject: NameRef<'a>, facts: &'a ExtensionFacts<'a>, stage: Stage) -> Self {
        Self {
            subject,
            facts,
            stage,
            findings: Vec::new(),
        }
    }

    /// The findings, in rule-table order.
    pub(crate) fn into_findings(mut self) -> Vec<Finding> {
        self.findings.sort_by_key(|f| f.rule);
        self.findings
    }

    pub(crate) fn fail(&mut self, rule: Rule, message: String) {
        self.findings.push(Finding { rule, message });
    }

    /// Rules for every certificate, with or without a profile.
    fn generic(
        &mut self,
        cert: &Certificate,
        serial: &SerialNumber,
        inverted: bool,
        unknown_issuer: bool,
    ) {
        if let version @ Version::Other(_) = cert.version() {
            self.fail(
                Rule::VersionOutOfRange,
                format!("certificate {version} is outside X.509's 0 to 2 (v1 to v3)"),
            );
        }
        let mut fail = |rule, message| self.findings.push(Finding { rule, message });
        names::check("issuer", cert.issuer().encoded_attributes(), &mut fail);
        names::check("subject", cert.subject().encoded_attributes(), &mut fail);
        if serial.is_negative() || serial.is_zero() {
            self.fail(
                Rule::SerialNotPositive,
                format!("serial number {} is not positive", serial.decimal()),
            );
        }
        let octets = serial.as_der_content().len();
        if octets > 20 {
            self.fail(
                Rule::SerialTooLong,
                format!("serial number has {octets} content octets, over 20"),
            );
        }
        if inverted {
            self.fail(
                Rule::ValidityInverted,
                format!(
                    "notAfter {} is before notBefore {}",
                    cert.not_after(),
                    cert.not_before()
                ),
            );
        }
        let algorithm = cert.signature_algorithm();
        if WEAK_SIGNATURES.contains(&algorithm) {
            self.fail(
                Rule::SignatureWeakAlgorithm,
                format!(
                    "signature algorithm {} uses a broken hash",
                    oid_name(&algorithm)
                ),
            );
        }
        for oid in &self.facts.duplicates {
            self.fail(
                Rule::ExtensionDuplicate,
                format!("extension {} appears more than once", oid_name(oid)),
            );
        }
        for (oid, reason) in &self.facts.malformed {
            self.fail(
                Rule::ExtensionMalformed,
                format!("extension {} does not decode: {reason}", oid_name(oid)),
            );
        }
        if unknown_issuer {
            let issuer = cert.issuer();
            self.fail(
                Rule::IssuerUnknown,
                format!("issuer {issuer} is not a known sote CA"),
            );
        }
    }

    pub(crate) fn key_strength(&mut self, key: &KeyFacts, rule: &KeyRule) {
        match key {
            KeyFacts::Rsa { bits } if *bits < rule.min_rsa_bits => self.fail(
                Rule::KeyWeak,
                format!("RSA key of {bits} bits, under {}", rule.min_rsa_bits),
            ),
            KeyFacts::Ec { curve } if !curve.is_some_and(|c| rule.curves.contains(&c)) => self
                .fail(
                    Rule::KeyWeak,
                    format!("elliptic curve {} is not accepted", key.name()),
                ),
            _ => {}
        }
    }

    /// Rules of a profile.
    #[allow(clippy::too_many_arguments)]
    fn profile(
        &mut self,
        cert: &Certificate,
        spec: &ProfileSpec,
        authority: Option<&Recognition>,
        serial: &SerialNumber,
        validity: Option<Validity>,
        key: Option<&KeyFacts>,
    ) {
        let issue_date = helsinki_date(cert.not_before());
        if let version @ (Version::V1 | Version::V2) = cert.version() {
            self.fail(
                Rule::VersionNotV3,
                format!(
                    "certificate is {version}; a {} certificate needs v3",
                    spec.profile
                ),
            );
        }
        if let (Some(validity), Some(years)) = (validity, spec.max_years(issue_date))
            && !validity.within_years(years)
        {
            let latest = validity
                .latest_not_after(years)
                .map_or_else(String::new, |t| format!(" (at most {t})"));
            let (first, last) = (validity.issue_date(), validity.last_valid_day());
            self.fail(
                Rule::ValidityTooLong,
                format!(
                    "valid {first} to {last} Helsinki time, over the {years}-year limit \
                     of {}: notAfter {}{latest}",
                    spec.profile,
                    validity.not_after(),
                ),
            );
        }
        if let Some(recognition) = authority {
            let ca = recognition.authority();
            if ca.environment != spec.profile.environment() {
                self.fail(
                    Rule::IssuerEnvironment,
                    format!(
                        "issuer {} is a {} CA, but {} is a {} profile",
                        ca.common_name,
                        ca.environment.as_str(),
                        spec.profile,
                        spec.profile.environment().as_str()
                    ),
                );
            }
            let magnitude_octets = serial.bit_length().div_ceil(8);
            // A zero or negative serial is already an error (serial.not-positive).
            let positive = !serial.is_negative() && !serial.is_zero();
            if ca.generation == Generation::DvvG3 && positive && magnitude_octets < 8 {
                self.fail(
                    Rule::SerialShort,
                    format!("serial number of {magnitude_octets} octets from a G3 CA, which issues 15-octet serials"),
                );
            }
        }
        self.key_usage(spec);
        self.extended_key_usage(spec);
        if self.facts.ca == Some(true) {
            self.fail(
                Rule::BasicConstraintsCa,
                "basic constraints say CA:TRUE in an end-entity certificate".to_owned(),
            );
        }
        self.subject(spec, issue_date);
        self.alt_names(spec, issue_date);
        if let Some(KeyFacts::Other { algorithm }) = key {
            self.fail(
                Rule::KeyUnsupported,
                format!(
                    "key algorithm {} is neither RSA nor EC",
                    oid_name(algorithm)
                ),
            );
        }
        self.policy(authority);
        if !self.facts.crl {
            self.fail(Rule::CrlMissing, "no CRL distribution point".to_owned());
        }
        if !self.facts.aia {
            self.fail(
                Rule::AiaMissing,
                "no authority information access (CA issuers, OCSP)".to_owned(),
            );
        }
    }

    pub(crate) fn key_usage(&mut self, spec: &ProfileSpec) {
        let Some((bits, critical)) = self.facts.key_usage else {
            if self.stage == Stage::Request {
                return;
            }
            self.fail(
                Rule::KeyUsageMissing,
                format!(
                    "no key usage extension; {} needs {}",
                    spec.profile, spec.key_usage_required
                ),
            );
            return;
        };
        if spec.key_usage_critical && !critical {
            self.fail(
                Rule::KeyUsageNotCritical,
                "key usage is not critical".to_owned(),
            );
        }
        let missing = spec.key_usage_required.difference(bits);
        let extra = bits.difference(spec.key_usage_allowed);
        if !missing.is_empty() || !extra.is_empty() {
            self.fail(
                Rule::KeyUsageMismatch,
                format!(
                    "key usage {bits} for {}: missing {missing}, not allowed {extra}",
                    spec.profile
                ),
            );
        }
    }

    pub(crate) fn extended_key_usage(&mut self, spec: &ProfileSpec) {
        let tls = self.facts.has_tls_usage();
        let judged = self.stage == Stage::Certificate || self.facts.eku.is_some();
        match spec.tls_usage {
            TlsUsage::Required if !tls && judged => self.fail(
                Rule::EkuTlsMissing,
                format!(
                    "{} needs serverAuth or clientAuth in extended key usage",
                    spec.profile
                ),
            ),
            TlsUsage::Forbidden if tls => self.fail(
                Rule::EkuTlsInSignature,
                format!("{} must not carry serverAuth or clientAuth", spec.profile),
            ),
            _ => {}
        }
        let mut other = String::new();
        for oid in self.facts.eku.iter().flatten() {
            if *oid != rfc5280::ID_KP_SERVER_AUTH && *oid != rfc5280::ID_KP_CLIENT_AUTH {
                if !other.is_empty() {
                    other.push_str(", ");
                }
                push_oid(&mut other, oid);
            }
        }
        if !other.is_empty() {
            self.fail(
                Rule::EkuOther,
                format!("application-specific extended key usages {other}"),
            );
        }
    }

    pub(crate) fn subject(&mut self, spec: &ProfileSpec, issue_date: chrono::NaiveDate) {
        let subject = self.subject;
        match subject.get(rfc4519::C) {
            Some(c) if c == "FI" => {}
            Some(c) => self.fail(
                Rule::SubjectCountry,
                format!("subject country is {c:?}, not FI"),
            ),
            None => self.fail(
                Rule::SubjectCountry,
                "subject has no country (C)".to_owned(),
            ),
        }
        if subject.get(rfc4519::O).is_none_or(|o| o.trim().is_empty()) {
            self.fail(
                Rule::SubjectOrganisation,
                "subject has no organisation (O)".to_owned(),
            );
        }
        if subject
            .get(rfc4519::CN)
            .is_none_or(|cn| cn.trim().is_empty())
        {
            self.fail(
                Rule::SubjectCommonName,
                "subject has no common name (CN)".to_owned(),
            );
        }
        if applies(spec.names.ou_unused_from, issue_date) {
            let units: Vec<_> = subject.get_all(rfc4519::OU).collect();
            if !units.is_empty() {
                self.fail(
                    Rule::SubjectOu,
                    format!(
                        "subject OU {} in a certificate issued on {issue_date}; DVV no longer uses OU",
                        units.join(", ")
                    ),
                );
            }
        }
        match subject.get(rfc4519::SERIAL_NUMBER) {
            Some(id) if id.parse::<ObjectIdentifier>().is_ok() => {}
            Some(id) => self.fail(
                Rule::SubjectOrganisationId,
                format!("subject serialNumber {id:?} is not an OID organisation identifier"),
            ),
            None => self.fail(
                Rule::SubjectOrganisationId,
                "subject has no serialNumber organisation identifier".to_owned(),
            ),
        }
    }

    pub(crate) fn alt_names(&mut self, spec: &ProfileSpec, issue_date: chrono::NaiveDate) {
        let facts = self.facts;
        // An IP address without a DNS name is reported once, as the more precise san.ip-only.
        let ip_only = applies(spec.names.ip_needs_dns_from, issue_date)
            && !facts.ips.is_empty()
            && facts.dns.is_empty();
        if applies(spec.names.dns_required_from, issue_date) && facts.dns.is_empty() && !ip_only {
            self.fail(
                Rule::SanDnsMissing,
                format!(
                    "no DNS name in a {} certificate issued on {issue_date}",
                    spec.profile
                ),
            );
        }
        if applies(spec.names.email_forbidden_from, issue_date) && !facts.emails.is_empty() {
            self.fail(
                Rule::SanEmail,
                format!(
                    "e-mail address {} in a {} certificate issued on {issue_date}",
                    facts.emails.join(", "),
                    spec.profile
                ),
            );
        }
        if ip_only {
            self.fail(
                Rule::SanIpOnly,
                format!(
                    "IP address without a DNS name in a {} certificate",
                    spec.profile
                ),
            );
        }
        if spec.names.cn_in_san
            && !facts.dns.is_empty()
            && let Some(cn) = self.subject.get(rfc4519::CN)
            && !facts.dns.iter().any(|d| d.eq_ignore_ascii_case(&cn))
        {
            self.fail(
                Rule::SanCnNotInSan,
                format!(
                    "CN {cn:?} is not among the DNS names {}",
                    facts.dns.join(", ")
                ),
            );
        }
    }

    fn policy(&mut self, authority: Option<&Recognition>) {
        let policies = &self.facts.policies;
        let expected = authority.and_then(|r| r.authority().policy);
        let found = match expected {
            Some(oid) => policies.contains(&oid),
            None => policies.iter().any(|p| p.starts_with(DVV_POLICY_ARC)),
        };
        if !found {
            let wanted = expected.map_or_else(
                || format!("a DVV policy under {DVV_POLICY_ARC}"),
                |oid| oid.to_string(),
            );
            let present: Vec<String> = policies.iter().map(ToString::to_string).collect();
            self.fail(
                Rule::PolicyMissing,
                format!(
                    "certificate policies [{}] lack {wanted}",
                    present.join(", ")
                ),
            );
        }
    }
}

/// Appends an OID in dotted decimal. const-oid's `Display` goes through `fmt` once per arc,
/// which made this notice a fifth of a whole report's cost (`benches/inspect.rs`).
fn push_oid(out: &mut String, oid: &ObjectIdentifier) {
    for (i, arc) in oid.arcs().enumerate() {
        if i > 0 {
            out.push('.');
        }
        let mut digits = [0u8; 10];
        let mut n = arc;
        let mut start = digits.len();
        loop {
            start -= 1;
            if let Some(slot) = digits.get_mut(start) {
                *slot = b'0' + (n % 10) as u8;
            }
            n /= 10;
            if n == 0 || start == 0 {
                break;
            }
        }
        digits
            .get(start..)
            .into_iter()
            .flatten()
            .for_each(|&d| out.push(char::from(d)));
    }
}

/// An OID with its name from const-oid's database where it has one.
fn oid_name(oid: &ObjectIdentifier) -> String {
    match const_oid::db::DB.by_oid(oid) {
        Some(name) => format!("{name} ({oid})"),
        None => oid.to_string(),
    }
}
