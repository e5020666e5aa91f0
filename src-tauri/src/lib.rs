//! The desktop shell: builds the window, holds the library's [`Session`], and registers the
//! commands. No domain logic lives here; see `commands/`.

mod commands;
mod os_lock;

use commands::clipboard::ClipboardState;
use commands::vault::LockWatch;
use fieldbook::api::Session;
use fieldbook::recent::RecentList;
use tauri::Manager;
use tauri_plugin_global_shortcut::{Code, GlobalShortcutExt, Modifiers, Shortcut, ShortcutState};

/// The global quick-lock: Ctrl+Alt+L (Cmd+Option+L on macOS), heard even when another
/// application has the focus.
fn quick_lock_shortcut() -> Shortcut {
    #[cfg(target_os = "macos")]
    let primary = Modifiers::SUPER;
    #[cfg(not(target_os = "macos"))]
    let primary = Modifiers::CONTROL;
    Shortcut::new(Some(primary | Modifiers::ALT), Code::KeyL)
}

pub fn run() {
    // Before anything else: no core dumps of a process that will hold a vault's key.
    fieldbook::hardening::harden_process();
    let recent = match RecentList::default_location() {
        Ok(list) => list,
        Err(e) => {
            eprintln!("fieldbook: {e}");
            std::process::exit(1);
        }
    };
    let quick_lock = quick_lock_shortcut();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        // Used from Rust only: the window is granted none of the plugin's commands.
        .plugin(
            tauri_plugin_global_shortcut::Builder::new()
                .with_handler(move |app, shortcut, event| {
                    if event.state == ShortcutState::Pressed && shortcut.id() == quick_lock.id() {
                        commands::vault::quick_lock(app);
                    }
                })
                .build(),
        )
        .manage(Session::new(recent).with_map_prewarm())
        .manage(ClipboardState::default())
        .manage(LockWatch::default())
        .manage(commands::export::ExportCancel::default())
        .invoke_handler(commands::handler())
        .setup(move |app| {
            let handle = app.handle();
            let prefs = handle.state::<Session>().recent().prefs().load();
            commands::prefs::apply_title(handle, &prefs);
            // The window may be created hidden so its first frame already has the chosen title.
            if let Some(window) = handle.get_webview_window("main") {
                let _ = window.show();
            }
            // Fails soft: another program may hold the combination, or the session has no
            // global shortcuts (Wayland without XWayland). The in-window Ctrl/Cmd+L still works.
            if let Err(e) = handle.global_shortcut().register(quick_lock) {
                eprintln!("fieldbook: the global quick-lock shortcut is not available ({e})");
            }
            // Lock as the computer goes to sleep or the screen locks (Linux: D-Bus, on a thread
            // of its own; a missing bus only costs this feature).
            os_lock::start(handle);
            Ok(())
        })
        .build(tauri::generate_context!("../tauri.conf.json"))
        .map(|app| {
            app.run(|handle, event| {
                if let tauri::RunEvent::Exit = event {
                    // Take a copied value off the clipboard; checkpoint, close and wipe the key.
                    handle.state::<ClipboardState>().clear_if_ours(None);
                    let _ = handle.state::<Session>().lock();
                }
            })
        });
    if let Err(e) = result {
        eprintln!("fieldbook: could not start the window: {e}");
        std::process::exit(1);
    }
}
