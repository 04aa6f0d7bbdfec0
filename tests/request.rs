#![cfg(feature = "request")]
//! Building requests: every profile with every key type passes the pre-flight with no error,
//! the subject comes in DVV's order, and every value the pre-flight would call an error is
//! refused with the field named.

mod common;

use std::sync::OnceLock;

use chrono::NaiveDate;
use common::date;
use const_oid::db::rfc4519;
use sote_certs::csr::{RequestBuildError, RequestBuilder, RequestField, read_certificate_requests};
use sote_certs::key::{KeyKind, PrivateKey};
use sote_certs::{Inspector, Profile};

fn today() -> NaiveDate {
    date(2026, 12, 2)
}

fn fixture_key(name: &str) -> PrivateKey {
    let bytes = std::fs::read(format!("tests/fixtures/keys/{name}")).unwrap();
    PrivateKey::from_bytes(&bytes, None).unwrap()
}

/// One key of each kind the builder signs with: EC keys generated, RSA keys OpenSSL's (slow to
/// generate unoptimised, and made once per test binary).
fn keys() -> &'static [PrivateKey] {
    static KEYS: OnceLock<Vec<PrivateKey>> = OnceLock::new();
    KEYS.get_or_init(|| {
        vec![
            PrivateKey::generate(KeyKind::EcP256).unwrap(),
            PrivateKey::generate(KeyKind::EcP384).unwrap(),
            fixture_key("rsa-2048.pkcs1.pem"),
            fixture_key("rsa-3072.pkcs8.pem"),
            fixture_key("rsa-4096.pkcs8.pem"),
        ]
    })
}

fn p256() -> &'static PrivateKey {
    &keys()[0]
}

fn builder(profile: Profile) -> RequestBuilder {
    let common_name = match profile {
        Profile::Server | Profile::TestServer => "kanta.esimerkki.fi",
        _ => "Arkistointipalvelu",
    };
    RequestBuilder::new(
        profile,
        "Esimerkki Terveys Oy",
        "1.2.246.10.12345671.10.1".parse().unwrap(),
        common_name,
    )
    .state("Finland")
    .locality("Helsinki")
}

#[test]
fn every_profile_and_key_type_builds_a_request_the_pre_flight_accepts() {
    let inspector = Inspector::dvv();
    for profile in Profile::ALL {
        for key in keys() {
            let mut b = builder(profile);
            if profile.purpose() == sote_certs::Purpose::Tls {
                b = b.dns_name("api.esimerkki.fi");
            } else {
                b = b.unit("Kanta");
            }
            let csr = b.build(key, today()).unwrap();
            let report = inspector.check_request(&csr, profile, today(), &[]);
            assert!(
                report.ok(),
                "{profile} {}: {:?}",
                key.kind(),
                report.findings
            );
            assert!(
                report.findings.is_empty(),
                "{profile}: {:?}",
                report.findings
            );
            assert_eq!(report.key.as_ref().unwrap().name(), key.kind().to_string());
            assert_eq!(csr.likely_profile().purpose(), profile.purpose());
            assert!(key.matches_request(&csr));
        }
    }
}

#[test]
fn the_subject_is_in_dvv_order_with_dvv_string_types() {
    let csr = builder(Profile::SystemSignature)
        .unit("Kanta")
        .build(p256(), today())
        .unwrap();
    // The order of the real certificates (tests/fixtures/real/*.txt), first RDN first.
    assert_eq!(
        csr.subject().to_string(),
        "CN=Arkistointipalvelu,SERIALNUMBER=1.2.246.10.12345671.10.1,OU=Kanta,O=Esimerkki Terveys Oy,L=Helsinki,ST=Finland,C=FI"
    );
    let oids: Vec<_> = csr.subject().attributes().map(|(oid, _)| oid).collect();
    assert_eq!(
        oids,
        [
            rfc4519::C,
            rfc4519::ST,
            rfc4519::L,
            rfc4519::O,
            rfc4519::OU,
            rfc4519::SERIAL_NUMBER,
            rfc4519::CN
        ]
    );
}

