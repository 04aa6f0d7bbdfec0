//! Reading certificates as DVV delivers them (DER or PEM), leniently: unknown extensions,
//! unknown EKU OIDs and non-conforming serials (negative, zero, over 20 octets) are read, and
//! judged later by [`crate::inspect`].
//!
//! The reader walks the certificate's structure in place (with the `der` crate's borrowed
//! types) and keeps the DER with the positions of the parts the rules need, instead of building
//! x509-cert's owned tree: the inspection benchmark (`benches/inspect.rs`) shows the owned parse
//! alone costs more than this reader and a whole report together. `Certificate::to_x509`
//! (feature `x509`) still gives x509-cert's structure on demand.

pub(crate) mod name;
mod pem;
pub mod time;

use core::fmt;

use core::ops::Range;

use chrono::{DateTime, Utc};
use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, BitStringRef};
use der::{Decode, Reader, SliceReader, Tag, Tagged};
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
#[cfg(feature = "x509")]
use x509_cert::certificate::{CertificateInner, Raw};

use name::AttributeSpan;
pub use name::{Name, NameRef};
pub use pem::PemError;
pub use time::TimeError;

use crate::asn1::{
    ExtensionSpan, context, decode_at, expect, extension_refs, implicit, malformed_name,
    parse_extensions, placed, rebased, small_integer, span_of,
};
use crate::serial::SerialNumber;

/// A certificate read from DER: the bytes, and where its parts are.
///
/// Invariant: the DER is one well-formed X.509 certificate structure (RFC 5280 §4.1) with
/// well-formed names, validity and extension list; extension *values* are decoded only when
/// inspected, so an odd one never stops reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    der: Box<[u8]>,
    /// Where the TBSCertificate's parts lie in `der`.
    tbs: TbsParts,
    not_before: DateTime<Utc>,
    not_after: DateTime<Utc>,
    signature_algorithm: ObjectIdentifier,
}

/// The parts of a TBSCertificate, as [`Certificate::walk_tbs`] finds them.
#[derive(Clone, Debug, PartialEq, Eq)]
struct TbsParts {
    version: Version,
    serial: Range<usize>,
    issuer: Range<usize>,
    subject: Range<usize>,
    /// The attributes of the issuer, then those of the subject, read once.
    attributes: Vec<AttributeSpan>,
    /// How many of `attributes` belong to the issuer.
    issuer_attributes: usize,
    spki: Range<usize>,
    extensions: Vec<ExtensionSpan>,
}

/// A validity time as it is encoded: its tag and where its content lies.
type RawTime = (u8, Range<usize>);

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
        match small_integer(content) {
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
    pub critical: CriticalMark,
    /// The contents of `extnValue`: the extension's own DER.
    pub value: &'a [u8],
}

/// Whether an extension is marked critical (RFC 5280 §4.2); what a profile asks of it is
/// [`crate::profile::Criticality`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CriticalMark {
    /// `critical` is TRUE.
    Critical,
    /// `critical` is FALSE or absent (DEFAULT FALSE).
    NonCritical,
}

impl CriticalMark {
    /// The mark of an extension's `critical` field.
    pub fn of(critical: bool) -> Self {
        if critical {
            CriticalMark::Critical
        } else {
            CriticalMark::NonCritical
        }
    }
}

/// Where in the input a problem lies: in the DER itself (a byte offset), or, when the input was
/// PEM, in the text (the 1-based block number and line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Position {
    /// A byte offset into the DER input.
    Der {
        /// The offset, from 0.
        offset: usize,
    },
    /// A place in PEM text.
    Pem {
        /// The block's number, from 1, counting every PEM block of the input.
        block: usize,
        /// The line of the text, from 1.
        line: usize,
    },
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Der { offset } => write!(f, "at DER byte {offset}"),
            Position::Pem { block, line } => write!(f, "in PEM block {block}, line {line}"),
        }
    }
}

