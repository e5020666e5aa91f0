//! The affidavit drafts' use cases, as the desktop shell and the CLI call them.
