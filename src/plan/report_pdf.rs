//! The progress report as a PDF: US Letter, DejaVu Serif embedded (subset, text extractable),
//! headline numbers against the thresholds, a weekly bar chart of cards and supporters with the
//! thresholds drawn across it, support per department as stacked bars, the goals per department and
//! shift, wins, setbacks and next steps. Bars are plain rectangles and lines, with their numbers
//! printed on them (the weekly chart: when there is room; its legend gives the last week's), so
//! colour is never the only carrier of meaning. Made in memory with krilla (the
//! crate the affidavits use); whoever writes the bytes chooses where.

use super::model::{GoalKind, GoalProgress, ProgressReport, ReportLine};
use super::report::{words, Words};
use crate::error::{Error, Result};
use crate::pdffont::{Face, BOLD, REGULAR};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::text::TextDirection;
use krilla::SerializeSettings;

// The same faces as the affidavits' PDF (assets/fonts, DejaVu licence beside them).

const PAGE_W: f32 = 612.0;
const PAGE_H: f32 = 792.0;
const MARGIN: f32 = 54.0;
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;
const BODY: f32 = 10.0;
const SMALL: f32 = 8.0;
const H1: f32 = 18.0;
const H2: f32 = 13.0;
const LEADING: f32 = 14.0;

type Rgb = (u8, u8, u8);
const TEXT: Rgb = (0x1B, 0x1C, 0x1E);
const MUTED: Rgb = (0x55, 0x58, 0x5F);
const RULE: Rgb = (0xD5, 0xD5, 0xD0);
const TRACK: Rgb = (0xED, 0xED, 0xEA);
const ACCENT: Rgb = (0x3F, 0x4F, 0xD0);
const SUPPORT: Rgb = (0x1E, 0x6F, 0x43);
const DANGER: Rgb = (0xA1, 0x2A, 0x21);
/// The assessment scale (index 0 = unassessed), backgrounds and the text on them.
const SCALE: [(Rgb, Rgb); 6] = [
    ((0xEC, 0xEC, 0xEE), (0x4A, 0x4D, 0x54)),
    ((0x1E, 0x6F, 0x43), (0xFF, 0xFF, 0xFF)),
    ((0xCB, 0xEB, 0xD3), (0x14, 0x53, 0x2D)),
    ((0xF9, 0xE3, 0xA6), (0x6B, 0x45, 0x00)),
    ((0xF5, 0xA6, 0x6E), (0x5C, 0x24, 0x05)),
    ((0xB8, 0x32, 0x2A), (0xFF, 0xFF, 0xFF)),
];

/// Words into lines no wider than `width` (an over-long word is cut by characters).
fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
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
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// What is drawn on a page.
enum Op {
    Text {
        x: f32,
        y: f32,
        text: String,
        bold: bool,
        size: f32,
        color: Rgb,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb,
        dashed: bool,
    },
}

struct Layout<'a> {
    regular: &'a Face,
    bold: &'a Face,
    pages: Vec<Vec<Op>>,
    /// The top of the free space on the current page.
    y: f32,
}

