//! Business IDs, SOTE organisation register OIDs and domain names through the public API.

use proptest::prelude::*;
use sote_certs::organisation::{
    BusinessId, BusinessIdError, DomainName, DomainNameError, RequestedName, SoteOidError,
    SoteOrganisationOid,
};

fn id(text: &str) -> BusinessId {
    text.parse().unwrap()
}

fn name(text: &str) -> DomainName {
    text.parse().unwrap()
}

fn requested(text: &str) -> RequestedName {
    text.parse().unwrap()
}

// Business IDs (Y-tunnus).

#[test]
fn published_business_ids_are_accepted() {
    // DVV, Kela, THL and Nokia Oyj, as listed in the Finnish Business Information System.
    for text in ["0245437-2", "0246246-0", "2229500-6", "0112038-9"] {
        assert_eq!(id(text).to_string(), text);
    }
}

#[test]
fn business_id_exposes_number_check_digit_and_compact_form() {
    let dvv = id("0245437-2");
    assert_eq!(dvv.number(), 245_437);
    assert_eq!(dvv.check_digit(), 2);
    assert_eq!(dvv.compact(), 2_454_372);
    assert_eq!(BusinessId::new(245_437).unwrap(), dvv);
    assert_eq!(BusinessId::from_compact(2_454_372).unwrap(), dvv);
}

#[test]
fn remainder_zero_gives_check_digit_zero() {
    assert_eq!(id("0246246-0").check_digit(), 0);
}

#[test]
fn legacy_six_digit_form_reads_as_the_same_id_with_a_leading_zero() {
    assert_eq!(id("245437-2"), id("0245437-2"));
    assert_eq!(id("245437-2").to_string(), "0245437-2");
}

#[test]
fn wrong_check_digit_is_rejected_with_found_and_expected() {
    let error = "0245437-3".parse::<BusinessId>().unwrap_err();
    assert_eq!(
        error,
        BusinessIdError::CheckDigitMismatch {
            number: 245_437,
            found: 3,
            expected: 2
        }
    );
    assert_eq!(
        error.to_string(),
        "check digit 3 of business id 0245437 does not match the expected 2"
    );
}

#[test]
fn number_with_remainder_one_has_no_valid_business_id() {
    // 1·7 + 2·9 + 3·10 + 4·5 + 5·8 + 6·4 + 8·2 = 155 = 14·11 + 1.
    for check in 0..=9 {
        let text = format!("1234568-{check}");
        assert_eq!(
            text.parse::<BusinessId>(),
            Err(BusinessIdError::NoValidCheckDigit { number: 1_234_568 })
        );
    }
    assert_eq!(
        BusinessId::new(1_234_568).unwrap_err().to_string(),
        "business id number 1234568 has no valid check digit (remainder 1)"
    );
}

#[test]
fn business_id_rejects_bad_characters_with_their_offset() {
    assert_eq!(
        "0245437 2".parse::<BusinessId>(),
        Err(BusinessIdError::InvalidCharacter {
            character: ' ',
            offset: 7
        })
    );
    assert_eq!(
        "0245437--2".parse::<BusinessId>(),
        Err(BusinessIdError::InvalidCharacter {
            character: '-',
            offset: 8
        })
    );
    let error = "02454ä7-2".parse::<BusinessId>().unwrap_err();
    assert_eq!(
        error,
        BusinessIdError::InvalidCharacter {
            character: 'ä',
            offset: 5
        }
    );
    assert_eq!(
        error.to_string(),
        "invalid character 'ä' at offset 5 in business id"
    );
}

#[test]
fn business_id_rejects_wrong_shapes() {
    assert_eq!("".parse::<BusinessId>(), Err(BusinessIdError::Empty));
    assert_eq!(
        "02454372".parse::<BusinessId>(),
        Err(BusinessIdError::MissingHyphen)
    );
    assert_eq!(
        "45437-2".parse::<BusinessId>(),
        Err(BusinessIdError::DigitCount { len: 5 })
    );
    assert_eq!(
        "00245437-2".parse::<BusinessId>(),
        Err(BusinessIdError::DigitCount { len: 8 })
    );
    assert_eq!(
        "0245437-".parse::<BusinessId>(),
        Err(BusinessIdError::CheckDigitCount { len: 0 })
    );
    assert_eq!(
        "0245437-22".parse::<BusinessId>(),
        Err(BusinessIdError::CheckDigitCount { len: 2 })
    );
}

