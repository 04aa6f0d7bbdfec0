//! Delivery: the certificate DVV e-mails, and whether it is what was applied for.

use core::fmt;

use chrono::{DateTime, Utc};

use super::Form;
use crate::certificate::{Certificate, ReadError, read_certificates};
use crate::csr::NameSets;
use crate::inspect::{FindingValue, Findings, Inspector, Report};
use crate::validity::Status;

/// The file format DVV delivered the certificate in (DOMAIN §7: DER or PEM).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum DeliveryFormat {
    /// Binary DER.
    Der,
    /// PEM (base64 between `-----BEGIN CERTIFICATE-----` lines).
    Pem,
}

impl DeliveryFormat {
    /// The format of `bytes`: PEM when they contain a PEM boundary, DER otherwise.
    pub fn detect(bytes: &[u8]) -> Self {
        if bytes.windows(11).any(|w| w == b"-----BEGIN ") {
            DeliveryFormat::Pem
        } else {
            DeliveryFormat::Der
        }
    }

    /// `"der"` or `"pem"`.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryFormat::Der => "der",
            DeliveryFormat::Pem => "pem",
        }
    }
}

impl fmt::Display for DeliveryFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who DVV e-mailed the certificate to (DOMAIN §7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum Recipient {
    /// The applicant.
    Applicant,
    /// The technical contact named on the application.
    TechnicalContact,
}

impl Recipient {
    /// `"applicant"` or `"technical-contact"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Recipient::Applicant => "applicant",
            Recipient::TechnicalContact => "technical-contact",
        }
    }
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A delivered certificate: the certificate, the format it came in and who received it.
///
/// ```
/// use sote_certs::application::{Delivery, DeliveryFormat, Recipient};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let pem = std::fs::read("tests/fixtures/real/kela-dcc-dsc-prod-2023-12-12-dvv-g3e.pem")?;
/// let delivery = Delivery::read(&pem, Recipient::TechnicalContact)?;
/// assert_eq!(delivery.format(), DeliveryFormat::Pem);
/// assert_eq!(delivery.certificate().serial().to_hex_string().len(), 30);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Delivery {
    format: DeliveryFormat,
    recipient: Recipient,
    #[cfg_attr(feature = "serde", serde(with = "crate::serde::with::der_hex"))]
    certificate: Certificate,
}

impl Delivery {
    /// A delivery of `certificate` in `format` to `recipient`.
    pub fn new(certificate: Certificate, format: DeliveryFormat, recipient: Recipient) -> Self {
        Self {
            format,
            recipient,
            certificate,
        }
    }

    /// Reads the delivered file (DER or PEM, [detected](DeliveryFormat::detect)) with the
    /// inspection's reader.
    ///
    /// # Errors
    /// - [`DeliveryError::Read`] when the file does not read as certificates;
    /// - [`DeliveryError::CertificateCount`] when it holds other than exactly one.
    pub fn read(bytes: &[u8], recipient: Recipient) -> Result<Self, DeliveryError> {
        let format = DeliveryFormat::detect(bytes);
        let mut certificates =
            read_certificates(bytes).map_err(|source| DeliveryError::Read { format, source })?;
        match (certificates.pop(), certificates.len()) {
            (Some(certificate), 0) => Ok(Self::new(certificate, format, recipient)),
            (last, others) => Err(DeliveryError::CertificateCount {
                format,
                count: others + usize::from(last.is_some()),
            }),
        }
    }

    /// The delivered certificate.
    pub fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    /// The format it came in.
    pub fn format(&self) -> DeliveryFormat {
        self.format
    }

    /// Who received it.
    pub fn recipient(&self) -> Recipient {
        self.recipient
    }
}

/// Why a delivered file could not be taken as a delivery.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DeliveryError {
    /// The file does not read as certificates.
    #[error("delivered {format} file does not read as a certificate")]
    Read {
        /// The detected format.
        format: DeliveryFormat,
        /// The reader's error.
        source: ReadError,
    },
    /// Not exactly one certificate.
    #[error("delivered {format} file holds {count} certificates, expected exactly 1")]
    CertificateCount {
        /// The detected format.
        format: DeliveryFormat,
        /// How many it holds.
        count: usize,
    },
}

const CHECK_SOURCE: &str =
    "DVV: Service certificates for social welfare and healthcare (content comes from the CSR)";

crate::inspect::policy_rules! {
    /// A rule of the delivery check. Codes are stable; see the table in [`crate::application`].
    DeliveryRule;
    /// The application holds no CSR to compare the certificate with.
    NoRequest = "delivery.no-request", Error, CHECK_SOURCE;
    /// The certificate's public key is not the CSR's.
    KeyMismatch = "delivery.key-mismatch", Error, CHECK_SOURCE;
    /// The vendor's private key, when given, is not the one the certificate certifies.
    PrivateKeyMismatch = "key.mismatch", Error, "RFC 5280 §4.1.2.7 (the certificate certifies the requester's public key)";
    /// The certificate is not of the profile applied for.
    ProfileMismatch = "delivery.profile-mismatch", Error, "DVV: Service certificates for social welfare and healthcare (four certificate types)";
    /// A requested name is not among the certificate's DNS names.
    NameMissing = "delivery.name-missing", Error, CHECK_SOURCE;
    /// The certificate was not valid at delivery.
    NotValid = "delivery.not-valid", Error, "RFC 5280 §4.1.2.5";
    /// The inspection found errors in the certificate.
    NotConforming = "delivery.not-conforming", Error, "sote-certs inspection (crate::inspect)";
    /// The certificate carries a DNS name the application did not request.
    NameNotRequested = "delivery.name-not-requested", Warning, CHECK_SOURCE;
}

