//! Is this certificate really DVV's, and is it revoked now? Verifies certificates against the
//! trust anchors given (path validation by rustls-webpki), reads revocation from the CRLs
//! given, and inspects each verified certificate against its sote profile.
//!
//! ```sh
//! cargo run --example verify -- [--json] [--at RFC3339] --trust FILE [--trust FILE]... \
//!     [--anchor-environment production|test] [--chain FILE]... [--crl FILE]... \
//!     [--require-revocation] [--max-input BYTES] CERT...
//! ```
//!
//! An option takes one file and repeats for more; a file may hold several PEM blocks (or be
//! DER). `--trust` files are the anchors (DVV's roots and sote CA certificates, downloaded from
//! DVV; a test CA), `--chain` files the intermediates a path may pass through, `--crl` files
//! the CRLs. `--anchor-environment` states the DVV environment of every anchor given (without
//! it, a certificate's environment comes from its issuer's name, as in `inspect`).
//!
//! `trusted` is the path validation alone (signatures, constraints, validity at `--at`).
//! `revocation` is `revoked` when a certificate on the path is listed on a verified CRL,
//! `good` when the certificate itself has a fresh, verified CRL that does not list it and
//! nothing on the path is listed, `unknown` otherwise; with `--require-revocation` every
//! certificate below the anchor needs a fresh, verified CRL (OpenSSL's `-crl_check_all`), and a
//! missing or stale one is an error finding for each.
//!
//! With `--json`, one `sote_certs::json::VerifyLine` per certificate, and `{"file": …,
//! "error": …}` for a file that cannot be read. Exit status 0 when every certificate is
//! trusted and not revoked (and, with `--require-revocation`, known good), 1 otherwise, 2 for
//! a bad option.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/input.rs"]
mod input;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use cli::Stop;
use sote_certs::certificate::CertificateReader;
use sote_certs::json::VerifyLine;
use sote_certs::trust::{Revocation, RevocationPolicy, Verifier};
use sote_certs::{Certificate, Environment, Inspector, Report};

const USAGE: &str = "usage: verify [--json] [--at RFC3339] --trust FILE [--trust FILE]... \
[--anchor-environment production|test] [--chain FILE]... [--crl FILE]... [--require-revocation] \
[--max-input BYTES] CERT...";

struct Options {
    json: bool,
    at: DateTime<Utc>,
    trust: Vec<PathBuf>,
    environment: Option<Environment>,
    chain: Vec<PathBuf>,
    crls: Vec<PathBuf>,
    policy: RevocationPolicy,
    reader: CertificateReader,
    certs: Vec<PathBuf>,
}

