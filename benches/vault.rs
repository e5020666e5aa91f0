//! Vault benchmarks: what unlocking costs (the scrypt KDF versus everything else), and how fast a
//! simple table is inside a real SQLCipher vault compared with a plain SQLite file.
//!
//! Run with `cargo bench --bench vault`. Results and the machine they were taken on are in
//! `docs/benchmarks.md`.
//!
//! Everything happens in a temporary folder on the same file system as the system temp dir; both
//! databases (encrypted and plain) run with the vault's own settings (WAL, `synchronous = FULL`,
//! `secure_delete = ON`, …), so the only difference between the two is the encryption.

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use fieldbook::vault::key::DataKey;
use fieldbook::vault::layout::Layout;
use fieldbook::vault::{connection, keyfile, schema, CreateOptions, Kdf, Vault};
use fieldbook::SecretString;
use rusqlite::{Connection, OpenFlags};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const PASSPHRASE: &str = "violet tractor molasses 42 harbor";
/// Rows in the throughput table.
const ROWS: i64 = 10_000;
/// A 60-byte note, as a person might type into a field.
const NOTE: &str = "Met at the loading dock; wants to talk about the night shift.";

fn passphrase() -> SecretString {
    SecretString::from(PASSPHRASE)
}

fn new_vault(folder: &Path, name: &str, work_factor: u8) -> Vault {
    let options = CreateOptions {
        kdf: Kdf::Fixed(work_factor),
        with_recovery_key: false,
    };
    Vault::create(folder, name, &passphrase(), options)
        .expect("create vault")
        .0
}

/// The flags the library opens a database with.
fn open_flags() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_NOFOLLOW
}

/// The vault's own settings (WAL, `synchronous = FULL`, `secure_delete = ON`, …).
fn configure(conn: &Connection) {
    connection::configure(conn).expect("configure");
}

/// Everything `Vault::unlock` does after the key file is decrypted, through the library's own
/// `connection::open_existing` (length check, open, cipher check, raw key, first-page probe,
/// `quick_check(1)`), `schema::check_supported`, `connection::configure` and `schema::migrate_to`
/// (a no-op on a current vault). Not included: the lock file and the rotation check, each a few
/// file operations.
fn open_with_key(db: &Path, key: &DataKey) -> Connection {
    let mut conn = connection::open_existing(db, key).expect("open vault.db");
    schema::check_supported(&conn).expect("schema supported");
    configure(&conn);
    schema::migrate_to(&mut conn, schema::LATEST).expect("migrate");
    conn
}

fn close(conn: Connection) {
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
    conn.close().map_err(|(_, e)| e).expect("close");
}

fn unlock(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let pass = passphrase();
    let vault = new_vault(dir.path(), "unlock", 18);
    let root = vault.path().to_path_buf();
    vault.lock().expect("lock");
    let layout = Layout::new(&root);
    let key_path = layout.passphrase_key();
    let bytes_18 = keyfile::read(&key_path).expect("read key file");
    assert_eq!(keyfile::work_factor(&bytes_18), Some(18));
    let key = keyfile::unwrap_with_passphrase(&bytes_18, &pass, &key_path).expect("unwrap");
    // A key file at 2^19, the factor calibration picks on a machine about twice as fast.
    let bytes_19 = keyfile::wrap_with_passphrase(&DataKey::generate(), &pass, 19).expect("wrap");

    let mut g = c.benchmark_group("unlock");
    // Each KDF run takes most of a second: one run per sample, ten samples.
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(12));
    g.bench_function("kdf_scrypt_2^18", |b| {
        b.iter(|| keyfile::unwrap_with_passphrase(black_box(&bytes_18), &pass, &key_path))
    });
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("kdf_scrypt_2^19", |b| {
        b.iter(|| keyfile::unwrap_with_passphrase(black_box(&bytes_19), &pass, &key_path))
    });
    g.measurement_time(Duration::from_secs(12));
    g.bench_function("full_2^18", |b| {
        b.iter(|| {
            Vault::unlock(black_box(&root), &pass)
                .expect("unlock")
                .lock()
                .expect("lock")
        })
    });
    g.sampling_mode(SamplingMode::Auto)
        .sample_size(50)
        .measurement_time(Duration::from_secs(4));
    g.bench_function("open_without_kdf", |b| {
        b.iter(|| close(open_with_key(black_box(&layout.db()), &key)))
    });
    g.finish();
}

/// A vault and a plain SQLite file, each with the `bench` table.
struct Databases {
    dir: tempfile::TempDir,
    vault: Vault,
    plain: Connection,
}

fn databases() -> Databases {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = new_vault(dir.path(), "throughput", 18);
    let plain_path = dir.path().join("plain.sqlite");
    let plain =
        Connection::open_with_flags(&plain_path, open_flags() | OpenFlags::SQLITE_OPEN_CREATE)
            .expect("open plain");
    configure(&plain);
    for conn in [vault.conn(), &plain] {
        conn.execute_batch(
            "CREATE TABLE bench(id INTEGER PRIMARY KEY, name TEXT, note TEXT, n INTEGER);",
        )
        .expect("create table");
    }
    // The plain file really is plain, and the vault really is not.
    let header = |p: &Path| std::fs::read(p).expect("read db")[..16].to_vec();
    assert_eq!(header(&plain_path), b"SQLite format 3\0");
    assert_ne!(
        header(&Layout::new(vault.path()).db()),
        b"SQLite format 3\0"
    );
    Databases { dir, vault, plain }
}

