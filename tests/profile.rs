//! Profile specifications: DVV's facts as data, adjusted through checked constructors, kept one
//! per profile.

mod common;

use chrono::NaiveDate;
use common::date;
use sote_certs::profile::{
    CnInSan, Criticality, KeyUsageBits, KeyUsageRule, ProfileSpec, ProfileSpecError, ProfileSpecs,
    Since, TlsUsage, ValidityLimit,
};
use sote_certs::{Inspector, Profile};

#[test]
fn server_limit_is_two_years_until_2020_08_31_and_one_from_2020_09_01() {
    for profile in [Profile::Server, Profile::TestServer] {
        let spec = ProfileSpec::dvv(profile);
        assert_eq!(spec.max_years(date(2020, 8, 31)), Some(2), "{profile}");
        assert_eq!(spec.max_years(date(2020, 9, 1)), Some(1), "{profile}");
        assert_eq!(spec.max_years(NaiveDate::MIN), Some(2), "{profile}");
        assert_eq!(
            spec.validity_limit(date(2024, 1, 1)),
            Some(ValidityLimit {
                from: Since::Date(date(2020, 9, 1)),
                years: 1
            })
        );
    }
}

#[test]
fn signature_limit_is_two_years_whenever_issued() {
    for profile in [Profile::SystemSignature, Profile::TestSystemSignature] {
        let spec = ProfileSpec::dvv(profile);
        for issued in [NaiveDate::MIN, date(2020, 9, 1), date(2030, 1, 1)] {
            assert_eq!(spec.max_years(issued), Some(2), "{profile} {issued}");
        }
    }
}

#[test]
fn server_name_rules_start_on_dvvs_dates() {
    let names = ProfileSpec::dvv(Profile::Server).names().clone();
    assert_eq!(names.ou_unused_from, Since::Date(date(2022, 9, 1)));
    assert_eq!(names.dns_required_from, Since::Date(date(2023, 9, 15)));
    assert_eq!(names.email_forbidden_from, Since::Date(date(2023, 9, 15)));
    assert_eq!(names.ip_needs_dns_from, Since::Date(date(2023, 9, 15)));
    assert_eq!(names.cn_in_san, CnInSan::Expected);
    let signature = ProfileSpec::dvv(Profile::SystemSignature).names().clone();
    assert_eq!(signature.dns_required_from, Since::Never);
    assert_eq!(signature.cn_in_san, CnInSan::NotChecked);
}

#[test]
fn since_applies_on_its_date_and_after() {
    let from = Since::Date(date(2023, 9, 15));
    assert!(!from.applies_on(date(2023, 9, 14)));
    assert!(from.applies_on(date(2023, 9, 15)));
    assert!(Since::Always.applies_on(NaiveDate::MIN));
    assert!(!Since::Never.applies_on(NaiveDate::MAX));
    assert_eq!(from.date(), Some(date(2023, 9, 15)));
    assert_eq!(Since::Always.date(), None);
    assert_eq!(Since::Never.to_string(), "never");
}

#[test]
fn key_usage_rule_refuses_required_bits_that_are_not_allowed() {
    let required = KeyUsageBits::DIGITAL_SIGNATURE.union(KeyUsageBits::NON_REPUDIATION);
    let error = KeyUsageRule::new(
        required,
        KeyUsageBits::DIGITAL_SIGNATURE,
        Criticality::Required,
    )
    .unwrap_err();
    assert_eq!(
        error,
        ProfileSpecError::RequiredKeyUsageNotAllowed {
            required,
            allowed: KeyUsageBits::DIGITAL_SIGNATURE
        }
    );
    assert_eq!(
        error.to_string(),
        "required key usage digitalSignature+nonRepudiation is not within the allowed \
         digitalSignature"
    );
    let rule = KeyUsageRule::new(required, required, Criticality::Optional).unwrap();
    let spec = ProfileSpec::dvv(Profile::SystemSignature).with_key_usage(rule);
    assert_eq!(spec.key_usage().criticality(), Criticality::Optional);
}

#[test]
fn dvvs_key_usage_rules_allow_what_they_require() {
    for profile in Profile::ALL {
        let rule = ProfileSpec::dvv(profile).key_usage();
        assert!(rule.allowed().contains(rule.required()), "{profile}");
        assert_eq!(rule.criticality(), Criticality::Required, "{profile}");
    }
}

