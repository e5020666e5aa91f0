//! The map on a real vault: the analyses of the demo campaign, a map that follows every edit
//! (never stale), warm paths, saved positions, and `fieldbook map` on the command line.

mod common;

use common::fieldbook_cli as fieldbook;
use common::*;
use fieldbook::api::{CreateVaultRequest, Session};
use fieldbook::graph::{MapAnalysis, MapPosition};
use fieldbook::recent::RecentList;
use fieldbook::vault::Kdf;
use fieldbook::workers::relationship::{RelationshipInput, RelationshipKind};
use fieldbook::ErrorCode;
use std::collections::{HashMap, HashSet};

/// A session holding an unlocked 400-worker demo vault.
fn demo_session() -> (tempfile::TempDir, Session, i64) {
    let home = tempfile::tempdir().unwrap();
    let session =
        Session::new(RecentList::at(home.path().join("recent.json"))).with_kdf(Kdf::Fixed(18));
    session
        .create_demo(CreateVaultRequest {
            folder: home.path().display().to_string(),
            name: "Demo".into(),
            passphrase: secret(PASS),
            with_recovery_key: false,
        })
        .unwrap();
    let campaign = session.campaigns().unwrap()[0].id;
    (home, session, campaign)
}

fn by_id(map: &MapAnalysis) -> HashMap<i64, &fieldbook::graph::MapWorker> {
    map.workers.iter().map(|w| (w.id, w)).collect()
}

#[test]
fn the_demo_map_holds_every_analysis() {
    let (_home, s, c) = demo_session();
    let map = s.map(c).unwrap();
    let w = by_id(&map);
    assert!(map.workers.len() > 300, "{} workers", map.workers.len());
    assert!(
        map.ties.len() > 4 * map.workers.len() / 2,
        "{} ties",
        map.ties.len()
    );
    for t in &map.ties {
        assert!(w.contains_key(&t.source) && w.contains_key(&t.target));
    }
    // Supervisors are drawn but outside every analysis.
    for x in map.workers.iter().filter(|x| x.supervisor) {
        assert_eq!(
            (x.influence_rank, x.cluster, x.committee_distance),
            (None, None, None)
        );
    }
    let unit: Vec<_> = map.workers.iter().filter(|x| !x.supervisor).collect();
    assert_eq!(map.coverage.unit_workers as usize, unit.len());
    let total: f64 = unit.iter().map(|x| x.influence).sum();
    assert!(
        (total - 1.0).abs() < 1e-9,
        "PageRank sums to 1, got {total}"
    );
    let mut ranks: Vec<u32> = unit.iter().filter_map(|x| x.influence_rank).collect();
    ranks.sort_unstable();
    assert_eq!(ranks, (1..=unit.len() as u32).collect::<Vec<_>>());

    // Leaders: unit workers, most influential first, each with a reason.
    assert!(map.leaders.len() >= 10);
    for pair in map.leaders.windows(2) {
        assert!(pair[0].influence >= pair[1].influence);
    }
    for l in &map.leaders {
        assert!(!w[&l.worker_id].supervisor);
        assert!(!l.reasons.is_empty());
    }
    assert_eq!(
        map.leaders[0].worker_id,
        unit.iter()
            .find(|x| x.influence_rank == Some(1))
            .unwrap()
            .id
    );

    // Coverage: committee at 0, the uncovered exactly those farther than one tie.
    for x in &unit {
        assert_eq!(x.committee, x.committee_distance == Some(0), "{}", x.name);
    }
    let uncovered: HashSet<i64> = map.coverage.uncovered.iter().copied().collect();
    let expected: HashSet<i64> = unit
        .iter()
        .filter(|x| !matches!(x.committee_distance, Some(0 | 1)))
        .map(|x| x.id)
        .collect();
    assert_eq!(uncovered, expected);
    assert!(
        !uncovered.is_empty(),
        "a mid-campaign demo still has uncovered workers"
    );
    assert_eq!(
        map.coverage.unreachable as usize,
        unit.iter()
            .filter(|x| x.committee_distance.is_none())
            .count()
    );
    for g in map.coverage.departments.iter().chain(&map.coverage.shifts) {
        assert_eq!(g.needed, g.workers.div_ceil(10), "{}", g.name);
    }
    let dept_total: u32 = map.coverage.departments.iter().map(|g| g.workers).sum();
    assert_eq!(dept_total, map.coverage.unit_workers);

    // The greedy cover: each pick covers no more than the one before, only the uncovered, once.
    let recruits = &map.coverage.next_recruits;
    assert!(!recruits.is_empty());
    let mut seen = HashSet::new();
    for (i, r) in recruits.iter().enumerate() {
        assert!(!w[&r.worker_id].committee && !matches!(w[&r.worker_id].assessment, Some(4 | 5)));
        if i > 0 {
            assert!(r.covers.len() <= recruits[i - 1].covers.len());
        }
        for id in &r.covers {
            assert!(uncovered.contains(id) && seen.insert(*id));
        }
    }

    // Clusters: largest first, a clear community structure, sizes adding up.
    assert!(map.modularity > 0.3, "modularity {}", map.modularity);
    let sizes: u32 = map.clusters.iter().map(|k| k.size).sum();
    assert_eq!(sizes as usize, unit.len());
    for pair in map.clusters.windows(2) {
        assert!(pair[0].size >= pair[1].size);
    }
    for k in &map.clusters {
        let members = unit.iter().filter(|x| x.cluster == Some(k.index));
        assert_eq!(members.filter(|x| x.committee).count() as u32, k.committee);
        assert_eq!(w[&k.hub].cluster, Some(k.index));
    }

    // Anti-union influence: assessed 4–5, in the top quarter, reaching their direct ties.
    for a in &map.anti_union {
        assert!(matches!(a.assessment, 4 | 5));
        assert_eq!(w[&a.worker_id].influence_rank, Some(a.influence_rank));
        assert!(a.influence_rank as usize <= unit.len().div_ceil(4));
    }
}

