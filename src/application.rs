//! Applying for a sote service certificate: who may apply, the application's life at DVV, and
//! whether the delivered certificate is what was applied for.
//!
//! DVV's process (DVV, "Service certificates for social welfare and healthcare"; DOMAIN §6–§7):
//! a strongly identified user of DVV's e-services applies for the organisation, names its long
//! name from Kela's and THL's code service, attaches the PKCS#10 request (CSR) and, for a
//! private provider's system signature certificate, the information system's certificate of
//! conformity. DVV delivers within five workdays of a complete application, by e-mail to the
//! applicant or the technical contact, in DER or PEM. An application pending more than six
//! months while incomplete expires. Every order is a new order (see [`crate::renewal`]).
//!
//! - [`Form`] is what the application says: the [`Organisation`] (kind, SOTE register OID,
//!   administered domains), the [`ApplyingParty`], the [`EServiceUser`], the
//!   [`TechnicalContact`], the requested [`Profile`] and names, the long name, the attachments
//!   and the CSR. [`Form::eligibility`] lists every violated eligibility rule.
//! - [`Application`] is a form with a life: [`Stage`]s changed by [`Event`]s, each dated, in
//!   order. An illegal event is a [`TransitionError`] and leaves the application unchanged.
//!   [`Application::delivery_due`] and [`Application::pending_until`] give the deadlines.
//! - [`Delivery`] records the delivered certificate, its format and recipient;
//!   [`Application::check_delivery`] inspects it and compares it with the application.
//!
//! The library never reads the clock: every event, check and deadline takes its instant.
//!
//! # Eligibility rules
//!
//! All are errors: DVV would not grant the certificate as applied for.
//!
//! | code | fires when |
//! |---|---|
//! | `eligibility.not-in-sote-register` | the organisation has no OID in THL's SOTE organisation register |
//! | `eligibility.register-business-id` | the register OID's business ID is not the organisation's |
//! | `eligibility.long-name-missing` | no (or a blank) long name from Kela's and THL's code service |
//! | `eligibility.user-not-strongly-identified` | the e-service user is not strongly identified |
//! | `eligibility.signature-applicant` | a (test) system signature applicant that is neither the provider administering the system (a service provider, not an IT service provider) nor a Kanta intermediary in THL's register |
//! | `eligibility.intermediary-not-marked` | a Kanta intermediary applying in its own name without a technical contact whose organisation reads "Kanta provider" / "KanTa-välittäjä" / "Kanta-förmedlare" |
//! | `eligibility.conformity-certificate-missing` | a private provider's (test) system signature application without the certificate of conformity |
//! | `eligibility.names-missing` | a (test) server application that requests no name |
//! | `eligibility.name-not-administered` | a requested name outside every administered domain (one finding per name) |
//! | `eligibility.csr-missing` | no CSR attached |
//! | `eligibility.csr-name-not-requested` | a DNS name of the CSR that the application does not request |
//! | `eligibility.requested-name-not-in-csr` | a requested name that the CSR does not carry |
//!
//! The CSR's own conformance (self-signature, key, key usage) is the CSR pre-flight check,
//! [`Form::check_request`] ([`crate::csr`]).
//!
//! # Delivery check
//!
//! | code | severity | fires when |
//! |---|---|---|
//! | `delivery.no-request` | error | the application holds no CSR to compare with |
//! | `delivery.key-mismatch` | error | the certificate's SubjectPublicKeyInfo is not the CSR's (DER compared) |
//! | `key.mismatch` | error | the vendor's private key, when given ([`Form::check_certificate_with_key`]), is not the certificate's |
//! | `delivery.profile-mismatch` | error | the inspection classifies the certificate as another profile, or none |
//! | `delivery.name-missing` | error | a requested name is not among the certificate's DNS names |
//! | `delivery.not-valid` | error | the certificate is not valid at the instant of the check |
//! | `delivery.not-conforming` | error | the inspection has error findings |
//! | `delivery.name-not-requested` | warning | the certificate carries a DNS name that was not requested |
//!
//! # Assumptions (DVV publishes nothing more precise)
//!
//! - The six months run from the first submission (Helsinki date) and are not restarted by a
//!   resubmission; "more than six months" means from the day after the same date six months
//!   later (end of month clamped: submitted 31 August, pending until 28/29 February).
//!   A draft is not pending at DVV and does not expire.
//! - An application whose six months have passed must be expired before anything else
//!   happens to it ([`TransitionError::ExpiryDue`]).
//! - The five workdays run from the Helsinki date of completion: due on the fifth Finnish
//!   workday after it ([`crate::workdays`]).
//! - The form can be edited (a CSR attached, a name corrected) until the application is
//!   complete.
//!
//! ```
//! use chrono::{Duration, TimeZone, Utc};
//! use sote_certs::Profile;
//! use sote_certs::application::{
//!     Application, EServiceUser, Form, Organisation, OrganisationKind, Stage,
//! };
//! use sote_certs::csr::read_certificate_requests;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let organisation = Organisation::new("Esimerkki Terveys Oy", "1234567-1".parse()?, OrganisationKind::PrivateProvider)
//!     .registered_as("1.2.246.10.12345671.10.1".parse()?)
//!     .administering("esimerkki.fi".parse()?);
//! let mut form = Form::new(organisation, Profile::Server, EServiceUser::strongly_identified("Maija Meikäläinen"));
//! form.names.push("kanta.esimerkki.fi".parse()?);
//! form.long_name = Some("Esimerkki Terveys Oy".to_owned());
//! let mut application = Application::new(form);
//! assert_eq!(application.eligibility().codes(), ["eligibility.csr-missing"]);
//!
//! let at = Utc.with_ymd_and_hms(2026, 1, 12, 9, 0, 0).single().ok_or("bad time")?;
//! application.submit(at)?;
//! assert!(application.complete(at).is_err()); // no CSR yet
//! let pem = std::fs::read("tests/fixtures/requests/server-ec-p256.csr")?;
//! application.form_mut()?.csr = read_certificate_requests(&pem)?.pop();
//! assert!(application.eligibility().is_eligible());
//! application.complete(at + Duration::days(1))?;
//! assert_eq!(application.stage(), Stage::Complete);
//! // Completed Tuesday 13 January 2026: due the fifth workday after, Tuesday 20 January.
//! assert_eq!(application.delivery_due()?, chrono::NaiveDate::from_ymd_opt(2026, 1, 20));
//! # Ok(())
//! # }
//! ```

