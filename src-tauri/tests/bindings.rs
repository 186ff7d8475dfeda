//! `ui/src/bindings/index.ts` must match the Rust IPC types (regenerate with
//! `scripts/app-bindings.sh`).

#[test]
fn typescript_bindings_match_the_rust_types() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    if let Err(e) = xianjie_app::bindings::check(&root) {
        panic!("{e}");
    }
}
