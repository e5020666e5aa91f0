//! Which column of the employer's list goes to which field of a worker: automatic guesses from
//! the header names (English and Spanish), overrides (`--map COLUMN=FIELD`), and validation.

use super::normalize::header_words;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A worker field a column can be imported into.
#[derive(Serialize, Deserialize, TS, Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum Field {
    EmployeeId,
    LegalName,
    /// Combined with [`Field::LastName`] into the legal name "First Last" when no column holds
    /// the whole legal name (or it is empty on a row).
    FirstName,
    LastName,
    PreferredName,
    Pronouns,
    Phone,
    Email,
    Address,
    Department,
    Shift,
    JobTitle,
    HireDate,
    Languages,
    Notes,
    Tags,
    Ignore,
}

impl Field {
    /// Every field, in the order a mapping screen lists them.
    pub const ALL: [Field; 17] = [
        Field::EmployeeId,
        Field::LegalName,
        Field::FirstName,
        Field::LastName,
        Field::PreferredName,
        Field::Pronouns,
        Field::Phone,
        Field::Email,
        Field::Address,
        Field::Department,
        Field::Shift,
        Field::JobTitle,
        Field::HireDate,
        Field::Languages,
        Field::Notes,
        Field::Tags,
        Field::Ignore,
    ];

    /// The name used in JSON and on the command line (`employee_id`, `legal_name`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Field::EmployeeId => "employee_id",
            Field::LegalName => "legal_name",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::PreferredName => "preferred_name",
            Field::Pronouns => "pronouns",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::Address => "address",
            Field::Department => "department",
            Field::Shift => "shift",
            Field::JobTitle => "job_title",
            Field::HireDate => "hire_date",
            Field::Languages => "languages",
            Field::Notes => "notes",
            Field::Tags => "tags",
            Field::Ignore => "ignore",
        }
    }

    /// Whether several columns may map to this field. Phones and emails are collected; address
    /// parts (street, city, ZIP) joined with ", "; last names (e.g. "Apellido paterno",
    /// "Apellido materno") joined with a space; notes joined by lines; tags collected.
    pub fn allows_many(self) -> bool {
        matches!(
            self,
            Field::Phone
                | Field::Email
                | Field::Address
                | Field::LastName
                | Field::Notes
                | Field::Tags
                | Field::Ignore
        )
    }

    /// A field from its name as typed: `last_name`, `last-name`, `Last Name`, `lastname`; also
    /// `name` (legal name), `id` (employee id), `skip`/`none` (ignore).
    pub fn parse(s: &str) -> Option<Field> {
        let compact: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        match compact.as_str() {
            "name" => return Some(Field::LegalName),
            "id" => return Some(Field::EmployeeId),
            "skip" | "none" => return Some(Field::Ignore),
            _ => {}
        }
        Field::ALL
            .into_iter()
            .find(|f| f.as_str().replace('_', "") == compact)
    }
}

/// The field of each column of a table, in the order of its headers.
#[derive(Serialize, Deserialize, TS, Clone, PartialEq, Eq, Debug, Default)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ColumnMapping {
    pub columns: Vec<Field>,
}

/// One `--map COLUMN=FIELD` override: the 0-based column and its field.
#[derive(Serialize, Deserialize, TS, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct MappingOverride {
    pub column: usize,
    pub field: Field,
}

/// A mapping as saved with a campaign: by header name, so that the next list (whose columns
/// may be in another order) is mapped the same way.
#[derive(Serialize, Deserialize, TS, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SavedColumn {
    pub header: String,
    pub field: Field,
}

