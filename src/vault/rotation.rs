//! Crash-safe key rotation bookkeeping.
//!
//! A rotation writes `keys/rotation.pending` (the new key's check value: a truncated SHA-256 of
//! the key, which reveals nothing about a 256-bit random key), then the new key files as
//! `*.age.new`, then rekeys the database in one transaction, then renames the new key files into
//! place and removes the marker. Whatever the moment of a crash, the next successful unlock knows
//! which key the database is under and [`settle`]s: it finishes the renames if the database
//! already uses the new key, or discards the new files if it does not.
//!
//! Settling also removes temporary files that [`fsutil::atomic_write`] (and the backup snapshot)
//! leave behind when the process dies between creating the temporary file and renaming it:
//! `.NAME.<16 hex digits>.tmp` in `keys/` and in the vault folder itself. One of them can hold the
//! data key wrapped to a passphrase the user was moving away from, so it must not survive. Only
//! names of exactly that shape are touched, and only while the vault lock is held.

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
    remove_stale_temp_files(layout);
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

/// Whether `name` is one of our temporary names: `.NAME.<16 lowercase hex digits>.tmp`, the shape
/// [`fsutil::temp_sibling`] makes.
pub fn is_our_temp_name(name: &str) -> bool {
    let Some(inner) = name
        .strip_prefix('.')
        .and_then(|rest| rest.strip_suffix(".tmp"))
    else {
        return false;
    };
    let Some((base, rand)) = inner.rsplit_once('.') else {
        return false;
    };
    !base.is_empty()
        && rand.len() == 16
        && rand
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Remove the temporary files an interrupted atomic write left in `keys/` and the vault folder.
/// Called with the vault lock held, so no write of ours is under way. Best effort: a file that
/// cannot be removed does not keep the organizer out of the vault (it is tried again next time).
pub fn remove_stale_temp_files(layout: &Layout) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    for dir in [layout.keys(), layout.root.clone()] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let is_file = entry.file_type().map(|t| t.is_file()).unwrap_or(false);
            let name = entry.file_name();
            if is_file
                && name.to_str().is_some_and(is_our_temp_name)
                && std::fs::remove_file(entry.path()).is_ok()
            {
                removed.push(entry.path());
            }
        }
        if !removed.is_empty() {
            let _ = fsutil::sync_parent(&dir.join("x"));
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    //! Every moment a rotation can be cut off at, replayed by hand on a real vault.

    use super::*;
    use crate::vault::{connection, keyfile, CreateOptions, Kdf, Unlock, Vault};
    use secrecy::SecretString;
    use std::path::Path;

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

    #[test]
    fn temp_names_are_recognised_exactly() {
        let made = fsutil::temp_sibling(Path::new("/v/keys/passphrase.age"));
        let made = made.file_name().unwrap().to_str().unwrap();
        assert!(is_our_temp_name(made), "{made}");
        assert!(is_our_temp_name(".vault.db.0123456789abcdef.tmp"));
        for other in [
            "passphrase.age",
            "passphrase.age.new",
            ".passphrase.age.tmp",
            "..0123456789abcdef.tmp",
            ".passphrase.age.0123456789abcde.tmp",
            ".passphrase.age.0123456789ABCDEF.tmp",
            "notes.0123456789abcdef.tmp",
            ".passphrase.age.0123456789abcdef.tmp.keep",
        ] {
            assert!(!is_our_temp_name(other), "{other}");
        }
    }

    /// A passphrase change killed between writing its temporary file and the rename leaves the
    /// data key wrapped to that passphrase behind; the next unlock removes it (and only it).
    #[test]
    fn unlock_removes_temp_files_left_by_an_interrupted_write() {
        let (_d, layout, _recovery, key) = setup();
        let abandoned = SecretString::from("quiet lantern orchard 19 pepper".to_string());
        let planted = fsutil::temp_sibling(&layout.passphrase_key());
        std::fs::write(
            &planted,
            keyfile::wrap_with_passphrase(&key, &abandoned, 18).unwrap(),
        )
        .unwrap();
        let snapshot = fsutil::temp_sibling(&layout.db());
        std::fs::write(&snapshot, b"half a snapshot").unwrap();
        let kept = [
            layout.keys().join("notes.txt"),
            layout.keys().join(".passphrase.age.tmp"),
            layout.root.join("README.0123456789abcdef.tmp"),
        ];
        for k in &kept {
            std::fs::write(k, b"not ours").unwrap();
        }
        let v = Vault::unlock(&layout.root, &pass()).unwrap();
        assert!(
            !planted.exists(),
            "{} survived the unlock",
            planted.display()
        );
        assert!(
            !snapshot.exists(),
            "{} survived the unlock",
            snapshot.display()
        );
        for k in &kept {
            assert!(k.exists(), "{} was removed", k.display());
        }
        drop(v);
        // The abandoned passphrase opens nothing now.
        assert!(matches!(
            Vault::unlock(&layout.root, &abandoned),
            Err(Error::WrongPassphrase)
        ));
    }
}
