//! Eligibility: whether DVV can grant the certificate applied for, with every reason why not.

use super::Form;
use super::applicant::{ApplyingParty, Identification, IntermediaryRegistration};
use crate::csr::NameSets;
use crate::inspect::{FindingValue, Findings};
use crate::profile::Purpose;

const DVV_SOTE: &str = "DVV: Service certificates for social welfare and healthcare";
const DVV_SERVER: &str = "DVV: Server certificates";

crate::inspect::policy_rules! {
    /// A rule of eligibility. Codes are stable; see the table in [`crate::application`].
    EligibilityRule;
    /// The organisation is not in THL's SOTE organisation register.
    NotInSoteRegister = "eligibility.not-in-sote-register", Error, DVV_SOTE;
    /// The register OID belongs to another business ID than the organisation's.
    RegisterBusinessId = "eligibility.register-business-id", Error, "THL: SOTE organisation register (OID 1.2.246.10.<business ID>.10.<n>)";
    /// No long name from Kela's and THL's code service.
    LongNameMissing = "eligibility.long-name-missing", Error, DVV_SOTE;
    /// The e-service user is not strongly identified.
    UserNotStronglyIdentified = "eligibility.user-not-strongly-identified", Error, DVV_SOTE;
    /// A system signature applicant that is neither the provider administering the system nor
    /// a registered Kanta intermediary.
    SignatureApplicant = "eligibility.signature-applicant", Error, DVV_SOTE;
    /// A Kanta intermediary whose technical contact's organisation is not "Kanta provider".
    IntermediaryNotMarked = "eligibility.intermediary-not-marked", Error, DVV_SOTE;
    /// A private provider's system signature application without a certificate of conformity.
    ConformityCertificateMissing = "eligibility.conformity-certificate-missing", Error, DVV_SOTE;
    /// A server certificate application that requests no name.
    NamesMissing = "eligibility.names-missing", Error, "DVV: Server certificates (at least one DNS name)";
    /// A requested name outside every domain the organisation administers.
    NameNotAdministered = "eligibility.name-not-administered", Error, DVV_SERVER;
    /// No certificate request (CSR) attached.
    CsrMissing = "eligibility.csr-missing", Error, DVV_SOTE;
    /// The CSR carries a DNS name the application does not request.
    CsrNameNotRequested = "eligibility.csr-name-not-requested", Error, DVV_SOTE;
    /// The application requests a name the CSR does not carry.
    RequestedNameNotInCsr = "eligibility.requested-name-not-in-csr", Error, DVV_SOTE;
}

/// One finding of this check: a [`EligibilityRule`] and what was found.
pub type EligibilityFinding = crate::inspect::Finding<EligibilityRule>;

/// The outcome of an eligibility evaluation: every violated rule, in rule-table order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Eligibility {
    /// Every finding, in rule-table order.
    pub findings: Findings<EligibilityRule>,
}

impl Eligibility {
    /// True when no finding is an error (`!findings.has_errors()`, [`Findings::has_errors`]).
    pub fn is_eligible(&self) -> bool {
        !self.findings.has_errors()
    }

    /// The codes of the findings, in order ([`Findings::codes`]).
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.codes()
    }

    /// Whether a finding of `rule` is present ([`Findings::violates`]).
    pub fn violates(&self, rule: EligibilityRule) -> bool {
        self.findings.violates(rule)
    }
}

/// Evaluates every rule on `form`, one topic at a time.
pub(super) fn evaluate(form: &Form) -> Eligibility {
    let mut findings = Vec::new();
    register(form, &mut findings);
    application(form, &mut findings);
    applicant(form, &mut findings);
    names(form, &mut findings);
    request(form, &mut findings);
    Eligibility {
        findings: Findings::from(findings),
    }
}

/// A finding of `rule` naming the organisation, which most rules talk about.
fn about_organisation(form: &Form, rule: EligibilityRule, message: String) -> EligibilityFinding {
    EligibilityFinding::new(rule, message).with(
        "organisation",
        FindingValue::Name(form.organisation.name.clone()),
    )
}

/// THL's SOTE organisation register: an OID, and one of the organisation's business ID.
fn register(form: &Form, findings: &mut Vec<EligibilityFinding>) {
    let organisation = &form.organisation;
    let business_id = FindingValue::Text(organisation.business_id.to_string());
    match &organisation.sote_register {
        None => findings.push(
            about_organisation(
                form,
                EligibilityRule::NotInSoteRegister,
                format!(
                    "organisation {} ({}) has no OID in THL's sote organisation register",
                    organisation.name, organisation.business_id
                ),
            )
            .with("business_id", business_id),
        ),
        Some(oid) if oid.business_id() != organisation.business_id => findings.push(
            EligibilityFinding::new(
                EligibilityRule::RegisterBusinessId,
                format!(
                    "register OID {oid} belongs to business ID {}, not to the organisation's {}",
                    oid.business_id(),
                    organisation.business_id
                ),
            )
            .with("register_oid", FindingValue::Text(oid.to_string()))
            .with(
                "register_business_id",
                FindingValue::Text(oid.business_id().to_string()),
            )
            .with("business_id", business_id),
        ),
        Some(_) => {}
    }
}

