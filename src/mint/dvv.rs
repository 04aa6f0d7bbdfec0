//! Presets that mint what DVV issues: its CA names and policies, the four sote profiles, the
//! Helsinki calendar validity rule and the long serial with an embedded issuance time.
//!
//! Sources: the real certificates in the crate's fixtures (DOMAIN §3–§5), DVV "Service
//! certificates for social welfare and healthcare" and DVV's server certificate pages.

use crate::SerialNumber;
use chrono::{DateTime, Months, Utc};
use chrono_tz::Europe::Helsinki;
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280::{ID_KP_CLIENT_AUTH, ID_KP_SERVER_AUTH};
use rand_core::Rng;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsages};

use super::cert::key_usage;
use super::{
    Aia, CertTemplate, CsrTemplate, Dn, Ext, KeySpec, MintError, Policy, San, Seed, TestCa,
};

/// ETSI EN 319 411-1 policy NCP (`0.4.0.2042.1.7`), the first policy of every real DVV sote
/// certificate.
pub const ETSI_NCP_POLICY: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.4.0.2042.1.7");

/// The e-mail SAN disappears from real system signature certificates issued from this date
/// (DOMAIN §4, observed): 2023-01-01T00:00:00Z.
const EMAIL_SAN_UNTIL: i64 = 1_672_531_200;

/// The four sote certificate profiles (DOMAIN §1), for presets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProfileKind {
    /// Server certificate (TLS with Kanta Services), production.
    Server,
    /// Test server certificate.
    TestServer,
    /// System signature certificate (signing archive documents), production.
    SystemSignature,
    /// Test system signature certificate.
    TestSystemSignature,
}

/// What a DVV issuing CA puts into the certificates it issues: its name, key, policy with CPS
/// and user notice, and the stem of its CRL, caIssuers and OCSP URLs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DvvCa {
    /// The CA's distinguished name (`C, O, OU, CN` in DER order).
    pub name: Dn,
    /// The CA's key.
    pub key: KeySpec,
    /// The CA's own policy OID, written after [`ETSI_NCP_POLICY`].
    pub policy: ObjectIdentifier,
    /// The CPS URI qualifier of that policy.
    pub cps_uri: String,
    /// The user notice text of that policy.
    pub user_notice: String,
    /// The URL stem: `http://proxy.fineid.fi/crl/<stem>.crl`, `http://proxy.fineid.fi/ca/<stem>.crt`,
    /// `http://ocsp.fineid.fi/<stem>`.
    pub url_stem: String,
}

impl ProfileKind {
    /// The four kinds.
    pub const ALL: [ProfileKind; 4] = [
        ProfileKind::Server,
        ProfileKind::TestServer,
        ProfileKind::SystemSignature,
        ProfileKind::TestSystemSignature,
    ];

