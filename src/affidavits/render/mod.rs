//! Rendering a version of a statement to PDF or DOCX, in memory (`Vec<u8>`): never through a
//! temporary file. Whoever writes the bytes somewhere chooses the place (the CLI through
//! `fsutil::atomic_write`, the app through the native save dialog), and the copy is not encrypted.

pub mod docx;
pub mod pdf;

use super::model::{AffidavitContent, RenderFormat};
use super::template::{self, Context};
use crate::error::Result;

/// The document's bytes.
pub fn render(format: RenderFormat, content: &AffidavitContent, ctx: &Context) -> Result<Vec<u8>> {
    let doc = template::document(content, ctx);
    match format {
        RenderFormat::Pdf => pdf::render(&doc),
        RenderFormat::Docx => docx::render(&doc),
    }
}

/// The file name a save dialog proposes: unremarkable (no one's name in a folder listing).
pub fn file_name(format: RenderFormat, affidavit_id: i64, seq: u32) -> String {
    format!("affidavit-{affidavit_id}-v{seq}.{}", format.extension())
}

/// Write a rendering to `path` (a temporary name, fsync, rename), adding the format's extension
/// when the name lacks it. Returns the path written. The file is NOT encrypted.
pub fn write(
    path: &std::path::Path,
    format: RenderFormat,
    bytes: &[u8],
) -> Result<std::path::PathBuf> {
    let ext = format.extension();
    let path = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    {
        path.to_path_buf()
    } else {
        let mut p = path.as_os_str().to_os_string();
        p.push(".");
        p.push(ext);
        std::path::PathBuf::from(p)
    };
    crate::fsutil::atomic_write(&path, bytes)?;
    Ok(path)
}
