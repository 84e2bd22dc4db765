-- Document texts in a table of their own, as in the SQLite schema (where a change of state used to rewrite the whole
-- text); PostgreSQL keeps long texts out of line anyway, so here it only keeps the two schemas and their SQL alike.

CREATE TABLE document_texts (
    document_id bigint PRIMARY KEY REFERENCES documents (id),
    text        text NOT NULL
);

INSERT INTO document_texts (document_id, text) SELECT id, text FROM documents;

ALTER TABLE documents DROP COLUMN text;
