//! Importing the employer's list (CSV/XLSX): reading, column mapping, reconciliation.
//!
//! The steps, each its own module:
//! 1. [`read`]: a file (CSV in any common encoding and delimiter, or a spreadsheet) into a
//!    [`Table`] of trimmed text cells with spreadsheet row numbers.
//! 2. [`mapping`]: which column goes to which [`Field`]: [`guess_mapping`] from the headers
//!    (English and Spanish), `--map COLUMN=FIELD` overrides ([`parse_overrides`]), validation.
//! 3. [`records`](mod@records): rows into [`ImportedWorker`]s (names combined, phones and emails
//!    split and checked, dates read into `YYYY-MM-DD`); all or nothing, errors naming the row
//!    and column.
//! 4. [`normalize`]: the forms reconciliation matches on ([`normalize_name`],
//!    [`normalize_phone`], [`normalize_email`]) and the work-email check.

pub mod apply;
pub mod dates;
pub mod mapping;
pub mod normalize;
pub mod read;
pub mod reconcile;
pub mod records;

pub use apply::{
    apply, apply_table, mapping_for, mapping_for_table, preview, preview_table, ApplyChoices,
    ImportPreview, ImportSummary, Resolution,
};
pub use dates::parse_date;
pub use mapping::{
    guess_field, guess_mapping, guess_mapping_with_saved, parse_overrides, ColumnMapping, Field,
    MappingOverride, SavedColumn,
};
pub use normalize::{looks_like_work_email, normalize_email, normalize_name, normalize_phone};
pub use read::{read_table, read_table_from_bytes, FileKind, Table, MAX_FILE_BYTES, MAX_ROWS};
pub use reconcile::{reconcile, Reconciliation};
pub use records::{records, ImportedWorker};
