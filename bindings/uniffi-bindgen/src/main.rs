//! `cargo run -p uniffi-bindgen -- generate <library> --language kotlin --out-dir <dir>`:
//! UniFFI's bindings generator, pinned to the version `bindings/uniffi` is built with.

fn main() {
    uniffi::uniffi_bindgen_main()
}
