//! Known answers for serial numbers through the public API: DVV's two examples, the serials of the
//! real certificates in `tests/fixtures/real/`, X.690 INTEGER edge cases, every DER error with its
//! offset, the input-size bound, the text notations, order and hashing across constructors, and
//! the interop report at each of its boundaries.

mod common;

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeSet, HashSet};
use std::hash::{Hash, Hasher};

use chrono::{DateTime, SecondsFormat, Utc};
use der::{Decode, DecodePem, Encode};
use num_bigint::BigInt;
use sote_certs::serial::{
    Fits, Guess, HexStyle, LengthProblem, Notation, SerialForm, embedded_issuance_time,
};
use sote_certs::{SerialError, SerialNumber, SerialReader};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;
type X509Serial = x509_cert::serial_number::SerialNumber;

const DVV_LEGACY_HEX: &str = "0bf4eab0";
const DVV_LEGACY_DEC: &str = "200600240";
const DVV_LONG_HEX: &str = "0100000168f0a805c366b43b5de968c691fb";
const DVV_LONG_DEC: &str = "87112293252494463413683796322992020427259";

fn millis(time: Option<DateTime<Utc>>) -> Option<String> {
    time.map(|t| t.to_rfc3339_opts(SecondsFormat::Millis, true))
}

fn hash_of(serial: &SerialNumber) -> u64 {
    let mut hasher = DefaultHasher::new();
    serial.hash(&mut hasher);
    hasher.finish()
}

fn big(serial: &SerialNumber) -> BigInt {
    BigInt::from(serial)
}

fn serial(value: &BigInt) -> SerialNumber {
    SerialNumber::from(value)
}

/// 2^n as a BigInt, for boundaries that native types cannot hold.
fn pow2(n: u32) -> BigInt {
    BigInt::from(1) << n
}

// --- DVV's examples -----------------------------------------------------------------------------

#[test]
fn dvv_legacy_example_reads_the_same_from_hex_and_decimal() -> Result {
    let from_hex = SerialNumber::from_hex(DVV_LEGACY_HEX)?;
    let from_decimal = SerialNumber::from_decimal(DVV_LEGACY_DEC)?;
    assert_eq!(from_hex, from_decimal);
    assert_eq!(u32::try_from(&from_hex)?, 0x0bf4_eab0);
    assert_eq!(u32::try_from(&from_decimal)?, 200_600_240);
    Ok(())
}

#[test]
fn dvv_legacy_example_writes_every_notation() -> Result {
    let serial = SerialNumber::from_decimal(DVV_LEGACY_DEC)?;
    assert_eq!(serial.to_hex_string(), DVV_LEGACY_HEX);
    assert_eq!(serial.to_decimal_string(), DVV_LEGACY_DEC);
    assert_eq!(serial.hex(HexStyle::Upper).to_string(), "0BF4EAB0");
    assert_eq!(serial.hex(HexStyle::Colon).to_string(), "0b:f4:ea:b0");
    assert_eq!(serial.to_string(), "0x0bf4eab0");
    assert_eq!(
        format!("{serial:x} {serial:X} {serial:#X}"),
        "0bf4eab0 0BF4EAB0 0x0BF4EAB0"
    );
    assert_eq!(serial.to_der(), [0x02, 0x04, 0x0b, 0xf4, 0xea, 0xb0]);
    assert_eq!(serial.as_der_content(), [0x0b, 0xf4, 0xea, 0xb0]);
    assert_eq!(serial.to_be_bytes(), [0x0b, 0xf4, 0xea, 0xb0]);
    assert_eq!(serial.to_le_bytes(), [0xb0, 0xea, 0xf4, 0x0b]);
    Ok(())
}

#[test]
fn dvv_legacy_example_interop_report() -> Result {
    let report = SerialNumber::from_hex(DVV_LEGACY_HEX)?.interop();
    assert_eq!(
        (report.octets, report.bits, report.decimal_digits),
        (4, 28, 9)
    );
    assert_eq!(report.form, SerialForm::Legacy32);
    assert!(report.rfc5280 && !report.negative);
    assert_eq!(report.embedded_time, None);
    let all = Fits {
        i32: true,
        u32: true,
        i64: true,
        u64: true,
        i128: true,
        u128: true,
        js_safe_integer: true,
        decimal38: true,
    };
    assert_eq!(report.fits, all);
    Ok(())
}

#[test]
fn dvv_long_example_reads_the_same_from_hex_and_decimal() -> Result {
    let from_hex = SerialNumber::from_hex(DVV_LONG_HEX)?;
    let from_decimal = SerialNumber::from_decimal(DVV_LONG_DEC)?;
    assert_eq!(from_hex, from_decimal);
    // num-bigint as an independent oracle for the published pair.
    let oracle = BigInt::parse_bytes(DVV_LONG_HEX.as_bytes(), 16).ok_or("oracle")?;
    assert_eq!(oracle.to_str_radix(10), DVV_LONG_DEC);
    assert_eq!(big(&from_hex), oracle);
    Ok(())
}

#[test]
fn dvv_long_example_writes_every_notation() -> Result {
    let serial = SerialNumber::from_decimal(DVV_LONG_DEC)?;
    assert_eq!(serial.to_hex_string(), DVV_LONG_HEX);
    assert_eq!(serial.to_decimal_string(), DVV_LONG_DEC);
    assert_eq!(
        serial.hex(HexStyle::Upper).to_string(),
        "0100000168F0A805C366B43B5DE968C691FB"
    );
    assert_eq!(
        serial.hex(HexStyle::Colon).to_string(),
        "01:00:00:01:68:f0:a8:05:c3:66:b4:3b:5d:e9:68:c6:91:fb"
    );
    let mut der = vec![0x02, 0x12];
    der.extend_from_slice(&[
        0x01, 0x00, 0x00, 0x01, 0x68, 0xf0, 0xa8, 0x05, 0xc3, 0x66, 0xb4, 0x3b, 0x5d, 0xe9, 0x68,
        0xc6, 0x91, 0xfb,
    ]);
    assert_eq!(serial.to_der(), der);
    assert_eq!(SerialNumber::from_der(&der)?, serial);
    Ok(())
}

#[test]
fn dvv_long_example_interop_report() -> Result {
    let report = SerialNumber::from_hex(DVV_LONG_HEX)?.interop();
    assert_eq!(
        (report.octets, report.bits, report.decimal_digits),
        (18, 137, 41)
    );
    assert_eq!(report.form, SerialForm::Long);
    assert!(report.rfc5280 && !report.negative);
    assert_eq!(
        millis(report.embedded_time).as_deref(),
        Some("2019-02-15T10:16:09.923Z")
    );
    let none = Fits {
        i32: false,
        u32: false,
        i64: false,
        u64: false,
        i128: false,
        u128: false,
        js_safe_integer: false,
        decimal38: false,
    };
    assert_eq!(report.fits, none);
    Ok(())
}

#[test]
fn dvv_long_example_does_not_fit_u128_and_says_so() -> Result {
    let serial = SerialNumber::from_hex(DVV_LONG_HEX)?;
    let error = u128::try_from(&serial)
        .err()
        .ok_or("u128 accepted a 137-bit value")?;
    assert_eq!(
        error.to_string(),
        format!("serial number {DVV_LONG_DEC} does not fit in u128")
    );
    Ok(())
}

