//! Commands over `fieldbook::api::Session` for the vault.

use super::{blocking, CmdResult};
use fieldbook::api::{CreateVaultRequest, CreatedVault, Session};
use fieldbook::strength::PassphraseStrength;
use fieldbook::vault::{Unlock, VaultInfo, VerifyReport};
use fieldbook::{AppError, SecretString};
use std::path::PathBuf;
use tauri::{AppHandle, Runtime, State};

#[tauri::command]
pub async fn vault_create<R: Runtime>(
    app: AppHandle<R>,
    req: CreateVaultRequest,
) -> CmdResult<CreatedVault> {
    blocking(app, move |s| s.create(req)).await
}

/// Like `vault_create`, then fills the new vault with the synthetic demo campaign.
#[tauri::command]
pub async fn vault_create_demo<R: Runtime>(
    app: AppHandle<R>,
    req: CreateVaultRequest,
) -> CmdResult<CreatedVault> {
    blocking(app, move |s| s.create_demo(req)).await
}

#[tauri::command]
pub async fn vault_unlock<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    passphrase: SecretString,
) -> CmdResult<VaultInfo> {
    blocking(app, move |s| {
        s.unlock(&PathBuf::from(path), Unlock::Passphrase(&passphrase))
    })
    .await
}

#[tauri::command]
pub fn vault_lock(session: State<'_, Session>) -> CmdResult<()> {
    session.lock().map_err(AppError::from)
}

#[tauri::command]
pub fn vault_status(session: State<'_, Session>) -> CmdResult<Option<VaultInfo>> {
    session.status().map_err(AppError::from)
}

#[tauri::command]
pub async fn vault_verify<R: Runtime>(app: AppHandle<R>) -> CmdResult<VerifyReport> {
    blocking(app, |s| s.verify()).await
}

#[tauri::command]
pub async fn vault_change_passphrase<R: Runtime>(
    app: AppHandle<R>,
    current: SecretString,
    next: SecretString,
) -> CmdResult<()> {
    blocking(app, move |s| s.change_passphrase(&current, &next)).await
}

#[tauri::command]
pub async fn vault_rotate_key<R: Runtime>(
    app: AppHandle<R>,
    passphrase: SecretString,
) -> CmdResult<VaultInfo> {
    blocking(app, move |s| s.rotate_key(&passphrase)).await
}

#[tauri::command]
pub fn passphrase_strength(
    session: State<'_, Session>,
    passphrase: SecretString,
) -> PassphraseStrength {
    session.passphrase_strength(&passphrase)
}
