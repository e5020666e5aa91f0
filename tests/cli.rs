//! The `fieldbook` command line on real vaults: secrets on stdin only, documented exit codes.

mod common;

use common::*;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn fieldbook(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run fieldbook");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

#[test]
fn init_info_verify_passwd_rotate() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Cli");
    let p = path.to_str().unwrap();

    let out = fieldbook(
        &["init", p, "--passphrase-stdin", "--work-factor", "18"],
        &format!("{PASS}\n"),
    );
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let recovery = String::from_utf8(out.stdout).unwrap();
    assert!(
        recovery.trim().starts_with("AGE-SECRET-KEY-1"),
        "the recovery key is printed once on stdout"
    );
    assert!(dir.path().join("Cli.fieldbook/vault.db").is_file());

    let out = fieldbook(
        &["info", p, "--json", "--passphrase-stdin"],
        &format!("{PASS}\n"),
    );
    assert_eq!(code(&out), 0);
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["name"], "Cli");
    assert_eq!(info["kdfWorkFactor"], 18);
    assert_eq!(info["hasRecoveryKey"], true);
    assert!(!String::from_utf8_lossy(&out.stdout).contains(PASS));

    let out = fieldbook(
        &["info", p, "--passphrase-stdin"],
        "wrong passphrase here\n",
    );
    assert_eq!(code(&out), 3, "wrong passphrase → exit 3");
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not open this vault"));

    let out = fieldbook(
        &["verify", p, "--json", "--passphrase-stdin"],
        &format!("{PASS}\n"),
    );
    assert_eq!(code(&out), 0);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["ok"],
        true
    );

    let out = fieldbook(
        &["passwd", p, "--passphrase-stdin", "--work-factor", "18"],
        &format!("{PASS}\n{NEW_PASS}\n"),
    );
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        code(&fieldbook(
            &["info", p, "--passphrase-stdin"],
            &format!("{PASS}\n")
        )),
        3
    );

    let out = fieldbook(
        &["rotate-key", p, "--passphrase-stdin"],
        &format!("{NEW_PASS}\n"),
    );
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));

    // The recovery key still opens it after the rotation, and can set a new passphrase.
    let out = fieldbook(
        &["passwd", p, "--recovery-key-stdin", "--work-factor", "18"],
        &format!("{}\n{PASS}\n", recovery.trim()),
    );
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        code(&fieldbook(
            &["verify", p, "--passphrase-stdin"],
            &format!("{PASS}\n")
        )),
        0
    );
}

#[test]
fn usage_and_environment_errors_have_their_codes() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("Missing.fieldbook");
    let out = fieldbook(
        &["info", missing.to_str().unwrap(), "--passphrase-stdin"],
        &format!("{PASS}\n"),
    );
    assert_eq!(code(&out), 8, "not a vault → exit 8");

    let p = dir.path().join("Weak");
    let out = fieldbook(
        &[
            "init",
            p.to_str().unwrap(),
            "--passphrase-stdin",
            "--work-factor",
            "18",
        ],
        "password\n",
    );
    assert_eq!(code(&out), 2, "weak passphrase → exit 2");
    assert!(!dir.path().join("Weak.fieldbook").exists());

    let out = fieldbook(
        &[
            "init",
            p.to_str().unwrap(),
            "--passphrase-stdin",
            "--work-factor",
            "25",
        ],
        &format!("{PASS}\n"),
    );
    assert_eq!(code(&out), 2, "work factor out of range → exit 2");

    // No passphrase on stdin at all.
    let out = fieldbook(&["init", p.to_str().unwrap(), "--passphrase-stdin"], "");
    assert_eq!(code(&out), 2);

    // The passphrase is never accepted as an argument.
    let out = fieldbook(&["init", p.to_str().unwrap(), "--passphrase", PASS], "");
    assert_eq!(code(&out), 2);
}
