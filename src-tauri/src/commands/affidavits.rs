//! Commands over `fieldbook::api::affidavits`: affidavit drafts, their versions, history, diffs,
//! hash chains, the PDF preview (bytes from memory) and saving a rendering where the user chooses
//! (the native dialog, opened from here). Translation only.

use super::{blocking, save_via_dialog, CmdResult};
use fieldbook::affidavits::{
    render, AffidavitContent, AffidavitDiff, AffidavitDraft, AffidavitLanguage, AffidavitNew,
    AffidavitSave, AffidavitStatus, AffidavitSummary, AffidavitVersionInfo, ChainStatus,
    RenderFormat,
};
use tauri::ipc::Response;
use tauri::{AppHandle, Runtime};

#[tauri::command]
pub async fn affidavit_list<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
) -> CmdResult<Vec<AffidavitSummary>> {
    blocking(app, move |s| s.affidavit_list(campaign_id)).await
}

#[tauri::command]
pub async fn affidavit_prefill<R: Runtime>(
    app: AppHandle<R>,
    affiant_id: i64,
    language: Option<AffidavitLanguage>,
    incident_ids: Vec<i64>,
) -> CmdResult<AffidavitContent> {
    blocking(app, move |s| {
        s.affidavit_prefill(affiant_id, language, &incident_ids)
    })
    .await
}

#[tauri::command]
pub async fn affidavit_create<R: Runtime>(
    app: AppHandle<R>,
    input: AffidavitNew,
) -> CmdResult<AffidavitDraft> {
    blocking(app, move |s| s.affidavit_create(&input)).await
}

#[tauri::command]
pub async fn affidavit_load<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    seq: Option<u32>,
) -> CmdResult<AffidavitDraft> {
    blocking(app, move |s| s.affidavit_load(id, seq)).await
}

#[tauri::command]
pub async fn affidavit_save<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    input: AffidavitSave,
) -> CmdResult<AffidavitDraft> {
    blocking(app, move |s| s.affidavit_save(id, &input)).await
}

#[tauri::command]
pub async fn affidavit_set_status<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    status: AffidavitStatus,
    by: String,
) -> CmdResult<AffidavitSummary> {
    blocking(app, move |s| s.affidavit_set_status(id, status, &by)).await
}

#[tauri::command]
pub async fn affidavit_history<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
) -> CmdResult<Vec<AffidavitVersionInfo>> {
    blocking(app, move |s| s.affidavit_history(id)).await
}

#[tauri::command]
pub async fn affidavit_diff<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    from: u32,
    to: u32,
) -> CmdResult<AffidavitDiff> {
    blocking(app, move |s| s.affidavit_diff(id, from, to)).await
}

#[tauri::command]
pub async fn affidavit_verify<R: Runtime>(app: AppHandle<R>, id: i64) -> CmdResult<ChainStatus> {
    blocking(app, move |s| s.affidavit_verify(id)).await
}

/// The PDF of a version, for the in-app preview: raw bytes (an `ArrayBuffer` in the UI), made in
/// memory and never written anywhere.
#[tauri::command]
pub async fn affidavit_render<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    seq: Option<u32>,
) -> CmdResult<Response> {
    let rendered = blocking(app, move |s| s.affidavit_render(id, seq, RenderFormat::Pdf)).await?;
    Ok(Response::new(rendered.bytes))
}

/// Render a version and save it where the user chooses in the native dialog (opened from here, so
/// the UI never names a path). The UI warns first that the copy is not encrypted. Returns the path
/// written, or `None` when the dialog was cancelled.
#[tauri::command]
pub async fn affidavit_export_save<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    seq: Option<u32>,
    format: RenderFormat,
) -> CmdResult<Option<String>> {
    let rendered = blocking(app.clone(), move |s| s.affidavit_render(id, seq, format)).await?;
    save_via_dialog(
        &app,
        rendered.file_name.clone(),
        Some(format.extension()),
        move |path| render::write(path, format, &rendered.bytes),
    )
    .await
}
