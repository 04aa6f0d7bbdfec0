//! Certificate serial numbers of any length, in every notation integrators meet.
//!
//! DVV's sote CAs moved from 4-octet serials (`0bf4eab0` = 200600240) to 15–18-octet ones
//! (`0100000168f0a805c366b43b5de968c691fb` = 87112293252494463413683796322992020427259). The
//! long form overflows `i64`, `u64`, `u128`, SQL `DECIMAL(38)` and JavaScript numbers, so
//! [`SerialNumber`] is an arbitrary-length integer with one canonical form, explicit radixes and
//! an [`Interop`] report that says where a value can be stored exactly.
//!
//! Sources: RFC 5280 §4.1.2.2 (positive, at most 20 octets, users must tolerate negative and
//! zero values), ITU-T X.690 §8.3 (INTEGER encoding), DVV "Service certificates for social
//! welfare and healthcare" (the two examples above).

pub(crate) mod asn1;
mod convert;
mod interop;
mod radix;
mod rfc5280;
mod text;

use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::str::FromStr;

pub use interop::{Fits, Interop, SerialForm, embedded_issuance_time};
pub use rfc5280::Rfc5280;
pub use text::{DecimalDisplay, Guess, HexDisplay, HexStyle, Notation};

/// Content octets kept inline (without heap allocation): a 20-octet positive magnitude with its
/// top bit set needs 21 DER content octets, and RFC 5280 users must handle 20-octet values.
const INLINE: usize = 24;

/// A certificate serial number: an integer of any length, stored in its canonical form, the
/// minimal two's-complement DER content octets (ITU-T X.690 §8.3.2).
///
/// Invariant: the octets are never empty and never start with a redundant `00` or `ff` byte, so
/// one number has exactly one representation and the derived notions of equality, hashing and
/// order agree with the numeric value (negative values included). A serial built from `1u64`,
/// from the bytes `[0x00, 0x01]` and from `"dec:1"` is one value.
///
/// Reading is lenient in what it accepts as a *value* (negative, zero and over-long serials
/// decode; [`Interop::rfc5280`] judges them) and strict about *notation*: every reader takes its
/// radix explicitly, and DER must be exact.
///
/// ```
/// use sote_certs::SerialNumber;
///
/// let old = SerialNumber::from_hex("0bf4eab0")?;
/// assert_eq!(old.to_decimal_string(), "200600240");
///
/// let new = SerialNumber::from_decimal("87112293252494463413683796322992020427259")?;
/// assert_eq!(new.to_hex_string(), "0100000168f0a805c366b43b5de968c691fb");
/// assert!(!new.interop().fits.decimal38);
/// assert_eq!("dec:200600240".parse::<SerialNumber>()?, old);
/// # Ok::<(), sote_certs::SerialError>(())
/// ```
#[derive(Clone)]
pub struct SerialNumber {
    octets: Octets,
}

/// Storage for the canonical octets: inline up to [`INLINE`] octets so that reading and writing
/// RFC 5280-sized values never allocates, on the heap beyond.
#[derive(Clone)]
enum Octets {
    /// The content right-aligned, `buf[start..]`, behind zeros: the value's limbs are then
    /// loads at fixed offsets, and a value read as limbs is stored without moving its octets.
    /// `negative` repeats the sign bit of `buf[start]`, so that reading the sign needs no load
    /// at a computed offset: a value whose fields are all read at fixed offsets is one the
    /// compiler can keep in registers after a move instead of copying it in memory.
    Inline {
        start: u8,
        negative: bool,
        buf: Aligned,
    },
    Heap(Box<[u8]>),
}

/// The inline octets, 8-aligned so that each limb is one aligned word: a copy of the value moves
/// whole limbs, and the limbs' loads afterwards are served from the copy's stores.
#[derive(Clone)]
#[repr(align(8))]
struct Aligned([u8; INLINE]);

impl Aligned {
    /// The buffer as an unsigned 192-bit integer in little-endian limbs: three loads at fixed
    /// offsets.
    #[inline]
    fn limbs(&self) -> [u64; 3] {
        match self.0.as_chunks::<8>() {
            ([high, middle, low], _) => [
                u64::from_be_bytes(*low),
                u64::from_be_bytes(*middle),
                u64::from_be_bytes(*high),
            ],
            // `INLINE` is three limbs; the compiler drops this arm.
            _ => [0; 3],
        }
    }
}

impl Octets {
    /// Inline storage from its fields, as [`SerialNumber::to_text`] hands them over.
    fn inline(start: u8, negative: bool, limbs: [u64; 3]) -> Self {
        Octets::Inline {
            start,
            negative,
            buf: Aligned(limbs_to_be(limbs)),
        }
    }

