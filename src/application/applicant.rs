//! Who applies: the organisation, in whose name, the e-service user and the technical contact.

use core::fmt;

use crate::organisation::{BusinessId, DomainName, SoteOrganisationOid};

/// What kind of organisation the applicant is (DVV's application form; DOMAIN §6).
///
/// The kind matters for one rule: a [`PrivateProvider`](Self::PrivateProvider) applying for a
/// system signature certificate must attach its information system's certificate of
/// conformity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum OrganisationKind {
    /// A public-sector organisation (a wellbeing services county, a municipality, the state).
    Public,
    /// A private social welfare or healthcare service provider.
    PrivateProvider,
    /// An association or foundation providing social welfare or healthcare services.
    Association,
    /// A pharmacy.
    Pharmacy,
    /// An IT service provider (for example a Kanta intermediary or a system vendor).
    ItServiceProvider,
}

impl OrganisationKind {
    /// The five kinds.
    pub const ALL: [OrganisationKind; 5] = [
        OrganisationKind::Public,
        OrganisationKind::PrivateProvider,
        OrganisationKind::Association,
        OrganisationKind::Pharmacy,
        OrganisationKind::ItServiceProvider,
    ];

    /// The stable name: `"public"`, `"private-provider"`, `"association"`, `"pharmacy"` or
    /// `"it-service-provider"`.
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::Public => "public",
            OrganisationKind::PrivateProvider => "private-provider",
            OrganisationKind::Association => "association",
            OrganisationKind::Pharmacy => "pharmacy",
            OrganisationKind::ItServiceProvider => "it-service-provider",
        }
    }

    /// Whether organisations of this kind provide social welfare or healthcare services
    /// themselves (every kind but [`ItServiceProvider`](Self::ItServiceProvider)).
    pub fn provides_services(self) -> bool {
        self != OrganisationKind::ItServiceProvider
    }
}

impl fmt::Display for OrganisationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The organisation a certificate is applied for, as DVV's rules look at it.
///
/// Any combination of values can be written down: whether it is eligible is a policy outcome
/// ([`Form::eligibility`](super::Form::eligibility)), not a construction error.
///
/// ```
/// use sote_certs::application::{Organisation, OrganisationKind};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let pharmacy = Organisation::new("Helsingin VI apteekki", "0245437-2".parse()?, OrganisationKind::Pharmacy)
///     .registered_as("1.2.246.10.2454372.10.1".parse()?)
///     .administering("apteekki6.fi".parse()?);
/// assert!(pharmacy.sote_register.is_some());
/// assert_eq!(pharmacy.domains.len(), 1);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Organisation {
    /// The organisation's official name.
    pub name: String,
    /// Its business ID (*Y-tunnus*).
    #[cfg_attr(feature = "serde", serde(with = "crate::serde::with::text"))]
    pub business_id: BusinessId,
    /// What kind of organisation it is.
    pub kind: OrganisationKind,
    /// Its OID in THL's SOTE organisation register, if it is registered there.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde::with::option_text"))]
    pub sote_register: Option<SoteOrganisationOid>,
    /// The domain names it administers (each covers its subdomains).
    #[cfg_attr(feature = "serde", serde(with = "crate::serde::with::vec_text"))]
    pub domains: Vec<DomainName>,
}

impl Organisation {
    /// An organisation not (yet) known to be in the SOTE register, administering no domain.
    pub fn new(name: impl Into<String>, business_id: BusinessId, kind: OrganisationKind) -> Self {
        Self {
            name: name.into(),
            business_id,
            kind,
            sote_register: None,
            domains: Vec::new(),
        }
    }

    /// The same organisation, registered in the SOTE organisation register as `oid`.
    pub fn registered_as(self, oid: SoteOrganisationOid) -> Self {
        Self {
            sote_register: Some(oid),
            ..self
        }
    }

    /// The same organisation, also administering `domain`.
    pub fn administering(mut self, domain: DomainName) -> Self {
        self.domains.push(domain);
        self
    }
}

