//! The rules a report can cite: stable codes, severities and sources.

use core::fmt;

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
pub trait PolicyRule: Copy + fmt::Debug {
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
    /// A server certificate issued from 2023-09-15 without a DNS name.
    SanDnsMissing = "san.dns-missing", Error, "DVV: Server certificates (from 2023-09-15)";
    /// A server certificate issued from 2023-09-15 with an e-mail address.
    SanEmail = "san.email", Error, "DVV: Server certificates (from 2023-09-15)";
    /// A server certificate issued from 2023-09-15 with an IP address but no DNS name.
    SanIpOnly = "san.ip-only", Error, "DVV: Server certificates (from 2023-09-15)";
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
    /// A server certificate issued from 2022-09-01 with an OU.
    SubjectOu = "subject.ou", Warning, "DVV: Server certificates (OU not used from 2022-09-01)";
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
    /// A serial under 8 octets from a G3 CA, which issues long serials.
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

/// One finding of a report: a rule and what was found.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding<R = Rule> {
    /// The rule.
    pub rule: R,
    /// What was found, naming the values involved.
    pub message: String,
}

impl<R: PolicyRule> Finding<R> {
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
