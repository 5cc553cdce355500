"""Chat history, feedback and curated answers over the API, on both stores: a user's chats are
theirs alone (list, reopen, rename, delete), feedback reaches the editors of the knowledge base
the answer drew on, and a curated answer (标注) is served first, marked 已人工校正, to readers
of its knowledge base only."""

from __future__ import annotations

import json

import pytest

from assistant.auth.db import AccountsDB
from tests.helpers_kb import (
    ASSESSMENT,
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
    "wang": {REPORTS: "viewer"},
    "li": {REPORTS: "viewer", ASSESSMENT: "viewer"},
    "zhao": {REPORTS: "editor"},
    "qian": {ASSESSMENT: "editor"},
    "sun": {ASSESSMENT: "viewer"},
}
QUESTION = "上半年清理占道经营多少处？"


@pytest.fixture(scope="module")
def app(kb_assistant):
    return app_with_users(kb_assistant, USERS)


def test_chats_are_kept_reopened_renamed_deleted_and_private(app):
    wang, li = client_of(app, "wang"), client_of(app, "li")
    chat = wang.post("/api/chats", json={"title": QUESTION}).json()
    first = wang.post("/api/ask", json={"question": QUESTION, "chat_id": chat["id"]}).json()
    assert first["chat_id"] == chat["id"] and first["turn_id"]
    streamed = wang.post(
        "/api/ask/stream",
        json={
            "question": "那下半年呢？",
            "chat_id": chat["id"],
            "history": [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": first["answer"]}],
        },
    )
    done = next(data for event, data in sse_events(streamed.text) if event == "done")
    assert done["chat_id"] == chat["id"] and done["turn_id"] > first["turn_id"]
    listed = wang.get("/api/chats").json()
    assert [c["id"] for c in listed][:1] == [chat["id"]] and listed[0]["turns"] == 2
    reopened = wang.get(f"/api/chats/{chat['id']}").json()
    assert [m["question"] for m in reopened["messages"]] == [QUESTION, "那下半年呢？"]
    assert reopened["messages"][0]["answer"]["answer"] == first["answer"]
    # Another user neither lists, reopens, renames, deletes nor asks into it.
    assert chat["id"] not in [c["id"] for c in li.get("/api/chats").json()]
    assert li.get(f"/api/chats/{chat['id']}").status_code == 404
    assert li.patch(f"/api/chats/{chat['id']}", json={"title": "x"}).status_code == 404
    assert li.delete(f"/api/chats/{chat['id']}").status_code == 404
    assert li.post("/api/ask", json={"question": QUESTION, "chat_id": chat["id"]}).status_code == 404
    assert li.post("/api/ask/stream", json={"question": QUESTION, "chat_id": chat["id"]}).status_code == 404
    assert wang.patch(f"/api/chats/{chat['id']}", json={"title": "占道经营"}).json()["title"] == "占道经营"
    assert wang.patch(f"/api/chats/{chat['id']}", json={"title": "  "}).status_code == 400
    assert wang.delete(f"/api/chats/{chat['id']}").status_code == 204
    assert wang.get(f"/api/chats/{chat['id']}").status_code == 404
    started = wang.post("/api/ask", json={"question": QUESTION, "chat_id": 0}).json()  # 0: a new chat
    assert started["chat_id"] and wang.get(f"/api/chats/{started['chat_id']}").json()["title"] == QUESTION
    assert wang.post("/api/ask", json={"question": QUESTION, "chat_id": True}).status_code == 422


def test_feedback_reaches_the_editors_of_the_answers_knowledge_base(app, kb_assistant):
    wang = client_of(app, "wang")
    chat = wang.post("/api/chats", json={"title": "反馈"}).json()
    answer = wang.post("/api/ask", json={"question": QUESTION, "chat_id": chat["id"]}).json()
    assert {c["kb"] for c in answer["citations"]} <= {REPORTS}
    given = wang.post("/api/feedback", json={"turn_id": answer["turn_id"], "rating": -1, "comment": "数字不对"})
    assert given.status_code == 201
    again = wang.post(
        "/api/feedback", json={"turn_id": answer["turn_id"], "rating": -1, "comment": "数字不对，应为上半年"}
    )
    assert again.json()["id"] == given.json()["id"]  # given again, it replaces the first
    assert (
        client_of(app, "li").post("/api/feedback", json={"turn_id": answer["turn_id"], "rating": 1}).status_code == 404
    )
    seen = client_of(app, "zhao").get("/api/feedback").json()
    mine = [f for f in seen if f["id"] == given.json()["id"]]
    assert mine and mine[0]["comment"] == "数字不对，应为上半年" and mine[0]["question"] == QUESTION
    assert given.json()["id"] not in [f["id"] for f in client_of(app, "qian").get("/api/feedback").json()]
    assert wang.get("/api/feedback").status_code == 403  # a viewer
    assert client_of(app, "zhao").get("/feedback").status_code == 200


def test_a_curated_answer_is_served_first_to_readers_of_its_knowledge_base_only(app, kb_assistant):
    kbs = {d["doc_id"]: d["kb"] for d in kb_assistant.documents()}
    zhao = client_of(app, "zhao")
    hits = zhao.get("/api/search", params={"q": "占道经营", "k": 2}).json()["hits"]
    assert {kbs[h["doc_id"]] for h in hits} == {REPORTS}
    cite = [{"doc_id": h["doc_id"], "chunk_id": h["chunk_id"]} for h in hits]
    question = "今年上半年一共清理了多少处占道经营？"
    text = "上半年占道经营整治的情况见所引段落（编辑核对）。"
    # Not into a knowledge base they do not edit, nor citing another knowledge base's passage.
    other = next(doc for doc, kb in kbs.items() if kb == ASSESSMENT)
    other_chunk = kb_assistant.document(other)[1][0].chunk_id
    assert zhao.post("/api/curated", json={"question": question, "answer": text, "kb": ASSESSMENT}).status_code == 403
    wrong = {
        "question": question,
        "answer": text,
        "kb": REPORTS,
        "citations": [{"doc_id": other, "chunk_id": other_chunk}],
    }
    assert zhao.post("/api/curated", json=wrong).status_code == 400
    assert (
        client_of(app, "wang")
        .post("/api/curated", json={"question": question, "answer": text, "kb": REPORTS})
        .status_code
        == 403
    )
    # A figure the cited passages do not state is refused, as in any other answer.
    invented = {"question": question, "answer": "上半年共清理占道经营4321处。", "kb": REPORTS, "citations": cite}
    refused = zhao.post("/api/curated", json=invented)
    assert refused.status_code == 400 and "4321" in refused.json()["detail"]
    made = zhao.post("/api/curated", json={"question": question, "answer": text, "kb": REPORTS, "citations": cite})
    assert made.status_code == 201, made.text
    served = client_of(app, "wang").post("/api/ask", json={"question": question}).json()
    assert served["answerer"] == "curated" and served["answer"] == text
    assert served["curated"]["id"] == made.json()["id"] and any("已人工校正" in n for n in served["notes"])
    assert [c["chunk_id"] for c in served["citations"]] == [c["chunk_id"] for c in cite]
    streamed = client_of(app, "li").post("/api/ask/stream", json={"question": question})
    done = next(data for event, data in sse_events(streamed.text) if event == "done")
    assert done["answerer"] == "curated"
    elsewhere = client_of(app, "sun").post("/api/ask", json={"question": question}).json()
    assert elsewhere["answerer"] != "curated" and text not in elsewhere["answer"]
    near_miss = (
        client_of(app, "wang").post("/api/ask", json={"question": "今年下半年一共清理了多少处占道经营？"}).json()
    )
    assert near_miss["answerer"] != "curated"
    assert made.json()["id"] in [c["id"] for c in zhao.get("/api/curated").json()]
    assert made.json()["id"] not in [c["id"] for c in client_of(app, "qian").get("/api/curated").json()]
    db = AccountsDB.open(kb_assistant.settings)
    entries = db.rows("SELECT actor, action, detail FROM audit_log WHERE action = 'correction'")
    db.close()
    assert any(e["actor"] == "zhao" and json.loads(e["detail"])["kb"] == REPORTS for e in entries)