impl Layout<'_> {
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Start a new page unless `height` more fits on this one.
    fn ensure(&mut self, height: f32) {
        if self.y > MARGIN && self.y + height > PAGE_H - MARGIN - 16.0 {
            self.new_page();
        }
    }

    fn op(&mut self, op: Op) {
        self.pages.last_mut().expect("a page is open").push(op);
    }

    fn face(&self, bold: bool) -> &Face {
        if bold {
            self.bold
        } else {
            self.regular
        }
    }

    /// Text with its baseline at `y`.
    fn text(&mut self, x: f32, y: f32, text: &str, bold: bool, size: f32, color: Rgb) {
        if !text.is_empty() {
            self.op(Op::Text {
                x,
                y,
                text: text.to_string(),
                bold,
                size,
                color,
            });
        }
    }

    /// Right-aligned text ending at `right`.
    fn text_right(&mut self, right: f32, y: f32, text: &str, bold: bool, size: f32, color: Rgb) {
        let w = self.face(bold).width(text, size);
        self.text(right - w, y, text, bold, size, color);
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        if w > 0.0 && h > 0.0 {
            self.op(Op::Rect { x, y, w, h, color });
        }
    }

    fn line(
        &mut self,
        (x1, y1): (f32, f32),
        (x2, y2): (f32, f32),
        width: f32,
        color: Rgb,
        dashed: bool,
    ) {
        self.op(Op::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
            dashed,
        });
    }

    /// A paragraph at `x`, wrapped to the right margin.
    fn paragraph(&mut self, x: f32, text: &str, bold: bool, size: f32, color: Rgb) {
        let lines = wrap(self.face(bold), text, size, MARGIN + TEXT_W - x);
        let leading = LEADING.max(size * 1.3);
        for l in lines {
            self.ensure(leading);
            self.y += size;
            self.text(x, self.y, &l, bold, size, color);
            self.y += leading - size;
        }
    }

    /// A section title, kept on a page with `keep` points of what follows it.
    fn heading(&mut self, text: &str, keep: f32) {
        self.ensure(H2 + 24.0 + keep);
        self.y += 10.0;
        self.paragraph(MARGIN, text, true, H2, TEXT);
        self.line(
            (MARGIN, self.y),
            (MARGIN + TEXT_W, self.y),
            0.5,
            RULE,
            false,
        );
        self.y += 6.0;
    }

    fn bullets(&mut self, lines: &[ReportLine], empty: &str) {
        if lines.is_empty() {
            self.paragraph(MARGIN + 12.0, empty, false, BODY, MUTED);
            return;
        }
        for l in lines {
            self.ensure(LEADING);
            self.text(MARGIN + 2.0, self.y + BODY, "•", false, BODY, TEXT);
            self.paragraph(MARGIN + 14.0, &l.text, false, BODY, TEXT);
        }
    }
}

fn headline(l: &mut Layout<'_>, r: &ProgressReport, w: &Words) {
    l.heading(w.headline, LEADING * 7.0);
    let cols = [
        MARGIN + 250.0,
        MARGIN + 320.0,
        MARGIN + 400.0,
        MARGIN + TEXT_W,
    ];
    l.ensure(LEADING * 7.0);
    l.y += BODY;
    for (x, h) in cols.iter().zip([w.at_start, w.at_end, w.of_unit, w.needed]) {
        l.text_right(*x, l.y, h, true, SMALL, MUTED);
    }
    l.y += LEADING - BODY;
    for f in &r.figures {
        l.y += BODY;
        l.text(MARGIN, l.y, &f.label, false, BODY, TEXT);
        l.text_right(cols[0], l.y, &f.at_start.to_string(), false, BODY, MUTED);
        l.text_right(cols[1], l.y, &f.at_end.to_string(), true, BODY, TEXT);
        if f.key != "unit" {
            l.text_right(
                cols[2],
                l.y,
                &format!("{:.1}%", f.percent),
                false,
                BODY,
                TEXT,
            );
        }
        if let Some(n) = f.needed {
            l.text_right(cols[3], l.y, &n.to_string(), false, BODY, TEXT);
        }
        l.y += LEADING - BODY;
    }
    if r.series.stale_excluded {
        l.y += 2.0;
        l.paragraph(MARGIN, w.stale_note, false, SMALL, MUTED);
    }

    // The cards bar with the thresholds ticked on it.
    let Some(cards) = r.figures.iter().find(|f| f.key == "cards") else {
        return;
    };
    l.ensure(56.0);
    l.y += 10.0;
    let (x0, width, top) = (MARGIN, TEXT_W, l.y);
    l.rect(x0, top, width, 8.0, TRACK);
    let share = if r.unit == 0 {
        0.0
    } else {
        (cards.at_end as f32 / r.unit as f32).min(1.0)
    };
    l.rect(x0, top, width * share, 8.0, ACCENT);
    for m in &r.series.thresholds {
        let x = x0 + width * m.percent as f32 / 100.0;
        l.line((x, top - 4.0), (x, top + 12.0), 1.5, MUTED, false);
        let label = format!("{}% · {}", m.percent, m.needed);
        let tw = l.regular.width(&label, SMALL);
        l.text(x - tw / 2.0, top + 22.0, &label, false, SMALL, MUTED);
    }
    l.y = top + 34.0;
}

