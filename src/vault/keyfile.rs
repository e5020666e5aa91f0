//! Key files: the data key, as 64 hex characters, encrypted with age.
//!
//! `keys/passphrase.age` uses age's scrypt (passphrase) recipient; `keys/recovery.age` uses an
//! X25519 recipient whose identity (`AGE-SECRET-KEY-1…`) is shown to the user once. Both open with
//! the stock `age` tool: `age -d keys/passphrase.age` or `age -d -i recovery.txt keys/recovery.age`.

use super::kdf::MAX_READ_WORK_FACTOR;
use super::key::DataKey;
use crate::error::{Error, Result};
use crate::fsutil::atomic_write;
use secrecy::{ExposeSecret, SecretString};
use std::io::{Read, Write};
use std::path::Path;
use std::str::FromStr;
use zeroize::Zeroizing;

/// Largest key file we read: a real one is a few hundred bytes.
const MAX_KEY_FILE: u64 = 64 * 1024;

/// Encrypt the data key to a passphrase with the given scrypt work factor.
pub fn wrap_with_passphrase(
    key: &DataKey,
    passphrase: &SecretString,
    log_n: u8,
) -> Result<Vec<u8>> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(log_n);
    wrap(key, &recipient)
}

/// Encrypt the data key to an X25519 recovery recipient (`age1…`).
pub fn wrap_with_recipient(key: &DataKey, recipient: &str) -> Result<Vec<u8>> {
    let recipient = age::x25519::Recipient::from_str(recipient)
        .map_err(|e| Error::Crypto(format!("invalid recovery recipient: {e}")))?;
    wrap(key, &recipient)
}

fn wrap(key: &DataKey, recipient: &dyn age::Recipient) -> Result<Vec<u8>> {
    let encryptor = age::Encryptor::with_recipients(std::iter::once(recipient))
        .map_err(|e| Error::Crypto(e.to_string()))?;
    let mut out = Vec::with_capacity(512);
    let mut writer = encryptor
        .wrap_output(&mut out)
        .map_err(|e| Error::Crypto(e.to_string()))?;
    writer
        .write_all(key.to_hex().as_bytes())
        .and_then(|_| writer.finish().map(|_| ()))
        .map_err(|e| Error::Crypto(e.to_string()))?;
    Ok(out)
}

/// Write a key file atomically (temp name, fsync, rename, fsync folder).
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    atomic_write(path, bytes)
}

/// Read a key file's bytes, telling a missing file from an unreadable one.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::KeyFileMissing(path.to_path_buf()),
        _ => Error::io("read", path, e),
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_KEY_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", path, e))?;
    if bytes.len() as u64 > MAX_KEY_FILE {
        return Err(Error::KeyFileCorrupt(path.to_path_buf()));
    }
    Ok(bytes)
}

/// Decrypt a passphrase key file. A wrong passphrase and a damaged file are told apart.
pub fn unwrap_with_passphrase(
    bytes: &[u8],
    passphrase: &SecretString,
    path: &Path,
) -> Result<DataKey> {
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(MAX_READ_WORK_FACTOR);
    unwrap(bytes, &identity, path, Error::WrongPassphrase)
}

/// Decrypt a recovery key file with the recovery identity (`AGE-SECRET-KEY-1…`).
pub fn unwrap_with_identity(bytes: &[u8], identity: &SecretString, path: &Path) -> Result<DataKey> {
    let identity =
        age::x25519::Identity::from_str(identity.expose_secret().trim()).map_err(|_| {
            Error::InvalidInput(
                "That is not a recovery key: it starts with AGE-SECRET-KEY-1.".into(),
            )
        })?;
    unwrap(bytes, &identity, path, Error::WrongRecoveryKey)
}

/// Decrypt a key file with any identity (`wrong` is the error when it does not match). What
/// [`unwrap_with_passphrase`] and [`unwrap_with_identity`] share; public for the fuzz targets,
/// which pass an scrypt identity with a tiny work-factor cap so each run stays fast.
#[doc(hidden)]
pub fn unwrap(
    bytes: &[u8],
    identity: &dyn age::Identity,
    path: &Path,
    wrong: Error,
) -> Result<DataKey> {
    let corrupt = || Error::KeyFileCorrupt(path.to_path_buf());
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|_| corrupt())?;
    let mut reader = match decryptor.decrypt(std::iter::once(identity)) {
        Ok(r) => r,
        Err(age::DecryptError::DecryptionFailed) | Err(age::DecryptError::NoMatchingKeys) => {
            return Err(wrong)
        }
        Err(age::DecryptError::ExcessiveWork { required, .. }) => {
            return Err(Error::InvalidInput(format!(
                "The key file asks for scrypt work factor {required}, above the limit of {MAX_READ_WORK_FACTOR}."
            )))
        }
        Err(_) => return Err(corrupt()),
    };
    let mut plain = Zeroizing::new(Vec::with_capacity(64));
    reader.read_to_end(&mut plain).map_err(|_| corrupt())?;
    DataKey::parse_or(&plain, corrupt)
}

/// The scrypt work factor recorded in a passphrase key file's (plaintext) header, if any.
pub fn work_factor(bytes: &[u8]) -> Option<u8> {
    let header_end = bytes.windows(4).position(|w| w == b"\n---")?;
    let header = std::str::from_utf8(&bytes[..header_end]).ok()?;
    header.lines().find_map(|line| {
        let mut parts = line.strip_prefix("-> scrypt ")?.split(' ');
        let _salt = parts.next()?;
        parts.next()?.parse().ok()
    })
}

/// A new recovery identity and its public recipient.
pub fn new_recovery_identity() -> (SecretString, String) {
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public().to_string();
    (identity.to_string(), recipient)
}
