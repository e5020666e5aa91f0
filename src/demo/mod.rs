//! A realistic synthetic campaign for demos, screenshots, tests and benchmarks: a warehouse
//! ("Riverside Distribution Center", employer "Northgate Logistics") with workers in six
//! departments and three shifts, a mid-campaign spread of assessments with their history, 1-on-1
//! conversations and follow-ups, an organizing committee with gaps, and cards (some stale).
//!
//! The workers are tied by a relationship graph for the map (crews, friends, family, carpools,
//! mentors, supervisors, informal leaders' influence): about five relationships per worker
//! ([`graph`]).
//!
//! Deterministic from a seed: the same seed and `today` give the same data, apart from the
//! `created_at`/`updated_at` timestamps of the rows.

mod affidavits;
mod graph;
mod incidents;
mod names;
mod plan;
mod talk;

use crate::error::{Error, Result};
use crate::workers::{
    campaign, dates, relationship, store, CampaignInput, WorkerInput, WorkerStatus,
};
use chrono::{Duration, NaiveDate};
use names::{Gender, Origin, ORIGINS};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const CAMPAIGN_NAME: &str = "Riverside Distribution Center";
pub const EMPLOYER: &str = "Northgate Logistics";
pub const EMPLOYER_DOMAIN: &str = "northgate-logistics.com";
/// Departments and their relative sizes (Picking is the biggest).
pub const DEPARTMENTS: &[(&str, u32)] = &[
    ("Receiving", 14),
    ("Put-away", 12),
    ("Picking", 34),
    ("Packing", 20),
    ("Shipping", 14),
    ("Maintenance", 6),
];
pub const SHIFTS: &[&str] = &["Day", "Swing", "Night"];
const SHIFT_WEIGHTS: &[u32] = &[45, 33, 22];
/// Maintenance works mostly days.
const MAINTENANCE_SHIFT_WEIGHTS: &[u32] = &[60, 25, 15];
const MAINTENANCE: usize = 5;
/// The largest demo accepted.
pub const MAX_WORKERS: usize = 1_000_000;
/// How long the campaign has been running on `today`.
const CAMPAIGN_DAYS: i64 = 300;
/// Department × shift cells left without a committee member (the gaps organizers must see).
const UNCOVERED_CELLS: usize = 4;

const JOB_TITLES: [&[&str]; 6] = [
    &[
        "Receiver",
        "Unloader",
        "Forklift Operator",
        "Inventory Clerk",
    ],
    &[
        "Put-away Associate",
        "Reach Truck Operator",
        "Forklift Operator",
    ],
    &["Order Picker", "Picker", "Cherry Picker Operator"],
    &["Packer", "Pack Station Associate", "Quality Checker"],
    &[
        "Loader",
        "Shipping Clerk",
        "Dock Associate",
        "Forklift Operator",
    ],
    &["Maintenance Technician", "Electrician", "Conveyor Mechanic"],
];
const SUPERVISOR_TITLES: &[&str] = &["Supervisor", "Area Manager", "Operations Supervisor"];

/// Chance (percent) of each assessment, index 0 = unassessed, 1–5 the scale: in cells the
/// committee reaches, and in the cells it does not (fewer leaders, more unknowns).
const ASSESSMENT_COVERED: [u32; 6] = [20, 10, 21, 29, 14, 6];
const ASSESSMENT_UNCOVERED: [u32; 6] = [27, 0, 14, 32, 18, 9];
/// Chance (percent) that a worker with each assessment (index 0 = unassessed) signed a card.
const CARD_CHANCE: [u32; 6] = [5, 100, 90, 30, 5, 0];

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    pub workers: usize,
    pub seed: u64,
    /// The day the demo is "now": conversations, cards and follow-ups are dated around it.
    pub today: NaiveDate,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            workers: 400,
            seed: 1,
            today: dates::today(),
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct DemoSummary {
    pub campaign_id: i64,
    pub workers: u32,
    pub conversations: u32,
    /// Committee members today.
    pub committee: u32,
    /// Workers with a signed card (stale or not).
    pub cards: u32,
    /// Relationships between workers (the map).
    pub relationships: u32,
    /// Incidents (ULPs) logged.
    pub incidents: u32,
    /// Affidavit drafts.
    pub affidavits: u32,
}

