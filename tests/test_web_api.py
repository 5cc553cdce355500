"""The JSON API over the real Assistant and index (FastAPI TestClient, no mocks)."""

from __future__ import annotations

import json
import random
import re
import shutil
import socket
import threading
import time

import pytest
from fastapi.testclient import TestClient

from assistant.service import Assistant
from assistant.web import messages
from assistant.web.app import create_app
from assistant.web.uploads import safe_filename
from tests.conftest import make_settings

TOKEN = "s3cret-admin-token"
FIGURE_Q = "2023年XX区城管局数字化案件处置率是多少？"

UPLOAD_NAME = "萤火虫步道建设情况.txt"
UPLOAD_TEXT = (
    "XX区城市管理局2025年萤火虫生态步道建设情况汇报\n"
    "一、萤火虫生态步道建设\n"
    "2025年，XX区城市管理局在滨河公园建成萤火虫生态步道4.7公里，设置低光照明点位213个，"
    "萤火虫生态步道于2025年10月底全部完工。\n"
    "二、下步工作\n"
    "持续做好萤火虫生态步道日常养护，定期开展夜间巡查。\n"
)
UPLOAD_Q = "2025年萤火虫生态步道建成了多少公里？"


def sse_events(text: str) -> list[tuple[str, dict]]:
    events = []
    for frame in text.replace("\r\n", "\n").split("\n\n"):
        event, data = "message", []
        for line in frame.splitlines():
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
        if data:
            events.append((event, json.loads("\n".join(data))))
    return events


@pytest.fixture(scope="module")
def client(request, corpus_settings, assistant):
    """The app over the shared session index, with document management disabled (no token).
    Tests marked ``@both_stores`` get it on the embedded index and on PostgreSQL (the same data)."""
    if getattr(request, "param", "embedded") == "postgres":
        corpus_settings, assistant = (
            request.getfixturevalue("pg_corpus_settings"),
            request.getfixturevalue("pg_assistant"),
        )
    settings = corpus_settings.model_copy(update={"admin_token": None})
    with TestClient(create_app(settings, assistant), raise_server_exceptions=False) as test_client:
        yield test_client


both_stores = pytest.mark.parametrize("client", ["embedded", "postgres"], indirect=True)


@pytest.fixture
def admin(request, tmp_path, corpus_settings, corpus_copy, embedder):
    """An app with an admin token over a private index: a copy of the session index of the
    bundled corpus (so nothing is re-embedded), with uploads going to a private corpus copy.
    With the parameter ``postgres``: a private database holding the same copy."""
    index = tmp_path / "index"
    shutil.copytree(corpus_settings.index_dir, index, ignore=shutil.ignore_patterns(".lock"))
    settings = make_settings(index, admin_token=TOKEN)
    settings.corpus_dir = corpus_copy
    if getattr(request, "param", "embedded") == "postgres":
        from pydantic import SecretStr

        from assistant.store.pg_ingest import import_generation
        from assistant.store.postgres import PostgresStore
        from tests.conftest import new_database

        url = new_database(request.getfixturevalue("pg_server"), "admin")
        store = PostgresStore(url, embedder.dim)
        import_generation(index, store)
        store.close()
        settings.database_url = SecretStr(url)
    app = create_app(settings, Assistant(settings, embedder))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        test_client.settings = settings
        yield test_client


AUTH = {"Authorization": f"Bearer {TOKEN}"}


# -- health and questions ---------------------------------------------------------


@both_stores
def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["documents"] >= 10 and data["passages"] > 100
    assert data["generation"].startswith(("gen-", "pg-"))


@both_stores
def test_ask_returns_exact_figure_with_citation(client):
    response = client.post("/api/ask", json={"question": FIGURE_Q})
    assert response.status_code == 200
    data = response.json()
    assert data["refused"] is False
    assert "99.18％" in data["answer"]
    assert "[1]" in data["answer"]
    assert any("99.18％" in c["text"] and c["spans"] for c in data["citations"])
    first = data["citations"][0]
    for key in ("n", "chunk_id", "doc_id", "source", "title", "heading", "text", "score", "spans"):
        assert key in first
    assert {"related", "sections"} <= data.keys()


@both_stores
def test_ask_refuses_out_of_scope(client):
    data = client.post("/api/ask", json={"question": "今天天气怎么样？"}).json()
    assert data["refused"] is True
    assert data["citations"] == []
    assert "未在已收录的文件中找到" in data["answer"]


@both_stores
def test_ask_with_history_and_filters(client):
    body = {
        "question": FIGURE_Q,
        "history": [{"role": "user", "content": "城管局2023年做了什么？"}, {"role": "assistant", "content": "……"}],
        "filters": {"year": "2023", "body": "", "kind": None},
    }
    data = client.post("/api/ask", json=body).json()
    assert "99.18％" in data["answer"]
    assert all(c["year"] == 2023 for c in data["citations"])


