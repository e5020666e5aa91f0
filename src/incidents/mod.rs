//! Incidents: unfair labor practices logged as they happen, the 10(b) clock, and evidence files
//! kept encrypted inside the vault.
//!
//! - [`store`]: incidents and the people involved (managers, workers affected, witnesses), their
//!   status steps with dates, the log and the deadline list;
//! - [`deadline`]: the 10(b) arithmetic (six calendar months, the last day, days left, warnings);
//! - [`evidence`]: files stored in 1 MiB parts inside the database, added from any reader or
//!   uploaded in parts from the window, read back to any writer, saved as a copy where the user
//!   says (NOT encrypted).

pub mod deadline;
pub mod evidence;
pub mod model;
pub mod store;

pub use model::*;

use crate::error::Result;
use rusqlite::Connection;

/// Run `f` all or nothing, inside the caller's transaction if there is one (a savepoint nests;
/// outside a transaction it is one).
pub(crate) fn atomically<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.execute_batch("SAVEPOINT fieldbook_incidents")?;
    let result = f().and_then(|v| {
        conn.execute_batch("RELEASE fieldbook_incidents")?;
        Ok(v)
    });
    if result.is_err() {
        let _ = conn.execute_batch("ROLLBACK TO fieldbook_incidents; RELEASE fieldbook_incidents");
    }
    result
}
