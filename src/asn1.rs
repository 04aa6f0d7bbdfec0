//! The private DER walker the certificate and request readers share: a minimal TLV splitter
//! for the hot name walk, spans of parts in the whole DER, tag expectations with positions, and
//! the X.509 `Extensions` list (RFC 5280 §4.1). Everything else is the `der` crate's.

use core::ops::Range;

use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, OctetStringRef};
use der::{Decode, Reader, SliceReader, Tag, TagNumber, Tagged};

use crate::certificate::{CriticalMark, ExtensionRef};

/// One extension of a certificate or request: its OID, criticality and where its value lies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ExtensionSpan {
    oid: ObjectIdentifier,
    critical: CriticalMark,
    value: Range<usize>,
}

/// Splits one DER TLV off the front of `input` (single-octet tags only, as in X.509's
/// universal types): its tag, its content and what follows. `None` when the header or the
/// content is cut off or the length is not DER (indefinite, non-minimal, over four octets).
pub(crate) fn split_tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = match first {
        0..=0x7f => (usize::from(first), rest),
        0x81..=0x84 => {
            let (octets, rest) = rest.split_at_checked(usize::from(first & 0x7f))?;
            if octets.first() == Some(&0) {
                return None;
            }
            let len = octets
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
            if len < 0x80 {
                return None;
            }
            (len, rest)
        }
        _ => return None,
    };
    let (content, rest) = rest.split_at_checked(len)?;
    Some((tag, content, rest))
}

/// Where `part`, a subslice of `whole`, lies in it.
pub(crate) fn span_of(whole: &[u8], part: &[u8]) -> Range<usize> {
    let start = (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize);
    start..start + part.len()
}

/// The next element, which must have `tag`; an error names the element's position (der's
/// `assert_eq` gives none).
pub(crate) fn expect<'a>(reader: &mut SliceReader<'a>, tag: Tag) -> der::Result<AnyRef<'a>> {
    let at = reader.position();
    let any = AnyRef::decode(reader)?;
    any.tag().assert_eq(tag).map_err(|e| e.kind().at(at))?;
    Ok(any)
}

/// The result of decoding `part` of an object on its own, with its error's position counted
/// from the object's first byte: der counts from where its reader started (the part's first
/// byte), or gives no position.
pub(crate) fn rebased<T>(result: der::Result<T>, part: Range<usize>) -> der::Result<T> {
    result.map_err(|error| {
        let inner = error
            .position()
            .and_then(|p| usize::try_from(p).ok())
            .unwrap_or(0);
        at_offset(error, part.start.saturating_add(inner))
    })
}

/// Decodes the next element as a `T`; an error der leaves without a position is placed at the
/// element's first byte.
pub(crate) fn decode_at<'a, T: Decode<'a, Error = der::Error>>(
    reader: &mut SliceReader<'a>,
) -> der::Result<T> {
    let at = reader.position();
    T::decode(reader).map_err(|error| placed(error, at))
}

/// An error of the object's own reader, which der may leave without a position: placed at
/// `at`, where the reader stood when it failed.
pub(crate) fn placed(error: der::Error, at: der::Length) -> der::Error {
    if error.position().is_some() {
        error
    } else {
        error.kind().at(at)
    }
}

fn at_offset(error: der::Error, offset: usize) -> der::Error {
    match der::Length::try_from(offset) {
        Ok(at) => error.kind().at(at),
        Err(_) => error,
    }
}

/// A name that does not walk, as a der error at the offending byte.
pub(crate) fn malformed_name(offset: usize) -> der::Error {
    let position = der::Length::try_from(offset).unwrap_or(der::Length::ZERO);
    der::Error::new(der::ErrorKind::Value { tag: Tag::Sequence }, position)
}

/// The constructed context-specific tag `[number]` (an EXPLICIT field).
pub(crate) fn context(number: u8) -> Tag {
    Tag::ContextSpecific {
        constructed: true,
        number: TagNumber(number.into()),
    }
}

