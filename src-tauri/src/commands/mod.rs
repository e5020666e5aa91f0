//! Tauri commands, one file per library module. Each translates arguments, calls the library
//! and converts its error to the UI's [`AppError`]; nothing else.

mod affidavits;
pub mod clipboard;
mod drafts;
pub mod export;
mod import;
mod incidents;
mod map;
#[cfg(test)]
mod names;
mod plan;
pub mod prefs;
mod recent;
pub mod vault;
mod workers;

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

/// The raw request body (a file's bytes, sent as `invoke(cmd, uint8Array, { headers })` so they
/// are not turned into a JSON array of numbers) and the ASCII JSON arguments in `header`.
pub fn raw_body_and_args<T: serde::de::DeserializeOwned>(
    request: &tauri::ipc::Request<'_>,
    header: &str,
) -> CmdResult<(T, Vec<u8>)> {
    let value = request
        .headers()
        .get(header)
        .map(|v| v.to_str())
        .transpose()
        .map_err(|_| {
            AppError::from(fieldbook::Error::InvalidInput(format!(
                "The {header} header must be ASCII JSON."
            )))
        })?;
    let args = fieldbook::api::import::parse_args(header, value)?;
    match request.body() {
        // The bytes are copied once: the work runs off the main thread and must own them.
        tauri::ipc::InvokeBody::Raw(bytes) => Ok((args, bytes.clone())),
        tauri::ipc::InvokeBody::Json(_) => Err(AppError::from(fieldbook::Error::InvalidInput(
            "The file must be sent as the raw request body.".into(),
        ))),
    }
}

/// Ask where to save a file (the native dialog, opened here so the UI never names a path), then
/// `write` it there, off the main thread. `ext` (e.g. "pdf") sets the dialog's filter. Returns the
/// path written, or `None` when the user cancelled.
pub async fn save_via_dialog<R, W>(
    app: &AppHandle<R>,
    name: String,
    ext: Option<&'static str>,
    write: W,
) -> CmdResult<Option<String>>
where
    R: Runtime,
    W: FnOnce(&std::path::Path) -> fieldbook::Result<std::path::PathBuf> + Send + 'static,
{
    use tauri_plugin_dialog::DialogExt;
    let dialog = app.dialog().clone();
    tauri::async_runtime::spawn_blocking(move || {
        let mut file = dialog.file().set_file_name(name);
        if let Some(ext) = ext {
            file = file.add_filter(ext.to_uppercase(), &[ext]);
        }
        let Some(chosen) = file.blocking_save_file() else {
            return Ok(None);
        };
        let path = chosen.into_path().map_err(|e| {
            AppError::from(fieldbook::Error::InvalidInput(format!(
                "That place cannot be written to: {e}"
            )))
        })?;
        write(&path)
            .map(|p| Some(p.display().to_string()))
            .map_err(AppError::from)
    })
    .await
    .map_err(|e| AppError {
        code: fieldbook::ErrorCode::Internal,
        message: format!("The save stopped unexpectedly: {e}"),
    })?
}

pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        vault::vault_create,
        vault::vault_create_demo,
        vault::vault_unlock,
        vault::vault_lock,
        vault::vault_lock_watch,
        vault::vault_status,
        vault::vault_verify,
        vault::vault_change_passphrase,
        vault::vault_rotate_key,
        vault::passphrase_strength,
        recent::recent_list,
        recent::recent_forget,
        recent::recent_clear,
        recent::default_vault_folder,
        prefs::prefs_get,
        prefs::prefs_set,
        clipboard::clipboard_copy,
        workers::campaign_list,
        workers::campaign_create,
        workers::campaign_update,
        workers::worker_list,
        workers::worker_page,
        workers::campaign_field_usage,
        workers::worker_facets,
        workers::worker_detail,
        workers::worker_create,
        workers::worker_update,
        workers::worker_move,
        workers::worker_delete,
        workers::worker_assess,
        workers::committee_join,
        workers::committee_leave,
        workers::card_set,
        workers::conversation_log,
        workers::follow_ups,
        workers::follow_up_done,
        drafts::draft_save,
        drafts::draft_load,
        drafts::draft_clear,
        import::import_preview,
        import::import_apply,
        map::map_analysis,
        map::map_analysis_packed,
        map::map_warm_path,
        map::map_save_positions,
        map::map_reset_layout,
        map::map_export_save,
        map::relationship_add,
        map::relationship_remove,
        map::relationships_of,
        incidents::incident_list,
        incidents::incident_deadlines,
        incidents::incidents_of_worker,
        incidents::incident_detail,
        incidents::incident_create,
        incidents::incident_update,
        incidents::incident_set_status,
        incidents::incident_delete,
        incidents::evidence_list,
        incidents::evidence_read,
        incidents::evidence_delete,
        incidents::evidence_upload_begin,
        incidents::evidence_upload_chunk,
        incidents::evidence_upload_finish,
        incidents::evidence_upload_cancel,
        incidents::evidence_save_copy,
        affidavits::affidavit_list,
        affidavits::affidavit_prefill,
        affidavits::affidavit_create,
        affidavits::affidavit_load,
        affidavits::affidavit_save,
        affidavits::affidavit_set_status,
        affidavits::affidavit_history,
        affidavits::affidavit_diff,
        affidavits::affidavit_verify,
        affidavits::affidavit_render,
        affidavits::affidavit_export_save,
        plan::plan_get,
        plan::plan_settings_update,
        plan::plan_today,
        plan::plan_dashboard,
        plan::plan_changes,
        plan::plan_series,
        plan::plan_series_workers,
        plan::milestone_create,
        plan::milestone_update,
        plan::milestone_delete,
        plan::action_create,
        plan::action_update,
        plan::action_delete,
        plan::action_participation,
        plan::action_participation_set,
        plan::action_participation_remove,
        plan::plan_suggestions,
        plan::suggestion_accept,
        plan::suggestion_dismiss,
        plan::task_create,
        plan::task_update,
        plan::task_set_done,
        plan::task_delete,
        plan::plan_report,
        plan::plan_report_save,
        export::export_preview,
        export::export_bundle,
        export::export_cancel,
        export::export_redacted_map,
        export::counsel_keys,
        export::counsel_key_add,
        export::counsel_key_remove,
        export::backup_settings,
        export::backup_settings_set,
        export::backup_now,
        export::backup_if_due,
        export::backup_restore,
        export::bundle_verify,
    ]
}

#[cfg(test)]
mod tests {
    /// The main window is granted exactly the app's own commands: nothing more (no core or
    /// plugin permission), nothing missing.
    #[test]
    fn capability_grants_exactly_the_app_commands() {
        let cap: serde_json::Value =
            serde_json::from_str(include_str!("../../capabilities/main.json")).expect("valid JSON");
        let mut granted: Vec<String> = cap["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .map(|p| p.as_str().expect("plain permission names").to_string())
            .collect();
        let mut expected: Vec<String> = super::names::COMMANDS
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        granted.sort();
        expected.sort();
        assert_eq!(granted, expected);
        assert_eq!(cap["windows"], serde_json::json!(["main"]));
    }

    #[test]
    fn the_webview_is_locked_down() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../../../tauri.conf.json")).expect("valid JSON");
        assert_eq!(conf["app"]["withGlobalTauri"], false);
        let security = &conf["app"]["security"];
        assert_eq!(security["csp"]["script-src"], "'self'");
        assert_eq!(security["csp"]["default-src"], "'self'");
        assert_eq!(security["assetProtocol"]["enable"], false);
        let csp = security["csp"].to_string();
        assert!(
            !csp.contains("http:") || csp.contains("http://ipc.localhost"),
            "{csp}"
        );
        assert!(!csp.contains("https:"), "no remote origin: {csp}");
    }
}
