//! The certificate authorities that issue sote certificates, and a registry to recognise them.
//!
//! The environment of a certificate (production or test) follows from its issuing CA: a real
//! certificate whose subject reads "Todistuspalvelu_testi" was issued by the production CA.
//! Sources: the real certificates (issuer names, policy OIDs, serial forms, CRL and AIA
//! addresses) and DVV's CA hierarchy renewal page.

use std::sync::Arc;

use const_oid::ObjectIdentifier;

use crate::profile::Environment;

/// A generation of DVV's (formerly VRK's) sote CA hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Generation {
    /// The Population Register Centre's CAs (VRK), RSA, 4-octet sequential serials; the
    /// production CA expired on 2023-12-18.
    Vrk,
    /// DVV's G3 hierarchy, from 2021-12-09: 15-octet serials with an embedded issuance time.
    DvvG3,
}

impl Generation {
    /// `"vrk"` or `"dvv-g3"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Generation::Vrk => "vrk",
            Generation::DvvG3 => "dvv-g3",
        }
    }
}

/// The serial number form a CA issues.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SerialStyle {
    /// 4-octet sequential serials (VRK).
    Sequential32,
    /// Long serials: timestamp and random octets (G3).
    Long,
}

/// One issuing CA, recognised by its issuer common name and organisation.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
    /// The serial form it issues.
    pub serial_style: SerialStyle,
    /// Whether the entry is documented fact (`false` marks an assumed entry).
    pub observed: bool,
}

/// DVV's policy arc, under which every DVV certificate policy lives.
pub const DVV_POLICY_ARC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.246.517");

/// The ETSI normalized certificate policy (NCP) every real certificate carries first.
pub const ETSI_NCP: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.4.0.2042.1.7");

/// The organisation names (issuer O) of VRK's and DVV's CAs, production and test.
const DVV_ORGANISATIONS: [&str; 4] = [
    "Vaestorekisterikeskus CA",
    "Digi- ja vaestotietovirasto CA",
    "Vaestorekisterikeskus TEST",
    "Digi- ja vaestotietovirasto TEST",
];

/// How an issuer was recognised.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Recognition {
    /// An entry of the registry matched the issuer's CN and O.
    Registered(Arc<CertificateAuthority>),
    /// Not registered, but a VRK/DVV organisation with "TEST" in its names: treated as a test
    /// CA (assumed; DVV does not publish its G3 test CA names).
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
/// use sote_certs::authority::{CaRegistry, CertificateAuthority, Generation, SerialStyle};
/// use sote_certs::profile::Environment;
///
/// let mut registry = CaRegistry::dvv();
/// registry.register(CertificateAuthority {
///     common_name: "DVV TEST Social Welfare and Healthcare Service Certificates - G3E".into(),
///     organisation: "Digi- ja vaestotietovirasto TEST".into(),
///     environment: Environment::Test,
///     generation: Generation::DvvG3,
///     policy: None,
///     serial_style: SerialStyle::Long,
///     observed: false,
/// });
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

    /// DVV's production and test sote CAs (DOMAIN §3).
    pub fn dvv() -> Self {
        let oid = |s| ObjectIdentifier::new(s).ok();
        let ca = |cn: &str, o: &str, environment, generation, policy, serial_style, observed| {
            CertificateAuthority {
                common_name: cn.to_owned(),
                organisation: o.to_owned(),
                environment,
                generation,
                policy,
                serial_style,
                observed,
            }
        };
        use Environment::{Production, Test};
        use Generation::{DvvG3, Vrk};
        use SerialStyle::{Long, Sequential32};
        let mut registry = Self::empty();
        for authority in [
            ca(
                "VRK CA for Social Welfare and Health Care Service Providers",
                "Vaestorekisterikeskus CA",
                Production,
                Vrk,
                oid("1.2.246.517.1.10.10.2"),
                Sequential32,
                true,
            ),
            ca(
                "DVV Social Welfare and Healthcare Service Certificates - G3E",
                "Digi- ja vaestotietovirasto CA",
                Production,
                DvvG3,
                oid("1.2.246.517.1.10.358.2"),
                Long,
                true,
            ),
            // Assumed: the RSA sibling of G3E; its name and policy are not seen in the wild.
            ca(
                "DVV Social Welfare and Healthcare Service Certificates - G3R",
                "Digi- ja vaestotietovirasto CA",
                Production,
                DvvG3,
                oid("1.2.246.517.1.10.308.2"),
                Long,
                false,
            ),
            ca(
                "VRK TEST CA for Social Welfare and Health Care Service Providers",
                "Vaestorekisterikeskus TEST",
                Test,
                Vrk,
                None,
                Sequential32,
                true,
            ),
            ca(
                "VRK TEST CA for Social Welfare and Healthcare Service Prov. - G2",
                "Vaestorekisterikeskus TEST",
                Test,
                Vrk,
                None,
                Sequential32,
                true,
            ),
        ] {
            registry.register(authority);
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
    /// organisation whose O or CN contains "TEST" (a test CA, assumed).
    pub fn recognise(&self, common_name: &str, organisation: &str) -> Option<Recognition> {
        if let Some(ca) = self
            .authorities
            .iter()
            .find(|ca| ca.common_name == common_name && ca.organisation == organisation)
        {
            return Some(Recognition::Registered(Arc::clone(ca)));
        }
        let dvv_organisation = DVV_ORGANISATIONS.contains(&organisation);
        let says_test = organisation.contains("TEST") || common_name.contains("TEST");
        let generation = if common_name.contains("G3") || organisation.starts_with("Digi") {
            Generation::DvvG3
        } else {
            Generation::Vrk
        };
        (dvv_organisation && says_test).then(|| {
            Recognition::TestByName(Arc::new(CertificateAuthority {
                common_name: common_name.to_owned(),
                organisation: organisation.to_owned(),
                environment: Environment::Test,
                generation,
                policy: None,
                serial_style: match generation {
                    Generation::Vrk => SerialStyle::Sequential32,
                    Generation::DvvG3 => SerialStyle::Long,
                },
                observed: false,
            }))
        })
    }
}
