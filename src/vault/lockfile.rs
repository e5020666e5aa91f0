//! One process at a time: an OS advisory lock on `vault.lock`, released by the OS if the process
//! dies, so a crash never leaves a vault stuck "in use".

use crate::error::{Error, Result};
use std::fs::TryLockError;
use std::fs::{File, OpenOptions};
use std::path::Path;

#[derive(Debug)]
pub struct VaultLock(File);

impl VaultLock {
    /// Make the (empty) lock file when building a vault.
    pub fn create_file(path: &Path) -> Result<()> {
        File::create(path).map_err(|e| Error::io("create", path, e))?;
        Ok(())
    }

    /// Take the lock, or fail with [`Error::VaultInUse`].
    pub fn acquire(path: &Path) -> Result<VaultLock> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|e| Error::io("open", path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(VaultLock(file)),
            Err(TryLockError::WouldBlock) => Err(Error::VaultInUse),
            Err(TryLockError::Error(e)) => Err(Error::io("lock", path, e)),
        }
    }
}

impl Drop for VaultLock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}