@both_stores
def test_stream_yields_citations_deltas_done(client):
    response = client.post("/api/ask/stream", json={"question": FIGURE_Q})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    # The answer is composed whole, so it is sent at once: not cut into timed pieces.
    assert [name for name, _ in events] == ["citations", "delta", "done"]
    done = events[-1][1]
    assert events[1][1]["text"] == done["answer"]
    assert "99.18％" in done["answer"]
    assert events[0][1]["citations"] == done["citations"]


CJK = re.compile(r"[\u4e00-\u9fff]")


def assert_chinese_without_paths(text: str, *paths: object) -> None:
    """A message a user sees: in Chinese, naming no folder of the server."""
    assert CJK.search(text), text
    for path in paths:
        assert str(path) not in text, text
    assert "/tmp" not in text and "/home" not in text and "/work" not in text, text


def test_stream_sends_error_event_when_the_index_breaks_during_the_answer(tmp_path, corpus_settings, embedder):
    """A real failure while the answer is composed: the open index's database is overwritten, so
    the SQLite read in retrieval raises. The stream must end with an ``error`` event in Chinese."""
    index = tmp_path / "index"
    shutil.copytree(corpus_settings.index_dir, index, ignore=shutil.ignore_patterns(".lock"))
    settings = make_settings(index)
    broken = Assistant(settings, embedder)
    with TestClient(create_app(settings, broken), raise_server_exceptions=False) as test_client:
        assert test_client.get("/healthz").status_code == 200  # the index is open and answering
        database = broken.store.folder / "passages.sqlite"
        database.write_bytes(b"\0" * database.stat().st_size)
        response = test_client.post("/api/ask/stream", json={"question": FIGURE_Q})
    assert response.status_code == 200
    events = sse_events(response.text)
    assert [name for name, _ in events] == ["error"], response.text
    error = events[0][1]
    assert error["status"] == 500
    assert_chinese_without_paths(error["detail"], tmp_path)
    assert "重试" in error["detail"]


def test_draft_mode_and_docx(client):
    question = "全国文明城市测评体系的分值是怎么构成的？"
    data = client.post("/api/ask", json={"question": question, "mode": "draft"}).json()
    assert data["mode"] == "draft" and not data["refused"]
    assert data["sections"] and all(s["sentences"] for s in data["sections"])
    response = client.post("/api/draft.docx", json={"question": question})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    assert "attachment" in response.headers["content-disposition"]
    assert "%E6%B1%87%E6%8A%A5.docx" in response.headers["content-disposition"]  # named after the draft's 汇报 title
    refused = client.post("/api/draft.docx", json={"question": "今天天气怎么样？"})
    assert refused.status_code == 404 and refused.json()["detail"]


@both_stores
def test_search(client):
    response = client.get("/api/search", params={"q": "垃圾分类", "k": 3})
    assert response.status_code == 200
    hits = response.json()["hits"]
    assert 0 < len(hits) <= 3
    assert {"chunk_id", "doc_id", "text", "score", "heading", "title"} <= hits[0].keys()
    filtered = client.get("/api/search", params={"q": "数字化案件", "year": 2023, "body": "城管局"}).json()["hits"]
    assert filtered and all(h["year"] == 2023 for h in filtered)


@both_stores
def test_documents_list_and_detail(client):
    docs = client.get("/api/documents").json()
    assert len(docs) >= 10
    first = docs[0]
    assert {"doc_id", "title", "source", "path", "passages", "ingested_at", "year", "body", "kind"} <= first.keys()
    detail = client.get(f"/api/documents/{first['doc_id']}").json()
    assert detail["doc_id"] == first["doc_id"] and detail["text"]
    assert len(detail["passages"]) == first["passages"] == detail["passage_count"]
    for passage in detail["passages"]:
        assert detail["text"][passage["start"] : passage["end"]] == passage["text"]
        assert passage["chunk_id"].startswith(first["doc_id"])
    assert detail["meta"]["title"] == first["title"]


@both_stores
def test_pages_render(client):
    docs = client.get("/api/documents").json()
    chat = client.get("/")
    assert chat.status_code == 200 and "text/html" in chat.headers["content-type"]
    assert "迎检材料起草" in chat.text and "全国文明城市测评体系的分值是怎么构成的？" in chat.text
    assert "script-src 'self'" in chat.headers["content-security-policy"]
    assert "http://" not in chat.text and "https://" not in chat.text  # nothing from outside
    page = client.get(f"/documents/{docs[0]['doc_id']}")
    assert page.status_code == 200 and f'id="chunk-{docs[0]["doc_id"]}:0000"' in page.text
    assert client.get("/documents/nope").status_code == 404
    assert client.get("/documents").status_code == 200
    api_docs = client.get("/docs")
    assert api_docs.status_code == 200 and "/api/ask/stream" in api_docs.text and "cdn" not in api_docs.text.lower()
    assert client.get("/openapi.json").json()["paths"]["/api/ask"]
    assert client.get("/static/chat.js").status_code == 200


