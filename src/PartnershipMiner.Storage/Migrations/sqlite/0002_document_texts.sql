-- Document texts in a table of their own. SQLite rewrites a whole row on UPDATE, overflow pages included, so with the
-- text inline every change of state (claimed, done, failed) wrote the document's text again: for a mine run, three
-- times in all. Now a change of state rewrites a row of a few dozen bytes and a text is written once.

CREATE TABLE document_texts (
    document_id INTEGER PRIMARY KEY REFERENCES documents (id),
    text        TEXT NOT NULL
) STRICT;

INSERT INTO document_texts (document_id, text) SELECT id, text FROM documents;

ALTER TABLE documents DROP COLUMN text;
