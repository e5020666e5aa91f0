//! Evidence files inside the vault: added and read back byte for byte (same SHA-256), streamed in
//! 1 MiB parts, uploaded in parts from the window (begin, parts, finish or cancel; unfinished
//! uploads discarded at the next unlock), all-or-nothing on failure, copies saved through a
//! temporary name, no plaintext in the vault folder, and a 200 MiB file added and saved by the CLI
//! with a flat memory profile (peak RSS measured in the child process).

mod common;

use common::*;
use fieldbook::incidents::{evidence, store, EvidenceUploadBegin, IncidentCategory, IncidentInput};
use fieldbook::vault::{Unlock, Vault};
use fieldbook::workers::{campaign, CampaignInput};
use fieldbook::{Error, ErrorCode, ExposeSecret};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

const MIB: usize = 1 << 20;

/// Deterministic pseudo-random bytes (xorshift64*), `len` of them, produced on demand: a large
/// file that is never held in memory. The canary, when given, is written at `canary_at`.
struct Generated {
    state: u64,
    pos: u64,
    len: u64,
    canary: Option<(u64, &'static [u8])>,
}

impl Generated {
    fn new(seed: u64, len: u64) -> Self {
        Generated {
            state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
            pos: 0,
            len,
            canary: None,
        }
    }

    fn with_canary(mut self, at: u64) -> Self {
        self.canary = Some((at, CANARY.as_bytes()));
        self
    }

