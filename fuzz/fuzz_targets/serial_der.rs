//! DER decode → encode is byte-identical for every accepted input, and the content octets
//! round-trip on their own.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sote_certs::SerialNumber;

fuzz_target!(|data: &[u8]| {
    if let Ok(serial) = SerialNumber::from_der(data) {
        assert_eq!(serial.to_der(), data);
        assert_eq!(serial.der_len(), data.len());
        let content = serial.as_der_content();
        assert_eq!(
            SerialNumber::from_der_content(content).as_ref(),
            Ok(&serial)
        );
    }
    if let Ok(serial) = SerialNumber::from_der_content(data) {
        assert_eq!(serial.as_der_content(), data);
    }
});
