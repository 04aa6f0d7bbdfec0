//! Certificate requests (PKCS#10, RFC 2986) checked before they are sent to DVV.
//!
//! DVV takes a certificate's content from the request attached to the application, so a wrong
//! request costs a new order. [`Inspector::check_request`](crate::Inspector::check_request) verifies the request's
//! self-signature (proof of possession) and checks it against the profile it is meant for, in a
//! [`RequestReport`] with the same rule codes as the certificate report.
//!
//! ```
//! use chrono::NaiveDate;
//! use sote_certs::{Inspector, Profile, csr::read_certificate_requests};
//!
//! let pem = std::fs::read("tests/fixtures/requests/server-rsa2048.csr")?;
//! let csr = &read_certificate_requests(&pem)?[0];
//! let date = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
//! let report = Inspector::dvv().check_request(csr, Profile::Server, date, &[]);
//! assert_eq!(report.signature.is_valid(), Some(true));
//! assert_eq!(report.key.as_ref().map(|k| k.name()).as_deref(), Some("rsa-2048"));
//! assert!(report.ok(), "{:?}", report.findings);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "request")]
mod build;
mod signature;

use core::ops::Range;

use chrono::NaiveDate;
use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, BitStringRef};
use der::{Decode, Reader, SliceReader, Tag, Tagged};
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};

#[cfg(feature = "request")]
pub use build::{RequestBuildError, RequestBuilder, RequestField};
pub use signature::{NotCheckedReason, SignatureCheck, is_weak_algorithm, verify};

use crate::asn1::{
    ExtensionSpan, decode_at, extension_refs, malformed_name, parse_extensions, small_integer,
    span_of,
};
use crate::certificate::name::{self, AttributeSpan};
use crate::certificate::{
    CertificateReader, DerProblem, ExtensionRef, Kind, NameRef, Read, ReadError,
};
use crate::inspect::{
    Checker, ExtensionFacts, Finding, FindingValue, Findings, KeyFacts, PolicyRule, Rule,
    dns_names, oid_name,
};
use crate::organisation::RequestedName;
use crate::profile::Profile;

/// PKCS#9 extensionRequest: the attribute that carries the requested extensions.
const EXTENSION_REQUEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.14");

/// A PKCS#10 certificate request read from DER: the bytes, and where its parts are.
///
/// Invariant: the DER is one well-formed CertificationRequest (RFC 2986 §4) with a well-formed
/// subject name, public key and (if present) extension request. Reading is lenient where tools
/// are: any version INTEGER, an empty attribute set and an empty extensionRequest are read, and
/// [`Inspector::check_request`](crate::Inspector::check_request) reports them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateRequest {
    der: Box<[u8]>,
    version: RequestVersion,
    info: Range<usize>,
    subject: Range<usize>,
    attributes: Vec<AttributeSpan>,
    spki: Range<usize>,
    extensions: Vec<ExtensionSpan>,
    attributes_empty: bool,
    extension_request: ExtensionRequest,
    signature_algorithm: ObjectIdentifier,
    signature: Range<usize>,
}

/// The `version` field of a certificate request (RFC 2986 §4.1), read whatever it holds so that
/// the pre-flight can judge it: RFC 2986 defines only v1 (0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RequestVersion {
    /// v1 (0).
    V1,
    /// Any other value; `None` when it does not fit an `i64`.
    Other(Option<i64>),
}

/// The PKCS#9 extensionRequest attribute (RFC 2985 §5.4.2) as the request carries it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ExtensionRequest {
    /// No extensionRequest attribute.
    Absent,
    /// `SET {}`: the attribute has no value.
    EmptySet,
    /// `SET { SEQUENCE {} }`: one value with no extensions.
    EmptyExtensions,
    /// At least one extension.
    Present,
}

/// Requests: `CERTIFICATE REQUEST`, and the older `NEW CERTIFICATE REQUEST`.
const REQUESTS: Kind<CertificateRequest> = Kind {
    what: "certificate request",
    labels: &["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"],
    trusted_label: None,
    parse: |der| CertificateRequest::parse(&der).map_err(DerProblem::Malformed),
};

