"""Responses and board papers behind one interface: read, check, save, render and copy for recovery.

The terminal UI opens either kind of file in the same way; each kind names the functions that do the work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from policydesk.model.library import Library
from policydesk.model.paper import Paper
from policydesk.model.problems import Problem
from policydesk.model.response import Response
from policydesk.paper_checks import check_paper
from policydesk.render.assemble import RenderOptions
from policydesk.render.pipeline import paper_to_bytes, render_to_bytes
from policydesk.response_checks import check_response
from policydesk.store.atomic import Stamp
from policydesk.store.document_file import Located
from policydesk.store.paper_file import LoadedPaper, is_paper_file, paper_to_yaml, read_paper, write_paper
from policydesk.store.response_file import LoadedResponse, read_response, response_to_yaml, write_response

Document = Response | Paper


@dataclass(frozen=True)
class Kind:
    """What policydesk does with one kind of document file. `sent` says whether rendering keeps a record of
    what was sent, so a reviewed copy can be brought back (responses only)."""

    noun: str
    read: Callable[..., Located]
    write: Callable[[Path, Document, Stamp | None], Stamp]
    located: Callable[[Path, Document], Located]
    check: Callable[[Located, Library, bool], list[Problem]]
    render: Callable[[Document, Library, RenderOptions], bytes]
    to_yaml: Callable[[Document], CommentedMap]
    sent: bool


RESPONSE = Kind(
    "response",
    read_response,
    write_response,  # type: ignore[arg-type]
    lambda path, document: LoadedResponse(path, document, Stamp.absent(), []),  # type: ignore[arg-type]
    check_response,  # type: ignore[arg-type]
    render_to_bytes,  # type: ignore[arg-type]
    response_to_yaml,  # type: ignore[arg-type]
    sent=True,
)
PAPER = Kind(
    "paper",
    read_paper,
    write_paper,  # type: ignore[arg-type]
    lambda path, document: LoadedPaper(path, document, Stamp.absent(), []),  # type: ignore[arg-type]
    check_paper,  # type: ignore[arg-type]
    paper_to_bytes,  # type: ignore[arg-type]
    paper_to_yaml,  # type: ignore[arg-type]
    sent=False,
)


def kind_of(document: Document) -> Kind:
    return PAPER if isinstance(document, Paper) else RESPONSE


def kind_of_file(path: Path) -> Kind:
    return PAPER if is_paper_file(path) else RESPONSE


def check_document(path: Path, document: Document, library: Library, conventions: bool = True) -> list[Problem]:
    """Every problem `check` would report for the document as it stands in memory (unsaved edits included);
    without `conventions`, the writing conventions and spelling are left out."""
    kind = kind_of(document)
    return kind.check(kind.located(path, document), library, conventions)
