//! Commands over `fieldbook::api::Session` for the vault.

use super::clipboard::ClipboardState;
use super::{blocking, CmdResult};
use fieldbook::api::{CreateVaultRequest, CreatedVault, Session};
use fieldbook::strength::PassphraseStrength;
use fieldbook::vault::{Unlock, VaultInfo, VerifyReport};
use fieldbook::{AppError, SecretString};
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};

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

/// Lock: checkpoint, close, wipe the key; and take a copied phone/e-mail/hash off the clipboard.
#[tauri::command]
pub fn vault_lock(
    session: State<'_, Session>,
    clipboard: State<'_, ClipboardState>,
) -> CmdResult<()> {
    clipboard.clear_if_ours(None);
    session.lock().map_err(AppError::from)
}

/// The UI's ear for locks that start outside the window (the global quick-lock shortcut, sleep
/// and screen lock: see `os_lock`).
#[derive(Default)]
pub struct LockWatch {
    channel: Mutex<Option<Channel<String>>>,
}

impl LockWatch {
    /// Tell the UI to lock; false when no UI listens or it cannot be reached.
    fn notify(&self, reason: &str) -> bool {
        let slot = self.channel.lock().unwrap_or_else(|p| p.into_inner());
        slot.as_ref()
            .is_some_and(|ch| ch.send(reason.to_string()).is_ok())
    }
}

/// The UI registers once at start; a lock from outside then sends its reason on `on_lock`:
/// `"shortcut"`, `"sleep"` or `"screen-lock"`.
#[tauri::command]
pub fn vault_lock_watch(watch: State<'_, LockWatch>, on_lock: Channel<String>) {
    *watch.channel.lock().unwrap_or_else(|p| p.into_inner()) = Some(on_lock);
}

/// The global quick-lock (Ctrl+Alt+L, Cmd+Option+L), with the reason `"shortcut"`.
pub fn quick_lock<R: Runtime>(app: &AppHandle<R>) {
    lock_from_outside(app, "shortcut");
}

/// A lock that starts outside the window (the global quick-lock, the computer going to sleep, the
/// screen locking): the clipboard is cleared at once; the UI is asked, with `reason`, to lock the
/// way its Lock button does (an open draft is saved first, every screen's state is dropped, then
/// `vault_lock`); when no UI can be reached the session is locked here. True when the UI was
/// asked (it locks a moment later), false when the session was locked here.
pub fn lock_from_outside<R: Runtime>(app: &AppHandle<R>, reason: &str) -> bool {
    app.state::<ClipboardState>().clear_if_ours(None);
    if app.state::<LockWatch>().notify(reason) {
        return true;
    }
    let _ = app.state::<Session>().lock();
    false
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

#[cfg(test)]
mod tests {
    use super::LockWatch;
    use std::sync::{Arc, Mutex};
    use tauri::ipc::{Channel, InvokeResponseBody};

    #[test]
    fn the_quick_lock_reaches_the_ui_only_once_it_listens() {
        let watch = LockWatch::default();
        assert!(
            !watch.notify("shortcut"),
            "no UI yet: the caller locks itself"
        );

        let heard = Arc::new(Mutex::new(Vec::<String>::new()));
        let sink = heard.clone();
        let channel: Channel<String> = Channel::new(move |body| {
            if let InvokeResponseBody::Json(json) = body {
                sink.lock().unwrap().push(json);
            }
            Ok(())
        });
        *watch.channel.lock().unwrap() = Some(channel);
        assert!(watch.notify("shortcut"));
        assert_eq!(*heard.lock().unwrap(), ["\"shortcut\""]);

        // A UI that cannot be reached any more counts as not listening.
        let gone: Channel<String> =
            Channel::new(|_| Err(tauri::Error::AssetNotFound("the window is gone".into())));
        *watch.channel.lock().unwrap() = Some(gone);
        assert!(!watch.notify("shortcut"));
    }
}
