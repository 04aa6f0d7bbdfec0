//! An x509-limbo harness for `sote_certs::trust`: the suite on standard input, limbo's result
//! document on standard output.
//!
//! ```sh
//! xz -dc ../shared/conformance/limbo.json.xz | cargo run --example limbo > results.json
//! ```
//!
//! Each testcase is verified with [`Verifier`]: its trusted certificates as anchors, its
//! untrusted intermediates as the pool, at its validation time (now when it has none), for
//! serverAuth (SERVER) or clientAuth (CLIENT) unless it names extended key usages, with its
//! `max_chain_depth`; then the peer name ([`matches_server_name`]) and the key usages it asks
//! for are checked on the certificate. A testcase is SKIPPED only for a feature DVV's PKI does
//! not use, named in `context`. Exit status 0 when the suite was read and run, 2 for a
//! document that is not a limbo suite.

#[path = "support/cli.rs"]
mod cli;

use std::io::Read;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sote_certs::certificate::CertificateReader;
use sote_certs::profile::KeyUsageBits;
use sote_certs::revocation::read_crls;
use sote_certs::trust::{Revocation, Usage, Verifier, matches_server_name};
use sote_certs::{Certificate, Inspector, Severity};

use cli::Stop;

const USAGE: &str = "usage: cargo run --example limbo < limbo.json > results.json";

/// Features of testcases this harness does not run, each with the reason DVV's PKI does not
/// need it.
const SKIPPED_FEATURES: &[(&str, &str)] = &[
    (
        "pedantic-public-suffix-wildcard",
        "public-suffix wildcard rules are Web PKI browser policy; DVV issues no wildcards on public suffixes",
    ),
    (
        "pedantic-webpki-subscriber-key",
        "CA/B Forum subscriber-key rules; DVV's key rules are judged by inspect (key.weak)",
    ),
    (
        "pedantic-webpki-eku",
        "CA/B Forum EKU rules; DVV's profiles' EKUs are judged by inspect (eku.*)",
    ),
    (
        "pedantic-serial-number",
        "serial-number pedantry; serials are judged by inspect (serial.*)",
    ),
    (
        "pedantic-rfc5280",
        "an anchor that is also a cross-signed certificate needing an AKI; DVV's hierarchy has no cross-signed roots, and anchors are taken as given (RFC 5937), as cve::cve-2024-0567 needs",
    ),
    (
        "has-policy-constraints",
        "policy constraints and mappings: DVV's hierarchy uses none, policies are judged by inspect",
    ),
];

fn main() -> ExitCode {
    if let Err(stop) = arguments() {
        return stop.exit(USAGE);
    }
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        eprintln!("cannot read standard input: {e}");
        return ExitCode::from(2);
    }
    let suite: Value = match serde_json::from_str(&input) {
        Ok(suite) => suite,
        Err(e) => {
            eprintln!("standard input is not JSON: {e}");
            return ExitCode::from(2);
        }
    };
    let Some(cases) = suite["testcases"].as_array() else {
        eprintln!("standard input has no \"testcases\" array: not a limbo suite");
        return ExitCode::from(2);
    };
    // limbo's "now" for testcases without a time; the library itself never reads the clock.
    let now = DateTime::<Utc>::from(std::time::SystemTime::now());
    let results: Vec<Value> = cases.iter().map(|case| run(case, now)).collect();
    let document = json!({"version": 1, "harness": "sote-certs", "results": results});
    println!("{document}");
    ExitCode::SUCCESS
}

fn arguments() -> Result<(), Stop> {
    let mut parser = lexopt::Parser::from_env();
    match parser.next()? {
        None => Ok(()),
        Some(lexopt::Arg::Long("help") | lexopt::Arg::Short('h')) => Err(Stop::Help),
        Some(arg) => Err(Stop::Usage(arg.unexpected().to_string())),
    }
}

/// One testcase's result: `{id, actual_result, context}`.
fn run(case: &Value, now: DateTime<Utc>) -> Value {
    let id = case["id"].as_str().unwrap_or_default();
    let (result, context) = match outcome(case, now) {
        Outcome::Success => ("SUCCESS", None),
        Outcome::Failure(why) => ("FAILURE", Some(why)),
        Outcome::Skipped(why) => ("SKIPPED", Some(why)),
    };
    json!({"id": id, "actual_result": result, "context": context})
}

enum Outcome {
    Success,
    Failure(String),
    Skipped(String),
}

fn outcome(case: &Value, now: DateTime<Utc>) -> Outcome {
    let features = strings(&case["features"]);
    if let Some((feature, why)) = SKIPPED_FEATURES
        .iter()
        .find(|(feature, _)| features.iter().any(|f| f == feature))
    {
        return Outcome::Skipped(format!("{feature}: {why}"));
    }
    match verify(case, now) {
        Ok(()) => Outcome::Success,
        Err(why) => Outcome::Failure(why),
    }
}

