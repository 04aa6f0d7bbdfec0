//! Conformance against x509-limbo, the path-validation suite nobody here wrote: the `limbo`
//! example runs every testcase of `../shared/conformance/limbo.json.xz`; agreement with each
//! testcase's `expected_result` must be no lower, per namespace, than the committed baseline
//! (`tests/limbo/baseline.txt`), and every disagreement must be listed, with its reason, in
//! `tests/limbo/disagreements.txt` (and nothing else: a listed case that now agrees fails too,
//! so the list stays true).
//!
//! Needs the suite beside the clone and `xz`; both are on CI (where a missing one fails the
//! test), locally the test skips with a printed reason.

#![cfg(feature = "trust")]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

fn skip_or_fail(reason: &str) {
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{reason}, and CI=true: the conformance test must run in CI"
    );
    println!("skipped: {reason}");
}

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The suite, unpacked with `xz`; `None` (after skipping or failing) when it cannot be.
fn suite() -> Option<Vec<u8>> {
    let packed = manifest().join("../shared/conformance/limbo.json.xz");
    if !packed.exists() {
        skip_or_fail(&format!("{} is missing", packed.display()));
        return None;
    }
    match Command::new("xz").arg("-dc").arg(&packed).output() {
        Ok(out) if out.status.success() => Some(out.stdout),
        Ok(out) => panic!(
            "xz -dc {}: {}",
            packed.display(),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => {
            skip_or_fail(&format!("`xz` does not run ({e})"));
            None
        }
    }
}

/// `namespace -> count` lines, `#` comments allowed.
fn baseline() -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(manifest().join("tests/limbo/baseline.txt"))
        .expect("tests/limbo/baseline.txt");
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (namespace, count) = line
                .split_once(char::is_whitespace)
                .unwrap_or_else(|| panic!("baseline line {line:?}: namespace and count"));
            let count = count.trim().parse().unwrap_or_else(|e| {
                panic!("baseline line {line:?}: {e}");
            });
            (namespace.to_owned(), count)
        })
        .collect()
}

/// The ids of `tests/limbo/disagreements.txt` (`id<TAB>expected<TAB>reason` lines), each with
/// a reason.
fn listed_disagreements() -> BTreeSet<String> {
    let text = std::fs::read_to_string(manifest().join("tests/limbo/disagreements.txt"))
        .expect("tests/limbo/disagreements.txt");
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert!(
                fields.len() == 3 && !fields[2].trim().is_empty(),
                "disagreement line {line:?}: id, expected result and reason, tab-separated"
            );
            fields[0].to_owned()
        })
        .collect()
}

#[test]
fn agreement_with_x509_limbo_is_no_lower_than_the_baseline() {
    let Some(suite) = suite() else { return };
    let harness = common::example("limbo");
    let mut child = Command::new(&harness)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the limbo harness starts");
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(&suite)
        .expect("the suite is written to the harness");
    let out = child.wait_with_output().expect("the harness finishes");
    assert!(out.status.success(), "the harness failed: {out:?}");

    let suite: Value = serde_json::from_slice(&suite).expect("the suite is JSON");
    let results: Value = serde_json::from_slice(&out.stdout).expect("the harness writes JSON");
    assert_eq!(results["version"], 1);
    let actual: BTreeMap<&str, &str> = results["results"]
        .as_array()
        .expect("a results array")
        .iter()
        .map(|r| {
            assert!(r.get("context").is_some(), "{r}: context is required");
            (
                r["id"].as_str().expect("an id"),
                r["actual_result"].as_str().expect("an actual_result"),
            )
        })
        .collect();
    let cases = suite["testcases"].as_array().expect("testcases");
    assert_eq!(actual.len(), cases.len(), "one result per testcase");

    let mut agreeing: BTreeMap<String, usize> = BTreeMap::new();
    let mut disagreeing = BTreeSet::new();
    for case in cases {
        let id = case["id"].as_str().expect("an id");
        let namespace = id.split("::").next().unwrap_or(id).to_owned();
        let count = agreeing.entry(namespace).or_default();
        match actual.get(id) {
            Some(&result) if result == case["expected_result"] => *count += 1,
            Some(&"SKIPPED") => {}
            Some(_) => {
                disagreeing.insert(id.to_owned());
            }
            None => panic!("no result for {id}"),
        }
    }
    for (namespace, floor) in baseline() {
        let count = agreeing.get(&namespace).copied().unwrap_or(0);
        assert!(
            count >= floor,
            "{namespace}: {count} testcases agree, the baseline is {floor}"
        );
    }
    let listed = listed_disagreements();
    let unlisted: Vec<_> = disagreeing.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&disagreeing).collect();
    assert!(
        unlisted.is_empty(),
        "disagreements not in tests/limbo/disagreements.txt: {unlisted:?}"
    );
    assert!(
        stale.is_empty(),
        "listed in tests/limbo/disagreements.txt but no longer disagreeing: {stale:?}"
    );
}
