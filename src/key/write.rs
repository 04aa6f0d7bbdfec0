//! Writing private keys as PKCS#8 (RFC 5958), encrypted in the form OpenSSL 3 reads by default:
//! PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC (RFC 8018). The pkcs8 crate's default scrypt
//! parameters ask for more memory than OpenSSL 3.0 allows, so they are not used.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use der::pem::LineEnding;
use pkcs8::EncodePrivateKey;
use pkcs8::pkcs5::pbes2;
use zeroize::Zeroizing;

use super::{Inner, KeyError, Passphrase, PrivateKey};

/// PBKDF2-HMAC-SHA256 iterations of an encrypted key this crate writes: OWASP's 2023 figure for
/// PBKDF2-HMAC-SHA256 (OpenSSL 3 writes 2048 by default and reads any count).
pub const PBKDF2_ITERATIONS: u32 = 600_000;

impl PrivateKey {
    /// The key as unencrypted PKCS#8 DER (`PrivateKeyInfo`), zeroized on drop.
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>, KeyError> {
        let document = match self.inner() {
            Inner::Rsa(key) => key.to_pkcs8_der(),
            Inner::P256(key) => key.to_pkcs8_der(),
            Inner::P384(key) => key.to_pkcs8_der(),
        }
        .map_err(|e| self.encoding(&e))?;
        Ok(Zeroizing::new(document.as_bytes().to_vec()))
    }

    /// The key as PKCS#8 PEM: `PRIVATE KEY`, or `ENCRYPTED PRIVATE KEY` with `passphrase`
    /// (PBKDF2-HMAC-SHA256 with [`PBKDF2_ITERATIONS`] and a random 16-octet salt, AES-256-CBC
    /// with a random IV), LF line ends. Zeroized on drop.
    pub fn to_pkcs8_pem(
        &self,
        passphrase: Option<&Passphrase>,
    ) -> Result<Zeroizing<String>, KeyError> {
        let der = self.to_pkcs8_der()?;
        let Some(passphrase) = passphrase else {
            return der::pem::encode_string("PRIVATE KEY", LineEnding::LF, &der)
                .map(Zeroizing::new)
                .map_err(|e| self.encoding(&e));
        };
        let mut salt = [0u8; 16];
        let mut iv = [0u8; 16];
        getrandom::fill(&mut salt)
            .and_then(|()| getrandom::fill(&mut iv))
            .map_err(|e| KeyError::Random {
                reason: e.to_string(),
            })?;
        let parameters =
            pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(PBKDF2_ITERATIONS, &salt, iv)
                .map_err(|e| self.encoding(&e))?;
        let info =
            pkcs8::PrivateKeyInfoRef::try_from(der.as_slice()).map_err(|e| self.encoding(&e))?;
        let encrypted = info
            .encrypt_with_params(parameters, passphrase.as_bytes())
            .map_err(|e| self.encoding(&e))?;
        encrypted
            .to_pem("ENCRYPTED PRIVATE KEY", LineEnding::LF)
            .map_err(|e| self.encoding(&e))
    }

    /// Writes [`to_pkcs8_pem`](Self::to_pkcs8_pem) to a new file at `path`, readable and
    /// writable by its owner only (mode 0600 on Unix). An existing file is never overwritten,
    /// and a file that could not be written whole is removed.
    ///
    /// # Errors
    /// [`KeyError::FileExists`] when `path` exists; [`KeyError::Write`] when it cannot be
    /// created or written; encoding errors as [`to_pkcs8_pem`](Self::to_pkcs8_pem).
    pub fn write_pkcs8_pem_file(
        &self,
        path: &Path,
        passphrase: Option<&Passphrase>,
    ) -> Result<(), KeyError> {
        let pem = self.to_pkcs8_pem(passphrase)?;
        write_new_file(path, pem.as_bytes())
    }

    fn encoding(&self, error: &dyn core::fmt::Display) -> KeyError {
        KeyError::Encoding {
            kind: self.kind(),
            reason: error.to_string(),
        }
    }
}

/// Creates `path` (owner-only on Unix) and writes `contents` to it; refuses an existing file,
/// and removes the file again when writing fails.
pub(crate) fn write_new_file(path: &Path, contents: &[u8]) -> Result<(), KeyError> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            KeyError::FileExists {
                path: path.to_owned(),
            }
        } else {
            KeyError::Write {
                path: path.to_owned(),
                source,
            }
        }
    })?;
    if let Err(source) = file.write_all(contents).and_then(|()| file.sync_all()) {
        drop(file);
        // Best effort: the write error is what the caller needs to hear about.
        let _ = std::fs::remove_file(path);
        return Err(KeyError::Write {
            path: path.to_owned(),
            source,
        });
    }
    Ok(())
}