fn verify(case: &Value, now: DateTime<Utc>) -> Result<(), String> {
    let at = match case["validation_time"].as_str() {
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map_err(|e| format!("validation_time {text:?}: {e}"))?
            .with_timezone(&Utc),
        None => now,
    };
    let peer = certificates(&case["peer_certificate"])?;
    let peer = peer.first().ok_or("no peer certificate")?;
    let mut verifier = Verifier::new();
    for pem in case["trusted_certs"].as_array().into_iter().flatten() {
        for anchor in certificates(pem)? {
            verifier
                .add_anchor(&anchor, None)
                .map_err(|e| e.to_string())?;
        }
    }
    for pem in case["untrusted_intermediates"]
        .as_array()
        .into_iter()
        .flatten()
    {
        for intermediate in certificates(pem)? {
            verifier.add_intermediate(&intermediate);
        }
    }
    verifier.set_usage(usage(case)?);
    if let Some(depth) = case["max_chain_depth"].as_u64() {
        verifier.set_max_intermediates(Some(usize::try_from(depth).map_err(|e| e.to_string())?));
    }
    for pem in case["crls"].as_array().into_iter().flatten() {
        let text = pem.as_str().ok_or("a CRL is not a PEM string")?;
        for crl in read_crls(text.as_bytes()).map_err(|e| e.to_string())? {
            verifier.add_crl(crl);
        }
    }
    let verification = verifier.verify(peer, at);
    if !verification.is_trusted() {
        let why = verification
            .findings
            .iter()
            .find(|f| f.severity() == Severity::Error);
        return Err(why.map_or_else(|| "untrusted".to_owned(), ToString::to_string));
    }
    // With CRLs given, the certificate's status must be known good (OpenSSL's -crl_check).
    let has_crls = case["crls"].as_array().is_some_and(|crls| !crls.is_empty());
    if has_crls && verification.revocation != Revocation::Good {
        let why = verification
            .findings
            .iter()
            .filter(|f| f.code().starts_with("crl."))
            .min_by_key(|f| f.severity());
        return Err(why.map_or_else(
            || "revocation status unknown".to_owned(),
            ToString::to_string,
        ));
    }
    if let Some(name) = case["expected_peer_name"]["value"].as_str() {
        match matches_server_name(peer, name) {
            Ok(true) => {}
            Ok(false) => return Err(format!("the certificate does not name {name}")),
            Err(e) => return Err(e.to_string()),
        }
    }
    key_usage(case, peer, at)
}

/// The usage a testcase asks for: its extended key usages, or its kind's.
fn usage(case: &Value) -> Result<Usage, String> {
    let ekus = strings(&case["extended_key_usage"]);
    match (ekus.as_slice(), case["validation_kind"].as_str()) {
        ([], Some("CLIENT")) => Ok(Usage::ClientAuth),
        ([], _) => Ok(Usage::ServerAuth),
        ([eku], _) if eku == "serverAuth" => Ok(Usage::ServerAuth),
        ([eku], _) if eku == "clientAuth" => Ok(Usage::ClientAuth),
        ([eku], _) if eku == "anyExtendedKeyUsage" => Ok(Usage::Any),
        (other, _) => Err(format!("extended key usages {other:?} are not supported")),
    }
}

/// The key usages a testcase requires of the peer certificate, read with the inspection's
/// facts.
fn key_usage(case: &Value, peer: &Certificate, at: DateTime<Utc>) -> Result<(), String> {
    let wanted = strings(&case["key_usage"]);
    if wanted.is_empty() {
        return Ok(());
    }
    let report = Inspector::dvv().inspect(peer, at);
    let bits = report.extensions.key_usage.map(|usage| usage.bits);
    for name in &wanted {
        let bit = match name.as_str() {
            "digitalSignature" => KeyUsageBits::DIGITAL_SIGNATURE,
            "contentCommitment" => KeyUsageBits::NON_REPUDIATION,
            "keyEncipherment" => KeyUsageBits::KEY_ENCIPHERMENT,
            "dataEncipherment" => KeyUsageBits::DATA_ENCIPHERMENT,
            "keyAgreement" => KeyUsageBits::KEY_AGREEMENT,
            "keyCertSign" => KeyUsageBits::KEY_CERT_SIGN,
            "cRLSign" => KeyUsageBits::CRL_SIGN,
            other => return Err(format!("key usage {other} is not supported")),
        };
        // Without the extension every usage is allowed (RFC 5280 §4.2.1.3).
        if bits.is_some_and(|bits| !bits.contains(bit)) {
            return Err(format!("the certificate's key usage does not allow {name}"));
        }
    }
    Ok(())
}

fn certificates(pem: &Value) -> Result<Vec<Certificate>, String> {
    let text = pem.as_str().ok_or("a certificate is not a PEM string")?;
    CertificateReader::default()
        .read(text.as_bytes())
        .map_err(|e| e.to_string())
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}