/// What the incident and affidavit generators know of the demo's people.
pub(crate) struct People {
    pub campaign_id: i64,
    pub today: NaiveDate,
    pub seed: u64,
    /// Active unit workers (no supervisors), by id, in creation order.
    pub workers: Vec<i64>,
    /// Supervisors, by id.
    pub supervisors: Vec<i64>,
}

/// Create the demo campaign and fill it: one transaction for the workers and their history
/// (the campaign itself is created first and removed again if filling fails).
pub fn generate(conn: &mut Connection, opts: &DemoOptions) -> Result<DemoSummary> {
    if opts.workers > MAX_WORKERS {
        return Err(Error::InvalidInput(format!(
            "A demo holds at most {MAX_WORKERS} workers."
        )));
    }
    let c = campaign::create(
        conn,
        &CampaignInput {
            name: CAMPAIGN_NAME.into(),
            employer: EMPLOYER.into(),
            worksites: format!("{CAMPAIGN_NAME}, 4100 River Rd, Riverside"),
            unit_description: "All full-time and regular part-time warehouse and maintenance employees at the \
                Riverside Distribution Center; excluding office clericals, guards and supervisors as defined in the Act."
                .into(),
            unit_size: Some(opts.workers as i64),
            card_stale_days: Some(campaign::DEFAULT_CARD_STALE_DAYS),
            employer_domains: vec![EMPLOYER_DOMAIN.into()],
            issues: talk::ISSUES.iter().map(|s| s.to_string()).collect(),
            custom_fields: vec![],
        },
    )?;
    match fill(conn, c.id, opts) {
        Ok(summary) => Ok(summary),
        Err(e) => {
            let _ = conn.execute("DELETE FROM campaign WHERE id = ?1", [c.id]);
            Err(e)
        }
    }
}

/// One worker as planned before anything is written.
struct Plan {
    input: WorkerInput,
    dept: usize,
    shift: usize,
    hired: NaiveDate,
    assessment: Option<u8>,
    card: bool,
    committee_from: Option<NaiveDate>,
    former_committee: Option<(NaiveDate, NaiveDate)>,
}

/// One planned 1-on-1.
struct Talk {
    held_on: NaiveDate,
    /// Time of day of the assessment it records (keeps same-day talks in order).
    time: String,
    organizer: String,
    place: &'static str,
    issues: Vec<&'static str>,
    ask: String,
    answer: String,
    before: u8,
    after: Option<u8>,
    next_step: String,
    follow_up: Option<NaiveDate>,
    done: bool,
    notes: String,
}

/// The first read of a worker, before any 1-on-1.
struct FirstRead {
    on: NaiveDate,
    value: u8,
    reason: &'static str,
    by: &'static str,
}

fn weighted(rng: &mut ChaCha8Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut r = rng.gen_range(0..total.max(1));
    for (i, w) in weights.iter().enumerate() {
        if r < *w {
            return i;
        }
        r -= w;
    }
    weights.len() - 1
}

fn pct(rng: &mut ChaCha8Rng, percent: u32) -> bool {
    rng.gen_range(0..100) < percent
}

fn pick<T: Copy>(rng: &mut ChaCha8Rng, items: &[T]) -> T {
    *items.choose(rng).expect("non-empty list")
}

/// A day uniformly in `[from, to]` (or `from` if the range is empty).
fn day_between(rng: &mut ChaCha8Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days();
    if span <= 0 {
        from
    } else {
        from + Duration::days(rng.gen_range(0..=span))
    }
}

