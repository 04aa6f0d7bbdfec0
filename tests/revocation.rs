//! Revocation through the public API: reasons and their CRL reason codes, requests, and the
//! finality of a revocation.

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use sote_certs::revocation::{
    CrlReason, Revocation, RevocationError, RevocationReason, RevocationRequest, Revocations,
};
use sote_certs::{SerialNumber, read_certificates};

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 9, 0, 0).unwrap()
}

fn serial(hex: &str) -> SerialNumber {
    SerialNumber::from_hex(hex).unwrap()
}

#[test]
fn each_reason_maps_to_its_documented_crl_reason_code() {
    let mapping: Vec<(RevocationReason, u8, &str)> = RevocationReason::ALL
        .iter()
        .map(|r| (*r, r.crl_reason().code(), r.crl_reason().name()))
        .collect();
    assert_eq!(
        mapping,
        [
            (RevocationReason::SuspectedKeyCompromise, 1, "keyCompromise"),
            (RevocationReason::NoLongerNeeded, 5, "cessationOfOperation"),
            (RevocationReason::PurposeChanged, 4, "superseded"),
        ]
    );
}

#[test]
fn crl_reason_codes_round_trip_and_hold_is_no_holders_reason() {
    let codes: Vec<u8> = CrlReason::ALL.iter().map(|r| r.code()).collect();
    assert_eq!(codes, [0, 1, 2, 3, 4, 5, 6, 8, 9, 10]);
    for reason in CrlReason::ALL {
        assert_eq!(CrlReason::from_code(reason.code()), Ok(reason));
        assert_eq!(CrlReason::try_from(u8::from(reason)), Ok(reason));
        assert_eq!(CrlReason::from_name(reason.name()), Some(reason));
        // A holder may name exactly the four codes its reasons permit.
        let permitted = RevocationReason::ALL
            .iter()
            .any(|r| r.permitted_crl_reasons().contains(&reason));
        assert_eq!(CrlReason::HOLDERS.contains(&reason), permitted, "{reason}");
        assert_eq!(reason.not_for_requests().is_none(), permitted, "{reason}");
    }
    for code in [7u8, 11, 255] {
        assert_eq!(
            CrlReason::from_code(code),
            Err(RevocationError::UnknownCrlReason { code })
        );
    }
    assert_eq!(
        CrlReason::from_code(7).unwrap_err().to_string(),
        "7 is not a CRLReason code of RFC 5280 section 5.3.1"
    );
    assert_eq!(CrlReason::RemoveFromCrl.name(), "removeFromCRL");
    assert_eq!(
        CrlReason::CertificateHold.not_for_requests(),
        Some("a revoked sote certificate is never suspended")
    );
    assert_eq!(CrlReason::from_name("hold"), None);
    assert_eq!(CrlReason::Superseded.to_string(), "superseded (4)");
}

#[test]
fn reasons_read_and_print_their_stable_names() {
    for reason in RevocationReason::ALL {
        assert_eq!(reason.as_str().parse::<RevocationReason>(), Ok(reason));
        assert_eq!(reason.to_string(), reason.as_str());
    }
    let error = "hold".parse::<RevocationReason>().unwrap_err();
    assert_eq!(
        error.to_string(),
        "unknown revocation reason \"hold\": expected suspected-key-compromise, no-longer-needed or purpose-changed"
    );
}

#[test]
fn a_request_carries_serial_reason_code_and_instant() {
    let request = RevocationRequest::new(
        serial("0bf4eab0"),
        RevocationReason::SuspectedKeyCompromise,
        at(2024, 5, 2),
    );
    assert_eq!(request.serial(), &serial("0bf4eab0"));
    assert_eq!(request.reason(), RevocationReason::SuspectedKeyCompromise);
    assert_eq!(request.crl_reason(), CrlReason::KeyCompromise);
    assert_eq!(request.requested_at(), at(2024, 5, 2));
}

