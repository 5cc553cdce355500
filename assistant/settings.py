"""The one settings object. Every field can be set from the environment with the
``ASSISTANT_`` prefix (e.g. ``ASSISTANT_INDEX_DIR=/srv/index``) or from a ``.env`` file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "multilingual-e5-small"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore")

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    # Server mode: postgresql://… selects the PostgreSQL + pgvector store (assistant.store.postgres)
    # for ingest, serve and worker instead of the index folder.
    database_url: SecretStr | None = None
    database_pool_size: int = 8
    pg_ef_search: int = 100  # HNSW candidates per vector search (at least the number asked)
    pg_keyword_ranking: Literal["bm25", "ts_rank"] = "bm25"  # measured: bench/README.md
    # Accounts (users, roles, sessions, audit): in the database above when it is set, else this
    # SQLite file (default: <index_dir>/accounts.sqlite; assistant.auth.db).
    accounts_path: Path | None = None
    session_hours: float = 12.0  # a sign-in lasts this long (cookie and Bearer token)
    login_max_failures: int = 5  # failed sign-ins of one login in a row before it is locked
    login_lockout_s: float = 900.0  # for this long after its last failure
    login_attempts_per_minute: int = 20  # sign-in attempts from one address, any login
    # Argon2id parameters of new password hashes (argon2-cffi's RFC 9106 low-memory defaults)
    password_time_cost: int = 3
    password_memory_kib: int = 65_536
    password_parallelism: int = 4
    # A question this close (cosine of the question embeddings, details agreeing) to one an
    # editor answered gets the curated answer (标注): measured in bench/curated_threshold.py.
    curated_threshold: float = 0.995
    job_lease_seconds: float = 60.0  # a worker renews its job's lease; a dead worker's job is retried after it
    ingest_job_timeout: float = 3600.0  # seconds `assistant ingest` waits for its queued jobs

    # Embedding model: a built-in name (prepared offline from an installed package)
    # or the path of any local sentence-transformers folder (e.g. bge-small-zh).
    model: str = DEFAULT_MODEL
    model_cache_dir: Path = Path.home() / ".cache" / "wenming-assistant" / "models"
    embed_batch_size: int = 32

    # Splitting
    chunk_min_chars: int = 150
    chunk_max_chars: int = 400

    # Retrieval
    top_k: int = 8
    rrf_k: int = 60
    candidates: int = 50
    # Passages of documents about another period or place than the question names move down
    # (assistant.retrieve.search); this many fused results are re-ordered before the top k.
    rerank_by_profile: bool = True
    rerank_depth: int = 20
    # OpenMP threads FAISS uses per search: one query on 2 cores ran 4-6x faster with 1 than
    # with 2 at 100k passages (bench/README.md, "FAISS threads").
    search_threads: int = 1
    # torch threads for embedding (0: one per core).
    torch_threads: int = 0
    # Above this many passages the dense index switches from exact (flat) to HNSW.
    flat_index_max: int = 300_000  # measured: bench/README.md (flat ≤20 ms CPU per query below this)

    # Answering: the fitted sentence selector (weights and calibrated thresholds); default: the
    # one shipped with the code (assistant/answer/selector.json).
    selector_path: Path | None = None
    max_question_chars: int = 2_000
    max_history_turns: int = 6

    # Optional OpenAI-compatible LLM endpoint (vLLM, Ollama, ...). Unset = extractive answers.
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout_s: float = 60.0
    llm_max_tokens: int = 256
    llm_passages: int = 4  # the best passages it reads (prompt processing is ~46 tokens/s on 2 cores)
    # Asked when the selector's best sentence is at least this likely to answer (answer/llm.py).
    llm_consult_above: float = 0.1
    # `assistant serve --llm local`: llama.cpp in-process on this GGUF file.
    llm_gguf: Path | None = None
    llm_threads: int = 2
    llm_context: int = 4096
    # Drafts polished by that LLM, sentence by sentence verified (assistant/draft/polish.py); off by default.
    draft_polish: bool = False

    # Limits for bad or hostile input
    max_file_bytes: int = 50 * 1024 * 1024
    max_upload_files: int = 20
    max_passages: int = 500_000
    ingest_lock_timeout: float = 600.0  # seconds an ingest waits for another one to finish
    # OCR of scanned PDF pages and images (assistant/ingest/ocr.py): pages per file (about 5 s
    # each on 2 cores, bench/README.md "OCR"), and pixels per image, checked before decoding.
    ocr_page_limit: int = 200
    ocr_max_pixels: int = 40_000_000
    max_request_bytes: int = 60 * 1024 * 1024

    # Web
    host: str = "127.0.0.1"
    port: int = 8000
    admin_token: SecretStr | None = None
    web_dir: Path | None = None  # templates/ and static/; default: assistant/web inside the package
