//! The bundle for counsel and the redacted map, end to end through the CLI on a real demo vault:
//! the stock `age` and `rage` tools decrypt what Fieldbook writes (X25519 and SSH keys, ASCII
//! armor), `sha256sum -c` and the manifest check every file, a changed file is caught, nothing
//! is written on cancel or refusal, the redacted map names no one, and memory stays flat while a
//! large evidence file streams out.

mod common;

use common::fieldbook_cli as fieldbook;
use common::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A 400-worker demo vault (incidents with evidence, affidavit drafts) in a temp home.
fn demo() -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let vault = home.path().join("Demo.fieldbook");
    ok(&fieldbook(
        &[
            "demo",
            vault.to_str().unwrap(),
            "--passphrase-stdin",
            "--work-factor",
            "18",
        ],
        &format!("{PASS}\n"),
        home.path(),
    ));
    (home, vault)
}

fn age_identity(dir: &Path) -> (PathBuf, String) {
    let out = Command::new("age-keygen")
        .arg("-o")
        .arg(dir.join("counsel.txt"))
        .output()
        .expect("age-keygen");
    assert!(out.status.success());
    let text = std::fs::read_to_string(dir.join("counsel.txt")).unwrap();
    let public = text
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .unwrap()
        .to_string();
    (dir.join("counsel.txt"), public)
}

fn decrypt_with(tool: &str, identity: &Path, file: &Path, into: &Path) {
    let tar_path = into.join("bundle.tar");
    let out = Command::new(tool)
        .args(["-d", "-i"])
        .arg(identity)
        .arg("-o")
        .arg(&tar_path)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new("tar")
        .arg("-xf")
        .arg(&tar_path)
        .current_dir(into)
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::remove_file(&tar_path).unwrap();
}

