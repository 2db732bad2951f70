"""Response -> plain text for an online consultation form: one block per question, each with its length."""

from __future__ import annotations

from policydesk.answer_text import answer_text, count_note, count_text, response_count
from policydesk.model.library import Library
from policydesk.model.response import Response
from policydesk.render.assemble import document_title
from policydesk.render.house_style import HouseStyle, house_style

RULE = "=" * 60


def write_text(response: Response, library: Library, style: HouseStyle | None = None) -> str:
    """The document title, then each section as a block: its number and question, the answer, the text, its count."""
    lines = [first_line(response, style), "Each block below is one answer, ready to paste into the online form."]
    for section in response.sections:
        lines += ["", RULE, section.heading]
        if section.answer:
            lines.append(f"Answer: {section.answer}")
        text = answer_text(section, library)
        lines += ["", text if text else "(no answer text)", ""]
        lines.append(f"[{count_note(section, count_text(text))}]")
    lines += ["", RULE, f"The whole response: {response_count(response, library)}."]
    return "\n".join(lines) + "\n"


def first_line(response: Response, style: HouseStyle | None = None) -> str:
    """The line a text export starts with: the document's title, by which a later export knows the file."""
    return " ".join(document_title(response, style or house_style()).split())
