//! Named defects: one change to a DVV-like template per inspection rule a certificate can break.
//!
//! Each [`Defect`] is the smallest change to a [`CertTemplate::dvv_like`] template that breaks
//! exactly one rule of the inspection ([`crate::inspect`]): the certificate minted from the
//! changed template gets the defect's [`Defect::expected_rule`] on top of the findings of the
//! conformant certificate, and nothing else. Every change is deterministic.

use core::fmt;
use std::net::{IpAddr, Ipv4Addr};

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use const_oid::db::rfc4519;
use const_oid::db::rfc5280::{ID_CE_BASIC_CONSTRAINTS, ID_KP_SERVER_AUTH};
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, KeyUsages};

use crate::SerialNumber;
use crate::authority::DVV_POLICY_ARC;
use crate::inspect::CriticalMark;
use crate::inspect::Rule;
use crate::profile::{Profile, ProfileSpec, Purpose};
use crate::serial::SerialForm;

use super::{
    CertTemplate, DnAttribute, DvvCa, Ext, KeySpec, MintError, ProfilePreset, RawExtension,
};
use super::{San, SignatureHash, StringKind};

/// One named defect of a sote certificate, with the inspection rule it breaks.
///
/// [`CertTemplate::with_defect`] applies it to a template, [`CertTemplate::dvv_like_with_defect`]
/// builds a DVV-like template that has it, and [`Defect::ca`] names the CA that must sign it
/// (the profile's usual CA, except for [`Defect::IssuerUnknown`]). The rule fires when
/// [`Defect::applies_to`] the profile and the certificate is issued (Helsinki date of
/// notBefore) on or after [`Defect::applies_from`]; for any other profile or an earlier date
/// the change is made but the inspection accepts it.
///
/// Not covered, because no certificate this minter can make breaks them: `key.unsupported` (the
/// minter makes RSA and EC keys only) and `issuer.environment` (a property of checking a
/// certificate as a profile it was not issued for, not of the certificate).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sote_certs::mint::{CertTemplate, Defect};
/// use sote_certs::{Inspector, Profile, Rule, read_certificates};
///
/// let now = Utc.with_ymd_and_hms(2025, 6, 10, 9, 30, 0).unwrap();
/// let defect = Defect::SanEmail;
/// let ca = defect.ca(Profile::Server).test_ca(1)?;
/// let template = CertTemplate::dvv_like_with_defect(Profile::Server, defect, now)?;
/// let cert = ca.issue(&template)?;
/// let cert = &read_certificates(&cert.der)?[0];
/// let report = Inspector::dvv().inspect(cert, now);
/// assert_eq!(defect.expected_rule(), Rule::SanEmail);
/// assert_eq!(report.codes(), [defect.expected_rule().code()]); // "san.email"
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Defect {
    /// notAfter one second after the last allowed instant (23:59:59 Helsinki time on the issue
    /// date plus the profile's years): `validity.too-long`. Applied to a template that ends at
    /// the limit, as [`CertTemplate::dvv_like`] does.
    ValidityOneSecondOver,
    /// notAfter one second before notBefore: `validity.inverted`.
    ValidityInverted,
    /// The serial's first content octet with its top bit set, a negative number of the same
    /// length: `serial.not-positive`.
    SerialNegative,
    /// Serial number zero: `serial.not-positive`.
    SerialZero,
    /// A 21-octet positive serial (RFC 5280 allows 20): `serial.too-long`.
    Serial21Octets,
    /// A 4-octet serial, VRK's old form, from a CA that issues long serials (G3E):
    /// `serial.short`.
    SerialShort,
    /// No key usage extension: `key-usage.missing`.
    KeyUsageMissing,
    /// Key usage not marked critical: `key-usage.not-critical`.
    KeyUsageNotCritical,
    /// Key usage with dataEncipherment added, a bit no sote profile allows:
    /// `key-usage.mismatch`.
    KeyUsageWrongBits,
    /// Extended key usage serverAuth in a system signature certificate:
    /// `eku.tls-in-signature`.
    EkuServerAuthInSignature,
    /// No extended key usage in a server certificate (its RSA key's keyEncipherment still marks
    /// it TLS): `eku.tls-missing`.
    EkuTlsMissing,
    /// Basic constraints CA:TRUE: `basic-constraints.ca`.
    BasicConstraintsCa,
    /// No C in the subject: `subject.country`.
    SubjectCountryMissing,
    /// Subject C=SE instead of FI: `subject.country`.
    SubjectCountryNotFi,
    /// No O in the subject: `subject.organisation`.
    SubjectOrganisationMissing,
    /// No CN in the subject: `subject.common-name`.
    SubjectCommonNameMissing,
    /// An OU in a server certificate issued from 2022-09-01: `subject.ou`.
    SubjectOu,
    /// No subject serialNumber (organisation identifier): `subject.organisation-id`.
    SubjectOrganisationIdMissing,
    /// Subject serialNumber `1234567-1`, a business ID rather than an OID:
    /// `subject.organisation-id`.
    SubjectOrganisationIdNotOid,
    /// No subject alternative name, so no DNS name, in a server certificate issued from
    /// 2023-09-15: `san.dns-missing`.
    SanDnsMissing,
    /// An e-mail address beside the DNS name of a server certificate issued from 2023-09-15:
    /// `san.email`.
    SanEmail,
    /// An IP address (192.0.2.10) as the only name of a server certificate issued from
    /// 2023-09-15: `san.ip-only`.
    SanIpOnly,
    /// A server certificate whose only DNS name is `www.` + its CN: `san.cn-not-in-san`.
    SanCnNotInSan,
    /// An RSA 1024 subject key: `key.weak`.
    KeyRsa1024,
    /// The CA signs with SHA-1 (`sha1WithRSAEncryption` or `ecdsa-with-SHA1`):
    /// `signature.weak-algorithm`.
    SignatureSha1,
    /// The DVV policy left out (only ETSI NCP remains): `policy.missing`.
    PolicyMissing,
    /// Basic constraints written twice: `extension.duplicate`.
    ExtensionDuplicate,
    /// Basic constraints whose value is an OCTET STRING, not a SEQUENCE:
    /// `extension.malformed`.
    ExtensionMalformed,
    /// No CRL distribution point: `crl.missing`.
    CrlMissing,
    /// No authority information access: `aia.missing`.
    AiaMissing,
    /// Issued by a CA outside VRK's and DVV's hierarchies ([`DvvCa::unknown`]); the template
    /// itself is unchanged: `issuer.unknown`.
    IssuerUnknown,
}

