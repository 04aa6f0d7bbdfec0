#![cfg(feature = "test-fixtures")]
//! The inspection on minted certificates: the conformant certificate of each profile, one
//! certificate per named defect, the validity limit to the second in summer and winter time,
//! and the rules that start on a date.
//!
//! Production profiles are issued by a test CA carrying DVV's registered G3E name, test profiles
//! by one carrying VRK's registered test CA name (G2), as [`ProfilePreset::ca`] chooses. The
//! conformant certificates get no finding at all: no error, no warning and no notice (their
//! only extended key usages are serverAuth and clientAuth, so not even `eku.other`).

mod common;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use common::utc;
use sote_certs::authority::{DvvAuthority, Recognition};
use sote_certs::inspect::{Classification, Conformance};
use sote_certs::mint::{CertTemplate, Defect, Dn, DvvCa, ProfilePreset, dvv_not_after};
use sote_certs::profile::{ProfileSpec, ProfileSpecs, Since};
use sote_certs::validity::{HELSINKI, Status};
use sote_certs::{Environment, Inspector, Profile, Report, Rule, Severity, read_certificates};

/// The issue instant of most tests: summer time, after every date-dependent rule started.
fn summer() -> DateTime<Utc> {
    utc(2025, 6, 10, 9, 30, 0)
}

/// A winter-time issue instant.
fn winter() -> DateTime<Utc> {
    utc(2025, 1, 15, 9, 30, 0)
}

/// Mints `template` with `ca` and inspects it at its notBefore.
fn inspect_minted(ca: &DvvCa, template: &CertTemplate) -> Report {
    let minted = ca.test_ca(1).unwrap().issue(template).unwrap();
    let certs = read_certificates(&minted.der).unwrap();
    assert_eq!(certs.len(), 1);
    Inspector::dvv().inspect(&certs[0], template.not_before)
}

/// The report of the conformant certificate of `kind` issued at `now`.
fn conformant(kind: Profile, now: DateTime<Utc>) -> Report {
    inspect_minted(&kind.ca(), &CertTemplate::dvv_like(kind, now).unwrap())
}

/// The report of `kind` with `defect`, issued at `now` by the defect's CA.
fn defective(kind: Profile, defect: Defect, now: DateTime<Utc>) -> Report {
    let template = CertTemplate::dvv_like_with_defect(kind, defect, now).unwrap();
    inspect_minted(&defect.ca(kind), &template)
}

/// `codes` plus `extra`, in rule-table order (the order of a report's findings).
fn with_code(codes: &[&'static str], extra: &'static str) -> Vec<&'static str> {
    let position = |code: &str| Rule::ALL.iter().position(|r| r.code() == code).unwrap();
    let mut all: Vec<&'static str> = codes.to_vec();
    if !all.contains(&extra) {
        all.push(extra);
    }
    all.sort_by_key(|code| position(code));
    all
}

#[test]
fn conformant_certificates_classify_as_their_profile_without_findings() {
    for kind in Profile::ALL {
        let report = conformant(kind, summer());
        let profile = kind;
        assert_eq!(
            report.classification,
            Classification::Classified(profile),
            "{kind:?}"
        );
        let environment = if kind.environment() == Environment::Test {
            Environment::Test
        } else {
            Environment::Production
        };
        assert_eq!(report.environment(), Some(environment), "{kind:?}");
        // The environment comes from a registered CA, not from a guess on the name.
        let Some(Recognition::Registered(ca)) = &report.authority else {
            panic!("{kind:?}: issuer not recognised as a registered CA");
        };
        let expected_cn = if kind.environment() == Environment::Test {
            "VRK TEST CA for Social Welfare and Healthcare Service Prov. - G2"
        } else {
            "DVV Social Welfare and Healthcare Service Certificates - G3E"
        };
        assert_eq!(ca.common_name, expected_cn);
        assert_eq!(ca.environment, environment);
        assert!(
            report.findings.is_empty(),
            "{kind:?}: {:#?}",
            report.findings
        );
        assert_eq!(report.conforms(), Some(true));
        assert_eq!(report.status, Status::Valid);
    }
}

#[test]
fn conformant_certificates_also_pass_when_issued_in_winter_time() {
    for kind in Profile::ALL {
        let report = conformant(kind, winter());
        assert_eq!(report.profile(), Some(kind));
        assert_eq!(report.codes(), Vec::<&str>::new(), "{kind:?}");
    }
}

#[test]
fn a_test_ca_recognised_only_by_its_dvv_test_name_gives_the_test_profiles() {
    // DVV does not publish its G3 test CA names; a DVV organisation with TEST is a test CA.
    let ca = DvvCa {
        name: Dn::new()
            .country("FI")
            .organization("Digi- ja vaestotietovirasto TEST")
            .organizational_unit("Sosiaali- ja terveydenhuollon palveluvarmenteet")
            .common_name("DVV TEST Social Welfare and Healthcare Service Certificates - G3E"),
        ..DvvCa::g3e()
    };
    for kind in [Profile::TestServer, Profile::TestSystemSignature] {
        let template = CertTemplate::dvv_like_for(kind, summer(), &ca).unwrap();
        let report = inspect_minted(&ca, &template);
        assert!(matches!(report.authority, Some(Recognition::TestByName(_))));
        assert_eq!(report.classification, Classification::Classified(kind));
        assert_eq!(report.codes(), Vec::<&str>::new(), "{kind:?}");
        // A DVV organisation's CA issues long serials, so the short-serial warning applies
        // here too, though the name tells no generation.
        let short = inspect_minted(&ca, &template.with_defect(Defect::SerialShort).unwrap());
        assert_eq!(short.codes(), ["serial.short"], "{kind:?}");
    }
}