    fn next_byte(&mut self) -> u8 {
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        (self.state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
    }
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = ((self.len - self.pos) as usize).min(buf.len());
        for b in &mut buf[..n] {
            let byte = self.next_byte();
            *b = match self.canary {
                Some((at, c)) if (at..at + c.len() as u64).contains(&self.pos) => {
                    c[(self.pos - at) as usize]
                }
                _ => byte,
            };
            self.pos += 1;
        }
        Ok(n)
    }
}

fn sha256_of(reader: &mut dyn Read) -> String {
    let mut h = Sha256::new();
    let mut buf = vec![0u8; MIB];
    loop {
        let n = reader.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    hex::encode(h.finalize())
}

fn bytes_of(mut g: Generated) -> Vec<u8> {
    let mut v = Vec::new();
    g.read_to_end(&mut v).unwrap();
    v
}

/// A writer that only hashes (and counts) what it is given.
#[derive(Default)]
struct HashSink {
    h: Sha256,
    n: u64,
}

impl Write for HashSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.h.update(buf);
        self.n += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A reader that fails after `ok` bytes.
struct FailsHalfWay {
    inner: Generated,
    ok: u64,
}

impl Read for FailsHalfWay {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.inner.pos >= self.ok {
            return Err(std::io::Error::other("the USB stick was pulled out"));
        }
        let room = ((self.ok - self.inner.pos) as usize).min(buf.len());
        self.inner.read(&mut buf[..room])
    }
}

/// A campaign with one incident; returns the incident's id.
fn incident(conn: &mut Connection) -> i64 {
    let c = campaign::create(
        conn,
        &CampaignInput {
            name: "Riverside DC".into(),
            ..CampaignInput::default()
        },
    )
    .unwrap()
    .id;
    let today = fieldbook::workers::dates::today();
    let day = fieldbook::workers::dates::fmt(today);
    store::create(
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
    .unwrap()
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn invalid<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    let e = result.unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput, "{e:?}");
    e.to_string()
}

#[test]
fn a_file_comes_back_byte_for_byte_with_the_same_sha256() {
    let (_dir, mut vault, _) = new_vault(false);
    let incident_id = incident(vault.conn_mut());
    let conn = vault.conn();
    let bytes = bytes_of(Generated::new(1, 3 * MIB as u64 + MIB as u64 / 2));
    let expected = hex::encode(Sha256::digest(&bytes));

    let e = evidence::add(
        conn,
        incident_id,
        "../photos/IMG_0042.JPG",
        "",
        &mut bytes.as_slice(),
    )
    .unwrap();
    assert_eq!(e.file_name, "IMG_0042.JPG", "no folders kept");
    assert_eq!(e.media_type, "image/jpeg");
    assert_eq!(e.size, bytes.len() as u64);
    assert_eq!(e.sha256, expected);
    assert_eq!(e.incident_id, Some(incident_id));
    assert!(e.added_at.ends_with('Z'));
    assert_eq!(
        count(conn, "SELECT count(*) FROM evidence_chunk"),
        4,
        "1 MiB parts"
    );

    let mut back = Vec::new();
    evidence::write_to(conn, e.id, &mut back).unwrap();
    assert!(back == bytes, "byte-identical");
    assert_eq!(hex::encode(Sha256::digest(&back)), e.sha256);

    // Ranges, for viewing in the window, across part boundaries.
    assert!(evidence::read_range(conn, e.id, 0, None).unwrap() == bytes);
    let at = MIB as u64 - 10;
    assert_eq!(
        evidence::read_range(conn, e.id, at, Some(20)).unwrap(),
        bytes[at as usize..at as usize + 20]
    );
    let tail = evidence::read_range(conn, e.id, bytes.len() as u64 - 5, Some(100)).unwrap();
    assert_eq!(tail, bytes[bytes.len() - 5..], "clipped at the end");
    assert!(evidence::read_range(conn, e.id, bytes.len() as u64, None)
        .unwrap()
        .is_empty());
    assert!(invalid(evidence::read_range(
        conn,
        e.id,
        bytes.len() as u64 + 1,
        None
    ))
    .contains("nothing at byte"));

    // Listed with the incident.
    let i = store::detail(conn, incident_id, fieldbook::workers::dates::today()).unwrap();
    assert_eq!(i.evidence, vec![e.clone()]);
    assert_eq!(evidence::for_incident(conn, incident_id).unwrap().len(), 1);

    evidence::delete(conn, e.id).unwrap();
    assert!(invalid(evidence::get(conn, e.id)).contains("no evidence file"));
    assert_eq!(count(conn, "SELECT count(*) FROM evidence_chunk"), 0);

    // Deleting the incident deletes its files.
    let again = evidence::add(conn, incident_id, "memo.pdf", "", &mut &b"%PDF-1.4 x"[..]).unwrap();
    assert_eq!(again.media_type, "application/pdf");
    store::delete(conn, incident_id).unwrap();
    assert_eq!(count(conn, "SELECT count(*) FROM evidence"), 0);
    assert_eq!(count(conn, "SELECT count(*) FROM evidence_chunk"), 0);
}

#[test]
fn a_stream_is_stored_and_read_a_part_at_a_time() {
    let (_dir, mut vault, _) = new_vault(false);
    let incident_id = incident(vault.conn_mut());
    let conn = vault.conn();
    let len = 20 * MIB as u64 + 123;
    let expected = sha256_of(&mut Generated::new(7, len));
    let e = evidence::add(
        conn,
        incident_id,
        "clip.mp4",
        "video/mp4",
        &mut Generated::new(7, len),
    )
    .unwrap();
    assert_eq!((e.size, e.sha256.as_str()), (len, expected.as_str()));
    assert_eq!(count(conn, "SELECT count(*) FROM evidence_chunk"), 21);
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM evidence_chunk WHERE length(data) <> 1048576"
        ),
        1,
        "every part but the last is whole"
    );
    let mut sink = HashSink::default();
    evidence::write_to(conn, e.id, &mut sink).unwrap();
    assert_eq!(sink.n, len);
    assert_eq!(hex::encode(sink.h.finalize()), expected);
}

#[test]
fn a_failure_half_way_leaves_nothing() {
    let (_dir, mut vault, _) = new_vault(false);
    let incident_id = incident(vault.conn_mut());
    let conn = vault.conn();
    let mut reader = FailsHalfWay {
        inner: Generated::new(3, 10 * MIB as u64),
        ok: 5 * MIB as u64 / 2,
    };
    let e = evidence::add(conn, incident_id, "video.mov", "", &mut reader).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Io, "{e:?}");
    assert!(e.to_string().contains("video.mov"), "{e}");
    assert_eq!(count(conn, "SELECT count(*) FROM evidence"), 0);
    assert_eq!(count(conn, "SELECT count(*) FROM evidence_chunk"), 0);

    let e = invalid(evidence::add(
        conn,
        incident_id,
        "empty.png",
        "",
        &mut &b""[..],
    ));
    assert!(e.contains("empty"), "{e}");
    let e = invalid(evidence::add(conn, 9_999, "a.png", "", &mut &b"x"[..]));
    assert!(e.contains("no incident"), "{e}");
    assert_eq!(count(conn, "SELECT count(*) FROM evidence"), 0);

    // Inside a caller's transaction, a failure rolls back only the file.
    conn.execute_batch("BEGIN").unwrap();
    evidence::add(conn, incident_id, "kept.txt", "", &mut &b"kept"[..]).unwrap();
    assert!(evidence::add(conn, incident_id, "empty.txt", "", &mut &b""[..]).is_err());
    conn.execute_batch("COMMIT").unwrap();
    assert_eq!(count(conn, "SELECT count(*) FROM evidence"), 1);
}

