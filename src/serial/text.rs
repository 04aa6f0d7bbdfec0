//! Text notations: hex and decimal in, hex and decimal out, and telling them apart.

use core::fmt;

use super::{SerialError, SerialNumber, SerialReader, asn1, radix, with_scratch};

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
pub enum Notation {
    /// Hexadecimal digits of the value.
    Hex,
    /// Decimal digits of the value.
    Decimal,
    /// Hex of a whole DER TLV (`der:020101`).
    Der,
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
            Guess::Either { hex, decimal } => Err(SerialError::Ambiguous {
                input: input.to_owned(),
                hex: Box::new(hex),
                decimal: Box::new(decimal),
            }),
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
    let mut digits = 0usize;
    let mut pending_separator = None;
    for (i, ch) in text.char_indices() {
        match ch {
            ':' | ' ' => {
                if digits == 0 || pending_separator.is_some() {
                    return Err(SerialError::UnexpectedSeparator {
                        ch,
                        offset: offset + i,
                    });
                }
                pending_separator = Some((ch, offset + i));
            }
            _ if ch.is_ascii_hexdigit() => {
                digits += 1;
                pending_separator = None;
            }
            _ => {
                return Err(SerialError::InvalidHexDigit {
                    ch,
                    offset: offset + i,
                });
            }
        }
    }
    if let Some((ch, offset)) = pending_separator {
        return Err(SerialError::UnexpectedSeparator { ch, offset });
    }
    if digits == 0 {
        return Err(SerialError::Empty);
    }
    Ok(with_scratch(digits.div_ceil(2), |bytes: &mut [u8]| {
        // An odd count puts the first digit in the low nibble of the first octet.
        for (nibble, value) in (digits % 2..).zip(text.bytes().filter_map(hex_value)) {
            if let Some(byte) = bytes.get_mut(nibble / 2) {
                *byte |= if nibble.is_multiple_of(2) {
                    value << 4
                } else {
                    value
                };
            }
        }
        f(bytes)
    }))
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Decimal digits with an optional `-`.
pub(super) fn parse_decimal(
    reader: &SerialReader,
    text: &str,
    offset: usize,
) -> Result<SerialNumber, SerialError> {
    let (negative, digits, offset) = split_sign(text, offset);
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
    // A value of `max` octets has at most ceil(8 * max * log10 2) < 2.41 * max + 1 digits;
    // refusing longer texts up front keeps the quadratic conversion bounded.
    let max_digits = reader.max_octets().saturating_mul(241) / 100 + 2;
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

/// Writes the magnitude in hex, `-` first when negative and `0x` after it when asked.
pub(super) fn write_hex(
    serial: &SerialNumber,
    w: &mut impl fmt::Write,
    style: HexStyle,
    prefix: bool,
) -> fmt::Result {
    if serial.is_negative() {
        w.write_char('-')?;
    }
    if prefix {
        w.write_str("0x")?;
    }
    let digits: &[u8; 16] = match style {
        HexStyle::Upper => b"0123456789ABCDEF",
        HexStyle::Lower | HexStyle::Colon => b"0123456789abcdef",
    };
    serial.with_magnitude(|magnitude| {
        for (i, byte) in magnitude.iter().enumerate() {
            if style == HexStyle::Colon && i > 0 {
                w.write_char(':')?;
            }
            for nibble in [byte >> 4, byte & 0x0f] {
                let digit = digits.get(usize::from(nibble)).copied().unwrap_or(b'0');
                w.write_char(char::from(digit))?;
            }
        }
        Ok(())
    })
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