#[test]
fn every_defect_names_an_error_or_warning_rule() {
    for defect in Defect::ALL {
        let severity = defect.expected_rule().severity();
        assert_ne!(severity, Severity::Notice, "{defect}");
        assert!(
            Profile::ALL.iter().any(|&k| defect.applies_to(k)),
            "{defect} applies to no profile"
        );
    }
}

#[test]
fn every_certificate_rule_of_the_issue_has_a_defect() {
    // The codes issue 4 lists, plus the two the inspection added (san.ip-only,
    // extension.malformed). Not here: key.unsupported (the minter makes RSA and EC keys only)
    // and issuer.environment (only when checking as another profile).
    let codes = [
        "serial.not-positive",
        "serial.too-long",
        "validity.inverted",
        "validity.too-long",
        "key-usage.missing",
        "key-usage.not-critical",
        "key-usage.mismatch",
        "eku.tls-missing",
        "eku.tls-in-signature",
        "basic-constraints.ca",
        "subject.country",
        "subject.organisation",
        "subject.common-name",
        "san.dns-missing",
        "san.email",
        "san.ip-only",
        "key.weak",
        "signature.weak-algorithm",
        "policy.missing",
        "extension.duplicate",
        "extension.malformed",
        "issuer.unknown",
        "subject.ou",
        "subject.organisation-id",
        "san.cn-not-in-san",
        "crl.missing",
        "aia.missing",
        "serial.short",
    ];
    for code in codes {
        assert!(
            Defect::ALL.iter().any(|d| d.expected_rule().code() == code),
            "no defect for {code}"
        );
    }
}

