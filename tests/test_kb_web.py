"""No data crosses knowledge bases over the API, on both stores: three signed-in users in two
knowledge bases (城管 and 测评) search, ask (plain and streamed), draft (and the .docx), read
facts and their exports, the document list and pages; a viewer gets 403 on upload and delete,
and an editor of one knowledge base cannot upload into or delete from the other."""

from __future__ import annotations

import io
import json
import shutil
import zipfile

import pytest

from assistant.auth.accounts import add_kb, add_user
from assistant.auth.db import AccountsDB
from assistant.service import Assistant
from assistant.web.app import create_app
from tests.helpers_kb import (
    ABOUT_ASSESSMENT,
    ASSESSMENT,
    PASSWORD,
    REPORTS,
    app_with_users,
    client_of,
    kb_assistant,
    kb_pg_settings,
    kb_settings,
)
from tests.test_web_api import sse_events

__all__ = ["kb_assistant", "kb_pg_settings", "kb_settings"]  # fixtures used here

USERS = {
    "cg_viewer": {REPORTS: "viewer"},
    "cp_viewer": {ASSESSMENT: "viewer"},
    "cg_editor": {REPORTS: "editor", ASSESSMENT: "viewer"},
}


@pytest.fixture(scope="module")
def app(kb_assistant):
    return app_with_users(kb_assistant, USERS)


@pytest.fixture(scope="module")
def kbs(kb_assistant) -> dict[str, str]:
    return {d["doc_id"]: d["kb"] for d in kb_assistant.documents()}


@pytest.fixture(scope="module")
def titles(kb_assistant) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {REPORTS: set(), ASSESSMENT: set()}
    for d in kb_assistant.documents():
        out[d["kb"]].add(d["title"])
    return out


def cited_docs(answer: dict) -> set[str]:
    return {c["doc_id"] for c in answer["citations"]} | {h["doc_id"] for h in answer["related"]}


def test_search_ask_and_stream_stay_in_the_users_knowledge_bases(app, kbs):
    for login, kb in (("cg_viewer", REPORTS), ("cp_viewer", ASSESSMENT)):
        client = client_of(app, login)
        hits = client.get("/api/search", params={"q": ABOUT_ASSESSMENT, "k": 10}).json()["hits"]
        assert len(hits) == 10 and {kbs[h["doc_id"]] for h in hits} == {kb}, login
        for question in ("测评体系中实地考察的点位有哪些？", "上半年清理占道经营多少处？"):
            answer = client.post("/api/ask", json={"question": question}).json()
            assert {kbs[d] for d in cited_docs(answer)} <= {kb}, (login, question)
            streamed = client.post("/api/ask/stream", json={"question": question})
            assert streamed.status_code == 200
            data = next(data for event, data in sse_events(streamed.text) if event == "done")
            assert {kbs[d] for d in cited_docs(data)} <= {kb}, (login, question)


def test_drafts_and_the_docx_stay_in_the_users_knowledge_bases(app, kbs, titles):
    client = client_of(app, "cg_viewer")
    draft = client.post("/api/ask", json={"question": "帮我写一份迎检汇报：文明城市测评工作", "mode": "draft"}).json()
    assert {kbs[d] for d in cited_docs(draft)} <= {REPORTS}
    docx = client.post("/api/draft.docx", json={"question": "帮我写一份迎检汇报：市容环境整治工作"})
    if docx.status_code == 200:
        with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
            text = archive.read("word/document.xml").decode("utf-8")
        assert not any(title and title in text for title in titles[ASSESSMENT])
    else:
        assert docx.status_code == 404


def test_facts_and_exports_stay_in_the_users_knowledge_bases(app, kbs, kb_assistant, titles):
    if kb_assistant.settings.database_url is not None:
        pytest.skip("server mode keeps no saved facts")
    every = kb_assistant.facts().facts
    assert {kbs[f.doc_id] for f in every if f.doc_id} == {REPORTS, ASSESSMENT}
    for login, kb, other in (("cg_viewer", REPORTS, ASSESSMENT), ("cp_viewer", ASSESSMENT, REPORTS)):
        client = client_of(app, login)
        facts = client.get("/api/facts").json()["facts"]
        assert facts and {kbs[f["doc_id"]] for f in facts if f["doc_id"]} == {kb}, login
        exported = client.get("/api/facts/export.csv").content.decode("utf-8-sig")
        assert not any(title and title in exported for title in titles[other]), login
        page = client.get("/facts")
        assert page.status_code == 200 and not any(title and title in page.text for title in titles[other])


