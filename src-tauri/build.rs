//! The UI may call the app's own commands and nothing else: every command is declared here, and
//! `capabilities/main.json` grants exactly these to the main window.

include!("src/commands/names.rs");

fn main() {
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {e:#}");
    }
}
