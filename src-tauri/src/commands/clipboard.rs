//! Copying a phone number, an e-mail or a hash to the system clipboard, from Rust rather than the
//! WebView, so that:
//! - clipboard managers are told not to record it (Linux: the `x-kde-passwordManagerHint` type
//!   that KDE Klipper, GNOME extensions and most X11/Wayland managers honour; Windows: "exclude
//!   from monitoring", which keeps it out of the clipboard history and the cloud clipboard;
//!   macOS: the `org.nspasteboard.ConcealedType` convention);
//! - it leaves the clipboard after [`CLEAR_AFTER`], on lock and on exit, but only if the
//!   clipboard still holds what we put there (a later copy by the user is never wiped).
//!
//! Where no clipboard can be reached (no display, a headless session) the command fails with a
//! [`ClipboardError`] the UI shows; nothing else is affected.

use super::CmdResult;
use fieldbook::{AppError, ErrorCode, ExposeSecret, SecretString};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime, State};
use zeroize::Zeroizing;

/// How long a copied value stays on the clipboard.
pub const CLEAR_AFTER: Duration = Duration::from_secs(10);

/// Room for a phone number, an e-mail address, a SHA-256 hash or the export's verification steps
/// for counsel (a few lines): the command is not a general way to move text out of the vault.
pub const MAX_COPY_CHARS: usize = 4096;

/// Why a copy failed.
#[derive(Debug, thiserror::Error)]
pub enum ClipboardError {
    /// No clipboard could be opened or written (no display server, a headless session, another
    /// program holding it). The detail comes from the platform and names no copied value.
    #[error("The clipboard is not available: {0}")]
    Unavailable(String),
    #[error("There is nothing to copy.")]
    Empty,
    #[error("Only a short text (a phone number, an e-mail address, a hash) can be copied.")]
    TooLong,
}

impl From<ClipboardError> for AppError {
    fn from(e: ClipboardError) -> Self {
        let code = match e {
            ClipboardError::Unavailable(_) => ErrorCode::Io,
            ClipboardError::Empty | ClipboardError::TooLong => ErrorCode::InvalidInput,
        };
        AppError {
            code,
            message: e.to_string(),
        }
    }
}

fn unavailable(e: arboard::Error) -> ClipboardError {
    // arboard's messages describe the platform's failure, never the text.
    ClipboardError::Unavailable(e.to_string())
}

#[derive(Default)]
struct Inner {
    /// Kept open for the app's lifetime: on X11 and Wayland the owner serves the contents, and a
    /// closed clipboard with the "do not record" hint gives up ownership (the value disappears).
    board: Option<arboard::Clipboard>,
    /// What we last put there, to compare before clearing; wiped when dropped.
    ours: Option<Zeroizing<String>>,
    /// Counts copies, so that a copy's timer does not clear a later copy early.
    generation: u64,
}

/// The clipboard as the app uses it (managed state).
#[derive(Default)]
pub struct ClipboardState {
    inner: Mutex<Inner>,
}

impl ClipboardState {
    fn inner(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Put `text` on the clipboard with the platform's "do not record" hints. Returns the copy's
    /// generation, for [`ClipboardState::clear_if_ours`].
    pub fn copy(&self, text: &str) -> Result<u64, ClipboardError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ClipboardError::Empty);
        }
        if text.chars().count() > MAX_COPY_CHARS {
            return Err(ClipboardError::TooLong);
        }
        let mut inner = self.inner();
        if inner.board.is_none() {
            inner.board = Some(arboard::Clipboard::new().map_err(unavailable)?);
        }
        let Some(board) = inner.board.as_mut() else {
            return Err(ClipboardError::Unavailable("not opened".into()));
        };
        if let Err(e) = set_text_unrecorded(board, text) {
            // Try a fresh connection next time (the display may have come back).
            inner.board = None;
            return Err(unavailable(e));
        }
        inner.ours = Some(Zeroizing::new(text.to_owned()));
        inner.generation += 1;
        Ok(inner.generation)
    }

    /// Clear the clipboard if it still holds what we copied: the copy of `generation`, or with
    /// `None` whatever we copied last (lock, exit). Returns true when it cleared something.
    pub fn clear_if_ours(&self, generation: Option<u64>) -> bool {
        let mut inner = self.inner();
        if generation.is_some_and(|g| g != inner.generation) {
            return false;
        }
        let Some(ours) = inner.ours.take() else {
            return false;
        };
        let Some(board) = inner.board.as_mut() else {
            return false;
        };
        let holds_ours = match board.get_text() {
            Ok(now) => *Zeroizing::new(now) == *ours,
            // Unreadable now (another owner with another type, or gone): not ours to clear.
            Err(_) => false,
        };
        holds_ours && board.clear().is_ok()
    }
}

