//! The govchart command.

/// mimalloc: charts of millions of items make millions of small allocations, which it
/// serves faster and with less fragmentation than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    govchart::cli::main()
}
