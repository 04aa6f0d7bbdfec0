//! PKCS #10 certificate requests (RFC 2986), built from x509-cert's typed `CertReqInfo` and
//! `CertReq`: no request defect needs DER that a type cannot express.

use const_oid::ObjectIdentifier;
use der::asn1::BitString;
use x509_cert::attr::{Attribute, Attributes};
use x509_cert::ext::pkix::KeyUsage;
use x509_cert::request::{CertReq, CertReqInfo, ExtensionReq, Version};

use super::cert::{corrupt_last_octet, eku_extension, key_usage_extension, pem, san_extension};
use super::encode::{from_der, to_der};
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
        extensions.push(key_usage_extension(ext)?);
    }
    if let Some(ext) = &template.extended_key_usage {
        extensions.push(eku_extension(ext)?);
    }
    if let Some(ext) = &template.subject_alt_names {
        extensions.push(san_extension(ext)?);
    }
    let der_error = |what| move |source| MintError::Der { what, source };
    // attributes [0] IMPLICIT SET OF Attribute: one extensionRequest, or none at all.
    let mut attributes = Attributes::new();
    if !extensions.is_empty() {
        let request =
            Attribute::try_from(ExtensionReq(extensions)).map_err(der_error("extensionRequest"))?;
        attributes
            .insert(request)
            .map_err(der_error("attributes"))?;
    }
    let info = CertReqInfo {
        version: Version::V1,
        subject: from_der(&template.subject.to_der()?, "subject")?,
        public_key: key.spki()?,
        attributes,
    };
    let info_der = to_der(&info, "CertificationRequestInfo")?;
    let signature = key.sign(template.signature_hash, &info_der)?;
    let request = CertReq {
        info,
        algorithm: key.signature_algorithm(template.signature_hash),
        signature: BitString::from_bytes(&signature).map_err(der_error("signature"))?,
    };
    let der = to_der(&request, "CertificationRequest")?;
    Ok(MintedCsr {
        pem: pem("CERTIFICATE REQUEST", &der)?,
        der,
        key,
    })
}
