//! The four sote certificate profiles and their specifications.
//!
//! DVV issues four kinds of social welfare and healthcare service certificates (DVV, "Service
//! certificates for social welfare and healthcare"): the server certificate, the test server
//! certificate, the system signature certificate and the test system signature certificate.
//! [`ProfileSpec::dvv`] gives the built-in specification of each, read from the DVV facts in
//! this module (the dates rules start from, the validity limits); the `with_*` methods adjust
//! a rule (or add one DVV introduces later) without forking the crate, and a
//! [`ProfileSpecs`] keeps one specification per profile.

use chrono::NaiveDate;
use const_oid::ObjectIdentifier;

/// One of DVV's four sote service certificate profiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
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
///
/// Complete: Kanta has a production and a test environment, and nothing else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Environment {
    /// Kanta production services.
    Production,
    /// Kanta test environments.
    Test,
}

/// What a certificate is for.
///
/// Complete for the four profiles; a new purpose would come with new profiles.
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

/// Errors from reading a profile's name.
///
/// ```
/// use sote_certs::Profile;
///
/// assert_eq!("test-server".parse::<Profile>(), Ok(Profile::TestServer));
/// let error = "tls".parse::<Profile>().unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "unknown profile \"tls\": expected server, test-server, system-signature or \
///      test-system-signature"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// Not the name of a profile ([`Profile::as_str`]).
    #[error("unknown profile {name:?}: expected {}", expected_names())]
    UnknownName {
        /// The name as given.
        name: String,
    },
}

/// The profiles' names, `a, b, c or d`, from [`Profile::ALL`].
fn expected_names() -> String {
    let names = Profile::ALL.map(Profile::as_str);
    match names.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

impl core::str::FromStr for Profile {
    type Err = ProfileError;

    fn from_str(name: &str) -> Result<Self, ProfileError> {
        Profile::ALL
            .into_iter()
            .find(|p| p.as_str() == name)
            .ok_or_else(|| ProfileError::UnknownName {
                name: name.to_owned(),
            })
    }
}

/// Key usage bits (RFC 5280 §4.2.1.3), as a small bit set in the extension's bit order: bit `n`
/// of the set is bit `n` of the KeyUsage BIT STRING (digitalSignature is 0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct KeyUsageBits(u16);

impl KeyUsageBits {
    /// The set whose bit `n` is the extension's bit `n` (x509-cert's `KeyUsages` flag set has
    /// the same layout: `KeyUsageBits::from_bits(usage.0.bits())`).
    pub const fn from_bits(bits: u16) -> Self {
        Self(bits)
    }

    /// The bits, bit `n` being the extension's bit `n`.
    pub const fn bits(self) -> u16 {
        self.0
    }

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

/// Whether a key usage extension must be critical.
///
/// Complete: an extension must be critical, or need not be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Criticality {
    /// The extension must be critical.
    Required,
    /// Critical or not, either is accepted.
    Optional,
}

/// Which key usage bits a profile requires and allows, and whether the extension must be
/// critical.
///
/// Invariant: the allowed bits contain the required ones ([`KeyUsageRule::new`] checks it).
///
/// ```
/// use sote_certs::profile::{Criticality, KeyUsageBits, KeyUsageRule, ProfileSpecError};
///
/// let signing = KeyUsageBits::DIGITAL_SIGNATURE;
/// let rule = KeyUsageRule::new(signing, signing, Criticality::Required)?;
/// assert_eq!(rule.required(), signing);
/// assert!(matches!(
///     KeyUsageRule::new(signing, KeyUsageBits::KEY_AGREEMENT, Criticality::Required),
///     Err(ProfileSpecError::RequiredKeyUsageNotAllowed { .. })
/// ));
/// # Ok::<(), ProfileSpecError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyUsageRule {
    required: KeyUsageBits,
    allowed: KeyUsageBits,
    criticality: Criticality,
}

impl KeyUsageRule {
    /// A key usage rule; [`ProfileSpecError::RequiredKeyUsageNotAllowed`] when a required bit
    /// is not among the allowed ones.
    pub fn new(
        required: KeyUsageBits,
        allowed: KeyUsageBits,
        criticality: Criticality,
    ) -> Result<Self, ProfileSpecError> {
        if !allowed.contains(required) {
            return Err(ProfileSpecError::RequiredKeyUsageNotAllowed { required, allowed });
        }
        Ok(Self {
            required,
            allowed,
            criticality,
        })
    }

