//! The restore path's archive reader: a decrypted backup (tar) → files written into a fresh
//! temporary vault folder (only the database and the two key files, create-new), the manifest
//! check, the format check and the presence check. Nothing may be written outside the folder.
#![no_main]

use fieldbook::export::restore::unpack;
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static N: AtomicU64 = AtomicU64::new(0);

fn base() -> PathBuf {
    // tmpfs when there is one: each run creates and removes a folder.
    let shm = Path::new("/dev/shm");
    let root = if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    root.join(format!("fieldbook-fuzz-restore-{}", std::process::id()))
}

fuzz_target!(|data: &[u8]| {
    let base = base();
    let n = N.fetch_add(1, Ordering::Relaxed);
    let tmp = base.join(format!("v{n}"));
    if std::fs::create_dir_all(tmp.join("keys")).is_err() {
        return;
    }
    let _ = unpack(data, &tmp, Path::new("backup.age"));
    // Everything written must be inside the folder: the base holds only it.
    if let Ok(entries) = std::fs::read_dir(&base) {
        for e in entries.flatten() {
            assert_eq!(e.path(), tmp, "restore wrote outside its folder");
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
});
