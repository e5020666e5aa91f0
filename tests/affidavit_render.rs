//! Rendering affidavit drafts, checked with real tools: the PDF read back with `pdftotext`
//! (poppler-utils) holds the caption, the statement (accented Spanish included), the attestation
//! and "Page 1 of N"; the DOCX opens in LibreOffice (converted to PDF headless, then read back);
//! a rendering writes nothing to disk but the file asked for.

mod common;

use common::*;
use fieldbook::affidavits::template::Context;
use fieldbook::affidavits::{
    render, store, Affiant, AffidavitContent, AffidavitLanguage, AffidavitNew, AffidavitSave,
    AffidavitWitness, RenderFormat,
};
use fieldbook::api::affidavits::render_version;
use fieldbook::workers::{campaign, store as workers, CampaignInput, WorkerInput};
use rusqlite::params;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const EN_PARAGRAPHS: &[&str] = &[
    "I have worked nights as a picker at the Riverside Distribution Center since March 2021.",
    "On April 26, 2025, at about 10:15 pm, at the start-of-shift huddle, Greg Hollis asked me to step aside near aisle 14.",
    "He asked me whether I had gone to the union meeting at the Denny's on Sunday and who else was there.",
    "I told him I did not want to talk about it. He said: \"I'm just trying to help you. People who go to those meetings get noticed.\"",
];

const ES_PARAGRAPHS: &[&str] = &[
    "Trabajo de noche como surtidor en el Riverside Distribution Center desde marzo de 2021.",
    "El 26 de abril de 2025, a las 22:15, Greg Hollis me preguntó si había ido a la reunión del sindicato en el Denny's el domingo.",
    "¿Por qué me lo preguntó? ¡No lo sé! Le dije que no quería hablar de eso; también estaba allí mi compañera Begoña Muñoz Ibáñez.",
];

fn content(language: AffidavitLanguage, name: &str, paragraphs: &[&str]) -> AffidavitContent {
    AffidavitContent {
        language,
        affiant: Affiant {
            name: name.into(),
            also_known_as: vec!["Marc".into()],
            job_title: "Picker".into(),
            department: "Picking".into(),
            shift: "Night".into(),
            employed_since: Some("2021-03-04".into()),
            contact_instead_of_address: true,
            phone: "555-0134".into(),
            email: "marc.b@example.org".into(),
            ..Affiant::default()
        },
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        witnesses: vec![AffidavitWitness {
            name: "Tamika Johnson".into(),
            worker_id: None,
            details: "Picker, Night shift; heard it from about 10 feet away".into(),
        }],
    }
}

fn ctx(case: Option<&str>) -> Context {
    Context {
        employer: "Northgate Logistics".into(),
        case_number: case.map(str::to_string),
        seq: 3,
        hash: "9f2c41e07a".repeat(7)[..64].to_string(),
    }
}

/// Run a tool, or fail saying which Debian package provides it.
fn tool(name: &str, package: &str) -> Command {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "`{name}` is not installed: these tests need it. On Debian/Ubuntu: sudo apt-get install {package}"
    );
    Command::new(name)
}

/// The text of a PDF as `pdftotext` extracts it, whitespace collapsed to single spaces.
fn pdf_text(pdf: &Path) -> String {
    let out = tool("pdftotext", "poppler-utils")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn pages(pdf: &Path) -> usize {
    let out = tool("pdfinfo", "poppler-utils").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count")
}

fn assert_has(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(text.contains(n), "missing {n:?} in:\n{text}");
    }
}

