//! Deterministic test certificates, CSRs and a test CA (feature `test-fixtures`).
//!
//! **Never use this for production.** Every key here is derived from a public seed: anyone who
//! knows the seed knows the private key. The module exists so that tests (this crate's and its
//! users') can make realistic DVV-style sote certificates, and certificates with exactly one
//! named defect, without shipping opaque binary fixtures.
//!
//! Everything is a pure function of its inputs: the same [`Seed`] and the same templates give
//! byte-identical keys, certificates and requests (ECDSA signatures use RFC 6979 deterministic
//! nonces, RSA signatures are PKCS #1 v1.5). Nothing reads the clock.
//!
//! - [`TestCa`] is a self-signed CA with any distinguished name, for example DVV's production
//!   G3E name ([`DvvCa::g3e`]) or a VRK test CA name ([`DvvCa::test_g2`]), read from the CA
//!   table of [`crate::authority`].
//! - [`CertTemplate`] is plain data: every field of the certificate is explicit, including
//!   values RFC 5280 forbids (negative, zero and over-long serials, duplicate or unknown
//!   extensions), so a test can build any defect. [`CertTemplate::dvv_like`] fills it in the way
//!   DVV does for one of the four sote profiles ([`crate::Profile`], with the presets of
//!   [`ProfilePreset`]), reading DVV's facts where the inspection reads them (the validity
//!   limits of [`crate::profile::ProfileSpec::dvv`], the notAfter rule of
//!   [`crate::validity::latest_not_after`]).
//! - [`Defect`] names one defect per inspection rule; [`CertTemplate::with_defect`] applies it
//!   and [`CertTemplate::dvv_like_with_defect`] builds a DVV-like template that has it, so that
//!   the minted certificate's report holds exactly the defect's [`Defect::expected_rule`].
//! - [`CsrTemplate`] and [`mint_csr`] make PKCS #10 requests (RFC 2986) with a valid
//!   self-signature; [`MintedCsr::with_corrupted_signature`] breaks it on purpose.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use sote_certs::Profile;
//! use sote_certs::mint::{CertTemplate, DvvCa};
//!
//! let ca = DvvCa::g3e().test_ca(7)?;
//! let now = Utc.with_ymd_and_hms(2024, 3, 1, 10, 0, 0).unwrap();
//! let template = CertTemplate::dvv_like(Profile::SystemSignature, now)?;
//! let cert = ca.issue(&template)?;
//! assert!(cert.pem.starts_with("-----BEGIN CERTIFICATE-----"));
//! assert_eq!(cert.der, ca.issue(&template)?.der); // deterministic
//! # Ok::<(), sote_certs::mint::MintError>(())
//! ```
//!
//! RSA key generation is slow in unoptimised builds: keys are cached per (seed, size) for the
//! life of the process, and the crate's `Cargo.toml` sets `opt-level = 3` for the `rsa`,
//! `crypto-bigint` and `crypto-primes` packages in the dev profile.

mod cert;
mod crl;
mod csr;
mod defect;
mod dvv;
mod encode;
mod key;
mod name;

use sha2::{Digest, Sha256};

pub use cert::{Aia, CertTemplate, Ext, Minted, Policy, RawExtension, San, TestCa, key_usage};
pub use crl::{CrlEntryTemplate, CrlTemplate};
pub use csr::{CsrTemplate, MintedCsr, mint_csr};
pub use defect::Defect;
pub use dvv::{DvvCa, ProfilePreset, dvv_not_after, dvv_serial};
pub use key::{KeySpec, SignatureHash, TestKey};
pub use name::{Dn, DnAttribute, StringKind};

/// Errors from minting. Messages name the value that could not be encoded or signed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MintError {
    /// Key generation failed (for example an RSA size under 1024 bits).
    #[error("cannot generate a {spec} key: {reason}")]
    KeyGeneration {
        /// The key that was asked for.
        spec: KeySpec,
        /// What the key library reported.
        reason: String,
    },
    /// The signature library refused to sign.
    #[error("cannot sign with {hash} and a {key} key: {reason}")]
    Signing {
        /// The signing key.
        key: KeySpec,
        /// The hash asked for.
        hash: SignatureHash,
        /// What the signature library reported.
        reason: String,
    },
    /// A key could not be written in PKCS #8 or SPKI form.
    #[error("cannot encode a {spec} key: {reason}")]
    KeyEncoding {
        /// The key.
        spec: KeySpec,
        /// What the encoder reported.
        reason: String,
    },
    /// A string does not fit the ASN.1 string type it must be written as.
    #[error("{value:?} is not a valid {kind} for {what}")]
    InvalidString {
        /// The string.
        value: String,
        /// The ASN.1 string type.
        kind: StringKind,
        /// Where it was to go (an attribute OID or an extension name).
        what: String,
    },
    /// A time before 1970 or after 9999 (DER time types in `der` cover 1970–9999).
    #[error("time {time} cannot be encoded as an X.509 time")]
    TimeOutOfRange {
        /// The time.
        time: chrono::DateTime<chrono::Utc>,
    },
    /// The profile's specification sets no validity limit for the issue date, so a DVV-like
    /// notAfter cannot be chosen.
    #[error("{profile} has no validity limit for certificates issued on {issue_date}")]
    NoValidityLimit {
        /// The profile.
        profile: crate::Profile,
        /// The Helsinki issue date.
        issue_date: chrono::NaiveDate,
    },
    /// The serial number could not be built.
    #[error("cannot build the serial number")]
    Serial(#[from] crate::SerialError),
    /// A DER structure could not be encoded.
    #[error("cannot encode {what}")]
    Der {
        /// The structure.
        what: &'static str,
        /// The encoder's error.
        source: der::Error,
    },
}

/// A 32-byte seed from which keys, serial numbers and everything else random are derived.
///
/// Build one from a `u64` (`Seed::from(42)`) or from 32 bytes. Different uses of one seed get
/// independent streams through [`Seed::derive`], so a CA key and a certificate key made from the
/// same seed differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Seed([u8; 32]);

impl Seed {
    /// A seed from its 32 bytes.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// A seed from a text label (its SHA-256), for readable fixed seeds such as
    /// `Seed::from_label("server")`.
    pub fn from_label(label: &str) -> Self {
        Self(Sha256::digest(label.as_bytes()).into())
    }

    /// The seed's bytes.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// An independent seed for one use (`label`) of this seed: SHA-256 over a domain tag, the
    /// label and the seed.
    pub fn derive(&self, label: &str) -> Seed {
        let mut hash = Sha256::new();
        hash.update(b"sote-certs mint v1\0");
        // The label's length keeps ("ab", seed) and ("a", "b" + seed) apart.
        hash.update((label.len() as u64).to_be_bytes());
        hash.update(label.as_bytes());
        hash.update(self.0);
        Seed(hash.finalize().into())
    }

    /// A ChaCha20 generator for one use of this seed.
    fn rng(&self, label: &str) -> rand_chacha::ChaCha20Rng {
        rand_core::SeedableRng::from_seed(self.derive(label).0)
    }
}

impl From<u64> for Seed {
    /// The `u64` in big-endian order in the last 8 bytes, zeros before.
    fn from(value: u64) -> Self {
        let mut bytes = [0u8; 32];
        let tail = value.to_be_bytes();
        for (dst, src) in bytes.iter_mut().skip(24).zip(tail) {
            *dst = src;
        }
        Self(bytes)
    }
}

impl From<[u8; 32]> for Seed {
    fn from(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }
}
