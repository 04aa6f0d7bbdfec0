//! Presets that mint what DVV issues: its CA names and policies, the four sote profiles, the
//! Helsinki calendar validity rule and the long serial with an embedded issuance time.
//!
//! Sources: the real certificates in the crate's fixtures (DOMAIN §3–§5), DVV "Service
//! certificates for social welfare and healthcare" and DVV's server certificate pages.

use crate::SerialNumber;
use crate::authority::{DvvAuthority, ETSI_NCP, G3E_POLICY, G3R_POLICY, VRK_POLICY};
use crate::inspect::Presence;
use crate::profile::{Environment, Profile, ProfileSpec, Purpose};
use crate::validity::{helsinki_date, latest_not_after};
use chrono::{DateTime, Utc};
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280::{ID_KP_CLIENT_AUTH, ID_KP_SERVER_AUTH};
use rand_core::Rng;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsages};

use super::cert::key_usage;
use super::{
    Aia, CertTemplate, CsrTemplate, Dn, Ext, KeySpec, MintError, Policy, San, Seed, TestCa,
};

/// The e-mail SAN disappears from real system signature certificates issued from this date
/// (DOMAIN §4, observed): 2023-01-01T00:00:00Z.
const EMAIL_SAN_UNTIL: i64 = 1_672_531_200;

/// What a DVV issuing CA puts into the certificates it issues: its name, key, policy with CPS
/// and user notice, and the stem of its CRL, caIssuers and OCSP URLs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DvvCa {
    /// The CA's distinguished name (`C, O, OU, CN` in DER order).
    pub name: Dn,
    /// The CA's key.
    pub key: KeySpec,
    /// The CA's own policy OID, written after [`ETSI_NCP`].
    pub policy: ObjectIdentifier,
    /// The CPS URI qualifier of that policy.
    pub cps_uri: String,
    /// The user notice text of that policy.
    pub user_notice: String,
    /// The URL stem: `http://proxy.fineid.fi/crl/<stem>.crl`, `http://proxy.fineid.fi/ca/<stem>.crt`,
    /// `http://ocsp.fineid.fi/<stem>`.
    pub url_stem: String,
}

/// The minter's preset for each sote profile: the CA that issues it, its key, key seed and
/// subject. Implemented for [`Profile`], so the minter has no profile type of its own.
///
/// ```
/// use sote_certs::Profile;
/// use sote_certs::authority::DvvAuthority;
/// use sote_certs::mint::{KeySpec, ProfilePreset};
///
/// assert_eq!(Profile::Server.key_spec(), KeySpec::Rsa(2048));
/// assert_eq!(Profile::TestServer.authority(), DvvAuthority::VrkTestG2);
/// ```
pub trait ProfilePreset: Copy + sealed::Sealed {
    /// The CA the preset imitates ([`DvvCa::g3e`] for production, [`DvvCa::test_g2`] for test).
    fn authority(self) -> DvvAuthority;

    /// The preset CA's presets: [`DvvCa::of`]`(self.authority())`.
    fn ca(self) -> DvvCa;

    /// The preset key: RSA 2048 for servers (DVV's server pages), EC P-256 for system
    /// signatures (every real one).
    fn key_spec(self) -> KeySpec;

    /// The preset key seed, one per profile: the certificate and CSR presets of a profile share
    /// it.
    fn key_seed(self) -> Seed;

    /// The preset subject of a fictitious organisation, in DVV's attribute order. Its
    /// serialNumber `1.2.246.10.12345671.10.1` follows THL's SOTE organisation register form
    /// `1.2.246.10.<business ID digits>.10.<n>` with business ID 1234567-1 (valid check digit).
    /// Server subjects have no OU (not used from 2022-09-01) and the DNS name as CN.
    fn subject(self) -> Dn;
}

mod sealed {
    /// Only the crate's profile type has presets.
    pub trait Sealed {}
    impl Sealed for crate::Profile {}
}

fn is_server(profile: Profile) -> bool {
    profile.purpose() == Purpose::Tls
}

impl ProfilePreset for Profile {
    fn authority(self) -> DvvAuthority {
        match self.environment() {
            Environment::Production => DvvAuthority::G3E,
            Environment::Test => DvvAuthority::VrkTestG2,
        }
    }

    fn ca(self) -> DvvCa {
        DvvCa::of(self.authority())
    }

