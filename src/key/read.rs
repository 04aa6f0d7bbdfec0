//! Reading private keys: PEM blocks or DER of PKCS#8 (RFC 5208, RFC 5958), encrypted PKCS#8
//! (PBES2, RFC 8018), PKCS#1 (RFC 8017) and SEC1 (RFC 5915).

use const_oid::ObjectIdentifier;
use const_oid::db::rfc5912;
use der::Decode;
use pkcs8::pkcs5::{self, pbes2};
use rsa::PrivateKey as RsaPrivateKey;
use rsa::pkcs1::DecodeRsaPrivateKey;
use zeroize::Zeroizing;

use super::{
    Inner, KeyError, KeyForm, MAX_PBKDF2_ITERATIONS, MAX_RSA_BITS, MAX_SCRYPT_MEMORY, Passphrase,
    PrivateKey,
};

/// The PEM labels of private keys, with the structure each holds.
const LABELS: [(&str, KeyForm); 4] = [
    ("PRIVATE KEY", KeyForm::Pkcs8),
    ("ENCRYPTED PRIVATE KEY", KeyForm::EncryptedPkcs8),
    ("RSA PRIVATE KEY", KeyForm::Pkcs1),
    ("EC PRIVATE KEY", KeyForm::Sec1),
];

/// Reads the first private key in `input`.
pub(super) fn read(input: &[u8], passphrase: Option<&Passphrase>) -> Result<PrivateKey, KeyError> {
    if let Some((label, form, block)) = pem_block(input) {
        if contains(block, b"Proc-Type:") {
            return Err(KeyError::LegacyPemEncryption { label });
        }
        let (_, der) =
            der::pem::decode_vec(block).map_err(|source| KeyError::Pem { label, source })?;
        let der = Zeroizing::new(der);
        return decode(form, &der, passphrase);
    }
    if contains(input, b"-----BEGIN ") {
        return Err(KeyError::NoKey);
    }
    decode(der_form(input)?, input, passphrase)
}