#[test]
fn unlocking_prewarms_the_betweenness_and_an_edit_never_serves_a_stale_one() {
    let (home, s, c) = demo_session();
    let reference = s.map(c).unwrap();
    let path = std::path::PathBuf::from(s.status().unwrap().unwrap().path);
    s.lock().unwrap();
    let s = Session::new(RecentList::at(home.path().join("recent.json")))
        .with_kdf(Kdf::Fixed(18))
        .with_map_prewarm();
    s.unlock(&path, fieldbook::vault::Unlock::Passphrase(&secret(PASS)))
        .unwrap();
    // Computed in the background after the unlock returned.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !s.map_prewarmed(c).unwrap() {
        assert!(std::time::Instant::now() < deadline, "never prewarmed");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let warm = s.map(c).unwrap();
    let betweenness = |m: &MapAnalysis| -> Vec<(i64, f64)> {
        m.workers.iter().map(|w| (w.id, w.betweenness)).collect()
    };
    assert_eq!(betweenness(&warm), betweenness(&reference));

    // A new tie changes the shape: the betweenness is computed afresh, not served from before.
    let tied: HashSet<(i64, i64)> = warm
        .ties
        .iter()
        .map(|t| (t.source.min(t.target), t.source.max(t.target)))
        .collect();
    let u = &warm.coverage.uncovered;
    let (a, b) = u
        .iter()
        .flat_map(|&a| u.iter().map(move |&b| (a, b)))
        .find(|&(a, b)| a < b && !tied.contains(&(a, b)))
        .expect("two uncovered workers not yet tied");
    s.relationship_add(&RelationshipInput::new(a, b, RelationshipKind::Friends))
        .unwrap();
    assert!(!s.map_prewarmed(c).unwrap());
    let after = s.map(c).unwrap();
    assert_ne!(betweenness(&after), betweenness(&warm));
    let fresh = fieldbook::graph::analysis::analyze(c, &load(&s, c), &Default::default());
    assert_eq!(betweenness(&after), betweenness(&fresh));
    // Locking forgets it.
    s.lock().unwrap();
    assert!(s.map_prewarmed(c).is_err());
}

/// The campaign's map data as the vault holds it now.
fn load(s: &Session, c: i64) -> fieldbook::graph::load::MapData {
    s.with_conn(|conn, today| fieldbook::graph::load::MapData::load(conn, c, today))
        .unwrap()
}