#[test]
fn the_pdf_extracts_with_caption_statement_attestation_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("en.pdf");
    let bytes = render::render(
        RenderFormat::Pdf,
        &content(AffidavitLanguage::En, "Marcus Bell", EN_PARAGRAPHS),
        &ctx(Some("07-CA-345678")),
    )
    .unwrap();
    std::fs::write(&en, &bytes).unwrap();
    let text = pdf_text(&en);
    assert_has(
        &text,
        &[
            "UNITED STATES OF AMERICA",
            "BEFORE THE NATIONAL LABOR RELATIONS BOARD",
            "Employer: Northgate Logistics",
            "Case number: 07-CA-345678",
            "AFFIDAVIT OF MARCUS BELL",
            "Also known as: Marc",
            "Employed since: March 4, 2021",
            "Contact (given instead of a home address): phone 555-0134; e-mail marc.b@example.org",
            "I, Marcus Bell, state as follows:",
            "I declare under penalty of perjury under the laws of the United States of America that the foregoing is true and correct.",
            "Printed name: Marcus Bell",
            "Confidential draft, version 3 (SHA-256 9f2c41e07a9f2c41",
            "Tamika Johnson, Picker, Night shift; heard it from about 10 feet away",
        ],
    );
    for p in EN_PARAGRAPHS {
        assert_has(&text, &[p]);
    }
    let n = pages(&en);
    assert_has(
        &text,
        &[&format!("Page 1 of {n}"), &format!("Page {n} of {n}")],
    );
    // Numbered: the statement's paragraphs, then the witnesses as the next one.
    assert_has(
        &text,
        &[
            "1. I have worked nights",
            "4. I told him",
            "5. The following people",
        ],
    );
}

#[test]
fn spanish_text_round_trips_with_its_accents_and_the_spanish_template() {
    let dir = tempfile::tempdir().unwrap();
    let es = dir.path().join("es.pdf");
    let bytes = render::render(
        RenderFormat::Pdf,
        &content(AffidavitLanguage::Es, "José Núñez Peña", ES_PARAGRAPHS),
        &ctx(None),
    )
    .unwrap();
    std::fs::write(&es, &bytes).unwrap();
    let text = pdf_text(&es);
    assert_has(
        &text,
        &[
            "ESTADOS UNIDOS DE AMÉRICA",
            "ANTE LA JUNTA NACIONAL DE RELACIONES DEL TRABAJO",
            "Empleador: Northgate Logistics",
            "DECLARACIÓN JURADA DE JOSÉ NÚÑEZ PEÑA",
            "Empleado/a desde: 4 de marzo de 2021",
            "Yo, José Núñez Peña, declaro lo siguiente:",
            "Declaro bajo pena de perjurio, conforme a las leyes de los Estados Unidos de América, que lo anterior es verdadero y correcto.",
            "Borrador confidencial, versión 3",
        ],
    );
    let n = pages(&es);
    assert_has(
        &text,
        &[&format!("Página 1 de {n}"), &format!("Página {n} de {n}")],
    );
    for p in ES_PARAGRAPHS {
        assert_has(&text, &[p]);
    }
    assert!(!text.contains("Número de caso"), "no case number");
}

#[test]
fn a_long_statement_runs_over_pages_numbered_page_x_of_n() {
    let dir = tempfile::tempdir().unwrap();
    let long: Vec<String> = (1..=40)
        .map(|i| format!("Paragraph {i}: {}", EN_PARAGRAPHS[i % EN_PARAGRAPHS.len()]))
        .collect();
    let refs: Vec<&str> = long.iter().map(String::as_str).collect();
    let pdf = dir.path().join("long.pdf");
    std::fs::write(
        &pdf,
        render::render(
            RenderFormat::Pdf,
            &content(AffidavitLanguage::En, "Marcus Bell", &refs),
            &ctx(None),
        )
        .unwrap(),
    )
    .unwrap();
    let n = pages(&pdf);
    assert!(n >= 3, "{n} pages");
    let text = pdf_text(&pdf);
    for page in 1..=n {
        assert_has(&text, &[&format!("Page {page} of {n}")]);
    }
    for p in &long {
        assert_has(&text, &[p]);
    }
    // The signature block is never split from its attestation's page… and never cut in two.
    assert_has(&text, &["Signature: ____", "Printed name: Marcus Bell"]);
}

