//! Reading, classifying and reporting on a real certificate, beside x509-cert's parse alone.
//!
//! `cargo bench --bench inspect`

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use der::Decode;
use sote_certs::{Inspector, read_certificates};
use std::hint::black_box;

fn real_pem(file: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/real/{file}.pem"))
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn real_der(file: &str) -> Vec<u8> {
    der::pem::decode_vec(&real_pem(file))
        .map(|(_, der)| der)
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn bench(c: &mut Criterion) {
    let inspector = Inspector::dvv();
    let at = Utc.with_ymd_and_hms(2023, 6, 1, 0, 0, 0).unwrap();
    for (name, file) in [
        ("g3e_ec", "kela-dcc-dsc-prod-2021-12-20-dvv-g3e"),
        ("vrk_rsa", "kela-dcc-dsc-prod-2021-06-18-vrk-sote-ca"),
    ] {
        let der = real_der(file);
        let pem = real_pem(file);
        // The rows measure nothing if the inputs do not read.
        assert_eq!(read_certificates(&der).map(|c| c.len()), Ok(1), "{file}");
        assert_eq!(read_certificates(&pem).map(|c| c.len()), Ok(1), "{file}");
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
        // The same job from the PEM text DVV e-mails: must cost at most 1.2× the DER row.
        group.bench_function("read_classify_report_pem", |b| {
            b.iter(|| {
                let certs = read_certificates(black_box(&pem)).unwrap_or_default();
                certs
                    .iter()
                    .map(|cert| inspector.inspect(cert, at))
                    .collect::<Vec<_>>()
            })
        });
        group.bench_function("read_only", |b| {
            b.iter(|| read_certificates(black_box(&der)))
        });
        group.bench_function("read_only_pem", |b| {
            b.iter(|| read_certificates(black_box(&pem)))
        });
        group.bench_function("der_pem_decode_vec", |b| {
            b.iter(|| der::pem::decode_vec(black_box(&pem)))
        });
        let parsed = read_certificates(&der).unwrap_or_default();
        // The report timed is the full one of a recognised sote certificate.
        assert_eq!(
            inspector.inspect(&parsed[0], at).profile(),
            Some(sote_certs::Profile::SystemSignature),
            "{file}"
        );
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