impl ColumnMapping {
    /// The columns mapped to `field`, in order.
    pub fn columns_for(&self, field: Field) -> impl Iterator<Item = usize> + '_ {
        self.columns
            .iter()
            .enumerate()
            .filter(move |(_, f)| **f == field)
            .map(|(i, _)| i)
    }

    pub fn has(&self, field: Field) -> bool {
        self.columns.contains(&field)
    }

    /// Applies overrides in order. A field that allows one column is taken away from any other
    /// column that had it (so `--map Badge=employee_id` replaces the guessed "ID" column).
    pub fn apply(&mut self, overrides: &[MappingOverride]) {
        for o in overrides {
            if !o.field.allows_many() {
                for f in self.columns.iter_mut() {
                    if *f == o.field {
                        *f = Field::Ignore;
                    }
                }
            }
            if let Some(f) = self.columns.get_mut(o.column) {
                *f = o.field;
            }
        }
    }

    /// Checks the mapping against the table's headers: one field per column, single-column
    /// fields used at most once, and some column holding the name.
    pub fn validate(&self, headers: &[String]) -> Result<()> {
        if self.columns.len() != headers.len() {
            return Err(Error::InvalidInput(format!(
                "The column mapping has {} entries but the file has {} columns.",
                self.columns.len(),
                headers.len()
            )));
        }
        for field in Field::ALL.into_iter().filter(|f| !f.allows_many()) {
            let cols: Vec<usize> = self.columns_for(field).collect();
            if cols.len() > 1 {
                return Err(Error::InvalidInput(format!(
                    "Columns {} are all mapped to {}; only one column can be. Set the others to ignore.",
                    quoted_list(cols.iter().map(|&c| headers[c].as_str())),
                    field.as_str()
                )));
            }
        }
        if !self.has(Field::LegalName) && !self.has(Field::FirstName) && !self.has(Field::LastName)
        {
            return Err(Error::InvalidInput(format!(
                "No column is mapped to the name. Map a column to legal_name (or columns to first_name and last_name). The columns are: {}.",
                quoted_list(headers.iter().map(String::as_str))
            )));
        }
        Ok(())
    }

    /// The mapping by header name, to save with the campaign (ignored columns included, so
    /// that a column the user chose to skip stays skipped).
    pub fn to_saved(&self, headers: &[String]) -> Vec<SavedColumn> {
        headers
            .iter()
            .zip(&self.columns)
            .map(|(h, f)| SavedColumn {
                header: h.clone(),
                field: *f,
            })
            .collect()
    }
}

fn quoted_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Guesses the field of every column from its header; a field that allows one column goes to
/// the first column guessed for it, later ones are ignored. "Nombre" alone (with no surname
/// column) is taken as the whole name, and "Name" next to "Last Name" as the first name.
pub fn guess_mapping(headers: &[String]) -> ColumnMapping {
    let mut columns: Vec<Field> = headers.iter().map(|h| guess_field(h)).collect();
    for i in 0..columns.len() {
        let f = columns[i];
        if !f.allows_many() && columns[..i].contains(&f) {
            columns[i] = Field::Ignore;
        }
    }
    let mut m = ColumnMapping { columns };
    let only = |h: &str, words: &[&str]| {
        let w = header_words(h);
        w.len() == 1 && words.contains(&w[0].as_str())
    };
    let first = m.columns_for(Field::FirstName).next();
    if let Some(c) = first {
        if !m.has(Field::LastName)
            && !m.has(Field::LegalName)
            && only(&headers[c], &["nombre", "nombres"])
        {
            m.columns[c] = Field::LegalName;
        }
    }
    let legal = m.columns_for(Field::LegalName).next();
    if let Some(c) = legal {
        if m.has(Field::LastName) && !m.has(Field::FirstName) && only(&headers[c], &["name"]) {
            m.columns[c] = Field::FirstName;
        }
    }
    m
}

/// [`guess_mapping`], except that headers found in a saved mapping (compared
/// case-insensitively) keep the field saved for them.
pub fn guess_mapping_with_saved(headers: &[String], saved: &[SavedColumn]) -> ColumnMapping {
    let mut m = guess_mapping(headers);
    let overrides: Vec<MappingOverride> = headers
        .iter()
        .enumerate()
        .filter_map(|(column, h)| {
            saved
                .iter()
                .find(|s| s.header.trim().to_lowercase() == h.trim().to_lowercase())
                .map(|s| MappingOverride {
                    column,
                    field: s.field,
                })
        })
        .collect();
    m.apply(&overrides);
    m
}

