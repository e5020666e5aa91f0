//! The bad-input table: every crafted bad input the app can be handed (wrong passphrase, damaged or
//! missing key file, truncated or bit-flipped vault, tampered or truncated archive, malformed
//! CSV/XLSX, oversized fields, path tricks in names), the stable error code and message the app
//! shows for it, and proof that the vault folder was not changed (a SHA-256 of every file in it
//! before and after).
//!
//! The table is written to `target/tmp/bad-input.md`; docs/bad-input.md is a copy of it.
//! Regenerate: `cargo nextest run --test bad_input --no-capture` (or `cargo test --test bad_input`).

mod common;

use common::*;
use fieldbook::api::Session;
use fieldbook::export::bundle::BundleSelection;
use fieldbook::export::open::Key;
use fieldbook::export::recipients::{self, Protection};
use fieldbook::export::{backup, Progress};
use fieldbook::import::{ApplyChoices, MappingOverride};
use fieldbook::incidents::{evidence, store as incidents, IncidentCategory, IncidentInput};
use fieldbook::recent::RecentList;
use fieldbook::vault::{Kdf, Unlock, Vault};
use fieldbook::workers::{CampaignInput, WorkerFilter};
use fieldbook::{Error, ErrorCode, ExposeSecret};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::Mutex;

/// One row of the table.
struct Row {
    input: String,
    operation: String,
    code: String,
    message: String,
    vault_unchanged: &'static str,
    note: String,
}

static ROWS: Mutex<Vec<Row>> = Mutex::new(Vec::new());
/// Expectations that did not hold; reported together at the end so one run shows them all.
static FAILURES: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn fail(msg: String) {
    eprintln!("MISMATCH: {msg}");
    FAILURES.lock().unwrap_or_else(|p| p.into_inner()).push(msg);
}

/// Attach a note to the last row recorded (why an expectation is what it is).
fn note(text: &str) {
    if let Some(r) = ROWS.lock().unwrap_or_else(|p| p.into_inner()).last_mut() {
        r.note = text.into();
    }
}

fn record(input: &str, operation: &str, code: &str, message: &str, unchanged: &'static str) {
    let mut message = message.replace('|', "\\|").replace('\n', " ");
    if message.chars().count() > 160 {
        message = message.chars().take(160).collect::<String>() + "…";
    }
    ROWS.lock().unwrap_or_else(|p| p.into_inner()).push(Row {
        input: input.into(),
        operation: operation.into(),
        code: code.into(),
        message,
        vault_unchanged: unchanged,
        note: String::new(),
    });
}

/// Check that `result` failed with `want` and that the vault folder is byte-for-byte as before,
/// and add the row. A mismatch is collected (the test fails at the end).
fn expect_err<T: std::fmt::Debug>(
    input: &str,
    operation: &str,
    result: fieldbook::Result<T>,
    want: ErrorCode,
    vault: &Path,
    before: &BTreeMap<String, String>,
) -> Option<Error> {
    let err = match result {
        Ok(v) => {
            fail(format!(
                "{input}: {operation} succeeded ({v:?}); expected {want:?}"
            ));
            return None;
        }
        Err(e) => e,
    };
    if err.code() != want {
        fail(format!(
            "{input}: {operation} gave {:?} ({err}); expected {want:?}",
            err.code()
        ));
    }
    if &snapshot(vault) != before {
        fail(format!("{input}: {operation}: the vault folder changed"));
        return Some(err);
    }
    let code = serde_json::to_value(err.code())
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    record(input, operation, &code, &err.to_string(), "yes");
    Some(err)
}

fn session_on(dir: &Path) -> Session {
    Session::new(RecentList::at(dir.join("recent.json"))).with_kdf(Kdf::Fixed(18))
}

/// A closed vault with a campaign, for the unlock cases.
fn closed_vault() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, vault, _) = new_vault(true);
    write_canary(&vault);
    vault.lock().expect("lock");
    let path = vault_path(&dir);
    (dir, path)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy");
        }
    }
}