#[test]
fn business_id_numbers_above_seven_digits_are_rejected() {
    assert!(BusinessId::new(BusinessId::MAX_NUMBER).is_ok());
    assert_eq!(
        BusinessId::new(10_000_000),
        Err(BusinessIdError::TooManyDigits {
            value: 10_000_000,
            max: 9_999_999
        })
    );
    assert!(matches!(
        BusinessId::from_compact(100_000_000),
        Err(BusinessIdError::TooManyDigits { .. })
    ));
}

// SOTE organisation register OIDs.

#[test]
fn sote_oid_knows_its_business_id_and_index() {
    let oid: SoteOrganisationOid = "1.2.246.10.2454372.10.1".parse().unwrap();
    assert_eq!(oid.business_id(), id("0245437-2"));
    assert_eq!(oid.index(), 1);
    assert_eq!(oid.to_string(), "1.2.246.10.2454372.10.1");
}

#[test]
fn sote_oid_with_an_eight_digit_business_id_arc_round_trips() {
    let oid = SoteOrganisationOid::new(id("2229500-6"), 0);
    assert_eq!(oid.to_string(), "1.2.246.10.22295006.10.0");
    assert_eq!(oid.to_string().parse::<SoteOrganisationOid>().unwrap(), oid);
}

#[test]
fn sote_oid_outside_the_register_arc_is_rejected() {
    let error = "1.2.246.556.12.21.2"
        .parse::<SoteOrganisationOid>()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "oid 1.2.246.556.12.21.2 is not under 1.2.246.10 (sote organisation register)"
    );
    assert!(matches!(
        "1.2.246".parse::<SoteOrganisationOid>(),
        Err(SoteOidError::NotSoteOrganisation { .. })
    ));
}

#[test]
fn sote_oid_with_wrong_sixth_arc_is_rejected_with_its_offset() {
    let error = "1.2.246.10.2454372.11.1"
        .parse::<SoteOrganisationOid>()
        .unwrap_err();
    assert_eq!(
        error,
        SoteOidError::RegisterArc {
            arc: 11,
            offset: 19
        }
    );
    assert_eq!(error.to_string(), "arc 11 at offset 19 should be 10");
}

#[test]
fn sote_oid_with_a_bad_business_id_arc_is_rejected_with_the_cause() {
    let error = "1.2.246.10.2454373.10.1"
        .parse::<SoteOrganisationOid>()
        .unwrap_err();
    assert_eq!(
        error,
        SoteOidError::BusinessId {
            arc: 2_454_373,
            offset: 11,
            source: BusinessIdError::CheckDigitMismatch {
                number: 245_437,
                found: 3,
                expected: 2
            }
        }
    );
    assert_eq!(
        error.to_string(),
        "arc 2454373 at offset 11 is not a business id with its check digit"
    );
    assert!(matches!(
        "1.2.246.10.123456789.10.0".parse::<SoteOrganisationOid>(),
        Err(SoteOidError::BusinessId {
            source: BusinessIdError::TooManyDigits { .. },
            ..
        })
    ));
}

#[test]
fn sote_oid_with_wrong_arc_count_is_rejected() {
    assert_eq!(
        "1.2.246.10.2454372.10".parse::<SoteOrganisationOid>(),
        Err(SoteOidError::ArcCount { count: 6 })
    );
    assert_eq!(
        "1.2.246.10.2454372.10.1.5".parse::<SoteOrganisationOid>(),
        Err(SoteOidError::ArcCount { count: 8 })
    );
}

#[test]
fn sote_oid_syntax_errors_name_their_offset() {
    assert_eq!("".parse::<SoteOrganisationOid>(), Err(SoteOidError::Empty));
    assert_eq!(
        "1.2.246.10.02454372.10.1".parse::<SoteOrganisationOid>(),
        Err(SoteOidError::LeadingZero { offset: 11 })
    );
    assert_eq!(
        "1.2..246".parse::<SoteOrganisationOid>(),
        Err(SoteOidError::EmptyArc { offset: 4 })
    );
    assert_eq!(
        "1.2.246.10.2454372.10.".parse::<SoteOrganisationOid>(),
        Err(SoteOidError::EmptyArc { offset: 22 })
    );
    assert_eq!(
        "1.2.246.10.2454372.10.4294967296".parse::<SoteOrganisationOid>(),
        Err(SoteOidError::ArcTooLarge { offset: 22 })
    );
    assert_eq!(
        "1.2.246.10.2454372 .10.1".parse::<SoteOrganisationOid>(),
        Err(SoteOidError::InvalidCharacter {
            character: ' ',
            offset: 18
        })
    );
}

// Domain names.

