//! The certificate authorities that issue sote certificates, and a registry to recognise them.
//!
//! The environment of a certificate (production or test) follows from its issuing CA: a real
//! certificate whose subject reads "Todistuspalvelu_testi" was issued by the production CA.
//! Sources: the real certificates (issuer names, policy OIDs, serial forms, CRL and AIA
//! addresses) and DVV's CA hierarchy renewal page.
//!
//! [`DvvAuthority`] is the one table of the CAs the crate knows (names, policy OIDs, generation,
//! environment, serial form, provenance): [`CaRegistry::dvv`] registers it and the test minter
//! names its CAs from it. The `serial.short` rule follows a CA's [`SerialForm`].

use std::sync::Arc;

use const_oid::ObjectIdentifier;

use crate::profile::Environment;
use crate::serial::SerialForm;

/// A generation of DVV's (formerly VRK's) sote CA hierarchy.
///
/// A generation is data about a CA, read from the registry: nothing is inferred from a CA's
/// name, since DVV already runs G4 CAs beside the G3 ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Generation {
    /// The Population Register Centre's CAs (VRK), RSA, 4-octet sequential serials; the
    /// production CA expired on 2023-12-18.
    Vrk,
    /// DVV's G3 hierarchy, from 2021-12-09: 15-octet serials with an embedded issuance time.
    DvvG3,
    /// Not known: a CA recognised by its organisation's name alone ([`Recognition::TestByName`]).
    Unidentified,
}

impl Generation {
    /// `"vrk"`, `"dvv-g3"` or `"unidentified"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Generation::Vrk => "vrk",
            Generation::DvvG3 => "dvv-g3",
            Generation::Unidentified => "unidentified",
        }
    }
}

/// Whether an entry of the CA table is documented fact or an assumption of this crate.
///
/// Complete: an entry is observed or assumed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Provenance {
    /// Seen in real certificates or published by DVV.
    Observed,
    /// Assumed where DVV publishes nothing (see the crate's assumptions).
    Assumed,
}

/// One issuing CA, recognised by its issuer common name and organisation.
///
/// Build one with [`CertificateAuthority::new`] (and [`CertificateAuthority::with_policy`]);
/// the fields are public to read and adjust.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CertificateAuthority {
    /// Issuer CN, exactly as in certificates.
    pub common_name: String,
    /// Issuer O, exactly as in certificates.
    pub organisation: String,
    /// Production or test.
    pub environment: Environment,
    /// Hierarchy generation.
    pub generation: Generation,
    /// The CA's sote certificate policy OID; `None` where it is not public (test CAs), in which
    /// case any policy under DVV's arc 1.2.246.517 satisfies the policy rule (assumed).
    pub policy: Option<ObjectIdentifier>,
    /// The serial form it issues; the `serial.short` rule follows it.
    pub serial_form: SerialForm,
    /// Whether the entry is documented fact or assumed.
    pub provenance: Provenance,
}

impl CertificateAuthority {
    /// A CA without a public policy ([`CertificateAuthority::policy`] `None`), assumed
    /// ([`Provenance::Assumed`]) until said otherwise.
    pub fn new(
        common_name: impl Into<String>,
        organisation: impl Into<String>,
        environment: Environment,
        generation: Generation,
        serial_form: SerialForm,
    ) -> Self {
        Self {
            common_name: common_name.into(),
            organisation: organisation.into(),
            environment,
            generation,
            policy: None,
            serial_form,
            provenance: Provenance::Assumed,
        }
    }

    /// The same CA with its sote certificate policy.
    pub fn with_policy(mut self, policy: ObjectIdentifier) -> Self {
        self.policy = Some(policy);
        self
    }

    /// The same CA with its provenance.
    pub fn with_provenance(mut self, provenance: Provenance) -> Self {
        self.provenance = provenance;
        self
    }
}

/// DVV's policy arc, under which every DVV certificate policy lives.
pub const DVV_POLICY_ARC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.246.517");

/// The ETSI EN 319 411-1 normalized certificate policy (NCP), `0.4.0.2042.1.7`, that every
/// real sote certificate carries first.
pub const ETSI_NCP: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.4.0.2042.1.7");

