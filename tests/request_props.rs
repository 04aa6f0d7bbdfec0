#![cfg(feature = "request")]
//! Property: for random valid inputs, build → read → pre-flight gives no error and the same
//! names back.

use std::sync::OnceLock;

use chrono::NaiveDate;
use const_oid::db::rfc4519;
use proptest::prelude::*;
use sote_certs::csr::{RequestBuilder, read_certificate_requests};
use sote_certs::key::{KeyKind, PrivateKey};
use sote_certs::{Inspector, Profile, Purpose};

fn key(index: usize) -> &'static PrivateKey {
    static KEYS: OnceLock<[PrivateKey; 2]> = OnceLock::new();
    &KEYS.get_or_init(|| {
        [
            PrivateKey::generate(KeyKind::EcP256).unwrap(),
            PrivateKey::generate(KeyKind::EcP384).unwrap(),
        ]
    })[index % 2]
}

fn text() -> impl Strategy<Value = String> {
    "[A-Za-zÄÖÅäöå0-9][A-Za-zÄÖÅäöå0-9 .,&-]{0,40}[A-Za-zÄÖÅäöå0-9]"
}

fn dns_name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,12}[a-z0-9](\\.[a-z][a-z0-9]{0,8}){1,2}\\.fi"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn built_requests_read_back_with_the_same_names_and_pass_the_pre_flight(
        profile in prop::sample::select(Profile::ALL.to_vec()),
        organisation in text(),
        common_name in text(),
        host in dns_name(),
        names in prop::collection::vec(dns_name(), 0..3),
        locality in prop::option::of(text()),
        state in prop::option::of(text()),
        register in 1u32..1000,
        key_index in 0usize..2,
        days in 0i64..3650,
    ) {
        let date = NaiveDate::from_ymd_opt(2023, 9, 15).unwrap() + chrono::Duration::days(days);
        let tls = profile.purpose() == Purpose::Tls;
        let cn = if tls { host.clone() } else { common_name.clone() };
        let id = format!("1.2.246.10.12345671.10.{register}");
        let mut builder = RequestBuilder::new(profile, organisation.clone(), id.parse().unwrap(), cn.clone());
        if let Some(l) = &locality { builder = builder.locality(l.clone()); }
        if let Some(s) = &state { builder = builder.state(s.clone()); }
        if tls {
            for name in &names { builder = builder.dns_name(name.clone()); }
        }
        let built = builder.build(key(key_index), date).unwrap();
        let read = read_certificate_requests(built.to_pem().as_bytes()).unwrap().remove(0);
        let report = Inspector::dvv().check_request(&read, profile, date, &[]);
        prop_assert!(report.ok(), "{:?}", report.findings);
        let subject = read.subject();
        prop_assert_eq!(subject.get(rfc4519::O).unwrap(), organisation.as_str());
        prop_assert_eq!(subject.get(rfc4519::CN).unwrap(), cn.as_str());
        prop_assert_eq!(subject.get(rfc4519::SERIAL_NUMBER).unwrap(), id.as_str());
        prop_assert_eq!(subject.get(rfc4519::C).unwrap(), "FI");
        prop_assert_eq!(subject.get(rfc4519::L).map(|v| v.into_owned()), locality);
        prop_assert_eq!(subject.get(rfc4519::ST).map(|v| v.into_owned()), state);
        let mut expected: Vec<String> = Vec::new();
        if tls {
            for name in std::iter::once(&host).chain(&names) {
                if !expected.contains(name) { expected.push(name.clone()); }
            }
        }
        prop_assert_eq!(read.dns_names(), expected);
    }
}
