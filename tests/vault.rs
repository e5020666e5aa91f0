//! The vault on real files: round trip, encryption at rest, bad passphrases and damaged files,
//! passphrase change, key rotation, recovery, schema versions.

mod common;

use common::*;
use fieldbook::vault::{keyfile, layout, schema, Unlock, Vault};
use fieldbook::{Error, ErrorCode};
use std::fs;

#[test]
fn round_trip_survives_lock_and_unlock() {
    let (dir, vault, _) = new_vault(false);
    write_canary(&vault);
    let info = vault.info().unwrap();
    assert_eq!(info.name, "Test");
    assert_eq!(info.schema_version, schema::LATEST);
    assert!(
        info.cipher_version.starts_with('4'),
        "SQLCipher 4, got {}",
        info.cipher_version
    );
    assert_eq!(info.kdf_work_factor, 18);
    assert!(!info.has_recovery_key);
    vault.lock().unwrap();

    // Lock checkpointed and truncated the WAL: everything is in vault.db.
    let wal = vault_path(&dir).join("vault.db-wal");
    assert!(!wal.exists() || fs::metadata(&wal).unwrap().len() == 0);

    let vault = Vault::unlock(&vault_path(&dir), &secret(PASS)).unwrap();
    assert_eq!(read_canary(&vault), CANARY);
    assert_eq!(vault.info().unwrap().vault_id, info.vault_id);
    let settings: (String, i64, i64, i64, i64) = vault
        .conn()
        .query_row(
            "SELECT (SELECT journal_mode FROM pragma_journal_mode), (SELECT synchronous FROM pragma_synchronous),
                    (SELECT secure_delete FROM pragma_secure_delete), (SELECT foreign_keys FROM pragma_foreign_keys),
                    (SELECT temp_store FROM pragma_temp_store)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(settings, ("wal".to_string(), 2, 1, 1, 2));
    assert!(vault.verify().unwrap().ok);
}

#[test]
fn the_file_is_not_plain_sqlite_and_holds_no_plaintext() {
    let (dir, vault, _) = new_vault(true);
    write_canary(&vault);
    vault.lock().unwrap();

    for (name, _) in snapshot(&vault_path(&dir)) {
        let bytes = fs::read(vault_path(&dir).join(&name)).unwrap();
        assert!(
            !contains(&bytes, CANARY.as_bytes()),
            "{name} holds the canary in plaintext"
        );
        assert!(
            !contains(&bytes, b"SQLite format 3"),
            "{name} has a plain SQLite header"
        );
        assert!(
            !contains(&bytes, b"CREATE TABLE"),
            "{name} holds schema text in plaintext"
        );
    }
    // Plain SQLite (no key) cannot read it.
    let plain = rusqlite::Connection::open(vault_path(&dir).join("vault.db")).unwrap();
    let err = plain.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    });
    assert!(err.is_err(), "read without a key");
}

#[test]
fn wrong_passphrase_is_refused_and_writes_nothing() {
    let (dir, vault, _) = new_vault(false);
    write_canary(&vault);
    vault.lock().unwrap();
    let before = snapshot(&vault_path(&dir));
    let err = Vault::unlock(&vault_path(&dir), &secret("not the passphrase at all")).unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "{err:?}");
    assert_eq!(err.code(), ErrorCode::WrongPassphrase);
    assert_eq!(snapshot(&vault_path(&dir)), before);
}