/// What is wrong with the DER of a certificate or request.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DerProblem {
    /// The outer SEQUENCE declares more bytes than there are.
    #[error(
        "truncated: the {what}'s SEQUENCE declares {declared} bytes, the input ends after {available}"
    )]
    Truncated {
        /// What was being read (`certificate`, `certificate request`).
        what: &'static str,
        /// The length the outer SEQUENCE declares, header included.
        declared: usize,
        /// The bytes there are.
        available: usize,
    },
    /// Bytes after the end of the object.
    #[error("{extra} bytes of trailing data after the {what}'s {len} bytes")]
    TrailingData {
        /// What was being read.
        what: &'static str,
        /// The object's length.
        len: usize,
        /// The bytes after it.
        extra: usize,
    },
    /// The input does not start with a SEQUENCE.
    #[error("expected the {what}'s SEQUENCE (tag 0x30), found tag 0x{tag:02x}")]
    NotSequence {
        /// What was being read.
        what: &'static str,
        /// The first byte found.
        tag: u8,
    },
    /// `notBefore` or `notAfter` is not a time as RFC 5280 writes it.
    #[error("{field} {error}")]
    Time {
        /// `notBefore` or `notAfter`.
        field: &'static str,
        /// What is wrong.
        error: time::TimeError,
    },
    /// Any other structure that does not decode; `der`'s error, whose position is relative to
    /// the object's first byte.
    #[error("malformed: {}", describe(.0))]
    Malformed(der::Error),
}

/// der's error kind in words, without its position (the caller's [`Position`] says where).
fn describe(error: &der::Error) -> String {
    match error.kind() {
        der::ErrorKind::Incomplete {
            expected_len,
            actual_len,
        } => format!(
            "an element runs past the end of its enclosing structure (needs {expected_len} bytes, \
             there are {actual_len})"
        ),
        kind => kind.to_string(),
    }
}

/// Errors from reading certificates and requests, with where they lie.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// No bytes at all.
    #[error("empty input")]
    Empty,
    /// The input is larger than the reader's bound ([`CertificateReader::set_max_input`]).
    #[error("input of {len} bytes is over the limit of {max} (raise it with set_max_input)")]
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
    /// PEM text without a block of the kind asked for; `found` lists the labels it has.
    #[error("no {expected} in the input: it holds {}", found_list(.found))]
    NotFound {
        /// What was looked for (`certificate`, `certificate request`).
        expected: &'static str,
        /// The labels of the PEM blocks the input does hold, in order.
        found: Vec<String>,
    },
    /// A PEM block whose text is wrong (bad base64, no END line).
    #[error("PEM block {block} (BEGIN at line {line}): {error}")]
    Pem {
        /// The block's number, from 1.
        block: usize,
        /// The line of its BEGIN line.
        line: usize,
        /// What is wrong, with its line and column.
        error: PemError,
    },
    /// DER that does not decode as the object asked for.
    #[error("{what} {at}: {problem}")]
    Der {
        /// What was being read (`certificate`, `certificate request`).
        what: &'static str,
        /// Where the problem lies.
        at: Position,
        /// What is wrong.
        problem: DerProblem,
    },
}

fn found_list(found: &[String]) -> String {
    let labels: Vec<String> = found.iter().map(|l| format!("{l:?}")).collect();
    format!("PEM blocks {}", labels.join(", "))
}

/// Whether a skipped PEM block has its END line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockEnd {
    /// The END line was found; reading went on after it.
    Found,
    /// No END line: the rest of the input went with the block.
    Missing,
}

/// Something the reader passed over or ignored, so that nothing is lost silently.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Notice {
    /// A PEM block of another kind (a private key, a CRL, a request beside a certificate).
    SkippedBlock {
        /// The block's number, from 1.
        block: usize,
        /// The line of its BEGIN line.
        line: usize,
        /// Its label.
        label: String,
        /// Whether the block has its END line; without one, the rest of the input was skipped
        /// with it.
        end: BlockEnd,
    },
    /// A `TRUSTED CERTIFICATE` block (OpenSSL's form): the certificate was read and the trust
    /// settings after it were ignored.
    TrustSettingsIgnored {
        /// The block's number, from 1.
        block: usize,
        /// The line of its BEGIN line.
        line: usize,
        /// The length of the ignored trust settings.
        len: usize,
    },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::SkippedBlock {
                block,
                line,
                label,
                end,
            } => {
                write!(f, "PEM block {block} (line {line}) is {label:?}: skipped")?;
                if *end == BlockEnd::Missing {
                    f.write_str(", and with it the rest of the input (it has no END line)")?;
                }
                Ok(())
            }
            Notice::TrustSettingsIgnored { block, line, len } => write!(
                f,
                "PEM block {block} (line {line}) is a TRUSTED CERTIFICATE: the certificate was \
                 read, its {len} bytes of OpenSSL trust settings ignored"
            ),
        }
    }
}