#[test]
fn an_edit_shows_on_the_next_map_at_once() {
    let (_home, s, c) = demo_session();
    let map = s.map(c).unwrap();
    let w = by_id(&map);
    let lonely = *map.coverage.uncovered.first().unwrap();
    let member = map.workers.iter().find(|x| x.committee).unwrap().id;
    let added = s
        .relationship_add(&RelationshipInput {
            strength: 3,
            ..RelationshipInput::new(member, lonely, RelationshipKind::Friends)
        })
        .unwrap();
    let after = s.map(c).unwrap();
    let wa = by_id(&after);
    assert_eq!(wa[&lonely].committee_distance, Some(1));
    assert!(!after.coverage.uncovered.contains(&lonely));
    assert_eq!(after.ties.len(), map.ties.len() + 1);
    assert!(wa[&lonely].degree > w[&lonely].degree);

    // The warm path now runs over the new strong tie: one step, cost 1.
    let path = s.map_warm_path(c, None, lonely).unwrap().unwrap();
    assert_eq!(path.workers.len(), 2);
    assert_eq!(*path.workers.last().unwrap(), lonely);
    assert!(wa[&path.workers[0]].committee);
    assert_eq!(path.cost, 1);

    s.relationship_remove(added.id).unwrap();
    let back = s.map(c).unwrap();
    assert_eq!(
        by_id(&back)[&lonely].committee_distance,
        w[&lonely].committee_distance
    );
    assert_eq!(back.coverage.uncovered, map.coverage.uncovered);

    // Joining the committee moves coverage too.
    s.committee_join(lonely, None).unwrap();
    let joined = s.map(c).unwrap();
    assert_eq!(by_id(&joined)[&lonely].committee_distance, Some(0));
    assert_eq!(joined.coverage.committee, map.coverage.committee + 1);
}

#[test]
fn warm_paths_run_through_supporters_only() {
    let (_home, s, c) = demo_session();
    let map = s.map(c).unwrap();
    let w = by_id(&map);
    let ties: HashMap<i64, &fieldbook::graph::MapTie> =
        map.ties.iter().map(|t| (t.id, t)).collect();
    let mut found = 0;
    for target in map.workers.iter().filter(|x| !x.supervisor).step_by(7) {
        let Some(p) = s.map_warm_path(c, None, target.id).unwrap() else {
            continue;
        };
        found += 1;
        assert!(w[&p.workers[0]].committee);
        assert_eq!(*p.workers.last().unwrap(), target.id);
        let middle = p.workers.len().saturating_sub(2);
        for mid in p.workers.iter().skip(1).take(middle) {
            let x = w[mid];
            assert!(
                x.committee || matches!(x.assessment, Some(1 | 2)),
                "{} in the middle",
                x.name
            );
        }
        assert_eq!(p.ties.len(), p.workers.len() - 1);
        let mut cost = 0;
        for (pair, tie) in p.workers.windows(2).zip(&p.ties) {
            let t = ties[tie];
            assert!(
                (t.source == pair[0] && t.target == pair[1])
                    || (t.source == pair[1] && t.target == pair[0])
            );
            cost += 4 - u32::from(t.strength);
        }
        assert_eq!(cost, p.cost);
    }
    assert!(found > 10, "only {found} warm paths in the demo");

    // Between two chosen workers; a supervisor is refused with a message.
    let a = map.leaders[0].worker_id;
    let b = map.leaders[1].worker_id;
    if let Some(p) = s.map_warm_path(c, Some(a), b).unwrap() {
        assert_eq!((p.workers[0], *p.workers.last().unwrap()), (a, b));
    }
    let boss = map.workers.iter().find(|x| x.supervisor).unwrap().id;
    let e = s.map_warm_path(c, None, boss).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    assert!(e.to_string().contains("supervisor"), "{e}");
}

