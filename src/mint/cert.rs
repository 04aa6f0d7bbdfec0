//! Certificate templates, the test CA and what it mints.

use std::net::IpAddr;

use crate::SerialNumber;
use crate::inspect::{CriticalMark, Presence};
use chrono::{DateTime, Utc};
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280;
use der::flagset::FlagSet;
use der::pem::LineEnding;
use rand_core::Rng;
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::certpolicy::{PolicyInformation, PolicyQualifierInfo};
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{
    AccessDescription, AuthorityInfoAccessSyntax, AuthorityKeyIdentifier, BasicConstraints,
    CertificatePolicies, CrlDistributionPoints, ExtendedKeyUsage, KeyUsage, KeyUsages,
    SubjectAltName, SubjectKeyIdentifier,
};

use super::encode::{from_der, to_der, typed_extension, x509_time};
use super::{Dn, KeySpec, MintError, Seed, SignatureHash, StringKind, TestKey};
use der::asn1::{Any, BitString, Ia5String, OctetString};
use der::{Sequence, Tag};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::time::Validity as X509Validity;

/// An extension value with its criticality flag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ext<T> {
    /// The value.
    pub value: T,
    /// Whether the extension is marked critical (RFC 5280 §4.2).
    pub critical: CriticalMark,
}

/// A subject alternative name (RFC 5280 §4.2.1.6).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum San {
    /// `dNSName`.
    Dns(String),
    /// `iPAddress` (4 or 16 octets).
    Ip(IpAddr),
    /// `rfc822Name` (an e-mail address).
    Email(String),
    /// `uniformResourceIdentifier`.
    Uri(String),
}

/// One certificate policy (RFC 5280 §4.2.1.4) with DVV's optional qualifiers.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Policy {
    /// The policy OID.
    pub oid: ObjectIdentifier,
    /// A CPS pointer qualifier (`id-qt-cps`, IA5String).
    pub cps_uri: Option<String>,
    /// A user notice qualifier (`id-qt-unotice`) with this explicit text, written as a
    /// VisibleString like DVV's when it is printable ASCII, as a UTF8String otherwise.
    pub user_notice: Option<String>,
}

/// Authority information access (RFC 5280 §4.2.2.1): where the issuer certificate and the
/// OCSP responder are. DVV lists caIssuers first, then OCSP.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Aia {
    /// `id-ad-caIssuers` URL.
    pub ca_issuers: Option<String>,
    /// `id-ad-ocsp` URL.
    pub ocsp: Option<String>,
}

/// An extension written exactly as given, after the standard ones: unknown extensions,
/// duplicates of standard ones, malformed values.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RawExtension {
    /// `extnID`.
    pub oid: ObjectIdentifier,
    /// `critical`.
    pub critical: CriticalMark,
    /// The DER inside `extnValue` (the OCTET STRING's content), not checked.
    pub value: Vec<u8>,
}

/// Every field of a certificate that the [`TestCa`] signs, as plain data.
///
/// Nothing is checked: a template may describe a certificate that RFC 5280 or DVV forbids, so
/// that each inspection rule can be tested. Extensions are written in the order DVV's real
/// certificates use (AKI, SKI, key usage, policies, SAN, basic constraints, CRL distribution
/// points, extended key usage, AIA), then [`CertTemplate::extra_extensions`]; `None` leaves an
/// extension out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertTemplate {
    /// The serial number, written as its raw DER content octets: negative, zero and values
    /// over 20 octets are written as given (RFC 5280 §4.1.2.2 forbids them).
    pub serial: SerialNumber,
    /// notBefore. Fractions of a second are dropped; UTCTime before 2050, GeneralizedTime from
    /// 2050 (RFC 5280 §4.1.2.5).
    pub not_before: DateTime<Utc>,
    /// notAfter, inclusive (same encoding as `not_before`).
    pub not_after: DateTime<Utc>,
    /// The subject name.
    pub subject: Dn,
    /// The subject key's kind and size.
    pub key: KeySpec,
    /// The seed of the subject key: [`TestKey::generate`]`(key_seed, key)`.
    pub key_seed: Seed,
    /// The hash of the CA's signature (SHA-1 only for weak-signature defects).
    pub signature_hash: SignatureHash,
    /// Write an authority key identifier (the CA's key identifier).
    pub authority_key_identifier: Presence,
    /// Write a subject key identifier (RFC 5280 §4.2.1.2 method 1).
    pub subject_key_identifier: Presence,
    /// Key usage bits.
    pub key_usage: Option<Ext<KeyUsage>>,
    /// Certificate policies, in order.
    pub policies: Option<Ext<Vec<Policy>>>,
    /// Subject alternative names, in order.
    pub subject_alt_names: Option<Ext<Vec<San>>>,
    /// Basic constraints. `cA` is always written, FALSE included, as DVV does.
    pub basic_constraints: Option<Ext<BasicConstraints>>,
    /// One CRL distribution point with this URL as its full name.
    pub crl_distribution_point: Option<Ext<String>>,
    /// Extended key usage OIDs, known or not, in order.
    pub extended_key_usage: Option<Ext<Vec<ObjectIdentifier>>>,
    /// Authority information access.
    pub authority_info_access: Option<Ext<Aia>>,
    /// Extensions appended as given.
    pub extra_extensions: Vec<RawExtension>,
}

