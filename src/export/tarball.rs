//! A tar archive written as a stream: each entry is hashed while it is copied (never held whole
//! in memory), and `manifest.json` — every entry's path, SHA-256 and size — goes last.

use super::manifest::{Manifest, ManifestFile, MANIFEST};
use super::Progress;
use crate::error::{Error, Result};
use sha2::{Digest, Sha256};
use std::io::{self, Read, Write};

/// Streaming tar writer that records a manifest entry for every file.
pub struct TarWriter<W: Write> {
    builder: tar::Builder<W>,
    files: Vec<ManifestFile>,
    mtime: u64,
    done: u64,
}

/// An entry path inside an archive: relative, `/`-separated, no `..`, no empty or odd parts.
pub fn check_entry_path(path: &str) -> Result<()> {
    let bad = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path.contains('\0')
        || path
            .split('/')
            .any(|p| p.is_empty() || p == "." || p == "..");
    if bad {
        return Err(Error::InvalidInput(format!(
            "{path:?} is not a safe path inside an archive."
        )));
    }
    Ok(())
}

/// Copies through, hashing and counting, checking for cancel every read.
struct Hashing<'a, R> {
    inner: R,
    hash: Sha256,
    size: u64,
    progress: &'a Progress<'a>,
    base: u64,
}

impl<R: Read> Read for Hashing<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.progress.cancelled() {
            // Not `Interrupted`: io::copy retries those forever.
            return Err(io::Error::other(Cancelled));
        }
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        self.size += n as u64;
        self.progress.report(self.base + self.size);
        Ok(n)
    }
}

/// The error a cancelled export carries through `io::Error`.
#[derive(Debug)]
pub struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("cancelled")
    }
}

impl std::error::Error for Cancelled {}

/// Turn an I/O error into the library's error, keeping "cancelled" recognisable.
pub fn io_error(action: &'static str, path: &str, e: io::Error) -> Error {
    if e.get_ref().is_some_and(|inner| inner.is::<Cancelled>()) {
        Error::InvalidInput("The export was cancelled; nothing was written.".into())
    } else {
        Error::io(action, path, e)
    }
}

impl<W: Write> TarWriter<W> {
    /// `mtime`: the time stamped on every entry (the export time, seconds since the epoch).
    pub fn new(out: W, mtime: u64) -> Self {
        let mut builder = tar::Builder::new(out);
        builder.mode(tar::HeaderMode::Deterministic);
        TarWriter {
            builder,
            files: Vec::new(),
            mtime,
            done: 0,
        }
    }

    fn header(&self, size: u64) -> tar::Header {
        let mut h = tar::Header::new_gnu();
        h.set_size(size);
        h.set_mode(0o600);
        h.set_mtime(self.mtime);
        h.set_entry_type(tar::EntryType::Regular);
        h
    }

    /// Stream `size` bytes from `reader` into the entry `path`. Fails if the reader gives a
    /// different number of bytes (a file changed under us) or the export is cancelled.
    pub fn add(
        &mut self,
        path: &str,
        size: u64,
        reader: impl Read,
        progress: &Progress<'_>,
    ) -> Result<()> {
        check_entry_path(path)?;
        if path == MANIFEST {
            return Err(Error::InvalidInput(format!(
                "{MANIFEST} is reserved in an archive."
            )));
        }
        let mut header = self.header(size);
        let mut hashing = Hashing {
            inner: reader.take(size),
            hash: Sha256::new(),
            size: 0,
            progress,
            base: self.done,
        };
        self.builder
            .append_data(&mut header, path, &mut hashing)
            .map_err(|e| io_error("write into the archive", path, e))?;
        if hashing.size != size {
            return Err(Error::InvalidInput(format!(
                "{path} changed while it was being exported ({} of {size} bytes); nothing was written.",
                hashing.size
            )));
        }
        self.done += size;
        self.files.push(ManifestFile {
            path: path.to_string(),
            sha256: hex::encode(hashing.hash.finalize()),
            size,
        });
        Ok(())
    }

    /// Add an entry held in memory (a rendered document, a README).
    pub fn add_bytes(&mut self, path: &str, bytes: &[u8], progress: &Progress<'_>) -> Result<()> {
        self.add(path, bytes.len() as u64, bytes, progress)
    }

    /// The entries so far.
    pub fn files(&self) -> &[ManifestFile] {
        &self.files
    }

    /// Append `manifest.json` (its `files` set to every entry written) and close the archive;
    /// returns the output and the manifest as written.
    pub fn finish(mut self, mut manifest: Manifest) -> Result<(W, Manifest)> {
        manifest.files = std::mem::take(&mut self.files);
        let json =
            serde_json::to_vec_pretty(&manifest).map_err(|e| Error::InvalidInput(e.to_string()))?;
        let mut header = self.header(json.len() as u64);
        self.builder
            .append_data(&mut header, MANIFEST, json.as_slice())
            .map_err(|e| io_error("write into the archive", MANIFEST, e))?;
        let out = self
            .builder
            .into_inner()
            .map_err(|e| io_error("finish the archive", "", e))?;
        Ok((out, manifest))
    }
}
