//! From a table to worker records: guessing the mapping (English and Spanish), overrides,
//! validation, and errors that name the row and column.

use fieldbook::import::{
    guess_mapping, guess_mapping_with_saved, looks_like_work_email, normalize_name,
    normalize_phone, parse_overrides, read_table, read_table_from_bytes, records, ColumnMapping,
    Field, FileKind, Table,
};
use fieldbook::{Error, ErrorCode};
use std::path::Path;

use Field::*;

fn headers(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}

fn csv(text: &str) -> Table {
    read_table_from_bytes(text.as_bytes(), FileKind::Csv).unwrap()
}

fn import(text: &str) -> fieldbook::Result<Vec<fieldbook::import::ImportedWorker>> {
    let t = csv(text);
    records(&t, &guess_mapping(&t.headers))
}

fn invalid_input<T: std::fmt::Debug>(r: fieldbook::Result<T>) -> String {
    match r {
        Err(e @ Error::InvalidInput(_)) => {
            assert_eq!(e.code(), ErrorCode::InvalidInput);
            e.to_string()
        }
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn guesses_english_headers() {
    let h = headers(&[
        "Emp #",
        "Last Name",
        "First",
        "Preferred name",
        "Pronouns",
        "Dept.",
        "Shift",
        "Cell",
        "Home Phone",
        "E-mail",
        "Job Title",
        "Date of Hire",
        "Street Address",
        "City",
        "State",
        "ZIP",
        "Language(s)",
        "Comments",
        "Date of Birth",
        "Supervisor",
        "Emergency Contact Phone",
        "Pay Rate",
        "Badge",
    ]);
    assert_eq!(
        guess_mapping(&h).columns,
        [
            EmployeeId,
            LastName,
            FirstName,
            PreferredName,
            Pronouns,
            Department,
            Shift,
            Phone,
            Phone,
            Email,
            JobTitle,
            HireDate,
            Address,
            Address,
            Address,
            Address,
            Languages,
            Notes,
            Ignore,
            Ignore,
            Ignore,
            Ignore,
            Ignore, // a second employee id column: the first one wins
        ]
    );

    for (header, field) in [
        ("Name", LegalName),
        ("Full name", LegalName),
        ("EMPLOYEE NAME", LegalName),
        ("Surname", LastName),
        ("Given name", FirstName),
        ("Department", Department),
        ("Mobile", Phone),
        ("Phone", Phone),
        ("Tel", Phone),
        ("Email address", Email),
        ("Employee ID", EmployeeId),
        ("ID", EmployeeId),
        ("Badge", EmployeeId),
        ("Title", JobTitle),
        ("Position", JobTitle),
        ("Job", JobTitle),
        ("Hire date", HireDate),
        ("Start Date", HireDate),
        ("Address", Address),
        ("Languages", Languages),
        ("Nickname", PreferredName),
        ("Goes by", PreferredName),
        ("Notes", Notes),
        ("Tags", Tags),
        ("Favorite color", Ignore),
    ] {
        assert_eq!(
            guess_mapping(&headers(&[header])).columns,
            [field],
            "{header}"
        );
    }
}

#[test]
fn guesses_spanish_headers() {
    let h = headers(&[
        "Número de empleado",
        "Nombre",
        "Apellido",
        "Departamento",
        "Turno",
        "Teléfono",
        "Celular",
        "Correo electrónico",
        "Puesto",
        "Fecha de ingreso",
        "Dirección",
        "Idioma",
        "Área",
        "Observaciones",
        "Fecha de nacimiento",
    ]);
    assert_eq!(
        guess_mapping(&h).columns,
        [
            EmployeeId, FirstName, LastName, Department, Shift, Phone, Phone, Email, JobTitle,
            HireDate, Address, Languages, Ignore, // a second department column
            Notes, Ignore,
        ]
    );
    // "Nombre" alone is the whole name; "Nombre completo" always is.
    assert_eq!(
        guess_mapping(&headers(&["Nombre", "Turno"])).columns,
        [LegalName, Shift]
    );
    assert_eq!(
        guess_mapping(&headers(&["Nombre completo", "Apellidos"])).columns,
        [LegalName, LastName]
    );
    // "Name" next to "Last Name" is the first name.
    assert_eq!(
        guess_mapping(&headers(&["Name", "Last Name"])).columns,
        [FirstName, LastName]
    );
}

#[test]
fn messy_csv_becomes_workers() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/messy.csv");
    let t = read_table(&path).unwrap();
    let m = guess_mapping(&t.headers);
    assert_eq!(
        m.columns,
        [EmployeeId, LegalName, Phone, Phone, Notes, Department, HireDate, Email]
    );
    let w = records(&t, &m).unwrap();
    assert_eq!(w.len(), 4);
    assert_eq!(w[0].row, 3);
    assert_eq!(w[0].employee_id.as_deref(), Some("A-1"));
    assert_eq!(w[0].legal_name, "Peña, María");
    assert_eq!(normalize_name(&w[0].legal_name), "maria pena");
    assert_eq!(w[0].phones, ["555-123-4567", "(555) 222-3333"]);
    assert_eq!(w[0].hire_date.as_deref(), Some("2020-03-05"));
    assert_eq!(w[0].emails, ["maria@example.com"]);
    assert_eq!(w[1].notes, "Two\r\nlines of notes");
    assert_eq!(w[1].hire_date.as_deref(), Some("2019-11-30"));
    assert!(w[1].emails.is_empty() && w[1].phones.is_empty());
    assert_eq!(w[2].legal_name, "Lee Chen", "inner whitespace collapsed");
    assert_eq!(w[2].emails, ["lee@example.org"]);
    assert_eq!(w[3].row, 7);
    assert_eq!(w[3].hire_date, None);
}

#[test]
fn spanish_list_with_two_surnames_and_day_first_dates() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/spanish_semicolon.csv");
    let t = read_table(&path).unwrap();
    let m = guess_mapping(&t.headers);
    assert_eq!(
        m.columns,
        [
            FirstName, LastName, LastName, Phone, Email, Department, Shift, JobTitle, HireDate,
            Languages
        ]
    );
    let w = records(&t, &m).unwrap();
    assert_eq!(w[0].legal_name, "María José Peña López");
    assert_eq!(w[1].legal_name, "Juan García");
    // "25/12/2018" in the same column shows the dates are day first: 05/03/2020 is 5 March.
    assert_eq!(w[0].hire_date.as_deref(), Some("2020-03-05"));
    assert_eq!(w[1].hire_date.as_deref(), Some("2018-12-25"));
    assert_eq!(w[0].phones, ["55 1234 5678"]);
    assert_eq!(normalize_phone(&w[0].phones[0]), "5512345678");
    assert_eq!(w[1].languages, "Español, inglés");
    assert_eq!(w[0].department, "Empaque");
    assert_eq!(w[0].shift, "Matutino");
    assert_eq!(w[0].job_title, "Operadora");
}

