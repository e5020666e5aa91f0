//! Importing the employer's list from the desktop window. The UI reads the file the user picked
//! (or dropped) into memory and sends its bytes; nothing is read from or written to disk here,
//! and no path crosses the boundary. Every rule lives in [`crate::import`]; this is glue.

use super::Session;
use crate::error::{AppError, Error, Result};
use crate::import::{
    self, ApplyChoices, ColumnMapping, FileKind, ImportPreview, ImportSummary, MappingOverride,
    Reconciliation, Table,
};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// Rows of the file shown under the mapping table.
const SAMPLE_ROWS: usize = 20;

/// What the mapping step shows: the columns, the mapping in effect (saved or guessed, then the
/// user's overrides), the first rows, and either the reconciliation or why the file cannot be
/// imported with this mapping (e.g. `Row 17, column "Hire Date": …`), so that the user can fix
/// the mapping without losing the table.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ImportDraft {
    pub headers: Vec<String>,
    pub mapping: ColumnMapping,
    pub sample: Vec<Vec<String>>,
    pub total_rows: u32,
    /// `null` when `problem` is set.
    pub reconciliation: Option<Reconciliation>,
    /// Why this mapping cannot be imported (nothing is applied until it is fixed).
    pub problem: Option<AppError>,
}

impl From<ImportPreview> for ImportDraft {
    fn from(p: ImportPreview) -> Self {
        ImportDraft {
            headers: p.headers,
            mapping: p.mapping,
            sample: p.sample,
            total_rows: p.total_rows,
            reconciliation: Some(p.reconciliation),
            problem: None,
        }
    }
}

/// The arguments of `import_preview` besides the file's bytes (sent in the `x-import-args`
/// header as ASCII-only JSON; the bytes are the raw request body).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ImportPreviewArgs {
    #[ts(type = "number")]
    pub campaign_id: i64,
    /// The file's name as picked (only its extension is used: CSV or which spreadsheet).
    pub file_name: String,
    /// The user's changes to the mapping, oldest first (the latest wins).
    #[serde(default)]
    pub overrides: Vec<MappingOverride>,
}

/// The arguments of `import_apply` besides the file's bytes.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ImportApplyArgs {
    #[ts(type = "number")]
    pub campaign_id: i64,
    pub file_name: String,
    /// The mapping as reviewed (one field per column).
    pub mapping: ColumnMapping,
    pub choices: ApplyChoices,
}

/// Reads a file's bytes; its kind comes from the name's extension.
pub fn read_bytes(file_name: &str, bytes: &[u8]) -> Result<Table> {
    let kind = FileKind::from_path(Path::new(file_name))?;
    if bytes.is_empty() {
        return Err(Error::InvalidInput(format!("{file_name} is empty.")));
    }
    import::read_table_from_bytes(bytes, kind)
}

/// The header a command's JSON arguments travel in, next to a raw body.
pub const ARGS_HEADER: &str = "x-import-args";

/// Parses the JSON arguments sent in the header `header` next to a raw body.
pub fn parse_args<T: serde::de::DeserializeOwned>(header: &str, json: Option<&str>) -> Result<T> {
    let json =
        json.ok_or_else(|| Error::InvalidInput(format!("The request has no {header} header.")))?;
    serde_json::from_str(json)
        .map_err(|e| Error::InvalidInput(format!("The request is malformed ({header}): {e}")))
}

impl Session {
    /// Read, map and reconcile the file without writing anything. A file that cannot be read is
    /// an error; a mapping that does not fit the data comes back as [`ImportDraft::problem`].
    pub fn import_preview(
        &self,
        campaign_id: i64,
        file_name: &str,
        bytes: &[u8],
        overrides: &[MappingOverride],
    ) -> Result<ImportDraft> {
        // Parsing happens before the vault is taken, so other commands are not held up.
        let table = read_bytes(file_name, bytes)?;
        self.with_conn(|conn, _| {
            let mapping = import::mapping_for(conn, campaign_id, &table, overrides)?;
            match import::preview_table(conn, campaign_id, &table, mapping.clone()) {
                Ok(p) => Ok(p.into()),
                Err(e @ Error::InvalidInput(_)) => Ok(ImportDraft {
                    headers: table.headers.clone(),
                    mapping,
                    sample: table.rows.iter().take(SAMPLE_ROWS).cloned().collect(),
                    total_rows: table.rows.len() as u32,
                    reconciliation: None,
                    problem: Some(AppError::from(e)),
                }),
                Err(e) => Err(e),
            }
        })
    }

