//! The committed TypeScript bindings match the Rust types. When this fails, run
//! `cargo run --bin gen-bindings` and commit `ui/src/lib/bindings.ts`.

#[test]
fn committed_bindings_are_up_to_date() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(fieldbook::bindings::BINDINGS_PATH);
    let committed = std::fs::read_to_string(&path).expect("ui/src/lib/bindings.ts exists");
    let fresh = fieldbook::bindings::render();
    assert!(
        committed == fresh,
        "ui/src/lib/bindings.ts is stale: run `cargo run --bin gen-bindings` and commit it"
    );
}

#[test]
fn error_codes_are_stable_strings() {
    // The UI switches on these strings; renaming one is a breaking change.
    let code = serde_json::to_string(&fieldbook::ErrorCode::WrongPassphrase).unwrap();
    assert_eq!(code, "\"wrong_passphrase\"");
    let err = fieldbook::AppError::from(fieldbook::Error::VaultInUse);
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["code"], "vault_in_use");
    assert!(json["message"].as_str().unwrap().contains("already open"));
}
