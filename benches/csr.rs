//! Certificate request pre-flight (reading, signature verification, every rule) beside the bare
//! signature verification with the same crate (aws-lc-rs) on the same request.
//!
//! `cargo bench --bench csr`

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use der::{Decode, Encode};
use sote_certs::csr::read_certificate_requests;
use sote_certs::{Inspector, Profile};
use std::hint::black_box;
use x509_cert::request::CertReq;

fn bench(c: &mut Criterion) {
    let inspector = Inspector::dvv();
    let date = NaiveDate::from_ymd_opt(2026, 1, 15).expect("a date");
    for (name, file) in [
        ("ec_p256", "server-ec-p256.der"),
        ("rsa_2048", "server-rsa2048.csr"),
    ] {
        let bytes = std::fs::read(format!("tests/fixtures/requests/{file}"))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let der = read_certificate_requests(&bytes)
            .unwrap_or_else(|e| panic!("{file}: {e}"))
            .pop()
            .map(|r| r.as_der().to_vec())
            .unwrap_or_else(|| panic!("{file}: no request"));
        // The bare verification, as a vendor would write it with the same crates: the request
        // parsed by x509-cert, its info re-encoded, the key decoded, the signature checked.
        let bare = || -> bool {
            let Ok(request) = CertReq::from_der(black_box(&der)) else {
                return false;
            };
            let Ok(info) = request.info.to_der() else {
                return false;
            };
            let spki = &request.info.public_key;
            let Some(key) = spki.subject_public_key.as_bytes() else {
                return false;
            };
            let algorithm: &dyn aws_lc_rs::signature::VerificationAlgorithm =
                if spki.algorithm.oid == const_oid::db::rfc5912::ID_EC_PUBLIC_KEY {
                    &aws_lc_rs::signature::ECDSA_P256_SHA256_ASN1
                } else {
                    &aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256
                };
            aws_lc_rs::signature::UnparsedPublicKey::new(algorithm, key)
                .verify(&info, request.signature.raw_bytes())
                .is_ok()
        };
        assert!(
            bare(),
            "{file}: the bare verification must accept the fixture"
        );
        let preflight = || {
            read_certificate_requests(black_box(&der))
                .map(|requests| {
                    requests
                        .iter()
                        .map(|csr| inspector.check_request(csr, Profile::Server, date, &[]))
                        .filter(|report| report.ok())
                        .count()
                })
                .unwrap_or(0)
        };
        // The row times the whole pre-flight of a request that passes it, not an early error.
        assert_eq!(
            preflight(),
            1,
            "{file}: the fixture must pass the pre-flight"
        );
        let mut group = c.benchmark_group(format!("csr/{name}"));
        group.bench_function("bare_verify", |b| b.iter(bare));
        group.bench_function("preflight", |b| b.iter(preflight));
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
