//! Commands over `fieldbook::api::export`: the bundle for counsel (preview, export with progress
//! and cancel), the redacted map, counsel's key book, backups and restore, and checking a bundle.
//! Files are chosen in native dialogs opened here: the UI never names a path. Translation only.

use super::{blocking, CmdResult};
use fieldbook::api::export::{self as api, ExportProtection};
use fieldbook::export::backup::{BackupSettings, BackupSummary};
use fieldbook::export::bundle::{BundlePreview, BundleSelection, ExportSummary};
use fieldbook::export::keybook::CounselKey;
use fieldbook::export::open::Key;
use fieldbook::export::redacted::Groups;
use fieldbook::export::restore::RestoreReport;
use fieldbook::export::verify::ArchiveReport;
use fieldbook::export::{ExportProgress, Progress};
use fieldbook::vault::Unlock;
use fieldbook::{AppError, Error, SecretString};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

/// The cancel flag of the export running now (one at a time).
#[derive(Default)]
pub struct ExportCancel(pub AtomicBool);

fn save_dialog<R: Runtime>(app: &AppHandle<R>, name: &str) -> Option<PathBuf> {
    app.dialog()
        .file()
        .set_file_name(name)
        .add_filter("age", &["age"])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

fn open_dialog<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    app.dialog()
        .file()
        .add_filter("age", &["age"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError {
        code: fieldbook::ErrorCode::Internal,
        message: format!("The operation stopped unexpectedly: {e}"),
    }
}

#[tauri::command]
pub async fn export_preview<R: Runtime>(
    app: AppHandle<R>,
    selection: BundleSelection,
) -> CmdResult<BundlePreview> {
    blocking(app, move |s| s.export_preview(&selection)).await
}

/// Ask where, then stream the bundle there with progress. `None` when the dialog was cancelled.
#[tauri::command]
pub async fn export_bundle<R: Runtime>(
    app: AppHandle<R>,
    selection: BundleSelection,
    protection: ExportProtection,
    suggested_name: String,
    on_progress: Channel<ExportProgress>,
) -> CmdResult<Option<ExportSummary>> {
    tauri::async_runtime::spawn_blocking(move || {
        let Some(dest) = save_dialog(&app, &suggested_name) else {
            return Ok(None);
        };
        let cancel = app.state::<ExportCancel>();
        cancel.0.store(false, Ordering::Relaxed);
        let report = |done: u64, total: u64| {
            let _ = on_progress.send(ExportProgress { done, total });
        };
        let progress = Progress::new(&cancel.0, &report);
        app.state::<fieldbook::api::Session>()
            .export_bundle(&selection, protection, &dest, &progress)
            .map(Some)
            .map_err(AppError::from)
    })
    .await
    .map_err(internal)?
}

#[tauri::command]
pub fn export_cancel<R: Runtime>(app: AppHandle<R>) {
    app.state::<ExportCancel>().0.store(true, Ordering::Relaxed);
}

#[tauri::command]
pub async fn export_redacted_map<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
    groups: Groups,
    protection: ExportProtection,
    suggested_name: String,
) -> CmdResult<Option<ExportSummary>> {
    tauri::async_runtime::spawn_blocking(move || {
        let Some(dest) = save_dialog(&app, &suggested_name) else {
            return Ok(None);
        };
        app.state::<fieldbook::api::Session>()
            .export_redacted_map(campaign_id, groups, protection, &dest)
            .map(Some)
            .map_err(AppError::from)
    })
    .await
    .map_err(internal)?
}

#[tauri::command]
pub async fn counsel_keys<R: Runtime>(app: AppHandle<R>) -> CmdResult<Vec<CounselKey>> {
    blocking(app, |s| s.counsel_keys()).await
}

#[tauri::command]
pub async fn counsel_key_add<R: Runtime>(
    app: AppHandle<R>,
    name: String,
    recipient: String,
) -> CmdResult<CounselKey> {
    blocking(app, move |s| s.counsel_key_add(&name, &recipient)).await
}

#[tauri::command]
pub async fn counsel_key_remove<R: Runtime>(app: AppHandle<R>, id: i64) -> CmdResult<()> {
    blocking(app, move |s| s.counsel_key_remove(id)).await
}

#[tauri::command]
pub async fn backup_settings<R: Runtime>(app: AppHandle<R>) -> CmdResult<BackupSettings> {
    blocking(app, |s| s.backup_settings()).await
}

/// Save the settings; with `chooseFolder`, the folder is picked in a native dialog first.
#[tauri::command]
pub async fn backup_settings_set<R: Runtime>(
    app: AppHandle<R>,
    mut settings: BackupSettings,
    choose_folder: bool,
) -> CmdResult<Option<BackupSettings>> {
    tauri::async_runtime::spawn_blocking(move || {
        if choose_folder {
            let Some(folder) = app
                .dialog()
                .file()
                .blocking_pick_folder()
                .and_then(|p| p.into_path().ok())
            else {
                return Ok(None);
            };
            settings.folder = Some(folder.display().to_string());
        }
        app.state::<fieldbook::api::Session>()
            .set_backup_settings(&settings)
            .map(Some)
            .map_err(AppError::from)
    })
    .await
    .map_err(internal)?
}

/// A backup now: into the automatic-backup folder, or (with a passphrase) where the user picks.
#[tauri::command]
pub async fn backup_now<R: Runtime>(
    app: AppHandle<R>,
    passphrase: Option<SecretString>,
    suggested_name: String,
) -> CmdResult<Option<BackupSummary>> {
    tauri::async_runtime::spawn_blocking(move || {
        let dest = match &passphrase {
            Some(_) => match save_dialog(&app, &suggested_name) {
                Some(d) => Some(d),
                None => return Ok(None),
            },
            None => None,
        };
        app.state::<fieldbook::api::Session>()
            .backup_now(dest.as_deref(), passphrase)
            .map_err(AppError::from)
    })
    .await
    .map_err(internal)?
}

#[tauri::command]
pub async fn backup_if_due<R: Runtime>(app: AppHandle<R>) -> CmdResult<Option<BackupSummary>> {
    blocking(app, |s| s.backup_if_due()).await
}

/// Pick a backup file, then the folder for the new vault; restore and verify it there.
#[tauri::command]
pub async fn backup_restore<R: Runtime>(
    app: AppHandle<R>,
    backup_passphrase: Option<SecretString>,
    recovery_key: Option<SecretString>,
    vault_passphrase: Option<SecretString>,
    new_name: String,
) -> CmdResult<Option<RestoreReport>> {
    tauri::async_runtime::spawn_blocking(move || {
        let Some(file) = open_dialog(&app) else {
            return Ok(None);
        };
        let Some(folder) = app
            .dialog()
            .file()
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok())
        else {
            return Ok(None);
        };
        let key = match (&backup_passphrase, &recovery_key) {
            (Some(p), _) => Key::Passphrase(p.clone()),
            (None, Some(r)) => api::key_from_text(r)?,
            (None, None) => {
                return Err(AppError::from(Error::InvalidInput(
                    "Give the backup's passphrase or the vault's recovery key.".into(),
                )))
            }
        };
        let unlock = match (&vault_passphrase, &recovery_key) {
            (Some(p), _) => Unlock::Passphrase(p),
            (None, Some(r)) => Unlock::RecoveryKey(r),
            (None, None) => {
                return Err(AppError::from(Error::InvalidInput(
                    "Give the vault's passphrase to check the restored vault.".into(),
                )))
            }
        };
        let name = fieldbook::vault::layout::folder_name(&new_name)?;
        api::restore_file(&file, &key, &folder.join(name), unlock)
            .map(Some)
            .map_err(AppError::from)
    })
    .await
    .map_err(internal)?
}

/// Pick a bundle (or backup) and check every file against its manifest.
#[tauri::command]
pub async fn bundle_verify<R: Runtime>(
    app: AppHandle<R>,
    passphrase: Option<SecretString>,
    identity: Option<SecretString>,
) -> CmdResult<Option<ArchiveReport>> {
    tauri::async_runtime::spawn_blocking(move || {
        let Some(file) = open_dialog(&app) else {
            return Ok(None);
        };
        let key = match (passphrase, identity) {
            (Some(p), _) => Key::Passphrase(p),
            (None, Some(i)) => api::key_from_text(&i)?,
            (None, None) => {
                return Err(AppError::from(Error::InvalidInput(
                    "Give the passphrase or an identity (AGE-SECRET-KEY-1…).".into(),
                )))
            }
        };
        api::verify_file(&file, &key)
            .map(Some)
            .map_err(AppError::from)
    })
    .await
    .map_err(internal)?
}
