//! Text notations: hex and decimal in, hex and decimal out, and telling them apart.

use core::fmt;

use super::{
    Ambiguity, SerialError, SerialNumber, SerialReader, asn1, content_len_of_limbs, limbs_to_be,
    radix, with_scratch,
};

/// How [`SerialNumber::hex`] writes hex digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HexStyle {
    /// `0bf4eab0`: DVV's notation.
    Lower,
    /// `0BF4EAB0`: OpenSSL's `serial=` and Windows' notation.
    Upper,
    /// `0b:f4:ea:b0`: `openssl x509 -text` and browsers.
    Colon,
}

/// A notation a text can be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Notation {
    /// Hexadecimal digits of the value.
    Hex,
    /// Decimal digits of the value.
    Decimal,
    /// Hex of a whole DER TLV (`der:020101`).
    Der,
}

impl Notation {
    /// The notation in words, as the `serial` example prints it: `hex`, `decimal`,
    /// `DER (hex of the TLV)`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Notation::Hex => "hex",
            Notation::Decimal => "decimal",
            Notation::Der => "DER (hex of the TLV)",
        }
    }
}

/// What [`SerialReader::guess`] made of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Guess {
    /// The text says its notation (prefix, separators or hex letters).
    Known(Notation, SerialNumber),
    /// A bare digit string such as `12345678`: valid hex and valid decimal, with both values.
    Either {
        /// The value read as hex.
        hex: SerialNumber,
        /// The value read as decimal.
        decimal: SerialNumber,
    },
}

impl Guess {
    /// Whether the text was a bare digit string that reads both ways.
    pub fn is_ambiguous(&self) -> bool {
        matches!(self, Guess::Either { .. })
    }

    /// The value, reading an ambiguous text as hex (certificate tools print serials in hex).
    pub fn prefer_hex(self) -> SerialNumber {
        match self {
            Guess::Known(_, value) | Guess::Either { hex: value, .. } => value,
        }
    }

    /// The value if the notation was certain, else [`SerialError::Ambiguous`] naming `input`.
    pub(super) fn unambiguous(self, input: &str) -> Result<SerialNumber, SerialError> {
        match self {
            Guess::Known(_, value) => Ok(value),
            Guess::Either { hex, decimal } => Err(SerialError::Ambiguous(Box::new(Ambiguity {
                input: input.to_owned(),
                hex,
                decimal,
            }))),
        }
    }
}

pub(super) fn guess(reader: &SerialReader, text: &str) -> Result<Guess, SerialError> {
    let start = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    for (prefix, notation) in [
        ("hex:", Notation::Hex),
        ("dec:", Notation::Decimal),
        ("der:", Notation::Der),
        ("serial=", Notation::Hex),
    ] {
        if let Some(rest) = strip_prefix_ignore_case(trimmed, prefix) {
            let at = start + prefix.len();
            let value = match notation {
                Notation::Hex => parse_hex_value(reader, rest, at)?,
                Notation::Decimal => parse_decimal(reader, rest, at)?,
                Notation::Der => with_hex_bytes(rest, at, |der| asn1::decode_tlv(reader, der))??,
            };
            return Ok(Guess::Known(notation, value));
        }
    }
    let unsigned = trimmed.strip_prefix('-').unwrap_or(trimmed);
    let bare_digits = !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit());
    if bare_digits {
        return Ok(Guess::Either {
            hex: parse_hex_value(reader, trimmed, start)?,
            decimal: parse_decimal(reader, trimmed, start)?,
        });
    }
    // `0x`, separators or hex letters: hex, and a bad character is reported as a hex error.
    Ok(Guess::Known(
        Notation::Hex,
        parse_hex_value(reader, trimmed, start)?,
    ))
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// Hex of a value: optional `-`, optional `0x`, digits with separators.
pub(super) fn parse_hex_value(
    reader: &SerialReader,
    text: &str,
    offset: usize,
) -> Result<SerialNumber, SerialError> {
    let (negative, text, offset) = split_sign(text, offset);
    let (text, offset) = match strip_prefix_ignore_case(text, "0x") {
        Some(rest) => (rest, offset + 2),
        None => (text, offset),
    };
    // The common case: digits only, of a non-negative value of RFC 5280's size, read into
    // limbs and stored from them without copying octets around.
    if !negative && let Some(limbs) = read_small_hex(text.as_bytes()) {
        reader.check_octets(content_len_of_limbs(limbs))?;
        return Ok(SerialNumber::from_limbs(limbs));
    }
    let serial = with_hex_bytes(text, offset, |magnitude| {
        SerialNumber::from_sign_magnitude(negative, magnitude)
    })?;
    reader.check_octets(serial.as_der_content().len())?;
    Ok(serial)
}

