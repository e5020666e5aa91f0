// Every command the shell exposes. Read by `build.rs` (the app manifest, from which Tauri makes
// one `allow-<command>` permission each) and by the test that checks `capabilities/main.json`.
// Keep in step with `commands::handler()`.
pub const COMMANDS: &[&str] = &[
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
