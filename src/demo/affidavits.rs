//! The demo's affidavit drafts: about the demo incidents (one per affiant, a worker the incident
//! affected, or else a witness), each with 2–4 versions that read like real editing (a first draft
//! from the 1-on-1 notes, the time corrected from the shift log and the witness added, the
//! manager's exact words, a read-back), one in Spanish, statuses varied (ready for counsel, sent
//! and edited since, drafts). A draft about an incident whose charge was filed shows the case
//! number in its caption.
//!
//! Deterministic from the seed (its own stream, 3): the same seed and `today` give the same drafts,
//! the same draft identities, and so the same version hashes.

use super::names::STAFF_ORGANIZERS;
use super::People;
use crate::affidavits::store;
use crate::affidavits::template;
use crate::affidavits::{AffidavitContent, AffidavitLanguage, AffidavitNew, AffidavitStatus};
use crate::error::Result;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::{Connection, Transaction};
use std::collections::HashSet;

/// One demo incident as read back from the vault.
struct Incident {
    id: i64,
    category: String,
    occurred_on: NaiveDate,
    /// HH:MM.
    time: Option<String>,
    learned_on: NaiveDate,
    summary: String,
    description: String,
    case_number: String,
    /// (role, worker id, name).
    people: Vec<(String, Option<i64>, String)>,
}

impl Incident {
    fn manager(&self) -> String {
        self.people
            .iter()
            .find(|p| p.0 == "manager")
            .map(|p| p.2.split(" (").next().unwrap_or(&p.2).trim().to_string())
            .unwrap_or_else(|| "my supervisor".into())
    }

    fn with_role(&self, role: &str) -> impl Iterator<Item = i64> + '_ {
        let role = role.to_string();
        self.people
            .iter()
            .filter(move |p| p.0 == role)
            .filter_map(|p| p.1)
    }
}

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn incidents(tx: &Connection, campaign_id: i64) -> Result<Vec<Incident>> {
    let mut stmt = tx.prepare(
        "SELECT id, category, occurred_on, occurred_time, learned_on, summary, description, case_number
         FROM incident WHERE campaign_id = ?1 ORDER BY occurred_on, id",
    )?;
    let rows = stmt.query_map([campaign_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
        ))
    })?;
    let mut people = tx.prepare(
        "SELECT p.role, p.worker_id, coalesce(w.legal_name, p.name)
         FROM incident_person p LEFT JOIN worker w ON w.id = p.worker_id
         WHERE p.incident_id = ?1 ORDER BY p.id",
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (id, category, occurred, time, learned, summary, description, case_number) = row?;
        let (Some(occurred_on), Some(learned_on)) = (day(&occurred), day(&learned)) else {
            continue;
        };
        let who = people
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.push(Incident {
            id,
            category,
            occurred_on,
            time,
            learned_on,
            summary,
            description,
            case_number,
            people: who,
        });
    }
    Ok(out)
}

/// The first thing the manager is quoted saying in the incident's description, if any.
fn quote(description: &str) -> Option<String> {
    let start = description.find(": \"")? + 3;
    let len = description[start..].find('"')?;
    let q = description[start..start + len].trim();
    (!q.is_empty()).then(|| q.to_string())
}