    fn key_spec(self) -> KeySpec {
        if is_server(self) {
            KeySpec::Rsa(2048)
        } else {
            KeySpec::EcP256
        }
    }

    fn key_seed(self) -> Seed {
        Seed::from_label(self.as_str()).derive("preset-key")
    }

    fn subject(self) -> Dn {
        let dn = Dn::new()
            .country("FI")
            .state("Uusimaa")
            .locality("Helsinki")
            .organization("Esimerkkiklinikka Oy");
        let dn = if is_server(self) {
            dn
        } else {
            dn.organizational_unit("Kanta-palvelut")
        };
        dn.serial_number("1.2.246.10.12345671.10.1")
            .common_name(preset_common_name(self))
    }
}

/// The preset subject's CN: the DNS name for servers (also their SAN), a service name for
/// system signatures.
fn preset_common_name(profile: Profile) -> &'static str {
    match (profile.environment(), profile.purpose()) {
        (Environment::Production, Purpose::Tls) => "palvelin.esimerkkiklinikka.example",
        (Environment::Test, Purpose::Tls) => "testipalvelin.esimerkkiklinikka.example",
        (Environment::Production, Purpose::DocumentSigning) => "Arkistointipalvelu",
        (Environment::Test, Purpose::DocumentSigning) => "Arkistointipalvelu_testi",
    }
}

/// The preset's key usage: digitalSignature + nonRepudiation for system signatures;
/// digitalSignature (+ keyEncipherment with RSA) for servers (DOMAIN §4, assumed as TLS).
fn preset_key_usage(profile: Profile, key: KeySpec) -> x509_cert::ext::pkix::KeyUsage {
    match (is_server(profile), key) {
        (false, _) => key_usage(&[KeyUsages::DigitalSignature, KeyUsages::NonRepudiation]),
        (true, KeySpec::Rsa(_)) => {
            key_usage(&[KeyUsages::DigitalSignature, KeyUsages::KeyEncipherment])
        }
        (true, _) => key_usage(&[KeyUsages::DigitalSignature]),
    }
}

impl DvvCa {
    /// The presets of a CA of the table: [`DvvCa::g3e`] for [`DvvAuthority::G3E`],
    /// [`DvvCa::test_g2`] for [`DvvAuthority::VrkTestG2`]; the other CAs take the nearest preset
    /// (G3E's for G3R, with an RSA key and its policy; test G2's for the VRK CAs) under their own
    /// name.
    pub fn of(authority: DvvAuthority) -> Self {
        let name = ca_name(authority);
        match authority {
            DvvAuthority::G3E => Self::g3e(),
            DvvAuthority::VrkTestG2 => Self::test_g2(),
            DvvAuthority::G3R => Self {
                name,
                key: KeySpec::Rsa(2048),
                policy: G3R_POLICY,
                ..Self::g3e()
            },
            DvvAuthority::Vrk | DvvAuthority::VrkTest => Self {
                name,
                ..Self::test_g2()
            },
        }
    }

    /// DVV's production G3E CA (observed): `C=FI, O=Digi- ja vaestotietovirasto CA,
    /// OU=Sosiaali- ja terveydenhuollon palveluvarmenteet, CN=DVV Social Welfare and Healthcare
    /// Service Certificates - G3E`, P-384, policy `1.2.246.517.1.10.358.2`, CPS
    /// `http://www.fineid.fi/cps67/`, URL stem `dvvshsp3ec`. The name and policy are those of
    /// [`DvvAuthority::G3E`].
    pub fn g3e() -> Self {
        Self {
            name: ca_name(DvvAuthority::G3E),
            key: KeySpec::EcP384,
            policy: G3E_POLICY,
            cps_uri: "http://www.fineid.fi/cps67/".to_owned(),
            user_notice: "Varmennepolitiikka on saatavilla - Certifikatpolicy finns - \
                          Certificate policy is available http://www.fineid.fi/cps67"
                .to_owned(),
            url_stem: "dvvshsp3ec".to_owned(),
        }
    }

