//! Certificate revocation lists (RFC 5280 §5), read once and looked up in constant time.
//!
//! A [`Crl`] keeps its DER, its issuer, its dates, its number, the authority key identifier,
//! and every entry with its serial number (any length: DVV's are 15–18 octets), revocation date
//! and [`CrlReason`]; an index from serial number to entry answers each lookup with one hash.
//! Reading judges nothing: whether a CRL is signed by the CA, fresh, and complete enough to
//! answer is [`crate::trust`]'s to say. What this crate cannot answer from a CRL (a delta CRL,
//! an indirect CRL, a partitioned scope, a critical extension it does not know) is kept in
//! [`Crl::unsupported`], so that a status is never made up from it.
//!
//! ```
//! # #[cfg(feature = "test-fixtures")]
//! # {
//! use chrono::{TimeZone, Utc};
//! use sote_certs::mint::{CrlTemplate, DvvCa};
//! use sote_certs::revocation::{Crl, CrlReason};
//! use sote_certs::SerialNumber;
//!
//! let ca = DvvCa::g3e().test_ca(7)?;
//! let at = Utc.with_ymd_and_hms(2024, 3, 1, 10, 0, 0).unwrap();
//! let serial = SerialNumber::from_hex("0100000168f0a805c366b43b5de968c691fb")?;
//! let der = ca.issue_crl(&CrlTemplate::new(at).revoke(serial.clone(), at, CrlReason::KeyCompromise))?;
//! let crl = Crl::from_der(&der)?;
//! assert_eq!(crl.lookup(&serial).map(|entry| entry.reason), Some(Some(CrlReason::KeyCompromise)));
//! assert!(crl.unsupported().is_empty());
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::ops::Range;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280;
use der::asn1::{AnyRef, BitStringRef};
use der::{Decode, Reader, SliceReader, Tag, Tagged};
use spki::AlgorithmIdentifierRef;
use x509_cert::ext::pkix::AuthorityKeyIdentifier;
use x509_cert::ext::pkix::crl::dp::IssuingDistributionPoint;

use super::CrlReason;
use crate::asn1::{
    ExtensionSpan, context, decode_at, expect, extension_refs, malformed_name, parse_extensions,
    placed, rebased, span_of, split_tlv,
};
use crate::certificate::{
    CertificateReader, CriticalMark, DerProblem, Kind, Name, NameRef, Read, ReadError, time,
};
use crate::serial::SerialNumber;

/// One revoked certificate of a CRL.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CrlEntry {
    /// The certificate's serial number.
    pub serial: SerialNumber,
    /// When it was revoked (`revocationDate`).
    pub revoked_at: DateTime<Utc>,
    /// The reason code (`reasonCode` entry extension); `None` when absent (RFC 5280 §5.3.1:
    /// absent means unspecified).
    pub reason: Option<CrlReason>,
}

/// What a CRL holds that this crate does not process, so that it cannot answer from it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Unsupported {
    /// A delta CRL (deltaCRLIndicator, RFC 5280 §5.2.4).
    Delta,
    /// An indirect CRL: the issuing distribution point says so, or an entry names another
    /// certificate issuer (RFC 5280 §5.2.5, §5.3.3).
    Indirect,
    /// A CRL for only some reasons, or only CA or attribute certificates (the issuing
    /// distribution point's onlySomeReasons, onlyContainsCACerts, onlyContainsAttributeCerts).
    PartialScope,
    /// A critical extension, of the CRL or of an entry, that this crate does not process.
    CriticalExtension(ObjectIdentifier),
}

impl core::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Unsupported::Delta => f.write_str("a delta CRL (deltaCRLIndicator)"),
            Unsupported::Indirect => f.write_str("an indirect CRL"),
            Unsupported::PartialScope => f.write_str(
                "a CRL of partial scope (some reasons, or CA or attribute certificates only)",
            ),
            Unsupported::CriticalExtension(oid) => {
                write!(f, "an unprocessed critical extension {oid}")
            }
        }
    }
}

/// A breach of RFC 5280's CRL profile that reading tolerates and [`crate::trust`] does not: a
/// CRL with one is not used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Nonconformity {
    /// No CRL number (RFC 5280 §5.2.3: conforming CAs MUST include it).
    NumberMissing,
    /// A critical CRL number (RFC 5280 §5.2.3: MUST be non-critical).
    NumberCritical,
    /// No nextUpdate (RFC 5280 §5.1.2.5: conforming CAs MUST include it).
    NextUpdateMissing,
    /// A version other than v2 while the CRL has extensions (RFC 5280 §5.1.2.1).
    VersionNotV2,
}

