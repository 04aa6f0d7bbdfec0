//! Writes a deterministic set of test certificates: the test CAs; for each of the four sote
//! profiles a conformant certificate and CSR; and for each profile every defect variant that
//! applies to it ([`Defect`]), one named defect each; CRLs of the G3E test CA (one revoking a
//! certificate for each reason a holder can give, a stale one, one with a bad signature, a
//! 100 000-entry one). Certificates, CSRs and CRLs in PEM and DER,
//! keys as PKCS #8 PEM, and a README.md listing every file with its profile, its defect and the
//! rule code the inspection gives it.
//!
//! ```sh
//! cargo run --features test-fixtures --example mint -- OUTDIR [--now 2026-01-15T09:30:00Z]
//! ```
//!
//! Before writing the README, every certificate is inspected at the issue instant: a file whose
//! findings differ from the README's claim stops the run with an error. The same arguments
//! always give byte-identical files. Never use them outside tests: the private keys are derived
//! from public seeds.

use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use sote_certs::mint::{
    CertTemplate, CrlEntryTemplate, CrlTemplate, CsrTemplate, Defect, DvvCa, Minted, ProfilePreset,
    TestCa, mint_csr,
};
use sote_certs::revocation::{Crl, CrlReason};
use sote_certs::validity::helsinki_date;
use sote_certs::{Inspector, read_certificates};
use sote_certs::{Profile, SerialNumber};

/// The default issuance instant, fixed so that the output is reproducible.
const DEFAULT_NOW: &str = "2026-01-15T09:30:00Z";

/// The seed of every CA.
const CA_SEED: u64 = 1;

/// One minted CA with the file stem it is written under.
struct Ca {
    stem: &'static str,
    preset: DvvCa,
    minted: TestCa,
}

#[path = "support/cli.rs"]
mod cli;

const USAGE: &str = "usage: mint OUTDIR [--now RFC3339]";

