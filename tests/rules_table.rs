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
