//! The plan on the command line: `fieldbook plan --json`, `fieldbook dashboard --json`, and
//! `fieldbook report` writing a PDF (checked with pdftotext: the headline numbers are there, no
//! name is unless --names) and the CSV of its numbers.

mod common;

use chrono::Duration;
use common::*;
use fieldbook::workers::dates;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn fieldbook(args: &[&str], home: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .args(args)
        .env("XDG_CONFIG_HOME", home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run fieldbook");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PASS}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn ok(out: &Output) -> &Output {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&ok(out).stdout).expect("JSON")
}

/// The PDF's text, whitespace collapsed.
fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn plan_dashboard_and_report_on_the_command_line() {
    let home = tempfile::tempdir().unwrap();
    let vault = home.path().join("Demo.fieldbook");
    let v = vault.to_str().unwrap();
    ok(&fieldbook(
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
        home.path(),
    ));

    // plan --json: every goal for the unit, departments and shifts; milestones; the ladder.
    let plan = json(&fieldbook(
        &["plan", v, "--passphrase-stdin", "--json"],
        home.path(),
    ));
    let goals = plan["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 6);
    for g in goals {
        assert!(g["unit"]["needed"].is_u64() && g["unit"]["counted"]["workerIds"].is_array());
        assert!(!g["departments"].as_array().unwrap().is_empty());
        assert_eq!(g["shifts"].as_array().unwrap().len(), 3);
    }
    let kinds: Vec<&str> = goals.iter().map(|g| g["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "committee_coverage",
            "assessed",
            "majority_support",
            "showing_of_interest",
            "card_majority",
            "card_target"
        ]
    );
    assert!(plan["milestones"].as_array().unwrap().len() >= 4);
    assert_eq!(plan["actions"].as_array().unwrap().len(), 5);
    assert!(
        plan["actions"][0]["funnel"]["tookPart"]["count"]
            .as_u64()
            .unwrap()
            > 0
    );
    assert!(plan["tasks"].as_array().unwrap().len() >= 12);
    assert_eq!(plan["settings"]["cardTargetPercent"], 65);
    let soi = &goals[3]["unit"];
    let unit = soi["total"].as_u64().unwrap();
    let cards = soi["counted"]["count"].as_u64().unwrap();
    assert_eq!(soi["needed"].as_u64().unwrap(), (unit * 30).div_ceil(100));

    // The text form names the sections.
    let out = fieldbook(&["plan", v, "--passphrase-stdin"], home.path());
    let text = String::from_utf8_lossy(&ok(&out).stdout).to_string();
    assert!(
        text.contains("GOALS") && text.contains("MILESTONES") && text.contains("ACTIONS"),
        "{text}"
    );

    // dashboard --json agrees with the plan.
    let dash = json(&fieldbook(
        &["dashboard", v, "--passphrase-stdin", "--json"],
        home.path(),
    ));
    assert_eq!(
        dash["headline"]["cards"]["signed"]["count"].as_u64(),
        Some(cards)
    );
    assert_eq!(dash["headline"]["unit"]["count"].as_u64(), Some(unit));
    assert!(dash["series"]["points"].as_array().unwrap().len() > 10);
    let today = json(&fieldbook(
        &["dashboard", v, "--passphrase-stdin", "--today"],
        home.path(),
    ));
    assert!(today["sinceYesterday"].is_object() && today["followUps"].is_array());

    // Every name in the vault (workers, supervisors, the gone) and the staff organizers.
    let workers = json(&fieldbook(
        &[
            "workers",
            v,
            "--passphrase-stdin",
            "--json",
            "--all-statuses",
            "--supervisors",
        ],
        home.path(),
    ));
    let mut names: Vec<String> = Vec::new();
    for r in workers["rows"].as_array().unwrap() {
        for key in ["name", "legalName"] {
            names.push(r[key].as_str().unwrap().to_string());
        }
    }
    names.extend(["Dana Whitfield", "Luis Ortega", "Kim Tran"].map(String::from));
    assert!(names.len() > 500);

    let t = dates::today();
    let from = dates::fmt(t - Duration::days(120));
    let to = dates::fmt(t);
    let pdf = home.path().join("report.pdf");
    let csv = home.path().join("report.csv");
    let out = fieldbook(
        &[
            "report",
            v,
            "--passphrase-stdin",
            "--from",
            &from,
            "--to",
            &to,
            "--pdf",
            pdf.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
        ],
        home.path(),
    );
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not encrypted"));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    assert!(text.contains("Progress report"), "{text}");
    assert!(text.contains(&format!("{from} – {to}")), "{text}");
    let tokens: Vec<&str> = text.split(' ').collect();
    for n in [unit, cards] {
        assert!(
            tokens.contains(&n.to_string().as_str()),
            "{n} not in {text}"
        );
    }
    let pct = format!(
        "{:.1}%",
        (cards as f64 * 1000.0 / unit as f64).round() / 10.0
    );
    assert!(tokens.contains(&pct.as_str()), "{pct} not in {text}");
    for name in &names {
        assert!(
            !text.contains(name.as_str()),
            "{name} is in the report without --names"
        );
    }

    // The CSV: the same numbers, never a name.
    let csv_text = std::fs::read_to_string(&csv).unwrap();
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let value = |metric: &str| {
        rows.iter()
            .find(|r| &r[0] == "headline" && &r[3] == metric)
            .map(|r| r[4].to_string())
            .unwrap_or_else(|| panic!("no {metric}"))
    };
    assert_eq!(value("unit_at_end"), unit.to_string());
    assert_eq!(value("cards_at_end"), cards.to_string());
    assert!(rows
        .iter()
        .any(|r| &r[0] == "goal" && &r[1] == "department"));
    assert!(rows
        .iter()
        .any(|r| &r[0] == "series" && &r[3] == "supporters"));
    for name in &names {
        assert!(!csv_text.contains(name.as_str()), "{name} is in the CSV");
    }

    // With --names (in Spanish): the people behind the wins are named.
    let named = home.path().join("named");
    let out = fieldbook(
        &[
            "report",
            v,
            "--passphrase-stdin",
            "--from",
            &from,
            "--to",
            &to,
            "--pdf",
            named.to_str().unwrap(),
            "--names",
            "--lang",
            "es",
        ],
        home.path(),
    );
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("names workers"));
    let text = pdf_text(&named);
    assert!(
        text.contains("Informe de avance") && text.contains("Logros"),
        "{text}"
    );
    assert!(
        names.iter().any(|n| text.contains(n.as_str())),
        "no name in the report with --names"
    );

    // A period ending in the future is refused (invalid input, exit 2); nothing is written.
    let future = home.path().join("future.pdf");
    let out = fieldbook(
        &[
            "report",
            v,
            "--passphrase-stdin",
            "--from",
            &from,
            "--to",
            &dates::fmt(t + Duration::days(1)),
            "--pdf",
            future.to_str().unwrap(),
        ],
        home.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!future.exists());
}
