//! Signature verification with aws-lc-rs, the backend the path validation uses (chosen by
//! `benches/trust.rs`, see BENCHMARKS.md): RSA PKCS#1 v1.5 with SHA-1 and SHA-256/384/512, and
//! ECDSA on P-256 and P-384 with SHA-256/384/512.
//!
//! Whether a signature is mathematically valid and whether its algorithm is trusted are two
//! questions: a SHA-1 RSA signature is verified (and may be valid), but [`is_weak_algorithm`]
//! says the crate declines to trust it.

use const_oid::ObjectIdentifier;
use const_oid::db::rfc5912;

/// The outcome of checking a signature: verified, invalid, or not checked.
///
/// ```
/// use sote_certs::csr::SignatureCheck;
///
/// let pem = std::fs::read("tests/fixtures/requests/server-ec-p256-sha1.csr")?;
/// let csr = &sote_certs::csr::read_certificate_requests(&pem)?[0];
/// let check = csr.verify_signature();
/// assert!(matches!(check, SignatureCheck::NotChecked { .. }));
/// assert_eq!(check.is_valid(), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignatureCheck {
    /// The signature was verified and is valid under the public key. Its algorithm may still
    /// be one the crate declines to trust (SHA-1 RSA): see [`is_weak_algorithm`].
    Verified,
    /// The signature was verified and is wrong (wrong key, corrupted signature or content,
    /// malformed key or signature).
    Invalid,
    /// The signature was not judged, valid or not.
    NotChecked {
        /// The signature algorithm OID.
        algorithm: ObjectIdentifier,
        /// Why it was not checked.
        reason: NotCheckedReason,
    },
}

/// Why a signature was not checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NotCheckedReason {
    /// An algorithm the crate declines to trust and does not verify (MD2, MD5, ECDSA with
    /// SHA-1, DSA).
    Weak,
    /// An algorithm or key the crate does not verify (RSASSA-PSS, EdDSA, ECDSA on a curve other
    /// than P-256 and P-384, an RSA key under 1024 or over 8192 bits or under 2048 bits with
    /// SHA-384, anything unknown).
    Unsupported,
    /// The crate was built without signature verification (feature `verify` off).
    NotBuilt,
}

impl SignatureCheck {
    /// `Some(true)` when verified and valid, `Some(false)` when verified and wrong, `None` when
    /// not checked. A valid signature with a weak algorithm is `Some(true)`.
    pub fn is_valid(self) -> Option<bool> {
        match self {
            SignatureCheck::Verified => Some(true),
            SignatureCheck::Invalid => Some(false),
            SignatureCheck::NotChecked { .. } => None,
        }
    }

    /// Whether the signature was verified and is valid.
    pub fn is_verified(self) -> bool {
        self == SignatureCheck::Verified
    }
}

#[derive(Clone, Copy)]
enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

#[cfg(feature = "verify")]
const ID_EC_PUBLIC_KEY: ObjectIdentifier = rfc5912::ID_EC_PUBLIC_KEY;
#[cfg(feature = "verify")]
const SECP_256_R_1: ObjectIdentifier = rfc5912::SECP_256_R_1;
#[cfg(feature = "verify")]
const SECP_384_R_1: ObjectIdentifier = rfc5912::SECP_384_R_1;
const ECDSA_WITH_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.1");

/// Signature algorithms the crate declines to trust, verified or not: MD2, MD5 and SHA-1
/// hashes (RFC 6151, RFC 9155) and DSA, which DVV's profiles do not use.
const WEAK: [ObjectIdentifier; 7] = [
    rfc5912::MD_2_WITH_RSA_ENCRYPTION,
    rfc5912::MD_5_WITH_RSA_ENCRYPTION,
    rfc5912::SHA_1_WITH_RSA_ENCRYPTION,
    ECDSA_WITH_SHA1,
    rfc5912::DSA_WITH_SHA_1,
    rfc5912::DSA_WITH_SHA_224,
    rfc5912::DSA_WITH_SHA_256,
];

