"""A real OpenAI-compatible HTTP server on loopback that replies with a completion fixed by the
test (or made from the last message), plain or streamed as server-sent events, as vLLM, Ollama or
llama.cpp would."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@contextmanager
def fake_llm() -> Iterator[tuple[dict[str, Any], str]]:
    """``(state, base_url)``: set ``state["reply"]`` (a text, or a function of the last message's
    content) and ``state["status"]``; the requests received are in ``state["requests"]``."""
    state: dict[str, Any] = {"reply": "", "requests": [], "status": 200}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state["requests"].append(body)
            reply = state["reply"]
            reply = str(reply(body["messages"][-1]["content"]) if callable(reply) else reply)
            if body.get("stream"):
                chunks = [reply[i : i + 3] for i in range(0, len(reply), 3)]
                lines = [f"data: {json.dumps({'choices': [{'delta': {'content': c}}]})}\n\n" for c in chunks]
                payload = ("".join(lines) + "data: [DONE]\n\n").encode()
                content_type = "text/event-stream"
            else:
                message = {"role": "assistant", "content": reply}
                payload = json.dumps({"choices": [{"message": message}]}).encode()
                content_type = "application/json"
            self.send_response(state["status"])
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
