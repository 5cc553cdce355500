"""Fuzzing the JSON API against its own OpenAPI schema (schemathesis, in-process ASGI).

Every operation gets generated requests, valid and invalid (the coverage phase's boundary
values and wrong methods, then random ones): no response may be a 5xx or carry a traceback,
and every response must conform to the schema (documented status code and content type,
body matching the documented model, SSE events included), valid input must be accepted and
invalid input rejected.

Two runs: the app over the shared session index with an admin token the fuzzer does not know
(upload and delete must answer 401), and an app over a private copy of the index and corpus
that sends the admin token with every request (uploads and deletes really happen there).

Larger runs: ``ASSISTANT_FUZZ_EXAMPLES=200`` (random examples per operation, also for the
admin run unless ``ASSISTANT_FUZZ_ADMIN_EXAMPLES`` is set; then not derandomized).
``ASSISTANT_FUZZ_COVERAGE=0`` leaves out the coverage phase."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from assistant.service import Assistant
from assistant.web.app import create_app
from tests.conftest import make_settings

DEEP = "ASSISTANT_FUZZ_EXAMPLES" in os.environ
EXAMPLES = int(os.environ.get("ASSISTANT_FUZZ_EXAMPLES", "10"))
ADMIN_EXAMPLES = int(os.environ.get("ASSISTANT_FUZZ_ADMIN_EXAMPLES", EXAMPLES if DEEP else 5))
COVERAGE = os.environ.get("ASSISTANT_FUZZ_COVERAGE", "1") == "1"
TOKEN = "fuzz-admin-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ADMIN_OPERATIONS = {"POST /api/documents", "DELETE /api/documents/{doc_id}"}

# 413 is how the API rejects a question longer than the documented maxLength.
REJECTED = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]
CONFIG = schemathesis.Config.from_dict(
    {
        "phases": {"coverage": {"enabled": COVERAGE}},
        "checks": {"negative_data_rejection": {"expected-statuses": REJECTED}},
    }
)
HYPOTHESIS = {"deadline": None, "derandomize": not DEEP, "database": None, "suppress_health_check": list(HealthCheck)}


def _openapi() -> dict:
    """The app's OpenAPI document (it depends on the configured limits only, not on the index),
    needed when the tests are collected, before the session's model and index exist."""
    return create_app(make_settings(Path(tempfile.gettempdir()) / "assistant-fuzz-no-index")).openapi()


OPENAPI = _openapi()
schema = schemathesis.openapi.from_dict(OPENAPI, config=CONFIG)
documents = schema.include(tag="documents")

SENT: Counter[tuple[str, str, int]] = Counter()  # (run, operation, status) -> requests


def sent(run: str, case, response) -> None:
    SENT[(run, case.operation.label, response.status_code)] += 1
    assert b"Traceback" not in response.content and b'File "/' not in response.content


@pytest.fixture(scope="module", autouse=True)
def report(request):
    yield
    lines = []
    for run in sorted({run for run, _, _ in SENT}):
        statuses: Counter[int] = Counter()
        for (r, _, status), n in SENT.items():
            if r == run:
                statuses[status] += n
        lines.append(f"schemathesis: {run} run {statuses.total()} requests, statuses {dict(sorted(statuses.items()))}")
        if DEEP:
            for operation in sorted({op for r, op, _ in SENT if r == run}):
                counts = {status: n for (r, op, status), n in sorted(SENT.items()) if r == run and op == operation}
                lines.append(f"  {operation}: {counts}")
    with request.config.pluginmanager.getplugin("capturemanager").global_and_fixture_disabled():
        print("", *lines, sep="\n")


@pytest.fixture(scope="module")
def api_app(corpus_settings, assistant):
    """The app over the shared index; document management on, but the token is never sent."""
    settings = make_settings(corpus_settings.index_dir, admin_token="not-sent-by-the-fuzzer")
    return create_app(settings, assistant)


@pytest.fixture(scope="module")
def admin_app(tmp_path_factory, corpus_settings, embedder):
    """An app with the admin token over a private copy of the index and corpus (nothing re-embedded)."""
    root = tmp_path_factory.mktemp("fuzz-admin")
    index = root / "index"
    shutil.copytree(corpus_settings.index_dir, index, ignore=shutil.ignore_patterns(".lock"))
    corpus = root / "corpus"
    shutil.copytree(corpus_settings.corpus_dir, corpus)
    settings = make_settings(index, admin_token=TOKEN)
    settings.corpus_dir = corpus
    return create_app(settings, Assistant(settings, embedder))


