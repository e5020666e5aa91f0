//! The DOCX rendering, for counsel to edit in Word: US Letter, 1-inch margins, Times New Roman
//! 12 pt at 1.5 lines, the statement as a real Word numbered list (inserting a paragraph
//! renumbers the rest), the draft mark in the header and "Page X of Y" fields in the footer.
//! Packed into memory by docx-rs: nothing is written to disk.

use super::super::template::{Block, Document};
use crate::error::{Error, Result};
use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Header, IndentLevel, Level, LevelJc,
    LevelText, LineSpacing, NumPages, NumberFormat, Numbering, NumberingId, PageMargin, PageNum,
    Paragraph, Run, RunFonts, SpecialIndentType, Start,
};
use std::io::Cursor;

/// Twentieths of a point.
const INCH: i32 = 1440;
const NUMBERING: usize = 1;
/// Body text in half-points (12 pt).
const BODY: usize = 24;
const FONT: &str = "Times New Roman";

fn spacing(after: u32) -> LineSpacing {
    // 360 = 1.5 lines ("auto" rule).
    LineSpacing::new().line(360).before(0).after(after)
}

/// A run of text; line breaks inside become Word line breaks.
fn text_runs(mut p: Paragraph, text: &str, bold: bool) -> Paragraph {
    for (i, line) in text.split('\n').enumerate() {
        let mut run = Run::new();
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
        if bold {
            run = run.bold();
        }
        p = p.add_run(run);
    }
    p
}

fn page_footer(pattern: &str) -> Footer {
    // "Page {page} of {pages}" with the two numbers as fields Word and LibreOffice fill in.
    let mut p = Paragraph::new().align(AlignmentType::Center);
    let mut rest = pattern;
    while !rest.is_empty() {
        let next = [("{page}", 0), ("{pages}", 1)]
            .into_iter()
            .filter_map(|(tag, kind)| rest.find(tag).map(|at| (at, tag, kind)))
            .min_by_key(|(at, _, _)| *at);
        match next {
            Some((at, tag, kind)) => {
                if at > 0 {
                    p = p.add_run(Run::new().add_text(&rest[..at]));
                }
                p = if kind == 0 {
                    p.add_page_num(PageNum::new())
                } else {
                    p.add_num_pages(NumPages::new())
                };
                rest = &rest[at + tag.len()..];
            }
            None => {
                p = p.add_run(Run::new().add_text(rest));
                rest = "";
            }
        }
    }
    Footer::new().add_paragraph(p)
}

/// Render the document to DOCX bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>> {
    let numbered = Level::new(
        0,
        Start::new(1),
        NumberFormat::new("decimal"),
        LevelText::new("%1."),
        LevelJc::new("left"),
    )
    .indent(
        Some(INCH / 2),
        Some(SpecialIndentType::Hanging(INCH / 2)),
        None,
        None,
    );
    let header = Header::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Right)
            .add_run(Run::new().add_text(&doc.header).size(16).color("555555")),
    );
    let mut docx = Docx::new()
        .page_size(12_240, 15_840)
        .page_margin(
            PageMargin::new()
                .top(INCH)
                .bottom(INCH)
                .left(INCH)
                .right(INCH)
                .header(INCH / 2)
                .footer(INCH / 2),
        )
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT))
        .default_size(BODY)
        .add_abstract_numbering(AbstractNumbering::new(NUMBERING).add_level(numbered))
        .add_numbering(Numbering::new(NUMBERING, NUMBERING))
        .header(header)
        .footer(page_footer(doc.strings.page));

    let blocks = &doc.blocks;
    for (i, block) in blocks.iter().enumerate() {
        let next_is_caption = matches!(blocks.get(i + 1), Some(Block::Caption { .. }));
        let p = match block {
            Block::Caption { text, title } => {
                let after = if *title || !next_is_caption { 240 } else { 0 };
                let before = if *title { 240 } else { 0 };
                let p = Paragraph::new()
                    .align(AlignmentType::Center)
                    .line_spacing(LineSpacing::new().line(276).before(before).after(after))
                    .keep_next(true);
                let p = text_runs(p, text, true);
                if *title {
                    p.size(26)
                } else {
                    p
                }
            }
            Block::Field { label, value } => Paragraph::new()
                .line_spacing(LineSpacing::new().line(276).before(0).after(60))
                .indent(
                    Some(INCH / 2),
                    Some(SpecialIndentType::Hanging(INCH / 2)),
                    None,
                    None,
                )
                .add_run(Run::new().add_text(format!("{label}: ")).bold())
                .add_run(Run::new().add_text(value)),
            Block::Text(text) => {
                // The attestation stays on the page of the signature block after it.
                let before_signature = matches!(blocks.get(i + 1), Some(Block::Signature(_)));
                let p = Paragraph::new()
                    .line_spacing(spacing(200).before(200))
                    .keep_next(before_signature)
                    .keep_lines(true);
                text_runs(p, text, false)
            }
            Block::Numbered { text, .. } => text_runs(
                Paragraph::new()
                    .numbering(NumberingId::new(NUMBERING), IndentLevel::new(0))
                    .line_spacing(spacing(160)),
                text,
                false,
            ),
            Block::Item(text) => text_runs(
                Paragraph::new()
                    .line_spacing(spacing(60))
                    .indent(
                        Some(INCH / 2 + INCH / 4),
                        Some(SpecialIndentType::Hanging(INCH / 4)),
                        None,
                        None,
                    )
                    .add_run(Run::new().add_text("–").add_tab()),
                text,
                false,
            ),
            Block::Signature(lines) => {
                // One paragraph per line, kept together on one page.
                let count = lines.len();
                for (k, line) in lines.iter().enumerate() {
                    let p = Paragraph::new()
                        .line_spacing(LineSpacing::new().line(360).before(if k == 0 {
                            480
                        } else {
                            120
                        }))
                        .keep_next(k + 1 < count)
                        .keep_lines(true);
                    docx = docx.add_paragraph(text_runs(p, line, false));
                }
                continue;
            }
        };
        docx = docx.add_paragraph(p);
    }

    let mut out = Cursor::new(Vec::new());
    docx.pack(&mut out).map_err(|e| {
        Error::InvalidInput(format!(
            "The Word document could not be made ({e}); nothing was written."
        ))
    })?;
    Ok(out.into_inner())
}