// --- Real certificates --------------------------------------------------------------------------

/// Serials of `tests/fixtures/real/*.pem` in decimal and their embedded issuance time, worked
/// out independently (Python's `int(hex, 16)` and `datetime.fromtimestamp`).
const REAL: [(&str, &str, Option<&str>); 12] = [
    (
        "kela-dcc-dsc-prod-2021-06-18-vrk-sote-ca",
        "504560785",
        None,
    ),
    (
        "kela-dcc-dsc-prod-2021-12-20-dvv-g3e",
        "7744672056552925356884585574637961",
        Some("2021-12-20T11:01:39.395Z"),
    ),
    (
        "kela-dcc-dsc-prod-2022-06-22-dvv-g3e",
        "7819695854661377887729460848432849",
        Some("2022-06-22T08:03:26.601Z"),
    ),
    (
        "kela-dcc-dsc-prod-2022-12-21-dvv-g3e",
        "7894063292235831136935859434371426",
        Some("2022-12-21T14:28:44.058Z"),
    ),
    (
        "kela-dcc-dsc-prod-2023-05-30-dvv-g3e",
        "7959251053664371917705487334628754",
        Some("2023-05-30T08:56:09.480Z"),
    ),
    (
        "kela-dcc-dsc-prod-2023-12-12-dvv-g3e",
        "8039230703667986299148467947769606",
        Some("2023-12-12T09:28:39.146Z"),
    ),
    (
        "kela-dcc-dsc-test-2021-06-08-vrk-sote-ca",
        "504500193",
        None,
    ),
    (
        "kela-dcc-dsc-test-2021-06-11-vrk-sote-ca-eku",
        "504550721",
        None,
    ),
    (
        "related-dvv-ca-fineid-intermediate-00-citizen-g3",
        "200003",
        None,
    ),
    (
        "related-dvv-ca-fineid-intermediate-01-citizen-g4e",
        "7659412006479036177480105526504099",
        Some("2021-05-25T11:53:01.520Z"),
    ),
    (
        "related-dvv-ca-fineid-intermediate-02-citizen-g4r",
        "7659410300060613705021843406628214",
        Some("2021-05-25T11:47:00.172Z"),
    ),
    (
        "related-dvv-ca-fineid-intermediate-03-organisation-g4r",
        "7659413423516931801881188845922461",
        Some("2021-05-25T11:58:01.590Z"),
    ),
];

fn fixture(name: &str, ext: &str) -> Result<String> {
    let path = format!(
        "{}/tests/fixtures/real/{name}.{ext}",
        env!("CARGO_MANIFEST_DIR")
    );
    Ok(std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?)
}

/// The serial as OpenSSL wrote it in the provenance note: the `serial=` line and the notations of
/// the `Serial Number:` entry of `-text` (`N (0xH)` for small values, colon hex on the next line
/// for long ones).
fn openssl_notations(note: &str) -> Result<(String, Vec<String>)> {
    let lines: Vec<&str> = note.lines().collect();
    let serial_line = lines
        .iter()
        .find(|line| line.starts_with("serial="))
        .ok_or("no serial= line")?;
    let entry = lines
        .iter()
        .position(|line| line.trim_start().starts_with("Serial Number:"))
        .ok_or("no Serial Number: entry")?;
    let rest = lines[entry].trim_start()["Serial Number:".len()..].trim();
    let text = match rest.split_once(' ') {
        // `504560785 (0x1e12fc91)`
        Some((decimal, hex)) => vec![
            format!("dec:{decimal}"),
            hex.trim_matches(|c| c == '(' || c == ')').to_owned(),
        ],
        None => vec![
            lines
                .get(entry + 1)
                .ok_or("no colon hex line")?
                .trim()
                .to_owned(),
        ],
    };
    Ok((serial_line.to_string(), text))
}

#[test]
fn real_certificates_serials_match_openssl_and_known_decimals() -> Result {
    let dir = format!("{}/tests/fixtures/real", env!("CARGO_MANIFEST_DIR"));
    let pem_files = std::fs::read_dir(&dir)?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "pem"))
        .count();
    assert_eq!(pem_files, REAL.len(), "every fixture has a known answer");

    for (name, decimal, time) in REAL {
        let certificate = x509_cert::Certificate::from_pem(fixture(name, "pem")?.as_bytes())?;
        let theirs = certificate.tbs_certificate().serial_number();
        let ours = SerialNumber::from(theirs);

        assert_eq!(ours.to_decimal_string(), decimal, "{name}");
        assert_eq!(SerialNumber::from_decimal(decimal)?, ours, "{name}");
        assert_eq!(ours.to_der(), theirs.to_der()?, "{name}: DER");
        assert_eq!(SerialNumber::from_der(&theirs.to_der()?)?, ours, "{name}");
        assert_eq!(ours.as_der_content(), theirs.as_bytes(), "{name}");
        assert_eq!(
            millis(ours.interop().embedded_time).as_deref(),
            time,
            "{name}"
        );
        assert!(ours.interop().rfc5280, "{name}");

        let (serial_line, text) = openssl_notations(&fixture(name, "txt")?)?;
        assert_eq!(
            serial_line.parse::<SerialNumber>()?,
            ours,
            "{name}: {serial_line}"
        );
        assert_eq!(
            format!("serial={}", ours.hex(HexStyle::Upper)),
            serial_line,
            "{name}"
        );
        for notation in text {
            assert_eq!(
                notation.parse::<SerialNumber>()?,
                ours,
                "{name}: {notation}"
            );
        }
    }
    Ok(())
}

#[test]
fn real_certificate_serials_round_trip_into_x509_cert() -> Result {
    for (name, decimal, _) in REAL {
        let ours = SerialNumber::from_decimal(decimal)?;
        let theirs = X509Serial::try_from(&ours)?;
        let certificate = x509_cert::Certificate::from_pem(fixture(name, "pem")?.as_bytes())?;
        assert_eq!(
            &theirs,
            certificate.tbs_certificate().serial_number(),
            "{name}"
        );
    }
    Ok(())
}

#[test]
fn real_serials_split_into_dvv_forms() -> Result {
    for (name, decimal, _) in REAL {
        let form = SerialNumber::from_decimal(decimal)?.interop().form;
        let expected = if name.contains("vrk-sote-ca") || name.contains("00-citizen-g3") {
            SerialForm::Legacy32
        } else {
            SerialForm::Long
        };
        assert_eq!(form, expected, "{name}");
    }
    Ok(())
}

// --- X.690 INTEGER edge cases -------------------------------------------------------------------

