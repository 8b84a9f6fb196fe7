use std::process::ExitCode;

fn main() -> ExitCode {
    councilrecs::cli::main()
}
