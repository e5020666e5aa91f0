//! Drafts autosaved inside the vault: round trip, upsert, clear, list, limits, and no plaintext
//! on disk after lock.

mod common;

use common::*;
use fieldbook::api::Session;
use fieldbook::recent::RecentList;
use fieldbook::vault::{Kdf, Unlock, Vault};
use fieldbook::workers::draft::{self, MAX_BODY_BYTES};
use fieldbook::workers::{campaign, store, CampaignInput, WorkerInput};
use fieldbook::{Error, ErrorCode};
use std::fs;

fn body(notes: &str) -> String {
    serde_json::json!({ "heldOn": "2026-11-23", "ask": "Sign a card", "notes": notes }).to_string()
}

#[test]
fn round_trip_upsert_clear_and_list() {
    let (dir, vault, _) = new_vault(false);
    let conn = vault.conn();
    assert_eq!(draft::load(conn, "conversation:7").unwrap(), None);
    assert!(draft::list(conn).unwrap().is_empty());

    draft::save(conn, "conversation:7", &body("first")).unwrap();
    assert_eq!(
        draft::load(conn, "conversation:7").unwrap(),
        Some(body("first"))
    );
    // Upsert: the same key is replaced, not duplicated.
    draft::save(conn, "conversation:7", &body("second")).unwrap();
    draft::save(conn, "conversation:8", &body("other")).unwrap();
    let got = draft::get(conn, "conversation:7").unwrap().unwrap();
    assert_eq!(got.key, "conversation:7");
    assert_eq!(got.body, body("second"));
    assert!(
        chrono::DateTime::parse_from_rfc3339(&got.updated_at).is_ok(),
        "{}",
        got.updated_at
    );
    let mut keys: Vec<String> = draft::list(conn)
        .unwrap()
        .into_iter()
        .map(|d| d.key)
        .collect();
    keys.sort();
    assert_eq!(keys, ["conversation:7", "conversation:8"]);

    // Kept across lock and unlock.
    vault.lock().unwrap();
    let vault = Vault::unlock(&vault_path(&dir), &secret(PASS)).unwrap();
    let conn = vault.conn();
    assert_eq!(
        draft::load(conn, "conversation:7").unwrap(),
        Some(body("second"))
    );

    draft::clear(conn, "conversation:7").unwrap();
    draft::clear(conn, "conversation:7").unwrap(); // clearing nothing is fine
    assert_eq!(draft::load(conn, "conversation:7").unwrap(), None);
    assert_eq!(draft::list(conn).unwrap().len(), 1);
}

#[test]
fn limits_on_key_and_body() {
    let (_dir, vault, _) = new_vault(false);
    let conn = vault.conn();
    let big = "x".repeat(MAX_BODY_BYTES + 1);
    let err = draft::save(conn, "conversation:1", &big).unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    draft::save(conn, "conversation:1", &"x".repeat(MAX_BODY_BYTES)).unwrap();
    assert!(matches!(
        draft::save(conn, "  ", "{}"),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        draft::save(conn, &"k".repeat(201), "{}"),
        Err(Error::InvalidInput(_))
    ));
}

#[test]
fn a_draft_is_never_plaintext_on_disk() {
    let (dir, vault, _) = new_vault(true);
    draft::save(vault.conn(), "conversation:7", &body(CANARY)).unwrap();
    // Replaced and cleared versions must not linger either (secure_delete).
    draft::save(vault.conn(), "conversation:8", &body(CANARY)).unwrap();
    draft::save(vault.conn(), "conversation:8", &body("nothing")).unwrap();
    vault.lock().unwrap();

    for (name, _) in snapshot(&vault_path(&dir)) {
        let bytes = fs::read(vault_path(&dir).join(&name)).unwrap();
        assert!(
            !contains(&bytes, CANARY.as_bytes()),
            "{name} holds the draft in plaintext"
        );
        assert!(
            !contains(&bytes, b"conversation:7"),
            "{name} holds a draft key in plaintext"
        );
    }
    let vault = Vault::unlock(&vault_path(&dir), &secret(PASS)).unwrap();
    assert_eq!(
        draft::load(vault.conn(), "conversation:7").unwrap(),
        Some(body(CANARY))
    );
}

#[test]
fn session_use_cases_and_deleting_a_worker_drops_their_draft() {
    let home = tempfile::tempdir().unwrap();
    let session =
        Session::new(RecentList::at(home.path().join("recent.json"))).with_kdf(Kdf::Fixed(18));
    assert!(matches!(
        session.draft_load("conversation:1"),
        Err(Error::Locked)
    ));

    let (dir, vault, _) = new_vault(false);
    vault.lock().unwrap();
    session
        .unlock(&vault_path(&dir), Unlock::Passphrase(&secret(PASS)))
        .unwrap();
    let (ana, bo) = session
        .with_conn(|conn, _| {
            let c = campaign::create(
                conn,
                &CampaignInput {
                    name: "Riverside DC".into(),
                    ..CampaignInput::default()
                },
            )?;
            let w = |n: &str| WorkerInput {
                legal_name: n.into(),
                ..WorkerInput::default()
            };
            Ok((
                store::insert(conn, c.id, &w("Ana"))?,
                store::insert(conn, c.id, &w("Bo"))?,
            ))
        })
        .unwrap();
    let (ka, kb) = (draft::conversation_key(ana), draft::conversation_key(bo));
    session.draft_save(&ka, &body("about Ana")).unwrap();
    session.draft_save(&kb, &body("about Bo")).unwrap();
    assert_eq!(
        session.draft_load(&ka).unwrap().unwrap().body,
        body("about Ana")
    );
    assert_eq!(session.drafts().unwrap().len(), 2);

    session.worker_delete(ana).unwrap();
    assert_eq!(session.draft_load(&ka).unwrap(), None);
    assert!(session.draft_load(&kb).unwrap().is_some());

    session.draft_clear(&kb).unwrap();
    assert!(session.drafts().unwrap().is_empty());
    session.lock().unwrap();
    assert!(matches!(session.draft_save(&kb, "{}"), Err(Error::Locked)));
}
