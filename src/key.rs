//! The vendor's private keys: read (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1), generated from the
//! operating system's random source, written as PKCS#8 PEM, and paired with the certificate or
//! request they belong to.
//!
//! A sote certificate request is signed with the key the certificate will certify (RFC 2986
//! §3), so the key is where a vendor's request starts ([`crate::csr::RequestBuilder`]) and what
//! the delivered certificate must be paired with ([`pair`]). DVV accepts RSA 2048/4096 and EC
//! P-256 keys (DVV: Server certificates; the real system signature certificates carry P-256);
//! this module reads and generates RSA 2048, 3072 and 4096 and EC P-256 and P-384 keys.
//!
//! Private key material lives only in types that zeroize it on drop (the RustCrypto key types,
//! [`zeroize::Zeroizing`] buffers for encodings), and no `Debug` output shows it.
//!
//! ```
//! use sote_certs::key::{KeyKind, Passphrase, PrivateKey};
//!
//! let key = PrivateKey::generate(KeyKind::EcP256)?;
//! let passphrase = Passphrase::new("correct horse battery staple")?;
//! let pem = key.to_pkcs8_pem(Some(&passphrase))?;
//! assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
//! let back = PrivateKey::from_bytes(pem.as_bytes(), Some(&passphrase))?;
//! assert!(back.matches_public_key(key.public_key_der()));
//! assert_eq!(format!("{back:?}").contains("PrivateKey { kind: EcP256"), true);
//! # Ok::<(), sote_certs::key::KeyError>(())
//! ```

mod read;
mod write;

use core::fmt;
use core::str::FromStr;
use std::path::PathBuf;

use const_oid::ObjectIdentifier;
use rsa::PrivateKey as RsaPrivateKey;
use rsa::traits::PublicKeyParts;
use sha2::{Digest, Sha256};
use spki::{DecodePublicKey, EncodePublicKey};
use zeroize::{ZeroizeOnDrop, Zeroizing};

pub use write::PBKDF2_ITERATIONS;

use crate::Certificate;
use crate::csr::{CertificateRequest, RequestMatch};

/// The largest RSA modulus read, in bits: a bound on the work a key file can ask for.
pub const MAX_RSA_BITS: u32 = 16384;

/// The most PBKDF2 iterations an encrypted key may ask for before it is decrypted: a bound on
/// the work an untrusted file can cause (OpenSSL 3 writes 2048, this crate
/// [`PBKDF2_ITERATIONS`]).
pub const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;

/// The most memory (128 · r · N octets) scrypt may ask for before a key is decrypted: 256 MiB,
/// above what OpenSSL 3.0 accepts (32 MiB) and the pkcs8 crate's own default.
pub const MAX_SCRYPT_MEMORY: u64 = 256 << 20;

/// A private key: RSA, or ECDSA on P-256 or P-384.
///
/// Invariant: the key is well-formed for its algorithm (the RustCrypto type checked it), and
/// its public key is known. The key material is zeroized on drop; `Debug` shows the kind and a
/// SHA-256 fingerprint of the public key, never the private key.
pub struct PrivateKey {
    inner: Inner,
    spki_der: Box<[u8]>,
}

pub(crate) enum Inner {
    Rsa(Box<RsaPrivateKey>),
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
}

/// The kind and size of a key, named as the request report names it (`ec-p256`, `rsa-2048`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum KeyKind {
    /// ECDSA on NIST P-256 (secp256r1), as the real system signature certificates carry.
    EcP256,
    /// ECDSA on NIST P-384 (secp384r1).
    EcP384,
    /// RSA with a modulus of this many bits.
    Rsa {
        /// The modulus size in bits.
        bits: u32,
    },
}

/// A passphrase that encrypts or decrypts a PKCS#8 key; zeroized on drop, never shown by
/// `Debug`.
///
/// Invariant: not empty.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

/// The answer of [`pair`]: does the key belong to the request and to the certificate, and is
/// the certificate what was requested.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pairing {
    /// The request carries this key's public key.
    pub key_matches_request: bool,
    /// The certificate carries this key's public key.
    pub key_matches_certificate: bool,
    /// The certificate compared with the request ([`CertificateRequest::match_certificate`]).
    pub request: RequestMatch,
}

