//! The map: who knows and influences whom, as a `petgraph` graph built from the vault's
//! relationships, and the analyses organizers need (natural leaders, committee coverage, clusters,
//! warm paths, anti-union influence).
//!
//! - [`algo`]: the pure graph algorithms, checked against networkx;
//! - [`load`]: reads the workers and ties of a campaign from the vault;
//! - [`analysis`]: turns them into a [`MapAnalysis`] (what the app and `fieldbook map` show);
//! - [`cache`]: the session's betweenness per graph shape (the one slow analysis), prewarmed;
//! - [`layout`]: positions: the ones the user saved, else a computed layout;
//! - [`model`]: the types that cross to the UI;
//! - [`wire`]: the map packed in one binary buffer for the app's window.
//!
//! The graph is rebuilt from the vault for every request: an edit can never leave it stale (the
//! betweenness cache is keyed by the graph's exact shape, so it cannot either).

pub mod algo;
pub mod analysis;
pub mod cache;
pub mod export;
pub mod layout;
pub mod load;
pub mod model;
pub mod wire;

pub use model::*;