mod applicant;
mod delivery;
mod eligibility;
mod lifecycle;

use core::fmt;

use chrono::{DateTime, Months, NaiveDate, Utc};

pub use applicant::{
    ApplyingParty, Attachment, EServiceUser, Identification, IntermediaryRegistration,
    KANTA_PROVIDER_MARKINGS, Organisation, OrganisationKind, TechnicalContact,
};
pub use delivery::{
    Delivery, DeliveryCheck, DeliveryError, DeliveryFinding, DeliveryFormat, DeliveryRule,
    Recipient,
};
pub use eligibility::{Eligibility, EligibilityFinding, EligibilityRule};
pub use lifecycle::{DeadlineError, Event, EventKind, Stage, Step, TransitionError};

use crate::certificate::Certificate;
use crate::csr::{CertificateRequest, RequestReport};
use crate::inspect::Inspector;
use crate::organisation::RequestedName;
use crate::profile::{Profile, Purpose};
use crate::validity::helsinki_date;
use crate::workdays::FinnishCalendar;

/// DVV delivers within this many workdays of a complete application (DOMAIN §7).
pub const DELIVERY_WORKDAYS: u32 = 5;

/// An application pending more than this many calendar months while incomplete expires
/// (DOMAIN §7).
pub const EXPIRY_MONTHS: u32 = 6;

/// What must be attached before an application can be complete.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Requirement {
    /// The PKCS#10 certificate request.
    CertificateRequest,
    /// The information system's certificate of conformity (private providers' system signature
    /// applications).
    ConformityCertificate,
}