impl Defect {
    /// Every defect, in declaration order.
    pub const ALL: [Defect; 31] = [
        Defect::ValidityOneSecondOver,
        Defect::ValidityInverted,
        Defect::SerialNegative,
        Defect::SerialZero,
        Defect::Serial21Octets,
        Defect::SerialShort,
        Defect::KeyUsageMissing,
        Defect::KeyUsageNotCritical,
        Defect::KeyUsageWrongBits,
        Defect::EkuServerAuthInSignature,
        Defect::EkuTlsMissing,
        Defect::BasicConstraintsCa,
        Defect::SubjectCountryMissing,
        Defect::SubjectCountryNotFi,
        Defect::SubjectOrganisationMissing,
        Defect::SubjectCommonNameMissing,
        Defect::SubjectOu,
        Defect::SubjectOrganisationIdMissing,
        Defect::SubjectOrganisationIdNotOid,
        Defect::SanDnsMissing,
        Defect::SanEmail,
        Defect::SanIpOnly,
        Defect::SanCnNotInSan,
        Defect::KeyRsa1024,
        Defect::SignatureSha1,
        Defect::PolicyMissing,
        Defect::ExtensionDuplicate,
        Defect::ExtensionMalformed,
        Defect::CrlMissing,
        Defect::AiaMissing,
        Defect::IssuerUnknown,
    ];