/// A minted certificate with its private key.
#[derive(Clone, Debug)]
pub struct Minted {
    /// The certificate, DER.
    pub der: Vec<u8>,
    /// The certificate, PEM (`CERTIFICATE`, LF line endings).
    pub pem: String,
    /// The subject's key pair.
    pub key: TestKey,
}

/// A self-signed test CA that signs [`CertTemplate`]s.
///
/// Its certificate has basicConstraints critical `cA` TRUE, keyUsage critical keyCertSign and
/// cRLSign, a subject key identifier, a serial derived from the seed and validity
/// 2000-01-01T00:00:00Z to 2049-12-31T23:59:59Z. Its name can be any [`Dn`], for example
/// DVV's production issuer name: a test that mints with that name must never let the result
/// leave the test.
#[derive(Clone, Debug)]
pub struct TestCa {
    name: Dn,
    certificate: Minted,
}

impl<T> Ext<T> {
    /// A critical extension.
    pub fn critical(value: T) -> Self {
        Self {
            value,
            critical: CriticalMark::Critical,
        }
    }

    /// A non-critical extension.
    pub fn non_critical(value: T) -> Self {
        Self {
            value,
            critical: CriticalMark::NonCritical,
        }
    }
}

impl Policy {
    /// A policy OID without qualifiers (as DVV writes the ETSI NCP policy).
    pub fn new(oid: ObjectIdentifier) -> Self {
        Self {
            oid,
            cps_uri: None,
            user_notice: None,
        }
    }
}

impl CertTemplate {
    /// A template with no extensions, signed with SHA-256: a starting point to fill in.
    pub fn new(
        serial: SerialNumber,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
        subject: Dn,
        key: KeySpec,
        key_seed: impl Into<Seed>,
    ) -> Self {
        Self {
            serial,
            not_before,
            not_after,
            subject,
            key,
            key_seed: key_seed.into(),
            signature_hash: SignatureHash::Sha256,
            authority_key_identifier: Presence::Absent,
            subject_key_identifier: Presence::Absent,
            key_usage: None,
            policies: None,
            subject_alt_names: None,
            basic_constraints: None,
            crl_distribution_point: None,
            extended_key_usage: None,
            authority_info_access: None,
            extra_extensions: Vec::new(),
        }
    }
}

impl Minted {
    fn new(der: Vec<u8>, key: TestKey) -> Result<Self, MintError> {
        let pem = pem("CERTIFICATE", &der)?;
        Ok(Self { der, pem, key })
    }

    /// The same certificate with one bit of its signature flipped, so that signature
    /// verification fails while the encoding stays valid.
    pub fn with_corrupted_signature(&self) -> Result<Self, MintError> {
        Self::new(corrupt_last_octet(&self.der), self.key.clone())
    }
}

impl TestCa {
    /// A self-signed CA named `name` with a `key` derived from `seed`.
    ///
    /// ```
    /// use sote_certs::mint::{Dn, KeySpec, TestCa};
    ///
    /// let name = Dn::new().country("FI").organization("Test").common_name("Test CA");
    /// let ca = TestCa::new(1, name, KeySpec::EcP256)?;
    /// assert!(ca.certificate().pem.contains("BEGIN CERTIFICATE"));
    /// # Ok::<(), sote_certs::mint::MintError>(())
    /// ```
    pub fn new(seed: impl Into<Seed>, name: Dn, key: KeySpec) -> Result<Self, MintError> {
        Self::self_signed(&Self::template(seed.into(), name, key)?)
    }