    /// `server`, `test-server`, `system-signature` or `test-system-signature`.
    pub const fn name(self) -> &'static str {
        match self {
            ProfileKind::Server => "server",
            ProfileKind::TestServer => "test-server",
            ProfileKind::SystemSignature => "system-signature",
            ProfileKind::TestSystemSignature => "test-system-signature",
        }
    }

    /// Whether this is one of the two test profiles.
    pub const fn is_test(self) -> bool {
        matches!(
            self,
            ProfileKind::TestServer | ProfileKind::TestSystemSignature
        )
    }

    /// Whether this is one of the two server (TLS) profiles.
    pub const fn is_server(self) -> bool {
        matches!(self, ProfileKind::Server | ProfileKind::TestServer)
    }

    /// The longest validity in calendar years: 1 for server certificates (DVV, from
    /// 2020-09-01), 2 for system signature certificates (DOMAIN §1).
    pub const fn validity_years(self) -> u32 {
        if self.is_server() { 1 } else { 2 }
    }

    /// The CA the preset imitates: [`DvvCa::g3e`] for production, [`DvvCa::test_g2`] for test.
    pub fn ca(self) -> DvvCa {
        if self.is_test() {
            DvvCa::test_g2()
        } else {
            DvvCa::g3e()
        }
    }

    /// The preset key: RSA 2048 for servers (DVV's server pages), EC P-256 for system
    /// signatures (every real one).
    pub const fn key_spec(self) -> KeySpec {
        if self.is_server() {
            KeySpec::Rsa(2048)
        } else {
            KeySpec::EcP256
        }
    }

    /// The preset key seed, one per kind: the certificate and CSR presets of a kind share it.
    pub fn key_seed(self) -> Seed {
        Seed::from_label(self.name()).derive("preset-key")
    }

    /// The preset subject of a fictitious organisation, in DVV's attribute order. Its
    /// serialNumber `1.2.246.10.12345671.10.1` follows THL's SOTE organisation register form
    /// `1.2.246.10.<business ID digits>.10.<n>` with business ID 1234567-1 (valid check digit).
    /// Server subjects have no OU (not used from 2022-09-01) and the DNS name as CN.
    pub fn subject(self) -> Dn {
        let dn = Dn::new()
            .country("FI")
            .state("Uusimaa")
            .locality("Helsinki")
            .organization("Esimerkkiklinikka Oy");
        let dn = if self.is_server() {
            dn
        } else {
            dn.organizational_unit("Kanta-palvelut")
        };
        let cn = match self {
            ProfileKind::Server => "palvelin.esimerkkiklinikka.example",
            ProfileKind::TestServer => "testipalvelin.esimerkkiklinikka.example",
            ProfileKind::SystemSignature => "Arkistointipalvelu",
            ProfileKind::TestSystemSignature => "Arkistointipalvelu_testi",
        };
        dn.serial_number("1.2.246.10.12345671.10.1").common_name(cn)
    }

    /// The preset's key usage: digitalSignature + nonRepudiation for system signatures;
    /// digitalSignature (+ keyEncipherment with RSA) for servers (DOMAIN §4, assumed as TLS).
    fn key_usage(self, key: KeySpec) -> x509_cert::ext::pkix::KeyUsage {
        match (self.is_server(), key) {
            (false, _) => key_usage(&[KeyUsages::DigitalSignature, KeyUsages::NonRepudiation]),
            (true, KeySpec::Rsa(_)) => {
                key_usage(&[KeyUsages::DigitalSignature, KeyUsages::KeyEncipherment])
            }
            (true, _) => key_usage(&[KeyUsages::DigitalSignature]),
        }
    }
}

impl From<ProfileKind> for crate::Profile {
    /// The inspection's profile of the same name.
    fn from(kind: ProfileKind) -> Self {
        match kind {
            ProfileKind::Server => crate::Profile::Server,
            ProfileKind::TestServer => crate::Profile::TestServer,
            ProfileKind::SystemSignature => crate::Profile::SystemSignature,
            ProfileKind::TestSystemSignature => crate::Profile::TestSystemSignature,
        }
    }
}

impl DvvCa {
    /// DVV's production G3E CA (observed): `C=FI, O=Digi- ja vaestotietovirasto CA,
    /// OU=Sosiaali- ja terveydenhuollon palveluvarmenteet, CN=DVV Social Welfare and Healthcare
    /// Service Certificates - G3E`, P-384, policy `1.2.246.517.1.10.358.2`, CPS
    /// `http://www.fineid.fi/cps67/`, URL stem `dvvshsp3ec`.
    pub fn g3e() -> Self {
        Self {
            name: Dn::new()
                .country("FI")
                .organization("Digi- ja vaestotietovirasto CA")
                .organizational_unit("Sosiaali- ja terveydenhuollon palveluvarmenteet")
                .common_name("DVV Social Welfare and Healthcare Service Certificates - G3E"),
            key: KeySpec::EcP384,
            policy: ObjectIdentifier::new_unwrap("1.2.246.517.1.10.358.2"),
            cps_uri: "http://www.fineid.fi/cps67/".to_owned(),
            user_notice: "Varmennepolitiikka on saatavilla - Certifikatpolicy finns - \
                          Certificate policy is available http://www.fineid.fi/cps67"
                .to_owned(),
            url_stem: "dvvshsp3ec".to_owned(),
        }
    }