/// One finding of this check: a [`DeliveryRule`] and what was found.
pub type DeliveryFinding = crate::inspect::Finding<DeliveryRule>;

/// How a delivered certificate compares with its application: the inspection report and
/// every mismatch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryCheck {
    /// The certificate's inspection at the instant of the check.
    pub report: Report,
    /// Every finding, in rule-table order.
    pub findings: Findings<DeliveryRule>,
}

impl DeliveryCheck {
    /// True when no finding is an error (`!findings.has_errors()`,
    /// [`Findings::has_errors`]): the certificate is what was applied for.
    pub fn is_match(&self) -> bool {
        !self.findings.has_errors()
    }

    /// The codes of the findings, in order ([`Findings::codes`]).
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.codes()
    }
}

/// Checks `cert` against `form` at `at`: inspects it once, then compares the report's facts
/// with the application, one topic at a time.
pub(super) fn check(
    form: &Form,
    cert: &Certificate,
    inspector: &Inspector,
    at: DateTime<Utc>,
) -> DeliveryCheck {
    let report = inspector.inspect(cert, at);
    let mut findings = Vec::new();
    key(form, cert, &mut findings);
    profile(form, &report, &mut findings);
    names(form, &report, &mut findings);
    validity(&report, &mut findings);
    conformance(&report, &mut findings);
    DeliveryCheck {
        report,
        findings: Findings::from(findings),
    }
}

/// The certificate carries the application's CSR's public key.
fn key(form: &Form, cert: &Certificate, findings: &mut Vec<DeliveryFinding>) {
    match &form.csr {
        None => findings.push(DeliveryFinding::new(
            DeliveryRule::NoRequest,
            "the application holds no csr to compare the certificate's key with",
        )),
        Some(csr) if csr.subject_public_key_info_der() != cert.subject_public_key_info_der() => {
            let serial = cert.serial();
            findings.push(
                DeliveryFinding::new(
                    DeliveryRule::KeyMismatch,
                    format!(
                        "certificate {serial} carries another public key than the application's csr"
                    ),
                )
                .with("serial", FindingValue::Text(serial.to_string())),
            );
        }
        Some(_) => {}
    }
}

/// The certificate is of the profile applied for.
fn profile(form: &Form, report: &Report, findings: &mut Vec<DeliveryFinding>) {
    if report.profile() == Some(form.profile) {
        return;
    }
    let delivered = match report.profile() {
        Some(profile) => format!("a {profile} certificate"),
        None => format!(
            "a certificate without a profile ({})",
            report.classification.reason()
        ),
    };
    findings.push(
        DeliveryFinding::new(
            DeliveryRule::ProfileMismatch,
            format!(
                "applied for a {} certificate, delivered {delivered}",
                form.profile
            ),
        )
        .with("applied_for", FindingValue::Text(form.profile.to_string())),
    );
}

/// The certificate carries exactly the requested DNS names (as the inspection read them).
fn names(form: &Form, report: &Report, findings: &mut Vec<DeliveryFinding>) {
    let requested: Vec<String> = form.names.iter().map(ToString::to_string).collect();
    findings.extend(
        NameSets::compare(&requested, &report.extensions.dns).findings(
            (DeliveryRule::NameMissing, |name| {
                format!("requested name {name} is not among the certificate's dns names")
            }),
            (DeliveryRule::NameNotRequested, |text| {
                format!("the certificate carries dns name {text:?}, which was not requested")
            }),
        ),
    );
}

/// The certificate is valid at the instant of the check.
fn validity(report: &Report, findings: &mut Vec<DeliveryFinding>) {
    if report.status == Status::Valid {
        return;
    }
    findings.push(
        DeliveryFinding::new(
            DeliveryRule::NotValid,
            format!(
                "certificate is {} at {} (valid {} to {})",
                report.status.as_str(),
                report.at,
                report.not_before,
                report.not_after
            ),
        )
        .with("at", FindingValue::Instant(report.at))
        .with("not_before", FindingValue::Instant(report.not_before))
        .with("not_after", FindingValue::Instant(report.not_after)),
    );
}

/// The inspection found no error. Every error counts, with or without a profile: a delivered
/// certificate without one is already a profile mismatch, and its errors (rules for all
/// certificates) are listed too.
fn conformance(report: &Report, findings: &mut Vec<DeliveryFinding>) {
    let errors: Vec<&str> = report.errors().map(|f| f.code()).collect();
    if errors.is_empty() {
        return;
    }
    let mut finding = DeliveryFinding::new(
        DeliveryRule::NotConforming,
        format!("the inspection found errors: {}", errors.join(", ")),
    );
    for code in errors {
        finding = finding.with("rule", FindingValue::Text(code.to_owned()));
    }
    findings.push(finding);
}

#[cfg(feature = "request")]
impl Form {
    /// [`check_certificate`](Self::check_certificate), and whether `key` (the vendor's private
    /// key) is the one `cert` certifies: a `key.mismatch` finding when it is not. The delivered
    /// certificate is matched to the request and to the key in one call.
    pub fn check_certificate_with_key(
        &self,
        cert: &Certificate,
        key: &crate::key::PrivateKey,
        inspector: &Inspector,
        at: DateTime<Utc>,
    ) -> DeliveryCheck {
        let mut checked = check(self, cert, inspector, at);
        if !key.matches_certificate(cert) {
            let mut findings = checked.findings.into_vec();
            findings.push(DeliveryFinding::new(
                DeliveryRule::PrivateKeyMismatch,
                format!(
                    "the private key given ({}) is not the one certificate {} certifies",
                    key.kind(),
                    cert.serial()
                ),
            ));
            checked.findings = Findings::from(findings);
        }
        checked
    }
}
