//! Checks certificate requests before they are attached to a DVV application.
//!
//! ```sh
//! cargo run --example csr -- [--json] [--profile NAME] [--at DATE] [--max-input BYTES] FILE...
//! ```
//!
//! Without `--profile`, each request is checked for the production profile its requested
//! usages point to. With no FILE, the bundled requests in `tests/fixtures/requests/`.

#[path = "support/bundled.rs"]
mod bundled;

#[path = "support/input.rs"]
mod input;
#[path = "support/json.rs"]
mod json;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use serde_json::json;
use sote_certs::certificate::CertificateReader;
use sote_certs::csr::{NotCheckedReason, RequestReport, SignatureCheck};
use sote_certs::{Inspector, Profile};

fn main() -> ExitCode {
    let mut json_output = false;
    let mut profile: Option<Profile> = None;
    let mut date = chrono::DateTime::<Utc>::from(std::time::SystemTime::now()).date_naive();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut reader = CertificateReader::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = |args: &mut dyn Iterator<Item = String>| args.next().unwrap_or_default();
        match arg.as_str() {
            "--json" => json_output = true,
            "--profile" => match value(&mut args).parse() {
                Ok(p) => profile = Some(p),
                Err(e) => return usage(&e.to_string()),
            },
            "--at" => match NaiveDate::parse_from_str(&value(&mut args), "%Y-%m-%d") {
                Ok(d) => date = d,
                Err(e) => return usage(&format!("--at needs YYYY-MM-DD: {e}")),
            },
            "--max-input" => match input::parse_max_input(args.next()) {
                Ok(max) => {
                    reader.set_max_input(max);
                }
                Err(e) => return usage(&e),
            },
            _ if arg.starts_with("--") => return usage(&format!("unknown option {arg}")),
            _ => files.push(arg.into()),
        }
    }
    if files.is_empty() {
        files = bundled::bundled("requests", &["csr", "der"]).unwrap_or_default();
    }
    let inspector = Inspector::dvv();
    let mut failed = false;
    for file in &files {
        let shown = file.display().to_string();
        let read = input::read_bounded(file, reader.max_input())
            .and_then(|bytes| reader.read_requests(&bytes).map_err(|e| e.to_string()));
        let requests = match read {
            Ok(read) => {
                for notice in &read.notices {
                    eprintln!("{shown}: notice: {notice}");
                }
                read.objects
            }
            Err(error) => {
                failed = true;
                if json_output {
                    println!("{}", json!({ "file": shown, "error": error }));
                } else {
                    println!("{shown}: error: {error}\n");
                }
                continue;
            }
        };
        for csr in &requests {
            let profile = profile.unwrap_or_else(|| csr.likely_profile());
            let report = inspector.check_request(csr, profile, date, &[]);
            let subject = csr.subject().to_string();
            let dns = csr.dns_names();
            if json_output {
                println!("{}", as_json(&shown, &subject, &dns, &report));
            } else {
                print_human(&shown, &subject, &dns, &report);
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("{problem}");
    eprintln!("usage: csr [--json] [--profile NAME] [--at YYYY-MM-DD] [--max-input BYTES] FILE...");
    ExitCode::from(2)
}

pub fn as_json(file: &str, subject: &str, dns: &[&str], report: &RequestReport) -> String {
    json!({
        "file": file,
        "profile": report.profile.as_str(),
        // true (verified, valid), false (verified, wrong) or null (not checked).
        "signature_valid": report.signature.is_valid(),
        "key": report.key.as_ref().map(|k| k.name()),
        "subject": subject,
        "dns_names": dns,
        "ok": report.ok(),
        "findings": report.findings.iter().map(json::finding_json).collect::<Vec<_>>(),
    })
    .to_string()
}

fn print_human(file: &str, subject: &str, dns: &[&str], report: &RequestReport) {
    println!("{file}");
    println!("  subject    {subject}");
    println!("  names      {}", dns.join(", "));
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
