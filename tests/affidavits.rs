//! Affidavit drafts on real vaults: versions with who/when, the diff between versions, links to
//! incidents, statuses, and the hash chain — an untouched chain verifies; an altered, deleted
//! (middle or newest) or reordered version, changed directly in the database, is caught by
//! `verify` and by `fieldbook verify` (non-zero exit, a message naming the draft). Also the demo's
//! drafts and the `fieldbook affidavit` subcommands on a demo vault.

mod common;

use common::*;
use fieldbook::affidavits::{
    chain, store, Affiant, AffidavitContent, AffidavitLanguage, AffidavitNew, AffidavitSave,
    AffidavitStatus, AffidavitWitness, ChainProblemKind, DiffKind, RenderFormat,
};
use fieldbook::api::affidavits::verify_vault;
use fieldbook::api::Session;
use fieldbook::recent::RecentList;
use fieldbook::vault::{Kdf, Vault};
use fieldbook::workers::{campaign, store as workers, CampaignInput, WorkerInput};
use fieldbook::ErrorCode;
use rusqlite::{params, Connection};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn setup(conn: &mut Connection) -> (i64, i64) {
    let c = campaign::create(
        conn,
        &CampaignInput {
            name: "Riverside DC".into(),
            employer: "Northgate Logistics".into(),
            ..CampaignInput::default()
        },
    )
    .unwrap()
    .id;
    let w = workers::insert(
        conn,
        c,
        &WorkerInput {
            legal_name: "Marcus Bell".into(),
            preferred_name: "Marc".into(),
            department: "Picking".into(),
            shift: "Night".into(),
            job_title: "Picker".into(),
            phones: vec!["555-0134".into()],
            ..WorkerInput::default()
        },
    )
    .unwrap();
    (c, w)
}

fn incident(conn: &Connection, campaign_id: i64, case_number: &str) -> i64 {
    conn.execute(
        "INSERT INTO incident (campaign_id, occurred_on, occurred_time, place, learned_on, category, summary,
                               description, case_number, created_at, updated_at)
         VALUES (?1, '2025-04-26', '22:15', 'Picking, aisle 14', '2025-04-27', 'interrogation',
                 'Supervisor questioned Marcus Bell about the union meeting', '', ?2,
                 '2025-04-27T08:00:00Z', '2025-04-27T08:00:00Z')",
        params![campaign_id, case_number],
    )
    .unwrap();
    conn.last_insert_rowid()
}

fn content(paragraphs: &[&str]) -> AffidavitContent {
    AffidavitContent {
        language: AffidavitLanguage::En,
        affiant: Affiant {
            name: "Marcus Bell".into(),
            also_known_as: vec!["Marc".into()],
            job_title: "Picker".into(),
            department: "Picking".into(),
            shift: "Night".into(),
            contact_instead_of_address: true,
            phone: "555-0134".into(),
            ..Affiant::default()
        },
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        witnesses: vec![],
    }
}

const P1: &str = "I work nights as a picker in the Picking department.";
const P2: &str =
    "On April 26, at about 10:00 pm, Greg Hollis asked me whether I had gone to the union meeting.";
const P2B: &str = "On April 26, at about 10:15 pm, Greg Hollis asked me whether I had gone to the union meeting at the Denny's on Sunday.";
const P3: &str = "I told him I did not want to talk about it.";

/// A draft with `n` versions (n ≥ 1), each changing the second paragraph.
fn draft(conn: &mut Connection, affiant: i64, n: u32) -> i64 {
    let id = store::create(
        conn,
        &AffidavitNew {
            affiant_id: affiant,
            content: content(&[P1, P2, P3]),
            saved_by: "Dana Whitfield".into(),
            note: "First draft from 1-on-1 notes".into(),
            ..AffidavitNew::default()
        },
    )
    .unwrap();
    for v in 2..=n {
        let p2 = format!("{P2B} (read back, version {v})");
        store::save(
            conn,
            id,
            &AffidavitSave {
                content: content(&[P1, &p2, P3]),
                saved_by: "Luis Ortega".into(),
                note: format!("Version {v}"),
                ..AffidavitSave::default()
            },
        )
        .unwrap();
    }
    id
}

