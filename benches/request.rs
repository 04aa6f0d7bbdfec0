//! Building a certificate request with an EC P-256 key (subject, extensions, signature, the
//! request re-read as the crate's type) beside the same signature made with the backend alone:
//! p256's ECDSA over the same certificationRequestInfo, DER-encoded.
//!
//! `cargo bench --bench request`

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use der::Decode;
use p256::ecdsa::DerSignature;
use p256::ecdsa::signature::Signer;
use sote_certs::Profile;
use sote_certs::csr::RequestBuilder;
use sote_certs::key::PrivateKey;
use std::hint::black_box;
use x509_cert::request::CertReq;

fn bench(c: &mut Criterion) {
    let date = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default();
    let pem = std::fs::read("tests/fixtures/keys/ec-p256.pkcs8.pem").unwrap_or_default();
    let Ok(key) = PrivateKey::from_bytes(&pem, None) else {
        return;
    };
    let Ok(organisation_id) = "1.2.246.10.12345671.10.1".parse() else {
        return;
    };
    let builder = RequestBuilder::new(
        Profile::Server,
        "Esimerkki Terveys Oy",
        organisation_id,
        "kanta.esimerkki.fi",
    )
    .locality("Helsinki")
    .dns_name("api.esimerkki.fi");
    let Ok(request) = builder.build(&key, date) else {
        return;
    };
    // The backend alone: the signing key decoded once, then one ECDSA signature over the
    // info this builder writes (the part a hand-rolled builder cannot avoid).
    let info = CertReq::from_der(request.as_der())
        .ok()
        .and_then(|r| der::Encode::to_der(&r.info).ok())
        .unwrap_or_default();
    let signer = {
        use p256::pkcs8::DecodePrivateKey;
        let der = der::pem::decode_vec(&pem)
            .map(|(_, der)| der)
            .unwrap_or_default();
        p256::ecdsa::SigningKey::from_pkcs8_der(&der).ok()
    };
    let Some(signer) = signer else {
        return;
    };
    let mut group = c.benchmark_group("request");
    group.bench_function("build/ec_p256", |b| {
        b.iter(|| {
            builder
                .build(black_box(&key), date)
                .map(|r| r.as_der().len())
        })
    });
    group.bench_function("p256_sign_alone/ec_p256", |b| {
        b.iter(|| {
            let signature: DerSignature = signer.sign(black_box(&info));
            signature.to_bytes().len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
