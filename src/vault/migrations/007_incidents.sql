-- Schema 7: incidents (unfair labor practices), the people involved, and evidence files stored
-- inside the vault. (Defined by the incidents module.) Days are YYYY-MM-DD text, instants RFC 3339.

-- An incident as the organizer logged it. Its status moves logged → sent_to_counsel →
-- charge_filed → charge_served (steps may be skipped; closed can follow any of them), and the day
-- of each step is kept in its own column. Moving back to an earlier step clears the later days.
-- The 10(b) clock (six calendar months from occurred_on) is computed at query time from these
-- columns: an incident is open for it until the charge is both filed and served, or closed.
CREATE TABLE incident (
    id                 INTEGER PRIMARY KEY,
    campaign_id        INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    occurred_on        TEXT NOT NULL CHECK (occurred_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    -- HH:MM (24 h), when known.
    occurred_time      TEXT CHECK (occurred_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    place              TEXT NOT NULL DEFAULT '',
    learned_on         TEXT NOT NULL CHECK (learned_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
                                            AND learned_on >= occurred_on),
    category           TEXT NOT NULL CHECK (category IN ('threat', 'interrogation', 'promise_of_benefit',
                                                         'surveillance', 'retaliation', 'other')),
    summary            TEXT NOT NULL CHECK (summary <> ''),
    description        TEXT NOT NULL DEFAULT '',
    -- The Board's case number once a charge is filed (e.g. 07-CA-345678).
    case_number        TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL DEFAULT 'logged' CHECK (status IN ('logged', 'sent_to_counsel',
                                                             'charge_filed', 'charge_served', 'closed')),
    sent_to_counsel_on TEXT CHECK (sent_to_counsel_on >= learned_on),
    charge_filed_on    TEXT CHECK (charge_filed_on >= learned_on),
    charge_served_on   TEXT CHECK (charge_served_on >= learned_on),
    closed_on          TEXT CHECK (closed_on >= learned_on),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    -- The status names the latest step reached; the days of later steps are empty.
    CHECK (CASE status
        WHEN 'logged' THEN coalesce(sent_to_counsel_on, charge_filed_on, charge_served_on) IS NULL
        WHEN 'sent_to_counsel' THEN sent_to_counsel_on IS NOT NULL
                                    AND coalesce(charge_filed_on, charge_served_on) IS NULL
        WHEN 'charge_filed' THEN charge_filed_on IS NOT NULL AND charge_served_on IS NULL
        WHEN 'charge_served' THEN charge_filed_on IS NOT NULL AND charge_served_on IS NOT NULL
        ELSE 1 END),
    CHECK ((status = 'closed') = (closed_on IS NOT NULL)),
    CHECK (charge_served_on IS NULL OR charge_filed_on IS NOT NULL)
) STRICT;
CREATE INDEX incident_campaign ON incident (campaign_id, occurred_on);

-- The people involved: the supervisors or managers who acted, the workers affected, the
-- witnesses. Each is a worker of the incident's campaign, or (managers only) a free-text name for
-- someone not on the list.
CREATE TABLE incident_person (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('manager', 'affected', 'witness')),
    worker_id   INTEGER REFERENCES worker(id) ON DELETE CASCADE,
    name        TEXT NOT NULL DEFAULT '',
    CHECK ((worker_id IS NOT NULL AND name = '')
        OR (worker_id IS NULL AND role = 'manager' AND name <> ''))
) STRICT;
CREATE UNIQUE INDEX incident_person_worker ON incident_person (incident_id, role, worker_id)
    WHERE worker_id IS NOT NULL;
CREATE UNIQUE INDEX incident_person_name ON incident_person (incident_id, role, name)
    WHERE worker_id IS NULL;
-- A worker's incidents, and the ON DELETE CASCADE from worker.
CREATE INDEX incident_person_by_worker ON incident_person (worker_id);

-- Deleting a worker removes them from the incidents they were affected by or witnessed; a
-- manager's part in an incident is the employer's act and stays, under their name as free text.
CREATE TRIGGER incident_person_keep_manager BEFORE DELETE ON worker BEGIN
    UPDATE OR IGNORE incident_person
    SET worker_id = NULL,
        name = CASE WHEN OLD.preferred_name <> '' THEN OLD.preferred_name ELSE OLD.legal_name END
    WHERE worker_id = OLD.id AND role = 'manager';
END;

-- Evidence files (photos, screenshots, PDFs, audio, video), kept inside the encrypted database:
-- never as loose files. An evidence row belongs to a campaign and usually to an incident (an
-- affidavit draft can link evidence too, through its own table). `state` is 'staging' while an
-- upload from the window is arriving in parts (invisible everywhere; removed at the next unlock
-- or upload) and 'ready' once its size and SHA-256 were checked.
CREATE TABLE evidence (
    -- AUTOINCREMENT: an id is never reused, so a late part of a cancelled upload, or a reference
    -- to a deleted file, can never reach another file.
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    incident_id INTEGER REFERENCES incident(id) ON DELETE CASCADE,
    -- The original name, without folders.
    file_name   TEXT NOT NULL CHECK (file_name <> '' AND instr(file_name, '/') = 0
                                     AND instr(file_name, char(92)) = 0),
    media_type  TEXT NOT NULL CHECK (media_type LIKE '%_/_%'),
    -- Bytes; while staging, the size announced. At most 2 GiB.
    size        INTEGER NOT NULL CHECK (size BETWEEN 0 AND 2147483648),
    -- Lowercase hex; while staging, the hash the window computed, if it sent one.
    sha256      TEXT CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    state       TEXT NOT NULL DEFAULT 'ready' CHECK (state IN ('staging', 'ready')),
    added_at    TEXT NOT NULL,
    CHECK (state = 'staging' OR (size > 0 AND sha256 IS NOT NULL))
) STRICT;
CREATE INDEX evidence_incident ON evidence (incident_id);
CREATE INDEX evidence_campaign ON evidence (campaign_id);
CREATE INDEX evidence_staging ON evidence (state) WHERE state = 'staging';

-- The file's bytes in 1 MiB parts: part `seq` holds bytes [seq × 2^20, (seq + 1) × 2^20).
-- Added and read a part at a time, so a large video never has to fit in memory.
CREATE TABLE evidence_chunk (
    evidence_id INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL CHECK (seq >= 0),
    data        BLOB NOT NULL CHECK (length(data) BETWEEN 1 AND 1048576),
    PRIMARY KEY (evidence_id, seq)
) STRICT, WITHOUT ROWID;