    fn from_slice(bytes: &[u8]) -> Self {
        let mut buf = [0u8; INLINE];
        let start = INLINE.checked_sub(bytes.len());
        match (
            start.and_then(|start| buf.get_mut(start..)),
            start.map(u8::try_from),
        ) {
            (Some(dst), Some(Ok(start))) => {
                dst.copy_from_slice(bytes);
                Octets::Inline {
                    start,
                    negative: is_negative_content(bytes),
                    buf: Aligned(buf),
                }
            }
            _ => Octets::Heap(bytes.into()),
        }
    }

    #[inline]
    fn as_slice(&self) -> &[u8] {
        match self {
            // `start < INLINE` by construction; `get` keeps this free of indexing panics anyway.
            Octets::Inline { start, buf, .. } => buf.0.get(usize::from(*start)..).unwrap_or(&[]),
            Octets::Heap(bytes) => bytes,
        }
    }
}

/// Errors from reading a serial number. Offsets count bytes (characters for text) from the start
/// of the input given to the reader.
///
/// The type is kept to 24 bytes, the rare errors that carry text behind a `Box`, so that
/// `Result<SerialNumber, SerialError>` is no larger than a [`SerialNumber`] (the `Err` lives in
/// the storage's unused tag values). A parse result is then the 32-byte value itself, and a
/// caller that moves it out (`?`, `map`) moves what the parser wrote field by field, instead of
/// a larger enum whose wide copy stalls on those narrower writes (BENCHMARKS.md, "The copy
/// after the parse").
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SerialError {
    /// The input holds no digits or no octets.
    #[error("empty serial number")]
    Empty,
    /// A character that is not a hexadecimal digit.
    #[error("invalid hex digit {ch:?} at offset {offset}")]
    InvalidHexDigit {
        /// The offending character.
        ch: char,
        /// Its offset in the input.
        offset: usize,
    },
    /// A character that is not a decimal digit.
    #[error("invalid decimal digit {ch:?} at offset {offset}")]
    InvalidDecimalDigit {
        /// The offending character.
        ch: char,
        /// Its offset in the input.
        offset: usize,
    },
    /// A separator (`:` or space) at the start or end of the digits, or two in a row.
    #[error("unexpected separator {ch:?} at offset {offset}")]
    UnexpectedSeparator {
        /// The separator.
        ch: char,
        /// Its offset in the input.
        offset: usize,
    },
    /// A bare digit string, valid both as hex and as decimal.
    #[error("{0}")]
    Ambiguous(Box<Ambiguity>),
    /// The input is longer than the reader's bound allows, before any decoding.
    #[error("input of {len} bytes is over the limit of {max}")]
    InputTooLong {
        /// The input's length.
        len: usize,
        /// The bound in force.
        max: usize,
    },
    /// The value needs more content octets than the reader's bound allows.
    #[error("serial number of {octets} octets is over the limit of {max}")]
    TooLong {
        /// Content octets the value needs (a lower bound for text input).
        octets: usize,
        /// The bound in force ([`SerialReader::max_octets`]).
        max: usize,
    },
    /// DER: the identifier octet is not the universal INTEGER tag `02`.
    #[error("expected INTEGER tag 0x02, found 0x{tag:02x} at offset {offset}")]
    WrongTag {
        /// The identifier octet found.
        tag: u8,
        /// Its offset.
        offset: usize,
    },
    /// DER: the input ends before the length or the content it announces.
    #[error("truncated DER: {needed} more bytes needed at offset {offset}")]
    Truncated {
        /// How many more bytes were expected.
        needed: usize,
        /// Where the input ended.
        offset: usize,
    },
    /// DER: indefinite, reserved, or not minimally encoded length octets (X.690 §10.1).
    #[error("invalid DER length at offset {offset}: {reason}")]
    InvalidLength {
        /// Offset of the first length octet.
        offset: usize,
        /// What is wrong with it.
        reason: LengthProblem,
    },
    /// DER: INTEGER with no content octets (X.690 §8.3.1).
    #[error("INTEGER with no content octets at offset {offset}")]
    EmptyInteger {
        /// Offset where the content would start.
        offset: usize,
    },
    /// DER: redundant leading `00` or `ff` content octet (X.690 §8.3.2).
    #[error("non-minimal INTEGER: redundant leading 0x{byte:02x} at offset {offset}")]
    NonMinimal {
        /// The redundant octet.
        byte: u8,
        /// Its offset.
        offset: usize,
    },
    /// DER: bytes after the end of the INTEGER.
    #[error("{len} bytes of trailing data at offset {offset}")]
    TrailingData {
        /// Number of extra bytes.
        len: usize,
        /// Offset of the first one.
        offset: usize,
    },
    /// A caller's buffer is too small for the output.
    #[error("buffer of {available} bytes is too small: {needed} needed")]
    BufferTooSmall {
        /// Bytes the output needs.
        needed: usize,
        /// Bytes the buffer has.
        available: usize,
    },
    /// The value does not fit the requested target type.
    #[error("{0}")]
    OutOfRange(Box<RangeError>),
}

