//! Makes a DVV-conformant certificate request, or pairs a key with certificates and requests.
//!
//! ```sh
//! cargo run --example request -- --profile NAME --organisation TEXT --organisation-id OID \
//!     --common-name TEXT [--dns NAME]... [--unit TEXT] [--locality TEXT] [--state TEXT] \
//!     [--country FI] (--key FILE | --new-key ec-p256|ec-p384|rsa-2048|rsa-3072|rsa-4096 \
//!     --key-out FILE) [--passphrase-env VAR] [--date YYYY-MM-DD] [--out FILE]
//! cargo run --example request -- match --key FILE [--passphrase-env VAR] CERT_OR_CSR...
//! ```
//!
//! The request goes to `--out` (or standard output) as PEM, and the pre-flight summary of what
//! was written to standard error. The passphrase is read from the environment variable named by
//! `--passphrase-env`, never from the command line: it decrypts `--key` or encrypts `--key-out`
//! (PBKDF2-SHA256, AES-256-CBC: the form OpenSSL 3 reads). A refused value prints one line
//! `error: MESSAGE` and exits 1 without writing any file (an existing `--key-out` is never
//! overwritten); a malformed command line exits 2.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use const_oid::ObjectIdentifier;
use sote_certs::certificate::CertificateReader;
use sote_certs::csr::{CertificateRequest, RequestBuilder, RequestReport};
use sote_certs::key::{KeyKind, Passphrase, PrivateKey};
use sote_certs::{Inspector, Profile, read_certificates};

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    /// Build a request.
    Build(Box<BuildArgs>),
    /// Pair a key with certificates and requests.
    Match {
        /// The key file.
        key: PathBuf,
        /// The variable holding the key's passphrase.
        passphrase_env: Option<String>,
        /// Certificates and requests.
        files: Vec<PathBuf>,
    },
}

/// The options of a request, as given (values are checked by [`build`]).
#[derive(Debug, Default)]
pub struct BuildArgs {
    pub profile: String,
    pub organisation: String,
    pub organisation_id: String,
    pub common_name: String,
    pub dns: Vec<String>,
    pub unit: Option<String>,
    pub locality: Option<String>,
    pub state: Option<String>,
    pub country: Option<String>,
    pub key: Option<PathBuf>,
    pub new_key: Option<String>,
    pub key_out: Option<PathBuf>,
    pub passphrase_env: Option<String>,
    pub date: Option<String>,
    pub out: Option<PathBuf>,
}

/// What [`build`] wrote.
pub struct Built {
    /// The request.
    pub request: CertificateRequest,
    /// Its pre-flight report.
    pub report: RequestReport,
    /// The request as PEM, as written.
    pub pem: String,
}

fn main() -> ExitCode {
    let command = match parse(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(problem) => return usage(&problem),
    };
    match command {
        Command::Build(args) => match build(&args) {
            Ok(built) => {
                if args.out.is_none() {
                    print!("{}", built.pem);
                    let _ = std::io::stdout().flush();
                }
                eprint!("{}", summary(&built, &args));
                ExitCode::SUCCESS
            }
            Err(message) => refuse(&message),
        },
        Command::Match {
            key,
            passphrase_env,
            files,
        } => match pair_files(&key, passphrase_env.as_deref(), &files) {
            Ok((lines, all)) => {
                for line in lines {
                    println!("{line}");
                }
                if all {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                }
            }
            Err(message) => refuse(&message),
        },
    }
}

fn refuse(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("{problem}");
    eprintln!(
        "usage: request --profile NAME --organisation TEXT --organisation-id OID --common-name TEXT [--dns NAME]... [--unit TEXT] [--locality TEXT] [--state TEXT] [--country FI] (--key FILE | --new-key ec-p256|ec-p384|rsa-2048|rsa-3072|rsa-4096 --key-out FILE) [--passphrase-env VAR] [--date YYYY-MM-DD] [--out FILE]"
    );
    eprintln!("       request match --key FILE [--passphrase-env VAR] CERT_OR_CSR...");
    ExitCode::from(2)
}

