-- Each document belongs to one knowledge base (知识库); documents stored before it are in the
-- default one, so nothing is read or embedded again.
ALTER TABLE documents ADD COLUMN kb text NOT NULL DEFAULT '默认';
CREATE INDEX documents_kb ON documents (kb);
-- The knowledge base an ingest job puts its file into (NULL: the file keeps its own; a new file
-- goes into the default one).
ALTER TABLE jobs ADD COLUMN kb text;
