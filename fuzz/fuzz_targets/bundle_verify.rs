//! The layer of verify-bundle after age decryption: a tar stream → every entry hashed as it
//! streams, `manifest.json` parsed, and the comparison (changed, missing, extra, duplicated).
#![no_main]

use fieldbook::export::verify::verify_archive;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(report) = verify_archive(data) {
        // A report that says "ok" must have a manifest and no problems.
        if report.ok {
            assert!(report.manifest.is_some());
            assert!(report.problems.is_empty());
        }
    }
});