/// First-person wording of what happened, by category: (English, Spanish). `{m}` the manager,
/// `{when}` the day and time.
fn what_happened(category: &str) -> (&'static str, &'static str) {
    match category {
        "threat" => (
            "On {when}, {m} came up to me during my shift and told me that if the union came in, the company would close this building and move the work to another warehouse.",
            "El {when}, {m} se me acercó durante mi turno y me dijo que si entraba el sindicato, la compañía cerraría este edificio y llevaría el trabajo a otro almacén.",
        ),
        "interrogation" => (
            "On {when}, {m} took me aside and asked me whether I had signed a union card and who had been handing the cards out.",
            "El {when}, {m} me llamó aparte y me preguntó si yo había firmado una tarjeta del sindicato y quién estaba repartiendo las tarjetas.",
        ),
        "promise_of_benefit" => (
            "On {when}, {m} told me and other coworkers that the company would bring back the attendance bonus and fix the schedules once the union campaign was over.",
            "El {when}, {m} nos dijo a mí y a otros compañeros que la compañía volvería a dar el bono de asistencia y arreglaría los horarios cuando terminara la campaña del sindicato.",
        ),
        "surveillance" => (
            "On {when}, I saw {m} watching my coworkers and me while we talked about the union, and writing down names.",
            "El {when}, vi a {m} vigilándonos a mis compañeros y a mí mientras hablábamos del sindicato, y anotando nombres.",
        ),
        "retaliation" => (
            "On {when}, {m} disciplined me. Before I became active in the union I had never been disciplined at this job.",
            "El {when}, {m} me sancionó. Antes de participar en el sindicato nunca me habían sancionado en este trabajo.",
        ),
        _ => (
            "On {when}, {m} took the union flyers down from the bulletin board and told us that union material was not allowed anywhere in the building.",
            "El {when}, {m} quitó los volantes del sindicato del tablero de anuncios y nos dijo que no se permitía material del sindicato en ninguna parte del edificio.",
        ),
    }
}

fn default_quote(category: &str) -> &'static str {
    match category {
        "threat" => "You people keep pushing this and there won't be jobs here to fight over.",
        "interrogation" => {
            "I'm just trying to help you. People who go to those meetings get noticed."
        }
        "promise_of_benefit" => {
            "Give us a year without a union and you'll see what we can do for you."
        }
        "surveillance" => "I know who was at that table.",
        "retaliation" => "Maybe you should spend less time talking about the union.",
        _ => "Anything union goes in the trash.",
    }
}

/// "10:40 pm" / "22:40"; rough: "10 pm" / "las 22" an hour off, as first remembered.
fn time_words(language: AffidavitLanguage, hhmm: &str, rough: bool) -> String {
    let (h, m) = hhmm
        .split_once(':')
        .and_then(|(h, m)| Some((h.parse::<u32>().ok()?, m.parse::<u32>().ok()?)))
        .unwrap_or((12, 0));
    let h = if rough { (h + 23) % 24 } else { h };
    match language {
        AffidavitLanguage::En => {
            let (h12, ampm) = match h {
                0 => (12, "am"),
                1..=11 => (h, "am"),
                12 => (12, "pm"),
                _ => (h - 12, "pm"),
            };
            if rough {
                format!("about {h12} {ampm}")
            } else {
                format!("{h12}:{m:02} {ampm}")
            }
        }
        AffidavitLanguage::Es => {
            if rough {
                format!("eso de las {h}:00")
            } else {
                format!("las {h}:{m:02}")
            }
        }
    }
}

/// The statement as of version `v` (1–4): each version a realistic edit of the one before.
struct Writer<'a> {
    language: AffidavitLanguage,
    incident: &'a Incident,
    second: Option<&'a Incident>,
    base: AffidavitContent,
    employer: &'a str,
}

