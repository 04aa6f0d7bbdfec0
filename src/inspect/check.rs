//! The rules, one method per topic: each reads the [`Facts`] (or, for a request, its subject,
//! extensions and key) and pushes findings with the values they name.

use chrono::NaiveDate;
use const_oid::ObjectIdentifier;
use const_oid::db::{rfc4519, rfc5280, rfc5912};

use super::Classification;
use super::facts::{ExtensionFacts, Facts, KeyFacts, Presence, SubjectType};
use super::names;
use super::rule::{Finding, FindingValue, Findings, Rule};
use crate::authority::{DVV_POLICY_ARC, Recognition};
use crate::certificate::{CriticalMark, NameRef, Version};
use crate::profile::{CnInSan, Criticality, KeyRule, ProfileSpec, Since, TlsUsage};
use crate::serial::SerialForm;
use crate::validity::Validity;

const ECDSA_WITH_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.1");
const WEAK_SIGNATURES: [ObjectIdentifier; 5] = [
    rfc5912::MD_2_WITH_RSA_ENCRYPTION,
    rfc5912::MD_5_WITH_RSA_ENCRYPTION,
    rfc5912::SHA_1_WITH_RSA_ENCRYPTION,
    rfc5912::DSA_WITH_SHA_1,
    ECDSA_WITH_SHA1,
];

/// Whether the checks look at an issued certificate or at a request for one. A request may
/// leave key usage and extended key usage to the CA, so their absence is no finding there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    Certificate,
    Request,
}