fn begin(conn: &Connection, incident_id: i64, size: u64, sha256: Option<String>) -> i64 {
    evidence::upload_begin(
        conn,
        &EvidenceUploadBegin {
            incident_id,
            file_name: "C:\\Users\\ana\\Pictures\\write-up.png".into(),
            media_type: "image/png".into(),
            size,
            sha256,
        },
    )
    .unwrap()
    .upload_id
}

#[test]
fn an_upload_in_parts_becomes_visible_only_when_finished() {
    let (_dir, mut vault, _) = new_vault(false);
    let incident_id = incident(vault.conn_mut());
    let conn = vault.conn();
    let bytes = bytes_of(Generated::new(11, 7 * MIB as u64 + 17));
    let sha = hex::encode(Sha256::digest(&bytes));
    let size = bytes.len() as u64;

    let up = evidence::upload_begin(
        conn,
        &EvidenceUploadBegin {
            incident_id,
            file_name: "C:\\Users\\ana\\Pictures\\write-up.png".into(),
            media_type: String::new(),
            size,
            sha256: Some(sha.to_uppercase()),
        },
    )
    .unwrap();
    assert_eq!(up.max_chunk_bytes as usize, 4 * MIB);
    let id = up.upload_id;

    // Parts of any size up to 4 MiB, in order.
    let first = 3 * MIB / 2;
    assert_eq!(
        evidence::upload_part(conn, id, 0, &bytes[..first]).unwrap(),
        first as u64
    );
    let e = invalid(evidence::upload_part(conn, id, 0, &bytes[..10]));
    assert!(
        e.contains(&format!("send the part that starts at byte {first}")),
        "{e}"
    );
    let e = invalid(evidence::upload_part(
        conn,
        id,
        first as u64,
        &vec![0u8; 4 * MIB + 1],
    ));
    assert!(e.contains("at most 4 MiB"), "{e}");
    let second = first + 4 * MIB - 3;
    assert_eq!(
        evidence::upload_part(conn, id, first as u64, &bytes[first..second]).unwrap(),
        second as u64
    );
    let e = invalid(evidence::upload_finish(conn, id));
    assert!(e.contains(&format!("Only {second} of")), "{e}");

    // Invisible until finished.
    assert!(evidence::for_incident(conn, incident_id)
        .unwrap()
        .is_empty());
    assert!(evidence::get(conn, id).is_err());
    let today = fieldbook::workers::dates::today();
    let row = &store::list(conn, 1, today).unwrap()[0];
    assert_eq!(row.evidence, 0);

    let mut too_much = bytes[second..].to_vec();
    too_much.push(0);
    assert!(
        invalid(evidence::upload_part(conn, id, second as u64, &too_much)).contains("announced")
    );
    assert_eq!(
        evidence::upload_part(conn, id, second as u64, &bytes[second..]).unwrap(),
        size
    );
    let e = evidence::upload_finish(conn, id).unwrap();
    assert_eq!(e.file_name, "write-up.png");
    assert_eq!(e.media_type, "image/png", "guessed from the name");
    assert_eq!((e.size, e.sha256.as_str()), (size, sha.as_str()));
    assert_eq!(
        count(
            conn,
            &format!("SELECT count(*) FROM evidence_chunk WHERE evidence_id = {id} AND length(data) <> 1048576")
        ),
        1,
        "stored in whole 1 MiB parts, whatever the upload's parts were"
    );
    let mut back = Vec::new();
    evidence::write_to(conn, e.id, &mut back).unwrap();
    assert!(back == bytes);
    assert_eq!(evidence::for_incident(conn, incident_id).unwrap().len(), 1);
    assert!(invalid(evidence::upload_part(conn, id, size, b"x")).contains("no upload"));
    assert!(invalid(evidence::upload_finish(conn, id)).contains("no upload"));

    // A hash that does not match discards the upload.
    let bad = begin(conn, incident_id, 4, Some("00".repeat(32)));
    evidence::upload_part(conn, bad, 0, b"abcd").unwrap();
    assert!(invalid(evidence::upload_finish(conn, bad)).contains("SHA-256 does not match"));
    assert_eq!(
        count(
            conn,
            &format!("SELECT count(*) FROM evidence WHERE id = {bad}")
        ),
        0
    );

    // Without a hash from the window, the vault computes it.
    let plain = begin(conn, incident_id, 4, None);
    evidence::upload_part(conn, plain, 0, b"abcd").unwrap();
    assert_eq!(
        evidence::upload_finish(conn, plain).unwrap().sha256,
        hex::encode(Sha256::digest(b"abcd"))
    );

    // Cancelled: gone (cancelling twice is fine).
    let cancelled = begin(conn, incident_id, 10, None);
    evidence::upload_part(conn, cancelled, 0, b"0123").unwrap();
    evidence::upload_cancel(conn, cancelled).unwrap();
    evidence::upload_cancel(conn, cancelled).unwrap();
    assert_eq!(
        count(
            conn,
            &format!("SELECT count(*) FROM evidence_chunk WHERE evidence_id = {cancelled}")
        ),
        0
    );

    // Refused at the start: empty, too large, a malformed hash, no such incident.
    let refuse = |size: u64, sha: Option<&str>, incident: i64| {
        invalid(evidence::upload_begin(
            conn,
            &EvidenceUploadBegin {
                incident_id: incident,
                file_name: "a.png".into(),
                media_type: String::new(),
                size,
                sha256: sha.map(str::to_string),
            },
        ))
    };
    assert!(refuse(0, None, incident_id).contains("empty"));
    assert!(refuse(evidence::MAX_BYTES + 1, None, incident_id).contains("2 GiB"));
    assert!(refuse(10, Some("xyz"), incident_id).contains("64 hexadecimal"));
    assert!(refuse(10, None, 9_999).contains("no incident"));
    // The limit itself is accepted.
    let max = begin(conn, incident_id, evidence::MAX_BYTES, None);
    evidence::upload_cancel(conn, max).unwrap();
}

