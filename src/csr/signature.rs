//! Signature verification with the RustCrypto crates: RSA PKCS#1 v1.5 with SHA-256/384/512 and
//! ECDSA on P-256 and P-384 with SHA-256/384/512.

use const_oid::ObjectIdentifier;
use const_oid::db::rfc5912;
use p256::ecdsa::signature::hazmat::PrehashVerifier;
use sha2::Digest;
use spki::DecodePublicKey;

/// The outcome of checking a signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignatureCheck {
    /// The signature verifies under the public key.
    Valid,
    /// It does not (wrong key, corrupted signature or content, malformed key or signature).
    Invalid,
    /// The algorithm is not one this crate verifies; the signature was not judged.
    Unsupported {
        /// The signature algorithm OID.
        algorithm: ObjectIdentifier,
    },
}

impl SignatureCheck {
    /// Whether the signature verified.
    pub fn is_valid(self) -> bool {
        self == SignatureCheck::Valid
    }
}

#[derive(Clone, Copy)]
enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    fn digest(self, message: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha256 => sha2::Sha256::digest(message).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(message).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(message).to_vec(),
        }
    }

    fn pkcs1v15(self) -> rsa::Pkcs1v15Sign {
        match self {
            Hash::Sha256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
            Hash::Sha384 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
            Hash::Sha512 => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
        }
    }
}

const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const ECDSA_WITH_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
const ECDSA_WITH_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4");

/// Verifies `signature` over `message` by the key in `spki_der` (a SubjectPublicKeyInfo) with
/// the algorithm `algorithm` (an X.509 signature algorithm OID).
pub fn verify(
    spki_der: &[u8],
    algorithm: ObjectIdentifier,
    message: &[u8],
    signature: &[u8],
) -> SignatureCheck {
    let (rsa, hash) = match algorithm {
        rfc5912::SHA_256_WITH_RSA_ENCRYPTION => (true, Hash::Sha256),
        rfc5912::SHA_384_WITH_RSA_ENCRYPTION => (true, Hash::Sha384),
        rfc5912::SHA_512_WITH_RSA_ENCRYPTION => (true, Hash::Sha512),
        ECDSA_WITH_SHA256 => (false, Hash::Sha256),
        ECDSA_WITH_SHA384 => (false, Hash::Sha384),
        ECDSA_WITH_SHA512 => (false, Hash::Sha512),
        _ => return SignatureCheck::Unsupported { algorithm },
    };
    let digest = hash.digest(message);
    let valid = if rsa {
        rsa::RsaPublicKey::from_public_key_der(spki_der)
            .is_ok_and(|key| key.verify(hash.pkcs1v15(), &digest, signature).is_ok())
    } else if let Ok(key) = p256::ecdsa::VerifyingKey::from_public_key_der(spki_der) {
        p256::ecdsa::Signature::from_der(signature)
            .is_ok_and(|sig| key.verify_prehash(&digest, &sig).is_ok())
    } else if let Ok(key) = p384::ecdsa::VerifyingKey::from_public_key_der(spki_der) {
        p384::ecdsa::Signature::from_der(signature)
            .is_ok_and(|sig| key.verify_prehash(&digest, &sig).is_ok())
    } else {
        // An ECDSA algorithm with a key on another curve, or a key that does not decode.
        false
    };
    if valid {
        SignatureCheck::Valid
    } else {
        SignatureCheck::Invalid
    }
}
