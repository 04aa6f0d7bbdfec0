//! Test keys, derived from a seed, and the signatures they make.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

use const_oid::ObjectIdentifier;
use const_oid::db::rfc5912;
use der::{Decode, pem::LineEnding};
use p256::ecdsa::signature::hazmat::PrehashSigner;
use p256::elliptic_curve::Generate;
use rsa::pkcs8::EncodePrivateKey;
use rsa::{Pkcs1v15Sign, PrivateKey as RsaPrivateKey};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};
use spki::{
    AlgorithmIdentifierOwned, EncodePublicKey, SubjectPublicKeyInfoOwned, SubjectPublicKeyInfoRef,
};

use super::{MintError, Seed};

/// `ecdsa-with-SHA1` (RFC 3279 §2.2.3); not in `const-oid`'s database.
const ECDSA_WITH_SHA_1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.1");

/// The kind and size of a key pair.
///
/// DVV accepts EC P-256 (seen in every real system signature certificate) and RSA 2048/4096
/// (server certificates); its G3E CA key is P-384. `Rsa(1024)` exists for weak-key defects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum KeySpec {
    /// ECDSA on NIST P-256 (secp256r1).
    EcP256,
    /// ECDSA on NIST P-384 (secp384r1).
    EcP384,
    /// RSA with this modulus size in bits (at least 1024).
    Rsa(usize),
}

/// The hash of a signature (the CA's over a certificate, the requester's over a CSR).
///
/// SHA-1 is here for weak-signature defects (DOMAIN rule `signature.weak-algorithm`), with RSA
/// (`sha1WithRSAEncryption`) or ECDSA (`ecdsa-with-SHA1`) keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SignatureHash {
    /// SHA-1 (weak; for defects only).
    Sha1,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

/// A key pair made deterministically from a seed. The private key is as public as the seed:
/// test use only.
#[derive(Clone)]
pub struct TestKey {
    spec: KeySpec,
    inner: Inner,
    spki_der: Vec<u8>,
    key_id: [u8; 20],
}

#[derive(Clone)]
enum Inner {
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
    Rsa(Box<RsaPrivateKey>),
}

/// RSA keys by (seed, bits): generating one takes a noticeable time even optimised, and test
/// suites ask for the same few keys again and again.
static RSA_CACHE: OnceLock<Mutex<HashMap<(Seed, usize), RsaPrivateKey>>> = OnceLock::new();

impl KeySpec {
    /// The signature hash a key of this kind normally signs with: SHA-384 for P-384, SHA-256
    /// otherwise (what DVV's G3E CA and `openssl req` do).
    pub const fn default_hash(self) -> SignatureHash {
        match self {
            KeySpec::EcP384 => SignatureHash::Sha384,
            KeySpec::EcP256 | KeySpec::Rsa(_) => SignatureHash::Sha256,
        }
    }
}

impl SignatureHash {
    fn digest(self, message: &[u8]) -> Vec<u8> {
        match self {
            SignatureHash::Sha1 => Sha1::digest(message).to_vec(),
            SignatureHash::Sha256 => Sha256::digest(message).to_vec(),
            SignatureHash::Sha384 => Sha384::digest(message).to_vec(),
            SignatureHash::Sha512 => Sha512::digest(message).to_vec(),
        }
    }

    fn pkcs1v15(self) -> Pkcs1v15Sign {
        match self {
            SignatureHash::Sha1 => Pkcs1v15Sign::new::<Sha1>(),
            SignatureHash::Sha256 => Pkcs1v15Sign::new::<Sha256>(),
            SignatureHash::Sha384 => Pkcs1v15Sign::new::<Sha384>(),
            SignatureHash::Sha512 => Pkcs1v15Sign::new::<Sha512>(),
        }
    }
}