impl core::fmt::Display for Nonconformity {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Nonconformity::NumberMissing => "has no CRL number (RFC 5280 §5.2.3)",
            Nonconformity::NumberCritical => "has a critical CRL number (RFC 5280 §5.2.3)",
            Nonconformity::NextUpdateMissing => "has no nextUpdate (RFC 5280 §5.1.2.5)",
            Nonconformity::VersionNotV2 => "has extensions but is not v2 (RFC 5280 §5.1.2.1)",
        })
    }
}

/// A certificate revocation list, read (RFC 5280 §5.1), not judged.
#[derive(Clone, Debug)]
pub struct Crl {
    der: Box<[u8]>,
    tbs: Range<usize>,
    /// The outer signatureAlgorithm's content (inside its SEQUENCE).
    signature_algorithm: Range<usize>,
    /// The signature's bits (the BIT STRING without its unused-bits octet).
    signature: Range<usize>,
    issuer: Name,
    this_update: DateTime<Utc>,
    next_update: Option<DateTime<Utc>>,
    number: Option<SerialNumber>,
    authority_key_id: Option<Vec<u8>>,
    extensions: Vec<ExtensionSpan>,
    unsupported: Vec<Unsupported>,
    nonconformities: Vec<Nonconformity>,
    entries: Vec<CrlEntry>,
    index: HashMap<SerialNumber, usize>,
}

impl PartialEq for Crl {
    /// The same DER.
    fn eq(&self, other: &Self) -> bool {
        self.der == other.der
    }
}

impl Eq for Crl {}

/// CRLs: `X509 CRL`, the label OpenSSL writes and RFC 7468 §5 names.
const CRLS: Kind<Crl> = Kind {
    what: "CRL",
    labels: &["X509 CRL"],
    trusted_label: None,
    parse: Crl::parse,
};

/// Reads every CRL in `input` (DER, or PEM blocks labelled `X509 CRL`; other blocks are skipped),
/// with [`CertificateReader`]'s default bound on the input size.
pub fn read_crls(input: &[u8]) -> Result<Vec<Crl>, ReadError> {
    CertificateReader::new()
        .read_crls(input)
        .map(|read| read.objects)
}

impl CertificateReader {
    /// Reads every CRL in `input`, with notices of what was passed over; see [`read_crls`]. A
    /// 100 000-entry CRL is about 4 MB: raise the bound ([`CertificateReader::set_max_input`])
    /// for large ones.
    pub fn read_crls(&self, input: &[u8]) -> Result<Read<Crl>, ReadError> {
        self.read_objects(input, &CRLS)
    }
}

/// reasonCode's OID content (2.5.29.21), compared as bytes in the entry loop.
const REASON_CODE: &[u8] = &[0x55, 0x1d, 0x15];
/// invalidityDate (2.5.29.24): informational, read past.
const INVALIDITY_DATE: &[u8] = &[0x55, 0x1d, 0x18];
/// certificateIssuer (2.5.29.29): an indirect CRL's entry.
const CERTIFICATE_ISSUER: &[u8] = &[0x55, 0x1d, 0x1d];

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const OID: u8 = 0x06;
const BOOLEAN: u8 = 0x01;
const OCTET_STRING: u8 = 0x04;
const ENUMERATED: u8 = 0x0a;

impl Crl {
    /// Reads exactly one DER CRL.
    pub fn from_der(der: &[u8]) -> Result<Self, ReadError> {
        CRLS.read_der(der)
    }

