//! Importing the employer's list (CSV/XLSX): reading, column mapping, reconciliation.
