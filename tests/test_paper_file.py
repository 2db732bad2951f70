"""Board paper files: the model's edits, the located reader, round-trip writes that keep comments, and `check`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from conftest import REPO
from policydesk.model.library import Library
from policydesk.model.paper import CLOSING, NewPosition, PaperParagraph, Section, starter
from policydesk.model.response import Contact
from policydesk.paper_checks import check_paper
from policydesk.store.atomic import Stamp
from policydesk.store.knowledge_base import load_knowledge_base
from policydesk.store.paper_file import is_paper_file, paper_bytes, paper_to_yaml, read_paper, write_paper
from policydesk.store.yaml_io import dump

BUNDLED = REPO / "papers" / "stable-homes-initial-view.yaml"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_knowledge_base(REPO / "positions").library


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages name files as the user would type them, relative to the working folder."""
    monkeypatch.chdir(tmp_path)


def minimal(**changes: str) -> str:
    """A small valid paper as YAML text; `changes` replace whole top-level lines ("key: value")."""
    fields = {
        "board": "Children and Young People Board",
        "meeting": "2024-03-12",
        "title": "Kinship care",
        "purpose": "For direction",
        "summary": "A short summary.",
        "recommendations": "That the Board agrees the view below.",
        "contact": "{name: Alex Morgan, position: Adviser, email: alex.morgan@local.gov.uk, phone: 020 7664 3000}",
    }
    fields.update(changes)
    head = "".join(f"{k}: {v}\n" for k, v in fields.items() if v)
    body = "sections:\n  - heading: Background\n    paragraphs:\n      - text: Some background.\n"
    body += "    lga_view:\n      - position: kinship-carer-support\n        version: 2023-03-14\n"
    for heading in CLOSING:
        body += f"  - heading: {heading}\n    paragraphs:\n      - text: None.\n"
    return head + body


def write(tmp_path: Path, text: str, name: str = "kinship.yaml") -> Path:
    folder = tmp_path / "papers"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(path: Path, library: Library) -> list[str]:
    return [str(p) for p in check_paper(read_paper(path), library)]


# The model -----------------------------------------------------------------------------------------------------


def test_edits_return_new_papers_and_leave_the_old_one_alone() -> None:
    paper = starter("p", "Children and Young People Board", date(2024, 3, 12), "A title", "For direction")
    proposal = PaperParagraph(text="We want it funded.", proposes=NewPosition("new-id", "Funded", "shbl-p3", "call"))
    edited = paper.add_paragraph(1, proposal, which="lga_view")
    assert edited.sections[1].lga_view[-1] is proposal and paper.sections[1].lga_view != edited.sections[1].lga_view
    assert proposal.kind == "proposed" and PaperParagraph(text="x").kind == "new"
    moved = edited.move_paragraph(1, 1, -1, which="lga_view")
    assert moved.sections[1].lga_view[0] is proposal
    assert moved.remove_paragraph(1, 0, which="lga_view").sections[1].lga_view == paper.sections[1].lga_view
    assert edited.set_paragraph(0, 0, proposal).sections[0].paragraphs == (proposal,)
    added = paper.add_section(Section("Proposal two"), at=2)
    assert [s.heading for s in added.sections][1:3] == ["Proposal", "Proposal two"]
    assert added.move_section(2, -1).sections[1].heading == "Proposal two"
    assert added.remove_section(2) == paper
    keys = [key for key, _, _ in edited.paragraphs()]
    assert ("sections", 1, "lga_view", 1) in keys and keys == sorted(keys, key=keys.index)


def test_a_new_paper_names_every_placeholder_to_replace(tmp_path: Path, library: Library) -> None:
    paper = starter("new-paper", "Children and Young People Board", date(2024, 3, 12), "A title", "For direction")
    path = tmp_path / "papers" / "new-paper.yaml"
    path.parent.mkdir()
    write_paper(path, paper, Stamp.absent())
    loaded = read_paper(path)
    assert loaded.paper == paper
    problems = check_paper(loaded, library)
    errors = [p for p in problems if p.is_error]
    assert errors and all(p.code == "unfinished" for p in errors), errors
    assert any("is new text, so adopting the paper records it nowhere" in str(p) for p in problems)


# Reading and writing -------------------------------------------------------------------------------------------


def test_the_bundled_paper_reads_and_checks_clean(library: Library) -> None:
    loaded = read_paper(BUNDLED)
    assert loaded.problems == [] and check_paper(loaded, library) == []
    paper = loaded.paper
    assert (paper.board, paper.meeting, paper.purpose) == (
        "Children and Young People Board",
        date(2023, 3, 14),
        "For direction",
    )
    assert paper.recommendations.lead == "That the Board:" and len(paper.recommendations.items) == 3
    kinds = [p.kind for _, _, p in paper.paragraphs()]
    assert kinds.count("proposed") == 1 and kinds.count("quoted") >= 20
    assert sum(p.edited for _, _, p in paper.paragraphs()) == 1
    assert [p.framework for _, _, q in paper.paragraphs() if (p := library.get(q.position or ""))] == [
        "shbl-2023"
    ] * kinds.count("quoted"), "every view quotes a position of the Stable Homes framework"


