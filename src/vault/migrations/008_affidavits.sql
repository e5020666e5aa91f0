-- Schema 8: affidavit drafts. A draft belongs to one affiant (a worker of the campaign) and links
-- the incidents (and evidence files) it covers. Every save is a new, append-only row of
-- affidavit_version; the versions form a SHA-256 hash chain (docs/vault-format.md, "Affidavit
-- hash chains"), and the chain's head (newest seq and hash) is kept on the draft too, so that
-- removing the newest version is detected as well as an altered, missing or reordered one.
CREATE TABLE affidavit (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    -- Deleting the worker deletes their statement with them.
    affiant_id  INTEGER NOT NULL REFERENCES worker(id) ON DELETE CASCADE,
    -- A random UUID: the chain's genesis hash is derived from it (portable, unlike the row id).
    uid         TEXT NOT NULL UNIQUE CHECK (length(uid) = 36),
    status      TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'ready_for_counsel', 'sent')),
    -- The version the status was given on (NULL for 'draft'), when and by whom.
    status_seq  INTEGER CHECK (status_seq >= 1),
    status_at   TEXT NOT NULL,
    status_by   TEXT NOT NULL DEFAULT '',
    -- The chain's head: the newest version's seq and hash (0 and '' only inside the transaction
    -- that creates the draft with its first version).
    head_seq    INTEGER NOT NULL DEFAULT 0 CHECK (head_seq >= 0),
    head_hash   TEXT NOT NULL DEFAULT '' CHECK (length(head_hash) IN (0, 64)),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    CHECK ((head_seq = 0) = (head_hash = '')),
    CHECK ((status = 'draft') = (status_seq IS NULL)),
    CHECK (status_seq IS NULL OR status_seq <= head_seq)
) STRICT;
CREATE INDEX affidavit_campaign ON affidavit (campaign_id, status);
CREATE INDEX affidavit_affiant ON affidavit (affiant_id);

-- One row per save. `content` is the statement as JSON (language, affiant's details, numbered
-- paragraphs, witnesses); `hash` = SHA-256 over the canonical encoding of (seq, saved_at,
-- saved_by, note, content, prev_hash); `prev_hash` is the previous version's hash, or for seq 1
-- the genesis hash derived from the draft's uid.
CREATE TABLE affidavit_version (
    id           INTEGER PRIMARY KEY,
    affidavit_id INTEGER NOT NULL REFERENCES affidavit(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL CHECK (seq >= 1),
    saved_at     TEXT NOT NULL,
    saved_by     TEXT NOT NULL CHECK (length(saved_by) > 0),
    note         TEXT NOT NULL DEFAULT '',
    content      TEXT NOT NULL CHECK (json_valid(content)),
    prev_hash    TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash         TEXT NOT NULL CHECK (length(hash) = 64),
    UNIQUE (affidavit_id, seq)
) STRICT;

-- Versions are append-only for Fieldbook itself: an edit is a new version. (Someone holding the
-- key can drop these triggers; the hash chain is what shows that happened.) Deleting a whole
-- draft, directly or by cascade from its worker or campaign, removes its versions with it.
CREATE TRIGGER affidavit_version_no_update BEFORE UPDATE ON affidavit_version BEGIN
    SELECT RAISE(ABORT, 'affidavit versions are append-only');
END;
CREATE TRIGGER affidavit_version_no_delete BEFORE DELETE ON affidavit_version
WHEN EXISTS (SELECT 1 FROM affidavit WHERE id = OLD.affidavit_id) BEGIN
    SELECT RAISE(ABORT, 'affidavit versions are append-only');
END;

-- The incidents a draft covers, and evidence files it relies on (schema 7's tables).
CREATE TABLE affidavit_incident (
    affidavit_id INTEGER NOT NULL REFERENCES affidavit(id) ON DELETE CASCADE,
    incident_id  INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
    PRIMARY KEY (affidavit_id, incident_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX affidavit_incident_incident ON affidavit_incident (incident_id);

CREATE TABLE affidavit_evidence (
    affidavit_id INTEGER NOT NULL REFERENCES affidavit(id) ON DELETE CASCADE,
    evidence_id  INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    PRIMARY KEY (affidavit_id, evidence_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX affidavit_evidence_evidence ON affidavit_evidence (evidence_id);