/// The first PEM block with a private key label: its label, form and bytes (BEGIN to END line).
fn pem_block(input: &[u8]) -> Option<(&'static str, KeyForm, &[u8])> {
    const BEGIN: &[u8] = b"-----BEGIN ";
    let mut at = 0;
    while let Some(offset) = find(input.get(at..)?, BEGIN) {
        let start = at + offset;
        let rest = input.get(start + BEGIN.len()..)?;
        at = start + BEGIN.len();
        let Some((label, form)) = LABELS.iter().find(|(label, _)| {
            rest.strip_prefix(label.as_bytes())
                .is_some_and(|after| after.starts_with(b"-----"))
        }) else {
            continue;
        };
        let end_line = format!("-----END {label}-----");
        let end = find(rest, end_line.as_bytes())?;
        let block = input.get(start..start + BEGIN.len() + end + end_line.len())?;
        return Some((label, *form, block));
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

/// The structure DER bytes hold, tried from the most to the least common.
fn der_form(der: &[u8]) -> Result<KeyForm, KeyError> {
    if pkcs8::PrivateKeyInfoRef::from_der(der).is_ok() {
        Ok(KeyForm::Pkcs8)
    } else if pkcs8::EncryptedPrivateKeyInfoRef::from_der(der).is_ok() {
        Ok(KeyForm::EncryptedPkcs8)
    } else if pkcs1::RsaPrivateKeyRef::from_der(der).is_ok() {
        Ok(KeyForm::Pkcs1)
    } else if sec1::EcPrivateKey::from_der(der).is_ok() {
        Ok(KeyForm::Sec1)
    } else {
        Err(KeyError::NoKey)
    }
}

fn decode(
    form: KeyForm,
    der: &[u8],
    passphrase: Option<&Passphrase>,
) -> Result<PrivateKey, KeyError> {
    let inner = match form {
        KeyForm::Pkcs8 => pkcs8_key(der)?,
        KeyForm::EncryptedPkcs8 => encrypted_pkcs8_key(der, passphrase)?,
        KeyForm::Pkcs1 => rsa_key(der)?,
        KeyForm::Sec1 => sec1_key(der)?,
    };
    PrivateKey::new(inner)
}

fn malformed(form: KeyForm) -> impl Fn(&dyn core::fmt::Display) -> KeyError {
    move |e| KeyError::Malformed {
        form,
        reason: e.to_string(),
    }
}

fn pkcs8_key(der: &[u8]) -> Result<Inner, KeyError> {
    let bad = malformed(KeyForm::Pkcs8);
    let info = pkcs8::PrivateKeyInfoRef::from_der(der).map_err(|e| bad(&e))?;
    match info.algorithm.oid {
        rfc5912::RSA_ENCRYPTION => rsa_key(info.private_key.as_bytes()),
        rfc5912::ID_EC_PUBLIC_KEY => {
            let curve = info.algorithm.parameters_oid().ok();
            ec_key(curve, KeyForm::Pkcs8, || {
                use p256::pkcs8::DecodePrivateKey;
                Ok(match curve {
                    Some(rfc5912::SECP_256_R_1) => Inner::P256(
                        p256::ecdsa::SigningKey::from_pkcs8_der(der).map_err(|e| bad(&e))?,
                    ),
                    _ => Inner::P384(
                        p384::ecdsa::SigningKey::from_pkcs8_der(der).map_err(|e| bad(&e))?,
                    ),
                })
            })
        }
        algorithm => Err(KeyError::UnsupportedAlgorithm { algorithm }),
    }
}

/// Checks that `curve` is P-256 or P-384 before `decode` runs.
fn ec_key(
    curve: Option<ObjectIdentifier>,
    _form: KeyForm,
    decode: impl FnOnce() -> Result<Inner, KeyError>,
) -> Result<Inner, KeyError> {
    match curve {
        Some(rfc5912::SECP_256_R_1 | rfc5912::SECP_384_R_1) => decode(),
        Some(other) => Err(KeyError::UnsupportedCurve {
            curve: const_oid::db::DB
                .by_oid(&other)
                .map_or_else(|| other.to_string(), |name| format!("{name} ({other})")),
        }),
        None => Err(KeyError::UnsupportedCurve {
            curve: "unnamed".to_owned(),
        }),
    }
}

fn rsa_key(der: &[u8]) -> Result<Inner, KeyError> {
    let bad = malformed(KeyForm::Pkcs1);
    let parsed = pkcs1::RsaPrivateKeyRef::from_der(der).map_err(|e| bad(&e))?;
    let modulus = parsed.modulus.as_bytes();
    let leading = modulus.first().map_or(0, |b| b.leading_zeros());
    let bits = u32::try_from(modulus.len())
        .unwrap_or(u32::MAX)
        .saturating_mul(8)
        .saturating_sub(leading);
    if bits > MAX_RSA_BITS {
        return Err(KeyError::RsaTooLarge { bits });
    }
    let key = RsaPrivateKey::from_pkcs1_der(der).map_err(|e| bad(&e))?;
    Ok(Inner::Rsa(Box::new(key)))
}

fn sec1_key(der: &[u8]) -> Result<Inner, KeyError> {
    let bad = malformed(KeyForm::Sec1);
    let parsed = sec1::EcPrivateKey::from_der(der).map_err(|e| bad(&e))?;
    let curve = parsed.parameters.and_then(|p| p.named_curve());
    ec_key(curve, KeyForm::Sec1, || {
        Ok(match curve {
            Some(rfc5912::SECP_256_R_1) => Inner::P256(
                p256::SecretKey::from_sec1_der(der)
                    .map_err(|e| bad(&e))?
                    .into(),
            ),
            _ => Inner::P384(
                p384::SecretKey::from_sec1_der(der)
                    .map_err(|e| bad(&e))?
                    .into(),
            ),
        })
    })
}

fn encrypted_pkcs8_key(der: &[u8], passphrase: Option<&Passphrase>) -> Result<Inner, KeyError> {
    let bad = malformed(KeyForm::EncryptedPkcs8);
    let info = pkcs8::EncryptedPrivateKeyInfoRef::from_der(der).map_err(|e| bad(&e))?;
    let pkcs5::EncryptionScheme::Pbes2(parameters) = &info.encryption_algorithm else {
        return Err(KeyError::UnsupportedEncryption {
            scheme: format!("PBES1 ({})", info.encryption_algorithm.oid()),
        });
    };
    check_cost(&parameters.kdf)?;
    let passphrase = passphrase.ok_or(KeyError::PassphraseRequired)?;
    let plain = info
        .decrypt(passphrase.as_bytes())
        .map_err(|_| KeyError::Decryption)?;
    // A wrong passphrase that happens to leave valid CBC padding leaves garbage: that too is
    // a passphrase that does not decrypt the key.
    pkcs8_key(plain.as_bytes()).map_err(|e| match e {
        KeyError::Malformed { .. } => KeyError::Decryption,
        other => other,
    })
}

/// Refuses key derivation parameters whose work is over the bounds, before deriving.
fn check_cost(kdf: &pbes2::Kdf) -> Result<(), KeyError> {
    if let Some(pbkdf2) = kdf.pbkdf2()
        && pbkdf2.iteration_count > MAX_PBKDF2_ITERATIONS
    {
        return Err(KeyError::KeyDerivationTooCostly {
            what: format!("PBKDF2 iteration count {}", pbkdf2.iteration_count),
            bound: u64::from(MAX_PBKDF2_ITERATIONS),
        });
    }
    if let Some(scrypt) = kdf.scrypt() {
        let memory = 128u64
            .saturating_mul(u64::from(scrypt.block_size))
            .saturating_mul(scrypt.cost_parameter)
            .saturating_mul(u64::from(scrypt.parallelization.max(1)));
        if memory > MAX_SCRYPT_MEMORY {
            return Err(KeyError::KeyDerivationTooCostly {
                what: format!(
                    "scrypt cost (N={}, r={}, p={}: {memory} octets)",
                    scrypt.cost_parameter, scrypt.block_size, scrypt.parallelization
                ),
                bound: MAX_SCRYPT_MEMORY,
            });
        }
    }
    Ok(())
}
