#!/usr/bin/env bash
# Seed the fuzz corpora from real inputs: the import fixtures, the age CCTV vectors, key files
# made with the stock `age` CLI and with seeds/age_scrypt.py (tiny work factor), and archives made
# by make_seeds.py. With a built CLI (target/debug/fieldbook) it also adds a real backup and a real
# bundle, decrypted. Run from anywhere; idempotent (files are named by what they are).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="$root/fuzz/corpus"
mkdir -p "$corpus"/{import_csv,import_xlsx,bundle_verify,age_header,keyfile,restore}

# The throwaway identity the age_header and keyfile targets hold (CCTV's test identity).
id="AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0"
recipient="$(age-keygen -y <<<"$id")"
pass="violet tractor molasses 42 harbor"
hexkey="0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

cp "$root"/tests/fixtures/import/*.csv "$corpus/import_csv/"
cp "$root"/tests/fixtures/import/*.xlsx "$corpus/import_xlsx/"
printf 'First Name,Last Name,Phone,Email,Hire Date\nAna,Ruiz,555-0100,ana@example.org,2020-03-04\n' \
  >"$corpus/import_csv/minimal.csv"
printf '\xef\xbb\xbfNombre;Apellido;Tel\xc3\xa9fono\n"Jos\xc3\xa9";"P\xc3\xa9rez";"(555) 010-0200"\n' \
  >"$corpus/import_csv/bom_semicolon.csv"
printf 'Name\tDept\tShift\tStart\n"Lee, Kim"\tPacking\tNight\t3/4/21\n' >"$corpus/import_csv/tabs.tsv"

printf '%s' "$hexkey" | age -r "$recipient" >"$corpus/keyfile/recovery-x25519.age"
printf '%s\n' "$hexkey" | age -a -r "$recipient" >"$corpus/keyfile/recovery-x25519-armor.age"
printf 'not hex at all, but 64 bytes long: padding padding padding padd' | age -r "$recipient" \
  >"$corpus/keyfile/recovery-not-hex.age"
for n in 1 2 4 5; do
  printf '%s' "$hexkey" | python3 "$here/age_scrypt.py" "$pass" "$n" >"$corpus/keyfile/passphrase-logn$n.age"
done

# The CCTV vectors' age files (decompressed, up to 64 KiB) as age_header and keyfile seeds.
python3 - "$root/tests/fixtures/age-cctv" "$corpus" <<'PY'
import os, sys, zlib
src, corpus = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(src)):
    if name in ("LICENSE", "README.md"):
        continue
    raw = open(os.path.join(src, name), "rb").read()
    head, body = raw.split(b"\n\n", 1)
    if b"compressed: zlib" in head:
        body = zlib.decompress(body)
    if len(body) > 65536:
        continue
    for t in ("age_header", "keyfile"):
        open(os.path.join(corpus, t, "cctv-" + name), "wb").write(body)
PY

python3 "$here/make_seeds.py" "$root" "$corpus"
printf 'Fieldbook fuzz seed bundle\n' | age -r "$recipient" >"$corpus/age_header/small-x25519.age"
tar -C "$corpus/bundle_verify" -cf - bundle.tar | age -a -r "$recipient" >"$corpus/age_header/bundle-armor.age"

# Real archives from the CLI, when it is built: a demo vault's backup (to its recovery key) and a
# bundle for counsel, decrypted to the tar streams the bundle_verify and restore targets read.
cli="$root/target/debug/fieldbook"
if [[ -x "$cli" ]]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  export XDG_CONFIG_HOME="$work/config"
  out="$(printf '%s\n%s\n' "$pass" "$pass" | "$cli" init "$work/v.fieldbook" --passphrase-stdin --work-factor 18)"
  grep -o 'AGE-SECRET-KEY-1[0-9A-Z]*' <<<"$out" | head -1 >"$work/recovery.txt"
  printf '%s\n' "$pass" | "$cli" demo "$work/v.fieldbook" --workers 3 --passphrase-stdin >/dev/null
  printf '%s\n' "$pass" | "$cli" backup "$work/v.fieldbook" --out "$work/b.age" >/dev/null
  age -d -i "$work/recovery.txt" "$work/b.age" >"$corpus/restore/real-backup.tar"
  cp "$corpus/restore/real-backup.tar" "$corpus/bundle_verify/real-backup.tar"
  printf '%s\n' "$pass" | "$cli" export "$work/v.fieldbook" --select affidavits,incidents \
    --recipient "$recipient" --out "$work/bundle.age" >/dev/null
  age -d -i <(printf '%s\n' "$id") "$work/bundle.age" >"$corpus/bundle_verify/real-bundle.tar"
  cp "$work/v.fieldbook/keys/passphrase.age" "$corpus/keyfile/real-passphrase.age"
  cp "$work/v.fieldbook/keys/recovery.age" "$corpus/keyfile/real-recovery.age"
fi
du -sh "$corpus"/*
