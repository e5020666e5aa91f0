//! Commands over `fieldbook::api::map`: the map and its analyses, warm paths, saved positions,
//! drawing and removing relationships, and saving a picture of the map. Translation only.

use super::{blocking, raw_body_and_args, CmdResult};
use fieldbook::graph::export::{self, MapExportArgs};
use fieldbook::graph::{MapAnalysis, MapPosition, WarmPath};
use fieldbook::workers::relationship::{Relationship, RelationshipInput};
use fieldbook::{AppError, Error};
use tauri::ipc::Request;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

#[tauri::command]
pub async fn map_analysis<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
) -> CmdResult<MapAnalysis> {
    blocking(app, move |s| s.map(campaign_id)).await
}

#[tauri::command]
pub async fn map_warm_path<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
    from: Option<i64>,
    to: i64,
) -> CmdResult<Option<WarmPath>> {
    blocking(app, move |s| s.map_warm_path(campaign_id, from, to)).await
}

#[tauri::command]
pub async fn map_save_positions<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
    positions: Vec<MapPosition>,
) -> CmdResult<()> {
    blocking(app, move |s| s.map_save_positions(campaign_id, &positions)).await
}

#[tauri::command]
pub async fn map_reset_layout<R: Runtime>(app: AppHandle<R>, campaign_id: i64) -> CmdResult<()> {
    blocking(app, move |s| s.map_reset_layout(campaign_id)).await
}

/// Ask where to save the picture (the native dialog, opened from here so the UI never names a
/// path), then write it. `None` when the user cancelled.
#[tauri::command]
pub async fn map_export_save<R: Runtime>(
    app: AppHandle<R>,
    request: Request<'_>,
) -> CmdResult<Option<String>> {
    let (args, bytes): (MapExportArgs, _) = raw_body_and_args(&request, export::ARGS_HEADER)?;
    export::check(args.format, &bytes)?;
    let dialog = app.dialog().clone();
    tauri::async_runtime::spawn_blocking(move || {
        let ext = args.format.extension();
        let chosen = dialog
            .file()
            .set_file_name(export::file_name(args.format, &args.suggested_name))
            .add_filter(ext.to_uppercase(), &[ext])
            .blocking_save_file();
        let Some(chosen) = chosen else {
            return Ok(None);
        };
        let path = chosen.into_path().map_err(|e| {
            AppError::from(Error::InvalidInput(format!(
                "That place cannot be written to: {e}"
            )))
        })?;
        export::save(&path, args.format, &bytes)
            .map(|p| Some(p.display().to_string()))
            .map_err(AppError::from)
    })
    .await
    .map_err(|e| AppError {
        code: fieldbook::ErrorCode::Internal,
        message: format!("The save stopped unexpectedly: {e}"),
    })?
}

#[tauri::command]
pub async fn relationship_add<R: Runtime>(
    app: AppHandle<R>,
    input: RelationshipInput,
) -> CmdResult<Relationship> {
    blocking(app, move |s| s.relationship_add(&input)).await
}

#[tauri::command]
pub async fn relationship_remove<R: Runtime>(app: AppHandle<R>, id: i64) -> CmdResult<()> {
    blocking(app, move |s| s.relationship_remove(id)).await
}

#[tauri::command]
pub async fn relationships_of<R: Runtime>(
    app: AppHandle<R>,
    worker_id: i64,
) -> CmdResult<Vec<Relationship>> {
    blocking(app, move |s| s.relationships_of(worker_id)).await
}
