//! The affidavit template in English and Spanish, and the document a rendering lays out: caption,
//! the affiant's details, the numbered first-person paragraphs, the witnesses, the attestation and
//! the signature block. The PDF and DOCX renderers share this model.

use super::model::{AffidavitContent, AffidavitLanguage};

/// The fixed wording of the template in one language.
pub struct Strings {
    pub country: &'static str,
    pub board: &'static str,
    pub employer: &'static str,
    pub case_number: &'static str,
    pub title: &'static str,
    pub name: &'static str,
    pub also_known_as: &'static str,
    pub job_title: &'static str,
    pub department: &'static str,
    pub shift: &'static str,
    pub employed_since: &'static str,
    pub address: &'static str,
    pub contact: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    /// "I, {name}, state as follows:"
    pub intro: &'static str,
    pub witnesses: &'static str,
    pub attestation: &'static str,
    pub executed: &'static str,
    pub signature: &'static str,
    pub printed_name: &'static str,
    /// "Page {page} of {pages}"
    pub page: &'static str,
    /// "Confidential draft, version {seq} (SHA-256 {hash})"
    pub draft_mark: &'static str,
    pub months: [&'static str; 12],
    /// "March 4, 2021" (true) or "4 de marzo de 2021" (false).
    pub month_first: bool,
}

pub const EN: Strings = Strings {
    country: "UNITED STATES OF AMERICA",
    board: "BEFORE THE NATIONAL LABOR RELATIONS BOARD",
    employer: "Employer",
    case_number: "Case number",
    title: "AFFIDAVIT OF",
    name: "Name",
    also_known_as: "Also known as",
    job_title: "Job title",
    department: "Department",
    shift: "Shift",
    employed_since: "Employed since",
    address: "Home address",
    contact: "Contact (given instead of a home address)",
    phone: "phone",
    email: "e-mail",
    intro: "I, {name}, state as follows:",
    witnesses: "The following people saw or heard what I describe, or know about it:",
    attestation: "I declare under penalty of perjury under the laws of the United States of America that the foregoing is true and correct.",
    executed: "Executed on ______________________ at ______________________________.",
    signature: "Signature",
    printed_name: "Printed name",
    page: "Page {page} of {pages}",
    draft_mark: "Confidential draft, version {seq} (SHA-256 {hash})",
    months: [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ],
    month_first: true,
};

pub const ES: Strings = Strings {
    country: "ESTADOS UNIDOS DE AMÉRICA",
    board: "ANTE LA JUNTA NACIONAL DE RELACIONES DEL TRABAJO",
    employer: "Empleador",
    case_number: "Número de caso",
    title: "DECLARACIÓN JURADA DE",
    name: "Nombre",
    also_known_as: "También conocido/a como",
    job_title: "Puesto",
    department: "Departamento",
    shift: "Turno",
    employed_since: "Empleado/a desde",
    address: "Domicilio",
    contact: "Contacto (en lugar del domicilio)",
    phone: "teléfono",
    email: "correo electrónico",
    intro: "Yo, {name}, declaro lo siguiente:",
    witnesses: "Las siguientes personas vieron u oyeron lo que describo, o tienen conocimiento de ello:",
    attestation: "Declaro bajo pena de perjurio, conforme a las leyes de los Estados Unidos de América, que lo anterior es verdadero y correcto.",
    executed: "Firmado el ______________________ en ______________________________.",
    signature: "Firma",
    printed_name: "Nombre en letra de molde",
    page: "Página {page} de {pages}",
    draft_mark: "Borrador confidencial, versión {seq} (SHA-256 {hash})",
    months: [
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
        "octubre", "noviembre", "diciembre",
    ],
    month_first: false,
};

pub fn strings(language: AffidavitLanguage) -> &'static Strings {
    match language {
        AffidavitLanguage::En => &EN,
        AffidavitLanguage::Es => &ES,
    }
}

impl Strings {
    /// "Page 2 of 3" / "Página 2 de 3".
    pub fn page_of(&self, page: usize, pages: usize) -> String {
        self.page
            .replace("{page}", &page.to_string())
            .replace("{pages}", &pages.to_string())
    }

    /// A day as people write it: "March 4, 2021" / "4 de marzo de 2021".
    pub fn day(&self, ymd: &str) -> String {
        let Ok(d) = chrono::NaiveDate::parse_from_str(ymd, "%Y-%m-%d") else {
            return ymd.to_string();
        };
        use chrono::Datelike;
        let month = self.months[d.month0() as usize];
        if self.month_first {
            format!("{month} {}, {}", d.day(), d.year())
        } else {
            format!("{} de {month} de {}", d.day(), d.year())
        }
    }
}

/// One block of the laid-out document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A centered caption line; `title` for the "AFFIDAVIT OF …" line.
    Caption { text: String, title: bool },
    /// A labelled detail: "Employer: Northgate Logistics".
    Field { label: String, value: String },
    /// An unnumbered paragraph (the opening line, the attestation).
    Text(String),
    /// A numbered paragraph of the statement (line breaks inside kept as `\n`).
    Numbered { number: u32, text: String },
    /// An indented item under the paragraph before (a witness).
    Item(String),
    /// The signature block, kept on one page: lines of text.
    Signature(Vec<String>),
}