/// Convert a DOCX to PDF with LibreOffice (a private profile, a time limit) and return the PDF.
fn soffice_to_pdf(docx: &Path, out_dir: &Path) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let mut child = tool("soffice", "libreoffice-writer-nogui")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out_dir)
        .arg(docx)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            assert!(
                status.success(),
                "soffice failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            break;
        }
        if started.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("soffice did not finish converting within 3 minutes");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let pdf = out_dir.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(pdf.is_file(), "LibreOffice wrote no PDF");
    pdf
}

#[test]
fn the_docx_opens_in_libreoffice_with_the_statement_numbered_and_paged() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("affidavit.docx");
    let bytes = render::render(
        RenderFormat::Docx,
        &content(AffidavitLanguage::Es, "José Núñez Peña", ES_PARAGRAPHS),
        &ctx(Some("07-CA-345678")),
    )
    .unwrap();
    assert!(bytes.starts_with(b"PK"));
    std::fs::write(&docx, &bytes).unwrap();
    let out = dir.path().join("converted");
    std::fs::create_dir(&out).unwrap();
    let text = pdf_text(&soffice_to_pdf(&docx, &out));
    assert_has(
        &text,
        &[
            "ESTADOS UNIDOS DE AMÉRICA",
            "DECLARACIÓN JURADA DE JOSÉ NÚÑEZ PEÑA",
            "Número de caso: 07-CA-345678",
            "Página 1 de",
            "Declaro bajo pena de perjurio",
            "Tamika Johnson",
            "1. Trabajo de noche",
            "4. Las siguientes personas",
        ],
    );
    for p in ES_PARAGRAPHS {
        assert_has(&text, &[p]);
    }
}

#[test]
fn a_version_renders_from_the_vault_with_the_campaigns_employer_and_the_case_number() {
    let (_dir, mut vault, _) = new_vault(false);
    let conn = vault.conn_mut();
    let c = campaign::create(
        conn,
        &CampaignInput {
            name: "Riverside".into(),
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
            ..WorkerInput::default()
        },
    )
    .unwrap();
    conn.execute(
        "INSERT INTO incident (campaign_id, occurred_on, learned_on, category, summary, case_number, created_at, updated_at)
         VALUES (?1, '2025-04-26', '2025-04-26', 'interrogation', 'Questioned', '07-CA-345678', '2025-04-26T00:00:00Z', '2025-04-26T00:00:00Z')",
        params![c],
    )
    .unwrap();
    let inc = conn.last_insert_rowid();
    let id = store::create(
        conn,
        &AffidavitNew {
            affiant_id: w,
            incident_ids: vec![inc],
            content: content(AffidavitLanguage::En, "Marcus Bell", &EN_PARAGRAPHS[..2]),
            saved_by: "Dana".into(),
            ..AffidavitNew::default()
        },
    )
    .unwrap();
    store::save(
        conn,
        id,
        &AffidavitSave {
            content: content(AffidavitLanguage::En, "Marcus Bell", EN_PARAGRAPHS),
            saved_by: "Dana".into(),
            ..AffidavitSave::default()
        },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let read = |seq: Option<u32>| {
        let r = render_version(vault.conn(), id, seq, RenderFormat::Pdf).unwrap();
        let path = dir.path().join(&r.file_name);
        std::fs::write(&path, &r.bytes).unwrap();
        (r, pdf_text(&path))
    };
    let (newest, text) = read(None);
    assert_eq!(newest.seq, 2);
    assert_eq!(newest.file_name, format!("affidavit-{id}-v2.pdf"));
    assert_has(
        &text,
        &[
            "Case number: 07-CA-345678",
            "Employer: Northgate Logistics",
            EN_PARAGRAPHS[3],
            "version 2",
        ],
    );
    let (first, text) = read(Some(1));
    assert_eq!(first.seq, 1);
    assert_has(&text, &[EN_PARAGRAPHS[1], "version 1"]);
    assert!(!text.contains(EN_PARAGRAPHS[3]));
    let hash = store::version(vault.conn(), id, Some(1)).unwrap().hash;
    assert_has(&text, &[&hash[..16]]);
}

/// Every file under `root` modified since `since` that holds `needle`.
fn files_holding(root: &Path, needle: &[u8], since: std::time::SystemTime) -> Vec<PathBuf> {
    let mut hits = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            let recent = meta.modified().is_ok_and(|m| m >= since);
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() && recent && meta.len() < 256 * 1024 * 1024 {
                if let Ok(bytes) = std::fs::read(&path) {
                    if contains(&bytes, needle) {
                        hits.push(path);
                    }
                }
            }
        }
    }
    hits
}

