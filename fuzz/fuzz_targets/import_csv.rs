//! CSV bytes → the importer: decoding, delimiter detection, the table, then the guessed column
//! mapping and the records (names, phones, e-mails, dates). Any input must give a table or an
//! error, never a panic, a hang or a huge allocation.
#![no_main]

use fieldbook::import::{guess_mapping, read_table_from_bytes, records, FileKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(table) = read_table_from_bytes(data, FileKind::Csv) {
        assert_eq!(table.rows.len(), table.row_numbers.len());
        for row in &table.rows {
            assert_eq!(row.len(), table.headers.len());
        }
        let mapping = guess_mapping(&table.headers);
        let _ = records(&table, &mapping);
    }
});