/// Reads every certificate request in `input`: DER, or PEM blocks labelled
/// `CERTIFICATE REQUEST` (or the older `NEW CERTIFICATE REQUEST`), read as leniently and with
/// the same bound and errors as [`crate::read_certificates`]; blocks of other kinds are skipped.
pub fn read_certificate_requests(input: &[u8]) -> Result<Vec<CertificateRequest>, ReadError> {
    CertificateReader::new()
        .read_requests(input)
        .map(|read| read.objects)
}

impl CertificateReader {
    /// Reads every certificate request in `input`, with notices of what was passed over; see
    /// [`read_certificate_requests`].
    pub fn read_requests(&self, input: &[u8]) -> Result<Read<CertificateRequest>, ReadError> {
        self.read_objects(input, &REQUESTS)
    }
}

impl CertificateRequest {
    /// Reads exactly one DER certificate request.
    pub fn from_der(der: &[u8]) -> Result<Self, ReadError> {
        REQUESTS.read_der(der)
    }

    /// Walks `CertificationRequest ::= SEQUENCE { certificationRequestInfo,
    /// signatureAlgorithm, signature }`.
    fn parse(der: &[u8]) -> der::Result<Self> {
        let span = |part: &[u8]| span_of(der, part);
        let mut reader = SliceReader::new(der)?;
        let (info_der, signature_algorithm, signature) = reader.sequence(|outer| {
            let info = outer.tlv_bytes()?;
            let algorithm = decode_at::<AlgorithmIdentifierRef>(outer)?.oid;
            let signature = decode_at::<BitStringRef>(outer)?.raw_bytes();
            Ok::<_, der::Error>((info, algorithm, signature))
        })?;
        reader.finish()?;
        AnyRef::from_der(info_der)?.sequence(|info| {
            let version = AnyRef::decode(info)?;
            version.tag().assert_eq(Tag::Integer)?;
            let version = RequestVersion::from_integer(version.value());
            let subject = info.tlv_bytes()?;
            let mut attributes = Vec::with_capacity(8);
            name::walk(subject, span, &mut attributes).map_err(malformed_name)?;
            let spki = info.tlv_bytes()?;
            SubjectPublicKeyInfoRef::from_der(spki)?;
            let mut extensions = Vec::new();
            let mut extension_request = ExtensionRequest::Absent;
            let requested = AnyRef::decode(info)?;
            requested.tag().assert_eq(Tag::ContextSpecific {
                constructed: true,
                number: der::TagNumber(0),
            })?;
            let mut list = SliceReader::new(requested.value())?;
            while !list.is_finished() {
                list.sequence(|attribute| {
                    let oid = ObjectIdentifier::decode(attribute)?;
                    let values = AnyRef::decode(attribute)?;
                    values.tag().assert_eq(Tag::Set)?;
                    if oid == EXTENSION_REQUEST {
                        extension_request = if values.value().is_empty() {
                            ExtensionRequest::EmptySet
                        } else {
                            extensions = parse_extensions(values.value(), span)?;
                            if extensions.is_empty() {
                                ExtensionRequest::EmptyExtensions
                            } else {
                                ExtensionRequest::Present
                            }
                        };
                    }
                    Ok::<_, der::Error>(())
                })?;
            }
            Ok::<_, der::Error>(CertificateRequest {
                der: der.into(),
                version,
                info: span(info_der),
                subject: span(subject),
                attributes,
                spki: span(spki),
                extensions,
                attributes_empty: requested.value().is_empty(),
                extension_request,
                signature_algorithm,
                signature: span(signature),
            })
        })
    }

    /// The request's DER.
    pub fn as_der(&self) -> &[u8] {
        &self.der
    }

    /// The `version` field, whatever it holds.
    pub fn version(&self) -> RequestVersion {
        self.version
    }

    fn part(&self, span: &Range<usize>) -> &[u8] {
        self.der.get(span.clone()).unwrap_or(&[])
    }

    /// The request as PEM: a `CERTIFICATE REQUEST` block in 64-column lines, LF line ends.
    pub fn to_pem(&self) -> String {
        crate::certificate::to_pem("CERTIFICATE REQUEST", &self.der)
    }

