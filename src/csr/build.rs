//! Building certificate requests that DVV accepts the first time.

use core::fmt;
use std::net::IpAddr;

use chrono::NaiveDate;
use const_oid::ObjectIdentifier;
use const_oid::db::{rfc4519, rfc5280};
use der::asn1::{Any, Ia5String, PrintableStringRef, Utf8StringRef};
use der::{Decode, Encode};
use sha2::Sha256;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::builder::Builder;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{ExtendedKeyUsage, KeyUsage, KeyUsages, SubjectAltName};
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};

use super::CertificateRequest;
use crate::key::{Inner, KeyKind, PrivateKey};
use crate::organisation::{DomainName, DomainNameError};
use crate::profile::{CnInSan, KeyRule, KeyUsageBits, Profile, ProfileSpec, Since, TlsUsage};

/// A certificate request for one of the four sote profiles, built and checked against the
/// profile's specification before it is signed.
///
/// The subject is written in the order of DVV's certificates (C, ST, L, O, OU, serialNumber,
/// CN; DOMAIN §4), C and serialNumber as PrintableString and the rest as UTF8String. The
/// requested extensions come from the [`ProfileSpec`] the pre-flight
/// ([`crate::Inspector::check_request`]) judges with: the key usage the profile requires
/// (critical as it specifies; keyEncipherment beside digitalSignature for an RSA key where the
/// profile allows it), serverAuth and clientAuth for profiles that require TLS usage (Kanta uses
/// mutual TLS) and none for the others, and the DNS names (IDNA-normalised with
/// [`DomainName`]), IP addresses and e-mail addresses asked for. On a profile whose CN belongs
/// in the SAN (server profiles), a CN that is a domain name is written in its normalised form
/// and added to the DNS names.
///
/// [`build`](Self::build) refuses, with a [`RequestBuildError`] naming the field, anything the
/// pre-flight would call an error for the profile on the date passed in, and an OU where the
/// profile no longer uses one (server requests from 2022-09-01): a request that builds passes
/// the pre-flight with no error.
///
/// ```
/// use chrono::NaiveDate;
/// use sote_certs::csr::RequestBuilder;
/// use sote_certs::key::{KeyKind, PrivateKey};
/// use sote_certs::{Inspector, Profile};
///
/// let key = PrivateKey::generate(KeyKind::EcP256)?;
/// let date = NaiveDate::from_ymd_opt(2026, 12, 2).ok_or("date")?;
/// let request = RequestBuilder::new(
///     Profile::Server,
///     "Esimerkki Terveys Oy",
///     "1.2.246.10.12345671.10.1".parse()?,
///     "kanta.esimerkki.fi",
/// )
/// .locality("Helsinki")
/// .dns_name("api.esimerkki.fi")
/// .build(&key, date)?;
/// assert_eq!(request.dns_names(), ["kanta.esimerkki.fi", "api.esimerkki.fi"]);
/// let report = Inspector::dvv().check_request(&request, Profile::Server, date, &[]);
/// assert!(report.ok(), "{:?}", report.findings);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestBuilder {
    spec: ProfileSpec,
    organisation: String,
    organisation_id: ObjectIdentifier,
    common_name: String,
    country: String,
    state: Option<String>,
    locality: Option<String>,
    unit: Option<String>,
    dns_names: Vec<String>,
    ip_addresses: Vec<IpAddr>,
    emails: Vec<String>,
}

/// A field of a request, named as the caller gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RequestField {
    /// The country (C).
    Country,
    /// The state or province (ST).
    State,
    /// The locality (L).
    Locality,
    /// The organisation name (O).
    Organisation,
    /// The organisational unit (OU).
    Unit,
    /// The organisation identifier (subject serialNumber).
    OrganisationId,
    /// The common name (CN).
    CommonName,
    /// The DNS names (subject alternative name).
    DnsName,
    /// The IP addresses (subject alternative name).
    IpAddress,
    /// The e-mail addresses (subject alternative name).
    Email,
    /// The private key.
    Key,
}

