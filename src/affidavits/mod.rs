//! Affidavit drafts: versioned in a tamper-evident hash chain, diffed, rendered to PDF and DOCX.