/// Weekly bars of cards and supporters, thresholds as dashed lines across.
fn chart(l: &mut Layout<'_>, r: &ProgressReport, w: &Words) {
    l.heading(w.chart_title, 200.0);
    let points = &r.series.points;
    let height = 150.0;
    l.ensure(height + 50.0);
    // Legend.
    l.y += 4.0;
    let last = points.last();
    let legend = [
        (
            ACCENT,
            format!("{} ({})", w.chart_cards, last.map_or(0, |p| p.cards)),
        ),
        (
            SUPPORT,
            format!(
                "{} ({})",
                w.chart_supporters,
                last.map_or(0, |p| p.supporters)
            ),
        ),
    ];
    let mut x = MARGIN;
    for (color, label) in legend {
        l.rect(x, l.y, 8.0, 8.0, color);
        l.text(x + 12.0, l.y + 8.0, &label, false, SMALL, TEXT);
        x += 24.0 + l.regular.width(&label, SMALL);
    }
    l.y += 16.0;

    let axis_w = 28.0;
    let (x0, y0, cw) = (MARGIN + axis_w, l.y, TEXT_W - axis_w - 34.0);
    let top_value = points
        .iter()
        .map(|p| p.cards.max(p.supporters))
        .max()
        .unwrap_or(0)
        .max(r.unit)
        .max(1) as f32;
    let y_of = |v: u32| y0 + height - height * v as f32 / top_value;
    l.line(
        (x0, y0 + height),
        (x0 + cw, y0 + height),
        0.75,
        MUTED,
        false,
    );
    l.text_right(x0 - 4.0, y_of(0), "0", false, SMALL, MUTED);
    l.text_right(
        x0 - 4.0,
        y_of(r.unit) + SMALL,
        &r.unit.to_string(),
        false,
        SMALL,
        MUTED,
    );
    let n = points.len().max(1) as f32;
    let slot = cw / n;
    let bar = (slot * 0.4).clamp(0.6, 14.0);
    for (i, p) in points.iter().enumerate() {
        let sx = x0 + slot * i as f32 + (slot - 2.0 * bar) / 2.0;
        l.rect(sx, y_of(p.cards), bar, y_of(0) - y_of(p.cards), ACCENT);
        l.rect(
            sx + bar,
            y_of(p.supporters),
            bar,
            y_of(0) - y_of(p.supporters),
            SUPPORT,
        );
        if slot >= 24.0 {
            // Room for the numbers on the bars.
            for (x, v) in [(sx, p.cards), (sx + bar, p.supporters)] {
                let label = v.to_string();
                let tw = l.regular.width(&label, 6.0);
                l.text(
                    x + (bar - tw) / 2.0,
                    y_of(v) - 2.0,
                    &label,
                    false,
                    6.0,
                    TEXT,
                );
            }
        }
    }
    for m in &r.series.thresholds {
        let y = y_of(m.needed);
        l.line((x0, y), (x0 + cw, y), 0.75, DANGER, true);
        l.text(
            x0 + cw + 4.0,
            y + 3.0,
            &format!("{}%", m.percent),
            false,
            SMALL,
            DANGER,
        );
    }
    if let (Some(first), Some(last)) = (points.first(), points.last()) {
        l.text(x0, y0 + height + 12.0, &first.day, false, SMALL, MUTED);
        if points.len() > 1 {
            l.text_right(x0 + cw, y0 + height + 12.0, &last.day, false, SMALL, MUTED);
        }
    }
    l.y = y0 + height + 22.0;
}

/// A stacked bar per department: workers per assessment value, numbers inside.
fn support(l: &mut Layout<'_>, r: &ProgressReport, w: &Words) {
    l.heading(w.support_title, 60.0);
    // The key: the scale with its numbers.
    l.ensure(LEADING * 2.0);
    let mut x = MARGIN;
    for (v, (bg, fg)) in SCALE
        .iter()
        .enumerate()
        .skip(1)
        .chain(SCALE.iter().enumerate().take(1))
    {
        let label = if v == 0 {
            "–".to_string()
        } else {
            v.to_string()
        };
        l.rect(x, l.y, 12.0, 12.0, *bg);
        l.text(x + 3.5, l.y + 9.0, &label, true, SMALL, *fg);
        x += 16.0;
    }
    l.text(
        x + 4.0,
        l.y + 9.0,
        &format!("– = {}", w.unassessed),
        false,
        SMALL,
        MUTED,
    );
    l.y += 18.0;
    let label_w = 110.0;
    let bar_w = TEXT_W - label_w - 30.0;
    let widest = r
        .departments
        .iter()
        .map(|d| d.total)
        .max()
        .unwrap_or(1)
        .max(1) as f32;
    for d in &r.departments {
        l.ensure(18.0);
        let name: String = d.name.chars().take(22).collect();
        l.text(MARGIN, l.y + 10.0, &name, false, BODY, TEXT);
        let mut x = MARGIN + label_w;
        for v in [1usize, 2, 3, 4, 5, 0] {
            let count = d.by_value.get(v).map_or(0, |f| f.count);
            let seg = bar_w * count as f32 / widest;
            let (bg, fg) = SCALE[v];
            l.rect(x, l.y, seg, 13.0, bg);
            let label = count.to_string();
            if count > 0 && l.regular.width(&label, SMALL) + 2.0 <= seg {
                l.text(x + 1.5, l.y + 9.5, &label, false, SMALL, fg);
            }
            x += seg;
        }
        l.text(x + 4.0, l.y + 10.0, &d.total.to_string(), true, BODY, TEXT);
        l.y += 18.0;
    }
}