/// Why a request was not built. Every variant names the field it refuses.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestBuildError {
    /// A required field is empty (or only white space).
    #[error("{field} is empty")]
    Empty {
        /// The field.
        field: RequestField,
    },
    /// A value over the X.520 upper bound for its attribute (RFC 5280 Appendix A).
    #[error("{field} is {len} characters long, over the limit of {max}")]
    TooLong {
        /// The field.
        field: RequestField,
        /// Its length in characters.
        len: usize,
        /// The upper bound.
        max: usize,
    },
    /// A country other than FI.
    #[error("{field} is {value:?}: DVV issues sote certificates with C=FI only")]
    Country {
        /// Always [`RequestField::Country`].
        field: RequestField,
        /// The value given.
        value: String,
    },
    /// An OU where the profile no longer uses one.
    #[error("{field} is not used in {profile} requests {since} (request date {date})")]
    UnitNotUsed {
        /// Always [`RequestField::Unit`].
        field: RequestField,
        /// The profile.
        profile: Profile,
        /// From when OU is not used.
        since: Since,
        /// The request date.
        date: NaiveDate,
    },
    /// Names in the subject alternative name of a profile that carries none (system
    /// signature certificates identify a service, not a host).
    #[error("{field} are not requested in {profile} requests")]
    NotForProfile {
        /// The field.
        field: RequestField,
        /// The profile.
        profile: Profile,
    },
    /// A DNS name that is not a domain name.
    #[error("{field} {value:?} is not a domain name")]
    DnsName {
        /// Always [`RequestField::DnsName`].
        field: RequestField,
        /// The value given.
        value: String,
        /// Why.
        source: DomainNameError,
    },
    /// An e-mail address that is not `local@domain` in ASCII.
    #[error("{field} {value:?} is not an ASCII local@domain address")]
    EmailAddress {
        /// Always [`RequestField::Email`].
        field: RequestField,
        /// The value given.
        value: String,
    },
    /// No DNS name where the profile requires one.
    #[error("{field}: a {profile} request needs at least one {since} (request date {date})")]
    DnsNameRequired {
        /// Always [`RequestField::DnsName`].
        field: RequestField,
        /// The profile.
        profile: Profile,
        /// From when one is required.
        since: Since,
        /// The request date.
        date: NaiveDate,
    },
    /// An IP address without a DNS name where the profile forbids it.
    #[error("{field}: a {profile} request carries an IP address only beside a DNS name {since}")]
    IpAddressOnly {
        /// Always [`RequestField::IpAddress`].
        field: RequestField,
        /// The profile.
        profile: Profile,
        /// From when the rule applies.
        since: Since,
    },
    /// An e-mail address where the profile forbids one.
    #[error("{field}: a {profile} request carries no e-mail address {since}")]
    EmailForbidden {
        /// Always [`RequestField::Email`].
        field: RequestField,
        /// The profile.
        profile: Profile,
        /// From when the rule applies.
        since: Since,
    },
    /// A key the profile does not accept.
    #[error("{field}: {profile} does not accept a {kind} key ({why})")]
    KeyNotAccepted {
        /// Always [`RequestField::Key`].
        field: RequestField,
        /// The profile.
        profile: Profile,
        /// The key's kind.
        kind: KeyKind,
        /// Why: the minimum RSA size, or the curve.
        why: String,
    },
    /// The request could not be encoded or signed.
    #[error("the request could not be encoded or signed: {reason}")]
    Signing {
        /// The encoder's or signer's error.
        reason: String,
    },
}

/// X.520 upper bounds (RFC 5280 Appendix A: ub-common-name, ub-organization-name,
/// ub-organizational-unit-name, ub-locality-name, ub-state-name, ub-serial-number).
const UB_NAME: usize = 64;
const UB_PLACE: usize = 128;

impl RequestBuilder {
    /// A request for `profile` by `organisation` (O), identified by `organisation_id` (the
    /// subject serialNumber: the organisation's SOTE register OID or the service's OID, as the
    /// real certificates carry), named `common_name` (CN), in country FI, with DVV's
    /// specification of the profile ([`ProfileSpec::dvv`]).
    pub fn new(
        profile: Profile,
        organisation: impl Into<String>,
        organisation_id: ObjectIdentifier,
        common_name: impl Into<String>,
    ) -> Self {
        Self {
            spec: ProfileSpec::dvv(profile),
            organisation: organisation.into(),
            organisation_id,
            common_name: common_name.into(),
            country: "FI".to_owned(),
            state: None,
            locality: None,
            unit: None,
            dns_names: Vec::new(),
            ip_addresses: Vec::new(),
            emails: Vec::new(),
        }
    }