impl TestKey {
    /// Derives the key pair of `spec` from `seed`. The same seed and spec always give the same
    /// key, so a certificate and a CSR minted from one seed share their key.
    pub fn generate(seed: impl Into<Seed>, spec: KeySpec) -> Result<Self, MintError> {
        let seed = seed.into();
        let mut rng = seed.rng("key");
        let inner = match spec {
            KeySpec::EcP256 => Inner::P256(p256::ecdsa::SigningKey::generate_from_rng(&mut rng)),
            KeySpec::EcP384 => Inner::P384(p384::ecdsa::SigningKey::generate_from_rng(&mut rng)),
            KeySpec::Rsa(bits) => Inner::Rsa(Box::new(cached_rsa(seed, bits)?)),
        };
        let encoding_error = |reason: String| MintError::KeyEncoding { spec, reason };
        let document = match &inner {
            Inner::P256(key) => key.verifying_key().to_public_key_der(),
            Inner::P384(key) => key.verifying_key().to_public_key_der(),
            Inner::Rsa(key) => key.to_public_key().to_public_key_der(),
        }
        .map_err(|e| encoding_error(e.to_string()))?;
        let spki_der = document.as_bytes().to_vec();
        // RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's bits.
        let spki = SubjectPublicKeyInfoRef::from_der(&spki_der)
            .map_err(|e| encoding_error(e.to_string()))?;
        let key_id = Sha1::digest(spki.subject_public_key.raw_bytes()).into();
        Ok(Self {
            spec,
            inner,
            spki_der,
            key_id,
        })
    }

    /// The kind and size of the key.
    pub fn spec(&self) -> KeySpec {
        self.spec
    }

    /// The public key as a DER `SubjectPublicKeyInfo`.
    pub fn public_key_der(&self) -> &[u8] {
        &self.spki_der
    }

    /// The public key as a decoded `SubjectPublicKeyInfo`.
    pub fn spki(&self) -> Result<SubjectPublicKeyInfoOwned, MintError> {
        SubjectPublicKeyInfoOwned::from_der(&self.spki_der).map_err(|source| MintError::Der {
            what: "SubjectPublicKeyInfo",
            source,
        })
    }

    /// The key identifier used in SKI and AKI extensions: SHA-1 of the public key bits
    /// (RFC 5280 §4.2.1.2, method 1).
    pub fn key_identifier(&self) -> [u8; 20] {
        self.key_id
    }

    /// The private key as PKCS #8 DER (`PrivateKeyInfo`, unencrypted).
    pub fn to_pkcs8_der(&self) -> Result<Vec<u8>, MintError> {
        let document = match &self.inner {
            Inner::P256(key) => key.to_pkcs8_der(),
            Inner::P384(key) => key.to_pkcs8_der(),
            Inner::Rsa(key) => key.to_pkcs8_der(),
        }
        .map_err(|e| self.encoding_error(e.to_string()))?;
        Ok(document.as_bytes().to_vec())
    }

    /// The private key as unencrypted PKCS #8 PEM (`-----BEGIN PRIVATE KEY-----`), the form
    /// `openssl pkey` and most TLS stacks read.
    pub fn to_pkcs8_pem(&self) -> Result<String, MintError> {
        let der = self.to_pkcs8_der()?;
        der::pem::encode_string("PRIVATE KEY", LineEnding::LF, &der)
            .map_err(|e| self.encoding_error(e.to_string()))
    }

    /// The `AlgorithmIdentifier` of this key's signatures with `hash`: ECDSA identifiers
    /// have no parameters (RFC 5758 §3.2), RSA ones an explicit NULL (RFC 4055 §5).
    pub(crate) fn signature_algorithm(&self, hash: SignatureHash) -> AlgorithmIdentifierOwned {
        let oid = match (&self.inner, hash) {
            (Inner::Rsa(_), SignatureHash::Sha1) => rfc5912::SHA_1_WITH_RSA_ENCRYPTION,
            (Inner::Rsa(_), SignatureHash::Sha256) => rfc5912::SHA_256_WITH_RSA_ENCRYPTION,
            (Inner::Rsa(_), SignatureHash::Sha384) => rfc5912::SHA_384_WITH_RSA_ENCRYPTION,
            (Inner::Rsa(_), SignatureHash::Sha512) => rfc5912::SHA_512_WITH_RSA_ENCRYPTION,
            (_, SignatureHash::Sha1) => ECDSA_WITH_SHA_1,
            (_, SignatureHash::Sha256) => rfc5912::ECDSA_WITH_SHA_256,
            (_, SignatureHash::Sha384) => rfc5912::ECDSA_WITH_SHA_384,
            (_, SignatureHash::Sha512) => rfc5912::ECDSA_WITH_SHA_512,
        };
        let parameters = match self.inner {
            Inner::Rsa(_) => Some(der::Any::null()),
            Inner::P256(_) | Inner::P384(_) => None,
        };
        AlgorithmIdentifierOwned { oid, parameters }
    }