def test_the_fuzzed_schema_is_the_apps_own(api_app, admin_app):
    for app in (api_app, admin_app):
        with TestClient(app) as client:
            assert client.get("/openapi.json").json() == OPENAPI


@schema.parametrize()
@settings(max_examples=EXAMPLES, **HYPOTHESIS)
def test_api_conforms_to_its_schema(case, api_app):
    response = case.call_and_validate(app=api_app)
    sent("public", case, response)
    if case.operation.label in ADMIN_OPERATIONS:
        assert response.status_code in (401, 405), response.text


@documents.parametrize()
@settings(max_examples=ADMIN_EXAMPLES, **HYPOTHESIS)
def test_admin_api_with_token_conforms_to_its_schema(case, admin_app):
    response = case.call_and_validate(app=admin_app, headers=AUTH)
    sent("admin", case, response)


# Sign-in (issue 14): the same app with a user in its own accounts file. Signed out, every
# operation but /healthz and /api/login must answer 401; signed in (an admin's Bearer token),
# the new operations (accounts, chats, feedback) are fuzzed; not /api/logout, which would end
# the fuzzer's session, nor uploads and deletes, which would change the shared session index.
PUBLIC_OPERATIONS = {"GET /healthz", "POST /api/login"}
issue14_operations = schema.include(tag=["accounts", "chats", "feedback"]).exclude(path="/api/logout")


@pytest.fixture(scope="module")
def signed_app(tmp_path_factory, corpus_settings, assistant):
    """The app over the shared index with an accounts file of its own holding one admin; its token."""
    from assistant.auth.accounts import add_user
    from assistant.auth.db import AccountsDB

    accounts = tmp_path_factory.mktemp("fuzz-accounts") / "accounts.sqlite"
    settings = make_settings(corpus_settings.index_dir, accounts_path=accounts)
    add_user(AccountsDB.open(settings), "fuzz-admin", "fuzz-password-1", {"默认": "admin"})
    app = create_app(settings, assistant)
    with TestClient(app) as client:
        token = client.post("/api/login", json={"login": "fuzz-admin", "password": "fuzz-password-1"}).json()["token"]
    return app, {"Authorization": f"Bearer {token}"}


@schema.parametrize()
@settings(max_examples=3, **HYPOTHESIS)
def test_signed_out_api_conforms_and_is_refused(case, signed_app):
    response = case.call_and_validate(app=signed_app[0])
    sent("signed-out", case, response)
    if case.operation.label not in PUBLIC_OPERATIONS:
        undeclared_method = case.method.upper() != case.operation.method.upper()  # the coverage phase's
        assert response.status_code == (405 if undeclared_method else 401), response.text


@issue14_operations.parametrize()
@settings(max_examples=EXAMPLES, **HYPOTHESIS)
def test_signed_in_new_operations_conform(case, signed_app):
    app, bearer = signed_app
    response = case.call_and_validate(app=app, headers=bearer)
    sent("signed-in", case, response)


def test_upload_and_delete_responses_conform(admin_app):
    """The successful upload and delete, which random data rarely reaches."""
    with TestClient(admin_app) as client:
        upload = client.post(
            "/api/documents",
            headers=AUTH,
            files=[
                (
                    "files",
                    (
                        "模糊测试.txt",
                        "XX区城管局2025年模糊测试说明\n一、概况\n共检查路灯三百处。\n".encode(),
                        "text/plain",
                    ),
                ),
                ("files", ("x.exe", b"MZ", "application/octet-stream")),
            ],
        )
        assert upload.status_code == 200, upload.text
        schema["/api/documents"]["POST"].validate_response(upload)
        (document,) = upload.json()["uploaded_documents"]
        deleted = client.delete(f"/api/documents/{document['doc_id']}", headers=AUTH)
        assert deleted.status_code == 200 and deleted.json()["deleted_file"] is True
        schema["/api/documents/{doc_id}"]["DELETE"].validate_response(deleted)