    /// VRK's test CA `C=FI, O=Vaestorekisterikeskus TEST, OU=Sosiaali- ja terveydenhuollon
    /// palveluvarmenteet, CN=VRK TEST CA for Social Welfare and Healthcare Service Prov. - G2`
    /// (name known, DOMAIN §3). Everything else is assumed, since no certificate of it is
    /// public: RSA 2048 like VRK's production CA, VRK's production policy
    /// `1.2.246.517.1.10.10.2` with its CPS `cps9`, URL stem `vrksotetestg2`.
    pub fn test_g2() -> Self {
        Self {
            name: Dn::new()
                .country("FI")
                .organization("Vaestorekisterikeskus TEST")
                .organizational_unit("Sosiaali- ja terveydenhuollon palveluvarmenteet")
                .common_name("VRK TEST CA for Social Welfare and Healthcare Service Prov. - G2"),
            key: KeySpec::Rsa(2048),
            policy: ObjectIdentifier::new_unwrap("1.2.246.517.1.10.10.2"),
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
            Policy::new(ETSI_NCP_POLICY),
            Policy {
                oid: self.policy,
                cps_uri: Some(self.cps_uri.clone()),
                user_notice: Some(self.user_notice.clone()),
            },
        ]
    }
}

impl CertTemplate {
    /// A certificate of `kind` issued at `now` the way DVV issues it, by the kind's usual CA
    /// ([`ProfileKind::ca`]). See [`CertTemplate::dvv_like_for`].
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sote_certs::mint::{CertTemplate, ProfileKind};
    ///
    /// let now = Utc.with_ymd_and_hms(2021, 12, 20, 12, 0, 0).unwrap();
    /// let t = CertTemplate::dvv_like(ProfileKind::SystemSignature, now)?;
    /// assert_eq!(t.not_after.to_rfc3339(), "2023-12-20T21:59:59+00:00");
    /// assert_eq!(t.serial.as_der_content().len(), 15);
    /// # Ok::<(), sote_certs::mint::MintError>(())
    /// ```
    pub fn dvv_like(kind: ProfileKind, now: DateTime<Utc>) -> Result<Self, MintError> {
        Self::dvv_like_for(kind, now, &kind.ca())
    }

    /// A certificate of `kind` issued at `now` by `ca`, conformant to DOMAIN §4:
    ///
    /// - serial: [`dvv_serial`]`(now, …)`, 15 octets with the issuance time;
    /// - validity: from `now` (whole seconds) to [`dvv_not_after`]`(now, kind.validity_years())`;
    /// - subject and key: [`ProfileKind::subject`], [`ProfileKind::key_spec`],
    ///   [`ProfileKind::key_seed`]; the CA signs with its key's usual hash;
    /// - extensions in DVV's order: AKI, SKI, key usage (critical), policies (NCP, then the
    ///   CA's with CPS and user notice), SAN, basic constraints (critical, `cA` FALSE), CRL
    ///   distribution point, extended key usage, AIA (caIssuers, OCSP);
    /// - server kinds: SAN with the CN as DNS name, EKU serverAuth + clientAuth;
    /// - system signature kinds: no EKU; an e-mail SAN only when `now` is before 2023.
    pub fn dvv_like_for(
        kind: ProfileKind,
        now: DateTime<Utc>,
        ca: &DvvCa,
    ) -> Result<Self, MintError> {
        let not_before = truncate_to_seconds(now)?;
        let subject = kind.subject();
        let key = kind.key_spec();
        let serial_seed = kind
            .key_seed()
            .derive(&format!("serial/{}", now.timestamp_millis()));
        let subject_alt_names = if kind.is_server() {
            let cn = subject.get(&const_oid::db::rfc4519::CN).unwrap_or_default();
            Some(vec![San::Dns(cn.to_owned())])
        } else if now.timestamp() < EMAIL_SAN_UNTIL {
            Some(vec![San::Email(
                "tuki@esimerkkiklinikka.example".to_owned(),
            )])
        } else {
            None
        };
        Ok(Self {
            signature_hash: ca.key.default_hash(),
            authority_key_identifier: true,
            subject_key_identifier: true,
            key_usage: Some(Ext::critical(kind.key_usage(key))),
            policies: Some(Ext::non_critical(ca.policies())),
            subject_alt_names: subject_alt_names.map(Ext::non_critical),
            basic_constraints: Some(Ext::critical(BasicConstraints {
                ca: false,
                path_len_constraint: None,
            })),
            crl_distribution_point: Some(Ext::non_critical(ca.crl_url())),
            extended_key_usage: kind
                .is_server()
                .then(|| Ext::non_critical(vec![ID_KP_SERVER_AUTH, ID_KP_CLIENT_AUTH])),
            authority_info_access: Some(Ext::non_critical(Aia {
                ca_issuers: Some(ca.ca_issuers_url()),
                ocsp: Some(ca.ocsp_url()),
            })),
            ..CertTemplate::new(
                dvv_serial(now, serial_seed)?,
                not_before,
                dvv_not_after(not_before, kind.validity_years())?,
                subject,
                key,
                kind.key_seed(),
            )
        })
    }
}

