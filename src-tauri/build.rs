//! The UI may call the app's own commands and nothing else: every command is declared here, and
//! `capabilities/main.json` grants exactly these to the main window.

/// Every command the shell exposes (keep in step with `commands::handler()`).
const COMMANDS: &[&str] = &[
    "vault_create",
    "vault_unlock",
    "vault_lock",
    "vault_status",
    "vault_verify",
    "vault_change_passphrase",
    "vault_rotate_key",
    "passphrase_strength",
    "recent_list",
    "recent_forget",
    "recent_clear",
    "default_vault_folder",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {e:#}");
    }
}
