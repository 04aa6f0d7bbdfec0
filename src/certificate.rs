//! Reading certificates as DVV delivers them (DER or PEM), leniently: unknown extensions,
//! unknown EKU OIDs and non-conforming serials (negative, zero, over 20 octets) are read, and
//! judged later by [`crate::inspect`].
//!
//! The reader walks the certificate's structure in place (with the `der` crate's borrowed
//! types) and keeps the DER with the positions of the parts the rules need, instead of building
//! x509-cert's owned tree: the inspection benchmark (`benches/inspect.rs`) shows the owned parse
//! alone costs more than this reader and a whole report together. [`Certificate::to_x509`]
//! still gives x509-cert's structure on demand.

pub(crate) mod name;

use core::ops::Range;

use chrono::{DateTime, Utc};
use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, BitStringRef, OctetStringRef};
use der::{Decode, Reader, SliceReader, Tag, TagNumber, Tagged};
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use x509_cert::certificate::{CertificateInner, Raw};
use x509_cert::time::Time;

use name::AttributeSpan;
pub use name::NameRef;

use crate::serial::SerialNumber;

/// A certificate read from DER: the bytes, and where its parts are.
///
/// Invariant: the DER is one well-formed X.509 certificate structure (RFC 5280 §4.1) with
/// well-formed names, validity and extension list; extension *values* are decoded only when
/// inspected, so an odd one never stops reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    der: Box<[u8]>,
    version: Version,
    serial: Range<usize>,
    issuer: Range<usize>,
    subject: Range<usize>,
    /// The attributes of the issuer, then those of the subject, read once.
    attributes: Vec<AttributeSpan>,
    /// How many of `attributes` belong to the issuer.
    issuer_attributes: usize,
    spki: Range<usize>,
    not_before: DateTime<Utc>,
    not_after: DateTime<Utc>,
    signature_algorithm: ObjectIdentifier,
    extensions: Vec<ExtensionSpan>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ExtensionSpan {
    oid: ObjectIdentifier,
    critical: bool,
    value: Range<usize>,
}

/// The `version` field of a certificate (RFC 5280 §4.1.2.1), read whatever it holds so that the
/// inspection can judge it: DVV issues only v3 certificates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Version {
    /// v1 (0, also when the field is absent: it is DEFAULT v1).
    V1,
    /// v2 (1).
    V2,
    /// v3 (2).
    V3,
    /// A value outside X.509's range; `None` when it does not fit an `i64`.
    Other(Option<i64>),
}

impl Version {
    /// The version as X.509 numbers it (v1 is 1, v3 is 3); the raw INTEGER plus one.
    pub fn number(self) -> Option<i64> {
        match self {
            Version::V1 => Some(1),
            Version::V2 => Some(2),
            Version::V3 => Some(3),
            Version::Other(raw) => raw.and_then(|v| v.checked_add(1)),
        }
    }

    fn from_integer(content: &[u8]) -> Self {
        // Minimal or not, a content of at most 8 octets fits i64 in two's complement.
        let value = (content.len() <= 8 && !content.is_empty()).then(|| {
            let fill = if content.first().is_some_and(|b| b & 0x80 != 0) { 0xff } else { 0 };
            let mut bytes = [fill; 8];
            let start = 8 - content.len();
            if let Some(tail) = bytes.get_mut(start..) {
                tail.copy_from_slice(content);
            }
            i64::from_be_bytes(bytes)
        });
        match value {
            Some(0) => Version::V1,
            Some(1) => Version::V2,
            Some(2) => Version::V3,
            other => Version::Other(other),
        }
    }
}

impl core::fmt::Display for Version {
    /// `v1`, `v2`, `v3`, or the raw value for one outside X.509's range.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Version::V1 => f.write_str("v1"),
            Version::V2 => f.write_str("v2"),
            Version::V3 => f.write_str("v3"),
            Version::Other(Some(raw)) => write!(f, "version value {raw}"),
            Version::Other(None) => f.write_str("version value over 8 octets"),
        }
    }
}

/// One extension, borrowed from its certificate or request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExtensionRef<'a> {
    /// `extnID`.
    pub oid: ObjectIdentifier,
    /// `critical` (DEFAULT FALSE).
    pub critical: bool,
    /// The contents of `extnValue`: the extension's own DER.
    pub value: &'a [u8],
}