    /// A self-signed CA from `template` (usually [`TestCa::template`] changed): a root with
    /// any constraints or defects, such as a pathLenConstraint or a key usage without
    /// keyCertSign.
    pub fn self_signed(template: &CertTemplate) -> Result<Self, MintError> {
        let ca_key = TestKey::generate(template.key_seed, template.key)?;
        let der = sign(&template.subject, &ca_key, template, &ca_key)?;
        Ok(Self {
            name: template.subject.clone(),
            certificate: Minted::new(der, ca_key)?,
        })
    }

    /// The template of a CA certificate as [`TestCa::new`] makes it (for `name` and a `key`
    /// derived from `seed`); change it and sign it with [`TestCa::subordinate`] to make an
    /// intermediate CA with any defect.
    pub fn template(
        seed: impl Into<Seed>,
        name: Dn,
        key: KeySpec,
    ) -> Result<CertTemplate, MintError> {
        let seed = seed.into();
        Ok(CertTemplate {
            signature_hash: key.default_hash(),
            subject_key_identifier: Presence::Present,
            basic_constraints: Some(Ext::critical(BasicConstraints {
                ca: true,
                path_len_constraint: None,
            })),
            key_usage: Some(Ext::critical(KeyUsage(
                KeyUsages::KeyCertSign | KeyUsages::CRLSign,
            ))),
            ..CertTemplate::new(
                ca_serial(&seed)?,
                utc_from_timestamp(946_684_800)?, // 2000-01-01T00:00:00Z
                utc_from_timestamp(2_524_607_999)?, // 2049-12-31T23:59:59Z
                name,
                key,
                seed.derive("ca-key"),
            )
        })
    }

    /// An intermediate CA: `template` (usually from [`TestCa::template`]) signed by this CA,
    /// with this CA's key identifier as its authority key identifier. The new CA signs with
    /// the template's key, and is named by the template's subject.
    ///
    /// ```
    /// use sote_certs::mint::{Dn, KeySpec, TestCa};
    ///
    /// let root = TestCa::new(1, Dn::new().common_name("Test Root"), KeySpec::EcP384)?;
    /// let template = TestCa::template(2, Dn::new().common_name("Test Issuing CA"), KeySpec::EcP384)?;
    /// let issuing = root.subordinate(&template)?;
    /// assert_eq!(issuing.name(), &Dn::new().common_name("Test Issuing CA"));
    /// # Ok::<(), sote_certs::mint::MintError>(())
    /// ```
    pub fn subordinate(&self, template: &CertTemplate) -> Result<TestCa, MintError> {
        let template = CertTemplate {
            authority_key_identifier: Presence::Present,
            ..template.clone()
        };
        let minted = self.issue(&template)?;
        Ok(TestCa {
            name: template.subject,
            certificate: minted,
        })
    }

    /// The CA's name (issuer of everything it mints).
    pub fn name(&self) -> &Dn {
        &self.name
    }

    /// The CA's key pair.
    pub fn key(&self) -> &TestKey {
        &self.certificate.key
    }

    /// The CA's self-signed certificate and key.
    pub fn certificate(&self) -> &Minted {
        &self.certificate
    }

    /// Signs a certificate made from `template`; the subject key is derived from
    /// `template.key_seed`.
    pub fn issue(&self, template: &CertTemplate) -> Result<Minted, MintError> {
        let subject_key = TestKey::generate(template.key_seed, template.key)?;
        let der = sign(&self.name, self.key(), template, &subject_key)?;
        Minted::new(der, subject_key)
    }
}

/// `TBSCertificate` (RFC 5280 §4.1) as the minter writes it: the serial is an `Any` INTEGER
/// holding the template's content octets exactly (negative, zero and over-long values
/// included), and the names are the DER the [`Dn`] wrote, string types and all.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TbsCertificate {
    /// Always 2 (v3).
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    version: u8,
    serial_number: Any,
    signature: AlgorithmIdentifierOwned,
    issuer: Any,
    validity: X509Validity,
    subject: Any,
    subject_public_key_info: SubjectPublicKeyInfoOwned,
    /// Any number of extensions, duplicates included; left out when there are none.
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    extensions: Option<Vec<Extension>>,
}

