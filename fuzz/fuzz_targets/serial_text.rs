//! Text readers never panic, and every value they accept prints back to itself:
//! `parse(x.to_string())`, `from_hex(hex)` and `from_decimal(decimal)` all give `x`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sote_certs::SerialReader;
use sote_certs::serial::{Guess, HexStyle};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let reader = SerialReader::new();
    let guessed = match reader.guess(text) {
        Ok(Guess::Known(_, x)) => vec![x],
        Ok(Guess::Either { hex, decimal }) => vec![hex, decimal],
        Err(_) => vec![],
    };
    let read = [reader.parse(text), reader.hex(text), reader.decimal(text)];
    for x in guessed.iter().chain(read.iter().flatten()) {
        assert_eq!(reader.parse(&x.to_string()).as_ref(), Ok(x));
        assert_eq!(reader.hex(&x.to_hex_string()).as_ref(), Ok(x));
        assert_eq!(
            reader.hex(&x.hex(HexStyle::Colon).to_string()).as_ref(),
            Ok(x)
        );
        assert_eq!(
            reader.hex(&x.hex(HexStyle::Upper).to_string()).as_ref(),
            Ok(x)
        );
        assert_eq!(reader.decimal(&x.to_decimal_string()).as_ref(), Ok(x));
    }
});