#[test]
fn validity_limits_of_zero_years_are_refused() {
    let spec = ProfileSpec::dvv(Profile::Server);
    let zero = ValidityLimit {
        from: Since::Date(date(2027, 1, 1)),
        years: 0,
    };
    assert_eq!(
        spec.clone().with_validity_limit(zero).unwrap_err(),
        ProfileSpecError::ZeroYears { from: zero.from }
    );
    assert!(spec.clone().with_validity([zero]).is_err());
    let none = spec.with_validity([]).unwrap();
    assert_eq!(none.max_years(date(2024, 1, 1)), None);
}

#[test]
fn specs_are_kept_per_profile_and_replaced_by_profile() {
    let mut specs = ProfileSpecs::dvv();
    for profile in Profile::ALL {
        assert_eq!(specs.get(profile).profile(), profile);
    }
    let adjusted = ProfileSpec::dvv(Profile::TestSystemSignature)
        .with_validity_limit(ValidityLimit {
            from: Since::Date(date(2027, 3, 15)),
            years: 1,
        })
        .unwrap();
    specs.set(adjusted.clone());
    assert_eq!(specs.get(Profile::TestSystemSignature), &adjusted);
    assert_eq!(
        specs.get(Profile::SystemSignature),
        &ProfileSpec::dvv(Profile::SystemSignature)
    );
    let order: Vec<_> = specs.iter().map(ProfileSpec::profile).collect();
    assert_eq!(order, Profile::ALL);

    let mut inspector = Inspector::dvv();
    inspector.set_spec(adjusted.clone().with_tls_usage(TlsUsage::Required));
    assert_eq!(
        inspector.spec(Profile::TestSystemSignature).tls_usage(),
        TlsUsage::Required
    );
    assert_eq!(
        inspector.spec(Profile::SystemSignature).tls_usage(),
        TlsUsage::Forbidden
    );
}

#[test]
fn profile_names_read_back_and_an_unknown_name_lists_them_all() {
    for profile in Profile::ALL {
        assert_eq!(profile.as_str().parse::<Profile>(), Ok(profile));
    }
    let error = "servr".parse::<Profile>().unwrap_err();
    assert_eq!(
        error.to_string(),
        "unknown profile \"servr\": expected server, test-server, system-signature or \
         test-system-signature"
    );
}

#[test]
fn key_usage_bits_and_rules_expose_what_they_hold() {
    use sote_certs::profile::{Criticality, KeyUsageBits, KeyUsageRule};
    assert_eq!(KeyUsageBits::DIGITAL_SIGNATURE.bits(), 1);
    assert_eq!(KeyUsageBits::KEY_CERT_SIGN.bits(), 1 << 5);
    assert_eq!(
        KeyUsageBits::DIGITAL_SIGNATURE
            .union(KeyUsageBits::KEY_ENCIPHERMENT)
            .bits(),
        0b101
    );
    let required = KeyUsageBits::DIGITAL_SIGNATURE;
    let allowed = required.union(KeyUsageBits::NON_REPUDIATION);
    let rule = KeyUsageRule::new(required, allowed, Criticality::Required).unwrap();
    assert_eq!(rule.required(), required);
    assert_eq!(rule.allowed(), allowed);
}

#[test]
fn dvv_specs_list_their_validity_limits() {
    use sote_certs::profile::ProfileSpec;
    for profile in Profile::ALL {
        let spec = ProfileSpec::dvv(profile);
        assert!(!spec.validity().is_empty(), "{profile}");
        // The limit the spec answers with for a date is one of the limits it lists.
        let limit = spec.validity_limit(date(2026, 1, 15)).unwrap();
        assert!(spec.validity().contains(&limit), "{profile}");
    }
    assert_eq!(
        Inspector::dvv().specs().get(Profile::Server),
        &ProfileSpec::dvv(Profile::Server)
    );
    // An adjusted specification is the one the inspector gives back.
    let adjusted =
        ProfileSpec::dvv(Profile::Server).with_tls_usage(sote_certs::profile::TlsUsage::Forbidden);
    let mut inspector = Inspector::dvv();
    inspector.set_spec(adjusted.clone());
    assert_eq!(inspector.specs().get(Profile::Server), &adjusted);
    assert_ne!(&adjusted, &ProfileSpec::dvv(Profile::Server));
}
