"""`policydesk check RESPONSE`: structure, knowledge-base cross-checks, markdown and house conventions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA
from policydesk.response_checks import check_response
from policydesk.store.atomic import Stamp
from policydesk.store.knowledge_base import load_knowledge_base
from policydesk.store.response_file import read_response, write_response


@pytest.fixture
def sample(kb_dir: Path) -> Path:
    folder = kb_dir.parent / "responses"
    folder.mkdir()
    return Path(shutil.copy(DATA / "responses" / "sample.yaml", folder))


def problems(path: Path, kb_dir: Path) -> list[str]:
    return [str(p) for p in check_response(read_response(path), load_knowledge_base(kb_dir).library)]


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return path


def test_sample_has_only_the_stale_pin_warning(sample: Path, kb_dir: Path) -> None:
    assert problems(sample, kb_dir) == [
        'responses/sample.yaml:45:18: warning: section "Funding", paragraph 2: pinned version 2019-01-16 of '
        "high-needs-deficits is older than its line (2023-03-14); run 'policydesk diff high-needs-deficits "
        "--from 2019-01-16' and update the pin"
    ]


def test_unknown_position_and_missing_version(sample: Path, kb_dir: Path) -> None:
    edit(sample, "position: kinship-carer-support", "position: kinship-carers-support")
    edit(sample, "version: 2019-01-16", "version: 2020-01-01")
    found = problems(sample, kb_dir)
    assert found == [
        "responses/sample.yaml:23:19: question 1, paragraph 1: position 'kinship-carers-support' is not in the "
        "knowledge base (did you mean 'kinship-carer-support'?); run 'policydesk search WORDS' to find the id",
        'responses/sample.yaml:45:18: section "Funding", paragraph 2: high-needs-deficits has no version dated '
        "2020-01-01; pin one of: 2019-01-16, 2023-03-14",
    ]


@pytest.mark.parametrize("number", ["one", "1.", "Q1", "1 a"])
def test_malformed_question_number(sample: Path, kb_dir: Path, number: str) -> None:
    edit(sample, 'question: "1"', f'question: "{number}"')
    assert problems(sample, kb_dir)[0] == (
        f"responses/sample.yaml:19:15: question number '{number}' is malformed; "
        "write the consultation's number only, such as 3, 3a or 3.1"
    )


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        (
            "see [this](javascript:alert(1))",
            "link 'javascript:alert(1)' is not a web or email address; "
            "links must start with https://, http:// or mailto:",
        ),
        (
            "see [this](ftp://example.org)",
            "link 'ftp://example.org' is not a web or email address; "
            "links must start with https://, http:// or mailto:",
        ),
        ("a <b>bold</b> claim", "raw HTML is not allowed; use markdown: **bold**, *italic*, [text](https://...)"),
        (
            "a chart ![chart](chart.png)",
            "images are not allowed; remove the image; link to it with [text](https://...) if needed",
        ),
    ],
)
def test_markdown_outside_the_subset(sample: Path, kb_dir: Path, markdown: str, message: str) -> None:
    edit(sample, "text: A detailed point under the paragraph above.", f"text: {markdown}")
    assert problems(sample, kb_dir)[0] == f"responses/sample.yaml:31:15: question 1, paragraph 3: {message}"


def test_characters_word_cannot_hold(sample: Path, kb_dir: Path) -> None:
    edit(sample, "text: A detailed point under the paragraph above.", 'text: "A detailed\\x0c point"')
    assert problems(sample, kb_dir)[0] == (
        "responses/sample.yaml:31:15: 'text' contains U+000C, a control character, at character 11; "
        "delete it; such characters are often pasted in by accident from another program"
    )


def test_status_and_sign_off(sample: Path, kb_dir: Path) -> None:
    edit(sample, "sign_off: {by: Lead Members of the Children and Young People Board, on: 2023-05-01}\n", "")
    assert problems(sample, kb_dir)[0] == (
        "responses/sample.yaml:7:9: status 'signed-off' needs a sign_off record; "
        "add sign_off: {by: NAME, on: YYYY-MM-DD}"
    )
    edit(sample, "status: signed-off", "status: approved")
    assert problems(sample, kb_dir)[0] == (
        "responses/sample.yaml:7:9: unknown status 'approved'; use one of: draft, for-review, signed-off, submitted"
    )


def test_dates_out_of_order_are_warned_of_at_their_lines(sample: Path, kb_dir: Path) -> None:
    edit(sample, "date: 2023-05-02", "date: 2023-05-12")
    edit(sample, "on: 2023-05-01}", "on: 2023-05-14}")
    dated = [p for p in problems(sample, kb_dir) if "closed" in p or "signed off on" in p]
    assert dated == [
        "responses/sample.yaml:8:7: warning: the response is dated 12 May 2023, after the consultation closed on "
        "11 May 2023; check the response's date: and the consultation's closes:; if it went in late by "
        "agreement, leave them",
        "responses/sample.yaml:9:73: warning: the response was signed off on 14 May 2023, after the date it "
        "carries (12 May 2023); check the response's date: and sign_off: on:; a response carries a date on or "
        "after its sign-off",
    ]


def test_writing_conventions_are_warnings_with_the_paragraph(sample: Path, kb_dir: Path) -> None:
    edit(
        sample,
        "text: A detailed point under the paragraph above.",
        "text: Costs rose 12% (£1.7bn) by 2nd March, says our Policy Advisor; we must prioritize 2023-24.",
    )
    found = [p for p in problems(sample, kb_dir) if p.startswith("responses/sample.yaml:31:")]
    assert [p.split(": warning: question 1, paragraph 3: ")[1].split(";")[0] for p in found] == [
        "'12%' uses the % sign in prose",
        "'£1.7bn' abbreviates a sum of money",
        "'2nd March' is an ordinal date",
        "'Advisor' is not the LGA spelling",
        "'prioritize' is an American spelling",
        "'2023-24' looks like a financial year with a hyphen",
    ]


def test_key_messages_and_contact_are_required(sample: Path, kb_dir: Path) -> None:
    text = sample.read_text()
    start, end = text.index("contact:"), text.index("sections:")
    sample.write_text(text[:start] + "key_messages: []\n" + text[end:])
    assert problems(sample, kb_dir)[:2] == [
        "responses/sample.yaml:10:15: there are 0 key messages; give between 1 and 7 key messages, as bullets",
        "responses/sample.yaml:1:1: the response has no contact officer; add contact: {name, position, email}",
    ]


def test_write_then_read_gives_the_same_response(sample: Path) -> None:
    loaded = read_response(sample)
    copy = sample.with_name("copy.yaml")
    write_response(copy, loaded.response, Stamp.absent())
    again = read_response(copy)
    assert again.problems == []
    assert again.response == loaded.response.__class__(**{**loaded.response.__dict__, "slug": "copy"})


def test_new_writes_a_starter_whose_placeholders_must_be_replaced(kb_dir: Path, cli) -> None:
    created = cli("new", "send-plan", "--title", "SEND improvement plan", "--department", "Department for Education")
    assert created.code == 0, created.err
    path = kb_dir.parent / "responses" / "send-plan.yaml"
    found = problems(path, kb_dir)
    placeholders = [p for p in found if "still holds placeholder text from a new response" in p]
    assert [p.split(": ", 1)[1].split(" still")[0] for p in placeholders] == [
        "the contact",
        "key message 1",
        "the text of question 1",
        "question 1, paragraph 1",
    ]
    assert all(": warning:" in p for p in found if p not in placeholders)
    refused = cli("render", "responses/send-plan.yaml")
    assert refused.code == 2 and "still holds placeholder text" in refused.err
    assert not path.with_suffix(".docx").exists()
    rendered = cli("render", "responses/send-plan.yaml", "--draft")
    assert rendered.code == 0, rendered.err
    assert "a draft: it is not finished yet" in rendered.out
    assert (path.with_suffix(".docx")).stat().st_size > 5000
    again = cli("new", "send-plan", "--title", "X", "--department", "Y")
    assert (again.code, again.err) == (
        2,
        "responses/send-plan.yaml: a response with this name already exists; "
        "choose another name, or edit the existing file\n",
    )
    assert cli("new", "../escape", "--title", "X", "--department", "Y").code == 2


def test_render_refuses_a_response_with_errors_and_writes_nothing(sample: Path, kb_dir: Path, cli) -> None:
    edit(sample, "position: kinship-carer-support", "position: nothing-here")
    result = cli("render", str(sample))
    assert result.code == 2
    assert "position 'nothing-here' is not in the knowledge base" in result.err
    assert not sample.with_suffix(".docx").exists()
    assert sorted(p.name for p in sample.parent.iterdir()) == ["sample.yaml"]


def test_render_keeps_the_old_document_when_it_fails(sample: Path, kb_dir: Path, cli) -> None:
    assert cli("render", str(sample)).code == 0
    before = sample.with_suffix(".docx").read_bytes()
    edit(sample, "answer: Agree", "answer: Agreed")
    assert cli("render", str(sample)).code == 2
    assert sample.with_suffix(".docx").read_bytes() == before


def test_five_point_scale_offers_strongly_agree(sample: Path, kb_dir: Path) -> None:
    edit(sample, "answer: Agree", "scale: agreement\n    answer: Strongly agree")
    assert len(problems(sample, kb_dir)) == 1
    loaded = read_response(sample)
    assert loaded.response.sections[0].answers[0] == "Strongly agree"


def test_answer_must_be_on_the_questions_scale(sample: Path, kb_dir: Path) -> None:
    edit(sample, "answer: Agree", "scale: yes-no\n    answer: Agree")
    assert "unknown answer 'Agree'" in problems(sample, kb_dir)[0]
    assert "use one of: Yes, No, Don't know" in problems(sample, kb_dir)[0]


def test_free_text_question_has_no_answer(sample: Path, kb_dir: Path) -> None:
    edit(sample, "answer: Agree", "scale: free-text\n    answer: Agree")
    assert "is a free-text question, so it has no one-word answer" in problems(sample, kb_dir)[0]


def test_options_and_limit_round_trip(sample: Path, kb_dir: Path) -> None:
    edit(sample, "answer: Agree", "options: [Option A, Option B]\n    answer: Option B\n    limit: {words: 250}")
    loaded = read_response(sample)
    section = loaded.response.sections[0]
    assert (section.options, section.answer, str(section.limit)) == (("Option A", "Option B"), "Option B", "250 words")
    write_response(sample, loaded.response, loaded.stamp)
    again = read_response(sample).response.sections[0]
    assert (again.options, again.answer, again.limit) == (section.options, section.answer, section.limit)


@pytest.mark.parametrize("limit", ["{words: many}", "{words: 0}", "{pages: 2}", "{words: 2, characters: 9}"])
def test_malformed_limit(sample: Path, kb_dir: Path, limit: str) -> None:
    edit(sample, "answer: Agree", f"answer: Agree\n    limit: {limit}")
    assert any("must be a number of words or characters" in p for p in problems(sample, kb_dir))


def test_a_later_note_quoted_on_purpose_is_named(sample: Path, kb_dir: Path) -> None:
    notes = kb_dir / "children" / "kinship-carer-support.yaml"
    notes.write_text(
        notes.read_text()
        + """\
  - date: 2024-01-23
    agreed_by: Children and Young People Board
    status: member-remark
    stance: concern
    source: {document: Minutes, paragraph: "item 4"}
    text: A member asked about kinship allowances.
"""
    )
    edit(sample, "        version: 2023-03-14\n      - text: |", "        version: 2024-01-23\n      - text: |")
    found = problems(sample, kb_dir)
    assert found[0].startswith(
        "responses/sample.yaml:24:18: warning: question 1, paragraph 1: quotes a later note of kinship-carer-support "
        "(23 January 2024, a member\u2019s remark at the Children and Young People Board), not its line "
        "(14 March 2023)"
    )