/// In whose name the application is made, for the information system the certificate is for
/// (DOMAIN §6, system signature).
///
/// A system signature application is made and signed by the social welfare or healthcare
/// service provider that administers the information system, even when the system's technical
/// maintenance is outsourced; or a Kanta intermediary entered in THL's intermediary register
/// applies in its own name, and the technical contact's organisation then reads "Kanta
/// provider" ([`KANTA_PROVIDER_MARKINGS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
pub enum ApplyingParty {
    /// The service provider that administers the information system applies.
    AdministeringProvider,
    /// A Kanta intermediary applies in its own name.
    KantaIntermediary(IntermediaryRegistration),
    /// Someone else applies for the provider's system, for example the company that maintains
    /// it. DVV does not accept this for system signature certificates.
    OnBehalfOfProvider,
}

/// Whether a Kanta intermediary is entered in THL's register of Kanta intermediaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
pub enum IntermediaryRegistration {
    /// Entered in THL's intermediary register.
    Registered,
    /// Not (or not yet) entered.
    NotRegistered,
}

/// The organisation field values that mark a technical contact as a Kanta intermediary's:
/// English, Finnish and Swedish, as DVV's pages spell them (DOMAIN §6). Compared without
/// regard to case or surrounding spaces.
pub const KANTA_PROVIDER_MARKINGS: [&str; 3] =
    ["Kanta provider", "KanTa-välittäjä", "Kanta-förmedlare"];

/// The technical contact invited to the customer account (DOMAIN §7), who may attach the CSR
/// and to whom the certificate may be delivered.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TechnicalContact {
    /// The contact's name.
    pub name: String,
    /// The e-mail address DVV delivers to.
    pub email: String,
    /// The contact's organisation field as written on the application.
    pub organisation: String,
}

impl TechnicalContact {
    /// A technical contact.
    pub fn new(
        name: impl Into<String>,
        email: impl Into<String>,
        organisation: impl Into<String>,
    ) -> Self {
        Self {
            name: name.into(),
            email: email.into(),
            organisation: organisation.into(),
        }
    }

    /// Whether the organisation field reads "Kanta provider" in one of
    /// [`KANTA_PROVIDER_MARKINGS`] (ignoring case and surrounding spaces).
    ///
    /// ```
    /// use sote_certs::application::TechnicalContact;
    ///
    /// assert!(TechnicalContact::new("A", "a@example.fi", " kanta-VÄLITTÄJÄ ").is_marked_kanta_provider());
    /// assert!(!TechnicalContact::new("A", "a@example.fi", "Kanta").is_marked_kanta_provider());
    /// ```
    pub fn is_marked_kanta_provider(&self) -> bool {
        let field = self.organisation.trim().to_lowercase();
        KANTA_PROVIDER_MARKINGS
            .iter()
            .any(|marking| marking.to_lowercase() == field)
    }
}

/// How the e-service user was identified when registering (DOMAIN §7: registering as a user of
/// DVV's e-services needs strong electronic identification).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
pub enum Identification {
    /// Strong electronic identification (bank credentials, mobile certificate, ID card).
    Strong,
    /// Not strongly identified.
    Unverified,
}

/// The person using DVV's e-services for the organisation's customer account.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EServiceUser {
    /// The user's name.
    pub name: String,
    /// How the user was identified.
    pub identification: Identification,
}

impl EServiceUser {
    /// A user identified as `identification` says.
    pub fn new(name: impl Into<String>, identification: Identification) -> Self {
        Self {
            name: name.into(),
            identification,
        }
    }

    /// A strongly identified user.
    pub fn strongly_identified(name: impl Into<String>) -> Self {
        Self::new(name, Identification::Strong)
    }
}

/// An attachment to the application, named as it was attached.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Attachment {
    /// The file name or reference of the attachment.
    pub name: String,
}

impl Attachment {
    /// An attachment named `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into() }
    }
}
