//! The rules table in the inspection's docs lists every rule, with its severity.

use sote_certs::{Rule, Severity};

#[test]
fn every_rule_is_in_the_documented_table_with_its_severity() {
    let docs = std::fs::read_to_string("src/inspect.rs").unwrap();
    for rule in Rule::ALL {
        let severity = match rule.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        };
        let row = format!("//! | `{}` | {severity} |", rule.code());
        assert!(
            docs.contains(&row),
            "missing or wrong row for {}",
            rule.code()
        );
    }
    let rows = docs.lines().filter(|l| l.starts_with("//! | `")).count();
    assert_eq!(
        rows,
        Rule::ALL.len(),
        "the table lists a rule that does not exist"
    );
}

#[test]
fn codes_are_unique_and_kebab_dotted() {
    let mut codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
    for code in &codes {
        let (area, name) = code.split_once('.').unwrap();
        assert!(!area.is_empty() && !name.is_empty(), "{code}");
        assert!(
            code.chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c == '.' || c.is_ascii_digit()),
            "{code}"
        );
    }
    codes.sort_unstable();
    let before = codes.len();
    codes.dedup();
    assert_eq!(codes.len(), before);
}

#[test]
fn every_code_parses_back_to_its_rule() {
    use sote_certs::application::{DeliveryRule, EligibilityRule};
    for rule in Rule::ALL {
        assert_eq!(Rule::from_code(rule.code()), Some(*rule));
        assert_eq!(rule.code().parse::<Rule>(), Ok(*rule));
        assert_eq!(rule.to_string().parse::<Rule>(), Ok(*rule));
    }
    for rule in EligibilityRule::ALL {
        assert_eq!(EligibilityRule::from_code(rule.code()), Some(*rule));
    }
    for rule in DeliveryRule::ALL {
        assert_eq!(rule.code().parse::<DeliveryRule>(), Ok(*rule));
    }
}

#[test]
fn an_unknown_code_is_no_rule() {
    assert_eq!(Rule::from_code("serial.not-a-rule"), None);
    // A code of another table is not a code of this one.
    assert_eq!(Rule::from_code("eligibility.csr-missing"), None);
    let error = "key.Weak".parse::<Rule>().unwrap_err();
    assert_eq!(error.code, "key.Weak");
    assert_eq!(error.to_string(), "unknown rule code \"key.Weak\"");
}
