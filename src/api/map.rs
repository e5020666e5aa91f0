//! The map's use cases: the analysis, warm paths, saved positions, and drawing or removing
//! relationships. Every rule lives in [`crate::graph`] and [`crate::workers::relationship`].

use super::Session;
use crate::error::{Error, Result};
use crate::graph::load::{MapData, UnitGraph};
use crate::graph::{analysis, layout, wire, MapAnalysis, MapPosition, WarmPath};
use crate::workers::relationship::{self, Relationship, RelationshipInput};

impl Session {
    /// The map of a campaign and every analysis, from the vault as it is now.
    pub fn map(&self, campaign_id: i64) -> Result<MapAnalysis> {
        self.map_now(campaign_id, true).map(|(a, _)| a)
    }

    /// The map without waiting for betweenness when `wait` is false: if the session does not
    /// know this graph's yet, every worker's betweenness is 0, there are no leaders, and the
    /// flag is false (its computation goes on in the background; ask again with `wait`). All
    /// the rest (positions, influence, coverage, clusters) is there: enough to draw the map.
    pub fn map_now(&self, campaign_id: i64, wait: bool) -> Result<(MapAnalysis, bool)> {
        self.with_conn(|conn, today| {
            crate::workers::campaign::get(conn, campaign_id)?;
            let data = MapData::load(conn, campaign_id, today)?;
            let saved = layout::saved(conn, campaign_id)?;
            let mut complete = true;
            let a = analysis::analyze_with(campaign_id, &data, &saved, |g| {
                let b = if wait {
                    Some(self.map_cache.get(campaign_id, g))
                } else {
                    self.map_cache.get_or_start(campaign_id, g)
                };
                complete = b.is_some();
                b
            });
            Ok((a, complete))
        })
    }

    /// [`Self::map_now`] packed for the app's window ([`wire::pack`]).
    pub fn map_packed(&self, campaign_id: i64, wait: bool) -> Result<Vec<u8>> {
        let (a, complete) = self.map_now(campaign_id, wait)?;
        wire::pack(&a, complete)
    }

    /// Start computing every campaign's betweenness in the background (reading the vault takes
    /// milliseconds; the computation then runs without holding the vault).
    pub(crate) fn prewarm_map_analysis(&self) -> Result<()> {
        let graphs = self.with_conn(|conn, today| {
            let mut graphs = Vec::new();
            for campaign in crate::workers::campaign::list(conn)? {
                let data = MapData::load(conn, campaign.id, today)?;
                graphs.push((campaign.id, UnitGraph::build(&data).graph));
            }
            Ok(graphs)
        })?;
        for (campaign_id, graph) in graphs {
            self.map_cache.prewarm(campaign_id, graph);
        }
        Ok(())
    }

    /// Whether the map of this campaign would open without computing betweenness (tests).
    #[doc(hidden)]
    pub fn map_prewarmed(&self, campaign_id: i64) -> Result<bool> {
        self.with_conn(|conn, today| {
            let data = MapData::load(conn, campaign_id, today)?;
            Ok(self
                .map_cache
                .is_ready(campaign_id, &UnitGraph::build(&data).graph))
        })
    }

    /// The warm path to `to`, from `from` or from the nearest committee member.
    pub fn map_warm_path(
        &self,
        campaign_id: i64,
        from: Option<i64>,
        to: i64,
    ) -> Result<Option<WarmPath>> {
        self.with_conn(|conn, today| {
            let data = MapData::load(conn, campaign_id, today)?;
            for id in from.into_iter().chain([to]) {
                let w = data.workers.iter().find(|w| w.id == id).ok_or_else(|| {
                    Error::InvalidInput(format!(
                        "Worker {id} is not an active worker of this campaign, so there is no path to draw."
                    ))
                })?;
                if w.is_supervisor {
                    return Err(Error::InvalidInput(format!(
                        "{} is a supervisor: supervisors are not in the unit, so the map finds no warm path through them.",
                        w.name
                    )));
                }
            }
            Ok(analysis::warm_path(&data, from, to))
        })
    }

    pub fn map_save_positions(&self, campaign_id: i64, positions: &[MapPosition]) -> Result<()> {
        self.with_conn(|conn, _| layout::save(conn, campaign_id, positions))
    }

    pub fn map_reset_layout(&self, campaign_id: i64) -> Result<()> {
        self.with_conn(|conn, _| layout::reset(conn, campaign_id).map(|_| ()))
    }

    pub fn relationship_add(&self, input: &RelationshipInput) -> Result<Relationship> {
        self.with_conn(|conn, _| relationship::add(conn, input))
    }

    pub fn relationship_remove(&self, id: i64) -> Result<()> {
        self.with_conn(|conn, _| relationship::remove(conn, id))
    }

    pub fn relationships_of(&self, worker_id: i64) -> Result<Vec<Relationship>> {
        self.with_conn(|conn, _| relationship::for_worker(conn, worker_id))
    }
}
