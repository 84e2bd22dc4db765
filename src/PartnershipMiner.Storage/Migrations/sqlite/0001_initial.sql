-- Initial schema (SQLite). STRICT tables so a wrongly typed value is an error, not a silent conversion.
-- Times are UTC text in one fixed-width form ("2024-05-01T12:00:00.0000000Z"): text order is time order.
-- Dates are "yyyy-MM-dd" text.

CREATE TABLE schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
) STRICT;

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    text         TEXT NOT NULL,
    title        TEXT,
    date         TEXT,
    state        TEXT NOT NULL CHECK (state IN ('received', 'processing', 'done', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    worker       TEXT,
    claimed_at   TEXT,
    received_at  TEXT NOT NULL,
    done_at      TEXT,
    sentences    INTEGER
) STRICT;

-- The claim scans by state in id order.
CREATE INDEX documents_queue ON documents (state, id);

CREATE TABLE records (
    id             TEXT PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES documents (id),
    document       TEXT NOT NULL,
    document_date  TEXT,
    parties        TEXT NOT NULL,
    tier           TEXT NOT NULL,
    phrase         TEXT NOT NULL,
    tier_rank      INTEGER NOT NULL,
    event          TEXT NOT NULL,
    year           INTEGER,
    evidence       TEXT NOT NULL,
    span_start     INTEGER NOT NULL,
    span_end       INTEGER NOT NULL,
    confidence     REAL NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'corrected')),
    rhetoric_label TEXT,
    rhetoric_score REAL,
    substance      TEXT CHECK (substance IS NULL OR json_valid(substance)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK (span_start >= 0 AND span_end >= span_start)
) STRICT;

CREATE INDEX records_reading_order ON records (document_id, span_start, id);
CREATE INDEX records_status ON records (status);

-- One row per party so that "records involving X" is an index lookup, not a text search.
CREATE TABLE record_parties (
    record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    party     TEXT NOT NULL,
    PRIMARY KEY (record_id, party)
) STRICT, WITHOUT ROWID;

CREATE INDEX record_parties_party ON record_parties (party, record_id);

CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    record_id   TEXT NOT NULL REFERENCES records (id),
    reviewer    TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    comment     TEXT,
    before      TEXT NOT NULL CHECK (json_valid(before)),
    after       TEXT NOT NULL CHECK (json_valid(after)),
    at          TEXT NOT NULL
) STRICT;

CREATE INDEX reviews_record ON reviews (record_id, id);

CREATE TABLE document_errors (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    attempt     INTEGER NOT NULL,
    worker      TEXT,
    error       TEXT NOT NULL,
    at          TEXT NOT NULL
) STRICT;

CREATE INDEX document_errors_at ON document_errors (at, id);
