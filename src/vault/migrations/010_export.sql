-- Schema 10: counsel's key book, the public keys exports are encrypted to, by name. (Backup
-- settings live in vault_meta: backup_folder, backup_keep, backup_every_days, backup_last_at.)
CREATE TABLE counsel_key (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    recipient TEXT NOT NULL,
    added_at  TEXT NOT NULL
) STRICT;