fn cell(p: &GoalProgress) -> (String, bool) {
    (format!("{}/{}", p.counted.count, p.needed), p.met)
}

/// The goals per scope: "counted/needed", bold with a + when met.
fn goals(l: &mut Layout<'_>, r: &ProgressReport, w: &Words) {
    l.heading(w.goals, LEADING * 6.0);
    let order = [
        GoalKind::CommitteeCoverage,
        GoalKind::Assessed,
        GoalKind::MajoritySupport,
        GoalKind::ShowingOfInterest,
        GoalKind::CardMajority,
        GoalKind::CardTarget,
    ];
    let goals: Vec<_> = order
        .iter()
        .filter_map(|k| r.goals.iter().find(|g| g.kind == *k))
        .collect();
    let name_w = 130.0;
    let col = (TEXT_W - name_w) / goals.len().max(1) as f32;
    // Column heads, wrapped in two lines.
    l.ensure(LEADING * 4.0);
    let head_top = l.y;
    let mut deepest = head_top;
    for (i, g) in goals.iter().enumerate() {
        let x = MARGIN + name_w + col * i as f32;
        let mut y = head_top;
        for line in wrap(l.bold, w.goal(g.kind), SMALL, col - 4.0) {
            y += SMALL + 1.0;
            l.text(x, y, &line, true, SMALL, MUTED);
        }
        deepest = deepest.max(y);
    }
    l.y = deepest + 4.0;
    let row = |l: &mut Layout<'_>, name: &str, cells: Vec<(String, bool)>, bold: bool| {
        l.ensure(LEADING);
        l.y += BODY;
        let name: String = name.chars().take(24).collect();
        l.text(MARGIN, l.y, &name, bold, BODY, TEXT);
        for (i, (text, met)) in cells.into_iter().enumerate() {
            let x = MARGIN + name_w + col * i as f32;
            let text = if met { format!("{text} +") } else { text };
            l.text(x, l.y, &text, met, BODY, if met { SUPPORT } else { TEXT });
        }
        l.y += LEADING - BODY;
    };
    row(
        l,
        w.unit,
        goals.iter().map(|g| cell(&g.unit)).collect(),
        true,
    );
    for (title, pick) in [(w.departments, true), (w.shifts, false)] {
        let Some(first) = goals.first() else { break };
        let groups = if pick {
            &first.departments
        } else {
            &first.shifts
        };
        l.ensure(LEADING * 2.0);
        l.y += 4.0;
        l.y += SMALL;
        l.text(MARGIN, l.y, title, true, SMALL, MUTED);
        l.y += LEADING - SMALL;
        for (i, group) in groups.iter().enumerate() {
            let cells = goals
                .iter()
                .map(|g| {
                    let list = if pick { &g.departments } else { &g.shifts };
                    list.get(i).map_or((String::new(), false), cell)
                })
                .collect();
            row(l, &group.name, cells, false);
        }
    }
    l.y += 2.0;
    l.paragraph(MARGIN, &format!("+ = {}", w.met), false, SMALL, MUTED);
}

