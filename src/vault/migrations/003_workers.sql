-- Schema 3: the unit list. Dates are ISO 8601 text: days as YYYY-MM-DD, instants as RFC 3339 UTC.
ALTER TABLE campaign ADD COLUMN card_stale_days INTEGER NOT NULL DEFAULT 365;
ALTER TABLE campaign ADD COLUMN employer_domains TEXT NOT NULL DEFAULT '[]';
ALTER TABLE campaign ADD COLUMN import_mapping TEXT;

CREATE TABLE campaign_issue (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    UNIQUE (campaign_id, name)
) STRICT;

CREATE TABLE custom_field (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    UNIQUE (campaign_id, name)
) STRICT;

CREATE TABLE worker (
    id             INTEGER PRIMARY KEY,
    campaign_id    INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    employee_id    TEXT,
    legal_name     TEXT NOT NULL,
    preferred_name TEXT NOT NULL DEFAULT '',
    pronouns       TEXT NOT NULL DEFAULT '',
    phones         TEXT NOT NULL DEFAULT '[]',
    emails         TEXT NOT NULL DEFAULT '[]',
    address        TEXT NOT NULL DEFAULT '',
    department     TEXT NOT NULL DEFAULT '',
    shift          TEXT NOT NULL DEFAULT '',
    job_title      TEXT NOT NULL DEFAULT '',
    hire_date      TEXT,
    languages      TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    tags           TEXT NOT NULL DEFAULT '[]',
    custom         TEXT NOT NULL DEFAULT '{}',
    is_supervisor  INTEGER NOT NULL DEFAULT 0 CHECK (is_supervisor IN (0, 1)),
    card_signed_on TEXT,
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left', 'excluded')),
    -- Derived: the latest assessment's value (NULL when unassessed), kept by triggers below.
    assessment     INTEGER CHECK (assessment BETWEEN 1 AND 5),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX worker_campaign ON worker (campaign_id, department, shift);
CREATE INDEX worker_employee_id ON worker (campaign_id, employee_id);

CREATE TABLE committee_term (
    id        INTEGER PRIMARY KEY,
    worker_id INTEGER NOT NULL REFERENCES worker(id) ON DELETE CASCADE,
    from_date TEXT NOT NULL,
    to_date   TEXT
) STRICT;
CREATE INDEX committee_term_worker ON committee_term (worker_id, from_date, to_date);

CREATE TABLE conversation (
    id                INTEGER PRIMARY KEY,
    worker_id         INTEGER NOT NULL REFERENCES worker(id) ON DELETE CASCADE,
    held_on           TEXT NOT NULL,
    organizer         TEXT NOT NULL DEFAULT '',
    place             TEXT NOT NULL DEFAULT '',
    issues            TEXT NOT NULL DEFAULT '[]',
    ask               TEXT NOT NULL DEFAULT '',
    answer            TEXT NOT NULL DEFAULT '',
    assessment_before INTEGER CHECK (assessment_before BETWEEN 1 AND 5),
    assessment_after  INTEGER CHECK (assessment_after BETWEEN 1 AND 5),
    next_step         TEXT NOT NULL DEFAULT '',
    follow_up_on      TEXT,
    follow_up_done    INTEGER NOT NULL DEFAULT 0 CHECK (follow_up_done IN (0, 1)),
    notes             TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL
) STRICT;
CREATE INDEX conversation_worker ON conversation (worker_id, held_on);
CREATE INDEX conversation_follow_up ON conversation (follow_up_done, follow_up_on);
-- Each worker's open follow-ups, for the worker table's "next follow-up" column.
CREATE INDEX conversation_open_follow_up ON conversation (worker_id, follow_up_on)
    WHERE follow_up_done = 0 AND follow_up_on IS NOT NULL;

CREATE TABLE assessment (
    id              INTEGER PRIMARY KEY,
    worker_id       INTEGER NOT NULL REFERENCES worker(id) ON DELETE CASCADE,
    -- 1 leader/committee … 5 anti-union; 0 clears the assessment (back to unassessed).
    value           INTEGER NOT NULL CHECK (value BETWEEN 0 AND 5),
    assessed_at     TEXT NOT NULL,
    assessed_by     TEXT NOT NULL DEFAULT '',
    reason          TEXT NOT NULL DEFAULT '',
    conversation_id INTEGER REFERENCES conversation(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX assessment_worker ON assessment (worker_id, assessed_at);

CREATE TRIGGER assessment_current_ai AFTER INSERT ON assessment BEGIN
    UPDATE worker SET assessment = (
        SELECT NULLIF(value, 0) FROM assessment WHERE worker_id = NEW.worker_id
        ORDER BY assessed_at DESC, id DESC LIMIT 1
    ) WHERE id = NEW.worker_id;
END;
CREATE TRIGGER assessment_current_ad AFTER DELETE ON assessment BEGIN
    UPDATE worker SET assessment = (
        SELECT NULLIF(value, 0) FROM assessment WHERE worker_id = OLD.worker_id
        ORDER BY assessed_at DESC, id DESC LIMIT 1
    ) WHERE id = OLD.worker_id;
END;

-- One search row per worker (rowid = worker.id): names, notes, and everything said in 1-on-1s.
-- Tags go in as their JSON text: the tokenizer drops the brackets, quotes and commas.
CREATE VIRTUAL TABLE worker_fts USING fts5(names, notes, talk, tokenize = 'unicode61 remove_diacritics 2');

-- An import sets this trigger aside inside its transaction and indexes its new workers in one
-- statement (workers::store::begin_bulk_insert / end_bulk_insert).
CREATE TRIGGER worker_fts_ai AFTER INSERT ON worker BEGIN
    INSERT INTO worker_fts (rowid, names, notes, talk) VALUES (
        NEW.id,
        NEW.legal_name || ' ' || NEW.preferred_name || ' ' || coalesce(NEW.employee_id, ''),
        NEW.notes || ' ' || NEW.job_title || ' ' || NEW.tags,
        '');
END;
CREATE TRIGGER worker_fts_au AFTER UPDATE OF legal_name, preferred_name, employee_id, notes, job_title, tags ON worker BEGIN
    UPDATE worker_fts SET
        names = NEW.legal_name || ' ' || NEW.preferred_name || ' ' || coalesce(NEW.employee_id, ''),
        notes = NEW.notes || ' ' || NEW.job_title || ' ' || NEW.tags
    WHERE rowid = NEW.id;
END;
CREATE TRIGGER worker_fts_ad AFTER DELETE ON worker BEGIN
    DELETE FROM worker_fts WHERE rowid = OLD.id;
END;

CREATE TRIGGER conversation_fts_ai AFTER INSERT ON conversation BEGIN
    UPDATE worker_fts SET talk = (
        SELECT group_concat(c.place || ' ' || c.issues || ' ' || c.ask || ' ' || c.answer || ' ' || c.next_step || ' ' || c.notes, ' ')
        FROM conversation c WHERE c.worker_id = NEW.worker_id
    ) WHERE rowid = NEW.worker_id;
END;
CREATE TRIGGER conversation_fts_au AFTER UPDATE ON conversation BEGIN
    UPDATE worker_fts SET talk = (
        SELECT group_concat(c.place || ' ' || c.issues || ' ' || c.ask || ' ' || c.answer || ' ' || c.next_step || ' ' || c.notes, ' ')
        FROM conversation c WHERE c.worker_id = NEW.worker_id
    ) WHERE rowid = NEW.worker_id;
END;
CREATE TRIGGER conversation_fts_ad AFTER DELETE ON conversation BEGIN
    UPDATE worker_fts SET talk = coalesce((
        SELECT group_concat(c.place || ' ' || c.issues || ' ' || c.ask || ' ' || c.answer || ' ' || c.next_step || ' ' || c.notes, ' ')
        FROM conversation c WHERE c.worker_id = OLD.worker_id
    ), '') WHERE rowid = OLD.worker_id;
END;