fn main() -> std::process::ExitCode {
    let (out_dir, now) = match parse_args() {
        Ok(parsed) => parsed,
        Err(stop) => return stop.exit(USAGE),
    };
    match run(&out_dir, now) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(out_dir: &Path, now: DateTime<Utc>) -> Result<(), Box<dyn Error>> {
    std::fs::create_dir_all(out_dir)?;
    let mut listing = Listing::default();
    let inspector = Inspector::dvv();

    let mut cas = Vec::new();
    for (stem, preset, role) in [
        ("ca-dvv-g3e", DvvCa::g3e(), "issues the production profiles"),
        (
            "ca-vrk-test-g2",
            DvvCa::test_g2(),
            "issues the test profiles",
        ),
        (
            "ca-unknown",
            DvvCa::unknown(),
            "outside DVV's hierarchy; issues the issuer-unknown variants",
        ),
    ] {
        let minted = preset.test_ca(CA_SEED)?;
        let row = Row {
            profile: "CA".into(),
            issuer: "self-signed".into(),
            defect: "—".into(),
            rule: "—".into(),
            what: format!("test CA named like `{}`; {role}", preset.name),
        };
        write_cert(out_dir, stem, minted.certificate(), &row, &mut listing)?;
        cas.push(Ca {
            stem,
            preset,
            minted,
        });
    }
    let ca_for = |preset: &DvvCa| -> Result<&Ca, Box<dyn Error>> {
        cas.iter()
            .find(|ca| ca.preset.name == preset.name)
            .ok_or_else(|| format!("no CA minted for {}", preset.name).into())
    };

    for kind in Profile::ALL {
        let stem = kind.as_str();
        let ca = ca_for(&kind.ca())?;
        let cert = ca.minted.issue(&CertTemplate::dvv_like(kind, now)?)?;
        check(&inspector, &cert, now, &[], stem)?;
        let row = Row {
            profile: stem.into(),
            issuer: ca.stem.into(),
            defect: "none".into(),
            rule: "none: no finding at all".into(),
            what: "conformant certificate".into(),
        };
        write_cert(out_dir, stem, &cert, &row, &mut listing)?;
        let csr = mint_csr(kind.key_seed(), &CsrTemplate::dvv_like(kind))?;
        let row = Row {
            issuer: "— (request)".into(),
            rule: "—".into(),
            what: format!("conformant CSR for the key and subject of `{stem}.pem`"),
            ..row
        };
        write_pair(
            out_dir,
            &format!("{stem}.csr"),
            &csr.pem,
            &csr.der,
            &row,
            &mut listing,
        )?;
    }

    let issue_date = helsinki_date(now);
    for kind in Profile::ALL {
        for defect in Defect::ALL
            .into_iter()
            .filter(|defect| defect.applies_to(kind))
        {
            let stem = format!("{}-defect-{}", kind.as_str(), defect.name());
            let ca = ca_for(&defect.ca(kind))?;
            let template = CertTemplate::dvv_like_with_defect(kind, defect, now)?;
            let cert = ca.minted.issue(&template)?;
            let in_force = defect.applies_from().is_none_or(|from| from <= issue_date);
            let (expected, rule): (&[&str], String) = if in_force {
                (
                    &[defect.expected_rule().code()],
                    format!("`{}`", defect.expected_rule()),
                )
            } else {
                let from = defect
                    .applies_from()
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                (
                    &[],
                    format!("none: `{}` applies from {from}", defect.expected_rule()),
                )
            };
            check(&inspector, &cert, now, expected, &stem)?;
            let row = Row {
                profile: kind.as_str().into(),
                issuer: ca.stem.into(),
                defect: format!("`{}`", defect.name()),
                rule,
                what: defect.description().into(),
            };
            write_cert(out_dir, &stem, &cert, &row, &mut listing)?;
        }
    }

    write_crls(out_dir, ca_for(&DvvCa::g3e())?, now, &mut listing)?;

    std::fs::write(out_dir.join("README.md"), listing.readme(now))?;
    println!(
        "wrote {} files to {}",
        listing.rows.len() + 1,
        out_dir.display()
    );
    Ok(())
}

/// Entries of the large CRL: the size issue 11's benchmark reads.
const LARGE_CRL_ENTRIES: usize = 100_000;

/// CRLs of the G3E test CA: one revoking a certificate for each reason a holder can give (DVV's
/// long serials), a stale one, one with a bad signature and a large one; each is read back and
/// its lookups checked before it is listed.
fn write_crls(
    out_dir: &Path,
    ca: &Ca,
    now: DateTime<Utc>,
    listing: &mut Listing,
) -> Result<(), Box<dyn Error>> {
    let mut template = CrlTemplate::new(now);
    for (i, reason) in CrlReason::HOLDERS.into_iter().enumerate() {
        // One second apart, so that each gets its own DVV serial.
        let issued = now - Duration::days(30) + Duration::seconds(i as i64);
        let cert = ca
            .minted
            .issue(&CertTemplate::dvv_like(Profile::SystemSignature, issued)?)?;
        let stem = format!("revoked-{}", reason.name());
        let serial = read_certificates(&cert.der)?
            .first()
            .ok_or("minted certificate did not read")?
            .serial();
        template = template.revoke(serial.clone(), now - Duration::days(1), reason);
        let row = Row {
            profile: Profile::SystemSignature.as_str().into(),
            issuer: ca.stem.into(),
            defect: "revoked".into(),
            rule: "—".into(),
            what: format!(
                "conformant certificate (serial {}), revoked on `crl-dvv-g3e.crl` for {}",
                serial.to_hex_string(),
                reason.name()
            ),
        };
        write_cert(out_dir, &stem, &cert, &row, listing)?;
    }
    let mut stale = template.clone();
    stale.this_update = now - Duration::days(30);
    stale.next_update = Some(now - Duration::days(23));
    let mut large = template.clone();
    for i in 1..=LARGE_CRL_ENTRIES as u128 {
        // 18-octet serials in DVV's long form: 01 00 and sixteen octets.
        let octets = [&[0x01, 0x00][..], &i.to_be_bytes()].concat();
        large.entries.push(CrlEntryTemplate {
            serial: SerialNumber::from_be_bytes(&octets)?,
            revoked_at: now - Duration::days(2),
            reason: Some(CrlReason::Superseded),
        });
    }
    for (stem, der, what) in [
        (
            "crl-dvv-g3e",
            ca.minted.issue_crl(&template)?,
            "CRL revoking the four `revoked-*.pem`, one per reason, fresh for 7 days".to_owned(),
        ),
        (
            "crl-dvv-g3e-stale",
            ca.minted.issue_crl(&stale)?,
            "the same entries, nextUpdate 23 days before the instant: stale (`crl.stale`)"
                .to_owned(),
        ),
        (
            "crl-dvv-g3e-bad-signature",
            ca.minted.issue_crl_with_bad_signature(&template)?,
            "the same CRL with its signature broken (`crl.signature-invalid`)".to_owned(),
        ),
        (
            "crl-dvv-g3e-large",
            ca.minted.issue_crl(&large)?,
            format!("the four entries and {LARGE_CRL_ENTRIES} more with 18-octet serials"),
        ),
    ] {
        let crl = Crl::from_der(&der)?;
        for entry in &template.entries {
            if crl.lookup(&entry.serial).map(|e| e.reason) != Some(entry.reason) {
                return Err(format!("{stem}: {} does not read back", entry.serial).into());
            }
        }
        let pem = der::pem::encode_string("X509 CRL", der::pem::LineEnding::LF, &der)?;
        let row = Row {
            profile: "CRL".into(),
            issuer: ca.stem.into(),
            defect: "—".into(),
            rule: "—".into(),
            what,
        };
        write_pair(out_dir, &format!("{stem}.crl"), &pem, &der, &row, listing)?;
    }
    Ok(())
}

/// Inspects `cert` at `now` and fails unless its rule codes are exactly `expected`.
fn check(
    inspector: &Inspector,
    cert: &Minted,
    now: DateTime<Utc>,
    expected: &[&str],
    stem: &str,
) -> Result<(), Box<dyn Error>> {
    let certs = read_certificates(&cert.der)?;
    let parsed = certs.first().ok_or("minted certificate did not read")?;
    let codes = inspector.inspect(parsed, now).codes();
    if codes != expected {
        return Err(format!("{stem}: inspection gave {codes:?}, expected {expected:?}").into());
    }
    Ok(())
}

/// OUTDIR and the issuance instant.
fn parse_args() -> Result<(PathBuf, DateTime<Utc>), cli::Stop> {
    use lexopt::prelude::*;
    let mut out_dir = None;
    let mut now = DateTime::parse_from_rfc3339(DEFAULT_NOW)
        .map_err(|e| cli::Stop::Usage(e.to_string()))?
        .with_timezone(&Utc);
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("now") => {
                now = cli::value(&mut parser, "--now", "an RFC 3339 instant", |text| {
                    DateTime::parse_from_rfc3339(text).ok()
                })?
                .with_timezone(&Utc);
            }
            Short('h') | Long("help") => return Err(cli::Stop::Help),
            Value(dir) if out_dir.is_none() => out_dir = Some(PathBuf::from(dir)),
            _ => return Err(arg.unexpected().into()),
        }
    }
    let out_dir = out_dir.ok_or_else(|| cli::Stop::Usage("missing OUTDIR".to_owned()))?;
    Ok((out_dir, now))
}