fn next_steps(l: &mut Layout<'_>, r: &ProgressReport, w: &Words) {
    l.heading(w.next_steps, LEADING * 2.0);
    let lines: Vec<ReportLine> = r
        .next_steps
        .iter()
        .map(|s| {
            let mut text = match &s.on {
                Some(d) => format!("{d} — {}", s.title),
                None => s.title.clone(),
            };
            if let (Some(c), Some(t)) = (s.committed, s.target) {
                text.push_str(&format!(" ({c}/{t})"));
            }
            if !s.owner.is_empty() {
                text.push_str(&format!(" · {}", s.owner));
            }
            if s.overdue {
                text.push_str(&format!(" · {}", w.overdue));
            }
            ReportLine {
                text,
                worker_ids: vec![],
            }
        })
        .collect();
    l.bullets(&lines, w.none);
}

/// Lay the report out and make the PDF's bytes.
pub fn render(r: &ProgressReport) -> Result<Vec<u8>> {
    let w = words(r.language);
    let regular = Face::load(REGULAR)?;
    let heavy = Face::load(BOLD)?;
    let mut l = Layout {
        regular: &regular,
        bold: &heavy,
        pages: Vec::new(),
        y: 0.0,
    };
    l.new_page();
    l.paragraph(
        MARGIN,
        &format!("{} — {}", w.title, r.campaign_name),
        true,
        H1,
        TEXT,
    );
    l.y += 2.0;
    l.paragraph(
        MARGIN,
        &format!(
            "{}: {} – {}    {}: {}",
            w.period, r.from, r.to, w.generated, r.generated_on
        ),
        false,
        BODY,
        MUTED,
    );
    l.paragraph(MARGIN, w.not_encrypted, false, SMALL, DANGER);
    headline(&mut l, r, &w);
    chart(&mut l, r, &w);
    support(&mut l, r, &w);
    goals(&mut l, r, &w);
    l.heading(w.wins, LEADING * 2.0);
    l.bullets(&r.wins, w.none);
    l.heading(w.setbacks, LEADING * 2.0);
    l.bullets(&r.setbacks, w.none);
    next_steps(&mut l, r, &w);

    let pages = l.pages;
    let total = pages.len();
    let settings = SerializeSettings {
        // No XMP packet: the file carries nothing but the pages.
        xmp_metadata: false,
        ..SerializeSettings::default()
    };
    let mut pdf = krilla::Document::new_with(settings);
    let page_settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| Error::InvalidInput("page size".into()))?;
    let paint = |c: Rgb| rgb::Color::new(c.0, c.1, c.2);
    for (i, ops) in pages.into_iter().enumerate() {
        let mut page = pdf.start_page_with(page_settings.clone());
        let mut surface = page.surface();
        let footer = format!("{} {} / {}", w.page, i + 1, total);
        let footer_x = (PAGE_W - regular.width(&footer, SMALL)) / 2.0;
        let footer_op = Op::Text {
            x: footer_x,
            y: PAGE_H - MARGIN / 2.0,
            text: footer,
            bold: false,
            size: SMALL,
            color: MUTED,
        };
        for op in ops.iter().chain(std::iter::once(&footer_op)) {
            match op {
                Op::Text {
                    x,
                    y,
                    text,
                    bold,
                    size,
                    color,
                } => {
                    surface.set_stroke(None);
                    surface.set_fill(Some(Fill {
                        paint: paint(*color).into(),
                        opacity: NormalizedF32::ONE,
                        rule: Default::default(),
                    }));
                    let face = if *bold { &heavy } else { &regular };
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        face.pdf.clone(),
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Rect { x, y, w, h, color } => {
                    let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else {
                        continue;
                    };
                    let mut pb = PathBuilder::new();
                    pb.push_rect(rect);
                    let Some(path) = pb.finish() else { continue };
                    surface.set_stroke(None);
                    surface.set_fill(Some(Fill {
                        paint: paint(*color).into(),
                        opacity: NormalizedF32::ONE,
                        rule: Default::default(),
                    }));
                    surface.draw_path(&path);
                }
                Op::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    color,
                    dashed,
                } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    let Some(path) = pb.finish() else { continue };
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: paint(*color).into(),
                        width: *width,
                        dash: dashed.then(|| StrokeDash {
                            array: vec![3.0, 2.0],
                            offset: 0.0,
                        }),
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                }
            }
        }
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
    fn wrapped_lines_fit() {
        let face = Face::load(REGULAR).expect("font");
        let lines = wrap(
            &face,
            "Button day, all shifts: 14 took part, below target",
            BODY,
            80.0,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| face.width(l, BODY) <= 80.0));
        assert_eq!(wrap(&face, "", BODY, 80.0), vec![String::new()]);
    }
}
