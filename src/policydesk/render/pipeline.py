"""Response -> .docx bytes. Writing the bytes to disk is the store's job (store.atomic)."""

from __future__ import annotations

from policydesk.model.library import Library
from policydesk.model.response import Response
from policydesk.render.assemble import RenderOptions, assemble
from policydesk.render.docx_writer import write_docx


def render_to_bytes(response: Response, library: Library, options: RenderOptions | None = None) -> bytes:
    """The whole document, built in memory, so a failure leaves nothing half-written on disk."""
    return write_docx(assemble(response, library, options))