    /// The requested subject name.
    pub fn subject(&self) -> NameRef<'_> {
        NameRef::new(self.part(&self.subject), &self.der, &self.attributes)
    }

    /// The public key, as DER of its SubjectPublicKeyInfo (compare it with a delivered
    /// certificate's to match them).
    pub fn subject_public_key_info_der(&self) -> &[u8] {
        self.part(&self.spki)
    }

    /// The public key.
    pub fn subject_public_key_info(&self) -> Option<SubjectPublicKeyInfoRef<'_>> {
        SubjectPublicKeyInfoRef::from_der(self.subject_public_key_info_der()).ok()
    }

    /// The extensions requested in the PKCS#9 extensionRequest attribute, in order.
    pub fn requested_extensions(&self) -> impl Iterator<Item = ExtensionRef<'_>> + Clone {
        extension_refs(&self.der, &self.extensions)
    }

    /// The requested DNS names (subject alternative name).
    pub fn dns_names(&self) -> Vec<&str> {
        dns_names(self.requested_extensions())
    }

    /// The signature algorithm OID.
    pub fn signature_algorithm(&self) -> ObjectIdentifier {
        self.signature_algorithm
    }

    /// Compares a delivered certificate with this request: the same public key, every
    /// requested DNS name, the same CN (DNS names compare case-insensitively).
    pub fn match_certificate(&self, cert: &crate::Certificate) -> RequestMatch {
        let delivered = dns_names(cert.extensions());
        let cn = const_oid::db::rfc4519::CN;
        RequestMatch {
            key: Sameness::of(
                cert.subject_public_key_info_der() == self.subject_public_key_info_der(),
            ),
            missing_names: NameSets::compare(&self.dns_names(), &delivered)
                .missing
                .into_iter()
                .map(str::to_owned)
                .collect(),
            common_name: Sameness::of(self.subject().get(cn) == cert.subject().get(cn)),
        }
    }

    /// The production profile the request looks meant for, from its requested key usage and
    /// extended key usage, by the rule [`Inspector::inspect`](crate::Inspector::inspect) classifies certificates with.
    pub fn likely_profile(&self) -> Profile {
        let facts = ExtensionFacts::of(self.requested_extensions());
        Profile::new(
            crate::Environment::Production,
            crate::inspect::purpose(&facts),
        )
    }

    /// Verifies the self-signature over certificationRequestInfo with the request's own key:
    /// the proof that the applicant holds the private key.
    pub fn verify_signature(&self) -> SignatureCheck {
        verify(
            self.subject_public_key_info_der(),
            self.signature_algorithm,
            self.part(&self.info),
            self.part(&self.signature),
        )
    }
}

impl CertificateRequest {
    /// The version and the attributes: what tools write but RFC 2986 does not expect.
    pub(crate) fn check_structure(&self, check: &mut Checker<'_>) {
        match self.version {
            RequestVersion::V1 => {}
            RequestVersion::Other(Some(value)) => check.push(
                Finding::new(
                    Rule::CsrVersion,
                    format!("the request's version is {value}; RFC 2986 defines only v1 (0)"),
                )
                .with("version", FindingValue::Integer(value)),
            ),
            RequestVersion::Other(None) => check.fail(
                Rule::CsrVersion,
                "the request's version is an INTEGER over 8 octets; RFC 2986 defines only v1 (0)"
                    .to_owned(),
            ),
        }
        if self.attributes_empty {
            check.fail(
                Rule::CsrAttributesEmpty,
                "the request's attribute set is empty ([0] {}): no extensions are requested"
                    .to_owned(),
            );
        }
        let empty = match self.extension_request {
            ExtensionRequest::EmptySet => Some("has no value (SET {})"),
            ExtensionRequest::EmptyExtensions => Some("holds no extensions (SEQUENCE {})"),
            ExtensionRequest::Absent | ExtensionRequest::Present => None,
        };
        if let Some(what) = empty {
            check.fail(
                Rule::CsrExtensionRequestEmpty,
                format!(
                    "the request's extensionRequest attribute {what}: no extensions are requested"
                ),
            );
        }
    }

