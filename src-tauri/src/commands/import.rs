//! Commands over `fieldbook::api::import`: preview and apply an import of the employer's list.
//!
//! The file's bytes are the raw request body (`invoke(cmd, uint8Array, { headers })`), so a large
//! list is not turned into a JSON array of numbers; the other arguments are ASCII-only JSON in the
//! `x-import-args` header. No path crosses, nothing is written to disk. Translation only.

use super::{blocking, raw_body_and_args, CmdResult};
use fieldbook::api::import::{ImportApplyArgs, ImportDraft, ImportPreviewArgs, ARGS_HEADER};
use fieldbook::import::ImportSummary;
use tauri::ipc::Request;
use tauri::{AppHandle, Runtime};

#[tauri::command]
pub async fn import_preview<R: Runtime>(
    app: AppHandle<R>,
    request: Request<'_>,
) -> CmdResult<ImportDraft> {
    let (args, bytes): (ImportPreviewArgs, _) = raw_body_and_args(&request, ARGS_HEADER)?;
    blocking(app, move |s| {
        s.import_preview(args.campaign_id, &args.file_name, &bytes, &args.overrides)
    })
    .await
}

#[tauri::command]
pub async fn import_apply<R: Runtime>(
    app: AppHandle<R>,
    request: Request<'_>,
) -> CmdResult<ImportSummary> {
    let (args, bytes): (ImportApplyArgs, _) = raw_body_and_args(&request, ARGS_HEADER)?;
    blocking(app, move |s| {
        s.import_apply(
            args.campaign_id,
            &args.file_name,
            &bytes,
            &args.mapping,
            &args.choices,
        )
    })
    .await
}
