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
//!
//! With `--json`, one object per certificate and line: `sote_certs::json::InspectLine`, and
//! `{"file": …, "error": …}` for a file that cannot be read. The exit status is 1 if a file could
//! not be read (after every line is printed), 2 for a bad option.

#[path = "support/bundled.rs"]
mod bundled;
#[path = "support/cli.rs"]
mod cli;
#[path = "support/input.rs"]
mod input;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, SecondsFormat, Utc};
use cli::Stop;
use sote_certs::certificate::CertificateReader;
use sote_certs::inspect::Conformance;
use sote_certs::json::InspectLine;
use sote_certs::{Certificate, Inspector, Profile, Report};

const USAGE: &str =
    "usage: inspect [--json] [--at RFC3339] [--profile NAME] [--max-input BYTES] [FILE...]";

struct Options {
    json: bool,
    at: DateTime<Utc>,
    profile: Option<Profile>,
    reader: CertificateReader,
    files: Vec<PathBuf>,
}

fn parse_args() -> Result<Options, Stop> {
    use lexopt::prelude::*;
    let mut options = Options {
        json: false,
        // The library never reads the clock; the example does, once.
        at: DateTime::<Utc>::from(std::time::SystemTime::now()),
        profile: None,
        reader: CertificateReader::new(),
        files: Vec::new(),
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("json") => options.json = true,
            Long("at") => {
                options.at = cli::value(&mut parser, "--at", "an RFC 3339 instant", |text| {
                    DateTime::parse_from_rfc3339(text).ok()
                })?
                .with_timezone(&Utc);
            }
            Long("profile") => {
                options.profile = Some(cli::value(
                    &mut parser,
                    "--profile",
                    "a profile name",
                    |text| text.parse().ok(),
                )?);
            }
            Long("max-input") => cli::max_input(&mut parser, &mut options.reader)?,
            Short('h') | Long("help") => return Err(Stop::Help),
            Value(file) => options.files.push(file.into()),
            _ => return Err(arg.unexpected().into()),
        }
    }
    if options.files.is_empty() {
        options.files =
            bundled::bundled("real", &["pem"]).map_err(|e| Stop::Usage(e.to_string()))?;
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
        let Some(certificates) =
            input::read_objects(file, &options.reader, options.json, |reader, bytes| {
                reader.read_all(bytes)
            })
        else {
            failed = true;
            continue;
        };
        for (index, cert) in certificates.iter().enumerate() {
            let report = match options.profile {
                Some(profile) => inspector.inspect_as(cert, profile, options.at),
                None => inspector.inspect(cert, options.at),
            };
            if options.json {
                cli::print_json(&InspectLine::new(&shown, index, cert, &report));
            } else {
                print!("{}", as_human(&shown, index, cert, &report));
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The human report of one certificate: what `inspect` prints without `--json`.
fn as_human(file: &str, index: usize, cert: &Certificate, report: &Report) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    let issuer = cert
        .issuer()
        .get(const_oid::db::rfc4519::CN)
        .unwrap_or_default();
    let interop = report.serial.interop();
    line(format!("{file} [{index}]"));
    line(format!("  subject      {}", cert.subject()));
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
    line(match report.trust.verification() {
        None => "  signature    not verified: the inspection judges the content only".to_owned(),
        Some(v) if v.is_trusted() => format!(
            "  signature    verified: trusted through {}",
            v.path()
                .iter()
                .map(|entry| entry.subject())
                .collect::<Vec<_>>()
                .join(" <- ")
        ),
        Some(_) => "  signature    verified: untrusted (the chain.* findings say why)".to_owned(),
    });
    for finding in &report.findings {
        line(format!("  - {finding}"));
    }
    for finding in report
        .trust
        .verification()
        .into_iter()
        .flat_map(|v| &*v.findings)
    {
        line(format!("  - {finding}"));
    }
    line(String::new());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn human(name: &str) -> String {
        let file = format!(
            "{}/tests/fixtures/real/{name}.pem",
            env!("CARGO_MANIFEST_DIR")
        );
        let cert = &sote_certs::read_certificates(&std::fs::read(&file).unwrap()).unwrap()[0];
        let at = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        as_human(name, 0, cert, &Inspector::dvv().inspect(cert, at))
    }

    #[test]
    fn human_output_says_not_judged_for_a_ca_certificate_and_that_signatures_are_not_verified() {
        let text = human("related-dvv-ca-fineid-intermediate-00-citizen-g3");
        let lines: Vec<&str> = text.lines().collect();
        for expected in [
            "  profile      none: a CA certificate, not a sote service certificate",
            "  conforms     not judged: not a sote certificate",
            "  signature    not verified: the inspection judges the content only",
        ] {
            assert!(lines.contains(&expected), "missing {expected:?} in\n{text}");
        }
        assert!(!text.contains("conforms     yes"), "{text}");

        let text = human("kela-dcc-dsc-prod-2021-12-20-dvv-g3e");
        assert!(text.lines().any(|l| l == "  conforms     yes"), "{text}");
        assert!(
            text.contains("  signature    not verified: the inspection judges the content only"),
            "{text}"
        );
    }
}
