//! Writing an age file safely: straight to `NAME.part` beside the destination (created new, never
//! overwriting), through age (and ASCII armor when asked), then fsync and rename to `NAME`. Until
//! [`AgeSink::finish`] succeeds, dropping the sink removes the `.part` file: a cancel or an error
//! leaves nothing behind, and the destination is never half-written. No plaintext ever reaches the
//! disk: the bytes are encrypted before the file sees them.

use super::recipients::Protection;
use crate::error::{Error, Result};
use crate::fsutil;
use age::armor::{ArmoredWriter, Format};
use age::stream::StreamWriter;
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The encrypted output, open until finished.
pub struct AgeSink {
    writer: Option<StreamWriter<ArmoredWriter<BufWriter<File>>>>,
    part: PathBuf,
    dest: PathBuf,
    written: u64,
}

/// `dest` with `.part` appended to its name.
pub fn part_path(dest: &Path) -> PathBuf {
    let mut name = dest
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".part");
    dest.with_file_name(name)
}

impl AgeSink {
    /// Create `dest.part` and start the age stream. Refuses an existing destination (nothing is
    /// overwritten) and a missing folder.
    pub fn create(dest: &Path, protection: Protection, armor: bool) -> Result<AgeSink> {
        if dest.exists() {
            return Err(Error::AlreadyExists(dest.to_path_buf()));
        }
        let encryptor = protection.encryptor()?;
        let part = part_path(dest);
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&part)
            .map_err(|e| Error::io("create", &part, e))?;
        let mut sink = AgeSink {
            writer: None,
            part,
            dest: dest.to_path_buf(),
            written: 0,
        };
        let format = if armor {
            Format::AsciiArmor
        } else {
            Format::Binary
        };
        let armored = ArmoredWriter::wrap_output(BufWriter::with_capacity(1 << 16, file), format)
            .map_err(|e| Error::io("write", &sink.part, e))?;
        sink.writer = Some(
            encryptor
                .wrap_output(armored)
                .map_err(|e| Error::io("write", &sink.part, e))?,
        );
        Ok(sink)
    }

    /// Plaintext bytes written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// End the age stream, fsync, and rename `.part` to the destination (then fsync the folder).
    pub fn finish(mut self) -> Result<PathBuf> {
        let part = self.part.clone();
        let writer = self
            .writer
            .take()
            .ok_or_else(|| Error::Crypto("the export stream was already closed".into()))?;
        let io_err = |e: io::Error| Error::io("write", &part, e);
        let armored = writer.finish().map_err(io_err)?;
        let buffered = armored.finish().map_err(io_err)?;
        let file = buffered.into_inner().map_err(|e| io_err(e.into_error()))?;
        file.sync_all().map_err(|e| Error::io("sync", &part, e))?;
        drop(file);
        if self.dest.exists() {
            return Err(Error::AlreadyExists(self.dest.clone()));
        }
        std::fs::rename(&part, &self.dest).map_err(|e| Error::io("rename", &self.dest, e))?;
        fsutil::sync_parent(&self.dest)?;
        // Renamed: nothing left for Drop to remove.
        self.part = PathBuf::new();
        Ok(self.dest.clone())
    }
}

impl Write for AgeSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let w = self
            .writer
            .as_mut()
            .ok_or_else(|| io::Error::other("the export stream is closed"))?;
        let n = w.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.writer.as_mut() {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AgeSink {
    fn drop(&mut self) {
        // Not finished (cancelled, failed, or a panic): the partial file goes.
        self.writer = None;
        if !self.part.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.part);
        }
    }
}