fn split_sign(text: &str, offset: usize) -> (bool, &str, usize) {
    match text.strip_prefix('-') {
        Some(rest) => (true, rest, offset + 1),
        None => (false, text, offset),
    }
}

/// Decodes hex digits, with `:` or space between them and an odd count allowed (a leading zero
/// nibble is implied), into big-endian octets handed to `f`.
fn with_hex_bytes<R>(
    text: &str,
    offset: usize,
    f: impl FnOnce(&[u8]) -> R,
) -> Result<R, SerialError> {
    let bytes = text.as_bytes();
    if bytes.is_empty() {
        return Err(SerialError::Empty);
    }
    // Enough room for digits only; separators only make the value shorter.
    with_scratch(bytes.len().div_ceil(2), |out: &mut [u8]| {
        let len = match decode_plain_hex(bytes, out) {
            Some(len) => len,
            None => decode_separated_hex(text, offset, out)?,
        };
        Ok(f(out.get(..len).unwrap_or(&[])))
    })
}

/// The common case in one pass: nothing but hex digits. `None` if any other byte occurs.
fn decode_plain_hex(bytes: &[u8], out: &mut [u8]) -> Option<usize> {
    let (head, pairs) = bytes.split_at(bytes.len() % 2);
    let (head_slot, out) = out.split_at_mut(head.len().min(out.len()));
    let mut seen = 0u8;
    // `head` first: `zip` then stops without taking a slot when there is no odd digit.
    for (&digit, slot) in head.iter().zip(head_slot) {
        let value = hex_digit(digit);
        seen |= value;
        *slot = value;
    }
    // Eight digits at a time in the lanes of a `u64`, the rest one pair at a time.
    let blocks = pairs.chunks_exact(8);
    let rest = blocks.remainder();
    let mut slots = out.chunks_exact_mut(4);
    for (block, slot) in blocks.zip(slots.by_ref()) {
        let decoded = block
            .try_into()
            .ok()
            .and_then(|block| decode_eight_hex(u64::from_be_bytes(block)))?;
        slot.copy_from_slice(&decoded.to_be_bytes());
    }
    let out = slots.into_remainder();
    for (pair, slot) in rest.chunks_exact(2).zip(out.iter_mut()) {
        if let &[high, low] = pair {
            let (high, low) = (hex_digit(high), hex_digit(low));
            seen |= high | low;
            *slot = (high << 4) | low;
        }
    }
    (seen < 16).then_some(bytes.len().div_ceil(2))
}

/// The little-endian limbs of up to 40 hex digits (20 octets) and nothing else, eight digits
/// at a time, the value shifted in from the right; `None` for an empty, longer or other text,
/// which the general path then reads or reports.
fn read_small_hex(digits: &[u8]) -> Option<[u64; 3]> {
    /// ASCII `0` in every byte of a word.
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    if digits.is_empty() || digits.len() > 40 {
        return None;
    }
    // The digits before the first whole block, 0 to 7 of them, end a word behind `0` digits,
    // which add nothing to the value.
    let head = digits.len() % 8;
    let head_word = match digits.first_chunk::<8>() {
        // The first eight digits shifted right; those shifted out start the first block.
        Some(first) => {
            u64::from_be_bytes(*first)
                .checked_shr(8 * (8 - head) as u32)
                .unwrap_or(0)
                | (ZEROS << (8 * head))
        }
        None => digits
            .iter()
            .fold(ZEROS, |acc, &d| (acc << 8) | u64::from(d)),
    };
    let [mut low, mut middle, mut high] = [0u64; 3];
    let blocks = digits.get(head..)?.chunks_exact(8);
    for word in core::iter::once(head_word)
        .chain(blocks.map(|b| b.try_into().map_or(0, u64::from_be_bytes)))
    {
        let value = u64::from(decode_eight_hex(word)?);
        high = (high << 32) | (middle >> 32);
        middle = (middle << 32) | (low >> 32);
        low = (low << 32) | value;
    }
    Some([low, middle, high])
}