#[test]
fn counsel_opens_the_bundle_with_stock_age_rage_and_ssh_keys() {
    let (home, vault) = demo();
    let v = vault.to_str().unwrap();
    let pass = format!("{PASS}\n");
    let (id_file, public) = age_identity(home.path());
    let ssh_key = home.path().join("id_ed25519");
    assert!(Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&ssh_key)
        .status()
        .unwrap()
        .success());
    let ssh_pub = std::fs::read_to_string(home.path().join("id_ed25519.pub")).unwrap();

    // The key book remembers counsel's key; a secret key is refused.
    ok(&fieldbook(
        &["keys", v, "--passphrase-stdin", "add", "Dana Ruiz", &public],
        &pass,
        home.path(),
    ));
    let secret_line = std::fs::read_to_string(&id_file).unwrap();
    let secret_line = secret_line
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY"))
        .unwrap();
    let refused = fieldbook(
        &["keys", v, "--passphrase-stdin", "add", "Oops", secret_line],
        &pass,
        home.path(),
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("secret key"));
    assert!(ok(&fieldbook(
        &["keys", v, "--passphrase-stdin", "list"],
        &pass,
        home.path()
    ))
    .contains("Dana Ruiz"));

    // Preview first: nothing written.
    let out_file = home.path().join("counsel.age");
    let o = out_file.to_str().unwrap();
    let select = "affidavits,incidents,evidence,contacts";
    let preview = fieldbook(
        &[
            "export",
            v,
            "--select",
            select,
            "--preview",
            "--counsel",
            "Dana Ruiz",
            "--out",
            o,
            "--passphrase-stdin",
            "--json",
        ],
        &pass,
        home.path(),
    );
    let preview: serde_json::Value = serde_json::from_str(&ok(&preview)).unwrap();
    assert!(!out_file.exists());
    let files = preview["files"].as_array().unwrap();
    assert!(files
        .iter()
        .any(|f| f["path"].as_str().unwrap().ends_with(".pdf")));
    assert!(files
        .iter()
        .any(|f| f["path"].as_str().unwrap().ends_with(".docx")));
    assert!(files
        .iter()
        .any(|f| f["path"].as_str().unwrap().starts_with("evidence/")));
    assert!(files.iter().any(|f| f["path"] == "contacts.csv"));
    assert!(!files
        .iter()
        .any(|f| f["path"] == "assessments.csv" || f["path"] == "map.json"));

    // The bundle, to counsel's key book entry and an SSH key.
    ok(&fieldbook(
        &[
            "export",
            v,
            "--select",
            select,
            "--counsel",
            "Dana Ruiz",
            "--recipient",
            ssh_pub.trim(),
            "--out",
            o,
            "--passphrase-stdin",
        ],
        &pass,
        home.path(),
    ));
    assert!(!home.path().join("counsel.age.part").exists());
    let bytes = std::fs::read(&out_file).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    for name in preview["people"].as_array().unwrap() {
        assert!(
            !contains(&bytes, name.as_str().unwrap().as_bytes()),
            "a name in the ciphertext"
        );
    }

    for (tool, identity) in [("age", &id_file), ("rage", &id_file), ("age", &ssh_key)] {
        let dir = tempfile::tempdir().unwrap();
        decrypt_with(tool, identity, &out_file, dir.path());
        let sums = Command::new("sha256sum")
            .args(["-c", "--quiet", "SHA256SUMS"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            sums.status.success(),
            "{tool}: {}",
            String::from_utf8_lossy(&sums.stdout)
        );
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.path().join("manifest.json")).unwrap())
                .unwrap();
        assert_eq!(manifest["format"], "fieldbook-bundle/1");
        assert!(!manifest["vaultId"].as_str().unwrap().is_empty());
        assert!(!manifest["chainHeads"].as_array().unwrap().is_empty());
        let listed = manifest["files"].as_array().unwrap().len();
        assert_eq!(
            listed,
            files.len() + 2,
            "README, SHA256SUMS and every previewed file"
        );
        // The affidavit PDF reads as text.
        let pdf = files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(".pdf"))
            .unwrap()["path"]
            .as_str()
            .unwrap();
        let text = Command::new("pdftotext")
            .arg(dir.path().join(pdf))
            .arg("-")
            .output()
            .unwrap();
        assert!(
            String::from_utf8_lossy(&text.stdout).contains("AFFIDAVIT")
                || String::from_utf8_lossy(&text.stdout).contains("DECLARACI")
        );
    }

    // verify-bundle: ok, then a bundle whose file was changed and re-encrypted is caught (exit 5).
    let verified = fieldbook(
        &["verify-bundle", o, "-i", id_file.to_str().unwrap()],
        "",
        home.path(),
    );
    assert!(ok(&verified).starts_with("ok:"));
    let dir = tempfile::tempdir().unwrap();
    decrypt_with("age", &id_file, &out_file, dir.path());
    let contacts = dir.path().join("contacts.csv");
    let mut changed = std::fs::read(&contacts).unwrap();
    changed.extend_from_slice(b"Someone Else,555-0100,\n");
    std::fs::write(&contacts, changed).unwrap();
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let tarred = Command::new("tar")
        .arg("-cf")
        .arg("-")
        .args(&names)
        .current_dir(dir.path())
        .output()
        .unwrap();
    let tampered = home.path().join("tampered.age");
    let mut age = Command::new("age")
        .args(["-r", &public, "-o"])
        .arg(&tampered)
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    age.stdin.take().unwrap().write_all(&tarred.stdout).unwrap();
    assert!(age.wait().unwrap().success());
    let caught = fieldbook(
        &[
            "verify-bundle",
            tampered.to_str().unwrap(),
            "-i",
            id_file.to_str().unwrap(),
        ],
        "",
        home.path(),
    );
    assert_eq!(caught.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&caught.stdout).contains("contacts.csv"));

    // The destination is never overwritten; a wrong key is a clear error.
    let again = fieldbook(
        &[
            "export",
            v,
            "--select",
            select,
            "--counsel",
            "Dana Ruiz",
            "--out",
            o,
            "--passphrase-stdin",
        ],
        &pass,
        home.path(),
    );
    assert!(!again.status.success());
    let (other_id, _) = age_identity(dir.path());
    let wrong = fieldbook(
        &["verify-bundle", o, "-i", other_id.to_str().unwrap()],
        "",
        home.path(),
    );
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("None of the keys"));
}

