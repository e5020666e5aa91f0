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

#[cfg(test)]
mod tests {
    //! Every moment a rotation can be cut off at, replayed by hand on a real vault.

    use super::*;
    use crate::vault::{connection, keyfile, CreateOptions, Kdf, Unlock, Vault};
    use secrecy::SecretString;

    const PASS: &str = "violet tractor molasses 42 harbor";

    fn pass() -> SecretString {
        SecretString::from(PASS.to_string())
    }

    /// A vault, its layout, its recovery identity and its current key.
    fn setup() -> (tempfile::TempDir, Layout, SecretString, DataKey) {
        let dir = tempfile::tempdir().unwrap();
        let options = CreateOptions {
            kdf: Kdf::Fixed(18),
            with_recovery_key: true,
        };
        let (vault, recovery) = Vault::create(dir.path(), "R", &pass(), options).unwrap();
        vault
            .conn()
            .execute(
                "INSERT INTO campaign (name, created_at) VALUES ('kept', 'now')",
                [],
            )
            .unwrap();
        let key = vault.key.clone();
        vault.lock().unwrap();
        let layout = Layout::new(dir.path().join("R.fieldbook"));
        (dir, layout, recovery.unwrap(), key)
    }

    /// Steps 1–2 of a rotation: marker and new key files.
    fn prepare(layout: &Layout) -> DataKey {
        let new_key = DataKey::generate();
        begin(layout, &new_key).unwrap();
        keyfile::write(
            &Layout::pending(&layout.passphrase_key()),
            &keyfile::wrap_with_passphrase(&new_key, &pass(), 18).unwrap(),
        )
        .unwrap();
        new_key
    }

    fn rekey_db(layout: &Layout, old: &DataKey, new: &DataKey) {
        let conn = connection::open_existing(&layout.db(), old).unwrap();
        connection::rekey(&conn, new).unwrap();
    }

    fn assert_opens_with_both(layout: &Layout, recovery: &SecretString, key: &DataKey) {
        for how in [Unlock::Passphrase(&pass()), Unlock::RecoveryKey(recovery)] {
            let v = Vault::unlock_with(&layout.root, how).unwrap();
            assert_eq!(&v.key, key);
            let kept: String = v
                .conn()
                .query_row("SELECT name FROM campaign", [], |r| r.get(0))
                .unwrap();
            assert_eq!(kept, "kept");
        }
        assert!(!marker(layout).exists());
        for p in key_files(layout) {
            assert!(!Layout::pending(&p).exists());
        }
    }

    #[test]
    fn cut_off_before_the_rekey_keeps_the_old_key() {
        let (_d, layout, recovery, old) = setup();
        let _new = prepare(&layout);
        assert_opens_with_both(&layout, &recovery, &old);
    }

    #[test]
    fn cut_off_after_the_rekey_finishes_with_the_passphrase() {
        let (_d, layout, recovery, old) = setup();
        let new = prepare(&layout);
        let recipient = {
            let conn = connection::open_existing(&layout.db(), &old).unwrap();
            conn.query_row(
                "SELECT value FROM vault_meta WHERE key='recovery_recipient'",
                [],
                |r| r.get::<_, String>(0),
            )
            .unwrap()
        };
        keyfile::write(
            &Layout::pending(&layout.recovery_key()),
            &keyfile::wrap_with_recipient(&new, &recipient).unwrap(),
        )
        .unwrap();
        rekey_db(&layout, &old, &new);
        assert_opens_with_both(&layout, &recovery, &new);
    }

    #[test]
    fn cut_off_between_the_renames_finishes_with_the_recovery_key() {
        let (_d, layout, recovery, old) = setup();
        let new = prepare(&layout);
        let recipient = {
            let conn = connection::open_existing(&layout.db(), &old).unwrap();
            conn.query_row(
                "SELECT value FROM vault_meta WHERE key='recovery_recipient'",
                [],
                |r| r.get::<_, String>(0),
            )
            .unwrap()
        };
        // The recovery key file was already renamed into place; the passphrase one was not.
        keyfile::write(
            &layout.recovery_key(),
            &keyfile::wrap_with_recipient(&new, &recipient).unwrap(),
        )
        .unwrap();
        rekey_db(&layout, &old, &new);
        // Unlock with the recovery key first: the pending passphrase file must be kept and used.
        let v = Vault::unlock_with(&layout.root, Unlock::RecoveryKey(&recovery)).unwrap();
        drop(v);
        assert_opens_with_both(&layout, &recovery, &new);
    }
}
