"""Every document the Word-output tests look at, rendered once per test session.

The two bundled responses and the test sample, each tracked and clean; the tables case (pipe tables, nested
bullets, quoted tables edited cell by cell and reshaped), each tracked and clean; the sample with an image
in place of the text wordmark; and the bundled board papers, each tracked and clean.
"""

from __future__ import annotations

import atexit
import shutil
import struct
import tempfile
import zlib
from functools import cache
from pathlib import Path

from conftest import DATA, REPO
from policydesk.model.library import Library
from policydesk.model.paper import Paper
from policydesk.model.response import Response
from policydesk.render.assemble import RenderOptions, assemble
from policydesk.render.docx_writer import write_docx
from policydesk.render.house_style import HouseStyle, house_style
from policydesk.render.paper_layout import assemble_paper
from policydesk.store.knowledge_base import load_knowledge_base
from policydesk.store.paper_file import read_paper
from policydesk.store.response_file import read_response

BUNDLED = sorted((REPO / "responses").glob("*.yaml"))
PAPERS = sorted((REPO / "papers").glob("*.yaml"))
LOGO_ALT = "Local Government Association logo"


@cache
def workdir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="policydesk-rendered-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@cache
def bundled_library() -> Library:
    return load_knowledge_base(REPO / "positions").library


@cache
def small_library() -> Library:
    """kb-small plus one position whose text holds a table."""
    root = workdir() / "positions"
    shutil.copytree(DATA / "kb-small", root)
    shutil.copy(DATA / "positions-extra" / "high-needs-figures.yaml", root / "children")
    return load_knowledge_base(root).library


def response(path: Path) -> Response:
    loaded = read_response(path)
    assert loaded.response is not None, loaded.problems
    return loaded.response


def paper(path: Path) -> Paper:
    loaded = read_paper(path)
    assert loaded.paper is not None, loaded.problems
    return loaded.paper


def png(width: int, height: int) -> bytes:
    """A small solid PNG, written byte by byte so the tests need no imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x1f\x4e\x79" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@cache
def image_style() -> HouseStyle:
    """The house style with organisation.image naming a PNG beside a copy of house-style.yaml."""
    folder = workdir() / "templates-with-logo"
    folder.mkdir()
    (folder / "lga-logo.png").write_bytes(png(120, 30))
    text = (REPO / "templates" / "house-style.yaml").read_text(encoding="utf-8")
    text = text.replace('  image: ""', "  image: lga-logo.png").replace(
        "  image_alt: Local Government Association", f"  image_alt: {LOGO_ALT}"
    )
    (folder / "house-style.yaml").write_text(text, encoding="utf-8")
    return house_style(folder / "house-style.yaml")


def render(resp: Response, library: Library, clean: bool = False, style: HouseStyle | None = None) -> bytes:
    style = style or house_style()
    return write_docx(assemble(resp, library, RenderOptions(clean=clean), style), style)


@cache
def documents() -> dict[str, bytes]:
    """Name -> .docx bytes; names end in '-clean' for clean renders."""
    jobs = [(path.stem, response(path), bundled_library()) for path in BUNDLED]
    jobs.append(("sample", response(DATA / "responses" / "sample.yaml"), small_library()))
    jobs.append(("tables", response(DATA / "responses" / "tables.yaml"), small_library()))
    out = {}
    for name, resp, library in jobs:
        out[name] = render(resp, library)
        out[f"{name}-clean"] = render(resp, library, clean=True)
    out["sample-logo"] = render(response(DATA / "responses" / "sample.yaml"), small_library(), style=image_style())
    for path in PAPERS:
        for clean in (False, True):
            page = assemble_paper(paper(path), bundled_library(), RenderOptions(clean=clean))
            out[path.stem + ("-clean" if clean else "")] = write_docx(page)
    return out


def bundled_names() -> list[str]:
    return [name for path in BUNDLED for name in (path.stem, f"{path.stem}-clean")]


def paper_names() -> list[str]:
    return [name for path in PAPERS for name in (path.stem, f"{path.stem}-clean")]


ALL_NAMES = [
    *(name for path in BUNDLED for name in (path.stem, f"{path.stem}-clean")),
    "sample",
    "sample-clean",
    "tables",
    "tables-clean",
    "sample-logo",
    *(name for path in PAPERS for name in (path.stem, f"{path.stem}-clean")),
]
