//! The front of verify-bundle and restore: bytes → ASCII-armor detection, the age header parse,
//! unwrapping with a fixed X25519 identity, then the STREAM payload read to the end (capped).
//! Passphrase (scrypt) files are only parsed: the identity path refuses them before any KDF.
#![no_main]

use fieldbook::export::open::{decrypt_reader, Key};
use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Read};
use std::path::Path;
use std::str::FromStr;

/// The identity the seed corpus was encrypted to (a throwaway test key, not a secret).
const IDENTITY: &str = "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0";

fuzz_target!(|data: &[u8]| {
    let Ok(id) = age::x25519::Identity::from_str(IDENTITY) else {
        return;
    };
    let key = Key::Identities(vec![Box::new(id)]);
    let input = Cursor::new(data.to_vec());
    if let Ok(mut plain) = decrypt_reader(input, Path::new("fuzz.age"), &key) {
        let mut sink = Vec::new();
        let _ = (&mut plain).take(1 << 20).read_to_end(&mut sink);
    }
});
