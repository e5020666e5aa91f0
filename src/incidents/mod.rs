//! Incidents: unfair labor practices logged as they happen, the 10(b) clock, and evidence files
//! kept encrypted inside the vault.
