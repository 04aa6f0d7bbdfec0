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
//! gives `{"file": …, "error": …}`, and the exit status is then non-zero after every line.

#[path = "support/bundled.rs"]
mod bundled;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sote_certs::read_certificates;
use sote_certs::renewal::{OrderKind, RenewalPlan, RenewalPolicy};
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

    fn expired(self, plan: &RenewalPlan) -> bool {
        match self {
            When::Date(date) => plan.is_expired_on(date),
            When::Instant(instant) => plan.is_expired_at(instant),
        }
    }
}

struct Options {
    json: bool,
    when: When,
    policy: RenewalPolicy,
    files: Vec<PathBuf>,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        json: false,
        // The library never reads the clock; the example does, once.
        when: When::Instant(DateTime::<Utc>::from(std::time::SystemTime::now())),
        policy: RenewalPolicy::dvv(),
        files: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => options.json = true,
            "--at" => {
                let value = args.next().ok_or("--at needs a date (YYYY-MM-DD)")?;
                options.when = match NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
                    Ok(date) => When::Date(date),
                    Err(_) => When::Instant(
                        DateTime::parse_from_rfc3339(&value)
                            .map_err(|_| {
                                format!(
                                    "--at {value:?}: expected YYYY-MM-DD or an RFC 3339 instant"
                                )
                            })?
                            .with_timezone(&Utc),
                    ),
                };
            }
            "--margin" => {
                let value = args.next().ok_or("--margin needs a number of workdays")?;
                let margin = value
                    .parse()
                    .map_err(|_| format!("--margin {value:?}: expected a number of workdays"))?;
                options.policy = options.policy.with_margin_workdays(margin);
            }
            "-h" | "--help" => return Err(String::new()),
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ => options.files.push(arg.into()),
        }
    }
    if options.files.is_empty() {
        options.files = bundled::bundled("real", &["pem"]).map_err(|e| e.to_string())?;
    }
    Ok(options)
}

/// One certificate's line: the plan and where `when` falls in it.
struct Line {
    last_valid_day: NaiveDate,
    apply_by: NaiveDate,
    workdays_left: i64,
    expired: bool,
}

fn plan_file(file: &Path, policy: RenewalPolicy, when: When) -> Result<Vec<Line>, String> {
    let bytes = std::fs::read(file).map_err(|e| e.to_string())?;
    let certificates = read_certificates(&bytes).map_err(|e| e.to_string())?;
    certificates
        .iter()
        .map(|cert| {
            let plan = policy.plan(cert).map_err(|e| e.to_string())?;
            Ok(Line {
                last_valid_day: plan.last_valid_day(),
                apply_by: plan.apply_by(),
                workdays_left: plan.workdays_left(when.date()).map_err(|e| e.to_string())?,
                expired: when.expired(&plan),
            })
        })
        .collect()
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(problem) => {
            if !problem.is_empty() {
                eprintln!("{problem}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
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
            Ok(lines) => {
                for (index, line) in lines.iter().enumerate() {
                    if options.json {
                        println!(
                            "{}",
                            json!({
                                "file": shown,
                                "index": index,
                                "last_valid_day": line.last_valid_day.to_string(),
                                "apply_by": line.apply_by.to_string(),
                                "workdays_left": line.workdays_left,
                                "expired": line.expired,
                            })
                        );
                    } else {
                        println!("{}", human(&shown, index, line));
                    }
                }
            }
            Err(error) => {
                failed = true;
                if options.json {
                    println!("{}", json!({ "file": shown, "error": error }));
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

fn human(file: &str, index: usize, line: &Line) -> String {
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
