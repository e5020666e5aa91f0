//! The unit list's use cases, as the desktop shell and the CLI call them. Each is a few lines:
//! every rule lives in [`crate::workers`].

use super::Session;
use crate::error::Result;
use crate::workers::{
    campaign, conversation, dates, query, store, Campaign, CampaignInput, ConversationInput,
    CustomFieldChanges, CustomFieldUsage, FollowUp, WorkerDetail, WorkerFilter, WorkerInput,
    WorkerList, WorkerPage, WorkerPageRequest,
};
use chrono::Duration;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the filters and the wall chart offer: departments and shifts in use (largest first) and
/// the tags on active workers (alphabetical).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Facets {
    pub departments: Vec<String>,
    pub shifts: Vec<String>,
    pub tags: Vec<String>,
    /// The values in use of each custom field the campaign defines (alphabetical), for fields
    /// with at most [`MAX_FACET_VALUES`] different values (more is free text, not a filter).
    pub custom: Vec<CustomFacet>,
}

/// A custom field and the values it holds on active workers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct CustomFacet {
    pub name: String,
    pub values: Vec<String>,
}

/// A custom field with more different values than this offers none to filter on.
pub const MAX_FACET_VALUES: usize = 50;

impl Session {
    pub fn campaigns(&self) -> Result<Vec<Campaign>> {
        self.with_conn(|conn, _| campaign::list(conn))
    }

    pub fn create_campaign(&self, input: &CampaignInput) -> Result<Campaign> {
        self.with_conn(|conn, _| campaign::create(conn, input))
    }

    pub fn update_campaign(&self, id: i64, input: &CampaignInput) -> Result<Campaign> {
        self.with_conn(|conn, _| campaign::update(conn, id, input))
    }

    /// Update a campaign, moving renamed custom fields' values and erasing those asked for.
    pub fn update_campaign_with(
        &self,
        id: i64,
        input: &CampaignInput,
        changes: &CustomFieldChanges,
    ) -> Result<Campaign> {
        self.with_conn(|conn, _| campaign::update_with(conn, id, input, changes))
    }

    /// How many workers hold a value for each custom field (removed fields' hidden values too).
    pub fn custom_field_usage(&self, campaign_id: i64) -> Result<Vec<CustomFieldUsage>> {
        self.with_conn(|conn, _| campaign::custom_field_usage(conn, campaign_id))
    }

    pub fn worker_list(&self, campaign_id: i64, filter: &WorkerFilter) -> Result<WorkerList> {
        self.with_conn(|conn, today| query::list(conn, campaign_id, filter, today))
    }

    /// One page of the worker table (and the counts of the whole filter, when asked).
    pub fn worker_page(&self, campaign_id: i64, request: &WorkerPageRequest) -> Result<WorkerPage> {
        self.with_conn(|conn, today| query::page(conn, campaign_id, request, today))
    }

