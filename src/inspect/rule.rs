//! The rules a report can cite: stable codes, severities and sources; the findings that cite
//! them, with the values they talk about as data; and the list of findings every report keeps.

use core::fmt;
use core::ops::Deref;

use chrono::{DateTime, NaiveDate, Utc};
use const_oid::ObjectIdentifier;

/// How much a finding matters. A certificate conforms when no finding is an [`Severity::Error`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Breaks the profile: DVV would not issue it, or Kanta would refuse it.
    Error,
    /// Unusual or against a recommendation, but not a breach.
    Warning,
    /// Worth knowing; no judgement.
    Notice,
}

impl Severity {
    /// `"error"`, `"warning"` or `"notice"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        }
    }
}

/// A rule that findings cite: a stable code, how much it matters and where it comes from.
pub trait PolicyRule: Copy + Ord + fmt::Debug {
    /// The stable code, such as `serial.not-positive`.
    fn code(self) -> &'static str;
    /// How much a finding of this rule matters.
    fn severity(self) -> Severity;
    /// Where the rule comes from.
    fn source(self) -> &'static str;
}

/// Defines a rule enum with stable codes, severities and sources, and its [`PolicyRule`] impl.
/// The inspection's, the eligibility's and the delivery check's rules are all made with it.
macro_rules! policy_rules {
    (
        $(#[$enum_doc:meta])* $name:ident;
        $($(#[$doc:meta])* $variant:ident = $code:literal, $severity:ident, $source:expr;)*
    ) => {
        $(#[$enum_doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$doc])* $variant,)*
        }

        impl $name {
            /// Every rule, in table order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stable code.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// How much a finding of this rule matters.
            pub fn severity(self) -> $crate::inspect::Severity {
                match self { $($name::$variant => $crate::inspect::Severity::$severity,)* }
            }

            /// Where the rule comes from.
            pub fn source(self) -> &'static str {
                match self { $($name::$variant => $source,)* }
            }

            /// The rule whose stable code is `code`, if any: [`Self::code`] read back.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)* _ => None }
            }
        }

        impl core::str::FromStr for $name {
            type Err = $crate::inspect::RuleCodeError;

            /// The rule of a stable code; [`RuleCodeError`](crate::inspect::RuleCodeError)
            /// for a code the table does not have.
            fn from_str(code: &str) -> Result<Self, Self::Err> {
                Self::from_code(code).ok_or_else(|| $crate::inspect::RuleCodeError {
                    code: code.to_owned(),
                })
            }
        }

        impl $crate::inspect::PolicyRule for $name {
            fn code(self) -> &'static str {
                $name::code(self)
            }

            fn severity(self) -> $crate::inspect::Severity {
                $name::severity(self)
            }

            fn source(self) -> &'static str {
                $name::source(self)
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}
pub(crate) use policy_rules;

policy_rules! {
    /// A rule of the inspection. Codes are stable; see the table in [`crate::inspect`].
    Rule;
    /// The version field holds a value outside X.509's 0 to 2 (v1 to v3).
    VersionOutOfRange = "version.out-of-range", Error, "RFC 5280 §4.1.2.1";
    /// A v1 or v2 certificate where the profile needs v3.
    VersionNotV3 = "version.not-v3", Error, "RFC 5280 §4.1.2.1; DVV certificate profile";
    /// A name attribute whose value's octets do not fit its string type (a UTF8String that is
    /// not UTF-8, a PrintableString outside its character set, an IA5String over 0x7f, a
    /// BMPString of odd length, a UniversalString that is not UCS-4).
    NameInvalidString = "name.invalid-string", Error, "RFC 5280 §4.1.2.4; ITU-T X.680 §41";
    /// A name attribute whose value has a string type the attribute does not allow.
    NameStringType = "name.string-type", Error, "RFC 5280 §4.1.2.4 and Appendix A";
    /// The serial number is zero or negative.
    SerialNotPositive = "serial.not-positive", Error, "RFC 5280 §4.1.2.2";
    /// The serial number has more than 20 content octets.
    SerialTooLong = "serial.too-long", Error, "RFC 5280 §4.1.2.2";
    /// `notAfter` is before `notBefore`.
    ValidityInverted = "validity.inverted", Error, "RFC 5280 §4.1.2.5";
    /// Longer than the profile allows for the issue date (Helsinki calendar years).
    ValidityTooLong = "validity.too-long", Error, "DVV: Service certificates for social welfare and healthcare; DVV: Server certificates";
    /// No key usage extension.
    KeyUsageMissing = "key-usage.missing", Error, "RFC 5280 §4.2.1.3; DVV certificate profile";
    /// The key usage extension is not critical.
    KeyUsageNotCritical = "key-usage.not-critical", Error, "RFC 5280 §4.2.1.3; DVV certificate profile";
    /// Key usage bits missing or not allowed for the profile.
    KeyUsageMismatch = "key-usage.mismatch", Error, "RFC 5280 §4.2.1.3; DVV certificate profile";
    /// A server profile without serverAuth or clientAuth.
    EkuTlsMissing = "eku.tls-missing", Error, "RFC 5280 §4.2.1.12; DVV: Server certificates";
    /// A system signature profile with serverAuth or clientAuth.
    EkuTlsInSignature = "eku.tls-in-signature", Error, "RFC 5280 §4.2.1.12; DVV: Service certificates for social welfare and healthcare";
    /// An end-entity profile whose basic constraints say CA:TRUE.
    BasicConstraintsCa = "basic-constraints.ca", Error, "RFC 5280 §4.2.1.9";
    /// The subject has no C, or C is not FI.
    SubjectCountry = "subject.country", Error, "DVV: Server certificates; RFC 5280 §4.1.2.6";
    /// The subject has no O.
    SubjectOrganisation = "subject.organisation", Error, "DVV: Server certificates; RFC 5280 §4.1.2.6";
    /// The subject has no CN.
    SubjectCommonName = "subject.common-name", Error, "DVV: Server certificates; RFC 5280 §4.1.2.6";
    /// A server certificate without a DNS name, issued from the specification's date.
    SanDnsMissing = "san.dns-missing", Error, "DVV: Server certificates (by issue date; the finding names the date)";
    /// A server certificate with an e-mail address, issued from the specification's date.
    SanEmail = "san.email", Error, "DVV: Server certificates (by issue date; the finding names the date)";
    /// A server certificate with an IP address but no DNS name, issued from the
    /// specification's date.
    SanIpOnly = "san.ip-only", Error, "DVV: Server certificates (by issue date; the finding names the date)";
    /// RSA under the profile's minimum, or an elliptic curve it does not accept.
    KeyWeak = "key.weak", Error, "DVV: Server certificates (RSA 2048 or 4096); NIST SP 800-57";
    /// A key algorithm that is neither RSA nor elliptic-curve.
    KeyUnsupported = "key.unsupported", Error, "DVV: Server certificates";
    /// Signed with MD2, MD5 or SHA-1.
    SignatureWeakAlgorithm = "signature.weak-algorithm", Error, "RFC 6151; RFC 9155";
    /// No certificate policy of the issuing CA.
    PolicyMissing = "policy.missing", Error, "RFC 5280 §4.2.1.4; DVV certificate policy";
    /// The same extension twice.
    ExtensionDuplicate = "extension.duplicate", Error, "RFC 5280 §4.2";
    /// An extension this crate checks does not decode.
    ExtensionMalformed = "extension.malformed", Error, "RFC 5280 §4.2";
    /// A request's self-signature does not verify: no proof of possession of the key.
    CsrSignatureInvalid = "csr.signature-invalid", Error, "RFC 2986 §3; DVV: the certificate's content comes from the CSR";
    /// A requested name is not in a domain the applicant administers.
    SanNotAdministered = "san.not-administered", Error, "DVV: Service certificates for social welfare and healthcare (own domain names)";
    /// Checked as a profile of another environment than the issuing CA's.
    IssuerEnvironment = "issuer.environment", Error, "DVV CA hierarchy";
    /// The issuer is not a known sote CA.
    IssuerUnknown = "issuer.unknown", Warning, "DVV CA hierarchy";
    /// A server certificate with an OU, issued from the specification's date.
    SubjectOu = "subject.ou", Warning, "DVV: Server certificates (OU not used; by issue date, the finding names the date)";
    /// The subject serialNumber (organisation identifier) is missing or not an OID.
    SubjectOrganisationId = "subject.organisation-id", Warning, "DVV certificate profile; THL SOTE organisation register";
    /// A server certificate whose CN is not among its DNS names.
    SanCnNotInSan = "san.cn-not-in-san", Warning, "CA/Browser Forum Baseline Requirements §7.1.4.3";
    /// A request signed with an algorithm this crate cannot verify.
    CsrSignatureUnsupported = "csr.signature-unsupported", Warning, "RFC 2986 §3";
    /// No CRL distribution point.
    CrlMissing = "crl.missing", Warning, "RFC 5280 §4.2.1.13";
    /// No authority information access.
    AiaMissing = "aia.missing", Warning, "RFC 5280 §4.2.2.1";
    /// A serial under 8 octets from a CA that issues long serials.
    SerialShort = "serial.short", Warning, "DVV: Service certificates for social welfare and healthcare (serial forms)";
    /// Extended key usages other than serverAuth and clientAuth (application-specific).
    EkuOther = "eku.other", Notice, "RFC 5280 §4.2.1.12";
    /// A request whose version is not v1 (0), the only one RFC 2986 defines.
    CsrVersion = "csr.version", Error, "RFC 2986 §4.1";
    /// A request signed with an algorithm the crate declines to trust (MD2, MD5, SHA-1, DSA),
    /// whether or not the signature is valid.
    CsrSignatureWeak = "csr.signature-weak", Error, "RFC 6151; RFC 9155";
    /// A request with an empty attribute set (`[0] {}`): read, nothing asked for.
    CsrAttributesEmpty = "csr.attributes-empty", Notice, "RFC 2986 §4.1";
    /// A request whose extensionRequest attribute is empty (no value, or no extensions).
    CsrExtensionRequestEmpty = "csr.extension-request-empty", Notice, "RFC 2985 §5.4.2";
}

/// A code that names no rule of the table it was read against.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule code {code:?}")]
#[non_exhaustive]
pub struct RuleCodeError {
    /// The code as given.
    pub code: String,
}

/// A value a finding talks about, kept as data beside the message so that a consumer need not
/// parse prose. Each is named in [`Finding::values`] (`"bits"`, `"limit"`, `"issue_date"`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FindingValue {
    /// A number of bits (an RSA modulus).
    Bits(u32),
    /// A number of octets (a serial number's content).
    Octets(usize),
    /// A number of calendar years (a validity limit).
    Years(u32),
    /// A signed integer (a version field's value).
    Integer(i64),
    /// A calendar date (Europe/Helsinki where the rule counts in Helsinki days).
    Date(NaiveDate),
    /// An instant (`notBefore`, `notAfter`).
    Instant(DateTime<Utc>),
    /// An object identifier (an algorithm, an extension, a policy).
    Oid(ObjectIdentifier),
    /// A name as it stands in the certificate or request (a DNS name, a CN, a CA's name).
    Name(String),
    /// Any other text (a serial number in decimal, a key usage set, der's reason).
    Text(String),
}

/// One finding of a report: a rule, what was found, and the values it talks about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding<R = Rule> {
    /// The rule.
    pub rule: R,
    /// What was found, naming the values involved.
    pub message: String,
    /// The values the message names, as data, each under a name (`"bits"`, `"limit"`), in the
    /// order the message names them; empty when the rule needs none.
    pub values: Vec<(&'static str, FindingValue)>,
}

impl<R: PolicyRule> Finding<R> {
    /// A finding of `rule` with `message` and no values.
    pub fn new(rule: R, message: impl Into<String>) -> Self {
        Self {
            rule,
            message: message.into(),
            values: Vec::new(),
        }
    }

    /// The finding with `value` added under `name`.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: FindingValue) -> Self {
        self.values.push((name, value));
        self
    }

    /// The value named `name`, if the finding carries one.
    pub fn value(&self, name: &str) -> Option<&FindingValue> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, value)| value)
    }

    /// The rule's stable code.
    pub fn code(&self) -> &'static str {
        self.rule.code()
    }

    /// The rule's severity.
    pub fn severity(&self) -> Severity {
        self.rule.severity()
    }

    /// The rule's source.
    pub fn source(&self) -> &'static str {
        self.rule.source()
    }
}

