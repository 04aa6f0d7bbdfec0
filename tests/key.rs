#![cfg(feature = "request")]
//! Reading, generating, writing and pairing private keys.

use std::path::PathBuf;

use sote_certs::key::{KeyError, KeyForm, KeyKind, Passphrase, PrivateKey, pair};

const PASS: &str = "test-only passphrase";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/keys/{name}")).unwrap()
}

fn read(name: &str) -> Result<PrivateKey, KeyError> {
    PrivateKey::from_bytes(&fixture(name), Some(&Passphrase::new(PASS).unwrap()))
}

#[test]
fn every_form_openssl_writes_reads_with_its_kind() {
    for (name, kind) in [
        ("ec-p256.pkcs8.pem", KeyKind::EcP256),
        ("ec-p256.sec1.pem", KeyKind::EcP256),
        ("ec-p384.pkcs8.der", KeyKind::EcP384),
        ("ec-p384.sec1.der", KeyKind::EcP384),
        ("rsa-2048.pkcs1.pem", KeyKind::Rsa { bits: 2048 }),
        ("rsa-3072.pkcs8.pem", KeyKind::Rsa { bits: 3072 }),
        ("rsa-4096.pkcs8.pem", KeyKind::Rsa { bits: 4096 }),
        ("rsa-2048.pkcs8-aes256.pem", KeyKind::Rsa { bits: 2048 }),
        ("ec-p256.pkcs8-aes256.der", KeyKind::EcP256),
        ("rsa-1024.pkcs1.pem", KeyKind::Rsa { bits: 1024 }),
    ] {
        let key = read(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(key.kind(), kind, "{name}");
    }
}

#[test]
fn a_key_matches_its_public_key_and_no_other() {
    let ec = read("ec-p256.pkcs8.pem").unwrap();
    let ec_again = read("ec-p256.pkcs8-aes256.der").unwrap();
    let rsa = read("rsa-2048.pkcs1.pem").unwrap();
    let rsa_again = read("rsa-2048.pkcs8-aes256.pem").unwrap();
    let ec_pub = der::pem::decode_vec(&fixture("ec-p256.pub.pem")).unwrap().1;
    let rsa_pub = der::pem::decode_vec(&fixture("rsa-2048.pub.pem"))
        .unwrap()
        .1;
    assert!(ec.matches_public_key(&ec_pub) && ec_again.matches_public_key(&ec_pub));
    assert!(rsa.matches_public_key(&rsa_pub) && rsa_again.matches_public_key(&rsa_pub));
    assert!(!ec.matches_public_key(&rsa_pub) && !rsa.matches_public_key(&ec_pub));
    assert!(!ec.matches_public_key(b"not a key"));
}

#[test]
fn refusals_say_what_the_input_is() {
    let cases = [
        (
            "rsa-2048.legacy-aes256.pem",
            "the RSA PRIVATE KEY PEM block is encrypted with OpenSSL's legacy PEM encryption (Proc-Type: 4,ENCRYPTED), which is not read; convert it with `openssl pkcs8 -topk8 -v2 aes-256-cbc`",
        ),
        (
            "ec-p521.pkcs8.pem",
            "elliptic curve secp521r1 (1.3.132.0.35) is not supported: expected P-256 or P-384",
        ),
        (
            "ed25519.pkcs8.pem",
            "private key algorithm 1.3.101.112 is neither RSA nor EC",
        ),
        (
            "ec-p256.pub.pem",
            "no private key found: expected a PEM block labelled PRIVATE KEY, ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY, or a DER PKCS#8, PKCS#1 or SEC1 key",
        ),
    ];
    for (name, message) in cases {
        assert_eq!(read(name).unwrap_err().to_string(), message, "{name}");
    }
    let encrypted = fixture("rsa-2048.pkcs8-aes256.pem");
    assert!(matches!(
        PrivateKey::from_bytes(&encrypted, None),
        Err(KeyError::PassphraseRequired)
    ));
    let wrong = Passphrase::new("wrong").unwrap();
    assert!(matches!(
        PrivateKey::from_bytes(&encrypted, Some(&wrong)),
        Err(KeyError::Decryption)
    ));
    assert!(matches!(
        PrivateKey::from_bytes(b"", None),
        Err(KeyError::NoKey)
    ));
    let mut truncated = fixture("ec-p384.pkcs8.der");
    truncated.truncate(100);
    assert!(matches!(
        PrivateKey::from_bytes(&truncated, None),
        Err(KeyError::NoKey)
    ));
    let mut bad = fixture("ec-p256.pkcs8.pem");
    bad[40] = b'!';
    assert!(matches!(
        PrivateKey::from_bytes(&bad, None),
        Err(KeyError::Pem {
            label: "PRIVATE KEY",
            ..
        })
    ));
    assert!(matches!(
        KeyError::Malformed {
            form: KeyForm::Sec1,
            reason: String::new()
        }
        .to_string()
        .as_str(),
        "the SEC1 EC private key does not decode: "
    ));
}

#[test]
fn generated_keys_round_trip_through_pkcs8_plain_and_encrypted() {
    let passphrase = Passphrase::new("correct horse").unwrap();
    for kind in [KeyKind::EcP256, KeyKind::EcP384] {
        let key = PrivateKey::generate(kind).unwrap();
        let plain = key.to_pkcs8_pem(None).unwrap();
        assert!(plain.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        let encrypted = key.to_pkcs8_pem(Some(&passphrase)).unwrap();
        assert!(encrypted.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
        for pem in [&plain, &encrypted] {
            let back = PrivateKey::from_bytes(pem.as_bytes(), Some(&passphrase)).unwrap();
            assert_eq!(back.public_key_der(), key.public_key_der());
        }
        let der = key.to_pkcs8_der().unwrap();
        assert!(
            PrivateKey::from_bytes(&der, None)
                .unwrap()
                .matches_public_key(key.public_key_der())
        );
    }
    assert!(matches!(
        PrivateKey::generate(KeyKind::Rsa { bits: 1024 }),
        Err(KeyError::UnsupportedGeneration { .. })
    ));
}

#[test]
fn debug_never_shows_the_private_key_or_the_passphrase() {
    let key = read("ec-p256.pkcs8.pem").unwrap();
    let debug = format!("{key:?}");
    assert!(
        debug.starts_with("PrivateKey { kind: EcP256, public_key_sha256: \""),
        "{debug}"
    );
    let der = key.to_pkcs8_der().unwrap();
    // The 32-octet scalar sits in the PKCS#8 structure; no hex run of it appears in Debug.
    let hex: String = der[36..52].iter().map(|b| format!("{b:02x}")).collect();
    assert!(!debug.contains(&hex));
    let passphrase = Passphrase::new("secret words").unwrap();
    assert_eq!(format!("{passphrase:?}"), "Passphrase(..)");
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sote-key-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn key_files_are_owner_only_and_never_overwritten() {
    let dir = scratch("files");
    let path = dir.join("new.key");
    let key = PrivateKey::generate(KeyKind::EcP256).unwrap();
    key.write_pkcs8_pem_file(&path, None).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let before = std::fs::read(&path).unwrap();
    let other = PrivateKey::generate(KeyKind::EcP256).unwrap();
    let error = other.write_pkcs8_pem_file(&path, None).unwrap_err();
    assert!(matches!(error, KeyError::FileExists { .. }));
    assert!(
        error
            .to_string()
            .ends_with("exists already; it is never overwritten")
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let missing = dir.join("no-such-dir").join("k.pem");
    assert!(matches!(
        key.write_pkcs8_pem_file(&missing, None),
        Err(KeyError::Write { .. })
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_passphrase_comes_from_a_set_variable_only() {
    let error = Passphrase::from_env("SOTE_CERTS_TEST_SURELY_UNSET").unwrap_err();
    assert_eq!(
        error.to_string(),
        "environment variable SOTE_CERTS_TEST_SURELY_UNSET is not set or not unicode; the passphrase is read from it"
    );
    assert!(matches!(
        Passphrase::new(""),
        Err(KeyError::EmptyPassphrase)
    ));
}

#[test]
fn key_kinds_have_stable_names() {
    for kind in KeyKind::GENERATED {
        assert_eq!(kind.to_string().parse::<KeyKind>().unwrap(), kind);
    }
    assert_eq!(
        "dsa-1024".parse::<KeyKind>().unwrap_err().to_string(),
        "unknown key type \"dsa-1024\": expected ec-p256, ec-p384, rsa-2048, rsa-3072 or rsa-4096"
    );
}

#[test]
fn pairing_a_request_and_a_certificate_with_their_key() {
    use sote_certs::Profile;
    use sote_certs::csr::RequestBuilder;
    let key = read("ec-p256.pkcs8.pem").unwrap();
    let other = PrivateKey::generate(KeyKind::EcP256).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let request = RequestBuilder::new(
        Profile::SystemSignature,
        "Esimerkki Oy",
        "1.2.246.10.12345671.10.1".parse().unwrap(),
        "Arkisto",
    )
    .build(&key, date)
    .unwrap();
    assert!(key.matches_request(&request));
    assert!(!other.matches_request(&request));
    // A real certificate carries another key: no pairing.
    let pem =
        std::fs::read("tests/fixtures/real/kela-dcc-dsc-prod-2023-12-12-dvv-g3e.pem").unwrap();
    let cert = &sote_certs::read_certificates(&pem).unwrap()[0];
    let pairing = pair(&key, &request, cert);
    assert!(pairing.key_matches_request);
    assert!(!pairing.key_matches_certificate);
    assert!(!pairing.is_match());
}

/// `key` encrypted as PKCS#8 with scrypt at cost 2^`log_n` (r = 8, p = 1) and AES-256-CBC;
/// with `derive` false the ciphertext is not derived (a costly file that must be refused before
/// anything is derived needs no real ciphertext).
fn scrypt_encrypted(key: &PrivateKey, log_n: u8, derive: bool) -> Vec<u8> {
    use der::Encode;
    use pkcs8::pkcs5::{pbes2, scrypt};
    let params = scrypt::Params::new(log_n, 8, 1).unwrap();
    let scheme = pbes2::Parameters::generate_scrypt_aes256cbc(params, &[7; 16], [9; 16]).unwrap();
    let ciphertext = if derive {
        scheme.encrypt(PASS, &key.to_pkcs8_der().unwrap()).unwrap()
    } else {
        vec![0; 160]
    };
    let info = pkcs8::EncryptedPrivateKeyInfo {
        encryption_algorithm: scheme.into(),
        encrypted_data: der::asn1::OctetString::new(ciphertext).unwrap(),
    };
    info.to_der().unwrap()
}

/// An encrypted PKCS#8 file asking for `iterations` of PBKDF2-SHA256, with placeholder
/// ciphertext: it must be refused before any derivation.
fn pbkdf2_encrypted_placeholder(iterations: u32) -> Vec<u8> {
    use der::Encode;
    use pkcs8::pkcs5::pbes2;
    let scheme =
        pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(iterations, &[7; 16], [9; 16]).unwrap();
    pkcs8::EncryptedPrivateKeyInfo {
        encryption_algorithm: scheme.into(),
        encrypted_data: der::asn1::OctetString::new(vec![0; 160]).unwrap(),
    }
    .to_der()
    .unwrap()
}

#[test]
fn pbkdf2_iteration_counts_over_the_bound_are_refused_before_deriving() {
    let passphrase = Passphrase::new(PASS).unwrap();
    let bound = sote_certs::key::MAX_PBKDF2_ITERATIONS;
    // 10^8 is the most pkcs5 itself encodes.
    for iterations in [bound + 1, 100_000_000] {
        match PrivateKey::from_bytes(&pbkdf2_encrypted_placeholder(iterations), Some(&passphrase)) {
            Err(KeyError::KeyDerivationTooCostly { what, bound: b }) => {
                assert_eq!(b, u64::from(bound));
                assert_eq!(what, format!("PBKDF2 iteration count {iterations}"));
            }
            other => panic!("{iterations}: expected a refusal of the cost, got {other:?}"),
        }
    }
}

#[test]
fn scrypt_keys_read_within_the_memory_bound_and_are_refused_beyond_it() {
    let key = PrivateKey::generate(KeyKind::EcP256).unwrap();
    let passphrase = Passphrase::new(PASS).unwrap();
    // 2^10 · 8 · 128 octets: 1 MiB, well inside the bound.
    let cheap = scrypt_encrypted(&key, 10, true);
    let back = PrivateKey::from_bytes(&cheap, Some(&passphrase)).unwrap();
    assert_eq!(back.public_key_der(), key.public_key_der());
    // 2^19 · 8 · 128 octets: 512 MiB, over the 256 MiB bound; refused before deriving.
    let costly = scrypt_encrypted(&key, 19, false);
    match PrivateKey::from_bytes(&costly, Some(&passphrase)) {
        Err(KeyError::KeyDerivationTooCostly { what, bound }) => {
            assert_eq!(bound, sote_certs::key::MAX_SCRYPT_MEMORY);
            assert_eq!(bound, 256 * 1024 * 1024);
            assert!(
                what.contains("N=524288, r=8, p=1: 536870912 octets"),
                "{what}"
            );
        }
        other => panic!("expected a refusal of the scrypt cost, got {other:?}"),
    }
}

#[test]
fn generated_rsa_keys_have_the_size_asked_for() {
    let key = PrivateKey::generate(KeyKind::Rsa { bits: 2048 }).unwrap();
    assert_eq!(key.kind(), KeyKind::Rsa { bits: 2048 });
    let pem = key.to_pkcs8_pem(None).unwrap();
    let back = PrivateKey::from_bytes(pem.as_bytes(), None).unwrap();
    assert_eq!(back.public_key_der(), key.public_key_der());
}

#[test]
fn ec_kinds_name_their_curve_and_rsa_none() {
    assert_eq!(
        KeyKind::EcP256.curve(),
        Some(const_oid::db::rfc5912::SECP_256_R_1)
    );
    assert_eq!(
        KeyKind::EcP384.curve(),
        Some(const_oid::db::rfc5912::SECP_384_R_1)
    );
    assert_eq!(KeyKind::Rsa { bits: 2048 }.curve(), None);
}

#[test]
fn a_key_after_other_blocks_and_text_is_found() {
    // As `openssl ecparam -genkey` writes it (EC PARAMETERS first), after a line of text long
    // enough that a search resumed from the wrong place would pass over the key's BEGIN line.
    let mut text = b"Key for the test system, made 2026-12-03 by the vendor:\n".to_vec();
    text.extend_from_slice(&fixture("ec-p256.sec1.pem"));
    let key = PrivateKey::from_bytes(&text, None).unwrap();
    assert_eq!(key.kind(), KeyKind::EcP256);
    assert_eq!(
        key.public_key_der(),
        read("ec-p256.sec1.pem").unwrap().public_key_der()
    );
}

/// A PKCS#1 RSA private key whose modulus has `bits` bits and whose other numbers are
/// placeholders: enough for the size check, which comes before the key is validated.
fn rsa_pkcs1_with_modulus_bits(bits: usize) -> Vec<u8> {
    use der::{Encode, asn1::UintRef};
    let mut modulus = vec![0xff; bits.div_ceil(8)];
    modulus[0] = 0xff >> (8 * modulus.len() - bits);
    let one = UintRef::new(&[1]).unwrap();
    pkcs1::RsaPrivateKeyRef {
        modulus: UintRef::new(&modulus).unwrap(),
        public_exponent: UintRef::new(&[1, 0, 1]).unwrap(),
        private_exponent: one,
        prime1: one,
        prime2: one,
        exponent1: one,
        exponent2: one,
        coefficient: one,
        other_prime_infos: None,
    }
    .to_der()
    .unwrap()
}

#[test]
fn rsa_keys_over_the_size_bound_are_refused_before_they_are_checked() {
    let over = rsa_pkcs1_with_modulus_bits(sote_certs::key::MAX_RSA_BITS as usize + 1);
    assert!(matches!(
        PrivateKey::from_bytes(&over, None),
        Err(KeyError::RsaTooLarge { bits: 16385 })
    ));
    // At the bound the size passes, and the placeholder key then fails RSA's own checks.
    let at = rsa_pkcs1_with_modulus_bits(sote_certs::key::MAX_RSA_BITS as usize);
    assert!(matches!(
        PrivateKey::from_bytes(&at, None),
        Err(KeyError::Malformed { .. })
    ));
}
