-- Schema 9: the campaign plan. Goals are computed from the unit list at query time (never
-- stored); what is stored is what organizers decide: the campaign's own card target, milestones
-- on a timeline, the escalation ladder of collective actions with who was asked, committed and
-- took part, tasks, and the assessment suggestions an organizer dismissed.
-- Days are YYYY-MM-DD, instants RFC 3339 UTC, as everywhere.

-- One row per campaign that changed a default (no row: 65% target, stale cards left out).
CREATE TABLE plan_settings (
    campaign_id         INTEGER PRIMARY KEY REFERENCES campaign(id) ON DELETE CASCADE,
    card_target_percent INTEGER NOT NULL DEFAULT 65 CHECK (card_target_percent BETWEEN 1 AND 100),
    exclude_stale_cards INTEGER NOT NULL DEFAULT 1 CHECK (exclude_stale_cards IN (0, 1))
) STRICT;

CREATE TABLE plan_milestone (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('committee_formed', 'majority_assessed', 'showing_of_interest',
                                              'petition_filed', 'election', 'other')),
    title       TEXT NOT NULL,
    target_on   TEXT,
    done_on     TEXT,
    -- What it requires: a JSON list of goal kinds ("showing_of_interest", …).
    requires    TEXT NOT NULL DEFAULT '[]',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX plan_milestone_campaign ON plan_milestone (campaign_id, target_on);

-- The escalation ladder: `step` is the rung (1 = the first, smallest action).
CREATE TABLE plan_action (
    id             INTEGER PRIMARY KEY,
    campaign_id    INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('petition', 'button_day', 'delegation', 'march_on_boss',
                                                 'strike_vote', 'other')),
    title          TEXT NOT NULL,
    step           INTEGER NOT NULL CHECK (step >= 1),
    planned_on     TEXT,
    held_on        TEXT,
    status         TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled')),
    -- The participation target: a number of workers, or a share of the unit (not both).
    target_count   INTEGER CHECK (target_count >= 0),
    target_percent INTEGER CHECK (target_percent BETWEEN 1 AND 100),
    milestone_id   INTEGER REFERENCES plan_milestone(id) ON DELETE SET NULL,
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK (target_count IS NULL OR target_percent IS NULL)
) STRICT;
CREATE INDEX plan_action_campaign ON plan_action (campaign_id, step);
CREATE INDEX plan_action_milestone ON plan_action (milestone_id);

-- The structure test of an action, per worker: asked (no answer yet), committed, declined, took
-- part, or committed and did not show. `recorded_at` is when the row was last written: evidence
-- recorded after a worker's latest assessment feeds the assessment suggestions.
CREATE TABLE plan_participation (
    action_id   INTEGER NOT NULL REFERENCES plan_action(id) ON DELETE CASCADE,
    worker_id   INTEGER NOT NULL REFERENCES worker(id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN ('asked', 'committed', 'declined', 'took_part', 'no_show')),
    notes       TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (action_id, worker_id)
) STRICT;
CREATE INDEX plan_participation_worker ON plan_participation (worker_id, recorded_at);

-- A suggestion the organizer turned down; it comes back only with newer evidence.
CREATE TABLE plan_suggestion_dismissal (
    worker_id    INTEGER NOT NULL REFERENCES worker(id) ON DELETE CASCADE,
    suggested    INTEGER NOT NULL CHECK (suggested BETWEEN 1 AND 5),
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (worker_id, suggested)
) STRICT;

CREATE TABLE plan_task (
    id              INTEGER PRIMARY KEY,
    campaign_id     INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    owner           TEXT NOT NULL DEFAULT '',
    owner_worker_id INTEGER REFERENCES worker(id) ON DELETE SET NULL,
    due_on          TEXT,
    done_on         TEXT,
    worker_id       INTEGER REFERENCES worker(id) ON DELETE SET NULL,
    action_id       INTEGER REFERENCES plan_action(id) ON DELETE SET NULL,
    milestone_id    INTEGER REFERENCES plan_milestone(id) ON DELETE SET NULL,
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX plan_task_campaign ON plan_task (campaign_id, done_on, due_on);
-- The ON DELETE SET NULL of the links seek these.
CREATE INDEX plan_task_worker ON plan_task (worker_id);
CREATE INDEX plan_task_owner_worker ON plan_task (owner_worker_id);
CREATE INDEX plan_task_action ON plan_task (action_id);
CREATE INDEX plan_task_milestone ON plan_task (milestone_id);

-- "What changed since yesterday / this week" reads assessments and conversations by date.
CREATE INDEX plan_assessment_at ON assessment (assessed_at);
CREATE INDEX plan_conversation_held_on ON conversation (held_on);
