//! What every example does with its command line: `--help`, and exit status 2 with the usage
//! for a bad option.

use std::process::ExitCode;

/// How an example's argument parsing ended without options to run with.
pub enum Stop {
    /// `--help` was asked for: the usage goes to standard output, exit status 0.
    Help,
    /// A bad option or value: the problem and the usage go to standard error, exit status 2.
    Usage(String),
}

impl From<lexopt::Error> for Stop {
    fn from(error: lexopt::Error) -> Self {
        Stop::Usage(error.to_string())
    }
}

impl Stop {
    /// Prints what `self` calls for and gives the exit status.
    pub fn exit(self, usage: &str) -> ExitCode {
        match self {
            Stop::Help => {
                println!("{usage}");
                ExitCode::SUCCESS
            }
            Stop::Usage(problem) => {
                eprintln!("{problem}\n{usage}");
                ExitCode::from(2)
            }
        }
    }
}

/// The value of `option` parsed with `parse`, the error naming the option and the value.
#[allow(dead_code)]
pub fn value<T>(
    parser: &mut lexopt::Parser,
    option: &str,
    expected: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, Stop> {
    let raw = parser
        .value()
        .map_err(|_| Stop::Usage(format!("{option} needs {expected}")))?;
    let text = raw.to_string_lossy();
    parse(&text).ok_or_else(|| Stop::Usage(format!("{option} {text:?}: expected {expected}")))
}

/// The value of `--max-input`, a number of bytes, set on `reader`.
#[allow(dead_code)]
pub fn max_input(
    parser: &mut lexopt::Parser,
    reader: &mut sote_certs::certificate::CertificateReader,
) -> Result<(), Stop> {
    let max = value(parser, "--max-input", "a number of bytes", |text| {
        text.parse().ok()
    })?;
    reader.set_max_input(max);
    Ok(())
}

/// Prints `line` as one line of JSON (the examples' `--json` output).
#[cfg(feature = "serde")]
#[allow(dead_code)]
pub fn print_json(line: &impl serde::Serialize) {
    match serde_json::to_string(line) {
        Ok(text) => println!("{text}"),
        Err(error) => eprintln!("cannot write JSON: {error}"),
    }
}
