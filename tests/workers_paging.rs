//! The worker table a page at a time, on a real vault: pages put end to end are exactly the whole
//! sorted list (every sort key, both directions, several page sizes, ties included), their counts
//! are the whole filter's, ids restrict both; custom fields (filter, sort, the values in rows), and
//! what renaming, removing and erasing a campaign's custom fields does to the workers' values,
//! across a lock and unlock.

mod common;

use chrono::NaiveDate;
use common::*;
use fieldbook::vault::Vault;
use fieldbook::workers::{campaign, conversation, query, store, *};
use fieldbook::Error;
use std::collections::{BTreeMap, BTreeSet};

const TODAY: &str = "2026-03-10";

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

/// A campaign of `n` workers with repeated names (so the sort keys tie), every department and
/// shift, assessments, cards (some stale), committee members, open follow-ups (some overdue),
/// supervisors and workers who left, and a custom field "Locker" on some.
fn seeded(n: usize) -> (tempfile::TempDir, Vault, i64) {
    let (dir, mut vault, _) = new_vault(false);
    let c = campaign::create(
        vault.conn_mut(),
        &CampaignInput {
            name: "Riverside DC".into(),
            card_stale_days: Some(365),
            custom_fields: vec!["Locker".into(), "Bus route".into()],
            ..CampaignInput::default()
        },
    )
    .unwrap();
    let tx = vault.conn_mut().transaction().unwrap();
    let mut talks = Vec::new();
    let first = ["Ana", "bo", "Carmen", "Dwayne", "Ana", "Émile", "zoe"];
    let last = ["Peña", "Chen", "Okafor", "Carter"];
    for i in 0..n {
        let mut custom = BTreeMap::new();
        if i % 3 == 0 {
            custom.insert("Locker".to_string(), format!("L{}", i % 17));
        }
        if i % 5 == 0 {
            custom.insert(
                "Bus route".to_string(),
                ["12", "40", "7"][i % 3].to_string(),
            );
        }
        let w = WorkerInput {
            // Many exact duplicates: ties on every key but the id.
            legal_name: format!("{} {}", first[i % first.len()], last[(i / 7) % last.len()]),
            preferred_name: if i % 11 == 0 {
                "Nico".into()
            } else {
                String::new()
            },
            department: ["Picking", "packing", "Shipping", ""][i % 4].into(),
            shift: ["Day", "Night", "swing"][i % 3].into(),
            card_signed_on: match i % 6 {
                0 => Some("2026-01-05".into()),
                1 => Some("2024-02-01".into()), // stale (older than 365 days)
                2 => Some(format!("2025-{:02}-15", 1 + i % 12)),
                _ => None,
            },
            is_supervisor: i % 29 == 0,
            status: if i % 23 == 0 {
                WorkerStatus::Left
            } else {
                WorkerStatus::Active
            },
            custom,
            ..WorkerInput::default()
        };
        let id = store::insert(&tx, c.id, &w).unwrap();
        if i % 7 != 3 {
            store::assess(&tx, id, (i % 5 + 1) as u8, "me", "", None).unwrap();
        }
        if i % 13 == 0 {
            store::join_committee(&tx, id, "2025-06-01").unwrap();
        }
        if i % 9 == 0 {
            talks.push((id, i));
        }
    }
    tx.commit().unwrap();
    for (id, i) in talks {
        conversation::log(
            vault.conn_mut(),
            id,
            &ConversationInput {
                held_on: "2026-02-01".into(),
                follow_up_on: Some(if i % 2 == 0 {
                    "2026-03-01".into() // overdue
                } else {
                    format!("2026-04-{:02}", 1 + i % 28)
                }),
                ..ConversationInput::default()
            },
        )
        .unwrap();
    }
    (dir, vault, c.id)
}

fn request(filter: &WorkerFilter, offset: u32, limit: u32, counts: bool) -> WorkerPageRequest {
    WorkerPageRequest {
        filter: filter.clone(),
        ids: None,
        offset,
        limit,
        counts,
    }
}

