//! Inputs the fuzz targets (`fuzz/`) found crashing, each pinned as a named test. The same
//! inputs are in the committed corpus under `fuzz/corpus/`, which CI replays.

use sote_certs::{SerialError, SerialNumber};

/// `fuzz/corpus/serial_der/crash-trailing-data`: the `Truncated` error was built eagerly, so a
/// well-formed TLV followed by extra bytes underflowed `end - input.len()` (a panic in debug
/// builds) before the trailing data could be reported.
#[test]
fn der_decode_reports_trailing_data_without_overflow() {
    assert_eq!(
        SerialNumber::from_der(&[0x02, 0x01, 0x00, 0x00]),
        Err(SerialError::TrailingData { len: 1, offset: 3 })
    );
}

/// `fuzz/corpus/serial_der/crash-long-form-length`: the same eager error in the length decoder
/// underflowed whenever long-form length octets were followed by more input.
#[test]
fn der_decode_reads_long_form_length_followed_by_content_without_overflow() {
    assert!(matches!(
        SerialNumber::from_der(&[0x02, 0x81, 0x01, 0x01]),
        Err(SerialError::InvalidLength { offset: 1, .. })
    ));
    let mut der = vec![0x02, 0x81, 0x80];
    der.extend([0x5a; 0x80]);
    let serial = SerialNumber::from_der(&der);
    assert_eq!(serial.map(|s| s.to_der()), Ok(der));
}
