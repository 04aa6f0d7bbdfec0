//! Property tests for serial numbers: every reader/writer pair round-trips, and order, decimal
//! output and the canonical DER content agree with num-bigint as an oracle for values of up to
//! 64 octets of either sign.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use num_bigint::{BigInt, Sign};
use proptest::prelude::*;
use sote_certs::serial::{Guess, HexStyle, Notation};
use sote_certs::{SerialNumber, SerialReader};

type X509Serial = x509_cert::serial_number::SerialNumber;

/// A value of up to 64 magnitude octets (leading zeros included, so short values are common)
/// with a sign, and num-bigint's reading of it as the oracle.
fn value() -> impl Strategy<Value = (SerialNumber, BigInt)> {
    (any::<bool>(), prop::collection::vec(any::<u8>(), 0..=64)).prop_map(|(negative, magnitude)| {
        let sign = if negative { Sign::Minus } else { Sign::Plus };
        let oracle = BigInt::from_bytes_be(sign, &magnitude);
        // Built from text the test writes itself, so the oracle does not go through the
        // conversions under test.
        let digits: String = magnitude.iter().map(|b| format!("{b:02x}")).collect();
        let text = format!("{}0x0{digits}", if negative { "-" } else { "" });
        let serial = SerialNumber::from_hex(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        (serial, oracle)
    })
}

/// Byte strings that are often close to an INTEGER TLV: mostly tag `02`, a short or long-form
/// length near the real one, then content with the occasional redundant sign octet.
fn der_like() -> impl Strategy<Value = Vec<u8>> {
    let near = (
        prop_oneof![8 => Just(0x02u8), 1 => any::<u8>()],
        prop_oneof![
            4 => Just(None),
            1 => Just(Some(0x80u8)),
            1 => (0x81u8..=0x85).prop_map(Some)
        ],
        -2i32..=2,
        prop::collection::vec(any::<u8>(), 0..40),
    )
        .prop_map(|(tag, long, delta, content)| {
            let len = (content.len() as i32 + delta).clamp(0, 255) as u8;
            let mut der = vec![tag];
            match long {
                None => der.push(len),
                Some(0x80) => der.push(0x80),
                Some(form) => {
                    der.push(form);
                    der.extend(std::iter::repeat_n(0, usize::from(form - 0x81)));
                    der.push(len);
                }
            }
            der.extend(content);
            der
        });
    prop_oneof![near, prop::collection::vec(any::<u8>(), 0..40)]
}

fn hash_of(serial: &SerialNumber) -> u64 {
    let mut hasher = DefaultHasher::new();
    serial.hash(&mut hasher);
    hasher.finish()
}

/// A `fmt::Write` into a fixed buffer, as a caller without an allocator would use.
struct Fixed {
    buf: [u8; 256],
    len: usize,
}

impl core::fmt::Write for Fixed {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let end = self.len + s.len();
        self.buf
            .get_mut(self.len..end)
            .ok_or(core::fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn decimal_output_agrees_with_num_bigint((serial, oracle) in value()) {
        prop_assert_eq!(serial.to_decimal_string(), oracle.to_str_radix(10));
    }

    #[test]
    fn canonical_content_agrees_with_num_bigint((serial, oracle) in value()) {
        prop_assert_eq!(serial.as_der_content(), &oracle.to_signed_bytes_be()[..]);
        prop_assert_eq!(serial.is_negative(), oracle.sign() == Sign::Minus);
        prop_assert_eq!(serial.is_zero(), oracle.sign() == Sign::NoSign);
        prop_assert_eq!(serial.bit_length(), oracle.bits());
        prop_assert_eq!(
            serial.interop().decimal_digits,
            oracle.magnitude().to_str_radix(10).len()
        );
    }

    #[test]
    fn order_agrees_with_num_bigint((a, a_big) in value(), (b, b_big) in value()) {
        prop_assert_eq!(a.cmp(&b), a_big.cmp(&b_big));
        prop_assert_eq!(a == b, a_big == b_big);
        prop_assert_eq!(a.partial_cmp(&b), Some(a_big.cmp(&b_big)));
        if a == b {
            prop_assert_eq!(hash_of(&a), hash_of(&b));
        }
    }

    #[test]
    fn order_is_consistent_for_near_values((serial, oracle) in value(), delta in -300i32..=300) {
        // Neighbours share most octets, which random pairs rarely do.
        let other_big = &oracle + delta;
        let other = SerialNumber::from_decimal(&other_big.to_str_radix(10)).unwrap();
        prop_assert_eq!(serial.cmp(&other), oracle.cmp(&other_big));
    }

    #[test]
    fn num_bigint_conversion_round_trips((serial, oracle) in value()) {
        prop_assert_eq!(BigInt::from(&serial), oracle.clone());
        prop_assert_eq!(SerialNumber::from(&oracle), serial);
    }

    #[test]
    fn hex_round_trips_in_every_style((serial, oracle) in value()) {
        for style in [HexStyle::Lower, HexStyle::Upper, HexStyle::Colon] {
            let text = serial.hex(style).to_string();
            prop_assert_eq!(SerialNumber::from_hex(&text).unwrap(), serial.clone(), "{}", text);
        }
        let lower = serial.to_hex_string();
        prop_assert_eq!(serial.hex(HexStyle::Upper).to_string(), lower.to_uppercase());
        prop_assert_eq!(serial.hex(HexStyle::Colon).to_string().replace(':', ""), lower.clone());
        // Minimal magnitude octets: even length, never a leading `00` unless zero.
        let digits = lower.trim_start_matches('-');
        prop_assert!(digits.len() % 2 == 0);
        prop_assert!(digits == "00" || !digits.starts_with("00"));
        prop_assert_eq!(
            BigInt::parse_bytes(lower.as_bytes(), 16).unwrap(),
            oracle
        );
    }

    #[test]
    fn decimal_round_trips((serial, _oracle) in value()) {
        let text = serial.to_decimal_string();
        prop_assert_eq!(SerialNumber::from_decimal(&text).unwrap(), serial.clone());
        let zeros = format!("dec:000{}", text.trim_start_matches('-'));
        let unsigned = zeros.parse::<SerialNumber>().unwrap();
        prop_assert_eq!(unsigned, serial.abs());
    }

    #[test]
    fn der_tlv_round_trips((serial, _oracle) in value()) {
        let der = serial.to_der();
        prop_assert_eq!(der.len(), serial.der_len());
        prop_assert_eq!(SerialNumber::from_der(&der).unwrap(), serial.clone());
        let mut buf = [0u8; 80];
        let written = serial.write_der(&mut buf).unwrap();
        prop_assert_eq!(&buf[..written], &der[..]);
        // The der crate decodes the same INTEGER.
        let int: der::asn1::Int = der::Decode::from_der(&der).unwrap();
        prop_assert_eq!(int.as_bytes(), serial.as_der_content());
        let text: String = der.iter().map(|b| format!("{b:02x}")).collect();
        prop_assert_eq!(format!("der:{text}").parse::<SerialNumber>().unwrap(), serial);
    }

    #[test]
    fn der_content_round_trips((serial, _oracle) in value()) {
        let content = serial.as_der_content();
        prop_assert_eq!(SerialNumber::from_der_content(content).unwrap(), serial.clone());
    }

    #[test]
    fn big_endian_bytes_round_trip_the_magnitude((serial, oracle) in value()) {
        let bytes = serial.to_be_bytes();
        prop_assert_eq!(&bytes, &oracle.magnitude().to_bytes_be());
        prop_assert_eq!(SerialNumber::from_be_bytes(&bytes).unwrap(), serial.abs());
        let mut buf = [0u8; 70];
        let written = serial.write_be_bytes(&mut buf).unwrap();
        prop_assert_eq!(&buf[..written], &bytes[..]);
    }

    #[test]
    fn little_endian_bytes_round_trip_the_magnitude((serial, oracle) in value()) {
        let bytes = serial.to_le_bytes();
        prop_assert_eq!(&bytes, &oracle.magnitude().to_bytes_le());
        prop_assert_eq!(SerialNumber::from_le_bytes(&bytes).unwrap(), serial.abs());
        let mut buf = [0u8; 70];
        let written = serial.write_le_bytes(&mut buf).unwrap();
        prop_assert_eq!(&buf[..written], &bytes[..]);
    }

    #[test]
    fn display_round_trips_through_from_str((serial, _oracle) in value()) {
        let text = serial.to_string();
        prop_assert_eq!(text.parse::<SerialNumber>().unwrap(), serial.clone());
        prop_assert_eq!(format!("{serial:#x}"), text.clone());
        prop_assert_eq!(format!("{serial:#X}").to_lowercase(), text.to_lowercase());
        let guess = SerialNumber::guess(&text).unwrap();
        prop_assert_eq!(guess, Guess::Known(Notation::Hex, serial));
    }

    #[test]
    fn fixed_buffer_writers_match_the_string_writers((serial, _oracle) in value()) {
        use core::fmt::Write;
        let mut out = Fixed { buf: [0; 256], len: 0 };
        write!(out, "{}", serial.decimal()).unwrap();
        let decimal = serial.to_decimal_string();
        prop_assert_eq!(&out.buf[..out.len], decimal.as_bytes());
        let mut out = Fixed { buf: [0; 256], len: 0 };
        write!(out, "{}", serial.hex(HexStyle::Colon)).unwrap();
        let colon = serial.hex(HexStyle::Colon).to_string();
        prop_assert_eq!(&out.buf[..out.len], colon.as_bytes());
    }

    #[test]
    fn bare_digit_strings_read_both_ways(digits in "-?[0-9]{1,60}") {
        let guess = SerialNumber::guess(&digits).unwrap();
        let hex = BigInt::parse_bytes(digits.as_bytes(), 16).unwrap();
        let decimal = BigInt::parse_bytes(digits.as_bytes(), 10).unwrap();
        prop_assert_eq!(
            guess.clone(),
            Guess::Either { hex: SerialNumber::from(&hex), decimal: SerialNumber::from(&decimal) }
        );
        prop_assert_eq!(BigInt::from(&guess.prefer_hex()), hex);
        prop_assert!(digits.parse::<SerialNumber>().is_err());
    }

    #[test]
    fn i128_round_trips(value in any::<i128>()) {
        let serial = SerialNumber::from(value);
        prop_assert_eq!(i128::try_from(&serial).unwrap(), value);
        prop_assert_eq!(serial.to_decimal_string(), value.to_string());
        prop_assert_eq!(serial.interop().fits.i128, true);
        prop_assert_eq!(serial.interop().fits.i64, i64::try_from(value).is_ok());
        prop_assert_eq!(serial.interop().fits.i32, i32::try_from(value).is_ok());
        prop_assert_eq!(serial.interop().fits.u64, u64::try_from(value).is_ok());
        prop_assert_eq!(serial.interop().fits.u32, u32::try_from(value).is_ok());
        prop_assert_eq!(serial.interop().fits.u128, u128::try_from(value).is_ok());
        prop_assert_eq!(i64::try_from(&serial).ok(), i64::try_from(value).ok());
        prop_assert_eq!(u64::try_from(&serial).ok(), u64::try_from(value).ok());
    }

    #[test]
    fn u128_round_trips(value in any::<u128>()) {
        let serial = SerialNumber::from(value);
        prop_assert_eq!(u128::try_from(&serial).unwrap(), value);
        prop_assert_eq!(serial.to_decimal_string(), value.to_string());
        let (ours, std) = (format!("{serial:x}"), format!("{value:x}"));
        prop_assert_eq!(ours.trim_start_matches('0'), std.trim_start_matches('0'));
        prop_assert_eq!(i128::try_from(&serial).ok(), i128::try_from(value).ok());
        prop_assert_eq!(serial.interop().fits.js_safe_integer, value < (1 << 53));
    }

    #[test]
    fn small_native_integers_round_trip(a in any::<i64>(), b in any::<u64>(), c in any::<i32>(), d in any::<u32>(), e in any::<i8>(), f in any::<u8>()) {
        prop_assert_eq!(i64::try_from(&SerialNumber::from(a)).unwrap(), a);
        prop_assert_eq!(u64::try_from(&SerialNumber::from(b)).unwrap(), b);
        prop_assert_eq!(i32::try_from(&SerialNumber::from(c)).unwrap(), c);
        prop_assert_eq!(u32::try_from(&SerialNumber::from(d)).unwrap(), d);
        prop_assert_eq!(i8::try_from(&SerialNumber::from(e)).unwrap(), e);
        prop_assert_eq!(u8::try_from(&SerialNumber::from(f)).unwrap(), f);
        prop_assert_eq!(SerialNumber::from(b), SerialNumber::from(u128::from(b)));
        prop_assert_eq!(SerialNumber::from(a), SerialNumber::from(i128::from(a)));
    }

    #[test]
    fn x509_cert_round_trips_positive_serials_of_up_to_20_octets(magnitude in prop::collection::vec(any::<u8>(), 1..=20)) {
        let serial = SerialNumber::from_be_bytes(&magnitude).unwrap();
        let report = serial.interop();
        match X509Serial::try_from(&serial) {
            Ok(theirs) => {
                prop_assert!(report.octets <= 20);
                prop_assert_eq!(SerialNumber::from(&theirs), serial.clone());
                prop_assert_eq!(der::Encode::to_der(&theirs).unwrap(), serial.to_der());
            }
            // x509-cert builds at most 20 content octets: a 20-octet magnitude with its top bit
            // set is the only positive value here that it refuses.
            Err(_) => prop_assert_eq!(report.octets, 21),
        }
        prop_assert_eq!(report.rfc5280, !serial.is_zero() && report.octets <= 20);
    }

    #[test]
    fn der_decoding_is_byte_exact(bytes in der_like()) {
        if let Ok(serial) = SerialNumber::from_der(&bytes) {
            prop_assert_eq!(serial.to_der(), bytes.clone());
        }
        // The der crate accepts the same inputs as a whole INTEGER TLV.
        let theirs: Result<der::asn1::Int, _> = der::Decode::from_der(&bytes);
        prop_assert_eq!(SerialNumber::from_der(&bytes).is_ok(), theirs.is_ok(), "{:02x?}", bytes);
    }

    #[test]
    fn der_integers_with_random_content_decode_byte_exact(content in prop::collection::vec(any::<u8>(), 0..200)) {
        // Well-formed TLV framing around arbitrary content: only the content rules decide.
        let mut der = vec![0x02];
        match content.len() {
            n @ 0..=0x7f => der.push(n as u8),
            n @ 0x80..=0xff => der.extend([0x81, n as u8]),
            n => der.extend([0x82, (n >> 8) as u8, n as u8]),
        }
        der.extend(&content);
        let minimal = match content.as_slice() {
            [] => false,
            [0x00, next, ..] => *next >= 0x80,
            [0xff, next, ..] => *next < 0x80,
            _ => true,
        };
        match SerialNumber::from_der(&der) {
            Ok(serial) => {
                prop_assert!(minimal);
                prop_assert_eq!(serial.to_der(), der);
                prop_assert_eq!(BigInt::from(&serial), BigInt::from_signed_bytes_be(&content));
            }
            Err(_) => prop_assert!(!minimal),
        }
    }

    #[test]
    fn text_readers_never_panic(text in "\\PC{0,40}") {
        let _ = text.parse::<SerialNumber>();
        let _ = SerialNumber::guess(&text);
        let _ = SerialNumber::from_hex(&text);
        let _ = SerialNumber::from_decimal(&text);
    }

    #[test]
    fn hex_like_text_parses_and_prints_back(text in "(hex:|dec:|serial=|0x|-0x)?[0-9a-fA-F]{1,3}([: ]?[0-9a-fA-F]{2}){0,30}") {
        if let Ok(serial) = text.parse::<SerialNumber>() {
            prop_assert_eq!(serial.to_string().parse::<SerialNumber>().unwrap(), serial);
        }
    }

    #[test]
    fn reader_bound_is_exact((serial, _oracle) in value(), max in 1usize..=70) {
        let reader = SerialReader::new().with_max_octets(max);
        let fits = serial.as_der_content().len() <= max;
        prop_assert_eq!(reader.der(&serial.to_der()).is_ok(), fits);
        prop_assert_eq!(reader.hex(&serial.to_hex_string()).is_ok(), fits);
        prop_assert_eq!(reader.decimal(&serial.to_decimal_string()).is_ok(), fits);
        let abs_fits = serial.abs().as_der_content().len() <= max;
        prop_assert_eq!(reader.be_bytes(&serial.to_be_bytes()).is_ok(), abs_fits);
        prop_assert_eq!(reader.le_bytes(&serial.to_le_bytes()).is_ok(), abs_fits);
    }
}
