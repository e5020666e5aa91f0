//! Commands over the drafts the UI autosaves inside the vault (`fieldbook::api::drafts`): a
//! 1-on-1 being logged is kept there until it is saved. Translation only.

use super::{blocking, CmdResult};
use fieldbook::workers::draft::Draft;
use tauri::{AppHandle, Runtime};

#[tauri::command]
pub async fn draft_save<R: Runtime>(app: AppHandle<R>, key: String, body: String) -> CmdResult<()> {
    blocking(app, move |s| s.draft_save(&key, &body)).await
}

#[tauri::command]
pub async fn draft_load<R: Runtime>(app: AppHandle<R>, key: String) -> CmdResult<Option<Draft>> {
    blocking(app, move |s| s.draft_load(&key)).await
}

#[tauri::command]
pub async fn draft_clear<R: Runtime>(app: AppHandle<R>, key: String) -> CmdResult<()> {
    blocking(app, move |s| s.draft_clear(&key)).await
}