#[test]
fn passphrase_change_rewraps_without_rewriting_data() {
    let (dir, vault, _) = new_vault(false);
    write_canary(&vault);
    vault.lock().unwrap();
    let db_before = snapshot(&vault_path(&dir))["vault.db"].clone();

    let vault = Vault::unlock(&vault_path(&dir), &secret(PASS)).unwrap();
    assert!(matches!(
        vault.change_passphrase(&secret("a wrong current passphrase"), &secret(NEW_PASS)),
        Err(Error::WrongPassphrase)
    ));
    vault
        .change_passphrase(&secret(PASS), &secret(NEW_PASS))
        .unwrap();
    // A weak new passphrase is refused.
    assert!(matches!(
        vault.set_passphrase(&secret("password"), fieldbook::vault::Kdf::Fixed(18)),
        Err(Error::WeakPassphrase(_))
    ));
    vault.lock().unwrap();

    assert_eq!(
        snapshot(&vault_path(&dir))["vault.db"],
        db_before,
        "the database was rewritten"
    );
    assert!(matches!(
        Vault::unlock(&vault_path(&dir), &secret(PASS)),
        Err(Error::WrongPassphrase)
    ));
    let vault = Vault::unlock(&vault_path(&dir), &secret(NEW_PASS)).unwrap();
    assert_eq!(read_canary(&vault), CANARY);
    // No temporary file is left behind.
    let keys: Vec<_> = fs::read_dir(vault_path(&dir).join("keys"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(keys.len(), 1, "{keys:?}");
}

#[test]
fn key_rotation_reencrypts_and_rewraps_both_key_files() {
    let (dir, mut vault, recovery) = new_vault(true);
    let recovery = recovery.expect("recovery key");
    write_canary(&vault);
    let key_path = vault_path(&dir).join("keys/passphrase.age");
    let old_key = keyfile::unwrap_with_passphrase(
        &keyfile::read(&key_path).unwrap(),
        &secret(PASS),
        &key_path,
    )
    .unwrap();
    let db_before = fs::read(vault_path(&dir).join("vault.db")).unwrap();

    vault.rotate_key(&secret(PASS)).unwrap();
    assert_eq!(read_canary(&vault), CANARY);
    vault.lock().unwrap();

    let new_key = keyfile::unwrap_with_passphrase(
        &keyfile::read(&key_path).unwrap(),
        &secret(PASS),
        &key_path,
    )
    .unwrap();
    assert_ne!(old_key, new_key);
    assert_ne!(
        fs::read(vault_path(&dir).join("vault.db")).unwrap(),
        db_before
    );
    // The old key no longer opens the database.
    let raw = rusqlite::Connection::open(vault_path(&dir).join("vault.db")).unwrap();
    raw.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\";",
        old_key.to_hex().as_str()
    ))
    .unwrap();
    assert!(raw
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r
            .get::<_, i64>(0))
        .is_err());
    drop(raw);
    // Both the passphrase and the recovery key open it.
    let vault = Vault::unlock(&vault_path(&dir), &secret(PASS)).unwrap();
    assert_eq!(read_canary(&vault), CANARY);
    assert!(vault.verify().unwrap().ok);
    vault.lock().unwrap();
    let vault = Vault::unlock_with(&vault_path(&dir), Unlock::RecoveryKey(&recovery)).unwrap();
    assert_eq!(read_canary(&vault), CANARY);
    let leftovers: Vec<_> = fs::read_dir(vault_path(&dir).join("keys"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");
}

#[test]
fn recovery_key_resets_a_forgotten_passphrase() {
    let (dir, vault, recovery) = new_vault(true);
    let recovery = recovery.expect("recovery key");
    assert!(fieldbook::ExposeSecret::expose_secret(&recovery).starts_with("AGE-SECRET-KEY-1"));
    write_canary(&vault);
    vault.lock().unwrap();

    let wrong = age::x25519::Identity::generate().to_string();
    assert!(matches!(
        Vault::unlock_with(&vault_path(&dir), Unlock::RecoveryKey(&wrong)),
        Err(Error::WrongRecoveryKey)
    ));
    let vault = Vault::unlock_with(&vault_path(&dir), Unlock::RecoveryKey(&recovery)).unwrap();
    vault
        .set_passphrase(&secret(NEW_PASS), fieldbook::vault::Kdf::Fixed(18))
        .unwrap();
    vault.lock().unwrap();
    let vault = Vault::unlock(&vault_path(&dir), &secret(NEW_PASS)).unwrap();
    assert_eq!(read_canary(&vault), CANARY);
}

#[test]
fn a_vault_opens_in_one_place_at_a_time() {
    let (dir, vault, _) = new_vault(false);
    let second = Vault::unlock(&vault_path(&dir), &secret(PASS)).unwrap_err();
    assert!(matches!(second, Error::VaultInUse), "{second:?}");
    vault.lock().unwrap();
    Vault::unlock(&vault_path(&dir), &secret(PASS)).unwrap();
}

#[test]
fn missing_and_damaged_key_files_are_told_apart() {
    let (dir, vault, _) = new_vault(false);
    vault.lock().unwrap();
    let key = vault_path(&dir).join("keys/passphrase.age");
    let original = fs::read(&key).unwrap();

    fs::remove_file(&key).unwrap();
    let before = snapshot(&vault_path(&dir));
    assert!(matches!(
        Vault::unlock(&vault_path(&dir), &secret(PASS)),
        Err(Error::KeyFileMissing(_))
    ));
    assert_eq!(snapshot(&vault_path(&dir)), before);

    for damaged in [
        b"not an age file".to_vec(),
        original[..original.len() / 2].to_vec(),
        {
            let mut b = original.clone();
            let last = b.len() - 5;
            b[last] ^= 0x40;
            b
        },
    ] {
        fs::write(&key, &damaged).unwrap();
        let before = snapshot(&vault_path(&dir));
        let err = Vault::unlock(&vault_path(&dir), &secret(PASS)).unwrap_err();
        assert!(matches!(err, Error::KeyFileCorrupt(_)), "{err:?}");
        assert_eq!(snapshot(&vault_path(&dir)), before);
    }
    fs::write(&key, &original).unwrap();
    Vault::unlock(&vault_path(&dir), &secret(PASS)).unwrap();
}

#[test]
fn truncated_or_damaged_database_is_refused_and_left_alone() {
    let (dir, vault, _) = new_vault(false);
    write_canary(&vault);
    vault.lock().unwrap();
    let db = vault_path(&dir).join("vault.db");
    let original = fs::read(&db).unwrap();

    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "truncated mid-page",
            original[..original.len() - 100].to_vec(),
        ),
        ("empty", Vec::new()),
        ("truncated to one page", original[..4096].to_vec()),
    ];
    let mut flipped = original.clone();
    flipped[4096 + 200] ^= 0x01; // a bit of page 2
    cases.push(("bit flip in page 2", flipped));
    let mut header = original.clone();
    header[100] ^= 0x80; // page 1, after the salt
    cases.push(("bit flip in page 1", header));

    for (what, bytes) in cases {
        fs::write(&db, &bytes).unwrap();
        let before = snapshot(&vault_path(&dir));
        let err = Vault::unlock(&vault_path(&dir), &secret(PASS)).unwrap_err();
        assert_eq!(err.code(), ErrorCode::DatabaseCorrupt, "{what}: {err:?}");
        assert_eq!(
            snapshot(&vault_path(&dir)),
            before,
            "{what}: the vault changed"
        );
    }
    fs::write(&db, &original).unwrap();
    assert_eq!(
        read_canary(&Vault::unlock(&vault_path(&dir), &secret(PASS)).unwrap()),
        CANARY
    );
}

