"""Any printable text either renders to a document that reads back the same, or is refused clearly."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph as DocxParagraph
from docx_reader import DocxXml, document_view
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policydesk.model.library import Library
from policydesk.model.problems import InputError
from policydesk.model.response import Consultation, Contact, Paragraph, Response, Section
from policydesk.render.assemble import RenderOptions
from policydesk.render.markdown import plain_text
from policydesk.render.pipeline import render_to_bytes
from policydesk.store.knowledge_base import load_knowledge_base


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    import shutil

    from conftest import DATA

    root = tmp_path_factory.mktemp("kb") / "positions"
    shutil.copytree(DATA / "kb-small", root)
    return load_knowledge_base(root).library


def response_with(text: str, quoted_edit: str | None = None) -> Response:
    paragraphs = [Paragraph(text=text)]
    if quoted_edit is not None:
        paragraphs.append(
            Paragraph(
                text=quoted_edit, position="kinship-carer-support", version=__import__("datetime").date(2023, 3, 14)
            )
        )
    return Response(
        "prop",
        Consultation("A consultation", "Department for Education"),
        contact=Contact("Jane Smith", "Senior Adviser", "jane.smith@local.gov.uk"),
        key_messages=("A key message.",),
        sections=(Section("A question?", tuple(paragraphs), "1"),),
    )


printable = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=200)
anything = st.text(st.characters(), min_size=1, max_size=120)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=printable | anything)
def test_text_renders_and_reads_back_or_is_refused(library: Library, text: str) -> None:
    try:
        data = render_to_bytes(response_with(text), library, RenderOptions(clean=True))
    except InputError as exc:
        message = str(exc)
        assert (
            ("cannot hold" in message and "question 1, paragraph 1" in message)
            or "is not" in message
            or "not allowed" in message
        ), message
        return
    expected = [line for line in plain_text(text).split("\n") if line]
    document = docx.Document(io.BytesIO(data))
    texts = [
        block.text if isinstance(block, DocxParagraph) else " | ".join(cell.text for cell in row.cells)
        for block in document.iter_inner_content()
        for row in ([None] if isinstance(block, DocxParagraph) else block.rows)
    ]
    start = texts.index("Question 1: A question?") + 1
    end = texts.index("Contact")
    assert [t for t in texts[start:end] if t] == [e.replace("\r", "\n") for e in expected] or "".join(
        texts[start:end]
    ).split() == " ".join(expected).split()


words = st.lists(
    st.sampled_from(
        [
            "we",
            "welcome",
            "the",
            "plan",
            "councils",
            "must",
            "**fund**",
            "*all*",
            "children",
            ",",
            ".",
            "and",
            "not",
            "only",
            "pathfinders",
        ]
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edit=words)
def test_tracked_edit_accepts_to_the_draft_and_rejects_to_the_agreed_text(library: Library, edit: list[str]) -> None:
    draft = " ".join(edit)
    agreed = library.get("kinship-carer-support").line.text
    xml = DocxXml(render_to_bytes(response_with("Intro.", draft), library))
    accepted, rejected = document_view(xml, accept=True), document_view(xml, accept=False)
    i = accepted.index("Intro.") + 1
    assert accepted[i : i + len(plain_text(draft).split("\n"))] == plain_text(draft).split("\n")
    assert rejected[i : i + len(plain_text(agreed).split("\n"))] == plain_text(agreed).split("\n")


def test_unsafe_text_is_refused_before_any_file_is_written(library: Library, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        render_to_bytes(response_with("bad \x07 bell"), library)
    assert str(caught.value) == (
        "prop.yaml: question 1, paragraph 1 contains a character a Word document cannot hold "
        "(U+0007, a control character, at character 5); delete the character and render again"
    )
