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
//! assert!(report.signature.is_valid());
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

pub use signature::{SignatureCheck, verify};

use crate::Inspector;
use crate::certificate::name::{self, AttributeSpan};
use crate::certificate::{
    CertificateReader, ExtensionRef, ExtensionSpan, NameRef, ReadError, extension_refs,
    malformed_name, parse_extensions, span_of,
};
use crate::inspect::{Checker, ExtensionFacts, Finding, KeyFacts, Rule, Severity, Stage};
use crate::organisation::{DomainName, RequestedName};
use crate::profile::Profile;

/// PKCS#9 extensionRequest: the attribute that carries the requested extensions.
const EXTENSION_REQUEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.14");

/// A PKCS#10 certificate request read from DER: the bytes, and where its parts are.
///
/// Invariant: the DER is one well-formed CertificationRequest (RFC 2986 §4) with a well-formed
/// subject name, public key and (if present) extension request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateRequest {
    der: Box<[u8]>,
    info: Range<usize>,
    subject: Range<usize>,
    attributes: Vec<AttributeSpan>,
    spki: Range<usize>,
    extensions: Vec<ExtensionSpan>,
    signature_algorithm: ObjectIdentifier,
    signature: Range<usize>,
}

/// Reads every certificate request in `input`: DER, or PEM blocks labelled
/// `CERTIFICATE REQUEST` (or the older `NEW CERTIFICATE REQUEST`), with the same bound and
/// errors as [`crate::read_certificates`].
pub fn read_certificate_requests(input: &[u8]) -> Result<Vec<CertificateRequest>, ReadError> {
    CertificateReader::new().read_objects(
        input,
        &["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"],
        CertificateRequest::decode,
    )
}

impl CertificateRequest {
    fn decode(der: &[u8], index: usize) -> Result<Self, ReadError> {
        Self::parse(der).map_err(|e| ReadError::Der {
            index,
            reason: e.to_string(),
        })
    }

    /// Reads exactly one DER certificate request.
    pub fn from_der(der: &[u8]) -> Result<Self, ReadError> {
        Self::decode(der, 0)
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
            let subject = info.tlv_bytes()?;
            let mut attributes = Vec::with_capacity(8);
            name::walk(subject, span, &mut attributes).map_err(malformed_name)?;
            let spki = info.tlv_bytes()?;
            SubjectPublicKeyInfoRef::from_der(spki)?;
            let mut extensions = Vec::new();
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
                        extensions = parse_extensions(values.value(), span)?;
                    }
                    Ok::<_, der::Error>(())
                })?;
            }
            Ok::<_, der::Error>(CertificateRequest {
                der: der.into(),
                info: span(info_der),
                subject: span(subject),
                attributes,
                spki: span(spki),
                extensions,
                signature_algorithm,
                signature: span(signature),
            })
        })
    }

    /// The request's DER.
    pub fn as_der(&self) -> &[u8] {
        &self.der
    }

    fn part(&self, span: &Range<usize>) -> &[u8] {
        self.der.get(span.clone()).unwrap_or(&[])
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
    /// True when the signature verifies and no finding is an error: ready to attach.
    pub fn ok(&self) -> bool {
        self.signature.is_valid()
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
        match signature {
            SignatureCheck::Valid => {}
            SignatureCheck::Invalid => check.fail(
                Rule::CsrSignatureInvalid,
                "the request's self-signature does not verify with its own public key".to_owned(),
            ),
            SignatureCheck::Unsupported { algorithm } => check.fail(
                Rule::CsrSignatureUnsupported,
                format!("signature algorithm {algorithm} is not one this crate verifies"),
            ),
        }
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
