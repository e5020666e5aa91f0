//! The bundle for counsel: exactly what the organizer picked — affidavit drafts (PDF and DOCX of
//! the chosen version), incidents with their evidence files, and only if asked the contact details
//! of affiants and witnesses, assessments, conversations or the map — as a tar with a
//! `manifest.json` (each file's SHA-256 and size, the export time, the vault id, the app version,
//! the drafts' hash-chain heads), a `SHA256SUMS` and a README, encrypted with age to counsel's
//! keys or to a passphrase. [`preview`] lists every file and field that will leave the vault
//! before anything is written; [`export`] streams it (evidence chunk by chunk) through
//! [`super::sink::AgeSink`].

use super::manifest::{ChainHead, Manifest, BUNDLE_FORMAT};
use super::recipients::Protection;
use super::sink::AgeSink;
use super::tarball::TarWriter;
use super::Progress;
use crate::affidavits::{model::RenderFormat, store as drafts};
use crate::error::{Error, Result};
use crate::incidents::{evidence, store as incidents};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;
use ts_rs::TS;

/// One affidavit draft to send, at a version (the newest when null).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct DraftPick {
    pub id: i64,
    #[serde(default)]
    pub version: Option<u32>,
}

/// What the organizer picked. Everything is off unless chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct BundleSelection {
    pub campaign_id: i64,
    pub affidavits: Vec<DraftPick>,
    /// Render each draft as PDF, DOCX, or both (both false = both).
    pub pdf: bool,
    pub docx: bool,
    pub incidents: Vec<i64>,
    /// The evidence files of the chosen incidents.
    pub evidence: bool,
    /// Phones and e-mails of the affiants and witnesses of what is sent (no one else's).
    pub contacts: bool,
    /// Explicit opt-ins: these normally stay in the vault.
    pub assessments: bool,
    pub conversations: bool,
    pub map: bool,
}

/// One file that will leave the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct PreviewFile {
    pub path: String,
    #[ts(type = "number")]
    pub size: u64,
    /// What it holds, in words: "Affidavit of Ana Reyes, version 3 (PDF)".
    pub what: String,
    /// The fields of personal data it carries.
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct BundlePreview {
    pub files: Vec<PreviewFile>,
    #[ts(type = "number")]
    pub total_bytes: u64,
    /// Every worker named anywhere in the bundle.
    pub people: Vec<String>,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ExportSummary {
    pub path: String,
    pub files: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    pub manifest: Manifest,
}

/// Where an entry's bytes come from.
enum Source {
    Bytes(Vec<u8>),
    Evidence(i64),
}

struct Entry {
    file: PreviewFile,
    source: Source,
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').chars().take(40).collect::<String>();
    if out.is_empty() {
        "file".into()
    } else {
        out
    }
}

fn csv_bytes(header: &[&str], rows: Vec<Vec<String>>) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header)
        .map_err(|e| Error::InvalidInput(e.to_string()))?;
    for r in rows {
        w.write_record(&r)
            .map_err(|e| Error::InvalidInput(e.to_string()))?;
    }
    w.into_inner()
        .map_err(|e| Error::InvalidInput(e.to_string()))
}

fn json_bytes<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    serde_json::to_vec_pretty(v).map_err(|e| Error::InvalidInput(e.to_string()))
}

