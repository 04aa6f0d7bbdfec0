//! Every rule of the request pre-flight fires where it should and nowhere else: each case is
//! the conformant minted server (or system signature) request with one thing changed.
#![cfg(feature = "test-fixtures")]

use chrono::NaiveDate;
use const_oid::db::rfc5280::{ID_KP_CODE_SIGNING, ID_KP_SERVER_AUTH};
use sote_certs::csr::{CertificateRequest, SignatureCheck};
use sote_certs::mint::{CsrTemplate, Dn, Ext, KeySpec, San, SignatureHash, key_usage, mint_csr};
use sote_certs::{Inspector, Profile, Severity};
use x509_cert::ext::pkix::KeyUsages;

const CN: &str = "palvelin.esimerkkiklinikka.example";

fn codes(template: &CsrTemplate, profile: Profile) -> Vec<&'static str> {
    let minted = mint_csr(11, template).unwrap();
    let csr = CertificateRequest::from_der(&minted.der).unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    Inspector::dvv()
        .check_request(&csr, profile, date, &[])
        .codes()
}

/// The conformant server request, with an EC key so the cases mint fast.
fn server() -> CsrTemplate {
    CsrTemplate {
        key: KeySpec::EcP256,
        ..CsrTemplate::dvv_like(Profile::Server)
    }
}

fn subject(
    c: Option<&str>,
    o: Option<&str>,
    ou: Option<&str>,
    id: Option<&str>,
    cn: Option<&str>,
) -> Dn {
    let mut dn = Dn::new();
    if let Some(c) = c {
        dn = dn.country(c);
    }
    if let Some(o) = o {
        dn = dn.organization(o);
    }
    if let Some(ou) = ou {
        dn = dn.organizational_unit(ou);
    }
    if let Some(id) = id {
        dn = dn.serial_number(id);
    }
    if let Some(cn) = cn {
        dn = dn.common_name(cn);
    }
    dn
}

const ID: Option<&str> = Some("1.2.246.10.12345671.10.1");
const O: Option<&str> = Some("Esimerkkiklinikka Oy");

fn with_subject(dn: Dn) -> CsrTemplate {
    CsrTemplate {
        subject: dn,
        ..server()
    }
}

fn with_names(names: Vec<San>) -> CsrTemplate {
    CsrTemplate {
        subject_alt_names: Some(Ext::non_critical(names)),
        ..server()
    }
}

#[test]
fn the_conformant_requests_have_no_findings() {
    assert_eq!(codes(&server(), Profile::Server), Vec::<&str>::new());
    let signature = CsrTemplate::dvv_like(Profile::SystemSignature);
    assert_eq!(
        codes(&signature, Profile::SystemSignature),
        Vec::<&str>::new()
    );
}

#[test]
fn subject_rules_fire_one_by_one() {
    let cn = Some(CN);
    let cases = [
        (subject(None, O, None, ID, cn), "subject.country"),
        (subject(Some("SE"), O, None, ID, cn), "subject.country"),
        (
            subject(Some("FI"), None, None, ID, cn),
            "subject.organisation",
        ),
        (subject(Some("FI"), O, Some("IT"), ID, cn), "subject.ou"),
        (
            subject(Some("FI"), O, None, None, cn),
            "subject.organisation-id",
        ),
        (
            subject(Some("FI"), O, None, Some("Y1234567-1"), cn),
            "subject.organisation-id",
        ),
        (
            subject(Some("FI"), O, None, ID, None),
            "subject.common-name",
        ),
    ];
    for (dn, code) in cases {
        assert_eq!(
            codes(&with_subject(dn.clone()), Profile::Server),
            [code],
            "{dn}"
        );
    }
}

#[test]
fn name_rules_fire_one_by_one() {
    let dns = || San::Dns(CN.to_owned());
    let ip = || San::Ip("192.0.2.10".parse().unwrap());
    let cases = [
        (None, "san.dns-missing"),
        (
            Some(vec![dns(), San::Email("it@esimerkki.fi".into())]),
            "san.email",
        ),
        (Some(vec![ip()]), "san.ip-only"),
        (
            Some(vec![San::Dns("other.example".into())]),
            "san.cn-not-in-san",
        ),
    ];
    for (names, code) in cases {
        let template = match names {
            Some(names) => with_names(names),
            None => CsrTemplate {
                subject_alt_names: None,
                ..server()
            },
        };
        assert_eq!(codes(&template, Profile::Server), [code], "{code}");
    }
    // An IP address beside a DNS name is fine.
    assert_eq!(
        codes(&with_names(vec![dns(), ip()]), Profile::Server),
        Vec::<&str>::new()
    );
}