/// The value of eight ASCII hex digits (the first in the highest byte, as a big-endian load
/// puts it), or `None` if any byte is not a hex digit. Range checks run in all eight byte lanes
/// at once: for a byte `b` below 0x80, `b + (0x80 - lo)` has its top bit set exactly when
/// `b >= lo`, without carrying into the next lane. A byte from 0x80 may carry into the next
/// lane, but it fails the check itself.
fn decode_eight_hex(chars: u64) -> Option<u32> {
    const LANES: u64 = 0x0101_0101_0101_0101;
    const TOP: u64 = 0x80 * LANES;
    let at_least = |x: u64, lo: u8| x.wrapping_add((0x80 - u64::from(lo)) * LANES);
    let lower = chars | (0x20 * LANES);
    let digit = at_least(chars, b'0') & !at_least(chars, b'9' + 1);
    let letter = at_least(lower, b'a') & !at_least(lower, b'f' + 1);
    if (digit | letter) & !chars & TOP != TOP {
        return None;
    }
    // A letter's low nibble is its value minus 9 ('a' = 0x61, 'A' = 0x41).
    let nibbles = (chars & (0x0f * LANES)) + ((letter & TOP) >> 7) * 9;
    // Each odd byte (counting from the highest) takes the nibble above it, then the pairs and
    // quadruples close up.
    let octets = (nibbles | (nibbles >> 4)) & 0x00ff_00ff_00ff_00ff;
    let octets = (octets | (octets >> 8)) & 0x0000_ffff_0000_ffff;
    Some((octets | (octets >> 16)) as u32)
}

/// Digits with separators, checked character by character so that errors carry the offset.
fn decode_separated_hex(text: &str, offset: usize, out: &mut [u8]) -> Result<usize, SerialError> {
    let bytes = text.as_bytes();
    let mut digits = 0usize;
    let mut pending_separator = None;
    for (i, &byte) in bytes.iter().enumerate() {
        if hex_digit(byte) < 16 {
            digits += 1;
            pending_separator = None;
        } else if byte == b':' || byte == b' ' {
            let ch = char::from(byte);
            if digits == 0 || pending_separator.is_some() {
                return Err(SerialError::UnexpectedSeparator {
                    ch,
                    offset: offset + i,
                });
            }
            pending_separator = Some((ch, offset + i));
        } else {
            // Every byte before this one is ASCII, so a character starts here.
            let ch = text
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            return Err(SerialError::InvalidHexDigit {
                ch,
                offset: offset + i,
            });
        }
    }
    if let Some((ch, offset)) = pending_separator {
        return Err(SerialError::UnexpectedSeparator { ch, offset });
    }
    if digits == 0 {
        return Err(SerialError::Empty);
    }
    let len = digits.div_ceil(2);
    let mut nibbles = bytes.iter().map(|&b| hex_digit(b)).filter(|&v| v < 16);
    let mut slots = out.iter_mut().take(len);
    // An odd count puts the first digit in the low nibble of the first octet.
    if digits % 2 == 1
        && let (Some(slot), Some(low)) = (slots.next(), nibbles.next())
    {
        *slot = low;
    }
    for slot in slots {
        let high = nibbles.next().unwrap_or(0);
        let low = nibbles.next().unwrap_or(0);
        *slot = (high << 4) | low;
    }
    Ok(len)
}

/// A hex digit's value, or [`NOT_HEX`] for any other byte.
fn hex_digit(byte: u8) -> u8 {
    HEX_DIGITS
        .get(usize::from(byte))
        .copied()
        .unwrap_or(NOT_HEX)
}

/// Marks a byte that is not a hex digit in [`HEX_DIGITS`]; any value with a bit above the low
/// nibble would do.
const NOT_HEX: u8 = 0xff;

/// Each byte's value as a hex digit, or [`NOT_HEX`]: one load per character.
static HEX_DIGITS: [u8; 256] = {
    let mut table = [NOT_HEX; 256];
    let mut byte = 0u8;
    loop {
        // Evaluated at compile time: an out-of-range index would fail the build, not panic.
        #[allow(clippy::indexing_slicing)]
        {
            table[byte as usize] = match byte {
                b'0'..=b'9' => byte - b'0',
                b'a'..=b'f' => byte - b'a' + 10,
                b'A'..=b'F' => byte - b'A' + 10,
                _ => NOT_HEX,
            };
        }
        if byte == u8::MAX {
            break table;
        }
        byte += 1;
    }
};

