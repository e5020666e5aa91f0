//! Checking an archive against its manifest: every entry is hashed as it streams past, then
//! compared with `manifest.json`: a changed, missing, extra or duplicated file is reported.

use super::manifest::{Manifest, MANIFEST};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{self, Read};
use ts_rs::TS;

/// The largest manifest accepted.
const MAX_MANIFEST: u64 = 16 << 20;

/// What a check of an archive found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ArchiveReport {
    /// Every file matched the manifest and the manifest listed every file.
    pub ok: bool,
    pub files_checked: u32,
    pub bytes_checked: u64,
    /// One line per problem, naming the file.
    pub problems: Vec<String>,
    pub manifest: Option<Manifest>,
}

/// What [`walk`] saw: each entry (path, SHA-256 hex, size), the manifest, and problems.
pub type Walked = (Vec<(String, String, u64)>, Option<Manifest>, Vec<String>);

/// Walk the tar stream `archive`, handing each regular entry but the manifest to `each` (path,
/// size, reader) and hashing what `each` reads (all of it is drained). Returns the entries seen
/// (path → SHA-256 hex, size), in order, and the parsed manifest if there was one.
pub fn walk(
    archive: impl Read,
    mut each: impl FnMut(&str, u64, &mut dyn Read) -> Result<()>,
) -> Result<Walked> {
    let mut seen = Vec::new();
    let mut problems = Vec::new();
    let mut manifest = None;
    let mut tar = tar::Archive::new(archive);
    let entries = tar.entries().map_err(damaged)?;
    for entry in entries {
        let mut entry = entry.map_err(damaged)?;
        let path = entry
            .path()
            .map_err(damaged)?
            .to_string_lossy()
            .replace('\\', "/");
        if !matches!(entry.header().entry_type(), tar::EntryType::Regular) {
            problems.push(format!("{path}: not a regular file"));
            continue;
        }
        let size = entry.size();
        if path == MANIFEST {
            if size > MAX_MANIFEST {
                return Err(Error::InvalidInput(
                    "The archive's manifest is too large.".into(),
                ));
            }
            let mut buf = Vec::with_capacity(size as usize);
            entry.read_to_end(&mut buf).map_err(damaged)?;
            let parsed: Manifest = serde_json::from_slice(&buf).map_err(|e| {
                Error::InvalidInput(format!("The archive's manifest is unreadable: {e}"))
            })?;
            if manifest.replace(parsed).is_some() {
                problems.push(format!("{MANIFEST}: present twice"));
            }
            continue;
        }
        let mut hashing = HashingReader {
            inner: &mut entry,
            hash: Sha256::new(),
            n: 0,
            failed: None,
        };
        if let Err(e) = each(&path, size, &mut hashing) {
            // A read error inside `each` is the archive's fault (a damaged or truncated file),
            // not the disk's that `each` was writing to: say so.
            return Err(hashing.failed.take().map_or(e, damaged));
        }
        io::copy(&mut hashing, &mut io::sink()).map_err(damaged)?;
        let HashingReader { hash, n, .. } = hashing;
        if n != size {
            problems.push(format!("{path}: truncated ({n} of {size} bytes)"));
        }
        seen.push((path, hex::encode(hash.finalize()), n));
    }
    Ok((seen, manifest, problems))
}

struct HashingReader<'a, R: Read> {
    inner: &'a mut R,
    hash: Sha256,
    n: u64,
    /// The first read error, kept to tell it from the caller's own (write) errors.
    failed: Option<io::Error>,
}

impl<R: Read> Read for HashingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let k = self.inner.read(buf).inspect_err(|e| {
            if self.failed.is_none() {
                self.failed = Some(io::Error::new(e.kind(), e.to_string()));
            }
        })?;
        self.hash.update(&buf[..k]);
        self.n += k as u64;
        Ok(k)
    }
}

fn damaged(e: io::Error) -> Error {
    Error::InvalidInput(format!(
        "The archive is damaged or truncated (or was changed after it was encrypted): {e}"
    ))
}

/// Compare what was seen with the manifest.
pub fn compare(
    seen: &[(String, String, u64)],
    manifest: Option<&Manifest>,
    mut problems: Vec<String>,
) -> ArchiveReport {
    let Some(m) = manifest else {
        problems.push(format!("{MANIFEST}: missing"));
        return ArchiveReport {
            ok: false,
            files_checked: seen.len() as u32,
            bytes_checked: seen.iter().map(|s| s.2).sum(),
            problems,
            manifest: None,
        };
    };
    let mut listed: BTreeMap<&str, (&str, u64)> = BTreeMap::new();
    for f in &m.files {
        if listed
            .insert(f.path.as_str(), (f.sha256.as_str(), f.size))
            .is_some()
        {
            problems.push(format!("{}: listed twice in the manifest", f.path));
        }
    }
    let mut found: BTreeMap<&str, u32> = BTreeMap::new();
    for (path, hash, size) in seen {
        *found.entry(path.as_str()).or_default() += 1;
        match listed.get(path.as_str()) {
            None => problems.push(format!("{path}: in the archive but not in the manifest")),
            Some((h, s)) if *h != hash.as_str() || *s != *size => problems.push(format!(
                "{path}: SHA-256 or size differs from the manifest (the file was changed)"
            )),
            Some(_) => {}
        }
    }
    for (path, n) in &found {
        if *n > 1 {
            problems.push(format!("{path}: present {n} times"));
        }
    }
    for path in listed.keys() {
        if !found.contains_key(path) {
            problems.push(format!(
                "{path}: in the manifest but missing from the archive"
            ));
        }
    }
    ArchiveReport {
        ok: problems.is_empty(),
        files_checked: seen.len() as u32,
        bytes_checked: seen.iter().map(|s| s.2).sum(),
        problems,
        manifest: Some(m.clone()),
    }
}

/// Check a decrypted archive stream against its manifest.
pub fn verify_archive(archive: impl Read) -> Result<ArchiveReport> {
    let (seen, manifest, problems) = walk(archive, |_, _, _| Ok(()))?;
    Ok(compare(&seen, manifest.as_ref(), problems))
}
