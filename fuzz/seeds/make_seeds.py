#!/usr/bin/env python3
"""Seed inputs for the fuzz targets that are not copies of real files: small, valid Fieldbook
archives (a backup and a bundle, as the library writes them: entries, then manifest.json last),
broken variants of them, and an uncompressed (stored) copy of the XLSX fixture so that mutations
land in the XML rather than in the deflate stream. Usage: make_seeds.py REPO_ROOT CORPUS_DIR"""
import hashlib, io, json, os, sys, tarfile, zipfile

root, corpus = sys.argv[1], sys.argv[2]


def tar_of(entries, manifest=None, fmt="fieldbook-backup/1", extra=()):
    files = [{"path": p, "sha256": hashlib.sha256(b).hexdigest(), "size": len(b)} for p, b in entries]
    m = manifest or {"format": fmt, "createdAt": "2026-01-02T03:04:05Z", "vaultId": "v-1",
                     "appVersion": "0.1.0", "files": files, "schemaVersion": 3,
                     "counts": {"worker": 2, "campaign": 1}}
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as t:
        for p, b in list(entries) + [("manifest.json", json.dumps(m).encode())] + list(extra):
            info = tarfile.TarInfo(p)
            info.size, info.mode, info.mtime = len(b), 0o600, 0
            t.addfile(info, io.BytesIO(b))
    return buf.getvalue()


def write(target, name, data):
    d = os.path.join(corpus, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


backup = [("vault.fieldbook/vault.db", b"SQLite format 3\0" + bytes(range(64))),
          ("vault.fieldbook/keys/passphrase.age", b"age-encryption.org/v1\n-> scrypt AAAA 18\n"),
          ("vault.fieldbook/keys/recovery.age", b"age-encryption.org/v1\n-> X25519 AAAA\n")]
bundle = [("README.txt", b"Open with age -d.\n"), ("incidents/incidents.csv", b"id,title\n1,firing\n"),
          ("SHA256SUMS", b"")]
for target in ("restore", "bundle_verify"):
    write(target, "backup.tar", tar_of(backup))
    write(target, "bundle.tar", tar_of(bundle, fmt="fieldbook-bundle/1"))
    write(target, "backup-no-manifest.tar", tar_of(backup)[: -2048])
    write(target, "backup-extra-entry.tar",
          tar_of(backup, extra=[("vault.fieldbook/../escape", b"x"), ("manifest.json", b"{}")]))
    bad = json.loads(json.dumps({"format": "fieldbook-backup/1", "createdAt": "x", "vaultId": "v",
                                 "appVersion": "0", "files": [{"path": "a", "sha256": "00", "size": 1 << 62}]}))
    write(target, "backup-bad-manifest.tar", tar_of(backup[:1], manifest=bad))

with zipfile.ZipFile(os.path.join(root, "tests/fixtures/import/employer_list.xlsx")) as src:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            if info.filename == "xl/theme/theme1.xml":
                continue  # 10 KB nobody reads for a list
            dst.writestr(info.filename, src.read(info.filename))
    write("import_xlsx", "employer_list_stored.xlsx", out.getvalue())
