//! Commands over `fieldbook::api::map`: the map and its analyses, warm paths, saved positions,
//! drawing and removing relationships, and saving a picture of the map. Translation only.

use super::{blocking, raw_body_and_args, save_via_dialog, CmdResult};
use fieldbook::graph::export::{self, MapExportArgs};
use fieldbook::graph::{MapAnalysis, MapPosition, WarmPath};
use fieldbook::workers::relationship::{Relationship, RelationshipInput};
use tauri::ipc::{Request, Response};
use tauri::{AppHandle, Runtime};

#[tauri::command]
pub async fn map_analysis<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
) -> CmdResult<MapAnalysis> {
    blocking(app, move |s| s.map(campaign_id)).await
}

/// The map packed in one binary buffer ([`fieldbook::graph::wire`]): what the app's window
/// draws. With `wait` false it does not wait for the session's betweenness (see
/// `Session::map_now`): the window draws the map at once and asks again, waiting, for the leaders.
#[tauri::command]
pub async fn map_analysis_packed<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
    wait: bool,
) -> CmdResult<Response> {
    blocking(app, move |s| s.map_packed(campaign_id, wait))
        .await
        .map(Response::new)
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
    let name = export::file_name(args.format, &args.suggested_name);
    save_via_dialog(&app, name, Some(args.format.extension()), move |path| {
        export::save(path, args.format, &bytes)
    })
    .await
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
