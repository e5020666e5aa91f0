//! The PDF rendering: US Letter, 1-inch margins, DejaVu Serif embedded (subset, with a ToUnicode
//! map so the text extracts and searches, accents included), numbered paragraphs with a hanging
//! number, the draft mark at the top of every page and "Page 1 of 3" at the bottom. Made in memory
//! by krilla: nothing is written to disk.

use super::super::template::{Block, Document};
use crate::error::{Error, Result};
use crate::pdffont::{Face, BOLD, REGULAR};
use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::text::TextDirection;
use krilla::SerializeSettings;

const PAGE_W: f32 = 612.0;
const PAGE_H: f32 = 792.0;
const MARGIN: f32 = 72.0;
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;
const BODY: f32 = 12.0;
const TITLE: f32 = 13.0;
const LEADING: f32 = 18.0;
/// The affiant's details are set closer.
const FIELD_LEADING: f32 = 15.0;
/// Space after a paragraph.
const GAP: f32 = 10.0;
/// Where a numbered paragraph's text starts, right of its number.
const HANG: f32 = 30.0;
const ITEM: f32 = HANG + 18.0;
const HEADER_SIZE: f32 = 8.0;
const FOOTER_SIZE: f32 = 10.0;

/// Break `text` into lines no wider than `width` (words, and a too-long word by characters).
/// Line breaks inside the text are kept.
fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for hard in text.split('\n') {
        let mut current = String::new();
        for word in hard.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if face.width(&candidate, size) <= width {
                current = candidate;
                continue;
            }
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            if face.width(word, size) <= width {
                current = word.to_string();
            } else {
                for c in word.chars() {
                    let mut next = current.clone();
                    next.push(c);
                    if face.width(&next, size) > width && !current.is_empty() {
                        lines.push(std::mem::replace(&mut current, c.to_string()));
                    } else {
                        current = next;
                    }
                }
            }
        }
        lines.push(current);
    }
    lines
}

struct Line {
    x: f32,
    y: f32,
    text: String,
    bold: bool,
    size: f32,
}

struct Layout<'a> {
    regular: &'a Face,
    bold: &'a Face,
    pages: Vec<Vec<Line>>,
    /// The next baseline on the current page.
    y: f32,
}

impl Layout<'_> {
    fn top() -> f32 {
        MARGIN + BODY
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = Self::top();
    }

    /// Start a new page unless `height` more fits on this one.
    fn ensure(&mut self, height: f32) {
        let at_top = self.y <= Self::top();
        if !at_top && self.y + height - LEADING > PAGE_H - MARGIN {
            self.new_page();
        }
    }

    fn put(&mut self, x: f32, text: String, bold: bool, size: f32) {
        let y = self.y;
        self.pages.last_mut().expect("a page is open").push(Line {
            x,
            y,
            text,
            bold,
            size,
        });
    }

    /// Lines at `x`, one under the other, breaking the page where needed.
    fn lines(&mut self, x: f32, lines: Vec<String>, bold: bool) {
        for line in lines {
            self.ensure(LEADING);
            self.put(x, line, bold, BODY);
            self.y += LEADING;
        }
    }

    fn gap(&mut self, h: f32) {
        if self.y > Self::top() {
            self.y += h;
        }
    }

    fn caption(&mut self, text: &str, title: bool) {
        let size = if title { TITLE } else { BODY };
        if title {
            self.gap(LEADING * 0.5);
        }
        for line in wrap(self.bold, text, size, TEXT_W) {
            self.ensure(LEADING);
            let x = MARGIN + (TEXT_W - self.bold.width(&line, size)) / 2.0;
            self.put(x, line, true, size);
            self.y += LEADING;
        }
        if title {
            self.gap(LEADING * 0.5);
        }
    }

    /// "Label: value", the value wrapped beside the label, set closer than the statement.
    fn field(&mut self, label: &str, value: &str) {
        let label = format!("{label}: ");
        let label_w = self.bold.width(&label, BODY);
        let indent = label_w.min(TEXT_W / 2.0);
        let lines = wrap(self.regular, value, BODY, TEXT_W - indent);
        self.ensure(LEADING);
        self.put(MARGIN, label, true, BODY);
        for line in lines {
            self.ensure(FIELD_LEADING);
            self.put(MARGIN + indent, line, false, BODY);
            self.y += FIELD_LEADING;
        }
    }

    fn numbered(&mut self, number: u32, text: &str) {
        let lines = wrap(self.regular, text, BODY, TEXT_W - HANG);
        // No paragraph starts on the last line of a page: two lines together, or all of a short one.
        let keep = if lines.len() <= 3 { lines.len() } else { 2 };
        self.ensure(LEADING * keep as f32);
        self.put(MARGIN, format!("{number}."), false, BODY);
        self.lines(MARGIN + HANG, lines, false);
        self.gap(GAP);
    }
}