fn parse_args() -> Result<Options, Stop> {
    use lexopt::prelude::*;
    let mut options = Options {
        json: false,
        // The library never reads the clock; the example does, once.
        at: DateTime::<Utc>::from(std::time::SystemTime::now()),
        trust: Vec::new(),
        environment: None,
        chain: Vec::new(),
        crls: Vec::new(),
        policy: RevocationPolicy::BestEffort,
        reader: CertificateReader::new(),
        certs: Vec::new(),
    };
    let mut parser = lexopt::Parser::from_env();
    let file = |parser: &mut lexopt::Parser, option: &str| {
        cli::value(parser, option, "a file", |text| Some(PathBuf::from(text)))
    };
    while let Some(arg) = parser.next()? {
        match arg {
            Long("json") => options.json = true,
            Long("at") => {
                options.at = cli::value(&mut parser, "--at", "an RFC 3339 instant", |text| {
                    DateTime::parse_from_rfc3339(text).ok()
                })?
                .with_timezone(&Utc);
            }
            Long("trust") => options.trust.push(file(&mut parser, "--trust")?),
            Long("chain") => options.chain.push(file(&mut parser, "--chain")?),
            Long("crl") => options.crls.push(file(&mut parser, "--crl")?),
            Long("anchor-environment") => {
                options.environment = Some(cli::value(
                    &mut parser,
                    "--anchor-environment",
                    "production or test",
                    |text| match text {
                        "production" => Some(Environment::Production),
                        "test" => Some(Environment::Test),
                        _ => None,
                    },
                )?);
            }
            Long("require-revocation") => options.policy = RevocationPolicy::Required,
            Long("max-input") => cli::max_input(&mut parser, &mut options.reader)?,
            Short('h') | Long("help") => return Err(Stop::Help),
            Value(file) => options.certs.push(file.into()),
            _ => return Err(arg.unexpected().into()),
        }
    }
    if options.trust.is_empty() {
        return Err(Stop::Usage(
            "at least one --trust FILE is needed".to_owned(),
        ));
    }
    if options.certs.is_empty() {
        return Err(Stop::Usage("no certificate to verify".to_owned()));
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(stop) => return stop.exit(USAGE),
    };
    let mut all_good = true;
    let certificates = |file: &PathBuf, ok: &mut bool| {
        let read = input::read_objects(file, &options.reader, options.json, |reader, bytes| {
            reader.read_all(bytes)
        });
        *ok &= read.is_some();
        read.unwrap_or_default()
    };
    let mut verifier = Verifier::new();
    verifier.set_revocation_policy(options.policy);
    for file in &options.trust {
        for anchor in certificates(file, &mut all_good) {
            if let Err(e) = verifier.add_anchor(&anchor, options.environment) {
                eprintln!("{}: {e}", file.display());
                all_good = false;
            }
        }
    }
    for file in &options.chain {
        for intermediate in certificates(file, &mut all_good) {
            verifier.add_intermediate(&intermediate);
        }
    }
    for file in &options.crls {
        let read = input::read_objects(file, &options.reader, options.json, |reader, bytes| {
            reader.read_crls(bytes)
        });
        all_good &= read.is_some();
        for crl in read.unwrap_or_default() {
            verifier.add_crl(crl);
        }
    }
    let inspector = Inspector::dvv();
    for file in &options.certs {
        let shown = file.display().to_string();
        for (index, cert) in certificates(file, &mut all_good).iter().enumerate() {
            let report = inspector.inspect_verified(cert, &verifier, options.at);
            all_good &= accepted(&report, options.policy);
            if options.json {
                cli::print_json(&VerifyLine::new(&shown, index, &report));
            } else {
                print!("{}", as_human(&shown, index, cert, &report));
            }
        }
    }
    if all_good {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Trusted and not revoked; with revocation required, known good.
fn accepted(report: &Report, policy: RevocationPolicy) -> bool {
    report.trust.verification().is_some_and(|v| {
        v.is_trusted()
            && match (&v.revocation, policy) {
                (Revocation::Revoked { .. }, _) => false,
                (Revocation::Good, _) => true,
                (_, RevocationPolicy::Required) => false,
                _ => true,
            }
    })
}

fn as_human(file: &str, index: usize, cert: &Certificate, report: &Report) -> String {
    let mut out = format!("{file} #{index}: {}\n", cert.subject());
    if let Some(v) = report.trust.verification() {
        out += &format!("  trust        {}\n", v.status.as_str());
        for entry in &v.path {
            out += &format!("    <- {}\n", entry.subject());
        }
        out += &format!("  revocation   {}", v.revocation.as_str());
        if let Revocation::Revoked {
            revoked_at,
            reason,
            subject,
        } = &v.revocation
        {
            out += &format!(
                " since {} ({}) for {subject}",
                revoked_at.to_rfc3339(),
                reason.map_or("no reason", |r| r.name())
            );
        }
        out += "\n";
    }
    out += &format!(
        "  profile      {}\n",
        report
            .profile()
            .map_or_else(|| "none".to_owned(), |p| p.to_string())
    );
    out += &format!("  conformance  {}\n", report.conformance());
    for finding in report.findings.iter() {
        out += &format!("  - {finding}\n");
    }
    for finding in report
        .trust
        .verification()
        .into_iter()
        .flat_map(|v| &*v.findings)
    {
        out += &format!("  - {finding}\n");
    }
    out + "\n"
}
