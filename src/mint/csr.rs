//! PKCS #10 certificate requests (RFC 2986).

use const_oid::ObjectIdentifier;
use const_oid::db::rfc5912::ID_EXTENSION_REQ;
use x509_cert::ext::pkix::KeyUsage;

use super::cert::{corrupt_last_octet, eku_extension, key_usage_extension, pem, san_extension};
use super::encode::{bit_string, oid, seq, tag, tlv};
use super::{Dn, Ext, KeySpec, MintError, San, Seed, SignatureHash, TestKey};

/// Everything a CSR says, as plain data. Requested extensions go into one PKCS #9
/// `extensionRequest` attribute (RFC 2985 §5.4.2) in the order key usage, extended key usage,
/// subject alternative names; with none requested the attribute set is empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsrTemplate {
    /// The requested subject name.
    pub subject: Dn,
    /// The key's kind and size.
    pub key: KeySpec,
    /// The hash of the self-signature ([`KeySpec::default_hash`] unless a test needs another).
    pub signature_hash: SignatureHash,
    /// Requested key usage.
    pub key_usage: Option<Ext<KeyUsage>>,
    /// Requested extended key usage.
    pub extended_key_usage: Option<Ext<Vec<ObjectIdentifier>>>,
    /// Requested subject alternative names.
    pub subject_alt_names: Option<Ext<Vec<San>>>,
}

/// A minted CSR with its private key.
#[derive(Clone, Debug)]
pub struct MintedCsr {
    /// The request, DER.
    pub der: Vec<u8>,
    /// The request, PEM (`CERTIFICATE REQUEST`, LF line endings).
    pub pem: String,
    /// The requester's key pair.
    pub key: TestKey,
}

impl CsrTemplate {
    /// A request for `subject` with no extensions, self-signed with the key's usual hash.
    pub fn new(subject: Dn, key: KeySpec) -> Self {
        Self {
            subject,
            key,
            signature_hash: key.default_hash(),
            key_usage: None,
            extended_key_usage: None,
            subject_alt_names: None,
        }
    }
}

impl MintedCsr {
    /// The same request with one bit of its signature flipped: still well-formed, but its
    /// proof of possession fails.
    pub fn with_corrupted_signature(&self) -> Result<Self, MintError> {
        let der = corrupt_last_octet(&self.der);
        Ok(Self {
            pem: pem("CERTIFICATE REQUEST", &der)?,
            der,
            key: self.key.clone(),
        })
    }
}

/// Mints a CSR for `template` with the key [`TestKey::generate`]`(seed, template.key)`: the
/// same seed as a [`CertTemplate::key_seed`](super::CertTemplate::key_seed) gives the same key,
/// so a minted certificate can answer a minted request.
///
/// ```
/// use sote_certs::mint::{CsrTemplate, Dn, KeySpec, mint_csr};
///
/// let csr = mint_csr(5, &CsrTemplate::new(Dn::new().common_name("x"), KeySpec::EcP256))?;
/// assert!(csr.pem.starts_with("-----BEGIN CERTIFICATE REQUEST-----"));
/// # Ok::<(), sote_certs::mint::MintError>(())
/// ```
pub fn mint_csr(seed: impl Into<Seed>, template: &CsrTemplate) -> Result<MintedCsr, MintError> {
    let key = TestKey::generate(seed, template.key)?;
    let mut extensions = Vec::new();
    if let Some(ext) = &template.key_usage {
        extensions.extend(key_usage_extension(ext)?);
    }
    if let Some(ext) = &template.extended_key_usage {
        extensions.extend(eku_extension(ext)?);
    }
    if let Some(ext) = &template.subject_alt_names {
        extensions.extend(san_extension(ext)?);
    }
    // attributes [0] IMPLICIT SET OF Attribute; Attribute { type, values SET OF Extensions }
    let attributes = if extensions.is_empty() {
        Vec::new()
    } else {
        let values = tlv(tag::SET, &tlv(tag::SEQUENCE, &extensions));
        seq(&[&oid(&ID_EXTENSION_REQ)?, &values])
    };
    let info = seq(&[
        &[tag::INTEGER, 1, 0], // version v1(0)
        &template.subject.to_der()?,
        key.public_key_der(),
        &tlv(tag::context_constructed(0), &attributes),
    ]);
    let algorithm = key.signature_algorithm(template.signature_hash)?;
    let signature = key.sign(template.signature_hash, &info)?;
    let der = seq(&[&info, &algorithm, &bit_string(&signature)]);
    Ok(MintedCsr {
        pem: pem("CERTIFICATE REQUEST", &der)?,
        der,
        key,
    })
}
