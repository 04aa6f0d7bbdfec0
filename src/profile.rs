//! The four sote certificate profiles and their specifications, as plain data.
//!
//! DVV issues four kinds of social welfare and healthcare service certificates (DVV, "Service
//! certificates for social welfare and healthcare"): the server certificate, the test server
//! certificate, the system signature certificate and the test system signature certificate.
//! [`ProfileSpec::dvv`] gives the built-in specification of each; every field is public so that
//! a caller can adjust a rule (or add one DVV introduces later) without forking the crate.

use chrono::NaiveDate;
use const_oid::ObjectIdentifier;

/// One of DVV's four sote service certificate profiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Profile {
    /// Sosiaali- ja terveydenhuollon palvelinvarmenne: TLS to Kanta Services.
    Server,
    /// Testipalvelinvarmenne: the same, in test environments.
    TestServer,
    /// Järjestelmäallekirjoitusvarmenne: signs archive documents no professional signs.
    SystemSignature,
    /// Testijärjestelmäallekirjoitusvarmenne: the same, in test environments.
    TestSystemSignature,
}

/// Where a certificate is used; it follows from the issuing CA, never from the subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Environment {
    /// Kanta production services.
    Production,
    /// Kanta test environments.
    Test,
}

/// What a certificate is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Purpose {
    /// TLS (mutual) between an organisation's server and Kanta Services.
    Tls,
    /// Signing archive documents.
    DocumentSigning,
}

impl Profile {
    /// All four profiles.
    pub const ALL: [Profile; 4] = [
        Profile::Server,
        Profile::TestServer,
        Profile::SystemSignature,
        Profile::TestSystemSignature,
    ];

    /// The profile for an environment and a purpose.
    pub fn new(environment: Environment, purpose: Purpose) -> Self {
        match (environment, purpose) {
            (Environment::Production, Purpose::Tls) => Profile::Server,
            (Environment::Test, Purpose::Tls) => Profile::TestServer,
            (Environment::Production, Purpose::DocumentSigning) => Profile::SystemSignature,
            (Environment::Test, Purpose::DocumentSigning) => Profile::TestSystemSignature,
        }
    }

    /// Production or test.
    pub fn environment(self) -> Environment {
        match self {
            Profile::Server | Profile::SystemSignature => Environment::Production,
            Profile::TestServer | Profile::TestSystemSignature => Environment::Test,
        }
    }

    /// TLS or document signing.
    pub fn purpose(self) -> Purpose {
        match self {
            Profile::Server | Profile::TestServer => Purpose::Tls,
            Profile::SystemSignature | Profile::TestSystemSignature => Purpose::DocumentSigning,
        }
    }

    /// The stable name: `"server"`, `"test-server"`, `"system-signature"`,
    /// `"test-system-signature"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Server => "server",
            Profile::TestServer => "test-server",
            Profile::SystemSignature => "system-signature",
            Profile::TestSystemSignature => "test-system-signature",
        }
    }
}

impl Environment {
    /// `"production"` or `"test"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Production => "production",
            Environment::Test => "test",
        }
    }
}

impl core::fmt::Display for Profile {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A profile name that is not one of the four.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown profile {0:?}: expected server, test-server, system-signature or test-system-signature"
)]
pub struct UnknownProfile(pub String);

impl core::str::FromStr for Profile {
    type Err = UnknownProfile;

    fn from_str(name: &str) -> Result<Self, UnknownProfile> {
        Profile::ALL
            .into_iter()
            .find(|p| p.as_str() == name)
            .ok_or_else(|| UnknownProfile(name.to_owned()))
    }
}

/// Key usage bits (RFC 5280 §4.2.1.3), as a small bit set in the extension's bit order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct KeyUsageBits(pub u16);

