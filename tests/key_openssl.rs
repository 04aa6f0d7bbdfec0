#![cfg(feature = "request")]
//! Keys written by the crate read back in OpenSSL (`openssl pkey`, with the passphrase when
//! encrypted), and keys OpenSSL writes now (`genpkey`, `ecparam -genkey`, `genrsa
//! -traditional`, encrypted PKCS#8 with `-aes-256-cbc`) read in the crate, matching the public
//! key OpenSSL derives. Skipped with a printed reason when `openssl` is missing, except in CI.

#[path = "support/openssl.rs"]
mod openssl;

use sote_certs::key::{KeyKind, Passphrase, PrivateKey};

const PASS: &str = "pass phrase for the interop test";

#[test]
fn keys_the_crate_writes_read_in_openssl() {
    if !openssl::available() {
        return;
    }
    let dir = openssl::Scratch::new("written");
    let passphrase = Passphrase::new(PASS).unwrap();
    let rsa = std::fs::read("tests/fixtures/keys/rsa-2048.pkcs1.pem").unwrap();
    let keys = [
        PrivateKey::generate(KeyKind::EcP256).unwrap(),
        PrivateKey::generate(KeyKind::EcP384).unwrap(),
        PrivateKey::from_bytes(&rsa, None).unwrap(),
    ];
    for key in &keys {
        for encrypted in [false, true] {
            let name = format!("{}-{encrypted}.pem", key.kind());
            let path = dir.path(&name);
            key.write_pkcs8_pem_file(&path, encrypted.then_some(&passphrase))
                .unwrap();
            let path = path.to_str().unwrap();
            let mut args = vec!["pkey", "-in", path, "-pubout", "-outform", "DER"];
            if encrypted {
                args.extend(["-passin", "env:SOTE_PASS"]);
            }
            let out = openssl::run(&args, &[("SOTE_PASS", PASS)]);
            assert!(out.status.success(), "{name}: {}", openssl::text(&out));
            assert!(key.matches_public_key(&out.stdout), "{name}");
            assert_eq!(out.stdout, key.public_key_der(), "{name}");
            if encrypted {
                // Without the passphrase OpenSSL cannot read it.
                let out = openssl::run(&["pkey", "-in", path, "-passin", "pass:wrong"], &[]);
                assert!(!out.status.success(), "{name}");
            }
        }
    }
}

#[test]
fn keys_openssl_writes_read_in_the_crate() {
    if !openssl::available() {
        return;
    }
    let dir = openssl::Scratch::new("openssl");
    let env = [("SOTE_PASS", PASS)];
    let cases: &[(&str, &[&str], KeyKind)] = &[
        (
            "genpkey-p256.pem",
            &[
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
            ],
            KeyKind::EcP256,
        ),
        (
            "genpkey-p384.der",
            &[
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-384",
                "-outform",
                "DER",
            ],
            KeyKind::EcP384,
        ),
        (
            "ecparam-p256.pem",
            &["ecparam", "-name", "prime256v1", "-genkey"],
            KeyKind::EcP256,
        ),
        (
            "ecparam-p384.pem",
            &["ecparam", "-name", "secp384r1", "-genkey", "-noout"],
            KeyKind::EcP384,
        ),
        (
            "genrsa-traditional.pem",
            &["genrsa", "-traditional", "2048"],
            KeyKind::Rsa { bits: 2048 },
        ),
        (
            "genpkey-p256-aes256.pem",
            &[
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-aes-256-cbc",
                "-pass",
                "env:SOTE_PASS",
            ],
            KeyKind::EcP256,
        ),
    ];
    let passphrase = Passphrase::new(PASS).unwrap();
    for (name, args, kind) in cases {
        let path = dir.path(name);
        let path = path.to_str().unwrap();
        // The options go before genrsa's trailing size.
        let mut args = args.to_vec();
        args.splice(1..1, ["-out", path]);
        let out = openssl::run(&args, &env);
        assert!(out.status.success(), "{name}: {}", openssl::text(&out));
        let bytes = std::fs::read(path).unwrap();
        let key = PrivateKey::from_bytes(&bytes, Some(&passphrase))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(key.kind(), *kind, "{name}");
        let inform = if name.ends_with(".der") { "DER" } else { "PEM" };
        let public = openssl::run(
            &[
                "pkey",
                "-inform",
                inform,
                "-in",
                path,
                "-passin",
                "env:SOTE_PASS",
                "-pubout",
                "-outform",
                "DER",
            ],
            &env,
        );
        assert!(
            public.status.success(),
            "{name}: {}",
            openssl::text(&public)
        );
        assert!(key.matches_public_key(&public.stdout), "{name}");
    }
    // The same key converted to encrypted PKCS#8 with -v2 aes-256-cbc.
    let plain = dir.path("genrsa-traditional.pem");
    let encrypted = dir.path("pkcs8-aes256.pem");
    let out = openssl::run(
        &[
            "pkcs8",
            "-topk8",
            "-v2",
            "aes-256-cbc",
            "-passout",
            "env:SOTE_PASS",
            "-in",
            plain.to_str().unwrap(),
            "-out",
            encrypted.to_str().unwrap(),
        ],
        &env,
    );
    assert!(out.status.success(), "{}", openssl::text(&out));
    let key =
        PrivateKey::from_bytes(&std::fs::read(&encrypted).unwrap(), Some(&passphrase)).unwrap();
    let original = PrivateKey::from_bytes(&std::fs::read(&plain).unwrap(), None).unwrap();
    assert_eq!(key.public_key_der(), original.public_key_der());
}