/// Parses the command line (without the program name); `Err` is a malformed command line.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut build = BuildArgs::default();
    let mut matching = false;
    let mut files = Vec::new();
    let text = |parser: &mut lexopt::Parser| -> Result<String, String> {
        parser
            .value()
            .map_err(|e| e.to_string())?
            .into_string()
            .map_err(|value| format!("{value:?} is not unicode"))
    };
    let mut first = true;
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Value(value) if first && value == "match" => matching = true,
            Value(value) if matching => files.push(PathBuf::from(value)),
            Long("profile") => build.profile = text(&mut parser)?,
            Long("organisation") => build.organisation = text(&mut parser)?,
            Long("organisation-id") => build.organisation_id = text(&mut parser)?,
            Long("common-name") => build.common_name = text(&mut parser)?,
            Long("dns") => build.dns.push(text(&mut parser)?),
            Long("unit") => build.unit = Some(text(&mut parser)?),
            Long("locality") => build.locality = Some(text(&mut parser)?),
            Long("state") => build.state = Some(text(&mut parser)?),
            Long("country") => build.country = Some(text(&mut parser)?),
            Long("key") => build.key = Some(text(&mut parser)?.into()),
            Long("new-key") => build.new_key = Some(text(&mut parser)?),
            Long("key-out") => build.key_out = Some(text(&mut parser)?.into()),
            Long("passphrase-env") => build.passphrase_env = Some(text(&mut parser)?),
            Long("date") => build.date = Some(text(&mut parser)?),
            Long("out") => build.out = Some(text(&mut parser)?.into()),
            other => return Err(other.unexpected().to_string()),
        }
        first = false;
    }
    if matching {
        let key = build.key.ok_or("match needs --key FILE")?;
        if files.is_empty() {
            return Err("match needs at least one certificate or request file".to_owned());
        }
        return Ok(Command::Match {
            key,
            passphrase_env: build.passphrase_env,
            files,
        });
    }
    for (value, option) in [
        (&build.profile, "--profile"),
        (&build.organisation, "--organisation"),
        (&build.organisation_id, "--organisation-id"),
        (&build.common_name, "--common-name"),
    ] {
        if value.is_empty() {
            return Err(format!("missing {option}"));
        }
    }
    match (&build.key, &build.new_key, &build.key_out) {
        (Some(_), None, None) | (None, Some(_), Some(_)) => Ok(Command::Build(Box::new(build))),
        (Some(_), Some(_), _) => Err("give either --key or --new-key, not both".to_owned()),
        (None, Some(_), None) => Err("--new-key needs --key-out FILE".to_owned()),
        (Some(_), None, Some(_)) => Err("--key-out goes with --new-key, not --key".to_owned()),
        (None, None, _) => Err("missing --key FILE or --new-key TYPE --key-out FILE".to_owned()),
    }
}

/// Builds the request `args` describe: checks every value, reads or generates the key, builds
/// and checks the request, then writes the new key (if any) and the request (to `--out`). On
/// an error nothing is left behind.
pub fn build(args: &BuildArgs) -> Result<Built, String> {
    let profile: Profile = args.profile.parse().map_err(|e| format!("{e}"))?;
    let organisation_id: ObjectIdentifier = args.organisation_id.parse().map_err(|e| {
        format!(
            "--organisation-id {:?} is not an OID: {e}",
            args.organisation_id
        )
    })?;
    let date = match &args.date {
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|e| format!("--date {text:?} is not YYYY-MM-DD: {e}"))?,
        None => chrono::DateTime::<Utc>::from(std::time::SystemTime::now()).date_naive(),
    };
    let passphrase = args
        .passphrase_env
        .as_deref()
        .map(Passphrase::from_env)
        .transpose()
        .map_err(|e| e.to_string())?;
    let mut builder = RequestBuilder::new(
        profile,
        args.organisation.as_str(),
        organisation_id,
        args.common_name.as_str(),
    );
    for name in &args.dns {
        builder = builder.dns_name(name.as_str());
    }
    if let Some(unit) = &args.unit {
        builder = builder.unit(unit.as_str());
    }
    if let Some(locality) = &args.locality {
        builder = builder.locality(locality.as_str());
    }
    if let Some(state) = &args.state {
        builder = builder.state(state.as_str());
    }
    if let Some(country) = &args.country {
        builder = builder.country(country.as_str());
    }
    let (key, key_out) = match (&args.key, &args.new_key, &args.key_out) {
        (Some(file), _, _) => {
            let bytes = std::fs::read(file)
                .map_err(|e| format!("cannot read key file {}: {e}", file.display()))?;
            let key = PrivateKey::from_bytes(&bytes, passphrase.as_ref())
                .map_err(|e| format!("key file {}: {e}", file.display()))?;
            (key, None)
        }
        (None, Some(kind), Some(out)) => {
            let kind: KeyKind = kind.parse().map_err(|e| format!("{e}"))?;
            if out.exists() {
                return Err(format!(
                    "key file {} exists already; it is never overwritten",
                    out.display()
                ));
            }
            // Refused before a slow RSA key is generated.
            if !KeyKind::GENERATED.contains(&kind) {
                return Err(format!(
                    "cannot generate a {kind} key: expected ec-p256, ec-p384, rsa-2048, rsa-3072 or rsa-4096"
                ));
            }
            builder.check(kind, date).map_err(|e| e.to_string())?;
            (
                PrivateKey::generate(kind).map_err(|e| e.to_string())?,
                Some(out),
            )
        }
        _ => return Err("missing --key FILE or --new-key TYPE --key-out FILE".to_owned()),
    };
    let request = builder.build(&key, date).map_err(|e| e.to_string())?;
    let pem = request.to_pem();
    let report = Inspector::dvv().check_request(&request, profile, date, &[]);
    if let Some(out) = key_out {
        key.write_pkcs8_pem_file(out, passphrase.as_ref())
            .map_err(|e| e.to_string())?;
    }
    if let Some(out) = &args.out
        && let Err(e) = write_replacing(out, pem.as_bytes())
    {
        if let Some(key_out) = key_out {
            let _ = std::fs::remove_file(key_out);
        }
        return Err(format!("cannot write request file {}: {e}", out.display()));
    }
    Ok(Built {
        request,
        report,
        pem,
    })
}