/// What a reader read, with the notices of what it passed over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Read<T> {
    /// The objects, in input order.
    pub objects: Vec<T>,
    /// What was skipped or ignored, in input order.
    pub notices: Vec<Notice>,
}

/// A kind of object the readers read: its name, PEM labels and DER walker.
pub(crate) struct Kind<T> {
    /// The name in messages (`certificate`).
    pub what: &'static str,
    /// The PEM labels read as this kind.
    pub labels: &'static [&'static str],
    /// The label whose DER may carry OpenSSL trust settings after the object.
    pub trusted_label: Option<&'static str>,
    /// Walks one object's DER (exactly the outer SEQUENCE), keeping it.
    pub parse: fn(Box<[u8]>) -> Result<T, DerProblem>,
}

impl<T> Kind<T> {
    /// Reads exactly one object from DER, with nothing after it.
    pub fn read_der(&self, der: &[u8]) -> Result<T, ReadError> {
        split_object(der, self, false)
            .and_then(|(len, _)| (self.parse)(der.get(..len).unwrap_or_default().into()))
            .map_err(|problem| ReadError::Der {
                what: self.what,
                at: Position::Der {
                    offset: problem_offset(&problem),
                },
                problem,
            })
    }
}

/// Certificates: `CERTIFICATE`, and the older `X509 CERTIFICATE` and OpenSSL's
/// `TRUSTED CERTIFICATE`.
const CERTIFICATES: Kind<Certificate> = Kind {
    what: "certificate",
    labels: &["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"],
    trusted_label: Some("TRUSTED CERTIFICATE"),
    parse: Certificate::parse,
};

/// Reads certificates (and requests, [`crate::csr`]) with a bound on the input size.
///
/// The bound is the caller's: [`CertificateReader::DEFAULT_MAX_INPUT`] unless set. A program that
/// reads files should compare a file's size with [`CertificateReader::max_input`] before
/// reading it whole, as the examples do.
///
/// ```
/// use sote_certs::certificate::CertificateReader;
///
/// let mut reader = CertificateReader::new();
/// reader.set_max_input(8 << 20); // a large CA bundle
/// let pem = std::fs::read("tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem")?;
/// let read = reader.read_all(&pem)?;
/// assert_eq!(read.objects.len(), 1);
/// assert!(read.notices.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CertificateReader {
    max_input: usize,
}

impl CertificateReader {
    /// Default bound: 1 MiB, far above any certificate chain DVV sends (a CA bundle of
    /// thousands of certificates needs a raised bound).
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

    /// Sets the bound: inputs over `max_input` bytes are refused before anything is read.
    pub fn set_max_input(&mut self, max_input: usize) -> &mut Self {
        self.max_input = max_input;
        self
    }

    /// The bound in force.
    pub const fn max_input(&self) -> usize {
        self.max_input
    }

    /// Reads every certificate in `input`: one DER certificate, or text holding PEM blocks
    /// (see [`CertificateReader::read_all`]); the notices are dropped.
    pub fn read(&self, input: &[u8]) -> Result<Vec<Certificate>, ReadError> {
        self.read_all(input).map(|read| read.objects)
    }

    /// Reads every certificate in `input`, with notices of what was passed over.
    ///
    /// DER is one certificate. PEM is read as people have it: base64 at any line width, CRLF,
    /// spaces and indentation, text (such as `openssl x509 -text` output) around or between
    /// blocks, RFC 1421 headers; the labels `CERTIFICATE`, `X509 CERTIFICATE` and
    /// `TRUSTED CERTIFICATE` (whose trust settings are ignored, with a notice). Blocks of other
    /// kinds are skipped with a notice; text with no certificate block is
    /// [`ReadError::NotFound`].
    pub fn read_all(&self, input: &[u8]) -> Result<Read<Certificate>, ReadError> {
        self.read_objects(input, &CERTIFICATES)
    }

