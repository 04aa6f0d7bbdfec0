//! DER INTEGER (ITU-T X.690 §8.3, §10.1): exact decoding with offsets in every error, encoding
//! into a caller's buffer, and the `der` crate's traits so the type nests in `der` structures.

use der::{DecodeValue, EncodeValue, FixedTag, Header, Length, Reader, Tag, Writer};

use super::{LengthProblem, SerialError, SerialNumber, SerialReader, copy_into, with_scratch};

const INTEGER: u8 = 0x02;

/// Decodes one whole TLV: tag `02`, definite minimal length, minimal content, nothing after.
pub(super) fn decode_tlv(reader: &SerialReader, input: &[u8]) -> Result<SerialNumber, SerialError> {
    // The common case, every serial up to 127 octets: short-form length announcing exactly the
    // bytes that follow. The general path below finds the same answer, more slowly.
    if let [INTEGER, len @ 0..=0x7f, content @ ..] = input
        && usize::from(*len) == content.len()
    {
        return decode_content(reader, content, 2);
    }
    let Some(&tag) = input.first() else {
        return Err(SerialError::Empty);
    };
    if tag != INTEGER {
        return Err(SerialError::WrongTag { tag, offset: 0 });
    }
    let (len, start) = decode_length(input, 1)?;
    reader.check_octets(len)?;
    let end = start.saturating_add(len);
    // Lazily: `get` fails only when `end > input.len()`, so the subtraction cannot underflow.
    let content = input
        .get(start..end)
        .ok_or_else(|| SerialError::Truncated {
            needed: end - input.len(),
            offset: input.len(),
        })?;
    let serial = decode_content(reader, content, start)?;
    if input.len() > end {
        return Err(SerialError::TrailingData {
            len: input.len() - end,
            offset: end,
        });
    }
    Ok(serial)
}

/// Reads the length octets at `offset`, returning the length and where the content starts.
pub(crate) fn decode_length(input: &[u8], offset: usize) -> Result<(usize, usize), SerialError> {
    let invalid = |reason| SerialError::InvalidLength { offset, reason };
    let &first = input.get(offset).ok_or(SerialError::Truncated {
        needed: 1,
        offset: input.len(),
    })?;
    match first {
        0..=0x7f => return Ok((usize::from(first), offset + 1)),
        0x80 => return Err(invalid(LengthProblem::Indefinite)),
        0xff => return Err(invalid(LengthProblem::Reserved)),
        _ => {}
    }
    let count = usize::from(first & 0x7f);
    if count > size_of::<u32>() {
        return Err(invalid(LengthProblem::TooManyOctets));
    }
    let octets = input
        .get(offset + 1..offset + 1 + count)
        // Lazily, as in `decode_tlv`: the subtraction is only valid once `get` has failed.
        .ok_or_else(|| SerialError::Truncated {
            needed: offset + 1 + count - input.len(),
            offset: input.len(),
        })?;
    if octets.first() == Some(&0) {
        return Err(invalid(LengthProblem::LeadingZero));
    }
    let len = octets
        .iter()
        .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
    if len < 0x80 {
        return Err(invalid(LengthProblem::LongFormUnder128));
    }
    Ok((len, offset + 1 + count))
}

/// Checks content octets for X.690 §8.3: present and minimal. `offset` places them in the input.
pub(super) fn decode_content(
    reader: &SerialReader,
    content: &[u8],
    offset: usize,
) -> Result<SerialNumber, SerialError> {
    match content {
        [] => Err(SerialError::EmptyInteger { offset }),
        [byte @ (0x00 | 0xff), next, ..] if (*byte == 0) == (*next < 0x80) => {
            Err(SerialError::NonMinimal {
                byte: *byte,
                offset,
            })
        }
        _ => {
            reader.check_octets(content.len())?;
            Ok(SerialNumber::from_canonical(content))
        }
    }
}

impl SerialNumber {
    /// Length of the DER TLV in bytes.
    pub fn der_len(&self) -> usize {
        let content = self.as_der_content().len();
        1 + length_octets(content) + content
    }

