//! The demo's relationship graph: who works with, knows, carpools with, mentors, influences and
//! supervises whom. About five relationships per worker, shaped like a real workplace:
//!
//! - **same crew**: each department × shift cell is split into crews of 4–8 who all know each
//!   other (the dense local clusters);
//! - **friends** across crews and cells (same language, same department on another shift, same
//!   shift in another department), with a few very social people drawing many ties;
//! - **family** pairs (mostly sharing a language) and **carpool** groups of 2–3 on a shift;
//! - **mentor**: long-tenured workers → new hires in their department;
//! - **supervises**: each worker in a cell → one of that cell's supervisors (never outside it);
//! - **influence** from informal leaders: high-tenure, well-connected workers (whatever their
//!   assessment) sway their ties and a few others in their department.
//!
//! Workers who left have no ties. Everything is drawn from the caller's RNG, in a fixed order, so
//! the same seed gives the same edges.

use super::{day_between, pct, weighted, DEPARTMENTS, SHIFTS};
use crate::workers::relationship::RelationshipKind;
use chrono::{Duration, NaiveDate};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, HashSet};

/// What the graph needs to know about a planned worker.
pub(super) struct Person<'a> {
    pub dept: usize,
    pub shift: usize,
    pub hired: NaiveDate,
    pub supervisor: bool,
    /// Left the employer: no ties.
    pub gone: bool,
    pub languages: &'a str,
    pub has_address: bool,
}

/// One planned relationship between two workers (indices into the plan).
pub(super) struct Edge {
    pub a: usize,
    pub b: usize,
    pub kind: RelationshipKind,
    pub strength: u8,
    pub since: Option<NaiveDate>,
    pub notes: &'static str,
}

/// Crews are 4–8 people; a cell's last few join the crew before them.
const CREW_SIZES: std::ops::RangeInclusive<usize> = 4..=7;
/// Friendships each worker starts (0, 1, 2, …), before the very social add more.
const FRIENDS_STARTED: &[u32] = &[34, 34, 20, 9, 3];
/// Percent of workers with a family member in the unit; percent who carpool.
const FAMILY_PCT: u32 = 5;
const CARPOOL_PCT: u32 = 22;
/// Percent of new hires (under a year) with a mentor.
const MENTORED_PCT: u32 = 45;
/// Informal leaders: this share (per thousand) of the workforce, with at least two years in.
const LEADERS_PER_THOUSAND: usize = 30;
const LEADER_MIN_DAYS: i64 = 730;

const FAMILY_NOTES: &[&str] = &[
    "",
    "",
    "Siblings",
    "Cousins",
    "Married",
    "In-laws",
    "Parent and child",
    "Cousins; same church",
];
const CARPOOL_NOTES: &[&str] = &[
    "",
    "",
    "",
    "Ride in together",
    "Share gas money",
    "Same bus stop",
];
const FRIEND_NOTES: &[&str] = &[
    "",
    "",
    "",
    "",
    "",
    "",
    "Lunch together",
    "Soccer on Sundays",
    "Worked together at the old DC",
    "Same neighborhood",
    "Smoke break crew",
];

struct Graph {
    edges: Vec<Edge>,
    seen: HashSet<(usize, usize, RelationshipKind)>,
}

impl Graph {
    /// Add an edge unless it is a self tie or already there (symmetric kinds in either order).
    fn add(
        &mut self,
        a: usize,
        b: usize,
        kind: RelationshipKind,
        strength: u8,
        since: Option<NaiveDate>,
        notes: &'static str,
    ) -> bool {
        if a == b {
            return false;
        }
        let key = if !kind.is_directed() && a > b {
            (b, a, kind)
        } else {
            (a, b, kind)
        };
        if !self.seen.insert(key) {
            return false;
        }
        self.edges.push(Edge {
            a,
            b,
            kind,
            strength,
            since,
            notes,
        });
        true
    }
}

/// A strength of 1–3 with the given weights.
fn strength(rng: &mut ChaCha8Rng, weights: &[u32; 3]) -> u8 {
    1 + weighted(rng, weights) as u8
}

/// The day two people could first have met at work: after both were hired, up to `spread` days.
fn met(rng: &mut ChaCha8Rng, a: &Person, b: &Person, spread: i64, today: NaiveDate) -> NaiveDate {
    let from = a.hired.max(b.hired).min(today);
    day_between(rng, from, (from + Duration::days(spread)).min(today))
}

