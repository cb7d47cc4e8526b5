//! The govchart command.

fn main() -> std::process::ExitCode {
    govchart::cli::main()
}