#[test]
fn rendering_writes_nothing_but_the_file_asked_for() {
    // A vault whose draft holds the canary sentence, rendered by the CLI with its temp folder,
    // home and config pointed into this test's folder; then every file is searched for it.
    let home = tempfile::tempdir().unwrap();
    for d in ["tmp", "config", "out", "cache"] {
        std::fs::create_dir(home.path().join(d)).unwrap();
    }
    let canary = format!("{CANARY} told me the whole shift heard it.");
    let (dir, mut vault, _) = new_vault(false);
    let conn = vault.conn_mut();
    let c = campaign::create(
        conn,
        &CampaignInput {
            name: "Riverside".into(),
            ..CampaignInput::default()
        },
    )
    .unwrap()
    .id;
    let w = workers::insert(
        conn,
        c,
        &WorkerInput {
            legal_name: "Ana Ruiz".into(),
            ..WorkerInput::default()
        },
    )
    .unwrap();
    let id = store::create(
        conn,
        &AffidavitNew {
            affiant_id: w,
            content: content(AffidavitLanguage::En, "Ana Ruiz", &[&canary]),
            saved_by: "Dana".into(),
            ..AffidavitNew::default()
        },
    )
    .unwrap();
    vault.lock().unwrap();
    let system_tmp = std::env::temp_dir();
    let started = std::time::SystemTime::now() - Duration::from_secs(1);
    let path = vault_path(&dir);
    let vault_files_before = snapshot(&path);

    for (flag, name) in [("--pdf", "statement.pdf"), ("--docx", "statement.docx")] {
        let out_file = home.path().join("out").join(name);
        let mut child = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
            .args(["affidavit", "render"])
            .arg(&path)
            .arg(id.to_string())
            .arg(flag)
            .arg(&out_file)
            .arg("--passphrase-stdin")
            .env("TMPDIR", home.path().join("tmp"))
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .current_dir(home.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{PASS}\n").as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out_file.is_file());
    }
    // The PDF holds the sentence (in a compressed stream: check by extracting it).
    assert_has(
        &pdf_text(&home.path().join("out").join("statement.pdf")),
        &[&canary],
    );
    // Nothing else in this test's folders holds it in plaintext; the temp, cache and config
    // folders are as empty as before (the recent list is not touched by rendering).
    let mut names: Vec<String> = std::fs::read_dir(home.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["statement.docx", "statement.pdf"]);
    for d in ["tmp", "cache", "config"] {
        let left = std::fs::read_dir(home.path().join(d)).unwrap().count();
        assert_eq!(left, 0, "{d} is not empty");
    }
    assert!(
        files_holding(&path, CANARY.as_bytes(), std::time::UNIX_EPOCH).is_empty(),
        "the vault is encrypted"
    );
    let after = snapshot(&path);
    assert_eq!(
        vault_files_before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "no new file in the vault folder"
    );
    // Nor any file written anywhere under the system temp folder meanwhile.
    let new: Vec<_> = files_holding(&system_tmp, canary.as_bytes(), started)
        .into_iter()
        .filter(|p| !p.starts_with(home.path()))
        .collect();
    assert!(
        new.is_empty(),
        "plaintext left in the system temp folder: {new:?}"
    );
}
