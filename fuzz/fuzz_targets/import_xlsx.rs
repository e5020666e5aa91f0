//! Spreadsheet bytes → the importer (XLSX through calamine), then the guessed mapping and the
//! records, as for CSV.
#![no_main]

use fieldbook::import::{guess_mapping, read_table_from_bytes, records, FileKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The importer catches a panic inside calamine (a damaged `<dimension>` still panics it) and
    // refuses the file; libFuzzer's panic hook would abort on that caught panic. A panic that
    // escapes the importer still aborts: libfuzzer-sys runs this body under `catch_unwind`.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    if let Ok(table) = read_table_from_bytes(data, FileKind::Xlsx) {
        for row in &table.rows {
            assert_eq!(row.len(), table.headers.len());
        }
        let mapping = guess_mapping(&table.headers);
        let _ = records(&table, &mapping);
    }
});