/// `Certificate` (RFC 5280 §4.1) around the crate-local [`TbsCertificate`].
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SignedCertificate {
    tbs_certificate: TbsCertificate,
    signature_algorithm: AlgorithmIdentifierOwned,
    signature: BitString,
}

/// Encodes and signs the certificate (RFC 5280 §4.1).
fn sign(
    issuer: &Dn,
    issuer_key: &TestKey,
    t: &CertTemplate,
    subject_key: &TestKey,
) -> Result<Vec<u8>, MintError> {
    let der_error = |what| move |source| MintError::Der { what, source };
    let algorithm: AlgorithmIdentifierOwned = issuer_key.signature_algorithm(t.signature_hash);
    let extensions = certificate_extensions(t, issuer_key, subject_key)?;
    let tbs_certificate = TbsCertificate {
        version: 2,
        // The raw content octets: no check, so non-conforming serials are written as given.
        serial_number: Any::new(Tag::Integer, t.serial.as_der_content())
            .map_err(der_error("serial number"))?,
        signature: algorithm.clone(),
        issuer: from_der(&issuer.to_der()?, "issuer")?,
        validity: X509Validity::new(x509_time(t.not_before)?, x509_time(t.not_after)?),
        subject: from_der(&t.subject.to_der()?, "subject")?,
        subject_public_key_info: subject_key.spki()?,
        extensions: (!extensions.is_empty()).then_some(extensions),
    };
    let tbs = to_der(&tbs_certificate, "TBSCertificate")?;
    let signature = issuer_key.sign(t.signature_hash, &tbs)?;
    let certificate = SignedCertificate {
        tbs_certificate,
        signature_algorithm: algorithm,
        signature: BitString::from_bytes(&signature).map_err(der_error("signature"))?,
    };
    to_der(&certificate, "Certificate")
}

/// The extensions in DVV's order, typed x509-cert values except basic constraints (below).
fn certificate_extensions(
    t: &CertTemplate,
    issuer_key: &TestKey,
    subject_key: &TestKey,
) -> Result<Vec<Extension>, MintError> {
    let mut out = Vec::new();
    key_identifier_extensions(t, issuer_key, subject_key, &mut out)?;
    if let Some(ext) = &t.key_usage {
        out.push(key_usage_extension(ext)?);
    }
    if let Some(ext) = &t.policies {
        out.push(typed(
            rfc5280::ID_CE_CERTIFICATE_POLICIES,
            ext.critical,
            &policies(&ext.value)?,
            "certificatePolicies",
        )?);
    }
    if let Some(ext) = &t.subject_alt_names {
        out.push(san_extension(ext)?);
    }
    if let Some(ext) = &t.basic_constraints {
        out.push(basic_constraints_extension(ext)?);
    }
    if let Some(ext) = &t.crl_distribution_point {
        out.push(crl_distribution_point_extension(ext)?);
    }
    if let Some(ext) = &t.extended_key_usage {
        out.push(eku_extension(ext)?);
    }
    if let Some(ext) = &t.authority_info_access {
        out.push(authority_info_access_extension(ext)?);
    }
    for raw in &t.extra_extensions {
        out.push(typed_extension(raw.oid, raw.critical, raw.value.clone())?);
    }
    Ok(out)
}

/// The authority and subject key identifiers, as the template asks for them.
fn key_identifier_extensions(
    t: &CertTemplate,
    issuer_key: &TestKey,
    subject_key: &TestKey,
    out: &mut Vec<Extension>,
) -> Result<(), MintError> {
    if t.authority_key_identifier == Presence::Present {
        let value = AuthorityKeyIdentifier {
            key_identifier: Some(octets(
                issuer_key.key_identifier().to_vec(),
                "keyIdentifier",
            )?),
            authority_cert_issuer: None,
            authority_cert_serial_number: None,
        };
        out.push(typed(
            rfc5280::ID_CE_AUTHORITY_KEY_IDENTIFIER,
            CriticalMark::NonCritical,
            &value,
            "authorityKeyIdentifier",
        )?);
    }
    if t.subject_key_identifier == Presence::Present {
        let value = SubjectKeyIdentifier(octets(
            subject_key.key_identifier().to_vec(),
            "keyIdentifier",
        )?);
        out.push(typed(
            rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER,
            CriticalMark::NonCritical,
            &value,
            "subjectKeyIdentifier",
        )?);
    }
    Ok(())
}