# -- errors ---------------------------------------------------------------------------


@both_stores
def test_bad_input_statuses(client, corpus_settings):
    assert client.post("/api/ask", json={"question": "   "}).status_code == 400
    too_long = client.post("/api/ask", json={"question": "问" * (corpus_settings.max_question_chars + 1)})
    assert too_long.status_code == 413 and "过长" in too_long.json()["detail"]
    assert "2001" in too_long.json()["detail"] and "2000" in too_long.json()["detail"]
    malformed = client.post("/api/ask", content=b'{"question": ', headers={"content-type": "application/json"})
    assert malformed.status_code == 422 and "不是有效的 JSON" in malformed.json()["detail"]
    missing = client.post("/api/ask", json={"mode": "qa"})
    assert missing.status_code == 422 and "question：缺少此项" in missing.json()["detail"]
    assert client.post("/api/ask", json={"question": "x", "mode": "poem"}).status_code == 422
    assert client.post("/api/ask", json=["not", "an", "object"]).status_code == 422
    assert client.post("/api/ask", content=b"question=hi").status_code == 422
    assert client.post("/api/ask/stream", json={"question": ""}).status_code == 400
    assert client.get("/api/search", params={"q": " "}).status_code == 400
    assert client.get("/api/search", params={"q": "垃圾", "year": "abc"}).status_code == 400
    assert client.get("/api/search", params={"q": "垃圾", "k": 0}).status_code == 422
    for response in (malformed, missing, too_long):
        assert response.headers["content-type"].startswith("application/json")
        assert_chinese_without_paths(response.json()["detail"])


@both_stores
def test_not_found_statuses(client):
    assert client.get("/api/documents/no-such-doc").status_code == 404
    assert client.get("/api/no-such-route").json() == {"detail": messages.NOT_FOUND}
    assert_chinese_without_paths(client.get("/api/documents/no-such-doc").json()["detail"])


def test_request_body_limit(corpus_settings, assistant):
    settings = corpus_settings.model_copy(update={"max_request_bytes": 2_000})
    test_client = TestClient(create_app(settings, assistant), raise_server_exceptions=False)
    big = json.dumps({"question": "问" * 1_000}).encode()
    declared = test_client.post("/api/ask", content=big, headers={"content-type": "application/json"})
    assert declared.status_code == 413 and "过大" in declared.json()["detail"]

    def chunks():  # no Content-Length: the bytes are counted as they arrive
        for _ in range(10):
            yield b" " * 500

    streamed = test_client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413 and "过大" in streamed.json()["detail"]
    assert test_client.post("/api/ask", json={"question": FIGURE_Q}).status_code == 200


def test_503_without_index(tmp_path, embedder):
    settings = make_settings(tmp_path / "empty-index")
    test_client = TestClient(create_app(settings, Assistant(settings, embedder)), raise_server_exceptions=False)
    health = test_client.get("/healthz")
    assert health.status_code == 503 and health.json()["status"] == "no_index"
    for response in (
        test_client.post("/api/ask", json={"question": FIGURE_Q}),
        test_client.post("/api/ask/stream", json={"question": FIGURE_Q}),
        test_client.get("/api/search", params={"q": "垃圾分类"}),
        test_client.get("/api/documents"),
        test_client.get("/api/facts"),
    ):
        assert response.status_code == 503
        assert "assistant ingest" in response.json()["detail"]
        assert_chinese_without_paths(response.json()["detail"], tmp_path)
        assert str(tmp_path) not in response.text  # no server paths
    for page in ("/documents/any-doc", "/documents/any-doc/pages/1"):
        response = test_client.get(page)
        assert response.status_code == 503 and "索引不可用" in response.text and "assistant ingest" in response.text
        assert str(tmp_path) not in response.text


def test_503_when_index_was_built_with_another_model(tmp_path, corpus_settings, embedder):
    index = tmp_path / "index"
    shutil.copytree(corpus_settings.index_dir, index, ignore=shutil.ignore_patterns(".lock"))
    manifest_path = index / (index / "CURRENT").read_text().strip() / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["model"] = {**manifest["model"], "fingerprint": "another-model", "name": "other"}
    manifest_path.write_text(json.dumps(manifest))
    settings = make_settings(index)
    test_client = TestClient(create_app(settings, Assistant(settings, embedder)), raise_server_exceptions=False)
    health = test_client.get("/healthz")
    assert health.status_code == 503 and health.json()["status"] == "index_mismatch"
    response = test_client.post("/api/ask", json={"question": FIGURE_Q})
    assert response.status_code == 503 and "--rebuild" in response.json()["detail"]
    assert_chinese_without_paths(response.json()["detail"], tmp_path)


