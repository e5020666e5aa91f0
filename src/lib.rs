//! Fieldbook: an offline, encrypted field notebook for workplace organizing.
//!
//! This crate holds all domain logic, with no dependency on the desktop shell: the encrypted
//! [`vault`], the [`api`] session both front ends drive, passphrase [`strength`], the [`recent`]
//! vaults list, and the TypeScript [`bindings`] of every type that crosses to the UI.
//! See `docs/architecture.md`.

pub mod affidavits;
pub mod api;
pub mod bindings;
pub mod demo;
pub mod error;
pub mod export;
pub mod fsutil;
pub mod graph;
pub mod hardening;
pub mod import;
pub mod incidents;
pub mod pdffont;
pub mod plan;
pub mod prefs;
pub mod recent;
pub mod strength;
pub mod vault;
pub mod workers;

pub use error::{AppError, Error, ErrorCode, Result};
pub use secrecy::{ExposeSecret, SecretString};
