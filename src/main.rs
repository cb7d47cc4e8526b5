//! The govchart command.

/// mimalloc: charts of millions of items make millions of small allocations, which it
/// serves faster and with less fragmentation than the system allocator. Built without
/// transparent huge pages: where the kernel gives them always, mimalloc's returning and
/// re-taking of freed memory zeroes 2 MiB at a time, which doubled the time of a
/// 100,000-row import (`cargo bench --bench import`) and did not speed up loading.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    govchart::cli::main()
}
