//! Reading employers' lists as they really come: BOMs, Windows-1252, CRLF, quoted commas and
//! line breaks, semicolons, duplicate and missing headers, ragged rows, spreadsheets, big files.

use fieldbook::import::{
    guess_mapping, read_table, read_table_from_bytes, records, FileKind, Table, MAX_FILE_BYTES,
};
use fieldbook::{Error, ErrorCode};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn csv(text: &str) -> Table {
    read_table_from_bytes(text.as_bytes(), FileKind::Csv).unwrap()
}

fn invalid_input(r: fieldbook::Result<Table>) -> String {
    match r {
        Err(e @ Error::InvalidInput(_)) => {
            assert_eq!(e.code(), ErrorCode::InvalidInput);
            e.to_string()
        }
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn messy_csv_with_bom_crlf_quotes_and_ragged_rows() {
    let t = read_table(&fixture("messy.csv")).unwrap();
    // The BOM is not part of the first header; the nameless, empty column is dropped; the
    // second "Phone" gets a unique name.
    assert_eq!(
        t.headers,
        [
            "Employee ID",
            "Name",
            "Phone",
            "Phone (2)",
            "Notes",
            "Dept.",
            "Hire Date",
            "Email"
        ]
    );
    assert_eq!(t.header_row, 1);
    // Blank lines and whitespace-only rows are skipped but still count as spreadsheet rows;
    // the line break inside a quoted cell does not.
    assert_eq!(t.row_numbers, [3, 4, 6, 7]);
    assert_eq!(t.rows.len(), 4);
    assert!(t.rows.iter().all(|r| r.len() == t.headers.len()));
    assert_eq!(t.rows[0][1], "Peña, María");
    assert_eq!(t.rows[0][3], "(555) 222-3333");
    assert_eq!(t.rows[0][4], "Said \"maybe\"; call after 5pm, not before");
    assert_eq!(t.rows[1][4], "Two\r\nlines of notes");
    assert_eq!(t.rows[2][1], "Lee   Chen", "cells are trimmed");
    // A short row is padded with empty cells.
    assert_eq!(
        t.rows[3],
        ["A-4", "Sam Ortiz", "555 666 7777", "", "", "", "", ""]
    );
}

#[test]
fn windows_1252_bytes_are_decoded() {
    // "Peña" and "Muñoz" as Excel on Windows saves them: ñ is the single byte 0xF1, and the
    // curly quotes of “Chuy” are 0x93/0x94.
    let bytes = b"Name,Nickname\r\nPe\xF1a Mu\xF1oz,\x93Chuy\x94\r\nJos\xE9,\r\n";
    let t = read_table_from_bytes(bytes, FileKind::Csv).unwrap();
    assert_eq!(t.rows[0], ["Peña Muñoz", "“Chuy”"]);
    assert_eq!(t.rows[1], ["José", ""]);
    // The same through a file with the .txt extension.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.txt");
    std::fs::write(&path, bytes).unwrap();
    assert_eq!(read_table(&path).unwrap(), t);
}

#[test]
fn utf16_unicode_text_from_excel_is_decoded() {
    // Excel's "Unicode Text" export: UTF-16LE with a BOM, tab-separated.
    let text = "Name\tCell\r\nPeña\t555-123-4567\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let t = read_table_from_bytes(&bytes, FileKind::Csv).unwrap();
    assert_eq!(t.headers, ["Name", "Cell"]);
    assert_eq!(t.rows[0], ["Peña", "555-123-4567"]);
}

#[test]
fn semicolons_and_tabs_are_detected() {
    let t = read_table(&fixture("spanish_semicolon.csv")).unwrap();
    assert_eq!(t.headers.len(), 10);
    assert_eq!(t.headers[3], "Teléfono");
    assert_eq!(
        t.rows[1][9], "Español, inglés",
        "a comma inside a ;-separated cell"
    );

    let t = csv("Name\tDept\tNotes\nAna\tPicking\tlikes, commas; and semicolons\n");
    assert_eq!(t.headers, ["Name", "Dept", "Notes"]);
    assert_eq!(t.rows[0][2], "likes, commas; and semicolons");
}

#[test]
fn quotes_in_odd_places_keep_row_numbers_right() {
    // A quote inside an unquoted cell is a literal character (as in a spreadsheet); a quoted
    // cell may hold several line breaks.
    let t = csv("Name,Item\nAna,5\" scanner\nBo,\"a\nb\n\nc\"\n\nCy,x\n");
    assert_eq!(t.rows[0], ["Ana", "5\" scanner"]);
    assert_eq!(t.rows[1], ["Bo", "a\nb\n\nc"]);
    assert_eq!(t.rows[2], ["Cy", "x"]);
    assert_eq!(t.row_numbers, [2, 3, 5]);
}

#[test]
fn duplicate_and_empty_headers_are_made_unique() {
    let t = csv("Phone,phone,,Name,Phone\n1,2,3,Ana,4\n");
    assert_eq!(
        t.headers,
        ["Phone", "phone (2)", "Column 3", "Name", "Phone (3)"]
    );
    assert_eq!(t.column("PHONE (3)"), Some(4));
}

#[test]
fn more_cells_than_headers_is_an_error_naming_the_row() {
    let msg = invalid_input(read_table_from_bytes(
        b"Name,Dept\nAna,Picking\n\nBo,Shipping,Nights\n",
        FileKind::Csv,
    ));
    assert!(msg.starts_with("Row 4 has a value in column 3"), "{msg}");
    assert!(msg.contains("\"Nights\""), "{msg}");
    // Trailing empty cells (a common export artifact) are fine.
    let t = csv("Name,Dept\nAna,Picking,,,\n");
    assert_eq!(t.rows[0], ["Ana", "Picking"]);
}

#[test]
fn empty_files_unknown_extensions_and_missing_files() {
    let msg = invalid_input(read_table_from_bytes(b"", FileKind::Csv));
    assert!(msg.contains("empty"), "{msg}");
    let msg = invalid_input(read_table_from_bytes(
        b"\xEF\xBB\xBF\r\n,,\r\n",
        FileKind::Csv,
    ));
    assert!(msg.contains("empty"), "{msg}");
    // Headers only: a table without rows, not an error.
    assert!(csv("Name,Dept\n").rows.is_empty());

    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("list.pdf");
    std::fs::write(&pdf, b"%PDF").unwrap();
    let msg = invalid_input(read_table(&pdf));
    assert!(msg.contains(".xlsx"), "{msg}");

    let missing = dir.path().join("gone.csv");
    assert!(matches!(read_table(&missing), Err(Error::Io { .. })));

    let fake = dir.path().join("fake.xlsx");
    std::fs::write(&fake, b"Name,Dept\nAna,Picking\n").unwrap();
    let msg = invalid_input(read_table(&fake));
    assert!(msg.contains("could not be read as a spreadsheet"), "{msg}");
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.csv");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: nothing is written
    let msg = invalid_input(read_table(&path));
    assert!(msg.contains("up to 200 MiB"), "{msg}");
}

#[test]
fn xlsx_dates_and_numbers() {
    let t = read_table(&fixture("employer_list.xlsx")).unwrap();
    assert_eq!(
        t.headers,
        [
            "Emp #",
            "Last Name",
            "First Name",
            "Dept.",
            "Shift",
            "Cell",
            "Hire Date",
            "E-mail"
        ]
    );
    assert_eq!(t.row_numbers, [2, 3, 5], "the empty row 4 is skipped");
    // Whole numbers without ".0", dates as YYYY-MM-DD (with the time when there is one).
    assert_eq!(
        t.rows[0],
        [
            "1001",
            "Peña",
            "María José",
            "Picking",
            "Nights",
            "5551234567",
            "2020-03-05",
            "Maria.Pena@Example.com"
        ]
    );
    assert_eq!(t.rows[1][0], "1002");
    assert_eq!(t.rows[1][5], "(555) 987-6543");
    assert_eq!(t.rows[1][6], "2019-11-30T08:30:00");
    assert_eq!(t.rows[1][7], "");
    assert_eq!(t.rows[2][6], "43895", "a serial number in a General cell");

    // Through the whole pipeline: every date is a date.
    let workers = records(&t, &guess_mapping(&t.headers)).unwrap();
    let dates: Vec<_> = workers.iter().map(|w| w.hire_date.as_deref()).collect();
    assert_eq!(
        dates,
        [Some("2020-03-05"), Some("2019-11-30"), Some("2020-03-05")]
    );
    assert_eq!(workers[0].legal_name, "María José Peña");
    assert_eq!(workers[0].employee_id.as_deref(), Some("1001"));
    assert_eq!(workers[0].emails, ["maria.pena@example.com"]);
    assert_eq!(workers[2].row, 5);

    // The same bytes from memory.
    let bytes = std::fs::read(fixture("employer_list.xlsx")).unwrap();
    assert_eq!(read_table_from_bytes(&bytes, FileKind::Xlsx).unwrap(), t);
}

/// Two spreadsheets the fuzzer (fuzz/, target import_xlsx) turned up: one cell at A1 and one at
/// XFD1048576 (a grid of 512 GiB if built whole: the process aborted), and a damaged
/// `<dimension>` that made calamine panic. Both are refused with a message, and nothing crashes.
#[test]
fn hostile_spreadsheets_are_refused_not_crashed_on() {
    let far = invalid_input(read_table(&fixture("cells-far-apart.xlsx")));
    assert!(far.contains("rows") || far.contains("columns"), "{far}");
    let damaged = read_table(&fixture("damaged-dimension.xlsx"));
    assert!(
        matches!(&damaged, Err(e) if e.code() == ErrorCode::InvalidInput),
        "{damaged:?}"
    );
}

#[test]
fn a_thousand_and_one_columns_are_refused() {
    let header: Vec<String> = (0..1001).map(|i| format!("c{i}")).collect();
    let e = invalid_input(read_table_from_bytes(
        format!("{}\n1\n", header.join(",")).as_bytes(),
        FileKind::Csv,
    ));
    assert!(e.contains("1,000 columns"), "{e}");
}

#[test]
fn a_hundred_thousand_rows() {
    const N: usize = 100_000;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut text = String::with_capacity(N * 90);
    text.push_str("Employee ID,Last Name,First Name,Department,Shift,Cell,Email,Hire Date\r\n");
    for i in 0..N {
        text.push_str(&format!(
            "E{i:06},Worker{i},\"Pat, {}\",Dept {},Shift {},555-{:03}-{:04},w{i}@example.com,{}/{}/20{:02}\r\n",
            i % 7,
            i % 6,
            i % 3,
            i % 1000,
            i % 10_000,
            i % 12 + 1,
            i % 28 + 1,
            i % 25
        ));
    }
    std::fs::write(&path, &text).unwrap();

    let started = std::time::Instant::now();
    let t = read_table(&path).unwrap();
    assert_eq!(t.rows.len(), N);
    assert_eq!(t.row_numbers[N - 1], N + 1);
    assert_eq!(t.rows[0][0], "E000000");
    assert_eq!(t.rows[12_345][2], "Pat, 4");
    assert_eq!(t.rows[N - 1][6], "w99999@example.com");

    let workers = records(&t, &guess_mapping(&t.headers)).unwrap();
    assert_eq!(workers.len(), N);
    assert_eq!(workers[54_321].legal_name, "Pat, 1 Worker54321");
    assert_eq!(workers[54_321].phones, ["555-321-4321"]);
    assert_eq!(workers[54_321].hire_date.as_deref(), Some("2021-10-02"));
    assert_eq!(workers[54_321].row, 54_323);
    eprintln!("100,000 rows read and converted in {:?}", started.elapsed());
}
