//! The affidavit drafts' use cases, as the desktop shell and the CLI call them. Each is a few
//! lines: every rule lives in [`crate::affidavits`].

use super::Session;
use crate::affidavits::template::Context;
use crate::affidavits::{
    chain, diff, render, store, AffidavitContent, AffidavitDiff, AffidavitDraft, AffidavitLanguage,
    AffidavitNew, AffidavitSave, AffidavitStatus, AffidavitSummary, AffidavitVersionInfo,
    ChainStatus, RenderFormat,
};
use crate::error::Result;
use crate::vault::{Vault, VerifyReport};
use rusqlite::Connection;

/// A rendering: the document's bytes and the file name a save dialog proposes.
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub file_name: String,
    pub seq: u32,
}

impl std::fmt::Debug for Rendered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rendered")
            .field("bytes", &self.bytes.len())
            .field("file_name", &self.file_name)
            .finish()
    }
}

/// The vault's own checks (page authentication, structure) and every affidavit draft's hash
/// chain: what `vault_verify` and `fieldbook verify` report. `ok` is false when any fails.
pub fn verify_vault(vault: &Vault) -> Result<VerifyReport> {
    let mut report = vault.verify()?;
    match chain::verify_all(vault.conn()) {
        Ok(chains) => report.affidavit_chains = chains,
        // A damaged database may not even read back: its own report already says so.
        Err(_) if !report.ok => {}
        Err(e) => return Err(e),
    }
    report.ok &= report.affidavit_chains.iter().all(|c| c.ok);
    Ok(report)
}

/// Render version `seq` (the newest when `None`) of draft `id`: the caption's employer is the
/// campaign's, the case number that of the linked incidents (when filed).
pub fn render_version(
    conn: &Connection,
    id: i64,
    seq: Option<u32>,
    format: RenderFormat,
) -> Result<Rendered> {
    let summary = store::summary(conn, id)?;
    let version = store::version(conn, id, seq)?;
    let campaign = crate::workers::campaign::get(conn, summary.campaign_id)?;
    let cases = store::case_numbers(conn, id)?;
    let ctx = Context {
        employer: campaign.employer,
        case_number: (!cases.is_empty()).then(|| cases.join(", ")),
        seq: version.seq,
        hash: version.hash.clone(),
    };
    Ok(Rendered {
        bytes: render::render(format, &version.content, &ctx)?,
        file_name: render::file_name(format, id, version.seq),
        seq: version.seq,
    })
}

impl Session {
    /// A campaign's drafts, the most recently saved first.
    pub fn affidavit_list(&self, campaign_id: i64) -> Result<Vec<AffidavitSummary>> {
        self.with_conn(|conn, _| store::list(conn, campaign_id))
    }

    /// A first statement for a new draft from the worker's record and the incidents' witnesses
    /// (nothing saved): the editor opens with it.
    pub fn affidavit_prefill(
        &self,
        affiant_id: i64,
        language: Option<AffidavitLanguage>,
        incident_ids: &[i64],
    ) -> Result<AffidavitContent> {
        self.with_conn(|conn, today| {
            store::prefill(conn, affiant_id, language, incident_ids, today)
        })
    }

    /// Create a draft with its first version.
    pub fn affidavit_create(&self, input: &AffidavitNew) -> Result<AffidavitDraft> {
        self.with_conn(|conn, _| {
            let id = store::create(conn, input)?;
            store::load(conn, id, None)
        })
    }

    /// A draft with one version (the newest when `seq` is `None`).
    pub fn affidavit_load(&self, id: i64, seq: Option<u32>) -> Result<AffidavitDraft> {
        self.with_conn(|conn, _| store::load(conn, id, seq))
    }

    /// Save a new version (none when nothing changed); the draft with its newest version.
    pub fn affidavit_save(&self, id: i64, input: &AffidavitSave) -> Result<AffidavitDraft> {
        self.with_conn(|conn, _| {
            store::save(conn, id, input)?;
            store::load(conn, id, None)
        })
    }

    pub fn affidavit_set_status(
        &self,
        id: i64,
        status: AffidavitStatus,
        by: &str,
    ) -> Result<AffidavitSummary> {
        self.with_conn(|conn, _| {
            store::set_status(conn, id, status, by)?;
            store::summary(conn, id)
        })
    }

    /// The versions, newest first.
    pub fn affidavit_history(&self, id: i64) -> Result<Vec<AffidavitVersionInfo>> {
        self.with_conn(|conn, _| store::history(conn, id))
    }

    /// What changed from version `from` to version `to` (either order).
    pub fn affidavit_diff(&self, id: i64, from: u32, to: u32) -> Result<AffidavitDiff> {
        self.with_conn(|conn, _| {
            let a = store::version(conn, id, Some(from))?;
            let b = store::version(conn, id, Some(to))?;
            Ok(diff::diff(id, (a.seq, &a.content), (b.seq, &b.content)))
        })
    }

    /// Check one draft's hash chain.
    pub fn affidavit_verify(&self, id: i64) -> Result<ChainStatus> {
        self.with_conn(|conn, _| chain::verify(conn, id))
    }

    /// Render a version to PDF or DOCX, in memory.
    pub fn affidavit_render(
        &self,
        id: i64,
        seq: Option<u32>,
        format: RenderFormat,
    ) -> Result<Rendered> {
        self.with_conn(|conn, _| render_version(conn, id, seq, format))
    }
}
