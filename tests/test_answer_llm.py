"""The optional LLM path, against a real OpenAI-compatible HTTP server on loopback.

The server stands in for vLLM/Ollama and replies with a fixed completion per test, so we
can check what our client does with a faithful answer, an invented number, a bad
citation and a dead endpoint."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.answer.llm import llm_answer
from assistant.models import Answer
from assistant.settings import Settings


@pytest.fixture
def endpoint():
    state = {"reply": "", "requests": []}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state["requests"].append(body)
            payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": state["reply"]}}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


QUESTION = "2023年XX区城管局数字化案件处置率是多少？"


def run(assistant, url, reply, state):
    state["reply"] = reply
    hits = assistant.search(QUESTION, k=4)
    fallback = Answer(QUESTION, "extractive", False)
    return llm_answer(QUESTION, hits, Settings(llm_base_url=url, llm_model="qwen"), fallback), hits


def test_faithful_llm_answer_is_used_with_renumbered_citations(assistant, endpoint):
    state, url = endpoint
    answer, hits = run(assistant, url, "截至目前，XX区城管局数字化案件处置率为99.18％[1]。", state)
    assert answer.answerer == "llm" and "99.18％[1]" in answer.text
    assert "99.18％" in answer.citations[0].hit.chunk.text
    prompt = state["requests"][0]["messages"][1]["content"]
    assert "[1]" in prompt and hits[0].chunk.text in prompt


def test_invented_number_falls_back_to_extractive(assistant, endpoint):
    state, url = endpoint
    answer, _ = run(assistant, url, "处置率为99.5％[1]。", state)
    assert answer.text == "extractive" and any("99.5%" in note for note in answer.notes)


def test_citation_to_a_passage_not_given_falls_back(assistant, endpoint):
    state, url = endpoint
    answer, _ = run(assistant, url, "处置率为99.18％[9]。", state)
    assert answer.text == "extractive"


def test_dead_endpoint_falls_back(assistant):
    hits = assistant.search(QUESTION, k=2)
    fallback = Answer(QUESTION, "extractive", False)
    answer = llm_answer(QUESTION, hits, Settings(llm_base_url="http://127.0.0.1:9/v1", llm_timeout_s=2), fallback)
    assert answer.text == "extractive" and "LLM endpoint failed" in answer.notes[0]
