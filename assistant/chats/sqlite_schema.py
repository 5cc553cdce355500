"""The SQLite tables of chats, feedback and curated answers (the accounts file of the embedded
default): the same tables as the PostgreSQL migration ``0005_chats_feedback.sql``, registered in
``assistant.auth.sqlite_schema.SCRIPT_MODULES``."""

from __future__ import annotations

from assistant.auth.sqlite_schema import SqliteScript

SCRIPTS: tuple[SqliteScript, ...] = (
    SqliteScript(
        5,
        "0005_chats_feedback",
        """
CREATE TABLE chats (
  id integer PRIMARY KEY AUTOINCREMENT,
  owner text NOT NULL,
  title text NOT NULL,
  created_at real NOT NULL,
  updated_at real NOT NULL
);
CREATE INDEX chats_owner ON chats (owner, updated_at);
CREATE TABLE chat_turns (
  id integer PRIMARY KEY AUTOINCREMENT,
  chat_id integer NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
  question text NOT NULL,
  mode text NOT NULL DEFAULT 'qa',
  answer text NOT NULL,              -- the answer as the API gave it (JSON)
  created_at real NOT NULL
);
CREATE INDEX chat_turns_chat ON chat_turns (chat_id, id);
-- The question and answer are copied: feedback outlives the chat it was given in.
CREATE TABLE feedback (
  id integer PRIMARY KEY AUTOINCREMENT,
  turn_id integer REFERENCES chat_turns (id) ON DELETE SET NULL,
  owner text NOT NULL,
  question text NOT NULL,
  answer text NOT NULL,
  kbs text NOT NULL,                 -- JSON list: the knowledge bases whose editors see it
  rating integer NOT NULL CHECK (rating IN (-1, 1)),
  comment text NOT NULL DEFAULT '',
  created_at real NOT NULL,
  curated_id integer                  -- the curated answer written from it, if any
);
CREATE INDEX feedback_created ON feedback (created_at);
CREATE UNIQUE INDEX feedback_turn_owner ON feedback (turn_id, owner);
CREATE TABLE curated_answers (
  id integer PRIMARY KEY AUTOINCREMENT,
  kb text NOT NULL,
  question text NOT NULL,
  answer text NOT NULL,
  citations text NOT NULL,           -- JSON list of {"doc_id", "chunk_id"}
  vector blob NOT NULL,             -- the question's embedding (float32)
  model text NOT NULL,               -- fingerprint of the model that embedded it
  author text,
  feedback_id integer,
  created_at real NOT NULL
);
CREATE INDEX curated_answers_kb ON curated_answers (kb);
""",
    ),
)
