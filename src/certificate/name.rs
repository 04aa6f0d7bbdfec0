//! Distinguished names read in place from a certificate's DER.
//!
//! Names are walked once when a certificate is read, with a minimal TLV splitter rather than
//! the `der` crate's generic reader: the names of a certificate hold most of its TLVs, and the
//! walk took a fifth of a whole inspection (`benches/inspect.rs`).

use std::borrow::Cow;
use std::ops::Range;

use const_oid::ObjectIdentifier;

use crate::asn1::split_tlv;

const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const OID: u8 = 0x06;
const BMP_STRING: u8 = 0x1e;

/// One AttributeTypeAndValue of a name: where its type OID and its value lie in the DER.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AttributeSpan {
    oid: Range<usize>,
    tag: u8,
    value: Range<usize>,
}

/// Walks a Name (SEQUENCE OF SET OF SEQUENCE { type OID, value }) once, checking its
/// structure and appending its attributes, in DER order, to `out`. `span` places a part of
/// `name` in the whole DER. On a malformed name, returns the offset of the bad part.
pub(crate) fn walk(
    name: &[u8],
    span: impl Fn(&[u8]) -> Range<usize>,
    out: &mut Vec<AttributeSpan>,
) -> Result<(), usize> {
    fn expect<'n>(
        input: &'n [u8],
        tag: u8,
        span: &impl Fn(&[u8]) -> Range<usize>,
    ) -> Result<(&'n [u8], &'n [u8]), usize> {
        match split_tlv(input) {
            Some((found, content, rest)) if found == tag => Ok((content, rest)),
            _ => Err(span(input).start),
        }
    }
    let (mut rdns, rest) = expect(name, SEQUENCE, &span)?;
    if !rest.is_empty() {
        return Err(span(rest).start);
    }
    while !rdns.is_empty() {
        let (mut set, next) = expect(rdns, SET, &span)?;
        rdns = next;
        while !set.is_empty() {
            let (atv, next) = expect(set, SEQUENCE, &span)?;
            set = next;
            let (oid, value) = expect(atv, OID, &span)?;
            match split_tlv(value) {
                Some((tag, content, [])) if !oid.is_empty() => out.push(AttributeSpan {
                    oid: span(oid),
                    tag,
                    value: span(content),
                }),
                _ => return Err(span(value).start),
            }
        }
    }
    Ok(())
}

/// A distinguished name (RFC 5280 §4.1.2.4) borrowed from a certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameRef<'a> {
    der: &'a [u8],
    whole: &'a [u8],
    attributes: &'a [AttributeSpan],
}

impl<'a> NameRef<'a> {
    pub(crate) fn new(der: &'a [u8], whole: &'a [u8], attributes: &'a [AttributeSpan]) -> Self {
        Self {
            der,
            whole,
            attributes,
        }
    }

