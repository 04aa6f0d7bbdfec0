//! Eligibility: whether DVV can grant the certificate applied for, with every reason why not.

use super::Form;
use super::applicant::{ApplyingParty, Identification, IntermediaryRegistration, OrganisationKind};
use crate::inspect::Severity;
use crate::organisation::RequestedName;
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
    NamesMissing = "eligibility.names-missing", Error, "DVV: Server certificates (at least one DNS name from 2023-09-15)";
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
    pub findings: Vec<EligibilityFinding>,
}

impl Eligibility {
    /// True when no finding is an error.
    pub fn is_eligible(&self) -> bool {
        self.findings
            .iter()
            .all(|f| f.severity() != Severity::Error)
    }

    /// The codes of the findings, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.iter().map(EligibilityFinding::code).collect()
    }

    /// Whether a finding of `rule` is present.
    pub fn violates(&self, rule: EligibilityRule) -> bool {
        self.findings.iter().any(|f| f.rule == rule)
    }
}

/// Evaluates every rule on `form`.
pub(super) fn evaluate(form: &Form) -> Eligibility {
    let mut findings = Vec::new();
    let mut fail = |rule, message: String| findings.push(EligibilityFinding { rule, message });
    let organisation = &form.organisation;
    let signature = form.profile.purpose() == Purpose::DocumentSigning;

    match &organisation.sote_register {
        None => fail(
            EligibilityRule::NotInSoteRegister,
            format!(
                "organisation {} ({}) has no OID in THL's sote organisation register",
                organisation.name, organisation.business_id
            ),
        ),
        Some(oid) if oid.business_id() != organisation.business_id => fail(
            EligibilityRule::RegisterBusinessId,
            format!(
                "register OID {oid} belongs to business ID {}, not to the organisation's {}",
                oid.business_id(),
                organisation.business_id
            ),
        ),
        Some(_) => {}
    }

    if form
        .long_name
        .as_deref()
        .is_none_or(|name| name.trim().is_empty())
    {
        fail(
            EligibilityRule::LongNameMissing,
            "the application gives no long name from Kela's and THL's code service".to_owned(),
        );
    }

    if form.user.identification != Identification::Strong {
        fail(
            EligibilityRule::UserNotStronglyIdentified,
            format!(
                "e-service user {:?} is not strongly identified",
                form.user.name
            ),
        );
    }

    if signature {
        let why = match form.applying_party {
            ApplyingParty::AdministeringProvider if !organisation.kind.provides_services() => {
                Some(format!(
                    "{} is an {} and provides no services, so it cannot be the provider administering the system",
                    organisation.name, organisation.kind
                ))
            }
            ApplyingParty::AdministeringProvider
            | ApplyingParty::KantaIntermediary(IntermediaryRegistration::Registered) => None,
            ApplyingParty::KantaIntermediary(IntermediaryRegistration::NotRegistered) => {
                Some(format!(
                    "Kanta intermediary {} is not entered in THL's intermediary register",
                    organisation.name
                ))
            }
            ApplyingParty::OnBehalfOfProvider => Some(format!(
                "{} applies on behalf of the provider; the provider administering the system must apply itself",
                organisation.name
            )),
        };
        if let Some(why) = why {
            fail(
                EligibilityRule::SignatureApplicant,
                format!("{} application: {why}", form.profile),
            );
        }
    }

    if let ApplyingParty::KantaIntermediary(_) = form.applying_party {
        match &form.technical_contact {
            None => fail(
                EligibilityRule::IntermediaryNotMarked,
                "a kanta intermediary applies in its own name but names no technical contact"
                    .to_owned(),
            ),
            Some(contact) if !contact.is_marked_kanta_provider() => fail(
                EligibilityRule::IntermediaryNotMarked,
                format!(
                    "technical contact {:?} has organisation {:?}, not \"Kanta provider\" (\"KanTa-välittäjä\", \"Kanta-förmedlare\")",
                    contact.name, contact.organisation
                ),
            ),
            Some(_) => {}
        }
    }

    if signature
        && organisation.kind == OrganisationKind::PrivateProvider
        && form.conformity_certificate.is_none()
    {
        fail(
            EligibilityRule::ConformityCertificateMissing,
            format!(
                "private provider {} applies for a {} certificate without its information system's certificate of conformity",
                organisation.name, form.profile
            ),
        );
    }

    if !signature && form.names.is_empty() {
        fail(
            EligibilityRule::NamesMissing,
            format!("the {} application requests no dns name", form.profile),
        );
    }

    for name in &form.names {
        if !organisation
            .domains
            .iter()
            .any(|domain| name.is_administered_by(domain))
        {
            let domains: Vec<String> = organisation.domains.iter().map(|d| d.to_string()).collect();
            fail(
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
            );
        }
    }

    match &form.csr {
        None => fail(
            EligibilityRule::CsrMissing,
            "no certificate request (CSR) is attached".to_owned(),
        ),
        Some(csr) => {
            let in_csr: Vec<(&str, Option<RequestedName>)> = csr
                .dns_names()
                .into_iter()
                .map(|name| (name, name.parse::<RequestedName>().ok()))
                .collect();
            for (text, parsed) in &in_csr {
                if !parsed
                    .as_ref()
                    .is_some_and(|name| form.names.contains(name))
                {
                    fail(
                        EligibilityRule::CsrNameNotRequested,
                        format!(
                            "the CSR carries DNS name {text:?}, which the application does not request"
                        ),
                    );
                }
            }
            for name in &form.names {
                if !in_csr
                    .iter()
                    .any(|(_, parsed)| parsed.as_ref() == Some(name))
                {
                    fail(
                        EligibilityRule::RequestedNameNotInCsr,
                        format!("requested name {name} is not among the CSR's DNS names"),
                    );
                }
            }
        }
    }

    findings.sort_by_key(|f| f.rule);
    Eligibility { findings }
}
