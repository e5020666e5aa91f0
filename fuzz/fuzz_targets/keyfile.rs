//! Key files (`keys/passphrase.age`, `keys/recovery.age`): bytes → the work-factor peek, then the
//! age unwrap and the 64-hex data key parse, once with a fixed recovery identity (X25519) and once
//! with a passphrase whose scrypt work-factor cap is tiny (2^4) so that no input can make a run
//! slow; a file asking for more fails with "excessive work" before any KDF.
#![no_main]

use fieldbook::vault::keyfile::{unwrap, work_factor};
use fieldbook::Error;
use libfuzzer_sys::fuzz_target;
use secrecy::SecretString;
use std::path::Path;
use std::str::FromStr;

const IDENTITY: &str = "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0";
const PASSPHRASE: &str = "violet tractor molasses 42 harbor";

fuzz_target!(|data: &[u8]| {
    let _ = work_factor(data);
    let path = Path::new("keys/recovery.age");
    if let Ok(id) = age::x25519::Identity::from_str(IDENTITY) {
        let _ = unwrap(data, &id, path, Error::WrongRecoveryKey);
    }
    let mut scrypt = age::scrypt::Identity::new(SecretString::from(PASSPHRASE));
    scrypt.set_max_work_factor(4);
    let _ = unwrap(
        data,
        &scrypt,
        Path::new("keys/passphrase.age"),
        Error::WrongPassphrase,
    );
});