    /// The stable kebab-case name, such as `validity-one-second-over`.
    pub const fn name(self) -> &'static str {
        match self {
            Defect::ValidityOneSecondOver => "validity-one-second-over",
            Defect::ValidityInverted => "validity-inverted",
            Defect::SerialNegative => "serial-negative",
            Defect::SerialZero => "serial-zero",
            Defect::Serial21Octets => "serial-21-octets",
            Defect::SerialShort => "serial-short",
            Defect::KeyUsageMissing => "key-usage-missing",
            Defect::KeyUsageNotCritical => "key-usage-not-critical",
            Defect::KeyUsageWrongBits => "key-usage-wrong-bits",
            Defect::EkuServerAuthInSignature => "eku-server-auth-in-signature",
            Defect::EkuTlsMissing => "eku-tls-missing",
            Defect::BasicConstraintsCa => "basic-constraints-ca",
            Defect::SubjectCountryMissing => "subject-country-missing",
            Defect::SubjectCountryNotFi => "subject-country-not-fi",
            Defect::SubjectOrganisationMissing => "subject-organisation-missing",
            Defect::SubjectCommonNameMissing => "subject-common-name-missing",
            Defect::SubjectOu => "subject-ou",
            Defect::SubjectOrganisationIdMissing => "subject-organisation-id-missing",
            Defect::SubjectOrganisationIdNotOid => "subject-organisation-id-not-oid",
            Defect::SanDnsMissing => "san-dns-missing",
            Defect::SanEmail => "san-email",
            Defect::SanIpOnly => "san-ip-only",
            Defect::SanCnNotInSan => "san-cn-not-in-san",
            Defect::KeyRsa1024 => "key-rsa-1024",
            Defect::SignatureSha1 => "signature-sha1",
            Defect::PolicyMissing => "policy-missing",
            Defect::ExtensionDuplicate => "extension-duplicate",
            Defect::ExtensionMalformed => "extension-malformed",
            Defect::CrlMissing => "crl-missing",
            Defect::AiaMissing => "aia-missing",
            Defect::IssuerUnknown => "issuer-unknown",
        }
    }

    /// The defect named `name` ([`Defect::name`]), if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.name() == name)
    }

    /// The inspection rule ([`crate::inspect`]) the defect breaks, such as
    /// [`Rule::ValidityTooLong`].
    pub const fn expected_rule(self) -> Rule {
        match self {
            Defect::ValidityOneSecondOver => Rule::ValidityTooLong,
            Defect::ValidityInverted => Rule::ValidityInverted,
            Defect::SerialNegative | Defect::SerialZero => Rule::SerialNotPositive,
            Defect::Serial21Octets => Rule::SerialTooLong,
            Defect::SerialShort => Rule::SerialShort,
            Defect::KeyUsageMissing => Rule::KeyUsageMissing,
            Defect::KeyUsageNotCritical => Rule::KeyUsageNotCritical,
            Defect::KeyUsageWrongBits => Rule::KeyUsageMismatch,
            Defect::EkuServerAuthInSignature => Rule::EkuTlsInSignature,
            Defect::EkuTlsMissing => Rule::EkuTlsMissing,
            Defect::BasicConstraintsCa => Rule::BasicConstraintsCa,
            Defect::SubjectCountryMissing | Defect::SubjectCountryNotFi => Rule::SubjectCountry,
            Defect::SubjectOrganisationMissing => Rule::SubjectOrganisation,
            Defect::SubjectCommonNameMissing => Rule::SubjectCommonName,
            Defect::SubjectOu => Rule::SubjectOu,
            Defect::SubjectOrganisationIdMissing | Defect::SubjectOrganisationIdNotOid => {
                Rule::SubjectOrganisationId
            }
            Defect::SanDnsMissing => Rule::SanDnsMissing,
            Defect::SanEmail => Rule::SanEmail,
            Defect::SanIpOnly => Rule::SanIpOnly,
            Defect::SanCnNotInSan => Rule::SanCnNotInSan,
            Defect::KeyRsa1024 => Rule::KeyWeak,
            Defect::SignatureSha1 => Rule::SignatureWeakAlgorithm,
            Defect::PolicyMissing => Rule::PolicyMissing,
            Defect::ExtensionDuplicate => Rule::ExtensionDuplicate,
            Defect::ExtensionMalformed => Rule::ExtensionMalformed,
            Defect::CrlMissing => Rule::CrlMissing,
            Defect::AiaMissing => Rule::AiaMissing,
            Defect::IssuerUnknown => Rule::IssuerUnknown,
        }
    }

    /// Whether the rule fires for a certificate of `profile` issued by the profile's usual CA
    /// ([`ProfilePreset::ca`]): server-only rules (OU, SAN, missing TLS usage) for the two
    /// server profiles, serverAuth-in-signature for the two signature profiles, `serial.short`
    /// where the usual CA issues long serials (the production profiles' G3E, by the CA table of
    /// [`crate::authority`]), every other defect for all four.
    pub fn applies_to(self, profile: Profile) -> bool {
        let server = profile.purpose() == Purpose::Tls;
        match self {
            Defect::EkuTlsMissing
            | Defect::SubjectOu
            | Defect::SanDnsMissing
            | Defect::SanEmail
            | Defect::SanIpOnly
            | Defect::SanCnNotInSan => server,
            Defect::EkuServerAuthInSignature => !server,
            Defect::SerialShort => profile.authority().authority().serial_form == SerialForm::Long,
            _ => true,
        }
    }

    /// The first Helsinki issue date the rule applies on, for the date-dependent ones (DVV's
    /// server certificate pages, as in [`ProfileSpec::dvv`]): 2022-09-01 for `subject.ou`,
    /// 2023-09-15 for the three SAN rules; `None` for rules that always apply.
    pub fn applies_from(self) -> Option<NaiveDate> {
        let spec = ProfileSpec::dvv(Profile::Server);
        let names = spec.names();
        match self {
            Defect::SubjectOu => names.ou_unused_from,
            Defect::SanDnsMissing => names.dns_required_from,
            Defect::SanEmail => names.email_forbidden_from,
            Defect::SanIpOnly => names.ip_needs_dns_from,
            _ => return None,
        }
        .date()
    }

    /// The CA that must sign a certificate of `profile` with this defect: [`DvvCa::unknown`]
    /// for [`Defect::IssuerUnknown`], the profile's usual CA ([`ProfilePreset::ca`]) otherwise.
    pub fn ca(self, profile: Profile) -> DvvCa {
        match self {
            Defect::IssuerUnknown => DvvCa::unknown(),
            _ => profile.ca(),
        }
    }

    /// A one-line description of the change, for listings.
    pub const fn description(self) -> &'static str {
        match self {
            Defect::ValidityOneSecondOver => "notAfter one second after the last allowed instant",
            Defect::ValidityInverted => "notAfter one second before notBefore",
            Defect::SerialNegative => "negative serial number",
            Defect::SerialZero => "serial number zero",
            Defect::Serial21Octets => "21-octet serial number",
            Defect::SerialShort => "4-octet serial number from a CA that issues long serials",
            Defect::KeyUsageMissing => "no key usage",
            Defect::KeyUsageNotCritical => "key usage not critical",
            Defect::KeyUsageWrongBits => "key usage with dataEncipherment",
            Defect::EkuServerAuthInSignature => "serverAuth in a system signature certificate",
            Defect::EkuTlsMissing => "no serverAuth or clientAuth in a server certificate",
            Defect::BasicConstraintsCa => "basic constraints CA:TRUE",
            Defect::SubjectCountryMissing => "no subject C",
            Defect::SubjectCountryNotFi => "subject C=SE",
            Defect::SubjectOrganisationMissing => "no subject O",
            Defect::SubjectCommonNameMissing => "no subject CN",
            Defect::SubjectOu => "subject OU in a server certificate",
            Defect::SubjectOrganisationIdMissing => "no subject serialNumber",
            Defect::SubjectOrganisationIdNotOid => "subject serialNumber not an OID",
            Defect::SanDnsMissing => "no DNS name",
            Defect::SanEmail => "e-mail address in the SAN",
            Defect::SanIpOnly => "IP address without a DNS name",
            Defect::SanCnNotInSan => "CN not among the DNS names",
            Defect::KeyRsa1024 => "RSA 1024 subject key",
            Defect::SignatureSha1 => "signed with SHA-1",
            Defect::PolicyMissing => "no DVV certificate policy",
            Defect::ExtensionDuplicate => "basic constraints twice",
            Defect::ExtensionMalformed => "basic constraints that do not decode",
            Defect::CrlMissing => "no CRL distribution point",
            Defect::AiaMissing => "no authority information access",
            Defect::IssuerUnknown => "issued by a CA outside DVV's hierarchy",
        }
    }
}