#[test]
fn x690_edge_cases_have_exact_der() -> Result {
    let cases: [(i64, &[u8], &str); 10] = [
        (0, &[0x02, 0x01, 0x00], "00"),
        (1, &[0x02, 0x01, 0x01], "01"),
        (127, &[0x02, 0x01, 0x7f], "7f"),
        (128, &[0x02, 0x02, 0x00, 0x80], "80"),
        (255, &[0x02, 0x02, 0x00, 0xff], "ff"),
        (256, &[0x02, 0x02, 0x01, 0x00], "0100"),
        (-1, &[0x02, 0x01, 0xff], "-01"),
        (-128, &[0x02, 0x01, 0x80], "-80"),
        (-129, &[0x02, 0x02, 0xff, 0x7f], "-81"),
        (-256, &[0x02, 0x02, 0xff, 0x00], "-0100"),
    ];
    for (value, der, hex) in cases {
        let serial = SerialNumber::from(value);
        assert_eq!(serial.to_der(), der, "{value}");
        assert_eq!(SerialNumber::from_der(der)?, serial, "{value}");
        assert_eq!(
            SerialNumber::from_der_content(&der[2..])?,
            serial,
            "{value}"
        );
        assert_eq!(serial.to_hex_string(), hex, "{value}");
        assert_eq!(SerialNumber::from_hex(hex)?, serial, "{value}");
        assert_eq!(serial.to_decimal_string(), value.to_string());
        assert_eq!(SerialNumber::from_decimal(&value.to_string())?, serial);
        assert_eq!(i64::try_from(&serial)?, value);
        assert_eq!(serial.der_len(), der.len());
        // The der crate agrees on the encoding.
        assert_eq!(der::asn1::Int::new(&der[2..])?.to_der()?, der, "{value}");
    }
    Ok(())
}

#[test]
fn twenty_octet_values_encode_with_and_without_a_sign_octet() -> Result {
    // Largest positive value with 20 content octets: 0x7f ff…ff.
    let max20 = SerialNumber::from_hex(&format!("7f{}", "ff".repeat(19)))?;
    let mut der = vec![0x02, 20, 0x7f];
    der.extend([0xff; 19]);
    assert_eq!(max20.to_der(), der);
    assert_eq!(SerialNumber::from_der(&der)?, max20);
    assert_eq!(big(&max20), pow2(159) - 1);
    assert!(max20.interop().rfc5280);

    // A 20-octet magnitude with its top bit set takes 21 content octets.
    let top20 = SerialNumber::from_hex(&format!("80{}", "00".repeat(19)))?;
    let mut der = vec![0x02, 21, 0x00, 0x80];
    der.extend([0x00; 19]);
    assert_eq!(top20.to_der(), der);
    assert_eq!(SerialNumber::from_der(&der)?, top20);
    assert_eq!(big(&top20), pow2(159));
    assert_eq!(top20.interop().octets, 21);
    assert!(!top20.interop().rfc5280);

    // 21-octet magnitude.
    let long21 = SerialNumber::from_hex(&format!("01{}", "00".repeat(20)))?;
    let mut der = vec![0x02, 21, 0x01];
    der.extend([0x00; 20]);
    assert_eq!(long21.to_der(), der);
    assert_eq!(SerialNumber::from_der(&der)?, long21);
    assert_eq!(big(&long21), pow2(160));
    Ok(())
}

#[test]
fn negative_twenty_octet_values_keep_their_sign() -> Result {
    // -2^159 is the most negative value of 20 content octets: 0x80 00…00.
    let min20 = serial(&-pow2(159));
    let mut content = vec![0x80];
    content.extend([0x00; 19]);
    assert_eq!(min20.as_der_content(), content);
    assert_eq!(min20.to_hex_string(), format!("-80{}", "00".repeat(19)));
    // One below takes 21: 0xff 7f ff…ff.
    let below = serial(&(-pow2(159) - 1));
    let mut content = vec![0xff, 0x7f];
    content.extend([0xff; 19]);
    assert_eq!(below.as_der_content(), content);
    assert!(below < min20);
    Ok(())
}

#[test]
fn long_form_length_is_used_from_128_content_octets() -> Result {
    let content: Vec<u8> = std::iter::once(0x01).chain([0xab; 127]).collect();
    let serial = SerialNumber::from_der_content(&content)?;
    let der = serial.to_der();
    assert_eq!(der[..3], [0x02, 0x81, 0x80]);
    assert_eq!(der[3..], content[..]);
    assert_eq!(SerialNumber::from_der(&der)?, serial);

    let content: Vec<u8> = std::iter::once(0x01).chain([0xcd; 299]).collect();
    let serial = SerialNumber::from_der_content(&content)?;
    assert_eq!(serial.to_der()[..4], [0x02, 0x82, 0x01, 0x2c]);
    assert_eq!(serial.der_len(), 304);
    Ok(())
}

// --- DER errors ---------------------------------------------------------------------------------

fn der_error(der: &[u8]) -> SerialError {
    match SerialNumber::from_der(der) {
        Ok(value) => panic!("{der:02x?} decoded to {value}"),
        Err(error) => error,
    }
}

#[test]
fn decode_rejects_empty_input() {
    assert_eq!(der_error(&[]), SerialError::Empty);
}

#[test]
fn decode_rejects_wrong_tag() {
    assert_eq!(
        der_error(&[0x03, 0x01, 0x00]),
        SerialError::WrongTag {
            tag: 0x03,
            offset: 0
        }
    );
    // A context tag [2] is not INTEGER either.
    assert_eq!(
        der_error(&[0x82, 0x01, 0x01]),
        SerialError::WrongTag {
            tag: 0x82,
            offset: 0
        }
    );
}

#[test]
fn decode_rejects_truncated_input() {
    assert_eq!(
        der_error(&[0x02]),
        SerialError::Truncated {
            needed: 1,
            offset: 1
        }
    );
    assert_eq!(
        der_error(&[0x02, 0x04, 0x0b, 0xf4]),
        SerialError::Truncated {
            needed: 2,
            offset: 4
        }
    );
    // Length octets cut short.
    assert_eq!(
        der_error(&[0x02, 0x82, 0x01]),
        SerialError::Truncated {
            needed: 1,
            offset: 3
        }
    );
}

#[test]
fn decode_rejects_indefinite_length() {
    let error = der_error(&[0x02, 0x80, 0x01, 0x00, 0x00]);
    assert_eq!(
        error,
        SerialError::InvalidLength {
            offset: 1,
            reason: LengthProblem::Indefinite
        }
    );
    assert_eq!(
        error.to_string(),
        "invalid DER length at offset 1: indefinite length is not DER"
    );
}

/// The error fits in the storage's unused tag values, so a parse result is no larger than the
/// value (see `SerialError`'s documentation).
#[test]
fn a_parse_result_is_no_larger_than_the_value() {
    assert_eq!(size_of::<SerialError>(), 24);
    assert_eq!(
        size_of::<std::result::Result<SerialNumber, SerialError>>(),
        size_of::<SerialNumber>()
    );
}

#[test]
fn decode_rejects_reserved_length_octet() {
    assert_eq!(
        der_error(&[0x02, 0xff, 0x01]),
        SerialError::InvalidLength {
            offset: 1,
            reason: LengthProblem::Reserved
        }
    );
}

#[test]
fn decode_rejects_non_minimal_length() {
    // Long form for a length that fits the short form.
    assert_eq!(
        der_error(&[0x02, 0x81, 0x01, 0x05]),
        SerialError::InvalidLength {
            offset: 1,
            reason: LengthProblem::LongFormUnder128
        }
    );
    // Leading zero length octet.
    let mut der = vec![0x02, 0x82, 0x00, 0x80, 0x01];
    der.extend([0x00; 127]);
    assert_eq!(
        der_error(&der),
        SerialError::InvalidLength {
            offset: 1,
            reason: LengthProblem::LeadingZero
        }
    );
    assert_eq!(
        der_error(&[0x02, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00]),
        SerialError::InvalidLength {
            offset: 1,
            reason: LengthProblem::TooManyOctets
        }
    );
    // Four length octets are still a length (of 16 MiB here): what stops it is the bound.
    assert_eq!(
        der_error(&[0x02, 0x84, 0x01, 0x00, 0x00, 0x00, 0x01]),
        SerialError::TooLong {
            octets: 0x0100_0000,
            max: SerialReader::DEFAULT_MAX_OCTETS
        }
    );
}