impl Requirement {
    /// `"certificate request (CSR)"` or `"certificate of conformity"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Requirement::CertificateRequest => "certificate request (CSR)",
            Requirement::ConformityCertificate => "certificate of conformity",
        }
    }

    /// The requirements joined with `", "`.
    pub(crate) fn list(requirements: &[Requirement]) -> String {
        requirements
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an application says: who applies, for what, with which attachments.
///
/// Plain data: any combination can be written down, and [`Form::eligibility`] says what DVV
/// would object to.
///
/// ```
/// use sote_certs::Profile;
/// use sote_certs::application::{
///     ApplyingParty, EServiceUser, EligibilityRule, Form, IntermediaryRegistration, Organisation,
///     OrganisationKind, TechnicalContact,
/// };
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let intermediary = Organisation::new("Välittäjä Oy", "1234567-1".parse()?, OrganisationKind::ItServiceProvider)
///     .registered_as("1.2.246.10.12345671.10.7".parse()?);
/// let mut form = Form::new(intermediary, Profile::SystemSignature, EServiceUser::strongly_identified("Ville"));
/// form.applying_party = ApplyingParty::KantaIntermediary(IntermediaryRegistration::Registered);
/// form.technical_contact = Some(TechnicalContact::new("Tuki", "tuki@valittaja.fi", "Välittäjä Oy"));
/// let eligibility = form.eligibility();
/// assert!(eligibility.violates(EligibilityRule::IntermediaryNotMarked));
/// assert!(eligibility.violates(EligibilityRule::LongNameMissing));
/// assert!(eligibility.violates(EligibilityRule::CsrMissing));
/// assert!(!eligibility.violates(EligibilityRule::SignatureApplicant));
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Form {
    /// The organisation the certificate is for.
    pub organisation: Organisation,
    /// In whose name the application is made.
    pub applying_party: ApplyingParty,
    /// The e-service user making it.
    pub user: EServiceUser,
    /// The technical contact, if one is named.
    pub technical_contact: Option<TechnicalContact>,
    /// The certificate profile applied for.
    pub profile: Profile,
    /// The requested names (DNS names of a server certificate).
    #[cfg_attr(feature = "serde", serde(with = "crate::serde::with::vec_text"))]
    pub names: Vec<RequestedName>,
    /// The organisation's long name from Kela's and THL's code service
    /// (for example "Helsingin VI apteekki").
    pub long_name: Option<String>,
    /// The information system's certificate of conformity, if attached.
    pub conformity_certificate: Option<Attachment>,
    /// The certificate request, if attached.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde::with::option_der_hex"))]
    pub csr: Option<CertificateRequest>,
}

impl Form {
    /// A form for `profile` made by `user` for `organisation`, applying as the
    /// [administering provider](ApplyingParty::AdministeringProvider), with nothing else filled
    /// in.
    pub fn new(organisation: Organisation, profile: Profile, user: EServiceUser) -> Self {
        Self {
            organisation,
            applying_party: ApplyingParty::AdministeringProvider,
            user,
            technical_contact: None,
            profile,
            names: Vec::new(),
            long_name: None,
            conformity_certificate: None,
            csr: None,
        }
    }

    /// Every violated eligibility rule (table in the [module docs](self)).
    pub fn eligibility(&self) -> Eligibility {
        eligibility::evaluate(self)
    }

    /// Whether the certificate of conformity is required: a private provider's (test) system
    /// signature application.
    pub fn requires_conformity_certificate(&self) -> bool {
        self.organisation.kind == OrganisationKind::PrivateProvider
            && self.profile.purpose() == Purpose::DocumentSigning
    }

    /// What is still missing for completion, in [`Requirement`] order.
    pub fn missing(&self) -> Vec<Requirement> {
        let mut missing = Vec::new();
        if self.csr.is_none() {
            missing.push(Requirement::CertificateRequest);
        }
        if self.requires_conformity_certificate() && self.conformity_certificate.is_none() {
            missing.push(Requirement::ConformityCertificate);
        }
        missing
    }

    /// The CSR pre-flight check ([`Inspector::check_request`]) for the requested profile and
    /// the organisation's domains, as of `date`; none without a CSR.
    pub fn check_request(&self, inspector: &Inspector, date: NaiveDate) -> Option<RequestReport> {
        self.csr
            .as_ref()
            .map(|csr| inspector.check_request(csr, self.profile, date, &self.organisation.domains))
    }

    /// Inspects `cert` at `at` and compares it with this form: the CSR's public key, the
    /// requested profile and names (table in the [module docs](self)).
    pub fn check_certificate(
        &self,
        cert: &Certificate,
        inspector: &Inspector,
        at: DateTime<Utc>,
    ) -> DeliveryCheck {
        delivery::check(self, cert, inspector, at)
    }
}

/// An application and its life at DVV: a [`Form`], its [`Stage`] and its dated history.
///
/// Invariants: the history replays from [`Stage::Draft`] to the current stage through legal
/// transitions in time order; the form is unchanged since completion.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sote_certs::Profile;
/// use sote_certs::application::{
///     Application, EServiceUser, Form, Organisation, OrganisationKind, Stage, TransitionError,
/// };
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let organisation = Organisation::new("Esimerkki Terveys Oy", "1234567-1".parse()?, OrganisationKind::Public);
/// let mut application = Application::new(Form::new(organisation, Profile::SystemSignature, EServiceUser::strongly_identified("Maija")));
/// let submitted = Utc.with_ymd_and_hms(2025, 8, 31, 10, 0, 0).single().ok_or("bad time")?;
/// application.submit(submitted)?;
/// application.return_for_corrections("attach the csr", submitted)?;
/// assert!(matches!(application.submit(submitted), Err(TransitionError::Illegal { .. })));
/// // Submitted 31 August: pending until 28 February (end of month clamped), expired from 1 March.
/// assert_eq!(application.pending_until(), chrono::NaiveDate::from_ymd_opt(2026, 2, 28));
/// let later = Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).single().ok_or("bad time")?;
/// assert!(application.expire_if_due(later)?);
/// assert_eq!(application.stage(), Stage::Expired);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "Stored", into = "Stored")
)]
pub struct Application {
    form: Form,
    history: Vec<Step>,
    stage: Stage,
    submitted_at: Option<DateTime<Utc>>,
    completed_at: Option<DateTime<Utc>>,
}

