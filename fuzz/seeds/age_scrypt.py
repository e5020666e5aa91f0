#!/usr/bin/env python3
"""Write an age v1 file encrypted to a passphrase with a chosen (tiny) scrypt work factor.

The stock `age`/`rage` CLIs pick their own factor (2^18 and up); the keyfile fuzz target caps the
factor at 2^4 so each run stays fast, so its seeds need a tiny one. Format: age-encryption.org/v1.
Usage: age_scrypt.py PASSPHRASE LOG_N < plaintext > file.age
"""
import base64, hashlib, hmac, os, sys
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives import hashes


def b64(b):
    return base64.b64encode(b).decode().rstrip("=")


def hkdf(ikm, salt, info):
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def main():
    passphrase, log_n = sys.argv[1].encode(), int(sys.argv[2])
    plain = sys.stdin.buffer.read()
    file_key, salt = os.urandom(16), os.urandom(16)
    wrap = hashlib.scrypt(passphrase, salt=b"age-encryption.org/v1/scrypt" + salt,
                          n=1 << log_n, r=8, p=1, dklen=32)
    body = ChaCha20Poly1305(wrap).encrypt(b"\0" * 12, file_key, None)
    header = f"age-encryption.org/v1\n-> scrypt {b64(salt)} {log_n}\n{b64(body)}\n---".encode()
    mac = hmac.new(hkdf(file_key, b"", b"header"), header, hashlib.sha256).digest()
    out = header + b" " + b64(mac).encode() + b"\n"
    nonce = os.urandom(16)
    aead = ChaCha20Poly1305(hkdf(file_key, nonce, b"payload"))
    chunks = [plain[i:i + 65536] for i in range(0, len(plain), 65536)] or [b""]
    out += nonce
    for i, c in enumerate(chunks):
        last = 1 if i == len(chunks) - 1 else 0
        out += aead.encrypt(i.to_bytes(11, "big") + bytes([last]), c, None)
    sys.stdout.buffer.write(out)


main()
