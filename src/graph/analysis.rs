//! The analyses, from the vault's data to a [`MapAnalysis`].