    /// Builds against `spec` instead of DVV's (pass the one your [`crate::Inspector`] judges
    /// with: [`crate::Inspector::spec`]). The profile becomes the spec's.
    pub fn with_spec(mut self, spec: ProfileSpec) -> Self {
        self.spec = spec;
        self
    }

    /// The country (C); FI unless set, and refused unless FI.
    pub fn country(mut self, country: impl Into<String>) -> Self {
        self.country = country.into();
        self
    }

    /// The state or province (ST), such as `Finland` or `Uusimaa`.
    pub fn state(mut self, state: impl Into<String>) -> Self {
        self.state = Some(state.into());
        self
    }

    /// The locality (L), such as `Helsinki`.
    pub fn locality(mut self, locality: impl Into<String>) -> Self {
        self.locality = Some(locality.into());
        self
    }

    /// The organisational unit (OU) that system signature certificates carry; refused on
    /// server requests from 2022-09-01.
    pub fn unit(mut self, unit: impl Into<String>) -> Self {
        self.unit = Some(unit.into());
        self
    }

    /// Adds a DNS name (Unicode or ASCII; written IDNA-normalised). Refused on profiles that
    /// carry no TLS usage (system signature).
    pub fn dns_name(mut self, name: impl Into<String>) -> Self {
        self.dns_names.push(name.into());
        self
    }

    /// Adds an IP address; on server requests from 2023-09-15 only beside a DNS name.
    pub fn ip_address(mut self, address: IpAddr) -> Self {
        self.ip_addresses.push(address);
        self
    }

    /// Adds an e-mail address (rfc822Name); refused on server requests from 2023-09-15.
    pub fn email(mut self, address: impl Into<String>) -> Self {
        self.emails.push(address.into());
        self
    }

    /// The profile the request is for.
    pub fn profile(&self) -> Profile {
        self.spec.profile()
    }

    /// Checks every field against the profile as of `date` for a key of `kind`, without a key:
    /// what [`build`](Self::build) would refuse, before a key is generated or read.
    ///
    /// # Errors
    /// A [`RequestBuildError`] naming the first field refused.
    pub fn check(&self, kind: KeyKind, date: NaiveDate) -> Result<(), RequestBuildError> {
        let rules = Rules::of(&self.spec);
        let names = self.alt_names(&rules, date)?;
        rules.check_key(kind)?;
        self.subject(&rules, names.common_name(&self.common_name), date)?;
        Ok(())
    }

    /// Checks every field against the profile as of `date`, then signs the request with
    /// `key` (SHA-256 with RSA and P-256, SHA-384 with P-384, as `openssl req` does).
    ///
    /// # Errors
    /// A [`RequestBuildError`] naming the first field refused.
    pub fn build(
        &self,
        key: &PrivateKey,
        date: NaiveDate,
    ) -> Result<CertificateRequest, RequestBuildError> {
        let rules = Rules::of(&self.spec);
        let names = self.alt_names(&rules, date)?;
        rules.check_key(key.kind())?;
        let subject = self.subject(&rules, names.common_name(&self.common_name), date)?;
        let mut builder =
            x509_cert::builder::RequestBuilder::new(subject).map_err(signing_error)?;
        // Critical whether the profile requires it or only allows it: DVV's certificates mark
        // key usage critical (RFC 5280 §4.2.1.3: SHOULD).
        builder
            .add_extension((true, &rules.key_usage(key.kind())))
            .map_err(signing_error)?;
        if rules.tls_required {
            let eku =
                ExtendedKeyUsage(vec![rfc5280::ID_KP_SERVER_AUTH, rfc5280::ID_KP_CLIENT_AUTH]);
            builder
                .add_extension((false, &eku))
                .map_err(signing_error)?;
        }
        if !names.general.is_empty() {
            builder
                .add_extension((false, &SubjectAltName(names.general)))
                .map_err(signing_error)?;
        }
        let der = match key.inner() {
            Inner::Rsa(rsa) => {
                let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new((**rsa).clone());
                builder.build::<_, rsa::pkcs1v15::Signature>(&signer)
            }
            Inner::P256(signer) => builder.build::<_, p256::ecdsa::DerSignature>(signer),
            Inner::P384(signer) => builder.build::<_, p384::ecdsa::DerSignature>(signer),
        }
        .map_err(signing_error)?
        .to_der()
        .map_err(signing_error)?;
        CertificateRequest::from_der(&der).map_err(signing_error)
    }

