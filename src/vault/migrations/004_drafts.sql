-- Schema 4: drafts the UI autosaves while a form is open (e.g. a 1-on-1 being logged), so nothing
-- typed is lost if the window closes. The key is chosen by the UI (`conversation:<workerId>`);
-- the body is the form as JSON. Inside the encrypted database like everything else.
CREATE TABLE draft (
    key        TEXT PRIMARY KEY NOT NULL,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