/// The two readings of a bare digit string ([`SerialError::Ambiguous`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "ambiguous serial number {input:?}: hex 0x{} or decimal {}; \
     prefix it with \"hex:\" or \"dec:\"",
    .hex.to_hex_string(),
    .decimal.to_decimal_string()
)]
#[non_exhaustive]
pub struct Ambiguity {
    /// The text as given.
    pub input: String,
    /// The value read as hex.
    pub hex: SerialNumber,
    /// The value read as decimal.
    pub decimal: SerialNumber,
}

/// A value that does not fit the type asked for ([`SerialError::OutOfRange`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("serial number {value} does not fit in {target}")]
#[non_exhaustive]
pub struct RangeError {
    /// The value, in decimal.
    pub value: String,
    /// The target type, such as `u64` or `RFC 5280 SerialNumber`.
    pub target: &'static str,
}

/// What is wrong with DER length octets ([`SerialError::InvalidLength`], X.690 §8.1.3 and
/// §10.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LengthProblem {
    /// `80`: the indefinite form, which DER forbids.
    #[error("indefinite length is not DER")]
    Indefinite,
    /// `ff`, reserved by X.690.
    #[error("reserved length octet 0xff")]
    Reserved,
    /// A long form with more than four length octets (a length of 4 GiB or more).
    #[error("more than four length octets")]
    TooManyOctets,
    /// A long form whose first length octet is zero.
    #[error("leading zero length octet")]
    LeadingZero,
    /// The long form for a length the short form holds.
    #[error("long form for a length under 128")]
    LongFormUnder128,
}

/// Reads serial numbers with an explicit bound on their size.
///
/// The bound protects against inputs that would cost quadratic time (decimal conversion) or
/// large allocations. It counts the value's DER content octets (so a 20-octet magnitude with its
/// top bit set counts 21, as in DER) and defaults to [`SerialReader::DEFAULT_MAX_OCTETS`]; every
/// `SerialNumber::from_*` constructor uses the default reader. Texts longer than
/// 4 × `max_octets` + 64 bytes are refused before any decoding
/// ([`SerialError::InputTooLong`]): room for two hex digits and a separator per octet, a prefix
/// and leading zeros.
///
/// ```
/// use sote_certs::{SerialError, SerialReader};
///
/// let strict = SerialReader::new().with_max_octets(20);
/// assert!(strict.hex("0100000168f0a805c366b43b5de968c691fb").is_ok());
/// assert!(matches!(strict.hex(&"ff".repeat(21)), Err(SerialError::TooLong { .. })));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SerialReader {
    max_octets: usize,
}

impl SerialReader {
    /// The default bound: 1024 content octets, fifty times what RFC 5280 allows.
    pub const DEFAULT_MAX_OCTETS: usize = 1024;

    /// A reader with the default bound.
    pub const fn new() -> Self {
        Self {
            max_octets: Self::DEFAULT_MAX_OCTETS,
        }
    }

    /// A reader that accepts values of at most `max_octets` DER content octets (at least 1).
    pub const fn with_max_octets(self, max_octets: usize) -> Self {
        Self {
            max_octets: if max_octets == 0 { 1 } else { max_octets },
        }
    }

    /// The bound in force, in DER content octets.
    pub const fn max_octets(&self) -> usize {
        self.max_octets
    }

    /// Longest text accepted before decoding: two hex digits and a separator per octet, with
    /// room for a prefix and leading zeros.
    fn max_text_len(&self) -> usize {
        self.max_octets.saturating_mul(4).saturating_add(64)
    }

    fn check_text_len(&self, text: &str) -> Result<(), SerialError> {
        if text.len() > self.max_text_len() {
            return Err(SerialError::InputTooLong {
                len: text.len(),
                max: self.max_text_len(),
            });
        }
        Ok(())
    }

    fn check_octets(&self, octets: usize) -> Result<(), SerialError> {
        if octets > self.max_octets {
            return Err(SerialError::TooLong {
                octets,
                max: self.max_octets,
            });
        }
        Ok(())
    }