/// Decimal digits with an optional `-`.
pub(super) fn parse_decimal(
    reader: &SerialReader,
    text: &str,
    offset: usize,
) -> Result<SerialNumber, SerialError> {
    let (negative, digits, offset) = split_sign(text, offset);
    // A value of `max` octets has at most ceil(8 * max * log10 2) < 2.41 * max + 1 digits;
    // refusing longer texts up front keeps the quadratic conversion bounded.
    let max_digits = reader.max_octets().saturating_mul(241) / 100 + 2;
    // The common case in one pass: digits only, at most 57 of them. Counting leading zeros in
    // the bound keeps this path from accepting a text the general path below would refuse as
    // too long; that path also finds the offset of any bad character.
    if digits.len() <= max_digits
        && let Some(limbs) = radix::read_small_decimal(digits.as_bytes())
    {
        if !negative {
            reader.check_octets(content_len_of_limbs(limbs))?;
            return Ok(SerialNumber::from_limbs(limbs));
        }
        let serial = SerialNumber::from_sign_magnitude(true, &limbs_to_be(limbs));
        reader.check_octets(serial.as_der_content().len())?;
        return Ok(serial);
    }
    if let Some((i, ch)) = digits.char_indices().find(|(_, ch)| !ch.is_ascii_digit()) {
        return Err(SerialError::InvalidDecimalDigit {
            ch,
            offset: offset + i,
        });
    }
    if digits.is_empty() {
        return Err(SerialError::Empty);
    }
    let significant = digits.trim_start_matches('0').as_bytes();
    if significant.len() > max_digits {
        return Err(SerialError::TooLong {
            octets: (significant.len() - 1) * 415 / 1000 + 1,
            max: reader.max_octets(),
        });
    }
    let serial = radix::decimal_to_be(significant, |magnitude| {
        SerialNumber::from_sign_magnitude(negative, magnitude)
    });
    reader.check_octets(serial.as_der_content().len())?;
    Ok(serial)
}

/// Writes the magnitude in hex, `-` first when negative and `0x` after it when asked. Digits go
/// out in blocks from a stack buffer, so no length of value allocates.
pub(super) fn write_hex(
    serial: &SerialNumber,
    w: &mut impl fmt::Write,
    style: HexStyle,
    prefix: bool,
) -> fmt::Result {
    match (serial.is_negative(), prefix) {
        (true, true) => w.write_str("-0x")?,
        (true, false) => w.write_str("-")?,
        (false, true) => w.write_str("0x")?,
        (false, false) => {}
    }
    serial.with_magnitude(|magnitude| write_hex_magnitude(magnitude, w, style))
}

/// Writes the hex digits of magnitude octets, two per octet from a table, in blocks of up to
/// 32 octets (one block for any RFC 5280 serial), so the writer sees one `write_str` per block.
pub(super) fn write_hex_magnitude(
    magnitude: &[u8],
    w: &mut impl fmt::Write,
    style: HexStyle,
) -> fmt::Result {
    let pairs = match style {
        HexStyle::Upper => &HEX_PAIRS_UPPER,
        HexStyle::Lower | HexStyle::Colon => &HEX_PAIRS_LOWER,
    };
    // `get` on a 256-entry table with a `u8` index always succeeds; the compiler drops the
    // fallback.
    let pair = |byte: u8| pairs.get(usize::from(byte)).copied().unwrap_or(*b"00");
    if style == HexStyle::Colon {
        for (block_index, block) in magnitude.chunks(16).enumerate() {
            // `:xx` per octet; the very first octet goes without its colon.
            let mut buf = [b':'; 48];
            for (slot, &byte) in buf.chunks_exact_mut(3).zip(block) {
                if let [_, high, low] = slot {
                    [*high, *low] = pair(byte);
                }
            }
            let skip = usize::from(block_index == 0);
            write_ascii(w, buf.get(skip..3 * block.len()).unwrap_or(&[]))?;
        }
        return Ok(());
    }
    for block in magnitude.chunks(32) {
        let mut buf = [0u8; 64];
        for (slot, &byte) in buf.chunks_exact_mut(2).zip(block) {
            slot.copy_from_slice(&pair(byte));
        }
        write_ascii(w, buf.get(..2 * block.len()).unwrap_or(&[]))?;
    }
    Ok(())
}

/// Appends the lowercase hex of magnitude octets to a `String`: each octet's two digits are a
/// slice of [`HEX_PAIR_TEXT`], which needs no UTF-8 check, copied inline (building the digits in
/// a buffer first, as [`write_hex_magnitude`] must for a `Formatter`, costs a `from_utf8` call
/// and a `memcpy` call more).
pub(super) fn push_hex_magnitude(magnitude: &[u8], out: &mut String) {
    for &octet in magnitude {
        let at = 2 * usize::from(octet);
        out.push_str(HEX_PAIR_TEXT.get(at..at + 2).unwrap_or("00"));
    }
}

/// Writes bytes known to be ASCII. The UTF-8 check never fails; it is the price of staying
/// free of `unsafe`, a few nanoseconds for a serial's digits.
fn write_ascii(w: &mut impl fmt::Write, ascii: &[u8]) -> fmt::Result {
    w.write_str(core::str::from_utf8(ascii).map_err(|_| fmt::Error)?)
}

