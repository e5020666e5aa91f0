//! Evidence files (photos, screenshots, PDFs, audio, video) kept inside the encrypted vault,
//! never as loose files.
//!
//! A file is stored in `evidence_chunk` rows of 1 MiB ([`PART_BYTES`]): part `seq` holds bytes
//! `[seq × 2^20, (seq + 1) × 2^20)`. Adding streams from any reader inside one transaction,
//! hashing (SHA-256) as it goes; reading streams to any writer a part at a time and checks the
//! size and hash on the way. A 200 MiB video never needs 200 MiB of memory.
//!
//! The window cannot hold a large file either, so it uploads in parts: [`upload_begin`] (the
//! file's name, type, size and, optionally, the SHA-256 it computed) → [`upload_part`] (up to
//! [`MAX_UPLOAD_PART`] bytes each, appended to a staging row inside the vault) →
//! [`upload_finish`] (checks the size and hash and makes the file visible, in one transaction) or
//! [`upload_cancel`]. One upload runs at a time: beginning another one, or unlocking the vault,
//! discards an upload that was never finished ([`discard_unfinished`]).
//!
//! "Save a copy" ([`save_copy`]) is the only way a file leaves the vault: written where the user
//! says through a temporary name (fsync, rename), and NOT encrypted. The callers warn first.

use super::model::{Evidence, EvidenceUpload, EvidenceUploadBegin};
use crate::error::{Error, Result};
use crate::fsutil;
use crate::workers::dates;
use rusqlite::{params, Connection, OptionalExtension, Row};
use sha2::{Digest, Sha256};
use std::fs::OpenOptions;
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

/// Bytes per stored part.
pub const PART_BYTES: usize = 1 << 20;
/// The largest file accepted: 2 GiB.
pub const MAX_BYTES: u64 = 2 << 30;
/// The largest part of an upload from the window.
pub const MAX_UPLOAD_PART: usize = 4 << 20;
/// The most bytes one `read_range` returns (the window reads larger files in parts).
pub const MAX_READ: u64 = 32 << 20;
/// The longest file name kept (characters).
const MAX_NAME_CHARS: usize = 200;
/// The page cache while a file streams through in its own transaction (KiB). The connection's
/// usual 32 MiB would fill up with the file's pages; 4 MiB holds a few parts and keeps a large
/// file's memory use small, at no cost in speed (the parts are written and read once, in order).
const STREAM_CACHE_KIB: i64 = 4 * 1024;

/// Run `f` with the page cache held to [`STREAM_CACHE_KIB`], then restore it. Only when no
/// transaction is open: inside a caller's (the demo's) the cache is left alone.
fn with_stream_cache<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    if !conn.is_autocommit() {
        return f();
    }
    let before: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -STREAM_CACHE_KIB)?;
    let result = f();
    let restored = conn.pragma_update(None, "cache_size", before);
    let value = result?;
    restored?;
    Ok(value)
}

const COLUMNS: &str = "id, campaign_id, incident_id, file_name, media_type, size, sha256, added_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: r.get(0)?,
        campaign_id: r.get(1)?,
        incident_id: r.get(2)?,
        file_name: r.get(3)?,
        media_type: r.get(4)?,
        size: r.get::<_, i64>(5)?.max(0) as u64,
        sha256: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
        added_at: r.get(7)?,
    })
}

fn not_found(id: i64) -> Error {
    Error::InvalidInput(format!(
        "There is no evidence file {id} in this vault (it may have been deleted)."
    ))
}

fn no_upload(id: i64) -> Error {
    Error::InvalidInput(format!(
        "There is no upload {id} in progress: it was finished, cancelled, or discarded when another upload began or the vault was locked. Add the file again."
    ))
}

fn too_large() -> Error {
    Error::InvalidInput(
        "The file is larger than 2 GiB, the most a vault keeps per file. Trim or compress it (a shorter clip, a lower resolution) and add it again."
            .into(),
    )
}

