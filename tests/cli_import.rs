//! `fieldbook import` / `export-csv` on a real vault: dry run writes nothing, the import is
//! reconciled on a second list, the export warns and reads back.

mod common;

use common::*;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn fieldbook(args: &[&str], config: &std::path::Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .args(args)
        .env("XDG_CONFIG_HOME", config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run fieldbook");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PASS}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn import_dry_run_reconcile_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cfg");
    let v = dir.path().join("V");
    let v = v.to_str().unwrap();
    ok(&fieldbook(
        &[
            "init",
            v,
            "--passphrase-stdin",
            "--work-factor",
            "18",
            "--no-recovery-key",
        ],
        &cfg,
    ));

    let first = dir.path().join("first.csv");
    std::fs::write(&first, "Emp #,Last Name,First Name,Dept.,Shift,Cell\n1,Peña,Ana,Receiving,Night,555-0101\n2,Chen,Bo,Shipping,Day,555-0102\n").unwrap();
    let f = first.to_str().unwrap();

    let before = snapshot(&dir.path().join("V.fieldbook"));
    let out = ok(&fieldbook(
        &["import", v, f, "--dry-run", "--json", "--passphrase-stdin"],
        &cfg,
    ));
    let preview: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        preview["reconciliation"]["new"].as_array().unwrap().len(),
        2
    );
    assert_eq!(
        snapshot(&dir.path().join("V.fieldbook"))["vault.db"],
        before["vault.db"],
        "a dry run writes nothing"
    );

    let out = ok(&fieldbook(
        &["import", v, f, "--json", "--passphrase-stdin"],
        &cfg,
    ));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap()["added"],
        2
    );

    // A newer list: Ana moved shift, Bo is gone, Dana is new; "Area" is mapped by hand.
    let second = dir.path().join("second.csv");
    std::fs::write(&second, "Employee ID,Name,Area,Shift\n1,\"Peña, Ana\",Receiving,Day\n3,Dana Kowalski,Maintenance,Day\n").unwrap();
    let s = second.to_str().unwrap();
    let out = ok(&fieldbook(
        &[
            "import",
            v,
            s,
            "--dry-run",
            "--map",
            "area=department",
            "--passphrase-stdin",
        ],
        &cfg,
    ));
    assert!(out.contains("shift: \"Night\" → \"Day\""), "{out}");
    assert!(out.contains("Bo Chen"), "{out}");
    let out = ok(&fieldbook(
        &[
            "import",
            v,
            s,
            "--map",
            "area=department",
            "--missing",
            "left",
            "--json",
            "--passphrase-stdin",
        ],
        &cfg,
    ));
    let summary: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (
            summary["added"].as_u64(),
            summary["updated"].as_u64(),
            summary["markedMissing"].as_u64()
        ),
        (Some(1), Some(1), Some(1))
    );

    // Export: a warning on stderr, and the file reads back.
    let csv = dir.path().join("out.csv");
    let out = fieldbook(
        &["export-csv", v, csv.to_str().unwrap(), "--passphrase-stdin"],
        &cfg,
    );
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not encrypted"));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.contains("Dana Kowalski") && text.contains("left"),
        "{text}"
    );

    // A bad mapping names the columns and changes nothing.
    let out = fieldbook(
        &["import", v, s, "--map", "Nope=phone", "--passphrase-stdin"],
        &cfg,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Its columns are"));
}
