//! The progress report for a period: headline numbers at its end against its start, the goals
//! per department and shift, the weekly chart, support per department, wins and setbacks, and the
//! next steps; and the CSV of its numbers. [`super::report_pdf`] lays it out as a PDF.
//!
//! Workers' (and organizers') names are left out unless the request opts in: without names, every
//! name in the report is blanked at the source, and task titles tied to a worker are replaced by a
//! neutral description, so no renderer can print one.

use super::dashboard::{breakdown, open_items};
use super::goals;
use super::ladder;
use super::milestones;
use super::model::*;
use super::series;
use super::snapshot::Snapshot;
use super::tasks;
use super::thresholds;
use crate::error::{Error, Result};
use crate::workers::{campaign, dates};
use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

/// The report's words, in the language asked for.
pub(crate) struct Words {
    pub title: &'static str,
    pub period: &'static str,
    pub generated: &'static str,
    pub not_encrypted: &'static str,
    pub headline: &'static str,
    pub at_start: &'static str,
    pub at_end: &'static str,
    pub of_unit: &'static str,
    pub needed: &'static str,
    pub goals: &'static str,
    pub unit: &'static str,
    pub departments: &'static str,
    pub shifts: &'static str,
    pub chart_title: &'static str,
    pub chart_cards: &'static str,
    pub chart_supporters: &'static str,
    pub support_title: &'static str,
    pub unassessed: &'static str,
    pub wins: &'static str,
    pub setbacks: &'static str,
    pub none: &'static str,
    pub next_steps: &'static str,
    pub overdue: &'static str,
    pub met: &'static str,
    pub page: &'static str,
    pub figure_unit: &'static str,
    pub figure_cards: &'static str,
    pub figure_supporters: &'static str,
    pub figure_assessed: &'static str,
    pub figure_committee: &'static str,
    pub goal_committee: &'static str,
    pub goal_assessed: &'static str,
    pub goal_majority: &'static str,
    pub goal_soi: &'static str,
    pub goal_card_majority: &'static str,
    pub goal_card_target: &'static str,
    pub task_for_coworker: &'static str,
    pub stale_note: &'static str,
}

pub(crate) fn words(lang: ReportLanguage) -> Words {
    match lang {
        ReportLanguage::En => Words {
            title: "Progress report",
            period: "Period",
            generated: "Generated",
            not_encrypted: "Confidential: this file is not encrypted. Share it only with people who need it; delete it when done.",
            headline: "Headline numbers",
            at_start: "At start",
            at_end: "At end",
            of_unit: "of the unit",
            needed: "Needed",
            goals: "Goals at the end of the period",
            unit: "Whole unit",
            departments: "Departments",
            shifts: "Shifts",
            chart_title: "Cards and supporters, week by week",
            chart_cards: "Cards",
            chart_supporters: "Assessed 1–2",
            support_title: "Support by department (workers per assessment)",
            unassessed: "not assessed",
            wins: "Wins",
            setbacks: "Setbacks",
            none: "None in this period.",
            next_steps: "Next steps",
            overdue: "overdue",
            met: "met",
            page: "Page",
            figure_unit: "Workers in the unit",
            figure_cards: "Cards signed",
            figure_supporters: "Assessed 1–2 (supporters)",
            figure_assessed: "Workers assessed",
            figure_committee: "Committee members",
            goal_committee: "Committee, 1 per 10",
            goal_assessed: "Everyone assessed",
            goal_majority: "Majority assessed 1–2",
            goal_soi: "Cards, 30% (petition)",
            goal_card_majority: "Cards, more than 50%",
            goal_card_target: "Cards, campaign target",
            task_for_coworker: "Task with a coworker",
            stale_note: "Stale cards are left out of the card counts.",
        },
        ReportLanguage::Es => Words {
            title: "Informe de avance",
            period: "Periodo",
            generated: "Generado",
            not_encrypted: "Confidencial: este archivo no está cifrado. Compártalo solo con quien lo necesite y bórrelo al terminar.",
            headline: "Cifras principales",
            at_start: "Al inicio",
            at_end: "Al final",
            of_unit: "de la unidad",
            needed: "Se necesitan",
            goals: "Metas al final del periodo",
            unit: "Toda la unidad",
            departments: "Departamentos",
            shifts: "Turnos",
            chart_title: "Tarjetas y simpatizantes, semana a semana",
            chart_cards: "Tarjetas",
            chart_supporters: "Evaluados 1–2",
            support_title: "Apoyo por departamento (compañeros por evaluación)",
            unassessed: "sin evaluar",
            wins: "Logros",
            setbacks: "Retrocesos",
            none: "Ninguno en este periodo.",
            next_steps: "Próximos pasos",
            overdue: "atrasado",
            met: "cumplida",
            page: "Página",
            figure_unit: "Compañeros en la unidad",
            figure_cards: "Tarjetas firmadas",
            figure_supporters: "Evaluados 1–2 (simpatizantes)",
            figure_assessed: "Compañeros evaluados",
            figure_committee: "Miembros del comité",
            goal_committee: "Comité, 1 por cada 10",
            goal_assessed: "Todos evaluados",
            goal_majority: "Mayoría evaluada 1–2",
            goal_soi: "Tarjetas, 30% (petición)",
            goal_card_majority: "Tarjetas, más del 50%",
            goal_card_target: "Tarjetas, meta de la campaña",
            task_for_coworker: "Tarea con un compañero",
            stale_note: "Las tarjetas vencidas no se cuentan.",
        },
    }
}

