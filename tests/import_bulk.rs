//! A large import into a real vault: rows are read and reconciled on one thread while another
//! writes them. What must hold whatever the timing: every new worker written once, in the file's
//! order, each with its search row; duplicates skipped; all or nothing; and the error reported
//! is the one reading every row first would report (a bad cell anywhere beats a row that cannot
//! be written; otherwise the first row that cannot be written).

mod common;

use common::*;
use fieldbook::import::{self, ApplyChoices, FileKind};
use fieldbook::workers::{campaign, query, CampaignInput, WorkerFilter};
use std::fmt::Write as _;

/// Rows over several of the writer's chunks (1,024 workers each).
const ROWS: usize = 5_000;

fn new_campaign(vault: &mut fieldbook::vault::Vault) -> i64 {
    campaign::create(
        vault.conn_mut(),
        &CampaignInput {
            name: "Riverside".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

/// A list of `ROWS` workers, every 100th row a repeat of the one before; `edit` may change a row.
fn list(edit: impl Fn(usize, &mut String)) -> import::Table {
    let mut csv = String::from("Emp #,Last Name,First Name,Dept.,Cell,Email,Hire Date,Notes\n");
    for i in 0..ROWS {
        let n = if i % 100 == 99 { i - 1 } else { i };
        let mut line = String::new();
        let _ = write!(
            line,
            "{},Núñez{n},Ana {n},Picking,555-{:04},ana{n}@example.org,3/{}/2020,note {n}",
            10_000 + n,
            n % 10_000,
            n % 28 + 1
        );
        edit(i, &mut line);
        csv.push_str(&line);
        csv.push('\n');
    }
    import::read_table_from_bytes(csv.as_bytes(), FileKind::Csv).unwrap()
}

fn count(vault: &fieldbook::vault::Vault, sql: &str) -> i64 {
    vault.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn search(vault: &fieldbook::vault::Vault, cid: i64, text: &str) -> Vec<String> {
    let f = WorkerFilter {
        search: text.into(),
        ..WorkerFilter::default()
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    query::list(vault.conn(), cid, &f, today)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.legal_name)
        .collect()
}

/// The worker table's indexes as the schema has them (an import may set them aside and build
/// them again).
fn indexes(vault: &fieldbook::vault::Vault) -> Vec<(String, String)> {
    let mut stmt = vault
        .conn()
        .prepare(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'worker'
             AND sql IS NOT NULL ORDER BY name",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    rows
}

fn integrity_ok(vault: &fieldbook::vault::Vault) {
    let check: String = vault
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

fn trigger_in_place(vault: &fieldbook::vault::Vault) -> bool {
    count(
        vault,
        "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'worker_fts_ai'",
    ) == 1
}

#[test]
fn every_new_worker_is_written_once_in_file_order_with_its_search_row() {
    let (_dir, mut vault, _) = new_vault(false);
    let cid = new_campaign(&mut vault);
    let schema_indexes = indexes(&vault);
    assert!(schema_indexes.len() >= 2, "{schema_indexes:?}");
    let t = list(|_, _| {});
    let m = import::mapping_for_table(&t);
    let s = import::apply_table(vault.conn_mut(), cid, &t, &m, &ApplyChoices::default()).unwrap();
    // The indexes set aside for the first import are back, as they were, and consistent.
    assert_eq!(indexes(&vault), schema_indexes);
    integrity_ok(&vault);
    let repeats = ROWS / 100;
    assert_eq!(s.added as usize, ROWS - repeats);
    assert_eq!(s.skipped_duplicates as usize, repeats);
    assert_eq!(count(&vault, "SELECT count(*) FROM worker"), s.added as i64);

    // In the file's order: ids follow the employee numbers (rows and their repeats removed).
    let ids: Vec<(i64, String)> = {
        let mut stmt = vault
            .conn()
            .prepare("SELECT id, employee_id FROM worker ORDER BY id")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        rows
    };
    let expected: Vec<String> = (0..ROWS)
        .filter(|i| i % 100 != 99)
        .map(|n| (10_000 + n).to_string())
        .collect();
    assert_eq!(
        ids.iter().map(|(_, e)| e.clone()).collect::<Vec<_>>(),
        expected
    );

    // Every worker has its search row, with the trigger's text; the trigger is back.
    assert_eq!(
        count(
            &vault,
            "SELECT count(*) FROM worker w JOIN worker_fts f ON f.rowid = w.id
             WHERE f.names = w.legal_name || ' ' || w.preferred_name || ' ' || coalesce(w.employee_id, '')
               AND f.notes = w.notes || ' ' || w.job_title || ' ' || w.tags"
        ),
        s.added as i64
    );
    assert!(trigger_in_place(&vault));
    assert_eq!(search(&vault, cid, "Núñez4998"), ["Ana 4998 Núñez4998"]);
    assert_eq!(
        search(&vault, cid, "nunez4997"),
        ["Ana 4997 Núñez4997"],
        "accents folded"
    );
    assert_eq!(search(&vault, cid, "14321").len(), 1, "employee id");
    // The columns as records() makes them.
    let (phones, emails, hire, created): (String, String, String, String) = vault
        .conn()
        .query_row(
            "SELECT phones, emails, hire_date, created_at FROM worker WHERE employee_id = '12345'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(phones, r#"["555-2345"]"#);
    assert_eq!(emails, r#"["ana2345@example.org"]"#);
    assert_eq!(hire, "2020-03-22");
    assert!(created.ends_with('Z') && created.len() == 20, "{created}");

    // A worker added afterwards is indexed by the trigger as before.
    fieldbook::workers::store::insert(
        vault.conn(),
        cid,
        &fieldbook::workers::WorkerInput {
            legal_name: "Later Person".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(search(&vault, cid, "later"), ["Later Person"]);

    // The same list again: everyone matched, no one added.
    let again =
        import::apply_table(vault.conn_mut(), cid, &t, &m, &ApplyChoices::default()).unwrap();
    assert_eq!(again.added, 0);
    assert_eq!(again.unchanged as usize, ROWS - repeats);

    // A second campaign's smaller list goes in with the indexes kept (fewer rows than the table).
    let other = new_campaign(&mut vault);
    let small = import::read_table_from_bytes(
        "Name,Emp #\nBo Chen,1\nDana Kowalski,2\n".as_bytes(),
        FileKind::Csv,
    )
    .unwrap();
    let sm = import::mapping_for_table(&small);
    let s = import::apply_table(
        vault.conn_mut(),
        other,
        &small,
        &sm,
        &ApplyChoices::default(),
    )
    .unwrap();
    assert_eq!(s.added, 2);
    assert_eq!(indexes(&vault), schema_indexes);
    integrity_ok(&vault);
    assert_eq!(search(&vault, other, "kowalski"), ["Dana Kowalski"]);
    assert!(search(&vault, cid, "kowalski").is_empty());
}

#[test]
fn a_bad_cell_late_in_the_file_beats_a_row_that_cannot_be_written_early() {
    let (_dir, mut vault, _) = new_vault(false);
    let cid = new_campaign(&mut vault);
    // Row 3's notes are over the limit (refused when written); row 4,502 has no such date.
    let t = list(|i, line| {
        if i == 1 {
            line.push_str(&"x".repeat(100_001));
        }
        if i == 4_500 {
            let date = format!(",3/{}/2020,", 4_500 % 28 + 1);
            *line = line.replace(&date, ",3/99/2020,");
        }
    });
    let m = import::mapping_for_table(&t);
    let err = import::apply_table(vault.conn_mut(), cid, &t, &m, &ApplyChoices::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Row 4502") && err.contains("Hire Date"),
        "{err}"
    );
    assert_eq!(count(&vault, "SELECT count(*) FROM worker"), 0);
    assert_eq!(count(&vault, "SELECT count(*) FROM worker_fts"), 0);
    assert!(trigger_in_place(&vault));
}

#[test]
fn a_row_that_cannot_be_written_midway_rolls_everything_back() {
    let (_dir, mut vault, _) = new_vault(false);
    let cid = new_campaign(&mut vault);
    let schema_indexes = indexes(&vault);
    // Row 3,002 (after about three chunks were written) has notes over the limit.
    let t = list(|i, line| {
        if i == 3_000 {
            line.push_str(&"x".repeat(100_001));
        }
    });
    let m = import::mapping_for_table(&t);
    let err = import::apply_table(vault.conn_mut(), cid, &t, &m, &ApplyChoices::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("Row 3002: ") && err.contains("notes is too long"),
        "{err}"
    );
    assert_eq!(count(&vault, "SELECT count(*) FROM worker"), 0);
    assert_eq!(count(&vault, "SELECT count(*) FROM worker_fts"), 0);
    assert!(trigger_in_place(&vault));
    assert_eq!(indexes(&vault), schema_indexes, "indexes restored");
    integrity_ok(&vault);

    // The vault is fine for the corrected list.
    let t = list(|_, _| {});
    let s = import::apply_table(vault.conn_mut(), cid, &t, &m, &ApplyChoices::default()).unwrap();
    assert_eq!(s.added as usize, ROWS - ROWS / 100);
}

#[test]
fn a_bad_cell_beats_a_missing_campaign_and_adding_nothing_writes_nothing() {
    let (_dir, mut vault, _) = new_vault(false);
    let cid = new_campaign(&mut vault);
    let t = list(|i, line| {
        if i == 4_999 {
            *line = line.replace("@example.org", "@");
        }
    });
    let m = import::mapping_for_table(&t);
    let err = import::apply_table(vault.conn_mut(), cid + 1, &t, &m, &ApplyChoices::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("Row 5001") && err.contains("Email"), "{err}");
    let t = list(|_, _| {});
    let err = import::apply_table(vault.conn_mut(), cid + 1, &t, &m, &ApplyChoices::default())
        .unwrap_err();
    assert!(
        !err.to_string().contains("Row"),
        "the missing campaign: {err}"
    );

    let choices = ApplyChoices {
        add_new: false,
        ..ApplyChoices::default()
    };
    let s = import::apply_table(vault.conn_mut(), cid, &t, &m, &choices).unwrap();
    assert_eq!(s.added, 0);
    assert_eq!(s.skipped_duplicates as usize, ROWS / 100);
    assert_eq!(count(&vault, "SELECT count(*) FROM worker"), 0);
    assert!(trigger_in_place(&vault));
}
