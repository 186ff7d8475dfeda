//! The `xianjie` command-line program: a thin layer over the library.

fn main() -> std::process::ExitCode {
    xianjie::cli::main()
}