#[test]
fn a_row_without_a_name_is_an_error_naming_row_and_column() {
    let msg = invalid_input(import(
        "Employee ID,Full Name,Dept\r\nA-1,Ana Ruiz,Picking\r\n\r\nA-2,,Shipping\r\n",
    ));
    assert!(
        msg.starts_with("Row 4, column \"Full Name\": the name is empty."),
        "{msg}"
    );
    // First and last name columns: the error names the first of them.
    let msg = invalid_input(import(
        "First Name,Last Name,Cell\nAna,Ruiz,\n,,555-123-4567\n",
    ));
    assert!(msg.starts_with("Row 3, column \"First Name\""), "{msg}");
    // A last name alone is a name.
    let w = import("First Name,Last Name\n,Ruiz\n").unwrap();
    assert_eq!(w[0].legal_name, "Ruiz");
    // A row whose mapped cells are all empty is skipped, even if an ignored column has text.
    let w = import("Name,Favorite color\nAna,blue\n,green\n").unwrap();
    assert_eq!(w.len(), 1);
}

#[test]
fn a_bad_date_is_an_error_naming_row_and_column() {
    let mut text = String::from("Name,Hire Date\n");
    for i in 2..17 {
        text.push_str(&format!("Worker {i},3/{i}/2020\n"));
    }
    text.push_str("Ana Ruiz,31/31/2020\n");
    let msg = invalid_input(import(&text));
    assert_eq!(
        msg,
        "Row 17, column \"Hire Date\": \"31/31/2020\" is not a date."
    );
}

#[test]
fn bad_emails_and_phones_name_row_and_column() {
    let msg = invalid_input(import("Name,Email\nAna,ana@example\n"));
    assert_eq!(
        msg,
        "Row 2, column \"Email\": \"ana@example\" is not an email address."
    );
    let msg = invalid_input(import("Name,Cell\nAna,555-12\n"));
    assert_eq!(
        msg,
        "Row 2, column \"Cell\": \"555-12\" is not a phone number."
    );
    // Placeholders are not errors.
    let w = import("Name,Cell,Email\nAna,N/A,none\n").unwrap();
    assert!(w[0].phones.is_empty() && w[0].emails.is_empty());
}