    /// Key usage bits that must be set.
    pub fn required(&self) -> KeyUsageBits {
        self.required
    }

    /// Key usage bits that may be set; they contain the required ones.
    pub fn allowed(&self) -> KeyUsageBits {
        self.allowed
    }

    /// Whether the extension must be critical.
    pub fn criticality(&self) -> Criticality {
        self.criticality
    }
}

/// Errors from building or adjusting a [`ProfileSpec`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileSpecError {
    /// A required key usage bit is not allowed.
    #[error("required key usage {required} is not within the allowed {allowed}")]
    RequiredKeyUsageNotAllowed {
        /// The required bits.
        required: KeyUsageBits,
        /// The allowed bits, which lack some of them.
        allowed: KeyUsageBits,
    },
    /// A validity limit of zero years.
    #[error("validity limit {from} of 0 years")]
    ZeroYears {
        /// The date it would apply from.
        from: Since,
    },
}

/// From which Helsinki issue date a rule applies.
///
/// Complete: a rule applies to every certificate, to those issued on or after a date, or to
/// none.
///
/// ```
/// use chrono::NaiveDate;
/// use sote_certs::profile::Since;
///
/// let from = NaiveDate::from_ymd_opt(2023, 9, 15).unwrap();
/// assert!(Since::Date(from).applies_on(from));
/// assert!(!Since::Date(from).applies_on(from.pred_opt().unwrap()));
/// assert!(Since::Always.applies_on(NaiveDate::MIN) && !Since::Never.applies_on(from));
/// assert_eq!(Since::Date(from).to_string(), "from 2023-09-15");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Since {
    /// To every certificate, whenever issued.
    Always,
    /// To certificates issued on or after the date.
    Date(NaiveDate),
    /// To no certificate.
    Never,
}

impl Since {
    /// Whether the rule applies to a certificate issued on `issue_date`.
    pub fn applies_on(self, issue_date: NaiveDate) -> bool {
        match self {
            Since::Always => true,
            Since::Date(from) => from <= issue_date,
            Since::Never => false,
        }
    }

    /// The date, for [`Since::Date`].
    pub fn date(self) -> Option<NaiveDate> {
        match self {
            Since::Date(from) => Some(from),
            Since::Always | Since::Never => None,
        }
    }
}

impl core::fmt::Display for Since {
    /// `always`, `from 2023-09-15` or `never`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Since::Always => f.write_str("always"),
            Since::Date(from) => write!(f, "from {from}"),
            Since::Never => f.write_str("never"),
        }
    }
}

/// A maximum validity that applies to certificates issued from a date.
///
/// Complete: a limit is a start and a length. [`ProfileSpec::with_validity_limit`] refuses a
/// length of zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ValidityLimit {
    /// The Helsinki issue dates the limit applies to.
    pub from: Since,
    /// Calendar years (see [`crate::validity`]).
    pub years: u32,
}

/// How a profile treats the TLS extended key usages (serverAuth, clientAuth).
///
/// Complete for DVV's profiles, which either need TLS or forbid it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TlsUsage {
    /// At least one of serverAuth and clientAuth (server profiles; Kanta uses mutual TLS).
    Required,
    /// Neither may appear (system signature profiles).
    Forbidden,
}

/// Which subject keys a profile accepts.
///
/// Adjust one from [`ProfileSpec::keys`]: `let mut keys = spec.keys().clone();`, change a
/// field, then [`ProfileSpec::with_keys`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct KeyRule {
    /// Smallest RSA modulus, in bits.
    pub min_rsa_bits: u32,
    /// Accepted elliptic curves (named-curve OIDs).
    pub curves: Vec<ObjectIdentifier>,
}

