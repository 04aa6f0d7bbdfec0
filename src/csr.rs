//! Certificate requests (PKCS#10, RFC 2986) checked before they are sent to DVV.
//!
//! DVV takes a certificate's content from the request attached to the application, so a wrong
//! request costs a new order. [`Inspector::check_request`] verifies the request's
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

mod signature;

use core::ops::Range;

use chrono::NaiveDate;
use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, BitStringRef};
use der::{Decode, Reader, SliceReader, Tag, Tagged};
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};

pub use signature::{NotCheckedReason, SignatureCheck, is_weak_algorithm, verify};

use crate::Inspector;
use crate::certificate::name::{self, AttributeSpan};
use crate::certificate::{
    CertificateReader, DerProblem, ExtensionRef, ExtensionSpan, Kind, NameRef, Read, ReadError,
    extension_refs, malformed_name, parse_extensions, span_of,
};
use crate::inspect::{Checker, ExtensionFacts, Finding, KeyFacts, Rule, Severity, Stage};
use crate::organisation::{DomainName, RequestedName};
use crate::profile::Profile;

/// PKCS#9 extensionRequest: the attribute that carries the requested extensions.
const EXTENSION_REQUEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.14");

/// A PKCS#10 certificate request read from DER: the bytes, and where its parts are.
///
/// Invariant: the DER is one well-formed CertificationRequest (RFC 2986 §4) with a well-formed
/// subject name, public key and (if present) extension request. Reading is lenient where tools
/// are: any version INTEGER, an empty attribute set and an empty extensionRequest are read, and
/// [`Inspector::check_request`] reports them.
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
            let algorithm = AlgorithmIdentifierRef::decode(outer)?.oid;
            let signature = BitStringRef::decode(outer)?.raw_bytes();
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
        ExtensionFacts::of(self.requested_extensions()).dns
    }

    /// The signature algorithm OID.
    pub fn signature_algorithm(&self) -> ObjectIdentifier {
        self.signature_algorithm
    }

    /// Compares a delivered certificate with this request: the same public key, every
    /// requested DNS name, the same CN (DNS names compare case-insensitively).
    pub fn match_certificate(&self, cert: &crate::Certificate) -> RequestMatch {
        let delivered = ExtensionFacts::of(cert.extensions()).dns;
        let cn = const_oid::db::rfc4519::CN;
        RequestMatch {
            same_key: cert.subject_public_key_info_der() == self.subject_public_key_info_der(),
            missing_names: self
                .dns_names()
                .into_iter()
                .filter(|name| !delivered.iter().any(|d| d.eq_ignore_ascii_case(name)))
                .map(str::to_owned)
                .collect(),
            same_common_name: self.subject().get(cn) == cert.subject().get(cn),
        }
    }

    /// The production profile the request looks meant for, from its requested key usage and
    /// extended key usage, by the rule [`Inspector::inspect`] classifies certificates with.
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
    fn check_structure(&self, check: &mut Checker<'_>) {
        match self.version {
            RequestVersion::V1 => {}
            RequestVersion::Other(Some(value)) => check.fail(
                Rule::CsrVersion,
                format!("the request's version is {value}; RFC 2986 defines only v1 (0)"),
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
    fn check_signature(&self, signature: SignatureCheck, check: &mut Checker<'_>) {
        let algorithm = oid_name(self.signature_algorithm);
        match signature {
            SignatureCheck::Verified => {}
            SignatureCheck::Invalid => check.fail(
                Rule::CsrSignatureInvalid,
                "the request's self-signature does not verify with its own public key".to_owned(),
            ),
            SignatureCheck::NotChecked {
                reason: NotCheckedReason::Unsupported,
                ..
            } => check.fail(
                Rule::CsrSignatureUnsupported,
                format!(
                    "signature algorithm {algorithm} with this key is not one this crate verifies; the signature was not checked"
                ),
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
            check.fail(
                Rule::CsrSignatureWeak,
                format!(
                    "signature algorithm {algorithm} is weak and this crate declines to trust it; {validity}"
                ),
            );
        }
    }
}

impl RequestVersion {
    /// The version as its INTEGER content holds it: two's complement, any length.
    fn from_integer(content: &[u8]) -> Self {
        // Minimal or not, a content of at most 8 octets fits i64 in two's complement.
        let value = (!content.is_empty() && content.len() <= 8).then(|| {
            let fill = if content.first().is_some_and(|b| b & 0x80 != 0) {
                0xff
            } else {
                0
            };
            let mut bytes = [fill; 8];
            if let Some(tail) = bytes.get_mut(8 - content.len()..) {
                tail.copy_from_slice(content);
            }
            i64::from_be_bytes(bytes)
        });
        match value {
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

/// An OID with its name from const-oid's database (or, for ecdsa-with-SHA1, which the database
/// lacks, RFC 5758's) where it has one.
fn oid_name(oid: ObjectIdentifier) -> String {
    const ECDSA_WITH_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.1");
    let name = match oid {
        ECDSA_WITH_SHA1 => Some("ecdsa-with-SHA1"),
        _ => const_oid::db::DB.by_oid(&oid),
    };
    match name {
        Some(name) => format!("{name} ({oid})"),
        None => oid.to_string(),
    }
}

/// How a delivered certificate matches the request it was ordered with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestMatch {
    /// The certificate carries the request's public key (identical SubjectPublicKeyInfo).
    pub same_key: bool,
    /// Requested DNS names the certificate does not carry.
    pub missing_names: Vec<String>,
    /// Whether the certificate's subject CN is the requested one.
    pub same_common_name: bool,
}

impl RequestMatch {
    /// Everything requested was delivered.
    pub fn is_match(&self) -> bool {
        self.same_key && self.missing_names.is_empty() && self.same_common_name
    }
}

/// The outcome of checking a certificate request against a profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestReport {
    /// The profile the request was checked for.
    pub profile: Profile,
    /// The self-signature.
    pub signature: SignatureCheck,
    /// The requested key, if it decodes.
    pub key: Option<KeyFacts>,
    /// Every finding, in rule-table order.
    pub findings: Vec<Finding>,
}

impl RequestReport {
    /// True when the signature was verified and is valid, and no finding is an error: ready to
    /// attach.
    pub fn ok(&self) -> bool {
        self.signature.is_verified()
            && self
                .findings
                .iter()
                .all(|f| f.severity() != Severity::Error)
    }

    /// The codes of the findings, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.iter().map(Finding::code).collect()
    }
}

impl Inspector {
    /// Checks `csr` for `profile` as of `date` (the rules in force then): the self-signature,
    /// key algorithm and size, subject, requested names, key usage and extended key usage (when
    /// requested). When `administered` is not empty, every requested DNS name must lie in one
    /// of those domains (or be one of them).
    pub fn check_request(
        &self,
        csr: &CertificateRequest,
        profile: Profile,
        date: NaiveDate,
        administered: &[DomainName],
    ) -> RequestReport {
        let spec = self.spec(profile);
        let facts = ExtensionFacts::of(csr.requested_extensions());
        let key = csr
            .subject_public_key_info()
            .map(|spki| KeyFacts::of(&spki));
        let signature = csr.verify_signature();
        let mut check = Checker::new(csr.subject(), &facts, Stage::Request);
        csr.check_structure(&mut check);
        csr.check_signature(signature, &mut check);
        match &key {
            Some(KeyFacts::Other { algorithm }) => check.fail(
                Rule::KeyUnsupported,
                format!("key algorithm {algorithm} is neither RSA nor EC"),
            ),
            Some(key) => check.key_strength(key, &spec.keys),
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
            for name in &facts.dns {
                let within = name.parse::<RequestedName>().is_ok_and(|requested| {
                    administered
                        .iter()
                        .any(|domain| requested.is_administered_by(domain))
                });
                if !within {
                    check.fail(
                        Rule::SanNotAdministered,
                        format!(
                            "requested name {name:?} is not in a domain the applicant administers"
                        ),
                    );
                }
            }
        }
        let findings = check.into_findings();
        RequestReport {
            profile,
            signature,
            key,
            findings,
        }
    }
}