#[test]
fn decode_rejects_empty_content() {
    assert_eq!(
        der_error(&[0x02, 0x00]),
        SerialError::EmptyInteger { offset: 2 }
    );
    assert_eq!(
        SerialNumber::from_der_content(&[]),
        Err(SerialError::EmptyInteger { offset: 0 })
    );
}

#[test]
fn decode_rejects_redundant_leading_zero() {
    assert_eq!(
        der_error(&[0x02, 0x02, 0x00, 0x7f]),
        SerialError::NonMinimal {
            byte: 0x00,
            offset: 2
        }
    );
    assert_eq!(
        der_error(&[0x02, 0x02, 0x00, 0x00]),
        SerialError::NonMinimal {
            byte: 0x00,
            offset: 2
        }
    );
    assert_eq!(
        SerialNumber::from_der_content(&[0x00, 0x0b, 0xf4, 0xea, 0xb0]),
        Err(SerialError::NonMinimal {
            byte: 0x00,
            offset: 0
        })
    );
    // `00 80` is minimal: the zero keeps 128 positive.
    assert_eq!(
        SerialNumber::from_der(&[0x02, 0x02, 0x00, 0x80]),
        Ok(SerialNumber::from(128u8))
    );
}

#[test]
fn decode_rejects_redundant_leading_ff() {
    assert_eq!(
        der_error(&[0x02, 0x02, 0xff, 0x80]),
        SerialError::NonMinimal {
            byte: 0xff,
            offset: 2
        }
    );
    assert_eq!(
        der_error(&[0x02, 0x02, 0xff, 0xff]),
        SerialError::NonMinimal {
            byte: 0xff,
            offset: 2
        }
    );
    // `ff 7f` is minimal: -129.
    assert_eq!(
        SerialNumber::from_der(&[0x02, 0x02, 0xff, 0x7f]),
        Ok(SerialNumber::from(-129i16))
    );
}

#[test]
fn decode_rejects_trailing_data() {
    assert_eq!(
        der_error(&[0x02, 0x01, 0x05, 0x00]),
        SerialError::TrailingData { len: 1, offset: 3 }
    );
    assert_eq!(
        der_error(&[0x02, 0x01, 0x05, 0x02, 0x01, 0x05]),
        SerialError::TrailingData { len: 3, offset: 3 }
    );
}

#[test]
fn decode_accepts_negative_zero_and_long_values() -> Result {
    assert!(SerialNumber::from_der(&[0x02, 0x01, 0x00])?.is_zero());
    assert!(SerialNumber::from_der(&[0x02, 0x01, 0x80])?.is_negative());
    let mut der = vec![0x02, 0x1e, 0x42];
    der.extend([0x17; 29]);
    assert_eq!(SerialNumber::from_der(&der)?.interop().octets, 30);
    Ok(())
}

#[test]
fn decode_through_the_der_crate_nests_in_der_structures() -> Result {
    let serial = <SerialNumber as Decode>::from_der(&[0x02, 0x02, 0x00, 0x80])?;
    assert_eq!(serial, SerialNumber::from(128u8));
    assert_eq!(Encode::to_der(&serial)?, [0x02, 0x02, 0x00, 0x80]);
    assert!(<SerialNumber as Decode>::from_der(&[0x02, 0x02, 0x00, 0x7f]).is_err());
    assert!(<SerialNumber as Decode>::from_der(&[0x02, 0x00]).is_err());
    Ok(())
}

#[test]
fn write_der_reports_a_small_buffer() -> Result {
    let serial = SerialNumber::from_hex(DVV_LONG_HEX)?;
    let mut buf = [0u8; 19];
    assert_eq!(
        serial.write_der(&mut buf),
        Err(SerialError::BufferTooSmall {
            needed: 20,
            available: 19
        })
    );
    let mut buf = [0u8; 20];
    assert_eq!(serial.write_der(&mut buf)?, 20);
    assert_eq!(buf[..], serial.to_der()[..]);
    let mut small = [0u8; 17];
    assert_eq!(
        serial.write_be_bytes(&mut small),
        Err(SerialError::BufferTooSmall {
            needed: 18,
            available: 17
        })
    );
    Ok(())
}

// --- Exact messages -----------------------------------------------------------------------------

#[test]
fn error_messages_name_the_problem_and_the_offset() {
    let message = |result: std::result::Result<SerialNumber, SerialError>| {
        result.err().map(|e| e.to_string()).unwrap_or_default()
    };
    assert_eq!(
        message(SerialNumber::from_hex("0bg4")),
        "invalid hex digit 'g' at offset 2"
    );
    assert_eq!(
        message(SerialNumber::from_decimal("2006OO240")),
        "invalid decimal digit 'O' at offset 4"
    );
    assert_eq!(
        message(SerialNumber::from_der(&[0x03, 0x01, 0x00])),
        "expected INTEGER tag 0x02, found 0x03 at offset 0"
    );
    assert_eq!(
        message(SerialNumber::from_der(&[0x02, 0x02, 0x00, 0x7f])),
        "non-minimal INTEGER: redundant leading 0x00 at offset 2"
    );
    assert_eq!(
        message(SerialNumber::from_der(&[0x02, 0x80, 0x01, 0x00, 0x00])),
        "invalid DER length at offset 1: indefinite length is not DER"
    );
    assert_eq!(
        message(SerialNumber::from_der(&[0x02, 0x04, 0x0b])),
        "truncated DER: 3 more bytes needed at offset 3"
    );
    assert_eq!(
        message(SerialNumber::from_der(&[0x02, 0x01, 0x05, 0xaa, 0xbb])),
        "2 bytes of trailing data at offset 3"
    );
    assert_eq!(
        message(
            SerialReader::new()
                .with_max_octets(20)
                .hex(&"ff".repeat(20))
        ),
        "serial number of 21 octets is over the limit of 20"
    );
    assert_eq!(
        message("12345678".parse()),
        "ambiguous serial number \"12345678\": hex 0x12345678 or decimal 12345678; \
         prefix it with \"hex:\" or \"dec:\""
    );
    assert_eq!(message(SerialNumber::from_hex("")), "empty serial number");
}

// --- Input-size bound ---------------------------------------------------------------------------

#[test]
fn default_bound_is_1024_octets() {
    assert_eq!(SerialReader::DEFAULT_MAX_OCTETS, 1024);
    assert_eq!(SerialReader::new().max_octets(), 1024);
    assert_eq!(SerialReader::default(), SerialReader::new());
}