#[test]
fn server_names_are_idna_normalised_with_the_cn_first() {
    let csr = builder(Profile::Server)
        .dns_name("Sähkö.Esimerkki.FI.")
        .dns_name("kanta.esimerkki.fi")
        .build(p256(), today())
        .unwrap();
    assert_eq!(
        csr.dns_names(),
        ["kanta.esimerkki.fi", "xn--shk-qla6g.esimerkki.fi"]
    );
    let upper = RequestBuilder::new(
        Profile::TestServer,
        "Esimerkki Oy",
        "1.2.246.10.12345671.10.1".parse().unwrap(),
        "Kanta.Esimerkki.FI",
    )
    .build(p256(), today())
    .unwrap();
    assert_eq!(upper.dns_names(), ["kanta.esimerkki.fi"]);
    assert_eq!(
        upper.subject().get(rfc4519::CN).unwrap(),
        "kanta.esimerkki.fi"
    );
}

#[test]
fn a_system_signature_request_carries_no_tls_usage_and_signature_key_usage() {
    let csr = builder(Profile::SystemSignature)
        .build(p256(), today())
        .unwrap();
    let codes: Vec<String> = csr
        .requested_extensions()
        .map(|e| e.oid.to_string())
        .collect();
    assert_eq!(codes, ["2.5.29.15"]); // key usage only
    assert!(csr.dns_names().is_empty());
}

fn refused(builder: RequestBuilder, key: &PrivateKey, on: NaiveDate) -> RequestBuildError {
    let error = builder.build(key, on).unwrap_err();
    let kind = key.kind();
    assert_eq!(builder.check(kind, on).unwrap_err(), error);
    error
}