    /// Hexadecimal: upper or lower case, optional `-` and `0x`, `:` or space separators between
    /// digits, odd length and leading zeros allowed (`0B:F4:EA:B0`, `0x102`, `00bf4eab0`).
    pub fn hex(&self, text: &str) -> Result<SerialNumber, SerialError> {
        self.check_text_len(text)?;
        text::parse_hex_value(self, text, 0)
    }

    /// Decimal with optional `-` (`200600240`, Java's `BigInteger.toString()`).
    pub fn decimal(&self, text: &str) -> Result<SerialNumber, SerialError> {
        self.check_text_len(text)?;
        text::parse_decimal(self, text, 0)
    }

    /// A full DER TLV (`02 04 0b f4 ea b0`), exactly: wrong tag, bad length, non-minimal or empty
    /// content and trailing data are errors with the offset of the problem.
    pub fn der(&self, der: &[u8]) -> Result<SerialNumber, SerialError> {
        asn1::decode_tlv(self, der)
    }

    /// DER content octets alone (what `x509_cert`'s `SerialNumber::as_bytes` returns), which must
    /// be minimal two's complement.
    pub fn der_content(&self, content: &[u8]) -> Result<SerialNumber, SerialError> {
        asn1::decode_content(self, content, 0)
    }

    /// Unsigned big-endian octets; leading zero octets are ignored.
    pub fn be_bytes(&self, bytes: &[u8]) -> Result<SerialNumber, SerialError> {
        let bytes = strip_leading_zeros(bytes);
        self.check_octets(unsigned_content_len(bytes.first(), bytes.len()))?;
        Ok(SerialNumber::from_sign_magnitude(false, bytes))
    }

    /// Unsigned little-endian octets, as .NET's `X509Certificate.GetSerialNumber()` returns them.
    pub fn le_bytes(&self, bytes: &[u8]) -> Result<SerialNumber, SerialError> {
        let significant = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
        let bytes = bytes.get(..significant).unwrap_or(&[]);
        self.check_octets(unsigned_content_len(bytes.last(), bytes.len()))?;
        Ok(with_scratch(bytes.len(), |be: &mut [u8]| {
            be.iter_mut()
                .zip(bytes.iter().rev())
                .for_each(|(dst, src)| *dst = *src);
            SerialNumber::from_sign_magnitude(false, be)
        }))
    }

    /// Works out the notation of a text: `hex:`, `dec:`, `der:` (hex of a DER TLV), `serial=`
    /// (OpenSSL), `0x`, separators or hex letters say it; a bare digit string is
    /// [`Guess::Either`], with both readings.
    pub fn guess(&self, text: &str) -> Result<Guess, SerialError> {
        self.check_text_len(text)?;
        text::guess(self, text)
    }

    /// Reads a text whose notation is unambiguous (see [`SerialReader::guess`]); a bare digit
    /// string is [`SerialError::Ambiguous`].
    pub fn parse(&self, text: &str) -> Result<SerialNumber, SerialError> {
        self.guess(text)?.unambiguous(text)
    }
}

impl Default for SerialReader {
    fn default() -> Self {
        Self::new()
    }
}

impl SerialNumber {
    /// Reads hex with the default bound; see [`SerialReader::hex`].
    pub fn from_hex(text: &str) -> Result<Self, SerialError> {
        SerialReader::new().hex(text)
    }

    /// Reads decimal with the default bound; see [`SerialReader::decimal`].
    pub fn from_decimal(text: &str) -> Result<Self, SerialError> {
        SerialReader::new().decimal(text)
    }

    /// Reads a full DER TLV with the default bound; see [`SerialReader::der`].
    pub fn from_der(der: &[u8]) -> Result<Self, SerialError> {
        SerialReader::new().der(der)
    }

    /// Reads DER content octets with the default bound; see [`SerialReader::der_content`].
    pub fn from_der_content(content: &[u8]) -> Result<Self, SerialError> {
        SerialReader::new().der_content(content)
    }

    /// Reads unsigned big-endian octets; see [`SerialReader::be_bytes`].
    pub fn from_be_bytes(bytes: &[u8]) -> Result<Self, SerialError> {
        SerialReader::new().be_bytes(bytes)
    }

    /// Reads unsigned little-endian octets (.NET); see [`SerialReader::le_bytes`].
    pub fn from_le_bytes(bytes: &[u8]) -> Result<Self, SerialError> {
        SerialReader::new().le_bytes(bytes)
    }

    /// Works out a text's notation; see [`SerialReader::guess`].
    pub fn guess(text: &str) -> Result<Guess, SerialError> {
        SerialReader::new().guess(text)
    }

