//! The generator of `tests/fixtures/application/` (feature `test-fixtures`): minted CSRs and the
//! certificates that answer them, for the application tests and `examples/application.rs`.
//!
//! `cargo test --features test-fixtures --test application_fixtures` checks that the committed
//! files are exactly what the minter makes; with `SOTE_REGENERATE_FIXTURES=1` it writes them
//! instead. The minter is deterministic, so regenerating changes nothing unless it changed.
#![cfg(feature = "test-fixtures")]

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use sote_certs::Profile;
use sote_certs::mint::{CertTemplate, CsrTemplate, ProfilePreset, mint_csr};

/// The issuance instant of the certificates.
const NOW: &str = "2026-01-15T09:30:00Z";

/// The seed of the test CAs.
const CA_SEED: u64 = 1;

fn fixtures() -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let now = DateTime::parse_from_rfc3339(NOW)?.with_timezone(&Utc);
    let mut files = Vec::new();
    for kind in [Profile::Server, Profile::SystemSignature] {
        let ca = kind.ca().test_ca(CA_SEED)?;
        let cert = ca.issue(&CertTemplate::dvv_like(kind, now)?)?;
        let csr = mint_csr(kind.key_seed(), &CsrTemplate::dvv_like(kind))?;
        files.push((format!("{}.pem", kind.as_str()), cert.pem.clone()));
        files.push((format!("{}.csr", kind.as_str()), csr.pem.clone()));
    }
    Ok(files)
}

#[test]
fn committed_fixtures_are_what_the_minter_makes() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/application");
    let regenerate = std::env::var_os("SOTE_REGENERATE_FIXTURES").is_some();
    for (name, content) in fixtures()? {
        let path = dir.join(&name);
        if regenerate {
            std::fs::write(&path, &content)?;
        } else {
            let committed = std::fs::read_to_string(&path)?;
            assert_eq!(
                committed, content,
                "{name} differs from the minter's output; regenerate with SOTE_REGENERATE_FIXTURES=1"
            );
        }
    }
    Ok(())
}
