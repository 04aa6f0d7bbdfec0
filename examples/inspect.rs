//! The crate's main job: read certificates (DER or PEM, as DVV e-mails them), say which sote
//! profile each is and whether it conforms.
//!
//! ```sh
//! cargo run --example inspect -- [--json] [--at RFC3339] [--profile NAME] [--max-input BYTES] [FILE...]
//! ```
//!
//! A file is read within a bound (1 MiB unless `--max-input` raises it): a larger one is refused
//! from its size, before it is read. PEM blocks of other kinds (a private key, a CRL) are skipped
//! with a notice on standard error.
//!
//! With no FILE it inspects the real DVV certificates bundled in `tests/fixtures/real/`.
//!
//! The inspection judges each certificate's content; it does not verify the issuer's signature.
//! `conforms` is a statement about a sote profile: `true` or `false` for a sote certificate,
//! `null` (human output: "not judged") for one that is not (a CA certificate, an unknown
//! issuer), whose `profile` is `null` too.

#[path = "support/json.rs"]
mod json;

#[path = "support/bundled.rs"]
mod bundled;

#[path = "support/input.rs"]
pub mod input;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::json;
use sote_certs::certificate::CertificateReader;
use sote_certs::inspect::Conformance;
use sote_certs::{Inspector, Profile, Report};

struct Options {
    json: bool,
    at: DateTime<Utc>,
    profile: Option<Profile>,
    reader: CertificateReader,
    files: Vec<PathBuf>,
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("{problem}");
    eprintln!(
        "usage: inspect [--json] [--at RFC3339] [--profile NAME] [--max-input BYTES] [FILE...]"
    );
    ExitCode::from(2)
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        json: false,
        at: DateTime::<Utc>::from(std::time::SystemTime::now()),
        profile: None,
        reader: CertificateReader::new(),
        files: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => options.json = true,
            "--at" => {
                let value = args.next().ok_or("--at needs an RFC 3339 instant")?;
                options.at = DateTime::parse_from_rfc3339(&value)
                    .map_err(|e| format!("--at {value:?}: {e}"))?
                    .with_timezone(&Utc);
            }
            "--profile" => {
                let value = args.next().ok_or("--profile needs a name")?;
                options.profile = Some(value.parse().map_err(|e| format!("{e}"))?);
            }
            "--max-input" => {
                options
                    .reader
                    .set_max_input(input::parse_max_input(args.next())?);
            }
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ => options.files.push(arg.into()),
        }
    }
    if options.files.is_empty() {
        options.files = bundled::bundled("real", &["pem"]).map_err(|e| e.to_string())?;
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(problem) => return usage(&problem),
    };
    let inspector = Inspector::dvv();
    let mut failed = false;
    for file in &options.files {
        let shown = file.display().to_string();
        let read = input::read_bounded(file, options.reader.max_input())
            .and_then(|bytes| options.reader.read_all(&bytes).map_err(|e| e.to_string()));
        let certificates = match read {
            Ok(read) => {
                for notice in &read.notices {
                    eprintln!("{shown}: notice: {notice}");
                }
                read.objects
            }
            Err(error) => {
                failed = true;
                if options.json {
                    println!("{}", json!({ "file": shown, "error": error }));
                } else {
                    println!("{shown}: error: {error}\n");
                }
                continue;
            }
        };
        for (index, cert) in certificates.iter().enumerate() {
            let report = match options.profile {
                Some(profile) => inspector.inspect_as(cert, profile, options.at),
                None => inspector.inspect(cert, options.at),
            };
            let issuer = cert
                .issuer()
                .get(const_oid::db::rfc4519::CN)
                .unwrap_or_default();
            let subject = cert.subject().to_string();
            if options.json {
                println!("{}", as_json(&shown, index, &issuer, &subject, &report));
            } else {
                print!("{}", as_human(&shown, index, &issuer, &subject, &report));
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

pub fn as_json(file: &str, index: usize, issuer: &str, subject: &str, report: &Report) -> String {
    let time = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    json!({
        "file": file,
        "index": index,
        "profile": report.profile().map(Profile::as_str),
        "environment": report.environment().map(|e| e.as_str()),
        "issuer": issuer,
        "subject": subject,
        "serial": json::serial_json(&report.serial, false),
        "not_before": time(report.not_before),
        "not_after": time(report.not_after),
        "status": report.status.as_str(),
        // true, false, or null for a certificate without a sote profile.
        "conforms": report.conforms(),
        "findings": report.findings.iter().map(json::finding_json).collect::<Vec<_>>(),
    })
    .to_string()
}

/// The human report of one certificate: what `inspect` prints without `--json`.
pub fn as_human(file: &str, index: usize, issuer: &str, subject: &str, report: &Report) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    let interop = report.serial.interop();
    line(format!("{file} [{index}]"));
    line(format!("  subject      {subject}"));
    line(format!("  issuer       {issuer}"));
    match report.profile() {
        Some(profile) => line(format!(
            "  profile      {profile} ({}; {})",
            report.environment().map_or("?", |e| e.as_str()),
            report.classification.reason()
        )),
        None => line(format!(
            "  profile      none: {}",
            report.classification.reason()
        )),
    }
    if let Some(ca) = &report.authority {
        line(format!(
            "  CA           {} generation",
            ca.authority().generation.as_str()
        ));
    }
    line(format!(
        "  serial       {} = {} ({} octets, {}{})",
        report.serial.to_hex_string(),
        report.serial.decimal(),
        interop.octets,
        interop.form.as_str(),
        interop.embedded_time.map_or_else(String::new, |t| format!(
            ", issued {}",
            t.to_rfc3339_opts(SecondsFormat::Millis, true)
        )),
    ));
    line(format!(
        "  validity     {} to {} ({} at the given instant)",
        report.not_before.to_rfc3339_opts(SecondsFormat::Secs, true),
        report.not_after.to_rfc3339_opts(SecondsFormat::Secs, true),
        report.status.as_str()
    ));
    match report.conformance() {
        Conformance::Conforms => line("  conforms     yes".to_owned()),
        Conformance::DoesNotConform => line("  conforms     no".to_owned()),
        _ => line("  conforms     not judged: not a sote certificate".to_owned()),
    }
    line("  signature    not verified: the inspection judges the content only".to_owned());
    for finding in &report.findings {
        line(format!("  - {finding}"));
    }
    line(String::new());
    out
}
