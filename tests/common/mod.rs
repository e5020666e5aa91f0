//! Shared helpers for the integration tests: real vaults in temporary folders.
#![allow(dead_code)]

use fieldbook::vault::{CreateOptions, Kdf, Vault};
use fieldbook::SecretString;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const PASS: &str = "violet tractor molasses 42 harbor";
pub const NEW_PASS: &str = "quiet lantern orchard 19 pepper";
/// A string that must never appear in plaintext on disk.
pub const CANARY: &str = "Canary Rosalind Okonkwo-Vasquez";

pub fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_string())
}

/// The fastest work factor the library accepts (2^18), to keep tests quick.
pub fn options(with_recovery_key: bool) -> CreateOptions {
    CreateOptions {
        kdf: Kdf::Fixed(18),
        with_recovery_key,
    }
}

/// A new vault `Test.fieldbook` in a fresh temporary folder.
pub fn new_vault(with_recovery_key: bool) -> (tempfile::TempDir, Vault, Option<SecretString>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (vault, recovery) = Vault::create(
        dir.path(),
        "Test",
        &secret(PASS),
        options(with_recovery_key),
    )
    .expect("create vault");
    (dir, vault, recovery)
}

pub fn vault_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("Test.fieldbook")
}

/// Write the canary into the vault (a campaign row).
pub fn write_canary(vault: &Vault) {
    vault
        .conn()
        .execute(
            "INSERT INTO campaign (name, employer, created_at) VALUES (?1, 'Riverside DC', '2026-11-01T00:00:00Z')",
            [CANARY],
        )
        .expect("insert");
}

pub fn read_canary(vault: &Vault) -> String {
    vault
        .conn()
        .query_row("SELECT name FROM campaign", [], |r| r.get(0))
        .expect("select")
}

/// The SHA-256 of every file under `root`, by relative path: proof that nothing changed.
pub fn snapshot(root: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read file");
                let rel = path
                    .strip_prefix(root)
                    .expect("prefix")
                    .display()
                    .to_string();
                out.insert(rel, hex::encode(Sha256::digest(&bytes)));
            }
        }
    }
    out
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Run the `fieldbook` CLI of this build with `stdin` (passphrases, one per line) and its config
/// folder at `config` (so the recent list is the test's own).
pub fn fieldbook_cli(args: &[&str], stdin: &str, config: &Path) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .args(args)
        .env("XDG_CONFIG_HOME", config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the fieldbook CLI");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait for the CLI")
}
