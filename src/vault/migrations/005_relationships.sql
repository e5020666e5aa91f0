-- Schema 5: typed, dated relationships between workers, for the map (who knows and influences
-- whom). `mentor`, `influence` and `supervises` are directed (worker_a → worker_b); the other kinds
-- are symmetric and the library stores them with worker_a < worker_b, so the UNIQUE constraint
-- below also refuses a reversed duplicate. `since` is a day (YYYY-MM-DD) or NULL when unknown.
CREATE TABLE relationship (
    id         INTEGER PRIMARY KEY,
    worker_a   INTEGER NOT NULL REFERENCES worker(id) ON DELETE CASCADE,
    worker_b   INTEGER NOT NULL REFERENCES worker(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('same_crew', 'friends', 'family', 'carpool', 'mentor', 'influence', 'supervises')),
    strength   INTEGER NOT NULL DEFAULT 2 CHECK (strength BETWEEN 1 AND 3),
    since      TEXT,
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    CHECK (worker_a <> worker_b),
    UNIQUE (worker_a, worker_b, kind)
) STRICT;
-- Lookups by worker (a worker's page, the map) and the ON DELETE CASCADE from worker use these.
CREATE INDEX relationship_worker_a ON relationship (worker_a);
CREATE INDEX relationship_worker_b ON relationship (worker_b);