    /// Reads DER, or every PEM block of `kind` in `input`.
    pub(crate) fn read_objects<T>(
        &self,
        input: &[u8],
        kind: &Kind<T>,
    ) -> Result<Read<T>, ReadError> {
        if input.is_empty() {
            return Err(ReadError::Empty);
        }
        if input.len() > self.max_input {
            return Err(ReadError::TooLarge {
                len: input.len(),
                max: self.max_input,
            });
        }
        // DER starts with a SEQUENCE (0x30), but so does text such as "0x2)" or "01:7d:…" from
        // `openssl x509 -text` before a PEM block: such input is DER only when it is exactly one
        // object or holds no BEGIN line.
        let one_object = || matches!(split_object(input, kind, true), Ok((_, 0)));
        if input.first() == Some(&0x30) && (one_object() || !pem::has_begin(input)) {
            return Ok(Read {
                objects: vec![kind.read_der(input)?],
                notices: Vec::new(),
            });
        }
        let mut scanner = pem::Scanner::new(input);
        let mut read = Read {
            objects: Vec::new(),
            notices: Vec::new(),
        };
        let mut found = Vec::new();
        let mut block = 0;
        while let Some(begin) = scanner.next_begin() {
            block += 1;
            if !kind.labels.contains(&begin.label) {
                found.push(begin.label.to_owned());
                let end = if scanner.skip(&begin) {
                    BlockEnd::Found
                } else {
                    BlockEnd::Missing
                };
                read.notices.push(Notice::SkippedBlock {
                    block,
                    line: begin.line,
                    label: begin.label.to_owned(),
                    end,
                });
                continue;
            }
            let (object, notice) = read_block(&mut scanner, &begin, block, kind)?;
            read.notices.extend(notice);
            read.objects.push(object);
        }
        if read.objects.is_empty() {
            return Err(if block == 0 {
                ReadError::Unrecognised {
                    first: input.first().copied().unwrap_or(0),
                }
            } else {
                ReadError::NotFound {
                    expected: kind.what,
                    found,
                }
            });
        }
        Ok(read)
    }
}

/// Decodes PEM block number `block`, which begins at `begin`, as one object of `kind`, with
/// the notice of trust settings ignored after a `TRUSTED CERTIFICATE`.
fn read_block<'a, T>(
    scanner: &mut pem::Scanner<'a>,
    begin: &pem::Begin<'a>,
    block: usize,
    kind: &Kind<T>,
) -> Result<(T, Option<Notice>), ReadError> {
    let decoded = scanner.decode(begin).map_err(|error| ReadError::Pem {
        block,
        line: begin.line,
        error,
    })?;
    let trusted = kind.trusted_label == Some(begin.label);
    let mut der = decoded.der;
    let parsed = split_object(&der, kind, trusted).and_then(|(len, trailer)| {
        der.truncate(len);
        (kind.parse)(der.into_boxed_slice()).map(|object| (object, trailer))
    });
    let (object, trailer) = parsed.map_err(|problem| ReadError::Der {
        what: kind.what,
        at: Position::Pem {
            block,
            line: scanner.line_of(begin, problem_offset(&problem)),
        },
        problem,
    })?;
    let notice = (trusted && trailer > 0).then_some(Notice::TrustSettingsIgnored {
        block,
        line: begin.line,
        len: trailer,
    });
    Ok((object, notice))
}