impl Words {
    pub fn goal(&self, g: GoalKind) -> &'static str {
        match g {
            GoalKind::CommitteeCoverage => self.goal_committee,
            GoalKind::Assessed => self.goal_assessed,
            GoalKind::MajoritySupport => self.goal_majority,
            GoalKind::ShowingOfInterest => self.goal_soi,
            GoalKind::CardMajority => self.goal_card_majority,
            GoalKind::CardTarget => self.goal_card_target,
        }
    }
}

/// Sentences of wins and setbacks, in both languages.
fn say(lang: ReportLanguage, key: &str, n: usize, extra: &str) -> String {
    let es = lang == ReportLanguage::Es;
    match (key, es) {
        ("cards", false) => format!("{n} card(s) signed"),
        ("cards", true) => format!("{n} tarjeta(s) firmada(s)"),
        ("toward", false) => format!("{n} worker(s) moved toward the union"),
        ("toward", true) => format!("{n} compañero(s) se acercaron al sindicato"),
        ("away", false) => format!("{n} worker(s) moved away from the union"),
        ("away", true) => format!("{n} compañero(s) se alejaron del sindicato"),
        ("joined", false) => format!("{n} joined the committee"),
        ("joined", true) => format!("{n} se unieron al comité"),
        ("left", false) => format!("{n} left the committee"),
        ("left", true) => format!("{n} dejaron el comité"),
        ("stale", false) => format!("{n} card(s) went stale"),
        ("stale", true) => format!("{n} tarjeta(s) vencieron"),
        ("talks", false) => format!("{n} 1-on-1 conversation(s) held"),
        ("talks", true) => format!("{n} conversación(es) 1 a 1"),
        ("milestone", false) => format!("Milestone reached: {extra}"),
        ("milestone", true) => format!("Hito alcanzado: {extra}"),
        ("milestone_late", false) => format!("Milestone missed its date: {extra}"),
        ("milestone_late", true) => format!("Hito sin cumplir a tiempo: {extra}"),
        ("action_met", false) => format!("{extra}: {n} took part, target met"),
        ("action_met", true) => format!("{extra}: participaron {n}, meta cumplida"),
        ("action_short", false) => format!("{extra}: {n} took part, below target"),
        ("action_short", true) => format!("{extra}: participaron {n}, por debajo de la meta"),
        ("action_held", false) => format!("{extra}: {n} took part"),
        ("action_held", true) => format!("{extra}: participaron {n}"),
        ("crossed", false) => format!("Threshold reached: {extra}"),
        ("crossed", true) => format!("Umbral alcanzado: {extra}"),
        ("dropped", false) => format!("Fell below: {extra}"),
        ("dropped", true) => format!("Por debajo de: {extra}"),
        _ => extra.to_string(),
    }
}