#[test]
fn unicode_and_punycode_spellings_are_one_domain_name() {
    let unicode = name("sähkö.fi");
    assert_eq!(unicode, name("xn--shk-qla6g.fi"));
    assert_eq!(unicode, name("SÄHKÖ.FI"));
    assert_eq!(unicode, name("XN--SHK-QLA6G.fi"));
    assert_eq!(unicode.as_str(), "xn--shk-qla6g.fi");
    assert_eq!(unicode.to_unicode(), "sähkö.fi");
}

#[test]
fn domain_name_is_lowercased_and_loses_its_trailing_dot() {
    assert_eq!(name("WWW.Example.FI.").to_string(), "www.example.fi");
    assert_eq!(name("ｅｘａｍｐｌｅ.fi").to_string(), "example.fi");
    let www = name("www.example.fi");
    let labels: Vec<&str> = www.labels().collect();
    assert_eq!(labels, ["www", "example", "fi"]);
}

#[test]
fn domain_name_rejects_empty_names_and_labels() {
    assert_eq!("".parse::<DomainName>(), Err(DomainNameError::Empty));
    assert_eq!(".".parse::<DomainName>(), Err(DomainNameError::Empty));
    assert_eq!(
        "a..example.fi".parse::<DomainName>(),
        Err(DomainNameError::EmptyLabel {
            name: "a..example.fi".to_owned()
        })
    );
    assert!(matches!(
        ".example.fi".parse::<DomainName>(),
        Err(DomainNameError::EmptyLabel { .. })
    ));
}

#[test]
fn domain_name_rejects_characters_outside_letters_digits_and_hyphens() {
    let error = "a_b.example.fi".parse::<DomainName>().unwrap_err();
    assert_eq!(
        error,
        DomainNameError::InvalidCharacter {
            character: '_',
            label: "a_b".to_owned()
        }
    );
    assert_eq!(error.to_string(), "invalid character '_' in label 'a_b'");
    assert!(matches!(
        "*.example.fi".parse::<DomainName>(),
        Err(DomainNameError::InvalidCharacter { character: '*', .. })
    ));
    assert!(matches!(
        "a b.fi".parse::<DomainName>(),
        Err(DomainNameError::InvalidCharacter { character: ' ', .. })
    ));
}

#[test]
fn domain_name_rejects_hyphens_at_label_edges() {
    assert_eq!(
        "-www.example.fi".parse::<DomainName>(),
        Err(DomainNameError::HyphenAtLabelEdge {
            label: "-www".to_owned()
        })
    );
    assert!(matches!(
        "example-.fi".parse::<DomainName>(),
        Err(DomainNameError::HyphenAtLabelEdge { .. })
    ));
}

#[test]
fn domain_name_rejects_invalid_punycode() {
    let error = "xn--zzzz.fi".parse::<DomainName>().unwrap_err();
    assert_eq!(
        error.to_string(),
        "domain name 'xn--zzzz.fi' is not valid under idna (uts #46)"
    );
    assert!(matches!(
        "a\u{200d}b.fi".parse::<DomainName>(),
        Err(DomainNameError::Idna { .. })
    ));
}

#[test]
fn domain_name_rejects_an_ipv4_address() {
    assert_eq!(
        "192.168.1.1".parse::<DomainName>(),
        Err(DomainNameError::NumericTopLabel {
            label: "1".to_owned()
        })
    );
}

#[test]
fn label_of_63_octets_is_accepted_and_64_rejected() {
    let label63 = "a".repeat(63);
    assert!(format!("{label63}.fi").parse::<DomainName>().is_ok());
    let label64 = "a".repeat(64);
    let error = format!("{label64}.fi").parse::<DomainName>().unwrap_err();
    assert!(matches!(
        error,
        DomainNameError::LabelTooLong {
            len: 64,
            max: 63,
            ..
        }
    ));
}

#[test]
fn name_of_253_octets_is_accepted_and_254_rejected() {
    // Three labels of 63 octets, one of 61, joined by three dots: 253 octets.
    let label63 = "a".repeat(63);
    let at_limit = format!("{label63}.{label63}.{label63}.{}", "b".repeat(61));
    assert_eq!(at_limit.len(), 253);
    assert!(at_limit.parse::<DomainName>().is_ok());
    assert!(format!("{at_limit}.").parse::<DomainName>().is_ok());
    let over = format!("{label63}.{label63}.{label63}.{}", "b".repeat(62));
    assert_eq!(
        over.parse::<DomainName>(),
        Err(DomainNameError::TooLong { len: 254, max: 253 })
    );
}