pub(super) fn plan(rng: &mut ChaCha8Rng, people: &[Person], today: NaiveDate) -> Vec<Edge> {
    let n = people.len();
    let mut g = Graph {
        edges: Vec::with_capacity(n * 6),
        seen: HashSet::with_capacity(n * 6),
    };
    let cell_of = |p: &Person| p.dept * SHIFTS.len() + p.shift;
    let cells = DEPARTMENTS.len() * SHIFTS.len();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); cells];
    let mut supervisors: Vec<Vec<usize>> = vec![Vec::new(); cells];
    let mut by_dept: Vec<Vec<usize>> = vec![Vec::new(); DEPARTMENTS.len()];
    let mut by_shift: Vec<Vec<usize>> = vec![Vec::new(); SHIFTS.len()];
    let mut by_language: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, p) in people.iter().enumerate().filter(|(_, p)| !p.gone) {
        if p.supervisor {
            supervisors[cell_of(p)].push(i);
            continue;
        }
        members[cell_of(p)].push(i);
        by_dept[p.dept].push(i);
        by_shift[p.shift].push(i);
        by_language.entry(p.languages).or_default().push(i);
    }
    // How social each worker is (0–99): friendships lean toward the more social of two people.
    let social: Vec<u32> = (0..n).map(|_| rng.gen_range(0..100)).collect();

    // Crews inside each cell, everyone in a crew tied to everyone else in it.
    let mut crew_of = vec![usize::MAX; n];
    let mut crews = 0;
    for cell in &members {
        let mut cell = cell.clone();
        cell.shuffle(rng);
        let mut rest = &cell[..];
        while !rest.is_empty() {
            let size = if rest.len() <= *CREW_SIZES.end() + 1 {
                rest.len()
            } else {
                rng.gen_range(CREW_SIZES)
            };
            let (crew, tail) = rest.split_at(size);
            for (j, &a) in crew.iter().enumerate() {
                crew_of[a] = crews;
                for &b in &crew[j + 1..] {
                    let s = strength(rng, &[20, 55, 25]);
                    let since = met(rng, &people[a], &people[b], 90, today);
                    g.add(a, b, RelationshipKind::SameCrew, s, Some(since), "");
                }
            }
            crews += 1;
            rest = tail;
        }
    }

    // Friends outside one's crew: same language, same department, or same shift.
    let friend = |rng: &mut ChaCha8Rng, g: &mut Graph, a: usize| {
        let p = &people[a];
        let pool: &[usize] = match rng.gen_range(0..10) {
            0..=3 => by_language.get(p.languages).map_or(&[][..], |v| &v[..]),
            4..=6 => &by_dept[p.dept],
            _ => &by_shift[p.shift],
        };
        for _ in 0..4 {
            if pool.is_empty() {
                return;
            }
            // The more social of two people drawn: a few end up with many friends.
            let (x, y) = (
                pool[rng.gen_range(0..pool.len())],
                pool[rng.gen_range(0..pool.len())],
            );
            let b = if social[x] >= social[y] { x } else { y };
            if b != a && crew_of[b] != crew_of[a] {
                let s = strength(rng, &[30, 45, 25]);
                let since = met(rng, p, &people[b], 400, today);
                let notes = *FRIEND_NOTES.choose(rng).expect("notes");
                if g.add(a, b, RelationshipKind::Friends, s, Some(since), notes) {
                    return;
                }
            }
        }
    };
    for list in &members {
        for &a in list {
            let mut k = weighted(rng, FRIENDS_STARTED);
            if social[a] >= 95 {
                k += rng.gen_range(3..=8);
            }
            for _ in 0..k {
                friend(rng, &mut g, a);
            }
        }
    }

    // Family (mostly sharing a language) and carpools (same shift, people with an address).
    for list in &members {
        for &a in list {
            if !pct(rng, FAMILY_PCT) {
                continue;
            }
            let p = &people[a];
            let pool: &[usize] = if pct(rng, 85) {
                by_language.get(p.languages).map_or(&[][..], |v| &v[..])
            } else {
                &by_shift[p.shift]
            };
            if let Some(&b) = pool.choose(rng) {
                let notes = *FAMILY_NOTES.choose(rng).expect("notes");
                g.add(a, b, RelationshipKind::Family, 3, None, notes);
            }
        }
    }
    for shift in &by_shift {
        let mut riders: Vec<usize> = shift
            .iter()
            .copied()
            .filter(|&i| people[i].has_address)
            .filter(|_| pct(rng, CARPOOL_PCT))
            .collect();
        riders.shuffle(rng);
        let mut rest = &riders[..];
        while rest.len() >= 2 {
            let size = if rest.len() == 3 || (rest.len() > 4 && pct(rng, 35)) {
                3
            } else {
                2
            };
            let (group, tail) = rest.split_at(size);
            let notes = *CARPOOL_NOTES.choose(rng).expect("notes");
            for (j, &a) in group.iter().enumerate() {
                for &b in &group[j + 1..] {
                    let s = strength(rng, &[15, 55, 30]);
                    let since = met(rng, &people[a], &people[b], 200, today);
                    g.add(a, b, RelationshipKind::Carpool, s, Some(since), notes);
                }
            }
            rest = tail;
        }
    }

    // Mentors: a long-tenured coworker (same cell if possible, else the department) → a new hire.
    let veteran = |i: usize| (today - people[i].hired).num_days() > 3 * 365;
    for (cell, list) in members.iter().enumerate() {
        let cell_veterans: Vec<usize> = list.iter().copied().filter(|&i| veteran(i)).collect();
        for &a in list {
            let p = &people[a];
            if (today - p.hired).num_days() >= 365 || !pct(rng, MENTORED_PCT) {
                continue;
            }
            let mentor = if !cell_veterans.is_empty() && pct(rng, 80) {
                cell_veterans.choose(rng).copied()
            } else {
                let dept = &by_dept[cell / SHIFTS.len()];
                (0..6)
                    .map(|_| dept[rng.gen_range(0..dept.len())])
                    .find(|&i| veteran(i))
            };
            if let Some(m) = mentor {
                let since = day_between(rng, p.hired, (p.hired + Duration::days(21)).min(today));
                let s = strength(rng, &[15, 50, 35]);
                g.add(m, a, RelationshipKind::Mentor, s, Some(since), "");
            }
        }
    }

    // Supervisors: each worker in a cell reports to one of the cell's supervisors.
    for (list, bosses) in members.iter().zip(&supervisors) {
        if bosses.is_empty() {
            continue;
        }
        for &a in list {
            let boss = bosses[rng.gen_range(0..bosses.len())];
            let s = strength(rng, &[35, 50, 15]);
            let since = met(rng, &people[boss], &people[a], 30, today);
            g.add(boss, a, RelationshipKind::Supervises, s, Some(since), "");
        }
    }

    // Informal leaders: the best-connected workers with two years in, whatever their assessment.
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in g.edges.iter().filter(|e| {
        !matches!(
            e.kind,
            RelationshipKind::Supervises | RelationshipKind::Mentor
        )
    }) {
        neighbours[e.a].push(e.b);
        neighbours[e.b].push(e.a);
    }
    let mut candidates: Vec<usize> = members
        .iter()
        .flatten()
        .copied()
        .filter(|&i| (today - people[i].hired).num_days() >= LEADER_MIN_DAYS)
        .collect();
    candidates.sort_by_key(|&i| {
        (
            std::cmp::Reverse(neighbours[i].len() * 100 + social[i] as usize),
            i,
        )
    });
    let leaders = (n * LEADERS_PER_THOUSAND)
        .div_ceil(1000)
        .min(candidates.len());
    for &l in &candidates[..leaders] {
        let p = &people[l];
        let mut reach = neighbours[l].clone();
        reach.sort_unstable();
        reach.dedup();
        for b in reach {
            if pct(rng, 65) {
                let s = strength(rng, &[20, 45, 35]);
                let since = met(rng, p, &people[b], 500, today);
                g.add(l, b, RelationshipKind::Influence, s, Some(since), "");
            }
        }
        // Beyond their own ties: others in the department listen to them too.
        let dept = &by_dept[p.dept];
        for _ in 0..rng.gen_range(2..=6) {
            let b = dept[rng.gen_range(0..dept.len())];
            let s = strength(rng, &[50, 40, 10]);
            let since = met(rng, p, &people[b], 500, today);
            g.add(l, b, RelationshipKind::Influence, s, Some(since), "");
        }
    }
    g.edges
}