/// Errors from reading certificates. `index` is the position of the PEM block or DER object.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// No bytes at all.
    #[error("empty input")]
    Empty,
    /// The input is larger than the reader's bound.
    #[error("input of {len} bytes is over the limit of {max}")]
    TooLarge {
        /// The input's length.
        len: usize,
        /// The bound in force.
        max: usize,
    },
    /// Neither DER (a SEQUENCE, first byte 0x30) nor text with a PEM block.
    #[error("expected DER (first byte 0x30) or PEM, found first byte 0x{first:02x}")]
    Unrecognised {
        /// The first byte of the input.
        first: u8,
    },
    /// A PEM block with another label than the one expected.
    #[error("PEM block {index} is labelled {label:?}, expected {expected:?}")]
    WrongLabel {
        /// The block's position.
        index: usize,
        /// The label found.
        label: String,
        /// The label expected (`CERTIFICATE`, `CERTIFICATE REQUEST`).
        expected: &'static str,
    },
    /// A PEM block that is cut off or whose base64 is invalid.
    #[error("PEM block {index} at byte {offset}: {reason}")]
    Pem {
        /// The block's position.
        index: usize,
        /// Offset of its `-----BEGIN` line in the input.
        offset: usize,
        /// What is wrong.
        reason: String,
    },
    /// DER that does not decode as a certificate or request (truncated, trailing data,
    /// malformed).
    #[error("object {index}: {reason}")]
    Der {
        /// The certificate's position.
        index: usize,
        /// der's description, with the byte position.
        reason: String,
    },
}

/// Reads certificates with a bound on the input size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CertificateReader {
    max_input: usize,
}

impl CertificateReader {
    /// Default bound: 1 MiB, far above any certificate chain DVV sends.
    pub const DEFAULT_MAX_INPUT: usize = 1 << 20;

    /// A reader with the default bound.
    pub const fn new() -> Self {
        Self {
            max_input: Self::DEFAULT_MAX_INPUT,
        }
    }

    /// A reader that refuses inputs over `max_input` bytes.
    pub const fn with_max_input(self, max_input: usize) -> Self {
        Self { max_input }
    }

    /// Reads every certificate in `input`: one DER certificate, or text holding one or more
    /// PEM `CERTIFICATE` blocks (with any text around them, LF or CRLF line endings).
    pub fn read(&self, input: &[u8]) -> Result<Vec<Certificate>, ReadError> {
        self.read_objects(input, &["CERTIFICATE"], Certificate::decode)
    }

    /// Reads DER, or every PEM block of `input`, whose label must be one of `labels`.
    pub(crate) fn read_objects<T>(
        &self,
        input: &[u8],
        labels: &[&'static str],
        decode: impl Fn(&[u8], usize) -> Result<T, ReadError>,
    ) -> Result<Vec<T>, ReadError> {
        if input.is_empty() {
            return Err(ReadError::Empty);
        }
        if input.len() > self.max_input {
            return Err(ReadError::TooLarge {
                len: input.len(),
                max: self.max_input,
            });
        }
        if input.first() == Some(&0x30) {
            return decode(input, 0).map(|object| vec![object]);
        }
        let blocks = pem_blocks(input);
        if blocks.is_empty() {
            return Err(ReadError::Unrecognised {
                first: input.first().copied().unwrap_or(0),
            });
        }
        blocks
            .into_iter()
            .enumerate()
            .map(|(index, (offset, block))| {
                let (label, der) = der::pem::decode_vec(block).map_err(|e| ReadError::Pem {
                    index,
                    offset,
                    reason: e.to_string(),
                })?;
                if !labels.contains(&label) {
                    return Err(ReadError::WrongLabel {
                        index,
                        label: label.to_owned(),
                        expected: labels.first().copied().unwrap_or_default(),
                    });
                }
                decode(&der, index)
            })
            .collect()
    }
}

impl Default for CertificateReader {
    fn default() -> Self {
        Self::new()
    }
}

/// Reads every certificate in `input` with the default bound; see [`CertificateReader::read`].
///
/// ```
/// let pem = std::fs::read("tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem")?;
/// let certs = sote_certs::read_certificates(&pem)?;
/// assert_eq!(certs[0].serial().to_hex_string(), "017dd7810fc3030e71245bda512189");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_certificates(input: &[u8]) -> Result<Vec<Certificate>, ReadError> {
    CertificateReader::new().read(input)
}