#[test]
fn only_permitted_crl_reasons_can_replace_the_default() {
    let purpose = RevocationRequest::new(
        serial("01"),
        RevocationReason::PurposeChanged,
        at(2024, 1, 1),
    );
    let changed = purpose
        .clone()
        .with_crl_reason(CrlReason::AffiliationChanged)
        .unwrap();
    assert_eq!(changed.crl_reason().code(), 3);
    for reason in RevocationReason::ALL {
        let request = RevocationRequest::new(serial("01"), reason, at(2024, 1, 1));
        for crl_reason in CrlReason::ALL {
            let permitted = reason.permitted_crl_reasons().contains(&crl_reason);
            assert_eq!(
                request.clone().with_crl_reason(crl_reason).is_ok(),
                permitted,
                "{reason} as {crl_reason}"
            );
        }
    }
    let error = purpose
        .with_crl_reason(CrlReason::KeyCompromise)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "CRL reason keyCompromise (1) does not stand for revocation reason purpose-changed"
    );
}

#[test]
fn a_request_for_a_real_certificate_names_its_serial_until_it_expires() {
    let pem =
        std::fs::read("tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem").unwrap();
    let cert = &read_certificates(&pem).unwrap()[0];
    let last_second = cert.not_after();
    let request =
        RevocationRequest::for_certificate(cert, RevocationReason::NoLongerNeeded, last_second)
            .unwrap();
    assert_eq!(
        request.serial().to_hex_string(),
        "017dd7810fc3030e71245bda512189"
    );
    let after = last_second + Duration::seconds(1);
    let error = RevocationRequest::for_certificate(cert, RevocationReason::NoLongerNeeded, after)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "certificate 0x017dd7810fc3030e71245bda512189 expired at 2023-12-19 21:59:59 UTC, before the revocation request at 2023-12-19 22:00:00 UTC"
    );
}

#[test]
fn a_revocation_cannot_precede_its_request() {
    let request = RevocationRequest::new(
        serial("01"),
        RevocationReason::NoLongerNeeded,
        at(2024, 1, 2),
    );
    assert!(matches!(
        request.clone().carry_out(at(2024, 1, 1)),
        Err(RevocationError::RevokedBeforeRequested { .. })
    ));
    let revocation = request.carry_out(at(2024, 1, 2)).unwrap();
    assert_eq!(revocation.revoked_at(), at(2024, 1, 2));
    assert!(!revocation.is_revoked_at(at(2024, 1, 2) - Duration::seconds(1)));
    assert!(revocation.is_revoked_at(at(2024, 1, 2)));
    assert!(revocation.is_revoked_at(at(2199, 1, 1)));
}

#[test]
fn revocation_is_final_in_the_register() {
    let mut register = Revocations::new();
    assert!(register.is_empty());
    let first = RevocationRequest::new(
        serial("0bf4eab0"),
        RevocationReason::PurposeChanged,
        at(2024, 1, 1),
    );
    register.revoke(first, at(2024, 1, 2)).unwrap();
    // The same number in another notation is the same certificate.
    let again = RevocationRequest::new(
        SerialNumber::from_decimal("200600240").unwrap(),
        RevocationReason::SuspectedKeyCompromise,
        at(2024, 2, 1),
    );
    let error = register.revoke(again, at(2024, 2, 1)).unwrap_err();
    assert_eq!(
        error,
        RevocationError::AlreadyRevoked {
            serial: serial("0bf4eab0"),
            revoked_at: at(2024, 1, 2)
        }
    );
    assert_eq!(
        error.to_string(),
        "certificate 0x0bf4eab0 is already revoked (at 2024-01-02 09:00:00 UTC); revocation is final"
    );
    let kept = register.get(&serial("0bf4eab0")).unwrap();
    assert_eq!(kept.reason(), RevocationReason::PurposeChanged);
    assert_eq!(kept.crl_reason(), CrlReason::Superseded);
    assert_eq!(register.len(), 1);
    assert!(!register.is_revoked(&serial("0bf4eab1")));
}

