//! Reading arbitrary bytes as a private key never panics; a key that reads writes back as
//! PKCS#8 that reads as the same key. Encrypted keys are parsed (scheme and key-derivation
//! bounds checked) but not decrypted: no passphrase is given, so the fuzzer spends its time on
//! the parsers rather than in PBKDF2.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sote_certs::key::PrivateKey;

fuzz_target!(|data: &[u8]| {
    let Ok(key) = PrivateKey::from_bytes(data, None) else {
        return;
    };
    let der = key.to_pkcs8_der().unwrap();
    let back = PrivateKey::from_bytes(&der, None).unwrap();
    assert_eq!(back.kind(), key.kind());
    assert_eq!(back.public_key_der(), key.public_key_der());
    assert!(back.matches_public_key(key.public_key_der()));
    let _ = format!("{key:?}");
});