fn empty() -> Error {
    Error::InvalidInput("The file is empty (0 bytes): there is nothing to keep.".into())
}

/// The file's name without folders, control or reserved characters, leading dots or surrounding
/// spaces, at most 200 characters (the extension kept); `evidence` if nothing is left.
pub fn clean_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let replaced: String = last
        .chars()
        .map(|c| {
            if c.is_control() || "<>:\"|?*".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let name = replaced.trim().trim_start_matches('.').trim();
    if name.is_empty() {
        return "evidence".into();
    }
    if name.chars().count() <= MAX_NAME_CHARS {
        return name.to_string();
    }
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .filter(|e| e.chars().count() <= 16)
        .map(|e| format!(".{e}"))
        .unwrap_or_default();
    let keep = MAX_NAME_CHARS - ext.chars().count();
    let stem: String = name.chars().take(keep).collect();
    format!("{}{ext}", stem.trim_end())
}

/// The media type by the file name's extension (`application/octet-stream` when unknown).
pub fn guess_media_type(file_name: &str) -> &'static str {
    let ext = Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "heif" => "image/heif",
        "bmp" => "image/bmp",
        "tif" | "tiff" => "image/tiff",
        "svg" => "image/svg+xml",
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "md" => "text/markdown",
        "csv" => "text/csv",
        "htm" | "html" => "text/html",
        "eml" => "message/rfc822",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "aac" => "audio/aac",
        "wav" => "audio/wav",
        "ogg" | "oga" => "audio/ogg",
        "opus" => "audio/opus",
        "amr" => "audio/amr",
        "mp4" | "m4v" => "video/mp4",
        "mov" => "video/quicktime",
        "webm" => "video/webm",
        "3gp" => "video/3gpp",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
}

/// The media type to store: the one given when it is a well-formed `type/subtype` (parameters
/// dropped, lower-cased) and says more than `application/octet-stream`; else a guess from the
/// name.
pub fn media_type_for(given: &str, file_name: &str) -> String {
    let token = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$&^_.+-".contains(c))
    };
    let essence = given
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let valid = essence.len() <= 127
        && matches!(essence.split_once('/'), Some((t, s)) if token(t) && token(s));
    if valid && essence != "application/octet-stream" {
        essence
    } else {
        guess_media_type(file_name).to_string()
    }
}

/// The campaign of an incident, or the error a person can act on.
fn incident_campaign(conn: &Connection, incident_id: i64) -> Result<i64> {
    conn.prepare_cached("SELECT campaign_id FROM incident WHERE id = ?1")?
        .query_row([incident_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| super::store::not_found(incident_id))
}

/// Read into `buf` until it is full or the reader ends; returns how many bytes were read.
fn fill(reader: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Add a file to an incident from `reader`, streaming, in one transaction (inside the caller's,
/// if any): a reader that fails half-way, an empty file or one over 2 GiB leaves nothing.
pub fn add(
    conn: &Connection,
    incident_id: i64,
    file_name: &str,
    media_type: &str,
    reader: &mut dyn Read,
) -> Result<Evidence> {
    let campaign_id = incident_campaign(conn, incident_id)?;
    let name = clean_file_name(file_name);
    let media = media_type_for(media_type, &name);
    with_stream_cache(conn, || {
        super::atomically(conn, || {
            conn.prepare_cached(
            "INSERT INTO evidence (campaign_id, incident_id, file_name, media_type, size, sha256, state, added_at)
             VALUES (?1, ?2, ?3, ?4, 0, NULL, 'staging', ?5)",
        )?
        .execute(params![campaign_id, incident_id, name, media, dates::now()])?;
            let id = conn.last_insert_rowid();
            let mut insert = conn.prepare_cached(
                "INSERT INTO evidence_chunk (evidence_id, seq, data) VALUES (?1, ?2, ?3)",
            )?;
            let mut hasher = Sha256::new();
            let mut buf = vec![0u8; PART_BYTES];
            let mut total: u64 = 0;
            for seq in 0i64.. {
                let n = fill(reader, &mut buf).map_err(|e| Error::io("read", &name, e))?;
                if n == 0 {
                    break;
                }
                total += n as u64;
                if total > MAX_BYTES {
                    return Err(too_large());
                }
                hasher.update(&buf[..n]);
                insert.execute(params![id, seq, &buf[..n]])?;
                if n < PART_BYTES {
                    break;
                }
            }
            if total == 0 {
                return Err(empty());
            }
            conn.prepare_cached(
                "UPDATE evidence SET size = ?2, sha256 = ?3, state = 'ready' WHERE id = ?1",
            )?
            .execute(params![id, total as i64, hex::encode(hasher.finalize())])?;
            get(conn, id)
        })
    })
}

/// An evidence file's facts.
pub fn get(conn: &Connection, id: i64) -> Result<Evidence> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM evidence WHERE id = ?1 AND state = 'ready'"
    ))?
    .query_row([id], from_row)
    .optional()?
    .ok_or_else(|| not_found(id))
}

