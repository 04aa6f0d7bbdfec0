//! Delivery: the certificate DVV e-mails, and whether it is what was applied for.

use core::fmt;

use chrono::{DateTime, Utc};

use super::Form;
use crate::certificate::{Certificate, ReadError, read_certificates};
use crate::inspect::{ExtensionFacts, Inspector, Report, Severity};
use crate::organisation::RequestedName;
use crate::validity::Status;

/// The file format DVV delivered the certificate in (DOMAIN §7: DER or PEM).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
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
    #[cfg_attr(feature = "serde", serde(with = "super::serde_text::der_hex"))]
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
    pub findings: Vec<DeliveryFinding>,
}

impl DeliveryCheck {
    /// True when no finding is an error: the certificate is what was applied for.
    pub fn is_match(&self) -> bool {
        self.findings
            .iter()
            .all(|f| f.severity() != Severity::Error)
    }

    /// The codes of the findings, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.iter().map(DeliveryFinding::code).collect()
    }
}

/// Checks `cert` against `form` at `at`.
pub(super) fn check(
    form: &Form,
    cert: &Certificate,
    inspector: &Inspector,
    at: DateTime<Utc>,
) -> DeliveryCheck {
    let report = inspector.inspect(cert, at);
    let mut findings = Vec::new();
    let mut fail = |rule, message: String| findings.push(DeliveryFinding { rule, message });

    match &form.csr {
        None => fail(
            DeliveryRule::NoRequest,
            "the application holds no csr to compare the certificate's key with".to_owned(),
        ),
        Some(csr) if csr.subject_public_key_info_der() != cert.subject_public_key_info_der() => {
            fail(
                DeliveryRule::KeyMismatch,
                format!(
                    "certificate {} carries another public key than the application's csr",
                    cert.serial()
                ),
            );
        }
        Some(_) => {}
    }

    if report.profile() != Some(form.profile) {
        fail(
            DeliveryRule::ProfileMismatch,
            format!(
                "applied for a {} certificate, delivered {}",
                form.profile,
                match report.profile() {
                    Some(profile) => format!("a {profile} certificate"),
                    None => format!(
                        "a certificate without a profile ({})",
                        report.classification.reason()
                    ),
                }
            ),
        );
    }

    let delivered: Vec<(&str, Option<RequestedName>)> = ExtensionFacts::of(cert.extensions())
        .dns
        .into_iter()
        .map(|name| (name, name.parse::<RequestedName>().ok()))
        .collect();
    for name in &form.names {
        if !delivered.iter().any(|(_, d)| d.as_ref() == Some(name)) {
            fail(
                DeliveryRule::NameMissing,
                format!("requested name {name} is not among the certificate's dns names"),
            );
        }
    }

    if report.status != Status::Valid {
        fail(
            DeliveryRule::NotValid,
            format!(
                "certificate is {} at {at} (valid {} to {})",
                report.status.as_str(),
                report.not_before,
                report.not_after
            ),
        );
    }

    // Every error counts, with or without a profile: a delivered certificate without one is
    // already a profile mismatch, and its errors (rules for all certificates) are listed too.
    let errors: Vec<&str> = report.errors().map(|f| f.code()).collect();
    if !errors.is_empty() {
        fail(
            DeliveryRule::NotConforming,
            format!("the inspection found errors: {}", errors.join(", ")),
        );
    }

    for (text, parsed) in &delivered {
        if !parsed
            .as_ref()
            .is_some_and(|name| form.names.contains(name))
        {
            fail(
                DeliveryRule::NameNotRequested,
                format!("the certificate carries dns name {text:?}, which was not requested"),
            );
        }
    }

    findings.sort_by_key(|f| f.rule);
    DeliveryCheck { report, findings }
}