/// Every page of `filter`, `size` rows at a time, put end to end; checks each page's counts.
fn all_pages(vault: &Vault, cid: i64, filter: &WorkerFilter, size: u32) -> Vec<WorkerRow> {
    let mut out = Vec::new();
    let mut expected_total = None;
    loop {
        let page = query::page(
            vault.conn(),
            cid,
            &request(filter, out.len() as u32, size, true),
            today(),
        )
        .unwrap();
        assert_eq!(page.offset as usize, out.len());
        let counts = page.counts.expect("counts were asked for");
        let total = *expected_total.get_or_insert(counts.total);
        assert_eq!(counts.total, total, "every page counts the whole filter");
        assert!(page.rows.len() <= size as usize);
        let done = page.rows.len() < size as usize;
        out.extend(page.rows);
        if done {
            assert_eq!(out.len() as u32, total, "the pages hold the whole filter");
            return out;
        }
    }
}

fn ids(rows: &[WorkerRow]) -> Vec<i64> {
    rows.iter().map(|r| r.id).collect()
}

#[test]
fn pages_end_to_end_are_the_whole_sorted_list_with_its_counts() {
    let (_dir, vault, cid) = seeded(1_234);
    let sorts = [
        SortKey::Name,
        SortKey::Department,
        SortKey::Shift,
        SortKey::Assessment,
        SortKey::CardSigned,
        SortKey::FollowUp,
    ];
    let filters = [
        WorkerFilter::default(),
        WorkerFilter {
            departments: vec!["Picking".into()],
            assessments: vec![1, 2],
            unassessed: true,
            ..WorkerFilter::default()
        },
        WorkerFilter {
            card: CardFilter::Stale,
            include_supervisors: true,
            statuses: vec![WorkerStatus::Active, WorkerStatus::Left],
            ..WorkerFilter::default()
        },
        WorkerFilter {
            committee: Some(true),
            ..WorkerFilter::default()
        },
        WorkerFilter {
            follow_up_overdue: true,
            search: "ana".into(),
            ..WorkerFilter::default()
        },
    ];
    let mut checked = 0;
    for base in &filters {
        for sort in sorts {
            for descending in [false, true] {
                let filter = WorkerFilter {
                    sort,
                    descending,
                    ..base.clone()
                };
                let whole = query::list(vault.conn(), cid, &filter, today()).unwrap();
                assert!(!whole.rows.is_empty(), "{filter:?} keeps someone");
                for size in [100, 37] {
                    let paged = all_pages(&vault, cid, &filter, size);
                    assert_eq!(
                        ids(&paged),
                        ids(&whole.rows),
                        "{sort:?} desc={descending}, pages of {size}: same workers in the same order"
                    );
                    let distinct: BTreeSet<i64> = paged.iter().map(|r| r.id).collect();
                    assert_eq!(distinct.len(), paged.len(), "no worker on two pages");
                }
                // The counts of a page (one SQL aggregate) are those of the whole list (counted
                // row by row).
                let first = query::page(vault.conn(), cid, &request(&filter, 0, 10, true), today())
                    .unwrap();
                assert_eq!(first.counts.as_ref(), Some(&whole.counts));
                checked += 1;
            }
        }
    }
    assert_eq!(checked, filters.len() * sorts.len() * 2);

    // The order itself: by name (case-insensitive), ties by id.
    let by_name = all_pages(&vault, cid, &WorkerFilter::default(), 100);
    for pair in by_name.windows(2) {
        let (a, b) = (pair[0].name.to_lowercase(), pair[1].name.to_lowercase());
        assert!(
            a < b || (a == b && pair[0].id < pair[1].id),
            "{:?} then {:?}",
            (&pair[0].name, pair[0].id),
            (&pair[1].name, pair[1].id)
        );
    }
    // The default list: active, no supervisors.
    let every = query::list(
        vault.conn(),
        cid,
        &WorkerFilter {
            statuses: vec![WorkerStatus::Active, WorkerStatus::Left],
            include_supervisors: true,
            ..WorkerFilter::default()
        },
        today(),
    )
    .unwrap();
    assert_eq!(every.rows.len(), 1_234);
    let active = every
        .rows
        .iter()
        .filter(|r| r.status == WorkerStatus::Active && !r.is_supervisor)
        .count();
    assert_eq!(by_name.len(), active);
}