/// The files attached to an incident, oldest first.
pub fn for_incident(conn: &Connection, incident_id: i64) -> Result<Vec<Evidence>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM evidence WHERE incident_id = ?1 AND state = 'ready' ORDER BY id"
    ))?;
    let rows = stmt.query_map([incident_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every file of a campaign, oldest first.
pub fn for_campaign(conn: &Connection, campaign_id: i64) -> Result<Vec<Evidence>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM evidence WHERE campaign_id = ?1 AND state = 'ready' ORDER BY id"
    ))?;
    let rows = stmt.query_map([campaign_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Delete a file (its parts go with it; the database overwrites freed pages with zeros).
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute(
        "DELETE FROM evidence WHERE id = ?1 AND state = 'ready'",
        [id],
    )? == 0
    {
        return Err(not_found(id));
    }
    Ok(())
}

/// Hand each stored part of a file to `f`, in order, checking that the parts are whole and that
/// the size and SHA-256 match what was recorded.
fn each_part(conn: &Connection, id: i64, f: impl FnMut(&[u8]) -> Result<()>) -> Result<Evidence> {
    with_stream_cache(conn, || each_part_inner(conn, id, f))
}

fn each_part_inner(
    conn: &Connection,
    id: i64,
    mut f: impl FnMut(&[u8]) -> Result<()>,
) -> Result<Evidence> {
    let info = get(conn, id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT seq, data FROM evidence_chunk WHERE evidence_id = ?1 ORDER BY seq",
    )?;
    let mut rows = stmt.query([id])?;
    let mut hasher = Sha256::new();
    let mut total: u64 = 0;
    let mut expected_seq = 0i64;
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        let data = row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
        if seq != expected_seq {
            return Err(damaged(&info));
        }
        expected_seq += 1;
        total += data.len() as u64;
        hasher.update(data);
        f(data)?;
    }
    if total != info.size || hex::encode(hasher.finalize()) != info.sha256 {
        return Err(damaged(&info));
    }
    Ok(info)
}

fn damaged(info: &Evidence) -> Error {
    Error::DatabaseCorrupt(format!(
        "the evidence file {} ({}) does not match its recorded size and SHA-256",
        info.id, info.file_name
    ))
}

/// Stream a file to `out`, a part at a time; the size and SHA-256 are checked on the way (a
/// mismatch is an error after the bytes were written: callers writing a file discard it).
pub fn write_to(conn: &Connection, id: i64, out: &mut dyn Write) -> Result<Evidence> {
    each_part(conn, id, |data| {
        out.write_all(data)
            .map_err(|e| Error::io("write", "the output", e))
    })
}