#[test]
fn an_unfinished_upload_is_discarded_at_the_next_unlock_or_upload() {
    let (dir, mut vault, _) = new_vault(false);
    let incident_id = incident(vault.conn_mut());
    let conn = vault.conn();
    // A new upload discards one never finished.
    let first = begin(conn, incident_id, 3 * MIB as u64, None);
    evidence::upload_part(conn, first, 0, &vec![7u8; MIB]).unwrap();
    let second = begin(conn, incident_id, 3 * MIB as u64, None);
    assert!(invalid(evidence::upload_part(conn, first, MIB as u64, b"x")).contains("no upload"));
    evidence::upload_part(conn, second, 0, &vec![8u8; 2 * MIB]).unwrap();
    assert_eq!(count(conn, "SELECT count(*) FROM evidence_chunk"), 2);
    assert!(evidence::for_incident(conn, incident_id)
        .unwrap()
        .is_empty());
    vault.lock().unwrap();

    let vault = Vault::unlock(&vault_path(&dir), &secret(PASS)).unwrap();
    let conn = vault.conn();
    assert_eq!(
        count(conn, "SELECT count(*) FROM evidence"),
        0,
        "discarded at unlock"
    );
    assert_eq!(count(conn, "SELECT count(*) FROM evidence_chunk"), 0);
    assert!(invalid(evidence::upload_finish(conn, second)).contains("no upload"));
}

#[test]
fn a_copy_is_saved_through_a_temporary_name() {
    let (dir, mut vault, _) = new_vault(false);
    let incident_id = incident(vault.conn_mut());
    let conn = vault.conn();
    let bytes = bytes_of(Generated::new(5, 2 * MIB as u64 + 99));
    let e = evidence::add(
        conn,
        incident_id,
        "termination letter.pdf",
        "",
        &mut bytes.as_slice(),
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();

    let out = out_dir.join("copy.pdf");
    assert_eq!(evidence::save_copy(conn, e.id, &out, false).unwrap(), out);
    assert!(std::fs::read(&out).unwrap() == bytes);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode, 0o600,
            "the plaintext copy is readable by its owner only"
        );
    }
    // Not replaced by accident; replaced on purpose.
    std::fs::write(&out, b"older").unwrap();
    assert!(invalid(evidence::save_copy(conn, e.id, &out, false)).contains("already exists"));
    assert_eq!(std::fs::read(&out).unwrap(), b"older");
    evidence::save_copy(conn, e.id, &out, true).unwrap();
    assert!(std::fs::read(&out).unwrap() == bytes);
    // A folder: the file's own name inside it.
    let into = evidence::save_copy(conn, e.id, &out_dir, false).unwrap();
    assert_eq!(into, out_dir.join("termination letter.pdf"));

    // A failure after most bytes were written (here: a damaged part, caught by the hash check)
    // leaves no file at OUT and no temporary file beside it.
    conn.execute(
        "UPDATE evidence_chunk SET data = zeroblob(1048576) WHERE evidence_id = ?1 AND seq = 1",
        [e.id],
    )
    .unwrap();
    let failed = out_dir.join("failed.pdf");
    let err = evidence::save_copy(conn, e.id, &failed, false).unwrap_err();
    assert_eq!(err.code(), ErrorCode::DatabaseCorrupt, "{err:?}");
    assert!(!failed.exists());
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["copy.pdf", "termination letter.pdf"],
        "no temporary file left"
    );
    let mut sink = HashSink::default();
    assert!(evidence::write_to(conn, e.id, &mut sink).is_err());
}

