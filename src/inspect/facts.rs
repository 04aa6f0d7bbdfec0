//! What the checks look at, computed once: [`Facts`] of a certificate (serial, validity, key,
//! names, extensions), and the [`ExtensionFacts`] and [`KeyFacts`] a request shares with it.
//! Decoding is lenient: an extension that does not decode is recorded, not fatal.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use const_oid::ObjectIdentifier;
use const_oid::db::{rfc5280, rfc5912};
use der::asn1::{AnyRef, Ia5StringRef, UintRef};
use der::{Decode, Reader, Sequence, Tag, TagNumber, Tagged};
use spki::SubjectPublicKeyInfoRef;
use x509_cert::ext::pkix::{BasicConstraints, ExtendedKeyUsage, KeyUsage};

use crate::certificate::{Certificate, CriticalMark, ExtensionRef, Name, Version};
use crate::profile::KeyUsageBits;
use crate::serial::{SerialNumber, unsigned_bit_length};
use crate::validity::{Validity, ValidityError, helsinki_date};

/// What the inspection reads of a certificate, computed once by [`Facts::of`]: every rule reads
/// it, and the [`Report`](crate::Report) keeps it.
///
/// ```
/// use sote_certs::inspect::Facts;
/// use sote_certs::read_certificates;
///
/// let pem = std::fs::read("tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem")?;
/// let facts = Facts::of(&read_certificates(&pem)?[0]);
/// assert_eq!(facts.serial.to_hex_string(), "017dd7810fc3030e71245bda512189");
/// assert_eq!(facts.key.as_ref().map(|k| k.name()).as_deref(), Some("ec-p256"));
/// assert!(facts.validity.is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Facts {
    /// The `version` field.
    pub version: Version,
    /// The serial number, whatever its sign and length.
    pub serial: SerialNumber,
    /// `notBefore`.
    pub not_before: DateTime<Utc>,
    /// `notAfter` (inclusive).
    pub not_after: DateTime<Utc>,
    /// The validity period, or why `notBefore` and `notAfter` make none (an inverted range).
    pub validity: Result<Validity, ValidityError>,
    /// The issue date: `notBefore`'s date in Europe/Helsinki, which dates DVV's rules.
    pub issue_date: NaiveDate,
    /// The subject public key, if it decodes.
    pub key: Option<KeyFacts>,
    /// The issuer name.
    pub issuer: Name,
    /// The subject name.
    pub subject: Name,
    /// The signature algorithm OID.
    pub signature_algorithm: ObjectIdentifier,
    /// The extensions the rules look at, decoded.
    pub extensions: ExtensionFacts,
}

impl Facts {
    /// Reads the facts of `cert` once: the names are copied, the extensions decoded.
    pub fn of(cert: &Certificate) -> Self {
        let (not_before, not_after) = (cert.not_before(), cert.not_after());
        Self {
            version: cert.version(),
            serial: cert.serial(),
            not_before,
            not_after,
            validity: Validity::new(not_before, not_after),
            issue_date: helsinki_date(not_before),
            key: cert
                .subject_public_key_info()
                .map(|spki| KeyFacts::of(&spki)),
            issuer: cert.issuer().to_name(),
            subject: cert.subject().to_name(),
            signature_algorithm: cert.signature_algorithm(),
            extensions: ExtensionFacts::of(cert.extensions()),
        }
    }

    /// Whether issuer and subject are the same name (a CA's own certificate).
    pub fn self_issued(&self) -> bool {
        self.issuer.as_name_ref().as_der() == self.subject.as_name_ref().as_der()
    }
}

/// The subject's public key, as far as the rules care.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyFacts {
    /// RSA with a modulus of this many bits.
    Rsa {
        /// Modulus length.
        bits: u32,
    },
    /// Elliptic curve, with the named curve when the parameters name one.
    Ec {
        /// Named-curve OID.
        curve: Option<ObjectIdentifier>,
    },
    /// Any other algorithm, by OID; or RSA whose key does not decode.
    Other {
        /// The algorithm OID.
        algorithm: ObjectIdentifier,
    },
}