/// The height of the signature block (its lines are short: one line each).
fn signature_height(lines: &[String]) -> f32 {
    LEADING * 1.5 * lines.len() as f32
}

/// Render the document to PDF bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>> {
    let regular = Face::load(REGULAR)?;
    let bold = Face::load(BOLD)?;
    let mut layout = Layout {
        regular: &regular,
        bold: &bold,
        pages: Vec::new(),
        y: 0.0,
    };
    layout.new_page();
    let mut previous_was_caption = false;
    for (i, block) in doc.blocks.iter().enumerate() {
        if previous_was_caption && !matches!(block, Block::Caption { .. }) {
            layout.gap(GAP);
        }
        previous_was_caption = matches!(block, Block::Caption { .. });
        match block {
            Block::Caption { text, title } => layout.caption(text, *title),
            Block::Field { label, value } => layout.field(label, value),
            Block::Text(text) => {
                layout.gap(GAP);
                let lines = wrap(&regular, text, BODY, TEXT_W);
                // The attestation stays on the page of the signature block below it.
                let keep = match doc.blocks.get(i + 1) {
                    Some(Block::Signature(sig)) => {
                        lines.len() as f32 * LEADING + GAP * 3.0 + signature_height(sig)
                    }
                    _ => LEADING,
                };
                layout.ensure(keep);
                layout.lines(MARGIN, lines, false);
                layout.gap(GAP);
            }
            Block::Numbered { number, text } => layout.numbered(*number, text),
            Block::Item(text) => {
                let lines = wrap(&regular, text, BODY, TEXT_W - ITEM);
                layout.ensure(LEADING);
                layout.put(MARGIN + HANG, "–".into(), false, BODY);
                layout.lines(MARGIN + ITEM, lines, false);
            }
            Block::Signature(lines) => {
                layout.gap(GAP * 2.0);
                layout.ensure(signature_height(lines));
                for line in lines {
                    let wrapped = wrap(&regular, line, BODY, TEXT_W);
                    layout.lines(MARGIN, wrapped, false);
                    layout.y += LEADING * 0.5;
                }
            }
        }
    }

    let pages = layout.pages;
    let total = pages.len();
    let settings = SerializeSettings {
        // No XMP packet: the file carries nothing but the pages.
        xmp_metadata: false,
        ..SerializeSettings::default()
    };
    let mut pdf = krilla::Document::new_with(settings);
    let page_settings =
        PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| Error::InvalidInput("page".into()))?;
    for (i, lines) in pages.into_iter().enumerate() {
        let mut page = pdf.start_page_with(page_settings.clone());
        let mut surface = page.surface();
        let mut draw = |x: f32, y: f32, text: &str, face: &Face, size: f32| {
            if !text.is_empty() {
                surface.draw_text(
                    Point::from_xy(x, y),
                    face.pdf.clone(),
                    size,
                    text,
                    false,
                    TextDirection::Auto,
                );
            }
        };
        draw(MARGIN, MARGIN / 2.0, &doc.header, &regular, HEADER_SIZE);
        for l in &lines {
            let face = if l.bold { &bold } else { &regular };
            draw(l.x, l.y, &l.text, face, l.size);
        }
        let footer = doc.strings.page_of(i + 1, total);
        let x = (PAGE_W - regular.width(&footer, FOOTER_SIZE)) / 2.0;
        draw(x, PAGE_H - MARGIN / 2.0, &footer, &regular, FOOTER_SIZE);
        surface.finish();
        page.finish();
    }
    pdf.finish().map_err(|e| {
        Error::InvalidInput(format!(
            "The PDF could not be made ({e:?}); nothing was written."
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_within_the_width_and_keep_line_breaks() {
        let face = Face::load(REGULAR).expect("font");
        let text = "Greg Hollis asked me whether I had gone to the union meeting at the Denny's on Sunday and who else was there.\nI said no.";
        let lines = wrap(&face, text, BODY, 200.0);
        assert!(lines.len() > 3, "{lines:?}");
        for l in &lines {
            assert!(face.width(l, BODY) <= 200.0, "{l}");
        }
        assert_eq!(lines.last().map(String::as_str), Some("I said no."));
        assert_eq!(
            lines.join(" ").split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
        let long = wrap(&face, &"x".repeat(200), BODY, 100.0);
        assert!(long.len() > 2 && long.iter().all(|l| face.width(l, BODY) <= 100.0));
        assert!(face.width("ñ¿¡", BODY) > 0.0);
    }
}
