//! Getting data out of the vault safely: encrypted backups and their restore, and (with the
//! incidents and affidavits) the bundle for counsel. Everything that leaves is an age file,
//! written as a stream straight to `NAME.part` in the destination folder, fsynced and renamed when
//! complete: no plaintext temporary file ever exists, memory stays flat, and a cancel or a failure
//! leaves nothing behind.
//!
//! - [`recipients`]: who can open what we write (X25519 `age1…`, SSH ed25519/RSA, or a passphrase);
//! - [`sink`]: the `.part` → age (→ ASCII armor) → rename pipeline, with progress and cancel;
//! - [`tarball`]: streaming tar entries that hash themselves into a [`manifest::Manifest`];
//! - [`open`]: the reverse: decrypt an age file with an identity file or a passphrase;
//! - [`backup`] / [`restore`]: the whole vault from a consistent snapshot, and back into a new
//!   folder, verified before it is offered;
//! - [`keybook`]: counsel's public keys, remembered by name inside the vault.

pub mod backup;
pub mod bundle;
pub mod keybook;
pub mod manifest;
pub mod open;
pub mod recipients;
pub mod redacted;
pub mod restore;
pub mod sink;
pub mod tarball;
pub mod verify;

use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use ts_rs::TS;

/// Progress of a running export or backup, as the window receives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ExportProgress {
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// How a long export reports progress and learns it was cancelled.
pub struct Progress<'a> {
    cancel: Option<&'a AtomicBool>,
    on_bytes: Option<&'a (dyn Fn(u64, u64) + Sync)>,
    /// Bytes expected in all (0 when unknown).
    pub total: u64,
}

impl<'a> Progress<'a> {
    /// No progress reports and no cancel.
    pub fn none() -> Progress<'static> {
        Progress {
            cancel: None,
            on_bytes: None,
            total: 0,
        }
    }

    pub fn new(cancel: &'a AtomicBool, on_bytes: &'a (dyn Fn(u64, u64) + Sync)) -> Self {
        Progress {
            cancel: Some(cancel),
            on_bytes: Some(on_bytes),
            total: 0,
        }
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }

    pub fn report(&self, done: u64) {
        if let Some(f) = self.on_bytes {
            f(done, self.total);
        }
    }
}