/// The primitive context-specific tag `[number]` (an IMPLICIT primitive field).
pub(crate) fn implicit(number: u8) -> Tag {
    Tag::ContextSpecific {
        constructed: false,
        number: TagNumber(number.into()),
    }
}

/// An INTEGER's content as an `i64`, when it has at most 8 octets (minimal or not, two's
/// complement); `None` when it is empty or longer.
pub(crate) fn small_integer(content: &[u8]) -> Option<i64> {
    if content.is_empty() || content.len() > 8 {
        return None;
    }
    let fill = if content.first().is_some_and(|b| b & 0x80 != 0) {
        0xff
    } else {
        0
    };
    let mut bytes = [fill; 8];
    if let Some(tail) = bytes.get_mut(8 - content.len()..) {
        tail.copy_from_slice(content);
    }
    Some(i64::from_be_bytes(bytes))
}

/// Reads `Extensions ::= SEQUENCE OF Extension` from its DER, noting where each value lies.
pub(crate) fn parse_extensions(
    der: &[u8],
    span: impl Fn(&[u8]) -> Range<usize>,
) -> der::Result<Vec<ExtensionSpan>> {
    let mut extensions = Vec::new();
    let decoded = AnyRef::from_der(der).and_then(|list| {
        list.sequence(|list| {
            while !list.is_finished() {
                extensions.push(list.sequence(|ext| {
                    let oid = ObjectIdentifier::decode(ext)?;
                    let critical = CriticalMark::of(match Tag::peek(ext)? {
                        Tag::Boolean => bool::decode(ext)?,
                        _ => false,
                    });
                    let value = <&OctetStringRef>::decode(ext)?.as_bytes();
                    Ok::<_, der::Error>(ExtensionSpan {
                        oid,
                        critical,
                        value: span(value),
                    })
                })?);
            }
            Ok::<_, der::Error>(())
        })
    });
    rebased(decoded, span(der))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_tlv_takes_short_and_long_lengths_and_refuses_what_is_not_der() {
        assert_eq!(
            split_tlv(&[0x04, 0x01, 0xaa, 0xbb]),
            Some((0x04, &[0xaa][..], &[0xbb][..]))
        );
        let mut long = vec![0x04, 0x81, 0x80];
        long.extend([0; 0x80]);
        assert_eq!(split_tlv(&long).map(|(_, c, _)| c.len()), Some(0x80));
        let mut two_octets = vec![0x04, 0x82, 0x01, 0x02];
        two_octets.extend([0; 0x102]);
        assert_eq!(split_tlv(&two_octets).map(|(_, c, _)| c.len()), Some(0x102));
        assert_eq!(split_tlv(&[0x04, 0x81, 0x01, 0xaa]), None); // long form under 128
        assert_eq!(split_tlv(&[0x04, 0x82, 0x00, 0x80]), None); // leading zero octet
        assert_eq!(split_tlv(&[0x30, 0x80, 0x00, 0x00]), None); // indefinite
        assert_eq!(split_tlv(&[0x04, 0x02, 0xaa]), None); // cut off
        assert_eq!(split_tlv(&[0x04]), None);
    }

    #[test]
    fn small_integer_reads_twos_complement_up_to_eight_octets() {
        assert_eq!(small_integer(&[0x02]), Some(2));
        assert_eq!(small_integer(&[0xff]), Some(-1));
        assert_eq!(small_integer(&[0x00, 0x02]), Some(2));
        assert_eq!(small_integer(&[]), None);
        assert_eq!(small_integer(&[1; 9]), None);
    }

    #[test]
    fn small_integers_take_up_to_eight_octets() {
        assert_eq!(
            small_integer(&[0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            Some(i64::MAX)
        );
        assert_eq!(small_integer(&[0x80, 0, 0, 0, 0, 0, 0, 0]), Some(i64::MIN));
        assert_eq!(small_integer(&[0xff]), Some(-1));
        assert_eq!(small_integer(&[0x01, 0, 0, 0, 0, 0, 0, 0, 0]), None);
        assert_eq!(small_integer(&[]), None);
    }
}
