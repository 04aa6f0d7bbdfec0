//! Reads a CRL, checks it against its issuer's certificate and at an instant, and looks serial
//! numbers up in it.
//!
//! ```sh
//! cargo run --example crl -- [--json] [--at RFC3339] [--issuer FILE] [--max-input BYTES] CRLFILE [SERIAL...]
//! ```
//!
//! CRLFILE is DER or PEM (`X509 CRL`; several blocks are read in turn). A SERIAL is read with
//! the `serial` example's notation rules (`hex:`, `dec:`, `0x`, separators; bare digits as
//! hex). `--issuer` is the certificate of the CA that issued the CRL: its key must verify the
//! CRL's signature (and its key usage allow cRLSign).
//!
//! With `--json`, one `sote_certs::json::CrlLine` per CRL, and `{"file": …, "error": …}` for a
//! file that cannot be read. Exit status 0 when every CRL was read (and, with `--issuer`, its
//! signature verifies), 1 otherwise, 2 for a bad option or serial number.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/input.rs"]
mod input;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use cli::Stop;
use sote_certs::certificate::CertificateReader;
use sote_certs::json::CrlLine;
use sote_certs::revocation::Crl;
use sote_certs::trust::{CrlCheck, check_crl};
use sote_certs::{Certificate, SerialNumber, SerialReader};

const USAGE: &str =
    "usage: crl [--json] [--at RFC3339] [--issuer FILE] [--max-input BYTES] CRLFILE [SERIAL...]";

struct Options {
    json: bool,
    at: DateTime<Utc>,
    issuer: Option<PathBuf>,
    reader: CertificateReader,
    file: PathBuf,
    serials: Vec<SerialNumber>,
}

fn parse_args() -> Result<Options, Stop> {
    use lexopt::prelude::*;
    let mut json = false;
    // The library never reads the clock; the example does, once.
    let mut at = DateTime::<Utc>::from(std::time::SystemTime::now());
    let mut issuer = None;
    let mut reader = CertificateReader::new();
    let mut values = Vec::new();
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("json") => json = true,
            Long("at") => {
                at = cli::value(&mut parser, "--at", "an RFC 3339 instant", |text| {
                    DateTime::parse_from_rfc3339(text).ok()
                })?
                .with_timezone(&Utc);
            }
            Long("issuer") => {
                issuer = Some(cli::value(&mut parser, "--issuer", "a file", |text| {
                    Some(PathBuf::from(text))
                })?);
            }
            Long("max-input") => cli::max_input(&mut parser, &mut reader)?,
            Short('h') | Long("help") => return Err(Stop::Help),
            Value(value) => values.push(value.string()?),
            _ => return Err(arg.unexpected().into()),
        }
    }
    let mut values = values.into_iter();
    let file = values
        .next()
        .ok_or_else(|| Stop::Usage("no CRL file".to_owned()))?
        .into();
    let serials = values
        .map(|text| {
            SerialReader::new()
                .guess(&text)
                .map(|guess| guess.prefer_hex())
                .map_err(|e| Stop::Usage(format!("serial number {text:?}: {e}")))
        })
        .collect::<Result<_, _>>()?;
    Ok(Options {
        json,
        at,
        issuer,
        reader,
        file,
        serials,
    })
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(stop) => return stop.exit(USAGE),
    };
    let mut ok = true;
    let issuer: Option<Certificate> = match &options.issuer {
        None => None,
        Some(file) => {
            let read = input::read_objects(file, &options.reader, options.json, |reader, bytes| {
                reader.read_all(bytes)
            });
            match read.and_then(|certs| certs.into_iter().next()) {
                Some(cert) => Some(cert),
                None => return ExitCode::from(1),
            }
        }
    };
    let shown = options.file.display().to_string();
    let Some(crls) = input::read_objects(&options.file, &options.reader, options.json, |r, b| {
        r.read_crls(b)
    }) else {
        return ExitCode::from(1);
    };
    for crl in &crls {
        let check = check_crl(crl, issuer.as_ref(), options.at);
        ok &= check.signature_valid != Some(false);
        if options.json {
            cli::print_json(&CrlLine::new(&shown, crl, &check, &options.serials));
        } else {
            print!("{}", as_human(&shown, crl, &check, &options.serials));
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn as_human(file: &str, crl: &Crl, check: &CrlCheck, serials: &[SerialNumber]) -> String {
    let mut out = format!("{file}: CRL of {}\n", crl.issuer());
    out += &format!(
        "  updates      {} to {}{}\n",
        crl.this_update().to_rfc3339(),
        crl.next_update()
            .map_or_else(|| "(no nextUpdate)".to_owned(), |t| t.to_rfc3339()),
        if check.fresh {
            ", fresh"
        } else {
            ", not fresh at the given instant"
        }
    );
    out += &format!(
        "  number       {}\n  entries      {}\n",
        crl.number()
            .map_or_else(|| "none".to_owned(), |n| n.to_decimal_string()),
        crl.entries().len()
    );
    out += &format!(
        "  signature    {}\n",
        match check.signature_valid {
            None => "not checked (no --issuer)",
            Some(true) => "verified with the issuer's key",
            Some(false) => "NOT verified with the issuer's key",
        }
    );
    for finding in check.findings.iter() {
        out += &format!("  - {finding}\n");
    }
    for serial in serials {
        out += &match crl.lookup(serial) {
            Some(entry) => format!(
                "  {}  revoked since {} ({})\n",
                serial.to_hex_string(),
                entry.revoked_at.to_rfc3339(),
                entry.reason.map_or("no reason", |r| r.name())
            ),
            None => format!("  {}  not listed\n", serial.to_hex_string()),
        };
    }
    out + "\n"
}
