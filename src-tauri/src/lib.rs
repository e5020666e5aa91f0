//! The desktop shell: builds the window, holds the library's [`Session`], and registers the
//! commands. No domain logic lives here; see `commands/`.

mod commands;

use fieldbook::api::Session;
use fieldbook::recent::RecentList;

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
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(Session::new(recent))
        .manage(commands::export::ExportCancel::default())
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!("../tauri.conf.json"))
        .map(|app| {
            app.run(|handle, event| {
                if let tauri::RunEvent::Exit = event {
                    // Checkpoint, close and wipe the key on the way out.
                    use tauri::Manager;
                    let _ = handle.state::<Session>().lock();
                }
            })
        });
    if let Err(e) = result {
        eprintln!("fieldbook: could not start the window: {e}");
        std::process::exit(1);
    }
}