    /// The subject in DVV's order: C, ST, L, O, OU, serialNumber, CN.
    fn subject(
        &self,
        rules: &Rules,
        common_name: &str,
        date: NaiveDate,
    ) -> Result<Name, RequestBuildError> {
        use RequestField as F;
        let country = self.country.trim();
        if country != "FI" {
            return Err(RequestBuildError::Country {
                field: F::Country,
                value: self.country.clone(),
            });
        }
        if self.unit.is_some() && rules.ou_unused_from.applies_on(date) {
            return Err(RequestBuildError::UnitNotUsed {
                field: F::Unit,
                profile: rules.profile,
                since: rules.ou_unused_from,
                date,
            });
        }
        let organisation_id = self.organisation_id.to_string();
        let mut rdns = RdnSequence::default();
        let mut push = |oid: ObjectIdentifier, value: Any| -> Result<(), RequestBuildError> {
            let rdn =
                RelativeDistinguishedName::try_from(vec![AttributeTypeAndValue { oid, value }])
                    .map_err(signing_error)?;
            rdns.push(rdn);
            Ok(())
        };
        push(rfc4519::C, printable(F::Country, country)?)?;
        if let Some(state) = &self.state {
            push(rfc4519::ST, utf8(F::State, state, UB_PLACE)?)?;
        }
        if let Some(locality) = &self.locality {
            push(rfc4519::L, utf8(F::Locality, locality, UB_PLACE)?)?;
        }
        push(
            rfc4519::O,
            utf8(F::Organisation, &self.organisation, UB_NAME)?,
        )?;
        if let Some(unit) = &self.unit {
            push(rfc4519::OU, utf8(F::Unit, unit, UB_NAME)?)?;
        }
        if organisation_id.len() > UB_NAME {
            return Err(RequestBuildError::TooLong {
                field: F::OrganisationId,
                len: organisation_id.len(),
                max: UB_NAME,
            });
        }
        push(
            rfc4519::SERIAL_NUMBER,
            printable(F::OrganisationId, &organisation_id)?,
        )?;
        push(rfc4519::CN, utf8(F::CommonName, common_name, UB_NAME)?)?;
        // Through DER rather than `Name::hazmat_from_rdn_sequence`, so that the builder does not
        // switch x509-cert's `hazmat` feature on for every user of the crate.
        Name::from_der(&rdns.to_der().map_err(signing_error)?).map_err(signing_error)
    }

    /// The DNS names, IP and e-mail addresses, checked against the profile's name rules.
    fn alt_names(&self, rules: &Rules, date: NaiveDate) -> Result<AltNames, RequestBuildError> {
        self.check_tls_names(rules)?;
        let (dns, common_name_as_dns) = self.dns_names(rules)?;
        self.check_dated_name_rules(rules, date, dns.is_empty())?;
        Ok(AltNames {
            general: self.general_names(&dns)?,
            common_name_as_dns,
        })
    }

    /// DNS names and IP addresses are TLS names: refused where the profile forbids TLS usage.
    fn check_tls_names(&self, rules: &Rules) -> Result<(), RequestBuildError> {
        let refuse = |field| RequestBuildError::NotForProfile {
            field,
            profile: rules.profile,
        };
        if !rules.tls_forbidden {
            Ok(())
        } else if !self.dns_names.is_empty() {
            Err(refuse(RequestField::DnsName))
        } else if !self.ip_addresses.is_empty() {
            Err(refuse(RequestField::IpAddress))
        } else {
            Ok(())
        }
    }

    /// The DNS names, IDNA-normalised and without repeats, the CN first when the profile puts a
    /// CN that is a domain name in the SAN; and that CN as a name.
    fn dns_names(
        &self,
        rules: &Rules,
    ) -> Result<(Vec<DomainName>, Option<DomainName>), RequestBuildError> {
        let mut dns: Vec<DomainName> = Vec::with_capacity(self.dns_names.len() + 1);
        let mut common_name_as_dns = None;
        if rules.cn_in_san
            && let Ok(name) = self.common_name.trim().parse::<DomainName>()
            && name.labels().count() > 1
        {
            dns.push(name.clone());
            common_name_as_dns = Some(name);
        }
        for value in &self.dns_names {
            let name = value.trim().parse::<DomainName>().map_err(|source| {
                RequestBuildError::DnsName {
                    field: RequestField::DnsName,
                    value: value.clone(),
                    source,
                }
            })?;
            if !dns.contains(&name) {
                dns.push(name);
            }
        }
        Ok((dns, common_name_as_dns))
    }