/// The length of the object's outer SEQUENCE, checked against the input's length, and how many
/// bytes follow it (allowed only for a `TRUSTED CERTIFICATE`).
fn split_object<T>(
    der: &[u8],
    kind: &Kind<T>,
    trailer_allowed: bool,
) -> Result<(usize, usize), DerProblem> {
    let malformed = DerProblem::Malformed;
    let mut reader = SliceReader::new(der).map_err(malformed)?;
    let header = der::Header::decode(&mut reader).map_err(malformed)?;
    if header.tag() != Tag::Sequence {
        return Err(DerProblem::NotSequence {
            what: kind.what,
            tag: der.first().copied().unwrap_or(0),
        });
    }
    let header_len = usize::try_from(reader.position()).map_err(malformed)?;
    let declared = usize::try_from(header.length())
        .map_err(malformed)?
        .saturating_add(header_len);
    let (object, rest) = der
        .split_at_checked(declared)
        .ok_or(DerProblem::Truncated {
            what: kind.what,
            declared,
            available: der.len(),
        })?;
    if !rest.is_empty() && !trailer_allowed {
        return Err(DerProblem::TrailingData {
            what: kind.what,
            len: declared,
            extra: rest.len(),
        });
    }
    Ok((object.len(), rest.len()))
}

/// The byte of the object where `problem` lies.
fn problem_offset(problem: &DerProblem) -> usize {
    match problem {
        DerProblem::Malformed(error) => error
            .position()
            .and_then(|p| usize::try_from(p).ok())
            .unwrap_or(0),
        DerProblem::TrailingData { len, .. } => *len,
        DerProblem::Truncated { available, .. } => *available,
        DerProblem::Time { .. } | DerProblem::NotSequence { .. } => 0,
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

impl Certificate {
    /// Walks `Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }`, the
    /// TBS nested in the same reader so that der's error positions count from the certificate's
    /// first byte.
    fn parse(der: Box<[u8]>) -> Result<Self, DerProblem> {
        let span = |part: &[u8]| span_of(&der, part);
        let mut reader = SliceReader::new(&der).map_err(DerProblem::Malformed)?;
        let ((parts, times), signature_algorithm) = reader
            .sequence(|cert| {
                let parts = cert.sequence(|tbs| {
                    let walked = Self::walk_tbs(tbs, &span);
                    walked.map_err(|error| placed(error, tbs.position()))
                })?;
                let signature_algorithm = decode_at::<AlgorithmIdentifierRef>(cert)?.oid;
                decode_at::<BitStringRef>(cert)?;
                Ok::<_, der::Error>((parts, signature_algorithm))
            })
            .and_then(|parsed| reader.finish().map(|()| parsed))
            .map_err(DerProblem::Malformed)?;
        let time = |field: &'static str, (tag, value): RawTime| {
            time::decode(tag, der.get(value).unwrap_or_default())
                .map_err(|error| DerProblem::Time { field, error })
        };
        let [not_before, not_after] = times;
        let not_before = time("notBefore", not_before)?;
        let not_after = time("notAfter", not_after)?;
        Ok(Certificate {
            der,
            tbs: parts,
            not_before,
            not_after,
            signature_algorithm,
        })
    }

    /// Walks `TBSCertificate`; the validity's times are returned raw, to be decoded by the
    /// RFC 5280 rules of [`time`].
    fn walk_tbs<'a>(
        tbs: &mut SliceReader<'a>,
        span: &impl Fn(&[u8]) -> Range<usize>,
    ) -> der::Result<(TbsParts, [RawTime; 2])> {
        let mut version = Version::V1;
        if Tag::peek(tbs)? == context(0) {
            let explicit = AnyRef::decode(tbs)?;
            let integer = rebased(AnyRef::from_der(explicit.value()), span(explicit.value()))?;
            integer.tag().assert_eq(Tag::Integer)?;
            version = Version::from_integer(integer.value());
        }
        // Lenient: any INTEGER content, even non-minimal or over 20 octets.
        let serial = expect(tbs, Tag::Integer)?;
        decode_at::<AlgorithmIdentifierRef>(tbs)?;
        let mut attributes = Vec::with_capacity(16);
        let issuer = tbs.tlv_bytes()?;
        name::walk(issuer, span, &mut attributes).map_err(malformed_name)?;
        let issuer_attributes = attributes.len();
        let time = |v: &mut SliceReader<'a>| {
            let tlv = v.tlv_bytes()?;
            let tag = tlv.first().copied().unwrap_or_default();
            let time = rebased(AnyRef::from_der(tlv), span(tlv))?;
            Ok::<_, der::Error>((tag, span(time.value())))
        };
        let (not_before, not_after) =
            tbs.sequence(|v| Ok::<_, der::Error>((time(v)?, time(v)?)))?;
        let subject = tbs.tlv_bytes()?;
        name::walk(subject, span, &mut attributes).map_err(malformed_name)?;
        let spki = tbs.tlv_bytes()?;
        rebased(SubjectPublicKeyInfoRef::from_der(spki), span(spki))?;
        for number in [1, 2] {
            if !tbs.is_finished() && Tag::peek(tbs)? == implicit(number) {
                tbs.tlv_bytes()?; // issuerUniqueID, subjectUniqueID
            }
        }
        let mut extensions = Vec::new();
        if !tbs.is_finished() {
            let explicit = expect(tbs, context(3))?;
            extensions = parse_extensions(explicit.value(), span)?;
        }
        let parts = TbsParts {
            version,
            serial: span(serial.value()),
            issuer: span(issuer),
            subject: span(subject),
            attributes,
            issuer_attributes,
            spki: span(spki),
            extensions,
        };
        Ok((parts, [not_before, not_after]))
    }

    /// Reads exactly one DER certificate.
    pub fn from_der(der: &[u8]) -> Result<Self, ReadError> {
        CERTIFICATES.read_der(der)
    }

    /// The certificate's DER.
    pub fn as_der(&self) -> &[u8] {
        &self.der
    }

    /// The certificate as PEM: a `CERTIFICATE` block, base64 in 64-column lines, LF line ends
    /// (RFC 7468 §5); the readers read it back to the same certificate.
    pub fn to_pem(&self) -> String {
        to_pem("CERTIFICATE", &self.der)
    }

    fn part(&self, span: &Range<usize>) -> &[u8] {
        self.der.get(span.clone()).unwrap_or(&[])
    }

    /// x509-cert's owned structure, decoded on demand (without RFC 5280 serial checks).
    ///
    /// Feature `x509`: the permissive `Raw` profile needs x509-cert's `hazmat` feature, which
    /// the crate switches on only for this.
    #[cfg(feature = "x509")]
    pub fn to_x509(&self) -> der::Result<CertificateInner<Raw>> {
        CertificateInner::<Raw>::from_der(&self.der)
    }

    /// The `version` field: v1 when absent (DEFAULT v1), and any other value as it stands.
    pub fn version(&self) -> Version {
        self.tbs.version
    }

    /// The serial number, whatever its sign and length (a non-minimal encoding is read as the
    /// value it denotes).
    pub fn serial(&self) -> SerialNumber {
        SerialNumber::from_twos_complement(self.part(&self.tbs.serial))
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
            .tbs
            .attributes
            .split_at(self.tbs.issuer_attributes.min(self.tbs.attributes.len()));
        NameRef::new(self.part(&self.tbs.issuer), &self.der, issuer)
    }

    /// The subject name.
    pub fn subject(&self) -> NameRef<'_> {
        let (_, subject) = self
            .tbs
            .attributes
            .split_at(self.tbs.issuer_attributes.min(self.tbs.attributes.len()));
        NameRef::new(self.part(&self.tbs.subject), &self.der, subject)
    }

    /// The subject public key info, as DER.
    pub fn subject_public_key_info_der(&self) -> &[u8] {
        self.part(&self.tbs.spki)
    }

    /// The subject public key info.
    pub fn subject_public_key_info(&self) -> Option<SubjectPublicKeyInfoRef<'_>> {
        SubjectPublicKeyInfoRef::from_der(self.part(&self.tbs.spki)).ok()
    }

    /// The extensions, in certificate order.
    pub fn extensions(&self) -> impl Iterator<Item = ExtensionRef<'_>> + Clone {
        extension_refs(&self.der, &self.tbs.extensions)
    }

    /// The signature algorithm OID.
    pub fn signature_algorithm(&self) -> ObjectIdentifier {
        self.signature_algorithm
    }
}

/// `der` as one RFC 7468 block labelled `label` (printing is not on a hot path, so der's own
/// encoder serves).
pub(crate) fn to_pem(label: &'static str, der: &[u8]) -> String {
    // der refuses only an encoded length over usize, which a slice in memory cannot reach.
    der::pem::encode_string(label, der::pem::LineEnding::LF, der).unwrap_or_default()
}