/// What a rendering prints besides the statement itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// The employer as the campaign names it.
    pub employer: String,
    /// The Board's case number, when a linked incident has one.
    pub case_number: Option<String>,
    pub seq: u32,
    pub hash: String,
}

/// The document for one version: its blocks, the running header, and the template's strings.
pub struct Document {
    pub strings: &'static Strings,
    pub language: AffidavitLanguage,
    /// The line at the top of every page (the draft mark with the version and its hash).
    pub header: String,
    pub blocks: Vec<Block>,
}

/// Lay out one version of a statement in its language's template.
pub fn document(content: &AffidavitContent, ctx: &Context) -> Document {
    let s = strings(content.language);
    let a = &content.affiant;
    let mut blocks = vec![
        Block::Caption {
            text: s.country.into(),
            title: false,
        },
        Block::Caption {
            text: s.board.into(),
            title: false,
        },
    ];
    let field = |label: &str, value: &str| Block::Field {
        label: label.into(),
        value: value.into(),
    };
    if !ctx.employer.trim().is_empty() {
        blocks.push(field(s.employer, ctx.employer.trim()));
    }
    if let Some(case) = ctx.case_number.as_deref().filter(|c| !c.trim().is_empty()) {
        blocks.push(field(s.case_number, case.trim()));
    }
    blocks.push(Block::Caption {
        text: format!("{} {}", s.title, a.name.to_uppercase()),
        title: true,
    });
    blocks.push(field(s.name, &a.name));
    if !a.also_known_as.is_empty() {
        blocks.push(field(s.also_known_as, &a.also_known_as.join("; ")));
    }
    for (label, value) in [
        (s.job_title, &a.job_title),
        (s.department, &a.department),
        (s.shift, &a.shift),
    ] {
        if !value.is_empty() {
            blocks.push(field(label, value));
        }
    }
    if let Some(since) = a.employed_since.as_deref() {
        blocks.push(field(s.employed_since, &s.day(since)));
    }
    if a.contact_instead_of_address {
        let mut parts = Vec::new();
        if !a.phone.is_empty() {
            parts.push(format!("{} {}", s.phone, a.phone));
        }
        if !a.email.is_empty() {
            parts.push(format!("{} {}", s.email, a.email));
        }
        if !parts.is_empty() {
            blocks.push(field(s.contact, &parts.join("; ")));
        }
    } else if !a.address.is_empty() {
        blocks.push(field(s.address, &a.address));
    }
    blocks.push(Block::Text(s.intro.replace("{name}", &a.name)));
    let mut number = 0;
    for p in &content.paragraphs {
        number += 1;
        blocks.push(Block::Numbered {
            number,
            text: p.clone(),
        });
    }
    if !content.witnesses.is_empty() {
        number += 1;
        blocks.push(Block::Numbered {
            number,
            text: s.witnesses.into(),
        });
        for w in &content.witnesses {
            blocks.push(Block::Item(if w.details.is_empty() {
                w.name.clone()
            } else {
                format!("{}, {}", w.name, w.details)
            }));
        }
    }
    blocks.push(Block::Text(s.attestation.into()));
    blocks.push(Block::Signature(vec![
        s.executed.into(),
        String::new(),
        format!("{}: ____________________________________", s.signature),
        format!("{}: {}", s.printed_name, a.name),
    ]));
    let short = ctx.hash.get(..16).unwrap_or(&ctx.hash);
    Document {
        strings: s,
        language: content.language,
        header: s
            .draft_mark
            .replace("{seq}", &ctx.seq.to_string())
            .replace("{hash}", &format!("{short}…")),
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::affidavits::model::{Affiant, AffidavitWitness};

    #[test]
    fn the_spanish_template_is_spanish_throughout() {
        let content = AffidavitContent {
            language: AffidavitLanguage::Es,
            affiant: Affiant {
                name: "José Núñez".into(),
                employed_since: Some("2021-03-04".into()),
                contact_instead_of_address: true,
                phone: "555-0101".into(),
                ..Affiant::default()
            },
            paragraphs: vec!["Trabajo en el turno de noche.".into()],
            witnesses: vec![AffidavitWitness {
                name: "Ana Peña".into(),
                worker_id: None,
                details: "empacadora".into(),
            }],
        };
        let d = document(
            &content,
            &Context {
                employer: "Northgate Logistics".into(),
                case_number: Some("13-CA-000123".into()),
                seq: 2,
                hash: "ab".repeat(32),
            },
        );
        assert_eq!(d.strings.page_of(1, 3), "Página 1 de 3");
        assert_eq!(EN.page_of(2, 3), "Page 2 of 3");
        assert!(d.header.starts_with("Borrador confidencial, versión 2"));
        assert!(d.blocks.contains(&Block::Caption {
            text: "DECLARACIÓN JURADA DE JOSÉ NÚÑEZ".into(),
            title: true
        }));
        assert!(d.blocks.contains(&Block::Field {
            label: "Empleado/a desde".into(),
            value: "4 de marzo de 2021".into()
        }));
        assert!(d.blocks.contains(&Block::Numbered {
            number: 2,
            text: ES.witnesses.into()
        }));
        assert!(d
            .blocks
            .contains(&Block::Item("Ana Peña, empacadora".into())));
        assert_eq!(EN.day("2021-03-04"), "March 4, 2021");
    }
}