/// The form itself: the long name, and the e-service user's identification.
fn application(form: &Form, findings: &mut Vec<EligibilityFinding>) {
    if form
        .long_name
        .as_deref()
        .is_none_or(|name| name.trim().is_empty())
    {
        findings.push(EligibilityFinding::new(
            EligibilityRule::LongNameMissing,
            "the application gives no long name from Kela's and THL's code service",
        ));
    }
    if form.user.identification != Identification::Strong {
        findings.push(
            EligibilityFinding::new(
                EligibilityRule::UserNotStronglyIdentified,
                format!(
                    "e-service user {:?} is not strongly identified",
                    form.user.name
                ),
            )
            .with("user", FindingValue::Name(form.user.name.clone())),
        );
    }
}

/// Who applies: for a system signature, the administering provider or a registered Kanta
/// intermediary (marked as such), and a private provider's certificate of conformity.
fn applicant(form: &Form, findings: &mut Vec<EligibilityFinding>) {
    let organisation = &form.organisation;
    if form.profile.purpose() == Purpose::DocumentSigning
        && let Some(why) = signature_applicant_problem(form)
    {
        findings.push(about_organisation(
            form,
            EligibilityRule::SignatureApplicant,
            format!("{} application: {why}", form.profile),
        ));
    }
    if let ApplyingParty::KantaIntermediary(_) = form.applying_party {
        match &form.technical_contact {
            None => findings.push(EligibilityFinding::new(
                EligibilityRule::IntermediaryNotMarked,
                "a kanta intermediary applies in its own name but names no technical contact",
            )),
            Some(contact) if !contact.is_marked_kanta_provider() => findings.push(
                EligibilityFinding::new(
                    EligibilityRule::IntermediaryNotMarked,
                    format!(
                        "technical contact {:?} has organisation {:?}, not \"Kanta provider\" \
                         (\"KanTa-välittäjä\", \"Kanta-förmedlare\")",
                        contact.name, contact.organisation
                    ),
                )
                .with("contact", FindingValue::Name(contact.name.clone()))
                .with(
                    "contact_organisation",
                    FindingValue::Name(contact.organisation.clone()),
                ),
            ),
            Some(_) => {}
        }
    }
    if form.requires_conformity_certificate() && form.conformity_certificate.is_none() {
        findings.push(about_organisation(
            form,
            EligibilityRule::ConformityCertificateMissing,
            format!(
                "private provider {} applies for a {} certificate without its information \
                 system's certificate of conformity",
                organisation.name, form.profile
            ),
        ));
    }
}

/// Why the applying party cannot apply for a system signature certificate, if it cannot.
fn signature_applicant_problem(form: &Form) -> Option<String> {
    let organisation = &form.organisation;
    match form.applying_party {
        ApplyingParty::AdministeringProvider if !organisation.kind.provides_services() => {
            Some(format!(
                "{} is an {} and provides no services, so it cannot be the provider \
                 administering the system",
                organisation.name, organisation.kind
            ))
        }
        ApplyingParty::AdministeringProvider
        | ApplyingParty::KantaIntermediary(IntermediaryRegistration::Registered) => None,
        ApplyingParty::KantaIntermediary(IntermediaryRegistration::NotRegistered) => Some(format!(
            "Kanta intermediary {} is not entered in THL's intermediary register",
            organisation.name
        )),
        ApplyingParty::OnBehalfOfProvider => Some(format!(
            "{} applies on behalf of the provider; the provider administering the system must \
             apply itself",
            organisation.name
        )),
    }
}

/// The requested names: at least one for a server, each in a domain the organisation
/// administers.
fn names(form: &Form, findings: &mut Vec<EligibilityFinding>) {
    let organisation = &form.organisation;
    if form.profile.purpose() != Purpose::DocumentSigning && form.names.is_empty() {
        findings.push(EligibilityFinding::new(
            EligibilityRule::NamesMissing,
            format!("the {} application requests no dns name", form.profile),
        ));
    }
    let domains: Vec<String> = organisation.domains.iter().map(|d| d.to_string()).collect();
    for name in &form.names {
        if organisation
            .domains
            .iter()
            .any(|domain| name.is_administered_by(domain))
        {
            continue;
        }
        let mut finding = EligibilityFinding::new(
            EligibilityRule::NameNotAdministered,
            format!(
                "requested name {name} is not within a domain {} administers ({})",
                organisation.name,
                if domains.is_empty() {
                    "none".to_owned()
                } else {
                    domains.join(", ")
                }
            ),
        )
        .with("name", FindingValue::Name(name.to_string()));
        for domain in &domains {
            finding = finding.with("domain", FindingValue::Name(domain.clone()));
        }
        findings.push(finding);
    }
}

/// The CSR: attached, and carrying exactly the requested names.
fn request(form: &Form, findings: &mut Vec<EligibilityFinding>) {
    let Some(csr) = &form.csr else {
        findings.push(EligibilityFinding::new(
            EligibilityRule::CsrMissing,
            "no certificate request (CSR) is attached",
        ));
        return;
    };
    let requested: Vec<String> = form.names.iter().map(ToString::to_string).collect();
    let in_csr = csr.dns_names();
    findings.extend(NameSets::compare(&requested, &in_csr).findings(
        (EligibilityRule::RequestedNameNotInCsr, |name| {
            format!("requested name {name} is not among the CSR's DNS names")
        }),
        (EligibilityRule::CsrNameNotRequested, |text| {
            format!("the CSR carries DNS name {text:?}, which the application does not request")
        }),
    ));
}