/// Writes `contents` to a temporary file beside `path`, then renames it over `path`: a reader
/// never sees half a request.
fn write_replacing(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(format!(".{}.tmp", std::process::id()));
    let temporary = path.with_file_name(name);
    let written =
        std::fs::write(&temporary, contents).and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// The pre-flight summary printed to standard error.
pub fn summary(built: &Built, args: &BuildArgs) -> String {
    let report = &built.report;
    let mut text = format!(
        "{}\n  subject    {}\n  names      {}\n  key        {}{}\n  signature  {}\n  profile    {}\n  ready      {}\n",
        args.out
            .as_ref()
            .map_or("request (standard output)".to_owned(), |p| p
                .display()
                .to_string()),
        built.request.subject(),
        built.request.dns_names().join(", "),
        report
            .key
            .as_ref()
            .map_or("undecodable".into(), |k| k.name()),
        args.key_out.as_ref().map_or(String::new(), |p| format!(
            " (new, written to {})",
            p.display()
        )),
        match report.signature.is_valid() {
            Some(true) => "valid",
            Some(false) => "invalid",
            None => "not checked",
        },
        report.profile,
        if report.ok() { "yes" } else { "no" },
    );
    for finding in &report.findings {
        text.push_str(&format!("  - {finding}\n"));
    }
    text
}

/// Whether the key in `key` matches each file: one line per file, and whether all matched.
pub fn pair_files(
    key: &Path,
    passphrase_env: Option<&str>,
    files: &[PathBuf],
) -> Result<(Vec<String>, bool), String> {
    let passphrase = passphrase_env
        .map(Passphrase::from_env)
        .transpose()
        .map_err(|e| e.to_string())?;
    let bytes =
        std::fs::read(key).map_err(|e| format!("cannot read key file {}: {e}", key.display()))?;
    let key = PrivateKey::from_bytes(&bytes, passphrase.as_ref())
        .map_err(|e| format!("key file {}: {e}", key.display()))?;
    let mut lines = Vec::new();
    let mut all = true;
    for file in files {
        let shown = file.display();
        let verdict = std::fs::read(file)
            .map_err(|e| e.to_string())
            .and_then(|bytes| matches_any(&key, &bytes));
        let line = match verdict {
            Ok((what, true)) => format!("{shown}: {what}: key matches"),
            Ok((what, false)) => {
                all = false;
                format!("{shown}: {what}: key does not match")
            }
            Err(e) => {
                all = false;
                format!("{shown}: error: {e}")
            }
        };
        lines.push(line);
    }
    Ok((lines, all))
}

/// Reads `bytes` as certificates, else as requests, and says whether every one carries `key`.
fn matches_any(key: &PrivateKey, bytes: &[u8]) -> Result<(&'static str, bool), String> {
    if let Ok(certificates) = read_certificates(bytes) {
        return Ok((
            "certificate",
            certificates.iter().all(|c| key.matches_certificate(c)),
        ));
    }
    let requests = CertificateReader::new()
        .read_requests(bytes)
        .map_err(|e| format!("neither a certificate nor a request: {e}"))?;
    Ok((
        "request",
        requests.objects.iter().all(|r| key.matches_request(r)),
    ))
}
