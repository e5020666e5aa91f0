//! Commands over the unit list (`fieldbook::api::workers`): campaigns, workers, assessments,
//! committee, cards, 1-on-1 conversations and follow-ups. Translation only; each runs off the
//! main thread, since a list can hold tens of thousands of workers.

use super::{blocking, CmdResult};
use fieldbook::api::workers::Facets;
use fieldbook::workers::{
    Campaign, CampaignInput, ConversationInput, CustomFieldChanges, CustomFieldUsage, FollowUp,
    WorkerDetail, WorkerFilter, WorkerInput, WorkerList, WorkerPage, WorkerPageRequest,
};
use tauri::{AppHandle, Runtime};

#[tauri::command]
pub async fn campaign_list<R: Runtime>(app: AppHandle<R>) -> CmdResult<Vec<Campaign>> {
    blocking(app, |s| s.campaigns()).await
}

#[tauri::command]
pub async fn campaign_create<R: Runtime>(
    app: AppHandle<R>,
    input: CampaignInput,
) -> CmdResult<Campaign> {
    blocking(app, move |s| s.create_campaign(&input)).await
}

/// `changes` (optional): renamed custom fields whose values move, removed ones whose values go.
#[tauri::command]
pub async fn campaign_update<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    input: CampaignInput,
    changes: Option<CustomFieldChanges>,
) -> CmdResult<Campaign> {
    let changes = changes.unwrap_or_default();
    blocking(app, move |s| s.update_campaign_with(id, &input, &changes)).await
}

#[tauri::command]
pub async fn campaign_field_usage<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
) -> CmdResult<Vec<CustomFieldUsage>> {
    blocking(app, move |s| s.custom_field_usage(campaign_id)).await
}

#[tauri::command]
pub async fn worker_list<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
    filter: WorkerFilter,
) -> CmdResult<WorkerList> {
    blocking(app, move |s| s.worker_list(campaign_id, &filter)).await
}

/// One page of the worker table, with the counts of the whole filter when asked.
#[tauri::command]
pub async fn worker_page<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
    request: WorkerPageRequest,
) -> CmdResult<WorkerPage> {
    blocking(app, move |s| s.worker_page(campaign_id, &request)).await
}

#[tauri::command]
pub async fn worker_facets<R: Runtime>(app: AppHandle<R>, campaign_id: i64) -> CmdResult<Facets> {
    blocking(app, move |s| s.departments_and_shifts(campaign_id)).await
}

#[tauri::command]
pub async fn worker_detail<R: Runtime>(app: AppHandle<R>, id: i64) -> CmdResult<WorkerDetail> {
    blocking(app, move |s| s.worker_detail(id)).await
}

#[tauri::command]
pub async fn worker_create<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
    input: WorkerInput,
) -> CmdResult<WorkerDetail> {
    blocking(app, move |s| s.worker_create(campaign_id, &input)).await
}

#[tauri::command]
pub async fn worker_update<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    input: WorkerInput,
) -> CmdResult<WorkerDetail> {
    blocking(app, move |s| s.worker_update(id, &input)).await
}

#[tauri::command]
pub async fn worker_move<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    department: String,
    shift: String,
) -> CmdResult<()> {
    blocking(app, move |s| s.worker_move(id, &department, &shift)).await
}

#[tauri::command]
pub async fn worker_delete<R: Runtime>(app: AppHandle<R>, id: i64) -> CmdResult<()> {
    blocking(app, move |s| s.worker_delete(id)).await
}

#[tauri::command]
pub async fn worker_assess<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    value: u8,
    by: String,
    reason: String,
) -> CmdResult<WorkerDetail> {
    blocking(app, move |s| s.worker_assess(id, value, &by, &reason)).await
}

#[tauri::command]
pub async fn committee_join<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    from: Option<String>,
) -> CmdResult<WorkerDetail> {
    blocking(app, move |s| s.committee_join(id, from.as_deref())).await
}

#[tauri::command]
pub async fn committee_leave<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    to: Option<String>,
) -> CmdResult<WorkerDetail> {
    blocking(app, move |s| s.committee_leave(id, to.as_deref())).await
}

#[tauri::command]
pub async fn card_set<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    signed_on: Option<String>,
) -> CmdResult<WorkerDetail> {
    blocking(app, move |s| s.card_set(id, signed_on.as_deref())).await
}

#[tauri::command]
pub async fn conversation_log<R: Runtime>(
    app: AppHandle<R>,
    worker_id: i64,
    input: ConversationInput,
) -> CmdResult<WorkerDetail> {
    blocking(app, move |s| s.conversation_log(worker_id, &input)).await
}

#[tauri::command]
pub async fn follow_ups<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
    days_ahead: i64,
) -> CmdResult<Vec<FollowUp>> {
    blocking(app, move |s| s.follow_ups(campaign_id, days_ahead)).await
}

#[tauri::command]
pub async fn follow_up_done<R: Runtime>(
    app: AppHandle<R>,
    conversation_id: i64,
    done: bool,
) -> CmdResult<()> {
    blocking(app, move |s| s.follow_up_done(conversation_id, done)).await
}
