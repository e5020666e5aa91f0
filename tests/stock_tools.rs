//! The vault opens without Fieldbook, following docs/vault-format.md: the stock `age` CLI
//! decrypts the key file (the passphrase typed at its terminal prompt, driven here through a
//! pseudo-terminal with `expect`), and a stock SQLCipher 4 client (Python's `sqlcipher3`, from
//! PyPI's `sqlcipher3-binary`) opens `vault.db` with that key in raw-key mode.
//! `scripts/setup.sh` installs the tools; this test fails rather than skips when they are missing.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

fn tool(name: &str) {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(found, "`{name}` is not installed: run scripts/setup.sh");
}

/// `age -d -o OUT FILE`, typing the passphrase at age's terminal prompt.
fn age_decrypt_with_passphrase(file: &Path, out: &Path, passphrase: &str) {
    let script = r#"
        set timeout 60
        spawn age -d -o $env(FB_OUT) $env(FB_IN)
        expect {
            -re "(?i)passphrase" { send -- "$env(FB_PASS)\r" }
            timeout { exit 90 }
        }
        expect eof
        lassign [wait] pid spawnid os_error status
        exit $status
    "#;
    let status = Command::new("expect")
        .arg("-c")
        .arg(script)
        .env("FB_IN", file)
        .env("FB_OUT", out)
        .env("FB_PASS", passphrase)
        .status()
        .expect("run expect");
    assert!(status.success(), "age -d failed: {status}");
}

const PY: &str = r#"
import sqlcipher3, sys
key = open(sys.argv[1]).read().strip()
assert len(key) == 64, "the key file holds 64 hex characters"
con = sqlcipher3.connect(sys.argv[2])
con.execute("PRAGMA key = \"x'%s'\"" % key)
print(con.execute("PRAGMA cipher_version").fetchone()[0])
print(con.execute("SELECT name FROM campaign").fetchone()[0])
print(con.execute("PRAGMA cipher_integrity_check").fetchall() == [])
print(con.execute("PRAGMA integrity_check").fetchone()[0])
con.close()
"#;

#[test]
fn stock_age_and_sqlcipher_open_the_vault() {
    tool("age");
    tool("expect");
    let py_ok = Command::new("python3")
        .args(["-c", "import sqlcipher3"])
        .status()
        .map(|s| s.success());
    assert!(
        matches!(py_ok, Ok(true)),
        "python3 cannot import sqlcipher3: run scripts/setup.sh"
    );

    let (dir, vault, recovery) = new_vault(true);
    write_canary(&vault);
    vault.lock().unwrap();
    let root = vault_path(&dir);
    let work = tempfile::tempdir().unwrap();

    // 1. The passphrase key file, with the stock age CLI at its terminal prompt.
    let key_txt = work.path().join("key.txt");
    age_decrypt_with_passphrase(&root.join("keys/passphrase.age"), &key_txt, PASS);

    // 2. The recovery key file, with the recovery identity.
    let identity = work.path().join("recovery.txt");
    std::fs::write(
        &identity,
        fieldbook::ExposeSecret::expose_secret(&recovery.unwrap()),
    )
    .unwrap();
    let out = Command::new("age")
        .args(["-d", "-i"])
        .arg(&identity)
        .arg(root.join("keys/recovery.age"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        std::fs::read_to_string(&key_txt).unwrap().trim(),
        "both key files hold the same data key"
    );

    // 3. The database, with a stock SQLCipher 4 client.
    let out = Command::new("python3")
        .args(["-c", PY])
        .arg(&key_txt)
        .arg(root.join("vault.db"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with('4'),
        "a SQLCipher 4 client: {}",
        lines[0]
    );
    assert_eq!(lines[1], CANARY);
    assert_eq!(lines[2], "True");
    assert_eq!(lines[3], "ok");

    // 4. A wrong passphrase fails in the stock tool too.
    let status = Command::new("expect")
        .arg("-c")
        .arg(
            r#"set timeout 60
               spawn age -d -o $env(FB_OUT) $env(FB_IN)
               expect -re "(?i)passphrase"
               send -- "wrong passphrase\r"
               expect eof
               lassign [wait] pid spawnid os_error status
               exit $status"#,
        )
        .env("FB_IN", root.join("keys/passphrase.age"))
        .env("FB_OUT", work.path().join("nope.txt"))
        .status()
        .unwrap();
    assert!(!status.success());
}