    /// VRK's test CA `C=FI, O=Vaestorekisterikeskus TEST, OU=Sosiaali- ja terveydenhuollon
    /// palveluvarmenteet, CN=VRK TEST CA for Social Welfare and Healthcare Service Prov. - G2`
    /// (name known, DOMAIN §3: [`DvvAuthority::VrkTestG2`]). Everything else is assumed, since
    /// no certificate of it is public: RSA 2048 like VRK's production CA, VRK's production
    /// policy ([`VRK_POLICY`], `1.2.246.517.1.10.10.2`) with its CPS `cps9`, URL stem
    /// `vrksotetestg2`. The registry publishes no policy for the test CA and accepts any under
    /// DVV's arc, so this assumed one conforms.
    pub fn test_g2() -> Self {
        Self {
            name: ca_name(DvvAuthority::VrkTestG2),
            key: KeySpec::Rsa(2048),
            policy: VRK_POLICY,
            cps_uri: "http://www.fineid.fi/cps9/".to_owned(),
            user_notice: "Varmennepolitiikka on saatavilla - Certifikat policy finns - \
                          Certificate policy is available http://www.fineid.fi/cps9"
                .to_owned(),
            url_stem: "vrksotetestg2".to_owned(),
        }
    }

    /// A CA outside VRK's and DVV's hierarchies, for certificates whose issuer the inspection
    /// must not recognise: `C=FI, O=Esimerkki Oy, CN=Esimerkki Issuing CA`, P-256, a policy
    /// under IANA's example enterprise arc `1.3.6.1.4.1.32473` (RFC 5612), URL stem
    /// `esimerkki`. Its URLs use [`DvvCa::crl_url`]'s fineid.fi pattern like every preset.
    pub fn unknown() -> Self {
        Self {
            name: Dn::new()
                .country("FI")
                .organization("Esimerkki Oy")
                .common_name("Esimerkki Issuing CA"),
            key: KeySpec::EcP256,
            policy: ObjectIdentifier::new_unwrap("1.3.6.1.4.1.32473.1.1"),
            cps_uri: "http://ca.esimerkki.example/cps/".to_owned(),
            user_notice: "Test CA outside the DVV hierarchy".to_owned(),
            url_stem: "esimerkki".to_owned(),
        }
    }

    /// A [`TestCa`] with this name and key kind, derived from `seed`.
    pub fn test_ca(&self, seed: impl Into<Seed>) -> Result<TestCa, MintError> {
        TestCa::new(seed, self.name.clone(), self.key)
    }

    /// `http://proxy.fineid.fi/crl/<stem>.crl`.
    pub fn crl_url(&self) -> String {
        format!("http://proxy.fineid.fi/crl/{}.crl", self.url_stem)
    }

    /// `http://proxy.fineid.fi/ca/<stem>.crt`.
    pub fn ca_issuers_url(&self) -> String {
        format!("http://proxy.fineid.fi/ca/{}.crt", self.url_stem)
    }

    /// `http://ocsp.fineid.fi/<stem>`.
    pub fn ocsp_url(&self) -> String {
        format!("http://ocsp.fineid.fi/{}", self.url_stem)
    }

    /// The policies DVV writes: ETSI NCP without qualifiers, then the CA's policy with its CPS
    /// URI and user notice.
    pub fn policies(&self) -> Vec<Policy> {
        vec![
            Policy::new(ETSI_NCP),
            Policy {
                oid: self.policy,
                cps_uri: Some(self.cps_uri.clone()),
                user_notice: Some(self.user_notice.clone()),
            },
        ]
    }
}

/// `C=FI, O=<organisation>, OU=Sosiaali- ja terveydenhuollon palveluvarmenteet, CN=<name>`:
/// the DN of a CA of the table, in DER order.
fn ca_name(authority: DvvAuthority) -> Dn {
    Dn::new()
        .country("FI")
        .organization(authority.organisation())
        .organizational_unit("Sosiaali- ja terveydenhuollon palveluvarmenteet")
        .common_name(authority.common_name())
}

impl CertTemplate {
    /// A certificate of `profile` issued at `now` the way DVV issues it, by the profile's usual
    /// CA ([`ProfilePreset::ca`]). See [`CertTemplate::dvv_like_for`].
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sote_certs::Profile;
    /// use sote_certs::mint::CertTemplate;
    ///
    /// let now = Utc.with_ymd_and_hms(2021, 12, 20, 12, 0, 0).unwrap();
    /// let t = CertTemplate::dvv_like(Profile::SystemSignature, now)?;
    /// assert_eq!(t.not_after.to_rfc3339(), "2023-12-20T21:59:59+00:00");
    /// assert_eq!(t.serial.as_der_content().len(), 15);
    /// # Ok::<(), sote_certs::mint::MintError>(())
    /// ```
    pub fn dvv_like(profile: Profile, now: DateTime<Utc>) -> Result<Self, MintError> {
        Self::dvv_like_for(profile, now, &profile.ca())
    }

