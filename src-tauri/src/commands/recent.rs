//! Commands over the recent-vaults list (paths only, kept outside any vault).

use super::CmdResult;
use fieldbook::api::Session;
use fieldbook::recent::{self, RecentVault};
use fieldbook::AppError;
use tauri::State;

#[tauri::command]
pub fn recent_list(session: State<'_, Session>) -> Vec<RecentVault> {
    session.recent().list()
}

#[tauri::command]
pub fn recent_forget(session: State<'_, Session>, path: String) -> CmdResult<()> {
    session.recent().forget(&path).map_err(AppError::from)
}

#[tauri::command]
pub fn recent_clear(session: State<'_, Session>) -> CmdResult<()> {
    session.recent().clear().map_err(AppError::from)
}

#[tauri::command]
pub fn default_vault_folder() -> String {
    recent::default_vault_folder().display().to_string()
}
