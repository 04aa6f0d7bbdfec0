#![cfg(all(feature = "request", feature = "serde"))]
//! Every built request verifies with `openssl req -verify`, reads in OpenSSL with the subject,
//! SAN and extensions asked for, and gives the `csr` example's JSON line with `"ok": true`.
//! Skipped with a printed reason when `openssl` is missing, except in CI (`CI=true`).

#[path = "support/openssl.rs"]
mod openssl;

use chrono::NaiveDate;
use sote_certs::csr::RequestBuilder;
use sote_certs::key::{KeyKind, PrivateKey};
use sote_certs::{Inspector, Profile, Purpose};

fn key(kind: &str) -> PrivateKey {
    match kind {
        "ec-p256" => PrivateKey::generate(KeyKind::EcP256).unwrap(),
        "ec-p384" => PrivateKey::generate(KeyKind::EcP384).unwrap(),
        file => {
            let bytes = std::fs::read(format!("tests/fixtures/keys/{file}")).unwrap();
            PrivateKey::from_bytes(&bytes, None).unwrap()
        }
    }
}

#[test]
fn every_built_request_verifies_and_reads_in_openssl_and_passes_the_csr_example() {
    if !openssl::available() {
        return;
    }
    let dir = openssl::Scratch::new("requests");
    let date = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    for kind in [
        "ec-p256",
        "ec-p384",
        "rsa-2048.pkcs1.pem",
        "rsa-3072.pkcs8.pem",
        "rsa-4096.pkcs8.pem",
    ] {
        let key = key(kind);
        for profile in Profile::ALL {
            let tls = profile.purpose() == Purpose::Tls;
            let mut builder = RequestBuilder::new(
                profile,
                "Esimerkki Terveys Oy",
                "1.2.246.10.12345671.10.1".parse().unwrap(),
                if tls {
                    "kanta.esimerkki.fi"
                } else {
                    "Arkistointipalvelu"
                },
            )
            .state("Finland")
            .locality("Helsinki");
            builder = if tls {
                builder.dns_name("sähkö.esimerkki.fi")
            } else {
                builder.unit("Kanta")
            };
            let csr = builder.build(&key, date).unwrap();
            let name = format!("{profile}-{}.csr", key.kind());
            let file = dir.write(&name, csr.to_pem());

            let verify = openssl::run(&["req", "-verify", "-noout", "-in", &file], &[]);
            assert!(
                verify.status.success(),
                "{name}: {}",
                openssl::text(&verify)
            );
            assert!(openssl::text(&verify).contains("verify OK"), "{name}");

            let out = openssl::run(
                &[
                    "req", "-noout", "-text", "-nameopt", "RFC2253", "-in", &file,
                ],
                &[],
            );
            assert!(out.status.success(), "{name}: {}", openssl::text(&out));
            let text = openssl::text(&out);
            let subject = if tls {
                "Subject: CN=kanta.esimerkki.fi,serialNumber=1.2.246.10.12345671.10.1,O=Esimerkki Terveys Oy,L=Helsinki,ST=Finland,C=FI"
            } else {
                "Subject: CN=Arkistointipalvelu,serialNumber=1.2.246.10.12345671.10.1,OU=Kanta,O=Esimerkki Terveys Oy,L=Helsinki,ST=Finland,C=FI"
            };
            assert!(text.contains(subject), "{name}: {text}");
            assert!(
                text.contains("X509v3 Key Usage: critical"),
                "{name}: {text}"
            );
            if tls {
                assert!(
                    text.contains("DNS:kanta.esimerkki.fi, DNS:xn--shk-qla6g.esimerkki.fi"),
                    "{name}: {text}"
                );
                assert!(
                    text.contains("TLS Web Server Authentication, TLS Web Client Authentication"),
                    "{name}: {text}"
                );
                let usage = if kind.starts_with("rsa") {
                    "Digital Signature, Key Encipherment"
                } else {
                    "Digital Signature\n"
                };
                assert!(text.contains(usage), "{name}: {text}");
            } else {
                assert!(
                    text.contains("Digital Signature, Non Repudiation"),
                    "{name}: {text}"
                );
                assert!(!text.contains("Subject Alternative Name"), "{name}: {text}");
                assert!(!text.contains("Extended Key Usage"), "{name}: {text}");
            }

            let report = Inspector::dvv().check_request(&csr, profile, date, &[]);
            // The line `cargo run --example csr -- --json` prints for it.
            let line = sote_certs::json::RequestLine::new(&file, &csr, &report);
            let value = serde_json::to_value(line).unwrap();
            assert_eq!(value["ok"], true, "{name}: {value}");
            assert_eq!(value["signature_valid"], true, "{name}: {value}");
            assert_eq!(value["key"], key.kind().to_string(), "{name}: {value}");
        }
    }
}