def test_document_list_and_pages_stay_in_the_users_knowledge_bases(app, kbs):
    client = client_of(app, "cp_viewer")
    listed = client.get("/api/documents").json()
    assert listed and {d["kb"] for d in listed} == {ASSESSMENT}
    elsewhere = next(doc for doc, kb in kbs.items() if kb == REPORTS)
    assert client.get(f"/api/documents/{elsewhere}").status_code == 404
    assert client.get(f"/documents/{elsewhere}").status_code == 404
    own = next(doc for doc, kb in kbs.items() if kb == ASSESSMENT)
    assert client.get(f"/api/documents/{own}").json()["kb"] == ASSESSMENT
    assert client.get(f"/documents/{own}").status_code == 200


def test_a_viewer_gets_403_on_upload_delete_and_metadata_edit(app, kbs):
    own = next(doc for doc, kb in kbs.items() if kb == ASSESSMENT)
    client = client_of(app, "cp_viewer")
    files = {"files": ("new.txt", "某县文明办2025年通报\n一、总体情况\n设置公益广告牌86块。".encode(), "text/plain")}
    upload = client.post("/api/documents", files=files)
    assert upload.status_code == 403 and "编辑" in upload.json()["detail"]
    assert client.delete(f"/api/documents/{own}").status_code == 403
    assert client.patch(f"/api/documents/{own}", json={"title": "改"}).status_code == 403
    # An editor of 城管 (viewer of 测评) may not write into 测评, and does not see 城管's
    # documents deleted by anyone else: nothing here changed the index.
    editor = client_of(app, "cg_editor")
    upload = editor.post("/api/documents", files=files, data={"kb": ASSESSMENT})
    assert upload.status_code == 403 and ASSESSMENT in upload.json()["detail"]
    assert editor.delete(f"/api/documents/{own}").status_code == 403
    assert editor.patch(f"/api/documents/{own}", json={"title": "改"}).status_code == 403
    assert len(editor.get("/api/documents").json()) == len(kbs)


def test_an_editor_uploads_into_and_deletes_from_their_own_knowledge_base(tmp_path, kb_settings, embedder):
    folder = tmp_path / "index"
    shutil.copytree(kb_settings.index_dir, folder)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    settings = kb_settings.model_copy(update={"index_dir": folder, "corpus_dir": corpus})
    (folder / "accounts.sqlite").unlink(missing_ok=True)
    db = AccountsDB.open(settings)
    add_kb(db, REPORTS)
    add_kb(db, ASSESSMENT)
    add_user(db, "cg_editor", PASSWORD, {REPORTS: "editor"})
    add_user(db, "cp_viewer", PASSWORD, {ASSESSMENT: "viewer"})
    app = create_app(settings, Assistant(settings, embedder))
    editor = client_of(app, "cg_editor")
    files = {
        "files": ("占道.txt", "某县城管局2025年工作总结\n一、市容整治\n共清理占道经营4321处。".encode(), "text/plain")
    }
    uploaded = editor.post("/api/documents", files=files)  # the only knowledge base they edit
    assert uploaded.status_code == 200, uploaded.text
    document = uploaded.json()["uploaded_documents"][0]
    assert document["kb"] == REPORTS and uploaded.json()["files"][0]["saved_as"].startswith("uploads/")
    assert client_of(app, "cp_viewer").get(f"/api/documents/{document['doc_id']}").status_code == 404
    assert editor.delete(f"/api/documents/{document['doc_id']}").status_code == 200
    entries = db.rows("SELECT actor, action, detail FROM audit_log ORDER BY id")
    assert [(e["actor"], e["action"]) for e in entries if e["action"] in ("upload", "delete")] == [
        ("cg_editor", "upload"),
        ("cg_editor", "delete"),
    ]
    assert all(json.loads(e["detail"])["kb"] == REPORTS for e in entries if e["action"] in ("upload", "delete"))
    db.close()
