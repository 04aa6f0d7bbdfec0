//! The `verify` and `crl` examples end to end, on a minted set written to a scratch directory:
//! their exit statuses (0 trusted and not revoked, 1 otherwise, 2 for usage errors) and their
//! JSON lines.

#![cfg(all(feature = "trust", feature = "serde", feature = "test-fixtures"))]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::Duration;
use common::{example, utc};
use serde_json::Value;
use sote_certs::mint::{CertTemplate, CrlTemplate, DvvCa};
use sote_certs::revocation::CrlReason;
use sote_certs::{Certificate, Profile};

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A G3E-named test CA, a good and a revoked certificate, and a CRL revoking the second.
fn minted(dir: &Path) {
    let now = utc(2024, 3, 1, 10, 0, 0);
    let ca = DvvCa::g3e().test_ca(3).unwrap();
    let good = ca
        .issue(&CertTemplate::dvv_like(Profile::SystemSignature, now - Duration::days(9)).unwrap())
        .unwrap();
    let revoked = ca
        .issue(&CertTemplate::dvv_like(Profile::SystemSignature, now - Duration::days(8)).unwrap())
        .unwrap();
    let serial = Certificate::from_der(&revoked.der).unwrap().serial();
    let crl = ca
        .issue_crl(&CrlTemplate::new(now - Duration::hours(1)).revoke(
            serial,
            now - Duration::days(1),
            CrlReason::KeyCompromise,
        ))
        .unwrap();
    std::fs::write(dir.join("ca.pem"), &ca.certificate().pem).unwrap();
    std::fs::write(dir.join("good.pem"), &good.pem).unwrap();
    std::fs::write(dir.join("revoked.pem"), &revoked.pem).unwrap();
    std::fs::write(dir.join("ca.crl"), crl).unwrap();
}

fn run(binary: &Path, dir: &Path, args: &[&str]) -> Output {
    Command::new(binary)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the example runs")
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

#[test]
fn verify_and_crl_exit_statuses_and_lines() {
    let dir = std::env::temp_dir().join(format!("sote-examples-trust-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scratch = Scratch(dir);
    let dir = scratch.0.as_path();
    minted(dir);
    let verify = example("verify");
    let at = ["--at", "2024-03-01T10:00:00Z"];
    let trust = ["--trust", "ca.pem", "--crl", "ca.crl"];

    let good = run(
        &verify,
        dir,
        &[&at[..], &trust[..], &["--json", "good.pem"]].concat(),
    );
    assert_eq!(good.status.code(), Some(0), "{good:?}");
    let line = &lines(&good)[0];
    assert_eq!(line["trusted"], true);
    assert_eq!(line["revocation"], "good");

    let revoked = run(
        &verify,
        dir,
        &[&at[..], &trust[..], &["--json", "revoked.pem"]].concat(),
    );
    assert_eq!(revoked.status.code(), Some(1), "{revoked:?}");
    let line = &lines(&revoked)[0];
    assert_eq!(line["revocation"], "revoked");
    assert_eq!(line["reason"], "keyCompromise");

    // Without a CRL the status is unknown: accepted, unless revocation is required.
    let unknown = run(
        &verify,
        dir,
        &[&at[..], &["--trust", "ca.pem", "good.pem"]].concat(),
    );
    assert_eq!(unknown.status.code(), Some(0), "{unknown:?}");
    let required = run(
        &verify,
        dir,
        &[
            &at[..],
            &["--trust", "ca.pem", "--require-revocation", "good.pem"],
        ]
        .concat(),
    );
    assert_eq!(required.status.code(), Some(1), "{required:?}");

    // A file that cannot be read is a line with its error, and exit status 1.
    let missing = run(
        &verify,
        dir,
        &[&at[..], &trust[..], &["--json", "nothere.pem"]].concat(),
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(lines(&missing)[0]["error"].is_string());

    // Usage errors: no anchor, an unknown option.
    assert_eq!(run(&verify, dir, &["good.pem"]).status.code(), Some(2));
    assert_eq!(run(&verify, dir, &["--bogus"]).status.code(), Some(2));
    assert_eq!(run(&verify, dir, &["--help"]).status.code(), Some(0));

    let crl = example("crl");
    let checked = run(
        &crl,
        dir,
        &[
            &at[..],
            &["--json", "--issuer", "ca.pem", "ca.crl", "dec:5"],
        ]
        .concat(),
    );
    assert_eq!(checked.status.code(), Some(0), "{checked:?}");
    let line = &lines(&checked)[0];
    assert_eq!(line["signature_valid"], true);
    assert_eq!(line["entries"], 1);
    assert_eq!(line["lookups"][0]["revoked"], false);
    // Another CA's certificate does not verify the CRL: exit status 1.
    let other = DvvCa::g3e().test_ca(4).unwrap();
    std::fs::write(dir.join("other.pem"), &other.certificate().pem).unwrap();
    let wrong = run(
        &crl,
        dir,
        &[&at[..], &["--json", "--issuer", "other.pem", "ca.crl"]].concat(),
    );
    assert_eq!(wrong.status.code(), Some(1), "{wrong:?}");
    assert_eq!(lines(&wrong)[0]["signature_valid"], false);
    assert_eq!(run(&crl, dir, &["ca.crl", "0xzz"]).status.code(), Some(2));
}