#[test]
fn saves_are_versions_with_who_and_when_and_a_readable_diff() {
    let (_dir, mut vault, _) = new_vault(false);
    let (c, w) = setup(vault.conn_mut());
    let conn = vault.conn_mut();
    let inc = incident(conn, c, "07-CA-345678");
    let id = store::create(
        conn,
        &AffidavitNew {
            affiant_id: w,
            incident_ids: vec![inc],
            content: content(&[P1, P2, "", P3]),
            saved_by: "  Dana Whitfield ".into(),
            note: "First draft from 1-on-1 notes".into(),
            ..AffidavitNew::default()
        },
    )
    .unwrap();
    let v1 = store::load(conn, id, None).unwrap();
    assert_eq!(v1.version.seq, 1);
    assert_eq!(v1.version.saved_by, "Dana Whitfield");
    assert_eq!(
        v1.version.content.paragraphs,
        [P1, P2, P3],
        "empty paragraphs dropped"
    );
    assert_eq!(v1.summary.incident_ids, [inc]);
    assert_eq!(v1.summary.campaign_id, c);
    assert_eq!(v1.summary.status, AffidavitStatus::Draft);
    assert_eq!(store::case_numbers(conn, id).unwrap(), ["07-CA-345678"]);

    let seq = store::save(
        conn,
        id,
        &AffidavitSave {
            content: AffidavitContent {
                witnesses: vec![AffidavitWitness {
                    name: "Tamika Johnson".into(),
                    worker_id: None,
                    details: "Restocking totes about 10 feet away".into(),
                }],
                ..content(&[P1, P2B, P3])
            },
            saved_by: "Luis Ortega".into(),
            note: "Corrected the time from the shift log".into(),
            ..AffidavitSave::default()
        },
    )
    .unwrap();
    assert_eq!(seq, 2);
    // Saving the same statement again adds no version.
    let again = store::save(
        conn,
        id,
        &AffidavitSave {
            content: store::version(conn, id, None).unwrap().content,
            saved_by: "Luis Ortega".into(),
            ..AffidavitSave::default()
        },
    )
    .unwrap();
    assert_eq!(again, 2);

    let history = store::history(conn, id).unwrap();
    assert_eq!(
        history.iter().map(|h| h.seq).collect::<Vec<_>>(),
        [2, 1],
        "newest first"
    );
    assert_eq!(history[0].saved_by, "Luis Ortega");
    assert_eq!(history[0].note, "Corrected the time from the shift log");
    assert_eq!(history[1].saved_by, "Dana Whitfield");
    for h in &history {
        assert!(
            chrono::DateTime::parse_from_rfc3339(&h.saved_at).is_ok(),
            "{}",
            h.saved_at
        );
        assert_eq!(h.hash.len(), 64);
    }
    assert!(history[0].saved_at >= history[1].saved_at);
    let words = |ps: &[&str]| {
        ps.iter()
            .map(|p| p.split_whitespace().count())
            .sum::<usize>()
    };
    assert_eq!(history[1].words as usize, words(&[P1, P2, P3]));

    // v1 → v2: the second paragraph changed, with its words; the witness added.
    let a = store::version(conn, id, Some(1)).unwrap();
    let b = store::version(conn, id, Some(2)).unwrap();
    assert_eq!(b.prev_hash, a.hash);
    let d = fieldbook::affidavits::diff::diff(id, (1, &a.content), (2, &b.content));
    assert_eq!((d.changed, d.added, d.removed), (1, 0, 0));
    let changed: Vec<_> = d
        .paragraphs
        .iter()
        .filter(|p| p.kind == DiffKind::Changed)
        .collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(
        (changed[0].from_number, changed[0].to_number),
        (Some(2), Some(2))
    );
    let removed: String = changed[0]
        .spans
        .iter()
        .filter(|s| s.kind == DiffKind::Removed)
        .map(|s| s.text.as_str())
        .collect();
    let added: String = changed[0]
        .spans
        .iter()
        .filter(|s| s.kind == DiffKind::Added)
        .map(|s| s.text.as_str())
        .collect();
    assert!(removed.contains("10:00"), "{removed:?}");
    assert!(
        added.contains("10:15") && added.contains("Denny's"),
        "{added:?}"
    );
    assert!(!added.contains("Greg"), "unchanged words are not marked");
    assert_eq!(d.fields.len(), 1);
    assert_eq!(d.fields[0].field, "witnesses");
    assert!(d.fields[0].after.contains("Tamika Johnson"));

    // Status: ready for counsel on the newest version; a draft again when reopened.
    store::set_status(conn, id, AffidavitStatus::ReadyForCounsel, "Dana").unwrap();
    let s = store::summary(conn, id).unwrap();
    assert_eq!(
        (s.status, s.status_seq, s.status_by.as_str()),
        (AffidavitStatus::ReadyForCounsel, Some(2), "Dana")
    );
    store::set_status(conn, id, AffidavitStatus::Draft, "Dana").unwrap();
    assert_eq!(store::summary(conn, id).unwrap().status_seq, None);

    // Listed under the campaign, with the newest version's details.
    let list = store::list(conn, c).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].head_seq, list[0].affiant_name.as_str()),
        (2, "Marcus Bell")
    );
    assert_eq!(list[0].last_note, "Corrected the time from the shift log");
}