#[test]
fn a_vault_from_a_newer_schema_is_refused_untouched() {
    let (dir, vault, _) = new_vault(false);
    vault
        .conn()
        .pragma_update(None, "user_version", schema::LATEST + 1)
        .unwrap();
    vault.lock().unwrap();
    let before = snapshot(&vault_path(&dir));
    let err = Vault::unlock(&vault_path(&dir), &secret(PASS)).unwrap_err();
    assert!(
        matches!(err, Error::SchemaTooNew { found, supported } if found == schema::LATEST + 1 && supported == schema::LATEST),
        "{err:?}"
    );
    assert_eq!(snapshot(&vault_path(&dir)), before);
}

#[test]
fn not_a_vault_and_existing_names_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        Vault::unlock(&dir.path().join("Nope.fieldbook"), &secret(PASS)),
        Err(Error::NotAVault(_))
    ));
    let (vault, _) = Vault::create(dir.path(), "Same", &secret(PASS), options(false)).unwrap();
    drop(vault);
    assert!(matches!(
        Vault::create(dir.path(), "Same", &secret(PASS), options(false)),
        Err(Error::AlreadyExists(_))
    ));
    assert!(matches!(
        Vault::create(dir.path(), "../escape", &secret(PASS), options(false)),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        Vault::create(dir.path(), "Weak", &secret("password1"), options(false)),
        Err(Error::WeakPassphrase(_))
    ));
    // Failed creations leave nothing behind but the one real vault.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["Same.fieldbook"]);
}

#[test]
fn the_first_schema_fixture_opens_and_migrates() {
    // tests/fixtures/schema-v1.fieldbook was made by `make_schema_v1_fixture` below with the
    // schema of the first release; it must open and migrate to the current schema.
    let dir = tempfile::tempdir().unwrap();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.fieldbook");
    let copy = dir.path().join("schema-v1.fieldbook");
    copy_dir(&fixture, &copy);
    let vault = Vault::unlock(&copy, &secret(PASS)).unwrap();
    let info = vault.info().unwrap();
    assert_eq!(info.schema_version, schema::LATEST);
    assert_eq!(info.vault_id, "0f1e1d00-5eed-4b1d-9a1e-000000000001");
    assert!(vault.verify().unwrap().ok);
    // The migrated tables are usable.
    write_canary(&vault);
    assert_eq!(read_canary(&vault), CANARY);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Regenerates the schema-1 fixture: `cargo test --test vault -- --ignored make_schema_v1_fixture`.
#[test]
#[ignore]
fn make_schema_v1_fixture() {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let _ = fs::remove_dir_all(out.join("schema-v1.fieldbook"));
    let (vault, _) =
        Vault::create_at_schema(&out, "schema-v1", &secret(PASS), options(false), 1).unwrap();
    vault
        .conn()
        .execute("UPDATE vault_meta SET value = '0f1e1d00-5eed-4b1d-9a1e-000000000001' WHERE key = 'vault_id'", [])
        .unwrap();
    assert_eq!(schema::version(vault.conn()).unwrap(), 1);
    vault.lock().unwrap();
    let _ = layout::LOCK_FILE;
}
