"""Pick the reader for a document by its extension and return its blocks.

The Word and web page readers (python-docx, lxml) are imported when such a file is read, not when the UI starts.
"""

from __future__ import annotations

from pathlib import Path

from policydesk.consultation.blocks import Document
from policydesk.consultation.markdown_reader import markdown_blocks
from policydesk.consultation.text_reader import text_blocks
from policydesk.consultation.tools import convert_to_docx, pdf_text, private_folder
from policydesk.model.problems import InputError, Problem
from policydesk.store.yaml_io import display_path, read_bytes

FORMATS = (".docx", ".odt", ".doc", ".html", ".htm", ".md", ".markdown", ".txt", ".pdf")
SIGNED = {".odt": "an OpenDocument text file", ".doc": "a Word 97-2003 document", ".pdf": "a PDF"}
OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")


def _text(raw: bytes) -> str:
    """Text files are UTF-8, or else the Windows code page older word processors save in."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _check_signature(path: Path, kind: str) -> None:
    """Refuse a file whose first bytes are not of its kind (LibreOffice would open any bytes as plain text)."""
    raw = read_bytes(path)
    if kind == ".odt":
        ok = raw.startswith(b"PK") and b"application/vnd.oasis.opendocument.text" in raw[:200]
    elif kind == ".doc":
        ok = raw.startswith((OLE_SIGNATURE, b"{\\rtf"))
    else:
        ok = b"%PDF-" in raw[:1024]
    if not ok:
        raise InputError(
            Problem(
                display_path(path),
                None,
                None,
                f"the file is not {SIGNED[kind]} (it does not begin as one does)",
                "check that it opens in a word processor or PDF viewer, save it again and import that",
            )
        )


def _read_docx(path: Path) -> Document:
    from policydesk.consultation.docx_reader import read_docx

    return read_docx(path)


def read_document(path: Path) -> Document:
    """The blocks of a consultation document in any supported format; every failure is an InputError."""
    shown = display_path(path)
    kind = path.suffix.lower()
    if kind not in FORMATS:
        raise InputError(
            Problem(
                shown,
                None,
                None,
                f"policydesk cannot import '{path.suffix or 'files without an extension'}'",
                "save the consultation as .docx, .odt, .doc, .html, .md, .txt or .pdf and import that",
            )
        )
    if not path.is_file():
        raise InputError(Problem(shown, None, None, "no such file", "check the path to the consultation document"))
    if kind == ".docx":
        return _read_docx(path)
    if kind in (".odt", ".doc"):
        _check_signature(path, kind)
        with private_folder() as folder:
            converted = convert_to_docx(path, Path(folder))
            try:
                return _read_docx(converted)
            except InputError:
                raise InputError(
                    Problem(
                        shown,
                        None,
                        None,
                        "LibreOffice converted the file, but the result is not a readable Word document",
                        "open it in a word processor, save it as .docx and import that",
                    )
                ) from None
    if kind == ".pdf":
        _check_signature(path, kind)
        return Document(tuple(text_blocks(pdf_text(path))))
    raw = read_bytes(path)
    if kind in (".html", ".htm"):
        from policydesk.consultation.html_reader import read_html

        return read_html(path, raw)
    if kind in (".md", ".markdown"):
        return Document(tuple(markdown_blocks(_text(raw))))
    return Document(tuple(text_blocks(_text(raw))))