#[test]
fn bad_inputs_are_refused_with_their_code_and_change_nothing() {
    unlock_cases();
    import_cases();
    archive_cases();
    name_cases();
    write_table();
    let failures = FAILURES.lock().unwrap_or_else(|p| p.into_inner());
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A change made to a copy of the vault folder.
type Damage = Box<dyn Fn(&Path)>;

fn unlock_cases() {
    let (dir, good) = closed_vault();
    let pass = secret(PASS);
    let unlock = |p: &Path| Vault::unlock(p, &pass);
    // Each case works on its own copy of the vault.
    let case = |name: &str, damage: &dyn Fn(&Path)| -> std::path::PathBuf {
        let p = dir.path().join(format!("{name}.fieldbook"));
        copy_dir(&good, &p);
        damage(&p);
        p
    };

    let before = snapshot(&good);
    expect_err(
        "wrong passphrase",
        "unlock",
        Vault::unlock(&good, &secret("wrong horse battery staple 77")),
        ErrorCode::WrongPassphrase,
        &good,
        &before,
    );
    expect_err(
        "wrong recovery key (a valid key of another vault)",
        "unlock with recovery key",
        Vault::unlock_with(
            &good,
            Unlock::RecoveryKey(&age::x25519::Identity::generate().to_string()),
        ),
        ErrorCode::WrongPassphrase,
        &good,
        &before,
    );
    expect_err(
        "recovery key that is not a key (`hello`)",
        "unlock with recovery key",
        Vault::unlock_with(&good, Unlock::RecoveryKey(&secret("hello"))),
        ErrorCode::InvalidInput,
        &good,
        &before,
    );

    let key = |p: &Path| p.join("keys").join("passphrase.age");
    let cases: Vec<(&str, Damage, ErrorCode)> = vec![
        (
            "key file missing (keys/passphrase.age deleted)",
            Box::new(move |p: &Path| std::fs::remove_file(key(p)).expect("rm")),
            ErrorCode::KeyFileMissing,
        ),
        (
            "key file is random bytes",
            Box::new(move |p: &Path| std::fs::write(key(p), [0x9cu8; 300]).expect("w")),
            ErrorCode::KeyFileCorrupt,
        ),
        (
            "key file is empty",
            Box::new(move |p: &Path| std::fs::write(key(p), b"").expect("w")),
            ErrorCode::KeyFileCorrupt,
        ),
        (
            "key file truncated to half",
            Box::new(move |p: &Path| {
                let b = std::fs::read(key(p)).expect("r");
                std::fs::write(key(p), &b[..b.len() / 2]).expect("w")
            }),
            ErrorCode::KeyFileCorrupt,
        ),
        (
            "key file with one bit flipped in its last byte (MAC fails)",
            Box::new(move |p: &Path| {
                let mut b = std::fs::read(key(p)).expect("r");
                let last = b.len() - 1;
                b[last] ^= 1;
                std::fs::write(key(p), &b).expect("w")
            }),
            ErrorCode::KeyFileCorrupt,
        ),
        (
            "key file of 1 MiB (over the 64 KiB limit)",
            Box::new(move |p: &Path| std::fs::write(key(p), vec![b'a'; 1 << 20]).expect("w")),
            ErrorCode::KeyFileCorrupt,
        ),
        (
            "vault.db truncated mid-page",
            Box::new(|p: &Path| {
                let db = p.join("vault.db");
                let b = std::fs::read(&db).expect("r");
                std::fs::write(&db, &b[..b.len() - 1000]).expect("w")
            }),
            ErrorCode::DatabaseCorrupt,
        ),
        (
            "vault.db truncated to its first page",
            Box::new(|p: &Path| {
                let db = p.join("vault.db");
                let b = std::fs::read(&db).expect("r");
                std::fs::write(&db, &b[..4096]).expect("w")
            }),
            ErrorCode::DatabaseCorrupt,
        ),
        (
            "vault.db empty (0 bytes)",
            Box::new(|p: &Path| std::fs::write(p.join("vault.db"), b"").expect("w")),
            ErrorCode::DatabaseCorrupt,
        ),
        (
            "vault.db with one bit flipped in page 1",
            Box::new(|p: &Path| {
                let db = p.join("vault.db");
                let mut b = std::fs::read(&db).expect("r");
                b[2000] ^= 0x10;
                std::fs::write(&db, &b).expect("w")
            }),
            ErrorCode::DatabaseCorrupt,
        ),
        (
            "vault.db with one bit flipped in its last page",
            Box::new(|p: &Path| {
                let db = p.join("vault.db");
                let mut b = std::fs::read(&db).expect("r");
                let i = b.len() - 2000;
                b[i] ^= 0x10;
                std::fs::write(&db, &b).expect("w")
            }),
            ErrorCode::DatabaseCorrupt,
        ),
        (
            "vault.db replaced by a plain SQLite database",
            Box::new(|p: &Path| {
                let db = p.join("vault.db");
                std::fs::remove_file(&db).expect("rm");
                let c = rusqlite::Connection::open(&db).expect("open");
                c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
                    .expect("plain");
            }),
            ErrorCode::DatabaseCorrupt,
        ),
        (
            "vault.db missing",
            Box::new(|p: &Path| std::fs::remove_file(p.join("vault.db")).expect("rm")),
            ErrorCode::NotAVault,
        ),
    ];
    for (i, (name, damage, want)) in cases.into_iter().enumerate() {
        let p = case(&format!("case{i}"), &*damage);
        let before = snapshot(&p);
        expect_err(name, "unlock", unlock(&p), want, &p, &before);
    }
    // The good vault still opens and holds its data.
    let v = Vault::unlock(&good, &pass).expect("the original still opens");
    assert_eq!(read_canary(&v), CANARY);
}

fn import_cases() {
    let dir = tempfile::tempdir().expect("tmp");
    let session = session_on(dir.path());
    session
        .create(fieldbook::api::CreateVaultRequest {
            folder: dir.path().display().to_string(),
            name: "Import".into(),
            passphrase: secret(PASS),
            with_recovery_key: false,
        })
        .expect("create");
    let vault = dir.path().join("Import.fieldbook");
    let cid = session
        .create_campaign(&CampaignInput {
            name: "Riverside DC".into(),
            ..CampaignInput::default()
        })
        .expect("campaign")
        .id;
    let none: [MappingOverride; 0] = [];
    let count = |s: &Session| {
        s.worker_list(cid, &WorkerFilter::default())
            .expect("list")
            .counts
            .total
    };

    let mut zip_not_xlsx = Vec::new();
    {
        // A real zip (stored, one entry) that holds no workbook.
        let name = b"hello.txt";
        let data = b"not a spreadsheet";
        let crc = crc32(data);
        let mut local = Vec::new();
        local.extend_from_slice(&0x04034b50u32.to_le_bytes());
        local.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        local.extend_from_slice(&crc.to_le_bytes());
        local.extend_from_slice(&(data.len() as u32).to_le_bytes());
        local.extend_from_slice(&(data.len() as u32).to_le_bytes());
        local.extend_from_slice(&(name.len() as u16).to_le_bytes());
        local.extend_from_slice(&0u16.to_le_bytes());
        local.extend_from_slice(name);
        local.extend_from_slice(data);
        let mut central = Vec::new();
        central.extend_from_slice(&0x02014b50u32.to_le_bytes());
        central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&(data.len() as u32).to_le_bytes());
        central.extend_from_slice(&(data.len() as u32).to_le_bytes());
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(name);
        zip_not_xlsx.extend_from_slice(&local);
        let cd_offset = zip_not_xlsx.len() as u32;
        zip_not_xlsx.extend_from_slice(&central);
        zip_not_xlsx.extend_from_slice(&0x06054b50u32.to_le_bytes());
        zip_not_xlsx.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
        zip_not_xlsx.extend_from_slice(&(central.len() as u32).to_le_bytes());
        zip_not_xlsx.extend_from_slice(&cd_offset.to_le_bytes());
        zip_not_xlsx.extend_from_slice(&0u16.to_le_bytes());
    }
    let mut garbage = vec![0u8; 64 * 1024];
    let mut x: u32 = 0x1234_5678;
    for b in garbage.iter_mut() {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
    let big_name = format!("Name,Dept.\n{},Receiving\n", "A".repeat(10 << 20));
    let many_columns = {
        let headers: Vec<String> = (0..20_000).map(|i| format!("c{i}")).collect();
        format!("{}\n", headers.join(","))
    };

    let cases: Vec<(&str, &str, Vec<u8>, ErrorCode)> = vec![
        (
            "CSV with ragged rows (a row with more cells than headers)",
            "list.csv",
            b"Name,Dept.\nAna Pena,Receiving\nBo Chen,Shipping,Night,extra\n".to_vec(),
            ErrorCode::InvalidInput,
        ),
        (
            "CSV that is 64 KiB of binary garbage",
            "list.csv",
            garbage.clone(),
            ErrorCode::InvalidInput,
        ),
        (
            "empty CSV (0 bytes)",
            "list.csv",
            Vec::new(),
            ErrorCode::InvalidInput,
        ),
        (
            "CSV with an unbalanced quote",
            "list.csv",
            b"Name,Dept.\n\"Ana Pena,Receiving\nBo Chen,Shipping\n".to_vec(),
            ErrorCode::InvalidInput,
        ),
        (
            "CSV with a 10 MiB name cell",
            "list.csv",
            big_name.into_bytes(),
            ErrorCode::InvalidInput,
        ),
        (
            "CSV with 20,000 columns",
            "list.csv",
            many_columns.into_bytes(),
            ErrorCode::InvalidInput,
        ),
        (
            "random bytes named .xlsx",
            "list.xlsx",
            garbage.clone(),
            ErrorCode::InvalidInput,
        ),
        (
            "a zip that is not a workbook, named .xlsx",
            "list.xlsx",
            zip_not_xlsx,
            ErrorCode::InvalidInput,
        ),
        (
            "random bytes named .xls",
            "list.xls",
            garbage.clone(),
            ErrorCode::InvalidInput,
        ),
        (
            "random bytes named .ods",
            "list.ods",
            garbage,
            ErrorCode::InvalidInput,
        ),
        (
            "a file named .pdf",
            "list.pdf",
            b"%PDF-1.7".to_vec(),
            ErrorCode::InvalidInput,
        ),
    ];
    for (name, file, bytes, want) in cases {
        let before = snapshot(&vault);
        let rows_before = count(&session);
        let result = session.import_preview(cid, file, &bytes, &none);
        match result {
            Err(_) => {
                expect_err(name, "import preview", result, want, &vault, &before);
            }
            Ok(draft) => {
                // A file that reads but cannot be imported with any mapping shows its problem in
                // the preview; apply must refuse it too.
                let problem = draft.problem.clone();
                let applied = session.import_apply(
                    cid,
                    file,
                    &bytes,
                    &draft.mapping,
                    &ApplyChoices::default(),
                );
                let err = expect_err(name, "import apply", applied, want, &vault, &before);
                if let (Some(p), Some(err)) = (problem, err) {
                    assert_eq!(p.code, ErrorCode::InvalidInput, "{name}: {err}");
                }
            }
        }
        if count(&session) != rows_before {
            fail(format!("{name}: rows were imported"));
        }
        if name.contains("unbalanced quote") {
            note("Fixed: was imported as one worker whose name held the rest of the file.");
        }
        if name.contains("10 MiB") {
            note("The preview shows the row without a problem; apply refuses it with its row.");
        }
    }

    // A header row and no data is a file with nothing in it, not a damaged one: the preview
    // shows 0 rows and applying it adds nothing (and, with the default choices, marks no one
    // missing).
    let header_only = b"Name,Dept.\n".to_vec();
    let before = snapshot(&vault);
    let rows_before = count(&session);
    let draft = session
        .import_preview(cid, "list.csv", &header_only, &none)
        .expect("a header-only CSV reads");
    assert_eq!(draft.total_rows, 0);
    assert!(draft.problem.is_none(), "{:?}", draft.problem);
    let s = session
        .import_apply(
            cid,
            "list.csv",
            &header_only,
            &draft.mapping,
            &ApplyChoices::default(),
        )
        .expect("a header-only CSV applies");
    assert_eq!((s.added, s.updated, s.marked_missing), (0, 0, 0));
    assert_eq!(count(&session), rows_before);
    let unchanged = if snapshot(&vault) == before {
        "yes"
    } else {
        "no (the column mapping is saved for the next import)"
    };
    record(
        "CSV of only a header row",
        "import preview, apply",
        "(accepted)",
        &format!("preview: 0 rows; apply: {s:?}"),
        unchanged,
    );
    note("Reasonable: an empty list, not a damaged file; nothing is added or marked missing.");

    // Wrong encoding is not an error: Windows-1252 bytes are decoded (tests/import_read.rs), so
    // "Peña" arrives intact. Names with NUL, slashes, control characters and `../` are data, not
    // paths: they are stored as text and no file is created from them.
    let latin1 = b"Name,Dept.\nAna Pe\xf1a,Receiving\n".to_vec();
    let draft = session
        .import_preview(cid, "list.csv", &latin1, &none)
        .expect("windows-1252 reads");
    let s = session
        .import_apply(
            cid,
            "list.csv",
            &latin1,
            &draft.mapping,
            &ApplyChoices::default(),
        )
        .expect("windows-1252 imports");
    assert_eq!(s.added, 1);
    let names = session
        .with_conn(|c, _| {
            Ok(c.query_row(
                "SELECT group_concat(legal_name, '|') FROM worker",
                [],
                |r| r.get::<_, String>(0),
            )?)
        })
        .expect("names");
    assert_eq!(names, "Ana Peña");
    record(
        "CSV in Windows-1252 (not UTF-8)",
        "import",
        "(accepted)",
        "decoded as Windows-1252: \"Ana Peña\" imported intact",
        "written as asked",
    );

    let tricky = "Name,Dept.\n../../etc/passwd,Receiving\n\"Bo\u{0}Chen\",Ship/ping\n\"Cy\u{7}\u{1b}[31mRed\",Night\n";
    let before_files: Vec<String> = snapshot(&vault).into_keys().collect();
    let result = session.import_preview(cid, "list.csv", tricky.as_bytes(), &none);
    match result {
        Ok(draft) if draft.problem.is_none() => {
            let s = session
                .import_apply(
                    cid,
                    "list.csv",
                    tricky.as_bytes(),
                    &draft.mapping,
                    &ApplyChoices::default(),
                )
                .expect("apply");
            let stored = session
                .with_conn(|c, _| {
                    let mut st = c.prepare("SELECT legal_name FROM worker ORDER BY id")?;
                    let v = st
                        .query_map([], |r| r.get::<_, String>(0))?
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    Ok(v)
                })
                .expect("names");
            // No file was made from a name: the vault folder has the same files as before.
            let after_files: Vec<String> = snapshot(&vault).into_keys().collect();
            assert_eq!(before_files, after_files);
            assert!(!dir.path().join("etc").exists());
            let shown: Vec<String> = stored.iter().skip(1).map(|n| format!("{n:?}")).collect();
            record(
                "CSV names `../../etc/passwd`, `Bo<NUL>Chen`, `Cy<BEL><ESC>[31mRed`, department `Ship/ping`",
                "import",
                "(accepted)",
                &format!(
                    "{} added; stored as text: {}; no file created",
                    s.added,
                    shown.join(", ")
                ),
                "written as asked",
            );
        }
        Ok(draft) => {
            let p = draft.problem.expect("problem");
            record(
                "CSV names `../../etc/passwd`, `Bo<NUL>Chen`, `Cy<BEL><ESC>[31mRed`",
                "import preview",
                &format!("{:?}", p.code),
                &p.message,
                "yes",
            );
        }
        Err(e) => {
            record(
                "CSV names `../../etc/passwd`, `Bo<NUL>Chen`, `Cy<BEL><ESC>[31mRed`",
                "import preview",
                &format!("{:?}", e.code()),
                &e.to_string(),
                "yes",
            );
        }
    }
    session.lock().expect("lock");
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The entries of a decrypted archive, in order.
fn tar_entries(stream: impl Read) -> Vec<(String, Vec<u8>)> {
    let mut tar = tar::Archive::new(stream);
    let mut out = Vec::new();
    for e in tar.entries().expect("entries") {
        let mut e = e.expect("entry");
        let path = String::from_utf8_lossy(&e.path_bytes()).into_owned();
        let mut data = Vec::new();
        e.read_to_end(&mut data).expect("data");
        out.push((path, data));
    }
    out
}

/// A tar of `entries` with their names written as given (`..` included), age-encrypted to
/// `recipient`.
fn craft(entries: &[(String, Vec<u8>)], recipient: &age::x25519::Recipient) -> Vec<u8> {
    let mut tar = tar::Builder::new(Vec::new());
    for (path, data) in entries {
        let mut h = tar::Header::new_ustar();
        let name = path.as_bytes();
        h.as_old_mut().name[..name.len()].copy_from_slice(name);
        h.set_size(data.len() as u64);
        h.set_mode(0o600);
        h.set_entry_type(tar::EntryType::Regular);
        h.set_cksum();
        tar.append(&h, data.as_slice()).expect("append");
    }
    let plain = tar.into_inner().expect("tar");
    let enc = age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient))
        .expect("encryptor");
    let mut out = Vec::new();
    let mut w = enc.wrap_output(&mut out).expect("wrap");
    w.write_all(&plain).expect("write");
    w.finish().expect("finish");
    out
}

