//! When to apply for each certificate's replacement: the last valid day (Helsinki), the latest
//! workday by which a new application must be complete, and how many workdays remain.
//!
//! ```sh
//! cargo run --example renewal -- [--json] [--at DATE] [--margin N] [FILE...]
//! ```
//!
//! `DATE` is a Helsinki calendar date (`2026-01-15`) or an RFC 3339 instant; it defaults to
//! now. `--margin` is the deployment margin in workdays after DVV's five-workday delivery
//! (default 5). With no FILE it plans for the real DVV certificates bundled in
//! `tests/fixtures/real/`. DVV has no renewal: every replacement is a new order.
//!
//! With `--json`, one object per certificate and line, with exactly the keys `file`, `index`,
//! `last_valid_day`, `apply_by`, `workdays_left` and `expired`; a file that cannot be read
//! gives `{"file": …, "error": …}`, and the exit status is then 1 after every line (2 for a bad
//! option). The line is `sote_certs::json::RenewalLine`: `file`, `index` and the plan's
//! `sote_certs::renewal::Outlook` at the given moment.

#[path = "support/bundled.rs"]
mod bundled;
#[path = "support/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};
use cli::Stop;
use sote_certs::json::{FileError, RenewalLine};
use sote_certs::read_certificates;
use sote_certs::renewal::{OrderKind, Outlook, RenewalPolicy};
use sote_certs::validity::helsinki_date;

const USAGE: &str = "usage: renewal [--json] [--at DATE] [--margin N] [FILE...]";

/// The moment the plan is read at.
#[derive(Clone, Copy)]
enum When {
    /// A Helsinki date: expired when it is after the last valid day.
    Date(NaiveDate),
    /// An instant: expired when it is after `notAfter`.
    Instant(DateTime<Utc>),
}

impl When {
    fn date(self) -> NaiveDate {
        match self {
            When::Date(date) => date,
            When::Instant(instant) => helsinki_date(instant),
        }
    }

    fn parse(text: &str) -> Option<When> {
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) => Some(When::Date(date)),
            Err(_) => DateTime::parse_from_rfc3339(text)
                .ok()
                .map(|instant| When::Instant(instant.with_timezone(&Utc))),
        }
    }
}

struct Options {
    json: bool,
    when: When,
    policy: RenewalPolicy,
    files: Vec<PathBuf>,
}

fn parse_args() -> Result<Options, Stop> {
    use lexopt::prelude::*;
    let mut options = Options {
        json: false,
        // The library never reads the clock; the example does, once.
        when: When::Instant(DateTime::<Utc>::from(std::time::SystemTime::now())),
        policy: RenewalPolicy::dvv(),
        files: Vec::new(),
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("json") => options.json = true,
            Long("at") => {
                options.when = cli::value(
                    &mut parser,
                    "--at",
                    "YYYY-MM-DD or an RFC 3339 instant",
                    When::parse,
                )?;
            }
            Long("margin") => {
                let margin = cli::value(&mut parser, "--margin", "a number of workdays", |text| {
                    text.parse().ok()
                })?;
                options.policy = options.policy.with_margin_workdays(margin);
            }
            Short('h') | Long("help") => return Err(Stop::Help),
            Value(file) => options.files.push(file.into()),
            _ => return Err(arg.unexpected().into()),
        }
    }
    if options.files.is_empty() {
        options.files =
            bundled::bundled("real", &["pem"]).map_err(|e| Stop::Usage(e.to_string()))?;
    }
    Ok(options)
}

/// Each certificate's outlook at `when`.
fn plan_file(file: &Path, policy: RenewalPolicy, when: When) -> Result<Vec<Outlook>, String> {
    let bytes = std::fs::read(file).map_err(|e| e.to_string())?;
    let certificates = read_certificates(&bytes).map_err(|e| e.to_string())?;
    certificates
        .iter()
        .map(|cert| {
            let plan = policy.plan(cert).map_err(|e| e.to_string())?;
            match when {
                When::Date(date) => plan.outlook_on(date),
                When::Instant(instant) => plan.outlook_at(instant),
            }
            .map_err(|e| e.to_string())
        })
        .collect()
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(stop) => return stop.exit(USAGE),
    };
    if !options.json {
        println!(
            "at {}, delivery {} + margin {} workdays; {}",
            options.when.date(),
            options.policy.delivery_workdays(),
            options.policy.margin_workdays(),
            OrderKind::NewOrder
        );
    }
    let mut failed = false;
    for file in &options.files {
        let shown = file.display().to_string();
        match plan_file(file, options.policy, options.when) {
            Ok(outlooks) => {
                for (index, outlook) in outlooks.into_iter().enumerate() {
                    if options.json {
                        cli::print_json(&RenewalLine::new(&shown, index, outlook));
                    } else {
                        println!("{}", human(&shown, index, &outlook));
                    }
                }
            }
            Err(error) => {
                failed = true;
                if options.json {
                    cli::print_json(&FileError::new(&shown, &error));
                } else {
                    println!("{shown}: error: {error}");
                }
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn human(file: &str, index: usize, line: &Outlook) -> String {
    let state = if line.expired {
        "expired".to_owned()
    } else {
        match line.workdays_left {
            0 => "apply today: the application must be complete today".to_owned(),
            1 => "1 workday left".to_owned(),
            n if n > 1 => format!("{n} workdays left"),
            n => format!(
                "apply-by date passed {} workday{} ago",
                -n,
                if n == -1 { "" } else { "s" }
            ),
        }
    };
    format!(
        "{file} [{index}]  last valid day {}  apply by {}  {state}",
        line.last_valid_day, line.apply_by
    )
}