/// The CAs of VRK's and DVV's sote hierarchies this crate knows: the one table of their names,
/// policies, generations, environments and serial forms (DOMAIN §3). [`CaRegistry::dvv`] and
/// the test minter read it.
///
/// ```
/// use sote_certs::authority::{DvvAuthority, Generation};
/// use sote_certs::serial::SerialForm;
///
/// let g3e = DvvAuthority::G3E.authority();
/// assert_eq!(g3e.generation, Generation::DvvG3);
/// assert_eq!(g3e.serial_form, SerialForm::Long);
/// assert_eq!(g3e.policy.map(|p| p.to_string()).as_deref(), Some("1.2.246.517.1.10.358.2"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum DvvAuthority {
    /// VRK's production sote CA (observed).
    Vrk,
    /// DVV's production G3 EC CA, "… - G3E" (observed).
    G3E,
    /// DVV's production G3 RSA CA, "… - G3R" (assumed: its name and policy are not seen in
    /// the wild).
    G3R,
    /// VRK's test sote CA (name observed, policy not public).
    VrkTest,
    /// VRK's test G2 CA (name observed, policy not public).
    VrkTestG2,
}

/// VRK's sote certificate policy, of its production CA ([`DvvAuthority::Vrk`]).
pub const VRK_POLICY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.246.517.1.10.10.2");
/// The G3E CA's sote certificate policy ([`DvvAuthority::G3E`]).
pub const G3E_POLICY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.246.517.1.10.358.2");
/// The G3R CA's sote certificate policy ([`DvvAuthority::G3R`], assumed).
pub const G3R_POLICY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.246.517.1.10.308.2");

/// VRK's production organisation name.
const VRK_CA: &str = "Vaestorekisterikeskus CA";
/// DVV's production organisation name.
const DVV_CA: &str = "Digi- ja vaestotietovirasto CA";
/// VRK's test organisation name.
const VRK_TEST: &str = "Vaestorekisterikeskus TEST";
/// DVV's test organisation name.
const DVV_TEST: &str = "Digi- ja vaestotietovirasto TEST";

/// The organisation names (issuer O) of VRK's and DVV's CAs, with the serial form each agency's
/// CAs issue: VRK's 32-bit sequential serials, DVV's long ones (every DVV CA seen, G3 and G4).
const ORGANISATIONS: [(&str, SerialForm); 4] = [
    (VRK_CA, SerialForm::Legacy32),
    (DVV_CA, SerialForm::Long),
    (VRK_TEST, SerialForm::Legacy32),
    (DVV_TEST, SerialForm::Long),
];

/// One row of the CA table.
struct Row {
    common_name: &'static str,
    organisation: &'static str,
    environment: Environment,
    generation: Generation,
    policy: Option<ObjectIdentifier>,
    serial_form: SerialForm,
    provenance: Provenance,
}

impl DvvAuthority {
    /// Every known CA, in table order.
    pub const ALL: [DvvAuthority; 5] = [
        DvvAuthority::Vrk,
        DvvAuthority::G3E,
        DvvAuthority::G3R,
        DvvAuthority::VrkTest,
        DvvAuthority::VrkTestG2,
    ];

    /// The table.
    const fn row(self) -> Row {
        use Environment::{Production, Test};
        use Generation::{DvvG3, Vrk};
        use Provenance::{Assumed, Observed};
        use SerialForm::{Legacy32, Long};
        match self {
            DvvAuthority::Vrk => Row {
                common_name: "VRK CA for Social Welfare and Health Care Service Providers",
                organisation: VRK_CA,
                environment: Production,
                generation: Vrk,
                policy: Some(VRK_POLICY),
                serial_form: Legacy32,
                provenance: Observed,
            },
            DvvAuthority::G3E => Row {
                common_name: "DVV Social Welfare and Healthcare Service Certificates - G3E",
                organisation: DVV_CA,
                environment: Production,
                generation: DvvG3,
                policy: Some(G3E_POLICY),
                serial_form: Long,
                provenance: Observed,
            },
            // Assumed: the RSA sibling of G3E; its name and policy are not seen in the wild.
            DvvAuthority::G3R => Row {
                common_name: "DVV Social Welfare and Healthcare Service Certificates - G3R",
                organisation: DVV_CA,
                environment: Production,
                generation: DvvG3,
                policy: Some(G3R_POLICY),
                serial_form: Long,
                provenance: Assumed,
            },
            // VRK's two test CAs differ in name only; their policies are not public.
            DvvAuthority::VrkTest | DvvAuthority::VrkTestG2 => Row {
                common_name: match self {
                    DvvAuthority::VrkTestG2 => {
                        "VRK TEST CA for Social Welfare and Healthcare Service Prov. - G2"
                    }
                    _ => "VRK TEST CA for Social Welfare and Health Care Service Providers",
                },
                organisation: VRK_TEST,
                environment: Test,
                generation: Vrk,
                policy: None,
                serial_form: Legacy32,
                provenance: Observed,
            },
        }
    }