#[test]
fn a_page_past_the_end_is_empty_and_limits_are_checked() {
    let (_dir, vault, cid) = seeded(150);
    let filter = WorkerFilter::default();
    let whole = query::list(vault.conn(), cid, &filter, today()).unwrap();
    let total = whole.counts.total;

    let past = query::page(
        vault.conn(),
        cid,
        &request(&filter, total, 100, true),
        today(),
    )
    .unwrap();
    assert!(past.rows.is_empty());
    assert_eq!(past.counts.as_ref(), Some(&whole.counts));

    let counts_only =
        query::page(vault.conn(), cid, &request(&filter, 0, 0, true), today()).unwrap();
    assert!(counts_only.rows.is_empty());
    assert_eq!(counts_only.counts, Some(whole.counts.clone()));

    let no_counts =
        query::page(vault.conn(), cid, &request(&filter, 5, 3, false), today()).unwrap();
    assert_eq!(no_counts.counts, None);
    assert_eq!(ids(&no_counts.rows), ids(&whole.rows[5..8]));

    let too_big = query::page(
        vault.conn(),
        cid,
        &request(&filter, 0, 1_001, false),
        today(),
    );
    assert!(
        matches!(too_big, Err(Error::InvalidInput(_))),
        "{too_big:?}"
    );
    let most = query::page(
        vault.conn(),
        cid,
        &request(&filter, 0, query::MAX_PAGE, false),
        today(),
    )
    .unwrap();
    assert_eq!(most.rows.len() as u32, total.min(query::MAX_PAGE));

    let nobody = query::page(vault.conn(), 999, &request(&filter, 0, 10, true), today());
    assert!(
        nobody.is_err(),
        "an unknown campaign is an error, not an empty list"
    );
}

#[test]
fn ids_restrict_the_rows_and_the_counts() {
    let (_dir, vault, cid) = seeded(300);
    let everyone = WorkerFilter {
        statuses: vec![
            WorkerStatus::Active,
            WorkerStatus::Left,
            WorkerStatus::Excluded,
        ],
        include_supervisors: true,
        ..WorkerFilter::default()
    };
    let whole = query::list(vault.conn(), cid, &everyone, today()).unwrap();
    // Every seventh worker, plus an id that is not a worker of this campaign.
    let wanted: Vec<i64> = whole.rows.iter().map(|r| r.id).step_by(7).collect();
    let mut asked = wanted.clone();
    asked.push(1_000_000);
    let page = query::page(
        vault.conn(),
        cid,
        &WorkerPageRequest {
            filter: everyone.clone(),
            ids: Some(asked),
            offset: 0,
            limit: 1_000,
            counts: true,
        },
        today(),
    )
    .unwrap();
    let kept: Vec<&WorkerRow> = whole
        .rows
        .iter()
        .filter(|r| wanted.contains(&r.id))
        .collect();
    assert_eq!(
        ids(&page.rows),
        kept.iter().map(|r| r.id).collect::<Vec<_>>()
    );
    let counts = page.counts.unwrap();
    assert_eq!(counts.total as usize, wanted.len());
    assert_eq!(
        counts.committee as usize,
        kept.iter().filter(|r| r.committee).count()
    );
    assert_eq!(
        counts.cards_stale as usize,
        kept.iter().filter(|r| r.card_stale).count()
    );
    assert_eq!(
        counts.follow_ups_overdue as usize,
        kept.iter().filter(|r| r.follow_up_overdue).count()
    );
    // An empty id list keeps nobody.
    let none = query::page(
        vault.conn(),
        cid,
        &WorkerPageRequest {
            filter: everyone,
            ids: Some(vec![]),
            offset: 0,
            limit: 10,
            counts: true,
        },
        today(),
    )
    .unwrap();
    assert!(none.rows.is_empty());
    assert_eq!(none.counts.unwrap().total, 0);
}