#[test]
fn refusals_name_what_to_fix() {
    let (_dir, mut vault, _) = new_vault(false);
    let (c, w) = setup(vault.conn_mut());
    let conn = vault.conn_mut();
    let new = |affiant_id, content, saved_by: &str| AffidavitNew {
        affiant_id,
        content,
        saved_by: saved_by.into(),
        ..AffidavitNew::default()
    };
    let invalid = |r: fieldbook::Result<i64>| {
        let e = r.unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidInput, "{e}");
        e.to_string()
    };
    assert!(invalid(store::create(conn, &new(w, content(&[P1]), " "))).contains("who"));
    let mut nameless = content(&[P1]);
    nameless.affiant.name = " ".into();
    assert!(invalid(store::create(conn, &new(w, nameless, "Dana"))).contains("name"));
    assert!(invalid(store::create(conn, &new(9999, content(&[P1]), "Dana"))).contains("9999"));
    let mut bad_day = content(&[P1]);
    bad_day.affiant.employed_since = Some("last spring".into());
    assert!(invalid(store::create(conn, &new(w, bad_day, "Dana"))).contains("last spring"));
    // An incident of another campaign cannot be linked.
    let other = campaign::create(
        conn,
        &CampaignInput {
            name: "Other".into(),
            ..CampaignInput::default()
        },
    )
    .unwrap()
    .id;
    let foreign = incident(conn, other, "");
    let mut input = new(w, content(&[P1]), "Dana");
    input.incident_ids = vec![foreign];
    assert!(invalid(store::create(conn, &input)).contains("another campaign"));
    assert!(
        store::list(conn, c).unwrap().is_empty(),
        "nothing half-made"
    );
    assert!(store::version(conn, 4242, None).is_err());
}

#[test]
fn versions_are_append_only_and_go_with_their_worker() {
    let (_dir, mut vault, _) = new_vault(false);
    let (_, w) = setup(vault.conn_mut());
    let id = draft(vault.conn_mut(), w, 3);
    let conn = vault.conn();
    for sql in [
        "UPDATE affidavit_version SET content = '{}' WHERE seq = 2",
        "DELETE FROM affidavit_version WHERE seq = 3",
    ] {
        let e = conn.execute(sql, []).unwrap_err();
        assert!(e.to_string().contains("append-only"), "{e}");
    }
    assert!(chain::verify(conn, id).unwrap().ok);
    // Deleting the worker deletes their statement, every version with it.
    workers::delete(conn, w).unwrap();
    let left: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM affidavit) + (SELECT count(*) FROM affidavit_version)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
}

