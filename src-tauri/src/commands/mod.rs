//! Tauri commands, one file per library module. Each translates arguments, calls the library
//! and converts its error to the UI's [`AppError`]; nothing else.

mod recent;
mod vault;

use fieldbook::api::Session;
use fieldbook::AppError;
use tauri::{AppHandle, Manager, Runtime};

pub type CmdResult<T> = Result<T, AppError>;

/// Run slow library work (key derivation, rekeying) off the main thread.
pub async fn blocking<R, T, F>(app: AppHandle<R>, f: F) -> CmdResult<T>
where
    R: Runtime,
    T: Send + 'static,
    F: FnOnce(&Session) -> fieldbook::Result<T> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(move || f(&app.state::<Session>()).map_err(AppError::from))
        .await
        .map_err(|e| AppError {
            code: fieldbook::ErrorCode::Internal,
            message: format!("The operation stopped unexpectedly: {e}"),
        })?
}

pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        vault::vault_create,
        vault::vault_unlock,
        vault::vault_lock,
        vault::vault_status,
        vault::vault_verify,
        vault::vault_change_passphrase,
        vault::vault_rotate_key,
        vault::passphrase_strength,
        recent::recent_list,
        recent::recent_forget,
        recent::recent_clear,
        recent::default_vault_folder,
    ]
}
