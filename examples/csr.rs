//! Checks certificate requests before they are attached to a DVV application.
//!
//! ```sh
//! cargo run --example csr -- [--json] [--profile NAME] [--at DATE] [--max-input BYTES] FILE...
//! ```
//!
//! Without `--profile`, each request is checked for the production profile its requested
//! usages point to. With no FILE, the bundled requests in `tests/fixtures/requests/`.
//!
//! With `--json`, one object per request and line: `sote_certs::json::RequestLine` (its
//! `signature_valid` is true, false or null when not checked), and `{"file": …, "error": …}` for
//! a file that cannot be read. The exit status is 1 if a file could not be read (after every
//! line is printed), 2 for a bad option.

#[path = "support/bundled.rs"]
mod bundled;
#[path = "support/cli.rs"]
mod cli;
#[path = "support/input.rs"]
mod input;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use cli::Stop;
use sote_certs::certificate::CertificateReader;
use sote_certs::csr::{CertificateRequest, NotCheckedReason, RequestReport, SignatureCheck};
use sote_certs::json::RequestLine;
use sote_certs::{Inspector, Profile};

const USAGE: &str =
    "usage: csr [--json] [--profile NAME] [--at YYYY-MM-DD] [--max-input BYTES] FILE...";

struct Options {
    json: bool,
    profile: Option<Profile>,
    date: NaiveDate,
    reader: CertificateReader,
    files: Vec<PathBuf>,
}

fn parse_args() -> Result<Options, Stop> {
    use lexopt::prelude::*;
    let mut options = Options {
        json: false,
        profile: None,
        // The library never reads the clock; the example does, once.
        date: chrono::DateTime::<Utc>::from(std::time::SystemTime::now()).date_naive(),
        reader: CertificateReader::new(),
        files: Vec::new(),
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("json") => options.json = true,
            Long("profile") => {
                options.profile = Some(cli::value(
                    &mut parser,
                    "--profile",
                    "a profile name",
                    |text| text.parse().ok(),
                )?);
            }
            Long("at") => {
                options.date = cli::value(&mut parser, "--at", "a date (YYYY-MM-DD)", |text| {
                    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
                })?;
            }
            Long("max-input") => cli::max_input(&mut parser, &mut options.reader)?,
            Short('h') | Long("help") => return Err(Stop::Help),
            Value(file) => options.files.push(file.into()),
            _ => return Err(arg.unexpected().into()),
        }
    }
    if options.files.is_empty() {
        options.files = bundled::bundled("requests", &["csr", "der"])
            .map_err(|e| Stop::Usage(e.to_string()))?;
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(stop) => return stop.exit(USAGE),
    };
    let inspector = Inspector::dvv();
    let mut failed = false;
    for file in &options.files {
        let shown = file.display().to_string();
        let Some(requests) =
            input::read_objects(file, &options.reader, options.json, |reader, bytes| {
                reader.read_requests(bytes)
            })
        else {
            failed = true;
            continue;
        };
        for csr in &requests {
            let profile = options.profile.unwrap_or_else(|| csr.likely_profile());
            let report = inspector.check_request(csr, profile, options.date, &[]);
            if options.json {
                cli::print_json(&RequestLine::new(&shown, csr, &report));
            } else {
                print_human(&shown, csr, &report);
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_human(file: &str, csr: &CertificateRequest, report: &RequestReport) {
    println!("{file}");
    println!("  subject    {}", csr.subject());
    println!("  names      {}", csr.dns_names().join(", "));
    println!(
        "  key        {}",
        report
            .key
            .as_ref()
            .map_or("undecodable".into(), |k| k.name())
    );
    let signature = match report.signature {
        SignatureCheck::Verified => "valid".to_owned(),
        SignatureCheck::Invalid => "invalid".to_owned(),
        SignatureCheck::NotChecked { algorithm, reason } => {
            let why = match reason {
                NotCheckedReason::Weak => "weak algorithm",
                _ => "unsupported algorithm",
            };
            format!("not checked ({why} {algorithm})")
        }
        _ => "not checked".to_owned(),
    };
    println!("  signature  {signature}");
    println!("  profile    {}", report.profile);
    println!("  ready      {}", if report.ok() { "yes" } else { "no" });
    for finding in &report.findings {
        println!("  - {finding}");
    }
    println!();
}
