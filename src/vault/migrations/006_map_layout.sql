-- Schema 6: where the user put each worker on the map (dragged positions). Workers without a row
-- are placed by the computed layout. Removing a worker removes their position.
CREATE TABLE map_position (
    worker_id INTEGER PRIMARY KEY REFERENCES worker(id) ON DELETE CASCADE,
    x         REAL NOT NULL,
    y         REAL NOT NULL
) STRICT;