/// Lower-case ASCII for an e-mail address: accents dropped, spaces and punctuation removed.
fn ascii(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter_map(|c| match c {
            'đ' | 'Đ' => Some('d'),
            'ł' | 'Ł' => Some('l'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

fn surname(raw: &str, gender: Gender, rng: &mut ChaCha8Rng) -> String {
    match raw.split_once('/') {
        None => raw.to_string(),
        Some((m, f)) => match gender {
            Gender::M => m.to_string(),
            Gender::F => f.to_string(),
            Gender::N => {
                if rng.gen_bool(0.5) {
                    m.to_string()
                } else {
                    f.to_string()
                }
            }
        },
    }
}

fn phone(rng: &mut ChaCha8Rng) -> String {
    format!(
        "({}) 555-01{:02}",
        pick(rng, names::AREA_CODES),
        rng.gen_range(0..100)
    )
}

fn plan_worker(
    rng: &mut ChaCha8Rng,
    index: usize,
    today: NaiveDate,
    start: NaiveDate,
    uncovered: &[(usize, usize)],
) -> Plan {
    let origin: &Origin =
        &ORIGINS[weighted(rng, &ORIGINS.iter().map(|o| o.weight).collect::<Vec<_>>())];
    let (first, gender, nickname) = pick(rng, origin.first);
    let last = surname(pick(rng, origin.last), gender, rng);
    let legal_name = if origin.family_first {
        let middles = match gender {
            Gender::F => names::VIETNAMESE_MIDDLE_F,
            Gender::M => names::VIETNAMESE_MIDDLE_M,
            Gender::N => {
                if rng.gen_bool(0.5) {
                    names::VIETNAMESE_MIDDLE_F
                } else {
                    names::VIETNAMESE_MIDDLE_M
                }
            }
        };
        format!("{last} {} {first}", pick(rng, middles))
    } else if pct(rng, origin.second_last) {
        let second = surname(pick(rng, origin.last), gender, rng);
        if second == last {
            format!("{first} {last}")
        } else {
            format!("{first} {last} {second}")
        }
    } else {
        format!("{first} {last}")
    };
    // The name a person goes by, in full: a nickname, or (Vietnamese) the given name first.
    let preferred_name = if !nickname.is_empty() && pct(rng, 60) {
        format!("{nickname} {last}")
    } else if origin.family_first && pct(rng, 40) {
        format!("{first} {last}")
    } else {
        String::new()
    };
    let pronouns = if pct(rng, 35) {
        match gender {
            Gender::F if pct(rng, 5) => "she/they",
            Gender::F => "she/her",
            Gender::M if pct(rng, 5) => "he/they",
            Gender::M => "he/him",
            Gender::N => pick(rng, &["they/them", "she/her", "he/him"]),
        }
        .to_string()
    } else {
        String::new()
    };

    let dept = weighted(rng, &DEPARTMENTS.iter().map(|d| d.1).collect::<Vec<_>>());
    let shift = weighted(
        rng,
        if dept == MAINTENANCE {
            MAINTENANCE_SHIFT_WEIGHTS
        } else {
            SHIFT_WEIGHTS
        },
    );
    let (dept_name, shift_name) = (DEPARTMENTS[dept].0, SHIFTS[shift]);
    let is_supervisor = pct(rng, 3);
    let status = match rng.gen_range(0..1000) {
        _ if is_supervisor => WorkerStatus::Active,
        0..=19 => WorkerStatus::Left,
        20..=24 => WorkerStatus::Excluded,
        _ => WorkerStatus::Active,
    };
    // Warehouse turnover: most people were hired in the last few years.
    let hired_ago = if is_supervisor {
        rng.gen_range(700..3650)
    } else {
        (rng.gen::<f64>().powf(1.6) * 3650.0) as i64
    };
    let hired = today - Duration::days(hired_ago);
    let job_title = if is_supervisor {
        pick(rng, SUPERVISOR_TITLES)
    } else {
        pick(rng, JOB_TITLES[dept])
    };
    let languages = {
        let weights: Vec<u32> = origin.languages.iter().map(|l| l.1).collect();
        origin.languages[weighted(rng, &weights)].0
    };

    let mut tags = Vec::new();
    if !is_supervisor {
        if job_title.contains("Forklift")
            || job_title.contains("Truck")
            || job_title.contains("Cherry")
            || ([0, 1, 4].contains(&dept) && pct(rng, 20))
        {
            tags.push("forklift".to_string());
        }
        if hired_ago > 730 && pct(rng, 6) {
            tags.push("lead hand".into());
        }
        if hired_ago < 120 {
            tags.push("new hire".into());
        }
        if hired_ago < 365 && pct(rng, 15) {
            tags.push("temp-to-perm".into());
        }
        if hired_ago > 1095 && pct(rng, 5) {
            tags.push("trainer".into());
        }
    }
    if languages.contains(',') {
        tags.push("bilingual".into());
    }

    let notes = if pct(rng, 25) {
        talk::fill(pick(rng, talk::WORKER_NOTES), dept_name, shift_name)
    } else {
        String::new()
    };
    let mut phones = Vec::new();
    if pct(rng, 92) {
        phones.push(phone(rng));
        if pct(rng, 10) {
            phones.push(phone(rng));
        }
    }
    let given = ascii(first);
    let family = ascii(&last);
    let mut emails = Vec::new();
    if pct(rng, 55) {
        let domain = if rng.gen_bool(0.5) {
            "example.org"
        } else {
            "example.com"
        };
        emails.push(match rng.gen_range(0..3) {
            0 => format!("{given}.{family}@{domain}"),
            1 => format!(
                "{given}{}{}@{domain}",
                &family[..1.min(family.len())],
                rng.gen_range(10..100)
            ),
            _ => format!("{given}{family}{}@{domain}", rng.gen_range(1..1000)),
        });
    }
    // A few gave their work address: the app warns that the employer reads it.
    if is_supervisor || pct(rng, 3) {
        emails.push(format!("{given}.{family}@{EMPLOYER_DOMAIN}"));
    }
    let address = if pct(rng, 60) {
        let apt = if pct(rng, 40) {
            format!(", Apt {}", rng.gen_range(1..40))
        } else {
            String::new()
        };
        format!(
            "{} {}{apt}, Riverside",
            rng.gen_range(100..9900),
            pick(rng, names::STREETS)
        )
    } else {
        String::new()
    };

    let covered = !uncovered.contains(&(dept, shift));
    let assessment = if is_supervisor {
        None
    } else {
        let table = if covered {
            &ASSESSMENT_COVERED
        } else {
            &ASSESSMENT_UNCOVERED
        };
        match weighted(rng, table) {
            0 => None,
            v => Some(v as u8),
        }
    };
    let card = !is_supervisor
        && hired_ago > 21
        && pct(rng, CARD_CHANCE[usize::from(assessment.unwrap_or(0))]);
    let since = start.max(hired + Duration::days(14));
    let committee_from =
        (assessment == Some(1) && covered && status == WorkerStatus::Active && hired_ago > 30)
            .then(|| day_between(rng, since, today - Duration::days(7)));
    let former_committee = (assessment == Some(2) && covered && hired_ago > 120 && pct(rng, 4))
        .then(|| {
            let from = day_between(rng, since, today - Duration::days(60));
            (
                from,
                day_between(rng, from + Duration::days(20), today - Duration::days(7)),
            )
        });

    Plan {
        input: WorkerInput {
            employee_id: Some(format!("NG{:06}", 100_000 + (index * 7919) % 900_000)),
            legal_name,
            preferred_name,
            pronouns,
            phones,
            emails,
            address,
            department: dept_name.into(),
            shift: shift_name.into(),
            job_title: job_title.into(),
            hire_date: Some(dates::fmt(hired)),
            languages: languages.into(),
            notes,
            tags,
            custom: Default::default(),
            is_supervisor,
            card_signed_on: None,
            status,
        },
        dept,
        shift,
        hired,
        assessment,
        card,
        committee_from,
        former_committee,
    }
}

/// The display name (preferred, else legal).
fn name_of(input: &WorkerInput) -> &str {
    if input.preferred_name.is_empty() {
        &input.legal_name
    } else {
        &input.preferred_name
    }
}

/// A worker's history: a first read, then 1–4 conversations; 1–3 of them reassess, drifting to
/// the current value `current`.
fn plan_talks(
    rng: &mut ChaCha8Rng,
    plan: &Plan,
    current: u8,
    today: NaiveDate,
    start: NaiveDate,
    organizers: &[String],
) -> (FirstRead, Vec<Talk>) {
    let (dept, shift) = (DEPARTMENTS[plan.dept].0, SHIFTS[plan.shift]);
    let window = start.max(plan.hired + Duration::days(3)).min(today);
    let span = (today - window).num_days();
    // Recent contact is likelier: the last talk is on average a month ago.
    let last_ago = ((-(1.0 - rng.gen::<f64>()).ln() * 30.0) as i64).min(span);
    let last = today - Duration::days(last_ago);
    let n = 1 + weighted(rng, &[35, 30, 20, 15]);
    let mut days: Vec<NaiveDate> = (0..n - 1).map(|_| day_between(rng, window, last)).collect();
    days.push(last);
    days.sort();

    // Earlier values, walking back from the current one: most people moved toward the union.
    let h = rng.gen_range(1..=3).min(n);
    let mut values = vec![current];
    for _ in 0..h {
        let v = i32::from(*values.last().expect("one value"));
        let up = match current {
            1 | 2 => [70, 20, 10],
            3 => [40, 30, 30],
            _ => [25, 35, 40],
        };
        let step = [1, 0, -1][weighted(rng, &up)];
        values.push((v + step).clamp(1, 5) as u8);
    }
    values.reverse();
    let mut chosen = rand::seq::index::sample(rng, n, h).into_vec();
    chosen.sort_unstable();

    let first_on = (days[0] - Duration::days(rng.gen_range(1..=20))).max(plan.hired.min(days[0]));
    let first = FirstRead {
        on: first_on,
        value: values[0],
        reason: pick(rng, talk::FIRST_READS),
        by: pick(rng, names::STAFF_ORGANIZERS),
    };
    let own_name = name_of(&plan.input);
    let mut current_value = values[0];
    let mut next_value = 1;
    let mut talks = Vec::with_capacity(n);
    for (j, held_on) in days.into_iter().enumerate() {
        let before = current_value;
        let after = if chosen.contains(&j) {
            let v = values[next_value];
            next_value += 1;
            current_value = v;
            Some(v)
        } else {
            None
        };
        let weights = &talk::ISSUE_WEIGHTS[plan.dept];
        let primary = weighted(rng, weights);
        let mut issues = vec![talk::ISSUES[primary]];
        let mut notes = talk::fill(pick(rng, talk::ISSUE_NOTES[primary]), dept, shift);
        if pct(rng, 40) {
            let second = weighted(rng, weights);
            if second != primary {
                issues.push(talk::ISSUES[second]);
                if pct(rng, 50) {
                    notes.push(' ');
                    notes.push_str(&talk::fill(
                        pick(rng, talk::ISSUE_NOTES[second]),
                        dept,
                        shift,
                    ));
                }
            }
        }
        let asks = match before {
            1 => talk::ASKS_LEADER,
            2 if pct(rng, 30) => talk::ASKS_LEADER,
            2 => talk::ASKS_SUPPORTER,
            3 if pct(rng, 50) => talk::ASKS_SUPPORTER,
            _ => talk::ASKS_EARLY,
        };
        let said_no = matches!(after, Some(a) if a > before);
        let answers = match after {
            Some(a) if a < before => talk::ANSWERS_YES,
            Some(a) if a > before => talk::ANSWERS_NO,
            None if pct(rng, 30) => talk::ANSWERS_YES,
            _ => talk::ANSWERS_MAYBE,
        };
        let next_step = talk::fill(
            pick(
                rng,
                if said_no {
                    talk::NEXT_STEPS_NO
                } else {
                    talk::NEXT_STEPS
                },
            ),
            dept,
            shift,
        );
        let is_last = j == n - 1;
        let (follow_up, done) = if !is_last {
            let f = held_on + Duration::days(rng.gen_range(3..=14));
            (Some(f), f <= today)
        } else if (said_no && pct(rng, 50)) || pct(rng, 12) {
            (None, false)
        } else {
            let f = held_on + Duration::days(rng.gen_range(2..=21));
            (Some(f), f < today && pct(rng, 70))
        };
        let mut organizer = if pct(rng, 65) || organizers.len() <= names::STAFF_ORGANIZERS.len() {
            pick(rng, names::STAFF_ORGANIZERS).to_string()
        } else {
            organizers[rng.gen_range(names::STAFF_ORGANIZERS.len()..organizers.len())].clone()
        };
        if organizer == own_name {
            organizer = names::STAFF_ORGANIZERS[0].to_string();
        }
        talks.push(Talk {
            held_on,
            time: format!("{:02}:{:02}:00", 10 + 3 * (j % 4), rng.gen_range(0..60)),
            organizer,
            place: pick(rng, talk::PLACES),
            issues,
            ask: talk::fill(pick(rng, asks), dept, shift),
            answer: talk::fill(pick(rng, answers), dept, shift),
            before,
            after,
            next_step,
            follow_up,
            done,
            notes,
        });
    }
    (first, talks)
}

fn fill(conn: &mut Connection, campaign_id: i64, opts: &DemoOptions) -> Result<DemoSummary> {
    let today = opts.today;
    let start = today - Duration::days(CAMPAIGN_DAYS);
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);

    // The cells the committee does not reach yet (never the biggest, Picking × Day).
    let cells: Vec<(usize, usize)> = (0..DEPARTMENTS.len())
        .flat_map(|d| (0..SHIFTS.len()).map(move |s| (d, s)))
        .filter(|&c| c != (2, 0))
        .collect();
    let uncovered: Vec<(usize, usize)> =
        rand::seq::index::sample(&mut rng, cells.len(), UNCOVERED_CELLS)
            .into_iter()
            .map(|i| cells[i])
            .collect();

    let mut plans: Vec<Plan> = (0..opts.workers)
        .map(|i| plan_worker(&mut rng, i, today, start, &uncovered))
        .collect();
    // Committee members log 1-on-1s too.
    let mut organizers: Vec<String> = names::STAFF_ORGANIZERS
        .iter()
        .map(|s| s.to_string())
        .collect();
    organizers.extend(
        plans
            .iter()
            .filter(|p| p.committee_from.is_some())
            .take(8)
            .map(|p| name_of(&p.input).to_string()),
    );

    let mut summary = DemoSummary {
        campaign_id,
        workers: 0,
        conversations: 0,
        committee: 0,
        cards: 0,
        relationships: 0,
        incidents: 0,
        affidavits: 0,
    };
    let tx = conn.transaction()?;
    let people = {
        let mut insert_conversation = tx.prepare_cached(
            "INSERT INTO conversation (worker_id, held_on, organizer, place, issues, ask, answer, assessment_before,
                assessment_after, next_step, follow_up_on, follow_up_done, notes, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        let mut insert_assessment = tx.prepare_cached(
            "INSERT INTO assessment (worker_id, value, assessed_at, assessed_by, reason, conversation_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let created_at = dates::now();
        let mut ids = Vec::with_capacity(plans.len());
        for plan in &mut plans {
            let history = plan
                .assessment
                .map(|current| plan_talks(&mut rng, plan, current, today, start, &organizers));
            if plan.card {
                let hired_ago = (today - plan.hired).num_days();
                // Some signed in an earlier drive, over a year ago: stale now.
                let signed = if hired_ago > 420 && pct(&mut rng, 15) {
                    day_between(
                        &mut rng,
                        (today - Duration::days(600)).max(plan.hired + Duration::days(30)),
                        today - Duration::days(380),
                    )
                } else if let Some(t) = history.as_ref().and_then(|(_, talks)| {
                    talks.iter().find(|t| matches!(t.after, Some(a) if a <= 2))
                }) {
                    t.held_on
                } else {
                    day_between(&mut rng, start.max(plan.hired + Duration::days(7)), today)
                };
                plan.input.card_signed_on = Some(dates::fmt(signed.min(today)));
                summary.cards += 1;
            }
            let id = store::insert(&tx, campaign_id, &plan.input)?;
            ids.push(id);
            summary.workers += 1;
            if let Some((first, talks)) = history {
                insert_assessment.execute(params![
                    id,
                    first.value,
                    format!("{}T09:00:00Z", dates::fmt(first.on)),
                    first.by,
                    first.reason,
                    None::<i64>
                ])?;
                for t in talks {
                    let held_on = dates::fmt(t.held_on);
                    insert_conversation.execute(params![
                        id,
                        held_on,
                        t.organizer,
                        t.place,
                        serde_json::to_string(&t.issues).unwrap_or_default(),
                        t.ask,
                        t.answer,
                        t.before,
                        t.after,
                        t.next_step,
                        t.follow_up.map(dates::fmt),
                        t.done,
                        t.notes,
                        created_at
                    ])?;
                    let conversation_id = tx.last_insert_rowid();
                    summary.conversations += 1;
                    if let Some(after) = t.after {
                        insert_assessment.execute(params![
                            id,
                            after,
                            format!("{held_on}T{}Z", t.time),
                            t.organizer,
                            "1-on-1",
                            conversation_id
                        ])?;
                    }
                }
            }
            if let Some(from) = plan.committee_from {
                store::join_committee(&tx, id, &dates::fmt(from))?;
                summary.committee += 1;
            }
            if let Some((from, to)) = plan.former_committee {
                store::join_committee(&tx, id, &dates::fmt(from))?;
                store::leave_committee(&tx, id, &dates::fmt(to))?;
            }
        }

        // The relationship graph, from its own stream of the seed: the workers above stay the
        // same whatever the graph draws.
        let mut graph_rng = ChaCha8Rng::seed_from_u64(opts.seed);
        graph_rng.set_stream(1);
        let people: Vec<graph::Person> = plans
            .iter()
            .map(|p| graph::Person {
                dept: p.dept,
                shift: p.shift,
                hired: p.hired,
                supervisor: p.input.is_supervisor,
                gone: p.input.status == WorkerStatus::Left,
                languages: &p.input.languages,
                has_address: !p.input.address.is_empty(),
            })
            .collect();
        let mut insert_relationship = tx.prepare_cached(
            "INSERT INTO relationship (worker_a, worker_b, kind, strength, since, notes, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for e in graph::plan(&mut graph_rng, &people, today) {
            let (a, b) = relationship::normalize(e.kind, ids[e.a], ids[e.b]);
            insert_relationship.execute(params![
                a,
                b,
                e.kind.as_str(),
                e.strength,
                e.since.map(dates::fmt),
                e.notes,
                created_at
            ])?;
            summary.relationships += 1;
        }
        // Incidents with their evidence, then affidavit drafts about them: each generator draws from
        // its own stream of the seed, so nothing above changes.
        People {
            campaign_id,
            today,
            seed: opts.seed,
            workers: plans
                .iter()
                .zip(&ids)
                .filter(|(p, _)| !p.input.is_supervisor && p.input.status == WorkerStatus::Active)
                .map(|(_, &id)| id)
                .collect(),
            supervisors: plans
                .iter()
                .zip(&ids)
                .filter(|(p, _)| p.input.is_supervisor)
                .map(|(_, &id)| id)
                .collect(),
        }
    };
    summary.incidents = incidents::add(&tx, &people)?;
    summary.affidavits = affidavits::add(&tx, &people)?;
    // The campaign plan (milestones, the action ladder with participation, tasks), last.
    plan::add(&tx, &people)?;
    tx.commit()?;
    Ok(summary)
}