    /// A certificate of `profile` issued at `now` by `ca`, conformant to DOMAIN §4:
    ///
    /// - serial: [`dvv_serial`]`(now, …)`, 15 octets with the issuance time;
    /// - validity: from `now` (whole seconds) to [`dvv_not_after`]`(now, years)`, where `years`
    ///   is the limit of [`ProfileSpec::dvv`] for the Helsinki issue date (the inspection's);
    /// - subject and key: [`ProfilePreset::subject`], [`ProfilePreset::key_spec`],
    ///   [`ProfilePreset::key_seed`]; the CA signs with its key's usual hash;
    /// - extensions in DVV's order: AKI, SKI, key usage (critical), policies (NCP, then the
    ///   CA's with CPS and user notice), SAN, basic constraints (critical, `cA` FALSE), CRL
    ///   distribution point, extended key usage, AIA (caIssuers, OCSP);
    /// - server profiles: SAN with the CN as DNS name, EKU serverAuth + clientAuth;
    /// - system signature profiles: no EKU; an e-mail SAN only when `now` is before 2023.
    pub fn dvv_like_for(
        profile: Profile,
        now: DateTime<Utc>,
        ca: &DvvCa,
    ) -> Result<Self, MintError> {
        let not_before = truncate_to_seconds(now)?;
        let subject = profile.subject();
        let key = profile.key_spec();
        let serial_seed = profile
            .key_seed()
            .derive(&format!("serial/{}", now.timestamp_millis()));
        let server = is_server(profile);
        let subject_alt_names = if server {
            Some(vec![San::Dns(preset_common_name(profile).to_owned())])
        } else if now.timestamp() < EMAIL_SAN_UNTIL {
            Some(vec![San::Email(
                "tuki@esimerkkiklinikka.example".to_owned(),
            )])
        } else {
            None
        };
        let issue_date = helsinki_date(not_before);
        let years =
            ProfileSpec::dvv(profile)
                .max_years(issue_date)
                .ok_or(MintError::NoValidityLimit {
                    profile,
                    issue_date,
                })?;
        Ok(Self {
            signature_hash: ca.key.default_hash(),
            authority_key_identifier: Presence::Present,
            subject_key_identifier: Presence::Present,
            key_usage: Some(Ext::critical(preset_key_usage(profile, key))),
            policies: Some(Ext::non_critical(ca.policies())),
            subject_alt_names: subject_alt_names.map(Ext::non_critical),
            basic_constraints: Some(Ext::critical(BasicConstraints {
                ca: false,
                path_len_constraint: None,
            })),
            crl_distribution_point: Some(Ext::non_critical(ca.crl_url())),
            extended_key_usage: server
                .then(|| Ext::non_critical(vec![ID_KP_SERVER_AUTH, ID_KP_CLIENT_AUTH])),
            authority_info_access: Some(Ext::non_critical(Aia {
                ca_issuers: Some(ca.ca_issuers_url()),
                ocsp: Some(ca.ocsp_url()),
            })),
            ..CertTemplate::new(
                dvv_serial(now, serial_seed)?,
                not_before,
                dvv_not_after(not_before, years)?,
                subject,
                key,
                profile.key_seed(),
            )
        })
    }
}

impl CsrTemplate {
    /// The request a vendor sends for `profile`: the preset subject and key, with key usage,
    /// extended key usage (servers) and DNS SAN (servers) requested as in
    /// [`CertTemplate::dvv_like`]. Mint it with [`ProfilePreset::key_seed`] to get the key of
    /// the certificate preset.
    pub fn dvv_like(profile: Profile) -> Self {
        let subject = profile.subject();
        let key = profile.key_spec();
        let server = is_server(profile);
        let dns = preset_common_name(profile).to_owned();
        Self {
            key_usage: Some(Ext::critical(preset_key_usage(profile, key))),
            extended_key_usage: server
                .then(|| Ext::non_critical(vec![ID_KP_SERVER_AUTH, ID_KP_CLIENT_AUTH])),
            subject_alt_names: server.then(|| Ext::non_critical(vec![San::Dns(dns)])),
            ..CsrTemplate::new(subject, key)
        }
    }
}