    /// Apply the import as reviewed: all or nothing.
    pub fn import_apply(
        &self,
        campaign_id: i64,
        file_name: &str,
        bytes: &[u8],
        mapping: &ColumnMapping,
        choices: &ApplyChoices,
    ) -> Result<ImportSummary> {
        let table = read_bytes(file_name, bytes)?;
        self.with_conn(|conn, _| import::apply_table(conn, campaign_id, &table, mapping, choices))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn args_parse_from_json() {
        let a: ImportPreviewArgs = parse_args(ARGS_HEADER, Some(
            r#"{"campaignId":3,"fileName":"Lista de trabajadores \u00f1.csv","overrides":[{"column":2,"field":"phone"}]}"#,
        ))
        .unwrap();
        assert_eq!(a.campaign_id, 3);
        assert_eq!(a.file_name, "Lista de trabajadores ñ.csv");
        assert_eq!(a.overrides[0].column, 2);
        let err = parse_args::<ImportPreviewArgs>(ARGS_HEADER, None).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)));
        let err = parse_args::<ImportApplyArgs>(ARGS_HEADER, Some("{}")).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)));
    }

    /// The list the end-to-end test imports through the window (tests/e2e/import.test.mjs
    /// expects these numbers).
    #[test]
    fn the_end_to_end_fixture_reads_as_expected() {
        let bytes = include_bytes!("../../tests/e2e/fixtures/employer-list.csv");
        let table = read_bytes("employer-list.csv", bytes).unwrap();
        let mapping = import::guess_mapping(&table.headers);
        let recs = import::records(&table, &mapping).unwrap();
        assert_eq!(recs.len(), 11);
        let rec = import::reconcile(recs, &[]);
        assert_eq!(rec.new.len(), 10);
        assert_eq!(rec.duplicates.len(), 1);
        assert_eq!(rec.new[0].legal_name, "Ana Peña");
        assert_eq!(rec.new[0].hire_date.as_deref(), Some("2019-03-05"));
        assert_eq!(rec.new[5].legal_name, "José García López");
    }

    /// Through a real session and vault: a bad mapping comes back as a problem (with the table),
    /// a failed apply changes nothing, a good one adds the list.
    #[test]
    fn preview_and_apply_through_a_session() {
        use crate::import::Field;
        use crate::recent::RecentList;
        use crate::vault::Kdf;
        use crate::workers::{CampaignInput, WorkerFilter};

        let dir = tempfile::tempdir().unwrap();
        let session =
            Session::new(RecentList::at(dir.path().join("recent.json"))).with_kdf(Kdf::Fixed(18));
        session
            .create(crate::api::CreateVaultRequest {
                folder: dir.path().display().to_string(),
                name: "Import".into(),
                passphrase: "violet tractor molasses 42 harbor".to_string().into(),
                with_recovery_key: false,
            })
            .unwrap();
        let cid = session
            .create_campaign(&CampaignInput {
                name: "Riverside".into(),
                ..Default::default()
            })
            .unwrap()
            .id;
        let csv = "Name,Dept.,Hire Date\nAna Peña,Receiving,2019-03-05\nBo Chen,Shipping,soon\n";

        let draft = session
            .import_preview(cid, "list.csv", csv.as_bytes(), &[])
            .unwrap();
        assert_eq!(draft.headers, ["Name", "Dept.", "Hire Date"]);
        assert_eq!(draft.sample.len(), 2);
        assert!(draft.reconciliation.is_none());
        let problem = draft.problem.unwrap();
        assert_eq!(problem.code, crate::ErrorCode::InvalidInput);
        assert!(
            problem.message.contains("Row 3, column \"Hire Date\""),
            "{}",
            problem.message
        );

        let err = session
            .import_apply(
                cid,
                "list.csv",
                csv.as_bytes(),
                &draft.mapping,
                &ApplyChoices::default(),
            )
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)));
        let count = |s: &Session| {
            s.worker_list(cid, &WorkerFilter::default())
                .unwrap()
                .counts
                .total
        };
        assert_eq!(count(&session), 0);

        let skip_date = [MappingOverride {
            column: 2,
            field: Field::Ignore,
        }];
        let draft = session
            .import_preview(cid, "list.csv", csv.as_bytes(), &skip_date)
            .unwrap();
        assert!(draft.problem.is_none());
        assert_eq!(draft.reconciliation.as_ref().unwrap().new.len(), 2);
        let summary = session
            .import_apply(
                cid,
                "list.csv",
                csv.as_bytes(),
                &draft.mapping,
                &ApplyChoices::default(),
            )
            .unwrap();
        assert_eq!(summary.added, 2);
        assert_eq!(count(&session), 2);
    }

    #[test]
    fn unknown_extension_and_empty_file_are_refused() {
        assert!(read_bytes("list.pdf", b"a,b\n1,2\n").is_err());
        assert!(read_bytes("list.csv", b"").is_err());
        assert_eq!(
            read_bytes("list.CSV", b"Name,Dept\nAna,Receiving\n")
                .unwrap()
                .headers,
            ["Name", "Dept"]
        );
    }
}