/// Bytes `offset .. offset + length` of a file (to the end when `length` is `None`), at most
/// [`MAX_READ`]: for viewing inside the app, from memory.
pub fn read_range(conn: &Connection, id: i64, offset: u64, length: Option<u64>) -> Result<Vec<u8>> {
    let info = get(conn, id)?;
    if offset > info.size {
        return Err(Error::InvalidInput(format!(
            "The file is {} bytes long; there is nothing at byte {offset}.",
            info.size
        )));
    }
    let len = length.unwrap_or(info.size - offset).min(info.size - offset);
    if len > MAX_READ {
        return Err(Error::InvalidInput(format!(
            "Read at most {} MiB at a time (asked for {len} bytes); read a large file in parts, or save a copy.",
            MAX_READ >> 20
        )));
    }
    let mut out = Vec::with_capacity(len as usize);
    if len == 0 {
        return Ok(out);
    }
    let part = PART_BYTES as u64;
    let (first, last) = (offset / part, (offset + len - 1) / part);
    let mut stmt = conn.prepare_cached(
        "SELECT seq, data FROM evidence_chunk WHERE evidence_id = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq",
    )?;
    let mut rows = stmt.query(params![id, first as i64, last as i64])?;
    while let Some(row) = rows.next()? {
        let seq = row.get::<_, i64>(0)? as u64;
        let data = row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
        let start = seq * part;
        let from = offset.saturating_sub(start) as usize;
        let to = ((offset + len - start) as usize).min(data.len());
        if from < to {
            out.extend_from_slice(&data[from..to]);
        }
    }
    if out.len() as u64 != len {
        return Err(damaged(&info));
    }
    Ok(out)
}