/// The two lowercase hex digits of every octet: one load per octet when writing.
static HEX_PAIRS_LOWER: [[u8; 2]; 256] = hex_pairs(b"0123456789abcdef");
/// The same as one text, `"000102…feff"`.
static HEX_PAIR_TEXT: &str = match core::str::from_utf8(HEX_PAIRS_LOWER.as_flattened()) {
    Ok(text) => text,
    // Evaluated at compile time: the table is ASCII, and anything else fails the build.
    Err(_) => panic!("the hex digit table is not ASCII"),
};
/// The two upper-case hex digits of every octet.
static HEX_PAIRS_UPPER: [[u8; 2]; 256] = hex_pairs(b"0123456789ABCDEF");

const fn hex_pairs(digits: &[u8; 16]) -> [[u8; 2]; 256] {
    let mut table = [[0u8; 2]; 256];
    let mut byte = 0usize;
    while byte < 256 {
        // Evaluated at compile time: an out-of-range index would fail the build, not panic.
        #[allow(clippy::indexing_slicing)]
        {
            table[byte] = [digits[byte >> 4], digits[byte & 0x0f]];
        }
        byte += 1;
    }
    table
}

/// Displays a serial number in hex; made by [`SerialNumber::hex`].
#[derive(Clone, Copy, Debug)]
pub struct HexDisplay<'a> {
    pub(super) serial: &'a SerialNumber,
    pub(super) style: HexStyle,
}

impl fmt::Display for HexDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_hex(self.serial, f, self.style, false)
    }
}

/// Displays a serial number in decimal; made by [`SerialNumber::decimal`].
#[derive(Clone, Copy, Debug)]
pub struct DecimalDisplay<'a> {
    pub(super) serial: &'a SerialNumber,
}

impl fmt::Display for DecimalDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.serial.is_negative() {
            f.write_str("-")?;
        }
        self.serial
            .with_magnitude(|magnitude| radix::write_decimal(magnitude, f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushed_hex_is_the_hex_the_standard_library_prints() {
        let mut value = 0x0123_4567_89ab_cdefu64;
        for step in 0..1000 {
            value = value.rotate_left(5) ^ value.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            let octets = value.to_be_bytes();
            let magnitude = octets.get(step % 8..).unwrap_or(&[]);
            let mut pushed = String::new();
            push_hex_magnitude(magnitude, &mut pushed);
            let expected: String = magnitude.iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(pushed, expected);
        }
        // Every octet's pair.
        let all: Vec<u8> = (0..=u8::MAX).collect();
        let mut pushed = String::new();
        push_hex_magnitude(&all, &mut pushed);
        assert_eq!(
            pushed,
            all.iter().map(|b| format!("{b:02x}")).collect::<String>()
        );
    }

    #[test]
    fn the_small_hex_reader_agrees_with_the_general_one() {
        let general = |text: &str| {
            with_hex_bytes(text, 0, |m| SerialNumber::from_sign_magnitude(false, m)).unwrap()
        };
        let mut texts = vec![
            "0".to_owned(),
            "00".to_owned(),
            "80".to_owned(),
            "7f".to_owned(),
        ];
        let mut cycling = String::new();
        for length in 1..=40 {
            cycling.push(char::from(b"0123456789abcdefABCDEF"[length % 22]));
            texts.extend([
                cycling.clone(),
                "f".repeat(length),
                format!("8{}", "0".repeat(length - 1)),
                format!("{}1", "0".repeat(length - 1)),
            ]);
        }
        for text in &texts {
            let limbs = read_small_hex(text.as_bytes()).unwrap();
            let small = SerialNumber::from_limbs(limbs);
            assert_eq!(
                small.as_der_content(),
                general(text).as_der_content(),
                "{text}"
            );
        }
        for text in ["", "0x12", "12:34", "12g4", "-1", &"1".repeat(41)] {
            assert_eq!(read_small_hex(text.as_bytes()), None, "{text}");
        }
    }

    #[test]
    fn eight_digit_blocks_decode_every_hex_character_and_refuse_the_rest() {
        for byte in 0..=u8::MAX {
            let mut block = *b"0a1B2c3D";
            for position in 0..8 {
                let original = block[position];
                block[position] = byte;
                let decoded = decode_eight_hex(u64::from_be_bytes(block));
                let expected = block
                    .iter()
                    .all(u8::is_ascii_hexdigit)
                    .then(|| {
                        let text = core::str::from_utf8(&block).unwrap_or("");
                        u32::from_str_radix(text, 16).ok()
                    })
                    .flatten();
                assert_eq!(decoded, expected, "{block:?}");
                block[position] = original;
            }
        }
    }
}
