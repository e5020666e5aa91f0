//! The types of the incident log, as stored and as they cross to the UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of unfair labor practice: the common campaign ones (threats, interrogation, promises,
/// surveillance: "TIPS") and retaliation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum IncidentCategory {
    /// A threat of reprisal: closing, firing, losing benefits, "things will get worse".
    Threat,
    /// Questioning workers about their or others' union activity or sympathies.
    Interrogation,
    /// A promise of benefit for staying away from the union.
    PromiseOfBenefit,
    /// Watching union activity, or giving the impression that it is watched.
    Surveillance,
    /// Discipline, discharge or other retaliation for union activity.
    Retaliation,
    #[default]
    Other,
}

impl IncidentCategory {
    pub const ALL: [IncidentCategory; 6] = [
        IncidentCategory::Threat,
        IncidentCategory::Interrogation,
        IncidentCategory::PromiseOfBenefit,
        IncidentCategory::Surveillance,
        IncidentCategory::Retaliation,
        IncidentCategory::Other,
    ];

    /// The stored (and JSON) name.
    pub fn as_str(self) -> &'static str {
        match self {
            IncidentCategory::Threat => "threat",
            IncidentCategory::Interrogation => "interrogation",
            IncidentCategory::PromiseOfBenefit => "promise_of_benefit",
            IncidentCategory::Surveillance => "surveillance",
            IncidentCategory::Retaliation => "retaliation",
            IncidentCategory::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// In English, for the command line.
    pub fn label(self) -> &'static str {
        match self {
            IncidentCategory::Threat => "threat",
            IncidentCategory::Interrogation => "interrogation",
            IncidentCategory::PromiseOfBenefit => "promise of benefit",
            IncidentCategory::Surveillance => "surveillance",
            IncidentCategory::Retaliation => "retaliation",
            IncidentCategory::Other => "other",
        }
    }
}

/// Where an incident stands. The steps come in this order; any may be skipped, and `Closed` can
/// follow any of them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum IncidentStatus {
    #[default]
    Logged,
    SentToCounsel,
    /// The charge was filed with the Board (not yet served on the employer).
    ChargeFiled,
    /// The charge was filed and served: the 10(b) clock has stopped.
    ChargeServed,
    Closed,
}

impl IncidentStatus {
    pub const ALL: [IncidentStatus; 5] = [
        IncidentStatus::Logged,
        IncidentStatus::SentToCounsel,
        IncidentStatus::ChargeFiled,
        IncidentStatus::ChargeServed,
        IncidentStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IncidentStatus::Logged => "logged",
            IncidentStatus::SentToCounsel => "sent_to_counsel",
            IncidentStatus::ChargeFiled => "charge_filed",
            IncidentStatus::ChargeServed => "charge_served",
            IncidentStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            IncidentStatus::Logged => "logged",
            IncidentStatus::SentToCounsel => "sent to counsel",
            IncidentStatus::ChargeFiled => "charge filed",
            IncidentStatus::ChargeServed => "charge served",
            IncidentStatus::Closed => "closed",
        }
    }
}

/// A manager or supervisor involved: a worker on the list (`workerId`), or someone who is not on
/// it, by name (`workerId` null).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct PersonRef {
    pub worker_id: Option<i64>,
    /// Used when `workerId` is null.
    pub name: String,
}

impl PersonRef {
    pub fn worker(id: i64) -> Self {
        PersonRef {
            worker_id: Some(id),
            name: String::new(),
        }
    }

    pub fn named(name: &str) -> Self {
        PersonRef {
            worker_id: None,
            name: name.to_string(),
        }
    }
}

/// What the incident form sends (create and update). The status and its days are changed with
/// `incident_set_status`, not here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct IncidentInput {
    /// YYYY-MM-DD; not in the future. The 10(b) clock runs from this day.
    pub occurred_on: String,
    /// HH:MM (24 h), when known.
    pub occurred_time: Option<String>,
    /// Where it happened ("break room", "Dock 4").
    pub place: String,
    /// YYYY-MM-DD, when the organizer learned of it: not before `occurredOn`, not in the future.
    pub learned_on: String,
    pub category: IncidentCategory,
    /// A one-line headline for lists (required).
    pub summary: String,
    /// What happened, factually: who said or did what, where, in front of whom.
    pub description: String,
    /// The Board's case number, once there is one.
    pub case_number: String,
    /// The supervisors or managers who acted.
    pub managers: Vec<PersonRef>,
    /// Worker ids of the workers affected.
    pub affected: Vec<i64>,
    /// Worker ids of the witnesses.
    pub witnesses: Vec<i64>,
}