#[test]
fn each_defect_adds_exactly_its_rule_where_it_applies_and_nothing_elsewhere() {
    // Every mismatch is collected, so that one run shows all of them.
    let mut wrong = Vec::new();
    for kind in Profile::ALL {
        let baseline = conformant(kind, summer()).codes();
        for defect in Defect::ALL {
            let report = defective(kind, defect, summer());
            let expected_codes = if defect.applies_to(kind) {
                with_code(&baseline, defect.expected_rule().code())
            } else {
                baseline.clone()
            };
            if report.codes() != expected_codes {
                wrong.push(format!(
                    "{kind:?} with {defect}: expected {expected_codes:?}, got {:#?}",
                    report.findings
                ));
            }
            let expected = match defect {
                Defect::IssuerUnknown => Classification::UnknownIssuer,
                _ => Classification::Classified(kind),
            };
            if report.classification != expected {
                wrong.push(format!(
                    "{kind:?} with {defect}: classified {:?}, expected {expected:?}",
                    report.classification
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn defect_findings_name_the_values_involved() {
    let message = |kind, defect| {
        let report = defective(kind, defect, summer());
        assert_eq!(report.findings.len(), 1, "{defect}");
        report.findings[0].message.clone()
    };
    assert_eq!(
        message(Profile::Server, Defect::SanEmail),
        "e-mail address tuki@esimerkkiklinikka.example in a server certificate issued on 2025-06-10 \
         (rule applies from 2023-09-15)"
    );
    assert_eq!(
        message(Profile::SystemSignature, Defect::SubjectCountryNotFi),
        "subject country is \"SE\", not FI"
    );
    assert_eq!(
        message(Profile::Server, Defect::SerialShort),
        "serial number of 4 octets from a CA that issues long serials"
    );
    assert_eq!(
        message(Profile::TestServer, Defect::ValidityOneSecondOver),
        "valid 2025-06-10 to 2026-06-11 Helsinki time, over the 1-year limit of test-server \
         (rule applies from 2020-09-01): notAfter 2026-06-10 21:00:00 UTC (at most 2026-06-10 20:59:59 UTC)"
    );
}

#[test]
fn minting_with_a_defect_is_deterministic() {
    for defect in Defect::ALL {
        let kind = Profile::SystemSignature;
        let mint = || {
            let template = CertTemplate::dvv_like_with_defect(kind, defect, summer()).unwrap();
            defect
                .ca(kind)
                .test_ca(3)
                .unwrap()
                .issue(&template)
                .unwrap()
        };
        assert_eq!(mint().der, mint().der, "{defect}");
    }
}

/// The conformant certificate of `kind` issued at `issued` ends at `last_second` (the last
/// allowed instant, 23:59:59 Helsinki time) and conforms; one second later it is too long.
fn assert_limit(kind: Profile, issued: DateTime<Utc>, last_second: DateTime<Utc>) {
    let template = CertTemplate::dvv_like(kind, issued).unwrap();
    assert_eq!(template.not_after, last_second, "{kind:?} issued {issued}");
    let local = last_second.with_timezone(&HELSINKI);
    assert_eq!(local.format("%H:%M:%S").to_string(), "23:59:59");
    let at_limit = inspect_minted(&kind.ca(), &template);
    assert_eq!(at_limit.codes(), Vec::<&str>::new(), "{kind:?} {issued}");
    let over = template.with_defect(Defect::ValidityOneSecondOver).unwrap();
    assert_eq!(over.not_after, last_second + TimeDelta::seconds(1));
    let report = inspect_minted(&kind.ca(), &over);
    assert_eq!(report.codes(), ["validity.too-long"], "{kind:?} {issued}");
}

#[test]
fn server_limit_is_one_year_to_the_second_in_summer_and_winter_time() {
    for kind in [Profile::Server, Profile::TestServer] {
        // Summer (UTC+3): 23:59:59 Helsinki is 20:59:59Z.
        assert_limit(kind, summer(), utc(2026, 6, 10, 20, 59, 59));
        // Winter (UTC+2): 21:59:59Z.
        assert_limit(kind, winter(), utc(2026, 1, 15, 21, 59, 59));
    }
}

#[test]
fn signature_limit_is_two_years_to_the_second_in_summer_and_winter_time() {
    for kind in [Profile::SystemSignature, Profile::TestSystemSignature] {
        assert_limit(kind, summer(), utc(2027, 6, 10, 20, 59, 59));
        assert_limit(kind, winter(), utc(2027, 1, 15, 21, 59, 59));
    }
}

#[test]
fn limit_follows_the_helsinki_date_and_offset_not_utc() {
    // 21:30Z on 9 June is already 10 June in Helsinki: the limit is 10 June a year on.
    assert_limit(
        Profile::Server,
        utc(2025, 6, 9, 21, 30, 0),
        utc(2026, 6, 10, 20, 59, 59),
    );
    // Issued in winter time the day before DST starts (2024-03-31); a year on, 2025-03-30 is
    // the day DST starts, so the last second is in summer time.
    assert_limit(
        Profile::Server,
        utc(2024, 3, 30, 10, 0, 0),
        utc(2025, 3, 30, 20, 59, 59),
    );
    // Issued in summer time the day before DST ends (2024-10-27); 2025-10-26 is the day it
    // ends, so the last second is in winter time.
    assert_limit(
        Profile::SystemSignature,
        utc(2024, 10, 26, 10, 0, 0),
        utc(2026, 10, 26, 21, 59, 59),
    );
    // 29 February plus two years is 28 February.
    assert_limit(
        Profile::SystemSignature,
        utc(2024, 2, 29, 10, 0, 0),
        utc(2026, 2, 28, 21, 59, 59),
    );
}

/// VRK's production sote CA, which issued server certificates before DVV's G3 hierarchy.
fn vrk_ca() -> DvvCa {
    DvvCa::of(DvvAuthority::Vrk)
}

/// A VRK server certificate issued at `issued`, valid `years` calendar years to the second,
/// plus `extra_seconds`.
fn vrk_server(issued: DateTime<Utc>, years: u32, extra_seconds: i64) -> Report {
    let mut template = CertTemplate::dvv_like_for(Profile::Server, issued, &vrk_ca()).unwrap();
    template.not_after =
        dvv_not_after(template.not_before, years).unwrap() + TimeDelta::seconds(extra_seconds);
    inspect_minted(&vrk_ca(), &template)
}

#[test]
fn server_certificates_issued_before_2020_09_01_may_be_valid_two_years() {
    // The last instant of 31 August 2020 in Helsinki (summer time): the 2-year limit.
    let last_old = utc(2020, 8, 31, 20, 59, 59);
    let report = vrk_server(last_old, 2, 0);
    assert_eq!(report.profile(), Some(Profile::Server));
    assert_eq!(report.not_after, utc(2022, 8, 31, 20, 59, 59));
    assert_eq!(report.codes(), Vec::<&str>::new());
    assert_eq!(vrk_server(last_old, 2, 1).codes(), ["validity.too-long"]);
    // One second later it is 1 September in Helsinki: the 1-year limit.
    let first_new = utc(2020, 8, 31, 21, 0, 0);
    assert_eq!(vrk_server(first_new, 2, 0).codes(), ["validity.too-long"]);
    assert_eq!(vrk_server(first_new, 1, 0).codes(), Vec::<&str>::new());
    assert_eq!(vrk_server(first_new, 1, 1).codes(), ["validity.too-long"]);
}

#[test]
fn email_san_in_a_server_certificate_is_an_error_from_2023_09_15_helsinki_time() {
    // 20:59:59Z on 14 September is 23:59:59 in Helsinki (summer time).
    let last_allowed = defective(
        Profile::Server,
        Defect::SanEmail,
        utc(2023, 9, 14, 20, 59, 59),
    );
    assert_eq!(last_allowed.codes(), Vec::<&str>::new());
    let first_forbidden = defective(
        Profile::Server,
        Defect::SanEmail,
        utc(2023, 9, 14, 21, 0, 0),
    );
    assert_eq!(first_forbidden.codes(), ["san.email"]);
    let next_day = defective(Profile::Server, Defect::SanEmail, utc(2023, 9, 15, 9, 0, 0));
    assert_eq!(next_day.codes(), ["san.email"]);
    // The finding carries each address as a value, not only in its message.
    let finding = &next_day.findings[0];
    let Some(sote_certs::inspect::FindingValue::Name(email)) = finding.value("email") else {
        panic!("no e-mail value: {:?}", finding.values);
    };
    assert!(
        finding.message.contains(email.as_str()),
        "{}",
        finding.message
    );
    assert!(email.contains('@'), "{email}");
}

#[test]
fn ou_in_a_server_certificate_is_a_warning_from_2022_09_01_helsinki_time() {
    let last_allowed = defective(
        Profile::Server,
        Defect::SubjectOu,
        utc(2022, 8, 31, 20, 59, 59),
    );
    assert_eq!(last_allowed.codes(), Vec::<&str>::new());
    let first = defective(
        Profile::Server,
        Defect::SubjectOu,
        utc(2022, 8, 31, 21, 0, 0),
    );
    assert_eq!(first.codes(), ["subject.ou"]);
    assert_eq!(first.findings[0].severity(), Severity::Warning);
    assert_eq!(first.conforms(), Some(true));
}

/// The Helsinki issue dates DVV's date-dependent rules start on, written out here rather than
/// read from the specification under test (DVV's server certificate pages).
fn dvv_rule_dates() -> [(Defect, NaiveDate); 4] {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    [
        (Defect::SubjectOu, date(2022, 9, 1)),
        (Defect::SanDnsMissing, date(2023, 9, 15)),
        (Defect::SanEmail, date(2023, 9, 15)),
        (Defect::SanIpOnly, date(2023, 9, 15)),
    ]
}

#[test]
fn the_date_dependent_defects_are_dvvs_four() {
    let dated: Vec<_> = Defect::ALL
        .into_iter()
        .filter_map(|d| Some((d, d.applies_from()?)))
        .collect();
    assert_eq!(dated, dvv_rule_dates());
}

#[test]
fn every_date_dependent_defect_starts_on_its_helsinki_date() {
    for (defect, from) in dvv_rule_dates() {
        for kind in Profile::ALL.into_iter().filter(|k| defect.applies_to(*k)) {
            // Midnight Helsinki time starting `from`, and the second before it.
            let first = from
                .and_hms_opt(0, 0, 0)
                .unwrap()
                .and_local_timezone(HELSINKI)
                .single()
                .unwrap()
                .with_timezone(&Utc);
            let before = first - TimeDelta::seconds(1);
            assert_eq!(
                defective(kind, defect, before).codes(),
                Vec::<&str>::new(),
                "{kind:?} {defect} issued {before}"
            );
            assert_eq!(
                defective(kind, defect, first).codes(),
                [defect.expected_rule().code()],
                "{kind:?} {defect} issued {first}"
            );
        }
    }
}

#[test]
fn minted_ca_certificates_are_ca_certificates_not_profiles() {
    for ca in [DvvCa::g3e(), DvvCa::test_g2(), DvvCa::unknown()] {
        let minted = ca.test_ca(1).unwrap();
        let certs = read_certificates(&minted.certificate().der).unwrap();
        let report = Inspector::dvv().inspect(&certs[0], summer());
        assert_eq!(
            report.classification,
            Classification::CaCertificate,
            "{}",
            ca.name
        );
        assert_eq!(report.codes(), Vec::<&str>::new(), "{}", ca.name);
    }
}

#[test]
fn an_ip_address_beside_a_dns_name_is_fine_and_no_name_at_all_is_dns_missing() {
    let mut template = CertTemplate::dvv_like(Profile::Server, summer()).unwrap();
    let san = template.subject_alt_names.as_mut().unwrap();
    san.value
        .push(sote_certs::mint::San::Ip("192.0.2.10".parse().unwrap()));
    let beside = inspect_minted(&DvvCa::g3e(), &template);
    assert_eq!(beside.codes(), Vec::<&str>::new());
    // An IP address alone is one finding (san.ip-only, tested with the defects); no SAN at all
    // is san.dns-missing.
    let none = defective(Profile::Server, Defect::SanDnsMissing, summer());
    assert_eq!(none.codes(), ["san.dns-missing"]);
    assert_eq!(
        none.findings[0].message,
        "no DNS name in a server certificate issued on 2025-06-10 (rule applies from 2023-09-15)"
    );
}

// Conformance is a statement about a sote profile.

#[test]
fn conformance_is_conforms_for_a_sote_certificate_without_errors() {
    let report = conformant(Profile::Server, summer());
    assert_eq!(report.conformance(), Conformance::Conforms);
    assert_eq!(report.conforms(), Some(true));
    assert_eq!(report.errors().count(), 0);
}

#[test]
fn conformance_is_does_not_conform_for_a_sote_certificate_with_an_error() {
    let report = defective(Profile::Server, Defect::KeyUsageMissing, summer());
    assert_eq!(report.conformance(), Conformance::DoesNotConform);
    assert_eq!(report.conforms(), Some(false));
    let errors: Vec<&str> = report.errors().map(|f| f.code()).collect();
    assert_eq!(errors, ["key-usage.missing"]);
}

#[test]
fn a_ca_certificate_without_findings_is_not_sote_rather_than_conforming() {
    for ca in [DvvCa::g3e(), DvvCa::test_g2(), DvvCa::unknown()] {
        let minted = ca.test_ca(1).unwrap();
        let report = inspect_der(&minted.certificate().der, summer());
        assert_eq!(report.codes(), Vec::<&str>::new(), "{}", ca.name);
        assert_eq!(report.conformance(), Conformance::NotSote, "{}", ca.name);
        assert_eq!(report.conforms(), None, "{}", ca.name);
        assert_eq!(report.conformance().to_string(), "not a sote certificate");
    }
}

#[test]
fn an_unknown_issuer_certificate_is_not_sote_even_with_an_error_finding() {
    let template =
        CertTemplate::dvv_like_for(Profile::Server, summer(), &DvvCa::unknown()).unwrap();
    let report = inspect_minted(
        &DvvCa::unknown(),
        &template.with_defect(Defect::SerialZero).unwrap(),
    );
    assert_eq!(report.classification, Classification::UnknownIssuer);
    assert_eq!(report.codes(), ["serial.not-positive", "issuer.unknown"]);
    assert_eq!(report.conformance(), Conformance::NotSote);
    assert_eq!(report.conforms(), None);
    assert_eq!(report.errors().count(), 1);
}

#[test]
fn a_ca_certificate_checked_as_a_profile_is_judged_as_that_profile() {
    let minted = DvvCa::g3e().test_ca(1).unwrap();
    let certs = read_certificates(&minted.certificate().der).unwrap();
    let report = Inspector::dvv().inspect_as(&certs[0], Profile::Server, summer());
    assert_eq!(report.conformance(), Conformance::DoesNotConform);
    assert!(report.codes().contains(&"basic-constraints.ca"));
}

// Certificate versions. The minter writes v3; these tests change the version octet of a minted
// certificate. The issuer's signature then no longer matches, which the inspection does not
// verify: it judges the content.

/// The DER of the conformant certificate of `kind`, issued at `summer()`.
fn minted_der(kind: Profile) -> Vec<u8> {
    let template = CertTemplate::dvv_like(kind, summer()).unwrap();
    kind.ca().test_ca(1).unwrap().issue(&template).unwrap().der
}

fn inspect_der(der: &[u8], at: DateTime<Utc>) -> Report {
    let certs = read_certificates(der).unwrap();
    assert_eq!(certs.len(), 1);
    Inspector::dvv().inspect(&certs[0], at)
}

/// `der` with occurrence `nth` (from 0) of `from` replaced by `to`, of the same length;
/// `from` must occur exactly `occurrences` times, so that the test changes what it means to.
fn patch(der: &[u8], from: &[u8], to: &[u8], nth: usize, occurrences: usize) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let at: Vec<usize> = der
        .windows(from.len())
        .enumerate()
        .filter(|(_, w)| *w == from)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(at.len(), occurrences, "occurrences of {from:02x?}");
    let mut out = der.to_vec();
    out[at[nth]..at[nth] + to.len()].copy_from_slice(to);
    out
}

/// `[0] EXPLICIT INTEGER 2` (v3), as the minter writes it.
const V3: [u8; 5] = [0xa0, 0x03, 0x02, 0x01, 0x02];

fn with_version(der: &[u8], raw: u8) -> Vec<u8> {
    patch(der, &V3, &[0xa0, 0x03, 0x02, 0x01, raw], 0, 1)
}

#[test]
fn v1_and_v2_certificates_are_read_and_judged_a_version_error_for_every_profile() {
    for kind in Profile::ALL {
        for (raw, shown) in [(0, "v1"), (1, "v2")] {
            let der = with_version(&minted_der(kind), raw);
            let cert = &read_certificates(&der).unwrap()[0];
            assert_eq!(cert.version().to_string(), shown);
            let report = Inspector::dvv().inspect(cert, summer());
            assert_eq!(report.profile(), Some(kind), "{kind:?}");
            assert_eq!(report.codes(), ["version.not-v3"], "{kind:?} {shown}");
            let finding = &report.findings[0];
            assert_eq!(finding.severity(), Severity::Error);
            assert_eq!(
                finding.source(),
                "RFC 5280 §4.1.2.1; DVV certificate profile"
            );
            assert_eq!(
                finding.message,
                format!("certificate is {shown}; a {} certificate needs v3", kind)
            );
            assert_eq!(report.conforms(), Some(false));
        }
    }
}

#[test]
fn a_version_outside_x509s_range_is_an_error_with_the_value_in_the_message() {
    let der = with_version(&minted_der(Profile::SystemSignature), 5);
    let report = inspect_der(&der, summer());
    assert_eq!(report.codes(), ["version.out-of-range"]);
    let finding = &report.findings[0];
    assert_eq!(finding.severity(), Severity::Error);
    assert_eq!(finding.source(), "RFC 5280 §4.1.2.1");
    assert_eq!(
        finding.message,
        "certificate version value 5 is outside X.509's 0 to 2 (v1 to v3)"
    );
    assert_eq!(report.conformance(), Conformance::DoesNotConform);
}

#[test]
fn a_version_outside_x509s_range_is_an_error_on_a_ca_certificate_too() {
    let ca = DvvCa::unknown().test_ca(1).unwrap();
    let der = with_version(&ca.certificate().der, 3);
    let report = inspect_der(&der, summer());
    assert_eq!(report.classification, Classification::CaCertificate);
    assert_eq!(report.codes(), ["version.out-of-range"]);
    assert_eq!(
        report.findings[0].message,
        "certificate version value 3 is outside X.509's 0 to 2 (v1 to v3)"
    );
    assert_eq!(report.conforms(), None);
}

#[test]
fn a_v1_ca_certificate_is_no_finding_the_version_rule_is_for_profiles() {
    let ca = DvvCa::unknown().test_ca(1).unwrap();
    let report = inspect_der(&with_version(&ca.certificate().der, 0), summer());
    assert_eq!(report.classification, Classification::CaCertificate);
    assert_eq!(report.codes(), Vec::<&str>::new());
}

// Name strings: each test changes the tag or one octet of one subject value of a minted
// certificate (same length, so the DER stays well formed).

/// A UTF8String TLV of `text`.
fn utf8(text: &str) -> Vec<u8> {
    let mut out = vec![0x0c, u8::try_from(text.len()).unwrap()];
    out.extend_from_slice(text.as_bytes());
    out
}

fn retagged(tlv: &[u8], tag: u8) -> Vec<u8> {
    let mut out = tlv.to_vec();
    out[0] = tag;
    out
}

fn one_finding(report: &Report) -> (&'static str, Severity, String) {
    assert_eq!(report.findings.len(), 1, "{:#?}", report.findings);
    let f = &report.findings[0];
    (f.code(), f.severity(), f.message.clone())
}

#[test]
fn a_utf8_string_that_is_not_utf8_is_an_error_naming_the_attribute_and_byte() {
    let cn = utf8("Arkistointipalvelu");
    let mut bad = cn.clone();
    bad[2 + 3] = 0xff;
    let der = patch(&minted_der(Profile::SystemSignature), &cn, &bad, 0, 1);
    let report = inspect_der(&der, summer());
    assert_eq!(
        one_finding(&report),
        (
            "name.invalid-string",
            Severity::Error,
            "subject CN (2.5.4.3) is a UTF8String that is not valid UTF-8 at byte 3".to_owned()
        )
    );
    assert_eq!(
        report.findings[0].source(),
        "RFC 5280 §4.1.2.4; ITU-T X.680 §41"
    );
    assert_eq!(report.conforms(), Some(false));
}

#[test]
fn a_printable_string_outside_its_character_set_is_an_error_naming_the_character() {
    let cn = utf8("Arkistointipalvelu_testi");
    let der = patch(
        &minted_der(Profile::TestSystemSignature),
        &cn,
        &retagged(&cn, 0x13),
        0,
        1,
    );
    assert_eq!(
        one_finding(&inspect_der(&der, summer())),
        (
            "name.invalid-string",
            Severity::Error,
            "subject CN (2.5.4.3) is a PrintableString with '_' at byte 18, outside its \
             character set"
                .to_owned()
        )
    );
}

#[test]
fn a_bmp_string_of_odd_length_is_an_error() {
    let st = utf8("Uusimaa");
    let der = patch(
        &minted_der(Profile::Server),
        &st,
        &retagged(&st, 0x1e),
        0,
        1,
    );
    assert_eq!(
        one_finding(&inspect_der(&der, summer())),
        (
            "name.invalid-string",
            Severity::Error,
            "subject ST (2.5.4.8) is a BMPString of 7 octets, not a whole number of 2-octet \
             characters"
                .to_owned()
        )
    );
}

#[test]
fn an_ia5_string_over_0x7f_in_a_directory_string_attribute_is_two_errors() {
    let o = utf8("Esimerkkiklinikka Oy");
    let mut bad = retagged(&o, 0x16);
    bad[2 + 2] = 0xe4;
    let der = patch(&minted_der(Profile::SystemSignature), &o, &bad, 0, 1);
    let report = inspect_der(&der, summer());
    assert_eq!(report.codes(), ["name.invalid-string", "name.string-type"]);
    assert!(report.errors().count() == 2);
    assert_eq!(
        report.findings[0].message,
        "subject O (2.5.4.10) is an IA5String with 0xe4 at byte 2, over 0x7f"
    );
    assert_eq!(
        report.findings[1].message,
        "subject O (2.5.4.10) is an IA5String, not a DirectoryString (UTF8String, \
         PrintableString, TeletexString, UniversalString or BMPString)"
    );
    assert_eq!(report.findings[1].severity(), Severity::Error);
}

#[test]
fn a_country_that_is_not_a_printable_string_is_a_string_type_error() {
    // C=FI is in the issuer, then in the subject: the subject's is the second.
    let c = [0x13, 0x02, b'F', b'I'];
    let der = patch(&minted_der(Profile::Server), &c, &retagged(&c, 0x0c), 1, 2);
    let report = inspect_der(&der, summer());
    assert_eq!(
        one_finding(&report),
        (
            "name.string-type",
            Severity::Error,
            "subject C (2.5.4.6) is a UTF8String, not the PrintableString its type requires"
                .to_owned()
        )
    );
    assert_eq!(
        report.findings[0].source(),
        "RFC 5280 §4.1.2.4 and Appendix A"
    );
}

#[test]
fn bad_name_strings_are_reported_on_a_ca_certificate_too_in_issuer_and_subject() {
    let ca = DvvCa::unknown().test_ca(1).unwrap();
    let der = ca.certificate().der.clone();
    // A self-signed certificate: the issuer's and the subject's C are the only two.
    let c = [0x13, 0x02, b'F', b'I'];
    let der = patch(&der, &c, &[0x13, 0x02, b'F', b'*'], 0, 2);
    let der = patch(&der, &c, &retagged(&c, 0x16), 0, 1);
    let report = inspect_der(&der, summer());
    assert_eq!(report.classification, Classification::CaCertificate);
    assert_eq!(report.codes(), ["name.invalid-string", "name.string-type"]);
    assert_eq!(
        report.findings[0].message,
        "issuer C (2.5.4.6) is a PrintableString with '*' at byte 1, outside its character set"
    );
    assert_eq!(
        report.findings[1].message,
        "subject C (2.5.4.6) is an IA5String, not the PrintableString its type requires"
    );
    assert_eq!(report.conformance(), Conformance::NotSote);
}

// DVV's facts as data: adjusted dates are cited, and the CA table drives the serial rule.

/// An inspector whose server specification requires a DNS name from `from` instead of DVV's
/// 2023-09-15.
fn dns_required_from(from: NaiveDate) -> Inspector {
    let server = ProfileSpec::dvv(Profile::Server);
    let mut names = server.names().clone();
    names.dns_required_from = Since::Date(from);
    let mut specs = ProfileSpecs::dvv();
    specs.set(server.with_names(names));
    Inspector::new(sote_certs::authority::CaRegistry::dvv(), specs)
}

#[test]
fn a_finding_of_an_adjusted_date_rule_cites_the_adjusted_date() {
    let issued = utc(2023, 6, 1, 9, 0, 0);
    let template =
        CertTemplate::dvv_like_with_defect(Profile::Server, Defect::SanDnsMissing, issued).unwrap();
    let minted = DvvCa::g3e().test_ca(1).unwrap().issue(&template).unwrap();
    let cert = &read_certificates(&minted.der).unwrap()[0];
    // DVV's date is later than the issue date: no finding.
    assert_eq!(
        Inspector::dvv().inspect(cert, issued).codes(),
        Vec::<&str>::new()
    );
    let earlier = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let report = dns_required_from(earlier).inspect(cert, issued);
    assert_eq!(report.codes(), ["san.dns-missing"]);
    assert_eq!(
        report.findings[0].message,
        "no DNS name in a server certificate issued on 2023-06-01 (rule applies from 2023-01-01)"
    );
    assert!(!report.findings[0].source().contains("2023-09-15"));
    // The day after the certificate's issue date: no finding again.
    let later = NaiveDate::from_ymd_opt(2023, 6, 2).unwrap();
    assert_eq!(
        dns_required_from(later).inspect(cert, issued).codes(),
        Vec::<&str>::new()
    );
}

/// A test CA of DVV's test organisation that no registry lists, named like a G4 CA.
fn unregistered_g4_test_ca() -> DvvCa {
    DvvCa {
        name: Dn::new()
            .country("FI")
            .organization("Digi- ja vaestotietovirasto TEST")
            .organizational_unit("Sosiaali- ja terveydenhuollon palveluvarmenteet")
            .common_name("DVV TEST Social Welfare and Healthcare Service Certificates - G4E"),
        ..DvvCa::g3e()
    }
}

#[test]
fn an_unregistered_dvv_test_ca_has_no_guessed_generation_but_its_agencys_serial_form() {
    let ca = unregistered_g4_test_ca();
    let template = CertTemplate::dvv_like_for(Profile::TestServer, summer(), &ca).unwrap();
    let report = inspect_minted(&ca, &template);
    let Some(Recognition::TestByName(authority)) = &report.authority else {
        panic!("not recognised by name: {:?}", report.authority);
    };
    assert_eq!(
        authority.generation,
        sote_certs::authority::Generation::Unidentified
    );
    assert_eq!(authority.serial_form, sote_certs::serial::SerialForm::Long);
    assert_eq!(report.codes(), Vec::<&str>::new());
    let short = inspect_minted(&ca, &template.with_defect(Defect::SerialShort).unwrap());
    assert_eq!(short.codes(), ["serial.short"]);
}

#[test]
fn serial_short_follows_the_registered_cas_serial_form_not_its_generation() {
    use sote_certs::authority::{CaRegistry, CertificateAuthority, Generation};
    use sote_certs::serial::SerialForm;
    let ca = DvvCa::g3e();
    let template = CertTemplate::dvv_like_for(Profile::Server, summer(), &ca)
        .unwrap()
        .with_defect(Defect::SerialShort)
        .unwrap();
    let minted = ca.test_ca(1).unwrap().issue(&template).unwrap();
    let cert = &read_certificates(&minted.der).unwrap()[0];
    let judged = |generation, serial_form| {
        let mut registry = CaRegistry::dvv();
        let mut g3e: CertificateAuthority = DvvAuthority::G3E.authority();
        g3e.generation = generation;
        g3e.serial_form = serial_form;
        registry.register(g3e);
        Inspector::new(registry, ProfileSpecs::dvv())
            .inspect(cert, summer())
            .codes()
    };
    assert_eq!(
        judged(Generation::DvvG3, SerialForm::Long),
        ["serial.short"]
    );
    // A G3 CA registered as issuing 32-bit serials: no warning.
    assert_eq!(
        judged(Generation::DvvG3, SerialForm::Legacy32),
        Vec::<&str>::new()
    );
    // A CA of another generation that issues long serials: the warning.
    assert_eq!(
        judged(Generation::Unidentified, SerialForm::Long),
        ["serial.short"]
    );
}

#[test]
fn universal_strings_are_checked_for_whole_characters_and_code_points() {
    // ST "Uusimaa": seven octets, not whole 4-octet characters.
    let st = utf8("Uusimaa");
    let der = patch(
        &minted_der(Profile::Server),
        &st,
        &retagged(&st, 0x1c),
        0,
        1,
    );
    assert_eq!(
        one_finding(&inspect_der(&der, summer())).2,
        "subject ST (2.5.4.8) is a UniversalString of 7 octets, not a whole number of 4-octet \
         characters"
    );
    // O: twenty octets, five 4-octet units, the first of them "Esim" (0x4573696d), no character.
    let o = utf8("Esimerkkiklinikka Oy");
    let der = patch(
        &minted_der(Profile::SystemSignature),
        &o,
        &retagged(&o, 0x1c),
        0,
        1,
    );
    assert_eq!(
        one_finding(&inspect_der(&der, summer())).2,
        "subject O (2.5.4.10) is a UniversalString with 0x4573696d at byte 0, not a character"
    );
    // The same twenty octets as five real characters ("Esime" in UCS-4): no finding.
    let mut ucs4 = vec![0x1c, 20];
    for c in "Esime".bytes() {
        ucs4.extend_from_slice(&[0, 0, 0, c]);
    }
    let der = patch(&minted_der(Profile::SystemSignature), &o, &ucs4, 0, 1);
    assert!(
        !inspect_der(&der, summer())
            .codes()
            .iter()
            .any(|code| code.starts_with("name.")),
    );
}

#[test]
fn an_ia5_string_may_hold_0x7f_and_is_then_only_of_the_wrong_type() {
    let o = utf8("Esimerkkiklinikka Oy");
    let mut del = retagged(&o, 0x16);
    del[2 + 2] = 0x7f;
    let der = patch(&minted_der(Profile::SystemSignature), &o, &del, 0, 1);
    assert_eq!(
        one_finding(&inspect_der(&der, summer())).0,
        "name.string-type"
    );
}

#[test]
fn string_types_are_named_in_the_message() {
    let c = [0x13, 0x02, b'F', b'I'];
    for (tag, name) in [
        (0x12, "a NumericString"),
        (0x14, "a TeletexString"),
        (0x15, "a VideotexString"),
        (0x19, "a GraphicString"),
        (0x1a, "a VisibleString"),
        (0x1b, "a GeneralString"),
        (0x04, "an OCTET STRING"),
        (0x02, "an INTEGER"),
        (0x17, "a value with tag 0x17"),
    ] {
        let der = patch(&minted_der(Profile::Server), &c, &retagged(&c, tag), 1, 2);
        assert_eq!(
            one_finding(&inspect_der(&der, summer())).2,
            format!("subject C (2.5.4.6) is {name}, not the PrintableString its type requires")
        );
    }
}

/// The report of a conformant minted server certificate with the serial `hex`.
fn with_serial(hex: &str) -> Report {
    let mut template = CertTemplate::dvv_like(Profile::Server, summer()).unwrap();
    template.serial = sote_certs::SerialNumber::from_hex(hex).unwrap();
    let ca = Profile::Server.ca().test_ca(1).unwrap();
    inspect_der(&ca.issue(&template).unwrap().der, summer())
}

#[test]
fn a_serial_of_20_octets_is_within_rfc_5280_and_21_is_not() {
    // 20 content octets, a DVV-like long serial: no finding at all.
    let twenty = with_serial(&format!("01{}", "23".repeat(19)));
    assert_eq!(twenty.codes(), Vec::<&str>::new());
    let over = with_serial(&format!("01{}", "23".repeat(20)));
    assert_eq!(over.codes(), ["serial.too-long"]);
}

/// The real G3E certificate's DER (EC P-256 key).
fn real_g3e_der() -> Vec<u8> {
    let pem =
        std::fs::read("tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem").unwrap();
    der::pem::decode_vec(&pem).unwrap().1
}

#[test]
fn an_ec_key_on_a_curve_the_profile_does_not_accept_is_weak() {
    // prime256v1 (1.2.840.10045.3.1.7) becomes prime192v1 (1.2.840.10045.3.1.1), the same
    // length.
    let der = patch(
        &real_g3e_der(),
        &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07],
        &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x01],
        0,
        1,
    );
    let report = inspect_der(&der, summer());
    let weak: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code() == "key.weak")
        .collect();
    assert_eq!(weak.len(), 1, "{:?}", report.codes());
    assert!(
        weak[0].message.starts_with("elliptic curve "),
        "{}",
        weak[0].message
    );
    assert!(
        weak[0].message.ends_with(" is not accepted"),
        "{}",
        weak[0].message
    );
}

#[test]
fn a_key_that_is_neither_rsa_nor_ec_is_unsupported() {
    // id-ecPublicKey (1.2.840.10045.2.1) becomes 1.2.840.10045.2.2, which names no key type
    // the crate knows.
    let der = patch(
        &real_g3e_der(),
        &[0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01],
        &[0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x02],
        0,
        1,
    );
    let report = inspect_der(&der, summer());
    let unsupported: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code() == "key.unsupported")
        .collect();
    assert_eq!(unsupported.len(), 1, "{:?}", report.codes());
    assert_eq!(
        unsupported[0].message,
        "key algorithm 1.2.840.10045.2.2 is neither RSA nor EC"
    );
}

#[test]
fn a_long_serial_ca_issuing_8_octets_is_not_short_and_7_is() {
    assert_eq!(with_serial("0123456789abcdef").codes(), Vec::<&str>::new());
    assert_eq!(with_serial("23456789abcdef").codes(), ["serial.short"]);
}

#[test]
fn weak_signature_and_duplicate_extension_messages_name_the_oids() {
    let mut weak = Vec::new();
    for kind in Profile::ALL {
        let report = defective(kind, Defect::SignatureSha1, summer());
        for finding in report
            .findings
            .iter()
            .filter(|f| f.code() == "signature.weak-algorithm")
        {
            weak.push(finding.message.clone());
        }
    }
    // The EC CAs sign with ecdsa-with-SHA1, named from RFC 5758 (const-oid's database lacks
    // it); the RSA CAs with sha1WithRSAEncryption, named from the database.
    let ecdsa = "signature algorithm ecdsa-with-SHA1 (1.2.840.10045.4.1) uses a broken hash";
    let rsa = "signature algorithm sha1WithRSAEncryption (1.2.840.113549.1.1.5) uses a broken hash";
    assert!(weak.iter().any(|m| m == ecdsa), "{weak:?}");
    assert!(weak.iter().any(|m| m == rsa), "{weak:?}");
    assert!(weak.iter().all(|m| m == ecdsa || m == rsa), "{weak:?}");
    let report = defective(Profile::Server, Defect::ExtensionDuplicate, summer());
    let duplicate = report
        .findings
        .iter()
        .find(|f| f.code() == "extension.duplicate")
        .unwrap();
    assert_eq!(
        duplicate.message,
        "extension id-ce-basicConstraints (2.5.29.19) appears more than once"
    );
}

#[test]
fn conformance_has_stable_names() {
    assert_eq!(
        [
            Conformance::Conforms,
            Conformance::DoesNotConform,
            Conformance::NotSote
        ]
        .map(Conformance::as_str),
        ["conforms", "does-not-conform", "not-sote"]
    );
}

#[test]
fn an_inverted_period_is_not_yet_valid_before_not_before_and_expired_from_it() {
    let template =
        CertTemplate::dvv_like_with_defect(Profile::Server, Defect::ValidityInverted, summer())
            .unwrap();
    let minted = Profile::Server
        .ca()
        .test_ca(1)
        .unwrap()
        .issue(&template)
        .unwrap();
    let cert = &read_certificates(&minted.der).unwrap()[0];
    // notAfter lies before notBefore: no instant is valid.
    assert!(cert.not_after() < cert.not_before());
    let inspector = Inspector::dvv();
    let status = |at| inspector.inspect(cert, at).status;
    let second = TimeDelta::seconds(1);
    assert_eq!(status(cert.not_after() - second), Status::NotYetValid);
    assert_eq!(status(cert.not_before() - second), Status::NotYetValid);
    assert_eq!(status(cert.not_before()), Status::Expired);
    assert_eq!(status(cert.not_before() + second), Status::Expired);
}