impl KeyFacts {
    /// What the rules need to know of a subject public key.
    pub fn of(spki: &SubjectPublicKeyInfoRef<'_>) -> Self {
        let algorithm = spki.algorithm.oid;
        if algorithm == rfc5912::RSA_ENCRYPTION {
            #[derive(Sequence)]
            struct RsaPublicKey<'a> {
                modulus: UintRef<'a>,
                #[allow(dead_code)]
                exponent: UintRef<'a>,
            }
            return spki
                .subject_public_key
                .as_bytes()
                .and_then(|bytes| RsaPublicKey::from_der(bytes).ok())
                .map_or(KeyFacts::Other { algorithm }, |key| KeyFacts::Rsa {
                    bits: u32::try_from(unsigned_bit_length(key.modulus.as_bytes()))
                        .unwrap_or(u32::MAX),
                });
        }
        if algorithm == rfc5912::ID_EC_PUBLIC_KEY {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            return KeyFacts::Ec { curve };
        }
        KeyFacts::Other { algorithm }
    }

    /// A short name: `rsa-2048`, `ec-p256`, `ec-p384`, `ec-p521`, `ec-<curve OID>`, or the OID.
    pub fn name(&self) -> String {
        match self {
            KeyFacts::Rsa { bits } => format!("rsa-{bits}"),
            KeyFacts::Ec { curve: Some(c) } if *c == rfc5912::SECP_256_R_1 => "ec-p256".into(),
            KeyFacts::Ec { curve: Some(c) } if *c == rfc5912::SECP_384_R_1 => "ec-p384".into(),
            KeyFacts::Ec { curve: Some(c) } if *c == rfc5912::SECP_521_R_1 => "ec-p521".into(),
            KeyFacts::Ec { curve: Some(c) } => format!("ec-{c}"),
            KeyFacts::Ec { curve: None } => "ec-unnamed-curve".into(),
            KeyFacts::Other { algorithm } => algorithm.to_string(),
        }
    }
}

/// Whether an extension the rules look for is there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Presence {
    /// The extension is present.
    Present,
    /// The extension is absent.
    #[default]
    Absent,
}

/// What the basic constraints extension says the subject is: its `cA` flag (RFC 5280 §4.2.1.9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SubjectType {
    /// `cA` is TRUE: a certification authority.
    Ca,
    /// `cA` is FALSE (DEFAULT FALSE): an end entity.
    EndEntity,
}

/// The key usage extension as the rules read it (RFC 5280 §4.2.1.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyUsageFacts {
    /// The bits set.
    pub bits: KeyUsageBits,
    /// Whether the extension is critical.
    pub critical: CriticalMark,
}

/// The extensions the rules look at, decoded once and owned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtensionFacts {
    /// Key usage bits and criticality.
    pub key_usage: Option<KeyUsageFacts>,
    /// What basic constraints say the subject is (`None` when the extension is absent).
    pub subject_type: Option<SubjectType>,
    /// Extended key usage OIDs (`None` when the extension is absent).
    pub eku: Option<Vec<ObjectIdentifier>>,
    /// DNS names of the subject alternative name.
    pub dns: Vec<String>,
    /// IP addresses of the subject alternative name, as raw octets.
    pub ips: Vec<Vec<u8>>,
    /// E-mail addresses of the subject alternative name.
    pub emails: Vec<String>,
    /// Certificate policy OIDs, in order.
    pub policies: Vec<ObjectIdentifier>,
    /// Whether a CRL distribution point extension is present.
    pub crl: Presence,
    /// Whether an authority information access extension is present.
    pub aia: Presence,
    /// Extension OIDs that appear more than once.
    pub duplicates: Vec<ObjectIdentifier>,
    /// Extensions that do not decode, with der's error (its kind and position in the value).
    pub malformed: Vec<(ObjectIdentifier, der::Error)>,
}

impl ExtensionFacts {
    /// Decodes the extensions the rules look at; a duplicate is recorded and not decoded again.
    pub fn of<'a>(extensions: impl Iterator<Item = ExtensionRef<'a>>) -> Self {
        let mut facts = Self::default();
        // Sets, not a scan of the earlier extensions: a crafted certificate may carry a great
        // many extensions, and the work must stay near-linear in their number.
        let mut seen = BTreeSet::new();
        let mut reported = BTreeSet::new();
        for ext in extensions {
            if !seen.insert(ext.oid) {
                if reported.insert(ext.oid) {
                    facts.duplicates.push(ext.oid);
                }
                continue;
            }
            if let Err(e) = facts.absorb(ext) {
                facts.malformed.push((ext.oid, e));
            }
        }
        facts
    }

    fn absorb(&mut self, ext: ExtensionRef<'_>) -> der::Result<()> {
        let value = ext.value;
        match ext.oid {
            rfc5280::ID_CE_KEY_USAGE => {
                let usage = KeyUsage::from_der(value)?;
                self.key_usage = Some(KeyUsageFacts {
                    bits: KeyUsageBits::from_bits(usage.0.bits()),
                    critical: ext.critical,
                });
            }
            rfc5280::ID_CE_BASIC_CONSTRAINTS => {
                self.subject_type = Some(if BasicConstraints::from_der(value)?.ca {
                    SubjectType::Ca
                } else {
                    SubjectType::EndEntity
                });
            }
            rfc5280::ID_CE_EXT_KEY_USAGE => {
                self.eku = Some(ExtendedKeyUsage::from_der(value)?.0);
            }
            rfc5280::ID_CE_SUBJECT_ALT_NAME => alt_names(value, |name| match name {
                AltName::Email(email) => self.emails.push(email.to_owned()),
                AltName::Dns(dns) => self.dns.push(dns.to_owned()),
                AltName::Ip(ip) => self.ips.push(ip.to_vec()),
            })?,
            rfc5280::ID_CE_CERTIFICATE_POLICIES => {
                // PolicyInformation ::= SEQUENCE { policyIdentifier, policyQualifiers OPTIONAL }
                let policies = &mut self.policies;
                AnyRef::from_der(value)?.sequence(|list| {
                    while !list.is_finished() {
                        policies.push(list.sequence(|info| {
                            let oid = ObjectIdentifier::decode(info)?;
                            if !info.is_finished() {
                                info.tlv_bytes()?;
                            }
                            Ok::<_, der::Error>(oid)
                        })?);
                    }
                    Ok::<_, der::Error>(())
                })?;
            }
            rfc5280::ID_CE_CRL_DISTRIBUTION_POINTS => self.crl = Presence::Present,
            rfc5280::ID_PE_AUTHORITY_INFO_ACCESS => self.aia = Presence::Present,
            _ => {}
        }
        Ok(())
    }

    /// Whether serverAuth or clientAuth is among the extended key usages.
    pub fn has_tls_usage(&self) -> bool {
        self.eku.as_deref().is_some_and(|eku| {
            eku.iter()
                .any(|oid| *oid == rfc5280::ID_KP_SERVER_AUTH || *oid == rfc5280::ID_KP_CLIENT_AUTH)
        })
    }
}

