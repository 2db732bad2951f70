"""Properties over generated files: checking never raises, the fast and round-trip readers agree, and a paper
that checks clean renders (or is refused with a message)."""

from __future__ import annotations

import os
import shutil
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, REPO
from policydesk.model.problems import InputError
from policydesk.paper_checks import check_paper
from policydesk.render.pipeline import paper_to_bytes
from policydesk.response_checks import check_response
from policydesk.store.knowledge_base import load_knowledge_base
from policydesk.store.paper_file import read_paper
from policydesk.store.position_file import read_position
from policydesk.store.response_file import read_response

VALID = (DATA / "kb-small" / "children" / "kinship-carer-support.yaml").read_bytes()
RESPONSE = (DATA / "responses" / "sample.yaml").read_bytes()
TAXONOMY = (DATA / "kb-small" / "taxonomy.yaml").read_bytes()
TRICKY = [
    "\t",
    " ",
    "  ",
    "\n",
    "\r\n",
    ":",
    ": ",
    "- ",
    "#",
    "'",
    '"',
    "&a ",
    "*a",
    "!x ",
    "!!int ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "|",
    ">",
    "%",
    "---",
    "...",
    "0x10",
    "1e3",
    "true",
    "~",
    "null",
    "2023-02-30",
    "2023-03-14T10:00",
    "\u202e",
    "&#1;",
    "\x00",
    "\x85",
    "\ufeff",
    "é",
    "£",
    "\\",
    "@",
    "`",
]
SETTINGS = settings(
    max_examples=int(os.environ.get("POLICYDESK_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """`base` with a few tricky fragments inserted, replaced or deleted at random places."""
    text = base.decode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        end = at + draw(st.integers(0, 3))
        text = text[:at] + draw(st.sampled_from(TRICKY)) + text[end:]
    return text.encode("utf-8", "surrogatepass")


def _kb(tmp: Path) -> Path:
    """A copy of the small knowledge base, made once per test session and reused by every example."""
    root = tmp / "positions"
    if not root.exists():
        shutil.copytree(DATA / "kb-small", root)
    return root


@SETTINGS
@given(content=mutated(VALID))
def test_both_readers_give_the_same_verdict(tmp_path_factory, content: bytes) -> None:
    root = _kb(tmp_path_factory.getbasetemp())
    taxonomy = load_knowledge_base(root).library.taxonomy
    path = root / "children" / "kinship-carer-support.yaml"
    path.write_bytes(content)
    try:
        assert read_position(path, taxonomy, root, fast=True) == read_position(path, taxonomy, root, fast=False)
    finally:
        path.write_bytes(VALID)


@SETTINGS
@given(content=mutated(RESPONSE))
def test_both_readers_read_a_response_alike(tmp_path_factory, content: bytes) -> None:
    path = tmp_path_factory.getbasetemp() / "alike.yaml"
    path.write_bytes(content)
    fast, slow = read_response(path, fast=True), read_response(path, fast=False)
    assert (fast.response, fast.problems, fast.where) == (slow.response, slow.problems, slow.where)


@SETTINGS
@given(content=st.one_of(st.binary(max_size=400), mutated(VALID)))
def test_check_never_raises_on_any_position_file(tmp_path_factory, content: bytes) -> None:
    root = _kb(tmp_path_factory.getbasetemp())
    generated = root / "generated.yaml"
    generated.write_bytes(content)
    try:
        kb = load_knowledge_base(root)
    finally:
        generated.unlink()
    assert all(p.file and p.message for p in kb.problems)


@SETTINGS
@given(content=st.one_of(st.binary(max_size=400), mutated(RESPONSE), mutated(TAXONOMY)))
def test_check_never_raises_on_any_response_or_taxonomy(tmp_path_factory, content: bytes) -> None:
    base = _kb(tmp_path_factory.getbasetemp())
    library = load_knowledge_base(base).library
    response = base.parent / "generated-response.yaml"
    response.write_bytes(content)
    check_response(read_response(response), library)
    other = base.parent / "other-kb"
    if not other.exists():
        shutil.copytree(base, other)
    (other / "taxonomy.yaml").write_bytes(content)
    load_knowledge_base(other)


PAPER = (REPO / "papers" / "stable-homes-initial-view.yaml").read_bytes()


@cache
def _bundled_library():
    return load_knowledge_base(REPO / "positions").library


@SETTINGS
@given(content=st.one_of(st.binary(max_size=400), mutated(PAPER)))
def test_a_paper_file_is_checked_rendered_or_refused_never_crashed(tmp_path_factory, content: bytes) -> None:
    library = _bundled_library()
    path = tmp_path_factory.getbasetemp() / "papers" / "generated.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    loaded = read_paper(path)
    problems = check_paper(loaded, library)
    assert all(p.file and p.message for p in problems)
    if loaded.paper is not None and not any(p.is_error for p in problems):
        try:
            paper_to_bytes(loaded.paper, library)
        except InputError as refused:
            assert all(p.message for p in refused.problems)