/// The field a header suggests on its own (see [`guess_mapping`] for the whole table).
pub fn guess_field(header: &str) -> Field {
    let w = header_words(header);
    if w.is_empty() {
        return Field::Ignore;
    }
    let has = |x: &str| w.iter().any(|y| y == x);
    let any = |xs: &[&str]| xs.iter().any(|x| has(x));
    let compact = w.concat();
    let alone = w.len() == 1;

    // Someone else's details, or data Fieldbook does not keep.
    if any(&[
        "emergency",
        "emergencia",
        "supervisor",
        "manager",
        "gerente",
        "jefe",
        "spouse",
        "username",
        "usuario",
        "company",
        "empresa",
        "birth",
        "nacimiento",
        "dob",
        "middle",
        "segundo",
        "fax",
        "status",
        "estado",
        "estatus",
    ]) {
        return Field::Ignore;
    }
    if compact.contains("email") || any(&["mail", "correo", "correos"]) {
        return Field::Email;
    }
    if compact.contains("phone")
        || any(&[
            "tel",
            "telephone",
            "telefono",
            "telefonos",
            "cell",
            "cellular",
            "celular",
            "cel",
            "mobile",
            "movil",
            "whatsapp",
            "ph",
        ])
    {
        return Field::Phone;
    }
    if any(&[
        "preferred",
        "preferido",
        "preferida",
        "nickname",
        "apodo",
        "alias",
    ]) || compact.contains("goesby")
        || compact.contains("knownas")
    {
        return Field::PreferredName;
    }
    if any(&["pronoun", "pronouns", "pronombre", "pronombres"]) {
        return Field::Pronouns;
    }
    let id_word = any(&[
        "id", "number", "no", "num", "nr", "nbr", "numero", "code", "codigo",
    ]);
    let person_word = any(&[
        "employee",
        "emp",
        "empl",
        "ee",
        "worker",
        "staff",
        "empleado",
        "trabajador",
        "personnel",
        "file",
    ]);
    if any(&[
        "badge", "gafete", "clock", "payroll", "nomina", "ficha", "empid", "empno",
    ]) || (id_word && (person_word || alone))
        || matches!(
            compact.as_str(),
            "eeid" | "eid" | "employeeid" | "employeeno"
        )
    {
        return Field::EmployeeId;
    }
    if any(&[
        "surname",
        "surnames",
        "apellido",
        "apellidos",
        "lastname",
        "lname",
    ]) || (has("last") && (has("name") || alone))
        || (has("family") && has("name"))
    {
        return Field::LastName;
    }
    if any(&["firstname", "fname", "forename", "given", "givenname"])
        || (has("first") && (has("name") || alone))
        || (any(&["nombre", "nombres"]) && (alone || any(&["primer", "pila"])))
    {
        return Field::FirstName;
    }
    if any(&[
        "dept",
        "department",
        "departamento",
        "depto",
        "area",
        "division",
        "section",
        "seccion",
    ]) {
        return Field::Department;
    }
    if any(&["shift", "turno", "horario", "schedule"]) {
        return Field::Shift;
    }
    if any(&[
        "hire",
        "hired",
        "doh",
        "ingreso",
        "contratacion",
        "seniority",
        "antiguedad",
        "alta",
    ]) || (has("start") && (alone || any(&["date", "fecha"])))
    {
        return Field::HireDate;
    }
    if any(&[
        "title",
        "position",
        "job",
        "puesto",
        "cargo",
        "classification",
        "clasificacion",
        "role",
        "rol",
        "occupation",
        "ocupacion",
        "categoria",
    ]) {
        return Field::JobTitle;
    }
    if any(&[
        "address",
        "addr",
        "street",
        "direccion",
        "domicilio",
        "calle",
        "city",
        "ciudad",
        "town",
        "state",
        "province",
        "provincia",
        "zip",
        "zipcode",
        "postal",
        "cp",
        "apt",
        "apartment",
        "colonia",
        "municipio",
        "county",
    ]) {
        return Field::Address;
    }
    if any(&[
        "language",
        "languages",
        "lang",
        "idioma",
        "idiomas",
        "lengua",
        "lenguas",
    ]) {
        return Field::Languages;
    }
    if any(&[
        "note",
        "notes",
        "comment",
        "comments",
        "remarks",
        "nota",
        "notas",
        "comentario",
        "comentarios",
        "observacion",
        "observaciones",
    ]) {
        return Field::Notes;
    }
    if any(&["tag", "tags", "etiqueta", "etiquetas", "label", "labels"]) {
        return Field::Tags;
    }
    if any(&["name", "names", "nombre", "nombres", "fullname"])
        || (alone && any(&["employee", "empleado", "worker", "trabajador"]))
    {
        return Field::LegalName;
    }
    Field::Ignore
}