#[test]
fn passphrase_and_armor_and_the_redacted_map() {
    let (home, vault) = demo();
    let v = vault.to_str().unwrap();
    // Vault passphrase, then the bundle's passphrase.
    let input = format!("{PASS}\n{NEW_PASS}\n");
    let out_file = home.path().join("armored.age");
    ok(&fieldbook(
        &[
            "export",
            v,
            "--select",
            "affidavits,pdf",
            "--armor",
            "--out",
            out_file.to_str().unwrap(),
            "--passphrase-stdin",
        ],
        &input,
        home.path(),
    ));
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert!(text.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
    let verified = fieldbook(
        &[
            "verify-bundle",
            out_file.to_str().unwrap(),
            "--passphrase-stdin",
        ],
        &format!("{NEW_PASS}\n"),
        home.path(),
    );
    assert!(ok(&verified).starts_with("ok:"));

    // The redacted map: pseudonyms only, stable from one export to the next.
    let (id_file, public) = age_identity(home.path());
    let mut maps = Vec::new();
    for name in ["map1.age", "map2.age"] {
        let f = home.path().join(name);
        ok(&fieldbook(
            &[
                "export-map",
                v,
                "--recipient",
                &public,
                "--out",
                f.to_str().unwrap(),
                "--passphrase-stdin",
            ],
            &format!("{PASS}\n"),
            home.path(),
        ));
        let dir = tempfile::tempdir().unwrap();
        decrypt_with("age", &id_file, &f, dir.path());
        maps.push(std::fs::read_to_string(dir.path().join("map.json")).unwrap());
    }
    assert_eq!(maps[0], maps[1], "the same pseudonyms in every export");
    let map: serde_json::Value = serde_json::from_str(&maps[0]).unwrap();
    assert!(map["workers"].as_array().unwrap().len() > 300);
    assert!(map["workers"][0]["pseudonym"]
        .as_str()
        .unwrap()
        .starts_with("W-"));
    assert!(map["workers"][0]["department"]
        .as_str()
        .unwrap()
        .starts_with("Department "));
    let workers = fieldbook(
        &[
            "workers",
            v,
            "--passphrase-stdin",
            "--json",
            "--supervisors",
        ],
        &format!("{PASS}\n"),
        home.path(),
    );
    let list: serde_json::Value = serde_json::from_str(&ok(&workers)).unwrap();
    for row in list["rows"].as_array().unwrap() {
        let name = row["legalName"].as_str().unwrap();
        assert!(!maps[0].contains(name), "{name} in the redacted map");
    }
}

/// Peak resident memory of a command while `watch` exists (the export's `.part` file: from the
/// first byte streamed to the rename), sampled from /proc every 5 ms. The unlock before it is
/// left out on purpose: scrypt is memory-hard by design (256 MiB at work factor 18), and that
/// peak is over and freed before the export starts.
fn streaming_rss_kib(args: &[&str], stdin: &str, home: &Path, watch: &Path) -> (Output, u64) {
    let script = r#"
import subprocess, sys, time, os
watch = sys.argv[1]
p = subprocess.Popen(sys.argv[2:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
p.stdin.write(sys.stdin.buffer.read())
p.stdin.close()
peak = 0
while p.poll() is None:
    if os.path.exists(watch):
        try:
            for l in open('/proc/%d/status' % p.pid):
                if l.startswith('VmRSS:'):
                    peak = max(peak, int(l.split()[1]))
        except OSError:
            pass
    time.sleep(0.005)
sys.stderr.buffer.write(p.stderr.read())
print(peak)
sys.exit(p.returncode)
"#;
    let mut cmd = vec![watch.to_str().unwrap(), env!("CARGO_BIN_EXE_fieldbook")];
    cmd.extend_from_slice(args);
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(&cmd)
        .env("XDG_CONFIG_HOME", home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let kib = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0);
    (out, kib)
}

#[test]
fn a_large_evidence_file_streams_out_with_flat_memory() {
    let (home, vault) = demo();
    let v = vault.to_str().unwrap();
    let pass = format!("{PASS}\n");
    // 256 MiB of incompressible data (it never goes through memory whole: written in 1 MiB steps).
    let big = home.path().join("video.mp4");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        let mut block = vec![0u8; 1 << 20];
        let mut x: u64 = 0x9E3779B97F4A7C15;
        for _ in 0..256 {
            for b in block.iter_mut() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *b = x as u8;
            }
            f.write_all(&block).unwrap();
        }
    }
    let incidents: serde_json::Value = serde_json::from_str(&ok(&fieldbook(
        &["incidents", v, "--passphrase-stdin", "--json"],
        &pass,
        home.path(),
    )))
    .unwrap();
    let incident = incidents
        .as_array()
        .map(|a| a[0]["id"].as_i64().unwrap())
        .or_else(|| incidents["incidents"][0]["id"].as_i64())
        .unwrap();
    let added = fieldbook(
        &[
            "evidence",
            "add",
            v,
            &incident.to_string(),
            big.to_str().unwrap(),
            "--passphrase-stdin",
        ],
        &pass,
        home.path(),
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    std::fs::remove_file(&big).unwrap();
    let (id_file, public) = age_identity(home.path());
    let out_file = home.path().join("big.age");
    let part = home.path().join("big.age.part");
    let (exported, export_kib) = streaming_rss_kib(
        &[
            "export",
            v,
            "--select",
            &format!("incident:{incident},evidence"),
            "--recipient",
            &public,
            "--out",
            out_file.to_str().unwrap(),
            "--passphrase-stdin",
        ],
        &pass,
        home.path(),
        &part,
    );
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    println!(
        "peak RSS while streaming the 256 MiB file out: {} MiB",
        export_kib / 1024
    );
    assert!(export_kib > 0, "the export was sampled");
    assert!(std::fs::metadata(&out_file).unwrap().len() > 256 << 20);
    assert!(
        export_kib < 64 * 1024,
        "export peak RSS {} KiB ≥ 64 MiB",
        export_kib
    );
    let verified = fieldbook(
        &[
            "verify-bundle",
            out_file.to_str().unwrap(),
            "-i",
            id_file.to_str().unwrap(),
        ],
        "",
        home.path(),
    );
    assert!(ok(&verified).starts_with("ok:"));
}