def test_unexpected_error_is_500_json_without_traceback(tmp_path, embedder):
    index = tmp_path / "broken-index"
    (index / "gen-broken").mkdir(parents=True)
    (index / "gen-broken" / "manifest.json").write_text("{not json")
    (index / "CURRENT").write_text("gen-broken")
    settings = make_settings(index)
    test_client = TestClient(create_app(settings, Assistant(settings, embedder)), raise_server_exceptions=False)
    response = test_client.post("/api/ask", json={"question": FIGURE_Q})
    assert response.status_code == 500
    assert response.json() == {"detail": messages.INTERNAL_ERROR}
    assert_chinese_without_paths(response.json()["detail"], tmp_path)
    assert "Traceback" not in response.text


def test_admin_disabled_without_token(client, assistant):
    doc_id = client.get("/api/documents").json()[0]["doc_id"]
    upload = client.post("/api/documents", files={"files": ("a.txt", b"text")}, headers=AUTH)
    assert upload.status_code == 403 and "未启用" in upload.json()["detail"]
    delete = client.delete(f"/api/documents/{doc_id}", headers=AUTH)
    assert delete.status_code == 403
    assert any(d["doc_id"] == doc_id for d in assistant.documents())


def test_admin_wrong_or_missing_token(admin):
    doc_id = admin.get("/api/documents").json()[0]["doc_id"]
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"X-Admin-Token": "wrong"}, {"Authorization": TOKEN}):
        refused = admin.post("/api/documents", files={"files": ("a.txt", b"x")}, headers=headers)
        assert refused.status_code == 401 and refused.json()["detail"] == messages.ADMIN_WRONG
        assert admin.delete(f"/api/documents/{doc_id}", headers=headers).status_code == 401
    assert admin.delete("/api/documents/no-such-doc", headers={"X-Admin-Token": TOKEN}).status_code == 404
    assert not (admin.settings.corpus_dir / "uploads" / "a.txt").exists()


# -- documents: upload, ask, delete ----------------------------------------------------------