/// Basic constraints as a SEQUENCE of `Any`s, not x509-cert's BasicConstraints: DVV writes
/// `cA FALSE` although DER leaves a DEFAULT value out, and the typed value (rightly) cannot.
fn basic_constraints_extension(ext: &Ext<BasicConstraints>) -> Result<Extension, MintError> {
    let mut fields = vec![any(&ext.value.ca, "cA")?];
    if let Some(path_len) = ext.value.path_len_constraint {
        fields.push(any(&path_len, "pathLenConstraint")?);
    }
    typed(
        rfc5280::ID_CE_BASIC_CONSTRAINTS,
        ext.critical,
        &fields,
        "basicConstraints",
    )
}

/// One CRL distribution point with a full-name URI.
fn crl_distribution_point_extension(ext: &Ext<String>) -> Result<Extension, MintError> {
    let uri = GeneralName::UniformResourceIdentifier(ia5(&ext.value, "CRL distribution point")?);
    let value = CrlDistributionPoints(vec![DistributionPoint {
        distribution_point: Some(DistributionPointName::FullName(vec![uri])),
        reasons: None,
        crl_issuer: None,
    }]);
    typed(
        rfc5280::ID_CE_CRL_DISTRIBUTION_POINTS,
        ext.critical,
        &value,
        "cRLDistributionPoints",
    )
}

/// Authority information access: the CA issuers URL, then the OCSP URL, each when present.
fn authority_info_access_extension(ext: &Ext<Aia>) -> Result<Extension, MintError> {
    let mut descriptions = Vec::new();
    let methods = [
        (rfc5280::ID_AD_CA_ISSUERS, &ext.value.ca_issuers),
        (rfc5280::ID_AD_OCSP, &ext.value.ocsp),
    ];
    for (access_method, url) in methods {
        if let Some(url) = url {
            descriptions.push(AccessDescription {
                access_method,
                access_location: GeneralName::UniformResourceIdentifier(ia5(url, "AIA URL")?),
            });
        }
    }
    typed(
        rfc5280::ID_PE_AUTHORITY_INFO_ACCESS,
        ext.critical,
        &AuthorityInfoAccessSyntax(descriptions),
        "authorityInfoAccess",
    )
}

/// An extension whose value is a typed `der` value.
fn typed<T: der::Encode>(
    id: ObjectIdentifier,
    critical: CriticalMark,
    value: &T,
    what: &'static str,
) -> Result<Extension, MintError> {
    typed_extension(id, critical, to_der(value, what)?)
}

/// An OCTET STRING value.
fn octets(bytes: Vec<u8>, what: &'static str) -> Result<OctetString, MintError> {
    OctetString::new(bytes).map_err(|source| MintError::Der { what, source })
}

/// An IA5String, refused with [`MintError::InvalidString`] naming `what` when it is not one.
fn ia5(value: &str, what: &str) -> Result<Ia5String, MintError> {
    StringKind::Ia5.encode(value, &what)?;
    Ia5String::new(value).map_err(|source| MintError::Der {
        what: "IA5String",
        source,
    })
}

/// A keyUsage extension (RFC 5280 §4.2.1.3).
pub(crate) fn key_usage_extension(ext: &Ext<KeyUsage>) -> Result<Extension, MintError> {
    let value = to_der(&ext.value, "keyUsage")?;
    typed_extension(rfc5280::ID_CE_KEY_USAGE, ext.critical, value)
}

/// An extKeyUsage extension (RFC 5280 §4.2.1.12).
pub(crate) fn eku_extension(ext: &Ext<Vec<ObjectIdentifier>>) -> Result<Extension, MintError> {
    let value = to_der(&ExtendedKeyUsage(ext.value.clone()), "extKeyUsage")?;
    typed_extension(rfc5280::ID_CE_EXT_KEY_USAGE, ext.critical, value)
}