fn archive_cases() {
    let (dir, vault, recovery) = new_vault(true);
    write_canary(&vault);
    let recovery = recovery.expect("recovery");
    let out = tempfile::tempdir().expect("tmp");
    let good = out.path().join("good.age");
    let protection = backup::recovery_protection(vault.conn())
        .expect("protection")
        .expect("recipient");
    backup::backup(
        vault.conn(),
        vault.path(),
        &good,
        protection,
        &Progress::none(),
    )
    .expect("backup");
    vault.lock().expect("lock");
    let vault = vault_path(&dir);
    let before = snapshot(&vault);
    let identity =
        || -> age::x25519::Identity { recovery.expose_secret().parse().expect("identity") };
    let key = || Key::Identities(vec![Box::new(identity())]);
    let bytes = std::fs::read(&good).expect("read");
    let dest = out.path().join("Restored.fieldbook");
    let pass = secret(PASS);

    let write = |name: &str, b: &[u8]| {
        let p = out.path().join(name);
        std::fs::write(&p, b).expect("write");
        p
    };
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x01;
    let flipped = write("flipped.age", &flipped);
    let truncated = write("truncated.age", &bytes[..bytes.len() * 2 / 3]);
    let header_only = write("header.age", &bytes[..200.min(bytes.len())]);
    let not_age = write("not-age.age", b"this is not an age file at all\n");

    // Re-encrypted by someone holding the key: the age layer is sound, the manifest is not.
    let entries =
        tar_entries(fieldbook::export::open::decrypt_file(&good, &key()).expect("decrypt"));
    let recipient = identity().to_public();
    let mut changed = entries.clone();
    for (path, data) in changed.iter_mut() {
        if path.ends_with("vault.db") {
            let i = data.len() / 2;
            data[i] ^= 0x01;
        }
    }
    let changed = write("changed-inside.age", &craft(&changed, &recipient));
    let mut dotdot = entries.clone();
    dotdot.push((
        "vault.fieldbook/../../escaped.txt".into(),
        b"written outside".to_vec(),
    ));
    let dotdot = write("dotdot.age", &craft(&dotdot, &recipient));
    let mut absolute = entries.clone();
    absolute.push(("/tmp/fieldbook-absolute-escape.txt".into(), b"x".to_vec()));
    let absolute = write("absolute.age", &craft(&absolute, &recipient));
    let mut replaced = entries.clone();
    for (path, _) in replaced.iter_mut() {
        if path.ends_with("keys/passphrase.age") {
            *path = "vault.fieldbook/keys/../../../keys/passphrase.age".into();
        }
    }
    let replaced = write("dotdot-key.age", &craft(&replaced, &recipient));
    let no_manifest: Vec<_> = entries
        .iter()
        .filter(|(p, _)| p != "manifest.json")
        .cloned()
        .collect();
    let no_manifest = write("no-manifest.age", &craft(&no_manifest, &recipient));

    let cases: Vec<(&str, &Path, ErrorCode, ErrorCode)> = vec![
        // (input, file, code from verify, code from restore)
        (
            "backup with one bit flipped in the middle",
            flipped.as_path(),
            ErrorCode::InvalidInput,
            ErrorCode::InvalidInput,
        ),
        (
            "backup truncated to two thirds",
            truncated.as_path(),
            ErrorCode::InvalidInput,
            ErrorCode::InvalidInput,
        ),
        (
            "backup truncated to its age header",
            header_only.as_path(),
            ErrorCode::InvalidInput,
            ErrorCode::InvalidInput,
        ),
        (
            "a text file named .age",
            not_age.as_path(),
            ErrorCode::InvalidInput,
            ErrorCode::InvalidInput,
        ),
        (
            "re-encrypted archive whose vault.db differs from the manifest",
            changed.as_path(),
            ErrorCode::InvalidInput,
            ErrorCode::InvalidInput,
        ),
        (
            "archive with an extra entry `vault.fieldbook/../../escaped.txt`",
            dotdot.as_path(),
            ErrorCode::InvalidInput,
            ErrorCode::InvalidInput,
        ),
        (
            "archive with an absolute entry `/tmp/fieldbook-absolute-escape.txt`",
            absolute.as_path(),
            ErrorCode::InvalidInput,
            ErrorCode::InvalidInput,
        ),
        (
            "archive whose key file entry is `vault.fieldbook/keys/../../../keys/passphrase.age`",
            replaced.as_path(),
            ErrorCode::InvalidInput,
            ErrorCode::InvalidInput,
        ),
        (
            "archive without manifest.json",
            no_manifest.as_path(),
            ErrorCode::InvalidInput,
            ErrorCode::InvalidInput,
        ),
    ];
    let outside_before: Vec<String> = snapshot(out.path()).into_keys().collect();
    for (name, file, verify_code, restore_code) in cases {
        match fieldbook::api::export::verify_file(file, &key()) {
            Ok(report) => {
                if report.ok {
                    fail(format!("{name}: verify said ok"));
                }
                if snapshot(&vault) != before {
                    fail(format!("{name}: verify changed the vault"));
                }
                record(
                    name,
                    "verify-bundle",
                    "(report: not ok)",
                    &report.problems.join("; "),
                    "yes",
                );
            }
            Err(e) => {
                expect_err(
                    name,
                    "verify-bundle",
                    Err::<(), _>(e),
                    verify_code,
                    &vault,
                    &before,
                );
            }
        }
        expect_err(
            name,
            "restore",
            fieldbook::api::export::restore_file(file, &key(), &dest, Unlock::Passphrase(&pass)),
            restore_code,
            &vault,
            &before,
        );
        if name.starts_with("backup with one bit") || name.starts_with("backup truncated to two") {
            note("Fixed: restore said `io` \"Could not write …/vault.db: decryption error\".");
        }
        if dest.exists() {
            fail(format!("{name}: a restore was left behind"));
            let _ = std::fs::remove_dir_all(&dest);
        }
        let outside_after: Vec<String> = snapshot(out.path()).into_keys().collect();
        if outside_before != outside_after {
            fail(format!("{name}: files appeared: {outside_after:?}"));
        }
        if out
            .path()
            .parent()
            .expect("parent")
            .join("escaped.txt")
            .exists()
        {
            fail(format!("{name}: escaped.txt was written outside"));
        }
        if Path::new("/tmp/fieldbook-absolute-escape.txt").exists() {
            fail(format!("{name}: an absolute path was written"));
        }
    }
    // And the untouched backup restores.
    fieldbook::api::export::restore_file(&good, &key(), &dest, Unlock::Passphrase(&pass))
        .expect("the good backup restores");
}