impl KeyRule {
    /// DVV's rule for every profile: RSA of at least 2048 bits, or EC on P-256, P-384 or P-521
    /// (DVV's server certificate pages; EC accepted for servers as for signatures, assumed).
    pub fn dvv() -> Self {
        Self {
            min_rsa_bits: 2048,
            curves: vec![
                const_oid::db::rfc5912::SECP_256_R_1,
                const_oid::db::rfc5912::SECP_384_R_1,
                const_oid::db::rfc5912::SECP_521_R_1,
            ],
        }
    }
}

/// Whether the subject CN should also appear among the DNS names (a warning when not).
///
/// Complete: the comparison is made or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CnInSan {
    /// The CN should be one of the DNS names.
    Expected,
    /// The CN is not compared with the DNS names.
    NotChecked,
}

/// Subject alternative name and subject DN rules with the dates they apply from.
///
/// Adjust one from [`ProfileSpec::names`]: `let mut names = spec.names().clone();`, change a
/// field, then [`ProfileSpec::with_names`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct NameRules {
    /// At least one DNS name is required.
    pub dns_required_from: Since,
    /// E-mail addresses are forbidden.
    pub email_forbidden_from: Since,
    /// An IP address needs a DNS name beside it.
    pub ip_needs_dns_from: Since,
    /// The OU attribute is no longer used (a warning).
    pub ou_unused_from: Since,
    /// Whether the subject CN should also appear as a DNS name (a warning).
    pub cn_in_san: CnInSan,
}

/// DVV's facts, each stated once: every specification, rule and the test minter read them.
///
/// Sources: DVV's sote service certificate page (validity: server 1 year, system signature 2
/// years) and DVV's server certificate pages (server certificates went from 2 years to 1; OU
/// unused from 2022-09-01; from 2023-09-15 at least one DNS name, IP only beside a DNS name, no
/// e-mail). Dates are Helsinki issue dates. DVV's other facts have one home each too: its CAs
/// in [`crate::authority::DvvAuthority`], its delivery time in
/// [`crate::application::DELIVERY_WORKDAYS`], its notAfter rule in
/// [`crate::validity::latest_not_after`].
pub mod dvv {
    use chrono::NaiveDate;

    /// A date known at compile time. Only called in `const` items, where an invalid date fails
    /// the build, never at run time.
    #[allow(clippy::panic)]
    const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        match NaiveDate::from_ymd_opt(year, month, day) {
            Some(date) => date,
            None => panic!("invalid date in a DVV fact"),
        }
    }

    /// Server certificates are limited to 1 year from this issue date, 2 years before it
    /// (assumed: DVV announced the change, the exact date is this crate's assumption).
    pub const SERVER_ONE_YEAR_FROM: NaiveDate = date(2020, 9, 1);
    /// Server certificates no longer carry an OU from this date.
    pub const OU_UNUSED_FROM: NaiveDate = date(2022, 9, 1);
    /// Server certificates need a DNS name, may have an IP address only beside one, and no
    /// e-mail address, from this date.
    pub const SERVER_NAMES_FROM: NaiveDate = date(2023, 9, 15);
    /// Calendar years of a server certificate issued from [`SERVER_ONE_YEAR_FROM`].
    pub const SERVER_YEARS: u32 = 1;
    /// Calendar years of a server certificate issued before [`SERVER_ONE_YEAR_FROM`], and of
    /// every system signature certificate.
    pub const TWO_YEARS: u32 = 2;
}

/// The specification of one profile.
///
/// Built by [`ProfileSpec::dvv`] and adjusted by the `with_*` methods; a specification that
/// exists holds its invariants (the key usages allowed contain the required ones, every validity
/// limit is at least one year).
///
/// ```
/// use chrono::NaiveDate;
/// use sote_certs::profile::{Profile, ProfileSpec, Since, ValidityLimit};
///
/// let server = ProfileSpec::dvv(Profile::Server);
/// assert_eq!(server.max_years(NaiveDate::from_ymd_opt(2019, 5, 1).unwrap()), Some(2));
/// assert_eq!(server.max_years(NaiveDate::from_ymd_opt(2024, 5, 1).unwrap()), Some(1));
///
/// // A rule DVV might add later: 1-year system signature certificates from 2027.
/// let from = NaiveDate::from_ymd_opt(2027, 3, 15).unwrap();
/// let signature = ProfileSpec::dvv(Profile::SystemSignature)
///     .with_validity_limit(ValidityLimit { from: Since::Date(from), years: 1 })?;
/// assert_eq!(signature.max_years(from), Some(1));
///
/// // DNS names required earlier than DVV says.
/// let mut names = server.names().clone();
/// names.dns_required_from = Since::Date(NaiveDate::from_ymd_opt(2023, 1, 1).unwrap());
/// let server = server.with_names(names);
/// assert_eq!(server.names().dns_required_from.to_string(), "from 2023-01-01");
/// # Ok::<(), sote_certs::profile::ProfileSpecError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ProfileSpec {
    profile: Profile,
    validity: Vec<ValidityLimit>,
    key_usage: KeyUsageRule,
    tls_usage: TlsUsage,
    keys: KeyRule,
    names: NameRules,
}

