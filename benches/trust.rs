//! Trust and revocation beside OpenSSL (the `openssl` crate) in one run:
//!
//! - chain verification with a CRL check of a G3E-like chain (P-384 root, P-384 issuing CA with
//!   DVV's G3E name, a system signature certificate) and a VRK-like one (RSA 2048 throughout):
//!   `Verifier::verify` against `X509_verify_cert` with `X509_V_FLAG_CRL_CHECK`;
//! - reading a 100 000-entry CRL: `Crl::from_der` against `X509Crl::from_der`;
//! - one lookup in it: `Crl::lookup` against `X509_CRL_get0_by_serial`;
//! - one signature verification per crypto backend (aws-lc-rs through webpki's algorithms, as
//!   the verifier calls it, and directly; ring; RustCrypto's p384 and rsa), for the backend
//!   choice.
//!
//! `cargo bench --bench trust`; results in BENCHMARKS.md.

use std::hint::black_box;

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use openssl::asn1::Asn1Integer;
use openssl::bn::BigNum;
use openssl::stack::Stack;
use openssl::x509::store::{X509Lookup, X509StoreBuilder};
use openssl::x509::verify::{X509VerifyFlags, X509VerifyParam};
use openssl::x509::{X509, X509Crl, X509StoreContext};
use rustls_pki_types::SignatureVerificationAlgorithm;
use sote_certs::mint::{CertTemplate, CrlEntryTemplate, CrlTemplate, Dn, DvvCa, KeySpec, TestCa};
use sote_certs::revocation::{Crl, CrlReason};
use sote_certs::trust::{Revocation, Verifier};
use sote_certs::{Certificate, Profile, SerialNumber};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 3, 1, 10, 0, 0).unwrap()
}

/// A root, an issuing CA named `name`, a leaf of `profile`, and a fresh CRL of the issuing CA
/// with `entries` other serials.
struct Chain {
    root: Vec<u8>,
    issuing: Vec<u8>,
    leaf: Vec<u8>,
    crl: Vec<u8>,
}

fn chain(key: KeySpec, name: Dn, profile: Profile, entries: usize) -> Chain {
    let root = TestCa::new(1, Dn::new().country("FI").common_name("Bench Root"), key).unwrap();
    let issuing = root
        .subordinate(&TestCa::template(2, name, key).unwrap())
        .unwrap();
    // Signed with the issuing key's usual hash (SHA-256 for RSA, as VRK's CA signs).
    let leaf = issuing
        .issue(&CertTemplate {
            signature_hash: key.default_hash(),
            ..CertTemplate::dvv_like(profile, now() - Duration::days(10)).unwrap()
        })
        .unwrap();
    let mut template = CrlTemplate::new(now() - Duration::hours(1));
    for i in 1..=entries as u128 {
        let octets = [&[0x01, 0x00][..], &i.to_be_bytes()].concat();
        template.entries.push(CrlEntryTemplate {
            serial: SerialNumber::from_be_bytes(&octets).unwrap(),
            revoked_at: now() - Duration::days(2),
            reason: Some(CrlReason::Superseded),
        });
    }
    Chain {
        root: root.certificate().der.clone(),
        issuing: issuing.certificate().der.clone(),
        leaf: leaf.der,
        crl: issuing.issue_crl(&template).unwrap(),
    }
}

fn cert(der: &[u8]) -> Certificate {
    Certificate::from_der(der).unwrap()
}

