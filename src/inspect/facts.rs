//! What the checks look at, decoded once from a certificate's (or a request's) extensions and
//! public key. Decoding is lenient: an extension that does not decode is recorded, not fatal.

use const_oid::ObjectIdentifier;
use const_oid::db::{rfc5280, rfc5912};
use der::asn1::{AnyRef, Ia5StringRef, UintRef};
use der::{Decode, Reader, Sequence, Tag, TagNumber, Tagged};
use spki::SubjectPublicKeyInfoRef;
use x509_cert::ext::pkix::{BasicConstraints, ExtendedKeyUsage, KeyUsage};

use crate::certificate::ExtensionRef;
use crate::profile::KeyUsageBits;
use crate::serial::unsigned_bit_length;

/// The subject's public key, as far as the rules care.
#[derive(Clone, Debug, PartialEq, Eq)]
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

/// The extensions the rules look at, decoded; names borrow from the certificate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtensionFacts<'a> {
    /// Key usage bits and criticality.
    pub key_usage: Option<(KeyUsageBits, bool)>,
    /// Basic constraints `cA` flag.
    pub ca: Option<bool>,
    /// Extended key usage OIDs (`None` when the extension is absent).
    pub eku: Option<Vec<ObjectIdentifier>>,
    /// DNS names of the subject alternative name.
    pub dns: Vec<&'a str>,
    /// IP addresses of the subject alternative name, as raw octets.
    pub ips: Vec<&'a [u8]>,
    /// E-mail addresses of the subject alternative name.
    pub emails: Vec<&'a str>,
    /// Certificate policy OIDs, in order.
    pub policies: Vec<ObjectIdentifier>,
    /// Whether a CRL distribution point extension is present.
    pub crl: bool,
    /// Whether an authority information access extension is present.
    pub aia: bool,
    /// Extension OIDs that appear more than once.
    pub duplicates: Vec<ObjectIdentifier>,
    /// Extensions that do not decode, with der's reason.
    pub malformed: Vec<(ObjectIdentifier, String)>,
}

impl<'a> ExtensionFacts<'a> {
    /// Decodes the extensions the rules look at; a duplicate is recorded and not decoded again.
    pub fn of(extensions: impl Iterator<Item = ExtensionRef<'a>> + Clone) -> Self {
        let mut facts = Self::default();
        for (i, ext) in extensions.clone().enumerate() {
            let seen_before = extensions
                .clone()
                .take(i)
                .any(|earlier| earlier.oid == ext.oid);
            if seen_before {
                if !facts.duplicates.contains(&ext.oid) {
                    facts.duplicates.push(ext.oid);
                }
                continue;
            }
            if let Err(e) = facts.absorb(ext) {
                facts.malformed.push((ext.oid, e.to_string()));
            }
        }
        facts
    }

    fn absorb(&mut self, ext: ExtensionRef<'a>) -> der::Result<()> {
        let value = ext.value;
        match ext.oid {
            rfc5280::ID_CE_KEY_USAGE => {
                let usage = KeyUsage::from_der(value)?;
                self.key_usage = Some((KeyUsageBits(usage.0.bits()), ext.critical));
            }
            rfc5280::ID_CE_BASIC_CONSTRAINTS => {
                self.ca = Some(BasicConstraints::from_der(value)?.ca);
            }
            rfc5280::ID_CE_EXT_KEY_USAGE => {
                self.eku = Some(ExtendedKeyUsage::from_der(value)?.0);
            }
            rfc5280::ID_CE_SUBJECT_ALT_NAME => self.alt_names(value)?,
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
            rfc5280::ID_CE_CRL_DISTRIBUTION_POINTS => self.crl = true,
            rfc5280::ID_PE_AUTHORITY_INFO_ACCESS => self.aia = true,
            _ => {}
        }
        Ok(())
    }

    /// GeneralNames (RFC 5280 §4.2.1.6), read in place: rfc822Name [1], dNSName [2] and
    /// iPAddress [7] are kept, the other forms skipped.
    fn alt_names(&mut self, value: &'a [u8]) -> der::Result<()> {
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
                1 => self.emails.push(Ia5StringRef::new(name.value())?.as_str()),
                2 => self.dns.push(Ia5StringRef::new(name.value())?.as_str()),
                7 => self.ips.push(name.value()),
                _ => {}
            }
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
