//! The `openssl` command for interop tests: `None` (the test is skipped, with the reason
//! printed) when it is missing locally; a failure when it is missing in CI (`CI=true`).
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// Whether `openssl` runs; panics in CI when it does not.
pub fn available() -> bool {
    let runs = Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !runs {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "`openssl` is not installed, and CI=true: interop tests must run in CI"
        );
        eprintln!("skipped: `openssl` is not installed (apt-get install openssl)");
    }
    runs
}

/// Runs `openssl` with `args`, with `env` set.
pub fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new("openssl");
    command.args(args);
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

/// Standard output and error together.
pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A scratch directory removed on drop.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("sote-req-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.path(name);
        std::fs::write(&path, contents).unwrap();
        path.to_str().unwrap().to_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