/// Finds PEM blocks: each `-----BEGIN …-----` line through its matching `-----END …-----`
/// line, with their offsets. A block without an end runs to the end of the input, so that the
/// PEM decoder reports it as truncated rather than it being skipped silently.
fn pem_blocks(input: &[u8]) -> Vec<(usize, &[u8])> {
    const BEGIN: &[u8] = b"-----BEGIN ";
    const END: &[u8] = b"-----END ";
    let mut blocks = Vec::new();
    let mut from = 0;
    while let Some(start) = find(input, BEGIN, from) {
        let end = find(input, END, start)
            .and_then(|end| find(input, b"-----", end + END.len()).map(|close| close + 5))
            .unwrap_or(input.len());
        if let Some(block) = input.get(start..end) {
            blocks.push((start, block));
        }
        from = end;
    }
    blocks
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

impl Certificate {
    fn decode(der: &[u8], index: usize) -> Result<Self, ReadError> {
        Self::parse(der).map_err(|e| ReadError::Der {
            index,
            reason: e.to_string(),
        })
    }

    /// Walks `Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }`.
    fn parse(der: &[u8]) -> der::Result<Self> {
        let span = |part: &[u8]| span_of(der, part);
        let mut reader = SliceReader::new(der)?;
        let (tbs, signature_algorithm) = reader.sequence(|cert| {
            let tbs = cert.tlv_bytes()?;
            let signature_algorithm = AlgorithmIdentifierRef::decode(cert)?.oid;
            BitStringRef::decode(cert)?;
            Ok::<_, der::Error>((tbs, signature_algorithm))
        })?;
        reader.finish()?;
        AnyRef::from_der(tbs)?.sequence(|tbs| {
            let mut version = Version::V1;
            if Tag::peek(tbs)? == context(0) {
                let explicit = AnyRef::decode(tbs)?;
                let integer = AnyRef::from_der(explicit.value())?;
                integer.tag().assert_eq(Tag::Integer)?;
                version = Version::from_integer(integer.value());
            }
            // Lenient: any INTEGER content, even non-minimal or over 20 octets.
            let serial = AnyRef::decode(tbs)?;
            serial.tag().assert_eq(Tag::Integer)?;
            AlgorithmIdentifierRef::decode(tbs)?;
            let mut attributes = Vec::with_capacity(16);
            let issuer = tbs.tlv_bytes()?;
            name::walk(issuer, span, &mut attributes).map_err(malformed_name)?;
            let issuer_attributes = attributes.len();
            let (not_before, not_after) =
                tbs.sequence(|v| Ok::<_, der::Error>((Time::decode(v)?, Time::decode(v)?)))?;
            let subject = tbs.tlv_bytes()?;
            name::walk(subject, span, &mut attributes).map_err(malformed_name)?;
            let spki = tbs.tlv_bytes()?;
            SubjectPublicKeyInfoRef::from_der(spki)?;
            for number in [1, 2] {
                if !tbs.is_finished() && Tag::peek(tbs)? == implicit(number) {
                    tbs.tlv_bytes()?; // issuerUniqueID, subjectUniqueID
                }
            }
            let mut extensions = Vec::new();
            if !tbs.is_finished() {
                let explicit = AnyRef::decode(tbs)?;
                explicit.tag().assert_eq(context(3))?;
                extensions = parse_extensions(explicit.value(), span)?;
            }
            Ok::<_, der::Error>(Certificate {
                der: der.into(),
                version,
                serial: span(serial.value()),
                issuer: span(issuer),
                subject: span(subject),
                attributes,
                issuer_attributes,
                spki: span(spki),
                not_before: to_utc(not_before),
                not_after: to_utc(not_after),
                signature_algorithm,
                extensions,
            })
        })
    }

    /// Reads exactly one DER certificate.
    pub fn from_der(der: &[u8]) -> Result<Self, ReadError> {
        Self::decode(der, 0)
    }

    /// The certificate's DER.
    pub fn as_der(&self) -> &[u8] {
        &self.der
    }

    fn part(&self, span: &Range<usize>) -> &[u8] {
        self.der.get(span.clone()).unwrap_or(&[])
    }

    /// x509-cert's owned structure, decoded on demand (without RFC 5280 serial checks).
    pub fn to_x509(&self) -> der::Result<CertificateInner<Raw>> {
        CertificateInner::<Raw>::from_der(&self.der)
    }

    /// The `version` field: v1 when absent (DEFAULT v1), and any other value as it stands.
    pub fn version(&self) -> Version {
        self.version
    }

    /// The serial number, whatever its sign and length (a non-minimal encoding is read as the
    /// value it denotes).
    pub fn serial(&self) -> SerialNumber {
        SerialNumber::from_twos_complement(self.part(&self.serial))
    }

    /// `notBefore`.
    pub fn not_before(&self) -> DateTime<Utc> {
        self.not_before
    }

    /// `notAfter` (inclusive).
    pub fn not_after(&self) -> DateTime<Utc> {
        self.not_after
    }

    /// The issuer name.
    pub fn issuer(&self) -> NameRef<'_> {
        let (issuer, _) = self
            .attributes
            .split_at(self.issuer_attributes.min(self.attributes.len()));
        NameRef::new(self.part(&self.issuer), &self.der, issuer)
    }

    /// The subject name.
    pub fn subject(&self) -> NameRef<'_> {
        let (_, subject) = self
            .attributes
            .split_at(self.issuer_attributes.min(self.attributes.len()));
        NameRef::new(self.part(&self.subject), &self.der, subject)
    }

    /// The subject public key info, as DER.
    pub fn subject_public_key_info_der(&self) -> &[u8] {
        self.part(&self.spki)
    }

    /// The subject public key info.
    pub fn subject_public_key_info(&self) -> Option<SubjectPublicKeyInfoRef<'_>> {
        SubjectPublicKeyInfoRef::from_der(self.part(&self.spki)).ok()
    }

    /// The extensions, in certificate order.
    pub fn extensions(&self) -> impl Iterator<Item = ExtensionRef<'_>> + Clone {
        extension_refs(&self.der, &self.extensions)
    }

    /// The signature algorithm OID.
    pub fn signature_algorithm(&self) -> ObjectIdentifier {
        self.signature_algorithm
    }
}