impl fmt::Display for Defect {
    /// The kebab-case name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The e-mail address, IP address and non-OID organisation identifier the defects write.
const DEFECT_EMAIL: &str = "tuki@esimerkkiklinikka.example";
/// From TEST-NET-1 (RFC 5737).
const DEFECT_IP: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 10));
const DEFECT_BUSINESS_ID: &str = "1234567-1";
const DEFECT_OU: &str = "Kanta-palvelut";

/// basicConstraints `SEQUENCE { cA BOOLEAN FALSE }`, written with `cA` as DVV does.
const BASIC_CONSTRAINTS_END_ENTITY: [u8; 5] = [0x30, 0x03, 0x01, 0x01, 0x00];
/// An empty OCTET STRING where basicConstraints' SEQUENCE belongs: well-formed DER that does
/// not decode as the extension.
const BASIC_CONSTRAINTS_MALFORMED: [u8; 2] = [0x04, 0x00];

impl CertTemplate {
    /// A [`CertTemplate::dvv_like_for`] template of `profile` issued at `now` by `defect`'s CA
    /// ([`Defect::ca`]), with `defect` applied.
    pub fn dvv_like_with_defect(
        profile: Profile,
        defect: Defect,
        now: DateTime<Utc>,
    ) -> Result<Self, MintError> {
        Self::dvv_like_for(profile, now, &defect.ca(profile))?.with_defect(defect)
    }