@pytest.mark.parametrize("admin", ["embedded", "postgres"], indirect=True)
def test_upload_ask_delete(admin):
    before = admin.post("/api/ask", json={"question": UPLOAD_Q}).json()
    assert "4.7公里" not in before["answer"]

    response = admin.post(
        "/api/documents",
        headers=AUTH,
        files=[
            ("files", (UPLOAD_NAME, UPLOAD_TEXT.encode(), "text/plain")),
            ("files", ("notes.exe", b"MZ....", "application/octet-stream")),
        ],
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert len(report["added"]) == 1 and report["added"][0].endswith(UPLOAD_NAME)
    assert any(name == "notes.exe" and "不支持" in reason for name, reason in report["skipped"])
    saved = admin.settings.corpus_dir / "uploads" / UPLOAD_NAME
    assert saved.read_text(encoding="utf-8") == UPLOAD_TEXT
    assert not (admin.settings.corpus_dir / "uploads" / "notes.exe").exists()
    assert [f for f in (admin.settings.corpus_dir / "uploads").iterdir() if f.name.startswith(".")] == []
    (uploaded,) = report["uploaded_documents"]
    doc_id = uploaded["doc_id"]

    answer = admin.post("/api/ask", json={"question": UPLOAD_Q}).json()
    assert not answer["refused"] and "4.7公里" in answer["answer"]
    assert any(c["doc_id"] == doc_id and "4.7公里" in c["text"] for c in answer["citations"])
    assert any(d["doc_id"] == doc_id for d in admin.get("/api/documents").json())

    deleted = admin.delete(f"/api/documents/{doc_id}", headers={"X-Admin-Token": TOKEN})
    assert deleted.status_code == 200 and deleted.json()["deleted_file"] is True
    assert not saved.exists()
    assert all(d["doc_id"] != doc_id for d in admin.get("/api/documents").json())
    assert admin.get(f"/api/documents/{doc_id}").status_code == 404
    after = admin.post("/api/ask", json={"question": UPLOAD_Q}).json()
    assert all(c["doc_id"] != doc_id for c in after["citations"] + after["related"])
    assert admin.delete(f"/api/documents/{doc_id}", headers=AUTH).status_code == 404


def test_upload_traversal_name_stays_in_uploads(admin, tmp_path):
    response = admin.post(
        "/api/documents",
        headers=AUTH,
        files={
            "files": (
                "../../evil.txt",
                "XX区城管局2025年测试文件\n一、测试\n路灯维修共完成三百处。\n".encode(),
                "text/plain",
            ),
        },
    )
    assert response.status_code == 200, response.text
    uploads = admin.settings.corpus_dir / "uploads"
    assert (uploads / "evil.txt").is_file()
    assert not (admin.settings.corpus_dir / "evil.txt").exists()
    assert not (admin.settings.corpus_dir.parent / "evil.txt").exists()
    assert not (tmp_path.parent / "evil.txt").exists()
    assert response.json()["files"][0]["saved_as"] == "uploads/evil.txt"


def test_upload_limits(admin):
    admin.settings.max_file_bytes = 1_000
    admin.settings.max_upload_files = 2
    too_big = admin.post(
        "/api/documents", headers=AUTH, files={"files": ("big.txt", "字".encode() * 400, "text/plain")}
    )
    assert too_big.status_code == 413 and "上限" in too_big.json()["detail"] and "big.txt" in too_big.json()["detail"]
    too_many = admin.post(
        "/api/documents", headers=AUTH, files=[("files", (f"f{i}.txt", b"text", "text/plain")) for i in range(3)]
    )
    assert too_many.status_code == 400
    uploads = admin.settings.corpus_dir / "uploads"
    assert not uploads.exists() or list(uploads.iterdir()) == []
    assert admin.post("/api/documents", headers=AUTH, data={"x": "1"}).status_code == 400  # no file
    assert admin.post("/api/documents", headers=AUTH, json={"files": []}).status_code == 400


def test_unreadable_upload_is_reported_and_not_kept(admin):
    response = admin.post(
        "/api/documents", headers=AUTH, files={"files": ("broken.pdf", b"%PDF-1.4 garbage", "application/pdf")}
    )
    assert response.status_code == 200
    report = response.json()
    assert report["added"] == [] and report["skipped"] and report["files"][0]["status"] == "skipped"
    assert not (admin.settings.corpus_dir / "uploads" / "broken.pdf").exists()


def test_refused_upload_is_named_by_its_upload_name_in_chinese(admin, tmp_path):
    """A renamed file ("not a PDF (no %PDF header…)" in the loader's words) is reported in Chinese,
    by the name it was uploaded under, with no folder of the server anywhere in the answer."""
    response = admin.post(
        "/api/documents",
        headers=AUTH,
        files=[
            ("files", ("季度报告.pdf", b"<html><body>not a pdf</body></html>", "application/pdf")),
            ("files", ("空白.txt", b"", "text/plain")),
        ],
    )
    assert response.status_code == 200, response.text
    report = response.json()
    skipped = dict(report["skipped"])
    assert skipped.keys() == {"季度报告.pdf", "空白.txt"}
    assert "不是有效的 PDF" in skipped["季度报告.pdf"] and skipped["空白.txt"] == "空文件"
    for reason in skipped.values():
        assert_chinese_without_paths(reason, tmp_path)
    assert str(tmp_path) not in response.text and "/uploads/" not in response.text.replace('"uploads/', "")


def test_documents_list_and_upload_report_show_no_server_path(admin, tmp_path):
    response = admin.post(
        "/api/documents", headers=AUTH, files={"files": (UPLOAD_NAME, UPLOAD_TEXT.encode(), "text/plain")}
    )
    assert response.status_code == 200
    assert str(tmp_path) not in response.text
    assert response.json()["added"] == [f"uploads/{UPLOAD_NAME}"]
    docs = admin.get("/api/documents")
    assert str(tmp_path) not in docs.text
    assert all(not d["path"].startswith("/") for d in docs.json())
    uploaded = next(d for d in docs.json() if d["source"] == UPLOAD_NAME)
    assert uploaded["path"] == f"uploads/{UPLOAD_NAME}"
    assert str(tmp_path) not in admin.get(f"/api/documents/{uploaded['doc_id']}").text
    page = admin.get(f"/documents/{uploaded['doc_id']}")
    assert page.status_code == 200 and str(tmp_path) not in page.text


@pytest.mark.parametrize("placeholder", ["about:blank", "Microsoft Word - 总结.docx", "untitled", ""])
def test_uploaded_pdf_with_a_meaningless_metadata_title_takes_its_first_heading(admin, placeholder):
    from tests.test_ingest_robustness import PDF_PAGES, make_pdf

    response = admin.post(
        "/api/documents",
        headers=AUTH,
        files={"files": ("数字化城管.pdf", make_pdf(PDF_PAGES, title=placeholder), "application/pdf")},
    )
    assert response.status_code == 200, response.text
    (uploaded,) = response.json()["uploaded_documents"]
    assert uploaded["title"] == "XX区城管局2024年数字化城管工作总结"


def test_editor_corrects_metadata_and_later_generations_keep_it(admin, tmp_path):
    """PATCH /api/documents/{id}: the correction is in the index at once, survives the next ingest
    (another upload: a new generation built from the previous one) and a change of the file itself
    (the sidecar NAME.meta.json), and goes with the file when it is deleted."""
    added = admin.post(
        "/api/documents", headers=AUTH, files={"files": (UPLOAD_NAME, UPLOAD_TEXT.encode(), "text/plain")}
    )
    (document,) = added.json()["uploaded_documents"]
    doc_id = document["doc_id"]
    facts_before = admin.get("/api/facts").json()["count"]
    correction = {
        "title": "萤火虫生态步道建设专题汇报（更正）",
        "years": [2024, 2025],
        "body": "XX区城市管理局",
        "kind": "专题汇报",
    }
    assert admin.patch(f"/api/documents/{doc_id}", json=correction).status_code == 401
    assert (
        admin.patch(f"/api/documents/{doc_id}", json=correction, headers={"Authorization": "Bearer x"}).status_code
        == 401
    )
    assert admin.patch("/api/documents/no-such-doc", json=correction, headers=AUTH).status_code == 404
    assert admin.patch(f"/api/documents/{doc_id}", json={}, headers=AUTH).status_code == 400
    assert admin.patch(f"/api/documents/{doc_id}", json={"years": [3024]}, headers=AUTH).status_code == 422

    response = admin.patch(f"/api/documents/{doc_id}", json=correction, headers=AUTH)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["body"] == "城管局" and result["body_full"] == "XX区城市管理局" and result["sidecar"] is True

    def shown() -> dict:
        return next(d for d in admin.get("/api/documents").json() if d["doc_id"] == doc_id)

    def check() -> None:
        now = shown()
        assert (now["title"], now["years"], now["body_full"], now["kind"]) == (
            correction["title"],
            correction["years"],
            correction["body"],
            correction["kind"],
        )

    check()
    assert admin.get(f"/documents/{doc_id}").text.count(correction["title"]) >= 1
    # the facts of the new generation name the corrected document; the others' are all still there
    assert admin.get("/api/facts").json()["count"] == facts_before
    own = [f for f in admin.get("/api/facts", params={"q": "萤火虫"}).json()["facts"] if f["doc_id"] == doc_id]
    assert own and all(f["title"] == correction["title"] and f["body"] == "城管局" for f in own)
    answer = admin.post("/api/ask", json={"question": UPLOAD_Q}).json()
    assert any(c["doc_id"] == doc_id and c["title"] == correction["title"] for c in answer["citations"])
    filtered = admin.get("/api/search", params={"q": "萤火虫生态步道", "kind": "专题汇报"}).json()["hits"]
    assert filtered and all(h["doc_id"] == doc_id for h in filtered)

    generation = result["generation"]
    other = admin.post(
        "/api/documents",
        headers=AUTH,
        files={
            "files": (
                "另一份.txt",
                "XX区城管局2025年路灯维修情况\n一、路灯维修\n全年维修路灯三百处。\n".encode(),
                "text/plain",
            )
        },
    )
    assert other.status_code == 200 and other.json()["added"]
    assert admin.get("/healthz").json()["generation"] != generation
    check()  # carried over by the ingest

    changed = UPLOAD_TEXT.replace("4.7公里", "5.2公里")
    again = admin.post("/api/documents", headers=AUTH, files={"files": (UPLOAD_NAME, changed.encode(), "text/plain")})
    assert again.json()["updated"] == [f"uploads/{UPLOAD_NAME}"]
    check()  # the file changed: the sidecar keeps the correction

    sidecar = admin.settings.corpus_dir / "uploads" / f"{UPLOAD_NAME}.meta.json"
    assert sidecar.is_file()
    assert admin.delete(f"/api/documents/{doc_id}", headers=AUTH).status_code == 200
    assert not sidecar.exists()


@pytest.mark.parametrize(
    "given, expected",
    [
        ("../../evil.txt", "evil.txt"),
        ("..\\..\\windows\\evil.txt", "evil.txt"),
        ("/etc/passwd", "passwd"),
        ("报告 (1).txt", "报告_(1).txt"),
        ("..", "upload"),
        ("", "upload"),
        (".hidden.txt", "hidden.txt"),
        ("a<b>|c?.TXT", "a_b_c.txt"),
        ("meta.yaml", "upload-meta.yaml"),
        ("x.meta.json", "upload-x.meta.json"),
    ],
)
def test_safe_filename(given, expected):
    assert safe_filename(given) == expected
    assert "/" not in safe_filename(given) and "\\" not in safe_filename(given)


def test_assistant_loads_in_background(tmp_path):
    """Without an Assistant the app starts at once and loads the model in the background;
    until it is ready (or when it cannot be loaded) the API answers 503 with the reason."""
    settings = make_settings(tmp_path / "index", model=str(tmp_path / "no-such-model"))
    app = create_app(settings)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        first = test_client.get("/healthz")
        assert first.status_code == 503 and first.json()["status"] in {"starting", "error"}
        assert app.state.web.wait(60) is False
        health = test_client.get("/healthz")
        assert health.status_code == 503 and health.json()["status"] == "error"
        assert "模型无法加载" in health.json()["detail"]
        ask = test_client.post("/api/ask", json={"question": FIGURE_Q})
        assert ask.status_code == 503 and "模型无法加载" in ask.json()["detail"]
        assert_chinese_without_paths(ask.json()["detail"], tmp_path)
        assert test_client.get("/").status_code == 200  # the page itself is served meanwhile


def test_access_log_drops_query_strings():
    import logging

    from assistant.web.middleware import RedactQueryFilter

    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/api/search?q=垃圾分类", "1.1", 200),
        None,
    )
    assert RedactQueryFilter().filter(record)
    assert "垃圾分类" not in record.getMessage() and "/api/search" in record.getMessage()


