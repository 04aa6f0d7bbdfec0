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
//! {"input":"0bf4eab0","hex":"0bf4eab0","decimal":"200600240","der":"02040bf4eab0","octets":4,
//!  "bits":28,"negative":false,"form":"legacy-32","embedded_time":null,"rfc5280":true,
//!  "fits":{…},"ambiguous":false}
//! ```
//!
//! (`sote_certs::json::SerialLine`) and `{"input": …, "error": "<message>"}` for a notation that
//! cannot be read. A notation may start with `-` (a negative number); an argument that starts
//! with `--`, and `-h`, is an option. The exit status is 1 if any notation could not be read
//! (after every line is printed), 2 for a bad option.

#[path = "support/cli.rs"]
mod cli;

use std::ffi::OsString;
use std::process::ExitCode;

use chrono::SecondsFormat;
use cli::Stop;
use sote_certs::SerialNumber;
use sote_certs::json::SerialLine;
use sote_certs::serial::{Guess, HexStyle, Notation};

const USAGE: &str = "usage: serial [--json] NOTATION...";

/// DVV's examples: the VRK CA's old 4-octet form and the G3 CAs' long form.
const DVV_EXAMPLES: [&str; 2] = ["0bf4eab0", "0100000168f0a805c366b43b5de968c691fb"];

/// Whether `--json` was given, and the notations.
fn parse_args() -> Result<(bool, Vec<String>), Stop> {
    use lexopt::prelude::*;
    // `-12` is a notation (a negative number), not a cluster of short options: only `--…` and
    // `-h` go to the option parser.
    let (options, notations): (Vec<OsString>, Vec<OsString>) =
        std::env::args_os().skip(1).partition(|arg| {
            let arg = arg.to_string_lossy();
            arg.starts_with("--") || arg == "-h"
        });
    let mut json = false;
    let mut parser = lexopt::Parser::from_args(options);
    while let Some(arg) = parser.next()? {
        match arg {
            Long("json") => json = true,
            Short('h') | Long("help") => return Err(Stop::Help),
            _ => return Err(arg.unexpected().into()),
        }
    }
    let notations = notations
        .into_iter()
        .map(|arg| {
            arg.into_string()
                .map_err(|arg| Stop::Usage(format!("{arg:?} is not UTF-8")))
        })
        .collect::<Result<Vec<String>, Stop>>()?;
    Ok((json, notations))
}

fn main() -> ExitCode {
    let (json, mut notations) = match parse_args() {
        Ok(parsed) => parsed,
        Err(stop) => return stop.exit(USAGE),
    };
    if notations.is_empty() {
        notations = DVV_EXAMPLES.map(str::to_owned).to_vec();
    }

    let mut all_read = true;
    for (i, input) in notations.iter().enumerate() {
        let line = SerialLine::read(input);
        all_read &= line.is_read();
        if json {
            cli::print_json(&line);
        } else {
            if i > 0 {
                println!();
            }
            print!("{}", human_report(&line));
        }
    }
    if all_read {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Lowercase hex of bytes.
fn hex_bytes(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every form and the interop report of a notation as text.
fn human_report(line: &SerialLine) -> String {
    let input = line.input();
    let (serial, notation, ambiguous) = match line.reading() {
        Ok(Guess::Known(notation, serial)) => (serial, *notation, None),
        Ok(Guess::Either { hex, decimal }) => (hex, Notation::Hex, Some(decimal)),
        Err(error) => return format!("{input}\n  error: {error}\n"),
    };
    let interop = serial.interop();
    let notation = notation.as_str();
    let mut lines = vec![input.to_owned(), format!("  read as        {notation}")];
    if let Some(decimal) = ambiguous {
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
        ("DER", hex_bytes(&serial.to_der())),
        ("DER content", hex_bytes(serial.as_der_content())),
        (
            "big-endian",
            format!("{sign}{}", hex_bytes(&serial.to_be_bytes())),
        ),
        (
            "little-endian",
            format!(
                "{sign}{}  (.NET GetSerialNumber())",
                hex_bytes(&serial.to_le_bytes())
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
        ("RFC 5280", rfc5280_verdict(serial)),
    ];
    lines.extend(
        rows.iter()
            .map(|(name, value)| format!("  {name:<14} {value}")),
    );
    // The targets under the names people look for; the rest by their field names.
    let targets = interop.fits.entries().map(|(name, fits)| match name {
        "js_safe_integer" => ("JavaScript Number", fits),
        "decimal38" => ("DECIMAL(38)/NUMBER(38)", fits),
        _ => (name, fits),
    });
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
    lines.join("\n") + "\n"
}

fn rfc5280_verdict(serial: &SerialNumber) -> String {
    let verdict = serial.rfc5280();
    if verdict.conforms() {
        format!("conforms ({verdict})")
    } else {
        format!("does not conform: {verdict}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(input: &str) -> String {
        human_report(&SerialLine::read(input))
    }

    #[test]
    fn human_report_lists_every_form_and_the_interop_report() {
        let text = report("0100000168f0a805c366b43b5de968c691fb");
        for expected in [
            "0100000168f0a805c366b43b5de968c691fb",
            "0100000168F0A805C366B43B5DE968C691FB",
            "01:00:00:01:68:f0:a8:05:c3:66:b4:3b:5d:e9:68:c6:91:fb",
            "87112293252494463413683796322992020427259",
            "02120100000168f0a805c366b43b5de968c691fb",
            "fb91c668e95d3bb466c305a8f06801000001",
            "0x0100000168f0a805c366b43b5de968c691fb",
            "18 content octets, 137 bits, 41 decimal digits",
            "long",
            "2019-02-15T10:16:09.923Z",
            "  RFC 5280       conforms (positive, at most 20 content octets)",
            "does not fit   i32, u32, i64, u64, i128, u128, JavaScript Number, DECIMAL(38)/NUMBER(38)",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
    }

    #[test]
    fn human_report_says_why_a_serial_does_not_conform_to_rfc_5280() {
        assert!(report("hex:0").contains("  RFC 5280       does not conform: zero"));
        assert!(report("dec:-129").contains("  RFC 5280       does not conform: negative"));
        let long = format!("hex:{}", "7f".repeat(21));
        assert!(
            report(&long)
                .contains("  RFC 5280       does not conform: more than 20 content octets (21)")
        );
    }

    #[test]
    fn human_report_warns_about_ambiguity_and_errors() {
        let text = report("12345678");
        assert!(text.contains("AMBIGUOUS"), "{text}");
        assert!(text.contains("0xbc614e"), "{text}");
        let text = report("0b::f4");
        assert!(
            text.contains("error: unexpected separator ':' at offset 3"),
            "{text}"
        );
    }
}