/// A key that could not be read, generated or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// No private key in the input.
    #[error(
        "no private key found: expected a PEM block labelled PRIVATE KEY, ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY, or a DER PKCS#8, PKCS#1 or SEC1 key"
    )]
    NoKey,
    /// A PEM block whose base64 or framing does not decode.
    #[error("the {label} PEM block does not decode")]
    Pem {
        /// The block's label.
        label: &'static str,
        /// The PEM decoder's error.
        source: der::pem::Error,
    },
    /// A PEM block encrypted with OpenSSL's legacy PEM encryption.
    #[error(
        "the {label} PEM block is encrypted with OpenSSL's legacy PEM encryption (Proc-Type: 4,ENCRYPTED), which is not read; convert it with `openssl pkcs8 -topk8 -v2 aes-256-cbc`"
    )]
    LegacyPemEncryption {
        /// The block's label.
        label: &'static str,
    },
    /// The key's structure does not decode.
    #[error("the {form} private key does not decode: {reason}")]
    Malformed {
        /// PKCS#8, PKCS#1 or SEC1.
        form: KeyForm,
        /// What the decoder said.
        reason: String,
    },
    /// An algorithm other than RSA and EC.
    #[error("private key algorithm {algorithm} is neither RSA nor EC")]
    UnsupportedAlgorithm {
        /// The PKCS#8 algorithm OID.
        algorithm: ObjectIdentifier,
    },
    /// An EC key on a curve other than P-256 and P-384.
    #[error("elliptic curve {curve} is not supported: expected P-256 or P-384")]
    UnsupportedCurve {
        /// The curve's OID, or `unnamed` when the key names none.
        curve: String,
    },
    /// An RSA key larger than [`MAX_RSA_BITS`].
    #[error("the RSA key has {bits} bits, over the {MAX_RSA_BITS}-bit bound")]
    RsaTooLarge {
        /// The modulus size.
        bits: u32,
    },
    /// The key is encrypted and no passphrase was given.
    #[error("the private key is encrypted and no passphrase was given")]
    PassphraseRequired,
    /// The passphrase does not decrypt the key.
    #[error(
        "the private key does not decrypt with the passphrase given (wrong passphrase or damaged file)"
    )]
    Decryption,
    /// An encryption scheme this crate does not read.
    #[error("the private key is encrypted with {scheme}, which is not read: expected PBES2")]
    UnsupportedEncryption {
        /// The scheme.
        scheme: String,
    },
    /// Key derivation parameters over the bounds ([`MAX_PBKDF2_ITERATIONS`],
    /// [`MAX_SCRYPT_MEMORY`]).
    #[error("the private key's {what} exceeds the bound of {bound}")]
    KeyDerivationTooCostly {
        /// The parameter and its value.
        what: String,
        /// The bound.
        bound: u64,
    },
    /// An empty passphrase.
    #[error("the passphrase is empty")]
    EmptyPassphrase,
    /// The environment variable that should hold the passphrase is not set.
    #[error(
        "environment variable {name} is not set or not unicode; the passphrase is read from it"
    )]
    PassphraseVariable {
        /// The variable's name.
        name: String,
    },
    /// A key kind this crate does not generate.
    #[error(
        "cannot generate a {kind} key: expected ec-p256, ec-p384, rsa-2048, rsa-3072 or rsa-4096"
    )]
    UnsupportedGeneration {
        /// The kind asked for.
        kind: KeyKind,
    },
    /// The operating system's random source failed.
    #[error("the operating system's random source failed: {reason}")]
    Random {
        /// The error it gave.
        reason: String,
    },
    /// Key generation failed.
    #[error("generating a {kind} key failed: {reason}")]
    Generation {
        /// The kind asked for.
        kind: KeyKind,
        /// The generator's error.
        reason: String,
    },
    /// The key does not encode (or encrypt) as PKCS#8.
    #[error("the {kind} key does not encode as PKCS#8: {reason}")]
    Encoding {
        /// The key's kind.
        kind: KeyKind,
        /// The encoder's error.
        reason: String,
    },
    /// The key file exists already; it is never overwritten.
    #[error("key file {} exists already; it is never overwritten", path.display())]
    FileExists {
        /// The file.
        path: PathBuf,
    },
    /// The key file could not be written (nothing is left behind).
    #[error("cannot write key file {}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// The structure a private key was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyForm {
    /// PKCS#8 `PrivateKeyInfo` (RFC 5208), `PRIVATE KEY`.
    Pkcs8,
    /// PKCS#8 `EncryptedPrivateKeyInfo` (RFC 5958), `ENCRYPTED PRIVATE KEY`.
    EncryptedPkcs8,
    /// PKCS#1 `RSAPrivateKey` (RFC 8017), `RSA PRIVATE KEY`.
    Pkcs1,
    /// SEC1 `ECPrivateKey` (RFC 5915), `EC PRIVATE KEY`.
    Sec1,
}

/// An unknown key kind name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown key type {0:?}: expected ec-p256, ec-p384, rsa-2048, rsa-3072 or rsa-4096")]
pub struct UnknownKeyKind(pub String);