    /// This template with `defect` applied (see each [`Defect`] variant). Meant for
    /// [`CertTemplate::dvv_like`] templates: [`Defect::ValidityOneSecondOver`] assumes notAfter
    /// is at the limit, [`Defect::SanCnNotInSan`] replaces the DNS names, and
    /// [`Defect::IssuerUnknown`] changes nothing here (the issuer is the CA's).
    ///
    /// [`MintError::TimeOutOfRange`] when a validity defect moves a time out of chrono's range
    /// (the defect cannot be made, and no substitute time is written instead).
    pub fn with_defect(mut self, defect: Defect) -> Result<Self, MintError> {
        let second = TimeDelta::seconds(1);
        match defect {
            Defect::ValidityOneSecondOver => self.not_after = shifted(self.not_after, second)?,
            Defect::ValidityInverted => self.not_after = shifted(self.not_before, -second)?,
            Defect::SerialNegative => self.serial = negative(&self.serial),
            Defect::SerialZero => self.serial = SerialNumber::from(0u64),
            Defect::Serial21Octets => self.serial = twenty_one_octets(&self.serial),
            Defect::SerialShort => self.serial = four_octets(&self.serial),
            Defect::KeyUsageMissing => self.key_usage = None,
            Defect::KeyUsageNotCritical => {
                if let Some(ext) = &mut self.key_usage {
                    ext.critical = CriticalMark::NonCritical;
                }
            }
            Defect::KeyUsageWrongBits => self.add_data_encipherment(),
            Defect::EkuServerAuthInSignature => {
                self.extended_key_usage = Some(Ext::non_critical(vec![ID_KP_SERVER_AUTH]));
            }
            Defect::EkuTlsMissing => self.extended_key_usage = None,
            Defect::BasicConstraintsCa => {
                self.basic_constraints = Some(Ext::critical(BasicConstraints {
                    ca: true,
                    path_len_constraint: None,
                }));
            }
            Defect::SubjectCountryMissing => remove_attribute(&mut self, rfc4519::C),
            Defect::SubjectCountryNotFi => {
                remove_attribute(&mut self, rfc4519::C);
                self.subject
                    .attributes
                    .insert(0, attribute(rfc4519::C, "SE"));
            }
            Defect::SubjectOrganisationMissing => remove_attribute(&mut self, rfc4519::O),
            Defect::SubjectCommonNameMissing => remove_attribute(&mut self, rfc4519::CN),
            Defect::SubjectOu => self.insert_ou(),
            Defect::SubjectOrganisationIdMissing => {
                remove_attribute(&mut self, rfc4519::SERIAL_NUMBER);
            }
            Defect::SubjectOrganisationIdNotOid => self.business_id_as_organisation_id(),
            Defect::SanDnsMissing => self.subject_alt_names = None,
            Defect::SanEmail => {
                let ext = self
                    .subject_alt_names
                    .get_or_insert_with(|| Ext::non_critical(Vec::new()));
                ext.value.push(San::Email(DEFECT_EMAIL.to_owned()));
            }
            Defect::SanIpOnly => {
                self.subject_alt_names = Some(Ext::non_critical(vec![San::Ip(DEFECT_IP)]));
            }
            Defect::SanCnNotInSan => self.dns_name_other_than_cn(),
            Defect::KeyRsa1024 => self.key = KeySpec::Rsa(1024),
            Defect::SignatureSha1 => self.signature_hash = SignatureHash::Sha1,
            Defect::PolicyMissing => self.remove_dvv_policy(),
            Defect::ExtensionDuplicate => self.extra_extensions.push(RawExtension {
                oid: ID_CE_BASIC_CONSTRAINTS,
                critical: CriticalMark::Critical,
                value: BASIC_CONSTRAINTS_END_ENTITY.to_vec(),
            }),
            Defect::ExtensionMalformed => {
                self.basic_constraints = None;
                self.extra_extensions.push(RawExtension {
                    oid: ID_CE_BASIC_CONSTRAINTS,
                    critical: CriticalMark::Critical,
                    value: BASIC_CONSTRAINTS_MALFORMED.to_vec(),
                });
            }
            Defect::CrlMissing => self.crl_distribution_point = None,
            Defect::AiaMissing => self.authority_info_access = None,
            Defect::IssuerUnknown => {}
        }
        Ok(self)
    }