def test_unencodable_text_is_rejected_not_500(client):
    lone_surrogate = '{"question": "\\ud800垃圾分类"}'.encode()
    response = client.post("/api/ask", content=lone_surrogate, headers={"content-type": "application/json"})
    assert response.status_code == 422 and "无效字符" in response.json()["detail"]
    history = '{"question": "那下半年呢？", "history": [{"role": "user", "content": "\\udfff"}]}'.encode()
    assert client.post("/api/ask", content=history, headers={"content-type": "application/json"}).status_code == 422
    filters = '{"question": "垃圾分类", "filters": {"body": "\\ud800"}}'.encode()
    assert client.post("/api/ask", content=filters, headers={"content-type": "application/json"}).status_code == 422
    assert client.post("/api/ask", content=b"\xff\xfe{", headers={"content-type": "application/json"}).status_code in (
        400,
        422,
    )
    assert client.post("/api/ask", content=b"[" * 50_000, headers={"content-type": "application/json"}).status_code in (
        400,
        422,
    )


def test_schemathesis_findings_stay_fixed(client):
    """What fuzzing the API against its schema found (tests/test_api_schemathesis.py)."""
    # a question with control characters made python-docx raise: 500
    draft = client.post("/api/draft.docx", json={"question": "全国文明城市测评体系的分值是怎么构成的？\x00\x06"})
    assert draft.status_code == 200 and draft.content[:2] == b"PK"
    assert client.post("/api/ask", json={"question": "\x00\x01 "}).status_code == 400  # blank once cleaned
    # 405 named only the methods of the first route of the path
    for path, allowed in (("/api/documents", "GET, POST"), ("/api/documents/x", "GET, PATCH, DELETE")):
        response = client.request("OPTIONS", path)
        assert response.status_code == 405 and response.headers["allow"] == allowed
    # inputs the schema did not describe: now documented (and checked) exactly
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search", params={"q": "垃圾", "year": "20233"}).status_code == 400
    assert client.post("/api/ask", json={"question": FIGURE_Q, "filters": {"year": ""}}).status_code == 200
    assert client.post("/api/ask", json={"question": FIGURE_Q, "filters": {"year": "2023 "}}).status_code == 422
    assert client.get("/api/facts", params={"kind": " result"}).status_code == 400
    # content types: CSV and the stream as documented; 422 of the facts API in our own shape
    assert client.get("/openapi.json").json()["paths"]["/api/facts/export.csv"]["get"]["responses"]["200"][
        "content"
    ].keys() == {"text/csv"}
    invalid = client.get("/api/facts", params={"limit": 0})
    assert invalid.status_code == 422 and isinstance(invalid.json()["detail"], str)


