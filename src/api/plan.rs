//! The plan's use cases, as the desktop shell and the CLI call them: goals, milestones, the
//! action ladder with participation and suggestions, tasks, Today, the dashboard and the
//! progress report. Every rule lives in [`crate::plan`].

use super::Session;
use crate::error::Result;
use crate::plan::{
    changes, dashboard, goals, ladder, milestones, report, report_pdf, series, tasks, ActionInput,
    AssessmentSuggestion, Dashboard, Milestone, MilestoneInput, Participation, ParticipationInput,
    Plan, PlanAction, PlanChanges, PlanSettings, PlanSettingsInput, PlanTask, ProgressReport,
    ReportRequest, SeriesMetric, SupportSeries, TaskInput, Today,
};
use crate::workers::{dates, store, WorkerDetail};

/// A progress report written out: the PDF, and the CSV of its numbers.
#[derive(Debug, Clone)]
pub struct ReportFiles {
    pub report: ProgressReport,
    pub pdf: Vec<u8>,
    pub csv: String,
}

fn day(field: &str, value: &str) -> Result<chrono::NaiveDate> {
    let d = dates::day(field, Some(value))?.ok_or_else(|| {
        crate::Error::InvalidInput(format!("{field}: a date (YYYY-MM-DD) is required."))
    })?;
    Ok(chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").expect("validated above"))
}

impl Session {
    /// The whole plan with live figures (`fieldbook plan --json`).
    pub fn plan(&self, campaign_id: i64) -> Result<Plan> {
        self.with_conn(|conn, today| dashboard::plan(conn, campaign_id, today))
    }

    pub fn plan_settings_update(
        &self,
        campaign_id: i64,
        input: &PlanSettingsInput,
    ) -> Result<PlanSettings> {
        self.with_conn(|conn, _| goals::update_settings(conn, campaign_id, input))
    }

    pub fn plan_today(&self, campaign_id: i64) -> Result<Today> {
        self.with_conn(|conn, today| dashboard::today_view(conn, campaign_id, today))
    }

    pub fn plan_dashboard(&self, campaign_id: i64) -> Result<Dashboard> {
        self.with_conn(|conn, today| dashboard::dashboard(conn, campaign_id, today))
    }

    /// What changed from `from` to `to` (YYYY-MM-DD, both included).
    pub fn plan_changes(&self, campaign_id: i64, from: &str, to: &str) -> Result<PlanChanges> {
        let (from, to) = (day("From", from)?, day("To", to)?);
        self.with_conn(|conn, _| {
            crate::workers::campaign::get(conn, campaign_id)?;
            changes::between(conn, campaign_id, from, to)
        })
    }

    /// The weekly series over a period (YYYY-MM-DD, both included).
    pub fn plan_series(&self, campaign_id: i64, from: &str, to: &str) -> Result<SupportSeries> {
        let (from, to) = (day("From", from)?, day("To", to)?);
        self.with_conn(|conn, _| {
            let settings = goals::settings(conn, campaign_id)?;
            series::series(conn, campaign_id, from, to, &settings)
        })
    }

    /// The workers behind one point of the series.
    pub fn plan_series_workers(
        &self,
        campaign_id: i64,
        on: &str,
        metric: SeriesMetric,
    ) -> Result<Vec<i64>> {
        let on = day("Day", on)?;
        self.with_conn(|conn, _| {
            let settings = goals::settings(conn, campaign_id)?;
            series::point_workers(conn, campaign_id, on, metric, &settings)
        })
    }

    pub fn milestone_create(&self, campaign_id: i64, input: &MilestoneInput) -> Result<Milestone> {
        self.with_conn(|conn, today| {
            let id = milestones::create(conn, campaign_id, input, today)?;
            milestone(conn, id, today)
        })
    }

    pub fn milestone_update(&self, id: i64, input: &MilestoneInput) -> Result<Milestone> {
        self.with_conn(|conn, today| {
            milestones::update(conn, id, input, today)?;
            milestone(conn, id, today)
        })
    }

    pub fn milestone_delete(&self, id: i64) -> Result<()> {
        self.with_conn(|conn, _| milestones::delete(conn, id))
    }

    pub fn action_create(&self, campaign_id: i64, input: &ActionInput) -> Result<PlanAction> {
        self.with_conn(|conn, today| {
            let id = ladder::create(conn, campaign_id, input, today)?;
            action(conn, id)
        })
    }

    pub fn action_update(&self, id: i64, input: &ActionInput) -> Result<PlanAction> {
        self.with_conn(|conn, today| {
            ladder::update(conn, id, input, today)?;
            action(conn, id)
        })
    }

    pub fn action_delete(&self, id: i64) -> Result<()> {
        self.with_conn(|conn, _| ladder::delete(conn, id))
    }

    pub fn action_participation(&self, action_id: i64) -> Result<Vec<Participation>> {
        self.with_conn(|conn, _| ladder::participation(conn, action_id))
    }

    /// Record who was asked, committed, declined, took part (all or nothing); the action back.
    pub fn action_participation_set(
        &self,
        action_id: i64,
        entries: &[ParticipationInput],
    ) -> Result<PlanAction> {
        self.with_conn(|conn, today| {
            ladder::set_participation(conn, action_id, entries, today)?;
            action(conn, action_id)
        })
    }

    pub fn action_participation_remove(
        &self,
        action_id: i64,
        worker_id: i64,
    ) -> Result<PlanAction> {
        self.with_conn(|conn, _| {
            ladder::remove_participation(conn, action_id, worker_id)?;
            action(conn, action_id)
        })
    }

    pub fn plan_suggestions(&self, campaign_id: i64) -> Result<Vec<AssessmentSuggestion>> {
        self.with_conn(|conn, _| ladder::suggestions(conn, campaign_id, None))
    }

    /// Accept a suggestion: an assessment entry by `by` with the suggestion's reason.
    pub fn suggestion_accept(
        &self,
        worker_id: i64,
        suggested: u8,
        by: &str,
    ) -> Result<WorkerDetail> {
        self.with_conn(|conn, today| {
            ladder::accept_suggestion(conn, worker_id, suggested, by)?;
            store::detail(conn, worker_id, today)
        })
    }

    pub fn suggestion_dismiss(&self, worker_id: i64, suggested: u8) -> Result<()> {
        self.with_conn(|conn, _| ladder::dismiss_suggestion(conn, worker_id, suggested))
    }

    pub fn task_create(&self, campaign_id: i64, input: &TaskInput) -> Result<PlanTask> {
        self.with_conn(|conn, today| {
            let id = tasks::create(conn, campaign_id, input)?;
            tasks::get(conn, id, today)
        })
    }

    pub fn task_update(&self, id: i64, input: &TaskInput) -> Result<PlanTask> {
        self.with_conn(|conn, today| {
            tasks::update(conn, id, input)?;
            tasks::get(conn, id, today)
        })
    }

    pub fn task_set_done(&self, id: i64, done: bool) -> Result<PlanTask> {
        self.with_conn(|conn, today| {
            tasks::set_done(conn, id, done, today)?;
            tasks::get(conn, id, today)
        })
    }

    pub fn task_delete(&self, id: i64) -> Result<()> {
        self.with_conn(|conn, _| tasks::delete(conn, id))
    }

    /// The numbers of a progress report (what the PDF and CSV show).
    pub fn plan_report(&self, request: &ReportRequest) -> Result<ProgressReport> {
        self.with_conn(|conn, today| report::build(conn, request, today))
    }

    /// A progress report's PDF (nothing written).
    pub fn plan_report_pdf(&self, request: &ReportRequest) -> Result<Vec<u8>> {
        report_pdf::render(&self.plan_report(request)?)
    }

    /// A progress report, rendered: the PDF and the CSV of its numbers (nothing written).
    pub fn plan_report_files(&self, request: &ReportRequest) -> Result<ReportFiles> {
        let report = self.plan_report(request)?;
        let pdf = report_pdf::render(&report)?;
        let csv = report::csv(&report)?;
        Ok(ReportFiles { report, pdf, csv })
    }
}

fn milestone(conn: &rusqlite::Connection, id: i64, today: chrono::NaiveDate) -> Result<Milestone> {
    let campaign_id = milestones::campaign_of(conn, id)?;
    let settings = goals::settings(conn, campaign_id)?;
    let goals = crate::plan::dashboard::plan_goals(conn, campaign_id, today, &settings)?;
    milestones::get(conn, id, &goals, today)
}

fn action(conn: &rusqlite::Connection, id: i64) -> Result<PlanAction> {
    let unit = ladder::unit_size(conn, ladder::campaign_of(conn, id)?)?;
    ladder::get(conn, id, unit)
}
