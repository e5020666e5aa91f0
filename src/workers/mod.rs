//! The unit list: campaigns, workers, assessments (with history), committee terms, cards,
//! 1-on-1 conversations, follow-ups, the searchable worker table, and the drafts the UI autosaves.

pub mod campaign;
pub mod conversation;
pub mod csv_export;
pub mod dates;
pub mod draft;
pub mod model;
pub mod query;
pub mod relationship;
pub mod store;

pub use model::*;
