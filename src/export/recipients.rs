//! Who can open what Fieldbook writes: age X25519 recipients (`age1…`), SSH public keys
//! (`ssh-ed25519 …`, `ssh-rsa …`), or — on its own, never mixed with recipients — a passphrase.

use crate::error::{Error, Result};
use secrecy::SecretString;
use std::str::FromStr;

/// One parsed public key.
pub type Recipient = Box<dyn age::Recipient + Send>;

/// How an age file is protected.
pub enum Protection {
    /// One or more public keys; any of their identities opens the file.
    Recipients(Vec<Recipient>),
    /// A passphrase (age's scrypt recipient), with the scrypt work factor (log2 N) to use.
    Passphrase(SecretString, u8),
}

/// The scrypt work factor for a passphrase-protected export or backup: as age's own default.
pub const PASSPHRASE_WORK_FACTOR: u8 = 18;

impl Protection {
    pub fn encryptor(self) -> Result<age::Encryptor> {
        match self {
            Protection::Recipients(list) => {
                if list.is_empty() {
                    return Err(Error::InvalidInput(
                        "Choose at least one recipient (an age1… key or an SSH public key), or a passphrase."
                            .into(),
                    ));
                }
                age::Encryptor::with_recipients(
                    list.iter().map(|r| r.as_ref() as &dyn age::Recipient),
                )
                .map_err(|e| Error::Crypto(e.to_string()))
            }
            Protection::Passphrase(p, log_n) => {
                let mut r = age::scrypt::Recipient::new(p);
                r.set_work_factor(log_n);
                age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
                    .map_err(|e| Error::Crypto(e.to_string()))
            }
        }
    }
}

/// Parse one public key: `age1…` or an SSH `ssh-ed25519`/`ssh-rsa` line (a comment after the key
/// is allowed). The message names what was wrong, never echoes a secret (public keys only).
pub fn parse(text: &str) -> Result<Recipient> {
    let t = text.trim();
    if t.starts_with("age1") {
        return age::x25519::Recipient::from_str(t)
            .map(|r| Box::new(r) as Recipient)
            .map_err(|_| {
                Error::InvalidInput(format!(
                    "{} is not a valid age public key (age1…).",
                    short(t)
                ))
            });
    }
    if t.starts_with("ssh-") {
        return match age::ssh::Recipient::from_str(t) {
            Ok(r) => Ok(Box::new(r)),
            Err(age::ssh::ParseRecipientKeyError::Ignore) | Err(age::ssh::ParseRecipientKeyError::Unsupported(_)) => {
                Err(Error::InvalidInput(format!(
                    "{} is an SSH key type age cannot encrypt to: use an ssh-ed25519 or ssh-rsa key.",
                    short(t)
                )))
            }
            Err(_) => Err(Error::InvalidInput(format!("{} is not a valid SSH public key.", short(t)))),
        };
    }
    if t.starts_with("AGE-SECRET-KEY-") || t.contains("PRIVATE KEY") {
        return Err(Error::InvalidInput(
            "That is a secret key, not a public one: give counsel's public key (age1… or ssh-…), and keep the secret key away from this computer."
                .into(),
        ));
    }
    Err(Error::InvalidInput(format!(
        "{} is not a public key: expected age1… or ssh-ed25519 / ssh-rsa.",
        short(t)
    )))
}

/// Parse a recipients file: one key per line, `#` comments and blank lines ignored. An error
/// names the line.
pub fn parse_file(text: &str) -> Result<Vec<Recipient>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        out.push(parse(l).map_err(|e| Error::InvalidInput(format!("Line {}: {e}", i + 1)))?);
    }
    if out.is_empty() {
        return Err(Error::InvalidInput(
            "The recipients file holds no public key.".into(),
        ));
    }
    Ok(out)
}

/// The start of a key, for messages.
fn short(t: &str) -> String {
    let head: String = t.chars().take(24).collect();
    if t.chars().count() > 24 {
        format!("\"{head}…\"")
    } else {
        format!("\"{head}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_told_apart() {
        let id = age::x25519::Identity::generate();
        assert!(parse(&id.to_public().to_string()).is_ok());
        let e = parse("AGE-SECRET-KEY-1QQQQ")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("secret key"), "{e}");
        assert!(parse("ssh-dss AAAAB3NzaC1kc3MAAACBAP").is_err());
        assert!(parse("hello").is_err());
        let file = format!("# counsel\n\n{}\nnot-a-key\n", id.to_public());
        let e = parse_file(&file)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("Line 4:"), "{e}");
        assert!(parse_file("# nothing\n").is_err());
    }
}
