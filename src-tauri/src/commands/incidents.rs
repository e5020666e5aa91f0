//! Commands over `fieldbook::api::incidents`: the incident log, the 10(b) deadline list, status
//! steps, and evidence files (uploaded in parts as raw bodies, read back as raw bytes for viewing
//! in the window, saved as a NOT encrypted copy where the user picks). Translation only.

use super::{blocking, raw_body_and_args, save_via_dialog, CmdResult};
use fieldbook::api::incidents::EVIDENCE_ARGS_HEADER;
use fieldbook::api::Session;
use fieldbook::incidents::{
    Evidence, EvidenceChunkArgs, EvidenceUpload, EvidenceUploadBegin, Incident, IncidentInput,
    IncidentRow, IncidentStatus,
};
use tauri::ipc::{Request, Response};
use tauri::{AppHandle, Manager, Runtime};

#[tauri::command]
pub async fn incident_list<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
) -> CmdResult<Vec<IncidentRow>> {
    blocking(app, move |s| s.incident_list(campaign_id)).await
}

#[tauri::command]
pub async fn incident_deadlines<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
) -> CmdResult<Vec<IncidentRow>> {
    blocking(app, move |s| s.incident_deadlines(campaign_id)).await
}

#[tauri::command]
pub async fn incidents_of_worker<R: Runtime>(
    app: AppHandle<R>,
    worker_id: i64,
) -> CmdResult<Vec<IncidentRow>> {
    blocking(app, move |s| s.incidents_of_worker(worker_id)).await
}

#[tauri::command]
pub async fn incident_detail<R: Runtime>(app: AppHandle<R>, id: i64) -> CmdResult<Incident> {
    blocking(app, move |s| s.incident_detail(id)).await
}

#[tauri::command]
pub async fn incident_create<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
    input: IncidentInput,
) -> CmdResult<Incident> {
    blocking(app, move |s| s.incident_create(campaign_id, &input)).await
}

#[tauri::command]
pub async fn incident_update<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    input: IncidentInput,
) -> CmdResult<Incident> {
    blocking(app, move |s| s.incident_update(id, &input)).await
}

#[tauri::command]
pub async fn incident_set_status<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    status: IncidentStatus,
    on: Option<String>,
) -> CmdResult<Incident> {
    blocking(app, move |s| {
        s.incident_set_status(id, status, on.as_deref())
    })
    .await
}

#[tauri::command]
pub async fn incident_delete<R: Runtime>(app: AppHandle<R>, id: i64) -> CmdResult<()> {
    blocking(app, move |s| s.incident_delete(id)).await
}

#[tauri::command]
pub async fn evidence_list<R: Runtime>(
    app: AppHandle<R>,
    incident_id: i64,
) -> CmdResult<Vec<Evidence>> {
    blocking(app, move |s| s.evidence_list(incident_id)).await
}

/// The bytes of an evidence file (or of `length` bytes from `offset`), as a raw response: an
/// `ArrayBuffer` on the JS side, viewed from memory. At most 32 MiB per call.
#[tauri::command]
pub async fn evidence_read<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    offset: Option<u64>,
    length: Option<u64>,
) -> CmdResult<Response> {
    let bytes = blocking(app, move |s| {
        s.evidence_read(id, offset.unwrap_or(0), length)
    })
    .await?;
    Ok(Response::new(bytes))
}

#[tauri::command]
pub async fn evidence_delete<R: Runtime>(app: AppHandle<R>, id: i64) -> CmdResult<()> {
    blocking(app, move |s| s.evidence_delete(id)).await
}

#[tauri::command]
pub async fn evidence_upload_begin<R: Runtime>(
    app: AppHandle<R>,
    req: EvidenceUploadBegin,
) -> CmdResult<EvidenceUpload> {
    blocking(app, move |s| s.evidence_upload_begin(&req)).await
}

/// One part of an upload: the raw body (at most 4 MiB) and `EvidenceChunkArgs` in the
/// `x-evidence-args` header. Returns the bytes received so far.
#[tauri::command]
pub async fn evidence_upload_chunk<R: Runtime>(
    app: AppHandle<R>,
    request: Request<'_>,
) -> CmdResult<u64> {
    let (args, bytes): (EvidenceChunkArgs, _) = raw_body_and_args(&request, EVIDENCE_ARGS_HEADER)?;
    blocking(app, move |s| {
        s.evidence_upload_chunk(args.upload_id, args.offset, &bytes)
    })
    .await
}

#[tauri::command]
pub async fn evidence_upload_finish<R: Runtime>(
    app: AppHandle<R>,
    upload_id: i64,
) -> CmdResult<Evidence> {
    blocking(app, move |s| s.evidence_upload_finish(upload_id)).await
}

#[tauri::command]
pub async fn evidence_upload_cancel<R: Runtime>(
    app: AppHandle<R>,
    upload_id: i64,
) -> CmdResult<()> {
    blocking(app, move |s| s.evidence_upload_cancel(upload_id)).await
}

/// Save a NOT encrypted copy (the UI warns first): the native save dialog is opened here, so the
/// UI never names a path; the file is streamed from the vault through a temporary name. `None`
/// when the user cancelled.
#[tauri::command]
pub async fn evidence_save_copy<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
) -> CmdResult<Option<String>> {
    let info = blocking(app.clone(), move |s| s.evidence_info(id)).await?;
    let handle = app.clone();
    // The dialog already asked before replacing an existing file.
    save_via_dialog(&app, info.file_name, None, move |path| {
        handle.state::<Session>().evidence_save_copy(id, path, true)
    })
    .await
}
