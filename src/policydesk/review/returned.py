"""Read a returned document against the record of what was sent: the entry point for the CLI and the UI."""

from __future__ import annotations

from pathlib import Path

from policydesk.model.problems import InputError, Problem
from policydesk.review.compare import compare
from policydesk.review.docx_read import read_docx
from policydesk.review.items import ReviewResult
from policydesk.store.files import read_regular
from policydesk.store.sent import SentRecord, load_sent, sent_folder, sent_ids
from policydesk.store.yaml_io import display_path


def sent_record(response_path: Path, sent_id: str, returned: str) -> SentRecord:
    """The record the returned document names, or the latest one when it names none."""
    if sent_id:
        record = load_sent(response_path, sent_id)
        if record is not None:
            return record
    recorded = sent_ids(response_path)
    if not recorded:
        raise InputError(
            Problem(
                display_path(response_path),
                None,
                None,
                f"there is no record of what was sent, so {returned} cannot be compared with it",
                "render the response with this version of policydesk, send that document, and review what comes back",
            )
        )
    if sent_id:
        raise InputError(
            Problem(
                returned,
                None,
                None,
                f"names the rendering {sent_id}, which is not in {display_path(sent_folder(response_path))}",
                "give the record to compare with: --sent " + recorded[-1],
            )
        )
    record = load_sent(response_path, recorded[-1])
    assert record is not None
    return record


def review_returned(response_path: Path, returned_path: Path, sent_id: str | None = None) -> ReviewResult:
    """Every change and comment in the returned document, placed in the response as it was sent.

    Refuses (InputError) a file that is not a .docx, cannot be read, or was not rendered from this response.
    """
    shown = display_path(returned_path)
    returned = read_docx(read_regular(returned_path), shown)
    if not returned.has_anchors:
        raise InputError(
            Problem(
                shown,
                None,
                None,
                "has none of the hidden anchors policydesk puts in every document it renders, "
                "so its changes cannot be placed",
                "review the copy that was sent from 'policydesk render' (or the UI), not a retyped or converted one",
            )
        )
    record = sent_record(response_path, sent_id or returned.sent_id, shown)
    sent = read_docx(record.docx, display_path(record.path))
    result = compare(returned, sent, record.response)
    result.sent = record.response
    return result
