//! Commands over `fieldbook::api::import`: preview and apply an import of the employer's list.
//!
//! The file's bytes are the raw request body (`invoke(cmd, uint8Array, { headers })`), so a large
//! list is not turned into a JSON array of numbers; the other arguments are ASCII-only JSON in the
//! `x-import-args` header. No path crosses, nothing is written to disk. Translation only.

use super::{blocking, CmdResult};
use fieldbook::api::import::{
    parse_args, ImportApplyArgs, ImportDraft, ImportPreviewArgs, ARGS_HEADER,
};
use fieldbook::import::ImportSummary;
use fieldbook::{AppError, Error};
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Runtime};

/// The raw body and the JSON arguments of an import request.
fn unpack<T: serde::de::DeserializeOwned>(request: &Request<'_>) -> CmdResult<(T, Vec<u8>)> {
    let header = request
        .headers()
        .get(ARGS_HEADER)
        .map(|v| v.to_str())
        .transpose()
        .map_err(|_| {
            AppError::from(Error::InvalidInput(format!(
                "The {ARGS_HEADER} header must be ASCII JSON."
            )))
        })?;
    let args = parse_args(header)?;
    match request.body() {
        // The bytes are copied once: the work runs off the main thread and must own them.
        InvokeBody::Raw(bytes) => Ok((args, bytes.clone())),
        InvokeBody::Json(_) => Err(AppError::from(Error::InvalidInput(
            "The file must be sent as the raw request body.".into(),
        ))),
    }
}

#[tauri::command]
pub async fn import_preview<R: Runtime>(
    app: AppHandle<R>,
    request: Request<'_>,
) -> CmdResult<ImportDraft> {
    let (args, bytes): (ImportPreviewArgs, _) = unpack(&request)?;
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
    let (args, bytes): (ImportApplyArgs, _) = unpack(&request)?;
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