#[test]
fn default_bound_accepts_1024_octets_and_refuses_1025() -> Result {
    let at = format!("7f{}", "ff".repeat(1023));
    let over = format!("01{}", "00".repeat(1024));
    assert_eq!(SerialNumber::from_hex(&at)?.as_der_content().len(), 1024);
    assert_eq!(
        SerialNumber::from_hex(&over),
        Err(SerialError::TooLong {
            octets: 1025,
            max: 1024
        })
    );

    let at_value: BigInt = pow2(8 * 1024 - 1) - 1;
    let over_value = pow2(8 * 1024 - 1);
    let at_serial = SerialNumber::from_decimal(&at_value.to_str_radix(10))?;
    assert_eq!(big(&at_serial), at_value);
    assert_eq!(
        SerialNumber::from_decimal(&over_value.to_str_radix(10)),
        Err(SerialError::TooLong {
            octets: 1025,
            max: 1024
        })
    );

    let mut der = vec![0x02, 0x82, 0x04, 0x00];
    der.extend(at_serial.as_der_content());
    assert_eq!(SerialNumber::from_der(&der)?, at_serial);
    let mut der = vec![0x02, 0x82, 0x04, 0x01, 0x01];
    der.extend([0x00; 1024]);
    assert_eq!(
        SerialNumber::from_der(&der),
        Err(SerialError::TooLong {
            octets: 1025,
            max: 1024
        })
    );
    Ok(())
}

#[test]
fn custom_bound_accepts_exactly_its_size_in_every_reader() -> Result {
    let reader = SerialReader::new().with_max_octets(20);
    assert_eq!(reader.max_octets(), 20);
    let content: Vec<u8> = std::iter::once(0x7f).chain([0xee; 19]).collect();
    let expected = SerialNumber::from_der_content(&content)?;

    let hex: String = content.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(reader.hex(&hex)?, expected);
    assert_eq!(reader.decimal(&expected.to_decimal_string())?, expected);
    assert_eq!(reader.der(&expected.to_der())?, expected);
    assert_eq!(reader.der_content(&content)?, expected);
    assert_eq!(reader.be_bytes(&content)?, expected);
    let le: Vec<u8> = content.iter().rev().copied().collect();
    assert_eq!(reader.le_bytes(&le)?, expected);
    assert_eq!(reader.parse(&format!("hex:{hex}"))?, expected);
    Ok(())
}

#[test]
fn custom_bound_refuses_one_octet_over_in_every_reader() -> Result {
    let reader = SerialReader::new().with_max_octets(20);
    let over = SerialError::TooLong {
        octets: 21,
        max: 20,
    };
    // 21 content octets: 2^160 - 1 needs a 21st octet for its sign.
    let content: Vec<u8> = std::iter::once(0x00).chain([0xff; 20]).collect();
    let value = SerialNumber::from_der_content(&content)?;
    assert_eq!(reader.hex(&"ff".repeat(20)), Err(over.clone()));
    assert_eq!(
        reader.decimal(&value.to_decimal_string()),
        Err(over.clone())
    );
    assert_eq!(reader.der(&value.to_der()), Err(over.clone()));
    assert_eq!(reader.der_content(&content), Err(over.clone()));
    assert_eq!(reader.be_bytes(&[0xff; 20]), Err(over.clone()));
    assert_eq!(reader.le_bytes(&[0xff; 20]), Err(over.clone()));
    assert_eq!(reader.parse(&format!("dec:{}", value.decimal())), Err(over));
    Ok(())
}

#[test]
fn bound_ignores_leading_zeros_of_unsigned_bytes() -> Result {
    let reader = SerialReader::new().with_max_octets(4);
    assert_eq!(
        reader.be_bytes(&[0, 0, 0, 0, 0x0b, 0xf4, 0xea, 0xb0])?,
        SerialNumber::from_hex(DVV_LEGACY_HEX)?
    );
    assert_eq!(
        reader.le_bytes(&[0xb0, 0xea, 0xf4, 0x0b, 0, 0, 0, 0])?,
        SerialNumber::from_hex(DVV_LEGACY_HEX)?
    );
    Ok(())
}

#[test]
fn bound_refuses_over_long_text_before_decoding() {
    // The documented text bound: 4 bytes per octet plus 64.
    let reader = SerialReader::new().with_max_octets(20);
    let max = 4 * 20 + 64;
    let at = format!("{}01", "0".repeat(max - 2));
    assert_eq!(reader.hex(&at), Ok(SerialNumber::from(1u8)));
    assert_eq!(reader.decimal(&at), Ok(SerialNumber::from(1u8)));
    let over = format!("0{at}");
    let error = SerialError::InputTooLong { len: max + 1, max };
    assert_eq!(reader.hex(&over), Err(error.clone()));
    assert_eq!(reader.decimal(&over), Err(error.clone()));
    assert_eq!(reader.guess(&over), Err(error.clone()));
    assert_eq!(reader.parse(&over), Err(error));
}

#[test]
fn zero_bound_is_raised_to_one_octet() {
    let reader = SerialReader::new().with_max_octets(0);
    assert_eq!(reader.max_octets(), 1);
    assert_eq!(reader.hex("7f"), Ok(SerialNumber::from(127u8)));
    assert_eq!(
        reader.hex("80"),
        Err(SerialError::TooLong { octets: 2, max: 1 })
    );
}

// --- Text notations -----------------------------------------------------------------------------

#[test]
fn from_str_reads_every_prefix_and_separator_style() -> Result {
    let expected = SerialNumber::from_decimal(DVV_LEGACY_DEC)?;
    for text in [
        "hex:0bf4eab0",
        "HEX:0BF4EAB0",
        "hex:bf4eab0",
        "dec:200600240",
        "DEC:000200600240",
        "der:02040bf4eab0",
        "der:02:04:0b:f4:ea:b0",
        "serial=0BF4EAB0",
        "0x0bf4eab0",
        "0XBF4EAB0",
        "0b:f4:ea:b0",
        "0B F4 EA B0",
        "0BF4EAB0",
        "bf4eab0",
        "  0x0bf4eab0\n",
    ] {
        assert_eq!(text.parse::<SerialNumber>()?, expected, "{text:?}");
    }
    Ok(())
}

#[test]
fn from_str_reads_negative_values() -> Result {
    let expected = SerialNumber::from(-129i32);
    for text in ["-0x81", "hex:-81", "dec:-129", "der:0202ff7f", "-0x0081"] {
        assert_eq!(text.parse::<SerialNumber>()?, expected, "{text:?}");
    }
    Ok(())
}

#[test]
fn display_and_from_str_round_trip_the_edges() -> Result {
    for serial in [
        SerialNumber::from(0u8),
        SerialNumber::from(-1i8),
        SerialNumber::from(i128::MIN),
        SerialNumber::from(u128::MAX),
        SerialNumber::from_hex(DVV_LONG_HEX)?,
    ] {
        let text = serial.to_string();
        assert_eq!(text.parse::<SerialNumber>()?, serial, "{text}");
    }
    assert_eq!(SerialNumber::from(0u8).to_string(), "0x00");
    assert_eq!(SerialNumber::from(-1i8).to_string(), "-0x01");
    Ok(())
}