    /// The Name's DER (the whole SEQUENCE).
    pub fn as_der(&self) -> &'a [u8] {
        self.der
    }

    fn bytes(&self, range: &Range<usize>) -> &'a [u8] {
        self.whole.get(range.clone()).unwrap_or(&[])
    }

    /// Every attribute in DER order: its type and its value as text. An attribute whose type
    /// is not a valid OID is skipped.
    pub fn attributes(&self) -> impl Iterator<Item = (ObjectIdentifier, Cow<'a, str>)> + 'a {
        let name = *self;
        self.attributes.iter().filter_map(move |a| {
            let oid = ObjectIdentifier::from_bytes(name.bytes(&a.oid)).ok()?;
            Some((oid, text(a.tag, name.bytes(&a.value))))
        })
    }

    /// Every attribute in DER order as it is encoded, unjudged: its type, the tag octet of its
    /// value (such as `0x0c` UTF8String, `0x13` PrintableString, `0x1e` BMPString) and the
    /// value's content octets. An attribute whose type is not a valid OID is skipped.
    ///
    /// [`NameRef::attributes`] gives the values as text; this gives what the inspection needs
    /// to judge their encoding (RFC 5280 §4.1.2.4), such as a UTF8String that is not UTF-8.
    ///
    /// ```
    /// use const_oid::db::rfc4519;
    /// use sote_certs::read_certificates;
    ///
    /// let pem = std::fs::read("tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem")?;
    /// let cert = &read_certificates(&pem)?[0];
    /// let (oid, tag, value) = cert.subject().encoded_attributes().next().ok_or("no attribute")?;
    /// assert_eq!((oid, tag, value), (rfc4519::C, 0x13, &b"FI"[..])); // PrintableString
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn encoded_attributes(
        &self,
    ) -> impl Iterator<Item = (ObjectIdentifier, u8, &'a [u8])> + 'a {
        let name = *self;
        self.attributes.iter().filter_map(move |a| {
            let oid = ObjectIdentifier::from_bytes(name.bytes(&a.oid)).ok()?;
            Some((oid, a.tag, name.bytes(&a.value)))
        })
    }

    /// The first value of attribute `oid` as text, if present.
    pub fn get(&self, oid: ObjectIdentifier) -> Option<Cow<'a, str>> {
        self.get_all(oid).next()
    }

    /// Every value of attribute `oid` as text, in DER order.
    pub fn get_all(&self, oid: ObjectIdentifier) -> impl Iterator<Item = Cow<'a, str>> + 'a {
        let name = *self;
        self.attributes
            .iter()
            .filter(move |a| name.bytes(&a.oid) == oid.as_bytes())
            .map(move |a| text(a.tag, name.bytes(&a.value)))
    }

    /// The name as x509-cert's owned type (allocates).
    pub fn to_x509(&self) -> der::Result<x509_cert::name::Name> {
        der::Decode::from_der(self.der)
    }

    /// The name owned apart from its certificate (copies its DER, not walked again).
    pub fn to_name(&self) -> Name {
        let offset = crate::asn1::span_of(self.whole, self.der).start;
        let rebase =
            |r: &Range<usize>| r.start.saturating_sub(offset)..r.end.saturating_sub(offset);
        Name {
            der: self.der.into(),
            attributes: self
                .attributes
                .iter()
                .map(|a| AttributeSpan {
                    oid: rebase(&a.oid),
                    tag: a.tag,
                    value: rebase(&a.value),
                })
                .collect(),
        }
    }
}

/// A distinguished name (RFC 5280 §4.1.2.4) owned apart from its certificate, as a report
/// keeps it: its DER and where its attributes lie. [`Name::as_name_ref`] reads it.
///
/// Invariant: the DER is one well-formed Name, walked when its certificate was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    der: Box<[u8]>,
    attributes: Vec<AttributeSpan>,
}

impl Name {
    /// Walks one Name's DER (exactly the SEQUENCE) into an owned name; on a malformed name,
    /// the offset of the bad part within `der`.
    pub(crate) fn from_der(der: &[u8]) -> Result<Self, usize> {
        let mut attributes = Vec::new();
        walk(der, |part| crate::asn1::span_of(der, part), &mut attributes)?;
        Ok(Name {
            der: der.into(),
            attributes,
        })
    }

    /// The name borrowed, with every reading method of [`NameRef`].
    pub fn as_name_ref(&self) -> NameRef<'_> {
        NameRef::new(&self.der, &self.der, &self.attributes)
    }
}

impl core::fmt::Display for Name {
    /// RFC 4514, as [`NameRef`] prints it.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.as_name_ref().fmt(f)
    }
}

impl core::fmt::Display for NameRef<'_> {
    /// RFC 4514, as x509-cert prints it.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.to_x509() {
            Ok(name) => write!(f, "{name}"),
            Err(_) => f.write_str("<malformed name>"),
        }
    }
}

/// An attribute value as text: UTF8String, PrintableString and IA5String borrow; BMPString is
/// decoded from UTF-16; anything else (TeletexString, unknown) is read as UTF-8, lossily.
fn text(tag: u8, bytes: &[u8]) -> Cow<'_, str> {
    if tag == BMP_STRING {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|pair| pair.iter().fold(0u16, |acc, &b| (acc << 8) | u16::from(b)))
            .collect();
        return Cow::Owned(String::from_utf16_lossy(&units));
    }
    match core::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}