    /// Walks `CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue }`,
    /// the TBS nested in the same reader so that positions count from the CRL's first byte.
    fn parse(der: Box<[u8]>) -> Result<Self, DerProblem> {
        let span = |part: &[u8]| span_of(&der, part);
        let mut reader = SliceReader::new(&der).map_err(DerProblem::Malformed)?;
        let (tbs, parts, signature_algorithm, signature) = reader
            .sequence(|list| {
                let start = list.position();
                let parts = list.sequence(|tbs| {
                    Self::walk_tbs(tbs, &span).map_err(|error| placed(error, tbs.position()))
                })?;
                let tbs = usize::try_from(start)?..usize::try_from(list.position())?;
                let algorithm = list.tlv_bytes()?;
                rebased(AlgorithmIdentifierRef::from_der(algorithm), span(algorithm))?;
                let algorithm = split_tlv(algorithm).map_or(&[][..], |(_, content, _)| content);
                let signature = decode_at::<BitStringRef>(list)?;
                Ok::<_, der::Error>((tbs, parts, span(algorithm), span(signature.raw_bytes())))
            })
            .and_then(|parsed| reader.finish().map(|()| parsed))
            .map_err(DerProblem::Malformed)?;
        let time = |field: &'static str, (tag, value): (u8, Range<usize>)| {
            time::decode(tag, der.get(value).unwrap_or_default())
                .map_err(|error| DerProblem::Time { field, error })
        };
        let this_update = time("thisUpdate", parts.this_update)?;
        let next_update = parts
            .next_update
            .map(|t| time("nextUpdate", t))
            .transpose()?;
        let issuer_span = parts.issuer;
        let issuer = Name::from_der(der.get(issuer_span.clone()).unwrap_or_default())
            .map_err(|offset| DerProblem::Malformed(malformed_name(issuer_span.start + offset)))?;
        let (entries, mut unsupported) = read_entries(&der, parts.entries)?;
        let mut crl = Crl {
            tbs,
            signature_algorithm,
            signature,
            issuer,
            this_update,
            next_update,
            number: None,
            authority_key_id: None,
            extensions: parts.extensions,
            unsupported: Vec::new(),
            nonconformities: Vec::new(),
            index: HashMap::with_capacity(entries.len()),
            entries,
            der,
        };
        crl.read_extensions(&mut unsupported)
            .map_err(DerProblem::Malformed)?;
        crl.unsupported = unsupported;
        if crl.next_update.is_none() {
            crl.nonconformities.push(Nonconformity::NextUpdateMissing);
        }
        if parts.version != Some(1) && !crl.extensions.is_empty() {
            crl.nonconformities.push(Nonconformity::VersionNotV2);
        }
        for (i, entry) in crl.entries.iter().enumerate() {
            // A serial listed twice keeps its first entry.
            crl.index.entry(entry.serial.clone()).or_insert(i);
        }
        Ok(crl)
    }

    /// Walks `TBSCertList` up to the entries, which [`read_entries`] reads from their span.
    fn walk_tbs(
        tbs: &mut SliceReader<'_>,
        span: &impl Fn(&[u8]) -> Range<usize>,
    ) -> der::Result<Parts> {
        let mut version = None;
        if Tag::peek(tbs)? == Tag::Integer {
            // version v2 (1); v1 CRLs omit it. Any value is read (and judged later).
            version = crate::asn1::small_integer(expect(tbs, Tag::Integer)?.value());
        }
        decode_at::<AlgorithmIdentifierRef>(tbs)?;
        let issuer = span(tbs.tlv_bytes()?);
        let time = |tbs: &mut SliceReader<'_>| {
            let tlv = tbs.tlv_bytes()?;
            let (tag, value) = match split_tlv(tlv) {
                Some((tag, value, [])) => (tag, value),
                _ => return Err(Tag::UtcTime.value_error().at(der_len(span(tlv).start)?)),
            };
            Ok::<_, der::Error>((tag, span(value)))
        };
        let this_update = time(tbs)?;
        let is_time = |tag: Tag| tag == Tag::UtcTime || tag == Tag::GeneralizedTime;
        let next_update = match tbs.is_finished() {
            false if is_time(Tag::peek(tbs)?) => Some(time(tbs)?),
            _ => None,
        };
        let entries = match tbs.is_finished() {
            false if Tag::peek(tbs)? == Tag::Sequence => span(expect(tbs, Tag::Sequence)?.value()),
            _ => 0..0,
        };
        let extensions = match tbs.is_finished() {
            false => parse_extensions(expect(tbs, context(0))?.value(), span)?,
            true => Vec::new(),
        };
        Ok(Parts {
            version,
            issuer,
            this_update,
            next_update,
            entries,
            extensions,
        })
    }

    /// Reads the CRL extensions this crate processes: CRL number, authority key identifier,
    /// delta CRL indicator, issuing distribution point; notes every other critical one.
    fn read_extensions(&mut self, unsupported: &mut Vec<Unsupported>) -> der::Result<()> {
        let mut number = None;
        let mut key_id = None;
        for ext in extension_refs(&self.der, &self.extensions) {
            match ext.oid {
                rfc5280::ID_CE_CRL_NUMBER => {
                    if ext.critical == CriticalMark::Critical {
                        self.nonconformities.push(Nonconformity::NumberCritical);
                    }
                    let integer = AnyRef::from_der(ext.value)?;
                    integer.tag().assert_eq(Tag::Integer)?;
                    number = Some(SerialNumber::from_twos_complement(integer.value()));
                }
                rfc5280::ID_CE_AUTHORITY_KEY_IDENTIFIER => {
                    key_id = AuthorityKeyIdentifier::from_der(ext.value)?
                        .key_identifier
                        .map(|id| id.as_bytes().to_vec());
                }
                rfc5280::ID_CE_DELTA_CRL_INDICATOR => unsupported.push(Unsupported::Delta),
                rfc5280::ID_CE_ISSUING_DISTRIBUTION_POINT => {
                    let idp = IssuingDistributionPoint::from_der(ext.value)?;
                    if idp.indirect_crl {
                        unsupported.push(Unsupported::Indirect);
                    }
                    if idp.only_some_reasons.is_some()
                        || idp.only_contains_ca_certs
                        || idp.only_contains_attribute_certs
                    {
                        unsupported.push(Unsupported::PartialScope);
                    }
                }
                oid if ext.critical == CriticalMark::Critical => {
                    unsupported.push(Unsupported::CriticalExtension(oid));
                }
                _ => {}
            }
        }
        if number.is_none() {
            self.nonconformities.push(Nonconformity::NumberMissing);
        }
        self.number = number;
        self.authority_key_id = key_id;
        unsupported.dedup();
        Ok(())
    }

    /// The whole DER.
    pub fn as_der(&self) -> &[u8] {
        &self.der
    }

    /// The signed part (`tbsCertList`, its whole TLV).
    pub fn tbs_der(&self) -> &[u8] {
        self.der.get(self.tbs.clone()).unwrap_or_default()
    }

    /// The outer signatureAlgorithm's content: the algorithm OID and parameters, without the
    /// SEQUENCE header (the form rustls-pki-types compares).
    pub fn signature_algorithm_der(&self) -> &[u8] {
        self.der
            .get(self.signature_algorithm.clone())
            .unwrap_or_default()
    }

    /// The signature's octets.
    pub fn signature(&self) -> &[u8] {
        self.der.get(self.signature.clone()).unwrap_or_default()
    }

    /// The issuer.
    pub fn issuer(&self) -> NameRef<'_> {
        self.issuer.as_name_ref()
    }

    /// `thisUpdate`.
    pub fn this_update(&self) -> DateTime<Utc> {
        self.this_update
    }

    /// `nextUpdate`, when given.
    pub fn next_update(&self) -> Option<DateTime<Utc>> {
        self.next_update
    }

    /// Whether `at` lies in `thisUpdate ..= nextUpdate`; a CRL without nextUpdate is fresh from
    /// thisUpdate on (RFC 5280 §5.1.2.5: CAs must give it; without it nothing says the CRL is
    /// stale, and [`crate::trust`] notes its absence).
    pub fn is_fresh_at(&self, at: DateTime<Utc>) -> bool {
        self.this_update <= at && self.next_update.is_none_or(|next| at <= next)
    }

    /// The CRL number (RFC 5280 §5.2.3), when given.
    pub fn number(&self) -> Option<&SerialNumber> {
        self.number.as_ref()
    }

    /// The authority key identifier's keyIdentifier (RFC 5280 §5.2.1), when given.
    pub fn authority_key_identifier(&self) -> Option<&[u8]> {
        self.authority_key_id.as_deref()
    }

    /// What the CRL holds that this crate does not process (empty for DVV's CRLs).
    pub fn unsupported(&self) -> &[Unsupported] {
        &self.unsupported
    }

    /// Where the CRL breaks RFC 5280's CRL profile (empty for a conforming CRL).
    pub fn nonconformities(&self) -> &[Nonconformity] {
        &self.nonconformities
    }

    /// Every entry, in the CRL's order.
    pub fn entries(&self) -> &[CrlEntry] {
        &self.entries
    }

    /// The entry of `serial`, if the CRL lists it: one hash lookup.
    pub fn lookup(&self, serial: &SerialNumber) -> Option<&CrlEntry> {
        self.index
            .get(serial)
            .and_then(|&index| self.entries.get(index))
    }
}

