//! Opening an age file Fieldbook wrote (a bundle or a backup): with an identity file (age
//! `AGE-SECRET-KEY-1…` lines, or an unencrypted SSH private key) or with a passphrase. ASCII
//! armor is detected. The plaintext is only ever a stream.

use crate::error::{Error, Result};
use crate::vault::kdf::MAX_READ_WORK_FACTOR;
use secrecy::SecretString;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// What opens the file.
pub enum Key {
    Identities(Vec<Box<dyn age::Identity + Send + Sync>>),
    Passphrase(SecretString),
}

/// Read an identity file: age identities, or an unencrypted SSH private key (ed25519 or RSA).
pub fn read_identity_file(path: &Path) -> Result<Key> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("read", path, e))?;
    if bytes.len() > 1 << 20 {
        return Err(Error::InvalidInput(format!(
            "{} is too large to be an identity file.",
            path.display()
        )));
    }
    let text = String::from_utf8_lossy(&bytes);
    if text.contains("AGE-SECRET-KEY-") {
        let file = age::IdentityFile::from_buffer(bytes.as_slice()).map_err(|e| {
            Error::InvalidInput(format!(
                "{} is not a valid age identity file: {e}",
                path.display()
            ))
        })?;
        let ids = file
            .into_identities()
            .map_err(|e| Error::InvalidInput(format!("{}: {e}", path.display())))?;
        return Ok(Key::Identities(ids));
    }
    if text.contains("PRIVATE KEY") {
        let id =
            age::ssh::Identity::from_buffer(bytes.as_slice(), Some(path.display().to_string()))
                .map_err(|e| {
                    Error::InvalidInput(format!(
                        "{} is not a usable SSH private key: {e}",
                        path.display()
                    ))
                })?;
        return match id {
            age::ssh::Identity::Unencrypted(_) => Ok(Key::Identities(vec![Box::new(id.with_callbacks(NoPrompt))])),
            age::ssh::Identity::Encrypted(_) => Err(Error::InvalidInput(format!(
                "{} is protected by a passphrase: use the stock `age -d -i` (which asks for it), or an age identity.",
                path.display()
            ))),
            age::ssh::Identity::Unsupported(_) => Err(Error::InvalidInput(format!(
                "{} is an SSH key type age does not support (use ed25519 or RSA).",
                path.display()
            ))),
        };
    }
    Err(Error::InvalidInput(format!(
        "{} holds no age identity (AGE-SECRET-KEY-1…) or SSH private key.",
        path.display()
    )))
}

/// Callbacks for SSH identities: we never prompt (unencrypted keys only).
#[derive(Clone, Copy)]
struct NoPrompt;

impl age::Callbacks for NoPrompt {
    fn display_message(&self, _: &str) {}
    fn confirm(&self, _: &str, _: &str, _: Option<&str>) -> Option<bool> {
        None
    }
    fn request_public_string(&self, _: &str) -> Option<String> {
        None
    }
    fn request_passphrase(&self, _: &str) -> Option<SecretString> {
        None
    }
}

/// Decrypt `path` as a stream. A wrong key, a damaged or truncated file, and a file that is not
/// age at all each get their own message.
pub fn decrypt_file(path: &Path, key: &Key) -> Result<Box<dyn Read>> {
    let file = File::open(path).map_err(|e| Error::io("open", path, e))?;
    decrypt_reader(BufReader::with_capacity(1 << 16, file), path, key)
}

/// [`decrypt_file`] on any byte stream (`path` only names it in messages): the same armor
/// detection, header parse, key checks and work-factor cap. Public for the fuzz targets.
#[doc(hidden)]
pub fn decrypt_reader<R: BufRead + 'static>(
    input: R,
    path: &Path,
    key: &Key,
) -> Result<Box<dyn Read>> {
    let input = age::armor::ArmoredReader::new(input);
    let not_age = || {
        Error::InvalidInput(format!(
            "{} is not an age-encrypted file (or its header is damaged).",
            path.display()
        ))
    };
    let decryptor = age::Decryptor::new_buffered(BufReader::new(input)).map_err(|_| not_age())?;
    let reader = match key {
        Key::Passphrase(p) => {
            if !decryptor.is_scrypt() {
                return Err(Error::InvalidInput(format!(
                    "{} is encrypted to public keys, not to a passphrase: give an identity file.",
                    path.display()
                )));
            }
            let mut id = age::scrypt::Identity::new(p.clone());
            id.set_max_work_factor(MAX_READ_WORK_FACTOR);
            decryptor.decrypt(std::iter::once(&id as &dyn age::Identity))
        }
        Key::Identities(ids) => {
            if decryptor.is_scrypt() {
                return Err(Error::InvalidInput(format!(
                    "{} is protected by a passphrase, not by a public key: give the passphrase.",
                    path.display()
                )));
            }
            decryptor.decrypt(ids.iter().map(|i| i.as_ref() as &dyn age::Identity))
        }
    };
    match reader {
        Ok(r) => Ok(Box::new(r)),
        Err(age::DecryptError::DecryptionFailed) | Err(age::DecryptError::NoMatchingKeys) => {
            Err(Error::InvalidInput(format!(
                "None of the keys given opens {} (wrong passphrase or identity).",
                path.display()
            )))
        }
        Err(age::DecryptError::ExcessiveWork { required, .. }) => {
            Err(Error::InvalidInput(format!(
                "{} asks for an scrypt work factor of {required}, more than Fieldbook accepts.",
                path.display()
            )))
        }
        Err(e) => Err(Error::InvalidInput(format!(
            "{} cannot be decrypted: {e}",
            path.display()
        ))),
    }
}

/// The single `AGE-SECRET-KEY-1…` line of an identity file, if it holds exactly one: a vault's
/// recovery key, which can then also unlock the vault inside a backup.
pub fn single_age_secret(path: &Path) -> Result<Option<SecretString>> {
    let text = zeroize::Zeroizing::new(
        std::fs::read_to_string(path).map_err(|e| Error::io("read", path, e))?,
    );
    let keys: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .collect();
    Ok(match keys.as_slice() {
        [one] => Some(SecretString::from(one.to_string())),
        _ => None,
    })
}
