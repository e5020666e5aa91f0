//! Saving a picture of the map (PNG or SVG) where the user chose. The file is NOT encrypted: the
//! UI warns before asking where. Only a real PNG or SVG is written, through a temporary name.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    Png,
    Svg,
}

impl ImageFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Svg => "svg",
        }
    }
}

/// What the map view sends next to the picture's bytes (the raw request body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct MapExportArgs {
    pub format: ImageFormat,
    /// The file name the save dialog proposes.
    pub suggested_name: String,
}

/// The arguments' header next to the raw body.
pub const ARGS_HEADER: &str = "x-export-args";

/// The largest picture accepted (a 5,000-worker map at scale 2 is a few MiB).
pub const MAX_BYTES: usize = 256 * 1024 * 1024;

/// Refuse anything that is not a picture of the declared format.
pub fn check(format: ImageFormat, bytes: &[u8]) -> Result<()> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::InvalidInput(
            "The picture is too large to save (over 256 MiB).".into(),
        ));
    }
    let ok = match format {
        ImageFormat::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        ImageFormat::Svg => {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
            let head = head.trim_start_matches('\u{feff}').trim_start();
            (head.starts_with("<?xml") || head.starts_with("<svg")) && head.contains("<svg")
        }
    };
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "The map picture is not a valid {} file; nothing was saved.",
            format.extension().to_uppercase()
        )))
    }
}

/// The file name to propose: the suggestion without folders or odd characters, with the
/// format's extension.
pub fn file_name(format: ImageFormat, suggested: &str) -> String {
    let stem: String = Path::new(suggested)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || " -_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let stem = if stem.is_empty() { "map" } else { stem };
    format!("{stem}.{}", format.extension())
}

/// Check the picture and write it to `path` (temporary name, fsync, rename).
pub fn save(path: &Path, format: ImageFormat, bytes: &[u8]) -> Result<PathBuf> {
    check(format, bytes)?;
    crate::fsutil::atomic_write(path, bytes)?;
    Ok(path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_pictures_are_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let png = dir.path().join("map.png");
        assert!(save(&png, ImageFormat::Png, b"not a png").is_err());
        assert!(!png.exists());
        save(&png, ImageFormat::Png, b"\x89PNG\r\n\x1a\nrest").expect("png");
        assert!(png.exists());
        let svg = dir.path().join("map.svg");
        save(
            &svg,
            ImageFormat::Svg,
            b"<?xml version=\"1.0\"?><svg></svg>",
        )
        .expect("svg");
        assert!(save(&svg, ImageFormat::Svg, b"<html><script>").is_err());
    }

    #[test]
    fn proposed_names_lose_folders_and_get_the_extension() {
        assert_eq!(
            file_name(ImageFormat::Png, "../../etc/Riverside map"),
            "Riverside map.png"
        );
        assert_eq!(file_name(ImageFormat::Svg, ""), "map.svg");
        assert_eq!(file_name(ImageFormat::Svg, "a/b:c.png"), "b-c.svg");
    }
}
