//! The incidents' use cases, as the desktop shell and the CLI call them: the incident log, the
//! 10(b) deadline list, status steps, and evidence files (added, uploaded in parts, read for
//! viewing, saved as a copy). Every rule lives in [`crate::incidents`].

use super::Session;
use crate::error::Result;
use crate::incidents::{
    evidence, store, Evidence, EvidenceUpload, EvidenceUploadBegin, Incident, IncidentInput,
    IncidentRow, IncidentStatus,
};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The header that carries [`crate::incidents::EvidenceChunkArgs`] next to an upload part's raw
/// bytes.
pub const EVIDENCE_ARGS_HEADER: &str = "x-evidence-args";

impl Session {
    /// A campaign's incident log, the most recent first, each with its 10(b) last day and clock.
    pub fn incident_list(&self, campaign_id: i64) -> Result<Vec<IncidentRow>> {
        self.with_conn(|conn, today| {
            crate::workers::campaign::get(conn, campaign_id)?;
            store::list(conn, campaign_id, today)
        })
    }

    /// The dashboard's 10(b) list: open incidents by urgency (see [`store::deadlines`]).
    pub fn incident_deadlines(&self, campaign_id: i64) -> Result<Vec<IncidentRow>> {
        self.with_conn(|conn, today| {
            crate::workers::campaign::get(conn, campaign_id)?;
            store::deadlines(conn, campaign_id, today)
        })
    }

    /// The incidents a worker is involved in, the most recent first.
    pub fn incidents_of_worker(&self, worker_id: i64) -> Result<Vec<IncidentRow>> {
        self.with_conn(|conn, today| store::for_worker(conn, worker_id, today))
    }

    pub fn incident_detail(&self, id: i64) -> Result<Incident> {
        self.with_conn(|conn, today| store::detail(conn, id, today))
    }

    pub fn incident_create(&self, campaign_id: i64, input: &IncidentInput) -> Result<Incident> {
        self.with_conn(|conn, today| {
            let id = store::create(conn, campaign_id, input, today)?;
            store::detail(conn, id, today)
        })
    }

    pub fn incident_update(&self, id: i64, input: &IncidentInput) -> Result<Incident> {
        self.with_conn(|conn, today| {
            store::update(conn, id, input, today)?;
            store::detail(conn, id, today)
        })
    }

    /// Move an incident to a status step on `on` (YYYY-MM-DD; today when `None`).
    pub fn incident_set_status(
        &self,
        id: i64,
        status: IncidentStatus,
        on: Option<&str>,
    ) -> Result<Incident> {
        self.with_conn(|conn, today| {
            store::set_status(conn, id, status, on, today)?;
            store::detail(conn, id, today)
        })
    }

    /// Delete an incident, its people and its evidence files.
    pub fn incident_delete(&self, id: i64) -> Result<()> {
        self.with_conn(|conn, _| store::delete(conn, id))
    }

    pub fn evidence_list(&self, incident_id: i64) -> Result<Vec<Evidence>> {
        self.with_conn(|conn, _| {
            store::not_found_unless_exists(conn, incident_id)?;
            evidence::for_incident(conn, incident_id)
        })
    }

    pub fn evidence_info(&self, id: i64) -> Result<Evidence> {
        self.with_conn(|conn, _| evidence::get(conn, id))
    }

    /// Add a file from a reader, streaming (the CLI, scripts). All or nothing.
    pub fn evidence_add(
        &self,
        incident_id: i64,
        file_name: &str,
        media_type: &str,
        reader: &mut dyn Read,
    ) -> Result<Evidence> {
        self.with_conn(|conn, _| evidence::add(conn, incident_id, file_name, media_type, reader))
    }

    /// Bytes of a file for viewing inside the app (at most 32 MiB per call).
    pub fn evidence_read(&self, id: i64, offset: u64, length: Option<u64>) -> Result<Vec<u8>> {
        self.with_conn(|conn, _| evidence::read_range(conn, id, offset, length))
    }

    /// Save a NOT encrypted copy at `out` (a file, or a folder to put it in under its own name).
    pub fn evidence_save_copy(&self, id: i64, out: &Path, replace: bool) -> Result<PathBuf> {
        self.with_conn(|conn, _| evidence::save_copy(conn, id, out, replace))
    }

    pub fn evidence_delete(&self, id: i64) -> Result<()> {
        self.with_conn(|conn, _| evidence::delete(conn, id))
    }

    pub fn evidence_upload_begin(&self, args: &EvidenceUploadBegin) -> Result<EvidenceUpload> {
        self.with_conn(|conn, _| evidence::upload_begin(conn, args))
    }

    pub fn evidence_upload_chunk(&self, upload_id: i64, offset: u64, bytes: &[u8]) -> Result<u64> {
        self.with_conn(|conn, _| evidence::upload_part(conn, upload_id, offset, bytes))
    }

    pub fn evidence_upload_finish(&self, upload_id: i64) -> Result<Evidence> {
        self.with_conn(|conn, _| evidence::upload_finish(conn, upload_id))
    }

    pub fn evidence_upload_cancel(&self, upload_id: i64) -> Result<()> {
        self.with_conn(|conn, _| evidence::upload_cancel(conn, upload_id))
    }
}