    /// The name rules that start on a date: an IP address needs a DNS name, a DNS name is
    /// required, e-mail addresses are refused.
    fn check_dated_name_rules(
        &self,
        rules: &Rules,
        date: NaiveDate,
        no_dns: bool,
    ) -> Result<(), RequestBuildError> {
        use RequestField as F;
        let profile = rules.profile;
        if no_dns && !self.ip_addresses.is_empty() && rules.ip_needs_dns_from.applies_on(date) {
            return Err(RequestBuildError::IpAddressOnly {
                field: F::IpAddress,
                profile,
                since: rules.ip_needs_dns_from,
            });
        }
        if no_dns && rules.dns_required_from.applies_on(date) {
            return Err(RequestBuildError::DnsNameRequired {
                field: F::DnsName,
                profile,
                since: rules.dns_required_from,
                date,
            });
        }
        if !self.emails.is_empty() && rules.email_forbidden_from.applies_on(date) {
            return Err(RequestBuildError::EmailForbidden {
                field: F::Email,
                profile,
                since: rules.email_forbidden_from,
            });
        }
        Ok(())
    }

    /// The subject alternative names: DNS names, then IP addresses, then e-mail addresses.
    fn general_names(&self, dns: &[DomainName]) -> Result<Vec<GeneralName>, RequestBuildError> {
        let mut general =
            Vec::with_capacity(dns.len() + self.ip_addresses.len() + self.emails.len());
        for name in dns {
            general.push(GeneralName::DnsName(ia5(name.as_str())?));
        }
        for address in &self.ip_addresses {
            general.push(GeneralName::from(*address));
        }
        for email in &self.emails {
            let valid = email.is_ascii()
                && email
                    .split_once('@')
                    .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty());
            if !valid {
                return Err(RequestBuildError::EmailAddress {
                    field: RequestField::Email,
                    value: email.clone(),
                });
            }
            general.push(GeneralName::Rfc822Name(ia5(email)?));
        }
        Ok(general)
    }
}

/// What the builder reads from a [`ProfileSpec`], in this one place: the facts the pre-flight
/// judges requests with.
struct Rules {
    profile: Profile,
    key_usage_required: KeyUsageBits,
    key_usage_allowed: KeyUsageBits,
    tls_required: bool,
    tls_forbidden: bool,
    keys: KeyRule,
    cn_in_san: bool,
    dns_required_from: Since,
    email_forbidden_from: Since,
    ip_needs_dns_from: Since,
    ou_unused_from: Since,
}

impl Rules {
    fn of(spec: &ProfileSpec) -> Self {
        let names = spec.names();
        Self {
            profile: spec.profile(),
            key_usage_required: spec.key_usage().required(),
            key_usage_allowed: spec.key_usage().allowed(),
            tls_required: spec.tls_usage() == TlsUsage::Required,
            tls_forbidden: spec.tls_usage() == TlsUsage::Forbidden,
            keys: spec.keys().clone(),
            cn_in_san: names.cn_in_san == CnInSan::Expected,
            dns_required_from: names.dns_required_from,
            email_forbidden_from: names.email_forbidden_from,
            ip_needs_dns_from: names.ip_needs_dns_from,
            ou_unused_from: names.ou_unused_from,
        }
    }

    /// Refuses a key under the profile's RSA minimum or on a curve it does not accept.
    fn check_key(&self, kind: KeyKind) -> Result<(), RequestBuildError> {
        let rule = &self.keys;
        let why = match kind {
            KeyKind::Rsa { bits } if bits < rule.min_rsa_bits => {
                Some(format!("RSA keys need at least {} bits", rule.min_rsa_bits))
            }
            _ => kind
                .curve()
                .filter(|curve| !rule.curves.contains(curve))
                .map(|curve| format!("elliptic curve {curve} is not accepted")),
        };
        match why {
            Some(why) => Err(RequestBuildError::KeyNotAccepted {
                field: RequestField::Key,
                profile: self.profile,
                kind,
                why,
            }),
            None => Ok(()),
        }
    }