/// Insert `ROWS` rows in one transaction with one prepared statement.
fn insert_rows(conn: &mut Connection) {
    let tx = conn.transaction().expect("begin");
    {
        let mut stmt = tx
            .prepare("INSERT INTO bench (id, name, note, n) VALUES (?1, ?2, ?3, ?4)")
            .expect("prepare");
        for id in 1..=ROWS {
            let name = format!("Member {id:05}");
            stmt.execute((id, name, NOTE, id * 7 % 1000))
                .expect("insert");
        }
    }
    tx.commit().expect("commit");
}

fn clear(conn: &Connection) {
    conn.execute_batch("DELETE FROM bench;").expect("delete");
}

fn scan(conn: &Connection) -> i64 {
    let mut stmt = conn
        .prepare_cached("SELECT id, name, note, n FROM bench")
        .expect("prepare");
    let mut rows = stmt.query([]).expect("query");
    let mut sum = 0i64;
    let mut bytes = 0usize;
    while let Some(row) = rows.next().expect("row") {
        let name: String = row.get(1).expect("name");
        let note: String = row.get(2).expect("note");
        bytes += name.len() + note.len();
        sum += row.get::<_, i64>(3).expect("n");
    }
    sum + bytes as i64
}

/// A small deterministic xorshift, so both databases see the same ids.
struct Ids(u64);

impl Ids {
    fn next_id(&mut self) -> i64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % ROWS as u64) as i64 + 1
    }
}

fn lookup(conn: &Connection, id: i64) -> String {
    let mut stmt = conn
        .prepare_cached("SELECT name, note, n FROM bench WHERE id = ?1")
        .expect("prepare");
    stmt.query_row([id], |r| r.get(1)).expect("lookup")
}

fn throughput(c: &mut Criterion) {
    let mut db = databases();

    let mut g = c.benchmark_group("insert");
    g.throughput(Throughput::Elements(ROWS as u64))
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    // The previous round's rows are deleted outside the timed part.
    g.bench_function("10k_rows_one_tx/sqlcipher", |b| {
        let conn = db.vault.conn_mut();
        b.iter_custom(|iters| timed_inserts(conn, iters))
    });
    g.bench_function("10k_rows_one_tx/plain", |b| {
        b.iter_custom(|iters| timed_inserts(&mut db.plain, iters))
    });
    g.finish();

    // Both tables now hold the same 10,000 rows.
    let vault_conn = db.vault.conn();
    let plain = &db.plain;
    for conn in [vault_conn, plain] {
        let n: i64 = conn
            .query_row("SELECT count(*) FROM bench", [], |r| r.get(0))
            .expect("count");
        assert_eq!(n, ROWS);
    }

    let mut g = c.benchmark_group("read");
    g.throughput(Throughput::Elements(ROWS as u64))
        .sample_size(50)
        .measurement_time(Duration::from_secs(5));
    g.bench_function("scan_10k/sqlcipher", |b| b.iter(|| scan(vault_conn)));
    g.bench_function("scan_10k/plain", |b| b.iter(|| scan(plain)));
    g.throughput(Throughput::Elements(1)).sample_size(100);
    g.bench_function("point_lookup/sqlcipher", |b| {
        let mut ids = Ids(0x9E37_79B9_7F4A_7C15);
        b.iter(|| lookup(vault_conn, ids.next_id()))
    });
    g.bench_function("point_lookup/plain", |b| {
        let mut ids = Ids(0x9E37_79B9_7F4A_7C15);
        b.iter(|| lookup(plain, ids.next_id()))
    });
    g.finish();

    // A cold read: a fresh connection, so every page comes from the file and (for the vault) is
    // decrypted and authenticated, not served from SQLite's page cache.
    let vault_db = Layout::new(db.vault.path()).db();
    let plain_db = db.dir.path().join("plain.sqlite");
    let key_hex = {
        let pass = passphrase();
        let key_path = Layout::new(db.vault.path()).passphrase_key();
        let bytes = keyfile::read(&key_path).expect("read key file");
        keyfile::unwrap_with_passphrase(&bytes, &pass, &key_path)
            .expect("unwrap")
            .to_hex()
    };
    for conn in [db.vault.conn(), &db.plain] {
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .expect("checkpoint");
    }
    let mut g = c.benchmark_group("read");
    g.throughput(Throughput::Elements(ROWS as u64))
        .sample_size(50)
        .measurement_time(Duration::from_secs(5));
    g.bench_function("scan_10k_cold/sqlcipher", |b| {
        b.iter(|| {
            let conn = Connection::open_with_flags(&vault_db, open_flags()).expect("open");
            conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", key_hex.as_str()))
                .expect("key");
            scan(&conn)
        })
    });
    g.bench_function("scan_10k_cold/plain", |b| {
        b.iter(|| {
            let conn = Connection::open_with_flags(&plain_db, open_flags()).expect("open");
            scan(&conn)
        })
    });
    g.finish();

    // Opening a vault that holds data: `quick_check` reads every page.
    let mut g = c.benchmark_group("unlock");
    g.sample_size(30).measurement_time(Duration::from_secs(5));
    let key = DataKey::from_hex(key_hex.as_bytes()).expect("key");
    g.bench_function("open_without_kdf_10k_rows", |b| {
        b.iter(|| close(open_with_key(black_box(&vault_db), &key)))
    });
    g.finish();
}

fn timed_inserts(conn: &mut Connection, iters: u64) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        clear(conn);
        let start = Instant::now();
        insert_rows(conn);
        total += start.elapsed();
    }
    total
}

criterion_group!(benches, unlock, throughput);
criterion_main!(benches);