#[test]
fn bare_digit_string_is_ambiguous() -> Result {
    let error = "12345678".parse::<SerialNumber>().err().ok_or("accepted")?;
    let SerialError::Ambiguous(readings) = &error else {
        return Err(format!("unexpected error {error}").into());
    };
    assert_eq!(readings.input, "12345678");
    assert_eq!(u32::try_from(&readings.hex)?, 0x1234_5678);
    assert_eq!(u32::try_from(&readings.decimal)?, 12_345_678);
    assert_eq!(
        error.to_string(),
        "ambiguous serial number \"12345678\": hex 0x12345678 or decimal 12345678; \
         prefix it with \"hex:\" or \"dec:\""
    );
    // Even a leading zero and DVV's legacy decimal do not make it unambiguous.
    for text in ["0200600240", "-10"] {
        assert!(
            matches!(
                text.parse::<SerialNumber>(),
                Err(SerialError::Ambiguous { .. })
            ),
            "{text}"
        );
    }
    Ok(())
}

#[test]
fn guess_gives_both_readings_of_a_bare_digit_string() -> Result {
    let guess = SerialNumber::guess("12345678")?;
    assert!(guess.is_ambiguous());
    assert_eq!(
        guess,
        Guess::Either {
            hex: SerialNumber::from(0x1234_5678u32),
            decimal: SerialNumber::from(12_345_678u32),
        }
    );
    assert_eq!(guess.prefer_hex(), SerialNumber::from(0x1234_5678u32));

    let negative = SerialNumber::guess("-10")?;
    assert_eq!(
        negative,
        Guess::Either {
            hex: SerialNumber::from(-16i8),
            decimal: SerialNumber::from(-10i8),
        }
    );
    Ok(())
}

#[test]
fn guess_names_the_notation_a_text_declares() -> Result {
    let cases: [(&str, Notation, i64); 9] = [
        ("0x10", Notation::Hex, 16),
        ("hex:10", Notation::Hex, 16),
        ("serial=10", Notation::Hex, 16),
        ("1a", Notation::Hex, 26),
        ("01:00", Notation::Hex, 256),
        ("01 00", Notation::Hex, 256),
        ("dec:10", Notation::Decimal, 10),
        ("der:020110", Notation::Der, 16),
        ("der:0201f0", Notation::Der, -16),
    ];
    for (text, notation, value) in cases {
        let guess = SerialNumber::guess(text)?;
        assert!(!guess.is_ambiguous(), "{text}");
        assert_eq!(
            guess,
            Guess::Known(notation, SerialNumber::from(value)),
            "{text}"
        );
    }
    Ok(())
}

#[test]
fn text_errors_carry_offsets_in_the_input() {
    let cases: [(&str, SerialError); 10] = [
        (
            "hex:0bg4",
            SerialError::InvalidHexDigit { ch: 'g', offset: 6 },
        ),
        (
            "  hex:zz",
            SerialError::InvalidHexDigit { ch: 'z', offset: 6 },
        ),
        (
            "dec:12a",
            SerialError::InvalidDecimalDigit { ch: 'a', offset: 6 },
        ),
        (
            "12345678g",
            SerialError::InvalidHexDigit { ch: 'g', offset: 8 },
        ),
        (
            "0x0b::f4",
            SerialError::UnexpectedSeparator { ch: ':', offset: 5 },
        ),
        (
            "0b:",
            SerialError::UnexpectedSeparator { ch: ':', offset: 2 },
        ),
        (
            ":0b",
            SerialError::UnexpectedSeparator { ch: ':', offset: 0 },
        ),
        (
            "0b  f4",
            SerialError::UnexpectedSeparator { ch: ' ', offset: 3 },
        ),
        ("hex:", SerialError::Empty),
        ("", SerialError::Empty),
    ];
    for (text, error) in cases {
        assert_eq!(text.parse::<SerialNumber>(), Err(error), "{text:?}");
    }
    assert_eq!(
        SerialNumber::from_hex("0bf4é"),
        Err(SerialError::InvalidHexDigit {
            ch: 'é', offset: 4
        })
    );
}

#[test]
fn der_text_errors_count_offsets_in_the_der_bytes() {
    // Offsets of DER problems are byte offsets in the decoded TLV, not in the text.
    assert_eq!(
        "der:02020080ff".parse::<SerialNumber>(),
        Err(SerialError::TrailingData { len: 1, offset: 4 })
    );
    assert_eq!(
        "der:0202007f".parse::<SerialNumber>(),
        Err(SerialError::NonMinimal { byte: 0, offset: 2 })
    );
    assert_eq!(
        "der:02x1".parse::<SerialNumber>(),
        Err(SerialError::InvalidHexDigit { ch: 'x', offset: 6 })
    );
}

#[test]
fn hex_reader_accepts_odd_length_and_leading_zeros() -> Result {
    // keytool prints 0x0102 as 102.
    assert_eq!(
        SerialNumber::from_hex("102")?,
        SerialNumber::from(0x0102u16)
    );
    assert_eq!(
        SerialNumber::from_hex("000000102")?,
        SerialNumber::from(0x0102u16)
    );
    assert_eq!(SerialNumber::from_hex("0")?, SerialNumber::from(0u8));
    assert_eq!(SerialNumber::from_hex("-0")?, SerialNumber::from(0u8));
    assert_eq!(SerialNumber::from_decimal("-0")?, SerialNumber::from(0u8));
    Ok(())
}

// --- One value, whatever made it ----------------------------------------------------------------

#[test]
fn every_constructor_of_one_gives_one_value() -> Result {
    let ones = [
        SerialNumber::from(1u64),
        SerialNumber::from(1i8),
        SerialNumber::from_be_bytes(&[0x00, 0x01])?,
        SerialNumber::from_le_bytes(&[0x01, 0x00, 0x00])?,
        "dec:1".parse()?,
        "0x0001".parse()?,
        "der:020101".parse()?,
        SerialNumber::from_der(&[0x02, 0x01, 0x01])?,
        SerialNumber::from_der_content(&[0x01])?,
        SerialNumber::from(&BigInt::from(1)),
        SerialNumber::from(&der::asn1::Int::new(&[0x01])?),
        SerialNumber::from(&X509Serial::from(1u8)),
    ];
    let first = &ones[0];
    for one in &ones {
        assert_eq!(one, first);
        assert_eq!(one.cmp(first), std::cmp::Ordering::Equal);
        assert_eq!(hash_of(one), hash_of(first));
    }
    assert_eq!(ones.iter().collect::<HashSet<_>>().len(), 1);
    assert_eq!(ones.iter().collect::<BTreeSet<_>>().len(), 1);
    Ok(())
}

#[test]
fn order_is_numeric_across_signs_and_lengths() -> Result {
    let values: Vec<BigInt> = [
        -pow2(200),
        -pow2(64) - 1,
        BigInt::from(-256),
        BigInt::from(-129),
        BigInt::from(-128),
        BigInt::from(-1),
        BigInt::from(0),
        BigInt::from(1),
        BigInt::from(127),
        BigInt::from(128),
        BigInt::from(255),
        BigInt::from(256),
        pow2(64),
        pow2(159) - 1,
        pow2(159),
        pow2(200),
    ]
    .into();
    // Build them through different readers, shuffled.
    let mut serials: Vec<SerialNumber> = values
        .iter()
        .rev()
        .enumerate()
        .map(|(i, v)| {
            let text = v.to_str_radix(10);
            match i % 3 {
                0 => SerialNumber::from_decimal(&text),
                1 => SerialNumber::from_hex(&v.to_str_radix(16)),
                _ => SerialNumber::from_der_content(&v.to_signed_bytes_be()),
            }
        })
        .collect::<std::result::Result<_, _>>()?;
    serials.sort();
    let sorted: Vec<BigInt> = serials.iter().map(big).collect();
    assert_eq!(sorted, values);
    Ok(())
}

