//! Reading certificates as DVV delivers them (DER or PEM), leniently: unknown extensions,
//! unknown EKU OIDs and non-conforming serials (negative, zero, over 20 octets) are read, and
//! judged later by [`crate::inspect`].

use chrono::{DateTime, Utc};
use const_oid::ObjectIdentifier;
use der::{Decode, asn1::AnyRef};
use x509_cert::certificate::{CertificateInner, Raw};
use x509_cert::ext::Extension;
use x509_cert::name::Name;

use crate::serial::SerialNumber;

/// A parsed X.509 certificate, decoded without x509-cert's RFC 5280 serial checks so that
/// non-conforming real certificates can be read and judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    inner: CertificateInner<Raw>,
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
    #[error(
        "not a certificate: expected DER (first byte 0x30) or PEM, found first byte 0x{first:02x}"
    )]
    Unrecognised {
        /// The first byte of the input.
        first: u8,
    },
    /// A PEM block with another label than `CERTIFICATE`.
    #[error("PEM block {index} is labelled {label:?}, expected \"CERTIFICATE\"")]
    WrongLabel {
        /// The block's position.
        index: usize,
        /// The label found.
        label: String,
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
    /// DER that does not decode as a certificate (truncated, trailing data, malformed).
    #[error("certificate {index}: {reason}")]
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
            return Certificate::decode(input, 0).map(|c| vec![c]);
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
                if label != "CERTIFICATE" {
                    return Err(ReadError::WrongLabel {
                        index,
                        label: label.to_owned(),
                    });
                }
                Certificate::decode(&der, index)
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
        CertificateInner::<Raw>::from_der(der)
            .map(|inner| Self { inner })
            .map_err(|e| ReadError::Der {
                index,
                reason: e.to_string(),
            })
    }

    /// Reads exactly one DER certificate.
    pub fn from_der(der: &[u8]) -> Result<Self, ReadError> {
        Self::decode(der, 0)
    }

    /// The x509-cert structure, for anything this crate does not expose.
    pub fn x509(&self) -> &CertificateInner<Raw> {
        &self.inner
    }

    /// The serial number, whatever its sign and length.
    pub fn serial(&self) -> SerialNumber {
        SerialNumber::from(self.inner.tbs_certificate().serial_number())
    }

    /// `notBefore`.
    pub fn not_before(&self) -> DateTime<Utc> {
        to_utc(self.inner.tbs_certificate().validity().not_before)
    }

    /// `notAfter` (inclusive).
    pub fn not_after(&self) -> DateTime<Utc> {
        to_utc(self.inner.tbs_certificate().validity().not_after)
    }

    /// The issuer name.
    pub fn issuer(&self) -> &Name {
        self.inner.tbs_certificate().issuer()
    }

    /// The subject name.
    pub fn subject(&self) -> &Name {
        self.inner.tbs_certificate().subject()
    }

    /// The extensions, in certificate order (empty when there are none).
    pub fn extensions(&self) -> &[Extension] {
        self.inner
            .tbs_certificate()
            .extensions()
            .map_or(&[], Vec::as_slice)
    }

    /// The signature algorithm OID.
    pub fn signature_algorithm(&self) -> ObjectIdentifier {
        self.inner.signature_algorithm().oid
    }
}

/// The first value of attribute `oid` in `name`, as text (PrintableString, UTF8String,
/// IA5String, TeletexString or BMPString), or `None` if absent.
pub fn attribute(name: &Name, oid: ObjectIdentifier) -> Option<String> {
    attributes(name, oid).next()
}

/// Every value of attribute `oid` in `name`, as text, in DER order.
pub fn attributes(name: &Name, oid: ObjectIdentifier) -> impl Iterator<Item = String> + '_ {
    name.iter()
        .filter(move |atv| atv.oid == oid)
        .map(|atv| text_value((&atv.value).into()))
}

fn text_value(any: AnyRef<'_>) -> String {
    use der::asn1::{BmpString, Ia5StringRef, PrintableStringRef, TeletexStringRef, Utf8StringRef};
    use der::{Tag, Tagged};
    match any.tag() {
        Tag::Utf8String => any.decode_as::<Utf8StringRef<'_>>().map(|s| s.to_string()),
        Tag::PrintableString => any
            .decode_as::<PrintableStringRef<'_>>()
            .map(|s| s.to_string()),
        Tag::Ia5String => any.decode_as::<Ia5StringRef<'_>>().map(|s| s.to_string()),
        Tag::TeletexString => any
            .decode_as::<TeletexStringRef<'_>>()
            .map(|s| s.to_string()),
        Tag::BmpString => any.decode_as::<BmpString>().map(|s| s.to_string()),
        _ => Err(der::Tag::Utf8String.value_error().into()),
    }
    .unwrap_or_else(|_| String::from_utf8_lossy(any.value()).into_owned())
}

fn to_utc(time: x509_cert::time::Time) -> DateTime<Utc> {
    let since_epoch = time.to_unix_duration();
    i64::try_from(since_epoch.as_secs())
        .ok()
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}
