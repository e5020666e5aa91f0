//! Commands over the app preferences (auto-lock, neutral title, remembering recent vaults),
//! kept outside any vault beside the recent list.

use super::CmdResult;
use fieldbook::api::Session;
use fieldbook::prefs::AppPrefs;
use fieldbook::AppError;
use tauri::{AppHandle, Manager, Runtime, State};

#[tauri::command]
pub fn prefs_get(session: State<'_, Session>) -> AppPrefs {
    session.recent().prefs().load()
}

/// Store the preferences (turning "remember recent vaults" off clears the list) and retitle the
/// window. Returns what was stored.
#[tauri::command]
pub fn prefs_set<R: Runtime>(
    app: AppHandle<R>,
    session: State<'_, Session>,
    prefs: AppPrefs,
) -> CmdResult<AppPrefs> {
    session.recent().set_prefs(&prefs).map_err(AppError::from)?;
    apply_title(&app, &prefs);
    Ok(prefs)
}

/// Give the main window the title the preferences ask for ("Notebook" or "Fieldbook").
pub fn apply_title<R: Runtime>(app: &AppHandle<R>, prefs: &AppPrefs) {
    if let Some(window) = app.get_webview_window("main") {
        // Best effort: a title that cannot be set leaves the previous one, nothing else breaks.
        let _ = window.set_title(prefs.window_title());
    }
}