impl Writer<'_> {
    fn content(&self, v: u32) -> AffidavitContent {
        let es = self.language == AffidavitLanguage::Es;
        let s = template::strings(self.language);
        let i = self.incident;
        let m = i.manager();
        let a = &self.base.affiant;
        let mut intro = if es {
            format!(
                "Trabajo para {} en el Riverside Distribution Center como {} en {}, en el turno {}.",
                self.employer, a.job_title, a.department, a.shift
            )
        } else {
            let article = if a.job_title.starts_with(['A', 'E', 'I', 'O', 'U']) {
                "an"
            } else {
                "a"
            };
            format!(
                "I work for {} at the Riverside Distribution Center as {article} {} in {}, on the {} shift.",
                self.employer, a.job_title, a.department, a.shift
            )
        };
        if let Some(since) = a.employed_since.as_deref().filter(|_| v >= 2) {
            intro.push_str(&if es {
                format!(" Empecé a trabajar allí el {}.", s.day(since))
            } else {
                format!(" I started working there on {}.", s.day(since))
            });
        }
        let time = i.time.as_deref().unwrap_or("12:00");
        let when = format!(
            "{}{}{}",
            s.day(&i.occurred_on.format("%Y-%m-%d").to_string()),
            if es { ", a " } else { ", at " },
            time_words(self.language, time, v == 1)
        );
        let (en, sp) = what_happened(&i.category);
        let main = if es { sp } else { en }
            .replace("{when}", &when)
            .replace("{m}", &m);
        let words = quote(&i.description).unwrap_or_else(|| default_quote(&i.category).into());
        let said = if es {
            format!("{m} me dijo en inglés: \"{words}\"")
        } else {
            format!("{m} said: \"{words}\"")
        };
        let aftermath = match (es, v >= 4) {
            (false, false) => "I did not answer. Later, on my break, I wrote down what had happened on my phone.".to_string(),
            (false, true) => "I did not answer. On my break that day I wrote down on my phone what had happened and who was there, and I told a member of the organizing committee.".to_string(),
            (true, false) => "No contesté. Después, en mi descanso, anoté en mi teléfono lo que había pasado.".to_string(),
            (true, true) => "No contesté. En mi descanso de ese día anoté en mi teléfono lo que había pasado y quién estaba presente, y se lo conté a un miembro del comité organizador.".to_string(),
        };
        let mut paragraphs = vec![intro, main];
        if v >= 3 {
            paragraphs.push(said);
        }
        let witnesses = if v >= 2 {
            self.base.witnesses.clone()
        } else {
            vec![]
        };
        if let Some(w) = witnesses.first() {
            paragraphs.push(if es {
                format!("{} estaba cerca y vio u oyó lo que pasó.", w.name)
            } else {
                format!("{} was nearby and saw or heard what happened.", w.name)
            });
        }
        if let (Some(j), true) = (self.second, v >= 3) {
            let on = s.day(&j.occurred_on.format("%Y-%m-%d").to_string());
            paragraphs.push(if es {
                format!(
                    "Compañeros de trabajo también me contaron de otro incidente con {m} el {on} (\"{}\").",
                    j.summary
                )
            } else {
                format!(
                    "Coworkers have also told me about another incident with {m} on {on} (\"{}\").",
                    j.summary
                )
            });
        }
        paragraphs.push(aftermath);
        AffidavitContent {
            language: self.language,
            affiant: self.base.affiant.clone(),
            paragraphs,
            witnesses,
        }
    }
}

fn note(v: u32, name: &str) -> String {
    match v {
        1 => "First draft from the 1-on-1 notes".into(),
        2 => "Corrected the time from the shift log; added the witness".into(),
        3 => "Added the exact words".into(),
        _ => format!("Read back to {name}; small corrections"),
    }
}

/// The times things were saved: always forward, never after the end of `today`.
struct Clock {
    t: NaiveDateTime,
    end: NaiveDateTime,
}