/// DVV's notAfter for a certificate valid `years` calendar years from `not_before`:
/// [`latest_not_after`](crate::validity::latest_not_after), the rule the inspection judges by,
/// as a minting error when out of range.
///
/// Derived from the real certificates (DOMAIN §2): five of the six real G3E certificates and
/// both VRK ones end exactly so. One (notBefore `2021-12-20T12:00:00Z`) ends a day earlier,
/// `2023-12-19T21:59:59Z`: the rule is a maximum, and this function gives the maximum.
pub fn dvv_not_after(not_before: DateTime<Utc>, years: u32) -> Result<DateTime<Utc>, MintError> {
    latest_not_after(not_before, years).ok_or(MintError::TimeOutOfRange { time: not_before })
}

/// A DVV G3-style serial: the issuance time as 8 big-endian octets of Unix milliseconds, then 9
/// random octets from `seed`. Minimal DER drops the time's leading zero octets, giving the
/// 15-octet form of the real G3E certificates (DOMAIN §5), e.g. `01 7d d7 81 0f c3` + 9 octets
/// for 2021-12-20T11:01:39.395Z. `sote_certs::serial::embedded_issuance_time` reads the time
/// back.
pub fn dvv_serial(
    issued_at: DateTime<Utc>,
    seed: impl Into<Seed>,
) -> Result<SerialNumber, MintError> {
    let millis = u64::try_from(issued_at.timestamp_millis())
        .map_err(|_| MintError::TimeOutOfRange { time: issued_at })?;
    let mut random = [0u8; 9];
    seed.into().rng("serial").fill_bytes(&mut random);
    let bytes = [millis.to_be_bytes().as_slice(), &random].concat();
    Ok(SerialNumber::from_be_bytes(&bytes)?)
}

fn truncate_to_seconds(at: DateTime<Utc>) -> Result<DateTime<Utc>, MintError> {
    DateTime::from_timestamp(at.timestamp(), 0).ok_or(MintError::TimeOutOfRange { time: at })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
    }

    #[test]
    fn not_after_matches_the_real_certificates() {
        // (notBefore, years, notAfter) of real DVV/VRK certificates in the fixtures.
        let real = [
            (utc(2021, 6, 18, 11, 0, 0), utc(2023, 6, 18, 20, 59, 59)),
            (utc(2022, 6, 22, 8, 0, 0), utc(2024, 6, 22, 20, 59, 59)),
            (utc(2022, 12, 21, 12, 55, 52), utc(2024, 12, 21, 21, 59, 59)),
            (utc(2023, 5, 30, 8, 24, 51), utc(2025, 5, 30, 20, 59, 59)),
            (utc(2023, 12, 12, 8, 55, 54), utc(2025, 12, 12, 21, 59, 59)),
            (utc(2021, 6, 8, 6, 0, 0), utc(2023, 6, 8, 20, 59, 59)),
        ];
        for (not_before, not_after) in real {
            assert_eq!(
                dvv_not_after(not_before, 2).unwrap(),
                not_after,
                "{not_before}"
            );
        }
    }

    #[test]
    fn not_after_uses_the_helsinki_date_and_clamps_29_february() {
        // 22:30Z on 28 Feb 2024 is already 29 Feb in Helsinki; one year on is 28 Feb 2025.
        let late = utc(2024, 2, 28, 22, 30, 0);
        assert_eq!(
            dvv_not_after(late, 1).unwrap(),
            utc(2025, 2, 28, 21, 59, 59)
        );
    }

    #[test]
    fn serial_embeds_the_issuance_time_like_g3e() {
        let at = Utc.timestamp_millis_opt(1_639_998_099_395).unwrap();
        let serial = dvv_serial(at, 1).unwrap();
        let content = serial.as_der_content();
        assert_eq!(content.len(), 15);
        assert_eq!(content[..6], [0x01, 0x7d, 0xd7, 0x81, 0x0f, 0xc3]);
        assert_eq!(crate::serial::embedded_issuance_time(&serial), Some(at));
    }
}