#[cfg(target_os = "linux")]
fn set_text_unrecorded(board: &mut arboard::Clipboard, text: &str) -> Result<(), arboard::Error> {
    use arboard::SetExtLinux;
    board.set().exclude_from_history().text(text)
}

#[cfg(windows)]
fn set_text_unrecorded(board: &mut arboard::Clipboard, text: &str) -> Result<(), arboard::Error> {
    use arboard::SetExtWindows;
    // Covers both the clipboard history and the cloud clipboard.
    board.set().exclude_from_monitoring().text(text)
}

#[cfg(target_os = "macos")]
fn set_text_unrecorded(board: &mut arboard::Clipboard, text: &str) -> Result<(), arboard::Error> {
    use arboard::SetExtApple;
    board.set().exclude_from_history().text(text)
}

#[cfg(not(any(target_os = "linux", windows, target_os = "macos")))]
fn set_text_unrecorded(board: &mut arboard::Clipboard, text: &str) -> Result<(), arboard::Error> {
    board.set_text(text)
}

/// Copy a short value (phone, e-mail, hash); it is cleared after [`CLEAR_AFTER`] if the
/// clipboard still holds it, and on lock and exit.
#[tauri::command]
pub fn clipboard_copy<R: Runtime>(
    app: AppHandle<R>,
    clipboard: State<'_, ClipboardState>,
    text: SecretString,
) -> CmdResult<()> {
    let generation = clipboard.copy(text.expose_secret())?;
    std::thread::spawn(move || {
        std::thread::sleep(CLEAR_AFTER);
        app.state::<ClipboardState>()
            .clear_if_ours(Some(generation));
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_and_long_values_before_touching_the_clipboard() {
        let state = ClipboardState::default();
        assert!(matches!(state.copy("   "), Err(ClipboardError::Empty)));
        let long = "5".repeat(MAX_COPY_CHARS + 1);
        assert!(matches!(state.copy(&long), Err(ClipboardError::TooLong)));
        assert!(state.inner().board.is_none());
        let e = AppError::from(ClipboardError::TooLong);
        assert_eq!(e.code, ErrorCode::InvalidInput);
    }

    /// With a display (CI runs under Xvfb) the real clipboard is written, read back and cleared;
    /// without one the copy fails soft with `Unavailable` (code `io`), which the UI shows.
    #[test]
    fn copies_then_clears_only_its_own_value() {
        let state = ClipboardState::default();
        let first = match state.copy(" +1 555 0100 ") {
            Ok(g) => g,
            Err(ClipboardError::Unavailable(msg)) => {
                let e = AppError::from(ClipboardError::Unavailable(msg));
                assert_eq!(e.code, ErrorCode::Io);
                assert!(!e.message.contains("555"));
                eprintln!("no clipboard here: the fail-soft path was checked instead");
                return;
            }
            Err(e) => panic!("unexpected {e}"),
        };
        let read = |s: &ClipboardState| s.inner().board.as_mut().and_then(|b| b.get_text().ok());
        assert_eq!(read(&state).as_deref(), Some("+1 555 0100"));

        // A later copy: the first copy's timer leaves it alone.
        let second = state.copy("ana@example.org").unwrap();
        assert!(!state.clear_if_ours(Some(first)));
        assert_eq!(read(&state).as_deref(), Some("ana@example.org"));
        assert!(state.clear_if_ours(Some(second)));
        assert_ne!(read(&state).as_deref(), Some("ana@example.org"));

        // Something the user copied afterwards (here: set without our bookkeeping) is not wiped.
        state.copy("3f2a").unwrap();
        if let Some(b) = state.inner().board.as_mut() {
            b.set_text("the user's own text").unwrap();
        }
        assert!(!state.clear_if_ours(None));
        assert_eq!(read(&state).as_deref(), Some("the user's own text"));

        // Lock/exit: whatever we copied last goes.
        state.copy("e3b0c442").unwrap();
        assert!(state.clear_if_ours(None));
        assert!(!state.clear_if_ours(None), "nothing left to clear");
    }
}