impl CsrTemplate {
    /// The request a vendor sends for `kind`: the preset subject and key, with key usage,
    /// extended key usage (servers) and DNS SAN (servers) requested as in
    /// [`CertTemplate::dvv_like`]. Mint it with [`ProfileKind::key_seed`] to get the key of the
    /// certificate preset.
    pub fn dvv_like(kind: ProfileKind) -> Self {
        let subject = kind.subject();
        let key = kind.key_spec();
        let dns = subject
            .get(&const_oid::db::rfc4519::CN)
            .unwrap_or_default()
            .to_owned();
        Self {
            key_usage: Some(Ext::critical(kind.key_usage(key))),
            extended_key_usage: kind
                .is_server()
                .then(|| Ext::non_critical(vec![ID_KP_SERVER_AUTH, ID_KP_CLIENT_AUTH])),
            subject_alt_names: kind
                .is_server()
                .then(|| Ext::non_critical(vec![San::Dns(dns)])),
            ..CsrTemplate::new(subject, key)
        }
    }
}

/// DVV's notAfter for a certificate valid `years` calendar years from `not_before`: 23:59:59
/// Europe/Helsinki on the same local calendar date `years` later (29 February → 28 February).
///
/// Derived from the real certificates (DOMAIN §2): notBefore `2022-06-22T08:00:00Z` gives
/// notAfter `2024-06-22T20:59:59Z` (summer, UTC+3), `2022-12-21T12:55:52Z` gives
/// `2024-12-21T21:59:59Z` (winter, UTC+2); five of the six real G3E certificates and both VRK
/// ones end exactly so. One (notBefore `2021-12-20T12:00:00Z`) ends a day earlier,
/// `2023-12-19T21:59:59Z`: the rule is a maximum, and this function gives the maximum. The
/// offset comes from the tz database (`chrono-tz`).
pub fn dvv_not_after(not_before: DateTime<Utc>, years: u32) -> Result<DateTime<Utc>, MintError> {
    let start = not_before.with_timezone(&Helsinki).date_naive();
    let out_of_range = || MintError::TimeOutOfRange { time: not_before };
    // `checked_add_months` clamps to the month's last day, so 29 Feb + 1 year is 28 Feb.
    let end = start
        .checked_add_months(Months::new(years.checked_mul(12).ok_or_else(out_of_range)?))
        .ok_or_else(out_of_range)?;
    let local = end.and_hms_opt(23, 59, 59).ok_or_else(out_of_range)?;
    // Helsinki's DST changes happen at 03:00/04:00 local time, so 23:59:59 is always a single
    // instant; `single` turns any surprise in the tz data into an error, not a guess.
    local
        .and_local_timezone(Helsinki)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .ok_or(MintError::LocalTime { date: end })
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
