"""Fixtures of the knowledge-base tests: the bundled corpus's index with reports/ in 城管 and
assessment/ in 测评, on each store (the files moved between knowledge bases without re-embedding)."""

from __future__ import annotations

import shutil

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr

from assistant.auth.accounts import add_kb, add_user
from assistant.auth.db import AccountsDB
from assistant.index.build import ingest
from assistant.service import Assistant
from assistant.web.app import create_app
from tests.conftest import CORPUS, new_database

REPORTS, ASSESSMENT = "城管", "测评"
PASSWORD = "kb-test-password"
# A question the assessment documents answer (and the reports barely touch).
ABOUT_ASSESSMENT = "全国文明城市测评体系的测评方法和实地考察点位标准"


@pytest.fixture(scope="module")
def kb_settings(tmp_path_factory, corpus_settings, embedder):
    """The bundled corpus's index with reports/ in 城管 and assessment/ in 测评 (moved without
    re-embedding: the files are unchanged)."""
    folder = tmp_path_factory.mktemp("kb-index")
    shutil.rmtree(folder)
    shutil.copytree(corpus_settings.index_dir, folder)
    settings = corpus_settings.model_copy(update={"index_dir": folder})
    moved = ingest([CORPUS / "reports"], settings, embedder, kb=REPORTS)
    assert moved.embedded == 0 and moved.unchanged and not moved.added
    moved = ingest([CORPUS / "assessment"], settings, embedder, kb=ASSESSMENT)
    assert moved.embedded == 0 and moved.unchanged
    return settings


@pytest.fixture(scope="module")
def kb_pg_settings(request, pg_server, kb_settings, embedder):
    from assistant.store.pg_ingest import import_generation
    from assistant.store.postgres import PostgresStore

    url = new_database(pg_server, f"kbs_{request.module.__name__.rsplit('.', 1)[-1]}"[:60])
    store = PostgresStore(url, embedder.dim)
    try:
        import_generation(kb_settings.index_dir, store)
    finally:
        store.close()
    return kb_settings.model_copy(update={"database_url": SecretStr(url)})


@pytest.fixture(scope="module", params=["embedded", "postgres"])
def kb_assistant(request, embedder):
    name = "kb_settings" if request.param == "embedded" else "kb_pg_settings"
    assistant = Assistant(request.getfixturevalue(name), embedder)
    yield assistant
    if request.param == "postgres":
        assistant.server_store().close()


def app_with_users(assistant: Assistant, users: dict[str, dict[str, str]]) -> FastAPI:
    """The web app over ``assistant`` with the knowledge bases 城管 and 测评 and ``users``
    (login → roles, password ``PASSWORD``)."""
    settings = assistant.settings
    db = AccountsDB.open(settings)
    for kb in (REPORTS, ASSESSMENT):
        add_kb(db, kb)
    for login, roles in users.items():
        add_user(db, login, PASSWORD, roles)
    db.close()
    # Many sign-ins from one address in a few seconds: the per-address limit is not what is tested here.
    return create_app(settings.model_copy(update={"login_attempts_per_minute": 10_000}), assistant)


def client_of(app: FastAPI, login: str) -> TestClient:
    """A client signed in as ``login`` by Bearer token only (the token is the user, no CSRF token needed)."""
    client = TestClient(app)
    response = client.post("/api/login", json={"login": login, "password": PASSWORD})
    assert response.status_code == 200, response.text
    client.cookies.clear()
    client.headers["Authorization"] = f"Bearer {response.json()['token']}"
    return client
