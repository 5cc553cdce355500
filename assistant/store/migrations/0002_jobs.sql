-- The ingest queue: one job per file to (re)index or drop. Workers claim jobs with
-- SELECT … FOR UPDATE SKIP LOCKED and hold a lease they renew while working; a job whose
-- lease ran out (its worker died) is claimed again, up to max_attempts.
CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('ingest', 'remove')),
  file_key text NOT NULL,
  path text NOT NULL DEFAULT '',       -- where the file was (read there when it is still the same)
  root text NOT NULL DEFAULT '',       -- the folder it was found under (for meta.yaml)
  content bytea,                       -- the file itself, for workers on other machines
  content_hash text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 3,
  lease_until timestamptz,
  worker text,
  error text,
  result jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_open ON jobs (id) WHERE status IN ('queued', 'running');