// --- Interop report boundaries ------------------------------------------------------------------

fn fits(value: &BigInt) -> Fits {
    serial(value).interop().fits
}

#[test]
fn interop_native_integer_flags_switch_at_type_limits() {
    let i32_max = BigInt::from(i32::MAX);
    assert!(fits(&i32_max).i32);
    assert!(!fits(&(&i32_max + 1)).i32);
    assert!(fits(&BigInt::from(i32::MIN)).i32);
    assert!(!fits(&(BigInt::from(i32::MIN) - 1)).i32);

    let u32_max = BigInt::from(u32::MAX);
    assert!(fits(&u32_max).u32);
    assert!(!fits(&(&u32_max + 1)).u32);
    assert!(fits(&BigInt::from(0)).u32);
    assert!(!fits(&BigInt::from(-1)).u32);

    let i64_max = BigInt::from(i64::MAX);
    assert!(fits(&i64_max).i64);
    assert!(!fits(&(&i64_max + 1)).i64);
    assert!(fits(&BigInt::from(i64::MIN)).i64);
    assert!(!fits(&(BigInt::from(i64::MIN) - 1)).i64);

    let u64_max = BigInt::from(u64::MAX);
    assert!(fits(&u64_max).u64);
    assert!(!fits(&(&u64_max + 1)).u64);
    assert!(!fits(&BigInt::from(-1)).u64);

    let i128_max = BigInt::from(i128::MAX);
    assert!(fits(&i128_max).i128);
    assert!(!fits(&(&i128_max + 1)).i128);
    assert!(fits(&BigInt::from(i128::MIN)).i128);
    assert!(!fits(&(BigInt::from(i128::MIN) - 1)).i128);

    let u128_max = BigInt::from(u128::MAX);
    assert!(fits(&u128_max).u128);
    assert!(!fits(&(&u128_max + 1)).u128);
    assert!(!fits(&BigInt::from(-1)).u128);
}

#[test]
fn interop_flags_agree_with_try_from() -> Result {
    for value in [
        BigInt::from(i32::MAX) + 1,
        BigInt::from(u32::MAX) + 1,
        BigInt::from(i64::MIN) - 1,
        BigInt::from(u64::MAX),
        BigInt::from(i128::MIN),
        BigInt::from(u128::MAX) + 1,
        BigInt::from(-1),
    ] {
        let s = serial(&value);
        let f = s.interop().fits;
        assert_eq!(f.i32, i32::try_from(&s).is_ok(), "{value}");
        assert_eq!(f.u32, u32::try_from(&s).is_ok(), "{value}");
        assert_eq!(f.i64, i64::try_from(&s).is_ok(), "{value}");
        assert_eq!(f.u64, u64::try_from(&s).is_ok(), "{value}");
        assert_eq!(f.i128, i128::try_from(&s).is_ok(), "{value}");
        assert_eq!(f.u128, u128::try_from(&s).is_ok(), "{value}");
    }
    Ok(())
}

#[test]
fn interop_js_safe_integer_ends_at_two_to_the_53_minus_one() {
    let max_safe = pow2(53) - 1; // Number.MAX_SAFE_INTEGER
    assert!(fits(&max_safe).js_safe_integer);
    assert!(!fits(&pow2(53)).js_safe_integer);
    assert!(fits(&-&max_safe).js_safe_integer);
    assert!(!fits(&-pow2(53)).js_safe_integer);
}

#[test]
fn interop_decimal38_ends_at_38_digits() {
    let ten38 = BigInt::from(10).pow(38);
    let max = &ten38 - 1;
    assert!(fits(&max).decimal38);
    assert!(!fits(&ten38).decimal38);
    assert!(fits(&-&max).decimal38);
    assert!(!fits(&-&ten38).decimal38);
    assert_eq!(serial(&max).interop().decimal_digits, 38);
    assert_eq!(serial(&-&ten38).interop().decimal_digits, 39);
}

#[test]
fn interop_rfc5280_needs_positive_and_at_most_20_content_octets() -> Result {
    let at = serial(&(pow2(159) - 1));
    assert_eq!(at.interop().octets, 20);
    assert!(at.interop().rfc5280);
    let over = serial(&pow2(159));
    assert_eq!(over.interop().octets, 21);
    assert!(!over.interop().rfc5280);
    assert!(!SerialNumber::from(0u8).interop().rfc5280);
    assert!(!SerialNumber::from(-1i8).interop().rfc5280);
    assert!(SerialNumber::from(1u8).interop().rfc5280);
    // x509-cert agrees on what it will build.
    assert!(X509Serial::try_from(&at).is_ok());
    assert!(X509Serial::try_from(&over).is_err());
    assert!(X509Serial::try_from(&SerialNumber::from(-1i8)).is_err());
    Ok(())
}

#[test]
fn interop_form_is_legacy_up_to_32_magnitude_bits() {
    let report = |v: i64| SerialNumber::from(v).interop();
    assert_eq!(report(0xffff_ffff).form, SerialForm::Legacy32);
    assert_eq!(report(0x1_0000_0000).form, SerialForm::Long);
    assert_eq!(report(-0xffff_ffff).form, SerialForm::Legacy32);
    assert_eq!(report(0xffff_ffff).bits, 32);
    assert_eq!(report(0x1_0000_0000).bits, 33);
    assert_eq!(report(0).bits, 0);
    assert_eq!(report(-128).bits, 8);
    assert_eq!(SerialForm::Legacy32.as_str(), "legacy-32");
    assert_eq!(SerialForm::Long.as_str(), "long");
}

#[test]
fn interop_sizes_count_sign_octets_and_magnitude_digits() {
    let report = SerialNumber::from(-129i32).interop();
    assert_eq!(
        (report.octets, report.bits, report.decimal_digits),
        (2, 8, 3)
    );
    assert!(report.negative);
    let report = SerialNumber::from(0u8).interop();
    assert_eq!(
        (report.octets, report.bits, report.decimal_digits),
        (1, 0, 1)
    );
}

// --- Embedded issuance time ---------------------------------------------------------------------

/// DVV's long layouts around an issuance time: 9 random octets follow the milliseconds.
#[derive(Clone, Copy, Debug)]
enum Layout {
    /// The G3 CAs' 15 octets: minimal encoding drops the time's two leading zero octets.
    Minimal,
    /// DVV's 18-octet example: a prefix octet, then all 8 octets of the time.
    Prefixed,
}

fn long_form(layout: Layout, time: DateTime<Utc>) -> Result<SerialNumber> {
    let millis = time.timestamp_millis().to_be_bytes();
    let mut magnitude = match layout {
        Layout::Minimal => millis[2..].to_vec(),
        Layout::Prefixed => std::iter::once(0x01).chain(millis).collect(),
    };
    magnitude.extend([0x5a, 0xa5, 0x3c, 0xc3, 0x0f, 0xf0, 0x69, 0x96, 0x11]);
    Ok(SerialNumber::from_be_bytes(&magnitude)?)
}