/// Runs the rules over one subject (its name, extensions and key), collecting findings.
pub(crate) struct Checker<'a> {
    subject: NameRef<'a>,
    extensions: &'a ExtensionFacts,
    stage: Stage,
    findings: Vec<Finding>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(subject: NameRef<'a>, extensions: &'a ExtensionFacts, stage: Stage) -> Self {
        Self {
            subject,
            extensions,
            stage,
            findings: Vec::new(),
        }
    }

    /// The findings, in rule-table order.
    pub(crate) fn into_findings(self) -> Findings {
        Findings::from(self.findings)
    }

    pub(crate) fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    pub(crate) fn fail(&mut self, rule: Rule, message: String) {
        self.push(Finding::new(rule, message));
    }

    /// Rules for every certificate, with or without a profile.
    pub(crate) fn generic(&mut self, facts: &Facts, classification: &Classification) {
        if let Version::Other(raw) = facts.version {
            let finding = Finding::new(
                Rule::VersionOutOfRange,
                format!(
                    "certificate {} is outside X.509's 0 to 2 (v1 to v3)",
                    facts.version
                ),
            );
            self.push(match raw {
                Some(raw) => finding.with("version", FindingValue::Integer(raw)),
                None => finding,
            });
        }
        let mut push = |finding| self.findings.push(finding);
        let (issuer, subject) = (facts.issuer.as_name_ref(), facts.subject.as_name_ref());
        names::check("issuer", issuer.encoded_attributes(), &mut push);
        names::check("subject", subject.encoded_attributes(), &mut push);
        self.serial(facts);
        if facts.validity.is_err() {
            self.push(
                Finding::new(
                    Rule::ValidityInverted,
                    format!(
                        "notAfter {} is before notBefore {}",
                        facts.not_after, facts.not_before
                    ),
                )
                .with("not_before", FindingValue::Instant(facts.not_before))
                .with("not_after", FindingValue::Instant(facts.not_after)),
            );
        }
        let algorithm = facts.signature_algorithm;
        if WEAK_SIGNATURES.contains(&algorithm) {
            self.push(
                Finding::new(
                    Rule::SignatureWeakAlgorithm,
                    format!(
                        "signature algorithm {} uses a broken hash",
                        oid_name(&algorithm)
                    ),
                )
                .with("algorithm", FindingValue::Oid(algorithm)),
            );
        }
        self.extension_decoding();
        // A CA certificate is not judged as a sote certificate, so its issuer is not either.
        if *classification == Classification::UnknownIssuer {
            let issuer = issuer.to_string();
            self.push(
                Finding::new(
                    Rule::IssuerUnknown,
                    format!("issuer {issuer} is not a known sote CA"),
                )
                .with("issuer", FindingValue::Name(issuer)),
            );
        }
    }

    /// RFC 5280 §4.1.2.2: positive, at most 20 octets.
    fn serial(&mut self, facts: &Facts) {
        let serial = &facts.serial;
        if serial.is_negative() || serial.is_zero() {
            let decimal = serial.decimal();
            self.push(
                Finding::new(
                    Rule::SerialNotPositive,
                    format!("serial number {decimal} is not positive"),
                )
                .with("serial", FindingValue::Text(decimal.to_string())),
            );
        }
        let octets = serial.as_der_content().len();
        if octets > 20 {
            self.push(
                Finding::new(
                    Rule::SerialTooLong,
                    format!("serial number has {octets} content octets, over 20"),
                )
                .with("octets", FindingValue::Octets(octets))
                .with("limit", FindingValue::Octets(20)),
            );
        }
    }

    /// Duplicate extensions, and extensions the rules look at that do not decode.
    fn extension_decoding(&mut self) {
        let extensions = self.extensions;
        for oid in &extensions.duplicates {
            self.push(
                Finding::new(
                    Rule::ExtensionDuplicate,
                    format!("extension {} appears more than once", oid_name(oid)),
                )
                .with("extension", FindingValue::Oid(*oid)),
            );
        }
        for (oid, error) in &extensions.malformed {
            self.push(
                Finding::new(
                    Rule::ExtensionMalformed,
                    format!("extension {} does not decode: {error}", oid_name(oid)),
                )
                .with("extension", FindingValue::Oid(*oid))
                .with("reason", FindingValue::Text(error.to_string())),
            );
        }
    }

    pub(crate) fn key_strength(&mut self, key: &KeyFacts, rule: &KeyRule) {
        match key {
            KeyFacts::Rsa { bits } if *bits < rule.min_rsa_bits => self.push(
                Finding::new(
                    Rule::KeyWeak,
                    format!("RSA key of {bits} bits, under {}", rule.min_rsa_bits),
                )
                .with("bits", FindingValue::Bits(*bits))
                .with("limit", FindingValue::Bits(rule.min_rsa_bits)),
            ),
            KeyFacts::Ec { curve } if !curve.is_some_and(|c| rule.curves.contains(&c)) => {
                let finding = Finding::new(
                    Rule::KeyWeak,
                    format!("elliptic curve {} is not accepted", key.name()),
                );
                self.push(match curve {
                    Some(curve) => finding.with("curve", FindingValue::Oid(*curve)),
                    None => finding,
                });
            }
            _ => {}
        }
    }

    /// A key that is neither RSA nor EC.
    pub(crate) fn key_algorithm(&mut self, key: Option<&KeyFacts>) {
        if let Some(KeyFacts::Other { algorithm }) = key {
            self.push(
                Finding::new(
                    Rule::KeyUnsupported,
                    format!(
                        "key algorithm {} is neither RSA nor EC",
                        oid_name(algorithm)
                    ),
                )
                .with("algorithm", FindingValue::Oid(*algorithm)),
            );
        }
    }

    /// Rules of a profile.
    pub(crate) fn profile(
        &mut self,
        facts: &Facts,
        spec: &ProfileSpec,
        authority: Option<&Recognition>,
    ) {
        if let version @ (Version::V1 | Version::V2) = facts.version {
            let finding = Finding::new(
                Rule::VersionNotV3,
                format!(
                    "certificate is {version}; a {} certificate needs v3",
                    spec.profile()
                ),
            );
            self.push(match version.number() {
                Some(number) => finding.with("version", FindingValue::Integer(number)),
                None => finding,
            });
        }
        if let Ok(validity) = &facts.validity {
            self.validity(validity, spec);
        }
        if let Some(recognition) = authority {
            self.issuer(facts, spec, recognition);
        }
        self.key_usage(spec);
        self.extended_key_usage(spec);
        if self.extensions.subject_type == Some(SubjectType::Ca) {
            self.fail(
                Rule::BasicConstraintsCa,
                "basic constraints say CA:TRUE in an end-entity certificate".to_owned(),
            );
        }
        self.subject(spec, facts.issue_date);
        self.alt_names(spec, facts.issue_date);
        self.key_algorithm(facts.key.as_ref());
        self.policy(authority);
        if self.extensions.crl == Presence::Absent {
            self.fail(Rule::CrlMissing, "no CRL distribution point".to_owned());
        }
        if self.extensions.aia == Presence::Absent {
            self.fail(
                Rule::AiaMissing,
                "no authority information access (CA issuers, OCSP)".to_owned(),
            );
        }
    }

    /// The profile's validity limit for the issue date (see [`crate::validity`]).
    fn validity(&mut self, validity: &Validity, spec: &ProfileSpec) {
        let Some(limit) = spec.validity_limit(validity.issue_date()) else {
            return;
        };
        let years = limit.years;
        if validity.within_years(years) {
            return;
        }
        let latest = validity.latest_not_after(years);
        let (first, last) = (validity.issue_date(), validity.last_valid_day());
        let finding = Finding::new(
            Rule::ValidityTooLong,
            format!(
                "valid {first} to {last} Helsinki time, over the {years}-year limit \
                 of {} (rule applies {}): notAfter {}{}",
                spec.profile(),
                limit.from,
                validity.not_after(),
                latest.map_or_else(String::new, |t| format!(" (at most {t})")),
            ),
        )
        .with("issue_date", FindingValue::Date(first))
        .with("last_day", FindingValue::Date(last))
        .with("years", FindingValue::Years(years))
        .with("not_after", FindingValue::Instant(validity.not_after()));
        self.push(match latest {
            Some(latest) => finding.with("latest_not_after", FindingValue::Instant(latest)),
            None => finding,
        });
    }

    /// The issuing CA's environment, and the serial form it issues.
    fn issuer(&mut self, facts: &Facts, spec: &ProfileSpec, recognition: &Recognition) {
        let ca = recognition.authority();
        let profile = spec.profile();
        if ca.environment != profile.environment() {
            self.push(
                Finding::new(
                    Rule::IssuerEnvironment,
                    format!(
                        "issuer {} is a {} CA, but {profile} is a {} profile",
                        ca.common_name,
                        ca.environment.as_str(),
                        profile.environment().as_str()
                    ),
                )
                .with("issuer", FindingValue::Name(ca.common_name.clone())),
            );
        }
        let serial = &facts.serial;
        let magnitude_octets = serial.bit_length().div_ceil(8);
        // A zero or negative serial is already an error (serial.not-positive).
        let positive = !serial.is_negative() && !serial.is_zero();
        if ca.serial_form == SerialForm::Long && positive && magnitude_octets < 8 {
            self.push(
                Finding::new(
                    Rule::SerialShort,
                    format!(
                        "serial number of {magnitude_octets} octets from a CA that issues long \
                         serials"
                    ),
                )
                .with(
                    "octets",
                    FindingValue::Octets(usize::try_from(magnitude_octets).unwrap_or(usize::MAX)),
                ),
            );
        }
    }

    pub(crate) fn key_usage(&mut self, spec: &ProfileSpec) {
        let rule = spec.key_usage();
        let Some(usage) = self.extensions.key_usage else {
            if self.stage == Stage::Request {
                return;
            }
            self.push(
                Finding::new(
                    Rule::KeyUsageMissing,
                    format!(
                        "no key usage extension; {} needs {}",
                        spec.profile(),
                        rule.required()
                    ),
                )
                .with("required", FindingValue::Text(rule.required().to_string())),
            );
            return;
        };
        if rule.criticality() == Criticality::Required
            && usage.critical == CriticalMark::NonCritical
        {
            self.fail(
                Rule::KeyUsageNotCritical,
                "key usage is not critical".to_owned(),
            );
        }
        let bits = usage.bits;
        let missing = rule.required().difference(bits);
        let extra = bits.difference(rule.allowed());
        if !missing.is_empty() || !extra.is_empty() {
            self.push(
                Finding::new(
                    Rule::KeyUsageMismatch,
                    format!(
                        "key usage {bits} for {}: missing {missing}, not allowed {extra}",
                        spec.profile()
                    ),
                )
                .with("key_usage", FindingValue::Text(bits.to_string()))
                .with("missing", FindingValue::Text(missing.to_string()))
                .with("not_allowed", FindingValue::Text(extra.to_string())),
            );
        }
    }

    pub(crate) fn extended_key_usage(&mut self, spec: &ProfileSpec) {
        let tls = self.extensions.has_tls_usage();
        let judged = self.stage == Stage::Certificate || self.extensions.eku.is_some();
        let profile = spec.profile();
        match spec.tls_usage() {
            TlsUsage::Required if !tls && judged => self.fail(
                Rule::EkuTlsMissing,
                format!("{profile} needs serverAuth or clientAuth in extended key usage"),
            ),
            TlsUsage::Forbidden if tls => self.fail(
                Rule::EkuTlsInSignature,
                format!("{profile} must not carry serverAuth or clientAuth"),
            ),
            _ => {}
        }
        let mut other = String::new();
        let mut values = Vec::new();
        for oid in self.extensions.eku.iter().flatten() {
            if *oid != rfc5280::ID_KP_SERVER_AUTH && *oid != rfc5280::ID_KP_CLIENT_AUTH {
                if !other.is_empty() {
                    other.push_str(", ");
                }
                push_oid(&mut other, oid);
                values.push(("usage", FindingValue::Oid(*oid)));
            }
        }
        if !other.is_empty() {
            let mut finding = Finding::new(
                Rule::EkuOther,
                format!("application-specific extended key usages {other}"),
            );
            finding.values = values;
            self.push(finding);
        }
    }

    pub(crate) fn subject(&mut self, spec: &ProfileSpec, issue_date: NaiveDate) {
        let subject = self.subject;
        match subject.get(rfc4519::C) {
            Some(c) if c == "FI" => {}
            Some(c) => self.push(
                Finding::new(
                    Rule::SubjectCountry,
                    format!("subject country is {c:?}, not FI"),
                )
                .with("country", FindingValue::Name(c.into_owned())),
            ),
            None => self.fail(
                Rule::SubjectCountry,
                "subject has no country (C)".to_owned(),
            ),
        }
        if subject.get(rfc4519::O).is_none_or(|o| o.trim().is_empty()) {
            self.fail(
                Rule::SubjectOrganisation,
                "subject has no organisation (O)".to_owned(),
            );
        }
        if subject
            .get(rfc4519::CN)
            .is_none_or(|cn| cn.trim().is_empty())
        {
            self.fail(
                Rule::SubjectCommonName,
                "subject has no common name (CN)".to_owned(),
            );
        }
        let ou_unused = spec.names().ou_unused_from;
        if ou_unused.applies_on(issue_date) {
            self.subject_ou(issue_date, ou_unused);
        }
        match subject.get(rfc4519::SERIAL_NUMBER) {
            Some(id) if id.parse::<ObjectIdentifier>().is_ok() => {}
            Some(id) => self.push(
                Finding::new(
                    Rule::SubjectOrganisationId,
                    format!("subject serialNumber {id:?} is not an OID organisation identifier"),
                )
                .with("serial_number", FindingValue::Name(id.into_owned())),
            ),
            None => self.fail(
                Rule::SubjectOrganisationId,
                "subject has no serialNumber organisation identifier".to_owned(),
            ),
        }
    }

    /// OU attributes, which DVV no longer uses.
    fn subject_ou(&mut self, issue_date: NaiveDate, ou_unused: Since) {
        let units: Vec<_> = self.subject.get_all(rfc4519::OU).collect();
        if units.is_empty() {
            return;
        }
        let mut finding = Finding::new(
            Rule::SubjectOu,
            format!(
                "subject OU {} in a certificate issued on {issue_date}; DVV no longer uses OU \
                 (rule applies {ou_unused})",
                units.join(", ")
            ),
        );
        for unit in units {
            finding = finding.with("ou", FindingValue::Name(unit.into_owned()));
        }
        self.push(finding.with("issue_date", FindingValue::Date(issue_date)));
    }

    pub(crate) fn alt_names(&mut self, spec: &ProfileSpec, issue_date: NaiveDate) {
        let facts = self.extensions;
        let (names, profile) = (spec.names(), spec.profile());
        let date_value = ("issue_date", FindingValue::Date(issue_date));
        // An IP address without a DNS name is reported once, as the more precise san.ip-only.
        let ip_only = names.ip_needs_dns_from.applies_on(issue_date)
            && !facts.ips.is_empty()
            && facts.dns.is_empty();
        let dns_required = names.dns_required_from;
        if dns_required.applies_on(issue_date) && facts.dns.is_empty() && !ip_only {
            let mut finding = Finding::new(
                Rule::SanDnsMissing,
                format!(
                    "no DNS name in a {profile} certificate issued on {issue_date} (rule applies \
                     {dns_required})"
                ),
            );
            finding.values.push(date_value.clone());
            self.push(finding);
        }
        let email_forbidden = names.email_forbidden_from;
        if email_forbidden.applies_on(issue_date) && !facts.emails.is_empty() {
            let mut finding = Finding::new(
                Rule::SanEmail,
                format!(
                    "e-mail address {} in a {profile} certificate issued on {issue_date} (rule \
                     applies {email_forbidden})",
                    facts.emails.join(", "),
                ),
            );
            finding.values = named("email", &facts.emails);
            finding.values.push(date_value.clone());
            self.push(finding);
        }
        if ip_only {
            let mut finding = Finding::new(
                Rule::SanIpOnly,
                format!(
                    "IP address without a DNS name in a {profile} certificate issued on \
                     {issue_date} (rule applies {})",
                    names.ip_needs_dns_from
                ),
            );
            finding.values.push(date_value.clone());
            self.push(finding);
        }
        if names.cn_in_san == CnInSan::Expected
            && !facts.dns.is_empty()
            && let Some(cn) = self.subject.get(rfc4519::CN)
            && !facts.dns.iter().any(|d| d.eq_ignore_ascii_case(&cn))
        {
            let mut finding = Finding::new(
                Rule::SanCnNotInSan,
                format!(
                    "CN {cn:?} is not among the DNS names {}",
                    facts.dns.join(", ")
                ),
            );
            finding.values = named("dns", &facts.dns);
            finding
                .values
                .insert(0, ("cn", FindingValue::Name(cn.into_owned())));
            self.push(finding);
        }
    }

    fn policy(&mut self, authority: Option<&Recognition>) {
        let policies = &self.extensions.policies;
        let expected = authority.and_then(|r| r.authority().policy);
        let found = match expected {
            Some(oid) => policies.contains(&oid),
            None => policies.iter().any(|p| p.starts_with(DVV_POLICY_ARC)),
        };
        if found {
            return;
        }
        let wanted = expected.map_or_else(
            || format!("a DVV policy under {DVV_POLICY_ARC}"),
            |oid| oid.to_string(),
        );
        let present: Vec<String> = policies.iter().map(ToString::to_string).collect();
        let mut finding = Finding::new(
            Rule::PolicyMissing,
            format!(
                "certificate policies [{}] lack {wanted}",
                present.join(", ")
            ),
        );
        finding.values = policies
            .iter()
            .map(|oid| ("policy", FindingValue::Oid(*oid)))
            .collect();
        self.push(match expected {
            Some(oid) => finding.with("expected", FindingValue::Oid(oid)),
            None => finding.with("expected_arc", FindingValue::Oid(DVV_POLICY_ARC)),
        });
    }
}