#[test]
fn addresses_notes_and_tags_from_several_columns() {
    let w = import(
        "Name,Street,City,State,ZIP,Notes,Comments,Tags\n\
         Ana,12 Elm St,Springfield,IL,62701,likes coffee,night owl,\"committee; spanish\"\n\
         Bo,,Springfield,,,,,\n",
    )
    .unwrap();
    assert_eq!(w[0].address, "12 Elm St, Springfield, IL, 62701");
    assert_eq!(w[0].notes, "likes coffee\nnight owl");
    assert_eq!(w[0].tags, ["committee", "spanish"]);
    assert_eq!(w[1].address, "Springfield");
}

#[test]
fn overrides_by_column_name() {
    let h = headers(&["ID", "Badge", "Name", "Extra"]);
    let o = parse_overrides(
        &["badge=employee_id".to_string(), "EXTRA = Notes".to_string()],
        &h,
    )
    .unwrap();
    let mut m = guess_mapping(&h);
    assert_eq!(m.columns, [EmployeeId, Ignore, LegalName, Ignore]);
    m.apply(&o);
    assert_eq!(m.columns, [Ignore, EmployeeId, LegalName, Notes]);
    m.validate(&h).unwrap();

    let msg = invalid_input(parse_overrides(&["Cel=phone".to_string()], &h));
    assert_eq!(
        msg,
        "There is no column \"Cel\" in this file. Its columns are: \"ID\", \"Badge\", \"Name\", \"Extra\"."
    );
    let msg = invalid_input(parse_overrides(&["Extra=fone".to_string()], &h));
    assert!(
        msg.starts_with(
            "\"fone\" is not a field. The fields are: employee_id, legal_name, first_name"
        ),
        "{msg}"
    );
    let msg = invalid_input(parse_overrides(&["Extra".to_string()], &h));
    assert!(msg.contains("COLUMN=FIELD"), "{msg}");
}

#[test]
fn invalid_mappings_are_refused() {
    let t = csv("ID,Badge,Dept\n1,2,x\n");
    let m = ColumnMapping {
        columns: vec![EmployeeId, EmployeeId, Department],
    };
    let msg = invalid_input(records(&t, &m));
    assert!(
        msg.starts_with("Columns \"ID\", \"Badge\" are all mapped to employee_id"),
        "{msg}"
    );
    let msg = invalid_input(records(&t, &guess_mapping(&t.headers)));
    assert!(msg.starts_with("No column is mapped to the name"), "{msg}");
    let m = ColumnMapping {
        columns: vec![LegalName],
    };
    let msg = invalid_input(records(&t, &m));
    assert!(
        msg.contains("1 entries but the file has 3 columns"),
        "{msg}"
    );
}

#[test]
fn a_saved_mapping_applies_to_the_next_list_by_header() {
    let first = headers(&["Name", "Code", "Dept"]);
    let mut m = guess_mapping(&first);
    m.columns[1] = EmployeeId;
    let saved = m.to_saved(&first);
    // The next list has the columns in another order, in capitals, with one more.
    let next = headers(&["DEPT", "code", "Cell", "Name"]);
    assert_eq!(
        guess_mapping_with_saved(&next, &saved).columns,
        [Department, EmployeeId, Phone, LegalName]
    );
}

#[test]
fn boundary_types_serialize_for_the_ui() {
    let w =
        import("Employee ID,Name,Hire Date,Preferred Name\n7,Ana Ruiz,2020-03-05,Anita\n").unwrap();
    let json = serde_json::to_value(&w[0]).unwrap();
    assert_eq!(json["employeeId"], "7");
    assert_eq!(json["legalName"], "Ana Ruiz");
    assert_eq!(json["preferredName"], "Anita");
    assert_eq!(json["hireDate"], "2020-03-05");
    assert_eq!(json["row"], 2);
    let m = ColumnMapping {
        columns: vec![JobTitle, Ignore],
    };
    assert_eq!(
        serde_json::to_string(&m).unwrap(),
        r#"{"columns":["job_title","ignore"]}"#
    );
}

#[test]
fn work_emails_are_flagged() {
    let domains = vec!["acme-logistics.com".to_string()];
    let w = import("Name,Email\nAna,\"ana@gmail.com; Ana.Ruiz@ACME-Logistics.com\"\n").unwrap();
    assert_eq!(w[0].work_emails(&domains), ["ana.ruiz@acme-logistics.com"]);
    assert!(!looks_like_work_email("ana@gmail.com", &domains));
}