/// `common::utc` plus `ms` milliseconds.
fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32, ms: i64) -> Result<DateTime<Utc>> {
    Ok(common::utc(y, mo, d, h, mi, s) + chrono::Duration::milliseconds(ms))
}

#[test]
fn embedded_time_window_includes_2010_and_excludes_2100() -> Result {
    let start = utc(2010, 1, 1, 0, 0, 0, 0)?;
    let before = utc(2009, 12, 31, 23, 59, 59, 999)?;
    let last = utc(2099, 12, 31, 23, 59, 59, 999)?;
    let end = utc(2100, 1, 1, 0, 0, 0, 0)?;
    for layout in [Layout::Minimal, Layout::Prefixed] {
        let at = |time| long_form(layout, time).map(|s| embedded_issuance_time(&s));
        assert_eq!(at(start)?, Some(start), "{layout:?}");
        assert_eq!(at(last)?, Some(last), "{layout:?}");
        assert_eq!(at(before)?, None, "{layout:?}");
        assert_eq!(at(end)?, None, "{layout:?}");
    }
    Ok(())
}

#[test]
fn embedded_time_reads_only_14_to_18_octets() -> Result {
    let time = utc(2021, 12, 20, 11, 1, 39, 395)?;
    let g3 = long_form(Layout::Minimal, time)?;
    assert_eq!(g3.with_magnitude(<[u8]>::len), 15);
    assert_eq!(g3.interop().embedded_time, Some(time));
    let dvv = long_form(Layout::Prefixed, time)?;
    assert_eq!(dvv.with_magnitude(<[u8]>::len), 18);
    assert_eq!(dvv.interop().embedded_time, Some(time));

    // 19 octets: no time, even though the last 18 hold one.
    let mut magnitude = vec![0x01];
    magnitude.extend(dvv.to_be_bytes());
    let nineteen = SerialNumber::from_be_bytes(&magnitude)?;
    assert_eq!(nineteen.interop().embedded_time, None);
    // 13 octets: too short.
    let thirteen = SerialNumber::from_be_bytes(&g3.to_be_bytes()[2..])?;
    assert_eq!(thirteen.with_magnitude(<[u8]>::len), 13);
    assert_eq!(thirteen.interop().embedded_time, None);
    // 16 octets (a prefix before the minimal time) read the prefix as part of the time.
    let mut magnitude = vec![0x01];
    magnitude.extend(g3.to_be_bytes());
    let sixteen = SerialNumber::from_be_bytes(&magnitude)?;
    assert_eq!(sixteen.interop().embedded_time, None);
    // Negative values carry no time.
    let negative = SerialNumber::from_hex(&format!("-{}", g3.to_hex_string()))?;
    assert_eq!(negative.interop().embedded_time, None);
    Ok(())
}

// --- Conversions --------------------------------------------------------------------------------

#[test]
fn native_conversions_are_exact_at_their_limits() -> Result {
    assert_eq!(u8::try_from(&SerialNumber::from(255u8))?, 255);
    assert!(u8::try_from(&SerialNumber::from(256u16)).is_err());
    assert!(i8::try_from(&SerialNumber::from(128u8)).is_err());
    assert_eq!(i8::try_from(&SerialNumber::from(-128i8))?, -128);
    assert_eq!(i128::try_from(&SerialNumber::from(i128::MIN))?, i128::MIN);
    assert_eq!(u128::try_from(&SerialNumber::from(u128::MAX))?, u128::MAX);
    assert_eq!(
        usize::try_from(&SerialNumber::from(usize::MAX))?,
        usize::MAX
    );
    let error = u64::try_from(&SerialNumber::from(-1i8))
        .err()
        .ok_or("accepted")?;
    let SerialError::OutOfRange(range) = &error else {
        return Err(format!("unexpected error {error}").into());
    };
    assert_eq!((range.value.as_str(), range.target), ("-1", "u64"));
    assert_eq!(error.to_string(), "serial number -1 does not fit in u64");
    Ok(())
}

#[test]
fn der_int_conversion_keeps_negative_values() -> Result {
    let serial = SerialNumber::from(-129i32);
    let int = der::asn1::Int::try_from(&serial)?;
    assert_eq!(int.as_bytes(), [0xff, 0x7f]);
    assert_eq!(SerialNumber::from(&int), serial);
    assert_eq!(
        SerialNumber::from(der::asn1::IntRef::new(&[0xff, 0x7f])?),
        serial
    );
    Ok(())
}

#[test]
fn unsigned_integers_with_the_top_bit_set_stay_positive() -> Result {
    assert_eq!(SerialNumber::from(128u8).to_der(), [0x02, 0x02, 0x00, 0x80]);
    assert_eq!(
        SerialNumber::from(u64::MAX).to_decimal_string(),
        u64::MAX.to_string()
    );
    assert_eq!(
        SerialNumber::from(u128::MAX).to_decimal_string(),
        u128::MAX.to_string()
    );
    assert_eq!(SerialNumber::from(u32::MAX).to_hex_string(), "ffffffff");
    assert_eq!(
        SerialNumber::from(usize::MAX),
        SerialNumber::from(usize::MAX as u128)
    );
    assert!(!SerialNumber::from(u16::MAX).is_negative());
    assert_eq!(SerialNumber::from(i8::MIN).to_decimal_string(), "-128");
    Ok(())
}

#[test]
fn a_wrong_character_anywhere_in_a_long_decimal_is_found_at_its_offset() {
    // Lengths that take every path of the fast reader: a u64 (up to 19 digits), an odd or even
    // number of eight-digit words, a head of 0 to 7 digits, and the 57-digit limit.
    for len in [9, 19, 20, 24, 25, 32, 33, 40, 41, 48, 49, 56, 57] {
        let digits: String = (0..len).map(|i| char::from(b'1' + (i % 9) as u8)).collect();
        assert!(SerialNumber::from_decimal(&digits).is_ok(), "{digits}");
        for at in 0..len {
            let mut text = digits.clone().into_bytes();
            text[at] = b'x';
            let text = String::from_utf8(text).unwrap();
            match SerialNumber::from_decimal(&text) {
                Err(sote_certs::SerialError::InvalidDecimalDigit { offset, .. }) => {
                    assert_eq!(offset, at, "{text}");
                }
                other => panic!("{text}: expected an invalid digit at {at}, got {other:?}"),
            }
        }
    }
}

#[test]
fn notations_and_rfc5280_verdicts_have_stable_words() {
    use sote_certs::serial::{Notation, Rfc5280};
    assert_eq!(
        [Notation::Hex, Notation::Decimal, Notation::Der].map(Notation::as_str),
        ["hex", "decimal", "DER (hex of the TLV)"]
    );
    let verdict = |hex: &str| SerialNumber::from_hex(hex).unwrap().rfc5280().to_string();
    assert_eq!(verdict("0bf4eab0"), "positive, at most 20 content octets");
    assert_eq!(verdict("00"), "zero");
    assert_eq!(verdict("-01"), "negative");
    assert_eq!(
        verdict(&"11".repeat(21)),
        "more than 20 content octets (21)"
    );
    assert_eq!(
        SerialNumber::from_hex("0bf4eab0").unwrap().rfc5280(),
        Rfc5280::Conforms
    );
}
