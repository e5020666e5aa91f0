//! The vault's data key: 32 random bytes that key SQLCipher in raw-key mode. It only ever lives in
//! zeroizing memory; its hex form is built in zeroizing strings too.

use crate::error::{Error, Result};
use rand::RngCore;
use std::fmt;
use zeroize::Zeroizing;

pub const KEY_BYTES: usize = 32;

/// The 256-bit SQLCipher data key.
#[derive(Clone, PartialEq, Eq)]
pub struct DataKey(Zeroizing<[u8; KEY_BYTES]>);

impl DataKey {
    /// A fresh key from the operating system's CSPRNG.
    pub fn generate() -> Self {
        let mut k = Zeroizing::new([0u8; KEY_BYTES]);
        rand::rngs::OsRng.fill_bytes(k.as_mut());
        DataKey(k)
    }

    /// The key as 64 lowercase hex characters: the plaintext of a key file.
    pub fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(&self.0[..]))
    }

    /// Parse a key file's plaintext: exactly 64 hex characters, optionally followed by a newline.
    pub fn from_hex(text: &[u8]) -> Option<Self> {
        let trimmed = text.strip_suffix(b"\n").unwrap_or(text);
        let trimmed = trimmed.strip_suffix(b"\r").unwrap_or(trimmed);
        if trimmed.len() != KEY_BYTES * 2 {
            return None;
        }
        let mut k = Zeroizing::new([0u8; KEY_BYTES]);
        hex::decode_to_slice(trimmed, k.as_mut()).ok()?;
        Some(DataKey(k))
    }

    /// The statement that keys (or rekeys) a SQLCipher connection with this raw key.
    pub(crate) fn pragma(&self, pragma: &str) -> Zeroizing<String> {
        let hex = self.to_hex();
        Zeroizing::new(format!("PRAGMA {pragma} = \"x'{}'\";", hex.as_str()))
    }

    pub(crate) fn parse_or(text: &[u8], err: impl FnOnce() -> Error) -> Result<Self> {
        Self::from_hex(text).ok_or_else(err)
    }
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(<redacted>)")
    }
}