impl PrivateKey {
    /// Generates a new key of `kind` from the operating system's random source (`getrandom`).
    ///
    /// # Errors
    /// [`KeyError::UnsupportedGeneration`] for RSA sizes other than 2048, 3072 and 4096;
    /// [`KeyError::Random`] when the random source fails.
    pub fn generate(kind: KeyKind) -> Result<Self, KeyError> {
        let random = |e: getrandom::Error| KeyError::Random {
            reason: e.to_string(),
        };
        let mut rng = getrandom::SysRng;
        let inner = match kind {
            KeyKind::EcP256 => {
                use p256::elliptic_curve::Generate;
                Inner::P256(
                    p256::ecdsa::SigningKey::try_generate_from_rng(&mut rng).map_err(random)?,
                )
            }
            KeyKind::EcP384 => {
                use p384::elliptic_curve::Generate;
                Inner::P384(
                    p384::ecdsa::SigningKey::try_generate_from_rng(&mut rng).map_err(random)?,
                )
            }
            KeyKind::Rsa {
                bits: bits @ (2048 | 3072 | 4096),
            } => {
                let key = RsaPrivateKey::new(&mut rng, bits as usize).map_err(|e| {
                    KeyError::Generation {
                        kind,
                        reason: e.to_string(),
                    }
                })?;
                Inner::Rsa(Box::new(key))
            }
            _ => return Err(KeyError::UnsupportedGeneration { kind }),
        };
        Self::new(inner)
    }

    /// Reads a private key: PEM (`PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`, `RSA PRIVATE KEY`,
    /// `EC PRIVATE KEY`; the first such block, other blocks such as `EC PARAMETERS` are passed
    /// over) or DER of the same structures. `passphrase` decrypts an encrypted PKCS#8 key
    /// (PBES2: PBKDF2 or scrypt, AES-CBC or AES-GCM); it is not needed for the others.
    ///
    /// # Errors
    /// A [`KeyError`] saying what the input is and why it is not a key this crate reads.
    pub fn from_bytes(input: &[u8], passphrase: Option<&Passphrase>) -> Result<Self, KeyError> {
        read::read(input, passphrase)
    }

    pub(crate) fn new(inner: Inner) -> Result<Self, KeyError> {
        let kind = inner.kind();
        let document = match &inner {
            Inner::Rsa(key) => key.to_public_key().to_public_key_der(),
            Inner::P256(key) => key.verifying_key().to_public_key_der(),
            Inner::P384(key) => key.verifying_key().to_public_key_der(),
        }
        .map_err(|e| KeyError::Encoding {
            kind,
            reason: e.to_string(),
        })?;
        Ok(Self {
            inner,
            spki_der: document.as_bytes().into(),
        })
    }

    /// The key's kind and size.
    pub fn kind(&self) -> KeyKind {
        self.inner.kind()
    }

    /// The public key as DER `SubjectPublicKeyInfo`, as a request built with this key carries
    /// it.
    pub fn public_key_der(&self) -> &[u8] {
        &self.spki_der
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }

    /// Whether `spki_der` (a DER `SubjectPublicKeyInfo`) is this key's public key. Keys are
    /// compared decoded, so an EC point written compressed still matches.
    pub fn matches_public_key(&self, spki_der: &[u8]) -> bool {
        match &self.inner {
            Inner::Rsa(key) => rsa::PublicKey::from_public_key_der(spki_der)
                .is_ok_and(|public| public == key.to_public_key()),
            Inner::P256(key) => p256::ecdsa::VerifyingKey::from_public_key_der(spki_der)
                .is_ok_and(|public| &public == key.verifying_key()),
            Inner::P384(key) => p384::ecdsa::VerifyingKey::from_public_key_der(spki_der)
                .is_ok_and(|public| &public == key.verifying_key()),
        }
    }

    /// Whether `certificate` certifies this key.
    pub fn matches_certificate(&self, certificate: &Certificate) -> bool {
        self.matches_public_key(certificate.subject_public_key_info_der())
    }

    /// Whether `request` was made for this key.
    pub fn matches_request(&self, request: &CertificateRequest) -> bool {
        self.matches_public_key(request.subject_public_key_info_der())
    }
}

