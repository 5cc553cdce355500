-- Accounts: users, knowledge bases (知识库), a role per user and knowledge base, sign-in
-- sessions (the token's SHA-256, never the token), login attempts (rate limit, lockout) and
-- the audit log. Times are epoch seconds and booleans integers, as in the SQLite version of
-- these tables (assistant/auth/sqlite_schema.py, version 4), so one SQL text serves both.
CREATE TABLE users (
  login text PRIMARY KEY,
  password_hash text NOT NULL,
  created_at double precision NOT NULL,
  disabled integer NOT NULL DEFAULT 0
);
CREATE TABLE kbs (
  name text PRIMARY KEY,
  created_at double precision NOT NULL
);
INSERT INTO kbs (name, created_at) VALUES ('默认', 0);
CREATE TABLE user_roles (
  login text NOT NULL REFERENCES users (login) ON DELETE CASCADE,
  kb text NOT NULL REFERENCES kbs (name) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  PRIMARY KEY (login, kb)
);
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  login text NOT NULL REFERENCES users (login) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at double precision NOT NULL,
  expires_at double precision NOT NULL
);
CREATE INDEX sessions_login ON sessions (login);
CREATE TABLE login_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  login text NOT NULL,
  client text NOT NULL,
  at double precision NOT NULL,
  ok integer NOT NULL
);
CREATE INDEX login_attempts_login ON login_attempts (login, at);
CREATE INDEX login_attempts_client ON login_attempts (client, at);
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at double precision NOT NULL,
  actor text,
  action text NOT NULL,
  target text NOT NULL DEFAULT '',
  detail text
);
CREATE INDEX audit_log_at ON audit_log (at);