impl KeyUsageBits {
    /// digitalSignature (0).
    pub const DIGITAL_SIGNATURE: Self = Self(1 << 0);
    /// nonRepudiation / contentCommitment (1).
    pub const NON_REPUDIATION: Self = Self(1 << 1);
    /// keyEncipherment (2).
    pub const KEY_ENCIPHERMENT: Self = Self(1 << 2);
    /// dataEncipherment (3).
    pub const DATA_ENCIPHERMENT: Self = Self(1 << 3);
    /// keyAgreement (4).
    pub const KEY_AGREEMENT: Self = Self(1 << 4);
    /// keyCertSign (5).
    pub const KEY_CERT_SIGN: Self = Self(1 << 5);
    /// cRLSign (6).
    pub const CRL_SIGN: Self = Self(1 << 6);

    const NAMES: [&'static str; 9] = [
        "digitalSignature",
        "nonRepudiation",
        "keyEncipherment",
        "dataEncipherment",
        "keyAgreement",
        "keyCertSign",
        "cRLSign",
        "encipherOnly",
        "decipherOnly",
    ];

    /// The union of two sets.
    pub const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// Whether every bit of `other` is set here.
    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// The bits set here but not in `other`.
    pub const fn difference(self, other: Self) -> Self {
        Self(self.0 & !other.0)
    }

    /// Whether no bit is set.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl core::fmt::Display for KeyUsageBits {
    /// RFC 5280 names joined by `+` (`digitalSignature+nonRepudiation`), `none` when empty.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.is_empty() {
            return f.write_str("none");
        }
        let mut first = true;
        for (bit, name) in Self::NAMES.iter().enumerate() {
            if self.0 & (1 << bit) != 0 {
                if !first {
                    f.write_str("+")?;
                }
                f.write_str(name)?;
                first = false;
            }
        }
        Ok(())
    }
}

/// A maximum validity that applies to certificates issued on or after a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ValidityLimit {
    /// First Helsinki issue date the limit applies to.
    pub from: NaiveDate,
    /// Calendar years (see [`crate::validity`]).
    pub years: u32,
}

/// How a profile treats the TLS extended key usages (serverAuth, clientAuth).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TlsUsage {
    /// At least one of serverAuth and clientAuth (server profiles; Kanta uses mutual TLS).
    Required,
    /// Neither may appear (system signature profiles).
    Forbidden,
}

/// Which subject keys a profile accepts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KeyRule {
    /// Smallest RSA modulus, in bits.
    pub min_rsa_bits: u32,
    /// Accepted elliptic curves (named-curve OIDs).
    pub curves: Vec<ObjectIdentifier>,
}

/// A date-dependent rule: it applies to certificates issued on or after `from`.
pub type Since = Option<NaiveDate>;

/// Subject alternative name and subject DN rules with the dates they apply from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NameRules {
    /// At least one DNS name is required from this issue date.
    pub dns_required_from: Since,
    /// E-mail addresses are forbidden from this issue date.
    pub email_forbidden_from: Since,
    /// An IP address needs a DNS name beside it from this issue date.
    pub ip_needs_dns_from: Since,
    /// The OU attribute is no longer used from this issue date (a warning).
    pub ou_unused_from: Since,
    /// Whether the subject CN should also appear as a DNS name (a warning).
    pub cn_in_san: bool,
}

/// The specification of one profile, as plain data.
///
/// ```
/// use chrono::NaiveDate;
/// use sote_certs::profile::{Profile, ProfileSpec, ValidityLimit};
///
/// let server = ProfileSpec::dvv(Profile::Server);
/// assert_eq!(server.max_years(NaiveDate::from_ymd_opt(2019, 5, 1).unwrap()), Some(2));
/// assert_eq!(server.max_years(NaiveDate::from_ymd_opt(2024, 5, 1).unwrap()), Some(1));
///
/// // A rule DVV might add later: 1-year system signature certificates from 2027.
/// let mut signature = ProfileSpec::dvv(Profile::SystemSignature);
/// let from = NaiveDate::from_ymd_opt(2027, 3, 15).unwrap();
/// signature.validity.push(ValidityLimit { from, years: 1 });
/// assert_eq!(signature.max_years(from), Some(1));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ProfileSpec {
    /// The profile this specifies.
    pub profile: Profile,
    /// Validity limits; the one with the latest `from` on or before the issue date applies.
    pub validity: Vec<ValidityLimit>,
    /// Key usage bits that must be set.
    pub key_usage_required: KeyUsageBits,
    /// Key usage bits that may be set (a superset of the required ones).
    pub key_usage_allowed: KeyUsageBits,
    /// Whether the key usage extension must be critical.
    pub key_usage_critical: bool,
    /// serverAuth / clientAuth: required or forbidden.
    pub tls_usage: TlsUsage,
    /// Accepted keys.
    pub keys: KeyRule,
    /// Name rules.
    pub names: NameRules,
}

