//! App preferences that belong to the computer, not to a vault: how soon to lock when idle,
//! whether to lock when the computer sleeps or the screen locks, a neutral window title, whether
//! to remember recent vaults. They live beside the recent list in
//! the user's config folder (`$XDG_CONFIG_HOME/fieldbook/prefs.json` on Linux), hold no personal
//! data and no paths, and are written atomically. A damaged or missing file reads as the defaults.

use crate::error::{Error, Result};
use crate::fsutil::atomic_write;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The idle times the settings screen offers, in minutes; 0 is "off".
pub const AUTO_LOCK_CHOICES: [u32; 6] = [0, 1, 5, 15, 30, 60];

/// Lock after this many idle minutes unless the user chose otherwise.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;

/// The window title when the neutral-title option is on.
pub const NEUTRAL_TITLE: &str = "Notebook";

/// The window title otherwise.
pub const APP_TITLE: &str = "Fieldbook";

/// The preferences as the UI reads and writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename_all = "camelCase")]
pub struct AppPrefs {
    /// Lock after this many minutes without a key press or pointer movement in the window;
    /// 0 turns auto-lock off. One of [`AUTO_LOCK_CHOICES`].
    pub auto_lock_minutes: u32,
    /// Title the window "Notebook" instead of "Fieldbook".
    pub neutral_title: bool,
    /// Keep the recent-vaults list. Off: the list is cleared and never written.
    pub remember_recent: bool,
    /// Lock when the operating system says the computer is going to sleep or the screen is
    /// locking (where it tells us: Linux through D-Bus, see the app's `os_lock`). On by default;
    /// a file written before this setting existed reads as on.
    pub lock_on_sleep_or_screen_lock: bool,
}

impl Default for AppPrefs {
    fn default() -> Self {
        AppPrefs {
            auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES,
            neutral_title: false,
            remember_recent: true,
            lock_on_sleep_or_screen_lock: true,
        }
    }
}

impl AppPrefs {
    /// Reject values the settings screen never offers.
    pub fn validate(&self) -> Result<()> {
        if AUTO_LOCK_CHOICES.contains(&self.auto_lock_minutes) {
            Ok(())
        } else {
            Err(Error::InvalidInput(format!(
                "Auto-lock must be off or one of 1, 5, 15, 30 or 60 minutes, not {}.",
                self.auto_lock_minutes
            )))
        }
    }

    /// The window title these preferences ask for.
    pub fn window_title(&self) -> &'static str {
        if self.neutral_title {
            NEUTRAL_TITLE
        } else {
            APP_TITLE
        }
    }
}

/// The preferences file.
#[derive(Debug, Clone)]
pub struct PrefsFile {
    file: PathBuf,
}

impl PrefsFile {
    /// `prefs.json` in the user's config folder, beside the recent list.
    pub fn default_location() -> Result<Self> {
        let dir = dirs::config_dir().ok_or_else(|| {
            Error::InvalidInput("No configuration folder is known for this user.".into())
        })?;
        Ok(PrefsFile::at(dir.join("fieldbook").join("prefs.json")))
    }

    pub fn at(file: impl Into<PathBuf>) -> Self {
        PrefsFile { file: file.into() }
    }

    pub fn path(&self) -> &Path {
        &self.file
    }

    /// The stored preferences; the defaults when the file is missing or damaged (a damaged file
    /// holds nothing worth an error), and the default idle time when the stored one is not offered.
    pub fn load(&self) -> AppPrefs {
        let mut prefs = std::fs::read(&self.file)
            .ok()
            .and_then(|b| serde_json::from_slice::<AppPrefs>(&b).ok())
            .unwrap_or_default();
        if prefs.validate().is_err() {
            prefs.auto_lock_minutes = DEFAULT_AUTO_LOCK_MINUTES;
        }
        prefs
    }