    /// Writes the DER TLV into `buf`, returning the number of bytes written.
    pub fn write_der(&self, buf: &mut [u8]) -> Result<usize, SerialError> {
        let content = self.as_der_content();
        let needed = self.der_len();
        let available = buf.len();
        // Lazily: `ok_or` built the error and dropped it again on every call, a call to
        // `drop_in_place` for an error with `String` fields (107 against 69 instructions).
        #[allow(clippy::unnecessary_lazy_evaluations)]
        let out = buf
            .get_mut(..needed)
            .ok_or_else(|| SerialError::BufferTooSmall { needed, available })?;
        let (header, body) = out.split_at_mut(needed - content.len());
        body.copy_from_slice(content);
        let len_octets = length_octets(content.len());
        let len_bytes = content.len().to_be_bytes();
        if let [tag, length @ ..] = header {
            *tag = INTEGER;
            if len_octets == 1 {
                copy_into(len_bytes.get(len_bytes.len() - 1..).unwrap_or(&[]), length)?;
            } else if let [count, rest @ ..] = length {
                *count = 0x80 | (len_octets - 1) as u8;
                copy_into(
                    len_bytes.get(len_bytes.len() - rest.len()..).unwrap_or(&[]),
                    rest,
                )?;
            }
        }
        Ok(needed)
    }

    /// The DER TLV.
    // Built as a `Box<[u8]>`, which comes back in registers, as the text writers' `Box<str>`
    // (`SerialNumber::to_text`): a returned `Vec` would be copied out of memory with wide loads
    // over the narrow writes that made it.
    #[inline]
    pub fn to_der(&self) -> Vec<u8> {
        der_of_content(self.as_der_content()).into_vec()
    }
}

/// The DER TLV of canonical content octets, in one allocation of its exact length.
fn der_of_content(content: &[u8]) -> Box<[u8]> {
    let header = Tlv::of(content.len());
    // Filled by two copies, not zeroed first and then written (`vec![0; n]`).
    let mut out = Vec::with_capacity(header.len + content.len());
    out.extend_from_slice(header.as_slice());
    out.extend_from_slice(content);
    out.into_boxed_slice()
}

/// The identifier and length octets of an INTEGER's TLV (its T and L), built in registers.
struct Tlv {
    bytes: [u8; 2 + size_of::<usize>()],
    len: usize,
}

impl Tlv {
    /// The header for `content` octets of content: the short length form below 0x80, the long
    /// form (a count, then the length big-endian) from there.
    fn of(content: usize) -> Self {
        let mut bytes = [0u8; 2 + size_of::<usize>()];
        let [tag, first, rest @ ..] = &mut bytes;
        *tag = INTEGER;
        let len = if content < 0x80 {
            *first = content as u8;
            2
        } else {
            let count = length_octets(content) - 1;
            *first = 0x80 | count as u8;
            let be = content.to_be_bytes();
            let significant = be.get(be.len() - count..).unwrap_or(&[]);
            for (dst, src) in rest.iter_mut().zip(significant) {
                *dst = *src;
            }
            2 + count
        };
        Tlv { bytes, len }
    }

    fn as_slice(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
    }
}

/// Number of length octets X.690 §10.1 requires for `len` content octets.
fn length_octets(len: usize) -> usize {
    if len < 0x80 {
        1
    } else {
        1 + (usize::BITS - len.leading_zeros()).div_ceil(8) as usize
    }
}

impl<'a> DecodeValue<'a> for SerialNumber {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        let len = usize::try_from(header.length())?;
        with_scratch(len, |content: &mut [u8]| {
            reader.read_into(content)?;
            SerialReader::new()
                .der_content(content)
                .map_err(|_| reader.error(Tag::Integer.non_canonical_error()))
        })
    }
}

impl EncodeValue for SerialNumber {
    fn value_len(&self) -> der::Result<Length> {
        Length::try_from(self.as_der_content().len())
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(self.as_der_content())
    }
}

impl FixedTag for SerialNumber {
    const TAG: Tag = Tag::Integer;
}
