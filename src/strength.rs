//! Passphrase strength, estimated with zxcvbn (dictionary words, keyboard patterns, dates…).

use crate::error::{Error, Result};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Shortest passphrase accepted for a vault.
pub const MIN_LENGTH: usize = 12;
/// Lowest zxcvbn score (0–4) accepted for a vault.
pub const MIN_SCORE: u8 = 3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct PassphraseStrength {
    /// 0 (guessed at once) … 4 (very hard to guess).
    pub score: u8,
    pub guesses_log10: f64,
    pub warning: Option<String>,
    pub suggestions: Vec<String>,
    /// Strong enough for a vault: score ≥ 3 and at least 12 characters.
    pub acceptable: bool,
}

pub fn estimate(passphrase: &SecretString) -> PassphraseStrength {
    let text = passphrase.expose_secret();
    let length = text.chars().count();
    if length == 0 {
        return PassphraseStrength {
            score: 0,
            guesses_log10: 0.0,
            warning: None,
            suggestions: vec![],
            acceptable: false,
        };
    }
    // zxcvbn's cost grows with length; a longer passphrase is judged on its first 100 characters.
    let head: String = text.chars().take(100).collect();
    let entropy = zxcvbn::zxcvbn(&head, &["fieldbook", "union", "organizer", "organizing"]);
    let score = u8::from(entropy.score());
    let feedback = entropy.feedback();
    let mut suggestions: Vec<String> = feedback
        .map(|f| f.suggestions().iter().map(|s| s.to_string()).collect())
        .unwrap_or_default();
    if length < MIN_LENGTH {
        suggestions.insert(
            0,
            format!("Use at least {MIN_LENGTH} characters; four or five random words work well."),
        );
    }
    PassphraseStrength {
        score,
        guesses_log10: entropy.guesses_log10(),
        warning: feedback.and_then(|f| f.warning()).map(|w| w.to_string()),
        suggestions,
        acceptable: score >= MIN_SCORE && length >= MIN_LENGTH,
    }
}

/// Refuse a passphrase that is not [`PassphraseStrength::acceptable`].
pub fn require_acceptable(passphrase: &SecretString) -> Result<()> {
    let s = estimate(passphrase);
    if s.acceptable {
        return Ok(());
    }
    let why = s
        .warning
        .or_else(|| s.suggestions.first().cloned())
        .unwrap_or_else(|| "it would be guessed too easily.".into());
    Err(Error::WeakPassphrase(why))
}