/// Everything the selection sends, in order, with the bytes of the small files.
fn plan(
    conn: &Connection,
    sel: &BundleSelection,
    today: NaiveDate,
) -> Result<(Vec<Entry>, Vec<ChainHead>, Vec<String>)> {
    crate::workers::campaign::get(conn, sel.campaign_id)?;
    let mut entries = Vec::new();
    let mut heads = Vec::new();
    let mut people: Vec<(Option<i64>, String)> = Vec::new();
    let formats: Vec<RenderFormat> = match (sel.pdf, sel.docx) {
        (true, false) => vec![RenderFormat::Pdf],
        (false, true) => vec![RenderFormat::Docx],
        _ => vec![RenderFormat::Pdf, RenderFormat::Docx],
    };
    for pick in &sel.affidavits {
        let summary = drafts::summary(conn, pick.id)?;
        if summary.campaign_id != sel.campaign_id {
            return Err(Error::InvalidInput(format!(
                "Affidavit {} belongs to another campaign.",
                pick.id
            )));
        }
        let version = drafts::version(conn, pick.id, pick.version)?;
        heads.push(ChainHead {
            draft_id: pick.id,
            version: summary.head_seq,
            hash: summary_head_hash(conn, pick.id)?,
        });
        people.push((
            Some(summary.affiant_id),
            version.content.affiant.name.clone(),
        ));
        for w in &version.content.witnesses {
            people.push((w.worker_id, w.name.clone()));
        }
        for format in &formats {
            let r =
                crate::api::affidavits::render_version(conn, pick.id, Some(version.seq), *format)?;
            let ext = if *format == RenderFormat::Pdf {
                "pdf"
            } else {
                "docx"
            };
            entries.push(Entry {
                file: PreviewFile {
                    path: format!(
                        "affidavits/{}-{}-v{}.{ext}",
                        pick.id,
                        slug(&version.content.affiant.name),
                        version.seq
                    ),
                    size: r.bytes.len() as u64,
                    what: format!(
                        "Affidavit of {}, version {} ({})",
                        version.content.affiant.name,
                        version.seq,
                        ext.to_uppercase()
                    ),
                    fields: vec![
                        "affiant's name, job, department, shift".into(),
                        if version.content.affiant.contact_instead_of_address {
                            "affiant's phone and e-mail".into()
                        } else {
                            "affiant's home address".into()
                        },
                        "the statement".into(),
                        "witnesses named".into(),
                    ],
                },
                source: Source::Bytes(r.bytes),
            });
        }
    }
    for &id in &sel.incidents {
        let inc = incidents::detail(conn, id, today)?;
        if inc.campaign_id != sel.campaign_id {
            return Err(Error::InvalidInput(format!(
                "Incident {id} belongs to another campaign."
            )));
        }
        for p in inc.affected.iter().chain(&inc.witnesses) {
            people.push((p.worker_id, p.name.clone()));
        }
        let stem = format!("incidents/{id}-{}", inc.category.as_str());
        let mut text = format!(
            "Incident {id}: {}\nCategory: {}\nOccurred: {}{}\nPlace: {}\nLearned of it: {}\nStatus: {}\nLast day to file and serve (10(b)): {}\nCase number: {}\n",
            inc.summary,
            inc.category.label(),
            inc.occurred_on,
            inc.occurred_time.as_deref().map(|t| format!(" {t}")).unwrap_or_default(),
            inc.place,
            inc.learned_on,
            inc.status.label(),
            inc.last_day,
            inc.case_number,
        );
        for (label, list) in [
            ("Supervisors/managers", &inc.managers),
            ("Workers affected", &inc.affected),
            ("Witnesses", &inc.witnesses),
        ] {
            let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
            text.push_str(&format!("{label}: {}\n", names.join("; ")));
        }
        text.push_str(&format!("\nWhat happened:\n{}\n", inc.description));
        entries.push(Entry {
            file: PreviewFile {
                path: format!("{stem}.txt"),
                size: text.len() as u64,
                what: format!(
                    "Incident {id} ({}), {}",
                    inc.category.label(),
                    inc.occurred_on
                ),
                fields: vec![
                    "names of managers, affected workers and witnesses".into(),
                    "the factual description".into(),
                ],
            },
            source: Source::Bytes(text.into_bytes()),
        });
        if sel.evidence {
            for ev in &inc.evidence {
                entries.push(Entry {
                    file: PreviewFile {
                        path: format!(
                            "evidence/{id}/{}-{}",
                            ev.id,
                            evidence::clean_file_name(&ev.file_name)
                        ),
                        size: ev.size,
                        what: format!(
                            "Evidence for incident {id}: {} ({})",
                            ev.file_name, ev.media_type
                        ),
                        fields: vec!["the file as attached".into()],
                    },
                    source: Source::Evidence(ev.id),
                });
            }
        }
    }
    // People named, deduplicated (by worker id, else name).
    let mut seen = std::collections::BTreeSet::new();
    people.retain(|(id, name)| {
        seen.insert(id.map_or_else(|| format!("n:{name}"), |i| format!("w:{i}")))
    });
    if sel.contacts {
        let mut rows = Vec::new();
        for (id, name) in &people {
            let Some(id) = id else { continue };
            let w = crate::workers::store::detail(conn, *id, today)?.worker;
            rows.push(vec![
                name.clone(),
                w.fields.phones.join("; "),
                w.fields.emails.join("; "),
            ]);
        }
        let bytes = csv_bytes(&["name", "phones", "emails"], rows)?;
        entries.push(Entry {
            file: PreviewFile {
                path: "contacts.csv".into(),
                size: bytes.len() as u64,
                what:
                    "Phones and e-mails of the affiants and witnesses in this bundle (no one else)"
                        .into(),
                fields: vec![
                    "names".into(),
                    "personal phones".into(),
                    "personal e-mails".into(),
                ],
            },
            source: Source::Bytes(bytes),
        });
    }
    let ids: Vec<i64> = people.iter().filter_map(|p| p.0).collect();
    if sel.assessments {
        let mut rows = Vec::new();
        for id in &ids {
            let d = crate::workers::store::detail(conn, *id, today)?;
            for a in &d.assessments {
                rows.push(vec![
                    d.worker.fields.legal_name.clone(),
                    a.value.to_string(),
                    a.assessed_at.clone(),
                    a.reason.clone(),
                ]);
            }
        }
        let bytes = csv_bytes(&["name", "assessment", "assessed_at", "reason"], rows)?;
        entries.push(Entry {
            file: PreviewFile {
                path: "assessments.csv".into(),
                size: bytes.len() as u64,
                what: "Assessment history of the people named in this bundle (added explicitly)"
                    .into(),
                fields: vec![
                    "names".into(),
                    "assessments 1–5 with dates and reasons".into(),
                ],
            },
            source: Source::Bytes(bytes),
        });
    }
    if sel.conversations {
        let mut rows = Vec::new();
        for id in &ids {
            let d = crate::workers::store::detail(conn, *id, today)?;
            for c in &d.conversations {
                rows.push(vec![
                    d.worker.fields.legal_name.clone(),
                    c.fields.held_on.clone(),
                    c.fields.organizer.clone(),
                    c.fields.notes.clone(),
                ]);
            }
        }
        let bytes = csv_bytes(&["name", "held_on", "organizer", "notes"], rows)?;
        entries.push(Entry {
            file: PreviewFile {
                path: "conversations.csv".into(),
                size: bytes.len() as u64,
                what:
                    "1-on-1 conversations with the people named in this bundle (added explicitly)"
                        .into(),
                fields: vec!["names".into(), "what was said in 1-on-1s".into()],
            },
            source: Source::Bytes(bytes),
        });
    }
    if sel.map {
        let data = crate::graph::load::MapData::load(conn, sel.campaign_id, today)?;
        let map = crate::graph::analysis::analyze(sel.campaign_id, &data, &Default::default());
        let bytes = json_bytes(&map)?;
        entries.push(Entry {
            file: PreviewFile {
                path: "map.json".into(),
                size: bytes.len() as u64,
                what: "The whole relationship map with names (added explicitly)".into(),
                fields: vec!["every worker's name, department, shift, assessment and ties".into()],
            },
            source: Source::Bytes(bytes),
        });
    }
    if entries.is_empty() {
        return Err(Error::InvalidInput(
            "Nothing is selected: pick affidavit drafts or incidents to send.".into(),
        ));
    }
    let names = people.into_iter().map(|p| p.1).collect();
    Ok((entries, heads, names))
}