    /// Builds the canonical form from a sign and unsigned big-endian magnitude octets of any
    /// length (leading zeros allowed). This is the one place values are made from parts.
    pub(crate) fn from_sign_magnitude(negative: bool, magnitude: &[u8]) -> Self {
        let magnitude = strip_leading_zeros(magnitude);
        match magnitude.first() {
            None => return Self::from_canonical(&[0]),
            // Positive without its top bit set: the magnitude is already minimal DER content.
            Some(&top) if !negative && top < 0x80 => return Self::from_canonical(magnitude),
            Some(_) => {}
        }
        // One extra leading octet holds the sign; `minimal` drops it when it is redundant.
        with_scratch(magnitude.len() + 1, |buf: &mut [u8]| {
            if let Some((sign, rest)) = buf.split_first_mut() {
                rest.copy_from_slice(magnitude);
                *sign = 0;
                if negative {
                    negate_in_place(buf);
                }
            }
            Self::from_canonical(minimal(buf))
        })
    }

    /// The canonical form of a non-negative value below 2^191, given as little-endian limbs,
    /// built in place: the limbs' octets right-aligned in the inline storage, the content the
    /// last [`content_len_of_limbs`] of them (a value of `b` bits needs `b / 8 + 1` octets, a `00`
    /// sign octet included when its top bit is set).
    pub(crate) fn from_limbs(limbs: [u64; 3]) -> Self {
        let [low, middle, high] = limbs;
        let Some(start) = INLINE
            .checked_sub(content_len_of_limbs(limbs))
            .and_then(|start| u8::try_from(start).ok())
        else {
            // From 2^191 on, the sign octet does not fit: the general route.
            return Self::from_sign_magnitude(false, &limbs_to_be(limbs));
        };
        // Written in place, not built aside and copied in: a copy's wide loads would wait for
        // the narrower stores before them (no store-to-load forwarding).
        let mut serial = Self {
            octets: Octets::Inline {
                start,
                negative: false,
                buf: Aligned([0; INLINE]),
            },
        };
        if let Octets::Inline { buf, .. } = &mut serial.octets
            && let ([first, second, third], _) = buf.0.as_chunks_mut::<8>()
        {
            (*first, *second, *third) =
                (high.to_be_bytes(), middle.to_be_bytes(), low.to_be_bytes());
        }
        serial
    }

    /// Wraps octets already known to be minimal two's complement.
    fn from_canonical(content: &[u8]) -> Self {
        Self {
            octets: Octets::from_slice(content),
        }
    }

    /// The canonical DER content octets: minimal two's complement, never empty.
    #[inline]
    pub fn as_der_content(&self) -> &[u8] {
        self.octets.as_slice()
    }

    /// Whether the value is below zero (RFC 5280 forbids it; some CAs did it anyway).
    #[inline]
    pub fn is_negative(&self) -> bool {
        match &self.octets {
            Octets::Inline { negative, .. } => *negative,
            Octets::Heap(content) => is_negative_content(content),
        }
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.as_der_content() == [0]
    }

