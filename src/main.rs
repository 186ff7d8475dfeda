//! The `xianjie` command-line program: a thin layer over the library.

// See Cargo.toml (mimalloc): the import's two threads allocate and free a lot.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
