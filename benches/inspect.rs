//! Reading, classifying and reporting on a real certificate, beside x509-cert's parse alone.
//!
//! `cargo bench --bench inspect`

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use der::Decode;
use sote_certs::{Inspector, read_certificates};
use std::hint::black_box;

fn real_der(file: &str) -> Vec<u8> {
    let pem = std::fs::read(format!("tests/fixtures/real/{file}.pem")).unwrap_or_default();
    der::pem::decode_vec(&pem)
        .map(|(_, der)| der)
        .unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let inspector = Inspector::dvv();
    let at = Utc.with_ymd_and_hms(2023, 6, 1, 0, 0, 0).unwrap();
    for (name, file) in [
        ("g3e_ec", "kela-dcc-dsc-prod-2021-12-20-dvv-g3e"),
        ("vrk_rsa", "kela-dcc-dsc-prod-2021-06-18-vrk-sote-ca"),
    ] {
        let der = real_der(file);
        let mut group = c.benchmark_group(format!("inspect/{name}"));
        group.bench_function("x509_cert_from_der", |b| {
            b.iter(|| x509_cert::Certificate::from_der(black_box(&der)))
        });
        group.bench_function("read_classify_report", |b| {
            b.iter(|| {
                let certs = read_certificates(black_box(&der)).unwrap_or_default();
                certs
                    .iter()
                    .map(|cert| inspector.inspect(cert, at))
                    .collect::<Vec<_>>()
            })
        });
        let parsed = read_certificates(&der).unwrap_or_default();
        group.bench_function("inspect_only", |b| {
            b.iter(|| {
                parsed
                    .iter()
                    .map(|c| inspector.inspect(c, at))
                    .collect::<Vec<_>>()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