    /// Calls `f` with the unsigned big-endian magnitude, minimal (`[0]` for zero), without heap
    /// allocation for RFC 5280-sized values.
    pub fn with_magnitude<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        with_magnitude_of(self.as_der_content(), f)
    }

    /// Number of significant bits of the magnitude (0 for zero).
    pub fn bit_length(&self) -> u64 {
        self.with_magnitude(unsigned_bit_length)
    }

    /// The absolute value.
    pub fn abs(&self) -> Self {
        self.with_magnitude(|m| Self::from_sign_magnitude(false, m))
    }

    /// Magnitude octets, big-endian; the sign is [`SerialNumber::is_negative`].
    pub fn to_be_bytes(&self) -> Vec<u8> {
        self.with_magnitude(<[u8]>::to_vec)
    }

    /// Magnitude octets, little-endian (.NET's `GetSerialNumber()` order for positive values).
    pub fn to_le_bytes(&self) -> Vec<u8> {
        let mut bytes = self.to_be_bytes();
        bytes.reverse();
        bytes
    }

    /// Writes the big-endian magnitude into `buf`, returning the number of bytes written.
    pub fn write_be_bytes(&self, buf: &mut [u8]) -> Result<usize, SerialError> {
        self.with_magnitude(|m| copy_into(m, buf))
    }

    /// Writes the little-endian magnitude into `buf`, returning the number of bytes written.
    pub fn write_le_bytes(&self, buf: &mut [u8]) -> Result<usize, SerialError> {
        let written = self.write_be_bytes(buf)?;
        if let Some(out) = buf.get_mut(..written) {
            out.reverse();
        }
        Ok(written)
    }

    /// Hex of the minimal magnitude octets in the given style (`0bf4eab0`, `0BF4EAB0`,
    /// `0b:f4:ea:b0`), `-` first when negative, `00` for zero. Writes without allocating.
    pub fn hex(&self, style: HexStyle) -> HexDisplay<'_> {
        text::HexDisplay {
            serial: self,
            style,
        }
    }

    /// Decimal, `-` first when negative. Writes without allocating for RFC 5280-sized values.
    pub fn decimal(&self) -> DecimalDisplay<'_> {
        text::DecimalDisplay { serial: self }
    }

    /// DVV's notation: lowercase hex of the minimal magnitude octets (`0bf4eab0`).
    #[inline]
    pub fn to_hex_string(&self) -> String {
        self.to_text(inline_hex, content_hex)
    }

    /// Decimal (`200600240`).
    #[inline]
    pub fn to_decimal_string(&self) -> String {
        self.to_text(inline_decimal, content_decimal)
    }

    /// A text of the value: `inline` gets an inline value's fields (start, sign, limbs from
    /// the least significant), `content` the content octets of a value on the heap.
    ///
    /// Inlined, and the work behind it takes the fields and returns a `Box<str>`, so that the
    /// value goes in and the text comes out in registers: a value the caller has just parsed
    /// is not copied in memory first, and the text is not copied out of a returned `String`.
    /// Each such copy moves 16 bytes at a time over the 8-byte writes that made them, and waits
    /// for those writes to finish (BENCHMARKS.md, "The copy after the parse").
    #[inline]
    fn to_text(
        &self,
        inline: fn(u8, bool, u64, u64, u64) -> Box<str>,
        content: fn(&[u8]) -> Box<str>,
    ) -> String {
        match &self.octets {
            Octets::Inline {
                start,
                negative,
                buf,
            } => {
                let [low, middle, high] = buf.limbs();
                inline(*start, *negative, low, middle, high)
            }
            Octets::Heap(octets) => content(octets),
        }
        .into_string()
    }

    /// The interop report: which integer types and columns hold the value exactly, its size and
    /// DVV form, and the issuance time embedded in DVV's long form.
    pub fn interop(&self) -> Interop {
        Interop::of(self)
    }
}

impl PartialEq for SerialNumber {
    fn eq(&self, other: &Self) -> bool {
        self.as_der_content() == other.as_der_content()
    }
}

impl Eq for SerialNumber {}

impl Hash for SerialNumber {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_der_content().hash(state);
    }
}

impl Ord for SerialNumber {
    /// Numeric order. Canonical two's-complement octets compare by sign, then by length (a
    /// longer positive value is larger, a longer negative one smaller), then octet by octet.
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = (self.as_der_content(), other.as_der_content());
        match (self.is_negative(), other.is_negative()) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
            (true, true) => b.len().cmp(&a.len()).then_with(|| a.cmp(b)),
        }
    }
}

impl PartialOrd for SerialNumber {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for SerialNumber {
    /// `0x` and lowercase hex (`0x0bf4eab0`, `-0x01`): unambiguous, so [`FromStr`] reads it back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#x}", self)
    }
}

impl fmt::Debug for SerialNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SerialNumber({self})")
    }
}

impl fmt::LowerHex for SerialNumber {
    /// Lowercase hex of the magnitude; `{:#x}` adds `0x`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        text::write_hex(self, f, HexStyle::Lower, f.alternate())
    }
}

impl fmt::UpperHex for SerialNumber {
    /// Upper-case hex of the magnitude; `{:#X}` adds `0x`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        text::write_hex(self, f, HexStyle::Upper, f.alternate())
    }
}

impl FromStr for SerialNumber {
    type Err = SerialError;

    /// Reads `hex:…`, `dec:…`, `der:…`, `serial=…`, `0x…`, separator hex and hex with letters;
    /// see [`SerialReader::parse`].
    fn from_str(text: &str) -> Result<Self, SerialError> {
        SerialReader::new().parse(text)
    }
}

/// Runs `f` on a zeroed scratch slice of `len` items: on the stack when it fits (the common,
/// RFC 5280-sized case, so no allocation), on the heap otherwise.
pub(crate) fn with_scratch<T: Copy + Default, R>(len: usize, f: impl FnOnce(&mut [T]) -> R) -> R {
    let mut stack = [T::default(); 64];
    match stack.get_mut(..len) {
        Some(slice) => f(slice),
        None => f(&mut vec![T::default(); len]),
    }
}