#[test]
fn custom_fields_filter_sort_and_come_with_the_rows() {
    let (_dir, vault, cid) = seeded(400);
    let whole = query::list(vault.conn(), cid, &WorkerFilter::default(), today()).unwrap();
    let lockers: Vec<&WorkerRow> = whole
        .rows
        .iter()
        .filter(|r| {
            r.custom
                .as_ref()
                .and_then(|c| c.get("Locker"))
                .map(String::as_str)
                == Some("L3")
        })
        .collect();
    assert!(!lockers.is_empty());
    let filter = WorkerFilter {
        custom_field: Some(CustomFieldFilter {
            name: "Locker".into(),
            value: "L3".into(),
        }),
        ..WorkerFilter::default()
    };
    let page = query::page(
        vault.conn(),
        cid,
        &request(&filter, 0, 1_000, true),
        today(),
    )
    .unwrap();
    assert_eq!(
        ids(&page.rows),
        lockers.iter().map(|r| r.id).collect::<Vec<_>>()
    );
    assert_eq!(page.counts.unwrap().total as usize, lockers.len());
    // A value matches exactly, not as a prefix ("L1" is not "L13").
    let l1 = WorkerFilter {
        custom_field: Some(CustomFieldFilter {
            name: "Locker".into(),
            value: "L1".into(),
        }),
        ..WorkerFilter::default()
    };
    for r in query::page(vault.conn(), cid, &request(&l1, 0, 1_000, false), today())
        .unwrap()
        .rows
    {
        assert_eq!(r.custom.unwrap()["Locker"], "L1");
    }

    // Sorted by the custom field: values in order (case-insensitive), workers without one last.
    for descending in [false, true] {
        let sorted = WorkerFilter {
            custom_sort: Some("Bus route".into()),
            descending,
            ..WorkerFilter::default()
        };
        let rows = all_pages(&vault, cid, &sorted, 64);
        assert_eq!(rows.len(), whole.rows.len());
        let value = |r: &WorkerRow| {
            r.custom
                .as_ref()
                .and_then(|c| c.get("Bus route"))
                .cloned()
                .unwrap_or_default()
        };
        let with: Vec<String> = rows
            .iter()
            .map(value)
            .take_while(|v| !v.is_empty())
            .collect();
        assert!(!with.is_empty());
        assert!(
            rows[with.len()..].iter().all(|r| value(r).is_empty()),
            "every worker without a value comes after those with one"
        );
        let mut expected = with.clone();
        expected.sort();
        if descending {
            expected.reverse();
        }
        assert_eq!(with, expected, "desc={descending}");
    }
    // Rows of workers without custom values carry none.
    assert!(whole.rows.iter().any(|r| r.custom.is_none()));
}

fn worker_custom(vault: &Vault, id: i64) -> BTreeMap<String, String> {
    store::get(vault.conn(), id, today()).unwrap().fields.custom
}

fn usage(vault: &Vault, cid: i64) -> Vec<(String, u32, bool)> {
    campaign::custom_field_usage(vault.conn(), cid)
        .unwrap()
        .into_iter()
        .map(|u| (u.name, u.workers, u.defined))
        .collect()
}