def test_saving_an_unchanged_paper_gives_back_its_bytes_and_an_edit_keeps_the_comments(tmp_path: Path) -> None:
    path = write(tmp_path, BUNDLED.read_text(encoding="utf-8"), "stable-homes-initial-view.yaml")
    loaded = read_paper(path)
    assert paper_bytes(path, loaded.paper, loaded.stamp) == BUNDLED.read_bytes()
    retitled = replace(loaded.paper, title="Stable Homes: our initial view")
    write_paper(path, retitled, loaded.stamp)
    before, after = BUNDLED.read_text().splitlines(), path.read_text().splitlines()
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] == [
        ('title: "Stable Homes, Built on Love: initial LGA view"', 'title: "Stable Homes: our initial view"')
    ]
    assert read_paper(path).paper == retitled
    with pytest.raises(Exception, match="changed on disk"):
        write_paper(path, loaded.paper, loaded.stamp)


def test_the_canonical_layout_reads_back_the_same(tmp_path: Path) -> None:
    paper = read_paper(BUNDLED).paper
    path = write(tmp_path, dump(paper_to_yaml(paper)), "stable-homes-initial-view.yaml")
    assert read_paper(path).paper == paper


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"purpose": "For directoin"}, "4:10: unknown purpose 'For directoin' (did you mean 'For direction'?)"),
        ({"colour": "blue"}, "unknown field 'colour' in a paper"),
        ({"meeting": "2024-02-30"}, "'meeting' is not a real date: 2024-02-30"),
        ({"title": ""}, "the paper has no 'title'"),
        ({"contact": ""}, "the paper has no 'contact'"),
        ({"recommendations": "{lead: That the Board, items: [[a]]}"}, "item 1 of 'items' must be text"),
    ],
)
def test_problems_are_located_with_a_fix(tmp_path: Path, change: dict[str, str], expected: str) -> None:
    found = [str(p) for p in read_paper(write(tmp_path, minimal(**change))).problems]
    assert any(expected in message for message in found), found
    assert all(message.startswith("papers/kinship.yaml:") for message in found)


def test_paragraph_problems_are_located(tmp_path: Path) -> None:
    text = minimal().replace(
        "      - position: kinship-carer-support\n        version: 2023-03-14\n",
        "      - position: kinship-carer-support\n        new_position: kinship-two\n"
        "      - new_position: kinship-three\n        text: Words.\n"
        "      - text: Levelled.\n        level: 4\n",
    )
    found = [str(p) for p in read_paper(write(tmp_path, text)).problems]
    assert (
        "papers/kinship.yaml:13:9: paragraph 1 of the LGA VIEW of section 1 both quotes a position and drafts a "
        "new one; keep 'position:' to edit an existing position, or 'new_position:' to draft one" in found
    )
    assert any(m.startswith("papers/kinship.yaml:15:") and "has no 'title'" in m for m in found), found
    assert any(m.startswith("papers/kinship.yaml:18:16:") and "level must be 1, 2 or 3, not '4'" in m for m in found)


def test_a_copy_under_another_name_reads_as_the_paper_it_protects(tmp_path: Path) -> None:
    copy = write(tmp_path, minimal(), ".kinship.recovery.yaml")
    assert "is not a lower-case slug" in str(read_paper(copy).problems[0])
    recovered = read_paper(copy, slug="kinship")
    assert recovered.problems == [] and recovered.paper.slug == "kinship"


def test_a_paper_is_known_by_its_fields_or_its_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "drafts" / "kinship.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(minimal())
    assert is_paper_file(elsewhere)
    response = tmp_path / "papers" / "odd.yaml"
    response.parent.mkdir()
    response.write_text("consultation: {title: T, department: D}\n")
    assert not is_paper_file(response)
    broken = tmp_path / "papers" / "broken.yaml"
    broken.write_text("board: [unclosed\n")
    assert is_paper_file(broken) and not is_paper_file(tmp_path / "drafts" / "missing.yaml")


# check PAPER ---------------------------------------------------------------------------------------------------


def test_check_names_each_structural_fault(tmp_path: Path, library: Library) -> None:
    text = minimal(
        recommendations="We ask the Board to agree.",
        contact="{name: Alex Morgan, position: Adviser, email: alex.morgan@local.gov.uk}",
    )
    text = text.replace("heading: Background", "heading: Context").replace(
        "heading: Financial Implications", "heading: Financial implications"
    )
    found = messages(write(tmp_path, text), library)
    assert any("the recommendations do not start with 'That '" in m for m in found)
    assert any("the contact details have no phone number" in m for m in found)
    assert any("the body opens with 'Context', not 'Background'" in m for m in found)
    assert any("section 3 is 'Financial implications' (did you mean 'Financial Implications'?)" in m for m in found)