#[test]
fn dragged_positions_are_kept_in_the_vault() {
    let (home, s, c) = demo_session();
    let map = s.map(c).unwrap();
    let (a, b) = (map.workers[0].id, map.workers[1].id);
    s.map_save_positions(
        c,
        &[
            MapPosition {
                worker_id: a,
                x: -5000.5,
                y: 12.25,
            },
            MapPosition {
                worker_id: b,
                x: 7.0,
                y: 8.0,
            },
        ],
    )
    .unwrap();
    // A bad point or a foreign worker saves nothing.
    let bad = s.map_save_positions(
        c,
        &[
            MapPosition {
                worker_id: a,
                x: 1.0,
                y: 1.0,
            },
            MapPosition {
                worker_id: b,
                x: f64::NAN,
                y: 0.0,
            },
        ],
    );
    assert_eq!(bad.unwrap_err().code(), ErrorCode::InvalidInput);
    assert_eq!(
        s.map_save_positions(
            c,
            &[MapPosition {
                worker_id: 999_999,
                x: 0.0,
                y: 0.0
            }]
        )
        .unwrap_err()
        .code(),
        ErrorCode::InvalidInput
    );
    // Kept across a lock and unlock.
    s.lock().unwrap();
    s.unlock(
        &home.path().join("Demo.fieldbook"),
        fieldbook::vault::Unlock::Passphrase(&secret(PASS)),
    )
    .unwrap();
    let again = s.map(c).unwrap();
    let w = by_id(&again);
    assert_eq!((w[&a].x, w[&a].y), (-5000.5, 12.25));
    assert_eq!((w[&b].x, w[&b].y), (7.0, 8.0));
    // The computed layout is deterministic and puts no two workers on the same spot.
    let computed = by_id(&map);
    let c2 = map.workers[2].id;
    assert_eq!((w[&c2].x, w[&c2].y), (computed[&c2].x, computed[&c2].y));
    let spots: HashSet<(i64, i64)> = map
        .workers
        .iter()
        .map(|x| (x.x as i64, x.y as i64))
        .collect();
    assert_eq!(spots.len(), map.workers.len());

    s.map_reset_layout(c).unwrap();
    let reset = by_id(&s.map(c).unwrap())
        .into_iter()
        .map(|(k, v)| (k, (v.x, v.y)))
        .collect::<HashMap<_, _>>();
    assert_eq!(reset[&a], (computed[&a].x, computed[&a].y));
}