impl Application {
    /// A draft application with `form`.
    pub fn new(form: Form) -> Self {
        Self {
            form,
            history: Vec::new(),
            stage: Stage::Draft,
            submitted_at: None,
            completed_at: None,
        }
    }

    /// The form.
    pub fn form(&self) -> &Form {
        &self.form
    }

    /// The form, to edit it.
    ///
    /// # Errors
    /// [`TransitionError::NotEditable`] once the application is complete, delivered or
    /// expired.
    pub fn form_mut(&mut self) -> Result<&mut Form, TransitionError> {
        if self.stage.is_editable() {
            Ok(&mut self.form)
        } else {
            Err(TransitionError::NotEditable { stage: self.stage })
        }
    }

    /// The current stage.
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// Every event so far, in order.
    pub fn history(&self) -> &[Step] {
        &self.history
    }

    /// When the application was first submitted.
    pub fn submitted_at(&self) -> Option<DateTime<Utc>> {
        self.submitted_at
    }

    /// When it was complete.
    pub fn completed_at(&self) -> Option<DateTime<Utc>> {
        self.completed_at
    }

    /// The delivery and its instant, once delivered.
    pub fn delivery(&self) -> Option<(&Delivery, DateTime<Utc>)> {
        self.history
            .iter()
            .rev()
            .find_map(|step| match &step.event {
                Event::Deliver(delivery) => Some((delivery, step.at)),
                _ => None,
            })
    }

    /// Every violated eligibility rule of the form.
    pub fn eligibility(&self) -> Eligibility {
        self.form.eligibility()
    }

    /// What is still missing for completion.
    pub fn missing(&self) -> Vec<Requirement> {
        self.form.missing()
    }

