//! Commands over `fieldbook::api::plan`: the plan (goals, milestones, the action ladder with
//! participation and suggestions, tasks), Today, the dashboard, and the progress report.
//! Translation only.

use super::{blocking, save_via_dialog, CmdResult};
use fieldbook::plan::{
    report, ActionInput, AssessmentSuggestion, Dashboard, Milestone, MilestoneInput, Participation,
    ParticipationInput, Plan, PlanAction, PlanChanges, PlanSettings, PlanSettingsInput, PlanTask,
    ProgressReport, ReportRequest, SeriesMetric, SupportSeries, TaskInput, Today,
};
use fieldbook::workers::WorkerDetail;
use tauri::{AppHandle, Runtime};

#[tauri::command]
pub async fn plan_get<R: Runtime>(app: AppHandle<R>, campaign_id: i64) -> CmdResult<Plan> {
    blocking(app, move |s| s.plan(campaign_id)).await
}

#[tauri::command]
pub async fn plan_settings_update<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
    input: PlanSettingsInput,
) -> CmdResult<PlanSettings> {
    blocking(app, move |s| s.plan_settings_update(campaign_id, &input)).await
}

#[tauri::command]
pub async fn plan_today<R: Runtime>(app: AppHandle<R>, campaign_id: i64) -> CmdResult<Today> {
    blocking(app, move |s| s.plan_today(campaign_id)).await
}

#[tauri::command]
pub async fn plan_dashboard<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
) -> CmdResult<Dashboard> {
    blocking(app, move |s| s.plan_dashboard(campaign_id)).await
}

#[tauri::command]
pub async fn plan_changes<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
    from: String,
    to: String,
) -> CmdResult<PlanChanges> {
    blocking(app, move |s| s.plan_changes(campaign_id, &from, &to)).await
}

#[tauri::command]
pub async fn plan_series<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
    from: String,
    to: String,
) -> CmdResult<SupportSeries> {
    blocking(app, move |s| s.plan_series(campaign_id, &from, &to)).await
}

#[tauri::command]
pub async fn plan_series_workers<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
    on: String,
    metric: SeriesMetric,
) -> CmdResult<Vec<i64>> {
    blocking(app, move |s| {
        s.plan_series_workers(campaign_id, &on, metric)
    })
    .await
}

#[tauri::command]
pub async fn milestone_create<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
    input: MilestoneInput,
) -> CmdResult<Milestone> {
    blocking(app, move |s| s.milestone_create(campaign_id, &input)).await
}

#[tauri::command]
pub async fn milestone_update<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    input: MilestoneInput,
) -> CmdResult<Milestone> {
    blocking(app, move |s| s.milestone_update(id, &input)).await
}

#[tauri::command]
pub async fn milestone_delete<R: Runtime>(app: AppHandle<R>, id: i64) -> CmdResult<()> {
    blocking(app, move |s| s.milestone_delete(id)).await
}

#[tauri::command]
pub async fn action_create<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
    input: ActionInput,
) -> CmdResult<PlanAction> {
    blocking(app, move |s| s.action_create(campaign_id, &input)).await
}

#[tauri::command]
pub async fn action_update<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    input: ActionInput,
) -> CmdResult<PlanAction> {
    blocking(app, move |s| s.action_update(id, &input)).await
}

#[tauri::command]
pub async fn action_delete<R: Runtime>(app: AppHandle<R>, id: i64) -> CmdResult<()> {
    blocking(app, move |s| s.action_delete(id)).await
}

#[tauri::command]
pub async fn action_participation<R: Runtime>(
    app: AppHandle<R>,
    action_id: i64,
) -> CmdResult<Vec<Participation>> {
    blocking(app, move |s| s.action_participation(action_id)).await
}

#[tauri::command]
pub async fn action_participation_set<R: Runtime>(
    app: AppHandle<R>,
    action_id: i64,
    entries: Vec<ParticipationInput>,
) -> CmdResult<PlanAction> {
    blocking(app, move |s| {
        s.action_participation_set(action_id, &entries)
    })
    .await
}

#[tauri::command]
pub async fn action_participation_remove<R: Runtime>(
    app: AppHandle<R>,
    action_id: i64,
    worker_id: i64,
) -> CmdResult<PlanAction> {
    blocking(app, move |s| {
        s.action_participation_remove(action_id, worker_id)
    })
    .await
}

#[tauri::command]
pub async fn plan_suggestions<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
) -> CmdResult<Vec<AssessmentSuggestion>> {
    blocking(app, move |s| s.plan_suggestions(campaign_id)).await
}

#[tauri::command]
pub async fn suggestion_accept<R: Runtime>(
    app: AppHandle<R>,
    worker_id: i64,
    suggested: u8,
    by: String,
) -> CmdResult<WorkerDetail> {
    blocking(app, move |s| s.suggestion_accept(worker_id, suggested, &by)).await
}

#[tauri::command]
pub async fn suggestion_dismiss<R: Runtime>(
    app: AppHandle<R>,
    worker_id: i64,
    suggested: u8,
) -> CmdResult<()> {
    blocking(app, move |s| s.suggestion_dismiss(worker_id, suggested)).await
}

#[tauri::command]
pub async fn task_create<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: i64,
    input: TaskInput,
) -> CmdResult<PlanTask> {
    blocking(app, move |s| s.task_create(campaign_id, &input)).await
}

#[tauri::command]
pub async fn task_update<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    input: TaskInput,
) -> CmdResult<PlanTask> {
    blocking(app, move |s| s.task_update(id, &input)).await
}

#[tauri::command]
pub async fn task_set_done<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    done: bool,
) -> CmdResult<PlanTask> {
    blocking(app, move |s| s.task_set_done(id, done)).await
}

#[tauri::command]
pub async fn task_delete<R: Runtime>(app: AppHandle<R>, id: i64) -> CmdResult<()> {
    blocking(app, move |s| s.task_delete(id)).await
}

/// The report's numbers, for a preview in the window (names blanked unless `request.names`).
#[tauri::command]
pub async fn plan_report<R: Runtime>(
    app: AppHandle<R>,
    request: ReportRequest,
) -> CmdResult<ProgressReport> {
    blocking(app, move |s| s.plan_report(&request)).await
}

/// Render the report's PDF in the library, ask where to save it (the native dialog, opened from
/// here: the UI never names a path and never holds the bytes), write it. `None` when cancelled.
#[tauri::command]
pub async fn plan_report_save<R: Runtime>(
    app: AppHandle<R>,
    request: ReportRequest,
) -> CmdResult<Option<String>> {
    let name = report::file_name(&request);
    let bytes = blocking(app.clone(), move |s| s.plan_report_pdf(&request)).await?;
    save_via_dialog(&app, name, Some("pdf"), move |path| {
        report::write(path, "pdf", &bytes)
    })
    .await
}