#[test]
fn cli_map_json_and_warm_path() {
    let home = tempfile::tempdir().unwrap();
    let vault = home.path().join("Demo.fieldbook");
    let v = vault.to_str().unwrap();
    let pass = format!("{PASS}\n");
    let out = fieldbook(
        &[
            "demo",
            v,
            "--passphrase-stdin",
            "--work-factor",
            "18",
            "--workers",
            "300",
            "--seed",
            "4",
        ],
        &pass,
        home.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = fieldbook(
        &["map", v, "--passphrase-stdin", "--json"],
        &pass,
        home.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "workers",
        "ties",
        "leaders",
        "coverage",
        "clusters",
        "antiUnion",
        "modularity",
    ] {
        assert!(json.get(key).is_some(), "no {key} in the JSON");
    }
    let first = &json["workers"][0];
    for key in [
        "degree",
        "betweenness",
        "influence",
        "committeeDistance",
        "cluster",
        "x",
        "y",
    ] {
        assert!(first.get(key).is_some(), "no {key} on a worker");
    }
    assert!(json["coverage"]["nextRecruits"][0]["workerId"].is_i64());
    assert!(json["leaders"][0]["reasons"][0]["kind"].is_string());

    // The text report names the leaders and the best next recruit.
    let out = fieldbook(&["map", v, "--passphrase-stdin"], &pass, home.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("NATURAL LEADERS") && text.contains("BEST NEXT RECRUITS"),
        "{text}"
    );

    // A warm path between two workers, by id, as JSON; from the committee by name, as text.
    let a = json["leaders"][0]["workerId"].as_i64().unwrap().to_string();
    let target = json["coverage"]["uncovered"][0].as_i64().unwrap();
    let out = fieldbook(
        &[
            "map",
            v,
            "--passphrase-stdin",
            "--json",
            "--path",
            &a,
            &target.to_string(),
        ],
        &pass,
        home.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    if !path.is_null() {
        assert_eq!(path["workers"][0].as_i64().unwrap().to_string(), a);
    }
    let name = json["workers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["id"] == target)
        .unwrap()["name"]
        .as_str()
        .unwrap()
        .to_string();
    let out = fieldbook(
        &["map", v, "--passphrase-stdin", "--warm", &name],
        &pass,
        home.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&name) || text.contains("No warm path"),
        "{text}"
    );

    // An unknown name: a clear error, exit code of invalid input.
    let out = fieldbook(
        &["map", v, "--passphrase-stdin", "--warm", "Nobody Atall"],
        &pass,
        home.path(),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("No active worker"));
}

#[test]
fn the_packed_map_is_the_same_analysis_and_can_come_before_betweenness() {
    let (_home, s, c) = demo_session();
    let full = s.map(c).unwrap();
    // Packed (what the app's window receives), then read back: the same analysis, exactly.
    let packed = s.map_packed(c, true).unwrap();
    let (back, complete) = fieldbook::graph::wire::unpack(&packed).unwrap();
    assert!(complete);
    assert_eq!(same_decimals(back), same_decimals(full.clone()));
    let json = serde_json::to_vec(&full).unwrap();
    assert!(
        packed.len() * 2 < json.len(),
        "packed {} bytes vs JSON {}",
        packed.len(),
        json.len()
    );
    // A damaged buffer is refused with a message, never read past its end.
    for cut in [0, 7, 16, packed.len() / 2, packed.len() - 1] {
        let err = fieldbook::graph::wire::unpack(&packed[..cut]).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput, "cut at {cut}");
    }

    // A new tie: the session does not know this shape's betweenness. Without waiting, the map
    // has everything but betweenness and the leaders (and says so); waiting gives all of it.
    let u = &full.coverage.uncovered;
    let tied: HashSet<(i64, i64)> = full
        .ties
        .iter()
        .map(|t| (t.source.min(t.target), t.source.max(t.target)))
        .collect();
    let (a, b) = u
        .iter()
        .flat_map(|&a| u.iter().map(move |&b| (a, b)))
        .find(|&(a, b)| a < b && !tied.contains(&(a, b)))
        .expect("two uncovered workers not yet tied");
    s.relationship_add(&RelationshipInput::new(a, b, RelationshipKind::Friends))
        .unwrap();
    let (now, done) = s.map_now(c, false).unwrap();
    let after = s.map(c).unwrap();
    if done {
        // The background computation already finished (a fast machine): the whole map.
        assert_eq!(now, after);
    } else {
        assert!(now.leaders.is_empty());
        assert!(now.workers.iter().all(|w| w.betweenness == 0.0));
        assert!(!after.leaders.is_empty());
        let strip = |m: &MapAnalysis| {
            let mut m = m.clone();
            m.leaders.clear();
            for w in &mut m.workers {
                w.betweenness = 0.0;
            }
            m
        };
        assert_eq!(strip(&now), strip(&after));
        let (_, complete) =
            fieldbook::graph::wire::unpack(&fieldbook::graph::wire::pack(&now, done).unwrap())
                .unwrap();
        assert!(!complete);
    }
    let fresh = fieldbook::graph::analysis::analyze(c, &load(&s, c), &Default::default());
    assert_eq!(after.workers, fresh.workers);
}

/// The analysis with the decimals that travel in the packed map's JSON header (leaders' and
/// anti-union influence, modularity) rounded to 15 significant digits: serde_json, as this crate
/// builds it (no `float_roundtrip`), may read a decimal back one unit in the last place off. The
/// app's reader is JavaScript's JSON.parse, which is exact; the columns are raw f64 either way.
fn same_decimals(mut m: MapAnalysis) -> MapAnalysis {
    let round = |x: f64| format!("{x:.14e}").parse::<f64>().unwrap();
    for l in &mut m.leaders {
        l.influence = round(l.influence);
    }
    for a in &mut m.anti_union {
        a.influence = round(a.influence);
    }
    m.modularity = round(m.modularity);
    m
}

/// The UI's decoder (ui/src/components/map/wire.ts) is tested against these very bytes
/// (ui/src/tests/map.test.ts): the fixture analysis packed by the library. Set
/// FIELDBOOK_BLESS_MAP_WIRE=1 to rewrite the .bin after a deliberate change of the format.
#[test]
fn the_packed_fixture_shared_with_the_ui_is_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/tests");
    let fixture: MapAnalysis =
        serde_json::from_slice(&std::fs::read(dir.join("map-wire.json")).unwrap()).unwrap();
    let packed = fieldbook::graph::wire::pack(&fixture, true).unwrap();
    let (back, complete) = fieldbook::graph::wire::unpack(&packed).unwrap();
    assert!(complete);
    assert_eq!(same_decimals(back), same_decimals(fixture));
    let bin = dir.join("map-wire.bin");
    if std::env::var_os("FIELDBOOK_BLESS_MAP_WIRE").is_some() {
        std::fs::write(&bin, &packed).unwrap();
    }
    let committed = std::fs::read(&bin).unwrap_or_default();
    assert!(
        committed == packed,
        "{} is stale: run FIELDBOOK_BLESS_MAP_WIRE=1 cargo test --test map",
        bin.display()
    );
}
