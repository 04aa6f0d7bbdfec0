//! The key set of a JSON object, for the tests of the examples' JSON lines.

use std::collections::BTreeSet;

use serde_json::Value;

/// The keys of `value`, which must be a JSON object.
pub fn keys(value: &Value) -> BTreeSet<&str> {
    let object = value.as_object();
    assert!(object.is_some(), "not a JSON object: {value}");
    object
        .into_iter()
        .flat_map(|map| map.keys().map(String::as_str))
        .collect()
}