#[test]
fn a_domain_is_within_itself_and_its_subdomains() {
    let administered = name("example.fi");
    assert!(name("example.fi").is_within(&administered));
    assert!(name("www.example.fi").is_within(&administered));
    assert!(name("a.b.c.example.fi").is_within(&administered));
    assert!(name("EXAMPLE.fi.").is_within(&administered));
}

#[test]
fn within_respects_label_boundaries() {
    let administered = name("example.fi");
    assert!(!name("evil-example.fi").is_within(&administered));
    assert!(!name("notexample.fi").is_within(&administered));
    assert!(!name("example.fi.evil.fi").is_within(&administered));
    assert!(!name("fi").is_within(&administered));
    assert!(!name("example.fi").is_within(&name("www.example.fi")));
}

#[test]
fn within_compares_unicode_names_in_their_ascii_form() {
    let administered = name("xn--shk-qla6g.fi");
    assert!(name("www.sähkö.fi").is_within(&administered));
    assert!(!name("www.sahko.fi").is_within(&administered));
}

// Requested names (wildcards).

#[test]
fn wildcard_is_administered_by_its_base_or_a_parent() {
    let wildcard = requested("*.example.fi");
    assert!(wildcard.is_wildcard());
    assert_eq!(wildcard.base(), &name("example.fi"));
    assert!(wildcard.is_administered_by(&name("example.fi")));
    assert!(requested("*.palvelu.example.fi").is_administered_by(&name("example.fi")));
    assert!(!wildcard.is_administered_by(&name("www.example.fi")));
    assert!(!requested("*.evil-example.fi").is_administered_by(&name("example.fi")));
}

#[test]
fn wildcard_matches_exactly_one_label() {
    let wildcard = requested("*.example.fi");
    assert!(wildcard.matches(&name("www.example.fi")));
    assert!(!wildcard.matches(&name("example.fi")));
    assert!(!wildcard.matches(&name("a.b.example.fi")));
    assert!(!wildcard.matches(&name("www.evil-example.fi")));
}

#[test]
fn exact_requested_name_matches_only_itself() {
    let exact = requested("WWW.example.fi");
    assert!(!exact.is_wildcard());
    assert_eq!(exact.to_string(), "www.example.fi");
    assert!(exact.matches(&name("www.example.fi")));
    assert!(!exact.matches(&name("example.fi")));
    assert!(exact.is_administered_by(&name("example.fi")));
}

#[test]
fn wildcard_over_a_unicode_base_is_normalised() {
    let wildcard = requested("*.Sähkö.fi");
    assert_eq!(wildcard.to_string(), "*.xn--shk-qla6g.fi");
    assert!(wildcard.is_administered_by(&name("sähkö.fi")));
}

#[test]
fn misplaced_or_too_broad_wildcards_are_rejected() {
    for text in [
        "w*.example.fi",
        "www.*.example.fi",
        "*.*.example.fi",
        "*",
        "*example.fi",
    ] {
        assert_eq!(
            text.parse::<RequestedName>(),
            Err(DomainNameError::MisplacedWildcard {
                name: text.to_owned()
            }),
            "{text}"
        );
    }
    let error = "*.fi".parse::<RequestedName>().unwrap_err();
    assert_eq!(
        error,
        DomainNameError::WildcardTooBroad {
            name: "*.fi".to_owned()
        }
    );
    assert_eq!(
        error.to_string(),
        "wildcard '*.fi' needs at least two labels after '*'"
    );
}

// Parser/printer properties.

fn any_business_id() -> impl Strategy<Value = BusinessId> {
    (0..=BusinessId::MAX_NUMBER)
        .prop_filter_map("remainder 1", |number| BusinessId::new(number).ok())
}

fn ascii_label() -> impl Strategy<Value = String> {
    "[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?"
        .prop_filter("reserved xn-- style", |label| label.get(2..4) != Some("--"))
}

fn top_label() -> impl Strategy<Value = String> {
    "[a-z]{2,6}"
}

fn unicode_label() -> impl Strategy<Value = String> {
    "[a-zäöå]{1,12}"
}

fn ascii_domain() -> impl Strategy<Value = String> {
    (prop::collection::vec(ascii_label(), 0..4), top_label()).prop_map(|(labels, top)| {
        let mut all = labels;
        all.push(top);
        all.join(".")
    })
}

