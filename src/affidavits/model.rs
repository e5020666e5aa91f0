//! The types of affidavit drafts, as stored and as they cross to the UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The language of the statement: the rendered template (caption, attestation, signature block,
/// page numbers) is in the same language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "lowercase")]
pub enum AffidavitLanguage {
    #[default]
    En,
    Es,
}

impl AffidavitLanguage {
    pub fn as_str(self) -> &'static str {
        match self {
            AffidavitLanguage::En => "en",
            AffidavitLanguage::Es => "es",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "en" => Some(AffidavitLanguage::En),
            "es" => Some(AffidavitLanguage::Es),
            _ => None,
        }
    }
}

/// Where a draft stands: draft → ready for counsel → sent (and back to draft when it is reopened).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum AffidavitStatus {
    #[default]
    Draft,
    ReadyForCounsel,
    Sent,
}

impl AffidavitStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AffidavitStatus::Draft => "draft",
            AffidavitStatus::ReadyForCounsel => "ready_for_counsel",
            AffidavitStatus::Sent => "sent",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(AffidavitStatus::Draft),
            "ready_for_counsel" => Some(AffidavitStatus::ReadyForCounsel),
            "sent" => Some(AffidavitStatus::Sent),
            _ => None,
        }
    }
}

/// The affiant's identifying details as they appear on the statement. A witness may give "also
/// known as" names, and contact details instead of a home address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct Affiant {
    /// The name the statement is given in (usually the legal name).
    pub name: String,
    /// Other names the affiant is known by (a preferred name, a nickname, a former name).
    pub also_known_as: Vec<String>,
    pub job_title: String,
    pub department: String,
    pub shift: String,
    /// YYYY-MM-DD, when they started at the employer (if known).
    pub employed_since: Option<String>,
    /// True: `phone`/`email` are given instead of a home address (and `address` is not shown).
    pub contact_instead_of_address: bool,
    /// The home address (shown only when `contactInsteadOfAddress` is false).
    pub address: String,
    pub phone: String,
    pub email: String,
}

/// Someone who saw or heard what the statement describes, or knows about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct AffidavitWitness {
    pub name: String,
    /// The worker, when the witness is on the list (informational; the name is what is printed).
    pub worker_id: Option<i64>,
    /// E.g. "Picker, Night shift; heard the remark from about 10 feet away".
    pub details: String,
}

/// The statement itself: everything one version holds and a rendering prints. Stored as JSON in
/// each version; the version's hash covers that JSON text exactly as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct AffidavitContent {
    pub language: AffidavitLanguage,
    pub affiant: Affiant,
    /// The first-person statement, one string per numbered paragraph (1, 2, 3…). A line break
    /// inside a paragraph is kept.
    pub paragraphs: Vec<String>,
    pub witnesses: Vec<AffidavitWitness>,
}

/// One saved version, with its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct AffidavitVersion {
    /// 1, 2, 3… in the order saved.
    pub seq: u32,
    /// RFC 3339, UTC.
    pub saved_at: String,
    /// Who saved it (as the organizer typed their name).
    pub saved_by: String,
    /// What changed, in a few words ("Corrected the time from the shift log"); may be empty.
    pub note: String,
    /// SHA-256 of this version (64 lowercase hex digits).
    pub hash: String,
    pub prev_hash: String,
    pub content: AffidavitContent,
}

/// One line of a draft's history (no content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct AffidavitVersionInfo {
    pub seq: u32,
    pub saved_at: String,
    pub saved_by: String,
    pub note: String,
    pub hash: String,
    /// Words in the statement's paragraphs.
    pub words: u32,
    pub paragraphs: u32,
}

/// A draft as listed: who it is from, where it stands, its newest version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct AffidavitSummary {
    pub id: i64,
    pub campaign_id: i64,
    pub affiant_id: i64,
    /// The name on the newest version (as the statement gives it).
    pub affiant_name: String,
    pub language: AffidavitLanguage,
    pub status: AffidavitStatus,
    /// The version the status was given on (null while a draft): a draft "sent" at v3 and saved
    /// again since shows v4 as not sent.
    pub status_seq: Option<u32>,
    pub status_at: String,
    pub status_by: String,
    /// The newest version's number (= how many versions).
    pub head_seq: u32,
    pub head_hash: String,
    pub last_saved_at: String,
    pub last_saved_by: String,
    pub last_note: String,
    pub incident_ids: Vec<i64>,
    pub evidence_ids: Vec<i64>,
    pub created_at: String,
    pub created_by: String,
}