impl<R: PolicyRule> fmt::Display for Finding<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {} ({})",
            self.severity().as_str(),
            self.code(),
            self.message,
            self.source()
        )
    }
}

/// The findings of a report, in rule-table order, and what every report asks of them: are there
/// errors, which codes, is a rule violated. It reads as a slice of [`Finding`]s.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sote_certs::{Inspector, Rule, read_certificates};
///
/// let pem = std::fs::read("tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem")?;
/// let report = Inspector::dvv().inspect(
///     &read_certificates(&pem)?[0],
///     Utc.with_ymd_and_hms(2023, 6, 1, 0, 0, 0).unwrap(),
/// );
/// assert!(!report.findings.has_errors()); // a notice is not an error
/// assert_eq!(report.findings.codes(), ["eku.other"]);
/// assert!(report.findings.violates(Rule::EkuOther));
/// assert_eq!(report.findings[0].rule, Rule::EkuOther); // it reads as a slice
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Findings<R = Rule>(Vec<Finding<R>>);

impl<R: PolicyRule> Findings<R> {
    /// The error findings, in order.
    pub fn errors(&self) -> impl Iterator<Item = &Finding<R>> {
        self.0.iter().filter(|f| f.severity() == Severity::Error)
    }

    /// Whether any finding is an [`Severity::Error`]: the one predicate behind
    /// [`Report::conformance`](crate::Report::conformance),
    /// [`RequestReport::ok`](crate::csr::RequestReport::ok),
    /// [`Eligibility::is_eligible`](crate::application::Eligibility::is_eligible) and
    /// [`DeliveryCheck::is_match`](crate::application::DeliveryCheck::is_match).
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// The codes of the findings, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.0.iter().map(Finding::code).collect()
    }

    /// Whether a finding of `rule` is present.
    pub fn violates(&self, rule: R) -> bool {
        self.0.iter().any(|f| f.rule == rule)
    }

    /// The findings as a vector, in order.
    pub fn into_vec(self) -> Vec<Finding<R>> {
        self.0
    }
}

impl<R: PolicyRule> From<Vec<Finding<R>>> for Findings<R> {
    /// The findings in rule-table order; findings of one rule keep their order.
    fn from(mut findings: Vec<Finding<R>>) -> Self {
        findings.sort_by_key(|f| f.rule);
        Self(findings)
    }
}

impl<R> Default for Findings<R> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<R> Deref for Findings<R> {
    type Target = [Finding<R>];

    fn deref(&self) -> &[Finding<R>] {
        &self.0
    }
}

impl<'a, R> IntoIterator for &'a Findings<R> {
    type Item = &'a Finding<R>;
    type IntoIter = core::slice::Iter<'a, Finding<R>>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(feature = "serde")]
impl<R> serde::Serialize for Findings<R>
where
    Finding<R>: serde::Serialize,
{
    /// As the list of its findings.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(&self.0)
    }
}

impl<R: fmt::Debug> fmt::Debug for Findings<R> {
    /// As the list it is.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.0).finish()
    }
}
