"""The package as a wheel: built from the sources, installed into a folder of its own, and run
from another working directory (so that nothing of the repository is found), it serves the
chat page, its static files and /healthz over a real index.

Templates, static files and resources are package data (``pyproject.toml``,
``[tool.setuptools.package-data]``); a wheel without them serves no page."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.integration

PACKAGE_DATA = [
    "assistant/web/templates/chat.html",
    "assistant/web/static/chat.js",
    "assistant/web/static/style.css",
    "assistant/resources/domain_terms.txt",
    "assistant/answer/selector.json",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built offline from a copy of the sources (the working tree is not touched)."""
    source = tmp_path_factory.mktemp("wheel-src")
    shutil.copytree(ROOT / "assistant", source / "assistant", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel-out")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        cwd=source,
        timeout=300,
    )
    (built,) = out.glob("wenming_assistant-*.whl")
    return built


def test_wheel_carries_templates_static_and_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in PACKAGE_DATA if name not in names]
    assert not missing, f"not in the wheel: {missing}"


def test_installed_wheel_serves_the_page_from_another_directory(wheel: Path, tmp_path: Path, corpus_settings) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(target), str(wheel)],
        check=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(target),
        "ASSISTANT_INDEX_DIR": str(corpus_settings.index_dir),
        "ASSISTANT_CORPUS_DIR": str(elsewhere / "corpus"),
    }
    env.pop("ASSISTANT_WEB_DIR", None)
    where = subprocess.run(
        [sys.executable, "-c", "import assistant; print(assistant.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(target), where.stdout  # the installed copy, not the repo's

    port = _free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-c", "from assistant.cli import app; app()", "serve", "--port", str(port)],
            cwd=elsewhere,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        health = None
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert server.poll() is None, log.read_text(errors="replace")
            try:
                health = httpx.get(f"{base}/healthz", timeout=5)
                if health.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        assert health is not None and health.status_code == 200, log.read_text(errors="replace")
        assert health.json()["status"] == "ok" and health.json()["passages"] > 100

        page = httpx.get(f"{base}/", timeout=10)
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        assert 'id="composer"' in page.text and "迎检材料起草" in page.text
        for asset in ("chat.js", "common.js", "style.css"):
            static = httpx.get(f"{base}/static/{asset}", timeout=10)
            assert static.status_code == 200 and static.content, asset
        facts = httpx.get(f"{base}/facts", timeout=60)
        assert facts.status_code == 200 and "数据与指标" in facts.text
        # answering reads the fitted selector from the installed package
        asked = httpx.post(f"{base}/api/ask", json={"question": "2023年XX区城管局数字化案件处置率是多少？"}, timeout=60)
        assert asked.status_code == 200 and "99.18" in asked.json()["answer"], asked.text
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)
