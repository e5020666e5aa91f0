//! Encrypted backups and restore on real vaults: the stock `age` tool opens a backup, a restore
//! gives back every row (WAL included), a tampered, truncated or wrongly-keyed backup restores
//! nothing, automatic backups keep the newest N and run before a migration, and nothing in
//! plaintext is left anywhere.

mod common;

use common::*;
use fieldbook::export::open::{self, Key};
use fieldbook::export::recipients::{self, Protection};
use fieldbook::export::{backup, restore, verify, Progress};
use fieldbook::vault::{schema, Unlock, Vault};
use fieldbook::{Error, ExposeSecret};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// A vault with a recovery key, the canary, and rows that are still only in the WAL.
fn vault_with_data() -> (tempfile::TempDir, Vault, fieldbook::SecretString) {
    let (dir, vault, recovery) = new_vault(true);
    write_canary(&vault);
    for i in 0..200 {
        vault
            .conn()
            .execute(
                "INSERT INTO worker (campaign_id, legal_name, created_at, updated_at)
                 VALUES (1, ?1, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')",
                [format!("Worker {i} {CANARY}")],
            )
            .expect("insert");
    }
    (dir, vault, recovery.expect("recovery key"))
}

fn identity_file(dir: &Path, secret: &fieldbook::SecretString) -> std::path::PathBuf {
    let p = dir.join("recovery.txt");
    std::fs::write(&p, format!("{}\n", secret.expose_secret())).unwrap();
    p
}

fn files_containing(root: &Path, needle: &[u8]) -> Vec<String> {
    let mut hits = Vec::new();
    for entry in walk(root) {
        if let Ok(bytes) = std::fs::read(&entry) {
            if contains(&bytes, needle) {
                hits.push(entry.display().to_string());
            }
        }
    }
    hits
}

fn walk(root: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(root) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn backup_to_the_recovery_key_restores_every_row_and_opens_with_stock_age() {
    let (dir, vault, recovery) = vault_with_data();
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("Test.fieldbook-backup.age");
    let protection = backup::recovery_protection(vault.conn()).unwrap().unwrap();
    let summary = backup::backup(
        vault.conn(),
        vault.path(),
        &dest,
        protection,
        &Progress::none(),
    )
    .unwrap();
    assert_eq!(summary.counts["worker"], 200);
    assert_eq!(summary.schema_version, schema::LATEST);
    // Nothing left behind: no snapshot in the vault folder, no .part beside the backup.
    let names: Vec<String> = walk(&vault_path(&dir))
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
    // No plaintext in the backup, nor anywhere around.
    assert!(files_containing(out.path(), CANARY.as_bytes()).is_empty());
    assert!(files_containing(dir.path(), CANARY.as_bytes()).is_empty());
    vault.lock().unwrap();

    // The stock age tool decrypts it with the recovery identity; tar lists the vault's files.
    let id = identity_file(out.path(), &recovery);
    let decrypted = Command::new("age")
        .args(["-d", "-i"])
        .arg(&id)
        .arg(&dest)
        .output()
        .expect("run age");
    assert!(
        decrypted.status.success(),
        "{}",
        String::from_utf8_lossy(&decrypted.stderr)
    );
    let mut tar = Command::new("tar")
        .arg("-t")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    tar.stdin
        .take()
        .unwrap()
        .write_all(&decrypted.stdout)
        .unwrap();
    let listing = String::from_utf8(tar.wait_with_output().unwrap().stdout).unwrap();
    for f in [
        "vault.fieldbook/vault.db",
        "vault.fieldbook/keys/passphrase.age",
        "vault.fieldbook/keys/recovery.age",
        "manifest.json",
    ] {
        assert!(listing.lines().any(|l| l == f), "{f} in {listing}");
    }
    let report = verify::verify_archive(decrypted.stdout.as_slice()).unwrap();
    assert!(report.ok, "{:?}", report.problems);

    // Restore with the recovery identity into a new folder: opens with the old passphrase.
    let key = open::read_identity_file(&id).unwrap();
    let recovery_secret = open::single_age_secret(&id).unwrap().unwrap();
    let target = out.path().join("Restored.fieldbook");
    let r = restore::restore(&dest, &key, &target, Unlock::RecoveryKey(&recovery_secret)).unwrap();
    assert_eq!(r.counts["worker"], 200);
    let back = Vault::unlock(&target, &secret(PASS)).unwrap();
    assert_eq!(read_canary(&back), CANARY);
    let n: i64 = back
        .conn()
        .query_row("SELECT count(*) FROM worker", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 200);
    assert!(back.verify().unwrap().ok);
}

#[test]
fn passphrase_backups_and_everything_that_must_fail() {
    let (_dir, vault, _) = vault_with_data();
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("b.age");
    let protection = Protection::Passphrase(secret(NEW_PASS), 18);
    backup::backup(
        vault.conn(),
        vault.path(),
        &dest,
        protection,
        &Progress::none(),
    )
    .unwrap();
    // The destination is never overwritten.
    let again = backup::backup(
        vault.conn(),
        vault.path(),
        &dest,
        Protection::Passphrase(secret(NEW_PASS), 18),
        &Progress::none(),
    );
    assert!(matches!(again, Err(Error::AlreadyExists(_))));
    vault.lock().unwrap();

    let pass = Key::Passphrase(secret(NEW_PASS));
    let target = out.path().join("R.fieldbook");
    let nothing_left = |target: &Path| {
        assert!(!target.exists());
        let stray: Vec<_> = std::fs::read_dir(out.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .filter(|n| n.to_string_lossy().contains(".tmp"))
            .collect();
        assert!(stray.is_empty(), "{stray:?}");
    };
    // Wrong backup passphrase; an identity for a passphrase file; the wrong vault passphrase.
    let e = restore::restore(
        &dest,
        &Key::Passphrase(secret("wrong wrong wrong 1")),
        &target,
        Unlock::Passphrase(&secret(PASS)),
    )
    .unwrap_err();
    assert!(e.to_string().contains("None of the keys"), "{e}");
    nothing_left(&target);
    let id = age::x25519::Identity::generate();
    let e = restore::restore(
        &dest,
        &Key::Identities(vec![Box::new(id)]),
        &target,
        Unlock::Passphrase(&secret(PASS)),
    )
    .unwrap_err();
    assert!(e.to_string().contains("passphrase"), "{e}");
    let e =
        restore::restore(&dest, &pass, &target, Unlock::Passphrase(&secret(NEW_PASS))).unwrap_err();
    assert!(matches!(e, Error::WrongPassphrase), "{e:?}");
    nothing_left(&target);

    // Tampered (one bit in the middle) and truncated copies restore nothing.
    let bytes = std::fs::read(&dest).unwrap();
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x01;
    let bad = out.path().join("flipped.age");
    std::fs::write(&bad, &flipped).unwrap();
    let e = restore::restore(&bad, &pass, &target, Unlock::Passphrase(&secret(PASS))).unwrap_err();
    assert!(
        e.to_string().contains("damaged") || e.to_string().contains("decrypt"),
        "{e}"
    );
    nothing_left(&target);
    let cut = out.path().join("cut.age");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).unwrap();
    assert!(restore::restore(&cut, &pass, &target, Unlock::Passphrase(&secret(PASS))).is_err());
    nothing_left(&target);
    std::fs::remove_file(&bad).unwrap();
    std::fs::remove_file(&cut).unwrap();

    // The right keys: restored, and an existing folder is never overwritten.
    restore::restore(&dest, &pass, &target, Unlock::Passphrase(&secret(PASS))).unwrap();
    let e = restore::restore(&dest, &pass, &target, Unlock::Passphrase(&secret(PASS))).unwrap_err();
    assert!(matches!(e, Error::AlreadyExists(_)));
}

#[test]
fn a_cancelled_backup_leaves_nothing() {
    let (_dir, vault, _) = vault_with_data();
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("c.age");
    let cancel = std::sync::atomic::AtomicBool::new(true);
    let report = |_: u64, _: u64| {};
    let e = backup::backup(
        vault.conn(),
        vault.path(),
        &dest,
        Protection::Passphrase(secret(NEW_PASS), 18),
        &Progress::new(&cancel, &report),
    )
    .unwrap_err();
    assert!(e.to_string().contains("cancelled"), "{e}");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn automatic_backups_keep_the_newest_and_run_before_a_migration() {
    let folder = tempfile::tempdir().unwrap();
    let (_dir, vault, _) = vault_with_data();
    let conn = vault.conn();
    let mut s = backup::settings(conn).unwrap();
    s.folder = Some(folder.path().display().to_string());
    s.keep = 2;
    backup::set_settings(conn, &s).unwrap();
    assert!(backup::due(conn, chrono::Utc::now()).unwrap());
    for _ in 0..3 {
        backup::backup_to_folder(conn, vault.path())
            .unwrap()
            .unwrap();
    }
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 2);
    assert!(!backup::due(conn, chrono::Utc::now()).unwrap());

    // A vault without a recovery key cannot have automatic backups.
    let (_d2, v2, _) = new_vault(false);
    let e = backup::set_settings(v2.conn(), &s).unwrap_err();
    assert!(e.to_string().contains("recovery key"), "{e}");

    // An old vault with automatic backups set: unlocking migrates it, after a backup of schema 5.
    let old_dir = tempfile::tempdir().unwrap();
    let pre = tempfile::tempdir().unwrap();
    let (old, _) =
        Vault::create_at_schema(old_dir.path(), "Old", &secret(PASS), options(true), 5).unwrap();
    s.folder = Some(pre.path().display().to_string());
    backup::set_settings(old.conn(), &s).unwrap();
    let root = old.path().to_path_buf();
    old.lock().unwrap();
    let migrated = Vault::unlock(&root, &secret(PASS)).unwrap();
    assert_eq!(schema::version(migrated.conn()).unwrap(), schema::LATEST);
    let made: Vec<_> = std::fs::read_dir(pre.path()).unwrap().flatten().collect();
    assert_eq!(made.len(), 1, "one backup before the migration");
    migrated.lock().unwrap();
}

#[test]
fn recipients_files_and_ssh_keys() {
    // An ssh-ed25519 public key is accepted; a recipients file names its bad line.
    let ssh = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsKLqeplhpW+uObz5dvMgjz1OxfM/XXUB+VHtZ6isGN counsel@example";
    assert!(recipients::parse(ssh).is_ok());
    let e = recipients::parse_file("age1zzz\n").err().unwrap();
    assert!(e.to_string().starts_with("Line 1"), "{e}");
}
