//! Two applications through their life at DVV, printing each step and finding:
//!
//! 1. an eligible server certificate application: returned for the missing CSR, resubmitted,
//!    complete, delivered in DER to the technical contact, and checked against the CSR;
//! 2. an ineligible system signature application: every violated rule at once, and expiry after
//!    six months pending.
//!
//! ```sh
//! cargo run --example application
//! ```
//!
//! The CSRs and certificates are the minted fixtures in `tests/fixtures/application/` (see its
//! README), so the example needs no feature. All instants are fixed: the library never reads
//! the clock.

use std::error::Error;
use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use sote_certs::application::{
    Application, ApplyingParty, Delivery, DeliveryCheck, EServiceUser, Eligibility, Form,
    Identification, IntermediaryRegistration, Organisation, OrganisationKind, Recipient,
    TechnicalContact,
};
use sote_certs::csr::read_certificate_requests;
use sote_certs::renewal::RenewalPolicy;
use sote_certs::revocation::{RevocationReason, RevocationRequest};
use sote_certs::validity::helsinki_date;
use sote_certs::{Inspector, Profile, read_certificates};

fn fixture(name: &str) -> Result<Vec<u8>, Box<dyn Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/application")
        .join(name);
    std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()).into())
}

fn at(y: i32, m: u32, d: u32, h: u32) -> Result<DateTime<Utc>, Box<dyn Error>> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .ok_or_else(|| format!("no instant {y}-{m}-{d} {h}:00Z").into())
}

fn step(when: DateTime<Utc>, what: &str, application: &Application) {
    println!(
        "  {}  {what:<42} → {}",
        when.format("%Y-%m-%d %H:%M"),
        application.stage()
    );
}

fn print_eligibility(eligibility: &Eligibility) {
    if eligibility.is_eligible() {
        println!("  eligibility: eligible");
    } else {
        let count = eligibility.findings.len();
        println!(
            "  eligibility: not eligible ({count} finding{})",
            if count == 1 { "" } else { "s" }
        );
    }
    for finding in &eligibility.findings {
        println!("    - {finding}");
    }
}

fn print_check(check: &DeliveryCheck) {
    println!(
        "  delivery check: {} (inspection: {}, {})",
        if check.is_match() {
            "the certificate is what was applied for"
        } else {
            "the certificate is not what was applied for"
        },
        check.report.profile().map_or("no profile", |p| p.as_str()),
        check.report.conformance()
    );
    for finding in &check.findings {
        println!("    - {finding}");
    }
}

fn eligible() -> Result<(), Box<dyn Error>> {
    println!("1. An eligible server certificate application");
    let organisation = Organisation::new(
        "Esimerkkiklinikka Oy",
        "1234567-1".parse()?,
        OrganisationKind::PrivateProvider,
    )
    .registered_as("1.2.246.10.12345671.10.1".parse()?)
    .administering("esimerkkiklinikka.example".parse()?);
    let mut form = Form::new(
        organisation,
        Profile::Server,
        EServiceUser::strongly_identified("Maija Meikäläinen"),
    );
    form.names
        .push("palvelin.esimerkkiklinikka.example".parse()?);
    form.long_name = Some("Esimerkkiklinikka".to_owned());
    form.technical_contact = Some(TechnicalContact::new(
        "Teemu Tekninen",
        "teemu@esimerkkiklinikka.example",
        "Esimerkkiklinikka Oy",
    ));
    let mut application = Application::new(form);
    print_eligibility(&application.eligibility());

    let when = at(2026, 1, 7, 9)?;
    application.submit(when)?;
    step(when, "submitted without the CSR", &application);
    let when = at(2026, 1, 8, 12)?;
    if let Err(error) = application.complete(when) {
        println!("  refused: {error}");
    }
    application.return_for_corrections("attach the certificate request", when)?;
    step(when, "returned for corrections", &application);

    let csr = read_certificate_requests(&fixture("server.csr")?)?
        .pop()
        .ok_or("server.csr holds no request")?;
    application.form_mut()?.csr = Some(csr);
    println!("  the technical contact attaches server.csr");
    print_eligibility(&application.eligibility());
    let inspector = Inspector::dvv();
    if let Some(report) = application.check_request(&inspector, helsinki_date(when)) {
        println!(
            "  csr pre-flight: {} (codes {:?})",
            if report.ok() { "ok" } else { "not ok" },
            report.codes()
        );
    }

    let when = at(2026, 1, 9, 8)?;
    application.resubmit(when)?;
    step(when, "resubmitted", &application);
    let when = at(2026, 1, 12, 10)?;
    application.complete(when)?;
    step(when, "complete", &application);
    let due = application.delivery_due()?.ok_or("complete, so due")?;
    println!("  delivery due by {due} (five Finnish workdays)");
    println!(
        "  if still undelivered on 2026-01-20, overdue? {}",
        application.is_delivery_overdue(at(2026, 1, 20, 10)?)?
    );

    // DVV e-mails the certificate in DER to the technical contact.
    let pem = fixture("server.pem")?;
    let der = read_certificates(&pem)?
        .pop()
        .ok_or("server.pem holds no certificate")?
        .as_der()
        .to_vec();
    let delivery = Delivery::read(&der, Recipient::TechnicalContact)?;
    let when = at(2026, 1, 15, 10)?;
    println!(
        "  delivered: {} to the {}",
        delivery.format(),
        delivery.recipient()
    );
    application.deliver(delivery, when)?;
    step(when, "delivered", &application);
    println!(
        "  delivered on time? {}",
        application.delivered_on_time()?.unwrap_or(false)
    );
    if let Some(check) = application.check_delivery(&inspector) {
        print_check(&check);
    }
    if let Err(error) = application.submit(at(2026, 1, 16, 9)?) {
        println!("  refused: {error}");
    }

    if let Some((delivery, _)) = application.delivery() {
        let cert = delivery.certificate();
        let plan = RenewalPolicy::dvv().plan(cert)?;
        println!(
            "  renewal: last valid day {}, apply for a new certificate by {} ({})",
            plan.last_valid_day(),
            plan.apply_by(),
            plan.order_kind()
        );
        let request = RevocationRequest::for_certificate(
            cert,
            RevocationReason::NoLongerNeeded,
            at(2026, 6, 1, 9)?,
        )?;
        println!(
            "  if no longer needed: revoke serial {} with CRL reason {}",
            request.serial().to_hex_string(),
            request.crl_reason()
        );
    }
    Ok(())
}