fn date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

impl ProfileSpec {
    /// DVV's specification of `profile`.
    ///
    /// Sources: DVV's sote service certificate page (validity: server 1 year, system signature
    /// 2 years), DVV's server certificate pages (server certificates went from 2 years to 1 on
    /// 2020-09-01; OU unused from 2022-09-01; from 2023-09-15 at least one DNS name, IP only
    /// beside a DNS name, no e-mail), and the real certificates (key usage). Assumed where DVV
    /// publishes nothing: test profiles follow production, the 1-year server limit applies
    /// from 2020-09-01, server key usage is digitalSignature (+ keyEncipherment, keyAgreement
    /// allowed), EC keys are accepted for servers as for signatures.
    pub fn dvv(profile: Profile) -> Self {
        let since_ever = NaiveDate::MIN;
        let sig_bits = KeyUsageBits::DIGITAL_SIGNATURE.union(KeyUsageBits::NON_REPUDIATION);
        let keys = KeyRule {
            min_rsa_bits: 2048,
            curves: vec![
                const_oid::db::rfc5912::SECP_256_R_1,
                const_oid::db::rfc5912::SECP_384_R_1,
                const_oid::db::rfc5912::SECP_521_R_1,
            ],
        };
        match profile.purpose() {
            Purpose::Tls => Self {
                profile,
                validity: vec![
                    ValidityLimit {
                        from: since_ever,
                        years: 2,
                    },
                    ValidityLimit {
                        from: date(2020, 9, 1).unwrap_or(since_ever),
                        years: 1,
                    },
                ],
                key_usage_required: KeyUsageBits::DIGITAL_SIGNATURE,
                key_usage_allowed: KeyUsageBits::DIGITAL_SIGNATURE
                    .union(KeyUsageBits::KEY_ENCIPHERMENT)
                    .union(KeyUsageBits::KEY_AGREEMENT),
                key_usage_critical: true,
                tls_usage: TlsUsage::Required,
                keys,
                names: NameRules {
                    dns_required_from: date(2023, 9, 15),
                    email_forbidden_from: date(2023, 9, 15),
                    ip_needs_dns_from: date(2023, 9, 15),
                    ou_unused_from: date(2022, 9, 1),
                    cn_in_san: true,
                },
            },
            Purpose::DocumentSigning => Self {
                profile,
                validity: vec![ValidityLimit {
                    from: since_ever,
                    years: 2,
                }],
                key_usage_required: sig_bits,
                key_usage_allowed: sig_bits,
                key_usage_critical: true,
                tls_usage: TlsUsage::Forbidden,
                keys,
                names: NameRules {
                    dns_required_from: None,
                    email_forbidden_from: None,
                    ip_needs_dns_from: None,
                    ou_unused_from: None,
                    cn_in_san: false,
                },
            },
        }
    }

    /// The validity limit in calendar years for a certificate issued on `issue_date`.
    pub fn max_years(&self, issue_date: NaiveDate) -> Option<u32> {
        self.validity
            .iter()
            .filter(|limit| limit.from <= issue_date)
            .max_by_key(|limit| limit.from)
            .map(|limit| limit.years)
    }
}

/// Whether a date-dependent rule applies on `issue_date`.
pub(crate) fn applies(from: Since, issue_date: NaiveDate) -> bool {
    from.is_some_and(|from| from <= issue_date)
}
