"""`policydesk export RESPONSE --format text|markdown|html|pdf`: the answers out, for a form, a website or print."""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path

from policydesk.cli.output import Output
from policydesk.cli.response_commands import load_error_free, make_folder
from policydesk.model.library import Library
from policydesk.model.response import Response
from policydesk.render import pdf
from policydesk.render.assemble import RenderOptions, assemble
from policydesk.render.html_writer import GENERATOR, write_html
from policydesk.render.markdown_writer import write_markdown
from policydesk.render.pipeline import render_to_bytes
from policydesk.render.text_writer import first_line, write_text
from policydesk.store.atomic import write_atomic
from policydesk.store.knowledge_base import KnowledgeBase, require
from policydesk.store.outputs import OutputKind, output_path
from policydesk.store.yaml_io import display_path

FORMATS = {"text": ".txt", "markdown": ".md", "html": ".html", "pdf": ".pdf"}
TO_SCREEN = ("text", "markdown")
"""Formats printed to standard output when no --out is given; the others are written beside the response."""
NAMES = {"text": "text file", "markdown": "markdown file", "html": "web page", "pdf": "PDF"}


def _starts_with(line: str, path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as handle:
            return handle.readline().rstrip("\n") == line
    except (OSError, UnicodeDecodeError):
        return False


def _html_is_ours(path: Path) -> bool:
    try:
        head = path.read_bytes()[:4096].decode("utf-8", "replace")
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR}">' in head


def _pdf_is_ours(path: Path) -> bool:
    try:
        return pdf.written_by_policydesk(path.read_bytes())
    except OSError:
        return False


def kind_of(fmt: str, response: Response) -> OutputKind:
    """The file kind of a format, with how to recognise a file an earlier export wrote."""
    ours = {
        "text": partial(_starts_with, first_line(response)),
        "markdown": partial(_starts_with, "# " + first_line(response)),
        "html": _html_is_ours,
        "pdf": _pdf_is_ours,
    }[fmt]
    return OutputKind(FORMATS[fmt], NAMES[fmt], ours)


def exported(fmt: str, response: Response, library: Library, where: str) -> bytes:
    """The response in format `fmt`: always the draft wording, with no tracked changes and no comments."""
    clean = RenderOptions(clean=True)
    if fmt == "text":
        return write_text(response, library).encode("utf-8")
    if fmt == "pdf":
        return pdf.pdf_from_docx(render_to_bytes(response, library, clean), where)
    page = assemble(response, library, clean)
    return (write_markdown(page) if fmt == "markdown" else write_html(page)).encode("utf-8")


def cmd_export(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    library = require(kb)
    loaded = load_error_free(args.response, library)
    response = loaded.response
    assert response is not None
    if args.out is None and args.format in TO_SCREEN:
        out.stream.write(exported(args.format, response, library, loaded.shown).decode("utf-8"))
        return 0
    target = output_path(args.response, args.out, args.force, kind_of(args.format, response))
    data = exported(args.format, response, library, loaded.shown)
    make_folder(target.parent)
    write_atomic(target, data)
    out.line(f"Wrote {display_path(target)} ({NAMES[args.format]}, the draft wording without tracked changes).")
    return 0