    /// The profile's required key usage, with keyEncipherment for an RSA key where allowed.
    fn key_usage(&self, kind: KeyKind) -> KeyUsage {
        const FLAGS: [KeyUsages; 9] = [
            KeyUsages::DigitalSignature,
            KeyUsages::NonRepudiation,
            KeyUsages::KeyEncipherment,
            KeyUsages::DataEncipherment,
            KeyUsages::KeyAgreement,
            KeyUsages::KeyCertSign,
            KeyUsages::CRLSign,
            KeyUsages::EncipherOnly,
            KeyUsages::DecipherOnly,
        ];
        let mut bits = self.key_usage_required;
        if matches!(kind, KeyKind::Rsa { .. })
            && self
                .key_usage_allowed
                .contains(KeyUsageBits::KEY_ENCIPHERMENT)
        {
            bits = bits.union(KeyUsageBits::KEY_ENCIPHERMENT);
        }
        let mut usage = KeyUsage(KeyUsages::DigitalSignature.into());
        usage.0 -= KeyUsages::DigitalSignature;
        for (bit, flag) in FLAGS.into_iter().enumerate() {
            if bits.bits() & (1 << bit) != 0 {
                usage.0 |= flag;
            }
        }
        usage
    }
}

/// The subject alternative names, and the CN written as a DNS name where it is one.
struct AltNames {
    general: Vec<GeneralName>,
    common_name_as_dns: Option<DomainName>,
}

impl AltNames {
    /// The CN to write: the normalised DNS name where the CN is one, else the CN as given.
    fn common_name<'a>(&'a self, given: &'a str) -> &'a str {
        self.common_name_as_dns
            .as_ref()
            .map_or(given.trim(), DomainName::as_str)
    }
}

fn signing_error(error: impl fmt::Display) -> RequestBuildError {
    RequestBuildError::Signing {
        reason: error.to_string(),
    }
}

/// A trimmed, non-empty UTF8String of at most `max` characters.
fn utf8(field: RequestField, value: &str, max: usize) -> Result<Any, RequestBuildError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(RequestBuildError::Empty { field });
    }
    let len = value.chars().count();
    if len > max {
        return Err(RequestBuildError::TooLong { field, len, max });
    }
    let string = Utf8StringRef::new(value).map_err(signing_error)?;
    Any::encode_from(&string).map_err(signing_error)
}

/// A PrintableString (its character set was checked by the caller: FI, an OID).
fn printable(field: RequestField, value: &str) -> Result<Any, RequestBuildError> {
    if value.is_empty() {
        return Err(RequestBuildError::Empty { field });
    }
    let string = PrintableStringRef::new(value).map_err(signing_error)?;
    Any::encode_from(&string).map_err(signing_error)
}

/// An IA5String (DNS names are ASCII once normalised; e-mail addresses were checked ASCII).
fn ia5(value: &str) -> Result<Ia5String, RequestBuildError> {
    Ia5String::new(value).map_err(signing_error)
}

impl fmt::Display for RequestField {
    /// The field as the caller knows it: `organisation (O)`, `dns names`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RequestField::Country => "country (C)",
            RequestField::State => "state (ST)",
            RequestField::Locality => "locality (L)",
            RequestField::Organisation => "organisation (O)",
            RequestField::Unit => "organisational unit (OU)",
            RequestField::OrganisationId => "organisation identifier (serialNumber)",
            RequestField::CommonName => "common name (CN)",
            RequestField::DnsName => "dns names",
            RequestField::IpAddress => "ip addresses",
            RequestField::Email => "e-mail addresses",
            RequestField::Key => "key",
        })
    }
}

impl RequestBuildError {
    /// The field refused, if the error is about one.
    pub fn field(&self) -> Option<RequestField> {
        match self {
            RequestBuildError::Empty { field }
            | RequestBuildError::TooLong { field, .. }
            | RequestBuildError::Country { field, .. }
            | RequestBuildError::UnitNotUsed { field, .. }
            | RequestBuildError::NotForProfile { field, .. }
            | RequestBuildError::DnsName { field, .. }
            | RequestBuildError::EmailAddress { field, .. }
            | RequestBuildError::DnsNameRequired { field, .. }
            | RequestBuildError::IpAddressOnly { field, .. }
            | RequestBuildError::EmailForbidden { field, .. }
            | RequestBuildError::KeyNotAccepted { field, .. } => Some(*field),
            RequestBuildError::Signing { .. } => None,
        }
    }
}