    /// Whether the signature is valid, and, separately, whether its algorithm is trusted.
    pub(crate) fn check_signature(&self, signature: SignatureCheck, check: &mut Checker<'_>) {
        let oid = FindingValue::Oid(self.signature_algorithm);
        let algorithm = oid_name(&self.signature_algorithm);
        match signature {
            SignatureCheck::Verified => {}
            SignatureCheck::Invalid => check.fail(
                Rule::CsrSignatureInvalid,
                "the request's self-signature does not verify with its own public key".to_owned(),
            ),
            SignatureCheck::NotChecked {
                reason: NotCheckedReason::Unsupported | NotCheckedReason::NotBuilt,
                ..
            } => check.push(
                Finding::new(
                    Rule::CsrSignatureUnsupported,
                    format!(
                        "signature algorithm {algorithm} with this key is not one this crate \
                         verifies; the signature was not checked"
                    ),
                )
                .with("algorithm", oid.clone()),
            ),
            // The weak-algorithm finding below says why.
            SignatureCheck::NotChecked {
                reason: NotCheckedReason::Weak,
                ..
            } => {}
        }
        if is_weak_algorithm(self.signature_algorithm) {
            let validity = match signature {
                SignatureCheck::Verified => "the signature itself is valid",
                SignatureCheck::Invalid => "the signature itself does not verify either",
                SignatureCheck::NotChecked { .. } => "the signature was not checked",
            };
            check.push(
                Finding::new(
                    Rule::CsrSignatureWeak,
                    format!(
                        "signature algorithm {algorithm} is weak and this crate declines to \
                         trust it; {validity}"
                    ),
                )
                .with("algorithm", oid),
            );
        }
    }
}

impl RequestVersion {
    /// The version as its INTEGER content holds it: two's complement, any length.
    fn from_integer(content: &[u8]) -> Self {
        match small_integer(content) {
            Some(0) => RequestVersion::V1,
            other => RequestVersion::Other(other),
        }
    }
}

impl core::fmt::Display for RequestVersion {
    /// `v1`, or `version value N` for any other.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            RequestVersion::V1 => f.write_str("v1"),
            RequestVersion::Other(Some(raw)) => write!(f, "version value {raw}"),
            RequestVersion::Other(None) => f.write_str("version value over 8 octets"),
        }
    }
}

/// Whether a delivered certificate's part is the requested one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sameness {
    /// The certificate's is the request's.
    Same,
    /// The certificate's differs from the request's.
    Different,
}

impl Sameness {
    fn of(same: bool) -> Self {
        if same {
            Sameness::Same
        } else {
            Sameness::Different
        }
    }
}

/// How a delivered certificate matches the request it was ordered with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestMatch {
    /// Whether the certificate carries the request's public key (identical
    /// SubjectPublicKeyInfo).
    pub key: Sameness,
    /// Requested DNS names the certificate does not carry.
    pub missing_names: Vec<String>,
    /// Whether the certificate's subject CN is the requested one.
    pub common_name: Sameness,
}

impl RequestMatch {
    /// Everything requested was delivered.
    pub fn is_match(&self) -> bool {
        self.key == Sameness::Same
            && self.missing_names.is_empty()
            && self.common_name == Sameness::Same
    }
}

/// The outcome of checking a certificate request against a profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestReport {
    /// The profile the request was checked for.
    pub profile: Profile,
    /// The date whose rules the request was checked by.
    pub date: NaiveDate,
    /// The self-signature.
    pub signature: SignatureCheck,
    /// The requested key, if it decodes.
    pub key: Option<KeyFacts>,
    /// The requested extensions, decoded once: every rule read them (the requested DNS names
    /// are `extensions.dns`).
    pub extensions: ExtensionFacts,
    /// Every finding, in rule-table order.
    pub findings: Findings,
}

impl RequestReport {
    /// True when the signature was verified and is valid, and no finding is an error
    /// ([`Findings::has_errors`]): ready to attach.
    pub fn ok(&self) -> bool {
        self.signature.is_verified() && !self.findings.has_errors()
    }

    /// The codes of the findings, in order ([`Findings::codes`]).
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.codes()
    }
}

