//! Affidavit drafts: versioned in a tamper-evident hash chain, diffed, rendered to PDF and DOCX.
//!
//! A draft belongs to one affiant (a worker) and links the incidents it covers. Each save is a
//! new version ([`store::save`]); the versions form a SHA-256 hash chain ([`chain`]) whose head is
//! recorded on the draft, so an altered, removed or reordered version is detected by
//! [`chain::verify`] (and by `fieldbook verify`). Any two versions can be compared
//! ([`diff`]), and any version rendered in its language's template ([`template`]) to PDF or DOCX
//! ([`render`]), in memory.

pub mod chain;
pub mod diff;
pub mod model;
pub mod render;
pub mod store;
pub mod template;

pub use model::*;