# -- a real server: what uvicorn answers to bytes that are not HTTP ------------------------------


@pytest.fixture(scope="module")
def live_server(corpus_settings, assistant):
    """uvicorn on a free loopback port in a thread, over the shared index (the session's model)."""
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = corpus_settings.model_copy(update={"admin_token": None})
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, assistant), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, name="uvicorn-raw-http", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield ("127.0.0.1", port)
    server.should_exit = True
    thread.join(10)


def raw_exchange(address: tuple[str, int], request: bytes) -> bytes:
    """Send bytes as they are and read until the server closes the connection."""
    with socket.create_connection(address, timeout=10) as conn:
        conn.sendall(request)
        received = b""
        while chunk := conn.recv(65536):
            received += chunk
    return received


_noise = random.Random(20251130)
GARBAGE = {
    "tls handshake": b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + _noise.randbytes(64),
    "random bytes": _noise.randbytes(256) + b"\r\n\r\n",
    "binary request line": b"\x00\xff\xfe\xfd GARBAGE\r\n\r\n",
    "header without colon": b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\n\r\n",
    "negative content-length": b"GET /healthz HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
    "content-length and chunked": (
        b"POST /api/ask HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
    ),
    "bad chunk size": (
        b"POST /api/ask HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
        b"Content-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"
    ),
    "bytes in the path": b"GET /\xff\xfe HTTP/1.1\r\nHost: a\r\n\r\n",
}


