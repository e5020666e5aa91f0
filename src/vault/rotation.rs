//! Crash-safe key rotation bookkeeping.
//!
//! A rotation writes `keys/rotation.pending` (the new key's check value: a truncated SHA-256 of
//! the key, which reveals nothing about a 256-bit random key), then the new key files as
//! `*.age.new`, then rekeys the database in one transaction, then renames the new key files into
//! place and removes the marker. Whatever the moment of a crash, the next successful unlock knows
//! which key the database is under and [`settle`]s: it finishes the renames if the database
//! already uses the new key, or discards the new files if it does not.

use super::key::DataKey;
use super::layout::Layout;
use crate::error::{Error, Result};
use crate::fsutil;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

const MARKER: &str = "rotation.pending";

pub fn check_value(key: &DataKey) -> String {
    let mut h = Sha256::new();
    h.update(b"fieldbook key check v1\0");
    h.update(key.to_hex().as_bytes());
    hex::encode(&h.finalize()[..16])
}

fn marker(layout: &Layout) -> PathBuf {
    layout.keys().join(MARKER)
}

fn key_files(layout: &Layout) -> [PathBuf; 2] {
    [layout.recovery_key(), layout.passphrase_key()]
}

/// Record that a rotation to `new_key` is under way (before any new key file is written).
pub fn begin(layout: &Layout, new_key: &DataKey) -> Result<()> {
    fsutil::atomic_write(&marker(layout), check_value(new_key).as_bytes())
}

/// After the database was opened with `current`: finish or discard an interrupted rotation.
pub fn settle(layout: &Layout, current: &DataKey) -> Result<()> {
    let marker = marker(layout);
    let expected = match std::fs::read_to_string(&marker) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // No rotation under way: stray `.new` files (none expected) are dropped.
            for path in key_files(layout) {
                let _ = std::fs::remove_file(Layout::pending(&path));
            }
            return Ok(());
        }
        Err(e) => return Err(Error::io("read", &marker, e)),
    };
    if expected.trim() == check_value(current) {
        // The database is under the new key: the new key files are the right ones.
        for path in key_files(layout) {
            let pending = Layout::pending(&path);
            if pending.exists() {
                std::fs::rename(&pending, &path).map_err(|e| Error::io("replace", &path, e))?;
            }
        }
    } else {
        for path in key_files(layout) {
            let pending = Layout::pending(&path);
            if pending.exists() {
                std::fs::remove_file(&pending).map_err(|e| Error::io("remove", &pending, e))?;
            }
        }
    }
    fsutil::sync_parent(&layout.passphrase_key())?;
    std::fs::remove_file(&marker).map_err(|e| Error::io("remove", &marker, e))?;
    fsutil::sync_parent(&marker)
}