/// Someone involved in an incident, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct IncidentPerson {
    /// Null for a manager named in free text (not on the list).
    pub worker_id: Option<i64>,
    /// The worker's preferred (else legal) name, or the free-text name.
    pub name: String,
    /// Empty for a free-text name.
    pub department: String,
    pub shift: String,
}

/// How close the 10(b) deadline is: `ok` over 60 days left; `days60` 31–60; `days30` 15–30;
/// `days14` 0–14 (0 = today is the last day); `passed` after the last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineLevel {
    Ok,
    Days60,
    Days30,
    Days14,
    Passed,
}

impl DeadlineLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineLevel::Ok => "ok",
            DeadlineLevel::Days60 => "days60",
            DeadlineLevel::Days30 => "days30",
            DeadlineLevel::Days14 => "days14",
            DeadlineLevel::Passed => "passed",
        }
    }
}

/// The running 10(b) clock of an open incident (one whose charge is not yet both filed and
/// served, and that is not closed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct DeadlineClock {
    /// Days from today to the last day (0 on the last day itself; negative once it has passed).
    pub days_left: i64,
    pub level: DeadlineLevel,
    /// No filing day is recorded yet.
    pub needs_filing: bool,
    /// No service day is recorded yet.
    pub needs_service: bool,
}

/// An incident with everything shown on its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Incident {
    pub id: i64,
    pub campaign_id: i64,
    pub occurred_on: String,
    pub occurred_time: Option<String>,
    pub place: String,
    pub learned_on: String,
    pub category: IncidentCategory,
    pub summary: String,
    pub description: String,
    pub case_number: String,
    pub status: IncidentStatus,
    /// YYYY-MM-DD of each step, when reached.
    pub sent_to_counsel_on: Option<String>,
    pub charge_filed_on: Option<String>,
    pub charge_served_on: Option<String>,
    pub closed_on: Option<String>,
    pub managers: Vec<IncidentPerson>,
    pub affected: Vec<IncidentPerson>,
    pub witnesses: Vec<IncidentPerson>,
    /// Evidence files attached, oldest first.
    pub evidence: Vec<Evidence>,
    /// YYYY-MM-DD: the last day to file the charge with the Board AND serve it on the employer
    /// (six calendar months after `occurredOn`; see docs).
    pub last_day: String,
    /// Null once the charge is filed and served, or the incident is closed.
    pub clock: Option<DeadlineClock>,
    /// Whether the charge was both filed and served by the last day; null until both are.
    pub charge_timely: Option<bool>,
    pub created_at: String,
    pub updated_at: String,
}

/// One line of the incident log or the deadline list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct IncidentRow {
    pub id: i64,
    pub occurred_on: String,
    pub place: String,
    pub category: IncidentCategory,
    pub summary: String,
    pub status: IncidentStatus,
    pub last_day: String,
    pub clock: Option<DeadlineClock>,
    /// The managers' names.
    pub managers: Vec<String>,
    pub affected: u32,
    pub witnesses: u32,
    pub evidence: u32,
}

/// An evidence file kept inside the vault (its bytes are read with `evidence_read`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Evidence {
    pub id: i64,
    pub campaign_id: i64,
    pub incident_id: Option<i64>,
    /// The original file name (no folders).
    pub file_name: String,
    /// e.g. `image/png`, `application/pdf`, `audio/mpeg`.
    pub media_type: String,
    #[ts(type = "number")]
    pub size: u64,
    /// Lowercase hex.
    pub sha256: String,
    /// RFC 3339.
    pub added_at: String,
}

/// What the window sends to start uploading a file into the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct EvidenceUploadBegin {
    pub incident_id: i64,
    /// The file's name as picked (folders are dropped).
    pub file_name: String,
    /// `File.type`; may be empty (then guessed from the name).
    #[serde(default)]
    pub media_type: String,
    /// The file's size in bytes (1 byte … 2 GiB).
    #[ts(type = "number")]
    pub size: u64,
    /// The SHA-256 the window computed (lowercase hex), checked on finishing; null to skip.
    #[serde(default)]
    pub sha256: Option<String>,
}

/// An upload in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct EvidenceUpload {
    pub upload_id: i64,
    /// The largest part `evidence_upload_chunk` accepts.
    pub max_chunk_bytes: u32,
}

/// The arguments of `evidence_upload_chunk` besides the part's bytes (the raw body), in the
/// `x-evidence-args` header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct EvidenceChunkArgs {
    pub upload_id: i64,
    /// Where this part starts in the file: the number of bytes sent so far.
    #[ts(type = "number")]
    pub offset: u64,
}