/// Whether the crate declines to trust signatures made with `algorithm`, valid or not: MD2,
/// MD5 or SHA-1 (RFC 6151, RFC 9155), or DSA (which no sote profile uses).
///
/// ```
/// use const_oid::db::rfc5912;
/// use sote_certs::csr::is_weak_algorithm;
///
/// assert!(is_weak_algorithm(rfc5912::SHA_1_WITH_RSA_ENCRYPTION));
/// assert!(!is_weak_algorithm(rfc5912::SHA_256_WITH_RSA_ENCRYPTION));
/// ```
pub fn is_weak_algorithm(algorithm: ObjectIdentifier) -> bool {
    WEAK.contains(&algorithm)
}

/// Verifies `signature` over `message` by the key in `spki_der` (a SubjectPublicKeyInfo) with
/// the algorithm `algorithm` (an X.509 signature algorithm OID).
pub fn verify(
    spki_der: &[u8],
    algorithm: ObjectIdentifier,
    message: &[u8],
    signature: &[u8],
) -> SignatureCheck {
    let (rsa, hash) = match algorithm {
        rfc5912::SHA_1_WITH_RSA_ENCRYPTION => (true, Hash::Sha1),
        rfc5912::SHA_256_WITH_RSA_ENCRYPTION => (true, Hash::Sha256),
        rfc5912::SHA_384_WITH_RSA_ENCRYPTION => (true, Hash::Sha384),
        rfc5912::SHA_512_WITH_RSA_ENCRYPTION => (true, Hash::Sha512),
        rfc5912::ECDSA_WITH_SHA_256 => (false, Hash::Sha256),
        rfc5912::ECDSA_WITH_SHA_384 => (false, Hash::Sha384),
        rfc5912::ECDSA_WITH_SHA_512 => (false, Hash::Sha512),
        _ => {
            let reason = if is_weak_algorithm(algorithm) {
                NotCheckedReason::Weak
            } else {
                NotCheckedReason::Unsupported
            };
            return SignatureCheck::NotChecked { algorithm, reason };
        }
    };
    match check(rsa, hash, spki_der, message, signature) {
        Ok(check) => check,
        Err(reason) => SignatureCheck::NotChecked { algorithm, reason },
    }
}

/// Without the `verify` feature, nothing is verified.
#[cfg(not(feature = "verify"))]
fn check(
    _: bool,
    _: Hash,
    _: &[u8],
    _: &[u8],
    _: &[u8],
) -> Result<SignatureCheck, NotCheckedReason> {
    Err(NotCheckedReason::NotBuilt)
}