fn with_names(text: String, names: &[String], show: bool) -> String {
    if !show || names.is_empty() {
        return text;
    }
    const MAX: usize = 12;
    let mut list = names
        .iter()
        .take(MAX)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > MAX {
        list.push_str(&format!(" (+{})", names.len() - MAX));
    }
    format!("{text}: {list}")
}

fn line(text: String, mut ids: Vec<i64>) -> ReportLine {
    ids.sort_unstable();
    ids.dedup();
    ReportLine {
        text,
        worker_ids: ids,
    }
}

fn parse_day(field: &str, v: &str) -> Result<NaiveDate> {
    dates::day(field, Some(v))?
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .ok_or_else(|| Error::InvalidInput(format!("{field}: a date (YYYY-MM-DD) is required.")))
}

/// Count the workers that meet `keep` in a snapshot.
fn count(snap: &Snapshot, keep: impl Fn(&super::snapshot::UnitWorker) -> bool) -> u32 {
    snap.workers.iter().filter(|w| keep(w)).count() as u32
}

/// Build the report for `request.from ..= request.to` (`to` not after `today`).
pub fn build(
    conn: &Connection,
    request: &ReportRequest,
    today: NaiveDate,
) -> Result<ProgressReport> {
    let from = parse_day("From", &request.from)?;
    let to = parse_day("To", &request.to)?;
    if from > to {
        return Err(Error::InvalidInput(
            "The report's period starts after it ends.".into(),
        ));
    }
    if to > today {
        return Err(Error::InvalidInput(
            "The report's period cannot end after today.".into(),
        ));
    }
    if (to - from).num_weeks() > series::MAX_WEEKS {
        return Err(Error::InvalidInput(format!(
            "A report covers at most {} weeks.",
            series::MAX_WEEKS
        )));
    }
    let campaign_id = request.campaign_id;
    let c = campaign::get(conn, campaign_id)?;
    let lang = request.language;
    let w = words(lang);
    let settings = goals::settings(conn, campaign_id)?;
    let end = Snapshot::as_of(conn, campaign_id, to, today, &settings)?;
    let start = Snapshot::as_of(
        conn,
        campaign_id,
        from - Duration::days(1),
        today,
        &settings,
    )?;
    let unit = end.workers.len() as u32;

    let fig = |key: &str, label: &str, f: &dyn Fn(&Snapshot) -> u32, needed: Option<u32>| {
        let at_end = f(&end);
        ReportFigure {
            key: key.into(),
            label: label.into(),
            at_end,
            at_start: f(&start),
            percent: thresholds::percent(at_end, unit),
            needed,
        }
    };
    let cards = |s: &Snapshot| count(s, |x| s.card_counts(x));
    let supporters = |s: &Snapshot| count(s, |x| matches!(x.assessment, Some(1 | 2)));
    let figures = vec![
        fig("unit", w.figure_unit, &|s| s.workers.len() as u32, None),
        fig(
            "cards",
            w.figure_cards,
            &cards,
            Some(thresholds::percent_of(unit, settings.card_target_percent)),
        ),
        fig(
            "supporters",
            w.figure_supporters,
            &supporters,
            Some(thresholds::more_than_half(unit)),
        ),
        fig(
            "assessed",
            w.figure_assessed,
            &|s| count(s, |x| x.assessment.is_some()),
            Some(unit),
        ),
        fig(
            "committee",
            w.figure_committee,
            &|s| count(s, |x| x.committee),
            Some(thresholds::committee_needed(unit)),
        ),
    ];

    let goals = goals::goals(&end);
    let series = series::series(conn, campaign_id, from, to, &settings)?;
    let departments = breakdown(&end, true);
    let mut changes = super::changes::between(conn, campaign_id, from, to)?;

    // Wins and setbacks.
    let show = request.names;
    let names_of = |refs: &[WorkerRef]| refs.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
    let mut wins = Vec::new();
    let mut setbacks = Vec::new();
    if !changes.cards_signed.is_empty() {
        let r = &changes.cards_signed;
        wins.push(line(
            with_names(say(lang, "cards", r.len(), ""), &names_of(r), show),
            r.iter().map(|x| x.id).collect(),
        ));
    }
    let toward: Vec<&AssessmentChange> = changes
        .assessments
        .iter()
        .filter(|a| match (a.from, a.to) {
            (_, None) => false,
            (None, Some(t)) => t <= 2,
            (Some(f), Some(t)) => t < f,
        })
        .collect();
    let away: Vec<&AssessmentChange> = changes
        .assessments
        .iter()
        .filter(|a| match (a.from, a.to) {
            (Some(_), None) => true,
            (None, Some(t)) => t >= 4,
            (Some(f), Some(t)) => t > f,
            (None, None) => false,
        })
        .collect();
    let moved = |list: &[&AssessmentChange]| {
        list.iter()
            .map(|a| {
                let v = |x: Option<u8>| x.map_or("–".to_string(), |x| x.to_string());
                format!("{} {}→{}", a.worker.name, v(a.from), v(a.to))
            })
            .collect::<Vec<_>>()
    };
    if !toward.is_empty() {
        wins.push(line(
            with_names(say(lang, "toward", toward.len(), ""), &moved(&toward), show),
            toward.iter().map(|a| a.worker.id).collect(),
        ));
    }
    if !away.is_empty() {
        setbacks.push(line(
            with_names(say(lang, "away", away.len(), ""), &moved(&away), show),
            away.iter().map(|a| a.worker.id).collect(),
        ));
    }
    if !changes.committee_joined.is_empty() {
        let r = &changes.committee_joined;
        wins.push(line(
            with_names(say(lang, "joined", r.len(), ""), &names_of(r), show),
            r.iter().map(|x| x.id).collect(),
        ));
    }
    if !changes.committee_left.is_empty() {
        let r = &changes.committee_left;
        setbacks.push(line(
            with_names(say(lang, "left", r.len(), ""), &names_of(r), show),
            r.iter().map(|x| x.id).collect(),
        ));
    }
    if changes.conversations > 0 {
        wins.push(line(
            say(lang, "talks", changes.conversations as usize, ""),
            changes.talked_to.worker_ids.clone(),
        ));
    }
    if settings.exclude_stale_cards {
        let start_by = start.by_id();
        let stale: Vec<&super::snapshot::UnitWorker> = end
            .workers
            .iter()
            .filter(|x| {
                x.card_signed_on.is_some()
                    && x.card_stale
                    && start_by.get(&x.id).is_some_and(|s| start.card_counts(s))
            })
            .collect();
        if !stale.is_empty() {
            setbacks.push(line(
                with_names(
                    say(lang, "stale", stale.len(), ""),
                    &stale.iter().map(|x| x.name.clone()).collect::<Vec<_>>(),
                    show,
                ),
                stale.iter().map(|x| x.id).collect(),
            ));
        }
    }
    for m in &changes.milestones_reached {
        wins.push(line(say(lang, "milestone", 0, &m.title), vec![]));
    }
    let all_milestones = milestones::list(conn, campaign_id, &goals, today)?;
    let (from_s, to_s) = (dates::fmt(from), dates::fmt(to));
    for m in &all_milestones {
        let due_in = m
            .target_on
            .as_deref()
            .is_some_and(|t| t >= from_s.as_str() && t <= to_s.as_str());
        let late = m
            .done_on
            .as_deref()
            .is_none_or(|d| Some(d) > m.target_on.as_deref());
        if due_in && late {
            setbacks.push(line(say(lang, "milestone_late", 0, &m.title), vec![]));
        }
    }
    let actions = ladder::list(conn, campaign_id, ladder::unit_size(conn, campaign_id)?)?;
    for a in actions.iter().filter(|a| {
        a.status == ActionStatus::Done
            && a.held_on
                .as_deref()
                .is_some_and(|h| h >= from_s.as_str() && h <= to_s.as_str())
    }) {
        let n = a.funnel.took_part.count as usize;
        let text = format!("{} ({n}/{})", a.title, a.target);
        let ids = a.funnel.took_part.worker_ids.clone();
        if a.target == 0 {
            wins.push(line(say(lang, "action_held", n, &a.title), ids));
        } else if a.target_met {
            wins.push(line(say(lang, "action_met", n, &text), ids));
        } else {
            setbacks.push(line(say(lang, "action_short", n, &text), ids));
        }
    }
    for goal in [
        GoalKind::ShowingOfInterest,
        GoalKind::CardMajority,
        GoalKind::CardTarget,
        GoalKind::MajoritySupport,
    ] {
        let needed = thresholds::needed(goal, unit, settings.card_target_percent);
        let (a, b) = if goal == GoalKind::MajoritySupport {
            (supporters(&start), supporters(&end))
        } else {
            (cards(&start), cards(&end))
        };
        let label = w.goal(goal);
        if needed > 0 && a < needed && b >= needed {
            wins.push(line(say(lang, "crossed", 0, label), vec![]));
        } else if needed > 0 && a >= needed && b < needed {
            setbacks.push(line(say(lang, "dropped", 0, label), vec![]));
        }
    }

    // Next steps: the plan's open items today.
    let tasks_list = tasks::list(conn, campaign_id, today)?;
    let mut next_steps = open_items(&all_milestones, &actions, &tasks_list, today);
    next_steps.truncate(8);

    if !show {
        blank_names(&mut changes);
        for s in &mut next_steps {
            s.owner.clear();
            if s.kind == PlanItemKind::Task && s.worker_id.is_some() {
                s.title = w.task_for_coworker.to_string();
            }
        }
    }

    Ok(ProgressReport {
        campaign_id,
        campaign_name: c.name,
        from: from_s,
        to: to_s,
        generated_on: dates::fmt(today),
        names: show,
        language: lang,
        unit,
        figures,
        goals,
        series,
        departments,
        changes,
        wins,
        setbacks,
        next_steps,
    })
}