/// Parses `--map COLUMN=FIELD` overrides against the table's headers. COLUMN is compared
/// case-insensitively; FIELD as in [`Field::parse`]. An unknown column or field is an error
/// that lists the choices.
pub fn parse_overrides(specs: &[String], headers: &[String]) -> Result<Vec<MappingOverride>> {
    specs
        .iter()
        .map(|spec| {
            let Some((column, field)) = spec.rsplit_once('=') else {
                return Err(Error::InvalidInput(format!(
                    "--map expects COLUMN=FIELD (e.g. \"Cell=phone\"), not \"{spec}\"."
                )));
            };
            let wanted = column.trim().to_lowercase();
            let column = headers
                .iter()
                .position(|h| h.trim().to_lowercase() == wanted)
                .ok_or_else(|| {
                    Error::InvalidInput(format!(
                        "There is no column \"{}\" in this file. Its columns are: {}.",
                        column.trim(),
                        quoted_list(headers.iter().map(String::as_str))
                    ))
                })?;
            let field = Field::parse(field).ok_or_else(|| {
                Error::InvalidInput(format!(
                    "\"{}\" is not a field. The fields are: {}.",
                    field.trim(),
                    Field::ALL.map(Field::as_str).join(", ")
                ))
            })?;
            Ok(MappingOverride { column, field })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_round_trip() {
        for f in Field::ALL {
            assert_eq!(Field::parse(f.as_str()), Some(f));
            assert_eq!(
                serde_json::to_string(&f).unwrap(),
                format!("\"{}\"", f.as_str())
            );
        }
        assert_eq!(Field::parse("Last Name"), Some(Field::LastName));
        assert_eq!(Field::parse("hire-date"), Some(Field::HireDate));
        assert_eq!(Field::parse("skip"), Some(Field::Ignore));
        assert_eq!(Field::parse("fone"), None);
    }

    #[test]
    fn traps_are_not_guessed() {
        for h in [
            "Emergency Contact Phone",
            "Supervisor Name",
            "Date of Birth",
            "Middle Name",
            "Last Day Worked",
            "Pay Rate",
            "Status",
            "Fecha de nacimiento",
            "",
        ] {
            assert_eq!(guess_field(h), Field::Ignore, "{h}");
        }
        assert_eq!(guess_field("Email Address"), Field::Email);
        assert_eq!(guess_field("Apt #"), Field::Address);
        assert_eq!(guess_field("Employee"), Field::LegalName);
        assert_eq!(guess_field("Employee #"), Field::EmployeeId);
        assert_eq!(guess_field("Employee Type"), Field::Ignore);
        assert_eq!(guess_field("Employee Status"), Field::Ignore);
        assert_eq!(guess_field("ZIP code"), Field::Address);
    }

    #[test]
    fn apply_moves_single_fields() {
        let mut m = ColumnMapping {
            columns: vec![Field::EmployeeId, Field::Ignore, Field::Phone],
        };
        m.apply(&[
            MappingOverride {
                column: 1,
                field: Field::EmployeeId,
            },
            MappingOverride {
                column: 0,
                field: Field::Phone,
            },
        ]);
        assert_eq!(m.columns, [Field::Phone, Field::EmployeeId, Field::Phone]);
    }
}