/// A subjectAltName extension (RFC 5280 §4.2.1.6).
pub(crate) fn san_extension(ext: &Ext<Vec<San>>) -> Result<Extension, MintError> {
    let mut names = Vec::with_capacity(ext.value.len());
    for san in &ext.value {
        names.push(match san {
            San::Email(email) => GeneralName::Rfc822Name(ia5(email, "rfc822Name")?),
            San::Dns(dns) => GeneralName::DnsName(ia5(dns, "dNSName")?),
            San::Uri(uri) => GeneralName::UniformResourceIdentifier(ia5(uri, "URI")?),
            San::Ip(IpAddr::V4(ip)) => {
                GeneralName::IpAddress(octets(ip.octets().to_vec(), "iPAddress")?)
            }
            San::Ip(IpAddr::V6(ip)) => {
                GeneralName::IpAddress(octets(ip.octets().to_vec(), "iPAddress")?)
            }
        });
    }
    typed(
        rfc5280::ID_CE_SUBJECT_ALT_NAME,
        ext.critical,
        &SubjectAltName(names),
        "subjectAltName",
    )
}

/// `certificatePolicies` with DVV's qualifiers: a CPS URI, then a user notice.
fn policies(policies: &[Policy]) -> Result<CertificatePolicies, MintError> {
    let mut infos = Vec::with_capacity(policies.len());
    for policy in policies {
        let mut qualifiers = Vec::new();
        if let Some(cps) = &policy.cps_uri {
            qualifiers.push(PolicyQualifierInfo {
                policy_qualifier_id: rfc5280::ID_QT_CPS,
                qualifier: Some(any(&ia5(cps, "CPS URI")?, "CPS URI")?),
            });
        }
        if let Some(text) = &policy.user_notice {
            // UserNotice { explicitText DisplayText } as a SEQUENCE of one `Any`: DVV writes a
            // VisibleString, which x509-cert's DisplayText cannot hold.
            let visible = text.chars().all(|c| (' '..='~').contains(&c));
            let tag = if visible {
                Tag::VisibleString
            } else {
                Tag::Utf8String
            };
            let explicit = Any::new(tag, text.as_bytes()).map_err(|source| MintError::Der {
                what: "explicitText",
                source,
            })?;
            qualifiers.push(PolicyQualifierInfo {
                policy_qualifier_id: rfc5280::ID_QT_UNOTICE,
                qualifier: Some(any(&vec![explicit], "user notice")?),
            });
        }
        infos.push(PolicyInformation {
            policy_identifier: policy.oid,
            policy_qualifiers: (!qualifiers.is_empty()).then_some(qualifiers),
        });
    }
    Ok(CertificatePolicies(infos))
}

/// A typed value as an `Any`.
fn any<T: der::EncodeValue + der::Tagged>(value: &T, what: &'static str) -> Result<Any, MintError> {
    Any::encode_from(value).map_err(|source| MintError::Der { what, source })
}

/// A serial for the CA certificate: 16 random octets, first one in 0x01..=0x7f so that the
/// value is positive and exactly 16 octets long.
fn ca_serial(seed: &Seed) -> Result<SerialNumber, MintError> {
    let mut bytes = [0u8; 16];
    seed.rng("ca-serial").fill_bytes(&mut bytes);
    if let Some(first) = bytes.first_mut() {
        *first = (*first & 0x7f).max(1);
    }
    Ok(SerialNumber::from_be_bytes(&bytes)?)
}

fn utc_from_timestamp(secs: i64) -> Result<DateTime<Utc>, MintError> {
    DateTime::from_timestamp(secs, 0).ok_or(MintError::TimeOutOfRange {
        time: DateTime::UNIX_EPOCH,
    })
}

/// PEM with LF line endings.
pub(crate) fn pem(label: &'static str, der: &[u8]) -> Result<String, MintError> {
    der::pem::encode_string(label, LineEnding::LF, der).map_err(|e| MintError::Der {
        what: "PEM",
        source: e.into(),
    })
}

/// Flips the lowest bit of the last octet. Certificates and CSRs end with their signature
/// BIT STRING, so this changes the signature value (the low octet of ECDSA's `s`, or of the
/// RSA signature) and nothing else.
pub(crate) fn corrupt_last_octet(der: &[u8]) -> Vec<u8> {
    let mut out = der.to_vec();
    if let Some(last) = out.last_mut() {
        *last ^= 0x01;
    }
    out
}

/// Key usage bits as a set, for readable templates:
/// `key_usage(&[KeyUsages::DigitalSignature, KeyUsages::NonRepudiation])`.
pub fn key_usage(bits: &[KeyUsages]) -> KeyUsage {
    KeyUsage(bits.iter().fold(FlagSet::default(), |set, &bit| set | bit))
}
