//! The types of the unit list, as stored and as they cross to the UI.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// A campaign: one employer's bargaining unit. A vault can hold several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Campaign {
    pub id: i64,
    pub name: String,
    pub employer: String,
    pub worksites: String,
    pub unit_description: String,
    /// The unit's size as the campaign counts it; may differ from the list.
    pub unit_size: Option<i64>,
    /// Cards signed longer ago than this are shown as stale.
    pub card_stale_days: i64,
    /// The employer's e-mail domains: addresses there are flagged (employers read them).
    pub employer_domains: Vec<String>,
    /// The issues a 1-on-1 can raise (pay, safety, scheduling, respect…).
    pub issues: Vec<String>,
    pub custom_fields: Vec<String>,
    pub created_at: String,
}

/// The editable part of a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct CampaignInput {
    pub name: String,
    pub employer: String,
    pub worksites: String,
    pub unit_description: String,
    pub unit_size: Option<i64>,
    pub card_stale_days: Option<i64>,
    pub employer_domains: Vec<String>,
    /// Empty: the default list.
    pub issues: Vec<String>,
    pub custom_fields: Vec<String>,
}

/// What happens to the workers' values when a campaign's custom fields change (with an update).
/// A removed field's values are otherwise kept in the vault, hidden, and show again if a field of
/// the same name is added back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct CustomFieldChanges {
    /// Fields renamed, old name → new name: every worker's value moves with its field.
    pub renamed: BTreeMap<String, String>,
    /// Removed fields whose values are erased from every worker of the campaign.
    pub erase: Vec<String>,
}

/// How many workers of a campaign have a (non-empty) value for a custom field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct CustomFieldUsage {
    pub name: String,
    pub workers: u32,
    /// Whether the campaign defines this field now (false: the values of a removed field).
    pub defined: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum WorkerStatus {
    #[default]
    Active,
    /// Left the employer.
    Left,
    /// Excluded from the unit (e.g. by the Board).
    Excluded,
}

impl WorkerStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            WorkerStatus::Active => "active",
            WorkerStatus::Left => "left",
            WorkerStatus::Excluded => "excluded",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(WorkerStatus::Active),
            "left" => Some(WorkerStatus::Left),
            "excluded" => Some(WorkerStatus::Excluded),
            _ => None,
        }
    }
}

/// The fields of a worker a person edits (and an import fills).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct WorkerInput {
    pub employee_id: Option<String>,
    pub legal_name: String,
    pub preferred_name: String,
    pub pronouns: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub address: String,
    pub department: String,
    pub shift: String,
    pub job_title: String,
    /// YYYY-MM-DD.
    pub hire_date: Option<String>,
    pub languages: String,
    pub notes: String,
    pub tags: Vec<String>,
    pub custom: BTreeMap<String, String>,
    pub is_supervisor: bool,
    /// YYYY-MM-DD.
    pub card_signed_on: Option<String>,
    pub status: WorkerStatus,
}

/// A worker with everything derived from the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Worker {
    pub id: i64,
    pub campaign_id: i64,
    #[serde(flatten)]
    #[ts(flatten)]
    pub fields: WorkerInput,
    /// The current assessment (1–5), or null when unassessed.
    pub assessment: Option<u8>,
    /// On the committee today.
    pub committee: bool,
    pub card_stale: bool,
    /// E-mails at the employer's domains: a warning, since employers read those.
    pub work_emails: Vec<String>,
    pub updated_at: String,
}

/// One line of the worker table (lean: the table holds up to tens of thousands).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct WorkerRow {
    pub id: i64,
    /// Preferred name if any, else the legal name.
    pub name: String,
    pub legal_name: String,
    pub department: String,
    pub shift: String,
    pub job_title: String,
    pub assessment: Option<u8>,
    pub committee: bool,
    pub card_signed_on: Option<String>,
    pub card_stale: bool,
    pub is_supervisor: bool,
    pub status: WorkerStatus,
    /// The earliest open follow-up date (YYYY-MM-DD).
    pub next_follow_up: Option<String>,
    pub follow_up_overdue: bool,
    pub tags: Vec<String>,
    /// The custom fields' values (absent when the worker has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub custom: Option<BTreeMap<String, String>>,
}