    /// The issuer CN, exactly as in certificates.
    pub const fn common_name(self) -> &'static str {
        self.row().common_name
    }

    /// The issuer O, exactly as in certificates.
    pub const fn organisation(self) -> &'static str {
        self.row().organisation
    }

    /// The CA's entry.
    pub fn authority(self) -> CertificateAuthority {
        let row = self.row();
        CertificateAuthority {
            policy: row.policy,
            provenance: row.provenance,
            ..CertificateAuthority::new(
                row.common_name,
                row.organisation,
                row.environment,
                row.generation,
                row.serial_form,
            )
        }
    }
}

/// How an issuer was recognised.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Recognition {
    /// An entry of the registry matched the issuer's CN and O.
    Registered(Arc<CertificateAuthority>),
    /// Not registered, but a VRK/DVV organisation with "TEST" in its names: treated as a test
    /// CA (assumed; DVV does not publish its G3 test CA names). Its generation is
    /// [`Generation::Unidentified`] and its serial form is its agency's.
    TestByName(Arc<CertificateAuthority>),
}

impl Recognition {
    /// The CA, registered or inferred.
    pub fn authority(&self) -> &CertificateAuthority {
        match self {
            Recognition::Registered(ca) | Recognition::TestByName(ca) => ca,
        }
    }
}

/// The known issuing CAs. [`CaRegistry::dvv`] holds DVV's; [`CaRegistry::register`] adds more.
///
/// ```
/// use sote_certs::authority::{CaRegistry, CertificateAuthority, Generation};
/// use sote_certs::profile::Environment;
/// use sote_certs::serial::SerialForm;
///
/// let mut registry = CaRegistry::dvv();
/// registry.register(CertificateAuthority::new(
///     "DVV TEST Social Welfare and Healthcare Service Certificates - G3E",
///     "Digi- ja vaestotietovirasto TEST",
///     Environment::Test,
///     Generation::DvvG3,
///     SerialForm::Long,
/// ));
/// let ca = registry.recognise(
///     "DVV Social Welfare and Healthcare Service Certificates - G3E",
///     "Digi- ja vaestotietovirasto CA",
/// );
/// assert_eq!(ca.map(|r| r.authority().environment), Some(Environment::Production));
/// ```
#[derive(Clone, Debug, Default)]
pub struct CaRegistry {
    authorities: Vec<Arc<CertificateAuthority>>,
}

impl CaRegistry {
    /// An empty registry (only the "TEST" name rule applies).
    pub fn empty() -> Self {
        Self::default()
    }

    /// DVV's production and test sote CAs: [`DvvAuthority::ALL`].
    pub fn dvv() -> Self {
        let mut registry = Self::empty();
        for known in DvvAuthority::ALL {
            registry.register(known.authority());
        }
        registry
    }

    /// Adds a CA; a later entry with the same CN and O replaces the earlier one.
    pub fn register(&mut self, authority: CertificateAuthority) {
        self.authorities.retain(|known| {
            (known.common_name.as_str(), known.organisation.as_str())
                != (&authority.common_name, &authority.organisation)
        });
        self.authorities.push(Arc::new(authority));
    }

    /// The registered CAs.
    pub fn authorities(&self) -> impl Iterator<Item = &CertificateAuthority> {
        self.authorities.iter().map(|ca| &**ca)
    }

    /// Recognises an issuer by its CN and O: a registered CA, or an unregistered VRK/DVV
    /// organisation whose O or CN contains "TEST" (a test CA, assumed). An unregistered CA's
    /// generation is [`Generation::Unidentified`] (its name does not tell: DVV runs G3 and G4
    /// CAs), and its serial form is its agency's: VRK's 32-bit or DVV's long serials.
    pub fn recognise(&self, common_name: &str, organisation: &str) -> Option<Recognition> {
        if let Some(ca) = self
            .authorities
            .iter()
            .find(|ca| ca.common_name == common_name && ca.organisation == organisation)
        {
            return Some(Recognition::Registered(Arc::clone(ca)));
        }
        let (_, serial_form) = ORGANISATIONS
            .iter()
            .find(|(name, _)| *name == organisation)?;
        let says_test = organisation.contains("TEST") || common_name.contains("TEST");
        says_test.then(|| {
            Recognition::TestByName(Arc::new(CertificateAuthority::new(
                common_name,
                organisation,
                Environment::Test,
                Generation::Unidentified,
                *serial_form,
            )))
        })
    }
}
