"""Responses and papers -> .docx bytes. Writing the bytes to disk is the store's job (store.atomic).

python-docx and lxml are imported on the first render, not when this module is: the UI and most commands
only need to know that a document can be rendered.
"""

from __future__ import annotations

from policydesk.model.library import Library
from policydesk.model.paper import Paper
from policydesk.model.response import Response
from policydesk.render.assemble import RenderOptions, assemble
from policydesk.render.paper_layout import assemble_paper


def render_to_bytes(response: Response, library: Library, options: RenderOptions | None = None) -> bytes:
    """The whole document, built in memory, so a failure leaves nothing half-written on disk."""
    from policydesk.render.docx_writer import write_docx

    return write_docx(assemble(response, library, options))


def paper_to_bytes(paper: Paper, library: Library, options: RenderOptions | None = None) -> bytes:
    """A board paper's whole document, built in memory like a response's."""
    from policydesk.render.docx_writer import write_docx

    return write_docx(assemble_paper(paper, library, options))