#[test]
fn no_plaintext_of_the_evidence_in_the_vault_folder() {
    let (dir, mut vault, _) = new_vault(false);
    let incident_id = incident(vault.conn_mut());
    let root = vault_path(&dir);
    let files = |root: &Path| -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let p = entry.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let rel = p.strip_prefix(root).unwrap().display().to_string();
                    out.push((rel, std::fs::read(&p).unwrap()));
                }
            }
        }
        out.sort();
        out
    };
    let scan = |root: &Path| {
        for (name, bytes) in files(root) {
            assert!(
                !contains(&bytes, CANARY.as_bytes()),
                "{name} holds the evidence in plaintext"
            );
        }
    };
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x02\0\0\0IDAT".to_vec();
    for _ in 0..2000 {
        png.extend_from_slice(CANARY.as_bytes());
    }
    {
        let conn = vault.conn();
        evidence::add(conn, incident_id, "screenshot.png", "", &mut png.as_slice()).unwrap();
        // A staged upload part too.
        let up = begin(conn, incident_id, 10 * png.len() as u64, None);
        evidence::upload_part(conn, up, 0, &png).unwrap();
        let big = bytes_of(Generated::new(2, 3 * MIB as u64).with_canary(MIB as u64 - 7));
        evidence::add(conn, incident_id, "video.mp4", "", &mut big.as_slice()).unwrap();
    }
    scan(&root); // while open: vault.db and its WAL
    vault.lock().unwrap();
    scan(&root);
    let names: Vec<String> = files(&root).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["keys/passphrase.age", "vault.db", "vault.lock"],
        "no other file in the vault folder"
    );
    // Nothing beside the vault folder either.
    let beside: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["Test.fieldbook"]);
    // And the evidence is there when unlocked.
    let vault = Vault::unlock(&root, &secret(PASS)).unwrap();
    let mut back = Vec::new();
    evidence::write_to(vault.conn(), 1, &mut back).unwrap();
    assert!(back == png);
}

// ---------------------------------------------------------------------------------------------
// The command line, in child processes

/// A vault with a recovery key (so that the CLI can unlock it without scrypt's 256 MiB: the
/// memory measured is the evidence work's), a campaign and an incident. Returns the folder, the
/// vault path, the recovery key and the incident id.
fn cli_vault() -> (tempfile::TempDir, std::path::PathBuf, String, i64) {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, recovery) =
        Vault::create(dir.path(), "Test", &secret(PASS), options(true)).unwrap();
    let incident_id = incident(vault.conn_mut());
    vault.lock().unwrap();
    let recovery = recovery.unwrap().expose_secret().to_string();
    let path = vault_path_in(dir.path());
    (dir, path, recovery, incident_id)
}

fn vault_path_in(dir: &Path) -> std::path::PathBuf {
    dir.join("Test.fieldbook")
}

