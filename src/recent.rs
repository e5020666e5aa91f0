//! The recent-vaults list. It lives outside any vault (in the user's config folder) and holds
//! paths only: no names of people, no campaign data, no timestamps. It honours the
//! "remember recent vaults" preference ([`crate::prefs`], in `prefs.json` beside it): when that
//! is off the list reads as empty and is never written.

use crate::error::{Error, Result};
use crate::fsutil::atomic_write;
use crate::prefs::{AppPrefs, PrefsFile};
use crate::vault::layout::display_name;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

const MAX_ENTRIES: usize = 10;

/// A recent vault as the start screen shows it (the name is derived from the path).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct RecentVault {
    pub path: String,
    pub name: String,
    /// False when the folder is gone (moved, on an unplugged drive…).
    pub exists: bool,
}

/// The list stored in a file, with the preferences file beside it.
#[derive(Debug, Clone)]
pub struct RecentList {
    file: PathBuf,
    prefs: PrefsFile,
}

impl RecentList {
    /// The list in the user's config folder (`$XDG_CONFIG_HOME/fieldbook/recent.json` on Linux).
    pub fn default_location() -> Result<Self> {
        let dir = dirs::config_dir().ok_or_else(|| {
            Error::InvalidInput("No configuration folder is known for this user.".into())
        })?;
        Ok(RecentList::at(dir.join("fieldbook").join("recent.json")))
    }

    /// The list in `file`, with the preferences in `prefs.json` in the same folder.
    pub fn at(file: impl Into<PathBuf>) -> Self {
        let file = file.into();
        let prefs = PrefsFile::at(file.with_file_name("prefs.json"));
        RecentList { file, prefs }
    }

    /// The app preferences stored beside the list.
    pub fn prefs(&self) -> &PrefsFile {
        &self.prefs
    }

    /// Store new preferences; turning "remember recent vaults" off clears the list.
    pub fn set_prefs(&self, prefs: &AppPrefs) -> Result<()> {
        self.prefs.save(prefs)?;
        if !prefs.remember_recent {
            self.clear()?;
        }
        Ok(())
    }

    fn remembering(&self) -> bool {
        self.prefs.load().remember_recent
    }

    fn paths(&self) -> Vec<String> {
        if !self.remembering() {
            return Vec::new();
        }
        // A damaged list is not worth an error: it holds nothing that cannot be re-added.
        std::fs::read(&self.file)
            .ok()
            .and_then(|b| serde_json::from_slice::<Vec<String>>(&b).ok())
            .unwrap_or_default()
    }

    fn save(&self, paths: &[String]) -> Result<()> {
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create folder", dir, e))?;
        }
        let json =
            serde_json::to_vec_pretty(paths).map_err(|e| Error::InvalidInput(e.to_string()))?;
        atomic_write(&self.file, &json)
    }

    pub fn list(&self) -> Vec<RecentVault> {
        self.paths()
            .into_iter()
            .map(|p| {
                let path = Path::new(&p);
                RecentVault {
                    name: display_name(path),
                    exists: path.is_dir(),
                    path: p,
                }
            })
            .collect()
    }

    /// Put `path` first (nothing is written when remembering is off).
    pub fn touch(&self, path: &Path) -> Result<()> {
        if !self.remembering() {
            // A list left from before the switch was turned off goes too.
            return self.clear();
        }
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let path = path.display().to_string();
        let mut paths = self.paths();
        paths.retain(|p| *p != path);
        paths.insert(0, path);
        paths.truncate(MAX_ENTRIES);
        self.save(&paths)
    }

    pub fn forget(&self, path: &str) -> Result<()> {
        if !self.remembering() {
            return self.clear();
        }
        let mut paths = self.paths();
        paths.retain(|p| p != path);
        self.save(&paths)
    }

    pub fn clear(&self) -> Result<()> {
        match std::fs::remove_file(&self.file) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io("remove", &self.file, e)),
        }
    }
}

/// Where new vaults go by default: `~/Documents/Fieldbook` (or the home folder's `Fieldbook`).
pub fn default_vault_folder() -> PathBuf {
    dirs::document_dir()
        .or_else(dirs::home_dir)
        .unwrap_or_else(|| PathBuf::from("."))
        .join("Fieldbook")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_recent_first_without_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let list = RecentList::at(dir.path().join("cfg/recent.json"));
        assert!(list.list().is_empty());
        list.touch(Path::new("/a/One.fieldbook")).unwrap();
        list.touch(Path::new("/b/Two.fieldbook")).unwrap();
        list.touch(Path::new("/a/One.fieldbook")).unwrap();
        let names: Vec<_> = list.list().into_iter().map(|r| r.name).collect();
        assert_eq!(names, ["One", "Two"]);
        list.forget("/a/One.fieldbook").unwrap();
        assert_eq!(list.list().len(), 1);
        list.clear().unwrap();
        assert!(list.list().is_empty());
        // A damaged file reads as empty rather than failing.
        std::fs::write(dir.path().join("cfg/recent.json"), b"{not json").unwrap();
        assert!(list.list().is_empty());
    }

    #[test]
    fn remember_off_clears_and_never_writes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cfg/recent.json");
        let list = RecentList::at(&file);
        list.touch(Path::new("/a/One.fieldbook")).unwrap();
        assert_eq!(list.list().len(), 1);
        assert!(list.prefs().load().remember_recent);

        let off = AppPrefs {
            remember_recent: false,
            ..AppPrefs::default()
        };
        list.set_prefs(&off).unwrap();
        assert!(!file.exists(), "turning the switch off removes the list");
        list.touch(Path::new("/b/Two.fieldbook")).unwrap();
        list.forget("/b/Two.fieldbook").unwrap();
        assert!(!file.exists(), "nothing is written while off");
        assert!(list.list().is_empty());

        // A list written behind our back (an older version) is neither shown nor kept.
        std::fs::write(&file, br#"["/c/Three.fieldbook"]"#).unwrap();
        assert!(list.list().is_empty());
        list.touch(Path::new("/d/Four.fieldbook")).unwrap();
        assert!(!file.exists());

        // A second handle on the same folder (the CLI, another window) sees the same switch.
        assert!(RecentList::at(&file).list().is_empty());

        list.set_prefs(&AppPrefs::default()).unwrap();
        list.touch(Path::new("/e/Five.fieldbook")).unwrap();
        let names: Vec<_> = list.list().into_iter().map(|r| r.name).collect();
        assert_eq!(names, ["Five"]);
    }

    #[test]
    fn a_refused_pref_leaves_the_list_alone() {
        let dir = tempfile::tempdir().unwrap();
        let list = RecentList::at(dir.path().join("recent.json"));
        list.touch(Path::new("/a/One.fieldbook")).unwrap();
        let bad = AppPrefs {
            auto_lock_minutes: 2,
            remember_recent: false,
            ..AppPrefs::default()
        };
        assert!(list.set_prefs(&bad).is_err());
        assert_eq!(list.list().len(), 1);
    }
}