impl ProfileSpec {
    /// DVV's specification of `profile`, from the facts in [`dvv`].
    ///
    /// Assumed where DVV publishes nothing: test profiles follow production, server key usage
    /// is digitalSignature (+ keyEncipherment, keyAgreement allowed), EC keys are accepted for
    /// servers as for signatures. The key usages come from the real certificates.
    pub fn dvv(profile: Profile) -> Self {
        let sig_bits = KeyUsageBits::DIGITAL_SIGNATURE.union(KeyUsageBits::NON_REPUDIATION);
        let two_years = ValidityLimit {
            from: Since::Always,
            years: dvv::TWO_YEARS,
        };
        match profile.purpose() {
            Purpose::Tls => Self {
                profile,
                validity: vec![
                    two_years,
                    ValidityLimit {
                        from: Since::Date(dvv::SERVER_ONE_YEAR_FROM),
                        years: dvv::SERVER_YEARS,
                    },
                ],
                // Invariant: the allowed bits are the required one and two more.
                key_usage: KeyUsageRule {
                    required: KeyUsageBits::DIGITAL_SIGNATURE,
                    allowed: KeyUsageBits::DIGITAL_SIGNATURE
                        .union(KeyUsageBits::KEY_ENCIPHERMENT)
                        .union(KeyUsageBits::KEY_AGREEMENT),
                    criticality: Criticality::Required,
                },
                tls_usage: TlsUsage::Required,
                keys: KeyRule::dvv(),
                names: NameRules {
                    dns_required_from: Since::Date(dvv::SERVER_NAMES_FROM),
                    email_forbidden_from: Since::Date(dvv::SERVER_NAMES_FROM),
                    ip_needs_dns_from: Since::Date(dvv::SERVER_NAMES_FROM),
                    ou_unused_from: Since::Date(dvv::OU_UNUSED_FROM),
                    cn_in_san: CnInSan::Expected,
                },
            },
            Purpose::DocumentSigning => Self {
                profile,
                validity: vec![two_years],
                // Invariant: allowed and required are the same bits.
                key_usage: KeyUsageRule {
                    required: sig_bits,
                    allowed: sig_bits,
                    criticality: Criticality::Required,
                },
                tls_usage: TlsUsage::Forbidden,
                keys: KeyRule::dvv(),
                names: NameRules {
                    dns_required_from: Since::Never,
                    email_forbidden_from: Since::Never,
                    ip_needs_dns_from: Since::Never,
                    ou_unused_from: Since::Never,
                    cn_in_san: CnInSan::NotChecked,
                },
            },
        }
    }

    /// The profile this specifies.
    pub fn profile(&self) -> Profile {
        self.profile
    }

    /// The validity limits; the one with the latest start on or before the issue date applies.
    pub fn validity(&self) -> &[ValidityLimit] {
        &self.validity
    }

    /// The validity limit for a certificate issued on `issue_date` (Helsinki), if any applies.
    pub fn validity_limit(&self, issue_date: NaiveDate) -> Option<ValidityLimit> {
        self.validity
            .iter()
            .filter(|limit| limit.from.applies_on(issue_date))
            .max_by_key(|limit| limit.from)
            .copied()
    }

    /// The validity limit in calendar years for a certificate issued on `issue_date`.
    pub fn max_years(&self, issue_date: NaiveDate) -> Option<u32> {
        self.validity_limit(issue_date).map(|limit| limit.years)
    }

