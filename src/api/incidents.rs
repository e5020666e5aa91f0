//! The incidents' use cases, as the desktop shell and the CLI call them.