/// What README.md says about one file.
#[derive(Clone)]
struct Row {
    profile: String,
    issuer: String,
    defect: String,
    rule: String,
    what: String,
}

/// The files written so far, for README.md.
#[derive(Default)]
struct Listing {
    rows: Vec<(String, Row)>,
}

impl Listing {
    fn add(&mut self, file: String, row: Row) {
        self.rows.push((file, row));
    }

    fn readme(&self, now: DateTime<Utc>) -> String {
        let mut out = String::from(
            "# Minted sote test certificates\n\n\
             **Test use only.** Every private key here is derived from a public seed; the CA \
             names imitate DVV's and VRK's but these certificates are not DVV's and must never \
             be trusted outside tests.\n\n",
        );
        let _ = writeln!(
            out,
            "Generated by `cargo run --features test-fixtures --example mint -- OUTDIR --now {}` \
             (byte-identical on every run). Every certificate was inspected with \
             `sote_certs::Inspector::dvv()` at that instant before this file was written: the \
             *rule* column is exactly the list of rule codes its report holds (errors, warnings \
             and notices), and the conformant certificates have none.\n",
            now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        );
        out.push_str(
            "Each certificate `X.pem` has `X.der` (the same certificate in DER) and `X.key.pem` \
             (its private key, PKCS #8). Defect variants are named \
             `<profile>-defect-<defect>`; a defect that does not apply to a profile (for \
             example an e-mail SAN in a system signature certificate) is not written for it.\n\n",
        );
        out.push_str(
            "| file | profile | issuer | defect | rule | content |\n|---|---|---|---|---|---|\n",
        );
        for (file, row) in &self.rows {
            let _ = writeln!(
                out,
                "| `{file}` | {} | {} | {} | {} | {} |",
                row.profile, row.issuer, row.defect, row.rule, row.what
            );
        }
        out
    }
}

/// Writes a certificate (PEM, DER) and its key.
fn write_cert(
    dir: &Path,
    stem: &str,
    cert: &Minted,
    row: &Row,
    listing: &mut Listing,
) -> Result<(), Box<dyn Error>> {
    write_pair(dir, stem, &cert.pem, &cert.der, row, listing)?;
    std::fs::write(
        dir.join(format!("{stem}.key.pem")),
        cert.key.to_pkcs8_pem()?,
    )?;
    listing.add(
        format!("{stem}.key.pem"),
        Row {
            rule: "—".into(),
            what: format!(
                "private key of `{stem}.pem`, PKCS #8 PEM ({})",
                cert.key.spec()
            ),
            ..row.clone()
        },
    );
    Ok(())
}

fn write_pair(
    dir: &Path,
    stem: &str,
    pem: &str,
    der: &[u8],
    row: &Row,
    listing: &mut Listing,
) -> Result<(), Box<dyn Error>> {
    std::fs::write(dir.join(format!("{stem}.pem")), pem)?;
    std::fs::write(dir.join(format!("{stem}.der")), der)?;
    for (file, form) in [
        (format!("{stem}.pem"), "PEM"),
        (format!("{stem}.der"), "DER"),
    ] {
        let row = Row {
            what: format!("{} ({form})", row.what),
            ..row.clone()
        };
        listing.add(file, row);
    }
    Ok(())
}