fn summary_head_hash(conn: &Connection, id: i64) -> Result<String> {
    Ok(drafts::history(conn, id)?
        .last()
        .map(|v| v.hash.clone())
        .unwrap_or_default())
}

/// The files and fields that would leave the vault; nothing is written.
pub fn preview(
    conn: &Connection,
    sel: &BundleSelection,
    today: NaiveDate,
) -> Result<BundlePreview> {
    let (entries, _, people) = plan(conn, sel, today)?;
    let files: Vec<PreviewFile> = entries.into_iter().map(|e| e.file).collect();
    Ok(BundlePreview {
        total_bytes: files.iter().map(|f| f.size).sum(),
        files,
        people,
    })
}

/// An evidence file as a stream, 1 MiB at a time (never whole in memory).
struct EvidenceReader<'c> {
    conn: &'c Connection,
    id: i64,
    size: u64,
    offset: u64,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for EvidenceReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.buf.len() {
            if self.offset >= self.size {
                return Ok(0);
            }
            let len = (self.size - self.offset).min(1 << 20);
            self.buf = evidence::read_range(self.conn, self.id, self.offset, Some(len))
                .map_err(std::io::Error::other)?;
            self.offset += len;
            self.pos = 0;
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

const README: &str = "Fieldbook export for counsel\n============================\n\n\
This archive was encrypted with age (https://age-encryption.org) to your public key, or to a\n\
passphrase given to you separately. To open it:\n\n\
    age -d -i YOUR-KEY.txt -o bundle.tar BUNDLE.age     # or: age -d -o bundle.tar BUNDLE.age (passphrase)\n\
    tar -xf bundle.tar\n\n\
(rage works the same way; SSH keys: age -d -i ~/.ssh/id_ed25519 ...)\n\n\
To check that nothing was changed or left out:\n\n\
    sha256sum -c SHA256SUMS\n\n\
manifest.json lists every file with its SHA-256 and size, the export time, the vault id, the app\n\
version, and for each affidavit draft the head of its version hash chain (so a later copy of the\n\
same draft can be compared). Or run `fieldbook verify-bundle BUNDLE.age -i YOUR-KEY.txt`.\n\n\
The files inside are NOT encrypted once extracted: keep them on an encrypted disk.\n";

/// Write the bundle to `dest` (a new file), streaming.
pub fn export(
    conn: &Connection,
    sel: &BundleSelection,
    today: NaiveDate,
    dest: &Path,
    protection: Protection,
    armor: bool,
    progress: &Progress<'_>,
) -> Result<ExportSummary> {
    let (entries, chain_heads, _) = plan(conn, sel, today)?;
    let vault_id: String = conn
        .query_row(
            "SELECT value FROM vault_meta WHERE key = 'vault_id'",
            [],
            |r| r.get(0),
        )
        .unwrap_or_default();
    let progress = Progress {
        total: entries.iter().map(|e| e.file.size).sum(),
        ..*progress
    };
    let sink = AgeSink::create(dest, protection, armor)?;
    let mut tar = TarWriter::new(sink, chrono::Utc::now().timestamp().max(0) as u64);
    tar.add_bytes("README.txt", README.as_bytes(), &progress)?;
    for e in entries {
        match e.source {
            Source::Bytes(b) => tar.add_bytes(&e.file.path, &b, &progress)?,
            Source::Evidence(id) => {
                let reader = EvidenceReader {
                    conn,
                    id,
                    size: e.file.size,
                    offset: 0,
                    buf: Vec::new(),
                    pos: 0,
                };
                tar.add(&e.file.path, e.file.size, reader, &progress)?
            }
        }
    }
    let sums: String = tar
        .files()
        .iter()
        .map(|f| format!("{}  {}\n", f.sha256, f.path))
        .collect();
    tar.add_bytes("SHA256SUMS", sums.as_bytes(), &progress)?;
    let manifest = Manifest {
        format: BUNDLE_FORMAT.into(),
        created_at: crate::workers::dates::now(),
        vault_id,
        app_version: env!("CARGO_PKG_VERSION").into(),
        files: Vec::new(),
        chain_heads,
        schema_version: 0,
        counts: Default::default(),
    };
    let (sink, manifest) = tar.finish(manifest)?;
    let path = sink.finish()?;
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok(ExportSummary {
        path: path.display().to_string(),
        files: manifest.files.len() as u32,
        bytes,
        manifest,
    })
}
