//! Reading an employer's list (CSV or spreadsheet) into a [`Table`] of trimmed text cells.
//!
//! Nothing here fails on encoding: CSV bytes are UTF-8 (with or without BOM), UTF-16 with a BOM,
//! or else Windows-1252. Errors name the row (1-based, as a spreadsheet shows it).

use crate::error::{Error, Result};
use calamine::{Data, Reader, Sheets};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::io::Cursor;
use std::path::Path;
use ts_rs::TS;

/// Largest file Fieldbook imports (200 MiB).
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// Most data rows Fieldbook imports from one file.
pub const MAX_ROWS: usize = 1_000_000;
/// Most columns (an employer's list has dozens; every row is padded to the header's width).
pub const MAX_COLUMNS: usize = 1_000;

/// A list as read from a file: unique header names and rows of trimmed text, every row exactly
/// as long as `headers`. Fully empty rows are skipped; `row_numbers[i]` is the 1-based row of
/// `rows[i]` in the file as a spreadsheet shows it (the header is usually row 1).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub row_numbers: Vec<usize>,
    /// The 1-based row of the header line.
    pub header_row: usize,
}

impl Table {
    /// The position of the header named `name`, compared case-insensitively and trimmed.
    pub fn column(&self, name: &str) -> Option<usize> {
        let name = name.trim().to_lowercase();
        self.headers.iter().position(|h| h.to_lowercase() == name)
    }
}

/// The format of a file to import, chosen by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `.csv`, `.txt`, `.tsv`: delimited text; the delimiter (`,` `;` or tab) is detected.
    Csv,
    /// `.xlsx`, `.xlsm`
    Xlsx,
    /// `.xlsb`
    Xlsb,
    /// `.xls` (Excel 97–2003)
    Xls,
    /// `.ods` (LibreOffice, OpenOffice)
    Ods,
}

impl FileKind {
    pub fn from_path(path: &Path) -> Result<Self> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        Ok(match ext.as_str() {
            "csv" | "txt" | "tsv" => FileKind::Csv,
            "xlsx" | "xlsm" => FileKind::Xlsx,
            "xlsb" => FileKind::Xlsb,
            "xls" => FileKind::Xls,
            "ods" => FileKind::Ods,
            _ => {
                return Err(Error::InvalidInput(format!(
                    "{} is not a file Fieldbook can import. Use a CSV file (.csv, .tsv, .txt) or a spreadsheet (.xlsx, .xlsm, .xls, .ods).",
                    path.display()
                )))
            }
        })
    }
}

/// Reads the list in `path` (see [`FileKind`] for the formats). Spreadsheets: the first sheet
/// with any content; dates come out as `YYYY-MM-DD` and whole numbers without `.0`.
pub fn read_table(path: &Path) -> Result<Table> {
    let kind = FileKind::from_path(path)?;
    let len = std::fs::metadata(path)
        .map_err(|e| Error::io("read", path, e))?
        .len();
    check_size(len)?;
    let bytes = std::fs::read(path).map_err(|e| Error::io("read", path, e))?;
    read_table_from_bytes(&bytes, kind)
}

/// [`read_table`] on bytes already in memory.
pub fn read_table_from_bytes(bytes: &[u8], kind: FileKind) -> Result<Table> {
    check_size(bytes.len() as u64)?;
    let raw = match kind {
        FileKind::Csv => csv_rows(bytes)?,
        _ => sheet_rows(bytes, kind)?,
    };
    build_table(raw)
}