    /// Applies `event` at `at` and returns the new stage.
    ///
    /// # Errors
    /// The application is left unchanged and:
    /// - [`TransitionError::Illegal`] when the event does not apply in the current stage
    ///   ([`Stage::after`]);
    /// - [`TransitionError::OutOfOrder`] when `at` is before the previous event;
    /// - [`TransitionError::ExpiryDue`] when the application has been pending too long and the
    ///   event is not [`Event::Expire`]; [`TransitionError::NotYetExpired`] when it is and the
    ///   time has not come;
    /// - [`TransitionError::Incomplete`] on completion without the CSR or a required attachment;
    /// - [`TransitionError::NoTechnicalContact`] on delivery to a technical contact the form
    ///   does not name.
    pub fn apply(&mut self, event: Event, at: DateTime<Utc>) -> Result<Stage, TransitionError> {
        let kind = event.kind();
        let next = self.stage.after(kind).ok_or(TransitionError::Illegal {
            event: kind,
            stage: self.stage,
        })?;
        if let Some(previous) = self.history.last().map(|step| step.at)
            && at < previous
        {
            return Err(TransitionError::OutOfOrder {
                event: kind,
                at,
                previous,
            });
        }
        if let Some(pending_until) = self.pending_until() {
            let due = helsinki_date(at) > pending_until;
            match (kind, due) {
                (EventKind::Expire, false) => {
                    return Err(TransitionError::NotYetExpired { at, pending_until });
                }
                (EventKind::Expire, true) | (_, false) => {}
                (event, true) => {
                    return Err(TransitionError::ExpiryDue {
                        event,
                        at,
                        pending_until,
                    });
                }
            }
        } else if kind == EventKind::Expire {
            // Pending, but six months from submission are past the end of chrono's calendar.
            return Err(TransitionError::NotYetExpired {
                at,
                pending_until: NaiveDate::MAX,
            });
        }
        match &event {
            Event::Complete => {
                let missing = self.form.missing();
                if !missing.is_empty() {
                    return Err(TransitionError::Incomplete { missing });
                }
            }
            Event::Deliver(delivery)
                if delivery.recipient() == Recipient::TechnicalContact
                    && self.form.technical_contact.is_none() =>
            {
                return Err(TransitionError::NoTechnicalContact);
            }
            _ => {}
        }
        match kind {
            EventKind::Submit => self.submitted_at = Some(at),
            EventKind::Complete => self.completed_at = Some(at),
            _ => {}
        }
        self.stage = next;
        self.history.push(Step { at, event });
        Ok(next)
    }

    /// Sends the draft to DVV ([`Event::Submit`]).
    ///
    /// # Errors
    /// As [`apply`](Self::apply).
    pub fn submit(&mut self, at: DateTime<Utc>) -> Result<Stage, TransitionError> {
        self.apply(Event::Submit, at)
    }

    /// DVV returns the application for corrections ([`Event::ReturnForCorrections`]).
    ///
    /// # Errors
    /// As [`apply`](Self::apply).
    pub fn return_for_corrections(
        &mut self,
        reason: impl Into<String>,
        at: DateTime<Utc>,
    ) -> Result<Stage, TransitionError> {
        self.apply(
            Event::ReturnForCorrections {
                reason: reason.into(),
            },
            at,
        )
    }

    /// Sends the corrected application again ([`Event::Resubmit`]).
    ///
    /// # Errors
    /// As [`apply`](Self::apply).
    pub fn resubmit(&mut self, at: DateTime<Utc>) -> Result<Stage, TransitionError> {
        self.apply(Event::Resubmit, at)
    }

    /// DVV finds the application complete ([`Event::Complete`]).
    ///
    /// # Errors
    /// As [`apply`](Self::apply); [`TransitionError::Incomplete`] lists what is missing.
    pub fn complete(&mut self, at: DateTime<Utc>) -> Result<Stage, TransitionError> {
        self.apply(Event::Complete, at)
    }

    /// DVV delivers the certificate ([`Event::Deliver`]). Recording the delivery does not
    /// judge it: [`check_delivery`](Self::check_delivery) does.
    ///
    /// # Errors
    /// As [`apply`](Self::apply).
    pub fn deliver(
        &mut self,
        delivery: Delivery,
        at: DateTime<Utc>,
    ) -> Result<Stage, TransitionError> {
        self.apply(Event::Deliver(delivery), at)
    }

    /// Expires the application ([`Event::Expire`]).
    ///
    /// # Errors
    /// As [`apply`](Self::apply); [`TransitionError::NotYetExpired`] before its time.
    pub fn expire(&mut self, at: DateTime<Utc>) -> Result<Stage, TransitionError> {
        self.apply(Event::Expire, at)
    }

    /// Expires the application if it is [due to](Self::is_expiry_due) at `at`; true when it
    /// did.
    ///
    /// # Errors
    /// [`TransitionError::OutOfOrder`] when `at` is before the previous event.
    pub fn expire_if_due(&mut self, at: DateTime<Utc>) -> Result<bool, TransitionError> {
        if self.is_expiry_due(at) {
            self.expire(at).map(|_| true)
        } else {
            Ok(false)
        }
    }

    /// The last Helsinki date on which a pending, incomplete application may still be pending:
    /// the date of first submission plus [`EXPIRY_MONTHS`] calendar months (end of month
    /// clamped). None unless the stage [is pending and incomplete](Stage::is_pending_incomplete),
    /// or when the date is past the end of chrono's calendar.
    pub fn pending_until(&self) -> Option<NaiveDate> {
        if !self.stage.is_pending_incomplete() {
            return None;
        }
        helsinki_date(self.submitted_at?).checked_add_months(Months::new(EXPIRY_MONTHS))
    }

