//! Every notation of a certificate serial number, and where the value can be stored exactly.
//!
//! ```sh
//! cargo run --example serial -- [--json] NOTATION...
//! ```
//!
//! A NOTATION is anything [`SerialReader::guess`] reads: `hex:…`, `dec:…`, `der:…` (hex of the
//! DER TLV), OpenSSL's `serial=…`, `0x…`, colon or space separated hex, hex with letters, or a
//! bare digit string, which is valid hex and valid decimal and is then read as hex (certificate
//! tools print serials in hex) and flagged as ambiguous. With no NOTATION, DVV's two published
//! examples. With `--json`, one JSON object per line per notation:
//!
//! ```text
//! {"ambiguous":false,"bits":28,"decimal":"200600240","der":"02040bf4eab0",
//!  "embedded_time":null,"fits":{…},"form":"legacy-32","hex":"0bf4eab0",
//!  "input":"0bf4eab0","negative":false,"octets":4,"rfc5280":true}
//! ```
//!
//! and `{"input": …, "error": "<message>"}` for a notation that cannot be read. The exit status
//! is 1 if any notation could not be read (after every line is printed), 2 for a bad option.

#[path = "support/json.rs"]
mod json;

use std::process::ExitCode;

use chrono::SecondsFormat;
use serde_json::Value;
use sote_certs::serial::{Guess, HexStyle, Notation};
use sote_certs::{SerialNumber, SerialReader};

/// DVV's examples: the VRK CA's old 4-octet form and the G3 CAs' long form.
pub const DVV_EXAMPLES: [&str; 2] = ["0bf4eab0", "0100000168f0a805c366b43b5de968c691fb"];

fn main() -> ExitCode {
    let mut as_json = false;
    let mut notations = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => as_json = true,
            "-h" | "--help" => {
                println!("usage: serial [--json] NOTATION...");
                return ExitCode::SUCCESS;
            }
            // `-12` is a notation (a negative number), `--anything` an unknown option.
            option if option.starts_with("--") => {
                eprintln!("unknown option {option}\nusage: serial [--json] NOTATION...");
                return ExitCode::from(2);
            }
            _ => notations.push(arg),
        }
    }
    if notations.is_empty() {
        notations = DVV_EXAMPLES.map(str::to_owned).to_vec();
    }

    let mut all_read = true;
    for (i, input) in notations.iter().enumerate() {
        let read = if as_json {
            let (line, read) = json_line(input);
            println!("{line}");
            read
        } else {
            if i > 0 {
                println!();
            }
            let (text, read) = human_report(input);
            print!("{text}");
            read
        };
        all_read &= read;
    }
    if all_read {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// How a notation was read: its value, the notation, and whether it was ambiguous.
struct Reading {
    serial: SerialNumber,
    notation: Notation,
    ambiguous: Option<SerialNumber>,
}

fn read(input: &str) -> Result<Reading, sote_certs::SerialError> {
    Ok(match SerialReader::new().guess(input)? {
        Guess::Known(notation, serial) => Reading {
            serial,
            notation,
            ambiguous: None,
        },
        Guess::Either { hex, decimal } => Reading {
            serial: hex,
            notation: Notation::Hex,
            ambiguous: Some(decimal),
        },
    })
}

/// One JSON object for `input` (the serial object with `input` added, or `input` and `error`),
/// and whether it could be read.
pub fn json_line(input: &str) -> (Value, bool) {
    match read(input) {
        Ok(reading) => {
            let mut object = json::serial_json(&reading.serial, reading.ambiguous.is_some());
            if let Value::Object(map) = &mut object {
                map.insert("input".to_owned(), Value::from(input));
            }
            (object, true)
        }
        Err(error) => (
            serde_json::json!({ "input": input, "error": error.to_string() }),
            false,
        ),
    }
}

/// Every form and the interop report of `input` as text, and whether it could be read.
pub fn human_report(input: &str) -> (String, bool) {
    let reading = match read(input) {
        Ok(reading) => reading,
        Err(error) => return (format!("{input}\n  error: {error}\n"), false),
    };
    let serial = &reading.serial;
    let interop = serial.interop();
    let notation = match reading.notation {
        Notation::Hex => "hex",
        Notation::Decimal => "decimal",
        Notation::Der => "DER (hex of the TLV)",
    };
    let mut lines = vec![input.to_owned(), format!("  read as        {notation}")];
    if let Some(decimal) = &reading.ambiguous {
        lines.push(format!(
            "  AMBIGUOUS      bare digits, read as hex; as decimal they are {} ({decimal}); \
             write hex:{input} or dec:{input}",
            decimal.to_decimal_string()
        ));
    }
    let sign = if serial.is_negative() { "-" } else { "" };
    let rows = [
        ("hex", serial.to_hex_string()),
        ("HEX", serial.hex(HexStyle::Upper).to_string()),
        ("colon hex", serial.hex(HexStyle::Colon).to_string()),
        ("decimal", serial.to_decimal_string()),
        ("DER", json::hex_bytes(&serial.to_der())),
        ("DER content", json::hex_bytes(serial.as_der_content())),
        (
            "big-endian",
            format!("{sign}{}", json::hex_bytes(&serial.to_be_bytes())),
        ),
        (
            "little-endian",
            format!(
                "{sign}{}  (.NET GetSerialNumber())",
                json::hex_bytes(&serial.to_le_bytes())
            ),
        ),
        ("Display", serial.to_string()),
        (
            "size",
            format!(
                "{} content octets, {} bits, {} decimal digits",
                interop.octets, interop.bits, interop.decimal_digits
            ),
        ),
        ("DVV form", interop.form.as_str().to_owned()),
        (
            "issued at",
            interop.embedded_time.map_or_else(
                || "no embedded time".to_owned(),
                |t| {
                    format!(
                        "{} (embedded in DVV's long form; an observation, not a promise)",
                        t.to_rfc3339_opts(SecondsFormat::Millis, true)
                    )
                },
            ),
        ),
        ("RFC 5280", rfc5280_verdict(serial, interop.rfc5280)),
    ];
    lines.extend(
        rows.iter()
            .map(|(name, value)| format!("  {name:<14} {value}")),
    );
    let fits = interop.fits;
    let targets = [
        ("i32", fits.i32),
        ("u32", fits.u32),
        ("i64", fits.i64),
        ("u64", fits.u64),
        ("i128", fits.i128),
        ("u128", fits.u128),
        ("JavaScript Number", fits.js_safe_integer),
        ("DECIMAL(38)/NUMBER(38)", fits.decimal38),
    ];
    let list = |wanted: bool| {
        let names: Vec<&str> = targets
            .iter()
            .filter(|(_, fits)| *fits == wanted)
            .map(|(name, _)| *name)
            .collect();
        if names.is_empty() {
            "-".to_owned()
        } else {
            names.join(", ")
        }
    };
    lines.push(format!("  {:<14} {}", "fits in", list(true)));
    lines.push(format!("  {:<14} {}", "does not fit", list(false)));
    (lines.join("\n") + "\n", true)
}

fn rfc5280_verdict(serial: &SerialNumber, conforms: bool) -> String {
    if conforms {
        "conforms (positive, at most 20 content octets)".to_owned()
    } else if serial.is_zero() {
        "does not conform: zero".to_owned()
    } else if serial.is_negative() {
        "does not conform: negative".to_owned()
    } else {
        "does not conform: more than 20 content octets".to_owned()
    }
}