proptest! {
    #[test]
    fn business_id_round_trips_through_its_text(business_id in any_business_id()) {
        let text = business_id.to_string();
        prop_assert_eq!(text.len(), 9);
        prop_assert_eq!(text.parse::<BusinessId>().unwrap(), business_id);
        prop_assert_eq!(BusinessId::from_compact(business_id.compact()).unwrap(), business_id);
    }

    #[test]
    fn legacy_form_reads_as_the_padded_id(
        business_id in (0..1_000_000u32).prop_filter_map("remainder 1", |n| BusinessId::new(n).ok()),
    ) {
        let legacy = format!("{:06}-{}", business_id.number(), business_id.check_digit());
        prop_assert_eq!(legacy.parse::<BusinessId>().unwrap(), business_id);
    }

    #[test]
    fn every_other_check_digit_is_rejected(business_id in any_business_id(), wrong in 0u8..=9) {
        prop_assume!(wrong != business_id.check_digit());
        let text = format!("{:07}-{}", business_id.number(), wrong);
        let rejected = matches!(
            text.parse::<BusinessId>(),
            Err(BusinessIdError::CheckDigitMismatch { .. })
        );
        prop_assert!(rejected);
    }

    #[test]
    fn business_id_text_that_parses_prints_back_canonically(text in "[0-9-]{0,10}") {
        if let Ok(business_id) = text.parse::<BusinessId>() {
            let printed = business_id.to_string();
            let padded = format!("0{}", text);
            prop_assert!(printed == text || printed == padded);
        }
    }

    #[test]
    fn sote_oid_round_trips_through_its_text(business_id in any_business_id(), index in any::<u32>()) {
        let oid = SoteOrganisationOid::new(business_id, index);
        let text = oid.to_string();
        prop_assert_eq!(text.parse::<SoteOrganisationOid>().unwrap(), oid);
    }

    #[test]
    fn sote_oid_text_that_parses_prints_back_unchanged(
        text in "1\\.2\\.246\\.10\\.[0-9]{1,9}\\.1[0-9]?\\.[0-9]{1,3}",
    ) {
        if let Ok(oid) = text.parse::<SoteOrganisationOid>() {
            prop_assert_eq!(oid.to_string(), text);
        }
    }

    #[test]
    fn ascii_domain_round_trips_through_its_text(text in ascii_domain()) {
        let domain: DomainName = text.parse().unwrap();
        prop_assert_eq!(domain.as_str(), text.as_str());
        prop_assert_eq!(domain.to_string().parse::<DomainName>().unwrap(), domain.clone());
        prop_assert_eq!(text.to_uppercase().parse::<DomainName>().unwrap(), domain.clone());
        prop_assert_eq!(format!("{text}.").parse::<DomainName>().unwrap(), domain);
    }

    #[test]
    fn unicode_domain_is_one_name_in_both_forms(
        labels in prop::collection::vec(unicode_label(), 1..4),
        top in top_label(),
    ) {
        let text = format!("{}.{top}", labels.join("."));
        let domain: DomainName = text.parse().unwrap();
        prop_assert!(domain.as_str().is_ascii());
        prop_assert_eq!(domain.to_string().parse::<DomainName>().unwrap(), domain.clone());
        prop_assert_eq!(domain.to_unicode().parse::<DomainName>().unwrap(), domain.clone());
        prop_assert_eq!(domain.to_unicode(), text);
    }

    #[test]
    fn any_text_that_parses_as_a_domain_prints_a_canonical_form(text in "\\PC{0,30}") {
        if let Ok(domain) = text.parse::<DomainName>() {
            let printed = domain.to_string();
            prop_assert!(printed.is_ascii());
            prop_assert_eq!(printed.to_lowercase(), printed.clone());
            prop_assert!(!printed.ends_with('.'));
            prop_assert_eq!(printed.parse::<DomainName>().unwrap(), domain);
        }
    }

    #[test]
    fn subdomains_are_within_and_glued_prefixes_are_not(
        base in ascii_domain(),
        label in ascii_label(),
    ) {
        let administered: DomainName = base.parse().unwrap();
        let sub: DomainName = format!("{label}.{base}").parse().unwrap();
        prop_assert!(sub.is_within(&administered));
        prop_assert!(administered.is_within(&administered));
        prop_assert!(!administered.is_within(&sub));
        let glued: DomainName = format!("{label}{base}").parse().unwrap();
        prop_assert!(!glued.is_within(&administered));
    }

    #[test]
    fn requested_name_round_trips_through_its_text(base in ascii_domain(), wildcard in any::<bool>()) {
        let text = if wildcard { format!("*.{base}") } else { base.clone() };
        match text.parse::<RequestedName>() {
            Ok(name) => {
                prop_assert_eq!(name.to_string(), text.clone());
                prop_assert_eq!(name.to_string().parse::<RequestedName>().unwrap(), name);
            }
            Err(error) => {
                // Only a wildcard over a single label is refused.
                prop_assert!(wildcard && !base.contains('.'), "{}", error);
            }
        }
    }
}