/// A draft opened in the editor: its summary and one version (the newest unless asked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct AffidavitDraft {
    pub summary: AffidavitSummary,
    pub version: AffidavitVersion,
}

/// What "new affidavit" sends: the affiant, the incidents covered, and the first version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct AffidavitNew {
    pub affiant_id: i64,
    pub incident_ids: Vec<i64>,
    pub evidence_ids: Vec<i64>,
    pub content: AffidavitContent,
    pub saved_by: String,
    pub note: String,
}

/// What "save" sends: the whole statement (a new version) and the links as they now stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct AffidavitSave {
    pub content: AffidavitContent,
    pub saved_by: String,
    pub note: String,
    /// The incidents covered (replaces the current links); null keeps them.
    pub incident_ids: Option<Vec<i64>>,
    /// The evidence files relied on (replaces the current links); null keeps them.
    pub evidence_ids: Option<Vec<i64>>,
}

/// What is wrong with a draft's hash chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChainProblemKind {
    /// The draft has no versions at all.
    Empty,
    /// A version's stored hash does not match its content (it was altered after saving).
    Altered,
    /// A version does not point at the hash of the one before it (a version was replaced or
    /// moved, or the first version does not belong to this draft).
    Broken,
    /// Versions are missing from the sequence (one was removed).
    Missing,
    /// The draft's recorded head (newest version) does not match the versions found: the newest
    /// versions were removed, or the head was rewritten.
    Head,
}

/// One problem found in a chain, with the version it concerns (when one does) and a message a
/// person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ChainProblem {
    pub kind: ChainProblemKind,
    pub seq: Option<u32>,
    pub message: String,
}

/// The result of checking one draft's hash chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ChainStatus {
    pub affidavit_id: i64,
    /// The draft's portable identity (a UUID).
    pub uid: String,
    pub affiant_name: String,
    pub ok: bool,
    /// Versions found.
    pub versions: u32,
    /// The newest version recorded on the draft.
    pub head_seq: u32,
    pub head_hash: String,
    pub problems: Vec<ChainProblem>,
}

/// How a span of words or a paragraph changed between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    Same,
    Added,
    Removed,
    /// Only for paragraphs: present in both, with word changes in `spans`.
    Changed,
}

/// A run of text (words with the whitespace between them) in a paragraph's diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct WordSpan {
    /// `same`, `added` or `removed`.
    pub kind: DiffKind,
    pub text: String,
}

/// One paragraph in the diff, in reading order of the newer version (removed paragraphs where
/// they stood).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ParagraphDiff {
    pub kind: DiffKind,
    /// Its number in the older version (null when added).
    pub from_number: Option<u32>,
    /// Its number in the newer version (null when removed).
    pub to_number: Option<u32>,
    /// The paragraph's text as spans: one span for same/added/removed, word changes for changed.
    pub spans: Vec<WordSpan>,
}

/// A change outside the numbered paragraphs (a detail of the affiant, the witnesses, the
/// language). `field` is a stable key the UI translates: `language`, `affiant.name`,
/// `affiant.alsoKnownAs`, `affiant.jobTitle`, `affiant.department`, `affiant.shift`,
/// `affiant.employedSince`, `affiant.contactInsteadOfAddress`, `affiant.address`, `affiant.phone`,
/// `affiant.email`, `witnesses`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct FieldDiff {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// What changed from version `from` to version `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct AffidavitDiff {
    pub affidavit_id: i64,
    pub from: u32,
    pub to: u32,
    pub paragraphs: Vec<ParagraphDiff>,
    pub fields: Vec<FieldDiff>,
    /// Counts for a one-line summary: paragraphs added, removed, changed.
    pub added: u32,
    pub removed: u32,
    pub changed: u32,
}

/// The format of a rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum RenderFormat {
    Pdf,
    Docx,
}

impl RenderFormat {
    pub fn extension(self) -> &'static str {
        match self {
            RenderFormat::Pdf => "pdf",
            RenderFormat::Docx => "docx",
        }
    }
}