    /// Whether the application has been pending more than [`EXPIRY_MONTHS`] months at `at`
    /// while incomplete, and so must expire.
    pub fn is_expiry_due(&self, at: DateTime<Utc>) -> bool {
        self.pending_until()
            .is_some_and(|until| helsinki_date(at) > until)
    }

    /// The date by which DVV must deliver: the fifth Finnish workday after the Helsinki date of
    /// completion. None before completion.
    ///
    /// # Errors
    /// [`DeadlineError::Workdays`] when the workday calendar does not cover the dates.
    pub fn delivery_due(&self) -> Result<Option<NaiveDate>, DeadlineError> {
        let Some(completed_at) = self.completed_at else {
            return Ok(None);
        };
        let completed_on = helsinki_date(completed_at);
        FinnishCalendar::new()
            .add_workdays(completed_on, DELIVERY_WORKDAYS)
            .map(Some)
            .map_err(|source| DeadlineError::Workdays {
                completed_on,
                source,
            })
    }

    /// Whether delivery is overdue at `at`: the application is complete, not delivered, and
    /// the Helsinki date of `at` is after the [due date](Self::delivery_due).
    ///
    /// # Errors
    /// As [`delivery_due`](Self::delivery_due).
    pub fn is_delivery_overdue(&self, at: DateTime<Utc>) -> Result<bool, DeadlineError> {
        if self.stage != Stage::Complete {
            return Ok(false);
        }
        Ok(self
            .delivery_due()?
            .is_some_and(|due| helsinki_date(at) > due))
    }

    /// Whether the certificate was delivered by the due date; none before delivery.
    ///
    /// # Errors
    /// As [`delivery_due`](Self::delivery_due).
    pub fn delivered_on_time(&self) -> Result<Option<bool>, DeadlineError> {
        let Some((_, delivered_at)) = self.delivery() else {
            return Ok(None);
        };
        Ok(self
            .delivery_due()?
            .map(|due| helsinki_date(delivered_at) <= due))
    }

    /// The CSR pre-flight check for the application ([`Form::check_request`]).
    pub fn check_request(&self, inspector: &Inspector, date: NaiveDate) -> Option<RequestReport> {
        self.form.check_request(inspector, date)
    }

    /// Inspects `cert` at `at` and compares it with the application
    /// ([`Form::check_certificate`]), for example before recording it as delivered.
    pub fn check_certificate(
        &self,
        cert: &Certificate,
        inspector: &Inspector,
        at: DateTime<Utc>,
    ) -> DeliveryCheck {
        self.form.check_certificate(cert, inspector, at)
    }

    /// The delivered certificate, inspected at the instant of delivery and compared with the
    /// application; none before delivery.
    pub fn check_delivery(&self, inspector: &Inspector) -> Option<DeliveryCheck> {
        self.delivery()
            .map(|(delivery, at)| self.check_certificate(delivery.certificate(), inspector, at))
    }
}

/// The stored form of an [`Application`]: the form and the history, which is replayed when
/// read, so that a stored application that breaks the rules does not read.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    form: Form,
    history: Vec<Step>,
}

#[cfg(feature = "serde")]
impl From<Application> for Stored {
    fn from(application: Application) -> Self {
        Stored {
            form: application.form,
            history: application.history,
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<Stored> for Application {
    type Error = Chain<TransitionError>;

    fn try_from(stored: Stored) -> Result<Self, Chain<TransitionError>> {
        let mut application = Application::new(stored.form);
        for (index, step) in stored.history.into_iter().enumerate() {
            application.apply(step.event, step.at).map_err(|source| {
                Chain(TransitionError::History {
                    index,
                    source: Box::new(source),
                })
            })?;
        }
        Ok(application)
    }
}

/// An error shown with its chain of causes (`error: cause: cause`), for the one place that
/// can only keep text: a serde error message.
#[cfg(feature = "serde")]
#[derive(Debug)]
pub(crate) struct Chain<E>(pub(crate) E);

#[cfg(feature = "serde")]
impl<E: std::error::Error> core::fmt::Display for Chain<E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut cause = self.0.source();
        while let Some(error) = cause {
            write!(f, ": {error}")?;
            cause = error.source();
        }
        Ok(())
    }
}