/// What [`Crl::walk_tbs`] finds, as spans into the DER.
struct Parts {
    version: Option<i64>,
    issuer: Range<usize>,
    this_update: (u8, Range<usize>),
    next_update: Option<(u8, Range<usize>)>,
    entries: Range<usize>,
    extensions: Vec<ExtensionSpan>,
}

fn der_len(offset: usize) -> der::Result<der::Length> {
    der::Length::try_from(offset)
}

/// Reads `revokedCertificates` (the SEQUENCE's content at `span`) with the minimal TLV
/// splitter: a large CRL is mostly entries, and each is three or four TLVs.
fn read_entries(
    der: &[u8],
    span: Range<usize>,
) -> Result<(Vec<CrlEntry>, Vec<Unsupported>), DerProblem> {
    let whole = der.get(span).unwrap_or_default();
    let at = |part: &[u8]| span_of(der, part).start;
    let bad = |tag: Tag, part: &[u8]| {
        DerProblem::Malformed(match der_len(at(part)) {
            Ok(position) => tag.value_error().at(position),
            Err(e) => e,
        })
    };
    let mut entries = Vec::new();
    let mut unsupported = Vec::new();
    let mut rest = whole;
    while !rest.is_empty() {
        let Some((SEQUENCE, entry, next)) = split_tlv(rest) else {
            return Err(bad(Tag::Sequence, rest));
        };
        let (serial, revoked_at, extensions) = match split_tlv(entry) {
            Some((INTEGER, serial, after)) if !serial.is_empty() => match split_tlv(after) {
                Some((tag, time, extensions)) => (serial, (tag, time), extensions),
                None => return Err(bad(Tag::UtcTime, after)),
            },
            _ => return Err(bad(Tag::Integer, entry)),
        };
        let revoked_at =
            time::decode(revoked_at.0, revoked_at.1).map_err(|error| DerProblem::Time {
                field: "revocationDate",
                error,
            })?;
        let reason = match extensions {
            [] => None,
            _ => entry_extensions(extensions, &mut unsupported)
                .map_err(|part| bad(Tag::Sequence, part))?,
        };
        entries.push(CrlEntry {
            serial: SerialNumber::from_twos_complement(serial),
            revoked_at,
            reason,
        });
        rest = next;
    }
    unsupported.dedup();
    Ok((entries, unsupported))
}

