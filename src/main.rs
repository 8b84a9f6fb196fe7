//! `councilrecs`: parse the command line, run the command, exit with its code.

use clap::Parser;
use councilrecs::{cli::Cli, cmd};
use std::process::ExitCode;

fn main() -> ExitCode {
    match Cli::try_parse() {
        Ok(cli) => cmd::exit_code(cmd::run(&cli)),
        Err(e) => {
            let _ = e.print();
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        }
    }
}