    pub fn departments_and_shifts(&self, campaign_id: i64) -> Result<Facets> {
        self.with_conn(|conn, _| {
            let (departments, shifts) = query::departments_and_shifts(conn, campaign_id)?;
            // The tags of the default list (active, no supervisors), de-duplicated.
            let mut tags: Vec<String> = {
                let mut stmt = conn.prepare_cached(
                    "SELECT DISTINCT j.value FROM worker w,
                            json_each(CASE WHEN json_valid(w.tags) THEN w.tags ELSE '[]' END) j
                     WHERE w.campaign_id = ?1 AND w.status = 'active' AND w.is_supervisor = 0
                       AND j.type = 'text'",
                )?;
                let rows = stmt.query_map([campaign_id], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            tags.sort_by_key(|t| t.to_lowercase());
            tags.dedup();
            let mut custom = Vec::new();
            for name in campaign::get(conn, campaign_id)?.custom_fields {
                let mut stmt = conn.prepare_cached(
                    "SELECT DISTINCT j.value FROM worker w,
                            json_each(CASE WHEN json_valid(w.custom) THEN w.custom ELSE '{}' END) j
                     WHERE w.campaign_id = ?1 AND w.status = 'active'
                       AND j.key = ?2 AND j.type = 'text' AND j.value <> ''
                     LIMIT ?3",
                )?;
                let rows = stmt.query_map(
                    rusqlite::params![campaign_id, name, MAX_FACET_VALUES as i64 + 1],
                    |r| r.get::<_, String>(0),
                )?;
                let mut values: Vec<String> = rows.collect::<rusqlite::Result<_>>()?;
                if values.len() > MAX_FACET_VALUES {
                    values.clear();
                }
                values.sort_by_key(|v| v.to_lowercase());
                custom.push(CustomFacet { name, values });
            }
            Ok(Facets {
                departments,
                shifts,
                tags,
                custom,
            })
        })
    }

    pub fn worker_detail(&self, id: i64) -> Result<WorkerDetail> {
        self.with_conn(|conn, today| store::detail(conn, id, today))
    }

    pub fn worker_create(&self, campaign_id: i64, input: &WorkerInput) -> Result<WorkerDetail> {
        self.with_conn(|conn, today| {
            let id = store::insert(conn, campaign_id, input)?;
            store::detail(conn, id, today)
        })
    }

    pub fn worker_update(&self, id: i64, input: &WorkerInput) -> Result<WorkerDetail> {
        self.with_conn(|conn, today| {
            store::update(conn, id, input)?;
            store::detail(conn, id, today)
        })
    }

    pub fn worker_move(&self, id: i64, department: &str, shift: &str) -> Result<()> {
        self.with_conn(|conn, _| store::move_to(conn, id, department, shift))
    }

    /// Delete a worker (and, with it, an unsaved 1-on-1 draft about them).
    pub fn worker_delete(&self, id: i64) -> Result<()> {
        self.with_conn(|conn, _| {
            let tx = conn.transaction()?;
            store::delete(&tx, id)?;
            crate::workers::draft::clear(&tx, &crate::workers::draft::conversation_key(id))?;
            tx.commit()?;
            Ok(())
        })
    }

    pub fn worker_assess(
        &self,
        id: i64,
        value: u8,
        by: &str,
        reason: &str,
    ) -> Result<WorkerDetail> {
        self.with_conn(|conn, today| {
            store::assess(conn, id, value, by, reason, None)?;
            store::detail(conn, id, today)
        })
    }

    /// Join the committee from `from` (YYYY-MM-DD; today when `None`).
    pub fn committee_join(&self, id: i64, from: Option<&str>) -> Result<WorkerDetail> {
        self.with_conn(|conn, today| {
            let from = from.map_or_else(|| dates::fmt(today), str::to_string);
            store::join_committee(conn, id, &from)?;
            store::detail(conn, id, today)
        })
    }

    /// Leave the committee on `to` (YYYY-MM-DD; today when `None`).
    pub fn committee_leave(&self, id: i64, to: Option<&str>) -> Result<WorkerDetail> {
        self.with_conn(|conn, today| {
            let to = to.map_or_else(|| dates::fmt(today), str::to_string);
            store::leave_committee(conn, id, &to)?;
            store::detail(conn, id, today)
        })
    }

    /// Record the day a card was signed, or clear it with `None`.
    pub fn card_set(&self, id: i64, signed_on: Option<&str>) -> Result<WorkerDetail> {
        self.with_conn(|conn, today| {
            store::set_card(conn, id, signed_on)?;
            store::detail(conn, id, today)
        })
    }

    pub fn conversation_log(
        &self,
        worker_id: i64,
        input: &ConversationInput,
    ) -> Result<WorkerDetail> {
        self.with_conn(|conn, today| {
            conversation::log(conn, worker_id, input)?;
            store::detail(conn, worker_id, today)
        })
    }

    /// Open follow-ups due up to `days_ahead` days from today, overdue first.
    pub fn follow_ups(&self, campaign_id: i64, days_ahead: i64) -> Result<Vec<FollowUp>> {
        self.with_conn(|conn, today| {
            let until = today + Duration::days(days_ahead.clamp(0, 3660));
            conversation::follow_ups(conn, campaign_id, today, until, None)
        })
    }

    pub fn follow_up_done(&self, conversation_id: i64, done: bool) -> Result<()> {
        self.with_conn(|conn, _| conversation::set_follow_up_done(conn, conversation_id, done))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recent::RecentList;
    use crate::vault::Kdf;
    use crate::workers::WorkerFilter;

    fn session(dir: &std::path::Path) -> Session {
        let s = Session::new(RecentList::at(dir.join("recent.json"))).with_kdf(Kdf::Fixed(18));
        s.create(super::super::CreateVaultRequest {
            folder: dir.display().to_string(),
            name: "Test".into(),
            passphrase: "maple river lantern 47".to_string().into(),
            with_recovery_key: false,
        })
        .expect("create");
        s
    }

    #[test]
    fn the_use_cases_round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = session(dir.path());
        let c = s
            .create_campaign(&CampaignInput {
                name: "Riverside".into(),
                employer_domains: vec!["acme.com".into()],
                ..Default::default()
            })
            .expect("campaign");
        assert_eq!(s.campaigns().expect("list").len(), 1);
        let w = s
            .worker_create(
                c.id,
                &WorkerInput {
                    legal_name: "Dwayne Carter".into(),
                    department: "Picking".into(),
                    shift: "Night".into(),
                    emails: vec!["dc@acme.com".into()],
                    tags: vec!["forklift".into()],
                    ..Default::default()
                },
            )
            .expect("worker");
        assert_eq!(w.worker.work_emails, vec!["dc@acme.com".to_string()]);
        let id = w.worker.id;
        s.worker_assess(id, 3, "me", "first talk").expect("assess");
        assert!(s.committee_join(id, None).expect("join").worker.committee);
        assert!(s
            .card_set(id, Some("2025-01-02"))
            .expect("card")
            .worker
            .fields
            .card_signed_on
            .is_some());
        let d = s
            .conversation_log(
                id,
                &ConversationInput {
                    held_on: "2025-01-03".into(),
                    assessment_after: Some(2),
                    follow_up_on: Some("2000-01-01".into()),
                    ..Default::default()
                },
            )
            .expect("log");
        assert_eq!(d.worker.assessment, Some(2));
        let due = s.follow_ups(c.id, 7).expect("follow-ups");
        assert_eq!(due.len(), 1);
        assert!(due[0].overdue);
        s.follow_up_done(due[0].conversation_id, true)
            .expect("done");
        assert!(s.follow_ups(c.id, 7).expect("follow-ups").is_empty());
        s.worker_move(id, "Packing", "Day").expect("move");
        let f = s.departments_and_shifts(c.id).expect("facets");
        assert_eq!(f.departments, vec!["Packing".to_string()]);
        assert_eq!(f.tags, vec!["forklift".to_string()]);
        assert_eq!(
            s.worker_list(c.id, &WorkerFilter::default())
                .expect("list")
                .counts
                .total,
            1
        );
        s.worker_delete(id).expect("delete");
        assert_eq!(
            s.worker_list(c.id, &WorkerFilter::default())
                .expect("list")
                .counts
                .total,
            0
        );
    }
}