/// Each of `names` as a [`FindingValue::Name`] under `key`.
fn named(key: &'static str, names: &[String]) -> Vec<(&'static str, FindingValue)> {
    names
        .iter()
        .map(|name| (key, FindingValue::Name(name.clone())))
        .collect()
}

/// Appends an OID in dotted decimal. const-oid's `Display` goes through `fmt` once per arc,
/// which made this notice a fifth of a whole report's cost (`benches/inspect.rs`).
fn push_oid(out: &mut String, oid: &ObjectIdentifier) {
    for (i, arc) in oid.arcs().enumerate() {
        if i > 0 {
            out.push('.');
        }
        let mut digits = [0u8; 10];
        let mut n = arc;
        let mut start = digits.len();
        loop {
            start -= 1;
            if let Some(slot) = digits.get_mut(start) {
                *slot = b'0' + (n % 10) as u8;
            }
            n /= 10;
            if n == 0 || start == 0 {
                break;
            }
        }
        digits
            .get(start..)
            .into_iter()
            .flatten()
            .for_each(|&d| out.push(char::from(d)));
    }
}

/// An OID with its name from const-oid's database (or, for ecdsa-with-SHA1, which the database
/// lacks, RFC 5758's) where it has one.
pub(crate) fn oid_name(oid: &ObjectIdentifier) -> String {
    let name = match *oid {
        ECDSA_WITH_SHA1 => Some("ecdsa-with-SHA1"),
        _ => const_oid::db::DB.by_oid(oid),
    };
    match name {
        Some(name) => format!("{name} ({oid})"),
        None => oid.to_string(),
    }
}