def test_check_refuses_a_closing_section_without_a_paragraph(tmp_path: Path, library: Library) -> None:
    text = minimal().replace(
        "  - heading: Next steps\n    paragraphs:\n      - text: None.\n",
        "  - heading: Next steps\n    paragraphs: []\n",
    )
    assert any("'Next steps' has no paragraph" in m for m in messages(write(tmp_path, text), library))


def test_check_looks_up_new_positions_in_the_taxonomy(tmp_path: Path, library: Library) -> None:
    text = minimal().replace(
        "      - position: kinship-carer-support\n        version: 2023-03-14\n",
        "      - new_position: kinship-carer-support\n        title: T\n        pillar: shbl-p33\n"
        "        stance: cal\n        topics: [kinship]\n        text: Words.\n"
        "      - new_position: kinship-new\n        title: T\n        pillar: shbl-p3\n        stance: call\n"
        "        text: Words.\n"
        "      - new_position: kinship-new\n        title: T\n        pillar: shbl-p3\n        stance: call\n"
        "        text: More words.\n",
    )
    found = messages(write(tmp_path, text), library)
    assert any(":13:23:" in m and "kinship-carer-support is already in the knowledge base" in m for m in found), found
    assert any("unknown pillar 'shbl-p33' (did you mean 'shbl-p3'?)" in m for m in found)
    assert any("unknown stance 'cal' (did you mean 'call'?)" in m for m in found)
    assert any("unknown topic 'kinship' (did you mean 'kinship-care'?)" in m for m in found)
    assert any("drafts kinship-new a second time" in m for m in found)


def test_check_warns_on_annex_references_and_an_unknown_board(tmp_path: Path, library: Library) -> None:
    text = minimal(board="Children and Young Peoples Board").replace(
        "text: Some background.", "text: See Annex 2 and Appendix A."
    )
    found = messages(write(tmp_path, text), library)
    assert any(
        "warning: the board 'Children and Young Peoples Board' is not a body in taxonomy.yaml (did you mean "
        "'Children and Young People Board'?)" in m
        for m in found
    ), found
    assert any("warning: 'Annex 2' names an annex the paper does not have (it has 0)" in m for m in found)
    assert any("warning: 'Appendix A': this paper labels its annexes 'Annex 1'" in m for m in found)


def test_check_warns_on_stale_pins_until_the_paper_is_decided(tmp_path: Path, library: Library) -> None:
    text = minimal().replace(
        "position: kinship-carer-support\n        version: 2023-03-14",
        "position: children-in-care-mental-health\n        version: 2023-03-14",
    )
    stale = "pinned version 2023-03-14 of children-in-care-mental-health is older than its line (2024-01-23)"
    assert any(stale in m for m in messages(write(tmp_path, text), library))
    decided = text + "decided: 2024-03-12\n"
    assert messages(write(tmp_path, decided), library) == []
    early = text + "decided: 2024-03-11\n"
    assert any("decided on 2024-03-11, before its meeting" in m for m in messages(write(tmp_path, early), library))


def test_check_warns_when_view_levels_jump(tmp_path: Path, library: Library) -> None:
    text = minimal().replace("        version: 2023-03-14\n", "        version: 2023-03-14\n        level: 3\n", 1)
    found = messages(write(tmp_path, text), library)
    assert any(
        'the LGA VIEW of section "Background", paragraph 1: level 3 follows a level 1 paragraph' in m for m in found
    ), found
    continued = minimal().replace("        version: 2023-03-14\n", "        version: 2023-03-14\n        level: 2\n", 1)
    assert messages(write(tmp_path, continued), library) == [], "a view may continue its section at level 2"


def test_house_conventions_are_checked_in_the_summary(tmp_path: Path, library: Library) -> None:
    four = "|\n  One.\n\n  Two.\n\n  Three.\n\n  Four."
    long = messages(write(tmp_path, minimal(summary=four)), library)
    assert any("warning: the summary runs to more than 3 paragraphs" in m for m in long), long
    found = messages(write(tmp_path, minimal(summary="Councils overspent by £800m, 10% more.")), library)
    assert any("the summary: '£800m' abbreviates a sum of money" in m for m in found)
    assert any("the summary: '10%' uses the % sign in prose" in m for m in found)


def test_the_contact_shares_the_response_readers_rules(tmp_path: Path) -> None:
    bad = "{name: Alex Morgan, position: Adviser, email: alex.morgan, phone: 020 7664 3000}"
    found = [str(p) for p in read_paper(write(tmp_path, minimal(contact=bad))).problems]
    assert any("the contact email 'alex.morgan' is not an email address" in m for m in found)
    assert read_paper(write(tmp_path, minimal())).paper.contact == Contact(
        "Alex Morgan", "Adviser", "alex.morgan@local.gov.uk", "020 7664 3000"
    )