/// DER content octets of a non-negative value whose minimal magnitude has `len` octets and the
/// most significant octet `top`: one more when its top bit would read as a sign.
fn unsigned_content_len(top: Option<&u8>, len: usize) -> usize {
    len + usize::from(top.is_some_and(|&b| b >= 0x80))
}

/// The 24 big-endian octets of little-endian limbs.
fn limbs_to_be(limbs: [u64; 3]) -> [u8; INLINE] {
    let [low, middle, high] = limbs;
    let mut be = [0u8; INLINE];
    for (slot, limb) in be.chunks_exact_mut(8).zip([high, middle, low]) {
        slot.copy_from_slice(&limb.to_be_bytes());
    }
    be
}

/// DER content octets of a non-negative value given as little-endian limbs: `b / 8 + 1` for a
/// value of `b` significant bits (1 for zero), from the limbs' leading zeros.
fn content_len_of_limbs(limbs: [u64; 3]) -> usize {
    let [low, middle, high] = limbs;
    let bits = if high != 0 {
        192 - high.leading_zeros()
    } else if middle != 0 {
        128 - middle.leading_zeros()
    } else {
        64 - low.leading_zeros()
    };
    bits as usize / 8 + 1
}

/// [`SerialNumber::to_hex_string`] of an inline value, from its stored fields.
fn inline_hex(start: u8, negative: bool, low: u64, middle: u64, high: u64) -> Box<str> {
    content_hex(Octets::inline(start, negative, [low, middle, high]).as_slice())
}

/// [`SerialNumber::to_hex_string`] of any canonical content octets.
fn content_hex(content: &[u8]) -> Box<str> {
    with_magnitude_of(content, |magnitude| {
        signed_text(content, 2 * magnitude.len(), |out| {
            text::push_hex_magnitude(magnitude, out);
        })
    })
}

/// [`SerialNumber::to_decimal_string`] of an inline value, from its stored fields.
fn inline_decimal(start: u8, negative: bool, low: u64, middle: u64, high: u64) -> Box<str> {
    let limbs = [low, middle, high];
    if !negative {
        // DVV's legacy serials and other values of up to 8 octets: the standard library formats
        // a `u64` into a `String` of exactly its length, with no UTF-8 check of the digits
        // (which this crate, free of `unsafe`, cannot skip).
        if let [value, 0, 0] = limbs {
            return value.to_string().into_boxed_str();
        }
        // Other values of RFC 5280's size: the limbs as they are stored.
        if let Some(digits) = radix::with_small_decimal_digits(limbs, |digits| Box::from(digits)) {
            return digits;
        }
    }
    content_decimal(Octets::inline(start, negative, limbs).as_slice())
}

/// [`SerialNumber::to_decimal_string`] of any canonical content octets.
fn content_decimal(content: &[u8]) -> Box<str> {
    with_magnitude_of(content, |magnitude| {
        // The digits are built on the stack first, so that the one allocation has the exact
        // final size.
        radix::with_decimal_digits(magnitude, |digits| {
            signed_text(content, digits.len(), |out| out.push_str(digits))
        })
    })
}

/// The text of a value whose content octets are `content`: `-` if it is negative, then the
/// `len` bytes `digits` writes, in one allocation of the exact final size (which the `Box`
/// takes as it is).
fn signed_text(content: &[u8], len: usize, digits: impl FnOnce(&mut String)) -> Box<str> {
    let negative = is_negative_content(content);
    let mut out = String::with_capacity(usize::from(negative) + len);
    if negative {
        out.push('-');
    }
    digits(&mut out);
    out.into_boxed_str()
}

/// Whether canonical content octets are those of a value below zero: the sign bit of the first.
fn is_negative_content(content: &[u8]) -> bool {
    content.first().is_some_and(|&b| b >= 0x80)
}

/// Calls `f` with the unsigned big-endian magnitude of canonical content octets, minimal (`[0]`
/// for zero), without heap allocation for RFC 5280-sized values.
fn with_magnitude_of<R>(content: &[u8], f: impl FnOnce(&[u8]) -> R) -> R {
    if !is_negative_content(content) {
        let stripped = strip_leading_zeros(content);
        return f(if stripped.is_empty() { &[0] } else { stripped });
    }
    with_scratch(content.len(), |buf: &mut [u8]| {
        buf.copy_from_slice(content);
        negate_in_place(buf);
        f(strip_leading_zeros(buf))
    })
}

/// Significant bits of an unsigned big-endian integer (0 for zero); also sizes RSA moduli.
pub(crate) fn unsigned_bit_length(bytes: &[u8]) -> u64 {
    let significant = strip_leading_zeros(bytes);
    match significant.first() {
        Some(top) => (significant.len() as u64 - 1) * 8 + u64::from(8 - top.leading_zeros()),
        None => 0,
    }
}

