//! Map positions: the ones the user saved by dragging (table `map_position`), else a computed
//! layout in which each cluster is a disc, its most influential members at the centre, and the
//! discs are packed in rows, largest first. Deterministic: the same map gives the same picture.

use super::model::MapPosition;
use crate::error::{Error, Result};
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// Distance between neighbouring workers in a disc, in layout units.
pub const SPACING: f64 = 40.0;
/// The golden angle: successive points of a sunflower spiral never line up.
const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;

/// Place groups of items: each group (its items most important first) becomes a sunflower disc;
/// discs are packed in rows, largest first, in a roughly square overall shape. Returns the
/// position of every item, indexed by item, for `n` items (items in no group stay at 0, 0).
pub fn discs(n: usize, groups: &[Vec<usize>]) -> Vec<(f64, f64)> {
    let mut pos = vec![(0.0, 0.0); n];
    let radius = |m: usize| SPACING * 0.55 * (m as f64).sqrt() + SPACING;
    let area: f64 = groups.iter().map(|g| (2.0 * radius(g.len())).powi(2)).sum();
    let row_width = area.sqrt().max(2.0 * SPACING);
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(groups[i].len()));
    let (mut x, mut y, mut row_height) = (0.0_f64, 0.0_f64, 0.0_f64);
    for gi in order {
        let group = &groups[gi];
        let r = radius(group.len());
        if x > 0.0 && x + 2.0 * r > row_width {
            x = 0.0;
            y += row_height + SPACING;
            row_height = 0.0;
        }
        let (cx, cy) = (x + r, y + r);
        for (k, &item) in group.iter().enumerate() {
            let d = SPACING * 0.55 * (k as f64 + 0.5).sqrt();
            let a = k as f64 * GOLDEN_ANGLE;
            if let Some(p) = pos.get_mut(item) {
                *p = (cx + d * a.cos(), cy + d * a.sin());
            }
        }
        x += 2.0 * r + SPACING;
        row_height = row_height.max(2.0 * r);
    }
    pos
}

/// The positions the user saved for a campaign's workers.
pub fn saved(conn: &Connection, campaign_id: i64) -> Result<HashMap<i64, (f64, f64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.worker_id, p.x, p.y FROM map_position p JOIN worker w ON w.id = p.worker_id
         WHERE w.campaign_id = ?1",
    )?;
    let rows = stmt.query_map([campaign_id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Save dragged positions, all or nothing. Every worker must belong to the campaign and every
/// coordinate must be a finite number.
pub fn save(conn: &mut Connection, campaign_id: i64, positions: &[MapPosition]) -> Result<()> {
    let tx = conn.transaction()?;
    {
        let mut campaign_of = tx.prepare_cached("SELECT campaign_id FROM worker WHERE id = ?1")?;
        let mut upsert = tx.prepare_cached(
            "INSERT INTO map_position (worker_id, x, y) VALUES (?1, ?2, ?3)
             ON CONFLICT (worker_id) DO UPDATE SET x = excluded.x, y = excluded.y",
        )?;
        for p in positions {
            if !p.x.is_finite() || !p.y.is_finite() || p.x.abs() > 1e9 || p.y.abs() > 1e9 {
                return Err(Error::InvalidInput(format!(
                    "The map position of worker {} is not a usable point; nothing was saved.",
                    p.worker_id
                )));
            }
            let campaign: Option<i64> = campaign_of.query_row([p.worker_id], |r| r.get(0)).ok();
            if campaign != Some(campaign_id) {
                return Err(Error::InvalidInput(format!(
                    "Worker {} is not in this campaign; no map position was saved.",
                    p.worker_id
                )));
            }
            upsert.execute(params![p.worker_id, p.x, p.y])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Forget every saved position of a campaign: the computed layout takes over.
pub fn reset(conn: &Connection, campaign_id: i64) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM map_position WHERE worker_id IN (SELECT id FROM worker WHERE campaign_id = ?1)",
        [campaign_id],
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discs_do_not_overlap_and_keep_groups_together() {
        let groups = vec![(0..30).collect::<Vec<_>>(), (30..40).collect(), vec![40]];
        let pos = discs(41, &groups);
        let centre = |g: &[usize]| {
            let n = g.len() as f64;
            let (sx, sy) = g
                .iter()
                .fold((0.0, 0.0), |(x, y), &i| (x + pos[i].0, y + pos[i].1));
            (sx / n, sy / n)
        };
        for (i, a) in pos.iter().enumerate() {
            for b in &pos[i + 1..] {
                let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                assert!(d > SPACING * 0.5, "two workers drawn on top of each other");
            }
        }
        // Every member of the big group is nearer its own centre than the small group's centre.
        let (c0, c1) = (centre(&groups[0]), centre(&groups[1]));
        for &i in &groups[0] {
            let d0 = (pos[i].0 - c0.0).hypot(pos[i].1 - c0.1);
            let d1 = (pos[i].0 - c1.0).hypot(pos[i].1 - c1.1);
            assert!(d0 < d1);
        }
    }
}