    fn add_data_encipherment(&mut self) {
        let bits = self.key_usage.as_ref().map(|ext| ext.value.0);
        let critical = self
            .key_usage
            .as_ref()
            .map_or(CriticalMark::Critical, |ext| ext.critical);
        let bits = bits.unwrap_or_default() | KeyUsages::DataEncipherment;
        self.key_usage = Some(Ext {
            value: KeyUsage(bits),
            critical,
        });
    }

    /// DVV's order is C, ST, L, O, OU, serialNumber, CN: the OU goes after the last O.
    fn insert_ou(&mut self) {
        let attributes = &mut self.subject.attributes;
        let at = attributes
            .iter()
            .rposition(|a| a.oid == rfc4519::O)
            .map_or(0, |i| i + 1);
        attributes.insert(at, attribute(rfc4519::OU, DEFECT_OU));
    }

    /// A business ID where the organisation's OID belongs, in the same place.
    fn business_id_as_organisation_id(&mut self) {
        let attributes = &mut self.subject.attributes;
        let at = attributes
            .iter()
            .position(|a| a.oid == rfc4519::SERIAL_NUMBER)
            .or_else(|| attributes.iter().position(|a| a.oid == rfc4519::CN))
            .unwrap_or(attributes.len());
        remove_attribute(self, rfc4519::SERIAL_NUMBER);
        let attributes = &mut self.subject.attributes;
        let at = at.min(attributes.len());
        attributes.insert(at, attribute(rfc4519::SERIAL_NUMBER, DEFECT_BUSINESS_ID));
    }