/// The ways of tampering with a draft directly in the database, and what verify must say.
const TAMPERING: &[(&str, &str, ChainProblemKind, u32)] = &[
    (
        "altered",
        "UPDATE affidavit_version SET content = replace(content, 'Greg Hollis', 'Someone') WHERE seq = 2",
        ChainProblemKind::Altered,
        2,
    ),
    (
        "middle deleted",
        "DELETE FROM affidavit_version WHERE seq = 2",
        ChainProblemKind::Missing,
        2,
    ),
    (
        "newest deleted",
        "DELETE FROM affidavit_version WHERE seq = 4",
        ChainProblemKind::Head,
        4,
    ),
    (
        "reordered",
        "UPDATE affidavit_version SET seq = 1000 WHERE seq = 1;
         UPDATE affidavit_version SET seq = 1 WHERE seq = 2;
         UPDATE affidavit_version SET seq = 2 WHERE seq = 1000;",
        ChainProblemKind::Altered,
        1,
    ),
];

/// Tamper with draft `id` only: the append-only triggers are dropped first (anyone with the key
/// could), then `sql` runs on that draft's versions.
fn tamper(conn: &Connection, id: i64, sql: &str) {
    conn.execute_batch(
        "DROP TRIGGER IF EXISTS affidavit_version_no_update;
         DROP TRIGGER IF EXISTS affidavit_version_no_delete;",
    )
    .unwrap();
    let sql = sql.replace("WHERE seq", &format!("WHERE affidavit_id = {id} AND seq"));
    conn.execute_batch(&sql).unwrap();
}

#[test]
fn every_kind_of_tampering_is_caught_and_an_untouched_chain_verifies() {
    let (_dir, mut vault, _) = new_vault(false);
    let (_, w) = setup(vault.conn_mut());
    let untouched = draft(vault.conn_mut(), w, 4);
    let ids: Vec<i64> = TAMPERING
        .iter()
        .map(|_| draft(vault.conn_mut(), w, 4))
        .collect();
    let report = verify_vault(&vault).unwrap();
    assert!(report.ok, "{report:?}");
    assert_eq!(report.affidavit_chains.len(), 1 + TAMPERING.len());

    for (&(what, sql, kind, seq), &id) in TAMPERING.iter().zip(&ids) {
        tamper(vault.conn(), id, sql);
        let status = chain::verify(vault.conn(), id).unwrap();
        assert!(!status.ok, "{what}: not caught");
        assert!(
            status
                .problems
                .iter()
                .any(|p| p.kind == kind && p.seq == Some(seq)),
            "{what}: {:?}",
            status.problems
        );
        assert!(status.problems.iter().all(|p| !p.message.is_empty()));
    }
    let report = verify_vault(&vault).unwrap();
    assert!(!report.ok);
    assert!(report.cipher_integrity.is_empty() && report.integrity == ["ok"]);
    for c in &report.affidavit_chains {
        assert_eq!(c.ok, c.affidavit_id == untouched, "{c:?}");
        assert_eq!(c.affiant_name, "Marcus Bell");
    }
    // The draft row's head is checked too: rewriting it alone is caught.
    vault
        .conn()
        .execute(
            "UPDATE affidavit SET head_hash = ?2 WHERE id = ?1",
            params![untouched, "0".repeat(64)],
        )
        .unwrap();
    let status = chain::verify(vault.conn(), untouched).unwrap();
    assert_eq!(
        status
            .problems
            .iter()
            .map(|p| (p.kind, p.seq))
            .collect::<Vec<_>>(),
        [(ChainProblemKind::Head, Some(4))]
    );
}