fn strip_leading_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    bytes.get(first..).unwrap_or(&[])
}

/// Drops redundant leading sign octets of a two's-complement integer (X.690 §8.3.2).
fn minimal(mut bytes: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = bytes {
        let Some(&second) = rest.first() else { break };
        let redundant = (*first == 0 && second < 0x80) || (*first == 0xff && second >= 0x80);
        if !redundant {
            break;
        }
        bytes = rest;
    }
    bytes
}

/// Two's-complement negation of a big-endian integer, in place.
fn negate_in_place(bytes: &mut [u8]) {
    let mut carry = true;
    for byte in bytes.iter_mut().rev() {
        let (sum, overflow) = (!*byte).overflowing_add(u8::from(carry));
        *byte = sum;
        carry = overflow;
    }
}

fn copy_into(src: &[u8], buf: &mut [u8]) -> Result<usize, SerialError> {
    let available = buf.len();
    let dst = buf
        .get_mut(..src.len())
        .ok_or(SerialError::BufferTooSmall {
            needed: src.len(),
            available,
        })?;
    dst.copy_from_slice(src);
    Ok(src.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_drops_only_redundant_sign_octets() {
        assert_eq!(minimal(&[0, 0, 0x7f]), &[0x7f]);
        assert_eq!(minimal(&[0, 0x80]), &[0, 0x80]);
        assert_eq!(minimal(&[0xff, 0xff, 0x80]), &[0x80]);
        assert_eq!(minimal(&[0xff, 0x7f]), &[0xff, 0x7f]);
        assert_eq!(minimal(&[0]), &[0]);
    }

    #[test]
    fn sign_magnitude_covers_the_x690_edges() {
        let cases: [(bool, &[u8], &[u8]); 7] = [
            (false, &[], &[0]),
            (false, &[0x7f], &[0x7f]),
            (false, &[0x80], &[0, 0x80]),
            (true, &[1], &[0xff]),
            (true, &[0x80], &[0x80]),
            (true, &[0x81], &[0xff, 0x7f]),
            (true, &[0], &[0]),
        ];
        for (negative, magnitude, content) in cases {
            let serial = SerialNumber::from_sign_magnitude(negative, magnitude);
            assert_eq!(serial.as_der_content(), content, "{negative} {magnitude:?}");
        }
    }

    #[test]
    fn limbs_build_the_canonical_form() {
        let cases: [([u64; 3], &[u8]); 6] = [
            ([0, 0, 0], &[0]),
            ([0x7f, 0, 0], &[0x7f]),
            ([0x80, 0, 0], &[0, 0x80]),
            ([0, 1, 0], &[1, 0, 0, 0, 0, 0, 0, 0, 0]),
            (
                [u64::MAX, u64::MAX, 0xff],
                &[
                    0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                    0xff, 0xff, 0xff, 0xff, 0xff,
                ],
            ),
            (
                [1, 0, u64::MAX],
                &[
                    0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 1,
                ],
            ),
        ];
        for (limbs, content) in cases.into_iter().chain([
            // The largest inline value (24 octets, no sign octet needed) and the first beyond.
            (
                [0, 0, 0x7f << 56],
                &[
                    0x7f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                ][..],
            ),
            (
                [0, 0, 0x80 << 56],
                &[
                    0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                ][..],
            ),
        ]) {
            let serial = SerialNumber::from_limbs(limbs);
            assert_eq!(serial.as_der_content(), content, "{limbs:x?}");
            let [low, middle, high] = limbs;
            if high >> 63 == 0 {
                assert!(
                    matches!(&serial.octets, Octets::Inline { negative: false, buf, .. }
                        if buf.limbs() == limbs),
                    "{limbs:x?}"
                );
            }
            let mut magnitude = high.to_be_bytes().to_vec();
            magnitude.extend(middle.to_be_bytes());
            magnitude.extend(low.to_be_bytes());
            assert_eq!(serial, SerialNumber::from_sign_magnitude(false, &magnitude));
        }
    }

    #[test]
    fn inline_storage_holds_rfc5280_sizes_and_heap_the_rest() {
        let small = SerialNumber::from_sign_magnitude(false, &[0xff; 20]);
        assert!(matches!(small.octets, Octets::Inline { start: 3, .. }));
        let large = SerialNumber::from_sign_magnitude(false, &[0x11; 40]);
        assert!(matches!(large.octets, Octets::Heap(_)));
        assert_eq!(large.as_der_content().len(), 40);
    }
}