fn blank_names(c: &mut PlanChanges) {
    for r in c
        .cards_signed
        .iter_mut()
        .chain(c.committee_joined.iter_mut())
        .chain(c.committee_left.iter_mut())
    {
        r.name.clear();
    }
    for a in &mut c.assessments {
        a.worker.name.clear();
        a.reason.clear();
    }
}

/// A text cell a spreadsheet will not run as a formula.
fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The report's numbers as CSV (UTF-8 with a BOM): `section,scope,group,metric,value`, one number
/// per row. No names, ever.
pub fn csv(r: &ProgressReport) -> Result<String> {
    let mut out = Vec::from(&b"\xEF\xBB\xBF"[..]);
    {
        let mut wr = csv::Writer::from_writer(&mut out);
        let err = |e: csv::Error| Error::InvalidInput(format!("Could not write the CSV: {e}"));
        wr.write_record(["section", "scope", "group", "metric", "value"])
            .map_err(err)?;
        let mut row = |section: &str, scope: &str, group: &str, metric: &str, value: String| {
            wr.write_record([section, scope, &cell(group), metric, &value])
                .map_err(err)
        };
        row("period", "unit", "", "from", r.from.clone())?;
        row("period", "unit", "", "to", r.to.clone())?;
        for f in &r.figures {
            row(
                "headline",
                "unit",
                "",
                &format!("{}_at_start", f.key),
                f.at_start.to_string(),
            )?;
            row(
                "headline",
                "unit",
                "",
                &format!("{}_at_end", f.key),
                f.at_end.to_string(),
            )?;
            row(
                "headline",
                "unit",
                "",
                &format!("{}_percent", f.key),
                f.percent.to_string(),
            )?;
            if let Some(n) = f.needed {
                row(
                    "headline",
                    "unit",
                    "",
                    &format!("{}_needed", f.key),
                    n.to_string(),
                )?;
            }
        }
        for g in &r.goals {
            let scopes = std::iter::once(("unit", &g.unit))
                .chain(g.departments.iter().map(|p| ("department", p)))
                .chain(g.shifts.iter().map(|p| ("shift", p)));
            for (scope, p) in scopes {
                let k = g.kind.as_str();
                row(
                    "goal",
                    scope,
                    &p.name,
                    &format!("{k}_total"),
                    p.total.to_string(),
                )?;
                row(
                    "goal",
                    scope,
                    &p.name,
                    &format!("{k}_counted"),
                    p.counted.count.to_string(),
                )?;
                row(
                    "goal",
                    scope,
                    &p.name,
                    &format!("{k}_needed"),
                    p.needed.to_string(),
                )?;
                row(
                    "goal",
                    scope,
                    &p.name,
                    &format!("{k}_met"),
                    u8::from(p.met).to_string(),
                )?;
            }
        }
        for d in &r.departments {
            row(
                "support",
                "department",
                &d.name,
                "total",
                d.total.to_string(),
            )?;
            for (v, f) in d.by_value.iter().enumerate() {
                let metric = if v == 0 {
                    "unassessed".to_string()
                } else {
                    format!("assessed_{v}")
                };
                row(
                    "support",
                    "department",
                    &d.name,
                    &metric,
                    f.count.to_string(),
                )?;
            }
            row(
                "support",
                "department",
                &d.name,
                "cards",
                d.cards.count.to_string(),
            )?;
            row(
                "support",
                "department",
                &d.name,
                "committee",
                d.committee.count.to_string(),
            )?;
        }
        for p in &r.series.points {
            row(
                "series",
                "unit",
                &p.day,
                "supporters",
                p.supporters.to_string(),
            )?;
            row("series", "unit", &p.day, "assessed", p.assessed.to_string())?;
            row("series", "unit", &p.day, "cards", p.cards.to_string())?;
            row(
                "series",
                "unit",
                &p.day,
                "committee",
                p.committee.to_string(),
            )?;
        }
        let c = &r.changes;
        for (metric, n) in [
            ("cards_signed", c.cards_signed.len() as u32),
            ("assessments_changed", c.assessments.len() as u32),
            ("reassessed", c.reassessed.count),
            ("committee_joined", c.committee_joined.len() as u32),
            ("committee_left", c.committee_left.len() as u32),
            ("conversations", c.conversations),
            ("relationships_added", c.relationships_added),
            ("actions_held", c.actions_held.len() as u32),
            ("milestones_reached", c.milestones_reached.len() as u32),
        ] {
            row("changes", "unit", "", metric, n.to_string())?;
        }
        wr.flush().map_err(|e| Error::io("write", "CSV", e))?;
    }
    String::from_utf8(out).map_err(|e| Error::InvalidInput(format!("CSV: {e}")))
}

/// The name a save dialog proposes: unremarkable (no one's name, no campaign name).
pub fn file_name(request: &ReportRequest) -> String {
    format!(
        "progress-report-{}-to-{}.pdf",
        request.from.trim(),
        request.to.trim()
    )
}

/// Write a report file to `path` (temporary name, fsync, rename), adding `.{ext}` when the name
/// lacks it. Returns the path written. The file is NOT encrypted.
pub fn write(path: &std::path::Path, ext: &str, bytes: &[u8]) -> Result<std::path::PathBuf> {
    let path = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    {
        path.to_path_buf()
    } else {
        let mut p = path.as_os_str().to_os_string();
        p.push(".");
        p.push(ext);
        std::path::PathBuf::from(p)
    };
    crate::fsutil::atomic_write(&path, bytes)?;
    Ok(path)
}