/// A name of a subject alternative name that the rules look at, borrowed from its DER.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AltName<'a> {
    /// rfc822Name \[1\].
    Email(&'a str),
    /// dNSName \[2\].
    Dns(&'a str),
    /// iPAddress \[7\], raw octets.
    Ip(&'a [u8]),
}

/// Reads GeneralNames (RFC 5280 §4.2.1.6) in place, giving rfc822Name [1], dNSName [2] and
/// iPAddress [7] to `found` in order; the other forms are skipped.
pub(crate) fn alt_names<'a>(
    value: &'a [u8],
    mut found: impl FnMut(AltName<'a>),
) -> der::Result<()> {
    let list = AnyRef::from_der(value)?;
    list.tag().assert_eq(Tag::Sequence)?;
    let mut reader = der::SliceReader::new(list.value())?;
    while !reader.is_finished() {
        let name = AnyRef::decode(&mut reader)?;
        let Tag::ContextSpecific {
            number: TagNumber(number),
            ..
        } = name.tag()
        else {
            return Err(name.tag().value_error().into());
        };
        match number {
            1 => found(AltName::Email(Ia5StringRef::new(name.value())?.as_str())),
            2 => found(AltName::Dns(Ia5StringRef::new(name.value())?.as_str())),
            7 => found(AltName::Ip(name.value())),
            _ => {}
        }
    }
    Ok(())
}

/// The DNS names of the first subject alternative name among `extensions`, borrowed; names
/// before a malformed one are kept, as [`ExtensionFacts::of`] keeps them.
pub(crate) fn dns_names<'a>(extensions: impl Iterator<Item = ExtensionRef<'a>>) -> Vec<&'a str> {
    let mut dns = Vec::new();
    if let Some(san) = extensions
        .into_iter()
        .find(|ext| ext.oid == rfc5280::ID_CE_SUBJECT_ALT_NAME)
    {
        // A malformed name ends the list; the inspection reports it (extension.malformed).
        alt_names(san.value, |name| {
            if let AltName::Dns(name) = name {
                dns.push(name);
            }
        })
        .unwrap_or_default();
    }
    dns
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extension(oid: ObjectIdentifier, value: &[u8]) -> ExtensionRef<'_> {
        ExtensionRef {
            oid,
            critical: CriticalMark::NonCritical,
            value,
        }
    }

    #[test]
    fn duplicates_are_listed_once_in_the_order_they_recur_and_the_first_one_counts() {
        // keyUsage digitalSignature (first) and keyCertSign (a later copy); basicConstraints.
        let signature = [0x03, 0x02, 0x07, 0x80];
        let cert_sign = [0x03, 0x02, 0x02, 0x04];
        let ca_false = [0x30, 0x00];
        let (ku, bc, eku) = (
            rfc5280::ID_CE_KEY_USAGE,
            rfc5280::ID_CE_BASIC_CONSTRAINTS,
            rfc5280::ID_CE_EXT_KEY_USAGE,
        );
        let list = [
            extension(ku, &signature),
            extension(bc, &ca_false),
            extension(bc, &ca_false),
            extension(ku, &cert_sign),
            extension(ku, &cert_sign),
            extension(bc, &ca_false),
        ];
        let facts = ExtensionFacts::of(list.into_iter());
        assert_eq!(facts.duplicates, [bc, ku]);
        assert!(facts.malformed.is_empty());
        let usage = facts.key_usage.map(|u| u.bits);
        assert_eq!(usage, Some(KeyUsageBits::DIGITAL_SIGNATURE));
        assert!(!list.iter().any(|e| e.oid == eku) && facts.eku.is_none());
    }
}
