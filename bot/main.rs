//! consult-bot's entry point: everything happens in the library, so tests can run the
//! same code in-process.
fn main() -> std::process::ExitCode {
    consult_bot::cli::main()
}
