-- Initial schema (PostgreSQL).

CREATE TABLE schema_version (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamptz NOT NULL
);

CREATE TABLE documents (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source       text NOT NULL,
    content_hash text NOT NULL UNIQUE,
    text         text NOT NULL,
    title        text,
    date         date,
    state        text NOT NULL CHECK (state IN ('received', 'processing', 'done', 'failed')),
    attempts     integer NOT NULL DEFAULT 0,
    last_error   text,
    worker       text,
    claimed_at   timestamptz,
    received_at  timestamptz NOT NULL,
    done_at      timestamptz,
    sentences    integer
);

-- The claim scans by state in id order.
CREATE INDEX documents_queue ON documents (state, id);

CREATE TABLE records (
    id             text PRIMARY KEY,
    document_id    bigint NOT NULL REFERENCES documents (id),
    document       text NOT NULL,
    document_date  date,
    parties        text NOT NULL,
    tier           text NOT NULL,
    phrase         text NOT NULL,
    tier_rank      integer NOT NULL,
    event          text NOT NULL,
    year           integer,
    evidence       text NOT NULL,
    span_start     integer NOT NULL,
    span_end       integer NOT NULL,
    confidence     double precision NOT NULL,
    status         text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'corrected')),
    rhetoric_label text,
    rhetoric_score double precision,
    substance      jsonb,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CHECK (span_start >= 0 AND span_end >= span_start)
);

CREATE INDEX records_reading_order ON records (document_id, span_start, id);
CREATE INDEX records_status ON records (status);

-- One row per party so that "records involving X" is an index lookup, not a text search.
CREATE TABLE record_parties (
    record_id text NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    party     text NOT NULL,
    PRIMARY KEY (record_id, party)
);

CREATE INDEX record_parties_party ON record_parties (party, record_id);

CREATE TABLE reviews (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id   text NOT NULL REFERENCES records (id),
    reviewer    text NOT NULL,
    from_status text NOT NULL,
    to_status   text NOT NULL,
    comment     text,
    before      jsonb NOT NULL,
    after       jsonb NOT NULL,
    at          timestamptz NOT NULL
);

CREATE INDEX reviews_record ON reviews (record_id, id);

CREATE TABLE document_errors (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents (id),
    attempt     integer NOT NULL,
    worker      text,
    error       text NOT NULL,
    at          timestamptz NOT NULL
);

CREATE INDEX document_errors_at ON document_errors (at, id);
