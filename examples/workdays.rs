//! Finnish workdays from the command line.
//!
//! ```text
//! cargo run --example workdays -- holidays YEAR   # every Monday–Friday of YEAR that is not a workday
//! cargo run --example workdays -- add DATE N      # DATE plus N workdays (YYYY-MM-DD)
//! ```

#[path = "support/cli.rs"]
mod cli;

use std::process::ExitCode;

use chrono::NaiveDate;
use sote_certs::workdays::FinnishCalendar;

const USAGE: &str = "usage: workdays holidays YEAR\n       workdays add YYYY-MM-DD N";

/// The command and its operands.
fn parse_args() -> Result<Vec<String>, cli::Stop> {
    use lexopt::prelude::*;
    let mut operands = Vec::new();
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Err(cli::Stop::Help),
            Value(value) => operands.push(value.string()?),
            _ => return Err(arg.unexpected().into()),
        }
    }
    Ok(operands)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(stop) => return stop.exit(USAGE),
    };
    match run(&args) {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<Vec<String>, String> {
    let calendar = FinnishCalendar::new();
    match args {
        [command, year] if command == "holidays" => {
            let year: i32 = year.parse().map_err(|_| format!("invalid year '{year}'"))?;
            let dates = calendar
                .holidays_on_weekdays(year)
                .map_err(|error| error.to_string())?;
            Ok(dates
                .iter()
                .map(|date| date.format("%Y-%m-%d").to_string())
                .collect())
        }
        [command, date, n] if command == "add" => {
            let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .map_err(|_| format!("invalid date '{date}', expected YYYY-MM-DD"))?;
            let n: u32 = n
                .parse()
                .map_err(|_| format!("invalid number of workdays '{n}'"))?;
            let result = calendar
                .add_workdays(date, n)
                .map_err(|error| error.to_string())?;
            Ok(vec![result.format("%Y-%m-%d").to_string()])
        }
        _ => Err("expected 'holidays YEAR' or 'add DATE N'".to_owned()),
    }
}