/// How the DNS names of one side (a request, an application) compare with another's (a
/// request, a delivered certificate): the one comparison the request, eligibility and delivery
/// checks share. Names compare as [`RequestedName`]s where both parse (case and IDNA form do
/// not matter), as case-insensitive text otherwise.
pub(crate) struct NameSets<'a, 'b> {
    /// Names of the first side that the second lacks, in order.
    pub missing: Vec<&'a str>,
    /// Names of the second side that the first lacks, in order.
    pub unrequested: Vec<&'b str>,
}

impl<'a, 'b> NameSets<'a, 'b> {
    /// Compares `wanted` with `found`.
    pub(crate) fn compare<W, F>(wanted: &'a [W], found: &'b [F]) -> Self
    where
        W: AsRef<str>,
        F: AsRef<str>,
    {
        let parse = |name: &str| name.parse::<RequestedName>().ok();
        let wanted: Vec<(&str, Option<RequestedName>)> = wanted
            .iter()
            .map(|name| (name.as_ref(), parse(name.as_ref())))
            .collect();
        let found: Vec<(&str, Option<RequestedName>)> = found
            .iter()
            .map(|name| (name.as_ref(), parse(name.as_ref())))
            .collect();
        let same = |(a, pa): &(&str, Option<RequestedName>),
                    (b, pb): &(&str, Option<RequestedName>)| match (pa, pb) {
            (Some(pa), Some(pb)) => pa == pb,
            _ => a.eq_ignore_ascii_case(b),
        };
        NameSets {
            missing: wanted
                .iter()
                .filter(|w| !found.iter().any(|f| same(w, f)))
                .map(|(name, _)| *name)
                .collect(),
            unrequested: found
                .iter()
                .filter(|f| !wanted.iter().any(|w| same(w, f)))
                .map(|(name, _)| *name)
                .collect(),
        }
    }

    /// One finding per name, each with the name as its `"name"` value: `missing`'s rule and
    /// message for each missing name, then `unrequested`'s for each unrequested one.
    pub(crate) fn findings<R: PolicyRule>(
        self,
        missing: (R, fn(&str) -> String),
        unrequested: (R, fn(&str) -> String),
    ) -> Vec<Finding<R>> {
        let about = |(rule, message): (R, fn(&str) -> String), name: &str| {
            Finding::new(rule, message(name)).with("name", FindingValue::Name(name.to_owned()))
        };
        let missing = self.missing.into_iter().map(|name| about(missing, name));
        let unrequested = self
            .unrequested
            .into_iter()
            .map(|name| about(unrequested, name));
        missing.chain(unrequested).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_sets_compare_as_requested_names_and_keep_order() {
        let wanted = [
            "Kanta.Esimerkki.fi",
            "bücher.esimerkki.fi",
            "missing.esimerkki.fi",
        ];
        let found = [
            "kanta.esimerkki.fi",
            "xn--bcher-kva.esimerkki.fi",
            "extra.esimerkki.fi",
            "not a name",
        ];
        let sets = NameSets::compare(&wanted, &found);
        assert_eq!(sets.missing, ["missing.esimerkki.fi"]);
        assert_eq!(sets.unrequested, ["extra.esimerkki.fi", "not a name"]);
    }

    #[test]
    fn names_that_do_not_parse_compare_as_text_ignoring_case() {
        let sets = NameSets::compare(&["Not A Name"], &["not a name"]);
        assert!(sets.missing.is_empty() && sets.unrequested.is_empty());
    }

    #[test]
    fn name_sets_give_one_finding_per_name_with_the_name_as_data() {
        let sets = NameSets::compare(&["a.esimerkki.fi"], &["b.esimerkki.fi"]);
        let findings = sets.findings(
            (Rule::SanDnsMissing, |name| format!("{name} missing")),
            (Rule::SanNotAdministered, |name| {
                format!("{name} unrequested")
            }),
        );
        let shown: Vec<(Rule, &str, Option<&FindingValue>)> = findings
            .iter()
            .map(|f| (f.rule, f.message.as_str(), f.value("name")))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    Rule::SanDnsMissing,
                    "a.esimerkki.fi missing",
                    Some(&FindingValue::Name("a.esimerkki.fi".to_owned()))
                ),
                (
                    Rule::SanNotAdministered,
                    "b.esimerkki.fi unrequested",
                    Some(&FindingValue::Name("b.esimerkki.fi".to_owned()))
                ),
            ]
        );
    }
}