#[test]
fn custom_field_values_survive_a_relock_and_follow_renames_removals_and_erasure() {
    let (dir, mut vault, _) = new_vault(false);
    let mut input = CampaignInput {
        name: "Riverside DC".into(),
        custom_fields: vec!["Locker".into(), "Bus route".into(), "Badge".into()],
        ..CampaignInput::default()
    };
    let c = campaign::create(vault.conn_mut(), &input).unwrap();
    let mut ana = WorkerInput {
        legal_name: "Ana Peña".into(),
        ..WorkerInput::default()
    };
    ana.custom.insert("Locker".into(), "B-14 «ñ»".into());
    ana.custom.insert("Bus route".into(), "40".into());
    let ana = store::insert(vault.conn(), c.id, &ana).unwrap();
    let mut bo = WorkerInput {
        legal_name: "Bo Chen".into(),
        ..WorkerInput::default()
    };
    bo.custom.insert("Badge".into(), "7781".into());
    let bo = store::insert(vault.conn(), c.id, &bo).unwrap();
    let _carmen = store::insert(
        vault.conn(),
        c.id,
        &WorkerInput {
            legal_name: "Carmen Okafor".into(),
            ..WorkerInput::default()
        },
    )
    .unwrap();

    // Round trip through the vault on disk.
    vault.lock().unwrap();
    let mut vault = Vault::unlock(&vault_path(&dir), &secret(PASS)).unwrap();
    assert_eq!(worker_custom(&vault, ana)["Locker"], "B-14 «ñ»");
    assert_eq!(worker_custom(&vault, ana)["Bus route"], "40");
    assert_eq!(
        usage(&vault, c.id),
        [
            ("Locker".into(), 1, true),
            ("Bus route".into(), 1, true),
            ("Badge".into(), 1, true)
        ]
    );

    // Remove "Badge" (values kept, hidden) and rename "Bus route" to "Route".
    input.custom_fields = vec!["Locker".into(), "Route".into()];
    let changes = CustomFieldChanges {
        renamed: BTreeMap::from([("Bus route".to_string(), "Route".to_string())]),
        erase: vec![],
    };
    let c2 = campaign::update_with(vault.conn_mut(), c.id, &input, &changes).unwrap();
    assert_eq!(c2.custom_fields, ["Locker", "Route"]);
    assert_eq!(
        worker_custom(&vault, ana).get("Route").map(String::as_str),
        Some("40")
    );
    assert!(!worker_custom(&vault, ana).contains_key("Bus route"));
    assert_eq!(
        worker_custom(&vault, bo)["Badge"],
        "7781",
        "a removed field's value is kept"
    );
    assert_eq!(
        usage(&vault, c.id),
        [
            ("Locker".into(), 1, true),
            ("Route".into(), 1, true),
            ("Badge".into(), 1, false)
        ]
    );
    // Filtering on the renamed field finds the value under its new name.
    let route = query::page(
        vault.conn(),
        c.id,
        &request(
            &WorkerFilter {
                custom_field: Some(CustomFieldFilter {
                    name: "Route".into(),
                    value: "40".into(),
                }),
                ..WorkerFilter::default()
            },
            0,
            10,
            true,
        ),
        today(),
    )
    .unwrap();
    assert_eq!(ids(&route.rows), [ana]);

    // Adding "Badge" back shows the kept value again; removing it and erasing its values
    // removes them from every worker.
    input.custom_fields.push("Badge".into());
    campaign::update(vault.conn_mut(), c.id, &input).unwrap();
    assert_eq!(usage(&vault, c.id)[2], ("Badge".into(), 1, true));
    input.custom_fields.pop();
    // Erasing the values of a field the campaign still has is refused (nothing changes).
    let refused = campaign::update_with(
        vault.conn_mut(),
        c.id,
        &CampaignInput {
            custom_fields: vec!["Locker".into(), "Route".into(), "Badge".into()],
            ..input.clone()
        },
        &CustomFieldChanges {
            renamed: BTreeMap::new(),
            erase: vec!["Badge".into()],
        },
    );
    assert!(
        matches!(refused, Err(Error::InvalidInput(_))),
        "{refused:?}"
    );
    assert_eq!(worker_custom(&vault, bo)["Badge"], "7781");
    campaign::update_with(
        vault.conn_mut(),
        c.id,
        &input,
        &CustomFieldChanges {
            renamed: BTreeMap::new(),
            erase: vec!["Badge".into()],
        },
    )
    .unwrap();
    assert!(worker_custom(&vault, bo).is_empty(), "the value is erased");
    assert_eq!(
        usage(&vault, c.id),
        [("Locker".into(), 1, true), ("Route".into(), 1, true)]
    );

    // A rename must land on a field of the campaign, and cannot keep the old name too.
    for renamed in [("Locker", "Nowhere"), ("Locker", "Route")] {
        let bad = campaign::update_with(
            vault.conn_mut(),
            c.id,
            &input,
            &CustomFieldChanges {
                renamed: BTreeMap::from([(renamed.0.to_string(), renamed.1.to_string())]),
                erase: vec![],
            },
        );
        assert!(
            matches!(bad, Err(Error::InvalidInput(_))),
            "{renamed:?}: {bad:?}"
        );
    }
    assert_eq!(worker_custom(&vault, ana)["Locker"], "B-14 «ñ»");

    // Swapping two fields' names swaps the values with them.
    let swapped = campaign::update_with(
        vault.conn_mut(),
        c.id,
        &CampaignInput {
            custom_fields: vec!["Route".into(), "Locker".into()],
            ..input.clone()
        },
        &CustomFieldChanges {
            renamed: BTreeMap::from([
                ("Locker".to_string(), "Route".to_string()),
                ("Route".to_string(), "Locker".to_string()),
            ]),
            erase: vec![],
        },
    );
    assert_eq!(swapped.unwrap().custom_fields, ["Route", "Locker"]);
    assert_eq!(worker_custom(&vault, ana)["Route"], "B-14 «ñ»");
    assert_eq!(worker_custom(&vault, ana)["Locker"], "40");

    // And after another lock and unlock, everything is as left.
    vault.lock().unwrap();
    let vault = Vault::unlock(&vault_path(&dir), &secret(PASS)).unwrap();
    assert_eq!(worker_custom(&vault, ana)["Route"], "B-14 «ñ»");
    assert_eq!(worker_custom(&vault, ana)["Locker"], "40");
    assert!(worker_custom(&vault, bo).is_empty());
    vault.lock().unwrap();
}