fn verify_chain(c: &mut Criterion) {
    let mut group = c.benchmark_group("trust/verify_chain");
    for (name, key, ca) in [
        ("g3e_p384", KeySpec::EcP384, DvvCa::g3e()),
        ("vrk_rsa2048", KeySpec::Rsa(2048), DvvCa::test_g2()),
    ] {
        let chain = chain(key, ca.name, Profile::SystemSignature, 10);
        let mut verifier = Verifier::new();
        verifier.add_anchor(&cert(&chain.root), None).unwrap();
        verifier.add_intermediate(&cert(&chain.issuing));
        verifier.add_crl(Crl::from_der(&chain.crl).unwrap());
        let leaf = cert(&chain.leaf);
        // The rows measure nothing unless both sides accept the chain with its CRL.
        let verification = verifier.verify(&leaf, now());
        assert!(verification.is_trusted(), "{:?}", verification.findings);
        assert_eq!(verification.revocation, Revocation::Good);
        group.bench_function(format!("sote-certs/{name}"), |b| {
            b.iter(|| verifier.verify(black_box(&leaf), now()))
        });

        let crl_file =
            std::env::temp_dir().join(format!("sote-bench-{name}-{}.crl", std::process::id()));
        std::fs::write(
            &crl_file,
            X509Crl::from_der(&chain.crl).unwrap().to_pem().unwrap(),
        )
        .unwrap();
        let mut store = X509StoreBuilder::new().unwrap();
        store
            .add_cert(X509::from_der(&chain.root).unwrap())
            .unwrap();
        store
            .add_lookup(X509Lookup::file())
            .unwrap()
            .load_crl_file(&crl_file, openssl::ssl::SslFiletype::PEM)
            .unwrap();
        let mut param = X509VerifyParam::new().unwrap();
        param.set_flags(X509VerifyFlags::CRL_CHECK).unwrap();
        param.set_time(now().timestamp());
        store.set_param(&param).unwrap();
        let store = store.build();
        let _ = std::fs::remove_file(&crl_file);
        let leaf = X509::from_der(&chain.leaf).unwrap();
        let mut untrusted = Stack::new().unwrap();
        untrusted
            .push(X509::from_der(&chain.issuing).unwrap())
            .unwrap();
        let verify = |leaf: &X509| {
            let mut context = X509StoreContext::new().unwrap();
            context
                .init(&store, leaf, &untrusted, |context| context.verify_cert())
                .unwrap()
        };
        assert!(verify(&leaf), "OpenSSL refuses the {name} chain");
        group.bench_function(format!("openssl/{name}"), |b| {
            b.iter(|| verify(black_box(&leaf)))
        });
    }
    group.finish();
}

fn crl(c: &mut Criterion) {
    let chain = chain(
        KeySpec::EcP384,
        DvvCa::g3e().name,
        Profile::SystemSignature,
        100_000,
    );
    let der = &chain.crl;
    let ours = Crl::from_der(der).unwrap();
    let theirs = X509Crl::from_der(der).unwrap();
    assert_eq!(ours.entries().len(), 100_000);
    let mut group = c.benchmark_group("trust/crl_read_100000");
    group.sample_size(20);
    group.bench_function("sote-certs", |b| b.iter(|| Crl::from_der(black_box(der))));
    group.bench_function("openssl", |b| b.iter(|| X509Crl::from_der(black_box(der))));
    group.finish();

    // A serial in the middle of the list, present on both sides.
    let octets = [&[0x01, 0x00][..], &50_000u128.to_be_bytes()].concat();
    let serial = SerialNumber::from_be_bytes(&octets).unwrap();
    assert!(ours.lookup(&serial).is_some());
    let number = Asn1Integer::from_bn(&BigNum::from_slice(&octets).unwrap()).unwrap();
    let found = |crl: &X509Crl| {
        !matches!(
            crl.get_by_serial(&number),
            openssl::x509::CrlStatus::NotRevoked
        )
    };
    assert!(found(&theirs));
    let mut group = c.benchmark_group("trust/crl_lookup");
    group.bench_function("sote-certs", |b| {
        b.iter(|| ours.lookup(black_box(&serial)).is_some())
    });
    // OpenSSL sorts the entries on the first lookup (done above), then searches them.
    group.bench_function("openssl", |b| b.iter(|| found(black_box(&theirs))));
    group.finish();
}

