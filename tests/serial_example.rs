//! The `serial` example's output (`cargo run --example serial -- [--json] NOTATION...`), checked
//! through the example's own functions: the example file is compiled into this test, so no
//! nested cargo run is needed.

#[allow(dead_code)]
#[path = "../examples/serial.rs"]
mod example;

#[path = "support/json_keys.rs"]
mod json_keys;
use json_keys::keys;

use serde_json::{Value, json};

const KEYS: [&str; 12] = [
    "input",
    "hex",
    "decimal",
    "der",
    "octets",
    "bits",
    "negative",
    "form",
    "embedded_time",
    "rfc5280",
    "fits",
    "ambiguous",
];

fn fits(all: bool) -> Value {
    json!({
        "i32": all, "u32": all, "i64": all, "u64": all, "i128": all, "u128": all,
        "js_safe_integer": all, "decimal38": all,
    })
}

#[test]
fn json_line_has_exactly_the_issue_keys() {
    let (line, read) = example::json_line("0bf4eab0");
    assert!(read);
    assert_eq!(keys(&line), KEYS.into_iter().collect());
    assert_eq!(
        keys(&line["fits"]),
        [
            "i32",
            "u32",
            "i64",
            "u64",
            "i128",
            "u128",
            "js_safe_integer",
            "decimal38"
        ]
        .into_iter()
        .collect()
    );
}

#[test]
fn json_line_for_dvv_legacy_example() {
    let (line, _) = example::json_line("0bf4eab0");
    assert_eq!(
        line,
        json!({
            "input": "0bf4eab0",
            "hex": "0bf4eab0",
            "decimal": "200600240",
            "der": "02040bf4eab0",
            "octets": 4,
            "bits": 28,
            "negative": false,
            "form": "legacy-32",
            "embedded_time": null,
            "rfc5280": true,
            "fits": fits(true),
            "ambiguous": false,
        })
    );
}

#[test]
fn json_line_for_dvv_long_example_read_from_decimal() {
    let input = "dec:87112293252494463413683796322992020427259";
    let (line, _) = example::json_line(input);
    assert_eq!(
        line,
        json!({
            "input": input,
            "hex": "0100000168f0a805c366b43b5de968c691fb",
            "decimal": "87112293252494463413683796322992020427259",
            "der": "02120100000168f0a805c366b43b5de968c691fb",
            "octets": 18,
            "bits": 137,
            "negative": false,
            "form": "long",
            "embedded_time": "2019-02-15T10:16:09.923Z",
            "rfc5280": true,
            "fits": fits(false),
            "ambiguous": false,
        })
    );
}

#[test]
fn bare_digits_are_read_as_hex_and_flagged_ambiguous() {
    let (line, read) = example::json_line("12345678");
    assert!(read);
    assert_eq!(line["ambiguous"], true);
    assert_eq!(line["hex"], "12345678");
    assert_eq!(line["decimal"], "305419896");
}

#[test]
fn negative_and_zero_values_use_a_sign_and_00() {
    let (line, _) = example::json_line("dec:-129");
    assert_eq!(line["hex"], "-81");
    assert_eq!(line["decimal"], "-129");
    assert_eq!(line["der"], "0202ff7f");
    assert_eq!(line["negative"], true);
    assert_eq!(line["rfc5280"], false);
    let (line, _) = example::json_line("hex:0");
    assert_eq!(line["hex"], "00");
    assert_eq!(line["der"], "020100");
    assert_eq!(line["bits"], 0);
    assert_eq!(line["rfc5280"], false);
}

#[test]
fn unreadable_notation_gives_input_and_error_only() {
    let (line, read) = example::json_line("0bg4");
    assert!(!read);
    assert_eq!(
        line,
        json!({ "input": "0bg4", "error": "invalid hex digit 'g' at offset 2" })
    );
}

#[test]
fn human_report_lists_every_form_and_the_interop_report() {
    let (text, read) = example::human_report("0100000168f0a805c366b43b5de968c691fb");
    assert!(read);
    for expected in [
        "0100000168f0a805c366b43b5de968c691fb",
        "0100000168F0A805C366B43B5DE968C691FB",
        "01:00:00:01:68:f0:a8:05:c3:66:b4:3b:5d:e9:68:c6:91:fb",
        "87112293252494463413683796322992020427259",
        "02120100000168f0a805c366b43b5de968c691fb",
        "fb91c668e95d3bb466c305a8f06801000001",
        "0x0100000168f0a805c366b43b5de968c691fb",
        "18 content octets, 137 bits, 41 decimal digits",
        "long",
        "2019-02-15T10:16:09.923Z",
        "conforms",
        "does not fit   i32, u32, i64, u64, i128, u128, JavaScript Number, DECIMAL(38)/NUMBER(38)",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn human_report_warns_about_ambiguity_and_errors() {
    let (text, read) = example::human_report("12345678");
    assert!(read);
    assert!(text.contains("AMBIGUOUS"), "{text}");
    assert!(text.contains("0xbc614e"), "{text}");
    let (text, read) = example::human_report("0b::f4");
    assert!(!read);
    assert!(
        text.contains("error: unexpected separator ':' at offset 3"),
        "{text}"
    );
}

#[test]
fn without_notations_the_example_shows_dvv_examples() {
    assert_eq!(
        example::DVV_EXAMPLES,
        ["0bf4eab0", "0100000168f0a805c366b43b5de968c691fb"]
    );
}