    /// The key usage rule.
    pub fn key_usage(&self) -> KeyUsageRule {
        self.key_usage
    }

    /// serverAuth / clientAuth: required or forbidden.
    pub fn tls_usage(&self) -> TlsUsage {
        self.tls_usage
    }

    /// The accepted keys.
    pub fn keys(&self) -> &KeyRule {
        &self.keys
    }

    /// The name rules.
    pub fn names(&self) -> &NameRules {
        &self.names
    }

    /// The same specification with one more validity limit (a later one takes over from its
    /// date); [`ProfileSpecError::ZeroYears`] for a limit of 0 years.
    pub fn with_validity_limit(mut self, limit: ValidityLimit) -> Result<Self, ProfileSpecError> {
        if limit.years == 0 {
            return Err(ProfileSpecError::ZeroYears { from: limit.from });
        }
        self.validity.push(limit);
        Ok(self)
    }

    /// The same specification with these validity limits instead of its own (none: no limit);
    /// [`ProfileSpecError::ZeroYears`] for a limit of 0 years.
    pub fn with_validity(
        mut self,
        limits: impl IntoIterator<Item = ValidityLimit>,
    ) -> Result<Self, ProfileSpecError> {
        self.validity.clear();
        limits
            .into_iter()
            .try_fold(self, ProfileSpec::with_validity_limit)
    }

    /// The same specification with another key usage rule.
    pub fn with_key_usage(mut self, key_usage: KeyUsageRule) -> Self {
        self.key_usage = key_usage;
        self
    }

    /// The same specification with another TLS usage rule.
    pub fn with_tls_usage(mut self, tls_usage: TlsUsage) -> Self {
        self.tls_usage = tls_usage;
        self
    }

    /// The same specification with other accepted keys.
    pub fn with_keys(mut self, keys: KeyRule) -> Self {
        self.keys = keys;
        self
    }

    /// The same specification with other name rules.
    pub fn with_names(mut self, names: NameRules) -> Self {
        self.names = names;
        self
    }
}

/// One specification per profile: every profile has exactly one, looked up by profile.
///
/// ```
/// use sote_certs::profile::{Profile, ProfileSpec, ProfileSpecs, TlsUsage};
///
/// let mut specs = ProfileSpecs::dvv();
/// specs.set(ProfileSpec::dvv(Profile::TestServer).with_tls_usage(TlsUsage::Forbidden));
/// assert_eq!(specs.get(Profile::TestServer).tls_usage(), TlsUsage::Forbidden);
/// assert_eq!(specs.get(Profile::Server).tls_usage(), TlsUsage::Required);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ProfileSpecs {
    server: ProfileSpec,
    test_server: ProfileSpec,
    system_signature: ProfileSpec,
    test_system_signature: ProfileSpec,
}

impl Default for ProfileSpecs {
    fn default() -> Self {
        Self::dvv()
    }
}

impl ProfileSpecs {
    /// DVV's specification of every profile ([`ProfileSpec::dvv`]).
    pub fn dvv() -> Self {
        Self {
            server: ProfileSpec::dvv(Profile::Server),
            test_server: ProfileSpec::dvv(Profile::TestServer),
            system_signature: ProfileSpec::dvv(Profile::SystemSignature),
            test_system_signature: ProfileSpec::dvv(Profile::TestSystemSignature),
        }
    }

    /// The specification of `profile`.
    pub fn get(&self, profile: Profile) -> &ProfileSpec {
        match profile {
            Profile::Server => &self.server,
            Profile::TestServer => &self.test_server,
            Profile::SystemSignature => &self.system_signature,
            Profile::TestSystemSignature => &self.test_system_signature,
        }
    }

    /// Replaces the specification of `spec.profile()`.
    pub fn set(&mut self, spec: ProfileSpec) {
        let slot = match spec.profile {
            Profile::Server => &mut self.server,
            Profile::TestServer => &mut self.test_server,
            Profile::SystemSignature => &mut self.system_signature,
            Profile::TestSystemSignature => &mut self.test_system_signature,
        };
        *slot = spec;
    }

    /// The specifications, in [`Profile::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = &ProfileSpec> {
        Profile::ALL.into_iter().map(|profile| self.get(profile))
    }
}