fn check_size(len: u64) -> Result<()> {
    if len > MAX_FILE_BYTES {
        return Err(Error::InvalidInput(format!(
            "This file is {} MiB; Fieldbook imports files up to {} MiB. Split the list into smaller files.",
            len.div_ceil(1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

fn too_many_rows() -> Error {
    Error::InvalidInput(format!(
        "This file has more than {} rows; Fieldbook imports at most {} at a time. Split the list into smaller files.",
        group_thousands(MAX_ROWS),
        group_thousands(MAX_ROWS)
    ))
}

fn too_many_columns() -> Error {
    Error::InvalidInput(format!(
        "This file has more than {} columns; a unit list has far fewer. Check that it is the right file, or delete the unused columns and save a copy.",
        group_thousands(MAX_COLUMNS)
    ))
}

fn group_thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Rows as read, before the header is interpreted: (1-based row number, trimmed cells).
type RawRows = Vec<(usize, Vec<String>)>;

/// Text from bytes, never failing: a BOM decides (UTF-8, UTF-16); otherwise UTF-8 if valid,
/// else Windows-1252 (what Excel on Windows writes for "CSV").
pub fn decode_text(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) if enc != UTF_8 => {
            return enc.decode_without_bom_handling(&bytes[bom_len..]).0;
        }
        Some((_, bom_len)) => &bytes[bom_len..],
        None => bytes,
    };
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// The delimiter of the header line: whichever of `,` `;` tab occurs most outside quotes
/// (`,` on a tie or when there is none).
fn detect_delimiter(text: &str) -> u8 {
    let header = text
        .split(['\n', '\r'])
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    [b',', b';', b'\t'][best]
}

/// The 1-based spreadsheet row of each record the CSV reader will return: a scan with the same
/// rules as `csv-core` (a quote opens a quoted cell only at the start of a cell, `""` inside
/// one is a quote, `\r\n`, `\n` and `\r` end a row outside quotes, empty lines are skipped
/// by the reader but count as rows, as they do when the file is opened in a spreadsheet).
/// Also the row of a quote that is never closed, if any (the reader would take the rest of the
/// file as one cell).
fn record_rows(text: &[u8], delimiter: u8) -> (Vec<usize>, Option<usize>) {
    #[derive(Clone, Copy, PartialEq)]
    enum S {
        Start,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let (mut rows, mut row, mut state, mut empty) = (Vec::new(), 1usize, S::Start, true);
    let mut quote_row = 0;
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if (b == b'\n' || b == b'\r') && state != S::Quoted {
            if !empty {
                rows.push(row);
            }
            row += 1;
            empty = true;
            state = S::Start;
            if b == b'\r' && text.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            i += 1;
            continue;
        }
        empty = false;
        state = match (state, b) {
            (S::Start, b'"') => {
                quote_row = row;
                S::Quoted
            }
            (S::Start | S::Unquoted | S::QuoteInQuoted, d) if d == delimiter => S::Start,
            (S::Quoted, b'"') => S::QuoteInQuoted,
            (S::Quoted, _) | (S::QuoteInQuoted, b'"') => S::Quoted,
            _ => S::Unquoted,
        };
        i += 1;
    }
    if !empty {
        rows.push(row);
    }
    (rows, (state == S::Quoted).then_some(quote_row))
}

fn csv_rows(bytes: &[u8]) -> Result<RawRows> {
    let text = decode_text(bytes);
    let delimiter = detect_delimiter(&text);
    let (row_numbers, unclosed) = record_rows(text.as_bytes(), delimiter);
    if let Some(row) = unclosed {
        return Err(Error::InvalidInput(format!(
            "Row {row} opens a quote (\") that is never closed, so the rest of the file would be read as one value. Fix that row in a spreadsheet or text editor and import again."
        )));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut out: RawRows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|e| Error::InvalidInput(format!("This CSV file could not be read: {e}")))?;
        if !more {
            break;
        }
        // A memory guard only; `build_table` counts the rows that are not empty.
        if out.len() > 2 * MAX_ROWS {
            return Err(too_many_rows());
        }
        let row = match row_numbers.get(out.len()) {
            Some(&r) => r,
            None => out.last().map_or(1, |(r, _)| r + 1),
        };
        out.push((row, record.iter().map(|c| c.trim().to_string()).collect()));
    }
    Ok(out)
}

fn sheet_rows(bytes: &[u8], kind: FileKind) -> Result<RawRows> {
    // The spreadsheet parsers are third-party code fed a file from outside: a damaged file has
    // made one of them panic (an overflow reading the sheet's `<dimension>`). Refuse the file
    // instead of taking the app down with it.
    std::panic::catch_unwind(|| read_sheet(bytes, kind)).unwrap_or_else(|_| {
        Err(Error::InvalidInput(
            "This spreadsheet is damaged and could not be read. Open it in a spreadsheet program, save a new copy (or export it as CSV) and import that.".into(),
        ))
    })
}

fn read_sheet(bytes: &[u8], kind: FileKind) -> Result<RawRows> {
    let open_error = |e: &dyn std::fmt::Display| {
        Error::InvalidInput(format!(
            "This file could not be read as a spreadsheet ({e}). If it is password-protected, save an unprotected copy and import that."
        ))
    };
    let cursor = Cursor::new(bytes);
    let mut book: Sheets<Cursor<&[u8]>> = match kind {
        FileKind::Xlsx => {
            Sheets::Xlsx(calamine::open_workbook_from_rs(cursor).map_err(|e| open_error(&e))?)
        }
        FileKind::Xlsb => {
            Sheets::Xlsb(calamine::open_workbook_from_rs(cursor).map_err(|e| open_error(&e))?)
        }
        FileKind::Xls => {
            Sheets::Xls(calamine::open_workbook_from_rs(cursor).map_err(|e| open_error(&e))?)
        }
        FileKind::Ods => {
            Sheets::Ods(calamine::open_workbook_from_rs(cursor).map_err(|e| open_error(&e))?)
        }
        FileKind::Csv => unreachable!("CSV is read by csv_rows"),
    };
    for name in book.sheet_names() {
        // XLSX and XLSB cells are streamed and kept sparse: a whole grid (calamine's `Range`) is
        // rows × columns, and one cell at A1 plus one at XFD1048576 in a 6 KB file asked for
        // 512 GiB. The older formats bound the grid themselves (XLS: 65,536 × 256).
        let mut sheet = SparseSheet::default();
        match &mut book {
            Sheets::Xlsx(x) => {
                let mut cells = x
                    .worksheet_cells_reader(&name)
                    .map_err(|e| open_error(&e))?;
                while let Some(cell) = cells.next_cell().map_err(|e| open_error(&e))? {
                    let (row, col) = cell.get_position();
                    sheet.add(row, col, &Data::from(cell.get_value().clone()))?;
                }
            }
            Sheets::Xlsb(x) => {
                let mut cells = x
                    .worksheet_cells_reader(&name)
                    .map_err(|e| open_error(&e))?;
                while let Some(cell) = cells.next_cell().map_err(|e| open_error(&e))? {
                    let (row, col) = cell.get_position();
                    sheet.add(row, col, &Data::from(cell.get_value().clone()))?;
                }
            }
            other => {
                let range = other.worksheet_range(&name).map_err(|e| open_error(&e))?;
                let (r0, c0) = range.start().unwrap_or((0, 0));
                for (r, c, value) in range.used_cells() {
                    sheet.add(r0 + r as u32, c0 + c as u32, value)?;
                }
            }
        }
        if !sheet.cells.is_empty() {
            return Ok(sheet.into_rows());
        }
    }
    Ok(Vec::new())
}

/// The non-empty cells of a sheet by row, checked against the limits as they arrive.
#[derive(Default)]
struct SparseSheet {
    cells: std::collections::BTreeMap<u32, Vec<(u32, String)>>,
    min_col: Option<u32>,
    max_col: u32,
}

impl SparseSheet {
    fn add(&mut self, row: u32, col: u32, value: &Data) -> Result<()> {
        let text = cell_text(value);
        if text.is_empty() {
            return Ok(());
        }
        if row as usize > MAX_ROWS + 1 {
            return Err(too_many_rows());
        }
        if col as usize >= MAX_COLUMNS {
            return Err(too_many_columns());
        }
        self.min_col = Some(self.min_col.map_or(col, |m| m.min(col)));
        self.max_col = self.max_col.max(col);
        self.cells.entry(row).or_default().push((col, text));
        Ok(())
    }

    /// Rows from the first non-empty one to the last (blank ones included, so row numbers are
    /// the spreadsheet's), each up to its last value; the first is as wide as the sheet so that
    /// columns with values but no header name are kept.
    fn into_rows(self) -> RawRows {
        let (Some(min_col), Some(&first), Some(&last)) = (
            self.min_col,
            self.cells.keys().next(),
            self.cells.keys().next_back(),
        ) else {
            return Vec::new();
        };
        let width = (self.max_col - min_col + 1) as usize;
        let mut cells = self.cells;
        (first..=last)
            .map(|row| {
                let mut out = Vec::new();
                if row == first {
                    out.resize(width, String::new());
                }
                for (col, text) in cells.remove(&row).unwrap_or_default() {
                    let c = (col - min_col) as usize;
                    if out.len() <= c {
                        out.resize(c + 1, String::new());
                    }
                    out[c] = text;
                }
                (row as usize + 1, out)
            })
            .collect()
    }
}

/// A cell as text: dates `YYYY-MM-DD` (with `THH:MM:SS` if there is a time), whole numbers
/// without `.0`, formula errors empty.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if dt.as_f64() < 1.0 {
                format!("{h:02}:{mi:02}:{s:02}")
            } else if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// Turns raw rows into a [`Table`]: the first non-empty row is the header; empty rows are
/// skipped; short rows padded; cells beyond the header are an error unless empty; columns with
/// neither a header nor any value are dropped; header names made unique.
fn build_table(raw: RawRows) -> Result<Table> {
    let mut raw = raw
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    let Some((header_row, mut headers)) = raw.next() else {
        return Err(Error::InvalidInput(
            "The file is empty: there is no header row with column names.".into(),
        ));
    };
    // A spreadsheet's range, or a CSV header with trailing delimiters, may end in empty names.
    let width = headers.len();
    if width > MAX_COLUMNS {
        return Err(too_many_columns());
    }
    let mut rows = Vec::new();
    let mut row_numbers = Vec::new();
    for (row, mut cells) in raw {
        if cells.len() > width {
            if let Some(extra) = cells[width..].iter().position(|c| !c.is_empty()) {
                return Err(Error::InvalidInput(format!(
                    "Row {row} has a value in column {} but the header row (row {header_row}) has only {width} columns: {:?}. Check for an unquoted delimiter in that row, or add a column name.",
                    width + extra + 1,
                    cells[width + extra]
                )));
            }
            cells.truncate(width);
        }
        cells.resize(width, String::new());
        if rows.len() >= MAX_ROWS {
            return Err(too_many_rows());
        }
        rows.push(cells);
        row_numbers.push(row);
    }
    // Drop columns that have no name and no value.
    let keep: Vec<bool> = (0..width)
        .map(|c| !headers[c].is_empty() || rows.iter().any(|r| !r[c].is_empty()))
        .collect();
    if keep.iter().any(|k| !k) {
        let filter = |v: Vec<String>| -> Vec<String> {
            v.into_iter()
                .zip(&keep)
                .filter_map(|(c, k)| k.then_some(c))
                .collect()
        };
        let positions: Vec<usize> = (0..width).filter(|&c| keep[c]).collect();
        for (i, &c) in positions.iter().enumerate() {
            if headers[c].is_empty() {
                headers[c] = format!("Column {}", i + 1);
            }
        }
        headers = filter(headers);
        rows = rows.into_iter().map(filter).collect();
    } else {
        for (i, h) in headers.iter_mut().enumerate() {
            if h.is_empty() {
                *h = format!("Column {}", i + 1);
            }
        }
    }
    Ok(Table {
        headers: unique_names(headers),
        rows,
        row_numbers,
        header_row,
    })
}

/// "Phone", "Phone" → "Phone", "Phone (2)" (compared case-insensitively).
fn unique_names(names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names
        .into_iter()
        .map(|name| {
            let mut candidate = name.clone();
            let mut n = 1;
            while !seen.insert(candidate.to_lowercase()) {
                n += 1;
                candidate = format!("{name} ({n})");
            }
            candidate
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(s: &str) -> Table {
        read_table_from_bytes(s.as_bytes(), FileKind::Csv).unwrap()
    }

    #[test]
    fn delimiter_is_detected_from_the_header() {
        assert_eq!(detect_delimiter("a,b;c,d\n"), b',');
        assert_eq!(detect_delimiter("\n\na;b;\"c,d,e\"\n"), b';');
        assert_eq!(detect_delimiter("a\tb\tc"), b'\t');
        assert_eq!(detect_delimiter("name"), b',');
    }

    #[test]
    fn row_numbers_count_blank_lines_not_embedded_breaks() {
        let t = csv(
            "\r\nName,Notes\r\nAna,\"two\r\nlines\"\r\n\r\n,\r\nBo,x\r\n\"Cy\",\"a\nb\nc\"\nDi,y",
        );
        assert_eq!(t.header_row, 2);
        assert_eq!(t.headers, ["Name", "Notes"]);
        assert_eq!(t.row_numbers, [3, 6, 7, 8]);
        assert_eq!(t.rows[0], ["Ana", "two\r\nlines"]);
        assert_eq!(t.rows[3], ["Di", "y"]);
    }

    #[test]
    fn empty_and_duplicate_headers_are_named() {
        let t = csv("Phone,,phone,Phone (2),,\n1,2,3,4,,\n");
        assert_eq!(
            t.headers,
            ["Phone", "Column 2", "phone (2)", "Phone (2) (2)"]
        );
        assert_eq!(t.rows[0], ["1", "2", "3", "4"]);
    }

    #[test]
    fn extra_cells_are_an_error_unless_empty() {
        let t = csv("a,b\n1,2,,\n3\n");
        assert_eq!(t.rows, [vec!["1", "2"], vec!["3", ""]]);
        let e = read_table_from_bytes(b"a,b\n1,2\n3,4,5\n", FileKind::Csv).unwrap_err();
        assert!(
            e.to_string().starts_with("Row 3 has a value in column 3"),
            "{e}"
        );
    }

    #[test]
    fn decoding_never_fails() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFPe\xC3\xB1a"), "Peña");
        assert_eq!(decode_text(b"Pe\xF1a \x93q\x94"), "Peña “q”");
        assert_eq!(decode_text(b"\xFF\xFEP\x00e\x00\xF1\x00a\x00"), "Peña");
    }

    #[test]
    fn limits() {
        assert!(check_size(MAX_FILE_BYTES).is_ok());
        let e = check_size(MAX_FILE_BYTES + 1).unwrap_err().to_string();
        assert!(e.contains("up to 200 MiB"), "{e}");
        assert!(too_many_rows().to_string().contains("1,000,000"));
        let e = read_table_from_bytes(b"\n , \n", FileKind::Csv).unwrap_err();
        assert!(e.to_string().contains("empty"), "{e}");
    }

    /// Random bytes made of the characters that matter: the row numbers always line up with
    /// the CSV reader's records, and nothing panics.
    #[test]
    fn row_scan_agrees_with_the_csv_reader() {
        const ALPHABET: &[u8] = b"ab,;\t\"\"\r\n\n  \xF1\xC3\xB1";
        let mut seed: u64 = 0x5eed;
        for _ in 0..3000 {
            let len = (seed >> 33) as usize % 40;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ALPHABET[(seed >> 33) as usize % ALPHABET.len()]
                })
                .collect();
            let text = decode_text(&bytes);
            let delimiter = detect_delimiter(&text);
            let (rows, _) = record_rows(text.as_bytes(), delimiter);
            let count = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(text.as_bytes())
                .records()
                .count();
            assert_eq!(rows.len(), count, "{text:?}");
            assert!(rows.windows(2).all(|w| w[0] < w[1]), "{text:?}");
            if let Ok(t) = read_table_from_bytes(&bytes, FileKind::Csv) {
                assert!(t.rows.iter().all(|r| r.len() == t.headers.len()));
                let m = crate::import::guess_mapping(&t.headers);
                let _ = crate::import::records(&t, &m);
            }
            for kind in [FileKind::Xlsx, FileKind::Xls, FileKind::Ods] {
                assert!(read_table_from_bytes(&bytes, kind).is_err());
            }
        }
    }

    #[test]
    fn numbers_from_spreadsheets() {
        assert_eq!(number_text(1234.0), "1234");
        assert_eq!(number_text(5551234567.0), "5551234567");
        assert_eq!(number_text(12.5), "12.5");
    }
}