#[test]
fn usage_rules_fire_one_by_one() {
    let non_repudiation = CsrTemplate {
        key_usage: Some(Ext::critical(key_usage(&[
            KeyUsages::DigitalSignature,
            KeyUsages::NonRepudiation,
        ]))),
        ..server()
    };
    assert_eq!(
        codes(&non_repudiation, Profile::Server),
        ["key-usage.mismatch"]
    );

    let code_signing = CsrTemplate {
        extended_key_usage: Some(Ext::non_critical(vec![ID_KP_CODE_SIGNING])),
        ..server()
    };
    assert_eq!(
        codes(&code_signing, Profile::Server),
        ["eku.tls-missing", "eku.other"]
    );

    let tls_signature = CsrTemplate {
        extended_key_usage: Some(Ext::non_critical(vec![ID_KP_SERVER_AUTH])),
        ..CsrTemplate::dvv_like(Profile::SystemSignature)
    };
    assert_eq!(
        codes(&tls_signature, Profile::SystemSignature),
        ["eku.tls-in-signature"]
    );

    // A request may leave key usage and extended key usage to the CA.
    let bare = CsrTemplate {
        key_usage: None,
        extended_key_usage: None,
        ..server()
    };
    assert_eq!(codes(&bare, Profile::Server), Vec::<&str>::new());
}

#[test]
fn key_rules_fire() {
    let weak = CsrTemplate {
        key: KeySpec::Rsa(1024),
        ..server()
    };
    assert_eq!(codes(&weak, Profile::Server), ["key.weak"]);
}

#[test]
fn ou_in_a_server_request_is_fine_before_2022_09_01() {
    let template = with_subject(subject(Some("FI"), O, Some("IT"), ID, Some(CN)));
    let csr = CertificateRequest::from_der(&mint_csr(11, &template).unwrap().der).unwrap();
    let check = |date| {
        Inspector::dvv()
            .check_request(&csr, Profile::Server, date, &[])
            .codes()
    };
    assert_eq!(
        check(NaiveDate::from_ymd_opt(2022, 8, 31).unwrap()),
        Vec::<&str>::new()
    );
    assert_eq!(
        check(NaiveDate::from_ymd_opt(2022, 9, 1).unwrap()),
        ["subject.ou"]
    );
}

#[test]
fn a_request_without_extensions_has_an_empty_attribute_set_notice() {
    let template = CsrTemplate {
        key_usage: None,
        extended_key_usage: None,
        subject_alt_names: None,
        ..server()
    };
    assert_eq!(
        codes(&template, Profile::Server),
        ["san.dns-missing", "csr.attributes-empty"]
    );
    let csr = CertificateRequest::from_der(&mint_csr(11, &template).unwrap().der).unwrap();
    let report = Inspector::dvv().check_request(
        &csr,
        Profile::Server,
        NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        &[],
    );
    let notice = report.findings.last().unwrap();
    assert_eq!(notice.severity(), Severity::Notice);
    assert!(
        notice.message.contains("attribute set is empty"),
        "{notice}"
    );
}

#[test]
fn sha1_signatures_are_weak_whether_verified_or_not() {
    let date = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    for (key, expected) in [(KeySpec::Rsa(2048), Some(true)), (KeySpec::EcP256, None)] {
        let template = CsrTemplate {
            key,
            signature_hash: SignatureHash::Sha1,
            ..server()
        };
        let csr = CertificateRequest::from_der(&mint_csr(11, &template).unwrap().der).unwrap();
        let report = Inspector::dvv().check_request(&csr, Profile::Server, date, &[]);
        assert_eq!(report.signature.is_valid(), expected, "{key:?}");
        assert_eq!(report.codes(), ["csr.signature-weak"], "{key:?}");
        assert_eq!(report.findings[0].severity(), Severity::Error);
        assert!(!report.ok());
        if expected.is_some() {
            assert_eq!(report.signature, SignatureCheck::Verified);
        }
    }
}