/// Pairs a delivered certificate with the request it was ordered with and the key both should
/// carry, in one call.
///
/// ```
/// use sote_certs::key::{KeyKind, PrivateKey, pair};
/// use sote_certs::csr::RequestBuilder;
/// use sote_certs::Profile;
///
/// let key = PrivateKey::generate(KeyKind::EcP256)?;
/// let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).ok_or("date")?;
/// let request = RequestBuilder::new(
///     Profile::SystemSignature, "Esimerkki Oy", "1.2.246.10.12345671.10.1".parse()?, "Arkisto",
/// ).build(&key, date)?;
/// assert!(key.matches_request(&request));
/// # let _ = pair;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn pair(key: &PrivateKey, request: &CertificateRequest, certificate: &Certificate) -> Pairing {
    Pairing {
        key_matches_request: key.matches_request(request),
        key_matches_certificate: key.matches_certificate(certificate),
        request: request.match_certificate(certificate),
    }
}

impl Pairing {
    /// The key is the request's and the certificate's, and the certificate is what was
    /// requested.
    pub fn is_match(&self) -> bool {
        self.key_matches_request && self.key_matches_certificate && self.request.is_match()
    }
}

impl Inner {
    fn kind(&self) -> KeyKind {
        match self {
            // The bound on reading (MAX_RSA_BITS) keeps the size in a u32.
            Inner::Rsa(key) => KeyKind::Rsa {
                bits: key.n().bit_width(),
            },
            Inner::P256(_) => KeyKind::EcP256,
            Inner::P384(_) => KeyKind::EcP384,
        }
    }
}

impl KeyKind {
    /// The kinds [`PrivateKey::generate`] makes.
    pub const GENERATED: [KeyKind; 5] = [
        KeyKind::EcP256,
        KeyKind::EcP384,
        KeyKind::Rsa { bits: 2048 },
        KeyKind::Rsa { bits: 3072 },
        KeyKind::Rsa { bits: 4096 },
    ];

    /// The named-curve OID of an EC kind.
    pub fn curve(self) -> Option<ObjectIdentifier> {
        match self {
            KeyKind::EcP256 => Some(const_oid::db::rfc5912::SECP_256_R_1),
            KeyKind::EcP384 => Some(const_oid::db::rfc5912::SECP_384_R_1),
            KeyKind::Rsa { .. } => None,
        }
    }
}

impl fmt::Display for KeyKind {
    /// `ec-p256`, `ec-p384`, `rsa-2048`: the names the request report uses.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyKind::EcP256 => f.write_str("ec-p256"),
            KeyKind::EcP384 => f.write_str("ec-p384"),
            KeyKind::Rsa { bits } => write!(f, "rsa-{bits}"),
        }
    }
}

impl FromStr for KeyKind {
    type Err = UnknownKeyKind;

    /// `ec-p256`, `ec-p384` or `rsa-N`.
    fn from_str(name: &str) -> Result<Self, UnknownKeyKind> {
        match name {
            "ec-p256" => Ok(KeyKind::EcP256),
            "ec-p384" => Ok(KeyKind::EcP384),
            _ => name
                .strip_prefix("rsa-")
                .and_then(|bits| bits.parse().ok())
                .map(|bits| KeyKind::Rsa { bits })
                .ok_or_else(|| UnknownKeyKind(name.to_owned())),
        }
    }
}

impl fmt::Display for KeyForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyForm::Pkcs8 => "PKCS#8",
            KeyForm::EncryptedPkcs8 => "encrypted PKCS#8",
            KeyForm::Pkcs1 => "PKCS#1 RSA",
            KeyForm::Sec1 => "SEC1 EC",
        })
    }
}

impl Passphrase {
    /// A passphrase; refused when empty.
    pub fn new(text: impl Into<String>) -> Result<Self, KeyError> {
        let text = Zeroizing::new(text.into());
        if text.is_empty() {
            return Err(KeyError::EmptyPassphrase);
        }
        Ok(Self(text))
    }

    /// The passphrase held in the environment variable `name`; an unset (or non-unicode)
    /// variable is an error, never "no passphrase".
    pub fn from_env(name: &str) -> Result<Self, KeyError> {
        let text = std::env::var(name).map_err(|_| KeyError::PassphraseVariable {
            name: name.to_owned(),
        })?;
        Self::new(text)
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

impl fmt::Debug for PrivateKey {
    /// The kind and the SHA-256 of the public key's DER, never the private key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fingerprint = Sha256::digest(&self.spki_der);
        let hex: String = fingerprint.iter().map(|b| format!("{b:02x}")).collect();
        f.debug_struct("PrivateKey")
            .field("kind", &self.kind())
            .field("public_key_sha256", &hex)
            .finish_non_exhaustive()
    }
}

// Every field zeroizes itself on drop: RsaPrivateKey and the ECDSA signing keys are
// ZeroizeOnDrop, and the public key is not secret.
impl ZeroizeOnDrop for PrivateKey {}