#[test]
fn refusals_name_the_field() {
    let cases: Vec<(RequestBuilder, RequestField, &str)> = vec![
        (
            builder(Profile::Server).unit("IT"),
            RequestField::Unit,
            "organisational unit (OU) is not used in server requests from 2022-09-01 (request date 2026-12-02)",
        ),
        (
            builder(Profile::SystemSignature).dns_name("a.esimerkki.fi"),
            RequestField::DnsName,
            "dns names are not requested in system-signature requests",
        ),
        (
            builder(Profile::Server).country("SE"),
            RequestField::Country,
            "country (C) is \"SE\": DVV issues sote certificates with C=FI only",
        ),
        (
            RequestBuilder::new(
                Profile::SystemSignature,
                "  ",
                "1.2.246.10.12345671.10.1".parse().unwrap(),
                "x",
            ),
            RequestField::Organisation,
            "organisation (O) is empty",
        ),
        (
            RequestBuilder::new(
                Profile::TestSystemSignature,
                "Esimerkki Oy",
                "1.2.246.10.12345671.10.1".parse().unwrap(),
                "",
            ),
            RequestField::CommonName,
            "common name (CN) is empty",
        ),
        (
            RequestBuilder::new(
                Profile::Server,
                "Esimerkki Oy",
                "1.2.246.10.12345671.10.1".parse().unwrap(),
                "palvelin",
            ),
            RequestField::DnsName,
            "dns names: a server request needs at least one from 2023-09-15 (request date 2026-12-02)",
        ),
        (
            RequestBuilder::new(
                Profile::Server,
                "Esimerkki Oy",
                "1.2.246.10.12345671.10.1".parse().unwrap(),
                "palvelin",
            )
            .ip_address("192.0.2.1".parse().unwrap()),
            RequestField::IpAddress,
            "ip addresses: a server request carries an IP address only beside a DNS name from 2023-09-15",
        ),
        (
            builder(Profile::Server).email("it@esimerkki.fi"),
            RequestField::Email,
            "e-mail addresses: a server request carries no e-mail address from 2023-09-15",
        ),
        (
            builder(Profile::Server).dns_name("-bad-.fi"),
            RequestField::DnsName,
            "dns names \"-bad-.fi\" is not a domain name",
        ),
        (
            builder(Profile::SystemSignature).locality("x".repeat(129)),
            RequestField::Locality,
            "locality (L) is 129 characters long, over the limit of 128",
        ),
    ];
    for (b, field, message) in cases {
        let error = refused(b, p256(), today());
        assert_eq!(error.field(), Some(field), "{error}");
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn weak_and_unsupported_keys_are_refused() {
    let weak = fixture_key("rsa-1024.pkcs1.pem");
    let error = refused(builder(Profile::Server), &weak, today());
    assert_eq!(error.field(), Some(RequestField::Key));
    assert_eq!(
        error.to_string(),
        "key: server does not accept a rsa-1024 key (RSA keys need at least 2048 bits)"
    );
    // P-521 is accepted by DVV's profile data but not read by this crate.
    let bytes = std::fs::read("tests/fixtures/keys/ec-p521.pkcs8.pem").unwrap();
    let error = PrivateKey::from_bytes(&bytes, None).unwrap_err();
    assert!(error.to_string().starts_with("elliptic curve"), "{error}");
}

#[test]
fn date_dependent_rules_apply_from_their_dates() {
    // OU on a server request: allowed the day before 2022-09-01.
    let b = builder(Profile::Server).unit("IT");
    assert!(b.build(p256(), date(2022, 8, 31)).is_ok());
    assert!(b.build(p256(), date(2022, 9, 1)).is_err());
    // No DNS name on a server request: allowed before 2023-09-15.
    let b = RequestBuilder::new(
        Profile::Server,
        "Esimerkki Oy",
        "1.2.246.10.12345671.10.1".parse().unwrap(),
        "palvelin",
    );
    let csr = b.build(p256(), date(2023, 9, 14)).unwrap();
    let report = Inspector::dvv().check_request(&csr, Profile::Server, date(2023, 9, 14), &[]);
    assert!(report.ok(), "{:?}", report.findings);
    assert!(b.build(p256(), date(2023, 9, 15)).is_err());
    // E-mail on a system signature request: allowed.
    let csr = builder(Profile::SystemSignature)
        .email("arkisto@esimerkki.fi")
        .build(p256(), today())
        .unwrap();
    assert!(
        Inspector::dvv()
            .check_request(&csr, Profile::SystemSignature, today(), &[])
            .ok()
    );
}

#[test]
fn an_ip_address_beside_a_dns_name_builds() {
    let csr = builder(Profile::Server)
        .ip_address("192.0.2.7".parse().unwrap())
        .build(p256(), today())
        .unwrap();
    let report = Inspector::dvv().check_request(&csr, Profile::Server, today(), &[]);
    assert!(report.ok(), "{:?}", report.findings);
}

#[test]
fn a_built_request_reads_back_from_its_pem() {
    let csr = builder(Profile::TestServer).build(p256(), today()).unwrap();
    let read = read_certificate_requests(csr.to_pem().as_bytes()).unwrap();
    assert_eq!(read, [csr]);
}

#[test]
fn subject_values_may_be_as_long_as_x520_allows_and_no_longer() {
    // An organisation identifier of exactly 64 characters builds; one more is refused.
    let base = "1.2.246.10.12345671.10.1";
    let at_bound = format!("{base}{}", ".1".repeat(20));
    assert_eq!(at_bound.len(), 64);
    let over = format!("{at_bound}1");
    let with_id = |id: &str| {
        RequestBuilder::new(
            Profile::SystemSignature,
            "Esimerkki Terveys Oy",
            id.parse().unwrap(),
            "Arkistointipalvelu",
        )
        .build(p256(), today())
    };
    let csr = with_id(&at_bound).unwrap();
    assert!(
        csr.subject()
            .to_string()
            .contains(&format!("SERIALNUMBER={at_bound},"))
    );
    match with_id(&over) {
        Err(RequestBuildError::TooLong { field, len, max }) => {
            assert_eq!((field, len, max), (RequestField::OrganisationId, 65, 64));
        }
        other => panic!("expected the organisation identifier to be too long, got {other:?}"),
    }
    // The organisation name: the same bound, counted in characters.
    let name = |len: usize| {
        RequestBuilder::new(
            Profile::SystemSignature,
            "ä".repeat(len),
            base.parse().unwrap(),
            "Arkistointipalvelu",
        )
        .build(p256(), today())
    };
    assert!(name(64).is_ok());
    assert!(matches!(
        name(65),
        Err(RequestBuildError::TooLong {
            field: RequestField::Organisation,
            len: 65,
            max: 64
        })
    ));
}

#[test]
fn e_mail_addresses_need_ascii_and_both_halves() {
    let with_email = |email: &str| {
        builder(Profile::SystemSignature)
            .email(email)
            .build(p256(), today())
    };
    let csr = with_email("kanta@esimerkki.fi").unwrap();
    assert!(
        csr.to_pem()
            .starts_with("-----BEGIN CERTIFICATE REQUEST-----")
    );
    for bad in ["kanta@esimerkkiä.fi", "@esimerkki.fi", "kanta@", "kanta"] {
        match with_email(bad) {
            Err(RequestBuildError::EmailAddress { field, value }) => {
                assert_eq!((field, value.as_str()), (RequestField::Email, bad));
            }
            other => panic!("{bad}: expected a refusal of the e-mail address, got {other:?}"),
        }
    }
}