fn name_cases() {
    // Evidence file names with path tricks are cleaned when added; the bundle's entry names are
    // built from the cleaned name, so none climbs out of the bundle.
    let (dir, mut vault, _) = new_vault(false);
    let conn = vault.conn_mut();
    let c = fieldbook::workers::campaign::create(
        conn,
        &CampaignInput {
            name: "Riverside DC".into(),
            ..CampaignInput::default()
        },
    )
    .expect("campaign")
    .id;
    let today = fieldbook::workers::dates::today();
    let day = fieldbook::workers::dates::fmt(today);
    let incident = incidents::create(
        conn,
        c,
        &IncidentInput {
            occurred_on: day.clone(),
            learned_on: day,
            category: IncidentCategory::Retaliation,
            summary: "Written warning after wearing a union button".into(),
            ..IncidentInput::default()
        },
        today,
    )
    .expect("incident");
    let tricks = [
        "../../etc/passwd",
        "/etc/shadow",
        "..\\..\\Windows\\system.ini",
        "a\u{0}b.pdf",
        "bell\u{7}\u{1b}[2J.txt",
        "dir/sub/photo.jpg",
        "..",
        "",
        "CON",
    ];
    let mut stored = Vec::new();
    for t in tricks {
        let e = evidence::add(conn, incident, t, "", &mut &b"evidence bytes"[..])
            .expect("added under a cleaned name");
        stored.push((t, e.file_name));
    }
    for (t, name) in &stored {
        assert!(
            !name.is_empty()
                && !name.contains('/')
                && !name.contains('\\')
                && name != ".."
                && !name.starts_with('.')
                && !name.chars().any(char::is_control),
            "{t:?} was stored as {name:?}"
        );
    }
    let out = tempfile::tempdir().expect("tmp");
    let dest = out.path().join("bundle.age");
    let id = age::x25519::Identity::generate();
    let protection = Protection::Recipients(vec![
        recipients::parse(&id.to_public().to_string()).expect("recipient")
    ]);
    let summary = fieldbook::export::bundle::export(
        conn,
        &BundleSelection {
            campaign_id: c,
            incidents: vec![incident],
            evidence: true,
            ..BundleSelection::default()
        },
        today,
        &dest,
        protection,
        false,
        &Progress::none(),
    )
    .expect("export");
    let key = Key::Identities(vec![Box::new(id)]);
    let entries = tar_entries(fieldbook::export::open::decrypt_file(&dest, &key).expect("open"));
    let names: Vec<&String> = entries.iter().map(|(p, _)| p).collect();
    for n in &names {
        assert!(
            !n.starts_with('/')
                && !n.split('/').any(|part| part == ".." || part.is_empty())
                && !n.chars().any(char::is_control)
                && !n.contains('\\'),
            "unsafe bundle entry {n:?}"
        );
    }
    assert_eq!(summary.files as usize + 1, entries.len());
    let shown: Vec<String> = stored
        .iter()
        .map(|(t, n)| format!("{t:?} → {n:?}"))
        .collect();
    record(
        "evidence file names with path tricks",
        "add evidence, export bundle",
        "(accepted, cleaned)",
        &shown.join(", "),
        "written as asked",
    );
    let evidence_entries: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("evidence/"))
        .copied()
        .collect();
    record(
        "the bundle made from them",
        "export bundle",
        "(accepted)",
        &format!("entries: {evidence_entries:?}"),
        "n/a (writes only the bundle)",
    );
    drop(vault);
    drop(dir);
}

fn write_table() {
    let rows = ROWS.lock().unwrap_or_else(|p| p.into_inner());
    let mut s = String::from(
        "| bad input | operation | error code | message shown | vault unchanged | note |\n|---|---|---|---|---|---|\n",
    );
    for r in rows.iter() {
        s.push_str(&format!(
            "| {} | {} | `{}` | {} | {} | {} |\n",
            r.input, r.operation, r.code, r.message, r.vault_unchanged, r.note
        ));
    }
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad-input.md");
    std::fs::write(&out, &s).expect("write the table");
    println!("{s}\n(written to {})", out.display());
}