    /// The only DNS name in the SAN is another name than the CN.
    fn dns_name_other_than_cn(&mut self) {
        let cn = self
            .subject
            .get(&rfc4519::CN)
            .unwrap_or("esimerkkiklinikka.example");
        let other = San::Dns(format!("www.{cn}"));
        let ext = self
            .subject_alt_names
            .get_or_insert_with(|| Ext::non_critical(Vec::new()));
        ext.value.retain(|san| !matches!(san, San::Dns(_)));
        ext.value.insert(0, other);
    }

    /// Drops DVV's policy OIDs, and the extension when nothing else is left.
    fn remove_dvv_policy(&mut self) {
        if let Some(ext) = &mut self.policies {
            ext.value.retain(|p| !p.oid.starts_with(DVV_POLICY_ARC));
        }
        if self.policies.as_ref().is_some_and(|p| p.value.is_empty()) {
            self.policies = None;
        }
    }
}

/// `time` moved by `delta`, or the error naming `time` when that leaves chrono's range.
fn shifted(time: DateTime<Utc>, delta: TimeDelta) -> Result<DateTime<Utc>, MintError> {
    time.checked_add_signed(delta)
        .ok_or(MintError::TimeOutOfRange { time })
}

fn attribute(oid: const_oid::ObjectIdentifier, value: &str) -> DnAttribute {
    DnAttribute {
        oid,
        value: value.to_owned(),
        kind: StringKind::dvv_default(&oid),
    }
}

fn remove_attribute(template: &mut CertTemplate, oid: const_oid::ObjectIdentifier) {
    template.subject.attributes.retain(|a| a.oid != oid);
}

/// The same content octets with the sign bit of the first one set: a negative number of the
/// same length (minimal, since the first octet is never a redundant 0xff).
fn negative(serial: &SerialNumber) -> SerialNumber {
    let mut content = serial.as_der_content().to_vec();
    match content.first_mut() {
        Some(first) => *first |= 0x80,
        None => content.push(0x80),
    }
    SerialNumber::from_der_content(&content).unwrap_or_else(|_| SerialNumber::from(-1i64))
}

/// 21 content octets: `0x01`, then the serial's magnitude padded or cut to 20 octets.
fn twenty_one_octets(serial: &SerialNumber) -> SerialNumber {
    let magnitude = serial.to_be_bytes();
    let mut bytes = vec![0u8; 21];
    let tail = magnitude.len().min(20);
    for (dst, src) in bytes
        .iter_mut()
        .rev()
        .zip(magnitude.iter().rev().take(tail))
    {
        *dst = *src;
    }
    if let Some(first) = bytes.first_mut() {
        *first = 0x01;
    }
    // 0x01 first: positive and exactly 21 octets; the default reader bound is 1024 octets.
    SerialNumber::from_be_bytes(&bytes).unwrap_or_else(|_| SerialNumber::from(u64::MAX))
}

/// A positive 4-octet serial from the serial's low octets, like VRK's `1e12fc91`.
fn four_octets(serial: &SerialNumber) -> SerialNumber {
    let low = serial
        .to_be_bytes()
        .iter()
        .rev()
        .take(4)
        .rev()
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
    SerialNumber::from(u64::from((low & 0x0fff_ffff) | 0x1000_0000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_round_trip() {
        for (i, defect) in Defect::ALL.iter().enumerate() {
            let name = defect.name();
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{name}"
            );
            assert_eq!(Defect::from_name(name), Some(*defect));
            assert!(Defect::ALL[..i].iter().all(|d| d.name() != name));
        }
    }

    #[test]
    fn serial_changes_keep_their_forms() {
        let serial = SerialNumber::from_hex("017dd7810fc3030e71245bda512189").unwrap();
        let minus = negative(&serial);
        assert!(minus.is_negative());
        assert_eq!(minus.as_der_content().len(), 15);
        assert_eq!(twenty_one_octets(&serial).as_der_content().len(), 21);
        let short = four_octets(&serial);
        assert_eq!(short.as_der_content().len(), 4);
        assert_eq!(short.as_der_content(), [0x1a, 0x51, 0x21, 0x89]);
        assert!(negative(&SerialNumber::from(0u64)).is_negative());
    }
}