/// One signature over a certificate's TBS per backend: the figures behind the choice of ring.
fn backends(c: &mut Criterion) {
    for (name, key, ca) in [
        ("p384", KeySpec::EcP384, DvvCa::g3e()),
        ("rsa2048", KeySpec::Rsa(2048), DvvCa::test_g2()),
    ] {
        let chain = chain(key, ca.name, Profile::SystemSignature, 0);
        let issuing = cert(&chain.issuing);
        let leaf_x509 = <x509_cert::Certificate as der::Decode>::from_der(&chain.leaf).unwrap();
        let tbs = der::Encode::to_der(leaf_x509.tbs_certificate()).unwrap();
        let signature = leaf_x509.signature().raw_bytes().to_vec();
        let spki = <spki::SubjectPublicKeyInfoRef as der::Decode>::from_der(
            issuing.subject_public_key_info_der(),
        )
        .unwrap();
        let public_key = spki.subject_public_key.raw_bytes().to_vec();
        let mut group = c.benchmark_group(format!("trust/signature_{name}"));
        let ours: &dyn SignatureVerificationAlgorithm = match key {
            KeySpec::EcP384 => webpki::aws_lc_rs::ECDSA_P384_SHA384,
            _ => webpki::aws_lc_rs::RSA_PKCS1_2048_8192_SHA256,
        };
        assert!(ours.verify_signature(&public_key, &tbs, &signature).is_ok());
        group.bench_function("webpki-aws-lc-rs", |b| {
            b.iter(|| ours.verify_signature(black_box(&public_key), &tbs, &signature))
        });
        let ring_alg: &dyn ring::signature::VerificationAlgorithm = match key {
            KeySpec::EcP384 => &ring::signature::ECDSA_P384_SHA384_ASN1,
            _ => &ring::signature::RSA_PKCS1_2048_8192_SHA256,
        };
        let ring_key = ring::signature::UnparsedPublicKey::new(ring_alg, public_key.clone());
        assert!(ring_key.verify(&tbs, &signature).is_ok());
        group.bench_function("ring", |b| {
            b.iter(|| ring_key.verify(black_box(&tbs), &signature))
        });
        let aws: &dyn aws_lc_rs::signature::VerificationAlgorithm = match key {
            KeySpec::EcP384 => &aws_lc_rs::signature::ECDSA_P384_SHA384_ASN1,
            _ => &aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256,
        };
        let aws_key = aws_lc_rs::signature::UnparsedPublicKey::new(aws, public_key.clone());
        assert!(aws_key.verify(&tbs, &signature).is_ok());
        group.bench_function("aws-lc-rs", |b| {
            b.iter(|| aws_key.verify(black_box(&tbs), &signature))
        });
        match key {
            KeySpec::EcP384 => {
                use p384::ecdsa::signature::Verifier as _;
                let verifying = p384::ecdsa::VerifyingKey::from_sec1_bytes(&public_key).unwrap();
                let sig = p384::ecdsa::Signature::from_der(&signature).unwrap();
                assert!(verifying.verify(&tbs, &sig).is_ok());
                group.bench_function("rustcrypto", |b| {
                    b.iter(|| verifying.verify(black_box(&tbs), &sig))
                });
            }
            _ => {
                use rsa::pkcs1v15::{Signature, VerifyingKey};
                use rsa::signature::Verifier as _;
                use spki::DecodePublicKey as _;
                let public =
                    rsa::PublicKey::from_public_key_der(issuing.subject_public_key_info_der())
                        .unwrap();
                let verifying = VerifyingKey::<sha2::Sha256>::new(public);
                let sig = Signature::try_from(signature.as_slice()).unwrap();
                assert!(verifying.verify(&tbs, &sig).is_ok());
                group.bench_function("rustcrypto", |b| {
                    b.iter(|| verifying.verify(black_box(&tbs), &sig))
                });
            }
        }
        group.finish();
    }
}

criterion_group!(benches, verify_chain, crl, backends);
criterion_main!(benches);