    /// Store `prefs` (validated first).
    pub fn save(&self, prefs: &AppPrefs) -> Result<()> {
        prefs.validate()?;
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create folder", dir, e))?;
        }
        let json =
            serde_json::to_vec_pretty(prefs).map_err(|e| Error::InvalidInput(e.to_string()))?;
        atomic_write(&self.file, &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_reads_as_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = PrefsFile::at(dir.path().join("cfg/prefs.json"));
        let prefs = file.load();
        assert_eq!(prefs, AppPrefs::default());
        assert_eq!(prefs.auto_lock_minutes, 5);
        assert!(prefs.remember_recent);
        assert!(!prefs.neutral_title);
        assert!(prefs.lock_on_sleep_or_screen_lock);
        assert_eq!(prefs.window_title(), "Fieldbook");
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let file = PrefsFile::at(dir.path().join("cfg/prefs.json"));
        for minutes in AUTO_LOCK_CHOICES {
            let prefs = AppPrefs {
                auto_lock_minutes: minutes,
                neutral_title: minutes % 2 == 0,
                remember_recent: minutes > 5,
                lock_on_sleep_or_screen_lock: minutes != 15,
            };
            file.save(&prefs).unwrap();
            assert_eq!(file.load(), prefs);
        }
        let neutral = AppPrefs {
            neutral_title: true,
            ..AppPrefs::default()
        };
        file.save(&neutral).unwrap();
        assert_eq!(file.load().window_title(), "Notebook");
        // The file holds the four settings and nothing else.
        let text = std::fs::read_to_string(file.path()).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut keys: Vec<_> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "autoLockMinutes",
                "lockOnSleepOrScreenLock",
                "neutralTitle",
                "rememberRecent"
            ]
        );
    }

    #[test]
    fn values_never_offered_are_refused_and_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let file = PrefsFile::at(dir.path().join("prefs.json"));
        let bad = AppPrefs {
            auto_lock_minutes: 7,
            ..AppPrefs::default()
        };
        let err = file.save(&bad).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::InvalidInput);
        assert!(!file.path().exists());
    }

    #[test]
    fn corrupt_or_odd_files_read_as_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("prefs.json");
        let file = PrefsFile::at(&path);
        for bytes in [
            &b"{not json"[..],
            b"",
            b"[1,2,3]",
            b"\xff\xfe\x00garbage",
            b"{\"autoLockMinutes\": \"five\"}",
        ] {
            std::fs::write(&path, bytes).unwrap();
            assert_eq!(file.load(), AppPrefs::default(), "{bytes:?}");
        }
        // A stored idle time the screen does not offer falls back to the default; the other
        // settings are kept. Missing keys take their defaults (an older file).
        std::fs::write(
            &path,
            br#"{"autoLockMinutes": 9999, "neutralTitle": true, "rememberRecent": false}"#,
        )
        .unwrap();
        let prefs = file.load();
        assert_eq!(prefs.auto_lock_minutes, DEFAULT_AUTO_LOCK_MINUTES);
        assert!(prefs.neutral_title);
        assert!(!prefs.remember_recent);
        assert!(prefs.lock_on_sleep_or_screen_lock);
        std::fs::write(&path, br#"{"neutralTitle": true}"#).unwrap();
        let prefs = file.load();
        assert_eq!(prefs.auto_lock_minutes, 5);
        assert!(prefs.remember_recent);
        assert!(prefs.lock_on_sleep_or_screen_lock);
        std::fs::write(&path, br#"{"lockOnSleepOrScreenLock": false}"#).unwrap();
        let prefs = file.load();
        assert!(!prefs.lock_on_sleep_or_screen_lock);
        assert_eq!(prefs.auto_lock_minutes, 5);
        // A folder where the file should be: reads as defaults, saving fails with an error.
        std::fs::remove_file(&path).unwrap();
        std::fs::create_dir(&path).unwrap();
        assert_eq!(file.load(), AppPrefs::default());
        assert!(file.save(&AppPrefs::default()).is_err());
    }
}
