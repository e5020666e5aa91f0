//! The font every PDF Fieldbook renders uses (affidavits, progress reports): DejaVu Serif, regular
//! and bold, compiled in once, embedded (subset) by krilla and measured with skrifa.

use crate::error::{Error, Result};
use krilla::text::Font;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

pub static REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSerif.ttf");
pub static BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSerif-Bold.ttf");

/// A font: embedded in the PDF by krilla, measured with skrifa.
pub struct Face {
    pub pdf: Font,
    metrics: FontRef<'static>,
    upem: f32,
}

impl Face {
    pub fn load(bytes: &'static [u8]) -> Result<Face> {
        let broken = || Error::InvalidInput("The PDF font is damaged in this build.".into());
        let metrics = FontRef::new(bytes).map_err(|_| broken())?;
        let upem = f32::from(
            metrics
                .metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        let pdf = Font::new(bytes.into(), 0).ok_or_else(broken)?;
        Ok(Face { pdf, metrics, upem })
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let cmap = self.metrics.charmap();
        let glyphs = self
            .metrics
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        let units: f32 = text
            .chars()
            .map(|c| {
                glyphs
                    .advance_width(cmap.map(c).unwrap_or_default())
                    .unwrap_or(0.0)
            })
            .sum();
        units * size / self.upem
    }
}
