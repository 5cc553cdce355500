"""Word 97-2003 ``.doc`` and WPS ``.wps`` files, converted to .docx by LibreOffice (headless).

The .docx is then read like any other (tables as row records, the header repeated). LibreOffice
was chosen over antiword and catdoc on files made by the tests: antiword refused a short file
("text stream too small") and catdoc drops table structure; see ``bench/README.md`` ("Old Word files")."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from assistant.ingest.errors import IngestError, LoadedFile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONVERT_TIMEOUT_S = 180.0
_SECTOR = 512
_FIB_MAGIC = b"\xec\xa5"  # wIdent of a Word 97+ file information block
_F_ENCRYPTED = 0x0100  # FIB base flags: fEncrypted


def find_converter() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def word_flags(data: bytes) -> int | None:
    """The flags of a Word 97+ file information block, or None when the file has none.

    The WordDocument stream starts on a sector boundary with the FIB; the first such block is it."""
    for offset in range(_SECTOR, min(len(data), 64 * 1024 * 1024) - 12, _SECTOR):
        if data[offset : offset + 2] == _FIB_MAGIC:
            return int.from_bytes(data[offset + 10 : offset + 12], "little")
    return None


def is_encrypted_word(data: bytes) -> bool:
    """Whether a Word binary file says it is password-protected (its FIB's fEncrypted flag)."""
    return bool((word_flags(data) or 0) & _F_ENCRYPTED)


def read_legacy_word(path: Path, data: bytes, read_docx: Callable[[Path, bytes], LoadedFile]) -> LoadedFile:
    """Text of a .doc/.wps: checked, converted to .docx in a private folder, read by ``read_docx``."""
    from assistant.ingest.text_files import looks_like_text

    kind = path.suffix.lower()
    if not data.startswith(OLE_MAGIC):
        if data.startswith(b"PK\x03\x04"):
            raise IngestError(path, f"not an old binary {kind} (it is a .docx renamed); rename it to .docx")
        if data.lstrip()[:5].lower() == b"{\\rtf":
            raise IngestError(path, f"not a binary {kind} (it is an RTF file); save it as .docx")
        raise IngestError(path, f"damaged {kind} file (not an Office binary document)")
    flags = word_flags(data)
    if flags is None:  # LibreOffice would import any bytes as text: only a Word stream is converted
        raise IngestError(path, f"damaged {kind} file (no Word document stream in it)")
    if flags & _F_ENCRYPTED:
        raise IngestError(path, f"password-protected {kind} file; remove the password and save it again")
    converter = find_converter()
    if converter is None:
        raise IngestError(
            path,
            f"{kind} needs LibreOffice to be read, and it is not installed: "
            "install it (apt-get install libreoffice-writer-nogui) or save the file as .docx",
        )
    with tempfile.TemporaryDirectory(prefix="assistant-doc-") as work:
        folder = Path(work)
        source = folder / f"input{kind}"
        source.write_bytes(data)
        command = [
            converter,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",  # own profile: runs never share a lock
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            subprocess.run(
                command, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired as exc:
            raise IngestError(path, f"damaged {kind} file (conversion did not end in {CONVERT_TIMEOUT_S:g} s)") from exc
        except OSError as exc:
            raise IngestError(
                path, f"{kind} could not be converted (LibreOffice failed to start: {exc.strerror})"
            ) from exc
        converted = folder / "out" / "input.docx"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise IngestError(path, f"damaged {kind} file (LibreOffice could not open it)")
        loaded = read_docx(path, converted.read_bytes())
    if not looks_like_text(loaded.text):
        raise IngestError(path, f"damaged {kind} file (its text came out garbled)")
    return LoadedFile(path, loaded.text, title_hint=loaded.title_hint)