    /// Signs `message` with `hash`: ECDSA as a DER `Ecdsa-Sig-Value` with an RFC 6979 nonce,
    /// RSA as PKCS #1 v1.5. Both are deterministic.
    pub(crate) fn sign(&self, hash: SignatureHash, message: &[u8]) -> Result<Vec<u8>, MintError> {
        let digest = hash.digest(message);
        let signing_error = |reason: String| MintError::Signing {
            key: self.spec,
            hash,
            reason,
        };
        match &self.inner {
            Inner::P256(key) => {
                let signature: p256::ecdsa::DerSignature = key
                    .sign_prehash(&digest)
                    .map_err(|e| signing_error(e.to_string()))?;
                Ok(signature.as_bytes().to_vec())
            }
            Inner::P384(key) => {
                let signature: p384::ecdsa::DerSignature = key
                    .sign_prehash(&digest)
                    .map_err(|e| signing_error(e.to_string()))?;
                Ok(signature.as_bytes().to_vec())
            }
            Inner::Rsa(key) => key
                .sign(hash.pkcs1v15(), &digest)
                .map_err(|e| signing_error(e.to_string())),
        }
    }

    fn encoding_error(&self, reason: String) -> MintError {
        MintError::KeyEncoding {
            spec: self.spec,
            reason,
        }
    }
}

/// Generates (or takes from [`RSA_CACHE`]) the RSA key for `seed` and `bits`.
fn cached_rsa(seed: Seed, bits: usize) -> Result<RsaPrivateKey, MintError> {
    let cache = RSA_CACHE.get_or_init(Mutex::default);
    // A poisoned lock only means another thread panicked mid-insert of a complete value:
    // the map is still consistent, so keep using it.
    let lookup = |cache: &Mutex<HashMap<_, RsaPrivateKey>>| {
        cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&(seed, bits))
            .cloned()
    };
    if let Some(key) = lookup(cache) {
        return Ok(key);
    }
    // Generated outside the lock so that tests making different keys run in parallel; two
    // threads racing for the same key compute the same value.
    let key =
        RsaPrivateKey::new(&mut seed.rng("key"), bits).map_err(|e| MintError::KeyGeneration {
            spec: KeySpec::Rsa(bits),
            reason: e.to_string(),
        })?;
    cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .insert((seed, bits), key.clone());
    Ok(key)
}

impl fmt::Display for KeySpec {
    /// `ec-p256`, `ec-p384`, `rsa-2048`: the names the CSR report uses.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeySpec::EcP256 => f.write_str("ec-p256"),
            KeySpec::EcP384 => f.write_str("ec-p384"),
            KeySpec::Rsa(bits) => write!(f, "rsa-{bits}"),
        }
    }
}

impl fmt::Display for SignatureHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SignatureHash::Sha1 => "sha1",
            SignatureHash::Sha256 => "sha256",
            SignatureHash::Sha384 => "sha384",
            SignatureHash::Sha512 => "sha512",
        })
    }
}

impl fmt::Debug for TestKey {
    /// Shows the kind and key identifier, never the private key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestKey")
            .field("spec", &self.spec)
            .field("key_identifier", &HexId(&self.key_id))
            .finish_non_exhaustive()
    }
}

struct HexId<'a>(&'a [u8]);

impl fmt::Debug for HexId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}