@pytest.mark.parametrize("name", GARBAGE)
def test_garbage_bytes_get_a_400_without_traceback(live_server, name):
    response = raw_exchange(live_server, GARBAGE[name])
    assert response.startswith(b"HTTP/1.1 400 "), response[:200]  # uvicorn's own answer
    assert b"Traceback" not in response and b'File "' not in response
    # the server is still there for the next client
    health = raw_exchange(live_server, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    assert health.startswith(b"HTTP/1.1 200 ")


# -- the facts page ---------------------------------------------------------------------------------


def test_facts_nav_tab_is_highlighted(client):
    page = client.get("/facts")
    assert page.status_code == 200
    assert re.search(r'<a href="/facts"\s+aria-current="page"', page.text)
    assert not re.search(r'<a href="/"\s+aria-current="page"', page.text)


def test_compare_charts_only_figures_of_one_unit_together(client):
    """占道经营: 清理占道经营 约8000余处 (处) and 处置…等各类问题 8千余件 (件) are drawn in separate
    charts, each scaled within its unit, and the page says what the colours mean."""
    page = client.get("/facts", params={"measure": "占道经营"}).text
    charts = re.findall(r'<div class="facts-chart".*?</div>\s*</div>\s*(?=<div class="facts-chart"|<table)', page, re.S)
    assert len(charts) == 2, charts
    by_unit = {re.search(r"以“(.)”计", chart).group(1): chart for chart in charts}
    assert (
        "约8000余处" in by_unit["处"]
        and "1900余处" in by_unit["处"]
        and "件" not in re.sub(r"<[^>]+>", "", by_unit["处"]).replace("以“处”计", "")
    )
    assert "8千余件" in by_unit["件"] and "余处" not in by_unit["件"]
    assert "颜色表示文件的年份" in page and "2023年" in page and "分开作图" in page
    svg = client.get("/api/facts/compare", params={"measure": "占道经营"}).json()["svg"]
    assert "以“处”计" in svg and "以“件”计" in svg and "颜色表示文件的年份" in svg


def test_facts_exports_use_the_pages_wording_and_a_formatted_dated_xlsx(client):
    import io
    from datetime import date

    from openpyxl import load_workbook

    page = client.get("/facts", params={"kind": "target"}).text
    statuses_on_page = set(re.findall(r'<td data-label="状态">([^<]*)</td>', page)) - {""}
    assert statuses_on_page and statuses_on_page <= {"后续报告已完成", "后续报告未见完成", "待核实"}

    response = client.get("/api/facts/export.xlsx", params={"kind": "target"})
    assert response.status_code == 200
    today = date.today().isoformat()
    disposition = response.headers["content-disposition"]
    assert f"facts-{today}.xlsx" in disposition and "filename*=UTF-8''" in disposition
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert "状态" in header and "单位" in header and "计量单位" in header
    status = header.index("状态")
    body = header.index("单位")
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert {row[status] for row in rows if row[status]} == statuses_on_page
    from assistant.ingest.meta import BODIES

    assert {row[body] for row in rows if row[body]} <= {canonical for _, canonical in BODIES}  # canonical names
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
    assert all(
        sheet.column_dimensions[letter].width and sheet.column_dimensions[letter].width >= 7 for letter in "ABCDEFGHIJ"
    )

    csv_response = client.get("/api/facts/export.csv", params={"kind": "target"})
    assert f"facts-{today}.csv" in csv_response.headers["content-disposition"]
    first = csv_response.content.decode("utf-8-sig").splitlines()[0].split(",")
    assert first == header


def test_facts_page_names_an_unreadable_criteria_table_in_chinese(admin, tmp_path):
    """An uploaded spreadsheet that is no criteria table: the facts page says so in Chinese, by
    the file's name, without the reader's English reason or a server folder."""
    response = admin.post(
        "/api/documents",
        headers=AUTH,
        files={"files": ("通讯录.csv", "姓名,电话\n张三,123\n李四,456\n".encode(), "text/csv")},
    )
    assert response.status_code == 200 and response.json()["added"]
    page = admin.get("/facts").text
    errors = re.findall(r'<p class="facts-error"[^>]*>([^<]*)</p>', page)
    assert any("通讯录.csv" in e and "表头" in e for e in errors), errors
    for message in errors:
        assert_chinese_without_paths(message, tmp_path)
        assert "no header row" not in message


def test_an_answer_model_fitted_on_other_features_gives_a_clear_503(tmp_path, corpus_settings, embedder):
    stale = tmp_path / "old_selector.json"
    stale.write_text('{"features": ["cov_q"]}', encoding="utf-8")
    settings = corpus_settings.model_copy(update={"admin_token": None, "selector_path": stale})
    with TestClient(create_app(settings, Assistant(settings, embedder)), raise_server_exceptions=False) as client:
        response = client.post("/api/ask", json={"question": FIGURE_Q})
    assert response.status_code == 503
    detail = response.json()["detail"]
    assert "train-selector" in detail and str(tmp_path) not in detail and "Traceback" not in response.text