/// Run the CLI under a small Python wrapper that reports the child's peak resident set size
/// (`getrusage(RUSAGE_CHILDREN).ru_maxrss`, KiB on Linux). Returns the output and the peak in KiB.
fn measured(args: &[&str], stdin: &str, config: &Path) -> (Output, u64) {
    const WRAPPER: &str = "import resource, subprocess, sys\n\
        r = subprocess.run(sys.argv[2:], stdin=sys.stdin)\n\
        open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n\
        sys.exit(r.returncode)\n";
    let rss_file = config.join("rss.txt");
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(WRAPPER)
        .arg(&rss_file)
        .arg(env!("CARGO_BIN_EXE_fieldbook"))
        .args(args)
        .env("XDG_CONFIG_HOME", config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let rss = std::fs::read_to_string(&rss_file)
        .map(|s| s.trim().parse().unwrap_or(0))
        .unwrap_or(0);
    (out, rss)
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_cli_adds_and_saves_200_mib_with_flat_memory() {
    let (dir, vault, recovery, incident_id) = cli_vault();
    let v = vault.to_str().unwrap();
    let key = format!("{recovery}\n");
    let config = dir.path();

    // The source file, written from the generator (never held in memory).
    let len = 200 * MIB as u64;
    let source = dir.path().join("warehouse-video.mp4");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&source).unwrap());
        std::io::copy(&mut Generated::new(42, len), &mut f).unwrap();
        f.flush().unwrap();
    }
    let expected = sha256_of(&mut Generated::new(42, len));

    // Baseline: unlocking and locking alone.
    let (out, baseline) = measured(&["info", v, "--recovery-key-stdin"], &key, config);
    ok(&out);

    let started = std::time::Instant::now();
    let (out, add_rss) = measured(
        &[
            "evidence",
            "add",
            v,
            &incident_id.to_string(),
            source.to_str().unwrap(),
            "--recovery-key-stdin",
            "--json",
        ],
        &key,
        config,
    );
    ok(&out);
    let add_time = started.elapsed();
    let added: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(added["size"].as_u64(), Some(len));
    assert_eq!(added["sha256"].as_str(), Some(expected.as_str()));
    assert_eq!(added["mediaType"], "video/mp4");
    let id = added["id"].as_i64().unwrap().to_string();
    std::fs::remove_file(&source).unwrap();

    let copy = dir.path().join("copy.mp4");
    let started = std::time::Instant::now();
    let (out, save_rss) = measured(
        &[
            "evidence",
            "save",
            v,
            &id,
            copy.to_str().unwrap(),
            "--recovery-key-stdin",
        ],
        &key,
        config,
    );
    ok(&out);
    let save_time = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("NOT encrypted"), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        copy.to_str().unwrap()
    );
    assert_eq!(std::fs::metadata(&copy).unwrap().len(), len);
    let mut f = std::fs::File::open(&copy).unwrap();
    assert_eq!(sha256_of(&mut f), expected, "the copy is the same file");

    eprintln!(
        "peak RSS: unlock+lock {} KiB; evidence add 200 MiB {} KiB ({:.1?}); evidence save 200 MiB {} KiB ({:.1?})",
        baseline, add_rss, add_time, save_rss, save_time
    );
    let limit = 64 * 1024;
    assert!(baseline > 0 && add_rss > 0 && save_rss > 0, "measured");
    assert!(add_rss < limit, "adding 200 MiB peaked at {add_rss} KiB");
    assert!(save_rss < limit, "saving 200 MiB peaked at {save_rss} KiB");

    // The list shows it.
    let out = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .args(["evidence", "list", v, "--recovery-key-stdin", "--json"])
        .env("XDG_CONFIG_HOME", config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(key.as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    ok(&out);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list[0]["fileName"], "warehouse-video.mp4");
}

#[test]
fn a_cli_save_that_fails_leaves_no_file() {
    let (dir, vault, recovery, incident_id) = cli_vault();
    {
        let mut unlocked =
            Vault::unlock_with(&vault, Unlock::RecoveryKey(&secret(&recovery))).unwrap();
        let conn = unlocked.conn_mut();
        let bytes = bytes_of(Generated::new(9, 3 * MIB as u64));
        evidence::add(conn, incident_id, "photo.jpg", "", &mut bytes.as_slice()).unwrap();
        unlocked.lock().unwrap();
    }
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("photo.jpg");
    // The copy cannot grow past 1 MiB (RLIMIT_FSIZE, with SIGXFSZ ignored: writes fail with EFBIG).
    let mut child = Command::new("bash")
        .arg("-c")
        .arg("ulimit -f 1024; trap '' XFSZ; exec \"$@\"")
        .arg("bash")
        .arg(env!("CARGO_BIN_EXE_fieldbook"))
        .args([
            "evidence",
            "save",
            vault.to_str().unwrap(),
            "1",
            out.to_str().unwrap(),
            "--recovery-key-stdin",
        ])
        .env("XDG_CONFIG_HOME", dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{recovery}\n").as_bytes())
        .unwrap();
    let result = child.wait_with_output().unwrap();
    assert!(!result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("NOT encrypted"), "warned first: {stderr}");
    assert!(!out.exists(), "no partial file at OUT");
    assert_eq!(
        std::fs::read_dir(&out_dir).unwrap().count(),
        0,
        "no temporary file left: {stderr}"
    );
}