/// Reads an entry's `crlEntryExtensions` (its whole TLV): the reason code; an indirect CRL's
/// certificate issuer and unknown critical extensions are noted. On a malformed part, the part.
fn entry_extensions<'a>(
    tlv: &'a [u8],
    unsupported: &mut Vec<Unsupported>,
) -> Result<Option<CrlReason>, &'a [u8]> {
    let Some((SEQUENCE, mut list, [])) = split_tlv(tlv) else {
        return Err(tlv);
    };
    let mut reason = None;
    while !list.is_empty() {
        let Some((SEQUENCE, extension, next)) = split_tlv(list) else {
            return Err(list);
        };
        let Some((OID, oid, after)) = split_tlv(extension) else {
            return Err(extension);
        };
        let (critical, after) = match split_tlv(after) {
            Some((BOOLEAN, [value], after)) => (*value != 0, after),
            _ => (false, after),
        };
        let Some((OCTET_STRING, value, [])) = split_tlv(after) else {
            return Err(after);
        };
        match oid {
            REASON_CODE => match split_tlv(value) {
                Some((ENUMERATED, [code], [])) => {
                    reason = Some(CrlReason::from_code(*code).map_err(|_| value)?);
                }
                _ => return Err(value),
            },
            CERTIFICATE_ISSUER => unsupported.push(Unsupported::Indirect),
            INVALIDITY_DATE => {}
            _ if critical => unsupported.push(Unsupported::CriticalExtension(
                ObjectIdentifier::from_bytes(oid).map_err(|_| extension)?,
            )),
            _ => {}
        }
        list = next;
    }
    Ok(reason)
}