fn ineligible() -> Result<(), Box<dyn Error>> {
    println!("2. An ineligible system signature application");
    let organisation = Organisation::new(
        "Välittäjä Oy",
        "7654321-2".parse()?,
        OrganisationKind::ItServiceProvider,
    );
    let mut form = Form::new(
        organisation,
        Profile::SystemSignature,
        EServiceUser::new("Ville Välittäjä", Identification::Unverified),
    );
    form.applying_party = ApplyingParty::KantaIntermediary(IntermediaryRegistration::NotRegistered);
    form.technical_contact = Some(TechnicalContact::new(
        "Tuki",
        "tuki@valittaja.example",
        "Välittäjä Oy",
    ));
    let mut application = Application::new(form);
    print_eligibility(&application.eligibility());

    let submitted = at(2025, 8, 29, 9)?;
    application.submit(submitted)?;
    step(submitted, "submitted anyway", &application);
    let pending_until = application.pending_until().ok_or("pending")?;
    println!("  may stay pending until {pending_until} (six months, end of month clamped)");
    let when = at(2026, 2, 27, 9)?;
    println!(
        "  expiry due on {}? {}",
        helsinki_date(when),
        application.is_expiry_due(when)
    );
    let when = at(2026, 3, 2, 9)?;
    if let Err(error) = application.complete(when) {
        println!("  refused: {error}");
    }
    application.expire_if_due(when)?;
    step(when, "expired: incomplete for six months", &application);
    if let Err(error) = application.resubmit(when) {
        println!("  refused: {error}");
    }

    // A certificate that does not answer this application.
    let cert = read_certificates(&fixture("server.pem")?)?
        .pop()
        .ok_or("server.pem holds no certificate")?;
    let check = application.check_certificate(&cert, &Inspector::dvv(), at(2026, 3, 2, 9)?);
    print_check(&check);
    Ok(())
}

#[path = "support/cli.rs"]
mod cli;

const USAGE: &str = "usage: application";

fn main() -> std::process::ExitCode {
    if let Err(stop) = parse_args() {
        return stop.exit(USAGE);
    }
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The example takes no arguments but `--help`.
fn parse_args() -> Result<(), cli::Stop> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    if let Some(arg) = parser.next()? {
        return match arg {
            Short('h') | Long("help") => Err(cli::Stop::Help),
            _ => Err(arg.unexpected().into()),
        };
    }
    Ok(())
}

fn run() -> Result<(), Box<dyn Error>> {
    eligible()?;
    println!();
    ineligible()
}