impl Clock {
    /// `days` later, in the late afternoon or evening, as RFC 3339.
    fn advance(&mut self, rng: &mut ChaCha8Rng, days: i64) -> String {
        let evening = (self.t.date() + Duration::days(days))
            .and_hms_opt(16, 0, 0)
            .unwrap_or(self.t);
        let next = evening + Duration::minutes(rng.gen_range(0..300));
        self.t = next.min(self.end).max(self.t + Duration::minutes(1));
        self.t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

/// Add the demo affidavit drafts (after the incidents); returns how many. None when the vault has
/// no incidents.
pub(super) fn add(tx: &Transaction<'_>, people: &People) -> Result<u32> {
    let mut rng = ChaCha8Rng::seed_from_u64(people.seed);
    rng.set_stream(3);
    let all = incidents(tx, people.campaign_id)?;
    if all.is_empty() {
        return Ok(0);
    }
    let employer: String = tx.query_row(
        "SELECT employer FROM campaign WHERE id = ?1",
        [people.campaign_id],
        |r| r.get(0),
    )?;
    let unit: HashSet<i64> = people.workers.iter().copied().collect();
    // An affiant for each incident: a worker it affected, or else a witness, each used once.
    let mut candidates: Vec<(usize, i64)> = Vec::new();
    let mut used = HashSet::new();
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.shuffle(&mut rng);
    // An incident with a case number first, so one caption shows it.
    order.sort_by_key(|&k| all[k].case_number.trim().is_empty());
    for k in order {
        let i = &all[k];
        let who = i
            .with_role("affected")
            .chain(i.with_role("witness"))
            .find(|w| unit.contains(w) && !used.contains(w));
        if let Some(w) = who {
            used.insert(w);
            candidates.push((k, w));
        }
    }
    // About one draft per 90 coworkers in the unit: 4 for the 400-worker demo.
    let wanted = (people.workers.len() / 90).clamp(3, 5);
    candidates.truncate(wanted);
    let spanish_speaker = |id: i64| -> Result<bool> {
        let languages: String =
            tx.query_row("SELECT languages FROM worker WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
        let first = languages
            .split(',')
            .next()
            .unwrap_or("")
            .trim()
            .to_lowercase();
        Ok(first == "spanish")
    };
    let mut spanish = None;
    for (n, &(_, w)) in candidates.iter().enumerate() {
        if spanish_speaker(w)? {
            spanish = Some(n);
            break;
        }
    }
    let spanish = spanish.unwrap_or(1.min(candidates.len() - 1));

    let mut made = 0;
    for (n, &(k, affiant)) in candidates.iter().enumerate() {
        let incident = &all[k];
        let language = if n == spanish {
            AffidavitLanguage::Es
        } else {
            AffidavitLanguage::En
        };
        // Another incident with the same manager, linked too, when there is one.
        let manager = incident.manager();
        let second = all
            .iter()
            .find(|j| j.id != incident.id && j.manager() == manager && manager != "my supervisor");
        let mut incident_ids = vec![incident.id];
        incident_ids.extend(second.map(|j| j.id));
        let mut base = store::prefill(tx, affiant, Some(language), &[incident.id], people.today)?;
        if n == 2 {
            // This one prefers to give a phone number rather than a home address.
            base.affiant.contact_instead_of_address = true;
            if base.affiant.phone.is_empty() {
                base.affiant.phone = format!("555-01{:02}", rng.gen_range(0..100));
            }
        }
        let name = base.affiant.name.clone();
        let writer = Writer {
            language,
            incident,
            second,
            base,
            employer: &employer,
        };
        let versions: u32 = rng.gen_range(2..=4);
        let organizer = STAFF_ORGANIZERS[n % STAFF_ORGANIZERS.len()];
        let at = |d: NaiveDate, h: u32| d.and_hms_opt(h, 0, 0).unwrap_or_default();
        let mut clock = Clock {
            t: at(incident.learned_on.min(people.today), 16),
            end: at(people.today, 21),
        };
        let uid = uuid::Builder::from_random_bytes(rng.gen())
            .into_uuid()
            .to_string();
        let first_day = rng.gen_range(1..=3);
        let id = store::insert(
            tx,
            &AffidavitNew {
                affiant_id: affiant,
                incident_ids,
                evidence_ids: vec![],
                content: writer.content(1),
                saved_by: organizer.into(),
                note: note(1, &name),
            },
            &uid,
            &clock.advance(&mut rng, first_day),
        )?;
        for v in 2..=versions {
            if n == 2 && v == versions {
                // Sent to counsel, then corrected once more: the newest version is not the one sent.
                let sent = clock.advance(&mut rng, 1);
                store::set_status_at(tx, id, AffidavitStatus::Sent, organizer, &sent)?;
            }
            let by = if v == 4 {
                STAFF_ORGANIZERS[0]
            } else {
                organizer
            };
            let days = rng.gen_range(1..=6);
            let saved = clock.advance(&mut rng, days);
            store::add_version(tx, id, &writer.content(v), by, &note(v, &name), &saved)?;
        }
        if n == 0 || n == 4 {
            let ready = clock.advance(&mut rng, 1);
            store::set_status_at(tx, id, AffidavitStatus::ReadyForCounsel, organizer, &ready)?;
        }
        made += 1;
    }
    Ok(made)
}