/// One dated assessment: the history is kept; the current value is the latest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Assessment {
    pub id: i64,
    pub worker_id: i64,
    /// 1–5, or 0 when the assessment was cleared.
    pub value: u8,
    /// RFC 3339.
    pub assessed_at: String,
    pub assessed_by: String,
    pub reason: String,
    pub conversation_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct CommitteeTerm {
    pub id: i64,
    pub worker_id: i64,
    pub from_date: String,
    pub to_date: Option<String>,
}

/// A 1-on-1 conversation as logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Conversation {
    pub id: i64,
    pub worker_id: i64,
    #[serde(flatten)]
    #[ts(flatten)]
    pub fields: ConversationInput,
    pub assessment_before: Option<u8>,
    pub follow_up_done: bool,
    pub created_at: String,
}

/// What the "log a conversation" form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct ConversationInput {
    /// YYYY-MM-DD (or RFC 3339).
    pub held_on: String,
    pub organizer: String,
    pub place: String,
    pub issues: Vec<String>,
    pub ask: String,
    pub answer: String,
    /// The new assessment after the talk (1–5), if it changed or was made.
    pub assessment_after: Option<u8>,
    pub next_step: String,
    /// YYYY-MM-DD.
    pub follow_up_on: Option<String>,
    pub notes: String,
}

/// An open follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct FollowUp {
    pub conversation_id: i64,
    pub worker_id: i64,
    pub worker_name: String,
    pub department: String,
    pub shift: String,
    pub organizer: String,
    pub next_step: String,
    pub due_on: String,
    pub overdue: bool,
}

/// A worker's page: the worker and the timeline of what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct WorkerDetail {
    pub worker: Worker,
    pub assessments: Vec<Assessment>,
    pub conversations: Vec<Conversation>,
    pub committee_terms: Vec<CommitteeTerm>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum CardFilter {
    #[default]
    Any,
    Signed,
    /// Signed, and not stale.
    Current,
    Stale,
    Unsigned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    #[default]
    Name,
    Department,
    Shift,
    Assessment,
    CardSigned,
    FollowUp,
}

/// The worker table's search box and filters. Empty means "everyone active, no supervisors".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct WorkerFilter {
    /// Full-text search across names, notes and conversations.
    pub search: String,
    pub departments: Vec<String>,
    pub shifts: Vec<String>,
    /// Assessment values to keep (1–5).
    pub assessments: Vec<u8>,
    pub unassessed: bool,
    pub committee: Option<bool>,
    pub card: CardFilter,
    pub follow_up_overdue: bool,
    pub tag: Option<String>,
    /// Default: active only.
    pub statuses: Vec<WorkerStatus>,
    pub include_supervisors: bool,
    pub sort: SortKey,
    pub descending: bool,
    /// Keep the workers whose custom field `name` is exactly `value`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub custom_field: Option<CustomFieldFilter>,
    /// Sort by this custom field's value instead of `sort` (empty values last).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub custom_sort: Option<String>,
}

/// A custom field's value to filter on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct CustomFieldFilter {
    pub name: String,
    pub value: String,
}

/// Counts of the current filter, shown above the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct WorkerCounts {
    pub total: u32,
    /// Index 0 = unassessed, 1–5 = each value.
    pub by_assessment: [u32; 6],
    pub committee: u32,
    pub cards_signed: u32,
    pub cards_stale: u32,
    pub follow_ups_overdue: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct WorkerList {
    pub rows: Vec<WorkerRow>,
    pub counts: WorkerCounts,
}

/// What the worker table asks for: one page of the filtered, sorted list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct WorkerPageRequest {
    pub filter: WorkerFilter,
    /// Only these workers (a set no filter expresses, e.g. a dashboard figure's), or everyone.
    pub ids: Option<Vec<i64>>,
    /// The first row, counted from 0 in the sorted list.
    pub offset: u32,
    /// At most this many rows (0–1,000; 0 with `counts`: just the counts).
    pub limit: u32,
    /// Also count the whole filtered list (its total and breakdown).
    pub counts: bool,
}

/// One page of the worker table. The order is total (ties broken by id), so consecutive pages
/// neither repeat nor skip a worker while the data does not change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct WorkerPage {
    pub offset: u32,
    pub rows: Vec<WorkerRow>,
    /// The counts of the whole filtered list (not just this page), when asked for.
    pub counts: Option<WorkerCounts>,
}