fn fieldbook(args: &[&str], stdin: &str, home: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("TMPDIR", home.join("tmp"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn cli_verify_exits_non_zero_naming_the_draft_for_each_kind_of_tampering() {
    let pass = format!("{PASS}\n");
    for (what, sql, _, _) in
        std::iter::once(&("untouched", "", ChainProblemKind::Empty, 0)).chain(TAMPERING.iter())
    {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("tmp")).unwrap();
        let (mut vault, _) =
            Vault::create(dir.path(), "Test", &secret(PASS), options(false)).unwrap();
        let (_, w) = setup(vault.conn_mut());
        let _ok = draft(vault.conn_mut(), w, 4);
        let id = draft(vault.conn_mut(), w, 4);
        if !sql.is_empty() {
            tamper(vault.conn(), id, sql);
        }
        vault.lock().unwrap();
        let path = dir.path().join("Test.fieldbook");
        let out = fieldbook(
            &["verify", path.to_str().unwrap(), "--passphrase-stdin"],
            &pass,
            dir.path(),
        );
        let stdout = text(&out.stdout);
        if sql.is_empty() {
            assert!(
                out.status.success(),
                "{what}: {stdout}{}",
                text(&out.stderr)
            );
            assert!(stdout.contains("2 affidavit drafts is intact"), "{stdout}");
        } else {
            assert_eq!(out.status.code(), Some(5), "{what}: {stdout}");
            assert!(
                stdout.contains(&format!("affidavit draft {id} (Marcus Bell)")),
                "{what}: {stdout}"
            );
            assert!(
                !stdout.contains(&format!("affidavit draft {_ok} ")),
                "{stdout}"
            );
        }
        let json = fieldbook(
            &[
                "verify",
                path.to_str().unwrap(),
                "--passphrase-stdin",
                "--json",
            ],
            &pass,
            dir.path(),
        );
        let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        assert_eq!(report["ok"], sql.is_empty(), "{what}");
        assert_eq!(report["affidavitChains"].as_array().unwrap().len(), 2);
    }
}

#[test]
fn demo_drafts_cover_the_incidents_with_several_versions_each() {
    let (_dir, mut vault, _) = new_vault(false);
    let today = chrono::NaiveDate::from_ymd_opt(2025, 10, 14).unwrap();
    let summary = fieldbook::demo::generate(
        vault.conn_mut(),
        &fieldbook::demo::DemoOptions {
            workers: 400,
            seed: 1,
            today,
        },
    )
    .unwrap();
    let conn = vault.conn();
    if summary.incidents == 0 {
        assert_eq!(summary.affidavits, 0, "no incidents, no drafts");
        return;
    }
    assert!(
        (3..=5).contains(&summary.affidavits),
        "{}",
        summary.affidavits
    );
    let drafts = store::list(conn, summary.campaign_id).unwrap();
    assert_eq!(drafts.len() as u32, summary.affidavits);
    let mut statuses = std::collections::HashSet::new();
    let mut spanish = 0;
    for d in &drafts {
        assert!((2..=4).contains(&d.head_seq), "{d:?}");
        assert!((1..=2).contains(&d.incident_ids.len()), "{d:?}");
        statuses.insert(d.status);
        spanish += usize::from(d.language == AffidavitLanguage::Es);
        let history = store::history(conn, d.id).unwrap();
        for pair in history.windows(2) {
            assert!(pair[0].saved_at > pair[1].saved_at, "{history:?}");
        }
        assert!(history
            .iter()
            .all(|h| h.saved_at.as_str() <= "2025-10-14T23:59:59Z"));
        // The affiant was affected by or witnessed an incident the draft covers.
        let involved: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM incident_person p
                    JOIN affidavit_incident l ON l.incident_id = p.incident_id
                    WHERE l.affidavit_id = ?1 AND p.worker_id = ?2 AND p.role IN ('affected', 'witness'))",
                params![d.id, d.affiant_id],
                |r| r.get(0),
            )
            .unwrap();
        assert!(involved, "{d:?}");
        // Each version is a real edit of the one before.
        let diff = fieldbook::affidavits::diff::diff(
            d.id,
            (1, &store::version(conn, d.id, Some(1)).unwrap().content),
            (
                d.head_seq,
                &store::version(conn, d.id, None).unwrap().content,
            ),
        );
        assert!(diff.changed + diff.added > 0, "{diff:?}");
    }
    assert_eq!(spanish, 1);
    assert!(statuses.len() >= 2, "{statuses:?}");
    let report = verify_vault(&vault).unwrap();
    assert!(report.ok && report.affidavit_chains.len() == drafts.len());

    // The same seed and day give the same drafts, hashes included.
    let (_dir2, mut again, _) = new_vault(false);
    fieldbook::demo::generate(
        again.conn_mut(),
        &fieldbook::demo::DemoOptions {
            workers: 400,
            seed: 1,
            today,
        },
    )
    .unwrap();
    let heads = |conn: &Connection| -> Vec<String> {
        conn.prepare("SELECT head_hash FROM affidavit ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(heads(vault.conn()), heads(again.conn()));
}

#[test]
fn cli_list_history_diff_and_render_on_a_demo_vault() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("tmp")).unwrap();
    let vault = home.path().join("Demo.fieldbook");
    let v = vault.to_str().unwrap();
    let pass = format!("{PASS}\n");
    let out = fieldbook(
        &["demo", v, "--passphrase-stdin", "--work-factor", "18"],
        &pass,
        home.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = fieldbook(
        &["affidavit", "list", v, "--passphrase-stdin", "--json"],
        &pass,
        home.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let drafts: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    if drafts.is_empty() {
        // The demo has no incidents in this build: nothing more to show.
        return;
    }
    let d = drafts.iter().max_by_key(|d| d["headSeq"].as_u64()).unwrap();
    let id = d["id"].as_i64().unwrap().to_string();
    let head = d["headSeq"].as_u64().unwrap();
    let name = d["affiantName"].as_str().unwrap();

    let out = fieldbook(
        &["affidavit", "history", v, &id, "--passphrase-stdin"],
        &pass,
        home.path(),
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(stdout.contains(name), "{stdout}");
    assert!(stdout.contains("  v1 "), "{stdout}");
    assert!(stdout.contains(&format!("  v{head} ")), "{stdout}");
    assert!(stdout.contains("Hash chain intact"), "{stdout}");

    let out = fieldbook(
        &[
            "affidavit",
            "diff",
            v,
            &id,
            "1",
            &head.to_string(),
            "--passphrase-stdin",
        ],
        &pass,
        home.path(),
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(stdout.contains(&format!("version 1 → {head}")), "{stdout}");
    assert!(
        stdout.contains("changed:") && stdout.contains("{+"),
        "{stdout}"
    );

    let pdf = home.path().join("out").join("a.pdf");
    std::fs::create_dir_all(pdf.parent().unwrap()).unwrap();
    let out = fieldbook(
        &[
            "affidavit",
            "render",
            v,
            &id,
            "--pdf",
            pdf.to_str().unwrap(),
            "--version",
            "1",
            "--passphrase-stdin",
        ],
        &pass,
        home.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("NOT encrypted"));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    let docx = home.path().join("out").join("a");
    let out = fieldbook(
        &[
            "affidavit",
            "render",
            v,
            &id,
            "--docx",
            docx.to_str().unwrap(),
            "--passphrase-stdin",
        ],
        &pass,
        home.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = home.path().join("out").join("a.docx");
    assert!(
        std::fs::read(&written).unwrap().starts_with(b"PK"),
        "the extension is added"
    );
    // Only the two outputs appeared; nothing in the private temp folder.
    let mut names: Vec<String> = std::fs::read_dir(home.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.docx", "a.pdf"]);
    assert_eq!(
        std::fs::read_dir(home.path().join("tmp")).unwrap().count(),
        0
    );

    // A version that does not exist, or both formats at once, is refused.
    let out = fieldbook(
        &[
            "affidavit",
            "render",
            v,
            &id,
            "--pdf",
            pdf.to_str().unwrap(),
            "--version",
            "99",
            "--passphrase-stdin",
        ],
        &pass,
        home.path(),
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("no version 99"));
    let out = fieldbook(
        &[
            "affidavit",
            "render",
            v,
            &id,
            "--pdf",
            "x.pdf",
            "--docx",
            "x.docx",
        ],
        "",
        home.path(),
    );
    assert_eq!(out.status.code(), Some(2));

    // The session (app) path gives the same list.
    let session =
        Session::new(RecentList::at(home.path().join("recent.json"))).with_kdf(Kdf::Fixed(18));
    session
        .unlock(&vault, fieldbook::vault::Unlock::Passphrase(&secret(PASS)))
        .unwrap();
    let c = session.campaigns().unwrap()[0].id;
    assert_eq!(session.affidavit_list(c).unwrap().len(), drafts.len());
    let rendered = session
        .affidavit_render(drafts[0]["id"].as_i64().unwrap(), None, RenderFormat::Pdf)
        .unwrap();
    assert!(rendered.bytes.starts_with(b"%PDF-"));
    assert!(session.verify().unwrap().ok);
}