/// Verifies an RSA PKCS #1 v1.5 (`rsa`) or ECDSA signature made with `hash`, with aws-lc-rs.
/// A key that does not decode as the algorithm's is an invalid signature; a combination
/// aws-lc-rs has no algorithm for (an RSA key under 1024 or over 8192 bits, or under 2048 bits
/// with SHA-384; an EC curve other than P-256 and P-384) is not checked, never called invalid.
#[cfg(feature = "verify")]
fn check(
    rsa: bool,
    hash: Hash,
    spki_der: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<SignatureCheck, NotCheckedReason> {
    use aws_lc_rs::signature as alg;
    use der::Decode;
    let Some((key_algorithm, curve, public_key)) =
        spki::SubjectPublicKeyInfoRef::from_der(spki_der)
            .ok()
            .and_then(|spki| {
                let curve = spki.algorithm.parameters_oid().ok();
                Some((
                    spki.algorithm.oid,
                    curve,
                    spki.subject_public_key.as_bytes()?,
                ))
            })
    else {
        return Ok(SignatureCheck::Invalid);
    };
    let unsupported = Err(NotCheckedReason::Unsupported);
    // 0 when the RSA key does not decode (invalid, as any key that does not decode).
    let bits = if rsa {
        rsa_bits(public_key).unwrap_or(0)
    } else {
        0
    };
    let algorithm: &'static dyn alg::VerificationAlgorithm = match (rsa, curve, hash) {
        (true, ..) if key_algorithm != rfc5912::RSA_ENCRYPTION => {
            return Ok(SignatureCheck::Invalid);
        }
        (true, ..) if bits == 0 => return Ok(SignatureCheck::Invalid),
        (true, ..) if !(1024..=8192).contains(&bits) => return unsupported,
        (true, _, Hash::Sha1) => &alg::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
        (true, _, Hash::Sha256) => &alg::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
        (true, _, Hash::Sha384) if bits < 2048 => return unsupported,
        (true, _, Hash::Sha384) => &alg::RSA_PKCS1_2048_8192_SHA384,
        (true, _, Hash::Sha512) => &alg::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
        (false, ..) if key_algorithm != ID_EC_PUBLIC_KEY => return Ok(SignatureCheck::Invalid),
        (false, Some(SECP_256_R_1), Hash::Sha256) => &alg::ECDSA_P256_SHA256_ASN1,
        (false, Some(SECP_256_R_1), Hash::Sha384) => &alg::ECDSA_P256_SHA384_ASN1,
        (false, Some(SECP_256_R_1), Hash::Sha512) => &alg::ECDSA_P256_SHA512_ASN1,
        (false, Some(SECP_384_R_1), Hash::Sha256) => &alg::ECDSA_P384_SHA256_ASN1,
        (false, Some(SECP_384_R_1), Hash::Sha384) => &alg::ECDSA_P384_SHA384_ASN1,
        (false, Some(SECP_384_R_1), Hash::Sha512) => &alg::ECDSA_P384_SHA512_ASN1,
        // Another curve (P-521, secp256k1, a curve given by parameters); SHA-1 ECDSA is weak and
        // never reaches here.
        (false, ..) => return unsupported,
    };
    let valid = alg::UnparsedPublicKey::new(algorithm, public_key)
        .verify(message, signature)
        .is_ok();
    Ok(if valid {
        SignatureCheck::Verified
    } else {
        SignatureCheck::Invalid
    })
}

/// The size in bits of the modulus of an RSAPublicKey (RFC 8017 A.1.1: SEQUENCE { modulus,
/// publicExponent }); `None` when it does not decode.
#[cfg(feature = "verify")]
fn rsa_bits(public_key: &[u8]) -> Option<u64> {
    let (_, key, _) = crate::asn1::split_tlv(public_key)?;
    let (_, modulus, _) = crate::asn1::split_tlv(key)?;
    Some(crate::serial::unsigned_bit_length(modulus))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without the `verify` feature (CI runs the library's tests so), a signature the crate
    /// would verify is "not built", and one it declines or cannot verify keeps its reason.
    #[test]
    #[cfg(not(feature = "verify"))]
    fn without_verification_nothing_is_checked_and_says_why() {
        for (algorithm, reason) in [
            (rfc5912::ECDSA_WITH_SHA_256, NotCheckedReason::NotBuilt),
            (rfc5912::MD_5_WITH_RSA_ENCRYPTION, NotCheckedReason::Weak),
        ] {
            assert_eq!(
                verify(&[0x30, 0x00], algorithm, b"message", &[0x30, 0x00]),
                SignatureCheck::NotChecked { algorithm, reason }
            );
        }
    }

    /// With it, a key that does not decode is an invalid signature, never "not built".
    #[test]
    #[cfg(feature = "verify")]
    fn with_verification_a_key_that_does_not_decode_is_invalid() {
        let algorithm = rfc5912::ECDSA_WITH_SHA_256;
        assert_eq!(
            verify(&[0x30, 0x00], algorithm, b"message", &[0x30, 0x00]),
            SignatureCheck::Invalid
        );
    }
}