/// Save a copy of a file at `out` (or, when `out` is a folder, under the file's own name in it):
/// streamed to a temporary name beside it, fsynced, then renamed, so `out` is never a partial
/// file. Refuses to replace an existing file unless `replace`. The copy is NOT encrypted; it is
/// readable by the user only (mode 0600 on Unix). Returns the path written.
pub fn save_copy(conn: &Connection, id: i64, out: &Path, replace: bool) -> Result<PathBuf> {
    let info = get(conn, id)?;
    let target = if out.is_dir() {
        out.join(&info.file_name)
    } else {
        out.to_path_buf()
    };
    if !replace && target.exists() {
        return Err(Error::InvalidInput(format!(
            "{} already exists; choose another name, or replace it on purpose.",
            target.display()
        )));
    }
    let tmp = fsutil::temp_sibling(&target);
    let result = (|| {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options
            .open(&tmp)
            .map_err(|e| Error::io("create", &tmp, e))?;
        each_part(conn, id, |data| {
            file.write_all(data)
                .map_err(|e| Error::io("write", &tmp, e))
        })?;
        file.sync_all().map_err(|e| Error::io("sync", &tmp, e))?;
        drop(file);
        std::fs::rename(&tmp, &target).map_err(|e| Error::io("replace", &target, e))?;
        fsutil::sync_parent(&target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map(|_| target)
}

/// Start an upload from the window: checks the incident, the size (1 byte … 2 GiB) and the
/// optional SHA-256, and discards any upload never finished.
pub fn upload_begin(conn: &Connection, args: &EvidenceUploadBegin) -> Result<EvidenceUpload> {
    discard_unfinished(conn)?;
    let campaign_id = incident_campaign(conn, args.incident_id)?;
    if args.size == 0 {
        return Err(empty());
    }
    if args.size > MAX_BYTES {
        return Err(too_large());
    }
    let sha256 = match args.sha256.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(h) if h.len() == 64 && h.chars().all(|c| c.is_ascii_hexdigit()) => {
            Some(h.to_ascii_lowercase())
        }
        Some(_) => {
            return Err(Error::InvalidInput(
                "The SHA-256 must be 64 hexadecimal characters (or left out).".into(),
            ))
        }
    };
    let name = clean_file_name(&args.file_name);
    let media = media_type_for(&args.media_type, &name);
    conn.prepare_cached(
        "INSERT INTO evidence (campaign_id, incident_id, file_name, media_type, size, sha256, state, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'staging', ?7)",
    )?
    .execute(params![
        campaign_id,
        args.incident_id,
        name,
        media,
        args.size as i64,
        sha256,
        dates::now()
    ])?;
    Ok(EvidenceUpload {
        upload_id: conn.last_insert_rowid(),
        max_chunk_bytes: MAX_UPLOAD_PART as u32,
    })
}

/// The announced size of an upload in progress.
fn staged_size(conn: &Connection, upload_id: i64) -> Result<u64> {
    conn.prepare_cached("SELECT size FROM evidence WHERE id = ?1 AND state = 'staging'")?
        .query_row([upload_id], |r| r.get::<_, i64>(0))
        .optional()?
        .map(|s| s as u64)
        .ok_or_else(|| no_upload(upload_id))
}

/// Bytes stored so far for an evidence row (every part but the last is whole).
fn stored_bytes(conn: &Connection, id: i64) -> Result<u64> {
    let last: Option<(i64, i64)> = conn
        .prepare_cached(
            "SELECT seq, length(data) FROM evidence_chunk WHERE evidence_id = ?1 ORDER BY seq DESC LIMIT 1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(last.map_or(0, |(seq, len)| seq as u64 * PART_BYTES as u64 + len as u64))
}

/// Append a part to an upload; `offset` must be the number of bytes received so far (so a part
/// sent twice, or out of order, is refused rather than stored twice). Returns the bytes received.
pub fn upload_part(conn: &Connection, upload_id: i64, offset: u64, bytes: &[u8]) -> Result<u64> {
    if bytes.is_empty() {
        return Err(Error::InvalidInput(
            "An upload part cannot be empty.".into(),
        ));
    }
    if bytes.len() > MAX_UPLOAD_PART {
        return Err(Error::InvalidInput(format!(
            "An upload part holds at most {} MiB; this one has {} bytes.",
            MAX_UPLOAD_PART >> 20,
            bytes.len()
        )));
    }
    super::atomically(conn, || {
        let size = staged_size(conn, upload_id)?;
        let received = stored_bytes(conn, upload_id)?;
        if offset != received {
            return Err(Error::InvalidInput(format!(
                "This part starts at byte {offset}, but {received} bytes have arrived so far: send the part that starts at byte {received}."
            )));
        }
        let total = received + bytes.len() as u64;
        if total > size {
            return Err(Error::InvalidInput(format!(
                "The upload announced {size} bytes, but this part would bring it to {total}."
            )));
        }
        let part = PART_BYTES as u64;
        let mut rest = bytes;
        if received % part != 0 {
            // Fill the last, partial part first: every part but the last stays whole.
            let seq = (received / part) as i64;
            let have = (received % part) as usize;
            let take = (PART_BYTES - have).min(rest.len());
            let mut data: Vec<u8> = conn
                .prepare_cached(
                    "SELECT data FROM evidence_chunk WHERE evidence_id = ?1 AND seq = ?2",
                )?
                .query_row(params![upload_id, seq], |r| r.get(0))?;
            data.extend_from_slice(&rest[..take]);
            conn.prepare_cached(
                "UPDATE evidence_chunk SET data = ?3 WHERE evidence_id = ?1 AND seq = ?2",
            )?
            .execute(params![upload_id, seq, data])?;
            rest = &rest[take..];
        }
        let mut insert = conn.prepare_cached(
            "INSERT INTO evidence_chunk (evidence_id, seq, data) VALUES (?1, ?2, ?3)",
        )?;
        let first = received.div_ceil(part) as i64;
        for (seq, piece) in (first..).zip(rest.chunks(PART_BYTES)) {
            insert.execute(params![upload_id, seq, piece])?;
        }
        Ok(total)
    })
}

/// Finish an upload: every announced byte must have arrived; the SHA-256 is computed from the
/// stored parts and, when the window sent one, compared. Then the file becomes visible, in one
/// transaction. A hash that differs discards the upload.
pub fn upload_finish(conn: &Connection, upload_id: i64) -> Result<Evidence> {
    let outcome = with_stream_cache(conn, || {
        super::atomically(conn, || {
            let (size, expected): (i64, Option<String>) = conn
                .prepare_cached(
                    "SELECT size, sha256 FROM evidence WHERE id = ?1 AND state = 'staging'",
                )?
                .query_row([upload_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or_else(|| no_upload(upload_id))?;
            let received = stored_bytes(conn, upload_id)?;
            if received != size as u64 {
                return Ok(Err(Error::InvalidInput(format!(
                "Only {received} of the file's {size} bytes have arrived: send the rest, or cancel the upload."
            ))));
            }
            let mut hasher = Sha256::new();
            {
                let mut stmt = conn.prepare_cached(
                    "SELECT data FROM evidence_chunk WHERE evidence_id = ?1 ORDER BY seq",
                )?;
                let mut rows = stmt.query([upload_id])?;
                while let Some(row) = rows.next()? {
                    hasher.update(row.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?);
                }
            }
            let actual = hex::encode(hasher.finalize());
            if expected.is_some_and(|e| e != actual) {
                conn.execute("DELETE FROM evidence WHERE id = ?1", [upload_id])?;
                return Ok(Err(Error::InvalidInput(
                "The file arrived different from the one picked (its SHA-256 does not match), so it was not added. Add it again."
                    .into(),
            )));
            }
            conn.prepare_cached(
                "UPDATE evidence SET sha256 = ?2, state = 'ready', added_at = ?3 WHERE id = ?1",
            )?
            .execute(params![upload_id, actual, dates::now()])?;
            Ok(Ok(get(conn, upload_id)?))
        })
    })?;
    outcome
}

/// Cancel an upload: its parts are removed. Cancelling one that no longer exists is fine.
pub fn upload_cancel(conn: &Connection, upload_id: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM evidence WHERE id = ?1 AND state = 'staging'",
        [upload_id],
    )?;
    Ok(())
}

/// Remove every upload never finished (at unlock, and when an upload begins). Writes nothing
/// when there is none. Returns how many were removed.
pub fn discard_unfinished(conn: &Connection) -> Result<usize> {
    if crate::vault::schema::version(conn)? < 7 {
        return Ok(0);
    }
    let any: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM evidence WHERE state = 'staging')",
        [],
        |r| r.get(0),
    )?;
    if !any {
        return Ok(0);
    }
    Ok(conn.execute("DELETE FROM evidence WHERE state = 'staging'", [])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_folders_and_odd_characters() {
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(
            clean_file_name("C:\\Users\\me\\IMG 0042.JPG"),
            "IMG 0042.JPG"
        );
        assert_eq!(clean_file_name("  .hidden.png "), "hidden.png");
        assert_eq!(clean_file_name("a\u{0}b:c?.pdf"), "a_b_c_.pdf");
        assert_eq!(clean_file_name("dir/"), "evidence");
        assert_eq!(clean_file_name(".."), "evidence");
        let long = format!("{}.jpeg", "x".repeat(500));
        let cleaned = clean_file_name(&long);
        assert_eq!(cleaned.chars().count(), MAX_NAME_CHARS);
        assert!(cleaned.ends_with(".jpeg"));
    }

    #[test]
    fn media_types_given_or_guessed() {
        assert_eq!(media_type_for("image/PNG", "x"), "image/png");
        assert_eq!(media_type_for("", "memo.PDF"), "application/pdf");
        assert_eq!(
            media_type_for("application/octet-stream", "clip.mov"),
            "video/quicktime"
        );
        assert_eq!(
            media_type_for("text/plain; charset=utf-8", "a"),
            "text/plain"
        );
        assert_eq!(
            media_type_for("not a type", "a.bin"),
            "application/octet-stream"
        );
    }
}
