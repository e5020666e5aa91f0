//! Drafts the UI autosaves inside the vault (an unsaved 1-on-1): thin use cases over
//! [`crate::workers::draft`].

use super::Session;
use crate::error::Result;
use crate::workers::draft::{self, Draft, DraftInfo};

impl Session {
    pub fn draft_save(&self, key: &str, body_json: &str) -> Result<()> {
        self.with_conn(|conn, _| draft::save(conn, key, body_json))
    }

    /// The draft under `key` with when it was saved; `None` when there is none.
    pub fn draft_load(&self, key: &str) -> Result<Option<Draft>> {
        self.with_conn(|conn, _| draft::get(conn, key))
    }

    pub fn draft_clear(&self, key: &str) -> Result<()> {
        self.with_conn(|conn, _| draft::clear(conn, key))
    }

    pub fn drafts(&self) -> Result<Vec<DraftInfo>> {
        self.with_conn(|conn, _| draft::list(conn))
    }
}