/// Reads `Extensions ::= SEQUENCE OF Extension` from its DER, noting where each value lies.
pub(crate) fn parse_extensions(
    der: &[u8],
    span: impl Fn(&[u8]) -> Range<usize>,
) -> der::Result<Vec<ExtensionSpan>> {
    let mut extensions = Vec::new();
    AnyRef::from_der(der)?.sequence(|list| {
        while !list.is_finished() {
            extensions.push(list.sequence(|ext| {
                let oid = ObjectIdentifier::decode(ext)?;
                let critical = match Tag::peek(ext)? {
                    Tag::Boolean => bool::decode(ext)?,
                    _ => false,
                };
                let value = <&OctetStringRef>::decode(ext)?.as_bytes();
                Ok::<_, der::Error>(ExtensionSpan {
                    oid,
                    critical,
                    value: span(value),
                })
            })?);
        }
        Ok::<_, der::Error>(())
    })?;
    Ok(extensions)
}

/// The extensions of `spans` as borrowed views into `der`.
pub(crate) fn extension_refs<'a>(
    der: &'a [u8],
    spans: &'a [ExtensionSpan],
) -> impl Iterator<Item = ExtensionRef<'a>> + Clone {
    spans.iter().map(move |ext| ExtensionRef {
        oid: ext.oid,
        critical: ext.critical,
        value: der.get(ext.value.clone()).unwrap_or(&[]),
    })
}

/// A name that does not walk, as a der error at the offending byte.
pub(crate) fn malformed_name(offset: usize) -> der::Error {
    let position = der::Length::try_from(offset).unwrap_or(der::Length::ZERO);
    der::Error::new(der::ErrorKind::Value { tag: Tag::Sequence }, position)
}

pub(crate) fn context(number: u8) -> Tag {
    Tag::ContextSpecific {
        constructed: true,
        number: TagNumber(number.into()),
    }
}

fn implicit(number: u8) -> Tag {
    Tag::ContextSpecific {
        constructed: false,
        number: TagNumber(number.into()),
    }
}

/// Where `part`, a subslice of `whole`, lies in it.
pub(crate) fn span_of(whole: &[u8], part: &[u8]) -> Range<usize> {
    let start = (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize);
    start..start + part.len()
}

fn to_utc(time: x509_cert::time::Time) -> DateTime<Utc> {
    let since_epoch = time.to_unix_duration();
    i64::try_from(since_epoch.as_secs())
        .ok()
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}