#[cfg(feature = "serde")]
#[test]
fn revocations_round_trip_through_json_and_refuse_tampering() {
    let mut register = Revocations::new();
    for (hex, reason) in [
        ("01", RevocationReason::SuspectedKeyCompromise),
        (
            "017dd7810fc3030e71245bda512189",
            RevocationReason::PurposeChanged,
        ),
    ] {
        register
            .revoke(
                RevocationRequest::new(serial(hex), reason, at(2024, 1, 1)),
                at(2024, 1, 3),
            )
            .unwrap();
    }
    let json = serde_json::to_value(&register).unwrap();
    assert_eq!(json[0]["request"]["serial"], "0x01");
    assert_eq!(json[0]["request"]["reason"], "suspected-key-compromise");
    assert_eq!(json[0]["request"]["crl_reason"], 1);
    let back: Revocations = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, register);

    // Each tampering is refused for its own reason, not for an unrelated parse error.
    let refused = |value: serde_json::Value| {
        serde_json::from_value::<Revocations>(value)
            .unwrap_err()
            .to_string()
    };
    let mut hold = json.clone();
    hold[0]["request"]["crl_reason"] = 6.into();
    let error = refused(hold);
    assert!(
        error.contains(
            "CRL reason certificateHold (6) does not stand for revocation reason suspected-key-compromise"
        ),
        "{error}"
    );
    let mut unknown = json.clone();
    unknown[0]["request"]["crl_reason"] = 7.into();
    let error = refused(unknown);
    assert!(
        error.contains("7 is not a CRLReason code of RFC 5280 section 5.3.1"),
        "{error}"
    );
    let mut mismatched = json.clone();
    mismatched[0]["request"]["crl_reason"] = 5.into();
    let error = refused(mismatched);
    assert!(
        error.contains("does not stand for revocation reason suspected-key-compromise"),
        "{error}"
    );
    let mut twice = json.clone();
    twice[1]["request"]["serial"] = "0x01".into();
    let error = refused(twice);
    assert!(
        error.contains("certificate 0x01 is already revoked"),
        "{error}"
    );
    let mut early = json;
    early[0]["revoked_at"] = "2023-12-31T00:00:00Z".into();
    let error = serde_json::from_value::<Revocation>(early[0].clone())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("cannot be revoked at 2023-12-31 00:00:00 UTC"),
        "{error}"
    );
}

proptest! {
    /// Whatever is revoked, in whatever order, stays revoked exactly as first recorded.
    #[test]
    fn the_register_never_forgets_nor_rewrites(
        ops in prop::collection::vec((0u8..8, 0usize..3, 0i64..1_000_000), 0..40),
    ) {
        let mut register = Revocations::new();
        let mut first: std::collections::BTreeMap<u8, (RevocationReason, DateTime<Utc>)> =
            Default::default();
        for (n, reason, seconds) in ops {
            let reason = RevocationReason::ALL[reason];
            let when = at(2024, 1, 1) + Duration::seconds(seconds);
            let request = RevocationRequest::new(SerialNumber::from(n), reason, when);
            let result = register.revoke(request, when).cloned();
            match first.get(&n) {
                Some(_) => prop_assert!(
                    matches!(result, Err(RevocationError::AlreadyRevoked { .. })),
                    "serial {} revoked twice", n
                ),
                None => {
                    prop_assert!(result.is_ok());
                    first.insert(n, (reason, when));
                }
            }
            for (serial, (reason, when)) in &first {
                let kept = register.get(&SerialNumber::from(*serial));
                prop_assert_eq!(kept.map(Revocation::reason), Some(*reason));
                prop_assert_eq!(kept.map(Revocation::revoked_at), Some(*when));
            }
            prop_assert_eq!(register.len(), first.len());
        }
    }
}