/// Timings of the worker table's queries on a 20,000-worker demo vault (not a check: run with
/// `cargo test --test workers_paging -- --ignored --nocapture timings`).
#[test]
#[ignore]
fn timings_on_a_20000_worker_demo() {
    use std::time::Instant;
    let (_dir, mut vault, _) = new_vault(false);
    fieldbook::demo::generate(
        vault.conn_mut(),
        &fieldbook::demo::DemoOptions {
            workers: 20_000,
            ..Default::default()
        },
    )
    .unwrap();
    let cid = campaign::list(vault.conn()).unwrap()[0].id;
    let today = fieldbook::workers::dates::today();
    let filter = WorkerFilter::default();
    for round in 0..3 {
        let t = Instant::now();
        let whole = query::list(vault.conn(), cid, &filter, today).unwrap();
        let list_ms = t.elapsed().as_secs_f64() * 1e3;
        let json = serde_json::to_string(&whole).unwrap().len();
        let t = Instant::now();
        let rows = query::page(vault.conn(), cid, &request(&filter, 0, 100, false), today).unwrap();
        let rows_ms = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let counts = query::page(vault.conn(), cid, &request(&filter, 0, 0, true), today).unwrap();
        let counts_ms = t.elapsed().as_secs_f64() * 1e3;
        let page_json = serde_json::to_string(&rows).unwrap().len();
        println!(
            "round {round}: whole list {list_ms:.0} ms ({} rows, {json} bytes of JSON); page of 100 {rows_ms:.0} ms ({page_json} bytes); counts {counts_ms:.0} ms (total {})",
            whole.rows.len(),
            counts.counts.unwrap().total
        );
    }
}
